// SPDX-License-Identifier: GPL-2.0
/*
 * Application data in: recvmsg() (and so read()), splice() out of the
 * socket, and poll(). Records other than application data that arrive
 * after the handshake (alerts, KeyUpdate, NewSessionTicket) are handled
 * here on the way.
 */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/splice.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "keyupdate.h"

/*
 * Read records until one carries application data (left pending in
 * rx.plain_*), reading ends, or an error.
 */
static int recv_next(struct tlshake_sock *ts, int flags)
{
	struct tlshake_rx *rx = &ts->rx;
	size_t len;
	u8 type, *data;
	int err;

	while (!rx->eof) {
		err = tlshake_rx_record(ts, flags, &type, &data, &len);
		if (err)
			return err;
		switch (type) {
		case TLSHAKE_CT_APPLICATION_DATA:
			if (!len)
				break;
			rx->plain_off = data - rx->buf;
			WRITE_ONCE(rx->plain_len, len);
			return 0;
		case TLSHAKE_CT_ALERT:
			err = tlshake_handle_alert(ts, data, len);
			break;
		case TLSHAKE_CT_HANDSHAKE:
			err = tlshake_post_handshake(ts, data, len);
			break;
		default:
			tlshake_fail(ts, -EPROTO,
				     TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
				     TLSHAKE_REASON_UNEXPECTED);
			err = -EPROTO;
		}
		tlshake_rx_consume(ts);
		if (err)
			return err;
	}
	return 0;
}

/**
 * tlshake_rx_pending_tickets() - handle the records that have already
 *	arrived, up to the first application data, without waiting
 * @ts: the connection, established
 *
 * For TLSHAKE_SESSION on a TLS 1.3 client: the server's NewSessionTickets
 * follow the handshake and are otherwise handled only as the program
 * reads. Nothing is done if a reader holds the receive side (it handles
 * them itself).
 *
 * Return: 0, -EBUSY if a reader holds the receive side, or the session's
 * errno if a record failed it.
 */
int tlshake_rx_pending_tickets(struct tlshake_sock *ts)
{
	int err = 0;

	if (!mutex_trylock(&ts->rx_lock))
		return -EBUSY;
	if (!ts->rx.plain_len)
		err = recv_next(ts, MSG_DONTWAIT);
	mutex_unlock(&ts->rx_lock);
	return err == -EAGAIN ? 0 : err;
}

/* Copy pending plaintext out; consume it unless peeking. */
static int recv_copy(struct tlshake_sock *ts, struct msghdr *msg,
		     size_t len, int flags, size_t *copied)
{
	struct tlshake_rx *rx = &ts->rx;
	size_t n = min(rx->plain_len, len);

	if (copy_to_iter(rx->buf + rx->plain_off, n, &msg->msg_iter) != n)
		return -EFAULT;
	*copied += n;
	if (flags & MSG_PEEK)
		return 0;
	rx->plain_off += n;
	WRITE_ONCE(rx->plain_len, rx->plain_len - n);
	if (!rx->plain_len)
		tlshake_rx_consume(ts);
	return 0;
}

/**
 * tlshake_recvmsg() - ->recvmsg of an attached socket
 * @sk: the socket
 * @msg: where the data goes
 * @len: at most this many bytes
 * @flags: MSG_DONTWAIT, MSG_WAITALL, MSG_PEEK (peeks into the current
 *	record only), MSG_TRUNC is not supported
 * @addr_len: unused (TCP)
 *
 * Return: bytes read; 0 at end of file (close_notify received); or a
 * negative errno: -ENOTCONN before a handshake, -EAGAIN, -ERESTARTSYS,
 * -ECONNRESET if TCP closed without close_notify, the session's errno
 * after a failure (for example -ECONNABORTED after a fatal alert).
 */
int tlshake_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		    int flags, int *addr_len)
{
	struct tlshake_sock *ts = tlshake_sk(sk);
	struct tlshake_rx *rx = &ts->rx;
	size_t copied = 0, target;
	int err;

	if (flags & MSG_ERRQUEUE)
		return ts->sk_proto->recvmsg(sk, msg, len, flags, addr_len);
	if (flags & (MSG_OOB | MSG_TRUNC))
		return -EOPNOTSUPP;
	err = tlshake_wait_established(ts, flags & MSG_DONTWAIT);
	if (err)
		return err;

	target = sock_rcvlowat(sk, flags & MSG_WAITALL, len);
	mutex_lock(&ts->rx_lock);
	while (copied < len) {
		if (rx->plain_len) {
			err = recv_copy(ts, msg, len - copied, flags, &copied);
			if (err || (flags & MSG_PEEK))
				break;
			continue;
		}
		if (rx->eof)
			break;
		err = recv_next(ts, copied >= target ? flags | MSG_DONTWAIT :
			       flags);
		if (err)
			break;
	}
	mutex_unlock(&ts->rx_lock);
	if (copied)
		return copied;
	return err;
}

/**
 * tlshake_splice_read() - ->splice_read of an attached socket
 * @sock: the socket
 * @ppos: unused
 * @pipe: where the data goes
 * @len: at most this many bytes
 * @flags: SPLICE_F_NONBLOCK
 *
 * Decrypted data is copied into the pipe through the socket's read path.
 *
 * Return: bytes spliced, 0 at end of file, or a negative errno as
 * tlshake_recvmsg() returns.
 */
ssize_t tlshake_splice_read(struct socket *sock, loff_t *ppos,
			    struct pipe_inode_info *pipe, size_t len,
			    unsigned int flags)
{
	struct tlshake_sock *ts = tlshake_sk(sock->sk);
	int err = tlshake_check_usable(ts);

	if (err && err != -EAGAIN)
		return err;
	if (!sock->file)
		return -EOPNOTSUPP;
	return copy_splice_read(sock->file, ppos, pipe, len, flags);
}

/**
 * tlshake_poll() - ->poll of an attached socket
 * @file: the socket's file
 * @sock: the socket
 * @wait: poll table
 *
 * While the handshake runs, neither readable nor writable; a failed
 * session is readable, writable and in error (every call returns at once).
 * Established: readable when a read would return without waiting for the
 * network; writable when TCP is and no sealed record waits for room.
 *
 * Return: the event mask.
 */
__poll_t tlshake_poll(struct file *file, struct socket *sock,
		      struct poll_table_struct *wait)
{
	struct tlshake_sock *ts = tlshake_sk(sock->sk);
	__poll_t mask = ts->base_ops->poll(file, sock, wait);

	switch (READ_ONCE(ts->state)) {
	case TLSHAKE_STATE_HANDSHAKE:
		mask &= ~(EPOLLIN | EPOLLRDNORM | EPOLLOUT | EPOLLWRNORM);
		break;
	case TLSHAKE_STATE_FAILED:
		mask |= EPOLLERR | EPOLLIN | EPOLLRDNORM | EPOLLOUT |
			EPOLLWRNORM;
		break;
	case TLSHAKE_STATE_ESTABLISHED:
		if (!tlshake_rx_readable(ts) &&
		    !(mask & (EPOLLHUP | EPOLLRDHUP)))
			mask &= ~(EPOLLIN | EPOLLRDNORM);
		if (!tlshake_tx_idle(ts))
			mask &= ~(EPOLLOUT | EPOLLWRNORM);
		break;
	}
	return mask;
}
