// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: TLS 1.3 session resumption (RFC 8446 2.2): tlshake to
 * tlshake, a tlshake server resumed by openssl s_client and gnutls-cli, a
 * tlshake client resuming with openssl s_server and gnutls-serv; tickets
 * that must not resume (tampered, expired), a bad binder (decrypt_error),
 * the tickets13 module parameter and the flags that turn tickets off, and
 * 0-RTT data that a tlshake server skips.
 *
 * The peers' session files are edited by sess_edit.py.
 */
#include "kselftest_harness.h"
#include "tls12_peer.h"

#define OSSL_SRV13	"openssl s_server -accept 4433 -tls1_3 -rev -naccept 2 " \
			"-cert " PKI "/leaf_ec.pem -key " PKI "/leaf_ec.key " \
			"-cert_chain " PKI "/inter_ec.pem "
#define OSSL_CLI13	"openssl s_client -connect 127.0.0.1:4433 -tls1_3 -msg " \
			"-CAfile " PKI "/roots.pem -verify_return_error "   \
			"-servername www.example.com -ign_eof "		     \
			"-verify_hostname www.example.com "
#define GNUTLS_CLI13	"gnutls-cli -p 4433 --x509cafile " PKI "/roots.pem " \
			"--sni-hostname www.example.com "		     \
			"--verify-hostname www.example.com "		     \
			"--priority NORMAL:-VERS-ALL:+VERS-TLS1.3 "
#define SESS		"/tmp/tls13.sess"
#define SESS2		"/tmp/tls13-edited.sess"
#define EARLY_IN	"/tmp/tls13-early.in"
#define PARAM		"/sys/module/tlshake/parameters/"
#define SESS_EDIT	TLSHAKE_REPO "/selftests/sess_edit.py"

static int set_param(const char *name, unsigned int v)
{
	char path[128], val[16];

	snprintf(path, sizeof(path), PARAM "%s", name);
	snprintf(val, sizeof(val), "%u\n", v);
	return write_file(path, val);
}

/* A counter of /proc/net/tlshake_stat (our namespace), -1 if absent. */
static long long stat_of(const char *name)
{
	FILE *f = fopen("/proc/net/tlshake_stat", "r");
	unsigned long long v;
	long long r = -1;
	char n[64];

	if (!f)
		return -1;
	while (fscanf(f, "%63s %llu", n, &v) == 2)
		if (!strcmp(n, name))
			r = v;
	fclose(f);
	return r;
}

FIXTURE(r13)
{
	pid_t peer;
	int l;
};

FIXTURE_SETUP(r13)
{
	ASSERT_EQ(0, setup12());
	ASSERT_EQ(0, set_param("tickets13", 2));
	ASSERT_EQ(0, set_param("session_lifetime", 7200));
	self->peer = 0;
	self->l = -1;
}

FIXTURE_TEARDOWN(r13)
{
	if (self->peer > 0)
		stop(self->peer);
	if (self->l >= 0)
		close(self->l);
	set_param("tickets13", 2);
	set_param("session_lifetime", 7200);
}

/* A tlshake server that says "hello\n" first, then echoes one line. */
struct srv {
	struct hs_thread t;
	struct tlshake_info info;
	bool data_ok;
};

static void *srv_fn(void *arg)
{
	struct srv *s = arg;
	char buf[8] = { 0 };

	s->t.err = handshake(s->t.fd, &s->t.h);
	get_info(s->t.fd, &s->info);
	if (s->t.err)
		return NULL;
	s->data_ok = write_all(s->t.fd, "hello\n", 6) &&
		     read_all(s->t.fd, buf, 5) && !strcmp(buf, "ping\n") &&
		     write_all(s->t.fd, "pong\n", 5);
	return NULL;
}

/*
 * One tlshake <-> tlshake connection; the client offers @sfd (if >= 0).
 * With @hrr, the server wants a group the client sent no share for.
 * Returns the client's new session descriptor, or -errno of getsockopt.
 */
