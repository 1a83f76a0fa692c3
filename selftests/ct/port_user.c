// SPDX-License-Identifier: GPL-2.0
/*
 * The userspace side of kmod/crypto/port.h, for ct-check, fuzzing and
 * benchmarks: hashes from OpenSSL's libcrypto, randomness from getrandom().
 */
#include <openssl/evp.h>
#include <stdlib.h>
#include <sys/random.h>

#include "port.h"

int port_hash(enum port_hash alg, const struct port_iov *iov, int n, u8 *out)
{
	const EVP_MD *md = alg == PORT_SHA256 ? EVP_sha256() :
			   alg == PORT_SHA384 ? EVP_sha384() : EVP_sha512();
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok, i;

	if (!ctx)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(ctx, md, NULL);
	for (i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, iov[i].base, iov[i].len);
	if (ok)
		ok = EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -EINVAL;
}

void port_random(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		ssize_t r = getrandom(p, len, 0);

		if (r < 0)
			abort();
		p += r;
		len -= r;
	}
}

void *port_zalloc(size_t len)
{
	return calloc(1, len);
}

void port_free_secret(void *p, size_t len)
{
	if (p)
		memzero_explicit(p, len);
	free(p);
}
