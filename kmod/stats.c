// SPDX-License-Identifier: GPL-2.0
/*
 * Per-network-namespace counters (SNMP style: per-cpu, summed when read)
 * and /proc/net/tlshake_stat; the hooks that move them for a connection
 * also fire the handshake tracepoints.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/tlshake.h>
#include <net/netns/generic.h>
#include <net/sock.h>

#include "alert.h"
#include "conn.h"
#include "stats.h"
#include "trace.h"

/**
 * struct tlshake_net_stats - the per-namespace part
 * @mib: the counters
 */
struct tlshake_net_stats {
	struct tlshake_mib __percpu *mib;
};

static unsigned int tlshake_stats_net_id __read_mostly;

static const char *const counter_names[] = {
	[TLSHAKE_MIB_HS_STARTED]	= "TlshakeHandshakeStarted",
	[TLSHAKE_MIB_HS_COMPLETED]	= "TlshakeHandshakeCompleted",
	[TLSHAKE_MIB_HS_FAILED]		= "TlshakeHandshakeFailed",
	[TLSHAKE_MIB_HS_RESUMED]	= "TlshakeHandshakeResumed",
	[TLSHAKE_MIB_HS_CLIENT]		= "TlshakeHandshakeClient",
	[TLSHAKE_MIB_HS_SERVER]		= "TlshakeHandshakeServer",
	[TLSHAKE_MIB_HS_TLS12]		= "TlshakeHandshakeTls12",
	[TLSHAKE_MIB_HS_TLS13]		= "TlshakeHandshakeTls13",
	[TLSHAKE_MIB_ALERT_SENT]	= "TlshakeAlertSent",
	[TLSHAKE_MIB_ALERT_RECEIVED]	= "TlshakeAlertReceived",
	[TLSHAKE_MIB_REC_SENT]		= "TlshakeRecordsSent",
	[TLSHAKE_MIB_REC_RECEIVED]	= "TlshakeRecordsReceived",
	[TLSHAKE_MIB_DECRYPT_ERROR]	= "TlshakeDecryptError",
	[TLSHAKE_MIB_KEYUPDATE_SENT]	= "TlshakeKeyUpdateSent",
	[TLSHAKE_MIB_KEYUPDATE_RECEIVED] = "TlshakeKeyUpdateReceived",
};

static_assert(ARRAY_SIZE(counter_names) == TLSHAKE_MIB_NCOUNTERS);

/* The alerts counted one by one (RFC 8446 6, RFC 5246 7.2). */
static const struct {
	u8 desc;
	const char *name;
} alert_slots[] = {
	{ TLSHAKE_ALERT_UNEXPECTED_MESSAGE, "UnexpectedMessage" },
	{ TLSHAKE_ALERT_BAD_RECORD_MAC, "BadRecordMac" },
	{ TLSHAKE_ALERT_RECORD_OVERFLOW, "RecordOverflow" },
	{ TLSHAKE_ALERT_HANDSHAKE_FAILURE, "HandshakeFailure" },
	{ TLSHAKE_ALERT_BAD_CERTIFICATE, "BadCertificate" },
	{ TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE, "UnsupportedCertificate" },
	{ TLSHAKE_ALERT_CERTIFICATE_REVOKED, "CertificateRevoked" },
	{ TLSHAKE_ALERT_CERTIFICATE_EXPIRED, "CertificateExpired" },
	{ TLSHAKE_ALERT_CERTIFICATE_UNKNOWN, "CertificateUnknown" },
	{ TLSHAKE_ALERT_ILLEGAL_PARAMETER, "IllegalParameter" },
	{ TLSHAKE_ALERT_UNKNOWN_CA, "UnknownCa" },
	{ TLSHAKE_ALERT_ACCESS_DENIED, "AccessDenied" },
	{ TLSHAKE_ALERT_DECODE_ERROR, "DecodeError" },
	{ TLSHAKE_ALERT_DECRYPT_ERROR, "DecryptError" },
	{ TLSHAKE_ALERT_PROTOCOL_VERSION, "ProtocolVersion" },
	{ TLSHAKE_ALERT_INSUFFICIENT_SECURITY, "InsufficientSecurity" },
	{ TLSHAKE_ALERT_INTERNAL_ERROR, "InternalError" },
	{ TLSHAKE_ALERT_INAPPROPRIATE_FALLBACK, "InappropriateFallback" },
	{ TLSHAKE_ALERT_USER_CANCELED, "UserCanceled" },
	{ TLSHAKE_ALERT_MISSING_EXTENSION, "MissingExtension" },
	{ TLSHAKE_ALERT_UNSUPPORTED_EXTENSION, "UnsupportedExtension" },
	{ TLSHAKE_ALERT_UNRECOGNIZED_NAME, "UnrecognizedName" },
	{ TLSHAKE_ALERT_CERTIFICATE_REQUIRED, "CertificateRequired" },
	{ TLSHAKE_ALERT_NO_APPLICATION_PROTOCOL, "NoApplicationProtocol" },
};

