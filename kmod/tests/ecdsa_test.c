// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for tlshake's ECDSA (kmod/crypto/ecdsa.c): RFC 6979 known
 * answers, key derivation against known pairs, every Wycheproof P-256 and
 * P-384 verification vector, strict DER, and signatures checked by the
 * kernel's own ECDSA verifier.
 */
#include <crypto/sig.h>
#include <kunit/test.h>
#include <linux/random.h>
#include <linux/sched.h>

#include "crypto/ecdsa.h"
#include "vectors/ecdsa.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void kat_desc(const struct ecdsa_kat *k, char *desc)
{
	strscpy(desc, k->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ecdsa_kat, ecdsa_kats, kat_desc);

/* RFC 6979 A.2.5/A.2.6: the deterministic nonce gives the RFC's (r, s) */
static void ecdsa_rfc6979_known_answer(struct kunit *test)
{
	const struct ecdsa_kat *k = test->param_value;
	u8 sig[ECDSA_MAX_SIG_LEN], pub[EC_MAX_POINT_BYTES];
	size_t len = sizeof(sig);

	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_rfc6979(k->curve, k->d, k->digest,
						    k->dlen, NULL, 0, sig,
						    &len));
	KUNIT_ASSERT_EQ(test, (size_t)k->sig_len, len);
	KUNIT_EXPECT_MEMEQ(test, sig, k->sig, len);

	KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(k->curve, k->d, pub));
	KUNIT_EXPECT_EQ(test, 0, ecdsa_verify(k->curve, pub,
					      ec_point_len(k->curve),
					      k->digest, k->dlen, sig, len));
}

static void keypair_desc(const struct ec_keypair *p, char *desc)
{
	strscpy(desc, p->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ec_keypair, ec_keypairs, keypair_desc);

static void ec_public_from_private_known(struct kunit *test)
{
	const struct ec_keypair *p = test->param_value;
	u8 pub[EC_MAX_POINT_BYTES];

	KUNIT_EXPECT_EQ(test, 0, ec_check_private(p->curve, p->d));
	KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(p->curve, p->d, pub));
	KUNIT_EXPECT_MEMEQ(test, pub, p->pub, ec_point_len(p->curve));
}

static const enum ec_curve_id curves[] = { EC_P256, EC_P384 };

static void curve_desc(const enum ec_curve_id *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 *c == EC_P256 ? "P-256" : "P-384");
}

KUNIT_ARRAY_PARAM(curve, curves, curve_desc);

/* the group order n, big-endian */
static void order_be(enum ec_curve_id c, u8 *out)
{
	static const u8 n256[] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
		0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	};
	static const u8 n384[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
		0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a,
		0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
	};

	if (c == EC_P256)
		memcpy(out, n256, sizeof(n256));
	else
		memcpy(out, n384, sizeof(n384));
}

/* 0, n, n + 1 and 2^k - 1 are not private keys; n - 1 is */
static void ec_private_range(struct kunit *test)
{
	enum ec_curve_id c = *(const enum ec_curve_id *)test->param_value;
	size_t len = ec_scalar_len(c);
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES];

	memset(d, 0, len);
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_check_private(c, d));
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_public_from_private(c, d, pub));
	order_be(c, d);
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_check_private(c, d));
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_public_from_private(c, d, pub));
	d[len - 1]++;
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_check_private(c, d));
	d[len - 1] -= 2;
	KUNIT_EXPECT_EQ(test, 0, ec_check_private(c, d));
	memset(d, 0xff, len);
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_check_private(c, d));
	KUNIT_EXPECT_EQ(test, -EINVAL, ec_check_private(2, d));
}

