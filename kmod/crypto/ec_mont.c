// SPDX-License-Identifier: GPL-2.0
/*
 * Constant-time Montgomery arithmetic for 4- and 6-limb odd moduli.
 *
 * The multiplication is the coarsely integrated operand scanning method
 * (CIOS): one limb of b times a, then one reduction step, n times. The
 * loops are instantiated for 4 and 6 limbs so that the compiler unrolls
 * them. Results are brought below the modulus by a subtraction whose
 * outcome is applied with a mask, never with a branch.
 */
#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#include "ct.h"
#include "ec_mont.h"

/*
 * r = t - m if t >= m, else t, for t < 2m given as n limbs plus a top
 * bit @hi.
 */
static __always_inline void final_sub(u64 *r, const u64 *t, u64 hi,
				      const u64 *m, unsigned int n)
{
	u64 d[EC_MAX_LIMBS], borrow = 0, take;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u128 x = (u128)t[i] - m[i] - borrow;

		d[i] = (u64)x;
		borrow = (u64)(x >> 64) & 1;
	}
	/* t >= m iff the top bit is set or the subtraction did not borrow */
	take = port_opt_barrier_u64(ct_is_zero_mask(borrow) | (0 - hi));
	ec_limbs_select(r, take, d, t, n);
}

/*
 * Montgomery multiplication by product scanning with the reduction
 * interleaved (the "FIPS" method): column k sums a_i b_(k-i) and
 * q_i m_(k-i); below column n, q_k = c0 m0inv makes the column's low limb
 * zero and it is shifted out; from column n on, the low limbs are the
 * result.
 */
static __always_inline void mont_mul_n(const struct ec_mont *mod, u64 *r,
				       const u64 *a, const u64 *b,
				       unsigned int n)
{
	const u64 *m = mod->m;
	u64 q[EC_MAX_LIMBS], t[EC_MAX_LIMBS];
	struct ec_acc s = {};
	unsigned int i, k;

	for (k = 0; k < n; k++) {
		for (i = 0; i <= k; i++)
			ec_acc_mac(&s, a[i], b[k - i]);
		for (i = 0; i < k; i++)
			ec_acc_mac(&s, q[i], m[k - i]);
		q[k] = s.c0 * mod->m0inv;
		ec_acc_mac(&s, q[k], m[0]);
		ec_acc_shift(&s);
	}
	for (k = n; k < 2 * n - 1; k++) {
		for (i = k - n + 1; i < n; i++) {
			ec_acc_mac(&s, a[i], b[k - i]);
			ec_acc_mac(&s, q[i], m[k - i]);
		}
		t[k - n] = ec_acc_shift(&s);
	}
	t[n - 1] = ec_acc_shift(&s);
	final_sub(r, t, s.c0, m, n);
}

/**
 * ec_mont_mul() - Montgomery multiplication
 * @mod: the modulus
 * @r: a b R^-1 mod m (may alias @a or @b)
 * @a: first factor, < m
 * @b: second factor, < m
 *
 * Also correct for any @a < R when @b < m (as ec_mont_to() uses it).
 */
void ec_mont_mul(const struct ec_mont *mod, u64 *r, const u64 *a,
		 const u64 *b)
{
	if (mod->limbs == 4)
		mont_mul_n(mod, r, a, b, 4);
	else
		mont_mul_n(mod, r, a, b, 6);
}
EXPORT_SYMBOL_IF_KUNIT(ec_mont_mul);

/**
 * ec_mont_sqr() - Montgomery squaring
 * @mod: the modulus
 * @r: a^2 R^-1 mod m (may alias @a)
 * @a: the operand, < m
 */
void ec_mont_sqr(const struct ec_mont *mod, u64 *r, const u64 *a)
{
	ec_mont_mul(mod, r, a, a);
}

/**
 * ec_mont_to() - convert into Montgomery form
 * @mod: the modulus
 * @r: a R mod m
 * @a: any number below R (need not be reduced)
 */
