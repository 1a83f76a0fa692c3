/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * tlshake: the TLS handshake and record layer in the kernel.
 *
 * Attach to a connected TCP socket:
 *
 *	setsockopt(fd, SOL_TCP, TCP_ULP, "tlshake", sizeof("tlshake") - 1);
 *
 * then use the options below at level SOL_TLSHAKE.
 *
 * Errors from attaching (TCP_ULP):
 *
 *	ENOTCONN	the socket is not connected (also for listening sockets)
 *	EEXIST		an upper layer protocol is already attached
 *	ENOPROTOOPT	not a TCP socket (e.g. UDP)
 *	ENOENT		the tlshake module is not loaded and cannot be loaded
 *
 * then start the handshake with setsockopt(SOL_TLSHAKE, TLSHAKE_HANDSHAKE).
 * Until a TLS session is established, data calls on an attached socket
 * (read, write, sendmsg, recvmsg, sendfile, splice) fail with ENOTCONN: no
 * byte crosses the socket unprotected. TCP_ZEROCOPY_RECEIVE and
 * connect(AF_UNSPEC) fail with EOPNOTSUPP.
 *
 * Once established, read/write/sendmsg/recvmsg/sendfile/splice/poll carry
 * application data in TLS records. shutdown(SHUT_WR) and close() send
 * close_notify; a received close_notify reads as end of file.
 */
#ifndef _UAPI_LINUX_TLSHAKE_H
#define _UAPI_LINUX_TLSHAKE_H

#include <linux/const.h>
#include <linux/types.h>

/**
 * define SOL_TLSHAKE - socket option level of tlshake
 *
 * The kernel allocates SOL_* levels sequentially from 0 (SOL_VSOCK is 287
 * in Linux 6.12); this value sits far above them, so it can never collide
 * with a level the kernel hands to TCP or to another upper layer protocol.
 */
#define SOL_TLSHAKE		0x746c	/* 29804 */

/** define TLSHAKE_ULP_NAME - name to pass to setsockopt(TCP_ULP) */
#define TLSHAKE_ULP_NAME	"tlshake"

