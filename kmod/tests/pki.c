// SPDX-License-Identifier: GPL-2.0
/*
 * Access to the test PKI for the KUnit suites.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/string.h>

#include "cert.h"
#include "pki-gen.h"
#include "pki.h"
#include "sig.h"

/**
 * tlshake_test_pki() - an item of the test PKI
 * @test: the test (fails if there is no such item)
 * @name: its name
 *
 * Return: the item.
 */
const struct tlshake_test_blob *tlshake_test_pki(struct kunit *test,
						 const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(pki_table); i++)
		if (!strcmp(pki_table[i].name, name))
			return &pki_table[i];
	KUNIT_FAIL_AND_ABORT(test, "no %s in the test PKI", name);
	return NULL;
}

KUNIT_DEFINE_ACTION_WRAPPER(cert_free_action, tlshake_cert_free,
			    struct tlshake_cert *);

/**
 * tlshake_test_cert() - parse a certificate of the test PKI
 * @test: the test; the certificate is freed when it ends
 * @name: the certificate's name
 *
 * Return: the certificate (the test fails if it does not parse).
 */
struct tlshake_cert *tlshake_test_cert(struct kunit *test, const char *name)
{
	const struct tlshake_test_blob *b = tlshake_test_pki(test, name);
	struct tlshake_cert *cert;
	const char *why;

	cert = tlshake_cert_parse(b->data, b->len, &why);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(cert), "%s: %s", name, why);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   cert_free_action,
							   cert));
	return cert;
}

static void key_part(struct kunit *test, const char *key, const char *part,
		     const u8 **p, u32 *len)
{
	char name[64];
	const struct tlshake_test_blob *b;

	snprintf(name, sizeof(name), "%s_key_%s", key, part);
	b = tlshake_test_pki(test, name);
	*p = b->data;
	*len = b->len;
}

/**
 * tlshake_test_key() - the components of a test key
 * @test: the test
 * @name: the key's name ("leaf_rsa", "leaf_ec", ...)
 * @kp: filled in; points into the test PKI
 */
void tlshake_test_key(struct kunit *test, const char *name,
		      struct tlshake_key_parts *kp)
{
	char probe[64];
	int i;

	memset(kp, 0, sizeof(*kp));
	snprintf(probe, sizeof(probe), "%s_key_n", name);
	for (i = 0; i < ARRAY_SIZE(pki_table); i++)
		if (!strcmp(pki_table[i].name, probe))
			break;
	if (i < ARRAY_SIZE(pki_table)) {
		kp->type = TLSHAKE_KEY_RSA;
		key_part(test, name, "n", &kp->n, &kp->n_len);
		key_part(test, name, "e", &kp->e, &kp->e_len);
		key_part(test, name, "d", &kp->d, &kp->d_len);
		key_part(test, name, "p", &kp->p, &kp->p_len);
		key_part(test, name, "q", &kp->q, &kp->q_len);
		key_part(test, name, "dp", &kp->dp, &kp->dp_len);
		key_part(test, name, "dq", &kp->dq, &kp->dq_len);
		key_part(test, name, "qinv", &kp->qinv, &kp->qinv_len);
		return;
	}
	key_part(test, name, "priv", &kp->ec_d, &kp->ec_d_len);
	kp->type = strstr(name, "p384") ? TLSHAKE_KEY_EC_P384 :
		   strstr(name, "ed25519") ? TLSHAKE_KEY_ED25519 :
		   TLSHAKE_KEY_EC_P256;
}
