// SPDX-License-Identifier: GPL-2.0
/*
 * GF(2^255 - 19) in radix 2^51. Reduction uses 2^255 = 19 (mod p): a carry
 * out of the top limb comes back into the bottom one times 19. No function
 * branches on or indexes memory by the values it handles.
 */
#include "ct.h"
#include "ed25519_fe.h"

#define MASK51	((1ULL << 51) - 1)

static u64 load64_le(const u8 *s)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | s[i];
	return v;
}

/* carry every limb into the next; limbs in < 2^63, out < 2^52 */
static void weak_reduce(u64 *v)
{
	u64 c;

	c = v[0] >> 51;
	v[0] &= MASK51;
	v[1] += c;
	c = v[1] >> 51;
	v[1] &= MASK51;
	v[2] += c;
	c = v[2] >> 51;
	v[2] &= MASK51;
	v[3] += c;
	c = v[3] >> 51;
	v[3] &= MASK51;
	v[4] += c;
	c = v[4] >> 51;
	v[4] &= MASK51;
	v[0] += 19 * c;
}

/* carry the five 128-bit column sums of a product into @h */
static void carry_wide(struct ed25519_fe *h, u128 *t)
{
	u128 x;
	u64 c;

	t[1] += (u64)(t[0] >> 51);
	t[2] += (u64)(t[1] >> 51);
	t[3] += (u64)(t[2] >> 51);
	t[4] += (u64)(t[3] >> 51);
	c = (u64)(t[4] >> 51);
	x = (u128)c * 19 + ((u64)t[0] & MASK51);
	h->v[0] = (u64)x & MASK51;
	h->v[1] = ((u64)t[1] & MASK51) + (u64)(x >> 51);
	h->v[2] = (u64)t[2] & MASK51;
	h->v[3] = (u64)t[3] & MASK51;
	h->v[4] = (u64)t[4] & MASK51;
}

/**
 * ed25519_fe_frombytes() - load 255 bits, little-endian
 * @h: the element
 * @s: 32 bytes; the top bit of s[31] is ignored, values >= p are kept
 */
void ed25519_fe_frombytes(struct ed25519_fe *h, const u8 *s)
{
	h->v[0] = load64_le(s) & MASK51;
	h->v[1] = (load64_le(s + 6) >> 3) & MASK51;
	h->v[2] = (load64_le(s + 12) >> 6) & MASK51;
	h->v[3] = (load64_le(s + 19) >> 1) & MASK51;
	h->v[4] = (load64_le(s + 24) >> 12) & MASK51;
}

/**
 * ed25519_fe_tobytes() - the canonical encoding
 * @s: 32 bytes out, the value reduced below p, little-endian
 * @h: the element
 */
void ed25519_fe_tobytes(u8 *s, const struct ed25519_fe *h)
{
	u64 v[5], q;
	int i;

	memcpy(v, h->v, sizeof(v));
	weak_reduce(v);
	weak_reduce(v);
	/* now v < 2^255 + 19 < 2 p; q = 1 iff v >= p, i.e. v + 19 >= 2^255 */
	q = (v[0] + 19) >> 51;
	q = (v[1] + q) >> 51;
	q = (v[2] + q) >> 51;
	q = (v[3] + q) >> 51;
	q = (v[4] + q) >> 51;
	/* v - q p = v + 19 q - q 2^255 */
	v[0] += 19 * q;
	v[1] += v[0] >> 51;
	v[0] &= MASK51;
	v[2] += v[1] >> 51;
	v[1] &= MASK51;
	v[3] += v[2] >> 51;
	v[2] &= MASK51;
	v[4] += v[3] >> 51;
	v[3] &= MASK51;
	v[4] &= MASK51;

	for (i = 0; i < 32; i++) {
		unsigned int bit = 8 * i, limb = bit / 51, off = bit % 51;
		u64 b = v[limb] >> off;

		if (off > 43 && limb < 4)
			b |= v[limb + 1] << (51 - off);
		s[i] = (u8)b;
	}
	memzero_explicit(v, sizeof(v));
}

/**
 * ed25519_fe_set() - h = a small constant
 * @h: the element
 * @small: the value, below 2^51
 */
void ed25519_fe_set(struct ed25519_fe *h, u64 small)
{
	memset(h, 0, sizeof(*h));
	h->v[0] = small;
}

/**
 * ed25519_fe_add() - h = f + g
 * @h: the sum (may alias)
 * @f: first operand
 * @g: second operand
 */
