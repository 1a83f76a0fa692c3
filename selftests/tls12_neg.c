// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: TLS 1.2 peers that misbehave, and what tlshake answers:
 * renegotiation, no extended_master_secret, old protocol versions,
 * TLS_FALLBACK_SCSV, a ServerHello with the downgrade sentinel, a bad or
 * malformed ServerKeyExchange signature (through a tampering proxy in front
 * of openssl s_server), and Bleichenbacher-style bad RSA premaster secrets
 * (a hand-made client: every one must meet the same alert).
 */
#include <pthread.h>

#include "kselftest_harness.h"
#include "tls12_peer.h"

#define PROXY_PORT	4434
#define OSSL_SRV	"openssl s_server -accept 4433 -naccept 1 -rev "
#define OSSL_CLI	"openssl s_client -connect 127.0.0.1:4433 "	\
			"-CAfile " PKI "/roots.pem "			\
			"-servername www.example.com "
#define GNUTLS_CLI	"gnutls-cli -p 4433 --x509cafile " PKI "/roots.pem " \
			"--sni-hostname www.example.com "		     \
			"--verify-hostname www.example.com "

FIXTURE(neg)
{
	pid_t peer;
	int l;
};

FIXTURE_SETUP(neg)
{
	ASSERT_EQ(0, setup12());
	self->peer = 0;
	self->l = -1;
}

FIXTURE_TEARDOWN(neg)
{
	if (self->peer > 0)
		stop(self->peer);
	if (self->l >= 0)
		close(self->l);
}

/* A tlshake server on PEER_PORT for the next connection; its errno. */
static int serve(int l, const char *cred, __u16 max, __u32 flags, int *out)
{
	struct tlshake_handshake sh;
	int fd, err;

	fd = accept_wait(l);
	if (fd < 0 || attach(fd))
		return -1;
	hs_server(&sh, cred);
	sh.max_version = max;
	sh.flags = flags;
	sh.timeout_ms = HS_LIMIT_MS;
	err = handshake(fd, &sh);
	*out = fd;
	return err;
}

static int client(int port, __u16 max, __u32 flags, int *out)
{
	struct tlshake_handshake ch;
	int fd = connect_port(port);

	if (fd < 0 || attach(fd))
		return -1;
	hs_client(&ch, "www.example.com");
	ch.max_version = max;
	ch.flags = flags;
	ch.timeout_ms = HS_LIMIT_MS;
	*out = fd;
	return handshake(fd, &ch);
}

/*
 * Our server (@cred, up to TLS 1.3) refuses the client that the command
 * @cmd (a spawn() format without arguments) starts: -EPROTO, and @alert
 * sent. The client has ended on return.
 */
static void serve_refused(struct __test_metadata *_metadata,
			  FIXTURE_DATA(neg) *self, const char *cmd,
			  const char *cred, __u8 alert)
{
	struct tlshake_info si;
	int fd;

	self->peer = spawn(PEER_LOG, cmd);
	EXPECT_EQ(-EPROTO, serve(self->l, cred, V13, 0, &fd));
	ASSERT_EQ(0, get_info(fd, &si));
	EXPECT_EQ(alert, si.alert_sent);
	close(fd);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
}

/* The client renegotiates: refused with no_renegotiation. */
TEST_F_TIMEOUT(neg, client_renegotiates, HS_TIMEOUT)
{
	struct tlshake_info si;
	char buf[16];
	int fd;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	self->peer = spawn(PEER_LOG, "exec " GNUTLS_CLI "--rehandshake "
			   "--priority NORMAL:-VERS-ALL:+VERS-TLS1.2 "
			   "127.0.0.1 </dev/null");
	ASSERT_EQ(0, serve(self->l, "ec", V13, 0, &fd));
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EPROTO, errno);
	ASSERT_EQ(0, get_info(fd, &si));
	EXPECT_EQ(100, si.alert_sent);		/* no_renegotiation */
	close(fd);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
	EXPECT_TRUE(log_has(PEER_LOG, "Handshake was completed"));
	EXPECT_FALSE(log_has(PEER_LOG, "ReHandshake was completed"));
}

