// SPDX-License-Identifier: GPL-2.0
/*
 * tlshakectl: manage tlshake's credentials and trust stores over its
 * generic netlink family (Documentation/tlshakectl.8).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/tlshake_nl.h>

#include "tlshakectl.h"

const char *progname = "tlshakectl";
static bool json;

static const char usage_main[] =
	"Usage: tlshakectl [--json] [--help] COMMAND ...\n"
	"\n"
	"Commands:\n"
	"  status                     is the tlshake netlink family there?\n"
	"  cred add|replace|del|list  credentials (certificate chain + key)\n"
	"  trust add|replace|del|list trust stores (trust anchors)\n"
	"\n"
	"'tlshakectl cred --help' and 'tlshakectl trust --help' say more.\n"
	"Exit status: 0 ok, 1 the kernel refused, 2 usage error, 3 the\n"
	"tlshake module is not loaded, 4 a certificate or key file is\n"
	"unusable.\n";

static const char usage_cred[] =
	"Usage: tlshakectl cred add NAME --cert FILE... --key FILE [--pass-file FILE]\n"
	"       tlshakectl cred replace NAME --cert FILE... --key FILE [--pass-file FILE]\n"
	"       tlshakectl cred del NAME\n"
	"       tlshakectl [--json] cred list [NAME]\n"
	"\n"
	"--cert FILE   certificates, PEM (any number) or DER; the leaf first,\n"
	"              then its intermediates; may be repeated\n"
	"--key FILE    the leaf's private key: PEM or DER, PKCS#8 (also\n"
	"              encrypted), SEC1 or PKCS#1; RSA 2048-4096, EC P-256 or\n"
	"              P-384, Ed25519\n"
	"--pass-file F the passphrase of an encrypted key (first line of F);\n"
	"              without it tlshakectl asks on the terminal\n";

static const char usage_trust[] =
	"Usage: tlshakectl trust add NAME --anchor FILE...\n"
	"       tlshakectl trust replace NAME --anchor FILE...\n"
	"       tlshakectl trust del NAME\n"
	"       tlshakectl [--json] trust list [NAME]\n"
	"\n"
	"--anchor FILE  trust-anchor certificates, PEM (any number) or DER;\n"
	"               may be repeated\n";

static int usage(const char *text, int code)
{
	fputs(text, code > 0 ? stderr : stdout);
	return code;
}

/* Errors from the kernel are printed by nl_talk(). */
static int kernel_result(int err)
{
	return err ? EXIT_FAIL : EXIT_OK;
}

