// SPDX-License-Identifier: GPL-2.0
/*
 * HKDF (RFC 5869) and the TLS 1.3 labels on top of it (RFC 8446 7.1).
 *
 * The 6.12 kernel has no HKDF: it is built here on a keyed
 * crypto_shash. Intermediate blocks are secret and are wiped before
 * returning; the shash descriptor lives on the stack and is zeroed too.
 */
#include <crypto/hash.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "hkdf.h"
#include "suite.h"

/**
 * tlshake_hmac() - HMAC of one buffer
 * @hmac: the HMAC transform (keyed by this call)
 * @key: the key
 * @key_len: its length
 * @data: the message
 * @len: its length
 * @out: digestsize bytes of MAC
 *
 * Return: 0, or the errno of the shash (-EINVAL for a key it refuses).
 */
int tlshake_hmac(struct crypto_shash *hmac, const u8 *key, size_t key_len,
		 const u8 *data, size_t len, u8 *out)
{
	int err;

	err = crypto_shash_setkey(hmac, key, key_len);
	if (err)
		return err;
	return crypto_shash_tfm_digest(hmac, data, len, out);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_hmac);

/**
 * tlshake_hkdf_extract() - HKDF-Extract(salt, IKM)
 * @hmac: the HMAC transform
 * @salt: the salt; NULL or empty means HashLen zero bytes
 * @salt_len: its length
 * @ikm: the input keying material
 * @ikm_len: its length
 * @out: HashLen bytes of pseudorandom key
 *
 * Return: 0, or the errno of the shash.
 */
int tlshake_hkdf_extract(struct crypto_shash *hmac, const u8 *salt,
			 size_t salt_len, const u8 *ikm, size_t ikm_len,
			 u8 *out)
{
	static const u8 zeros[TLSHAKE_MAX_HASH_LEN];

	if (!salt_len) {
		salt = zeros;
		salt_len = crypto_shash_digestsize(hmac);
	}
	return tlshake_hmac(hmac, salt, salt_len, ikm, ikm_len, out);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_hkdf_extract);

/* T(i) = HMAC(PRK, T(i-1) || info || i); @desc is keyed with PRK */
static int expand_block(struct shash_desc *desc, u8 *t, bool first,
			const u8 *info, size_t info_len, u8 i)
{
	unsigned int hlen = crypto_shash_digestsize(desc->tfm);
	int err;

	err = crypto_shash_init(desc);
	if (!err && !first)
		err = crypto_shash_update(desc, t, hlen);
	if (!err && info_len)
		err = crypto_shash_update(desc, info, info_len);
	if (!err)
		err = crypto_shash_finup(desc, &i, 1, t);
	return err;
}

/**
 * tlshake_hkdf_expand() - HKDF-Expand(PRK, info, L)
 * @hmac: the HMAC transform
 * @prk: the pseudorandom key, at least HashLen bytes
 * @prk_len: its length
 * @info: context and application specific information (may be empty)
 * @info_len: its length
 * @okm: @okm_len bytes of output keying material
 * @okm_len: L, at most 255 * HashLen
 *
 * Return: 0; -EINVAL if @okm_len exceeds 255 * HashLen or @prk is shorter
 * than HashLen (RFC 5869 2.3); or the errno of the shash. On error @okm
 * is zeroed.
 */
int tlshake_hkdf_expand(struct crypto_shash *hmac, const u8 *prk,
			size_t prk_len, const u8 *info, size_t info_len,
			u8 *okm, size_t okm_len)
{
	unsigned int hlen = crypto_shash_digestsize(hmac);
	SHASH_DESC_ON_STACK(desc, hmac);
	u8 t[TLSHAKE_MAX_HASH_LEN];
	size_t done, n;
	int err;
	u8 i;

	if (okm_len > 255 * hlen || prk_len < hlen || hlen > sizeof(t)) {
		memzero_explicit(okm, okm_len);
		return -EINVAL;
	}
	err = crypto_shash_setkey(hmac, prk, prk_len);
	desc->tfm = hmac;
	for (i = 1, done = 0; !err && done < okm_len; i++, done += n) {
		err = expand_block(desc, t, i == 1, info, info_len, i);
		n = min_t(size_t, hlen, okm_len - done);
		memcpy(okm + done, t, n);
	}
	if (err)
		memzero_explicit(okm, okm_len);
	shash_desc_zero(desc);
	memzero_explicit(t, sizeof(t));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_hkdf_expand);

/**
 * tlshake_hkdf_expand_label() - HKDF-Expand-Label (RFC 8446 7.1)
 * @hmac: the HMAC transform
 * @secret: HashLen bytes of secret
 * @label: the label without the "tls13 " prefix, NUL-terminated, at most
 *	TLSHAKE_HKDF_LABEL_MAX bytes
 * @ctx: the context (may be NULL if @ctx_len is 0)
 * @ctx_len: its length, at most 255
 * @out: @out_len bytes of output
 * @out_len: the length, at most 255 * HashLen
 *
 * Return: 0; -EINVAL if a length is out of range; or the errno of the
 * shash. On error @out is zeroed.
 */
int tlshake_hkdf_expand_label(struct crypto_shash *hmac, const u8 *secret,
			      const char *label, const u8 *ctx, size_t ctx_len,
			      u8 *out, size_t out_len)
{
	static const char prefix[] = "tls13 ";
	size_t label_len = strnlen(label, TLSHAKE_HKDF_LABEL_MAX + 1);
	/* struct HkdfLabel: uint16 length, opaque label<7..255>,
	 * opaque context<0..255>
	 */
	u8 info[2 + 1 + 255 + 1 + 255];
	size_t n = 0;

	if (label_len > TLSHAKE_HKDF_LABEL_MAX || ctx_len > 255 ||
	    out_len > U16_MAX) {
		memzero_explicit(out, out_len);
		return -EINVAL;
	}
	put_unaligned_be16(out_len, info);
	n += 2;
	info[n++] = sizeof(prefix) - 1 + label_len;
	memcpy(info + n, prefix, sizeof(prefix) - 1);
	n += sizeof(prefix) - 1;
	memcpy(info + n, label, label_len);
	n += label_len;
	info[n++] = ctx_len;
	if (ctx_len)
		memcpy(info + n, ctx, ctx_len);
	n += ctx_len;
	return tlshake_hkdf_expand(hmac, secret, crypto_shash_digestsize(hmac),
				   info, n, out, out_len);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_hkdf_expand_label);

/**
 * tlshake_hkdf_derive_secret() - Derive-Secret (RFC 8446 7.1)
 * @hmac: the HMAC transform
 * @secret: HashLen bytes of secret
 * @label: the label without the "tls13 " prefix
 * @th: Transcript-Hash(Messages), HashLen bytes
 * @out: HashLen bytes of derived secret
 *
 * Return: 0, or an errno of tlshake_hkdf_expand_label().
 */
int tlshake_hkdf_derive_secret(struct crypto_shash *hmac, const u8 *secret,
			       const char *label, const u8 *th, u8 *out)
{
	unsigned int hlen = crypto_shash_digestsize(hmac);

	return tlshake_hkdf_expand_label(hmac, secret, label, th, hlen, out,
					 hlen);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_hkdf_derive_secret);
