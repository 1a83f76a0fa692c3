// SPDX-License-Identifier: GPL-2.0
/*
 * Record protection for TLS 1.3 (RFC 8446 5.2-5.5) and TLS 1.2 AEAD
 * suites (RFC 5246 6.2.3.3, RFC 5288 3, RFC 7905 2).
 *
 * TLS 1.3:  header(5) | AEAD(content | type | zeros) | tag(16)
 *           nonce = iv ^ seq, additional data = the header
 * TLS 1.2 AES-GCM:
 *           header(5) | explicit nonce(8) | AEAD(content) | tag(16)
 *           nonce = salt(4) | explicit nonce; we send seq as the explicit
 *           nonce (RFC 9325 7.2.1), so it never repeats under one key
 * TLS 1.2 ChaCha20-Poly1305:
 *           header(5) | AEAD(content) | tag(16), nonce = iv ^ seq
 * TLS 1.2 additional data = seq(8) | type | version | content length.
 *
 * The AEAD runs in place over the record buffer. A failed decryption
 * leaves plaintext in the buffer that was never authenticated, so it is
 * wiped before returning: only authenticated plaintext is ever released.
 */
#include <crypto/aead.h>
#include <linux/scatterlist.h>
#include <linux/sched/task_stack.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "alert.h"
#include "crypto/ct.h"
#include "record.h"
#include "suite.h"

/* needs_rekey turns true when this fraction of the key's records is left */
#define REC_REKEY_MARGIN_SHIFT	3

static size_t rec_explicit_len(const struct tlshake_rec_dir *dir)
{
	return dir->tls13 || !dir->suite ? 0 : dir->suite->record_iv_len;
}

static size_t rec_fixed_iv_len(const struct tlshake_rec_dir *dir)
{
	return dir->tls13 ? TLSHAKE_REC_IV_LEN : dir->suite->fixed_iv_len;
}

static bool rec_content_type_ok(u8 type)
{
	return type == TLSHAKE_CT_ALERT || type == TLSHAKE_CT_HANDSHAKE ||
	       type == TLSHAKE_CT_APPLICATION_DATA;
}

/**
 * tlshake_rec_init() - key a direction for the first time
 * @dir: the direction (previous contents are ignored); must be in linear
 *	memory (see the top of record.h)
 * @suite: the cipher suite
 * @tls13: TLS 1.3 record format; must match @suite
 * @key: &tlshake_suite.key_len bytes of write key
 * @iv: the write IV: 12 bytes for TLS 1.3 and ChaCha20-Poly1305, the
 *	4-byte salt for TLS 1.2 AES-GCM
 *
 * Allocates the AEAD transform and request (GFP_KERNEL).
 *
 * Return: 0; -EINVAL if @suite does not match @tls13 or @dir is not in
 * linear memory; -ENOMEM; or the errno of crypto_alloc_aead() or of the
 * key setup. On error @dir is all zeroes.
 */
int tlshake_rec_init(struct tlshake_rec_dir *dir,
		     const struct tlshake_suite *suite, bool tls13,
		     const u8 *key, const u8 *iv)
{
	struct crypto_aead *aead;
	int err;

	memset(dir, 0, sizeof(*dir));
	if (!suite || !virt_addr_valid(dir) ||
	    suite->version != (tls13 ? TLSHAKE_VERSION_TLS13 :
				       TLSHAKE_VERSION_TLS12))
		return -EINVAL;
	aead = crypto_alloc_aead(suite->aead, 0, 0);
	if (IS_ERR(aead))
		return PTR_ERR(aead);
	dir->aead = aead;
	dir->suite = suite;
	dir->tls13 = tls13;
	err = -EINVAL;
	if (crypto_aead_ivsize(aead) != TLSHAKE_REC_IV_LEN)
		goto err_free;
	err = crypto_aead_setauthsize(aead, TLSHAKE_REC_TAG_LEN);
	if (err)
		goto err_free;
	err = -ENOMEM;
	dir->req = aead_request_alloc(aead, GFP_KERNEL);
	if (!dir->req)
		goto err_free;
	err = tlshake_rec_rekey(dir, key, iv);
	if (err)
		goto err_free;
	return 0;

err_free:
	tlshake_rec_free(dir);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_init);

