// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: TLS 1.2 between a tlshake client and a tlshake server on
 * loopback: every suite with each kind of certificate, version
 * negotiation between TLS 1.3 and 1.2 endpoints, RSA key transport only
 * when enabled, client certificates, and session resumption by session ID
 * and by ticket through the TLSHAKE_SESSION descriptor.
 */
#include "kselftest_harness.h"
#include "tls12_peer.h"

static int setup_netns(void)
{
	return setup12();
}

/* A fresh attached loopback pair. */
static int new_pair(int *c, int *s)
{
	int l = tcp_pair(AF_INET, c, s);

	if (l < 0 || attach(*c) || attach(*s))
		return -1;
	close(l);
	return 0;
}

/* Client and server handshake; returns the client's result. */
static int run_pair(int c, int s, struct tlshake_handshake *ch,
		    struct tlshake_handshake *sh, int *serr)
{
	struct hs_thread srv = { .fd = s, .h = *sh };
	int err;

	srv.h.timeout_ms = HS_LIMIT_MS;
	if (hs_thread_start(&srv))
		return -1;
	ch->timeout_ms = HS_LIMIT_MS;
	err = handshake(c, ch);
	*serr = hs_thread_join(&srv);
	if (err || *serr) {
		print_info("client", c);
		print_info("server", s);
	}
	return err;
}

static bool echo(int a, int b, size_t n)
{
	char buf[8192], back[8192];
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = i * 13 + 1;
	memset(back, 0, n);
	return write_all(a, buf, n) && read_all(b, back, n) &&
	       !memcmp(buf, back, n);
}

FIXTURE(tls12)
{
	int c, s;
};

FIXTURE_VARIANT(tls12)
{
	__u16 suite;
	__u16 group;
	const char *cred;
	__u16 scheme;
	__u32 flags;
};

#define V(name, su, gr, cr, sc, fl)				\
	FIXTURE_VARIANT_ADD(tls12, name) {			\
		.suite = su, .group = gr, .cred = cr,		\
		.scheme = sc, .flags = fl,			\
	}

V(ecdsa_aes128_x25519, 0xc02b, 0x001d, "ec", 0x0403, 0);
V(ecdsa_aes256_p384, 0xc02c, 0x0018, "p384", 0x0503, 0);
V(ecdsa_chacha_p256, 0xcca9, 0x0017, "ec", 0x0403, 0);
V(ecdsa_aes128_ed25519, 0xc02b, 0x001d, "ed25519", 0x0807, 0);
V(rsa_aes128_x25519, 0xc02f, 0x001d, "rsa", 0x0804, 0);
V(rsa_aes256_p256, 0xc030, 0x0017, "rsa", 0x0804, 0);
V(rsa_chacha_p384, 0xcca8, 0x0018, "rsa", 0x0804, 0);
V(rsakex_aes128, 0x009c, 0, "rsa_kx", 0, TLSHAKE_F_RSA_KEX);
V(rsakex_aes256, 0x009d, 0, "rsa_kx", 0, TLSHAKE_F_RSA_KEX);

FIXTURE_SETUP(tls12)
{
	ASSERT_EQ(0, setup_netns());
	ASSERT_EQ(0, new_pair(&self->c, &self->s));
}

FIXTURE_TEARDOWN(tls12)
{
	close(self->c);
	close(self->s);
}

/*
 * A TLS 1.2-only client and a server that could do TLS 1.3: the suite,
 * group and signature asked for, then data both ways.
 */