static int pair_v(struct __test_metadata *_metadata, __u32 srv_flags,
		  int sfd, bool hrr, __u16 cli_min, __u16 cli_max,
		  struct tlshake_info *ci, struct tlshake_info *si)
{
	struct tlshake_handshake ch;
	char buf[8] = { 0 };
	struct srv s = { 0 };
	int c, l, out;

	l = tcp_pair(AF_INET, &c, &s.t.fd);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, attach(c));
	ASSERT_EQ(0, attach(s.t.fd));
	hs_server(&s.t.h, "ec");
	s.t.h.flags = srv_flags;
	s.t.h.timeout_ms = HS_LIMIT_MS;
	hs_client(&ch, "www.example.com");
	ch.min_version = cli_min;
	ch.max_version = cli_max;
	ch.timeout_ms = HS_LIMIT_MS;
	if (hrr) {
		/* shares for X25519 and P-384; the server takes P-256 only */
		ch.groups[0] = 0x001d;
		ch.groups[1] = 0x0018;
		ch.groups[2] = 0x0017;
		s.t.h.groups[0] = 0x0017;
	}
	if (sfd >= 0)
		ASSERT_EQ(0, set_session(c, sfd));
	ASSERT_EQ(0, pthread_create(&s.t.thread, NULL, srv_fn, &s));
	EXPECT_EQ(0, handshake(c, &ch));
	/* the tickets come before "hello": read it, then ask */
	EXPECT_TRUE(read_all(c, buf, 6));
	EXPECT_STREQ("hello\n", buf);
	out = get_session(c);
	memset(buf, 0, sizeof(buf));
	EXPECT_TRUE(write_all(c, "ping\n", 5));
	EXPECT_TRUE(read_all(c, buf, 5));
	EXPECT_STREQ("pong\n", buf);
	pthread_join(s.t.thread, NULL);
	EXPECT_EQ(0, s.t.err);
	EXPECT_TRUE(s.data_ok);
	EXPECT_EQ(0, get_info(c, ci));
	*si = s.info;
	EXPECT_EQ(cli_max, ci->version);
	EXPECT_EQ(cli_max, si->version);
	close(c);
	close(s.t.fd);
	close(l);
	return out;
}

static int pair_hrr(struct __test_metadata *_metadata, __u32 srv_flags,
		    int sfd, bool hrr, struct tlshake_info *ci,
		    struct tlshake_info *si)
{
	return pair_v(_metadata, srv_flags, sfd, hrr, V13, V13, ci, si);
}

static int pair_once(struct __test_metadata *_metadata, __u32 srv_flags,
		     int sfd, struct tlshake_info *ci, struct tlshake_info *si)
{
	return pair_hrr(_metadata, srv_flags, sfd, false, ci, si);
}

TEST_F_TIMEOUT(r13, tlshake_pair, HS_TIMEOUT)
{
	struct tlshake_info ci, si;
	long long resumed;
	int sfd, sfd2;

	resumed = stat_of("TlshakeHandshakeResumed");
	ASSERT_LE(0, resumed);
	sfd = pair_once(_metadata, 0, -1, &ci, &si);
	ASSERT_LE(0, sfd);
	EXPECT_EQ(0, ci.resumed);
	EXPECT_EQ(resumed, stat_of("TlshakeHandshakeResumed"));
	EXPECT_NE(0, si.sig_scheme);
	sfd2 = pair_once(_metadata, 0, sfd, &ci, &si);
	EXPECT_EQ(1, ci.resumed);
	EXPECT_EQ(1, si.resumed);
	/* both ends count it */
	EXPECT_EQ(resumed + 2, stat_of("TlshakeHandshakeResumed"));
	/* no Certificate, no CertificateVerify: the server signed nothing */
	EXPECT_EQ(0, si.sig_scheme);
	EXPECT_NE(0, ci.peer_sig_scheme);	/* the full handshake's */
	EXPECT_EQ(ci.cipher_suite, si.cipher_suite);
	/* the resumed connection's tickets resume too */
	ASSERT_LE(0, sfd2);
	close(pair_once(_metadata, 0, sfd2, &ci, &si));
	EXPECT_EQ(1, si.resumed);
	close(sfd);
	close(sfd2);
}

