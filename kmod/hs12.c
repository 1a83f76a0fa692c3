// SPDX-License-Identifier: GPL-2.0
/*
 * TLS 1.2 handshake pieces both roles use (RFC 5246 7.3-7.4, RFC 7627):
 * the master secret, ChangeCipherSpec and the key switch it brings,
 * Finished, Certificate, the digitally-signed elements, and the end of
 * the handshake.
 */
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "cert.h"
#include "cred.h"
#include "hs12.h"
#include "hs_pki.h"
#include "resume.h"
#include "sig.h"
#include "trace.h"

/**
 * hs12_internal() - fail the handshake for a reason of our own
 * @hs: the handshake
 * @err: the negative errno
 *
 * Return: @err.
 */
int hs12_internal(struct tlshake_hs *hs, int err)
{
	return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
		       TLSHAKE_REASON_INTERNAL);
}

/**
 * hs12_init() - enter TLS 1.2
 * @hs: the handshake
 *
 * Return: 0 or -ENOMEM (the handshake has failed).
 */
int hs12_init(struct tlshake_hs *hs)
{
	hs->h12 = kzalloc(sizeof(*hs->h12), GFP_KERNEL);
	if (!hs->h12)
		return hs12_internal(hs, -ENOMEM);
	hs->version = TLSHAKE_VERSION_1_2;
	return 0;
}

/**
 * hs12_free() - wipe and free the TLS 1.2 state of a handshake
 * @hs: the handshake
 */
void hs12_free(struct tlshake_hs *hs)
{
	struct tlshake_hs12 *h = hs->h12;

	if (!h)
		return;
	tlshake_prf_free(&h->prf);
	tlshake_session_put(h->sess);
	kfree(h->new_ticket);
	kfree_sensitive(h);
	hs->h12 = NULL;
}

/**
 * hs12_set_suite() - the suite is known: PRF and transcript hash
 * @hs: the handshake
 * @suite: a TLS 1.2 suite
 * @keep: keep the raw messages for a CertificateVerify
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12_set_suite(struct tlshake_hs *hs, const struct tlshake_suite *suite,
		   bool keep)
{
	int err;

	hs->suite = suite;
	hs->h12->kx = suite->kx;
	err = tlshake_prf_init(&hs->h12->prf, suite);
	if (!err)
		err = tlshake_transcript_set_hash(&hs->tr, suite->hash, keep);
	return err ? hs12_internal(hs, err) : 0;
}

/**
 * hs12_master() - the master secret from the premaster secret
 * @hs: the handshake; the transcript ends with the ClientKeyExchange
 * @pms: the premaster secret (the caller wipes it)
 * @len: its length
 *
 * The extended master secret (RFC 7627 4) when negotiated, else the
 * RFC 5246 8.1 one (only with TLSHAKE_F_NO_EMS_OK).
 *
 * Return: 0 or a negative errno.
 */
int hs12_master(struct tlshake_hs *hs, const u8 *pms, size_t len)
{
	struct tlshake_hs12 *h = hs->h12;
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err;

	if (!h->ems)
		return tlshake_prf_master(&h->prf, pms, len, hs->client_random,
					  hs->server_random) ?
		       hs12_internal(hs, -EINVAL) : 0;
	err = tlshake_transcript_hash(&hs->tr, th);
	if (!err)
		err = tlshake_prf_extended_master(&h->prf, pms, len, th);
	memzero_explicit(th, sizeof(th));
	return err ? hs12_internal(hs, err) : 0;
}

/**
 * hs12_resume_master() - take the master secret of the resumed session
 * @hs: the handshake; hs->h12->sess is the session
 *
 * Return: 0 or a negative errno.
 */
int hs12_resume_master(struct tlshake_hs *hs)
{
	struct tlshake_hs12 *h = hs->h12;
	int err;

	err = tlshake_prf_set_master(&h->prf, h->sess->master,
				     sizeof(h->sess->master));
	return err ? hs12_internal(hs, err) : 0;
}

/* Key one direction from the key block (RFC 5246 6.3). */
static int set_key(struct tlshake_hs *hs, bool tx)
{
	struct tlshake_hs12 *h = hs->h12;
	struct tlshake_key_block kb;
	bool client_write = tx != hs->server;
	const u8 *key, *iv;
	int err;

	err = tlshake_prf_key_block(&h->prf, hs->client_random,
				    hs->server_random, &kb);
	key = client_write ? kb.client_key : kb.server_key;
	iv = client_write ? kb.client_iv : kb.server_iv;
	if (!err && tx)
		err = tlshake_tx_set_key(hs->ts, hs->suite, false, key, iv);
	else if (!err)
		err = tlshake_rx_set_key(hs->ts, hs->suite, false, key, iv);
	memzero_explicit(&kb, sizeof(kb));
	if (err)
		return hs12_internal(hs, err);
	/* RFC 8449 4: the limit applies to protected records */
	if (tx && h->peer_rsl)
		hs->ts->tx.max_plain = min_t(size_t, h->peer_rsl,
					     TLSHAKE_MAX_PLAINTEXT);
	return 0;
}

