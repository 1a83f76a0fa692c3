// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of record protection (record.c) and the suite table.
 *
 * - Wycheproof AES-GCM and ChaCha20-Poly1305 vectors through the AEAD
 *   call the record layer uses (tlshake_rec_crypt());
 * - for each TLS 1.3 and TLS 1.2 suite: round trips, and every way a
 *   record can be wrong, each with its errno and alert;
 * - sequence number limits, rekeying, zeroization.
 *
 * Records the sealer refuses to produce (all-zero TLS 1.3 plaintext,
 * empty handshake records...) are built by craft(), written from RFC 8446
 * 5.2-5.3 and RFC 5246 6.2.3.3 apart from record.c; only the AEAD call is
 * shared.
 */
#include <crypto/algapi.h>
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/unaligned.h>

#include "alert.h"
#include "record.h"
#include "suite.h"
#include "util.h"
#include "vectors/aead.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* a record buffer large enough for anything */
#define BUF_LEN		(TLSHAKE_REC_MAX_LEN + 64)

static u8 *test_buf(struct kunit *test, size_t len)
{
	u8 *buf = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	return buf;
}

/* ---- Wycheproof, through the record layer's AEAD call ---- */

static const struct tlshake_suite *suite_for_key(const struct aead_tv *tv,
						 bool chacha)
{
	if (chacha)
		return tlshake_suite_find(TLSHAKE_TLS_CHACHA20_POLY1305_SHA256,
					  true);
	return tlshake_suite_find(tv->key.len == 16 ?
				  TLSHAKE_TLS_AES_128_GCM_SHA256 :
				  TLSHAKE_TLS_AES_256_GCM_SHA384, true);
}

/*
 * Encrypt with the additional data in its own buffer (two scatterlist
 * entries), decrypt with it in front of the ciphertext (one entry).
 */
static bool aead_check(struct kunit *test, struct tlshake_rec_dir *dir,
		       const struct aead_tv *tv)
{
	static const u8 iv0[TLSHAKE_REC_IV_LEN];
	size_t n = tv->msg.len, a = tv->aad.len;
	u8 *aad = test_buf(test, a + 1);
	u8 *buf = test_buf(test, a + n + TLSHAKE_REC_TAG_LEN);
	bool ok = true;
	int err;

	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_rekey(dir, tv->key.p, iv0));
	if (tv->valid) {
		memcpy(aad, tv->aad.p, a);
		memcpy(buf, tv->msg.p, n);
		err = tlshake_rec_crypt(dir, true, aad, a, buf, n, tv->iv.p);
		ok = !err && !memcmp(buf, tv->ct.p, n) &&
		     !memcmp(buf + n, tv->tag.p, TLSHAKE_REC_TAG_LEN);
		KUNIT_EXPECT_TRUE_MSG(test, ok, "tcId %u: encrypt", tv->tc_id);
	}
	memcpy(buf, tv->aad.p, a);
	memcpy(buf + a, tv->ct.p, n);
	memcpy(buf + a + n, tv->tag.p, TLSHAKE_REC_TAG_LEN);
	err = tlshake_rec_crypt(dir, false, buf, a, buf + a,
				n + TLSHAKE_REC_TAG_LEN, tv->iv.p);
	if (tv->valid) {
		KUNIT_EXPECT_EQ_MSG(test, err, 0, "tcId %u", tv->tc_id);
		KUNIT_EXPECT_MEMEQ_MSG(test, buf + a, tv->msg.p, n, "tcId %u",
				       tv->tc_id);
		return ok && !err && !memcmp(buf + a, tv->msg.p, n);
	}
	/* a forgery is refused and its unauthenticated plaintext wiped */
	KUNIT_EXPECT_EQ_MSG(test, err, -EBADMSG, "tcId %u", tv->tc_id);
	KUNIT_EXPECT_TRUE_MSG(test, !memchr_inv(buf + a, 0, n), "tcId %u",
			      tv->tc_id);
	return err == -EBADMSG && !memchr_inv(buf + a, 0, n);
}

