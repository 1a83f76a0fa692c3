// SPDX-License-Identifier: GPL-2.0
/*
 * TLS 1.3 session resumption (RFC 8446 2.2, 4.2.9, 4.2.11, 4.6.1): the
 * server's NewSessionTickets and its check of the PSK a client offers; the
 * client's offer and the sessions it keeps from the tickets it receives.
 *
 * A ticket is a struct tlshake_session sealed by ticket.c: the resumption
 * PSK of the ticket, the suite (its hash is what matters), the SNI, our
 * certificate's fingerprint, the client's validated chain (if any) and
 * the trust store that validated it, when the full handshake ended, and
 * ticket_age_add. Tickets of a resumed session keep the full handshake's
 * time, so that resumption never stretches a session past its lifetime
 * (RFC 8446 4.6.1 asks for such a limit).
 *
 * No early data: the client never sends it, the server never accepts it
 * (the record layer skips it, rx.c).
 */
#include <crypto/hash.h>
#include <crypto/utils.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <kunit/visibility.h>

#include "cert.h"
#include "cred.h"
#include "hkdf.h"
#include "hs_int.h"
#include "keyupdate.h"
#include "resume.h"

static unsigned int tickets13 = 2;
module_param(tickets13, uint, 0644);
MODULE_PARM_DESC(tickets13,
		 "NewSessionTickets a TLS 1.3 server sends after each handshake (0..8, default 2; 0: none)");

#define TICKETS13_MAX		8
/* RFC 8446 4.6.1: no ticket lives longer than 7 days */
#define TICKET13_LIFETIME_MAX	(7 * 24 * 3600)
/* RFC 8446 8.3: how far the client's idea of the ticket age may be off */
#define TICKET13_AGE_WINDOW_MS	10000

static int internal(struct tlshake_hs *hs, int err)
{
	return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
		       TLSHAKE_REASON_INTERNAL);
}

/**
 * tlshake_psk_binder() - a resumption PSK binder (RFC 8446 4.2.11.2)
 * @suite: a TLS 1.3 suite with the PSK's hash
 * @psk: the resumption PSK
 * @psk_len: its length
 * @th: Transcript-Hash of the messages before the ClientHello and the
 *	ClientHello truncated before its binders
 * @binder: out: HashLen bytes
 *
 * binder = HMAC(finished_key of binder_key, @th), binder_key derived
 * from the Early Secret of @psk with "res binder".
 *
 * Return: 0, -ENOMEM, -EINVAL or the errno of the hash.
 */
int tlshake_psk_binder(const struct tlshake_suite *suite, const u8 *psk,
		       size_t psk_len, const u8 *th, u8 *binder)
{
	struct tlshake_ks *ks = kmalloc(sizeof(*ks), GFP_KERNEL);
	int err;

	if (!ks)
		return -ENOMEM;
	err = tlshake_ks_init(ks, suite);
	if (!err) {
		err = tlshake_ks_early(ks, psk, psk_len, false);
		if (!err)
			err = tlshake_ks_finished(ks, TLSHAKE_KS_BINDER, th,
						  binder);
		tlshake_ks_free(ks);
	}
	kfree(ks);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_psk_binder);

/* The binder of the PSK in hs over the ClientHello cut at @len. */
static int hs_binder(struct tlshake_hs *hs, const struct tlshake_suite *suite,
		     const u8 *ch, size_t len, u8 *binder)
{
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err;

	/* after a HelloRetryRequest the transcript holds message_hash, HRR */
	if (hs->hrr)
		err = tlshake_transcript_hash_with(&hs->tr, ch, len, th);
	else
		err = crypto_shash_tfm_digest(hs->ks.hash, ch, len, th);
	if (!err)
		err = tlshake_psk_binder(suite, hs->psk, hs->psk_len, th,
					 binder);
	memzero_explicit(th, sizeof(th));
	return err;
}

/* The schedule's hash for hs_binder() before a ServerHello: a fresh one. */
static int binder_hash_ready(struct tlshake_hs *hs,
			     const struct tlshake_suite *suite)
{
	int err;

	if (hs->ks_ready)
		return hs->ks.suite == suite ? 0 : -EINVAL;
	err = tlshake_ks_init(&hs->ks, suite);
	if (!err)
		hs->ks_ready = true;
	return err;
}

static bool same_hash(const struct tlshake_suite *a,
		      const struct tlshake_suite *b)
{
	return a && b && !strcmp(a->hash, b->hash);
}

/* What a session made by this handshake carries, but the PSK and ticket. */
static struct tlshake_session *session13_new(struct tlshake_hs *hs)
{
	struct tlshake_sock *ts = hs->ts;
	struct tlshake_session *s;

