// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: TLS 1.3 handshakes that must fail, tlshake on both ends or a
 * raw peer: every failure sends (or reports) the RFC's alert, returns a
 * clear errno, and nothing hangs.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>

#include "kselftest_harness.h"
#include "tlshake_test.h"

FIXTURE(neg)
{
	int l, c, s;
};

FIXTURE_SETUP(neg)
{
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, own_netns());
	ASSERT_EQ(0, load_test_creds());
	ASSERT_EQ(0, sh("%s cred add expired --cert " PKI "/leaf_expired.pem "
			"--cert " PKI "/inter_ec.pem --key " PKI "/leaf_ec.key "
			">/dev/null && %s cred add other --cert " PKI
			"/leaf_other.pem --key " PKI "/leaf_ec.key >/dev/null",
			tlshakectl(), tlshakectl()));
	self->l = tcp_pair(AF_INET, &self->c, &self->s);
	ASSERT_GE(self->l, 0);
}

FIXTURE_TEARDOWN(neg)
{
	close(self->c);
	close(self->s);
	close(self->l);
}

struct outcome {
	int cerr, serr;
	struct tlshake_info ci, si;
};

/* tlshake on both ends; the handshakes' errnos and infos. */
static void both(struct __test_metadata *_metadata, FIXTURE_DATA(neg) *self,
		 struct tlshake_handshake *ch, struct tlshake_handshake *sh,
		 struct outcome *o)
{
	struct hs_thread srv = { .fd = self->s, .h = *sh };

	ASSERT_EQ(0, attach(self->c));
	ASSERT_EQ(0, attach(self->s));
	ASSERT_EQ(0, hs_thread_start(&srv));
	o->cerr = handshake(self->c, ch);
	o->serr = hs_thread_join(&srv);
	ASSERT_EQ(0, get_info(self->c, &o->ci));
	ASSERT_EQ(0, get_info(self->s, &o->si));
}

