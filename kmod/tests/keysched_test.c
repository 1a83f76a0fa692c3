// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the TLS 1.3 key schedule and transcript against the
 * traces of RFC 8448: from the trace's private keys and handshake
 * messages, every secret, key, IV, Finished value and protected record is
 * recomputed and compared byte for byte.
 *
 *   section 3: full handshake, X25519, TLS_AES_128_GCM_SHA256, records
 *   section 4: resumption with 0-RTT: PSK, binder, early traffic
 *   section 5: HelloRetryRequest transcript, then P-256
 *
 * The exporter is checked against values OpenSSL computed.
 */
#include <crypto/hash.h>
#include <kunit/test.h>
#include <linux/slab.h>

#include "alert.h"
#include "kex.h"
#include "keysched.h"
#include "record.h"
#include "resume.h"
#include "suite.h"
#include "transcript.h"
#include "util.h"
#include "vectors/ossl13.h"
#include "vectors/rfc8448.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define EXPECT_TV(test, got, tv) do {					\
	const struct tlshake_tv *__tv = (tv);				\
									\
	KUNIT_EXPECT_MEMEQ(test, got, __tv->p, __tv->len);		\
} while (0)

static void ks_free_action(void *ks)
{
	tlshake_ks_free(ks);
}

static void tr_free_action(void *tr)
{
	tlshake_transcript_free(tr);
}

static void kex_free_action(void *kx)
{
	tlshake_kex_free(kx);
}

static const struct tlshake_suite *aes128(void)
{
	return tlshake_suite_find(TLSHAKE_TLS_AES_128_GCM_SHA256, true);
}

static struct tlshake_ks *test_ks(struct kunit *test)
{
	struct tlshake_ks *ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ks);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ks_free_action,
							   ks));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_init(ks, aes128()));
	return ks;
}

/* A transcript, still buffering (the hash is not known yet). */
static struct tlshake_transcript *test_tr(struct kunit *test)
{
	struct tlshake_transcript *tr;

	tr = kunit_kzalloc(test, sizeof(*tr), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tr);
	tlshake_transcript_init(tr);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, tr_free_action,
							   tr));
	return tr;
}

static void add(struct kunit *test, struct tlshake_transcript *tr,
		const struct tlshake_tv *msg)
{
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_add(tr, msg->p, msg->len));
}

static void hash(struct kunit *test, struct tlshake_transcript *tr, u8 *th)
{
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_hash(tr, th));
}

/*
 * One side of an ECDHE exchange from the trace's private key: our public
 * key and the shared secret must match the trace.
 */
static void ecdhe_side(struct kunit *test, u16 group,
		       const struct tlshake_tv *priv,
		       const struct tlshake_tv *pub,
		       const struct tlshake_tv *peer,
		       const struct tlshake_tv *shared)
{
	struct tlshake_kex *kx = kunit_kzalloc(test, sizeof(*kx), GFP_KERNEL);
	u8 secret[TLSHAKE_KEX_MAX_SECRET];
	size_t len;
	u8 alert;

	KUNIT_ASSERT_NOT_NULL(test, kx);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   kex_free_action,
							   kx));
	KUNIT_ASSERT_EQ(test, 0,
			tlshake_kex_init_key(kx, group, priv->p, priv->len));
	KUNIT_ASSERT_EQ(test, pub->len, (size_t)kx->pub_len);
	KUNIT_EXPECT_MEMEQ(test, tlshake_kex_public(kx, &len), pub->p,
			   pub->len);
	KUNIT_ASSERT_EQ(test, 0, tlshake_kex_derive(kx, peer->p, peer->len,
						    secret, &len, &alert));
	KUNIT_EXPECT_EQ(test, alert, TLSHAKE_ALERT_NONE);
	KUNIT_ASSERT_EQ(test, len, shared->len);
	KUNIT_EXPECT_MEMEQ(test, secret, shared->p, len);
}

static void expect_keys(struct kunit *test, struct tlshake_ks *ks,
			enum tlshake_ks_secret which,
			const struct tlshake_tv *key,
			const struct tlshake_tv *iv)
{
	u8 k[TLSHAKE_MAX_KEY_LEN], v[TLSHAKE_AEAD_NONCE_LEN];

	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_traffic_keys(ks, which, k, v));
	EXPECT_TV(test, k, key);
	EXPECT_TV(test, v, iv);
}

