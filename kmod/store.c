// SPDX-License-Identifier: GPL-2.0
/*
 * The per-network-namespace store of credentials and trust stores (see
 * store.h for the rules).
 */
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <kunit/visibility.h>

#include "store.h"

static unsigned int tlshake_store_net_id __read_mostly;
/* Objects are freed here, in process context, after a grace period. */
static struct workqueue_struct *tlshake_store_wq;

static void obj_free_work(struct work_struct *work)
{
	struct tlshake_obj *obj = container_of(to_rcu_work(work),
					       struct tlshake_obj, free_work);

	obj->destroy(obj);
}

/**
 * tlshake_obj_init() - prepare an object for the store
 * @obj: the object's store part
 * @name: its name (at most %TLSHAKE_NAME_LEN_MAX bytes are kept)
 * @destroy: frees the object once its last reference is gone
 *
 * The caller holds the one reference this makes.
 */
void tlshake_obj_init(struct tlshake_obj *obj, const char *name,
		      void (*destroy)(struct tlshake_obj *obj))
{
	INIT_LIST_HEAD(&obj->node);
	refcount_set(&obj->ref, 1);
	INIT_RCU_WORK(&obj->free_work, obj_free_work);
	obj->destroy = destroy;
	strscpy(obj->name, name, sizeof(obj->name));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_obj_init);

/**
 * tlshake_obj_put() - drop a reference
 * @obj: the object
 *
 * The last reference frees the object after an RCU grace period, from a
 * workqueue. Any context.
 */
void tlshake_obj_put(struct tlshake_obj *obj)
{
	if (refcount_dec_and_test(&obj->ref))
		queue_rcu_work(tlshake_store_wq, &obj->free_work);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_obj_put);

/**
 * tlshake_obj_users() - references held other than the store's
 * @obj: a listed object
 *
 * Return: how many handshakes (and other users) hold @obj now.
 */
unsigned int tlshake_obj_users(struct tlshake_obj *obj)
{
	unsigned int ref = refcount_read(&obj->ref);

	return ref ? ref - 1 : 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_obj_users);

/**
 * tlshake_store_net() - the store of a network namespace
 * @net: the namespace
 *
 * Return: its store (lives as long as @net).
 */
struct tlshake_store *tlshake_store_net(struct net *net)
{
	return net_generic(net, tlshake_store_net_id);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_net);

/**
 * tlshake_store_init() - initialize an empty store
 * @st: the store
 */
void tlshake_store_init(struct tlshake_store *st)
{
	int k;

	mutex_init(&st->lock);
	for (k = 0; k < TLSHAKE_STORE_NKINDS; k++)
		INIT_LIST_HEAD(&st->objs[k]);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_init);

/**
 * tlshake_store_flush() - remove every object from a store
 * @st: the store
 *
 * Drops the store's references: objects nobody else holds are freed.
 */
void tlshake_store_flush(struct tlshake_store *st)
{
	struct tlshake_obj *obj, *tmp;
	int k;

	mutex_lock(&st->lock);
	for (k = 0; k < TLSHAKE_STORE_NKINDS; k++) {
		list_for_each_entry_safe(obj, tmp, &st->objs[k], node) {
			list_del_rcu(&obj->node);
			tlshake_obj_put(obj);
		}
		st->count[k] = 0;
	}
	st->gen++;
	mutex_unlock(&st->lock);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_flush);

static struct tlshake_obj *store_find(struct tlshake_store *st,
				      enum tlshake_store_kind kind,
				      const char *name)
{
	struct tlshake_obj *obj;

	list_for_each_entry_rcu(obj, &st->objs[kind], node,
				lockdep_is_held(&st->lock))
		if (!strcmp(obj->name, name))
			return obj;
	return NULL;
}

/**
 * tlshake_store_get() - look an object up by name and hold it
 * @st: the store
 * @kind: what kind of object
 * @name: its name
 *
 * Any context; does not sleep.
 * Return: the object with a reference for the caller (drop it with
 * tlshake_obj_put()), or NULL if there is none.
 */
