/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ECDSA on P-256 and P-384 (FIPS 186-5, SEC 1): constant-time signing with
 * RFC 6979 nonces hedged with fresh randomness, and verification of
 * DER-encoded signatures.
 *
 * Keys and signatures use the encodings of TLS and X.509: private keys are
 * big-endian scalars of the curve's size, public keys uncompressed points
 * 0x04 || X || Y, signatures DER Ecdsa-Sig-Value SEQUENCE { r, s }.
 */
#ifndef _TLSHAKE_CRYPTO_ECDSA_H
#define _TLSHAKE_CRYPTO_ECDSA_H

#include "ec.h"

/* the longest DER signature: P-384, 2 + 2 (2 + 1 + 48) */
#define ECDSA_MAX_SIG_LEN	104

size_t ec_scalar_len(enum ec_curve_id c);
size_t ec_point_len(enum ec_curve_id c);
size_t ecdsa_sig_max_len(enum ec_curve_id c);
int ec_check_private(enum ec_curve_id c, const u8 *d);
int ec_public_from_private(enum ec_curve_id c, const u8 *d, u8 *pub);
int ecdsa_sign(enum ec_curve_id c, const u8 *d, const u8 *digest, size_t dlen,
	       u8 *sig, size_t *sig_len);
int ecdsa_sign_rfc6979(enum ec_curve_id c, const u8 *d, const u8 *digest,
		       size_t dlen, const u8 *extra, size_t extra_len, u8 *sig,
		       size_t *sig_len);
int ecdsa_verify(enum ec_curve_id c, const u8 *pub, size_t pub_len,
		 const u8 *digest, size_t dlen, const u8 *sig, size_t sig_len);

#endif /* _TLSHAKE_CRYPTO_ECDSA_H */
