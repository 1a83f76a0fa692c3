// SPDX-License-Identifier: GPL-2.0
/*
 * ct-check driver for RSA: the private key (d, p, q, dp, dq, qinv) is
 * marked undefined before it is loaded; rsa.c marks its blinding factor
 * and the random premaster undefined itself (rsa_ct_secret()). Valgrind
 * then reports any branch or memory index that depends on them, through
 * key loading (of good keys and of an inconsistent one), both signature
 * paddings on 2048-, 2049- and 3072-bit keys, the TLS premaster
 * decryption of valid, bad-padding and bad-version ciphertexts, and the
 * PKCS#1 v1.5 encryption of a secret premaster (TLS 1.2 client).
 *
 * Only this driver declassifies outputs, to check them: each use says why.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ct.h"
#include "port.h"
#include "rsa.h"
#include "../../kmod/tests/vectors/rsa_keys.h"

static int failures;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failures++;
}

/* a heap copy of a secret key part, marked undefined */
static u8 *secret(const u8 *p, size_t len)
{
	u8 *s = malloc(len);

	if (!s)
		abort();
	memcpy(s, p, len);
	CT_SECRET(s, len);
	return s;
}


struct key_parts {
	u8 *d, *p, *q, *dp, *dq, *qinv;
	size_t d_len, p_len, q_len, dp_len, dq_len, qinv_len;
};

