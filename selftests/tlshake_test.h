/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the tlshake handshake kselftests: the test PKI loaded
 * with tlshakectl into a network namespace of the test's own, loopback
 * TCP pairs, and the handshake parameters.
 */
#ifndef _TLSHAKE_SELFTEST_H
#define _TLSHAKE_SELFTEST_H

/*
 * Handshakes under TCG with KASAN take seconds each, more on a loaded
 * host: the harness's 30 s per test is too tight. Every handshake in these
 * tests still has its own, shorter deadline.
 */
#ifdef TEST_TIMEOUT_DEFAULT
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 180
#endif

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/tlshake.h>

#ifndef TCP_ULP
#define TCP_ULP 31
#endif
#ifndef TLSHAKE_REPO
#define TLSHAKE_REPO "."
#endif

#define PKI "/tmp/tlshake-pki"

static inline int sh(const char *fmt, ...)
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

static inline const char *tlshakectl(void)
{
	const char *c = getenv("TLSHAKECTL");

	return c ? c : TLSHAKE_REPO "/userspace/tlshakectl";
}

/*
 * The test PKI (selftests/certs/gen-pki.sh), made once: `make check` makes
 * it on the host and copies it in, since key generation is slow in the
 * emulated guest.
 */
static inline int make_pki(void)
{
	struct stat st;

	if (!stat(PKI "/.done", &st))
		return 0;
	return sh("%s " PKI " >/dev/null 2>&1", getenv("TLSHAKE_GEN_PKI") ?:
		  TLSHAKE_REPO "/selftests/certs/gen-pki.sh");
}

/* A network namespace of our own, with loopback up. */
static inline int own_netns(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd, err;

	if (unshare(CLONE_NEWNET))
		return -errno;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	err = ioctl(fd, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP;
	if (!err)
		err = ioctl(fd, SIOCSIFFLAGS, &ifr);
	close(fd);
	return err ? -errno : 0;
}

/*
 * Credentials "ec", "rsa", "p384", "ed25519", "rsa3072" (leaf + its
 * intermediate) and the trust store "roots" (the EC and RSA roots).
 */
static inline int load_test_creds(void)
{
	static const char *const creds[][2] = {
		{ "ec", "leaf_ec:inter_ec" }, { "rsa", "leaf_rsa:inter_rsa" },
		{ "p384", "leaf_p384:inter_ec" },
		{ "ed25519", "leaf_ed25519:inter_ec" },
		{ "rsa3072", "leaf_rsa3072:inter_rsa" },
	};
	char leaf[32], inter[32];
	unsigned int i;

	for (i = 0; i < sizeof(creds) / sizeof(creds[0]); i++) {
		sscanf(creds[i][1], "%31[^:]:%31s", leaf, inter);
		if (sh("%s cred add %s --cert " PKI "/%s.pem --cert " PKI
		       "/%s.pem --key " PKI "/%s.key >/dev/null", tlshakectl(),
		       creds[i][0], leaf, inter, leaf))
			return -1;
	}
	return sh("%s trust add roots --anchor " PKI "/root_ec.pem --anchor "
		  PKI "/root_rsa.pem >/dev/null", tlshakectl());
}

static inline int attach(int fd)
{
	return setsockopt(fd, SOL_TCP, TCP_ULP, "tlshake", 7);
}

/* A connected loopback pair; returns the listener. */
static inline int tcp_pair(int family, int *client, int *server)
{
	struct sockaddr_storage ss = { .ss_family = family };
	socklen_t len = family == AF_INET6 ? sizeof(struct sockaddr_in6) :
					     sizeof(struct sockaddr_in);
	int l = socket(family, SOCK_STREAM, 0);

	if (family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
	else
		((struct sockaddr_in *)&ss)->sin_addr.s_addr =
			htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)&ss, len) || listen(l, 8) ||
	    getsockname(l, (struct sockaddr *)&ss, &len))
		return -1;
	*client = socket(family, SOCK_STREAM, 0);
	if (*client < 0 || connect(*client, (struct sockaddr *)&ss, len))
		return -1;
	*server = accept(l, NULL, NULL);
	return *server < 0 ? -1 : l;
}

static inline void hs_client(struct tlshake_handshake *h, const char *name)
{
	memset(h, 0, sizeof(*h));
	h->role = TLSHAKE_ROLE_CLIENT;
	strcpy(h->trust_store, "roots");
	strcpy(h->server_name, name);
}

static inline void hs_server(struct tlshake_handshake *h, const char *cred)
{
	memset(h, 0, sizeof(*h));
	h->role = TLSHAKE_ROLE_SERVER;
	strcpy(h->credentials[0], cred);
}

static inline int handshake(int fd, const struct tlshake_handshake *h)
{
	return setsockopt(fd, SOL_TLSHAKE, TLSHAKE_HANDSHAKE, h, sizeof(*h)) ?
	       -errno : 0;
}

struct hs_thread {
	pthread_t thread;
	int fd;
	struct tlshake_handshake h;
	int err;
};

static inline void *hs_thread_fn(void *arg)
{
	struct hs_thread *t = arg;

	t->err = handshake(t->fd, &t->h);
	return NULL;
}

/* Run @t's handshake in a thread (the peer's runs in the caller). */
static inline int hs_thread_start(struct hs_thread *t)
{
	return pthread_create(&t->thread, NULL, hs_thread_fn, t);
}

static inline int hs_thread_join(struct hs_thread *t)
{
	pthread_join(t->thread, NULL);
	return t->err;
}

static inline int get_info(int fd, struct tlshake_info *info)
{
	socklen_t len = sizeof(*info);

	return getsockopt(fd, SOL_TLSHAKE, TLSHAKE_INFO, info, &len) ?
	       -errno : 0;
}

/* Write all of @len bytes; false on error. */
static inline bool write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/* Read exactly @len bytes; false on error or early end of file. */
static inline bool read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

#endif /* _TLSHAKE_SELFTEST_H */
