/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A test vector byte string, as the generated headers in vectors/ write
 * them: TV("\x01\x02") has length 2 (the literal's NUL is not counted).
 */
#ifndef _TLSHAKE_TEST_TV_H
#define _TLSHAKE_TEST_TV_H

#include <linux/types.h>

/**
 * struct tlshake_tv - a byte string of a test vector
 * @p: the bytes
 * @len: their number
 */
struct tlshake_tv {
	const u8 *p;
	size_t len;
};

#define TV(s)	{ .p = (const u8 *)(s), .len = sizeof(s) - 1 }
/* for values too long for a string literal */
#define TV_ARRAY(a)	{ .p = (a), .len = sizeof(a) }

#endif /* _TLSHAKE_TEST_TV_H */
