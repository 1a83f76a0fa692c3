// SPDX-License-Identifier: GPL-2.0
/*
 * The TLS 1.3 server (RFC 8446 4): ClientHello (and after a
 * HelloRetryRequest the second one), then ServerHello, EncryptedExtensions,
 * CertificateRequest, Certificate, CertificateVerify and Finished, then the
 * client's Certificate, CertificateVerify and Finished.
 */
#include <crypto/utils.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "hs_int.h"
#include "hs_pki.h"
#include "sig.h"

/* What a ClientHello offers, as far as the TLS 1.3 server cares. */
struct ch_offer {
	const struct tls_ext *versions, *groups, *shares, *sig_algs, *sni,
		*alpn, *cookie, *rsl;
	const u8 *group_list;
	unsigned int n_groups;
	struct tls_key_share ks[TLS_MAX_KEY_SHARES];
	unsigned int n_ks;
	const u8 *sig_list;
	unsigned int n_sig;
};

static int internal(struct tlshake_hs *hs, int err)
{
	return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
		       TLSHAKE_REASON_INTERNAL);
}

/* The highest version both sides allow (supported_versions present). */
static int choose_version(struct tlshake_hs *hs, const struct tls_ext *e,
			  u16 *version)
{
	const u8 *list;
	unsigned int n, i;
	u16 v, best = 0;
	u8 alert;

	if (tls_ext_u16_list(e, 1, &list, &n, &alert))
		return hs_reject(hs, alert);
	for (i = 0; i < n; i++) {
		v = list[2 * i] << 8 | list[2 * i + 1];
		if (hs_allow_version(hs, v) && v > best)
			best = v;
	}
	if (!best)
		return hs_reject(hs, TLSHAKE_ALERT_PROTOCOL_VERSION);
	*version = best;
	return 0;
}

static int find_exts(struct tlshake_hs *hs, const struct tls_client_hello *ch,
		     struct ch_offer *o)
{
	u8 alert;
	int err = 0;

	memset(o, 0, sizeof(*o));
	o->versions = tls_find_ext(&ch->exts, TLS_EXT_SUPPORTED_VERSIONS);
	o->groups = tls_find_ext(&ch->exts, TLS_EXT_SUPPORTED_GROUPS);
	o->shares = tls_find_ext(&ch->exts, TLS_EXT_KEY_SHARE);
	o->sig_algs = tls_find_ext(&ch->exts, TLS_EXT_SIGNATURE_ALGORITHMS);
	o->sni = tls_find_ext(&ch->exts, TLS_EXT_SERVER_NAME);
	o->alpn = tls_find_ext(&ch->exts, TLS_EXT_ALPN);
	o->cookie = tls_find_ext(&ch->exts, TLS_EXT_COOKIE);
	o->rsl = tls_find_ext(&ch->exts, TLS_EXT_RECORD_SIZE_LIMIT);
	/* RFC 8446 9.2: no certificate-based handshake without these */
	if (!o->groups || !o->shares || !o->sig_algs)
		return hs_reject(hs, TLSHAKE_ALERT_MISSING_EXTENSION);
	err = tls_ext_u16_list(o->groups, 2, &o->group_list, &o->n_groups,
			       &alert);
	if (!err)
		err = tls_ext_key_shares(o->shares, o->ks, TLS_MAX_KEY_SHARES,
					 &o->n_ks, &alert);
	if (!err)
		err = tls_ext_u16_list(o->sig_algs, 2, &o->sig_list, &o->n_sig,
				       &alert);
	return err ? hs_reject(hs, alert) : 0;
}

/* Shares only for groups the client lists, as RFC 8446 4.2.8 requires. */
static int check_shares(struct tlshake_hs *hs, const struct ch_offer *o)
{
	unsigned int i;

	for (i = 0; i < o->n_ks; i++)
		if (!tls_u16_list_has(o->group_list, o->n_groups,
				      o->ks[i].group))
			return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	return 0;
}

/*
 * Our preferred group for which the client sent a share; failing that, our
 * preferred group the client supports (a HelloRetryRequest asks for it).
 */
static int choose_group(struct tlshake_hs *hs, const struct ch_offer *o,
			const struct tls_key_share **share)
{
	unsigned int i, j;
	u16 g;

	*share = NULL;
	for (i = 0; i < TLSHAKE_MAX_GROUPS && (g = hs->p.groups[i]); i++)
		for (j = 0; j < o->n_ks; j++)
			if (o->ks[j].group == g) {
				*share = &o->ks[j];
				hs->group = g;
				return 0;
			}
	for (i = 0; i < TLSHAKE_MAX_GROUPS && (g = hs->p.groups[i]); i++)
		if (tls_u16_list_has(o->group_list, o->n_groups, g)) {
			hs->group = g;
			return 0;
		}
	return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
}

