// SPDX-License-Identifier: GPL-2.0
/*
 * ECDHE: X25519 through the kernel's KPP API, P-256 and P-384 through
 * tlshake's constant-time ECDH (crypto/ecdh.c).
 *
 * The kernel's "ecdh-nist-p256"/"-p384" KPP runs on crypto/ecc.c, which
 * is not constant-time in the private scalar (and refuses valid peer
 * points with x = 0 and the private key n - 2), so the NIST curves use our
 * own code; "curve25519" is constant-time and stays.
 *
 * What is checked, and where:
 * - NIST curves: ecdh_shared() checks the length, the 0x04 (uncompressed)
 *   prefix, the only format TLS 1.3 allows and the only one we advertise
 *   in TLS 1.2, both coordinates below p and the curve equation. Both
 *   curves have cofactor 1, so that is full validation (SP 800-56A
 *   5.6.2.3.3); a product at infinity is refused too.
 * - "curve25519" takes any 32-byte string (RFC 7748 5 masks the top bit)
 *   and does not check the result. Added here: the length, and rejecting
 *   an all-zero shared secret (a low-order peer point; RFC 8446 7.4.2,
 *   RFC 7748 6.1), compared with crypto_memneq().
 *
 * KPP reads and writes its data through scatterlists, so every buffer it
 * sees is a kmalloc()ed bounce buffer, wiped before it is freed.
 */
#include <crypto/algapi.h>
#include <crypto/kpp.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "alert.h"
#include "crypto/ecdh.h"
#include "kex.h"

/**
 * struct kex_group - a named group and its implementation
 * @id: NamedGroup
 * @kpp: KPP algorithm name (X25519), or NULL for our ECDH (NIST curves)
 * @curve: the curve of our ECDH
 * @scalar_len: private key and secret length
 * @pub_len: public key length in TLS encoding
 */
struct kex_group {
	u16 id;
	const char *kpp;
	enum ec_curve_id curve;
	u8 scalar_len;
	u8 pub_len;
};

static const struct kex_group kex_groups[] = {
	{ TLSHAKE_GROUP_X25519, "curve25519", 0, 32, 32 },
	{ TLSHAKE_GROUP_SECP256R1, NULL, EC_P256, 32, 1 + 2 * 32 },
	{ TLSHAKE_GROUP_SECP384R1, NULL, EC_P384, 48, 1 + 2 * 48 },
};

static const struct kex_group *kex_group_find(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kex_groups); i++)
		if (kex_groups[i].id == id)
			return &kex_groups[i];
	return NULL;
}

/**
 * tlshake_kex_supported() - is a named group implemented?
 * @group: NamedGroup
 *
 * Return: true for X25519, secp256r1 and secp384r1.
 */
bool tlshake_kex_supported(u16 group)
{
	return kex_group_find(group);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_kex_supported);

/*
 * Run the KPP: compute the shared secret from the peer's @in (u), or,
 * with @in NULL, our public key. @out_len bytes of result go to @out.
 */
static int kpp_run(struct crypto_kpp *kpp, const u8 *in, size_t in_len,
		   u8 *out, size_t out_len)
{
	struct scatterlist src, dst;
	struct kpp_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *buf;
	int err;

	might_sleep();
	req = kpp_request_alloc(kpp, GFP_KERNEL);
	buf = kzalloc(in_len + out_len, GFP_KERNEL);
	err = -ENOMEM;
	if (!req || !buf)
		goto out;
	if (in)
		memcpy(buf, in, in_len);
	sg_init_one(&src, buf, in_len);
	sg_init_one(&dst, buf + in_len, out_len);
	kpp_request_set_input(req, in ? &src : NULL, in_len);
	kpp_request_set_output(req, &dst, out_len);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				 CRYPTO_TFM_REQ_MAY_SLEEP,
				 crypto_req_done, &wait);
	if (in)
		err = crypto_wait_req(crypto_kpp_compute_shared_secret(req),
				      &wait);
	else
		err = crypto_wait_req(crypto_kpp_generate_public_key(req),
				      &wait);
	if (!err)
		memcpy(out, buf + in_len, out_len);
out:
	kfree_sensitive(buf);
	kpp_request_free(req);
	return err;
}

/* X25519: a KPP transform with the private key (@priv NULL: a new one) */
static int kex_setup_kpp(struct tlshake_kex *kx, const struct kex_group *g,
			 const u8 *priv)
{
	int err;

	kx->kpp = crypto_alloc_kpp(g->kpp, 0, 0);
	if (IS_ERR(kx->kpp)) {
		err = PTR_ERR(kx->kpp);
		kx->kpp = NULL;
		return err;
	}
	err = crypto_kpp_set_secret(kx->kpp, priv, priv ? g->scalar_len : 0);
	if (!err)
		err = kpp_run(kx->kpp, NULL, 0, kx->pub, g->pub_len);
	return err;
}

/* NIST curves: the private key into @kx (@priv NULL: a new one) */
static int kex_setup_ecdh(struct tlshake_kex *kx, const struct kex_group *g,
			  const u8 *priv)
{
	int err;

	if (priv) {
		memcpy(kx->priv, priv, g->scalar_len);
		err = ec_public_from_private(g->curve, kx->priv, kx->pub);
	} else {
		err = ecdh_keypair(g->curve, kx->priv, kx->pub);
	}
	if (!err)
		kx->priv_len = g->scalar_len;
	return err;
}

static int kex_setup(struct tlshake_kex *kx, u16 group, const u8 *priv,
		     size_t priv_len)
{
	const struct kex_group *g = kex_group_find(group);
	int err;

	memset(kx, 0, sizeof(*kx));
	if (!g)
		return -EOPNOTSUPP;
	if (priv && priv_len != g->scalar_len)
		return -EINVAL;
	kx->group = group;
	if (g->kpp)
		err = kex_setup_kpp(kx, g, priv);
	else
		err = kex_setup_ecdh(kx, g, priv);
	if (err) {
		tlshake_kex_free(kx);
		return err;
	}
	kx->pub_len = g->pub_len;
	return 0;
}

