// SPDX-License-Identifier: GPL-2.0
/*
 * The receive side: read raw bytes from TCP into one buffer, frame them
 * into records, and open (decrypt and authenticate) one record at a time
 * in place. Callers consume a record's plaintext before asking for the
 * next one.
 */
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/unaligned.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "stats.h"

/**
 * tlshake_rx_alloc() - allocate the receive buffer
 * @ts: the connection
 *
 * Return: 0 or -ENOMEM.
 */
int tlshake_rx_alloc(struct tlshake_sock *ts)
{
	ts->rx.buf = kvmalloc(TLSHAKE_RXBUF_LEN, GFP_KERNEL);
	return ts->rx.buf ? 0 : -ENOMEM;
}

/**
 * tlshake_rx_free() - free the receive buffer and wipe the receive keys
 * @ts: the connection
 */
void tlshake_rx_free(struct tlshake_sock *ts)
{
	struct tlshake_rx *rx = &ts->rx;

	if (rx->keyed)
		tlshake_rec_free(&rx->dir);
	kvfree_sensitive(rx->buf, TLSHAKE_RXBUF_LEN);
	memzero_explicit(rx, sizeof(*rx));
}

/**
 * tlshake_rx_set_key() - open the records that follow with a new key
 * @ts: the connection; rx lock held
 * @suite: the cipher suite
 * @tls13: TLS 1.3 record format
 * @key: the read key
 * @iv: the read IV (TLS 1.2 AES-GCM: the 4-byte salt)
 *
 * Return: 0 or a negative errno.
 */
int tlshake_rx_set_key(struct tlshake_sock *ts,
		       const struct tlshake_suite *suite, bool tls13,
		       const u8 *key, const u8 *iv)
{
	struct tlshake_rx *rx = &ts->rx;
	int err;

	if (rx->keyed && rx->dir.suite == suite && rx->dir.tls13 == tls13)
		return tlshake_rec_rekey(&rx->dir, key, iv);
	if (rx->keyed)
		tlshake_rec_free(&rx->dir);
	rx->keyed = false;
	err = tlshake_rec_init(&rx->dir, suite, tls13, key, iv);
	if (err)
		return err;
	rx->keyed = true;
	return 0;
}

/* Read what TCP has (blocking for at least one byte unless MSG_DONTWAIT). */
static int rx_read_tcp(struct tlshake_sock *ts, int flags)
{
	struct tlshake_rx *rx = &ts->rx;
	struct msghdr msg = {};
	struct kvec kv;
	int addr_len, n;

	/* keep room for a whole record after rx->start */
	if (rx->start && rx->start + TLSHAKE_REC_MAX_LEN > TLSHAKE_RXBUF_LEN) {
		memmove(rx->buf, rx->buf + rx->start, rx->have);
		rx->start = 0;
	}
	kv.iov_base = rx->buf + rx->start + rx->have;
	kv.iov_len = TLSHAKE_RXBUF_LEN - rx->start - rx->have;
	iov_iter_kvec(&msg.msg_iter, ITER_DEST, &kv, 1, kv.iov_len);
	n = ts->sk_proto->recvmsg(ts->sk, &msg, kv.iov_len,
				  flags & MSG_DONTWAIT, &addr_len);
	if (n > 0)
		rx->have += n;
	else if (!n)
		rx->peer_closed = true;
	return n;
}

/* Length of the record at the head of the buffer, or 0 if unknown yet. */
static size_t rx_head_len(const struct tlshake_rx *rx)
{
	if (rx->have < TLSHAKE_REC_HDR_LEN)
		return 0;
	return TLSHAKE_REC_HDR_LEN +
	       get_unaligned_be16(rx->buf + rx->start + 3);
}

static bool rx_type_known(u8 type)
{
	return type >= TLSHAKE_CT_CHANGE_CIPHER_SPEC &&
	       type <= TLSHAKE_CT_APPLICATION_DATA;
}

