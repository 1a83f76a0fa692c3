// SPDX-License-Identifier: GPL-2.0
/*
 * tlshakectl: reading certificates and private keys with OpenSSL.
 *
 * Certificates: PEM (a bundle of any number) or DER. Private keys: PEM or
 * DER, PKCS#8 (also encrypted: the passphrase comes from --pass-file or a
 * prompt), SEC1 and PKCS#1, all through OpenSSL's decoders. The key goes
 * to the kernel as components (the kernel never parses key encodings).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <linux/tlshake_nl.h>

#include "tlshakectl.h"

static void ssl_error(const char *what, const char *path)
{
	unsigned long e = ERR_get_error();
	char buf[256] = "unknown error";

	if (e)
		ERR_error_string_n(e, buf, sizeof(buf));
	fprintf(stderr, "%s: %s %s: %s\n", progname, what, path, buf);
	ERR_clear_error();
}

static int push_cert(X509 *x, struct blob **certs, size_t *n)
{
	struct blob *b;
	unsigned char *p;
	int len = i2d_X509(x, NULL);

	if (len <= 0)
		return -EINVAL;
	b = realloc(*certs, (*n + 1) * sizeof(**certs));
	if (!b)
		return -ENOMEM;
	*certs = b;
	b[*n].data = malloc(len);
	if (!b[*n].data)
		return -ENOMEM;
	p = b[*n].data;
	b[*n].len = i2d_X509(x, &p);
	(*n)++;
	return 0;
}

/**
 * load_certs() - append the certificates of a file
 * @path: PEM file with one or more certificates, or one DER certificate
 * @certs: array grown with the DER certificates, in file order
 * @n: its length
 *
 * Return: 0, or -errno (a message is printed).
 */
int load_certs(const char *path, struct blob **certs, size_t *n)
{
	size_t before = *n;
	BIO *bio;
	X509 *x;
	int err = 0;

	bio = BIO_new_file(path, "rb");
	if (!bio) {
		ssl_error("cannot open", path);
		return -ENOENT;
	}
	while (!err && (x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		err = push_cert(x, certs, n);
		X509_free(x);
	}
	ERR_clear_error();
	if (!err && *n == before) {
		BIO_reset(bio);
		x = d2i_X509_bio(bio, NULL);
		if (x) {
			err = push_cert(x, certs, n);
			X509_free(x);
		} else {
			ssl_error("no certificate in", path);
			err = -EINVAL;
		}
	}
	BIO_free(bio);
	return err;
}

struct pass_ctx {
	const char *file;
	const char *key;
};

/* The passphrase of an encrypted key: first line of a file, or prompt. */
static int pass_cb(char *buf, int size, int rwflag, void *u)
{
	struct pass_ctx *ctx = u;
	size_t len;
	FILE *f;

	(void)rwflag;
	if (!ctx->file) {
		char prompt[512];

		snprintf(prompt, sizeof(prompt), "Passphrase for %s: ", ctx->key);
		if (EVP_read_pw_string(buf, size, prompt, 0))
			return -1;
		return strlen(buf);
	}
	f = fopen(ctx->file, "r");
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", progname, ctx->file,
			strerror(errno));
		return -1;
	}
	if (!fgets(buf, size, f))
		buf[0] = 0;
	fclose(f);
	len = strcspn(buf, "\r\n");
	buf[len] = 0;
	return len;
}

static int bn_blob(const EVP_PKEY *pkey, const char *param, size_t pad,
		   struct blob *out)
{
	BIGNUM *bn = NULL;
	int len;

	if (!EVP_PKEY_get_bn_param(pkey, param, &bn))
		return -EINVAL;
	len = pad ? (int)pad : BN_num_bytes(bn);
	out->data = malloc(len ? len : 1);
	if (!out->data || BN_bn2binpad(bn, out->data, len) != len) {
		BN_clear_free(bn);
		return -EINVAL;
	}
	out->len = len;
	BN_clear_free(bn);
	return 0;
}