/**
 * tlshake_kex_init() - generate an ephemeral key pair
 * @kx: the key exchange (any contents)
 * @group: NamedGroup
 *
 * The private key comes from the kernel's RNG: X25519 through the KPP
 * (get_random_bytes, clamped), NIST curves by ecdh_keypair() (uniform in
 * [1, n - 1] by rejection sampling).
 *
 * Return: 0; -EOPNOTSUPP for a group we do not implement; -ENOMEM; -EIO
 * (a broken RNG) or another errno of the KPP or ecdh_keypair(). On error
 * @kx is all zeroes.
 */
int tlshake_kex_init(struct tlshake_kex *kx, u16 group)
{
	return kex_setup(kx, group, NULL, 0);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_kex_init);

/**
 * tlshake_kex_init_key() - set up a key pair from a given private key
 * @kx: the key exchange (any contents)
 * @group: NamedGroup
 * @priv: the private key: 32 bytes for X25519 (clamped by the KPP), a
 *	big-endian scalar in [1, n-1] of the curve's size for NIST curves
 * @priv_len: its length
 *
 * For known-answer tests only: TLS key pairs are ephemeral and come from
 * tlshake_kex_init().
 *
 * Return: 0; -EOPNOTSUPP for an unknown group; -EINVAL for a private key of
 * the wrong length, or (NIST curves) outside [1, n - 1]; -ENOMEM; or the
 * errno of the KPP. On error @kx is all zeroes.
 */
int tlshake_kex_init_key(struct tlshake_kex *kx, u16 group, const u8 *priv,
			 size_t priv_len)
{
	if (!priv)
		return -EINVAL;
	return kex_setup(kx, group, priv, priv_len);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_kex_init_key);

/**
 * tlshake_kex_public() - our public key, TLS encoding
 * @kx: an initialized key exchange
 * @len: set to its length
 *
 * Return: the public key (valid until tlshake_kex_free()).
 */
const u8 *tlshake_kex_public(const struct tlshake_kex *kx, size_t *len)
{
	*len = kx->pub_len;
	return kx->pub;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_kex_public);

/* X25519: the KPP's secret; an all-zero one (low-order point) refused */
static int derive_kpp(struct tlshake_kex *kx, const struct kex_group *g,
		      const u8 *peer, size_t peer_len, u8 *out)
{
	static const u8 zeros[TLSHAKE_KEX_MAX_SECRET];
	int err;

	if (peer_len != g->pub_len)
		return -EINVAL;
	err = kpp_run(kx->kpp, peer, peer_len, out, g->scalar_len);
	if (!err && !crypto_memneq(out, zeros, g->scalar_len))
		err = -EINVAL;
	return err;
}

/* Destroy the private key: a key pair is used once. */
static void kex_forget_key(struct tlshake_kex *kx)
{
	crypto_free_kpp(kx->kpp);
	kx->kpp = NULL;
	memzero_explicit(kx->priv, sizeof(kx->priv));
	kx->priv_len = 0;
}

/**
 * tlshake_kex_derive() - validate the peer's share, compute the secret
 * @kx: an initialized key exchange whose private key is not used yet
 * @peer: the peer's public key, TLS encoding
 * @peer_len: its length
 * @out: TLSHAKE_KEX_MAX_SECRET bytes of room for the shared secret
 * @out_len: set to the secret's length
 * @alert: set to the alert to send on failure, TLSHAKE_ALERT_NONE on
 *	success
 *
 * The private key is destroyed afterwards, whatever the outcome. On
 * failure the secret's length of @out is zeroed; on success the caller
 * wipes @out after use.
 *
 * Return: 0;
 * -EINVAL (illegal_parameter): wrong length, not an uncompressed point,
 * a coordinate not below p, not on the curve, or an all-zero X25519
 * result;
 * -EINVAL (internal_error): the private key was already used;
 * -ENOMEM or another errno of the KPP (internal_error).
 */
int tlshake_kex_derive(struct tlshake_kex *kx, const u8 *peer,
		       size_t peer_len, u8 *out, size_t *out_len, u8 *alert)
{
	const struct kex_group *g = kex_group_find(kx->group);
	int err;

	*alert = TLSHAKE_ALERT_NONE;
	*out_len = 0;
	if (!g || !(kx->kpp || kx->priv_len)) {
		*alert = TLSHAKE_ALERT_INTERNAL_ERROR;
		return -EINVAL;
	}
	if (g->kpp)
		err = derive_kpp(kx, g, peer, peer_len, out);
	else	/* validates the share (see the top) */
		err = ecdh_shared(g->curve, kx->priv, peer, peer_len, out);
	kex_forget_key(kx);
	if (err) {
		memzero_explicit(out, g->scalar_len);
		*alert = err == -EINVAL ? TLSHAKE_ALERT_ILLEGAL_PARAMETER :
					  TLSHAKE_ALERT_INTERNAL_ERROR;
		return err;
	}
	*out_len = g->scalar_len;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_kex_derive);

/**
 * tlshake_kex_free() - free a key exchange and wipe it
 * @kx: the key exchange (initialized, used or all zeroes); all zeroes
 *	afterwards
 *
 * Freeing the transform wipes the private key it holds; a NIST curve's
 * private key is wiped with the structure.
 */
void tlshake_kex_free(struct tlshake_kex *kx)
{
	crypto_free_kpp(kx->kpp);
	memzero_explicit(kx, sizeof(*kx));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_kex_free);