/**
 * hs12_ccs() - a ChangeCipherSpec from the peer: read with the new keys
 * @hs: the handshake
 * @data: the record's plaintext
 * @len: its length
 *
 * It must come right before the peer's Finished, on a handshake message
 * boundary, once.
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12_ccs(struct tlshake_hs *hs, const u8 *data, size_t len)
{
	struct tlshake_hs12 *h = hs->h12;
	int err;

	if (h->state != HS12_WAIT_CCS || hs->msg_len)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	if (len != 1 || data[0] != 1)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	err = set_key(hs, false);
	if (err)
		return err;
	h->peer_ccs = true;
	hs12_set_state(hs, HS12_WAIT_FINISHED);
	return 0;
}

/**
 * hs12_send_finished() - ChangeCipherSpec, the write keys, and Finished
 * @hs: the handshake; the transcript ends before our Finished
 *
 * Return: 0 or a negative errno.
 */
int hs12_send_finished(struct tlshake_hs *hs)
{
	u8 th[TLSHAKE_MAX_HASH_LEN], msg[TLS_HS_HDR_LEN + TLSHAKE_VERIFY_DATA_LEN];
	int err;

	err = hs_send_ccs(hs);
	if (!err)
		err = set_key(hs, true);
	if (err)
		return err;
	err = tlshake_transcript_hash(&hs->tr, th);
	if (!err)
		err = tlshake_prf_finished(&hs->h12->prf, !hs->server, th,
					   msg + TLS_HS_HDR_LEN);
	memzero_explicit(th, sizeof(th));
	if (err)
		return hs12_internal(hs, err);
	msg[0] = TLS_HS_FINISHED;
	msg[1] = 0;
	msg[2] = 0;
	msg[3] = TLSHAKE_VERIFY_DATA_LEN;
	err = hs_send(hs, msg, sizeof(msg));
	memzero_explicit(msg, sizeof(msg));
	return err;
}

/**
 * hs12_finished_check() - check the peer's Finished
 * @hs: the handshake; the transcript ends before the Finished
 * @body: its body
 * @len: its length
 *
 * Return: 0, or -EBADMSG with decode_error or decrypt_error sent.
 */
int hs12_finished_check(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err;

	if (len != TLSHAKE_VERIFY_DATA_LEN)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	err = tlshake_transcript_hash(&hs->tr, th);
	if (!err)
		err = tlshake_prf_check_finished(&hs->h12->prf, hs->server, th,
						 body, len);
	memzero_explicit(th, sizeof(th));
	if (err == -EBADMSG)
		return hs_fail(hs, -EBADMSG, TLSHAKE_ALERT_DECRYPT_ERROR,
			       TLSHAKE_REASON_FINISHED);
	return err ? hs12_internal(hs, err) : 0;
}

static size_t chain_size(struct tlshake_hs *hs)
{
	const u8 *der;
	unsigned int i, len;
	size_t n = 16;

	for (i = 0; (len = hs_pki_chain(hs, i, &der)); i++)
		n += 3 + len;
	return n;
}

/**
 * hs12_cert_send() - send our Certificate (an empty list if we have no
 *	usable credential)
 * @hs: the handshake
 *
 * Return: 0 or a negative errno.
 */
int hs12_cert_send(struct tlshake_hs *hs)
{
	size_t cap = chain_size(hs), mark, list;
	unsigned int i, len;
	struct tls_wr w;
	const u8 *der;
	u8 *buf;
	int err;

	buf = kvmalloc(cap, GFP_KERNEL);
	if (!buf)
		return hs12_internal(hs, -ENOMEM);
	wr_init(&w, buf, cap);
	mark = tls_hs_begin(&w, TLS_HS_CERTIFICATE);
	list = wr_vec_begin(&w, 3);
	for (i = 0; (len = hs_pki_chain(hs, i, &der)); i++) {
		wr_u24(&w, len);
		wr_bytes(&w, der, len);
	}
	wr_vec_end(&w, list, 3);
	tls_hs_end(&w, mark);
	err = w.err ? hs12_internal(hs, -EOVERFLOW) : hs_send(hs, w.p, w.len);
	kvfree(buf);
	return err;
}

