/*
 * Tag-length-value record encoding (see record.h for the layout and why).
 */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "sedesk/money.h"

/* v as LEB128 into out (10 bytes at most); its length. */
static size_t
uleb(uint8_t out[10], uint64_t v)
{
	size_t n = 0;

	do {
		uint8_t byte = v & 0x7f;
		v >>= 7;
		out[n++] = byte | (v != 0 ? 0x80 : 0);
	} while (v != 0);
	return n;
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
	uint8_t head[11];
	size_t h = 1 + uleb(head + 1, n);

	/* One field is a few bytes: its head and value in one append each. */
	head[0] = tag;
	sd_buf_add(b, head, h);
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
	uint8_t out[10];

	sd_rec_bytes(b, tag, out, uleb(out, v));
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

/* --- records from field tables ---------------------------------------------------- */

#define AT(rec, f, type)	((type *)(void *)((char *)(rec) + (f)->off))
#define CAT(rec, f, type)	((const type *)(const void *)((const char *)(rec) + (f)->off))

static bool
is_zero(const struct sd_field_def *f, const void *rec)
{
	switch (f->info.kind) {
	case SD_FK_COUNT:
		return *CAT(rec, f, uint32_t) == 0;
	case SD_FK_CHOICE:
	case SD_FK_SMALL:
		return *CAT(rec, f, int) == 0;
	case SD_FK_TIME:
	case SD_FK_MONEY:
		return *CAT(rec, f, int64_t) == 0;
	case SD_FK_DAY:
		/* A day's "not set" is SD_NO_DAY: 0 is 1970-01-01. */
		return *CAT(rec, f, int32_t) == INT32_MIN;
	case SD_FK_ID: {
		/* An optional link (a case's event) is all zero when there is none. */
		const uint8_t *id = CAT(rec, f, uint8_t);
		for (size_t i = 0; i < 16; i++)
			if (id[i] != 0)
				return false;
		return true;
	}
	default:
		return false;
	}
}

void
sd_rec_encode(struct sd_buf *b, const struct sd_record_def *def, const void *rec)
{
	sd_rec_begin(b, def->type);
	for (size_t i = 0; i < def->nfields; i++) {
		const struct sd_field_def *f = &def->fields[i];

		if ((f->info.flags & SD_FF_OMIT_ZERO) && is_zero(f, rec))
			continue;
		switch (f->info.kind) {
		case SD_FK_TEXT:
		case SD_FK_LIST:
			sd_rec_str(b, f->tag, *CAT(rec, f, char *));
			break;
		case SD_FK_ID:
			sd_rec_bytes(b, f->tag, CAT(rec, f, uint8_t), 16);
			break;
		case SD_FK_COUNT:
			sd_rec_u64(b, f->tag, *CAT(rec, f, uint32_t));
			break;
		case SD_FK_CHOICE:
		case SD_FK_SMALL:
			sd_rec_u64(b, f->tag, (uint64_t)*CAT(rec, f, int));
			break;
		case SD_FK_TIME:
		case SD_FK_MONEY:
			sd_rec_i64(b, f->tag, *CAT(rec, f, int64_t));
			break;
		case SD_FK_DAY:
			sd_rec_i64(b, f->tag, *CAT(rec, f, int32_t));
			break;
		case SD_FK_SUBJECT: {
			const uint8_t *kind = CAT(rec, f, uint8_t);
			size_t len = *(const size_t *)(const void *)((const char *)rec + f->len_off);
			uint8_t tmp[17];

			if (len > 16)
				len = 16;
			memcpy(tmp, kind, 1 + len);
			sd_rec_bytes(b, f->tag, tmp, 1 + len);
			break;
		}
		}
	}
}

static const struct sd_field_def *
field_by_tag(const struct sd_record_def *def, uint8_t tag)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].tag == tag)
			return &def->fields[i];
	return NULL;
}

/*
 * Reads one field's bytes into rec.  A value out of its range is left at
 * its default, as an unknown tag is; false only when a STRICT field's
 * bytes are malformed.
 */
