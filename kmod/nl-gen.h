/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/tlshake.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_TLSHAKE_GEN_H
#define _LINUX_TLSHAKE_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/tlshake_nl.h>

/* Common nested types */
extern const struct nla_policy tlshake_key_nl_policy[TLSHAKE_A_KEY_PRIV + 1];

/* Ops table for tlshake */
extern const struct genl_split_ops tlshake_nl_ops[11];

int tlshake_nl_cred_dump_start(struct netlink_callback *cb);
int tlshake_nl_trust_dump_start(struct netlink_callback *cb);

int tlshake_nl_cred_get_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_cred_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int tlshake_nl_cred_add_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_cred_replace_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_cred_del_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_trust_get_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_trust_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int tlshake_nl_trust_add_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_trust_replace_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_trust_del_doit(struct sk_buff *skb, struct genl_info *info);
int tlshake_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	TLSHAKE_NLGRP_MONITOR,
};

#endif /* _LINUX_TLSHAKE_GEN_H */
