// SPDX-License-Identifier: GPL-2.0
/*
 * The userspace side of kmod/crypto/port.h, for ct-check, fuzzing and
 * benchmarks: hashes from OpenSSL's libcrypto, randomness from getrandom().
 */
#include <openssl/evp.h>
#include <stdlib.h>
#include <sys/random.h>

#include "port.h"

/*
 * One digest context per hash, fetched and allocated once and reused: like
 * the kernel side, which allocates its transforms at module load (a fresh
 * EVP_MD_CTX and implicit fetch per call would cost more than the hashing
 * of a short message). The users of this library are single-threaded.
 */
static EVP_MD_CTX *port_md_ctx(enum port_hash alg)
{
	static const char * const names[] = { "SHA256", "SHA384", "SHA512" };
	static EVP_MD_CTX *ctxs[3];
	static EVP_MD *mds[3];

	if (!mds[alg])
		mds[alg] = EVP_MD_fetch(NULL, names[alg], NULL);
	if (!ctxs[alg])
		ctxs[alg] = EVP_MD_CTX_new();
	if (!mds[alg] || !ctxs[alg] ||
	    !EVP_DigestInit_ex(ctxs[alg], mds[alg], NULL))
		return NULL;
	return ctxs[alg];
}

int port_hash(enum port_hash alg, const struct port_iov *iov, int n, u8 *out)
{
	EVP_MD_CTX *ctx = port_md_ctx(alg);
	int ok = !!ctx, i;

	for (i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, iov[i].base, iov[i].len);
	if (ok)
		ok = EVP_DigestFinal_ex(ctx, out, NULL);
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
