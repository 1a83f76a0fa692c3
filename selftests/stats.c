// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: the per-namespace counters (/proc/net/tlshake_stat and the
 * netlink stats-get command) move by exactly what a scripted set of good
 * and failing handshakes does, in a namespace of the test's own; both
 * views agree and need no privilege; and the handshake tracepoints fire
 * with the connection's ports.
 */
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/tlshake_nl.h>
#include <libmnl/libmnl.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "tlshake_test.h"

#define MAX_STATS	128
#define TRACEFS		"/sys/kernel/tracing"

struct stats {
	unsigned int n;
	char name[MAX_STATS][48];
	unsigned long long v[MAX_STATS];
};

static int proc_stats(struct stats *s)
{
	FILE *f = fopen("/proc/net/tlshake_stat", "r");

	if (!f)
		return -errno;
	s->n = 0;
	while (s->n < MAX_STATS &&
	       fscanf(f, "%47s %llu", s->name[s->n], &s->v[s->n]) == 2)
		s->n++;
	fclose(f);
	return s->n ? 0 : -EINVAL;
}

static long long stat_of(const struct stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->v[i];
	return -1;
}

/* The netlink view, indexed by attribute (alerts by description + 1). */
struct nl_stats {
	unsigned long long v[TLSHAKE_A_STATS_MAX + 1];
	unsigned long long sent[258], rcvd[258];
	unsigned int n_alerts;
};

static unsigned long long get_uint(const struct nlattr *a)
{
	return mnl_attr_get_payload_len(a) == 8 ? mnl_attr_get_u64(a) :
						  mnl_attr_get_u32(a);
}

static void nl_alert(const struct nlattr *nest, struct nl_stats *s)
{
	unsigned long long sent = 0, rcvd = 0;
	const struct nlattr *a;
	unsigned int desc = 257;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case TLSHAKE_A_ALERT_STAT_DESC:
			desc = mnl_attr_get_u32(a);
			break;
		case TLSHAKE_A_ALERT_STAT_SENT:
			sent = get_uint(a);
			break;
		case TLSHAKE_A_ALERT_STAT_RECEIVED:
			rcvd = get_uint(a);
			break;
		}
	}
	if (desc > 256)
		return;
	s->sent[desc] = sent;
	s->rcvd[desc] = rcvd;
	s->n_alerts++;
}

static int nl_attr(const struct nlattr *a, void *data)
{
	struct nl_stats *s = data;
	int type = mnl_attr_get_type(a);

	if (type == TLSHAKE_A_STATS_ALERT)
		nl_alert(a, s);
	else if (type > 0 && type <= TLSHAKE_A_STATS_MAX)
		s->v[type] = get_uint(a);
	return MNL_CB_OK;
}

static int nl_stats_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), nl_attr, data);
}

static int family_attr(const struct nlattr *a, void *data)
{
	if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
		*(uint16_t *)data = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr,
			      data);
}

static int nl_talk(struct mnl_socket *nl, uint16_t type, uint8_t cmd,
		   const char *family, mnl_cb_t cb, void *data)
{
	static char buf[32768];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	unsigned int seq = 1, portid = mnl_socket_get_portid(nl);
	struct genlmsghdr *g;
	int ret;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = 1;
	if (family)
		mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret <= 0)
			return -errno;
		ret = mnl_cb_run(buf, ret, seq, portid, cb, data);
	} while (ret > 0);
	return ret < 0 ? -errno : 0;
}

static int nl_stats(struct nl_stats *s)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_GENERIC);
	uint16_t id = 0;
	int err = -errno;

	memset(s, 0, sizeof(*s));
	if (!nl)
		return err;
	err = mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) ? -errno : 0;
	if (!err)
		err = nl_talk(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
			      TLSHAKE_GENL_NAME, family_cb, &id);
	if (!err)
		err = nl_talk(nl, id, TLSHAKE_CMD_STATS_GET, NULL, nl_stats_cb,
			      s);
	mnl_socket_close(nl);
	return err;
}

/* /proc names of the netlink attributes, in attribute order. */
static const char *const counter_names[] = {
	"TlshakeHandshakeStarted", "TlshakeHandshakeCompleted",
	"TlshakeHandshakeFailed", "TlshakeHandshakeResumed",
	"TlshakeHandshakeClient", "TlshakeHandshakeServer",
	"TlshakeHandshakeTls12", "TlshakeHandshakeTls13",
	"TlshakeAlertSent", "TlshakeAlertReceived", "TlshakeRecordsSent",
	"TlshakeRecordsReceived", "TlshakeDecryptError",
	"TlshakeKeyUpdateSent", "TlshakeKeyUpdateReceived", NULL
};
#define N_COUNTERS	(sizeof(counter_names) / sizeof(counter_names[0]) - 1)