static void expect_finished(struct kunit *test, struct tlshake_ks *ks,
			    enum tlshake_ks_secret base, const u8 *th,
			    const struct tlshake_tv *want)
{
	u8 vd[TLSHAKE_MAX_HASH_LEN], bad[TLSHAKE_MAX_HASH_LEN];

	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_finished(ks, base, th, vd));
	EXPECT_TV(test, vd, want);
	KUNIT_EXPECT_EQ(test, 0, tlshake_ks_check_finished(ks, base, th,
							   want->p,
							   want->len));
	memcpy(bad, want->p, want->len);
	bad[want->len - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			tlshake_ks_check_finished(ks, base, th, bad,
						  want->len));
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			tlshake_ks_check_finished(ks, base, th, want->p,
						  want->len - 1));
}

/* A Finished message is 20 00 00 HashLen || verify_data. */
static void expect_finished_msg(struct kunit *test,
				const struct tlshake_tv *msg,
				const struct tlshake_tv *verify_data)
{
	KUNIT_ASSERT_EQ(test, msg->len, 4 + verify_data->len);
	KUNIT_EXPECT_EQ(test, msg->p[0], 20);
	KUNIT_EXPECT_MEMEQ(test, msg->p + 4, verify_data->p, verify_data->len);
}

/* RFC 8448 3: every secret of a full handshake, from the private keys. */
static void rfc8448_full_handshake(struct kunit *test)
{
	struct tlshake_transcript *tr = test_tr(test);
	struct tlshake_ks *ks = test_ks(test);
	u8 th[TLSHAKE_MAX_HASH_LEN], psk[TLSHAKE_MAX_HASH_LEN];

	ecdhe_side(test, TLSHAKE_GROUP_X25519, &s3_client_priv, &s3_client_pub,
		   &s3_server_pub, &s3_dhe);
	ecdhe_side(test, TLSHAKE_GROUP_X25519, &s3_server_priv, &s3_server_pub,
		   &s3_client_pub, &s3_dhe);

	add(test, tr, &s3_ch);		/* before the suite is known */
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, "sha256",
							     false));
	add(test, tr, &s3_sh);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_early(ks, NULL, 0, false));
	EXPECT_TV(test, ks->secret, &s3_early);
	KUNIT_EXPECT_NULL(test, tlshake_ks_secret(ks, TLSHAKE_KS_BINDER));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_handshake(ks, s3_dhe.p, s3_dhe.len,
						      th));
	EXPECT_TV(test, ks->secret, &s3_hs);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_HS_TRAFFIC),
		  &s3_c_hs);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_HS_TRAFFIC),
		  &s3_s_hs);
	expect_keys(test, ks, TLSHAKE_KS_S_HS_TRAFFIC, &s3_s_hs_key,
		    &s3_s_hs_iv);
	expect_keys(test, ks, TLSHAKE_KS_C_HS_TRAFFIC, &s3_c_hs_key,
		    &s3_c_hs_iv);

	add(test, tr, &s3_ee);
	add(test, tr, &s3_cert);
	add(test, tr, &s3_cv);
	hash(test, tr, th);
	expect_finished(test, ks, TLSHAKE_KS_S_HS_TRAFFIC, th, &s3_s_fin);
	expect_finished_msg(test, &s3_sfin_msg, &s3_s_fin);
	add(test, tr, &s3_sfin_msg);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_master(ks, th));
	EXPECT_TV(test, ks->secret, &s3_master);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_AP_TRAFFIC),
		  &s3_c_ap);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_AP_TRAFFIC),
		  &s3_s_ap);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_EXP_MASTER),
		  &s3_exp_master);
	expect_keys(test, ks, TLSHAKE_KS_S_AP_TRAFFIC, &s3_s_ap_key,
		    &s3_s_ap_iv);
	expect_keys(test, ks, TLSHAKE_KS_C_AP_TRAFFIC, &s3_c_ap_key,
		    &s3_c_ap_iv);
	/* the client's Finished covers the transcript up to the server's */
	expect_finished(test, ks, TLSHAKE_KS_C_HS_TRAFFIC, th, &s3_c_fin);
	expect_finished_msg(test, &s3_cfin_msg, &s3_c_fin);

	add(test, tr, &s3_cfin_msg);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_resumption(ks, th));
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_RES_MASTER),
		  &s3_res_master);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_resumption_psk(ks,
							   s3_ticket_nonce.p,
							   s3_ticket_nonce.len,
							   psk));
	EXPECT_TV(test, psk, &s3_res_psk);
	/* the PSK section 4 resumes with */
	EXPECT_TV(test, psk, &s4_psk);
}

