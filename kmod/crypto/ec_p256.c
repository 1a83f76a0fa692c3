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
#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#include "ct.h"
#include "ec.h"

#define P256_P1	0x00000000ffffffffULL
#define P256_P3	0xffffffff00000001ULL

static const u64 p256_p[4] = {
	0xffffffffffffffffULL, P256_P1, 0, P256_P3
};

/* The running sum of a CIOS Montgomery product, as scalars. */
struct p256_acc {
	u64 t0, t1, t2, t3, t4;
};

/*
 * a b + t + c: the low limb returned, the high limb into c. The carries
 * are compares, which gcc turns into add/adc; 128-bit additions would
 * cost it a third more instructions.
 */
static __always_inline u64 muladd(u64 a, u64 b, u64 t, u64 *c)
{
	u128 p = (u128)a * b;
	u64 lo = (u64)p, hi = (u64)(p >> 64);

	lo += t;
	hi += lo < t;
	lo += *c;
	hi += lo < *c;
	*c = hi;
	return lo;
}

/*
 * One step of coarsely integrated operand scanning: t += a b_i, then add
 * q p with q = t0 (p = -1 mod 2^64) and shift down one limb. q (2^64 - 1)
 * turns the low limb into a carry of q; with q (2^32 - 1) on the next limb
 * that is q 2^32 there; p's third limb is zero; its top limb needs the one
 * real multiplication.
 */
static __always_inline void p256_step(struct p256_acc *s, const u64 *a,
				      u64 bi)
{
	u64 c = 0, q, t5, x, qs = 0;

	s->t0 = muladd(a[0], bi, s->t0, &c);
	s->t1 = muladd(a[1], bi, s->t1, &c);
	s->t2 = muladd(a[2], bi, s->t2, &c);
	s->t3 = muladd(a[3], bi, s->t3, &c);
	s->t4 += c;
	t5 = s->t4 < c;

	q = s->t0;
	qs = q << 32;
	x = s->t1 + qs;
	c = (x < qs) + (q >> 32);
	s->t0 = x;
	x = s->t2 + c;
	c = x < c;
	s->t1 = x;
	s->t2 = muladd(q, P256_P3, s->t3, &c);
	x = s->t4 + c;
	s->t3 = x;
	s->t4 = t5 + (x < c);
}

/* r = t mod p for t = (t0..t3) + t4 2^256 < 2p */
static __always_inline void p256_final(u64 *r, const struct p256_acc *s)
{
	u64 d0, d1, d2, d3, br = 0, take;
	u128 x;

	x = (u128)s->t0 - p256_p[0];
	d0 = (u64)x;
	br = (u64)(x >> 64) & 1;
	x = (u128)s->t1 - p256_p[1] - br;
	d1 = (u64)x;
	br = (u64)(x >> 64) & 1;
	x = (u128)s->t2 - br;
	d2 = (u64)x;
	br = (u64)(x >> 64) & 1;
	x = (u128)s->t3 - P256_P3 - br;
	d3 = (u64)x;
	br = (u64)(x >> 64) & 1;
	take = port_opt_barrier_u64(ct_is_zero_mask(br) | (0 - s->t4));
	r[0] = s->t0 ^ (take & (s->t0 ^ d0));
	r[1] = s->t1 ^ (take & (s->t1 ^ d1));
	r[2] = s->t2 ^ (take & (s->t2 ^ d2));
	r[3] = s->t3 ^ (take & (s->t3 ^ d3));
}

/**
 * ec_p256_mul() - multiplication in P-256's field
 * @r: a b R^-1 mod p (may alias)
 * @a: first factor, < p
 * @b: second factor, < p
 */
void ec_p256_mul(u64 *r, const u64 *a, const u64 *b)
{
	struct p256_acc s = {};
	u64 av[4] = { a[0], a[1], a[2], a[3] };

	p256_step(&s, av, b[0]);
	p256_step(&s, av, b[1]);
	p256_step(&s, av, b[2]);
	p256_step(&s, av, b[3]);
	p256_final(r, &s);
}
EXPORT_SYMBOL_IF_KUNIT(ec_p256_mul);

/* a + b + carry; the compares compile to carry-flag arithmetic */
static __always_inline u64 addc(u64 a, u64 b, u64 *carry)
{
	u64 s = a + *carry, c = s < a;

	s += b;
	*carry = c | (s < b);
	return s;
}

/* a - b - borrow */
static __always_inline u64 subb(u64 a, u64 b, u64 *borrow)
{
	u64 d = a - b, br = a < b, r = d - *borrow;

	*borrow = br | (d < *borrow);
	return r;
}

