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
 * The plain counters: X(enum suffix, /proc name). The enum values are the
 * netlink attribute order too (see stats-get in the spec), so only append.
 */
#define TLSHAKE_MIB_COUNTERS(X)						\
	X(HS_STARTED, "TlshakeHandshakeStarted")			\
	X(HS_COMPLETED, "TlshakeHandshakeCompleted")			\
	X(HS_FAILED, "TlshakeHandshakeFailed")				\
	X(HS_RESUMED, "TlshakeHandshakeResumed")			\
	X(HS_CLIENT, "TlshakeHandshakeClient")				\
	X(HS_SERVER, "TlshakeHandshakeServer")				\
	X(HS_TLS12, "TlshakeHandshakeTls12")				\
	X(HS_TLS13, "TlshakeHandshakeTls13")				\
	X(ALERT_SENT, "TlshakeAlertSent")				\
	X(ALERT_RECEIVED, "TlshakeAlertReceived")			\
	X(REC_SENT, "TlshakeRecordsSent")				\
	X(REC_RECEIVED, "TlshakeRecordsReceived")			\
	X(DECRYPT_ERROR, "TlshakeDecryptError")				\
	X(KEYUPDATE_SENT, "TlshakeKeyUpdateSent")			\
	X(KEYUPDATE_RECEIVED, "TlshakeKeyUpdateReceived")

/*
 * The fatal alerts counted one by one: X(description, /proc name suffix).
 * Any other description is counted as "Other".
 */
#define TLSHAKE_MIB_ALERTS(X)						\
	X(10, "UnexpectedMessage")					\
	X(20, "BadRecordMac")						\
	X(22, "RecordOverflow")						\
	X(40, "HandshakeFailure")					\
	X(42, "BadCertificate")						\
	X(43, "UnsupportedCertificate")					\
	X(44, "CertificateRevoked")					\
	X(45, "CertificateExpired")					\
	X(46, "CertificateUnknown")					\
	X(47, "IllegalParameter")					\
	X(48, "UnknownCa")						\
	X(49, "AccessDenied")						\
	X(50, "DecodeError")						\
	X(51, "DecryptError")						\
	X(70, "ProtocolVersion")					\
	X(71, "InsufficientSecurity")					\
	X(80, "InternalError")						\
	X(86, "InappropriateFallback")					\
	X(90, "UserCanceled")						\
	X(109, "MissingExtension")					\
	X(110, "UnsupportedExtension")					\
	X(112, "UnrecognizedName")					\
	X(116, "CertificateRequired")					\
	X(120, "NoApplicationProtocol")

#define TLSHAKE_MIB_ENUM(id, name)	TLSHAKE_MIB_##id,
#define TLSHAKE_MIB_ONE(desc, name)	+ 1

/* Slots of the per-cpu counter array. */
enum {
	TLSHAKE_MIB_COUNTERS(TLSHAKE_MIB_ENUM)
	TLSHAKE_MIB_NCOUNTERS
};

/* Alert slots: known descriptions in TLSHAKE_MIB_ALERTS order, then other */
#define TLSHAKE_MIB_NALERTS	(0 TLSHAKE_MIB_ALERTS(TLSHAKE_MIB_ONE) + 1)
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
