// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the kernel callers' API (suite tlshake_kapi): TLS 1.3
 * handshakes between two kernel sockets driven by tlshake's workqueue,
 * data through kernel_sendmsg()/kernel_recvmsg(), cancelling, and the
 * errors that leave the callback uncalled.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/tlshake.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "cred.h"
#include "kapi.h"
#include "pki.h"
#include "sig.h"
#include "sockpair.h"
#include "store.h"
#include "trust.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define CRED "kunit-kapi-ec"
#define TRUST "kunit-kapi-roots"

struct waiter {
	struct completion done;
	int err;
	int calls;
};

static void on_done(void *data, int err)
{
	struct waiter *w = data;

	w->err = err;
	w->calls++;
	complete(&w->done);
}

static void blob(struct kunit *test, const char *name, struct tlshake_blob *b)
{
	const struct tlshake_test_blob *t = tlshake_test_pki(test, name);

	b->data = t->data;
	b->len = t->len;
}

static void store_del(void *arg)
{
	struct tlshake_store *st = tlshake_store_net(&init_net);
	struct tlshake_obj *obj;

	obj = tlshake_store_del(st, TLSHAKE_STORE_CRED, CRED);
	if (!IS_ERR_OR_NULL(obj))
		tlshake_obj_put(obj);
	obj = tlshake_store_del(st, TLSHAKE_STORE_TRUST, TRUST);
	if (!IS_ERR_OR_NULL(obj))
		tlshake_obj_put(obj);
}

/* A credential and a trust store in init_net, deleted when the test ends. */
static void load_pki(struct kunit *test)
{
	struct tlshake_store *st = tlshake_store_net(&init_net);
	struct tlshake_blob certs[2], root;
	struct tlshake_key_parts kp;
	struct tlshake_cred *cred;
	struct tlshake_trust *trust;

	blob(test, "leaf_ec", &certs[0]);
	blob(test, "inter_ec", &certs[1]);
	blob(test, "root_ec", &root);
	tlshake_test_key(test, "leaf_ec", &kp);
	cred = tlshake_cred_new(CRED, certs, 2, &kp, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(cred));
	trust = tlshake_trust_new(TRUST, &root, 1, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(trust));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action(test, store_del, NULL));
	KUNIT_ASSERT_EQ(test, 0, tlshake_store_add(st, TLSHAKE_STORE_CRED,
						   &cred->obj));
	KUNIT_ASSERT_EQ(test, 0, tlshake_store_add(st, TLSHAKE_STORE_TRUST,
						   &trust->obj));
}

static void params(struct tlshake_handshake *p, bool server)
{
	memset(p, 0, sizeof(*p));
	if (server) {
		p->role = TLSHAKE_ROLE_SERVER;
		strscpy(p->credentials[0], CRED, sizeof(p->credentials[0]));
	} else {
		p->role = TLSHAKE_ROLE_CLIENT;
		strscpy(p->trust_store, TRUST, sizeof(p->trust_store));
		strscpy(p->server_name, "www.example.com",
			sizeof(p->server_name));
	}
	p->timeout_ms = 60000;
}

static int xfer(struct socket *from, struct socket *to, const char *text)
{
	char buf[64] = {};
	struct kvec kv = { (void *)text, strlen(text) };
	struct msghdr msg = {};
	int n;

	n = kernel_sendmsg(from, &msg, &kv, 1, kv.iov_len);
	if (n != kv.iov_len)
		return n < 0 ? n : -EIO;
	kv.iov_base = buf;
	kv.iov_len = sizeof(buf) - 1;
	n = kernel_recvmsg(to, &msg, &kv, 1, kv.iov_len, 0);
	if (n < 0)
		return n;
	return strcmp(buf, text) ? -EIO : 0;
}

