/* SPDX-License-Identifier: GPL-2.0 */
/*
 * After the handshake: KeyUpdate in both directions and the other
 * post-handshake messages (NewSessionTicket; renegotiation attempts).
 */
#ifndef _TLSHAKE_KEYUPDATE_H
#define _TLSHAKE_KEYUPDATE_H

#include <linux/types.h>

struct tlshake_sock;

int tlshake_keyupdate_send(struct tlshake_sock *ts);
int tlshake_keyupdate_request(struct tlshake_sock *ts, u32 request_peer);
int tlshake_post_handshake(struct tlshake_sock *ts, const u8 *data,
			   size_t len);

#endif /* _TLSHAKE_KEYUPDATE_H */
