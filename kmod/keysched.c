// SPDX-License-Identifier: GPL-2.0
/*
 * The TLS 1.3 key schedule (RFC 8446 7.1-7.5) on top of hkdf.c.
 *
 * Secrets live only in struct tlshake_ks and in stack buffers that are
 * wiped before each function returns; every stage wipes the secret of the
 * stage before it.
 */
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "hkdf.h"
#include "keysched.h"
#include "record.h"

#define KS_BIT(which)	BIT(which)

/**
 * tlshake_ks_init() - prepare a key schedule for a TLS 1.3 suite
 * @ks: the schedule (any contents)
 * @suite: a TLS 1.3 cipher suite
 *
 * Return: 0; -EINVAL if @suite is not a TLS 1.3 suite; or the errno of
 * crypto_alloc_shash() (-ENOMEM, -ENOENT). On error @ks is all zeroes.
 */
int tlshake_ks_init(struct tlshake_ks *ks, const struct tlshake_suite *suite)
{
	static const u8 empty[1];
	int err;

	memset(ks, 0, sizeof(*ks));
	if (!suite || suite->version != TLSHAKE_VERSION_TLS13)
		return -EINVAL;
	ks->hmac = crypto_alloc_shash(suite->hmac, 0, 0);
	if (IS_ERR(ks->hmac)) {
		err = PTR_ERR(ks->hmac);
		ks->hmac = NULL;
		goto err_free;
	}
	ks->hash = crypto_alloc_shash(suite->hash, 0, 0);
	if (IS_ERR(ks->hash)) {
		err = PTR_ERR(ks->hash);
		ks->hash = NULL;
		goto err_free;
	}
	err = -EINVAL;
	if (crypto_shash_digestsize(ks->hash) != suite->hash_len ||
	    crypto_shash_digestsize(ks->hmac) != suite->hash_len)
		goto err_free;
	err = crypto_shash_tfm_digest(ks->hash, empty, 0, ks->empty_hash);
	if (err)
		goto err_free;
	ks->suite = suite;
	ks->hash_len = suite->hash_len;
	return 0;

err_free:
	tlshake_ks_free(ks);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_init);

/**
 * tlshake_ks_free() - free a key schedule and wipe every secret in it
 * @ks: the schedule; all zeroes afterwards
 */
void tlshake_ks_free(struct tlshake_ks *ks)
{
	crypto_free_shash(ks->hash);
	crypto_free_shash(ks->hmac);
	memzero_explicit(ks, sizeof(*ks));
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_free);

static bool ks_have(const struct tlshake_ks *ks, enum tlshake_ks_secret which)
{
	return which < TLSHAKE_KS_NSECRETS && (ks->have & KS_BIT(which));
}

/* Derive-Secret(stage secret, label, th) into secret @which */
static int ks_derive(struct tlshake_ks *ks, enum tlshake_ks_secret which,
		     const char *label, const u8 *th)
{
	int err;

	err = tlshake_hkdf_derive_secret(ks->hmac, ks->secret, label, th,
					 ks->secrets[which]);
	if (!err)
		ks->have |= KS_BIT(which);
	return err;
}

/*
 * Move to the next stage: secret = HKDF-Extract(Derive-Secret(secret,
 * "derived", ""), ikm), with HashLen zeroes if @ikm is NULL.
 */
static int ks_next_stage(struct tlshake_ks *ks, const u8 *ikm, size_t ikm_len)
{
	u8 zeros[TLSHAKE_MAX_HASH_LEN] = {};
	u8 salt[TLSHAKE_MAX_HASH_LEN];
	int err;

	if (!ikm) {
		ikm = zeros;
		ikm_len = ks->hash_len;
	}
	err = tlshake_hkdf_derive_secret(ks->hmac, ks->secret, "derived",
					 ks->empty_hash, salt);
	if (!err)
		err = tlshake_hkdf_extract(ks->hmac, salt, ks->hash_len, ikm,
					   ikm_len, ks->secret);
	memzero_explicit(salt, sizeof(salt));
	if (err)
		memzero_explicit(ks->secret, sizeof(ks->secret));
	else
		ks->stage++;
	return err;
}

/**
 * tlshake_ks_early() - derive the Early Secret
 * @ks: the schedule, at stage NONE
 * @psk: the pre-shared key, or NULL for a full handshake (HashLen zeroes)
 * @psk_len: its length
 * @external: @psk is an external PSK ("ext binder"), not a resumption PSK
 *	("res binder"); ignored without @psk
 *
 * With a PSK, also derives the binder key (%TLSHAKE_KS_BINDER).
 *
 * Return: 0; -EINVAL if the stage is wrong or @psk is empty; or the errno
 * of the HMAC. On error the schedule must be freed.
 */
