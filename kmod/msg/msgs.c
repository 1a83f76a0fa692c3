// SPDX-License-Identifier: GPL-2.0
/*
 * The other handshake messages tlshake reads (Certificate,
 * CertificateVerify, KeyUpdate, NewSessionTicket, CertificateRequest),
 * and the framing helpers of the builders.
 */
#include "../alert.h"
#include "msg.h"

static int decode_error(u8 *alert)
{
	*alert = TLSHAKE_ALERT_DECODE_ERROR;
	return -EBADMSG;
}

static int illegal(u8 *alert)
{
	*alert = TLSHAKE_ALERT_ILLEGAL_PARAMETER;
	return -EPROTO;
}

/* One CertificateEntry (1.3) or ASN.1Cert (1.2) into @c. */
static int read_cert_entry(struct tls_rd *list, bool tls13,
			   struct tls_certificate *c, u8 *alert)
{
	struct tls_rd der;

	der = rd_vec(list, 3, 1, 0xffffff);
	if (tls13)	/* per-certificate extensions: none we use */
		rd_vec(list, 2, 0, 0xffff);
	if (list->err)
		return decode_error(alert);
	if (c->n == TLS_MAX_CHAIN) {
		/* longer than any chain we would accept */
		*alert = TLSHAKE_ALERT_BAD_CERTIFICATE;
		return -EKEYREJECTED;
	}
	c->cert[c->n].der = der.p;
	c->cert[c->n].len = der.left;
	c->n++;
	return 0;
}

/**
 * tls_parse_certificate() - parse a Certificate message body
 * @body: the message body
 * @len: its length
 * @tls13: TLS 1.3 form (request context, per-entry extensions)
 * @c: out: the certificates, leaf first
 * @alert: out: the alert on failure
 *
 * An empty list is legal here (the engine decides). More than
 * %TLS_MAX_CHAIN certificates are refused with bad_certificate.
 *
 * Return: 0, -EBADMSG or -EKEYREJECTED.
 */
int tls_parse_certificate(const u8 *body, size_t len, bool tls13,
			  struct tls_certificate *c, u8 *alert)
{
	struct tls_rd r, ctx, list;
	int err;

	rd_init(&r, body, len);
	c->n = 0;
	c->ctx = NULL;
	c->ctx_len = 0;
	if (tls13) {
		ctx = rd_vec(&r, 1, 0, 255);
		c->ctx = ctx.p;
		c->ctx_len = ctx.left;
	}
	list = rd_vec(&r, 3, 0, 0xffffff);
	if (!rd_done(&r))
		return decode_error(alert);
	while (list.left) {
		err = read_cert_entry(&list, tls13, c, alert);
		if (err)
			return err;
	}
	return 0;
}

/**
 * tls_parse_cert_verify() - parse a CertificateVerify body (TLS 1.3, and
 *	TLS 1.2 with signature_algorithms)
 * @body: the message body
 * @len: its length
 * @scheme: out: SignatureScheme
 * @sig: out: the signature
 * @sig_len: out: its length
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_parse_cert_verify(const u8 *body, size_t len, u16 *scheme,
			  const u8 **sig, size_t *sig_len, u8 *alert)
{
	struct tls_rd r, s;

	rd_init(&r, body, len);
	*scheme = rd_u16(&r);
	s = rd_vec(&r, 2, 1, 0xffff);
	if (!rd_done(&r))
		return decode_error(alert);
	*sig = s.p;
	*sig_len = s.left;
	return 0;
}

/**
 * tls_parse_key_update() - parse a KeyUpdate body
 * @body: the message body
 * @len: its length
 * @request: out: update_requested
 * @alert: out: the alert on failure
 *
 * Return: 0, -EBADMSG, or -EPROTO for a value other than 0 and 1.
 */
int tls_parse_key_update(const u8 *body, size_t len, bool *request,
			 u8 *alert)
{
	struct tls_rd r;
	u8 v;

	rd_init(&r, body, len);
	v = rd_u8(&r);
	if (!rd_done(&r))
		return decode_error(alert);
	if (v > 1)
		return illegal(alert);
	*request = v;
	return 0;
}

