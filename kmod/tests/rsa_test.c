// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for tlshake's RSA (kmod/crypto/rsa.c): Wycheproof
 * verification vectors, a PKCS#1 v1.5 known answer from OpenSSL, PSS
 * sign-then-verify across key sizes and hashes, our PKCS#1 v1.5 signatures
 * checked by the kernel's own verifier, key validation, and the TLS 1.2
 * premaster decryption with every class of bad ciphertext.
 *
 * The whole suite takes about 15 s in the TCG + KASAN test guest.
 */
#include <crypto/sig.h>
#include <kunit/test.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "crypto/rsa.h"
#include "vectors/rsa_keys.h"
#include "vectors/rsa_wycheproof.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct test_key {
	const char *name;
	const u8 *n, *e, *d, *p, *q, *dp, *dq, *qinv, *der;
	size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
	size_t der_len;
};

#define TEST_KEY(k) { #k, k##_n, k##_e, k##_d, k##_p, k##_q, k##_dp, \
	k##_dq, k##_qinv, k##_pub_der, sizeof(k##_n), sizeof(k##_e), \
	sizeof(k##_d), sizeof(k##_p), sizeof(k##_q), sizeof(k##_dp), \
	sizeof(k##_dq), sizeof(k##_qinv), sizeof(k##_pub_der) }

static const struct test_key key2048 = TEST_KEY(rsa2048);
static const struct test_key key2049 = TEST_KEY(rsa2049);
static const struct test_key key3072 = TEST_KEY(rsa3072);
static const struct test_key key4096 = TEST_KEY(rsa4096);

KUNIT_DEFINE_ACTION_WRAPPER(rsa_priv_free_action, rsa_priv_free,
			    struct rsa_priv *);

static struct rsa_priv *load_key(struct kunit *test, const struct test_key *k)
{
	struct rsa_priv *key;

	key = rsa_priv_new(k->n, k->n_len, k->e, k->e_len, k->d, k->d_len,
			   k->p, k->p_len, k->q, k->q_len, k->dp, k->dp_len,
			   k->dq, k->dq_len, k->qinv, k->qinv_len);
	KUNIT_ASSERT_NOT_NULL_MSG(test, key, "%s does not load", k->name);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   rsa_priv_free_action,
							   key));
	return key;
}