int tlshake_ks_early(struct tlshake_ks *ks, const u8 *psk, size_t psk_len,
		     bool external)
{
	u8 zeros[TLSHAKE_MAX_HASH_LEN] = {};
	int err;

	if (!ks->suite || ks->stage != TLSHAKE_KS_STAGE_NONE ||
	    (psk && !psk_len))
		return -EINVAL;
	err = tlshake_hkdf_extract(ks->hmac, NULL, 0, psk ? psk : zeros,
				   psk ? psk_len : ks->hash_len, ks->secret);
	if (err)
		return err;
	ks->stage = TLSHAKE_KS_STAGE_EARLY;
	if (!psk)
		return 0;
	return ks_derive(ks, TLSHAKE_KS_BINDER,
			 external ? "ext binder" : "res binder",
			 ks->empty_hash);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_early);

/**
 * tlshake_ks_early_traffic() - derive the 0-RTT secrets
 * @ks: the schedule, at stage EARLY
 * @th_ch: Transcript-Hash(ClientHello)
 *
 * Derives client_early_traffic_secret and early_exporter_master_secret.
 *
 * Return: 0; -EINVAL if the stage is wrong; or the errno of the HMAC.
 */
int tlshake_ks_early_traffic(struct tlshake_ks *ks, const u8 *th_ch)
{
	int err;

	if (ks->stage != TLSHAKE_KS_STAGE_EARLY)
		return -EINVAL;
	err = ks_derive(ks, TLSHAKE_KS_C_E_TRAFFIC, "c e traffic", th_ch);
	if (!err)
		err = ks_derive(ks, TLSHAKE_KS_E_EXP_MASTER, "e exp master",
				th_ch);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_early_traffic);

/**
 * tlshake_ks_handshake() - derive the Handshake Secret and traffic secrets
 * @ks: the schedule, at stage EARLY
 * @dhe: the (EC)DHE shared secret, or NULL for psk_ke (HashLen zeroes)
 * @dhe_len: its length
 * @th_sh: Transcript-Hash(ClientHello...ServerHello)
 *
 * Wipes the Early Secret; derives client_ and
 * server_handshake_traffic_secret.
 *
 * Return: 0; -EINVAL if the stage is wrong; or the errno of the HMAC.
 */
int tlshake_ks_handshake(struct tlshake_ks *ks, const u8 *dhe, size_t dhe_len,
			 const u8 *th_sh)
{
	int err;

	if (ks->stage != TLSHAKE_KS_STAGE_EARLY || (dhe && !dhe_len))
		return -EINVAL;
	err = ks_next_stage(ks, dhe, dhe_len);
	if (!err)
		err = ks_derive(ks, TLSHAKE_KS_C_HS_TRAFFIC, "c hs traffic",
				th_sh);
	if (!err)
		err = ks_derive(ks, TLSHAKE_KS_S_HS_TRAFFIC, "s hs traffic",
				th_sh);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_handshake);

/**
 * tlshake_ks_master() - derive the Master Secret and application secrets
 * @ks: the schedule, at stage HANDSHAKE
 * @th_sfin: Transcript-Hash(ClientHello...server Finished)
 *
 * Wipes the Handshake Secret; derives client_ and
 * server_application_traffic_secret_0 and exporter_master_secret.
 *
 * Return: 0; -EINVAL if the stage is wrong; or the errno of the HMAC.
 */
int tlshake_ks_master(struct tlshake_ks *ks, const u8 *th_sfin)
{
	int err;

	if (ks->stage != TLSHAKE_KS_STAGE_HANDSHAKE)
		return -EINVAL;
	err = ks_next_stage(ks, NULL, 0);
	if (!err)
		err = ks_derive(ks, TLSHAKE_KS_C_AP_TRAFFIC, "c ap traffic",
				th_sfin);
	if (!err)
		err = ks_derive(ks, TLSHAKE_KS_S_AP_TRAFFIC, "s ap traffic",
				th_sfin);
	if (!err)
		err = ks_derive(ks, TLSHAKE_KS_EXP_MASTER, "exp master",
				th_sfin);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_master);

/**
 * tlshake_ks_resumption() - derive resumption_master_secret
 * @ks: the schedule, at stage MASTER
 * @th_cfin: Transcript-Hash(ClientHello...client Finished)
 *
 * Wipes the Master Secret: the schedule is complete.
 *
 * Return: 0; -EINVAL if the stage is wrong; or the errno of the HMAC.
 */
int tlshake_ks_resumption(struct tlshake_ks *ks, const u8 *th_cfin)
{
	int err;

	if (ks->stage != TLSHAKE_KS_STAGE_MASTER)
		return -EINVAL;
	err = ks_derive(ks, TLSHAKE_KS_RES_MASTER, "res master", th_cfin);
	memzero_explicit(ks->secret, sizeof(ks->secret));
	ks->stage = TLSHAKE_KS_STAGE_DONE;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_resumption);

