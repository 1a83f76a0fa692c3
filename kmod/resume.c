// SPDX-License-Identifier: GPL-2.0
/*
 * Resumable sessions: the session object, the file descriptors that hand
 * one to a client program (TLSHAKE_SESSION), and the resumption state of
 * each network namespace (the session cache and the ticket keys).
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <kunit/visibility.h>

#include "resume.h"

static unsigned int session_lifetime = 7200;
module_param(session_lifetime, uint, 0644);
MODULE_PARM_DESC(session_lifetime,
		 "Seconds a session may be resumed (10..86400, default 7200; lowering it also shortens TLS 1.3 tickets already issued); at namespace creation, also the ticket key rotation period (at least 60)");

static unsigned int session_cache_size = 1024;
module_param(session_cache_size, uint, 0444);
MODULE_PARM_DESC(session_cache_size,
		 "Sessions the server cache of each network namespace holds (default 1024, 0: none)");

/* Memory the cache of one namespace may use, peer chains included. */
#define SESSION_CACHE_MAX_BYTES		(4U << 20)

static unsigned int resume_net_id __read_mostly;

/**
 * tlshake_session_lifetime() - how long sessions may be resumed
 *
 * Return: seconds (RFC 5246 F.1.4 suggests at most 24 hours).
 */
u32 tlshake_session_lifetime(void)
{
	return clamp_val(READ_ONCE(session_lifetime), 10, 86400);
}

/**
 * tlshake_session_now_ms() - the clock of TLS 1.3 ticket ages
 *
 * Return: real time in milliseconds.
 */
u64 tlshake_session_now_ms(void)
{
	return ktime_to_ms(ktime_get_real());
}

/**
 * tlshake_session_new() - allocate an empty session
 *
 * Return: the session with one reference, or NULL.
 */
struct tlshake_session *tlshake_session_new(void)
{
	struct tlshake_session *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	refcount_set(&s->ref, 1);
	INIT_HLIST_NODE(&s->hnode);
	INIT_LIST_HEAD(&s->lru);
	return s;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_session_new);

/**
 * tlshake_session_clone() - a new session with the same state
 * @s: the session
 *
 * For a client that receives a new ticket for a session it resumed: the
 * original stays immutable for whoever holds it.
 *
 * Return: the copy, not cached, not dead, with no ticket; or NULL.
 */
struct tlshake_session *tlshake_session_clone(const struct tlshake_session *s)
{
	struct tlshake_session *c = tlshake_session_new();

	if (!c)
		return NULL;
	c->name_verified = s->name_verified;
	c->version = s->version;
	c->suite = s->suite;
	c->created = s->created;
	c->lifetime = s->lifetime;
	c->issued_ms = s->issued_ms;
	c->age_add = s->age_add;
	memcpy(c->id, s->id, s->id_len);
	c->id_len = s->id_len;
	memcpy(c->master, s->master, sizeof(c->master));
	memcpy(c->cred_fp, s->cred_fp, sizeof(c->cred_fp));
	strscpy(c->server_name, s->server_name, sizeof(c->server_name));
	strscpy(c->trust_store, s->trust_store, sizeof(c->trust_store));
	c->peer_sig_scheme = s->peer_sig_scheme;
	if (s->peer_certs_len) {
		c->peer_certs = kmemdup(s->peer_certs, s->peer_certs_len,
					GFP_KERNEL);
		if (!c->peer_certs) {
			tlshake_session_put(c);
			return NULL;
		}
		c->peer_certs_len = s->peer_certs_len;
	}
	return c;
}

/**
 * tlshake_session_put() - drop a reference; the last one wipes and frees
 * @s: the session, or NULL
 *
 * Any context.
 */
void tlshake_session_put(struct tlshake_session *s)
{
	if (!s || !refcount_dec_and_test(&s->ref))
		return;
	kfree(s->ticket);
	kfree(s->peer_certs);
	kfree_sensitive(s);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_session_put);

/**
 * tlshake_session_usable() - whether a session may be resumed now
 * @s: the session
 * @now: the current time (seconds)
 *
 * Return: false if invalidated, expired, or from the future.
 */
