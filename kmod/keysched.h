/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TLS 1.3 key schedule (RFC 8446 7.1-7.5).
 *
 * One struct tlshake_ks per connection walks the stages of RFC 8446 7.1:
 *
 *   tlshake_ks_early()       Early Secret (PSK or none), binder key
 *   tlshake_ks_early_traffic() client_early_traffic_secret, early exporter
 *   tlshake_ks_handshake()   Handshake Secret from the (EC)DHE secret,
 *                            client/server handshake traffic secrets
 *   tlshake_ks_master()      Master Secret, application traffic secrets,
 *                            exporter master secret
 *   tlshake_ks_resumption()  resumption master secret
 *
 * in that order (early_traffic is optional). Each stage's secret replaces
 * (and wipes) the previous one. The derived secrets are kept in the
 * structure, named by &enum tlshake_ks_secret, until the caller forgets
 * them or frees the schedule; traffic keys are derived from them on
 * demand and handed straight to the record layer by tlshake_ks_install().
 *
 * The transcript hashes passed in are Transcript-Hash() values of
 * tlshake_transcript_hash(), HashLen bytes each.
 *
 * Calls on one schedule must be serialized; only tlshake_ks_init() and
 * tlshake_ks_install() allocate (GFP_KERNEL, process context).
 */
#ifndef _TLSHAKE_KEYSCHED_H
#define _TLSHAKE_KEYSCHED_H

#include <linux/types.h>

#include "suite.h"

struct crypto_shash;
struct tlshake_rec_dir;

/**
 * enum tlshake_ks_secret - secrets the key schedule derives
 * @TLSHAKE_KS_BINDER: binder_key ("ext binder" or "res binder")
 * @TLSHAKE_KS_C_E_TRAFFIC: client_early_traffic_secret
 * @TLSHAKE_KS_E_EXP_MASTER: early_exporter_master_secret
 * @TLSHAKE_KS_C_HS_TRAFFIC: client_handshake_traffic_secret
 * @TLSHAKE_KS_S_HS_TRAFFIC: server_handshake_traffic_secret
 * @TLSHAKE_KS_C_AP_TRAFFIC: client_application_traffic_secret_N
 * @TLSHAKE_KS_S_AP_TRAFFIC: server_application_traffic_secret_N
 * @TLSHAKE_KS_EXP_MASTER: exporter_master_secret
 * @TLSHAKE_KS_RES_MASTER: resumption_master_secret
 * @TLSHAKE_KS_NSECRETS: number of secrets
 */
enum tlshake_ks_secret {
	TLSHAKE_KS_BINDER,
	TLSHAKE_KS_C_E_TRAFFIC,
	TLSHAKE_KS_E_EXP_MASTER,
	TLSHAKE_KS_C_HS_TRAFFIC,
	TLSHAKE_KS_S_HS_TRAFFIC,
	TLSHAKE_KS_C_AP_TRAFFIC,
	TLSHAKE_KS_S_AP_TRAFFIC,
	TLSHAKE_KS_EXP_MASTER,
	TLSHAKE_KS_RES_MASTER,
	TLSHAKE_KS_NSECRETS,
};

/**
 * enum tlshake_ks_stage - how far the schedule has gone
 * @TLSHAKE_KS_STAGE_NONE: nothing derived
 * @TLSHAKE_KS_STAGE_EARLY: @secret is the Early Secret
 * @TLSHAKE_KS_STAGE_HANDSHAKE: @secret is the Handshake Secret
 * @TLSHAKE_KS_STAGE_MASTER: @secret is the Master Secret
 * @TLSHAKE_KS_STAGE_DONE: resumption secret derived, @secret wiped
 */
enum tlshake_ks_stage {
	TLSHAKE_KS_STAGE_NONE,
	TLSHAKE_KS_STAGE_EARLY,
	TLSHAKE_KS_STAGE_HANDSHAKE,
	TLSHAKE_KS_STAGE_MASTER,
	TLSHAKE_KS_STAGE_DONE,
};

/**
 * struct tlshake_ks - TLS 1.3 key schedule state
 * @suite: the negotiated cipher suite
 * @hmac: HMAC transform of the suite's hash
 * @hash: the suite's hash
 * @hash_len: its output length (HashLen)
 * @stage: &enum tlshake_ks_stage
 * @have: bit i set when secret i (&enum tlshake_ks_secret) is derived
 * @empty_hash: Hash("") (the context of the "derived" secrets)
 * @secret: the current stage's secret
 * @secrets: the derived secrets
 */
struct tlshake_ks {
	const struct tlshake_suite *suite;
	struct crypto_shash *hmac;
	struct crypto_shash *hash;
	unsigned int hash_len;
	u8 stage;
	u16 have;
	u8 empty_hash[TLSHAKE_MAX_HASH_LEN];
	u8 secret[TLSHAKE_MAX_HASH_LEN];
	u8 secrets[TLSHAKE_KS_NSECRETS][TLSHAKE_MAX_HASH_LEN];
};

int tlshake_ks_init(struct tlshake_ks *ks, const struct tlshake_suite *suite);
void tlshake_ks_free(struct tlshake_ks *ks);

int tlshake_ks_early(struct tlshake_ks *ks, const u8 *psk, size_t psk_len,
		     bool external);
int tlshake_ks_early_traffic(struct tlshake_ks *ks, const u8 *th_ch);
int tlshake_ks_handshake(struct tlshake_ks *ks, const u8 *dhe, size_t dhe_len,
			 const u8 *th_sh);
int tlshake_ks_master(struct tlshake_ks *ks, const u8 *th_sfin);
int tlshake_ks_resumption(struct tlshake_ks *ks, const u8 *th_cfin);

const u8 *tlshake_ks_secret(const struct tlshake_ks *ks,
			    enum tlshake_ks_secret which);
void tlshake_ks_forget(struct tlshake_ks *ks, enum tlshake_ks_secret which);

int tlshake_ks_traffic_keys(struct tlshake_ks *ks,
			    enum tlshake_ks_secret which, u8 *key, u8 *iv);
int tlshake_ks_install(struct tlshake_ks *ks, enum tlshake_ks_secret which,
		       struct tlshake_rec_dir *dir);
int tlshake_ks_update(struct tlshake_ks *ks, enum tlshake_ks_secret which);

int tlshake_ks_finished(struct tlshake_ks *ks, enum tlshake_ks_secret base,
			const u8 *th, u8 *verify_data);
int tlshake_ks_check_finished(struct tlshake_ks *ks,
			      enum tlshake_ks_secret base, const u8 *th,
			      const u8 *verify_data, size_t len);

int tlshake_ks_resumption_psk(struct tlshake_ks *ks, const u8 *nonce,
			      size_t nonce_len, u8 *psk);
int tlshake_ks_export(struct tlshake_ks *ks, enum tlshake_ks_secret which,
		      const char *label, const u8 *context, size_t ctx_len,
		      u8 *out, size_t out_len);

#endif /* _TLSHAKE_KEYSCHED_H */
