// SPDX-License-Identifier: GPL-2.0
/*
 * The TLS 1.3 client (RFC 8446 4): ClientHello, HelloRetryRequest,
 * ServerHello, EncryptedExtensions, CertificateRequest, Certificate,
 * CertificateVerify, Finished, then our Certificate, CertificateVerify and
 * Finished.
 */
#include <linux/inet.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "hs_int.h"
#include "hs_pki.h"
#include "sig.h"

/* Extensions we put in a ClientHello: the server may answer only these. */
static const u16 ch_exts[] = {
	TLS_EXT_SERVER_NAME, TLS_EXT_SUPPORTED_GROUPS, TLS_EXT_EC_POINT_FORMATS,
	TLS_EXT_SIGNATURE_ALGORITHMS, TLS_EXT_ALPN,
	TLS_EXT_EXTENDED_MASTER_SECRET, TLS_EXT_SUPPORTED_VERSIONS,
	TLS_EXT_COOKIE, TLS_EXT_PSK_KEY_EXCHANGE_MODES, TLS_EXT_KEY_SHARE,
	TLS_EXT_RENEGOTIATION_INFO, TLS_EXT_RECORD_SIZE_LIMIT,
	TLS_EXT_PRE_SHARED_KEY,
};

static bool sent_ext(const struct tlshake_hs *hs, u16 type)
{
	unsigned int i;

	if (type == TLS_EXT_SERVER_NAME && !hs->sni_sent)
		return false;
	if (type == TLS_EXT_ALPN && !hs->p.alpn_len)
		return false;
	if (type == TLS_EXT_COOKIE && !hs->cookie)
		return false;
	if (type == TLS_EXT_PRE_SHARED_KEY && !hs->binder_off)
		return false;
	for (i = 0; i < ARRAY_SIZE(ch_exts); i++)
		if (ch_exts[i] == type)
			return true;
	return false;
}

/* An extension the server may not send: which alert (RFC 8446 4.2). */
static int bad_ext(struct tlshake_hs *hs, u16 type)
{
	return hs_reject(hs, sent_ext(hs, type) ?
			 TLSHAKE_ALERT_ILLEGAL_PARAMETER :
			 TLSHAKE_ALERT_UNSUPPORTED_EXTENSION);
}

static bool offer_12(const struct tlshake_hs *hs)
{
	return hs->p.min_version <= TLSHAKE_VERSION_1_2;
}

static void put_u16_list(struct tls_wr *w, const u16 *list, unsigned int max,
			 bool tls13_only)
{
	size_t mark = wr_vec_begin(w, 2);
	unsigned int i;

	for (i = 0; i < max && list[i]; i++) {
		if (tls13_only && !tlshake_suite_find(list[i], true))
			continue;
		wr_u16(w, list[i]);
	}
	wr_vec_end(w, mark, 2);
}

static void put_suites(struct tlshake_hs *hs, struct tls_wr *w)
{
	size_t mark = wr_vec_begin(w, 2);
	unsigned int i;
	u16 id;

	for (i = 0; i < TLSHAKE_MAX_SUITES && hs->p.suites[i]; i++) {
		id = hs->p.suites[i];
		if ((tlshake_suite_find(id, true) &&
		     hs->p.max_version >= TLSHAKE_VERSION_1_3) ||
		    (tlshake_suite_find(id, false) && offer_12(hs)))
			wr_u16(w, id);
	}
	wr_vec_end(w, mark, 2);
}

static void ext_sni(struct tlshake_hs *hs, struct tls_wr *w)
{
	const char *name = hs->p.server_name;
	size_t mark, list, len = strlen(name);
	u8 ip[16];

	hs->sni_sent = false;
	/* RFC 6066 3: literal addresses are not sent as names */
	if (!len || in4_pton(name, len, ip, -1, NULL) ||
	    in6_pton(name, len, ip, -1, NULL))
		return;
	hs->sni_sent = true;
	mark = tls_ext_begin(w, TLS_EXT_SERVER_NAME);
	list = wr_vec_begin(w, 2);
	wr_u8(w, 0);
	wr_u16(w, len);
	wr_bytes(w, name, len);
	wr_vec_end(w, list, 2);
	tls_ext_end(w, mark);
}