/* Seal @payload with @tx: the trace's record; open that with @rx. */
static void expect_record(struct kunit *test, struct tlshake_rec_dir *tx,
			  struct tlshake_rec_dir *rx, u8 type,
			  const struct tlshake_tv *payload,
			  const struct tlshake_tv *record)
{
	size_t off = tlshake_rec_payload_offset(tx), size = record->len + 32;
	u8 *buf = kunit_kzalloc(test, size, GFP_KERNEL);
	size_t poff, plen;
	u8 t, alert;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf + off, payload->p, payload->len);
	KUNIT_ASSERT_EQ(test, (int)record->len,
			tlshake_rec_seal(tx, type, buf, payload->len, 0, size));
	KUNIT_EXPECT_MEMEQ(test, buf, record->p, record->len);

	memset(buf, 0, size);
	memcpy(buf, record->p, record->len);
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_open(rx, buf, record->len, &t,
						  &poff, &plen, &alert));
	KUNIT_EXPECT_EQ(test, alert, TLSHAKE_ALERT_NONE);
	KUNIT_EXPECT_EQ(test, t, type);
	KUNIT_EXPECT_EQ(test, poff, off);
	KUNIT_ASSERT_EQ(test, plen, payload->len);
	KUNIT_EXPECT_MEMEQ(test, buf + poff, payload->p, plen);
}

/* Key (or rekey) a sending and a receiving direction from one secret. */
static void install(struct kunit *test, struct tlshake_ks *ks,
		    enum tlshake_ks_secret which, struct tlshake_rec_dir *tx,
		    struct tlshake_rec_dir *rx)
{
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_install(ks, which, tx));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_install(ks, which, rx));
}

/* Secrets of RFC 8448 3, derived from the messages. */
static void s3_schedule(struct kunit *test, struct tlshake_ks *ks)
{
	struct tlshake_transcript *tr = test_tr(test);
	u8 th[TLSHAKE_MAX_HASH_LEN];

	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, "sha256",
							     false));
	add(test, tr, &s3_ch);
	add(test, tr, &s3_sh);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_early(ks, NULL, 0, false));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_handshake(ks, s3_dhe.p, s3_dhe.len,
						      th));
	add(test, tr, &s3_ee);
	add(test, tr, &s3_cert);
	add(test, tr, &s3_cv);
	add(test, tr, &s3_sfin_msg);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_master(ks, th));
}

/*
 * RFC 8448 3: the protected records, in trace order: server handshake
 * flight, client Finished, NewSessionTicket, application data both ways,
 * close_notify both ways. Each direction pair is rekeyed from handshake
 * to application keys, as a connection does.
 */
