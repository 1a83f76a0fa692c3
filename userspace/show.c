// SPDX-License-Identifier: GPL-2.0
/*
 * tlshakectl: printing credentials and trust stores, as text or JSON.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/tlshake_nl.h>

#include "tlshakectl.h"

struct show {
	bool json;
	bool cred;		/* credentials, else trust stores */
	unsigned int count;
};

const char *key_type_name(unsigned int type)
{
	switch (type) {
	case TLSHAKE_KEY_TYPE_RSA:
		return "rsa";
	case TLSHAKE_KEY_TYPE_EC_P256:
		return "ec-p256";
	case TLSHAKE_KEY_TYPE_EC_P384:
		return "ec-p384";
	case TLSHAKE_KEY_TYPE_ED25519:
		return "ed25519";
	default:
		return "unknown";
	}
}

/* Kernel strings are printable, but escape for JSON all the same. */
static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void hex(const unsigned char *p, size_t len, const char *sep)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%s%02x", i ? sep : "", p[i]);
}

static void print_time(int64_t t)
{
	time_t tt = t;
	struct tm tm;
	char buf[32];

	if (gmtime_r(&tt, &tm) &&
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		fputs(buf, stdout);
	else
		printf("%lld", (long long)t);
}

static void print_ip(const struct nlattr *a)
{
	char buf[INET6_ADDRSTRLEN];
	int len = mnl_attr_get_payload_len(a);

	if (!inet_ntop(len == 4 ? AF_INET : AF_INET6,
		       mnl_attr_get_payload(a), buf, sizeof(buf)))
		strcpy(buf, "?");
	fputs(buf, stdout);
}

static int64_t get_sint(const struct nlattr *a)
{
	if (mnl_attr_get_payload_len(a) == 4)
		return (int32_t)mnl_attr_get_u32(a);
	return (int64_t)mnl_attr_get_u64(a);
}

/* One certificate (a cert-info nest). */
static void show_cert(struct show *sh, const struct nlattr *nest,
		      unsigned int idx)
{
	const struct nlattr *a, *tb[TLSHAKE_A_CERT_INFO_MAX + 1] = { };
	bool first_dns = true, first_ip = true;

	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) <= TLSHAKE_A_CERT_INFO_MAX &&
		    mnl_attr_get_type(a) != TLSHAKE_A_CERT_INFO_SAN_DNS &&
		    mnl_attr_get_type(a) != TLSHAKE_A_CERT_INFO_SAN_IP)
			tb[mnl_attr_get_type(a)] = a;
	if (sh->json) {
		printf("%s{\"subject\": ", idx ? ", " : "");
		json_str(tb[TLSHAKE_A_CERT_INFO_SUBJECT] ?
			 mnl_attr_get_str(tb[TLSHAKE_A_CERT_INFO_SUBJECT]) : "");
		printf(", \"issuer\": ");
		json_str(tb[TLSHAKE_A_CERT_INFO_ISSUER] ?
			 mnl_attr_get_str(tb[TLSHAKE_A_CERT_INFO_ISSUER]) : "");
	} else {
		printf("  [%u] subject  %s\n", idx,
		       tb[TLSHAKE_A_CERT_INFO_SUBJECT] ?
		       mnl_attr_get_str(tb[TLSHAKE_A_CERT_INFO_SUBJECT]) : "");
		printf("      issuer   %s\n", tb[TLSHAKE_A_CERT_INFO_ISSUER] ?
		       mnl_attr_get_str(tb[TLSHAKE_A_CERT_INFO_ISSUER]) : "");
	}
	if ((a = tb[TLSHAKE_A_CERT_INFO_SERIAL])) {
		printf(sh->json ? ", \"serial\": \"" : "      serial   ");
		hex(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
		    sh->json ? "" : ":");
		printf(sh->json ? "\"" : "\n");
	}
	if (tb[TLSHAKE_A_CERT_INFO_NOT_BEFORE] && tb[TLSHAKE_A_CERT_INFO_NOT_AFTER]) {
		int64_t nb = get_sint(tb[TLSHAKE_A_CERT_INFO_NOT_BEFORE]);
		int64_t na = get_sint(tb[TLSHAKE_A_CERT_INFO_NOT_AFTER]);

		if (sh->json) {
			printf(", \"not_before\": %lld, \"not_after\": %lld",
			       (long long)nb, (long long)na);
		} else {
			printf("      valid    ");
			print_time(nb);
			printf(" to ");
			print_time(na);
			putchar('\n');
		}
	}
	if (tb[TLSHAKE_A_CERT_INFO_KEY_TYPE]) {
		unsigned int type = mnl_attr_get_u32(tb[TLSHAKE_A_CERT_INFO_KEY_TYPE]);
		unsigned int bits = tb[TLSHAKE_A_CERT_INFO_KEY_BITS] ?
			mnl_attr_get_u32(tb[TLSHAKE_A_CERT_INFO_KEY_BITS]) : 0;

		printf(sh->json ? ", \"key_type\": \"%s\", \"key_bits\": %u" :
				  "      key      %s, %u bits\n",
		       key_type_name(type), bits);
	}
	if ((a = tb[TLSHAKE_A_CERT_INFO_FINGERPRINT])) {
		printf(sh->json ? ", \"sha256\": \"" : "      sha256   ");
		hex(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
		    sh->json ? "" : ":");
		printf(sh->json ? "\"" : "\n");
	}
	if (sh->json) {
		printf(", \"ca\": %s", tb[TLSHAKE_A_CERT_INFO_CA] ? "true" : "false");
		if (tb[TLSHAKE_A_CERT_INFO_PATH_LEN])
			printf(", \"path_len\": %u",
			       mnl_attr_get_u32(tb[TLSHAKE_A_CERT_INFO_PATH_LEN]));
		printf(", \"san_dns\": [");
	} else if (tb[TLSHAKE_A_CERT_INFO_CA]) {
		printf("      ca       yes");
		if (tb[TLSHAKE_A_CERT_INFO_PATH_LEN])
			printf(", path length %u",
			       mnl_attr_get_u32(tb[TLSHAKE_A_CERT_INFO_PATH_LEN]));
		putchar('\n');
	}
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) != TLSHAKE_A_CERT_INFO_SAN_DNS)
			continue;
		if (sh->json) {
			printf(first_dns ? "" : ", ");
			json_str(mnl_attr_get_str(a));
		} else {
			printf("%s%s", first_dns ? "      names    DNS:" : ", DNS:",
			       mnl_attr_get_str(a));
		}
		first_dns = false;
	}
	if (sh->json)
		printf("], \"san_ip\": [");
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) != TLSHAKE_A_CERT_INFO_SAN_IP)
			continue;
		if (sh->json) {
			printf(first_ip ? "\"" : ", \"");
			print_ip(a);
			putchar('"');
		} else {
			printf("%s", first_ip && first_dns ? "      names    IP:" :
							     ", IP:");
			print_ip(a);
		}
		first_ip = false;
	}
	if (sh->json)
		printf("]}");
	else if (!first_dns || !first_ip)
		putchar('\n');
}

