// SPDX-License-Identifier: GPL-2.0
/*
 * https_responder: a small HTTPS server on the tlshake socket API.
 *
 * It accepts TCP connections, attaches tlshake to each, runs the TLS
 * handshake in the kernel as a server, reads one HTTP/1.1 request with
 * plain read() and answers with a page that shows what the handshake
 * negotiated (TLSHAKE_INFO). Then it closes the connection, which sends
 * close_notify. Connections are served one after the other.
 *
 * The credentials must be loaded first, e.g.
 *
 *	tlshakectl cred add web --cert leaf.pem --cert inter.pem --key leaf.key
 *	https_responder --cred web --alpn --port 8443 --verbose
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/tlshake.h>

#ifndef TCP_ULP
#define TCP_ULP 31
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define REQUEST_MAX	8192	/* request line and headers */
#define IO_TIMEOUT_S	10	/* per read/write once the session is up */

static const char *progname = "https_responder";

struct options {
	const char *address;
	unsigned int port;
	const char *creds[TLSHAKE_MAX_CREDS];
	unsigned int n_creds;
	bool alpn;
	bool tls12;
	unsigned long count;		/* 0: forever */
	unsigned int timeout_ms;
	bool verbose;
};

struct name {
	unsigned int id;
	const char *name;
};

static const struct name suite_names[] = {
	{ 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
};

static const struct name group_names[] = {
	{ 0x0017, "secp256r1" },
	{ 0x0018, "secp384r1" },
	{ 0x0019, "secp521r1" },
	{ 0x001d, "x25519" },
	{ 0x001e, "x448" },
};

static const struct name scheme_names[] = {
	{ 0x0401, "rsa_pkcs1_sha256" },
	{ 0x0501, "rsa_pkcs1_sha384" },
	{ 0x0601, "rsa_pkcs1_sha512" },
	{ 0x0403, "ecdsa_secp256r1_sha256" },
	{ 0x0503, "ecdsa_secp384r1_sha384" },
	{ 0x0603, "ecdsa_secp521r1_sha512" },
	{ 0x0804, "rsa_pss_rsae_sha256" },
	{ 0x0805, "rsa_pss_rsae_sha384" },
	{ 0x0806, "rsa_pss_rsae_sha512" },
	{ 0x0807, "ed25519" },
	{ 0x0808, "ed448" },
	{ 0x0809, "rsa_pss_pss_sha256" },
	{ 0x080a, "rsa_pss_pss_sha384" },
	{ 0x080b, "rsa_pss_pss_sha512" },
};

static const struct name alert_names[] = {
	{ 0, "close_notify" },
	{ 10, "unexpected_message" },
	{ 20, "bad_record_mac" },
	{ 22, "record_overflow" },
	{ 40, "handshake_failure" },
	{ 42, "bad_certificate" },
	{ 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" },
	{ 45, "certificate_expired" },
	{ 46, "certificate_unknown" },
	{ 47, "illegal_parameter" },
	{ 48, "unknown_ca" },
	{ 49, "access_denied" },
	{ 50, "decode_error" },
	{ 51, "decrypt_error" },
	{ 70, "protocol_version" },
	{ 71, "insufficient_security" },
	{ 80, "internal_error" },
	{ 86, "inappropriate_fallback" },
	{ 90, "user_canceled" },
	{ 109, "missing_extension" },
	{ 110, "unsupported_extension" },
	{ 112, "unrecognized_name" },
	{ 116, "certificate_required" },
	{ 120, "no_application_protocol" },
	{ 255, "none" },
};

static const char *const reason_names[] = {
	[TLSHAKE_REASON_NONE] = "none",
	[TLSHAKE_REASON_PEER_ALERT] = "the peer sent a fatal alert",
	[TLSHAKE_REASON_DECODE] = "malformed message or record",
	[TLSHAKE_REASON_BAD_RECORD_MAC] = "record authentication failed",
	[TLSHAKE_REASON_UNEXPECTED] = "unexpected message",
	[TLSHAKE_REASON_NO_COMMON_PARAMS] = "no common parameters",
	[TLSHAKE_REASON_CERT] = "certificate refused",
	[TLSHAKE_REASON_SIGNATURE] = "bad handshake signature",
	[TLSHAKE_REASON_FINISHED] = "bad Finished",
	[TLSHAKE_REASON_TIMEOUT] = "timed out",
	[TLSHAKE_REASON_INTERRUPTED] = "interrupted",
	[TLSHAKE_REASON_TRANSPORT] = "connection closed or failed",
	[TLSHAKE_REASON_CONFIG] = "missing or unusable credential",
	[TLSHAKE_REASON_INTERNAL] = "internal error",
	[TLSHAKE_REASON_ILLEGAL_PARAMETER] = "illegal parameter",
	[TLSHAKE_REASON_VERSION] = "no common protocol version",
	[TLSHAKE_REASON_DOWNGRADE] = "downgrade detected",
};

/* The name of @id in @table, or its value in hex in @buf. */
static const char *lookup(const struct name *table, size_t n, unsigned int id,
			  char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].id == id)
			return table[i].name;
	snprintf(buf, size, "0x%04x", id);
	return buf;
}

