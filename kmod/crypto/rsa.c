// SPDX-License-Identifier: GPL-2.0
/*
 * RSA with constant-time private operations.
 *
 * A private operation m = c^d mod n runs as follows (all of it in bn.c's
 * constant-time arithmetic, with no branch or index on a secret):
 *
 * 1. Blinding: a fresh random r < n; cb = c * r^e mod n. The exponent e is
 *    public, so r^e is a public-exponent power of a secret base.
 * 2. CRT halves: m_p = cb^dp * r^(p-2) mod p, and likewise mod q. Since
 *    cb^dp = m * r mod p and r^(p-2) = r^-1 mod p (Fermat), the blinding
 *    factor comes off inside the same exponentiation: both powers share
 *    their squarings (Straus-Shamir), so unblinding costs about a fifth
 *    of an exponentiation and needs no variable-time inverse.
 * 3. Garner: h = (m_p - m_q) * qinv mod p; m = m_q + h * q.
 * 4. Fault check: m^e mod n must equal c, or nothing is released (a fault
 *    in one CRT half would otherwise give the factorization away).
 */
#include "bn.h"
#include "ct.h"
#include "rsa.h"
#include "rsa_pad.h"

#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#ifdef TLSHAKE_CT_VALGRIND
/* ct-check: random values that must stay secret are tracked as secrets */
#define rsa_ct_secret(p, len) VALGRIND_MAKE_MEM_UNDEFINED((p), (len))
#else
#define rsa_ct_secret(p, len) do { (void)(p); (void)(len); } while (0)
#endif

/* A public key, leading zeros stripped, checked by pub_parse(). */
struct rsa_pub {
	const u8 *n;
	const u8 *e;
	size_t k;	/* bytes of n */
	size_t e_len;
	size_t bits;	/* bits of n */
};

/**
 * struct rsa_priv - an RSA private key ready for CRT operations
 * @k: modulus length in bytes
 * @bits: modulus length in bits
 * @nl: limbs of n
 * @pl: limbs of p
 * @ql: limbs of q
 * @mn: Montgomery context of n (public)
 * @mp: Montgomery context of p, which holds p
 * @mq: Montgomery context of q, which holds q
 * @dp: d mod (p - 1), @pl limbs
 * @dq: d mod (q - 1), @ql limbs
 * @pm2: p - 2, the exponent of Fermat's inverse mod p, @pl limbs
 * @qm2: q - 2, @ql limbs
 * @qinv: q^-1 mod p, @pl limbs
 * @n: the modulus, @k bytes big-endian
 * @e: the public exponent, @e_len bytes big-endian
 * @e_len: length of @e
 * @alloc_len: bytes allocated for this structure and its arrays
 */
struct rsa_priv {
	size_t k, bits, nl, pl, ql;
	struct bn_mont *mn, *mp, *mq;
	u64 *dp, *dq, *pm2, *qm2, *qinv;
	u8 *n, *e;
	size_t e_len, alloc_len;
};

/* Per-operation scratch of a private operation, one allocation. */
struct priv_scratch {
	u64 *c;		/* input, nl */
	u64 *r;		/* blinding factor, nl */
	u64 *cb;	/* blinded input, nl */
	u64 *m;		/* result, nl + 2 */
	u64 *t;		/* Montgomery scratch, BN_SCRATCH_LIMBS(nl) */
	u64 *xp, *xq;	/* CRT halves, pl and ql */
	u64 *b0, *b1;	/* exponentiation bases, max(pl, ql) */
	u64 *exp;	/* bn_mont_exp_ct() scratch */
	size_t len;	/* bytes */
};

static void strip_public(const u8 **p, size_t *len)
{
	while (*len && !**p) {
		(*p)++;
		(*len)--;
	}
}

