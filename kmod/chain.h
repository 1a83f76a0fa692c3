/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Validation of a peer's certificate chain against a trust store
 * (RFC 5280 section 6, as TLS uses it; names per RFC 9525).
 */
#ifndef _TLSHAKE_CHAIN_H
#define _TLSHAKE_CHAIN_H

#include <linux/time64.h>
#include <linux/types.h>

struct tlshake_cert;
struct tlshake_trust;

/* Longest path accepted, leaf and anchor included. */
#define TLSHAKE_CHAIN_MAX_DEPTH		10
/* Most certificates a peer may send (the rest would be ignored anyway). */
#define TLSHAKE_CHAIN_MAX_CERTS		32

/**
 * enum tlshake_chain_purpose - what the leaf must be fit for
 * @TLSHAKE_CHAIN_SERVER: a server's certificate (id-kp-serverAuth)
 * @TLSHAKE_CHAIN_CLIENT: a client's certificate (id-kp-clientAuth)
 */
enum tlshake_chain_purpose {
	TLSHAKE_CHAIN_SERVER,
	TLSHAKE_CHAIN_CLIENT,
};

/**
 * enum tlshake_chain_reason - why a chain was refused
 * @TLSHAKE_CHAIN_OK: it was not
 * @TLSHAKE_CHAIN_NO_CERTS: the peer sent no certificate
 * @TLSHAKE_CHAIN_TOO_MANY_CERTS: more than %TLSHAKE_CHAIN_MAX_CERTS
 * @TLSHAKE_CHAIN_NAME_MISMATCH: the leaf is not for the expected name
 * @TLSHAKE_CHAIN_EXPIRED: a certificate's validity ended
 * @TLSHAKE_CHAIN_NOT_YET_VALID: a certificate's validity has not begun
 * @TLSHAKE_CHAIN_LEAF_KEY_USAGE: the leaf's keyUsage lacks digitalSignature
 * @TLSHAKE_CHAIN_BAD_PURPOSE: an extKeyUsage lacks the purpose
 * @TLSHAKE_CHAIN_UNKNOWN_ISSUER: no path to an anchor of the trust store
 *	(untrusted root, missing intermediate)
 * @TLSHAKE_CHAIN_TOO_LONG: no path within %TLSHAKE_CHAIN_MAX_DEPTH
 * @TLSHAKE_CHAIN_NOT_CA: an issuer is not a CA (basicConstraints)
 * @TLSHAKE_CHAIN_PATH_LEN: an issuer's pathLenConstraint is exceeded
 * @TLSHAKE_CHAIN_CA_KEY_USAGE: an issuer's keyUsage lacks keyCertSign
 * @TLSHAKE_CHAIN_BAD_SIGNATURE: a signature does not verify
 * @TLSHAKE_CHAIN_WEAK_SIGNATURE: a signature uses MD5 or SHA-1
 * @TLSHAKE_CHAIN_UNSUPPORTED_SIGNATURE: a signature tlshake cannot verify
 * @TLSHAKE_CHAIN_NOMEM: out of memory
 * @TLSHAKE_CHAIN__NR: number of reasons
 */
enum tlshake_chain_reason {
	TLSHAKE_CHAIN_OK,
	TLSHAKE_CHAIN_NO_CERTS,
	TLSHAKE_CHAIN_TOO_MANY_CERTS,
	TLSHAKE_CHAIN_NAME_MISMATCH,
	TLSHAKE_CHAIN_EXPIRED,
	TLSHAKE_CHAIN_NOT_YET_VALID,
	TLSHAKE_CHAIN_LEAF_KEY_USAGE,
	TLSHAKE_CHAIN_BAD_PURPOSE,
	TLSHAKE_CHAIN_UNKNOWN_ISSUER,
	TLSHAKE_CHAIN_TOO_LONG,
	TLSHAKE_CHAIN_NOT_CA,
	TLSHAKE_CHAIN_PATH_LEN,
	TLSHAKE_CHAIN_CA_KEY_USAGE,
	TLSHAKE_CHAIN_BAD_SIGNATURE,
	TLSHAKE_CHAIN_WEAK_SIGNATURE,
	TLSHAKE_CHAIN_UNSUPPORTED_SIGNATURE,
	TLSHAKE_CHAIN_NOMEM,
	TLSHAKE_CHAIN__NR
};

/**
 * struct tlshake_chain_params - what to validate against
 * @trust: the trust store
 * @host: the name the leaf must carry (DNS name or IP literal), or NULL
 *	not to check names (e.g. client certificates)
 * @purpose: &enum tlshake_chain_purpose
 * @now: the time to validate at; 0 means ktime_get_real_seconds() (tests
 *	set it)
 */
struct tlshake_chain_params {
	const struct tlshake_trust *trust;
	const char *host;
	u8 purpose;
	time64_t now;
};

/**
 * struct tlshake_chain_result - the verdict
 * @reason: &enum tlshake_chain_reason
 * @alert: the alert to send the peer (&enum tlshake_alert)
 * @cert: index in the peer's list of the certificate at fault, or -1
 *	(an anchor, or none)
 * @depth: certificates in the validated path, anchor included
 */
struct tlshake_chain_result {
	u8 reason;
	u8 alert;
	s8 cert;
	u8 depth;
};

int tlshake_chain_verify(const struct tlshake_chain_params *params,
			 struct tlshake_cert *const *certs, unsigned int n,
			 struct tlshake_chain_result *res);
const char *tlshake_chain_reason_str(u8 reason);
bool tlshake_cert_match_host(const struct tlshake_cert *cert,
			     const char *host);

#endif /* _TLSHAKE_CHAIN_H */
