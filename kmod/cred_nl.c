// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink operations on credentials (cred-get, cred-add, cred-replace,
 * cred-del and their notifications); the shared parts are in netlink.c.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/tlshake_nl.h>
#include <net/genetlink.h>

#include "cert.h"
#include "cred.h"
#include "netlink.h"
#include "nl-gen.h"
#include "sig.h"

/* The key types of the netlink API are those of sig.h. */
static_assert((int)TLSHAKE_KEY_TYPE_RSA == (int)TLSHAKE_KEY_RSA);
static_assert((int)TLSHAKE_KEY_TYPE_EC_P256 == (int)TLSHAKE_KEY_EC_P256);
static_assert((int)TLSHAKE_KEY_TYPE_EC_P384 == (int)TLSHAKE_KEY_EC_P384);
static_assert((int)TLSHAKE_KEY_TYPE_ED25519 == (int)TLSHAKE_KEY_ED25519);

static struct tlshake_cred *to_cred(struct tlshake_obj *obj)
{
	return container_of(obj, struct tlshake_cred, obj);
}

static size_t cred_info_size(struct tlshake_obj *obj)
{
	struct tlshake_cred *cred = to_cred(obj);
	size_t size = nla_total_size(strlen(obj->name) + 1) +
		      2 * nla_total_size(sizeof(u32));
	unsigned int i;

	for (i = 0; i < cred->nr_certs; i++)
		size += tlshake_nl_cert_info_size(cred->certs[i]);
	return size;
}

static int cred_fill(struct sk_buff *skb, struct tlshake_obj *obj)
{
	struct tlshake_cred *cred = to_cred(obj);
	unsigned int i;

	if (nla_put_string(skb, TLSHAKE_A_CRED_NAME, obj->name) ||
	    nla_put_u32(skb, TLSHAKE_A_CRED_KEY_TYPE,
			tlshake_cred_leaf(cred)->pub.type) ||
	    nla_put_u32(skb, TLSHAKE_A_CRED_USE_COUNT, tlshake_obj_users(obj)))
		return -EMSGSIZE;
	for (i = 0; i < cred->nr_certs; i++)
		if (tlshake_nl_put_cert_info(skb, TLSHAKE_A_CRED_CERT_INFO,
					     cred->certs[i]))
			return -EMSGSIZE;
	return 0;
}

/* Point @kp at the key components of @tb; check what the type needs. */
static int key_parts(struct nlattr **tb, struct tlshake_key_parts *kp,
		     struct netlink_ext_ack *extack)
{
	static const int rsa_attrs[] = {
		TLSHAKE_A_KEY_RSA_N, TLSHAKE_A_KEY_RSA_E, TLSHAKE_A_KEY_RSA_D,
		TLSHAKE_A_KEY_RSA_P, TLSHAKE_A_KEY_RSA_Q, TLSHAKE_A_KEY_RSA_DP,
		TLSHAKE_A_KEY_RSA_DQ, TLSHAKE_A_KEY_RSA_QINV,
	};
	const u8 **rsa_p[] = { &kp->n, &kp->e, &kp->d, &kp->p, &kp->q,
			       &kp->dp, &kp->dq, &kp->qinv };
	u32 *rsa_len[] = { &kp->n_len, &kp->e_len, &kp->d_len, &kp->p_len,
			   &kp->q_len, &kp->dp_len, &kp->dq_len,
			   &kp->qinv_len };
	int i;

	if (NL_REQ_ATTR_CHECK(extack, NULL, tb, TLSHAKE_A_KEY_TYPE))
		return -EINVAL;
	kp->type = nla_get_u32(tb[TLSHAKE_A_KEY_TYPE]);
	if (kp->type != TLSHAKE_KEY_RSA) {
		if (NL_REQ_ATTR_CHECK(extack, NULL, tb, TLSHAKE_A_KEY_PRIV))
			return -EINVAL;
		kp->ec_d = nla_data(tb[TLSHAKE_A_KEY_PRIV]);
		kp->ec_d_len = nla_len(tb[TLSHAKE_A_KEY_PRIV]);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(rsa_attrs); i++) {
		if (NL_REQ_ATTR_CHECK(extack, NULL, tb, rsa_attrs[i]))
			return -EINVAL;
		*rsa_p[i] = nla_data(tb[rsa_attrs[i]]);
		*rsa_len[i] = nla_len(tb[rsa_attrs[i]]);
	}
	return 0;
}

/* The request's copy of the private key is wiped once it has been used. */
static void wipe_key(struct nlattr *key)
{
	memzero_explicit(nla_data(key), nla_len(key));
}

static struct tlshake_obj *cred_build(struct genl_info *info, const char *name)
{
	struct nlattr *tb[TLSHAKE_A_KEY_MAX + 1];
	struct tlshake_blob *certs;
	struct tlshake_key_parts kp = { };
	struct tlshake_cred *cred;
	int n, err;

	if (GENL_REQ_ATTR_CHECK(info, TLSHAKE_A_CRED_KEY))
		return ERR_PTR(-EINVAL);
	certs = kcalloc(TLSHAKE_CHAIN_CERTS_MAX, sizeof(*certs), GFP_KERNEL);
	if (!certs) {
		cred = ERR_PTR(-ENOMEM);
		goto out;
	}
	n = tlshake_nl_blobs(info, TLSHAKE_A_CRED_CERT, certs,
			     TLSHAKE_CHAIN_CERTS_MAX, "certificate");
	err = n < 0 ? n : nla_parse_nested(tb, TLSHAKE_A_KEY_MAX,
					   info->attrs[TLSHAKE_A_CRED_KEY],
					   tlshake_key_nl_policy, info->extack);
	if (!err)
		err = key_parts(tb, &kp, info->extack);
	if (err) {
		cred = ERR_PTR(err);
		goto out;
	}
	cred = tlshake_cred_new(name, certs, n, &kp, info->extack);
out:
	memzero_explicit(&kp, sizeof(kp));
	wipe_key(info->attrs[TLSHAKE_A_CRED_KEY]);
	kfree(certs);
	return IS_ERR(cred) ? ERR_CAST(cred) : &cred->obj;
}

static const struct tlshake_nl_kind cred_kind = {
	.kind = TLSHAKE_STORE_CRED,
	.attr_name = TLSHAKE_A_CRED_NAME,
	.max_objs_msg = "too many credentials in this network namespace",
	.cmd_get = TLSHAKE_CMD_CRED_GET,
	.cmd_ntf_add = TLSHAKE_CMD_CRED_ADD_NTF,
	.cmd_ntf_change = TLSHAKE_CMD_CRED_CHANGE_NTF,
	.cmd_ntf_del = TLSHAKE_CMD_CRED_DEL_NTF,
	.info_size = cred_info_size,
	.fill = cred_fill,
	.build = cred_build,
};

int tlshake_nl_cred_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_get(&cred_kind, info);
}

int tlshake_nl_cred_dump_start(struct netlink_callback *cb)
{
	return tlshake_nl_obj_dump_start(&cred_kind, cb);
}

int tlshake_nl_cred_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return tlshake_nl_obj_dump(&cred_kind, skb, cb);
}

int tlshake_nl_cred_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_add(&cred_kind, info, false);
}

int tlshake_nl_cred_replace_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_add(&cred_kind, info, true);
}

int tlshake_nl_cred_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return tlshake_nl_obj_del(&cred_kind, info);
}
