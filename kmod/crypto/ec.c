// SPDX-License-Identifier: GPL-2.0
/*
 * P-256 and P-384: curve constants, complete projective point formulas and
 * the encoding of points.
 *
 * The formulas are Algorithms 4, 5 and 6 of Renes, Costello and Batina,
 * "Complete addition formulas for prime order elliptic curves" (EUROCRYPT
 * 2016), for a = -3. They are exception-free on prime-order curves: the
 * same sequence of field operations gives the right answer for P + Q,
 * P + P, P + (-P) and anything involving the point at infinity, so the
 * scalar multiplications need no secret-dependent special case.
 */
#ifdef TLSHAKE_USERSPACE
#include <assert.h>
#else
#include <kunit/visibility.h>
#include <linux/build_bug.h>
#endif

#include "ct.h"
#include "ec.h"
#include "p256_consts.h"
#include "p384_consts.h"

/*
 * P-256's comb adds all digits but the last with incomplete formulas
 * (ec_mul_base()). That is sound when rows follow each other (no doubling)
 * and every such digit's multiple d 2^(w j) of G, at most 2^(w - 1 + w j),
 * stays below n / 2 > 2^254.
 */
static_assert(P256_COMB_S == 1 &&
	      P256_COMB_W * (P256_COMB_DIGITS - 1) - 1 < 254,
	      "P-256 comb too wide for incomplete additions");

static const struct ec_curve ec_curves[] = {
	[EC_P256] = {
		.id = EC_P256,
		.limbs = 4,
		.bytes = 32,
		.p = { p256_p, p256_p_rr, p256_p_one, P256_P_M0INV, 4 },
		.n = { p256_n, p256_n_rr, p256_n_one, P256_N_M0INV, 4 },
		.b = p256_b_mont,
		.gx = p256_gx_mont,
		.gy = p256_gy_mont,
		.comb = &p256_comb[0][0][0],
		.comb_w = P256_COMB_W,
		.comb_s = P256_COMB_S,
		.comb_digits = P256_COMB_DIGITS,
		.comb_rows = P256_COMB_ROWS,
		.comb_jac = true,
	},
	[EC_P384] = {
		.id = EC_P384,
		.limbs = 6,
		.bytes = 48,
		.p = { p384_p, p384_p_rr, p384_p_one, P384_P_M0INV, 6 },
		.n = { p384_n, p384_n_rr, p384_n_one, P384_N_M0INV, 6 },
		.b = p384_b_mont,
		.gx = p384_gx_mont,
		.gy = p384_gy_mont,
		.comb = &p384_comb[0][0][0],
		.comb_w = P384_COMB_W,
		.comb_s = P384_COMB_S,
		.comb_digits = P384_COMB_DIGITS,
		.comb_rows = P384_COMB_ROWS,
	},
};

/**
 * ec_curve_get() - the description of a curve
 * @id: the curve
 *
 * Return: the curve, or NULL for an unknown @id.
 */
const struct ec_curve *ec_curve_get(enum ec_curve_id id)
{
	if ((unsigned int)id >= ARRAY_SIZE(ec_curves))
		return NULL;
	return &ec_curves[id];
}
EXPORT_SYMBOL_IF_KUNIT(ec_curve_get);

/**
 * ec_fe_inv() - constant-time inversion in the field of a curve
 * @c: the curve
 * @r: a^-1, Montgomery form; 0 for 0
 * @a: the operand, Montgomery form
 */
void ec_fe_inv(const struct ec_curve *c, u64 *r, const u64 *a)
{
	u64 t[EC_MAX_LIMBS];

	ec_mont_from(&c->p, t, a);
	ec_mod_inv(&c->p, t, t);
	ec_mont_to(&c->p, r, t);
	memzero_explicit(t, sizeof(t));
}

/**
 * ec_point_set_infinity() - r = the point at infinity, (0 : 1 : 0)
 * @c: the curve
 * @r: the point
 */
void ec_point_set_infinity(const struct ec_curve *c, struct ec_point *r)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->y, c->p.one, c->limbs * 8);
}

/**
 * ec_point_add() - complete projective addition (RCB Algorithm 4)
 * @c: the curve
 * @r: p + q (may alias @p or @q)
 * @p: first point
 * @q: second point
 */
