// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of HMAC and HKDF as hkdf.c runs them: RFC 5869 test cases
 * 1-3, and every Wycheproof HKDF-SHA256, HKDF-SHA384 and HMAC-SHA256 test
 * case (valid ones must match, invalid ones must be refused).
 */
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <kunit/test.h>
#include <linux/slab.h>

#include "hkdf.h"
#include "suite.h"
#include "vectors/hkdf.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void shash_free_action(void *tfm)
{
	crypto_free_shash(tfm);
}

static struct crypto_shash *test_hmac(struct kunit *test, const char *name)
{
	struct crypto_shash *tfm = crypto_alloc_shash(name, 0, 0);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tfm);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   shash_free_action,
							   tfm));
	return tfm;
}

/*
 * Extract then expand; compare the PRK if the vector has one. Returns
 * whether the case passed, for the loops over Wycheproof files.
 */
static bool hkdf_check(struct kunit *test, struct crypto_shash *hmac,
		       const struct hkdf_tv *tv)
{
	unsigned int hlen = crypto_shash_digestsize(hmac);
	u8 prk[TLSHAKE_MAX_HASH_LEN];
	bool ok = true;
	u8 *okm;
	int err;

	okm = kunit_kzalloc(test, tv->size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, okm);
	err = tlshake_hkdf_extract(hmac, tv->salt.p, tv->salt.len, tv->ikm.p,
				   tv->ikm.len, prk);
	KUNIT_EXPECT_EQ_MSG(test, err, 0, "tcId %u", tv->tc_id);
	if (tv->prk.len) {
		KUNIT_EXPECT_EQ(test, tv->prk.len, (size_t)hlen);
		KUNIT_EXPECT_MEMEQ(test, prk, tv->prk.p, hlen);
		ok = !memcmp(prk, tv->prk.p, hlen);
	}
	err = tlshake_hkdf_expand(hmac, prk, hlen, tv->info.p, tv->info.len,
				  okm, tv->size);
	if (tv->valid) {
		KUNIT_EXPECT_EQ_MSG(test, err, 0, "tcId %u", tv->tc_id);
		KUNIT_EXPECT_MEMEQ_MSG(test, okm, tv->okm.p, tv->size,
				       "tcId %u", tv->tc_id);
		return ok && !err && !memcmp(okm, tv->okm.p, tv->size);
	}
	KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "tcId %u", tv->tc_id);
	return err == -EINVAL;
}

static void tc_desc(const struct hkdf_tv *tv, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "test case %u", tv->tc_id);
}

KUNIT_ARRAY_PARAM(rfc5869, rfc5869_sha256, tc_desc);

static void hkdf_rfc5869(struct kunit *test)
{
	const struct hkdf_tv *tv = test->param_value;

	hkdf_check(test, test_hmac(test, "hmac(sha256)"), tv);
}

static void hkdf_wycheproof(struct kunit *test, const char *hmac_name,
			    const struct hkdf_tv *tvs, size_t n)
{
	struct crypto_shash *hmac = test_hmac(test, hmac_name);
	size_t i, passed = 0, invalid = 0;

	for (i = 0; i < n; i++) {
		passed += hkdf_check(test, hmac, &tvs[i]);
		invalid += !tvs[i].valid;
	}
	kunit_info(test, "%s: %zu/%zu vectors passed (%zu invalid ones refused)",
		   hmac_name, passed, n, invalid);
	KUNIT_EXPECT_EQ(test, passed, n);
}

static void hkdf_wycheproof_sha256(struct kunit *test)
{
	hkdf_wycheproof(test, "hmac(sha256)", wp_hkdf_sha256,
			ARRAY_SIZE(wp_hkdf_sha256));
}

static void hkdf_wycheproof_sha384(struct kunit *test)
{
	hkdf_wycheproof(test, "hmac(sha384)", wp_hkdf_sha384,
			ARRAY_SIZE(wp_hkdf_sha384));
}

/* Wycheproof HMAC-SHA256 through tlshake_hmac(); tags may be truncated. */
static void hmac_wycheproof_sha256(struct kunit *test)
{
	struct crypto_shash *hmac = test_hmac(test, "hmac(sha256)");
	size_t i, passed = 0;
	u8 mac[32];

	for (i = 0; i < ARRAY_SIZE(wp_hmac_sha256); i++) {
		const struct hmac_tv *tv = &wp_hmac_sha256[i];
		bool match;

		KUNIT_ASSERT_LE(test, tv->tag.len, sizeof(mac));
		KUNIT_EXPECT_EQ(test, 0, tlshake_hmac(hmac, tv->key.p,
						      tv->key.len, tv->msg.p,
						      tv->msg.len, mac));
		match = !crypto_memneq(mac, tv->tag.p, tv->tag.len);
		KUNIT_EXPECT_EQ_MSG(test, match, tv->valid, "tcId %u",
				    tv->tc_id);
		passed += match == tv->valid;
	}
	kunit_info(test, "%zu/%zu vectors passed", passed,
		   ARRAY_SIZE(wp_hmac_sha256));
	KUNIT_EXPECT_EQ(test, passed, ARRAY_SIZE(wp_hmac_sha256));
}

/* HKDF-Expand and HkdfLabel refuse what they cannot encode. */
static void hkdf_limits(struct kunit *test)
{
	struct crypto_shash *hmac = test_hmac(test, "hmac(sha256)");
	char label[TLSHAKE_HKDF_LABEL_MAX + 2];
	u8 secret[32] = { 1 }, ctx[256] = {}, out[64];
	u8 *big;

	big = kunit_kzalloc(test, 255 * 32 + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_EQ(test, 0, tlshake_hkdf_expand(hmac, secret, 32, NULL, 0,
						     big, 255 * 32));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_hkdf_expand(hmac, secret, 32,
							   NULL, 0, big,
							   255 * 32 + 1));
	/* a PRK shorter than HashLen is not a PRK */
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_hkdf_expand(hmac, secret, 31,
							   NULL, 0, out, 32));
	memset(label, 'a', sizeof(label));
	label[TLSHAKE_HKDF_LABEL_MAX] = '\0';
	KUNIT_EXPECT_EQ(test, 0, tlshake_hkdf_expand_label(hmac, secret, label,
							   ctx, 255, out, 32));
	label[TLSHAKE_HKDF_LABEL_MAX] = 'a';
	label[TLSHAKE_HKDF_LABEL_MAX + 1] = '\0';
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_hkdf_expand_label(hmac, secret, label, ctx, 0,
						  out, 32));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_hkdf_expand_label(hmac, secret, "key", ctx, 256,
						  out, 32));
	/* on error the output holds no partial key */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(out, 0, 32));
}

static struct kunit_case tlshake_hkdf_cases[] = {
	KUNIT_CASE_PARAM_ATTR(hkdf_rfc5869, rfc5869_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_SLOW(hkdf_wycheproof_sha256),
	KUNIT_CASE_SLOW(hkdf_wycheproof_sha384),
	KUNIT_CASE_SLOW(hmac_wycheproof_sha256),
	KUNIT_CASE(hkdf_limits),
	{}
};

static struct kunit_suite tlshake_hkdf_suite = {
	.name = "tlshake_hkdf",
	.test_cases = tlshake_hkdf_cases,
};

kunit_test_suite(tlshake_hkdf_suite);
