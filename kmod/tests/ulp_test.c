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

#include "ulp.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct tcp_pair {
	struct socket *listener;
	struct socket *client;
	struct socket *server;
};

static int loopback_addr(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		return sizeof(*s6);
	}
	((struct sockaddr_in *)ss)->sin_family = AF_INET;
	((struct sockaddr_in *)ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(struct sockaddr_in);
}

KUNIT_DEFINE_ACTION_WRAPPER(sock_release_action, sock_release,
			    struct socket *);

/* A kernel socket in init_net, released when the test ends. */
static struct socket *test_socket(struct kunit *test, int family, int type,
				  int proto)
{
	struct socket *s;

	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, family, type,
						  proto, &s));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   sock_release_action,
							   s));
	return s;
}

static struct socket *tcp_listener(struct kunit *test, int family,
				   struct sockaddr_storage *ss, int *len)
{
	struct socket *s = test_socket(test, family, SOCK_STREAM, IPPROTO_TCP);

	*len = loopback_addr(family, ss);
	KUNIT_ASSERT_EQ(test, 0, kernel_bind(s, (struct sockaddr *)ss, *len));
	KUNIT_ASSERT_EQ(test, 0, kernel_listen(s, 4));
	KUNIT_ASSERT_EQ(test, *len,
			kernel_getsockname(s, (struct sockaddr *)ss));
	return s;
}

static void tcp_pair_close(void *arg)
{
	struct tcp_pair *p = arg;

	if (p->server)
		sock_release(p->server);
	if (p->client)
		sock_release(p->client);
}

/* A connected client/server pair on loopback, released when the test ends. */
static struct tcp_pair *tcp_pair_open(struct kunit *test, int family)
{
	struct sockaddr_storage ss;
	struct tcp_pair *p;
	int len;

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action(test, tcp_pair_close, p));
	p->listener = tcp_listener(test, family, &ss, &len);
	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, family,
						  SOCK_STREAM, IPPROTO_TCP,
						  &p->client));
	KUNIT_ASSERT_EQ(test, 0, kernel_connect(p->client,
						(struct sockaddr *)&ss, len,
						0));
	KUNIT_ASSERT_EQ(test, 0, kernel_accept(p->listener, &p->server, 0));
	return p;
}

static int attach(struct socket *s)
{
	char name[] = TLSHAKE_ULP_NAME;

	return s->ops->setsockopt(s, SOL_TCP, TCP_ULP, KERNEL_SOCKPTR(name),
				  sizeof(name) - 1);
}

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

	p = tcp_pair_open(test, param_family(test));
	KUNIT_EXPECT_EQ(test, 0, attach(p->client));
	KUNIT_EXPECT_EQ(test, 0, attach(p->server));
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

	p = tcp_pair_open(test, param_family(test));
	KUNIT_ASSERT_EQ(test, 0, attach(p->client));
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before + 1);
	sock_release(p->client);
	p->client = NULL;
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before);
}

static void ulp_attach_twice(struct kunit *test)
{
	struct tcp_pair *p;

	p = tcp_pair_open(test, param_family(test));
	KUNIT_ASSERT_EQ(test, 0, attach(p->client));
	KUNIT_EXPECT_EQ(test, -EEXIST, attach(p->client));
}

static void ulp_attach_listener(struct kunit *test)
{
	long before = tlshake_sock_count();
	struct sockaddr_storage ss;
	struct socket *l;
	int len;

	l = tcp_listener(test, param_family(test), &ss, &len);
	KUNIT_EXPECT_EQ(test, -ENOTCONN, attach(l));
	KUNIT_EXPECT_NULL(test, inet_csk(l->sk)->icsk_ulp_ops);
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before);
}

static void ulp_attach_unconnected(struct kunit *test)
{
	long before = tlshake_sock_count();
	struct socket *s;

	s = test_socket(test, param_family(test), SOCK_STREAM, IPPROTO_TCP);
	KUNIT_EXPECT_EQ(test, -ENOTCONN, attach(s));
	KUNIT_EXPECT_NULL(test, inet_csk(s->sk)->icsk_ulp_ops);
	KUNIT_EXPECT_EQ(test, tlshake_sock_count(), before);
}

static void ulp_attach_udp(struct kunit *test)
{
	struct socket *s;

	s = test_socket(test, param_family(test), SOCK_DGRAM, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, -ENOPROTOOPT, attach(s));
}

/* Without a session nothing may cross the socket in the clear. */
static void ulp_data_before_session(struct kunit *test)
{
	struct kvec kv;
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	struct tcp_pair *p;
	char buf[4] = "abc";

	p = tcp_pair_open(test, param_family(test));
	KUNIT_ASSERT_EQ(test, 0, attach(p->client));
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