/* bit length of a public big-endian number without leading zero bytes */
static size_t bits_public(const u8 *p, size_t len)
{
	size_t bits = 8 * len;
	u8 top = len ? p[0] : 0;

	if (!len)
		return 0;
	while (!(top & 0x80)) {
		top <<= 1;
		bits--;
	}
	return bits;
}

static int pub_parse(struct rsa_pub *pub, const u8 *n, size_t n_len,
		     const u8 *e, size_t e_len, size_t min_bits,
		     size_t max_bits)
{
	strip_public(&n, &n_len);
	strip_public(&e, &e_len);
	pub->n = n;
	pub->e = e;
	pub->k = n_len;
	pub->e_len = e_len;
	pub->bits = bits_public(n, n_len);
	if (pub->bits < min_bits || pub->bits > max_bits || !(n[n_len - 1] & 1))
		return -EINVAL;
	/*
	 * e odd, 3 <= e < 2^64 (so also e < n). The bound is OpenSSL's for
	 * large moduli; it keeps a hostile certificate from making one
	 * verification cost thousands of squarings.
	 */
	if (!e_len || e_len > RSA_MAX_E_BYTES || !(e[e_len - 1] & 1) ||
	    (e_len == 1 && e[0] < 3))
		return -EINVAL;
	return 0;
}

/* the Montgomery context of a public modulus of @k bytes */
static struct bn_mont *mont_public(const u8 *n, size_t k)
{
	size_t nl = bn_limbs(k);
	struct bn_mont *ctx;
	u64 *m = port_zalloc(nl * sizeof(u64));

	if (!m)
		return NULL;
	bn_from_bytes(m, nl, n, k);
	ctx = bn_mont_new(m, nl, false);
	port_free_secret(m, nl * sizeof(u64));
	return ctx;
}

/*
 * out = in^e mod n for a public key: @in is k bytes and below n (callers
 * check), and may be secret (a padded premaster secret): the arithmetic is
 * constant-time in it, variable-time only in the public n and e.
 */
static int public_op(const struct rsa_pub *pub, const u8 *in, u8 *out)
{
	size_t nl = bn_limbs(pub->k);
	size_t len = (2 * nl + BN_SCRATCH_LIMBS(nl)) * sizeof(u64);
	struct bn_mont *ctx;
	u64 *x, *y, *t;

	x = port_zalloc(len);
	if (!x)
		return -ENOMEM;
	y = x + nl;
	t = y + nl;
	ctx = mont_public(pub->n, pub->k);
	if (!ctx) {
		port_free_secret(x, len);
		return -ENOMEM;
	}
	bn_from_bytes(x, nl, in, pub->k);
	bn_to_mont(ctx, y, x, t);
	bn_mont_exp_public(ctx, x, y, pub->e, pub->e_len, t);
	bn_from_mont(ctx, x, x, t);
	bn_to_bytes(out, pub->k, x, nl);
	bn_mont_free(ctx);
	port_free_secret(x, len);
	return 0;
}

/* whether a public k-byte value is below the modulus (variable-time) */
static bool below_n(const struct rsa_pub *pub, const u8 *x)
{
	return memcmp(x, pub->n, pub->k) < 0;
}

/* s^e mod n of a signature, after the checks of RFC 8017 8.x.2 step 1-2 */
static int verify_open(struct rsa_pub *pub, const u8 *n, size_t n_len,
		       const u8 *e, size_t e_len, enum port_hash h,
		       const u8 *sig, size_t sig_len, u8 **em)
{
	int err;

	*em = NULL;
	if (h != PORT_SHA256 && h != PORT_SHA384 && h != PORT_SHA512)
		return -EINVAL;
	err = pub_parse(pub, n, n_len, e, e_len, RSA_PUB_MIN_BITS,
			RSA_PUB_MAX_BITS);
	if (err)
		return err;
	if (sig_len != pub->k || !below_n(pub, sig))
		return -EBADMSG;
	*em = port_zalloc(2 * pub->k);
	if (!*em)
		return -ENOMEM;
	err = public_op(pub, sig, *em);
	if (err) {
		port_free_secret(*em, 2 * pub->k);
		*em = NULL;
	}
	return err;
}

