// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: TLS 1.2 between tlshake and OpenSSL (openssl s_server and
 * s_client) and GnuTLS (gnutls-serv and gnutls-cli), run in the guest on
 * loopback: both roles, every suite with each certificate type, RSA key
 * transport when enabled, and session resumption by session ID and by
 * ticket in both directions.
 *
 * Built three times (selftests/Makefile), so that each binary stays well
 * within the guest's time limit for one kselftest: tls12_openssl and
 * tls12_gnutls (-DTLS12_PEER_OPENSSL, -DTLS12_PEER_GNUTLS), tls12_resume
 * (-DTLS12_RESUME).
 */
#include "kselftest_harness.h"
#include "tls12_peer.h"

#define OSSL_SRV	"openssl s_server -accept 4433 -tls1_2 -rev -msg "
#define OSSL_CLI	"openssl s_client -connect 127.0.0.1:4433 -tls1_2 -msg " \
			"-CAfile " PKI "/roots.pem -verify_return_error "  \
			"-servername www.example.com "			    \
			"-verify_hostname www.example.com "
#define GNUTLS_PRIO	"NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+%s:-KX-ALL:+%s"
#define GNUTLS_CLI	"gnutls-cli -p 4433 --x509cafile " PKI "/roots.pem " \
			"--sni-hostname www.example.com "		     \
			"--verify-hostname www.example.com "

/* A suite, the certificate for it, and the names the peers give them. */
struct pcase {
	__u16 suite;
	const char *ossl;	/* OpenSSL cipher name */
	const char *gcipher;	/* GnuTLS cipher */
	const char *gkx;	/* GnuTLS key exchange */
	const char *cred;	/* tlshake credential */
	const char *leaf;	/* its leaf: <leaf>.pem, <leaf>.key */
	const char *inter;	/* its intermediate CA: <inter>.pem */
	__u32 flags;
};

#define PCASE(su, os, gc, gk, cr, fl)					\
	{								\
		.suite = su, .ossl = os, .gcipher = gc, .gkx = gk,	\
		.cred = cr, .leaf = "leaf_" cr,				\
		.inter = cr[0] == 'r' ? "inter_rsa" : "inter_ec",	\
		.flags = fl,						\
	}

#if defined(TLS12_PEER_OPENSSL) || defined(TLS12_PEER_GNUTLS)
FIXTURE(interop)
{
	pid_t peer;
};

FIXTURE_VARIANT(interop)
{
	struct pcase c;
};

#define V(name, ...)							\
	FIXTURE_VARIANT_ADD(interop, name) { .c = PCASE(__VA_ARGS__) }

V(ecdsa_aes128, 0xc02b, "ECDHE-ECDSA-AES128-GCM-SHA256", "AES-128-GCM",
  "ECDHE-ECDSA", "ec", 0);
V(ecdsa_aes256, 0xc02c, "ECDHE-ECDSA-AES256-GCM-SHA384", "AES-256-GCM",
  "ECDHE-ECDSA", "ec", 0);
V(ecdsa_chacha, 0xcca9, "ECDHE-ECDSA-CHACHA20-POLY1305", "CHACHA20-POLY1305",
  "ECDHE-ECDSA", "ec", 0);
V(ecdsa384_aes256, 0xc02c, "ECDHE-ECDSA-AES256-GCM-SHA384", "AES-256-GCM",
  "ECDHE-ECDSA", "p384", 0);
V(rsa_aes128, 0xc02f, "ECDHE-RSA-AES128-GCM-SHA256", "AES-128-GCM",
  "ECDHE-RSA", "rsa", 0);
V(rsa_aes256, 0xc030, "ECDHE-RSA-AES256-GCM-SHA384", "AES-256-GCM",
  "ECDHE-RSA", "rsa", 0);
V(rsa_chacha, 0xcca8, "ECDHE-RSA-CHACHA20-POLY1305", "CHACHA20-POLY1305",
  "ECDHE-RSA", "rsa", 0);
V(rsakex_aes128, 0x009c, "AES128-GCM-SHA256", "AES-128-GCM", "RSA",
  "rsa_kx", TLSHAKE_F_RSA_KEX);
V(rsakex_aes256, 0x009d, "AES256-GCM-SHA384", "AES-256-GCM", "RSA",
  "rsa_kx", TLSHAKE_F_RSA_KEX);