/*
 * The server asks for renegotiation (HelloRequest): refused with
 * no_renegotiation. openssl s_server renegotiates on "r" on its stdin, a
 * FIFO here.
 */
TEST_F_TIMEOUT(neg, server_renegotiates, HS_TIMEOUT)
{
	struct tlshake_info ci;
	char buf[16];
	int fd, cmd;

	unlink("/tmp/tls12-fifo");
	ASSERT_EQ(0, mkfifo("/tmp/tls12-fifo", 0600));
	self->peer = spawn(PEER_LOG, "exec openssl s_server -accept 4433 "
			   "-naccept 1 -tls1_2 -cert " PKI "/leaf_ec.pem -key "
			   PKI "/leaf_ec.key -cert_chain " PKI "/inter_ec.pem "
			   "</tmp/tls12-fifo");
	cmd = open("/tmp/tls12-fifo", O_WRONLY);
	ASSERT_LE(0, cmd);
	ASSERT_TRUE(wait_log(PEER_LOG, "ACCEPT"));
	ASSERT_EQ(0, client(PEER_PORT, V12, 0, &fd));
	ASSERT_TRUE(write_all(cmd, "r\n", 2));
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EPROTO, errno);
	ASSERT_EQ(0, get_info(fd, &ci));
	EXPECT_EQ(100, ci.alert_sent);		/* no_renegotiation */
	close(fd);
	close(cmd);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
}

/* A client without extended_master_secret: refused unless allowed. */
TEST_F_TIMEOUT(neg, client_without_ems, HS_TIMEOUT)
{
	static const char cmd[] = "exec " GNUTLS_CLI "--priority "
		"NORMAL:-VERS-ALL:+VERS-TLS1.2:%%NO_SESSION_HASH "
		"127.0.0.1 </dev/null";
	int fd;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	serve_refused(_metadata, self, cmd, "ec", 40);	/* handshake_failure */
	/* with TLSHAKE_F_NO_EMS_OK it works (and is not resumable) */
	self->peer = spawn(PEER_LOG, cmd);
	EXPECT_EQ(0, serve(self->l, "ec", V13, TLSHAKE_F_NO_EMS_OK, &fd));
	close(fd);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
}

/* A server without extended_master_secret: the client refuses it. */
TEST_F_TIMEOUT(neg, server_without_ems, HS_TIMEOUT)
{
	struct tlshake_info ci;
	int fd;

	self->peer = spawn(PEER_LOG, "exec gnutls-serv -p 4433 --echo "
			   "--x509certfile " PKI "/chain_ec.pem --x509keyfile "
			   PKI "/leaf_ec.key --priority "
			   "NORMAL:-VERS-ALL:+VERS-TLS1.2:%%NO_SESSION_HASH");
	ASSERT_TRUE(wait_log(PEER_LOG, "listening on IPv4"));
	EXPECT_EQ(-EPROTO, client(PEER_PORT, V13, 0, &fd));
	ASSERT_EQ(0, get_info(fd, &ci));
	EXPECT_EQ(40, ci.alert_sent);
	close(fd);
	EXPECT_EQ(0, client(PEER_PORT, V13, TLSHAKE_F_NO_EMS_OK, &fd));
	ASSERT_EQ(0, get_info(fd, &ci));
	EXPECT_EQ(V12, ci.version);
	close(fd);
}

/* TLS_FALLBACK_SCSV to a server that does TLS 1.3 (RFC 7507). */
TEST_F_TIMEOUT(neg, fallback_scsv, HS_TIMEOUT)
{
	int fd;

	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	/* inappropriate_fallback */
	serve_refused(_metadata, self, "exec " OSSL_CLI "-tls1_2 "
		      "-fallback_scsv </dev/null", "ec", 86);
	EXPECT_TRUE(log_has(PEER_LOG, "inappropriate fallback"));
	/* a TLS 1.2-only server has nothing better: it goes on */
	self->peer = spawn(PEER_LOG, "exec " OSSL_CLI "-tls1_2 -fallback_scsv "
			   "</dev/null");
	EXPECT_EQ(0, serve(self->l, "ec", V12, 0, &fd));
	close(fd);
	reap(self->peer, PEER_WAIT);
	self->peer = 0;
}