/**
 * tlshake_ks_secret() - read a derived secret
 * @ks: the schedule
 * @which: the secret
 *
 * For tests and key logging; the handshake uses the functions below.
 *
 * Return: HashLen bytes, or NULL if @which is not derived (or forgotten).
 */
const u8 *tlshake_ks_secret(const struct tlshake_ks *ks,
			    enum tlshake_ks_secret which)
{
	return ks_have(ks, which) ? ks->secrets[which] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_secret);

/**
 * tlshake_ks_forget() - wipe a secret that is no longer needed
 * @ks: the schedule
 * @which: the secret (handshake secrets once the handshake is over, the
 *	binder key once the binder is checked)
 */
void tlshake_ks_forget(struct tlshake_ks *ks, enum tlshake_ks_secret which)
{
	if (which >= TLSHAKE_KS_NSECRETS)
		return;
	memzero_explicit(ks->secrets[which], sizeof(ks->secrets[which]));
	ks->have &= ~KS_BIT(which);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_forget);

/**
 * tlshake_ks_traffic_keys() - [sender]_write_key and _iv (RFC 8446 7.3)
 * @ks: the schedule
 * @which: a traffic secret
 * @key: &tlshake_suite.key_len bytes of key
 * @iv: TLSHAKE_AEAD_NONCE_LEN bytes of IV
 *
 * Return: 0; -EINVAL if @which is not derived; or the errno of the HMAC.
 * The caller wipes @key and @iv.
 */
int tlshake_ks_traffic_keys(struct tlshake_ks *ks,
			    enum tlshake_ks_secret which, u8 *key, u8 *iv)
{
	int err;

	if (!ks_have(ks, which))
		return -EINVAL;
	err = tlshake_hkdf_expand_label(ks->hmac, ks->secrets[which], "key",
					NULL, 0, key, ks->suite->key_len);
	if (!err)
		err = tlshake_hkdf_expand_label(ks->hmac, ks->secrets[which],
						"iv", NULL, 0, iv,
						TLSHAKE_AEAD_NONCE_LEN);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_traffic_keys);

/**
 * tlshake_ks_install() - key a record direction from a traffic secret
 * @ks: the schedule
 * @which: a traffic secret
 * @dir: the direction: all zeroes (never keyed), or keyed before with
 *	this suite (it is rekeyed and its sequence number reset)
 *
 * The key and IV never leave this function.
 *
 * Return: 0; -EINVAL if @dir is keyed for another suite; or an errno of
 * tlshake_ks_traffic_keys(), tlshake_rec_init() or tlshake_rec_rekey().
 */
int tlshake_ks_install(struct tlshake_ks *ks, enum tlshake_ks_secret which,
		       struct tlshake_rec_dir *dir)
{
	u8 key[TLSHAKE_MAX_KEY_LEN], iv[TLSHAKE_AEAD_NONCE_LEN];
	int err;

