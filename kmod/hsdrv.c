// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake driver: start the handshake, move its records between TCP
 * and the engine, and finish it. Each step runs in process context and
 * never waits for the network; what to do when a step cannot go on
 * depends on who drives:
 *
 * - a blocking setsockopt(TLSHAKE_HANDSHAKE) caller drives in its own
 *   context and sleeps on ts->wait between steps, until done, the
 *   deadline, or a signal;
 * - for non-blocking sockets and kernel callers, ts->work drives,
 *   scheduled by the socket callbacks and by a timer at the deadline.
 *
 * The socket callbacks stay hooked until close: after the handshake they
 * schedule the flush of ciphertext that waited for send space.
 */
#include <linux/jiffies.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "hs.h"
#include "hsdrv.h"
#include "keyupdate.h"
#include "stats.h"

#define HS_DEFAULT_TIMEOUT	(30 * HZ)

static void cb_data_ready(struct sock *sk)
{
	void (*saved)(struct sock *sk);
	struct tlshake_sock *ts;

	read_lock_bh(&sk->sk_callback_lock);
	ts = tlshake_sk(sk);
	saved = ts->saved_data_ready;
	tlshake_kick(ts);
	read_unlock_bh(&sk->sk_callback_lock);
	saved(sk);
}

static void cb_write_space(struct sock *sk)
{
	void (*saved)(struct sock *sk);
	struct tlshake_sock *ts;

	read_lock_bh(&sk->sk_callback_lock);
	ts = tlshake_sk(sk);
	saved = ts->saved_write_space;
	tlshake_kick(ts);
	read_unlock_bh(&sk->sk_callback_lock);
	saved(sk);
}

static void cb_state_change(struct sock *sk)
{
	void (*saved)(struct sock *sk);
	struct tlshake_sock *ts;

	read_lock_bh(&sk->sk_callback_lock);
	ts = tlshake_sk(sk);
	saved = ts->saved_state_change;
	tlshake_kick(ts);
	read_unlock_bh(&sk->sk_callback_lock);
	saved(sk);
}

static void cb_error_report(struct sock *sk)
{
	void (*saved)(struct sock *sk);
	struct tlshake_sock *ts;

	read_lock_bh(&sk->sk_callback_lock);
	ts = tlshake_sk(sk);
	saved = ts->saved_error_report;
	tlshake_kick(ts);
	read_unlock_bh(&sk->sk_callback_lock);
	saved(sk);
}

static void hook_callbacks(struct tlshake_sock *ts)
{
	struct sock *sk = ts->sk;

	write_lock_bh(&sk->sk_callback_lock);
	ts->saved_data_ready = sk->sk_data_ready;
	ts->saved_write_space = sk->sk_write_space;
	ts->saved_state_change = sk->sk_state_change;
	ts->saved_error_report = sk->sk_error_report;
	sk->sk_data_ready = cb_data_ready;
	sk->sk_write_space = cb_write_space;
	sk->sk_state_change = cb_state_change;
	sk->sk_error_report = cb_error_report;
	write_unlock_bh(&sk->sk_callback_lock);
}

/**
 * tlshake_hsdrv_unhook() - give the socket its callbacks back
 * @ts: the connection; the caller holds sk_callback_lock for writing
 */
void tlshake_hsdrv_unhook(struct tlshake_sock *ts)
{
	struct sock *sk = ts->sk;

	if (!ts->saved_data_ready)
		return;
	sk->sk_data_ready = ts->saved_data_ready;
	sk->sk_write_space = ts->saved_write_space;
	sk->sk_state_change = ts->saved_state_change;
	sk->sk_error_report = ts->saved_error_report;
}

/* One record in from the peer during the handshake. */
static int hs_dispatch(struct tlshake_sock *ts, u8 type, const u8 *data,
		       size_t len)
{
	int err;

	switch (type) {
	case TLSHAKE_CT_HANDSHAKE:
	case TLSHAKE_CT_CHANGE_CIPHER_SPEC:
		return tlshake_hs_input(ts, type, data, len);
	case TLSHAKE_CT_ALERT:
		err = tlshake_handle_alert(ts, data, len);
		if (!err && ts->rx.eof) {
			/* close_notify before the handshake finished */
			tlshake_fail(ts, -ECONNRESET, TLSHAKE_ALERT_NONE,
				     TLSHAKE_REASON_TRANSPORT);
			err = -ECONNRESET;
		}
		return err;
	default:
		tlshake_fail(ts, -EPROTO, TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
			     TLSHAKE_REASON_UNEXPECTED);
		return -EPROTO;
	}
}

/*
 * Move records until the handshake is done or must wait (-EAGAIN).
 * Called with the rx and tx locks held.
 */
static int hs_step(struct tlshake_sock *ts)
{
	size_t len;
	u8 type, *data;
	int err;

	for (;;) {
		if (READ_ONCE(ts->state) == TLSHAKE_STATE_FAILED)
			return ts->err;
		/* the engine's messages coalesce in an open record */
		err = tlshake_tx_seal(ts);
		if (!err)
			err = tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (err)
			return err;
		if (tlshake_hs_done(ts))
			return 0;
		err = tlshake_rx_record(ts, MSG_DONTWAIT, &type, &data, &len);
		if (err)
			return err;
		err = hs_dispatch(ts, type, data, len);
		tlshake_rx_consume(ts);
		if (err)
			return err;
	}
}

