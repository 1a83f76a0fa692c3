/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Portability layer of tlshake's own cryptographic code.
 *
 * The code under kmod/crypto/ is the arithmetic and signing code the
 * 6.12 kernel does not have (constant-time ECDSA and Ed25519 signing,
 * RSA private operations, RSA-PSS). It is built twice: into tlshake.ko,
 * and as a plain userspace library (TLSHAKE_USERSPACE defined) so that
 * `make ct-check` can run it under valgrind with every secret marked
 * undefined, and `make fuzz` can drive it with libFuzzer. So it uses only
 * what this header provides: fixed-width types, mem*(), and the services
 * declared at the end, implemented by port_kernel.c in the module and by
 * selftests/ct/port_user.c in userspace.
 */
#ifndef _TLSHAKE_CRYPTO_PORT_H
#define _TLSHAKE_CRYPTO_PORT_H

#ifdef TLSHAKE_USERSPACE
#include "port_user.h"	/* selftests/ct/: stdint types, mem*() */
#else
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#endif

/*
 * Hide a value from the optimizer, so that constant-time selections built
 * from masks are not turned back into branches.
 */
static __always_inline u64 port_opt_barrier_u64(u64 x)
{
	__asm__("" : "+r"(x));
	return x;
}

static __always_inline u32 port_opt_barrier_u32(u32 x)
{
	__asm__("" : "+r"(x));
	return x;
}

/* Hash functions the portable code may use on secret data. */
enum port_hash {
	PORT_SHA256,
	PORT_SHA384,
	PORT_SHA512,
};

#define PORT_HASH_MAX_DIGEST	64
#define PORT_HASH_MAX_BLOCK	128

/* One piece of a message that is hashed as the concatenation of pieces. */
struct port_iov {
	const void *base;
	size_t len;
};

/**
 * port_hash_len() - digest length of a hash
 * @alg: the hash
 *
 * Return: 32, 48 or 64.
 */
static inline size_t port_hash_len(enum port_hash alg)
{
	return alg == PORT_SHA256 ? 32 : alg == PORT_SHA384 ? 48 : 64;
}

/**
 * port_hash_block() - block length of a hash (for HMAC)
 * @alg: the hash
 *
 * Return: 64 or 128.
 */
static inline size_t port_hash_block(enum port_hash alg)
{
	return alg == PORT_SHA256 ? 64 : 128;
}

/**
 * port_hash() - hash the concatenation of @n pieces
 * @alg: the hash
 * @iov: the pieces
 * @n: number of pieces
 * @out: port_hash_len(@alg) bytes of digest
 *
 * Constant-time in the contents of the pieces (their lengths are public).
 *
 * Return: 0, or -ENOMEM/-ENOENT if the hash is unavailable.
 */
int port_hash(enum port_hash alg, const struct port_iov *iov, int n, u8 *out);

/**
 * port_random() - fill a buffer from the system's CSPRNG
 * @buf: the buffer
 * @len: its length
 */
void port_random(void *buf, size_t len);

/**
 * port_zalloc() - allocate zeroed memory for secret scratch data
 * @len: bytes
 *
 * Return: the memory, or NULL.
 */
void *port_zalloc(size_t len);

/**
 * port_free_secret() - wipe and free memory from port_zalloc()
 * @p: the memory, or NULL
 * @len: its length, as allocated
 */
void port_free_secret(void *p, size_t len);

/**
 * port_declassify() - declare that secret-derived bytes are now public
 * @p: the bytes
 * @len: their length
 *
 * For values that are secret-derived but published or safe to branch on
 * (a finished signature, the outcome of a rejection-sampling test whose
 * failure probability is negligible). A no-op in the kernel; under
 * `make ct-check` it tells valgrind the bytes are defined again, so every
 * remaining report is a real secret-dependent branch or index.
 */
#ifdef TLSHAKE_CT_VALGRIND
#include <valgrind/memcheck.h>
#define port_declassify(p, len) VALGRIND_MAKE_MEM_DEFINED((p), (len))
#else
#define port_declassify(p, len) do { (void)(p); (void)(len); } while (0)
#endif

#ifndef TLSHAKE_USERSPACE
int port_init(void);
void port_exit(void);
#endif

#endif /* _TLSHAKE_CRYPTO_PORT_H */
