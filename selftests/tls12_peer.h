/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the TLS 1.2 kselftests that drive other TLS implementations
 * (the openssl and gnutls command-line tools, run in the guest) against
 * tlshake on loopback, in the test's own network namespace.
 */
#ifndef _TLSHAKE_TLS12_PEER_H
#define _TLSHAKE_TLS12_PEER_H

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>

#include "tlshake_test.h"

#define V12		TLSHAKE_VERSION_1_2
#define V13		TLSHAKE_VERSION_1_3
#define PEER_PORT	4433
#define PEER_LOG	"/tmp/tls12-peer.log"
#define PEER_IN		"/tmp/tls12-peer.in"
/* seconds: the guest is emulated and the tools start slowly there */
#define PEER_WAIT	120
#define HS_TIMEOUT	900	/* a test */
#define HS_LIMIT_MS	120000	/* a handshake */

/* Chains in one file for the peers' -cert / --x509certfile. */
static inline int make_chains(void)
{
	return sh("cd " PKI " && cat leaf_ec.pem inter_ec.pem >chain_ec.pem &&"
		  " cat leaf_rsa.pem inter_rsa.pem >chain_rsa.pem &&"
		  " cat leaf_rsa_kx.pem inter_rsa.pem >chain_rsa_kx.pem &&"
		  " cat leaf_p384.pem inter_ec.pem >chain_p384.pem &&"
		  " cat root_ec.pem root_rsa.pem >roots.pem");
}

/* Credentials for tlshake: the ones of tlshake_test.h and "rsa_kx". */
static inline int load_creds12(void)
{
	if (load_test_creds())
		return -1;
	return sh("%s cred add rsa_kx --cert " PKI "/leaf_rsa_kx.pem --cert "
		  PKI "/inter_rsa.pem --key " PKI "/leaf_rsa_kx.key >/dev/null",
		  tlshakectl());
}

static inline int setup12(void)
{
	/* a peer that goes away must not kill the test */
	signal(SIGPIPE, SIG_IGN);
	if (make_pki() || make_chains() || own_netns() || load_creds12())
		return -1;
	return 0;
}

/*
 * Run a shell command line in the background, in a process group of its
 * own, its output in @log. Returns the pid (the group's id).
 */
static inline pid_t spawn(const char *log, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	pid_t pid;
	int fd;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	unlink(log);	/* no line of an earlier run may count */
	pid = fork();
	if (pid)
		return pid;
	setpgid(0, 0);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/* Wait up to @secs for @pid; kill its group if it is still there. */
static inline int reap(pid_t pid, int secs)
{
	int st, i;

	for (i = 0; i < secs * 10; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		usleep(100000);
	}
	kill(-pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -2;
}

static inline void stop(pid_t pid)
{
	int st;

	kill(-pid, SIGKILL);
	waitpid(pid, &st, 0);
}

/* The whole of a (small) file, NUL-terminated, in a static buffer. */
static inline const char *slurp(const char *path)
{
	static char buf[256 * 1024];
	ssize_t n = 0;
	int fd = open(path, O_RDONLY);

	buf[0] = 0;
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static inline bool log_has(const char *log, const char *what)
{
	return strstr(slurp(log), what);
}

/* Wait until @log says @what (a server is listening), up to PEER_WAIT s. */
static inline bool wait_log(const char *log, const char *what)
{
	int i;

	for (i = 0; i < PEER_WAIT * 10; i++) {
		if (log_has(log, what))
			return true;
		usleep(100000);
	}
	return false;
}

static inline int connect_port(int port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd, i;

	/* a peer may say it listens a moment before it does */
	for (i = 0; i < 100; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			return -1;
		if (!connect(fd, (struct sockaddr *)&a, sizeof(a)))
			return fd;
		close(fd);
		if (errno != ECONNREFUSED)
			return -1;
		usleep(100000);
	}
	return -1;
}

static inline int listen_port(int port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Accept one connection within PEER_WAIT seconds, -1 if none came. */
static inline int accept_wait(int l)
{
	struct pollfd p = { .fd = l, .events = POLLIN };

	if (poll(&p, 1, PEER_WAIT * 1000) != 1)
		return -1;
	return accept(l, NULL, NULL);
}

static inline int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	bool ok;

	if (fd < 0)
		return -1;
	ok = write_all(fd, s, strlen(s));
	close(fd);
	return ok ? 0 : -1;
}

static inline int get_session(int fd)
{
	socklen_t len = sizeof(int);
	int sfd = -1;

	if (getsockopt(fd, SOL_TLSHAKE, TLSHAKE_SESSION, &sfd, &len))
		return -errno;
	return sfd;
}

static inline int set_session(int fd, int sfd)
{
	return setsockopt(fd, SOL_TLSHAKE, TLSHAKE_SESSION, &sfd,
			  sizeof(sfd)) ? -errno : 0;
}

static inline void print_info(const char *who, int fd)
{
	struct tlshake_info i;

	if (get_info(fd, &i)) {
		fprintf(stderr, "# %s: no info (%d)\n", who, errno);
		return;
	}
	fprintf(stderr,
		"# %s: state %u version %#x suite %#x error %d reason %u alert sent %u received %u\n",
		who, i.state, i.version, i.cipher_suite, i.error, i.reason,
		i.alert_sent, i.alert_received);
}

#endif /* _TLSHAKE_TLS12_PEER_H */
