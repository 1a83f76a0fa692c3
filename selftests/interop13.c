// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: tlshake's TLS 1.3 against other implementations.
 *
 * - a tlshake server and openssl s_client, gnutls-cli, curl (through
 *   userspace/examples/https_responder);
 * - a tlshake client and openssl s_server, gnutls-serv: HelloRetryRequest,
 *   RSA-PSS-only servers, session tickets, KeyUpdate in both directions,
 *   client certificates, record_size_limit;
 * - failures: bad certificates, old or unsupported offers, and small raw
 *   peers written here that send garbage, truncated or oversized records,
 *   or close mid-handshake. Each checks the errno, TLSHAKE_INFO and, where
 *   an alert is due, the alert on the wire; none may hang.
 *
 * The peers run as child processes on loopback, in a network namespace of
 * the test program's own. Every wait is bounded; the children die with the
 * test.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>

#include "kselftest_harness.h"
#include "tlshake_test.h"

#define PORT		4433
#define RELAY_PORT	4434
#define WAIT_MS		15000	/* a peer starts, connects, answers */
#define HS_MS		15000	/* our handshake time limit */
#define OUT_MAX		(1 << 20)
#define NAME		"www.example.com"

#define ALERT_NONE			255
#define ALERT_UNEXPECTED_MESSAGE	10
#define ALERT_RECORD_OVERFLOW		22
#define ALERT_HANDSHAKE_FAILURE		40
#define ALERT_BAD_CERTIFICATE		42
#define ALERT_CERTIFICATE_EXPIRED	45
#define ALERT_UNKNOWN_CA		48
#define ALERT_DECODE_ERROR		50
#define ALERT_PROTOCOL_VERSION		70
#define ALERT_NO_APPLICATION_PROTOCOL	120

#define X25519		0x001d
#define P256		0x0017
#define P384		0x0018
#define AES128		0x1301
#define AES256		0x1302
#define CHACHA		0x1303

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* ---- peers: child processes with their stdin and output on pipes ---- */

struct peer {
	pid_t pid;
	int pidfd;
	int in;		/* its stdin; -1 once closed */
	int out;	/* its stdout and stderr */
	char *buf;	/* all it printed, NUL-terminated */
	size_t len;
	bool eof;
	bool exited;
	int status;
	char name[32];	/* for logs: "gnutls-cli", "openssl s_server" */
};

/* A command line, built up piece by piece. */
struct args {
	char *v[64];
	int n;
	char store[4096];
	size_t used;
};

static void add(struct args *a, ...)
{
	va_list ap;
	char *s;

	va_start(ap, a);
	while ((s = va_arg(ap, char *)) && a->n < 63)
		a->v[a->n++] = s;
	va_end(ap);
	a->v[a->n] = NULL;
}

static void addf(struct args *a, const char *fmt, ...)
{
	size_t room = sizeof(a->store) - a->used;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(a->store + a->used, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room || a->n >= 63)
		return;
	a->v[a->n++] = a->store + a->used;
	a->v[a->n] = NULL;
	a->used += n + 1;
}

static void peer_init(struct peer *p)
{
	memset(p, 0, sizeof(*p));
	p->pid = -1;
	p->pidfd = p->in = p->out = -1;
}

