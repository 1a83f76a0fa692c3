// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: tlshake's own ECDSA (P-256, P-384), ECDH (P-256, P-384) and
 * Ed25519 code, built for userspace from kmod/crypto/, against OpenSSL:
 * OpenSSL verifies what we sign, we verify what OpenSSL signs, we derive
 * the same public keys, both refuse the same corrupted signatures, and
 * both derive the same ECDH secrets with either side's private key in
 * either library. Fresh random keys and messages on every run.
 */
#include <openssl/rand.h>

#include "ecdh.h"
#include "ecdsa.h"
#include "ed25519.h"
#include "common/ossl_ec.h"

#include "kselftest_harness.h"

#define ROUNDS	48

static void digest(const char *md, const u8 *msg, size_t len, u8 *out,
		   unsigned int *out_len)
{
	EVP_Digest(msg, len, out, out_len, EVP_get_digestbyname(md), NULL);
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

/* OpenSSL's full validation of a public key: 1 if valid */
static int openssl_ec_pub_valid(const char *group, const u8 *pub,
				size_t len)
{
	EVP_PKEY *pkey = openssl_ec_key(group, NULL, 0, pub, len);
	EVP_PKEY_CTX *ctx = pkey ? EVP_PKEY_CTX_new(pkey, NULL) : NULL;
	int ret = ctx ? EVP_PKEY_public_check(ctx) : 0;

	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ret == 1;
}

FIXTURE(ecdh)
{
	struct ec_keys theirs;	/* an OpenSSL key pair */
	u8 d[EC_MAX_BYTES];	/* ours, from ecdh_keypair() */
	u8 pub[EC_MAX_POINT_BYTES];
	EVP_PKEY *ours;		/* ours, imported into OpenSSL */
};

FIXTURE_VARIANT(ecdh)
{
	enum ec_curve_id curve;
	const char *group;
};

FIXTURE_VARIANT_ADD(ecdh, p256)
{
	.curve = EC_P256, .group = "P-256",
};

FIXTURE_VARIANT_ADD(ecdh, p384)
{
	.curve = EC_P384, .group = "P-384",
};

FIXTURE_SETUP(ecdh)
{
	memset(&self->theirs, 0, sizeof(self->theirs));
	self->ours = NULL;
}

FIXTURE_TEARDOWN(ecdh)
{
	EVP_PKEY_free(self->theirs.pkey);
	EVP_PKEY_free(self->ours);
}

/* a fresh key pair on each side */
static void ecdh_round(struct __test_metadata *_metadata,
		       FIXTURE_DATA(ecdh) *self,
		       const FIXTURE_VARIANT(ecdh) *variant)
{
	size_t bytes = ec_scalar_len(variant->curve);
	size_t plen = ec_point_len(variant->curve);

	EVP_PKEY_free(self->theirs.pkey);
	EVP_PKEY_free(self->ours);
	ASSERT_EQ(0, ec_keys_new(&self->theirs, variant->group, bytes));
	ASSERT_EQ(plen, self->theirs.pub_len);
	ASSERT_EQ(0, ecdh_keypair(variant->curve, self->d, self->pub));
	self->ours = openssl_ec_key(variant->group, self->d, bytes, self->pub,
				    plen);
	ASSERT_NE(NULL, self->ours);
}

/*
 * Our key pair against OpenSSL's: the secret is the same whichever side's
 * private key is used, and whichever library computes with it.
 */
TEST_F(ecdh, secrets_match_openssl)
{
	size_t bytes = ec_scalar_len(variant->curve);
	size_t plen = ec_point_len(variant->curve);
	u8 s[4][ECDH_MAX_SECRET_LEN];
	EVP_PKEY *peer;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ecdh_round(_metadata, self, variant);
		/* ours with our key, OpenSSL with its key */
		ASSERT_EQ(0, ecdh_shared(variant->curve, self->d,
					 self->theirs.pub, plen, s[0]));
		peer = openssl_ec_key(variant->group, NULL, 0, self->pub,
				      plen);
		ASSERT_NE(NULL, peer);
		ASSERT_EQ((int)bytes, openssl_ecdh(self->theirs.pkey, peer,
						   s[1], sizeof(s[1])));
		EVP_PKEY_free(peer);
		/* ours with OpenSSL's key, OpenSSL with our key */
		ASSERT_EQ(0, ecdh_shared(variant->curve, self->theirs.d,
					 self->pub, plen, s[2]));
		ASSERT_EQ((int)bytes, openssl_ecdh(self->ours,
						   self->theirs.pkey, s[3],
						   sizeof(s[3])));
		ASSERT_EQ(0, memcmp(s[0], s[1], bytes));
		ASSERT_EQ(0, memcmp(s[0], s[2], bytes));
		ASSERT_EQ(0, memcmp(s[0], s[3], bytes));
	}
}

/*
 * OpenSSL's full key-pair check of ours: the private key in [1, n - 1],
 * the public key on the curve and equal to d G.
 */
TEST_F(ecdh, keypairs_valid_for_openssl)
{
	EVP_PKEY_CTX *ctx;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ecdh_round(_metadata, self, variant);
		ctx = EVP_PKEY_CTX_new(self->ours, NULL);
		ASSERT_NE(NULL, ctx);
		EXPECT_EQ(1, EVP_PKEY_check(ctx));
		EVP_PKEY_CTX_free(ctx);
	}
}

/* a public key with one bit flipped: both refuse it, we leave no secret */
TEST_F(ecdh, bad_peer_refused_by_both)
{
	size_t bytes = ec_scalar_len(variant->curve);
	size_t plen = ec_point_len(variant->curve), j;
	u8 bad[EC_MAX_POINT_BYTES], s[ECDH_MAX_SECRET_LEN];
	unsigned int bit;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ecdh_round(_metadata, self, variant);
		memcpy(bad, self->theirs.pub, plen);
		/*
		 * A flipped bit of X or Y leaves the curve (or the field),
		 * but for a negligible fraction of points.
		 */
		bit = (self->pub[1] | self->pub[2] << 8) % (16 * bytes);
		bad[1 + bit / 8] ^= 1 << (bit % 8);
		ASSERT_EQ(0, openssl_ec_pub_valid(variant->group, bad, plen));
		memset(s, 0xaa, sizeof(s));
		ASSERT_EQ(-EINVAL, ecdh_shared(variant->curve, self->d, bad,
					       plen, s));
		for (j = 0; j < bytes; j++)
			ASSERT_EQ(0, s[j]);
	}
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
