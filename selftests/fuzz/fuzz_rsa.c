// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer over RSA with hostile inputs: PKCS#1 v1.5 and PSS verification
 * (signature and digest from the input, against a fixed test key, and with
 * an input-chosen modulus and exponent) and the TLS premaster decryption
 * of an input ciphertext, which must always give 48 bytes and never crash.
 *
 * Input: selector byte, then the data.
 */
#include <stdlib.h>

#include "port.h"
#include "rsa.h"
#include "../../kmod/tests/vectors/rsa_keys.h"

static struct rsa_priv *key;

static struct rsa_priv *test_key(void)
{
	if (!key)
		key = rsa_priv_new(rsa2048_n, sizeof(rsa2048_n), rsa2048_e,
				   sizeof(rsa2048_e), rsa2048_d,
				   sizeof(rsa2048_d), rsa2048_p,
				   sizeof(rsa2048_p), rsa2048_q,
				   sizeof(rsa2048_q), rsa2048_dp,
				   sizeof(rsa2048_dp), rsa2048_dq,
				   sizeof(rsa2048_dq), rsa2048_qinv,
				   sizeof(rsa2048_qinv));
	if (!key)
		abort();
	return key;
}

static int verify(int pss, const u8 *n, size_t n_len, const u8 *e,
		  size_t e_len, enum port_hash h, const u8 *digest,
		  const u8 *sig, size_t sig_len)
{
	int err = pss ? rsa_verify_pss(n, n_len, e, e_len, h, digest, sig,
				       sig_len) :
			rsa_verify_pkcs1(n, n_len, e, e_len, h, digest, sig,
					 sig_len);

	if (err && err != -EKEYREJECTED && err != -EBADMSG && err != -EINVAL)
		abort();
	return err;
}

/* selector: bit 0 PSS, bits 1-2 hash, bit 3 key from the input */
static void fuzz_verify(u8 sel, const u8 *data, size_t size)
{
	enum port_hash h = (sel >> 1) % 3;
	u8 digest[PORT_HASH_MAX_DIGEST] = { 0 };
	size_t hlen = port_hash_len(h), n_len, e_len;

	if (size < hlen)
		return;
	memcpy(digest, data, hlen);
	data += hlen;
	size -= hlen;
	if (!(sel & 8)) {
		/* a forgery against a real key must never verify */
		if (!verify(sel & 1, rsa2048_n, sizeof(rsa2048_n), rsa2048_e,
			    sizeof(rsa2048_e), h, digest, data, size) &&
		    size == sizeof(rsa2048_n))
			abort();
		return;
	}
	/* n_len (2 bytes), e_len (1 byte), n, e, sig */
	if (size < 3)
		return;
	n_len = ((size_t)data[0] << 8 | data[1]) % 1100;
	e_len = data[2];
	data += 3;
	size -= 3;
	if (n_len + e_len > size)
		return;
	verify(sel & 1, data, n_len, data + n_len, e_len, h, digest,
	       data + n_len + e_len, size - n_len - e_len);
}

static void fuzz_premaster(const u8 *data, size_t size)
{
	u8 pms[RSA_TLS_PREMASTER_LEN], ver[2] = { 3, 3 };

	if (size >= 2) {
		ver[0] = data[0];
		ver[1] = data[1];
		data += 2;
		size -= 2;
	}
	rsa_decrypt_tls_premaster(test_key(), data, size, ver, pms);
	/* a random ciphertext with valid padding is not reachable by chance */
	if (!memcmp(pms, rsa2048_pms, sizeof(pms)) &&
	    memcmp(data, rsa2048_pms_ct, size < 256 ? size : 256))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 0x80)
		fuzz_premaster(data + 1, size - 1);
	else
		fuzz_verify(data[0], data + 1, size - 1);
	return 0;
}