	if (hs->resumed)
		return tlshake_session_clone(hs->psk_sess);
	if (ts->peer_certs_len > TLSHAKE_SESSION_MAX_CERTS)
		return NULL;	/* too big to keep: not resumable */
	s = tlshake_session_new();
	if (!s)
		return NULL;
	s->version = TLSHAKE_VERSION_1_3;
	s->suite = hs->suite->id;
	s->created = ktime_get_real_seconds();
	s->lifetime = min_t(u32, tlshake_session_lifetime(),
			    TICKET13_LIFETIME_MAX);
	if (hs_session_identity(hs, s)) {
		tlshake_session_put(s);
		return NULL;
	}
	return s;
}

/* A resumed session's peer: its chain and scheme, as the full handshake. */
static int resume_peer(struct tlshake_hs *hs)
{
	struct tlshake_session *s = hs->psk_sess;
	struct tlshake_sock *ts = hs->ts;

	ts->info.peer_sig_scheme = s->peer_sig_scheme;
	ts->info.resumed = 1;
	if (!s->peer_certs_len)
		return 0;
	kfree(ts->peer_certs);
	ts->peer_certs = kmemdup(s->peer_certs, s->peer_certs_len, GFP_KERNEL);
	ts->peer_certs_len = ts->peer_certs ? s->peer_certs_len : 0;
	return ts->peer_certs ? 0 : internal(hs, -ENOMEM);
}

static bool tickets_off(const struct tlshake_hs *hs)
{
	return hs->p.flags & (TLSHAKE_F_NO_TICKETS | TLSHAKE_F_NO_RESUMPTION);
}

/* ---- client ---- */

/* May @s be offered in this handshake? */
static bool session13_fits(const struct tlshake_hs *hs,
			   const struct tlshake_session *s)
{
	const struct tlshake_suite *suite = tlshake_suite_find(s->suite, true);
	unsigned int i;
	bool hash_ok = false;

	if (s->version != TLSHAKE_VERSION_1_3 || !s->ticket_len || !suite ||
	    !tlshake_session_usable(s, ktime_get_real_seconds()) ||
	    strcmp(s->server_name, hs->p.server_name) ||
	    strcmp(s->trust_store, hs->p.trust_store) ||
	    (!s->name_verified && !(hs->p.flags & TLSHAKE_F_NO_VERIFY_NAME)))
		return false;
	for (i = 0; i < TLSHAKE_MAX_SUITES && hs->p.suites[i]; i++)
		hash_ok |= same_hash(suite,
				     tlshake_suite_find(hs->p.suites[i], true));
	return hash_ok;
}

/**
 * hs13c_psk_prep() - before the first ClientHello: the TLS 1.3 session to
 *	offer, if the program passed one (TLSHAKE_SESSION) that fits
 * @hs: the handshake, client, offering TLS 1.3
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13c_psk_prep(struct tlshake_hs *hs)
{
	struct tlshake_session *s = hs->ts->session;
	const struct tlshake_suite *suite;
	int err;

	if (!s || (hs->p.flags & TLSHAKE_F_NO_TICKETS) ||
	    !session13_fits(hs, s))
		return 0;
	suite = tlshake_suite_find(s->suite, true);
	err = binder_hash_ready(hs, suite);
	if (err)
		return internal(hs, err);
	hs->psk_sess = tlshake_session_get(s);
	hs->psk_len = suite->hash_len;
	memcpy(hs->psk, s->master, hs->psk_len);
	return 0;
}

/**
 * hs13c_psk_ext() - the pre_shared_key extension, last in the ClientHello
 * @hs: the handshake
 * @w: the writer, in the extension block
 *
 * One identity, the ticket, with its obfuscated age; the binder is left
 * zero for hs13c_psk_binder() once the message is complete. Not after a
 * HelloRetryRequest that chose a suite of another hash (RFC 8446 4.1.4).
 */
void hs13c_psk_ext(struct tlshake_hs *hs, struct tls_wr *w)
{
	struct tlshake_session *s = hs->psk_sess;
	size_t mark, list;
	u32 age;

	hs->binder_off = 0;
	if (!s || (hs->suite && !same_hash(hs->suite, hs->ks.suite)))
		return;
	age = (u32)(tlshake_session_now_ms() - s->issued_ms) + s->age_add;
	mark = tls_ext_begin(w, TLS_EXT_PRE_SHARED_KEY);
	list = wr_vec_begin(w, 2);
	wr_u16(w, s->ticket_len);
	wr_bytes(w, s->ticket, s->ticket_len);
	wr_u32(w, age);
	wr_vec_end(w, list, 2);
	list = wr_vec_begin(w, 2);
	wr_u8(w, hs->psk_len);
	hs->binder_off = w->len;
	wr_put(w, hs->psk_len);
	wr_vec_end(w, list, 2);
	tls_ext_end(w, mark);
}