static void aead_wycheproof(struct kunit *test, const struct aead_tv *tvs,
			    size_t n, size_t skipped, bool chacha)
{
	static const u8 zeros[TLSHAKE_MAX_KEY_LEN + TLSHAKE_REC_IV_LEN];
	const struct tlshake_suite *s128 = suite_for_key(&tvs[0], chacha);
	const struct tlshake_suite *s256 = tlshake_suite_find(0x1302, true);
	struct tlshake_rec_dir *d128 = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir *d256 = tlshake_test_rec_dir(test);
	size_t i, passed = 0, invalid = 0;

	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_init(d128, s128, true, zeros,
						  zeros));
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_init(d256, s256, true, zeros,
						  zeros));
	for (i = 0; i < n; i++) {
		struct tlshake_rec_dir *dir = d128;

		if (!chacha && tvs[i].key.len == 32)
			dir = d256;
		KUNIT_ASSERT_EQ(test, tvs[i].key.len,
				(size_t)dir->suite->key_len);
		passed += aead_check(test, dir, &tvs[i]);
		invalid += !tvs[i].valid;
	}
	kunit_info(test, "%zu/%zu vectors passed (%zu invalid ones refused); %zu skipped: not usable by TLS",
		   passed, n, invalid, skipped);
	KUNIT_EXPECT_EQ(test, passed, n);
}

static void aead_wycheproof_aes_gcm(struct kunit *test)
{
	aead_wycheproof(test, wp_aes_gcm, ARRAY_SIZE(wp_aes_gcm),
			WP_AES_GCM_SKIPPED, false);
}

static void aead_wycheproof_chacha20_poly1305(struct kunit *test)
{
	aead_wycheproof(test, wp_chacha20_poly1305,
			ARRAY_SIZE(wp_chacha20_poly1305),
			WP_CHACHA20_POLY1305_SKIPPED, true);
}

/* ---- the suite table ---- */

static void suite_table(struct kunit *test)
{
	static const u16 tls13[] = { 0x1301, 0x1302, 0x1303 };
	static const u16 tls12[] = { 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
				     0xcca8, 0x009c, 0x009d };
	const struct tlshake_suite *s;
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(tls13); i++) {
		s = tlshake_suite_find(tls13[i], true);
		KUNIT_ASSERT_NOT_NULL(test, s);
		KUNIT_EXPECT_EQ(test, s->version, TLSHAKE_VERSION_TLS13);
		KUNIT_EXPECT_EQ(test, s->fixed_iv_len, 12);
		KUNIT_EXPECT_EQ(test, s->record_iv_len, 0);
		KUNIT_EXPECT_NULL(test, tlshake_suite_find(tls13[i], false));
	}
	for (i = 0; i < ARRAY_SIZE(tls12); i++) {
		s = tlshake_suite_find(tls12[i], false);
		KUNIT_ASSERT_NOT_NULL(test, s);
		KUNIT_EXPECT_EQ(test, s->version, TLSHAKE_VERSION_TLS12);
		KUNIT_EXPECT_EQ(test, s->fixed_iv_len + s->record_iv_len, 12);
		KUNIT_EXPECT_NULL(test, tlshake_suite_find(tls12[i], true));
	}
	s = tlshake_suite_find(TLSHAKE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			       false);
	KUNIT_EXPECT_STREQ(test, s->aead, "gcm(aes)");
	KUNIT_EXPECT_STREQ(test, s->hmac, "hmac(sha384)");
	KUNIT_EXPECT_EQ(test, s->key_len, 32);
	KUNIT_EXPECT_EQ(test, s->fixed_iv_len, 4);
	KUNIT_EXPECT_EQ(test, s->record_limit, TLSHAKE_GCM_RECORD_LIMIT);
	KUNIT_EXPECT_EQ(test, s->kx, TLSHAKE_KX_ECDHE_ECDSA);
	s = tlshake_suite_find(TLSHAKE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
			       false);
	KUNIT_EXPECT_STREQ(test, s->aead, "rfc7539(chacha20,poly1305)");
	KUNIT_EXPECT_EQ(test, s->fixed_iv_len, 12);
	KUNIT_EXPECT_EQ(test, s->record_limit, U64_MAX);
	KUNIT_EXPECT_EQ(test, tlshake_suite_find(0x009d, false)->kx,
			TLSHAKE_KX_RSA);
	KUNIT_EXPECT_NULL(test, tlshake_suite_find(0x1304, true));
	KUNIT_EXPECT_NULL(test, tlshake_suite_find(0xc009, false));
	while (tlshake_suite_get(n))
		n++;
	KUNIT_EXPECT_EQ(test, n, ARRAY_SIZE(tls13) + ARRAY_SIZE(tls12));
}