/* one reduction step on the low limbs of (t0..t3, t4): add q p, shift */
static __always_inline void p256_redc_step(struct p256_acc *s)
{
	u64 q = s->t0, c;
	u128 x;

	x = (u128)s->t1 + (q << 32);
	s->t0 = (u64)x;
	c = (u64)(x >> 64) + (q >> 32);
	x = (u128)s->t2 + c;
	s->t1 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)q * P256_P3 + s->t3 + c;
	s->t2 = (u64)x;
	s->t3 = (u64)(x >> 64);
}

/**
 * ec_p256_sqr() - squaring in P-256's field
 * @r: a^2 R^-1 mod p (may alias)
 * @a: the operand, < p
 *
 * The products a_i a_j (i < j) once, doubled, plus the squares: 10
 * multiplications instead of 16; then four reduction steps on the low
 * half, added to the high half.
 */
void ec_p256_sqr(u64 *r, const u64 *a)
{
	u64 a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
	u64 t1, t2, t3, t4, t5, t6, t7, c, hi;
	struct ec_acc s = {};
	struct p256_acc lo;
	u128 x;

	/* cross products a_i a_j, i < j, by columns */
	ec_acc_mac(&s, a0, a1);
	t1 = ec_acc_shift(&s);
	ec_acc_mac(&s, a0, a2);
	t2 = ec_acc_shift(&s);
	ec_acc_mac(&s, a0, a3);
	ec_acc_mac(&s, a1, a2);
	t3 = ec_acc_shift(&s);
	ec_acc_mac(&s, a1, a3);
	t4 = ec_acc_shift(&s);
	ec_acc_mac(&s, a2, a3);
	t5 = ec_acc_shift(&s);
	t6 = ec_acc_shift(&s);
	/* doubled */
	t7 = t6 >> 63;
	t6 = t6 << 1 | t5 >> 63;
	t5 = t5 << 1 | t4 >> 63;
	t4 = t4 << 1 | t3 >> 63;
	t3 = t3 << 1 | t2 >> 63;
	t2 = t2 << 1 | t1 >> 63;
	t1 <<= 1;
	/* plus the squares */
	x = (u128)a0 * a0;
	lo.t0 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)t1 + c;
	lo.t1 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)a1 * a1 + t2 + c;
	lo.t2 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)t3 + c;
	lo.t3 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)a2 * a2 + t4 + c;
	t4 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)t5 + c;
	t5 = (u64)x;
	c = (u64)(x >> 64);
	x = (u128)a3 * a3 + t6 + c;
	t6 = (u64)x;
	t7 += (u64)(x >> 64);
	/* Montgomery-reduce the low half; its excess adds to the high */
	p256_redc_step(&lo);
	p256_redc_step(&lo);
	p256_redc_step(&lo);
	p256_redc_step(&lo);
	c = 0;
	lo.t0 = addc(lo.t0, t4, &c);
	lo.t1 = addc(lo.t1, t5, &c);
	lo.t2 = addc(lo.t2, t6, &c);
	lo.t3 = addc(lo.t3, t7, &c);
	hi = c;
	lo.t4 = hi;
	p256_final(r, &lo);
}
EXPORT_SYMBOL_IF_KUNIT(ec_p256_sqr);

/**
 * ec_p256_add() - addition in P-256's field
 * @r: a + b mod p (may alias)
 * @a: first operand, < p
 * @b: second operand, < p
 */
void ec_p256_add(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, c = 0, br = 0, d0, d1, d2, d3, take;

	t0 = addc(a[0], b[0], &c);
	t1 = addc(a[1], b[1], &c);
	t2 = addc(a[2], b[2], &c);
	t3 = addc(a[3], b[3], &c);
	d0 = subb(t0, p256_p[0], &br);
	d1 = subb(t1, p256_p[1], &br);
	d2 = subb(t2, 0, &br);
	d3 = subb(t3, P256_P3, &br);
	/* keep t - p unless t < p: carry = 0 and the subtraction borrowed */
	take = port_opt_barrier_u64((0 - c) | (br - 1));
	r[0] = t0 ^ (take & (t0 ^ d0));
	r[1] = t1 ^ (take & (t1 ^ d1));
	r[2] = t2 ^ (take & (t2 ^ d2));
	r[3] = t3 ^ (take & (t3 ^ d3));
}

/**
 * ec_p256_sub() - subtraction in P-256's field
 * @r: a - b mod p (may alias)
 * @a: first operand, < p
 * @b: second operand, < p
 */
void ec_p256_sub(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, br = 0, c = 0, m;

	t0 = subb(a[0], b[0], &br);
	t1 = subb(a[1], b[1], &br);
	t2 = subb(a[2], b[2], &br);
	t3 = subb(a[3], b[3], &br);
	/* add p back if it borrowed */
	m = port_opt_barrier_u64(0 - br);
	r[0] = addc(t0, m & p256_p[0], &c);
	r[1] = addc(t1, m & p256_p[1], &c);
	r[2] = addc(t2, 0, &c);
	r[3] = addc(t3, m & P256_P3, &c);
}
