/*
 * Time-ordered ids (UUID version 7: 48 bits of Unix milliseconds, a
 * sequence, random bits) for new records.  The ids of records made one
 * after another rise, so the record tables and the indexes keyed by the
 * id take them at their right edge instead of on a random page each: a
 * bulk chunk then dirties a few pages of the table instead of nearly all
 * of them (at 100,000 enterprises a random id put every chunk's rows on
 * most of the table's 15,000 pages).  Still unique (a sequence per
 * millisecond and 48 random bits) and telling nothing of the machine.
 */
#include <stdint.h>
#include <time.h>
#include <uuid/uuid.h>

#include "internal.h"

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
	uuid_generate_random(id);
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
