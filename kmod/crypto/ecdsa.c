// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA signing and verification on P-256 and P-384.
 *
 * Signing is constant-time in the private key and the nonce: the scalar
 * multiplication, the field and scalar arithmetic and the nonce generation
 * run the same instructions on the same addresses whatever the secrets.
 * Only values that are public anyway are looked at: whether a candidate
 * nonce was in range (rejected with probability < 2^-32; the rejected
 * value says nothing about the accepted one), and r and s once computed,
 * as they are the signature.
 *
 * Nonces follow RFC 6979 (HMAC_DRBG over the private key and the digest),
 * with the additional data of its section 3.6 filled with fresh random
 * bytes: a broken RNG degrades to deterministic RFC 6979, never to a
 * repeated or biased nonce, and fault attacks on a deterministic scheme
 * get no repeatable target. ecdsa_sign_rfc6979() exposes the deterministic
 * form for the RFC's known-answer tests.
 */
#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#include "ct.h"
#include "ecdsa.h"

/* RFC 6979 section 3.2: HMAC_DRBG state, K and V */
struct rfc6979 {
	enum port_hash alg;
	size_t hlen;
	u8 k[PORT_HASH_MAX_DIGEST];
	u8 v[PORT_HASH_MAX_DIGEST];
};

/* Scratch of one signature, on the heap and wiped after use. */
struct sign_state {
	struct rfc6979 drbg;
	struct ec_point pt;
	u64 x[EC_MAX_LIMBS];	/* the private key, times R mod n */
	u64 e[EC_MAX_LIMBS];	/* the truncated digest, mod n */
	u64 k[EC_MAX_LIMBS];	/* the nonce */
	u64 r[EC_MAX_LIMBS];
	u64 s[EC_MAX_LIMBS];
	u64 t[EC_MAX_LIMBS];
	u8 oct[EC_MAX_BYTES];
};

/**
 * ec_scalar_len() - bytes of a scalar (private key, r, s) of a curve
 * @c: the curve
 *
 * Return: 32 for P-256, 48 for P-384, 0 for an unknown curve.
 */
size_t ec_scalar_len(enum ec_curve_id c)
{
	const struct ec_curve *curve = ec_curve_get(c);

	return curve ? curve->bytes : 0;
}
EXPORT_SYMBOL_IF_KUNIT(ec_scalar_len);

/**
 * ec_point_len() - bytes of an uncompressed point of a curve
 * @c: the curve
 *
 * Return: 65 for P-256, 97 for P-384, 0 for an unknown curve.
 */
size_t ec_point_len(enum ec_curve_id c)
{
	const struct ec_curve *curve = ec_curve_get(c);

	return curve ? 1 + 2 * curve->bytes : 0;
}
EXPORT_SYMBOL_IF_KUNIT(ec_point_len);

/**
 * ecdsa_sig_max_len() - the longest DER signature on a curve
 * @c: the curve
 *
 * Return: 72 for P-256, 104 for P-384, 0 for an unknown curve.
 */
size_t ecdsa_sig_max_len(enum ec_curve_id c)
{
	const struct ec_curve *curve = ec_curve_get(c);

	return curve ? 2 + 2 * (3 + curve->bytes) : 0;
}
EXPORT_SYMBOL_IF_KUNIT(ecdsa_sig_max_len);

/* all ones if 0 < x < n */
static u64 scalar_valid_mask(const struct ec_curve *c, const u64 *x)
{
	return ~ec_limbs_zero_mask(x, c->limbs) &
	       ec_limbs_lt_mask(x, c->n.m, c->limbs);
}

/**
 * ec_check_private() - is a byte string a valid private key?
 * @c: the curve
 * @d: ec_scalar_len() bytes, big-endian
 *
 * Constant time in @d.
 *
 * Return: 0 if 0 < d < n, -EINVAL otherwise or for an unknown curve.
 */
int ec_check_private(enum ec_curve_id c, const u8 *d)
{
	const struct ec_curve *curve = ec_curve_get(c);
	u64 x[EC_MAX_LIMBS], ok;

	if (!curve)
		return -EINVAL;
	ec_limbs_from_be(x, curve->limbs, d, curve->bytes);
	ok = scalar_valid_mask(curve, x);
	memzero_explicit(x, sizeof(x));
	return (int)(~ok & (u64)-EINVAL);
}
EXPORT_SYMBOL_IF_KUNIT(ec_check_private);

