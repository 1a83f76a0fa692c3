/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OpenSSL EC keys in the encodings of tlshake's portable crypto code
 * (kmod/crypto/, built for userspace): for the tests, fuzz targets and
 * benchmarks that hold our P-256/P-384 code against OpenSSL's.
 * Private keys are big-endian scalars of ec_scalar_len() bytes, public
 * keys uncompressed points 0x04 || X || Y.
 */
#ifndef _TLSHAKE_SELFTESTS_OSSL_EC_H
#define _TLSHAKE_SELFTESTS_OSSL_EC_H

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "ec.h"

/* One OpenSSL EC key pair, and the same key in our encodings. */
struct ec_keys {
	EVP_PKEY *pkey;
	u8 d[EC_MAX_BYTES];
	u8 pub[EC_MAX_POINT_BYTES];
	size_t pub_len;
};

/* A new OpenSSL key pair on @group ("P-256"): 0, or -1. */
static inline int ec_keys_new(struct ec_keys *k, const char *group,
			      size_t bytes)
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

/*
 * An OpenSSL EC key from our encodings: the public key alone (@d NULL), or
 * the key pair. NULL if OpenSSL refuses it.
 */
static inline EVP_PKEY *openssl_ec_key(const char *group, const u8 *d,
				       size_t bytes, const u8 *pub,
				       size_t pub_len)
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
					     pub, pub_len) &&
	    (!d || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn)))
		params = OSSL_PARAM_BLD_to_param(bld);
	if (params && EVP_PKEY_fromdata_init(ctx) == 1)
		EVP_PKEY_fromdata(ctx, &pkey, d ? EVP_PKEY_KEYPAIR :
				  EVP_PKEY_PUBLIC_KEY, params);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(bn);
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* OpenSSL's ECDH secret of @priv and @peer in @out: its length, or -1. */
static inline int openssl_ecdh(EVP_PKEY *priv, EVP_PKEY *peer, u8 *out,
			       size_t size)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
	size_t len = size;
	int ret = -1;

	if (ctx && EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
	    EVP_PKEY_derive(ctx, out, &len) == 1)
		ret = (int)len;
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/* OpenSSL's verdict on a DER ECDSA signature of a digest: 1 if valid. */
static inline int openssl_ecdsa_verify(EVP_PKEY *pkey, const u8 *dgst,
				       size_t dlen, const u8 *sig,
				       size_t sig_len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	int ret = -1;

	if (ctx && EVP_PKEY_verify_init(ctx) == 1)
		ret = EVP_PKEY_verify(ctx, sig, sig_len, dgst, dlen);
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

#endif /* _TLSHAKE_SELFTESTS_OSSL_EC_H */
