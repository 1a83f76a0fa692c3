// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: TLS 1.3 handshakes between a tlshake client and a tlshake
 * server on loopback, for each cipher suite, group and signature key, and
 * the application data that follows.
 */
#include <fcntl.h>
#include <poll.h>

#include "kselftest_harness.h"
#include "tlshake_test.h"

FIXTURE(tls13)
{
	int l, c, s;
};

FIXTURE_VARIANT(tls13)
{
	int family;
	__u16 suite;
	__u16 group;
	const char *cred;
	__u16 scheme;
};

#define V(name, fam, su, gr, cr, sc)			\
	FIXTURE_VARIANT_ADD(tls13, name) {		\
		.family = fam, .suite = su, .group = gr,	\
		.cred = cr, .scheme = sc,		\
	}

V(aes128_x25519_ec, AF_INET, 0x1301, 0x001d, "ec", 0x0403);
V(aes256_x25519_ec, AF_INET, 0x1302, 0x001d, "ec", 0x0403);
V(chacha_x25519_ec, AF_INET, 0x1303, 0x001d, "ec", 0x0403);
V(aes128_p256_ec, AF_INET6, 0x1301, 0x0017, "ec", 0x0403);
V(aes256_p384_ec, AF_INET6, 0x1302, 0x0018, "ec", 0x0403);
V(chacha_p256_ec, AF_INET, 0x1303, 0x0017, "ec", 0x0403);
V(aes128_x25519_rsa, AF_INET, 0x1301, 0x001d, "rsa", 0x0804);
V(aes256_p384_p384, AF_INET, 0x1302, 0x0018, "p384", 0x0503);
V(chacha_x25519_ed25519, AF_INET6, 0x1303, 0x001d, "ed25519", 0x0807);
V(aes128_p256_rsa3072, AF_INET, 0x1301, 0x0017, "rsa3072", 0x0804);

FIXTURE_SETUP(tls13)
{
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, own_netns());
	ASSERT_EQ(0, load_test_creds());
	self->l = tcp_pair(variant->family, &self->c, &self->s);
	ASSERT_GE(self->l, 0);
	ASSERT_EQ(0, attach(self->c));
	ASSERT_EQ(0, attach(self->s));
}

FIXTURE_TEARDOWN(tls13)
{
	close(self->c);
	close(self->s);
	close(self->l);
}

/* Both ends handshake with the variant's parameters; check the result. */
static void run_handshake(struct __test_metadata *_metadata,
			  FIXTURE_DATA(tls13) *self,
			  const FIXTURE_VARIANT(tls13) *variant)
{
	struct tlshake_handshake ch;
	struct tlshake_info ci, si;
	struct hs_thread srv = { .fd = self->s };

	hs_server(&srv.h, variant->cred);
	hs_client(&ch, "www.example.com");
	ch.suites[0] = variant->suite;
	ch.groups[0] = variant->group;
	ASSERT_EQ(0, hs_thread_start(&srv));
	EXPECT_EQ(0, handshake(self->c, &ch));
	ASSERT_EQ(0, hs_thread_join(&srv));
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(TLSHAKE_STATE_ESTABLISHED, ci.state);
	EXPECT_EQ(TLSHAKE_STATE_ESTABLISHED, si.state);
	EXPECT_EQ(TLSHAKE_VERSION_1_3, ci.version);
	EXPECT_EQ(variant->suite, ci.cipher_suite);
	EXPECT_EQ(variant->suite, si.cipher_suite);
	EXPECT_EQ(variant->group, ci.group);
	EXPECT_EQ(variant->group, si.group);
	EXPECT_EQ(variant->scheme, si.sig_scheme);
	EXPECT_EQ(variant->scheme, ci.peer_sig_scheme);
	EXPECT_STREQ("www.example.com", si.server_name);
	EXPECT_EQ(255, ci.alert_sent);
	EXPECT_EQ(255, si.alert_received);
}

TEST_F(tls13, handshake_echo)
{
	char buf[4096], back[4096];
	unsigned int i;

	run_handshake(_metadata, self, variant);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i * 7;
	for (i = 1; i <= sizeof(buf); i *= 4) {
		ASSERT_TRUE(write_all(self->c, buf, i));
		ASSERT_TRUE(read_all(self->s, back, i));
		ASSERT_EQ(0, memcmp(buf, back, i));
		ASSERT_TRUE(write_all(self->s, back, i));
		memset(back, 0, i);
		ASSERT_TRUE(read_all(self->c, back, i));
		ASSERT_EQ(0, memcmp(buf, back, i));
	}
}

/* close_notify: the peer reads end of file, then we see its own. */
TEST_F(tls13, close_notify)
{
	char buf[16];

	run_handshake(_metadata, self, variant);
	ASSERT_TRUE(write_all(self->c, "bye", 3));
	ASSERT_EQ(0, shutdown(self->c, SHUT_WR));
	ASSERT_TRUE(read_all(self->s, buf, 3));
	EXPECT_EQ(0, read(self->s, buf, sizeof(buf)));
	/* TLS 1.3 half-close: the server can still write */
	ASSERT_TRUE(write_all(self->s, "ok", 2));
	ASSERT_TRUE(read_all(self->c, buf, 2));
	EXPECT_EQ(-1, send(self->c, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(EPIPE, errno);
}

TEST_HARNESS_MAIN
