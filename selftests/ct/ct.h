/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ct-check drivers: mark secrets undefined for valgrind's memcheck, so that
 * any branch or memory index that depends on them is reported as a use of
 * an uninitialised value (the technique BoringSSL and others use).
 */
#ifndef _TLSHAKE_CT_H
#define _TLSHAKE_CT_H

#include <valgrind/memcheck.h>

#define CT_SECRET(p, len) VALGRIND_MAKE_MEM_UNDEFINED((p), (len))
#define CT_PUBLIC(p, len) VALGRIND_MAKE_MEM_DEFINED((p), (len))

#endif /* _TLSHAKE_CT_H */
