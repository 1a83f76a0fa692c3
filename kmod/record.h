/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Record protection: seal and open one TLS record, in place, for one
 * direction of one connection (RFC 8446 5.2-5.5, RFC 5246 6.2.3.3 with
 * RFC 5288 and RFC 7905).
 *
 * This header is the contract between the record layer (record.c) and its
 * users (the socket I/O and the handshake). Buffers are linear; the AEAD
 * runs in place over a scatterlist on them, with a request allocated once
 * per direction, so sealing and opening allocate nothing.
 *
 * Memory: record buffers and struct tlshake_rec_dir itself are reached
 * through scatterlists, so they must be in the kernel's linear mapping
 * (kmalloc()ed or embedded in kmalloc()ed memory; not on the stack, not
 * vmalloc()ed). Anything else is refused with -EINVAL.
 *
 * Context: tlshake_rec_seal() and tlshake_rec_open() may sleep (they wait
 * for an asynchronous AEAD implementation) and must be serialized per
 * direction; init and rekey allocate with GFP_KERNEL.
 */
#ifndef _TLSHAKE_RECORD_H
#define _TLSHAKE_RECORD_H

#include <linux/types.h>

struct tlshake_suite;
struct crypto_aead;
struct aead_request;

#define TLSHAKE_REC_HDR_LEN		5
#define TLSHAKE_MAX_PLAINTEXT		16384		/* 2^14 */
/* TLS 1.3 TLSCiphertext.length may be up to 2^14 + 256 */
#define TLSHAKE_MAX_CIPHERTEXT_13	(TLSHAKE_MAX_PLAINTEXT + 256)
/* TLS 1.2 TLSCiphertext.length may be up to 2^14 + 2048 */
#define TLSHAKE_MAX_CIPHERTEXT_12	(TLSHAKE_MAX_PLAINTEXT + 2048)
#define TLSHAKE_REC_TAG_LEN		16
#define TLSHAKE_REC_IV_LEN		12
#define TLSHAKE_REC_EXPLICIT_NONCE_LEN	8		/* TLS 1.2 AES-GCM */
/* Largest record a peer may send us, header included. */
#define TLSHAKE_REC_MAX_LEN	(TLSHAKE_REC_HDR_LEN + TLSHAKE_MAX_CIPHERTEXT_12)
/* TLS 1.2 additional_data: seq_num, type, version, length */
#define TLSHAKE_REC_AAD12_LEN		13
/* legacy_record_version of every protected record */
#define TLSHAKE_REC_VERSION		0x0303

/**
 * struct tlshake_rec_dir - protection state of one direction
 * @suite: the cipher suite
 * @tls13: TLS 1.3 (true) or TLS 1.2 record format
 * @aead: the AEAD transform, allocated when the direction is first keyed
 * @req: the AEAD request, allocated with @aead
 * @iv: TLS 1.3 / ChaCha20: the 12-byte write IV; TLS 1.2 AES-GCM: the
 *	4-byte implicit salt in the first bytes
 * @seq: sequence number of the next record
 * @seq_limit: records this key may protect (RFC 8446 5.5); sealing or
 *	opening at the limit fails with -EKEYEXPIRED
 * @nonce: the per-record nonce being used
 * @aad: the TLS 1.2 additional data being used
 */
struct tlshake_rec_dir {
	const struct tlshake_suite *suite;
	bool tls13;
	struct crypto_aead *aead;
	struct aead_request *req;
	u8 iv[TLSHAKE_REC_IV_LEN];
	u64 seq;
	u64 seq_limit;
	u8 nonce[TLSHAKE_REC_IV_LEN];
	u8 aad[TLSHAKE_REC_AAD12_LEN];
};

int tlshake_rec_init(struct tlshake_rec_dir *dir,
		     const struct tlshake_suite *suite, bool tls13,
		     const u8 *key, const u8 *iv);
int tlshake_rec_rekey(struct tlshake_rec_dir *dir, const u8 *key,
		      const u8 *iv);
void tlshake_rec_free(struct tlshake_rec_dir *dir);

size_t tlshake_rec_overhead(const struct tlshake_rec_dir *dir, size_t pad);
size_t tlshake_rec_payload_offset(const struct tlshake_rec_dir *dir);
int tlshake_rec_seal(struct tlshake_rec_dir *dir, u8 type, u8 *rec,
		     size_t len, size_t pad, size_t buf_len);
int tlshake_rec_open(struct tlshake_rec_dir *dir, u8 *rec, size_t rec_len,
		     u8 *type, size_t *off, size_t *len, u8 *alert);
bool tlshake_rec_needs_rekey(const struct tlshake_rec_dir *dir);

/* internal: the single AEAD call of seal and open, exported for KUnit */
int tlshake_rec_crypt(struct tlshake_rec_dir *dir, bool enc, u8 *aad,
		      size_t aad_len, u8 *data, size_t len, const u8 *nonce);

#endif /* _TLSHAKE_RECORD_H */
