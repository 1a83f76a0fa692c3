/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tlshake upper layer protocol: per-socket context and its life cycle.
 */
#ifndef _TLSHAKE_ULP_H
#define _TLSHAKE_ULP_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>

/**
 * struct tlshake_sock - tlshake state attached to one TCP socket
 * @sk: the TCP socket
 * @sk_proto: the protocol the socket had before attach; restored on close
 *	and called for everything tlshake does not handle itself
 * @state: &enum tlshake_state, read locklessly by getsockopt
 * @rcu: frees the context after concurrent lockless readers are done
 */
struct tlshake_sock {
	struct sock *sk;
	struct proto *sk_proto;
	u8 state;
	struct rcu_head rcu;
};

/**
 * tlshake_sk() - the tlshake context of a socket
 * @sk: a socket that has tlshake attached
 *
 * Valid while the caller holds the socket lock or otherwise keeps the
 * socket from being closed: the context is only freed from close().
 */
static inline struct tlshake_sock *tlshake_sk(const struct sock *sk)
{
	return (__force struct tlshake_sock *)inet_csk(sk)->icsk_ulp_data;
}

int tlshake_ulp_register(void);
void tlshake_ulp_unregister(void);
long tlshake_sock_count(void);

#endif /* _TLSHAKE_ULP_H */
