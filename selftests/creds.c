// SPDX-License-Identifier: GPL-2.0
/*
 * kselftests of tlshake's credentials and trust stores, through tlshakectl
 * (path in $TLSHAKECTL) and through raw netlink messages.
 *
 * Each test runs in a network namespace of its own, so what it loads is
 * freed when the namespace goes away (kmemleak checks that at the end of
 * `make check`). The test PKI is made by selftests/certs/gen-pki.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/tlshake_nl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "kselftest_harness.h"

#ifndef TLSHAKE_REPO
#define TLSHAKE_REPO "."
#endif
#ifndef TLSHAKE_KSRC
#define TLSHAKE_KSRC ""
#endif

#define PKI "/tmp/tlshake-pki"

static const char *ctl(void)
{
	const char *c = getenv("TLSHAKECTL");

	return c ? c : TLSHAKE_REPO "/userspace/tlshakectl";
}

/* Run a shell command; its exit status, or -1. */
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Run tlshakectl with @args in the current namespaces; its exit status. */
#define CTL(fmt, ...) sh("%s " fmt " >" PKI "/out 2>" PKI "/err", ctl(), \
			 ##__VA_ARGS__)

/* Does the last CTL's stdout (or stderr) contain @s? */
static bool out_has(const char *file, const char *s)
{
	char buf[65536];
	size_t n;
	FILE *f;

	f = fopen(file, "r");
	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return strstr(buf, s);
}

#define OUT_HAS(s) out_has(PKI "/out", s)
#define ERR_HAS(s) out_has(PKI "/err", s)

/*
 * The test PKI and its keys in every file format, once for all tests
 * (`make check` makes it on the host and copies it in).
 */
static int make_pki(void)
{
	struct stat st;

	if (!stat(PKI "/.done", &st))
		return 0;
	return sh("%s " PKI " >/dev/null 2>&1", getenv("TLSHAKE_GEN_PKI") ?:
		  TLSHAKE_REPO "/selftests/certs/gen-pki.sh");
}

static bool module_loaded(void)
{
	return sh("%s status >/dev/null 2>&1", ctl()) == 0;
}

FIXTURE(creds) {
	int dummy;
};

FIXTURE_SETUP(creds)
{
	if (!module_loaded())
		SKIP(return, "tlshake is not loaded");
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
}

FIXTURE_TEARDOWN(creds)
{
}

FIXTURE_VARIANT(creds) {
	const char *leaf;
	const char *inter;
	const char *key_type;
};

FIXTURE_VARIANT_ADD(creds, rsa2048) {
	.leaf = "leaf_rsa", .inter = "inter_rsa", .key_type = "rsa",
};

FIXTURE_VARIANT_ADD(creds, rsa3072) {
	.leaf = "leaf_rsa3072", .inter = "inter_rsa", .key_type = "rsa",
};

FIXTURE_VARIANT_ADD(creds, ec_p256) {
	.leaf = "leaf_ec", .inter = "inter_ec", .key_type = "ec-p256",
};

FIXTURE_VARIANT_ADD(creds, ec_p384) {
	.leaf = "leaf_p384", .inter = "inter_ec", .key_type = "ec-p384",
};

FIXTURE_VARIANT_ADD(creds, ed25519) {
	.leaf = "leaf_ed25519", .inter = "inter_ec", .key_type = "ed25519",
};

