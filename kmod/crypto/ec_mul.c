// SPDX-License-Identifier: GPL-2.0
/*
 * Constant-time scalar multiplication on P-256 and P-384.
 *
 * Scalars are recoded into signed digits d_j in [-2^(w-1), 2^(w-1)] with
 * arithmetic only. Each digit's point is fetched by reading every entry of
 * its table row and keeping the wanted one with a mask, and negated with a
 * mask, so neither the memory addresses touched nor the branches taken
 * depend on the scalar. The additions are complete (ec.c), so a zero digit
 * or an intermediate point at infinity needs no special path either;
 * P-256's fixed-base path, which uses faster incomplete additions for all
 * digits but the last, shows below why their exceptions cannot occur.
 *
 * Fixed base G (signing, key derivation): a precomputed table of affine
 * multiples of G (gen_tables.py) turns k G into one mixed addition per
 * digit plus, when rows are spaced, w doublings per spacing step.
 * Variable base (verification): a table of 1..2^(w-1) times the point is
 * built on the fly; then w doublings and one addition per digit.
 */
#include "ct.h"
#include "ec.h"

/* the most digits of any recoding below */
#define EC_MAX_DIGITS	80
/* window of the variable-base multiplication */
#define EC_VAR_W	5
#define EC_VAR_ENTRIES	(1 << (EC_VAR_W - 1))

/* bits [pos, pos + w) of the @n-limb number k; bits past the end are 0 */
static u64 window_bits(const u64 *k, unsigned int n, unsigned int pos,
		       unsigned int w)
{
	unsigned int limb = pos / 64, shift = pos % 64;
	u64 v;

	if (limb >= n)
		return 0;
	v = k[limb] >> shift;
	if (shift + w > 64 && limb + 1 < n)
		v |= k[limb + 1] << (64 - shift);
	return v & ((1ULL << w) - 1);
}

/*
 * k = sum_j d_j 2^(w j), d_j in [-2^(w-1), 2^(w-1)], for @nd digits; the
 * caller makes @nd w exceed the bit length of k, so no carry is left over.
 */
static void recode(s8 *d, unsigned int nd, const u64 *k, unsigned int n,
		   unsigned int w)
{
	u64 carry = 0, half = 1ULL << (w - 1);
	unsigned int j;

	for (j = 0; j < nd; j++) {
		u64 v = window_bits(k, n, j * w, w) + carry;

		/* v > 2^(w-1): use v - 2^w and carry one into the next */
		carry = (half - v) >> 63;
		d[j] = (s8)(v - (carry << w));
	}
}

/* |d| and an all-ones mask if d < 0 */
static __always_inline u64 digit_abs(s8 d, u64 *neg)
{
	u64 v = (u64)(s64)d;

	*neg = port_opt_barrier_u64((u64)((s64)v >> 63));
	return (v ^ *neg) - *neg;
}

/* x |= row[0..n) & m, y |= row[n..2n) & m for each entry: the scan */
static __always_inline void comb_scan(u64 *x, u64 *y, const u64 *row,
				      unsigned int entries, u64 abs,
				      unsigned int n)
{
	u64 tx[EC_MAX_LIMBS] = {}, ty[EC_MAX_LIMBS] = {};
	unsigned int i, j;

	for (i = 0; i < entries; i++, row += 2 * n) {
		u64 m = ct_eq_mask(abs, i + 1);

		for (j = 0; j < n; j++) {
			tx[j] |= row[j] & m;
			ty[j] |= row[n + j] & m;
		}
	}
	memcpy(x, tx, n * 8);
	memcpy(y, ty, n * 8);
}

/* (x, y) = d * (row entry |d|), in constant time; garbage for d = 0 */
static void comb_fetch(const struct ec_curve *c, u64 *x, u64 *y,
		       const u64 *row, s8 d)
{
	unsigned int n = c->limbs, entries = 1U << (c->comb_w - 1);
	u64 neg, abs = digit_abs(d, &neg), ny[EC_MAX_LIMBS];
	static const u64 zero[EC_MAX_LIMBS];

	if (n == 4)
		comb_scan(x, y, row, entries, abs, 4);
	else
		comb_scan(x, y, row, entries, abs, 6);
	ec_fe_sub(c, ny, zero, y);
	ec_limbs_select(y, neg, ny, y, n);
}

/* the fixed-base comb with complete additions throughout */
static void mul_base_complete(const struct ec_curve *c, struct ec_point *r,
			      const s8 *d)
{
	unsigned int s = c->comb_s, w = c->comb_w;
	unsigned int row_len = (1U << (w - 1)) * 2 * c->limbs, q, i;
	u64 x[EC_MAX_LIMBS], y[EC_MAX_LIMBS];
	struct ec_point sum;
	int rr;

	ec_point_set_infinity(c, r);
	for (rr = s - 1; rr >= 0; rr--) {
		if (rr != (int)s - 1)
			for (i = 0; i < w; i++)
				ec_point_double(c, r, r);
		for (q = 0; q * s + rr < c->comb_digits; q++) {
			s8 dj = d[q * s + rr];

			comb_fetch(c, x, y, c->comb + q * row_len, dj);
			ec_point_add_affine(c, &sum, r, x, y);
			/* keep r for a zero digit */
			ec_point_select(c, r, ~ct_is_zero_mask((u64)(s64)dj),
					&sum, r);
		}
	}
	memzero_explicit(x, sizeof(x));
	memzero_explicit(y, sizeof(y));
	memzero_explicit(&sum, sizeof(sum));
}