/**
 * rsa_verify_pkcs1() - verify an RSASSA-PKCS1-v1_5 signature
 * @n: the modulus, 1024 to 8192 bits
 * @n_len: its length in bytes
 * @e: the public exponent, odd, 3 <= e < 2^64
 * @e_len: its length in bytes
 * @h: the hash the signer used
 * @digest: the message digest, port_hash_len(@h) bytes
 * @sig: the signature, exactly as long as the modulus
 * @sig_len: its length
 *
 * The expected encoding (DigestInfo with the NULL parameters) is built
 * and compared whole, so no parser sees attacker-chosen padding.
 * Variable-time: every input is public.
 *
 * Return: 0 if valid; -EKEYREJECTED if the signature does not match;
 * -EBADMSG if it has the wrong length or is not below n; -EINVAL for an
 * unusable key or hash; -ENOMEM.
 */
int rsa_verify_pkcs1(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		     enum port_hash h, const u8 *digest, const u8 *sig,
		     size_t sig_len)
{
	struct rsa_pub pub;
	u8 *em;
	int err;

	err = verify_open(&pub, n, n_len, e, e_len, h, sig, sig_len, &em);
	if (err)
		return err;
	err = rsa_pkcs1_sig_encode(em + pub.k, pub.k, h, digest);
	if (!err && ct_memneq_mask(em, em + pub.k, pub.k))
		err = -EKEYREJECTED;
	port_free_secret(em, 2 * pub.k);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_verify_pkcs1);

/**
 * rsa_verify_pss() - verify an RSASSA-PSS signature
 * @n: the modulus, 1024 to 8192 bits
 * @n_len: its length in bytes
 * @e: the public exponent, odd, 3 <= e < 2^64
 * @e_len: its length in bytes
 * @h: the hash, also MGF1's; the salt must be as long as the digest
 * @digest: the message digest, port_hash_len(@h) bytes
 * @sig: the signature, exactly as long as the modulus
 * @sig_len: its length
 *
 * Variable-time: every input is public.
 *
 * Return: 0 if valid; -EKEYREJECTED if the signature does not match;
 * -EBADMSG if it has the wrong length or is not below n; -EINVAL for an
 * unusable key or hash (or a modulus too short for the hash); -ENOMEM.
 */
int rsa_verify_pss(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		   enum port_hash h, const u8 *digest, const u8 *sig,
		   size_t sig_len)
{
	struct rsa_pub pub;
	u8 *em;
	int err;

	err = verify_open(&pub, n, n_len, e, e_len, h, sig, sig_len, &em);
	if (err)
		return err;
	err = rsa_pss_verify_em(em, pub.k, pub.bits, h, digest);
	port_free_secret(em, 2 * pub.k);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_verify_pss);

/**
 * rsa_encrypt_pkcs1() - RSAES-PKCS1-v1_5 encryption (TLS 1.2 client)
 * @n: the modulus, 1024 to 8192 bits
 * @n_len: its length in bytes
 * @e: the public exponent, odd, 3 <= e < 2^64
 * @e_len: its length in bytes
 * @msg: the message (a premaster secret): constant-time in its contents
 * @len: its length, at most the modulus length - 11
 * @out: the ciphertext, as many bytes as the modulus without its leading
 *	zero bytes
 *
 * Return: 0; -EINVAL for an unusable key; -EMSGSIZE if @len is too long;
 * -ENOMEM.
 */
