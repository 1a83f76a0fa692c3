// SPDX-License-Identifier: GPL-2.0
/*
 * The messages only TLS 1.2 has (RFC 5246 7.4, RFC 8422 5.4 and 5.7,
 * RFC 5077 3.3) and the extensions only it reads (RFC 5746 3.2): parsers,
 * and builders for the parts whose exact bytes matter beyond the message
 * (the signed ECDH parameters).
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

/**
 * tls_parse_server_kx_ecdhe() - parse an ECDHE ServerKeyExchange body
 * @body: the message body
 * @len: its length
 * @kx: out: the parameters and the signature
 * @alert: out: the alert on failure
 *
 * ServerECDHParams (ECParameters with curve_type named_curve, then the
 * point) followed by a digitally-signed element with its
 * SignatureAndHashAlgorithm (RFC 8422 5.4, RFC 5246 4.7). Explicit curves
 * are refused (illegal_parameter); an empty point or signature is a
 * decode_error. Whether the group and scheme are acceptable is the
 * engine's business.
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_parse_server_kx_ecdhe(const u8 *body, size_t len,
			      struct tls_server_kx *kx, u8 *alert)
{
	struct tls_rd r, point, sig;
	u8 curve_type;

	rd_init(&r, body, len);
	curve_type = rd_u8(&r);
	if (!r.err && curve_type != TLS_EC_NAMED_CURVE)
		return illegal(alert);
	kx->group = rd_u16(&r);
	point = rd_vec(&r, 1, 1, 255);
	if (r.err)
		return decode_error(alert);
	kx->params = body;
	kx->params_len = r.p - body;
	kx->point = point.p;
	kx->point_len = point.left;
	kx->scheme = rd_u16(&r);
	sig = rd_vec(&r, 2, 1, 0xffff);
	if (!rd_done(&r))
		return decode_error(alert);
	kx->sig = sig.p;
	kx->sig_len = sig.left;
	return 0;
}

/**
 * tls_put_ecdh_params() - write ServerECDHParams for a named curve
 * @w: the writer
 * @group: the NamedGroup
 * @point: our ephemeral public key, TLS encoding
 * @len: its length (1 to 255)
 *
 * These are the bytes the server signs (after the two randoms).
 */
void tls_put_ecdh_params(struct tls_wr *w, u16 group, const u8 *point,
			 size_t len)
{
	size_t mark;

	wr_u8(w, TLS_EC_NAMED_CURVE);
	wr_u16(w, group);
	mark = wr_vec_begin(w, 1);
	wr_bytes(w, point, len);
	wr_vec_end(w, mark, 1);
}

/* The certificate_authorities list, each name checked for its syntax. */
static bool read_ca_names(struct tls_rd *r, struct tls_rd *names)
{
	struct tls_rd list = rd_vec(r, 2, 0, 0xffff);

	*names = list;
	while (!list.err && list.left)
		rd_vec(&list, 2, 1, 0xffff);
	return !list.err && !r->err;
}

/**
 * tls_parse_cert_request12() - parse a TLS 1.2 CertificateRequest body
 * @body: the message body
 * @len: its length
 * @cr: out: certificate types, signature algorithms, CA names
 * @alert: out: the alert on failure
 *
 * RFC 5246 7.4.4: certificate_types<1..2^8-1>,
 * supported_signature_algorithms<2..2^16-2> (pairs),
 * certificate_authorities<0..2^16-1> of DistinguishedName<1..2^16-1>.
 *
 * Return: 0 or -EBADMSG.
 */
int tls_parse_cert_request12(const u8 *body, size_t len,
			     struct tls_cert_request12 *cr, u8 *alert)
{
	struct tls_rd r, types, algs, names;

	rd_init(&r, body, len);
	types = rd_vec(&r, 1, 1, 255);
	algs = rd_vec(&r, 2, 2, 0xfffe);
	if (r.err || algs.left % 2 || !read_ca_names(&r, &names) ||
	    !rd_done(&r))
		return decode_error(alert);
	cr->ca_names = names.p;
	cr->ca_names_len = names.left;
	cr->types = types.p;
	cr->n_types = types.left;
	cr->sig_algs = algs.p;
	cr->n_sig_algs = algs.left / 2;
	return 0;
}

/**
 * tls_parse_client_kx() - parse a ClientKeyExchange body
 * @body: the message body
 * @len: its length
 * @ecdhe: ClientECDiffieHellmanPublic (a point<1..2^8-1>, RFC 8422 5.7),
 *	else EncryptedPreMasterSecret (opaque<0..2^16-1>, RFC 5246 7.4.7.1)
 * @data: out: the point or the encrypted premaster secret
 * @data_len: out: its length
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_parse_client_kx(const u8 *body, size_t len, bool ecdhe,
			const u8 **data, size_t *data_len, u8 *alert)
{
	struct tls_rd r, v;

	rd_init(&r, body, len);
	v = ecdhe ? rd_vec(&r, 1, 1, 255) : rd_vec(&r, 2, 0, 0xffff);
	if (!rd_done(&r))
		return decode_error(alert);
	*data = v.p;
	*data_len = v.left;
	return 0;
}

/**
 * tls_parse_new_ticket12() - parse a TLS 1.2 NewSessionTicket body
 * @body: the message body
 * @len: its length
 * @lifetime: out: ticket_lifetime_hint (seconds, 0: unspecified)
 * @ticket: out: the ticket
 * @ticket_len: out: its length; 0 if the server changed its mind
 *	(RFC 5077 3.3)
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_parse_new_ticket12(const u8 *body, size_t len, u32 *lifetime,
			   const u8 **ticket, size_t *ticket_len, u8 *alert)
{
	struct tls_rd r, t;

	rd_init(&r, body, len);
	*lifetime = rd_u32(&r);
	t = rd_vec(&r, 2, 0, 0xffff);
	if (!rd_done(&r))
		return decode_error(alert);
	*ticket = t.p;
	*ticket_len = t.left;
	return 0;
}

/**
 * tls_ext_reneg_info() - the renegotiated_connection of renegotiation_info
 * @e: the extension
 * @data: out: renegotiated_connection (empty in an initial handshake)
 * @len: out: its length
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_reneg_info(const struct tls_ext *e, const u8 **data, size_t *len,
		       u8 *alert)
{
	struct tls_rd r, v;

	rd_init(&r, e->data, e->len);
	v = rd_vec(&r, 1, 0, 255);
	if (!rd_done(&r))
		return decode_error(alert);
	*data = v.p;
	*len = v.left;
	return 0;
}
