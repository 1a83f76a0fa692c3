// SPDX-License-Identifier: GPL-2.0
/*
 * The server's session cache (see sesscache.h). Session IDs are ours
 * (random), but clients choose what is looked up, so the table's hash is
 * seeded at random as well.
 */
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "resume.h"
#include "sesscache.h"

/**
 * tlshake_sess_cache_init() - initialize an empty cache
 * @c: the cache
 * @max_count: most sessions it may hold
 * @max_bytes: most memory they may use (tlshake_sess_cache_cost())
 */
void tlshake_sess_cache_init(struct tlshake_sess_cache *c,
			     unsigned int max_count, size_t max_bytes)
{
	unsigned int i;

	spin_lock_init(&c->lock);
	for (i = 0; i < ARRAY_SIZE(c->table); i++)
		INIT_HLIST_HEAD(&c->table[i]);
	INIT_LIST_HEAD(&c->lru);
	c->count = 0;
	c->bytes = 0;
	c->max_count = max_count;
	c->max_bytes = max_bytes;
	c->seed = get_random_u32();
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sess_cache_init);

/**
 * tlshake_sess_cache_cost() - what a session costs the cache
 * @s: the session
 *
 * Return: bytes: the structure, its ticket and its peer chain.
 */
size_t tlshake_sess_cache_cost(const struct tlshake_session *s)
{
	return sizeof(*s) + s->ticket_len + s->peer_certs_len;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sess_cache_cost);

static struct hlist_head *bucket(struct tlshake_sess_cache *c, const u8 *id,
				 size_t len)
{
	u32 h = jhash(id, len, c->seed);

	return &c->table[h & (ARRAY_SIZE(c->table) - 1)];
}

/* Unlink @s; the caller drops the cache's reference after unlocking. */
static void unlink_locked(struct tlshake_sess_cache *c,
			  struct tlshake_session *s)
{
	hlist_del_init(&s->hnode);
	list_del_init(&s->lru);
	s->cached = false;
	c->count--;
	c->bytes -= tlshake_sess_cache_cost(s);
}

static void put_list(struct list_head *dead)
{
	struct tlshake_session *s, *tmp;

	list_for_each_entry_safe(s, tmp, dead, lru) {
		list_del_init(&s->lru);
		tlshake_session_put(s);
	}
}

/**
 * tlshake_sess_cache_flush() - drop every session
 * @c: the cache
 */
void tlshake_sess_cache_flush(struct tlshake_sess_cache *c)
{
	struct tlshake_session *s, *tmp;
	LIST_HEAD(dead);

	spin_lock(&c->lock);
	list_for_each_entry_safe(s, tmp, &c->lru, lru) {
		unlink_locked(c, s);
		list_add(&s->lru, &dead);
	}
	spin_unlock(&c->lock);
	put_list(&dead);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sess_cache_flush);

/* Evict from the LRU end until @need more bytes and one more entry fit. */
static void make_room_locked(struct tlshake_sess_cache *c, size_t need,
			     struct list_head *dead)
{
	struct tlshake_session *s;

	while (!list_empty(&c->lru) &&
	       (c->count + 1 > c->max_count ||
		c->bytes + need > c->max_bytes)) {
		s = list_last_entry(&c->lru, struct tlshake_session, lru);
		unlink_locked(c, s);
		list_add(&s->lru, dead);
	}
}

/**
 * tlshake_sess_cache_add() - cache a session under its ID
 * @c: the cache
 * @s: the session, with a non-empty ID; the cache takes a reference
 * @now: the current time (seconds), to drop expired sessions
 *
 * Least recently used sessions make room. A session with the same ID
 * (which random IDs make impossible in practice) is replaced.
 *
 * Return: 0; -EINVAL if @s has no ID or is cached already; -E2BIG if it
 * alone is larger than the cache.
 */
int tlshake_sess_cache_add(struct tlshake_sess_cache *c,
			   struct tlshake_session *s, time64_t now)
{
	size_t cost = tlshake_sess_cache_cost(s);
	struct tlshake_session *old;
	struct hlist_head *head;
	struct hlist_node *tmp;
	LIST_HEAD(dead);

	if (!s->id_len || s->cached)
		return -EINVAL;
	if (cost > c->max_bytes || !c->max_count)
		return -E2BIG;
	head = bucket(c, s->id, s->id_len);
	spin_lock(&c->lock);
	hlist_for_each_entry_safe(old, tmp, head, hnode) {
		if (!tlshake_session_usable(old, now) ||
		    (old->id_len == s->id_len &&
		     !memcmp(old->id, s->id, s->id_len))) {
			unlink_locked(c, old);
			list_add(&old->lru, &dead);
		}
	}
	make_room_locked(c, cost, &dead);
	hlist_add_head(&tlshake_session_get(s)->hnode, head);
	list_add(&s->lru, &c->lru);
	s->cached = true;
	c->count++;
	c->bytes += cost;
	spin_unlock(&c->lock);
	put_list(&dead);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sess_cache_add);

/**
 * tlshake_sess_cache_lookup() - find a usable session by ID
 * @c: the cache
 * @id: the session ID the client offered
 * @len: its length
 * @now: the current time (seconds)
 *
 * A session found expired or invalidated is dropped. A hit becomes the
 * most recently used.
 *
 * Return: the session with a reference for the caller, or NULL.
 */
struct tlshake_session *tlshake_sess_cache_lookup(struct tlshake_sess_cache *c,
						  const u8 *id, size_t len,
						  time64_t now)
{
	struct tlshake_session *s, *found = NULL;
	struct hlist_head *head;
	struct hlist_node *tmp;
	LIST_HEAD(dead);

	if (!len || len > TLSHAKE_SESSION_ID_LEN)
		return NULL;
	head = bucket(c, id, len);
	spin_lock(&c->lock);
	hlist_for_each_entry_safe(s, tmp, head, hnode) {
		if (!tlshake_session_usable(s, now)) {
			unlink_locked(c, s);
			list_add(&s->lru, &dead);
		} else if (s->id_len == len && !memcmp(s->id, id, len)) {
			list_move(&s->lru, &c->lru);
			found = tlshake_session_get(s);
			break;
		}
	}
	spin_unlock(&c->lock);
	put_list(&dead);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sess_cache_lookup);
