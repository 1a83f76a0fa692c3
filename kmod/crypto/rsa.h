/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RSA for TLS: constant-time private operations (CRT, base blinding, fault
 * check) for PKCS#1 v1.5 and PSS signatures and the TLS 1.2 RSA key
 * transport; PKCS#1 v1.5 and PSS verification and PKCS#1 v1.5 encryption.
 *
 * Integers are unsigned big-endian byte strings; leading zero bytes are
 * allowed everywhere (so DER INTEGER contents can be passed as they are).
 */
#ifndef _TLSHAKE_CRYPTO_RSA_H
#define _TLSHAKE_CRYPTO_RSA_H

#include "port.h"

#define RSA_PRIV_MIN_BITS	2048
#define RSA_PRIV_MAX_BITS	4096
#define RSA_PUB_MIN_BITS	1024
#define RSA_PUB_MAX_BITS	8192
#define RSA_MAX_E_BYTES		8	/* public exponents below 2^64 */
#define RSA_TLS_PREMASTER_LEN	48

struct rsa_priv;

struct rsa_priv *rsa_priv_new(const u8 *n, size_t n_len, const u8 *e,
			      size_t e_len, const u8 *d, size_t d_len,
			      const u8 *p, size_t p_len, const u8 *q,
			      size_t q_len, const u8 *dp, size_t dp_len,
			      const u8 *dq, size_t dq_len, const u8 *qinv,
			      size_t qinv_len);
void rsa_priv_free(struct rsa_priv *k);
size_t rsa_priv_len(const struct rsa_priv *k);
int rsa_pub_check(const struct rsa_priv *k, const u8 *n, size_t n_len,
		  const u8 *e, size_t e_len);

int rsa_sign_pkcs1(const struct rsa_priv *k, enum port_hash h,
		   const u8 *digest, u8 *sig);
int rsa_sign_pss(const struct rsa_priv *k, enum port_hash h,
		 const u8 *digest, u8 *sig);
int rsa_verify_pkcs1(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		     enum port_hash h, const u8 *digest, const u8 *sig,
		     size_t sig_len);
int rsa_verify_pss(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		   enum port_hash h, const u8 *digest, const u8 *sig,
		   size_t sig_len);

int rsa_encrypt_pkcs1(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		      const u8 *msg, size_t len, u8 *out);
void rsa_decrypt_tls_premaster(const struct rsa_priv *k, const u8 *ct,
			       size_t ct_len, const u8 client_version[2],
			       u8 premaster[RSA_TLS_PREMASTER_LEN]);

#endif /* _TLSHAKE_CRYPTO_RSA_H */
