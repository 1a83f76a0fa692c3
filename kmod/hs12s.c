// SPDX-License-Identifier: GPL-2.0
/*
 * The TLS 1.2 server (RFC 5246 7.3): from a ClientHello for which hs13s.c
 * chose TLS 1.2, either the abbreviated handshake (a session ID found in
 * the session cache, or a ticket of ours) or the full one: ServerHello,
 * Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone, the
 * client's Certificate, ClientKeyExchange, CertificateVerify and Finished,
 * then NewSessionTicket and our Finished.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/unaligned.h>
#include <net/sock.h>

#include "cert.h"
#include "chain.h"
#include "cred.h"
#include "crypto/rsa.h"
#include "hs12.h"
#include "hs_pki.h"
#include "resume.h"
#include "sig.h"

/* What a ClientHello offers, as far as the TLS 1.2 server cares. */
struct ch12_offer {
	const u8 *groups;
	unsigned int n_groups;
	const u8 *sig_algs;
	unsigned int n_sig;
	const struct tls_ext *ticket;
	bool point_formats;
	bool sni;
};

/* Without supported_groups, assume the one curve every client has. */
static const u8 default_groups[] = { 0, TLS_GROUP_SECP256R1 };

static bool use_tickets(const struct tlshake_hs *hs)
{
	return !(hs->p.flags & TLSHAKE_F_NO_TICKETS);
}

static bool is_ecdhe(u8 kx)
{
	return kx == TLSHAKE_KX_ECDHE_ECDSA || kx == TLSHAKE_KX_ECDHE_RSA;
}

/* Our first ALPN protocol the client offers (RFC 7301 3.2). */
static int choose_alpn(struct tlshake_hs *hs, const struct tls_ext *e)
{
	struct tls_rd ours, theirs, a, b;
	const u8 *list;
	size_t len;
	u8 alert;

	if (tls_ext_alpn(e, &list, &len, &alert))
		return hs_reject(hs, alert);
	if (!hs->p.alpn_len)
		return 0;
	rd_init(&ours, hs->p.alpn, hs->p.alpn_len);
	while (ours.left) {
		a = rd_vec(&ours, 1, 1, 255);
		rd_init(&theirs, list, len);
		while (theirs.left) {
			b = rd_vec(&theirs, 1, 1, 255);
			if (a.left == b.left && !memcmp(a.p, b.p, a.left)) {
				memcpy(hs->ts->info.alpn, a.p, a.left);
				hs->ts->info.alpn[a.left] = 0;
				return 0;
			}
		}
	}
	return hs_reject(hs, TLSHAKE_ALERT_NO_APPLICATION_PROTOCOL);
}

/* SNI: for TLSHAKE_INFO, the credential, and the session's binding. */
static int read_sni(struct tlshake_hs *hs, const struct tls_ext *e,
		    struct ch12_offer *o)
{
	const u8 *name;
	size_t len;
	u8 alert;

	if (tls_ext_server_name(e, &name, &len, &alert))
		return hs_reject(hs, alert);
	if (!name)
		return 0;
	if (len >= sizeof(hs->ts->info.server_name))
		return hs_reject(hs, TLSHAKE_ALERT_UNRECOGNIZED_NAME);
	memcpy(hs->ts->info.server_name, name, len);
	hs->ts->info.server_name[len] = 0;
	o->sni = true;
	return 0;
}

static int read_point_formats(struct tlshake_hs *hs, const struct tls_ext *e,
			      struct ch12_offer *o)
{
	const u8 *list;
	unsigned int n, i;
	u8 alert;

	if (tls_ext_u8_list(e, &list, &n, &alert))
		return hs_reject(hs, alert);
	for (i = 0; i < n && list[i] != TLS_EC_POINT_UNCOMPRESSED; i++)
		;
	/* RFC 8422 5.1.2: uncompressed points are mandatory */
	if (i == n)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	o->point_formats = true;
	return 0;
}

static int read_reneg_info(struct tlshake_hs *hs, const struct tls_ext *e)
{
	const u8 *rc;
	size_t len;
	u8 alert;

	if (tls_ext_reneg_info(e, &rc, &len, &alert))
		return hs_reject(hs, alert);
	/* RFC 5746 3.6: empty in an initial handshake */
	if (len)
		return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
	hs->h12->reneg = true;
	return 0;
}

