// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of ECDHE (kex.c): every Wycheproof X25519 and secp256r1
 * test case (X9.62 points, and the raw points of the SubjectPublicKeyInfo
 * file), secp384r1 known answers from OpenSSL, private keys out of range,
 * fresh key pairs agreeing with each other, malformed peer shares,
 * zeroization.
 */
#include <crypto/algapi.h>
#include <kunit/test.h>
#include <linux/slab.h>

#include "alert.h"
#include "kex.h"
#include "vectors/kex.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void kex_free_action(void *kx)
{
	tlshake_kex_free(kx);
}

static struct tlshake_kex *test_kex(struct kunit *test)
{
	struct tlshake_kex *kx = kunit_kzalloc(test, sizeof(*kx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, kx);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   kex_free_action,
							   kx));
	return kx;
}

/* Run one vector; true if the outcome is the expected one. */
static bool kex_check(struct kunit *test, struct tlshake_kex *kx, u16 group,
		      const struct kex_tv *tv)
{
	u8 out[TLSHAKE_KEX_MAX_SECRET];
	size_t len, pub_len;
	bool ok;
	u8 alert;
	int err;

	err = tlshake_kex_init_key(kx, group, tv->priv.p, tv->priv.len);
	if (tv->expect == KEX_REFUSE_KEY) {
		KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "tcId %u", tv->tc_id);
		return err == -EINVAL;
	}
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "tcId %u", tv->tc_id);
	if (tv->pub.len) {
		KUNIT_EXPECT_MEMEQ_MSG(test, tlshake_kex_public(kx, &pub_len),
				       tv->pub.p, tv->pub.len, "tcId %u",
				       tv->tc_id);
		KUNIT_EXPECT_EQ(test, pub_len, tv->pub.len);
	}
	memset(out, 0xaa, sizeof(out));
	err = tlshake_kex_derive(kx, tv->peer.p, tv->peer.len, out, &len,
				 &alert);
	if (tv->expect == KEX_ACCEPT) {
		ok = !err && len == tv->shared.len &&
		     !memcmp(out, tv->shared.p, len) &&
		     alert == TLSHAKE_ALERT_NONE;
		KUNIT_EXPECT_TRUE_MSG(test, ok, "tcId %u: err %d", tv->tc_id,
				      err);
	} else {
		/* nothing of a refused computation is left in @out */
		ok = err == -EINVAL && alert == TLSHAKE_ALERT_ILLEGAL_PARAMETER &&
		     !len && !memchr_inv(out, 0, tv->priv.len);
		KUNIT_EXPECT_TRUE_MSG(test, ok, "tcId %u: err %d alert %u",
				      tv->tc_id, err, alert);
	}
	tlshake_kex_free(kx);
	return ok;
}

static void kex_vectors(struct kunit *test, u16 group, const char *name,
			const struct kex_tv *tvs, size_t n)
{
	struct tlshake_kex *kx = test_kex(test);
	size_t i, passed = 0, refused = 0;

	for (i = 0; i < n; i++) {
		passed += kex_check(test, kx, group, &tvs[i]);
		refused += tvs[i].expect != KEX_ACCEPT;
	}
	kunit_info(test, "%s: %zu/%zu vectors passed (%zu must be refused)",
		   name, passed, n, refused);
	KUNIT_EXPECT_EQ(test, passed, n);
}

static void kex_wycheproof_x25519(struct kunit *test)
{
	kex_vectors(test, TLSHAKE_GROUP_X25519, "x25519", wp_x25519,
		    ARRAY_SIZE(wp_x25519));
}

static void kex_wycheproof_secp256r1(struct kunit *test)
{
	kex_vectors(test, TLSHAKE_GROUP_SECP256R1, "secp256r1", wp_secp256r1,
		    ARRAY_SIZE(wp_secp256r1));
}

static void kex_wycheproof_secp256r1_spki(struct kunit *test)
{
	kex_vectors(test, TLSHAKE_GROUP_SECP256R1, "secp256r1 spki",
		    wp_secp256r1_spki, ARRAY_SIZE(wp_secp256r1_spki));
}