/* Does the peer's leaf fit the suite's key exchange (RFC 8422 5.3)? */
static int cert_fits_kx(struct tlshake_hs *hs)
{
	const struct tlshake_cert *leaf = hs->peer_chain[0];
	u8 type = hs->peer_key.type;
	bool ok;

	switch (hs->h12->kx) {
	case TLSHAKE_KX_ECDHE_ECDSA:
		ok = type == TLSHAKE_KEY_EC_P256 || type == TLSHAKE_KEY_EC_P384 ||
		     type == TLSHAKE_KEY_ED25519;
		break;
	case TLSHAKE_KX_ECDHE_RSA:
		ok = type == TLSHAKE_KEY_RSA;
		break;
	default:	/* RSA key transport: the key must be for encryption */
		ok = type == TLSHAKE_KEY_RSA &&
		     (!leaf->has_ku ||
		      (leaf->key_usage & TLSHAKE_KU_KEY_ENCIPHERMENT));
	}
	if (ok)
		return 0;
	return hs_fail(hs, -EKEYREJECTED, TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE,
		       TLSHAKE_REASON_CERT);
}

/**
 * hs12_cert_recv() - the peer's Certificate: parse and validate the chain
 * @hs: the handshake
 * @body: the message body
 * @len: its length
 *
 * A server must send a chain whose leaf fits the suite (else
 * unsupported_certificate). A client may send none: then a server that
 * requires one fails with handshake_failure (TLS 1.2 has no
 * certificate_required), and hs->peer_key stays unset.
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12_cert_recv(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tls_certificate *c = hs->certs;
	u8 alert;
	int err;

	err = tls_parse_certificate(body, len, false, c, &alert);
	if (err)
		return hs_reject(hs, alert);
	if (!c->n && !hs->server)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	if (!c->n)
		return hs->p.flags & TLSHAKE_F_REQUIRE_CERT ?
		       hs_fail(hs, -EKEYREJECTED,
			       TLSHAKE_ALERT_HANDSHAKE_FAILURE,
			       TLSHAKE_REASON_CERT) : 0;
	err = hs_keep_peer_certs(hs, c);
	if (!err)
		err = hs_pki_verify_peer(hs, c);
	if (!err && !hs->server)
		err = cert_fits_kx(hs);
	return err;
}

/**
 * hs12_sign() - write a digitally-signed element: scheme and signature
 * @hs: the handshake; hs->sig_scheme and hs->cred chosen
 * @w: the writer
 * @content: what to sign
 * @clen: its length
 *
 * Return: 0 or a negative errno.
 */
int hs12_sign(struct tlshake_hs *hs, struct tls_wr *w, const u8 *content,
	      size_t clen)
{
	const struct tlshake_privkey *key = hs_pki_key(hs);
	struct tlshake_sigalg alg;
	size_t slen, mark;
	int err;

	err = tlshake_sigalg_from_scheme(hs->sig_scheme, &alg);
	if (err)
		return hs12_internal(hs, err);
	wr_u16(w, hs->sig_scheme);
	mark = wr_vec_begin(w, 2);
	slen = tlshake_sig_max_len(key);
	if (!wr_put(w, slen))
		return hs12_internal(hs, -EOVERFLOW);
	err = tlshake_sign(key, &alg, content, clen, w->p + mark + 2, &slen);
	if (err)
		return hs12_internal(hs, err);
	w->len = mark + 2 + slen;
	wr_vec_end(w, mark, 2);
	return 0;
}

/**
 * hs12_verify() - verify the peer's digitally-signed element
 * @hs: the handshake; hs->peer_key set
 * @scheme: the SignatureAndHashAlgorithm it names
 * @sig: the signature
 * @slen: its length
 * @content: what it must sign
 * @clen: its length
 *
 * The scheme must be one we offered and fit the peer's key
 * (illegal_parameter); a bad signature gets decrypt_error.
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12_verify(struct tlshake_hs *hs, u16 scheme, const u8 *sig,
		size_t slen, const u8 *content, size_t clen)
{
	struct tlshake_sigalg alg;
	int err;

	if (!hs_offered_scheme(hs, scheme) ||
	    !tlshake_scheme_usable(scheme, &hs->peer_key, false) ||
	    tlshake_sigalg_from_scheme(scheme, &alg))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	err = tlshake_verify(&hs->peer_key, &alg, content, clen, sig, slen);
	if (err == -ENOMEM)
		return hs12_internal(hs, err);
	if (err)
		return hs_fail(hs, -EKEYREJECTED, TLSHAKE_ALERT_DECRYPT_ERROR,
			       TLSHAKE_REASON_SIGNATURE);
	hs->ts->info.peer_sig_scheme = scheme;
	return 0;
}

/**
 * hs12_record_size_limit() - the peer's record_size_limit (RFC 8449)
 * @hs: the handshake
 * @e: the extension
 *
 * Our protected records to the peer are cut to it (at most 2^14).
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12_record_size_limit(struct tlshake_hs *hs, const struct tls_ext *e)
{
	u16 limit;
	u8 alert;

	if (tls_ext_record_size_limit(e, &limit, &alert))
		return hs_reject(hs, alert);
	hs->h12->peer_rsl = limit;
	return 0;
}

/**
 * hs12_put_ext_empty() - write an extension with empty extension_data
 * @w: the writer
 * @type: ExtensionType
 */