/**
 * ec_public_from_private() - the public key of a private key
 * @c: the curve
 * @d: the private key, ec_scalar_len() bytes, big-endian
 * @pub: the public key d G out, 0x04 || X || Y, ec_point_len() bytes
 *
 * Constant time in @d.
 *
 * Return: 0, or -EINVAL if @d is not a valid private key or the curve is
 * unknown (@pub is then unspecified).
 */
int ec_public_from_private(enum ec_curve_id c, const u8 *d, u8 *pub)
{
	const struct ec_curve *curve = ec_curve_get(c);
	u64 x[EC_MAX_LIMBS], ok;
	struct ec_point pt;
	int err;

	if (!curve)
		return -EINVAL;
	ec_limbs_from_be(x, curve->limbs, d, curve->bytes);
	ok = scalar_valid_mask(curve, x);
	ec_mul_base(curve, &pt, x);
	err = ec_point_encode(curve, pub, &pt);
	memzero_explicit(x, sizeof(x));
	memzero_explicit(&pt, sizeof(pt));
	/* a valid d < n never gives the point at infinity */
	return (int)(~ok & (u64)-EINVAL) | err;
}
EXPORT_SYMBOL_IF_KUNIT(ec_public_from_private);

/*
 * bits2int(digest) mod n (RFC 6979 2.3.2, 2.3.4; FIPS 186-5 6.4.1): the
 * leftmost bits of the digest, as many as n has. n has 8 bytes() bits and
 * is above 2^(8 bytes - 1), so one conditional subtraction reduces it.
 */
static void digest_to_scalar(const struct ec_curve *c, u64 *e,
			     const u8 *digest, size_t dlen)
{
	ec_limbs_from_be(e, c->limbs, digest, dlen < c->bytes ? dlen : c->bytes);
	ec_mod_reduce_once(&c->n, e, e);
}

static int hmac(enum port_hash alg, const u8 *key,
		const struct port_iov *msg, int n, u8 *out)
{
	size_t bl = port_hash_block(alg), hl = port_hash_len(alg), i;
	u8 pad[PORT_HASH_MAX_BLOCK], inner[PORT_HASH_MAX_DIGEST];
	struct port_iov iov[6];
	int err;

	if (n > 5)
		return -EINVAL;
	/* the key is one digest long, shorter than a block */
	memset(pad, 0x36, bl);
	for (i = 0; i < hl; i++)
		pad[i] ^= key[i];
	iov[0].base = pad;
	iov[0].len = bl;
	memcpy(&iov[1], msg, n * sizeof(*msg));
	err = port_hash(alg, iov, n + 1, inner);
	if (!err) {
		for (i = 0; i < bl; i++)
			pad[i] ^= 0x36 ^ 0x5c;
		iov[1].base = inner;
		iov[1].len = hl;
		err = port_hash(alg, iov, 2, out);
	}
	memzero_explicit(pad, sizeof(pad));
	memzero_explicit(inner, sizeof(inner));
	return err;
}

/* V = HMAC_K(V) */
static int drbg_next_v(struct rfc6979 *g)
{
	struct port_iov iov = { g->v, g->hlen };

	return hmac(g->alg, g->k, &iov, 1, g->v);
}

/*
 * RFC 6979 3.2 d. to g.: K = HMAC_K(V || sep || int2octets(x) ||
 * bits2octets(h1) || k'), V = HMAC_K(V), for sep = 0x00 then 0x01.
 */
static int drbg_init(struct rfc6979 *g, enum port_hash alg, const u8 *x,
		     const u8 *h, size_t len, const u8 *extra,
		     size_t extra_len)
{
	struct port_iov iov[5] = {
		{ g->v, 0 }, { NULL, 1 }, { x, len }, { h, len },
		{ extra, extra_len },
	};
	u8 sep;
	int err = 0;

	g->alg = alg;
	g->hlen = port_hash_len(alg);
	memset(g->v, 0x01, g->hlen);
	memset(g->k, 0x00, g->hlen);
	iov[0].len = g->hlen;
	iov[1].base = &sep;
	for (sep = 0; sep < 2 && !err; sep++) {
		err = hmac(alg, g->k, iov, extra_len ? 5 : 4, g->k);
		if (!err)
			err = drbg_next_v(g);
	}
	return err;
}

/* RFC 6979 3.2 h.: T = V || V' ... until there are @len bytes */
static int drbg_generate(struct rfc6979 *g, u8 *out, size_t len)
{
	size_t off, n;
	int err = 0;

	for (off = 0; off < len && !err; off += n) {
		err = drbg_next_v(g);
		n = len - off < g->hlen ? len - off : g->hlen;
		memcpy(out + off, g->v, n);
	}
	return err;
}

