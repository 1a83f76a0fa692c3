// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the TLS 1.2 key derivation (prf.c) against known answers
 * computed by OpenSSL's TLS1-PRF: the raw PRF over SHA-256 and SHA-384,
 * and for every TLS 1.2 suite the master secret, the extended master
 * secret, the key block and both Finished values. And sessions recorded
 * between OpenSSL peers: from the logged master secret, tlshake derives
 * the keys, opens the protected Finished and application data records and
 * checks the Finished values over the recorded handshake.
 */
#include <crypto/hash.h>
#include <kunit/test.h>
#include <linux/slab.h>

#include "alert.h"
#include "prf.h"
#include "record.h"
#include "suite.h"
#include "transcript.h"
#include "util.h"
#include "vectors/ossl12.h"
#include "vectors/prf.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void shash_free_action(void *tfm)
{
	crypto_free_shash(tfm);
}

static void prf_free_action(void *p)
{
	tlshake_prf_free(p);
}

static void raw_desc(const struct prf_tv *tv, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s \"%s\" %zu bytes", tv->hmac,
		 tv->label, tv->out.len);
}

KUNIT_ARRAY_PARAM(prf_raw, prf_raw, raw_desc);

static void prf_known_answer(struct kunit *test)
{
	const struct prf_tv *tv = test->param_value;
	struct crypto_shash *hmac = crypto_alloc_shash(tv->hmac, 0, 0);
	u8 *out;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, hmac);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   shash_free_action,
							   hmac));
	out = kunit_kzalloc(test, tv->out.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf(hmac, tv->secret.p, tv->secret.len,
					     tv->label, tv->seed.p,
					     tv->seed.len, out, tv->out.len));
	KUNIT_EXPECT_MEMEQ(test, out, tv->out.p, tv->out.len);
}

static void suite_desc(const struct prf_suite_tv *tv, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 tlshake_suite_find(tv->suite, false)->name);
}

KUNIT_ARRAY_PARAM(prf_suite, prf_suites, suite_desc);

static struct tlshake_prf *test_prf(struct kunit *test, u16 id)
{
	struct tlshake_prf *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   prf_free_action, p));
	KUNIT_ASSERT_EQ(test, 0,
			tlshake_prf_init(p, tlshake_suite_find(id, false)));
	return p;
}

static void expect_key_block(struct kunit *test, struct tlshake_prf *p,
			     const struct prf_suite_tv *tv)
{
	size_t k = p->suite->key_len, v = p->suite->fixed_iv_len;
	const u8 *kb = tv->key_block.p;
	struct tlshake_key_block b;

	KUNIT_ASSERT_EQ(test, tv->key_block.len, 2 * (k + v));
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_key_block(p, tv->client_random.p,
						       tv->server_random.p,
						       &b));
	KUNIT_EXPECT_MEMEQ(test, b.client_key, kb, k);
	KUNIT_EXPECT_MEMEQ(test, b.server_key, kb + k, k);
	KUNIT_EXPECT_MEMEQ(test, b.client_iv, kb + 2 * k, v);
	KUNIT_EXPECT_MEMEQ(test, b.server_iv, kb + 2 * k + v, v);
	memzero_explicit(&b, sizeof(b));
}

/*
 * tlshake_prf_install() keys a direction with the right half of the key
 * block: a record sealed by it opens under the key block's client or
 * server key, set up by hand.
 */
static void expect_install(struct kunit *test, struct tlshake_prf *p,
			   const struct prf_suite_tv *tv, bool client_write)
{
	struct tlshake_rec_dir *tx = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *rx = tlshake_test_rec_dir(test);
	size_t k = p->suite->key_len, v = p->suite->fixed_iv_len;
	const u8 *kb = tv->key_block.p;
	u8 *buf = kunit_kzalloc(test, 128, GFP_KERNEL);
	size_t off, len;
	u8 type, alert;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_install(p, tv->client_random.p,
						     tv->server_random.p,
						     client_write, tx));
	KUNIT_ASSERT_EQ(test, 0,
			tlshake_rec_init(rx, p->suite, false,
					 kb + (client_write ? 0 : k),
					 kb + 2 * k + (client_write ? 0 : v)));
	off = tlshake_rec_payload_offset(tx);
	memcpy(buf + off, "finished", 8);
	n = tlshake_rec_seal(tx, TLSHAKE_CT_HANDSHAKE, buf, 8, 0, 128);
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_open(rx, buf, n, &type, &off,
						  &len, &alert));
	KUNIT_EXPECT_EQ(test, len, (size_t)8);
	KUNIT_EXPECT_MEMEQ(test, buf + off, "finished", 8);
}