static int read_ext(struct tlshake_hs *hs, const struct tls_ext *e,
		    struct ch12_offer *o)
{
	u8 alert;

	switch (e->type) {
	case TLS_EXT_SUPPORTED_GROUPS:
		return tls_ext_u16_list(e, 2, &o->groups, &o->n_groups,
					&alert) ? hs_reject(hs, alert) : 0;
	case TLS_EXT_SIGNATURE_ALGORITHMS:
		return tls_ext_u16_list(e, 2, &o->sig_algs, &o->n_sig,
					&alert) ? hs_reject(hs, alert) : 0;
	case TLS_EXT_EC_POINT_FORMATS:
		return read_point_formats(hs, e, o);
	case TLS_EXT_SERVER_NAME:
		return read_sni(hs, e, o);
	case TLS_EXT_ALPN:
		return choose_alpn(hs, e);
	case TLS_EXT_EXTENDED_MASTER_SECRET:
		if (e->len)
			return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
		hs->h12->ems = true;
		return 0;
	case TLS_EXT_RENEGOTIATION_INFO:
		return read_reneg_info(hs, e);
	case TLS_EXT_SESSION_TICKET:
		o->ticket = e;
		return 0;
	case TLS_EXT_RECORD_SIZE_LIMIT:
		return hs12_record_size_limit(hs, e);
	default:	/* unknown ones, and TLS 1.3's, are ignored */
		return 0;
	}
}

static int read_offer(struct tlshake_hs *hs, const struct tls_client_hello *ch,
		      struct ch12_offer *o)
{
	unsigned int i;
	int err;

	memset(o, 0, sizeof(*o));
	o->groups = default_groups;
	o->n_groups = 1;
	for (i = 0; i < ch->exts.n; i++) {
		err = read_ext(hs, &ch->exts.ext[i], o);
		if (err)
			return err;
	}
	if (tls_u16_list_has(ch->suites, ch->n_suites,
			     TLS_SCSV_EMPTY_RENEGOTIATION_INFO))
		hs->h12->reneg = true;
	if (!hs->h12->ems && !(hs->p.flags & TLSHAKE_F_NO_EMS_OK))
		return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
	return 0;
}

/* Is the leaf's key one this key exchange can use (RFC 8422 5.3)? */
static bool key_fits_kx(const struct tlshake_cert *leaf, u8 kx)
{
	u8 t = leaf->pub.type;
	u16 need = kx == TLSHAKE_KX_RSA ? TLSHAKE_KU_KEY_ENCIPHERMENT :
					  TLSHAKE_KU_DIGITAL_SIGNATURE;

	if (leaf->has_ku && !(leaf->key_usage & need))
		return false;
	if (kx == TLSHAKE_KX_ECDHE_ECDSA)
		return t == TLSHAKE_KEY_EC_P256 || t == TLSHAKE_KEY_EC_P384 ||
		       t == TLSHAKE_KEY_ED25519;
	return t == TLSHAKE_KEY_RSA;
}

/*
 * Our first scheme the client accepts that @pub signs with in TLS 1.2,
 * preferring those TLS 1.3 would also allow (an ECDSA hash that matches
 * the curve, RSA-PSS over PKCS#1 v1.5).
 */
static u16 sign_scheme(const struct tlshake_hs *hs,
		       const struct tlshake_pubkey *pub,
		       const struct ch12_offer *o)
{
	unsigned int i, pass;
	u16 s;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < TLSHAKE_MAX_SIG_SCHEMES &&
		     (s = hs->p.sig_schemes[i]); i++)
			if (tls_u16_list_has(o->sig_algs, o->n_sig, s) &&
			    tlshake_scheme_usable(s, pub, !pass))
				return s;
	return 0;
}

/*
 * A credential for this key exchange, preferring one whose leaf matches
 * the SNI. With ECDHE we must also be able to sign in a scheme the client
 * accepts (RFC 5246 7.4.1.4.1: none offered means SHA-1, which we refuse).
 */
