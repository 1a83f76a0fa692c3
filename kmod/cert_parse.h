/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to the certificate parser (cert*.c): the state the ASN.1 actions
 * share while one certificate is decoded.
 */
#ifndef _TLSHAKE_CERT_PARSE_H
#define _TLSHAKE_CERT_PARSE_H

#include <linux/errno.h>
#include <linux/types.h>

#include "cert.h"
#include "oid.h"

/**
 * struct cert_ctx - decoding state of one certificate
 * @cert: the certificate being filled in
 * @why: what was wrong with it, for the first failure
 * @tbs_alg: signature AlgorithmIdentifier inside tbsCertificate (DER TLV)
 * @tbs_alg_len: its length
 * @outer_alg: signatureAlgorithm of the Certificate (DER TLV)
 * @outer_alg_len: its length
 * @key_oid: SubjectPublicKeyInfo algorithm
 * @key_params: its parameters (content octets), or NULL if absent
 * @key_params_len: their length
 * @key_params_tag: their tag
 * @ext_oid: extension being decoded
 * @ext_critical: its critical flag
 * @ext_seen: extensions seen so far, a bit per &enum tlshake_oid
 * @sans_cap: slots allocated in @cert->sans
 */
struct cert_ctx {
	struct tlshake_cert *cert;
	const char *why;
	const u8 *tbs_alg;
	u32 tbs_alg_len;
	const u8 *outer_alg;
	u32 outer_alg_len;
	enum tlshake_oid key_oid;
	const u8 *key_params;
	u32 key_params_len;
	u8 key_params_tag;
	enum tlshake_oid ext_oid;
	bool ext_critical;
	u64 ext_seen;
	u32 sans_cap;
};

/* Record the first reason a certificate is refused and return @err. */
static inline int cert_fail(struct cert_ctx *ctx, int err, const char *why)
{
	if (!ctx->why)
		ctx->why = why;
	return err;
}

/* ASN.1 tags (universal class) */
#define CERT_TAG_BOOLEAN	0x01
#define CERT_TAG_INTEGER	0x02
#define CERT_TAG_BIT_STRING	0x03
#define CERT_TAG_NULL		0x05
#define CERT_TAG_OID		0x06
#define CERT_TAG_UTF8		0x0c
#define CERT_TAG_PRINTABLE	0x13
#define CERT_TAG_T61		0x14
#define CERT_TAG_IA5		0x16
#define CERT_TAG_UTC_TIME	0x17
#define CERT_TAG_GEN_TIME	0x18
#define CERT_TAG_UNIVERSAL	0x1c
#define CERT_TAG_BMP		0x1e
#define CERT_TAG_SEQUENCE	0x30

int tlshake_cert_parse_sigalg(struct cert_ctx *ctx);
int tlshake_cert_parse_ext(struct cert_ctx *ctx, const u8 *val, size_t len);
char *tlshake_cert_name_str(const u8 *name, size_t len, gfp_t gfp);
const u8 *tlshake_asn1_uint(const u8 *p, size_t *len);

#endif /* _TLSHAKE_CERT_PARSE_H */