	if (dir->aead && dir->suite != ks->suite)
		return -EINVAL;
	err = tlshake_ks_traffic_keys(ks, which, key, iv);
	if (!err && dir->aead)
		err = tlshake_rec_rekey(dir, key, iv);
	else if (!err)
		err = tlshake_rec_init(dir, ks->suite, true, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_install);

/**
 * tlshake_ks_update() - next-generation application traffic secret
 * @ks: the schedule
 * @which: %TLSHAKE_KS_C_AP_TRAFFIC or %TLSHAKE_KS_S_AP_TRAFFIC
 *
 * application_traffic_secret_N+1 = HKDF-Expand-Label(
 * application_traffic_secret_N, "traffic upd", "", Hash.length), replacing
 * generation N (RFC 8446 7.2). Install it with tlshake_ks_install().
 *
 * Return: 0; -EINVAL if @which is not an application secret or not
 * derived; or the errno of the HMAC.
 */
int tlshake_ks_update(struct tlshake_ks *ks, enum tlshake_ks_secret which)
{
	u8 next[TLSHAKE_MAX_HASH_LEN];
	int err;

	if ((which != TLSHAKE_KS_C_AP_TRAFFIC &&
	     which != TLSHAKE_KS_S_AP_TRAFFIC) || !ks_have(ks, which))
		return -EINVAL;
	err = tlshake_hkdf_expand_label(ks->hmac, ks->secrets[which],
					"traffic upd", NULL, 0, next,
					ks->hash_len);
	if (!err)
		memcpy(ks->secrets[which], next, ks->hash_len);
	memzero_explicit(next, sizeof(next));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_update);

/**
 * tlshake_ks_finished() - Finished verify_data or PSK binder (RFC 8446 4.4.4)
 * @ks: the schedule
 * @base: the base key: a handshake traffic secret for Finished, the binder
 *	key for a binder, client_application_traffic_secret_N for
 *	post-handshake authentication
 * @th: the transcript hash the MAC covers
 * @verify_data: HashLen bytes of output
 *
 * verify_data = HMAC(HKDF-Expand-Label(base, "finished", "", HashLen), th).
 *
 * Return: 0; -EINVAL if @base is not derived; or the errno of the HMAC.
 */
int tlshake_ks_finished(struct tlshake_ks *ks, enum tlshake_ks_secret base,
			const u8 *th, u8 *verify_data)
{
	u8 fkey[TLSHAKE_MAX_HASH_LEN];
	int err;

	if (!ks_have(ks, base))
		return -EINVAL;
	err = tlshake_hkdf_expand_label(ks->hmac, ks->secrets[base], "finished",
					NULL, 0, fkey, ks->hash_len);
	if (!err)
		err = tlshake_hmac(ks->hmac, fkey, ks->hash_len, th,
				   ks->hash_len, verify_data);
	memzero_explicit(fkey, sizeof(fkey));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_finished);

/**
 * tlshake_ks_check_finished() - check a received Finished or binder
 * @ks: the schedule
 * @base: the base key, as for tlshake_ks_finished()
 * @th: the transcript hash the MAC covers
 * @verify_data: what the peer sent
 * @len: its length
 *
 * Compares in constant time.
 *
 * Return: 0 if it matches; -EBADMSG if not or if @len is not HashLen (the
 * handshake answers decrypt_error); or an errno of tlshake_ks_finished().
 */
int tlshake_ks_check_finished(struct tlshake_ks *ks,
			      enum tlshake_ks_secret base, const u8 *th,
			      const u8 *verify_data, size_t len)
{
	u8 expect[TLSHAKE_MAX_HASH_LEN];
	int err;

	err = tlshake_ks_finished(ks, base, th, expect);
	if (!err && (len != ks->hash_len ||
		     crypto_memneq(expect, verify_data, ks->hash_len)))
		err = -EBADMSG;
	memzero_explicit(expect, sizeof(expect));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_check_finished);

/**
 * tlshake_ks_resumption_psk() - PSK of a NewSessionTicket (RFC 8446 4.6.1)
 * @ks: the schedule, resumption master secret derived
 * @nonce: the ticket_nonce
 * @nonce_len: its length, at most 255
 * @psk: HashLen bytes of PSK
 *
 * Return: 0; -EINVAL if the resumption secret is not derived or @nonce_len
 * is out of range; or the errno of the HMAC.
 */
int tlshake_ks_resumption_psk(struct tlshake_ks *ks, const u8 *nonce,
			      size_t nonce_len, u8 *psk)
{
	if (!ks_have(ks, TLSHAKE_KS_RES_MASTER))
		return -EINVAL;
	return tlshake_hkdf_expand_label(ks->hmac,
					 ks->secrets[TLSHAKE_KS_RES_MASTER],
					 "resumption", nonce, nonce_len, psk,
					 ks->hash_len);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_resumption_psk);

/**
 * tlshake_ks_export() - TLS-Exporter (RFC 8446 7.5)
 * @ks: the schedule
 * @which: %TLSHAKE_KS_EXP_MASTER, or %TLSHAKE_KS_E_EXP_MASTER for the
 *	early exporter
 * @label: the exporter label (NUL-terminated, without "tls13 ")
 * @context: the context value; no context is the same as an empty one
 * @ctx_len: its length
 * @out: @out_len bytes of keying material
 * @out_len: at most 255 * HashLen
 *
 * HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter",
 * Hash(context_value), key_length).
 *
 * Return: 0; -EINVAL if @which is not an exporter secret or not derived,
 * or a length is out of range; or the errno of the hash.
 */
int tlshake_ks_export(struct tlshake_ks *ks, enum tlshake_ks_secret which,
		      const char *label, const u8 *context, size_t ctx_len,
		      u8 *out, size_t out_len)
{
	u8 secret[TLSHAKE_MAX_HASH_LEN], ctx_hash[TLSHAKE_MAX_HASH_LEN];
	int err;

	if ((which != TLSHAKE_KS_EXP_MASTER &&
	     which != TLSHAKE_KS_E_EXP_MASTER) || !ks_have(ks, which))
		return -EINVAL;
	err = 0;
	memcpy(ctx_hash, ks->empty_hash, ks->hash_len);
	if (ctx_len)
		err = crypto_shash_tfm_digest(ks->hash, context, ctx_len,
					      ctx_hash);
	if (!err)
		err = tlshake_hkdf_derive_secret(ks->hmac, ks->secrets[which],
						 label, ks->empty_hash, secret);
	if (!err)
		err = tlshake_hkdf_expand_label(ks->hmac, secret, "exporter",
						ctx_hash, ks->hash_len, out,
						out_len);
	memzero_explicit(secret, sizeof(secret));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ks_export);