/* RFC 8446 4.1.4: after a HelloRetryRequest the binder is recomputed */
TEST_F_TIMEOUT(r13, tlshake_pair_hrr, HS_TIMEOUT)
{
	struct tlshake_info ci, si;
	int sfd;

	sfd = pair_hrr(_metadata, 0, -1, true, &ci, &si);
	ASSERT_LE(0, sfd);
	EXPECT_EQ(0x0017, si.group);
	close(pair_hrr(_metadata, 0, sfd, true, &ci, &si));
	EXPECT_EQ(1, ci.resumed);
	EXPECT_EQ(1, si.resumed);
	EXPECT_EQ(0x0017, ci.group);
	close(sfd);
}

/* A TLS 1.3 ticket only in TLS 1.3, a TLS 1.2 session only in TLS 1.2 */
TEST_F_TIMEOUT(r13, version_bound, HS_TIMEOUT)
{
	struct tlshake_info ci, si;
	int s13, s12;

	s13 = pair_once(_metadata, 0, -1, &ci, &si);
	ASSERT_LE(0, s13);
	s12 = pair_v(_metadata, 0, s13, false, V12, V12, &ci, &si);
	EXPECT_EQ(0, ci.resumed);
	ASSERT_LE(0, s12);
	/* the 1.2 session resumes in 1.2; not in a 1.3-only handshake */
	close(pair_v(_metadata, 0, s12, false, V12, V12, &ci, &si));
	EXPECT_EQ(1, ci.resumed);
	close(pair_once(_metadata, 0, s12, &ci, &si));
	EXPECT_EQ(0, ci.resumed);
	close(s12);
	close(s13);
}

TEST_F_TIMEOUT(r13, no_tickets_flags, HS_TIMEOUT)
{
	struct tlshake_info ci, si;
	int sfd;

	/* no ticket: nothing to get */
	EXPECT_EQ(-ENODATA, pair_once(_metadata, TLSHAKE_F_NO_TICKETS, -1,
				      &ci, &si));
	EXPECT_EQ(-ENODATA, pair_once(_metadata, TLSHAKE_F_NO_RESUMPTION, -1,
				      &ci, &si));
	ASSERT_EQ(0, set_param("tickets13", 0));
	EXPECT_EQ(-ENODATA, pair_once(_metadata, 0, -1, &ci, &si));
	ASSERT_EQ(0, set_param("tickets13", 2));
	/* a server that does not resume: a full handshake */
	sfd = pair_once(_metadata, 0, -1, &ci, &si);
	ASSERT_LE(0, sfd);
	close(pair_once(_metadata, TLSHAKE_F_NO_RESUMPTION, sfd, &ci, &si));
	EXPECT_EQ(0, ci.resumed);
	EXPECT_EQ(0, si.resumed);
	close(sfd);
}

/*
 * A tlshake server for one connection of a peer client: reads "ping\n",
 * answers "pong-tlshake\n". Returns the handshake's errno.
 */
static int serve13(struct __test_metadata *_metadata, int l, __u32 flags,
		   struct tlshake_info *si, bool data)
{
	struct tlshake_handshake sh;
	char buf[8] = { 0 };
	int fd, err;

