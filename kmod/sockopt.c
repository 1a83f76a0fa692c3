// SPDX-License-Identifier: GPL-2.0
/*
 * Socket options of a socket with tlshake attached. Level SOL_TLSHAKE is
 * ours; every other level goes to TCP, except the TCP options that would
 * hand the raw byte stream past tlshake.
 */
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/tlshake.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>
#include <net/tcp.h>

#include "cert.h"
#include "hsdrv.h"
#include "keyupdate.h"
#include "resume.h"
#include "sockopt.h"
#include "ulp.h"

static int set_handshake(struct tlshake_sock *ts, sockptr_t optval,
			 unsigned int optlen)
{
	struct socket *sock = ts->sk->sk_socket;
	struct tlshake_handshake *p;
	bool async;
	int err;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	err = copy_struct_from_sockptr(p, sizeof(*p), optval, optlen);
	if (!err) {
		async = sock && sock->file &&
			(sock->file->f_flags & O_NONBLOCK);
		err = tlshake_hsdrv_start(ts, p, async, NULL, NULL);
	}
	kfree_sensitive(p);
	return err;
}

static int set_key_update(struct tlshake_sock *ts, sockptr_t optval,
			  unsigned int optlen)
{
	u32 request;

	if (optlen < sizeof(request))
		return -EINVAL;
	if (copy_from_sockptr(&request, optval, sizeof(request)))
		return -EFAULT;
	if (request > 1)
		return -EINVAL;
	return tlshake_keyupdate_request(ts, request);
}

/* TLSHAKE_SESSION: the session a client offers in its handshake. */
static int set_session(struct tlshake_sock *ts, sockptr_t optval,
		       unsigned int optlen)
{
	struct tlshake_session *s;
	int fd, err = 0;

	if (optlen < sizeof(fd))
		return -EINVAL;
	if (copy_from_sockptr(&fd, optval, sizeof(fd)))
		return -EFAULT;
	s = tlshake_session_from_fd(fd);
	if (IS_ERR(s))
		return PTR_ERR(s);
	mutex_lock(&ts->rx_lock);
	if (READ_ONCE(ts->state) != TLSHAKE_STATE_ATTACHED)
		err = -EISCONN;
	else
		swap(ts->session, s);
	mutex_unlock(&ts->rx_lock);
	tlshake_session_put(s);
	return err;
}

/**
 * tlshake_setsockopt() - ->setsockopt of an attached socket
 * @sk: the socket
 * @level: option level; anything but %SOL_TLSHAKE goes to TCP
 * @optname: option
 * @optval: value
 * @optlen: length of @optval
 *
 * Return: 0 or a negative errno; -ENOPROTOOPT for an unknown option. For
 * TLSHAKE_HANDSHAKE see &enum tlshake_sockopt.
 */
int tlshake_setsockopt(struct sock *sk, int level, int optname,
		       sockptr_t optval, unsigned int optlen)
{
	struct tlshake_sock *ts = tlshake_sk(sk);

	if (level != SOL_TLSHAKE)
		return ts->sk_proto->setsockopt(sk, level, optname, optval,
						optlen);
	switch (optname) {
	case TLSHAKE_HANDSHAKE:
		return set_handshake(ts, optval, optlen);
	case TLSHAKE_KEY_UPDATE:
		return set_key_update(ts, optval, optlen);
	case TLSHAKE_SESSION:
		return set_session(ts, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}

/* Copy a value out, truncated to the user's buffer as getsockopt does. */
static int get_bytes(const void *val, int vlen, char __user *optval,
		     int __user *optlen, int min)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < min)
		return -EINVAL;
	len = min(len, vlen);
	if (put_user(len, optlen) || copy_to_user(optval, val, len))
		return -EFAULT;
	return 0;
}

static int get_info(struct tlshake_sock *ts, char __user *optval,
		    int __user *optlen)
{
	struct tlshake_info *info;
	int err;

	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	mutex_lock(&ts->tx_lock);
	*info = ts->info;
	tlshake_tx_unlock(ts);
	info->state = READ_ONCE(ts->state);
	err = get_bytes(info, sizeof(*info), optval, optlen,
			offsetof(struct tlshake_info, alpn));
	kfree(info);
	return err;
}

static int get_peer_certs(struct tlshake_sock *ts, char __user *optval,
			  int __user *optlen)
{
	int len;

	if (READ_ONCE(ts->state) != TLSHAKE_STATE_ESTABLISHED)
		return -ENOTCONN;
	if (!ts->peer_certs_len)
		return -ENODATA;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < ts->peer_certs_len) {
		if (put_user((int)ts->peer_certs_len, optlen))
			return -EFAULT;
		return -ERANGE;
	}
	return get_bytes(ts->peer_certs, ts->peer_certs_len, optval, optlen,
			 0);
}