int rsa_encrypt_pkcs1(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		      const u8 *msg, size_t len, u8 *out)
{
	struct rsa_pub pub;
	size_t i, ps_len;
	u8 *em;
	int err;

	err = pub_parse(&pub, n, n_len, e, e_len, RSA_PUB_MIN_BITS,
			RSA_PUB_MAX_BITS);
	if (err)
		return err;
	if (len + 11 > pub.k)
		return -EMSGSIZE;
	em = port_zalloc(pub.k);
	if (!em)
		return -ENOMEM;
	/* 00 02 PS 00 M, PS nonzero random; em < n as em[0] is zero */
	ps_len = pub.k - len - 3;
	em[1] = 0x02;
	port_random(em + 2, ps_len);
	for (i = 2; i < ps_len + 2; i++)
		while (!em[i])	/* redraws reveal only discarded bytes */
			port_random(em + i, 1);
	memcpy(em + pub.k - len, msg, len);
	err = public_op(&pub, em, out);
	port_free_secret(em, pub.k);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_encrypt_pkcs1);

static size_t priv_alloc_len(size_t pl, size_t ql, size_t k, size_t e_len)
{
	return sizeof(struct rsa_priv) + (3 * pl + 2 * ql) * sizeof(u64) +
	       k + e_len;
}

static void priv_scratch_free(struct priv_scratch *s)
{
	port_free_secret(s->c, s->len);
}

static int priv_scratch_new(const struct rsa_priv *key, struct priv_scratch *s)
{
	size_t nl = key->nl, hl = key->pl > key->ql ? key->pl : key->ql;
	size_t limbs = 3 * nl + (nl + 2) + BN_SCRATCH_LIMBS(nl) + key->pl +
		       key->ql + 2 * hl + bn_exp_scratch_limbs(hl, 2);

	s->len = limbs * sizeof(u64);
	s->c = port_zalloc(s->len);
	if (!s->c)
		return -ENOMEM;
	s->r = s->c + nl;
	s->cb = s->r + nl;
	s->m = s->cb + nl;
	s->t = s->m + nl + 2;
	s->xp = s->t + BN_SCRATCH_LIMBS(nl);
	s->xq = s->xp + key->pl;
	s->b0 = s->xq + key->ql;
	s->b1 = s->b0 + hl;
	s->exp = s->b1 + hl;
	return 0;
}

/* s->r = random r < 2^(bits - 1) < n; s->cb = c * r^e mod n */
static void priv_blind(const struct rsa_priv *key, struct priv_scratch *s)
{
	size_t top = key->bits - 1, i;
	u64 *rm = s->m;

	port_random(s->r, key->nl * sizeof(u64));
	for (i = top / 64; i < key->nl; i++)
		s->r[i] &= i == top / 64 ? (1ULL << (top % 64)) - 1 : 0;
	rsa_ct_secret(s->r, key->nl * sizeof(u64));
	bn_to_mont(key->mn, rm, s->r, s->t);
	bn_mont_exp_public(key->mn, s->cb, rm, key->e, key->e_len, s->t);
	/* Montgomery form of r^e times plain c: plain c * r^e */
	bn_mont_mul(key->mn, s->cb, s->c, s->cb, s->t);
}

/* out = cb^d * r^(p-2) mod p = m mod p, in Montgomery form */
static void priv_half(const struct rsa_priv *key, const struct bn_mont *mp,
		      const u64 *d, const u64 *pm2, struct priv_scratch *s,
		      u64 *out)
{
	const u64 *bases[2] = { s->b0, s->b1 };
	const u64 *exps[2] = { d, pm2 };

	bn_mont_reduce(mp, s->b0, s->cb, key->nl, s->t);
	bn_mont_reduce(mp, s->b1, s->r, key->nl, s->t);
	bn_mont_exp_ct(mp, out, bases, exps, 2, mp->n, s->exp);
}