/* ---- hand-made records ---- */

static void put16(__u8 *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* Read one record: type, version, up to @cap bytes of body. */
static int rec_read(int fd, __u8 *type, __u8 *body, size_t cap, size_t *len)
{
	__u8 h[5];

	if (!read_all(fd, h, 5))
		return -1;
	*type = h[0];
	*len = h[3] << 8 | h[4];
	if (*len > cap || !read_all(fd, body, *len))
		return -1;
	return 0;
}

static bool rec_write(int fd, __u8 type, const __u8 *body, size_t len)
{
	__u8 h[5] = { type, 3, 3, len >> 8, len };

	return write_all(fd, h, 5) && write_all(fd, body, len);
}

/*
 * A ClientHello: @version as client_version, no supported_versions, the
 * @suite (and @extra_suite if not 0), and the TLS 1.2 extensions. Returns
 * its length; the client random is all 0x11.
 */
static size_t client_hello(__u8 *m, unsigned int version, unsigned int suite,
			   unsigned int extra_suite)
{
	static const __u8 exts[] = {
		0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17,
		0x00, 0x0d, 0x00, 0x06, 0x00, 0x04, 0x04, 0x03, 0x08, 0x04,
		0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,
		0x00, 0x17, 0x00, 0x00,
		0xff, 0x01, 0x00, 0x01, 0x00,
	};
	size_t n = 4;

	m[0] = 1;
	put16(m + n, version);
	n += 2;
	memset(m + n, 0x11, 32);
	n += 32;
	m[n++] = 0;				/* session_id */
	put16(m + n, extra_suite ? 4 : 2);
	put16(m + n + 2, suite);
	if (extra_suite)
		put16(m + n + 4, extra_suite);
	n += extra_suite ? 6 : 4;
	m[n++] = 1;				/* compression: null */
	m[n++] = 0;
	put16(m + n, sizeof(exts));
	memcpy(m + n + 2, exts, sizeof(exts));
	n += 2 + sizeof(exts);
	m[1] = 0;
	put16(m + 2, n - 4);
	return n;
}

/* Read the server's alert: its description, or -1. */
static int alert_of(int fd)
{
	__u8 type, body[64];
	size_t len;

	while (!rec_read(fd, &type, body, sizeof(body), &len))
		if (type == 21 && len == 2)
			return body[1];
	return -1;
}

/* SSL 3.0, TLS 1.0, TLS 1.1 clients: protocol_version. */
/*
 * A tlshake server (@cred, @max, @flags) handshaking in @srv, a thread, on
 * one end of a new loopback pair; the other end, for hand-made records, in
 * *@c. 0, or -1.
 */
static int raw_client_pair(struct hs_thread *srv, const char *cred,
			   __u16 max, __u32 flags, int *c)
{
	int s, l = tcp_pair(AF_INET, c, &s);

	if (l < 0)
		return -1;
	close(l);
	memset(srv, 0, sizeof(*srv));
	srv->fd = s;
	if (attach(s))
		return -1;
	hs_server(&srv->h, cred);
	srv->h.max_version = max;
	srv->h.flags = flags;
	srv->h.timeout_ms = HS_LIMIT_MS;
	return hs_thread_start(srv) ? -1 : 0;
}

TEST_F_TIMEOUT(neg, old_versions, HS_TIMEOUT)
{
	static const unsigned int versions[] = { 0x0300, 0x0301, 0x0302 };
	struct hs_thread srv;
	__u8 ch[256];
	unsigned int i;
	size_t n;
	int c;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, raw_client_pair(&srv, "ec", 0, 0, &c));
		n = client_hello(ch, versions[i], 0xc02b, 0);
		ASSERT_TRUE(rec_write(c, 22, ch, n));
		EXPECT_EQ(70, alert_of(c)) TH_LOG("version %#x", versions[i]);
		EXPECT_EQ(-EPROTO, hs_thread_join(&srv));
		close(c);
		close(srv.fd);
	}
}

