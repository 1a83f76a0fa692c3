/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Constant-time building blocks for the portable crypto code: masks,
 * comparisons and selections that compile to straight-line code. A mask is
 * all ones for true and zero for false.
 */
#ifndef _TLSHAKE_CRYPTO_CT_H
#define _TLSHAKE_CRYPTO_CT_H

#include "port.h"

/* all ones if @x is zero */
static __always_inline u64 ct_is_zero_mask(u64 x)
{
	return port_opt_barrier_u64(((~x & (x - 1)) >> 63) * ~(u64)0);
}

/* all ones if @a == @b */
static __always_inline u64 ct_eq_mask(u64 a, u64 b)
{
	return ct_is_zero_mask(a ^ b);
}

/* all ones if @a < @b */
static __always_inline u64 ct_lt_mask(u64 a, u64 b)
{
	u64 borrow = (a ^ ((a ^ b) | ((a - b) ^ a))) >> 63;

	return port_opt_barrier_u64(borrow * ~(u64)0);
}

/* @a where @mask is all ones, @b where it is zero */
static __always_inline u64 ct_select(u64 mask, u64 a, u64 b)
{
	return b ^ (mask & (a ^ b));
}

/* dst = src where @mask is all ones; unchanged where zero */
static inline void ct_copy_if(u64 mask, u8 *dst, const u8 *src, size_t len)
{
	u8 m = (u8)port_opt_barrier_u64(mask);
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] ^= m & (dst[i] ^ src[i]);
}

/* swap @a and @b (limb arrays) where @mask is all ones */
static inline void ct_swap_limbs(u64 mask, u64 *a, u64 *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		u64 t = mask & (a[i] ^ b[i]);

		a[i] ^= t;
		b[i] ^= t;
	}
}

/* all ones if the buffers differ; runs over all @len bytes */
static inline u64 ct_memneq_mask(const void *a, const void *b, size_t len)
{
	const u8 *x = a, *y = b;
	u8 acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc |= x[i] ^ y[i];
	return ~ct_is_zero_mask(acc);
}

#endif /* _TLSHAKE_CRYPTO_CT_H */
