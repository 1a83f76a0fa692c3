/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handshake engine as the driver (hsdrv.c) sees it. The engine never
 * touches the network: it consumes the plaintext of handshake and
 * ChangeCipherSpec records and answers by queueing messages
 * (tlshake_tx_append()) and installing keys (tlshake_tx_set_key(),
 * tlshake_rx_set_key()); the driver moves the bytes.
 */
#ifndef _TLSHAKE_HS_H
#define _TLSHAKE_HS_H

#include <linux/tlshake.h>
#include <linux/types.h>

struct tlshake_sock;

int tlshake_hs_params_check(struct tlshake_handshake *p);
int tlshake_hs_new(struct tlshake_sock *ts,
		   const struct tlshake_handshake *params);
int tlshake_hs_input(struct tlshake_sock *ts, u8 type, const u8 *data,
		     size_t len);
bool tlshake_hs_done(const struct tlshake_sock *ts);
void tlshake_hs_free(struct tlshake_sock *ts);

#endif /* _TLSHAKE_HS_H */
