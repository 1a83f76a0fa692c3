// SPDX-License-Identifier: GPL-2.0
/*
 * edwards25519 group arithmetic.
 *
 * Addition is the unified formula of Hisil, Wong, Carter and Dawson
 * ("Twisted Edwards curves revisited", 2008) for a = -1 in extended
 * coordinates. With d a non-square it is complete: the same operations
 * add any two points, equal, opposite or the identity included, so the
 * scalar multiplications have no special case to hide.
 *
 * Scalar multiplication recodes the scalar into signed radix-16 digits
 * with arithmetic only, and fetches each digit's multiple by scanning its
 * whole table row with masks, negating with masks: no branch and no
 * memory address depends on the scalar.
 */
#include "ct.h"
#include "ed25519_ge.h"
#include "ed25519_consts.h"

/* (y + x, y - x, 2 d x y) of an affine point: a table entry */
struct niels {
	struct ed25519_fe ypx, ymx, xy2d;
};

/* (Y + X, Y - X, 2 Z, 2 d T) of a projective point */
struct cached {
	struct ed25519_fe ypx, ymx, z2, t2d;
};

/**
 * ed25519_pt_identity() - p = the neutral element (0, 1)
 * @p: the point
 */
void ed25519_pt_identity(struct ed25519_pt *p)
{
	memset(p, 0, sizeof(*p));
	p->y.v[0] = 1;
	p->z.v[0] = 1;
}

static void to_cached(struct cached *c, const struct ed25519_pt *p)
{
	ed25519_fe_add(&c->ypx, &p->y, &p->x);
	ed25519_fe_sub(&c->ymx, &p->y, &p->x);
	ed25519_fe_add(&c->z2, &p->z, &p->z);
	ed25519_fe_mul(&c->t2d, &p->t, &fe_d2);
}

/* r = p + q given A = (Y1 - X1)(y - x), B = (Y1 + X1)(y + x), C, D */
static void add_finish(struct ed25519_pt *r, struct ed25519_fe *a,
		       struct ed25519_fe *b, struct ed25519_fe *c,
		       struct ed25519_fe *d)
{
	struct ed25519_fe e, f, g, h;

	ed25519_fe_sub(&e, b, a);
	ed25519_fe_sub(&f, d, c);
	ed25519_fe_add(&g, d, c);
	ed25519_fe_add(&h, b, a);
	ed25519_fe_mul(&r->x, &e, &f);
	ed25519_fe_mul(&r->y, &g, &h);
	ed25519_fe_mul(&r->t, &e, &h);
	ed25519_fe_mul(&r->z, &f, &g);
}

static void add_cached(struct ed25519_pt *r, const struct ed25519_pt *p,
		       const struct cached *q)
{
	struct ed25519_fe a, b, c, d;

	ed25519_fe_sub(&a, &p->y, &p->x);
	ed25519_fe_mul(&a, &a, &q->ymx);
	ed25519_fe_add(&b, &p->y, &p->x);
	ed25519_fe_mul(&b, &b, &q->ypx);
	ed25519_fe_mul(&c, &p->t, &q->t2d);
	ed25519_fe_mul(&d, &p->z, &q->z2);
	add_finish(r, &a, &b, &c, &d);
}

static void add_niels(struct ed25519_pt *r, const struct ed25519_pt *p,
		      const struct niels *q)
{
	struct ed25519_fe a, b, c, d;

	ed25519_fe_sub(&a, &p->y, &p->x);
	ed25519_fe_mul(&a, &a, &q->ymx);
	ed25519_fe_add(&b, &p->y, &p->x);
	ed25519_fe_mul(&b, &b, &q->ypx);
	ed25519_fe_mul(&c, &p->t, &q->xy2d);
	ed25519_fe_add(&d, &p->z, &p->z);
	add_finish(r, &a, &b, &c, &d);
}

/**
 * ed25519_pt_add() - r = p + q
 * @r: the sum (may alias)
 * @p: first point
 * @q: second point
 */