static bool choose_cred(struct tlshake_hs *hs, u8 kx,
			const struct ch12_offer *o)
{
	const char *sni = hs->ts->info.server_name;
	const struct tlshake_cert *leaf;
	struct tlshake_cred *c;
	unsigned int pass, i;
	u16 s = 0;

	for (pass = o->sni ? 0 : 1; pass < 2; pass++) {
		for (i = 0; i < TLSHAKE_MAX_CREDS && (c = hs->creds[i]); i++) {
			leaf = tlshake_cred_leaf(c);
			if ((!pass && !tlshake_cert_match_host(leaf, sni)) ||
			    !key_fits_kx(leaf, kx))
				continue;
			if (is_ecdhe(kx)) {
				s = sign_scheme(hs, &leaf->pub, o);
				if (!s)
					continue;
			}
			hs->cred = c;
			hs->sig_scheme = s;
			hs->cred_usable = true;
			return true;
		}
	}
	return false;
}

/* Our preferred group the client supports. */
static void choose_group(struct tlshake_hs *hs, const struct ch12_offer *o)
{
	unsigned int i;
	u16 g;

	hs->group = 0;
	for (i = 0; i < TLSHAKE_MAX_GROUPS && (g = hs->p.groups[i]); i++)
		if (tls_u16_list_has(o->groups, o->n_groups, g) &&
		    tlshake_kex_supported(g)) {
			hs->group = g;
			return;
		}
}

/* Our preferred TLS 1.2 suite the client offers and a credential serves. */
static int choose_suite(struct tlshake_hs *hs,
			const struct tls_client_hello *ch,
			const struct ch12_offer *o,
			const struct tlshake_suite **suite)
{
	const struct tlshake_suite *su;
	unsigned int i;
	u16 id;

	choose_group(hs, o);
	for (i = 0; i < TLSHAKE_MAX_SUITES && (id = hs->p.suites[i]); i++) {
		su = tlshake_suite_find(id, false);
		if (!su || !tls_u16_list_has(ch->suites, ch->n_suites, id))
			continue;
		if (su->kx == TLSHAKE_KX_RSA &&
		    !(hs->p.flags & TLSHAKE_F_RSA_KEX))
			continue;
		if (is_ecdhe(su->kx) && !hs->group)
			continue;
		if (choose_cred(hs, su->kx, o)) {
			*suite = su;
			return 0;
		}
	}
	return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
}

/* ServerHello.random; the last 8 bytes say "downgraded" if we do 1.3. */
static void make_random(struct tlshake_hs *hs)
{
	u8 *tail = hs->server_random + TLS_RANDOM_LEN -
		   sizeof(tls_downgrade_12);

	get_random_bytes(hs->server_random, TLS_RANDOM_LEN);
	if (hs->p.max_version >= TLSHAKE_VERSION_1_3)
		memcpy(tail, tls_downgrade_12, sizeof(tls_downgrade_12));
}

static void sh_extensions(struct tlshake_hs *hs, struct tls_wr *w,
			  const struct ch12_offer *o)
{
	static const u8 point_formats[] = { 1, TLS_EC_POINT_UNCOMPRESSED };
	struct tlshake_hs12 *h = hs->h12;
	const char *alpn = hs->ts->info.alpn;
	size_t e = wr_vec_begin(w, 2), x, l;

	if (h->reneg) {
		x = tls_ext_begin(w, TLS_EXT_RENEGOTIATION_INFO);
		wr_u8(w, 0);
		tls_ext_end(w, x);
	}
	if (h->ems)
		hs12_put_ext_empty(w, TLS_EXT_EXTENDED_MASTER_SECRET);
	if (!h->resumed && is_ecdhe(h->kx) && o->point_formats) {
		x = tls_ext_begin(w, TLS_EXT_EC_POINT_FORMATS);
		wr_bytes(w, point_formats, sizeof(point_formats));
		tls_ext_end(w, x);
	}
	if (alpn[0]) {
		x = tls_ext_begin(w, TLS_EXT_ALPN);
		l = wr_vec_begin(w, 2);
		wr_u8(w, strlen(alpn));
		wr_bytes(w, alpn, strlen(alpn));
		wr_vec_end(w, l, 2);
		tls_ext_end(w, x);
	}
	if (h->ticket)
		hs12_put_ext_empty(w, TLS_EXT_SESSION_TICKET);
	if (!h->resumed && o->sni)	/* RFC 6066 3: not when resuming */
		hs12_put_ext_empty(w, TLS_EXT_SERVER_NAME);
	if (h->peer_rsl) {
		x = tls_ext_begin(w, TLS_EXT_RECORD_SIZE_LIMIT);
		wr_u16(w, HS12_RECORD_SIZE_LIMIT);
		tls_ext_end(w, x);
	}
	wr_vec_end(w, e, 2);
}