static int choose_suite(struct tlshake_hs *hs,
			const struct tls_client_hello *ch)
{
	unsigned int i;
	u16 id;

	for (i = 0; i < TLSHAKE_MAX_SUITES && (id = hs->p.suites[i]); i++)
		if (tlshake_suite_find(id, true) &&
		    tls_u16_list_has(ch->suites, ch->n_suites, id)) {
			hs->suite = tlshake_suite_find(id, true);
			return 0;
		}
	return hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
}

/* Our first ALPN protocol the client offers (RFC 7301 3.2). */
static int choose_alpn(struct tlshake_hs *hs, const struct ch_offer *o)
{
	struct tls_rd ours, theirs, a, b;
	const u8 *list;
	size_t len;
	u8 alert;

	if (!o->alpn || !hs->p.alpn_len)
		return 0;
	if (tls_ext_alpn(o->alpn, &list, &len, &alert))
		return hs_reject(hs, alert);
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

/* SNI: remembered for TLSHAKE_INFO and used to pick the credential. */
static int read_sni(struct tlshake_hs *hs, const struct ch_offer *o,
		    const u8 **name, size_t *len)
{
	u8 alert;

	*name = NULL;
	*len = 0;
	if (!o->sni)
		return 0;
	if (tls_ext_server_name(o->sni, name, len, &alert))
		return hs_reject(hs, alert);
	if (*len >= sizeof(hs->ts->info.server_name))
		return hs_reject(hs, TLSHAKE_ALERT_UNRECOGNIZED_NAME);
	memcpy(hs->ts->info.server_name, *name, *len);
	hs->ts->info.server_name[*len] = 0;
	return 0;
}

static void put_ext_u16(struct tls_wr *w, u16 type, u16 v)
{
	size_t mark = tls_ext_begin(w, type);

	wr_u16(w, v);
	tls_ext_end(w, mark);
}

static int send_hrr(struct tlshake_hs *hs)
{
	struct tls_wr w;
	size_t mark, e, c;
	int err;

	hs->cookie_len = 32;
	hs->cookie = kmalloc(hs->cookie_len, GFP_KERNEL);
	if (!hs->cookie)
		return internal(hs, -ENOMEM);
	get_random_bytes(hs->cookie, hs->cookie_len);
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_SERVER_HELLO);
	wr_u16(&w, TLSHAKE_VERSION_1_2);
	wr_bytes(&w, tls_hrr_random, TLS_RANDOM_LEN);
	wr_u8(&w, hs->session_id_len);
	wr_bytes(&w, hs->session_id, hs->session_id_len);
	wr_u16(&w, hs->suite->id);
	wr_u8(&w, 0);
	e = wr_vec_begin(&w, 2);
	put_ext_u16(&w, TLS_EXT_SUPPORTED_VERSIONS, TLSHAKE_VERSION_1_3);
	put_ext_u16(&w, TLS_EXT_KEY_SHARE, hs->group);
	c = tls_ext_begin(&w, TLS_EXT_COOKIE);
	wr_u16(&w, hs->cookie_len);
	wr_bytes(&w, hs->cookie, hs->cookie_len);
	tls_ext_end(&w, c);
	wr_vec_end(&w, e, 2);
	tls_hs_end(&w, mark);
	err = tlshake_transcript_hrr(&hs->tr);
	if (err)
		return internal(hs, err);
	hs->hrr = true;
	err = hs_send(hs, w.p, w.len);
	if (!err && hs->session_id_len)
		err = hs_send_ccs(hs);
	hs_set_state(hs, HS_S_WAIT_CH2);
	return err;
}

static int send_server_hello(struct tlshake_hs *hs, const u8 *pub,
			     size_t plen)
{
	struct tls_wr w;
	size_t mark, e, k;

	get_random_bytes(hs->server_random, TLS_RANDOM_LEN);
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_SERVER_HELLO);
	wr_u16(&w, TLSHAKE_VERSION_1_2);
	wr_bytes(&w, hs->server_random, TLS_RANDOM_LEN);
	wr_u8(&w, hs->session_id_len);
	wr_bytes(&w, hs->session_id, hs->session_id_len);
	wr_u16(&w, hs->suite->id);
	wr_u8(&w, 0);
	e = wr_vec_begin(&w, 2);
	put_ext_u16(&w, TLS_EXT_SUPPORTED_VERSIONS, TLSHAKE_VERSION_1_3);
	k = tls_ext_begin(&w, TLS_EXT_KEY_SHARE);
	wr_u16(&w, hs->group);
	wr_u16(&w, plen);
	wr_bytes(&w, pub, plen);
	tls_ext_end(&w, k);
	hs13s_psk_ext(hs, &w);
	wr_vec_end(&w, e, 2);
	tls_hs_end(&w, mark);
	return hs_send(hs, w.p, w.len);
}

