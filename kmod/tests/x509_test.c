// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of certificate parsing (suite tlshake_x509), on the test PKI
 * of selftests/certs/gen-pki.sh and on certificates broken on purpose.
 */
#include <kunit/test.h>
#include <crypto/sha2.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "alert.h"
#include "cert.h"
#include "cert_parse.h"
#include "pki.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static int san_count(const struct tlshake_cert *c, u8 type)
{
	int i, n = 0;

	for (i = 0; i < c->nr_sans; i++)
		n += c->sans[i].type == type;
	return n;
}

static void x509_leaf_ec(struct kunit *test)
{
	struct tlshake_cert *c = tlshake_test_cert(test, "leaf_ec");
	const struct tlshake_test_blob *b = tlshake_test_pki(test, "leaf_ec");
	u8 fp[SHA256_DIGEST_SIZE];

	KUNIT_EXPECT_EQ(test, c->version, 3);
	KUNIT_EXPECT_STREQ(test, c->subject_str,
			   "O=tlshake test, CN=www.example.com");
	KUNIT_EXPECT_STREQ(test, c->issuer_str,
			   "O=tlshake test, CN=Test Intermediate EC");
	KUNIT_EXPECT_EQ(test, c->pub.type, TLSHAKE_KEY_EC_P256);
	KUNIT_EXPECT_EQ(test, c->pub.bits, 256);
	KUNIT_EXPECT_EQ(test, c->pub.key_len, 65);
	KUNIT_EXPECT_EQ(test, c->pub.key[0], 0x04);
	KUNIT_EXPECT_TRUE(test, c->sig_known);
	KUNIT_EXPECT_FALSE(test, c->sig_weak);
	KUNIT_EXPECT_EQ(test, c->sig_alg.pad, TLSHAKE_PAD_ECDSA);
	KUNIT_EXPECT_EQ(test, c->sig_alg.hash, TLSHAKE_HASH_SHA256);
	KUNIT_EXPECT_TRUE(test, c->has_bc);
	KUNIT_EXPECT_FALSE(test, c->is_ca);
	KUNIT_EXPECT_EQ(test, c->path_len, -1);
	KUNIT_EXPECT_TRUE(test, c->has_ku);
	KUNIT_EXPECT_EQ(test, c->key_usage, TLSHAKE_KU_DIGITAL_SIGNATURE);
	KUNIT_EXPECT_TRUE(test, c->has_eku);
	KUNIT_EXPECT_EQ(test, c->eku,
			TLSHAKE_EKU_SERVER_AUTH | TLSHAKE_EKU_CLIENT_AUTH);
	KUNIT_EXPECT_EQ(test, san_count(c, TLSHAKE_SAN_DNS), 2);
	KUNIT_EXPECT_EQ(test, san_count(c, TLSHAKE_SAN_IP), 2);
	KUNIT_EXPECT_NOT_NULL(test, c->ski);
	KUNIT_EXPECT_NOT_NULL(test, c->aki);
	KUNIT_EXPECT_FALSE(test, c->self_issued);
	/* 2020-01-01T00:00:00Z and 2099-12-31T23:59:59Z */
	KUNIT_EXPECT_EQ(test, c->not_before, 1577836800LL);
	KUNIT_EXPECT_EQ(test, c->not_after, 4102444799LL);
	sha256(b->data, b->len, fp);
	KUNIT_EXPECT_MEMEQ(test, c->fingerprint, fp, sizeof(fp));
	KUNIT_EXPECT_EQ(test, c->der_len, b->len);
	KUNIT_EXPECT_LT(test, (size_t)(c->tbs - c->der), (size_t)8);
}

static void x509_roots(struct kunit *test)
{
	struct tlshake_cert *rsa = tlshake_test_cert(test, "root_rsa");
	struct tlshake_cert *ed = tlshake_test_cert(test, "root_ed25519");
	struct tlshake_cert *pl0 = tlshake_test_cert(test, "inter_pl0");

	KUNIT_EXPECT_EQ(test, rsa->pub.type, TLSHAKE_KEY_RSA);
	KUNIT_EXPECT_EQ(test, rsa->pub.bits, 2048);
	KUNIT_EXPECT_EQ(test, rsa->rsa_n_len, 256);
	KUNIT_EXPECT_EQ(test, rsa->rsa_e_len, 3);
	KUNIT_EXPECT_TRUE(test, rsa->is_ca);
	KUNIT_EXPECT_TRUE(test, rsa->self_issued);
	KUNIT_EXPECT_EQ(test, rsa->key_usage & TLSHAKE_KU_KEY_CERT_SIGN,
			TLSHAKE_KU_KEY_CERT_SIGN);
	KUNIT_EXPECT_EQ(test, rsa->sig_alg.pad, TLSHAKE_PAD_PKCS1);
	KUNIT_EXPECT_EQ(test, ed->pub.type, TLSHAKE_KEY_ED25519);
	KUNIT_EXPECT_EQ(test, ed->pub.key_len, 32);
	KUNIT_EXPECT_EQ(test, ed->sig_alg.pad, TLSHAKE_PAD_EDDSA);
	KUNIT_EXPECT_TRUE(test, ed->sig_known);
	KUNIT_EXPECT_EQ(test, pl0->path_len, 0);
}

