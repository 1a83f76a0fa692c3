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
#include <stdlib.h>

#include "ecdh.h"
#include "fuzz_ec.h"
#include "../common/ossl_ec.h"

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
static size_t openssl_secret(struct ec_key *k, const u8 *peer, size_t len,
			     u8 *out)
{
	EVP_PKEY *pkey = len ? openssl_ec_key(k->group, NULL, 0, peer, len) :
			       NULL;
	int ret = pkey ? openssl_ecdh(k->pkey, pkey, out,
				      ECDH_MAX_SECRET_LEN) : -1;

	EVP_PKEY_free(pkey);
	return ret < 0 ? 0 : ret;
}

/* k G for the scalar in @data, edited as the top describes */
static size_t near_valid(struct ec_key *k, const u8 *data, size_t size,
			 u8 *peer)
{
	size_t bytes = ec_scalar_len(k->curve), len = ec_point_len(k->curve);
	u8 scalar[EC_MAX_BYTES] = {};
	size_t n = size < bytes ? size : bytes;

	memcpy(scalar + bytes - n, data, n);
	if (ec_public_from_private(k->curve, scalar, peer))
		return 0;	/* not in [1, n - 1] */
	memset(peer + len, 0, MAX_PEER - len);
	return edit(peer, len, MAX_PEER, data + n, size - n);
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
	theirs_len = openssl_secret(k, peer, len, theirs);
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
