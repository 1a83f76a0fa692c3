// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: client authentication, TLS 1.3 and 1.2, in both roles.
 *
 * - tlshake server, certificate required or optional, against a tlshake
 *   client, `openssl s_client -cert` and `gnutls-cli --x509certfile`: a
 *   good client certificate (its subject then reads back through
 *   TLSHAKE_PEER_SUBJECT), none, one from an untrusted CA (unknown_ca) and
 *   one whose extKeyUsage is serverAuth only (unsupported_certificate);
 * - tlshake client against `openssl s_server -Verify 1` / `-verify 1` and
 *   `gnutls-serv --require-client-cert --verify-client-cert`: with a
 *   credential (the server logs its subject) and without (an empty
 *   Certificate, refused when required, accepted when optional);
 * - TLSHAKE_F_SEND_CA_NAMES: the certificate_authorities the server sends
 *   make a client with several credentials choose the right one.
 *
 * Each case runs once per version (the fixture's variants). Every failure
 * is checked on both ends: the errno and alert of the side that refused,
 * and the alert the other side received.
 */
#include "kselftest_harness.h"
#include "tls12_peer.h"

#define SUBJ_CLIENT	"CN=client only,O=tlshake test"
#define SUBJ_SERVER	"CN=www.example.com,O=tlshake test"

/* AlertDescription values (RFC 8446 6.2) */
#define A_HANDSHAKE_FAILURE	40
#define A_UNSUPPORTED_CERT	43
#define A_UNKNOWN_CA		48
#define A_DECODE_ERROR		50
#define A_CERT_REQUIRED		116

#define REQ		TLSHAKE_F_REQUEST_CERT
#define REQUIRE		(TLSHAKE_F_REQUEST_CERT | TLSHAKE_F_REQUIRE_CERT)

/* The client's certificate as the peers' command lines give it. */
#define OSSL_GOOD	"-cert " PKI "/leaf_client.pem -cert_chain " PKI \
			"/inter_ec.pem -key " PKI "/leaf_ec.key"
#define OSSL_UNTRUSTED	"-cert " PKI "/leaf_other.pem -key " PKI "/leaf_ec.key"
#define OSSL_WRONG_EKU	"-cert " PKI "/leaf_srvonly.pem -cert_chain " PKI \
			"/inter_ec.pem -key " PKI "/leaf_ec.key"
#define OSSL_RSA	"-cert " PKI "/leaf_rsa.pem -cert_chain " PKI \
			"/inter_rsa.pem -key " PKI "/leaf_rsa.key"
#define GNUTLS_GOOD	"--x509certfile " PKI "/chain_client.pem " \
			"--x509keyfile " PKI "/leaf_ec.key"
#define GNUTLS_UNTRUSTED "--x509certfile " PKI "/leaf_other.pem " \
			"--x509keyfile " PKI "/leaf_ec.key"
#define GNUTLS_WRONG_EKU "--x509certfile " PKI "/chain_srvonly.pem " \
			"--x509keyfile " PKI "/leaf_ec.key"

/*
 * One network namespace and one set of credentials for all the tests
 * (the harness forks each from this process): tlshakectl is slow to start
 * in the emulated guest. Credentials: "ec" (the server's), "client" (a
 * clientAuth-only leaf under the EC root), "srvonly" (serverAuth only),
 * "untrusted" (under a root no trust store has), "rsa" (under the RSA
 * root); trust stores "roots" (both roots) and "ecroot" (the EC root).
 */
static char setup_err[64];

static int load_creds(void)
{
	static const char *const creds[][3] = {
		{ "ec", "leaf_ec.pem --cert " PKI "/inter_ec.pem", "leaf_ec" },
		{ "rsa", "leaf_rsa.pem --cert " PKI "/inter_rsa.pem",
		  "leaf_rsa" },
		{ "client", "leaf_client.pem --cert " PKI "/inter_ec.pem",
		  "leaf_ec" },
		{ "srvonly", "leaf_srvonly.pem --cert " PKI "/inter_ec.pem",
		  "leaf_ec" },
		{ "untrusted", "leaf_other.pem", "leaf_ec" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(creds) / sizeof(creds[0]); i++)
		if (sh("%s cred add %s --cert " PKI "/%s --key " PKI
		       "/%s.key >/dev/null", tlshakectl(), creds[i][0],
		       creds[i][1], creds[i][2]))
			return -1;
	return sh("%s trust add roots --anchor " PKI "/root_ec.pem --anchor "
		  PKI "/root_rsa.pem >/dev/null && %s trust add ecroot "
		  "--anchor " PKI "/root_ec.pem >/dev/null", tlshakectl(),
		  tlshakectl());
}

static void __attribute__((constructor)) global_setup(void)
{
	const char *step = "the test PKI";

	signal(SIGPIPE, SIG_IGN);
	if (!make_pki() && !make_chains() &&
	    !sh("cd " PKI " && cat leaf_client.pem inter_ec.pem "
		">chain_client.pem && cat leaf_srvonly.pem inter_ec.pem "
		">chain_srvonly.pem")) {
		step = "own network namespace";
		if (!own_netns()) {
			step = "loading the credentials";
			if (!load_creds())
				return;
		}
	}
	snprintf(setup_err, sizeof(setup_err), "setup failed: %s", step);
}

FIXTURE(ca)
{
	pid_t peer;
	int l, c, s;
	struct timespec start;
};

FIXTURE_VARIANT(ca)
{
	__u16 version;
	const char *ossl;	/* openssl's version option */
	const char *gnutls;	/* GnuTLS priority string */
	__u8 required_alert;	/* for a missing, required certificate */
	__u8 gnutls_alert;	/* what gnutls-serv sends for it */
};

FIXTURE_VARIANT_ADD(ca, tls13)
{
	.version = V13, .ossl = "-tls1_3",
	.gnutls = "NORMAL:-VERS-ALL:+VERS-TLS1.3",
	/* RFC 8446 4.4.2.4 */
	.required_alert = A_CERT_REQUIRED, .gnutls_alert = A_CERT_REQUIRED,
};

FIXTURE_VARIANT_ADD(ca, tls12)
{
	.version = V12, .ossl = "-tls1_2",
	.gnutls = "NORMAL:-VERS-ALL:+VERS-TLS1.2",
	/* TLS 1.2 has no certificate_required: RFC 5246 7.4.6 */
	.required_alert = A_HANDSHAKE_FAILURE,
	/*
	 * GnuTLS 3.7 answers an empty Certificate with decode_error in TLS
	 * 1.2 (an OpenSSL client gets the same from it).
	 */
	.gnutls_alert = A_DECODE_ERROR,
};

FIXTURE_SETUP(ca)
{
	clock_gettime(CLOCK_MONOTONIC, &self->start);
	self->peer = 0;
	self->l = self->c = self->s = -1;
	ASSERT_STREQ("", setup_err);
}

FIXTURE_TEARDOWN(ca)
{
	struct timespec end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	TH_LOG("took %ld ms", (end.tv_sec - self->start.tv_sec) * 1000 +
	       (end.tv_nsec - self->start.tv_nsec) / 1000000);
	if (self->peer > 0)
		stop(self->peer);
	close(self->l);
	close(self->c);
	close(self->s);
}

/* Handshake parameters of each role, at the variant's version. */
static void client_params(struct tlshake_handshake *h, __u16 version,
			  const char *cred)
{
	hs_client(h, "www.example.com");
	h->min_version = h->max_version = version;
	h->timeout_ms = HS_LIMIT_MS;
	if (cred)
		strcpy(h->credentials[0], cred);
}

static void server_params(struct tlshake_handshake *h, __u16 version,
			  __u32 flags, const char *trust)
{
	hs_server(h, "ec");
	h->min_version = h->max_version = version;
	h->timeout_ms = HS_LIMIT_MS;
	h->flags = flags;
	strcpy(h->trust_store, trust);
}

/* TLSHAKE_PEER_SUBJECT into @buf, or -errno. */
static int peer_subject(int fd, char *buf, socklen_t size)
{
	socklen_t len = size;

	if (getsockopt(fd, SOL_TLSHAKE, TLSHAKE_PEER_SUBJECT, buf, &len))
		return -errno;
	return len;
}

static int peer_certs_errno(int fd)
{
	char buf[8192];
	socklen_t len = sizeof(buf);

	return getsockopt(fd, SOL_TLSHAKE, TLSHAKE_PEER_CERTS, buf, &len) ?
	       -errno : 0;
}

/* Data both ways over an established pair. */
static bool echo(int a, int b)
{
	char buf[8] = { 0 };

	return write_all(a, "ping\n", 5) && read_all(b, buf, 5) &&
	       !strcmp(buf, "ping\n") && write_all(b, "pong\n", 5) &&
	       read_all(a, buf, 5) && !strcmp(buf, "pong\n");
}

/* A tlshake pair over loopback: the server in a thread. */
static int run_pair(FIXTURE_DATA(ca) *self,
		    const struct tlshake_handshake *ch,
		    const struct tlshake_handshake *sh, int *serr)
{
	struct hs_thread t = { };
	int cerr;

	self->l = tcp_pair(AF_INET, &self->c, &self->s);
	if (self->l < 0 || attach(self->c) || attach(self->s))
		return -1;
	t.fd = self->s;
	t.h = *sh;
	if (hs_thread_start(&t))
		return -1;
	cerr = handshake(self->c, ch);
	*serr = hs_thread_join(&t);
	return cerr;
}

/*
 * The side that did not refuse saw @alert: as its handshake's failure, or
 * (a TLS 1.3 client is done before the server reads its Certificate) on
 * its first read.
 */
static void saw_alert(struct __test_metadata *_metadata, int fd, int herr,
		      __u8 alert)
{
	struct timeval tv = { .tv_sec = HS_LIMIT_MS / 1000 };
	struct tlshake_info info;
	char buf[8];

	if (!herr) {
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
		herr = -errno;
	}
	EXPECT_EQ(-ECONNABORTED, herr);
	ASSERT_EQ(0, get_info(fd, &info));
	EXPECT_EQ(alert, info.alert_received);
	EXPECT_EQ(TLSHAKE_REASON_PEER_ALERT, info.reason);
}

/* The tlshake server refused the client's certificate with @alert. */
static void refused(struct __test_metadata *_metadata, int fd, int herr,
		    __u8 alert)
{
	struct tlshake_info info;

	EXPECT_EQ(-EKEYREJECTED, herr);
	ASSERT_EQ(0, get_info(fd, &info));
	EXPECT_EQ(alert, info.alert_sent);
	EXPECT_EQ(TLSHAKE_REASON_CERT, info.reason);
	EXPECT_EQ(-ENOTCONN, peer_subject(fd, (char[8]){ 0 }, 8));
}

/* The server's view of an accepted client certificate. */
static void check_client_seen(struct __test_metadata *_metadata, int s)
{
	char subj[256], small[4];
	socklen_t len = sizeof(small);

	EXPECT_EQ(sizeof(SUBJ_CLIENT), peer_subject(s, subj, sizeof(subj)));
	EXPECT_STREQ(SUBJ_CLIENT, subj);
	EXPECT_EQ(0, peer_certs_errno(s));
	/* too small: ERANGE and the length needed */
	EXPECT_EQ(-1, getsockopt(s, SOL_TLSHAKE, TLSHAKE_PEER_SUBJECT, small,
				 &len));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_EQ(sizeof(SUBJ_CLIENT), len);
}

/* ===== tlshake client and tlshake server ===== */

static void pair_good(struct __test_metadata *_metadata,
		      FIXTURE_DATA(ca) *self, __u16 version, __u32 flags)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	char subj[256];
	int serr;

	client_params(&ch, version, "client");
	server_params(&sh, version, flags, "roots");
	ASSERT_EQ(0, run_pair(self, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(version, si.version);
	EXPECT_EQ(0x0403, ci.sig_scheme);	/* ecdsa_secp256r1_sha256 */
	EXPECT_EQ(0x0403, si.peer_sig_scheme);
	check_client_seen(_metadata, self->s);
	EXPECT_EQ(sizeof(SUBJ_SERVER), peer_subject(self->c, subj,
						    sizeof(subj)));
	EXPECT_STREQ(SUBJ_SERVER, subj);
	EXPECT_TRUE(echo(self->c, self->s));
}

TEST_F_TIMEOUT(ca, pair_required_good, HS_TIMEOUT)
{
	pair_good(_metadata, self, variant->version, REQUIRE);
}

TEST_F_TIMEOUT(ca, pair_optional_good, HS_TIMEOUT)
{
	pair_good(_metadata, self, variant->version, REQ);
}

/* No credential: an empty Certificate, refused when required. */
TEST_F_TIMEOUT(ca, pair_required_missing, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	int cerr, serr;

	client_params(&ch, variant->version, NULL);
	server_params(&sh, variant->version, REQUIRE, "roots");
	cerr = run_pair(self, &ch, &sh, &serr);
	refused(_metadata, self->s, serr, variant->required_alert);
	saw_alert(_metadata, self->c, cerr, variant->required_alert);
}

TEST_F_TIMEOUT(ca, pair_optional_missing, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci;
	char subj[256];
	int serr;

	client_params(&ch, variant->version, NULL);
	server_params(&sh, variant->version, REQ, "roots");
	ASSERT_EQ(0, run_pair(self, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	EXPECT_EQ(0, ci.sig_scheme);
	EXPECT_EQ(-ENODATA, peer_certs_errno(self->s));
	EXPECT_EQ(-ENODATA, peer_subject(self->s, subj, sizeof(subj)));
	EXPECT_TRUE(echo(self->c, self->s));
}

/* A server that does not ask gets no certificate, even from a client
 * that has one.
 */
TEST_F_TIMEOUT(ca, pair_not_requested, HS_TIMEOUT)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci;
	char subj[256];
	int serr;

	client_params(&ch, variant->version, "client");
	server_params(&sh, variant->version, 0, "");
	ASSERT_EQ(0, run_pair(self, &ch, &sh, &serr));
	ASSERT_EQ(0, serr);
	ASSERT_EQ(0, get_info(self->c, &ci));
	EXPECT_EQ(0, ci.sig_scheme);
	EXPECT_EQ(-ENODATA, peer_subject(self->s, subj, sizeof(subj)));
	EXPECT_TRUE(echo(self->c, self->s));
}

/*
 * A certificate that is sent must validate even when it is optional
 * (as with OpenSSL's -verify): no path to the trust store is unknown_ca,
 * an extKeyUsage without clientAuth is unsupported_certificate (the key
 * may not be used for this purpose: RFC 5280 4.2.1.12, RFC 5246 7.2.2).
 */
static void pair_refused(struct __test_metadata *_metadata,
			 FIXTURE_DATA(ca) *self, __u16 version,
			 const char *cred, __u32 flags, __u8 alert)
{
	struct tlshake_handshake ch, sh;
	int cerr, serr;

	client_params(&ch, version, cred);
	server_params(&sh, version, flags, "roots");
	cerr = run_pair(self, &ch, &sh, &serr);
	refused(_metadata, self->s, serr, alert);
	saw_alert(_metadata, self->c, cerr, alert);
}

TEST_F_TIMEOUT(ca, pair_optional_untrusted, HS_TIMEOUT)
{
	pair_refused(_metadata, self, variant->version, "untrusted", REQ,
		     A_UNKNOWN_CA);
}

TEST_F_TIMEOUT(ca, pair_required_wrong_eku, HS_TIMEOUT)
{
	pair_refused(_metadata, self, variant->version, "srvonly", REQUIRE,
		     A_UNSUPPORTED_CERT);
}

/*
 * Two client credentials, "rsa" first: the server trusts only the EC
 * root. With certificate_authorities the client picks "client"; without,
 * the first that fits ("rsa"), which the server does not trust.
 */
static int pair_two_creds(FIXTURE_DATA(ca) *self, __u16 version,
			  __u32 flags, int *serr)
{
	struct tlshake_handshake ch, sh;

	client_params(&ch, version, "rsa");
	strcpy(ch.credentials[1], "client");
	server_params(&sh, version, REQUIRE | flags, "ecroot");
	return run_pair(self, &ch, &sh, serr);
}

TEST_F_TIMEOUT(ca, pair_ca_names, HS_TIMEOUT)
{
	int serr;

	ASSERT_EQ(0, pair_two_creds(self, variant->version,
				    TLSHAKE_F_SEND_CA_NAMES, &serr));
	ASSERT_EQ(0, serr);
	check_client_seen(_metadata, self->s);
	EXPECT_TRUE(echo(self->c, self->s));
}

TEST_F_TIMEOUT(ca, pair_no_ca_names, HS_TIMEOUT)
{
	int cerr, serr;

	cerr = pair_two_creds(self, variant->version, 0, &serr);
	refused(_metadata, self->s, serr, A_UNKNOWN_CA);
	saw_alert(_metadata, self->c, cerr, A_UNKNOWN_CA);
}

/* ===== tlshake server, openssl s_client and gnutls-cli ===== */

/*
 * Serve one connection of the peer client started in self->peer: on
 * success read "ping\n", check the client's subject (@subject, or none),
 * answer "pong-tlshake\n". Returns the handshake's result; the peer is
 * reaped.
 */
static int serve(struct __test_metadata *_metadata, FIXTURE_DATA(ca) *self,
		 __u16 version, __u32 flags, const char *subject)
{
	struct tlshake_handshake sh;
	char buf[256] = { 0 };
	int err;

	self->s = accept_wait(self->l);
	if (self->s < 0 || attach(self->s))
		return -1;
	server_params(&sh, version, flags, "roots");
	err = handshake(self->s, &sh);
	if (err) {
		print_info("tlshake server", self->s);
	} else {
		EXPECT_TRUE(read_all(self->s, buf, 5));
		EXPECT_STREQ("ping\n", buf);
		if (subject) {
			EXPECT_LT(0, peer_subject(self->s, buf, sizeof(buf)));
			EXPECT_STREQ(subject, buf);
		} else {
			EXPECT_EQ(-ENODATA, peer_subject(self->s, buf,
							 sizeof(buf)));
		}
		EXPECT_TRUE(write_all(self->s, "pong-tlshake\n", 13));
	}
	close(self->s);
	self->s = -1;
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	return err;
}

static void start_ossl_client(struct __test_metadata *_metadata,
			      FIXTURE_DATA(ca) *self, const char *version,
			      const char *cert)
{
	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	ASSERT_EQ(0, write_file(PEER_IN, "ping\n"));
	self->peer = spawn(PEER_LOG, "exec openssl s_client -connect "
			   "127.0.0.1:4433 %s -CAfile " PKI "/roots.pem "
			   "-verify_return_error -servername www.example.com "
			   "-ign_eof %s <" PEER_IN, version, cert);
}

/* The peer's log says it got @alert (OpenSSL: "SSL alert number N"). */
static bool peer_got_alert(int alert)
{
	char what[32];

	snprintf(what, sizeof(what), "alert number %d", alert);
	return log_has(PEER_LOG, what);
}

/* With the trust store's anchors as certificate_authorities. */
TEST_F_TIMEOUT(ca, srv_openssl_required_good, HS_TIMEOUT)
{
	start_ossl_client(_metadata, self, variant->ossl, OSSL_GOOD);
	ASSERT_EQ(0, serve(_metadata, self, variant->version,
			   REQUIRE | TLSHAKE_F_SEND_CA_NAMES, SUBJ_CLIENT));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	EXPECT_TRUE(log_has(PEER_LOG, "Acceptable client certificate CA names"
			    "\nO = tlshake test, CN = Test Root EC\n"
			    "O = tlshake test, CN = Test Root RSA\n"))
		TH_LOG("s_client:\n%s", slurp(PEER_LOG));
}

/* Required only: TLSHAKE_F_REQUEST_CERT is implied. */
TEST_F_TIMEOUT(ca, srv_openssl_required_missing, HS_TIMEOUT)
{
	int err;

	start_ossl_client(_metadata, self, variant->ossl, "");
	err = serve(_metadata, self, variant->version, TLSHAKE_F_REQUIRE_CERT,
		    NULL);
	EXPECT_EQ(-EKEYREJECTED, err);
	EXPECT_TRUE(peer_got_alert(variant->required_alert))
		TH_LOG("s_client:\n%s", slurp(PEER_LOG));
}

TEST_F_TIMEOUT(ca, srv_openssl_optional_missing, HS_TIMEOUT)
{
	start_ossl_client(_metadata, self, variant->ossl, "");
	ASSERT_EQ(0, serve(_metadata, self, variant->version, REQ, NULL));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
	EXPECT_TRUE(log_has(PEER_LOG, "No client certificate CA names sent"));
}

TEST_F_TIMEOUT(ca, srv_openssl_optional_untrusted, HS_TIMEOUT)
{
	int err;

	start_ossl_client(_metadata, self, variant->ossl, OSSL_UNTRUSTED);
	err = serve(_metadata, self, variant->version, REQ, NULL);
	EXPECT_EQ(-EKEYREJECTED, err);
	EXPECT_TRUE(peer_got_alert(A_UNKNOWN_CA))
		TH_LOG("s_client:\n%s", slurp(PEER_LOG));
}

TEST_F_TIMEOUT(ca, srv_openssl_required_wrong_eku, HS_TIMEOUT)
{
	int err;

	start_ossl_client(_metadata, self, variant->ossl, OSSL_WRONG_EKU);
	err = serve(_metadata, self, variant->version, REQUIRE, NULL);
	EXPECT_EQ(-EKEYREJECTED, err);
	EXPECT_TRUE(peer_got_alert(A_UNSUPPORTED_CERT))
		TH_LOG("s_client:\n%s", slurp(PEER_LOG));
}

static void start_gnutls_client(struct __test_metadata *_metadata,
				FIXTURE_DATA(ca) *self, const char *prio,
				const char *cert)
{
	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	ASSERT_EQ(0, write_file(PEER_IN, "ping\n"));
	self->peer = spawn(PEER_LOG, "exec gnutls-cli -p 4433 --x509cafile "
			   PKI "/roots.pem --sni-hostname www.example.com "
			   "--verify-hostname www.example.com --priority %s %s "
			   "127.0.0.1 <" PEER_IN, prio, cert);
}

TEST_F_TIMEOUT(ca, srv_gnutls_required_good, HS_TIMEOUT)
{
	start_gnutls_client(_metadata, self, variant->gnutls, GNUTLS_GOOD);
	ASSERT_EQ(0, serve(_metadata, self, variant->version, REQUIRE,
			   SUBJ_CLIENT));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
}

TEST_F_TIMEOUT(ca, srv_gnutls_required_missing, HS_TIMEOUT)
{
	int err;

	start_gnutls_client(_metadata, self, variant->gnutls, "");
	err = serve(_metadata, self, variant->version, REQUIRE, NULL);
	EXPECT_EQ(-EKEYREJECTED, err);
	/* GnuTLS: "Received alert [116]: Certificate is required" */
	EXPECT_TRUE(log_has(PEER_LOG, variant->version == V13 ?
			    "alert [116]" : "alert [40]"))
		TH_LOG("gnutls-cli:\n%s", slurp(PEER_LOG));
}

/* An RSA client certificate (PSS in TLS 1.3, the suite's choice in 1.2). */
TEST_F_TIMEOUT(ca, srv_openssl_required_rsa, HS_TIMEOUT)
{
	start_ossl_client(_metadata, self, variant->ossl, OSSL_RSA);
	ASSERT_EQ(0, serve(_metadata, self, variant->version, REQUIRE,
			   SUBJ_SERVER));
	EXPECT_TRUE(log_has(PEER_LOG, "pong-tlshake"));
}

/* gnutls-cli with a certificate the server refuses: @alert reaches it. */
static void gnutls_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(ca) *self, const char *prio,
			   __u16 version, const char *cert, int alert)
{
	char what[32];
	int err;

	start_gnutls_client(_metadata, self, prio, cert);
	err = serve(_metadata, self, version, REQUIRE, NULL);
	EXPECT_EQ(-EKEYREJECTED, err);
	snprintf(what, sizeof(what), "alert [%d]", alert);
	EXPECT_TRUE(log_has(PEER_LOG, what))
		TH_LOG("gnutls-cli:\n%s", slurp(PEER_LOG));
}

TEST_F_TIMEOUT(ca, srv_gnutls_required_untrusted, HS_TIMEOUT)
{
	gnutls_refused(_metadata, self, variant->gnutls, variant->version,
		       GNUTLS_UNTRUSTED, A_UNKNOWN_CA);
}

TEST_F_TIMEOUT(ca, srv_gnutls_required_wrong_eku, HS_TIMEOUT)
{
	gnutls_refused(_metadata, self, variant->gnutls, variant->version,
		       GNUTLS_WRONG_EKU, A_UNSUPPORTED_CERT);
}

/* ===== tlshake client, openssl s_server and gnutls-serv ===== */

/* Connect to the peer server and handshake as a client with @cred. */
static int client_to(FIXTURE_DATA(ca) *self, __u16 version,
		     const char *cred)
{
	struct tlshake_handshake ch;

	self->c = connect_port(PEER_PORT);
	if (self->c < 0 || attach(self->c))
		return -1;
	client_params(&ch, version, cred);
	return handshake(self->c, &ch);
}

static void start_ossl_server(struct __test_metadata *_metadata,
			      FIXTURE_DATA(ca) *self, const char *version,
			      const char *verify)
{
	self->peer = spawn(PEER_LOG, "exec openssl s_server -accept 4433 "
			   "-naccept 1 -rev %s -cert " PKI "/leaf_ec.pem -key "
			   PKI "/leaf_ec.key -cert_chain " PKI "/inter_ec.pem "
			   "-CAfile " PKI "/roots.pem %s", version, verify);
	ASSERT_TRUE(wait_log(PEER_LOG, "ACCEPT"));
}

/* openssl s_server -rev: what we send comes back reversed. */
static bool rev_ok(int fd)
{
	char buf[16] = { 0 };

	return write_all(fd, "tlshake\n", 8) && read_all(fd, buf, 8) &&
	       !strcmp(buf, "ekahslt\n");
}

TEST_F_TIMEOUT(ca, cli_openssl_required_good, HS_TIMEOUT)
{
	start_ossl_server(_metadata, self, variant->ossl,
			  "-Verify 1 -verify_return_error");
	ASSERT_EQ(0, client_to(self, variant->version, "client"))
		TH_LOG("s_server:\n%s", slurp(PEER_LOG));
	EXPECT_TRUE(rev_ok(self->c));
	close(self->c);
	self->c = -1;
	EXPECT_EQ(0, reap(self->peer, PEER_WAIT));
	self->peer = 0;
	/* s_server prints the client certificate's subject */
	EXPECT_TRUE(log_has(PEER_LOG, "CN = client only"))
		TH_LOG("s_server:\n%s", slurp(PEER_LOG));
}

TEST_F_TIMEOUT(ca, cli_openssl_required_missing, HS_TIMEOUT)
{
	int err;

	start_ossl_server(_metadata, self, variant->ossl,
			  "-Verify 1 -verify_return_error");
	err = client_to(self, variant->version, NULL);
	ASSERT_LE(0, self->c);
	saw_alert(_metadata, self->c, err, variant->required_alert);
}

TEST_F_TIMEOUT(ca, cli_openssl_optional_missing, HS_TIMEOUT)
{
	start_ossl_server(_metadata, self, variant->ossl, "-verify 1");
	ASSERT_EQ(0, client_to(self, variant->version, NULL))
		TH_LOG("s_server:\n%s", slurp(PEER_LOG));
	EXPECT_TRUE(rev_ok(self->c));
	close(self->c);
	self->c = -1;
	EXPECT_EQ(0, reap(self->peer, PEER_WAIT));
	self->peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "No peer certificate"))
		TH_LOG("s_server:\n%s", slurp(PEER_LOG));
}

static void start_gnutls_server(struct __test_metadata *_metadata,
				FIXTURE_DATA(ca) *self, const char *prio)
{
	self->peer = spawn(PEER_LOG, "exec gnutls-serv -p 4433 --echo "
			   "--x509certfile " PKI "/chain_ec.pem --x509keyfile "
			   PKI "/leaf_ec.key --x509cafile " PKI "/roots.pem "
			   "--require-client-cert --verify-client-cert "
			   "--priority %s", prio);
	ASSERT_TRUE(wait_log(PEER_LOG, "listening on IPv4"));
}

TEST_F_TIMEOUT(ca, cli_gnutls_required_good, HS_TIMEOUT)
{
	char buf[16] = { 0 };

	start_gnutls_server(_metadata, self, variant->gnutls);
	ASSERT_EQ(0, client_to(self, variant->version, "client"))
		TH_LOG("gnutls-serv:\n%s", slurp(PEER_LOG));
	ASSERT_TRUE(write_all(self->c, "tlshake\n", 8));
	ASSERT_TRUE(read_all(self->c, buf, 8));
	EXPECT_STREQ("tlshake\n", buf);
}

TEST_F_TIMEOUT(ca, cli_gnutls_required_missing, HS_TIMEOUT)
{
	int err;

	start_gnutls_server(_metadata, self, variant->gnutls);
	err = client_to(self, variant->version, NULL);
	ASSERT_LE(0, self->c);
	saw_alert(_metadata, self->c, err, variant->gnutls_alert);
}

TEST_HARNESS_MAIN
