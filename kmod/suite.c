// SPDX-License-Identifier: GPL-2.0
/*
 * The cipher suite table. Each AEAD and hash is described once by a set of
 * constants; the suites are built from them by macros, and the constants
 * are checked at compile time against the bounds the rest of tlshake sizes
 * its buffers with and against the kernel's kTLS uapi, so that keys handed
 * to kTLS have the layout it expects.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/tls.h>
#include <kunit/visibility.h>

#include "suite.h"

/*
 * AEADs: crypto API name, key length, TLS 1.2 fixed IV (the implicit part
 * of the nonce from the key block) and record IV (the explicit part sent
 * in each record, RFC 5288 3; none for ChaCha20-Poly1305, RFC 7905 2),
 * tag length, usage limit and kTLS cipher type. TLS 1.3 always uses a
 * 12-byte IV from the key schedule.
 */
#define AES_128_GCM_ALG		"gcm(aes)"
#define AES_128_GCM_KEY		16
#define AES_128_GCM_FIXED_IV	4
#define AES_128_GCM_RECORD_IV	8
#define AES_128_GCM_TAG		16
#define AES_128_GCM_LIMIT	TLSHAKE_GCM_RECORD_LIMIT
#define AES_128_GCM_KTLS	TLS_CIPHER_AES_GCM_128

#define AES_256_GCM_ALG		"gcm(aes)"
#define AES_256_GCM_KEY		32
#define AES_256_GCM_FIXED_IV	4
#define AES_256_GCM_RECORD_IV	8
#define AES_256_GCM_TAG		16
#define AES_256_GCM_LIMIT	TLSHAKE_GCM_RECORD_LIMIT
#define AES_256_GCM_KTLS	TLS_CIPHER_AES_GCM_256

#define CHACHA20_POLY1305_ALG		"rfc7539(chacha20,poly1305)"
#define CHACHA20_POLY1305_KEY		32
#define CHACHA20_POLY1305_FIXED_IV	12
#define CHACHA20_POLY1305_RECORD_IV	0
#define CHACHA20_POLY1305_TAG		16
#define CHACHA20_POLY1305_LIMIT		TLSHAKE_SEQ_WRAP_LIMIT
#define CHACHA20_POLY1305_KTLS		TLS_CIPHER_CHACHA20_POLY1305

#define SHA256_ALG	"sha256"
#define SHA256_LEN	32
#define SHA384_ALG	"sha384"
#define SHA384_LEN	48

/* Our bounds, and the layout kTLS expects (its salt + iv are our nonce) */
#define CHECK_AEAD(A, KTLS)						\
	static_assert((A ## _KEY) <= TLSHAKE_MAX_KEY_LEN &&		\
		      (A ## _TAG) == TLSHAKE_AEAD_TAG_LEN &&		\
		      (A ## _FIXED_IV + A ## _RECORD_IV) ==		\
		      TLSHAKE_AEAD_NONCE_LEN &&				\
		      (KTLS ## _KEY_SIZE) == (A ## _KEY) &&		\
		      (KTLS ## _TAG_SIZE) == (A ## _TAG) &&		\
		      (KTLS ## _SALT_SIZE + KTLS ## _IV_SIZE) ==	\
		      (A ## _FIXED_IV + A ## _RECORD_IV))

CHECK_AEAD(AES_128_GCM, TLS_CIPHER_AES_GCM_128);
CHECK_AEAD(AES_256_GCM, TLS_CIPHER_AES_GCM_256);
CHECK_AEAD(CHACHA20_POLY1305, TLS_CIPHER_CHACHA20_POLY1305);
static_assert(SHA256_LEN <= TLSHAKE_MAX_HASH_LEN);
static_assert(SHA384_LEN <= TLSHAKE_MAX_HASH_LEN);
/* floor(2^24.5): its square is below 2^49, the next integer's is not */
static_assert(TLSHAKE_GCM_RECORD_LIMIT * TLSHAKE_GCM_RECORD_LIMIT <
	      (1ULL << 49));
static_assert((TLSHAKE_GCM_RECORD_LIMIT + 1) * (TLSHAKE_GCM_RECORD_LIMIT + 1) >
	      (1ULL << 49));

#define SUITE(_id, _ver, _kx, a, h, _fixed_iv, _record_iv) {		\
	.name = #_id,							\
	.aead = a##_ALG,						\
	.hash = h##_ALG,						\
	.hmac = "hmac(" h##_ALG ")",					\
	.record_limit = a##_LIMIT,					\
	.id = TLSHAKE_##_id,						\
	.version = TLSHAKE_VERSION_##_ver,				\
	.ktls_cipher = a##_KTLS,					\
	.kx = TLSHAKE_KX_##_kx,						\
	.key_len = a##_KEY,						\
	.fixed_iv_len = _fixed_iv,					\
	.record_iv_len = _record_iv,					\
	.tag_len = a##_TAG,						\
	.hash_len = h##_LEN,						\
}

#define SUITE13(id, a, h)						\
	SUITE(id, TLS13, TLS13, a, h, TLSHAKE_AEAD_NONCE_LEN, 0)
#define SUITE12(id, kx, a, h)						\
	SUITE(id, TLS12, kx, a, h, a##_FIXED_IV, a##_RECORD_IV)

/* In order of preference. */
static const struct tlshake_suite tlshake_suites[] = {
	SUITE13(TLS_AES_128_GCM_SHA256, AES_128_GCM, SHA256),
	SUITE13(TLS_AES_256_GCM_SHA384, AES_256_GCM, SHA384),
	SUITE13(TLS_CHACHA20_POLY1305_SHA256, CHACHA20_POLY1305, SHA256),
	SUITE12(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ECDHE_ECDSA,
		AES_128_GCM, SHA256),
	SUITE12(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ECDHE_RSA,
		AES_128_GCM, SHA256),
	SUITE12(TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE_ECDSA,
		AES_256_GCM, SHA384),
	SUITE12(TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ECDHE_RSA,
		AES_256_GCM, SHA384),
	SUITE12(TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE_ECDSA,
		CHACHA20_POLY1305, SHA256),
	SUITE12(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE_RSA,
		CHACHA20_POLY1305, SHA256),
	SUITE12(TLS_RSA_WITH_AES_128_GCM_SHA256, RSA, AES_128_GCM, SHA256),
	SUITE12(TLS_RSA_WITH_AES_256_GCM_SHA384, RSA, AES_256_GCM, SHA384),
};

/**
 * tlshake_suite_find() - look up a cipher suite
 * @id: CipherSuite code point
 * @tls13: the version in use: TLS 1.3 (true) or TLS 1.2
 *
 * A TLS 1.3 suite is never valid in TLS 1.2 and the reverse.
 *
 * Return: the suite, or NULL if tlshake does not implement @id for that
 * version.
 */
const struct tlshake_suite *tlshake_suite_find(u16 id, bool tls13)
{
	u16 version = tls13 ? TLSHAKE_VERSION_TLS13 : TLSHAKE_VERSION_TLS12;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tlshake_suites); i++) {
		if (tlshake_suites[i].id == id &&
		    tlshake_suites[i].version == version)
			return &tlshake_suites[i];
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_suite_find);

/**
 * tlshake_suite_get() - iterate over the suites in order of preference
 * @i: index, from 0
 *
 * Return: the @i-th suite (TLS 1.3 and TLS 1.2 suites mixed; filter on
 * &tlshake_suite.version), or NULL past the end.
 */
const struct tlshake_suite *tlshake_suite_get(unsigned int i)
{
	return i < ARRAY_SIZE(tlshake_suites) ? &tlshake_suites[i] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_suite_get);
