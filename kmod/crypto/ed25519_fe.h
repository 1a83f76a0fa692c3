/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arithmetic in GF(2^255 - 19), five 51-bit limbs in u64 (radix 2^51),
 * products in u128. Every function is constant time.
 *
 * Limb bounds: every function returns limbs below 2^52 (outputs are
 * weakly reduced, not canonical: a value may be represented plus p), and
 * accepts any inputs with limbs below 2^52. ed25519_fe_tobytes() gives the
 * canonical encoding.
 */
#ifndef _TLSHAKE_CRYPTO_ED25519_FE_H
#define _TLSHAKE_CRYPTO_ED25519_FE_H

#include "port.h"

/**
 * struct ed25519_fe - an element of GF(2^255 - 19)
 * @v: value = v[0] + v[1] 2^51 + v[2] 2^102 + v[3] 2^153 + v[4] 2^204
 */
struct ed25519_fe {
	u64 v[5];
};

void ed25519_fe_frombytes(struct ed25519_fe *h, const u8 *s);
void ed25519_fe_tobytes(u8 *s, const struct ed25519_fe *h);
void ed25519_fe_set(struct ed25519_fe *h, u64 small);
void ed25519_fe_add(struct ed25519_fe *h, const struct ed25519_fe *f,
		    const struct ed25519_fe *g);
void ed25519_fe_sub(struct ed25519_fe *h, const struct ed25519_fe *f,
		    const struct ed25519_fe *g);
void ed25519_fe_neg(struct ed25519_fe *h, const struct ed25519_fe *f);
void ed25519_fe_mul(struct ed25519_fe *h, const struct ed25519_fe *f,
		    const struct ed25519_fe *g);
void ed25519_fe_sq(struct ed25519_fe *h, const struct ed25519_fe *f);
void ed25519_fe_invert(struct ed25519_fe *out, const struct ed25519_fe *z);
void ed25519_fe_pow22523(struct ed25519_fe *out, const struct ed25519_fe *z);
void ed25519_fe_select(struct ed25519_fe *h, u64 mask,
		       const struct ed25519_fe *a, const struct ed25519_fe *b);
u64 ed25519_fe_iszero_mask(const struct ed25519_fe *f);
u64 ed25519_fe_isnegative(const struct ed25519_fe *f);
u64 ed25519_fe_eq_mask(const struct ed25519_fe *f, const struct ed25519_fe *g);

#endif /* _TLSHAKE_CRYPTO_ED25519_FE_H */
