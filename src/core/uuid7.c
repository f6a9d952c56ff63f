/*
 * Time-ordered ids (UUID version 7: 48 bits of Unix milliseconds, a
 * sequence, random bits) for new records.  The ids of records made one
 * after another rise, so the record tables and the indexes keyed by the
 * id take them at their right edge instead of on a random page each: a
 * bulk chunk then dirties a few pages of the table instead of nearly all
 * of them (at 100,000 enterprises a random id put every chunk's rows on
 * most of the table's 15,000 pages).  Still unique (a sequence per
 * millisecond and 48 random bits) and telling nothing of the machine.
 *
 * The random bits come from the kernel 4 KiB at a time, kept in this
 * process: libuuid's uuid_generate_random made a getrandom call and
 * reseeded random(3) for every id (4 % of a case import).  A child of a
 * fork starts with an empty pool, so that parent and child never hand
 * out the same bytes; bytes handed out are wiped from the pool.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "internal.h"

static uint8_t	pool[4096];
static size_t	pool_left;	/* the unused bytes: pool[0 .. pool_left) */

static void
pool_forget(void)
{
	explicit_bzero(pool, sizeof pool);
	pool_left = 0;
}

static void
once_atfork(void)
{
	(void)pthread_atfork(NULL, NULL, pool_forget);
}

static void
pool_fill(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	size_t have = 0;

	(void)pthread_once(&once, once_atfork);
	while (have < sizeof pool) {
		ssize_t n = getrandom(pool + have, sizeof pool - have, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			abort();	/* no kernel randomness: no id may be made */
		have += (size_t)n;
	}
	pool_left = sizeof pool;
}

/* n bytes from the kernel's CSPRNG, through the pool. */
static void
random_bytes(uint8_t *out, size_t n)
{
	while (n > 0) {
		size_t k;

		if (pool_left == 0)
			pool_fill();
		k = n < pool_left ? n : pool_left;
		pool_left -= k;
		memcpy(out, pool + pool_left, k);
		explicit_bzero(pool + pool_left, k);
		out += k;
		n -= k;
	}
}

void
sd_uuid7(uint8_t id[SD_UUID_LEN])
{
	static uint64_t last_ms;
	static unsigned seq;
	struct timespec ts;
	uint64_t ms;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (ms <= last_ms)
		ms = last_ms;	/* the same millisecond (or a clock set back): the sequence goes on */
	else
		seq = 0;
	last_ms = ms;
	/* Bytes 0-7 are the time and the sequence: 8 random bytes are enough. */
	random_bytes(id + 8, 8);
	for (int i = 0; i < 6; i++)
		id[i] = (uint8_t)(ms >> (40 - 8 * i));
	/* 12 bits of sequence after the version nibble, then 2 more in byte 8. */
	id[6] = (uint8_t)(0x70 | ((seq >> 10) & 0x0F));
	id[7] = (uint8_t)(seq >> 2);
	id[8] = (uint8_t)(0x80 | ((seq & 0x03) << 4) | (id[8] & 0x0F));
	if (++seq == 1 << 14) {
		/* 16384 in one millisecond: take the next one. */
		last_ms++;
		seq = 0;
	}
}