/*
 * A TLS 1.2 ClientHello to tlshake servers: one that does TLS 1.3 puts
 * the downgrade sentinel at the end of ServerHello.random (RFC 8446
 * 4.1.3), a TLS 1.2-only one does not.
 */
TEST_F_TIMEOUT(neg, server_sets_sentinel, HS_TIMEOUT)
{
	static const __u8 sentinel[8] = "DOWNGRD\x01";
	struct hs_thread srv;
	__u8 ch[256], rec[4096], type;
	unsigned int max;
	size_t n;
	int c;

	for (max = V12; max <= V13; max++) {
		ASSERT_EQ(0, raw_client_pair(&srv, "ec", max, 0, &c));
		n = client_hello(ch, 0x0303, 0xc02b, 0);
		ASSERT_TRUE(rec_write(c, 22, ch, n));
		ASSERT_EQ(0, rec_read(c, &type, rec, sizeof(rec), &n));
		ASSERT_EQ(22, type);
		ASSERT_EQ(2, rec[0]);		/* ServerHello */
		ASSERT_LE(38, n);
		EXPECT_EQ(max == V13, !memcmp(rec + 30, sentinel, 8));
		close(c);
		hs_thread_join(&srv);
		close(srv.fd);
	}
}

/* ---- a proxy that tampers with the server's handshake records ---- */

struct proxy {
	pthread_t thread;
	int l;
	__u8 target;		/* the message type to tamper with */
	void (*tamper)(__u8 *msg, size_t len);
	bool done;
};

/* Server to client: records, the target message tampered with. */
static void proxy_down(struct proxy *p, int from, int to)
{
	static __u8 body[18 * 1024];
	__u8 type;
	size_t len;

	while (!rec_read(from, &type, body, sizeof(body), &len)) {
		if (type == 22 && len && body[0] == p->target && !p->done) {
			p->tamper(body, len);
			p->done = true;
		}
		if (!rec_write(to, type, body, len))
			break;
	}
}

struct pump {
	int from, to;
};

static void *pump_up(void *arg)
{
	struct pump *u = arg;
	char buf[4096];
	ssize_t n;

	while ((n = read(u->from, buf, sizeof(buf))) > 0)
		if (!write_all(u->to, buf, n))
			break;
	shutdown(u->to, SHUT_WR);
	return NULL;
}

static void *proxy_fn(void *arg)
{
	struct proxy *p = arg;
	struct pump up;
	pthread_t t;
	int c, s;

	c = accept_wait(p->l);
	s = connect_port(PEER_PORT);
	if (c < 0 || s < 0)
		return NULL;
	up.from = c;
	up.to = s;
	pthread_create(&t, NULL, pump_up, &up);
	proxy_down(p, s, c);
	shutdown(c, SHUT_RDWR);
	shutdown(s, SHUT_RDWR);
	pthread_join(t, NULL);
	close(c);
	close(s);
	return NULL;
}

/* openssl s_server (TLS 1.2 only), a tampering proxy, a tlshake client. */
static void tampered(struct __test_metadata *_metadata, pid_t *peer,
		     __u8 target, void (*tamper)(__u8 *, size_t),
		     struct tlshake_info *ci)
{
	struct proxy p = { .target = target, .tamper = tamper };
	int fd;

	*peer = spawn(PEER_LOG, "exec " OSSL_SRV "-tls1_2 -cert " PKI
		      "/leaf_ec.pem -key " PKI "/leaf_ec.key -cert_chain "
		      PKI "/inter_ec.pem");
	ASSERT_TRUE(wait_log(PEER_LOG, "ACCEPT"));
	p.l = listen_port(PROXY_PORT);
	ASSERT_LE(0, p.l);
	ASSERT_EQ(0, pthread_create(&p.thread, NULL, proxy_fn, &p));
	EXPECT_NE(0, client(PROXY_PORT, V13, 0, &fd));
	ASSERT_EQ(0, get_info(fd, ci));
	close(fd);
	pthread_join(p.thread, NULL);
	close(p.l);
	EXPECT_TRUE(p.done);
}

