// SPDX-License-Identifier: GPL-2.0
/*
 * tlshakectl: talking to the tlshake generic netlink family with libmnl,
 * with the kernel's extended ACK messages and replies of any size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/tlshake_nl.h>

#include "tlshakectl.h"

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;
	unsigned int version;
	unsigned char *buf;	/* receive buffer */
	size_t buf_len;
};

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct nl *nl = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
			nl->family = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			nl->version = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, data);
	return MNL_CB_OK;
}

/* Print the kernel's extended ACK message, if it sent one. */
static void print_extack(const struct nlmsghdr *nlh, int err)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	const char *msg = NULL;
	size_t off = sizeof(*e);
	int missing = -1;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		goto out;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	mnl_attr_for_each(attr, nlh, off) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
			msg = mnl_attr_get_str(attr);
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MISS_TYPE &&
		    mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			missing = mnl_attr_get_u32(attr);
	}
out:
	fprintf(stderr, "%s: %s", progname, strerror(err));
	if (msg)
		fprintf(stderr, ": %s", msg);
	if (missing >= 0)
		fprintf(stderr, " (missing attribute %d)", missing);
	fputc('\n', stderr);
}

struct recv_ctx {
	nl_reply_cb cb;
	void *data;
	bool quiet;
};

static int data_cb(const struct nlmsghdr *nlh, void *p)
{
	struct recv_ctx *ctx = p;

	return ctx->cb ? ctx->cb(nlh, ctx->data) : MNL_CB_OK;
}

static int error_cb(const struct nlmsghdr *nlh, void *p)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct recv_ctx *ctx = p;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!e->error)
		return MNL_CB_STOP;
	if (!ctx->quiet)
		print_extack(nlh, -e->error);
	errno = -e->error;
	return MNL_CB_ERROR;
}

/* The end of a dump; it carries the dump's error, if any. */
static int done_cb(const struct nlmsghdr *nlh, void *p)
{
	struct recv_ctx *ctx = p;
	int err = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(int));
	if (!err)
		return MNL_CB_STOP;
	if (!ctx->quiet)
		fprintf(stderr, "%s: %s\n", progname, strerror(-err));
	errno = -err;
	return MNL_CB_ERROR;
}

/* Receive and dispatch until the request is answered. */
static int nl_recv(struct nl *nl, unsigned int seq, nl_reply_cb cb,
		   void *data, bool quiet)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = error_cb, [NLMSG_DONE] = done_cb,
	};
	struct recv_ctx ctx = { .cb = cb, .data = data, .quiet = quiet };
	int fd = mnl_socket_get_fd(nl->sock);
	ssize_t len;
	int ret;

	do {
		/* a trust store with many anchors is one large message */
		len = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
		if (len < 0)
			return -errno;
		if ((size_t)len > nl->buf_len) {
			unsigned char *b = realloc(nl->buf, len);

			if (!b)
				return -ENOMEM;
			nl->buf = b;
			nl->buf_len = len;
		}
		len = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_len);
		if (len < 0)
			return -errno;
		ret = mnl_cb_run2(nl->buf, len, seq, nl->portid, data_cb, &ctx,
				  ctl, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_ERROR)
			return -errno;
	} while (ret > MNL_CB_STOP);
	return 0;
}

/**
 * nl_open() - open a netlink socket and resolve the tlshake family
 * @nlp: set to the handle
 *
 * Return: 0, -ENOENT if the family is not registered, or another -errno.
 */
int nl_open(struct nl **nlp)
{
	char hdrbuf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct nl *nl;
	int one = 1, err;

	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->seq = time(NULL);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto err;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	nlh = mnl_nlmsg_put_header(hdrbuf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TLSHAKE_GENL_NAME);
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0) {
		err = -errno;
		goto err;
	}
	err = nl_recv(nl, nl->seq, family_cb, nl, true);
	if (!err && !nl->family)
		err = -ENOENT;
	if (err)
		goto err;
	*nlp = nl;
	return 0;
err:
	nl_close(nl);
	return err;
}

/**
 * nl_close() - close the handle
 * @nl: the handle, or NULL
 */
void nl_close(struct nl *nl)
{
	if (!nl)
		return;
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	free(nl);
}

/**
 * nl_family_version() - the family version the kernel reports
 * @nl: the handle
 *
 * Return: the version.
 */
unsigned int nl_family_version(struct nl *nl)
{
	return nl->version;
}

/**
 * nl_request() - start a request of the tlshake family
 * @nl: the handle
 * @cmd: TLSHAKE_CMD_*
 * @flags: NLM_F_DUMP or 0 (NLM_F_REQUEST and NLM_F_ACK are added)
 * @room: bytes of attributes it will hold
 *
 * Return: the message, to be freed with nl_free_request(), or NULL.
 */
struct nlmsghdr *nl_request(struct nl *nl, uint8_t cmd, uint16_t flags,
			    size_t room)
{
	size_t size = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct genlmsghdr)) +
		      room;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	void *buf;

	buf = calloc(1, size);
	if (!buf)
		return NULL;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = TLSHAKE_GENL_VERSION;
	return nlh;
}

/**
 * nl_free_request() - wipe and free a request (it may hold a private key)
 * @req: the request, or NULL
 */
void nl_free_request(struct nlmsghdr *req)
{
	if (!req)
		return;
	explicit_bzero(req, req->nlmsg_len);
	free(req);
}

/**
 * nl_talk() - send a request and process every reply
 * @nl: the handle
 * @req: the request
 * @cb: called for each reply message, or NULL
 * @data: for @cb
 *
 * The kernel's error and its extended ACK message, if any, are printed.
 *
 * Return: 0, or -errno.
 */
int nl_talk(struct nl *nl, struct nlmsghdr *req, nl_reply_cb cb, void *data)
{
	int fd = mnl_socket_get_fd(nl->sock);
	int size = req->nlmsg_len + 4096;

	/* a request carrying many certificates may exceed the default */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0) {
		int err = errno;

		fprintf(stderr, "%s: sending the request: %s\n", progname,
			strerror(err));
		return -err;
	}
	return nl_recv(nl, req->nlmsg_seq, cb, data, false);
}