static void *test_buf(struct kunit *test, size_t len)
{
	void *p = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static u8 *test_dup(struct kunit *test, const u8 *p, size_t len)
{
	u8 *d = test_buf(test, len);

	memcpy(d, p, len);
	return d;
}

/* Wycheproof: every vector gives its expected result */
static void wycheproof_run(struct kunit *test, bool pss, const u8 *data,
			   const struct rsa_wp_key *keys,
			   const struct rsa_wp_vec *vecs, size_t count)
{
	size_t i, valid = 0;

	for (i = 0; i < count; i++) {
		const struct rsa_wp_vec *v = &vecs[i];
		const struct rsa_wp_key *k = &keys[v->key];
		int err;

		err = (pss ? rsa_verify_pss : rsa_verify_pkcs1)
			(data + k->n, k->n_len, data + k->e, k->e_len,
			 PORT_SHA256, data + v->digest, data + v->sig,
			 v->sig_len);
		if (v->result == RSA_WP_VALID) {
			KUNIT_EXPECT_EQ_MSG(test, err, 0, "tcId %u", v->tc_id);
			valid++;
			continue;
		}
		/*
		 * Invalid, and "acceptable" legacy encodings (a DigestInfo
		 * without the NULL parameters): we build the one DER encoding
		 * and compare, so both are rejected.
		 */
		KUNIT_EXPECT_TRUE_MSG(test, err == -EKEYREJECTED ||
				      err == -EBADMSG,
				      "tcId %u: %d", v->tc_id, err);
	}
	KUNIT_EXPECT_GT(test, valid, 0);
}

static void rsa_wycheproof_pkcs1(struct kunit *test)
{
	wycheproof_run(test, false, rsa_wp_pkcs1_data, rsa_wp_pkcs1_keys,
		       rsa_wp_pkcs1_vecs, ARRAY_SIZE(rsa_wp_pkcs1_vecs));
}

static void rsa_wycheproof_pss(struct kunit *test)
{
	wycheproof_run(test, true, rsa_wp_pss_data, rsa_wp_pss_keys,
		       rsa_wp_pss_vecs, ARRAY_SIZE(rsa_wp_pss_vecs));
}

/* PKCS#1 v1.5 signing is deterministic: ours equals OpenSSL's */
static void rsa_pkcs1_sign_kat(struct kunit *test)
{
	struct rsa_priv *key = load_key(test, &key2048);
	u8 *sig = test_buf(test, sizeof(rsa2048_kat_sig));

	KUNIT_ASSERT_EQ(test, rsa_priv_len(key), sizeof(rsa2048_kat_sig));
	KUNIT_ASSERT_EQ(test, 0, rsa_sign_pkcs1(key, PORT_SHA256,
						rsa2048_kat_digest, sig));
	KUNIT_EXPECT_MEMEQ(test, sig, rsa2048_kat_sig, sizeof(rsa2048_kat_sig));
	KUNIT_EXPECT_EQ(test, 0, rsa_verify_pkcs1(key2048.n, key2048.n_len,
						  key2048.e, key2048.e_len,
						  PORT_SHA256,
						  rsa2048_kat_digest, sig,
						  sizeof(rsa2048_kat_sig)));
}

struct sign_case {
	const struct test_key *key;
	enum port_hash hash;
	const char *desc;
};

static const struct sign_case pss_cases[] = {
	{ &key2048, PORT_SHA256, "rsa2048 sha256" },
	{ &key2048, PORT_SHA384, "rsa2048 sha384" },
	{ &key2048, PORT_SHA512, "rsa2048 sha512" },
	{ &key2049, PORT_SHA256, "rsa2049 sha256 (emLen = k - 1)" },
	{ &key2049, PORT_SHA384, "rsa2049 sha384 (emLen = k - 1)" },
	{ &key2049, PORT_SHA512, "rsa2049 sha512 (emLen = k - 1)" },
	{ &key3072, PORT_SHA256, "rsa3072 sha256" },
	{ &key3072, PORT_SHA384, "rsa3072 sha384" },
	{ &key3072, PORT_SHA512, "rsa3072 sha512" },
	{ &key4096, PORT_SHA256, "rsa4096 sha256" },
	{ &key4096, PORT_SHA384, "rsa4096 sha384" },
	{ &key4096, PORT_SHA512, "rsa4096 sha512" },
};

static void sign_case_desc(const struct sign_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pss, pss_cases, sign_case_desc);

/* PSS: sign, verify; salted, so two signatures differ; tampering fails */
static void rsa_pss_sign_verify(struct kunit *test)
{
	const struct sign_case *c = test->param_value;
	const struct test_key *k = c->key;
	struct rsa_priv *key = load_key(test, k);
	size_t len = rsa_priv_len(key), hlen = port_hash_len(c->hash);
	u8 *sig = test_buf(test, len), *sig2 = test_buf(test, len);
	u8 digest[PORT_HASH_MAX_DIGEST];

	get_random_bytes(digest, sizeof(digest));
	KUNIT_ASSERT_EQ(test, 0, rsa_sign_pss(key, c->hash, digest, sig));
	KUNIT_EXPECT_EQ(test, 0, rsa_verify_pss(k->n, k->n_len, k->e,
						k->e_len, c->hash, digest,
						sig, len));
	KUNIT_ASSERT_EQ(test, 0, rsa_sign_pss(key, c->hash, digest, sig2));
	KUNIT_EXPECT_MEMNEQ(test, sig, sig2, len);
	KUNIT_EXPECT_EQ(test, 0, rsa_verify_pss(k->n, k->n_len, k->e,
						k->e_len, c->hash, digest,
						sig2, len));
	digest[hlen - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			rsa_verify_pss(k->n, k->n_len, k->e, k->e_len,
				       c->hash, digest, sig, len));
	digest[hlen - 1] ^= 1;
	/* the wrong padding, and the wrong length */
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			rsa_verify_pkcs1(k->n, k->n_len, k->e, k->e_len,
					 c->hash, digest, sig, len));
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			rsa_verify_pss(k->n, k->n_len, k->e, k->e_len,
				       c->hash, digest, sig + 1, len - 1));
}

static const char * const kernel_pkcs1_names[] = {
	[PORT_SHA256] = "pkcs1pad(rsa,sha256)",
	[PORT_SHA384] = "pkcs1pad(rsa,sha384)",
	[PORT_SHA512] = "pkcs1pad(rsa,sha512)",
};