void ed25519_pt_add(struct ed25519_pt *r, const struct ed25519_pt *p,
		    const struct ed25519_pt *q)
{
	struct cached c;

	to_cached(&c, q);
	add_cached(r, p, &c);
}

/**
 * ed25519_pt_double() - r = 2 p
 * @r: the result (may alias)
 * @p: the point
 */
void ed25519_pt_double(struct ed25519_pt *r, const struct ed25519_pt *p)
{
	struct ed25519_fe a, b, c, e, f, g, h;

	ed25519_fe_sq(&a, &p->x);
	ed25519_fe_sq(&b, &p->y);
	ed25519_fe_sq(&c, &p->z);
	ed25519_fe_add(&c, &c, &c);		/* 2 Z^2 */
	ed25519_fe_add(&h, &a, &b);
	ed25519_fe_add(&e, &p->x, &p->y);
	ed25519_fe_sq(&e, &e);
	ed25519_fe_sub(&e, &h, &e);		/* -2 X Y */
	ed25519_fe_sub(&g, &a, &b);
	ed25519_fe_add(&f, &c, &g);
	ed25519_fe_mul(&r->x, &e, &f);
	ed25519_fe_mul(&r->y, &g, &h);
	ed25519_fe_mul(&r->t, &e, &h);
	ed25519_fe_mul(&r->z, &f, &g);
}

/**
 * ed25519_pt_neg() - r = -p
 * @r: the result (may alias)
 * @p: the point
 */
void ed25519_pt_neg(struct ed25519_pt *r, const struct ed25519_pt *p)
{
	ed25519_fe_neg(&r->x, &p->x);
	r->y = p->y;
	r->z = p->z;
	ed25519_fe_neg(&r->t, &p->t);
}

/**
 * ed25519_pt_encode() - RFC 8032 5.1.2 encoding
 * @s: 32 bytes: y, little-endian, with the low bit of x in the top bit
 * @p: the point
 *
 * Constant time.
 */
void ed25519_pt_encode(u8 *s, const struct ed25519_pt *p)
{
	struct ed25519_fe zinv, x, y;

	ed25519_fe_invert(&zinv, &p->z);
	ed25519_fe_mul(&x, &p->x, &zinv);
	ed25519_fe_mul(&y, &p->y, &zinv);
	ed25519_fe_tobytes(s, &y);
	s[31] |= (u8)(ed25519_fe_isnegative(&x) << 7);
	memzero_explicit(&zinv, sizeof(zinv));
	memzero_explicit(&x, sizeof(x));
	memzero_explicit(&y, sizeof(y));
}

/* x = sqrt(u / v) (RFC 8032 5.1.3 step 3); false if there is none */
static bool recover_x(struct ed25519_fe *x, const struct ed25519_fe *u,
		      const struct ed25519_fe *v)
{
	struct ed25519_fe v3, t, vx2, nu;

	ed25519_fe_sq(&v3, v);
	ed25519_fe_mul(&v3, &v3, v);		/* v^3 */
	ed25519_fe_sq(&t, &v3);
	ed25519_fe_mul(&t, &t, v);		/* v^7 */
	ed25519_fe_mul(&t, &t, u);		/* u v^7 */
	ed25519_fe_pow22523(&t, &t);
	ed25519_fe_mul(&t, &t, &v3);
	ed25519_fe_mul(x, &t, u);		/* u v^3 (u v^7)^((p-5)/8) */

	ed25519_fe_sq(&vx2, x);
	ed25519_fe_mul(&vx2, &vx2, v);
	if (ed25519_fe_eq_mask(&vx2, u))
		return true;
	ed25519_fe_neg(&nu, u);
	if (!ed25519_fe_eq_mask(&vx2, &nu))
		return false;
	ed25519_fe_mul(x, x, &fe_sqrtm1);
	return true;
}

