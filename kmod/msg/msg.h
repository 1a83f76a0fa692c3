/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TLS handshake messages and extensions: code points, parsed views, and
 * the parsers and builders of kmod/msg/. Parsers only check syntax and the
 * rules that need no state (lengths, duplicates, legal values); the
 * handshake engines check the rest. Every parser returns 0 or a negative
 * errno and sets *alert (decode_error, illegal_parameter, ...). Views
 * point into the message; they live as long as it does.
 */
#ifndef _TLSHAKE_MSG_H
#define _TLSHAKE_MSG_H

#include "wire.h"

/* HandshakeType */
#define TLS_HS_HELLO_REQUEST		0
#define TLS_HS_CLIENT_HELLO		1
#define TLS_HS_SERVER_HELLO		2
#define TLS_HS_NEW_SESSION_TICKET	4
#define TLS_HS_END_OF_EARLY_DATA	5
#define TLS_HS_ENCRYPTED_EXTENSIONS	8
#define TLS_HS_CERTIFICATE		11
#define TLS_HS_SERVER_KEY_EXCHANGE	12
#define TLS_HS_CERTIFICATE_REQUEST	13
#define TLS_HS_SERVER_HELLO_DONE	14
#define TLS_HS_CERTIFICATE_VERIFY	15
#define TLS_HS_CLIENT_KEY_EXCHANGE	16
#define TLS_HS_FINISHED			20
#define TLS_HS_KEY_UPDATE		24
#define TLS_HS_MESSAGE_HASH		254

#define TLS_HS_HDR_LEN			4

/* ExtensionType */
#define TLS_EXT_SERVER_NAME		0
#define TLS_EXT_STATUS_REQUEST		5
#define TLS_EXT_SUPPORTED_GROUPS	10
#define TLS_EXT_EC_POINT_FORMATS	11
#define TLS_EXT_SIGNATURE_ALGORITHMS	13
#define TLS_EXT_ALPN			16
#define TLS_EXT_PADDING			21
#define TLS_EXT_ENCRYPT_THEN_MAC	22
#define TLS_EXT_EXTENDED_MASTER_SECRET	23
#define TLS_EXT_RECORD_SIZE_LIMIT	28
#define TLS_EXT_SESSION_TICKET		35
#define TLS_EXT_PRE_SHARED_KEY		41
#define TLS_EXT_EARLY_DATA		42
#define TLS_EXT_SUPPORTED_VERSIONS	43
#define TLS_EXT_COOKIE			44
#define TLS_EXT_PSK_KEY_EXCHANGE_MODES	45
#define TLS_EXT_CERTIFICATE_AUTHORITIES	47
#define TLS_EXT_POST_HANDSHAKE_AUTH	49
#define TLS_EXT_SIGNATURE_ALGORITHMS_CERT 50
#define TLS_EXT_KEY_SHARE		51
#define TLS_EXT_RENEGOTIATION_INFO	0xff01

/* Signalling cipher suite values */
#define TLS_SCSV_EMPTY_RENEGOTIATION_INFO 0x00ff	/* RFC 5746 3.3 */
#define TLS_SCSV_FALLBACK		0x5600	/* RFC 7507 */

/* ECCurveType named_curve (RFC 8422 5.4) */
#define TLS_EC_NAMED_CURVE		3
/* ECPointFormat uncompressed (RFC 8422 5.1.2) */
#define TLS_EC_POINT_UNCOMPRESSED	0

/* ClientCertificateType (RFC 5246 7.4.4, RFC 8422 5.5) */
#define TLS_CERT_TYPE_RSA_SIGN		1
#define TLS_CERT_TYPE_ECDSA_SIGN	64

/* Named groups */
#define TLS_GROUP_SECP256R1		0x0017
#define TLS_GROUP_SECP384R1		0x0018
#define TLS_GROUP_X25519		0x001d

#define TLS_PSK_KE			0
#define TLS_PSK_DHE_KE			1

#define TLS_RANDOM_LEN			32
#define TLS_SESSION_ID_MAX		32
#define TLS_MAX_EXTS			128	/* more is refused (DoS) */
#define TLS_MAX_KEY_SHARES		16
#define TLS_MAX_PSK_IDS			16
#define TLS_KEY_SHARE_MAX		133	/* P-521 would be 133 */
#define TLS_FINISHED_MAX		48

/* The TLS 1.3 HelloRetryRequest random (RFC 8446 4.1.3) */
extern const u8 tls_hrr_random[TLS_RANDOM_LEN];
/* Downgrade sentinels in ServerHello.random[24..31] (RFC 8446 4.1.3) */
extern const u8 tls_downgrade_12[8];
extern const u8 tls_downgrade_11[8];

