// SPDX-License-Identifier: GPL-2.0
/*
 * RSA-PSS signing speed, ours beside OpenSSL's EVP in the same process, on
 * the same keys (kmod/tests/vectors/rsa_keys.h): median ops/s of several
 * timed runs each.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "port.h"
#include "rsa.h"
#include "../../kmod/tests/vectors/rsa_keys.h"

#define RUNS 5
#define RUN_SECONDS 0.4

struct key {
	const char *name;
	const u8 *n, *e, *d, *p, *q, *dp, *dq, *qinv;
	size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
};

#define KEY(k) { #k, k##_n, k##_e, k##_d, k##_p, k##_q, k##_dp, k##_dq, \
	k##_qinv, sizeof(k##_n), sizeof(k##_e), sizeof(k##_d), \
	sizeof(k##_p), sizeof(k##_q), sizeof(k##_dp), sizeof(k##_dq), \
	sizeof(k##_qinv) }

static const struct key keys[] = {
	KEY(rsa2048), KEY(rsa3072), KEY(rsa4096),
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void add_bn(OSSL_PARAM_BLD *bld, const char *name, const u8 *p,
		   size_t len)
{
	BIGNUM *bn = BN_bin2bn(p, len, NULL);

	/* the builder keeps a reference until it is freed: leak is bounded */
	if (!bn || !OSSL_PARAM_BLD_push_BN(bld, name, bn))
		abort();
}

static EVP_PKEY *openssl_key(const struct key *k)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *pkey = NULL;
	OSSL_PARAM *params;

	add_bn(bld, OSSL_PKEY_PARAM_RSA_N, k->n, k->n_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_E, k->e, k->e_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_D, k->d, k->d_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_FACTOR1, k->p, k->p_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_FACTOR2, k->q, k->q_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_EXPONENT1, k->dp, k->dp_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_EXPONENT2, k->dq, k->dq_len);
	add_bn(bld, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, k->qinv, k->qinv_len);
	params = OSSL_PARAM_BLD_to_param(bld);
	if (!params || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEYPAIR, params) <= 0)
		abort();
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

static int ours_sign(void *key, const u8 *digest, u8 *sig)
{
	return rsa_sign_pss(key, PORT_SHA256, digest, sig);
}

static int openssl_sign(void *pctx, const u8 *digest, u8 *sig)
{
	size_t len = 512;

	return EVP_PKEY_sign(pctx, sig, &len, digest, 32) <= 0;
}

/* median ops/s of RUNS runs of about RUN_SECONDS each */
static double measure(int (*sign)(void *, const u8 *, u8 *), void *key)
{
	double rates[RUNS];
	u8 digest[32] = { 1 }, sig[512];
	int r;

	for (r = 0; r < RUNS; r++) {
		double t0 = now(), t;
		long ops = 0;

		do {
			if (sign(key, digest, sig))
				abort();
			ops++;
			t = now() - t0;
		} while (t < RUN_SECONDS);
		rates[r] = ops / t;
	}
	qsort(rates, RUNS, sizeof(rates[0]), cmp_double);
	return rates[RUNS / 2];
}

static void bench_key(const struct key *k)
{
	EVP_PKEY *pkey = openssl_key(k);
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(pkey, NULL);
	struct rsa_priv *ours;
	double a, b;

	ours = rsa_priv_new(k->n, k->n_len, k->e, k->e_len, k->d, k->d_len,
			    k->p, k->p_len, k->q, k->q_len, k->dp, k->dp_len,
			    k->dq, k->dq_len, k->qinv, k->qinv_len);
	if (!ours || !pctx || EVP_PKEY_sign_init(pctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0 ||
	    EVP_PKEY_CTX_set_signature_md(pctx, EVP_sha256()) <= 0)
		abort();
	a = measure(ours_sign, ours);
	b = measure(openssl_sign, pctx);
	printf("bench %s_pss_sign: ours %.1f openssl %.1f ratio %.3f\n",
	       k->name, a, b, a / b);
	rsa_priv_free(ours);
	EVP_PKEY_CTX_free(pctx);
	EVP_PKEY_free(pkey);
}

int main(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		bench_key(&keys[i]);
	return 0;
}