static int send_server_hello(struct tlshake_hs *hs,
			     const struct ch12_offer *o)
{
	struct tls_wr w;
	size_t mark;

	make_random(hs);
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_SERVER_HELLO);
	wr_u16(&w, TLSHAKE_VERSION_1_2);
	wr_bytes(&w, hs->server_random, TLS_RANDOM_LEN);
	wr_u8(&w, hs->session_id_len);
	wr_bytes(&w, hs->session_id, hs->session_id_len);
	wr_u16(&w, hs->suite->id);
	wr_u8(&w, 0);			/* compression: null */
	sh_extensions(hs, &w, o);
	tls_hs_end(&w, mark);
	if (w.err)
		return hs12_internal(hs, -EOVERFLOW);
	return hs_send(hs, w.p, w.len);
}

/* ServerKeyExchange: our ECDHE key, signed with both randoms. */
static int send_server_kx(struct tlshake_hs *hs)
{
	u8 content[2 * TLS_RANDOM_LEN + 4 + TLSHAKE_KEX_MAX_PUBLIC];
	size_t mark, start, plen;
	const u8 *pub;
	struct tls_wr w;
	int err;

	err = tlshake_kex_init(&hs->kx[0], hs->group);
	if (err)
		return hs12_internal(hs, err);
	hs->n_kx = 1;
	pub = tlshake_kex_public(&hs->kx[0], &plen);
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_SERVER_KEY_EXCHANGE);
	start = w.len;
	tls_put_ecdh_params(&w, hs->group, pub, plen);
	if (w.err || w.len - start > sizeof(content) - 2 * TLS_RANDOM_LEN)
		return hs12_internal(hs, -EOVERFLOW);
	memcpy(content, hs->client_random, TLS_RANDOM_LEN);
	memcpy(content + TLS_RANDOM_LEN, hs->server_random, TLS_RANDOM_LEN);
	memcpy(content + 2 * TLS_RANDOM_LEN, w.p + start, w.len - start);
	err = hs12_sign(hs, &w, content, 2 * TLS_RANDOM_LEN + w.len - start);
	if (err)
		return err;
	tls_hs_end(&w, mark);
	return w.err ? hs12_internal(hs, -EOVERFLOW) : hs_send(hs, w.p, w.len);
}

/*
 * RFC 5246 7.4.4: the certificate types and signature algorithms we
 * accept, and the anchors' names if asked to (they may exceed hs->out).
 */
static int send_cert_request(struct tlshake_hs *hs)
{
	static const u8 types[] = {
		2, TLS_CERT_TYPE_RSA_SIGN, TLS_CERT_TYPE_ECDSA_SIGN,
	};
	size_t names = hs_pki_ca_names_len(hs);
	size_t cap = 64 + 2 * TLSHAKE_MAX_SIG_SCHEMES + names, mark, l;
	struct tls_wr w;
	unsigned int i;
	u8 *buf;
	int err;

	buf = kvmalloc(cap, GFP_KERNEL);
	if (!buf)
		return hs12_internal(hs, -ENOMEM);
	wr_init(&w, buf, cap);
	mark = tls_hs_begin(&w, TLS_HS_CERTIFICATE_REQUEST);
	wr_bytes(&w, types, sizeof(types));
	l = wr_vec_begin(&w, 2);
	for (i = 0; i < TLSHAKE_MAX_SIG_SCHEMES && hs->p.sig_schemes[i]; i++)
		wr_u16(&w, hs->p.sig_schemes[i]);
	wr_vec_end(&w, l, 2);
	l = wr_vec_begin(&w, 2);	/* certificate_authorities */
	if (names)
		hs_pki_put_ca_names(hs, &w);
	wr_vec_end(&w, l, 2);
	tls_hs_end(&w, mark);
	hs->cert_requested = true;
	err = w.err ? hs12_internal(hs, -EOVERFLOW) : hs_send(hs, w.p, w.len);
	kvfree(buf);
	return err;
}

static int send_hello_done(struct tlshake_hs *hs)
{
	static const u8 msg[] = { TLS_HS_SERVER_HELLO_DONE, 0, 0, 0 };

	return hs_send(hs, msg, sizeof(msg));
}

