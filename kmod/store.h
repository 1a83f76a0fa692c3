/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-network-namespace store of named, reference-counted objects that
 * credentials and trust stores are kept in.
 *
 * Readers (the handshakes) look objects up under RCU and take a reference;
 * writers (netlink) serialize on the store's mutex and publish with RCU, so
 * a replacement is seen by every new lookup at once while holders of the
 * old object keep it. The last reference frees an object, after an RCU
 * grace period, in process context.
 */
#ifndef _TLSHAKE_STORE_H
#define _TLSHAKE_STORE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/tlshake_nl.h>
#include <linux/workqueue.h>

struct net;

/**
 * enum tlshake_store_kind - the kinds of objects in a store
 * @TLSHAKE_STORE_CRED: credentials (&struct tlshake_cred)
 * @TLSHAKE_STORE_TRUST: trust stores (&struct tlshake_trust)
 * @TLSHAKE_STORE_NKINDS: number of kinds
 */
enum tlshake_store_kind {
	TLSHAKE_STORE_CRED,
	TLSHAKE_STORE_TRUST,
	TLSHAKE_STORE_NKINDS,
};

/* Most objects of one kind in one network namespace. */
#define TLSHAKE_STORE_MAX_OBJS	1024

/**
 * struct tlshake_blob - a byte string handed in (a DER certificate, a key)
 * @data: the bytes
 * @len: their number
 */
struct tlshake_blob {
	const u8 *data;
	u32 len;
};

/**
 * struct tlshake_obj - the part of a stored object the store manages
 * @node: in &tlshake_store.objs, under RCU
 * @ref: references: one for the store while listed, one per user
 * @free_work: frees the object after a grace period
 * @destroy: frees the containing object; called in process context
 * @name: the object's name, unique per kind and namespace
 */
struct tlshake_obj {
	struct list_head node;
	refcount_t ref;
	struct rcu_work free_work;
	void (*destroy)(struct tlshake_obj *obj);
	char name[TLSHAKE_NAME_LEN_MAX + 1];
};

/**
 * struct tlshake_store - the objects of one network namespace
 * @lock: serializes changes
 * @objs: the objects of each kind
 * @count: how many of each kind
 * @gen: changes so far, for consistent netlink dumps
 */
struct tlshake_store {
	struct mutex lock;	/* serializes changes */
	struct list_head objs[TLSHAKE_STORE_NKINDS];
	unsigned int count[TLSHAKE_STORE_NKINDS];
	unsigned int gen;
};

void tlshake_obj_init(struct tlshake_obj *obj, const char *name,
		      void (*destroy)(struct tlshake_obj *obj));
void tlshake_obj_put(struct tlshake_obj *obj);
unsigned int tlshake_obj_users(struct tlshake_obj *obj);

struct tlshake_store *tlshake_store_net(struct net *net);
void tlshake_store_init(struct tlshake_store *st);
void tlshake_store_flush(struct tlshake_store *st);
struct tlshake_obj *tlshake_store_get(struct tlshake_store *st,
				      enum tlshake_store_kind kind,
				      const char *name);
int tlshake_store_add(struct tlshake_store *st, enum tlshake_store_kind kind,
		      struct tlshake_obj *obj);
int tlshake_store_replace(struct tlshake_store *st,
			  enum tlshake_store_kind kind,
			  struct tlshake_obj *obj);
struct tlshake_obj *tlshake_store_del(struct tlshake_store *st,
				      enum tlshake_store_kind kind,
				      const char *name);

int tlshake_store_register(void);
void tlshake_store_unregister(void);

#endif /* _TLSHAKE_STORE_H */