/**
 * struct tls_ext - one extension as received
 * @type: ExtensionType
 * @data: its extension_data
 * @len: length of @data
 */
struct tls_ext {
	u16 type;
	u16 len;
	const u8 *data;
};

/**
 * struct tls_exts - an extension block
 * @ext: the extensions, in order
 * @n: how many
 */
struct tls_exts {
	struct tls_ext ext[TLS_MAX_EXTS];
	unsigned int n;
};

int tls_parse_exts(struct tls_rd *r, struct tls_exts *exts, u8 *alert);
const struct tls_ext *tls_find_ext(const struct tls_exts *exts, u16 type);

/**
 * struct tls_client_hello - a parsed ClientHello
 * @legacy_version: client_version / legacy_version
 * @random: 32 bytes
 * @session_id: legacy_session_id
 * @session_id_len: its length (0..32)
 * @suites: cipher_suites, big-endian u16s
 * @n_suites: number of suites
 * @comp: compression methods
 * @n_comp: their number
 * @exts: the extensions
 * @binders_off: offset of the PskBinderEntry list (after its length
 *	prefix) from the start of the message body, if pre_shared_key is
 *	present (the binders hash covers the message up to that list)
 */
struct tls_client_hello {
	u16 legacy_version;
	const u8 *random;
	const u8 *session_id;
	u8 session_id_len;
	const u8 *suites;
	unsigned int n_suites;
	const u8 *comp;
	unsigned int n_comp;
	struct tls_exts exts;
	size_t binders_off;
};

int tls_parse_client_hello(const u8 *body, size_t len,
			   struct tls_client_hello *ch, u8 *alert);

/**
 * struct tls_server_hello - a parsed ServerHello (or HelloRetryRequest)
 * @legacy_version: server_version / legacy_version
 * @random: 32 bytes
 * @session_id: legacy_session_id_echo
 * @session_id_len: its length
 * @suite: cipher_suite
 * @comp: compression method
 * @is_hrr: @random is the HelloRetryRequest value
 * @exts: the extensions
 */
struct tls_server_hello {
	u16 legacy_version;
	const u8 *random;
	const u8 *session_id;
	u8 session_id_len;
	u16 suite;
	u8 comp;
	bool is_hrr;
	struct tls_exts exts;
};

int tls_parse_server_hello(const u8 *body, size_t len,
			   struct tls_server_hello *sh, u8 *alert);

/**
 * struct tls_key_share - one KeyShareEntry
 * @group: NamedGroup
 * @key_len: length of @key
 * @key: key_exchange
 */
struct tls_key_share {
	u16 group;
	u16 key_len;
	const u8 *key;
};

/**
 * struct tls_psk_offer - the client's pre_shared_key extension
 * @n: number of identities (= number of binders)
 * @id: the identities
 * @id_len: their lengths
 * @age: obfuscated_ticket_age of each
 * @binder: the binders
 * @binder_len: their lengths
 */
struct tls_psk_offer {
	unsigned int n;
	const u8 *id[TLS_MAX_PSK_IDS];
	u16 id_len[TLS_MAX_PSK_IDS];
	u32 age[TLS_MAX_PSK_IDS];
	const u8 *binder[TLS_MAX_PSK_IDS];
	u8 binder_len[TLS_MAX_PSK_IDS];
};

/* Parsers of extension bodies (ClientHello unless named otherwise) */
int tls_ext_u16_list(const struct tls_ext *e, int lenbytes,
		     const u8 **list, unsigned int *n, u8 *alert);
int tls_ext_server_name(const struct tls_ext *e, const u8 **name,
			size_t *len, u8 *alert);
int tls_ext_key_shares(const struct tls_ext *e, struct tls_key_share *ks,
		       unsigned int max, unsigned int *n, u8 *alert);
int tls_ext_key_share_sh(const struct tls_ext *e, bool hrr,
			 struct tls_key_share *ks, u8 *alert);
int tls_ext_alpn(const struct tls_ext *e, const u8 **list, size_t *len,
		 u8 *alert);
int tls_ext_alpn_selected(const struct tls_ext *e, const u8 **proto,
			  size_t *len, u8 *alert);
int tls_ext_psk_offer(const struct tls_ext *e, struct tls_psk_offer *psk,
		      u8 *alert);
int tls_ext_u8_list(const struct tls_ext *e, const u8 **list,
		    unsigned int *n, u8 *alert);
int tls_ext_cookie(const struct tls_ext *e, const u8 **cookie, size_t *len,
		   u8 *alert);
int tls_ext_record_size_limit(const struct tls_ext *e, u16 *limit,
			      u8 *alert);
bool tls_u16_list_has(const u8 *list, unsigned int n, u16 v);

/**
 * struct tls_cert_entry - one certificate of a Certificate message
 * @der: the DER certificate
 * @len: its length
 */