static void ext_versions(struct tlshake_hs *hs, struct tls_wr *w)
{
	size_t mark = tls_ext_begin(w, TLS_EXT_SUPPORTED_VERSIONS);
	size_t list = wr_vec_begin(w, 1);
	u16 v;

	for (v = hs->p.max_version; v >= hs->p.min_version; v--)
		wr_u16(w, v);
	wr_vec_end(w, list, 1);
	tls_ext_end(w, mark);
}

static void ext_key_share(struct tlshake_hs *hs, struct tls_wr *w)
{
	size_t mark = tls_ext_begin(w, TLS_EXT_KEY_SHARE);
	size_t list = wr_vec_begin(w, 2), plen;
	const u8 *pub;
	unsigned int i;

	for (i = 0; i < hs->n_kx; i++) {
		pub = tlshake_kex_public(&hs->kx[i], &plen);
		wr_u16(w, hs->kx[i].group);
		wr_u16(w, plen);
		wr_bytes(w, pub, plen);
	}
	wr_vec_end(w, list, 2);
	tls_ext_end(w, mark);
}

static void ext_simple(struct tls_wr *w, u16 type, const u8 *data,
		       size_t len)
{
	size_t mark = tls_ext_begin(w, type);

	wr_bytes(w, data, len);
	tls_ext_end(w, mark);
}

/* Extensions only a TLS 1.2 server reads. */
static void exts_12(struct tlshake_hs *hs, struct tls_wr *w)
{
	static const u8 point_formats[] = { 1, 0 };	/* uncompressed */
	static const u8 reneg_empty[] = { 0 };

	if (!offer_12(hs))
		return;
	ext_simple(w, TLS_EXT_EC_POINT_FORMATS, point_formats,
		   sizeof(point_formats));
	ext_simple(w, TLS_EXT_EXTENDED_MASTER_SECRET, NULL, 0);
	ext_simple(w, TLS_EXT_RENEGOTIATION_INFO, reneg_empty,
		   sizeof(reneg_empty));
	hs12c_client_hello_exts(hs, w);
}

static void ch_extensions(struct tlshake_hs *hs, struct tls_wr *w)
{
	static const u8 psk_modes[] = { 1, TLS_PSK_DHE_KE };
	size_t mark = wr_vec_begin(w, 2), e;

	ext_sni(hs, w);
	ext_versions(hs, w);
	e = tls_ext_begin(w, TLS_EXT_SUPPORTED_GROUPS);
	put_u16_list(w, hs->p.groups, TLSHAKE_MAX_GROUPS, false);
	tls_ext_end(w, e);
	e = tls_ext_begin(w, TLS_EXT_SIGNATURE_ALGORITHMS);
	put_u16_list(w, hs->p.sig_schemes, TLSHAKE_MAX_SIG_SCHEMES, false);
	tls_ext_end(w, e);
	if (hs->p.max_version >= TLSHAKE_VERSION_1_3) {
		ext_key_share(hs, w);
		ext_simple(w, TLS_EXT_PSK_KEY_EXCHANGE_MODES, psk_modes,
			   sizeof(psk_modes));
	}
	if (hs->cookie) {
		e = tls_ext_begin(w, TLS_EXT_COOKIE);
		wr_u16(w, hs->cookie_len);
		wr_bytes(w, hs->cookie, hs->cookie_len);
		tls_ext_end(w, e);
	}
	if (hs->p.alpn_len) {
		e = tls_ext_begin(w, TLS_EXT_ALPN);
		wr_u16(w, hs->p.alpn_len);
		wr_bytes(w, hs->p.alpn, hs->p.alpn_len);
		tls_ext_end(w, e);
	}
	/*
	 * We take records of any size the protocol allows (RFC 8449 4): 2^14
	 * plus TLS 1.3's content type byte, or 2^14 if TLS 1.2 is our best.
	 */
	e = tls_ext_begin(w, TLS_EXT_RECORD_SIZE_LIMIT);
	wr_u16(w, TLSHAKE_MAX_PLAINTEXT +
	       (hs->p.max_version >= TLSHAKE_VERSION_1_3));
	tls_ext_end(w, e);
	exts_12(hs, w);
	/* RFC 8446 4.2.11: pre_shared_key comes last */
	if (hs->p.max_version >= TLSHAKE_VERSION_1_3)
		hs13c_psk_ext(hs, w);
	wr_vec_end(w, mark, 2);
}