/* Check an unprotected record (before keys are installed). */
static int rx_open_plain(struct tlshake_sock *ts, u8 *rec, size_t len,
			 u8 *type, u8 *alert)
{
	*type = rec[0];
	if (!rx_type_known(*type) || *type == TLSHAKE_CT_APPLICATION_DATA) {
		*alert = TLSHAKE_ALERT_UNEXPECTED_MESSAGE;
		return -EPROTO;
	}
	if (len - TLSHAKE_REC_HDR_LEN > TLSHAKE_MAX_PLAINTEXT) {
		*alert = TLSHAKE_ALERT_RECORD_OVERFLOW;
		return -EMSGSIZE;
	}
	/* RFC 8446 5.1: no zero-length handshake or alert fragments */
	if (len == TLSHAKE_REC_HDR_LEN &&
	    *type != TLSHAKE_CT_CHANGE_CIPHER_SPEC) {
		*alert = TLSHAKE_ALERT_UNEXPECTED_MESSAGE;
		return -EPROTO;
	}
	return 0;
}

/* Make sure a whole record is buffered at rx->start. */
static int rx_fill_record(struct tlshake_sock *ts, int flags, u8 *alert)
{
	struct tlshake_rx *rx = &ts->rx;
	size_t need;
	int n;

	for (;;) {
		need = rx_head_len(rx);
		/* judge a header before waiting for the body it announces */
		if (need && (!rx_type_known(rx->buf[rx->start]) ||
			     rx->buf[rx->start + 1] != 3)) {
			*alert = TLSHAKE_ALERT_UNEXPECTED_MESSAGE;
			return -EPROTO;
		}
		if (need > TLSHAKE_REC_MAX_LEN) {
			*alert = TLSHAKE_ALERT_RECORD_OVERFLOW;
			return -EMSGSIZE;
		}
		if (need && rx->have >= need)
			return 0;
		if (rx->peer_closed)
			return -ECONNRESET;
		n = rx_read_tcp(ts, flags);
		if (n < 0)
			return n;
		if (!n)
			return -ECONNRESET;
	}
}

/*
 * TLS 1.3 never protects change_cipher_spec records (RFC 8446 5), and a
 * client may send an alert about the server's flight in the clear, before
 * it switches to its handshake key (RFC 8446 A.1): OpenSSL does.
 */
static bool rx_unprotected_ok(struct tlshake_sock *ts, u8 type)
{
	if (!ts->rx.dir.tls13)
		return false;
	return type == TLSHAKE_CT_CHANGE_CIPHER_SPEC ||
	       (type == TLSHAKE_CT_ALERT &&
		READ_ONCE(ts->state) == TLSHAKE_STATE_HANDSHAKE);
}

/* RFC 8446 4.2.10: at most max_early_data_size, and one record's expansion */
#define RX_EARLY_SKIP_MAX	(TLSHAKE_MAX_PLAINTEXT + 256)

/**
 * tlshake_rx_skip_early() - skip (or stop skipping) the client's 0-RTT data
 * @ts: the connection, server; rx lock held
 * @skip: the ClientHello offered early_data, which we never accept
 *
 * From now on, application_data records that arrive before the read key
 * is set, or that fail to open with the handshake key, are dropped, up to
 * %RX_EARLY_SKIP_MAX bytes in all and until a record opens (RFC 8446
 * 4.2.10).
 */
void tlshake_rx_skip_early(struct tlshake_sock *ts, bool skip)
{
	ts->rx.early_skip = skip ? RX_EARLY_SKIP_MAX : 0;
}

/* Is the record at the head 0-RTT data to drop? Count it if so. */
static bool rx_early_record(struct tlshake_rx *rx, const u8 *rec,
			    size_t reclen)
{
	size_t n = reclen - TLSHAKE_REC_HDR_LEN;

	if (rec[0] != TLSHAKE_CT_APPLICATION_DATA || n > rx->early_skip)
		return false;
	rx->early_skip -= n;
	return true;
}

#define RX_SKIPPED	1

/* Open the record at the head, or say RX_SKIPPED for 0-RTT data. */
static int rx_open(struct tlshake_sock *ts, u8 *rec, size_t reclen, u8 *type,
		   size_t *off, size_t *len, u8 *alert)
{
	struct tlshake_rx *rx = &ts->rx;
	int err;

	if (rx->keyed && !rx_unprotected_ok(ts, rec[0])) {
		err = tlshake_rec_open(&rx->dir, rec, reclen, type, off, len,
				       alert);
		if (err == -EBADMSG && rx_early_record(rx, rec, reclen))
			return RX_SKIPPED;
		if (!err)
			rx->early_skip = 0;
		return err;
	}
	if (rx->early_skip && rx_early_record(rx, rec, reclen))
		return RX_SKIPPED;
	*off = TLSHAKE_REC_HDR_LEN;
	*len = reclen - *off;
	return rx_open_plain(ts, rec, reclen, type, alert);
}