/**
 * hs13c_psk_binder() - fill in the binder of a complete ClientHello
 * @hs: the handshake
 * @msg: the ClientHello, header included
 * @len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13c_psk_binder(struct tlshake_hs *hs, u8 *msg, size_t len)
{
	u8 binder[TLSHAKE_MAX_HASH_LEN];
	size_t cut;
	int err;

	if (!hs->binder_off)
		return 0;
	/* the binders vector: 2 bytes of length, 1 of binder length */
	cut = hs->binder_off - 3;
	if (hs->binder_off + hs->psk_len > len)
		return internal(hs, -EOVERFLOW);
	err = hs_binder(hs, hs->ks.suite, msg, cut, binder);
	if (!err)
		memcpy(msg + hs->binder_off, binder, hs->psk_len);
	memzero_explicit(binder, sizeof(binder));
	return err ? internal(hs, err) : 0;
}

/**
 * hs13c_psk_accepted() - the server's pre_shared_key: our PSK was chosen
 * @hs: the handshake; hs->suite is the server's choice
 * @e: the extension (in a ServerHello)
 *
 * We offer one identity: the server must select 0, with a suite of the
 * PSK's hash (else illegal_parameter, RFC 8446 4.2.11).
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13c_psk_accepted(struct tlshake_hs *hs, const struct tls_ext *e)
{
	struct tls_rd r;
	u16 id;

	rd_init(&r, e->data, e->len);
	id = rd_u16(&r);
	if (!rd_done(&r))
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	if (!hs->binder_off || id ||
	    !same_hash(hs->suite, tlshake_suite_find(hs->psk_sess->suite,
						     true)))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	hs->resumed = true;
	return resume_peer(hs);
}

/**
 * hs13c_psk_done() - the client's session at the end of the handshake
 * @hs: the handshake
 *
 * The connection keeps what the sessions of its tickets will carry
 * (without a ticket, TLSHAKE_SESSION has nothing to give yet);
 * tlshake_ticket13_recv() makes one session per ticket from it.
 *
 * Return: 0 (a session that cannot be made only means no resumption).
 */
int hs13c_psk_done(struct tlshake_hs *hs)
{
	struct tlshake_sock *ts = hs->ts;
	struct tlshake_session *s = NULL, *old;

	if (!(hs->p.flags & TLSHAKE_F_NO_TICKETS))
		s = session13_new(hs);
	if (s) {
		s->version = TLSHAKE_VERSION_1_3;
		s->suite = hs->suite->id;
		kfree(s->ticket);
		s->ticket = NULL;
		s->ticket_len = 0;
	}
	spin_lock_bh(&ts->session_lock);
	old = ts->session;
	ts->session = s;
	spin_unlock_bh(&ts->session_lock);
	tlshake_session_put(old);
	return 0;
}

/**
 * tlshake_ticket13_recv() - a NewSessionTicket on a TLS 1.3 client
 * @ts: the connection; rx lock held
 * @t: the ticket, parsed
 *
 * The newest ticket's session replaces the connection's session (what
 * TLSHAKE_SESSION returns); a ticket_lifetime of 0 means drop it.
 *
 * Return: 0 or -ENOMEM (the ticket is dropped; the connection goes on).
 */
int tlshake_ticket13_recv(struct tlshake_sock *ts,
			  const struct tls_new_ticket *t)
{
	struct tlshake_post13 *p = ts->post;
	struct tlshake_session *s, *tmpl = ts->session;
	int err;

	if (!tmpl || !t->lifetime)
		return 0;
	s = tlshake_session_clone(tmpl);
	if (!s)
		return -ENOMEM;
	err = tlshake_hkdf_expand_label(p->rx_hmac, p->res_master,
					"resumption", t->nonce, t->nonce_len,
					s->master, p->hash_len);
	if (!err) {
		s->ticket = kmemdup(t->ticket, t->ticket_len, GFP_KERNEL);
		err = s->ticket ? 0 : -ENOMEM;
	}
	if (err) {
		tlshake_session_put(s);
		return err;
	}
	s->ticket_len = t->ticket_len;
	s->age_add = t->age_add;
	s->issued_ms = tlshake_session_now_ms();
	s->created = ktime_get_real_seconds();
	s->lifetime = t->lifetime;
	spin_lock_bh(&ts->session_lock);
	ts->session = s;
	spin_unlock_bh(&ts->session_lock);
	tlshake_session_put(tmpl);
	return 0;
}

