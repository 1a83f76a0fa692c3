// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink operations on trust stores (trust-get, trust-add, trust-replace,
 * trust-del and their notifications); the shared parts are in netlink.c.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/tlshake_nl.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "nl-gen.h"
#include "trust.h"

static struct tlshake_trust *to_trust(struct tlshake_obj *obj)
{
	return container_of(obj, struct tlshake_trust, obj);
}

static size_t trust_info_size(struct tlshake_obj *obj)
{
	struct tlshake_trust *trust = to_trust(obj);
	size_t size = nla_total_size(strlen(obj->name) + 1) +
		      nla_total_size(sizeof(u32));
	unsigned int i;

	for (i = 0; i < trust->nr_anchors; i++)
		size += tlshake_nl_cert_info_size(trust->anchors[i]);
	return size;
}

static int trust_fill(struct sk_buff *skb, struct tlshake_obj *obj)
{
	struct tlshake_trust *trust = to_trust(obj);
	unsigned int i;

	if (nla_put_string(skb, TLSHAKE_A_TRUST_NAME, obj->name) ||
	    nla_put_u32(skb, TLSHAKE_A_TRUST_USE_COUNT, tlshake_obj_users(obj)))
		return -EMSGSIZE;
	for (i = 0; i < trust->nr_anchors; i++)
		if (tlshake_nl_put_cert_info(skb, TLSHAKE_A_TRUST_CERT_INFO,
					     trust->anchors[i]))
			return -EMSGSIZE;
	return 0;
}

static struct tlshake_obj *trust_build(struct genl_info *info,
				       const char *name)
{
	struct tlshake_trust *trust;
	struct tlshake_blob *anchors;
	int n;

	anchors = kcalloc(TLSHAKE_ANCHORS_MAX, sizeof(*anchors), GFP_KERNEL);
	if (!anchors)
		return ERR_PTR(-ENOMEM);
	n = tlshake_nl_blobs(info, TLSHAKE_A_TRUST_ANCHOR, anchors,
			     TLSHAKE_ANCHORS_MAX, "anchor");
	trust = n < 0 ? ERR_PTR(n) :
		tlshake_trust_new(name, anchors, n, info->extack);
	kfree(anchors);
	return IS_ERR(trust) ? ERR_CAST(trust) : &trust->obj;
}

static const struct tlshake_nl_kind trust_kind = {
	.kind = TLSHAKE_STORE_TRUST,
	.attr_name = TLSHAKE_A_TRUST_NAME,
	.max_objs_msg = "too many trust stores in this network namespace",
	.cmd_get = TLSHAKE_CMD_TRUST_GET,
	.cmd_ntf_add = TLSHAKE_CMD_TRUST_ADD_NTF,
	.cmd_ntf_change = TLSHAKE_CMD_TRUST_CHANGE_NTF,
	.cmd_ntf_del = TLSHAKE_CMD_TRUST_DEL_NTF,
	.info_size = trust_info_size,
	.fill = trust_fill,
	.build = trust_build,
};

int tlshake_nl_trust_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_get(&trust_kind, info);
}

int tlshake_nl_trust_dump_start(struct netlink_callback *cb)
{
	return tlshake_nl_obj_dump_start(&trust_kind, cb);
}

int tlshake_nl_trust_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	return tlshake_nl_obj_dump(&trust_kind, skb, cb);
}

int tlshake_nl_trust_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_add(&trust_kind, info, false);
}

int tlshake_nl_trust_replace_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_add(&trust_kind, info, true);
}

int tlshake_nl_trust_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_del(&trust_kind, info);
}
