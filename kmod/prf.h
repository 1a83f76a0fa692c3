/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TLS 1.2 key derivation: the PRF (RFC 5246 5), the master secret
 * (RFC 5246 8.1) or extended master secret (RFC 7627 4), the key block
 * (RFC 5246 6.3, with the AEAD IV lengths of RFC 5288 3 and RFC 7905 2)
 * and Finished (RFC 5246 7.4.9).
 *
 * One struct tlshake_prf per TLS 1.2 connection holds the PRF's HMAC and
 * the master secret. Calls on it must be serialized; only
 * tlshake_prf_init() and tlshake_prf_install() allocate (GFP_KERNEL).
 */
#ifndef _TLSHAKE_PRF_H
#define _TLSHAKE_PRF_H

#include <linux/types.h>

#include "suite.h"

struct crypto_shash;
struct tlshake_rec_dir;

#define TLSHAKE_RANDOM_LEN		32
#define TLSHAKE_MASTER_SECRET_LEN	48
#define TLSHAKE_VERIFY_DATA_LEN		12	/* RFC 5246 7.4.9 */

/**
 * struct tlshake_prf - TLS 1.2 key derivation state
 * @suite: the negotiated cipher suite
 * @hmac: HMAC of the suite's PRF hash
 * @have_master: @master is set
 * @master: the master secret
 */
struct tlshake_prf {
	const struct tlshake_suite *suite;
	struct crypto_shash *hmac;
	bool have_master;
	u8 master[TLSHAKE_MASTER_SECRET_LEN];
};

/**
 * struct tlshake_key_block - the AEAD part of a TLS 1.2 key block
 * @client_key: client_write_key (&tlshake_suite.key_len bytes)
 * @server_key: server_write_key
 * @client_iv: client_write_IV (&tlshake_suite.fixed_iv_len bytes)
 * @server_iv: server_write_IV
 *
 * The caller wipes it (memzero_explicit()) after use.
 */
struct tlshake_key_block {
	u8 client_key[TLSHAKE_MAX_KEY_LEN];
	u8 server_key[TLSHAKE_MAX_KEY_LEN];
	u8 client_iv[TLSHAKE_AEAD_NONCE_LEN];
	u8 server_iv[TLSHAKE_AEAD_NONCE_LEN];
};

int tlshake_prf(struct crypto_shash *hmac, const u8 *secret, size_t secret_len,
		const char *label, const u8 *seed, size_t seed_len, u8 *out,
		size_t out_len);

int tlshake_prf_init(struct tlshake_prf *p, const struct tlshake_suite *suite);
void tlshake_prf_free(struct tlshake_prf *p);
int tlshake_prf_master(struct tlshake_prf *p, const u8 *pms, size_t pms_len,
		       const u8 *client_random, const u8 *server_random);
int tlshake_prf_extended_master(struct tlshake_prf *p, const u8 *pms,
				size_t pms_len, const u8 *session_hash);
int tlshake_prf_set_master(struct tlshake_prf *p, const u8 *master,
			   size_t len);
int tlshake_prf_key_block(struct tlshake_prf *p, const u8 *client_random,
			  const u8 *server_random,
			  struct tlshake_key_block *kb);
int tlshake_prf_install(struct tlshake_prf *p, const u8 *client_random,
			const u8 *server_random, bool client_write,
			struct tlshake_rec_dir *dir);
int tlshake_prf_finished(struct tlshake_prf *p, bool client,
			 const u8 *handshake_hash, u8 *verify_data);
int tlshake_prf_check_finished(struct tlshake_prf *p, bool client,
			       const u8 *handshake_hash, const u8 *verify_data,
			       size_t len);

#endif /* _TLSHAKE_PRF_H */
