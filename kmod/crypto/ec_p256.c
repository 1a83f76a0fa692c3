// SPDX-License-Identifier: GPL-2.0
/*
 * The field of P-256, p = 2^256 - 2^224 + 2^192 + 2^96 - 1, in Montgomery
 * form with R = 2^256, written for its prime.
 *
 * Since p = -1 mod 2^64, the Montgomery quotient of each reduction step is
 * the low limb itself, and adding q p needs one multiplication (by the top
 * limb 2^64 - 2^32 + 1) plus a shift: q (2^64 - 1) clears the low limb and
 * carries q, q (2^32 - 1) into the next limb plus that carry is q 2^32, and
 * the third limb of p is zero. All of it is branch-free.
 */
#include "ct.h"
#include "ec.h"

#define P256_P1	0x00000000ffffffffULL
#define P256_P3	0xffffffff00000001ULL

static const u64 p256_p[4] = {
	0xffffffffffffffffULL, P256_P1, 0, P256_P3
};

/*
 * A three-limb column accumulator (c0, c1, c2) for product scanning: each
 * column of the product and of the Montgomery reduction is summed in it.
 * The compares compile to carry-flag arithmetic (add/adc), not branches.
 */
struct acc {
	u64 c0, c1, c2;
};

/* acc += a b */
static __always_inline void mac(struct acc *s, u64 a, u64 b)
{
	u128 p = (u128)a * b;
	u64 lo = (u64)p, hi = (u64)(p >> 64);

	s->c0 += lo;
	hi += s->c0 < lo;
	s->c1 += hi;
	s->c2 += s->c1 < hi;
}

/* acc += 2 a b */
static __always_inline void mac2(struct acc *s, u64 a, u64 b)
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
static __always_inline u64 shift(struct acc *s)
{
	u64 r = s->c0;

	s->c0 = s->c1;
	s->c1 = s->c2;
	s->c2 = 0;
	return r;
}

/*
 * End a column below R: its Montgomery quotient is q = c0 (p = -1 mod
 * 2^64), and c0 + q (2^64 - 1) = q 2^64, so adding q p_0 clears the low
 * limb and carries q.
 */
static __always_inline u64 reduce_column(struct acc *s)
{
	u64 q = s->c0;

	s->c0 = s->c1 + q;
	s->c1 = s->c2 + (s->c0 < q);
	s->c2 = 0;
	return q;
}

/* r = t mod p for t = (t0..t3) + top 2^256 < 2p */
static __always_inline void p256_final(u64 *r, const u64 *t, u64 top)
{
	u64 d[4], borrow = 0, take;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		u128 x = (u128)t[i] - p256_p[i] - borrow;

		d[i] = (u64)x;
		borrow = (u64)(x >> 64) & 1;
	}
	take = port_opt_barrier_u64(ct_is_zero_mask(borrow) | (0 - top));
	ec_limbs_select(r, take, d, t, 4);
}

/*
 * The upper half of a Montgomery product: columns 4..7 of the product
 * (already summed into @s by the caller for column 4), plus q p.
 */
static __always_inline void p256_upper(u64 *r, struct acc *s, const u64 *q,
				       const u64 *a, const u64 *b, bool sqr)
{
	u64 t[4];

	mac(s, q[1], P256_P3);
	mac(s, q[3], P256_P1);
	t[0] = shift(s);
	if (sqr) {
		mac2(s, a[2], a[3]);
	} else {
		mac(s, a[2], b[3]);
		mac(s, a[3], b[2]);
	}
	mac(s, q[2], P256_P3);
	t[1] = shift(s);
	mac(s, a[3], b[3]);
	mac(s, q[3], P256_P3);
	t[2] = shift(s);
	t[3] = shift(s);
	p256_final(r, t, s->c0);
}

/**
 * ec_p256_mul() - multiplication in P-256's field
 * @r: a b R^-1 mod p (may alias)
 * @a: first factor, < p
 * @b: second factor, < p
 *
 * Product scanning with the reduction interleaved column by column
 * (p_2 = 0, so its products are left out).
 */
