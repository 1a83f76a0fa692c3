/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resumable sessions (TLS 1.2: session IDs, RFC 5246 7.3; tickets,
 * RFC 5077; TLS 1.3: tickets, RFC 8446 2.2 and 4.6.1). A struct
 * tlshake_session holds what an abbreviated handshake needs (the master
 * secret or resumption PSK and what the session was established for). It
 * never leaves the kernel: a server keeps it in the session cache of its
 * network namespace (sesscache.h) or seals it into a ticket (ticket.h); a
 * client program holds it through a file descriptor (TLSHAKE_SESSION).
 *
 * Sessions are immutable once published, except for the dead flag, and
 * are reference-counted; the last reference wipes and frees one.
 */
#ifndef _TLSHAKE_RESUME_H
#define _TLSHAKE_RESUME_H

#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/time64.h>
#include <linux/tlshake.h>
#include <linux/types.h>

#include "sesscache.h"
#include "ticket.h"

struct net;
struct tls_new_ticket;
struct tlshake_sock;
struct tlshake_suite;

#define TLSHAKE_SESSION_ID_LEN		32
#define TLSHAKE_SESSION_MASTER_LEN	48
/* Largest peer chain a session keeps (bigger chains are not resumable). */
#define TLSHAKE_SESSION_MAX_CERTS	(16 * 1024)

/**
 * struct tlshake_session - a resumable session
 * @ref: references: the cache, file descriptors, connections
 * @dead: invalidated (a fatal alert ended a connection of the session)
 * @name_verified: client: the server's name was checked against its chain
 * @version: the protocol version (%TLSHAKE_VERSION_1_2 or _1_3)
 * @suite: the cipher suite (IANA value)
 * @created: when the full handshake ended (real time, seconds); TLS 1.3
 *	client: when the ticket arrived
 * @lifetime: seconds after @created it may be resumed
 * @issued_ms: TLS 1.3: when the ticket was issued (server) or received
 *	(client), real time in milliseconds, for the ticket age
 * @age_add: TLS 1.3: ticket_age_add of the ticket
 * @id: the session ID (server: the cache key; client: what to offer)
 * @id_len: its length, 0 if the server gave none
 * @master: TLS 1.2: the master secret (always an extended one,
 *	RFC 7627); TLS 1.3: the resumption PSK (its first HashLen bytes)
 * @ticket: client: the ticket to offer, or NULL
 * @ticket_len: its length
 * @cred_fp: server: SHA-256 of the leaf certificate we authenticated with
 * @server_name: the SNI (client: sent; server: received), or empty
 * @trust_store: the trust store the peer's chain was validated with, or
 *	empty if the peer sent none
 * @peer_certs: the peer's chain in TLSHAKE_PEER_CERTS form, or NULL
 * @peer_certs_len: its length
 * @peer_sig_scheme: the scheme the peer signed with in the full handshake
 * @hnode: server: in the cache's hash table
 * @lru: server: in the cache's LRU list (most recently used first)
 * @cached: linked in a cache
 */
struct tlshake_session {
	refcount_t ref;
	bool dead;
	bool name_verified;
	u16 version;
	u16 suite;
	time64_t created;
	u32 lifetime;
	u64 issued_ms;
	u32 age_add;
	u8 id[TLSHAKE_SESSION_ID_LEN];
	u8 id_len;
	u8 master[TLSHAKE_SESSION_MASTER_LEN];
	u8 *ticket;
	u16 ticket_len;
	u8 cred_fp[32];
	char server_name[TLSHAKE_SERVER_NAME_MAX];
	char trust_store[TLSHAKE_NAME_MAX];
	u8 *peer_certs;
	u32 peer_certs_len;
	u16 peer_sig_scheme;
	struct hlist_node hnode;
	struct list_head lru;
	bool cached;
};

/**
 * struct tlshake_resume_net - resumption state of a network namespace
 * @cache: the server session cache
 * @keys: the ticket keys
 */
struct tlshake_resume_net {
	struct tlshake_sess_cache cache;
	struct tlshake_ticket_keys keys;
};

struct tlshake_session *tlshake_session_new(void);
struct tlshake_session *tlshake_session_clone(const struct tlshake_session *s);
void tlshake_session_put(struct tlshake_session *s);
bool tlshake_session_usable(const struct tlshake_session *s, time64_t now);
void tlshake_session_invalidate(struct tlshake_session *s);
u32 tlshake_session_lifetime(void);
u64 tlshake_session_now_ms(void);

int tlshake_session_getsockopt(struct tlshake_session *s, char __user *optval,
			       int __user *optlen);
struct tlshake_session *tlshake_session_from_fd(int fd);

int tlshake_ticket13_recv(struct tlshake_sock *ts,
			  const struct tls_new_ticket *t);
int tlshake_psk_binder(const struct tlshake_suite *suite, const u8 *psk,
		       size_t psk_len, const u8 *th, u8 *binder);

struct tlshake_resume_net *tlshake_resume_net(struct net *net);
int tlshake_resume_register(void);
void tlshake_resume_unregister(void);

/**
 * tlshake_session_get() - take a reference
 * @s: the session
 *
 * Return: @s.
 */
static inline struct tlshake_session *
tlshake_session_get(struct tlshake_session *s)
{
	refcount_inc(&s->ref);
	return s;
}

#endif /* _TLSHAKE_RESUME_H */
