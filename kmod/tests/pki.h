/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test PKI (selftests/certs/gen-pki.sh, compiled in as pki-gen.h):
 * certificates in DER and test keys as components, by name.
 */
#ifndef _TLSHAKE_TESTS_PKI_H
#define _TLSHAKE_TESTS_PKI_H

#include <kunit/test.h>
#include <linux/types.h>

struct tlshake_cert;
struct tlshake_key_parts;

/**
 * struct tlshake_test_blob - one item of the test PKI
 * @name: file name without extension, or "<key>_key_<component>"
 * @data: the bytes
 * @len: their number
 */
struct tlshake_test_blob {
	const char *name;
	const u8 *data;
	size_t len;
};

const struct tlshake_test_blob *tlshake_test_pki(struct kunit *test,
						 const char *name);
struct tlshake_cert *tlshake_test_cert(struct kunit *test, const char *name);
void tlshake_test_key(struct kunit *test, const char *name,
		      struct tlshake_key_parts *kp);

#endif /* _TLSHAKE_TESTS_PKI_H */