static int peer_start(struct peer *p, struct args *a)
{
	int in[2], out[2];

	peer_init(p);
	if (!strcmp(a->v[0], "openssl") && a->v[1])
		snprintf(p->name, sizeof(p->name), "openssl %s", a->v[1]);
	else
		snprintf(p->name, sizeof(p->name), "%s", a->v[0]);
	p->buf = calloc(1, OUT_MAX + 1);
	if (!p->buf || pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
		return -1;
	p->pid = fork();
	if (p->pid < 0)
		return -1;
	if (!p->pid) {
		/* die with the test, even when the harness kills it */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGPIPE, SIG_DFL);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		syscall(SYS_close_range, 3, ~0U, 0);
		execvp(a->v[0], a->v);
		fprintf(stderr, "exec %s: %s\n", a->v[0], strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	p->in = in[1];
	p->out = out[0];
	fcntl(p->out, F_SETFL, O_NONBLOCK);
	p->pidfd = syscall(SYS_pidfd_open, p->pid, 0);
	return p->pidfd < 0 ? -1 : 0;
}

/* Collect output and notice the exit, waiting at most @timeout_ms. */
static void peer_poll(struct peer *p, int timeout_ms)
{
	struct pollfd pfd[2] = {
		{ .fd = p->eof ? -1 : p->out, .events = POLLIN },
		{ .fd = p->exited ? -1 : p->pidfd, .events = POLLIN },
	};
	char tmp[8192];
	ssize_t n;

	if (poll(pfd, 2, timeout_ms) <= 0)
		return;
	while (pfd[0].revents) {
		n = read(p->out, tmp, sizeof(tmp));
		if (n <= 0) {
			p->eof = !n;
			break;
		}
		if (p->len + n > OUT_MAX)
			continue;	/* keep draining; the start is kept */
		memcpy(p->buf + p->len, tmp, n);
		p->len += n;
		p->buf[p->len] = '\0';
	}
	if ((pfd[1].revents & POLLIN) &&
	    waitpid(p->pid, &p->status, WNOHANG) == p->pid)
		p->exited = true;
}

/* Wait until the peer has printed @s (true), or ended, or the time is up. */
static bool peer_expect(struct peer *p, const char *s, int timeout_ms)
{
	long long end = now_ms() + timeout_ms, left;

	while (!strstr(p->buf, s)) {
		left = end - now_ms();
		if (left <= 0 || p->eof)
			return false;
		peer_poll(p, left);
	}
	return true;
}

/* Wait for the peer to exit: its exit status, or -1. */
static int peer_wait(struct peer *p, int timeout_ms)
{
	long long end = now_ms() + timeout_ms, left;

	while (!p->exited || !p->eof) {
		left = end - now_ms();
		if (left <= 0)
			return -1;
		peer_poll(p, left);
	}
	return WIFEXITED(p->status) ? WEXITSTATUS(p->status) : -1;
}

static bool peer_send(struct peer *p, const char *s)
{
	return p->in >= 0 && write_all(p->in, s, strlen(s));
}

static void peer_close_stdin(struct peer *p)
{
	if (p->in >= 0)
		close(p->in);
	p->in = -1;
}

static void peer_stop(struct peer *p)
{
	if (p->pid <= 0)
		return;
	peer_close_stdin(p);
	if (!p->exited) {
		kill(p->pid, SIGTERM);
		if (peer_wait(p, 2000) < 0 && !p->exited) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &p->status, 0);
			p->exited = true;
		}
	}
	close(p->out);
	close(p->pidfd);
	free(p->buf);
	peer_init(p);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	while (hay && (hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Where @needle is in @hay, or -1. */
static long pos(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	return p ? p - hay : -1;
}

/* The end of the peer's output, for failure messages. */
static const char *tail(const struct peer *p)
{
	return p->buf ? p->buf + (p->len > 3000 ? p->len - 3000 : 0) : "";
}

#define EXPECT_OUTPUT(p, s) \
	EXPECT_TRUE(strstr((p)->buf, s) != NULL) \
		TH_LOG("no \"%s\" in the peer's output:\n%s", s, tail(p))

/* ---- sockets ---- */

/* Whether something listens on TCP @port (/proc/net/tcp, tcp6). */
static bool port_listening(int port)
{
	static const char *const files[] = { "/proc/net/tcp", "/proc/net/tcp6" };
	char line[512], local[128], *colon;
	unsigned int i, st;
	bool found = false;
	FILE *f;

	for (i = 0; i < 2 && !found; i++) {
		f = fopen(files[i], "r");
		if (!f)
			continue;
		while (!found && fgets(line, sizeof(line), f)) {
			if (sscanf(line, "%*s %127s %*s %x", local, &st) != 2)
				continue;
			colon = strrchr(local, ':');
			found = colon && st == 0x0a &&
				strtoul(colon + 1, NULL, 16) == (unsigned int)port;
		}
		fclose(f);
	}
	return found;
}

/* Wait until the peer listens on @port, collecting its output meanwhile. */
static bool wait_listen(struct peer *p, int port)
{
	long long end = now_ms() + WAIT_MS;

	while (!port_listening(port)) {
		if (now_ms() > end || p->exited)
			return false;
		peer_poll(p, 20);
	}
	return true;
}

static int listen_on(int port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET, .sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, 4)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int connect_to(int port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET, .sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Accept within WAIT_MS, watching the peer that should connect. */
static int accept_from(int l, struct peer *p)
{
	long long end = now_ms() + WAIT_MS;
	struct pollfd pfd = { .fd = l, .events = POLLIN };

	while (poll(&pfd, 1, 20) == 0) {
		if (now_ms() > end || (p && p->exited))
			return -1;
		if (p)
			peer_poll(p, 0);
	}
	return accept4(l, NULL, NULL, SOCK_CLOEXEC);
}

/* Bound every later read and write on a session socket. */
static void io_timeout(int fd, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = ms % 1000 * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* Read until @buf holds @want (true), end of file, error or timeout. */
static bool read_for(int fd, char *buf, size_t size, const char *want)
{
	size_t have = 0;
	ssize_t n;

	buf[0] = '\0';
	while (!strstr(buf, want) && have < size - 1) {
		n = read(fd, buf + have, size - 1 - have);
		if (n <= 0)
			return false;
		have += n;
		buf[have] = '\0';
	}
	return strstr(buf, want) != NULL;
}

/*
 * ===== a relay that keeps what crosses it =====
 * Between the two ends it keeps the bytes each way, so a test can count
 * ClientHellos, read their extensions and measure the protected records.
 */
struct relay {
	pthread_t thread;
	bool running;
	int l;			/* listens on RELAY_PORT */
	int target;		/* the port it connects to */
	int stop[2];		/* written to: stop */
	unsigned char *buf[2];	/* client->server, server->client */
	size_t len[2];
};

#define RELAY_MAX	(256 * 1024)

/* Forward both ways until both ends closed, or told to stop. */
static void relay_loop(struct relay *r, int fd[2])
{
	bool open[2] = { true, true };
	struct pollfd pfd[3];
	char tmp[4096];
	ssize_t n;
	int i;

	while (open[0] || open[1]) {
		for (i = 0; i < 2; i++)
			pfd[i] = (struct pollfd){
				.fd = open[i] ? fd[i] : -1, .events = POLLIN,
			};
		pfd[2] = (struct pollfd){ .fd = r->stop[0], .events = POLLIN };
		if (poll(pfd, 3, 2 * WAIT_MS) <= 0 || pfd[2].revents)
			return;
		for (i = 0; i < 2; i++) {
			if (!pfd[i].revents)
				continue;
			n = read(fd[i], tmp, sizeof(tmp));
			if (n <= 0) {
				shutdown(fd[!i], SHUT_WR);
				open[i] = false;
				continue;
			}
			if (!write_all(fd[!i], tmp, n))
				return;
			if (r->len[i] + n <= RELAY_MAX) {
				memcpy(r->buf[i] + r->len[i], tmp, n);
				r->len[i] += n;
			}
		}
	}
}

static void *relay_fn(void *arg)
{
	struct pollfd pfd[2];
	struct relay *r = arg;
	int fd[2] = { -1, -1 };

	pfd[0] = (struct pollfd){ .fd = r->l, .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = r->stop[0], .events = POLLIN };
	if (poll(pfd, 2, 2 * WAIT_MS) <= 0 || pfd[1].revents)
		return NULL;
	fd[0] = accept4(r->l, NULL, NULL, SOCK_CLOEXEC);
	fd[1] = connect_to(r->target);
	if (fd[0] >= 0 && fd[1] >= 0)
		relay_loop(r, fd);
	close(fd[0]);
	close(fd[1]);
	return NULL;
}

static int relay_start(struct relay *r, int target)
{
	r->target = target;
	r->buf[0] = calloc(1, RELAY_MAX);
	r->buf[1] = calloc(1, RELAY_MAX);
	r->l = listen_on(RELAY_PORT);
	if (!r->buf[0] || !r->buf[1] || r->l < 0 || pipe2(r->stop, O_CLOEXEC))
		return -1;
	if (pthread_create(&r->thread, NULL, relay_fn, r))
		return -1;
	r->running = true;
	return 0;
}

/* Stop forwarding; the buffers stay for reading. */
static void relay_stop(struct relay *r)
{
	if (!r->running)
		return;
	if (write(r->stop[1], "x", 1) != 1)
		return;
	pthread_join(r->thread, NULL);
	r->running = false;
}

static void relay_free(struct relay *r)
{
	relay_stop(r);
	if (r->stop[0] > 0) {
		close(r->stop[0]);
		close(r->stop[1]);
	}
	if (r->l > 0)
		close(r->l);
	free(r->buf[0]);
	free(r->buf[1]);
}

static void hs_alpn(struct tlshake_handshake *h)
{
	static const char alpn[] = "\x08http/1.1";

	h->alpn_len = sizeof(alpn) - 1;
	memcpy(h->alpn, alpn, h->alpn_len);
}

/* leaf + intermediate in one file, for gnutls-serv and curl */
static const char *chain_file(const char *dir, const char *leaf,
			      const char *inter)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s-chain.pem", dir, leaf);
	if (sh("cat " PKI "/%s.pem " PKI "/%s.pem > %s", leaf, inter, path))
		return NULL;
	return path;
}

/*
 * One network namespace, credential set and scratch directory for all the
 * tests (the harness forks each from this process): tlshakectl is slow to
 * start in the emulated guest, so the credentials are loaded once.
 */
static char global_err[128];
static char scratch[64];
static long long test_start;

static void global_cleanup(void)
{
	if (scratch[0])
		sh("rm -rf %s", scratch);
}

static void __attribute__((constructor)) global_setup(void)
{
	const char *step = "the test PKI";

	signal(SIGPIPE, SIG_IGN);
	if (!make_pki()) {
		step = "own network namespace";
		if (!own_netns()) {
			step = "loading the credentials";
			if (!load_test_creds()) {
				strcpy(scratch, "/tmp/interop13.XXXXXX");
				step = "mkdtemp";
				if (mkdtemp(scratch)) {
					atexit(global_cleanup);
					return;
				}
				scratch[0] = '\0';
			}
		}
	}
	snprintf(global_err, sizeof(global_err), "setup failed: %s", step);
}

static void common_setup(struct __test_metadata *_metadata, char *dir)
{
	test_start = now_ms();
	ASSERT_STREQ("", global_err);
	strcpy(dir, scratch);
}

static void common_teardown(struct __test_metadata *_metadata)
{
	TH_LOG("took %lld ms", now_ms() - test_start);
}

struct cred_info {
	const char *name;	/* tlshakectl credential */
	const char *leaf;	/* its files in the test PKI */
	const char *key;
	const char *inter;
	const char *root;
	__u16 scheme;		/* what a TLS 1.3 handshake signs with */
	const char *ossl_sig;	/* s_client "Peer signature type" */
};

static const struct cred_info creds[] = {
	{ "ec", "leaf_ec", "leaf_ec", "inter_ec", "root_ec", 0x0403, "ECDSA" },
	{ "rsa", "leaf_rsa", "leaf_rsa", "inter_rsa", "root_rsa", 0x0804,
	  "RSA-PSS" },
	{ "p384", "leaf_p384", "leaf_p384", "inter_ec", "root_ec", 0x0503,
	  "ECDSA" },
	{ "ed25519", "leaf_ed25519", "leaf_ed25519", "inter_ec", "root_ec",
	  0x0807, "ed25519" },
	{ "rsa3072", "leaf_rsa3072", "leaf_rsa3072", "inter_rsa", "root_rsa",
	  0x0804, "RSA-PSS" },
};

static const struct cred_info *cred(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(creds) / sizeof(creds[0]); i++)
		if (!strcmp(creds[i].name, name))
			return &creds[i];
	return NULL;
}

static const char *ossl_suite(__u16 id)
{
	switch (id) {
	case AES128:
		return "TLS_AES_128_GCM_SHA256";
	case AES256:
		return "TLS_AES_256_GCM_SHA384";
	case CHACHA:
		return "TLS_CHACHA20_POLY1305_SHA256";
	}
	return "?";
}

/* s_client's "Server Temp Key" line for a group */
static const char *ossl_temp_key(__u16 group)
{
	switch (group) {
	case X25519:
		return "Server Temp Key: X25519";
	case P256:
		return "Server Temp Key: ECDH, prime256v1";
	case P384:
		return "Server Temp Key: ECDH, secp384r1";
	}
	return "?";
}

static void dump_info(struct __test_metadata *_metadata, int fd)
{
	struct tlshake_info i;

	if (get_info(fd, &i))
		return;
	TH_LOG("info: state %u version %#x suite %#x group %#x sig %#x peer sig %#x alert sent %u received %u error %d reason %u",
	       i.state, i.version, i.cipher_suite, i.group, i.sig_scheme,
	       i.peer_sig_scheme, i.alert_sent, i.alert_received, i.error,
	       i.reason);
}

/*
 * ===== one session with a peer program =====
 * What the fixtures below hold, and the steps they share: start the peer,
 * connect to it or accept from it (through the relay if asked), handshake.
 */
struct ends {
	char dir[64];		/* scratch */
	int l;			/* our listener on PORT, when we serve */
	int fd;			/* our session socket */
	struct peer peer;	/* the other implementation */
	struct relay relay;	/* between the two, once started */
};

/* Nothing open yet; listen on PORT if @serve. */
static void ends_setup(struct __test_metadata *_metadata, struct ends *e,
		       bool serve)
{
	memset(e, 0, sizeof(*e));
	peer_init(&e->peer);
	e->l = e->fd = -1;
	common_setup(_metadata, e->dir);
	if (serve) {
		e->l = listen_on(PORT);
		ASSERT_GE(e->l, 0);
	}
}

static void ends_teardown(struct __test_metadata *_metadata, struct ends *e)
{
	peer_stop(&e->peer);
	relay_free(&e->relay);
	close(e->fd);
	close(e->l);
	common_teardown(_metadata);
}

/* We serve: start the client @a, accept its connection and attach. */
static void accept_peer(struct __test_metadata *_metadata, struct ends *e,
			struct args *a)
{
	ASSERT_EQ(0, peer_start(&e->peer, a));
	e->fd = accept_from(e->l, &e->peer);
	ASSERT_GE(e->fd, 0) TH_LOG("%s:\n%s", e->peer.name, tail(&e->peer));
	ASSERT_EQ(0, attach(e->fd));
}

/*
 * We connect: start the server @a, wait until it listens on PORT, connect
 * to it (through the relay if @relay) and attach.
 */
static void connect_peer(struct __test_metadata *_metadata, struct ends *e,
			 struct args *a, bool relay)
{
	ASSERT_EQ(0, peer_start(&e->peer, a));
	ASSERT_TRUE(wait_listen(&e->peer, PORT))
		TH_LOG("%s:\n%s", e->peer.name, tail(&e->peer));
	if (relay)
		ASSERT_EQ(0, relay_start(&e->relay, PORT));
	e->fd = connect_to(relay ? RELAY_PORT : PORT);
	ASSERT_GE(e->fd, 0);
	ASSERT_EQ(0, attach(e->fd));
}

/*
 * Run our handshake @h, within HS_MS: it must succeed; if not, log what
 * each end saw. Then bound every later read and write.
 */
static void handshake_ok(struct __test_metadata *_metadata, struct ends *e,
			 struct tlshake_handshake *h)
{
	int err;

	h->timeout_ms = HS_MS;
	err = handshake(e->fd, h);
	ASSERT_EQ(0, err) {
		TH_LOG("handshake: %s", strerror(-err));
		dump_info(_metadata, e->fd);
		peer_poll(&e->peer, 1000);
		TH_LOG("%s:\n%s", e->peer.name, tail(&e->peer));
	}
	io_timeout(e->fd, WAIT_MS);
}

/*
 * ===== a tlshake server, openssl s_client =====
 * Each cipher suite, each group, each kind of credential; SNI and ALPN;
 * data both ways; close_notify from the client.
 */
FIXTURE(srv_ossl)
{
	struct ends e;		/* the peer is the client */
};

FIXTURE_VARIANT(srv_ossl)
{
	__u16 suite;
	__u16 group;
	const char *cred;
};

#define SO(name, su, gr, cr) \
	FIXTURE_VARIANT_ADD(srv_ossl, name) { \
		.suite = su, .group = gr, .cred = cr, \
	}

/* tls13.c runs the whole matrix between two tlshake ends */
SO(aes128_x25519_ec, AES128, X25519, "ec");
SO(chacha_p384_rsa, CHACHA, P384, "rsa");
SO(aes256_p256_p384, AES256, P256, "p384");
SO(aes128_x25519_ed25519, AES128, X25519, "ed25519");

FIXTURE_SETUP(srv_ossl)
{
	ends_setup(_metadata, &self->e, true);
}

FIXTURE_TEARDOWN(srv_ossl)
{
	ends_teardown(_metadata, &self->e);
}

TEST_F(srv_ossl, handshake_data_close)
{
	const struct cred_info *ci = cred(variant->cred);
	struct tlshake_handshake h;
	struct tlshake_info info;
	struct args a = {};
	char buf[256];

	add(&a, "openssl", "s_client", "-connect", "127.0.0.1:4433",
	    "-tls1_3", "-servername", NAME, "-verify_hostname", NAME,
	    "-verify_return_error", "-alpn", "http/1.1", "-ciphersuites",
	    ossl_suite(variant->suite), "-groups",
	    variant->group == X25519 ? "X25519" :
	    variant->group == P256 ? "P-256" : "P-384", "-CAfile", NULL);
	addf(&a, PKI "/%s.pem", ci->root);
	accept_peer(_metadata, &self->e, &a);
	hs_server(&h, variant->cred);
	hs_alpn(&h);
	handshake_ok(_metadata, &self->e, &h);
	ASSERT_EQ(0, get_info(self->e.fd, &info));
	EXPECT_EQ(TLSHAKE_STATE_ESTABLISHED, info.state);
	EXPECT_EQ(TLSHAKE_VERSION_1_3, info.version);
	EXPECT_EQ(variant->suite, info.cipher_suite);
	EXPECT_EQ(variant->group, info.group);
	EXPECT_EQ(ci->scheme, info.sig_scheme);
	EXPECT_STREQ(NAME, info.server_name);
	EXPECT_STREQ("http/1.1", info.alpn);
	EXPECT_EQ(ALERT_NONE, info.alert_sent);
	EXPECT_EQ(ALERT_NONE, info.alert_received);

	/* both ways */
	ASSERT_TRUE(peer_send(&self->e.peer, "ping from openssl\n"));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf), "ping from openssl\n"));
	ASSERT_TRUE(write_all(self->e.fd, "pong from tlshake\n", 18));
	ASSERT_TRUE(peer_expect(&self->e.peer, "pong from tlshake", WAIT_MS))
		TH_LOG("s_client:\n%s", tail(&self->e.peer));

	/* what the client saw */
	snprintf(buf, sizeof(buf), "New, TLSv1.3, Cipher is %s",
		 ossl_suite(variant->suite));
	EXPECT_OUTPUT(&self->e.peer, buf);
	EXPECT_OUTPUT(&self->e.peer, ossl_temp_key(variant->group));
	snprintf(buf, sizeof(buf), "Peer signature type: %s\n", ci->ossl_sig);
	EXPECT_OUTPUT(&self->e.peer, buf);
	EXPECT_OUTPUT(&self->e.peer, "Verify return code: 0 (ok)");
	EXPECT_OUTPUT(&self->e.peer, "ALPN protocol: http/1.1");

	/* end of input: s_client sends close_notify, we read end of file */
	peer_close_stdin(&self->e.peer);
	EXPECT_EQ(0, read(self->e.fd, buf, sizeof(buf)));
	EXPECT_EQ(0, peer_wait(&self->e.peer, WAIT_MS));
}