static void run_wycheproof(struct kunit *test, enum ec_curve_id c,
			   const struct ecdsa_wycheproof *v, size_t n,
			   const u8 * const *keys)
{
	size_t i, dlen = ec_scalar_len(c), bad = 0;

	for (i = 0; i < n; i++, v++) {
		int err = ecdsa_verify(c, keys[v->key], ec_point_len(c),
				       v->digest, dlen, v->sig, v->sig_len);

		if (v->valid ? err != 0 : err == 0) {
			KUNIT_FAIL(test, "tcId %u: expected %s, got %d",
				   v->tc_id, v->valid ? "valid" : "invalid",
				   err);
			bad++;
		}
		/* a rejection must say why: malformed or not matching */
		if (err && err != -EBADMSG && err != -EKEYREJECTED)
			KUNIT_FAIL(test, "tcId %u: unexpected error %d",
				   v->tc_id, err);
		cond_resched();
	}
	kunit_info(test, "%zu vectors, %zu wrong verdicts\n", n, bad);
}

static void ecdsa_wycheproof_p256(struct kunit *test)
{
	run_wycheproof(test, EC_P256, wycheproof_p256,
		       ARRAY_SIZE(wycheproof_p256), wycheproof_p256_keys);
}

static void ecdsa_wycheproof_p384(struct kunit *test)
{
	run_wycheproof(test, EC_P384, wycheproof_p384,
		       ARRAY_SIZE(wycheproof_p384), wycheproof_p384_keys);
}

/* a random valid private key */
static void random_key(enum ec_curve_id c, u8 *d)
{
	do
		get_random_bytes(d, ec_scalar_len(c));
	while (ec_check_private(c, d));
}

static int kernel_verify(struct kunit *test, struct crypto_sig *tfm,
			 const u8 *pub, size_t pub_len, const u8 *digest,
			 size_t dlen, const u8 *sig, size_t sig_len)
{
	KUNIT_ASSERT_EQ(test, 0, crypto_sig_set_pubkey(tfm, pub, pub_len));
	return crypto_sig_verify(tfm, sig, sig_len, digest, dlen);
}

/*
 * The kernel's "ecdsa-nist-p256/384" (crypto/ecdsa.c, through the sig API
 * as public_key_verify_signature() uses it) accepts what we sign, and
 * refuses it for another digest.
 */
static void ecdsa_kernel_verifies_ours(struct kunit *test)
{
	enum ec_curve_id c = *(const enum ec_curve_id *)test->param_value;
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES], digest[EC_MAX_BYTES];
	u8 sig[ECDSA_MAX_SIG_LEN];
	size_t dlen = ec_scalar_len(c), plen = ec_point_len(c), len;
	struct crypto_sig *tfm;
	int i;

	tfm = crypto_alloc_sig(c == EC_P256 ? "ecdsa-nist-p256" :
			       "ecdsa-nist-p384", 0, 0);
	if (IS_ERR(tfm))
		kunit_skip(test, "no kernel ECDSA: %ld", PTR_ERR(tfm));
	for (i = 0; i < 8; i++) {
		random_key(c, d);
		KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(c, d, pub));
		get_random_bytes(digest, dlen);
		len = sizeof(sig);
		KUNIT_ASSERT_EQ(test, 0, ecdsa_sign(c, d, digest, dlen, sig,
						    &len));
		KUNIT_EXPECT_EQ(test, 0, kernel_verify(test, tfm, pub, plen,
						       digest, dlen, sig, len));
		digest[i] ^= 0x40;
		KUNIT_EXPECT_NE(test, 0, kernel_verify(test, tfm, pub, plen,
						       digest, dlen, sig, len));
		KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
				ecdsa_verify(c, pub, plen, digest, dlen, sig,
					     len));
		cond_resched();
	}
	crypto_free_sig(tfm);
}