#define LOAD_KEY(k, kp) \
	((kp)->d = secret(k##_d, (kp)->d_len = sizeof(k##_d)), \
	 (kp)->p = secret(k##_p, (kp)->p_len = sizeof(k##_p)), \
	 (kp)->q = secret(k##_q, (kp)->q_len = sizeof(k##_q)), \
	 (kp)->dp = secret(k##_dp, (kp)->dp_len = sizeof(k##_dp)), \
	 (kp)->dq = secret(k##_dq, (kp)->dq_len = sizeof(k##_dq)), \
	 (kp)->qinv = secret(k##_qinv, (kp)->qinv_len = sizeof(k##_qinv)), \
	 rsa_priv_new(k##_n, sizeof(k##_n), k##_e, sizeof(k##_e), \
		      (kp)->d, (kp)->d_len, (kp)->p, (kp)->p_len, \
		      (kp)->q, (kp)->q_len, (kp)->dp, (kp)->dp_len, \
		      (kp)->dq, (kp)->dq_len, (kp)->qinv, (kp)->qinv_len))

static void free_parts(struct key_parts *kp)
{
	free(kp->d);
	free(kp->p);
	free(kp->q);
	free(kp->dp);
	free(kp->dq);
	free(kp->qinv);
}

static void sign_both(const struct rsa_priv *key, const u8 *n, size_t n_len,
		      const u8 *e, size_t e_len, const char *name)
{
	u8 sig[512], digest[64];
	char what[96];
	int h;

	for (h = PORT_SHA256; h <= PORT_SHA512; h++) {
		memset(digest, 0x40 + h, sizeof(digest));
		/* the signatures are declassified by rsa.c after the fault check */
		snprintf(what, sizeof(what), "%s pss sign+verify h=%d", name, h);
		check(!rsa_sign_pss(key, h, digest, sig) &&
		      !rsa_verify_pss(n, n_len, e, e_len, h, digest, sig,
				      rsa_priv_len(key)), what);
		snprintf(what, sizeof(what), "%s pkcs1 sign+verify h=%d", name, h);
		check(!rsa_sign_pkcs1(key, h, digest, sig) &&
		      !rsa_verify_pkcs1(n, n_len, e, e_len, h, digest, sig,
					rsa_priv_len(key)), what);
	}
}

static void premaster(const struct rsa_priv *key, const u8 *ct,
		      const char *name, int expect_real)
{
	static const u8 version[2] = { 3, 3 };
	u8 pms[48];
	char what[96];

	rsa_decrypt_tls_premaster(key, ct, 256, version, pms);
	/* test only: the outcome is declassified to check it */
	CT_PUBLIC(pms, sizeof(pms));
	snprintf(what, sizeof(what), "premaster %s", name);
	check((memcmp(pms, rsa2048_pms, sizeof(pms)) == 0) == expect_real, what);
}

/* the client side: encrypting a secret premaster with the public key */
static void encrypt_secret(const struct rsa_priv *key)
{
	static const u8 version[2] = { 3, 3 };
	u8 msg[48], ct[256], out[48];

	memcpy(msg, rsa2048_pms, sizeof(msg));
	CT_SECRET(msg, sizeof(msg));
	check(!rsa_encrypt_pkcs1(rsa2048_n, sizeof(rsa2048_n), rsa2048_e,
				 sizeof(rsa2048_e), msg, sizeof(msg), ct),
	      "encrypt a secret premaster");
	/* the ciphertext is sent in the clear: public */
	CT_PUBLIC(ct, sizeof(ct));
	rsa_decrypt_tls_premaster(key, ct, sizeof(ct), version, out);
	/* test only: declassified to check it */
	CT_PUBLIC(out, sizeof(out));
	check(!memcmp(out, rsa2048_pms, sizeof(out)),
	      "decrypt what we encrypted");
}

/* an inconsistent key (dq + 2) is refused, through the same CT paths */
static void reject_bad_key(void)
{
	u8 *dq = secret(rsa2048_dq, sizeof(rsa2048_dq));
	u8 *p = secret(rsa2048_p, sizeof(rsa2048_p));
	u8 *q = secret(rsa2048_q, sizeof(rsa2048_q));
	u8 *dp = secret(rsa2048_dp, sizeof(rsa2048_dp));
	u8 *qinv = secret(rsa2048_qinv, sizeof(rsa2048_qinv));
	u8 *d = secret(rsa2048_d, sizeof(rsa2048_d));
	struct rsa_priv *key;

	CT_PUBLIC(dq, sizeof(rsa2048_dq));
	dq[sizeof(rsa2048_dq) - 1] ^= 2;
	CT_SECRET(dq, sizeof(rsa2048_dq));
	key = rsa_priv_new(rsa2048_n, sizeof(rsa2048_n), rsa2048_e,
			   sizeof(rsa2048_e), d, sizeof(rsa2048_d), p,
			   sizeof(rsa2048_p), q, sizeof(rsa2048_q), dp,
			   sizeof(rsa2048_dp), dq, sizeof(rsa2048_dq), qinv,
			   sizeof(rsa2048_qinv));
	check(key == NULL, "inconsistent key refused");
	rsa_priv_free(key);
	free(d);
	free(p);
	free(q);
	free(dp);
	free(dq);
	free(qinv);
}

int main(void)
{
	struct rsa_priv *key;
	struct key_parts kp;
	u8 sig[256];
	size_t i;

	key = LOAD_KEY(rsa2048, &kp);
	check(key != NULL, "rsa2048 key loads");
	if (!key)
		return 1;
	check(!rsa_sign_pkcs1(key, PORT_SHA256, rsa2048_kat_digest, sig) &&
	      !memcmp(sig, rsa2048_kat_sig, sizeof(sig)),
	      "pkcs1 signature equals OpenSSL's");
	sign_both(key, rsa2048_n, sizeof(rsa2048_n), rsa2048_e,
		  sizeof(rsa2048_e), "rsa2048");
	premaster(key, rsa2048_pms_ct, "valid", 1);
	for (i = 0; i < ARRAY_SIZE(rsa2048_pms_bad); i++)
		premaster(key, rsa2048_pms_bad[i].ct, rsa2048_pms_bad[i].name, 0);
	encrypt_secret(key);
	rsa_priv_free(key);
	free_parts(&kp);
	reject_bad_key();

	key = LOAD_KEY(rsa2049, &kp);
	check(key != NULL, "rsa2049 key loads");
	if (key)
		sign_both(key, rsa2049_n, sizeof(rsa2049_n), rsa2049_e,
			  sizeof(rsa2049_e), "rsa2049");
	rsa_priv_free(key);
	free_parts(&kp);

	key = LOAD_KEY(rsa3072, &kp);
	check(key != NULL, "rsa3072 key loads");
	if (key) {
		u8 sig3[384], digest[48] = { 3 };

		check(!rsa_sign_pss(key, PORT_SHA384, digest, sig3) &&
		      !rsa_verify_pss(rsa3072_n, sizeof(rsa3072_n), rsa3072_e,
				      sizeof(rsa3072_e), PORT_SHA384, digest,
				      sig3, sizeof(sig3)),
		      "rsa3072 pss sign+verify");
	}
	rsa_priv_free(key);
	free_parts(&kp);
	return failures ? 1 : 0;
}
