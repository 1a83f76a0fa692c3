/* SPDX-License-Identifier: GPL-2.0 */
/*
 * After a TLS 1.3 handshake: KeyUpdate in both directions and the other
 * post-handshake messages (NewSessionTicket).
 */
#ifndef _TLSHAKE_KEYUPDATE_H
#define _TLSHAKE_KEYUPDATE_H

#include <linux/types.h>

#include "suite.h"

struct crypto_shash;
struct tlshake_ks;
struct tlshake_sock;

/**
 * struct tlshake_post13 - TLS 1.3 secrets kept after the handshake
 * @suite: the cipher suite
 * @hash_len: its hash length
 * @rx_hmac: HMAC transform for the receive side (under the rx lock)
 * @tx_hmac: HMAC transform for the send side (under the tx lock)
 * @rx_secret: the peer's current application traffic secret
 * @tx_secret: our current application traffic secret
 * @res_master: resumption_master_secret (rx side: tickets)
 *
 * Each direction has its own transform so that the receive path never
 * waits for the send lock (a blocked writer must not stop a reader).
 */
struct tlshake_post13 {
	const struct tlshake_suite *suite;
	unsigned int hash_len;
	struct crypto_shash *rx_hmac;
	struct crypto_shash *tx_hmac;
	u8 rx_secret[TLSHAKE_MAX_HASH_LEN];
	u8 tx_secret[TLSHAKE_MAX_HASH_LEN];
	u8 res_master[TLSHAKE_MAX_HASH_LEN];
};

int tlshake_post13_init(struct tlshake_sock *ts, const struct tlshake_ks *ks,
			bool server);
void tlshake_post13_free(struct tlshake_sock *ts);
int tlshake_keyupdate_send(struct tlshake_sock *ts);
int tlshake_keyupdate_request(struct tlshake_sock *ts, u32 request_peer);
int tlshake_post_handshake(struct tlshake_sock *ts, const u8 *data,
			   size_t len);

#endif /* _TLSHAKE_KEYUPDATE_H */
