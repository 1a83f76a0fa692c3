// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest: attaching the tlshake ULP from userspace, on loopback TCP over
 * IPv4 and IPv6, and what an attached socket without a session allows.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/tlshake.h>

#include "kselftest_harness.h"

#ifndef TCP_ULP
#define TCP_ULP 31
#endif

static int attach(int fd)
{
	return setsockopt(fd, SOL_TCP, TCP_ULP, TLSHAKE_ULP_NAME,
			  strlen(TLSHAKE_ULP_NAME));
}

static socklen_t loopback(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		return sizeof(*s6);
	}
	((struct sockaddr_in *)ss)->sin_family = AF_INET;
	((struct sockaddr_in *)ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(struct sockaddr_in);
}

FIXTURE(pair)
{
	int listener, client, server;
};

FIXTURE_VARIANT(pair)
{
	int family;
};

FIXTURE_VARIANT_ADD(pair, ipv4)
{
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(pair, ipv6)
{
	.family = AF_INET6,
};

FIXTURE_SETUP(pair)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(variant->family, &ss);

	self->listener = socket(variant->family, SOCK_STREAM, 0);
	ASSERT_GE(self->listener, 0);
	ASSERT_EQ(bind(self->listener, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(listen(self->listener, 8), 0);
	ASSERT_EQ(getsockname(self->listener, (struct sockaddr *)&ss, &len), 0);
	self->client = socket(variant->family, SOCK_STREAM, 0);
	ASSERT_GE(self->client, 0);
	ASSERT_EQ(connect(self->client, (struct sockaddr *)&ss, len), 0);
	self->server = accept(self->listener, NULL, NULL);
	ASSERT_GE(self->server, 0);
}

FIXTURE_TEARDOWN(pair)
{
	close(self->client);
	close(self->server);
	close(self->listener);
}

TEST_F(pair, attach_client_and_server)
{
	char name[16] = {};
	socklen_t len = sizeof(name);

	ASSERT_EQ(attach(self->client), 0);
	ASSERT_EQ(attach(self->server), 0);
	ASSERT_EQ(getsockopt(self->client, SOL_TCP, TCP_ULP, name, &len), 0);
	EXPECT_STREQ(name, "tlshake");
}

TEST_F(pair, attach_twice)
{
	ASSERT_EQ(attach(self->client), 0);
	EXPECT_EQ(attach(self->client), -1);
	EXPECT_EQ(errno, EEXIST);
}

TEST_F(pair, attach_listener)
{
	EXPECT_EQ(attach(self->listener), -1);
	EXPECT_EQ(errno, ENOTCONN);
}

TEST_F(pair, state_attached)
{
	__u32 state = 0;
	socklen_t len = sizeof(state);

	/* Not attached: the level is TCP's to refuse. */
	EXPECT_EQ(getsockopt(self->client, SOL_TLSHAKE, TLSHAKE_STATE,
			     &state, &len), -1);
	ASSERT_EQ(attach(self->client), 0);
	ASSERT_EQ(getsockopt(self->client, SOL_TLSHAKE, TLSHAKE_STATE,
			     &state, &len), 0);
	EXPECT_EQ(len, sizeof(state));
	EXPECT_EQ(state, TLSHAKE_STATE_ATTACHED);

	len = 2;
	EXPECT_EQ(getsockopt(self->client, SOL_TLSHAKE, TLSHAKE_STATE,
			     &state, &len), -1);
	EXPECT_EQ(errno, EINVAL);
}

TEST_F(pair, unknown_options)
{
	int one = 1;
	socklen_t len = sizeof(one);

	ASSERT_EQ(attach(self->client), 0);
	EXPECT_EQ(setsockopt(self->client, SOL_TLSHAKE, 999, &one,
			     sizeof(one)), -1);
	EXPECT_EQ(errno, ENOPROTOOPT);
	EXPECT_EQ(getsockopt(self->client, SOL_TLSHAKE, 999, &one, &len), -1);
	EXPECT_EQ(errno, ENOPROTOOPT);
	/* There is no handshake yet: starting one is not an option. */
	EXPECT_EQ(setsockopt(self->client, SOL_TLSHAKE, TLSHAKE_STATE, &one,
			     sizeof(one)), -1);
	EXPECT_EQ(errno, ENOPROTOOPT);
}

/* TCP's own options still reach TCP. */
TEST_F(pair, tcp_options_pass_through)
{
	int one = 1, val = 0;
	socklen_t len = sizeof(val);

	ASSERT_EQ(attach(self->client), 0);
	ASSERT_EQ(setsockopt(self->client, SOL_TCP, TCP_NODELAY, &one,
			     sizeof(one)), 0);
	ASSERT_EQ(getsockopt(self->client, SOL_TCP, TCP_NODELAY, &val, &len),
		  0);
	EXPECT_EQ(val, 1);
}

/* Without a session no byte may cross in the clear, in either direction. */
TEST_F(pair, no_data_without_session)
{
	char buf[16] = "hello";
	int pipefd[2];

	ASSERT_EQ(attach(self->client), 0);
	EXPECT_EQ(write(self->client, buf, 5), -1);
	EXPECT_EQ(errno, ENOTCONN);
	EXPECT_EQ(send(self->client, buf, 5, MSG_DONTWAIT), -1);
	EXPECT_EQ(errno, ENOTCONN);

	ASSERT_EQ(write(self->server, buf, 5), 5);
	EXPECT_EQ(read(self->client, buf, sizeof(buf)), -1);
	EXPECT_EQ(errno, ENOTCONN);
	EXPECT_EQ(recv(self->client, buf, sizeof(buf), MSG_PEEK), -1);
	EXPECT_EQ(errno, ENOTCONN);

	ASSERT_EQ(pipe(pipefd), 0);
	EXPECT_EQ(splice(self->client, NULL, pipefd[1], NULL, 5, 0), -1);
	EXPECT_EQ(errno, ENOTCONN);
	ASSERT_EQ(write(pipefd[1], buf, 5), 5);
	EXPECT_EQ(splice(pipefd[0], NULL, self->client, NULL, 5, 0), -1);
	EXPECT_EQ(errno, ENOTCONN);
	close(pipefd[0]);
	close(pipefd[1]);
}

TEST_F(pair, no_sendfile_without_session)
{
	char path[] = "/tmp/tlshake-sendfile-XXXXXX";
	int fd = mkstemp(path);

	ASSERT_GE(fd, 0);
	unlink(path);
	ASSERT_EQ(write(fd, "hello", 5), 5);
	ASSERT_EQ(attach(self->client), 0);
	EXPECT_EQ(sendfile(self->client, fd, &(off_t){0}, 5), -1);
	EXPECT_EQ(errno, ENOTCONN);
	close(fd);
}

TEST_F(pair, no_zerocopy_receive)
{
	struct tcp_zerocopy_receive zc = {};
	socklen_t len = sizeof(zc);

	ASSERT_EQ(attach(self->client), 0);
	EXPECT_EQ(getsockopt(self->client, SOL_TCP, TCP_ZEROCOPY_RECEIVE, &zc,
			     &len), -1);
	EXPECT_EQ(errno, EOPNOTSUPP);
}

/* connect(AF_UNSPEC) would recycle the socket under a stale context. */
TEST_F(pair, no_disconnect)
{
	struct sockaddr sa = { .sa_family = AF_UNSPEC };

	ASSERT_EQ(attach(self->client), 0);
	EXPECT_EQ(connect(self->client, &sa, sizeof(sa)), -1);
	EXPECT_EQ(errno, EOPNOTSUPP);
}

/* Closing an attached socket with data queued both ways frees it. */
TEST_F(pair, close_with_data_queued)
{
	char buf[4096] = {};

	ASSERT_EQ(attach(self->server), 0);
	ASSERT_EQ(write(self->client, buf, sizeof(buf)), sizeof(buf));
	ASSERT_EQ(close(self->server), 0);
	self->server = open("/dev/null", O_RDONLY);
}

FIXTURE(single)
{
	int fd;
};

FIXTURE_VARIANT(single)
{
	int family;
	int type;
};

FIXTURE_VARIANT_ADD(single, tcp4) { .family = AF_INET, .type = SOCK_STREAM };
FIXTURE_VARIANT_ADD(single, tcp6) { .family = AF_INET6, .type = SOCK_STREAM };
FIXTURE_VARIANT_ADD(single, udp4) { .family = AF_INET, .type = SOCK_DGRAM };
FIXTURE_VARIANT_ADD(single, udp6) { .family = AF_INET6, .type = SOCK_DGRAM };

FIXTURE_SETUP(single)
{
	self->fd = socket(variant->family, variant->type, 0);
	ASSERT_GE(self->fd, 0);
}

FIXTURE_TEARDOWN(single)
{
	close(self->fd);
}

/* Unconnected TCP: ENOTCONN; UDP has no TCP_ULP at all: ENOPROTOOPT. */
TEST_F(single, attach_refused)
{
	EXPECT_EQ(attach(self->fd), -1);
	EXPECT_EQ(errno, variant->type == SOCK_STREAM ? ENOTCONN : ENOPROTOOPT);
}

/* Many attach/close cycles: the module's references must balance. */
TEST(attach_close_many)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(AF_INET, &ss);
	int l = socket(AF_INET, SOCK_STREAM, 0), i;

	ASSERT_GE(l, 0);
	ASSERT_EQ(bind(l, (struct sockaddr *)&ss, len), 0);
	ASSERT_EQ(listen(l, 64), 0);
	ASSERT_EQ(getsockname(l, (struct sockaddr *)&ss, &len), 0);
	for (i = 0; i < 200; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0), s;

		ASSERT_GE(c, 0);
		ASSERT_EQ(connect(c, (struct sockaddr *)&ss, len), 0);
		s = accept(l, NULL, NULL);
		ASSERT_GE(s, 0);
		ASSERT_EQ(attach(c), 0);
		ASSERT_EQ(attach(s), 0);
		close(i % 2 ? c : s);
		close(i % 2 ? s : c);
	}
	close(l);
}

TEST_HARNESS_MAIN
