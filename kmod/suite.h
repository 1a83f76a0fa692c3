/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cipher suites tlshake implements: one table (suite.c), looked up by the
 * code point the peer sent and the protocol version in use.
 */
#ifndef _TLSHAKE_SUITE_H
#define _TLSHAKE_SUITE_H

#include <linux/types.h>

/* TLS 1.3 cipher suites (RFC 8446 B.4) */
#define TLSHAKE_TLS_AES_128_GCM_SHA256			0x1301
#define TLSHAKE_TLS_AES_256_GCM_SHA384			0x1302
#define TLSHAKE_TLS_CHACHA20_POLY1305_SHA256		0x1303

/* TLS 1.2 cipher suites (RFC 5288, RFC 5289, RFC 7905) */
#define TLSHAKE_TLS_RSA_WITH_AES_128_GCM_SHA256		0x009c
#define TLSHAKE_TLS_RSA_WITH_AES_256_GCM_SHA384		0x009d
#define TLSHAKE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256	0xc02b
#define TLSHAKE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384	0xc02c
#define TLSHAKE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256	0xc02f
#define TLSHAKE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384	0xc030
#define TLSHAKE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256	0xcca8
#define TLSHAKE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 0xcca9

/* ProtocolVersion values */
#define TLSHAKE_VERSION_TLS12		0x0303
#define TLSHAKE_VERSION_TLS13		0x0304

/* Upper bounds over every suite, for buffers sized at compile time. */
#define TLSHAKE_MAX_KEY_LEN		32
#define TLSHAKE_MAX_HASH_LEN		48
#define TLSHAKE_AEAD_NONCE_LEN		12	/* RFC 8446 5.3, RFC 5116 */
#define TLSHAKE_AEAD_TAG_LEN		16

/*
 * AES-GCM may protect at most 2^24.5 records under one key (RFC 8446 5.5);
 * this is that bound rounded down. ChaCha20-Poly1305 is limited only by
 * the 64-bit sequence number.
 */
#define TLSHAKE_GCM_RECORD_LIMIT	23726566ULL
#define TLSHAKE_SEQ_WRAP_LIMIT		U64_MAX

/**
 * enum tlshake_kx - TLS 1.2 key exchange of a suite
 * @TLSHAKE_KX_TLS13: none in the suite (TLS 1.3 negotiates it separately)
 * @TLSHAKE_KX_ECDHE_ECDSA: ECDHE, server signs with an ECDSA key
 * @TLSHAKE_KX_ECDHE_RSA: ECDHE, server signs with an RSA key
 * @TLSHAKE_KX_RSA: RSA key transport (no forward secrecy)
 */
enum tlshake_kx {
	TLSHAKE_KX_TLS13,
	TLSHAKE_KX_ECDHE_ECDSA,
	TLSHAKE_KX_ECDHE_RSA,
	TLSHAKE_KX_RSA,
};

/**
 * struct tlshake_suite - a cipher suite and everything derived from it
 * @name: IANA name, for logs
 * @aead: crypto API name of the AEAD
 * @hash: crypto API name of the transcript/PRF hash
 * @hmac: crypto API name of HMAC over @hash
 * @record_limit: records one key may protect (the first sequence number
 *	that must not be used)
 * @id: CipherSuite code point
 * @version: TLSHAKE_VERSION_TLS13 or TLSHAKE_VERSION_TLS12
 * @ktls_cipher: the matching TLS_CIPHER_* of the kernel's kTLS uapi
 * @kx: &enum tlshake_kx
 * @key_len: AEAD key length
 * @fixed_iv_len: IV bytes from the key schedule: 12 (TLS 1.3, and TLS 1.2
 *	ChaCha20-Poly1305), 4 (the TLS 1.2 AES-GCM salt)
 * @record_iv_len: explicit nonce carried in each record: 8 for TLS 1.2
 *	AES-GCM, else 0
 * @tag_len: AEAD tag length
 * @hash_len: output length of @hash
 */
struct tlshake_suite {
	const char *name;
	const char *aead;
	const char *hash;
	const char *hmac;
	u64 record_limit;
	u16 id;
	u16 version;
	u16 ktls_cipher;
	u8 kx;
	u8 key_len;
	u8 fixed_iv_len;
	u8 record_iv_len;
	u8 tag_len;
	u8 hash_len;
};

const struct tlshake_suite *tlshake_suite_find(u16 id, bool tls13);
const struct tlshake_suite *tlshake_suite_get(unsigned int i);

#endif /* _TLSHAKE_SUITE_H */