#define NAME(table, id, buf) \
	lookup(table, ARRAY_SIZE(table), id, buf, sizeof(buf))

static const char *version_name(unsigned int v)
{
	switch (v) {
	case TLSHAKE_VERSION_1_3:
		return "TLSv1.3";
	case TLSHAKE_VERSION_1_2:
		return "TLSv1.2";
	case 0:
		return "none";
	default:
		return "unknown";
	}
}

static const char *reason_name(unsigned int r)
{
	if (r < ARRAY_SIZE(reason_names) && reason_names[r])
		return reason_names[r];
	return "unknown";
}

/* What TLSHAKE_INFO says, as "key: value" lines, for the page and the log. */
static int format_info(const struct tlshake_info *info, char *out, size_t size)
{
	char b1[8], b2[8], b3[8], b4[8];

	return snprintf(out, size,
			"version: %s\n"
			"cipher suite: %s\n"
			"group: %s\n"
			"signature scheme: %s\n"
			"peer signature scheme: %s\n"
			"alpn: %s\n"
			"server name: %s\n"
			"resumed: %s\n",
			version_name(info->version),
			NAME(suite_names, info->cipher_suite, b1),
			info->group ? NAME(group_names, info->group, b2) :
				      "none",
			info->sig_scheme ?
				NAME(scheme_names, info->sig_scheme, b3) :
				"none",
			info->peer_sig_scheme ?
				NAME(scheme_names, info->peer_sig_scheme, b4) :
				"none",
			info->alpn[0] ? info->alpn : "none",
			info->server_name[0] ? info->server_name : "none",
			info->resumed ? "yes" : "no");
}

static int get_info(int fd, struct tlshake_info *info)
{
	socklen_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return getsockopt(fd, SOL_TLSHAKE, TLSHAKE_INFO, info, &len);
}

static const char *peer_name(const struct sockaddr_storage *ss, char *buf,
			     size_t size)
{
	const struct sockaddr_in6 *s6 = (const void *)ss;
	const struct sockaddr_in *s4 = (const void *)ss;
	char addr[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &s6->sin6_addr, addr, sizeof(addr));
		snprintf(buf, size, "[%s]:%u", addr, ntohs(s6->sin6_port));
	} else {
		inet_ntop(AF_INET, &s4->sin_addr, addr, sizeof(addr));
		snprintf(buf, size, "%s:%u", addr, ntohs(s4->sin_port));
	}
	return buf;
}

static void log_failure(const char *peer, int err,
			const struct tlshake_info *info)
{
	char b1[8], b2[8];

	fprintf(stderr,
		"%s: %s: handshake failed: %s (alert sent: %s, alert received: %s, reason: %s)\n",
		progname, peer, strerror(err),
		NAME(alert_names, info->alert_sent, b1),
		NAME(alert_names, info->alert_received, b2),
		reason_name(info->reason));
}

static void log_success(const char *peer, const struct tlshake_info *info)
{
	char text[2048], *line, *save = NULL;

	format_info(info, text, sizeof(text));
	fprintf(stderr, "%s: %s: established:", progname, peer);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, " %s;", line);
	fputc('\n', stderr);
}

static void server_params(const struct options *o,
			  struct tlshake_handshake *h)
{
	static const char alpn[] = "\x08http/1.1";
	unsigned int i;

	memset(h, 0, sizeof(*h));
	h->role = TLSHAKE_ROLE_SERVER;
	h->min_version = o->tls12 ? TLSHAKE_VERSION_1_2 : TLSHAKE_VERSION_1_3;
	h->timeout_ms = o->timeout_ms;
	for (i = 0; i < o->n_creds; i++)
		snprintf(h->credentials[i], sizeof(h->credentials[i]), "%s",
			 o->creds[i]);
	if (o->alpn) {
		h->alpn_len = sizeof(alpn) - 1;
		memcpy(h->alpn, alpn, h->alpn_len);
	}
}

/*
 * Read the request head (up to the empty line). Returns its length, 0 if
 * the client closed or sent too much, -1 on error (errno set).
 */
