// SPDX-License-Identifier: GPL-2.0
/*
 * ct-check driver for ECDH: private scalars and everything derived from
 * them (candidates, digits, table entries, products, shared secrets) are
 * undefined to valgrind, so any branch or memory index that depends on
 * them is reported. Key generation and the shared secret run many times
 * on both curves; ecdh.c itself marks the scalars it draws as secret.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ct.h"
#include "ecdh.h"

#define ROUNDS	24

static int fail(const char *what, enum ec_curve_id c, int err)
{
	printf("# %s on curve %d failed: %d\n", what, c, err);
	return 1;
}

/* one exchange between a fresh pair and a given key (secret d) */
static int exchange(enum ec_curve_id c, u8 *d, const u8 *d_pub)
{
	size_t bytes = ec_scalar_len(c), plen = ec_point_len(c);
	u8 e[EC_MAX_BYTES], e_pub[EC_MAX_POINT_BYTES];
	u8 s1[ECDH_MAX_SECRET_LEN], s2[ECDH_MAX_SECRET_LEN];
	int err;

	err = ecdh_keypair(c, e, e_pub);
	if (err)
		return fail("ecdh_keypair", c, err);
	/* public: the public key, sent as such */
	CT_PUBLIC(e_pub, plen);

	err = ecdh_shared(c, d, e_pub, plen, s1);
	if (err)
		return fail("ecdh_shared", c, err);
	err = ecdh_shared(c, e, d_pub, plen, s2);
	if (err)
		return fail("ecdh_shared", c, err);
	/* only now may the driver look at the secrets */
	CT_PUBLIC(s1, bytes);
	CT_PUBLIC(s2, bytes);
	if (memcmp(s1, s2, bytes))
		return fail("agreement", c, -1);
	return 0;
}

static int run(enum ec_curve_id c)
{
	size_t bytes = ec_scalar_len(c), plen = ec_point_len(c);
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES];
	int i, err;

	for (i = 0; i < ROUNDS; i++) {
		/* a key of the caller's, marked secret here */
		port_random(d, bytes);
		d[0] &= 0x7f;		/* below n: a valid key every time */
		d[bytes - 1] |= i & 1;	/* odd and even */
		CT_SECRET(d, bytes);
		err = ec_public_from_private(c, d, pub);
		CT_PUBLIC(&err, sizeof(err));
		if (err)
			return fail("ec_public_from_private", c, err);
		CT_PUBLIC(pub, plen);
		if (exchange(c, d, pub))
			return 1;
	}
	return 0;
}

int main(void)
{
	int bad = run(EC_P256) | run(EC_P384);

	printf("# ct_ecdh: %d rounds per curve: %s\n", ROUNDS,
	       bad ? "FAILED" : "done");
	return bad;
}