void ec_point_add(const struct ec_curve *c, struct ec_point *r,
		  const struct ec_point *p, const struct ec_point *q)
{
	u64 t0[EC_MAX_LIMBS], t1[EC_MAX_LIMBS], t2[EC_MAX_LIMBS];
	u64 t3[EC_MAX_LIMBS], t4[EC_MAX_LIMBS];
	u64 x3[EC_MAX_LIMBS], y3[EC_MAX_LIMBS], z3[EC_MAX_LIMBS];

	ec_fe_mul(c, t0, p->x, q->x);
	ec_fe_mul(c, t1, p->y, q->y);
	ec_fe_mul(c, t2, p->z, q->z);
	ec_fe_add(c, t3, p->x, p->y);
	ec_fe_add(c, t4, q->x, q->y);
	ec_fe_mul(c, t3, t3, t4);
	ec_fe_add(c, t4, t0, t1);
	ec_fe_sub(c, t3, t3, t4);		/* X1 Y2 + X2 Y1 */
	ec_fe_add(c, t4, p->y, p->z);
	ec_fe_add(c, x3, q->y, q->z);
	ec_fe_mul(c, t4, t4, x3);
	ec_fe_add(c, x3, t1, t2);
	ec_fe_sub(c, t4, t4, x3);		/* Y1 Z2 + Y2 Z1 */
	ec_fe_add(c, x3, p->x, p->z);
	ec_fe_add(c, y3, q->x, q->z);
	ec_fe_mul(c, x3, x3, y3);
	ec_fe_add(c, y3, t0, t2);
	ec_fe_sub(c, y3, x3, y3);		/* X1 Z2 + X2 Z1 */
	ec_fe_mul(c, z3, c->b, t2);
	ec_fe_sub(c, x3, y3, z3);
	ec_fe_add(c, z3, x3, x3);
	ec_fe_add(c, x3, x3, z3);
	ec_fe_sub(c, z3, t1, x3);
	ec_fe_add(c, x3, t1, x3);
	ec_fe_mul(c, y3, c->b, y3);
	ec_fe_add(c, t1, t2, t2);
	ec_fe_add(c, t2, t1, t2);		/* 3 Z1 Z2 */
	ec_fe_sub(c, y3, y3, t2);
	ec_fe_sub(c, y3, y3, t0);
	ec_fe_add(c, t1, y3, y3);
	ec_fe_add(c, y3, t1, y3);
	ec_fe_add(c, t1, t0, t0);
	ec_fe_add(c, t0, t1, t0);
	ec_fe_sub(c, t0, t0, t2);
	ec_fe_mul(c, t1, t4, y3);
	ec_fe_mul(c, t2, t0, y3);
	ec_fe_mul(c, y3, x3, z3);
	ec_fe_add(c, y3, y3, t2);
	ec_fe_mul(c, x3, t3, x3);
	ec_fe_sub(c, x3, x3, t1);
	ec_fe_mul(c, z3, t4, z3);
	ec_fe_mul(c, t1, t3, t0);
	ec_fe_add(c, z3, z3, t1);

	memcpy(r->x, x3, sizeof(x3));
	memcpy(r->y, y3, sizeof(y3));
	memcpy(r->z, z3, sizeof(z3));
}

/**
 * ec_point_add_affine() - complete mixed addition (RCB Algorithm 5)
 * @c: the curve
 * @r: p + (x2, y2) (may alias @p)
 * @p: a projective point, possibly at infinity
 * @x2: affine x of the second point, which must not be at infinity
 * @y2: affine y of the second point
 */