static ssize_t read_request(int fd, char *buf, size_t size)
{
	size_t have = 0;
	ssize_t n;

	while (have < size - 1) {
		n = read(fd, buf + have, size - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n;
		have += n;
		buf[have] = '\0';
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			return have;
	}
	return 0;
}

static bool write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/* Answer one request: 200 with the session parameters, or an error. */
static bool respond(int fd, const char *req, const struct tlshake_info *info)
{
	char method[16], target[1024], proto[16], body[4096], head[512];
	const char *status = "200 OK";
	bool head_only = false;
	int blen, hlen;

	if (sscanf(req, "%15s %1023s %15s", method, target, proto) != 3 ||
	    strncmp(proto, "HTTP/1.", 7)) {
		status = "400 Bad Request";
		blen = snprintf(body, sizeof(body), "bad request\n");
	} else if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		status = "405 Method Not Allowed";
		blen = snprintf(body, sizeof(body), "only GET and HEAD\n");
	} else {
		head_only = !strcmp(method, "HEAD");
		blen = snprintf(body, sizeof(body),
				"Hello from tlshake: TLS in the kernel.\n\n"
				"request: %s %s %s\n", method, target, proto);
		blen += format_info(info, body + blen, sizeof(body) - blen);
	}
	hlen = snprintf(head, sizeof(head),
			"HTTP/1.1 %s\r\n"
			"Server: tlshake-https-responder\r\n"
			"Content-Type: text/plain; charset=utf-8\r\n"
			"Content-Length: %d\r\n"
			"Connection: close\r\n"
			"\r\n", status, blen);
	return write_all(fd, head, hlen) &&
	       (head_only || write_all(fd, body, blen));
}