/**
 * enum tlshake_sockopt - options at level %SOL_TLSHAKE
 * @TLSHAKE_STATE: getsockopt; a __u32 from &enum tlshake_state.
 * @TLSHAKE_HANDSHAKE: setsockopt; a &struct tlshake_handshake. Starts the
 *	handshake. A blocking socket returns when it has completed (0) or
 *	failed (the errno of the failure); a non-blocking socket returns
 *	EINPROGRESS at once and shows completion in poll() (POLLOUT, or
 *	POLLERR) and SO_ERROR. A signal interrupts a blocking handshake with
 *	EINTR and fails it. Only once per socket (EALREADY after).
 * @TLSHAKE_INFO: getsockopt; a &struct tlshake_info: what was negotiated,
 *	or why the session failed.
 * @TLSHAKE_PEER_CERTS: getsockopt; the peer's certificate chain as sent,
 *	leaf first, each certificate as a 4-byte big-endian length and its
 *	DER. ERANGE (with the needed length in optlen) if the buffer is too
 *	small; ENODATA if the peer sent none.
 * @TLSHAKE_KEY_UPDATE: setsockopt; a __u32: 0 to update our sending key,
 *	1 to also ask the peer to update its own (TLS 1.3 KeyUpdate). TLS 1.2:
 *	EOPNOTSUPP.
 * @TLSHAKE_SESSION: session resumption, client side; an int, a file
 *	descriptor (see below).
 * @TLSHAKE_PEER_SUBJECT: getsockopt; the subject of the peer's leaf
 *	certificate (the one @TLSHAKE_PEER_CERTS returns first) as a
 *	NUL-terminated string in the form of RFC 4514: the RDNs last to
 *	first, separated by ',' ("CN=client,O=Example,C=FR"), multi-valued
 *	RDNs joined with '+'. Types are CN, L, ST, O, OU, C, STREET and DC;
 *	any other is in dotted-decimal form with its value as '#' and the
 *	hex of its DER encoding ("1.2.840.113549.1.9.1=#1603..."), as is a
 *	value that is not a string. The characters "+,;<>\ and a leading '#'
 *	or space or a trailing space are escaped with a backslash; every
 *	character that is not printable ASCII appears as backslash-hex
 *	pairs of its UTF-8 encoding ("CN=Lu\C4\8Di\C4\87"), so the string
 *	is plain ASCII. Identify peers by comparing this string, or better
 *	the DER of TLSHAKE_PEER_CERTS, never by a substring. Errors: ENOTCONN
 *	before the handshake completed; ENODATA if the peer sent no
 *	certificate (a client that was not asked, or that sent none when it
 *	was optional); ERANGE (with the needed length, NUL included, in
 *	optlen) if the buffer is too small; EBADMSG if the name does not
 *	decode; ENOMEM.
 *
 * Session resumption (TLSHAKE_SESSION)
 *
 * A client that wants its next connection to resume this one's session
 * (TLS 1.2: an abbreviated handshake by session ID or by ticket, RFC 5246
 * 7.3 and RFC 5077; TLS 1.3: a PSK handshake with a ticket, RFC 8446 2.2)
 * asks for it once the handshake has completed:
 *
 *	int sfd;
 *	socklen_t len = sizeof(sfd);
 *
 *	getsockopt(fd, SOL_TLSHAKE, TLSHAKE_SESSION, &sfd, &len);
 *
 * returns a new file descriptor (close-on-exec) that refers to the session
 * state the kernel keeps: the master secret (TLS 1.3: the resumption PSK)
 * never leaves the kernel, and nothing can be read from the descriptor.
 * It keeps the session alive while it is open; close it when done. It may
 * be passed to another process (SCM_RIGHTS); whoever holds it can resume
 * the session. Before TLSHAKE_HANDSHAKE on the next socket, the client
 * offers it with
 *
 *	setsockopt(fd2, SOL_TLSHAKE, TLSHAKE_SESSION, &sfd, sizeof(sfd));
 *
 * and one descriptor may be offered on any number of connections. The
 * session is offered only if it is still valid and the new handshake is
 * for the same server_name and trust_store (and verifies names if the
 * first did), and only in a handshake of its own version (a TLS 1.3
 * ticket only if TLS 1.3 is allowed, with a suite of the same hash; a TLS
 * 1.2 session only if TLS 1.2 is); else, or if the server declines, a
 * full handshake runs. &struct tlshake_info.resumed says which happened;
 * a resumed handshake has no certificates (&struct tlshake_info.sig_scheme
 * is 0), and TLSHAKE_PEER_CERTS and peer_sig_scheme give those of the
 * full handshake. A TLS 1.2 session lives for the module parameter
 * session_lifetime (default 2 hours) from its full handshake, and a fatal
 * alert on any connection of it ends it.
 *
 * TLS 1.3 sessions come in NewSessionTicket messages, which the server
 * sends after the handshake: a TLS 1.3 client's TLSHAKE_SESSION returns
 * the session of the newest ticket received so far. Tickets are handled
 * as they come in order with the data; getsockopt handles those already
 * received (without waiting) unless a reader is busy on the socket, but
 * tickets behind unread application data wait for it to be read. So a
 * client that asks right after its handshake, before the server's tickets
 * arrived, gets ENODATA: ask after reading the server's first data, or
 * ask again later. A TLS 1.3 session lives for the ticket_lifetime the
 * server gave (at most 7 days); every ticket is a new session.
 *
 * getsockopt errors: ENOTCONN before the handshake completed; ENODATA if
 * there is no resumable session (a server socket; TLS 1.3: no ticket
 * received yet, or TLSHAKE_F_NO_TICKETS; TLS 1.2: the server offered
 * neither a session ID nor a ticket, no extended_master_secret; or
 * invalidated or expired); EINVAL if optlen is smaller than an int;
 * EMFILE, ENFILE. setsockopt errors: EBADF; EINVAL if the descriptor is
 * not a session; EISCONN once TLSHAKE_HANDSHAKE was called.
 *
 * A server keeps sessions in a cache per network namespace (at most the
 * module parameter session_cache_size, least recently used first out) or,
 * for clients that take them, in tickets sealed with AES-256-GCM under
 * keys that are made in the kernel, rotate every session_lifetime, and
 * never leave it. A session resumes only for the same SNI, with a
 * credential of the same certificate, and, if the server requires client
 * certificates, one validated by the same trust store.
 *
 * A TLS 1.3 server sends the module parameter tickets13 (default 2)
 * NewSessionTickets after each handshake with a client that offered
 * psk_dhe_ke, each a sealed session with its own PSK (RFC 8446 4.6.1),
 * valid for session_lifetime from the full handshake (tickets of resumed
 * sessions do not extend it; lowering session_lifetime shortens tickets
 * already out). It resumes with psk_dhe_ke only, checks the ticket age
 * (within 10 s of its own, RFC 8446 8.3) and the PSK binder (a bad binder
 * is a fatal decrypt_error); any ticket it cannot use means a full
 * handshake. It never accepts early data: 0-RTT records a client sends
 * anyway are skipped (RFC 8446 4.2.10).
 */
