// SPDX-License-Identifier: GPL-2.0
/*
 * Certificate path validation for the handshakes (RFC 5280 section 6, as
 * TLS uses it).
 *
 * The path is built from the leaf towards a trust anchor through the
 * certificates the peer sent, in any order; extra certificates are
 * ignored, and when several issuers fit (cross-signing) each is tried.
 * Issuers are found by comparing names as DER bytes (and key identifiers
 * when both certificates have them); every step verifies the signature and
 * the issuer's fitness as a CA (validity, basicConstraints, pathLen,
 * keyUsage, extKeyUsage). Anchors are trusted as name and key: their own
 * validity and signature are not checked, but a constraint they carry
 * (pathLen, keyUsage, cA FALSE) is honoured.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <kunit/visibility.h>

#include "alert.h"
#include "cert.h"
#include "chain.h"
#include "trust.h"

/* Signature verifications one validation may spend (crafted chains with
 * many same-named certificates could otherwise multiply the work).
 */
#define CHAIN_SIG_BUDGET	32

static const struct {
	const char *text;
	u8 alert;
} chain_reasons[TLSHAKE_CHAIN__NR] = {
	[TLSHAKE_CHAIN_OK] = { "ok", TLSHAKE_ALERT_NONE },
	[TLSHAKE_CHAIN_NO_CERTS] = { "no certificate",
		TLSHAKE_ALERT_BAD_CERTIFICATE },
	[TLSHAKE_CHAIN_TOO_MANY_CERTS] = { "too many certificates",
		TLSHAKE_ALERT_BAD_CERTIFICATE },
	[TLSHAKE_CHAIN_NAME_MISMATCH] = { "name mismatch",
		TLSHAKE_ALERT_BAD_CERTIFICATE },
	[TLSHAKE_CHAIN_EXPIRED] = { "certificate expired",
		TLSHAKE_ALERT_CERTIFICATE_EXPIRED },
	[TLSHAKE_CHAIN_NOT_YET_VALID] = { "certificate not yet valid",
		TLSHAKE_ALERT_CERTIFICATE_EXPIRED },
	[TLSHAKE_CHAIN_LEAF_KEY_USAGE] = { "leaf key usage forbids signing",
		TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE },
	[TLSHAKE_CHAIN_BAD_PURPOSE] = { "extended key usage forbids purpose",
		TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE },
	[TLSHAKE_CHAIN_UNKNOWN_ISSUER] = { "no path to a trust anchor",
		TLSHAKE_ALERT_UNKNOWN_CA },
	[TLSHAKE_CHAIN_TOO_LONG] = { "path too long",
		TLSHAKE_ALERT_UNKNOWN_CA },
	[TLSHAKE_CHAIN_NOT_CA] = { "issuer is not a CA",
		TLSHAKE_ALERT_UNKNOWN_CA },
	[TLSHAKE_CHAIN_PATH_LEN] = { "issuer path length exceeded",
		TLSHAKE_ALERT_UNKNOWN_CA },
	[TLSHAKE_CHAIN_CA_KEY_USAGE] = { "issuer key usage forbids signing certificates",
		TLSHAKE_ALERT_UNKNOWN_CA },
	[TLSHAKE_CHAIN_BAD_SIGNATURE] = { "bad signature",
		TLSHAKE_ALERT_BAD_CERTIFICATE },
	/* RFC 8446 4.4.2.4 */
	[TLSHAKE_CHAIN_WEAK_SIGNATURE] = { "MD5 or SHA-1 signature",
		TLSHAKE_ALERT_BAD_CERTIFICATE },
	[TLSHAKE_CHAIN_UNSUPPORTED_SIGNATURE] = { "unsupported signature algorithm",
		TLSHAKE_ALERT_UNSUPPORTED_CERTIFICATE },
	[TLSHAKE_CHAIN_NOMEM] = { "out of memory",
		TLSHAKE_ALERT_INTERNAL_ERROR },
};

/**
 * tlshake_chain_reason_str() - describe a validation failure
 * @reason: &enum tlshake_chain_reason
 *
 * Return: a short text, for logs and messages.
 */
const char *tlshake_chain_reason_str(u8 reason)
{
	return reason < TLSHAKE_CHAIN__NR ? chain_reasons[reason].text :
					    "unknown";
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_chain_reason_str);

struct chain_state {
	const struct tlshake_chain_params *p;
	struct tlshake_cert *const *certs;
	unsigned int n;
	time64_t now;
	u32 on_path;		/* bit i: certs[i] is on the current path */
	unsigned int budget;
	u8 eku_bit;
	u8 reason;		/* the most telling failure so far */
	s8 at;
	u8 depth;
};