/* Alerts the scenarios send, with their /proc names. */
static const struct {
	int desc;
	const char *sent, *rcvd;
} alerts[] = {
	{ 10, "TlshakeAlertSentUnexpectedMessage",
	  "TlshakeAlertReceivedUnexpectedMessage" },
	{ 40, "TlshakeAlertSentHandshakeFailure",
	  "TlshakeAlertReceivedHandshakeFailure" },
	{ 42, "TlshakeAlertSentBadCertificate",
	  "TlshakeAlertReceivedBadCertificate" },
};

FIXTURE(stats)
{
	struct stats before;
};

FIXTURE_SETUP(stats)
{
	ASSERT_EQ(0, own_netns());
	ASSERT_EQ(0, proc_stats(&self->before));
}

FIXTURE_TEARDOWN(stats)
{
}

/* A fresh namespace starts at zero, and both views list every counter. */
TEST_F_TIMEOUT(stats, fresh_namespace, 120)
{
	struct nl_stats nl;
	unsigned int i;

	for (i = 0; i < self->before.n; i++)
		EXPECT_EQ(0, self->before.v[i]) TH_LOG("%s",
						       self->before.name[i]);
	ASSERT_EQ(0, nl_stats(&nl));
	EXPECT_EQ(TLSHAKE_A_STATS_ALERT - 1, N_COUNTERS);
	/* counters, then the alerts counted one by one and "other", twice */
	EXPECT_EQ(TLSHAKE_A_STATS_ALERT - 1 + 2 * nl.n_alerts, self->before.n);
	for (i = 0; counter_names[i]; i++)
		EXPECT_LE(0, stat_of(&self->before, counter_names[i]))
			TH_LOG("counter %u missing", i);
}

/* Delta of every /proc counter against @d; the netlink view agrees. */
struct delta {
	const char *name;
	long long by;
};

static void check_deltas(struct __test_metadata *_metadata,
			 struct stats *before, const struct delta *d,
			 unsigned int nd)
{
	struct stats now;
	struct nl_stats nl;
	unsigned int i, j;

	ASSERT_EQ(0, proc_stats(&now));
	ASSERT_EQ(before->n, now.n);
	for (i = 0; i < now.n; i++) {
		long long want = 0;

		for (j = 0; j < nd; j++)
			if (!strcmp(d[j].name, now.name[i]))
				want = d[j].by;
		if (want < 0) {	/* "some": only that it moved */
			EXPECT_LT(before->v[i], now.v[i])
				TH_LOG("%s", now.name[i]);
		} else {
			EXPECT_EQ(before->v[i] + want, now.v[i])
				TH_LOG("%s", now.name[i]);
		}
	}
	ASSERT_EQ(0, nl_stats(&nl));
	for (i = 0; counter_names[i]; i++)
		EXPECT_EQ(stat_of(&now, counter_names[i]), nl.v[i + 1])
			TH_LOG("netlink counter %u", i);
	for (i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++) {
		EXPECT_EQ(stat_of(&now, alerts[i].sent),
			  nl.sent[alerts[i].desc]);
		EXPECT_EQ(stat_of(&now, alerts[i].rcvd),
			  nl.rcvd[alerts[i].desc]);
	}
	*before = now;
}

#define CHECK(...) do {							\
	static const struct delta d_[] = { __VA_ARGS__ };		\
	check_deltas(_metadata, &self->before, d_,			\
		     sizeof(d_) / sizeof(d_[0]));			\
} while (0)

struct pair {
	int l, c, s;
	int cerr, serr;
};

/* A handshake on a new pair; the client offers the session @sfd if >= 0. */
static void run_pair_session(struct __test_metadata *_metadata,
			     struct pair *p,
			     const struct tlshake_handshake *ch,
			     const struct tlshake_handshake *sh, int sfd)
{
	struct hs_thread srv = { .h = *sh };

	p->l = tcp_pair(AF_INET, &p->c, &p->s);
	ASSERT_LE(0, p->l);
	srv.fd = p->s;
	ASSERT_EQ(0, attach(p->c));
	ASSERT_EQ(0, attach(p->s));
	if (sfd >= 0)
		ASSERT_EQ(0, setsockopt(p->c, SOL_TLSHAKE, TLSHAKE_SESSION,
					&sfd, sizeof(sfd)));
	ASSERT_EQ(0, hs_thread_start(&srv));
	p->cerr = handshake(p->c, ch);
	p->serr = hs_thread_join(&srv);
}

