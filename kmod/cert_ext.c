// SPDX-License-Identifier: GPL-2.0
/*
 * Certificate extensions (RFC 5280 4.2): basicConstraints, keyUsage,
 * extKeyUsage, subjectAltName (dNSName, iPAddress), subject and authority
 * key identifiers. Any other extension marked critical makes the
 * certificate unsupported (RFC 5280 4.2: "A certificate-using system MUST
 * reject the certificate if it encounters a critical extension it does
 * not recognize").
 */
#include <linux/types.h>
#include <linux/asn1_decoder.h>
#include <linux/bitrev.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "asn1/tlshake_aki-gen.h"
#include "asn1/tlshake_bc-gen.h"
#include "asn1/tlshake_eku-gen.h"
#include "asn1/tlshake_ku-gen.h"
#include "asn1/tlshake_san-gen.h"
#include "asn1/tlshake_ski-gen.h"
#include "cert_parse.h"

/* a dNSName is at most 253 characters (RFC 1035 2.3.4) */
#define CERT_DNS_NAME_MAX	253

/*
 * Each decoder below runs on the content of one extnValue OCTET STRING;
 * the "whole" actions check that the value is one complete encoding.
 */
struct ext_ctx {
	struct cert_ctx *cert_ctx;
	const u8 *data;
	size_t len;
};

static int ext_whole(void *context, size_t hdrlen, const void *value,
		     size_t vlen)
{
	struct ext_ctx *ctx = context;

	if (value != ctx->data + hdrlen || hdrlen + vlen != ctx->len)
		return cert_fail(ctx->cert_ctx, -EBADMSG,
				 "trailing data in extension");
	return 0;
}

int tlshake_bc_note_ca(void *context, size_t hdrlen, unsigned char tag,
		       const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;
	const u8 *v = value;

	if (vlen != 1)
		return cert_fail(ctx->cert_ctx, -EBADMSG, "bad cA flag");
	ctx->cert_ctx->cert->is_ca = v[0] != 0;
	return 0;
}

int tlshake_bc_note_pathlen(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;
	const u8 *v = value;

	/* 0..127 in one octet; anything larger is as good as unlimited */
	if (vlen < 1 || (v[0] & 0x80))
		return cert_fail(ctx->cert_ctx, -EBADMSG, "bad pathLenConstraint");
	ctx->cert_ctx->cert->path_len = vlen == 1 ? v[0] : INT_MAX;
	return 0;
}

int tlshake_bc_note_whole(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	return ext_whole(context, hdrlen, value, vlen);
}

int tlshake_ku_note(void *context, size_t hdrlen, unsigned char tag,
		    const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;
	const u8 *v = value;
	u16 bits;

	if (vlen < 2 || vlen > 3 || v[0] > 7)
		return cert_fail(ctx->cert_ctx, -EBADMSG, "bad keyUsage");
	/* bit 0 (digitalSignature) is the most significant bit */
	bits = bitrev8(v[1]) | (vlen == 3 ? bitrev8(v[2]) << 8 : 0);
	ctx->cert_ctx->cert->key_usage = bits;
	return ext_whole(context, hdrlen, value, vlen);
}

int tlshake_eku_note_purpose(void *context, size_t hdrlen, unsigned char tag,
			     const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;
	struct tlshake_cert *cert = ctx->cert_ctx->cert;

	switch (tlshake_oid_lookup(value, vlen)) {
	case TLSHAKE_OID_KP_SERVER_AUTH:
		cert->eku |= TLSHAKE_EKU_SERVER_AUTH;
		break;
	case TLSHAKE_OID_KP_CLIENT_AUTH:
		cert->eku |= TLSHAKE_EKU_CLIENT_AUTH;
		break;
	case TLSHAKE_OID_KP_ANY:
		cert->eku |= TLSHAKE_EKU_ANY;
		break;
	default:
		break;
	}
	return 0;
}

int tlshake_eku_note_whole(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	return ext_whole(context, hdrlen, value, vlen);
}

static int san_add(struct ext_ctx *ctx, u8 type, const void *value,
		   size_t vlen)
{
	struct cert_ctx *cc = ctx->cert_ctx;
	struct tlshake_cert *cert = cc->cert;
	struct tlshake_san *sans;

	if (cert->nr_sans == cc->sans_cap) {
		u32 cap = cc->sans_cap ? 2 * cc->sans_cap : 8;

		sans = krealloc_array(cert->sans, cap, sizeof(*sans),
				      GFP_KERNEL_ACCOUNT);
		if (!sans)
			return cert_fail(cc, -ENOMEM, "out of memory");
		cert->sans = sans;
		cc->sans_cap = cap;
	}
	cert->sans[cert->nr_sans++] = (struct tlshake_san) {
		.type = type, .len = vlen, .data = value,
	};
	return 0;
}