/* ---- server ---- */

/*
 * May @s be resumed here? As in TLS 1.2 (hs12s.c): same SNI, a credential
 * of the same certificate, the client's chain validated by our trust store
 * if we require one; and a suite of the same hash, a lifetime not over
 * (by the current session_lifetime too), a ticket age within the window.
 */
static bool session13_ok(struct tlshake_hs *hs, const struct tlshake_session *s,
			 u32 obfuscated_age)
{
	time64_t now = ktime_get_real_seconds();
	s64 age_ms = tlshake_session_now_ms() - s->issued_ms;
	s64 client_ms = (u32)(obfuscated_age - s->age_add);

	if (s->version != TLSHAKE_VERSION_1_3 ||
	    !same_hash(hs->suite, tlshake_suite_find(s->suite, true)) ||
	    now - s->created >= min(s->lifetime, tlshake_session_lifetime()) ||
	    abs(age_ms - client_ms) > TICKET13_AGE_WINDOW_MS)
		return false;
	return hs_session_match(hs, s);
}

/* The first identity that is a ticket of ours we may resume, or NULL. */
static struct tlshake_session *find_ticket(struct tlshake_hs *hs,
					   const struct tls_psk_offer *o,
					   unsigned int *idx)
{
	struct tlshake_resume_net *rn = tlshake_resume_net(sock_net(hs->ts->sk));
	struct tlshake_session *s;
	unsigned int i;

	for (i = 0; i < o->n; i++) {
		s = tlshake_ticket_open(&rn->keys, o->id[i], o->id_len[i],
					ktime_get_real_seconds());
		if (IS_ERR(s))
			continue;	/* not ours, tampered, or expired */
		if (session13_ok(hs, s, o->age[i])) {
			*idx = i;
			return s;
		}
		tlshake_session_put(s);
	}
	return NULL;
}

/* psk_key_exchange_modes: we resume only with (EC)DHE (psk_dhe_ke). */
static int psk_modes(struct tlshake_hs *hs, const struct tls_ext *e)
{
	const u8 *modes;
	unsigned int n, i;
	u8 alert;

	if (tls_ext_u8_list(e, &modes, &n, &alert))
		return hs_reject(hs, alert);
	for (i = 0; i < n; i++)
		if (modes[i] == TLS_PSK_DHE_KE)
			hs->psk_modes = true;
	return 0;
}

/* Check the binder of the chosen identity; a bad one is fatal. */
static int check_binder(struct tlshake_hs *hs, const struct tls_psk_offer *o,
			unsigned int idx, const struct tls_client_hello *ch,
			const u8 *raw)
{
	u8 binder[TLSHAKE_MAX_HASH_LEN];
	int err;

	err = binder_hash_ready(hs, hs->suite);
	if (!err)
		err = hs_binder(hs, hs->suite, raw, TLS_HS_HDR_LEN +
				ch->binders_off, binder);
	if (err) {
		memzero_explicit(binder, sizeof(binder));
		return internal(hs, err);
	}
	if (o->binder_len[idx] != hs->psk_len ||
	    crypto_memneq(binder, o->binder[idx], hs->psk_len))
		err = hs_fail(hs, -EBADMSG, TLSHAKE_ALERT_DECRYPT_ERROR,
			      TLSHAKE_REASON_FINISHED);
	memzero_explicit(binder, sizeof(binder));
	return err;
}

/**
 * hs13s_psk() - the PSK a TLS 1.3 ClientHello offers: resume or not
 * @hs: the handshake; suite and SNI chosen; the transcript ends before
 *	this ClientHello (which the caller adds afterwards)
 * @ch: the ClientHello (pre_shared_key, if any, is last: the parser
 *	checked)
 * @raw: the whole message, for the binder
 *
 * pre_shared_key without psk_key_exchange_modes is refused
 * (missing_extension, RFC 8446 4.2.9). A ticket we cannot use (not ours,
 * tampered, expired, for another name or credential) means a full
 * handshake; a usable one with a bad binder is a decrypt_error.
 *
 * Return: 0 (hs->resumed says whether we resume) or a negative errno (the
 * handshake has failed).
 */
