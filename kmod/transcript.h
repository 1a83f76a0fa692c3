/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handshake transcript: the running hash of the handshake messages
 * (RFC 8446 4.4.1; RFC 5246 7.4.9 for TLS 1.2).
 *
 * A transcript starts buffering, because the ClientHello is sent (or
 * received) before the cipher suite, and so the hash, is known. Once
 * tlshake_transcript_set_hash() names the hash, the buffered messages are
 * hashed and every later message is hashed as it is added; the buffer is
 * dropped unless the caller asked to keep the raw messages (TLS 1.2
 * CertificateVerify signs them, possibly under another hash).
 *
 * A transcript belongs to one handshake; calls on it must be serialized.
 * They allocate (GFP_KERNEL) and so must be made in process context.
 */
#ifndef _TLSHAKE_TRANSCRIPT_H
#define _TLSHAKE_TRANSCRIPT_H

#include <linux/types.h>

struct crypto_shash;
struct shash_desc;

/* Most bytes of handshake messages a transcript buffers. */
#define TLSHAKE_TRANSCRIPT_MAX_BUF	(256 * 1024)

/* HandshakeType of the synthetic message of RFC 8446 4.4.1 */
#define TLSHAKE_HS_MESSAGE_HASH		254

/**
 * struct tlshake_transcript - a running transcript hash
 * @tfm: the hash, NULL while only buffering
 * @desc: the running hash state
 * @tmp: scratch state for hashes of the messages so far
 * @state: buffer for exporting @desc into @tmp
 * @buf: the buffered messages
 * @len: bytes in @buf
 * @cap: size of @buf
 * @keep: keep buffering after the hash is set
 */
struct tlshake_transcript {
	struct crypto_shash *tfm;
	struct shash_desc *desc;
	struct shash_desc *tmp;
	void *state;
	u8 *buf;
	size_t len;
	size_t cap;
	bool keep;
};

void tlshake_transcript_init(struct tlshake_transcript *tr);
int tlshake_transcript_set_hash(struct tlshake_transcript *tr,
				const char *hash, bool keep);
int tlshake_transcript_add(struct tlshake_transcript *tr, const u8 *msg,
			   size_t len);
int tlshake_transcript_hash(struct tlshake_transcript *tr, u8 *out);
int tlshake_transcript_hash_with(struct tlshake_transcript *tr,
				 const u8 *more, size_t len, u8 *out);
unsigned int tlshake_transcript_hash_len(const struct tlshake_transcript *tr);
int tlshake_transcript_hrr(struct tlshake_transcript *tr);
const u8 *tlshake_transcript_messages(const struct tlshake_transcript *tr,
				      size_t *len);
void tlshake_transcript_free(struct tlshake_transcript *tr);

#endif /* _TLSHAKE_TRANSCRIPT_H */