/**
 * ed25519_pt_decode() - RFC 8032 5.1.3 decoding, strictly
 * @p: the point
 * @s: 32 bytes
 *
 * Refuses non-canonical encodings: y >= p, and x = 0 with the sign bit
 * set. Public data: not constant-time.
 *
 * Return: 0, or -EINVAL if @s is not the encoding of a point.
 */
int ed25519_pt_decode(struct ed25519_pt *p, const u8 *s)
{
	struct ed25519_fe u, v, one;
	unsigned int sign = s[31] >> 7;
	u8 canon[32];

	ed25519_fe_frombytes(&p->y, s);
	ed25519_fe_tobytes(canon, &p->y);
	canon[31] |= (u8)(sign << 7);
	if (memcmp(canon, s, 32))
		return -EINVAL;			/* y >= p */

	ed25519_fe_set(&one, 1);
	ed25519_fe_sq(&u, &p->y);
	ed25519_fe_mul(&v, &u, &fe_d);
	ed25519_fe_sub(&u, &u, &one);		/* y^2 - 1 */
	ed25519_fe_add(&v, &v, &one);		/* d y^2 + 1 */
	if (!recover_x(&p->x, &u, &v))
		return -EINVAL;
	if (ed25519_fe_iszero_mask(&p->x) && sign)
		return -EINVAL;
	if (ed25519_fe_isnegative(&p->x) != sign)
		ed25519_fe_neg(&p->x, &p->x);
	p->z = one;
	ed25519_fe_mul(&p->t, &p->x, &p->y);
	return 0;
}

/**
 * ed25519_pt_small_order() - is p in the torsion subgroup (order 1 to 8)?
 * @p: the point
 *
 * The group has no element of order 16, so 8 p is the identity exactly
 * when its X is zero.
 *
 * Return: true if 8 p is the identity.
 */
bool ed25519_pt_small_order(const struct ed25519_pt *p)
{
	struct ed25519_pt q;

	ed25519_pt_double(&q, p);
	ed25519_pt_double(&q, &q);
	ed25519_pt_double(&q, &q);
	return ed25519_fe_iszero_mask(&q.x);
}

/*
 * 64 signed radix-16 digits of a 32-byte little-endian scalar below
 * 2^255: k = sum d_j 16^j, d_j in [-7, 8]. A digit above 8 becomes
 * d - 16 and carries one into the next.
 */
static void recode16(s8 *d, const u8 *k)
{
	u64 carry = 0, v;
	int j;

	for (j = 0; j < 64; j++) {
		v = ((k[j / 2] >> (4 * (j % 2))) & 15) + carry;
		carry = (8 - v) >> 63;
		d[j] = (s8)(v - (carry << 4));
	}
}

static u64 digit_abs(s8 d, u64 *neg)
{
	u64 v = (u64)(s64)d;

	*neg = port_opt_barrier_u64((u64)((s64)v >> 63));
	return (v ^ *neg) - *neg;
}

/* n = d * (row entry |d|), the identity for d = 0; constant time */
static void niels_fetch(struct niels *n, const u64 (*row)[15], s8 d)
{
	u64 neg, abs = digit_abs(d, &neg);
	struct ed25519_fe t;
	unsigned int i, j;

	memset(n, 0, sizeof(*n));
	n->ypx.v[0] = 1;
	n->ymx.v[0] = 1;
	for (i = 0; i < ED25519_COMB_ENTRIES; i++) {
		u64 m = ct_eq_mask(abs, i + 1);

		for (j = 0; j < 5; j++) {
			n->ypx.v[j] ^= m & (n->ypx.v[j] ^ row[i][j]);
			n->ymx.v[j] ^= m & (n->ymx.v[j] ^ row[i][5 + j]);
			n->xy2d.v[j] ^= m & (n->xy2d.v[j] ^ row[i][10 + j]);
		}
	}
	/* -(x, y) = (-x, y): swap y + x and y - x, negate 2 d x y */
	t = n->ypx;
	ed25519_fe_select(&n->ypx, neg, &n->ymx, &n->ypx);
	ed25519_fe_select(&n->ymx, neg, &t, &n->ymx);
	ed25519_fe_neg(&t, &n->xy2d);
	ed25519_fe_select(&n->xy2d, neg, &t, &n->xy2d);
	memzero_explicit(&t, sizeof(t));
}