/* fresh randomness per signature; the same k' gives the same signature */
static void ecdsa_hedged_nonces(struct kunit *test)
{
	enum ec_curve_id c = *(const enum ec_curve_id *)test->param_value;
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES], digest[EC_MAX_BYTES];
	u8 s1[ECDSA_MAX_SIG_LEN], s2[ECDSA_MAX_SIG_LEN], extra[16] = { 1 };
	size_t dlen = ec_scalar_len(c), l1 = sizeof(s1), l2 = sizeof(s2);

	random_key(c, d);
	KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(c, d, pub));
	get_random_bytes(digest, dlen);
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign(c, d, digest, dlen, s1, &l1));
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign(c, d, digest, dlen, s2, &l2));
	KUNIT_EXPECT_FALSE(test, l1 == l2 && !memcmp(s1, s2, l1));
	KUNIT_EXPECT_EQ(test, 0, ecdsa_verify(c, pub, ec_point_len(c), digest,
					      dlen, s1, l1));
	KUNIT_EXPECT_EQ(test, 0, ecdsa_verify(c, pub, ec_point_len(c), digest,
					      dlen, s2, l2));

	l1 = sizeof(s1);
	l2 = sizeof(s2);
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_rfc6979(c, d, digest, dlen, extra,
						    sizeof(extra), s1, &l1));
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_rfc6979(c, d, digest, dlen, extra,
						    sizeof(extra), s2, &l2));
	KUNIT_ASSERT_EQ(test, l1, l2);
	KUNIT_EXPECT_MEMEQ(test, s1, s2, l1);
	extra[0] ^= 1;
	l2 = sizeof(s2);
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_rfc6979(c, d, digest, dlen, extra,
						    sizeof(extra), s2, &l2));
	KUNIT_EXPECT_FALSE(test, l1 == l2 && !memcmp(s1, s2, l1));
}

static void ecdsa_sign_errors(struct kunit *test)
{
	const struct ecdsa_kat *k = &ecdsa_kats[0];
	u8 sig[ECDSA_MAX_SIG_LEN], zero[EC_MAX_BYTES] = {};
	size_t len;

	len = k->sig_len - 1;
	KUNIT_EXPECT_EQ(test, -EOVERFLOW,
			ecdsa_sign_rfc6979(k->curve, k->d, k->digest, k->dlen,
					   NULL, 0, sig, &len));
	len = sizeof(sig);
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdsa_sign(k->curve, k->d, k->digest,
						  0, sig, &len));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdsa_sign(k->curve, k->d, k->digest,
						  65, sig, &len));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdsa_sign(k->curve, zero, k->digest,
						  k->dlen, sig, &len));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdsa_sign(7, k->d, k->digest, k->dlen,
						  sig, &len));
	KUNIT_EXPECT_EQ(test, ecdsa_sig_max_len(EC_P384),
			(size_t)ECDSA_MAX_SIG_LEN);
	KUNIT_EXPECT_EQ(test, ecdsa_sig_max_len(EC_P256), (size_t)72);
}

/* one variant of the first RFC 6979 signature, and the verdict expected */
struct der_case {
	const char *what;
	int err;
	/* edit the signature in place, return the new length */
	size_t (*edit)(u8 *sig, size_t len);
};

static size_t der_trailing(u8 *sig, size_t len)
{
	sig[1]++;
	sig[len] = 0;
	return len + 1;
}

static size_t der_trailing_outside(u8 *sig, size_t len)
{
	sig[len] = 0;
	return len + 1;
}

static size_t der_long_form(u8 *sig, size_t len)
{
	memmove(sig + 3, sig + 2, len - 2);
	sig[2] = sig[1];
	sig[1] = 0x81;
	return len + 1;
}

/* r = 0x00 0x00 || r: a non-minimal INTEGER */
static size_t der_extra_zero(u8 *sig, size_t len)
{
	memmove(sig + 5, sig + 4, len - 4);
	sig[4] = 0;
	sig[3]++;
	sig[1]++;
	return len + 1;
}

/* drop r's sign byte: r becomes negative */
static size_t der_negative(u8 *sig, size_t len)
{
	memmove(sig + 4, sig + 5, len - 5);
	sig[3]--;
	sig[1]--;
	return len - 1;
}