static bool
decode_field(const struct sd_field_def *f, const uint8_t *p, size_t n, void *rec)
{
	uint64_t u;
	int64_t i;

	switch (f->info.kind) {
	case SD_FK_TEXT:
	case SD_FK_LIST:
		/* A tag given twice keeps the last value (and frees the first). */
		free(*AT(rec, f, char *));
		*AT(rec, f, char *) = sd_rec_as_str(p, n);
		return true;
	case SD_FK_ID:
		if (n == 16)
			memcpy(AT(rec, f, uint8_t), p, n);
		return true;
	case SD_FK_COUNT:
		if (sd_rec_as_u64(p, n, &u))
			*AT(rec, f, uint32_t) = (uint32_t)u;
		return true;
	case SD_FK_CHOICE:
		if (sd_rec_as_u64(p, n, &u) && u < f->info.max)
			*AT(rec, f, int) = (int)u;
		return true;
	case SD_FK_SMALL:
		if (sd_rec_as_u64(p, n, &u) && u <= f->info.max)
			*AT(rec, f, int) = (int)u;
		return true;
	case SD_FK_TIME:
		if (sd_rec_as_i64(p, n, &i)) {
			*AT(rec, f, int64_t) = i;
			return true;
		}
		return !(f->info.flags & SD_FF_STRICT);
	case SD_FK_DAY:
		if (sd_rec_as_i64(p, n, &i)) {
			*AT(rec, f, int32_t) = (int32_t)i;
			return true;
		}
		return !(f->info.flags & SD_FF_STRICT);
	case SD_FK_MONEY:
		/* Cents from 0 to SD_MONEY_MAX; anything else reads as absent. */
		if (sd_rec_as_i64(p, n, &i) && i >= 0 && i <= SD_MONEY_MAX) {
			*AT(rec, f, int64_t) = i;
			return true;
		}
		return !(f->info.flags & SD_FF_STRICT);
	case SD_FK_SUBJECT:
		if (n >= 1 && n <= 17) {
			memcpy(AT(rec, f, uint8_t), p, n);
			*(size_t *)(void *)((char *)rec + f->len_off) = n - 1;
		}
		return true;
	}
	return true;
}

static bool
present(const struct sd_field_def *f, const void *rec)
{
	switch (f->info.kind) {
	case SD_FK_TEXT:
	case SD_FK_LIST:
		return *CAT(rec, f, char *) != NULL;
	case SD_FK_DAY:
		return *CAT(rec, f, int32_t) != INT32_MIN;
	default:
		return !is_zero(f, rec);
	}
}

bool
sd_rec_decode(const struct sd_record_def *def, const void *data, size_t n, void *rec)
{
	struct sd_rec_reader r;
	const uint8_t *p;
	uint8_t tag;
	size_t len;

	memset(rec, 0, def->size);
	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].info.kind == SD_FK_DAY)
			*AT(rec, &def->fields[i], int32_t) = INT32_MIN;	/* SD_NO_DAY */
	if (!sd_rec_open(&r, data, n, def->type))
		return false;
	while (sd_rec_next(&r, &tag, &p, &len)) {
		const struct sd_field_def *f = field_by_tag(def, tag);

		/* Tags a later schema added are skipped. */
		if (f != NULL && !decode_field(f, p, len, rec))
			r.bad = true;
	}
	for (size_t i = 0; i < def->nfields && !r.bad; i++)
		if ((def->fields[i].info.flags & SD_FF_REQUIRED) && !present(&def->fields[i], rec))
			r.bad = true;
	/* A record that cannot be read leaves nothing to free, whoever forgets to. */
	if (r.bad)
		sd_rec_free(def, rec);
	return !r.bad;
}

void
sd_rec_free(const struct sd_record_def *def, void *rec)
{
	for (size_t i = 0; i < def->nfields; i++) {
		const struct sd_field_def *f = &def->fields[i];
		if (f->info.kind == SD_FK_TEXT || f->info.kind == SD_FK_LIST)
			free(*AT(rec, f, char *));
	}
	memset(rec, 0, def->size);
}

void
sd_rec_copy(const struct sd_record_def *def, void *dst, const void *src)
{
	memcpy(dst, src, def->size);
	for (size_t i = 0; i < def->nfields; i++) {
		const struct sd_field_def *f = &def->fields[i];
		if (f->info.kind == SD_FK_TEXT || f->info.kind == SD_FK_LIST)
			*AT(dst, f, char *) = sd_xstrdup(*CAT(src, f, char *));
	}
}
