// SPDX-License-Identifier: GPL-2.0
/*
 * TLS 1.3 handshake pieces both roles use: the key schedule's stages, the
 * Finished, Certificate and CertificateVerify messages (RFC 8446 4.4).
 */
#include <linux/slab.h>
#include <linux/unaligned.h>

#include "hs_int.h"
#include "hs_pki.h"
#include "keyupdate.h"
#include "sig.h"

/* RFC 8446 4.4.3: 64 spaces, the context string, a zero byte, the hash */
#define CV_PAD		64
#define CV_CTX_LEN	33	/* both context strings have 33 bytes */
#define CV_CONTENT_MAX	(CV_PAD + CV_CTX_LEN + 1 + TLSHAKE_MAX_HASH_LEN)

static const char cv_server_ctx[] = "TLS 1.3, server CertificateVerify";
static const char cv_client_ctx[] = "TLS 1.3, client CertificateVerify";
static_assert(sizeof(cv_server_ctx) - 1 == CV_CTX_LEN);
static_assert(sizeof(cv_client_ctx) - 1 == CV_CTX_LEN);

static int th_now(struct tlshake_hs *hs, u8 *th)
{
	int err = tlshake_transcript_hash(&hs->tr, th);

	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	return 0;
}

static int internal(struct tlshake_hs *hs, int err)
{
	return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
		       TLSHAKE_REASON_INTERNAL);
}

/**
 * hs13_start_schedule() - from the (EC)DHE secret to the handshake secrets
 * @hs: the handshake; the transcript ends with the ServerHello; the
 *	resumption PSK in hs->psk if hs->resumed
 * @dhe: the shared secret
 * @len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13_start_schedule(struct tlshake_hs *hs, const u8 *dhe, size_t len)
{
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err;

	/* a client offering a PSK made it for the PSK's suite */
	if (hs->ks_ready && hs->ks.suite != hs->suite) {
		tlshake_ks_free(&hs->ks);
		hs->ks_ready = false;
	}
	if (!hs->ks_ready) {
		err = tlshake_ks_init(&hs->ks, hs->suite);
		if (err)
			return internal(hs, err);
		hs->ks_ready = true;
	}
	err = tlshake_ks_early(&hs->ks, hs->resumed ? hs->psk : NULL,
			       hs->psk_len, false);
	if (!err)
		err = th_now(hs, th);
	if (!err)
		err = tlshake_ks_handshake(&hs->ks, dhe, len, th);
	memzero_explicit(th, sizeof(th));
	return err ? internal(hs, err) : 0;
}

/**
 * hs13_app_keys() - the master secret and application traffic secrets
 * @hs: the handshake; the transcript ends with the server's Finished
 *
 * Return: 0 or a negative errno.
 */
int hs13_app_keys(struct tlshake_hs *hs)
{
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err = th_now(hs, th);

	if (!err)
		err = tlshake_ks_master(&hs->ks, th);
	memzero_explicit(th, sizeof(th));
	return err ? internal(hs, err) : 0;
}

/**
 * hs13_finished_send() - send our Finished over the transcript so far
 * @hs: the handshake
 *
 * Return: 0 or a negative errno.
 */
int hs13_finished_send(struct tlshake_hs *hs)
{
	enum tlshake_ks_secret base = hs->server ? TLSHAKE_KS_S_HS_TRAFFIC :
						   TLSHAKE_KS_C_HS_TRAFFIC;
	u8 th[TLSHAKE_MAX_HASH_LEN], vd[TLSHAKE_MAX_HASH_LEN];
	struct tls_wr w;
	size_t mark;
	int err;

	err = th_now(hs, th);
	if (err)
		return err;
	err = tlshake_ks_finished(&hs->ks, base, th, vd);
	if (err)
		return internal(hs, err);
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_FINISHED);
	wr_bytes(&w, vd, hs->ks.hash_len);
	tls_hs_end(&w, mark);
	memzero_explicit(vd, sizeof(vd));
	return hs_send(hs, w.p, w.len);
}

/**
 * hs13_finished_check() - check the peer's Finished
 * @hs: the handshake; the transcript ends before the Finished
 * @body: its body
 * @len: its length
 *
 * Return: 0, or -EBADMSG with decrypt_error (or decode_error) sent.
 */
int hs13_finished_check(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	enum tlshake_ks_secret base = hs->server ? TLSHAKE_KS_C_HS_TRAFFIC :
						   TLSHAKE_KS_S_HS_TRAFFIC;
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err;

	if (len != hs->ks.hash_len)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	err = th_now(hs, th);
	if (err)
		return err;
	err = tlshake_ks_check_finished(&hs->ks, base, th, body, len);
	if (err == -EBADMSG)
		return hs_fail(hs, -EBADMSG, TLSHAKE_ALERT_DECRYPT_ERROR,
			       TLSHAKE_REASON_FINISHED);
	return err ? internal(hs, err) : 0;
}