/* and the last slot counts the others */
static_assert(ARRAY_SIZE(alert_slots) + 1 == TLSHAKE_MIB_NALERTS);

static const char *alert_name(unsigned int i)
{
	return i < ARRAY_SIZE(alert_slots) ? alert_slots[i].name : "Other";
}

/**
 * tlshake_stats_alert_slot() - where an alert description is counted
 * @desc: the AlertDescription
 *
 * Return: its index among the alert slots; the last one is "other".
 */
int tlshake_stats_alert_slot(u8 desc)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(alert_slots); i++)
		if (alert_slots[i].desc == desc)
			return i;
	return ARRAY_SIZE(alert_slots);
}

/**
 * tlshake_stats_alert_desc() - the alert description of a slot
 * @i: an index below %TLSHAKE_MIB_NALERTS
 *
 * Return: the AlertDescription, or %TLSHAKE_ALERT_NONE for "other".
 */
u8 tlshake_stats_alert_desc(unsigned int i)
{
	return i < ARRAY_SIZE(alert_slots) ? alert_slots[i].desc :
	       TLSHAKE_ALERT_NONE;
}

static struct tlshake_net_stats *stats_net(struct net *net)
{
	return net_generic(net, tlshake_stats_net_id);
}

/**
 * tlshake_stats_inc() - count one event
 * @net: the namespace
 * @slot: a TLSHAKE_MIB_* slot
 *
 * Any context.
 */
void tlshake_stats_inc(struct net *net, unsigned int slot)
{
	this_cpu_inc(stats_net(net)->mib->mibs[slot]);
}

/**
 * tlshake_stats_read() - the counters of a namespace, summed over CPUs
 * @net: the namespace
 * @snap: filled in
 *
 * Not atomic across counters: each is read once, while others may move.
 */
void tlshake_stats_read(struct net *net, struct tlshake_stats_snap *snap)
{
	struct tlshake_mib __percpu *mib = stats_net(net)->mib;
	int cpu, i;

	memset(snap, 0, sizeof(*snap));
	for_each_possible_cpu(cpu) {
		const struct tlshake_mib *m = per_cpu_ptr(mib, cpu);

		for (i = 0; i < TLSHAKE_MIB_MAX; i++)
			snap->v[i] += READ_ONCE(m->mibs[i]);
	}
}

static void stats_inc(struct tlshake_sock *ts, unsigned int slot)
{
	tlshake_stats_inc(sock_net(ts->sk), slot);
}

/**
 * tlshake_stats_hs_start() - a handshake starts
 * @ts: the connection
 * @p: its parameters
 */
void tlshake_stats_hs_start(struct tlshake_sock *ts,
			    const struct tlshake_handshake *p)
{
	bool server = p->role == TLSHAKE_ROLE_SERVER;

	stats_inc(ts, TLSHAKE_MIB_HS_STARTED);
	stats_inc(ts, server ? TLSHAKE_MIB_HS_SERVER : TLSHAKE_MIB_HS_CLIENT);
	trace_tlshake_handshake_start(ts->sk, server, p->min_version,
				      p->max_version);
}

/**
 * tlshake_stats_hs_done() - a handshake completed
 * @ts: the connection; its &struct tlshake_info is final
 */
