// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of certificate path validation and name matching (suite
 * tlshake_chain), on the test PKI of selftests/certs/gen-pki.sh.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "alert.h"
#include "cert.h"
#include "chain.h"
#include "pki.h"
#include "trust.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* 2030-01-01T00:00:00Z: inside 2020..2099, after the expired leaf */
#define TEST_NOW	1893456000LL

KUNIT_DEFINE_ACTION_WRAPPER(trust_free_action, tlshake_trust_free,
			    struct tlshake_trust *);

/* A trust store of the named anchors, freed with the test. */
static struct tlshake_trust *test_trust(struct kunit *test,
					const char *const *names)
{
	struct tlshake_blob blobs[4];
	struct tlshake_trust *trust;
	unsigned int n;

	for (n = 0; names[n]; n++) {
		const struct tlshake_test_blob *b = tlshake_test_pki(test,
								     names[n]);

		blobs[n].data = b->data;
		blobs[n].len = b->len;
	}
	trust = tlshake_trust_new("test", blobs, n, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(trust));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   trust_free_action,
							   trust));
	return trust;
}

struct chain_case {
	const char *desc;
	const char *certs[13];	/* the peer's list, leaf first */
	const char *host;
	u8 purpose;
	u8 reason;
	u8 alert;
	s8 at;			/* certificate at fault */
	u8 depth;		/* of a valid path */
};

#define LONG_CHAIN "long_10", "long_9", "long_8", "long_7", "long_6", \
	"long_5", "long_4", "long_3", "long_2", "long_1"

