// SPDX-License-Identifier: GPL-2.0
/*
 * After a TLS 1.3 handshake: KeyUpdate (RFC 8446 4.6.3, 7.2) in both
 * directions, automatic rekeying before the AEAD usage limits, and the
 * other post-handshake messages. TLS 1.2 has none of these: a
 * renegotiation attempt is refused.
 */
#include <crypto/hash.h>
#include <linux/slab.h>

#include "conn.h"
#include "hkdf.h"
#include "keysched.h"
#include "keyupdate.h"
#include "msg/msg.h"
#include "resume.h"
#include "stats.h"

/* Largest post-handshake message we accept (a NewSessionTicket). */
#define PHS_MAX		(16 * 1024)

/**
 * tlshake_post13_init() - keep what the session needs after the handshake
 * @ts: the connection
 * @ks: the key schedule, past the application secrets
 * @server: our role
 *
 * Return: 0, -ENOMEM, or the error of allocating a transform.
 */
int tlshake_post13_init(struct tlshake_sock *ts, const struct tlshake_ks *ks,
			bool server)
{
	enum tlshake_ks_secret ours = server ? TLSHAKE_KS_S_AP_TRAFFIC :
					       TLSHAKE_KS_C_AP_TRAFFIC;
	enum tlshake_ks_secret theirs = server ? TLSHAKE_KS_C_AP_TRAFFIC :
						 TLSHAKE_KS_S_AP_TRAFFIC;
	struct tlshake_post13 *p;
	const u8 *res;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	ts->post = p;
	ts->server = server;
	p->suite = ks->suite;
	p->hash_len = ks->hash_len;
	p->rx_hmac = crypto_alloc_shash(ks->suite->hmac, 0, 0);
	p->tx_hmac = crypto_alloc_shash(ks->suite->hmac, 0, 0);
	if (IS_ERR(p->rx_hmac) || IS_ERR(p->tx_hmac))
		return IS_ERR(p->rx_hmac) ? PTR_ERR(p->rx_hmac) :
					    PTR_ERR(p->tx_hmac);
	memcpy(p->rx_secret, tlshake_ks_secret(ks, theirs), p->hash_len);
	memcpy(p->tx_secret, tlshake_ks_secret(ks, ours), p->hash_len);
	res = tlshake_ks_secret(ks, TLSHAKE_KS_RES_MASTER);
	if (res)
		memcpy(p->res_master, res, p->hash_len);
	return 0;
}

/**
 * tlshake_post13_free() - wipe and free the post-handshake secrets
 * @ts: the connection
 */
void tlshake_post13_free(struct tlshake_sock *ts)
{
	struct tlshake_post13 *p = ts->post;

	if (!p)
		return;
	if (!IS_ERR_OR_NULL(p->rx_hmac))
		crypto_free_shash(p->rx_hmac);
	if (!IS_ERR_OR_NULL(p->tx_hmac))
		crypto_free_shash(p->tx_hmac);
	kfree_sensitive(p);
	ts->post = NULL;
}

/*
 * secret = HKDF-Expand-Label(secret, "traffic upd", "", Hash.length), and
 * the direction's record keys from it.
 */
static int next_generation(struct tlshake_post13 *p, struct crypto_shash *hmac,
			   u8 *secret, u8 *key, u8 *iv)
{
	u8 next[TLSHAKE_MAX_HASH_LEN];
	int err;

	err = tlshake_hkdf_expand_label(hmac, secret, "traffic upd", NULL, 0,
					next, p->hash_len);
	if (!err)
		memcpy(secret, next, p->hash_len);
	memzero_explicit(next, sizeof(next));
	if (!err)
		err = tlshake_hkdf_expand_label(hmac, secret, "key", NULL, 0,
						key, p->suite->key_len);
	if (!err)
		err = tlshake_hkdf_expand_label(hmac, secret, "iv", NULL, 0,
						iv, TLSHAKE_AEAD_NONCE_LEN);
	return err;
}

