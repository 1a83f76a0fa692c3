/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlshakectl: what its files share.
 */
#ifndef TLSHAKECTL_H
#define TLSHAKECTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes, for scripts. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the kernel refused the request */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NOMODULE = 3,	/* the tlshake family is not registered */
	EXIT_INPUT = 4,		/* a certificate or key file is unusable */
};

/* A byte string (a DER certificate, a key component). */
struct blob {
	unsigned char *data;
	size_t len;
};

/* A private key as components, for the kernel (nl attributes of "key"). */
struct key_parts {
	int type;			/* enum tlshake_nl_key_type */
	struct blob rsa[8];		/* n e d p q dp dq qinv */
	struct blob priv;		/* EC scalar or Ed25519 seed */
};

/* keyfile.c: certificates and keys, read with OpenSSL */
int load_certs(const char *path, struct blob **certs, size_t *n);
int load_key(const char *path, const char *pass_file, struct key_parts *kp);
void key_parts_wipe(struct key_parts *kp);

/* nl.c: the tlshake generic netlink family */
struct nl;
struct nlattr;
struct nlmsghdr;
typedef int (*nl_reply_cb)(const struct nlmsghdr *nlh, void *data);
int nl_open(struct nl **nl);
void nl_close(struct nl *nl);
struct nlmsghdr *nl_request(struct nl *nl, uint8_t cmd, uint16_t flags,
			    size_t room);
int nl_talk(struct nl *nl, struct nlmsghdr *req, nl_reply_cb cb, void *data);
unsigned int nl_family_version(struct nl *nl);
void nl_free_request(struct nlmsghdr *req);

/* show.c: listings */
struct show;
struct show *show_new(bool json, bool cred);
int show_msg(const struct nlmsghdr *nlh, void *data);
void show_end(struct show *show);

extern const char *progname;
const char *key_type_name(unsigned int type);

#endif /* TLSHAKECTL_H */