/* SEQUENCE { INTEGER 0, s } */
static size_t der_r_zero(u8 *sig, size_t len)
{
	size_t rlen = sig[3];

	memmove(sig + 5, sig + 4 + rlen, len - 4 - rlen);
	sig[3] = 1;
	sig[4] = 0;
	sig[1] -= rlen - 1;
	return len - rlen + 1;
}

static size_t der_wrong_tag(u8 *sig, size_t len)
{
	sig[2] = 0x03;
	return len;
}

static size_t der_truncated(u8 *sig, size_t len)
{
	return len - 1;
}

static const struct der_case der_cases[] = {
	{ "trailing byte inside", -EBADMSG, der_trailing },
	{ "trailing byte outside", -EBADMSG, der_trailing_outside },
	{ "long-form length", -EBADMSG, der_long_form },
	{ "non-minimal integer", -EBADMSG, der_extra_zero },
	{ "negative r", -EBADMSG, der_negative },
	{ "r = 0", -EBADMSG, der_r_zero },
	{ "BIT STRING for r", -EBADMSG, der_wrong_tag },
	{ "truncated", -EBADMSG, der_truncated },
};

static void der_desc(const struct der_case *d, char *desc)
{
	strscpy(desc, d->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(der, der_cases, der_desc);

/* strict DER: each variant of a valid signature is refused as malformed */
static void ecdsa_strict_der(struct kunit *test)
{
	const struct der_case *dc = test->param_value;
	const struct ecdsa_kat *k = &ecdsa_kats[0];	/* r has a sign byte */
	u8 pub[EC_MAX_POINT_BYTES], sig[ECDSA_MAX_SIG_LEN + 8];
	size_t len;

	KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(k->curve, k->d, pub));
	KUNIT_ASSERT_EQ(test, 0x80, k->sig[4] == 0 ? k->sig[5] & 0x80 : 0);
	memcpy(sig, k->sig, k->sig_len);
	KUNIT_ASSERT_EQ(test, 0, ecdsa_verify(k->curve, pub,
					      ec_point_len(k->curve),
					      k->digest, k->dlen, sig,
					      k->sig_len));
	len = dc->edit(sig, k->sig_len);
	KUNIT_EXPECT_EQ(test, dc->err, ecdsa_verify(k->curve, pub,
						    ec_point_len(k->curve),
						    k->digest, k->dlen, sig,
						    len));
}

/* public keys that are not points of the curve are refused */
static void ecdsa_invalid_public_keys(struct kunit *test)
{
	const struct ecdsa_kat *k = &ecdsa_kats[0];
	size_t plen = ec_point_len(k->curve);
	u8 pub[EC_MAX_POINT_BYTES];

	KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(k->curve, k->d, pub));
	pub[plen - 1] ^= 1;			/* not on the curve */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_verify(k->curve, pub, plen, k->digest, k->dlen,
				     k->sig, k->sig_len));
	pub[plen - 1] ^= 1;
	pub[0] = 0x02;				/* compressed: not supported */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_verify(k->curve, pub, plen, k->digest, k->dlen,
				     k->sig, k->sig_len));
	pub[0] = 0x04;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_verify(k->curve, pub, plen - 1, k->digest,
				     k->dlen, k->sig, k->sig_len));
	memset(pub + 1, 0xff, plen - 1);	/* X, Y >= p */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_verify(k->curve, pub, plen, k->digest, k->dlen,
				     k->sig, k->sig_len));
	/* the P-256 key with the P-384 curve */
	KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(k->curve, k->d, pub));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_verify(EC_P384, pub, plen, k->digest, k->dlen,
				     k->sig, k->sig_len));
}

/* a random number below @m, with the edge values first */
static void random_below(const struct ec_mont *m, u64 *a, int i)
{
	unsigned int n = m->limbs;

	memset(a, 0, EC_MAX_LIMBS * 8);
	if (i < 3) {
		/* 1, m - 1, m - 2 */
		if (i == 0) {
			a[0] = 1;
		} else {
			memcpy(a, m->m, n * 8);
			a[0] -= i;
		}
		return;
	}
	do {
		get_random_bytes(a, n * 8);
		ec_mod_reduce_once(m, a, a);
	} while (!ec_limbs_lt_mask(a, m->m, n));
}

