// SPDX-License-Identifier: GPL-2.0
/*
 * Signatures: TLS SignatureScheme values, verification, and the private
 * keys of credentials.
 *
 * RSASSA-PKCS1-v1_5 signatures are verified by the kernel's own verifier
 * ("pkcs1pad(rsa,shaN)" through the crypto_sig API, as
 * crypto/asymmetric_keys/public_key.c does), RSA keys of sizes the kernel
 * does not take by kmod/crypto/rsa.c. The kernel has neither RSA-PSS nor
 * Ed25519, nor any constant-time signing, and its ECDSA verifier rejects
 * some valid signatures: those are tlshake's own code in kmod/crypto/
 * (rsa.c, ecdsa.c, ed25519.c).
 */
#include <linux/types.h>
#include <crypto/hash.h>
#include <crypto/sig.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "cert.h"
#include "crypto/ecdsa.h"
#include "crypto/ed25519.h"
#include "crypto/rsa.h"
#include "sig.h"

/* Largest RSA key of a credential, and the smallest (RFC 8446 does not
 * bound them; these are the sizes tlshake promises to handle).
 */
#define SIG_RSA_PRIV_MIN_BITS	2048
#define SIG_RSA_PRIV_MAX_BITS	4096

/**
 * struct tlshake_privkey - a credential's private key
 * @type: &enum tlshake_key_type
 * @rsa: RSA: the constant-time code's key (CRT components, Montgomery
 *	constants)
 * @d: EC: the private scalar; Ed25519: the seed
 * @d_len: its length
 * @pub: EC: the public point 0x04 || X || Y; Ed25519: the public key; both
 *	derived from @d in constant time when the key is loaded
 * @pub_len: its length
 *
 * Wiped when freed.
 */
struct tlshake_privkey {
	u8 type;
	struct rsa_priv *rsa;
	u8 d[48];
	u32 d_len;
	u8 pub[97];
	u32 pub_len;
};

static const struct {
	u16 scheme;
	struct tlshake_sigalg alg;
} sig_schemes[] = {
	{ TLSHAKE_SIG_RSA_PKCS1_SHA256,
	  { TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA256, TLSHAKE_PAD_PKCS1 } },
	{ TLSHAKE_SIG_RSA_PKCS1_SHA384,
	  { TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA384, TLSHAKE_PAD_PKCS1 } },
	{ TLSHAKE_SIG_RSA_PKCS1_SHA512,
	  { TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA512, TLSHAKE_PAD_PKCS1 } },
	{ TLSHAKE_SIG_ECDSA_SECP256R1_SHA256,
	  { TLSHAKE_KEY_EC_P256, TLSHAKE_HASH_SHA256, TLSHAKE_PAD_ECDSA } },
	{ TLSHAKE_SIG_ECDSA_SECP384R1_SHA384,
	  { TLSHAKE_KEY_EC_P384, TLSHAKE_HASH_SHA384, TLSHAKE_PAD_ECDSA } },
	{ TLSHAKE_SIG_RSA_PSS_RSAE_SHA256,
	  { TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA256, TLSHAKE_PAD_PSS } },
	{ TLSHAKE_SIG_RSA_PSS_RSAE_SHA384,
	  { TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA384, TLSHAKE_PAD_PSS } },
	{ TLSHAKE_SIG_RSA_PSS_RSAE_SHA512,
	  { TLSHAKE_KEY_RSA, TLSHAKE_HASH_SHA512, TLSHAKE_PAD_PSS } },
	{ TLSHAKE_SIG_ED25519,
	  { TLSHAKE_KEY_ED25519, TLSHAKE_HASH_NONE, TLSHAKE_PAD_EDDSA } },
};

/**
 * tlshake_sigalg_from_scheme() - describe a TLS SignatureScheme
 * @scheme: the code point (RFC 8446 4.2.3)
 * @alg: filled in
 *
 * Return: 0, or -EINVAL if tlshake does not know @scheme.
 */
