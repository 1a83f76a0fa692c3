// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of credentials, trust stores and the store they live in
 * (suite tlshake_cred): loading checks, and the reference counting that
 * makes replace and delete safe for holders.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/tlshake_nl.h>

#include "cert.h"
#include "cred.h"
#include "pki.h"
#include "sig.h"
#include "store.h"
#include "trust.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void blobs(struct kunit *test, const char *const *names,
		  struct tlshake_blob *out, unsigned int *n)
{
	for (*n = 0; names[*n]; (*n)++) {
		const struct tlshake_test_blob *b = tlshake_test_pki(test,
								     names[*n]);

		out[*n].data = b->data;
		out[*n].len = b->len;
	}
}

/* Make a credential from a leaf certificate and a key of the test PKI. */
static struct tlshake_cred *make_cred(struct kunit *test, const char *leaf,
				      const char *key)
{
	const char *const names[] = { leaf, "inter_ec", NULL };
	struct tlshake_blob certs[2];
	struct tlshake_key_parts kp;
	unsigned int n;

	blobs(test, names, certs, &n);
	tlshake_test_key(test, key, &kp);
	return tlshake_cred_new("c", certs, n, &kp, NULL);
}

static void cred_key_match(struct kunit *test)
{
	struct tlshake_cred *cred;

	cred = make_cred(test, "leaf_rsa", "leaf_rsa");
	KUNIT_ASSERT_FALSE(test, IS_ERR(cred));
	KUNIT_EXPECT_EQ(test, cred->nr_certs, 2);
	KUNIT_EXPECT_PTR_EQ(test, tlshake_cred_leaf(cred), cred->certs[0]);
	KUNIT_EXPECT_NOT_NULL(test, tlshake_cred_key(cred));
	tlshake_cred_free(cred);
	/* the intermediate's RSA key is not the leaf's */
	cred = make_cred(test, "leaf_rsa", "inter_rsa");
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EKEYREJECTED);
	/* an EC key for an RSA leaf */
	cred = make_cred(test, "leaf_rsa", "leaf_ec");
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EKEYREJECTED);
}

/*
 * EC and Ed25519: the kernel derives the public key from the private one
 * (in constant time) and compares it with the leaf's.
 */
static void cred_key_match_ec(struct kunit *test)
{
	struct tlshake_cred *cred;

	cred = make_cred(test, "leaf_ec", "leaf_ec");
	KUNIT_ASSERT_FALSE(test, IS_ERR(cred));
	tlshake_cred_free(cred);
	cred = make_cred(test, "leaf_p384", "leaf_p384");
	KUNIT_ASSERT_FALSE(test, IS_ERR(cred));
	tlshake_cred_free(cred);
	cred = make_cred(test, "leaf_ed25519", "leaf_ed25519");
	KUNIT_ASSERT_FALSE(test, IS_ERR(cred));
	tlshake_cred_free(cred);
	cred = make_cred(test, "leaf_ec", "inter_ec");
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EKEYREJECTED);
	cred = make_cred(test, "leaf_p384", "leaf_ec");
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EKEYREJECTED);
	cred = make_cred(test, "leaf_ed25519", "leaf_ec");
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EKEYREJECTED);
}

static void cred_bad_input(struct kunit *test)
{
	static const u8 junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
	struct tlshake_blob certs[TLSHAKE_CHAIN_CERTS_MAX + 1];
	const struct tlshake_test_blob *b = tlshake_test_pki(test, "leaf_rsa");
	struct tlshake_trust *trust;
	struct tlshake_cred *cred;
	struct tlshake_key_parts kp;
	int i;

	tlshake_test_key(test, "leaf_rsa", &kp);
	for (i = 0; i < ARRAY_SIZE(certs); i++)
		certs[i] = (struct tlshake_blob){ b->data, b->len };
	cred = tlshake_cred_new("c", certs, ARRAY_SIZE(certs), &kp, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -E2BIG);
	cred = tlshake_cred_new("c", certs, 0, &kp, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EINVAL);
	certs[1] = (struct tlshake_blob){ junk, sizeof(junk) };
	cred = tlshake_cred_new("c", certs, 2, &kp, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EBADMSG);
	b = tlshake_test_pki(test, "leaf_critical");
	certs[0] = (struct tlshake_blob){ b->data, b->len };
	cred = tlshake_cred_new("c", certs, 1, &kp, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(cred), -EOPNOTSUPP);
	trust = tlshake_trust_new("t", certs, TLSHAKE_ANCHORS_MAX + 1, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(trust), -E2BIG);
	trust = tlshake_trust_new("t", certs, 1, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(trust), -EOPNOTSUPP);
}

/* Objects with a destructor that counts, to see when they are freed. */
struct counted {
	struct tlshake_obj obj;
	atomic_t *freed;
};