static void expect_finished(struct kunit *test, struct tlshake_prf *p,
			    bool client, const struct tlshake_tv *hash,
			    const struct tlshake_tv *want)
{
	u8 vd[TLSHAKE_VERIFY_DATA_LEN];

	KUNIT_ASSERT_EQ(test, want->len, sizeof(vd));
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_finished(p, client, hash->p, vd));
	KUNIT_EXPECT_MEMEQ(test, vd, want->p, sizeof(vd));
	KUNIT_EXPECT_EQ(test, 0, tlshake_prf_check_finished(p, client, hash->p,
							    want->p,
							    want->len));
	/* the other side's label gives another value */
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			tlshake_prf_check_finished(p, !client, hash->p,
						   want->p, want->len));
	KUNIT_EXPECT_EQ(test, -EBADMSG,
			tlshake_prf_check_finished(p, client, hash->p,
						   want->p, want->len - 1));
}

static void prf_suite_derivation(struct kunit *test)
{
	const struct prf_suite_tv *tv = test->param_value;
	struct tlshake_prf *p = test_prf(test, tv->suite);

	KUNIT_ASSERT_EQ(test, tv->session_hash.len, (size_t)p->suite->hash_len);
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_master(p, tv->pms.p, tv->pms.len,
						    tv->client_random.p,
						    tv->server_random.p));
	KUNIT_EXPECT_MEMEQ(test, p->master, tv->master.p, tv->master.len);
	KUNIT_ASSERT_EQ(test, 0,
			tlshake_prf_extended_master(p, tv->pms.p, tv->pms.len,
						    tv->session_hash.p));
	KUNIT_EXPECT_MEMEQ(test, p->master, tv->ems.p, tv->ems.len);
	expect_key_block(test, p, tv);
	expect_install(test, p, tv, true);
	expect_install(test, p, tv, false);
	expect_finished(test, p, true, &tv->client_hash, &tv->client_fin);
	expect_finished(test, p, false, &tv->server_hash, &tv->server_fin);
}

static void prf_misuse(struct kunit *test)
{
	struct tlshake_prf *p = test_prf(test, 0xc02f);
	struct tlshake_prf *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	u8 r[TLSHAKE_RANDOM_LEN] = {}, out[TLSHAKE_MAX_HASH_LEN];
	struct tlshake_key_block kb;

	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_prf_key_block(p, r, r, &kb));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_prf_finished(p, true, r, out));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_prf_master(p, r, 0, r, r));
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_prf_init(q, tlshake_suite_find(0x1301, true)));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_prf_master(q, r, 32, r, r));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(q, 0, sizeof(*q)));
}

static void prf_zeroized(struct kunit *test)
{
	const struct prf_suite_tv *tv = &prf_suites[0];
	struct tlshake_prf *p = test_prf(test, tv->suite);

	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_master(p, tv->pms.p, tv->pms.len,
						    tv->client_random.p,
						    tv->server_random.p));
	tlshake_prf_free(p);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(p, 0, sizeof(*p)));
}

static void tr_free_action(void *tr)
{
	tlshake_transcript_free(tr);
}

static void session_desc(const struct ossl12_tv *tv, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 tlshake_suite_find(tv->suite, false)->name);
}

KUNIT_ARRAY_PARAM(ossl12, ossl12, session_desc);

/* Open a recorded record; return its plaintext (in @buf). */
static const u8 *open_recorded(struct kunit *test, struct tlshake_rec_dir *rx,
			       const struct tlshake_tv *rec, u8 *buf, u8 type,
			       size_t *len)
{
	size_t off;
	u8 t, alert;

	memcpy(buf, rec->p, rec->len);
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_open(rx, buf, rec->len, &t, &off,
						  len, &alert));
	KUNIT_EXPECT_EQ(test, t, type);
	return buf + off;
}

/* Check a decrypted Finished message against the transcript so far. */
static void check_recorded_finished(struct kunit *test, struct tlshake_prf *p,
				    struct tlshake_transcript *tr, bool client,
				    const u8 *msg, size_t len)
{
	u8 th[TLSHAKE_MAX_HASH_LEN];

	KUNIT_ASSERT_EQ(test, len, (size_t)4 + TLSHAKE_VERIFY_DATA_LEN);
	KUNIT_EXPECT_EQ(test, msg[0], 20);
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_hash(tr, th));
	KUNIT_EXPECT_EQ(test, 0, tlshake_prf_check_finished(p, client, th,
							    msg + 4,
							    len - 4));
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_add(tr, msg, len));
}