/**
 * tlshake_keyupdate_send() - send KeyUpdate and switch our sending key
 * @ts: the connection; tx lock held; TLS 1.3 established
 *
 * Asks the peer to update too if TLSHAKE_F_KEYUPDATE_REQ is set. Called
 * when we owe the peer a KeyUpdate, when the application asks for one, and
 * before the sending key reaches its AEAD usage limit.
 *
 * Return: 0 or a negative errno (the session has failed then).
 */
int tlshake_keyupdate_send(struct tlshake_sock *ts)
{
	u8 msg[5] = { TLS_HS_KEY_UPDATE, 0, 0, 1, 0 };
	u8 key[TLSHAKE_MAX_KEY_LEN], iv[TLSHAKE_AEAD_NONCE_LEN];
	struct tlshake_post13 *p = ts->post;
	int err;

	clear_bit(TLSHAKE_F_KEYUPDATE, &ts->flags);
	if (!p)
		return -EKEYEXPIRED;	/* TLS 1.2 cannot rekey */
	msg[4] = test_and_clear_bit(TLSHAKE_F_KEYUPDATE_REQ, &ts->flags);
	err = tlshake_tx_append(ts, TLSHAKE_CT_HANDSHAKE, msg, sizeof(msg));
	if (!err)
		err = tlshake_tx_seal(ts);
	if (!err)
		err = next_generation(p, p->tx_hmac, p->tx_secret, key, iv);
	if (!err)
		err = tlshake_tx_set_key(ts, p->suite, true, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	if (err)
		tlshake_fail(ts, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			     TLSHAKE_REASON_INTERNAL);
	else
		tlshake_stats_inc(sock_net(ts->sk), TLSHAKE_MIB_KEYUPDATE_SENT);
	return err;
}

/**
 * tlshake_keyupdate_request() - TLSHAKE_KEY_UPDATE: update our sending key
 *	now, and optionally ask the peer to update its own
 * @ts: the connection
 * @request_peer: send update_requested
 *
 * Return: 0; -ENOTCONN if not established; -EOPNOTSUPP for TLS 1.2; the
 * session's errno after a failure.
 */
int tlshake_keyupdate_request(struct tlshake_sock *ts, u32 request_peer)
{
	int err = tlshake_check_usable(ts);

	if (err)
		return err == -EAGAIN ? -ENOTCONN : err;
	if (!ts->post)
		return -EOPNOTSUPP;
	mutex_lock(&ts->tx_lock);
	if (request_peer)
		set_bit(TLSHAKE_F_KEYUPDATE_REQ, &ts->flags);
	err = tlshake_tx_seal(ts);
	if (!err)
		err = tlshake_keyupdate_send(ts);
	if (!err)
		err = tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
	tlshake_tx_unlock(ts);
	return err == -EAGAIN ? 0 : err;
}

/* The peer's KeyUpdate: switch our reading key; answer if it asks. */
static int recv_key_update(struct tlshake_sock *ts, const u8 *body,
			   size_t len)
{
	u8 key[TLSHAKE_MAX_KEY_LEN], iv[TLSHAKE_AEAD_NONCE_LEN], alert;
	struct tlshake_post13 *p = ts->post;
	bool request;
	int err;

	err = tls_parse_key_update(body, len, &request, &alert);
	if (err) {
		tlshake_fail(ts, err, alert, TLSHAKE_REASON_DECODE);
		return err;
	}
	err = next_generation(p, p->rx_hmac, p->rx_secret, key, iv);
	if (!err)
		err = tlshake_rx_set_key(ts, p->suite, true, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	if (err) {
		tlshake_fail(ts, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			     TLSHAKE_REASON_INTERNAL);
		return err;
	}
	tlshake_stats_inc(sock_net(ts->sk), TLSHAKE_MIB_KEYUPDATE_RECEIVED);
	if (request && !test_and_set_bit(TLSHAKE_F_KEYUPDATE, &ts->flags)) {
		/* answer now if the send side is free, else its holder or
		 * the worker does, before any more application data
		 */
		if (mutex_trylock(&ts->tx_lock)) {
			tlshake_keyupdate_send(ts);
			tlshake_tx_push(ts, MSG_DONTWAIT | MSG_NOSIGNAL);
			tlshake_tx_unlock(ts);
		} else {
			queue_work(tlshake_wq, &ts->work);
		}
	}
	return 0;
}

/*
 * A NewSessionTicket: checked, then kept as the connection's session
 * (resume13.c); a ticket we cannot keep is no error (RFC 8446 4.6.1).
 */
static int recv_ticket(struct tlshake_sock *ts, const u8 *body, size_t len)
{
	struct tls_new_ticket t;
	u8 alert;
	int err;

	err = tls_parse_new_ticket(body, len, &t, &alert);
	if (err) {
		tlshake_fail(ts, err, alert, TLSHAKE_REASON_DECODE);
		return err;
	}
	tlshake_ticket13_recv(ts, &t);
	return 0;
}

/* One whole post-handshake message. */
static int phs_message(struct tlshake_sock *ts, u8 type, const u8 *body,
		       size_t len, bool last_in_record)
{
	if (!ts->post) {
		/*
		 * TLS 1.2: a HelloRequest to a client or a ClientHello to a
		 * server asks for renegotiation, which we refuse (RFC 5746
		 * makes it safe, not wanted); anything else is out of place.
		 */
		if (type == (ts->server ? TLS_HS_CLIENT_HELLO :
					  TLS_HS_HELLO_REQUEST))
			tlshake_fail(ts, -EPROTO,
				     TLSHAKE_ALERT_NO_RENEGOTIATION,
				     TLSHAKE_REASON_UNEXPECTED);
		else
			tlshake_fail(ts, -EPROTO,
				     TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
				     TLSHAKE_REASON_UNEXPECTED);
		return -EPROTO;
	}
	switch (type) {
	case TLS_HS_KEY_UPDATE:
		/* RFC 8446 5.1: a key change ends the record */
		if (!last_in_record)
			break;
		return recv_key_update(ts, body, len);
	case TLS_HS_NEW_SESSION_TICKET:
		if (ts->server)
			break;
		return recv_ticket(ts, body, len);
	}
	tlshake_fail(ts, -EPROTO, TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
		     TLSHAKE_REASON_UNEXPECTED);
	return -EPROTO;
}

static int phs_buffer(struct tlshake_sock *ts, const u8 *data, size_t len)
{
	if (!ts->phs) {
		ts->phs = kmalloc(PHS_MAX, GFP_KERNEL);
		if (!ts->phs)
			return -ENOMEM;
	}
	if (ts->phs_len + len > PHS_MAX) {
		tlshake_fail(ts, -EBADMSG, TLSHAKE_ALERT_DECODE_ERROR,
			     TLSHAKE_REASON_DECODE);
		return -EBADMSG;
	}
	memcpy(ts->phs + ts->phs_len, data, len);
	ts->phs_len += len;
	return 0;
}

/**
 * tlshake_post_handshake() - handshake records after the handshake
 * @ts: the connection; rx lock held
 * @data: the record's plaintext
 * @len: its length
 *
 * Messages may span records. TLS 1.3: KeyUpdate and (client)
 * NewSessionTicket; anything else is an unexpected_message. TLS 1.2:
 * renegotiation is refused.
 *
 * Return: 0 or a negative errno (the session has failed).
 */
int tlshake_post_handshake(struct tlshake_sock *ts, const u8 *data,
			   size_t len)
{
	size_t mlen;
	int err;

	err = phs_buffer(ts, data, len);
	while (!err && ts->phs_len >= TLS_HS_HDR_LEN) {
		mlen = TLS_HS_HDR_LEN + (ts->phs[1] << 16 | ts->phs[2] << 8 |
					 ts->phs[3]);
		if (mlen > PHS_MAX) {
			tlshake_fail(ts, -EBADMSG, TLSHAKE_ALERT_DECODE_ERROR,
				     TLSHAKE_REASON_DECODE);
			return -EBADMSG;
		}
		if (ts->phs_len < mlen)
			break;
		err = phs_message(ts, ts->phs[0], ts->phs + TLS_HS_HDR_LEN,
				  mlen - TLS_HS_HDR_LEN, ts->phs_len == mlen);
		ts->phs_len -= mlen;
		memmove(ts->phs, ts->phs + mlen, ts->phs_len);
	}
	return err;
}
