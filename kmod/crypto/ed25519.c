// SPDX-License-Identifier: GPL-2.0
/*
 * Ed25519 signatures (RFC 8032 5.1): key derivation, signing and
 * verification, over the group in ed25519_ge.c and SHA-512 from port_hash.
 *
 * Signing is constant time in the seed, the secret scalar a, the prefix
 * and the nonce r; R and S are declassified once computed, being the
 * signature. Arithmetic modulo the group order L is Montgomery arithmetic
 * (ec_mont.c) with R = 2^256.
 *
 * Verification is strict: S < L, canonical encodings of A and R (y < p,
 * no "negative zero" x), A not of small order, and the cofactorless
 * equation [S]B = R + [k]A, checked by recomputing R' = [S]B - [k]A and
 * comparing its encoding with the signature's R byte for byte. RFC 8032
 * allows this or the cofactored [8][S]B = [8]R + [8][k]A; the two differ
 * only on signatures whose R or A has a small-order component, which no
 * honest signer produces. Cofactorless is what OpenSSL, BoringSSL and Go
 * implement, so a TLS peer and tlshake agree on every signature; refusing
 * small-order public keys (which make signatures valid for many messages
 * at once) is the one place we are stricter than OpenSSL.
 */
#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#include "ct.h"
#include "ec_mont.h"
#include "ed25519.h"
#include "ed25519_ge.h"
#include "ed25519_order.h"

static const struct ec_mont ed25519_l_mod = {
	ed25519_l, ed25519_l_rr, ed25519_l_one, ED25519_L_M0INV, 4,
};

/* SHA-512(seed): the clamped scalar a in h[0..31], the prefix after it */
static int expand_seed(const u8 *seed, u8 *h)
{
	struct port_iov iov = { seed, ED25519_SEED_LEN };
	int err;

	err = port_hash(PORT_SHA512, &iov, 1, h);
	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
	return err;
}

/* out = h mod L for a 64-byte little-endian h = lo + hi 2^256 */
static void reduce512(u64 *out, const u8 *h)
{
	const struct ec_mont *l = &ed25519_l_mod;
	u64 lo[4], hi[4];

	ec_limbs_from_le(lo, 4, h, 32);
	ec_limbs_from_le(hi, 4, h + 32, 32);
	ec_mont_mul(l, hi, hi, ed25519_l_rrr);	/* (hi 2^256) R */
	ec_mont_to(l, lo, lo);			/* lo R */
	ec_mod_add(l, lo, lo, hi);
	ec_mont_from(l, out, lo);
	memzero_explicit(lo, sizeof(lo));
	memzero_explicit(hi, sizeof(hi));
}

/* SHA-512(a || b || c) mod L */
static int hash_mod_l(u64 *out, const u8 *a, size_t a_len, const u8 *b,
		      size_t b_len, const u8 *c, size_t c_len)
{
	struct port_iov iov[3] = { { a, a_len }, { b, b_len }, { c, c_len } };
	u8 h[64];
	int err;

	err = port_hash(PORT_SHA512, iov, 3, h);
	reduce512(out, h);
	memzero_explicit(h, sizeof(h));
	return err;
}

/**
 * ed25519_public_from_seed() - the public key of a private key
 * @seed: the 32-byte private key (RFC 8032's "secret key")
 * @pub: the 32-byte public key A = a B out
 *
 * Constant time in @seed.
 *
 * Return: 0, or an error of the hash.
 */
int ed25519_public_from_seed(const u8 seed[32], u8 pub[32])
{
	struct ed25519_pt a;
	u8 h[64];
	int err;

	err = expand_seed(seed, h);
	ed25519_mul_base(&a, h);
	ed25519_pt_encode(pub, &a);
	memzero_explicit(h, sizeof(h));
	memzero_explicit(&a, sizeof(a));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ed25519_public_from_seed);

/**
 * ed25519_sign() - pure Ed25519 signature
 * @seed: the 32-byte private key
 * @pub: its public key, ed25519_public_from_seed(@seed)
 * @msg: the message
 * @len: its length
 * @sig: the 64-byte signature R || S out
 *
 * Constant time in @seed. @pub must be the key's own public key, derived
 * once when the key is loaded: the nonce does not depend on it, so two
 * signatures of one message under different @pub values reveal the
 * secret scalar.
 *
 * Return: 0, or an error of the hash (@sig is then unspecified).
 */