/*
 * ===== a tlshake server, gnutls-cli =====
 */
FIXTURE(srv_gnutls)
{
	struct ends e;		/* the peer is the client */
};

FIXTURE_VARIANT(srv_gnutls)
{
	const char *cred;
	const char *priority;
	const char *description;	/* gnutls-cli's summary of the session */
	__u16 suite;
	__u16 group;
};

FIXTURE_VARIANT_ADD(srv_gnutls, ec) {
	.cred = "ec",
	.priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM",
	.description = "(TLS1.3-X.509)-(ECDHE-X25519)-(ECDSA-SECP256R1-SHA256)-(AES-128-GCM)",
	.suite = AES128, .group = X25519,
};

FIXTURE_VARIANT_ADD(srv_gnutls, rsa_p384_chacha) {
	.cred = "rsa",
	.priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305:-GROUP-ALL:+GROUP-SECP384R1",
	.description = "(TLS1.3-X.509)-(ECDHE-SECP384R1)-(RSA-PSS-RSAE-SHA256)-(CHACHA20-POLY1305)",
	.suite = CHACHA, .group = P384,
};

FIXTURE_SETUP(srv_gnutls)
{
	ends_setup(_metadata, &self->e, true);
}

FIXTURE_TEARDOWN(srv_gnutls)
{
	ends_teardown(_metadata, &self->e);
}

/* Start gnutls-cli and run our server handshake against it. */
static void srv_gnutls_start(struct __test_metadata *_metadata,
			     FIXTURE_DATA(srv_gnutls) *self,
			     const FIXTURE_VARIANT(srv_gnutls) *variant)
{
	const struct cred_info *ci = cred(variant->cred);
	struct tlshake_handshake h;
	struct tlshake_info info;
	struct args a = {};

	add(&a, "gnutls-cli", "-p", "4433", "127.0.0.1", "--sni-hostname",
	    NAME, "--verify-hostname", NAME, "--alpn", "http/1.1", NULL);
	addf(&a, "--x509cafile=" PKI "/%s.pem", ci->root);
	addf(&a, "--priority=%s", variant->priority);
	add(&a, "--inline-commands", "-d", "4", NULL);
	accept_peer(_metadata, &self->e, &a);
	hs_server(&h, variant->cred);
	hs_alpn(&h);
	handshake_ok(_metadata, &self->e, &h);
	ASSERT_EQ(0, get_info(self->e.fd, &info));
	EXPECT_EQ(variant->suite, info.cipher_suite);
	EXPECT_EQ(variant->group, info.group);
	EXPECT_EQ(ci->scheme, info.sig_scheme);
	EXPECT_STREQ(NAME, info.server_name);
	EXPECT_STREQ("http/1.1", info.alpn);
	ASSERT_TRUE(peer_expect(&self->e.peer, "- Handshake was completed",
				WAIT_MS))
		TH_LOG("gnutls-cli:\n%s", tail(&self->e.peer));
	EXPECT_OUTPUT(&self->e.peer, variant->description);
	EXPECT_OUTPUT(&self->e.peer, "- Status: The certificate is trusted.");
	EXPECT_OUTPUT(&self->e.peer, "- Application protocol: http/1.1");
}

/*
 * Data both ways; then gnutls-cli's ^rekey^ sends KeyUpdate
 * (update_requested): we must read on with its new key and answer with a
 * KeyUpdate of our own, which gnutls-cli (at debug level 4) reports as
 * "received TLS 1.3 key update (0)"; at the end of its input gnutls-cli
 * sends close_notify (gnutls_bye), which we read as end of file.
 */
TEST_F(srv_gnutls, handshake_rekey_close)
{
	char buf[256];

	srv_gnutls_start(_metadata, self, variant);
	ASSERT_TRUE(peer_send(&self->e.peer, "ping from gnutls\n"));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf), "ping from gnutls\n"));
	ASSERT_TRUE(write_all(self->e.fd, "pong from tlshake\n", 18));
	ASSERT_TRUE(peer_expect(&self->e.peer, "pong from tlshake", WAIT_MS))
		TH_LOG("gnutls-cli:\n%s", tail(&self->e.peer));
	EXPECT_EQ(NULL, strstr(self->e.peer.buf, "received TLS 1.3 key update"));

	ASSERT_TRUE(peer_send(&self->e.peer, "before\n^rekey^\nafter rekey\n"));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf), "after rekey\n"))
		TH_LOG("read: %s", strerror(errno));
	ASSERT_TRUE(peer_expect(&self->e.peer, "- Rekey was completed", WAIT_MS))
		TH_LOG("gnutls-cli:\n%s", tail(&self->e.peer));
	ASSERT_TRUE(write_all(self->e.fd, "pong after rekey\n", 17));
	ASSERT_TRUE(peer_expect(&self->e.peer, "pong after rekey", WAIT_MS))
		TH_LOG("gnutls-cli:\n%s", tail(&self->e.peer));
	/* our answer to update_requested */
	EXPECT_OUTPUT(&self->e.peer, "received TLS 1.3 key update (0)");
	ASSERT_TRUE(peer_send(&self->e.peer, "again\n"));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf), "again\n"));

	peer_close_stdin(&self->e.peer);
	EXPECT_EQ(0, read(self->e.fd, buf, sizeof(buf)));
	EXPECT_EQ(0, peer_wait(&self->e.peer, WAIT_MS));
}

/*
 * ===== a tlshake client, openssl s_server =====
 * Each credential and suite; HelloRetryRequest forced by the server's
 * groups; RSA-PSS-only servers; NewSessionTickets; data both ways;
 * close_notify both ways.
 */
FIXTURE(cli_ossl)
{
	struct ends e;		/* the peer is the server */
};

FIXTURE_VARIANT(cli_ossl)
{
	const char *cred;
	const char *ciphersuites;	/* s_server -ciphersuites */
	const char *groups;		/* s_server -groups */
	const char *sigalgs;		/* s_server -sigalgs */
	int tickets;			/* -num_tickets; 0: default (2) */
	__u16 suite;			/* 0: whatever s_server reports */
	__u16 group;
	__u16 peer_scheme;		/* 0: the credential's */
	bool hrr;
};

/* s_server sends 5 tickets: we take them and read on */
FIXTURE_VARIANT_ADD(cli_ossl, ec_tickets5) {
	.cred = "ec", .tickets = 5, .group = X25519,
};
FIXTURE_VARIANT_ADD(cli_ossl, ed25519_aes256) {
	.cred = "ed25519", .ciphersuites = "TLS_AES_256_GCM_SHA384",
	.suite = AES256, .group = X25519,
};
FIXTURE_VARIANT_ADD(cli_ossl, p384_chacha) {
	.cred = "p384", .ciphersuites = "TLS_CHACHA20_POLY1305_SHA256",
	.suite = CHACHA, .group = X25519,
};
/* we send X25519 and P-256 shares: P-256 needs no retry, P-384 does */
FIXTURE_VARIANT_ADD(cli_ossl, rsa3072_p256_no_hrr) {
	.cred = "rsa3072", .groups = "P-256", .group = P256,
};
FIXTURE_VARIANT_ADD(cli_ossl, hrr_p384_rsa) {
	.cred = "rsa", .groups = "P-384:X448", .group = P384, .hrr = true,
};
/* our RSA-PSS signature check against a server that signs with nothing else */
FIXTURE_VARIANT_ADD(cli_ossl, pss_sha256_only) {
	.cred = "rsa", .sigalgs = "rsa_pss_rsae_sha256", .group = X25519,
	.peer_scheme = 0x0804,
};
FIXTURE_VARIANT_ADD(cli_ossl, pss_sha512_only) {
	.cred = "rsa", .sigalgs = "rsa_pss_rsae_sha512", .group = X25519,
	.peer_scheme = 0x0806,
};

FIXTURE_SETUP(cli_ossl)
{
	ends_setup(_metadata, &self->e, false);
}

FIXTURE_TEARDOWN(cli_ossl)
{
	ends_teardown(_metadata, &self->e);
}

/* s_server's command line: certificate, key and chain from the test PKI */
static void s_server_args(struct args *a, const char *leaf, const char *key,
			  const char *chain)
{
	add(a, "openssl", "s_server", "-accept", "4433", "-naccept", "1",
	    "-msg", "-cert", NULL);
	addf(a, PKI "/%s.pem", leaf);
	add(a, "-key", NULL);
	addf(a, PKI "/%s.key", key);
	if (!chain)
		return;
	add(a, "-cert_chain", NULL);
	addf(a, PKI "/%s.pem", chain);
}