/* RFC 6979 3.2 h.3: K = HMAC_K(V || 0x00), V = HMAC_K(V) */
static int drbg_reseed(struct rfc6979 *g)
{
	static const u8 zero;
	struct port_iov iov[2] = { { g->v, g->hlen }, { &zero, 1 } };

	return hmac(g->alg, g->k, iov, 2, g->k) ?: drbg_next_v(g);
}

/* the HMAC hash: the digest's own if we have it, else the curve's */
static enum port_hash drbg_hash(const struct ec_curve *c, size_t dlen)
{
	if (dlen == 32 || dlen == 48 || dlen == 64)
		return dlen == 32 ? PORT_SHA256 :
		       dlen == 48 ? PORT_SHA384 : PORT_SHA512;
	return c->id == EC_P256 ? PORT_SHA256 : PORT_SHA384;
}

/*
 * One attempt at (r, s) with the next nonce. Returns 1 to retry with the
 * next nonce (k out of range, r = 0 or s = 0), 0 when done.
 */
static int sign_attempt(const struct ec_curve *c, struct sign_state *st)
{
	unsigned int n = c->limbs;
	u64 y[EC_MAX_LIMBS], ok, r_zero, s_zero;
	int err;

	err = drbg_generate(&st->drbg, st->oct, c->bytes);
	if (err)
		return err;
	ec_limbs_from_be(st->k, n, st->oct, c->bytes);
	ok = scalar_valid_mask(c, st->k);
	/* public: whether this candidate is rejected (see the top) */
	port_declassify(&ok, sizeof(ok));
	if (!ok)
		return 1;

	/* r = x(k G) mod n; x < p < 2n */
	ec_mul_base(c, &st->pt, st->k);
	ec_point_to_affine(c, st->r, y, &st->pt);
	ec_mod_reduce_once(&c->n, st->r, st->r);
	memzero_explicit(y, sizeof(y));
	/* public: r is half of the signature */
	port_declassify(st->r, sizeof(st->r));
	r_zero = ec_limbs_zero_mask(st->r, n);
	if (r_zero)
		return 1;

	/*
	 * s = k^-1 (e + r x) mod n. x is kept as x R, so a Montgomery
	 * product with it, or with k^-1 R, is the plain product.
	 */
	ec_mod_inv(&c->n, st->k, st->k);
	ec_mont_to(&c->n, st->k, st->k);		/* k^-1 R */
	ec_mont_mul(&c->n, st->t, st->r, st->x);	/* r x */
	ec_mod_add(&c->n, st->t, st->t, st->e);	/* e + r x */
	ec_mont_mul(&c->n, st->s, st->k, st->t);	/* k^-1 (e + r x) */
	/* public: s is the other half */
	port_declassify(st->s, sizeof(st->s));
	s_zero = ec_limbs_zero_mask(st->s, n);
	return s_zero ? 1 : 0;
}

/* DER INTEGER of a non-negative big-endian number; returns its length */
static size_t der_put_int(u8 *out, const u8 *be, size_t len)
{
	size_t skip = 0, pad;

	while (skip < len - 1 && !be[skip])
		skip++;
	pad = be[skip] >> 7;
	out[0] = 0x02;
	out[1] = (u8)(len - skip + pad);
	out[2] = 0;
	memcpy(out + 2 + pad, be + skip, len - skip);
	return 2 + pad + len - skip;
}

/* Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } */
static int der_put_sig(const struct ec_curve *c, const u64 *r, const u64 *s,
		       u8 *sig, size_t *sig_len)
{
	u8 buf[ECDSA_MAX_SIG_LEN], be[EC_MAX_BYTES];
	size_t len = 2;

	ec_limbs_to_be(be, c->bytes, r);
	len += der_put_int(buf + len, be, c->bytes);
	ec_limbs_to_be(be, c->bytes, s);
	len += der_put_int(buf + len, be, c->bytes);
	buf[0] = 0x30;
	buf[1] = (u8)(len - 2);
	if (len > *sig_len)
		return -EOVERFLOW;
	memcpy(sig, buf, len);
	*sig_len = len;
	return 0;
}