static void x509_key_and_sig_types(struct kunit *test)
{
	struct tlshake_cert *p384 = tlshake_test_cert(test, "leaf_p384");
	struct tlshake_cert *ed = tlshake_test_cert(test, "leaf_ed25519");
	struct tlshake_cert *pss = tlshake_test_cert(test, "leaf_pss");
	struct tlshake_cert *sha1 = tlshake_test_cert(test, "leaf_sha1");
	struct tlshake_cert *r3072 = tlshake_test_cert(test, "leaf_rsa3072");

	KUNIT_EXPECT_EQ(test, p384->pub.type, TLSHAKE_KEY_EC_P384);
	KUNIT_EXPECT_EQ(test, p384->pub.key_len, 97);
	KUNIT_EXPECT_EQ(test, p384->sig_alg.hash, TLSHAKE_HASH_SHA384);
	KUNIT_EXPECT_EQ(test, ed->pub.type, TLSHAKE_KEY_ED25519);
	KUNIT_EXPECT_TRUE(test, pss->sig_known);
	KUNIT_EXPECT_EQ(test, pss->sig_alg.pad, TLSHAKE_PAD_PSS);
	KUNIT_EXPECT_EQ(test, pss->sig_alg.hash, TLSHAKE_HASH_SHA256);
	KUNIT_EXPECT_TRUE(test, sha1->sig_weak);
	KUNIT_EXPECT_EQ(test, r3072->pub.bits, 3072);
	KUNIT_EXPECT_EQ(test, r3072->sig_alg.hash, TLSHAKE_HASH_SHA512);
}

static void x509_unknown_critical(struct kunit *test)
{
	const struct tlshake_test_blob *b = tlshake_test_pki(test,
							     "leaf_critical");
	struct tlshake_cert *c;
	const char *why;

	c = tlshake_cert_parse(b->data, b->len, &why);
	KUNIT_ASSERT_TRUE(test, IS_ERR(c));
	KUNIT_EXPECT_EQ(test, PTR_ERR(c), -EOPNOTSUPP);
	KUNIT_EXPECT_STREQ(test, why, "unsupported critical extension");
	KUNIT_EXPECT_EQ(test, tlshake_cert_parse_alert(PTR_ERR(c)),
			TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE);
}

/* Every proper prefix of a certificate is malformed. */
static void x509_truncated(struct kunit *test)
{
	const struct tlshake_test_blob *b = tlshake_test_pki(test, "leaf_ec");
	struct tlshake_cert *c;
	const char *why;
	size_t len;

	for (len = 0; len < b->len; len++) {
		c = tlshake_cert_parse(b->data, len, &why);
		KUNIT_ASSERT_TRUE_MSG(test, IS_ERR(c), "prefix %zu parsed", len);
		KUNIT_EXPECT_EQ(test, PTR_ERR(c), -EBADMSG);
	}
}

static void x509_garbage(struct kunit *test)
{
	const struct tlshake_test_blob *b = tlshake_test_pki(test, "leaf_ec");
	static const u8 junk[][8] = {
		{ 0 }, { 0x30, 0x80, 0, 0 }, { 0x30, 0x84, 0xff, 0xff, 0xff },
		{ 0x30, 0x03, 0x02, 0x01, 0x00 }, { 0xff, 0xff, 0xff, 0xff },
	};
	struct tlshake_cert *c;
	const char *why;
	u8 *buf;
	int i;

	for (i = 0; i < ARRAY_SIZE(junk); i++) {
		c = tlshake_cert_parse(junk[i], sizeof(junk[i]), &why);
		KUNIT_EXPECT_TRUE(test, IS_ERR(c));
		tlshake_cert_free(c);
	}
	/* trailing bytes after a valid certificate */
	buf = kunit_kzalloc(test, b->len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, b->data, b->len);
	c = tlshake_cert_parse(buf, b->len + 1, &why);
	KUNIT_ASSERT_TRUE(test, IS_ERR(c));
	KUNIT_EXPECT_EQ(test, PTR_ERR(c), -EBADMSG);
}