/**
 * tlshake_rec_rekey() - replace the key and IV of a keyed direction
 * @dir: the direction
 * @key: the new write key
 * @iv: the new write IV (as for tlshake_rec_init())
 *
 * For TLS 1.3 key changes (handshake to application keys, KeyUpdate). The
 * old IV is wiped, the transform's key schedule is overwritten, and the
 * sequence number restarts at 0.
 *
 * Return: 0; -EINVAL if @dir was never keyed; or the errno of
 * crypto_aead_setkey(), after which the direction refuses all records.
 */
int tlshake_rec_rekey(struct tlshake_rec_dir *dir, const u8 *key,
		      const u8 *iv)
{
	int err;

	if (!dir->aead)
		return -EINVAL;
	memzero_explicit(dir->iv, sizeof(dir->iv));
	memzero_explicit(dir->nonce, sizeof(dir->nonce));
	dir->seq = 0;
	dir->seq_limit = 0;
	err = crypto_aead_setkey(dir->aead, key, dir->suite->key_len);
	if (err)
		return err;
	memcpy(dir->iv, iv, rec_fixed_iv_len(dir));
	dir->seq_limit = dir->suite->record_limit;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_rekey);

/**
 * tlshake_rec_free() - free a direction and wipe its key material
 * @dir: the direction (keyed, or all zeroes); all zeroes afterwards
 *
 * Freeing the transform frees (and zeroes) its expanded key.
 */
void tlshake_rec_free(struct tlshake_rec_dir *dir)
{
	aead_request_free(dir->req);
	crypto_free_aead(dir->aead);
	memzero_explicit(dir, sizeof(*dir));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_free);

/**
 * tlshake_rec_payload_offset() - where the plaintext starts in a record
 * @dir: the direction
 *
 * Return: 5 (the header), or 13 for TLS 1.2 AES-GCM (the header and the
 * explicit nonce).
 */
size_t tlshake_rec_payload_offset(const struct tlshake_rec_dir *dir)
{
	return TLSHAKE_REC_HDR_LEN + rec_explicit_len(dir);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_payload_offset);

/**
 * tlshake_rec_overhead() - bytes a record adds after its plaintext
 * @dir: the direction
 * @pad: TLS 1.3 padding the record will carry
 *
 * A sealed record is payload_offset + content + overhead bytes long.
 *
 * Return: 1 + @pad + 16 for TLS 1.3 (content type, padding, tag), 16 for
 * TLS 1.2 (the tag).
 */
size_t tlshake_rec_overhead(const struct tlshake_rec_dir *dir, size_t pad)
{
	if (dir->tls13)
		return 1 + pad + TLSHAKE_REC_TAG_LEN;
	return TLSHAKE_REC_TAG_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_overhead);

/**
 * tlshake_rec_needs_rekey() - is the key close to its usage limit?
 * @dir: the direction
 *
 * True once fewer than 1/8 of the key's records are left: a TLS 1.3
 * sender should send KeyUpdate now; a TLS 1.2 connection (which cannot
 * rekey) should be closed before tlshake_rec_seal() fails.
 *
 * Return: true if the direction should be rekeyed.
 */
bool tlshake_rec_needs_rekey(const struct tlshake_rec_dir *dir)
{
	return dir->seq >= dir->seq_limit -
			   (dir->seq_limit >> REC_REKEY_MARGIN_SHIFT);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_needs_rekey);

/*
 * The per-record nonce into dir->nonce: the 12-byte IV xor the padded
 * sequence number (RFC 8446 5.3, RFC 7905 2), or the 4-byte salt followed
 * by the record's explicit nonce (RFC 5288 3).
 */
static void rec_nonce(struct tlshake_rec_dir *dir, const u8 *explicit)
{
	memcpy(dir->nonce, dir->iv, 4);
	if (rec_fixed_iv_len(dir) == TLSHAKE_REC_IV_LEN)
		put_unaligned_be64(get_unaligned_be64(dir->iv + 4) ^ dir->seq,
				   dir->nonce + 4);
	else
		memcpy(dir->nonce + 4, explicit, TLSHAKE_REC_EXPLICIT_NONCE_LEN);
}

/* TLS 1.2 additional_data into dir->aad */
static void rec_aad12(struct tlshake_rec_dir *dir, u8 type, size_t len)
{
	put_unaligned_be64(dir->seq, dir->aad);
	dir->aad[8] = type;
	put_unaligned_be16(TLSHAKE_REC_VERSION, dir->aad + 9);
	put_unaligned_be16(len, dir->aad + 11);
}

static void rec_header(u8 *rec, u8 type, size_t len)
{
	rec[0] = type;
	put_unaligned_be16(TLSHAKE_REC_VERSION, rec + 1);
	put_unaligned_be16(len, rec + 3);
}