/* ServerHello.random ends in "DOWNGRD\x01": a TLS 1.3 client stops. */
static void set_sentinel(__u8 *m, size_t len)
{
	if (len >= 38)
		memcpy(m + 30, "DOWNGRD\x01", 8);
}

TEST_F_TIMEOUT(neg, downgrade_sentinel, HS_TIMEOUT)
{
	struct tlshake_info ci;

	tampered(_metadata, &self->peer, 2, set_sentinel, &ci);
	EXPECT_EQ(47, ci.alert_sent);		/* illegal_parameter */
	EXPECT_EQ(TLSHAKE_REASON_DOWNGRADE, ci.reason);
}

/* The last byte of the ServerKeyExchange signature flipped. */
static void flip_sig(__u8 *m, size_t len)
{
	m[len - 1] ^= 0x01;
}

TEST_F_TIMEOUT(neg, bad_ske_signature, HS_TIMEOUT)
{
	struct tlshake_info ci;

	tampered(_metadata, &self->peer, 12, flip_sig, &ci);
	EXPECT_EQ(51, ci.alert_sent);		/* decrypt_error */
	EXPECT_EQ(TLSHAKE_REASON_SIGNATURE, ci.reason);
	EXPECT_EQ(EKEYREJECTED, ci.error);
}

/*
 * ServerKeyExchange: ECParameters (4 + point) then scheme, then the
 * signature's length, made one more than there is.
 */
static void bad_sig_len(__u8 *m, size_t len)
{
	size_t off = 4 + 3 + 1 + m[4 + 3] + 2;

	if (off + 2 <= len) {
		unsigned int l = (m[off] << 8 | m[off + 1]) + 1;

		put16(m + off, l);
	}
}

TEST_F_TIMEOUT(neg, malformed_ske, HS_TIMEOUT)
{
	struct tlshake_info ci;

	tampered(_metadata, &self->peer, 12, bad_sig_len, &ci);
	EXPECT_EQ(50, ci.alert_sent);		/* decode_error */
}

/* ---- Bleichenbacher: bad RSA premaster secrets ---- */

enum pms_fault {
	PMS_GOOD,		/* well formed (but our Finished is not) */
	PMS_BLOCK_TYPE,		/* 00 01 instead of 00 02 */
	PMS_NO_SEPARATOR,	/* no zero byte after the padding */
	PMS_SHORT,		/* 47 bytes of premaster */
	PMS_LONG,		/* 49 bytes of premaster */
	PMS_VERSION,		/* client_version 0x0301 in it */
	PMS_SHORT_CT,		/* a ciphertext one byte short */
	PMS_NUM,
};

/* The PKCS#1 v1.5 block (256 bytes) with @fault, RSA-encrypted by openssl. */
static int encrypt_pms(enum pms_fault fault, __u8 *ct, size_t *ct_len)
{
	__u8 em[256];
	size_t pms = fault == PMS_SHORT ? 47 : fault == PMS_LONG ? 49 : 48;
	size_t i, ps = 256 - 3 - pms;
	FILE *f;

	em[0] = 0;
	em[1] = fault == PMS_BLOCK_TYPE ? 1 : 2;
	for (i = 0; i < ps; i++)
		em[2 + i] = 0x5a + (i % 7);
	em[2 + ps] = fault == PMS_NO_SEPARATOR ? 0x33 : 0;
	em[3 + ps] = 3;
	em[4 + ps] = fault == PMS_VERSION ? 1 : 3;
	memset(em + 5 + ps, 0x77, pms - 2);
	f = fopen("/tmp/tls12-em.bin", "w");
	if (!f || fwrite(em, 1, sizeof(em), f) != sizeof(em))
		return -1;
	fclose(f);
	if (sh("openssl x509 -in " PKI "/leaf_rsa_kx.pem -pubkey -noout "
	       ">/tmp/tls12-pub.pem && openssl pkeyutl -encrypt -pubin "
	       "-inkey /tmp/tls12-pub.pem -pkeyopt rsa_padding_mode:none "
	       "-in /tmp/tls12-em.bin -out /tmp/tls12-ct.bin"))
		return -1;
	f = fopen("/tmp/tls12-ct.bin", "r");
	if (!f)
		return -1;
	*ct_len = fread(ct, 1, 256, f);
	fclose(f);
	if (*ct_len != 256)
		return -1;
	if (fault == PMS_SHORT_CT)
		*ct_len = 255;
	return 0;
}