void tlshake_stats_hs_done(struct tlshake_sock *ts)
{
	const struct tlshake_info *info = &ts->info;

	stats_inc(ts, TLSHAKE_MIB_HS_COMPLETED);
	if (info->version == TLSHAKE_VERSION_1_3)
		stats_inc(ts, TLSHAKE_MIB_HS_TLS13);
	else if (info->version == TLSHAKE_VERSION_1_2)
		stats_inc(ts, TLSHAKE_MIB_HS_TLS12);
	if (info->resumed)
		stats_inc(ts, TLSHAKE_MIB_HS_RESUMED);
	trace_tlshake_handshake_done(ts->sk, info->version,
				     info->cipher_suite, info->group,
				     info->resumed);
}

/**
 * tlshake_stats_hs_fail() - a handshake failed (once per handshake)
 * @ts: the connection; the info's error, reason and alerts are set
 */
void tlshake_stats_hs_fail(struct tlshake_sock *ts)
{
	const struct tlshake_info *info = &ts->info;

	stats_inc(ts, TLSHAKE_MIB_HS_FAILED);
	trace_tlshake_handshake_fail(ts->sk, -info->error, info->alert_sent,
				     info->alert_received, info->reason);
}

/**
 * tlshake_stats_alert() - a fatal alert was sent or received
 * @ts: the connection
 * @desc: its AlertDescription
 * @sent: we sent it
 */
void tlshake_stats_alert(struct tlshake_sock *ts, u8 desc, bool sent)
{
	int slot = tlshake_stats_alert_slot(desc);

	stats_inc(ts, sent ? TLSHAKE_MIB_ALERT_SENT : TLSHAKE_MIB_ALERT_RECEIVED);
	stats_inc(ts, (sent ? TLSHAKE_MIB_SENT_BASE : TLSHAKE_MIB_RCVD_BASE) +
		  slot);
}

static int stats_seq_show(struct seq_file *seq, void *v)
{
	struct tlshake_stats_snap *snap;
	int i;

	snap = kmalloc(sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	tlshake_stats_read(seq_file_single_net(seq), snap);
	for (i = 0; i < TLSHAKE_MIB_NCOUNTERS; i++)
		seq_printf(seq, "%-32s\t%llu\n", counter_names[i], snap->v[i]);
	for (i = 0; i < TLSHAKE_MIB_NALERTS; i++)
		seq_printf(seq, "TlshakeAlertSent%-16s\t%llu\n", alert_name(i),
			   snap->v[TLSHAKE_MIB_SENT_BASE + i]);
	for (i = 0; i < TLSHAKE_MIB_NALERTS; i++)
		seq_printf(seq, "TlshakeAlertReceived%-12s\t%llu\n",
			   alert_name(i), snap->v[TLSHAKE_MIB_RCVD_BASE + i]);
	kfree(snap);
	return 0;
}

static int __net_init stats_net_init(struct net *net)
{
	struct tlshake_net_stats *st = stats_net(net);

	st->mib = alloc_percpu(struct tlshake_mib);
	if (!st->mib)
		return -ENOMEM;
	if (IS_ENABLED(CONFIG_PROC_FS) &&
	    !proc_create_net_single("tlshake_stat", 0444, net->proc_net,
				    stats_seq_show, NULL)) {
		free_percpu(st->mib);
		return -ENOMEM;
	}
	return 0;
}

static void __net_exit stats_net_exit(struct net *net)
{
	remove_proc_entry("tlshake_stat", net->proc_net);
	free_percpu(stats_net(net)->mib);
}

static struct pernet_operations tlshake_stats_net_ops = {
	.init = stats_net_init,
	.exit = stats_net_exit,
	.id = &tlshake_stats_net_id,
	.size = sizeof(struct tlshake_net_stats),
};

/**
 * tlshake_stats_register() - set up the counters of every namespace
 *
 * Return: 0, -ENOMEM, or the errno of register_pernet_subsys().
 */
int tlshake_stats_register(void)
{
	return register_pernet_subsys(&tlshake_stats_net_ops);
}

/**
 * tlshake_stats_unregister() - free the counters of every namespace
 */
void tlshake_stats_unregister(void)
{
	unregister_pernet_subsys(&tlshake_stats_net_ops);
}
