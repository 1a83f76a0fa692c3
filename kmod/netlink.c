// SPDX-License-Identifier: GPL-2.0
/*
 * The tlshake generic netlink family, and what its credential and
 * trust-store operations share: get, dump, add, replace, delete and their
 * notifications, and certificate information.
 */
#include <linux/slab.h>
#include <linux/tlshake_nl.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "cert.h"
#include "netlink.h"
#include "nl-gen.h"

static const struct genl_multicast_group tlshake_mcgrps[] = {
	[TLSHAKE_NLGRP_MONITOR] = { .name = TLSHAKE_MCGRP_MONITOR },
};

static struct genl_family tlshake_genl_family __ro_after_init = {
	.name		= TLSHAKE_GENL_NAME,
	.version	= TLSHAKE_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.split_ops	= tlshake_nl_ops,
	.n_split_ops	= ARRAY_SIZE(tlshake_nl_ops),
	.mcgrps		= tlshake_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(tlshake_mcgrps),
};

/* A message describing @obj, sized for it. */
static struct sk_buff *obj_msg(const struct tlshake_nl_kind *k,
			       struct tlshake_obj *obj, u32 portid, u32 seq,
			       u8 cmd)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(k->info_size(obj), GFP_KERNEL);
	if (!msg)
		return ERR_PTR(-ENOMEM);
	hdr = genlmsg_put(msg, portid, seq, &tlshake_genl_family, 0, cmd);
	if (!hdr || k->fill(msg, obj)) {
		nlmsg_free(msg);
		return ERR_PTR(-EMSGSIZE);
	}
	genlmsg_end(msg, hdr);
	return msg;
}

static void obj_notify(const struct tlshake_nl_kind *k, struct net *net,
		       struct tlshake_obj *obj, u8 cmd)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&tlshake_genl_family, net,
				TLSHAKE_NLGRP_MONITOR))
		return;
	msg = obj_msg(k, obj, 0, 0, cmd);
	if (IS_ERR(msg))
		return;
	genlmsg_multicast_netns(&tlshake_genl_family, net, msg, 0,
				TLSHAKE_NLGRP_MONITOR, GFP_KERNEL);
}

/**
 * tlshake_nl_obj_get() - reply with one object
 * @k: the kind
 * @info: the request (the name attribute is required)
 *
 * Return: 0, -ENOENT, -ENOMEM, -EMSGSIZE, or the errno of the reply.
 */
int tlshake_nl_obj_get(const struct tlshake_nl_kind *k, struct genl_info *info)
{
	struct tlshake_store *st = tlshake_store_net(genl_info_net(info));
	struct tlshake_obj *obj;
	struct sk_buff *msg;

	if (GENL_REQ_ATTR_CHECK(info, k->attr_name))
		return -EINVAL;
	obj = tlshake_store_get(st, k->kind, nla_data(info->attrs[k->attr_name]));
	if (!obj) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[k->attr_name],
				    "no such name");
		return -ENOENT;
	}
	msg = obj_msg(k, obj, info->snd_portid, info->snd_seq, k->cmd_get);
	tlshake_obj_put(obj);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	return genlmsg_reply(msg, info);
}

/**
 * tlshake_nl_obj_dump_start() - size dump messages for the largest object
 * @k: the kind
 * @cb: the dump
 *
 * Each object is one message; a trust store with many anchors can exceed
 * the default dump buffer, so ask netlink for room for the largest.
 *
 * Return: 0.
 */
int tlshake_nl_obj_dump_start(const struct tlshake_nl_kind *k,
			      struct netlink_callback *cb)
{
	struct tlshake_store *st = tlshake_store_net(sock_net(cb->skb->sk));
	struct tlshake_obj *obj;
	size_t max = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(obj, &st->objs[k->kind], node)
		max = max_t(size_t, max, k->info_size(obj));
	rcu_read_unlock();
	cb->min_dump_alloc = min_t(size_t, genlmsg_total_size(max) + 256,
				   U32_MAX);
	return 0;
}

/**
 * tlshake_nl_obj_dump() - dump every object of a kind, one per message
 * @k: the kind
 * @skb: the message buffer
 * @cb: the dump; @cb->args[0] counts the objects already sent
 *
 * Return: the length of @skb, 0 at the end, or -EMSGSIZE if one object
 * does not fit in an empty buffer.
 */