/* Entries for a record of up to 2^14 + 2048 bytes split at page borders. */
#define REC_SG_MAX	(2 + (TLSHAKE_MAX_CIPHERTEXT_12 + TLSHAKE_REC_TAG_LEN) / \
			 PAGE_SIZE + 2)

/*
 * Describe @len bytes at @buf, page by page, so that vmalloc memory (from
 * kvmalloc) works as well as the slab. Returns the next free entry.
 */
static int rec_sg_add(struct scatterlist *sg, int n, u8 *buf, size_t len)
{
	size_t off, chunk;
	struct page *page;

	while (len) {
		if (n == REC_SG_MAX)
			return -EINVAL;
		off = offset_in_page(buf);
		chunk = min_t(size_t, len, PAGE_SIZE - off);
		page = is_vmalloc_addr(buf) ? vmalloc_to_page(buf) :
					      virt_to_page(buf);
		sg_set_page(&sg[n++], page, chunk, off);
		buf += chunk;
		len -= chunk;
	}
	return n;
}

/**
 * tlshake_rec_crypt() - one AEAD operation, in place (internal)
 * @dir: a keyed direction
 * @enc: encrypt (else decrypt and verify)
 * @aad: the additional data (linear memory); may directly precede @data
 * @aad_len: its length
 * @data: plaintext (encrypt) or ciphertext followed by the tag (decrypt)
 * @len: length of @data: without the tag when encrypting (the tag is
 *	written after it), with it when decrypting
 * @nonce: the 12-byte nonce
 *
 * The record layer's only path to the AEAD; exported for the Wycheproof
 * tests. When decryption fails, the output is wiped.
 *
 * Context: process context; may sleep.
 *
 * Return: 0; -EBADMSG if the tag does not verify; -EINVAL if @dir is not
 * keyed or a buffer is not in linear memory (a caller bug: warns once); or
 * another errno of the AEAD.
 */
