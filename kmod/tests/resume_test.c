// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of resumption state: session tickets (ticket.c)
 * sealed and opened, refused when any byte is changed, cut short, sealed by
 * a retired key or holding an expired session; and the server session
 * cache (sesscache.c): lookup, replacement, LRU eviction at its bound,
 * expired and invalidated sessions.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/slab.h>

#include "resume.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define T0	1000000		/* a time, in seconds */
#define ROTATE	3600

static void keys_free_action(void *k)
{
	tlshake_ticket_keys_free(k);
}

static void session_put_action(void *s)
{
	tlshake_session_put(s);
}

static struct tlshake_ticket_keys *new_keys(struct kunit *test)
{
	struct tlshake_ticket_keys *k = kunit_kzalloc(test, sizeof(*k),
						      GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	tlshake_ticket_keys_init(k, ROTATE);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   keys_free_action,
							   k));
	return k;
}

static struct tlshake_session *new_session(struct kunit *test, u8 seed)
{
	struct tlshake_session *s = tlshake_session_new();

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   session_put_action,
							   s));
	s->version = TLSHAKE_VERSION_1_2;
	s->suite = 0xc02b;
	s->created = T0;
	s->lifetime = 7200;
	memset(s->id, seed, sizeof(s->id));
	s->id_len = sizeof(s->id);
	memset(s->master, seed ^ 0x5a, sizeof(s->master));
	memset(s->cred_fp, seed ^ 0xa5, sizeof(s->cred_fp));
	s->peer_sig_scheme = 0x0403;
	strscpy(s->server_name, "www.example.com", sizeof(s->server_name));
	strscpy(s->trust_store, "roots", sizeof(s->trust_store));
	s->peer_certs = kmemdup("\0\0\0\3abc", 7, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->peer_certs);
	s->peer_certs_len = 7;
	return s;
}

static u8 *seal(struct kunit *test, struct tlshake_ticket_keys *k,
		const struct tlshake_session *s, time64_t now, size_t *len)
{
	u8 *t, *copy;

	KUNIT_ASSERT_EQ(test, 0, tlshake_ticket_seal(k, s, now, &t, len));
	copy = kunit_kmalloc(test, *len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, t, *len);
	kfree(t);
	return copy;
}

static long open_err(struct tlshake_ticket_keys *k, const u8 *t, size_t len,
		     time64_t now)
{
	struct tlshake_session *s = tlshake_ticket_open(k, t, len, now);

	if (IS_ERR(s))
		return PTR_ERR(s);
	tlshake_session_put(s);
	return 0;
}

static bool contains(const u8 *hay, size_t len, const void *needle,
		     size_t n)
{
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(hay + i, needle, n))
			return true;
	return false;
}

/* What a ticket holds comes back; the session ID does not travel. */
static void ticket_round_trip(struct kunit *test)
{
	struct tlshake_ticket_keys *k = new_keys(test);
	struct tlshake_session *s = new_session(test, 1), *o;
	size_t len;
	u8 *t = seal(test, k, s, T0 + 10, &len);

	/*
	 * format, version, suite, times, master, fingerprint, scheme: 99;
	 * the TLS 1.3 ticket issue time and ticket_age_add: 12
	 */
	KUNIT_EXPECT_EQ(test, len, TLSHAKE_TICKET_OVERHEAD + 99 + 12 + 1 + 15 +
			1 + 5 + 3 + 7);
	o = tlshake_ticket_open(k, t, len, T0 + 20);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, o);
	KUNIT_EXPECT_EQ(test, o->version, s->version);
	KUNIT_EXPECT_EQ(test, o->suite, s->suite);
	KUNIT_EXPECT_EQ(test, o->created, s->created);
	KUNIT_EXPECT_EQ(test, o->lifetime, s->lifetime);
	KUNIT_EXPECT_EQ(test, o->id_len, 0);
	KUNIT_EXPECT_MEMEQ(test, o->master, s->master, sizeof(s->master));
	KUNIT_EXPECT_MEMEQ(test, o->cred_fp, s->cred_fp, sizeof(s->cred_fp));
	KUNIT_EXPECT_EQ(test, o->peer_sig_scheme, s->peer_sig_scheme);
	KUNIT_EXPECT_STREQ(test, o->server_name, s->server_name);
	KUNIT_EXPECT_STREQ(test, o->trust_store, s->trust_store);
	KUNIT_EXPECT_EQ(test, o->peer_certs_len, s->peer_certs_len);
	KUNIT_EXPECT_MEMEQ(test, o->peer_certs, s->peer_certs, 7);
	tlshake_session_put(o);
	/* neither the master secret nor the name is in the clear */
	KUNIT_EXPECT_FALSE(test, contains(t, len, s->master, 48));
	KUNIT_EXPECT_FALSE(test, contains(t, len, s->server_name, 15));
}