	fd = accept_wait(l);
	if (fd < 0 || attach(fd))
		return -1;
	hs_server(&sh, "ec");
	sh.min_version = V13;
	sh.flags = flags;
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

/* openssl s_client with @opts against serve13(); its log in PEER_LOG. */
static int ossl_once(struct __test_metadata *_metadata, pid_t *peer, int l,
		     const char *opts, struct tlshake_info *si)
{
	int err;

	*peer = spawn(PEER_LOG, "exec " OSSL_CLI13 "%s <" PEER_IN, opts);
	err = serve13(_metadata, l, 0, si, true);
	reap(*peer, PEER_WAIT);
	*peer = 0;
	return err;
}

static int count(const char *log, const char *what)
{
	const char *p = slurp(log);
	int n = 0;

	while ((p = strstr(p, what))) {
		n++;
		p++;
	}
	return n;
}

/* A first connection that saves its session in SESS. */
static void ossl_first(struct __test_metadata *_metadata, pid_t *peer, int l)
{
	struct tlshake_info si;

	ASSERT_EQ(0, write_file(PEER_IN, "ping\n"));
	ASSERT_EQ(0, ossl_once(_metadata, peer, l, "-sess_out " SESS, &si));
	EXPECT_EQ(0, si.resumed);
	EXPECT_TRUE(log_has(PEER_LOG, "New, TLSv1.3"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
}

TEST_F_TIMEOUT(r13, server_openssl, HS_TIMEOUT)
{
	struct tlshake_info si;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	ASSERT_EQ(0, set_param("tickets13", 3));
	ossl_first(_metadata, &self->peer, self->l);
	EXPECT_EQ(3, count(PEER_LOG, ", NewSessionTicket"));
	ASSERT_EQ(0, ossl_once(_metadata, &self->peer, self->l,
			       "-sess_in " SESS, &si));
	EXPECT_EQ(1, si.resumed);
	EXPECT_EQ(0, si.sig_scheme);
	EXPECT_TRUE(log_has(PEER_LOG, "Reused, TLSv1.3"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	/* a share we do not take: HelloRetryRequest, binder recomputed */
	ASSERT_EQ(0, ossl_once(_metadata, &self->peer, self->l,
			       "-groups X448:P-256 -sess_in " SESS, &si));
	EXPECT_EQ(1, si.resumed);
	EXPECT_EQ(0x0017, si.group);
	EXPECT_TRUE(log_has(PEER_LOG, "Reused, TLSv1.3"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	/* no tickets: s_client sees none */
	ASSERT_EQ(0, set_param("tickets13", 0));
	ASSERT_EQ(0, ossl_once(_metadata, &self->peer, self->l, "", &si));
	EXPECT_EQ(0, count(PEER_LOG, ", NewSessionTicket"));
}

TEST_F_TIMEOUT(r13, server_bad_tickets, HS_TIMEOUT)
{
	struct tlshake_info si;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	ossl_first(_metadata, &self->peer, self->l);
	/* a ticket that does not open: a full handshake */
	ASSERT_EQ(0, sh("python3 " SESS_EDIT " " SESS " " SESS2
			" flip-ticket"));
	ASSERT_EQ(0, ossl_once(_metadata, &self->peer, self->l,
			       "-sess_in " SESS2, &si));
	EXPECT_EQ(0, si.resumed);
	EXPECT_TRUE(log_has(PEER_LOG, "New, TLSv1.3"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	/* a good ticket with a binder of the wrong PSK: decrypt_error */
	ASSERT_EQ(0, sh("python3 " SESS_EDIT " " SESS " " SESS2 " flip-psk"));
	EXPECT_EQ(-EBADMSG, ossl_once(_metadata, &self->peer, self->l,
				      "-sess_in " SESS2, &si));
	EXPECT_EQ(51, si.alert_sent);	/* decrypt_error */
	EXPECT_EQ(TLSHAKE_STATE_FAILED, si.state);
	EXPECT_TRUE(log_has(PEER_LOG, "decrypt"));
	/* expired (the lifetime was cut since): a full handshake */
	ASSERT_EQ(0, set_param("session_lifetime", 10));
	sleep(11);
	ASSERT_EQ(0, ossl_once(_metadata, &self->peer, self->l,
			       "-sess_in " SESS, &si));
	EXPECT_EQ(0, si.resumed);
	EXPECT_TRUE(log_has(PEER_LOG, "New, TLSv1.3"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
}

TEST_F_TIMEOUT(r13, server_skips_early_data, HS_TIMEOUT)
{
	struct tlshake_info si;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	ossl_first(_metadata, &self->peer, self->l);
	/* our tickets allow no early data: make s_client believe they do */
	ASSERT_EQ(0, sh("python3 " SESS_EDIT " " SESS " " SESS2
			" early-data"));
	ASSERT_EQ(0, write_file(EARLY_IN, "EARLY-DATA-MUST-NOT-ARRIVE\n"));
	ASSERT_EQ(0, ossl_once(_metadata, &self->peer, self->l,
			       "-sess_in " SESS2 " -early_data " EARLY_IN,
			       &si));
	/* serve13() read "ping\n" first: the early data was skipped */
	EXPECT_EQ(1, si.resumed);
	EXPECT_TRUE(log_has(PEER_LOG, "Early data was rejected"));
	EXPECT_TRUE(log_has(PEER_LOG, "Reused, TLSv1.3"));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
}

TEST_F_TIMEOUT(r13, server_gnutls, HS_TIMEOUT)
{
	struct tlshake_info si;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	self->peer = spawn(PEER_LOG, "exec " GNUTLS_CLI13 "--resume "
			   "127.0.0.1 </dev/null");
	ASSERT_EQ(0, serve13(_metadata, self->l, 0, &si, false));
	EXPECT_EQ(0, si.resumed);
	ASSERT_EQ(0, serve13(_metadata, self->l, 0, &si, false));
	EXPECT_EQ(1, si.resumed);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "This is a resumed session"));
}

/* A tlshake client to the peer on PEER_PORT; @line comes back as @echo. */
static int client13(struct __test_metadata *_metadata, int sfd,
		    const char *line, const char *echo,
		    struct tlshake_info *ci)
{
	struct tlshake_handshake ch;
	char buf[16] = { 0 };
	int fd, out;

	fd = connect_port(PEER_PORT);
	if (fd < 0 || attach(fd))
		return -1;
	hs_client(&ch, "www.example.com");
	ch.min_version = V13;
	ch.timeout_ms = HS_LIMIT_MS;
	if (sfd >= 0)
		EXPECT_EQ(0, set_session(fd, sfd));
	if (handshake(fd, &ch)) {
		print_info("tlshake client", fd);
		fprintf(stderr, "# peer:\n%s\n", slurp(PEER_LOG));
		close(fd);
		return -1;
	}
	EXPECT_TRUE(write_all(fd, line, strlen(line)));
	EXPECT_TRUE(read_all(fd, buf, strlen(echo)));
	EXPECT_STREQ(echo, buf);
	out = get_session(fd);
	EXPECT_EQ(0, get_info(fd, ci));
	close(fd);
	return out;
}

TEST_F_TIMEOUT(r13, client_openssl, HS_TIMEOUT)
{
	struct tlshake_info ci;
	int sfd;

	self->peer = spawn(PEER_LOG, "exec " OSSL_SRV13);
	ASSERT_TRUE(wait_log(PEER_LOG, "ACCEPT"));
	sfd = client13(_metadata, -1, "tlshake13\n", "31ekahslt\n", &ci);
	ASSERT_LE(0, sfd);
	EXPECT_EQ(0, ci.resumed);
	close(client13(_metadata, sfd, "tlshake13\n", "31ekahslt\n", &ci));
	EXPECT_EQ(1, ci.resumed);
	EXPECT_EQ(V13, ci.version);
	close(sfd);
	EXPECT_EQ(0, reap(self->peer, PEER_WAIT));
	self->peer = 0;
}

TEST_F_TIMEOUT(r13, client_gnutls, HS_TIMEOUT)
{
	struct tlshake_info ci;
	int sfd;

	self->peer = spawn(PEER_LOG, "exec gnutls-serv -p 4433 --echo "
			   "--x509certfile " PKI "/chain_ec.pem "
			   "--x509keyfile " PKI "/leaf_ec.key "
			   "--priority NORMAL:-VERS-ALL:+VERS-TLS1.3");
	ASSERT_TRUE(wait_log(PEER_LOG, "listening on IPv4"));
	sfd = client13(_metadata, -1, "tlshake13\n", "tlshake13\n", &ci);
	ASSERT_LE(0, sfd);
	EXPECT_EQ(0, ci.resumed);
	close(client13(_metadata, sfd, "tlshake13\n", "tlshake13\n", &ci));
	EXPECT_EQ(1, ci.resumed);
	close(sfd);
}

TEST_HARNESS_MAIN
