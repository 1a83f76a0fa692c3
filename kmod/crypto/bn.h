/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Constant-time multi-precision arithmetic for RSA (1024 to 8192 bits).
 *
 * Numbers are arrays of 64-bit limbs, least significant first; their
 * lengths in limbs are public. Every function here runs in time, and with
 * memory accesses, that depend only on those lengths, except where a
 * comment says "variable-time in": then only the named public values
 * (a public modulus, a public exponent) change the flow.
 *
 * Montgomery arithmetic uses R = 2^(64 * n) for an n-limb odd modulus m;
 * "Montgomery form" of x is x * R mod m.
 */
#ifndef _TLSHAKE_CRYPTO_BN_H
#define _TLSHAKE_CRYPTO_BN_H

#include "port.h"

#ifndef __SIZEOF_INT128__
#error "bn.c needs a compiler with 128-bit integers (64-bit targets)"
#endif

#define BN_MAX_LIMBS		128	/* 8192 bits */
#define BN_WINDOW		5	/* fixed exponent window, in bits */
#define BN_TABLE_LEN		32	/* 2^BN_WINDOW entries */
#define BN_EXP_MAX_BASES	2

/**
 * struct bn_mont - a Montgomery context for an odd modulus
 * @n: limbs of the modulus
 * @m0inv: -m^-1 mod 2^64
 * @m: the modulus, @n limbs
 * @rr: R^2 mod m, @n limbs
 * @one: R mod m (1 in Montgomery form), @n limbs
 *
 * Read-only once made, so several threads may use one context at once.
 */
struct bn_mont {
	size_t n;
	u64 m0inv;
	u64 *m;
	u64 *rr;
	u64 *one;
};

/**
 * bn_limbs() - limbs needed for a number of bytes
 * @bytes: the number of bytes
 *
 * Return: ceil(@bytes / 8).
 */
static inline size_t bn_limbs(size_t bytes)
{
	return (bytes + 7) / 8;
}

/**
 * BN_SCRATCH_LIMBS() - scratch that the functions taking @t need
 * @n: limbs of the modulus
 */
#define BN_SCRATCH_LIMBS(n)	(4 * (n) + 2)

/**
 * bn_exp_scratch_limbs() - scratch that bn_mont_exp_ct() needs
 * @n: limbs of the modulus
 * @bases: number of bases
 *
 * Return: the number of limbs.
 */
static inline size_t bn_exp_scratch_limbs(size_t n, int bases)
{
	return bases * BN_TABLE_LEN * n + n + BN_SCRATCH_LIMBS(n);
}

u64 bn_from_bytes(u64 *r, size_t n, const u8 *in, size_t len);
void bn_to_bytes(u8 *out, size_t len, const u64 *a, size_t n);
u64 bn_add(u64 *r, const u64 *a, const u64 *b, size_t n);
u64 bn_sub(u64 *r, const u64 *a, const u64 *b, size_t n);
u64 bn_lt_mask(const u64 *a, const u64 *b, size_t n);
u64 bn_eq_mask(const u64 *a, const u64 *b, size_t n);
void bn_mul(u64 *r, const u64 *a, size_t an, const u64 *b, size_t bn);
size_t bn_bits_public(const u64 *a, size_t n);

struct bn_mont *bn_mont_new(const u64 *m, size_t n, bool secret);
void bn_mont_free(struct bn_mont *ctx);
void bn_mont_mul(const struct bn_mont *ctx, u64 *r, const u64 *a,
		 const u64 *b, u64 *t);
void bn_mont_sqr(const struct bn_mont *ctx, u64 *r, const u64 *a, u64 *t);
void bn_mod_add(const struct bn_mont *ctx, u64 *r, const u64 *a,
		const u64 *b);
void bn_mod_sub(const struct bn_mont *ctx, u64 *r, const u64 *a,
		const u64 *b);
void bn_mont_reduce(const struct bn_mont *ctx, u64 *r, const u64 *a,
		    size_t an, u64 *t);
void bn_to_mont(const struct bn_mont *ctx, u64 *r, const u64 *a, u64 *t);
void bn_from_mont(const struct bn_mont *ctx, u64 *r, const u64 *a, u64 *t);
void bn_mont_exp_ct(const struct bn_mont *ctx, u64 *r,
		    const u64 *const *base, const u64 *const *exp, int bases,
		    size_t el, u64 *scratch);
void bn_mont_exp_public(const struct bn_mont *ctx, u64 *r, const u64 *base,
			const u8 *e, size_t e_len, u64 *t);

#endif /* _TLSHAKE_CRYPTO_BN_H */