/* TLSHAKE_INFO's reason for a record that does not open. */
static u32 rx_reason(int err, u8 alert)
{
	if (err == -EBADMSG)
		return TLSHAKE_REASON_BAD_RECORD_MAC;
	if (alert == TLSHAKE_ALERT_UNEXPECTED_MESSAGE)
		return TLSHAKE_REASON_UNEXPECTED;
	return TLSHAKE_REASON_DECODE;
}

/**
 * tlshake_rx_record() - read and open the next record
 * @ts: the connection; rx lock held; the previous record consumed
 * @flags: MSG_DONTWAIT to fail with -EAGAIN instead of waiting
 * @type: out: the (inner) content type
 * @data: out: the plaintext, in the receive buffer
 * @len: out: its length (may be 0 for application data)
 *
 * Waiting honours SO_RCVTIMEO and signals, as TCP's recvmsg does. A
 * record that fails to open fails the session (tlshake_fail()) with the
 * alert the RFC asks for, unless it is 0-RTT data being skipped
 * (tlshake_rx_skip_early()): that is dropped and the next one read.
 *
 * Return: 0; -EAGAIN, -ERESTARTSYS, -EINTR from TCP; -ECONNRESET if TCP
 * closed before a whole record arrived; -EBADMSG, -EMSGSIZE, -EPROTO,
 * -EKEYEXPIRED for a record that does not open.
 */
int tlshake_rx_record(struct tlshake_sock *ts, int flags, u8 *type,
		      u8 **data, size_t *len)
{
	struct tlshake_rx *rx = &ts->rx;
	u8 alert = TLSHAKE_ALERT_NONE;
	size_t off, reclen;
	u8 *rec;
	int err;

	do {
		err = rx_fill_record(ts, flags, &alert);
		if (err)
			goto out;
		rec = rx->buf + rx->start;
		reclen = rx_head_len(rx);
		err = rx_open(ts, rec, reclen, type, &off, len, &alert);
		if (err == RX_SKIPPED) {
			rx->cur_len = reclen;
			tlshake_rx_consume(ts);
			alert = TLSHAKE_ALERT_NONE;
		}
	} while (err == RX_SKIPPED);
	if (err)
		goto out;
	rx->cur_len = reclen;
	*data = rec + off;
	tlshake_stats_inc(sock_net(ts->sk), TLSHAKE_MIB_REC_RECEIVED);
	return 0;
out:
	if (alert == TLSHAKE_ALERT_BAD_RECORD_MAC)
		tlshake_stats_inc(sock_net(ts->sk), TLSHAKE_MIB_DECRYPT_ERROR);
	if (alert != TLSHAKE_ALERT_NONE)
		tlshake_fail(ts, err, alert, rx_reason(err, alert));
	else if (err == -ECONNRESET)
		tlshake_fail(ts, err, TLSHAKE_ALERT_NONE,
			     TLSHAKE_REASON_TRANSPORT);
	return err;
}

/**
 * tlshake_rx_consume() - drop the record last returned by
 *	tlshake_rx_record()
 * @ts: the connection; rx lock held
 */
void tlshake_rx_consume(struct tlshake_sock *ts)
{
	struct tlshake_rx *rx = &ts->rx;

	memzero_explicit(rx->buf + rx->start, rx->cur_len);
	rx->start += rx->cur_len;
	rx->have -= rx->cur_len;
	rx->cur_len = 0;
	if (!rx->have)
		rx->start = 0;
}

/**
 * tlshake_rx_readable() - whether a read would not block
 * @ts: the connection
 *
 * True if plaintext is pending, a whole record is buffered, or TCP holds
 * enough bytes to complete the buffered record (or, with no header yet,
 * a header). For poll(); takes no lock and may be a little optimistic.
 *
 * Return: true if readable.
 */
bool tlshake_rx_readable(struct tlshake_sock *ts)
{
	struct tlshake_rx *rx = &ts->rx;
	size_t have = READ_ONCE(rx->have), need;

	if (READ_ONCE(rx->plain_len) || READ_ONCE(rx->eof))
		return true;
	need = have >= TLSHAKE_REC_HDR_LEN ? rx_head_len(rx) :
					     TLSHAKE_REC_HDR_LEN;
	return have + tcp_inq(ts->sk) >= need;
}