int tlshake_san_note_dns(void *context, size_t hdrlen, unsigned char tag,
			 const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;
	const u8 *v = value;
	size_t i;

	if (vlen < 1 || vlen > CERT_DNS_NAME_MAX)
		return cert_fail(ctx->cert_ctx, -EBADMSG, "bad dNSName length");
	for (i = 0; i < vlen; i++)
		if (v[i] < 0x21 || v[i] > 0x7e)
			return cert_fail(ctx->cert_ctx, -EBADMSG,
					 "dNSName is not printable ASCII");
	return san_add(ctx, TLSHAKE_SAN_DNS, value, vlen);
}

int tlshake_san_note_ip(void *context, size_t hdrlen, unsigned char tag,
			const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;

	if (vlen != 4 && vlen != 16)
		return cert_fail(ctx->cert_ctx, -EBADMSG, "bad iPAddress length");
	return san_add(ctx, TLSHAKE_SAN_IP, value, vlen);
}

int tlshake_san_note_whole(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	return ext_whole(context, hdrlen, value, vlen);
}

int tlshake_aki_note_kid(void *context, size_t hdrlen, unsigned char tag,
			 const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;

	ctx->cert_ctx->cert->aki = value;
	ctx->cert_ctx->cert->aki_len = vlen;
	return 0;
}

int tlshake_aki_note_whole(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	return ext_whole(context, hdrlen, value, vlen);
}

int tlshake_ski_note(void *context, size_t hdrlen, unsigned char tag,
		     const void *value, size_t vlen)
{
	struct ext_ctx *ctx = context;

	ctx->cert_ctx->cert->ski = value;
	ctx->cert_ctx->cert->ski_len = vlen;
	return ext_whole(context, hdrlen, value, vlen);
}

static const struct asn1_decoder *ext_decoder(struct tlshake_cert *cert,
					      enum tlshake_oid oid)
{
	switch (oid) {
	case TLSHAKE_OID_BASIC_CONSTRAINTS:
		cert->has_bc = true;
		return &tlshake_bc_decoder;
	case TLSHAKE_OID_KEY_USAGE:
		cert->has_ku = true;
		return &tlshake_ku_decoder;
	case TLSHAKE_OID_EXT_KEY_USAGE:
		cert->has_eku = true;
		return &tlshake_eku_decoder;
	case TLSHAKE_OID_SUBJECT_ALT_NAME:
		return &tlshake_san_decoder;
	case TLSHAKE_OID_AUTHORITY_KEY_ID:
		return &tlshake_aki_decoder;
	case TLSHAKE_OID_SUBJECT_KEY_ID:
		return &tlshake_ski_decoder;
	default:
		return NULL;
	}
}

/**
 * tlshake_cert_parse_ext() - decode one extension's value
 * @ctx: the decoding state, with the extension's OID and critical flag
 * @val: the extnValue content
 * @len: its length
 *
 * Return: 0; -EBADMSG if the value is malformed or the extension appears
 * twice; -EOPNOTSUPP if it is critical and not one tlshake processes;
 * -ENOMEM.
 */
int tlshake_cert_parse_ext(struct cert_ctx *ctx, const u8 *val, size_t len)
{
	struct ext_ctx ext = { .cert_ctx = ctx, .data = val, .len = len };
	const struct asn1_decoder *dec;
	int err;

	BUILD_BUG_ON(TLSHAKE_OID__NR > 64);
	if (ctx->ext_oid != TLSHAKE_OID_UNKNOWN) {
		if (ctx->ext_seen & BIT_ULL(ctx->ext_oid))
			return cert_fail(ctx, -EBADMSG, "duplicate extension");
		ctx->ext_seen |= BIT_ULL(ctx->ext_oid);
	}
	dec = ext_decoder(ctx->cert, ctx->ext_oid);
	if (!dec) {
		if (ctx->ext_critical)
			return cert_fail(ctx, -EOPNOTSUPP,
					 "unsupported critical extension");
		return 0;
	}
	err = asn1_ber_decoder(dec, &ext, val, len);
	if (err)
		return cert_fail(ctx, err, "malformed extension");
	if (ctx->cert->has_bc && !ctx->cert->is_ca)
		ctx->cert->path_len = -1;
	return 0;
}