static void cli_ossl_start(struct __test_metadata *_metadata,
			   FIXTURE_DATA(cli_ossl) *self,
			   const FIXTURE_VARIANT(cli_ossl) *variant)
{
	const struct cred_info *ci = cred(variant->cred);
	struct tlshake_handshake h;
	struct tlshake_info info;
	struct args a = {};
	char line[128];

	s_server_args(&a, ci->leaf, ci->key, ci->inter);
	add(&a, "-tls1_3", NULL);
	if (variant->ciphersuites)
		add(&a, "-ciphersuites", variant->ciphersuites, NULL);
	if (variant->groups)
		add(&a, "-groups", variant->groups, NULL);
	if (variant->sigalgs)
		add(&a, "-sigalgs", variant->sigalgs, NULL);
	if (variant->tickets)
		addf(&a, "-num_tickets=%d", variant->tickets);
	connect_peer(_metadata, &self->e, &a, false);
	hs_client(&h, NAME);
	handshake_ok(_metadata, &self->e, &h);
	ASSERT_EQ(0, get_info(self->e.fd, &info));
	EXPECT_EQ(TLSHAKE_STATE_ESTABLISHED, info.state);
	EXPECT_EQ(TLSHAKE_VERSION_1_3, info.version);
	EXPECT_EQ(variant->group, info.group);
	EXPECT_EQ(variant->peer_scheme ?: ci->scheme, info.peer_sig_scheme);
	EXPECT_STREQ(NAME, info.server_name);
	EXPECT_EQ(ALERT_NONE, info.alert_sent);
	EXPECT_EQ(ALERT_NONE, info.alert_received);
	if (variant->suite)
		EXPECT_EQ(variant->suite, info.cipher_suite);
	/* both ends agree on the suite */
	ASSERT_TRUE(peer_expect(&self->e.peer, "CIPHER is ", WAIT_MS))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
	snprintf(line, sizeof(line), "CIPHER is %s\n",
		 ossl_suite(info.cipher_suite));
	EXPECT_OUTPUT(&self->e.peer, line);
	/* one ClientHello, or two after a HelloRetryRequest */
	EXPECT_EQ(variant->hrr ? 2 : 1, count(self->e.peer.buf, ", ClientHello"));
}

TEST_F(cli_ossl, handshake_data_close)
{
	char buf[256];
	int tickets = variant->tickets ?: 2;

	cli_ossl_start(_metadata, self, variant);
	ASSERT_TRUE(write_all(self->e.fd, "hello from tlshake\n", 19));
	ASSERT_TRUE(peer_expect(&self->e.peer, "hello from tlshake", WAIT_MS))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
	/* the tickets came before this: we took them and read on */
	ASSERT_TRUE(peer_send(&self->e.peer, "hello from openssl\n"));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf), "hello from openssl\n"))
		TH_LOG("read: %s", strerror(errno));
	EXPECT_EQ(tickets, count(self->e.peer.buf, ", NewSessionTicket"));
	/* our close_notify; s_server answers with its own and exits */
	ASSERT_EQ(0, shutdown(self->e.fd, SHUT_WR));
	EXPECT_EQ(0, read(self->e.fd, buf, sizeof(buf)));
	EXPECT_EQ(0, peer_wait(&self->e.peer, WAIT_MS));
	EXPECT_OUTPUT(&self->e.peer, "Alert [length 0002], warning close_notify");
}

/*
 * ===== KeyUpdate with openssl s_server =====
 * s_server's stdin commands 'k' (update its key) and 'K' (and ask us to
 * update ours); and our own TLSHAKE_KEY_UPDATE.
 */
FIXTURE(keyupdate)
{
	struct ends e;		/* the peer is the server */
};

FIXTURE_SETUP(keyupdate)
{
	struct tlshake_handshake h;
	struct args a = {};

	ends_setup(_metadata, &self->e, false);
	s_server_args(&a, "leaf_ec", "leaf_ec", "inter_ec");
	add(&a, "-tls1_3", NULL);
	connect_peer(_metadata, &self->e, &a, false);
	hs_client(&h, NAME);
	handshake_ok(_metadata, &self->e, &h);
}

FIXTURE_TEARDOWN(keyupdate)
{
	ends_teardown(_metadata, &self->e);
}

static void exchange(struct __test_metadata *_metadata,
		     FIXTURE_DATA(keyupdate) *self, const char *tag)
{
	char msg[64], buf[256];

	snprintf(msg, sizeof(msg), "server %s\n", tag);
	ASSERT_TRUE(peer_send(&self->e.peer, msg));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf), msg))
		TH_LOG("read: %s\ns_server:\n%s", strerror(errno),
		       tail(&self->e.peer));
	snprintf(msg, sizeof(msg), "client %s\n", tag);
	ASSERT_TRUE(write_all(self->e.fd, msg, strlen(msg)));
	ASSERT_TRUE(peer_expect(&self->e.peer, msg, WAIT_MS))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
}

#define KU_SENT	">>> TLS 1.3, Handshake [length 0005], KeyUpdate"
#define KU_RECEIVED	"<<< TLS 1.3, Handshake [length 0005], KeyUpdate"

/* Wait until the peer has printed @s at least @n times. */
static bool peer_expect_n(struct peer *p, const char *s, int n, int timeout_ms)
{
	long long end = now_ms() + timeout_ms, left;

	while (count(p->buf, s) < n) {
		left = end - now_ms();
		if (left <= 0 || p->eof)
			return false;
		peer_poll(p, left);
	}
	return true;
}

/*
 * s_server reads its stdin in one piece and takes a line "k" or "K" as a
 * command only if nothing follows it: wait until it has sent its
 * KeyUpdate before giving it more.
 */
static void server_key_update(struct __test_metadata *_metadata,
			      FIXTURE_DATA(keyupdate) *self, const char *cmd)
{
	int n = count(self->e.peer.buf, KU_SENT);

	ASSERT_TRUE(peer_send(&self->e.peer, cmd));
	ASSERT_TRUE(peer_expect_n(&self->e.peer, KU_SENT, n + 1, WAIT_MS))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
}

/*
 * 'k': s_server updates its key; we read on with the next one and keep
 * ours. 'K': it also asks us to update ours: our KeyUpdate must come
 * before our next data.
 */
TEST_F(keyupdate, server_updates)
{
	exchange(_metadata, self, "before");
	server_key_update(_metadata, self, "k\n");
	exchange(_metadata, self, "after k");
	server_key_update(_metadata, self, "k\n");
	exchange(_metadata, self, "after second k");
	/* not requested: we keep our key */
	EXPECT_EQ(0, count(self->e.peer.buf, KU_RECEIVED));

	server_key_update(_metadata, self, "K\n");
	exchange(_metadata, self, "after K");
	ASSERT_EQ(1, count(self->e.peer.buf, KU_RECEIVED))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
	EXPECT_LT(pos(self->e.peer.buf, KU_RECEIVED),
		  pos(self->e.peer.buf, "client after K"));
	exchange(_metadata, self, "later");
	EXPECT_EQ(3, count(self->e.peer.buf, KU_SENT));
	EXPECT_EQ(1, count(self->e.peer.buf, KU_RECEIVED));
}

/* TLSHAKE_KEY_UPDATE: s_server reads on; asked to, it answers in kind. */
TEST_F(keyupdate, client_updates)
{
	__u32 req = 1;

	exchange(_metadata, self, "before");
	ASSERT_EQ(0, setsockopt(self->e.fd, SOL_TLSHAKE, TLSHAKE_KEY_UPDATE,
				&req, sizeof(req)));
	exchange(_metadata, self, "after request");
	EXPECT_EQ(1, count(self->e.peer.buf, KU_RECEIVED));
	/* OpenSSL answers before its next write, and we read on */
	exchange(_metadata, self, "after its answer");
	EXPECT_EQ(1, count(self->e.peer.buf, KU_SENT))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
	req = 0;
	ASSERT_EQ(0, setsockopt(self->e.fd, SOL_TLSHAKE, TLSHAKE_KEY_UPDATE,
				&req, sizeof(req)));
	exchange(_metadata, self, "after update");
	EXPECT_EQ(2, count(self->e.peer.buf, KU_RECEIVED));
	EXPECT_EQ(1, count(self->e.peer.buf, KU_SENT));
}

static unsigned int be16(const unsigned char *p)
{
	return p[0] << 8 | p[1];
}

/*
 * The record_size_limit the ClientHello at the start of @buf offers, or
 * -1 if none (or if it is not a ClientHello).
 */
static int ch_record_size_limit(const unsigned char *buf, size_t len)
{
	size_t off, end, elen;

	if (len < 5 + 4 + 2 + 32 + 1 || buf[0] != 22 || buf[5] != 1)
		return -1;
	end = 5 + be16(buf + 3);
	off = 5 + 4 + 2 + 32;
	if (end > len)
		return -1;
	off += 1 + buf[off];				/* session id */
	if (off + 2 > end)
		return -1;
	off += 2 + be16(buf + off);			/* cipher suites */
	if (off + 1 > end)
		return -1;
	off += 1 + buf[off];				/* compression */
	off += 2;					/* extensions */
	while (off + 4 <= end) {
		elen = be16(buf + off + 2);
		if (off + 4 + elen > end)
			return -1;
		if (be16(buf + off) == 28 && elen == 2)
			return be16(buf + off + 4);
		off += 4 + elen;
	}
	return -1;
}

/* The number of unprotected ClientHello records in @buf. */
static int client_hellos(const unsigned char *buf, size_t len)
{
	size_t off = 0;
	int n = 0;

	while (off + 6 <= len) {
		if (buf[off] == 22 && buf[off + 5] == 1)
			n++;
		off += 5 + be16(buf + off + 3);
	}
	return n;
}

/* The largest protected (type 23) record in @buf; their number in @n. */
static unsigned int max_protected(const unsigned char *buf, size_t len,
				  unsigned int *n)
{
	unsigned int max = 0, rlen;
	size_t off = 0;

	*n = 0;
	while (off + 5 <= len) {
		rlen = be16(buf + off + 3);
		if (buf[off] == 23) {
			(*n)++;
			if (rlen > max)
				max = rlen;
		}
		off += 5 + rlen;
	}
	return max;
}

/*
 * ===== a tlshake client, gnutls-serv =====
 * Through the relay, to count ClientHellos. gnutls-serv with
 * %SERVER_PRECEDENCE picks the group it prefers among those we support,
 * and asks for a share of it with a HelloRetryRequest: we send X25519 and
 * P-256 shares, and list P-384 too. It also sends tickets, asks for a
 * client certificate if told to, and **REHANDSHAKE** makes it send
 * KeyUpdate(update_requested) in TLS 1.3.
 */
FIXTURE(cli_gnutls)
{
	struct ends e;		/* the peer is the server, behind the relay */
};

FIXTURE_VARIANT(cli_gnutls)
{
	const char *cred;
	const char *priority;
	const char *client_cred;	/* our certificate, if any */
	const char *description;	/* gnutls-serv's summary */
	__u16 group;
	int client_hellos;		/* 2: HelloRetryRequest */
};

