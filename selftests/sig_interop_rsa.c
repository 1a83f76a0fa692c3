// SPDX-License-Identifier: GPL-2.0
/*
 * RSA interoperability of tlshake's portable crypto (kmod/crypto/rsa.c,
 * userspace build) with OpenSSL, on the same keys: OpenSSL verifies our
 * PSS and PKCS#1 v1.5 signatures and we verify OpenSSL's; OpenSSL decrypts
 * what rsa_encrypt_pkcs1() made, and rsa_decrypt_tls_premaster() recovers
 * what OpenSSL encrypted.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

/* before the harness, whose ARRAY_SIZE yields to port_user.h's */
#include "port.h"
#include "rsa.h"
#include "../kmod/tests/vectors/rsa_keys.h"

#include "kselftest_harness.h"

struct key {
	const u8 *n, *e, *d, *p, *q, *dp, *dq, *qinv;
	size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
};

#define KEY(k) { k##_n, k##_e, k##_d, k##_p, k##_q, k##_dp, k##_dq, \
	k##_qinv, sizeof(k##_n), sizeof(k##_e), sizeof(k##_d), \
	sizeof(k##_p), sizeof(k##_q), sizeof(k##_dp), sizeof(k##_dq), \
	sizeof(k##_qinv) }

static const struct key key2048 = KEY(rsa2048);
static const struct key key2049 = KEY(rsa2049);
static const struct key key3072 = KEY(rsa3072);
static const struct key key4096 = KEY(rsa4096);

static const enum port_hash hashes[] = { PORT_SHA256, PORT_SHA384,
					 PORT_SHA512 };

static const EVP_MD *md_of(enum port_hash h)
{
	return h == PORT_SHA256 ? EVP_sha256() :
	       h == PORT_SHA384 ? EVP_sha384() : EVP_sha512();
}

static int push(OSSL_PARAM_BLD *bld, const char *name, const u8 *p,
		size_t len, BIGNUM **bn)
{
	*bn = BN_bin2bn(p, len, NULL);
	return *bn && OSSL_PARAM_BLD_push_BN(bld, name, *bn);
}

/* The same key as an OpenSSL EVP_PKEY. */
static EVP_PKEY *openssl_key(const struct key *k)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *pkey = NULL;
	OSSL_PARAM *params = NULL;
	BIGNUM *bn[8] = { NULL };
	int ok, i;

	ok = bld && ctx &&
	     push(bld, OSSL_PKEY_PARAM_RSA_N, k->n, k->n_len, &bn[0]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_E, k->e, k->e_len, &bn[1]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_D, k->d, k->d_len, &bn[2]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_FACTOR1, k->p, k->p_len, &bn[3]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_FACTOR2, k->q, k->q_len, &bn[4]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_EXPONENT1, k->dp, k->dp_len,
		  &bn[5]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_EXPONENT2, k->dq, k->dq_len,
		  &bn[6]) &&
	     push(bld, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, k->qinv,
		  k->qinv_len, &bn[7]);
	if (ok)
		params = OSSL_PARAM_BLD_to_param(bld);
	if (!params || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEYPAIR, params) <= 0)
		pkey = NULL;
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	for (i = 0; i < 8; i++)
		BN_free(bn[i]);
	return pkey;
}

/* An OpenSSL sign/verify context for PKCS#1 v1.5 or PSS with @h. */
static EVP_PKEY_CTX *openssl_sig_ctx(EVP_PKEY *pkey, bool sign, bool pss,
				     enum port_hash h)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	int ok;

	if (!ctx)
		return NULL;
	ok = (sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) > 0 &&
	     EVP_PKEY_CTX_set_signature_md(ctx, md_of(h)) > 0;
	if (ok && pss)
		ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
		     EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md_of(h)) > 0 &&
		     EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx,
						      RSA_PSS_SALTLEN_DIGEST) > 0;
	else if (ok)
		ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0;
	if (!ok) {
		EVP_PKEY_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* An OpenSSL PKCS#1 v1.5 encryption or decryption context. */
static EVP_PKEY_CTX *openssl_enc_ctx(EVP_PKEY *pkey, bool enc)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);

	if (ctx && (enc ? EVP_PKEY_encrypt_init(ctx) :
			  EVP_PKEY_decrypt_init(ctx)) > 0 &&
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0)
		return ctx;
	EVP_PKEY_CTX_free(ctx);
	return NULL;
}