static void rfc8448_records(struct kunit *test)
{
	struct tlshake_rec_dir *s_tx = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *s_rx = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *c_tx = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *c_rx = tlshake_test_rec_dir(test);
	struct tlshake_ks *ks = test_ks(test);

	s3_schedule(test, ks);
	install(test, ks, TLSHAKE_KS_S_HS_TRAFFIC, s_tx, c_rx);
	install(test, ks, TLSHAKE_KS_C_HS_TRAFFIC, c_tx, s_rx);
	expect_record(test, s_tx, c_rx, TLSHAKE_CT_HANDSHAKE,
		      &s3_s_hs_payload, &s3_s_hs_record);
	expect_record(test, c_tx, s_rx, TLSHAKE_CT_HANDSHAKE,
		      &s3_c_fin_payload, &s3_c_fin_record);

	install(test, ks, TLSHAKE_KS_S_AP_TRAFFIC, s_tx, c_rx);
	install(test, ks, TLSHAKE_KS_C_AP_TRAFFIC, c_tx, s_rx);
	expect_record(test, s_tx, c_rx, TLSHAKE_CT_HANDSHAKE,
		      &s3_nst_payload, &s3_nst_record);
	expect_record(test, c_tx, s_rx, TLSHAKE_CT_APPLICATION_DATA,
		      &s3_c_app_payload, &s3_c_app_record);
	expect_record(test, s_tx, c_rx, TLSHAKE_CT_APPLICATION_DATA,
		      &s3_s_app_payload, &s3_s_app_record);
	expect_record(test, c_tx, s_rx, TLSHAKE_CT_ALERT,
		      &s3_c_alert_payload, &s3_c_alert_record);
	expect_record(test, s_tx, c_rx, TLSHAKE_CT_ALERT,
		      &s3_s_alert_payload, &s3_s_alert_record);
	KUNIT_EXPECT_EQ(test, s_tx->seq, 3ULL);
	KUNIT_EXPECT_EQ(test, c_rx->seq, 3ULL);
}

/* RFC 8448 4: PSK binder and 0-RTT from the section 3 resumption PSK. */
static void rfc8448_psk_binder(struct kunit *test, struct tlshake_ks *ks)
{
	struct tlshake_transcript *tr = test_tr(test);
	u8 th[TLSHAKE_MAX_HASH_LEN];

	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_early(ks, s4_psk.p, s4_psk.len,
						  false));
	EXPECT_TV(test, ks->secret, &s4_early);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_BINDER),
		  &s4_binder_key);
	/* the binder covers the ClientHello up to the binders list */
	add(test, tr, &s4_ch_prefix);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, "sha256",
							     false));
	hash(test, tr, th);
	EXPECT_TV(test, th, &s4_binder_hash);
	expect_finished(test, ks, TLSHAKE_KS_BINDER, th, &s4_binder);
}

static void rfc8448_resumption(struct kunit *test)
{
	struct tlshake_rec_dir *tx = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *rx = tlshake_test_rec_dir(test);
	struct tlshake_transcript *tr = test_tr(test);
	struct tlshake_ks *ks = test_ks(test);
	u8 th[TLSHAKE_MAX_HASH_LEN];

	rfc8448_psk_binder(test, ks);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, "sha256",
							     false));
	add(test, tr, &s4_ch);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_early_traffic(ks, th));
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_E_TRAFFIC),
		  &s4_c_e);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_E_EXP_MASTER),
		  &s4_e_exp_master);
	expect_keys(test, ks, TLSHAKE_KS_C_E_TRAFFIC, &s4_c_e_key, &s4_c_e_iv);
	install(test, ks, TLSHAKE_KS_C_E_TRAFFIC, tx, rx);
	expect_record(test, tx, rx, TLSHAKE_CT_APPLICATION_DATA,
		      &s4_early_payload, &s4_early_record);

	ecdhe_side(test, TLSHAKE_GROUP_X25519, &s4_client_priv, &s4_client_pub,
		   &s4_server_pub, &s4_dhe);
	add(test, tr, &s4_sh);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_handshake(ks, s4_dhe.p, s4_dhe.len,
						      th));
	EXPECT_TV(test, ks->secret, &s4_hs);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_HS_TRAFFIC),
		  &s4_c_hs);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_HS_TRAFFIC),
		  &s4_s_hs);
	add(test, tr, &s4_ee);
	hash(test, tr, th);
	expect_finished(test, ks, TLSHAKE_KS_S_HS_TRAFFIC, th, &s4_s_fin);
	add(test, tr, &s4_sfin_msg);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_master(ks, th));
	EXPECT_TV(test, ks->secret, &s4_master);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_AP_TRAFFIC),
		  &s4_c_ap);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_AP_TRAFFIC),
		  &s4_s_ap);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_EXP_MASTER),
		  &s4_exp_master);
	add(test, tr, &s4_eoed);
	hash(test, tr, th);
	expect_finished(test, ks, TLSHAKE_KS_C_HS_TRAFFIC, th, &s4_c_fin);
	add(test, tr, &s4_cfin_msg);
	hash(test, tr, th);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_resumption(ks, th));
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_RES_MASTER),
		  &s4_res_master);
}

