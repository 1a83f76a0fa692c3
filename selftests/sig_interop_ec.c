// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: tlshake's own ECDSA (P-256, P-384) and Ed25519 code, built for
 * userspace from kmod/crypto/, against OpenSSL: OpenSSL verifies what we
 * sign, we verify what OpenSSL signs, we derive the same public keys, and
 * both refuse the same corrupted signatures. Fresh random keys and
 * messages on every run.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "ecdsa.h"
#include "ed25519.h"

#include "kselftest_harness.h"

#define ROUNDS	48

/* Keys of one OpenSSL EC key pair, in our encodings. */
struct ec_keys {
	EVP_PKEY *pkey;
	u8 d[EC_MAX_BYTES];
	u8 pub[EC_MAX_POINT_BYTES];
	size_t pub_len;
};

static int ec_keys_new(struct ec_keys *k, const char *group, size_t bytes)
{
	BIGNUM *bn = NULL;
	int ok;

	k->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", group);
	if (!k->pkey)
		return -1;
	ok = EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_PRIV_KEY, &bn) &&
	     BN_bn2binpad(bn, k->d, bytes) == (int)bytes &&
	     EVP_PKEY_get_octet_string_param(k->pkey, OSSL_PKEY_PARAM_PUB_KEY,
					     k->pub, sizeof(k->pub),
					     &k->pub_len);
	BN_clear_free(bn);
	return ok ? 0 : -1;
}

static void digest(const char *md, const u8 *msg, size_t len, u8 *out,
		   unsigned int *out_len)
{
	EVP_Digest(msg, len, out, out_len, EVP_get_digestbyname(md), NULL);
}

/* OpenSSL's verdict on a DER ECDSA signature over a digest: 1 valid */
static int openssl_ecdsa_verify(EVP_PKEY *pkey, const u8 *dgst, size_t dlen,
				const u8 *sig, size_t sig_len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	int ret = -1;

	if (ctx && EVP_PKEY_verify_init(ctx) == 1)
		ret = EVP_PKEY_verify(ctx, sig, sig_len, dgst, dlen);
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

static int openssl_ecdsa_sign(EVP_PKEY *pkey, const u8 *dgst, size_t dlen,
			      u8 *sig, size_t *sig_len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	int ret = -1;

	if (ctx && EVP_PKEY_sign_init(ctx) == 1)
		ret = EVP_PKEY_sign(ctx, sig, sig_len, dgst, dlen);
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

FIXTURE(ecdsa)
{
	struct ec_keys keys;
	u8 msg[256];
	size_t msg_len;
	u8 dgst[64];
	unsigned int dlen;
};

FIXTURE_VARIANT(ecdsa)
{
	enum ec_curve_id curve;
	const char *group;
	const char *md;
};

FIXTURE_VARIANT_ADD(ecdsa, p256_sha256)
{
	.curve = EC_P256, .group = "P-256", .md = "SHA256",
};

FIXTURE_VARIANT_ADD(ecdsa, p384_sha384)
{
	.curve = EC_P384, .group = "P-384", .md = "SHA384",
};

/* a digest longer than the order: bits2int keeps its leftmost 256 bits */
FIXTURE_VARIANT_ADD(ecdsa, p256_sha512)
{
	.curve = EC_P256, .group = "P-256", .md = "SHA512",
};

/* a digest shorter than the order */
FIXTURE_VARIANT_ADD(ecdsa, p384_sha256)
{
	.curve = EC_P384, .group = "P-384", .md = "SHA256",
};

FIXTURE_SETUP(ecdsa)
{
	memset(&self->keys, 0, sizeof(self->keys));
}

FIXTURE_TEARDOWN(ecdsa)
{
	EVP_PKEY_free(self->keys.pkey);
}

/* a new key pair and a random message of random length, and its digest */
static void ecdsa_round(struct __test_metadata *_metadata,
			FIXTURE_DATA(ecdsa) *self,
			const FIXTURE_VARIANT(ecdsa) *variant)
{
	EVP_PKEY_free(self->keys.pkey);
	ASSERT_EQ(0, ec_keys_new(&self->keys, variant->group,
				 ec_scalar_len(variant->curve)));
	ASSERT_EQ(ec_point_len(variant->curve), self->keys.pub_len);
	ASSERT_EQ(1, RAND_bytes(self->msg, sizeof(self->msg)));
	self->msg_len = self->msg[0];
	digest(variant->md, self->msg, self->msg_len, self->dgst, &self->dlen);
}

TEST_F(ecdsa, public_key_matches_openssl)
{
	u8 pub[EC_MAX_POINT_BYTES];
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ecdsa_round(_metadata, self, variant);
		ASSERT_EQ(0, ec_check_private(variant->curve, self->keys.d));
		ASSERT_EQ(0, ec_public_from_private(variant->curve,
						    self->keys.d, pub));
		ASSERT_EQ(0, memcmp(pub, self->keys.pub, self->keys.pub_len));
	}
}

TEST_F(ecdsa, openssl_verifies_ours)
{
	size_t bytes = ec_scalar_len(variant->curve), sig_len, used;
	u8 sig[ECDSA_MAX_SIG_LEN];
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ecdsa_round(_metadata, self, variant);
		used = self->dlen < bytes ? self->dlen : bytes;
		sig_len = sizeof(sig);
		ASSERT_EQ(0, ecdsa_sign(variant->curve, self->keys.d,
					self->dgst, self->dlen, sig, &sig_len));
		ASSERT_EQ(1, openssl_ecdsa_verify(self->keys.pkey, self->dgst,
						  self->dlen, sig, sig_len));
		ASSERT_EQ(0, ecdsa_verify(variant->curve, self->keys.pub,
					  self->keys.pub_len, self->dgst,
					  self->dlen, sig, sig_len));
		/* a different digest: both refuse */
		self->dgst[i % used] ^= 1 << (i % 8);
		ASSERT_NE(1, openssl_ecdsa_verify(self->keys.pkey, self->dgst,
						  self->dlen, sig, sig_len));
		ASSERT_EQ(-EKEYREJECTED,
			  ecdsa_verify(variant->curve, self->keys.pub,
				       self->keys.pub_len, self->dgst,
				       self->dlen, sig, sig_len));
		self->dgst[i % used] ^= 1 << (i % 8);
		if (self->dlen == used)
			continue;
		/* digest bits past the order's length: both ignore them */
		self->dgst[self->dlen - 1] ^= 1;
		ASSERT_EQ(1, openssl_ecdsa_verify(self->keys.pkey, self->dgst,
						  self->dlen, sig, sig_len));
		ASSERT_EQ(0, ecdsa_verify(variant->curve, self->keys.pub,
					  self->keys.pub_len, self->dgst,
					  self->dlen, sig, sig_len));
	}
}

