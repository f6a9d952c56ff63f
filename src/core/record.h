/*
 * Record encoding: a format byte, a type byte, then fields as
 * tag (1 byte) + length (LEB128) + bytes.  Readers skip tags they do not
 * know and use defaults for tags that are absent, so a later schema can add
 * fields without rewriting old records.  Integers are LEB128 (zig-zag for
 * signed) inside the field bytes; strings are stored without their NUL.
 */
#ifndef SEDESK_RECORD_H
#define SEDESK_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/text.h"

#define SD_REC_FORMAT 1

enum sd_rec_type {
	SD_REC_ENTERPRISE = 'E',
	SD_REC_CASE = 'C',
	SD_REC_ROUTE = 'R',
	SD_REC_JOURNAL = 'J',
};

void	sd_rec_begin(struct sd_buf *b, enum sd_rec_type type);
void	sd_rec_bytes(struct sd_buf *b, uint8_t tag, const void *p, size_t n);
void	sd_rec_str(struct sd_buf *b, uint8_t tag, const char *s);	/* NULL: omitted */
void	sd_rec_u64(struct sd_buf *b, uint8_t tag, uint64_t v);
void	sd_rec_i64(struct sd_buf *b, uint8_t tag, int64_t v);

struct sd_rec_reader {
	const uint8_t	*p, *end;
	bool		 bad;		/* set when the bytes are malformed */
};

/* Starts reading; false (and r->bad) when the header is not of this type. */
bool	sd_rec_open(struct sd_rec_reader *r, const void *data, size_t n, enum sd_rec_type type);
/* Next field: true with tag, p, n; false at the end or on malformed data (r->bad). */
bool	sd_rec_next(struct sd_rec_reader *r, uint8_t *tag, const uint8_t **p, size_t *n);

/* Field decoders; false when the field bytes are malformed. */
char	*sd_rec_as_str(const uint8_t *p, size_t n);	/* malloc'd copy */
bool	sd_rec_as_u64(const uint8_t *p, size_t n, uint64_t *out);
bool	sd_rec_as_i64(const uint8_t *p, size_t n, int64_t *out);

#endif
