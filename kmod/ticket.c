// SPDX-License-Identifier: GPL-2.0
/*
 * Session tickets: ticket keys, their rotation, and sealing and opening
 * session state (see ticket.h).
 */
#include <crypto/aead.h>
#include <linux/err.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "msg/wire.h"
#include "resume.h"
#include "ticket.h"

#define TICKET_KEY_LEN		32	/* AES-256 */
#define TICKET_AAD_LEN		(TLSHAKE_TICKET_NAME_LEN + \
				 TLSHAKE_TICKET_NONCE_LEN)
#define TICKET_FORMAT		2
/* the state: fixed fields, two short strings, the peer's chain */
#define TICKET_STATE_MAX	(128 + TLSHAKE_SERVER_NAME_MAX + \
				 TLSHAKE_NAME_MAX + TLSHAKE_SESSION_MAX_CERTS)
static_assert(TICKET_STATE_MAX + TLSHAKE_TICKET_OVERHEAD <= 0xffff);

/**
 * struct tlshake_ticket_key - one ticket key
 * @name: key_name, random, public
 * @aead: AES-256-GCM keyed with the secret key
 * @created: when it started sealing (seconds)
 */
struct tlshake_ticket_key {
	u8 name[TLSHAKE_TICKET_NAME_LEN];
	struct crypto_aead *aead;
	time64_t created;
};

static void key_free(struct tlshake_ticket_key *key)
{
	if (!key)
		return;
	/* the transform's context, the AES key schedule, is wiped on free */
	crypto_free_aead(key->aead);
	kfree_sensitive(key);
}

static struct tlshake_ticket_key *key_new(time64_t now)
{
	struct tlshake_ticket_key *key;
	u8 secret[TICKET_KEY_LEN];
	int err;

	key = kzalloc(sizeof(*key), GFP_KERNEL);
	if (!key)
		return ERR_PTR(-ENOMEM);
	key->aead = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(key->aead)) {
		err = PTR_ERR(key->aead);
		kfree(key);
		return ERR_PTR(err);
	}
	get_random_bytes(secret, sizeof(secret));
	err = crypto_aead_setkey(key->aead, secret, sizeof(secret));
	memzero_explicit(secret, sizeof(secret));
	if (!err)
		err = crypto_aead_setauthsize(key->aead, TLSHAKE_TICKET_TAG_LEN);
	if (err) {
		key_free(key);
		return ERR_PTR(err);
	}
	get_random_bytes(key->name, sizeof(key->name));
	key->created = now;
	return key;
}

/**
 * tlshake_ticket_keys_init() - an empty key set (keys are made on demand)
 * @k: the key set
 * @rotate: seconds each key seals tickets (and then opens them as long)
 */
void tlshake_ticket_keys_init(struct tlshake_ticket_keys *k, u32 rotate)
{
	mutex_init(&k->lock);
	k->cur = NULL;
	k->prev = NULL;
	k->rotate = rotate;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ticket_keys_init);

/**
 * tlshake_ticket_keys_free() - wipe and free the keys
 * @k: the key set
 */
void tlshake_ticket_keys_free(struct tlshake_ticket_keys *k)
{
	key_free(k->cur);
	key_free(k->prev);
	k->cur = NULL;
	k->prev = NULL;
	mutex_destroy(&k->lock);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ticket_keys_free);

static bool older_than(const struct tlshake_ticket_key *key, time64_t now,
		       u32 secs)
{
	return now < key->created || now - key->created >= secs;
}

/*
 * Retire the current key after one period (it still opens tickets for
 * one more), drop the previous one after two; with @need_cur, make a new
 * current key if there is none. Under @k->lock.
 */
static int rotate_locked(struct tlshake_ticket_keys *k, time64_t now,
			 bool need_cur)
{
	struct tlshake_ticket_key *key;

	if (k->cur && older_than(k->cur, now, k->rotate)) {
		key_free(k->prev);
		k->prev = k->cur;
		k->cur = NULL;
	}
	if (k->prev && older_than(k->prev, now, 2 * k->rotate)) {
		key_free(k->prev);
		k->prev = NULL;
	}
	if (k->cur || !need_cur)
		return 0;
	key = key_new(now);
	if (IS_ERR(key))
		return PTR_ERR(key);
	k->cur = key;
	return 0;
}

