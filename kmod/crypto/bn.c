// SPDX-License-Identifier: GPL-2.0
/*
 * Constant-time multi-precision arithmetic for RSA: Montgomery
 * multiplication with a masked final subtraction, reduction of long numbers
 * through Montgomery steps, fixed-window exponentiation whose table is read
 * whole for every lookup, and big-endian byte conversion.
 *
 * Loops run over limb counts and bit positions that are public; secret
 * values only ever meet arithmetic and masks (see ct.h), never a branch or
 * an array index. `make ct-check` runs this under valgrind with the secrets
 * undefined to prove it.
 */
#include "bn.h"
#include "ct.h"

/**
 * bn_from_bytes() - load a big-endian byte string
 * @r: @n limbs of result
 * @n: limbs of @r
 * @in: the bytes
 * @len: their number (any; bytes beyond @r's capacity must be zero)
 *
 * Constant-time in the contents of @in.
 *
 * Return: all ones if the number fitted in @n limbs, else zero (then @r
 * holds it modulo 2^(64 * @n)).
 */
u64 bn_from_bytes(u64 *r, size_t n, const u8 *in, size_t len)
{
	u64 over = 0;
	size_t i;

	memset(r, 0, n * sizeof(*r));
	for (i = 0; i < len; i++) {
		u64 b = in[len - 1 - i];

		if (i / 8 < n)
			r[i / 8] |= b << (8 * (i % 8));
		else
			over |= b;
	}
	return ct_is_zero_mask(over);
}

/**
 * bn_to_bytes() - store a number as big-endian bytes
 * @out: @len bytes of result
 * @len: their number
 * @a: the number
 * @n: limbs of @a
 *
 * Writes @a modulo 2^(8 * @len), zero-padded on the left.
 */
void bn_to_bytes(u8 *out, size_t len, const u64 *a, size_t n)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[len - 1 - i] = i / 8 < n ? (u8)(a[i / 8] >> (8 * (i % 8))) : 0;
}

/**
 * bn_add() - r = a + b
 * @r: result (may alias @a or @b)
 * @a: addend
 * @b: addend
 * @n: limbs of each
 *
 * Return: the carry out, 0 or 1.
 */
u64 bn_add(u64 *r, const u64 *a, const u64 *b, size_t n)
{
	u64 c = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		u128 s = (u128)a[i] + b[i] + c;

		r[i] = (u64)s;
		c = (u64)(s >> 64);
	}
	return c;
}

/**
 * bn_sub() - r = a - b
 * @r: result (may alias @a or @b)
 * @a: minuend
 * @b: subtrahend
 * @n: limbs of each
 *
 * Return: the borrow out, 0 or 1.
 */
u64 bn_sub(u64 *r, const u64 *a, const u64 *b, size_t n)
{
	u64 c = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		u128 d = (u128)a[i] - b[i] - c;

		r[i] = (u64)d;
		c = (u64)(d >> 64) & 1;
	}
	return c;
}

/**
 * bn_lt_mask() - compare two numbers
 * @a: a number
 * @b: a number
 * @n: limbs of each
 *
 * Return: all ones if @a < @b, else zero.
 */
u64 bn_lt_mask(const u64 *a, const u64 *b, size_t n)
{
	u64 c = 0;
	size_t i;

	/* the borrow of a - b, without storing the difference */
	for (i = 0; i < n; i++) {
		u128 d = (u128)a[i] - b[i] - c;

		c = (u64)(d >> 64) & 1;
	}
	return port_opt_barrier_u64(0 - c);
}

/**
 * bn_eq_mask() - compare two numbers
 * @a: a number
 * @b: a number
 * @n: limbs of each
 *
 * Return: all ones if @a == @b, else zero.
 */
u64 bn_eq_mask(const u64 *a, const u64 *b, size_t n)
{
	u64 acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= a[i] ^ b[i];
	return ct_is_zero_mask(acc);
}

/**
 * bn_mul() - r = a * b, schoolbook
 * @r: @an + @bn limbs of result (must not alias @a or @b)
 * @a: a number
 * @an: its limbs
 * @b: a number
 * @bn: its limbs
 */