FIXTURE_VARIANT_ADD(cli_gnutls, ec) {
	.cred = "ec", .priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3",
	.description = "(TLS1.3-X.509)-(ECDHE-X25519)-(ECDSA-SECP256R1-SHA256)-(AES-128-GCM)",
	.group = X25519, .client_hellos = 1,
};
FIXTURE_VARIANT_ADD(cli_gnutls, rsa_hrr_p384_chacha) {
	.cred = "rsa",
	.priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP384R1:+GROUP-X25519:+GROUP-SECP256R1:%SERVER_PRECEDENCE:-CIPHER-ALL:+CHACHA20-POLY1305",
	.description = "(TLS1.3-X.509)-(ECDHE-SECP384R1)-(RSA-PSS-RSAE-SHA256)-(CHACHA20-POLY1305)",
	.group = P384, .client_hellos = 2,
};
FIXTURE_VARIANT_ADD(cli_gnutls, ed25519_client_cert) {
	.cred = "ed25519", .priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3",
	.client_cred = "p384",
	.description = "(TLS1.3-X.509)-(ECDHE-X25519)-(EdDSA-Ed25519)-(AES-128-GCM)",
	.group = X25519, .client_hellos = 1,
};

FIXTURE_SETUP(cli_gnutls)
{
	ends_setup(_metadata, &self->e, false);
}

FIXTURE_TEARDOWN(cli_gnutls)
{
	ends_teardown(_metadata, &self->e);
}

static void echo(struct __test_metadata *_metadata, int fd, const char *msg)
{
	char buf[256];

	ASSERT_TRUE(write_all(fd, msg, strlen(msg)));
	ASSERT_TRUE(read_for(fd, buf, sizeof(buf), msg))
		TH_LOG("read: %s (got \"%s\")", strerror(errno), buf);
}

/*
 * Handshake, echo (a line, then 6000 bytes in several records), the
 * server's KeyUpdate(update_requested), echo again, close_notify both ways.
 */
TEST_F(cli_gnutls, handshake_echo_rekey_close)
{
	const struct cred_info *ci = cred(variant->cred);
	const char *chain = chain_file(self->e.dir, ci->leaf, ci->inter);
	char big[6000], back[6000], buf[256];
	struct tlshake_handshake h;
	struct tlshake_info info;
	struct args a = {};
	unsigned int i;

	ASSERT_NE(NULL, chain);
	/* at debug level 4 it logs the KeyUpdates it receives */
	add(&a, "gnutls-serv", "--echo", "-p", "4433", "-d", "4", NULL);
	addf(&a, "--x509certfile=%s", chain);
	addf(&a, "--x509keyfile=" PKI "/%s.key", ci->key);
	addf(&a, "--priority=%s", variant->priority);
	if (variant->client_cred)
		add(&a, "--require-client-cert", "--verify-client-cert",
		    "--x509cafile=" PKI "/root_ec.pem", NULL);
	connect_peer(_metadata, &self->e, &a, true);
	hs_client(&h, NAME);
	if (variant->client_cred)
		strcpy(h.credentials[0], variant->client_cred);
	handshake_ok(_metadata, &self->e, &h);
	ASSERT_EQ(0, get_info(self->e.fd, &info));
	EXPECT_EQ(TLSHAKE_VERSION_1_3, info.version);
	EXPECT_EQ(variant->group, info.group);
	EXPECT_EQ(ci->scheme, info.peer_sig_scheme);
	EXPECT_EQ(variant->client_cred ?
		  cred(variant->client_cred)->scheme : 0, info.sig_scheme);
	ASSERT_TRUE(peer_expect(&self->e.peer, variant->description, WAIT_MS))
		TH_LOG("gnutls-serv:\n%s", tail(&self->e.peer));
	EXPECT_OUTPUT(&self->e.peer, "- Given server name[1]: " NAME);

	echo(_metadata, self->e.fd, "hello gnutls\n");
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = 'a' + i % 26;
	big[sizeof(big) - 1] = '\n';
	ASSERT_TRUE(write_all(self->e.fd, big, sizeof(big)));
	ASSERT_TRUE(read_all(self->e.fd, back, sizeof(back)));
	EXPECT_EQ(0, memcmp(big, back, sizeof(big)));

	/* KeyUpdate(update_requested) from gnutls-serv, then its answer */
	ASSERT_TRUE(write_all(self->e.fd, "**REHANDSHAKE**\n", 16));
	ASSERT_TRUE(read_for(self->e.fd, buf, sizeof(buf),
			     "Successfully executed command\n"))
		TH_LOG("read: %s (got \"%s\")", strerror(errno), buf);
	echo(_metadata, self->e.fd, "after key update\n");
	echo(_metadata, self->e.fd, "and again\n");
	/* we answered update_requested with a KeyUpdate of our own */
	EXPECT_TRUE(peer_expect(&self->e.peer, "received TLS 1.3 key update (0)",
				WAIT_MS))
		TH_LOG("gnutls-serv:\n%s", tail(&self->e.peer));

	/* our close_notify; gnutls-serv answers with its own */
	ASSERT_EQ(0, shutdown(self->e.fd, SHUT_WR));
	EXPECT_EQ(0, read(self->e.fd, back, sizeof(back)));
	relay_stop(&self->e.relay);
	EXPECT_EQ(variant->client_hellos,
		  client_hellos(self->e.relay.buf[0], self->e.relay.len[0]));
}

/*
 * ===== record_size_limit (RFC 8449), seen through the relay =====
 */
#define AEAD_TAG	16
#define TLSHAKE_MAX_PLAINTEXT_LEN	16384

FIXTURE(rsl)
{
	struct ends e;		/* either side; the relay between */
};

FIXTURE_SETUP(rsl)
{
	ends_setup(_metadata, &self->e, false);
}

FIXTURE_TEARDOWN(rsl)
{
	ends_teardown(_metadata, &self->e);
}

/*
 * OpenSSL 3.0 does not implement RFC 8449 (only max_fragment_length), so
 * GnuTLS sets the limits. gnutls-serv --recordsize=256 with
 * %ALLOW_SMALL_RECORDS (below 512 refused otherwise) answers with
 * record_size_limit 257 (256 bytes of content and the content type);
 * gnutls-cli takes no value below 512 (it checks against the
 * max_fragment_length values) and offers 513.
 */
#define SMALL_RECORD	256
#define CLI_RECORD	512
#define SMALL_PRIORITY	"--priority=NORMAL:-VERS-ALL:+VERS-TLS1.3:%ALLOW_SMALL_RECORDS"

/*
 * A server that negotiates the client's limit keeps every protected record
 * it sends within it, its handshake flight included (RFC 8449 4).
 * gnutls-cli at debug level 4 says that our EncryptedExtensions carried
 * the extension.
 */
TEST_F(rsl, server_honours_client_limit)
{
	struct tlshake_handshake h;
	unsigned int max, n;
	struct args a = {};
	char big[4000];
	int limit;

	self->e.l = listen_on(PORT);
	ASSERT_GE(self->e.l, 0);
	ASSERT_EQ(0, relay_start(&self->e.relay, PORT));
	add(&a, "gnutls-cli", "-d", "4", "-p", "4434", "127.0.0.1",
	    "--sni-hostname", NAME, "--verify-hostname", NAME,
	    "--x509cafile=" PKI "/root_ec.pem", SMALL_PRIORITY, NULL);
	addf(&a, "--recordsize=%d", CLI_RECORD);
	accept_peer(_metadata, &self->e, &a);
	hs_server(&h, "ec");
	handshake_ok(_metadata, &self->e, &h);
	memset(big, 'r', sizeof(big));
	memcpy(big + sizeof(big) - 4, "END\n", 4);
	ASSERT_TRUE(write_all(self->e.fd, big, sizeof(big)));
	ASSERT_TRUE(peer_expect(&self->e.peer, "rrrrEND", WAIT_MS))
		TH_LOG("gnutls-cli:\n%s", tail(&self->e.peer));
	EXPECT_OUTPUT(&self->e.peer, "Parsing extension 'Record Size Limit/28'");
	relay_stop(&self->e.relay);
	limit = ch_record_size_limit(self->e.relay.buf[0], self->e.relay.len[0]);
	ASSERT_EQ(CLI_RECORD + 1, limit);
	max = max_protected(self->e.relay.buf[1], self->e.relay.len[1], &n);
	EXPECT_GE(n, sizeof(big) / CLI_RECORD);
	EXPECT_LE(max, limit + AEAD_TAG);
}

/*
 * gnutls-serv answers our ClientHello's record_size_limit with its own
 * (257): our records, the Finished included, must stay within it.
 */
TEST_F(rsl, client_honours_server_limit)
{
	const char *chain = chain_file(self->e.dir, "leaf_ec", "inter_ec");
	struct tlshake_handshake h;
	unsigned int max, n, i;
	struct args a = {};
	char big[4000], back[4000];
	int limit;

	ASSERT_NE(NULL, chain);
	add(&a, "gnutls-serv", "--echo", "-p", "4433",
	    "--x509keyfile=" PKI "/leaf_ec.key", SMALL_PRIORITY, NULL);
	addf(&a, "--recordsize=%d", SMALL_RECORD);
	addf(&a, "--x509certfile=%s", chain);
	connect_peer(_metadata, &self->e, &a, true);
	hs_client(&h, NAME);
	handshake_ok(_metadata, &self->e, &h);
	/* gnutls-serv --echo answers line by line */
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = 'A' + i % 26;
	big[sizeof(big) - 1] = '\n';
	ASSERT_TRUE(write_all(self->e.fd, big, sizeof(big)));
	ASSERT_TRUE(read_all(self->e.fd, back, sizeof(back)))
		TH_LOG("read: %s\ngnutls-serv:\n%s", strerror(errno),
		       tail(&self->e.peer));
	EXPECT_EQ(0, memcmp(big, back, sizeof(big)));
	relay_stop(&self->e.relay);
	limit = ch_record_size_limit(self->e.relay.buf[0], self->e.relay.len[0]);
	EXPECT_EQ(TLSHAKE_MAX_PLAINTEXT_LEN + 1, limit);
	max = max_protected(self->e.relay.buf[0], self->e.relay.len[0], &n);
	EXPECT_GE(n, sizeof(big) / SMALL_RECORD);
	EXPECT_LE(max, SMALL_RECORD + 1 + AEAD_TAG);
}

/*
 * ===== our client refuses a server =====
 * Certificates from the test PKI that must not pass, and a TLS 1.1 server.
 */
FIXTURE(cli_refuse)
{
	struct ends e;		/* the peer is the server */
};

FIXTURE_VARIANT(cli_refuse)
{
	const char *leaf, *key, *chain;
	const char *name;		/* our server_name */
	const char *extra[4];		/* more s_server arguments */
	int err;
	__u8 alert_sent, alert_received;
	__u32 reason;
	const char *peer_saw;		/* in s_server -msg's output */
};

