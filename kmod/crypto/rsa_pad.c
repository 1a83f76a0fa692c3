// SPDX-License-Identifier: GPL-2.0
/*
 * RSA signature encodings, RFC 8017 section 9: EMSA-PKCS1-v1_5 (built
 * whole and compared, never parsed) and EMSA-PSS with MGF1 over the same
 * hash and a salt as long as the hash.
 *
 * What passes through here is public: a digest, a random salt that the
 * signature reveals, an encoded message anyone can recover with the public
 * key. So these functions may branch on their data.
 */
#include "ct.h"
#include "rsa_pad.h"

#define PKCS1_DIGEST_INFO_LEN	19

/* DER DigestInfo headers up to the digest (RFC 8017 section 9.2, note 1) */
static const u8 pkcs1_digest_info[3][PKCS1_DIGEST_INFO_LEN] = {
	[PORT_SHA256] = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
			  0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
			  0x20 },
	[PORT_SHA384] = { 0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
			  0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04,
			  0x30 },
	[PORT_SHA512] = { 0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
			  0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04,
			  0x40 },
};

static bool hash_ok(enum port_hash h)
{
	return h == PORT_SHA256 || h == PORT_SHA384 || h == PORT_SHA512;
}

/**
 * rsa_pkcs1_sig_encode() - EMSA-PKCS1-v1_5 encoding of a digest
 * @em: @k bytes of result: 00 01 FF..FF 00 DigestInfo
 * @k: the modulus length in bytes
 * @h: the hash
 * @digest: port_hash_len(@h) bytes
 *
 * Return: 0, or -EINVAL for an unknown hash or a modulus too short for it.
 */
int rsa_pkcs1_sig_encode(u8 *em, size_t k, enum port_hash h,
			 const u8 *digest)
{
	size_t hlen, tlen;

	if (!hash_ok(h))
		return -EINVAL;
	hlen = port_hash_len(h);
	tlen = PKCS1_DIGEST_INFO_LEN + hlen;
	if (k < tlen + 11)
		return -EINVAL;
	em[0] = 0x00;
	em[1] = 0x01;
	memset(em + 2, 0xff, k - tlen - 3);
	em[k - tlen - 1] = 0x00;
	memcpy(em + k - tlen, pkcs1_digest_info[h], PKCS1_DIGEST_INFO_LEN);
	memcpy(em + k - hlen, digest, hlen);
	return 0;
}

/* out ^= MGF1(seed), over @len bytes */
static int mgf1_xor(enum port_hash h, u8 *out, size_t len, const u8 *seed,
		    size_t seed_len)
{
	size_t hlen = port_hash_len(h), off, i;
	u8 buf[PORT_HASH_MAX_DIGEST], cnt[4];
	struct port_iov iov[2] = {
		{ seed, seed_len },
		{ cnt, sizeof(cnt) },
	};
	u32 c;
	int err = 0;

	for (c = 0, off = 0; off < len; c++, off += hlen) {
		cnt[0] = c >> 24;
		cnt[1] = c >> 16;
		cnt[2] = c >> 8;
		cnt[3] = c;
		err = port_hash(h, iov, 2, buf);
		if (err)
			break;
		for (i = 0; i < hlen && off + i < len; i++)
			out[off + i] ^= buf[i];
	}
	memzero_explicit(buf, sizeof(buf));
	return err;
}

/* H = Hash(00 x 8 || mHash || salt) */
static int pss_hash(enum port_hash h, const u8 *digest, const u8 *salt,
		    u8 *out)
{
	static const u8 zeros[8];
	struct port_iov iov[3] = {
		{ zeros, sizeof(zeros) },
		{ digest, port_hash_len(h) },
		{ salt, port_hash_len(h) },
	};

	return port_hash(h, iov, 3, out);
}

/*
 * The layout of an EMSA-PSS encoding for a modulus of @bits bits in @k
 * bytes: emBits = bits - 1 and emLen = ceil(emBits / 8), so when bits is
 * 1 mod 8 the encoding is one byte shorter than the modulus and the
 * leading byte of the k-byte block is zero.
 */
