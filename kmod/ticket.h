/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Session tickets (RFC 5077; TLS 1.3: RFC 8446 4.6.1): a server seals its
 * session state into a ticket the client keeps for it, and opens it when
 * the client offers it back.
 *
 * Tickets are sealed with AES-256-GCM under ticket keys that are made
 * in the kernel from random bytes and never leave it. Keys rotate: the
 * current key seals for one rotation period, then only opens for one more
 * (RFC 5077 5.5), then is wiped. A ticket is
 *
 *	key_name[16] || nonce[12] || AES-256-GCM(state) || tag[16]
 *
 * with key_name || nonce as additional data (RFC 5077 4 recommends this
 * shape, with an AEAD in place of the separate MAC). Every field of the
 * opened state is checked as if it came from the network.
 *
 * Calls may sleep (a mutex serializes each key set; the AEAD runs under
 * it).
 */
#ifndef _TLSHAKE_TICKET_H
#define _TLSHAKE_TICKET_H

#include <linux/mutex.h>
#include <linux/time64.h>
#include <linux/types.h>

struct tlshake_session;
struct tlshake_ticket_key;

#define TLSHAKE_TICKET_NAME_LEN		16
#define TLSHAKE_TICKET_NONCE_LEN	12
#define TLSHAKE_TICKET_TAG_LEN		16
#define TLSHAKE_TICKET_OVERHEAD		(TLSHAKE_TICKET_NAME_LEN + \
					 TLSHAKE_TICKET_NONCE_LEN + \
					 TLSHAKE_TICKET_TAG_LEN)

/**
 * struct tlshake_ticket_keys - the ticket keys of a network namespace
 * @lock: serializes rotation and every use of the keys
 * @cur: the key that seals, or NULL before the first ticket
 * @prev: the key before it, which still opens, or NULL
 * @rotate: seconds a key seals before the next one takes over
 */
struct tlshake_ticket_keys {
	struct mutex lock;	/* rotation and use of @cur and @prev */
	struct tlshake_ticket_key *cur;
	struct tlshake_ticket_key *prev;
	u32 rotate;
};

void tlshake_ticket_keys_init(struct tlshake_ticket_keys *k, u32 rotate);
void tlshake_ticket_keys_free(struct tlshake_ticket_keys *k);
int tlshake_ticket_seal(struct tlshake_ticket_keys *k,
			const struct tlshake_session *s, time64_t now,
			u8 **ticket, size_t *len);
struct tlshake_session *tlshake_ticket_open(struct tlshake_ticket_keys *k,
					    const u8 *ticket, size_t len,
					    time64_t now);

#endif /* _TLSHAKE_TICKET_H */
