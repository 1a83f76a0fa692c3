// SPDX-License-Identifier: GPL-2.0
/*
 * X.509 certificate parsing: the top level of the certificate grammar
 * (kmod/asn1/tlshake_x509.asn1), validity times, and the checks that tie
 * the parts together. Keys are in cert_key.c, signature algorithms in
 * cert_alg.c, extensions in cert_ext.c and printable names in cert_name.c.
 */
#include <linux/types.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/time64.h>
#include <kunit/visibility.h>

#include "alert.h"
#include "asn1/tlshake_x509-gen.h"
#include "cert_parse.h"

/* The decoder handles at most 64 KiB; netlink and TLS limits are lower. */
#define CERT_MAX_LEN	65535
/* Longest serial number accepted (RFC 5280 asks for 20 octets, some CAs
 * add a sign octet; leave room).
 */
#define CERT_MAX_SERIAL	32

/* The content must be the whole input: no trailing bytes, no BER-only
 * indefinite length (DER, X.690 10.1).
 */
static int cert_whole(struct cert_ctx *ctx, const u8 *start, size_t total,
		      size_t hdrlen, const void *value, size_t vlen)
{
	if (value != start + hdrlen || hdrlen + vlen != total)
		return cert_fail(ctx, -EBADMSG, "trailing data after certificate");
	if (start[1] == 0x80)
		return cert_fail(ctx, -EBADMSG, "indefinite length");
	return 0;
}

int tlshake_x509_note_cert(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	return cert_whole(ctx, ctx->cert->der, ctx->cert->der_len, hdrlen,
			  value, vlen);
}

int tlshake_x509_note_tbs(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	ctx->cert->tbs = (const u8 *)value - hdrlen;
	ctx->cert->tbs_len = hdrlen + vlen;
	if (ctx->cert->tbs[1] == 0x80)
		return cert_fail(ctx, -EBADMSG, "indefinite length");
	return 0;
}

int tlshake_x509_note_version(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;
	const u8 *v = value;

	if (vlen != 1 || v[0] > 2)
		return cert_fail(ctx, -EOPNOTSUPP, "unknown certificate version");
	ctx->cert->version = v[0] + 1;
	return 0;
}

int tlshake_x509_note_serial(void *context, size_t hdrlen, unsigned char tag,
			     const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	if (vlen < 1 || vlen > CERT_MAX_SERIAL)
		return cert_fail(ctx, -EBADMSG, "bad serial number");
	ctx->cert->serial = value;
	ctx->cert->serial_len = vlen;
	return 0;
}

int tlshake_x509_note_tbs_alg(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	ctx->tbs_alg = (const u8 *)value - hdrlen;
	ctx->tbs_alg_len = hdrlen + vlen;
	return 0;
}

int tlshake_x509_note_outer_alg(void *context, size_t hdrlen,
				unsigned char tag, const void *value,
				size_t vlen)
{
	struct cert_ctx *ctx = context;

	ctx->outer_alg = (const u8 *)value - hdrlen;
	ctx->outer_alg_len = hdrlen + vlen;
	return 0;
}

static int note_name(struct cert_ctx *ctx, unsigned char tag,
		     const void *value, size_t hdrlen, size_t vlen,
		     const u8 **name, u32 *name_len)
{
	if (tag != CERT_TAG_SEQUENCE)
		return cert_fail(ctx, -EBADMSG, "name is not a SEQUENCE");
	*name = (const u8 *)value - hdrlen;
	*name_len = hdrlen + vlen;
	return 0;
}

int tlshake_x509_note_issuer(void *context, size_t hdrlen, unsigned char tag,
			     const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	return note_name(ctx, tag, value, hdrlen, vlen, &ctx->cert->issuer,
			 &ctx->cert->issuer_len);
}

int tlshake_x509_note_subject(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	return note_name(ctx, tag, value, hdrlen, vlen, &ctx->cert->subject,
			 &ctx->cert->subject_len);
}

