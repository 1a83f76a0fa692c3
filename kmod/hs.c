// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake engine, common part: set-up from the caller's parameters,
 * reassembly of handshake messages from records, dispatch to the state
 * machine of our role, and the helpers every state machine uses.
 */
#include <linux/inet.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "cert.h"
#include "cred.h"
#include "hs.h"
#include "hs_int.h"
#include "hs_pki.h"
#include "resume.h"
#include "trace.h"

/* tlshake's preferences when the caller names none */
static const u16 default_suites[] = {
	TLSHAKE_TLS_AES_128_GCM_SHA256,
	TLSHAKE_TLS_AES_256_GCM_SHA384,
	TLSHAKE_TLS_CHACHA20_POLY1305_SHA256,
	TLSHAKE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	TLSHAKE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	TLSHAKE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	TLSHAKE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	TLSHAKE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	TLSHAKE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	TLSHAKE_TLS_RSA_WITH_AES_128_GCM_SHA256,
	TLSHAKE_TLS_RSA_WITH_AES_256_GCM_SHA384,
};

static const u16 default_groups[] = {
	TLS_GROUP_X25519, TLS_GROUP_SECP256R1, TLS_GROUP_SECP384R1,
};

static const u16 default_schemes[] = {
	TLSHAKE_SIG_ECDSA_SECP256R1_SHA256,
	TLSHAKE_SIG_ECDSA_SECP384R1_SHA384,
	TLSHAKE_SIG_ED25519,
	TLSHAKE_SIG_RSA_PSS_RSAE_SHA256,
	TLSHAKE_SIG_RSA_PSS_RSAE_SHA384,
	TLSHAKE_SIG_RSA_PSS_RSAE_SHA512,
	TLSHAKE_SIG_RSA_PKCS1_SHA256,
	TLSHAKE_SIG_RSA_PKCS1_SHA384,
	TLSHAKE_SIG_RSA_PKCS1_SHA512,
};

static bool list_has(const u16 *list, unsigned int max, u16 v)
{
	unsigned int i;

	for (i = 0; i < max && list[i]; i++)
		if (list[i] == v)
			return true;
	return false;
}

static bool list_in(const u16 *list, unsigned int max, const u16 *known,
		    unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < max && list[i]; i++) {
		for (j = 0; j < n && known[j] != list[i]; j++)
			;
		if (j == n)
			return false;
	}
	return true;
}

/* Empty lists get tlshake's defaults; unknown values are refused. */
static int fill_list(u16 *list, unsigned int max, const u16 *def,
		     unsigned int n, bool rsa_kex)
{
	unsigned int i, k = 0;

	if (list[0])
		return list_in(list, max, def, n) ? 0 : -EINVAL;
	for (i = 0; i < n && k < max; i++) {
		if (!rsa_kex && (def[i] == TLSHAKE_TLS_RSA_WITH_AES_128_GCM_SHA256 ||
				 def[i] == TLSHAKE_TLS_RSA_WITH_AES_256_GCM_SHA384))
			continue;
		list[k++] = def[i];
	}
	return 0;
}

static bool str_ok(const char *s, size_t size)
{
	return strnlen(s, size) < size;
}

static int alpn_ok(const struct tlshake_handshake *p)
{
	struct tls_rd r, name;

	if (p->alpn_len > TLSHAKE_ALPN_MAX)
		return -EINVAL;
	rd_init(&r, p->alpn, p->alpn_len);
	while (r.left) {
		name = rd_vec(&r, 1, 1, 255);
		if (name.err)
			return -EINVAL;
	}
	return 0;
}

/**
 * tlshake_hs_params_check() - check a caller's parameters, fill in defaults
 * @p: the parameters, a copy the engine will use
 *
 * Called before anything starts, so that a refused call leaves the socket
 * as it was (a later call may still start a handshake).
 *
 * Return: 0 or -EINVAL.
 */
