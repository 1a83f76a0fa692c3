// SPDX-License-Identifier: GPL-2.0
/*
 * Credentials: a certificate chain and the private key of its leaf, kept
 * per network namespace in the store (store.h).
 */
#include <linux/err.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/tlshake_nl.h>
#include <kunit/visibility.h>

#include "cert.h"
#include "cred.h"
#include "sig.h"

static void cred_destroy(struct tlshake_obj *obj)
{
	tlshake_cred_free(container_of(obj, struct tlshake_cred, obj));
}

/**
 * tlshake_cred_free() - free a credential nobody else can see
 * @cred: the credential (never published, or its last reference gone)
 */
void tlshake_cred_free(struct tlshake_cred *cred)
{
	unsigned int i;

	for (i = 0; i < cred->nr_certs; i++)
		tlshake_cert_free(cred->certs[i]);
	tlshake_privkey_free(cred->key);
	kfree(cred);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cred_free);

/**
 * tlshake_cred_get() - hold the credential of a name
 * @net: the network namespace
 * @name: the name
 *
 * Any context; does not sleep. The credential stays valid, unchanged,
 * until tlshake_cred_put(), even if it is replaced or deleted meanwhile.
 *
 * Return: the credential, or NULL if the namespace has none of that name.
 */
struct tlshake_cred *tlshake_cred_get(struct net *net, const char *name)
{
	struct tlshake_obj *obj;

	obj = tlshake_store_get(tlshake_store_net(net), TLSHAKE_STORE_CRED,
				name);
	return obj ? container_of(obj, struct tlshake_cred, obj) : NULL;
}

/**
 * tlshake_cred_put() - release a credential from tlshake_cred_get()
 * @cred: the credential
 *
 * Any context.
 */
void tlshake_cred_put(struct tlshake_cred *cred)
{
	tlshake_obj_put(&cred->obj);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cred_put);

static int cred_parse_certs(struct tlshake_cred *cred,
			    const struct tlshake_blob *certs, unsigned int n,
			    struct netlink_ext_ack *extack)
{
	struct tlshake_cert *cert;
	const char *why;

	while (cred->nr_certs < n) {
		const struct tlshake_blob *b = &certs[cred->nr_certs];

		cert = tlshake_cert_parse(b->data, b->len, &why);
		if (IS_ERR(cert)) {
			NL_SET_ERR_MSG_FMT(extack, "certificate %u: %s",
					   cred->nr_certs, why);
			return PTR_ERR(cert);
		}
		cred->certs[cred->nr_certs++] = cert;
	}
	return 0;
}

/*
 * Does the key belong to the leaf? The public key is derived from the
 * private one in the kernel (RSA: n and e; EC, Ed25519: the point, in
 * constant time) and compared with the certificate's.
 */
static int cred_check_key(struct tlshake_cred *cred,
			  struct netlink_ext_ack *extack)
{
	int err;

	err = tlshake_privkey_check_pub(cred->key, &cred->certs[0]->pub);
	if (err)
		NL_SET_ERR_MSG(extack,
			       "private key does not match the leaf certificate");
	return err;
}

/**
 * tlshake_cred_new() - make a credential (not yet published)
 * @name: its name
 * @certs: the DER certificates, leaf first
 * @nr_certs: how many (1 to %TLSHAKE_CHAIN_CERTS_MAX)
 * @kp: the private key of the leaf, as components (copied)
 * @extack: for a message saying what is wrong, or NULL
 *
 * Context: process context.
 * Return: the credential with one reference, or ERR_PTR(): -EINVAL (no or
 * malformed key, no certificate), -E2BIG (too many certificates),
 * -EMSGSIZE (a certificate too large), -EBADMSG (malformed certificate),
 * -EOPNOTSUPP (unsupported certificate or key), -EKEYREJECTED (the key is
 * not the leaf's), -ENOMEM.
 */
struct tlshake_cred *tlshake_cred_new(const char *name,
				      const struct tlshake_blob *certs,
				      unsigned int nr_certs,
				      const struct tlshake_key_parts *kp,
				      struct netlink_ext_ack *extack)
{
	struct tlshake_cred *cred;
	int err;

	if (!nr_certs || nr_certs > TLSHAKE_CHAIN_CERTS_MAX) {
		NL_SET_ERR_MSG_FMT(extack, "a chain has 1 to %u certificates",
				   TLSHAKE_CHAIN_CERTS_MAX);
		return ERR_PTR(nr_certs ? -E2BIG : -EINVAL);
	}
	cred = kzalloc(struct_size(cred, certs, nr_certs), GFP_KERNEL_ACCOUNT);
	if (!cred)
		return ERR_PTR(-ENOMEM);
	tlshake_obj_init(&cred->obj, name, cred_destroy);
	err = cred_parse_certs(cred, certs, nr_certs, extack);
	if (err)
		goto err_free;
	cred->key = tlshake_privkey_new(kp);
	if (IS_ERR(cred->key)) {
		err = PTR_ERR(cred->key);
		cred->key = NULL;
		if (err == -EOPNOTSUPP)
			NL_SET_ERR_MSG(extack,
				       "unsupported private key type or size");
		else
			NL_SET_ERR_MSG(extack, "malformed private key");
		goto err_free;
	}
	err = cred_check_key(cred, extack);
	if (err)
		goto err_free;
	return cred;

err_free:
	tlshake_cred_free(cred);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cred_new);