/* s->m = m_q + q * ((m_p - m_q) * qinv mod p), from Montgomery halves */
static void priv_garner(const struct rsa_priv *key, struct priv_scratch *s)
{
	size_t pl = key->pl, ql = key->ql, i;
	u64 c, *h = s->b0, *mqp = s->b1;

	bn_from_mont(key->mq, s->xq, s->xq, s->t);	/* plain m_q */
	bn_mont_reduce(key->mp, mqp, s->xq, ql, s->t);
	bn_mod_sub(key->mp, mqp, s->xp, mqp);
	bn_mont_mul(key->mp, h, mqp, key->qinv, s->t);	/* plain h */
	bn_mul(s->m, h, pl, key->mq->m, ql);
	c = bn_add(s->m, s->m, s->xq, ql);
	for (i = ql; i < pl + ql; i++) {
		u128 x = (u128)s->m[i] + c;

		s->m[i] = (u64)x;
		c = (u64)(x >> 64);
	}
}

/* all ones if m^e mod n == c */
static u64 priv_fault_check(const struct rsa_priv *key, struct priv_scratch *s)
{
	u64 *mm = s->cb, *v = s->r;

	bn_to_mont(key->mn, mm, s->m, s->t);
	bn_mont_exp_public(key->mn, v, mm, key->e, key->e_len, s->t);
	bn_from_mont(key->mn, v, v, s->t);
	return bn_eq_mask(v, s->c, key->nl);
}

/*
 * out = in^d mod n; @in is k bytes below n (callers check) and may alias
 * @out. Constant-time in the key, in r and in the result. -EIO if the
 * fault check failed: then @out is untouched.
 */
static int rsa_private(const struct rsa_priv *key, const u8 *in, u8 *out)
{
	struct priv_scratch s;
	u64 ok;
	int err;

	err = priv_scratch_new(key, &s);
	if (err)
		return err;
	bn_from_bytes(s.c, key->nl, in, key->k);
	priv_blind(key, &s);
	priv_half(key, key->mp, key->dp, key->pm2, &s, s.xp);
	priv_half(key, key->mq, key->dq, key->qm2, &s, s.xq);
	priv_garner(key, &s);
	ok = priv_fault_check(key, &s);
	/* only a fault (or a bad key at load) fails it: it does not leak d */
	port_declassify(&ok, sizeof(ok));
	if (ok)
		bn_to_bytes(out, key->k, s.m, key->nl);
	priv_scratch_free(&s);
	return ok ? 0 : -EIO;
}

/* byte length of @p without leading zeros, in constant time */
static size_t stripped_len_ct(const u8 *p, size_t len)
{
	u64 seen = 0;
	size_t out = 0, i;

	for (i = 0; i < len; i++) {
		seen |= ~ct_is_zero_mask(p[i]);
		out += seen & 1;
	}
	return out;
}

/* Structure and arrays for a key with primes of @pb and @qb bytes. */
static struct rsa_priv *priv_alloc(const struct rsa_pub *pub, size_t pb,
				   size_t qb)
{
	size_t pl = bn_limbs(pb), ql = bn_limbs(qb);
	size_t len = priv_alloc_len(pl, ql, pub->k, pub->e_len);
	struct rsa_priv *key = port_zalloc(len);

	if (!key)
		return NULL;
	key->alloc_len = len;
	key->k = pub->k;
	key->bits = pub->bits;
	key->nl = bn_limbs(pub->k);
	key->pl = pl;
	key->ql = ql;
	key->dp = (u64 *)(key + 1);
	key->pm2 = key->dp + pl;
	key->qinv = key->pm2 + pl;
	key->dq = key->qinv + pl;
	key->qm2 = key->dq + ql;
	key->n = (u8 *)(key->qm2 + ql);
	key->e = key->n + pub->k;
	key->e_len = pub->e_len;
	memcpy(key->n, pub->n, pub->k);
	memcpy(key->e, pub->e, pub->e_len);
	return key;
}

/* r = a - 2 (a > 2) */
static void sub_two(u64 *r, const u64 *a, size_t n)
{
	u64 b = 2;
	size_t i;

	for (i = 0; i < n; i++) {
		u128 d = (u128)a[i] - b;

		r[i] = (u64)d;
		b = (u64)(d >> 64) & 1;
	}
}