struct pss_layout {
	size_t lead;	/* bytes before EM in the k-byte block: 0 or 1 */
	size_t em_len;
	size_t db_len;	/* maskedDB = EM[0 .. db_len), then H, then 0xbc */
	u8 top_mask;	/* bits of EM[0] that may be set */
};

static int pss_layout(struct pss_layout *l, size_t k, size_t bits,
		      enum port_hash h)
{
	size_t em_bits = bits - 1, hlen;

	if (!hash_ok(h) || !bits || k != (bits + 7) / 8)
		return -EINVAL;
	hlen = port_hash_len(h);
	l->em_len = (em_bits + 7) / 8;
	l->lead = k - l->em_len;
	if (l->em_len < 2 * hlen + 2)
		return -EINVAL;
	l->db_len = l->em_len - hlen - 1;
	l->top_mask = 0xff >> (8 * l->em_len - em_bits);
	return 0;
}

/**
 * rsa_pss_encode() - EMSA-PSS encoding of a digest with a random salt
 * @em: @k bytes of result (a leading zero byte if @bits is 1 mod 8)
 * @k: the modulus length in bytes
 * @bits: the modulus length in bits
 * @h: the hash, also MGF1's; the salt is as long as its digest
 * @digest: port_hash_len(@h) bytes
 *
 * Return: 0, -EINVAL for an unknown hash or a modulus too short for it, or
 * an error of port_hash().
 */
int rsa_pss_encode(u8 *em, size_t k, size_t bits, enum port_hash h,
		   const u8 *digest)
{
	struct pss_layout l;
	size_t hlen = port_hash_len(h);
	u8 *db, *salt, *hash;
	int err;

	err = pss_layout(&l, k, bits, h);
	if (err)
		return err;
	memset(em, 0, k);
	db = em + l.lead;
	hash = db + l.db_len;
	salt = hash - hlen;
	port_random(salt, hlen);
	db[l.db_len - hlen - 1] = 0x01;
	err = pss_hash(h, digest, salt, hash);
	if (!err)
		err = mgf1_xor(h, db, l.db_len, hash, hlen);
	db[0] &= l.top_mask;
	hash[hlen] = 0xbc;
	return err;
}

/**
 * rsa_pss_verify_em() - check an EMSA-PSS encoding against a digest
 * @em: the @k-byte block s^e mod n, unmasked in place
 * @k: the modulus length in bytes
 * @bits: the modulus length in bits
 * @h: the hash, also MGF1's; the salt must be as long as its digest
 * @digest: port_hash_len(@h) bytes
 *
 * Return: 0 if @em encodes @digest, -EKEYREJECTED if not, -EINVAL for an
 * unknown hash or a modulus too short for it, or an error of port_hash().
 */
int rsa_pss_verify_em(u8 *em, size_t k, size_t bits, enum port_hash h,
		      const u8 *digest)
{
	u8 expect[PORT_HASH_MAX_DIGEST];
	size_t hlen = port_hash_len(h), ps_len, i;
	struct pss_layout l;
	u8 *db, *hash;
	int err;

	err = pss_layout(&l, k, bits, h);
	if (err)
		return err;
	db = em + l.lead;
	hash = db + l.db_len;
	if ((l.lead && em[0]) || hash[hlen] != 0xbc || (db[0] & ~l.top_mask))
		return -EKEYREJECTED;
	err = mgf1_xor(h, db, l.db_len, hash, hlen);
	if (err)
		return err;
	db[0] &= l.top_mask;
	ps_len = l.db_len - hlen - 1;
	for (i = 0; i < ps_len; i++)
		if (db[i])
			return -EKEYREJECTED;
	if (db[ps_len] != 0x01)
		return -EKEYREJECTED;
	err = pss_hash(h, digest, db + ps_len + 1, expect);
	if (err)
		return err;
	if (ct_memneq_mask(expect, hash, hlen))
		return -EKEYREJECTED;
	return 0;
}
