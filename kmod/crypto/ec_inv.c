// SPDX-License-Identifier: GPL-2.0
/*
 * Constant-time modular inversion by Bernstein and Yang's "safegcd"
 * (Fast constant-time gcd computation and modular inversion, TCHES 2019).
 *
 * The divstep iteration, started from (delta, f, g) = (1, M, x),
 *
 *	delta > 0 and g odd:	(1 - delta, g, (g - f) / 2)
 *	g odd:			(1 + delta, f, (g + f) / 2)
 *	g even:			(1 + delta, f, g / 2)
 *
 * reaches g = 0 and f = +-gcd(M, x) within floor((49 b + 80) / 17) steps
 * for b-bit inputs (their Theorem 11.2). The steps are done 62 at a time
 * on the low 64 bits of f and g only, which decide them, yielding a
 * matrix T with (f', g') = T (f, g) / 2^62; T is then applied to the full
 * numbers and, in parallel, to (d, e) with d x = f, e x = g (mod M), the
 * division by 2^62 being made exact by adding a multiple of M. At the end
 * d x = f = +-1, so x^-1 = +-d.
 *
 * Every step is branch-free and the number of steps is fixed by the size
 * of M, so the time and the memory accesses do not depend on x. Numbers
 * are signed, in limbs of 62 bits: the low ones in [0, 2^62), the top one
 * carrying the sign.
 */
#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#include "ct.h"
#include "ec_mont.h"

#define SG_LIMBS	7		/* 7 * 62 = 434 bits: 384 + sign, slack */
#define M62		(~0ULL >> 2)

struct sg_num {
	s64 v[SG_LIMBS];
};

/* the transition matrix of 62 divsteps, scaled by 2^62 */
struct sg_mat {
	s64 u, v, q, r;
};

/* 62 divsteps on the low 64 bits of f (odd) and g; returns the new delta */
static s64 divsteps62(s64 delta, u64 f, u64 g, struct sg_mat *t)
{
	u64 u = 1, v = 0, q = 0, r = 1, s, x, odd;
	int i;

	for (i = 0; i < 62; i++) {
		/* s: delta > 0 and g odd; then swap, negating the new g */
		s = (u64)((s64)(0 - (u64)delta) >> 63) & (0 - (g & 1));
		s = port_opt_barrier_u64(s);
		x = s & (f ^ g);
		f ^= x;
		g ^= x;
		g = (g ^ s) - s;
		x = s & (u ^ q);
		u ^= x;
		q ^= x;
		q = (q ^ s) - s;
		x = s & (v ^ r);
		v ^= x;
		r ^= x;
		r = (r ^ s) - s;
		delta = (s64)(((u64)delta ^ s) - s);
		/* g odd: g += f */
		odd = port_opt_barrier_u64(0 - (g & 1));
		g += f & odd;
		q += u & odd;
		r += v & odd;
		/* halve g, i.e. double the scale of (u, v) */
		delta++;
		g >>= 1;
		u <<= 1;
		v <<= 1;
	}
	t->u = (s64)u;
	t->v = (s64)v;
	t->q = (s64)q;
	t->r = (s64)r;
	return delta;
}

/* (f, g) = T (f, g) / 2^62, exactly */
static void update_fg(struct sg_num *f, struct sg_num *g,
		      const struct sg_mat *t, int n)
{
	s128 cf, cg;
	int i;

	cf = (s128)t->u * f->v[0] + (s128)t->v * g->v[0];
	cg = (s128)t->q * f->v[0] + (s128)t->r * g->v[0];
	cf >>= 62;
	cg >>= 62;
	for (i = 1; i < n; i++) {
		cf += (s128)t->u * f->v[i] + (s128)t->v * g->v[i];
		cg += (s128)t->q * f->v[i] + (s128)t->r * g->v[i];
		f->v[i - 1] = (s64)((u64)cf & M62);
		g->v[i - 1] = (s64)((u64)cg & M62);
		cf >>= 62;
		cg >>= 62;
	}
	f->v[n - 1] = (s64)cf;
	g->v[n - 1] = (s64)cg;
}

/* carry the low limbs into [0, 2^62); returns an all-ones mask if < 0 */
static u64 normalize(struct sg_num *a, int n)
{
	int i;

	for (i = 0; i < n - 1; i++) {
		a->v[i + 1] += a->v[i] >> 62;
		a->v[i] = (s64)((u64)a->v[i] & M62);
	}
	return (u64)(a->v[n - 1] >> 63);
}

/* a += m where @mask is all ones, then carry */
static u64 add_masked(struct sg_num *a, const struct sg_num *m, u64 mask,
		      int n)
{
	int i;

	for (i = 0; i < n; i++)
		a->v[i] += (s64)((u64)m->v[i] & mask);
	return normalize(a, n);
}

/* a in (-M, 2M) into [0, M) */
static void reduce_pm(struct sg_num *a, const struct sg_num *m, int n)
{
	struct sg_num t;
	u64 neg;
	int i;

	add_masked(a, m, (u64)(a->v[n - 1] >> 63), n);
	for (i = 0; i < n; i++)
		t.v[i] = a->v[i] - m->v[i];
	neg = normalize(&t, n);
	for (i = 0; i < n; i++)
		a->v[i] = (s64)ct_select(neg, (u64)a->v[i], (u64)t.v[i]);
}

