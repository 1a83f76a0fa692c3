/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket options of an attached socket: SOL_TLSHAKE, and the TCP options
 * that would bypass tlshake.
 */
#ifndef _TLSHAKE_SOCKOPT_H
#define _TLSHAKE_SOCKOPT_H

#include <linux/sockptr.h>
#include <net/sock.h>

int tlshake_setsockopt(struct sock *sk, int level, int optname,
		       sockptr_t optval, unsigned int optlen);
int tlshake_getsockopt(struct sock *sk, int level, int optname,
		       char __user *optval, int __user *optlen);

#endif /* _TLSHAKE_SOCKOPT_H */