static int rsa_parts(const EVP_PKEY *pkey, struct key_parts *kp)
{
	static const char *const params[] = {
		OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E,
		OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1,
		OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1,
		OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
	};
	BIGNUM *third = NULL;
	int i;

	/* two-prime RSA only */
	if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_FACTOR3, &third)) {
		BN_clear_free(third);
		return -EOPNOTSUPP;
	}
	kp->type = TLSHAKE_KEY_TYPE_RSA;
	for (i = 0; i < 8; i++)
		if (bn_blob(pkey, params[i], 0, &kp->rsa[i]))
			return -EINVAL;
	return 0;
}

static int ec_parts(const EVP_PKEY *pkey, struct key_parts *kp)
{
	char group[64];
	size_t size;

	if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, sizeof(group), NULL))
		return -EINVAL;
	if (!strcmp(group, "prime256v1") || !strcmp(group, "P-256")) {
		kp->type = TLSHAKE_KEY_TYPE_EC_P256;
		size = 32;
	} else if (!strcmp(group, "secp384r1") || !strcmp(group, "P-384")) {
		kp->type = TLSHAKE_KEY_TYPE_EC_P384;
		size = 48;
	} else {
		return -EOPNOTSUPP;
	}
	/* the kernel derives the public point itself */
	if (bn_blob(pkey, OSSL_PKEY_PARAM_PRIV_KEY, size, &kp->priv))
		return -EINVAL;
	return 0;
}

static int ed25519_parts(const EVP_PKEY *pkey, struct key_parts *kp)
{
	size_t len = 32;

	kp->type = TLSHAKE_KEY_TYPE_ED25519;
	kp->priv.data = malloc(len);
	if (!kp->priv.data)
		return -ENOMEM;
	kp->priv.len = len;
	if (!EVP_PKEY_get_raw_private_key(pkey, kp->priv.data, &kp->priv.len) ||
	    kp->priv.len != 32)
		return -EINVAL;
	return 0;
}

/**
 * load_key() - read a private key file into components
 * @path: the key file (PEM or DER; PKCS#8, encrypted PKCS#8, SEC1, PKCS#1)
 * @pass_file: file holding the passphrase, or NULL to prompt if needed
 * @kp: filled in; wipe with key_parts_wipe()
 *
 * Return: 0, -EOPNOTSUPP for key types the kernel does not take, or
 * another -errno (a message is printed).
 */
int load_key(const char *path, const char *pass_file, struct key_parts *kp)
{
	struct pass_ctx pass = { .file = pass_file, .key = path };
	OSSL_DECODER_CTX *dctx;
	EVP_PKEY *pkey = NULL;
	BIO *bio;
	int err;

	memset(kp, 0, sizeof(*kp));
	bio = BIO_new_file(path, "rb");
	if (!bio) {
		ssl_error("cannot open", path);
		return -ENOENT;
	}
	dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, NULL, NULL, NULL,
					     EVP_PKEY_KEYPAIR, NULL, NULL);
	if (!dctx || !OSSL_DECODER_CTX_set_pem_password_cb(dctx, pass_cb,
							   &pass) ||
	    !OSSL_DECODER_from_bio(dctx, bio) || !pkey) {
		ssl_error("cannot read the private key", path);
		err = -EINVAL;
		goto out;
	}
	if (EVP_PKEY_is_a(pkey, "RSA"))
		err = rsa_parts(pkey, kp);
	else if (EVP_PKEY_is_a(pkey, "EC"))
		err = ec_parts(pkey, kp);
	else if (EVP_PKEY_is_a(pkey, "ED25519"))
		err = ed25519_parts(pkey, kp);
	else
		err = -EOPNOTSUPP;
	if (err)
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			err == -EOPNOTSUPP ?
			"unsupported key type (RSA, EC P-256/P-384, Ed25519)" :
			"cannot take the key apart");
out:
	EVP_PKEY_free(pkey);
	OSSL_DECODER_CTX_free(dctx);
	BIO_free(bio);
	if (err)
		key_parts_wipe(kp);
	return err;
}

static void blob_wipe(struct blob *b)
{
	if (b->data)
		OPENSSL_cleanse(b->data, b->len);
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

/**
 * key_parts_wipe() - wipe and free key components
 * @kp: the components
 */
void key_parts_wipe(struct key_parts *kp)
{
	int i;

	for (i = 0; i < 8; i++)
		blob_wipe(&kp->rsa[i]);
	blob_wipe(&kp->priv);
}