/**
 * ed25519_mul_base() - r = k B, constant time in k
 * @r: the result
 * @k: the scalar, 32 bytes little-endian, below 2^255
 *
 * With the table's rows 2^(4 S) apart, the digits d_(q S + s) of every
 * row q are added for s = S - 1 .. 0, with four doublings in between.
 */
void ed25519_mul_base(struct ed25519_pt *r, const u8 *k)
{
	struct niels n;
	s8 d[64];
	int s, q, i;

	recode16(d, k);
	ed25519_pt_identity(r);
	for (s = ED25519_COMB_S - 1; s >= 0; s--) {
		if (s != ED25519_COMB_S - 1)
			for (i = 0; i < 4; i++)
				ed25519_pt_double(r, r);
		for (q = 0; q * ED25519_COMB_S + s < 64; q++) {
			niels_fetch(&n, ed25519_comb[q], d[q * ED25519_COMB_S + s]);
			add_niels(r, r, &n);
		}
	}
	memzero_explicit(d, sizeof(d));
	memzero_explicit(&n, sizeof(n));
}

/* c = d * tab[|d| - 1], the identity for d = 0; constant time */
static void cached_fetch(struct cached *c, const struct cached *tab, s8 d)
{
	u64 neg, abs = digit_abs(d, &neg);
	struct ed25519_fe t;
	unsigned int i;

	memset(c, 0, sizeof(*c));
	c->ypx.v[0] = 1;
	c->ymx.v[0] = 1;
	c->z2.v[0] = 2;
	for (i = 0; i < 8; i++) {
		u64 m = ct_eq_mask(abs, i + 1);

		ed25519_fe_select(&c->ypx, m, &tab[i].ypx, &c->ypx);
		ed25519_fe_select(&c->ymx, m, &tab[i].ymx, &c->ymx);
		ed25519_fe_select(&c->z2, m, &tab[i].z2, &c->z2);
		ed25519_fe_select(&c->t2d, m, &tab[i].t2d, &c->t2d);
	}
	t = c->ypx;
	ed25519_fe_select(&c->ypx, neg, &c->ymx, &c->ypx);
	ed25519_fe_select(&c->ymx, neg, &t, &c->ymx);
	ed25519_fe_neg(&t, &c->t2d);
	ed25519_fe_select(&c->t2d, neg, &t, &c->t2d);
}

/**
 * ed25519_mul() - r = k p, constant time in k
 * @r: the result (may not alias @p)
 * @p: the point
 * @k: the scalar, 32 bytes little-endian, below 2^255
 *
 * Return: 0, or -ENOMEM.
 */
int ed25519_mul(struct ed25519_pt *r, const struct ed25519_pt *p,
		const u8 *k)
{
	struct cached *tab, c;
	struct ed25519_pt acc;
	s8 d[64];
	int i, j;

	tab = port_zalloc(8 * sizeof(*tab));
	if (!tab)
		return -ENOMEM;
	to_cached(&tab[0], p);
	acc = *p;
	for (i = 1; i < 8; i++) {
		add_cached(&acc, &acc, &tab[0]);
		to_cached(&tab[i], &acc);
	}

	recode16(d, k);
	ed25519_pt_identity(r);
	for (j = 63; j >= 0; j--) {
		for (i = 0; i < 4 && j != 63; i++)
			ed25519_pt_double(r, r);
		cached_fetch(&c, tab, d[j]);
		add_cached(r, r, &c);
	}
	port_free_secret(tab, 8 * sizeof(*tab));
	memzero_explicit(d, sizeof(d));
	memzero_explicit(&c, sizeof(c));
	memzero_explicit(&acc, sizeof(acc));
	return 0;
}
