/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the handshake engine: the state shared by the common code
 * (hs.c) and the per-version, per-role state machines (hs13c.c, hs13s.c).
 */
#ifndef _TLSHAKE_HS_INT_H
#define _TLSHAKE_HS_INT_H

#include <linux/tlshake.h>

#include "alert.h"
#include "conn.h"
#include "kex.h"
#include "keysched.h"
#include "msg/msg.h"
#include "sig.h"
#include "suite.h"
#include "transcript.h"

struct tlshake_cert;
struct tlshake_cred;
struct tlshake_hs12;
struct tlshake_trust;
struct tlshake_privkey;
struct tlshake_session;

/* Largest handshake message we accept (a Certificate of a long chain). */
#define TLSHAKE_HS_MSG_MAX	(160 * 1024)
/* Scratch for building one message (Certificate messages go elsewhere). */
#define TLSHAKE_HS_OUT_MAX	(16 * 1024)
#define TLSHAKE_MAX_SHARES	2

/* States of the engines; one enum for all, each engine uses its part. */
enum tlshake_hs_state {
	HS_START,
	/* client */
	HS_C_WAIT_SH,
	HS_C_WAIT_EE,
	HS_C_WAIT_CERT_CR,
	HS_C_WAIT_CERT,
	HS_C_WAIT_CV,
	HS_C_WAIT_FINISHED,
	/* server */
	HS_S_WAIT_CH,
	HS_S_WAIT_CH2,
	HS_S_WAIT_CERT,
	HS_S_WAIT_CV,
	HS_S_WAIT_FINISHED,
	HS_DONE,
};

/**
 * struct tlshake_hs - one handshake in progress
 * @ts: the connection
 * @p: the caller's parameters, defaults filled in
 * @server: our role
 * @state: &enum tlshake_hs_state
 * @version: the negotiated version, 0 until known
 * @suite: the negotiated suite
 * @tr: transcript hash
 * @ks: TLS 1.3 key schedule (valid once @ks_ready)
 * @ks_ready: @ks is initialised
 * @kx: our key shares
 * @n_kx: how many
 * @group: the negotiated group
 * @client_random: ClientHello.random
 * @server_random: ServerHello.random
 * @session_id: the legacy session id (ours as client, the client's as
 *	server, echoed)
 * @session_id_len: its length
 * @hrr: a HelloRetryRequest was sent or received
 * @ccs_sent: the middlebox-compatibility ChangeCipherSpec was sent
 * @ccs_seen: the peer's was received (and dropped)
 * @cookie: the HRR cookie (allocated)
 * @cookie_len: its length
 * @msg: reassembly of the handshake message being received
 * @msg_len: bytes in @msg
 * @msg_cap: size of @msg
 * @out: scratch for building a message
 * @ch: the ClientHello being processed (server) or scratch
 * @sh: the ServerHello being processed (client)
 * @certs: the peer's Certificate message
 * @peer_key: the peer's leaf public key, once verified
 * @peer_chain: the peer's certificates, parsed (own @peer_key's bytes)
 * @n_peer: their number
 * @creds: the credentials named in the parameters, referenced
 * @cred: the one chosen for this handshake
 * @cred_usable: @cred was chosen for this handshake (its chain is sent)
 * @sni_sent: client: a server_name went out
 * @trust: the trust store for the peer's chain
 * @sig_scheme: the scheme we sign with
 * @cert_requested: the server asked for our certificate (client) / we
 *	asked for the client's (server)
 * @cr_ctx: certificate_request_context to echo
 * @cr_ctx_len: its length
 * @rx_key_changed: the last message changed the read key, so no more
 *	handshake bytes may follow in the same record
 * @h12: TLS 1.2 state (hs12.h), once TLS 1.2 is offered (client) or
 *	chosen (server)
 * @peer_rsl: the peer sent record_size_limit (a server answers with its own)
 * @psk_sess: TLS 1.3: the session whose ticket the client offers, or the
 *	one the server accepted (resume13.c)
 * @psk: its resumption PSK
 * @psk_len: its length (HashLen of the session's suite)
 * @resumed: TLS 1.3: the PSK was accepted (no certificates)
 * @binder_off: client: offset of the binder in the ClientHello being built
 * @psk_modes: server: the client offered psk_dhe_ke (we may send tickets)
 * @psk_id: server: the identity we selected
 */