/* a = M - a where @mask is all ones, for a in [1, M) */
static void negate_if(struct sg_num *a, const struct sg_num *m, u64 mask,
		      int n)
{
	struct sg_num t;
	int i;

	for (i = 0; i < n; i++)
		t.v[i] = m->v[i] - a->v[i];
	normalize(&t, n);
	for (i = 0; i < n; i++)
		a->v[i] = (s64)ct_select(mask, (u64)t.v[i], (u64)a->v[i]);
}

/*
 * (d, e) = T (d, e) / 2^62 mod M, for d, e in [0, M): the multiples
 * md, me of M added make the low 62 bits zero, and the result lies in
 * (-M, 2M) before reduce_pm().
 */
static noinline void update_de(struct sg_num *d, struct sg_num *e,
			       const struct sg_mat *t,
			       const struct sg_num *m, u64 minv, int n)
{
	s128 cd, ce;
	u64 md, me;
	int i;

	cd = (s128)t->u * d->v[0] + (s128)t->v * e->v[0];
	ce = (s128)t->q * d->v[0] + (s128)t->r * e->v[0];
	md = (0 - (u64)cd * minv) & M62;
	me = (0 - (u64)ce * minv) & M62;
	cd += (s128)md * m->v[0];
	ce += (s128)me * m->v[0];
	cd >>= 62;
	ce >>= 62;
	for (i = 1; i < n; i++) {
		cd += (s128)t->u * d->v[i] + (s128)t->v * e->v[i] +
		      (s128)md * m->v[i];
		ce += (s128)t->q * d->v[i] + (s128)t->r * e->v[i] +
		      (s128)me * m->v[i];
		d->v[i - 1] = (s64)((u64)cd & M62);
		e->v[i - 1] = (s64)((u64)ce & M62);
		cd >>= 62;
		ce >>= 62;
	}
	d->v[n - 1] = (s64)cd;
	e->v[n - 1] = (s64)ce;
	reduce_pm(d, m, n);
	reduce_pm(e, m, n);
}

static void to_sg(struct sg_num *r, const u64 *a, unsigned int limbs)
{
	unsigned int i, bit;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < SG_LIMBS; i++) {
		bit = 62 * i;
		if (bit / 64 >= limbs)
			break;
		r->v[i] = (s64)(a[bit / 64] >> (bit % 64));
		if (bit % 64 > 2 && bit / 64 + 1 < limbs)
			r->v[i] |= (s64)(a[bit / 64 + 1] << (64 - bit % 64));
		r->v[i] = (s64)((u64)r->v[i] & M62);
	}
}

static void from_sg(u64 *r, const struct sg_num *a, unsigned int limbs)
{
	unsigned int i, bit;

	memset(r, 0, limbs * 8);
	for (i = 0; i < SG_LIMBS; i++) {
		bit = 62 * i;
		if (bit / 64 >= limbs)
			break;
		r[bit / 64] |= (u64)a->v[i] << (bit % 64);
		if (bit % 64 > 2 && bit / 64 + 1 < limbs)
			r[bit / 64 + 1] |= (u64)a->v[i] >> (64 - bit % 64);
	}
}

/**
 * ec_mod_inv() - constant-time modular inverse
 * @mod: the modulus, odd
 * @r: a^-1 mod m, or 0 if @a is 0 (plain numbers, not Montgomery form)
 * @a: the operand, < m, coprime to m unless zero
 */
void ec_mod_inv(const struct ec_mont *mod, u64 *r, const u64 *a)
{
	int n = mod->limbs == 4 ? 5 : 7, bits = 64 * mod->limbs, i;
	int batches = ((49 * bits + 80) / 17 + 61) / 62;
	u64 minv = (0 - mod->m0inv) & M62;	/* m^-1 mod 2^62 */
	struct {
		struct sg_num f, g, d, e, m;
		struct sg_mat t;
	} s = {};
	s64 delta = 1;

	to_sg(&s.m, mod->m, mod->limbs);
	s.f = s.m;
	to_sg(&s.g, a, mod->limbs);
	s.e.v[0] = 1;
	for (i = 0; i < batches; i++) {
		u64 f0 = (u64)s.f.v[0] | (u64)s.f.v[1] << 62;
		u64 g0 = (u64)s.g.v[0] | (u64)s.g.v[1] << 62;

		delta = divsteps62(delta, f0, g0, &s.t);
		update_fg(&s.f, &s.g, &s.t, n);
		update_de(&s.d, &s.e, &s.t, &s.m, minv, n);
	}
	/* f = +-1 (or M for a = 0, with d = 0): x^-1 = d f */
	negate_if(&s.d, &s.m, (u64)(s.f.v[n - 1] >> 63), n);
	from_sg(r, &s.d, mod->limbs);
	memzero_explicit(&s, sizeof(s));
}
EXPORT_SYMBOL_IF_KUNIT(ec_mod_inv);