/**
 * ecdsa_sign_rfc6979() - ECDSA signature with an explicit RFC 6979 input
 * @c: the curve
 * @d: the private key, ec_scalar_len() bytes, big-endian
 * @digest: the message digest
 * @dlen: its length, 1 to 64 bytes; bits2int() keeps its leftmost bits
 * @extra: the additional data k' of RFC 6979 section 3.6, or NULL
 * @extra_len: length of @extra; 0 gives the deterministic RFC 6979 nonce
 * @sig: the DER signature out
 * @sig_len: in: the size of @sig; out: the signature's length
 *
 * The HMAC of the nonce generator uses the digest's hash when @dlen is 32,
 * 48 or 64 (SHA-256, SHA-384, SHA-512, as RFC 6979's examples do), and the
 * curve's hash otherwise. ecdsa_sign() is this with random @extra; called
 * directly, for the RFC's known-answer tests, the nonce depends only on
 * the key and the digest.
 *
 * Context: process context; allocates its scratch with GFP_KERNEL.
 *
 * Return: 0; -EINVAL for an unknown curve, a @dlen out of range or an
 * invalid private key; -EOVERFLOW if @sig is shorter than the signature
 * (ecdsa_sig_max_len() always suffices); -ENOMEM, or an error of the hash.
 */
int ecdsa_sign_rfc6979(enum ec_curve_id c, const u8 *d, const u8 *digest,
		       size_t dlen, const u8 *extra, size_t extra_len, u8 *sig,
		       size_t *sig_len)
{
	const struct ec_curve *curve = ec_curve_get(c);
	struct sign_state *st;
	u64 ok;
	int err;

	if (!curve || !dlen || dlen > PORT_HASH_MAX_DIGEST)
		return -EINVAL;
	st = port_zalloc(sizeof(*st));
	if (!st)
		return -ENOMEM;

	ec_limbs_from_be(st->x, curve->limbs, d, curve->bytes);
	ok = scalar_valid_mask(curve, st->x);
	/* public: an invalid key is refused, which tells what it was */
	port_declassify(&ok, sizeof(ok));
	err = -EINVAL;
	if (!ok)
		goto out;
	ec_mont_to(&curve->n, st->x, st->x);

	digest_to_scalar(curve, st->e, digest, dlen);
	ec_limbs_to_be(st->oct, curve->bytes, st->e);
	err = drbg_init(&st->drbg, drbg_hash(curve, dlen), d, st->oct,
			curve->bytes, extra, extra_len);
	while (!err) {
		err = sign_attempt(curve, st);
		if (err != 1)
			break;
		err = drbg_reseed(&st->drbg);
	}
	if (!err)
		err = der_put_sig(curve, st->r, st->s, sig, sig_len);
out:
	port_free_secret(st, sizeof(*st));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ecdsa_sign_rfc6979);

/**
 * ecdsa_sign() - ECDSA signature, constant time in the key and the nonce
 * @c: the curve
 * @d: the private key, ec_scalar_len() bytes, big-endian
 * @digest: the message digest
 * @dlen: its length, 1 to 64 bytes
 * @sig: the DER signature out
 * @sig_len: in: the size of @sig; out: the signature's length
 *
 * The nonce is RFC 6979's, hedged with ec_scalar_len() fresh random bytes
 * as the additional data of its section 3.6.
 *
 * Context: process context; allocates its scratch with GFP_KERNEL.
 *
 * Return: as ecdsa_sign_rfc6979().
 */
int ecdsa_sign(enum ec_curve_id c, const u8 *d, const u8 *digest, size_t dlen,
	       u8 *sig, size_t *sig_len)
{
	u8 extra[EC_MAX_BYTES];
	size_t len = ec_scalar_len(c);
	int err;

	if (!len)
		return -EINVAL;
	port_random(extra, len);
	err = ecdsa_sign_rfc6979(c, d, digest, dlen, extra, len, sig, sig_len);
	memzero_explicit(extra, sizeof(extra));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ecdsa_sign);

/*
 * One DER INTEGER holding a value below 2^(8 bytes), strictly: short-form
 * length, no leading zero byte unless the next byte has its top bit set,
 * not negative.
 */
static int der_get_int(const struct ec_curve *c, const u8 **pp,
		       const u8 *end, u64 *out)
{
	const u8 *p = *pp;
	size_t len;

	if (end - p < 2 || p[0] != 0x02 || (p[1] & 0x80))
		return -EBADMSG;
	len = p[1];
	p += 2;
	if (!len || len > (size_t)(end - p) || (p[0] & 0x80))
		return -EBADMSG;
	if (!p[0] && len > 1) {
		if (!(p[1] & 0x80))
			return -EBADMSG;	/* not minimal */
		p++;
		len--;
	}
	if (len > c->bytes)
		return -EBADMSG;
	ec_limbs_from_be(out, c->limbs, p, len);
	*pp = p + len;
	return 0;
}

/*
 * Ecdsa-Sig-Value in DER, with 0 < r, s < n. Signatures never need a
 * long-form length (at most 102 content bytes), so one is not minimal.
 */
