// SPDX-License-Identifier: GPL-2.0
/*
 * The API for kernel callers: start a handshake on a kernel socket and be
 * called back when it ends, or cancel it.
 */
#include <linux/export.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <net/tcp.h>

#include "conn.h"
#include "hsdrv.h"
#include "kapi.h"

static int attach(struct socket *sock)
{
	char name[] = TLSHAKE_ULP_NAME;
	int err;

	err = sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP,
				    KERNEL_SOCKPTR(name), sizeof(name) - 1);
	/* already ours is fine; another ULP is not */
	if (err == -EEXIST && inet_csk(sock->sk)->icsk_ulp_ops &&
	    !strcmp(inet_csk(sock->sk)->icsk_ulp_ops->name, name))
		return 0;
	return err;
}

/**
 * tlshake_handshake_start() - run a TLS handshake on a kernel socket
 * @sock: a connected TCP socket (IPv4 or IPv6)
 * @params: the handshake parameters, as userspace passes them to
 *	TLSHAKE_HANDSHAKE (credential and trust-store names are looked up in
 *	the socket's network namespace); copied
 * @done: called when the handshake has completed or failed
 * @data: its argument
 *
 * Attaches tlshake to @sock if needed and starts the handshake in
 * tlshake's workqueue; it never blocks on the network.
 *
 * Context: process context; may sleep.
 * Return: 0 if the handshake was started (@done will be called, unless
 * tlshake_handshake_cancel() says otherwise); -ENOTCONN if @sock is not a
 * connected TCP socket; -EEXIST if another upper layer protocol is
 * attached; -EALREADY if a handshake was started before; -EINVAL for bad
 * parameters; -ENOENT for a credential or trust store that does not
 * exist; -ENOMEM. On an error @done is not called.
 */
int tlshake_handshake_start(struct socket *sock,
			    const struct tlshake_handshake *params,
			    tlshake_done_t done, void *data)
{
	struct tlshake_sock *ts;
	int err;

	if (!sock->sk || sock->sk->sk_protocol != IPPROTO_TCP)
		return -ENOTCONN;
	err = attach(sock);
	if (err)
		return err;
	ts = tlshake_sk(sock->sk);
	/* on an error @done is not called (see tlshake_hsdrv_start()) */
	err = tlshake_hsdrv_start(ts, params, true, done, data);
	return err == -EINPROGRESS ? 0 : err;
}
EXPORT_SYMBOL_GPL(tlshake_handshake_start);

/**
 * tlshake_handshake_cancel() - stop a handshake started by
 *	tlshake_handshake_start()
 * @sock: the socket
 *
 * If the handshake has not completed yet, it fails with -ECANCELED (the
 * session is unusable) and its callback will not be called. Either way,
 * when this returns, the callback is not running and will not run.
 *
 * Context: process context; may sleep.
 * Return: true if the handshake was cancelled, false if it had completed
 * (and its callback was or is being called; this waits for it).
 */
bool tlshake_handshake_cancel(struct socket *sock)
{
	struct tlshake_sock *ts = tlshake_sk(sock->sk);
	bool cancelled;

	cancelled = !test_and_set_bit(TLSHAKE_F_DONE_CALLED, &ts->flags);
	if (cancelled)
		tlshake_fail(ts, -ECANCELED, TLSHAKE_ALERT_USER_CANCELED,
			     TLSHAKE_REASON_INTERRUPTED);
	flush_work(&ts->work);
	return cancelled;
}
EXPORT_SYMBOL_GPL(tlshake_handshake_cancel);
