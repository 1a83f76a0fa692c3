// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: ECDSA signature parsing and verification, and Ed25519
 * verification, on hostile input, differentially against OpenSSL.
 *
 * The first byte picks the case:
 *   0, 1  ECDSA P-256, P-384 with a fixed key: digest, then a signature
 *         taken from the input, or (top bit set) our own valid signature
 *         of the digest edited by the input (byte flips, truncation,
 *         extension), so that the cases near validity are reached. Our
 *         verdict must equal OpenSSL's exactly: both demand strict DER.
 *   2     ECDSA with an arbitrary public key: must not crash.
 *   3     Ed25519: key (fixed, or from the input), signature (from the
 *         input, or ours edited), message. What we accept OpenSSL must
 *         accept; what OpenSSL accepts we must accept unless the key is
 *         one we refuse by policy (non-canonical or of small order).
 */
#include <stdlib.h>

#include "ecdsa.h"
#include "ed25519.h"
#include "ed25519_ge.h"
#include "fuzz_ec.h"
#include "../common/ossl_ec.h"

static const u8 ed_seed[32] = {
	0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a,
	0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32,
	0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
};

struct ec_key {
	enum ec_curve_id curve;
	const char *group;
	const u8 *d;
	u8 pub[EC_MAX_POINT_BYTES];
	EVP_PKEY *pkey;
};

static struct ec_key ec_keys[2] = {
	{ EC_P256, "P-256", p256_d },
	{ EC_P384, "P-384", p384_d },
};

static u8 ed_pub[32];

static void setup(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct ec_key *k = &ec_keys[i];

		if (ec_public_from_private(k->curve, k->d, k->pub))
			abort();
		k->pkey = openssl_ec_key(k->group, NULL, 0, k->pub,
					 ec_point_len(k->curve));
		if (!k->pkey)
			abort();
	}
	if (ed25519_public_from_seed(ed_seed, ed_pub))
		abort();
}

static void fuzz_ecdsa(struct ec_key *k, bool ours, const u8 *data,
		       size_t size)
{
	size_t dlen = ec_scalar_len(k->curve), len;
	u8 digest[EC_MAX_BYTES] = {}, sig[256];
	int mine, theirs;

	memcpy(digest, data, size < dlen ? size : dlen);
	data += size < dlen ? size : dlen;
	size -= size < dlen ? size : dlen;
	if (ours) {
		len = sizeof(sig);
		if (ecdsa_sign(k->curve, k->d, digest, dlen, sig, &len) ||
		    ecdsa_verify(k->curve, k->pub, ec_point_len(k->curve),
				 digest, dlen, sig, len))
			abort();
		memset(sig + len, 0, sizeof(sig) - len);
		len = edit(sig, len, sizeof(sig), data, size);
	} else {
		len = size < sizeof(sig) ? size : sizeof(sig);
		memcpy(sig, data, len);
	}
	mine = !ecdsa_verify(k->curve, k->pub, ec_point_len(k->curve),
			     digest, dlen, sig, len);
	theirs = openssl_ecdsa_verify(k->pkey, digest, dlen, sig, len) == 1;
	if (mine != theirs)
		abort();
}

static int openssl_ed25519_verify(const u8 *pub, const u8 *msg, size_t len,
				  const u8 *sig)
{
	EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
						     pub, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ret = 0;

	if (pkey && ctx &&
	    EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey) == 1)
		ret = EVP_DigestVerify(ctx, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ret;
}

/* a public key our policy refuses: not a canonical point, small order */
static bool refused_key(const u8 *pub)
{
	struct ed25519_pt a;

	return ed25519_pt_decode(&a, pub) || ed25519_pt_small_order(&a);
}

static void fuzz_ed25519(u8 sel, const u8 *data, size_t size)
{
	u8 pub[32], sig[64] = {};
	const u8 *msg;
	size_t n, msg_len;
	int mine, theirs;

	memcpy(pub, ed_pub, 32);
	if (sel & 0x40 && size >= 32) {
		memcpy(pub, data, 32);
		data += 32;
		size -= 32;
	}
	n = size < 64 ? size : 64;
	msg = data + n;
	msg_len = size - n;
	if (sel & 0x80) {
		/* ours, then xor the first n input bytes into it */
		if (ed25519_sign(ed_seed, ed_pub, msg, msg_len, sig))
			abort();
		while (n--)
			sig[n] ^= data[n];
	} else {
		memcpy(sig, data, n);
	}
	mine = !ed25519_verify(pub, msg, msg_len, sig);
	theirs = openssl_ed25519_verify(pub, msg, msg_len, sig);
	if (mine && !theirs)
		abort();
	if (theirs && !mine && !refused_key(pub))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static bool ready;
	u8 sel;

	if (!ready) {
		setup();
		ready = true;
	}
	if (size < 1)
		return 0;
	sel = data[0];
	data++;
	size--;
	switch (sel & 3) {
	case 0:
	case 1:
		fuzz_ecdsa(&ec_keys[sel & 1], sel & 0x80, data, size);
		break;
	case 2: {
		enum ec_curve_id c = sel & 4 ? EC_P384 : EC_P256;
		size_t plen = ec_point_len(c), dlen = ec_scalar_len(c);

		if (size < plen + dlen)
			return 0;
		ecdsa_verify(c, data, plen, data + plen, dlen,
			     data + plen + dlen, size - plen - dlen);
		break;
	}
	default:
		fuzz_ed25519(sel, data, size);
		break;
	}
	return 0;
}