void bn_mul(u64 *r, const u64 *a, size_t an, const u64 *b, size_t bn)
{
	size_t i, j;

	memset(r, 0, (an + bn) * sizeof(*r));
	for (i = 0; i < an; i++) {
		u64 c = 0;

		for (j = 0; j < bn; j++) {
			u128 x = (u128)a[i] * b[j] + r[i + j] + c;

			r[i + j] = (u64)x;
			c = (u64)(x >> 64);
		}
		r[i + bn] = c;
	}
}

/**
 * bn_bits_public() - bit length of a public number
 * @a: the number
 * @n: its limbs
 *
 * Variable-time in @a: only for public values (a public modulus).
 *
 * Return: the index of the highest set bit plus one, or 0 for zero.
 */
size_t bn_bits_public(const u64 *a, size_t n)
{
	size_t i = n;

	while (i > 0 && !a[i - 1])
		i--;
	if (!i)
		return 0;
	return 64 * i - __builtin_clzll(a[i - 1]);
}

/* -m0^-1 mod 2^64 by Newton's iteration; m0 odd (no branch on m0) */
static u64 neg_inv64(u64 m0)
{
	u64 x = m0;	/* right to 3 bits: m0 * m0 == 1 mod 8 */
	int i;

	for (i = 0; i < 5; i++)
		x *= 2 - m0 * x;	/* doubles the correct bits */
	return 0 - x;
}

/* r = (t < m ? t : t - m) for t of n + 1 limbs with t < 2m; r n limbs */
static void final_sub(u64 *r, const u64 *t, const u64 *m, size_t n)
{
	u64 borrow = bn_sub(r, t, m, n);
	u64 keep = ct_lt_mask(t[n], borrow);	/* t[n] - borrow < 0: t < m */
	size_t i;

	for (i = 0; i < n; i++)
		r[i] = ct_select(keep, t[i], r[i]);
}

/* x = 2x mod m, for x < m (x is kept below m) */
static void mod_double(const u64 *m, u64 *x, u64 *t, size_t n)
{
	size_t i;

	t[n] = x[n - 1] >> 63;
	for (i = n - 1; i > 0; i--)
		t[i] = (x[i] << 1) | (x[i - 1] >> 63);
	t[0] = x[0] << 1;
	final_sub(x, t, m, n);
}

/*
 * R mod m and R^2 mod m. Doubling 1 (or, for a public m, its top power of
 * two) up to 2^(64n) gives R; n more doublings give 2^n R, the Montgomery
 * form of 2^n; six Montgomery squarings raise that to 2^(64n) = R, whose
 * Montgomery form is R^2.
 */
static void mont_init_powers(struct bn_mont *ctx, bool secret, u64 *t)
{
	size_t n = ctx->n, i, start = 0;
	u64 *x = ctx->rr;

	memset(x, 0, n * sizeof(*x));
	if (!secret) {
		start = bn_bits_public(ctx->m, n) - 1;
		x[start / 64] = 1ULL << (start % 64);
	} else {
		x[0] = 1;
	}
	for (i = start; i < 64 * n; i++)
		mod_double(ctx->m, x, t, n);
	memcpy(ctx->one, x, n * sizeof(*x));
	for (i = 0; i < n; i++)
		mod_double(ctx->m, x, t, n);
	for (i = 0; i < 6; i++)
		bn_mont_sqr(ctx, x, x, t);
}

static size_t mont_alloc_len(size_t n)
{
	return sizeof(struct bn_mont) + 3 * n * sizeof(u64);
}

/**
 * bn_mont_new() - make a Montgomery context
 * @m: the modulus, odd and greater than 1
 * @n: its limbs, at most %BN_MAX_LIMBS
 * @secret: whether @m is secret (an RSA prime): then the set-up is
 *	constant-time in @m; otherwise it is variable-time in @m
 *
 * Return: the context, or NULL if out of memory or @n is out of range. The
 * caller checks that @m is odd (for a secret @m, with a mask); for an even
 * @m the context is useless but harmless.
 */
