// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: the handshake message parsers of kmod/msg/ on arbitrary
 * bytes. The first byte picks the parser; ASan and UBSan catch any read
 * out of bounds, and the checks below catch views that escape the input.
 */
#include <assert.h>
#include <stdlib.h>

#include "../../kmod/msg/msg.h"

static void in_range(const u8 *base, size_t len, const u8 *p, size_t n)
{
	if (!n)
		return;
	assert(p >= base && p + n <= base + len);
}

static void check_exts(const u8 *d, size_t len, const struct tls_exts *e)
{
	unsigned int i;

	for (i = 0; i < e->n; i++)
		in_range(d, len, e->ext[i].data, e->ext[i].len);
}

static void fuzz_ch(const u8 *d, size_t len)
{
	static struct tls_client_hello ch;
	const struct tls_ext *e;
	struct tls_key_share ks[TLS_MAX_KEY_SHARES];
	struct tls_psk_offer psk;
	const u8 *list;
	unsigned int n, i;
	size_t l;
	u8 alert;

	if (tls_parse_client_hello(d, len, &ch, &alert))
		return;
	check_exts(d, len, &ch.exts);
	in_range(d, len, ch.suites, 2 * ch.n_suites);
	assert(ch.binders_off <= len);
	e = tls_find_ext(&ch.exts, TLS_EXT_KEY_SHARE);
	if (e && !tls_ext_key_shares(e, ks, TLS_MAX_KEY_SHARES, &n, &alert))
		for (i = 0; i < n; i++)
			in_range(d, len, ks[i].key, ks[i].key_len);
	e = tls_find_ext(&ch.exts, TLS_EXT_PRE_SHARED_KEY);
	if (e && !tls_ext_psk_offer(e, &psk, &alert))
		for (i = 0; i < psk.n; i++)
			in_range(d, len, psk.binder[i], psk.binder_len[i]);
	e = tls_find_ext(&ch.exts, TLS_EXT_SERVER_NAME);
	if (e && !tls_ext_server_name(e, &list, &l, &alert))
		in_range(d, len, list, l);
	e = tls_find_ext(&ch.exts, TLS_EXT_ALPN);
	if (e && !tls_ext_alpn(e, &list, &l, &alert))
		in_range(d, len, list, l);
	e = tls_find_ext(&ch.exts, TLS_EXT_SUPPORTED_VERSIONS);
	if (e && !tls_ext_u16_list(e, 1, &list, &n, &alert))
		in_range(d, len, list, 2 * n);
}

static void fuzz_other(u8 which, const u8 *d, size_t len)
{
	static struct tls_server_hello sh;
	static struct tls_certificate c;
	static struct tls_cert_request cr;
	struct tls_new_ticket t;
	const u8 *sig;
	size_t sl;
	u16 scheme;
	bool req;
	u8 alert;

	switch (which % 6) {
	case 0:
		if (!tls_parse_server_hello(d, len, &sh, &alert))
			check_exts(d, len, &sh.exts);
		break;
	case 1:
	case 2:
		if (!tls_parse_certificate(d, len, which % 6 == 1, &c, &alert))
			for (unsigned int i = 0; i < c.n; i++)
				in_range(d, len, c.cert[i].der, c.cert[i].len);
		break;
	case 3:
		if (!tls_parse_cert_verify(d, len, &scheme, &sig, &sl, &alert))
			in_range(d, len, sig, sl);
		break;
	case 4:
		if (!tls_parse_new_ticket(d, len, &t, &alert))
			in_range(d, len, t.ticket, t.ticket_len);
		tls_parse_key_update(d, len, &req, &alert);
		break;
	default:
		if (!tls_parse_cert_request13(d, len, &cr, &alert))
			check_exts(d, len, &cr.exts);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		fuzz_ch(data + 1, size - 1);
	else
		fuzz_other(data[0] >> 1, data + 1, size - 1);
	return 0;
}
