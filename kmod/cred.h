/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Credentials: a name, a certificate chain (leaf first) and the private key
 * of the leaf, per network namespace, for the handshakes to authenticate
 * with.
 */
#ifndef _TLSHAKE_CRED_H
#define _TLSHAKE_CRED_H

#include "store.h"

struct net;
struct netlink_ext_ack;
struct tlshake_cert;
struct tlshake_key_parts;
struct tlshake_privkey;

/**
 * struct tlshake_cred - a credential
 * @obj: name, references, life cycle (store.h)
 * @key: the private key of @certs[0]
 * @nr_certs: length of the chain
 * @certs: the chain, leaf first, as loaded (sent to peers in this order)
 *
 * Immutable once published: a change is a replacement.
 */
struct tlshake_cred {
	struct tlshake_obj obj;
	struct tlshake_privkey *key;
	unsigned int nr_certs;
	struct tlshake_cert *certs[];
};

struct tlshake_cred *tlshake_cred_get(struct net *net, const char *name);
void tlshake_cred_put(struct tlshake_cred *cred);
struct tlshake_cred *tlshake_cred_new(const char *name,
				      const struct tlshake_blob *certs,
				      unsigned int nr_certs,
				      const struct tlshake_key_parts *kp,
				      struct netlink_ext_ack *extack);
void tlshake_cred_free(struct tlshake_cred *cred);

/**
 * tlshake_cred_leaf() - the end-entity certificate of a credential
 * @cred: the credential
 *
 * Return: its first certificate, whose key is @cred's private key.
 */
static inline const struct tlshake_cert *
tlshake_cred_leaf(const struct tlshake_cred *cred)
{
	return cred->certs[0];
}

/**
 * tlshake_cred_key() - the private key of a credential
 * @cred: the credential
 *
 * Return: the key, for tlshake_sign(); valid while @cred is held.
 */
static inline const struct tlshake_privkey *
tlshake_cred_key(const struct tlshake_cred *cred)
{
	return cred->key;
}

#endif /* _TLSHAKE_CRED_H */