/* Build and send the (first or second) ClientHello. */
static int send_client_hello(struct tlshake_hs *hs)
{
	static const u8 null_comp[] = { 1, 0 };
	struct tls_wr w;
	size_t mark;
	int err;

	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_CLIENT_HELLO);
	wr_u16(&w, TLSHAKE_VERSION_1_2);
	wr_bytes(&w, hs->client_random, TLS_RANDOM_LEN);
	wr_u8(&w, hs->session_id_len);
	wr_bytes(&w, hs->session_id, hs->session_id_len);
	put_suites(hs, &w);
	wr_bytes(&w, null_comp, sizeof(null_comp));
	ch_extensions(hs, &w);
	tls_hs_end(&w, mark);
	if (w.err)
		return hs_fail(hs, -EOVERFLOW, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	err = hs13c_psk_binder(hs, w.p, w.len);
	return err ?: hs_send(hs, w.p, w.len);
}

static int new_share(struct tlshake_hs *hs, u16 group)
{
	int err = tlshake_kex_init(&hs->kx[hs->n_kx], group);

	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	hs->n_kx++;
	return 0;
}

/**
 * hs13c_start() - the client's first flight: ClientHello
 * @hs: the handshake
 *
 * Key shares go out for the first two groups of our list (by default
 * X25519 and P-256). With TLS 1.3 on offer, a random legacy session id is
 * sent for middlebox compatibility (RFC 8446 D.4).
 *
 * Return: 0 or a negative errno.
 */
int hs13c_start(struct tlshake_hs *hs)
{
	unsigned int i;
	int err;

	get_random_bytes(hs->client_random, TLS_RANDOM_LEN);
	if (hs->p.max_version >= TLSHAKE_VERSION_1_3) {
		hs->session_id_len = TLS_SESSION_ID_MAX;
		get_random_bytes(hs->session_id, TLS_SESSION_ID_MAX);
		for (i = 0; i < TLSHAKE_MAX_SHARES && hs->p.groups[i]; i++) {
			err = new_share(hs, hs->p.groups[i]);
			if (err)
				return err;
		}
		err = hs13c_psk_prep(hs);
		if (err)
			return err;
	}
	err = hs12c_client_hello_prep(hs);
	if (!err)
		err = send_client_hello(hs);
	if (!err)
		hs_set_state(hs, HS_C_WAIT_SH);
	return err;
}

/* The version a ServerHello's supported_versions selects. */
static int sh_version(struct tlshake_hs *hs, const struct tls_server_hello *sh,
		      u16 *version)
{
	const struct tls_ext *e;
	struct tls_rd r;

	e = tls_find_ext(&sh->exts, TLS_EXT_SUPPORTED_VERSIONS);
	if (!e) {
		*version = sh->legacy_version;
		return 0;
	}
	rd_init(&r, e->data, e->len);
	*version = rd_u16(&r);
	if (!rd_done(&r))
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	if (*version != TLSHAKE_VERSION_1_3 || !hs_allow_version(hs, *version))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	return 0;
}

/* Checks common to ServerHello and HelloRetryRequest in TLS 1.3. */
static int sh_common(struct tlshake_hs *hs, const struct tls_server_hello *sh)
{
	const struct tlshake_suite *suite;

	if (sh->session_id_len != hs->session_id_len ||
	    memcmp(sh->session_id, hs->session_id, sh->session_id_len))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	suite = tlshake_suite_find(sh->suite, true);
	if (!suite || !hs_offered_suite(hs, sh->suite) || sh->comp ||
	    (hs->suite && hs->suite != suite))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	hs->suite = suite;
	return 0;
}

static int set_transcript_hash(struct tlshake_hs *hs)
{
	int err = tlshake_transcript_set_hash(&hs->tr, hs->suite->hash, false);

	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	return 0;
}