/**
 * show_new() - start a listing
 * @json: JSON (an array of objects) rather than text
 * @cred: of credentials, else of trust stores
 *
 * Return: the listing state, or NULL.
 */
struct show *show_new(bool json, bool cred)
{
	struct show *sh = calloc(1, sizeof(*sh));

	if (!sh)
		return NULL;
	sh->json = json;
	sh->cred = cred;
	if (json)
		printf("[");
	return sh;
}

/**
 * show_msg() - print one credential or trust store (a get reply)
 * @nlh: the message
 * @data: the listing state
 *
 * Return: MNL_CB_OK.
 */
int show_msg(const struct nlmsghdr *nlh, void *data)
{
	int a_name = TLSHAKE_A_CRED_NAME, a_use = TLSHAKE_A_CRED_USE_COUNT;
	int a_info = TLSHAKE_A_CRED_CERT_INFO;
	const char *name = "", *key = NULL;
	struct show *sh = data;
	const struct nlattr *a;
	unsigned int use = 0, idx = 0;

	if (!sh->cred) {
		a_name = TLSHAKE_A_TRUST_NAME;
		a_use = TLSHAKE_A_TRUST_USE_COUNT;
		a_info = TLSHAKE_A_TRUST_CERT_INFO;
	}
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		int type = mnl_attr_get_type(a);

		if (type == a_name)
			name = mnl_attr_get_str(a);
		else if (type == a_use)
			use = mnl_attr_get_u32(a);
		else if (sh->cred && type == TLSHAKE_A_CRED_KEY_TYPE)
			key = key_type_name(mnl_attr_get_u32(a));
	}
	if (sh->json) {
		printf("%s{\"name\": ", sh->count ? ", " : "");
		json_str(name);
		if (key)
			printf(", \"key_type\": \"%s\"", key);
		printf(", \"use_count\": %u, \"certs\": [", use);
	} else {
		printf("%s %s", sh->cred ? "cred" : "trust", name);
		if (key)
			printf("  key %s", key);
		printf("  users %u\n", use);
	}
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == a_info)
			show_cert(sh, a, idx++);
	if (sh->json)
		printf("]}");
	sh->count++;
	return MNL_CB_OK;
}

/**
 * show_end() - finish and free a listing
 * @sh: the listing state
 */
void show_end(struct show *sh)
{
	if (sh->json)
		printf("]\n");
	free(sh);
}
