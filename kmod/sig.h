/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signatures: keys, TLS SignatureScheme values, sign and verify.
 *
 * Verification uses the kernel where it can (RSA PKCS#1 v1.5 and ECDSA);
 * signing, RSA-PSS and Ed25519 use tlshake's own constant-time code in
 * kmod/crypto/.
 */
#ifndef _TLSHAKE_SIG_H
#define _TLSHAKE_SIG_H

#include <linux/types.h>

/* TLS SignatureScheme code points (RFC 8446 4.2.3) */
#define TLSHAKE_SIG_RSA_PKCS1_SHA256		0x0401
#define TLSHAKE_SIG_RSA_PKCS1_SHA384		0x0501
#define TLSHAKE_SIG_RSA_PKCS1_SHA512		0x0601
#define TLSHAKE_SIG_ECDSA_SECP256R1_SHA256	0x0403
#define TLSHAKE_SIG_ECDSA_SECP384R1_SHA384	0x0503
#define TLSHAKE_SIG_RSA_PSS_RSAE_SHA256		0x0804
#define TLSHAKE_SIG_RSA_PSS_RSAE_SHA384		0x0805
#define TLSHAKE_SIG_RSA_PSS_RSAE_SHA512		0x0806
#define TLSHAKE_SIG_ED25519			0x0807

/**
 * enum tlshake_key_type - public key algorithms tlshake knows
 * @TLSHAKE_KEY_NONE: not a supported key
 * @TLSHAKE_KEY_RSA: RSA (rsaEncryption), 2048 to 4096 bits for our own
 *	keys, 1024 to 8192 bits for keys met in certificates
 * @TLSHAKE_KEY_EC_P256: ECDSA on secp256r1
 * @TLSHAKE_KEY_EC_P384: ECDSA on secp384r1
 * @TLSHAKE_KEY_ED25519: Ed25519
 */
enum tlshake_key_type {
	TLSHAKE_KEY_NONE,
	TLSHAKE_KEY_RSA,
	TLSHAKE_KEY_EC_P256,
	TLSHAKE_KEY_EC_P384,
	TLSHAKE_KEY_ED25519,
};

/**
 * enum tlshake_hash - hash functions of signature algorithms
 * @TLSHAKE_HASH_NONE: Ed25519 (hashes internally)
 * @TLSHAKE_HASH_SHA1: only to recognise and refuse it
 * @TLSHAKE_HASH_SHA256: SHA-256
 * @TLSHAKE_HASH_SHA384: SHA-384
 * @TLSHAKE_HASH_SHA512: SHA-512
 */
enum tlshake_hash {
	TLSHAKE_HASH_NONE,
	TLSHAKE_HASH_SHA1,
	TLSHAKE_HASH_SHA256,
	TLSHAKE_HASH_SHA384,
	TLSHAKE_HASH_SHA512,
};

/**
 * enum tlshake_sig_pad - how a signature is formed
 * @TLSHAKE_PAD_PKCS1: RSASSA-PKCS1-v1_5
 * @TLSHAKE_PAD_PSS: RSASSA-PSS, MGF1 with the same hash, salt = hash length
 * @TLSHAKE_PAD_ECDSA: ECDSA, signature DER-encoded (Ecdsa-Sig-Value)
 * @TLSHAKE_PAD_EDDSA: pure Ed25519
 */
enum tlshake_sig_pad {
	TLSHAKE_PAD_PKCS1,
	TLSHAKE_PAD_PSS,
	TLSHAKE_PAD_ECDSA,
	TLSHAKE_PAD_EDDSA,
};

/**
 * struct tlshake_sigalg - a signature algorithm, independent of TLS
 * @key: &enum tlshake_key_type the signature needs
 * @hash: &enum tlshake_hash
 * @pad: &enum tlshake_sig_pad
 *
 * X.509 signatures are described by this (an ECDSA signature from a P-384
 * key over SHA-256 is legal there, not in TLS 1.3).
 */
struct tlshake_sigalg {
	u8 key;
	u8 hash;
	u8 pad;
};

/**
 * struct tlshake_pubkey - a public key
 * @type: &enum tlshake_key_type
 * @bits: RSA modulus size in bits; 256 or 384 for EC; 256 for Ed25519
 * @key: RSA: the DER RSAPublicKey (SEQUENCE { n, e }), as the subjectPublicKey
 *	BIT STRING of a certificate holds it and the kernel's "rsa" akcipher
 *	takes it; EC: the uncompressed point 0x04 || X || Y; Ed25519: 32 bytes
 * @key_len: length of @key
 *
 * @key is owned by whoever filled in the structure (for certificates, the
 * certificate); tlshake_pubkey_copy() makes an independent copy.
 */
struct tlshake_pubkey {
	u8 type;
	u16 bits;
	const u8 *key;
	u32 key_len;
};

/**
 * struct tlshake_key_parts - private key material, big-endian integers
 * @type: &enum tlshake_key_type
 * @n: RSA modulus
 * @e: RSA public exponent
 * @d: RSA private exponent
 * @p: RSA first prime
 * @q: RSA second prime
 * @dp: d mod (p - 1)
 * @dq: d mod (q - 1)
 * @qinv: q^-1 mod p
 * @n_len: length of @n (likewise for the other @*_len)
 * @e_len: length of @e
 * @d_len: length of @d
 * @p_len: length of @p
 * @q_len: length of @q
 * @dp_len: length of @dp
 * @dq_len: length of @dq
 * @qinv_len: length of @qinv
 * @ec_d: EC private scalar (32 or 48 bytes) or Ed25519 seed (32 bytes)
 * @ec_d_len: length of @ec_d
 *
 * This is what tlshakectl sends over netlink (it parses PEM, PKCS#8, SEC1
 * and PKCS#1 with OpenSSL, so the kernel never parses private-key DER).
 */
struct tlshake_key_parts {
	u8 type;
	const u8 *n, *e, *d, *p, *q, *dp, *dq, *qinv;
	u32 n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
	const u8 *ec_d;
	u32 ec_d_len;
};

struct tlshake_privkey;

/* Longest RSA ciphertext or signature (an 8192-bit modulus) */
#define TLSHAKE_RSA_MAX_BYTES			1024

int tlshake_sigalg_from_scheme(u16 scheme, struct tlshake_sigalg *alg);
bool tlshake_scheme_usable(u16 scheme, const struct tlshake_pubkey *pub,
			   bool tls13);

int tlshake_verify(const struct tlshake_pubkey *pub,
		   const struct tlshake_sigalg *alg, const u8 *msg,
		   size_t msg_len, const u8 *sig, size_t sig_len);

struct tlshake_privkey *tlshake_privkey_new(const struct tlshake_key_parts *kp);
void tlshake_privkey_free(struct tlshake_privkey *key);
int tlshake_privkey_check_pub(const struct tlshake_privkey *key,
			      const struct tlshake_pubkey *pub);
size_t tlshake_sig_max_len(const struct tlshake_privkey *key);
int tlshake_sign(const struct tlshake_privkey *key,
		 const struct tlshake_sigalg *alg, const u8 *msg,
		 size_t msg_len, u8 *sig, size_t *sig_len);

/* TLS 1.2 RSA key transport (RFC 5246 7.4.7.1) */
int tlshake_rsa_encrypt_premaster(const struct tlshake_pubkey *pub,
				  const u8 *pms, u8 *out, size_t *out_len);
int tlshake_rsa_decrypt_premaster(const struct tlshake_privkey *key,
				  const u8 *ct, size_t ct_len,
				  const u8 client_version[2], u8 *pms);

#endif /* _TLSHAKE_SIG_H */