/* add, list, replace, delete */
TEST_F_TIMEOUT(creds, lifecycle, 600)
{
	const char *l = variant->leaf, *i = variant->inter;
	char kt[64];

	ASSERT_EQ(0, CTL("cred add web --cert " PKI "/%s.pem --cert " PKI
			 "/%s.pem --key " PKI "/%s.key", l, i, l));
	ASSERT_EQ(0, CTL("--json cred list"));
	snprintf(kt, sizeof(kt), "\"key_type\": \"%s\"", variant->key_type);
	EXPECT_TRUE(OUT_HAS("\"name\": \"web\""));
	EXPECT_TRUE(OUT_HAS(kt));
	EXPECT_TRUE(OUT_HAS("Test Intermediate"));
	EXPECT_TRUE(OUT_HAS("\"use_count\": 0"));
	/* the name is taken */
	EXPECT_EQ(1, CTL("cred add web --cert " PKI "/%s.pem --key " PKI
			 "/%s.key", l, l));
	EXPECT_TRUE(ERR_HAS("name already in use"));
	/* replace: now without the intermediate */
	ASSERT_EQ(0, CTL("cred replace web --cert " PKI "/%s.pem --key " PKI
			 "/%s.key", l, l));
	ASSERT_EQ(0, CTL("cred list web"));
	EXPECT_TRUE(OUT_HAS("[0] subject"));
	EXPECT_FALSE(OUT_HAS("[1] subject"));
	EXPECT_EQ(1, CTL("cred replace nosuch --cert " PKI "/%s.pem --key "
			 PKI "/%s.key", l, l));
	ASSERT_EQ(0, CTL("cred del web"));
	EXPECT_EQ(1, CTL("cred del web"));
	EXPECT_TRUE(ERR_HAS("No such file or directory"));
	ASSERT_EQ(0, CTL("--json cred list"));
	EXPECT_TRUE(OUT_HAS("[]"));
}

/* a key that is not the leaf's is refused */
TEST_F_TIMEOUT(creds, key_mismatch, 600)
{
	const char *l = variant->leaf;
	const char *other = strstr(l, "rsa") ? "inter_rsa" : "inter_ec";

	EXPECT_EQ(1, CTL("cred add bad --cert " PKI "/%s.pem --key " PKI
			 "/%s.key", l, other));
	EXPECT_TRUE(ERR_HAS("private key does not match the leaf certificate"));
	EXPECT_EQ(1, CTL("cred list bad"));
}

FIXTURE(files) {
	int dummy;
};

FIXTURE_SETUP(files)
{
	if (!module_loaded())
		SKIP(return, "tlshake is not loaded");
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
}

FIXTURE_TEARDOWN(files)
{
}

/* PEM and DER, PKCS#8 (also encrypted), SEC1, PKCS#1, bundles */
TEST_F_TIMEOUT(files, key_formats, 600)
{
	EXPECT_EQ(0, CTL("cred add der --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.der"));
	EXPECT_EQ(0, CTL("cred add sec1 --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.sec1"));
	EXPECT_EQ(0, CTL("cred add pkcs1 --cert " PKI "/chain_rsa.pem --key "
			 PKI "/leaf_rsa.pkcs1"));
	EXPECT_EQ(0, CTL("cred add enc --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.enc --pass-file " PKI "/pass"));
	EXPECT_EQ(0, CTL("cred add encder --cert " PKI "/leaf_rsa.pem --key "
			 PKI "/leaf_rsa.enc.der --pass-file " PKI "/pass"));
	EXPECT_EQ(4, CTL("cred add badpass --cert " PKI "/leaf_ec.pem --key "
			 PKI "/leaf_ec.enc --pass-file " PKI "/badpass"));
	EXPECT_EQ(4, CTL("cred add nofile --cert " PKI "/leaf_ec.pem --key "
			 PKI "/nonexistent"));
	EXPECT_EQ(4, CTL("cred add notcert --cert " PKI "/leaf_ec.key --key "
			 PKI "/leaf_ec.key"));
	ASSERT_EQ(0, CTL("cred list pkcs1"));
	EXPECT_TRUE(OUT_HAS("[1] subject  O=tlshake test, CN=Test Intermediate RSA"));
	/* trust stores: a PEM and a DER anchor */
	EXPECT_EQ(0, CTL("trust add roots --anchor " PKI "/root_rsa.pem "
			 "--anchor " PKI "/root_ec.der"));
	ASSERT_EQ(0, CTL("--json trust list"));
	EXPECT_TRUE(OUT_HAS("\"name\": \"roots\""));
	EXPECT_TRUE(OUT_HAS("Test Root EC"));
	EXPECT_TRUE(OUT_HAS("\"ca\": true"));
	EXPECT_EQ(0, sh("python3 -c 'import json,sys; json.load(sys.stdin)' <"
			PKI "/out"));
	EXPECT_EQ(0, CTL("trust replace roots --anchor " PKI "/root_ec.pem"));
	ASSERT_EQ(0, CTL("trust list roots"));
	EXPECT_FALSE(OUT_HAS("Test Root RSA"));
	EXPECT_EQ(0, CTL("trust del roots"));
	EXPECT_EQ(1, CTL("trust del roots"));
	/* a certificate tlshake cannot take: the kernel says why */
	EXPECT_EQ(1, CTL("trust add bad --anchor " PKI "/leaf_critical.pem"));
	EXPECT_TRUE(ERR_HAS("anchor 0: unsupported critical extension"));
	/* usage errors */
	EXPECT_EQ(2, CTL("cred add x --cert " PKI "/leaf_ec.pem"));
	EXPECT_EQ(2, CTL("cred frobnicate"));
	EXPECT_EQ(0, CTL("cred --help"));
	EXPECT_EQ(0, CTL("trust add --help"));
	EXPECT_EQ(0, CTL("--help"));
}