static int send_encrypted_extensions(struct tlshake_hs *hs, bool sni)
{
	const char *alpn = hs->ts->info.alpn;
	struct tls_wr w;
	size_t mark, e, x, l;

	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_ENCRYPTED_EXTENSIONS);
	e = wr_vec_begin(&w, 2);
	if (sni) {
		x = tls_ext_begin(&w, TLS_EXT_SERVER_NAME);
		tls_ext_end(&w, x);
	}
	if (hs->peer_rsl) {
		x = tls_ext_begin(&w, TLS_EXT_RECORD_SIZE_LIMIT);
		wr_u16(&w, TLSHAKE_MAX_PLAINTEXT + 1);
		tls_ext_end(&w, x);
	}
	if (alpn[0]) {
		x = tls_ext_begin(&w, TLS_EXT_ALPN);
		l = wr_vec_begin(&w, 2);
		wr_u8(&w, strlen(alpn));
		wr_bytes(&w, alpn, strlen(alpn));
		wr_vec_end(&w, l, 2);
		tls_ext_end(&w, x);
	}
	wr_vec_end(&w, e, 2);
	tls_hs_end(&w, mark);
	return hs_send(hs, w.p, w.len);
}

/*
 * RFC 8446 4.3.2: signature_algorithms, and the anchors' names in
 * certificate_authorities if asked to (they may exceed hs->out).
 */
static int send_cert_request(struct tlshake_hs *hs)
{
	size_t names = hs_pki_ca_names_len(hs);
	size_t cap = 64 + 2 * TLSHAKE_MAX_SIG_SCHEMES + names, mark, e, x, l;
	struct tls_wr w;
	unsigned int i;
	u8 *buf;
	int err;

	buf = kvmalloc(cap, GFP_KERNEL);
	if (!buf)
		return internal(hs, -ENOMEM);
	wr_init(&w, buf, cap);
	mark = tls_hs_begin(&w, TLS_HS_CERTIFICATE_REQUEST);
	wr_u8(&w, 0);			/* certificate_request_context */
	e = wr_vec_begin(&w, 2);
	x = tls_ext_begin(&w, TLS_EXT_SIGNATURE_ALGORITHMS);
	l = wr_vec_begin(&w, 2);
	for (i = 0; i < TLSHAKE_MAX_SIG_SCHEMES && hs->p.sig_schemes[i]; i++)
		wr_u16(&w, hs->p.sig_schemes[i]);
	wr_vec_end(&w, l, 2);
	tls_ext_end(&w, x);
	if (names) {
		x = tls_ext_begin(&w, TLS_EXT_CERTIFICATE_AUTHORITIES);
		l = wr_vec_begin(&w, 2);
		hs_pki_put_ca_names(hs, &w);
		wr_vec_end(&w, l, 2);
		tls_ext_end(&w, x);
	}
	wr_vec_end(&w, e, 2);
	tls_hs_end(&w, mark);
	hs->cert_requested = true;
	err = w.err ? internal(hs, -EOVERFLOW) : hs_send(hs, w.p, w.len);
	kvfree(buf);
	return err;
}