/* ---- per suite and version ---- */

struct rec_param {
	u16 id;
	bool tls13;
};

static const struct rec_param rec_params[] = {
	{ TLSHAKE_TLS_AES_128_GCM_SHA256, true },
	{ TLSHAKE_TLS_AES_256_GCM_SHA384, true },
	{ TLSHAKE_TLS_CHACHA20_POLY1305_SHA256, true },
	{ TLSHAKE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, false },
	{ TLSHAKE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, false },
	{ TLSHAKE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, false },
};

static void rec_param_desc(const struct rec_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 tlshake_suite_find(p->id, p->tls13)->name);
}

KUNIT_ARRAY_PARAM(rec, rec_params, rec_param_desc);

/* A sending and a receiving direction with the same key. */
static void test_pair(struct kunit *test, struct tlshake_rec_dir **tx,
		      struct tlshake_rec_dir **rx)
{
	const struct rec_param *p = test->param_value;
	const struct tlshake_suite *s = tlshake_suite_find(p->id, p->tls13);
	u8 key[TLSHAKE_MAX_KEY_LEN], iv[TLSHAKE_REC_IV_LEN];
	unsigned int i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = 0xa0 + i;
	for (i = 0; i < sizeof(iv); i++)
		iv[i] = 0x10 * i + 1;
	*tx = tlshake_test_rec_dir(test);
	*rx = tlshake_test_rec_dir(test);
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_init(*tx, s, p->tls13, key, iv));
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_init(*rx, s, p->tls13, key, iv));
}

static void fill(u8 *p, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = seed + i * 7;
}

/* Seal @len bytes of @type into @buf; return the record length. */
static size_t seal(struct kunit *test, struct tlshake_rec_dir *tx, u8 type,
		   u8 *buf, size_t len, size_t pad)
{
	size_t off = tlshake_rec_payload_offset(tx);
	int n;

	fill(buf + off, len, type);
	n = tlshake_rec_seal(tx, type, buf, len, pad, BUF_LEN);
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_ASSERT_EQ(test, (size_t)n,
			off + len + tlshake_rec_overhead(tx, pad));
	return n;
}

/*
 * Open must fail with @err and @alert and return nothing. A record that
 * was authenticated (and is refused for its content) used up its
 * sequence number; any other was not accepted as a record at all.
 */
static void expect_refused(struct kunit *test, struct tlshake_rec_dir *rx,
			   u8 *rec, size_t len, int err, u8 alert,
			   bool authentic)
{
	u64 seq = rx->seq;
	size_t off = 77, plen = 77;
	u8 type = 77, a;

	KUNIT_EXPECT_EQ(test, err, tlshake_rec_open(rx, rec, len, &type, &off,
						    &plen, &a));
	KUNIT_EXPECT_EQ(test, a, alert);
	KUNIT_EXPECT_EQ(test, type, 77);
	KUNIT_EXPECT_EQ(test, off, (size_t)77);
	KUNIT_EXPECT_EQ(test, plen, (size_t)77);
	KUNIT_EXPECT_EQ(test, rx->seq, seq + authentic);
}