static int der_get_sig(const struct ec_curve *c, const u8 *sig,
		       size_t sig_len, u64 *r, u64 *s)
{
	const u8 *p = sig + 2, *end = sig + sig_len;

	if (sig_len < 2 || sig[0] != 0x30 || (sig[1] & 0x80) ||
	    sig[1] != sig_len - 2)
		return -EBADMSG;
	if (der_get_int(c, &p, end, r) || der_get_int(c, &p, end, s) ||
	    p != end)
		return -EBADMSG;
	if (!scalar_valid_mask(c, r) || !scalar_valid_mask(c, s))
		return -EBADMSG;
	return 0;
}

/*
 * Does the point R = (X : Y : Z) have x(R) mod n == r? Without inverting
 * Z: X == r Z, or X == (r + n) Z when r + n < p (x in [n, p) reduces to
 * x - n).
 */
static bool x_matches(const struct ec_curve *c, const struct ec_point *pt,
		      const u64 *r)
{
	unsigned int n = c->limbs, i;
	u64 t[EC_MAX_LIMBS], rz[EC_MAX_LIMBS], carry = 0;

	ec_mont_to(&c->p, t, r);
	ec_fe_mul(c, rz, t, pt->z);
	if (!memcmp(rz, pt->x, n * 8))
		return true;
	for (i = 0; i < n; i++) {
		u128 x = (u128)r[i] + c->n.m[i] + carry;

		t[i] = (u64)x;
		carry = (u64)(x >> 64);
	}
	if (carry || !ec_limbs_lt_mask(t, c->p.m, n))
		return false;
	ec_mont_to(&c->p, t, t);
	ec_fe_mul(c, rz, t, pt->z);
	return !memcmp(rz, pt->x, n * 8);
}

/* Scratch of one verification; the points are too big for the stack */
struct verify_state {
	struct ec_point q, res, tmp;
	u64 r[EC_MAX_LIMBS], s[EC_MAX_LIMBS], e[EC_MAX_LIMBS];
	u64 w[EC_MAX_LIMBS], u1[EC_MAX_LIMBS], u2[EC_MAX_LIMBS];
};

/*
 * res = u1 G + u2 Q with u1 = e s^-1, u2 = r s^-1; the Montgomery product
 * of a plain number and s^-1 R is the plain product.
 */
static int verify_point(const struct ec_curve *c, struct verify_state *v)
{
	int err;

	ec_mod_inv(&c->n, v->w, v->s);
	ec_mont_to(&c->n, v->w, v->w);
	ec_mont_mul(&c->n, v->u1, v->e, v->w);
	ec_mont_mul(&c->n, v->u2, v->r, v->w);
	ec_mul_base(c, &v->res, v->u1);
	err = ec_mul(c, &v->tmp, &v->q, v->u2);
	if (!err)
		ec_point_add(c, &v->res, &v->res, &v->tmp);
	return err;
}

/**
 * ecdsa_verify() - verify an ECDSA signature
 * @c: the curve
 * @pub: the public key, 0x04 || X || Y
 * @pub_len: its length, ec_point_len()
 * @digest: the message digest; bits2int() keeps its leftmost bits
 * @dlen: its length
 * @sig: the DER signature
 * @sig_len: its length
 *
 * The signature must be strict DER (minimal lengths and integers, no
 * trailing bytes) with 0 < r, s < n; BER variants that some verifiers
 * accept are refused. Public data: not constant-time.
 *
 * Context: process context; allocates its scratch with GFP_KERNEL.
 *
 * Return: 0 if the signature is valid; -EKEYREJECTED if it does not match;
 * -EBADMSG if it is malformed; -EINVAL for an unknown curve or an invalid
 * public key; -ENOMEM.
 */
int ecdsa_verify(enum ec_curve_id c, const u8 *pub, size_t pub_len,
		 const u8 *digest, size_t dlen, const u8 *sig, size_t sig_len)
{
	const struct ec_curve *curve = ec_curve_get(c);
	struct verify_state *v;
	int err;

	if (!curve)
		return -EINVAL;
	v = port_zalloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	err = ec_point_decode(curve, &v->q, pub, pub_len);
	if (!err)
		err = der_get_sig(curve, sig, sig_len, v->r, v->s);
	if (err)
		goto out;
	digest_to_scalar(curve, v->e, digest, dlen);
	err = verify_point(curve, v);
	if (err)
		goto out;
	if (ec_limbs_zero_mask(v->res.z, curve->limbs) ||
	    !x_matches(curve, &v->res, v->r))
		err = -EKEYREJECTED;
out:
	port_free_secret(v, sizeof(*v));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ecdsa_verify);
