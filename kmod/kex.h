/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ephemeral (EC)DHE key exchange for TLS 1.3 key_share and TLS 1.2
 * ServerKeyExchange/ClientKeyExchange: X25519 (RFC 7748) through the
 * kernel's KPP API, secp256r1 and secp384r1 (RFC 8446 4.2.8.2, RFC 8422
 * 5.4) through tlshake's constant-time ECDH (crypto/ecdh.c).
 *
 * Public keys are in TLS encoding: X25519 32 bytes; NIST curves the
 * uncompressed point 0x04 || X || Y. Shared secrets: X25519 32 bytes; NIST
 * curves the X coordinate (32 or 48 bytes).
 *
 * The private key lives only inside the KPP transform (X25519) or in
 * struct tlshake_kex (NIST curves); tlshake_kex_derive() destroys it once
 * the secret is computed: a key pair is used once. Calls allocate
 * (GFP_KERNEL) and may sleep.
 */
#ifndef _TLSHAKE_KEX_H
#define _TLSHAKE_KEX_H

#include <linux/types.h>

struct crypto_kpp;

/* NamedGroup code points (RFC 8446 4.2.7) */
#define TLSHAKE_GROUP_SECP256R1		0x0017
#define TLSHAKE_GROUP_SECP384R1		0x0018
#define TLSHAKE_GROUP_X25519		0x001d

#define TLSHAKE_KEX_MAX_PUBLIC		97	/* 0x04 || X || Y on P-384 */
#define TLSHAKE_KEX_MAX_SECRET		48	/* P-384 X coordinate */
#define TLSHAKE_KEX_MAX_PRIVATE		48	/* P-384 scalar */

/**
 * struct tlshake_kex - one ephemeral key pair
 * @kpp: X25519: the KPP transform holding the private key; NULL for the
 *	NIST curves and once used
 * @group: the NamedGroup
 * @priv_len: NIST curves: length of @priv; 0 for X25519 and once used
 * @pub_len: length of @pub
 * @priv: NIST curves: the private scalar, big-endian; wiped once used
 * @pub: our public key, TLS encoding
 */
struct tlshake_kex {
	struct crypto_kpp *kpp;
	u16 group;
	u8 priv_len;
	u8 pub_len;
	u8 priv[TLSHAKE_KEX_MAX_PRIVATE];
	u8 pub[TLSHAKE_KEX_MAX_PUBLIC];
};

bool tlshake_kex_supported(u16 group);
int tlshake_kex_init(struct tlshake_kex *kx, u16 group);
int tlshake_kex_init_key(struct tlshake_kex *kx, u16 group, const u8 *priv,
			 size_t priv_len);
const u8 *tlshake_kex_public(const struct tlshake_kex *kx, size_t *len);
int tlshake_kex_derive(struct tlshake_kex *kx, const u8 *peer,
		       size_t peer_len, u8 *out, size_t *out_len, u8 *alert);
void tlshake_kex_free(struct tlshake_kex *kx);

#endif /* _TLSHAKE_KEX_H */