FIXTURE_VARIANT_ADD(cli_refuse, expired) {
	.leaf = "leaf_expired", .key = "leaf_ec", .chain = "inter_ec",
	.name = NAME, .err = EKEYREJECTED,
	.alert_sent = ALERT_CERTIFICATE_EXPIRED, .alert_received = ALERT_NONE,
	.reason = TLSHAKE_REASON_CERT,
	.peer_saw = "fatal certificate_expired",
};
FIXTURE_VARIANT_ADD(cli_refuse, wrong_name) {
	.leaf = "leaf_ec", .key = "leaf_ec", .chain = "inter_ec",
	.name = "mail.example.org", .err = EKEYREJECTED,
	.alert_sent = ALERT_BAD_CERTIFICATE, .alert_received = ALERT_NONE,
	.reason = TLSHAKE_REASON_CERT,
	.peer_saw = "fatal bad_certificate",
};
FIXTURE_VARIANT_ADD(cli_refuse, untrusted_root) {
	.leaf = "leaf_other", .key = "leaf_ec", .chain = "root_other",
	.name = NAME, .err = EKEYREJECTED,
	.alert_sent = ALERT_UNKNOWN_CA, .alert_received = ALERT_NONE,
	.reason = TLSHAKE_REASON_CERT,
	.peer_saw = "fatal unknown_ca",
};
FIXTURE_VARIANT_ADD(cli_refuse, missing_intermediate) {
	.leaf = "leaf_ec", .key = "leaf_ec", .chain = NULL,
	.name = NAME, .err = EKEYREJECTED,
	.alert_sent = ALERT_UNKNOWN_CA, .alert_received = ALERT_NONE,
	.reason = TLSHAKE_REASON_CERT,
	.peer_saw = "fatal unknown_ca",
};
/* s_server finds no common version and says so */
FIXTURE_VARIANT_ADD(cli_refuse, tls11_server) {
	.leaf = "leaf_ec", .key = "leaf_ec", .chain = "inter_ec",
	.name = NAME, .extra = { "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0" },
	.err = ECONNABORTED, .alert_sent = ALERT_NONE,
	.alert_received = ALERT_PROTOCOL_VERSION,
	.reason = TLSHAKE_REASON_PEER_ALERT,
	.peer_saw = "fatal protocol_version",
};

FIXTURE_SETUP(cli_refuse)
{
	ends_setup(_metadata, &self->e, false);
}

FIXTURE_TEARDOWN(cli_refuse)
{
	ends_teardown(_metadata, &self->e);
}

/* A failed session: the errno, TLSHAKE_INFO, and that it failed in time. */
static void check_failed(struct __test_metadata *_metadata, int fd, int ret,
			 int err, __u8 alert_sent, __u8 alert_received,
			 __u32 reason)
{
	struct tlshake_info info;
	char c;

	EXPECT_EQ(-err, ret) TH_LOG("handshake: %s, expected %s",
				     strerror(-ret), strerror(err));
	ASSERT_EQ(0, get_info(fd, &info));
	EXPECT_EQ(TLSHAKE_STATE_FAILED, info.state);
	EXPECT_EQ(err, info.error);
	EXPECT_EQ(alert_sent, info.alert_sent);
	EXPECT_EQ(alert_received, info.alert_received);
	EXPECT_EQ(reason, info.reason);
	/* every later data call fails with the session's errno */
	EXPECT_EQ(-1, read(fd, &c, 1));
	EXPECT_EQ(err, errno);
	EXPECT_EQ(-1, send(fd, "x", 1, MSG_NOSIGNAL));
	EXPECT_EQ(err, errno);
}

/* Run our handshake @h: it must fail within HS_MS, as check_failed() says. */
static void handshake_fails(struct __test_metadata *_metadata,
			    struct ends *e, struct tlshake_handshake *h,
			    int err, __u8 alert_sent, __u8 alert_received,
			    __u32 reason)
{
	long long t0 = now_ms();
	int ret;

	h->timeout_ms = HS_MS;
	ret = handshake(e->fd, h);
	EXPECT_LT(now_ms() - t0, HS_MS);
	check_failed(_metadata, e->fd, ret, err, alert_sent, alert_received,
		     reason);
}

TEST_F(cli_refuse, refused)
{
	struct tlshake_handshake h;
	struct args a = {};
	int i;

	s_server_args(&a, variant->leaf, variant->key, variant->chain);
	for (i = 0; i < 4 && variant->extra[i]; i++)
		add(&a, variant->extra[i], NULL);
	if (!variant->extra[0])
		add(&a, "-tls1_3", NULL);
	connect_peer(_metadata, &self->e, &a, false);
	hs_client(&h, variant->name);
	handshake_fails(_metadata, &self->e, &h, variant->err,
			variant->alert_sent, variant->alert_received,
			variant->reason);
	/* the alert crossed the wire */
	EXPECT_TRUE(peer_expect(&self->e.peer, variant->peer_saw, WAIT_MS))
		TH_LOG("s_server:\n%s", tail(&self->e.peer));
}

/*
 * ===== our server refuses a client =====
 * openssl s_client offers only what our server does not accept.
 */
FIXTURE(srv_refuse)
{
	struct ends e;		/* the peer is the client */
};

FIXTURE_VARIANT(srv_refuse)
{
	const char *args[4];		/* s_client's offer */
	__u8 alert;
	__u32 reason;
	const char *peer_saw;
};

FIXTURE_VARIANT_ADD(srv_refuse, tls12_only) {
	.args = { "-tls1_2" }, .alert = ALERT_PROTOCOL_VERSION,
	.reason = TLSHAKE_REASON_VERSION, .peer_saw = "fatal protocol_version",
};
FIXTURE_VARIANT_ADD(srv_refuse, x448_only) {
	.args = { "-tls1_3", "-groups", "X448" },
	.alert = ALERT_HANDSHAKE_FAILURE,
	.reason = TLSHAKE_REASON_NO_COMMON_PARAMS,
	.peer_saw = "fatal handshake_failure",
};
FIXTURE_VARIANT_ADD(srv_refuse, alpn_h2_only) {
	.args = { "-tls1_3", "-alpn", "h2" },
	.alert = ALERT_NO_APPLICATION_PROTOCOL,
	.reason = TLSHAKE_REASON_NO_COMMON_PARAMS,
	/* -msg has no name for it: "fatal ???" */
	.peer_saw = "SSL alert number 120",
};

FIXTURE_SETUP(srv_refuse)
{
	ends_setup(_metadata, &self->e, true);
}

FIXTURE_TEARDOWN(srv_refuse)
{
	ends_teardown(_metadata, &self->e);
}

TEST_F(srv_refuse, refused)
{
	struct tlshake_handshake h;
	struct args a = {};
	int i;

	add(&a, "openssl", "s_client", "-connect", "127.0.0.1:4433", "-msg",
	    "-servername", NAME, NULL);
	for (i = 0; i < 4 && variant->args[i]; i++)
		add(&a, variant->args[i], NULL);
	accept_peer(_metadata, &self->e, &a);
	hs_server(&h, "ec");
	hs_alpn(&h);
	h.min_version = TLSHAKE_VERSION_1_3;
	handshake_fails(_metadata, &self->e, &h, EPROTO, variant->alert,
			ALERT_NONE, variant->reason);
	EXPECT_TRUE(peer_expect(&self->e.peer, variant->peer_saw, WAIT_MS))
		TH_LOG("s_client:\n%s", tail(&self->e.peer));
	EXPECT_NE(0, peer_wait(&self->e.peer, WAIT_MS));
}

/*
 * ===== small raw peers =====
 * A thread on the other end of a loopback pair plays a broken server (we
 * are the client) or a broken client (we are the server): it sends what
 * the variant says, then closes, resets or holds the connection, and
 * keeps what we sent, so the alert on the wire can be checked too.
 */
enum raw_data {
	RAW_NOTHING,
	RAW_BAD_TYPE,		/* content type 99 */
	RAW_APP_DATA,		/* application data before any key */
	RAW_HTTP_RESPONSE,	/* "HTTP/1.1 400 ..." */
	RAW_HTTP_REQUEST,	/* "GET / HTTP/1.1 ..." */
	RAW_TRUNCATED,		/* a handshake record header and 20 of its 100 bytes */
	RAW_OVERSIZED,		/* a plaintext record of 2^14 + 1 bytes */
	RAW_OVERSIZED_HEADER,	/* the header of a 65535-byte record, alone */
	RAW_SERVER_HELLO_TLS11,	/* a TLS 1.1 ServerHello */
	RAW_FATAL_ALERT,	/* handshake_failure */
};

enum raw_after { AFTER_HOLD, AFTER_FIN, AFTER_RESET };

struct raw_peer {
	pthread_t thread;
	int fd;
	bool we_are_server;	/* the raw peer is the client */
	bool handshake_first;	/* client: send a ClientHello, read a record */
	enum raw_data data;
	enum raw_after after;
	unsigned char got[65536];	/* what we sent it */
	size_t got_len;
};

#define OVERSIZED_LEN	(16384 + 1)

/* RFC 7748 6.1: Alice's X25519 public key, any valid share will do */
static const unsigned char x25519_share[32] = {
	0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d,
	0xdc, 0xb4, 0x3e, 0xf7, 0x5a, 0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38,
	0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
};

struct wr {
	unsigned char *p;
	size_t n;
};

static void put8(struct wr *w, unsigned int v)
{
	w->p[w->n++] = v;
}

static void put16(struct wr *w, unsigned int v)
{
	put8(w, v >> 8);
	put8(w, v);
}

static void putn(struct wr *w, const void *d, size_t len)
{
	memcpy(w->p + w->n, d, len);
	w->n += len;
}

/* Patch the 16-bit (or 24-bit) length of what was written since @mark. */
static void patch_len(struct wr *w, size_t mark, int bytes)
{
	size_t len = w->n - mark - bytes;

	if (bytes == 3)
		w->p[mark++] = len >> 16;
	w->p[mark] = len >> 8;
	w->p[mark + 1] = len;
}

/* A minimal TLS 1.3 ClientHello record: X25519, AES-128-GCM, ECDSA P-256. */
static size_t build_client_hello(unsigned char *buf)
{
	struct wr w = { .p = buf };
	size_t rec, hs, exts, ext;
	unsigned char random[32];

	memset(random, 0x5a, sizeof(random));
	put8(&w, 22);
	put16(&w, 0x0301);
	rec = w.n;
	put16(&w, 0);
	put8(&w, 1);
	hs = w.n;
	put8(&w, 0);
	put16(&w, 0);
	put16(&w, 0x0303);
	putn(&w, random, 32);
	put8(&w, 32);
	putn(&w, random, 32);			/* legacy_session_id */
	put16(&w, 2);
	put16(&w, AES128);
	put8(&w, 1);
	put8(&w, 0);
	exts = w.n;
	put16(&w, 0);
	put16(&w, 0x002b);			/* supported_versions */
	put16(&w, 3);
	put8(&w, 2);
	put16(&w, 0x0304);
	put16(&w, 0x000a);			/* supported_groups */
	put16(&w, 4);
	put16(&w, 2);
	put16(&w, X25519);
	put16(&w, 0x000d);			/* signature_algorithms */
	put16(&w, 4);
	put16(&w, 2);
	put16(&w, 0x0403);
	put16(&w, 0x0033);			/* key_share */
	ext = w.n;
	put16(&w, 0);
	put16(&w, 4 + 32);
	put16(&w, X25519);
	put16(&w, 32);
	putn(&w, x25519_share, 32);
	patch_len(&w, ext, 2);
	put16(&w, 0x0000);			/* server_name */
	ext = w.n;
	put16(&w, 0);
	put16(&w, 3 + strlen(NAME));
	put8(&w, 0);
	put16(&w, strlen(NAME));
	putn(&w, NAME, strlen(NAME));
	patch_len(&w, ext, 2);
	patch_len(&w, exts, 2);
	patch_len(&w, hs, 3);
	patch_len(&w, rec, 2);
	return w.n;
}

