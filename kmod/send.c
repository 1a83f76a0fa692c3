// SPDX-License-Identifier: GPL-2.0
/*
 * Application data out: sendmsg() (and so write(), sendfile() and splice()
 * into the socket), MSG_MORE corking, splice_eof, and close_notify.
 */
#include <linux/sched/signal.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "keyupdate.h"

#define SEND_FLAGS	(MSG_MORE | MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR | \
			 MSG_SPLICE_PAGES | MSG_CMSG_COMPAT)

/* EPIPE for writes after shutdown or close_notify, with SIGPIPE. */
static int send_closed(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	return -EPIPE;
}

/*
 * Before new data: flush what waits, answer a KeyUpdate we owe, and
 * rekey before the AEAD usage limit.
 */
static int send_prepare(struct tlshake_sock *ts, int flags)
{
	int err;

	if (ts->tx.close_sent || (ts->sk->sk_shutdown & SEND_SHUTDOWN))
		return send_closed(flags);
	err = tlshake_tx_push(ts, flags);
	if (err)
		return err;
	if (test_bit(TLSHAKE_F_KEYUPDATE, &ts->flags) ||
	    tlshake_rec_needs_rekey(&ts->tx.dir)) {
		err = tlshake_keyupdate_send(ts);
		if (err)
			return err;
		err = tlshake_tx_push(ts, flags);
	}
	return err;
}

/*
 * Copy from @msg into records, pushing each full one; with a full record
 * already waiting for send space, stop accepting data.
 */
static int send_copy(struct tlshake_sock *ts, struct msghdr *msg, int flags,
		     size_t *copied)
{
	struct tlshake_tx *tx = &ts->tx;
	size_t chunk;
	int err;

	while (msg_data_left(msg)) {
		/* a KeyUpdate we owe goes before more application data */
		if (test_bit(TLSHAKE_F_KEYUPDATE, &ts->flags) ||
		    tlshake_rec_needs_rekey(&tx->dir)) {
			err = tlshake_tx_seal(ts);
			if (!err)
				err = tlshake_keyupdate_send(ts);
			if (err)
				return err;
		}
		chunk = min(msg_data_left(msg), tx->max_plain);
		err = tlshake_tx_fill(ts, TLSHAKE_CT_APPLICATION_DATA,
				      &msg->msg_iter, chunk, copied);
		if (err)
			return err;
		if (tx->head < tx->tail) {
			err = tlshake_tx_push(ts, flags);
			if (err)
				return err;
		}
	}
	return 0;
}

/**
 * tlshake_sendmsg() - ->sendmsg of an attached socket
 * @sk: the socket
 * @msg: the data and flags (MSG_MORE, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_EOR,
 *	MSG_SPLICE_PAGES from sendfile/splice: the pages are copied)
 * @size: bytes in @msg
 *
 * Data goes into records of up to 2^14 bytes (or the peer's
 * record_size_limit). Without MSG_MORE the last record is sent at once;
 * with it, the record stays open for the next call or splice_eof.
 *
 * Return: bytes accepted, or a negative errno: -ENOTCONN before a
 * handshake, -EAGAIN while it runs (non-blocking) or when TCP has no room,
 * -EPIPE after shutdown or close_notify, the session's errno after a
 * failure, -EOPNOTSUPP for other flags.
 */
int tlshake_sendmsg(struct sock *sk, struct msghdr *msg, size_t size)
{
	struct tlshake_sock *ts = tlshake_sk(sk);
	int flags = msg->msg_flags, err;
	size_t copied = 0;

	if (flags & ~SEND_FLAGS)
		return -EOPNOTSUPP;
	err = tlshake_wait_established(ts, flags & MSG_DONTWAIT);
	if (err)
		return err;

	mutex_lock(&ts->tx_lock);
	err = send_prepare(ts, flags);
	if (!err)
		err = send_copy(ts, msg, flags, &copied);
	if (!err && !(flags & MSG_MORE)) {
		err = tlshake_tx_seal(ts);
		if (!err)
			err = tlshake_tx_push(ts, flags);
	}
	if (err && err != -EAGAIN && err != -EPIPE && err != -ERESTARTSYS &&
	    err != -EINTR)
		tlshake_fail(ts, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			     TLSHAKE_REASON_TRANSPORT);
	tlshake_tx_unlock(ts);
	return copied ? copied : err;
}

/**
 * tlshake_splice_eof() - the splice into the socket ended: send the record
 *	that MSG_MORE kept open
 * @sock: the socket
 */
void tlshake_splice_eof(struct socket *sock)
{
	struct tlshake_sock *ts = tlshake_sk(sock->sk);

	if (tlshake_check_usable(ts))
		return;
	mutex_lock(&ts->tx_lock);
	if (!tlshake_tx_seal(ts))
		tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
	tlshake_tx_unlock(ts);
}

/* Push, waiting for send space at most until @timeo runs out. */
static int push_wait(struct tlshake_sock *ts, long *timeo)
{
	struct sock *sk = ts->sk;
	int err;

	for (;;) {
		err = tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (err != -EAGAIN || !*timeo)
			return err;
		lock_sock(sk);
		err = sk_stream_wait_memory(sk, timeo);
		release_sock(sk);
		if (err)
			return err;
	}
}

/**
 * tlshake_send_close_notify() - send close_notify after the queued data
 * @ts: the connection
 * @timeo: how long to wait for send space (jiffies), 0 for not at all
 *
 * Return: 0, or the error that kept the queued bytes from TCP.
 */
int tlshake_send_close_notify(struct tlshake_sock *ts, long timeo)
{
	int err;

	if (READ_ONCE(ts->state) != TLSHAKE_STATE_ESTABLISHED)
		return 0;
	mutex_lock(&ts->tx_lock);
	err = tlshake_tx_alert(ts, TLSHAKE_ALERT_LEVEL_WARNING,
			       TLSHAKE_ALERT_CLOSE_NOTIFY);
	if (!err)
		err = push_wait(ts, &timeo);
	tlshake_tx_unlock(ts);
	return err;
}