TEST_F_TIMEOUT(tls12, handshake_echo, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, variant->cred);
	ch.max_version = V12;
	ch.suites[0] = variant->suite;
	if (variant->group)
		ch.groups[0] = variant->group;
	ch.flags = variant->flags;
	sh.flags = variant->flags;
	ASSERT_EQ(0, run_pair(self->c, self->s, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(TLSHAKE_STATE_ESTABLISHED, ci.state);
	EXPECT_EQ(V12, ci.version);
	EXPECT_EQ(V12, si.version);
	EXPECT_EQ(variant->suite, ci.cipher_suite);
	EXPECT_EQ(variant->suite, si.cipher_suite);
	EXPECT_EQ(variant->group, ci.group);
	EXPECT_EQ(variant->group, si.group);
	EXPECT_EQ(variant->scheme, si.sig_scheme);
	EXPECT_EQ(variant->scheme, ci.peer_sig_scheme);
	EXPECT_EQ(0, ci.resumed);
	EXPECT_STREQ("www.example.com", si.server_name);
	EXPECT_TRUE(echo(self->c, self->s, 1));
	EXPECT_TRUE(echo(self->s, self->c, 8192));
	/* TLS 1.2 has no KeyUpdate */
	serr = 0;
	EXPECT_EQ(-1, setsockopt(self->c, SOL_TLSHAKE, TLSHAKE_KEY_UPDATE,
				 &serr, sizeof(serr)));
	EXPECT_EQ(EOPNOTSUPP, errno);
}

FIXTURE(tls12m)
{
	int c, s;
};

FIXTURE_SETUP(tls12m)
{
	ASSERT_EQ(0, setup_netns());
	ASSERT_EQ(0, new_pair(&self->c, &self->s));
}

FIXTURE_TEARDOWN(tls12m)
{
	close(self->c);
	close(self->s);
}

/* A client offering 1.3 and 1.2 meets a 1.2-only server. */
TEST_F_TIMEOUT(tls12m, client13_server12, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci;
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "ec");
	sh.max_version = V12;
	ASSERT_EQ(0, run_pair(self->c, self->s, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	EXPECT_EQ(V12, ci.version);
	EXPECT_EQ(0xc02b, ci.cipher_suite);
	EXPECT_TRUE(echo(self->c, self->s, 100));
}

/* A TLS 1.3-only client and a TLS 1.2-only server: protocol_version. */
TEST_F_TIMEOUT(tls12m, client13only_server12, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info si;
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "ec");
	ch.min_version = V13;
	sh.max_version = V12;
	EXPECT_EQ(-ECONNABORTED, run_pair(self->c, self->s, &ch, &sh, &serr));
	EXPECT_EQ(-EPROTO, serr);
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(70, si.alert_sent);		/* protocol_version */
}

/* Without TLSHAKE_F_RSA_KEX, RSA key transport is neither listed nor chosen. */
TEST_F_TIMEOUT(tls12m, rsa_kex_refused, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "rsa_kx");
	ch.suites[0] = 0x009c;
	EXPECT_EQ(-EINVAL, handshake(self->c, &ch));	/* not enabled */
	close(self->c);
	close(self->s);
	ASSERT_EQ(0, new_pair(&self->c, &self->s));
	ch.flags = TLSHAKE_F_RSA_KEX;
	ch.max_version = V12;
	EXPECT_EQ(-ECONNABORTED, run_pair(self->c, self->s, &ch, &sh, &serr));
	EXPECT_EQ(-EPROTO, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(40, si.alert_sent);		/* handshake_failure */
	EXPECT_EQ(40, ci.alert_received);
}

/* Client certificates in TLS 1.2: requested, sent, checked. */
TEST_F_TIMEOUT(tls12m, client_cert, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	char certs[8192];
	socklen_t len = sizeof(certs);
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "rsa");
	ch.max_version = V12;
	strcpy(ch.credentials[0], "ec");
	strcpy(sh.trust_store, "roots");
	sh.flags = TLSHAKE_F_REQUEST_CERT | TLSHAKE_F_REQUIRE_CERT;
	ASSERT_EQ(0, run_pair(self->c, self->s, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(0x0403, ci.sig_scheme);
	EXPECT_EQ(0x0403, si.peer_sig_scheme);
	EXPECT_EQ(0, getsockopt(self->s, SOL_TLSHAKE, TLSHAKE_PEER_CERTS,
				certs, &len));
	EXPECT_TRUE(echo(self->c, self->s, 10));
}

/* A required client certificate that does not come: handshake_failure. */
TEST_F_TIMEOUT(tls12m, client_cert_missing, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info si;
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "ec");
	ch.max_version = V12;
	strcpy(sh.trust_store, "roots");
	sh.flags = TLSHAKE_F_REQUEST_CERT | TLSHAKE_F_REQUIRE_CERT;
	EXPECT_NE(0, run_pair(self->c, self->s, &ch, &sh, &serr));
	EXPECT_EQ(-EKEYREJECTED, serr);
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(40, si.alert_sent);
}

/* ALPN in TLS 1.2: the server's first choice the client offers. */
TEST_F_TIMEOUT(tls12m, alpn, HS_TIMEOUT)
{
	static const char c_alpn[] = "\x02h2\x08http/1.1";
	static const char s_alpn[] = "\x08http/1.1\x02h2";
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	int serr;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "ec");
	ch.max_version = V12;
	ch.alpn_len = sizeof(c_alpn) - 1;
	memcpy(ch.alpn, c_alpn, ch.alpn_len);
	sh.alpn_len = sizeof(s_alpn) - 1;
	memcpy(sh.alpn, s_alpn, sh.alpn_len);
	ASSERT_EQ(0, run_pair(self->c, self->s, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_STREQ("http/1.1", ci.alpn);
	EXPECT_STREQ("http/1.1", si.alpn);
}

/*
 * One full handshake, then a second connection offering its session;
 * @flags go to both ends. Returns the session descriptor.
 */
static int first_connection(struct __test_metadata *_metadata,
			    FIXTURE_DATA(tls12m) *self, __u32 flags)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci;
	int serr, sfd;

	hs_client(&ch, "www.example.com");
	hs_server(&sh, "ec");
	ch.max_version = V12;
	ch.flags = flags;
	sh.flags = flags;
	/* no session before the handshake */
	EXPECT_EQ(-ENOTCONN, get_session(self->c));
	EXPECT_EQ(0, run_pair(self->c, self->s, &ch, &sh, &serr));
	EXPECT_EQ(0, serr);
	EXPECT_EQ(0, get_info(self->c, &ci));
	EXPECT_EQ(0, ci.resumed);
	EXPECT_EQ(-ENODATA, get_session(self->s));	/* servers: none */
	sfd = get_session(self->c);
	EXPECT_LE(0, sfd);
	return sfd;
}

static void resume(struct __test_metadata *_metadata, int sfd, __u32 flags,
		   int want)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	char certs[8192];
	socklen_t len = sizeof(certs);
	int c, s, serr;

	ASSERT_EQ(0, new_pair(&c, &s));
	hs_client(&ch, "www.example.com");
	hs_server(&sh, "ec");
	ch.max_version = V12;
	ch.flags = flags;
	sh.flags = flags;
	ASSERT_EQ(0, set_session(c, sfd));
	EXPECT_EQ(0, run_pair(c, s, &ch, &sh, &serr));
	EXPECT_EQ(0, serr);
	ASSERT_EQ(0, get_info(c, &ci));
	ASSERT_EQ(0, get_info(s, &si));
	EXPECT_EQ(want, ci.resumed);
	EXPECT_EQ(want, si.resumed);
	EXPECT_EQ(0xc02b, ci.cipher_suite);
	EXPECT_TRUE(echo(c, s, 4000));
	EXPECT_TRUE(echo(s, c, 4000));
	/* the server's chain, from the session when resumed */
	EXPECT_EQ(0, getsockopt(c, SOL_TLSHAKE, TLSHAKE_PEER_CERTS, certs,
				&len));
	EXPECT_LT(500, len);
	EXPECT_EQ(-EISCONN, set_session(c, sfd));
	close(c);
	close(s);
}