void hs12_put_ext_empty(struct tls_wr *w, u16 type)
{
	tls_ext_end(w, tls_ext_begin(w, type));
}

/**
 * hs12_message() - one handshake message of a TLS 1.2 handshake
 * @hs: the handshake
 * @type: HandshakeType
 * @body: the body
 * @len: its length
 * @raw: the whole message (for the transcript)
 * @raw_len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs12_message(struct tlshake_hs *hs, u8 type, const u8 *body, size_t len,
		 const u8 *raw, size_t raw_len)
{
	if (hs->server)
		return hs12s_message(hs, type, body, len, raw, raw_len);
	return hs12c_message(hs, type, body, len, raw, raw_len);
}

/**
 * hs12_done() - the handshake is complete: record what was negotiated
 * @hs: the handshake
 *
 * Renegotiation stays refused after it: a TLS 1.2 session has no
 * post-handshake state (ts->post), so the receive path answers any
 * handshake message with no_renegotiation.
 *
 * Return: 0 or a negative errno.
 */
int hs12_done(struct tlshake_hs *hs)
{
	struct tlshake_sock *ts = hs->ts;
	struct tlshake_hs12 *h = hs->h12;
	int err;

	err = hs->server ? hs12s_finish(hs) : hs12c_finish(hs);
	if (err)
		return err;
	ts->server = hs->server;
	ts->info.version = TLSHAKE_VERSION_1_2;
	ts->info.cipher_suite = hs->suite->id;
	ts->info.group = h->kx == TLSHAKE_KX_RSA || h->resumed ? 0 : hs->group;
	ts->info.sig_scheme = h->resumed ? 0 : hs->sig_scheme;
	ts->info.resumed = h->resumed;
	hs12_set_state(hs, HS12_DONE);
	hs_set_state(hs, HS_DONE);
	return 0;
}

/**
 * hs12_set_state() - move the TLS 1.2 engine to another state
 * @hs: the handshake
 * @state: &enum hs12_state
 *
 * Traced like hs_set_state(), offset by %HS12_TRACE_BASE.
 */
void hs12_set_state(struct tlshake_hs *hs, u8 state)
{
	trace_tlshake_handshake_state(hs->ts->sk,
				      HS12_TRACE_BASE + hs->h12->state,
				      HS12_TRACE_BASE + state);
	hs->h12->state = state;
}

/**
 * hs12_session_fill() - the state a new session keeps
 * @hs: the handshake, master secret derived
 * @s: the session
 *
 * Return: 0; -E2BIG if the peer's chain is too big to keep; -ENOMEM.
 */
int hs12_session_fill(struct tlshake_hs *hs, struct tlshake_session *s)
{
	struct tlshake_sock *ts = hs->ts;

	if (ts->peer_certs_len > TLSHAKE_SESSION_MAX_CERTS)
		return -E2BIG;	/* too big to keep: not resumable */
	s->version = TLSHAKE_VERSION_1_2;
	s->suite = hs->suite->id;
	s->created = ktime_get_real_seconds();
	s->lifetime = tlshake_session_lifetime();
	memcpy(s->master, hs->h12->prf.master, sizeof(s->master));
	return hs_session_identity(hs, s);
}

/**
 * hs12_resume_peer() - a resumed session's peer: its chain and scheme
 * @hs: the handshake; hs->h12->sess is the session
 *
 * Return: 0 or a negative errno.
 */
int hs12_resume_peer(struct tlshake_hs *hs)
{
	struct tlshake_session *s = hs->h12->sess;
	struct tlshake_sock *ts = hs->ts;

	ts->info.peer_sig_scheme = s->peer_sig_scheme;
	if (!s->peer_certs_len)
		return 0;
	kfree(ts->peer_certs);
	ts->peer_certs = kmemdup(s->peer_certs, s->peer_certs_len, GFP_KERNEL);
	if (!ts->peer_certs)
		return hs12_internal(hs, -ENOMEM);
	ts->peer_certs_len = s->peer_certs_len;
	return 0;
}