FIXTURE_SETUP(interop)
{
	ASSERT_EQ(0, setup12());
	self->peer = 0;
}

FIXTURE_TEARDOWN(interop)
{
	if (self->peer > 0)
		stop(self->peer);
}
#endif

/* A tlshake client handshake to the peer on PEER_PORT. */
static inline int client_to_peer(struct __test_metadata *_metadata,
			  const struct pcase *variant, int sfd,
			  int *out)
{
	struct tlshake_handshake ch;
	struct tlshake_info ci;
	int fd, err;

	fd = connect_port(PEER_PORT);
	if (fd < 0 || attach(fd))
		return -1;
	hs_client(&ch, "www.example.com");
	ch.max_version = V12;
	ch.suites[0] = variant->suite;
	ch.flags = variant->flags;
	ch.timeout_ms = HS_LIMIT_MS;
	if (sfd >= 0)
		EXPECT_EQ(0, set_session(fd, sfd));
	err = handshake(fd, &ch);
	if (err) {
		print_info("tlshake client", fd);
		fprintf(stderr, "# peer:\n%s\n", slurp(PEER_LOG));
		close(fd);
		return err;
	}
	EXPECT_EQ(0, get_info(fd, &ci));
	EXPECT_EQ(V12, ci.version);
	EXPECT_EQ(variant->suite, ci.cipher_suite);
	*out = fd;
	return 0;
}

/* openssl s_server -rev: what we send comes back reversed. */
static inline void check_rev(struct __test_metadata *_metadata, int fd)
{
	char buf[16] = { 0 };

	ASSERT_TRUE(write_all(fd, "tlshake12\n", 10));
	ASSERT_TRUE(read_all(fd, buf, 10));
	EXPECT_STREQ("21ekahslt\n", buf);
}

#ifdef TLS12_PEER_OPENSSL
TEST_F_TIMEOUT(interop, client_openssl, HS_TIMEOUT)
{
	int fd;

	self->peer = spawn(PEER_LOG, "exec " OSSL_SRV "-naccept 1 -cipher %s "
			   "-cert " PKI "/%s.pem -key " PKI "/%s.key "
			   "-cert_chain " PKI "/%s.pem", variant->c.ossl,
			   variant->c.leaf, variant->c.leaf, variant->c.inter);
	ASSERT_TRUE(wait_log(PEER_LOG, "ACCEPT"));
	ASSERT_EQ(0, client_to_peer(_metadata, &variant->c, -1, &fd));
	check_rev(_metadata, fd);
	close(fd);
	EXPECT_EQ(0, reap(self->peer, PEER_WAIT));
	self->peer = 0;
}
#endif

/* gnutls-serv --echo */
#ifdef TLS12_PEER_GNUTLS
TEST_F_TIMEOUT(interop, client_gnutls, HS_TIMEOUT)
{
	char buf[16] = { 0 };
	int fd;

	self->peer = spawn(PEER_LOG, "exec gnutls-serv -p 4433 --echo "
			   "--x509certfile " PKI "/chain_%s.pem "
			   "--x509keyfile " PKI "/%s.key --priority " GNUTLS_PRIO,
			   variant->c.cred, variant->c.leaf, variant->c.gcipher,
			   variant->c.gkx);
	ASSERT_TRUE(wait_log(PEER_LOG, "listening on IPv4"));
	ASSERT_EQ(0, client_to_peer(_metadata, &variant->c, -1, &fd));
	ASSERT_TRUE(write_all(fd, "tlshake12\n", 10));
	ASSERT_TRUE(read_all(fd, buf, 10));
	EXPECT_STREQ("tlshake12\n", buf);
	close(fd);
}
#endif

/*
 * A tlshake server on PEER_PORT for one connection of a peer client:
 * reads "ping\n", answers "pong-tlshake\n". Returns the server's errno.
 */
static inline int serve_one(struct __test_metadata *_metadata,
		     const struct pcase *variant, int l,
		     __u32 flags, struct tlshake_info *si, bool data)
{
	struct tlshake_handshake sh;
	char buf[8] = { 0 };
	int fd, err;

	fd = accept_wait(l);
	if (fd < 0 || attach(fd))
		return -1;
	hs_server(&sh, variant->cred);
	sh.max_version = V12;
	sh.flags = variant->flags | flags;
	sh.timeout_ms = HS_LIMIT_MS;
	err = handshake(fd, &sh);
	get_info(fd, si);
	if (err) {
		print_info("tlshake server", fd);
	} else if (data) {
		EXPECT_TRUE(read_all(fd, buf, 5));
		EXPECT_STREQ("ping\n", buf);
		EXPECT_TRUE(write_all(fd, "pong-tlshake\n", 13));
	}
	close(fd);
	return err;
}