int tlshake_rec_crypt(struct tlshake_rec_dir *dir, bool enc, u8 *aad,
		      size_t aad_len, u8 *data, size_t len, const u8 *nonce)
{
	size_t data_len = enc ? len + TLSHAKE_REC_TAG_LEN : len;
	size_t crypt_len = enc ? len : len - TLSHAKE_REC_TAG_LEN;
	struct scatterlist sg[REC_SG_MAX];
	DECLARE_CRYPTO_WAIT(wait);
	int n = 0, err;

	might_sleep();
	if (!dir->aead || (!enc && len < TLSHAKE_REC_TAG_LEN))
		return -EINVAL;
	/* a scatterlist cannot describe the stack */
	if (WARN_ON_ONCE(object_is_on_stack(data) ||
			 (aad_len && object_is_on_stack(aad))))
		return -EINVAL;
	if (nonce != dir->nonce)
		memcpy(dir->nonce, nonce, TLSHAKE_REC_IV_LEN);
	sg_init_table(sg, REC_SG_MAX);
	if (aad_len)
		n = rec_sg_add(sg, n, aad, aad_len);
	if (n >= 0)
		n = rec_sg_add(sg, n, data, data_len);
	if (WARN_ON_ONCE(n <= 0))
		return -EINVAL;
	sg_mark_end(&sg[n - 1]);
	aead_request_set_callback(dir->req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(dir->req, aad_len);
	aead_request_set_crypt(dir->req, sg, sg, len, dir->nonce);
	if (enc)
		err = crypto_wait_req(crypto_aead_encrypt(dir->req), &wait);
	else
		err = crypto_wait_req(crypto_aead_decrypt(dir->req), &wait);
	if (err && !enc)
		memzero_explicit(data, crypt_len);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_crypt);

/**
 * tlshake_rec_seal() - protect one record in place
 * @dir: the direction
 * @type: the content type (alert, handshake or application data)
 * @rec: the buffer; the plaintext is at tlshake_rec_payload_offset()
 * @len: plaintext length, at most 2^14; 0 only for application data
 * @pad: TLS 1.3 zero padding to add (@len + @pad at most 2^14); must be 0
 *	for TLS 1.2
 * @buf_len: size of @rec; at least payload_offset + @len +
 *	tlshake_rec_overhead(@pad)
 *
 * Writes the header, the explicit nonce (TLS 1.2 AES-GCM), the inner
 * content type and padding (TLS 1.3) and the tag, and encrypts.
 *
 * Return: the length of the record; -EINVAL for a bad @type, an empty
 * handshake or alert record, padding in TLS 1.2 or an unkeyed direction;
 * -EMSGSIZE if the record is too long or does not fit @buf_len;
 * -EKEYEXPIRED if the key has reached its usage limit (TLS 1.3: rekey;
 * TLS 1.2: close); or another errno of the AEAD, after which the buffer is
 * garbage and the connection must be torn down.
 */
int tlshake_rec_seal(struct tlshake_rec_dir *dir, u8 type, u8 *rec,
		     size_t len, size_t pad, size_t buf_len)
{
	size_t off, inner, total;
	u8 *data;
	int err;

	if (!dir->aead || !rec_content_type_ok(type) ||
	    (!len && type != TLSHAKE_CT_APPLICATION_DATA) ||
	    (pad && !dir->tls13))
		return -EINVAL;
	if (len > TLSHAKE_MAX_PLAINTEXT || pad > TLSHAKE_MAX_PLAINTEXT - len)
		return -EMSGSIZE;
	off = tlshake_rec_payload_offset(dir);
	data = rec + off;
	inner = len + (dir->tls13 ? 1 + pad : 0);
	total = off + inner + TLSHAKE_REC_TAG_LEN;
	if (total > buf_len)
		return -EMSGSIZE;
	if (dir->seq >= dir->seq_limit)
		return -EKEYEXPIRED;

	if (dir->tls13) {
		data[len] = type;
		memset(data + len + 1, 0, pad);
		rec_header(rec, TLSHAKE_CT_APPLICATION_DATA,
			   total - TLSHAKE_REC_HDR_LEN);
		rec_nonce(dir, NULL);
		err = tlshake_rec_crypt(dir, true, rec, TLSHAKE_REC_HDR_LEN,
					data, inner, dir->nonce);
	} else {
		rec_header(rec, type, total - TLSHAKE_REC_HDR_LEN);
		if (rec_explicit_len(dir))
			put_unaligned_be64(dir->seq, rec + TLSHAKE_REC_HDR_LEN);
		rec_nonce(dir, rec + TLSHAKE_REC_HDR_LEN);
		rec_aad12(dir, type, len);
		err = tlshake_rec_crypt(dir, true, dir->aad, sizeof(dir->aad),
					data, inner, dir->nonce);
	}
	if (err)
		return err;
	dir->seq++;
	return total;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_seal);

/*
 * The inner content type of a TLS 1.3 record: its last non-zero byte. The
 * scan runs over the whole plaintext without branching on it.
 *
 * Return: the content length, or -1 if the plaintext is all zeroes.
 */
static ssize_t rec_inner_type(const u8 *p, size_t n, u8 *type)
{
	u64 t = 0, pos = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		u64 nonzero = ~ct_is_zero_mask(p[i]);

		t = ct_select(nonzero, p[i], t);
		pos = ct_select(nonzero, i, pos);
	}
	*type = t;
	return t ? (ssize_t)pos : -1;
}

static int rec_reject(u8 *alert, u8 desc, int err)
{
	*alert = desc;
	return err;
}

/* Everything that can be checked before decrypting. */
static int rec_check_header(const struct tlshake_rec_dir *dir, const u8 *rec,
			    size_t rec_len, u8 *alert)
{
	size_t explicit = rec_explicit_len(dir);
	size_t clen, max_inner;

	if (rec_len < TLSHAKE_REC_HDR_LEN)
		return rec_reject(alert, TLSHAKE_ALERT_DECODE_ERROR, -EINVAL);
	clen = get_unaligned_be16(rec + 3);
	if (rec_len != TLSHAKE_REC_HDR_LEN + clen)
		return rec_reject(alert, TLSHAKE_ALERT_DECODE_ERROR, -EINVAL);
	if (dir->tls13 ? rec[0] != TLSHAKE_CT_APPLICATION_DATA :
			 !rec_content_type_ok(rec[0]))
		return rec_reject(alert, TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
				  -EPROTO);
	if (get_unaligned_be16(rec + 1) != TLSHAKE_REC_VERSION)
		return rec_reject(alert, dir->tls13 ?
				  TLSHAKE_ALERT_DECODE_ERROR :
				  TLSHAKE_ALERT_PROTOCOL_VERSION, -EPROTO);
	if (clen > (dir->tls13 ? TLSHAKE_MAX_CIPHERTEXT_13 :
				 TLSHAKE_MAX_CIPHERTEXT_12))
		return rec_reject(alert, TLSHAKE_ALERT_RECORD_OVERFLOW,
				  -EMSGSIZE);
	/* TLS 1.3: content and padding at most 2^14, plus the type byte */
	max_inner = TLSHAKE_MAX_PLAINTEXT + dir->tls13;
	if (clen < explicit + TLSHAKE_REC_TAG_LEN + dir->tls13)
		return rec_reject(alert, TLSHAKE_ALERT_BAD_RECORD_MAC, -EBADMSG);
	if (clen - explicit - TLSHAKE_REC_TAG_LEN > max_inner)
		return rec_reject(alert, TLSHAKE_ALERT_RECORD_OVERFLOW,
				  -EMSGSIZE);
	if (dir->seq >= dir->seq_limit)
		return rec_reject(alert, TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
				  -EKEYEXPIRED);
	return 0;
}

