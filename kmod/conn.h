/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-socket tlshake connection: record I/O state in both directions,
 * the handshake driver, and the socket callbacks that drive it.
 */
#ifndef _TLSHAKE_CONN_H
#define _TLSHAKE_CONN_H

#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/tlshake.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>

#include "alert.h"
#include "record.h"

struct tlshake_hs;
struct tlshake_post13;
struct tlshake_session;
struct iov_iter;
struct pipe_inode_info;
struct poll_table_struct;

extern struct workqueue_struct *tlshake_wq;

/*
 * Room in the receive buffer: two maximal records, so that a partial next
 * record can sit behind the one being read.
 */
#define TLSHAKE_RXBUF_LEN	(2 * TLSHAKE_REC_MAX_LEN)
/* Largest flight of handshake records we queue (certificate chains). */
#define TLSHAKE_TXQ_MAX		(512 * 1024)

/* Bits of &struct tlshake_sock.flags */
enum {
	TLSHAKE_F_EVENT,	/* a socket callback fired since the last step */
	TLSHAKE_F_ASYNC,	/* the worker drives the handshake */
	TLSHAKE_F_CLOSING,	/* close() started: queue no more work */
	TLSHAKE_F_KEYUPDATE,	/* we owe the peer a KeyUpdate */
	TLSHAKE_F_KEYUPDATE_REQ,	/* ...asking it to update too */
	TLSHAKE_F_TX_PENDING,	/* ciphertext is waiting for send space */
	TLSHAKE_F_ALERT_PENDING,	/* a fatal alert waits for the tx lock */
	TLSHAKE_F_DONE_CALLED,	/* the kernel caller's callback has run */
};

/**
 * struct tlshake_rx - receive side
 * @dir: record protection, once keyed
 * @keyed: records are protected
 * @buf: raw bytes read from TCP, %TLSHAKE_RXBUF_LEN long
 * @start: offset of the first unread byte in @buf
 * @have: bytes buffered from @start
 * @cur_len: length of the record being read (at @start), once opened
 * @plain_off: offset in @buf of undelivered application data
 * @plain_len: its length
 * @eof: close_notify received
 * @peer_closed: TCP delivered FIN or an error
 * @early_skip: server: bytes of the client's 0-RTT records we may still
 *	skip (RFC 8446 4.2.10), 0 when not skipping
 */
struct tlshake_rx {
	struct tlshake_rec_dir dir;
	bool keyed;
	u8 *buf;
	size_t start;
	size_t have;
	size_t cur_len;
	size_t plain_off;
	size_t plain_len;
	bool eof;
	bool peer_closed;
	u32 early_skip;
};

/**
 * struct tlshake_tx - send side
 * @dir: record protection, once keyed
 * @keyed: records are protected
 * @buf: the queue: sealed records from @head to @tail, then the record
 *	being filled (if @open) at @tail
 * @cap: size of @buf
 * @head: first byte not yet handed to TCP
 * @tail: end of the sealed records
 * @open: a record is being filled at @tail
 * @open_type: its content type
 * @open_len: plaintext bytes in it so far
 * @max_plain: largest plaintext per record (2^14, or the peer's
 *	record_size_limit)
 * @close_sent: close_notify (or a fatal alert) is queued; nothing follows
 */
struct tlshake_tx {
	struct tlshake_rec_dir dir;
	bool keyed;
	u8 *buf;
	size_t cap;
	size_t head;
	size_t tail;
	bool open;
	u8 open_type;
	size_t open_len;
	size_t max_plain;
	bool close_sent;
};

/**
 * struct tlshake_sock - tlshake state attached to one TCP socket
 * @sk: the TCP socket
 * @sk_proto: the protocol the socket had before attach; restored on close
 *	and called for everything tlshake does not handle itself
 * @base_ops: the socket's proto_ops before attach (inet or inet6 stream)
 * @state: &enum tlshake_state
 * @err: the negative errno of a failed session, else 0
 * @flags: %TLSHAKE_F_* bits
 * @rx_lock: serializes the receive side (and the handshake)
 * @tx_lock: serializes the send side; taken after @rx_lock
 * @pending_alert: the fatal alert to send once the tx lock is free
 * @rx: receive side, under @rx_lock
 * @tx: send side, under @tx_lock
 * @hs: the handshake, while it runs
 * @post: TLS 1.3: what KeyUpdate and tickets need after the handshake
 * @server: our role
 * @phs: post-handshake message reassembly (rx side)
 * @phs_len: bytes in @phs
 * @info: what was negotiated, or why the session failed
 * @peer_certs: the peer's chain as TLSHAKE_PEER_CERTS returns it
 * @peer_certs_len: its length
 * @session: client: before the handshake, the session to offer
 *	(TLSHAKE_SESSION); after it, the connection's resumable session, if
 *	any (resume.h), which a fatal alert invalidates (TLS 1.2); TLS 1.3:
 *	the session of the newest ticket (or, before one came, what its
 *	session will carry, without a ticket)
 * @session_lock: guards @session once established (TLS 1.3 tickets
 *	replace it under the rx lock while TLSHAKE_SESSION reads it)
 * @deadline: jiffies by which the handshake must finish
 * @work: runs the handshake for non-blocking and kernel callers, and
 *	flushes queued ciphertext when send space returns
 * @timer: fires at @deadline
 * @wait: where a blocking caller waits for handshake progress
 * @done: kernel API completion callback
 * @done_data: its argument
 * @saved_data_ready: the socket's callbacks before we hooked them
 * @saved_write_space: likewise
 * @saved_state_change: likewise
 * @saved_error_report: likewise
 * @rcu: frees the context after concurrent lockless readers are done
 */