/* Resumption by session ID (no tickets): the server's cache. */
TEST_F_TIMEOUT(tls12m, resume_session_id, HS_TIMEOUT)
{
	int sfd = first_connection(_metadata, self, TLSHAKE_F_NO_TICKETS);

	ASSERT_LE(0, sfd);
	resume(_metadata, sfd, TLSHAKE_F_NO_TICKETS, 1);
	/* a descriptor may be offered again */
	resume(_metadata, sfd, TLSHAKE_F_NO_TICKETS, 1);
	close(sfd);
}

/* Resumption by ticket (RFC 5077). */
TEST_F_TIMEOUT(tls12m, resume_ticket, HS_TIMEOUT)
{
	int sfd = first_connection(_metadata, self, 0);

	ASSERT_LE(0, sfd);
	resume(_metadata, sfd, 0, 1);
	close(sfd);
}

/* A server that does not resume: a full handshake, and the session the
 * client gets then is the new one.
 */
TEST_F_TIMEOUT(tls12m, resume_declined, HS_TIMEOUT)
{
	int sfd = first_connection(_metadata, self, 0);

	ASSERT_LE(0, sfd);
	resume(_metadata, sfd, TLSHAKE_F_NO_RESUMPTION, 0);
	close(sfd);
}

/* A session is offered only to the server name it was made for. */
TEST_F_TIMEOUT(tls12m, resume_other_name, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci;
	int c, s, serr, sfd;

	sfd = first_connection(_metadata, self, 0);
	ASSERT_LE(0, sfd);
	ASSERT_EQ(0, new_pair(&c, &s));
	hs_client(&ch, "192.0.2.1");
	hs_server(&sh, "ec");
	ch.max_version = V12;
	ASSERT_EQ(0, set_session(c, sfd));
	EXPECT_EQ(0, run_pair(c, s, &ch, &sh, &serr));
	ASSERT_EQ(0, get_info(c, &ci));
	EXPECT_EQ(0, ci.resumed);
	close(c);
	close(s);
	close(sfd);
}

/*
 * A session the server does not know (another network namespace: another
 * session cache, other ticket keys): a full handshake, no error.
 */
static void resume_unknown(struct __test_metadata *_metadata,
			   FIXTURE_DATA(tls12m) *self, __u32 flags)
{
	int sfd = first_connection(_metadata, self, flags);

	ASSERT_LE(0, sfd);
	ASSERT_EQ(0, own_netns());
	ASSERT_EQ(0, load_creds12());
	resume(_metadata, sfd, flags, 0);
	close(sfd);
}

TEST_F_TIMEOUT(tls12m, resume_unknown_ticket, HS_TIMEOUT)
{
	resume_unknown(_metadata, self, 0);
}

TEST_F_TIMEOUT(tls12m, resume_unknown_session_id, HS_TIMEOUT)
{
	resume_unknown(_metadata, self, TLSHAKE_F_NO_TICKETS);
}

/* What TLSHAKE_SESSION takes: only a session descriptor, only before. */
TEST_F_TIMEOUT(tls12m, session_option_errors, HS_TIMEOUT)
{
	int fd = open("/dev/null", O_RDONLY);

	EXPECT_EQ(-EBADF, set_session(self->c, 1000));
	EXPECT_EQ(-EINVAL, set_session(self->c, fd));
	EXPECT_EQ(-ENOTCONN, get_session(self->c));
	close(fd);
}

TEST_HARNESS_MAIN
