/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tlshake upper layer protocol: attaching to and detaching from TCP
 * sockets. The per-socket context is &struct tlshake_sock (conn.h).
 */
#ifndef _TLSHAKE_ULP_H
#define _TLSHAKE_ULP_H

#include "conn.h"

int tlshake_ulp_register(void);
void tlshake_ulp_unregister(void);
long tlshake_sock_count(void);

#endif /* _TLSHAKE_ULP_H */