void ec_point_add_affine(const struct ec_curve *c, struct ec_point *r,
			 const struct ec_point *p, const u64 *x2,
			 const u64 *y2)
{
	u64 t0[EC_MAX_LIMBS], t1[EC_MAX_LIMBS], t2[EC_MAX_LIMBS];
	u64 t3[EC_MAX_LIMBS], t4[EC_MAX_LIMBS];
	u64 x3[EC_MAX_LIMBS], y3[EC_MAX_LIMBS], z3[EC_MAX_LIMBS];

	ec_fe_mul(c, t0, p->x, x2);
	ec_fe_mul(c, t1, p->y, y2);
	ec_fe_add(c, t3, x2, y2);
	ec_fe_add(c, t4, p->x, p->y);
	ec_fe_mul(c, t3, t3, t4);
	ec_fe_add(c, t4, t0, t1);
	ec_fe_sub(c, t3, t3, t4);		/* X1 y2 + x2 Y1 */
	ec_fe_mul(c, t4, y2, p->z);
	ec_fe_add(c, t4, t4, p->y);		/* Y1 + y2 Z1 */
	ec_fe_mul(c, y3, x2, p->z);
	ec_fe_add(c, y3, y3, p->x);		/* X1 + x2 Z1 */
	ec_fe_mul(c, z3, c->b, p->z);
	ec_fe_sub(c, x3, y3, z3);
	ec_fe_add(c, z3, x3, x3);
	ec_fe_add(c, x3, x3, z3);
	ec_fe_sub(c, z3, t1, x3);
	ec_fe_add(c, x3, t1, x3);
	ec_fe_mul(c, y3, c->b, y3);
	ec_fe_add(c, t1, p->z, p->z);
	ec_fe_add(c, t2, t1, p->z);		/* 3 Z1 */
	ec_fe_sub(c, y3, y3, t2);
	ec_fe_sub(c, y3, y3, t0);
	ec_fe_add(c, t1, y3, y3);
	ec_fe_add(c, y3, t1, y3);
	ec_fe_add(c, t1, t0, t0);
	ec_fe_add(c, t0, t1, t0);
	ec_fe_sub(c, t0, t0, t2);
	ec_fe_mul(c, t1, t4, y3);
	ec_fe_mul(c, t2, t0, y3);
	ec_fe_mul(c, y3, x3, z3);
	ec_fe_add(c, y3, y3, t2);
	ec_fe_mul(c, x3, t3, x3);
	ec_fe_sub(c, x3, x3, t1);
	ec_fe_mul(c, z3, t4, z3);
	ec_fe_mul(c, t1, t3, t0);
	ec_fe_add(c, z3, z3, t1);

	memcpy(r->x, x3, sizeof(x3));
	memcpy(r->y, y3, sizeof(y3));
	memcpy(r->z, z3, sizeof(z3));
}

/**
 * ec_point_double() - complete projective doubling (RCB Algorithm 6)
 * @c: the curve
 * @r: 2 p (may alias @p)
 * @p: the point
 */
void ec_point_double(const struct ec_curve *c, struct ec_point *r,
		     const struct ec_point *p)
{
	u64 t0[EC_MAX_LIMBS], t1[EC_MAX_LIMBS], t2[EC_MAX_LIMBS];
	u64 t3[EC_MAX_LIMBS];
	u64 x3[EC_MAX_LIMBS], y3[EC_MAX_LIMBS], z3[EC_MAX_LIMBS];

	ec_fe_sqr(c, t0, p->x);
	ec_fe_sqr(c, t1, p->y);
	ec_fe_sqr(c, t2, p->z);
	ec_fe_mul(c, t3, p->x, p->y);
	ec_fe_add(c, t3, t3, t3);
	ec_fe_mul(c, z3, p->x, p->z);
	ec_fe_add(c, z3, z3, z3);
	ec_fe_mul(c, y3, c->b, t2);
	ec_fe_sub(c, y3, y3, z3);
	ec_fe_add(c, x3, y3, y3);
	ec_fe_add(c, y3, x3, y3);
	ec_fe_sub(c, x3, t1, y3);
	ec_fe_add(c, y3, t1, y3);
	ec_fe_mul(c, y3, x3, y3);
	ec_fe_mul(c, x3, x3, t3);
	ec_fe_add(c, t3, t2, t2);
	ec_fe_add(c, t2, t2, t3);
	ec_fe_mul(c, z3, c->b, z3);
	ec_fe_sub(c, z3, z3, t2);
	ec_fe_sub(c, z3, z3, t0);
	ec_fe_add(c, t3, z3, z3);
	ec_fe_add(c, z3, z3, t3);
	ec_fe_add(c, t3, t0, t0);
	ec_fe_add(c, t0, t3, t0);
	ec_fe_sub(c, t0, t0, t2);
	ec_fe_mul(c, t0, t0, z3);
	ec_fe_add(c, y3, y3, t0);
	ec_fe_mul(c, t0, p->y, p->z);
	ec_fe_add(c, t0, t0, t0);
	ec_fe_mul(c, z3, t0, z3);
	ec_fe_sub(c, x3, x3, z3);
	ec_fe_mul(c, z3, t0, t1);
	ec_fe_add(c, z3, z3, z3);
	ec_fe_add(c, z3, z3, z3);

	memcpy(r->x, x3, sizeof(x3));
	memcpy(r->y, y3, sizeof(y3));
	memcpy(r->z, z3, sizeof(z3));
}