/* The certificate entries of our chain, each with empty extensions. */
static void cert_entries(struct tlshake_hs *hs, struct tls_wr *w)
{
	const u8 *der;
	unsigned int i, len;
	size_t list;

	list = wr_vec_begin(w, 3);
	for (i = 0; (len = hs_pki_chain(hs, i, &der)); i++) {
		wr_u24(w, len);
		wr_bytes(w, der, len);
		wr_u16(w, 0);
	}
	wr_vec_end(w, list, 3);
}

static size_t chain_size(struct tlshake_hs *hs)
{
	const u8 *der;
	unsigned int i, len;
	size_t n = 16;

	for (i = 0; (len = hs_pki_chain(hs, i, &der)); i++)
		n += 5 + len;
	return n;
}

/**
 * hs13_cert_send() - send our Certificate (empty if we have no credential)
 * @hs: the handshake
 *
 * Return: 0 or a negative errno.
 */
int hs13_cert_send(struct tlshake_hs *hs)
{
	size_t cap = chain_size(hs) + hs->cr_ctx_len, mark;
	struct tls_wr w;
	u8 *buf;
	int err;

	buf = kvmalloc(cap, GFP_KERNEL);
	if (!buf)
		return internal(hs, -ENOMEM);
	wr_init(&w, buf, cap);
	mark = tls_hs_begin(&w, TLS_HS_CERTIFICATE);
	wr_u8(&w, hs->cr_ctx_len);
	wr_bytes(&w, hs->cr_ctx, hs->cr_ctx_len);
	cert_entries(hs, &w);
	tls_hs_end(&w, mark);
	err = w.err ? internal(hs, -EOVERFLOW) : hs_send(hs, w.p, w.len);
	kvfree(buf);
	return err;
}

/**
 * hs_keep_peer_certs() - keep the peer's chain for TLSHAKE_PEER_CERTS
 * @hs: the handshake
 * @c: the peer's Certificate message
 *
 * Each certificate as a 4-byte big-endian length and its DER.
 *
 * Return: 0 or -ENOMEM (the handshake has failed).
 */
int hs_keep_peer_certs(struct tlshake_hs *hs, const struct tls_certificate *c)
{
	struct tlshake_sock *ts = hs->ts;
	size_t n = 0, off = 0;
	unsigned int i;

	for (i = 0; i < c->n; i++)
		n += 4 + c->cert[i].len;
	kfree(ts->peer_certs);
	ts->peer_certs = kmalloc(n, GFP_KERNEL);
	if (!ts->peer_certs)
		return internal(hs, -ENOMEM);
	for (i = 0; i < c->n; i++) {
		put_unaligned_be32(c->cert[i].len, ts->peer_certs + off);
		memcpy(ts->peer_certs + off + 4, c->cert[i].der,
		       c->cert[i].len);
		off += 4 + c->cert[i].len;
	}
	ts->peer_certs_len = n;
	return 0;
}

/**
 * hs13_cert_recv() - the peer's Certificate: parse and validate the chain
 * @hs: the handshake
 * @body: the message body
 * @len: its length
 *
 * An empty chain is refused from a server (decode_error); from a client
 * it is accepted unless a certificate is required (certificate_required),
 * and then hs->peer_key stays unset.
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13_cert_recv(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	struct tls_certificate *c = hs->certs;
	u8 alert;
	int err;

	err = tls_parse_certificate(body, len, true, c, &alert);
	if (err)
		return hs_reject(hs, alert);
	if (c->ctx_len != (hs->server ? hs->cr_ctx_len : 0) ||
	    memcmp(c->ctx, hs->cr_ctx, c->ctx_len))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	if (!c->n && !hs->server)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	if (!c->n) {
		if (hs->p.flags & TLSHAKE_F_REQUIRE_CERT)
			return hs_fail(hs, -EKEYREJECTED,
				       TLSHAKE_ALERT_CERTIFICATE_REQUIRED,
				       TLSHAKE_REASON_CERT);
		return 0;
	}
	err = hs_keep_peer_certs(hs, c);
	if (!err)
		err = hs_pki_verify_peer(hs, c);
	return err;
}

/* The content a CertificateVerify signs (RFC 8446 4.4.3). */
static int cv_content(struct tlshake_hs *hs, bool server, u8 *buf,
		      size_t *len)
{
	unsigned int hlen = tlshake_transcript_hash_len(&hs->tr);
	int err;

	memset(buf, 0x20, CV_PAD);
	memcpy(buf + CV_PAD, server ? cv_server_ctx : cv_client_ctx,
	       CV_CTX_LEN);
	buf[CV_PAD + CV_CTX_LEN] = 0;
	err = th_now(hs, buf + CV_PAD + CV_CTX_LEN + 1);
	*len = CV_PAD + CV_CTX_LEN + 1 + hlen;
	return err;
}

/**
 * hs13_cv_send() - sign the transcript and send CertificateVerify
 * @hs: the handshake; hs->sig_scheme chosen
 *
 * Return: 0 or a negative errno.
 */