enum tlshake_sockopt {
	TLSHAKE_STATE = 1,
	TLSHAKE_HANDSHAKE = 2,
	TLSHAKE_INFO = 3,
	TLSHAKE_PEER_CERTS = 4,
	TLSHAKE_KEY_UPDATE = 5,
	TLSHAKE_SESSION = 6,
	TLSHAKE_PEER_SUBJECT = 7,
};

/**
 * enum tlshake_state - life cycle of an attached socket
 * @TLSHAKE_STATE_ATTACHED: attached; no TLS session yet, data calls fail
 *	with ENOTCONN.
 * @TLSHAKE_STATE_HANDSHAKE: the handshake is running; data calls wait for
 *	it (blocking) or fail with EAGAIN (non-blocking).
 * @TLSHAKE_STATE_ESTABLISHED: application data flows.
 * @TLSHAKE_STATE_FAILED: the session ended with a fatal error; every data
 *	call fails with its errno (&struct tlshake_info says why).
 */
enum tlshake_state {
	TLSHAKE_STATE_ATTACHED = 1,
	TLSHAKE_STATE_HANDSHAKE = 2,
	TLSHAKE_STATE_ESTABLISHED = 3,
	TLSHAKE_STATE_FAILED = 4,
};

/* Roles */
#define TLSHAKE_ROLE_CLIENT	1
#define TLSHAKE_ROLE_SERVER	2

/* Protocol versions, as on the wire */
#define TLSHAKE_VERSION_1_2	0x0303
#define TLSHAKE_VERSION_1_3	0x0304

#define TLSHAKE_NAME_MAX	64	/* credential and trust store names */
#define TLSHAKE_SERVER_NAME_MAX	256
#define TLSHAKE_ALPN_MAX	256
#define TLSHAKE_MAX_CREDS	4
#define TLSHAKE_MAX_SUITES	16
#define TLSHAKE_MAX_GROUPS	8
#define TLSHAKE_MAX_SIG_SCHEMES	16

/**
 * struct tlshake_handshake - how to run the handshake (TLSHAKE_HANDSHAKE)
 * @role: %TLSHAKE_ROLE_CLIENT or %TLSHAKE_ROLE_SERVER
 * @flags: %TLSHAKE_F_* flags
 * @min_version: lowest version to accept (%TLSHAKE_VERSION_*); 0: TLS 1.2
 * @max_version: highest version to offer; 0: TLS 1.3
 * @timeout_ms: the whole handshake must finish within this time
 *	(ETIMEDOUT); 0: the larger of SO_RCVTIMEO and SO_SNDTIMEO if set,
 *	else 30 s
 * @server_name: client: the name sent as SNI and verified against the
 *	server's certificate (DNS name or IP literal); required unless
 *	%TLSHAKE_F_NO_VERIFY_NAME. Server: unused.
 * @trust_store: client: the trust store the server's chain must reach
 *	(required); server: the trust store for client certificates
 * @credentials: server: up to %TLSHAKE_MAX_CREDS credential names; the
 *	first whose leaf certificate matches the client's SNI and signature
 *	algorithms is used, else the first usable one. Client: the client
 *	certificates to choose from if the server asks (optional; see
 *	%TLSHAKE_F_SEND_CA_NAMES for the choice).
 * @suites: cipher suites to allow, in preference order, zero-terminated;
 *	empty: all supported, in tlshake's order
 * @groups: key-exchange groups, likewise (default X25519, P-256, P-384)
 * @sig_schemes: signature schemes, likewise
 * @alpn_len: length of @alpn
 * @alpn: ALPN protocol names in preference order, in wire format (each
 *	name preceded by a one-byte length); empty: no ALPN
 *
 * Strings are NUL-terminated within their arrays. The structure may grow:
 * the kernel accepts a shorter one (missing fields read as zero) and a
 * longer one whose extra bytes are zero (else E2BIG).
 */
struct tlshake_handshake {
	__u8 role;
	__u8 reserved[3];
	__u32 flags;
	__u16 min_version;
	__u16 max_version;
	__u32 timeout_ms;
	char server_name[TLSHAKE_SERVER_NAME_MAX];
	char trust_store[TLSHAKE_NAME_MAX];
	char credentials[TLSHAKE_MAX_CREDS][TLSHAKE_NAME_MAX];
	__u16 suites[TLSHAKE_MAX_SUITES];
	__u16 groups[TLSHAKE_MAX_GROUPS];
	__u16 sig_schemes[TLSHAKE_MAX_SIG_SCHEMES];
	__u16 alpn_len;
	__u8 alpn[TLSHAKE_ALPN_MAX];
};

