/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The edwards25519 group, -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19):
 * point encoding (RFC 8032 5.1.2, 5.1.3), complete addition and doubling
 * in extended coordinates, constant-time scalar multiplication.
 */
#ifndef _TLSHAKE_CRYPTO_ED25519_GE_H
#define _TLSHAKE_CRYPTO_ED25519_GE_H

#include "ed25519_fe.h"

/**
 * struct ed25519_pt - a point in extended coordinates (Hisil et al.)
 * @x: X, with x = X / Z
 * @y: Y, with y = Y / Z
 * @z: Z, never zero
 * @t: T = X Y / Z
 */
struct ed25519_pt {
	struct ed25519_fe x, y, z, t;
};

void ed25519_pt_identity(struct ed25519_pt *p);
void ed25519_pt_add(struct ed25519_pt *r, const struct ed25519_pt *p,
		    const struct ed25519_pt *q);
void ed25519_pt_double(struct ed25519_pt *r, const struct ed25519_pt *p);
void ed25519_pt_neg(struct ed25519_pt *r, const struct ed25519_pt *p);
void ed25519_pt_encode(u8 *s, const struct ed25519_pt *p);
int ed25519_pt_decode(struct ed25519_pt *p, const u8 *s);
bool ed25519_pt_small_order(const struct ed25519_pt *p);
void ed25519_mul_base(struct ed25519_pt *r, const u8 *k);
int ed25519_mul(struct ed25519_pt *r, const struct ed25519_pt *p,
		const u8 *k);

#endif /* _TLSHAKE_CRYPTO_ED25519_GE_H */