/**
 * ec_jac_add_affine() - incomplete mixed addition in Jacobian coordinates
 * @c: the curve
 * @r: p + (x2, y2) (may alias @p)
 * @p: a point (X : Y : Z) in Jacobian coordinates, x = X / Z^2,
 *	y = Y / Z^3; not at infinity
 * @x2: affine x of the second point
 * @y2: affine y of the second point, which must differ from +-p
 *
 * The "madd-2004-hmv" formulas of the Explicit-Formulas Database: 8M + 3S
 * and 7 additions, against 13M and 23 additions for the complete mixed
 * addition. They are wrong for p at infinity and for p = +-(x2, y2); the
 * one caller, the fixed-base comb of ec_mul.c, proves the second cannot
 * happen and handles the first with a mask.
 */
void ec_jac_add_affine(const struct ec_curve *c, struct ec_point *r,
		       const struct ec_point *p, const u64 *x2,
		       const u64 *y2)
{
	u64 t1[EC_MAX_LIMBS], t2[EC_MAX_LIMBS], t3[EC_MAX_LIMBS];
	u64 t4[EC_MAX_LIMBS], x3[EC_MAX_LIMBS], y3[EC_MAX_LIMBS];
	u64 z3[EC_MAX_LIMBS];

	ec_fe_sqr(c, t1, p->z);
	ec_fe_mul(c, t2, t1, p->z);
	ec_fe_mul(c, t1, t1, x2);
	ec_fe_mul(c, t2, t2, y2);
	ec_fe_sub(c, t1, t1, p->x);		/* H = x2 Z1^2 - X1 */
	ec_fe_sub(c, t2, t2, p->y);		/* R = y2 Z1^3 - Y1 */
	ec_fe_mul(c, z3, p->z, t1);		/* Z3 = Z1 H */
	ec_fe_sqr(c, t4, t1);
	ec_fe_mul(c, t3, t4, t1);		/* H^3 */
	ec_fe_mul(c, t4, t4, p->x);		/* V = X1 H^2 */
	ec_fe_mul(c, t1, t3, p->y);		/* Y1 H^3 */
	ec_fe_sqr(c, x3, t2);
	ec_fe_sub(c, x3, x3, t3);
	ec_fe_sub(c, x3, x3, t4);
	ec_fe_sub(c, x3, x3, t4);		/* X3 = R^2 - H^3 - 2 V */
	ec_fe_sub(c, t4, t4, x3);
	ec_fe_mul(c, t4, t4, t2);
	ec_fe_sub(c, y3, t4, t1);		/* Y3 = R (V - X3) - Y1 H^3 */

	memcpy(r->x, x3, sizeof(x3));
	memcpy(r->y, y3, sizeof(y3));
	memcpy(r->z, z3, sizeof(z3));
}

/**
 * ec_jac_to_proj() - Jacobian to projective coordinates
 * @c: the curve
 * @r: (X Z : Y : Z^3), the same point in projective coordinates (may alias)
 * @p: (X : Y : Z) in Jacobian coordinates
 */
void ec_jac_to_proj(const struct ec_curve *c, struct ec_point *r,
		    const struct ec_point *p)
{
	u64 z2[EC_MAX_LIMBS];

	ec_fe_sqr(c, z2, p->z);
	ec_fe_mul(c, r->x, p->x, p->z);
	memcpy(r->y, p->y, sizeof(r->y));
	ec_fe_mul(c, r->z, z2, p->z);
}

/**
 * ec_point_select() - constant-time choice between two points
 * @c: the curve
 * @r: @a where @mask is all ones, @b where it is zero (may alias)
 * @mask: all ones or zero
 * @a: first point
 * @b: second point
 */
void ec_point_select(const struct ec_curve *c, struct ec_point *r, u64 mask,
		     const struct ec_point *a, const struct ec_point *b)
{
	ec_limbs_select(r->x, mask, a->x, b->x, c->limbs);
	ec_limbs_select(r->y, mask, a->y, b->y, c->limbs);
	ec_limbs_select(r->z, mask, a->z, b->z, c->limbs);
}

