/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the handshake engines need from the credential store and chain
 * validation: our certificate chain and key, and the verdict on the
 * peer's chain.
 */
#ifndef _TLSHAKE_HS_PKI_H
#define _TLSHAKE_HS_PKI_H

#include <linux/types.h>

struct tlshake_hs;
struct tls_certificate;
struct tlshake_privkey;
struct tls_wr;

/*
 * Most bytes of CA names a server sends: what the TLS 1.3
 * certificate_authorities extension can carry, also used for TLS 1.2.
 */
#define HS_CA_NAMES_MAX		(0xffff - 2)

/**
 * struct hs_cert_req - what a server's CertificateRequest asks for
 * @sig_algs: signature schemes it accepts (big-endian u16s)
 * @n_sig_algs: their number
 * @ca_names: the CAs it lists (DistinguishedNames with 2-byte lengths,
 *	checked by the parser), or NULL
 * @ca_names_len: their total length, 0 for none
 * @types: TLS 1.2 certificate_types, or NULL (TLS 1.3)
 * @n_types: their number
 * @tls13: the schemes TLS 1.3 allows
 */
struct hs_cert_req {
	const u8 *sig_algs;
	unsigned int n_sig_algs;
	const u8 *ca_names;
	size_t ca_names_len;
	const u8 *types;
	unsigned int n_types;
	bool tls13;
};

int hs_pki_setup(struct tlshake_hs *hs);
void hs_pki_release(struct tlshake_hs *hs);
int hs_pki_choose(struct tlshake_hs *hs, const u8 *sni, size_t sni_len,
		  const u8 *sig_algs, unsigned int n_sig_algs, bool tls13);
void hs_pki_choose_client(struct tlshake_hs *hs,
			  const struct hs_cert_req *req);
size_t hs_pki_ca_names_len(const struct tlshake_hs *hs);
void hs_pki_put_ca_names(const struct tlshake_hs *hs, struct tls_wr *w);
unsigned int hs_pki_chain(const struct tlshake_hs *hs, unsigned int i,
			  const u8 **der);
const struct tlshake_privkey *hs_pki_key(const struct tlshake_hs *hs);
int hs_pki_verify_peer(struct tlshake_hs *hs,
		       const struct tls_certificate *c);

#endif /* _TLSHAKE_HS_PKI_H */