#define run_pair(m, p, ch, sh) run_pair_session(m, p, ch, sh, -1)

static void close_pair(struct pair *p)
{
	close(p->c);
	close(p->s);
	close(p->l);
}

/* Handshake, data both ways, and a KeyUpdate each way. */
static void good_session(struct __test_metadata *_metadata, struct pair *p)
{
	struct tlshake_handshake ch, sh;
	__u32 request = 1;
	char buf[2];

	hs_server(&sh, "ec");
	hs_client(&ch, "www.example.com");
	run_pair(_metadata, p, &ch, &sh);
	ASSERT_EQ(0, p->cerr);
	ASSERT_EQ(0, p->serr);
	ASSERT_EQ(0, setsockopt(p->c, SOL_TLSHAKE, TLSHAKE_KEY_UPDATE,
				&request, sizeof(request)));
	ASSERT_TRUE(write_all(p->c, "c", 1));
	/* the server reads the KeyUpdate, answers with its own */
	ASSERT_TRUE(read_all(p->s, buf, 1));
	ASSERT_TRUE(write_all(p->s, "s", 1));
	ASSERT_TRUE(read_all(p->c, buf + 1, 1));
	EXPECT_EQ(0, memcmp(buf, "cs", 2));
}

/* The emulated guest under load: loading the test PKI alone is slow. */
TEST_F_TIMEOUT(stats, scripted_handshakes, 600)
{
	struct tlshake_handshake ch, sh;
	unsigned char hdr[5];
	struct stats mid;
	struct pair p;

	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, load_test_creds());

	/* 1. a good TLS 1.3 session: records sent and received balance */
	good_session(_metadata, &p);
	mid = self->before;
	CHECK({ "TlshakeHandshakeStarted", 2 },
	      { "TlshakeHandshakeCompleted", 2 },
	      { "TlshakeHandshakeClient", 1 }, { "TlshakeHandshakeServer", 1 },
	      { "TlshakeHandshakeTls13", 2 },
	      { "TlshakeKeyUpdateSent", 2 }, { "TlshakeKeyUpdateReceived", 2 },
	      { "TlshakeRecordsSent", -1 }, { "TlshakeRecordsReceived", -1 });
	EXPECT_EQ(stat_of(&self->before, "TlshakeRecordsSent") -
		  stat_of(&mid, "TlshakeRecordsSent"),
		  stat_of(&self->before, "TlshakeRecordsReceived") -
		  stat_of(&mid, "TlshakeRecordsReceived"));
	/* ClientHello..Finished, 2 KeyUpdates, 2 data records at least */
	EXPECT_LE(8, stat_of(&self->before, "TlshakeRecordsSent") -
		  stat_of(&mid, "TlshakeRecordsSent"));
	close_pair(&p);
	/* close_notify each way; not read by anyone */
	CHECK({ "TlshakeRecordsSent", 2 });

	/* 2. wrong server name: the client sends bad_certificate (42) */
	hs_server(&sh, "ec");
	hs_client(&ch, "wrong.example.org");
	run_pair(_metadata, &p, &ch, &sh);
	EXPECT_EQ(-EKEYREJECTED, p.cerr);
	EXPECT_EQ(-ECONNABORTED, p.serr);
	CHECK({ "TlshakeHandshakeStarted", 2 }, { "TlshakeHandshakeFailed", 2 },
	      { "TlshakeHandshakeClient", 1 }, { "TlshakeHandshakeServer", 1 },
	      { "TlshakeAlertSent", 1 }, { "TlshakeAlertReceived", 1 },
	      { "TlshakeAlertSentBadCertificate", 1 },
	      { "TlshakeAlertReceivedBadCertificate", 1 },
	      { "TlshakeRecordsSent", -1 }, { "TlshakeRecordsReceived", -1 });
	close_pair(&p);
	CHECK({ "TlshakeRecordsSent", 0 });

	/* 3. no common cipher suite: the server sends handshake_failure */
	hs_server(&sh, "ec");
	sh.suites[0] = 0x1301;
	hs_client(&ch, "www.example.com");
	ch.suites[0] = 0x1303;
	run_pair(_metadata, &p, &ch, &sh);
	EXPECT_EQ(-ECONNABORTED, p.cerr);
	EXPECT_EQ(-EPROTO, p.serr);
	/* ClientHello in, the alert out: exactly one record each way */
	CHECK({ "TlshakeHandshakeStarted", 2 }, { "TlshakeHandshakeFailed", 2 },
	      { "TlshakeHandshakeClient", 1 }, { "TlshakeHandshakeServer", 1 },
	      { "TlshakeAlertSent", 1 }, { "TlshakeAlertReceived", 1 },
	      { "TlshakeAlertSentHandshakeFailure", 1 },
	      { "TlshakeAlertReceivedHandshakeFailure", 1 },
	      { "TlshakeRecordsSent", 2 }, { "TlshakeRecordsReceived", 2 });
	close_pair(&p);

	/* 4. a raw peer sends HTTP: unexpected_message, nothing received */
	p.l = tcp_pair(AF_INET, &p.c, &p.s);
	ASSERT_LE(0, p.l);
	ASSERT_EQ(0, attach(p.s));
	hs_server(&sh, "ec");
	ASSERT_TRUE(write_all(p.c, "GET / HTTP/1.1\r\n\r\n", 18));
	EXPECT_EQ(-EPROTO, handshake(p.s, &sh));
	CHECK({ "TlshakeHandshakeStarted", 1 }, { "TlshakeHandshakeFailed", 1 },
	      { "TlshakeHandshakeServer", 1 }, { "TlshakeAlertSent", 1 },
	      { "TlshakeAlertSentUnexpectedMessage", 1 },
	      { "TlshakeRecordsSent", 1 });
	close_pair(&p);

	/* 5. a missing trust store fails before anything is sent */
	p.l = tcp_pair(AF_INET, &p.c, &p.s);
	ASSERT_LE(0, p.l);
	ASSERT_EQ(0, attach(p.c));
	hs_client(&ch, "www.example.com");
	strcpy(ch.trust_store, "nonexistent");
	EXPECT_EQ(-ENOENT, handshake(p.c, &ch));
	CHECK({ "TlshakeHandshakeStarted", 1 }, { "TlshakeHandshakeFailed", 1 },
	      { "TlshakeHandshakeClient", 1 });
	close_pair(&p);

	/* 6. a handshake the socket's close abandons counts as failed */
	p.l = tcp_pair(AF_INET, &p.c, &p.s);
	ASSERT_LE(0, p.l);
	ASSERT_EQ(0, attach(p.c));
	hs_client(&ch, "www.example.com");
	ASSERT_EQ(0, fcntl(p.c, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-EINPROGRESS, handshake(p.c, &ch));
	/* the worker sent the ClientHello: the raw server sees its header */
	ASSERT_TRUE(read_all(p.s, hdr, sizeof(hdr)));
	EXPECT_EQ(22, hdr[0]);
	close_pair(&p);
	CHECK({ "TlshakeHandshakeStarted", 1 }, { "TlshakeHandshakeFailed", 1 },
	      { "TlshakeHandshakeClient", 1 }, { "TlshakeRecordsSent", 1 });
}

