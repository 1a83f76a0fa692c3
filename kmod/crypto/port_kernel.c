// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel side of kmod/crypto/port.h: hashes from the crypto API,
 * randomness from the kernel RNG, memory from the slab.
 */
#include <crypto/hash.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "port.h"

static struct crypto_shash *port_tfms[3] __read_mostly;
static const char * const port_hash_names[3] = {
	[PORT_SHA256] = "sha256",
	[PORT_SHA384] = "sha384",
	[PORT_SHA512] = "sha512",
};

/**
 * port_init() - allocate the hash transforms the portable code uses
 *
 * Return: 0 or a negative errno from crypto_alloc_shash().
 */
int port_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(port_tfms); i++) {
		port_tfms[i] = crypto_alloc_shash(port_hash_names[i], 0, 0);
		if (IS_ERR(port_tfms[i])) {
			int err = PTR_ERR(port_tfms[i]);

			port_tfms[i] = NULL;
			port_exit();
			return err;
		}
	}
	return 0;
}

/**
 * port_exit() - free what port_init() allocated
 */
void port_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(port_tfms); i++) {
		crypto_free_shash(port_tfms[i]);
		port_tfms[i] = NULL;
	}
}

int port_hash(enum port_hash alg, const struct port_iov *iov, int n, u8 *out)
{
	struct crypto_shash *tfm;
	int err = 0, i;

	if (alg >= ARRAY_SIZE(port_tfms) || !port_tfms[alg])
		return -ENOENT;
	tfm = port_tfms[alg];
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		err = crypto_shash_init(desc);
		for (i = 0; !err && i < n; i++)
			err = crypto_shash_update(desc, iov[i].base, iov[i].len);
		if (!err)
			err = crypto_shash_final(desc, out);
		shash_desc_zero(desc);
	}
	return err;
}

void port_random(void *buf, size_t len)
{
	get_random_bytes(buf, len);
}

void *port_zalloc(size_t len)
{
	return kzalloc(len, GFP_KERNEL);
}

void port_free_secret(void *p, size_t len)
{
	kfree_sensitive(p);
}