struct bn_mont *bn_mont_new(const u64 *m, size_t n, bool secret)
{
	struct bn_mont *ctx;
	u64 *t;

	if (!n || n > BN_MAX_LIMBS || (!secret && !bn_bits_public(m, n)))
		return NULL;
	ctx = port_zalloc(mont_alloc_len(n));
	t = port_zalloc(BN_SCRATCH_LIMBS(n) * sizeof(*t));
	if (!ctx || !t) {
		port_free_secret(ctx, ctx ? mont_alloc_len(n) : 0);
		port_free_secret(t, BN_SCRATCH_LIMBS(n) * sizeof(*t));
		return NULL;
	}
	ctx->n = n;
	ctx->m = (u64 *)(ctx + 1);
	ctx->rr = ctx->m + n;
	ctx->one = ctx->rr + n;
	memcpy(ctx->m, m, n * sizeof(*m));
	ctx->m0inv = neg_inv64(m[0]);
	mont_init_powers(ctx, secret, t);
	port_free_secret(t, BN_SCRATCH_LIMBS(n) * sizeof(*t));
	return ctx;
}

/**
 * bn_mont_free() - wipe and free a Montgomery context
 * @ctx: the context, or NULL
 */
void bn_mont_free(struct bn_mont *ctx)
{
	if (ctx)
		port_free_secret(ctx, mont_alloc_len(ctx->n));
}

/* A three-limb column accumulator for product scanning. */
struct acc {
	u64 lo, hi, top;
};

/* acc += x * y */
static __always_inline void mac(struct acc *c, u64 x, u64 y)
{
	u128 p = (u128)x * y;
	u128 s = ((u128)c->hi << 64 | c->lo) + p;

	c->top += s < p;	/* the carry out of 128 bits; no branch */
	c->lo = (u64)s;
	c->hi = (u64)(s >> 64);
}

/* acc /= 2^64 */
static __always_inline void acc_shift(struct acc *c)
{
	c->lo = c->hi;
	c->hi = c->top;
	c->top = 0;
}

/*
 * The end of column @k of a product-scanning Montgomery multiplication,
 * whose u_i * m_(k-i) terms for the earlier rows are already in @c: for
 * k < n, choose u_k to clear the column's low limb; columns from n on are
 * the result's limbs.
 */
static __always_inline void redc_column_end(const struct bn_mont *ctx, u64 *u,
					    u64 *t, struct acc *c, size_t k)
{
	const size_t n = ctx->n;

	if (k < n) {
		u[k] = c->lo * ctx->m0inv;
		mac(c, u[k], ctx->m[0]);	/* the low limb becomes zero */
	} else {
		t[k - n] = c->lo;
	}
	acc_shift(c);
}

/* c += w, for a one-limb w */
static __always_inline void acc_add(struct acc *c, u64 w)
{
	u128 s = ((u128)c->hi << 64 | c->lo) + w;

	c->top += s < w;
	c->lo = (u64)s;
	c->hi = (u64)(s >> 64);
}

/* t[0 .. 2n) = a^2: the cross products once by columns, doubled, + squares */
static void sqr(u64 *t, const u64 *a, const size_t n)
{
	struct acc c = { 0, 0, 0 };
	u64 bit = 0, carry = 0;
	size_t i, k;

	for (k = 0; k < 2 * n - 1; k++) {
		size_t hi = (k + 1) / 2;	/* i < k - i */

		for (i = k < n ? 0 : k - n + 1; i < hi; i++)
			mac(&c, a[i], a[k - i]);
		t[k] = c.lo;
		acc_shift(&c);
	}
	t[2 * n - 1] = c.lo;
	for (i = 0; i < n; i++) {
		u128 sq = (u128)a[i] * a[i], s;
		u64 t0 = t[2 * i], t1 = t[2 * i + 1];

		s = (u128)((t0 << 1) | bit) + (u64)sq + carry;
		t[2 * i] = (u64)s;
		s = (u128)((t1 << 1) | (t0 >> 63)) + (u64)(sq >> 64) +
		    (u64)(s >> 64);
		t[2 * i + 1] = (u64)s;
		carry = (u64)(s >> 64);
		bit = t1 >> 63;
	}
}