static void expect_reject(struct kunit *test, struct tlshake_rec_dir *rx,
			  u8 *rec, size_t len, int err, u8 alert)
{
	expect_refused(test, rx, rec, len, err, alert, false);
}

static void expect_open(struct kunit *test, struct tlshake_rec_dir *rx,
			u8 *rec, size_t len, u8 type, size_t plen)
{
	size_t off, got;
	u8 t, alert;
	u8 *want = test_buf(test, plen + 1);

	fill(want, plen, type);
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_open(rx, rec, len, &t, &off, &got,
						  &alert));
	KUNIT_EXPECT_EQ(test, alert, TLSHAKE_ALERT_NONE);
	KUNIT_EXPECT_EQ(test, t, type);
	KUNIT_EXPECT_EQ(test, off, tlshake_rec_payload_offset(rx));
	KUNIT_ASSERT_EQ(test, got, plen);
	KUNIT_EXPECT_MEMEQ(test, rec + off, want, plen);
}

/*
 * Protect @inner (TLS 1.3: the whole TLSInnerPlaintext; TLS 1.2: the
 * content) of @type with @tx's key and sequence number, bypassing the
 * sealer's checks. Returns the record length.
 */
static size_t craft(struct kunit *test, struct tlshake_rec_dir *tx, u8 type,
		    const u8 *inner, size_t len, u8 *rec)
{
	size_t off = 5 + (tx->tls13 ? 0 : tx->suite->record_iv_len);
	u8 *aad = test_buf(test, 13);
	u8 nonce[12];
	unsigned int i;

	rec[0] = tx->tls13 ? TLSHAKE_CT_APPLICATION_DATA : type;
	rec[1] = 3;
	rec[2] = 3;
	put_unaligned_be16(off - 5 + len + 16, rec + 3);
	memmove(rec + off, inner, len);
	memcpy(nonce, tx->iv, 12);
	if (!tx->tls13 && tx->suite->record_iv_len) {
		put_unaligned_be64(tx->seq, nonce + 4);
		put_unaligned_be64(tx->seq, rec + 5);
	} else {
		for (i = 0; i < 8; i++)
			nonce[4 + i] ^= tx->seq >> (56 - 8 * i);
	}
	if (tx->tls13) {
		memcpy(aad, rec, 5);
	} else {
		put_unaligned_be64(tx->seq, aad);
		aad[8] = type;
		put_unaligned_be16(0x0303, aad + 9);
		put_unaligned_be16(len, aad + 11);
	}
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_crypt(tx, true, aad,
						   tx->tls13 ? 5 : 13,
						   rec + off, len, nonce));
	tx->seq++;
	return off + len + 16;
}

/* Round trips of every content type, length and padding. */
static void rec_roundtrip(struct kunit *test)
{
	static const size_t lens[] = { 1, 2, 100, 1000, TLSHAKE_MAX_PLAINTEXT };
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);
	size_t i, n, pad;

	test_pair(test, &tx, &rx);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		pad = tx->tls13 ? TLSHAKE_MAX_PLAINTEXT - lens[i] : 0;
		n = seal(test, tx, TLSHAKE_CT_HANDSHAKE, buf, lens[i], 0);
		KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 3), n - 5);
		KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 1), 0x0303);
		KUNIT_EXPECT_EQ(test, buf[0], tx->tls13 ?
				TLSHAKE_CT_APPLICATION_DATA :
				TLSHAKE_CT_HANDSHAKE);
		if (!tx->tls13 && tx->suite->record_iv_len)	/* = seq */
			KUNIT_EXPECT_EQ(test, get_unaligned_be64(buf + 5),
					tx->seq - 1);
		expect_open(test, rx, buf, n, TLSHAKE_CT_HANDSHAKE, lens[i]);
		n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, lens[i],
			 pad);
		expect_open(test, rx, buf, n, TLSHAKE_CT_APPLICATION_DATA,
			    lens[i]);
	}
	n = seal(test, tx, TLSHAKE_CT_ALERT, buf, 2, tx->tls13 ? 13 : 0);
	expect_open(test, rx, buf, n, TLSHAKE_CT_ALERT, 2);
	/* zero-length application data is legal (RFC 8446 5.4) */
	n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, 0, 0);
	expect_open(test, rx, buf, n, TLSHAKE_CT_APPLICATION_DATA, 0);
	KUNIT_EXPECT_EQ(test, tx->seq, rx->seq);
	KUNIT_EXPECT_FALSE(test, tlshake_rec_needs_rekey(tx));
}

