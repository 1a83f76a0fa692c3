// SPDX-License-Identifier: GPL-2.0
/*
 * The tlshake generic netlink family. It carries no operations yet: the
 * credential operations arrive with the family's YAML specification.
 */
#include <linux/tlshake.h>
#include <net/genetlink.h>

#include "netlink.h"

static struct genl_family tlshake_genl_family __ro_after_init = {
	.name		= TLSHAKE_GENL_NAME,
	.version	= TLSHAKE_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
};

/**
 * tlshake_genl_register() - register the tlshake generic netlink family
 *
 * Return: 0, or the errno from genl_register_family() (-EEXIST if a family
 * of the same name exists, -ENOMEM).
 */
int tlshake_genl_register(void)
{
	return genl_register_family(&tlshake_genl_family);
}

/**
 * tlshake_genl_unregister() - unregister the tlshake generic netlink family
 */
void tlshake_genl_unregister(void)
{
	genl_unregister_family(&tlshake_genl_family);
}