/*
 * Montgomery reduction by product scanning: r = t / R mod m for t of 2n
 * limbs below m * R; @u is n limbs of scratch after t's 2n.
 */
static void redc(const struct bn_mont *ctx, u64 *r, u64 *t)
{
	const size_t n = ctx->n;
	const u64 *m = ctx->m;
	struct acc c = { 0, 0, 0 };
	u64 *u = t + 2 * n;
	size_t i, k;

	for (k = 0; k < n; k++) {
		acc_add(&c, t[k]);
		for (i = 0; i < k; i++)
			mac(&c, u[i], m[k - i]);
		redc_column_end(ctx, u, t, &c, k);
	}
	for (; k < 2 * n; k++) {
		acc_add(&c, t[k]);
		for (i = k - n + 1; i < n; i++)
			mac(&c, u[i], m[k - i]);
		redc_column_end(ctx, u, t, &c, k);	/* t[k - n] = limb */
	}
	t[n] = c.lo;
	final_sub(r, t, m, n);
}

/**
 * bn_mont_mul() - Montgomery multiplication, r = a * b / R mod m
 * @ctx: the modulus
 * @r: n limbs of result, fully reduced (may alias @a or @b)
 * @a: a number below R
 * @b: a number below m
 * @t: BN_SCRATCH_LIMBS(n) limbs of scratch
 *
 * Product scanning (the "FIPS" method): each column of a * b and of u * m
 * is summed in a register accumulator, so the inner loop does no stores.
 * With a < R and b < m the result is below 2m, and one masked subtraction
 * reduces it.
 */
void bn_mont_mul(const struct bn_mont *ctx, u64 *r, const u64 *a,
		 const u64 *b, u64 *t)
{
	const size_t n = ctx->n;
	const u64 *m = ctx->m;
	struct acc c = { 0, 0, 0 };
	u64 *u = t + n + 1;	/* t: n + 1 limbs, u: n */
	size_t i, k;

	for (k = 0; k < n; k++) {
		for (i = 0; i < k; i++) {
			mac(&c, a[i], b[k - i]);
			mac(&c, u[i], m[k - i]);
		}
		mac(&c, a[k], b[0]);
		redc_column_end(ctx, u, t, &c, k);
	}
	for (; k < 2 * n - 1; k++) {
		for (i = k - n + 1; i < n; i++) {
			mac(&c, a[i], b[k - i]);
			mac(&c, u[i], m[k - i]);
		}
		redc_column_end(ctx, u, t, &c, k);
	}
	t[n - 1] = c.lo;
	t[n] = c.hi;
	final_sub(r, t, m, n);
}

/**
 * bn_mont_sqr() - Montgomery squaring, r = a^2 / R mod m
 * @ctx: the modulus
 * @r: n limbs of result (may alias @a)
 * @a: a number below m
 * @t: BN_SCRATCH_LIMBS(n) limbs of scratch
 *
 * The square first, then its reduction: about 1.5 n^2 products instead of
 * bn_mont_mul()'s 2 n^2.
 */
void bn_mont_sqr(const struct bn_mont *ctx, u64 *r, const u64 *a, u64 *t)
{
	sqr(t, a, ctx->n);
	redc(ctx, r, t);
}

/* r += m & mask */
static void add_masked(u64 *r, const u64 *m, u64 mask, size_t n)
{
	u64 c = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		u128 s = (u128)r[i] + (m[i] & mask) + c;

		r[i] = (u64)s;
		c = (u64)(s >> 64);
	}
}

/**
 * bn_mod_add() - r = a + b mod m
 * @ctx: the modulus
 * @r: result (may alias @a or @b)
 * @a: a number below m
 * @b: a number below m
 */