int hs13s_psk(struct tlshake_hs *hs, const struct tls_client_hello *ch,
	      const u8 *raw)
{
	const struct tls_ext *e, *m;
	struct tlshake_session *s;
	struct tls_psk_offer *o;
	unsigned int idx;
	u8 alert;
	int err;

	e = tls_find_ext(&ch->exts, TLS_EXT_PRE_SHARED_KEY);
	m = tls_find_ext(&ch->exts, TLS_EXT_PSK_KEY_EXCHANGE_MODES);
	hs->psk_modes = false;
	if (m) {
		err = psk_modes(hs, m);
		if (err)
			return err;
	}
	if (e && !m)
		return hs_reject(hs, TLSHAKE_ALERT_MISSING_EXTENSION);
	if (!e || !hs->psk_modes || tickets_off(hs))
		return 0;
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return internal(hs, -ENOMEM);
	err = tls_ext_psk_offer(e, o, &alert) ? hs_reject(hs, alert) : 0;
	s = err ? NULL : find_ticket(hs, o, &idx);
	if (s) {
		hs->psk_len = hs->suite->hash_len;
		memcpy(hs->psk, s->master, hs->psk_len);
		hs->psk_sess = s;
		err = check_binder(hs, o, idx, ch, raw);
	}
	kfree(o);
	if (err || !s)
		return err;
	hs->psk_id = idx;
	hs->resumed = true;
	hs->cred_usable = false;
	return resume_peer(hs);
}

/**
 * hs13s_psk_ext() - the ServerHello's pre_shared_key, when resuming
 * @hs: the handshake
 * @w: the writer, in the extension block
 */
void hs13s_psk_ext(struct tlshake_hs *hs, struct tls_wr *w)
{
	size_t mark;

	if (!hs->resumed)
		return;
	mark = tls_ext_begin(w, TLS_EXT_PRE_SHARED_KEY);
	wr_u16(w, hs->psk_id);
	tls_ext_end(w, mark);
}

/* One NewSessionTicket of session @s (PSK set) with @nonce. */
static int send_ticket(struct tlshake_hs *hs, struct tlshake_session *s,
		       u8 nonce)
{
	struct tlshake_resume_net *rn = tlshake_resume_net(sock_net(hs->ts->sk));
	time64_t now = ktime_get_real_seconds();
	u8 *ticket;
	size_t tlen, mark;
	struct tls_wr w;
	int err;

	err = tlshake_ticket_seal(&rn->keys, s, now, &ticket, &tlen);
	if (err)
		return 0;	/* no ticket is no error */
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_NEW_SESSION_TICKET);
	wr_u32(&w, s->lifetime - (u32)(now - s->created));
	wr_u32(&w, s->age_add);
	wr_u8(&w, 1);
	wr_u8(&w, nonce);
	wr_u16(&w, tlen);
	wr_bytes(&w, ticket, tlen);
	wr_u16(&w, 0);			/* no extensions: no early data */
	tls_hs_end(&w, mark);
	kfree(ticket);
	if (w.err)
		return 0;
	err = tlshake_tx_append(hs->ts, TLSHAKE_CT_HANDSHAKE, w.p, w.len);
	return err ? internal(hs, err) : 0;
}

/**
 * hs13s_send_tickets() - after the client's Finished: NewSessionTickets
 * @hs: the handshake, resumption master secret derived
 *
 * tickets13 of them, each with its own nonce and so its own PSK (RFC 8446
 * 4.6.1), and only to a client that can use them (psk_dhe_ke offered).
 * None with TLSHAKE_F_NO_TICKETS or TLSHAKE_F_NO_RESUMPTION, or for a
 * session that has too little lifetime left.
 *
 * Return: 0 or a negative errno (the connection has failed).
 */
int hs13s_send_tickets(struct tlshake_hs *hs)
{
	unsigned int n = min_t(unsigned int, READ_ONCE(tickets13),
			       TICKETS13_MAX);
	struct tlshake_session *s;
	u8 nonce;
	int err = 0;

	if (!n || !hs->psk_modes || tickets_off(hs))
		return 0;
	s = session13_new(hs);
	if (!s)
		return 0;
	s->version = TLSHAKE_VERSION_1_3;
	s->suite = hs->suite->id;
	if (ktime_get_real_seconds() - s->created >= s->lifetime)
		n = 0;
	for (nonce = 0; nonce < n && !err; nonce++) {
		get_random_bytes(&s->age_add, sizeof(s->age_add));
		s->issued_ms = tlshake_session_now_ms();
		err = tlshake_ks_resumption_psk(&hs->ks, &nonce, 1, s->master);
		if (err)
			err = internal(hs, err);
		else
			err = send_ticket(hs, s, nonce);
	}
	tlshake_session_put(s);
	return err;
}