void ec_mont_to(const struct ec_mont *mod, u64 *r, const u64 *a)
{
	ec_mont_mul(mod, r, a, mod->rr);
}
EXPORT_SYMBOL_IF_KUNIT(ec_mont_to);

/**
 * ec_mont_from() - convert out of Montgomery form
 * @mod: the modulus
 * @r: a R^-1 mod m, fully reduced
 * @a: the operand, < m
 */
void ec_mont_from(const struct ec_mont *mod, u64 *r, const u64 *a)
{
	u64 one[EC_MAX_LIMBS] = { 1 };

	ec_mont_mul(mod, r, a, one);
}
EXPORT_SYMBOL_IF_KUNIT(ec_mont_from);

static __always_inline void mod_add_n(const u64 *m, u64 *r, const u64 *a,
				      const u64 *b, unsigned int n)
{
	u64 t[EC_MAX_LIMBS], c = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u128 x = (u128)a[i] + b[i] + c;

		t[i] = (u64)x;
		c = (u64)(x >> 64);
	}
	final_sub(r, t, c, m, n);
}

static __always_inline void mod_sub_n(const u64 *m, u64 *r, const u64 *a,
				      const u64 *b, unsigned int n)
{
	u64 t[EC_MAX_LIMBS], borrow = 0, mask, c = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u128 x = (u128)a[i] - b[i] - borrow;

		t[i] = (u64)x;
		borrow = (u64)(x >> 64) & 1;
	}
	/* add m back if it borrowed */
	mask = port_opt_barrier_u64(0 - borrow);
	for (i = 0; i < n; i++) {
		u128 x = (u128)t[i] + (m[i] & mask) + c;

		r[i] = (u64)x;
		c = (u64)(x >> 64);
	}
}

/**
 * ec_mod_add() - modular addition
 * @mod: the modulus
 * @r: a + b mod m (may alias)
 * @a: first operand, < m
 * @b: second operand, < m
 */
void ec_mod_add(const struct ec_mont *mod, u64 *r, const u64 *a,
		const u64 *b)
{
	if (mod->limbs == 4)
		mod_add_n(mod->m, r, a, b, 4);
	else
		mod_add_n(mod->m, r, a, b, 6);
}

/**
 * ec_mod_sub() - modular subtraction
 * @mod: the modulus
 * @r: a - b mod m (may alias)
 * @a: first operand, < m
 * @b: second operand, < m
 */
void ec_mod_sub(const struct ec_mont *mod, u64 *r, const u64 *a,
		const u64 *b)
{
	if (mod->limbs == 4)
		mod_sub_n(mod->m, r, a, b, 4);
	else
		mod_sub_n(mod->m, r, a, b, 6);
}

/**
 * ec_mod_reduce_once() - reduce a number below 2m
 * @mod: the modulus
 * @r: a mod m
 * @a: a number below 2m and below R
 */
void ec_mod_reduce_once(const struct ec_mont *mod, u64 *r, const u64 *a)
{
	final_sub(r, a, 0, mod->m, mod->limbs);
}
EXPORT_SYMBOL_IF_KUNIT(ec_mod_reduce_once);

static unsigned int exp_bit(const u64 *e, int i)
{
	return (e[i / 64] >> (i % 64)) & 1;
}

/**
 * ec_mont_inv() - modular inverse by Fermat's little theorem
 * @mod: the modulus, a prime
 * @r: a^-1 R mod m (Montgomery form in, Montgomery form out); 0 for 0
 * @a: the operand in Montgomery form, < m
 *
 * Computes a^(m-2) with a left-to-right sliding window over the public
 * exponent: the sequence of squarings and multiplications, and the table
 * entries used, depend on the modulus only.
 */
