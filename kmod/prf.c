// SPDX-License-Identifier: GPL-2.0
/*
 * TLS 1.2 key derivation (RFC 5246 5, 6.3, 7.4.9, 8.1; RFC 7627).
 *
 * PRF(secret, label, seed) = P_<hash>(secret, label || seed), with
 *   P_hash(secret, seed) = HMAC(secret, A(1) || seed) ||
 *                          HMAC(secret, A(2) || seed) || ...
 *   A(0) = seed, A(i) = HMAC(secret, A(i-1)).
 * The hash is SHA-256, or SHA-384 for the _SHA384 suites (RFC 5288 3,
 * RFC 5289 3.2).
 */
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "prf.h"
#include "record.h"

/* HMAC(key, a || label || seed) with @desc keyed; each part may be empty */
static int prf_hmac(struct shash_desc *desc, const u8 *a, size_t a_len,
		    const char *label, const u8 *seed, size_t seed_len,
		    u8 *out)
{
	size_t label_len = label ? strlen(label) : 0;
	int err;

	err = crypto_shash_init(desc);
	if (!err && a_len)
		err = crypto_shash_update(desc, a, a_len);
	if (!err && label_len)
		err = crypto_shash_update(desc, label, label_len);
	if (!err && seed_len)
		err = crypto_shash_update(desc, seed, seed_len);
	if (!err)
		err = crypto_shash_final(desc, out);
	return err;
}

/**
 * tlshake_prf() - the TLS 1.2 PRF, P_<hash> of @hmac
 * @hmac: HMAC transform of the PRF hash (keyed by this call)
 * @secret: the secret
 * @secret_len: its length
 * @label: the ASCII label, NUL-terminated (not included)
 * @seed: the seed
 * @seed_len: its length
 * @out: @out_len bytes of output
 * @out_len: how many
 *
 * Return: 0, or the errno of the shash (then @out is zeroed).
 */
int tlshake_prf(struct crypto_shash *hmac, const u8 *secret, size_t secret_len,
		const char *label, const u8 *seed, size_t seed_len, u8 *out,
		size_t out_len)
{
	unsigned int hlen = crypto_shash_digestsize(hmac);
	u8 a[TLSHAKE_MAX_HASH_LEN], blk[TLSHAKE_MAX_HASH_LEN];
	SHASH_DESC_ON_STACK(desc, hmac);
	size_t done, n;
	int err;

	if (hlen > sizeof(a))
		return -EINVAL;
	desc->tfm = hmac;
	err = crypto_shash_setkey(hmac, secret, secret_len);
	if (!err)	/* A(1) */
		err = prf_hmac(desc, NULL, 0, label, seed, seed_len, a);
	for (done = 0; !err && done < out_len; done += n) {
		err = prf_hmac(desc, a, hlen, label, seed, seed_len, blk);
		n = min_t(size_t, hlen, out_len - done);
		memcpy(out + done, blk, n);
		if (!err && done + n < out_len)	/* A(i + 1) */
			err = prf_hmac(desc, a, hlen, NULL, NULL, 0, a);
	}
	if (err)
		memzero_explicit(out, out_len);
	shash_desc_zero(desc);
	memzero_explicit(a, sizeof(a));
	memzero_explicit(blk, sizeof(blk));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf);

/**
 * tlshake_prf_init() - prepare TLS 1.2 key derivation for a suite
 * @p: the state (any contents)
 * @suite: a TLS 1.2 cipher suite
 *
 * Return: 0; -EINVAL if @suite is not a TLS 1.2 suite; or the errno of
 * crypto_alloc_shash(). On error @p is all zeroes.
 */