/* changes need CAP_NET_ADMIN in the netns's owning user namespace */
TEST_F_TIMEOUT(files, permissions, 600)
{
	ASSERT_EQ(0, CTL("cred add mine --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.key"));
	/* root of a new user namespace: not the owner of this netns */
	EXPECT_EQ(1, sh("unshare -U -r %s cred add x --cert " PKI
			"/leaf_ec.pem --key " PKI "/leaf_ec.key 2>" PKI "/err",
			ctl()));
	EXPECT_TRUE(ERR_HAS("Operation not permitted"));
	EXPECT_EQ(1, sh("unshare -U -r %s cred del mine 2>/dev/null", ctl()));
	/* reading needs no privilege */
	EXPECT_EQ(0, sh("unshare -U -r %s cred list mine >" PKI "/out", ctl()));
	EXPECT_TRUE(OUT_HAS("cred mine"));
	/* ... and owning the netns is enough to change it */
	EXPECT_EQ(0, sh("unshare -U -r -n %s cred add x --cert " PKI
			"/leaf_ec.pem --key " PKI "/leaf_ec.key", ctl()));
}

/* a credential in one netns is invisible in another */
TEST_F_TIMEOUT(files, netns_isolation, 600)
{
	ASSERT_EQ(0, CTL("cred add here --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.key"));
	EXPECT_EQ(0, sh("unshare -n %s --json cred list >" PKI "/out", ctl()));
	EXPECT_TRUE(OUT_HAS("[]"));
	EXPECT_EQ(1, sh("unshare -n %s cred list here 2>/dev/null", ctl()));
	/* loaded in a namespace that then goes away: freed with it */
	EXPECT_EQ(0, sh("unshare -n sh -c '%s cred add gone --cert " PKI
			"/chain_rsa.pem --key " PKI "/leaf_rsa.key && %s trust "
			"add t --anchor " PKI "/root_ec.pem'", ctl(), ctl()));
	EXPECT_EQ(0, CTL("cred list here"));
	EXPECT_EQ(1, CTL("cred list gone"));
}

/* the kernel's own netlink client, ynl, works with the spec */
TEST_F_TIMEOUT(files, ynl_cli, 600)
{
	const char *cli = TLSHAKE_KSRC "/tools/net/ynl/cli.py";
	struct stat st;

	if (stat(cli, &st) || sh("python3 -c 'import yaml, jsonschema'"))
		SKIP(return, "no ynl cli.py or python3-yaml/jsonschema");
	ASSERT_EQ(0, CTL("cred add ynl --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.key"));
	ASSERT_EQ(0, sh("python3 %s --spec " TLSHAKE_REPO
			"/Documentation/netlink/specs/tlshake.yaml --dump "
			"cred-get >" PKI "/out 2>" PKI "/err", cli));
	EXPECT_TRUE(OUT_HAS("'name': 'ynl'"));
	EXPECT_TRUE(OUT_HAS("'key-type': 'ec-p256'"));
	ASSERT_EQ(0, sh("python3 %s --spec " TLSHAKE_REPO
			"/Documentation/netlink/specs/tlshake.yaml --do cred-del "
			"--json '{\"name\": \"ynl\"}' >/dev/null", cli));
	EXPECT_EQ(1, CTL("cred list ynl"));
}