/* The signature algorithm inside and outside tbsCertificate must agree. */
static void x509_alg_mismatch(struct kunit *test)
{
	static const u8 ecdsa_sha256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 2 };
	const struct tlshake_test_blob *b = tlshake_test_pki(test, "leaf_ec");
	struct tlshake_cert *c;
	const char *why;
	u8 *buf, *p, *last = NULL;

	buf = kunit_kzalloc(test, b->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, b->data, b->len);
	for (p = buf; p + sizeof(ecdsa_sha256) <= buf + b->len; p++)
		if (!memcmp(p, ecdsa_sha256, sizeof(ecdsa_sha256)))
			last = p;
	KUNIT_ASSERT_NOT_NULL(test, last);
	last[sizeof(ecdsa_sha256) - 1] = 3;	/* outer: ecdsa-with-SHA384 */
	c = tlshake_cert_parse(buf, b->len, &why);
	KUNIT_ASSERT_TRUE(test, IS_ERR(c));
	KUNIT_EXPECT_EQ(test, PTR_ERR(c), -EBADMSG);
	KUNIT_EXPECT_STREQ(test, why, "signature algorithms differ");
}

/* Flip every bit of a certificate in turn: parse or fail, never crash. */
static void x509_bit_flips(struct kunit *test)
{
	const struct tlshake_test_blob *b = tlshake_test_pki(test, "leaf_rsa");
	struct tlshake_cert *c;
	const char *why;
	size_t i, parsed = 0;
	u8 *buf;
	int bit;

	buf = kunit_kzalloc(test, b->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < b->len; i++) {
		for (bit = 0; bit < 8; bit += 3) {
			memcpy(buf, b->data, b->len);
			buf[i] ^= 1 << bit;
			c = tlshake_cert_parse(buf, b->len, &why);
			if (!IS_ERR(c)) {
				parsed++;
				KUNIT_EXPECT_LE(test, c->tbs_len, c->der_len);
			}
			tlshake_cert_free(c);
		}
	}
	/* flips in the key and signature bytes still parse */
	KUNIT_EXPECT_GT(test, parsed, (size_t)0);
}

struct time_case {
	const char *s;
	u8 tag;
	time64_t t;
	bool ok;
};

static const struct time_case time_cases[] = {
	{ "200101000000Z", CERT_TAG_UTC_TIME, 1577836800LL, true },
	{ "491231235959Z", CERT_TAG_UTC_TIME, 2524607999LL, true },
	{ "500101000000Z", CERT_TAG_UTC_TIME, -631152000LL, true },
	{ "20500101000000Z", CERT_TAG_GEN_TIME, 2524608000LL, true },
	{ "20240229120000Z", CERT_TAG_GEN_TIME, 1709208000LL, true },
	{ "20230229120000Z", CERT_TAG_GEN_TIME, 0, false },
	{ "21000229120000Z", CERT_TAG_GEN_TIME, 0, false },
	{ "20240431000000Z", CERT_TAG_GEN_TIME, 0, false },
	{ "2001010000Z", CERT_TAG_UTC_TIME, 0, false },
	{ "200101000000", CERT_TAG_UTC_TIME, 0, false },
	{ "200101000000+0100", CERT_TAG_UTC_TIME, 0, false },
	{ "20200101000000.5Z", CERT_TAG_GEN_TIME, 0, false },
	{ "201301000000Z", CERT_TAG_UTC_TIME, 0, false },
	{ "200101240000Z", CERT_TAG_UTC_TIME, 0, false },
	{ "200101006000Z", CERT_TAG_UTC_TIME, 0, false },
	{ "200101000060Z", CERT_TAG_UTC_TIME, 0, false },
	{ "2001010000a0Z", CERT_TAG_UTC_TIME, 0, false },
	{ "200101000000Z", CERT_TAG_GEN_TIME, 0, false },
};

static void time_case_desc(const struct time_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->s);
}

KUNIT_ARRAY_PARAM(x509_time, time_cases, time_case_desc);

static void x509_time(struct kunit *test)
{
	const struct time_case *c = test->param_value;
	time64_t t = 0;
	int err;

	err = tlshake_cert_parse_time(c->tag, (const u8 *)c->s, strlen(c->s),
				      &t);
	KUNIT_EXPECT_EQ(test, err, c->ok ? 0 : -EBADMSG);
	if (c->ok)
		KUNIT_EXPECT_EQ(test, t, c->t);
}

/* Names as RFC 4514 strings (TLSHAKE_PEER_SUBJECT) and as listed. */
struct name_case {
	const char *desc;
	const u8 *der;
	size_t len;
	const char *rfc4514;	/* NULL: -EBADMSG */
	const char *listed;	/* NULL: not checked */
};

