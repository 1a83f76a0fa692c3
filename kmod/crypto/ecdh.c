// SPDX-License-Identifier: GPL-2.0
/*
 * ECDH on P-256 and P-384, constant time in the private scalar.
 *
 * The kernel's "ecdh-nist-p256/384" KPP runs on crypto/ecc.c, whose point
 * multiplication and modular arithmetic branch on the scalar. Here the
 * key pair comes from the fixed-base comb and the shared secret from the
 * fixed-window variable-base multiplication of ec_mul.c, both with masked
 * table scans and complete formulas; the one field inversion is safegcd.
 *
 * Secret: the private scalar, the candidates drawn for it, every
 * intermediate point, the shared secret. Public, and allowed to steer
 * branches: the curve and all lengths; the peer's point and whether it is
 * valid; whether a drawn candidate was rejected (the rejected value is
 * discarded and says nothing about the accepted one); whether a given
 * private key is in range (an invalid key is refused); whether the product
 * is at infinity (never, for a valid key and point on these prime-order
 * curves: only a fault gets there).
 */
#ifndef TLSHAKE_USERSPACE
#include <kunit/visibility.h>
#endif

#include "ecdh.h"

#ifdef TLSHAKE_CT_VALGRIND
/* ct-check: the random candidate scalar is tracked as a secret */
#define ecdh_ct_secret(p, len) VALGRIND_MAKE_MEM_UNDEFINED((p), (len))
#else
#define ecdh_ct_secret(p, len) do { (void)(p); (void)(len); } while (0)
#endif

/*
 * Candidates drawn before giving up. One is rejected with probability
 * below 2^-32 (P-256, whose n is just below 2^256) or 2^-190 (P-384), so
 * only a broken generator exhausts them.
 */
#define ECDH_KEYGEN_TRIES	64

/* Scratch of one shared-secret computation, wiped after use. */
struct ecdh_state {
	struct ec_point peer;
	struct ec_point prod;
	u64 k[EC_MAX_LIMBS];
	u64 x[EC_MAX_LIMBS];
	u64 y[EC_MAX_LIMBS];
};

/* a uniform scalar in [1, n - 1] by rejection sampling, or -EIO */
static int draw_scalar(enum ec_curve_id c, u8 *priv, size_t len)
{
	int i, err;

	for (i = 0; i < ECDH_KEYGEN_TRIES; i++) {
		port_random(priv, len);
		ecdh_ct_secret(priv, len);
		err = ec_check_private(c, priv);
		/* public: whether this candidate is rejected */
		port_declassify(&err, sizeof(err));
		if (!err)
			return 0;
	}
	return -EIO;
}

/**
 * ecdh_keypair() - generate an ephemeral key pair
 * @c: the curve
 * @priv: the private key out, ec_scalar_len() bytes, big-endian
 * @pub: the public key out, 0x04 || X || Y, ec_point_len() bytes
 *
 * The private key is uniform in [1, n - 1]: candidates of the scalar's
 * size are drawn from port_random() until one is in range (rejection
 * sampling, checked in constant time; only the verdict is public). The
 * public key is priv G by the constant-time fixed-base multiplication.
 *
 * Context: any context; allocates nothing.
 *
 * Return: 0; -EINVAL for an unknown curve; -EIO if ECDH_KEYGEN_TRIES
 * candidates in a row were out of range (a broken random generator). On
 * error @priv is zeroed.
 */
int ecdh_keypair(enum ec_curve_id c, u8 *priv, u8 *pub)
{
	size_t len = ec_scalar_len(c);
	int err;

	if (!len)
		return -EINVAL;
	err = draw_scalar(c, priv, len);
	if (!err) {
		err = ec_public_from_private(c, priv, pub);
		/* public: 0 for every key in range; anything else is a fault */
		port_declassify(&err, sizeof(err));
	}
	if (err)
		memzero_explicit(priv, len);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ecdh_keypair);

/* x(k Q) into @secret; -EINVAL if the product is at infinity */
static int ecdh_x(const struct ec_curve *c, struct ecdh_state *st,
		  u8 *secret)
{
	u64 finite;
	int err;

	err = ec_mul(c, &st->prod, &st->peer, st->k);
	if (err)
		return err;
	finite = ec_point_to_affine(c, st->x, st->y, &st->prod);
	/* public: k Q is finite for every valid k and Q (see the top) */
	port_declassify(&finite, sizeof(finite));
	if (!finite)
		return -EINVAL;
	ec_limbs_to_be(secret, c->bytes, st->x);
	return 0;
}

/**
 * ecdh_shared() - validate the peer's public key and compute the secret
 * @c: the curve
 * @priv: our private key, ec_scalar_len() bytes, big-endian, in [1, n - 1]
 * @peer: the peer's public key, 0x04 || X || Y
 * @peer_len: its length, which must be ec_point_len()
 * @secret: the shared secret out: X of priv * peer, ec_scalar_len() bytes
 *
 * The peer's key gets the full validation of SP 800-56A 5.6.2.3.3:
 * length, uncompressed prefix, 0 <= X, Y < p and the curve equation; the
 * curves have prime order, so a point on the curve (there is no encoding
 * of infinity) has order n. A product at infinity is refused as well.
 * Constant time in @priv and in the result; the peer's key is public.
 *
 * Context: process context; allocates its scratch with GFP_KERNEL.
 *
 * Return: 0; -EINVAL if the peer's key is not a valid point of @c (the
 * TLS caller sends illegal_parameter), if @priv is out of range or the
 * curve unknown; -ENOMEM. On error the secret's bytes of @secret are
 * zeroed (for a known curve).
 */
int ecdh_shared(enum ec_curve_id c, const u8 *priv, const u8 *peer,
		size_t peer_len, u8 *secret)
{
	const struct ec_curve *curve = ec_curve_get(c);
	struct ecdh_state *st;
	int err;

	if (!curve)
		return -EINVAL;
	err = ec_check_private(c, priv);
	/* public: an invalid key is refused */
	port_declassify(&err, sizeof(err));
	if (err)
		goto out;
	err = -ENOMEM;
	st = port_zalloc(sizeof(*st));
	if (!st)
		goto out;
	err = ec_point_decode(curve, &st->peer, peer, peer_len);
	if (!err) {
		ec_limbs_from_be(st->k, curve->limbs, priv, curve->bytes);
		err = ecdh_x(curve, st, secret);
	}
	port_free_secret(st, sizeof(*st));
out:
	if (err)
		memzero_explicit(secret, curve->bytes);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ecdh_shared);