void ec_mont_inv(const struct ec_mont *mod, u64 *r, const u64 *a)
{
	u64 odd[8][EC_MAX_LIMBS], e[EC_MAX_LIMBS], acc[EC_MAX_LIMBS];
	unsigned int n = mod->limbs, k, val;
	u64 borrow = 2;
	int i, j, l;

	for (k = 0; k < n; k++) {		/* e = m - 2 */
		e[k] = mod->m[k] - borrow;
		borrow = mod->m[k] < borrow;
	}
	/* odd[k] = a^(2k + 1) */
	memcpy(odd[0], a, n * 8);
	ec_mont_sqr(mod, acc, a);
	for (k = 1; k < 8; k++)
		ec_mont_mul(mod, odd[k], odd[k - 1], acc);

	memcpy(acc, mod->one, n * 8);
	for (i = 64 * n - 1; i >= 0; i = l - 1) {
		if (!exp_bit(e, i)) {
			ec_mont_sqr(mod, acc, acc);
			l = i;
			continue;
		}
		/* the longest window of at most 4 bits ending in a one */
		for (l = i > 3 ? i - 3 : 0; !exp_bit(e, l); l++)
			;
		for (val = 0, j = i; j >= l; j--) {
			val = 2 * val + exp_bit(e, j);
			ec_mont_sqr(mod, acc, acc);
		}
		ec_mont_mul(mod, acc, acc, odd[val / 2]);
	}
	memcpy(r, acc, n * 8);
	memzero_explicit(odd, sizeof(odd));
	memzero_explicit(acc, sizeof(acc));
}
EXPORT_SYMBOL_IF_KUNIT(ec_mont_inv);

/**
 * ec_limbs_lt_mask() - constant-time comparison
 * @a: first number
 * @b: second number
 * @n: limbs of each
 *
 * Return: all ones if @a < @b, else zero.
 */
u64 ec_limbs_lt_mask(const u64 *a, const u64 *b, unsigned int n)
{
	u64 borrow = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u128 x = (u128)a[i] - b[i] - borrow;

		borrow = (u64)(x >> 64) & 1;
	}
	return port_opt_barrier_u64(0 - borrow);
}
EXPORT_SYMBOL_IF_KUNIT(ec_limbs_lt_mask);

/**
 * ec_limbs_zero_mask() - constant-time test for zero
 * @a: the number
 * @n: its limbs
 *
 * Return: all ones if @a is zero, else zero.
 */
u64 ec_limbs_zero_mask(const u64 *a, unsigned int n)
{
	u64 acc = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		acc |= a[i];
	return ct_is_zero_mask(acc);
}

/**
 * ec_limbs_from_be() - load a big-endian byte string
 * @r: @n limbs out
 * @n: number of limbs
 * @in: the bytes
 * @len: their number, at most 8 @n
 */
void ec_limbs_from_be(u64 *r, unsigned int n, const u8 *in, size_t len)
{
	size_t i;

	memset(r, 0, n * 8);
	for (i = 0; i < len; i++)
		r[i / 8] |= (u64)in[len - 1 - i] << (8 * (i % 8));
}

/**
 * ec_limbs_to_be() - store as a big-endian byte string
 * @out: @len bytes
 * @len: the length; the number is truncated to it
 * @a: the number, at least ceil(@len / 8) limbs
 */
void ec_limbs_to_be(u8 *out, size_t len, const u64 *a)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[len - 1 - i] = (u8)(a[i / 8] >> (8 * (i % 8)));
}

/**
 * ec_limbs_from_le() - load a little-endian byte string
 * @r: @n limbs out
 * @n: number of limbs
 * @in: the bytes
 * @len: their number, at most 8 @n
 */
void ec_limbs_from_le(u64 *r, unsigned int n, const u8 *in, size_t len)
{
	size_t i;

	memset(r, 0, n * 8);
	for (i = 0; i < len; i++)
		r[i / 8] |= (u64)in[i] << (8 * (i % 8));
}

/**
 * ec_limbs_to_le() - store as a little-endian byte string
 * @out: @len bytes
 * @len: the length; the number is truncated to it
 * @a: the number, at least ceil(@len / 8) limbs
 */
void ec_limbs_to_le(u8 *out, size_t len, const u64 *a)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = (u8)(a[i / 8] >> (8 * (i % 8)));
}
