// SPDX-License-Identifier: GPL-2.0
/*
 * Extension blocks and the bodies of the extensions tlshake reads.
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
 * tls_parse_exts() - read an extension block (with its 2-byte length)
 * @r: the reader, at the block
 * @exts: out: the extensions
 * @alert: out: the alert on failure
 *
 * An absent block (the reader is exhausted) is an empty one. Duplicate
 * extension types are refused (RFC 8446 4.2), as are blocks of more than
 * %TLS_MAX_EXTS extensions.
 *
 * Return: 0, -EBADMSG (decode_error) or -EPROTO (illegal_parameter).
 */
int tls_parse_exts(struct tls_rd *r, struct tls_exts *exts, u8 *alert)
{
	struct tls_rd block, body;
	unsigned int i;
	u16 type;

	exts->n = 0;
	if (rd_done(r))
		return 0;
	block = rd_vec(r, 2, 0, 0xffff);
	while (!block.err && block.left) {
		type = rd_u16(&block);
		body = rd_vec(&block, 2, 0, 0xffff);
		if (block.err)
			break;
		if (exts->n == TLS_MAX_EXTS)
			return decode_error(alert);
		for (i = 0; i < exts->n; i++)
			if (exts->ext[i].type == type)
				return illegal(alert);
		exts->ext[exts->n].type = type;
		exts->ext[exts->n].data = body.p;
		exts->ext[exts->n].len = body.left;
		exts->n++;
	}
	if (block.err || r->err)
		return decode_error(alert);
	return 0;
}

/**
 * tls_find_ext() - look an extension up by type
 * @exts: the block
 * @type: ExtensionType
 *
 * Return: the extension, or NULL if absent.
 */
const struct tls_ext *tls_find_ext(const struct tls_exts *exts, u16 type)
{
	unsigned int i;

	for (i = 0; i < exts->n; i++)
		if (exts->ext[i].type == type)
			return &exts->ext[i];
	return NULL;
}

/**
 * tls_ext_u16_list() - a non-empty vector of u16 values as the whole body
 * @e: the extension
 * @lenbytes: 1 (supported_versions in ClientHello) or 2
 * @list: out: the values, big-endian
 * @n: out: their number
 * @alert: out: the alert on failure
 *
 * For supported_groups, signature_algorithms(_cert), supported_versions.
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_u16_list(const struct tls_ext *e, int lenbytes,
		     const u8 **list, unsigned int *n, u8 *alert)
{
	struct tls_rd r, v;

	rd_init(&r, e->data, e->len);
	v = rd_vec(&r, lenbytes, 2, lenbytes == 1 ? 254 : 0xfffe);
	if (v.err || !rd_done(&r) || v.left % 2)
		return decode_error(alert);
	*list = v.p;
	*n = v.left / 2;
	return 0;
}

/**
 * tls_u16_list_has() - whether a big-endian u16 list holds a value
 * @list: the list
 * @n: its number of values
 * @v: the value
 *
 * Return: true if present.
 */
bool tls_u16_list_has(const u8 *list, unsigned int n, u16 v)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if ((list[2 * i] << 8 | list[2 * i + 1]) == v)
			return true;
	return false;
}

/**
 * tls_ext_u8_list() - a non-empty vector of u8 values (1-byte length)
 * @e: the extension
 * @list: out: the values
 * @n: out: their number
 * @alert: out: the alert on failure
 *
 * For psk_key_exchange_modes and ec_point_formats.
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_u8_list(const struct tls_ext *e, const u8 **list,
		    unsigned int *n, u8 *alert)
{
	struct tls_rd r, v;

	rd_init(&r, e->data, e->len);
	v = rd_vec(&r, 1, 1, 255);
	if (v.err || !rd_done(&r))
		return decode_error(alert);
	*list = v.p;
	*n = v.left;
	return 0;
}

/**
 * tls_ext_server_name() - the host_name of a ClientHello server_name
 * @e: the extension
 * @name: out: the host name (not NUL-terminated), NULL if none
 * @len: out: its length
 * @alert: out: the alert on failure
 *
 * RFC 6066 3: at most one name of each type; the host name must be a
 * non-empty ASCII name without NUL (an IP literal is not allowed there,
 * but is the engine's business).
 *
 * Return: 0, -EBADMSG (decode_error) or -EPROTO (illegal_parameter).
 */
