// SPDX-License-Identifier: GPL-2.0
/*
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7): RSA (RFC 8017), EC keys on
 * P-256 and P-384 with named curves (RFC 5480), Ed25519 (RFC 8410).
 */
#include <linux/types.h>
#include <linux/asn1_decoder.h>
#include <linux/bitops.h>

#include "asn1/tlshake_rsapub-gen.h"
#include "asn1/tlshake_x509-gen.h"
#include "cert_parse.h"

/* RSA sizes accepted in certificates (sig.h) */
#define CERT_RSA_MIN_BITS	1024
#define CERT_RSA_MAX_BITS	8192

/**
 * tlshake_asn1_uint() - the magnitude of a positive INTEGER
 * @p: its content octets
 * @len: their number; set to the magnitude's length
 *
 * Return: @p without its sign octet, or NULL if the INTEGER is empty,
 * negative, zero or not minimally encoded.
 */
const u8 *tlshake_asn1_uint(const u8 *p, size_t *len)
{
	if (*len < 1 || (p[0] & 0x80))
		return NULL;
	if (p[0] == 0) {
		if (*len < 2 || !(p[1] & 0x80))
			return NULL;
		p++;
		(*len)--;
	}
	return p;
}

struct rsapub_ctx {
	const u8 *n, *e;
	size_t n_len, e_len;
};

int tlshake_rsapub_note_n(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct rsapub_ctx *ctx = context;

	ctx->n_len = vlen;
	ctx->n = tlshake_asn1_uint(value, &ctx->n_len);
	return ctx->n ? 0 : -EBADMSG;
}

int tlshake_rsapub_note_e(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct rsapub_ctx *ctx = context;

	ctx->e_len = vlen;
	ctx->e = tlshake_asn1_uint(value, &ctx->e_len);
	return ctx->e ? 0 : -EBADMSG;
}

int tlshake_rsapub_note_whole(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	return 0;
}

static int rsa_key(struct cert_ctx *ctx, const u8 *key, size_t len)
{
	struct tlshake_cert *cert = ctx->cert;
	struct rsapub_ctx rsa = { };
	unsigned int bits;

	if (ctx->key_params && (ctx->key_params_tag != CERT_TAG_NULL ||
				ctx->key_params_len))
		return cert_fail(ctx, -EBADMSG, "bad RSA key parameters");
	if (asn1_ber_decoder(&tlshake_rsapub_decoder, &rsa, key, len) ||
	    (size_t)(rsa.e + rsa.e_len - key) != len)
		return cert_fail(ctx, -EBADMSG, "malformed RSA public key");
	bits = (rsa.n_len - 1) * 8 + fls(rsa.n[0]);
	if (bits < CERT_RSA_MIN_BITS || bits > CERT_RSA_MAX_BITS)
		return cert_fail(ctx, -EOPNOTSUPP, "unsupported RSA key size");
	/* an even or tiny exponent is not an RSA key */
	if (rsa.e_len > 8 || !(rsa.e[rsa.e_len - 1] & 1) ||
	    (rsa.e_len == 1 && rsa.e[0] < 3))
		return cert_fail(ctx, -EBADMSG, "bad RSA public exponent");
	cert->pub.type = TLSHAKE_KEY_RSA;
	cert->pub.bits = bits;
	cert->rsa_n = rsa.n;
	cert->rsa_n_len = rsa.n_len;
	cert->rsa_e = rsa.e;
	cert->rsa_e_len = rsa.e_len;
	return 0;
}

static int ec_key(struct cert_ctx *ctx, const u8 *key, size_t len)
{
	struct tlshake_pubkey *pub = &ctx->cert->pub;
	enum tlshake_oid curve = TLSHAKE_OID_UNKNOWN;

	if (ctx->key_params && ctx->key_params_tag == CERT_TAG_OID)
		curve = tlshake_oid_lookup(ctx->key_params,
					   ctx->key_params_len);
	if (curve == TLSHAKE_OID_PRIME256V1) {
		pub->type = TLSHAKE_KEY_EC_P256;
		pub->bits = 256;
	} else if (curve == TLSHAKE_OID_SECP384R1) {
		pub->type = TLSHAKE_KEY_EC_P384;
		pub->bits = 384;
	} else {
		return cert_fail(ctx, -EOPNOTSUPP, "unsupported EC curve");
	}
	/* uncompressed points only (RFC 8422 5.1.2) */
	if (len != 1 + 2 * pub->bits / 8 || key[0] != 0x04)
		return cert_fail(ctx, -EOPNOTSUPP, "unsupported EC point format");
	return 0;
}

static int ed25519_key(struct cert_ctx *ctx, const u8 *key, size_t len)
{
	if (ctx->key_params)
		return cert_fail(ctx, -EBADMSG, "Ed25519 key with parameters");
	if (len != 32)
		return cert_fail(ctx, -EBADMSG, "bad Ed25519 key length");
	ctx->cert->pub.type = TLSHAKE_KEY_ED25519;
	ctx->cert->pub.bits = 256;
	return 0;
}

int tlshake_x509_note_key_oid(void *context, size_t hdrlen, unsigned char tag,
			      const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;

	ctx->key_oid = tlshake_oid_lookup(value, vlen);
	return 0;
}

int tlshake_x509_note_key_params(void *context, size_t hdrlen,
				 unsigned char tag, const void *value,
				 size_t vlen)
{
	struct cert_ctx *ctx = context;

	ctx->key_params = value;
	ctx->key_params_len = vlen;
	ctx->key_params_tag = tag;
	return 0;
}

int tlshake_x509_note_key(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct cert_ctx *ctx = context;
	const u8 *v = value;
	int err;

	if (vlen < 2 || v[0] != 0)
		return cert_fail(ctx, -EBADMSG, "bad public key BIT STRING");
	v++;
	vlen--;
	switch (ctx->key_oid) {
	case TLSHAKE_OID_RSA_ENCRYPTION:
		err = rsa_key(ctx, v, vlen);
		break;
	case TLSHAKE_OID_EC_PUBLIC_KEY:
		err = ec_key(ctx, v, vlen);
		break;
	case TLSHAKE_OID_ED25519:
		err = ed25519_key(ctx, v, vlen);
		break;
	default:
		return cert_fail(ctx, -EOPNOTSUPP, "unsupported public key type");
	}
	if (err)
		return err;
	ctx->cert->pub.key = v;
	ctx->cert->pub.key_len = vlen;
	return 0;
}

/**
 * tlshake_rsa_pub_parts() - modulus and exponent of an RSA public key
 * @pub: the key (&tlshake_pubkey.key is a DER RSAPublicKey)
 * @n: set to the modulus, without leading zero octets
 * @n_len: its length
 * @e: set to the public exponent, likewise
 * @e_len: its length
 *
 * Return: 0, -EINVAL if @pub is not RSA, -EBADMSG if it is malformed.
 */
int tlshake_rsa_pub_parts(const struct tlshake_pubkey *pub, const u8 **n,
			  u32 *n_len, const u8 **e, u32 *e_len)
{
	struct rsapub_ctx rsa = { };

	if (pub->type != TLSHAKE_KEY_RSA)
		return -EINVAL;
	if (asn1_ber_decoder(&tlshake_rsapub_decoder, &rsa, pub->key,
			     pub->key_len))
		return -EBADMSG;
	*n = rsa.n;
	*n_len = rsa.n_len;
	*e = rsa.e;
	*e_len = rsa.e_len;
	return 0;
}