static const struct chain_case chain_cases[] = {
	{ "valid EC", { "leaf_ec", "inter_ec" }, "www.example.com",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "valid RSA", { "leaf_rsa", "inter_rsa" }, "www.example.com",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "valid P-384 leaf, SHA-384", { "leaf_p384", "inter_ec" },
	  "www.example.com", TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK,
	  TLSHAKE_ALERT_NONE, -1, 3 },
	{ "valid RSA-3072 leaf, SHA-512", { "leaf_rsa3072", "inter_rsa" },
	  "www.example.com", TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK,
	  TLSHAKE_ALERT_NONE, -1, 3 },
	{ "extra certificates, any order",
	  { "leaf_ec", "leaf_rsa", "inter_rsa", "root_other", "inter_ec" },
	  "www.example.com", TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK,
	  TLSHAKE_ALERT_NONE, -1, 3 },
	{ "root sent along", { "leaf_ec", "inter_ec", "root_ec" },
	  "www.example.com", TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK,
	  TLSHAKE_ALERT_NONE, -1, 3 },
	{ "no name check", { "leaf_ec", "inter_ec" }, NULL,
	  TLSHAKE_CHAIN_CLIENT, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "wildcard", { "leaf_ec", "inter_ec" }, "a.wild.example.com",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "IPv4", { "leaf_ec", "inter_ec" }, "192.0.2.1",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "IPv6", { "leaf_ec", "inter_ec" }, "2001:db8:0::1",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "expired", { "leaf_expired", "inter_ec" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_EXPIRED,
	  TLSHAKE_ALERT_CERTIFICATE_EXPIRED, 0 },
	{ "not yet valid", { "leaf_notyet", "inter_ec" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_NOT_YET_VALID,
	  TLSHAKE_ALERT_CERTIFICATE_EXPIRED, 0 },
	{ "wrong name", { "leaf_ec", "inter_ec" }, "other.example.com",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_NAME_MISMATCH,
	  TLSHAKE_ALERT_BAD_CERTIFICATE, 0 },
	{ "wildcard needs a label", { "leaf_ec", "inter_ec" },
	  "wild.example.com", TLSHAKE_CHAIN_SERVER,
	  TLSHAKE_CHAIN_NAME_MISMATCH, TLSHAKE_ALERT_BAD_CERTIFICATE, 0 },
	{ "wildcard is one label", { "leaf_ec", "inter_ec" },
	  "a.b.wild.example.com", TLSHAKE_CHAIN_SERVER,
	  TLSHAKE_CHAIN_NAME_MISMATCH, TLSHAKE_ALERT_BAD_CERTIFICATE, 0 },
	{ "no CN fallback", { "leaf_cn_only", "inter_ec" }, "www.example.com",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_NAME_MISMATCH,
	  TLSHAKE_ALERT_BAD_CERTIFICATE, 0 },
	{ "wrong IP", { "leaf_ec", "inter_ec" }, "192.0.2.2",
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_NAME_MISMATCH,
	  TLSHAKE_ALERT_BAD_CERTIFICATE, 0 },
	{ "untrusted root", { "leaf_other", "root_other" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_UNKNOWN_ISSUER,
	  TLSHAKE_ALERT_UNKNOWN_CA, 1 },
	{ "missing intermediate", { "leaf_ec" }, NULL, TLSHAKE_CHAIN_SERVER,
	  TLSHAKE_CHAIN_UNKNOWN_ISSUER, TLSHAKE_ALERT_UNKNOWN_CA, 0 },
	{ "path too long", { "leaf_long", LONG_CHAIN }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_TOO_LONG,
	  TLSHAKE_ALERT_UNKNOWN_CA, 8 },
	{ "CA without basicConstraints", { "leaf_nobc", "inter_nobc" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_NOT_CA,
	  TLSHAKE_ALERT_UNKNOWN_CA, 1 },
	{ "CA without keyCertSign", { "leaf_noku", "inter_noku" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_CA_KEY_USAGE,
	  TLSHAKE_ALERT_UNKNOWN_CA, 1 },
	{ "pathLen exceeded", { "leaf_pathlen", "inter_pl0_sub", "inter_pl0" },
	  NULL, TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_PATH_LEN,
	  TLSHAKE_ALERT_UNKNOWN_CA, 2 },
	{ "client certificate for a server", { "leaf_client", "inter_ec" },
	  NULL, TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_BAD_PURPOSE,
	  TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE, 0 },
	{ "client certificate for a client", { "leaf_client", "inter_ec" },
	  NULL, TLSHAKE_CHAIN_CLIENT, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE,
	  -1, 3 },
	{ "no extKeyUsage is any purpose", { "leaf_noeku", "inter_ec" },
	  "www.example.com", TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK,
	  TLSHAKE_ALERT_NONE, -1, 3 },
	{ "intermediate's extKeyUsage", { "leaf_eku_chain", "inter_client" },
	  NULL, TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_BAD_PURPOSE,
	  TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE, 1 },
	{ "leaf keyUsage without digitalSignature",
	  { "leaf_keyenc", "inter_ec" }, NULL, TLSHAKE_CHAIN_SERVER,
	  TLSHAKE_CHAIN_LEAF_KEY_USAGE, TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE,
	  0 },
	{ "SHA-1 signed", { "leaf_sha1", "inter_rsa" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_WEAK_SIGNATURE,
	  TLSHAKE_ALERT_BAD_CERTIFICATE, 0 },
	{ "RSA-PSS signed", { "leaf_pss", "inter_rsa" }, NULL,
	  TLSHAKE_CHAIN_SERVER, TLSHAKE_CHAIN_OK, TLSHAKE_ALERT_NONE, -1, 3 },
	{ "no certificate", { }, NULL, TLSHAKE_CHAIN_SERVER,
	  TLSHAKE_CHAIN_NO_CERTS, TLSHAKE_ALERT_BAD_CERTIFICATE, -1 },
};

static void chain_case_desc(const struct chain_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(chain, chain_cases, chain_case_desc);

static void chain_verify(struct kunit *test)
{
	static const char *const roots[] = { "root_ec", "root_rsa", NULL };
	const struct chain_case *c = test->param_value;
	struct tlshake_chain_params p = {
		.trust = test_trust(test, roots), .host = c->host,
		.purpose = c->purpose, .now = TEST_NOW,
	};
	struct tlshake_cert *certs[ARRAY_SIZE(c->certs)];
	struct tlshake_chain_result res;
	unsigned int n;
	int err;

	for (n = 0; n < ARRAY_SIZE(c->certs) && c->certs[n]; n++)
		certs[n] = tlshake_test_cert(test, c->certs[n]);
	err = tlshake_chain_verify(&p, certs, n, &res);
	KUNIT_EXPECT_EQ_MSG(test, res.reason, c->reason, "got \"%s\"",
			    tlshake_chain_reason_str(res.reason));
	KUNIT_EXPECT_EQ(test, err, c->reason ? -EKEYREJECTED : 0);
	KUNIT_EXPECT_EQ(test, res.alert, c->alert);
	KUNIT_EXPECT_EQ(test, res.cert, c->at);
	if (!c->reason)
		KUNIT_EXPECT_EQ(test, res.depth, c->depth);
}

/* A signature byte changed: the issuer's key does not verify it. */
static void chain_bad_signature(struct kunit *test)
{
	static const char *const roots[] = { "root_ec", NULL };
	struct tlshake_chain_params p = {
		.trust = test_trust(test, roots), .now = TEST_NOW,
	};
	struct tlshake_cert *certs[2];
	struct tlshake_chain_result res;

	certs[0] = tlshake_test_cert(test, "leaf_ec");
	certs[1] = tlshake_test_cert(test, "inter_ec");
	/* r of the ECDSA signature, inside the DER: still well-formed */
	certs[0]->der[certs[0]->sig - certs[0]->der + 10] ^= 0x01;
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_chain_verify(&p, certs, 2, &res));
	KUNIT_EXPECT_EQ(test, res.reason, TLSHAKE_CHAIN_BAD_SIGNATURE);
	KUNIT_EXPECT_EQ(test, res.alert, TLSHAKE_ALERT_BAD_CERTIFICATE);
	KUNIT_EXPECT_EQ(test, res.cert, 0);
}

/* The RSA intermediate's signature, changed likewise. */
static void chain_bad_rsa_signature(struct kunit *test)
{
	static const char *const roots[] = { "root_rsa", NULL };
	struct tlshake_chain_params p = {
		.trust = test_trust(test, roots), .now = TEST_NOW,
	};
	struct tlshake_cert *certs[2];
	struct tlshake_chain_result res;

	certs[0] = tlshake_test_cert(test, "leaf_rsa");
	certs[1] = tlshake_test_cert(test, "inter_rsa");
	certs[1]->der[certs[1]->sig - certs[1]->der + 100] ^= 0x80;
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_chain_verify(&p, certs, 2, &res));
	KUNIT_EXPECT_EQ(test, res.reason, TLSHAKE_CHAIN_BAD_SIGNATURE);
	KUNIT_EXPECT_EQ(test, res.cert, 1);
}

/* A certificate that is itself an anchor needs no path (pinning). */
static void chain_leaf_is_anchor(struct kunit *test)
{
	static const char *const roots[] = { "leaf_ec", NULL };
	struct tlshake_chain_params p = {
		.trust = test_trust(test, roots), .now = TEST_NOW,
		.host = "www.example.com",
	};
	struct tlshake_cert *leaf = tlshake_test_cert(test, "leaf_ec");
	struct tlshake_chain_result res;

	KUNIT_EXPECT_EQ(test, 0, tlshake_chain_verify(&p, &leaf, 1, &res));
	KUNIT_EXPECT_EQ(test, res.depth, 1);
}

/* The default time is the real time: the test PKI is valid now. */
static void chain_real_time(struct kunit *test)
{
	static const char *const roots[] = { "root_ec", NULL };
	struct tlshake_chain_params p = { .trust = test_trust(test, roots) };
	struct tlshake_cert *certs[2];
	struct tlshake_chain_result res;

	certs[0] = tlshake_test_cert(test, "leaf_ec");
	certs[1] = tlshake_test_cert(test, "inter_ec");
	KUNIT_EXPECT_EQ(test, 0, tlshake_chain_verify(&p, certs, 2, &res));
	certs[0] = tlshake_test_cert(test, "leaf_expired");
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
			tlshake_chain_verify(&p, certs, 2, &res));
	KUNIT_EXPECT_EQ(test, res.reason, TLSHAKE_CHAIN_EXPIRED);
}

struct name_case {
	const char *cert;
	const char *host;
	bool match;
};

static const struct name_case name_cases[] = {
	{ "leaf_ec", "www.example.com", true },
	{ "leaf_ec", "WWW.Example.Com", true },
	{ "leaf_ec", "www.example.com.", true },
	{ "leaf_ec", "www.example.com..", false },
	{ "leaf_ec", "example.com", false },
	{ "leaf_ec", "xwww.example.com", false },
	{ "leaf_ec", "x.wild.example.com", true },
	{ "leaf_ec", "X.WILD.example.com", true },
	{ "leaf_ec", ".wild.example.com", false },
	{ "leaf_ec", "wild.example.com", false },
	{ "leaf_ec", "a.b.wild.example.com", false },
	{ "leaf_ec", "*.wild.example.com", false },
	{ "leaf_ec", "192.0.2.1", true },
	{ "leaf_ec", "192.0.2.01", false },
	{ "leaf_ec", "2001:db8::1", true },
	{ "leaf_ec", "2001:DB8:0:0:0:0:0:1", true },
	{ "leaf_ec", "::ffff:192.0.2.1", false },
	{ "leaf_ec", "", false },
	{ "leaf_wild", "example.com", false },		/* *.com */
	{ "leaf_wild", "com", false },
	{ "leaf_wild", "foo.partial.example.com", false },	/* f*.partial */
	{ "leaf_wild", "f.partial.example.com", false },
	{ "leaf_wild", "x.y.double.example.com", false },	/* *.*.double */
	{ "leaf_wild", "mixed.case.example.com", true },
	{ "leaf_cn_only", "www.example.com", false },
};

static void name_case_desc(const struct name_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s %s", c->cert, c->host);
}

KUNIT_ARRAY_PARAM(name, name_cases, name_case_desc);

static void chain_name(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	struct tlshake_cert *cert = tlshake_test_cert(test, c->cert);

	KUNIT_EXPECT_EQ(test, tlshake_cert_match_host(cert, c->host), c->match);
}

static struct kunit_case chain_test_cases[] = {
	KUNIT_CASE_PARAM_ATTR(chain_verify, chain_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE(chain_bad_signature),
	KUNIT_CASE(chain_bad_rsa_signature),
	KUNIT_CASE(chain_leaf_is_anchor),
	KUNIT_CASE(chain_real_time),
	KUNIT_CASE_PARAM(chain_name, name_gen_params),
	{}
};

static struct kunit_suite chain_suite = {
	.name = "tlshake_chain",
	.test_cases = chain_test_cases,
};

kunit_test_suite(chain_suite);
