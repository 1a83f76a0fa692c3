// SPDX-License-Identifier: GPL-2.0
/*
 * ct-check driver for ECDSA: private keys, digests and everything derived
 * from them (nonces, scalars, points) are undefined to valgrind, so any
 * branch or memory index that depends on them is reported. Key validation,
 * public-key derivation and signing run many times on both curves.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ct.h"
#include "ecdsa.h"

#define ROUNDS	32

static int fail(const char *what, enum ec_curve_id c, int err)
{
	printf("# %s on curve %d failed: %d\n", what, c, err);
	return 1;
}

static int run(enum ec_curve_id c)
{
	size_t bytes = ec_scalar_len(c), sig_len;
	u8 d[EC_MAX_BYTES], pub[EC_MAX_POINT_BYTES], sig[ECDSA_MAX_SIG_LEN];
	u8 digest[64];
	int i, err;

	for (i = 0; i < ROUNDS; i++) {
		port_random(d, bytes);
		d[0] &= 0x7f;		/* below n: a valid key every time */
		port_random(digest, sizeof(digest));
		CT_SECRET(d, bytes);
		CT_SECRET(digest, sizeof(digest));

		err = ec_check_private(c, d);
		/* public: the verdict on the key (it is refused if invalid) */
		CT_PUBLIC(&err, sizeof(err));
		if (err)
			return fail("ec_check_private", c, err);

		err = ec_public_from_private(c, d, pub);
		CT_PUBLIC(&err, sizeof(err));
		if (err)
			return fail("ec_public_from_private", c, err);
		/* public: the public key, published as such */
		CT_PUBLIC(pub, ec_point_len(c));

		/* digests of each hash length: each picks its own HMAC */
		sig_len = sizeof(sig);
		err = ecdsa_sign(c, d, digest, 32 + 16 * (i % 3), sig, &sig_len);
		if (err)
			return fail("ecdsa_sign", c, err);
		sig_len = sizeof(sig);
		err = ecdsa_sign_rfc6979(c, d, digest, bytes, NULL, 0, sig,
					 &sig_len);
		if (err)
			return fail("ecdsa_sign_rfc6979", c, err);

		/* only now may the test look at what it signed */
		CT_PUBLIC(digest, sizeof(digest));
		err = ecdsa_verify(c, pub, ec_point_len(c), digest, bytes, sig,
				   sig_len);
		if (err)
			return fail("ecdsa_verify", c, err);
	}
	return 0;
}

int main(void)
{
	int bad = run(EC_P256) | run(EC_P384);

	printf("# ct_ecdsa: %d rounds per curve: %s\n", ROUNDS,
	       bad ? "FAILED" : "done");
	return bad;
}