/*
 * Full handshake. A session is kept for resumption if EMS was used: in a
 * ticket if the client takes tickets, else in the cache under a new ID.
 */
static int s_full(struct tlshake_hs *hs, const struct tls_client_hello *ch,
		  const struct ch12_offer *o)
{
	struct tlshake_hs12 *h = hs->h12;
	bool req = hs->p.flags & TLSHAKE_F_REQUEST_CERT;
	const struct tlshake_suite *suite;
	bool resumable;
	int err;

	err = choose_suite(hs, ch, o, &suite);
	if (!err)
		err = hs12_set_suite(hs, suite, req);
	if (err)
		return err;
	resumable = !(hs->p.flags & TLSHAKE_F_NO_RESUMPTION) && h->ems;
	h->ticket = resumable && o->ticket && use_tickets(hs);
	hs->session_id_len = 0;
	if (resumable && !h->ticket) {
		hs->session_id_len = TLSHAKE_SESSION_ID_LEN;
		get_random_bytes(hs->session_id, hs->session_id_len);
	}
	err = send_server_hello(hs, o);
	if (!err)
		err = hs12_cert_send(hs);
	if (!err && is_ecdhe(h->kx))
		err = send_server_kx(hs);
	if (!err && req)
		err = send_cert_request(hs);
	if (!err)
		err = send_hello_done(hs);
	hs12_set_state(hs, req ? HS12_S_WAIT_CERT : HS12_S_WAIT_CKE);
	return err;
}

/*
 * May @s be resumed here? Only for the name it was made for (RFC 6066 3),
 * with a suite both sides still allow, by a server holding the credential
 * it was made with, and if a client certificate is required, one this
 * trust store validated.
 */
static bool session_ok(struct tlshake_hs *hs, const struct tls_client_hello *ch,
		       const struct tlshake_session *s)
{
	const struct tlshake_suite *su = tlshake_suite_find(s->suite, false);

	if (s->version != TLSHAKE_VERSION_1_2 || !su ||
	    !hs_offered_suite(hs, s->suite) ||
	    !tls_u16_list_has(ch->suites, ch->n_suites, s->suite) ||
	    (su->kx == TLSHAKE_KX_RSA && !(hs->p.flags & TLSHAKE_F_RSA_KEX)))
		return false;
	return hs_session_match(hs, s);
}

/* The session the client offers, from its ticket or the cache. */
static struct tlshake_session *find_session(struct tlshake_hs *hs,
					    const struct tls_client_hello *ch,
					    const struct ch12_offer *o)
{
	struct tlshake_resume_net *rn = tlshake_resume_net(sock_net(hs->ts->sk));
	time64_t now = ktime_get_real_seconds();
	struct tlshake_session *s = NULL;

	if (hs->p.flags & TLSHAKE_F_NO_RESUMPTION)
		return NULL;
	if (o->ticket && o->ticket->len && use_tickets(hs)) {
		/* a ticket we cannot open means a full handshake */
		s = tlshake_ticket_open(&rn->keys, o->ticket->data,
					o->ticket->len, now);
		if (IS_ERR(s))
			s = NULL;
	}
	if (!s && ch->session_id_len)
		s = tlshake_sess_cache_lookup(&rn->cache, ch->session_id,
					      ch->session_id_len, now);
	if (s && !session_ok(hs, ch, s)) {
		tlshake_session_put(s);
		s = NULL;
	}
	return s;
}

/* Abbreviated handshake: ServerHello, then at once our Finished. */
static int s_resume(struct tlshake_hs *hs, struct tlshake_session *s,
		    const struct ch12_offer *o)
{
	struct tlshake_hs12 *h = hs->h12;
	int err;

	h->sess = s;
	/* RFC 7627 5.3: an EMS session needs EMS in the resuming hello */
	if (!h->ems)
		return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
	h->resumed = true;
	err = hs12_set_suite(hs, tlshake_suite_find(s->suite, false), false);
	if (!err)
		err = send_server_hello(hs, o);
	if (!err)
		err = hs12_resume_master(hs);
	if (!err)
		err = hs12_resume_peer(hs);
	if (!err)
		err = hs12_send_finished(hs);
	hs12_set_state(hs, HS12_WAIT_CCS);
	return err;
}

