// SPDX-License-Identifier: GPL-2.0
/*
 * The tlshake upper layer protocol: attach to a TCP socket, route its
 * socket calls through tlshake, and detach and free on close.
 *
 * Attaching swaps in a copy of the socket's struct proto and struct
 * proto_ops with tlshake's handlers. The copies are built once per
 * address family, lazily, because TCPv6 may live in a module that loads
 * after tlshake.
 */
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/tlshake.h>
#include <net/tcp.h>
#include <kunit/visibility.h>

#include "hsdrv.h"
#include "keyupdate.h"
#include "resume.h"
#include "sockopt.h"
#include "ulp.h"

enum { TLSHAKE_V4, TLSHAKE_V6, TLSHAKE_NFAMILIES };

/*
 * The proto and proto_ops copies are written once per base protocol, under
 * tlshake_protos_lock, before @base is published with release semantics.
 */
struct tlshake_protos {
	struct proto prot;
	struct proto_ops ops;		/* a patched run-time copy */
	const struct proto *base;	/* what @prot was copied from */
};

static struct tlshake_protos tlshake_protos[TLSHAKE_NFAMILIES];
static DEFINE_MUTEX(tlshake_protos_lock);
static atomic_long_t tlshake_nsocks = ATOMIC_LONG_INIT(0);

/**
 * tlshake_sock_count() - number of live tlshake socket contexts
 *
 * Return: how many contexts are allocated right now (for tests and stats).
 */
long tlshake_sock_count(void)
{
	return atomic_long_read(&tlshake_nsocks);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_sock_count);

/* Raw TCP reads past the record layer: refused while attached. */
static int tlshake_read_sock(struct sock *sk, read_descriptor_t *desc,
			     sk_read_actor_t recv_actor)
{
	return tlshake_check_usable(tlshake_sk(sk)) ?: -EOPNOTSUPP;
}

static int tlshake_read_skb(struct sock *sk, skb_read_actor_t recv_actor)
{
	return tlshake_check_usable(tlshake_sk(sk)) ?: -EOPNOTSUPP;
}

/* shutdown(SHUT_WR) sends close_notify before TCP's FIN. */
static int tlshake_shutdown(struct socket *sock, int how)
{
	struct tlshake_sock *ts = tlshake_sk(sock->sk);

	/* how is SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2) */
	if (how == SHUT_WR || how == SHUT_RDWR)
		tlshake_send_close_notify(ts, sock_sndtimeo(sock->sk, 0));
	return ts->base_ops->shutdown(sock, how);
}

/* Reusing the socket for a new connection would keep a stale context. */
static int tlshake_disconnect(struct sock *sk, int flags)
{
	return -EOPNOTSUPP;
}

static void tlshake_ctx_free(struct tlshake_sock *ts)
{
	if (ts->rx.buf)
		tlshake_rx_free(ts);
	if (ts->tx.buf)
		tlshake_tx_free(ts);
	kfree_sensitive(ts->peer_certs);
	kfree_sensitive(ts->phs);
	tlshake_post13_free(ts);
	tlshake_session_put(ts->session);
	mutex_destroy(&ts->rx_lock);
	mutex_destroy(&ts->tx_lock);
	atomic_long_dec(&tlshake_nsocks);
	kfree_rcu(ts, rcu);
}

/* close() waits this long at most to hand queued data and close_notify
 * to TCP, however large SO_SNDTIMEO is.
 */
#define TLSHAKE_CLOSE_TIMEO	(5 * HZ)

/*
 * Detach: give the socket back its own protocol and free the context.
 * tcp_cleanup_ulp() still calls ->release when the socket is destroyed;
 * it finds no context and has nothing left to do.
 */
static void tlshake_close(struct sock *sk, long timeout)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tlshake_sock *ts = tlshake_sk(sk);

	tlshake_send_close_notify(ts, min_t(long, sock_sndtimeo(sk, 0),
					    TLSHAKE_CLOSE_TIMEO));
	set_bit(TLSHAKE_F_CLOSING, &ts->flags);

	lock_sock(sk);
	write_lock_bh(&sk->sk_callback_lock);
	tlshake_hsdrv_unhook(ts);
	rcu_assign_pointer(icsk->icsk_ulp_data, NULL);
	WRITE_ONCE(sk->sk_prot, ts->sk_proto);
	write_unlock_bh(&sk->sk_callback_lock);
	release_sock(sk);
	tlshake_hsdrv_stop(ts);

	ts->sk_proto->close(sk, timeout);
	tlshake_ctx_free(ts);
}

