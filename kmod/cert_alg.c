// SPDX-License-Identifier: GPL-2.0
/*
 * Signature algorithms of certificates (RFC 5280 4.1.1.2, RFC 4055 for
 * RSASSA-PSS, RFC 5758 for ECDSA, RFC 8410 for Ed25519).
 */
#include <linux/types.h>
#include <linux/asn1_decoder.h>

#include "asn1/tlshake_algid-gen.h"
#include "asn1/tlshake_pss-gen.h"
#include "cert_parse.h"

struct algid_ctx {
	enum tlshake_oid oid;
	const u8 *params;
	u32 params_len;
	u8 params_tag;
	bool params_present;
};

int tlshake_algid_note_oid(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct algid_ctx *ctx = context;

	ctx->oid = tlshake_oid_lookup(value, vlen);
	return 0;
}

int tlshake_algid_note_params(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	struct algid_ctx *ctx = context;

	ctx->params = (const u8 *)value - hdrlen;
	ctx->params_len = hdrlen + vlen;
	ctx->params_tag = tag;
	ctx->params_present = true;
	return 0;
}

int tlshake_algid_note_whole(void *context, size_t hdrlen, unsigned char tag,
			     const void *value, size_t vlen)
{
	return 0;
}

struct pss_ctx {
	enum tlshake_oid hash, mgf, mgf_hash;
	int salt;
	bool bad;
};

/* a small non-negative INTEGER, or -1 */
static int small_uint(const u8 *v, size_t len)
{
	if (len < 1 || len > 2 || (v[0] & 0x80) || (len == 2 && !v[0]))
		return -1;
	return len == 1 ? v[0] : (v[0] << 8) | v[1];
}

int tlshake_pss_note_hash(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct pss_ctx *ctx = context;

	ctx->hash = tlshake_oid_lookup(value, vlen);
	return 0;
}

int tlshake_pss_note_mgf(void *context, size_t hdrlen, unsigned char tag,
			 const void *value, size_t vlen)
{
	struct pss_ctx *ctx = context;

	ctx->mgf = tlshake_oid_lookup(value, vlen);
	return 0;
}

int tlshake_pss_note_mgf_hash(void *context, size_t hdrlen,
			      unsigned char tag, const void *value,
			      size_t vlen)
{
	struct pss_ctx *ctx = context;

	ctx->mgf_hash = tlshake_oid_lookup(value, vlen);
	return 0;
}

int tlshake_pss_note_salt(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct pss_ctx *ctx = context;

	ctx->salt = small_uint(value, vlen);
	return 0;
}

int tlshake_pss_note_trailer(void *context, size_t hdrlen, unsigned char tag,
			     const void *value, size_t vlen)
{
	struct pss_ctx *ctx = context;

	if (small_uint(value, vlen) != 1)
		ctx->bad = true;
	return 0;
}

int tlshake_pss_note_whole(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	return 0;
}

static u8 hash_of(enum tlshake_oid oid, int *len)
{
	switch (oid) {
	case TLSHAKE_OID_SHA256:
		*len = 32;
		return TLSHAKE_HASH_SHA256;
	case TLSHAKE_OID_SHA384:
		*len = 48;
		return TLSHAKE_HASH_SHA384;
	case TLSHAKE_OID_SHA512:
		*len = 64;
		return TLSHAKE_HASH_SHA512;
	default:
		*len = 0;
		return TLSHAKE_HASH_NONE;
	}
}

/*
 * RSASSA-PSS is usable only in the form TLS 1.3 uses: SHA-256/384/512, MGF1
 * with the same hash, salt as long as the hash, trailer 1. Defaults (SHA-1)
 * are refused, so the parameters cannot be absent.
 */
static bool pss_params(const struct algid_ctx *aid, struct tlshake_sigalg *alg)
{
	struct pss_ctx ctx = { .salt = 20 };
	int hlen;

	if (!aid->params_present || aid->params_tag != CERT_TAG_SEQUENCE ||
	    asn1_ber_decoder(&tlshake_pss_decoder, &ctx, aid->params,
			     aid->params_len))
		return false;
	alg->hash = hash_of(ctx.hash, &hlen);
	return !ctx.bad && hlen && ctx.mgf == TLSHAKE_OID_MGF1 &&
	       ctx.mgf_hash == ctx.hash && ctx.salt == hlen;
}

static bool null_or_absent(const struct algid_ctx *aid)
{
	return !aid->params_present ||
	       (aid->params_tag == CERT_TAG_NULL && aid->params_len == 2);
}

static void set_alg(struct tlshake_sigalg *alg, u8 key, u8 hash, u8 pad)
{
	alg->key = key;
	alg->hash = hash;
	alg->pad = pad;
}

/* Fill @alg from @aid; false if tlshake cannot verify it. */
static bool sigalg_of(const struct algid_ctx *aid, struct tlshake_sigalg *alg)
{
	switch (aid->oid) {
	case TLSHAKE_OID_SHA256_WITH_RSA:
	case TLSHAKE_OID_SHA384_WITH_RSA:
	case TLSHAKE_OID_SHA512_WITH_RSA:
		set_alg(alg, TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA256 +
			aid->oid - TLSHAKE_OID_SHA256_WITH_RSA,
			TLSHAKE_PAD_PKCS1);
		return null_or_absent(aid);
	case TLSHAKE_OID_ECDSA_SHA256:
	case TLSHAKE_OID_ECDSA_SHA384:
	case TLSHAKE_OID_ECDSA_SHA512:
		/* the curve is the signer's; any of them with any hash */
		set_alg(alg, TLSHAKE_KEY_EC_P256, TLSHAKE_HASH_SHA256 +
			aid->oid - TLSHAKE_OID_ECDSA_SHA256, TLSHAKE_PAD_ECDSA);
		return !aid->params_present;
	case TLSHAKE_OID_RSASSA_PSS:
		set_alg(alg, TLSHAKE_KEY_RSA, TLSHAKE_HASH_NONE,
			TLSHAKE_PAD_PSS);
		return pss_params(aid, alg);
	case TLSHAKE_OID_ED25519:
		set_alg(alg, TLSHAKE_KEY_ED25519, TLSHAKE_HASH_NONE,
			TLSHAKE_PAD_EDDSA);
		return !aid->params_present;
	default:
		return false;
	}
}

/**
 * tlshake_cert_parse_sigalg() - identify the certificate's signature algorithm
 * @ctx: the decoding state, with @ctx->tbs_alg set
 *
 * Sets &tlshake_cert.sig_alg and sig_known, and sig_weak for MD5 and SHA-1
 * signatures. An algorithm tlshake does not know is not an error.
 *
 * Return: 0, or -EBADMSG if the AlgorithmIdentifier is malformed.
 */
int tlshake_cert_parse_sigalg(struct cert_ctx *ctx)
{
	struct tlshake_cert *cert = ctx->cert;
	struct algid_ctx aid = { };

	if (asn1_ber_decoder(&tlshake_algid_decoder, &aid, ctx->tbs_alg,
			     ctx->tbs_alg_len))
		return cert_fail(ctx, -EBADMSG, "malformed signature algorithm");
	cert->sig_weak = aid.oid == TLSHAKE_OID_MD5_WITH_RSA ||
			 aid.oid == TLSHAKE_OID_SHA1_WITH_RSA ||
			 aid.oid == TLSHAKE_OID_ECDSA_SHA1;
	cert->sig_known = sigalg_of(&aid, &cert->sig_alg);
	return 0;
}