/* Raw netlink: a tiny client, to send what tlshakectl never would. */
struct raw {
	struct mnl_socket *nl;
	uint16_t family;
	uint32_t monitor;	/* multicast group */
	unsigned int seq;
	char buf[1 << 20];
};

static void raw_mcast_groups(const struct nlattr *groups, struct raw *r)
{
	const struct nlattr *g, *a;

	mnl_attr_for_each_nested(g, groups) {
		const char *name = NULL;
		uint32_t id = 0;

		mnl_attr_for_each_nested(a, g) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
				name = mnl_attr_get_str(a);
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID)
				id = mnl_attr_get_u32(a);
		}
		if (name && !strcmp(name, TLSHAKE_MCGRP_MONITOR))
			r->monitor = id;
	}
}

static int raw_family_attr(const struct nlattr *a, void *data)
{
	struct raw *r = data;

	if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
		r->family = mnl_attr_get_u16(a);
	if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
		raw_mcast_groups(a, r);
	return MNL_CB_OK;
}

static int raw_family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), raw_family_attr,
			      data);
}

static struct nlmsghdr *raw_msg(struct raw *r, uint16_t type, uint8_t cmd,
				uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(r->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++r->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = 1;
	return nlh;
}

/* Send @nlh; 0 or the kernel's -errno. Replies go to @cb. */
static int raw_talk(struct raw *r, struct nlmsghdr *nlh, mnl_cb_t cb,
		    void *data)
{
	unsigned int portid = mnl_socket_get_portid(r->nl);
	int ret;

	if (mnl_socket_sendto(r->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ret = mnl_socket_recvfrom(r->nl, r->buf, sizeof(r->buf));
		if (ret <= 0)
			return -errno;
		ret = mnl_cb_run(r->buf, ret, r->seq, portid, cb, data);
	} while (ret > 0);
	return ret < 0 ? -errno : 0;
}

static int raw_open(struct raw *r)
{
	struct nlmsghdr *nlh;
	int size = 4 << 20;

	r->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!r->nl || mnl_socket_bind(r->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -1;
	setsockopt(mnl_socket_get_fd(r->nl), SOL_SOCKET, SO_SNDBUFFORCE, &size,
		   sizeof(size));
	setsockopt(mnl_socket_get_fd(r->nl), SOL_SOCKET, SO_RCVBUFFORCE, &size,
		   sizeof(size));
	nlh = raw_msg(r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TLSHAKE_GENL_NAME);
	return raw_talk(r, nlh, raw_family_cb, r) ?: !r->family;
}

static unsigned char *slurp_der(const char *name, size_t *len)
{
	char path[256];
	unsigned char *der = NULL;
	X509 *x;
	FILE *f;

	snprintf(path, sizeof(path), PKI "/%s.pem", name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (x) {
		int n = i2d_X509(x, &der);

		*len = n > 0 ? n : 0;
		X509_free(x);
	}
	return der;
}

FIXTURE(raw) {
	struct raw *r;
	unsigned char *der;
	size_t der_len;
};

FIXTURE_SETUP(raw)
{
	if (!module_loaded())
		SKIP(return, "tlshake is not loaded");
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	self->r = calloc(1, sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
	ASSERT_EQ(0, raw_open(self->r));
	self->der = slurp_der("leaf_ec", &self->der_len);
	ASSERT_NE(NULL, self->der);
}

FIXTURE_TEARDOWN(raw)
{
	if (self->r && self->r->nl)
		mnl_socket_close(self->r->nl);
	free(self->r);
	OPENSSL_free(self->der);
}

static struct nlmsghdr *cred_add(struct raw *r)
{
	return raw_msg(r, r->family, TLSHAKE_CMD_CRED_ADD, 0);
}

static void put_ec_key(struct nlmsghdr *nlh, int type, size_t priv_len)
{
	static const unsigned char zero[64];
	struct nlattr *nest = mnl_attr_nest_start(nlh, TLSHAKE_A_CRED_KEY);

	if (type)
		mnl_attr_put_u32(nlh, TLSHAKE_A_KEY_TYPE, type);
	mnl_attr_put(nlh, TLSHAKE_A_KEY_PRIV, priv_len, zero);
	mnl_attr_nest_end(nlh, nest);
}

TEST_F_TIMEOUT(raw, malformed, 600)
{
	struct raw *r = self->r;
	static unsigned char big[TLSHAKE_CERT_LEN_MAX + 1];
	unsigned char scalar[32];
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int i;

	/* no name */
	nlh = cred_add(r);
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
	put_ec_key(nlh, TLSHAKE_KEY_TYPE_EC_P256, 32);
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	/* no certificate */
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	put_ec_key(nlh, TLSHAKE_KEY_TYPE_EC_P256, 32);
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	/* no key */
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	/* key without a type, of an unknown type (policy: out of range), of
	 * a wrong size
	 */
	for (i = 0; i < 3; i++) {
		nlh = cred_add(r);
		mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
		mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
		put_ec_key(nlh, i == 0 ? 0 : i == 1 ? 9 : TLSHAKE_KEY_TYPE_EC_P256,
			   i == 2 ? 31 : 32);
		EXPECT_EQ(i == 1 ? -ERANGE : -EINVAL,
			  raw_talk(r, nlh, NULL, NULL));
	}
	/* RSA without its components */
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
	nest = mnl_attr_nest_start(nlh, TLSHAKE_A_CRED_KEY);
	mnl_attr_put_u32(nlh, TLSHAKE_A_KEY_TYPE, TLSHAKE_KEY_TYPE_RSA);
	mnl_attr_nest_end(nlh, nest);
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	/* garbage and truncated certificates */
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len - 1, self->der);
	put_ec_key(nlh, TLSHAKE_KEY_TYPE_EC_P256, 32);
	EXPECT_EQ(-EBADMSG, raw_talk(r, nlh, NULL, NULL));
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, 16, big);
	put_ec_key(nlh, TLSHAKE_KEY_TYPE_EC_P256, 32);
	EXPECT_EQ(-EBADMSG, raw_talk(r, nlh, NULL, NULL));
	/* a certificate over the size limit, eleven certificates */
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, sizeof(big), big);
	put_ec_key(nlh, TLSHAKE_KEY_TYPE_EC_P256, 32);
	EXPECT_EQ(-EMSGSIZE, raw_talk(r, nlh, NULL, NULL));
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	for (i = 0; i <= TLSHAKE_CHAIN_CERTS_MAX; i++)
		mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
	put_ec_key(nlh, TLSHAKE_KEY_TYPE_EC_P256, 32);
	EXPECT_EQ(-E2BIG, raw_talk(r, nlh, NULL, NULL));
	/* an over-long name, a name without its NUL, an unknown attribute */
	nlh = cred_add(r);
	memset(big, 'n', 100);
	big[100] = 0;
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, (char *)big);
	EXPECT_NE(0, raw_talk(r, nlh, NULL, NULL));
	nlh = cred_add(r);
	mnl_attr_put(nlh, TLSHAKE_A_CRED_NAME, 3, "abc");
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put_u32(nlh, 77, 0);
	EXPECT_NE(0, raw_talk(r, nlh, NULL, NULL));
	/* a key attribute that is not a nest */
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
	mnl_attr_put(nlh, TLSHAKE_A_CRED_KEY, 3, "abc");
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	/* a valid EC scalar whose point is not the certificate's */
	memset(scalar, 0x5a, sizeof(scalar));
	nlh = cred_add(r);
	mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME, "x");
	mnl_attr_put(nlh, TLSHAKE_A_CRED_CERT, self->der_len, self->der);
	nest = mnl_attr_nest_start(nlh, TLSHAKE_A_CRED_KEY);
	mnl_attr_put_u32(nlh, TLSHAKE_A_KEY_TYPE, TLSHAKE_KEY_TYPE_EC_P256);
	mnl_attr_put(nlh, TLSHAKE_A_KEY_PRIV, sizeof(scalar), scalar);
	mnl_attr_nest_end(nlh, nest);
	EXPECT_EQ(-EKEYREJECTED, raw_talk(r, nlh, NULL, NULL));
	/* trust stores: no anchor, 101 anchors */
	nlh = raw_msg(r, r->family, TLSHAKE_CMD_TRUST_ADD, 0);
	mnl_attr_put_strz(nlh, TLSHAKE_A_TRUST_NAME, "t");
	EXPECT_EQ(-EINVAL, raw_talk(r, nlh, NULL, NULL));
	nlh = raw_msg(r, r->family, TLSHAKE_CMD_TRUST_ADD, 0);
	mnl_attr_put_strz(nlh, TLSHAKE_A_TRUST_NAME, "t");
	for (i = 0; i <= TLSHAKE_ANCHORS_MAX; i++)
		mnl_attr_put(nlh, TLSHAKE_A_TRUST_ANCHOR, self->der_len,
			     self->der);
	EXPECT_EQ(-E2BIG, raw_talk(r, nlh, NULL, NULL));
	/* an unknown command */
	nlh = raw_msg(r, r->family, 200, 0);
	EXPECT_NE(0, raw_talk(r, nlh, NULL, NULL));
	/* nothing was added */
	EXPECT_EQ(0, CTL("--json cred list"));
	EXPECT_TRUE(OUT_HAS("[]"));
}

