// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of signature schemes, verification and private key objects
 * (suite tlshake_sig).
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/slab.h>

#include "cert.h"
#include "pki.h"
#include "sig.h"
#include "vectors/sig-gen.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define SCHEME(s)		TLSHAKE_SIG_##s
#define USABLE(s, key, tls13)	tlshake_scheme_usable(SCHEME(s), key, tls13)

static void sig_schemes(struct kunit *test)
{
	struct tlshake_sigalg alg;
	u16 scheme;

	scheme = SCHEME(ECDSA_SECP384R1_SHA384);
	KUNIT_ASSERT_EQ(test, 0, tlshake_sigalg_from_scheme(scheme, &alg));
	KUNIT_EXPECT_EQ(test, alg.key, TLSHAKE_KEY_EC_P384);
	KUNIT_EXPECT_EQ(test, alg.hash, TLSHAKE_HASH_SHA384);
	KUNIT_EXPECT_EQ(test, alg.pad, TLSHAKE_PAD_ECDSA);
	scheme = SCHEME(RSA_PSS_RSAE_SHA512);
	KUNIT_ASSERT_EQ(test, 0, tlshake_sigalg_from_scheme(scheme, &alg));
	KUNIT_EXPECT_EQ(test, alg.pad, TLSHAKE_PAD_PSS);
	KUNIT_EXPECT_EQ(test, alg.hash, TLSHAKE_HASH_SHA512);
	scheme = SCHEME(ED25519);
	KUNIT_ASSERT_EQ(test, 0, tlshake_sigalg_from_scheme(scheme, &alg));
	KUNIT_EXPECT_EQ(test, alg.pad, TLSHAKE_PAD_EDDSA);
	/* rsa_pkcs1_sha1, ecdsa_sha1, unassigned */
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_sigalg_from_scheme(0x0201, &alg));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_sigalg_from_scheme(0x0203, &alg));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_sigalg_from_scheme(0x0809, &alg));
}

static void sig_scheme_usable(struct kunit *test)
{
	const struct tlshake_pubkey *rsa, *p256, *p384, *ed;

	rsa = &tlshake_test_cert(test, "leaf_rsa")->pub;
	p256 = &tlshake_test_cert(test, "leaf_ec")->pub;
	p384 = &tlshake_test_cert(test, "leaf_p384")->pub;
	ed = &tlshake_test_cert(test, "leaf_ed25519")->pub;

	KUNIT_EXPECT_TRUE(test, USABLE(RSA_PSS_RSAE_SHA256, rsa, true));
	KUNIT_EXPECT_FALSE(test, USABLE(RSA_PKCS1_SHA256, rsa, true));
	KUNIT_EXPECT_TRUE(test, USABLE(RSA_PKCS1_SHA256, rsa, false));
	KUNIT_EXPECT_TRUE(test, USABLE(ECDSA_SECP256R1_SHA256, p256, true));
	/* TLS 1.3 binds the curve, TLS 1.2 does not */
	KUNIT_EXPECT_FALSE(test, USABLE(ECDSA_SECP384R1_SHA384, p256, true));
	KUNIT_EXPECT_TRUE(test, USABLE(ECDSA_SECP384R1_SHA384, p256, false));
	KUNIT_EXPECT_TRUE(test, USABLE(ECDSA_SECP384R1_SHA384, p384, true));
	KUNIT_EXPECT_FALSE(test, USABLE(ECDSA_SECP256R1_SHA256, rsa, false));
	KUNIT_EXPECT_TRUE(test, USABLE(ED25519, ed, true));
	KUNIT_EXPECT_FALSE(test, USABLE(ED25519, p256, true));
	KUNIT_EXPECT_FALSE(test, tlshake_scheme_usable(0x0201, rsa, false));
}

/* Verify a certificate's signature with its issuer's key. */
static int verify_cert(struct tlshake_cert *cert, struct tlshake_cert *issuer)
{
	return tlshake_verify(&issuer->pub, &cert->sig_alg, cert->tbs,
			      cert->tbs_len, cert->sig, cert->sig_len);
}