void bn_mod_add(const struct bn_mont *ctx, u64 *r, const u64 *a,
		const u64 *b)
{
	u64 carry = bn_add(r, a, b, ctx->n);
	u64 borrow = bn_sub(r, r, ctx->m, ctx->n);

	/* a + b < m exactly when subtracting m borrowed and adding did not carry */
	add_masked(r, ctx->m, ct_lt_mask(carry, borrow), ctx->n);
}

/**
 * bn_mod_sub() - r = a - b mod m
 * @ctx: the modulus
 * @r: result (may alias @a or @b)
 * @a: a number below m
 * @b: a number below m
 */
void bn_mod_sub(const struct bn_mont *ctx, u64 *r, const u64 *a,
		const u64 *b)
{
	u64 borrow = bn_sub(r, a, b, ctx->n);

	add_masked(r, ctx->m, port_opt_barrier_u64(0 - borrow), ctx->n);
}

/**
 * bn_mont_reduce() - Montgomery form of a number of any length
 * @ctx: the modulus (n limbs)
 * @r: n limbs of result, a * R mod m (must not alias @a)
 * @a: the number
 * @an: its limbs
 * @t: BN_SCRATCH_LIMBS(n) limbs of scratch
 *
 * Horner's rule over n-limb chunks of @a, most significant first: one
 * Montgomery multiplication by R^2 moves the accumulator up one chunk
 * (value times R), another brings the chunk into Montgomery form. Both
 * accept any input below R, so no chunk needs reducing first. This is how
 * a 2k-bit RSA input is reduced modulo a k-bit secret prime in constant
 * time.
 */
void bn_mont_reduce(const struct bn_mont *ctx, u64 *r, const u64 *a,
		    size_t an, u64 *t)
{
	size_t n = ctx->n, chunks = (an + n - 1) / n, c, i;
	u64 *chunk = t + 3 * n + 2;	/* after what bn_mont_mul() uses */

	memset(r, 0, n * sizeof(*r));
	for (c = chunks; c-- > 0;) {
		for (i = 0; i < n; i++)
			chunk[i] = c * n + i < an ? a[c * n + i] : 0;
		bn_mont_mul(ctx, r, r, ctx->rr, t);
		bn_mont_mul(ctx, chunk, chunk, ctx->rr, t);
		bn_mod_add(ctx, r, r, chunk);
	}
}

/**
 * bn_to_mont() - enter Montgomery form, r = a * R mod m
 * @ctx: the modulus
 * @r: result (may alias @a)
 * @a: a number below R (it need not be reduced)
 * @t: BN_SCRATCH_LIMBS(n) limbs of scratch
 */
void bn_to_mont(const struct bn_mont *ctx, u64 *r, const u64 *a, u64 *t)
{
	bn_mont_mul(ctx, r, a, ctx->rr, t);
}

/**
 * bn_from_mont() - leave Montgomery form, r = a / R mod m
 * @ctx: the modulus
 * @r: result (may alias @a)
 * @a: a number below m
 * @t: BN_SCRATCH_LIMBS(n) limbs of scratch
 */
void bn_from_mont(const struct bn_mont *ctx, u64 *r, const u64 *a, u64 *t)
{
	u64 *one = t + 3 * ctx->n + 2;	/* after what bn_mont_mul() uses */

	memset(one, 0, ctx->n * sizeof(*one));
	one[0] = 1;
	bn_mont_mul(ctx, r, a, one, t);
}

/* the BN_WINDOW exponent bits starting at bit @pos (a public position) */
static u64 exp_window(const u64 *e, size_t el, size_t pos)
{
	size_t limb = pos / 64, sh = pos % 64;
	u64 w = e[limb] >> sh;

	if (sh > 64 - BN_WINDOW && limb + 1 < el)
		w |= e[limb + 1] << (64 - sh);
	return w & (BN_TABLE_LEN - 1);
}

