/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The timing loop of the bench_*.c that compare one of our operations with
 * OpenSSL's: each measurement is the median of RUNS runs of about RUN_NS,
 * ours and OpenSSL's interleaved so that both see the same machine load.
 * A benchmark defines its own struct ctx, the state its operations share.
 *
 *   bench <name>: ours <ops/s> openssl <ops/s> ratio <ours/openssl>
 */
#ifndef _TLSHAKE_BENCH_H
#define _TLSHAKE_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "port.h"

#define RUNS	7
#define RUN_NS	200000000ULL

struct ctx;

static inline u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ops/s of @op over about RUN_NS */
static inline double rate(void (*op)(struct ctx *), struct ctx *c)
{
	u64 start = now_ns(), t;
	unsigned long n = 0;

	do {
		op(c);
		op(c);
		n += 2;
		t = now_ns();
	} while (t - start < RUN_NS);
	return n * 1e9 / (t - start);
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Measure @ours and @theirs on @c and print the line above. */
static inline void report(const char *name, void (*ours)(struct ctx *),
			  void (*theirs)(struct ctx *), struct ctx *c)
{
	double o[RUNS], t[RUNS];
	int i;

	for (i = 0; i < RUNS; i++) {
		o[i] = rate(ours, c);
		t[i] = rate(theirs, c);
	}
	qsort(o, RUNS, sizeof(double), cmp_double);
	qsort(t, RUNS, sizeof(double), cmp_double);
	printf("bench %s: ours %.0f openssl %.0f ratio %.2f\n", name,
	       o[RUNS / 2], t[RUNS / 2], o[RUNS / 2] / t[RUNS / 2]);
	fflush(stdout);
}

#endif /* _TLSHAKE_BENCH_H */