int tlshake_sigalg_from_scheme(u16 scheme, struct tlshake_sigalg *alg)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sig_schemes); i++) {
		if (sig_schemes[i].scheme == scheme) {
			*alg = sig_schemes[i].alg;
			return 0;
		}
	}
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sigalg_from_scheme);

static unsigned int hash_len(u8 hash)
{
	switch (hash) {
	case TLSHAKE_HASH_SHA256:
		return 32;
	case TLSHAKE_HASH_SHA384:
		return 48;
	case TLSHAKE_HASH_SHA512:
		return 64;
	default:
		return 0;
	}
}

static bool is_ec(u8 type)
{
	return type == TLSHAKE_KEY_EC_P256 || type == TLSHAKE_KEY_EC_P384;
}

/**
 * tlshake_scheme_usable() - can @pub sign with @scheme?
 * @scheme: a SignatureScheme code point
 * @pub: the public key (of a certificate)
 * @tls13: for TLS 1.3 (which binds ECDSA schemes to a curve and allows
 *	RSASSA-PKCS1-v1_5 only in certificates, RFC 8446 4.2.3) or TLS 1.2
 *
 * This is about compatibility of key and scheme (including an RSA modulus
 * long enough for PSS with the scheme's hash); whether tlshake has an
 * implementation is tlshake_verify()'s and tlshake_sign()'s answer.
 *
 * Return: true if the scheme fits the key.
 */
bool tlshake_scheme_usable(u16 scheme, const struct tlshake_pubkey *pub,
			   bool tls13)
{
	struct tlshake_sigalg alg;

	if (tlshake_sigalg_from_scheme(scheme, &alg))
		return false;
	switch (alg.pad) {
	case TLSHAKE_PAD_PKCS1:
		return !tls13 && pub->type == TLSHAKE_KEY_RSA;
	case TLSHAKE_PAD_PSS:
		/* emLen >= hLen + sLen + 2, with sLen = hLen (RFC 8017 9.1.1) */
		return pub->type == TLSHAKE_KEY_RSA &&
		       DIV_ROUND_UP(pub->bits - 1, 8) >= 2 * hash_len(alg.hash) + 2;
	case TLSHAKE_PAD_ECDSA:
		return tls13 ? pub->type == alg.key : is_ec(pub->type);
	case TLSHAKE_PAD_EDDSA:
		return pub->type == TLSHAKE_KEY_ED25519;
	default:
		return false;
	}
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_scheme_usable);

static enum port_hash port_alg(u8 hash)
{
	return hash == TLSHAKE_HASH_SHA256 ? PORT_SHA256 :
	       hash == TLSHAKE_HASH_SHA384 ? PORT_SHA384 : PORT_SHA512;
}

/* Hash with the module's shared transforms (kmod/crypto/port_kernel.c). */
static int sig_digest(u8 hash, const u8 *msg, size_t len, u8 *out)
{
	struct port_iov iov = { .base = msg, .len = len };

	return port_hash(port_alg(hash), &iov, 1, out);
}

/* The kernel's verifier @name over a digest; 0 or -EKEYREJECTED. */
static int sig_verify_kernel(const char *name, const u8 *key, u32 key_len,
			     const u8 *digest, unsigned int dlen,
			     const u8 *sig, size_t sig_len)
{
	struct crypto_sig *tfm;
	int err;

	tfm = crypto_alloc_sig(name, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm) == -ENOMEM ? -ENOMEM : -ENOPKG;
	err = crypto_sig_set_pubkey(tfm, key, key_len);
	if (!err)
		err = crypto_sig_verify(tfm, sig, sig_len, digest, dlen);
	crypto_free_sig(tfm);
	if (err && err != -ENOMEM)
		err = -EKEYREJECTED;
	return err;
}

