/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handshake driver: who runs the handshake, and when.
 */
#ifndef _TLSHAKE_HSDRV_H
#define _TLSHAKE_HSDRV_H

#include <linux/tlshake.h>

struct tlshake_sock;
struct work_struct;

void tlshake_hsdrv_init(struct tlshake_sock *ts);
int tlshake_hsdrv_start(struct tlshake_sock *ts,
			const struct tlshake_handshake *p, bool async,
			void (*done)(void *data, int err), void *data);
void tlshake_hsdrv_unhook(struct tlshake_sock *ts);
void tlshake_hsdrv_stop(struct tlshake_sock *ts);
void tlshake_hsdrv_work(struct work_struct *work);

#endif /* _TLSHAKE_HSDRV_H */