int tlshake_nl_obj_dump(const struct tlshake_nl_kind *k, struct sk_buff *skb,
			struct netlink_callback *cb)
{
	struct tlshake_store *st = tlshake_store_net(sock_net(skb->sk));
	struct tlshake_obj *obj;
	long idx = 0;
	int err = 0;
	void *hdr;

	rcu_read_lock();
	cb->seq = READ_ONCE(st->gen);
	list_for_each_entry_rcu(obj, &st->objs[k->kind], node) {
		if (idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &tlshake_genl_family,
				  NLM_F_MULTI, k->cmd_get);
		if (!hdr || k->fill(skb, obj)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
	rcu_read_unlock();
	if (err && !skb->len)
		return err;
	return skb->len;
}

/**
 * tlshake_nl_obj_add() - add or replace an object
 * @k: the kind
 * @info: the request
 * @replace: replace an object of the same name rather than add one
 *
 * Return: 0; -EEXIST (add) or -ENOENT (replace); -ENOSPC if the namespace
 * is full; the errno of building the object (with an extack message).
 */
int tlshake_nl_obj_add(const struct tlshake_nl_kind *k, struct genl_info *info,
		       bool replace)
{
	struct net *net = genl_info_net(info);
	struct tlshake_store *st = tlshake_store_net(net);
	struct nlattr *name = info->attrs[k->attr_name];
	struct tlshake_obj *obj;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, k->attr_name))
		return -EINVAL;
	if (!nla_len(name) || !*(char *)nla_data(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, name, "empty name");
		return -EINVAL;
	}
	obj = k->build(info, nla_data(name));
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	/* hold it for the notification: the store may drop it meanwhile */
	refcount_inc(&obj->ref);
	err = replace ? tlshake_store_replace(st, k->kind, obj) :
			tlshake_store_add(st, k->kind, obj);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "name already in use");
		else if (err == -ENOENT)
			NL_SET_ERR_MSG_ATTR(info->extack, name, "no such name");
		else
			NL_SET_ERR_MSG_FMT(info->extack, "%s", k->max_objs_msg);
		tlshake_obj_put(obj);
		tlshake_obj_put(obj);
		return err;
	}
	obj_notify(k, net, obj, replace ? k->cmd_ntf_change : k->cmd_ntf_add);
	tlshake_obj_put(obj);
	return 0;
}

/**
 * tlshake_nl_obj_del() - delete an object
 * @k: the kind
 * @info: the request (the name attribute is required)
 *
 * Handshakes holding the object keep it; the last one frees it.
 *
 * Return: 0, or -ENOENT.
 */
int tlshake_nl_obj_del(const struct tlshake_nl_kind *k, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct tlshake_obj *obj;

	if (GENL_REQ_ATTR_CHECK(info, k->attr_name))
		return -EINVAL;
	obj = tlshake_store_del(tlshake_store_net(net), k->kind,
				nla_data(info->attrs[k->attr_name]));
	if (!obj) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[k->attr_name],
				    "no such name");
		return -ENOENT;
	}
	obj_notify(k, net, obj, k->cmd_ntf_del);
	tlshake_obj_put(obj);
	return 0;
}

/**
 * tlshake_nl_blobs() - collect the instances of a multi-attr binary attribute
 * @info: the request
 * @attr: the attribute type
 * @blobs: where to put them, in order
 * @max: room in @blobs
 * @what: what they are, for extack messages
 *
 * Return: how many there are (at least one), -EINVAL if there is none,
 * -E2BIG if there are more than @max, -EMSGSIZE if one is larger than
 * %TLSHAKE_CERT_LEN_MAX.
 */
int tlshake_nl_blobs(struct genl_info *info, int attr,
		     struct tlshake_blob *blobs, unsigned int max,
		     const char *what)
{
	struct nlattr *nla;
	unsigned int n = 0;
	int rem;

	nlmsg_for_each_attr(nla, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(nla) != attr)
			continue;
		if (n == max) {
			NL_SET_ERR_MSG_FMT(info->extack, "more than %u %ss",
					   max, what);
			return -E2BIG;
		}
		if (!nla_len(nla) || nla_len(nla) > TLSHAKE_CERT_LEN_MAX) {
			NL_SET_ERR_MSG_FMT(info->extack,
					   "%s %u: empty or larger than %u bytes",
					   what, n, TLSHAKE_CERT_LEN_MAX);
			return -EMSGSIZE;
		}
		blobs[n].data = nla_data(nla);
		blobs[n].len = nla_len(nla);
		n++;
	}
	if (!n) {
		NL_SET_ERR_MSG_FMT(info->extack, "at least one %s is required",
				   what);
		return -EINVAL;
	}
	return n;
}

