// SPDX-License-Identifier: GPL-2.0
/*
 * The send side: fill records in place in one queue, seal them, and hand
 * the ciphertext to TCP. The queue holds sealed records from head to tail
 * and, at tail, at most one open record still being filled (MSG_MORE, or
 * handshake messages coalescing into one record). Handshake flights may
 * grow the queue; application data keeps at most one sealed record waiting
 * for send space, so memory stays bounded.
 */
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/unaligned.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "keyupdate.h"
#include "stats.h"

/* Room for one record of the largest allowed plaintext, and its overhead. */
#define TX_RECORD_ROOM	(TLSHAKE_REC_HDR_LEN + TLSHAKE_REC_EXPLICIT_NONCE_LEN + \
			 TLSHAKE_MAX_PLAINTEXT + 1 + TLSHAKE_REC_TAG_LEN)

/**
 * tlshake_tx_alloc() - allocate the send queue
 * @ts: the connection
 *
 * Return: 0 or -ENOMEM.
 */
int tlshake_tx_alloc(struct tlshake_sock *ts)
{
	struct tlshake_tx *tx = &ts->tx;

	tx->cap = 2 * TX_RECORD_ROOM;
	tx->buf = kvmalloc(tx->cap, GFP_KERNEL);
	if (!tx->buf)
		return -ENOMEM;
	tx->max_plain = TLSHAKE_MAX_PLAINTEXT;
	return 0;
}

/**
 * tlshake_tx_free() - free the send queue and wipe the send keys
 * @ts: the connection
 */
void tlshake_tx_free(struct tlshake_sock *ts)
{
	struct tlshake_tx *tx = &ts->tx;

	if (tx->keyed)
		tlshake_rec_free(&tx->dir);
	kvfree_sensitive(tx->buf, tx->cap);
	memzero_explicit(tx, sizeof(*tx));
}

static size_t tx_payload_off(const struct tlshake_tx *tx)
{
	return tx->keyed ? tlshake_rec_payload_offset(&tx->dir) :
			   TLSHAKE_REC_HDR_LEN;
}

/* Make @need bytes available at @tail: compact, then grow. */
static int tx_reserve(struct tlshake_tx *tx, size_t need)
{
	size_t used = tx->tail - tx->head, cap;
	u8 *buf;

	if (tx->tail + need <= tx->cap)
		return 0;
	if (used + need <= tx->cap) {
		memmove(tx->buf, tx->buf + tx->head, used);
		tx->head = 0;
		tx->tail = used;
		return 0;
	}
	cap = max(2 * tx->cap, used + need);
	if (cap > TLSHAKE_TXQ_MAX)
		return -ENOBUFS;
	buf = kvmalloc(cap, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, tx->buf + tx->head, used);
	kvfree_sensitive(tx->buf, tx->cap);
	tx->buf = buf;
	tx->cap = cap;
	tx->head = 0;
	tx->tail = used;
	return 0;
}

/**
 * tlshake_tx_seal() - close the open record and protect it
 * @ts: the connection; tx lock held
 *
 * An empty open record is dropped, not sent.
 *
 * Return: 0, or the error of tlshake_rec_seal() (-EKEYEXPIRED when the
 * key has reached its usage limit).
 */
int tlshake_tx_seal(struct tlshake_sock *ts)
{
	struct tlshake_tx *tx = &ts->tx;
	u8 *rec = tx->buf + tx->tail;
	int n;

	if (!tx->open)
		return 0;
	tx->open = false;
	if (!tx->open_len)
		return 0;
	if (tx->keyed) {
		n = tlshake_rec_seal(&tx->dir, tx->open_type, rec, tx->open_len,
				     0, tx->cap - tx->tail);
		if (n < 0)
			return n;
	} else {
		rec[0] = tx->open_type;
		rec[1] = 3;
		rec[2] = 3;
		put_unaligned_be16(tx->open_len, rec + 3);
		n = TLSHAKE_REC_HDR_LEN + tx->open_len;
	}
	tx->tail += n;
	tlshake_stats_inc(sock_net(ts->sk), TLSHAKE_MIB_REC_SENT);
	return 0;
}