static int session_of(int fd)
{
	socklen_t len = sizeof(int);
	int sfd;

	return getsockopt(fd, SOL_TLSHAKE, TLSHAKE_SESSION, &sfd, &len) ?
	       -errno : sfd;
}

/* A full TLS 1.2 handshake, then one that resumes its session. */
TEST_F_TIMEOUT(stats, tls12_resumption, 600)
{
	struct tlshake_handshake ch, sh;
	struct tlshake_info ci, si;
	struct pair p;
	int sfd;

	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, load_test_creds());

	hs_server(&sh, "ec");
	hs_client(&ch, "www.example.com");
	ch.max_version = TLSHAKE_VERSION_1_2;
	run_pair(_metadata, &p, &ch, &sh);
	ASSERT_EQ(0, p.cerr);
	ASSERT_EQ(0, p.serr);
	sfd = session_of(p.c);
	ASSERT_LE(0, sfd);
	close_pair(&p);
	CHECK({ "TlshakeHandshakeStarted", 2 },
	      { "TlshakeHandshakeCompleted", 2 },
	      { "TlshakeHandshakeClient", 1 }, { "TlshakeHandshakeServer", 1 },
	      { "TlshakeHandshakeTls12", 2 },
	      { "TlshakeRecordsSent", -1 }, { "TlshakeRecordsReceived", -1 });

	run_pair_session(_metadata, &p, &ch, &sh, sfd);
	ASSERT_EQ(0, p.cerr);
	ASSERT_EQ(0, p.serr);
	ASSERT_EQ(0, get_info(p.c, &ci));
	ASSERT_EQ(0, get_info(p.s, &si));
	EXPECT_EQ(1, ci.resumed);
	EXPECT_EQ(1, si.resumed);
	close_pair(&p);
	close(sfd);
	CHECK({ "TlshakeHandshakeStarted", 2 },
	      { "TlshakeHandshakeCompleted", 2 },
	      { "TlshakeHandshakeResumed", 2 },
	      { "TlshakeHandshakeClient", 1 }, { "TlshakeHandshakeServer", 1 },
	      { "TlshakeHandshakeTls12", 2 },
	      { "TlshakeRecordsSent", -1 }, { "TlshakeRecordsReceived", -1 });
}

