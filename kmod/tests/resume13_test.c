// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of TLS 1.3 resumption state: TLS 1.3 sessions through
 * tickets (ticket.c). The PSK binder (resume13.c) is checked against
 * RFC 8448 in keysched_test.c.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/slab.h>

#include "resume.h"
#include "suite.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define T0	1000000		/* a time, in seconds */

static void keys_free_action(void *k)
{
	tlshake_ticket_keys_free(k);
}

/* A TLS 1.3 session through a ticket: every field comes back. */
static void ticket13_roundtrip(struct kunit *test)
{
	struct tlshake_ticket_keys *k = kunit_kzalloc(test, sizeof(*k),
						      GFP_KERNEL);
	struct tlshake_session *s, *o;
	size_t len;
	u8 *t;

	KUNIT_ASSERT_NOT_NULL(test, k);
	tlshake_ticket_keys_init(k, 3600);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   keys_free_action,
							   k));
	s = tlshake_session_new();
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->version = TLSHAKE_VERSION_1_3;
	s->suite = TLSHAKE_TLS_AES_256_GCM_SHA384;
	s->created = T0;
	s->lifetime = 600;
	s->issued_ms = (u64)T0 * 1000 + 123;
	s->age_add = 0xfad6aac5;
	memset(s->master, 0x5a, sizeof(s->master));
	strscpy(s->server_name, "www.example.com", sizeof(s->server_name));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ticket_seal(k, s, T0, &t, &len));
	o = tlshake_ticket_open(k, t, len, T0 + 1);
	KUNIT_ASSERT_FALSE(test, IS_ERR(o));
	KUNIT_EXPECT_EQ(test, o->version, TLSHAKE_VERSION_1_3);
	KUNIT_EXPECT_EQ(test, o->suite, s->suite);
	KUNIT_EXPECT_EQ(test, o->issued_ms, s->issued_ms);
	KUNIT_EXPECT_EQ(test, o->age_add, s->age_add);
	KUNIT_EXPECT_MEMEQ(test, o->master, s->master, sizeof(s->master));
	KUNIT_EXPECT_STREQ(test, o->server_name, "www.example.com");
	tlshake_session_put(o);
	/* past its lifetime it does not open */
	o = tlshake_ticket_open(k, t, len, T0 + 600);
	KUNIT_EXPECT_EQ(test, PTR_ERR(o), -EKEYEXPIRED);
	/* nor with a bit changed */
	t[len / 2] ^= 1;
	o = tlshake_ticket_open(k, t, len, T0 + 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(o), -EBADMSG);
	kfree(t);
	tlshake_session_put(s);
}

static struct kunit_case resume13_cases[] = {
	KUNIT_CASE(ticket13_roundtrip),
	{}
};

static struct kunit_suite resume13_suite = {
	.name = "tlshake_resume13",
	.test_cases = resume13_cases,
};

kunit_test_suite(resume13_suite);
