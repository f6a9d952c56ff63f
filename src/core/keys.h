/*
 * Building index keys from typed parts (big-endian integers, strings
 * ended by NUL) so that LMDB's byte order is the order lists need.
 * Internal to the core.
 */
#ifndef SEDESK_KEYS_H
#define SEDESK_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Longest key part kept from a string (LMDB keys are at most 511 bytes). */
#define SD_KEY_STR_MAX 200

struct sd_key {
	uint8_t	b[511];
	size_t	len;
};

static inline void
sd_key_reset(struct sd_key *k)
{
	k->len = 0;
}

static inline void
sd_key_bytes(struct sd_key *k, const void *p, size_t n)
{
	if (n > sizeof k->b - k->len)
		n = sizeof k->b - k->len;
	memcpy(k->b + k->len, p, n);
	k->len += n;
}

static inline void
sd_key_u8(struct sd_key *k, uint8_t v)
{
	sd_key_bytes(k, &v, 1);
}

static inline void
sd_key_u32(struct sd_key *k, uint32_t v)
{
	uint8_t b[4] = { v >> 24, v >> 16, v >> 8, v };
	sd_key_bytes(k, b, 4);
}

static inline void
sd_key_u64(struct sd_key *k, uint64_t v)
{
	sd_key_u32(k, (uint32_t)(v >> 32));
	sd_key_u32(k, (uint32_t)v);
}

/* Signed 32-bit value in an order-preserving form (sign bit flipped). */
static inline void
sd_key_i32(struct sd_key *k, int32_t v)
{
	sd_key_u32(k, (uint32_t)v ^ 0x80000000u);
}

/* A string part, cut at SD_KEY_STR_MAX bytes, ended by NUL. */
static inline void
sd_key_str(struct sd_key *k, const char *s)
{
	size_t n = strlen(s);
	sd_key_bytes(k, s, n > SD_KEY_STR_MAX ? SD_KEY_STR_MAX : n);
	sd_key_u8(k, 0);
}

static inline uint64_t
sd_be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static inline uint32_t
sd_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * Two keys in LMDB's default order (mdb_cmp_memn): bytes, then the
 * shorter first.  For walks of a table that compare outside LMDB.
 */
static inline int
sd_key_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* A signed number as sd_key_i32 wrote it (a day, most often). */
static inline int32_t
sd_key_get_i32(const uint8_t *p)
{
	return (int32_t)(sd_be32(p) ^ 0x80000000u);
}

#endif