/* RFC 8448 5: ClientHello1 -> message_hash, then a P-256 handshake. */
static void rfc8448_hello_retry(struct kunit *test)
{
	struct tlshake_transcript *tr = test_tr(test);
	struct tlshake_ks *ks = test_ks(test);
	u8 th[TLSHAKE_MAX_HASH_LEN];

	ecdhe_side(test, TLSHAKE_GROUP_SECP256R1, &s5_client_priv,
		   &s5_client_pub, &s5_server_pub, &s5_dhe);
	ecdhe_side(test, TLSHAKE_GROUP_SECP256R1, &s5_server_priv,
		   &s5_server_pub, &s5_client_pub, &s5_dhe);

	add(test, tr, &s5_ch1);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, "sha256",
							     false));
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_hrr(tr));
	add(test, tr, &s5_hrr);
	add(test, tr, &s5_ch2);
	add(test, tr, &s5_sh);
	hash(test, tr, th);
	EXPECT_TV(test, th, &s5_th_sh);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_early(ks, NULL, 0, false));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_handshake(ks, s5_dhe.p, s5_dhe.len,
						      th));
	EXPECT_TV(test, ks->secret, &s5_hs);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_HS_TRAFFIC),
		  &s5_c_hs);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_HS_TRAFFIC),
		  &s5_s_hs);
	add(test, tr, &s5_ee);
	add(test, tr, &s5_cert);
	add(test, tr, &s5_cv);
	hash(test, tr, th);
	expect_finished(test, ks, TLSHAKE_KS_S_HS_TRAFFIC, th, &s5_s_fin);
	add(test, tr, &s5_sfin_msg);
	hash(test, tr, th);
	EXPECT_TV(test, th, &s5_th_sfin);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_master(ks, th));
	EXPECT_TV(test, ks->secret, &s5_master);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_AP_TRAFFIC),
		  &s5_c_ap);
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_AP_TRAFFIC),
		  &s5_s_ap);
}

/*
 * The transcript keeps the raw messages on request, and the HRR rewrite
 * replaces them too; the hash does not depend on when it was chosen.
 */
static void transcript_keep_and_hrr(struct kunit *test)
{
	struct tlshake_transcript *kept = test_tr(test);
	struct tlshake_transcript *late = test_tr(test);
	u8 th1[TLSHAKE_MAX_HASH_LEN], th2[TLSHAKE_MAX_HASH_LEN];
	const u8 *msgs;
	size_t len;

	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_transcript_hash(kept, th1));
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(kept, "sha256",
							     true));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_transcript_set_hash(kept, "sha256", true));
	add(test, kept, &s5_ch1);
	msgs = tlshake_transcript_messages(kept, &len);
	KUNIT_ASSERT_EQ(test, len, s5_ch1.len);
	KUNIT_EXPECT_MEMEQ(test, msgs, s5_ch1.p, len);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_hrr(kept));
	msgs = tlshake_transcript_messages(kept, &len);
	KUNIT_ASSERT_EQ(test, len, (size_t)4 + 32);
	KUNIT_EXPECT_EQ(test, msgs[0], TLSHAKE_HS_MESSAGE_HASH);
	KUNIT_EXPECT_EQ(test, msgs[3], 32);

	/* the same history, hashed only once everything is buffered */
	add(test, late, &s5_ch1);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(late, "sha256",
							     false));
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_hrr(late));
	msgs = tlshake_transcript_messages(late, &len);
	KUNIT_EXPECT_NULL(test, msgs);
	KUNIT_EXPECT_EQ(test, len, (size_t)0);
	hash(test, kept, th1);
	hash(test, late, th2);
	KUNIT_EXPECT_MEMEQ(test, th1, th2, 32);
	add(test, kept, &s5_hrr);
	add(test, late, &s5_hrr);
	hash(test, kept, th1);
	hash(test, late, th2);
	KUNIT_EXPECT_MEMEQ(test, th1, th2, 32);
}