static int digits(const u8 *p, int n)
{
	int v = 0;

	while (n--) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	return v;
}

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/**
 * tlshake_cert_parse_time() - decode a validity time
 * @tag: CERT_TAG_UTC_TIME or CERT_TAG_GEN_TIME
 * @s: the content octets
 * @len: their number
 * @t: the time, in seconds since the Epoch
 *
 * Only the forms RFC 5280 4.1.2.5 allows: YYMMDDHHMMSSZ (years 1950-2049)
 * and YYYYMMDDHHMMSSZ, with seconds and no fraction.
 *
 * Return: 0, or -EBADMSG.
 */
VISIBLE_IF_KUNIT int tlshake_cert_parse_time(u8 tag, const u8 *s, size_t len,
					     time64_t *t)
{
	static const u8 mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	int year, mon, day, hour, min, sec, ylen;

	ylen = tag == CERT_TAG_UTC_TIME ? 2 : 4;
	if ((tag != CERT_TAG_UTC_TIME && tag != CERT_TAG_GEN_TIME) ||
	    len != ylen + 11 || s[len - 1] != 'Z')
		return -EBADMSG;
	year = digits(s, ylen);
	s += ylen;
	mon = digits(s, 2);
	day = digits(s + 2, 2);
	hour = digits(s + 4, 2);
	min = digits(s + 6, 2);
	sec = digits(s + 8, 2);
	if (year < 0 || mon < 1 || mon > 12 || day < 1 || hour < 0 ||
	    hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59)
		return -EBADMSG;
	if (ylen == 2)
		year += year >= 50 ? 1900 : 2000;
	if (day > mdays[mon - 1] + (mon == 2 && leap_year(year)))
		return -EBADMSG;
	*t = mktime64(year, mon, day, hour, min, sec);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_parse_time);

int tlshake_x509_note_not_before(void *context, size_t hdrlen,
				 unsigned char tag, const void *value,
				 size_t vlen)
{
	struct cert_ctx *ctx = context;

	if (tlshake_cert_parse_time(tag, value, vlen, &ctx->cert->not_before))
		return cert_fail(ctx, -EBADMSG, "bad notBefore time");
	return 0;
}

int tlshake_x509_note_not_after(void *context, size_t hdrlen,
				unsigned char tag, const void *value,
				size_t vlen)
{
	struct cert_ctx *ctx = context;

	if (tlshake_cert_parse_time(tag, value, vlen, &ctx->cert->not_after))
		return cert_fail(ctx, -EBADMSG, "bad notAfter time");
	return 0;
}

int tlshake_x509_note_signature(void *context, size_t hdrlen,
				unsigned char tag, const void *value,
				size_t vlen)
{
	struct cert_ctx *ctx = context;
	const u8 *v = value;

	/* a signature is a whole number of octets */
	if (vlen < 2 || v[0] != 0)
		return cert_fail(ctx, -EBADMSG, "bad signature BIT STRING");
	ctx->cert->sig = v + 1;
	ctx->cert->sig_len = vlen - 1;
	return 0;
}

int tlshake_x509_note_ext_oid(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	ctx->ext_oid = tlshake_oid_lookup(value, vlen);
	ctx->ext_critical = false;
	return 0;
}

int tlshake_x509_note_ext_critical(void *context, size_t hdrlen,
				   unsigned char tag, const void *value,
				   size_t vlen)
{
	struct cert_ctx *ctx = context;
	const u8 *v = value;

	if (vlen != 1 || (v[0] != 0 && v[0] != 0xff))
		return cert_fail(ctx, -EBADMSG, "bad critical flag");
	ctx->ext_critical = v[0];
	return 0;
}

int tlshake_x509_note_ext_value(void *context, size_t hdrlen,
				unsigned char tag, const void *value,
				size_t vlen)
{
	struct cert_ctx *ctx = context;

	if (ctx->cert->version != 3)
		return cert_fail(ctx, -EBADMSG, "extensions in a v1/v2 certificate");
	return tlshake_cert_parse_ext(ctx, value, vlen);
}