int tls_ext_server_name(const struct tls_ext *e, const u8 **name,
			size_t *len, u8 *alert)
{
	struct tls_rd r, list, host;
	size_t i;
	u8 type;

	*name = NULL;
	*len = 0;
	rd_init(&r, e->data, e->len);
	list = rd_vec(&r, 2, 1, 0xffff);
	while (!list.err && list.left) {
		type = rd_u8(&list);
		host = rd_vec(&list, 2, 1, 0xffff);
		if (list.err)
			break;
		if (type != 0)
			continue;
		if (*name)
			return illegal(alert);
		for (i = 0; i < host.left; i++)
			if (host.p[i] < 0x21 || host.p[i] > 0x7e)
				return illegal(alert);
		*name = host.p;
		*len = host.left;
	}
	if (list.err || !rd_done(&r))
		return decode_error(alert);
	return 0;
}

static bool read_key_share(struct tls_rd *r, struct tls_key_share *ks)
{
	struct tls_rd key;

	ks->group = rd_u16(r);
	key = rd_vec(r, 2, 1, 0xffff);
	ks->key = key.p;
	ks->key_len = key.left;
	return !r->err;
}

/**
 * tls_ext_key_shares() - the client_shares of a ClientHello key_share
 * @e: the extension
 * @ks: out: the entries
 * @max: room in @ks
 * @n: out: number of entries
 * @alert: out: the alert on failure
 *
 * Two shares for one group are illegal (RFC 8446 4.2.8).
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_ext_key_shares(const struct tls_ext *e, struct tls_key_share *ks,
		       unsigned int max, unsigned int *n, u8 *alert)
{
	struct tls_rd r, list;
	unsigned int i;

	*n = 0;
	rd_init(&r, e->data, e->len);
	list = rd_vec(&r, 2, 0, 0xffff);
	while (!list.err && list.left) {
		if (*n == max)
			return decode_error(alert);
		if (!read_key_share(&list, &ks[*n]))
			break;
		for (i = 0; i < *n; i++)
			if (ks[i].group == ks[*n].group)
				return illegal(alert);
		(*n)++;
	}
	if (list.err || !rd_done(&r))
		return decode_error(alert);
	return 0;
}

/**
 * tls_ext_key_share_sh() - the key_share of a ServerHello or HRR
 * @e: the extension
 * @hrr: HelloRetryRequest (only selected_group)
 * @ks: out: the entry (for HRR only @ks->group)
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_key_share_sh(const struct tls_ext *e, bool hrr,
			 struct tls_key_share *ks, u8 *alert)
{
	struct tls_rd r;

	rd_init(&r, e->data, e->len);
	memset(ks, 0, sizeof(*ks));
	if (hrr)
		ks->group = rd_u16(&r);
	else
		read_key_share(&r, ks);
	if (!rd_done(&r))
		return decode_error(alert);
	return 0;
}

/**
 * tls_ext_alpn() - the protocol_name_list of a ClientHello ALPN
 * @e: the extension
 * @list: out: the list in wire format (1-byte length, name)
 * @len: out: its length
 * @alert: out: the alert on failure
 *
 * Empty names are refused (RFC 7301 3.1).
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_alpn(const struct tls_ext *e, const u8 **list, size_t *len,
		 u8 *alert)
{
	struct tls_rd r, v, name;

	rd_init(&r, e->data, e->len);
	v = rd_vec(&r, 2, 2, 0xffff);
	if (v.err || !rd_done(&r))
		return decode_error(alert);
	*list = v.p;
	*len = v.left;
	while (v.left) {
		name = rd_vec(&v, 1, 1, 255);
		if (name.err)
			return decode_error(alert);
	}
	return 0;
}

/**
 * tls_ext_alpn_selected() - the one protocol of a server's ALPN
 * @e: the extension
 * @proto: out: the name
 * @len: out: its length
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_alpn_selected(const struct tls_ext *e, const u8 **proto,
			  size_t *len, u8 *alert)
{
	struct tls_rd r, v, name;

	rd_init(&r, e->data, e->len);
	v = rd_vec(&r, 2, 2, 0xffff);
	name = rd_vec(&v, 1, 1, 255);
	if (name.err || !rd_done(&v) || !rd_done(&r))
		return decode_error(alert);
	*proto = name.p;
	*len = name.left;
	return 0;
}

/**
 * tls_ext_psk_offer() - a ClientHello pre_shared_key
 * @e: the extension
 * @psk: out: identities and binders
 * @alert: out: the alert on failure
 *
 * Identities and binders must be equal in number (else illegal_parameter,
 * RFC 8446 4.2.11); binders are 32..255 bytes.
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_ext_psk_offer(const struct tls_ext *e, struct tls_psk_offer *psk,
		      u8 *alert)
{
	struct tls_rd r, ids, binders, id, b;
	unsigned int nb = 0;

	psk->n = 0;
	rd_init(&r, e->data, e->len);
	ids = rd_vec(&r, 2, 7, 0xffff);
	while (!ids.err && ids.left) {
		id = rd_vec(&ids, 2, 1, 0xffff);
		if (ids.err || psk->n == TLS_MAX_PSK_IDS)
			return decode_error(alert);
		psk->id[psk->n] = id.p;
		psk->id_len[psk->n] = id.left;
		psk->age[psk->n] = rd_u32(&ids);
		psk->n++;
	}
	binders = rd_vec(&r, 2, 33, 0xffff);
	while (!binders.err && binders.left) {
		b = rd_vec(&binders, 1, 32, 255);
		if (binders.err || nb == TLS_MAX_PSK_IDS)
			return decode_error(alert);
		psk->binder[nb] = b.p;
		psk->binder_len[nb] = b.left;
		nb++;
	}
	if (ids.err || binders.err || !rd_done(&r))
		return decode_error(alert);
	if (nb != psk->n)
		return illegal(alert);
	return 0;
}

/**
 * tls_ext_cookie() - the cookie of an HRR or ClientHello
 * @e: the extension
 * @cookie: out: the cookie
 * @len: out: its length
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_cookie(const struct tls_ext *e, const u8 **cookie, size_t *len,
		   u8 *alert)
{
	struct tls_rd r, v;

	rd_init(&r, e->data, e->len);
	v = rd_vec(&r, 2, 1, 0xffff);
	if (v.err || !rd_done(&r))
		return decode_error(alert);
	*cookie = v.p;
	*len = v.left;
	return 0;
}

/**
 * tls_ext_ca_names() - a certificate_authorities extension (RFC 8446
 *	4.2.4): DistinguishedName authorities<3..2^16-1>
 * @e: the extension
 * @names: out: the DistinguishedNames, each with its 2-byte length
 * @len: out: their total length
 * @alert: out: the alert on failure
 *
 * Return: 0 or -EBADMSG.
 */
int tls_ext_ca_names(const struct tls_ext *e, const u8 **names, size_t *len,
		     u8 *alert)
{
	struct tls_rd r, list, dn;

	rd_init(&r, e->data, e->len);
	list = rd_vec(&r, 2, 3, 0xffff);
	if (list.err || !rd_done(&r))
		return decode_error(alert);
	*names = list.p;
	*len = list.left;
	while (list.left) {
		dn = rd_vec(&list, 2, 1, 0xffff);
		if (dn.err)
			return decode_error(alert);
	}
	return 0;
}

/**
 * tls_ext_record_size_limit() - a record_size_limit (RFC 8449)
 * @e: the extension
 * @limit: out: the limit
 * @alert: out: the alert on failure
 *
 * Values below 64 are illegal.
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_ext_record_size_limit(const struct tls_ext *e, u16 *limit,
			      u8 *alert)
{
	struct tls_rd r;

	rd_init(&r, e->data, e->len);
	*limit = rd_u16(&r);
	if (!rd_done(&r))
		return decode_error(alert);
	if (*limit < 64)
		return illegal(alert);
	return 0;
}