/*
 * One RSA key transport handshake to a tlshake server with premaster
 * @fault: ClientKeyExchange, ChangeCipherSpec and a Finished record that
 * cannot decrypt. Returns the server's alert.
 */
static int rsa_kex_attempt(struct __test_metadata *_metadata,
			   enum pms_fault fault, struct tlshake_info *si)
{
	static __u8 rec[18 * 1024];
	__u8 msg[512], ct[256], type, fin[40];
	struct hs_thread srv;
	bool shd = false;
	size_t n, ct_len;
	int c, alert;

	if (encrypt_pms(fault, ct, &ct_len) ||
	    raw_client_pair(&srv, "rsa_kx", V12, TLSHAKE_F_RSA_KEX, &c))
		return -1;
	n = client_hello(msg, 0x0303, 0x009c, 0);
	EXPECT_TRUE(rec_write(c, 22, msg, n));
	/* the server's flight: find ServerHelloDone (0e 00 00 00) */
	while (!shd && !rec_read(c, &type, rec, sizeof(rec), &n))
		shd = type == 22 && n >= 4 &&
		      !memcmp(rec + n - 4, "\x0e\x00\x00\x00", 4);
	EXPECT_TRUE(shd);
	msg[0] = 16;			/* ClientKeyExchange */
	msg[1] = 0;
	put16(msg + 2, ct_len + 2);
	put16(msg + 4, ct_len);
	memcpy(msg + 6, ct, ct_len);
	EXPECT_TRUE(rec_write(c, 22, msg, ct_len + 6));
	EXPECT_TRUE(rec_write(c, 20, (const __u8 *)"\x01", 1));
	memset(fin, 0x42, sizeof(fin));
	EXPECT_TRUE(rec_write(c, 22, fin, sizeof(fin)));
	alert = alert_of(c);
	hs_thread_join(&srv);
	get_info(srv.fd, si);
	close(c);
	close(srv.fd);
	return alert;
}

TEST_F_TIMEOUT(neg, bleichenbacher, HS_TIMEOUT)
{
	struct tlshake_info si;
	int f;

	for (f = 0; f < PMS_NUM; f++) {
		memset(&si, 0, sizeof(si));
		EXPECT_EQ(20, rsa_kex_attempt(_metadata, f, &si))
			TH_LOG("fault %d", f);	/* bad_record_mac */
		EXPECT_EQ(TLSHAKE_REASON_BAD_RECORD_MAC, si.reason)
			TH_LOG("fault %d", f);
		EXPECT_EQ(EBADMSG, si.error) TH_LOG("fault %d", f);
	}
}

/* RSA key transport is refused unless enabled on the server. */
TEST_F_TIMEOUT(neg, rsa_kex_not_enabled, HS_TIMEOUT)
{
	self->l = listen_port(PEER_PORT);
	ASSERT_LE(0, self->l);
	/* handshake_failure */
	serve_refused(_metadata, self, "exec " OSSL_CLI "-tls1_2 "
		      "-cipher AES128-GCM-SHA256 </dev/null", "rsa_kx", 40);
	EXPECT_TRUE(log_has(PEER_LOG, "handshake failure"));
}

TEST_HARNESS_MAIN