struct tlshake_obj *tlshake_store_get(struct tlshake_store *st,
				      enum tlshake_store_kind kind,
				      const char *name)
{
	struct tlshake_obj *obj;

	rcu_read_lock();
	obj = store_find(st, kind, name);
	if (obj && !refcount_inc_not_zero(&obj->ref))
		obj = NULL;
	rcu_read_unlock();
	return obj;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_get);

/**
 * tlshake_store_add() - publish a new object
 * @st: the store
 * @kind: its kind
 * @obj: the object; on success the store takes the caller's reference
 *
 * Return: 0; -EEXIST if the name is taken; -ENOSPC if the namespace holds
 * %TLSHAKE_STORE_MAX_OBJS objects of this kind already.
 */
int tlshake_store_add(struct tlshake_store *st, enum tlshake_store_kind kind,
		      struct tlshake_obj *obj)
{
	int err = 0;

	mutex_lock(&st->lock);
	if (store_find(st, kind, obj->name)) {
		err = -EEXIST;
	} else if (st->count[kind] >= TLSHAKE_STORE_MAX_OBJS) {
		err = -ENOSPC;
	} else {
		list_add_tail_rcu(&obj->node, &st->objs[kind]);
		st->count[kind]++;
		st->gen++;
	}
	mutex_unlock(&st->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_add);

/**
 * tlshake_store_replace() - atomically replace an object of the same name
 * @st: the store
 * @kind: its kind
 * @obj: the new object; on success the store takes the caller's reference
 *
 * Lookups see either the old object or the new one, never neither. The old
 * one is freed when its last holder lets go.
 *
 * Return: 0, or -ENOENT if there is no object of that name.
 */
int tlshake_store_replace(struct tlshake_store *st,
			  enum tlshake_store_kind kind,
			  struct tlshake_obj *obj)
{
	struct tlshake_obj *old;

	mutex_lock(&st->lock);
	old = store_find(st, kind, obj->name);
	if (old) {
		list_replace_rcu(&old->node, &obj->node);
		st->gen++;
	}
	mutex_unlock(&st->lock);
	if (!old)
		return -ENOENT;
	tlshake_obj_put(old);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_replace);

/**
 * tlshake_store_del() - remove an object
 * @st: the store
 * @kind: its kind
 * @name: its name
 *
 * Return: the removed object, with the store's reference handed to the
 * caller (who drops it with tlshake_obj_put()), or NULL if there is none.
 */
struct tlshake_obj *tlshake_store_del(struct tlshake_store *st,
				      enum tlshake_store_kind kind,
				      const char *name)
{
	struct tlshake_obj *obj;

	mutex_lock(&st->lock);
	obj = store_find(st, kind, name);
	if (obj) {
		list_del_rcu(&obj->node);
		st->count[kind]--;
		st->gen++;
	}
	mutex_unlock(&st->lock);
	return obj;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_store_del);

static int __net_init store_net_init(struct net *net)
{
	tlshake_store_init(tlshake_store_net(net));
	return 0;
}

static void __net_exit store_net_exit(struct net *net)
{
	tlshake_store_flush(tlshake_store_net(net));
}

static struct pernet_operations tlshake_store_net_ops = {
	.init = store_net_init,
	.exit = store_net_exit,
	.id = &tlshake_store_net_id,
	.size = sizeof(struct tlshake_store),
};

/**
 * tlshake_store_register() - set up the stores of every network namespace
 *
 * Return: 0, -ENOMEM, or the errno of register_pernet_subsys().
 */
int tlshake_store_register(void)
{
	int err;

	tlshake_store_wq = alloc_workqueue("tlshake_store", WQ_UNBOUND, 0);
	if (!tlshake_store_wq)
		return -ENOMEM;
	err = register_pernet_subsys(&tlshake_store_net_ops);
	if (err)
		destroy_workqueue(tlshake_store_wq);
	return err;
}

/**
 * tlshake_store_unregister() - empty every store and wait for the frees
 *
 * Called at module exit, when no handshake holds an object any more.
 */
void tlshake_store_unregister(void)
{
	unregister_pernet_subsys(&tlshake_store_net_ops);
	/* queue_rcu_work() callbacks first, then the work they queued */
	rcu_barrier();
	destroy_workqueue(tlshake_store_wq);
}