/* AES-256-GCM in place over @buf: AAD, then @len bytes (and the tag). */
static int ticket_crypt(struct crypto_aead *aead, bool enc, u8 *buf,
			size_t len)
{
	size_t total = TICKET_AAD_LEN + len + (enc ? TLSHAKE_TICKET_TAG_LEN : 0);
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *iv;
	int err;

	/* the nonce is also additional data: the AEAD gets its own copy */
	iv = kmemdup(buf + TLSHAKE_TICKET_NAME_LEN, TLSHAKE_TICKET_NONCE_LEN,
		     GFP_KERNEL);
	req = aead_request_alloc(aead, GFP_KERNEL);
	if (!iv || !req) {
		kfree(iv);
		aead_request_free(req);
		return -ENOMEM;
	}
	sg_init_one(&sg, buf, total);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, TICKET_AAD_LEN);
	aead_request_set_crypt(req, &sg, &sg, len, iv);
	err = crypto_wait_req(enc ? crypto_aead_encrypt(req) :
			      crypto_aead_decrypt(req), &wait);
	aead_request_free(req);
	kfree(iv);
	return err;
}

static void put_str(struct tls_wr *w, const char *s)
{
	size_t mark = wr_vec_begin(w, 1);

	wr_bytes(w, s, strlen(s));
	wr_vec_end(w, mark, 1);
}

/* The session state a ticket carries. */
static void state_encode(struct tls_wr *w, const struct tlshake_session *s)
{
	size_t mark;

	wr_u8(w, TICKET_FORMAT);
	wr_u16(w, s->version);
	wr_u16(w, s->suite);
	wr_u32(w, upper_32_bits(s->created));
	wr_u32(w, lower_32_bits(s->created));
	wr_u32(w, s->lifetime);
	wr_u32(w, upper_32_bits(s->issued_ms));
	wr_u32(w, lower_32_bits(s->issued_ms));
	wr_u32(w, s->age_add);
	wr_bytes(w, s->master, sizeof(s->master));
	wr_bytes(w, s->cred_fp, sizeof(s->cred_fp));
	wr_u16(w, s->peer_sig_scheme);
	put_str(w, s->server_name);
	put_str(w, s->trust_store);
	mark = wr_vec_begin(w, 3);
	wr_bytes(w, s->peer_certs, s->peer_certs_len);
	wr_vec_end(w, mark, 3);
}

static size_t state_size(const struct tlshake_session *s)
{
	return 128 + strlen(s->server_name) + strlen(s->trust_store) +
	       s->peer_certs_len;
}

/**
 * tlshake_ticket_seal() - seal a session into a ticket
 * @k: the key set
 * @s: the session (a server's, master secret set)
 * @now: the current time (seconds), for key rotation
 * @ticket: out: the ticket, kmalloc()ed; the caller kfree()s it
 * @len: out: its length
 *
 * Return: 0; -E2BIG if the session is too large for a ticket; -ENOMEM or
 * another error of the crypto API.
 */
