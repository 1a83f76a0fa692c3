/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NIST prime-order curves P-256 and P-384 (y^2 = x^3 - 3x + b): field
 * and point arithmetic, constant-time scalar multiplication, point
 * encoding. Used by ecdsa.c.
 *
 * Field elements are EC_MAX_LIMBS little-endian u64 limbs in Montgomery
 * form, fully reduced; a curve uses its first ->limbs of them. Points are
 * projective (X : Y : Z), the point at infinity is (0 : 1 : 0), and the
 * Renes-Costello-Batina formulas used for addition and doubling are
 * complete: they need no special case for infinity, doubling or inverse
 * points, so they are branch-free by construction.
 */
#ifndef _TLSHAKE_CRYPTO_EC_H
#define _TLSHAKE_CRYPTO_EC_H

#include "ec_mont.h"

/**
 * enum ec_curve_id - the curves of the ECDSA code
 * @EC_P256: NIST P-256 (secp256r1, prime256v1)
 * @EC_P384: NIST P-384 (secp384r1)
 */
enum ec_curve_id {
	EC_P256,
	EC_P384,
};

#define EC_MAX_BYTES		48
/* 0x04 || X || Y */
#define EC_MAX_POINT_BYTES	(1 + 2 * EC_MAX_BYTES)

/**
 * struct ec_curve - a short Weierstrass curve with a = -3 and prime order
 * @id: which curve
 * @limbs: limbs of field elements and scalars, 4 or 6
 * @bytes: bytes of field elements and scalars, 32 or 48
 * @p: the field modulus
 * @n: the group order
 * @b: the constant b, Montgomery form
 * @gx: the generator's affine x, Montgomery form
 * @gy: the generator's affine y, Montgomery form
 * @comb: fixed-base table of G: @comb_rows rows of 2^(@comb_w - 1) affine
 *	points (x, y), 2 @limbs limbs each; see gen_tables.py
 * @comb_w: digit width of the fixed-base table, in bits
 * @comb_s: rows are 2^(@comb_w @comb_s) apart
 * @comb_digits: signed digits of a scalar
 * @comb_rows: rows of @comb
 * @comb_jac: all digits but the last may be added with the incomplete
 *	Jacobian formulas (see ec_mul_base())
 */
struct ec_curve {
	enum ec_curve_id id;
	unsigned int limbs;
	unsigned int bytes;
	struct ec_mont p;
	struct ec_mont n;
	const u64 *b;
	const u64 *gx;
	const u64 *gy;
	const u64 *comb;
	unsigned int comb_w;
	unsigned int comb_s;
	unsigned int comb_digits;
	unsigned int comb_rows;
	bool comb_jac;
};

/**
 * struct ec_point - a point in projective coordinates, Montgomery form
 * @x: X
 * @y: Y
 * @z: Z, zero for the point at infinity
 */
struct ec_point {
	u64 x[EC_MAX_LIMBS];
	u64 y[EC_MAX_LIMBS];
	u64 z[EC_MAX_LIMBS];
};

const struct ec_curve *ec_curve_get(enum ec_curve_id id);

/* P-256's field, with a reduction specialised to its prime (ec_p256.c) */
void ec_p256_mul(u64 *r, const u64 *a, const u64 *b);
void ec_p256_sqr(u64 *r, const u64 *a);
void ec_p256_add(u64 *r, const u64 *a, const u64 *b);
void ec_p256_sub(u64 *r, const u64 *a, const u64 *b);

static inline void ec_fe_mul(const struct ec_curve *c, u64 *r, const u64 *a,
			     const u64 *b)
{
	if (c->id == EC_P256)
		ec_p256_mul(r, a, b);
	else
		ec_mont_mul(&c->p, r, a, b);
}

static inline void ec_fe_sqr(const struct ec_curve *c, u64 *r, const u64 *a)
{
	if (c->id == EC_P256)
		ec_p256_sqr(r, a);
	else
		ec_mont_sqr(&c->p, r, a);
}

static inline void ec_fe_add(const struct ec_curve *c, u64 *r, const u64 *a,
			     const u64 *b)
{
	if (c->id == EC_P256)
		ec_p256_add(r, a, b);
	else
		ec_mod_add(&c->p, r, a, b);
}

static inline void ec_fe_sub(const struct ec_curve *c, u64 *r, const u64 *a,
			     const u64 *b)
{
	if (c->id == EC_P256)
		ec_p256_sub(r, a, b);
	else
		ec_mod_sub(&c->p, r, a, b);
}

void ec_fe_inv(const struct ec_curve *c, u64 *r, const u64 *a);

void ec_point_set_infinity(const struct ec_curve *c, struct ec_point *r);
void ec_point_add(const struct ec_curve *c, struct ec_point *r,
		  const struct ec_point *p, const struct ec_point *q);
void ec_point_add_affine(const struct ec_curve *c, struct ec_point *r,
			 const struct ec_point *p, const u64 *x2,
			 const u64 *y2);
void ec_point_double(const struct ec_curve *c, struct ec_point *r,
		     const struct ec_point *p);
void ec_jac_add_affine(const struct ec_curve *c, struct ec_point *r,
		       const struct ec_point *p, const u64 *x2,
		       const u64 *y2);
void ec_jac_to_proj(const struct ec_curve *c, struct ec_point *r,
		    const struct ec_point *p);
void ec_point_select(const struct ec_curve *c, struct ec_point *r, u64 mask,
		     const struct ec_point *a, const struct ec_point *b);
u64 ec_point_to_affine(const struct ec_curve *c, u64 *x, u64 *y,
		       const struct ec_point *p);
int ec_point_decode(const struct ec_curve *c, struct ec_point *r,
		    const u8 *in, size_t len);
int ec_point_encode(const struct ec_curve *c, u8 *out,
		    const struct ec_point *p);

void ec_mul_base(const struct ec_curve *c, struct ec_point *r, const u64 *k);
int ec_mul(const struct ec_curve *c, struct ec_point *r,
	   const struct ec_point *p, const u64 *k);

#endif /* _TLSHAKE_CRYPTO_EC_H */