static const struct sign_case pkcs1_cases[] = {
	{ &key2048, PORT_SHA256, "rsa2048 sha256" },
	{ &key2048, PORT_SHA384, "rsa2048 sha384" },
	{ &key2049, PORT_SHA512, "rsa2049 sha512" },
	{ &key3072, PORT_SHA256, "rsa3072 sha256" },
	{ &key4096, PORT_SHA512, "rsa4096 sha512" },
};

KUNIT_ARRAY_PARAM(pkcs1, pkcs1_cases, sign_case_desc);

/* our PKCS#1 v1.5 signatures, checked by the kernel's pkcs1pad verifier */
static void rsa_pkcs1_sign_kernel_verify(struct kunit *test)
{
	const struct sign_case *c = test->param_value;
	const struct test_key *k = c->key;
	struct rsa_priv *key = load_key(test, k);
	size_t len = rsa_priv_len(key), hlen = port_hash_len(c->hash);
	u8 *sig = test_buf(test, len);
	u8 digest[PORT_HASH_MAX_DIGEST];
	struct crypto_sig *tfm;
	int err;

	get_random_bytes(digest, sizeof(digest));
	KUNIT_ASSERT_EQ(test, 0, rsa_sign_pkcs1(key, c->hash, digest, sig));
	tfm = crypto_alloc_sig(kernel_pkcs1_names[c->hash], 0, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "%s: %ld",
			       kernel_pkcs1_names[c->hash], PTR_ERR(tfm));
	err = crypto_sig_set_pubkey(tfm, k->der, k->der_len);
	if (!err)
		err = crypto_sig_verify(tfm, sig, len, digest, hlen);
	KUNIT_EXPECT_EQ(test, err, 0);
	digest[0] ^= 1;
	KUNIT_EXPECT_NE(test, 0, crypto_sig_verify(tfm, sig, len, digest, hlen));
	crypto_free_sig(tfm);
}

/* A key part to corrupt, and how. */
enum corrupt {
	CORRUPT_N,		/* n != p * q */
	CORRUPT_E_EVEN,
	CORRUPT_E_ONE,
	CORRUPT_E_WRONG,	/* e * dp != 1 mod p - 1 */
	CORRUPT_DP,
	CORRUPT_DQ,
	CORRUPT_QINV,
	CORRUPT_P_SWAP,		/* p and q exchanged: qinv is then wrong */
	CORRUPT_DP_BIG,		/* dp = p: out of range */
	CORRUPT_SHORT_N,	/* a 1024-bit modulus: below our minimum */
};

struct corrupt_case {
	enum corrupt what;
	const char *desc;
};

static const struct corrupt_case corrupt_cases[] = {
	{ CORRUPT_N, "n != p * q" },
	{ CORRUPT_E_EVEN, "even e" },
	{ CORRUPT_E_ONE, "e = 1" },
	{ CORRUPT_E_WRONG, "e not the inverse of d" },
	{ CORRUPT_DP, "dp + 2" },
	{ CORRUPT_DQ, "dq + 2" },
	{ CORRUPT_QINV, "qinv + 1" },
	{ CORRUPT_P_SWAP, "p and q exchanged" },
	{ CORRUPT_DP_BIG, "dp = p" },
	{ CORRUPT_SHORT_N, "1024-bit modulus" },
};