/* r = table[idx], reading every entry: the index is secret */
static void table_select(u64 *r, const u64 *table, size_t n, u64 idx)
{
	size_t k, i;

	memset(r, 0, n * sizeof(*r));
	for (k = 0; k < BN_TABLE_LEN; k++) {
		u64 mask = ct_eq_mask(k, idx);

		for (i = 0; i < n; i++)
			r[i] |= table[k * n + i] & mask;
	}
}

/* table[i] = base^i in Montgomery form, i < BN_TABLE_LEN */
static void table_fill(const struct bn_mont *ctx, u64 *table, const u64 *base,
		       u64 *t)
{
	size_t n = ctx->n, i;

	memcpy(table, ctx->one, n * sizeof(*table));
	memcpy(table + n, base, n * sizeof(*table));
	for (i = 2; i < BN_TABLE_LEN; i++) {
		if (i % 2 == 0)
			bn_mont_sqr(ctx, table + i * n, table + i / 2 * n, t);
		else
			bn_mont_mul(ctx, table + i * n, table + (i - 1) * n,
				    base, t);
	}
}

/**
 * bn_mont_exp_ct() - constant-time multi-exponentiation
 * @ctx: the modulus
 * @r: n limbs of result, prod(base[i] ^ exp[i]) in Montgomery form
 * @base: @bases numbers below m, in Montgomery form
 * @exp: @bases exponents of @el limbs each
 * @bases: 1 or 2 (%BN_EXP_MAX_BASES)
 * @el: limbs of each exponent; all 64 * @el bits are processed
 * @scratch: bn_exp_scratch_limbs(n, @bases) limbs
 *
 * Fixed windows of %BN_WINDOW bits, the same for all bases, so they share
 * the squarings (Straus-Shamir). Each window costs the same squarings and
 * one multiplication per base whatever its value, and the table entry is
 * fetched by reading the whole table under masks. Constant-time in the
 * bases and the exponents.
 */
void bn_mont_exp_ct(const struct bn_mont *ctx, u64 *r,
		    const u64 *const *base, const u64 *const *exp, int bases,
		    size_t el, u64 *scratch)
{
	size_t n = ctx->n, tl = BN_TABLE_LEN * n;
	size_t windows = (64 * el + BN_WINDOW - 1) / BN_WINDOW, w;
	u64 *sel = scratch + bases * tl, *t = sel + n;
	int b, i;

	for (b = 0; b < bases; b++)
		table_fill(ctx, scratch + b * tl, base[b], t);
	memcpy(r, ctx->one, n * sizeof(*r));
	for (w = windows; w-- > 0;) {
		if (w != windows - 1)
			for (i = 0; i < BN_WINDOW; i++)
				bn_mont_sqr(ctx, r, r, t);
		for (b = 0; b < bases; b++) {
			table_select(sel, scratch + b * tl, n,
				     exp_window(exp[b], el, w * BN_WINDOW));
			bn_mont_mul(ctx, r, r, sel, t);
		}
	}
}

/**
 * bn_mont_exp_public() - exponentiation by a public exponent
 * @ctx: the modulus
 * @r: n limbs of result, base^e in Montgomery form (must not alias @base)
 * @base: a number below m, in Montgomery form
 * @e: the exponent, big-endian, nonzero
 * @e_len: its length in bytes
 * @t: BN_SCRATCH_LIMBS(n) limbs of scratch
 *
 * Left-to-right square and multiply: variable-time in @e (public), and
 * constant-time in @base, so a secret base (a blinding factor, a message
 * being encrypted, a result under its fault check) is safe here.
 */
void bn_mont_exp_public(const struct bn_mont *ctx, u64 *r, const u64 *base,
			const u8 *e, size_t e_len, u64 *t)
{
	size_t n = ctx->n, i;
	bool started = false;
	int bit;

	memcpy(r, ctx->one, n * sizeof(*r));
	for (i = 0; i < e_len; i++) {
		for (bit = 7; bit >= 0; bit--) {
			if (started)
				bn_mont_sqr(ctx, r, r, t);
			if ((e[i] >> bit) & 1) {
				bn_mont_mul(ctx, r, r, base, t);
				started = true;
			}
		}
	}
}
