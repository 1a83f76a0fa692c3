/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HMAC, HKDF (RFC 5869) and the TLS 1.3 HKDF-Expand-Label and
 * Derive-Secret (RFC 8446 7.1), over a crypto_shash "hmac(sha256)" or
 * "hmac(sha384)" transform.
 *
 * Every function sets the key of @hmac: a transform belongs to one user
 * (one connection's key schedule) and must not be shared between threads.
 * The hash length is crypto_shash_digestsize(@hmac). All functions may be
 * called in any context the shash may (they do not sleep or allocate).
 */
#ifndef _TLSHAKE_HKDF_H
#define _TLSHAKE_HKDF_H

#include <linux/types.h>

struct crypto_shash;

/* HkdfLabel.label is "tls13 " + Label, at most 255 bytes */
#define TLSHAKE_HKDF_LABEL_MAX	(255 - 6)

int tlshake_hmac(struct crypto_shash *hmac, const u8 *key, size_t key_len,
		 const u8 *data, size_t len, u8 *out);
int tlshake_hkdf_extract(struct crypto_shash *hmac, const u8 *salt,
			 size_t salt_len, const u8 *ikm, size_t ikm_len,
			 u8 *prk);
int tlshake_hkdf_expand(struct crypto_shash *hmac, const u8 *prk,
			size_t prk_len, const u8 *info, size_t info_len,
			u8 *okm, size_t okm_len);
int tlshake_hkdf_expand_label(struct crypto_shash *hmac, const u8 *secret,
			      const char *label, const u8 *ctx, size_t ctx_len,
			      u8 *out, size_t out_len);
int tlshake_hkdf_derive_secret(struct crypto_shash *hmac, const u8 *secret,
			       const char *label, const u8 *th, u8 *out);

#endif /* _TLSHAKE_HKDF_H */