/*
 * Seal what the client sent and compare with the wire. Only possible
 * without an explicit nonce: OpenSSL's GCM explicit nonces are a counter
 * from a random start, ours are the sequence number.
 */
static void reseal(struct kunit *test, struct tlshake_prf *p,
		   const struct ossl12_tv *tv, const u8 *fin)
{
	struct tlshake_rec_dir *tx = tlshake_test_rec_dir(test);
	u8 *buf = kunit_kzalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_install(p, tv->client_random.p,
						     tv->server_random.p, true,
						     tx));
	memcpy(buf + 5, fin, 16);
	KUNIT_ASSERT_EQ(test, (int)tv->client_fin.len,
			tlshake_rec_seal(tx, TLSHAKE_CT_HANDSHAKE, buf, 16, 0,
					 256));
	KUNIT_EXPECT_MEMEQ(test, buf, tv->client_fin.p, tv->client_fin.len);
	memcpy(buf + 5, tv->client_text.p, tv->client_text.len);
	KUNIT_ASSERT_EQ(test, (int)tv->client_app.len,
			tlshake_rec_seal(tx, TLSHAKE_CT_APPLICATION_DATA, buf,
					 tv->client_text.len, 0, 256));
	KUNIT_EXPECT_MEMEQ(test, buf, tv->client_app.p, tv->client_app.len);
}

static void prf_openssl_session(struct kunit *test)
{
	const struct ossl12_tv *tv = test->param_value;
	struct tlshake_prf *p = test_prf(test, tv->suite);
	struct tlshake_rec_dir *c_rx = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *s_rx = tlshake_test_rec_dir(test);
	struct tlshake_transcript *tr;
	u8 *buf = kunit_kzalloc(test, 256, GFP_KERNEL);
	u8 fin[16];
	const u8 *pt;
	size_t len;

	tr = kunit_kzalloc(test, sizeof(*tr), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tr);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, tr_free_action,
							   tr));
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_set_hash(tr, p->suite->hash,
							     false));
	KUNIT_ASSERT_EQ(test, 0, tlshake_transcript_add(tr, tv->handshake.p,
							tv->handshake.len));
	memcpy(p->master, tv->master.p, sizeof(p->master));
	p->have_master = true;
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_install(p, tv->client_random.p,
						     tv->server_random.p, true,
						     c_rx));
	KUNIT_ASSERT_EQ(test, 0, tlshake_prf_install(p, tv->client_random.p,
						     tv->server_random.p, false,
						     s_rx));

	pt = open_recorded(test, c_rx, &tv->client_fin, buf,
			   TLSHAKE_CT_HANDSHAKE, &len);
	memcpy(fin, pt, min(len, sizeof(fin)));
	check_recorded_finished(test, p, tr, true, pt, len);
	pt = open_recorded(test, s_rx, &tv->server_fin, buf,
			   TLSHAKE_CT_HANDSHAKE, &len);
	check_recorded_finished(test, p, tr, false, pt, len);
	pt = open_recorded(test, c_rx, &tv->client_app, buf,
			   TLSHAKE_CT_APPLICATION_DATA, &len);
	KUNIT_ASSERT_EQ(test, len, tv->client_text.len);
	KUNIT_EXPECT_MEMEQ(test, pt, tv->client_text.p, len);
	pt = open_recorded(test, s_rx, &tv->server_app, buf,
			   TLSHAKE_CT_APPLICATION_DATA, &len);
	KUNIT_ASSERT_EQ(test, len, tv->server_text.len);
	KUNIT_EXPECT_MEMEQ(test, pt, tv->server_text.p, len);
	if (!p->suite->record_iv_len)
		reseal(test, p, tv, fin);
}

static struct kunit_case tlshake_prf_cases[] = {
	KUNIT_CASE_PARAM(prf_known_answer, prf_raw_gen_params),
	KUNIT_CASE_PARAM(prf_suite_derivation, prf_suite_gen_params),
	KUNIT_CASE_PARAM(prf_openssl_session, ossl12_gen_params),
	KUNIT_CASE(prf_misuse),
	KUNIT_CASE(prf_zeroized),
	{}
};

static struct kunit_suite tlshake_prf_suite = {
	.name = "tlshake_prf",
	.test_cases = tlshake_prf_cases,
};

kunit_test_suite(tlshake_prf_suite);