struct tlshake_hs {
	struct tlshake_sock *ts;
	struct tlshake_handshake p;
	bool server;
	u8 state;
	u16 version;
	const struct tlshake_suite *suite;
	struct tlshake_transcript tr;
	struct tlshake_ks ks;
	bool ks_ready;
	struct tlshake_kex kx[TLSHAKE_MAX_SHARES];
	unsigned int n_kx;
	u16 group;
	u8 client_random[TLS_RANDOM_LEN];
	u8 server_random[TLS_RANDOM_LEN];
	u8 session_id[TLS_SESSION_ID_MAX];
	u8 session_id_len;
	bool hrr;
	bool ccs_sent;
	bool ccs_seen;
	u8 *cookie;
	u16 cookie_len;
	u8 *msg;
	size_t msg_len;
	size_t msg_cap;
	u8 *out;
	struct tls_client_hello *ch;
	struct tls_server_hello *sh;
	struct tls_certificate *certs;
	struct tlshake_pubkey peer_key;
	struct tlshake_cert *peer_chain[TLS_MAX_CHAIN];
	unsigned int n_peer;
	struct tlshake_cred *creds[TLSHAKE_MAX_CREDS];
	struct tlshake_cred *cred;
	bool cred_usable;
	bool sni_sent;
	struct tlshake_trust *trust;
	u16 sig_scheme;
	bool cert_requested;
	u8 cr_ctx[32];
	u8 cr_ctx_len;
	bool rx_key_changed;
	struct tlshake_hs12 *h12;
	bool peer_rsl;
	struct tlshake_session *psk_sess;
	u8 psk[TLSHAKE_MAX_HASH_LEN];
	u8 psk_len;
	bool resumed;
	size_t binder_off;
	bool psk_modes;
	u16 psk_id;
};

/* hs.c: shared helpers */
void hs_set_state(struct tlshake_hs *hs, u8 state);
int hs_session_identity(struct tlshake_hs *hs, struct tlshake_session *s);
bool hs_session_match(struct tlshake_hs *hs, const struct tlshake_session *s);
int hs_fail(struct tlshake_hs *hs, int err, u8 alert, u32 reason);
int hs_reject(struct tlshake_hs *hs, u8 alert);
int hs_send(struct tlshake_hs *hs, const u8 *msg, size_t len);
int hs_send_ccs(struct tlshake_hs *hs);
int hs_set_rx_key(struct tlshake_hs *hs, enum tlshake_ks_secret which);
int hs_set_tx_key(struct tlshake_hs *hs, enum tlshake_ks_secret which);
bool hs_offered_suite(const struct tlshake_hs *hs, u16 id);
bool hs_offered_group(const struct tlshake_hs *hs, u16 group);
bool hs_offered_scheme(const struct tlshake_hs *hs, u16 scheme);
bool hs_allow_version(const struct tlshake_hs *hs, u16 version);

/* hs13.c: TLS 1.3 pieces both roles use */
int hs13_start_schedule(struct tlshake_hs *hs, const u8 *dhe, size_t len);
int hs13_finished_send(struct tlshake_hs *hs);
int hs13_finished_check(struct tlshake_hs *hs, const u8 *body, size_t len);
int hs13_cert_send(struct tlshake_hs *hs);
int hs13_cert_recv(struct tlshake_hs *hs, const u8 *body, size_t len);
int hs13_cv_send(struct tlshake_hs *hs);
int hs13_cv_check(struct tlshake_hs *hs, const u8 *body, size_t len);
int hs13_app_keys(struct tlshake_hs *hs);
int hs13_done(struct tlshake_hs *hs);
int hs_keep_peer_certs(struct tlshake_hs *hs,
		       const struct tls_certificate *c);
int hs13_record_size_limit(struct tlshake_hs *hs, const struct tls_ext *e);

/* resume13.c: TLS 1.3 resumption (tickets and PSKs) */
int hs13c_psk_prep(struct tlshake_hs *hs);
void hs13c_psk_ext(struct tlshake_hs *hs, struct tls_wr *w);
int hs13c_psk_binder(struct tlshake_hs *hs, u8 *msg, size_t len);
int hs13c_psk_accepted(struct tlshake_hs *hs, const struct tls_ext *e);
int hs13c_psk_done(struct tlshake_hs *hs);
int hs13s_psk(struct tlshake_hs *hs, const struct tls_client_hello *ch,
	      const u8 *raw);
void hs13s_psk_ext(struct tlshake_hs *hs, struct tls_wr *w);
int hs13s_send_tickets(struct tlshake_hs *hs);

/* hs13c.c / hs13s.c */
int hs13c_start(struct tlshake_hs *hs);
int hs13c_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len);
int hs13s_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len);

/* hs12*.c: TLS 1.2, entered from the TLS 1.3 engines once negotiated */
int hs12c_client_hello_prep(struct tlshake_hs *hs);
void hs12c_client_hello_exts(struct tlshake_hs *hs, struct tls_wr *w);
int hs12c_server_hello(struct tlshake_hs *hs, const u8 *raw, size_t raw_len);
int hs12s_client_hello(struct tlshake_hs *hs, const u8 *raw, size_t raw_len);
int hs12_message(struct tlshake_hs *hs, u8 type, const u8 *body, size_t len,
		 const u8 *raw, size_t raw_len);
int hs12_ccs(struct tlshake_hs *hs, const u8 *data, size_t len);
void hs12_free(struct tlshake_hs *hs);

#endif /* _TLSHAKE_HS_INT_H */