/* Append every reply to a buffer, for searching. */
struct capture {
	unsigned char *buf;
	size_t len;
};

static int capture_cb(const struct nlmsghdr *nlh, void *data)
{
	struct capture *c = data;
	unsigned char *b = realloc(c->buf, c->len + nlh->nlmsg_len);

	if (!b)
		return MNL_CB_ERROR;
	memcpy(b + c->len, nlh, nlh->nlmsg_len);
	c->buf = b;
	c->len += nlh->nlmsg_len;
	return MNL_CB_OK;
}

static bool contains(const struct capture *c, const unsigned char *p,
		     size_t len)
{
	return len && memmem(c->buf, c->len, p, len);
}

/* Does @c contain @len >= 16 bytes of @p, or any 16-byte window of it? */
static bool contains_any(const struct capture *c, const unsigned char *p,
			 size_t len)
{
	size_t i;

	for (i = 0; i + 16 <= len; i++)
		if (contains(c, p + i, 16))
			return true;
	return false;
}

static EVP_PKEY *read_key(const char *name)
{
	char path[256];
	EVP_PKEY *k;
	FILE *f;

	snprintf(path, sizeof(path), PKI "/%s.key", name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	return k;
}

static bool bn_found(const struct capture *c, EVP_PKEY *k, const char *p)
{
	unsigned char buf[1024];
	BIGNUM *bn = NULL;
	int len;
	bool found;

	if (!EVP_PKEY_get_bn_param(k, p, &bn))
		return true;	/* fail safe: the test fails */
	len = BN_bn2bin(bn, buf);
	found = contains_any(c, buf, len);
	BN_clear_free(bn);
	return found;
}

/* No operation ever returns key material. */
TEST_F_TIMEOUT(raw, no_key_in_dumps, 600)
{
	static const char *const rsa_priv[] = {
		OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1,
		OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1,
		OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
	};
	struct capture cap = { };
	unsigned char fp[32], seed[32];
	struct nlmsghdr *nlh;
	EVP_PKEY *rsa, *ec, *ed;
	size_t seed_len = sizeof(seed);
	int i;

	ASSERT_EQ(0, CTL("cred add rsa --cert " PKI "/chain_rsa.pem --key "
			 PKI "/leaf_rsa.key"));
	ASSERT_EQ(0, CTL("cred add ec --cert " PKI "/leaf_ec.pem --key " PKI
			 "/leaf_ec.key"));
	ASSERT_EQ(0, CTL("cred add ed --cert " PKI "/leaf_ed25519.pem --key "
			 PKI "/leaf_ed25519.key"));
	nlh = raw_msg(self->r, self->r->family, TLSHAKE_CMD_CRED_GET,
		      NLM_F_DUMP);
	ASSERT_EQ(0, raw_talk(self->r, nlh, capture_cb, &cap));
	for (i = 0; i < 3; i++) {
		nlh = raw_msg(self->r, self->r->family, TLSHAKE_CMD_CRED_GET, 0);
		mnl_attr_put_strz(nlh, TLSHAKE_A_CRED_NAME,
				  i == 0 ? "rsa" : i == 1 ? "ec" : "ed");
		ASSERT_EQ(0, raw_talk(self->r, nlh, capture_cb, &cap));
	}
	/* the search works: the leaf's fingerprint is there */
	SHA256(self->der, self->der_len, fp);
	ASSERT_TRUE(contains(&cap, fp, sizeof(fp)));

	rsa = read_key("leaf_rsa");
	ec = read_key("leaf_ec");
	ed = read_key("leaf_ed25519");
	ASSERT_TRUE(rsa && ec && ed);
	for (i = 0; i < 6; i++)
		EXPECT_FALSE(bn_found(&cap, rsa, rsa_priv[i]));
	EXPECT_FALSE(bn_found(&cap, ec, OSSL_PKEY_PARAM_PRIV_KEY));
	ASSERT_EQ(1, EVP_PKEY_get_raw_private_key(ed, seed, &seed_len));
	EXPECT_FALSE(contains_any(&cap, seed, seed_len));
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ec);
	EVP_PKEY_free(ed);
	free(cap.buf);
}