static void kex_openssl_secp384r1(struct kunit *test)
{
	kex_vectors(test, TLSHAKE_GROUP_SECP384R1, "secp384r1",
		    ossl_secp384r1, ARRAY_SIZE(ossl_secp384r1));
}

/* private keys outside [1, n - 1]; a peer X equal to p */
static void kex_edge_cases(struct kunit *test)
{
	kex_vectors(test, TLSHAKE_GROUP_SECP256R1, "secp256r1",
		    edge_secp256r1, ARRAY_SIZE(edge_secp256r1));
	kex_vectors(test, TLSHAKE_GROUP_SECP384R1, "secp384r1",
		    edge_secp384r1, ARRAY_SIZE(edge_secp384r1));
}

static const u16 groups[] = {
	TLSHAKE_GROUP_X25519, TLSHAKE_GROUP_SECP256R1, TLSHAKE_GROUP_SECP384R1,
};

static void group_desc(const u16 *g, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 *g == TLSHAKE_GROUP_X25519 ? "x25519" :
		 *g == TLSHAKE_GROUP_SECP256R1 ? "secp256r1" : "secp384r1");
}

KUNIT_ARRAY_PARAM(group, groups, group_desc);

static u16 param_group(struct kunit *test)
{
	return *(const u16 *)test->param_value;
}

/* the private key is gone: no transform, the scalar wiped */
static bool key_gone(const struct tlshake_kex *kx)
{
	return !kx->kpp && !kx->priv_len &&
	       !memchr_inv(kx->priv, 0, sizeof(kx->priv));
}

/* Two fresh key pairs agree; a used key pair cannot be used again. */
static void kex_fresh_pairs_agree(struct kunit *test)
{
	struct tlshake_kex *a = test_kex(test), *b = test_kex(test);
	u8 sa[TLSHAKE_KEX_MAX_SECRET], sb[TLSHAKE_KEX_MAX_SECRET];
	u8 pub_a[TLSHAKE_KEX_MAX_PUBLIC], pub_b[TLSHAKE_KEX_MAX_PUBLIC];
	size_t la, lb, pa, pb;
	u16 g = param_group(test);
	const u8 *pub;
	u8 alert;

	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_init(a, g));
	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_init(b, g));
	pub = tlshake_kex_public(a, &pa);
	memcpy(pub_a, pub, pa);
	pub = tlshake_kex_public(b, &pb);
	memcpy(pub_b, pub, pb);
	KUNIT_ASSERT_EQ(test, pa, pb);
	KUNIT_EXPECT_EQ(test, pa, g == TLSHAKE_GROUP_X25519 ? (size_t)32 :
			g == TLSHAKE_GROUP_SECP256R1 ? (size_t)65 : (size_t)97);
	if (g != TLSHAKE_GROUP_X25519)
		KUNIT_EXPECT_EQ(test, pub_a[0], 0x04);
	KUNIT_EXPECT_NE(test, 0, memcmp(pub_a, pub_b, pa));
	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_derive(a, pub_b, pb, sa, &la,
						    &alert));
	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_derive(b, pub_a, pa, sb, &lb,
						    &alert));
	KUNIT_ASSERT_EQ(test, la, lb);
	KUNIT_EXPECT_EQ(test, la, g == TLSHAKE_GROUP_SECP384R1 ? (size_t)48 :
			(size_t)32);
	KUNIT_EXPECT_MEMEQ(test, sa, sb, la);
	KUNIT_EXPECT_TRUE(test, key_gone(a));
	KUNIT_EXPECT_TRUE(test, key_gone(b));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_kex_derive(a, pub_b, pb, sa,
							  &la, &alert));
	KUNIT_EXPECT_EQ(test, alert, TLSHAKE_ALERT_INTERNAL_ERROR);
}