/* A ServerHello as a TLS 1.1 server sends it: no supported_versions. */
static size_t build_server_hello_tls11(unsigned char *buf)
{
	struct wr w = { .p = buf };
	unsigned char random[32];
	size_t rec, hs;

	memset(random, 0x42, sizeof(random));
	put8(&w, 22);
	put16(&w, 0x0302);
	rec = w.n;
	put16(&w, 0);
	put8(&w, 2);
	hs = w.n;
	put8(&w, 0);
	put16(&w, 0);
	put16(&w, 0x0302);
	putn(&w, random, 32);
	put8(&w, 0);				/* no session id */
	put16(&w, 0x002f);			/* TLS_RSA_WITH_AES_128_CBC_SHA */
	put8(&w, 0);
	patch_len(&w, hs, 3);
	patch_len(&w, rec, 2);
	return w.n;
}

static size_t raw_build(enum raw_data d, bool to_server, unsigned char *b)
{
	static const char http_resp[] =
		"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
	static const char http_req[] =
		"GET / HTTP/1.1\r\nHost: " NAME "\r\n\r\n";
	size_t n;

	switch (d) {
	case RAW_NOTHING:
		return 0;
	case RAW_BAD_TYPE:
		memcpy(b, "\x63\x03\x03\x00\x04" "abcd", 9);
		return 9;
	case RAW_APP_DATA:
		memcpy(b, "\x17\x03\x03\x00\x10", 5);
		memset(b + 5, 0xaa, 16);
		return 21;
	case RAW_HTTP_RESPONSE:
		memcpy(b, http_resp, sizeof(http_resp) - 1);
		return sizeof(http_resp) - 1;
	case RAW_HTTP_REQUEST:
		memcpy(b, http_req, sizeof(http_req) - 1);
		return sizeof(http_req) - 1;
	case RAW_TRUNCATED:
		if (to_server)
			return build_client_hello(b) / 2;
		memcpy(b, "\x16\x03\x03\x00\x64\x02\x00\x00\x60\x03\x03", 11);
		memset(b + 11, 0x11, 14);
		return 25;
	case RAW_OVERSIZED:
		memcpy(b, "\x16\x03\x03\x40\x01\x02\x00\x3f\xfd\x03\x03", 11);
		memset(b + 11, 0, 5 + OVERSIZED_LEN - 11);
		return 5 + OVERSIZED_LEN;
	case RAW_OVERSIZED_HEADER:
		memcpy(b, "\x16\x03\x03\xff\xff", 5);
		return 5;
	case RAW_SERVER_HELLO_TLS11:
		return build_server_hello_tls11(b);
	case RAW_FATAL_ALERT:
		memcpy(b, "\x15\x03\x03\x00\x02\x02\x28", 7);
		return 7;
	}
	n = 0;
	return n;
}

/* Read one whole record into @r->got; false on error or timeout. */
static bool raw_read_record(struct raw_peer *r)
{
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	size_t need = 5, start = r->got_len;
	ssize_t n;

	while (r->got_len - start < need) {
		if (poll(&pfd, 1, WAIT_MS) <= 0)
			return false;
		n = read(r->fd, r->got + r->got_len, need - (r->got_len - start));
		if (n <= 0)
			return false;
		r->got_len += n;
		if (need == 5 && r->got_len - start == 5)
			need = 5 + be16(r->got + start + 3);
		if (start + need > sizeof(r->got))
			return false;
	}
	return true;
}

static void *raw_fn(void *arg)
{
	static unsigned char out[5 + OVERSIZED_LEN + 64];
	struct raw_peer *r = arg;
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	size_t len;
	ssize_t n;

	if (r->we_are_server && r->handshake_first) {
		len = build_client_hello(out);
		if (!write_all(r->fd, out, len) || !raw_read_record(r))
			return NULL;
	} else if (!r->we_are_server && !raw_read_record(r)) {
		return NULL;			/* our ClientHello */
	}
	len = raw_build(r->data, r->we_are_server, out);
	if (len && !write_all(r->fd, out, len))
		return NULL;
	if (r->after == AFTER_FIN) {
		shutdown(r->fd, SHUT_WR);
	} else if (r->after == AFTER_RESET) {
		setsockopt(r->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(r->fd);
		r->fd = -1;
		return NULL;
	}
	/* keep what we send until we close */
	while (poll(&pfd, 1, 2 * WAIT_MS) > 0) {
		n = read(r->fd, r->got + r->got_len,
			 sizeof(r->got) - r->got_len);
		if (n <= 0)
			break;
		r->got_len += n;
	}
	return NULL;
}

/* The description of the first alert record in what we sent, or -1. */
static int alert_on_wire(const struct raw_peer *r)
{
	size_t off = 0, len;

	while (off + 5 <= r->got_len) {
		len = be16(r->got + off + 3);
		if (r->got[off] == 21 && len == 2 && off + 7 <= r->got_len)
			return r->got[off + 6];
		off += 5 + len;
	}
	return -1;
}

FIXTURE(raw)
{
	int l, ours, theirs;
	struct raw_peer *peer;
	bool started;
};

FIXTURE_VARIANT(raw)
{
	bool server;			/* we are the server */
	bool handshake_first;		/* the raw client gets our first flight */
	enum raw_data data;
	enum raw_after after;
	__u32 timeout_ms;		/* 0: HS_MS */
	int err;
	__u8 alert_sent;
	__u8 alert_received;
	__u32 reason;
	unsigned int min_ms, max_ms;	/* when the failure must come */
};

#define RAW(name, srv, d, aft, e, as, ar, r, maxms, ...)		\
	FIXTURE_VARIANT_ADD(raw, name) {				\
		.server = srv, .data = d, .after = aft, .err = e,	\
		.alert_sent = as, .alert_received = ar, .reason = r,	\
		.max_ms = maxms, __VA_ARGS__				\
	}

/* we are the client: a broken server */
RAW(c_bad_type, false, RAW_BAD_TYPE, AFTER_HOLD, EPROTO,
    ALERT_UNEXPECTED_MESSAGE, ALERT_NONE, TLSHAKE_REASON_UNEXPECTED, 5000);
RAW(c_app_data, false, RAW_APP_DATA, AFTER_HOLD, EPROTO,
    ALERT_UNEXPECTED_MESSAGE, ALERT_NONE, TLSHAKE_REASON_UNEXPECTED, 5000);
/* not TLS: refused on the record header, without waiting for its length */
RAW(c_http_garbage, false, RAW_HTTP_RESPONSE, AFTER_HOLD, EPROTO,
    ALERT_UNEXPECTED_MESSAGE, ALERT_NONE, TLSHAKE_REASON_UNEXPECTED, 5000);
RAW(c_truncated_fin, false, RAW_TRUNCATED, AFTER_FIN, ECONNRESET,
    ALERT_NONE, ALERT_NONE, TLSHAKE_REASON_TRANSPORT, 5000);
RAW(c_truncated_hold, false, RAW_TRUNCATED, AFTER_HOLD, ETIMEDOUT,
    ALERT_NONE, ALERT_NONE, TLSHAKE_REASON_TIMEOUT, 7000,
    .timeout_ms = 2000, .min_ms = 1900);
RAW(c_oversized, false, RAW_OVERSIZED, AFTER_HOLD, EMSGSIZE,
    ALERT_RECORD_OVERFLOW, ALERT_NONE, TLSHAKE_REASON_DECODE, 5000);
RAW(c_oversized_header, false, RAW_OVERSIZED_HEADER, AFTER_HOLD, EMSGSIZE,
    ALERT_RECORD_OVERFLOW, ALERT_NONE, TLSHAKE_REASON_DECODE, 5000);
RAW(c_close_mid_handshake, false, RAW_NOTHING, AFTER_FIN, ECONNRESET,
    ALERT_NONE, ALERT_NONE, TLSHAKE_REASON_TRANSPORT, 5000);
RAW(c_reset_mid_handshake, false, RAW_NOTHING, AFTER_RESET, ECONNRESET,
    ALERT_NONE, ALERT_NONE, TLSHAKE_REASON_TRANSPORT, 5000);
RAW(c_tls11_server_hello, false, RAW_SERVER_HELLO_TLS11, AFTER_HOLD, EPROTO,
    ALERT_PROTOCOL_VERSION, ALERT_NONE, TLSHAKE_REASON_VERSION, 5000);
RAW(c_fatal_alert, false, RAW_FATAL_ALERT, AFTER_HOLD, ECONNABORTED,
    ALERT_NONE, ALERT_HANDSHAKE_FAILURE, TLSHAKE_REASON_PEER_ALERT, 5000);

/* we are the server: a broken client */
RAW(s_app_data, true, RAW_APP_DATA, AFTER_HOLD, EPROTO,
    ALERT_UNEXPECTED_MESSAGE, ALERT_NONE, TLSHAKE_REASON_UNEXPECTED, 5000);
/* plain HTTP to a TLS port */
RAW(s_http_request, true, RAW_HTTP_REQUEST, AFTER_HOLD, EPROTO,
    ALERT_UNEXPECTED_MESSAGE, ALERT_NONE, TLSHAKE_REASON_UNEXPECTED, 5000);
RAW(s_truncated_fin, true, RAW_TRUNCATED, AFTER_FIN, ECONNRESET,
    ALERT_NONE, ALERT_NONE, TLSHAKE_REASON_TRANSPORT, 5000);
RAW(s_oversized, true, RAW_OVERSIZED, AFTER_HOLD, EMSGSIZE,
    ALERT_RECORD_OVERFLOW, ALERT_NONE, TLSHAKE_REASON_DECODE, 5000);
RAW(s_close_mid_handshake, true, RAW_NOTHING, AFTER_FIN, ECONNRESET,
    ALERT_NONE, ALERT_NONE, TLSHAKE_REASON_TRANSPORT, 5000,
    .handshake_first = true);
RAW(s_fatal_alert, true, RAW_FATAL_ALERT, AFTER_HOLD, ECONNABORTED,
    ALERT_NONE, ALERT_HANDSHAKE_FAILURE, TLSHAKE_REASON_PEER_ALERT, 5000);

FIXTURE_SETUP(raw)
{
	int c, s;

	self->peer = NULL;
	self->l = self->ours = self->theirs = -1;
	self->started = false;
	test_start = now_ms();
	ASSERT_STREQ("", global_err);
	self->l = tcp_pair(AF_INET, &c, &s);
	ASSERT_GE(self->l, 0);
	self->ours = variant->server ? s : c;
	self->theirs = variant->server ? c : s;
	self->peer = calloc(1, sizeof(*self->peer));
	ASSERT_NE(NULL, self->peer);
	self->peer->fd = self->theirs;
}

FIXTURE_TEARDOWN(raw)
{
	close(self->ours);
	if (self->started)
		pthread_join(self->peer->thread, NULL);
	if (self->peer && self->peer->fd >= 0)
		close(self->peer->fd);
	free(self->peer);
	close(self->l);
	common_teardown(_metadata);
}

TEST_F(raw, fails_cleanly)
{
	struct raw_peer *r = self->peer;
	struct tlshake_handshake h;
	long long t0, ms;
	int ret, alert;

	r->we_are_server = variant->server;
	r->handshake_first = variant->handshake_first;
	r->data = variant->data;
	r->after = variant->after;
	ASSERT_EQ(0, attach(self->ours));
	if (variant->server)
		hs_server(&h, "ec");
	else
		hs_client(&h, NAME);
	h.timeout_ms = variant->timeout_ms ?: HS_MS;
	ASSERT_EQ(0, pthread_create(&r->thread, NULL, raw_fn, r));
	self->started = true;
	t0 = now_ms();
	ret = handshake(self->ours, &h);
	ms = now_ms() - t0;
	EXPECT_LE(ms, variant->max_ms) TH_LOG("took %lld ms", ms);
	EXPECT_GE(ms, variant->min_ms);
	check_failed(_metadata, self->ours, ret, variant->err,
		     variant->alert_sent, variant->alert_received,
		     variant->reason);
	/* the alert we sent reached the peer */
	close(self->ours);
	self->ours = -1;
	pthread_join(r->thread, NULL);
	self->started = false;
	alert = alert_on_wire(r);
	EXPECT_EQ(variant->alert_sent == ALERT_NONE ? -1 : variant->alert_sent,
		  alert);
}

/*
 * ===== userspace/examples/https_responder, with curl and s_client =====
 * The page reports TLSHAKE_INFO; curl verifies the chain against the test
 * root; the responder's --verbose log shows what our side saw.
 */
static const char *responder(void)
{
	static char path[512];
	const char *env = getenv("TLSHAKE_RESPONDER");
	const char *ctl = tlshakectl(), *slash;

	if (env)
		return env;
	slash = strrchr(ctl, '/');
	snprintf(path, sizeof(path), "%.*s/examples/https_responder",
		 slash ? (int)(slash - ctl) : 1, slash ? ctl : ".");
	return path;
}

FIXTURE(resp)
{
	char dir[64];
	struct peer srv, cli;
};

FIXTURE_SETUP(resp)
{
	peer_init(&self->srv);
	peer_init(&self->cli);
	common_setup(_metadata, self->dir);
}

FIXTURE_TEARDOWN(resp)
{
	peer_stop(&self->cli);
	peer_stop(&self->srv);
	common_teardown(_metadata);
}

/* Start the responder with the EC and RSA credentials, serving @n. */
static void start_responder(struct __test_metadata *_metadata,
			    FIXTURE_DATA(resp) *self, const char *n)
{
	struct args a = {};

	add(&a, (char *)responder(), "--cred", "ec", "--cred", "rsa",
	    "--alpn", "--port", "4433", "--verbose", "--timeout", "15000",
	    "--count", n, NULL);
	ASSERT_EQ(0, access(a.v[0], X_OK)) TH_LOG("no %s", a.v[0]);
	ASSERT_EQ(0, peer_start(&self->srv, &a));
	ASSERT_TRUE(wait_listen(&self->srv, PORT))
		TH_LOG("https_responder:\n%s", tail(&self->srv));
}

static void curl_args(struct args *a, const char *root)
{
	add(a, "curl", "-sS", "-v", "--http1.1", "--tlsv1.3", "--max-time",
	    "20", "--resolve", NAME ":4433:127.0.0.1", "-w",
	    "\nverify_result=%{ssl_verify_result} http_code=%{http_code}\n",
	    NULL);
	add(a, "--cacert", NULL);
	addf(a, PKI "/%s.pem", root);
}

/* The value after "@key: " on its own line in @text, in @out. */
static bool field(const char *text, const char *key, char *out, size_t size)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "\n%s: ", key);
	p = strstr(text, pat);
	if (!p)
		return false;
	p += strlen(pat);
	n = strcspn(p, "\r\n");
	snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
	return true;
}

