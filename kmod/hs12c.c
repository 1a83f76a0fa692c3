// SPDX-License-Identifier: GPL-2.0
/*
 * The TLS 1.2 client (RFC 5246 7.3): what it adds to the ClientHello
 * (hs13c.c builds it, offering TLS 1.2 beside 1.3), then from the
 * ServerHello on: Certificate, ServerKeyExchange, CertificateRequest,
 * ServerHelloDone, our Certificate, ClientKeyExchange, CertificateVerify
 * and Finished, then the server's NewSessionTicket and Finished; or the
 * abbreviated handshake when the server resumes the session we offered.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "cert.h"
#include "cred.h"
#include "crypto/rsa.h"
#include "hs12.h"
#include "hs_pki.h"
#include "resume.h"
#include "sig.h"

static bool offers_12(const struct tlshake_hs *hs)
{
	return hs->p.min_version <= TLSHAKE_VERSION_1_2;
}

static bool use_tickets(const struct tlshake_hs *hs)
{
	return !(hs->p.flags & TLSHAKE_F_NO_TICKETS);
}

/* May @s be offered to the server this handshake is for? */
static bool session_fits(const struct tlshake_hs *hs,
			 const struct tlshake_session *s)
{
	const struct tlshake_suite *suite = tlshake_suite_find(s->suite, false);

	return s->version == TLSHAKE_VERSION_1_2 &&
	       tlshake_session_usable(s, ktime_get_real_seconds()) &&
	       (s->id_len || (s->ticket_len && use_tickets(hs))) &&
	       suite && hs_offered_suite(hs, s->suite) &&
	       (suite->kx != TLSHAKE_KX_RSA ||
		(hs->p.flags & TLSHAKE_F_RSA_KEX)) &&
	       !strcmp(s->server_name, hs->p.server_name) &&
	       !strcmp(s->trust_store, hs->p.trust_store) &&
	       (s->name_verified || (hs->p.flags & TLSHAKE_F_NO_VERIFY_NAME));
}

/**
 * hs12c_client_hello_prep() - before the first ClientHello: the session
 *	to offer, if the program passed one (TLSHAKE_SESSION)
 * @hs: the handshake, client, legacy session ID set for TLS 1.3
 *
 * A session offered by ticket goes with a random session ID, which the
 * server echoes if it resumes (RFC 5077 3.4); else the session's own ID
 * is offered. A session that does not fit this handshake (another server
 * name or trust store, expired, invalidated) is not offered.
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12c_client_hello_prep(struct tlshake_hs *hs)
{
	struct tlshake_session *s = hs->ts->session;

	if (!offers_12(hs))
		return 0;
	hs->h12 = kzalloc(sizeof(*hs->h12), GFP_KERNEL);
	if (!hs->h12)
		return hs12_internal(hs, -ENOMEM);
	if (!s || !session_fits(hs, s))
		return 0;
	hs->h12->sess = tlshake_session_get(s);
	if (s->ticket_len && use_tickets(hs)) {
		if (hs->session_id_len != TLS_SESSION_ID_MAX) {
			hs->session_id_len = TLS_SESSION_ID_MAX;
			get_random_bytes(hs->session_id, TLS_SESSION_ID_MAX);
		}
	} else {
		memcpy(hs->session_id, s->id, s->id_len);
		hs->session_id_len = s->id_len;
	}
	return 0;
}

/**
 * hs12c_client_hello_exts() - the ClientHello extensions only a TLS 1.2
 *	server reads that hs13c.c does not write itself
 * @hs: the handshake
 * @w: the writer, in the extension block
 *
 * session_ticket (RFC 5077 3.2): the ticket of the offered session, or
 * empty to ask for one.
 */
void hs12c_client_hello_exts(struct tlshake_hs *hs, struct tls_wr *w)
{
	struct tlshake_session *s = hs->h12 ? hs->h12->sess : NULL;
	size_t mark;

	if (!offers_12(hs))
		return;
	if (use_tickets(hs)) {
		mark = tls_ext_begin(w, TLS_EXT_SESSION_TICKET);
		if (s && s->ticket_len)
			wr_bytes(w, s->ticket, s->ticket_len);
		tls_ext_end(w, mark);
	}
}