/* Reading the counters needs no capability. */
TEST_F_TIMEOUT(stats, unprivileged_read, 120)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};
	struct nl_stats nl;
	struct stats s;
	int st;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		if (syscall(SYS_capset, &hdr, data))
			_exit(2);
		_exit(proc_stats(&s) || nl_stats(&nl) ? 1 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

static int tracefs_write(const char *file, const char *val)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), TRACEFS "/%s", file);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	ret = write(fd, val, strlen(val)) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

static char *tracefs_read(void)
{
	size_t cap = 1 << 20, len = 0;
	char *buf = malloc(cap + 1);
	int fd = open(TRACEFS "/trace", O_RDONLY);
	ssize_t n;

	if (!buf || fd < 0) {
		free(buf);
		return NULL;
	}
	while (len < cap && (n = read(fd, buf + len, cap - len)) > 0)
		len += n;
	buf[len] = 0;
	close(fd);
	return buf;
}

static unsigned int local_port(int fd)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	return getsockname(fd, (struct sockaddr *)&sin, &len) ? 0 :
	       ntohs(sin.sin_port);
}

/* Whether @trace has an @event line for the socket on @port with @what. */
static bool traced(const char *trace, const char *event, unsigned int port,
		   const char *what)
{
	const char *line = trace, *end;
	char sport[32];

	snprintf(sport, sizeof(sport), " sport=%u ", port);
	for (; *line; line = *end ? end + 1 : end) {
		end = strchrnul(line, '\n');
		if (memmem(line, end - line, event, strlen(event)) &&
		    memmem(line, end - line, sport, strlen(sport)) &&
		    memmem(line, end - line, what, strlen(what)))
			return true;
	}
	return false;
}

TEST_F_TIMEOUT(stats, tracepoints, 600)
{
	struct tlshake_handshake ch, sh;
	unsigned int cport, sport;
	struct pair p;
	char *trace;

	if (access(TRACEFS "/events", F_OK))
		mount("nodev", TRACEFS, "tracefs", 0, NULL);
	if (access(TRACEFS "/events/tlshake", F_OK))
		SKIP(return, "no tracefs or no tlshake events");
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, load_test_creds());
	ASSERT_EQ(0, tracefs_write("trace", ""));
	ASSERT_EQ(0, tracefs_write("events/tlshake/enable", "1"));

	good_session(_metadata, &p);
	cport = local_port(p.c);
	sport = local_port(p.s);
	close_pair(&p);
	hs_server(&sh, "ec");
	hs_client(&ch, "wrong.example.org");
	run_pair(_metadata, &p, &ch, &sh);
	EXPECT_EQ(-EKEYREJECTED, p.cerr);

	ASSERT_EQ(0, tracefs_write("events/tlshake/enable", "0"));
	trace = tracefs_read();
	ASSERT_NE(NULL, trace);
	EXPECT_TRUE(traced(trace, "tlshake_handshake_start:", cport,
			   "role=client versions="));
	EXPECT_TRUE(traced(trace, "tlshake_handshake_start:", sport,
			   "role=server"));
	/* client: start (0) -> wait ServerHello (1) ... -> done (12) */
	EXPECT_TRUE(traced(trace, "tlshake_handshake_state:", cport,
			   "old=0 new=1"));
	EXPECT_TRUE(traced(trace, "tlshake_handshake_state:", cport,
			   "new=12"));
	EXPECT_TRUE(traced(trace, "tlshake_handshake_state:", sport,
			   "old=0 new=7"));
	EXPECT_TRUE(traced(trace, "tlshake_handshake_done:", cport,
			   "version=0x0304"));
	EXPECT_TRUE(traced(trace, "tlshake_handshake_done:", sport,
			   "resumed=0"));
	cport = local_port(p.c);
	sport = local_port(p.s);
	EXPECT_TRUE(traced(trace, "tlshake_handshake_fail:", cport,
			   "alert_sent=42 alert_received=255 reason=6"));
	EXPECT_TRUE(traced(trace, "tlshake_handshake_fail:", sport,
			   "alert_sent=255 alert_received=42 reason=1"));
	if (_metadata->exit_code)
		TH_LOG("trace:\n%s", trace);
	free(trace);
	close_pair(&p);
}

TEST_HARNESS_MAIN