TEST_F(ecdsa, we_verify_openssl)
{
	u8 sig[ECDSA_MAX_SIG_LEN];
	size_t sig_len, pos;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ecdsa_round(_metadata, self, variant);
		sig_len = sizeof(sig);
		ASSERT_EQ(1, openssl_ecdsa_sign(self->keys.pkey, self->dgst,
						self->dlen, sig, &sig_len));
		ASSERT_EQ(0, ecdsa_verify(variant->curve, self->keys.pub,
					  self->keys.pub_len, self->dgst,
					  self->dlen, sig, sig_len));
		/* one flipped bit anywhere in the signature: both refuse */
		pos = self->msg[1] % sig_len;
		sig[pos] ^= 1 << (self->msg[2] % 8);
		ASSERT_NE(1, openssl_ecdsa_verify(self->keys.pkey, self->dgst,
						  self->dlen, sig, sig_len));
		ASSERT_NE(0, ecdsa_verify(variant->curve, self->keys.pub,
					  self->keys.pub_len, self->dgst,
					  self->dlen, sig, sig_len));
	}
}

/* hedged nonces: two signatures of the same digest differ, both valid */
TEST_F(ecdsa, hedged_signatures_differ)
{
	u8 sig1[ECDSA_MAX_SIG_LEN], sig2[ECDSA_MAX_SIG_LEN];
	size_t len1 = sizeof(sig1), len2 = sizeof(sig2);

	ecdsa_round(_metadata, self, variant);
	ASSERT_EQ(0, ecdsa_sign(variant->curve, self->keys.d, self->dgst,
				self->dlen, sig1, &len1));
	ASSERT_EQ(0, ecdsa_sign(variant->curve, self->keys.d, self->dgst,
				self->dlen, sig2, &len2));
	ASSERT_FALSE(len1 == len2 && !memcmp(sig1, sig2, len1));
	ASSERT_EQ(1, openssl_ecdsa_verify(self->keys.pkey, self->dgst,
					  self->dlen, sig1, len1));
	ASSERT_EQ(1, openssl_ecdsa_verify(self->keys.pkey, self->dgst,
					  self->dlen, sig2, len2));
}

