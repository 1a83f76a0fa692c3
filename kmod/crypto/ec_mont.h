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

/* r = @a where @mask is all ones, @b where it is zero */
static inline void ec_limbs_select(u64 *r, u64 mask, const u64 *a,
				   const u64 *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		r[i] = b[i] ^ (mask & (a[i] ^ b[i]));
}

#endif /* _TLSHAKE_CRYPTO_EC_MONT_H */
