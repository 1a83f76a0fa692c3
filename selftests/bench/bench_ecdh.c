// SPDX-License-Identifier: GPL-2.0
/*
 * Speed of tlshake's ECDH (P-256, P-384) beside OpenSSL's, natively, in
 * one process. One operation is what one side of an ECDHE handshake
 * computes: a fresh key pair and the shared secret with the peer's public
 * key (ecdh_keypair() + ecdh_shared() against EVP_PKEY_generate(), with
 * a context set up once, + EVP_PKEY_derive(); peer validation included on
 * both sides); the shared secret alone is measured too. The timing and
 * the report: bench.h.
 */
#include "bench.h"
#include "ecdh.h"
#include "../common/ossl_ec.h"

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

static void die(const char *what)
{
	fprintf(stderr, "bench_ecdh: %s failed\n", what);
	exit(1);
}

static void ours_shared(struct ctx *c)
{
	if (ecdh_shared(c->curve, c->d, c->peer, ec_point_len(c->curve),
			c->secret))
		die("ecdh_shared");
}

static void ossl_shared(struct ctx *c)
{
	if (openssl_ecdh(c->ossl_key, c->ossl_peer, c->secret,
			 sizeof(c->secret)) < 0)
		die("EVP_PKEY_derive");
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
	/* what a TLS stack parses */
	c.ossl_peer = openssl_ec_key(group, NULL, 0, c.peer,
				     ec_point_len(curve));
	if (!c.ossl_peer)
		die("public key import");
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
