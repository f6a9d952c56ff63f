/*
 * Tag-length-value record encoding (see record.h for the layout and why).
 */
#include <string.h>

#include "record.h"

static void
put_uleb(struct sd_buf *b, uint64_t v)
{
	uint8_t tmp[10];
	size_t n = 0;

	do {
		uint8_t byte = v & 0x7f;
		v >>= 7;
		tmp[n++] = byte | (v != 0 ? 0x80 : 0);
	} while (v != 0);
	sd_buf_add(b, tmp, n);
}

/* Reads a LEB128 value from [*pp, end); false on overflow or truncation. */
static bool
get_uleb(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned shift = 0;

	while (p < end) {
		uint8_t byte = *p++;
		if (shift == 63 && (byte & 0x7e) != 0)
			return false;
		v |= (uint64_t)(byte & 0x7f) << shift;
		if ((byte & 0x80) == 0) {
			*pp = p;
			*out = v;
			return true;
		}
		shift += 7;
		if (shift > 63)
			return false;
	}
	return false;
}

void
sd_rec_begin(struct sd_buf *b, enum sd_rec_type type)
{
	uint8_t head[2] = { SD_REC_FORMAT, (uint8_t)type };

	sd_buf_reset(b);
	sd_buf_add(b, head, sizeof head);
}

void
sd_rec_bytes(struct sd_buf *b, uint8_t tag, const void *p, size_t n)
{
	sd_buf_add(b, &tag, 1);
	put_uleb(b, n);
	sd_buf_add(b, p, n);
}

void
sd_rec_str(struct sd_buf *b, uint8_t tag, const char *s)
{
	if (s != NULL)
		sd_rec_bytes(b, tag, s, strlen(s));
}

void
sd_rec_u64(struct sd_buf *b, uint8_t tag, uint64_t v)
{
	struct sd_buf tmp = { 0 };

	put_uleb(&tmp, v);
	sd_rec_bytes(b, tag, tmp.data, tmp.len);
	sd_buf_free(&tmp);
}

void
sd_rec_i64(struct sd_buf *b, uint8_t tag, int64_t v)
{
	/* Zig-zag keeps small negative numbers short. */
	sd_rec_u64(b, tag, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

bool
sd_rec_open(struct sd_rec_reader *r, const void *data, size_t n, enum sd_rec_type type)
{
	const uint8_t *p = data;

	r->p = p;
	r->end = p + n;
	r->bad = n < 2 || p[0] != SD_REC_FORMAT || p[1] != (uint8_t)type;
	if (!r->bad)
		r->p += 2;
	return !r->bad;
}

bool
sd_rec_next(struct sd_rec_reader *r, uint8_t *tag, const uint8_t **p, size_t *n)
{
	uint64_t len;

	if (r->bad || r->p >= r->end)
		return false;
	*tag = *r->p++;
	if (!get_uleb(&r->p, r->end, &len) || len > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return false;
	}
	*p = r->p;
	*n = (size_t)len;
	r->p += len;
	return true;
}

char *
sd_rec_as_str(const uint8_t *p, size_t n)
{
	return sd_xstrndup((const char *)p, n);
}

bool
sd_rec_as_u64(const uint8_t *p, size_t n, uint64_t *out)
{
	const uint8_t *q = p;

	return get_uleb(&q, p + n, out) && q == p + n;
}

bool
sd_rec_as_i64(const uint8_t *p, size_t n, int64_t *out)
{
	uint64_t u;

	if (!sd_rec_as_u64(p, n, &u))
		return false;
	*out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	return true;
}
