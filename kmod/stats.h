/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-network-namespace counters of handshakes, alerts and records, shown
 * in /proc/net/tlshake_stat and by the netlink stats-get command, and the
 * hooks that move them (and fire the handshake tracepoints).
 */
#ifndef _TLSHAKE_STATS_H
#define _TLSHAKE_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>
#include <net/net_namespace.h>

struct tlshake_handshake;
struct tlshake_sock;

/*
 * The plain counters. Their order is the netlink attribute order too (see
 * stats-get in Documentation/netlink/specs/tlshake.yaml): only append.
 */
enum tlshake_mib_counter {
	TLSHAKE_MIB_HS_STARTED,
	TLSHAKE_MIB_HS_COMPLETED,
	TLSHAKE_MIB_HS_FAILED,
	TLSHAKE_MIB_HS_RESUMED,
	TLSHAKE_MIB_HS_CLIENT,
	TLSHAKE_MIB_HS_SERVER,
	TLSHAKE_MIB_HS_TLS12,
	TLSHAKE_MIB_HS_TLS13,
	TLSHAKE_MIB_ALERT_SENT,
	TLSHAKE_MIB_ALERT_RECEIVED,
	TLSHAKE_MIB_REC_SENT,
	TLSHAKE_MIB_REC_RECEIVED,
	TLSHAKE_MIB_DECRYPT_ERROR,
	TLSHAKE_MIB_KEYUPDATE_SENT,
	TLSHAKE_MIB_KEYUPDATE_RECEIVED,
	TLSHAKE_MIB_NCOUNTERS
};

/*
 * Fatal alerts are counted by description in two ranges of slots after
 * the plain counters, sent then received: one slot per description listed
 * in stats.c, and a last one for all others.
 */
#define TLSHAKE_MIB_NALERTS	25
#define TLSHAKE_MIB_SENT_BASE	TLSHAKE_MIB_NCOUNTERS
#define TLSHAKE_MIB_RCVD_BASE	(TLSHAKE_MIB_SENT_BASE + TLSHAKE_MIB_NALERTS)
#define TLSHAKE_MIB_MAX		(TLSHAKE_MIB_RCVD_BASE + TLSHAKE_MIB_NALERTS)

/**
 * struct tlshake_mib - one CPU's counters
 * @mibs: indexed by the TLSHAKE_MIB_* slots
 */
struct tlshake_mib {
	unsigned long mibs[TLSHAKE_MIB_MAX];
};

/**
 * struct tlshake_stats_snap - the counters of a namespace, summed over CPUs
 * @v: indexed like &struct tlshake_mib.mibs
 */
struct tlshake_stats_snap {
	u64 v[TLSHAKE_MIB_MAX];
};

void tlshake_stats_inc(struct net *net, unsigned int slot);
void tlshake_stats_read(struct net *net, struct tlshake_stats_snap *snap);
int tlshake_stats_alert_slot(u8 desc);
u8 tlshake_stats_alert_desc(unsigned int i);

void tlshake_stats_hs_start(struct tlshake_sock *ts,
			    const struct tlshake_handshake *p);
void tlshake_stats_hs_done(struct tlshake_sock *ts);
void tlshake_stats_hs_fail(struct tlshake_sock *ts);
void tlshake_stats_alert(struct tlshake_sock *ts, u8 desc, bool sent);

int tlshake_stats_register(void);
void tlshake_stats_unregister(void);

#endif /* _TLSHAKE_STATS_H */