/* The peer's leaf certificate, parsed, from what TLSHAKE_PEER_CERTS says. */
static struct tlshake_cert *peer_leaf(const struct tlshake_sock *ts)
{
	const char *why;
	u32 len;

	if (ts->peer_certs_len < 4)
		return ERR_PTR(-ENODATA);
	len = get_unaligned_be32(ts->peer_certs);
	if (len > ts->peer_certs_len - 4)
		return ERR_PTR(-EBADMSG);
	return tlshake_cert_parse(ts->peer_certs + 4, len, &why);
}

static int get_peer_subject(struct tlshake_sock *ts, char __user *optval,
			    int __user *optlen)
{
	struct tlshake_cert *leaf;
	char *subject;
	int len, err;

	/* pairs with the release that publishes the established state */
	if (smp_load_acquire(&ts->state) != TLSHAKE_STATE_ESTABLISHED)
		return -ENOTCONN;
	leaf = peer_leaf(ts);
	if (IS_ERR(leaf))
		return PTR_ERR(leaf) == -ENOMEM ? -ENOMEM :
		       PTR_ERR(leaf) == -ENODATA ? -ENODATA : -EBADMSG;
	subject = tlshake_cert_name_rfc4514(leaf->subject, leaf->subject_len,
					    GFP_KERNEL);
	tlshake_cert_free(leaf);
	if (IS_ERR(subject))
		return PTR_ERR(subject);
	err = get_user(len, optlen);
	if (!err && len < strlen(subject) + 1)
		err = put_user((int)strlen(subject) + 1, optlen) ?: -ERANGE;
	if (!err)
		err = get_bytes(subject, strlen(subject) + 1, optval, optlen, 0);
	kfree(subject);
	return err;
}

/* TLSHAKE_SESSION: a descriptor for the connection's session. */
static int get_session(struct tlshake_sock *ts, char __user *optval,
		       int __user *optlen)
{
	struct tlshake_session *s;
	int err;

	/* pairs with the release that publishes the established state */
	if (smp_load_acquire(&ts->state) != TLSHAKE_STATE_ESTABLISHED)
		return -ENOTCONN;
	/* a server's sessions stay in its cache or its tickets */
	if (ts->server)
		return -ENODATA;
	/* TLS 1.3: tickets may wait behind the handshake, unread */
	if (ts->info.version == TLSHAKE_VERSION_1_3)
		tlshake_rx_pending_tickets(ts);
	spin_lock_bh(&ts->session_lock);
	s = ts->session;
	if (s && (s->version != TLSHAKE_VERSION_1_3 || s->ticket_len) &&
	    tlshake_session_usable(s, ktime_get_real_seconds()))
		tlshake_session_get(s);
	else
		s = NULL;
	spin_unlock_bh(&ts->session_lock);
	if (!s)
		return -ENODATA;
	err = tlshake_session_getsockopt(s, optval, optlen);
	tlshake_session_put(s);
	return err;
}

/**
 * tlshake_getsockopt() - ->getsockopt of an attached socket
 * @sk: the socket
 * @level: option level; anything but %SOL_TLSHAKE goes to TCP
 * @optname: option
 * @optval: buffer for the value
 * @optlen: in: size of @optval; out: length of the value
 *
 * TCP_ZEROCOPY_RECEIVE is refused with -EOPNOTSUPP: it would map TCP's
 * receive queue, that is ciphertext, past the record layer.
 *
 * Return: 0 or a negative errno; -ENOPROTOOPT for an unknown option,
 * -EINVAL if @optlen is too small, -EFAULT on a bad user pointer; see
 * &enum tlshake_sockopt for each option's own errors.
 */
int tlshake_getsockopt(struct sock *sk, int level, int optname,
		       char __user *optval, int __user *optlen)
{
	struct tlshake_sock *ts = tlshake_sk(sk);
	u32 state;

	if (level == SOL_TCP && optname == TCP_ZEROCOPY_RECEIVE)
		return -EOPNOTSUPP;
	if (level != SOL_TLSHAKE)
		return ts->sk_proto->getsockopt(sk, level, optname, optval,
						optlen);

	switch (optname) {
	case TLSHAKE_STATE:
		state = READ_ONCE(ts->state);
		return get_bytes(&state, sizeof(state), optval, optlen,
				 sizeof(state));
	case TLSHAKE_INFO:
		return get_info(ts, optval, optlen);
	case TLSHAKE_PEER_CERTS:
		return get_peer_certs(ts, optval, optlen);
	case TLSHAKE_SESSION:
		return get_session(ts, optval, optlen);
	case TLSHAKE_PEER_SUBJECT:
		return get_peer_subject(ts, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}