static void counted_destroy(struct tlshake_obj *obj)
{
	struct counted *c = container_of(obj, struct counted, obj);

	atomic_inc(c->freed);
	kfree(c);
}

static struct tlshake_obj *counted(struct kunit *test, const char *name,
				   atomic_t *freed)
{
	struct counted *c = kzalloc(sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->freed = freed;
	tlshake_obj_init(&c->obj, name, counted_destroy);
	return &c->obj;
}

/* Frees happen after a grace period, from a workqueue: wait for them. */
static void wait_frees(struct kunit *test, atomic_t *freed, int want)
{
	int i;

	for (i = 0; i < 200 && atomic_read(freed) < want; i++) {
		rcu_barrier();
		msleep(20);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(freed), want);
}

static void store_replace_delete(struct kunit *test)
{
	struct tlshake_store *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct tlshake_obj *a, *b, *held, *got;
	atomic_t freed = ATOMIC_INIT(0);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, st);
	tlshake_store_init(st);
	a = counted(test, "x", &freed);
	KUNIT_ASSERT_EQ(test, 0, tlshake_store_add(st, TLSHAKE_STORE_CRED, a));
	b = counted(test, "x", &freed);
	KUNIT_EXPECT_EQ(test, -EEXIST, tlshake_store_add(st, TLSHAKE_STORE_CRED,
							 b));
	/* same name, other kind: fine */
	KUNIT_ASSERT_EQ(test, 0, tlshake_store_add(st, TLSHAKE_STORE_TRUST, b));

	/* a handshake holds "x"; "x" is replaced */
	held = tlshake_store_get(st, TLSHAKE_STORE_CRED, "x");
	KUNIT_ASSERT_PTR_EQ(test, held, a);
	KUNIT_EXPECT_EQ(test, tlshake_obj_users(a), 1);
	b = counted(test, "x", &freed);
	err = tlshake_store_replace(st, TLSHAKE_STORE_CRED, b);
	KUNIT_ASSERT_EQ(test, err, 0);
	got = tlshake_store_get(st, TLSHAKE_STORE_CRED, "x");
	KUNIT_EXPECT_PTR_EQ(test, got, b);
	tlshake_obj_put(got);
	/* the holder keeps the old one until it lets go */
	wait_frees(test, &freed, 0);
	KUNIT_EXPECT_STREQ(test, held->name, "x");
	tlshake_obj_put(held);
	wait_frees(test, &freed, 1);

	/* delete while held: the last holder frees */
	held = tlshake_store_get(st, TLSHAKE_STORE_CRED, "x");
	got = tlshake_store_del(st, TLSHAKE_STORE_CRED, "x");
	KUNIT_EXPECT_PTR_EQ(test, got, held);
	tlshake_obj_put(got);
	KUNIT_EXPECT_NULL(test, tlshake_store_get(st, TLSHAKE_STORE_CRED, "x"));
	KUNIT_EXPECT_NULL(test, tlshake_store_del(st, TLSHAKE_STORE_CRED, "x"));
	wait_frees(test, &freed, 1);
	tlshake_obj_put(held);
	wait_frees(test, &freed, 2);

	a = counted(test, "y", &freed);
	err = tlshake_store_replace(st, TLSHAKE_STORE_CRED, a);
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	tlshake_obj_put(a);
	wait_frees(test, &freed, 3);

	/* the namespace goes away: everything still listed is freed */
	tlshake_store_flush(st);
	wait_frees(test, &freed, 4);
}

static void store_limit(struct kunit *test)
{
	struct tlshake_store *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	atomic_t freed = ATOMIC_INIT(0);
	struct tlshake_obj *o;
	char name[16];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	tlshake_store_init(st);
	for (i = 0; i < TLSHAKE_STORE_MAX_OBJS; i++) {
		snprintf(name, sizeof(name), "o%d", i);
		o = counted(test, name, &freed);
		KUNIT_ASSERT_EQ(test, 0, tlshake_store_add(st, TLSHAKE_STORE_TRUST,
							   o));
	}
	o = counted(test, "one too many", &freed);
	KUNIT_EXPECT_EQ(test, -ENOSPC, tlshake_store_add(st, TLSHAKE_STORE_TRUST,
							 o));
	tlshake_obj_put(o);
	tlshake_store_flush(st);
	wait_frees(test, &freed, TLSHAKE_STORE_MAX_OBJS + 1);
}

static struct kunit_case cred_test_cases[] = {
	KUNIT_CASE(cred_key_match),
	KUNIT_CASE(cred_key_match_ec),
	KUNIT_CASE(cred_bad_input),
	KUNIT_CASE(store_replace_delete),
	KUNIT_CASE(store_limit),
	{}
};

static struct kunit_suite cred_suite = {
	.name = "tlshake_cred",
	.test_cases = cred_test_cases,
};

kunit_test_suite(cred_suite);