/* KeyUpdate: two generations of client_application_traffic_secret. */
static void ks_key_update(struct kunit *test)
{
	struct tlshake_ks *ks = test_ks(test);

	s3_schedule(test, ks);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_ks_update(ks, TLSHAKE_KS_C_HS_TRAFFIC));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_update(ks, TLSHAKE_KS_C_AP_TRAFFIC));
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_AP_TRAFFIC),
		  &s3_c_ap_upd1);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_update(ks, TLSHAKE_KS_C_AP_TRAFFIC));
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_AP_TRAFFIC),
		  &s3_c_ap_upd2);
	expect_keys(test, ks, TLSHAKE_KS_C_AP_TRAFFIC, &s3_c_ap_upd2_key,
		    &s3_c_ap_upd2_iv);
	/* the server's secret is untouched */
	EXPECT_TV(test, tlshake_ks_secret(ks, TLSHAKE_KS_S_AP_TRAFFIC),
		  &s3_s_ap);
}

static void exporter_desc(const struct ossl_exporter_tv *tv, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 tlshake_suite_find(tv->suite, true)->name);
}

KUNIT_ARRAY_PARAM(exporter, ossl_exporters, exporter_desc);

/* RFC 8446 7.5 against OpenSSL's SSL_export_keying_material(). */
static void ks_exporter(struct kunit *test)
{
	const struct ossl_exporter_tv *tv = test->param_value;
	struct tlshake_ks *ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);
	u8 out[64], other[64];
	size_t n = tv->out.len;

	KUNIT_ASSERT_NOT_NULL(test, ks);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ks_free_action,
							   ks));
	KUNIT_ASSERT_EQ(test, 0,
			tlshake_ks_init(ks, tlshake_suite_find(tv->suite,
							       true)));
	KUNIT_ASSERT_LE(test, n, sizeof(out));
	KUNIT_ASSERT_EQ(test, tv->secret.len, (size_t)ks->hash_len);
	/* as if tlshake_ks_master() had derived OpenSSL's secret */
	memcpy(ks->secrets[TLSHAKE_KS_EXP_MASTER], tv->secret.p, ks->hash_len);
	ks->have |= BIT(TLSHAKE_KS_EXP_MASTER);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_export(ks, TLSHAKE_KS_EXP_MASTER,
						   tv->label, NULL, 0, out, n));
	KUNIT_EXPECT_MEMEQ(test, out, tv->out.p, n);
	/* no context is the same as an empty one; any other differs */
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_export(ks, TLSHAKE_KS_EXP_MASTER,
						   tv->label, other, 0, other,
						   n));
	KUNIT_EXPECT_MEMEQ(test, other, tv->out.p, n);
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_export(ks, TLSHAKE_KS_EXP_MASTER,
						   tv->label, (const u8 *)"x", 1,
						   other, n));
	KUNIT_EXPECT_NE(test, 0, memcmp(other, tv->out.p, n));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_ks_export(ks, TLSHAKE_KS_C_AP_TRAFFIC,
					  tv->label, NULL, 0, out, n));
}

/* Stages run in order only; secrets that are not derived are refused. */
static void stage_order(struct kunit *test)
{
	struct tlshake_ks *ks = test_ks(test);
	u8 th[32] = {}, out[32];

	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_handshake(ks, th, 32, th));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_master(ks, th));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_early_traffic(ks, th));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_ks_finished(ks, TLSHAKE_KS_S_HS_TRAFFIC, th,
					    out));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_ks_resumption_psk(ks, th, 2, out));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_early(ks, th, 0, true));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_early(ks, NULL, 0, false));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_early(ks, NULL, 0, false));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_master(ks, th));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_resumption(ks, th));
	KUNIT_ASSERT_EQ(test, 0, tlshake_ks_handshake(ks, NULL, 0, th));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_handshake(ks, NULL, 0, th));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_ks_export(ks, TLSHAKE_KS_EXP_MASTER, "x", NULL,
					  0, out, 32));
	tlshake_ks_forget(ks, TLSHAKE_KS_C_HS_TRAFFIC);
	KUNIT_EXPECT_NULL(test, tlshake_ks_secret(ks, TLSHAKE_KS_C_HS_TRAFFIC));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_ks_traffic_keys(ks, TLSHAKE_KS_C_HS_TRAFFIC,
						out, out));
}

