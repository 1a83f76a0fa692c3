/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ed25519 (RFC 8032 5.1, pure Ed25519): key derivation and signing,
 * constant time in the secret key, and strict verification.
 */
#ifndef _TLSHAKE_CRYPTO_ED25519_H
#define _TLSHAKE_CRYPTO_ED25519_H

#include "port.h"

#define ED25519_SEED_LEN	32
#define ED25519_PUB_LEN		32
#define ED25519_SIG_LEN		64

int ed25519_public_from_seed(const u8 seed[32], u8 pub[32]);
int ed25519_sign(const u8 seed[32], const u8 pub[32], const u8 *msg,
		 size_t len, u8 sig[64]);
int ed25519_verify(const u8 pub[32], const u8 *msg, size_t len,
		   const u8 sig[64]);

#endif /* _TLSHAKE_CRYPTO_ED25519_H */
