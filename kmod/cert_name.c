// SPDX-License-Identifier: GPL-2.0
/*
 * Distinguished names as text. Names are compared as DER bytes elsewhere;
 * text is for people and for applications that identify a peer:
 *
 * - tlshake_cert_name_str(): "C=FR, O=Example, CN=www.example.com", in
 *   certificate order, for listings and logs;
 * - tlshake_cert_name_rfc4514(): the string representation of RFC 4514
 *   ("CN=www.example.com,O=Example,C=FR"), for TLSHAKE_PEER_SUBJECT.
 *
 * Both decode the Name once into a list of attributes (type, value, the
 * RDN each belongs to) with tlshake's grammar (kmod/asn1/tlshake_name.asn1).
 */
#include <linux/types.h>
#include <linux/asn1_decoder.h>
#include <linux/err.h>
#include <linux/oid_registry.h>
#include <linux/slab.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "asn1/tlshake_name-gen.h"
#include "cert_parse.h"

/* Printable names are cut at this length (with "...") */
#define NAME_STR_MAX	256
/* Attributes in one Name: far more than any real certificate has */
#define NAME_MAX_AVAS	64
/* The longest dotted-decimal OID printed as an attribute type */
#define NAME_OID_MAX	64

/* One AttributeTypeAndValue */
struct name_ava {
	enum tlshake_oid type;
	const u8 *type_der;	/* OID content octets */
	u8 type_len;
	u8 tag;			/* the value's tag */
	const u8 *value;	/* content octets */
	u32 vlen;
	const u8 *tlv;		/* the whole value, tag and length included */
	u32 tlv_len;
	u16 rdn;		/* index of its RelativeDistinguishedName */
};

struct name_ctx {
	struct name_ava *avas;
	unsigned int n;
	unsigned int rdn;
	enum tlshake_oid type;
	const u8 *type_der;
	size_t type_len;
};

int tlshake_name_note_type(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct name_ctx *ctx = context;

	if (vlen > U8_MAX)
		return -EBADMSG;
	ctx->type = tlshake_oid_lookup(value, vlen);
	ctx->type_der = value;
	ctx->type_len = vlen;
	return 0;
}

int tlshake_name_note_value(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct name_ctx *ctx = context;

	if (ctx->n >= NAME_MAX_AVAS)
		return -EBADMSG;
	ctx->avas[ctx->n++] = (struct name_ava) {
		.type = ctx->type, .type_der = ctx->type_der,
		.type_len = ctx->type_len, .tag = tag, .value = value,
		.vlen = vlen, .tlv = (const u8 *)value - hdrlen,
		.tlv_len = hdrlen + vlen, .rdn = ctx->rdn,
	};
	return 0;
}

int tlshake_name_note_rdn(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct name_ctx *ctx = context;

	ctx->rdn++;
	return 0;
}

int tlshake_name_note_whole(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	return 0;
}

/* Decode @name into ctx->avas (to kfree()); 0 or -EBADMSG, -ENOMEM. */
static int name_decode(struct name_ctx *ctx, const u8 *name, size_t len,
		       gfp_t gfp)
{
	int err;

	memset(ctx, 0, sizeof(*ctx));
	/* an empty SEQUENCE is a valid, empty name */
	if (len == 2 && name[0] == CERT_TAG_SEQUENCE && !name[1])
		return 0;
	if (len < 2)
		return -EBADMSG;
	ctx->avas = kcalloc(NAME_MAX_AVAS, sizeof(*ctx->avas), gfp);
	if (!ctx->avas)
		return -ENOMEM;
	err = asn1_ber_decoder(&tlshake_name_decoder, ctx, name, len);
	if (err) {
		kfree(ctx->avas);
		ctx->avas = NULL;
		return -EBADMSG;
	}
	return 0;
}

/* Text being built; with a NULL @buf, only its length is counted. */
struct name_out {
	char *buf;
	size_t len;
	size_t cap;
};

