/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tlshake generic netlink family: credentials and trust stores.
 *
 * The operations and their policies are generated from
 * Documentation/netlink/specs/tlshake.yaml into nl-gen.[ch]; netlink.c has
 * what credentials and trust stores share, cred_nl.c and trust_nl.c what
 * is their own.
 */
#ifndef _TLSHAKE_NETLINK_H
#define _TLSHAKE_NETLINK_H

#include <net/genetlink.h>

#include "store.h"

struct tlshake_cert;

/**
 * struct tlshake_nl_kind - how one kind of stored object looks on netlink
 * @kind: which objects
 * @attr_name: the name attribute of the kind's attribute set
 * @max_objs_msg: extack text when the namespace is full
 * @cmd_get: reply command of get, dump and notifications
 * @cmd_ntf_add: notification of an addition
 * @cmd_ntf_change: notification of a replacement
 * @cmd_ntf_del: notification of a deletion
 * @info_size: payload size of @fill
 * @fill: put the object's attributes (never key material)
 * @build: make a new, unpublished object from a request
 */
struct tlshake_nl_kind {
	enum tlshake_store_kind kind;
	int attr_name;
	const char *max_objs_msg;
	u8 cmd_get;
	u8 cmd_ntf_add;
	u8 cmd_ntf_change;
	u8 cmd_ntf_del;
	size_t (*info_size)(struct tlshake_obj *obj);
	int (*fill)(struct sk_buff *skb, struct tlshake_obj *obj);
	struct tlshake_obj *(*build)(struct genl_info *info, const char *name);
};

int tlshake_genl_register(void);
void tlshake_genl_unregister(void);

int tlshake_nl_obj_get(const struct tlshake_nl_kind *k, struct genl_info *info);
int tlshake_nl_obj_dump_start(const struct tlshake_nl_kind *k,
			      struct netlink_callback *cb);
int tlshake_nl_obj_dump(const struct tlshake_nl_kind *k, struct sk_buff *skb,
			struct netlink_callback *cb);
int tlshake_nl_obj_add(const struct tlshake_nl_kind *k, struct genl_info *info,
		       bool replace);
int tlshake_nl_obj_del(const struct tlshake_nl_kind *k, struct genl_info *info);

int tlshake_nl_blobs(struct genl_info *info, int attr,
		     struct tlshake_blob *blobs, unsigned int max,
		     const char *what);
size_t tlshake_nl_cert_info_size(const struct tlshake_cert *cert);
int tlshake_nl_put_cert_info(struct sk_buff *skb, int attr,
			     const struct tlshake_cert *cert);

#endif /* _TLSHAKE_NETLINK_H */