/**
 * hs12s_client_hello() - a ClientHello for which TLS 1.2 was chosen
 *	(hs13s.c parsed it into hs->ch and checked its basics)
 * @hs: the handshake
 * @raw: the whole message
 * @raw_len: its length
 *
 * TLS_FALLBACK_SCSV from a client while we could do TLS 1.3 is an
 * inappropriate_fallback (RFC 7507 3).
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12s_client_hello(struct tlshake_hs *hs, const u8 *raw, size_t raw_len)
{
	const struct tls_client_hello *ch = hs->ch;
	struct tlshake_session *s;
	struct ch12_offer o;
	int err;

	if (tls_u16_list_has(ch->suites, ch->n_suites, TLS_SCSV_FALLBACK) &&
	    hs->p.max_version > TLSHAKE_VERSION_1_2)
		return hs_fail(hs, -EPROTO, TLSHAKE_ALERT_INAPPROPRIATE_FALLBACK,
			       TLSHAKE_REASON_VERSION);
	err = hs12_init(hs);
	if (err)
		return err;
	hs->h12->client_version = ch->legacy_version;
	memcpy(hs->client_random, ch->random, TLS_RANDOM_LEN);
	hs->session_id_len = ch->session_id_len;
	memcpy(hs->session_id, ch->session_id, ch->session_id_len);
	err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs12_internal(hs, err);
	err = read_offer(hs, ch, &o);
	if (err)
		return err;
	s = find_session(hs, ch, &o);
	return s ? s_resume(hs, s, &o) : s_full(hs, ch, &o);
}

/* ClientKeyExchange: the premaster secret, then the master secret. */
static int s_client_kx(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tlshake_hs12 *h = hs->h12;
	u8 pms[TLSHAKE_KEX_MAX_SECRET], alert, cv[2];
	size_t plen = sizeof(pms), dlen;
	const u8 *data;
	int err;

	if (tls_parse_client_kx(body, len, is_ecdhe(h->kx), &data, &dlen,
				&alert))
		return hs_reject(hs, alert);
	if (is_ecdhe(h->kx)) {
		err = tlshake_kex_derive(&hs->kx[0], data, dlen, pms, &plen,
					 &alert);
		if (err)
			return hs_reject(hs, alert);
	} else {
		/*
		 * RFC 5246 7.4.7.1: whatever is wrong with it, go on with a
		 * random premaster secret; the client's Finished then fails
		 * like any other wrong key would.
		 */
		cv[0] = h->client_version >> 8;
		cv[1] = h->client_version & 0xff;
		plen = RSA_TLS_PREMASTER_LEN;
		err = tlshake_rsa_decrypt_premaster(hs_pki_key(hs), data, dlen,
						    cv, pms);
		if (err)
			return hs12_internal(hs, err);
	}
	err = hs12_master(hs, pms, plen);
	memzero_explicit(pms, sizeof(pms));
	if (err)
		return err;
	hs12_set_state(hs, hs->peer_key.key ? HS12_S_WAIT_CV :
		       HS12_WAIT_CCS);
	return 0;
}

/* The client's CertificateVerify: a signature over the transcript. */
static int s_cert_verify(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	const u8 *sig, *msgs;
	size_t slen, n;
	u16 scheme;
	u8 alert;

	if (tls_parse_cert_verify(body, len, &scheme, &sig, &slen, &alert))
		return hs_reject(hs, alert);
	msgs = tlshake_transcript_messages(&hs->tr, &n);
	if (!msgs)
		return hs12_internal(hs, -EINVAL);
	return hs12_verify(hs, scheme, sig, slen, msgs, n);
}

/* NewSessionTicket (RFC 5077 3.3); an empty ticket if sealing fails. */
static int send_ticket(struct tlshake_hs *hs, struct tlshake_session *s)
{
	struct tlshake_resume_net *rn = tlshake_resume_net(sock_net(hs->ts->sk));
	u8 *ticket = NULL, *msg;
	size_t tlen = 0, len;
	int err;

	if (s && tlshake_ticket_seal(&rn->keys, s, ktime_get_real_seconds(),
				     &ticket, &tlen))
		tlen = 0;
	len = TLS_HS_HDR_LEN + 6 + tlen;
	msg = kmalloc(len, GFP_KERNEL);
	if (!msg) {
		kfree(ticket);
		return hs12_internal(hs, -ENOMEM);
	}
	msg[0] = TLS_HS_NEW_SESSION_TICKET;
	put_unaligned_be24(len - TLS_HS_HDR_LEN, msg + 1);
	put_unaligned_be32(s ? s->lifetime : 0, msg + 4);
	put_unaligned_be16(tlen, msg + 8);
	if (tlen)
		memcpy(msg + 10, ticket, tlen);
	err = hs_send(hs, msg, len);
	kfree(msg);
	kfree(ticket);
	return err;
}