static inline void check_served(struct __test_metadata *_metadata,
			 const struct pcase *variant,
			 const struct tlshake_info *si)
{
	EXPECT_EQ(TLSHAKE_STATE_ESTABLISHED, si->state);
	EXPECT_EQ(V12, si->version);
	EXPECT_EQ(variant->suite, si->cipher_suite);
	EXPECT_STREQ("www.example.com", si->server_name);
}

#ifdef TLS12_PEER_OPENSSL
TEST_F_TIMEOUT(interop, server_openssl, HS_TIMEOUT)
{
	struct tlshake_info si;
	int l = listen_port(PEER_PORT);

	ASSERT_LE(0, l);
	ASSERT_EQ(0, write_file(PEER_IN, "ping\n"));
	self->peer = spawn(PEER_LOG, "exec " OSSL_CLI "-cipher %s -ign_eof "
			   "<" PEER_IN, variant->c.ossl);
	ASSERT_EQ(0, serve_one(_metadata, &variant->c, l, 0, &si, true));
	check_served(_metadata, &variant->c, &si);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	EXPECT_TRUE(log_has(PEER_LOG, "Verify return code: 0 (ok)"));
	close(l);
}
#endif

#ifdef TLS12_PEER_GNUTLS
TEST_F_TIMEOUT(interop, server_gnutls, HS_TIMEOUT)
{
	struct tlshake_info si;
	int l = listen_port(PEER_PORT);

	ASSERT_LE(0, l);
	ASSERT_EQ(0, write_file(PEER_IN, "ping\n"));
	self->peer = spawn(PEER_LOG, "exec " GNUTLS_CLI "--priority "
			   GNUTLS_PRIO " 127.0.0.1 <" PEER_IN,
			   variant->c.gcipher, variant->c.gkx);
	ASSERT_EQ(0, serve_one(_metadata, &variant->c, l, 0, &si, true));
	check_served(_metadata, &variant->c, &si);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	EXPECT_TRUE(log_has(PEER_LOG, "The certificate is trusted"));
	close(l);
}
#endif

/* Resumption, for a few of the suites. */
#if defined(TLS12_RESUME)
FIXTURE(resume)
{
	pid_t peer;
};

FIXTURE_VARIANT(resume)
{
	struct pcase c;
};

#define R(name, ...)							\
	FIXTURE_VARIANT_ADD(resume, name) { .c = PCASE(__VA_ARGS__) }

R(ecdsa_aes128, 0xc02b, "ECDHE-ECDSA-AES128-GCM-SHA256", "AES-128-GCM",
  "ECDHE-ECDSA", "ec", 0);
R(rsakex_aes256, 0x009d, "AES256-GCM-SHA384", "AES-256-GCM", "RSA",
  "rsa_kx", TLSHAKE_F_RSA_KEX);

FIXTURE_SETUP(resume)
{
	ASSERT_EQ(0, setup12());
	self->peer = 0;
}

FIXTURE_TEARDOWN(resume)
{
	if (self->peer > 0)
		stop(self->peer);
}
#endif

/* Resumption: a tlshake client and openssl s_server (tickets or IDs). */
static inline void client_resume(struct __test_metadata *_metadata,
			  pid_t *peer,
			  const struct pcase *variant,
			  const char *opts)
{
	struct tlshake_info ci;
	int fd, sfd;

	*peer = spawn(PEER_LOG, "exec " OSSL_SRV "-naccept 2 -cipher %s "
			   "-cert " PKI "/%s.pem -key " PKI "/%s.key "
			   "-cert_chain " PKI "/%s.pem %s", variant->ossl,
			   variant->leaf, variant->leaf, variant->inter, opts);
	ASSERT_TRUE(wait_log(PEER_LOG, "ACCEPT"));
	ASSERT_EQ(0, client_to_peer(_metadata, variant, -1, &fd));
	check_rev(_metadata, fd);
	sfd = get_session(fd);
	ASSERT_LE(0, sfd);
	close(fd);
	ASSERT_EQ(0, client_to_peer(_metadata, variant, sfd, &fd));
	ASSERT_EQ(0, get_info(fd, &ci));
	EXPECT_EQ(1, ci.resumed);
	check_rev(_metadata, fd);
	close(fd);
	close(sfd);
	EXPECT_EQ(0, reap(*peer, PEER_WAIT));
	*peer = 0;
}