static void sig_verify(struct kunit *test)
{
	struct tlshake_cert *leaf_ec = tlshake_test_cert(test, "leaf_ec");
	struct tlshake_cert *inter_ec = tlshake_test_cert(test, "inter_ec");
	struct tlshake_cert *root_ec = tlshake_test_cert(test, "root_ec");
	struct tlshake_cert *leaf_rsa = tlshake_test_cert(test, "leaf_rsa");
	struct tlshake_cert *inter_rsa = tlshake_test_cert(test, "inter_rsa");
	struct tlshake_cert *p384 = tlshake_test_cert(test, "leaf_p384");
	struct tlshake_sigalg alg;

	KUNIT_EXPECT_EQ(test, 0, verify_cert(leaf_ec, inter_ec));
	KUNIT_EXPECT_EQ(test, 0, verify_cert(inter_ec, root_ec));
	KUNIT_EXPECT_EQ(test, 0, verify_cert(root_ec, root_ec));
	KUNIT_EXPECT_EQ(test, 0, verify_cert(p384, inter_ec));
	KUNIT_EXPECT_EQ(test, 0, verify_cert(leaf_rsa, inter_rsa));
	/* wrong signer */
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED, verify_cert(leaf_ec, root_ec));
	/* an RSA signature checked with an EC key */
	KUNIT_EXPECT_EQ(test, -EINVAL, verify_cert(leaf_rsa, inter_ec));
	/* a signature one byte short */
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_verify(&inter_rsa->pub, &leaf_rsa->sig_alg,
				       leaf_rsa->tbs, leaf_rsa->tbs_len,
				       leaf_rsa->sig, leaf_rsa->sig_len - 1));
	/* another message */
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_verify(&inter_rsa->pub, &leaf_rsa->sig_alg,
				       leaf_rsa->tbs, leaf_rsa->tbs_len - 1,
				       leaf_rsa->sig, leaf_rsa->sig_len));
	/* SHA-1 is refused */
	alg = leaf_rsa->sig_alg;
	alg.hash = TLSHAKE_HASH_SHA1;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_verify(&inter_rsa->pub, &alg, leaf_rsa->tbs,
				       leaf_rsa->tbs_len, leaf_rsa->sig,
				       leaf_rsa->sig_len));
}

/* RSA-PSS and Ed25519 signatures of certificates (kmod/crypto/). */
static void sig_verify_pss_ed25519(struct kunit *test)
{
	struct tlshake_cert *pss = tlshake_test_cert(test, "leaf_pss");
	struct tlshake_cert *inter_rsa = tlshake_test_cert(test, "inter_rsa");
	struct tlshake_cert *ed = tlshake_test_cert(test, "root_ed25519");
	struct tlshake_cert *leaf_ed = tlshake_test_cert(test, "leaf_ed25519");

	KUNIT_EXPECT_EQ(test, 0, verify_cert(pss, inter_rsa));
	KUNIT_EXPECT_EQ(test, 0, verify_cert(ed, ed));
	/* another message, or another signer */
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_verify(&inter_rsa->pub, &pss->sig_alg, pss->tbs,
				       pss->tbs_len - 1, pss->sig,
				       pss->sig_len));
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_verify(&leaf_ed->pub, &ed->sig_alg, ed->tbs,
				       ed->tbs_len, ed->sig, ed->sig_len));
}

KUNIT_DEFINE_ACTION_WRAPPER(privkey_free_action, tlshake_privkey_free,
			    struct tlshake_privkey *);

static struct tlshake_privkey *test_privkey(struct kunit *test,
					    const char *name)
{
	struct tlshake_key_parts kp;
	struct tlshake_privkey *key;

	tlshake_test_key(test, name, &kp);
	key = tlshake_privkey_new(&kp);
	KUNIT_ASSERT_FALSE(test, IS_ERR(key));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   privkey_free_action,
							   key));
	return key;
}