/* The prime-dependent checks: all ones if p * q == n and the CRT values fit. */
static u64 priv_check_primes(const struct rsa_priv *key, const u64 *p,
			     const u64 *q, u64 *t)
{
	size_t pl = key->pl, ql = key->ql;
	u64 ok = port_opt_barrier_u64(0 - (p[0] & q[0] & 1));
	u64 *n = t + pl + ql;

	/* p * q == n, over pl + ql limbs (n must fit in them) */
	bn_mul(t, p, pl, q, ql);
	ok &= bn_from_bytes(n, pl + ql, key->n, key->k);
	ok &= bn_eq_mask(t, n, pl + ql);
	ok &= bn_lt_mask(key->dp, p, pl) & bn_lt_mask(key->dq, q, ql);
	ok &= bn_lt_mask(key->qinv, p, pl);
	return ok;
}

/* Load p, q and the CRT values, check them, build the Montgomery contexts. */
static int priv_load(struct rsa_priv *key, const u8 *p, size_t pb,
		     const u8 *q, size_t qb, const u8 *dp, size_t dp_len,
		     const u8 *dq, size_t dq_len, const u8 *qinv,
		     size_t qinv_len)
{
	size_t pl = key->pl, ql = key->ql, len = (3 * (pl + ql)) * sizeof(u64);
	u64 *buf = port_zalloc(len), *pv, *qv, ok;
	int err = -EINVAL;

	if (!buf)
		return -ENOMEM;
	pv = buf;
	qv = pv + pl;
	bn_from_bytes(pv, pl, p, pb);
	bn_from_bytes(qv, ql, q, qb);
	ok = bn_from_bytes(key->dp, pl, dp, dp_len);
	ok &= bn_from_bytes(key->dq, ql, dq, dq_len);
	ok &= bn_from_bytes(key->qinv, pl, qinv, qinv_len);
	ok &= priv_check_primes(key, pv, qv, qv + ql);
	/* whether the key is consistent is public */
	port_declassify(&ok, sizeof(ok));
	if (!ok)
		goto out;
	err = -ENOMEM;
	key->mp = bn_mont_new(pv, pl, true);
	key->mq = bn_mont_new(qv, ql, true);
	if (!key->mp || !key->mq)
		goto out;
	sub_two(key->pm2, pv, pl);
	sub_two(key->qm2, qv, ql);
	err = 0;
out:
	port_free_secret(buf, len);
	return err;
}

/* A private operation on a random input, whose fault check proves the key. */
static int priv_selftest(const struct rsa_priv *key)
{
	u8 *x = port_zalloc(key->k);
	int err;

	if (!x)
		return -ENOMEM;
	port_random(x + 1, key->k - 1);	/* x[0] == 0, so x < n */
	err = rsa_private(key, x, x);
	port_free_secret(x, key->k);
	return err;
}

/**
 * rsa_priv_new() - load and check an RSA private key
 * @n: the modulus, 2048 to 4096 bits
 * @n_len: length of @n
 * @e: the public exponent: odd, 3 <= e < 2^64
 * @e_len: length of @e
 * @d: the private exponent; only its length is checked (at most that of
 *	@n): the CRT values below define the private operation
 * @d_len: length of @d
 * @p: first prime
 * @p_len: length of @p
 * @q: second prime
 * @q_len: length of @q
 * @dp: d mod (p - 1)
 * @dp_len: length of @dp
 * @dq: d mod (q - 1)
 * @dq_len: length of @dq
 * @qinv: q^-1 mod p
 * @qinv_len: length of @qinv
 *
 * Checks that p and q are odd and of balanced size (each at least half the
 * modulus length less two bytes), that p * q == n, that dp < p, dq < q and
 * qinv < p, and then signs a random value and checks it with e, which
 * proves e * dp == 1 mod (p - 1), the same mod q, and qinv (with
 * overwhelming probability). Constant-time in the secret values; only
 * whether the key is good, and the byte lengths of p and q, are public.
 *
 * Return: the key, or NULL if it is invalid or memory ran out.
 */
