// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of tlshake's ECDH (kmod/crypto/ecdh.c) against the kernel's
 * own "ecdh-nist-p256"/"-p384" KPP on random keys: the same shared secret
 * from either side, the same public key from the same private key; and
 * the API's refusals. The Wycheproof and OpenSSL vectors run through
 * kex.c in kex_test.c.
 */
#include <crypto/ecdh.h>
#include <crypto/kpp.h>
#include <kunit/test.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

/* ours, not the kernel's <crypto/ecdh.h>, which the -I paths find first */
#include "../crypto/ecdh.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define ROUNDS	6
/* a curve identifier ec_curve_get() does not know */
#define EC_UNKNOWN	((enum ec_curve_id)2)

struct curve_param {
	enum ec_curve_id curve;
	const char *kpp;
	const char *name;
};

static const struct curve_param curves[] = {
	{ EC_P256, "ecdh-nist-p256", "p256" },
	{ EC_P384, "ecdh-nist-p384", "p384" },
};

static void curve_desc(const struct curve_param *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(curve, curves, curve_desc);

/*
 * One KPP request: the shared secret from the peer's X || Y in @in, or
 * (@in NULL) our public key X || Y; @out_len bytes into @out.
 */
static int kpp_run(struct crypto_kpp *tfm, const u8 *in, size_t in_len,
		   u8 *out, size_t out_len)
{
	struct scatterlist src, dst;
	struct kpp_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *buf;
	int err = -ENOMEM;

	req = kpp_request_alloc(tfm, GFP_KERNEL);
	buf = kzalloc(in_len + out_len, GFP_KERNEL);
	if (!req || !buf)
		goto out;
	if (in)
		memcpy(buf, in, in_len);
	sg_init_one(&src, buf, in_len);
	sg_init_one(&dst, buf + in_len, out_len);
	kpp_request_set_input(req, in ? &src : NULL, in_len);
	kpp_request_set_output(req, &dst, out_len);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				 crypto_req_done, &wait);
	err = crypto_wait_req(in ? crypto_kpp_compute_shared_secret(req) :
			      crypto_kpp_generate_public_key(req), &wait);
	if (!err)
		memcpy(out, buf + in_len, out_len);
out:
	kfree_sensitive(buf);
	kpp_request_free(req);
	return err;
}

/* Give the KPP a private key (@d NULL: a random one of its own). */
static int kpp_set_key(struct crypto_kpp *tfm, const u8 *d, size_t len)
{
	struct ecdh params = { .key = (char *)d, .key_size = d ? len : 0 };
	unsigned int blen = crypto_ecdh_key_len(&params);
	char *buf = kmalloc(blen, GFP_KERNEL);
	int err;

	if (!buf)
		return -ENOMEM;
	err = crypto_ecdh_encode_key(buf, blen, &params) ?:
	      crypto_kpp_set_secret(tfm, buf, blen);
	kfree_sensitive(buf);
	return err;
}

static void free_kpp_action(void *tfm)
{
	crypto_free_kpp(tfm);
}

static struct crypto_kpp *test_kpp(struct kunit *test, const char *name)
{
	struct crypto_kpp *tfm = crypto_alloc_kpp(name, 0, 0);

	if (IS_ERR(tfm))
		kunit_skip(test, "%s: %ld", name, PTR_ERR(tfm));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   free_kpp_action,
							   tfm));
	return tfm;
}

/*
 * Our fresh key pair against a fresh KPP key: each side computes the
 * secret with its own private key and the other's public key, and they
 * agree. Then the KPP takes our private key and must derive our public
 * key.
 */
static void ecdh_agrees_with_kpp(struct kunit *test)
{
	const struct curve_param *cp = test->param_value;
	struct crypto_kpp *tfm = test_kpp(test, cp->kpp);
	size_t bytes = ec_scalar_len(cp->curve);
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES];
	u8 kpub[EC_MAX_POINT_BYTES];
	u8 ours[ECDH_MAX_SECRET_LEN], theirs[ECDH_MAX_SECRET_LEN];
	int i;

	for (i = 0; i < ROUNDS; i++) {
		KUNIT_ASSERT_EQ(test, 0, ecdh_keypair(cp->curve, d, pub));
		KUNIT_ASSERT_EQ(test, 0, kpp_set_key(tfm, NULL, 0));
		kpub[0] = 0x04;
		KUNIT_ASSERT_EQ(test, 0, kpp_run(tfm, NULL, 0, kpub + 1,
						 2 * bytes));
		KUNIT_ASSERT_EQ(test, 0, ecdh_shared(cp->curve, d, kpub,
						     1 + 2 * bytes, ours));
		KUNIT_ASSERT_EQ(test, 0, kpp_run(tfm, pub + 1, 2 * bytes,
						 theirs, bytes));
		KUNIT_EXPECT_MEMEQ(test, ours, theirs, bytes);

		KUNIT_ASSERT_EQ(test, 0, kpp_set_key(tfm, d, bytes));
		KUNIT_ASSERT_EQ(test, 0, kpp_run(tfm, NULL, 0, kpub + 1,
						 2 * bytes));
		KUNIT_EXPECT_MEMEQ(test, kpub, pub, 1 + 2 * bytes);
	}
	memzero_explicit(d, sizeof(d));
}