static void sig_privkey(struct kunit *test)
{
	struct tlshake_privkey *rsa = test_privkey(test, "leaf_rsa");
	struct tlshake_privkey *inter = test_privkey(test, "inter_rsa");
	struct tlshake_privkey *ec = test_privkey(test, "leaf_ec");
	struct tlshake_privkey *p384 = test_privkey(test, "leaf_p384");
	struct tlshake_privkey *ed = test_privkey(test, "leaf_ed25519");
	struct tlshake_cert *leaf_rsa = tlshake_test_cert(test, "leaf_rsa");
	struct tlshake_cert *leaf_ec = tlshake_test_cert(test, "leaf_ec");
	struct tlshake_cert *cert_p384 = tlshake_test_cert(test, "leaf_p384");
	struct tlshake_cert *cert_ed = tlshake_test_cert(test, "leaf_ed25519");
	u8 sig[8];
	size_t len = sizeof(sig);

	KUNIT_EXPECT_EQ(test, 0, tlshake_privkey_check_pub(rsa, &leaf_rsa->pub));
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_privkey_check_pub(inter, &leaf_rsa->pub));
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_privkey_check_pub(rsa, &leaf_ec->pub));
	/* EC and Ed25519: the public key derived in the kernel */
	KUNIT_EXPECT_EQ(test, 0, tlshake_privkey_check_pub(ec, &leaf_ec->pub));
	KUNIT_EXPECT_EQ(test, 0, tlshake_privkey_check_pub(p384, &cert_p384->pub));
	KUNIT_EXPECT_EQ(test, 0, tlshake_privkey_check_pub(ed, &cert_ed->pub));
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_privkey_check_pub(p384, &leaf_ec->pub));
	KUNIT_EXPECT_EQ(test, tlshake_sig_max_len(rsa), 256);
	KUNIT_EXPECT_EQ(test, tlshake_sig_max_len(ec), 72);
	KUNIT_EXPECT_EQ(test, tlshake_sig_max_len(p384), 104);
	KUNIT_EXPECT_EQ(test, tlshake_sig_max_len(ed), 64);
	/* a key of the wrong type for the algorithm */
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_sign(ec, &leaf_rsa->sig_alg,
						    sig, 1, sig, &len));
}

static void sig_privkey_bad(struct kunit *test)
{
	static const u8 p256_n[32] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
		0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
		0x25, 0x51,
	};
	static const u8 zero[32];
	struct tlshake_key_parts kp;
	struct tlshake_privkey *key;
	u8 d[32];

	tlshake_test_key(test, "leaf_ec", &kp);
	kp.ec_d_len--;
	key = tlshake_privkey_new(&kp);
	KUNIT_EXPECT_EQ(test, PTR_ERR(key), -EINVAL);
	tlshake_test_key(test, "leaf_ec", &kp);
	kp.type = TLSHAKE_KEY_EC_P384;
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EINVAL);
	/* scalars 0, n and n - 1 (the largest valid one) of P-256 */
	kp.type = TLSHAKE_KEY_EC_P256;
	kp.ec_d = zero;
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EINVAL);
	memcpy(d, p256_n, sizeof(d));
	kp.ec_d = d;
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EINVAL);
	d[31]--;
	key = tlshake_privkey_new(&kp);
	KUNIT_EXPECT_FALSE(test, IS_ERR(key));
	tlshake_privkey_free(key);
	kp.type = 99;
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EOPNOTSUPP);
	tlshake_test_key(test, "leaf_rsa", &kp);
	kp.n_len = 128;		/* 1024 bits */
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EOPNOTSUPP);
	tlshake_test_key(test, "leaf_rsa", &kp);
	kp.qinv_len = 0;
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EINVAL);
	tlshake_test_key(test, "leaf_rsa", &kp);
	kp.e = (const u8 *)"\x02";
	kp.e_len = 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(tlshake_privkey_new(&kp)), -EINVAL);
}

struct sign_case {
	const char *key, *cert;
	u16 scheme;
};

static const struct sign_case sign_cases[] = {
	{ "leaf_rsa", "leaf_rsa", TLSHAKE_SIG_RSA_PKCS1_SHA256 },
	{ "leaf_rsa", "leaf_rsa", TLSHAKE_SIG_RSA_PKCS1_SHA384 },
	{ "leaf_rsa", "leaf_rsa", TLSHAKE_SIG_RSA_PKCS1_SHA512 },
	{ "leaf_rsa", "leaf_rsa", TLSHAKE_SIG_RSA_PSS_RSAE_SHA256 },
	{ "leaf_rsa", "leaf_rsa", TLSHAKE_SIG_RSA_PSS_RSAE_SHA384 },
	{ "leaf_rsa", "leaf_rsa", TLSHAKE_SIG_RSA_PSS_RSAE_SHA512 },
	{ "leaf_ec", "leaf_ec", TLSHAKE_SIG_ECDSA_SECP256R1_SHA256 },
	{ "leaf_p384", "leaf_p384", TLSHAKE_SIG_ECDSA_SECP384R1_SHA384 },
	{ "leaf_ed25519", "leaf_ed25519", TLSHAKE_SIG_ED25519 },
};

