// SPDX-License-Identifier: GPL-2.0
/*
 * Speed of tlshake's ECDSA (P-256, P-384) and Ed25519 beside OpenSSL's,
 * natively, in one process: signing (what a TLS server does per
 * handshake), verification, and key derivation. The timing and the
 * report: bench.h.
 */
#include "bench.h"
#include "ecdsa.h"
#include "ed25519.h"
#include "../common/ossl_ec.h"

static u8 digest[64], msg[64];

struct ctx {
	enum ec_curve_id curve;
	size_t dlen;
	struct ec_keys ec;	/* ECDSA: OpenSSL's key pair, ours too */
	u8 sig[ECDSA_MAX_SIG_LEN];
	size_t sig_len;
	u8 seed[32];
	u8 ed_pub[32];
	u8 ed_sig[64];
	EVP_PKEY_CTX *pctx;	/* OpenSSL ECDSA, sign or verify */
	EVP_MD_CTX *mctx;	/* OpenSSL Ed25519, sign or verify */
};

static void die(const char *what)
{
	fprintf(stderr, "bench_ecdsa: %s failed\n", what);
	exit(1);
}

static void ours_ecdsa_sign(struct ctx *c)
{
	c->sig_len = sizeof(c->sig);
	if (ecdsa_sign(c->curve, c->ec.d, digest, c->dlen, c->sig, &c->sig_len))
		die("ecdsa_sign");
}

static void ossl_ecdsa_sign(struct ctx *c)
{
	size_t len = sizeof(c->sig);

	if (EVP_PKEY_sign(c->pctx, c->sig, &len, digest, c->dlen) != 1)
		die("EVP_PKEY_sign");
}

static void ours_ecdsa_verify(struct ctx *c)
{
	if (ecdsa_verify(c->curve, c->ec.pub, ec_point_len(c->curve), digest,
			 c->dlen, c->sig, c->sig_len))
		die("ecdsa_verify");
}

static void ossl_ecdsa_verify(struct ctx *c)
{
	if (EVP_PKEY_verify(c->pctx, c->sig, c->sig_len, digest,
			    c->dlen) != 1)
		die("EVP_PKEY_verify");
}

static void ours_ed25519_sign(struct ctx *c)
{
	if (ed25519_sign(c->seed, c->ed_pub, msg, sizeof(msg), c->ed_sig))
		die("ed25519_sign");
}

static void ossl_ed25519_sign(struct ctx *c)
{
	size_t len = sizeof(c->ed_sig);

	if (EVP_DigestSign(c->mctx, c->ed_sig, &len, msg, sizeof(msg)) != 1)
		die("EVP_DigestSign");
}

static void ours_ed25519_verify(struct ctx *c)
{
	if (ed25519_verify(c->ed_pub, msg, sizeof(msg), c->ed_sig))
		die("ed25519_verify");
}

static void ossl_ed25519_verify(struct ctx *c)
{
	if (EVP_DigestVerify(c->mctx, c->ed_sig, sizeof(c->ed_sig), msg,
			     sizeof(msg)) != 1)
		die("EVP_DigestVerify");
}

static void bench_ecdsa(const char *group, enum ec_curve_id curve,
			const char *sign_name, const char *verify_name)
{
	struct ctx c = { .curve = curve, .dlen = ec_scalar_len(curve) };

	if (ec_keys_new(&c.ec, group, c.dlen))
		die("key generation");
	c.pctx = EVP_PKEY_CTX_new(c.ec.pkey, NULL);
	if (!c.pctx || EVP_PKEY_sign_init(c.pctx) != 1)
		die("EVP_PKEY_sign_init");
	report(sign_name, ours_ecdsa_sign, ossl_ecdsa_sign, &c);

	ours_ecdsa_sign(&c);
	if (EVP_PKEY_verify_init(c.pctx) != 1)
		die("EVP_PKEY_verify_init");
	report(verify_name, ours_ecdsa_verify, ossl_ecdsa_verify, &c);
	EVP_PKEY_CTX_free(c.pctx);
	EVP_PKEY_free(c.ec.pkey);
}

static void bench_ed25519(void)
{
	struct ctx c = {};
	EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	size_t len = sizeof(c.seed);

	if (!pkey || EVP_PKEY_get_raw_private_key(pkey, c.seed, &len) != 1 ||
	    ed25519_public_from_seed(c.seed, c.ed_pub))
		die("Ed25519 key");
	c.mctx = EVP_MD_CTX_new();
	if (!c.mctx ||
	    EVP_DigestSignInit(c.mctx, NULL, NULL, NULL, pkey) != 1)
		die("EVP_DigestSignInit");
	report("ed25519_sign", ours_ed25519_sign, ossl_ed25519_sign, &c);

	EVP_MD_CTX_free(c.mctx);
	c.mctx = EVP_MD_CTX_new();
	if (!c.mctx ||
	    EVP_DigestVerifyInit(c.mctx, NULL, NULL, NULL, pkey) != 1)
		die("EVP_DigestVerifyInit");
	report("ed25519_verify", ours_ed25519_verify, ossl_ed25519_verify, &c);
	EVP_MD_CTX_free(c.mctx);
	EVP_PKEY_free(pkey);
}

int main(void)
{
	port_random(digest, sizeof(digest));
	port_random(msg, sizeof(msg));
	bench_ecdsa("P-256", EC_P256, "ecdsa_p256_sign", "ecdsa_p256_verify");
	bench_ecdsa("P-384", EC_P384, "ecdsa_p384_sign", "ecdsa_p384_verify");
	bench_ed25519();
	return 0;
}
