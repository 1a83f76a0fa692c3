/* SPDX-License-Identifier: GPL-2.0 */
/*
 * X.509 certificates (RFC 5280), parsed for TLS: names, validity, the
 * public key, the extensions path validation needs, and the signature.
 *
 * The parser is built on the kernel's ASN.1 BER decoder with tlshake's own
 * grammars (kmod/asn1/). A parsed certificate owns a copy of its DER; every
 * pointer in it points into that copy.
 */
#ifndef _TLSHAKE_CERT_H
#define _TLSHAKE_CERT_H

#include <crypto/sha2.h>
#include <linux/time64.h>
#include <linux/types.h>

#include "sig.h"

/* keyUsage bits, numbered as in RFC 5280 4.2.1.3 */
#define TLSHAKE_KU_DIGITAL_SIGNATURE	BIT(0)
#define TLSHAKE_KU_KEY_ENCIPHERMENT	BIT(2)
#define TLSHAKE_KU_KEY_CERT_SIGN	BIT(5)

/* extKeyUsage purposes tlshake looks at */
#define TLSHAKE_EKU_SERVER_AUTH		BIT(0)
#define TLSHAKE_EKU_CLIENT_AUTH		BIT(1)
#define TLSHAKE_EKU_ANY			BIT(2)

/**
 * enum tlshake_san_type - kinds of subjectAltName tlshake keeps
 * @TLSHAKE_SAN_DNS: a dNSName (IA5String)
 * @TLSHAKE_SAN_IP: an iPAddress (4 or 16 bytes)
 */
enum tlshake_san_type {
	TLSHAKE_SAN_DNS,
	TLSHAKE_SAN_IP,
};

/**
 * struct tlshake_san - one subjectAltName entry
 * @type: &enum tlshake_san_type
 * @len: length of @data
 * @data: the name (not NUL-terminated) or the address, in the certificate
 */
struct tlshake_san {
	u8 type;
	u16 len;
	const u8 *data;
};

/**
 * struct tlshake_cert - a parsed certificate
 * @der: the whole certificate (owned)
 * @der_len: its length
 * @tbs: the signed part (tbsCertificate, tag and length included)
 * @tbs_len: its length
 * @version: 1, 2 or 3
 * @serial: serialNumber content octets
 * @serial_len: their number
 * @issuer: issuer Name, DER with tag and length (compared bytewise)
 * @issuer_len: its length
 * @subject: subject Name, DER with tag and length
 * @subject_len: its length
 * @issuer_str: issuer, printable ("C=FR, O=Example, CN=Example CA")
 * @subject_str: subject, printable
 * @not_before: start of validity, seconds since the Epoch
 * @not_after: end of validity
 * @pub: the subject public key; @pub.key points into @der
 * @rsa_n: RSA modulus without leading zero bytes (RSA keys only)
 * @rsa_n_len: its length
 * @rsa_e: RSA public exponent without leading zero bytes
 * @rsa_e_len: its length
 * @sig_alg: algorithm of the issuer's signature, valid if @sig_known
 * @sig_known: @sig_alg is an algorithm tlshake can verify
 * @sig_weak: signed with MD5 or SHA-1, which tlshake refuses to verify
 * @sig: the signature (BIT STRING content after the unused-bits octet)
 * @sig_len: its length
 * @has_bc: a basicConstraints extension is present
 * @is_ca: basicConstraints cA is TRUE
 * @path_len: pathLenConstraint, or -1 if absent
 * @has_ku: a keyUsage extension is present
 * @key_usage: keyUsage bits (TLSHAKE_KU_*)
 * @has_eku: an extKeyUsage extension is present
 * @eku: purposes found in it (TLSHAKE_EKU_*)
 * @ski: subjectKeyIdentifier, or NULL
 * @ski_len: its length
 * @aki: authorityKeyIdentifier keyIdentifier, or NULL
 * @aki_len: its length
 * @sans: subjectAltName dNSName and iPAddress entries
 * @nr_sans: their number
 * @self_issued: issuer and subject are the same name
 * @fingerprint: SHA-256 of @der
 */
struct tlshake_cert {
	u8 *der;
	u32 der_len;
	const u8 *tbs;
	u32 tbs_len;
	u8 version;
	const u8 *serial;
	u32 serial_len;
	const u8 *issuer;
	u32 issuer_len;
	const u8 *subject;
	u32 subject_len;
	char *issuer_str;
	char *subject_str;
	time64_t not_before;
	time64_t not_after;
	struct tlshake_pubkey pub;
	const u8 *rsa_n;
	u32 rsa_n_len;
	const u8 *rsa_e;
	u32 rsa_e_len;
	struct tlshake_sigalg sig_alg;
	bool sig_known;
	bool sig_weak;
	const u8 *sig;
	u32 sig_len;
	bool has_bc;
	bool is_ca;
	int path_len;
	bool has_ku;
	u16 key_usage;
	bool has_eku;
	u8 eku;
	const u8 *ski;
	u32 ski_len;
	const u8 *aki;
	u32 aki_len;
	struct tlshake_san *sans;
	u32 nr_sans;
	bool self_issued;
	u8 fingerprint[SHA256_DIGEST_SIZE];
};

struct tlshake_cert *tlshake_cert_parse(const u8 *der, size_t len,
					const char **why);
void tlshake_cert_free(struct tlshake_cert *cert);
u8 tlshake_cert_parse_alert(int err);
char *tlshake_cert_name_rfc4514(const u8 *name, size_t len, gfp_t gfp);
#if IS_ENABLED(CONFIG_KUNIT)
int tlshake_cert_parse_time(u8 tag, const u8 *s, size_t len, time64_t *t);
#endif
int tlshake_rsa_pub_parts(const struct tlshake_pubkey *pub, const u8 **n,
			  u32 *n_len, const u8 **e, u32 *e_len);

#endif /* _TLSHAKE_CERT_H */
