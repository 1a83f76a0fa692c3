// SPDX-License-Identifier: GPL-2.0
/*
 * Speed of tlshake's ECDSA (P-256, P-384) and Ed25519 beside OpenSSL's,
 * natively, in one process: signing (what a TLS server does per
 * handshake), verification, and key derivation. Each measurement is the
 * median of RUNS runs of about RUN_NS, ours and OpenSSL's interleaved so
 * that both see the same machine load.
 *
 *   bench <name>: ours <ops/s> openssl <ops/s> ratio <ours/openssl>
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ecdsa.h"
#include "ed25519.h"

#define RUNS	7
#define RUN_NS	200000000ULL

static u8 digest[64], msg[64];

struct ctx {
	enum ec_curve_id curve;
	size_t dlen;
	u8 d[EC_MAX_BYTES];
	u8 pub[EC_MAX_POINT_BYTES];
	u8 sig[ECDSA_MAX_SIG_LEN];
	size_t sig_len;
	u8 seed[32];
	u8 ed_pub[32];
	u8 ed_sig[64];
	EVP_PKEY_CTX *pctx;	/* OpenSSL ECDSA, sign or verify */
	EVP_MD_CTX *mctx;	/* OpenSSL Ed25519, sign or verify */
};

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ops/s of @op over about RUN_NS */
static double rate(void (*op)(struct ctx *), struct ctx *c)
{
	u64 start = now_ns(), t;
	unsigned long n = 0;

	do {
		op(c);
		op(c);
		n += 2;
		t = now_ns();
	} while (t - start < RUN_NS);
	return n * 1e9 / (t - start);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, void (*ours)(struct ctx *),
		   void (*theirs)(struct ctx *), struct ctx *c)
{
	double o[RUNS], t[RUNS];
	int i;

	for (i = 0; i < RUNS; i++) {
		o[i] = rate(ours, c);
		t[i] = rate(theirs, c);
	}
	qsort(o, RUNS, sizeof(double), cmp_double);
	qsort(t, RUNS, sizeof(double), cmp_double);
	printf("bench %s: ours %.0f openssl %.0f ratio %.2f\n", name,
	       o[RUNS / 2], t[RUNS / 2], o[RUNS / 2] / t[RUNS / 2]);
	fflush(stdout);
}

static void die(const char *what)
{
	fprintf(stderr, "bench_ecdsa: %s failed\n", what);
	exit(1);
}

static void ours_ecdsa_sign(struct ctx *c)
{
	c->sig_len = sizeof(c->sig);
	if (ecdsa_sign(c->curve, c->d, digest, c->dlen, c->sig, &c->sig_len))
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
	if (ecdsa_verify(c->curve, c->pub, ec_point_len(c->curve), digest,
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
	EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", group);
	BIGNUM *bn = NULL;
	size_t len;

	if (!pkey || !EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &bn) ||
	    BN_bn2binpad(bn, c.d, c.dlen) != (int)c.dlen ||
	    !EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY,
					     c.pub, sizeof(c.pub), &len))
		die("key generation");
	BN_clear_free(bn);

	c.pctx = EVP_PKEY_CTX_new(pkey, NULL);
	if (!c.pctx || EVP_PKEY_sign_init(c.pctx) != 1)
		die("EVP_PKEY_sign_init");
	report(sign_name, ours_ecdsa_sign, ossl_ecdsa_sign, &c);

	ours_ecdsa_sign(&c);
	if (EVP_PKEY_verify_init(c.pctx) != 1)
		die("EVP_PKEY_verify_init");
	report(verify_name, ours_ecdsa_verify, ossl_ecdsa_verify, &c);
	EVP_PKEY_CTX_free(c.pctx);
	EVP_PKEY_free(pkey);
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