void ed25519_fe_add(struct ed25519_fe *h, const struct ed25519_fe *f,
		    const struct ed25519_fe *g)
{
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = f->v[i] + g->v[i];
	weak_reduce(h->v);
}

/**
 * ed25519_fe_sub() - h = f - g
 * @h: the difference (may alias)
 * @f: first operand
 * @g: second operand
 *
 * Computes f + 4 p - g, which keeps every limb positive for g's limbs
 * below 2^52.
 */
void ed25519_fe_sub(struct ed25519_fe *h, const struct ed25519_fe *f,
		    const struct ed25519_fe *g)
{
	static const u64 four_p[5] = {
		(MASK51 - 18) * 4, MASK51 * 4, MASK51 * 4, MASK51 * 4,
		MASK51 * 4,
	};
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = f->v[i] + four_p[i] - g->v[i];
	weak_reduce(h->v);
}

/**
 * ed25519_fe_neg() - h = -f
 * @h: the result (may alias)
 * @f: the operand
 */
void ed25519_fe_neg(struct ed25519_fe *h, const struct ed25519_fe *f)
{
	struct ed25519_fe zero = {};

	ed25519_fe_sub(h, &zero, f);
}

/**
 * ed25519_fe_mul() - h = f g
 * @h: the product (may alias)
 * @f: first factor
 * @g: second factor
 */
void ed25519_fe_mul(struct ed25519_fe *h, const struct ed25519_fe *f,
		    const struct ed25519_fe *g)
{
	const u64 *a = f->v, *b = g->v;
	u64 b1 = 19 * b[1], b2 = 19 * b[2], b3 = 19 * b[3], b4 = 19 * b[4];
	u128 t[5];

	t[0] = (u128)a[0] * b[0] + (u128)a[1] * b4 + (u128)a[2] * b3 +
	       (u128)a[3] * b2 + (u128)a[4] * b1;
	t[1] = (u128)a[0] * b[1] + (u128)a[1] * b[0] + (u128)a[2] * b4 +
	       (u128)a[3] * b3 + (u128)a[4] * b2;
	t[2] = (u128)a[0] * b[2] + (u128)a[1] * b[1] + (u128)a[2] * b[0] +
	       (u128)a[3] * b4 + (u128)a[4] * b3;
	t[3] = (u128)a[0] * b[3] + (u128)a[1] * b[2] + (u128)a[2] * b[1] +
	       (u128)a[3] * b[0] + (u128)a[4] * b4;
	t[4] = (u128)a[0] * b[4] + (u128)a[1] * b[3] + (u128)a[2] * b[2] +
	       (u128)a[3] * b[1] + (u128)a[4] * b[0];
	carry_wide(h, t);
}

/**
 * ed25519_fe_sq() - h = f^2
 * @h: the square (may alias)
 * @f: the operand
 */
void ed25519_fe_sq(struct ed25519_fe *h, const struct ed25519_fe *f)
{
	const u64 *a = f->v;
	u64 d0 = 2 * a[0], d1 = 2 * a[1], d2 = 2 * a[2], d3 = 2 * a[3];
	u64 a3_19 = 19 * a[3], a4_19 = 19 * a[4];
	u128 t[5];

	t[0] = (u128)a[0] * a[0] + (u128)d1 * a4_19 + (u128)d2 * a3_19;
	t[1] = (u128)d0 * a[1] + (u128)d2 * a4_19 + (u128)a[3] * a3_19;
	t[2] = (u128)d0 * a[2] + (u128)a[1] * a[1] + (u128)d3 * a4_19;
	t[3] = (u128)d0 * a[3] + (u128)d1 * a[2] + (u128)a[4] * a4_19;
	t[4] = (u128)d0 * a[4] + (u128)d1 * a[3] + (u128)a[2] * a[2];
	carry_wide(h, t);
}

static void sq_n(struct ed25519_fe *h, const struct ed25519_fe *f, int n)
{
	ed25519_fe_sq(h, f);
	while (--n)
		ed25519_fe_sq(h, h);
}