int tlshake_ticket_seal(struct tlshake_ticket_keys *k,
			const struct tlshake_session *s, time64_t now,
			u8 **ticket, size_t *len)
{
	size_t cap = state_size(s), plen;
	struct tls_wr w;
	u8 *buf;
	int err;

	if (cap > TICKET_STATE_MAX)
		return -E2BIG;
	buf = kmalloc(cap + TLSHAKE_TICKET_OVERHEAD, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	wr_init(&w, buf + TICKET_AAD_LEN, cap);
	state_encode(&w, s);
	plen = w.len;
	err = w.err ? -E2BIG : 0;
	if (!err) {
		mutex_lock(&k->lock);
		err = rotate_locked(k, now, true);
		if (!err) {
			memcpy(buf, k->cur->name, TLSHAKE_TICKET_NAME_LEN);
			get_random_bytes(buf + TLSHAKE_TICKET_NAME_LEN,
					 TLSHAKE_TICKET_NONCE_LEN);
			err = ticket_crypt(k->cur->aead, true, buf, plen);
		}
		mutex_unlock(&k->lock);
	}
	if (err) {
		kfree_sensitive(buf);
		return err;
	}
	*ticket = buf;
	*len = plen + TLSHAKE_TICKET_OVERHEAD;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ticket_seal);

/* A string of the state: shorter than @size, printable, no NUL. */
static bool get_str(struct tls_rd *r, char *dst, size_t size)
{
	struct tls_rd v = rd_vec(r, 1, 0, size - 1);
	size_t i;

	if (v.err)
		return false;
	for (i = 0; i < v.left; i++)
		if (v.p[i] < 0x20 || v.p[i] > 0x7e)
			return false;
	memcpy(dst, v.p, v.left);
	dst[v.left] = 0;
	return true;
}

static int state_decode(struct tls_rd *r, struct tlshake_session *s)
{
	struct tls_rd certs;
	u64 created, issued;

	if (rd_u8(r) != TICKET_FORMAT)
		return -EBADMSG;
	s->version = rd_u16(r);
	s->suite = rd_u16(r);
	created = (u64)rd_u32(r) << 32;
	s->created = created | rd_u32(r);
	s->lifetime = rd_u32(r);
	issued = (u64)rd_u32(r) << 32;
	s->issued_ms = issued | rd_u32(r);
	s->age_add = rd_u32(r);
	rd_copy(r, s->master, sizeof(s->master));
	rd_copy(r, s->cred_fp, sizeof(s->cred_fp));
	s->peer_sig_scheme = rd_u16(r);
	if (!get_str(r, s->server_name, sizeof(s->server_name)) ||
	    !get_str(r, s->trust_store, sizeof(s->trust_store)))
		return -EBADMSG;
	certs = rd_vec(r, 3, 0, TLSHAKE_SESSION_MAX_CERTS);
	if (!rd_done(r) || (s->version != TLSHAKE_VERSION_1_2 &&
			    s->version != TLSHAKE_VERSION_1_3))
		return -EBADMSG;
	if (certs.left) {
		s->peer_certs = kmemdup(certs.p, certs.left, GFP_KERNEL);
		if (!s->peer_certs)
			return -ENOMEM;
		s->peer_certs_len = certs.left;
	}
	return 0;
}

/* Find the key that sealed @ticket and open it in place. Under the lock. */
static int open_locked(struct tlshake_ticket_keys *k, u8 *buf, size_t len,
		       time64_t now)
{
	struct tlshake_ticket_key *key = NULL;
	int err;

	err = rotate_locked(k, now, false);
	if (err)
		return err;
	if (k->cur && !memcmp(buf, k->cur->name, TLSHAKE_TICKET_NAME_LEN))
		key = k->cur;
	else if (k->prev &&
		 !memcmp(buf, k->prev->name, TLSHAKE_TICKET_NAME_LEN))
		key = k->prev;
	if (!key)
		return -ENOKEY;
	err = ticket_crypt(key->aead, false, buf, len - TICKET_AAD_LEN);
	return err == -EBADMSG || err == -EINVAL ? -EBADMSG : err;
}

/**
 * tlshake_ticket_open() - open a ticket a client offered
 * @k: the key set
 * @ticket: the ticket
 * @len: its length
 * @now: the current time (seconds)
 *
 * Return: the session it holds (no session ID, one reference for the
 * caller); ERR_PTR(-EINVAL) for a ticket too short or too long to be one
 * of ours, -ENOKEY if its key is unknown or retired, -EBADMSG if it fails
 * authentication or its contents are malformed, -EKEYEXPIRED if the
 * session's lifetime is over, -ENOMEM.
 */
struct tlshake_session *tlshake_ticket_open(struct tlshake_ticket_keys *k,
					    const u8 *ticket, size_t len,
					    time64_t now)
{
	struct tlshake_session *s;
	struct tls_rd r;
	u8 *buf;
	int err;

	if (len <= TLSHAKE_TICKET_OVERHEAD ||
	    len > TICKET_STATE_MAX + TLSHAKE_TICKET_OVERHEAD)
		return ERR_PTR(-EINVAL);
	buf = kmemdup(ticket, len, GFP_KERNEL);	/* linear, for the AEAD */
	if (!buf)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&k->lock);
	err = open_locked(k, buf, len, now);
	mutex_unlock(&k->lock);
	s = err ? NULL : tlshake_session_new();
	if (!err && !s)
		err = -ENOMEM;
	if (!err) {
		rd_init(&r, buf + TICKET_AAD_LEN, len - TLSHAKE_TICKET_OVERHEAD);
		err = state_decode(&r, s);
	}
	kfree_sensitive(buf);
	if (!err && !tlshake_session_usable(s, now))
		err = -EKEYEXPIRED;
	if (err) {
		if (s)
			tlshake_session_put(s);
		return ERR_PTR(err);
	}
	return s;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_ticket_open);
