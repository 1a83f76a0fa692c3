/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trust stores: named sets of trust-anchor certificates, per network
 * namespace, against which peers' certificate chains are validated.
 */
#ifndef _TLSHAKE_TRUST_H
#define _TLSHAKE_TRUST_H

#include "store.h"

struct net;
struct netlink_ext_ack;
struct tlshake_cert;

/**
 * struct tlshake_trust - a trust store
 * @obj: name, references, life cycle (store.h)
 * @nr_anchors: number of anchors
 * @anchors: the trust anchors
 *
 * Immutable once published: a change is a replacement.
 */
struct tlshake_trust {
	struct tlshake_obj obj;
	unsigned int nr_anchors;
	struct tlshake_cert *anchors[];
};

struct tlshake_trust *tlshake_trust_get(struct net *net, const char *name);
void tlshake_trust_put(struct tlshake_trust *trust);
struct tlshake_trust *tlshake_trust_new(const char *name,
					const struct tlshake_blob *anchors,
					unsigned int nr_anchors,
					struct netlink_ext_ack *extack);
void tlshake_trust_free(struct tlshake_trust *trust);

#endif /* _TLSHAKE_TRUST_H */
