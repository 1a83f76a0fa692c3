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