TEST_F(resp, curl_get)
{
	char suite[64], line[128];
	struct args a = {};

	start_responder(_metadata, self, "1");
	curl_args(&a, "root_ec");
	add(&a, "https://" NAME ":4433/hello?x=1", NULL);
	ASSERT_EQ(0, peer_start(&self->cli, &a));
	ASSERT_EQ(0, peer_wait(&self->cli, 2 * WAIT_MS))
		TH_LOG("curl:\n%s", tail(&self->cli));
	/* the page */
	EXPECT_OUTPUT(&self->cli, "Hello from tlshake");
	EXPECT_OUTPUT(&self->cli, "\nrequest: GET /hello?x=1 HTTP/1.1\n");
	EXPECT_OUTPUT(&self->cli, "\nversion: TLSv1.3\n");
	EXPECT_OUTPUT(&self->cli, "\nserver name: " NAME "\n");
	EXPECT_OUTPUT(&self->cli, "\nalpn: http/1.1\n");
	EXPECT_OUTPUT(&self->cli, "\ngroup: x25519\n");
	EXPECT_OUTPUT(&self->cli, "\nsignature scheme: ecdsa_secp256r1_sha256\n");
	EXPECT_OUTPUT(&self->cli, "verify_result=0 http_code=200");
	/* curl verified the chain and agrees on the suite and ALPN */
	EXPECT_OUTPUT(&self->cli, "SSL certificate verify ok.");
	EXPECT_OUTPUT(&self->cli, "ALPN: server accepted http/1.1");
	ASSERT_TRUE(field(self->cli.buf, "cipher suite", suite, sizeof(suite)));
	snprintf(line, sizeof(line), "SSL connection using TLSv1.3 / %s",
		 suite);
	EXPECT_OUTPUT(&self->cli, line);
	/* our side's log, and --count 1: it exits by itself */
	EXPECT_EQ(0, peer_wait(&self->srv, WAIT_MS))
		TH_LOG("https_responder:\n%s", tail(&self->srv));
	EXPECT_OUTPUT(&self->srv, "server name: " NAME ";");
	EXPECT_OUTPUT(&self->srv, "alpn: http/1.1;");
	snprintf(line, sizeof(line), "cipher suite: %s;", suite);
	EXPECT_OUTPUT(&self->srv, line);
}

TEST_F(resp, curl_chacha_p384_head_and_get)
{
	struct args a = {};

	start_responder(_metadata, self, "2");
	curl_args(&a, "root_ec");
	add(&a, "--tls13-ciphers", "TLS_CHACHA20_POLY1305_SHA256",
	    "--curves", "P-384", "https://" NAME ":4433/", NULL);
	ASSERT_EQ(0, peer_start(&self->cli, &a));
	ASSERT_EQ(0, peer_wait(&self->cli, 2 * WAIT_MS))
		TH_LOG("curl:\n%s", tail(&self->cli));
	EXPECT_OUTPUT(&self->cli, "\ncipher suite: TLS_CHACHA20_POLY1305_SHA256\n");
	EXPECT_OUTPUT(&self->cli, "\ngroup: secp384r1\n");
	EXPECT_OUTPUT(&self->cli, "verify_result=0 http_code=200");
	peer_stop(&self->cli);

	/* HEAD: the headers only */
	memset(&a, 0, sizeof(a));
	curl_args(&a, "root_ec");
	add(&a, "-I", "https://" NAME ":4433/", NULL);
	ASSERT_EQ(0, peer_start(&self->cli, &a));
	ASSERT_EQ(0, peer_wait(&self->cli, 2 * WAIT_MS))
		TH_LOG("curl:\n%s", tail(&self->cli));
	EXPECT_OUTPUT(&self->cli, "HTTP/1.1 200 OK");
	EXPECT_EQ(NULL, strstr(self->cli.buf, "Hello from tlshake"));
	EXPECT_EQ(0, peer_wait(&self->srv, WAIT_MS));
}

/* A root that did not issue the chain: curl refuses, we hear its alert. */
TEST_F(resp, curl_untrusted)
{
	struct args a = {};

	start_responder(_metadata, self, "1");
	curl_args(&a, "root_other");
	add(&a, "https://" NAME ":4433/", NULL);
	ASSERT_EQ(0, peer_start(&self->cli, &a));
	/* curl: 60, peer certificate cannot be authenticated */
	EXPECT_EQ(60, peer_wait(&self->cli, 2 * WAIT_MS))
		TH_LOG("curl:\n%s", tail(&self->cli));
	EXPECT_EQ(NULL, strstr(self->cli.buf, "Hello from tlshake"));
	EXPECT_EQ(0, peer_wait(&self->srv, WAIT_MS));
	EXPECT_OUTPUT(&self->srv, "handshake failed: Software caused connection abort (alert sent: none, alert received: unknown_ca");
}

/*
 * openssl s_client that accepts only RSA-PSS: the responder's kernel
 * picks its RSA credential; the page says which scheme it signed with.
 */
TEST_F(resp, s_client_rsa)
{
	struct args a = {};

	start_responder(_metadata, self, "1");
	add(&a, "openssl", "s_client", "-connect", "127.0.0.1:4433",
	    "-servername", NAME, "-verify_hostname", NAME,
	    "-verify_return_error", "-alpn", "http/1.1", "-sigalgs",
	    "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384", "-ign_eof",
	    "-CAfile", PKI "/root_rsa.pem", NULL);
	ASSERT_EQ(0, peer_start(&self->cli, &a));
	ASSERT_TRUE(peer_send(&self->cli,
			      "GET /s_client HTTP/1.1\r\nHost: " NAME "\r\n\r\n"));
	peer_close_stdin(&self->cli);
	/* the responder closes after the page; s_client then exits */
	EXPECT_EQ(0, peer_wait(&self->cli, 2 * WAIT_MS))
		TH_LOG("s_client:\n%s", tail(&self->cli));
	EXPECT_OUTPUT(&self->cli, "HTTP/1.1 200 OK");
	EXPECT_OUTPUT(&self->cli, "\nrequest: GET /s_client HTTP/1.1\n");
	EXPECT_OUTPUT(&self->cli, "\nsignature scheme: rsa_pss_rsae_sha256\n");
	EXPECT_OUTPUT(&self->cli, "Verify return code: 0 (ok)");
	EXPECT_OUTPUT(&self->cli, "ALPN protocol: http/1.1");
	EXPECT_EQ(0, peer_wait(&self->srv, WAIT_MS));
	EXPECT_OUTPUT(&self->srv, "signature scheme: rsa_pss_rsae_sha256;");
}

TEST_HARNESS_MAIN
