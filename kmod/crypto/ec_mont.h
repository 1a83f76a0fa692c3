/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Constant-time arithmetic modulo an odd modulus of 4 or 6 64-bit limbs, in
 * Montgomery form (R = 2^(64 limbs)): the fields and group orders of P-256
 * and P-384, and the order L of edwards25519.
 *
 * Numbers are little-endian arrays of u64 limbs. Every function takes the
 * same time and touches the same memory whatever the values of its
 * operands; only the modulus (public) may steer control flow. Operands of
 * the modular functions must be reduced (< modulus); results are.
 */
#ifndef _TLSHAKE_CRYPTO_EC_MONT_H
#define _TLSHAKE_CRYPTO_EC_MONT_H

#include "port.h"

#define EC_MAX_LIMBS	6

/**
 * struct ec_mont - an odd modulus and its Montgomery constants
 * @m: the modulus
 * @rr: R^2 mod @m
 * @one: R mod @m (1 in Montgomery form)
 * @m0inv: -@m^-1 mod 2^64
 * @limbs: number of limbs, 4 or 6
 */
struct ec_mont {
	const u64 *m;
	const u64 *rr;
	const u64 *one;
	u64 m0inv;
	unsigned int limbs;
};

void ec_mont_mul(const struct ec_mont *mod, u64 *r, const u64 *a,
		 const u64 *b);
void ec_mont_sqr(const struct ec_mont *mod, u64 *r, const u64 *a);
void ec_mont_to(const struct ec_mont *mod, u64 *r, const u64 *a);
void ec_mont_from(const struct ec_mont *mod, u64 *r, const u64 *a);
void ec_mont_inv(const struct ec_mont *mod, u64 *r, const u64 *a);
void ec_mod_inv(const struct ec_mont *mod, u64 *r, const u64 *a);
void ec_mod_add(const struct ec_mont *mod, u64 *r, const u64 *a,
		const u64 *b);
void ec_mod_sub(const struct ec_mont *mod, u64 *r, const u64 *a,
		const u64 *b);
void ec_mod_reduce_once(const struct ec_mont *mod, u64 *r, const u64 *a);

u64 ec_limbs_lt_mask(const u64 *a, const u64 *b, unsigned int n);
u64 ec_limbs_zero_mask(const u64 *a, unsigned int n);
void ec_limbs_from_be(u64 *r, unsigned int n, const u8 *in, size_t len);
void ec_limbs_to_be(u8 *out, size_t len, const u64 *a);
void ec_limbs_from_le(u64 *r, unsigned int n, const u8 *in, size_t len);
void ec_limbs_to_le(u8 *out, size_t len, const u64 *a);

/**
 * struct ec_acc - a three-limb column accumulator for product scanning
 * @c0: low limb
 * @c1: middle limb
 * @c2: high limb
 *
 * Each column of a product (and of a Montgomery reduction) is summed in
 * it. The compares in the helpers compile to carry-flag arithmetic, not
 * to branches.
 */
struct ec_acc {
	u64 c0, c1, c2;
};

/* acc += a b */
static __always_inline void ec_acc_mac(struct ec_acc *s, u64 a, u64 b)
{
	u128 p = (u128)a * b;
	u64 lo = (u64)p, hi = (u64)(p >> 64);

	s->c0 += lo;
	hi += s->c0 < lo;
	s->c1 += hi;
	s->c2 += s->c1 < hi;
}

/* acc += 2 a b */
static __always_inline void ec_acc_mac2(struct ec_acc *s, u64 a, u64 b)
{
	u128 p = (u128)a * b;
	u64 lo = (u64)p, hi = (u64)(p >> 64);

	s->c2 += hi >> 63;
	hi = (hi << 1) | (lo >> 63);
	lo <<= 1;
	s->c0 += lo;
	hi += s->c0 < lo;
	s->c1 += hi;
	s->c2 += s->c1 < hi;
}

/* return the low limb and shift the accumulator down by one limb */
static __always_inline u64 ec_acc_shift(struct ec_acc *s)
{
	u64 r = s->c0;

	s->c0 = s->c1;
	s->c1 = s->c2;
	s->c2 = 0;
	return r;
}

/* r = @a where @mask is all ones, @b where it is zero */
static inline void ec_limbs_select(u64 *r, u64 mask, const u64 *a,
				   const u64 *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		r[i] = b[i] ^ (mask & (a[i] ^ b[i]));
}

#endif /* _TLSHAKE_CRYPTO_EC_MONT_H */
