// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: the socket API of an established tlshake TLS 1.3 session,
 * tlshake on both ends: data integrity from 1 byte to 16 MiB in both
 * directions at once, non-blocking handshakes with poll(), MSG_PEEK,
 * MSG_WAITALL, MSG_MORE, sendfile(), splice(), KeyUpdate, and what
 * getsockopt reports.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/sendfile.h>

#include "kselftest_harness.h"
#include "tlshake_test.h"

FIXTURE(api)
{
	int l, c, s;
};

FIXTURE_SETUP(api)
{
	ASSERT_EQ(0, make_pki());
	ASSERT_EQ(0, own_netns());
	ASSERT_EQ(0, load_test_creds());
	self->l = tcp_pair(AF_INET, &self->c, &self->s);
	ASSERT_GE(self->l, 0);
	ASSERT_EQ(0, attach(self->c));
	ASSERT_EQ(0, attach(self->s));
}

FIXTURE_TEARDOWN(api)
{
	close(self->c);
	close(self->s);
	close(self->l);
}

static int establish(int c, int s)
{
	struct hs_thread srv = { .fd = s };
	struct tlshake_handshake ch;
	int err;

	hs_server(&srv.h, "ec");
	hs_client(&ch, "www.example.com");
	if (hs_thread_start(&srv))
		return -1;
	err = handshake(c, &ch);
	return hs_thread_join(&srv) ?: err;
}

/* A byte stream anyone can check: byte i of stream @seed. */
static unsigned char pattern(unsigned long seed, unsigned long i)
{
	unsigned long x = (i + 1) * 0x9e3779b97f4a7c15UL ^ seed;

	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9UL;
	return x >> 56;
}

struct stream {
	pthread_t thread;
	int fd;
	bool writer;
	unsigned long seed, len;
	int result;		/* 0 ok, else the byte offset + 1 that failed */
};

static void *stream_fn(void *arg)
{
	struct stream *st = arg;
	unsigned long done = 0, i, n;
	unsigned int rnd = st->seed;
	static __thread unsigned char buf[65536];
	ssize_t r;

	while (done < st->len) {
		n = rand_r(&rnd) % sizeof(buf) + 1;
		if (n > st->len - done)
			n = st->len - done;
		if (st->writer) {
			for (i = 0; i < n; i++)
				buf[i] = pattern(st->seed, done + i);
			if (!write_all(st->fd, buf, n))
				break;
			done += n;
			continue;
		}
		r = read(st->fd, buf, n);
		if (r <= 0)
			break;
		for (i = 0; i < (unsigned long)r; i++)
			if (buf[i] != pattern(st->seed, done + i)) {
				st->result = done + i + 1;
				return NULL;
			}
		done += r;
	}
	st->result = done == st->len ? 0 : done + 1;
	return NULL;
}

/* Both directions at once, random write and read sizes, checked bytes. */
static void both_ways(struct __test_metadata *_metadata, int c, int s,
		      unsigned long len)
{
	struct stream st[4] = {
		{ .fd = c, .writer = true, .seed = len * 3 + 1, .len = len },
		{ .fd = s, .writer = false, .seed = len * 3 + 1, .len = len },
		{ .fd = s, .writer = true, .seed = len * 5 + 2, .len = len },
		{ .fd = c, .writer = false, .seed = len * 5 + 2, .len = len },
	};
	int i;

	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&st[i].thread, NULL, stream_fn,
					    &st[i]));
	for (i = 0; i < 4; i++) {
		pthread_join(st[i].thread, NULL);
		EXPECT_EQ(0, st[i].result) TH_LOG("stream %d, %lu bytes", i,
						  len);
	}
}

TEST_F_TIMEOUT(api, data_sizes, 600)
{
	static const unsigned long sizes[] = {
		1, 2, 16383, 16384, 16385, 100000, 1 << 20, 16 << 20,
	};
	unsigned int i;

	ASSERT_EQ(0, establish(self->c, self->s));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		both_ways(_metadata, self->c, self->s, sizes[i]);
}