int tlshake_prf_init(struct tlshake_prf *p, const struct tlshake_suite *suite)
{
	struct crypto_shash *hmac;

	memset(p, 0, sizeof(*p));
	if (!suite || suite->version != TLSHAKE_VERSION_TLS12)
		return -EINVAL;
	hmac = crypto_alloc_shash(suite->hmac, 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	if (crypto_shash_digestsize(hmac) != suite->hash_len) {
		crypto_free_shash(hmac);
		return -EINVAL;
	}
	p->hmac = hmac;
	p->suite = suite;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_init);

/**
 * tlshake_prf_free() - free the state and wipe the master secret
 * @p: the state; all zeroes afterwards
 */
void tlshake_prf_free(struct tlshake_prf *p)
{
	crypto_free_shash(p->hmac);
	memzero_explicit(p, sizeof(*p));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_free);

static int prf_set_master(struct tlshake_prf *p, const u8 *pms,
			  size_t pms_len, const char *label, const u8 *seed,
			  size_t seed_len)
{
	int err;

	if (!p->suite || !pms_len)
		return -EINVAL;
	err = tlshake_prf(p->hmac, pms, pms_len, label, seed, seed_len,
			  p->master, sizeof(p->master));
	p->have_master = !err;
	return err;
}

/**
 * tlshake_prf_master() - master secret (RFC 5246 8.1)
 * @p: the state
 * @pms: the pre-master secret (the ECDHE shared secret, or the 48 bytes of
 *	RSA key transport)
 * @pms_len: its length
 * @client_random: ClientHello.random, TLSHAKE_RANDOM_LEN bytes
 * @server_random: ServerHello.random, TLSHAKE_RANDOM_LEN bytes
 *
 * The caller wipes @pms. Prefer tlshake_prf_extended_master() whenever
 * both sides negotiated extended_master_secret.
 *
 * Return: 0; -EINVAL if @p is not initialized or @pms is empty; or the
 * errno of the HMAC.
 */
int tlshake_prf_master(struct tlshake_prf *p, const u8 *pms, size_t pms_len,
		       const u8 *client_random, const u8 *server_random)
{
	u8 seed[2 * TLSHAKE_RANDOM_LEN];

	memcpy(seed, client_random, TLSHAKE_RANDOM_LEN);
	memcpy(seed + TLSHAKE_RANDOM_LEN, server_random, TLSHAKE_RANDOM_LEN);
	return prf_set_master(p, pms, pms_len, "master secret", seed,
			      sizeof(seed));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_master);

/**
 * tlshake_prf_extended_master() - extended master secret (RFC 7627 4)
 * @p: the state
 * @pms: the pre-master secret
 * @pms_len: its length
 * @session_hash: hash (the PRF hash) of the handshake messages up to and
 *	including ClientKeyExchange, &tlshake_suite.hash_len bytes
 *
 * Return: 0; -EINVAL if @p is not initialized or @pms is empty; or the
 * errno of the HMAC.
 */
int tlshake_prf_extended_master(struct tlshake_prf *p, const u8 *pms,
				size_t pms_len, const u8 *session_hash)
{
	if (!p->suite)
		return -EINVAL;
	return prf_set_master(p, pms, pms_len, "extended master secret",
			      session_hash, p->suite->hash_len);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_extended_master);

/**
 * tlshake_prf_set_master() - take the master secret of a resumed session
 * @p: the state, initialized for the session's suite
 * @master: the master secret
 * @len: its length, %TLSHAKE_MASTER_SECRET_LEN
 *
 * Return: 0; -EINVAL if @p is not initialized or @len is wrong.
 */
int tlshake_prf_set_master(struct tlshake_prf *p, const u8 *master,
			   size_t len)
{
	if (!p->suite || len != sizeof(p->master))
		return -EINVAL;
	memcpy(p->master, master, len);
	p->have_master = true;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_set_master);

/**
 * tlshake_prf_key_block() - the AEAD keys and IVs (RFC 5246 6.3)
 * @p: the state, master secret set
 * @client_random: ClientHello.random
 * @server_random: ServerHello.random
 * @kb: the keys and IVs; the caller wipes it
 *
 * key_block = PRF(master, "key expansion", server_random + client_random),
 * split into client_write_key, server_write_key, client_write_IV,
 * server_write_IV (AEAD suites have no MAC keys).
 *
 * Return: 0; -EINVAL if the master secret is not set; or the errno of the
 * HMAC.
 */
int tlshake_prf_key_block(struct tlshake_prf *p, const u8 *client_random,
			  const u8 *server_random,
			  struct tlshake_key_block *kb)
{
	u8 block[2 * (TLSHAKE_MAX_KEY_LEN + TLSHAKE_AEAD_NONCE_LEN)];
	u8 seed[2 * TLSHAKE_RANDOM_LEN];
	size_t klen, ivlen;
	int err;

	if (!p->have_master)
		return -EINVAL;
	klen = p->suite->key_len;
	ivlen = p->suite->fixed_iv_len;
	memcpy(seed, server_random, TLSHAKE_RANDOM_LEN);
	memcpy(seed + TLSHAKE_RANDOM_LEN, client_random, TLSHAKE_RANDOM_LEN);
	err = tlshake_prf(p->hmac, p->master, sizeof(p->master),
			  "key expansion", seed, sizeof(seed), block,
			  2 * (klen + ivlen));
	memset(kb, 0, sizeof(*kb));
	if (!err) {
		memcpy(kb->client_key, block, klen);
		memcpy(kb->server_key, block + klen, klen);
		memcpy(kb->client_iv, block + 2 * klen, ivlen);
		memcpy(kb->server_iv, block + 2 * klen + ivlen, ivlen);
	}
	memzero_explicit(block, sizeof(block));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_key_block);

/**
 * tlshake_prf_install() - key a record direction from the key block
 * @p: the state, master secret set
 * @client_random: ClientHello.random
 * @server_random: ServerHello.random
 * @client_write: take the client_write key and IV (a client's TX, a
 *	server's RX), else the server_write ones
 * @dir: the direction, not keyed yet
 *
 * The key block never leaves this function.
 *
 * Return: 0, or an errno of tlshake_prf_key_block() or tlshake_rec_init().
 */
int tlshake_prf_install(struct tlshake_prf *p, const u8 *client_random,
			const u8 *server_random, bool client_write,
			struct tlshake_rec_dir *dir)
{
	struct tlshake_key_block kb;
	int err;

	err = tlshake_prf_key_block(p, client_random, server_random, &kb);
	if (!err)
		err = tlshake_rec_init(dir, p->suite, false,
				       client_write ? kb.client_key :
						      kb.server_key,
				       client_write ? kb.client_iv :
						      kb.server_iv);
	memzero_explicit(&kb, sizeof(kb));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_install);

/**
 * tlshake_prf_finished() - Finished verify_data (RFC 5246 7.4.9)
 * @p: the state, master secret set
 * @client: the client's Finished ("client finished"), else the server's
 * @handshake_hash: Hash(handshake_messages) with the PRF hash
 * @verify_data: TLSHAKE_VERIFY_DATA_LEN bytes of output
 *
 * Return: 0; -EINVAL if the master secret is not set; or the errno of the
 * HMAC.
 */
int tlshake_prf_finished(struct tlshake_prf *p, bool client,
			 const u8 *handshake_hash, u8 *verify_data)
{
	if (!p->have_master)
		return -EINVAL;
	return tlshake_prf(p->hmac, p->master, sizeof(p->master),
			   client ? "client finished" : "server finished",
			   handshake_hash, p->suite->hash_len, verify_data,
			   TLSHAKE_VERIFY_DATA_LEN);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_finished);

/**
 * tlshake_prf_check_finished() - check the peer's Finished
 * @p: the state, master secret set
 * @client: the peer is the client
 * @handshake_hash: Hash(handshake_messages) before the peer's Finished
 * @verify_data: what the peer sent
 * @len: its length
 *
 * Compares in constant time.
 *
 * Return: 0 if it matches; -EBADMSG if not or if @len is wrong (the
 * handshake answers decrypt_error); or an errno of tlshake_prf_finished().
 */
int tlshake_prf_check_finished(struct tlshake_prf *p, bool client,
			       const u8 *handshake_hash, const u8 *verify_data,
			       size_t len)
{
	u8 expect[TLSHAKE_VERIFY_DATA_LEN];
	int err;

	err = tlshake_prf_finished(p, client, handshake_hash, expect);
	if (!err && (len != sizeof(expect) ||
		     crypto_memneq(expect, verify_data, sizeof(expect))))
		err = -EBADMSG;
	memzero_explicit(expect, sizeof(expect));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_prf_check_finished);