int tlshake_hs_params_check(struct tlshake_handshake *p)
{
	bool rsa_kex = p->flags & TLSHAKE_F_RSA_KEX;
	int i;

	if (p->role != TLSHAKE_ROLE_CLIENT && p->role != TLSHAKE_ROLE_SERVER)
		return -EINVAL;
	if (!p->min_version)
		p->min_version = TLSHAKE_VERSION_1_2;
	if (!p->max_version)
		p->max_version = TLSHAKE_VERSION_1_3;
	if (p->min_version < TLSHAKE_VERSION_1_2 ||
	    p->max_version > TLSHAKE_VERSION_1_3 ||
	    p->min_version > p->max_version)
		return -EINVAL;
	if (!rsa_kex && (list_has(p->suites, TLSHAKE_MAX_SUITES,
				  TLSHAKE_TLS_RSA_WITH_AES_128_GCM_SHA256) ||
			 list_has(p->suites, TLSHAKE_MAX_SUITES,
				  TLSHAKE_TLS_RSA_WITH_AES_256_GCM_SHA384)))
		return -EINVAL;	/* no forward secrecy unless asked for */
	if (!str_ok(p->server_name, sizeof(p->server_name)) ||
	    !str_ok(p->trust_store, sizeof(p->trust_store)))
		return -EINVAL;
	for (i = 0; i < TLSHAKE_MAX_CREDS; i++)
		if (!str_ok(p->credentials[i], sizeof(p->credentials[i])))
			return -EINVAL;
	if (p->role == TLSHAKE_ROLE_CLIENT && !p->trust_store[0])
		return -EINVAL;
	if (p->role == TLSHAKE_ROLE_CLIENT && !p->server_name[0] &&
	    !(p->flags & TLSHAKE_F_NO_VERIFY_NAME))
		return -EINVAL;
	if (p->role == TLSHAKE_ROLE_SERVER && !p->credentials[0][0])
		return -EINVAL;
	/* a certificate that is required must be asked for */
	if (p->flags & TLSHAKE_F_REQUIRE_CERT)
		p->flags |= TLSHAKE_F_REQUEST_CERT;
	if ((p->flags & TLSHAKE_F_REQUEST_CERT) && !p->trust_store[0])
		return -EINVAL;
	if (fill_list(p->suites, TLSHAKE_MAX_SUITES, default_suites,
		      ARRAY_SIZE(default_suites), rsa_kex) ||
	    fill_list(p->groups, TLSHAKE_MAX_GROUPS, default_groups,
		      ARRAY_SIZE(default_groups), false) ||
	    fill_list(p->sig_schemes, TLSHAKE_MAX_SIG_SCHEMES,
		      default_schemes, ARRAY_SIZE(default_schemes), false))
		return -EINVAL;
	return alpn_ok(p);
}

static void hs_release(struct tlshake_hs *hs)
{
	unsigned int i;

	for (i = 0; i < hs->n_kx; i++)
		tlshake_kex_free(&hs->kx[i]);
	if (hs->ks_ready)
		tlshake_ks_free(&hs->ks);
	tlshake_transcript_free(&hs->tr);
	hs_pki_release(hs);
	hs12_free(hs);
	tlshake_session_put(hs->psk_sess);
	kvfree_sensitive(hs->msg, hs->msg_cap);
	kfree_sensitive(hs->out);
	kfree(hs->ch);
	kfree(hs->sh);
	kfree(hs->certs);
	kfree(hs->cookie);
	kfree_sensitive(hs);
}

/**
 * tlshake_hs_free() - free the handshake state, wiping its secrets
 * @ts: the connection; rx and tx locks held (or the connection unused)
 */
void tlshake_hs_free(struct tlshake_sock *ts)
{
	if (!ts->hs)
		return;
	hs_release(ts->hs);
	ts->hs = NULL;
}

static struct tlshake_hs *hs_alloc(void)
{
	struct tlshake_hs *hs = kzalloc(sizeof(*hs), GFP_KERNEL);

	if (!hs)
		return NULL;
	tlshake_transcript_init(&hs->tr);
	hs->out = kmalloc(TLSHAKE_HS_OUT_MAX, GFP_KERNEL);
	hs->ch = kzalloc(sizeof(*hs->ch), GFP_KERNEL);
	hs->sh = kzalloc(sizeof(*hs->sh), GFP_KERNEL);
	hs->certs = kzalloc(sizeof(*hs->certs), GFP_KERNEL);
	if (!hs->out || !hs->ch || !hs->sh || !hs->certs) {
		hs_release(hs);
		return NULL;
	}
	return hs;
}

/**
 * tlshake_hs_new() - set up a handshake and produce the first flight
 * @ts: the connection; rx and tx locks held
 * @params: the caller's parameters, checked by tlshake_hs_params_check()
 *
 * Return: 0; -ENOENT if a named credential or
 * trust store does not exist; -ENOMEM; or an error from the first flight.
 */
int tlshake_hs_new(struct tlshake_sock *ts,
		   const struct tlshake_handshake *params)
{
	struct tlshake_hs *hs;
	int err;

	hs = hs_alloc();
	if (!hs)
		return -ENOMEM;
	hs->ts = ts;
	hs->p = *params;
	err = hs_pki_setup(hs);
	if (err) {
		hs_release(hs);
		return err;
	}
	ts->hs = hs;
	hs->server = hs->p.role == TLSHAKE_ROLE_SERVER;
	if (hs->server) {
		hs_set_state(hs, HS_S_WAIT_CH);
		return 0;
	}
	strscpy(ts->info.server_name, hs->p.server_name,
		sizeof(ts->info.server_name));
	return hs13c_start(hs);
}

