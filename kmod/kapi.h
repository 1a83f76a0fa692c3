/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlshake's API for kernel callers (storage and file-system clients and
 * servers that want TLS on a kernel socket without a userspace upcall).
 *
 * A caller with a connected TCP struct socket starts the handshake with
 * tlshake_handshake_start() and is told the outcome through its callback,
 * from tlshake's workqueue; the socket then carries application data
 * through kernel_sendmsg()/kernel_recvmsg() (sock_sendmsg/sock_recvmsg).
 */
#ifndef _TLSHAKE_KAPI_H
#define _TLSHAKE_KAPI_H

#include <linux/tlshake.h>

struct socket;

/**
 * typedef tlshake_done_t - handshake completion callback
 * @data: the caller's argument
 * @err: 0, or the negative errno the handshake failed with (see
 *	&struct tlshake_info in <linux/tlshake.h>)
 *
 * Called once, in process context (tlshake's workqueue), unless the
 * handshake was cancelled first.
 */
typedef void (*tlshake_done_t)(void *data, int err);

int tlshake_handshake_start(struct socket *sock,
			    const struct tlshake_handshake *params,
			    tlshake_done_t done, void *data);
bool tlshake_handshake_cancel(struct socket *sock);

#endif /* _TLSHAKE_KAPI_H */
