// SPDX-License-Identifier: GPL-2.0
/*
 * Does a certificate name a host? (RFC 9525, RFC 6125 as updated.)
 *
 * Only the subjectAltName counts, never the subject's common name. An IP
 * literal matches an iPAddress entry; a DNS name matches a dNSName entry,
 * case-insensitively, either exactly or through a wildcard that is the
 * whole left-most label ("*.example.com" matches "www.example.com", not
 * "example.com" nor "a.b.example.com"). Partial wildcards ("w*.example.com")
 * match nothing, nor do wildcards over a single label ("*.com").
 */
#include <linux/ctype.h>
#include <linux/inet.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "cert.h"
#include "chain.h"

#define HOST_NAME_MAX_LEN	253

/* Compare @len bytes, ASCII case-insensitively. */
static bool ascii_ieq(const char *a, const u8 *b, size_t len)
{
	return !strncasecmp(a, (const char *)b, len);
}

static bool san_dns_match(const u8 *san, size_t san_len, const char *host,
			  size_t host_len)
{
	const char *dot;

	if (san_len && san[san_len - 1] == '.')
		san_len--;
	if (!san_len || !memchr(san, '*', san_len))
		return san_len == host_len && ascii_ieq(host, san, host_len);
	/* "*." then at least two labels, and no other '*' */
	if (san_len < 4 || san[0] != '*' || san[1] != '.' ||
	    memchr(san + 1, '*', san_len - 1) ||
	    !memchr(san + 2, '.', san_len - 2))
		return false;
	dot = strchr(host, '.');
	if (!dot || dot == host)
		return false;
	return host_len - (dot - host) == san_len - 1 &&
	       ascii_ieq(dot, san + 1, san_len - 1);
}

/* "192.0.2.01": leading zeros are octal to some parsers; not an address. */
static bool ipv4_leading_zero(const char *s)
{
	bool octet_start = true;

	for (; *s; s++) {
		if (octet_start && s[0] == '0' && isdigit(s[1]))
			return true;
		octet_start = *s == '.';
	}
	return false;
}

static bool host_ip(const char *host, u8 *ip, size_t *ip_len)
{
	const char *end;
	size_t len = strlen(host);

	if (in4_pton(host, len, ip, -1, &end) && end == host + len &&
	    !ipv4_leading_zero(host)) {
		*ip_len = 4;
		return true;
	}
	if (in6_pton(host, len, ip, -1, &end) && end == host + len) {
		*ip_len = 16;
		return true;
	}
	return false;
}

/* A reference name must be a plausible host name: no empty label. */
static bool host_dns_ok(const char *host, size_t len)
{
	size_t i;

	if (!len || len > HOST_NAME_MAX_LEN || host[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if ((host[i] == '.' && host[i + 1] == '.') || host[i] == '*' ||
		    host[i] <= 0x20 || host[i] >= 0x7f)
			return false;
	return true;
}

/**
 * tlshake_cert_match_host() - is a certificate valid for a host name?
 * @cert: the (leaf) certificate
 * @host: a DNS name (one trailing dot allowed) or an IPv4/IPv6 literal
 *
 * Return: true if a subjectAltName entry of @cert matches @host.
 */
bool tlshake_cert_match_host(const struct tlshake_cert *cert,
			     const char *host)
{
	u8 ip[16];
	size_t ip_len, len;
	bool is_ip = host_ip(host, ip, &ip_len);
	u32 i;

	len = strlen(host);
	if (!is_ip) {
		if (len && host[len - 1] == '.')
			len--;
		if (!host_dns_ok(host, len))
			return false;
	}
	for (i = 0; i < cert->nr_sans; i++) {
		const struct tlshake_san *san = &cert->sans[i];

		if (is_ip && san->type == TLSHAKE_SAN_IP && san->len == ip_len &&
		    !memcmp(san->data, ip, ip_len))
			return true;
		if (!is_ip && san->type == TLSHAKE_SAN_DNS &&
		    san_dns_match(san->data, san->len, host, len))
			return true;
	}
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_cert_match_host);