static void set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Non-blocking: EINPROGRESS, then POLLOUT on both ends, SO_ERROR 0. */
TEST_F(api, nonblocking_handshake)
{
	struct tlshake_handshake ch, sh;
	struct pollfd pfd[2] = {
		{ .fd = self->c, .events = POLLOUT },
		{ .fd = self->s, .events = POLLOUT },
	};
	int err = -1, i, done = 0;
	socklen_t len = sizeof(err);
	char buf[8];

	set_nonblock(self->c);
	set_nonblock(self->s);
	hs_server(&sh, "ec");
	hs_client(&ch, "www.example.com");
	EXPECT_EQ(-EINPROGRESS, handshake(self->s, &sh));
	EXPECT_EQ(-EINPROGRESS, handshake(self->c, &ch));
	/* a second start is refused */
	EXPECT_EQ(-EALREADY, handshake(self->c, &ch));
	/* while it runs, no data */
	EXPECT_EQ(-1, read(self->c, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	/* up to 60 s; an end that is done is no longer polled */
	for (i = 0; i < 600 && done != 3; i++) {
		ASSERT_GE(poll(pfd, 2, 100), 0);
		ASSERT_EQ(0, (pfd[0].revents | pfd[1].revents) & POLLERR);
		if (pfd[0].revents & POLLOUT) {
			done |= 1;
			pfd[0].fd = -1;
		}
		if (pfd[1].revents & POLLOUT) {
			done |= 2;
			pfd[1].fd = -1;
		}
	}
	pfd[1].fd = self->s;
	ASSERT_EQ(3, done);
	ASSERT_EQ(0, getsockopt(self->c, SOL_SOCKET, SO_ERROR, &err, &len));
	EXPECT_EQ(0, err);
	/* nothing to read yet */
	EXPECT_EQ(-1, read(self->s, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	pfd[1].events = POLLIN;
	EXPECT_EQ(0, poll(&pfd[1], 1, 0));
	ASSERT_EQ(5, write(self->c, "hello", 5));
	ASSERT_EQ(1, poll(&pfd[1], 1, 5000));
	EXPECT_TRUE(pfd[1].revents & POLLIN);
	ASSERT_EQ(5, read(self->s, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "hello", 5));
}

TEST_F(api, peek_waitall_dontwait)
{
	char buf[64];

	ASSERT_EQ(0, establish(self->c, self->s));
	EXPECT_EQ(-1, recv(self->s, buf, sizeof(buf), MSG_DONTWAIT));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(10, write(self->c, "0123456789", 10));
	ASSERT_EQ(10, recv(self->s, buf, sizeof(buf), MSG_PEEK));
	EXPECT_EQ(0, memcmp(buf, "0123456789", 10));
	ASSERT_EQ(4, recv(self->s, buf, 4, MSG_PEEK));
	ASSERT_EQ(4, read(self->s, buf, 4));
	EXPECT_EQ(0, memcmp(buf, "0123", 4));
	/* MSG_WAITALL across records: 6 left + 10 more */
	ASSERT_EQ(10, write(self->c, "abcdefghij", 10));
	ASSERT_EQ(16, recv(self->s, buf, 16, MSG_WAITALL));
	EXPECT_EQ(0, memcmp(buf, "456789abcdefghij", 16));
}

/* MSG_MORE keeps a record open; the next send without it flushes. */
TEST_F(api, msg_more)
{
	struct pollfd pfd = { .events = POLLIN };
	char buf[16];

	ASSERT_EQ(0, establish(self->c, self->s));
	pfd.fd = self->s;
	ASSERT_EQ(3, send(self->c, "abc", 3, MSG_MORE));
	EXPECT_EQ(0, poll(&pfd, 1, 200));
	ASSERT_EQ(3, send(self->c, "def", 3, 0));
	ASSERT_EQ(1, poll(&pfd, 1, 5000));
	ASSERT_EQ(6, read(self->s, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "abcdef", 6));
}

TEST_F_TIMEOUT(api, sendfile_splice, 120)
{
	char path[] = "/tmp/tlshake-sf-XXXXXX";
	const size_t len = 1 << 20;
	int fd = mkstemp(path), p[2];
	unsigned char *buf = malloc(len), *back = malloc(len);
	size_t i, got = 0;
	off_t off = 0;
	ssize_t n;

	ASSERT_GE(fd, 0);
	unlink(path);
	for (i = 0; i < len; i++)
		buf[i] = pattern(7, i);
	ASSERT_TRUE(write_all(fd, buf, len));
	ASSERT_EQ(0, establish(self->c, self->s));
	ASSERT_EQ(0, pipe(p));
	/* sendfile into the client, splice out of the server into a pipe */
	while (off < (off_t)len)
		ASSERT_GT(sendfile(self->c, fd, &off, len - off), 0);
	while (got < len) {
		n = splice(self->s, NULL, p[1], NULL, 65536, 0);
		ASSERT_GT(n, 0);
		ASSERT_TRUE(read_all(p[0], back + got, n));
		got += n;
	}
	EXPECT_EQ(0, memcmp(buf, back, len));
	free(buf);
	free(back);
	close(fd);
	close(p[0]);
	close(p[1]);
}

/* KeyUpdate both ways, many times, with data flowing in between. */
TEST_F_TIMEOUT(api, key_update, 120)
{
	__u32 req;
	char buf[32];
	int i;

	ASSERT_EQ(0, establish(self->c, self->s));
	for (i = 0; i < 50; i++) {
		req = i & 1;
		ASSERT_EQ(0, setsockopt(i & 2 ? self->s : self->c, SOL_TLSHAKE,
					TLSHAKE_KEY_UPDATE, &req, sizeof(req)));
		ASSERT_EQ(5, write(self->c, "ping!", 5));
		ASSERT_TRUE(read_all(self->s, buf, 5));
		ASSERT_EQ(5, write(self->s, "pong!", 5));
		ASSERT_TRUE(read_all(self->c, buf, 5));
		EXPECT_EQ(0, memcmp(buf, "pong!", 5));
	}
	req = 2;
	EXPECT_EQ(-1, setsockopt(self->c, SOL_TLSHAKE, TLSHAKE_KEY_UPDATE,
				 &req, sizeof(req)));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(api, info_and_peer_certs)
{
	struct tlshake_info ci, si;
	unsigned char certs[8192];
	socklen_t len = 10;
	unsigned int n = 0, off = 0, clen;

	ASSERT_EQ(0, establish(self->c, self->s));
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(TLSHAKE_VERSION_1_3, ci.version);
	EXPECT_EQ(0, ci.resumed);
	EXPECT_EQ(0, ci.error);
	EXPECT_EQ(TLSHAKE_REASON_NONE, ci.reason);
	EXPECT_STREQ("www.example.com", ci.server_name);
	/* the server's chain, as sent: leaf and intermediate */
	EXPECT_EQ(-1, getsockopt(self->c, SOL_TLSHAKE, TLSHAKE_PEER_CERTS,
				 certs, &len));
	EXPECT_EQ(ERANGE, errno);
	EXPECT_GT(len, 10);
	len = sizeof(certs);
	ASSERT_EQ(0, getsockopt(self->c, SOL_TLSHAKE, TLSHAKE_PEER_CERTS,
				certs, &len));
	while (off + 4 <= len) {
		clen = certs[off] << 24 | certs[off + 1] << 16 |
		       certs[off + 2] << 8 | certs[off + 3];
		EXPECT_EQ(0x30, certs[off + 4]);	/* a DER SEQUENCE */
		off += 4 + clen;
		n++;
	}
	EXPECT_EQ(len, off);
	EXPECT_EQ(2, n);
	/* the server asked for no client certificate */
	len = sizeof(certs);
	EXPECT_EQ(-1, getsockopt(self->s, SOL_TLSHAKE, TLSHAKE_PEER_CERTS,
				 certs, &len));
	EXPECT_EQ(ENODATA, errno);
}

/* ALPN: the server's first preference that the client offers. */
TEST_F(api, alpn)
{
	static const char client_alpn[] = "\x02h2\x08http/1.1";
	static const char server_alpn[] = "\x08http/1.1\x02h2";
	struct hs_thread srv = { .fd = self->s };
	struct tlshake_handshake ch;
	struct tlshake_info ci, si;

	hs_server(&srv.h, "ec");
	memcpy(srv.h.alpn, server_alpn, sizeof(server_alpn) - 1);
	srv.h.alpn_len = sizeof(server_alpn) - 1;
	hs_client(&ch, "www.example.com");
	memcpy(ch.alpn, client_alpn, sizeof(client_alpn) - 1);
	ch.alpn_len = sizeof(client_alpn) - 1;
	ASSERT_EQ(0, hs_thread_start(&srv));
	EXPECT_EQ(0, handshake(self->c, &ch));
	ASSERT_EQ(0, hs_thread_join(&srv));
	ASSERT_EQ(0, get_info(self->c, &ci));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_STREQ("http/1.1", ci.alpn);
	EXPECT_STREQ("http/1.1", si.alpn);
}

/* The server picks the credential whose certificate matches the SNI. */
TEST_F(api, sni_selects_credential)
{
	struct hs_thread srv = { .fd = self->s };
	struct tlshake_handshake ch;
	struct tlshake_info si;

	ASSERT_EQ(0, sh("%s cred add other --cert " PKI "/leaf_cn_only.pem "
			"--key " PKI "/leaf_ec.key >/dev/null", tlshakectl()));
	hs_server(&srv.h, "other");
	strcpy(srv.h.credentials[1], "ed25519");
	hs_client(&ch, "www.example.com");
	ASSERT_EQ(0, hs_thread_start(&srv));
	EXPECT_EQ(0, handshake(self->c, &ch));
	ASSERT_EQ(0, hs_thread_join(&srv));
	ASSERT_EQ(0, get_info(self->s, &si));
	EXPECT_EQ(0x0807, si.sig_scheme);
}

TEST_HARNESS_MAIN
