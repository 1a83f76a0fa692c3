/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RSA signature encodings (RFC 8017 section 9): EMSA-PKCS1-v1_5 and
 * EMSA-PSS with MGF1, salt length = hash length. Used by rsa.c only.
 */
#ifndef _TLSHAKE_CRYPTO_RSA_PAD_H
#define _TLSHAKE_CRYPTO_RSA_PAD_H

#include "port.h"

int rsa_pkcs1_sig_encode(u8 *em, size_t k, enum port_hash h,
			 const u8 *digest);
int rsa_pss_encode(u8 *em, size_t k, size_t bits, enum port_hash h,
		   const u8 *digest);
int rsa_pss_verify_em(u8 *em, size_t k, size_t bits, enum port_hash h,
		      const u8 *digest);

#endif /* _TLSHAKE_CRYPTO_RSA_PAD_H */