/* early_data in a NewSessionTicket: its max_early_data_size */
static int ticket_early_data(const struct tls_exts *exts, u32 *max,
			     u8 *alert)
{
	const struct tls_ext *e = tls_find_ext(exts, TLS_EXT_EARLY_DATA);
	struct tls_rd r;

	*max = 0;
	if (!e)
		return 0;
	rd_init(&r, e->data, e->len);
	*max = rd_u32(&r);
	return rd_done(&r) ? 0 : decode_error(alert);
}

/**
 * tls_parse_new_ticket() - parse a TLS 1.3 NewSessionTicket body
 * @body: the message body
 * @len: its length
 * @t: out: the ticket
 * @alert: out: the alert on failure
 *
 * A lifetime over 7 days is illegal (RFC 8446 4.6.1).
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_parse_new_ticket(const u8 *body, size_t len,
			 struct tls_new_ticket *t, u8 *alert)
{
	struct tls_exts *exts;
	struct tls_rd r, nonce, ticket;
	int err;

	rd_init(&r, body, len);
	t->lifetime = rd_u32(&r);
	t->age_add = rd_u32(&r);
	nonce = rd_vec(&r, 1, 0, 255);
	ticket = rd_vec(&r, 2, 1, 0xffff);
	if (r.err)
		return decode_error(alert);
	t->nonce = nonce.p;
	t->nonce_len = nonce.left;
	t->ticket = ticket.p;
	t->ticket_len = ticket.left;
	exts = port_zalloc(sizeof(*exts));
	if (!exts)
		return -ENOMEM;
	err = tls_parse_exts(&r, exts, alert);
	if (!err && !rd_done(&r))
		err = decode_error(alert);
	if (!err)
		err = ticket_early_data(exts, &t->max_early_data, alert);
	port_free_secret(exts, sizeof(*exts));
	if (!err && t->lifetime > 604800)
		err = illegal(alert);
	return err;
}

/**
 * tls_parse_cert_request13() - parse a TLS 1.3 CertificateRequest body
 * @body: the message body
 * @len: its length
 * @cr: out: the request
 * @alert: out: the alert on failure
 *
 * signature_algorithms must be present (missing_extension).
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_parse_cert_request13(const u8 *body, size_t len,
			     struct tls_cert_request *cr, u8 *alert)
{
	struct tls_rd r, ctx;
	int err;

	rd_init(&r, body, len);
	ctx = rd_vec(&r, 1, 0, 255);
	if (r.err)
		return decode_error(alert);
	cr->ctx = ctx.p;
	cr->ctx_len = ctx.left;
	err = tls_parse_exts(&r, &cr->exts, alert);
	if (err)
		return err;
	if (!rd_done(&r) || !cr->exts.n)
		return decode_error(alert);
	if (!tls_find_ext(&cr->exts, TLS_EXT_SIGNATURE_ALGORITHMS)) {
		*alert = TLSHAKE_ALERT_MISSING_EXTENSION;
		return -EPROTO;
	}
	return 0;
}

/**
 * tls_hs_begin() - start a handshake message in a writer
 * @w: the writer
 * @type: HandshakeType
 *
 * Return: the mark to pass to tls_hs_end().
 */
size_t tls_hs_begin(struct tls_wr *w, u8 type)
{
	wr_u8(w, type);
	return wr_vec_begin(w, 3);
}

/**
 * tls_hs_end() - finish the message started at @mark
 * @w: the writer
 * @mark: from tls_hs_begin()
 */
void tls_hs_end(struct tls_wr *w, size_t mark)
{
	wr_vec_end(w, mark, 3);
}

/**
 * tls_ext_begin() - start an extension
 * @w: the writer
 * @type: ExtensionType
 *
 * Return: the mark to pass to tls_ext_end().
 */
size_t tls_ext_begin(struct tls_wr *w, u16 type)
{
	wr_u16(w, type);
	return wr_vec_begin(w, 2);
}

/**
 * tls_ext_end() - finish the extension started at @mark
 * @w: the writer
 * @mark: from tls_ext_begin()
 */
void tls_ext_end(struct tls_wr *w, size_t mark)
{
	wr_vec_end(w, mark, 2);
}
