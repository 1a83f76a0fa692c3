// SPDX-License-Identifier: GPL-2.0
/*
 * tlshakectl: manage tlshake over its generic netlink family.
 *
 * This first version only reports whether the family is present; the
 * credential and trust-store commands arrive with the family's operations.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/tlshake_nl.h>

/* Exit codes, for scripts. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the kernel refused the request */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NOMODULE = 3,	/* the tlshake family is not registered */
};

struct family {
	unsigned int id;
	unsigned int version;
	unsigned int maxattr;
};

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct family *fam = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
			fam->id = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			fam->version = mnl_attr_get_u32(attr);
		break;
	case CTRL_ATTR_MAXATTR:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			fam->maxattr = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, data);
	return MNL_CB_OK;
}

/* Resolve the tlshake family; returns 0, or a negative errno. */
static int resolve_family(struct family *fam)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	unsigned int seq = time(NULL), portid;
	int ret;

	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TLSHAKE_GENL_NAME);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		ret = -errno;
		goto out;
	}
	memset(fam, 0, sizeof(*fam));
	do {
		ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret <= 0)
			break;
		ret = mnl_cb_run(buf, ret, seq, portid, family_cb, fam);
	} while (ret > 0);
	ret = ret < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return ret;
}

static int cmd_status(void)
{
	struct family fam;
	int err = resolve_family(&fam);

	if (err == -ENOENT) {
		fprintf(stderr, "tlshakectl: the tlshake module is not loaded\n");
		return EXIT_NOMODULE;
	}
	if (err) {
		fprintf(stderr, "tlshakectl: %s\n", strerror(-err));
		return EXIT_FAIL;
	}
	printf("family %s id %u version %u\n", TLSHAKE_GENL_NAME, fam.id,
	       fam.version);
	return EXIT_OK;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: tlshakectl [--help] COMMAND\n"
		"\n"
		"Commands:\n"
		"  status   show whether the tlshake netlink family is present\n"
		"\n"
		"Exit status: 0 ok, 1 the kernel refused, 2 usage error,\n"
		"3 the tlshake module is not loaded.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		usage(stderr);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[optind], "status"))
		return cmd_status();
	fprintf(stderr, "tlshakectl: unknown command '%s'\n", argv[optind]);
	usage(stderr);
	return EXIT_USAGE;
}