static int sh_alpn(struct tlshake_hs *hs, const struct tls_ext *e)
{
	struct tls_rd r, name;
	const u8 *proto;
	size_t len;
	u8 alert;

	if (!hs->p.alpn_len)
		return hs_reject(hs, TLSHAKE_ALERT_UNSUPPORTED_EXTENSION);
	if (tls_ext_alpn_selected(e, &proto, &len, &alert))
		return hs_reject(hs, alert);
	rd_init(&r, hs->p.alpn, hs->p.alpn_len);
	while (r.left) {
		name = rd_vec(&r, 1, 1, 255);
		if (name.left == len && !memcmp(name.p, proto, len)) {
			memcpy(hs->ts->info.alpn, proto, len);
			hs->ts->info.alpn[len] = 0;
			return 0;
		}
	}
	return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
}

static int sh_point_formats(struct tlshake_hs *hs, const struct tls_ext *e)
{
	const u8 *list;
	unsigned int n, i;
	u8 alert;

	if (tls_ext_u8_list(e, &list, &n, &alert))
		return hs_reject(hs, alert);
	for (i = 0; i < n; i++)
		if (list[i] == TLS_EC_POINT_UNCOMPRESSED)
			return 0;
	return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
}

/* One ServerHello extension; *@ri records renegotiation_info. */
static int sh_ext(struct tlshake_hs *hs, const struct tls_ext *e, bool *ri)
{
	struct tlshake_hs12 *h = hs->h12;
	const u8 *rc;
	size_t rc_len;
	u8 alert;

	switch (e->type) {
	case TLS_EXT_RENEGOTIATION_INFO:
		if (tls_ext_reneg_info(e, &rc, &rc_len, &alert))
			return hs_reject(hs, alert);
		/* RFC 5746 3.4: empty in an initial handshake */
		if (rc_len)
			return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
		*ri = true;
		return 0;
	case TLS_EXT_EXTENDED_MASTER_SECRET:
		if (e->len)
			return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
		h->ems = true;
		return 0;
	case TLS_EXT_EC_POINT_FORMATS:
		return sh_point_formats(hs, e);
	case TLS_EXT_SERVER_NAME:
		if (!hs->sni_sent || e->len)
			break;
		return 0;
	case TLS_EXT_ALPN:
		return sh_alpn(hs, e);
	case TLS_EXT_SESSION_TICKET:
		if (!use_tickets(hs) || e->len)
			break;
		h->ticket = true;
		return 0;
	case TLS_EXT_RECORD_SIZE_LIMIT:
		return hs12_record_size_limit(hs, e);
	case TLS_EXT_KEY_SHARE:
	case TLS_EXT_SUPPORTED_VERSIONS:
	case TLS_EXT_COOKIE:
	case TLS_EXT_PRE_SHARED_KEY:
		/* offered for TLS 1.3, illegal in a TLS 1.2 ServerHello */
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	default:
		return hs_reject(hs, TLSHAKE_ALERT_UNSUPPORTED_EXTENSION);
	}
	return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
}

static int sh_exts(struct tlshake_hs *hs, const struct tls_server_hello *sh)
{
	unsigned int i;
	bool ri = false;
	int err;

	for (i = 0; i < sh->exts.n; i++) {
		err = sh_ext(hs, &sh->exts.ext[i], &ri);
		if (err)
			return err;
	}
	/*
	 * Without renegotiation_info we could not tell a server spliced into
	 * someone else's session by renegotiation (RFC 5746 1); without EMS
	 * the master secret is not bound to this handshake (RFC 7627).
	 */
	if (!ri)
		return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
	if (!hs->h12->ems && !(hs->p.flags & TLSHAKE_F_NO_EMS_OK))
		return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
	return 0;
}

/* RFC 8446 4.1.3: a TLS 1.3 client refuses a ServerHello saying "downgraded". */
static int check_downgrade(struct tlshake_hs *hs, const u8 *random)
{
	const u8 *tail = random + TLS_RANDOM_LEN - sizeof(tls_downgrade_12);

	if (hs->p.max_version < TLSHAKE_VERSION_1_3)
		return 0;
	if (memcmp(tail, tls_downgrade_12, sizeof(tls_downgrade_12)) &&
	    memcmp(tail, tls_downgrade_11, sizeof(tls_downgrade_11)))
		return 0;
	return hs_fail(hs, -EPROTO, TLSHAKE_ALERT_ILLEGAL_PARAMETER,
		       TLSHAKE_REASON_DOWNGRADE);
}

static int sh_suite(struct tlshake_hs *hs, const struct tls_server_hello *sh,
		    const struct tlshake_suite **suite)
{
	*suite = tlshake_suite_find(sh->suite, false);
	if (!*suite || !hs_offered_suite(hs, sh->suite) || sh->comp ||
	    ((*suite)->kx == TLSHAKE_KX_RSA &&
	     !(hs->p.flags & TLSHAKE_F_RSA_KEX)))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	return 0;
}