static void out_putc(struct name_out *o, char c)
{
	if (o->buf && o->len < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void out_puts(struct name_out *o, const char *s)
{
	while (*s)
		out_putc(o, *s++);
}

static void out_hex(struct name_out *o, u8 b)
{
	out_putc(o, hex_asc_upper_hi(b));
	out_putc(o, hex_asc_upper_lo(b));
}

static bool string_tag(unsigned char tag)
{
	return tag == CERT_TAG_UTF8 || tag == CERT_TAG_PRINTABLE ||
	       tag == CERT_TAG_T61 || tag == CERT_TAG_IA5 ||
	       tag == CERT_TAG_BMP || tag == CERT_TAG_UNIVERSAL;
}

/*
 * The listing form: "type=value", non-ASCII bytes as \xHH, values that
 * are not strings as '#' and the hex of their content.
 */
static int legacy_ava(struct name_out *o, const struct name_ava *a)
{
	const char *type = tlshake_oid_short_name(a->type);
	char oid[NAME_OID_MAX];
	u32 i;

	if (!type) {
		if (sprint_oid(a->type_der, a->type_len, oid, sizeof(oid)) < 0)
			return -EBADMSG;
		type = oid;
	}
	out_puts(o, type);
	out_putc(o, '=');
	if (!string_tag(a->tag)) {
		out_putc(o, '#');
		for (i = 0; i < a->vlen; i++)
			out_hex(o, a->value[i]);
		return 0;
	}
	for (i = 0; i < a->vlen; i++) {
		u8 c = a->value[i];

		/* BMPString and UniversalString: skip the zero octets */
		if (!c && (a->tag == CERT_TAG_BMP ||
			   a->tag == CERT_TAG_UNIVERSAL))
			continue;
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			out_putc(o, c);
		} else {
			out_puts(o, "\\x");
			out_putc(o, hex_asc_hi(c));
			out_putc(o, hex_asc_lo(c));
		}
	}
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
	struct name_out o = { .cap = NAME_STR_MAX - 1 };
	struct name_ctx ctx;
	unsigned int i;
	int err;

	err = name_decode(&ctx, name, len, gfp);
	if (err)
		return ERR_PTR(err);
	o.buf = kzalloc(NAME_STR_MAX, gfp);
	if (!o.buf) {
		kfree(ctx.avas);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < ctx.n && !err; i++) {
		if (i)
			out_puts(&o, ", ");
		err = legacy_ava(&o, &ctx.avas[i]);
	}
	kfree(ctx.avas);
	if (err) {
		kfree(o.buf);
		return ERR_PTR(err);
	}
	if (o.len > o.cap)
		strscpy(o.buf + o.cap - 3, "...", 4);
	else
		o.buf[o.len] = 0;
	return o.buf;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_name_str);

/* RFC 4514 3: the short names to use; every other type is dotted. */
static const char *rfc4514_type(enum tlshake_oid type)
{
	switch (type) {
	case TLSHAKE_OID_CN:
		return "CN";
	case TLSHAKE_OID_L:
		return "L";
	case TLSHAKE_OID_ST:
		return "ST";
	case TLSHAKE_OID_O:
		return "O";
	case TLSHAKE_OID_OU:
		return "OU";
	case TLSHAKE_OID_C:
		return "C";
	case TLSHAKE_OID_STREET:
		return "STREET";
	case TLSHAKE_OID_DC:
		return "DC";
	default:
		return NULL;
	}
}

/*
 * One character of a value (RFC 4514 2.4): the specials with a backslash,
 * a leading '#' or space and a trailing space likewise, control
 * characters and everything outside ASCII as \HH of its UTF-8 encoding.
 */
static void rfc4514_char(struct name_out *o, u32 cp, bool first, bool last)
{
	u8 utf8[4];
	int n, i;

	if (cp >= 0x20 && cp < 0x7f) {
		bool edge = (first && cp == '#') ||
			    ((first || last) && cp == ' ');

		if (edge || strchr("\"+,;<>\\", cp))
			out_putc(o, '\\');
		out_putc(o, cp);
		return;
	}
	if (cp < 0x80) {
		utf8[0] = cp;
		n = 1;
	} else if (cp < 0x800) {
		utf8[0] = 0xc0 | cp >> 6;
		utf8[1] = 0x80 | (cp & 0x3f);
		n = 2;
	} else if (cp < 0x10000) {
		utf8[0] = 0xe0 | cp >> 12;
		utf8[1] = 0x80 | ((cp >> 6) & 0x3f);
		utf8[2] = 0x80 | (cp & 0x3f);
		n = 3;
	} else {
		utf8[0] = 0xf0 | cp >> 18;
		utf8[1] = 0x80 | ((cp >> 12) & 0x3f);
		utf8[2] = 0x80 | ((cp >> 6) & 0x3f);
		utf8[3] = 0x80 | (cp & 0x3f);
		n = 4;
	}
	for (i = 0; i < n; i++) {
		out_putc(o, '\\');
		out_hex(o, utf8[i]);
	}
}

/*
 * A string value, unit by unit: UTF8String bytes are kept as they are
 * (escaped), BMPString and UniversalString are UCS-2 and UCS-4, the other
 * string types are taken as Latin-1.
 */
static int rfc4514_string(struct name_out *o, const struct name_ava *a)
{
	u32 unit = a->tag == CERT_TAG_BMP ? 2 :
		   a->tag == CERT_TAG_UNIVERSAL ? 4 : 1;
	u32 i, cp;

	if (a->vlen % unit)
		return -EBADMSG;
	for (i = 0; i < a->vlen; i += unit) {
		if (unit == 2)
			cp = get_unaligned_be16(a->value + i);
		else if (unit == 4)
			cp = get_unaligned_be32(a->value + i);
		else
			cp = a->value[i];
		if (cp > 0x10ffff)
			return -EBADMSG;
		if (a->tag == CERT_TAG_UTF8 && cp >= 0x80) {
			/* already UTF-8: each byte as \HH */
			out_putc(o, '\\');
			out_hex(o, cp);
			continue;
		}
		rfc4514_char(o, cp, !i, i + unit == a->vlen);
	}
	return 0;
}

static int rfc4514_ava(struct name_out *o, const struct name_ava *a)
{
	const char *type = rfc4514_type(a->type);
	char oid[NAME_OID_MAX];
	u32 i;

	if (!type) {
		if (sprint_oid(a->type_der, a->type_len, oid, sizeof(oid)) < 0)
			return -EBADMSG;
		type = oid;
	}
	out_puts(o, type);
	out_putc(o, '=');
	if (string_tag(a->tag) && rfc4514_type(a->type))
		return rfc4514_string(o, a);
	/* RFC 4514 2.4: '#' and the hex of the whole BER encoding */
	out_putc(o, '#');
	for (i = 0; i < a->tlv_len; i++)
		out_hex(o, a->tlv[i]);
	return 0;
}

/* The RDNs last to first, the attributes of one RDN joined with '+'. */
static int rfc4514_write(struct name_out *o, const struct name_ctx *ctx)
{
	unsigned int i, j, end = ctx->n;
	int err;

	while (end) {
		i = end - 1;
		while (i && ctx->avas[i - 1].rdn == ctx->avas[end - 1].rdn)
			i--;
		if (end != ctx->n)
			out_putc(o, ',');
		for (j = i; j < end; j++) {
			if (j != i)
				out_putc(o, '+');
			err = rfc4514_ava(o, &ctx->avas[j]);
			if (err)
				return err;
		}
		end = i;
	}
	return 0;
}

/**
 * tlshake_cert_name_rfc4514() - a Name as an RFC 4514 string
 * @name: the DER Name (tag and length included)
 * @len: its length
 * @gfp: allocation flags
 *
 * The RDNs in reverse order, separated by ','; the attributes of a
 * multi-valued RDN joined with '+'. Types: CN, L, ST, O, OU, C, STREET,
 * DC (RFC 4514 3), others in dotted-decimal form with their value as '#'
 * and the hex of its DER, as are values that are not strings. Special
 * characters are escaped with a backslash, and every character that is
 * not printable ASCII as \HH of its UTF-8 encoding, so the result is
 * ASCII and never cut.
 *
 * Return: a NUL-terminated string to kfree() ("" for an empty name), or
 * ERR_PTR(-EBADMSG) if @name is malformed, ERR_PTR(-ENOMEM).
 */
char *tlshake_cert_name_rfc4514(const u8 *name, size_t len, gfp_t gfp)
{
	struct name_out o = { };
	struct name_ctx ctx;
	int err;

	err = name_decode(&ctx, name, len, gfp);
	if (err)
		return ERR_PTR(err);
	err = rfc4514_write(&o, &ctx);		/* measure */
	if (!err) {
		o.cap = o.len;
		o.len = 0;
		o.buf = kmalloc(o.cap + 1, gfp);
		err = o.buf ? rfc4514_write(&o, &ctx) : -ENOMEM;
	}
	kfree(ctx.avas);
	if (err) {
		kfree(o.buf);
		return ERR_PTR(err);
	}
	o.buf[o.len] = 0;
	return o.buf;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_name_rfc4514);