/* Wait (bounded) for the client's close, so our close does not reset. */
static void drain(int fd)
{
	struct timeval tv = { .tv_sec = 2 };
	char buf[512];

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/*
 * Serve one accepted connection. Returns 0, or -1 when the error means
 * no connection can succeed (a missing credential): the caller stops.
 */
static int serve(int fd, const char *peer, const struct options *o)
{
	struct timeval tv = { .tv_sec = IO_TIMEOUT_S };
	struct tlshake_handshake h;
	struct tlshake_info info;
	char req[REQUEST_MAX];
	ssize_t n;
	int err;

	if (setsockopt(fd, SOL_TCP, TCP_ULP, TLSHAKE_ULP_NAME,
		       sizeof(TLSHAKE_ULP_NAME) - 1)) {
		fprintf(stderr, "%s: cannot attach tlshake: %s%s\n", progname,
			strerror(errno), errno == ENOENT ?
			" (is the tlshake module loaded?)" : "");
		return errno == ENOENT ? -1 : 0;
	}
	server_params(o, &h);
	if (setsockopt(fd, SOL_TLSHAKE, TLSHAKE_HANDSHAKE, &h, sizeof(h))) {
		err = errno;
		get_info(fd, &info);
		log_failure(peer, err, &info);
		if (err == ENOENT) {
			fprintf(stderr,
				"%s: a credential (%s%s) does not exist: load it with 'tlshakectl cred add'\n",
				progname, o->creds[0],
				o->n_creds > 1 ? ", ..." : "");
			return -1;
		}
		if (err == EINVAL) {
			fprintf(stderr,
				"%s: the kernel refused the handshake parameters\n",
				progname);
			return -1;
		}
		return 0;
	}
	if (get_info(fd, &info)) {
		fprintf(stderr, "%s: %s: TLSHAKE_INFO: %s\n", progname, peer,
			strerror(errno));
		return 0;
	}
	if (o->verbose)
		log_success(peer, &info);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	n = read_request(fd, req, sizeof(req));
	if (n < 0) {
		fprintf(stderr, "%s: %s: reading the request: %s\n", progname,
			peer, strerror(errno));
		return 0;
	}
	if (!n) {
		if (o->verbose)
			fprintf(stderr, "%s: %s: no complete request\n",
				progname, peer);
		return 0;
	}
	if (!respond(fd, req, &info)) {
		fprintf(stderr, "%s: %s: writing the response: %s\n", progname,
			peer, strerror(errno));
		return 0;
	}
	/* close_notify now; then let the client close first */
	shutdown(fd, SHUT_WR);
	drain(fd);
	return 0;
}

static int listen_on(const struct options *o)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in6 *s6 = (void *)&ss;
	struct sockaddr_in *s4 = (void *)&ss;
	socklen_t len;
	int fd, one = 1, zero = 0;

	if (inet_pton(AF_INET6, o->address, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(o->port);
		len = sizeof(*s6);
	} else if (inet_pton(AF_INET, o->address, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(o->port);
		len = sizeof(*s4);
	} else {
		fprintf(stderr, "%s: '%s' is not an IPv4 or IPv6 address\n",
			progname, o->address);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "%s: socket: %s\n", progname, strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ss.ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 16)) {
		fprintf(stderr, "%s: cannot listen on %s port %u: %s\n",
			progname, o->address, o->port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static const char usage_text[] =
	"Usage: https_responder --cred NAME [--cred NAME...] [options]\n"
	"\n"
	"A small HTTPS server on tlshake: each page shows what the TLS\n"
	"handshake negotiated. Load the credentials first with\n"
	"'tlshakectl cred add NAME --cert FILE... --key FILE'.\n"
	"\n"
	"  -c, --cred NAME      credential to serve (up to 4; the kernel picks\n"
	"                       the one that matches the client's SNI and\n"
	"                       signature algorithms)\n"
	"  -p, --port PORT      TCP port (default 8443)\n"
	"  -a, --address ADDR   address to listen on (default ::, which also\n"
	"                       accepts IPv4)\n"
	"  -A, --alpn           offer ALPN \"http/1.1\"; a client that offers\n"
	"                       ALPN without it is refused\n"
	"  -2, --tls12          also accept TLS 1.2 (default: TLS 1.3 only)\n"
	"  -n, --count N        serve N connections, then exit (default: no\n"
	"                       limit)\n"
	"  -t, --timeout MS     handshake time limit (default 10000)\n"
	"  -v, --verbose        log each connection's TLSHAKE_INFO on stderr\n"
	"  -h, --help           this text\n";

static bool parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return !errno && *s && !*end && *s != '-' && *v <= max;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "cred", required_argument, NULL, 'c' },
		{ "port", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "alpn", no_argument, NULL, 'A' },
		{ "tls12", no_argument, NULL, '2' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	int c;

	while ((c = getopt_long(argc, argv, "c:p:a:A2n:t:vh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'c':
			if (o->n_creds == TLSHAKE_MAX_CREDS) {
				fprintf(stderr, "%s: at most %d credentials\n",
					progname, TLSHAKE_MAX_CREDS);
				return 2;
			}
			if (!*optarg || strlen(optarg) >= TLSHAKE_NAME_MAX) {
				fprintf(stderr,
					"%s: a credential name has 1 to %d characters\n",
					progname, TLSHAKE_NAME_MAX - 1);
				return 2;
			}
			o->creds[o->n_creds++] = optarg;
			break;
		case 'p':
			if (!parse_uint(optarg, 65535, &v) || !v) {
				fprintf(stderr, "%s: bad port '%s'\n",
					progname, optarg);
				return 2;
			}
			o->port = v;
			break;
		case 'a':
			o->address = optarg;
			break;
		case 'A':
			o->alpn = true;
			break;
		case '2':
			o->tls12 = true;
			break;
		case 'n':
			if (!parse_uint(optarg, ULONG_MAX, &v) || !v) {
				fprintf(stderr, "%s: bad count '%s'\n",
					progname, optarg);
				return 2;
			}
			o->count = v;
			break;
		case 't':
			if (!parse_uint(optarg, UINT_MAX, &v) || !v) {
				fprintf(stderr, "%s: bad timeout '%s'\n",
					progname, optarg);
				return 2;
			}
			o->timeout_ms = v;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (optind < argc || !o->n_creds) {
		fprintf(stderr, "%s: %s\n%s", progname, optind < argc ?
			"unexpected argument" : "--cred is required",
			usage_text);
		return 2;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct options o = {
		.address = "::", .port = 8443, .timeout_ms = 10000,
	};
	struct sockaddr_storage ss;
	char peer[INET6_ADDRSTRLEN + 16];
	unsigned long served = 0;
	socklen_t len;
	int lfd, fd, ret;

	ret = parse_args(argc, argv, &o);
	if (ret >= 0)
		return ret;
	signal(SIGPIPE, SIG_IGN);
	lfd = listen_on(&o);
	if (lfd < 0)
		return 1;
	if (o.verbose)
		fprintf(stderr, "%s: listening on %s port %u\n", progname,
			o.address, o.port);
	ret = 0;
	while (!o.count || served < o.count) {
		len = sizeof(ss);
		fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			fprintf(stderr, "%s: accept: %s\n", progname,
				strerror(errno));
			ret = 1;
			break;
		}
		served++;
		ret = serve(fd, peer_name(&ss, peer, sizeof(peer)), &o);
		close(fd);
		if (ret) {
			ret = 1;
			break;
		}
	}
	close(lfd);
	return ret;
}