/* z^(2^250 - 1) into @out, and z^11 into @z11 */
static void pow250(struct ed25519_fe *out, struct ed25519_fe *z11,
		   const struct ed25519_fe *z)
{
	struct ed25519_fe t0, t1, t2;

	ed25519_fe_sq(&t0, z);			/* 2 */
	sq_n(&t1, &t0, 2);			/* 8 */
	ed25519_fe_mul(&t1, z, &t1);		/* 9 */
	ed25519_fe_mul(z11, &t0, &t1);		/* 11 */
	ed25519_fe_sq(&t0, z11);		/* 22 */
	ed25519_fe_mul(&t0, &t1, &t0);		/* 2^5 - 1 */
	sq_n(&t1, &t0, 5);
	ed25519_fe_mul(&t0, &t1, &t0);		/* 2^10 - 1 */
	sq_n(&t1, &t0, 10);
	ed25519_fe_mul(&t1, &t1, &t0);		/* 2^20 - 1 */
	sq_n(&t2, &t1, 20);
	ed25519_fe_mul(&t1, &t2, &t1);		/* 2^40 - 1 */
	sq_n(&t1, &t1, 10);
	ed25519_fe_mul(&t0, &t1, &t0);		/* 2^50 - 1 */
	sq_n(&t1, &t0, 50);
	ed25519_fe_mul(&t1, &t1, &t0);		/* 2^100 - 1 */
	sq_n(&t2, &t1, 100);
	ed25519_fe_mul(&t1, &t2, &t1);		/* 2^200 - 1 */
	sq_n(&t1, &t1, 50);
	ed25519_fe_mul(out, &t1, &t0);		/* 2^250 - 1 */
	memzero_explicit(&t0, sizeof(t0));
	memzero_explicit(&t1, sizeof(t1));
	memzero_explicit(&t2, sizeof(t2));
}

/**
 * ed25519_fe_invert() - out = z^-1 = z^(p - 2), 0 for 0
 * @out: the inverse
 * @z: the operand
 *
 * p - 2 = 2^255 - 21 = 2^5 (2^250 - 1) + 11.
 */
void ed25519_fe_invert(struct ed25519_fe *out, const struct ed25519_fe *z)
{
	struct ed25519_fe t, z11;

	pow250(&t, &z11, z);
	sq_n(&t, &t, 5);
	ed25519_fe_mul(out, &t, &z11);
	memzero_explicit(&t, sizeof(t));
	memzero_explicit(&z11, sizeof(z11));
}

/**
 * ed25519_fe_pow22523() - out = z^((p - 5) / 8), for square roots
 * @out: the power
 * @z: the operand
 *
 * (p - 5) / 8 = 2^252 - 3 = 2^2 (2^250 - 1) + 1.
 */
void ed25519_fe_pow22523(struct ed25519_fe *out, const struct ed25519_fe *z)
{
	struct ed25519_fe t, z11;

	pow250(&t, &z11, z);
	sq_n(&t, &t, 2);
	ed25519_fe_mul(out, &t, z);
	memzero_explicit(&t, sizeof(t));
	memzero_explicit(&z11, sizeof(z11));
}

/**
 * ed25519_fe_select() - h = mask ? a : b, in constant time
 * @h: the result (may alias)
 * @mask: all ones or zero
 * @a: chosen where @mask is all ones
 * @b: chosen where @mask is zero
 */
void ed25519_fe_select(struct ed25519_fe *h, u64 mask,
		       const struct ed25519_fe *a, const struct ed25519_fe *b)
{
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = b->v[i] ^ (mask & (a->v[i] ^ b->v[i]));
}

/**
 * ed25519_fe_iszero_mask() - is f = 0 (mod p)?
 * @f: the element
 *
 * Return: all ones if so, else zero.
 */
u64 ed25519_fe_iszero_mask(const struct ed25519_fe *f)
{
	static const u8 zero[32];
	u8 s[32];
	u64 r;

	ed25519_fe_tobytes(s, f);
	r = ~ct_memneq_mask(s, zero, 32);
	memzero_explicit(s, sizeof(s));
	return r;
}

/**
 * ed25519_fe_isnegative() - the "sign" of f: the low bit of its canonical
 * encoding (RFC 8032 5.1.2)
 * @f: the element
 *
 * Return: 0 or 1.
 */
u64 ed25519_fe_isnegative(const struct ed25519_fe *f)
{
	u8 s[32];
	u64 r;

	ed25519_fe_tobytes(s, f);
	r = s[0] & 1;
	memzero_explicit(s, sizeof(s));
	return r;
}

/**
 * ed25519_fe_eq_mask() - is f = g (mod p)?
 * @f: first element
 * @g: second element
 *
 * Return: all ones if so, else zero.
 */
u64 ed25519_fe_eq_mask(const struct ed25519_fe *f, const struct ed25519_fe *g)
{
	struct ed25519_fe d;
	u64 r;

	ed25519_fe_sub(&d, f, g);
	r = ed25519_fe_iszero_mask(&d);
	memzero_explicit(&d, sizeof(d));
	return r;
}