/* Changes are announced on the monitor group, without key material. */
TEST_F_TIMEOUT(raw, notifications, 600)
{
	static const uint8_t want[] = {
		TLSHAKE_CMD_CRED_ADD_NTF, TLSHAKE_CMD_CRED_CHANGE_NTF,
		TLSHAKE_CMD_CRED_DEL_NTF, TLSHAKE_CMD_TRUST_ADD_NTF,
	};
	struct raw *r = self->r;
	struct capture cap = { };
	unsigned char fp[32], seed[32];
	size_t seed_len = sizeof(seed);
	struct nlmsghdr *nlh;
	EVP_PKEY *ed;
	ssize_t len;
	unsigned int i;

	ASSERT_NE(0, r->monitor);
	ASSERT_EQ(0, mnl_socket_setsockopt(r->nl, NETLINK_ADD_MEMBERSHIP,
					   &r->monitor, sizeof(r->monitor)));
	ASSERT_EQ(0, CTL("cred add n --cert " PKI "/leaf_ed25519.pem --key "
			 PKI "/leaf_ed25519.key"));
	ASSERT_EQ(0, CTL("cred replace n --cert " PKI "/leaf_ec.pem --key "
			 PKI "/leaf_ec.key"));
	ASSERT_EQ(0, CTL("cred del n"));
	ASSERT_EQ(0, CTL("trust add t --anchor " PKI "/root_ec.pem"));
	for (i = 0; i < sizeof(want); i++) {
		const struct genlmsghdr *g;

		len = recv(mnl_socket_get_fd(r->nl), r->buf, sizeof(r->buf),
			   MSG_DONTWAIT);
		ASSERT_GT(len, 0);
		nlh = (struct nlmsghdr *)r->buf;
		ASSERT_EQ(r->family, nlh->nlmsg_type);
		g = mnl_nlmsg_get_payload(nlh);
		EXPECT_EQ(want[i], g->cmd);
		capture_cb(nlh, &cap);
	}
	/* the EC leaf's fingerprint is in the change notification */
	SHA256(self->der, self->der_len, fp);
	EXPECT_TRUE(contains(&cap, fp, sizeof(fp)));
	ed = read_key("leaf_ed25519");
	ASSERT_NE(NULL, ed);
	ASSERT_EQ(1, EVP_PKEY_get_raw_private_key(ed, seed, &seed_len));
	EXPECT_FALSE(contains_any(&cap, seed, seed_len));
	EVP_PKEY_free(ed);
	free(cap.buf);
}

TEST_HARNESS_MAIN