/*
 * TLSHAKE_F_NO_VERIFY_NAME: client: verify the chain but not the name.
 * TLSHAKE_F_RSA_KEX: allow TLS 1.2 RSA key transport suites (off by default:
 *	no forward secrecy). Listing TLS_RSA_* suites in @suites without it
 *	is EINVAL.
 * TLSHAKE_F_NO_EMS_OK: TLS 1.2: accept a peer without extended_master_secret
 *	(RFC 7627). Such sessions are never resumed.
 * TLSHAKE_F_REQUEST_CERT: server: ask the client for a certificate
 *	(CertificateRequest with our @sig_schemes; needs @trust_store).
 * TLSHAKE_F_REQUIRE_CERT: server: ask for a client certificate (implies
 *	TLSHAKE_F_REQUEST_CERT) and fail if the client sends none: TLS 1.3
 *	alert certificate_required, TLS 1.2 handshake_failure (EKEYREJECTED,
 *	reason TLSHAKE_REASON_CERT). Without it, a client that sends no
 *	certificate is accepted (TLSHAKE_PEER_CERTS then says ENODATA), but
 *	one that sends a certificate which does not validate is refused in
 *	either mode, as OpenSSL's -verify does: unknown_ca (no path to an
 *	anchor of @trust_store), unsupported_certificate (an extKeyUsage
 *	without id-kp-clientAuth or anyExtendedKeyUsage; a leaf without
 *	extKeyUsage may be used for any purpose, RFC 5280 4.2.1.12),
 *	certificate_expired, bad_certificate, or decrypt_error for a bad
 *	CertificateVerify. Names are not checked in client certificates.
 * TLSHAKE_F_SEND_CA_NAMES: server: list the subjects of @trust_store's
 *	anchors in the CertificateRequest (TLS 1.3 certificate_authorities
 *	extension, TLS 1.2 certificate_authorities), so that clients with
 *	several certificates pick one this server accepts. Left out if they
 *	would take more than 65535 bytes. A tlshake client always prefers a
 *	credential whose chain names a listed CA, then any credential whose
 *	key fits the server's signature algorithms (and, in TLS 1.2, its
 *	certificate types); with none it sends an empty Certificate.
 * TLSHAKE_F_NO_TICKETS: TLS 1.2: neither ask for nor issue session tickets
 *	(sessions are resumed by session ID only). TLS 1.3 (where tickets
 *	are the only resumption): a server neither sends NewSessionTickets
 *	nor accepts tickets; a client neither offers nor keeps them.
 * TLSHAKE_F_NO_RESUMPTION: server: neither resume sessions nor make
 *	resumable ones (TLS 1.3: no NewSessionTickets).
 *
 * In TLS 1.2, tlshake requires renegotiation_info from servers (RFC 5746)
 * and refuses every renegotiation, in either direction, with a fatal
 * no_renegotiation alert.
 */
#define TLSHAKE_F_NO_VERIFY_NAME	_BITUL(0)
#define TLSHAKE_F_RSA_KEX		_BITUL(1)
#define TLSHAKE_F_NO_EMS_OK		_BITUL(2)
#define TLSHAKE_F_REQUEST_CERT		_BITUL(3)
#define TLSHAKE_F_REQUIRE_CERT		_BITUL(4)
#define TLSHAKE_F_NO_TICKETS		_BITUL(5)
#define TLSHAKE_F_NO_RESUMPTION		_BITUL(6)
#define TLSHAKE_F_SEND_CA_NAMES		_BITUL(7)

