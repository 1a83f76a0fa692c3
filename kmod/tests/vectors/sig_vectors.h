/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the signature-verification vectors (vectors/sig-gen.h, made
 * by selftests/vectors/gen_sig.py from Wycheproof).
 */
#ifndef _TLSHAKE_TESTS_SIG_VECTORS_H
#define _TLSHAKE_TESTS_SIG_VECTORS_H

#include <linux/kernel.h>
#include <linux/types.h>

#include "sig.h"

enum { SIG_INVALID, SIG_VALID, SIG_ACCEPTABLE };

/**
 * struct sig_vector - one verification case
 * @tc_id: Wycheproof tcId
 * @result: SIG_VALID, SIG_INVALID or SIG_ACCEPTABLE (either outcome)
 * @msg_len: length of @msg
 * @sig_len: length of @sig
 * @msg: the message
 * @sig: the signature
 */
struct sig_vector {
	u16 tc_id;
	u8 result;
	u16 msg_len;
	u16 sig_len;
	const char *msg;
	const char *sig;
};

/**
 * struct sig_vector_group - cases sharing a public key
 * @name: the algorithm
 * @key_type: &enum tlshake_key_type
 * @bits: key size
 * @hash: &enum tlshake_hash
 * @pad: &enum tlshake_sig_pad
 * @key_len: length of @key
 * @key: RSAPublicKey DER, or the uncompressed EC point
 * @v: the cases
 * @n: their number
 */
struct sig_vector_group {
	const char *name;
	u8 key_type;
	u16 bits;
	u8 hash;
	u8 pad;
	u16 key_len;
	const char *key;
	const struct sig_vector *v;
	unsigned int n;
};

#endif /* _TLSHAKE_TESTS_SIG_VECTORS_H */