static void corrupt_desc(const struct corrupt_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(corrupt, corrupt_cases, corrupt_desc);

/* add @v to the big-endian number @p (no carry out expected) */
static void be_add(u8 *p, size_t len, u8 v)
{
	while (len-- && v) {
		unsigned int s = p[len] + v;

		p[len] = s;
		v = s >> 8;
	}
}

static void rsa_priv_new_rejects(struct kunit *test)
{
	const struct corrupt_case *c = test->param_value;
	const struct test_key *k = &key2048;
	u8 *n = test_dup(test, k->n, k->n_len);
	u8 *p = test_dup(test, k->p, k->p_len);
	u8 *q = test_dup(test, k->q, k->q_len);
	u8 *dp = test_dup(test, k->dp, k->dp_len);
	u8 *dq = test_dup(test, k->dq, k->dq_len);
	u8 *qi = test_dup(test, k->qinv, k->qinv_len);
	u8 e[3] = { 0x01, 0x00, 0x01 };
	size_t n_len = k->n_len;
	struct rsa_priv *key;

	KUNIT_ASSERT_EQ(test, k->e_len, sizeof(e));
	KUNIT_ASSERT_EQ(test, 0, memcmp(k->e, e, sizeof(e)));
	switch (c->what) {
	case CORRUPT_N:
		be_add(n, n_len, 2);
		break;
	case CORRUPT_E_EVEN:
		e[2] = 0x02;
		break;
	case CORRUPT_E_ONE:
		e[0] = 0;
		e[1] = 0;
		break;
	case CORRUPT_E_WRONG:
		e[2] = 0x03;	/* 65539 */
		break;
	case CORRUPT_DP:
		be_add(dp, k->dp_len, 2);
		break;
	case CORRUPT_DQ:
		be_add(dq, k->dq_len, 2);
		break;
	case CORRUPT_QINV:
		be_add(qi, k->qinv_len, 1);
		break;
	case CORRUPT_P_SWAP:
		swap(p, q);
		break;
	case CORRUPT_DP_BIG:
		memcpy(dp, k->p, k->p_len);
		break;
	case CORRUPT_SHORT_N:
		n_len = 128;
		break;
	}
	key = rsa_priv_new(n, n_len, e, sizeof(e), k->d, k->d_len, p, k->p_len,
			   q, k->q_len, dp, k->dp_len, dq, k->dq_len, qi,
			   k->qinv_len);
	KUNIT_EXPECT_NULL(test, key);
	rsa_priv_free(key);
}

/* the key pair check, and leading zero bytes allowed everywhere */
static void rsa_pub_check_test(struct kunit *test)
{
	struct rsa_priv *key = load_key(test, &key2048);
	u8 *n0 = test_buf(test, key2048.n_len + 1);
	static const u8 e3[] = { 3 };

	memcpy(n0 + 1, key2048.n, key2048.n_len);
	KUNIT_EXPECT_EQ(test, 0, rsa_pub_check(key, key2048.n, key2048.n_len,
					       key2048.e, key2048.e_len));
	KUNIT_EXPECT_EQ(test, 0, rsa_pub_check(key, n0, key2048.n_len + 1,
					       key2048.e, key2048.e_len));
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			rsa_pub_check(key, key3072.n, key3072.n_len,
				      key2048.e, key2048.e_len));
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			rsa_pub_check(key, key2048.n, key2048.n_len, e3, 1));
}

/* RFC 5246 7.4.7.1: the real premaster, or fresh random bytes */
static void rsa_tls_premaster(struct kunit *test)
{
	static const u8 version[2] = { 3, 3 };
	struct rsa_priv *key = load_key(test, &key2048);
	u8 pms[RSA_TLS_PREMASTER_LEN], pms2[RSA_TLS_PREMASTER_LEN];
	size_t i;

	rsa_decrypt_tls_premaster(key, rsa2048_pms_ct, sizeof(rsa2048_pms_ct),
				  version, pms);
	KUNIT_EXPECT_MEMEQ(test, pms, rsa2048_pms, sizeof(pms));
	for (i = 0; i < ARRAY_SIZE(rsa2048_pms_bad); i++) {
		rsa_decrypt_tls_premaster(key, rsa2048_pms_bad[i].ct, 256, version,
					  pms);
		rsa_decrypt_tls_premaster(key, rsa2048_pms_bad[i].ct, 256, version,
					  pms2);
		KUNIT_EXPECT_MEMNEQ_MSG(test, pms, rsa2048_pms, sizeof(pms),
					"%s", rsa2048_pms_bad[i].name);
		KUNIT_EXPECT_MEMNEQ_MSG(test, pms, pms2, sizeof(pms), "%s",
					rsa2048_pms_bad[i].name);
	}
	/* wrong ClientHello version with a well-formed block */
	rsa_decrypt_tls_premaster(key, rsa2048_pms_ct, sizeof(rsa2048_pms_ct),
				  (const u8[]){ 3, 1 }, pms);
	KUNIT_EXPECT_MEMNEQ(test, pms, rsa2048_pms, sizeof(pms));
	/* public length errors: short ciphertext, ciphertext not below n */
	rsa_decrypt_tls_premaster(key, rsa2048_pms_ct, 255, version, pms);
	KUNIT_EXPECT_MEMNEQ(test, pms, rsa2048_pms, sizeof(pms));
	rsa_decrypt_tls_premaster(key, key2048.n, key2048.n_len, version, pms);
	rsa_decrypt_tls_premaster(key, key2048.n, key2048.n_len, version, pms2);
	KUNIT_EXPECT_MEMNEQ(test, pms, pms2, sizeof(pms));
}

