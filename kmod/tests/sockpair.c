// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit helpers: kernel TCP sockets on loopback in init_net.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/tlshake.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "sockpair.h"

KUNIT_DEFINE_ACTION_WRAPPER(sock_release_action, sock_release,
			    struct socket *);

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

/**
 * tlshake_test_socket() - a kernel socket in init_net, released at the end
 * @test: the test
 * @family: AF_INET or AF_INET6
 * @type: SOCK_STREAM or SOCK_DGRAM
 * @proto: IPPROTO_TCP or IPPROTO_UDP
 *
 * Return: the socket.
 */
struct socket *tlshake_test_socket(struct kunit *test, int family, int type,
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

/**
 * tlshake_test_listener() - a TCP listener on a loopback port
 * @test: the test
 * @family: AF_INET or AF_INET6
 * @ss: out: its address
 * @len: out: the address length
 *
 * Return: the socket.
 */
struct socket *tlshake_test_listener(struct kunit *test, int family,
				     struct sockaddr_storage *ss, int *len)
{
	struct socket *s = tlshake_test_socket(test, family, SOCK_STREAM,
					       IPPROTO_TCP);

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

/**
 * tlshake_test_pair() - a connected client/server pair on loopback
 * @test: the test; the sockets still set in the pair are released when
 *	it ends
 * @family: AF_INET or AF_INET6
 *
 * Return: the pair.
 */
struct tcp_pair *tlshake_test_pair(struct kunit *test, int family)
{
	struct sockaddr_storage ss;
	struct tcp_pair *p;
	int len;

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action(test, tcp_pair_close, p));
	p->listener = tlshake_test_listener(test, family, &ss, &len);
	KUNIT_ASSERT_EQ(test, 0, sock_create_kern(&init_net, family,
						  SOCK_STREAM, IPPROTO_TCP,
						  &p->client));
	KUNIT_ASSERT_EQ(test, 0, kernel_connect(p->client,
						(struct sockaddr *)&ss, len,
						0));
	KUNIT_ASSERT_EQ(test, 0, kernel_accept(p->listener, &p->server, 0));
	return p;
}

/**
 * tlshake_test_attach() - setsockopt(TCP_ULP, "tlshake") on a kernel socket
 * @s: the socket
 *
 * Return: the setsockopt result.
 */
int tlshake_test_attach(struct socket *s)
{
	char name[] = TLSHAKE_ULP_NAME;

	return s->ops->setsockopt(s, SOL_TCP, TCP_ULP, KERNEL_SOCKPTR(name),
				  sizeof(name) - 1);
}