/**
 * tlshake_rec_open() - check and decrypt one protected record in place
 * @dir: the direction
 * @rec: the record, header included (linear memory)
 * @rec_len: its length: exactly 5 + the header's length field
 * @type: set to the content type (TLS 1.3: the inner one)
 * @off: set to the offset of the plaintext in @rec
 * @len: set to the plaintext length (padding and type removed)
 * @alert: set to the alert to send on failure, TLSHAKE_ALERT_NONE on
 *	success
 *
 * Only protected records come here: TLS 1.3 records of outer type
 * application_data; TLS 1.2 alert, handshake or application data records
 * after ChangeCipherSpec. Zero-length application data is valid (and
 * returned with *@len = 0); zero-length alert or handshake content is not.
 *
 * Return: 0 on success, else:
 * -EINVAL (decode_error): @rec_len is not one whole record;
 * -EINVAL (internal_error): @dir is not keyed;
 * -EPROTO (unexpected_message): wrong outer type, TLS 1.3 plaintext with
 * no non-zero byte, bad inner type, empty handshake or alert content;
 * -EPROTO (decode_error for TLS 1.3, protocol_version for TLS 1.2): the
 * record version is not 0x0303;
 * -EMSGSIZE (record_overflow): ciphertext longer than 2^14 + 256 (TLS 1.3)
 * or 2^14 + 2048 (TLS 1.2), or plaintext longer than 2^14;
 * -EBADMSG (bad_record_mac): too short to hold a tag, or the tag does not
 * verify (the buffer is wiped);
 * -EKEYEXPIRED (unexpected_message): the peer went past the key's usage
 * limit or would wrap the sequence number;
 * another errno of the AEAD (internal_error).
 * After any failure the connection must be closed.
 */
int tlshake_rec_open(struct tlshake_rec_dir *dir, u8 *rec, size_t rec_len,
		     u8 *type, size_t *off, size_t *len, u8 *alert)
{
	ssize_t content;
	size_t o, plen;
	u8 t;
	int err;

	*alert = TLSHAKE_ALERT_NONE;
	if (!dir->aead)
		return rec_reject(alert, TLSHAKE_ALERT_INTERNAL_ERROR, -EINVAL);
	err = rec_check_header(dir, rec, rec_len, alert);
	if (err)
		return err;
	o = tlshake_rec_payload_offset(dir);
	plen = rec_len - o - TLSHAKE_REC_TAG_LEN;
	rec_nonce(dir, rec + TLSHAKE_REC_HDR_LEN);
	if (dir->tls13) {
		err = tlshake_rec_crypt(dir, false, rec, TLSHAKE_REC_HDR_LEN,
					rec + o, plen + TLSHAKE_REC_TAG_LEN,
					dir->nonce);
	} else {
		rec_aad12(dir, rec[0], plen);
		err = tlshake_rec_crypt(dir, false, dir->aad, sizeof(dir->aad),
					rec + o, plen + TLSHAKE_REC_TAG_LEN,
					dir->nonce);
	}
	if (err)
		return rec_reject(alert, err == -EBADMSG ?
				  TLSHAKE_ALERT_BAD_RECORD_MAC :
				  TLSHAKE_ALERT_INTERNAL_ERROR, err);
	dir->seq++;

	t = rec[0];
	if (dir->tls13) {
		content = rec_inner_type(rec + o, plen, &t);
		if (content < 0)
			return rec_reject(alert,
					  TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
					  -EPROTO);
		plen = content;
	}
	if (!rec_content_type_ok(t) ||
	    (!plen && t != TLSHAKE_CT_APPLICATION_DATA))
		return rec_reject(alert, TLSHAKE_ALERT_UNEXPECTED_MESSAGE,
				  -EPROTO);
	*type = t;
	*off = o;
	*len = plen;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rec_open);
