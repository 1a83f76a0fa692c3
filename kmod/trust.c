// SPDX-License-Identifier: GPL-2.0
/*
 * Trust stores: sets of trust-anchor certificates, kept per network
 * namespace in the store (store.h).
 */
#include <linux/err.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/tlshake_nl.h>
#include <kunit/visibility.h>

#include "cert.h"
#include "trust.h"

static void trust_destroy(struct tlshake_obj *obj)
{
	tlshake_trust_free(container_of(obj, struct tlshake_trust, obj));
}

/**
 * tlshake_trust_free() - free a trust store nobody else can see
 * @trust: the trust store (never published, or its last reference gone)
 */
void tlshake_trust_free(struct tlshake_trust *trust)
{
	unsigned int i;

	for (i = 0; i < trust->nr_anchors; i++)
		tlshake_cert_free(trust->anchors[i]);
	kfree(trust);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_trust_free);

/**
 * tlshake_trust_get() - hold the trust store of a name
 * @net: the network namespace
 * @name: the name
 *
 * Any context; does not sleep. The trust store stays valid, unchanged,
 * until tlshake_trust_put(), even if it is replaced or deleted meanwhile.
 *
 * Return: the trust store, or NULL if the namespace has none of that name.
 */
struct tlshake_trust *tlshake_trust_get(struct net *net, const char *name)
{
	struct tlshake_obj *obj;

	obj = tlshake_store_get(tlshake_store_net(net), TLSHAKE_STORE_TRUST,
				name);
	return obj ? container_of(obj, struct tlshake_trust, obj) : NULL;
}

/**
 * tlshake_trust_put() - release a trust store from tlshake_trust_get()
 * @trust: the trust store
 *
 * Any context.
 */
void tlshake_trust_put(struct tlshake_trust *trust)
{
	tlshake_obj_put(&trust->obj);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_trust_put);

/**
 * tlshake_trust_new() - make a trust store (not yet published)
 * @name: its name
 * @anchors: the DER trust-anchor certificates
 * @nr_anchors: how many (1 to %TLSHAKE_ANCHORS_MAX)
 * @extack: for a message saying what is wrong, or NULL
 *
 * Context: process context.
 * Return: the trust store with one reference, or ERR_PTR(): -EINVAL (no
 * anchor), -E2BIG (too many), -EMSGSIZE (a certificate too large),
 * -EBADMSG (malformed certificate), -EOPNOTSUPP (unsupported certificate),
 * -ENOMEM.
 */
struct tlshake_trust *tlshake_trust_new(const char *name,
					const struct tlshake_blob *anchors,
					unsigned int nr_anchors,
					struct netlink_ext_ack *extack)
{
	struct tlshake_trust *trust;
	struct tlshake_cert *cert;
	const char *why;

	if (!nr_anchors || nr_anchors > TLSHAKE_ANCHORS_MAX) {
		NL_SET_ERR_MSG_FMT(extack, "a trust store has 1 to %u anchors",
				   TLSHAKE_ANCHORS_MAX);
		return ERR_PTR(nr_anchors ? -E2BIG : -EINVAL);
	}
	trust = kzalloc(struct_size(trust, anchors, nr_anchors),
			GFP_KERNEL_ACCOUNT);
	if (!trust)
		return ERR_PTR(-ENOMEM);
	tlshake_obj_init(&trust->obj, name, trust_destroy);
	while (trust->nr_anchors < nr_anchors) {
		const struct tlshake_blob *b = &anchors[trust->nr_anchors];

		cert = tlshake_cert_parse(b->data, b->len, &why);
		if (IS_ERR(cert)) {
			NL_SET_ERR_MSG_FMT(extack, "anchor %u: %s",
					   trust->nr_anchors, why);
			tlshake_trust_free(trust);
			return ERR_CAST(cert);
		}
		trust->anchors[trust->nr_anchors++] = cert;
	}
	return trust;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_trust_new);