static void sign_case_desc(const struct sign_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s 0x%04x", c->key, c->scheme);
}

KUNIT_ARRAY_PARAM(sign, sign_cases, sign_case_desc);

/* Sign with each key and scheme; verify with the certificate's key. */
static void sig_sign_verify(struct kunit *test)
{
	const struct sign_case *c = test->param_value;
	struct tlshake_privkey *key = test_privkey(test, c->key);
	struct tlshake_cert *cert = tlshake_test_cert(test, c->cert);
	static const u8 msg[] = "TLS 1.3, server CertificateVerify";
	struct tlshake_sigalg alg;
	size_t len = tlshake_sig_max_len(key), short_len = len - 1;
	u8 *sig = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_ASSERT_EQ(test, 0, tlshake_sigalg_from_scheme(c->scheme, &alg));
	KUNIT_ASSERT_EQ(test, 0, tlshake_sign(key, &alg, msg, sizeof(msg), sig,
					      &len));
	KUNIT_EXPECT_LE(test, len, tlshake_sig_max_len(key));
	KUNIT_EXPECT_EQ(test, 0, tlshake_verify(&cert->pub, &alg, msg,
						sizeof(msg), sig, len));
	/* a flipped bit anywhere in the middle */
	sig[len / 2] ^= 0x10;
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_verify(&cert->pub, &alg, msg, sizeof(msg), sig,
				       len));
	KUNIT_EXPECT_EQ(test, -EOVERFLOW, tlshake_sign(key, &alg, msg,
						       sizeof(msg), sig,
						       &short_len));
}

static const char *const wycheproof_algs[] = {
	"ecdsa_p256_sha256", "ecdsa_p384_sha384", "rsa2048_pkcs1_sha256",
};

static void wycheproof_desc(const char *const *alg, char *desc)
{
	strscpy(desc, *alg, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(wycheproof, wycheproof_algs, wycheproof_desc);

/* Wycheproof: every valid signature verifies, no invalid one does. */
static void sig_wycheproof(struct kunit *test)
{
	const char *alg_name = *(const char *const *)test->param_value;
	unsigned int g, i, cases = 0;

	for (g = 0; g < ARRAY_SIZE(sig_vector_groups); g++) {
		const struct sig_vector_group *grp = &sig_vector_groups[g];
		struct tlshake_pubkey pub = {
			.type = grp->key_type, .bits = grp->bits,
			.key = (const u8 *)grp->key, .key_len = grp->key_len,
		};
		struct tlshake_sigalg alg = {
			.key = grp->key_type, .hash = grp->hash, .pad = grp->pad,
		};

		if (strcmp(grp->name, alg_name))
			continue;
		for (i = 0; i < grp->n; i++) {
			const struct sig_vector *v = &grp->v[i];
			int err = tlshake_verify(&pub, &alg, (const u8 *)v->msg,
						 v->msg_len, (const u8 *)v->sig,
						 v->sig_len);

			cases++;
			KUNIT_ASSERT_NE(test, err, -ENOMEM);
			if (v->result == SIG_VALID)
				KUNIT_EXPECT_EQ_MSG(test, err, 0, "tcId %u",
						    v->tc_id);
			else if (v->result == SIG_INVALID)
				KUNIT_EXPECT_NE_MSG(test, err, 0, "tcId %u",
						    v->tc_id);
		}
	}
	KUNIT_EXPECT_GT(test, cases, 100);
}

static struct kunit_case sig_test_cases[] = {
	KUNIT_CASE(sig_schemes),
	KUNIT_CASE(sig_scheme_usable),
	KUNIT_CASE(sig_verify),
	KUNIT_CASE(sig_verify_pss_ed25519),
	KUNIT_CASE(sig_privkey),
	KUNIT_CASE_PARAM(sig_sign_verify, sign_gen_params),
	KUNIT_CASE(sig_privkey_bad),
	KUNIT_CASE_PARAM_ATTR(sig_wycheproof, wycheproof_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	{}
};

static struct kunit_suite sig_suite = {
	.name = "tlshake_sig",
	.test_cases = sig_test_cases,
};

kunit_test_suite(sig_suite);