/**
 * tlshake_nl_cert_info_size() - room tlshake_nl_put_cert_info() needs
 * @cert: the certificate
 *
 * Return: bytes of attributes, nest included.
 */
size_t tlshake_nl_cert_info_size(const struct tlshake_cert *cert)
{
	size_t size = nla_total_size(0) +
		nla_total_size(strlen(cert->subject_str) + 1) +
		nla_total_size(strlen(cert->issuer_str) + 1) +
		nla_total_size(cert->serial_len) +
		2 * nla_total_size(sizeof(s64)) +
		3 * nla_total_size(sizeof(u32)) +
		nla_total_size(sizeof(cert->fingerprint)) +
		nla_total_size(0);
	u32 i;

	for (i = 0; i < cert->nr_sans; i++)
		size += nla_total_size(cert->sans[i].len + 1);
	return size;
}

static int put_sans(struct sk_buff *skb, const struct tlshake_cert *cert)
{
	char name[256];
	u32 i;

	for (i = 0; i < cert->nr_sans; i++) {
		const struct tlshake_san *san = &cert->sans[i];

		if (san->type == TLSHAKE_SAN_IP) {
			if (nla_put(skb, TLSHAKE_A_CERT_INFO_SAN_IP, san->len,
				    san->data))
				return -EMSGSIZE;
			continue;
		}
		/* dNSNames are at most 253 bytes (cert_ext.c) */
		memcpy(name, san->data, san->len);
		name[san->len] = 0;
		if (nla_put_string(skb, TLSHAKE_A_CERT_INFO_SAN_DNS, name))
			return -EMSGSIZE;
	}
	return 0;
}

/**
 * tlshake_nl_put_cert_info() - describe a certificate (never key material)
 * @skb: the message
 * @attr: the nest attribute to put it in
 * @cert: the certificate
 *
 * Return: 0, or -EMSGSIZE.
 */
int tlshake_nl_put_cert_info(struct sk_buff *skb, int attr,
			     const struct tlshake_cert *cert)
{
	struct nlattr *nest = nla_nest_start(skb, attr);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, TLSHAKE_A_CERT_INFO_SUBJECT, cert->subject_str) ||
	    nla_put_string(skb, TLSHAKE_A_CERT_INFO_ISSUER, cert->issuer_str) ||
	    nla_put(skb, TLSHAKE_A_CERT_INFO_SERIAL, cert->serial_len,
		    cert->serial) ||
	    nla_put_sint(skb, TLSHAKE_A_CERT_INFO_NOT_BEFORE, cert->not_before) ||
	    nla_put_sint(skb, TLSHAKE_A_CERT_INFO_NOT_AFTER, cert->not_after) ||
	    nla_put_u32(skb, TLSHAKE_A_CERT_INFO_KEY_TYPE, cert->pub.type) ||
	    nla_put_u32(skb, TLSHAKE_A_CERT_INFO_KEY_BITS, cert->pub.bits) ||
	    nla_put(skb, TLSHAKE_A_CERT_INFO_FINGERPRINT,
		    sizeof(cert->fingerprint), cert->fingerprint) ||
	    (cert->is_ca && nla_put_flag(skb, TLSHAKE_A_CERT_INFO_CA)) ||
	    (cert->path_len >= 0 &&
	     nla_put_u32(skb, TLSHAKE_A_CERT_INFO_PATH_LEN, cert->path_len)) ||
	    put_sans(skb, cert)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * tlshake_genl_register() - register the tlshake generic netlink family
 *
 * Return: 0, or the errno from genl_register_family() (-EEXIST if a family
 * of the same name exists, -ENOMEM).
 */
int tlshake_genl_register(void)
{
	return genl_register_family(&tlshake_genl_family);
}

/**
 * tlshake_genl_unregister() - unregister the tlshake generic netlink family
 */
void tlshake_genl_unregister(void)
{
	genl_unregister_family(&tlshake_genl_family);
}
