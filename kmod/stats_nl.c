// SPDX-License-Identifier: GPL-2.0
/*
 * The stats-get netlink command: the namespace's counters (stats.c) as
 * attributes. Reading them needs no privilege.
 */
#include <linux/slab.h>
#include <linux/tlshake_nl.h>
#include <net/genetlink.h>

#include "alert.h"
#include "nl-gen.h"
#include "stats.h"

/* The plain counters are the first attributes of the set, in order. */
static_assert(TLSHAKE_A_STATS_HANDSHAKE_STARTED + TLSHAKE_MIB_NCOUNTERS ==
	      TLSHAKE_A_STATS_ALERT);

#define OTHER_ALERTS	256

static size_t stats_msg_size(void)
{
	size_t alert = nla_total_size(sizeof(u32)) +
		       2 * nla_total_size(sizeof(u64));

	return TLSHAKE_MIB_NCOUNTERS * nla_total_size(sizeof(u64)) +
	       TLSHAKE_MIB_NALERTS * nla_total_size(alert);
}

static int put_alert(struct sk_buff *skb,
		     const struct tlshake_stats_snap *snap, unsigned int i)
{
	u8 desc = tlshake_stats_alert_desc(i);
	struct nlattr *nest;

	nest = nla_nest_start(skb, TLSHAKE_A_STATS_ALERT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TLSHAKE_A_ALERT_STAT_DESC,
			desc == TLSHAKE_ALERT_NONE ? OTHER_ALERTS : desc) ||
	    nla_put_uint(skb, TLSHAKE_A_ALERT_STAT_SENT,
			 snap->v[TLSHAKE_MIB_SENT_BASE + i]) ||
	    nla_put_uint(skb, TLSHAKE_A_ALERT_STAT_RECEIVED,
			 snap->v[TLSHAKE_MIB_RCVD_BASE + i])) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int stats_fill(struct sk_buff *skb,
		      const struct tlshake_stats_snap *snap)
{
	unsigned int i;
	int err;

	for (i = 0; i < TLSHAKE_MIB_NCOUNTERS; i++)
		if (nla_put_uint(skb, TLSHAKE_A_STATS_HANDSHAKE_STARTED + i,
				 snap->v[i]))
			return -EMSGSIZE;
	for (i = 0; i < TLSHAKE_MIB_NALERTS; i++) {
		err = put_alert(skb, snap, i);
		if (err)
			return err;
	}
	return 0;
}

/**
 * tlshake_nl_stats_get_doit() - reply with the namespace's counters
 * @skb: the request
 * @info: its info
 *
 * Return: 0, -ENOMEM, -EMSGSIZE, or the errno of the reply.
 */
int tlshake_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct tlshake_stats_snap *snap;
	struct sk_buff *msg;
	void *hdr;
	int err = -ENOMEM;

	snap = kmalloc(sizeof(*snap), GFP_KERNEL);
	msg = genlmsg_new(stats_msg_size(), GFP_KERNEL);
	if (!snap || !msg)
		goto err_free;
	tlshake_stats_read(genl_info_net(info), snap);
	err = -EMSGSIZE;
	hdr = genlmsg_iput(msg, info);
	if (!hdr || stats_fill(msg, snap))
		goto err_free;
	genlmsg_end(msg, hdr);
	kfree(snap);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	kfree(snap);
	return err;
}
