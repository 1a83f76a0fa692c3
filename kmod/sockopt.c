// SPDX-License-Identifier: GPL-2.0
/*
 * Socket options of a socket with tlshake attached. Level SOL_TLSHAKE is
 * ours; every other level goes to TCP, except the TCP options that would
 * hand the raw byte stream past tlshake.
 */
#include <linux/tlshake.h>
#include <linux/uaccess.h>
#include <net/tcp.h>

#include "sockopt.h"
#include "ulp.h"

/**
 * tlshake_setsockopt() - ->setsockopt of an attached socket
 * @sk: the socket
 * @level: option level; anything but %SOL_TLSHAKE goes to TCP
 * @optname: option
 * @optval: value
 * @optlen: length of @optval
 *
 * Return: 0 or a negative errno; -ENOPROTOOPT for an unknown option.
 */
int tlshake_setsockopt(struct sock *sk, int level, int optname,
		       sockptr_t optval, unsigned int optlen)
{
	struct tlshake_sock *ts = tlshake_sk(sk);

	if (level != SOL_TLSHAKE)
		return ts->sk_proto->setsockopt(sk, level, optname, optval,
						optlen);
	return -ENOPROTOOPT;
}

static int tlshake_get_u32(u32 val, char __user *optval, int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < (int)sizeof(val))
		return -EINVAL;
	len = sizeof(val);
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
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
 * -EINVAL if @optlen is too small, -EFAULT on a bad user pointer.
 */
int tlshake_getsockopt(struct sock *sk, int level, int optname,
		       char __user *optval, int __user *optlen)
{
	struct tlshake_sock *ts = tlshake_sk(sk);

	if (level == SOL_TCP && optname == TCP_ZEROCOPY_RECEIVE)
		return -EOPNOTSUPP;
	if (level != SOL_TLSHAKE)
		return ts->sk_proto->getsockopt(sk, level, optname, optval,
						optlen);

	switch (optname) {
	case TLSHAKE_STATE:
		return tlshake_get_u32(READ_ONCE(ts->state), optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}