/* How telling a failure is: a specific one beats running out of depth,
 * which beats finding no issuer.
 */
static int reason_rank(u8 reason)
{
	switch (reason) {
	case TLSHAKE_CHAIN_OK:
		return 0;
	case TLSHAKE_CHAIN_UNKNOWN_ISSUER:
		return 1;
	case TLSHAKE_CHAIN_TOO_LONG:
		return 2;
	default:
		return 3;
	}
}

/* Remember the first of the most telling failures (the deepest "no
 * issuer" is found first).
 */
static int chain_fail(struct chain_state *st, u8 reason, int at)
{
	if (reason_rank(reason) > reason_rank(st->reason)) {
		st->reason = reason;
		st->at = at;
	}
	return -EKEYREJECTED;
}

static int check_validity(struct chain_state *st,
			  const struct tlshake_cert *cert, int at)
{
	if (st->now < cert->not_before)
		return chain_fail(st, TLSHAKE_CHAIN_NOT_YET_VALID, at);
	if (st->now > cert->not_after)
		return chain_fail(st, TLSHAKE_CHAIN_EXPIRED, at);
	return 0;
}

static bool has_purpose(const struct tlshake_cert *cert, u8 bit)
{
	return !cert->has_eku || (cert->eku & (bit | TLSHAKE_EKU_ANY));
}

static int check_leaf(struct chain_state *st)
{
	const struct tlshake_cert *leaf = st->certs[0];

	if (check_validity(st, leaf, 0))
		return -EKEYREJECTED;
	if (st->p->host && !tlshake_cert_match_host(leaf, st->p->host))
		return chain_fail(st, TLSHAKE_CHAIN_NAME_MISMATCH, 0);
	if (leaf->has_ku && !(leaf->key_usage & TLSHAKE_KU_DIGITAL_SIGNATURE))
		return chain_fail(st, TLSHAKE_CHAIN_LEAF_KEY_USAGE, 0);
	if (!has_purpose(leaf, st->eku_bit))
		return chain_fail(st, TLSHAKE_CHAIN_BAD_PURPOSE, 0);
	return 0;
}

/*
 * Can @ca (certs[@at], or an anchor if @at < 0) issue a certificate that
 * has @below non-self-issued intermediates beneath it?
 */
static int check_issuer(struct chain_state *st, const struct tlshake_cert *ca,
			int at, int below)
{
	bool anchor = at < 0;

	if (!anchor && check_validity(st, ca, at))
		return -EKEYREJECTED;
	if (anchor ? ca->has_bc && !ca->is_ca : !ca->has_bc || !ca->is_ca)
		return chain_fail(st, TLSHAKE_CHAIN_NOT_CA, at);
	if (ca->has_ku && !(ca->key_usage & TLSHAKE_KU_KEY_CERT_SIGN))
		return chain_fail(st, TLSHAKE_CHAIN_CA_KEY_USAGE, at);
	if (ca->path_len >= 0 && below > ca->path_len)
		return chain_fail(st, TLSHAKE_CHAIN_PATH_LEN, at);
	if (!anchor && !has_purpose(ca, st->eku_bit))
		return chain_fail(st, TLSHAKE_CHAIN_BAD_PURPOSE, at);
	return 0;
}

/* Could @issuer have issued @cert? (names, and key identifiers if both) */
static bool names_chain(const struct tlshake_cert *cert,
			const struct tlshake_cert *issuer)
{
	if (cert->issuer_len != issuer->subject_len ||
	    memcmp(cert->issuer, issuer->subject, cert->issuer_len))
		return false;
	return !cert->aki || !issuer->ski || (cert->aki_len == issuer->ski_len &&
	       !memcmp(cert->aki, issuer->ski, cert->aki_len));
}

/* Did @issuer sign certs[@at] (@cert)? */
static int check_signature(struct chain_state *st,
			   const struct tlshake_cert *cert, int at,
			   const struct tlshake_cert *issuer)
{
	int err;

	if (cert->sig_weak)
		return chain_fail(st, TLSHAKE_CHAIN_WEAK_SIGNATURE, at);
	if (!cert->sig_known)
		return chain_fail(st, TLSHAKE_CHAIN_UNSUPPORTED_SIGNATURE, at);
	if (!st->budget)
		return chain_fail(st, TLSHAKE_CHAIN_TOO_LONG, at);
	st->budget--;
	err = tlshake_verify(&issuer->pub, &cert->sig_alg, cert->tbs,
			     cert->tbs_len, cert->sig, cert->sig_len);
	switch (err) {
	case 0:
		return 0;
	case -ENOMEM:
		chain_fail(st, TLSHAKE_CHAIN_NOMEM, at);
		return -ENOMEM;
	case -ENOPKG:
		return chain_fail(st, TLSHAKE_CHAIN_UNSUPPORTED_SIGNATURE, at);
	default:
		return chain_fail(st, TLSHAKE_CHAIN_BAD_SIGNATURE, at);
	}
}

