// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for attaching and detaching the tlshake ULP, on real
 * loopback TCP connections made with kernel sockets.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/tlshake.h>
#include <net/inet_connection_sock.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "sockpair.h"
#include "ulp.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static const int families[] = { AF_INET, AF_INET6 };

static void family_desc(const int *f, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 *f == AF_INET6 ? "ipv6" : "ipv4");
}

KUNIT_ARRAY_PARAM(family, families, family_desc);

static int param_family(struct kunit *test)
{
	return *(const int *)test->param_value;
}

/* Attaching to a connected socket installs a fresh context. */
static void ulp_attach_connected(struct kunit *test)
{
	long before = tlshake_sock_count();
	struct tcp_pair *p;
	struct sock *sk;

	p = tlshake_test_pair(test, param_family(test));
	KUNIT_EXPECT_EQ(test, 0, tlshake_test_attach(p->client));
	KUNIT_EXPECT_EQ(test, 0, tlshake_test_attach(p->server));
	sk = p->client->sk;
	KUNIT_EXPECT_STREQ(test, inet_csk(sk)->icsk_ulp_ops->name, "tlshake");
	KUNIT_ASSERT_NOT_NULL(test, tlshake_sk(sk));
	KUNIT_EXPECT_PTR_EQ(test, tlshake_sk(sk)->sk, sk);
	KUNIT_EXPECT_EQ(test, tlshake_sk(sk)->state, TLSHAKE_STATE_ATTACHED);
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before + 2);
}

/* Closing an attached socket frees its context. */
static void ulp_close_frees(struct kunit *test)
{
	long before = tlshake_sock_count();
	struct tcp_pair *p;

	p = tlshake_test_pair(test, param_family(test));
	KUNIT_ASSERT_EQ(test, 0, tlshake_test_attach(p->client));
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before + 1);
	sock_release(p->client);
	p->client = NULL;
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before);
}

static void ulp_attach_twice(struct kunit *test)
{
	struct tcp_pair *p;

	p = tlshake_test_pair(test, param_family(test));
	KUNIT_ASSERT_EQ(test, 0, tlshake_test_attach(p->client));
	KUNIT_EXPECT_EQ(test, -EEXIST, tlshake_test_attach(p->client));
}

static void ulp_attach_listener(struct kunit *test)
{
	long before = tlshake_sock_count();
	struct sockaddr_storage ss;
	struct socket *l;
	int len;

	l = tlshake_test_listener(test, param_family(test), &ss, &len);
	KUNIT_EXPECT_EQ(test, -ENOTCONN, tlshake_test_attach(l));
	KUNIT_EXPECT_NULL(test, inet_csk(l->sk)->icsk_ulp_ops);
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before);
}

static void ulp_attach_unconnected(struct kunit *test)
{
	long before = tlshake_sock_count();
	struct socket *s;

	s = tlshake_test_socket(test, param_family(test), SOCK_STREAM,
				IPPROTO_TCP);
	KUNIT_EXPECT_EQ(test, -ENOTCONN, tlshake_test_attach(s));
	KUNIT_EXPECT_NULL(test, inet_csk(s->sk)->icsk_ulp_ops);
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before);
}

static void ulp_attach_udp(struct kunit *test)
{
	struct socket *s;

	s = tlshake_test_socket(test, param_family(test), SOCK_DGRAM,
				IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, -ENOPROTOOPT, tlshake_test_attach(s));
}

/* Without a session nothing may cross the socket in the clear. */
static void ulp_data_before_session(struct kunit *test)
{
	struct kvec kv;
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	struct tcp_pair *p;
	char buf[4] = "abc";

	p = tlshake_test_pair(test, param_family(test));
	KUNIT_ASSERT_EQ(test, 0, tlshake_test_attach(p->client));
	kv.iov_base = buf;
	kv.iov_len = sizeof(buf);
	KUNIT_EXPECT_EQ(test, -ENOTCONN,
			kernel_sendmsg(p->client, &msg, &kv, 1, sizeof(buf)));
	/* the peer is not attached: its bytes must not be readable either */
	KUNIT_ASSERT_EQ(test, (int)sizeof(buf),
			kernel_sendmsg(p->server, &msg, &kv, 1, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, -ENOTCONN,
			kernel_recvmsg(p->client, &msg, &kv, 1, sizeof(buf),
				       MSG_DONTWAIT));
}

static struct kunit_case tlshake_ulp_cases[] = {
	KUNIT_CASE_PARAM(ulp_attach_connected, family_gen_params),
	KUNIT_CASE_PARAM(ulp_close_frees, family_gen_params),
	KUNIT_CASE_PARAM(ulp_attach_twice, family_gen_params),
	KUNIT_CASE_PARAM(ulp_attach_listener, family_gen_params),
	KUNIT_CASE_PARAM(ulp_attach_unconnected, family_gen_params),
	KUNIT_CASE_PARAM(ulp_attach_udp, family_gen_params),
	KUNIT_CASE_PARAM(ulp_data_before_session, family_gen_params),
	{}
};

static struct kunit_suite tlshake_ulp_suite = {
	.name = "tlshake_ulp",
	.test_cases = tlshake_ulp_cases,
};

kunit_test_suite(tlshake_ulp_suite);

MODULE_DESCRIPTION("KUnit tests for tlshake");
MODULE_LICENSE("GPL");
