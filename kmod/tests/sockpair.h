/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit helpers: kernel TCP sockets on loopback in init_net, released when
 * the test ends.
 */
#ifndef _TLSHAKE_TEST_SOCKPAIR_H
#define _TLSHAKE_TEST_SOCKPAIR_H

#include <kunit/test.h>
#include <linux/net.h>

/**
 * struct tcp_pair - a connected loopback pair and its listener
 * @listener: the listening socket
 * @client: the connecting end (set to NULL if the test releases it)
 * @server: the accepted end (likewise)
 */
struct tcp_pair {
	struct socket *listener;
	struct socket *client;
	struct socket *server;
};

struct socket *tlshake_test_socket(struct kunit *test, int family, int type,
				   int proto);
struct socket *tlshake_test_listener(struct kunit *test, int family,
				     struct sockaddr_storage *ss, int *len);
struct tcp_pair *tlshake_test_pair(struct kunit *test, int family);
int tlshake_test_attach(struct socket *s);

#endif /* _TLSHAKE_TEST_SOCKPAIR_H */