static void expect_bad_share(struct kunit *test, u16 g, const u8 *peer,
			     size_t len)
{
	struct tlshake_kex *kx = test_kex(test);
	u8 out[TLSHAKE_KEX_MAX_SECRET];
	size_t out_len = 99;
	u8 alert;

	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_init(kx, g));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_kex_derive(kx, peer, len, out,
							  &out_len, &alert));
	KUNIT_EXPECT_EQ(test, alert, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	KUNIT_EXPECT_EQ(test, out_len, (size_t)0);
	KUNIT_EXPECT_TRUE(test, key_gone(kx));
}

/* Malformed shares: wrong length, encoding, or not a point on the curve. */
static void kex_bad_shares(struct kunit *test)
{
	struct tlshake_kex *kx = test_kex(test);
	u8 share[TLSHAKE_KEX_MAX_PUBLIC + 1];
	u16 g = param_group(test);
	const u8 *pub;
	size_t len;

	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_init(kx, g));
	pub = tlshake_kex_public(kx, &len);
	memcpy(share, pub, len);
	share[len] = 0;
	expect_bad_share(test, g, share, len - 1);
	expect_bad_share(test, g, share, len + 1);
	expect_bad_share(test, g, share, 0);
	if (g == TLSHAKE_GROUP_X25519) {
		/* u = 0 and u = 1 are of low order: the secret is zero */
		memset(share, 0, len);
		expect_bad_share(test, g, share, len);
		share[0] = 1;
		expect_bad_share(test, g, share, len);
		return;
	}
	share[0] = 0x02;			/* compressed */
	expect_bad_share(test, g, share, len);
	share[0] = 0x00;
	expect_bad_share(test, g, share, len);
	share[0] = 0x04;
	share[len - 1] ^= 1;			/* off the curve */
	expect_bad_share(test, g, share, len);
	memset(share + 1, 0, len - 1);		/* (0, 0) */
	expect_bad_share(test, g, share, len);
	memset(share + 1, 0xff, len - 1);	/* coordinates above p */
	expect_bad_share(test, g, share, len);
}

static void kex_unsupported(struct kunit *test)
{
	struct tlshake_kex *kx = test_kex(test);
	u8 key[32] = { 1 };

	KUNIT_EXPECT_TRUE(test, tlshake_kex_supported(TLSHAKE_GROUP_X25519));
	KUNIT_EXPECT_FALSE(test, tlshake_kex_supported(0x0019));   /* P-521 */
	KUNIT_EXPECT_FALSE(test, tlshake_kex_supported(0x001e));   /* X448 */
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, tlshake_kex_init(kx, 0x0019));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_kex_init_key(kx, TLSHAKE_GROUP_SECP256R1, key,
					     31));
	/* a zero scalar is refused */
	memset(key, 0, sizeof(key));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_kex_init_key(kx, TLSHAKE_GROUP_SECP256R1, key,
					     32));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(kx, 0, sizeof(*kx)));
}

/* Nothing of a key pair remains after it is freed. */
static void kex_zeroized(struct kunit *test)
{
	struct tlshake_kex *kx = test_kex(test);

	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_init(kx, param_group(test)));
	KUNIT_ASSERT_FALSE(test, key_gone(kx));
	tlshake_kex_free(kx);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(kx, 0, sizeof(*kx)));
}

static struct kunit_case tlshake_kex_cases[] = {
	KUNIT_CASE_SLOW(kex_wycheproof_x25519),
	KUNIT_CASE_SLOW(kex_wycheproof_secp256r1),
	KUNIT_CASE(kex_wycheproof_secp256r1_spki),
	KUNIT_CASE(kex_openssl_secp384r1),
	KUNIT_CASE(kex_edge_cases),
	KUNIT_CASE_PARAM(kex_fresh_pairs_agree, group_gen_params),
	KUNIT_CASE_PARAM(kex_bad_shares, group_gen_params),
	KUNIT_CASE(kex_unsupported),
	KUNIT_CASE_PARAM(kex_zeroized, group_gen_params),
	{}
};

static struct kunit_suite tlshake_kex_suite = {
	.name = "tlshake_kex",
	.test_cases = tlshake_kex_cases,
};

kunit_test_suite(tlshake_kex_suite);