static void kapi_handshake(struct kunit *test)
{
	struct waiter *cw = kunit_kzalloc(test, sizeof(*cw), GFP_KERNEL);
	struct waiter *sw = kunit_kzalloc(test, sizeof(*sw), GFP_KERNEL);
	struct tlshake_handshake *p = kunit_kzalloc(test, sizeof(*p),
						    GFP_KERNEL);
	struct tcp_pair *pair;

	KUNIT_ASSERT_TRUE(test, cw && sw && p);
	load_pki(test);
	pair = tlshake_test_pair(test, AF_INET);
	init_completion(&cw->done);
	init_completion(&sw->done);
	params(p, true);
	KUNIT_ASSERT_EQ(test, 0, tlshake_handshake_start(pair->server, p,
							 on_done, sw));
	params(p, false);
	KUNIT_ASSERT_EQ(test, 0, tlshake_handshake_start(pair->client, p,
							 on_done, cw));
	KUNIT_ASSERT_NE(test, 0, wait_for_completion_timeout(&cw->done,
							     120 * HZ));
	KUNIT_ASSERT_NE(test, 0, wait_for_completion_timeout(&sw->done,
							     120 * HZ));
	KUNIT_EXPECT_EQ(test, 0, cw->err);
	KUNIT_EXPECT_EQ(test, 0, sw->err);
	KUNIT_EXPECT_EQ(test, 0, xfer(pair->client, pair->server,
				      "from the client"));
	KUNIT_EXPECT_EQ(test, 0, xfer(pair->server, pair->client,
				      "and back"));
	/* completed: nothing left to cancel, the callback ran once */
	KUNIT_EXPECT_FALSE(test, tlshake_handshake_cancel(pair->client));
	KUNIT_EXPECT_EQ(test, 1, cw->calls);
	KUNIT_EXPECT_EQ(test, 1, sw->calls);
}

/* A server that never answers: cancel, and no callback ever. */
static void kapi_cancel(struct kunit *test)
{
	struct waiter *cw = kunit_kzalloc(test, sizeof(*cw), GFP_KERNEL);
	struct tlshake_handshake *p = kunit_kzalloc(test, sizeof(*p),
						    GFP_KERNEL);
	struct kvec kv;
	struct msghdr msg = {};
	struct tcp_pair *pair;
	char buf[4];

	KUNIT_ASSERT_TRUE(test, cw && p);
	load_pki(test);
	pair = tlshake_test_pair(test, AF_INET6);
	init_completion(&cw->done);
	params(p, false);
	KUNIT_ASSERT_EQ(test, 0, tlshake_handshake_start(pair->client, p,
							 on_done, cw));
	KUNIT_EXPECT_TRUE(test, tlshake_handshake_cancel(pair->client));
	KUNIT_EXPECT_EQ(test, 0, wait_for_completion_timeout(&cw->done, HZ));
	KUNIT_EXPECT_EQ(test, 0, cw->calls);
	kv.iov_base = buf;
	kv.iov_len = sizeof(buf);
	KUNIT_EXPECT_EQ(test, -ECANCELED,
			kernel_recvmsg(pair->client, &msg, &kv, 1, kv.iov_len,
				       MSG_DONTWAIT));
}

/* Errors before the handshake starts: no callback. */
static void kapi_errors(struct kunit *test)
{
	struct waiter *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct tlshake_handshake *p = kunit_kzalloc(test, sizeof(*p),
						    GFP_KERNEL);
	struct socket *udp;
	struct tcp_pair *pair;

	KUNIT_ASSERT_TRUE(test, w && p);
	init_completion(&w->done);
	udp = tlshake_test_socket(test, AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	params(p, false);
	KUNIT_EXPECT_EQ(test, -ENOTCONN,
			tlshake_handshake_start(udp, p, on_done, w));
	pair = tlshake_test_pair(test, AF_INET);
	/* no such trust store */
	KUNIT_EXPECT_EQ(test, -ENOENT,
			tlshake_handshake_start(pair->client, p, on_done, w));
	KUNIT_EXPECT_EQ(test, -EALREADY,
			tlshake_handshake_start(pair->client, p, on_done, w));
	KUNIT_EXPECT_EQ(test, 0, w->calls);
}

static struct kunit_case kapi_cases[] = {
	KUNIT_CASE_SLOW(kapi_handshake),
	KUNIT_CASE(kapi_cancel),
	KUNIT_CASE(kapi_errors),
	{}
};

static struct kunit_suite kapi_suite = {
	.name = "tlshake_kapi",
	.test_cases = kapi_cases,
};

kunit_test_suite(kapi_suite);
