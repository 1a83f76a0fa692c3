// SPDX-License-Identifier: GPL-2.0
/*
 * Session state shared by both directions: failing a session (and telling
 * the peer and the application), received alerts, waiting for the
 * handshake, and waking whoever drives it.
 */
#include <linux/sched/signal.h>
#include <net/sock.h>

#include "conn.h"
#include "resume.h"
#include "stats.h"

/**
 * tlshake_fail() - end the session with an error
 * @ts: the connection
 * @err: the negative errno every later call reports
 * @alert: the fatal alert to send the peer, or %TLSHAKE_ALERT_NONE
 * @reason: &enum tlshake_reason for TLSHAKE_INFO
 *
 * Only the first failure counts. The alert is sent now if the tx lock is
 * free, else by the context that holds it when it lets go. Pollers see
 * POLLERR and SO_ERROR reports @err.
 */
void tlshake_fail(struct tlshake_sock *ts, int err, u8 alert, u32 reason)
{
	struct tlshake_session *sess;

	if (cmpxchg(&ts->err, 0, err) != 0)
		return;
	/*
	 * RFC 5246 7.2.2: a fatal alert invalidates the session. TLS 1.3 has
	 * no such rule; its tickets replace the session after the handshake.
	 */
	sess = ts->info.version == TLSHAKE_VERSION_1_3 ? NULL :
	       READ_ONCE(ts->session);
	if (sess && (alert != TLSHAKE_ALERT_NONE ||
		     reason == TLSHAKE_REASON_PEER_ALERT))
		tlshake_session_invalidate(sess);
	ts->info.error = -err;
	ts->info.reason = reason;
	if (alert != TLSHAKE_ALERT_NONE) {
		ts->info.alert_sent = alert;
		tlshake_stats_alert(ts, alert, true);
	}
	if (xchg(&ts->state, TLSHAKE_STATE_FAILED) == TLSHAKE_STATE_HANDSHAKE)
		tlshake_stats_hs_fail(ts);
	wake_up_all(&ts->wait);

	if (alert == TLSHAKE_ALERT_NONE) {
		tlshake_fail_report(ts);
		return;
	}
	/* TCP refuses to send once sk_err is set: the alert goes first */
	WRITE_ONCE(ts->pending_alert, alert);
	set_bit(TLSHAKE_F_ALERT_PENDING, &ts->flags);
	/* pairs with the barrier after the unlock in tlshake_tx_unlock() */
	smp_mb__after_atomic();
	if (mutex_trylock(&ts->tx_lock))
		tlshake_tx_unlock(ts);
}

/**
 * tlshake_fail_report() - tell the socket's users about a failure
 * @ts: the connection, failed by tlshake_fail()
 *
 * SO_ERROR and pollers see the session's errno. Called when the fatal
 * alert, if any, has been handed to TCP.
 */
void tlshake_fail_report(struct tlshake_sock *ts)
{
	struct sock *sk = ts->sk;

	WRITE_ONCE(sk->sk_err, -READ_ONCE(ts->err));
	sk_error_report(sk);
}

/**
 * tlshake_check_usable() - whether data may flow now
 * @ts: the connection
 *
 * Return: 0 if established; -ENOTCONN before a handshake; -EAGAIN while it
 * runs; the session's errno after a failure.
 */
int tlshake_check_usable(struct tlshake_sock *ts)
{
	switch (READ_ONCE(ts->state)) {
	case TLSHAKE_STATE_ESTABLISHED:
		return 0;
	case TLSHAKE_STATE_HANDSHAKE:
		return -EAGAIN;
	case TLSHAKE_STATE_FAILED:
		return READ_ONCE(ts->err);
	default:
		return -ENOTCONN;
	}
}

/**
 * tlshake_wait_established() - wait for a running handshake to finish
 * @ts: the connection
 * @nonblock: fail with -EAGAIN instead of waiting
 *
 * Return: 0 once established, or as tlshake_check_usable(); -ERESTARTSYS
 * if a signal arrives while waiting.
 */
int tlshake_wait_established(struct tlshake_sock *ts, bool nonblock)
{
	int err = tlshake_check_usable(ts);

	if (err != -EAGAIN || nonblock)
		return err;
	if (wait_event_interruptible(ts->wait,
				     READ_ONCE(ts->state) !=
				     TLSHAKE_STATE_HANDSHAKE))
		return -ERESTARTSYS;
	return tlshake_check_usable(ts);
}

/**
 * tlshake_handle_alert() - act on a received alert record
 * @ts: the connection
 * @data: the record's plaintext
 * @len: its length
 *
 * close_notify ends reading (end of file). user_canceled is ignored: a
 * close_notify follows it. In TLS 1.2 other warnings are ignored too; any
 * other alert fails the session with ECONNABORTED.
 *
 * Return: 0 if the session goes on (or reading ended cleanly), else the
 * session's errno.
 */
int tlshake_handle_alert(struct tlshake_sock *ts, const u8 *data, size_t len)
{
	bool tls13 = ts->info.version == TLSHAKE_VERSION_1_3 ||
		     !ts->info.version;

	if (len != 2) {
		tlshake_fail(ts, -EBADMSG, TLSHAKE_ALERT_DECODE_ERROR,
			     TLSHAKE_REASON_DECODE);
		return -EBADMSG;
	}
	if (data[1] == TLSHAKE_ALERT_CLOSE_NOTIFY) {
		WRITE_ONCE(ts->rx.eof, true);
		return 0;
	}
	if (data[1] == TLSHAKE_ALERT_USER_CANCELED ||
	    (!tls13 && data[0] == TLSHAKE_ALERT_LEVEL_WARNING))
		return 0;
	ts->info.alert_received = data[1];
	tlshake_stats_alert(ts, data[1], false);
	tlshake_fail(ts, -ECONNABORTED, TLSHAKE_ALERT_NONE,
		     TLSHAKE_REASON_PEER_ALERT);
	return -ECONNABORTED;
}

/**
 * tlshake_kick() - something happened on the socket: wake the driver
 * @ts: the connection
 *
 * Called from socket callbacks (softirq). A blocking handshake caller is
 * woken; the worker is scheduled for asynchronous handshakes and for
 * ciphertext waiting for send space.
 */
void tlshake_kick(struct tlshake_sock *ts)
{
	set_bit(TLSHAKE_F_EVENT, &ts->flags);
	wake_up_all(&ts->wait);
	if (test_bit(TLSHAKE_F_CLOSING, &ts->flags))
		return;
	if (test_bit(TLSHAKE_F_ASYNC, &ts->flags) ||
	    test_bit(TLSHAKE_F_TX_PENDING, &ts->flags))
		queue_work(tlshake_wq, &ts->work);
}