/* Any change to a sealed record fails authentication. */
static void rec_tampered(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *good = test_buf(test, BUF_LEN), *buf = test_buf(test, BUF_LEN);
	size_t off, n, at[4];
	unsigned int i, nat = 0;

	test_pair(test, &tx, &rx);
	off = tlshake_rec_payload_offset(tx);
	n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, good, 64, 0);
	at[nat++] = n - 1;			/* the tag */
	at[nat++] = off;			/* the ciphertext */
	if (off > 5)
		at[nat++] = 5;			/* the explicit nonce */
	for (i = 0; i < nat; i++) {
		memcpy(buf, good, n);
		buf[at[i]] ^= 0x01;
		expect_reject(test, rx, buf, n, -EBADMSG,
			      TLSHAKE_ALERT_BAD_RECORD_MAC);
		/* nothing unauthenticated is left in the buffer */
		KUNIT_EXPECT_TRUE(test, !memchr_inv(buf + off, 0, n - off - 16));
	}
	if (!tx->tls13) {
		/* TLS 1.2 authenticates the outer type */
		memcpy(buf, good, n);
		buf[0] = TLSHAKE_CT_HANDSHAKE;
		expect_reject(test, rx, buf, n, -EBADMSG,
			      TLSHAKE_ALERT_BAD_RECORD_MAC);
	}
	memcpy(buf, good, n);
	buf[2] = 0x01;				/* the record version */
	expect_reject(test, rx, buf, n, -EPROTO, tx->tls13 ?
		      TLSHAKE_ALERT_DECODE_ERROR :
		      TLSHAKE_ALERT_PROTOCOL_VERSION);
	memcpy(buf, good, n);
	expect_open(test, rx, buf, n, TLSHAKE_CT_APPLICATION_DATA, 64);
}

/* A record that is cut short, or whose header lies about its length. */
static void rec_truncated(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);
	size_t n, min;

	test_pair(test, &tx, &rx);
	n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, 100, 0);
	/* the buffer does not hold the whole record */
	expect_reject(test, rx, buf, n - 1, -EINVAL,
		      TLSHAKE_ALERT_DECODE_ERROR);
	expect_reject(test, rx, buf, 4, -EINVAL, TLSHAKE_ALERT_DECODE_ERROR);
	expect_reject(test, rx, buf, n + 1, -EINVAL,
		      TLSHAKE_ALERT_DECODE_ERROR);
	/* a shorter record, consistently framed: the tag is wrong */
	put_unaligned_be16(n - 5 - 1, buf + 3);
	expect_reject(test, rx, buf, n - 1, -EBADMSG,
		      TLSHAKE_ALERT_BAD_RECORD_MAC);
	/* too short to hold a tag (and the TLS 1.3 type byte) */
	min = tlshake_rec_payload_offset(tx) - 5 + 16 + tx->tls13;
	put_unaligned_be16(min - 1, buf + 3);
	expect_reject(test, rx, buf, 5 + min - 1, -EBADMSG,
		      TLSHAKE_ALERT_BAD_RECORD_MAC);
	put_unaligned_be16(0, buf + 3);
	expect_reject(test, rx, buf, 5, -EBADMSG, TLSHAKE_ALERT_BAD_RECORD_MAC);
}