/* Open a record of @type at the tail unless one with room is open. */
static int tx_open(struct tlshake_sock *ts, u8 type)
{
	struct tlshake_tx *tx = &ts->tx;
	int err;

	if (tx->open && tx->open_type == type && tx->open_len < tx->max_plain)
		return 0;
	err = tlshake_tx_seal(ts);
	if (err)
		return err;
	err = tx_reserve(tx, TX_RECORD_ROOM);
	if (err)
		return err;
	tx->open = true;
	tx->open_type = type;
	tx->open_len = 0;
	return 0;
}

/**
 * tlshake_tx_fill() - copy bytes into records of a content type
 * @ts: the connection; tx lock held
 * @type: content type
 * @from: the bytes
 * @len: how many to take from @from
 * @done: incremented by the number taken (also on error)
 *
 * Records that fill up are sealed; the last one stays open.
 *
 * Return: 0, -EFAULT, -ENOBUFS, -ENOMEM or a sealing error.
 */
int tlshake_tx_fill(struct tlshake_sock *ts, u8 type, struct iov_iter *from,
		    size_t len, size_t *done)
{
	struct tlshake_tx *tx = &ts->tx;
	size_t n;
	u8 *dst;
	int err;

	while (len) {
		err = tx_open(ts, type);
		if (err)
			return err;
		n = min(len, tx->max_plain - tx->open_len);
		dst = tx->buf + tx->tail + tx_payload_off(tx) + tx->open_len;
		if (copy_from_iter(dst, n, from) != n)
			return -EFAULT;
		tx->open_len += n;
		*done += n;
		len -= n;
		if (tx->open_len == tx->max_plain) {
			err = tlshake_tx_seal(ts);
			if (err)
				return err;
		}
	}
	return 0;
}

/**
 * tlshake_tx_append() - queue bytes of a content type (handshake, alert)
 * @ts: the connection; tx lock held
 * @type: content type
 * @data: the bytes
 * @len: their number
 *
 * Consecutive appends of one type share records; a type change or a key
 * change (tlshake_tx_set_key()) closes the open record first.
 *
 * Return: 0, -ENOBUFS if the queue would exceed %TLSHAKE_TXQ_MAX, -ENOMEM,
 * or a sealing error.
 */
int tlshake_tx_append(struct tlshake_sock *ts, u8 type, const void *data,
		      size_t len)
{
	struct kvec kv = { .iov_base = (void *)data, .iov_len = len };
	struct iov_iter it;
	size_t done = 0;

	iov_iter_kvec(&it, ITER_SOURCE, &kv, 1, len);
	return tlshake_tx_fill(ts, type, &it, len, &done);
}

/**
 * tlshake_tx_set_key() - protect the records that follow with a new key
 * @ts: the connection; tx lock held
 * @suite: the cipher suite
 * @tls13: TLS 1.3 record format
 * @key: the write key
 * @iv: the write IV (TLS 1.2 AES-GCM: the 4-byte salt)
 *
 * Seals what was queued under the old key first.
 *
 * Return: 0 or a negative errno.
 */
int tlshake_tx_set_key(struct tlshake_sock *ts,
		       const struct tlshake_suite *suite, bool tls13,
		       const u8 *key, const u8 *iv)
{
	struct tlshake_tx *tx = &ts->tx;
	int err;

	err = tlshake_tx_seal(ts);
	if (err)
		return err;
	if (tx->keyed && tx->dir.suite == suite && tx->dir.tls13 == tls13)
		return tlshake_rec_rekey(&tx->dir, key, iv);
	if (tx->keyed)
		tlshake_rec_free(&tx->dir);
	tx->keyed = false;
	err = tlshake_rec_init(&tx->dir, suite, tls13, key, iv);
	if (err)
		return err;
	tx->keyed = true;
	return 0;
}