/**
 * struct tlshake_info - what TLSHAKE_INFO returns
 * @state: &enum tlshake_state
 * @version: negotiated %TLSHAKE_VERSION_*, or 0
 * @cipher_suite: negotiated cipher suite (IANA value), or 0
 * @group: key-exchange group (IANA NamedGroup), or 0
 * @sig_scheme: signature scheme we signed with, or 0
 * @peer_sig_scheme: signature scheme the peer signed with, or 0
 * @resumed: 1 if the session was resumed (an abbreviated handshake)
 * @alert_sent: the fatal alert we sent (AlertDescription), or 255 for none
 * @alert_received: the fatal alert received, or 255 for none
 * @error: the errno the session failed with, or 0
 * @reason: &enum tlshake_reason, why the session failed
 * @alpn: the negotiated ALPN protocol, NUL-terminated, or empty
 * @server_name: the SNI the client sent (server side) or we sent
 *
 * Errors a failed session reports (in SO_ERROR, from TLSHAKE_HANDSHAKE and
 * from every later data call):
 *
 *	ECONNABORTED	the peer sent a fatal alert (@alert_received)
 *	EKEYREJECTED	the peer's certificate was refused (@alert_sent is
 *			bad_certificate, unknown_ca, certificate_expired, ...)
 *	EBADMSG		a record failed authentication (bad_record_mac) or a
 *			message did not decode (decode_error)
 *	EMSGSIZE	a received record was longer than the protocol
 *			allows (record_overflow)
 *	EPROTO		any other protocol violation by the peer, or no
 *			common version, suite, group or ALPN protocol
 *	ECONNRESET	TCP closed, or a record was truncated, before
 *			close_notify
 *	ETIMEDOUT	the handshake did not finish in time
 *	EINTR		a signal interrupted a blocking handshake
 *	ENOENT		a named credential or trust store does not exist
 *	ENOMEM		out of memory
 */
struct tlshake_info {
	__u32 state;
	__u16 version;
	__u16 cipher_suite;
	__u16 group;
	__u16 sig_scheme;
	__u16 peer_sig_scheme;
	__u8 resumed;
	__u8 alert_sent;
	__u8 alert_received;
	__u8 reserved[3];
	__s32 error;
	__u32 reason;
	char alpn[TLSHAKE_ALPN_MAX];
	char server_name[TLSHAKE_SERVER_NAME_MAX];
};

/**
 * enum tlshake_reason - why a session failed (&struct tlshake_info.reason)
 * @TLSHAKE_REASON_NONE: it did not fail
 * @TLSHAKE_REASON_PEER_ALERT: the peer sent a fatal alert
 * @TLSHAKE_REASON_DECODE: a message or record was malformed
 * @TLSHAKE_REASON_BAD_RECORD_MAC: a record failed authentication
 * @TLSHAKE_REASON_UNEXPECTED: a message came out of order
 * @TLSHAKE_REASON_NO_COMMON_PARAMS: no common version, suite, group or
 *	signature scheme
 * @TLSHAKE_REASON_CERT: the peer's certificate chain was refused
 * @TLSHAKE_REASON_SIGNATURE: the peer's handshake signature was invalid
 * @TLSHAKE_REASON_FINISHED: the peer's Finished did not verify
 * @TLSHAKE_REASON_TIMEOUT: the handshake timed out
 * @TLSHAKE_REASON_INTERRUPTED: a signal interrupted the handshake
 * @TLSHAKE_REASON_TRANSPORT: the TCP connection failed or closed early
 * @TLSHAKE_REASON_CONFIG: a credential or trust store is missing or unusable
 * @TLSHAKE_REASON_INTERNAL: out of memory or an internal error
 * @TLSHAKE_REASON_ILLEGAL_PARAMETER: the peer chose something we did not
 *	offer, or sent an illegal value
 * @TLSHAKE_REASON_VERSION: no acceptable protocol version
 * @TLSHAKE_REASON_DOWNGRADE: a downgrade to TLS 1.2 was detected
 */
enum tlshake_reason {
	TLSHAKE_REASON_NONE,
	TLSHAKE_REASON_PEER_ALERT,
	TLSHAKE_REASON_DECODE,
	TLSHAKE_REASON_BAD_RECORD_MAC,
	TLSHAKE_REASON_UNEXPECTED,
	TLSHAKE_REASON_NO_COMMON_PARAMS,
	TLSHAKE_REASON_CERT,
	TLSHAKE_REASON_SIGNATURE,
	TLSHAKE_REASON_FINISHED,
	TLSHAKE_REASON_TIMEOUT,
	TLSHAKE_REASON_INTERRUPTED,
	TLSHAKE_REASON_TRANSPORT,
	TLSHAKE_REASON_CONFIG,
	TLSHAKE_REASON_INTERNAL,
	TLSHAKE_REASON_ILLEGAL_PARAMETER,
	TLSHAKE_REASON_VERSION,
	TLSHAKE_REASON_DOWNGRADE,
};

/*
 * The generic netlink family that manages credentials and trust stores is
 * described by <linux/tlshake_nl.h>, generated from
 * Documentation/netlink/specs/tlshake.yaml.
 */

#endif /* _UAPI_LINUX_TLSHAKE_H */