FIXTURE(rsa) {
	struct rsa_priv *ours;
	EVP_PKEY *theirs;
	const struct key *k;
	size_t len;
};

FIXTURE_VARIANT(rsa) {
	const struct key *key;
};

FIXTURE_VARIANT_ADD(rsa, rsa2048) { .key = &key2048 };
FIXTURE_VARIANT_ADD(rsa, rsa2049) { .key = &key2049 };
FIXTURE_VARIANT_ADD(rsa, rsa3072) { .key = &key3072 };
FIXTURE_VARIANT_ADD(rsa, rsa4096) { .key = &key4096 };

FIXTURE_SETUP(rsa)
{
	const struct key *k = variant->key;

	self->k = k;
	self->ours = rsa_priv_new(k->n, k->n_len, k->e, k->e_len, k->d,
				  k->d_len, k->p, k->p_len, k->q, k->q_len,
				  k->dp, k->dp_len, k->dq, k->dq_len, k->qinv,
				  k->qinv_len);
	ASSERT_NE(NULL, self->ours);
	self->theirs = openssl_key(k);
	ASSERT_NE(NULL, self->theirs);
	self->len = rsa_priv_len(self->ours);
	ASSERT_EQ(k->n_len, self->len);
}

FIXTURE_TEARDOWN(rsa)
{
	rsa_priv_free(self->ours);
	EVP_PKEY_free(self->theirs);
}

/* OpenSSL verifies what we signed, and rejects it for another digest. */
static void ours_to_openssl(struct __test_metadata *_metadata,
			    FIXTURE_DATA(rsa) *self, bool pss)
{
	u8 digest[PORT_HASH_MAX_DIGEST], sig[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hashes); i++) {
		size_t hlen = port_hash_len(hashes[i]);
		EVP_PKEY_CTX *ctx;

		ASSERT_EQ(1, RAND_bytes(digest, sizeof(digest)));
		ASSERT_EQ(0, (pss ? rsa_sign_pss : rsa_sign_pkcs1)
			  (self->ours, hashes[i], digest, sig));
		ctx = openssl_sig_ctx(self->theirs, false, pss, hashes[i]);
		ASSERT_NE(NULL, ctx);
		EXPECT_EQ(1, EVP_PKEY_verify(ctx, sig, self->len, digest, hlen))
			TH_LOG("hash %zu", i);
		digest[0] ^= 1;
		EXPECT_NE(1, EVP_PKEY_verify(ctx, sig, self->len, digest, hlen));
		EVP_PKEY_CTX_free(ctx);
	}
}

/* We verify what OpenSSL signed, and reject it for another digest. */
static void openssl_to_ours(struct __test_metadata *_metadata,
			    FIXTURE_DATA(rsa) *self, bool pss)
{
	int (*verify)(const u8 *, size_t, const u8 *, size_t, enum port_hash,
		      const u8 *, const u8 *, size_t) =
		pss ? rsa_verify_pss : rsa_verify_pkcs1;
	u8 digest[PORT_HASH_MAX_DIGEST], sig[512];
	const struct key *k = self->k;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hashes); i++) {
		size_t hlen = port_hash_len(hashes[i]), sig_len = sizeof(sig);
		EVP_PKEY_CTX *ctx;

		ASSERT_EQ(1, RAND_bytes(digest, sizeof(digest)));
		ctx = openssl_sig_ctx(self->theirs, true, pss, hashes[i]);
		ASSERT_NE(NULL, ctx);
		ASSERT_EQ(1, EVP_PKEY_sign(ctx, sig, &sig_len, digest, hlen));
		EVP_PKEY_CTX_free(ctx);
		ASSERT_EQ(self->len, sig_len);
		EXPECT_EQ(0, verify(k->n, k->n_len, k->e, k->e_len, hashes[i],
				    digest, sig, sig_len))
			TH_LOG("hash %zu", i);
		digest[hlen - 1] ^= 0x80;
		EXPECT_EQ(-EKEYREJECTED, verify(k->n, k->n_len, k->e, k->e_len,
						hashes[i], digest, sig,
						sig_len));
	}
}

