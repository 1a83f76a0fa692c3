// SPDX-License-Identifier: GPL-2.0
/*
 * ct-check driver for Ed25519: the seed, the message and everything
 * derived from them (the secret scalar, the prefix, the nonce) are
 * undefined to valgrind, so any branch or memory index that depends on
 * them is reported. Key derivation and signing run many times.
 */
#include <stdio.h>

#include "ct.h"
#include "ed25519.h"

#define ROUNDS	64

int main(void)
{
	u8 seed[32], pub[32], sig[64], msg[200];
	size_t len;
	int i, err;

	for (i = 0; i < ROUNDS; i++) {
		port_random(seed, sizeof(seed));
		port_random(msg, sizeof(msg));
		len = (size_t)i * 13 % sizeof(msg);
		CT_SECRET(seed, sizeof(seed));
		CT_SECRET(msg, sizeof(msg));

		err = ed25519_public_from_seed(seed, pub);
		if (err)
			break;
		/* public: the public key, published as such */
		CT_PUBLIC(pub, sizeof(pub));

		err = ed25519_sign(seed, pub, msg, len, sig);
		if (err)
			break;

		CT_PUBLIC(msg, sizeof(msg));
		err = ed25519_verify(pub, msg, len, sig);
		if (err)
			break;
	}
	printf("# ct_ed25519: %d rounds: %s (%d)\n", i,
	       err ? "FAILED" : "done", err);
	return !!err;
}