/* HRR: check it, switch the transcript, send the second ClientHello. */
static int c_hrr(struct tlshake_hs *hs, const struct tls_server_hello *sh,
		 const u8 *raw, size_t raw_len)
{
	const struct tls_ext *ks = NULL, *ck = NULL;
	struct tls_key_share share;
	unsigned int i;
	const u8 *c;
	size_t clen;
	u8 alert;
	int err;

	if (hs->hrr)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	hs->hrr = true;
	for (i = 0; i < sh->exts.n; i++) {
		switch (sh->exts.ext[i].type) {
		case TLS_EXT_SUPPORTED_VERSIONS:
			break;
		case TLS_EXT_KEY_SHARE:
			ks = &sh->exts.ext[i];
			break;
		case TLS_EXT_COOKIE:
			ck = &sh->exts.ext[i];
			break;
		default:
			return bad_ext(hs, sh->exts.ext[i].type);
		}
	}
	if (!ks && !ck)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	err = set_transcript_hash(hs);
	if (!err)
		err = tlshake_transcript_hrr(&hs->tr);
	if (!err)
		err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	if (ck) {
		if (tls_ext_cookie(ck, &c, &clen, &alert))
			return hs_reject(hs, alert);
		hs->cookie = kmemdup(c, clen, GFP_KERNEL);
		if (!hs->cookie)
			return hs_fail(hs, -ENOMEM, TLSHAKE_ALERT_INTERNAL_ERROR,
				       TLSHAKE_REASON_INTERNAL);
		hs->cookie_len = clen;
	}
	if (ks) {
		if (tls_ext_key_share_sh(ks, true, &share, &alert))
			return hs_reject(hs, alert);
		if (!hs_offered_group(hs, share.group))
			return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
		for (i = 0; i < hs->n_kx; i++)
			if (hs->kx[i].group == share.group)
				return hs_reject(hs,
					TLSHAKE_ALERT_ILLEGAL_PARAMETER);
		for (i = 0; i < hs->n_kx; i++)
			tlshake_kex_free(&hs->kx[i]);
		hs->n_kx = 0;
		err = new_share(hs, share.group);
		if (err)
			return err;
	}
	err = hs_send_ccs(hs);
	if (!err)
		err = send_client_hello(hs);
	return err;
}

/* The server's key share: our secret with it starts the schedule. */
static int sh_key_share(struct tlshake_hs *hs, const struct tls_ext *e)
{
	u8 dhe[TLS_KEY_SHARE_MAX], alert;
	struct tls_key_share share;
	struct tlshake_kex *kx = NULL;
	size_t dlen = sizeof(dhe);
	unsigned int i;
	int err;

	if (!e)
		return hs_reject(hs, TLSHAKE_ALERT_MISSING_EXTENSION);
	if (tls_ext_key_share_sh(e, false, &share, &alert))
		return hs_reject(hs, alert);
	for (i = 0; i < hs->n_kx; i++)
		if (hs->kx[i].group == share.group)
			kx = &hs->kx[i];
	if (!kx)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	err = tlshake_kex_derive(kx, share.key, share.key_len, dhe, &dlen,
				 &alert);
	if (err)
		return hs_reject(hs, alert);
	hs->group = share.group;
	err = hs13_start_schedule(hs, dhe, dlen);
	memzero_explicit(dhe, sizeof(dhe));
	return err;
}

