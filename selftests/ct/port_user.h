/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What kmod/crypto/port.h needs from userspace: the kernel's type names and
 * helpers, for the userspace builds of the portable crypto code.
 */
#ifndef _TLSHAKE_PORT_USER_H
#define _TLSHAKE_PORT_USER_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int32_t s32;
typedef int64_t s64;
typedef __int128 s128;
typedef unsigned __int128 u128;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define noinline __attribute__((__noinline__))
/* KUnit-only exports of the kernel build: nothing to export here */
#define EXPORT_SYMBOL_IF_KUNIT(sym)

/* Like the kernel's: a store the compiler may not elide. */
static inline void memzero_explicit(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

#endif /* _TLSHAKE_PORT_USER_H */