/* The handshake is over: make the session usable and tell everyone. */
static void hs_finish(struct tlshake_sock *ts, int err)
{
	struct sock *sk = ts->sk;

	clear_bit(TLSHAKE_F_ASYNC, &ts->flags);
	del_timer(&ts->timer);
	/* a failure that came first wins (and was counted) */
	if (!err && cmpxchg(&ts->state, TLSHAKE_STATE_HANDSHAKE,
			    TLSHAKE_STATE_ESTABLISHED) !=
	    TLSHAKE_STATE_HANDSHAKE)
		err = READ_ONCE(ts->err);
	if (!err) {
		/* cmpxchg() ordered the session's fields before the state */
		tlshake_stats_hs_done(ts);
		wake_up_all(&ts->wait);
		/* wake pollers: writable now, maybe readable already */
		ts->saved_write_space(sk);
		if (tlshake_rx_readable(ts))
			ts->saved_data_ready(sk);
	}
	if (ts->done && !test_and_set_bit(TLSHAKE_F_DONE_CALLED, &ts->flags))
		ts->done(ts->done_data, err);
}

/* One step under the locks; on a final result, finish. */
static int hs_run(struct tlshake_sock *ts)
{
	int err;

	mutex_lock(&ts->rx_lock);
	mutex_lock(&ts->tx_lock);
	clear_bit(TLSHAKE_F_EVENT, &ts->flags);
	err = hs_step(ts);
	if (err != -EAGAIN)
		tlshake_hs_free(ts);
	if (err && err != -EAGAIN && READ_ONCE(ts->state) !=
	    TLSHAKE_STATE_FAILED)
		tlshake_fail(ts, err, TLSHAKE_ALERT_NONE,
			     TLSHAKE_REASON_TRANSPORT);
	if (err == -EAGAIN && time_after_eq(jiffies, ts->deadline)) {
		tlshake_fail(ts, -ETIMEDOUT, TLSHAKE_ALERT_NONE,
			     TLSHAKE_REASON_TIMEOUT);
		err = -ETIMEDOUT;
	}
	tlshake_tx_unlock(ts);
	mutex_unlock(&ts->rx_lock);
	if (err != -EAGAIN)
		hs_finish(ts, err ? READ_ONCE(ts->err) : 0);
	return err == -EAGAIN ? err : READ_ONCE(ts->err);
}

static void hs_timeout(struct timer_list *t)
{
	struct tlshake_sock *ts = from_timer(ts, t, timer);

	tlshake_kick(ts);
}

/**
 * tlshake_hsdrv_work() - the worker: drive an asynchronous handshake, and
 *	flush ciphertext or a KeyUpdate that waited
 * @work: &struct tlshake_sock.work
 */
void tlshake_hsdrv_work(struct work_struct *work)
{
	struct tlshake_sock *ts = container_of(work, struct tlshake_sock,
					       work);

	if (test_bit(TLSHAKE_F_ASYNC, &ts->flags) &&
	    READ_ONCE(ts->state) == TLSHAKE_STATE_HANDSHAKE) {
		hs_run(ts);
		return;
	}
	if (READ_ONCE(ts->state) != TLSHAKE_STATE_ESTABLISHED)
		return;
	if (test_bit(TLSHAKE_F_TX_PENDING, &ts->flags) ||
	    test_bit(TLSHAKE_F_KEYUPDATE, &ts->flags)) {
		mutex_lock(&ts->tx_lock);
		if (test_bit(TLSHAKE_F_KEYUPDATE, &ts->flags))
			tlshake_keyupdate_send(ts);
		tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
		tlshake_tx_unlock(ts);
		if (tlshake_tx_idle(ts))
			ts->saved_write_space(ts->sk);
	}
}

static bool hs_event(struct tlshake_sock *ts)
{
	return test_bit(TLSHAKE_F_EVENT, &ts->flags) ||
	       READ_ONCE(ts->state) != TLSHAKE_STATE_HANDSHAKE;
}

/* A blocking caller drives until done, the deadline, or a signal. */
static int hs_drive_blocking(struct tlshake_sock *ts)
{
	long left, ret;
	int err;

	for (;;) {
		err = hs_run(ts);
		if (err != -EAGAIN)
			return err;
		left = ts->deadline - jiffies;
		if (left <= 0)
			continue;	/* hs_run() fails it with ETIMEDOUT */
		ret = wait_event_interruptible_timeout(ts->wait,
						       hs_event(ts), left);
		if (ret < 0) {
			tlshake_fail(ts, -EINTR, TLSHAKE_ALERT_NONE,
				     TLSHAKE_REASON_INTERRUPTED);
			hs_finish(ts, -EINTR);
			return -EINTR;
		}
	}
}