int hs13_cv_send(struct tlshake_hs *hs)
{
	const struct tlshake_privkey *key = hs_pki_key(hs);
	u8 content[CV_CONTENT_MAX];
	struct tlshake_sigalg alg;
	size_t clen, slen, mark, sig;
	struct tls_wr w;
	int err;

	err = tlshake_sigalg_from_scheme(hs->sig_scheme, &alg);
	if (err)
		return internal(hs, err);
	err = cv_content(hs, hs->server, content, &clen);
	if (err)
		return err;
	wr_init(&w, hs->out, TLSHAKE_HS_OUT_MAX);
	mark = tls_hs_begin(&w, TLS_HS_CERTIFICATE_VERIFY);
	wr_u16(&w, hs->sig_scheme);
	sig = wr_vec_begin(&w, 2);
	slen = tlshake_sig_max_len(key);
	if (!wr_put(&w, slen))
		return internal(hs, -EOVERFLOW);
	err = tlshake_sign(key, &alg, content, clen, w.p + sig + 2, &slen);
	if (err)
		return internal(hs, err);
	w.len = sig + 2 + slen;
	wr_vec_end(&w, sig, 2);
	tls_hs_end(&w, mark);
	return hs_send(hs, w.p, w.len);
}

/**
 * hs13_cv_check() - verify the peer's CertificateVerify
 * @hs: the handshake; the transcript ends with the peer's Certificate
 * @body: the message body
 * @len: its length
 *
 * The scheme must be one we offered and fit the peer's key in TLS 1.3
 * (illegal_parameter); a bad signature gets decrypt_error.
 *
 * Return: 0 or a negative errno (the handshake has failed).
 */
int hs13_cv_check(struct tlshake_hs *hs, const u8 *body, size_t len)
{
	u8 content[CV_CONTENT_MAX], alert;
	struct tlshake_sigalg alg;
	const u8 *sig;
	size_t clen, slen;
	u16 scheme;
	int err;

	err = tls_parse_cert_verify(body, len, &scheme, &sig, &slen, &alert);
	if (err)
		return hs_reject(hs, alert);
	if (!hs_offered_scheme(hs, scheme) ||
	    !tlshake_scheme_usable(scheme, &hs->peer_key, true) ||
	    tlshake_sigalg_from_scheme(scheme, &alg))
		return hs_reject(hs, TLSHAKE_ALERT_ILLEGAL_PARAMETER);
	err = cv_content(hs, !hs->server, content, &clen);
	if (err)
		return err;
	err = tlshake_verify(&hs->peer_key, &alg, content, clen, sig, slen);
	if (err)
		return hs_fail(hs, -EKEYREJECTED, TLSHAKE_ALERT_DECRYPT_ERROR,
			       TLSHAKE_REASON_SIGNATURE);
	hs->ts->info.peer_sig_scheme = scheme;
	return 0;
}

/**
 * hs13_done() - the handshake is complete: record what was negotiated and
 *	keep the key schedule for KeyUpdate and resumption
 * @hs: the handshake; the transcript ends with the client's Finished
 *
 * A server sends its NewSessionTickets now (under the application key);
 * a client keeps what the sessions of the tickets to come will carry.
 *
 * Return: 0 or a negative errno.
 */
int hs13_done(struct tlshake_hs *hs)
{
	struct tlshake_sock *ts = hs->ts;
	u8 th[TLSHAKE_MAX_HASH_LEN];
	int err = th_now(hs, th);

	if (!err)
		err = tlshake_ks_resumption(&hs->ks, th);
	memzero_explicit(th, sizeof(th));
	if (err)
		return internal(hs, err);
	err = tlshake_post13_init(ts, &hs->ks, hs->server);
	if (err)
		return internal(hs, err);
	ts->info.version = TLSHAKE_VERSION_1_3;
	ts->info.cipher_suite = hs->suite->id;
	ts->info.group = hs->group;
	ts->info.sig_scheme = hs->cred_usable ? hs->sig_scheme : 0;
	ts->info.resumed = hs->resumed;
	err = hs->server ? hs13s_send_tickets(hs) : hs13c_psk_done(hs);
	if (err)
		return err;
	hs_set_state(hs, HS_DONE);
	return 0;
}

/**
 * hs13_record_size_limit() - the peer's record_size_limit (RFC 8449)
 * @hs: the handshake
 * @e: the extension
 *
 * From now on our protected records carry at most limit - 1 bytes of
 * data (the limit counts TLS 1.3's content type byte), and never more
 * than 2^14.
 *
 * Return: 0, or a negative errno with illegal_parameter or decode_error.
 */
int hs13_record_size_limit(struct tlshake_hs *hs, const struct tls_ext *e)
{
	u16 limit;
	u8 alert;

	if (tls_ext_record_size_limit(e, &limit, &alert))
		return hs_reject(hs, alert);
	hs->ts->tx.max_plain = min_t(size_t, limit - 1, TLSHAKE_MAX_PLAINTEXT);
	hs->peer_rsl = true;
	return 0;
}