/* We refuse the server's certificate: alert @alert, peer sees it. */
static void cert_refused(struct __test_metadata *_metadata,
			 FIXTURE_DATA(neg) *self, const char *cred,
			 const char *name, int alert)
{
	struct tlshake_handshake ch, sh;
	struct outcome o;
	char buf[4];

	hs_server(&sh, cred);
	hs_client(&ch, name);
	both(_metadata, self, &ch, &sh, &o);
	EXPECT_EQ(-EKEYREJECTED, o.cerr);
	EXPECT_EQ(TLSHAKE_STATE_FAILED, o.ci.state);
	EXPECT_EQ(alert, o.ci.alert_sent);
	EXPECT_EQ(TLSHAKE_REASON_CERT, o.ci.reason);
	EXPECT_EQ(EKEYREJECTED, o.ci.error);
	EXPECT_EQ(-ECONNABORTED, o.serr);
	EXPECT_EQ(alert, o.si.alert_received);
	EXPECT_EQ(TLSHAKE_REASON_PEER_ALERT, o.si.reason);
	/* every later call reports the failure */
	EXPECT_EQ(-1, read(self->c, buf, sizeof(buf)));
	EXPECT_EQ(EKEYREJECTED, errno);
	EXPECT_EQ(-1, send(self->s, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(ECONNABORTED, errno);
}

TEST_F(neg, wrong_name)
{
	cert_refused(_metadata, self, "ec", "wrong.example.org", 42);
}

TEST_F(neg, expired)
{
	cert_refused(_metadata, self, "expired", "www.example.com", 45);
}

TEST_F(neg, untrusted_root)
{
	cert_refused(_metadata, self, "other", "www.example.com", 48);
}

/* No common suite / group: handshake_failure from the server. */
TEST_F(neg, no_common_suite)
{
	struct tlshake_handshake ch, sh;
	struct outcome o;

	hs_server(&sh, "ec");
	sh.suites[0] = 0x1301;
	hs_client(&ch, "www.example.com");
	ch.suites[0] = 0x1303;
	both(_metadata, self, &ch, &sh, &o);
	EXPECT_EQ(-EPROTO, o.serr);
	EXPECT_EQ(40, o.si.alert_sent);
	EXPECT_EQ(-ECONNABORTED, o.cerr);
	EXPECT_EQ(40, o.ci.alert_received);
}

TEST_F(neg, no_common_group)
{
	struct tlshake_handshake ch, sh;
	struct outcome o;

	hs_server(&sh, "ec");
	sh.groups[0] = 0x0018;
	hs_client(&ch, "www.example.com");
	ch.groups[0] = 0x001d;
	ch.groups[1] = 0x0017;
	both(_metadata, self, &ch, &sh, &o);
	EXPECT_EQ(-EPROTO, o.serr);
	EXPECT_EQ(40, o.si.alert_sent);
	EXPECT_EQ(-ECONNABORTED, o.cerr);
}

/* HRR: the server wants P-384, the client's shares are X25519 and P-256. */
TEST_F(neg, hello_retry_request)
{
	struct tlshake_handshake ch, sh;
	struct outcome o;

	hs_server(&sh, "ec");
	sh.groups[0] = 0x0018;
	hs_client(&ch, "www.example.com");
	both(_metadata, self, &ch, &sh, &o);
	EXPECT_EQ(0, o.cerr);
	EXPECT_EQ(0, o.serr);
	EXPECT_EQ(0x0018, o.ci.group);
	EXPECT_TRUE(write_all(self->c, "after HRR", 9));
}

/* A TLS 1.2-only client meets a TLS 1.3-only server: protocol_version. */
TEST_F(neg, version_mismatch)
{
	struct tlshake_handshake ch, sh;
	struct outcome o;

	hs_server(&sh, "ec");
	sh.min_version = TLSHAKE_VERSION_1_3;
	hs_client(&ch, "www.example.com");
	ch.max_version = TLSHAKE_VERSION_1_2;
	both(_metadata, self, &ch, &sh, &o);
	EXPECT_EQ(-EPROTO, o.serr);
	EXPECT_EQ(70, o.si.alert_sent);
	EXPECT_EQ(TLSHAKE_REASON_VERSION, o.si.reason);
	EXPECT_EQ(-ECONNABORTED, o.cerr);
	EXPECT_EQ(70, o.ci.alert_received);
}

/* Parameters that make no sense are refused before anything is sent. */
TEST_F(neg, bad_parameters)
{
	struct tlshake_handshake h;

	ASSERT_EQ(0, attach(self->c));
	hs_client(&h, "www.example.com");
	h.role = 7;
	EXPECT_EQ(-EINVAL, handshake(self->c, &h));
	hs_client(&h, "www.example.com");
	h.trust_store[0] = 0;
	EXPECT_EQ(-EINVAL, handshake(self->c, &h));
}

TEST_F(neg, missing_trust_store)
{
	struct tlshake_handshake h;
	struct tlshake_info info;

	ASSERT_EQ(0, attach(self->c));
	hs_client(&h, "www.example.com");
	strcpy(h.trust_store, "nonexistent");
	EXPECT_EQ(-ENOENT, handshake(self->c, &h));
	ASSERT_EQ(0, get_info(self->c, &info));
	EXPECT_EQ(TLSHAKE_STATE_FAILED, info.state);
	EXPECT_EQ(TLSHAKE_REASON_CONFIG, info.reason);
	/* once is all */
	EXPECT_EQ(-EALREADY, handshake(self->c, &h));
}

/* A silent server: the handshake times out at timeout_ms. */
TEST_F(neg, timeout)
{
	struct tlshake_handshake h;
	struct tlshake_info info;

	ASSERT_EQ(0, attach(self->c));
	hs_client(&h, "www.example.com");
	h.timeout_ms = 700;
	EXPECT_EQ(-ETIMEDOUT, handshake(self->c, &h));
	ASSERT_EQ(0, get_info(self->c, &info));
	EXPECT_EQ(TLSHAKE_REASON_TIMEOUT, info.reason);
}

static void on_alarm(int sig)
{
}

/* A signal interrupts a blocking handshake. */
TEST_F(neg, signal)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct tlshake_handshake h;
	struct tlshake_info info;

	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	ASSERT_EQ(0, attach(self->c));
	hs_client(&h, "www.example.com");
	alarm(1);
	EXPECT_EQ(-EINTR, handshake(self->c, &h));
	ASSERT_EQ(0, get_info(self->c, &info));
	EXPECT_EQ(TLSHAKE_REASON_INTERRUPTED, info.reason);
}

static void *read_then_close(void *arg)
{
	int fd = *(int *)arg;
	char buf[512];

	if (read(fd, buf, sizeof(buf)) > 0)
		shutdown(fd, SHUT_RDWR);
	return NULL;
}

/* The server closes after reading our ClientHello. */
TEST_F(neg, peer_closes)
{
	struct tlshake_handshake h;
	struct tlshake_info info;
	pthread_t t;

	ASSERT_EQ(0, attach(self->c));
	hs_client(&h, "www.example.com");
	h.timeout_ms = 10000;
	ASSERT_EQ(0, pthread_create(&t, NULL, read_then_close, &self->s));
	EXPECT_EQ(-ECONNRESET, handshake(self->c, &h));
	pthread_join(t, NULL);
	ASSERT_EQ(0, get_info(self->c, &info));
	EXPECT_EQ(TLSHAKE_REASON_TRANSPORT, info.reason);
}

/*
 * The client socket plays a raw peer that sends @junk; the tlshake server
 * must fail with @err and send @alert in the clear.
 */
static void garbage_to_server(struct __test_metadata *_metadata,
			      FIXTURE_DATA(neg) *self, const void *junk,
			      size_t len, int err, int alert)
{
	unsigned char want[7] = { 21, 3, 3, 0, 2, 2, alert }, reply[7];
	struct tlshake_handshake h;
	struct tlshake_info info;

	ASSERT_EQ(0, attach(self->s));
	hs_server(&h, "ec");
	h.timeout_ms = 10000;
	ASSERT_TRUE(write_all(self->c, junk, len));
	EXPECT_EQ(err, handshake(self->s, &h));
	ASSERT_EQ(0, get_info(self->s, &info));
	EXPECT_EQ(alert, info.alert_sent);
	ASSERT_TRUE(read_all(self->c, reply, sizeof(reply)));
	EXPECT_EQ(0, memcmp(reply, want, sizeof(want)));
}

TEST_F(neg, garbage_http)
{
	static const char get[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

	garbage_to_server(_metadata, self, get, sizeof(get) - 1, -EPROTO, 10);
}

TEST_F(neg, oversized_record)
{
	unsigned char rec[5 + 64] = { 22, 3, 3, 0x48, 0x01 };

	garbage_to_server(_metadata, self, rec, sizeof(rec), -EMSGSIZE, 22);
}

TEST_F(neg, not_a_client_hello)
{
	/* a ServerHello where a ClientHello must come */
	unsigned char rec[5 + 8] = { 22, 3, 3, 0, 8, 2, 0, 0, 4, 3, 3, 0, 0 };

	garbage_to_server(_metadata, self, rec, sizeof(rec), -EPROTO, 10);
}

TEST_F(neg, malformed_client_hello)
{
	/* a ClientHello whose body is too short for its own fields */
	unsigned char rec[5 + 8] = { 22, 3, 3, 0, 8, 1, 0, 0, 4, 3, 3, 0, 0 };

	garbage_to_server(_metadata, self, rec, sizeof(rec), -EBADMSG, 50);
}

TEST_F(neg, truncated_record)
{
	unsigned char rec[5 + 10] = { 22, 3, 1, 0x01, 0x00, 1, 0, 0, 0xfc };
	struct tlshake_handshake h;
	struct tlshake_info info;

	ASSERT_EQ(0, attach(self->s));
	hs_server(&h, "ec");
	h.timeout_ms = 10000;
	ASSERT_TRUE(write_all(self->c, rec, sizeof(rec)));
	shutdown(self->c, SHUT_WR);
	EXPECT_EQ(-ECONNRESET, handshake(self->s, &h));
	ASSERT_EQ(0, get_info(self->s, &info));
	EXPECT_EQ(TLSHAKE_REASON_TRANSPORT, info.reason);
}

TEST_HARNESS_MAIN