/* A TLS 1.2 suite has no TLS 1.3 key schedule. */
static void ks_rejects_tls12(struct kunit *test)
{
	struct tlshake_ks *ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);
	const struct tlshake_suite *suite;

	KUNIT_ASSERT_NOT_NULL(test, ks);
	suite = tlshake_suite_find(TLSHAKE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
				   false);
	KUNIT_ASSERT_NOT_NULL(test, suite);
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_ks_init(ks, suite));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(ks, 0, sizeof(*ks)));
}

static bool all_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

/* Freeing the schedule leaves nothing of it behind. */
static void ks_zeroized(struct kunit *test)
{
	struct tlshake_ks *ks = test_ks(test);

	s3_schedule(test, ks);
	KUNIT_ASSERT_FALSE(test, all_zero(ks, sizeof(*ks)));
	tlshake_ks_free(ks);
	KUNIT_EXPECT_TRUE(test, all_zero(ks, sizeof(*ks)));
}

static void transcript_zeroized(struct kunit *test)
{
	struct tlshake_transcript *tr = test_tr(test);

	add(test, tr, &s3_ch);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, "sha256",
							     true));
	tlshake_transcript_free(tr);
	KUNIT_EXPECT_TRUE(test, all_zero(tr, sizeof(*tr)));
}

/*
 * RFC 8448 4: tlshake_psk_binder() (resume13.c) over the ClientHello cut
 * before its binders.
 */
static void rfc8448_psk_binder_fn(struct kunit *test)
{
	size_t cut = s4_ch_prefix.len;
	u8 th[32], binder[32], psk[32];
	struct crypto_shash *sha;

	/* the prefix is the ClientHello cut before its binders vector */
	KUNIT_ASSERT_EQ(test, s4_ch.len, cut + 2 + 1 + 32);
	KUNIT_ASSERT_MEMEQ(test, s4_ch.p, s4_ch_prefix.p, cut);
	KUNIT_EXPECT_MEMEQ(test, s4_ch.p + cut + 3, s4_binder.p, 32);
	sha = crypto_alloc_shash("sha256", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sha));
	KUNIT_EXPECT_EQ(test, 0, crypto_shash_tfm_digest(sha, s4_ch.p, cut,
							 th));
	crypto_free_shash(sha);
	KUNIT_EXPECT_MEMEQ(test, th, s4_binder_hash.p, 32);
	KUNIT_ASSERT_EQ(test, 0, tlshake_psk_binder(aes128(), s4_psk.p,
						    s4_psk.len, th, binder));
	KUNIT_EXPECT_MEMEQ(test, binder, s4_binder.p, 32);
	/* another PSK, another binder */
	memcpy(psk, s4_psk.p, sizeof(psk));
	psk[31] ^= 1;
	KUNIT_ASSERT_EQ(test, 0, tlshake_psk_binder(aes128(), psk, sizeof(psk),
						    th, binder));
	KUNIT_EXPECT_MEMNEQ(test, binder, s4_binder.p, 32);
}

static struct kunit_case tlshake_keysched_cases[] = {
	KUNIT_CASE(rfc8448_full_handshake),
	KUNIT_CASE(rfc8448_records),
	KUNIT_CASE(rfc8448_resumption),
	KUNIT_CASE(rfc8448_hello_retry),
	KUNIT_CASE(rfc8448_psk_binder_fn),
	KUNIT_CASE(transcript_keep_and_hrr),
	KUNIT_CASE(ks_key_update),
	KUNIT_CASE_PARAM(ks_exporter, exporter_gen_params),
	KUNIT_CASE(stage_order),
	KUNIT_CASE(ks_rejects_tls12),
	KUNIT_CASE(ks_zeroized),
	KUNIT_CASE(transcript_zeroized),
	{}
};

static struct kunit_suite tlshake_keysched_suite = {
	.name = "tlshake_keysched",
	.test_cases = tlshake_keysched_cases,
};

kunit_test_suite(tlshake_keysched_suite);
