// SPDX-License-Identifier: GPL-2.0
/*
 * Speed of tlshake's ECDH (P-256, P-384) beside OpenSSL's, natively, in
 * one process. One operation is what one side of an ECDHE handshake
 * computes: a fresh key pair and the shared secret with the peer's public
 * key (ecdh_keypair() + ecdh_shared() against EVP_PKEY_generate(), with
 * a context set up once, + EVP_PKEY_derive(); peer validation included on
 * both sides); the shared secret alone is measured too. Each measurement is the median of RUNS
 * runs of about RUN_NS, ours and OpenSSL's interleaved so that both see
 * the same machine load.
 *
 *   bench <name>: ours <ops/s> openssl <ops/s> ratio <ours/openssl>
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ecdh.h"

#define RUNS	7
#define RUN_NS	200000000ULL

struct ctx {
	enum ec_curve_id curve;
	const char *group;
	u8 d[EC_MAX_BYTES];
	u8 pub[EC_MAX_POINT_BYTES];
	u8 peer[EC_MAX_POINT_BYTES];	/* the other side's public key */
	u8 secret[ECDH_MAX_SECRET_LEN];
	EVP_PKEY *ossl_key;		/* OpenSSL: our key pair */
	EVP_PKEY *ossl_peer;		/* OpenSSL: the peer's public key */
	EVP_PKEY_CTX *ossl_gen;		/* OpenSSL: key generation */
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
	fprintf(stderr, "bench_ecdh: %s failed\n", what);
	exit(1);
}

/* OpenSSL's public key from our encoding (what a TLS stack parses) */
static EVP_PKEY *ossl_public(const char *group, const u8 *pub, size_t len)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	OSSL_PARAM *params = NULL;
	EVP_PKEY *pkey = NULL;

	if (bld && ctx &&
	    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, 0) &&
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					     pub, len) &&
	    (params = OSSL_PARAM_BLD_to_param(bld)) &&
	    EVP_PKEY_fromdata_init(ctx) == 1)
		EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	if (!pkey)
		die("public key import");
	return pkey;
}

static void ours_shared(struct ctx *c)
{
	if (ecdh_shared(c->curve, c->d, c->peer, ec_point_len(c->curve),
			c->secret))
		die("ecdh_shared");
}

static void ossl_shared(struct ctx *c)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(c->ossl_key, NULL);
	size_t len = sizeof(c->secret);

	if (!ctx || EVP_PKEY_derive_init(ctx) != 1 ||
	    EVP_PKEY_derive_set_peer(ctx, c->ossl_peer) != 1 ||
	    EVP_PKEY_derive(ctx, c->secret, &len) != 1)
		die("EVP_PKEY_derive");
	EVP_PKEY_CTX_free(ctx);
}

static void ours_exchange(struct ctx *c)
{
	if (ecdh_keypair(c->curve, c->d, c->pub))
		die("ecdh_keypair");
	ours_shared(c);
}

static void ossl_exchange(struct ctx *c)
{
	EVP_PKEY *key = NULL, *old = c->ossl_key;

	if (EVP_PKEY_generate(c->ossl_gen, &key) != 1)
		die("EVP_PKEY_generate");
	c->ossl_key = key;
	ossl_shared(c);
	c->ossl_key = old;
	EVP_PKEY_free(key);
}

static void bench_curve(enum ec_curve_id curve, const char *group,
			const char *exchange_name, const char *shared_name)
{
	struct ctx c = { .curve = curve, .group = group };
	u8 peer_d[EC_MAX_BYTES];

	if (ecdh_keypair(curve, peer_d, c.peer) ||
	    ecdh_keypair(curve, c.d, c.pub))
		die("ecdh_keypair");
	c.ossl_peer = ossl_public(group, c.peer, ec_point_len(curve));
	c.ossl_gen = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!c.ossl_gen || EVP_PKEY_keygen_init(c.ossl_gen) != 1 ||
	    EVP_PKEY_CTX_set_group_name(c.ossl_gen, group) != 1 ||
	    EVP_PKEY_generate(c.ossl_gen, &c.ossl_key) != 1)
		die("EVP_PKEY_generate");
	report(exchange_name, ours_exchange, ossl_exchange, &c);
	report(shared_name, ours_shared, ossl_shared, &c);
	EVP_PKEY_free(c.ossl_key);
	EVP_PKEY_free(c.ossl_peer);
	EVP_PKEY_CTX_free(c.ossl_gen);
}

int main(void)
{
	bench_curve(EC_P256, "P-256", "ecdh_p256_keypair_shared",
		    "ecdh_p256_shared");
	bench_curve(EC_P384, "P-384", "ecdh_p384_keypair_shared",
		    "ecdh_p384_shared");
	return 0;
}