/* Every byte flipped: the key name (unknown key) or the AEAD refuses. */
static void ticket_tampered(struct kunit *test)
{
	struct tlshake_ticket_keys *k = new_keys(test);
	struct tlshake_session *s = new_session(test, 2);
	size_t len, i;
	u8 *t = seal(test, k, s, T0, &len);
	long err;

	for (i = 0; i < len; i++) {
		t[i] ^= 0x80;
		err = open_err(k, t, len, T0);
		KUNIT_EXPECT_EQ_MSG(test, err,
				    i < TLSHAKE_TICKET_NAME_LEN ? -ENOKEY :
				    -EBADMSG, "byte %zu", i);
		t[i] ^= 0x80;
	}
	KUNIT_EXPECT_EQ(test, open_err(k, t, len, T0), 0);
	KUNIT_EXPECT_EQ(test, open_err(k, t, len - 1, T0), -EBADMSG);
	KUNIT_EXPECT_EQ(test, open_err(k, t, TLSHAKE_TICKET_OVERHEAD, T0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, open_err(k, t, 0, T0), -EINVAL);
}

/* A key seals for one period and opens for one more; then it is gone. */
static void ticket_rotation(struct kunit *test)
{
	struct tlshake_ticket_keys *k = new_keys(test);
	struct tlshake_session *s = new_session(test, 3);
	size_t len, len2;
	u8 *t, *t2;

	s->lifetime = 3 * ROTATE;
	t = seal(test, k, s, T0, &len);
	t2 = seal(test, k, s, T0 + ROTATE + 1, &len2);	/* a new key */
	KUNIT_EXPECT_NE(test, memcmp(t, t2, TLSHAKE_TICKET_NAME_LEN), 0);
	KUNIT_EXPECT_EQ(test, open_err(k, t, len, T0 + ROTATE + 2), 0);
	KUNIT_EXPECT_EQ(test, open_err(k, t2, len2, T0 + ROTATE + 2), 0);
	KUNIT_EXPECT_EQ(test, open_err(k, t, len, T0 + 2 * ROTATE + 1),
			-ENOKEY);
	KUNIT_EXPECT_EQ(test, open_err(k, t2, len2, T0 + 2 * ROTATE + 1), 0);
}

/* The session's lifetime bounds the ticket's. */
static void ticket_expired(struct kunit *test)
{
	struct tlshake_ticket_keys *k = new_keys(test);
	struct tlshake_session *s = new_session(test, 4);
	size_t len;
	u8 *t;

	s->lifetime = 60;
	t = seal(test, k, s, T0, &len);
	KUNIT_EXPECT_EQ(test, open_err(k, t, len, T0 + 59), 0);
	KUNIT_EXPECT_EQ(test, open_err(k, t, len, T0 + 60), -EKEYEXPIRED);
}

static void cache_flush_action(void *c)
{
	tlshake_sess_cache_flush(c);
}

static struct tlshake_sess_cache *new_cache(struct kunit *test,
					    unsigned int max)
{
	struct tlshake_sess_cache *c = kunit_kzalloc(test, sizeof(*c),
						     GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	tlshake_sess_cache_init(c, max, 1 << 20);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   cache_flush_action,
							   c));
	return c;
}

/* Is the session with ID byte @seed in @c? */
static bool cached(struct tlshake_sess_cache *c, u8 seed, time64_t now)
{
	struct tlshake_session *s;
	u8 id[TLSHAKE_SESSION_ID_LEN];

	memset(id, seed, sizeof(id));
	s = tlshake_sess_cache_lookup(c, id, sizeof(id), now);
	tlshake_session_put(s);
	return s;
}

/* At its bound, the least recently used session goes first. */
static void cache_lru(struct kunit *test)
{
	struct tlshake_sess_cache *c = new_cache(test, 2);

	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, new_session(test, 1),
							T0));
	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, new_session(test, 2),
							T0));
	KUNIT_EXPECT_TRUE(test, cached(c, 1, T0));	/* 1 is now recent */
	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, new_session(test, 3),
							T0));
	KUNIT_EXPECT_EQ(test, c->count, 2);
	KUNIT_EXPECT_TRUE(test, cached(c, 1, T0));
	KUNIT_EXPECT_FALSE(test, cached(c, 2, T0));
	KUNIT_EXPECT_TRUE(test, cached(c, 3, T0));
	KUNIT_EXPECT_FALSE(test, cached(c, 9, T0));
	KUNIT_EXPECT_NULL(test, tlshake_sess_cache_lookup(c, NULL, 0, T0));
}

/* Expired and invalidated sessions are not found; an ID is replaced. */
static void cache_expiry(struct kunit *test)
{
	struct tlshake_sess_cache *c = new_cache(test, 8);
	struct tlshake_session *a = new_session(test, 1);
	struct tlshake_session *b = new_session(test, 2);
	struct tlshake_session *a2 = new_session(test, 1);

	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, a, T0));
	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, b, T0));
	KUNIT_EXPECT_EQ(test, tlshake_sess_cache_add(c, a, T0), -EINVAL);
	tlshake_session_invalidate(b);
	KUNIT_EXPECT_FALSE(test, cached(c, 2, T0));
	KUNIT_EXPECT_FALSE(test, cached(c, 1, T0 + a->lifetime));
	KUNIT_EXPECT_EQ(test, c->count, 0);
	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, a, T0));
	KUNIT_ASSERT_EQ(test, 0, tlshake_sess_cache_add(c, a2, T0));
	KUNIT_EXPECT_EQ(test, c->count, 1);
	KUNIT_EXPECT_FALSE(test, a->cached);
	KUNIT_EXPECT_TRUE(test, a2->cached);
}

static struct kunit_case resume_cases[] = {
	KUNIT_CASE(ticket_round_trip),
	KUNIT_CASE(ticket_tampered),
	KUNIT_CASE(ticket_rotation),
	KUNIT_CASE(ticket_expired),
	KUNIT_CASE(cache_lru),
	KUNIT_CASE(cache_expiry),
	{}
};

static struct kunit_suite resume_suite = {
	.name = "tlshake_resume",
	.test_cases = resume_cases,
};

kunit_test_suite(resume_suite);