/* Ciphertext or plaintext longer than the protocol allows. */
static void rec_overflow(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN), *inner = test_buf(test, BUF_LEN);
	size_t max, n;

	test_pair(test, &tx, &rx);
	max = tx->tls13 ? TLSHAKE_MAX_CIPHERTEXT_13 : TLSHAKE_MAX_CIPHERTEXT_12;
	buf[0] = TLSHAKE_CT_APPLICATION_DATA;
	put_unaligned_be16(0x0303, buf + 1);
	put_unaligned_be16(max + 1, buf + 3);
	expect_reject(test, rx, buf, 5 + max + 1, -EMSGSIZE,
		      TLSHAKE_ALERT_RECORD_OVERFLOW);
	/*
	 * An authentic record whose plaintext is one byte too long: TLS 1.3
	 * content and padding above 2^14, TLS 1.2 content above 2^14.
	 */
	memset(inner, 0, TLSHAKE_MAX_PLAINTEXT + 2);
	inner[0] = TLSHAKE_CT_APPLICATION_DATA;
	n = craft(test, tx, TLSHAKE_CT_APPLICATION_DATA, inner,
		  TLSHAKE_MAX_PLAINTEXT + 1 + tx->tls13, buf);
	KUNIT_ASSERT_LE(test, n - 5, max);
	expect_reject(test, rx, buf, n, -EMSGSIZE,
		      TLSHAKE_ALERT_RECORD_OVERFLOW);
}

/* What the sealer refuses to produce. */
static void rec_seal_limits(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);
	size_t need;

	test_pair(test, &tx, &rx);
	KUNIT_EXPECT_EQ(test, -EMSGSIZE,
			tlshake_rec_seal(tx, TLSHAKE_CT_APPLICATION_DATA, buf,
					 TLSHAKE_MAX_PLAINTEXT + 1, 0,
					 BUF_LEN));
	need = tlshake_rec_payload_offset(tx) + 10 + tlshake_rec_overhead(tx, 0);
	KUNIT_EXPECT_EQ(test, -EMSGSIZE,
			tlshake_rec_seal(tx, TLSHAKE_CT_APPLICATION_DATA, buf,
					 10, 0, need - 1));
	KUNIT_EXPECT_EQ(test, (int)need,
			tlshake_rec_seal(tx, TLSHAKE_CT_APPLICATION_DATA, buf,
					 10, 0, need));
	if (tx->tls13)
		KUNIT_EXPECT_EQ(test, -EMSGSIZE,
				tlshake_rec_seal(tx, TLSHAKE_CT_HANDSHAKE, buf,
						 100,
						 TLSHAKE_MAX_PLAINTEXT - 99,
						 BUF_LEN));
	else
		KUNIT_EXPECT_EQ(test, -EINVAL,
				tlshake_rec_seal(tx, TLSHAKE_CT_HANDSHAKE, buf,
						 100, 1, BUF_LEN));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_rec_seal(tx, TLSHAKE_CT_HANDSHAKE, buf, 0, 0,
					 BUF_LEN));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_rec_seal(tx, TLSHAKE_CT_ALERT, buf, 0, 0,
					 BUF_LEN));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_rec_seal(tx, TLSHAKE_CT_CHANGE_CIPHER_SPEC, buf,
					 1, 0, BUF_LEN));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_rec_seal(tx, 0, buf, 1, 0, BUF_LEN));
	/* only the one good record used a sequence number */
	KUNIT_EXPECT_EQ(test, tx->seq, 1ULL);
}

/*
 * Authentic records with content that is not allowed: no content type
 * (all-zero TLS 1.3 plaintext), a type that may not be protected, empty
 * handshake or alert content.
 */
