// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for tlshake's Ed25519 (kmod/crypto/ed25519.c): the RFC 8032
 * 7.1 vectors in both directions, and what strict verification refuses.
 */
#include <kunit/test.h>
#include <linux/random.h>

#include "crypto/ed25519.h"
#include "vectors/ed25519.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* the group order L, little-endian */
static const u8 ed25519_order[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
	0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

static void rfc8032_desc(const struct ed25519_rfc8032 *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rfc8032, ed25519_rfc8032_tests, rfc8032_desc);

/* the RFC's public key and signature, and its signature verifies */
static void ed25519_rfc8032_vector(struct kunit *test)
{
	const struct ed25519_rfc8032 *t = test->param_value;
	u8 pub[32], sig[64];

	KUNIT_ASSERT_EQ(test, 0, ed25519_public_from_seed(t->seed, pub));
	KUNIT_EXPECT_MEMEQ(test, pub, t->pub, 32);
	KUNIT_ASSERT_EQ(test, 0, ed25519_sign(t->seed, t->pub, t->msg,
					      t->msg_len, sig));
	KUNIT_EXPECT_MEMEQ(test, sig, t->sig, 64);
	KUNIT_EXPECT_EQ(test, 0, ed25519_verify(t->pub, t->msg, t->msg_len,
						t->sig));
}

/* add L to the little-endian S of @sig; false if S + L >= 2^256 */
static bool add_order(u8 *sig)
{
	unsigned int i, carry = 0;

	for (i = 0; i < 32; i++) {
		carry += sig[32 + i] + ed25519_order[i];
		sig[32 + i] = (u8)carry;
		carry >>= 8;
	}
	return !carry;
}

/*
 * S and S + L are the same scalar mod L; a verifier that reduced S would
 * accept both (signature malleability). S >= L is refused, as is S = L.
 */
static void ed25519_s_out_of_range(struct kunit *test)
{
	const struct ed25519_rfc8032 *t = test->param_value;
	u8 sig[64];

	memcpy(sig, t->sig, 64);
	if (add_order(sig))
		KUNIT_EXPECT_EQ(test, -EBADMSG,
				ed25519_verify(t->pub, t->msg, t->msg_len,
					       sig));
	memcpy(sig + 32, ed25519_order, 32);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			ed25519_verify(t->pub, t->msg, t->msg_len, sig));
	memset(sig + 32, 0xff, 32);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			ed25519_verify(t->pub, t->msg, t->msg_len, sig));
}

/* every single-bit change of the signature, key or message is refused */
static void ed25519_flipped_bits(struct kunit *test)
{
	const struct ed25519_rfc8032 *t = &ed25519_rfc8032_tests[2];
	u8 sig[64], pub[32], msg[2];
	unsigned int bit;

	KUNIT_ASSERT_EQ(test, (size_t)2, t->msg_len);
	memcpy(sig, t->sig, 64);
	memcpy(pub, t->pub, 32);
	memcpy(msg, t->msg, 2);
	for (bit = 0; bit < 512; bit++) {
		sig[bit / 8] ^= 1 << (bit % 8);
		KUNIT_EXPECT_NE_MSG(test, 0, ed25519_verify(pub, msg, 2, sig),
				    "signature bit %u", bit);
		sig[bit / 8] ^= 1 << (bit % 8);
	}
	for (bit = 0; bit < 256; bit++) {
		pub[bit / 8] ^= 1 << (bit % 8);
		KUNIT_EXPECT_NE_MSG(test, 0, ed25519_verify(pub, msg, 2, sig),
				    "public key bit %u", bit);
		pub[bit / 8] ^= 1 << (bit % 8);
	}
	for (bit = 0; bit < 16; bit++) {
		msg[bit / 8] ^= 1 << (bit % 8);
		KUNIT_EXPECT_EQ_MSG(test, -EKEYREJECTED,
				    ed25519_verify(pub, msg, 2, sig),
				    "message bit %u", bit);
		msg[bit / 8] ^= 1 << (bit % 8);
	}
	KUNIT_EXPECT_EQ(test, -EKEYREJECTED, ed25519_verify(pub, msg, 1, sig));
	KUNIT_EXPECT_EQ(test, 0, ed25519_verify(pub, msg, 2, sig));
}