struct rsa_priv *rsa_priv_new(const u8 *n, size_t n_len, const u8 *e,
			      size_t e_len, const u8 *d, size_t d_len,
			      const u8 *p, size_t p_len, const u8 *q,
			      size_t q_len, const u8 *dp, size_t dp_len,
			      const u8 *dq, size_t dq_len, const u8 *qinv,
			      size_t qinv_len)
{
	struct rsa_priv *key;
	struct rsa_pub pub;
	size_t pb, qb;

	if (pub_parse(&pub, n, n_len, e, e_len, RSA_PRIV_MIN_BITS,
		      RSA_PRIV_MAX_BITS))
		return NULL;
	if (!d || d_len > pub.k + 1)
		return NULL;
	pb = stripped_len_ct(p, p_len);
	qb = stripped_len_ct(q, q_len);
	/* the sizes of the primes are public: about half that of n */
	port_declassify(&pb, sizeof(pb));
	port_declassify(&qb, sizeof(qb));
	if (2 * pb + 4 < pub.k || 2 * qb + 4 < pub.k || pb + qb > pub.k + 1)
		return NULL;
	key = priv_alloc(&pub, pb, qb);
	if (!key)
		return NULL;
	if (priv_load(key, p + p_len - pb, pb, q + q_len - qb, qb, dp, dp_len,
		      dq, dq_len, qinv, qinv_len))
		goto err;
	key->mn = mont_public(key->n, key->k);
	if (!key->mn || priv_selftest(key))
		goto err;
	return key;
err:
	rsa_priv_free(key);
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_priv_new);

/**
 * rsa_priv_free() - wipe and free a private key
 * @k: the key, or NULL
 */
void rsa_priv_free(struct rsa_priv *k)
{
	if (!k)
		return;
	bn_mont_free(k->mn);
	bn_mont_free(k->mp);
	bn_mont_free(k->mq);
	port_free_secret(k, k->alloc_len);
}
EXPORT_SYMBOL_IF_KUNIT(rsa_priv_free);

/**
 * rsa_priv_len() - modulus length of a private key
 * @k: the key
 *
 * Return: the length in bytes of the modulus, and so of a signature.
 */
size_t rsa_priv_len(const struct rsa_priv *k)
{
	return k->k;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_priv_len);

/**
 * rsa_pub_check() - whether a public key belongs to a private key
 * @k: the private key
 * @n: the modulus
 * @n_len: its length (leading zero bytes allowed)
 * @e: the public exponent
 * @e_len: its length (leading zero bytes allowed)
 *
 * Return: 0 if (@n, @e) is @k's public key, else -EKEYREJECTED.
 */
int rsa_pub_check(const struct rsa_priv *k, const u8 *n, size_t n_len,
		  const u8 *e, size_t e_len)
{
	strip_public(&n, &n_len);
	strip_public(&e, &e_len);
	if (n_len != k->k || e_len != k->e_len || memcmp(n, k->n, n_len) ||
	    memcmp(e, k->e, e_len))
		return -EKEYREJECTED;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_pub_check);

/* sign an encoding already in @sig (k bytes, below n) in place */
static int sign_em(const struct rsa_priv *k, u8 *sig, int err)
{
	if (!err)
		err = rsa_private(k, sig, sig);
	if (err)
		memset(sig, 0, k->k);
	/* a signature that passed its fault check is public */
	port_declassify(sig, k->k);
	return err;
}

/**
 * rsa_sign_pkcs1() - RSASSA-PKCS1-v1_5 signature of a digest
 * @k: the private key
 * @h: the hash
 * @digest: port_hash_len(@h) bytes
 * @sig: rsa_priv_len(@k) bytes of signature
 *
 * Deterministic: the same key and digest always give the same signature.
 *
 * Return: 0; -EINVAL for an unknown hash; -ENOMEM; -EIO if the result
 * failed its check with the public exponent (a fault): then @sig is zeroed.
 */
