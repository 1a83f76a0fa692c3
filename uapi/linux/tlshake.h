/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * tlshake: the TLS handshake and record layer in the kernel.
 *
 * Attach to a connected TCP socket:
 *
 *	setsockopt(fd, SOL_TCP, TCP_ULP, "tlshake", sizeof("tlshake") - 1);
 *
 * then use the options below at level SOL_TLSHAKE.
 *
 * Errors from attaching (TCP_ULP):
 *
 *	ENOTCONN	the socket is not connected (also for listening sockets)
 *	EEXIST		an upper layer protocol is already attached
 *	ENOPROTOOPT	not a TCP socket (e.g. UDP)
 *	ENOENT		the tlshake module is not loaded and cannot be loaded
 *
 * Until a TLS session is established, data calls on an attached socket
 * (read, write, sendmsg, recvmsg, sendfile, splice, TCP_ZEROCOPY_RECEIVE)
 * fail with ENOTCONN: no byte crosses the socket unprotected.
 */
#ifndef _UAPI_LINUX_TLSHAKE_H
#define _UAPI_LINUX_TLSHAKE_H

#include <linux/types.h>

/**
 * define SOL_TLSHAKE - socket option level of tlshake
 *
 * The kernel allocates SOL_* levels sequentially from 0 (SOL_VSOCK is 287
 * in Linux 6.12); this value sits far above them, so it can never collide
 * with a level the kernel hands to TCP or to another upper layer protocol.
 */
#define SOL_TLSHAKE		0x746c	/* 29804 */

/** define TLSHAKE_ULP_NAME - name to pass to setsockopt(TCP_ULP) */
#define TLSHAKE_ULP_NAME	"tlshake"

/**
 * enum tlshake_sockopt - options at level %SOL_TLSHAKE
 * @TLSHAKE_STATE: getsockopt only; a __u32 from &enum tlshake_state.
 */
enum tlshake_sockopt {
	TLSHAKE_STATE = 1,
};

/**
 * enum tlshake_state - life cycle of an attached socket
 * @TLSHAKE_STATE_ATTACHED: attached; no TLS session yet, data calls fail
 *	with ENOTCONN.
 */
enum tlshake_state {
	TLSHAKE_STATE_ATTACHED = 1,
};

/*
 * The generic netlink family that manages credentials and trust stores is
 * described by <linux/tlshake_nl.h>, generated from
 * Documentation/netlink/specs/tlshake.yaml.
 */

#endif /* _UAPI_LINUX_TLSHAKE_H */