/*
 * The constant-time safegcd inverse (used for signing) agrees with
 * Fermat's a^(m - 2) on the fields and group orders of both curves.
 */
static void ec_inverse_matches_fermat(struct kunit *test)
{
	enum ec_curve_id c = *(const enum ec_curve_id *)test->param_value;
	const struct ec_curve *curve = ec_curve_get(c);
	const struct ec_mont *mods[] = { &curve->p, &curve->n };
	u64 a[EC_MAX_LIMBS], r1[EC_MAX_LIMBS], r2[EC_MAX_LIMBS];
	int m, i;

	for (m = 0; m < ARRAY_SIZE(mods); m++) {
		unsigned int n = mods[m]->limbs;

		for (i = 0; i < 64; i++) {
			random_below(mods[m], a, i);
			ec_mod_inv(mods[m], r1, a);
			ec_mont_to(mods[m], r2, a);
			ec_mont_inv(mods[m], r2, r2);
			ec_mont_from(mods[m], r2, r2);
			KUNIT_EXPECT_MEMEQ_MSG(test, r1, r2, n * 8,
					       "modulus %d, value %d", m, i);
			/* and a a^-1 = 1 */
			ec_mont_to(mods[m], r2, r1);
			ec_mont_mul(mods[m], r2, r2, a);
			KUNIT_EXPECT_EQ(test, 1ULL, r2[0]);
		}
		memset(a, 0, sizeof(a));
		ec_mod_inv(mods[m], r1, a);
		KUNIT_EXPECT_EQ(test, 0ULL, r1[0] | r1[1] | r1[n - 1]);
	}
}

/* P-256's dedicated squaring agrees with its multiplication */
static void ec_p256_sqr_matches_mul(struct kunit *test)
{
	const struct ec_curve *c = ec_curve_get(EC_P256);
	u64 a[EC_MAX_LIMBS], r1[EC_MAX_LIMBS], r2[EC_MAX_LIMBS];
	int i;

	for (i = 0; i < 256; i++) {
		random_below(&c->p, a, i);
		ec_p256_sqr(r1, a);
		ec_p256_mul(r2, a, a);
		KUNIT_EXPECT_MEMEQ_MSG(test, r1, r2, 32, "value %d", i);
	}
}

static struct kunit_case tlshake_ecdsa_cases[] = {
	KUNIT_CASE_PARAM(ecdsa_rfc6979_known_answer, ecdsa_kat_gen_params),
	KUNIT_CASE_PARAM(ec_public_from_private_known, ec_keypair_gen_params),
	KUNIT_CASE_PARAM(ec_private_range, curve_gen_params),
	KUNIT_CASE_SLOW(ecdsa_wycheproof_p256),
	KUNIT_CASE_SLOW(ecdsa_wycheproof_p384),
	KUNIT_CASE_PARAM(ecdsa_kernel_verifies_ours, curve_gen_params),
	KUNIT_CASE_PARAM(ecdsa_hedged_nonces, curve_gen_params),
	KUNIT_CASE(ecdsa_sign_errors),
	KUNIT_CASE_PARAM(ecdsa_strict_der, der_gen_params),
	KUNIT_CASE(ecdsa_invalid_public_keys),
	KUNIT_CASE_PARAM(ec_inverse_matches_fermat, curve_gen_params),
	KUNIT_CASE(ec_p256_sqr_matches_mul),
	{}
};

static struct kunit_suite tlshake_ecdsa_suite = {
	.name = "tlshake_ecdsa",
	.test_cases = tlshake_ecdsa_cases,
};

kunit_test_suite(tlshake_ecdsa_suite);