/* our PKCS#1 v1.5 encryption, our decryption */
static void rsa_encrypt_decrypt(struct kunit *test)
{
	static const u8 version[2] = { 3, 3 };
	struct rsa_priv *key = load_key(test, &key2048);
	u8 *ct = test_buf(test, 256), *ct2 = test_buf(test, 256);
	u8 msg[RSA_TLS_PREMASTER_LEN], out[RSA_TLS_PREMASTER_LEN];

	get_random_bytes(msg, sizeof(msg));
	memcpy(msg, version, 2);
	KUNIT_ASSERT_EQ(test, 0, rsa_encrypt_pkcs1(key2048.n, key2048.n_len,
						   key2048.e, key2048.e_len,
						   msg, sizeof(msg), ct));
	KUNIT_ASSERT_EQ(test, 0, rsa_encrypt_pkcs1(key2048.n, key2048.n_len,
						   key2048.e, key2048.e_len,
						   msg, sizeof(msg), ct2));
	KUNIT_EXPECT_MEMNEQ(test, ct, ct2, 256);	/* random padding */
	rsa_decrypt_tls_premaster(key, ct, 256, version, out);
	KUNIT_EXPECT_MEMEQ(test, out, msg, sizeof(msg));
	rsa_decrypt_tls_premaster(key, ct2, 256, version, out);
	KUNIT_EXPECT_MEMEQ(test, out, msg, sizeof(msg));
	KUNIT_EXPECT_EQ(test, -EMSGSIZE,
			rsa_encrypt_pkcs1(key2048.n, key2048.n_len, key2048.e,
					  key2048.e_len, ct, 246, ct2));
}

/* public-key and signature checks of the verifiers */
static void rsa_verify_bad_input(struct kunit *test)
{
	const struct test_key *k = &key2048;
	u8 *sig = test_buf(test, 256);
	static const u8 e2[] = { 2 };
	static const u8 e_big[] = { 1, 0, 0, 0, 0, 0, 0, 0, 1 };	/* 2^64 + 1 */

	/* s = n: not below the modulus */
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			rsa_verify_pkcs1(k->n, k->n_len, k->e, k->e_len,
					 PORT_SHA256, rsa2048_kat_digest,
					 k->n, k->n_len));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			rsa_verify_pkcs1(k->n, k->n_len, e2, 1, PORT_SHA256,
					 rsa2048_kat_digest, rsa2048_kat_sig,
					 256));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			rsa_verify_pkcs1(k->n, k->n_len, e_big, sizeof(e_big),
					 PORT_SHA256, rsa2048_kat_digest,
					 rsa2048_kat_sig, 256));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			rsa_verify_pkcs1(k->n, 100, k->e, k->e_len,
					 PORT_SHA256, rsa2048_kat_digest,
					 rsa2048_kat_sig, 100));
	/* zero and one are below n and must simply not verify */
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			rsa_verify_pss(k->n, k->n_len, k->e, k->e_len,
				       PORT_SHA256, rsa2048_kat_digest, sig,
				       256));
	sig[255] = 1;
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			rsa_verify_pkcs1(k->n, k->n_len, k->e, k->e_len,
					 PORT_SHA256, rsa2048_kat_digest, sig,
					 256));
}

static struct kunit_case rsa_test_cases[] = {
	KUNIT_CASE(rsa_wycheproof_pkcs1),
	KUNIT_CASE(rsa_wycheproof_pss),
	KUNIT_CASE(rsa_pkcs1_sign_kat),
	KUNIT_CASE_PARAM(rsa_pss_sign_verify, pss_gen_params),
	KUNIT_CASE_PARAM(rsa_pkcs1_sign_kernel_verify, pkcs1_gen_params),
	KUNIT_CASE_PARAM(rsa_priv_new_rejects, corrupt_gen_params),
	KUNIT_CASE(rsa_pub_check_test),
	KUNIT_CASE(rsa_tls_premaster),
	KUNIT_CASE(rsa_encrypt_decrypt),
	KUNIT_CASE(rsa_verify_bad_input),
	{}
};

static struct kunit_suite rsa_test_suite = {
	.name = "tlshake_rsa",
	.test_cases = rsa_test_cases,
};

kunit_test_suite(rsa_test_suite);