/**
 * ec_point_to_affine() - affine coordinates, out of Montgomery form
 * @c: the curve
 * @x: x, reduced, not in Montgomery form (zero for infinity)
 * @y: y, likewise
 * @p: the point
 *
 * Constant time (one field inversion).
 *
 * Return: all ones if @p is a finite point, zero if it is at infinity.
 */
u64 ec_point_to_affine(const struct ec_curve *c, u64 *x, u64 *y,
		       const struct ec_point *p)
{
	u64 zinv[EC_MAX_LIMBS], t[EC_MAX_LIMBS];

	ec_fe_inv(c, zinv, p->z);
	ec_fe_mul(c, t, p->x, zinv);
	ec_mont_from(&c->p, x, t);
	ec_fe_mul(c, t, p->y, zinv);
	ec_mont_from(&c->p, y, t);
	memzero_explicit(zinv, sizeof(zinv));
	memzero_explicit(t, sizeof(t));
	return ~ec_limbs_zero_mask(p->z, c->limbs);
}

/* y^2 == x^3 - 3x + b, all in Montgomery form */
static bool on_curve(const struct ec_curve *c, const u64 *x, const u64 *y)
{
	u64 l[EC_MAX_LIMBS], r[EC_MAX_LIMBS], t[EC_MAX_LIMBS];

	ec_fe_sqr(c, l, y);
	ec_fe_sqr(c, r, x);
	ec_fe_mul(c, r, r, x);
	ec_fe_add(c, t, x, x);
	ec_fe_add(c, t, t, x);
	ec_fe_sub(c, r, r, t);
	ec_fe_add(c, r, r, c->b);
	return !memcmp(l, r, c->limbs * 8);
}

/**
 * ec_point_decode() - parse and validate an uncompressed point
 * @c: the curve
 * @r: the point, Z = 1
 * @in: 0x04 || X || Y, big-endian coordinates of the field's size
 * @len: length of @in
 *
 * Checks the full public-key validation of SP 800-56A 5.6.2.3.3 for a
 * prime-order curve: the format, 0 <= X, Y < p, and the curve equation
 * (which also excludes the point at infinity, having no encoding here, and
 * on a curve of prime order implies the order is n). Public data: not
 * constant-time.
 *
 * Return: 0, or -EINVAL if @in is not a valid point of @c.
 */
int ec_point_decode(const struct ec_curve *c, struct ec_point *r,
		    const u8 *in, size_t len)
{
	unsigned int n = c->limbs;
	u64 x[EC_MAX_LIMBS], y[EC_MAX_LIMBS];

	if (len != 1 + 2 * c->bytes || in[0] != 0x04)
		return -EINVAL;
	ec_limbs_from_be(x, n, in + 1, c->bytes);
	ec_limbs_from_be(y, n, in + 1 + c->bytes, c->bytes);
	if (!ec_limbs_lt_mask(x, c->p.m, n) || !ec_limbs_lt_mask(y, c->p.m, n))
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	ec_mont_to(&c->p, r->x, x);
	ec_mont_to(&c->p, r->y, y);
	memcpy(r->z, c->p.one, n * 8);
	if (!on_curve(c, r->x, r->y))
		return -EINVAL;
	return 0;
}

/**
 * ec_point_encode() - uncompressed encoding of a point
 * @c: the curve
 * @out: 0x04 || X || Y, 1 + 2 @c->bytes bytes
 * @p: the point
 *
 * Constant time in @p; the caller decides whether the result is public.
 *
 * Return: 0, or -EINVAL for the point at infinity (its coordinates are
 * then encoded as zeros). The value is computed without a branch.
 */
int ec_point_encode(const struct ec_curve *c, u8 *out,
		    const struct ec_point *p)
{
	u64 x[EC_MAX_LIMBS], y[EC_MAX_LIMBS], ok;

	ok = ec_point_to_affine(c, x, y, p);
	out[0] = 0x04;
	ec_limbs_to_be(out + 1, c->bytes, x);
	ec_limbs_to_be(out + 1 + c->bytes, c->bytes, y);
	memzero_explicit(x, sizeof(x));
	memzero_explicit(y, sizeof(y));
	return (int)(~ok & (u64)-EINVAL);
}