static int sig_verify_pkcs1(const struct tlshake_pubkey *pub, u8 hash,
			    const u8 *digest, const u8 *sig, size_t sig_len)
{
	static const char * const names[] = {
		[TLSHAKE_HASH_SHA256] = "pkcs1pad(rsa,sha256)",
		[TLSHAKE_HASH_SHA384] = "pkcs1pad(rsa,sha384)",
		[TLSHAKE_HASH_SHA512] = "pkcs1pad(rsa,sha512)",
	};

	const u8 *n, *e;
	u32 n_len, e_len;
	int err;

	/* the sizes crypto/rsa.c accepts; others go to our own code */
	if (pub->bits == 1024 || pub->bits == 1536 || pub->bits == 2048 ||
	    pub->bits == 3072 || pub->bits == 4096)
		return sig_verify_kernel(names[hash], pub->key, pub->key_len,
					 digest, hash_len(hash), sig, sig_len);
	err = tlshake_rsa_pub_parts(pub, &n, &n_len, &e, &e_len);
	if (!err)
		err = rsa_verify_pkcs1(n, n_len, e, e_len, port_alg(hash),
				       digest, sig, sig_len);
	return err == -ENOMEM ? err : err ? -EKEYREJECTED : 0;
}

/*
 * ECDSA with kmod/crypto/ecdsa.c, which takes DER only (RFC 8446 asks for
 * it; BER would make signatures malleable). Not the kernel's verifier: in
 * 6.12 it rejects some valid signatures (Wycheproof's
 * EdgeCaseShamirMultiplication and ArithmeticError cases).
 */
static int sig_verify_ecdsa(const struct tlshake_pubkey *pub, u8 hash,
			    const u8 *digest, const u8 *sig, size_t sig_len)
{
	enum ec_curve_id c = pub->type == TLSHAKE_KEY_EC_P256 ? EC_P256 :
								EC_P384;
	int err;

	err = ecdsa_verify(c, pub->key, pub->key_len, digest, hash_len(hash),
			   sig, sig_len);
	return err == -ENOMEM ? err : err ? -EKEYREJECTED : 0;
}

/*
 * RSASSA-PSS (RFC 8017 8.1.2) with MGF1 and a salt as long as the hash: the
 * kernel has no PSS; kmod/crypto/rsa.c does it.
 */
static int sig_verify_pss(const struct tlshake_pubkey *pub, u8 hash,
			  const u8 *digest, const u8 *sig, size_t sig_len)
{
	const u8 *n, *e;
	u32 n_len, e_len;
	int err;

	err = tlshake_rsa_pub_parts(pub, &n, &n_len, &e, &e_len);
	if (!err)
		err = rsa_verify_pss(n, n_len, e, e_len, port_alg(hash), digest,
				     sig, sig_len);
	return err == -ENOMEM ? err : err ? -EKEYREJECTED : 0;
}

/* Ed25519 (RFC 8032 5.1.7): kmod/crypto/ed25519.c. */
static int sig_verify_ed25519(const struct tlshake_pubkey *pub,
			      const u8 *msg, size_t msg_len,
			      const u8 *sig, size_t sig_len)
{
	int err;

	if (pub->key_len != 32 || sig_len != 64)
		return -EKEYREJECTED;
	err = ed25519_verify(pub->key, msg, msg_len, sig);
	return err == -ENOMEM ? err : err ? -EKEYREJECTED : 0;
}

static bool key_fits(const struct tlshake_pubkey *pub,
		     const struct tlshake_sigalg *alg)
{
	switch (alg->pad) {
	case TLSHAKE_PAD_PKCS1:
	case TLSHAKE_PAD_PSS:
		return pub->type == TLSHAKE_KEY_RSA && hash_len(alg->hash);
	case TLSHAKE_PAD_ECDSA:
		/* X.509 allows any hash with any curve */
		return is_ec(pub->type) && hash_len(alg->hash);
	case TLSHAKE_PAD_EDDSA:
		return pub->type == TLSHAKE_KEY_ED25519 &&
		       alg->hash == TLSHAKE_HASH_NONE;
	default:
		return false;
	}
}

