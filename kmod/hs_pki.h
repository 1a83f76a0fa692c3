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

int hs_pki_setup(struct tlshake_hs *hs);
void hs_pki_release(struct tlshake_hs *hs);
int hs_pki_choose(struct tlshake_hs *hs, const u8 *sni, size_t sni_len,
		  const u8 *sig_algs, unsigned int n_sig_algs, bool tls13);
unsigned int hs_pki_chain(const struct tlshake_hs *hs, unsigned int i,
			  const u8 **der);
const struct tlshake_privkey *hs_pki_key(const struct tlshake_hs *hs);
int hs_pki_verify_peer(struct tlshake_hs *hs,
		       const struct tls_certificate *c);

#endif /* _TLSHAKE_HS_PKI_H */
