/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the TLS 1.2 handshake (RFC 5246 7.3): the state the client
 * (hs12c.c) and server (hs12s.c) state machines share with the pieces
 * both use (hs12.c). The common engine (hs.c) hands a handshake over to
 * them once TLS 1.2 is negotiated, through the entry points declared in
 * hs_int.h.
 *
 * Full handshake:
 *
 *	ClientHello         -->
 *	                    <--  ServerHello, Certificate, ServerKeyExchange*,
 *	                         CertificateRequest*, ServerHelloDone
 *	Certificate*, ClientKeyExchange, CertificateVerify*,
 *	[ChangeCipherSpec], Finished -->
 *	                    <--  NewSessionTicket*, [ChangeCipherSpec], Finished
 *
 * Abbreviated handshake (a session ID or ticket the server accepts):
 *
 *	ClientHello         -->
 *	                    <--  ServerHello, NewSessionTicket*,
 *	                         [ChangeCipherSpec], Finished
 *	[ChangeCipherSpec], Finished -->
 */
#ifndef _TLSHAKE_HS12_H
#define _TLSHAKE_HS12_H

#include "hs_int.h"
#include "prf.h"

struct tlshake_session;

/* States of the TLS 1.2 engines (struct tlshake_hs12.state) */
enum hs12_state {
	HS12_C_WAIT_CERT,
	HS12_C_WAIT_SKE,
	HS12_C_WAIT_CR_SHD,
	HS12_C_WAIT_SHD,
	HS12_S_WAIT_CERT,
	HS12_S_WAIT_CKE,
	HS12_S_WAIT_CV,
	HS12_WAIT_TICKET,
	HS12_WAIT_CCS,
	HS12_WAIT_FINISHED,
	HS12_DONE,
};

/*
 * The tlshake_handshake_state tracepoint reports TLS 1.2 states as
 * HS12_TRACE_BASE + enum hs12_state, apart from enum tlshake_hs_state.
 */
#define HS12_TRACE_BASE		32

/* What ClientHello.client_version says in every tlshake ClientHello */
#define HS12_CLIENT_VERSION	TLSHAKE_VERSION_1_2
/* Our record_size_limit (RFC 8449 4): TLS 1.2 has no inner content type */
#define HS12_RECORD_SIZE_LIMIT	16384

/**
 * struct tlshake_hs12 - TLS 1.2 handshake state
 * @prf: the PRF and the master secret
 * @state: &enum hs12_state
 * @kx: the suite's key exchange (&enum tlshake_kx)
 * @ems: extended_master_secret negotiated (RFC 7627)
 * @resumed: an abbreviated handshake
 * @ticket: a NewSessionTicket comes (client) or goes (server)
 * @reneg: the client signalled secure renegotiation (RFC 5746 3.6)
 * @peer_rsl: the peer's record_size_limit, 0 if none (RFC 8449)
 * @peer_ccs: the peer's ChangeCipherSpec was received
 * @client_version: server: ClientHello.client_version, which the RSA
 *	premaster secret must start with
 * @pms: client: the premaster secret, from ServerKeyExchange to
 *	ClientKeyExchange
 * @pms_len: its length
 * @sess: the session offered (client), or resumed, or being made
 * @new_ticket: client: a ticket received in this handshake (kmalloc()ed)
 * @new_ticket_len: its length
 */
struct tlshake_hs12 {
	struct tlshake_prf prf;
	u8 state;
	u8 kx;
	bool ems;
	bool resumed;
	bool ticket;
	bool reneg;
	u16 peer_rsl;
	bool peer_ccs;
	u16 client_version;
	u8 pms[TLSHAKE_KEX_MAX_SECRET];
	u8 pms_len;
	struct tlshake_session *sess;
	u8 *new_ticket;
	u16 new_ticket_len;
};

/* hs12.c */
int hs12_init(struct tlshake_hs *hs);
int hs12_internal(struct tlshake_hs *hs, int err);
int hs12_set_suite(struct tlshake_hs *hs, const struct tlshake_suite *suite,
		   bool keep);
int hs12_master(struct tlshake_hs *hs, const u8 *pms, size_t len);
int hs12_resume_master(struct tlshake_hs *hs);
int hs12_send_finished(struct tlshake_hs *hs);
int hs12_finished_check(struct tlshake_hs *hs, const u8 *body, size_t len);
int hs12_cert_send(struct tlshake_hs *hs);
int hs12_cert_recv(struct tlshake_hs *hs, const u8 *body, size_t len);
int hs12_sign(struct tlshake_hs *hs, struct tls_wr *w, const u8 *content,
	      size_t clen);
int hs12_verify(struct tlshake_hs *hs, u16 scheme, const u8 *sig,
		size_t slen, const u8 *content, size_t clen);
int hs12_record_size_limit(struct tlshake_hs *hs, const struct tls_ext *e);
void hs12_put_ext_empty(struct tls_wr *w, u16 type);
int hs12_session_fill(struct tlshake_hs *hs, struct tlshake_session *s);
int hs12_resume_peer(struct tlshake_hs *hs);
int hs12_done(struct tlshake_hs *hs);
void hs12_set_state(struct tlshake_hs *hs, u8 state);

/* hs12c.c / hs12s.c */
int hs12c_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len);
int hs12s_message(struct tlshake_hs *hs, u8 type, const u8 *body,
		  size_t len, const u8 *raw, size_t raw_len);
int hs12c_finish(struct tlshake_hs *hs);
int hs12s_finish(struct tlshake_hs *hs);

#endif /* _TLSHAKE_HS12_H */