struct tls_cert_entry {
	const u8 *der;
	u32 len;
};

#define TLS_MAX_CHAIN	10

/**
 * struct tls_certificate - a parsed Certificate message
 * @ctx: TLS 1.3 certificate_request_context
 * @ctx_len: its length
 * @n: number of certificates
 * @cert: the certificates, leaf first (per-entry extensions are skipped)
 */
struct tls_certificate {
	const u8 *ctx;
	u8 ctx_len;
	unsigned int n;
	struct tls_cert_entry cert[TLS_MAX_CHAIN];
};

int tls_parse_certificate(const u8 *body, size_t len, bool tls13,
			  struct tls_certificate *c, u8 *alert);
int tls_parse_cert_verify(const u8 *body, size_t len, u16 *scheme,
			  const u8 **sig, size_t *sig_len, u8 *alert);
int tls_parse_key_update(const u8 *body, size_t len, bool *request,
			 u8 *alert);

/**
 * struct tls_new_ticket - a parsed TLS 1.3 NewSessionTicket
 * @lifetime: ticket_lifetime (seconds, at most 7 days)
 * @age_add: ticket_age_add
 * @nonce: ticket_nonce
 * @nonce_len: its length
 * @ticket: the ticket
 * @ticket_len: its length
 * @max_early_data: early_data's max_early_data_size, 0 if absent
 */
struct tls_new_ticket {
	u32 lifetime;
	u32 age_add;
	const u8 *nonce;
	u8 nonce_len;
	const u8 *ticket;
	u16 ticket_len;
	u32 max_early_data;
};

int tls_parse_new_ticket(const u8 *body, size_t len,
			 struct tls_new_ticket *t, u8 *alert);

/**
 * struct tls_cert_request - a parsed TLS 1.3 CertificateRequest
 * @ctx: certificate_request_context
 * @ctx_len: its length
 * @exts: the extensions (signature_algorithms is required)
 */
struct tls_cert_request {
	const u8 *ctx;
	u8 ctx_len;
	struct tls_exts exts;
};

int tls_parse_cert_request13(const u8 *body, size_t len,
			     struct tls_cert_request *cr, u8 *alert);
int tls_ext_ca_names(const struct tls_ext *e, const u8 **names, size_t *len,
		     u8 *alert);

/**
 * struct tls_server_kx - a parsed ECDHE ServerKeyExchange (TLS 1.2)
 * @group: the NamedGroup of the server's key
 * @point: the server's ephemeral public key
 * @point_len: its length
 * @params: ServerECDHParams as sent, which the signature covers
 * @params_len: its length
 * @scheme: SignatureAndHashAlgorithm of the signature
 * @sig: the signature
 * @sig_len: its length
 */
struct tls_server_kx {
	u16 group;
	const u8 *point;
	u8 point_len;
	const u8 *params;
	size_t params_len;
	u16 scheme;
	const u8 *sig;
	size_t sig_len;
};

int tls_parse_server_kx_ecdhe(const u8 *body, size_t len,
			      struct tls_server_kx *kx, u8 *alert);
void tls_put_ecdh_params(struct tls_wr *w, u16 group, const u8 *point,
			 size_t len);

/**
 * struct tls_cert_request12 - a parsed TLS 1.2 CertificateRequest
 * @types: certificate_types (ClientCertificateType values)
 * @n_types: their number
 * @sig_algs: supported_signature_algorithms, big-endian u16s
 * @n_sig_algs: their number
 * @ca_names: certificate_authorities: DistinguishedNames, each with its
 *	2-byte length (checked), or empty
 * @ca_names_len: their total length
 */
struct tls_cert_request12 {
	const u8 *types;
	unsigned int n_types;
	const u8 *sig_algs;
	unsigned int n_sig_algs;
	const u8 *ca_names;
	size_t ca_names_len;
};

int tls_parse_cert_request12(const u8 *body, size_t len,
			     struct tls_cert_request12 *cr, u8 *alert);
int tls_parse_client_kx(const u8 *body, size_t len, bool ecdhe,
			const u8 **data, size_t *data_len, u8 *alert);
int tls_parse_new_ticket12(const u8 *body, size_t len, u32 *lifetime,
			   const u8 **ticket, size_t *ticket_len, u8 *alert);
int tls_ext_reneg_info(const struct tls_ext *e, const u8 **data, size_t *len,
		       u8 *alert);

/* Builders: a message (header included) into @w */
size_t tls_hs_begin(struct tls_wr *w, u8 type);
void tls_hs_end(struct tls_wr *w, size_t mark);
size_t tls_ext_begin(struct tls_wr *w, u16 type);
void tls_ext_end(struct tls_wr *w, size_t mark);

#endif /* _TLSHAKE_MSG_H */