int rsa_sign_pkcs1(const struct rsa_priv *k, enum port_hash h,
		   const u8 *digest, u8 *sig)
{
	return sign_em(k, sig, rsa_pkcs1_sig_encode(sig, k->k, h, digest));
}
EXPORT_SYMBOL_IF_KUNIT(rsa_sign_pkcs1);

/**
 * rsa_sign_pss() - RSASSA-PSS signature of a digest
 * @k: the private key
 * @h: the hash, also MGF1's
 * @digest: port_hash_len(@h) bytes
 * @sig: rsa_priv_len(@k) bytes of signature
 *
 * The salt is random and as long as the digest (as TLS requires).
 *
 * Return: 0; -EINVAL for an unknown hash; -ENOMEM; -EIO if the result
 * failed its check with the public exponent (a fault): then @sig is zeroed.
 */
int rsa_sign_pss(const struct rsa_priv *k, enum port_hash h,
		 const u8 *digest, u8 *sig)
{
	return sign_em(k, sig, rsa_pss_encode(sig, k->k, k->bits, h, digest));
}
EXPORT_SYMBOL_IF_KUNIT(rsa_sign_pss);

/* all ones if em = 00 02 PS(nonzero, k - 51 bytes) 00 version[2] M[46] */
static u64 premaster_good(const u8 *em, size_t k, const u8 version[2])
{
	size_t zero = k - RSA_TLS_PREMASTER_LEN - 1, i;
	u64 good = ct_eq_mask(em[0], 0) & ct_eq_mask(em[1], 2);

	for (i = 2; i < zero; i++)
		good &= ~ct_is_zero_mask(em[i]);
	good &= ct_is_zero_mask(em[zero]);
	good &= ct_eq_mask(em[zero + 1], version[0]);
	good &= ct_eq_mask(em[zero + 2], version[1]);
	return good;
}

/**
 * rsa_decrypt_tls_premaster() - TLS 1.2 RSA key transport, server side
 * @k: the server's private key
 * @ct: the EncryptedPreMasterSecret contents
 * @ct_len: its length
 * @client_version: ClientHello.client_version
 * @premaster: 48 bytes of result
 *
 * RFC 5246 7.4.7.1: draws 48 random bytes first, decrypts, and keeps the
 * decrypted premaster only if the padding is right (00 02, at least 8
 * nonzero bytes, 00), the message is 48 bytes and starts with
 * @client_version; on any error the random bytes are the premaster (a
 * version error too, as the RFC's last paragraph asks: the handshake then
 * fails at Finished, which says nothing about which check failed). The
 * choice is made with masks: no return value, branch, timing or memory
 * access depends on which case happened. Only public conditions (@ct_len
 * not the modulus length, @ct not below n) and a failed fault check,
 * which no ciphertext can cause, take a shorter path, to the same result.
 */
void rsa_decrypt_tls_premaster(const struct rsa_priv *k, const u8 *ct,
			       size_t ct_len, const u8 client_version[2],
			       u8 premaster[RSA_TLS_PREMASTER_LEN])
{
	u8 *em;
	u64 good;

	port_random(premaster, RSA_TLS_PREMASTER_LEN);
	rsa_ct_secret(premaster, RSA_TLS_PREMASTER_LEN);
	if (ct_len != k->k || memcmp(ct, k->n, k->k) >= 0)
		return;
	em = port_zalloc(k->k);
	if (!em)
		return;
	if (!rsa_private(k, ct, em)) {
		good = premaster_good(em, k->k, client_version);
		ct_copy_if(good, premaster,
			   em + k->k - RSA_TLS_PREMASTER_LEN,
			   RSA_TLS_PREMASTER_LEN);
	}
	port_free_secret(em, k->k);
}
EXPORT_SYMBOL_IF_KUNIT(rsa_decrypt_tls_premaster);