FIXTURE(ed25519)
{
	EVP_PKEY *pkey;
	u8 seed[32];
	u8 pub[32];
	u8 msg[600];
	size_t msg_len;
};

FIXTURE_SETUP(ed25519)
{
	self->pkey = NULL;
}

FIXTURE_TEARDOWN(ed25519)
{
	EVP_PKEY_free(self->pkey);
}

static void ed25519_round(struct __test_metadata *_metadata,
			  FIXTURE_DATA(ed25519) *self)
{
	size_t len;

	EVP_PKEY_free(self->pkey);
	self->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	ASSERT_NE(NULL, self->pkey);
	len = sizeof(self->seed);
	ASSERT_EQ(1, EVP_PKEY_get_raw_private_key(self->pkey, self->seed,
						  &len));
	len = sizeof(self->pub);
	ASSERT_EQ(1, EVP_PKEY_get_raw_public_key(self->pkey, self->pub, &len));
	ASSERT_EQ(1, RAND_bytes(self->msg, sizeof(self->msg)));
	/* lengths across SHA-512's block boundaries, zero included */
	self->msg_len = (self->msg[0] | self->msg[1] << 8) % sizeof(self->msg);
}

static int openssl_ed25519_verify(EVP_PKEY *pkey, const u8 *msg, size_t len,
				  const u8 *sig)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ret = -1;

	if (ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey) == 1)
		ret = EVP_DigestVerify(ctx, sig, 64, msg, len);
	EVP_MD_CTX_free(ctx);
	return ret;
}

TEST_F(ed25519, public_key_matches_openssl)
{
	u8 pub[32];
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ed25519_round(_metadata, self);
		ASSERT_EQ(0, ed25519_public_from_seed(self->seed, pub));
		ASSERT_EQ(0, memcmp(pub, self->pub, 32));
	}
}

/* Ed25519 is deterministic: our signature is OpenSSL's, byte for byte */
TEST_F(ed25519, signatures_identical)
{
	EVP_MD_CTX *ctx;
	u8 ours[64], theirs[64];
	size_t len;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ed25519_round(_metadata, self);
		ASSERT_EQ(0, ed25519_sign(self->seed, self->pub, self->msg,
					  self->msg_len, ours));
		ctx = EVP_MD_CTX_new();
		ASSERT_NE(NULL, ctx);
		len = sizeof(theirs);
		ASSERT_EQ(1, EVP_DigestSignInit(ctx, NULL, NULL, NULL,
						self->pkey));
		ASSERT_EQ(1, EVP_DigestSign(ctx, theirs, &len, self->msg,
					    self->msg_len));
		EVP_MD_CTX_free(ctx);
		ASSERT_EQ(0, memcmp(ours, theirs, 64));
		ASSERT_EQ(1, openssl_ed25519_verify(self->pkey, self->msg,
						    self->msg_len, ours));
		ASSERT_EQ(0, ed25519_verify(self->pub, self->msg,
					    self->msg_len, theirs));
	}
}

TEST_F(ed25519, corrupted_refused_by_both)
{
	u8 sig[64];
	unsigned int bit;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ed25519_round(_metadata, self);
		ASSERT_EQ(0, ed25519_sign(self->seed, self->pub, self->msg,
					  self->msg_len, sig));
		bit = (self->msg[2] | self->msg[3] << 8) % 512;
		sig[bit / 8] ^= 1 << (bit % 8);
		ASSERT_NE(1, openssl_ed25519_verify(self->pkey, self->msg,
						    self->msg_len, sig));
		ASSERT_NE(0, ed25519_verify(self->pub, self->msg,
					    self->msg_len, sig));
		sig[bit / 8] ^= 1 << (bit % 8);
		if (self->msg_len) {
			self->msg[self->msg_len - 1] ^= 0x80;
			ASSERT_NE(0, ed25519_verify(self->pub, self->msg,
						    self->msg_len, sig));
		}
	}
}

TEST_HARNESS_MAIN
