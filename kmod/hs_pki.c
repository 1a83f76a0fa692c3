// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake's view of credentials and trust stores: take references
 * on the named objects for the duration of the handshake (a replaced or
 * deleted credential stays valid for it), choose the credential for a
 * peer's SNI and signature algorithms, and validate the peer's chain.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/sock.h>

#include "cert.h"
#include "chain.h"
#include "cred.h"
#include "hs_int.h"
#include "hs_pki.h"
#include "trust.h"

/**
 * hs_pki_setup() - reference the credentials and trust store named in the
 *	handshake parameters
 * @hs: the handshake
 *
 * Return: 0, or -ENOENT if one of them does not exist in the socket's
 * network namespace.
 */
int hs_pki_setup(struct tlshake_hs *hs)
{
	struct net *net = sock_net(hs->ts->sk);
	unsigned int i;

	if (hs->p.trust_store[0]) {
		hs->trust = tlshake_trust_get(net, hs->p.trust_store);
		if (!hs->trust)
			return -ENOENT;
	}
	for (i = 0; i < TLSHAKE_MAX_CREDS && hs->p.credentials[i][0]; i++) {
		hs->creds[i] = tlshake_cred_get(net, hs->p.credentials[i]);
		if (!hs->creds[i])
			return -ENOENT;
	}
	return 0;
}

/**
 * hs_pki_release() - drop the references and the peer's parsed chain
 * @hs: the handshake
 */
void hs_pki_release(struct tlshake_hs *hs)
{
	unsigned int i;

	for (i = 0; i < TLSHAKE_MAX_CREDS; i++)
		if (hs->creds[i])
			tlshake_cred_put(hs->creds[i]);
	if (hs->trust)
		tlshake_trust_put(hs->trust);
	for (i = 0; i < hs->n_peer; i++)
		tlshake_cert_free(hs->peer_chain[i]);
	hs->n_peer = 0;
}

/* Our first scheme (in our order) that the peer offers and @cred can use. */
static u16 cred_scheme(const struct tlshake_hs *hs,
		       const struct tlshake_cred *cred, const u8 *sig_algs,
		       unsigned int n, bool tls13)
{
	const struct tlshake_pubkey *pub = &tlshake_cred_leaf(cred)->pub;
	unsigned int i;
	u16 s;

	for (i = 0; i < TLSHAKE_MAX_SIG_SCHEMES && (s = hs->p.sig_schemes[i]);
	     i++)
		if (tls_u16_list_has(sig_algs, n, s) &&
		    tlshake_scheme_usable(s, pub, tls13))
			return s;
	return 0;
}

static bool cred_matches_sni(const struct tlshake_cred *cred, const u8 *sni,
			     size_t len)
{
	char host[TLSHAKE_SERVER_NAME_MAX];

	if (!sni || len >= sizeof(host))
		return false;
	memcpy(host, sni, len);
	host[len] = 0;
	return tlshake_cert_match_host(tlshake_cred_leaf(cred), host);
}

/**
 * hs_pki_choose() - choose our credential and signature scheme
 * @hs: the handshake
 * @sni: the client's server name (server side), or NULL
 * @sni_len: its length
 * @sig_algs: the signature schemes the peer accepts (big-endian u16s)
 * @n_sig_algs: their number
 * @tls13: the schemes TLS 1.3 allows
 *
 * The first credential whose leaf matches @sni and has a usable scheme
 * wins; failing that, the first with a usable scheme.
 *
 * Return: 0 with hs->cred and hs->sig_scheme set, or -ENOENT.
 */
int hs_pki_choose(struct tlshake_hs *hs, const u8 *sni, size_t sni_len,
		  const u8 *sig_algs, unsigned int n_sig_algs, bool tls13)
{
	struct tlshake_cred *c;
	unsigned int pass, i;
	u16 s;

	for (pass = sni ? 0 : 1; pass < 2; pass++) {
		for (i = 0; i < TLSHAKE_MAX_CREDS && (c = hs->creds[i]); i++) {
			if (!pass && !cred_matches_sni(c, sni, sni_len))
				continue;
			s = cred_scheme(hs, c, sig_algs, n_sig_algs, tls13);
			if (!s)
				continue;
			hs->cred = c;
			hs->sig_scheme = s;
			return 0;
		}
	}
	return -ENOENT;
}

