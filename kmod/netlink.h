/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tlshake generic netlink family.
 */
#ifndef _TLSHAKE_NETLINK_H
#define _TLSHAKE_NETLINK_H

int tlshake_genl_register(void);
void tlshake_genl_unregister(void);

#endif /* _TLSHAKE_NETLINK_H */
