/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The server's session cache: sessions by session ID, bounded in number
 * and in bytes, least recently used evicted first, expired sessions
 * dropped when met. One per network namespace (resume.h).
 *
 * All operations take the cache's spinlock (BH-safe not needed: process
 * context only) and never sleep.
 */
#ifndef _TLSHAKE_SESSCACHE_H
#define _TLSHAKE_SESSCACHE_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>

struct tlshake_session;

#define TLSHAKE_SESS_CACHE_BITS		8

/**
 * struct tlshake_sess_cache - a bounded session cache
 * @lock: protects everything below
 * @table: sessions by jhash of their ID
 * @lru: every cached session, most recently used first
 * @count: how many are cached
 * @bytes: their memory, as tlshake_sess_cache_cost() counts it
 * @max_count: bound on @count
 * @max_bytes: bound on @bytes
 * @seed: jhash seed, random
 */
struct tlshake_sess_cache {
	spinlock_t lock;	/* protects the table, the list, the counts */
	struct hlist_head table[1 << TLSHAKE_SESS_CACHE_BITS];
	struct list_head lru;
	unsigned int count;
	size_t bytes;
	unsigned int max_count;
	size_t max_bytes;
	u32 seed;
};

void tlshake_sess_cache_init(struct tlshake_sess_cache *c,
			     unsigned int max_count, size_t max_bytes);
void tlshake_sess_cache_flush(struct tlshake_sess_cache *c);
int tlshake_sess_cache_add(struct tlshake_sess_cache *c,
			   struct tlshake_session *s, time64_t now);
struct tlshake_session *tlshake_sess_cache_lookup(struct tlshake_sess_cache *c,
						  const u8 *id, size_t len,
						  time64_t now);
size_t tlshake_sess_cache_cost(const struct tlshake_session *s);

#endif /* _TLSHAKE_SESSCACHE_H */