/* After the client's Finished of a full handshake: the session, our end. */
static int s_full_end(struct tlshake_hs *hs)
{
	struct tlshake_hs12 *h = hs->h12;
	struct tlshake_session *s = NULL;
	int err;

	if (h->ticket || hs->session_id_len) {
		s = tlshake_session_new();
		if (!s)
			return hs12_internal(hs, -ENOMEM);
		err = hs12_session_fill(hs, s);
		if (err == -ENOMEM) {
			tlshake_session_put(s);
			return hs12_internal(hs, err);
		}
		if (err) {		/* not resumable after all */
			tlshake_session_put(s);
			s = NULL;
		}
	}
	if (s && !h->ticket) {
		memcpy(s->id, hs->session_id, hs->session_id_len);
		s->id_len = hs->session_id_len;
	}
	h->sess = s;
	err = h->ticket ? send_ticket(hs, s) : 0;
	return err ?: hs12_send_finished(hs);
}

static int s_finished(struct tlshake_hs *hs, const u8 *body, size_t len,
		      const u8 *raw, size_t raw_len)
{
	int err = hs12_finished_check(hs, body, len);

	if (err)
		return err;
	err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs12_internal(hs, err);
	if (!hs->h12->resumed)
		err = s_full_end(hs);
	return err ?: hs12_done(hs);
}

/**
 * hs12s_finish() - the server's part of the end of the handshake: cache
 *	a new session under its ID
 * @hs: the handshake
 *
 * Return: 0.
 */
int hs12s_finish(struct tlshake_hs *hs)
{
	struct tlshake_hs12 *h = hs->h12;
	struct tlshake_sock *ts = hs->ts;
	struct tlshake_resume_net *rn;

	if (!h->sess)
		return 0;
	if (!h->resumed && h->sess->id_len) {
		rn = tlshake_resume_net(sock_net(ts->sk));
		/* a session the cache cannot take is simply not resumable */
		tlshake_sess_cache_add(&rn->cache, h->sess,
				       ktime_get_real_seconds());
	}
	tlshake_session_put(ts->session);
	WRITE_ONCE(ts->session, tlshake_session_get(h->sess));
	return 0;
}

/**
 * hs12s_message() - one handshake message from a TLS 1.2 client
 * @hs: the handshake
 * @type: HandshakeType
 * @body: the body
 * @len: its length
 * @raw: the whole message (for the transcript)
 * @raw_len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12s_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len)
{
	static const u8 want[] = {
		[HS12_S_WAIT_CERT] = TLS_HS_CERTIFICATE,
		[HS12_S_WAIT_CKE] = TLS_HS_CLIENT_KEY_EXCHANGE,
		[HS12_S_WAIT_CV] = TLS_HS_CERTIFICATE_VERIFY,
		[HS12_WAIT_FINISHED] = TLS_HS_FINISHED,
	};
	struct tlshake_hs12 *h = hs->h12;
	int err;

	if (h->state >= ARRAY_SIZE(want) || !want[h->state] ||
	    want[h->state] != type)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	if (type == TLS_HS_FINISHED)
		return s_finished(hs, body, len, raw, raw_len);
	/* CertificateVerify signs the transcript before it */
	err = type == TLS_HS_CERTIFICATE_VERIFY ?
	      s_cert_verify(hs, body, len) : 0;
	if (err)
		return err;
	err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs12_internal(hs, err);
	switch (type) {
	case TLS_HS_CERTIFICATE:
		err = hs12_cert_recv(hs, body, len);
		hs12_set_state(hs, HS12_S_WAIT_CKE);
		return err;
	case TLS_HS_CLIENT_KEY_EXCHANGE:
		return s_client_kx(hs, body, len);
	default:	/* TLS_HS_CERTIFICATE_VERIFY */
		hs12_set_state(hs, HS12_WAIT_CCS);
		return 0;
	}
}