static int open_family(struct nl **nl)
{
	int err = nl_open(nl);

	if (err == -ENOENT) {
		fprintf(stderr, "%s: the tlshake module is not loaded\n",
			progname);
		return EXIT_NOMODULE;
	}
	if (err) {
		fprintf(stderr, "%s: netlink: %s\n", progname, strerror(-err));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int cmd_status(void)
{
	struct nl *nl;
	int ret = open_family(&nl);

	if (ret)
		return ret;
	printf("family %s version %u\n", TLSHAKE_GENL_NAME,
	       nl_family_version(nl));
	nl_close(nl);
	return EXIT_OK;
}

/* Options of add and replace. */
struct obj_opts {
	const char *name;
	struct blob *certs;
	size_t nr_certs;
	const char *key;
	const char *pass_file;
};

static void free_certs(struct obj_opts *o)
{
	size_t i;

	for (i = 0; i < o->nr_certs; i++)
		free(o->certs[i].data);
	free(o->certs);
}

static int parse_obj_opts(int argc, char **argv, bool cred,
			  struct obj_opts *o)
{
	static const struct option opts[] = {
		{ "cert", required_argument, NULL, 'c' },
		{ "anchor", required_argument, NULL, 'a' },
		{ "key", required_argument, NULL, 'k' },
		{ "pass-file", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	const char *usage_text = cred ? usage_cred : usage_trust;
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;	/* reinitialize getopt (main() parsed in "+" mode) */
	/* options and the name in any order */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
		case 'a':
			if ((c == 'c') != cred)
				return usage(usage_text, EXIT_USAGE);
			if (load_certs(optarg, &o->certs, &o->nr_certs))
				return EXIT_INPUT;
			break;
		case 'k':
		case 'p':
			if (!cred)
				return usage(usage_text, EXIT_USAGE);
			*(c == 'k' ? &o->key : &o->pass_file) = optarg;
			break;
		case 'h':
			return usage(usage_text, -1);
		default:
			return usage(usage_text, EXIT_USAGE);
		}
	}
	if (optind != argc - 1 || !o->nr_certs || (cred && !o->key)) {
		fprintf(stderr, "%s: a name, %s are required\n", progname,
			cred ? "--cert and --key" : "--anchor");
		return usage(usage_text, EXIT_USAGE);
	}
	o->name = argv[optind];
	return EXIT_OK;
}

static void put_key(struct nlmsghdr *nlh, const struct key_parts *kp)
{
	static const int rsa_attrs[8] = {
		TLSHAKE_A_KEY_RSA_N, TLSHAKE_A_KEY_RSA_E, TLSHAKE_A_KEY_RSA_D,
		TLSHAKE_A_KEY_RSA_P, TLSHAKE_A_KEY_RSA_Q, TLSHAKE_A_KEY_RSA_DP,
		TLSHAKE_A_KEY_RSA_DQ, TLSHAKE_A_KEY_RSA_QINV,
	};
	struct nlattr *nest = mnl_attr_nest_start(nlh, TLSHAKE_A_CRED_KEY);
	int i;

	mnl_attr_put_u32(nlh, TLSHAKE_A_KEY_TYPE, kp->type);
	for (i = 0; i < 8; i++)
		if (kp->rsa[i].len)
			mnl_attr_put(nlh, rsa_attrs[i], kp->rsa[i].len,
				     kp->rsa[i].data);
	if (kp->priv.len)
		mnl_attr_put(nlh, TLSHAKE_A_KEY_PRIV, kp->priv.len,
			     kp->priv.data);
	mnl_attr_nest_end(nlh, nest);
}

static int cmd_add(int argc, char **argv, bool cred, bool replace)
{
	struct nlmsghdr *req = NULL;
	struct key_parts kp = { };
	struct obj_opts o;
	struct nl *nl = NULL;
	size_t room = 4096, i;
	int ret;

	ret = parse_obj_opts(argc, argv, cred, &o);
	if (ret)
		goto out;
	if (cred && load_key(o.key, o.pass_file, &kp)) {
		ret = EXIT_INPUT;
		goto out;
	}
	ret = open_family(&nl);
	if (ret)
		goto out;
	for (i = 0; i < o.nr_certs; i++)
		room += MNL_ALIGN(o.certs[i].len) + MNL_ATTR_HDRLEN;
	for (i = 0; i < 8; i++)
		room += MNL_ALIGN(kp.rsa[i].len) + MNL_ATTR_HDRLEN;
	req = nl_request(nl, cred ? (replace ? TLSHAKE_CMD_CRED_REPLACE :
					       TLSHAKE_CMD_CRED_ADD) :
				    (replace ? TLSHAKE_CMD_TRUST_REPLACE :
					       TLSHAKE_CMD_TRUST_ADD), 0, room);
	if (!req) {
		ret = EXIT_FAIL;
		goto out;
	}
	mnl_attr_put_strz(req, cred ? TLSHAKE_A_CRED_NAME : TLSHAKE_A_TRUST_NAME,
			  o.name);
	for (i = 0; i < o.nr_certs; i++)
		mnl_attr_put(req, cred ? TLSHAKE_A_CRED_CERT :
					 TLSHAKE_A_TRUST_ANCHOR,
			     o.certs[i].len, o.certs[i].data);
	if (cred)
		put_key(req, &kp);
	ret = kernel_result(nl_talk(nl, req, NULL, NULL));
out:
	nl_free_request(req);
	key_parts_wipe(&kp);
	free_certs(&o);
	nl_close(nl);
	return ret < 0 ? EXIT_OK : ret;
}

static int cmd_del(int argc, char **argv, bool cred)
{
	struct nlmsghdr *req;
	struct nl *nl;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--help"))
		return usage(cred ? usage_cred : usage_trust, EXIT_OK);
	if (argc != 2)
		return usage(cred ? usage_cred : usage_trust, EXIT_USAGE);
	ret = open_family(&nl);
	if (ret)
		return ret;
	req = nl_request(nl, cred ? TLSHAKE_CMD_CRED_DEL : TLSHAKE_CMD_TRUST_DEL,
			 0, 256);
	if (!req) {
		nl_close(nl);
		return EXIT_FAIL;
	}
	mnl_attr_put_strz(req, cred ? TLSHAKE_A_CRED_NAME : TLSHAKE_A_TRUST_NAME,
			  argv[1]);
	ret = kernel_result(nl_talk(nl, req, NULL, NULL));
	nl_free_request(req);
	nl_close(nl);
	return ret;
}

static int cmd_list(int argc, char **argv, bool cred)
{
	struct nlmsghdr *req;
	struct show *sh;
	struct nl *nl;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--help"))
		return usage(cred ? usage_cred : usage_trust, EXIT_OK);
	if (argc > 2)
		return usage(cred ? usage_cred : usage_trust, EXIT_USAGE);
	ret = open_family(&nl);
	if (ret)
		return ret;
	req = nl_request(nl, cred ? TLSHAKE_CMD_CRED_GET : TLSHAKE_CMD_TRUST_GET,
			 argc == 2 ? 0 : NLM_F_DUMP, 256);
	sh = show_new(json, cred);
	if (!req || !sh) {
		ret = EXIT_FAIL;
		goto out;
	}
	if (argc == 2)
		mnl_attr_put_strz(req, cred ? TLSHAKE_A_CRED_NAME :
					      TLSHAKE_A_TRUST_NAME, argv[1]);
	ret = kernel_result(nl_talk(nl, req, show_msg, sh));
out:
	if (sh)
		show_end(sh);
	nl_free_request(req);
	nl_close(nl);
	return ret;
}

static int cmd_obj(int argc, char **argv, bool cred)
{
	const char *text = cred ? usage_cred : usage_trust;

	if (argc < 2)
		return usage(text, EXIT_USAGE);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(text, EXIT_OK);
	if (!strcmp(argv[1], "add"))
		return cmd_add(argc - 1, argv + 1, cred, false);
	if (!strcmp(argv[1], "replace"))
		return cmd_add(argc - 1, argv + 1, cred, true);
	if (!strcmp(argv[1], "del"))
		return cmd_del(argc - 1, argv + 1, cred);
	if (!strcmp(argv[1], "list"))
		return cmd_list(argc - 1, argv + 1, cred);
	fprintf(stderr, "%s: unknown %s command '%s'\n", progname, argv[0],
		argv[1]);
	return usage(text, EXIT_USAGE);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, "+hj", opts, NULL)) != -1) {
		if (c == 'h')
			return usage(usage_main, EXIT_OK);
		if (c != 'j')
			return usage(usage_main, EXIT_USAGE);
		json = true;
	}
	if (optind >= argc)
		return usage(usage_main, EXIT_USAGE);
	argv += optind;
	argc -= optind;
	if (!strcmp(argv[0], "status")) {
		if (argc > 1)
			return usage(usage_main, strcmp(argv[1], "--help") ?
					     EXIT_USAGE : EXIT_OK);
		return cmd_status();
	}
	if (!strcmp(argv[0], "cred"))
		return cmd_obj(argc, argv, true);
	if (!strcmp(argv[0], "trust"))
		return cmd_obj(argc, argv, false);
	fprintf(stderr, "%s: unknown command '%s'\n", progname, argv[0]);
	return usage(usage_main, EXIT_USAGE);
}