static void rec_bad_content(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);
	u8 inner[32] = {};
	size_t n;

	test_pair(test, &tx, &rx);
	if (tx->tls13) {
		n = craft(test, tx, 0, inner, sizeof(inner), buf);
		expect_refused(test, rx, buf, n, -EPROTO,
			       TLSHAKE_ALERT_UNEXPECTED_MESSAGE, true);
		inner[0] = TLSHAKE_CT_CHANGE_CIPHER_SPEC;
		n = craft(test, tx, 0, inner, sizeof(inner), buf);
		expect_refused(test, rx, buf, n, -EPROTO,
			       TLSHAKE_ALERT_UNEXPECTED_MESSAGE, true);
		inner[0] = 0xff;
		n = craft(test, tx, 0, inner, 1, buf);
		expect_refused(test, rx, buf, n, -EPROTO,
			       TLSHAKE_ALERT_UNEXPECTED_MESSAGE, true);
		inner[0] = TLSHAKE_CT_ALERT;	/* empty alert, padded */
		n = craft(test, tx, 0, inner, sizeof(inner), buf);
		expect_refused(test, rx, buf, n, -EPROTO,
			       TLSHAKE_ALERT_UNEXPECTED_MESSAGE, true);
		inner[0] = TLSHAKE_CT_APPLICATION_DATA;	/* empty data: fine */
		n = craft(test, tx, 0, inner, sizeof(inner), buf);
		expect_open(test, rx, buf, n, TLSHAKE_CT_APPLICATION_DATA, 0);
		inner[0] = TLSHAKE_CT_HANDSHAKE;
	}
	n = craft(test, tx, TLSHAKE_CT_HANDSHAKE, inner, tx->tls13, buf);
	expect_refused(test, rx, buf, n, -EPROTO,
		       TLSHAKE_ALERT_UNEXPECTED_MESSAGE, true);
	KUNIT_EXPECT_EQ(test, tx->seq, rx->seq);
}

/* The outer content type is checked before anything is decrypted. */
static void rec_outer_type(struct kunit *test)
{
	static const u8 bad13[] = { TLSHAKE_CT_HANDSHAKE, TLSHAKE_CT_ALERT,
				    TLSHAKE_CT_CHANGE_CIPHER_SPEC, 0, 24, 255 };
	static const u8 bad12[] = { TLSHAKE_CT_CHANGE_CIPHER_SPEC, 0, 24, 255 };
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);
	const u8 *bad;
	size_t i, n, nbad;

	test_pair(test, &tx, &rx);
	bad = tx->tls13 ? bad13 : bad12;
	nbad = tx->tls13 ? ARRAY_SIZE(bad13) : ARRAY_SIZE(bad12);
	n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, 16, 0);
	for (i = 0; i < nbad; i++) {
		buf[0] = bad[i];
		expect_reject(test, rx, buf, n, -EPROTO,
			      TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	}
}

/* The last sequence number a key may use, and the one after it. */
static void rec_seq_limit(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);
	u64 limit;
	size_t n;

	test_pair(test, &tx, &rx);
	limit = tx->seq_limit;
	if (strstr(tx->suite->aead, "gcm"))	/* 2^24.5, RFC 8446 5.5 */
		KUNIT_EXPECT_EQ(test, limit, 23726566ULL);
	else					/* the 64-bit wrap */
		KUNIT_EXPECT_EQ(test, limit, U64_MAX);
	tx->seq = limit - (limit >> 3) - 1;
	KUNIT_EXPECT_FALSE(test, tlshake_rec_needs_rekey(tx));
	tx->seq++;
	KUNIT_EXPECT_TRUE(test, tlshake_rec_needs_rekey(tx));

	tx->seq = limit - 1;
	rx->seq = limit - 1;
	n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, 16, 0);
	KUNIT_EXPECT_EQ(test, -EKEYEXPIRED,
			tlshake_rec_seal(tx, TLSHAKE_CT_APPLICATION_DATA, buf,
					 16, 0, BUF_LEN));
	expect_open(test, rx, buf, n, TLSHAKE_CT_APPLICATION_DATA, 16);
	KUNIT_EXPECT_EQ(test, rx->seq, limit);
	expect_reject(test, rx, buf, n, -EKEYEXPIRED,
		      TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
}