/* Checks and derived fields once the decoder has seen everything. */
static int cert_finish(struct cert_ctx *ctx, gfp_t gfp)
{
	struct tlshake_cert *cert = ctx->cert;
	int err;

	if (ctx->tbs_alg_len != ctx->outer_alg_len ||
	    memcmp(ctx->tbs_alg, ctx->outer_alg, ctx->tbs_alg_len))
		return cert_fail(ctx, -EBADMSG, "signature algorithms differ");
	err = tlshake_cert_parse_sigalg(ctx);
	if (err)
		return err;
	cert->issuer_str = tlshake_cert_name_str(cert->issuer,
						 cert->issuer_len, gfp);
	cert->subject_str = tlshake_cert_name_str(cert->subject,
						  cert->subject_len, gfp);
	if (IS_ERR(cert->issuer_str) || IS_ERR(cert->subject_str)) {
		err = IS_ERR(cert->issuer_str) ? PTR_ERR(cert->issuer_str) :
						 PTR_ERR(cert->subject_str);
		return cert_fail(ctx, err, err == -ENOMEM ? "out of memory" :
						"malformed name");
	}
	cert->self_issued = cert->issuer_len == cert->subject_len &&
			    !memcmp(cert->issuer, cert->subject,
				    cert->issuer_len);
	sha256(cert->der, cert->der_len, cert->fingerprint);
	return 0;
}

/**
 * tlshake_cert_parse() - parse a DER X.509 certificate
 * @der: the certificate
 * @len: its length
 * @why: set to a short description of what is wrong, on failure
 *
 * Copies @der. Unknown signature algorithms are not an error here (a trust
 * anchor's own signature is never checked); &tlshake_cert.sig_known says
 * whether the signature can be verified.
 *
 * Context: process context; allocates with GFP_KERNEL_ACCOUNT.
 * Return: the certificate, to be freed with tlshake_cert_free(), or
 * ERR_PTR(-EBADMSG) if it is malformed, ERR_PTR(-EOPNOTSUPP) if it uses a
 * key type, version or critical extension tlshake does not support,
 * ERR_PTR(-EMSGSIZE) if it is larger than 64 KiB, or ERR_PTR(-ENOMEM).
 */
struct tlshake_cert *tlshake_cert_parse(const u8 *der, size_t len,
					const char **why)
{
	const gfp_t gfp = GFP_KERNEL_ACCOUNT;
	struct cert_ctx ctx = { };
	struct tlshake_cert *cert;
	int err;

	*why = "certificate too large";
	if (len > CERT_MAX_LEN)
		return ERR_PTR(-EMSGSIZE);
	*why = "out of memory";
	cert = kzalloc(sizeof(*cert), gfp);
	if (!cert)
		return ERR_PTR(-ENOMEM);
	cert->der = kmemdup(der, len, gfp);
	if (!cert->der) {
		kfree(cert);
		return ERR_PTR(-ENOMEM);
	}
	cert->der_len = len;
	cert->version = 1;
	cert->path_len = -1;
	ctx.cert = cert;
	err = asn1_ber_decoder(&tlshake_x509_decoder, &ctx, cert->der, len);
	if (!err)
		err = cert_finish(&ctx, gfp);
	if (err) {
		*why = ctx.why ?: "malformed certificate";
		tlshake_cert_free(cert);
		return ERR_PTR(err == -ENOMEM || err == -EOPNOTSUPP ? err :
			       -EBADMSG);
	}
	*why = NULL;
	return cert;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_parse);

/**
 * tlshake_cert_free() - free a certificate from tlshake_cert_parse()
 * @cert: the certificate, or NULL (or an ERR_PTR)
 */
void tlshake_cert_free(struct tlshake_cert *cert)
{
	if (IS_ERR_OR_NULL(cert))
		return;
	if (!IS_ERR(cert->issuer_str))
		kfree(cert->issuer_str);
	if (!IS_ERR(cert->subject_str))
		kfree(cert->subject_str);
	kfree(cert->sans);
	kfree(cert->der);
	kfree(cert);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_free);

/**
 * tlshake_cert_parse_alert() - the alert for a certificate parse failure
 * @err: the errno from tlshake_cert_parse()
 *
 * Return: unsupported_certificate for -EOPNOTSUPP, internal_error for
 * -ENOMEM, bad_certificate otherwise.
 */
u8 tlshake_cert_parse_alert(int err)
{
	if (err == -EOPNOTSUPP)
		return TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE;
	if (err == -ENOMEM)
		return TLSHAKE_ALERT_INTERNAL_ERROR;
	return TLSHAKE_ALERT_BAD_CERTIFICATE;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_parse_alert);