/* Is @dn (a DER Name) the issuer or the subject of a certificate of @cred? */
static bool cred_has_name(const struct tlshake_cred *cred, const u8 *dn,
			  size_t len)
{
	const struct tlshake_cert *c;
	unsigned int i;

	for (i = 0; i < cred->nr_certs; i++) {
		c = cred->certs[i];
		if ((c->issuer_len == len && !memcmp(c->issuer, dn, len)) ||
		    (c->subject_len == len && !memcmp(c->subject, dn, len)))
			return true;
	}
	return false;
}

/* Does @cred's chain lead to one of the CAs the server listed? */
static bool cred_matches_cas(const struct tlshake_cred *cred,
			     const struct hs_cert_req *req)
{
	struct tls_rd list, dn;

	rd_init(&list, req->ca_names, req->ca_names_len);
	while (list.left) {
		dn = rd_vec(&list, 2, 1, 0xffff);
		if (dn.err)
			return false;
		if (cred_has_name(cred, dn.p, dn.left))
			return true;
	}
	return false;
}

/* TLS 1.2 certificate_types: rsa_sign, or ecdsa_sign (also EdDSA). */
static bool cert_type_listed(const struct hs_cert_req *req,
			     const struct tlshake_cred *cred)
{
	u8 want = tlshake_cred_leaf(cred)->pub.type == TLSHAKE_KEY_RSA ?
		  TLS_CERT_TYPE_RSA_SIGN : TLS_CERT_TYPE_ECDSA_SIGN;

	return !req->types || memchr(req->types, want, req->n_types);
}

/**
 * hs_pki_choose_client() - choose the client credential for a server's
 *	CertificateRequest
 * @hs: the handshake (client)
 * @req: what the server asked for
 *
 * A credential must have a scheme the server accepts (and in TLS 1.2 a
 * listed certificate type). Among those, the first whose chain names a CA
 * the server listed wins (RFC 8446 4.2.4, RFC 5246 7.4.4); failing that,
 * the first one. hs->cred_usable says whether one was found; if not, the
 * client sends an empty Certificate.
 */
void hs_pki_choose_client(struct tlshake_hs *hs,
			  const struct hs_cert_req *req)
{
	struct tlshake_cred *c;
	unsigned int pass, i;
	u16 s;

	hs->cred_usable = false;
	hs->sig_scheme = 0;
	for (pass = req->ca_names_len ? 0 : 1; pass < 2; pass++) {
		for (i = 0; i < TLSHAKE_MAX_CREDS && (c = hs->creds[i]); i++) {
			if ((!pass && !cred_matches_cas(c, req)) ||
			    !cert_type_listed(req, c))
				continue;
			s = cred_scheme(hs, c, req->sig_algs, req->n_sig_algs,
					req->tls13);
			if (!s)
				continue;
			hs->cred = c;
			hs->sig_scheme = s;
			hs->cred_usable = true;
			return;
		}
	}
}

/* Is certs[@i]'s subject the same as that of an earlier anchor? */
static bool dup_subject(const struct tlshake_trust *t, unsigned int i)
{
	const struct tlshake_cert *a = t->anchors[i];
	unsigned int j;

	for (j = 0; j < i; j++)
		if (t->anchors[j]->subject_len == a->subject_len &&
		    !memcmp(t->anchors[j]->subject, a->subject,
			    a->subject_len))
			return true;
	return false;
}

/**
 * hs_pki_ca_names_len() - size of the CA names a server sends
 * @hs: the handshake (server)
 *
 * The subjects of the trust store's anchors, each once, if
 * TLSHAKE_F_SEND_CA_NAMES asks for them.
 *
 * Return: the length of the DistinguishedName list without its own length
 * prefix, or 0 for none (no flag, no anchors, or more than fits the
 * extension: then clients choose without a hint).
 */
