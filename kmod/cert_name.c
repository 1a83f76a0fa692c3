// SPDX-License-Identifier: GPL-2.0
/*
 * Printable distinguished names, for listings and logs: "C=FR, O=Example,
 * CN=www.example.com", in certificate order. Names are compared as DER
 * bytes elsewhere; this text is never used to make a decision.
 */
#include <linux/types.h>
#include <linux/asn1_decoder.h>
#include <linux/err.h>
#include <linux/oid_registry.h>
#include <linux/slab.h>

#include "asn1/tlshake_name-gen.h"
#include "cert_parse.h"

/* Printable names are cut at this length (with "...") */
#define NAME_STR_MAX	256

struct name_ctx {
	char *buf;
	size_t len;
	bool full;
	enum tlshake_oid type;
	const u8 *type_der;
	size_t type_len;
};

static void name_putc(struct name_ctx *ctx, char c)
{
	if (ctx->full)
		return;
	if (ctx->len >= NAME_STR_MAX - 4) {
		strscpy(ctx->buf + ctx->len, "...", NAME_STR_MAX - ctx->len);
		ctx->len += 3;
		ctx->full = true;
		return;
	}
	ctx->buf[ctx->len++] = c;
	ctx->buf[ctx->len] = 0;
}

static void name_puts(struct name_ctx *ctx, const char *s)
{
	while (*s)
		name_putc(ctx, *s++);
}

static void name_hex(struct name_ctx *ctx, u8 b)
{
	name_putc(ctx, hex_asc_hi(b));
	name_putc(ctx, hex_asc_lo(b));
}

int tlshake_name_note_type(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct name_ctx *ctx = context;

	ctx->type = tlshake_oid_lookup(value, vlen);
	ctx->type_der = value;
	ctx->type_len = vlen;
	return 0;
}

static bool string_tag(unsigned char tag)
{
	return tag == CERT_TAG_UTF8 || tag == CERT_TAG_PRINTABLE ||
	       tag == CERT_TAG_T61 || tag == CERT_TAG_IA5 ||
	       tag == CERT_TAG_BMP || tag == CERT_TAG_UNIVERSAL;
}

int tlshake_name_note_value(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct name_ctx *ctx = context;
	const char *type = tlshake_oid_short_name(ctx->type);
	const u8 *v = value;
	char oid[32];
	size_t i;

	if (ctx->len)
		name_puts(ctx, ", ");
	if (!type) {
		if (sprint_oid(ctx->type_der, ctx->type_len, oid,
			       sizeof(oid)) < 0)
			return -EBADMSG;
		type = oid;
	}
	name_puts(ctx, type);
	name_putc(ctx, '=');
	if (!string_tag(tag)) {
		/* RFC 4514 2.4: '#' and the hex of the BER value */
		name_putc(ctx, '#');
		for (i = 0; i < vlen; i++)
			name_hex(ctx, v[i]);
		return 0;
	}
	for (i = 0; i < vlen; i++) {
		/* BMPString and UniversalString: skip the zero octets */
		if (!v[i] && (tag == CERT_TAG_BMP || tag == CERT_TAG_UNIVERSAL))
			continue;
		if (v[i] >= 0x20 && v[i] < 0x7f && v[i] != '\\') {
			name_putc(ctx, v[i]);
		} else {
			name_puts(ctx, "\\x");
			name_hex(ctx, v[i]);
		}
	}
	return 0;
}

int tlshake_name_note_whole(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	return 0;
}

/**
 * tlshake_cert_name_str() - a Name in printable form
 * @name: the DER Name (tag and length included)
 * @len: its length
 * @gfp: allocation flags
 *
 * Non-ASCII bytes are escaped as \xHH, values that are not strings are
 * printed as '#' and hex, and the result is cut at 256 characters.
 *
 * Return: a NUL-terminated string to kfree() ("" for an empty name), or
 * ERR_PTR(-EBADMSG) if @name is malformed, ERR_PTR(-ENOMEM).
 */
char *tlshake_cert_name_str(const u8 *name, size_t len, gfp_t gfp)
{
	struct name_ctx ctx = { };
	int err = 0;

	ctx.buf = kzalloc(NAME_STR_MAX, gfp);
	if (!ctx.buf)
		return ERR_PTR(-ENOMEM);
	/* an empty SEQUENCE is a valid, empty name */
	if (len > 2)
		err = asn1_ber_decoder(&tlshake_name_decoder, &ctx, name, len);
	else if (len != 2 || name[1] != 0)
		err = -EBADMSG;
	if (err) {
		kfree(ctx.buf);
		return ERR_PTR(-EBADMSG);
	}
	return ctx.buf;
}
