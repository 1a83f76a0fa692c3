/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bounds-checked reading and writing of TLS wire structures (RFC 8446 3).
 *
 * A reader never reads past its end: a short read sets ->err and yields
 * zeroes, so a parser can read a whole structure and check ->err once.
 * Vectors are read as sub-readers bounded by their length prefix. A writer
 * likewise sets ->err instead of overflowing, and back-patches vector
 * lengths. Portable (kmod/crypto/port.h): also built for fuzzing.
 */
#ifndef _TLSHAKE_MSG_WIRE_H
#define _TLSHAKE_MSG_WIRE_H

#include "../crypto/port.h"

/**
 * struct tls_rd - a reader over a byte range
 * @p: next byte
 * @left: bytes left
 * @err: a read went past the end (or a vector was malformed)
 */
struct tls_rd {
	const u8 *p;
	size_t left;
	bool err;
};

static inline void rd_init(struct tls_rd *r, const u8 *p, size_t len)
{
	r->p = p;
	r->left = len;
	r->err = false;
}

static inline bool rd_take(struct tls_rd *r, size_t n, const u8 **out)
{
	if (r->err || r->left < n) {
		r->err = true;
		r->left = 0;
		*out = NULL;
		return false;
	}
	*out = r->p;
	r->p += n;
	r->left -= n;
	return true;
}

static inline u8 rd_u8(struct tls_rd *r)
{
	const u8 *b;

	return rd_take(r, 1, &b) ? b[0] : 0;
}

static inline u16 rd_u16(struct tls_rd *r)
{
	const u8 *b;

	return rd_take(r, 2, &b) ? (u16)(b[0] << 8 | b[1]) : 0;
}

static inline u32 rd_u24(struct tls_rd *r)
{
	const u8 *b;

	return rd_take(r, 3, &b) ? (u32)b[0] << 16 | b[1] << 8 | b[2] : 0;
}

static inline u32 rd_u32(struct tls_rd *r)
{
	const u8 *b;

	return rd_take(r, 4, &b) ?
	       (u32)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : 0;
}

/* Copy @n bytes out; zeroes on a short read. */
static inline void rd_copy(struct tls_rd *r, void *dst, size_t n)
{
	const u8 *b;

	if (rd_take(r, n, &b))
		memcpy(dst, b, n);
	else
		memset(dst, 0, n);
}

/*
 * A vector with a @lenbytes (1, 2 or 3) length prefix, as a sub-reader;
 * its length must lie in [@min, @max].
 */
static inline struct tls_rd rd_vec(struct tls_rd *r, int lenbytes,
				   size_t min, size_t max)
{
	struct tls_rd v = { .err = true };
	size_t n;

	n = lenbytes == 1 ? rd_u8(r) : lenbytes == 2 ? rd_u16(r) : rd_u24(r);
	if (n < min || n > max) {
		r->err = true;
		r->left = 0;
		return v;
	}
	if (rd_take(r, n, &v.p)) {
		v.left = n;
		v.err = false;
	}
	return v;
}

/* True if the reader is exhausted without error. */
static inline bool rd_done(const struct tls_rd *r)
{
	return !r->err && !r->left;
}

/**
 * struct tls_wr - a writer into a fixed buffer
 * @p: the buffer
 * @cap: its size
 * @len: bytes written
 * @err: a write did not fit (or a vector overflowed its length prefix)
 */
struct tls_wr {
	u8 *p;
	size_t cap;
	size_t len;
	bool err;
};

static inline void wr_init(struct tls_wr *w, u8 *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->len = 0;
	w->err = false;
}

/* Reserve @n bytes; NULL (and ->err) if they do not fit. */
static inline u8 *wr_put(struct tls_wr *w, size_t n)
{
	u8 *b;

	if (w->err || w->cap - w->len < n) {
		w->err = true;
		return NULL;
	}
	b = w->p + w->len;
	w->len += n;
	return b;
}

static inline void wr_u8(struct tls_wr *w, u8 v)
{
	u8 *b = wr_put(w, 1);

	if (b)
		b[0] = v;
}

static inline void wr_u16(struct tls_wr *w, u16 v)
{
	u8 *b = wr_put(w, 2);

	if (b) {
		b[0] = v >> 8;
		b[1] = v & 0xff;
	}
}

static inline void wr_u24(struct tls_wr *w, u32 v)
{
	u8 *b = wr_put(w, 3);

	if (b) {
		b[0] = (v >> 16) & 0xff;
		b[1] = (v >> 8) & 0xff;
		b[2] = v & 0xff;
	}
}

static inline void wr_u32(struct tls_wr *w, u32 v)
{
	u8 *b = wr_put(w, 4);

	if (b) {
		b[0] = v >> 24;
		b[1] = (v >> 16) & 0xff;
		b[2] = (v >> 8) & 0xff;
		b[3] = v & 0xff;
	}
}

static inline void wr_bytes(struct tls_wr *w, const void *src, size_t n)
{
	u8 *b = wr_put(w, n);

	if (b && n)
		memcpy(b, src, n);
}

/* Start a vector with a @lenbytes length prefix; returns its mark. */
static inline size_t wr_vec_begin(struct tls_wr *w, int lenbytes)
{
	size_t mark = w->len;

	wr_put(w, lenbytes);
	return mark;
}

/* Fill in the length prefix of the vector started at @mark. */
static inline void wr_vec_end(struct tls_wr *w, size_t mark, int lenbytes)
{
	size_t n;
	u8 *b;

	if (w->err)
		return;
	n = w->len - mark - lenbytes;
	if (n >> (8 * lenbytes)) {
		w->err = true;
		return;
	}
	b = w->p + mark;
	if (lenbytes == 3)
		*b++ = (n >> 16) & 0xff;
	if (lenbytes >= 2)
		*b++ = (n >> 8) & 0xff;
	*b = n & 0xff;
}

#endif /* _TLSHAKE_MSG_WIRE_H */