/**
 * tlshake_tx_push() - hand sealed records to TCP
 * @ts: the connection; tx lock held
 * @flags: MSG_DONTWAIT and MSG_NOSIGNAL are honoured
 *
 * Return: 0 when the queue of sealed records is empty; -EAGAIN if TCP has
 * no room (the rest goes out when it has, from the worker); or TCP's error.
 */
int tlshake_tx_push(struct tlshake_sock *ts, int flags)
{
	struct tlshake_tx *tx = &ts->tx;
	struct msghdr msg = {};
	struct kvec kv;
	int n;

	while (tx->head < tx->tail) {
		kv.iov_base = tx->buf + tx->head;
		kv.iov_len = tx->tail - tx->head;
		msg.msg_flags = flags & (MSG_DONTWAIT | MSG_NOSIGNAL);
		iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, &kv, 1, kv.iov_len);
		n = ts->sk_proto->sendmsg(ts->sk, &msg, kv.iov_len);
		if (n < 0) {
			if (n == -EAGAIN)
				set_bit(TLSHAKE_F_TX_PENDING, &ts->flags);
			return n;
		}
		tx->head += n;
	}
	clear_bit(TLSHAKE_F_TX_PENDING, &ts->flags);
	if (!tx->open) {
		tx->head = 0;
		tx->tail = 0;
	}
	return 0;
}

/**
 * tlshake_tx_idle() - whether nothing is waiting to be sent
 * @ts: the connection
 *
 * Lockless; for poll().
 *
 * Return: true if no sealed record waits for TCP.
 */
bool tlshake_tx_idle(struct tlshake_sock *ts)
{
	return !test_bit(TLSHAKE_F_TX_PENDING, &ts->flags);
}

/**
 * tlshake_tx_alert() - queue an alert and push it
 * @ts: the connection; tx lock held
 * @level: %TLSHAKE_ALERT_LEVEL_WARNING or %TLSHAKE_ALERT_LEVEL_FATAL
 * @desc: the AlertDescription
 *
 * After close_notify or a fatal alert nothing more is sent. The push does
 * not wait for send space.
 *
 * Return: 0 or a negative errno.
 */
int tlshake_tx_alert(struct tlshake_sock *ts, u8 level, u8 desc)
{
	u8 alert[2] = { level, desc };
	int err;

	if (ts->tx.close_sent)
		return 0;
	err = tlshake_tx_seal(ts);
	if (!err)
		err = tlshake_tx_append(ts, TLSHAKE_CT_ALERT, alert,
					sizeof(alert));
	if (!err)
		err = tlshake_tx_seal(ts);
	if (level == TLSHAKE_ALERT_LEVEL_FATAL ||
	    desc == TLSHAKE_ALERT_CLOSE_NOTIFY)
		ts->tx.close_sent = true;
	if (!err)
		err = tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
	return err == -EAGAIN ? 0 : err;
}

/**
 * tlshake_tx_unlock() - send what waited for the tx lock, then release it
 * @ts: the connection; tx lock held
 *
 * A fatal alert decided while another context held the tx lock is sent by
 * whoever releases it.
 */
void tlshake_tx_unlock(struct tlshake_sock *ts)
{
	for (;;) {
		if (test_and_clear_bit(TLSHAKE_F_ALERT_PENDING, &ts->flags)) {
			tlshake_tx_alert(ts, TLSHAKE_ALERT_LEVEL_FATAL,
					 READ_ONCE(ts->pending_alert));
			tlshake_fail_report(ts);
		} else if (ts->post &&
			   test_bit(TLSHAKE_F_KEYUPDATE, &ts->flags) &&
			   READ_ONCE(ts->state) == TLSHAKE_STATE_ESTABLISHED &&
			   !tlshake_tx_seal(ts) && !tlshake_keyupdate_send(ts)) {
			tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
		}
		mutex_unlock(&ts->tx_lock);
		/*
		 * A failure that found the lock taken relies on us to see
		 * its bit; pairs with the barrier in tlshake_fail().
		 */
		smp_mb();
		if (!test_bit(TLSHAKE_F_ALERT_PENDING, &ts->flags) ||
		    !mutex_trylock(&ts->tx_lock))
			return;
	}
}