/* Rekeying starts a fresh key at sequence number 0. */
static void rec_rekey(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *old = test_buf(test, BUF_LEN), *buf = test_buf(test, BUF_LEN);
	u8 key[TLSHAKE_MAX_KEY_LEN], iv[TLSHAKE_REC_IV_LEN];
	size_t n_old, n;

	test_pair(test, &tx, &rx);
	memset(key, 0x5a, sizeof(key));
	memset(iv, 0xa5, sizeof(iv));
	n_old = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, old, 40, 0);
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_rekey(tx, key, iv));
	KUNIT_ASSERT_EQ(test, 0, tlshake_rec_rekey(rx, key, iv));
	KUNIT_EXPECT_EQ(test, tx->seq, 0ULL);
	KUNIT_EXPECT_EQ(test, tx->seq_limit, tx->suite->record_limit);
	expect_reject(test, rx, old, n_old, -EBADMSG,
		      TLSHAKE_ALERT_BAD_RECORD_MAC);
	n = seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, 40, 0);
	expect_open(test, rx, buf, n, TLSHAKE_CT_APPLICATION_DATA, 40);
}

/* Nothing of a direction remains after it is freed. */
static void rec_zeroized(struct kunit *test)
{
	struct tlshake_rec_dir *tx, *rx;
	u8 *buf = test_buf(test, BUF_LEN);

	test_pair(test, &tx, &rx);
	seal(test, tx, TLSHAKE_CT_APPLICATION_DATA, buf, 40, 0);
	KUNIT_ASSERT_TRUE(test, memchr_inv(tx->iv, 0, sizeof(tx->iv)));
	tlshake_rec_free(tx);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(tx, 0, sizeof(*tx)));
	/* a freed direction refuses to work */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			tlshake_rec_seal(tx, TLSHAKE_CT_APPLICATION_DATA, buf,
					 1, 0, BUF_LEN));
}

static void rec_init_errors(struct kunit *test)
{
	const struct tlshake_suite *s13 = tlshake_suite_find(0x1301, true);
	const struct tlshake_suite *s12 = tlshake_suite_find(0xc02f, false);
	struct tlshake_rec_dir *dir = tlshake_test_rec_dir(test);
	struct tlshake_rec_dir on_stack;
	u8 key[32] = {}, iv[12] = {};

	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_rec_init(dir, s13, false, key,
							iv));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_rec_init(dir, s12, true, key,
							iv));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_rec_init(dir, NULL, true, key,
							iv));
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_rec_rekey(dir, key, iv));
	/* scatterlists cannot point into the stack */
	KUNIT_EXPECT_EQ(test, -EINVAL, tlshake_rec_init(&on_stack, s13, true,
							key, iv));
	KUNIT_EXPECT_NULL(test, on_stack.aead);
}

static struct kunit_case tlshake_record_cases[] = {
	KUNIT_CASE_SLOW(aead_wycheproof_aes_gcm),
	KUNIT_CASE_SLOW(aead_wycheproof_chacha20_poly1305),
	KUNIT_CASE(suite_table),
	KUNIT_CASE_PARAM(rec_roundtrip, rec_gen_params),
	KUNIT_CASE_PARAM(rec_tampered, rec_gen_params),
	KUNIT_CASE_PARAM(rec_truncated, rec_gen_params),
	KUNIT_CASE_PARAM(rec_overflow, rec_gen_params),
	KUNIT_CASE_PARAM(rec_seal_limits, rec_gen_params),
	KUNIT_CASE_PARAM(rec_bad_content, rec_gen_params),
	KUNIT_CASE_PARAM(rec_outer_type, rec_gen_params),
	KUNIT_CASE_PARAM(rec_seq_limit, rec_gen_params),
	KUNIT_CASE_PARAM(rec_rekey, rec_gen_params),
	KUNIT_CASE_PARAM(rec_zeroized, rec_gen_params),
	KUNIT_CASE(rec_init_errors),
	{}
};

static struct kunit_suite tlshake_record_suite = {
	.name = "tlshake_record",
	.test_cases = tlshake_record_cases,
};

kunit_test_suite(tlshake_record_suite);