void ec_p256_mul(u64 *r, const u64 *a, const u64 *b)
{
	struct acc s = {};
	u64 q[4];

	mac(&s, a[0], b[0]);
	q[0] = reduce_column(&s);
	mac(&s, a[0], b[1]);
	mac(&s, a[1], b[0]);
	mac(&s, q[0], P256_P1);
	q[1] = reduce_column(&s);
	mac(&s, a[0], b[2]);
	mac(&s, a[1], b[1]);
	mac(&s, a[2], b[0]);
	mac(&s, q[1], P256_P1);
	q[2] = reduce_column(&s);
	mac(&s, a[0], b[3]);
	mac(&s, a[1], b[2]);
	mac(&s, a[2], b[1]);
	mac(&s, a[3], b[0]);
	mac(&s, q[0], P256_P3);
	mac(&s, q[2], P256_P1);
	q[3] = reduce_column(&s);
	mac(&s, a[1], b[3]);
	mac(&s, a[2], b[2]);
	mac(&s, a[3], b[1]);
	p256_upper(r, &s, q, a, b, false);
}

/**
 * ec_p256_sqr() - squaring in P-256's field
 * @r: a^2 R^-1 mod p (may alias)
 * @a: the operand, < p
 */
void ec_p256_sqr(u64 *r, const u64 *a)
{
	struct acc s = {};
	u64 q[4];

	mac(&s, a[0], a[0]);
	q[0] = reduce_column(&s);
	mac2(&s, a[0], a[1]);
	mac(&s, q[0], P256_P1);
	q[1] = reduce_column(&s);
	mac2(&s, a[0], a[2]);
	mac(&s, a[1], a[1]);
	mac(&s, q[1], P256_P1);
	q[2] = reduce_column(&s);
	mac2(&s, a[0], a[3]);
	mac2(&s, a[1], a[2]);
	mac(&s, q[0], P256_P3);
	mac(&s, q[2], P256_P1);
	q[3] = reduce_column(&s);
	mac2(&s, a[1], a[3]);
	mac(&s, a[2], a[2]);
	p256_upper(r, &s, q, a, a, true);
}

static void sqr_n(u64 *r, const u64 *a, unsigned int n)
{
	ec_p256_sqr(r, a);
	while (--n)
		ec_p256_sqr(r, r);
}

/**
 * ec_p256_inv() - inversion in P-256's field
 * @r: a^-1 (Montgomery form), 0 for 0
 * @a: the operand, Montgomery form
 *
 * a^(p - 2) by a fixed addition chain (255 squarings, 13 multiplications);
 * p - 2 is, from the top, 32 ones, 31 zeros, a one, 96 zeros, 94 ones, a
 * zero and a one. x<k> below is a^(2^k - 1).
 */
void ec_p256_inv(u64 *r, const u64 *a)
{
	u64 x2[4], x4[4], x8[4], x16[4], x30[4], acc[4];

	sqr_n(x2, a, 1);
	ec_p256_mul(x2, x2, a);
	sqr_n(x4, x2, 2);
	ec_p256_mul(x4, x4, x2);
	sqr_n(x8, x4, 4);
	ec_p256_mul(x8, x8, x4);
	sqr_n(x16, x8, 8);
	ec_p256_mul(x16, x16, x8);
	sqr_n(x30, x16, 8);
	ec_p256_mul(x30, x30, x8);
	sqr_n(x30, x30, 4);
	ec_p256_mul(x30, x30, x4);
	sqr_n(x30, x30, 2);
	ec_p256_mul(x30, x30, x2);
	sqr_n(acc, x30, 2);
	ec_p256_mul(x16, acc, x2);		/* x32 */

	sqr_n(acc, x16, 32);			/* 32 ones, 31 zeros, a one */
	ec_p256_mul(acc, acc, a);
	sqr_n(acc, acc, 96);			/* 96 zeros */
	sqr_n(acc, acc, 32);			/* 94 ones */
	ec_p256_mul(acc, acc, x16);
	sqr_n(acc, acc, 32);
	ec_p256_mul(acc, acc, x16);
	sqr_n(acc, acc, 30);
	ec_p256_mul(acc, acc, x30);
	sqr_n(acc, acc, 2);			/* a zero and a one */
	ec_p256_mul(r, acc, a);

	memzero_explicit(x2, sizeof(x2));
	memzero_explicit(x4, sizeof(x4));
	memzero_explicit(x8, sizeof(x8));
	memzero_explicit(x16, sizeof(x16));
	memzero_explicit(x30, sizeof(x30));
	memzero_explicit(acc, sizeof(acc));
}