size_t hs_pki_ca_names_len(const struct tlshake_hs *hs)
{
	const struct tlshake_trust *t = hs->trust;
	unsigned int i;
	size_t n = 0;

	if (!t || !(hs->p.flags & TLSHAKE_F_SEND_CA_NAMES))
		return 0;
	for (i = 0; i < t->nr_anchors; i++)
		if (!dup_subject(t, i))
			n += 2 + t->anchors[i]->subject_len;
	return n > HS_CA_NAMES_MAX ? 0 : n;
}

/**
 * hs_pki_put_ca_names() - write the CA names (hs_pki_ca_names_len() bytes)
 * @hs: the handshake (server)
 * @w: the writer
 */
void hs_pki_put_ca_names(const struct tlshake_hs *hs, struct tls_wr *w)
{
	const struct tlshake_trust *t = hs->trust;
	unsigned int i;

	for (i = 0; i < t->nr_anchors; i++) {
		if (dup_subject(t, i))
			continue;
		wr_u16(w, t->anchors[i]->subject_len);
		wr_bytes(w, t->anchors[i]->subject,
			 t->anchors[i]->subject_len);
	}
}

/**
 * hs_pki_chain() - our chain, one certificate at a time
 * @hs: the handshake
 * @i: index, leaf first
 * @der: out: the certificate
 *
 * Return: its length, or 0 past the end (or if no credential was chosen).
 */
unsigned int hs_pki_chain(const struct tlshake_hs *hs, unsigned int i,
			  const u8 **der)
{
	if (!hs->cred || !hs->cred_usable || i >= hs->cred->nr_certs)
		return 0;
	*der = hs->cred->certs[i]->der;
	return hs->cred->certs[i]->der_len;
}

/**
 * hs_pki_key() - the private key of the chosen credential
 * @hs: the handshake
 *
 * Return: the key.
 */
const struct tlshake_privkey *hs_pki_key(const struct tlshake_hs *hs)
{
	return tlshake_cred_key(hs->cred);
}

static int parse_chain(struct tlshake_hs *hs, const struct tls_certificate *c)
{
	struct tlshake_cert *cert;
	const char *why;
	unsigned int i;

	for (i = 0; i < c->n; i++) {
		cert = tlshake_cert_parse(c->cert[i].der, c->cert[i].len, &why);
		if (IS_ERR(cert))
			return hs_fail(hs, -EKEYREJECTED,
				       tlshake_cert_parse_alert(PTR_ERR(cert)),
				       TLSHAKE_REASON_CERT);
		hs->peer_chain[hs->n_peer++] = cert;
	}
	return 0;
}

/**
 * hs_pki_verify_peer() - validate the peer's chain against our trust store
 * @hs: the handshake
 * @c: the peer's Certificate message, at least one certificate
 *
 * A server's chain is checked for serverAuth and, unless
 * TLSHAKE_F_NO_VERIFY_NAME, for the name we asked for; a client's for
 * clientAuth. On success hs->peer_key is the leaf's key.
 *
 * Return: 0, or -EKEYREJECTED with the alert chain validation chose sent.
 */
int hs_pki_verify_peer(struct tlshake_hs *hs, const struct tls_certificate *c)
{
	struct tlshake_chain_params params = {
		.trust = hs->trust,
		.purpose = hs->server ? TLSHAKE_CHAIN_CLIENT :
					TLSHAKE_CHAIN_SERVER,
		.now = ktime_get_real_seconds(),
	};
	struct tlshake_chain_result res;
	int err;

	if (!hs->server && !(hs->p.flags & TLSHAKE_F_NO_VERIFY_NAME))
		params.host = hs->p.server_name;
	err = parse_chain(hs, c);
	if (err)
		return err;
	err = tlshake_chain_verify(&params, hs->peer_chain, hs->n_peer, &res);
	if (err == -ENOMEM)
		return hs_fail(hs, err, TLSHAKE_ALERT_INTERNAL_ERROR,
			       TLSHAKE_REASON_INTERNAL);
	if (err)
		return hs_fail(hs, -EKEYREJECTED, res.alert,
			       TLSHAKE_REASON_CERT);
	hs->peer_key = hs->peer_chain[0]->pub;
	return 0;
}