/**
 * tlshake_hs_done() - whether the handshake has completed
 * @ts: the connection
 *
 * Return: true once the last message of the handshake was processed.
 */
bool tlshake_hs_done(const struct tlshake_sock *ts)
{
	return ts->hs && ts->hs->state == HS_DONE;
}

/**
 * hs_set_state() - move the engine to another state
 * @hs: the handshake
 * @state: &enum tlshake_hs_state
 *
 * The one place the engine's state changes, so that the
 * tlshake_handshake_state tracepoint sees every change.
 */
void hs_set_state(struct tlshake_hs *hs, u8 state)
{
	trace_tlshake_handshake_state(hs->ts->sk, hs->state, state);
	hs->state = state;
}

/**
 * hs_fail() - fail the handshake
 * @hs: the handshake
 * @err: the negative errno for the application
 * @alert: the alert to send
 * @reason: &enum tlshake_reason
 *
 * Return: @err, for `return hs_fail(...)`.
 */
int hs_fail(struct tlshake_hs *hs, int err, u8 alert, u32 reason)
{
	tlshake_fail(hs->ts, err, alert, reason);
	return err;
}

/* The errno and reason that go with an alert we send. */
static int alert_errno(u8 alert, u32 *reason)
{
	switch (alert) {
	case TLSHAKE_ALERT_DECODE_ERROR:
		*reason = TLSHAKE_REASON_DECODE;
		return -EBADMSG;
	case TLSHAKE_ALERT_UNEXPECTED_MESSAGE:
		*reason = TLSHAKE_REASON_UNEXPECTED;
		return -EPROTO;
	case TLSHAKE_ALERT_PROTOCOL_VERSION:
		*reason = TLSHAKE_REASON_VERSION;
		return -EPROTO;
	case TLSHAKE_ALERT_HANDSHAKE_FAILURE:
	case TLSHAKE_ALERT_NO_APPLICATION_PROTOCOL:
		*reason = TLSHAKE_REASON_NO_COMMON_PARAMS;
		return -EPROTO;
	case TLSHAKE_ALERT_INTERNAL_ERROR:
		*reason = TLSHAKE_REASON_INTERNAL;
		return -ENOMEM;
	default:
		*reason = TLSHAKE_REASON_ILLEGAL_PARAMETER;
		return -EPROTO;
	}
}

/**
 * hs_reject() - fail the handshake because of what the peer sent
 * @hs: the handshake
 * @alert: the alert a parser or check chose
 *
 * Return: the errno that goes with @alert.
 */
int hs_reject(struct tlshake_hs *hs, u8 alert)
{
	u32 reason;
	int err = alert_errno(alert, &reason);

	return hs_fail(hs, err, alert, reason);
}

/**
 * hs_send() - send a handshake message and add it to the transcript
 * @hs: the handshake
 * @msg: the whole message, header included
 * @len: its length
 *
 * Return: 0 or a negative errno (the handshake has failed then).
 */
int hs_send(struct tlshake_hs *hs, const u8 *msg, size_t len)
{
	int err = tlshake_transcript_add(&hs->tr, msg, len);

	if (!err)
		err = tlshake_tx_append(hs->ts, TLSHAKE_CT_HANDSHAKE, msg, len);
	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	return 0;
}

/**
 * hs_send_ccs() - send the middlebox-compatibility ChangeCipherSpec once
 * @hs: the handshake
 *
 * Return: 0 or a negative errno.
 */
int hs_send_ccs(struct tlshake_hs *hs)
{
	static const u8 ccs = 1;
	int err;

	if (hs->ccs_sent)
		return 0;
	hs->ccs_sent = true;
	err = tlshake_tx_append(hs->ts, TLSHAKE_CT_CHANGE_CIPHER_SPEC, &ccs, 1);
	if (!err)
		err = tlshake_tx_seal(hs->ts);
	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	return 0;
}