static unsigned long hs_timeout_jiffies(struct tlshake_sock *ts,
					const struct tlshake_handshake *p)
{
	long rcv = READ_ONCE(ts->sk->sk_rcvtimeo);
	long snd = READ_ONCE(ts->sk->sk_sndtimeo);
	long t = HS_DEFAULT_TIMEOUT;

	if (p->timeout_ms)
		return msecs_to_jiffies(p->timeout_ms);
	if (rcv != MAX_SCHEDULE_TIMEOUT || snd != MAX_SCHEDULE_TIMEOUT)
		t = max(rcv == MAX_SCHEDULE_TIMEOUT ? 0 : rcv,
			snd == MAX_SCHEDULE_TIMEOUT ? 0 : snd);
	return t;
}

/* Allocate the record buffers and let the engine produce its first flight. */
static int hs_setup(struct tlshake_sock *ts, const struct tlshake_handshake *p)
{
	int err;

	err = tlshake_rx_alloc(ts);
	if (!err)
		err = tlshake_tx_alloc(ts);
	if (err)
		return err;
	ts->deadline = jiffies + hs_timeout_jiffies(ts, p);
	mod_timer(&ts->timer, ts->deadline);
	hook_callbacks(ts);
	mutex_lock(&ts->rx_lock);
	mutex_lock(&ts->tx_lock);
	err = tlshake_hs_new(ts, p);
	tlshake_tx_unlock(ts);
	mutex_unlock(&ts->rx_lock);
	return err;
}

/**
 * tlshake_hsdrv_start() - start the handshake on an attached socket
 * @ts: the connection
 * @p: the parameters (copied by the engine)
 * @async: return at once and let the worker drive
 * @done: called once when an @async handshake ends (not if this fails)
 * @data: for @done
 *
 * Return: 0 when a blocking handshake succeeded; -EINPROGRESS when
 * @async; -EALREADY if a handshake was started before; else the errno the
 * handshake failed with (see &struct tlshake_info); -EINVAL for bad
 * parameters, with the socket left as it was.
 */
int tlshake_hsdrv_start(struct tlshake_sock *ts,
			const struct tlshake_handshake *p, bool async,
			void (*done)(void *data, int err), void *data)
{
	struct tlshake_handshake *cp __free(kfree) = NULL;
	int err;

	cp = kmemdup(p, sizeof(*p), GFP_KERNEL);
	if (!cp)
		return -ENOMEM;
	err = tlshake_hs_params_check(cp);
	if (err)
		return err;
	if (cmpxchg(&ts->state, TLSHAKE_STATE_ATTACHED,
		    TLSHAKE_STATE_HANDSHAKE) != TLSHAKE_STATE_ATTACHED)
		return -EALREADY;
	tlshake_stats_hs_start(ts, cp);
	ts->done = done;
	ts->done_data = data;
	err = hs_setup(ts, cp);
	if (err) {
		if (READ_ONCE(ts->state) != TLSHAKE_STATE_FAILED)
			tlshake_fail(ts, err, TLSHAKE_ALERT_NONE,
				     err == -ENOENT ? TLSHAKE_REASON_CONFIG :
				     TLSHAKE_REASON_INTERNAL);
		/* the caller learns this failure from our return value */
		set_bit(TLSHAKE_F_DONE_CALLED, &ts->flags);
		hs_finish(ts, READ_ONCE(ts->err));
		return READ_ONCE(ts->err);
	}
	if (async) {
		set_bit(TLSHAKE_F_ASYNC, &ts->flags);
		queue_work(tlshake_wq, &ts->work);
		return -EINPROGRESS;
	}
	return hs_drive_blocking(ts);
}

/**
 * tlshake_hsdrv_init() - initialise the driver part of a new connection
 * @ts: the connection
 */
void tlshake_hsdrv_init(struct tlshake_sock *ts)
{
	INIT_WORK(&ts->work, tlshake_hsdrv_work);
	timer_setup(&ts->timer, hs_timeout, 0);
	init_waitqueue_head(&ts->wait);
}

/**
 * tlshake_hsdrv_stop() - stop the timer and the worker for good
 * @ts: the connection; TLSHAKE_F_CLOSING set and callbacks unhooked
 */
void tlshake_hsdrv_stop(struct tlshake_sock *ts)
{
	del_timer_sync(&ts->timer);
	cancel_work_sync(&ts->work);
	/* closed before the handshake ended: it failed, count it so */
	if (cmpxchg(&ts->state, TLSHAKE_STATE_HANDSHAKE,
		    TLSHAKE_STATE_FAILED) == TLSHAKE_STATE_HANDSHAKE) {
		ts->info.error = ECANCELED;
		ts->info.reason = TLSHAKE_REASON_INTERRUPTED;
		tlshake_stats_hs_fail(ts);
	}
	if (ts->hs) {
		mutex_lock(&ts->rx_lock);
		mutex_lock(&ts->tx_lock);
		tlshake_hs_free(ts);
		mutex_unlock(&ts->tx_lock);
		mutex_unlock(&ts->rx_lock);
	}
}