static int c_server_hello(struct tlshake_hs *hs, const u8 *body, size_t len,
			  const u8 *raw, size_t raw_len)
{
	struct tls_server_hello *sh = hs->sh;
	const struct tls_ext *ks = NULL, *psk = NULL;
	unsigned int i;
	u16 version;
	u8 alert;
	int err;

	err = tls_parse_server_hello(body, len, sh, &alert);
	if (err)
		return hs_reject(hs, alert);
	err = sh_version(hs, sh, &version);
	if (err)
		return err;
	if (!tls_find_ext(&sh->exts, TLS_EXT_SUPPORTED_VERSIONS))
		return hs12c_server_hello(hs, raw, raw_len);
	if (version != TLSHAKE_VERSION_1_3)
		return hs_reject(hs, TLSHAKE_ALERT_PROTOCOL_VERSION);
	err = sh_common(hs, sh);
	if (err)
		return err;
	if (sh->is_hrr)
		return c_hrr(hs, sh, raw, raw_len);
	for (i = 0; i < sh->exts.n; i++) {
		switch (sh->exts.ext[i].type) {
		case TLS_EXT_SUPPORTED_VERSIONS:
			break;
		case TLS_EXT_KEY_SHARE:
			ks = &sh->exts.ext[i];
			break;
		case TLS_EXT_PRE_SHARED_KEY:
			psk = &sh->exts.ext[i];
			break;
		default:
			return bad_ext(hs, sh->exts.ext[i].type);
		}
	}
	if (psk) {
		err = hs13c_psk_accepted(hs, psk);
		if (err)
			return err;
	}
	memcpy(hs->server_random, sh->random, TLS_RANDOM_LEN);
	hs->version = version;
	if (!hs->hrr)
		err = set_transcript_hash(hs);
	if (!err)
		err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	err = sh_key_share(hs, ks);
	if (!err)
		err = hs_set_rx_key(hs, TLSHAKE_KS_S_HS_TRAFFIC);
	/*
	 * Write with the handshake key from now on, so that an alert about
	 * the server's flight is protected as the server expects; the
	 * compatibility CCS goes first (RFC 8446 D.4), still before our
	 * second flight.
	 */
	if (!err)
		err = hs_send_ccs(hs);
	if (!err)
		err = hs_set_tx_key(hs, TLSHAKE_KS_C_HS_TRAFFIC);
	if (!err)
		hs_set_state(hs, HS_C_WAIT_EE);
	return err;
}

static int ee_alpn(struct tlshake_hs *hs, const struct tls_ext *e)
{
	struct tls_rd r;
	const u8 *proto;
	size_t len;
	u8 alert;

	if (tls_ext_alpn_selected(e, &proto, &len, &alert))
		return hs_reject(hs, alert);
	rd_init(&r, hs->p.alpn, hs->p.alpn_len);
	while (r.left) {
		struct tls_rd name = rd_vec(&r, 1, 1, 255);

		if (name.left == len && !memcmp(name.p, proto, len)) {
			memcpy(hs->ts->info.alpn, proto, len);
			hs->ts->info.alpn[len] = 0;
			return 0;
		}
	}
	return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
}

static int c_encrypted_extensions(struct tlshake_hs *hs, const u8 *body,
				  size_t len)
{
	struct tls_exts *exts = &hs->ch->exts;	/* scratch: not parsing a CH */
	const struct tls_ext *e;
	struct tls_rd r;
	unsigned int i;
	u8 alert;
	int err;

	rd_init(&r, body, len);
	if (!len)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	err = tls_parse_exts(&r, exts, &alert);
	if (err)
		return hs_reject(hs, alert);
	for (i = 0; i < exts->n; i++) {
		e = &exts->ext[i];
		switch (e->type) {
		case TLS_EXT_SERVER_NAME:
			if (!hs->sni_sent || e->len)
				return bad_ext(hs, e->type);
			break;
		case TLS_EXT_SUPPORTED_GROUPS:
			break;
		case TLS_EXT_ALPN:
			if (!hs->p.alpn_len)
				return bad_ext(hs, e->type);
			err = ee_alpn(hs, e);
			if (err)
				return err;
			break;
		case TLS_EXT_RECORD_SIZE_LIMIT:
			err = hs13_record_size_limit(hs, e);
			if (err)
				return err;
			break;
		default:
			return bad_ext(hs, e->type);
		}
	}
	/* resuming, the server authenticates with the PSK alone */
	hs_set_state(hs, hs->resumed ? HS_C_WAIT_FINISHED : HS_C_WAIT_CERT_CR);
	return 0;
}

/* RFC 8446 4.3.2: what the server asks for; choose our answer now. */
static int read_cert_request(const struct tls_cert_request *cr,
			     struct hs_cert_req *req, u8 *alert)
{
	const struct tls_ext *e;
	int err;