/* Key pairs: in range, public key = d G, fresh every time. */
static void ecdh_keypair_valid(struct kunit *test)
{
	const struct curve_param *cp = test->param_value;
	size_t plen = ec_point_len(cp->curve);
	u8 d[2][EC_MAX_BYTES], pub[2][EC_MAX_POINT_BYTES];
	u8 check[EC_MAX_POINT_BYTES];
	int i;

	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, 0, ecdh_keypair(cp->curve, d[i], pub[i]));
		KUNIT_EXPECT_EQ(test, 0, ec_check_private(cp->curve, d[i]));
		KUNIT_ASSERT_EQ(test, 0, ec_public_from_private(cp->curve,
								d[i], check));
		KUNIT_EXPECT_MEMEQ(test, check, pub[i], plen);
	}
	KUNIT_EXPECT_MEMNEQ(test, d[0], d[1], ec_scalar_len(cp->curve));
	KUNIT_EXPECT_MEMNEQ(test, pub[0], pub[1], plen);
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_keypair(EC_UNKNOWN, d[0], pub[0]));
}

/*
 * ecdh_shared() refuses what is not a valid point of the curve or not a
 * valid private key, and leaves no secret behind.
 */
static void ecdh_shared_refusals(struct kunit *test)
{
	const struct curve_param *cp = test->param_value;
	size_t bytes = ec_scalar_len(cp->curve), plen = ec_point_len(cp->curve);
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES + 1];
	u8 bad_d[EC_MAX_BYTES] = {}, s[ECDH_MAX_SECRET_LEN];

	KUNIT_ASSERT_EQ(test, 0, ecdh_keypair(cp->curve, d, pub));
	pub[plen] = 0;
	KUNIT_EXPECT_EQ(test, 0, ecdh_shared(cp->curve, d, pub, plen, s));

	memset(s, 0xaa, sizeof(s));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(cp->curve, d, pub,
						   plen - 1, s));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(cp->curve, d, pub,
						   plen + 1, s));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(cp->curve, d, pub, 0, s));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(s, 0, bytes));
	/* the other curve's length */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdh_shared(cp->curve, d, pub,
				    ec_point_len(cp->curve == EC_P256 ?
						 EC_P384 : EC_P256), s));
	/* a zero private key; one of all ones (above n) */
	memset(s, 0xaa, sizeof(s));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(cp->curve, bad_d, pub,
						   plen, s));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(s, 0, bytes));
	memset(bad_d, 0xff, sizeof(bad_d));
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(cp->curve, bad_d, pub,
						   plen, s));
	/* a compressed-point prefix, an unknown curve */
	pub[0] = 0x02;
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(cp->curve, d, pub, plen,
						   s));
	pub[0] = 0x04;
	KUNIT_EXPECT_EQ(test, -EINVAL, ecdh_shared(EC_UNKNOWN, d, pub, plen, s));
	memzero_explicit(d, sizeof(d));
}

static struct kunit_case tlshake_kex_ecdh_cases[] = {
	/* the kernel's ECDH is slow under KASAN: seconds */
	KUNIT_CASE_PARAM_ATTR(ecdh_agrees_with_kpp, curve_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE_PARAM(ecdh_keypair_valid, curve_gen_params),
	KUNIT_CASE_PARAM(ecdh_shared_refusals, curve_gen_params),
	{}
};

static struct kunit_suite tlshake_kex_ecdh_suite = {
	.name = "tlshake_kex_ecdh",
	.test_cases = tlshake_kex_ecdh_cases,
};

kunit_test_suite(tlshake_kex_ecdh_suite);