/**
 * tlshake_verify() - verify a signature
 * @pub: the signer's public key
 * @alg: the signature algorithm; for ECDSA, @alg->key only says "EC": the
 *	curve is @pub's
 * @msg: the signed message (hashed here with @alg->hash)
 * @msg_len: its length
 * @sig: the signature (ECDSA: DER Ecdsa-Sig-Value)
 * @sig_len: its length
 *
 * SHA-1 (and anything that is not SHA-256/384/512, or Ed25519) is refused.
 *
 * Context: process context; may sleep.
 * Return: 0 if the signature is valid; -EKEYREJECTED if it is not (or the
 * key is unusable, e.g. an EC point off the curve); -EINVAL if @alg does
 * not fit @pub or uses a refused hash; -ENOPKG if tlshake cannot verify
 * this algorithm or key size yet; -ENOMEM.
 */
int tlshake_verify(const struct tlshake_pubkey *pub,
		   const struct tlshake_sigalg *alg, const u8 *msg,
		   size_t msg_len, const u8 *sig, size_t sig_len)
{
	u8 digest[SHA512_DIGEST_SIZE];
	int err;

	if (!key_fits(pub, alg))
		return -EINVAL;
	if (alg->pad == TLSHAKE_PAD_EDDSA)
		return sig_verify_ed25519(pub, msg, msg_len, sig, sig_len);
	err = sig_digest(alg->hash, msg, msg_len, digest);
	if (err)
		return err == -ENOMEM ? err : -ENOPKG;
	switch (alg->pad) {
	case TLSHAKE_PAD_PKCS1:
		return sig_verify_pkcs1(pub, alg->hash, digest, sig, sig_len);
	case TLSHAKE_PAD_PSS:
		return sig_verify_pss(pub, alg->hash, digest, sig, sig_len);
	default:
		return sig_verify_ecdsa(pub, alg->hash, digest, sig, sig_len);
	}
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_verify);

/* Big-endian integer without its leading zero octets. */
static const u8 *be_strip(const u8 *p, u32 *len)
{
	while (*len && !*p) {
		p++;
		(*len)--;
	}
	return p;
}