#ifdef TLS12_RESUME
TEST_F_TIMEOUT(resume, client_resume_ticket, HS_TIMEOUT)
{
	client_resume(_metadata, &self->peer, &variant->c, "");
}
#endif

#ifdef TLS12_RESUME
TEST_F_TIMEOUT(resume, client_resume_id, HS_TIMEOUT)
{
	client_resume(_metadata, &self->peer, &variant->c, "-no_ticket");
}
#endif

/* openssl s_client -sess_out, then -sess_in: tlshake's cache or ticket. */
static inline void server_resume(struct __test_metadata *_metadata,
			  pid_t *peer,
			  const struct pcase *variant,
			  const char *opts)
{
	struct tlshake_info si;
	int l = listen_port(PEER_PORT);

	ASSERT_LE(0, l);
	ASSERT_EQ(0, write_file(PEER_IN, "ping\n"));
	*peer = spawn(PEER_LOG, "exec " OSSL_CLI "-cipher %s -ign_eof "
			   "%s -sess_out /tmp/tls12.sess <" PEER_IN,
			   variant->ossl, opts);
	ASSERT_EQ(0, serve_one(_metadata, variant, l, 0, &si, true));
	EXPECT_EQ(0, si.resumed);
	reap(*peer, PEER_WAIT);
	EXPECT_TRUE(log_has(PEER_LOG, "New, TLSv1.2"));
	*peer = spawn(PEER_LOG, "exec " OSSL_CLI "-cipher %s -ign_eof "
			   "%s -sess_in /tmp/tls12.sess <" PEER_IN,
			   variant->ossl, opts);
	ASSERT_EQ(0, serve_one(_metadata, variant, l, 0, &si, true));
	check_served(_metadata, variant, &si);
	EXPECT_EQ(1, si.resumed);
	reap(*peer, PEER_WAIT);
	*peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "Reused, TLSv1.2"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	close(l);
}

#ifdef TLS12_RESUME
TEST_F_TIMEOUT(resume, server_resume_ticket, HS_TIMEOUT)
{
	server_resume(_metadata, &self->peer, &variant->c, "");
}
#endif

#ifdef TLS12_RESUME
TEST_F_TIMEOUT(resume, server_resume_id, HS_TIMEOUT)
{
	server_resume(_metadata, &self->peer, &variant->c, "-no_ticket");
}
#endif

/* gnutls-cli --resume: a second connection resuming the first. */
#ifdef TLS12_RESUME
TEST_F_TIMEOUT(resume, server_gnutls_resume, HS_TIMEOUT)
{
	struct tlshake_info si;
	int l = listen_port(PEER_PORT);

	ASSERT_LE(0, l);
	self->peer = spawn(PEER_LOG, "exec " GNUTLS_CLI "--resume --priority "
			   GNUTLS_PRIO " 127.0.0.1 </dev/null",
			   variant->c.gcipher, variant->c.gkx);
	ASSERT_EQ(0, serve_one(_metadata, &variant->c, l, 0, &si, false));
	EXPECT_EQ(0, si.resumed);
	ASSERT_EQ(0, serve_one(_metadata, &variant->c, l, 0, &si, false));
	check_served(_metadata, &variant->c, &si);
	EXPECT_EQ(1, si.resumed);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "This is a resumed session"));
	close(l);
}
#endif

/* openssl s_client -reconnect: five more connections, all resumed. */
#ifdef TLS12_RESUME
TEST_F_TIMEOUT(resume, server_openssl_reconnect, HS_TIMEOUT)
{
	struct tlshake_info si;
	int l = listen_port(PEER_PORT), i;

	ASSERT_LE(0, l);
	self->peer = spawn(PEER_LOG, "exec " OSSL_CLI "-cipher %s -reconnect "
			   "</dev/null", variant->c.ossl);
	for (i = 0; i < 6; i++) {
		ASSERT_EQ(0, serve_one(_metadata, &variant->c, l, 0, &si,
				       false));
		EXPECT_EQ(i > 0, si.resumed) TH_LOG("connection %d", i);
	}
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	close(l);
}
#endif

TEST_HARNESS_MAIN