/*
 * Did the server resume the session we offered? It did if it echoed the
 * session ID we sent (RFC 5246 7.4.1.3, RFC 5077 3.4); the resumed session
 * must then have this suite, and EMS (RFC 7627 5.3).
 */
static int sh_resumption(struct tlshake_hs *hs,
			 const struct tls_server_hello *sh)
{
	struct tlshake_hs12 *h = hs->h12;
	bool echo = sh->session_id_len && sh->session_id_len ==
		    hs->session_id_len &&
		    !memcmp(sh->session_id, hs->session_id, hs->session_id_len);

	if (echo && !h->sess)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	if (!echo) {
		/* a full handshake: its session ID, for a session of our own */
		tlshake_session_put(h->sess);
		h->sess = NULL;
		memcpy(hs->session_id, sh->session_id, sh->session_id_len);
		hs->session_id_len = sh->session_id_len;
		return 0;
	}
	if (sh->suite != h->sess->suite)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	if (!h->ems)
		return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
	h->resumed = true;
	return 0;
}

static void drop_shares(struct tlshake_hs *hs)
{
	unsigned int i;

	for (i = 0; i < hs->n_kx; i++)
		tlshake_kex_free(&hs->kx[i]);
	hs->n_kx = 0;
}

/**
 * hs12c_server_hello() - a TLS 1.2 ServerHello (hs13c.c parsed it into
 *	hs->sh and found no supported_versions in it)
 * @hs: the handshake
 * @raw: the whole message
 * @raw_len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12c_server_hello(struct tlshake_hs *hs, const u8 *raw, size_t raw_len)
{
	const struct tls_server_hello *sh = hs->sh;
	const struct tlshake_suite *suite;
	int err;

	if (sh->legacy_version != TLSHAKE_VERSION_1_2 || !offers_12(hs))
		return hs_reject(hs, TLSHAKE_ALERT_PROTOCOL_VERSION);
	/* after a HelloRetryRequest only TLS 1.3 may follow */
	if (hs->hrr || hs->ccs_seen || sh->is_hrr)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	err = check_downgrade(hs, sh->random);
	if (!err)
		err = sh_suite(hs, sh, &suite);
	if (!err && !hs->h12)
		err = hs12_init(hs);
	if (err)
		return err;
	hs->version = TLSHAKE_VERSION_1_2;
	memcpy(hs->server_random, sh->random, TLS_RANDOM_LEN);
	err = sh_exts(hs, sh);
	if (!err)
		err = sh_resumption(hs, sh);
	if (!err)
		err = hs12_set_suite(hs, suite, !hs->h12->resumed &&
				     hs->creds[0]);
	if (err)
		return err;
	err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs12_internal(hs, err);
	drop_shares(hs);
	if (!hs->h12->resumed) {
		hs12_set_state(hs, HS12_C_WAIT_CERT);
		return 0;
	}
	hs12_set_state(hs, hs->h12->ticket ? HS12_WAIT_TICKET :
		       HS12_WAIT_CCS);
	err = hs12_resume_master(hs);
	return err ?: hs12_resume_peer(hs);
}

/*
 * ServerKeyExchange (RFC 8422 5.4): check the signature over both randoms
 * and the parameters, then make our key pair and the premaster secret.
 */
static int c_server_kx(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tlshake_hs12 *h = hs->h12;
	struct tls_server_kx kx;
	size_t clen, plen = sizeof(h->pms);
	u8 alert;
	int err;

	if (tls_parse_server_kx_ecdhe(body, len, &kx, &alert))
		return hs_reject(hs, alert);
	if (!hs_offered_group(hs, kx.group) || !tlshake_kex_supported(kx.group))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	clen = 2 * TLS_RANDOM_LEN + kx.params_len;
	memcpy(hs->out, hs->client_random, TLS_RANDOM_LEN);
	memcpy(hs->out + TLS_RANDOM_LEN, hs->server_random, TLS_RANDOM_LEN);
	memcpy(hs->out + 2 * TLS_RANDOM_LEN, kx.params, kx.params_len);
	err = hs12_verify(hs, kx.scheme, kx.sig, kx.sig_len, hs->out, clen);
	if (err)
		return err;
	err = tlshake_kex_init(&hs->kx[0], kx.group);
	if (err)
		return hs12_internal(hs, err);
	hs->n_kx = 1;
	hs->group = kx.group;
	err = tlshake_kex_derive(&hs->kx[0], kx.point, kx.point_len, h->pms,
				 &plen, &alert);
	if (err)
		return hs_reject(hs, alert);
	h->pms_len = plen;
	hs12_set_state(hs, HS12_C_WAIT_CR_SHD);
	return 0;
}