	if (cr->ctx_len) {	/* only post-handshake requests have one */
		*alert = TLSHAKE_ALERT_ILLEGAL_PARAMETER;
		return -EPROTO;
	}
	e = tls_find_ext(&cr->exts, TLS_EXT_SIGNATURE_ALGORITHMS);
	err = tls_ext_u16_list(e, 2, &req->sig_algs, &req->n_sig_algs, alert);
	if (err)
		return err;
	e = tls_find_ext(&cr->exts, TLS_EXT_CERTIFICATE_AUTHORITIES);
	if (e)
		err = tls_ext_ca_names(e, &req->ca_names, &req->ca_names_len,
				       alert);
	req->tls13 = true;
	return err;
}

static int c_cert_request(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tls_cert_request *cr = kzalloc(sizeof(*cr), GFP_KERNEL);
	struct hs_cert_req req = { };
	u8 alert;
	int err;

	if (!cr)
		return hs_fail(hs, -ENOMEM, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	err = tls_parse_cert_request13(body, len, cr, &alert);
	if (!err)
		err = read_cert_request(cr, &req, &alert);
	if (!err) {
		hs_pki_choose_client(hs, &req);
		hs->cert_requested = true;
	}
	kfree(cr);
	if (err)
		return hs_reject(hs, alert);
	hs_set_state(hs, HS_C_WAIT_CERT);
	return 0;
}

/* After the server's Finished: our second flight and the app keys. */
static int c_second_flight(struct tlshake_hs *hs)
{
	int err = hs13_app_keys(hs);

	if (!err && hs->cert_requested) {
		err = hs13_cert_send(hs);
		if (!err && hs->cred_usable)
			err = hs13_cv_send(hs);
	}
	if (!err)
		err = hs13_finished_send(hs);
	if (!err)
		err = hs_set_tx_key(hs, TLSHAKE_KS_C_AP_TRAFFIC);
	if (!err)
		err = hs_set_rx_key(hs, TLSHAKE_KS_S_AP_TRAFFIC);
	if (!err)
		err = hs13_done(hs);
	return err;
}

static int c_expect(struct tlshake_hs *hs, u8 type)
{
	static const u8 want[] = {
		[HS_C_WAIT_SH] = TLS_HS_SERVER_HELLO,
		[HS_C_WAIT_EE] = TLS_HS_ENCRYPTED_EXTENSIONS,
		[HS_C_WAIT_CERT] = TLS_HS_CERTIFICATE,
		[HS_C_WAIT_CV] = TLS_HS_CERTIFICATE_VERIFY,
		[HS_C_WAIT_FINISHED] = TLS_HS_FINISHED,
	};

	if (hs->state == HS_C_WAIT_CERT_CR)
		return type == TLS_HS_CERTIFICATE ||
		       type == TLS_HS_CERTIFICATE_REQUEST ? 0 :
		       hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	if (hs->state >= ARRAY_SIZE(want) || want[hs->state] != type)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	return 0;
}

/**
 * hs13c_message() - one handshake message from the server
 * @hs: the handshake
 * @type: HandshakeType
 * @body: the body
 * @len: its length
 * @raw: the whole message (for the transcript)
 * @raw_len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13c_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len)
{
	int err = c_expect(hs, type);

	if (err)
		return err;
	if (type == TLS_HS_SERVER_HELLO)
		return c_server_hello(hs, body, len, raw, raw_len);
	if (type == TLS_HS_CERTIFICATE_VERIFY) {
		err = hs13_cv_check(hs, body, len);
		if (!err)
			hs_set_state(hs, HS_C_WAIT_FINISHED);
	} else if (type == TLS_HS_FINISHED) {
		err = hs13_finished_check(hs, body, len);
	}
	if (!err)
		err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return READ_ONCE(hs->ts->err) ? err :
		       hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	switch (type) {
	case TLS_HS_ENCRYPTED_EXTENSIONS:
		return c_encrypted_extensions(hs, body, len);
	case TLS_HS_CERTIFICATE_REQUEST:
		return c_cert_request(hs, body, len);
	case TLS_HS_CERTIFICATE:
		err = hs13_cert_recv(hs, body, len);
		if (!err)
			hs_set_state(hs, HS_C_WAIT_CV);
		return err;
	case TLS_HS_FINISHED:
		return c_second_flight(hs);
	}
	return 0;
}