/* ServerHello .. Finished, with the keys switched on the way. */
static int send_flight(struct tlshake_hs *hs, const struct tls_key_share *ks,
		       bool sni)
{
	u8 dhe[TLS_KEY_SHARE_MAX], alert;
	size_t dlen = sizeof(dhe), plen;
	const u8 *pub;
	int err;

	err = tlshake_kex_init(&hs->kx[0], hs->group);
	if (err)
		return internal(hs, err);
	hs->n_kx = 1;
	err = tlshake_kex_derive(&hs->kx[0], ks->key, ks->key_len, dhe, &dlen,
				 &alert);
	if (err)
		return hs_reject(hs, alert);
	pub = tlshake_kex_public(&hs->kx[0], &plen);
	err = send_server_hello(hs, pub, plen);
	if (!err && !hs->hrr && hs->session_id_len)
		err = hs_send_ccs(hs);
	if (!err)
		err = hs13_start_schedule(hs, dhe, dlen);
	memzero_explicit(dhe, sizeof(dhe));
	if (!err)
		err = hs_set_tx_key(hs, TLSHAKE_KS_S_HS_TRAFFIC);
	if (!err)
		err = hs_set_rx_key(hs, TLSHAKE_KS_C_HS_TRAFFIC);
	if (!err)
		err = send_encrypted_extensions(hs, sni);
	/* RFC 8446 4.3.2, 4.4: a resumed handshake authenticates by the PSK */
	if (!err && !hs->resumed && (hs->p.flags & TLSHAKE_F_REQUEST_CERT))
		err = send_cert_request(hs);
	if (!err && !hs->resumed)
		err = hs13_cert_send(hs);
	if (!err && !hs->resumed)
		err = hs13_cv_send(hs);
	if (!err)
		err = hs13_finished_send(hs);
	if (!err)
		err = hs13_app_keys(hs);
	if (!err)
		err = hs_set_tx_key(hs, TLSHAKE_KS_S_AP_TRAFFIC);
	hs_set_state(hs, hs->cert_requested ? HS_S_WAIT_CERT :
			 HS_S_WAIT_FINISHED);
	return err;
}

/* The second ClientHello must answer our HelloRetryRequest. */
static int check_ch2(struct tlshake_hs *hs, const struct tls_client_hello *ch,
		     const struct ch_offer *o)
{
	const u8 *cookie;
	size_t clen;
	u8 alert;

	if (memcmp(ch->random, hs->client_random, TLS_RANDOM_LEN) ||
	    ch->session_id_len != hs->session_id_len ||
	    memcmp(ch->session_id, hs->session_id, hs->session_id_len))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	if (!o->cookie)
		return hs_reject(hs, TLSHAKE_ALERT_MISSING_EXTENSION);
	if (tls_ext_cookie(o->cookie, &cookie, &clen, &alert))
		return hs_reject(hs, alert);
	if (clen != hs->cookie_len || crypto_memneq(cookie, hs->cookie, clen))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	if (o->n_ks != 1 || o->ks[0].group != hs->group)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	return 0;
}

/* The parts of a ClientHello that do not depend on the version. */
static int ch_basics(struct tlshake_hs *hs, const struct tls_client_hello *ch)
{
	if (ch->legacy_version < 0x0301)
		return hs_reject(hs, TLSHAKE_ALERT_PROTOCOL_VERSION);
	if (ch->n_comp != 1 || ch->comp[0])
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	return 0;
}

/*
 * The ClientHello joins the transcript once its PSK binder, which covers
 * the transcript before it, is checked (or at once for a HelloRetryRequest).
 */
static int psk_and_transcript(struct tlshake_hs *hs,
			      const struct tls_client_hello *ch,
			      const u8 *raw, size_t raw_len, bool retry)
{
	int err = retry ? 0 : hs13s_psk(hs, ch, raw);

	if (!err)
		err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return READ_ONCE(hs->ts->err) ? err : internal(hs, err);
	return 0;
}

static int s_client_hello13(struct tlshake_hs *hs,
			    const struct tls_client_hello *ch,
			    struct ch_offer *o, const u8 *raw, size_t raw_len)
{
	const struct tls_key_share *share;
	const struct tlshake_suite *prev = hs->suite;
	const u8 *sni;
	size_t sni_len;
	int err;

	err = check_shares(hs, o);
	if (!err)
		err = choose_suite(hs, ch);
	if (!err && prev && prev != hs->suite)
		err = hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	if (!err && hs->hrr)
		err = check_ch2(hs, ch, o);
	if (err)
		return err;
	if (!hs->hrr) {
		err = read_sni(hs, o, &sni, &sni_len);
		if (!err && hs_pki_choose(hs, sni, sni_len, o->sig_list,
					  o->n_sig, true))
			err = hs_reject(hs, TLSHAKE_ALERT_HANDSHAKE_FAILURE);
		if (!err)
			err = choose_alpn(hs, o);
		if (!err && o->rsl)
			err = hs13_record_size_limit(hs, o->rsl);
		if (!err)
			err = tlshake_transcript_set_hash(&hs->tr,
							  hs->suite->hash,
							  false);
		if (err)
			return READ_ONCE(hs->ts->err) ? err : internal(hs, err);
		hs->cred_usable = true;
	}
	err = choose_group(hs, o, &share);
	if (err)
		return err;
	if (!share && hs->hrr)
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	err = psk_and_transcript(hs, ch, raw, raw_len, !share);
	if (err)
		return err;
	if (!share)
		return send_hrr(hs);
	return send_flight(hs, share, o->sni && hs->ts->info.server_name[0]);
}

