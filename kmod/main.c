// SPDX-License-Identifier: GPL-2.0
/*
 * tlshake: TLS handshake and record layer for kernel TCP sockets.
 *
 * Module init and exit: register the upper layer protocol and the generic
 * netlink family, and unwind in reverse order.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/tcp.h>

#include "conn.h"
#include "crypto/port.h"
#include "netlink.h"
#include "resume.h"
#include "stats.h"
#include "store.h"
#include "ulp.h"

/* Runs handshakes for non-blocking sockets and kernel callers. It may be
 * needed to make progress under memory pressure (storage over TLS).
 */
struct workqueue_struct *tlshake_wq;

static int __init tlshake_init(void)
{
	int err;

	err = port_init();
	if (err)
		goto err_port;

	err = -ENOMEM;
	tlshake_wq = alloc_workqueue("tlshake", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!tlshake_wq)
		goto err_wq;

	err = tlshake_store_register();
	if (err)
		goto err_store;

	err = tlshake_resume_register();
	if (err)
		goto err_resume;

	err = tlshake_stats_register();
	if (err)
		goto err_stats;

	err = tlshake_genl_register();
	if (err)
		goto err_genl;

	err = tlshake_ulp_register();
	if (err)
		goto err_ulp;

	return 0;

err_ulp:
	tlshake_genl_unregister();
err_genl:
	tlshake_stats_unregister();
err_stats:
	tlshake_resume_unregister();
err_resume:
	tlshake_store_unregister();
err_store:
	destroy_workqueue(tlshake_wq);
err_wq:
	port_exit();
err_port:
	return err;
}

static void __exit tlshake_exit(void)
{
	tlshake_ulp_unregister();
	tlshake_genl_unregister();
	tlshake_stats_unregister();
	tlshake_resume_unregister();
	tlshake_store_unregister();
	destroy_workqueue(tlshake_wq);
	port_exit();
}

module_init(tlshake_init);
module_exit(tlshake_exit);

MODULE_DESCRIPTION("TLS handshake and record layer for TCP sockets");
MODULE_LICENSE("GPL");
MODULE_ALIAS_TCP_ULP("tlshake");
MODULE_ALIAS_GENL_FAMILY("tlshake");