/*
 * The fixed-base comb with rows in sequence (s = 1), adding all digits
 * but the last with the incomplete Jacobian formulas. After digits
 * 0 .. j - 1 the accumulator is a G with |a| < 2^(w j); digit j adds t G,
 * t = d_j 2^(w j), 2^(w j) <= |t| < n / 2 (checked in ec.c). So a = +-t
 * (mod n) would need a = +-t, impossible, and the formulas' exceptions
 * P = +-Q cannot occur. The other one, the accumulator at infinity, is
 * a = 0, i.e. all digits so far zero (the lowest non-zero signed digit of
 * a zero sum would be a multiple of 2^w): tracked by a mask, the fetched
 * point replacing the sum. The last digit, whose multiple may exceed
 * n / 2, is added with the complete formulas.
 */
static void mul_base_jacobian(const struct ec_curve *c, struct ec_point *r,
			      const s8 *d)
{
	unsigned int row_len = (1U << (c->comb_w - 1)) * 2 * c->limbs;
	unsigned int last = c->comb_digits - 1, j;
	u64 x[EC_MAX_LIMBS], y[EC_MAX_LIMBS], inf = ~0ULL, nz;
	struct ec_point sum, pt = {};

	ec_point_set_infinity(c, r);
	memcpy(pt.z, c->p.one, c->limbs * 8);
	for (j = 0; j < last; j++) {
		comb_fetch(c, pt.x, pt.y, c->comb + j * row_len, d[j]);
		ec_jac_add_affine(c, &sum, r, pt.x, pt.y);
		/* from infinity, the sum is the fetched point (x, y, 1) */
		ec_point_select(c, &sum, inf, &pt, &sum);
		nz = ~ct_is_zero_mask((u64)(s64)d[j]);
		ec_point_select(c, r, nz, &sum, r);
		inf &= ~nz;
	}
	ec_jac_to_proj(c, &sum, r);
	ec_point_select(c, r, inf, r, &sum);	/* r is (0 : 1 : 0) then */
	comb_fetch(c, x, y, c->comb + last * row_len, d[last]);
	ec_point_add_affine(c, &sum, r, x, y);
	ec_point_select(c, r, ~ct_is_zero_mask((u64)(s64)d[last]), &sum, r);
	memzero_explicit(x, sizeof(x));
	memzero_explicit(y, sizeof(y));
	memzero_explicit(&sum, sizeof(sum));
	memzero_explicit(&pt, sizeof(pt));
}

/**
 * ec_mul_base() - constant-time multiplication of the generator
 * @c: the curve
 * @r: k G, projective
 * @k: the scalar, @c->limbs limbs, below 2^(64 @c->limbs); below n when
 *	the curve's comb uses incomplete additions (P-256)
 */
void ec_mul_base(const struct ec_curve *c, struct ec_point *r, const u64 *k)
{
	s8 d[EC_MAX_DIGITS];

	recode(d, c->comb_digits, k, c->limbs, c->comb_w);
	if (c->comb_jac)
		mul_base_jacobian(c, r, d);
	else
		mul_base_complete(c, r, d);
	memzero_explicit(d, sizeof(d));
}

/* r = d * tab[|d| - 1], the point at infinity for d = 0; constant time */
static void var_fetch(const struct ec_curve *c, struct ec_point *r,
		      const struct ec_point *tab, s8 d)
{
	static const u64 zero[EC_MAX_LIMBS];
	u64 neg, abs = digit_abs(d, &neg), ny[EC_MAX_LIMBS];
	unsigned int i;

	ec_point_set_infinity(c, r);
	for (i = 0; i < EC_VAR_ENTRIES; i++)
		ec_point_select(c, r, ct_eq_mask(abs, i + 1), &tab[i], r);
	ec_fe_sub(c, ny, zero, r->y);
	ec_limbs_select(r->y, neg, ny, r->y, c->limbs);
}

/**
 * ec_mul() - constant-time multiplication of any point
 * @c: the curve
 * @r: k P (may not alias @p)
 * @p: the point
 * @k: the scalar, @c->limbs limbs
 *
 * Return: 0, or -ENOMEM.
 */
int ec_mul(const struct ec_curve *c, struct ec_point *r,
	   const struct ec_point *p, const u64 *k)
{
	unsigned int n = c->limbs, i;
	unsigned int nd = (64 * n + EC_VAR_W) / EC_VAR_W;
	size_t tab_len = EC_VAR_ENTRIES * sizeof(struct ec_point);
	struct ec_point *tab, sel;
	s8 d[EC_MAX_DIGITS];
	int j, top;

	tab = port_zalloc(tab_len);
	if (!tab)
		return -ENOMEM;
	tab[0] = *p;
	ec_point_double(c, &tab[1], p);
	for (i = 2; i < EC_VAR_ENTRIES; i++)
		ec_point_add(c, &tab[i], &tab[i - 1], p);

	recode(d, nd, k, n, EC_VAR_W);
	ec_point_set_infinity(c, r);
	top = nd - 1;
	for (j = top; j >= 0; j--) {
		for (i = 0; i < EC_VAR_W && j != top; i++)
			ec_point_double(c, r, r);
		var_fetch(c, &sel, tab, d[j]);
		ec_point_add(c, r, r, &sel);
	}
	port_free_secret(tab, tab_len);
	memzero_explicit(d, sizeof(d));
	memzero_explicit(&sel, sizeof(sel));
	return 0;
}