/* The RSA components, in the order sig.h lists them. */
static const struct {
	size_t p, len;
} rsa_fields[] = {
#define RSA_FIELD(x) { offsetof(struct tlshake_key_parts, x),		\
		       offsetof(struct tlshake_key_parts, x##_len) }
	RSA_FIELD(n), RSA_FIELD(e), RSA_FIELD(d), RSA_FIELD(p), RSA_FIELD(q),
	RSA_FIELD(dp), RSA_FIELD(dq), RSA_FIELD(qinv),
#undef RSA_FIELD
};

static const u8 **rsa_part(struct tlshake_key_parts *kp, int i, u32 **len)
{
	*len = (u32 *)((u8 *)kp + rsa_fields[i].len);
	return (const u8 **)((u8 *)kp + rsa_fields[i].p);
}

static int rsa_parts_check(const struct tlshake_key_parts *kp)
{
	struct tlshake_key_parts c = *kp;
	const u8 **p;
	u32 bits, *len;
	int i;

	for (i = 0; i < ARRAY_SIZE(rsa_fields); i++) {
		p = rsa_part(&c, i, &len);
		*p = be_strip(*p, len);
		if (!*len)
			return -EINVAL;
	}
	bits = (c.n_len - 1) * 8 + fls(c.n[0]);
	if (bits < SIG_RSA_PRIV_MIN_BITS || bits > SIG_RSA_PRIV_MAX_BITS)
		return -EOPNOTSUPP;
	/* nothing is longer than the modulus */
	for (i = 1; i < ARRAY_SIZE(rsa_fields); i++) {
		rsa_part(&c, i, &len);
		if (*len > c.n_len)
			return -EINVAL;
	}
	return c.e[c.e_len - 1] & 1 ? 0 : -EINVAL;
}

static u32 key_scalar_len(u8 type)
{
	switch (type) {
	case TLSHAKE_KEY_EC_P256:
	case TLSHAKE_KEY_ED25519:
		return 32;
	case TLSHAKE_KEY_EC_P384:
		return 48;
	default:
		return 0;
	}
}

/* Group orders of P-256 and P-384 (SEC 2, FIPS 186-4 D.1.2), big-endian. */
static const u8 p256_order[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

static const u8 p384_order[48] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2,
	0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
};

/*
 * Is the secret scalar @d in [1, order - 1]? In constant time: the
 * subtraction runs over every byte, and only the verdict is public.
 */
static bool ec_scalar_in_range(const u8 *d, const u8 *order, size_t len)
{
	u32 borrow = 0, acc = 0;
	size_t i = len;

	while (i--) {
		borrow = ((u32)d[i] - order[i] - borrow) >> 31;
		acc |= d[i];
	}
	return borrow & ((acc + 0xff) >> 8);
}

static int key_parts_check(const struct tlshake_key_parts *kp)
{
	u32 len = key_scalar_len(kp->type);

	if (kp->type == TLSHAKE_KEY_RSA)
		return rsa_parts_check(kp);
	if (!len)
		return -EOPNOTSUPP;
	if (kp->ec_d_len != len)
		return -EINVAL;
	if (kp->type == TLSHAKE_KEY_ED25519)
		return 0;	/* any 32 bytes are a seed */
	return ec_scalar_in_range(kp->ec_d, kp->type == TLSHAKE_KEY_EC_P256 ?
				  p256_order : p384_order, len) ? 0 : -EINVAL;
}

static enum ec_curve_id ec_curve(u8 type)
{
	return type == TLSHAKE_KEY_EC_P256 ? EC_P256 : EC_P384;
}

static int privkey_rsa(struct tlshake_privkey *key,
		       const struct tlshake_key_parts *kp)
{
	key->rsa = rsa_priv_new(kp->n, kp->n_len, kp->e, kp->e_len, kp->d,
				kp->d_len, kp->p, kp->p_len, kp->q, kp->q_len,
				kp->dp, kp->dp_len, kp->dq, kp->dq_len,
				kp->qinv, kp->qinv_len);
	return key->rsa ? 0 : -EINVAL;
}

/* Keep the scalar or seed, and derive the public key in constant time. */
static int privkey_ec(struct tlshake_privkey *key,
		      const struct tlshake_key_parts *kp)
{
	memcpy(key->d, kp->ec_d, kp->ec_d_len);
	key->d_len = kp->ec_d_len;
	if (kp->type == TLSHAKE_KEY_ED25519) {
		key->pub_len = 32;
		return ed25519_public_from_seed(key->d, key->pub);
	}
	key->pub_len = ec_point_len(ec_curve(kp->type));
	return ec_public_from_private(ec_curve(kp->type), key->d, key->pub);
}

/**
 * tlshake_privkey_new() - make a private key object from its components
 * @kp: the components (copied; the caller wipes its own copy)
 *
 * RSA: a 2048 to 4096-bit modulus; the constant-time code checks that the
 * components belong together (n = p * q, a test signature verified with e).
 * EC: a 32 (P-256) or 48 (P-384) byte scalar in [1, n - 1], checked in
 * constant time. Ed25519: a 32-byte seed. The EC and Ed25519 public keys
 * are derived here, in constant time, for tlshake_privkey_check_pub() and
 * signing.
 *
 * Context: process context; allocates with GFP_KERNEL.
 * Return: the key, to be freed with tlshake_privkey_free(); or
 * ERR_PTR(-EINVAL) for a malformed or inconsistent key,
 * ERR_PTR(-EOPNOTSUPP) for an unsupported key type or size,
 * ERR_PTR(-ENOMEM).
 */
struct tlshake_privkey *tlshake_privkey_new(const struct tlshake_key_parts *kp)
{
	struct tlshake_privkey *key;
	int err;

	err = key_parts_check(kp);
	if (err)
		return ERR_PTR(err);
	key = kzalloc(sizeof(*key), GFP_KERNEL_ACCOUNT);
	if (!key)
		return ERR_PTR(-ENOMEM);
	key->type = kp->type;
	if (kp->type == TLSHAKE_KEY_RSA)
		err = privkey_rsa(key, kp);
	else
		err = privkey_ec(key, kp);
	if (err) {
		tlshake_privkey_free(key);
		return ERR_PTR(err == -ENOMEM ? err : -EINVAL);
	}
	return key;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_privkey_new);

/**
 * tlshake_privkey_free() - wipe and free a private key
 * @key: the key, or NULL
 */
void tlshake_privkey_free(struct tlshake_privkey *key)
{
	if (!key)
		return;
	if (key->rsa)
		rsa_priv_free(key->rsa);
	kfree_sensitive(key);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_privkey_free);

/**
 * tlshake_privkey_check_pub() - does a private key belong to a public key?
 * @key: the private key
 * @pub: the public key (a credential's leaf certificate's)
 *
 * RSA: the modulus and public exponent must be the key's. EC and Ed25519:
 * the public key derived from the private one must be @pub.
 *
 * Return: 0 if they match, -EKEYREJECTED if not, -EBADMSG if @pub is
 * malformed.
 */
int tlshake_privkey_check_pub(const struct tlshake_privkey *key,
			      const struct tlshake_pubkey *pub)
{
	const u8 *n, *e;
	u32 n_len, e_len;
	int err;

	if (key->type != pub->type)
		return -EKEYREJECTED;
	if (key->type != TLSHAKE_KEY_RSA)
		return pub->key_len == key->pub_len &&
		       !memcmp(pub->key, key->pub, key->pub_len) ? 0 :
		       -EKEYREJECTED;
	err = tlshake_rsa_pub_parts(pub, &n, &n_len, &e, &e_len);
	if (err)
		return err;
	return rsa_pub_check(key->rsa, n, n_len, e, e_len) ? -EKEYREJECTED : 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_privkey_check_pub);

/**
 * tlshake_sig_max_len() - longest signature a key makes
 * @key: the private key
 *
 * Return: the RSA modulus length, 72 (P-256) or 104 (P-384) for DER ECDSA
 * signatures, 64 for Ed25519.
 */
size_t tlshake_sig_max_len(const struct tlshake_privkey *key)
{
	switch (key->type) {
	case TLSHAKE_KEY_RSA:
		return rsa_priv_len(key->rsa);
	case TLSHAKE_KEY_EC_P256:
	case TLSHAKE_KEY_EC_P384:
		return ecdsa_sig_max_len(ec_curve(key->type));
	default:
		return 64;
	}
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sig_max_len);

static bool alg_fits_key(const struct tlshake_privkey *key,
			 const struct tlshake_sigalg *alg)
{
	switch (alg->pad) {
	case TLSHAKE_PAD_PKCS1:
	case TLSHAKE_PAD_PSS:
		return key->type == TLSHAKE_KEY_RSA && hash_len(alg->hash);
	case TLSHAKE_PAD_ECDSA:
		return is_ec(key->type) && hash_len(alg->hash);
	case TLSHAKE_PAD_EDDSA:
		return key->type == TLSHAKE_KEY_ED25519;
	default:
		return false;
	}
}

/**
 * tlshake_sign() - sign a message
 * @key: the private key
 * @alg: the algorithm
 * @msg: the message (hashed here, except for Ed25519)
 * @msg_len: its length
 * @sig: out: the signature (ECDSA: DER)
 * @sig_len: in: the room in @sig, at least tlshake_sig_max_len(); out: the
 *	signature's length
 *
 * All private-key arithmetic is kmod/crypto/'s constant-time code: RSA
 * with CRT, blinding and a check of the result; ECDSA with hedged RFC 6979
 * nonces; Ed25519.
 *
 * Context: process context; may sleep.
 * Return: 0; -EINVAL if @alg does not fit @key; -EOVERFLOW if @sig is too
 * small; -ENOMEM; -EIO if an RSA signature failed its check.
 */
int tlshake_sign(const struct tlshake_privkey *key,
		 const struct tlshake_sigalg *alg, const u8 *msg,
		 size_t msg_len, u8 *sig, size_t *sig_len)
{
	u8 digest[SHA512_DIGEST_SIZE];
	int err;

	if (!alg_fits_key(key, alg))
		return -EINVAL;
	if (*sig_len < tlshake_sig_max_len(key))
		return -EOVERFLOW;
	if (alg->pad == TLSHAKE_PAD_EDDSA) {
		*sig_len = 64;
		return ed25519_sign(key->d, key->pub, msg, msg_len, sig);
	}
	err = sig_digest(alg->hash, msg, msg_len, digest);
	if (err)
		return err;
	switch (alg->pad) {
	case TLSHAKE_PAD_PKCS1:
		*sig_len = rsa_priv_len(key->rsa);
		return rsa_sign_pkcs1(key->rsa, port_alg(alg->hash), digest,
				      sig);
	case TLSHAKE_PAD_PSS:
		*sig_len = rsa_priv_len(key->rsa);
		return rsa_sign_pss(key->rsa, port_alg(alg->hash), digest, sig);
	default:
		return ecdsa_sign(ec_curve(key->type), key->d, digest,
				  hash_len(alg->hash), sig, sig_len);
	}
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sign);

/**
 * tlshake_rsa_encrypt_premaster() - encrypt a TLS 1.2 premaster secret to
 *	the server's key (RSAES-PKCS1-v1_5, RFC 5246 7.4.7.1)
 * @pub: the server's RSA public key (its certificate's)
 * @pms: the premaster secret, RSA_TLS_PREMASTER_LEN bytes
 * @out: the ciphertext
 * @out_len: in: the room at @out; out: the ciphertext's length (the
 *	modulus length)
 *
 * Context: process context; may sleep.
 * Return: 0; -EINVAL if @pub is not a usable RSA key; -EOVERFLOW if @out
 * is too small; -ENOMEM.
 */
int tlshake_rsa_encrypt_premaster(const struct tlshake_pubkey *pub,
				  const u8 *pms, u8 *out, size_t *out_len)
{
	const u8 *n, *e;
	u32 n_len, e_len;
	int err;

	if (pub->type != TLSHAKE_KEY_RSA)
		return -EINVAL;
	err = tlshake_rsa_pub_parts(pub, &n, &n_len, &e, &e_len);
	if (err)
		return -EINVAL;
	if (*out_len < n_len)
		return -EOVERFLOW;
	err = rsa_encrypt_pkcs1(n, n_len, e, e_len, pms, RSA_TLS_PREMASTER_LEN,
				out);
	if (err)
		return err == -ENOMEM ? err : -EINVAL;
	*out_len = n_len;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rsa_encrypt_premaster);

/**
 * tlshake_rsa_decrypt_premaster() - the premaster secret of a TLS 1.2 RSA
 *	key transport, with the countermeasure against Bleichenbacher's
 *	attack (RFC 5246 7.4.7.1)
 * @key: the server's private key
 * @ct: EncryptedPreMasterSecret
 * @ct_len: its length
 * @client_version: ClientHello.client_version, as on the wire
 * @pms: out: RSA_TLS_PREMASTER_LEN bytes of premaster secret
 *
 * Whatever is wrong with @ct (its length, its padding, the length or the
 * version of what it holds), @pms is then random bytes, chosen without a
 * branch, a memory access or a return value that depends on which check
 * failed (kmod/crypto/rsa.c): the handshake goes on and fails at the
 * client's Finished, like any other wrong premaster secret.
 *
 * Context: process context; may sleep.
 * Return: 0, also for a bad @ct; -EINVAL only if @key is not an RSA key.
 */
int tlshake_rsa_decrypt_premaster(const struct tlshake_privkey *key,
				  const u8 *ct, size_t ct_len,
				  const u8 client_version[2], u8 *pms)
{
	if (key->type != TLSHAKE_KEY_RSA)
		return -EINVAL;
	rsa_decrypt_tls_premaster(key->rsa, ct, ct_len, client_version, pms);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_rsa_decrypt_premaster);