static int s_client_hello(struct tlshake_hs *hs, const u8 *body, size_t len,
			  const u8 *raw, size_t raw_len)
{
	struct tls_client_hello *ch = hs->ch;
	const struct tls_ext *sv;
	struct ch_offer *o;
	u16 version = 0;
	u8 alert;
	int err;

	err = tls_parse_client_hello(body, len, ch, &alert);
	if (err)
		return hs_reject(hs, alert);
	err = ch_basics(hs, ch);
	if (err)
		return err;
	sv = tls_find_ext(&ch->exts, TLS_EXT_SUPPORTED_VERSIONS);
	if (!sv)	/* RFC 8446 4.2.1: then TLS 1.2 at most */
		version = min_t(u16, ch->legacy_version, TLSHAKE_VERSION_1_2);
	else
		err = choose_version(hs, sv, &version);
	if (err)
		return err;
	if (version == TLSHAKE_VERSION_1_2 && hs_allow_version(hs, version) &&
	    !hs->hrr)
		return hs12s_client_hello(hs, raw, raw_len);
	if (version != TLSHAKE_VERSION_1_3 ||
	    (hs->hrr && hs->version != version))
		return hs_reject(hs, TLSHAKE_ALERT_PROTOCOL_VERSION);
	hs->version = version;
	/* RFC 8446 4.2.10: 0-RTT data we do not accept is skipped */
	tlshake_rx_skip_early(hs->ts, !hs->hrr &&
			      tls_find_ext(&ch->exts, TLS_EXT_EARLY_DATA));
	if (!hs->hrr) {
		memcpy(hs->client_random, ch->random, TLS_RANDOM_LEN);
		hs->session_id_len = ch->session_id_len;
		memcpy(hs->session_id, ch->session_id, ch->session_id_len);
	}
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return internal(hs, -ENOMEM);
	err = find_exts(hs, ch, o);
	if (!err)
		err = s_client_hello13(hs, ch, o, raw, raw_len);
	kfree(o);
	return err;
}

/* The client's Finished: it may now send application data. */
static int s_client_finished(struct tlshake_hs *hs, const u8 *body,
			     size_t len, const u8 *raw, size_t raw_len)
{
	int err = hs13_finished_check(hs, body, len);

	if (!err)
		err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return READ_ONCE(hs->ts->err) ? err : internal(hs, err);
	err = hs_set_rx_key(hs, TLSHAKE_KS_C_AP_TRAFFIC);
	if (!err)
		err = hs13_done(hs);
	return err;
}

static int s_client_cert(struct tlshake_hs *hs, const u8 *body, size_t len,
			 const u8 *raw, size_t raw_len)
{
	int err = tlshake_transcript_add(&hs->tr, raw, raw_len);

	if (err)
		return internal(hs, err);
	err = hs13_cert_recv(hs, body, len);
	if (!err)
		hs_set_state(hs, hs->peer_key.key ? HS_S_WAIT_CV :
				 HS_S_WAIT_FINISHED);
	return err;
}

static int s_client_cv(struct tlshake_hs *hs, const u8 *body, size_t len,
		       const u8 *raw, size_t raw_len)
{
	int err = hs13_cv_check(hs, body, len);

	if (!err)
		err = tlshake_transcript_add(&hs->tr, raw, raw_len);
	if (err)
		return READ_ONCE(hs->ts->err) ? err : internal(hs, err);
	hs_set_state(hs, HS_S_WAIT_FINISHED);
	return 0;
}

/**
 * hs13s_message() - one handshake message from the client
 * @hs: the handshake
 * @type: HandshakeType
 * @body: the body
 * @len: its length
 * @raw: the whole message (for the transcript)
 * @raw_len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13s_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len)
{
	switch (hs->state) {
	case HS_S_WAIT_CH:
	case HS_S_WAIT_CH2:
		if (type == TLS_HS_CLIENT_HELLO)
			return s_client_hello(hs, body, len, raw, raw_len);
		break;
	case HS_S_WAIT_CERT:
		if (type == TLS_HS_CERTIFICATE)
			return s_client_cert(hs, body, len, raw, raw_len);
		break;
	case HS_S_WAIT_CV:
		if (type == TLS_HS_CERTIFICATE_VERIFY)
			return s_client_cv(hs, body, len, raw, raw_len);
		break;
	case HS_S_WAIT_FINISHED:
		if (type == TLS_HS_FINISHED)
			return s_client_finished(hs, body, len, raw, raw_len);
		break;
	}
	return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
}
