// SPDX-License-Identifier: GPL-2.0
/*
 * ClientHello and ServerHello (RFC 8446 4.1.2, 4.1.3; RFC 5246 7.4.1).
 */
#include "../alert.h"
#include "msg.h"

const u8 tls_hrr_random[TLS_RANDOM_LEN] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* "DOWNGRD" followed by 0x01 (TLS 1.2) or 0x00 (TLS 1.1 and below) */
const u8 tls_downgrade_12[8] = { 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 1 };
const u8 tls_downgrade_11[8] = { 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0 };

static int decode_error(u8 *alert)
{
	*alert = TLSHAKE_ALERT_DECODE_ERROR;
	return -EBADMSG;
}

/* pre_shared_key must be the last extension; find where its binders start. */
static int ch_binders(const u8 *body, struct tls_client_hello *ch, u8 *alert)
{
	const struct tls_ext *psk;
	struct tls_rd r, ids;

	ch->binders_off = 0;
	psk = tls_find_ext(&ch->exts, TLS_EXT_PRE_SHARED_KEY);
	if (!psk)
		return 0;
	if (psk != &ch->exts.ext[ch->exts.n - 1]) {
		*alert = TLSHAKE_ALERT_ILLEGAL_PARAMETER;
		return -EPROTO;
	}
	rd_init(&r, psk->data, psk->len);
	ids = rd_vec(&r, 2, 0, 0xffff);
	if (ids.err)
		return decode_error(alert);
	ch->binders_off = r.p - body;
	return 0;
}

/**
 * tls_parse_client_hello() - parse a ClientHello body
 * @body: the message body (after the 4-byte handshake header)
 * @len: its length
 * @ch: out: the parsed message
 * @alert: out: the alert on failure
 *
 * Checks the syntax, the suite and compression vectors' lengths, duplicate
 * extensions, and that pre_shared_key comes last. Versions, suites and the
 * contents of extensions are the engine's to judge.
 *
 * Return: 0, -EBADMSG (decode_error) or -EPROTO (illegal_parameter).
 */
int tls_parse_client_hello(const u8 *body, size_t len,
			   struct tls_client_hello *ch, u8 *alert)
{
	struct tls_rd r, sid, suites, comp;
	int err;

	rd_init(&r, body, len);
	ch->legacy_version = rd_u16(&r);
	rd_take(&r, TLS_RANDOM_LEN, &ch->random);
	sid = rd_vec(&r, 1, 0, TLS_SESSION_ID_MAX);
	suites = rd_vec(&r, 2, 2, 0xfffe);
	comp = rd_vec(&r, 1, 1, 255);
	if (r.err || suites.left % 2)
		return decode_error(alert);
	ch->session_id = sid.p;
	ch->session_id_len = sid.left;
	ch->suites = suites.p;
	ch->n_suites = suites.left / 2;
	ch->comp = comp.p;
	ch->n_comp = comp.left;
	err = tls_parse_exts(&r, &ch->exts, alert);
	if (err)
		return err;
	if (!rd_done(&r))
		return decode_error(alert);
	return ch_binders(body, ch, alert);
}

/**
 * tls_parse_server_hello() - parse a ServerHello or HelloRetryRequest body
 * @body: the message body
 * @len: its length
 * @sh: out: the parsed message
 * @alert: out: the alert on failure
 *
 * Return: 0, -EBADMSG or -EPROTO.
 */
int tls_parse_server_hello(const u8 *body, size_t len,
			   struct tls_server_hello *sh, u8 *alert)
{
	struct tls_rd r, sid;
	int err;

	rd_init(&r, body, len);
	sh->legacy_version = rd_u16(&r);
	rd_take(&r, TLS_RANDOM_LEN, &sh->random);
	sid = rd_vec(&r, 1, 0, TLS_SESSION_ID_MAX);
	sh->suite = rd_u16(&r);
	sh->comp = rd_u8(&r);
	if (r.err)
		return decode_error(alert);
	sh->session_id = sid.p;
	sh->session_id_len = sid.left;
	sh->is_hrr = !memcmp(sh->random, tls_hrr_random, TLS_RANDOM_LEN);
	err = tls_parse_exts(&r, &sh->exts, alert);
	if (err)
		return err;
	if (!rd_done(&r))
		return decode_error(alert);
	return 0;
}
