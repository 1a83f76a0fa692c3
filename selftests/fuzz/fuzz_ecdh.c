// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: ecdh_shared() with a fixed private key and hostile
 * peer public keys, differentially against OpenSSL.
 *
 * The first byte picks the curve (bit 0) and the mode (bit 1):
 *   0  the rest of the input is the peer's key, as it comes off the wire;
 *   1  the peer's key is k G for a scalar k taken from the input (so that
 *      valid points, and the points near them, are reached), then edited
 *      by the remaining bytes: pairs (pos, x) xor x in at pos, except
 *      that x = 0 truncates to pos.
 * OpenSSL's verdict is the reference: it must accept exactly the
 * uncompressed points we accept and derive the same secret. It also takes
 * compressed and hybrid encodings, which TLS does not allow and we refuse;
 * a refusal must leave the secret zeroed.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <stdlib.h>

#include "ecdh.h"

static const u8 p256_d[32] = {
	0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21,
	0x57, 0x67, 0xb1, 0xd6, 0x93, 0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8,
	0x9b, 0x12, 0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
};

static const u8 p384_d[48] = {
	0x6b, 0x9d, 0x3d, 0xad, 0x2e, 0x1b, 0x8c, 0x1c, 0x05, 0xb1, 0x98,
	0x75, 0xb6, 0x65, 0x9f, 0x4d, 0xe2, 0x3c, 0x3b, 0x66, 0x7b, 0xf2,
	0x97, 0xba, 0x9a, 0xa4, 0x77, 0x40, 0x78, 0x71, 0x37, 0xd8, 0x96,
	0xd5, 0x72, 0x4e, 0x4c, 0x70, 0xa8, 0x25, 0xf8, 0x72, 0xc9, 0xea,
	0x60, 0xd2, 0xed, 0xf5,
};

/* the longest peer key tried: a bit more than a P-384 point */
#define MAX_PEER	(EC_MAX_POINT_BYTES + 8)

struct ec_key {
	enum ec_curve_id curve;
	const char *group;
	const u8 *d;
	EVP_PKEY *pkey;
};

static struct ec_key keys[2] = {
	{ EC_P256, "P-256", p256_d },
	{ EC_P384, "P-384", p384_d },
};

/* OpenSSL's key from a group, a public key and (if @d) a private key */
static EVP_PKEY *openssl_ec_key(const char *group, const u8 *d, size_t bytes,
				const u8 *pub, size_t len)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	BIGNUM *bn = d ? BN_bin2bn(d, bytes, NULL) : NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY *pkey = NULL;

	if (bld && ctx && (!d || bn) &&
	    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, 0) &&
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					     pub, len) &&
	    (!d || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn)) &&
	    (params = OSSL_PARAM_BLD_to_param(bld)) &&
	    EVP_PKEY_fromdata_init(ctx) == 1)
		EVP_PKEY_fromdata(ctx, &pkey, d ? EVP_PKEY_KEYPAIR :
				  EVP_PKEY_PUBLIC_KEY, params);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn);
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

static void setup(void)
{
	u8 pub[EC_MAX_POINT_BYTES];
	int i;

	for (i = 0; i < 2; i++) {
		struct ec_key *k = &keys[i];
		size_t bytes = ec_scalar_len(k->curve);

		if (ec_public_from_private(k->curve, k->d, pub))
			abort();
		k->pkey = openssl_ec_key(k->group, k->d, bytes, pub,
					 ec_point_len(k->curve));
		if (!k->pkey)
			abort();
	}
}

/* OpenSSL's secret with @peer; its length, or 0 if it refuses the key */
static size_t openssl_ecdh(struct ec_key *k, const u8 *peer, size_t len,
			   u8 *out)
{
	EVP_PKEY *pkey = len ? openssl_ec_key(k->group, NULL, 0, peer, len) :
			       NULL;
	EVP_PKEY_CTX *ctx = pkey ? EVP_PKEY_CTX_new(k->pkey, NULL) : NULL;
	size_t out_len = ECDH_MAX_SECRET_LEN;

	if (!ctx || EVP_PKEY_derive_init(ctx) != 1 ||
	    EVP_PKEY_derive_set_peer(ctx, pkey) != 1 ||
	    EVP_PKEY_derive(ctx, out, &out_len) != 1)
		out_len = 0;
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return out_len;
}

/* k G for the scalar in @data, edited as the top describes */
static size_t near_valid(struct ec_key *k, const u8 *data, size_t size,
			 u8 *peer)
{
	size_t bytes = ec_scalar_len(k->curve), len = ec_point_len(k->curve);
	u8 scalar[EC_MAX_BYTES] = {};
	size_t i, n = size < bytes ? size : bytes;

	memcpy(scalar + bytes - n, data, n);
	if (ec_public_from_private(k->curve, scalar, peer))
		return 0;	/* not in [1, n - 1] */
	memset(peer + len, 0, MAX_PEER - len);
	for (i = n; i + 1 < size; i += 2) {
		size_t pos = data[i] % MAX_PEER;

		if (data[i + 1])
			peer[pos] ^= data[i + 1];
		else
			len = pos;
	}
	return len;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static bool ready;
	u8 peer[MAX_PEER], ours[ECDH_MAX_SECRET_LEN];
	u8 theirs[ECDH_MAX_SECRET_LEN];
	struct ec_key *k;
	size_t len, bytes, theirs_len;
	int err;

	if (!ready) {
		setup();
		ready = true;
	}
	if (size < 1)
		return 0;
	k = &keys[data[0] & 1];
	bytes = ec_scalar_len(k->curve);
	if (data[0] & 2) {
		len = near_valid(k, data + 1, size - 1, peer);
	} else {
		len = size - 1 < MAX_PEER ? size - 1 : MAX_PEER;
		memcpy(peer, data + 1, len);
	}

	memset(ours, 0xaa, sizeof(ours));
	err = ecdh_shared(k->curve, k->d, peer, len, ours);
	theirs_len = openssl_ecdh(k, peer, len, theirs);
	if (err) {
		if (err != -EINVAL || memchr(ours, 0xaa, bytes))
			abort();
		/* only OpenSSL's extra encodings may be accepted by it */
		if (theirs_len && peer[0] == 0x04)
			abort();
	} else if (theirs_len != bytes || memcmp(ours, theirs, bytes) ||
		   peer[0] != 0x04) {
		abort();
	}
	return 0;
}