/* CertificateRequest: pick our credential (or none) for the answer. */
static int c_cert_request(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tls_cert_request12 cr;
	struct hs_cert_req req;
	u8 alert;

	if (tls_parse_cert_request12(body, len, &cr, &alert))
		return hs_reject(hs, alert);
	req = (struct hs_cert_req) {
		.sig_algs = cr.sig_algs, .n_sig_algs = cr.n_sig_algs,
		.ca_names = cr.ca_names, .ca_names_len = cr.ca_names_len,
		.types = cr.types, .n_types = cr.n_types,
	};
	hs->cert_requested = true;
	hs_pki_choose_client(hs, &req);
	hs12_set_state(hs, HS12_C_WAIT_SHD);
	return 0;
}

/* RSA key transport (RFC 5246 7.4.7.1): client_version || 46 random. */
static int rsa_premaster(struct tlshake_hs *hs, struct tls_wr *w)
{
	struct tlshake_hs12 *h = hs->h12;
	size_t mark = wr_vec_begin(w, 2), clen;
	u8 *ct;
	int err;

	h->pms[0] = HS12_CLIENT_VERSION >> 8;
	h->pms[1] = HS12_CLIENT_VERSION & 0xff;
	get_random_bytes(h->pms + 2, RSA_TLS_PREMASTER_LEN - 2);
	h->pms_len = RSA_TLS_PREMASTER_LEN;
	clen = TLSHAKE_RSA_MAX_BYTES;
	ct = wr_put(w, clen);
	if (!ct)
		return hs12_internal(hs, -EOVERFLOW);
	err = tlshake_rsa_encrypt_premaster(&hs->peer_key, h->pms, ct, &clen);
	if (err)
		return hs12_internal(hs, err);
	w->len = mark + 2 + clen;
	wr_vec_end(w, mark, 2);
	return 0;
}

static int send_client_kx(struct tlshake_hs *hs)
{
	struct tlshake_hs12 *h = hs->h12;
	const u8 *pub;
	size_t mark, pk, plen;
	struct tls_wr w;
	int err = 0;

	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_CLIENT_KEY_EXCHANGE);
	if (h->kx == TLSHAKE_KX_RSA) {
		err = rsa_premaster(hs, &w);
	} else {
		pub = tlshake_kex_public(&hs->kx[0], &plen);
		pk = wr_vec_begin(&w, 1);
		wr_bytes(&w, pub, plen);
		wr_vec_end(&w, pk, 1);
	}
	tls_hs_end(&w, mark);
	if (!err && w.err)
		err = hs12_internal(hs, -EOVERFLOW);
	if (!err)
		err = hs_send(hs, w.p, w.len);
	if (!err)	/* the transcript ends with ClientKeyExchange */
		err = hs12_master(hs, h->pms, h->pms_len);
	memzero_explicit(h->pms, sizeof(h->pms));
	return err;
}

/* CertificateVerify (RFC 5246 7.4.8): a signature over the transcript. */
static int send_cert_verify(struct tlshake_hs *hs)
{
	const u8 *msgs;
	struct tls_wr w;
	size_t mark, n;
	int err;

	msgs = tlshake_transcript_messages(&hs->tr, &n);
	if (!msgs)
		return hs12_internal(hs, -EINVAL);
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_CERTIFICATE_VERIFY);
	err = hs12_sign(hs, &w, msgs, n);
	if (err)
		return err;
	tls_hs_end(&w, mark);
	if (w.err)
		return hs12_internal(hs, -EOVERFLOW);
	return hs_send(hs, w.p, w.len);
}

/* ServerHelloDone: our flight, up to our Finished. */
static int c_flight(struct tlshake_hs *hs, size_t len)
{
	struct tlshake_hs12 *h = hs->h12;
	int err = 0;

	if (len)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	if (hs->cert_requested)
		err = hs12_cert_send(hs);
	if (!err)
		err = send_client_kx(hs);
	if (!err && hs->cert_requested && hs->cred_usable)
		err = send_cert_verify(hs);
	if (!err)
		err = hs12_send_finished(hs);
	hs12_set_state(hs, h->ticket ? HS12_WAIT_TICKET : HS12_WAIT_CCS);
	return err;
}