static void tlshake_build_protos(struct tlshake_protos *p,
				 const struct proto *base,
				 const struct proto_ops *base_ops)
{
	p->prot = *base;
	p->prot.close = tlshake_close;
	p->prot.disconnect = tlshake_disconnect;
	p->prot.setsockopt = tlshake_setsockopt;
	p->prot.getsockopt = tlshake_getsockopt;
	p->prot.sendmsg = tlshake_sendmsg;
	p->prot.recvmsg = tlshake_recvmsg;

	p->ops = *base_ops;
	p->ops.splice_read = tlshake_splice_read;
	p->ops.splice_eof = tlshake_splice_eof;
	p->ops.poll = tlshake_poll;
	p->ops.shutdown = tlshake_shutdown;
	p->ops.read_sock = tlshake_read_sock;
	p->ops.read_skb = tlshake_read_skb;
	p->ops.mmap = sock_no_mmap;
}

static struct tlshake_protos *tlshake_protos_for(struct sock *sk)
{
	int fam = sk->sk_family == AF_INET6 ? TLSHAKE_V6 : TLSHAKE_V4;
	struct tlshake_protos *p = &tlshake_protos[fam];
	const struct proto *base = READ_ONCE(sk->sk_prot);

	/* pairs with smp_store_release() below: the copies are complete */
	if (likely(smp_load_acquire(&p->base) == base))
		return p;

	mutex_lock(&tlshake_protos_lock);
	if (p->base != base) {
		tlshake_build_protos(p, base, sk->sk_socket->ops);
		/* publish @base only after the copies are written */
		smp_store_release(&p->base, base);
	}
	mutex_unlock(&tlshake_protos_lock);
	return p;
}

/*
 * ->init of the ULP, called by tcp_set_ulp() with the socket locked. The
 * TCP core has already refused listening sockets (we have no ->clone) and
 * a second ULP (-EEXIST).
 */
static int tlshake_ulp_init(struct sock *sk)
{
	struct tlshake_protos *p;
	struct tlshake_sock *ts;

	if (sk->sk_state != TCP_ESTABLISHED || !sk->sk_socket)
		return -ENOTCONN;

	ts = kzalloc(sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return -ENOMEM;
	ts->sk = sk;
	ts->sk_proto = READ_ONCE(sk->sk_prot);
	ts->base_ops = READ_ONCE(sk->sk_socket->ops);
	ts->state = TLSHAKE_STATE_ATTACHED;
	ts->info.alert_sent = TLSHAKE_ALERT_NONE;
	ts->info.alert_received = TLSHAKE_ALERT_NONE;
	mutex_init(&ts->rx_lock);
	mutex_init(&ts->tx_lock);
	spin_lock_init(&ts->session_lock);
	tlshake_hsdrv_init(ts);
	p = tlshake_protos_for(sk);
	atomic_long_inc(&tlshake_nsocks);

	write_lock_bh(&sk->sk_callback_lock);
	rcu_assign_pointer(inet_csk(sk)->icsk_ulp_data, ts);
	WRITE_ONCE(sk->sk_prot, &p->prot);
	WRITE_ONCE(sk->sk_socket->ops, &p->ops);
	write_unlock_bh(&sk->sk_callback_lock);
	return 0;
}

/* A socket destroyed without close(): free what close() would have. */
static void tlshake_ulp_release(struct sock *sk)
{
	struct tlshake_sock *ts = tlshake_sk(sk);

	if (!ts)
		return;
	rcu_assign_pointer(inet_csk(sk)->icsk_ulp_data, NULL);
	WRITE_ONCE(sk->sk_prot, ts->sk_proto);
	tlshake_ctx_free(ts);
}

static struct tcp_ulp_ops tlshake_ulp_ops __read_mostly = {
	.name		= TLSHAKE_ULP_NAME,
	.owner		= THIS_MODULE,
	.init		= tlshake_ulp_init,
	.release	= tlshake_ulp_release,
};

/**
 * tlshake_ulp_register() - make "tlshake" available to TCP_ULP
 *
 * Return: 0, or -EEXIST if a ULP of that name is registered already.
 */
int tlshake_ulp_register(void)
{
	return tcp_register_ulp(&tlshake_ulp_ops);
}

/**
 * tlshake_ulp_unregister() - remove "tlshake" from the ULP list
 *
 * Sockets that still have tlshake attached hold a module reference, so
 * this runs only when none is left.
 */
void tlshake_ulp_unregister(void)
{
	tcp_unregister_ulp(&tlshake_ulp_ops);
}