bool tlshake_session_usable(const struct tlshake_session *s, time64_t now)
{
	return !READ_ONCE(s->dead) && now >= s->created &&
	       now - s->created < s->lifetime;
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_session_usable);

/**
 * tlshake_session_invalidate() - never resume this session again
 * @s: the session
 *
 * RFC 5246 7.2.2: a fatal alert invalidates the session. A cache drops it
 * when it next meets it; a ticket of it cannot be recalled (its lifetime
 * bounds it).
 */
void tlshake_session_invalidate(struct tlshake_session *s)
{
	WRITE_ONCE(s->dead, true);
}
EXPORT_SYMBOL_IF_KUNIT(tlshake_session_invalidate);

static int session_fd_release(struct inode *inode, struct file *file)
{
	tlshake_session_put(file->private_data);
	return 0;
}

static const struct file_operations session_fops = {
	.owner = THIS_MODULE,
	.release = session_fd_release,
};

/**
 * tlshake_session_getsockopt() - TLSHAKE_SESSION: a new file descriptor
 *	referring to a session
 * @s: the session
 * @optval: where the descriptor (an int) goes
 * @optlen: in: room at @optval; out: sizeof(int)
 *
 * The descriptor is close-on-exec and holds a reference on the session,
 * not the secrets: nothing can be read from it.
 *
 * Return: 0; -EINVAL if @optlen is too small; -EFAULT; -EMFILE, -ENFILE,
 * -ENOMEM.
 */
int tlshake_session_getsockopt(struct tlshake_session *s, char __user *optval,
			       int __user *optlen)
{
	struct file *file;
	int len, fd;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < (int)sizeof(fd))
		return -EINVAL;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile("[tlshake_session]", &session_fops,
				  tlshake_session_get(s), O_RDONLY);
	if (IS_ERR(file)) {
		tlshake_session_put(s);
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	len = sizeof(fd);
	if (put_user(len, optlen) || copy_to_user(optval, &fd, sizeof(fd))) {
		fput(file);	/* releases the session reference */
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, file);
	return 0;
}

/**
 * tlshake_session_from_fd() - the session a TLSHAKE_SESSION descriptor
 *	refers to
 * @fd: the descriptor
 *
 * Return: the session with a reference for the caller; ERR_PTR(-EBADF)
 * if @fd is not open, ERR_PTR(-EINVAL) if it is not a session descriptor.
 */
struct tlshake_session *tlshake_session_from_fd(int fd)
{
	struct tlshake_session *s = ERR_PTR(-EINVAL);
	struct file *file = fget(fd);

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op == &session_fops)
		s = tlshake_session_get(file->private_data);
	fput(file);
	return s;
}

/**
 * tlshake_resume_net() - the resumption state of a network namespace
 * @net: the namespace
 *
 * Return: its state (lives as long as @net).
 */
struct tlshake_resume_net *tlshake_resume_net(struct net *net)
{
	return net_generic(net, resume_net_id);
}

static int __net_init resume_net_init(struct net *net)
{
	struct tlshake_resume_net *rn = tlshake_resume_net(net);

	tlshake_sess_cache_init(&rn->cache, session_cache_size,
				SESSION_CACHE_MAX_BYTES);
	tlshake_ticket_keys_init(&rn->keys,
				 max(tlshake_session_lifetime(), 60U));
	return 0;
}

static void __net_exit resume_net_exit(struct net *net)
{
	struct tlshake_resume_net *rn = tlshake_resume_net(net);

	tlshake_sess_cache_flush(&rn->cache);
	tlshake_ticket_keys_free(&rn->keys);
}

static struct pernet_operations resume_net_ops = {
	.init = resume_net_init,
	.exit = resume_net_exit,
	.id = &resume_net_id,
	.size = sizeof(struct tlshake_resume_net),
};

/**
 * tlshake_resume_register() - set up resumption in every network namespace
 *
 * Return: 0 or the errno of register_pernet_subsys().
 */
int tlshake_resume_register(void)
{
	return register_pernet_subsys(&resume_net_ops);
}

/**
 * tlshake_resume_unregister() - drop every cached session and ticket key
 */
void tlshake_resume_unregister(void)
{
	unregister_pernet_subsys(&resume_net_ops);
}