TEST_F(rsa, pss_ours_verified_by_openssl)
{
	ours_to_openssl(_metadata, self, true);
}

TEST_F(rsa, pkcs1_ours_verified_by_openssl)
{
	ours_to_openssl(_metadata, self, false);
}

TEST_F(rsa, pss_openssl_verified_by_ours)
{
	openssl_to_ours(_metadata, self, true);
}

TEST_F(rsa, pkcs1_openssl_verified_by_ours)
{
	openssl_to_ours(_metadata, self, false);
}

/* OpenSSL decrypts what rsa_encrypt_pkcs1() produced. */
TEST_F(rsa, encrypt_ours_decrypted_by_openssl)
{
	u8 msg[RSA_TLS_PREMASTER_LEN], ct[512], out[512];
	size_t out_len = sizeof(out);
	EVP_PKEY_CTX *ctx;

	ASSERT_EQ(1, RAND_bytes(msg, sizeof(msg)));
	ASSERT_EQ(0, rsa_encrypt_pkcs1(self->k->n, self->k->n_len, self->k->e,
				       self->k->e_len, msg, sizeof(msg), ct));
	ctx = openssl_enc_ctx(self->theirs, false);
	ASSERT_NE(NULL, ctx);
	ASSERT_EQ(1, EVP_PKEY_decrypt(ctx, out, &out_len, ct, self->len));
	EVP_PKEY_CTX_free(ctx);
	ASSERT_EQ(sizeof(msg), out_len);
	EXPECT_EQ(0, memcmp(msg, out, sizeof(msg)));
}

/* Our TLS decryption recovers what OpenSSL encrypted, and only that. */
TEST_F(rsa, tls_decrypt_of_openssl_ciphertext)
{
	static const u8 version[2] = { 3, 3 };
	u8 msg[RSA_TLS_PREMASTER_LEN + 1], ct[512], pms[RSA_TLS_PREMASTER_LEN];
	size_t ct_len = sizeof(ct);
	EVP_PKEY_CTX *ctx;

	ASSERT_EQ(1, RAND_bytes(msg, sizeof(msg)));
	memcpy(msg, version, sizeof(version));
	ctx = openssl_enc_ctx(self->theirs, true);
	ASSERT_NE(NULL, ctx);
	ASSERT_EQ(1, EVP_PKEY_encrypt(ctx, ct, &ct_len, msg,
				      RSA_TLS_PREMASTER_LEN));
	ASSERT_EQ(self->len, ct_len);
	rsa_decrypt_tls_premaster(self->ours, ct, ct_len, version, pms);
	EXPECT_EQ(0, memcmp(msg, pms, sizeof(pms)));

	/* 49 bytes: a length error, so a random premaster */
	ct_len = sizeof(ct);
	ASSERT_EQ(1, EVP_PKEY_encrypt(ctx, ct, &ct_len, msg, sizeof(msg)));
	rsa_decrypt_tls_premaster(self->ours, ct, ct_len, version, pms);
	EXPECT_NE(0, memcmp(msg, pms, sizeof(pms)));
	EXPECT_NE(0, memcmp(msg + 1, pms, sizeof(pms)));
	EVP_PKEY_CTX_free(ctx);
}

TEST_HARNESS_MAIN
