// SPDX-License-Identifier: GPL-2.0
/*
 * The running transcript hash. The hash of the messages so far is read
 * without finishing the running state: the state is exported into a
 * scratch descriptor, which is finished instead.
 */
#include <crypto/hash.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "suite.h"
#include "transcript.h"

/**
 * tlshake_transcript_init() - start an empty transcript, buffering
 * @tr: the transcript
 */
void tlshake_transcript_init(struct tlshake_transcript *tr)
{
	memset(tr, 0, sizeof(*tr));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_init);

static int buffer_append(struct tlshake_transcript *tr, const u8 *msg,
			 size_t len)
{
	size_t cap;
	u8 *buf;

	if (len > TLSHAKE_TRANSCRIPT_MAX_BUF - tr->len)
		return -EMSGSIZE;
	if (tr->len + len > tr->cap) {
		cap = max3(tr->len + len, 2 * tr->cap, (size_t)1024);
		cap = min_t(size_t, cap, TLSHAKE_TRANSCRIPT_MAX_BUF);
		buf = kvrealloc(tr->buf, cap, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		tr->buf = buf;
		tr->cap = cap;
	}
	memcpy(tr->buf + tr->len, msg, len);
	tr->len += len;
	return 0;
}

static void buffer_drop(struct tlshake_transcript *tr)
{
	kvfree(tr->buf);
	tr->buf = NULL;
	tr->len = 0;
	tr->cap = 0;
}

static struct shash_desc *desc_alloc(struct crypto_shash *tfm)
{
	struct shash_desc *desc;

	desc = kzalloc(sizeof(*desc) + crypto_shash_descsize(tfm), GFP_KERNEL);
	if (desc)
		desc->tfm = tfm;
	return desc;
}

static void hash_free(struct tlshake_transcript *tr)
{
	kfree_sensitive(tr->state);
	kfree_sensitive(tr->tmp);
	kfree_sensitive(tr->desc);
	crypto_free_shash(tr->tfm);
	tr->state = NULL;
	tr->tmp = NULL;
	tr->desc = NULL;
	tr->tfm = NULL;
}

/**
 * tlshake_transcript_set_hash() - name the hash and hash what was buffered
 * @tr: the transcript, still buffering
 * @hash: crypto API name of the hash ("sha256", "sha384")
 * @keep: also keep the raw messages (see tlshake_transcript_messages())
 *
 * Return: 0; -EINVAL if the hash was already set or is longer than
 * TLSHAKE_MAX_HASH_LEN; -ENOMEM; or the errno of crypto_alloc_shash()
 * (-ENOENT if the hash does not exist).
 */
int tlshake_transcript_set_hash(struct tlshake_transcript *tr,
				const char *hash, bool keep)
{
	struct crypto_shash *tfm;
	int err;

	if (tr->tfm)
		return -EINVAL;
	tfm = crypto_alloc_shash(hash, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	tr->tfm = tfm;
	err = -EINVAL;
	if (crypto_shash_digestsize(tfm) > TLSHAKE_MAX_HASH_LEN)
		goto err_hash;
	err = -ENOMEM;
	tr->desc = desc_alloc(tfm);
	tr->tmp = desc_alloc(tfm);
	tr->state = kzalloc(crypto_shash_statesize(tfm), GFP_KERNEL);
	if (!tr->desc || !tr->tmp || !tr->state)
		goto err_hash;
	err = crypto_shash_init(tr->desc);
	if (!err && tr->len)
		err = crypto_shash_update(tr->desc, tr->buf, tr->len);
	if (err)
		goto err_hash;
	tr->keep = keep;
	if (!keep)
		buffer_drop(tr);
	return 0;

err_hash:
	hash_free(tr);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_set_hash);

/**
 * tlshake_transcript_add() - append one or more handshake messages
 * @tr: the transcript
 * @msg: the messages, with their 4-byte handshake headers
 * @len: their length
 *
 * Return: 0; -EMSGSIZE if buffering would exceed TLSHAKE_TRANSCRIPT_MAX_BUF;
 * -ENOMEM; or the errno of the hash.
 */
int tlshake_transcript_add(struct tlshake_transcript *tr, const u8 *msg,
			   size_t len)
{
	int err;

	if (!len)
		return 0;
	if (!tr->tfm || tr->keep) {
		err = buffer_append(tr, msg, len);
		if (err)
			return err;
	}
	if (!tr->tfm)
		return 0;
	return crypto_shash_update(tr->desc, msg, len);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_add);

/**
 * tlshake_transcript_hash() - hash of the messages so far
 * @tr: the transcript
 * @out: tlshake_transcript_hash_len() bytes of hash
 *
 * The transcript goes on: later messages are hashed after these.
 *
 * Return: 0; -EINVAL if the hash is not set yet; or the errno of the hash.
 */
int tlshake_transcript_hash(struct tlshake_transcript *tr, u8 *out)
{
	int err;

	if (!tr->tfm)
		return -EINVAL;
	err = crypto_shash_export(tr->desc, tr->state);
	if (!err)
		err = crypto_shash_import(tr->tmp, tr->state);
	if (!err)
		err = crypto_shash_final(tr->tmp, out);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_hash);

/**
 * tlshake_transcript_hash_with() - hash of the messages so far and more
 * @tr: the transcript
 * @more: bytes hashed after the messages, not added to the transcript (a
 *	ClientHello truncated before its PSK binders, RFC 8446 4.2.11.2)
 * @len: their length
 * @out: tlshake_transcript_hash_len() bytes of hash
 *
 * Return: 0; -EINVAL if the hash is not set yet; or the errno of the hash.
 */
int tlshake_transcript_hash_with(struct tlshake_transcript *tr,
				 const u8 *more, size_t len, u8 *out)
{
	int err;

	if (!tr->tfm)
		return -EINVAL;
	err = crypto_shash_export(tr->desc, tr->state);
	if (!err)
		err = crypto_shash_import(tr->tmp, tr->state);
	if (!err)
		err = crypto_shash_finup(tr->tmp, more, len, out);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_hash_with);

/**
 * tlshake_transcript_hash_len() - length of the transcript hash
 * @tr: the transcript
 *
 * Return: the digest size, or 0 while the hash is not set.
 */
unsigned int tlshake_transcript_hash_len(const struct tlshake_transcript *tr)
{
	return tr->tfm ? crypto_shash_digestsize(tr->tfm) : 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_hash_len);

/**
 * tlshake_transcript_hrr() - replace ClientHello1 for a HelloRetryRequest
 * @tr: the transcript, holding exactly ClientHello1, hash set
 *
 * RFC 8446 4.4.1: on a HelloRetryRequest the first ClientHello is replaced
 * by the synthetic handshake message message_hash (type 254) whose body is
 * Hash(ClientHello1). Call this before adding the HelloRetryRequest.
 *
 * Return: 0; -EINVAL if the hash is not set; or the errno of the hash.
 */
int tlshake_transcript_hrr(struct tlshake_transcript *tr)
{
	u8 msg[4 + TLSHAKE_MAX_HASH_LEN];
	unsigned int hlen;
	int err;

	hlen = tlshake_transcript_hash_len(tr);
	err = tlshake_transcript_hash(tr, msg + 4);
	if (err)
		return err;
	msg[0] = TLSHAKE_HS_MESSAGE_HASH;
	msg[1] = 0;
	msg[2] = 0;
	msg[3] = hlen;
	if (tr->keep)
		tr->len = 0;
	err = crypto_shash_init(tr->desc);
	if (err)
		return err;
	return tlshake_transcript_add(tr, msg, 4 + hlen);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_hrr);

/**
 * tlshake_transcript_messages() - the raw messages of the transcript
 * @tr: the transcript
 * @len: set to their length
 *
 * Return: the messages added so far, if the transcript is still buffering
 * or was told to keep them; else NULL with *@len = 0. Valid until the next
 * call on @tr.
 */
const u8 *tlshake_transcript_messages(const struct tlshake_transcript *tr,
				      size_t *len)
{
	*len = tr->len;
	return tr->len ? tr->buf : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_messages);

/**
 * tlshake_transcript_free() - free a transcript
 * @tr: the transcript; all zeroes afterwards
 */
void tlshake_transcript_free(struct tlshake_transcript *tr)
{
	hash_free(tr);
	buffer_drop(tr);
	memzero_explicit(tr, sizeof(*tr));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_transcript_free);