int ed25519_sign(const u8 seed[32], const u8 pub[32], const u8 *msg,
		 size_t len, u8 sig[64])
{
	const struct ec_mont *l = &ed25519_l_mod;
	u64 a[4], r[4], k[4];
	struct ed25519_pt rp;
	u8 h[64], rb[32];
	int err;

	err = expand_seed(seed, h);
	if (!err)
		err = hash_mod_l(r, h + 32, 32, msg, len, NULL, 0);
	if (err)
		goto out;
	ec_limbs_to_le(rb, 32, r);
	ed25519_mul_base(&rp, rb);
	ed25519_pt_encode(sig, &rp);
	/* public: R is the first half of the signature */
	port_declassify(sig, 32);

	err = hash_mod_l(k, sig, 32, pub, ED25519_PUB_LEN, msg, len);
	if (err)
		goto out;
	/* S = r + k a mod L; with a in Montgomery form, k a R^-1 R = k a */
	ec_limbs_from_le(a, 4, h, 32);
	ec_mont_to(l, a, a);
	ec_mont_mul(l, k, k, a);
	ec_mod_add(l, r, r, k);
	ec_limbs_to_le(sig + 32, 32, r);
	/* public: S is the second half */
	port_declassify(sig + 32, 32);
out:
	memzero_explicit(h, sizeof(h));
	memzero_explicit(rb, sizeof(rb));
	memzero_explicit(a, sizeof(a));
	memzero_explicit(r, sizeof(r));
	memzero_explicit(k, sizeof(k));
	memzero_explicit(&rp, sizeof(rp));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ed25519_sign);

/* R' = [S]B - [k]A, encoded into @rb */
static int recompute_r(u8 *rb, struct ed25519_pt *a, const u8 *s,
		       const u64 *k)
{
	struct ed25519_pt sb, ka;
	u8 kb[32];
	int err;

	ed25519_mul_base(&sb, s);
	ed25519_pt_neg(a, a);
	ec_limbs_to_le(kb, 32, k);
	err = ed25519_mul(&ka, a, kb);
	if (err)
		return err;
	ed25519_pt_add(&sb, &sb, &ka);
	ed25519_pt_encode(rb, &sb);
	return 0;
}

/**
 * ed25519_verify() - verify a pure Ed25519 signature
 * @pub: the 32-byte public key
 * @msg: the message
 * @len: its length
 * @sig: the 64-byte signature
 *
 * Strict RFC 8032 5.1.7 verification with the cofactorless equation; see
 * the top of this file. Public data: not constant-time.
 *
 * Context: process context; allocates its scratch with GFP_KERNEL.
 *
 * Return: 0 if the signature is valid; -EKEYREJECTED if it does not match;
 * -EBADMSG if it is malformed (S >= L, R not a canonical point encoding);
 * -EINVAL if @pub is not a canonical encoding of a point of large order;
 * -ENOMEM, or an error of the hash.
 */
int ed25519_verify(const u8 pub[32], const u8 *msg, size_t len,
		   const u8 sig[64])
{
	struct ed25519_pt a, r;
	u64 s[4], k[4];
	u8 rb[32];
	int err;

	ec_limbs_from_le(s, 4, sig + 32, 32);
	if (!ec_limbs_lt_mask(s, ed25519_l, 4))
		return -EBADMSG;
	if (ed25519_pt_decode(&a, pub) || ed25519_pt_small_order(&a))
		return -EINVAL;
	if (ed25519_pt_decode(&r, sig))
		return -EBADMSG;
	err = hash_mod_l(k, sig, 32, pub, ED25519_PUB_LEN, msg, len);
	if (!err)
		err = recompute_r(rb, &a, sig + 32, k);
	if (err)
		return err;
	return memcmp(rb, sig, 32) ? -EKEYREJECTED : 0;
}
EXPORT_SYMBOL_IF_KUNIT(ed25519_verify);
