/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the handshake: start, every state change of the engine,
 * success and failure. Each event carries the socket's address and its
 * local and remote ports, so the events of one connection can be told
 * apart (and matched with ss(8) or a tcp tracepoint).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM tlshake

#if !defined(_TLSHAKE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TLSHAKE_TRACE_H

#include <linux/tracepoint.h>
#include <net/inet_sock.h>
#include <net/sock.h>

TRACE_EVENT(tlshake_handshake_start,
	TP_PROTO(const struct sock *sk, bool server, u16 min_version,
		 u16 max_version),
	TP_ARGS(sk, server, min_version, max_version),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__field(u16, sport)
		__field(u16, dport)
		__field(bool, server)
		__field(u16, min_version)
		__field(u16, max_version)
	),
	TP_fast_assign(
		__entry->skaddr = sk;
		__entry->sport = ntohs(inet_sk(sk)->inet_sport);
		__entry->dport = ntohs(inet_sk(sk)->inet_dport);
		__entry->server = server;
		__entry->min_version = min_version;
		__entry->max_version = max_version;
	),
	TP_printk("sk=%p sport=%u dport=%u role=%s versions=0x%04x-0x%04x",
		  __entry->skaddr, __entry->sport, __entry->dport,
		  __entry->server ? "server" : "client",
		  __entry->min_version, __entry->max_version)
);

TRACE_EVENT(tlshake_handshake_state,
	TP_PROTO(const struct sock *sk, u8 old_state, u8 new_state),
	TP_ARGS(sk, old_state, new_state),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__field(u16, sport)
		__field(u16, dport)
		__field(u8, old_state)
		__field(u8, new_state)
	),
	TP_fast_assign(
		__entry->skaddr = sk;
		__entry->sport = ntohs(inet_sk(sk)->inet_sport);
		__entry->dport = ntohs(inet_sk(sk)->inet_dport);
		__entry->old_state = old_state;
		__entry->new_state = new_state;
	),
	TP_printk("sk=%p sport=%u dport=%u old=%u new=%u", __entry->skaddr,
		  __entry->sport, __entry->dport, __entry->old_state,
		  __entry->new_state)
);

TRACE_EVENT(tlshake_handshake_done,
	TP_PROTO(const struct sock *sk, u16 version, u16 suite, u16 group,
		 bool resumed),
	TP_ARGS(sk, version, suite, group, resumed),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__field(u16, sport)
		__field(u16, dport)
		__field(u16, version)
		__field(u16, suite)
		__field(u16, group)
		__field(bool, resumed)
	),
	TP_fast_assign(
		__entry->skaddr = sk;
		__entry->sport = ntohs(inet_sk(sk)->inet_sport);
		__entry->dport = ntohs(inet_sk(sk)->inet_dport);
		__entry->version = version;
		__entry->suite = suite;
		__entry->group = group;
		__entry->resumed = resumed;
	),
	TP_printk("sk=%p sport=%u dport=%u version=0x%04x suite=0x%04x group=0x%04x resumed=%d",
		  __entry->skaddr, __entry->sport, __entry->dport,
		  __entry->version, __entry->suite, __entry->group,
		  __entry->resumed)
);

TRACE_EVENT(tlshake_handshake_fail,
	TP_PROTO(const struct sock *sk, int err, u8 alert_sent,
		 u8 alert_received, u32 reason),
	TP_ARGS(sk, err, alert_sent, alert_received, reason),
	TP_STRUCT__entry(
		__field(const void *, skaddr)
		__field(u16, sport)
		__field(u16, dport)
		__field(int, err)
		__field(u8, alert_sent)
		__field(u8, alert_received)
		__field(u32, reason)
	),
	TP_fast_assign(
		__entry->skaddr = sk;
		__entry->sport = ntohs(inet_sk(sk)->inet_sport);
		__entry->dport = ntohs(inet_sk(sk)->inet_dport);
		__entry->err = err;
		__entry->alert_sent = alert_sent;
		__entry->alert_received = alert_received;
		__entry->reason = reason;
	),
	TP_printk("sk=%p sport=%u dport=%u err=%d alert_sent=%u alert_received=%u reason=%u",
		  __entry->skaddr, __entry->sport, __entry->dport,
		  __entry->err, __entry->alert_sent, __entry->alert_received,
		  __entry->reason)
);

#endif /* _TLSHAKE_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