static void bad_point_desc(const struct ed25519_bad_point *b, char *desc)
{
	strscpy(desc, b->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_point, ed25519_bad_points, bad_point_desc);

/* non-canonical or invalid encodings, as the key A or as R */
static void ed25519_bad_encoding(struct kunit *test)
{
	const struct ed25519_bad_point *b = test->param_value;
	const struct ed25519_rfc8032 *t = &ed25519_rfc8032_tests[0];
	u8 sig[64];

	KUNIT_EXPECT_EQ(test, -EINVAL,
			ed25519_verify(b->enc, t->msg, t->msg_len, t->sig));
	memcpy(sig, t->sig, 64);
	memcpy(sig, b->enc, 32);
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			ed25519_verify(t->pub, t->msg, t->msg_len, sig));
}

/*
 * Public keys of small order are refused. With A the identity, R the
 * identity and S = 0 satisfy [S]B = R + [k]A for every message; with A of
 * order 8, [k]A takes at most 8 values and one signature covers many
 * messages. An R of small order with a proper key is a valid encoding and
 * is refused only because the equation does not hold.
 */
static void ed25519_small_order_keys(struct kunit *test)
{
	const struct ed25519_rfc8032 *t = &ed25519_rfc8032_tests[1];
	u8 sig[64] = { 1 };	/* R = identity, S = 0 */
	int i;

	for (i = 0; i < ARRAY_SIZE(ed25519_small_order); i++) {
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL,
				    ed25519_verify(ed25519_small_order[i],
						   t->msg, t->msg_len, sig),
				    "small-order key %d", i);
		memcpy(sig, ed25519_small_order[i], 32);
		KUNIT_EXPECT_EQ_MSG(test, -EKEYREJECTED,
				    ed25519_verify(t->pub, t->msg, t->msg_len,
						   sig),
				    "small-order R %d", i);
		memset(sig, 0, 32);
		sig[0] = 1;
	}
}

/* random keys and messages: sign, derive, verify; another key refuses */
static void ed25519_sign_verify_random(struct kunit *test)
{
	u8 seed[32], pub[32], pub2[32], sig[64], msg[300];
	int i;

	for (i = 0; i < 16; i++) {
		size_t len = get_random_u32_below(sizeof(msg) + 1);

		get_random_bytes(seed, sizeof(seed));
		get_random_bytes(msg, len);
		KUNIT_ASSERT_EQ(test, 0, ed25519_public_from_seed(seed, pub));
		KUNIT_ASSERT_EQ(test, 0, ed25519_sign(seed, pub, msg, len,
						      sig));
		KUNIT_EXPECT_EQ(test, 0, ed25519_verify(pub, msg, len, sig));
		seed[0] ^= 1;
		KUNIT_ASSERT_EQ(test, 0, ed25519_public_from_seed(seed, pub2));
		KUNIT_EXPECT_EQ(test, -EKEYREJECTED,
				ed25519_verify(pub2, msg, len, sig));
	}
}

static struct kunit_case tlshake_ed25519_cases[] = {
	KUNIT_CASE_PARAM(ed25519_rfc8032_vector, rfc8032_gen_params),
	KUNIT_CASE_PARAM(ed25519_s_out_of_range, rfc8032_gen_params),
	KUNIT_CASE_SLOW(ed25519_flipped_bits),
	KUNIT_CASE_PARAM(ed25519_bad_encoding, bad_point_gen_params),
	KUNIT_CASE(ed25519_small_order_keys),
	KUNIT_CASE(ed25519_sign_verify_random),
	{}
};

static struct kunit_suite tlshake_ed25519_suite = {
	.name = "tlshake_ed25519",
	.test_cases = tlshake_ed25519_cases,
};

kunit_test_suite(tlshake_ed25519_suite);
