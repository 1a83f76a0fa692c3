// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/tlshake.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "nl-gen.h"

#include <uapi/linux/tlshake_nl.h>

/* Common nested types */
const struct nla_policy tlshake_key_nl_policy[TLSHAKE_A_KEY_PRIV + 1] = {
	[TLSHAKE_A_KEY_TYPE] = NLA_POLICY_RANGE(NLA_U32, 1, 4),
	[TLSHAKE_A_KEY_RSA_N] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_E] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_D] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_P] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_Q] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_DP] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_DQ] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_RSA_QINV] = { .type = NLA_BINARY, },
	[TLSHAKE_A_KEY_PRIV] = { .type = NLA_BINARY, },
};

/* TLSHAKE_CMD_CRED_GET - do */
static const struct nla_policy tlshake_cred_get_nl_policy[TLSHAKE_A_CRED_NAME + 1] = {
	[TLSHAKE_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
};

/* TLSHAKE_CMD_CRED_ADD - do */
static const struct nla_policy tlshake_cred_add_nl_policy[TLSHAKE_A_CRED_KEY + 1] = {
	[TLSHAKE_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
	[TLSHAKE_A_CRED_CERT] = { .type = NLA_BINARY, },
	[TLSHAKE_A_CRED_KEY] = NLA_POLICY_NESTED(tlshake_key_nl_policy),
};

/* TLSHAKE_CMD_CRED_REPLACE - do */
static const struct nla_policy tlshake_cred_replace_nl_policy[TLSHAKE_A_CRED_KEY + 1] = {
	[TLSHAKE_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
	[TLSHAKE_A_CRED_CERT] = { .type = NLA_BINARY, },
	[TLSHAKE_A_CRED_KEY] = NLA_POLICY_NESTED(tlshake_key_nl_policy),
};

/* TLSHAKE_CMD_CRED_DEL - do */
static const struct nla_policy tlshake_cred_del_nl_policy[TLSHAKE_A_CRED_NAME + 1] = {
	[TLSHAKE_A_CRED_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
};

/* TLSHAKE_CMD_TRUST_GET - do */
static const struct nla_policy tlshake_trust_get_nl_policy[TLSHAKE_A_TRUST_NAME + 1] = {
	[TLSHAKE_A_TRUST_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
};

/* TLSHAKE_CMD_TRUST_ADD - do */
static const struct nla_policy tlshake_trust_add_nl_policy[TLSHAKE_A_TRUST_ANCHOR + 1] = {
	[TLSHAKE_A_TRUST_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
	[TLSHAKE_A_TRUST_ANCHOR] = { .type = NLA_BINARY, },
};

/* TLSHAKE_CMD_TRUST_REPLACE - do */
static const struct nla_policy tlshake_trust_replace_nl_policy[TLSHAKE_A_TRUST_ANCHOR + 1] = {
	[TLSHAKE_A_TRUST_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
	[TLSHAKE_A_TRUST_ANCHOR] = { .type = NLA_BINARY, },
};

/* TLSHAKE_CMD_TRUST_DEL - do */
static const struct nla_policy tlshake_trust_del_nl_policy[TLSHAKE_A_TRUST_NAME + 1] = {
	[TLSHAKE_A_TRUST_NAME] = { .type = NLA_NUL_STRING, .len = TLSHAKE_NAME_LEN_MAX, },
};

/* Ops table for tlshake */
const struct genl_split_ops tlshake_nl_ops[11] = {
	{
		.cmd		= TLSHAKE_CMD_CRED_GET,
		.doit		= tlshake_nl_cred_get_doit,
		.policy		= tlshake_cred_get_nl_policy,
		.maxattr	= TLSHAKE_A_CRED_NAME,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= TLSHAKE_CMD_CRED_GET,
		.start	= tlshake_nl_cred_dump_start,
		.dumpit	= tlshake_nl_cred_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= TLSHAKE_CMD_CRED_ADD,
		.doit		= tlshake_nl_cred_add_doit,
		.policy		= tlshake_cred_add_nl_policy,
		.maxattr	= TLSHAKE_A_CRED_KEY,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= TLSHAKE_CMD_CRED_REPLACE,
		.doit		= tlshake_nl_cred_replace_doit,
		.policy		= tlshake_cred_replace_nl_policy,
		.maxattr	= TLSHAKE_A_CRED_KEY,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= TLSHAKE_CMD_CRED_DEL,
		.doit		= tlshake_nl_cred_del_doit,
		.policy		= tlshake_cred_del_nl_policy,
		.maxattr	= TLSHAKE_A_CRED_NAME,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= TLSHAKE_CMD_TRUST_GET,
		.doit		= tlshake_nl_trust_get_doit,
		.policy		= tlshake_trust_get_nl_policy,
		.maxattr	= TLSHAKE_A_TRUST_NAME,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= TLSHAKE_CMD_TRUST_GET,
		.start	= tlshake_nl_trust_dump_start,
		.dumpit	= tlshake_nl_trust_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= TLSHAKE_CMD_TRUST_ADD,
		.doit		= tlshake_nl_trust_add_doit,
		.policy		= tlshake_trust_add_nl_policy,
		.maxattr	= TLSHAKE_A_TRUST_ANCHOR,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= TLSHAKE_CMD_TRUST_REPLACE,
		.doit		= tlshake_nl_trust_replace_doit,
		.policy		= tlshake_trust_replace_nl_policy,
		.maxattr	= TLSHAKE_A_TRUST_ANCHOR,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= TLSHAKE_CMD_TRUST_DEL,
		.doit		= tlshake_nl_trust_del_doit,
		.policy		= tlshake_trust_del_nl_policy,
		.maxattr	= TLSHAKE_A_TRUST_NAME,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= TLSHAKE_CMD_STATS_GET,
		.doit	= tlshake_nl_stats_get_doit,
		.flags	= GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group tlshake_nl_mcgrps[] = {
	[TLSHAKE_NLGRP_MONITOR] = { "monitor", },
};
