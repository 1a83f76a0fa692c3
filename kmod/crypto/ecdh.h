/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ephemeral ECDH on P-256 and P-384 (SP 800-56A 5.7.1.2, SEC 1 3.3.1),
 * constant time in the private scalar.
 *
 * Encodings are those of TLS (RFC 8446 4.2.8.2, RFC 8422 5.4): private
 * keys are big-endian scalars of the curve's size, public keys the
 * uncompressed point 0x04 || X || Y, the shared secret the big-endian X
 * coordinate of the product, of the field's size.
 *
 * Sizes come from ecdsa.h: ec_scalar_len() (32, 48) is also the secret's
 * length, ec_point_len() (65, 97) the public key's.
 */
#ifndef _TLSHAKE_CRYPTO_ECDH_H
#define _TLSHAKE_CRYPTO_ECDH_H

#include "ecdsa.h"

/* the longest shared secret: a P-384 X coordinate */
#define ECDH_MAX_SECRET_LEN	EC_MAX_BYTES

int ecdh_keypair(enum ec_curve_id c, u8 *priv, u8 *pub);
int ecdh_shared(enum ec_curve_id c, const u8 *priv, const u8 *peer,
		size_t peer_len, u8 *secret);

#endif /* _TLSHAKE_CRYPTO_ECDH_H */