static int set_key(struct tlshake_hs *hs, enum tlshake_ks_secret which,
		   bool rx)
{
	u8 key[TLSHAKE_MAX_KEY_LEN], iv[TLSHAKE_AEAD_NONCE_LEN];
	int err;

	err = tlshake_ks_traffic_keys(&hs->ks, which, key, iv);
	if (!err && rx)
		err = tlshake_rx_set_key(hs->ts, hs->suite, true, key, iv);
	else if (!err)
		err = tlshake_tx_set_key(hs->ts, hs->suite, true, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	if (err)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	if (rx)
		hs->rx_key_changed = true;
	return 0;
}

/**
 * hs_set_rx_key() - read with the keys of a traffic secret from now on
 * @hs: the handshake
 * @which: the traffic secret
 *
 * No further handshake bytes may share a record with the message that
 * caused this (RFC 8446 5.1): hs_input() checks.
 *
 * Return: 0 or a negative errno.
 */
int hs_set_rx_key(struct tlshake_hs *hs, enum tlshake_ks_secret which)
{
	return set_key(hs, which, true);
}

/**
 * hs_set_tx_key() - write with the keys of a traffic secret from now on
 * @hs: the handshake
 * @which: the traffic secret
 *
 * Return: 0 or a negative errno.
 */
int hs_set_tx_key(struct tlshake_hs *hs, enum tlshake_ks_secret which)
{
	return set_key(hs, which, false);
}

/**
 * hs_offered_suite() - whether a suite is in our list
 * @hs: the handshake
 * @id: the suite
 *
 * Return: true if allowed.
 */
bool hs_offered_suite(const struct tlshake_hs *hs, u16 id)
{
	return list_has(hs->p.suites, TLSHAKE_MAX_SUITES, id);
}

/**
 * hs_offered_group() - whether a group is in our list
 * @hs: the handshake
 * @group: the group
 *
 * Return: true if allowed.
 */
bool hs_offered_group(const struct tlshake_hs *hs, u16 group)
{
	return list_has(hs->p.groups, TLSHAKE_MAX_GROUPS, group);
}

/**
 * hs_offered_scheme() - whether a signature scheme is in our list
 * @hs: the handshake
 * @scheme: the scheme
 *
 * Return: true if allowed.
 */
bool hs_offered_scheme(const struct tlshake_hs *hs, u16 scheme)
{
	return list_has(hs->p.sig_schemes, TLSHAKE_MAX_SIG_SCHEMES, scheme);
}

/**
 * hs_allow_version() - whether a version is within our range
 * @hs: the handshake
 * @version: the version
 *
 * Return: true if allowed.
 */
bool hs_allow_version(const struct tlshake_hs *hs, u16 version)
{
	return version >= hs->p.min_version && version <= hs->p.max_version;
}

/* A ChangeCipherSpec during the handshake (TLS 1.3: to be dropped). */
static int hs_ccs(struct tlshake_hs *hs, const u8 *data, size_t len)
{
	if (hs->version == TLSHAKE_VERSION_1_2)
		return hs12_ccs(hs, data, len);
	if (len != 1 || data[0] != 1 || hs->msg_len || hs->ccs_seen ||
	    hs->state == HS_S_WAIT_CH)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	hs->ccs_seen = true;
	return 0;
}

/* Append record bytes to the reassembly buffer. */
static int hs_buffer(struct tlshake_hs *hs, const u8 *data, size_t len)
{
	size_t cap;
	u8 *buf;

	if (hs->msg_len + len > TLSHAKE_HS_MSG_MAX + TLS_HS_HDR_LEN)
		return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
	if (hs->msg_len + len > hs->msg_cap) {
		cap = max_t(size_t, hs->msg_len + len, 2 * hs->msg_cap);
		cap = min_t(size_t, max_t(size_t, cap, 4096),
			    TLSHAKE_HS_MSG_MAX + TLS_HS_HDR_LEN);
		buf = kvmalloc(cap, GFP_KERNEL);
		if (!buf)
			return hs_fail(hs, -ENOMEM, TLSHAKE_ALERT_INTERNAL_ERROR,
				       TLSHAKE_REASON_INTERNAL);
		if (hs->msg)
			memcpy(buf, hs->msg, hs->msg_len);
		kvfree_sensitive(hs->msg, hs->msg_cap);
		hs->msg = buf;
		hs->msg_cap = cap;
	}
	memcpy(hs->msg + hs->msg_len, data, len);
	hs->msg_len += len;
	return 0;
}

static int hs_message(struct tlshake_hs *hs, const u8 *raw, size_t raw_len)
{
	const u8 *body = raw + TLS_HS_HDR_LEN;
	size_t len = raw_len - TLS_HS_HDR_LEN;

	if (hs->state == HS_DONE)
		return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	if (hs->version == TLSHAKE_VERSION_1_2)
		return hs12_message(hs, raw[0], body, len, raw, raw_len);
	if (hs->server)
		return hs13s_message(hs, raw[0], body, len, raw, raw_len);
	return hs13c_message(hs, raw[0], body, len, raw, raw_len);
}

/**
 * tlshake_hs_input() - feed the plaintext of one handshake-phase record
 * @ts: the connection; rx and tx locks held
 * @type: its content type (handshake or change_cipher_spec)
 * @data: the plaintext
 * @len: its length
 *
 * Handshake messages may span records and records may hold several
 * messages, but not across a change of read keys.
 *
 * Return: 0, or the negative errno the handshake failed with.
 */
int tlshake_hs_input(struct tlshake_sock *ts, u8 type, const u8 *data,
		     size_t len)
{
	struct tlshake_hs *hs = ts->hs;
	size_t mlen;
	int err;

	if (type == TLSHAKE_CT_CHANGE_CIPHER_SPEC)
		return hs_ccs(hs, data, len);
	err = hs_buffer(hs, data, len);
	while (!err && hs->msg_len >= TLS_HS_HDR_LEN) {
		mlen = TLS_HS_HDR_LEN + (hs->msg[1] << 16 | hs->msg[2] << 8 |
					 hs->msg[3]);
		if (mlen > TLSHAKE_HS_MSG_MAX)
			return hs_reject(hs, TLSHAKE_ALERT_DECODE_ERROR);
		if (hs->msg_len < mlen)
			break;
		hs->rx_key_changed = false;
		err = hs_message(hs, hs->msg, mlen);
		memzero_explicit(hs->msg, mlen);
		hs->msg_len -= mlen;
		memmove(hs->msg, hs->msg + mlen, hs->msg_len);
		if (!err && hs->rx_key_changed && hs->msg_len)
			return hs_reject(hs, TLSHAKE_ALERT_UNEXPECTED_MESSAGE);
	}
	return err;
}

/**
 * hs_session_identity() - record who a new session is between
 * @hs: the handshake, peer authenticated
 * @s: the session being made (either version)
 *
 * The peer's signature scheme, the server name, our credential's
 * certificate (server), whether the name was verified (client), and the
 * trust store and chain of an authenticated peer: what a later handshake
 * must match to resume it.
 *
 * Return: 0 or -ENOMEM.
 */
int hs_session_identity(struct tlshake_hs *hs, struct tlshake_session *s)
{
	struct tlshake_sock *ts = hs->ts;

	s->peer_sig_scheme = ts->info.peer_sig_scheme;
	if (hs->server) {
		strscpy(s->server_name, ts->info.server_name,
			sizeof(s->server_name));
		if (hs->cred)
			memcpy(s->cred_fp, tlshake_cred_leaf(hs->cred)->fingerprint,
			       sizeof(s->cred_fp));
	} else {
		strscpy(s->server_name, hs->p.server_name,
			sizeof(s->server_name));
		s->name_verified = !(hs->p.flags & TLSHAKE_F_NO_VERIFY_NAME);
	}
	if (!hs->peer_key.key)
		return 0;
	strscpy(s->trust_store, hs->p.trust_store, sizeof(s->trust_store));
	if (!ts->peer_certs_len)
		return 0;
	s->peer_certs = kmemdup(ts->peer_certs, ts->peer_certs_len,
				GFP_KERNEL);
	if (!s->peer_certs)
		return -ENOMEM;
	s->peer_certs_len = ts->peer_certs_len;
	return 0;
}

/* Whether we hold the credential @s was made with. */
static bool session_cred_ours(struct tlshake_hs *hs,
			      const struct tlshake_session *s)
{
	unsigned int i;

	for (i = 0; i < TLSHAKE_MAX_CREDS && hs->creds[i]; i++)
		if (!memcmp(tlshake_cred_leaf(hs->creds[i])->fingerprint,
			    s->cred_fp, sizeof(s->cred_fp)))
			return true;
	return false;
}

/**
 * hs_session_match() - may the server resume @s, as far as identities go
 * @hs: the server's handshake, SNI and credentials known
 * @s: a session offered for resumption (either version)
 *
 * Only for the name it was made for (RFC 6066 3), by a server holding the
 * credential it was made with, and if a client certificate is required,
 * one this trust store validated.
 *
 * Return: true if it may.
 */
bool hs_session_match(struct tlshake_hs *hs, const struct tlshake_session *s)
{
	if (strcmp(s->server_name, hs->ts->info.server_name) ||
	    !session_cred_ours(hs, s))
		return false;
	if (s->trust_store[0])
		return !strcmp(s->trust_store, hs->p.trust_store);
	return !(hs->p.flags & TLSHAKE_F_REQUIRE_CERT);
}