static bool same_cert(const struct tlshake_cert *a,
		      const struct tlshake_cert *b)
{
	return a->der_len == b->der_len && !memcmp(a->der, b->der, a->der_len);
}

/* Is certs[@at] signed by an anchor of the trust store (or one itself)? */
static int chain_to_anchor(struct chain_state *st, int at, int below)
{
	const struct tlshake_trust *trust = st->p->trust;
	const struct tlshake_cert *cert = st->certs[at];
	unsigned int i;
	int err;

	for (i = 0; i < trust->nr_anchors; i++)
		if (same_cert(cert, trust->anchors[i]))
			return 0;
	for (i = 0; i < trust->nr_anchors; i++) {
		const struct tlshake_cert *a = trust->anchors[i];

		if (!names_chain(cert, a) || check_issuer(st, a, -1, below))
			continue;
		err = check_signature(st, cert, at, a);
		if (err != -EKEYREJECTED) {
			st->depth++;
			return err;
		}
	}
	return -EKEYREJECTED;
}

/*
 * Complete the path above certs[@at], which has @below non-self-issued
 * intermediates beneath it and is the @depth-th certificate of the path.
 */
static int chain_extend(struct chain_state *st, int at, int below, int depth)
{
	const struct tlshake_cert *cert = st->certs[at];
	unsigned int i;
	int err;

	st->depth = depth;
	err = chain_to_anchor(st, at, below);
	if (err != -EKEYREJECTED)
		return err;
	if (depth >= TLSHAKE_CHAIN_MAX_DEPTH - 1)
		return chain_fail(st, TLSHAKE_CHAIN_TOO_LONG, at);
	for (i = 1; i < st->n; i++) {
		const struct tlshake_cert *ca = st->certs[i];
		int next_below = below + !ca->self_issued;

		if ((st->on_path & BIT(i)) || !names_chain(cert, ca) ||
		    check_issuer(st, ca, i, below))
			continue;
		err = check_signature(st, cert, at, ca);
		if (err == -EKEYREJECTED)
			continue;
		if (err)
			return err;
		st->on_path |= BIT(i);
		err = chain_extend(st, i, next_below, depth + 1);
		st->on_path &= ~BIT(i);
		if (err != -EKEYREJECTED)
			return err;
	}
	return chain_fail(st, TLSHAKE_CHAIN_UNKNOWN_ISSUER, at);
}

/**
 * tlshake_chain_verify() - validate a peer's certificate chain
 * @params: trust store, expected name, purpose, time
 * @certs: the peer's certificates, parsed; the leaf first, then any
 *	intermediates in any order
 * @n: their number
 * @res: the verdict, with the alert to send and a reason, always set
 *
 * Context: process context; may sleep (signature verification).
 * Return: 0 if a valid path from the leaf to an anchor of
 * @params->trust exists, -EKEYREJECTED if not (see @res), -ENOMEM.
 */
int tlshake_chain_verify(const struct tlshake_chain_params *params,
			 struct tlshake_cert *const *certs, unsigned int n,
			 struct tlshake_chain_result *res)
{
	struct chain_state st = {
		.p = params, .certs = certs, .n = n, .on_path = BIT(0),
		.budget = CHAIN_SIG_BUDGET, .at = -1,
		.now = params->now ?: ktime_get_real_seconds(),
		.eku_bit = params->purpose == TLSHAKE_CHAIN_CLIENT ?
			   TLSHAKE_EKU_CLIENT_AUTH : TLSHAKE_EKU_SERVER_AUTH,
	};
	int err;

	BUILD_BUG_ON(TLSHAKE_CHAIN_MAX_CERTS > 32);
	if (!n)
		err = chain_fail(&st, TLSHAKE_CHAIN_NO_CERTS, -1);
	else if (n > TLSHAKE_CHAIN_MAX_CERTS)
		err = chain_fail(&st, TLSHAKE_CHAIN_TOO_MANY_CERTS, -1);
	else
		err = check_leaf(&st) ?: chain_extend(&st, 0, 0, 1);
	res->reason = err ? st.reason : TLSHAKE_CHAIN_OK;
	res->alert = chain_reasons[res->reason].alert;
	res->cert = err ? st.at : -1;
	res->depth = err ? 0 : st.depth;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_chain_verify);