struct tlshake_sock {
	struct sock *sk;
	struct proto *sk_proto;
	const struct proto_ops *base_ops;
	u8 state;
	int err;
	unsigned long flags;

	struct mutex rx_lock;		/* receive side and handshake */
	struct mutex tx_lock;		/* send side; after rx_lock */
	u8 pending_alert;
	struct tlshake_rx rx;
	struct tlshake_tx tx;

	struct tlshake_hs *hs;
	struct tlshake_post13 *post;
	bool server;
	u8 *phs;
	size_t phs_len;
	struct tlshake_info info;
	u8 *peer_certs;
	size_t peer_certs_len;
	struct tlshake_session *session;
	spinlock_t session_lock;	/* @session after the handshake */
	unsigned long deadline;
	struct work_struct work;
	struct timer_list timer;
	wait_queue_head_t wait;
	void (*done)(void *data, int err);
	void *done_data;

	void (*saved_data_ready)(struct sock *sk);
	void (*saved_write_space)(struct sock *sk);
	void (*saved_state_change)(struct sock *sk);
	void (*saved_error_report)(struct sock *sk);
	struct rcu_head rcu;
};

/**
 * tlshake_sk() - the tlshake context of a socket
 * @sk: a socket that has tlshake attached
 *
 * Valid while the caller holds the socket lock or otherwise keeps the
 * socket from being closed: the context is only freed from close().
 */
static inline struct tlshake_sock *tlshake_sk(const struct sock *sk)
{
	return (__force struct tlshake_sock *)inet_csk(sk)->icsk_ulp_data;
}

/* tx.c */
int tlshake_tx_alloc(struct tlshake_sock *ts);
void tlshake_tx_free(struct tlshake_sock *ts);
int tlshake_tx_append(struct tlshake_sock *ts, u8 type, const void *data,
		      size_t len);
int tlshake_tx_fill(struct tlshake_sock *ts, u8 type, struct iov_iter *from,
		    size_t len, size_t *done);
int tlshake_tx_seal(struct tlshake_sock *ts);
int tlshake_tx_push(struct tlshake_sock *ts, int flags);
void tlshake_tx_unlock(struct tlshake_sock *ts);
int tlshake_tx_alert(struct tlshake_sock *ts, u8 level, u8 desc);
int tlshake_tx_set_key(struct tlshake_sock *ts,
		       const struct tlshake_suite *suite, bool tls13,
		       const u8 *key, const u8 *iv);
bool tlshake_tx_idle(struct tlshake_sock *ts);
int tlshake_sendmsg(struct sock *sk, struct msghdr *msg, size_t size);
void tlshake_splice_eof(struct socket *sock);
int tlshake_send_close_notify(struct tlshake_sock *ts, long timeo);

/* rx.c */
int tlshake_rx_alloc(struct tlshake_sock *ts);
void tlshake_rx_free(struct tlshake_sock *ts);
int tlshake_rx_set_key(struct tlshake_sock *ts,
		       const struct tlshake_suite *suite, bool tls13,
		       const u8 *key, const u8 *iv);
int tlshake_rx_record(struct tlshake_sock *ts, int flags, u8 *type,
		      u8 **data, size_t *len);
void tlshake_rx_skip_early(struct tlshake_sock *ts, bool skip);
int tlshake_rx_pending_tickets(struct tlshake_sock *ts);
void tlshake_rx_consume(struct tlshake_sock *ts);
bool tlshake_rx_readable(struct tlshake_sock *ts);
int tlshake_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		    int flags, int *addr_len);
ssize_t tlshake_splice_read(struct socket *sock, loff_t *ppos,
			    struct pipe_inode_info *pipe, size_t len,
			    unsigned int flags);
__poll_t tlshake_poll(struct file *file, struct socket *sock,
		      struct poll_table_struct *wait);

/* session.c: state changes shared by both directions */
void tlshake_fail(struct tlshake_sock *ts, int err, u8 alert, u32 reason);
void tlshake_fail_report(struct tlshake_sock *ts);
int tlshake_check_usable(struct tlshake_sock *ts);
int tlshake_wait_established(struct tlshake_sock *ts, bool nonblock);
int tlshake_handle_alert(struct tlshake_sock *ts, const u8 *data,
			 size_t len);
void tlshake_kick(struct tlshake_sock *ts);

#endif /* _TLSHAKE_CONN_H */