/* NewSessionTicket (RFC 5077 3.3): keep the ticket for our session. */
static int c_new_ticket(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tlshake_hs12 *h = hs->h12;
	const u8 *t;
	size_t tlen;
	u32 hint;
	u8 alert;

	if (tls_parse_new_ticket12(body, len, &hint, &t, &tlen, &alert))
		return hs_reject(hs, alert);
	if (tlen) {
		h->new_ticket = kmemdup(t, tlen, GFP_KERNEL);
		if (!h->new_ticket)
			return hs12_internal(hs, -ENOMEM);
		h->new_ticket_len = tlen;
	}
	hs12_set_state(hs, HS12_WAIT_CCS);
	return 0;
}

static int c_finished(struct tlshake_hs *hs, const u8 *body, size_t len,
		      const u8 *raw, size_t raw_len)
{
	int err = hs12_finished_check(hs, body, len);

	if (err)
		return err;
	err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs12_internal(hs, err);
	if (hs->h12->resumed)
		err = hs12_send_finished(hs);
	return err ?: hs12_done(hs);
}

/**
 * hs12c_finish() - the client's part of the end of the handshake: the
 *	session the program may get with TLSHAKE_SESSION
 * @hs: the handshake
 *
 * A full handshake makes a session if the server gave a session ID or a
 * ticket and EMS was used; a resumed one keeps the offered session (a copy
 * of it if the server sent a new ticket).
 *
 * Return: 0 or a negative errno.
 */
int hs12c_finish(struct tlshake_hs *hs)
{
	struct tlshake_hs12 *h = hs->h12;
	struct tlshake_sock *ts = hs->ts;
	struct tlshake_session *s = NULL;

	if (h->resumed && !h->new_ticket) {
		s = tlshake_session_get(h->sess);
	} else if (h->resumed) {
		s = tlshake_session_clone(h->sess);
	} else if (h->ems && (hs->session_id_len || h->new_ticket)) {
		s = tlshake_session_new();
		if (s && hs12_session_fill(hs, s)) {
			tlshake_session_put(s);
			s = NULL;
		}
		if (s) {
			memcpy(s->id, hs->session_id, hs->session_id_len);
			s->id_len = hs->session_id_len;
		}
	}
	if (s && h->new_ticket && !s->ticket) {
		s->ticket = h->new_ticket;
		s->ticket_len = h->new_ticket_len;
		h->new_ticket = NULL;
	}
	tlshake_session_put(ts->session);
	WRITE_ONCE(ts->session, s);
	return 0;
}

static int c_expect(struct tlshake_hs *hs, u8 type)
{
	static const u8 want[] = {
		[HS12_C_WAIT_CERT] = TLS_HS_CERTIFICATE,
		[HS12_C_WAIT_SKE] = TLS_HS_SERVER_KEY_EXCHANGE,
		[HS12_C_WAIT_SHD] = TLS_HS_SERVER_HELLO_DONE,
		[HS12_WAIT_TICKET] = TLS_HS_NEW_SESSION_TICKET,
		[HS12_WAIT_FINISHED] = TLS_HS_FINISHED,
	};
	u8 state = hs->h12->state;

	if (state == HS12_C_WAIT_CR_SHD &&
	    (type == TLS_HS_CERTIFICATE_REQUEST ||
	     type == TLS_HS_SERVER_HELLO_DONE))
		return 0;
	if (state >= ARRAY_SIZE(want) || !want[state] || want[state] != type)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	return 0;
}

/**
 * hs12c_message() - one handshake message from a TLS 1.2 server
 * @hs: the handshake
 * @type: HandshakeType
 * @body: the body
 * @len: its length
 * @raw: the whole message (for the transcript)
 * @raw_len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12c_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len)
{
	int err = c_expect(hs, type);

	if (err)
		return err;
	if (type == TLS_HS_FINISHED)
		return c_finished(hs, body, len, raw, raw_len);
	err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs12_internal(hs, err);
	switch (type) {
	case TLS_HS_CERTIFICATE:
		err = hs12_cert_recv(hs, body, len);
		if (!err)
			hs12_set_state(hs, hs->h12->kx == TLSHAKE_KX_RSA ?
				       HS12_C_WAIT_CR_SHD : HS12_C_WAIT_SKE);
		return err;
	case TLS_HS_SERVER_KEY_EXCHANGE:
		return c_server_kx(hs, body, len);
	case TLS_HS_CERTIFICATE_REQUEST:
		return c_cert_request(hs, body, len);
	case TLS_HS_SERVER_HELLO_DONE:
		return c_flight(hs, len);
	default:	/* TLS_HS_NEW_SESSION_TICKET */
		return c_new_ticket(hs, body, len);
	}
}