/* C=FR / O=Ex+ample / CN=" #x " + OU=u (a multi-valued RDN) */
static const u8 name_multi[] = {
	0x30, 0x39, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06,
	0x13, 0x02, 0x46, 0x52, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55,
	0x04, 0x0a, 0x0c, 0x08, 0x45, 0x78, 0x2b, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x31, 0x17, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c,
	0x04, 0x20, 0x23, 0x78, 0x20, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04,
	0x0b, 0x0c, 0x01, 0x75,
};

/* CN as a BMPString: "Lu\u010di\u0107" (the example of RFC 4514 4) */
static const u8 name_bmp[] = {
	0x30, 0x15, 0x31, 0x13, 0x30, 0x11, 0x06, 0x03, 0x55, 0x04, 0x03,
	0x1e, 0x0a, 0x00, 0x4c, 0x00, 0x75, 0x01, 0x0d, 0x00, 0x69, 0x01,
	0x07,
};

/* emailAddress=a@b (IA5String) / CN="a\x01\"\\" */
static const u8 name_email[] = {
	0x30, 0x23, 0x31, 0x12, 0x30, 0x10, 0x06, 0x09, 0x2a, 0x86, 0x48,
	0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01, 0x16, 0x03, 0x61, 0x40, 0x62,
	0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04,
	0x61, 0x01, 0x22, 0x5c,
};

/* CN=U+00E9 in a UTF8String */
static const u8 name_utf8[] = {
	0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03,
	0x0c, 0x02, 0xc3, 0xa9,
};

/* a BMPString of odd length */
static const u8 name_bmp_odd[] = {
	0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03,
	0x1e, 0x03, 0x00, 0x61, 0x00,
};

static const u8 name_empty[] = { 0x30, 0x00 };
static const u8 name_truncated[] = { 0x30, 0x0d, 0x31, 0x0b, 0x30 };

#define NAME_CASE(d, a, r, l) { d, a, sizeof(a), r, l }

static const struct name_case name_cases[] = {
	NAME_CASE("multi-valued RDN, escapes", name_multi,
		  "CN=\\ #x\\ +OU=u,O=Ex\\+ample,C=FR",
		  "C=FR, O=Ex+ample, CN= #x , OU=u"),
	NAME_CASE("BMPString", name_bmp, "CN=Lu\\C4\\8Di\\C4\\87", NULL),
	NAME_CASE("dotted type, control character", name_email,
		  "CN=a\\01\\\"\\\\,1.2.840.113549.1.9.1=#1603614062",
		  "emailAddress=a@b, CN=a\\x01\"\\x5c"),
	NAME_CASE("UTF8String", name_utf8, "CN=\\C3\\A9", NULL),
	NAME_CASE("odd BMPString", name_bmp_odd, NULL, NULL),
	NAME_CASE("empty", name_empty, "", ""),
	NAME_CASE("truncated", name_truncated, NULL, NULL),
};

static void name_case_desc(const struct name_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(x509_name, name_cases, name_case_desc);

static void x509_name(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	char *s = tlshake_cert_name_rfc4514(c->der, c->len, GFP_KERNEL);

	if (!c->rfc4514) {
		KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(s), -EBADMSG);
		return;
	}
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, c->rfc4514);
	kfree(s);
	if (!c->listed)
		return;
	s = tlshake_cert_name_str(c->der, c->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, c->listed);
	kfree(s);
}

/* A certificate's subject, as TLSHAKE_PEER_SUBJECT gives it. */
static void x509_subject_rfc4514(struct kunit *test)
{
	struct tlshake_cert *c = tlshake_test_cert(test, "leaf_client");
	char *s = tlshake_cert_name_rfc4514(c->subject, c->subject_len,
					    GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "CN=client only,O=tlshake test");
	kfree(s);
}

static struct kunit_case x509_cases[] = {
	KUNIT_CASE(x509_leaf_ec),
	KUNIT_CASE(x509_roots),
	KUNIT_CASE(x509_key_and_sig_types),
	KUNIT_CASE(x509_unknown_critical),
	KUNIT_CASE(x509_truncated),
	KUNIT_CASE(x509_garbage),
	KUNIT_CASE(x509_alg_mismatch),
	KUNIT_CASE_SLOW(x509_bit_flips),
	KUNIT_CASE_PARAM(x509_time, x509_time_gen_params),
	KUNIT_CASE_PARAM(x509_name, x509_name_gen_params),
	KUNIT_CASE(x509_subject_rfc4514),
	{}
};

static struct kunit_suite x509_suite = {
	.name = "tlshake_x509",
	.test_cases = x509_cases,
};

kunit_test_suite(x509_suite);
