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

#include "sedesk/fields.h"
#include "sedesk/text.h"

#define SD_REC_FORMAT 1

enum sd_rec_type {
	SD_REC_ENTERPRISE = 'E',
	SD_REC_CASE = 'C',
	SD_REC_ROUTE = 'R',
	SD_REC_JOURNAL = 'J',
	SD_REC_EVENT = 'V',
	SD_REC_ATTENDANCE = 'A',
	SD_REC_MOMENT = 'M',
	/* Opportunities (opportunity_store.c). */
	SD_REC_OPPORTUNITY = 'O',
	SD_REC_OPP_LOT = 'L',
	SD_REC_OPP_INVITE = 'I',
	SD_REC_OPP_RESPONSE = 'P',
	SD_REC_OPP_AWARD = 'W',
	SD_REC_OPP_SROI = 'S',
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

/*
 * Field tables: one row per field of a record type, in tag order.  The
 * generic encoder writes the fields in that order (so the bytes are those
 * the hand-written encoders wrote); the decoder fills a zeroed struct,
 * skips tags it does not know and keeps the last of a repeated tag.
 * Adding a field to a record is adding a row (and a struct member).
 */
struct sd_field_def {
	struct sd_field_info info;
	uint8_t		 tag;
	size_t		 off;		/* offsetof the member in the record struct */
	/*
	 * SUBJECT: offsetof the key's length member (size_t); the key
	 * (uint8_t[16]) follows the kind byte at off.
	 */
	size_t		 len_off;
	const char	*(*choice_name)(int);	/* CHOICE: the stable names */
	/*
	 * TEXT: the field's own rule after the generic checks, on a non-empty
	 * value *v (malloc'd; may replace it); in is the value as given.
	 */
	sd_status	(*normalise)(const struct sd_field_info *fi, const char *in, char **v,
			    struct sd_error *err);
};

struct sd_record_def {
	enum sd_rec_type	 type;
	const struct sd_field_def *fields;
	size_t			 nfields;
	size_t			 size;		/* sizeof the record struct */
};

/* A record type's definition from its rows and its struct. */
#define SD_RECORD_DEF(type, rows, rtype) \
	{ (type), (rows), sizeof (rows) / sizeof (rows)[0], sizeof(rtype) }

extern const struct sd_record_def sd_ent_record, sd_case_record, sd_route_record,
    sd_journal_record;
extern const struct sd_record_def sd_event_record, sd_attendance_record;
extern const struct sd_record_def sd_moment_record;
extern const struct sd_record_def sd_opp_record, sd_opp_lot_record, sd_opp_invite_record,
    sd_opp_response_record, sd_opp_award_record, sd_opp_sroi_record;
const struct sd_record_def *sd_record_def(enum sd_record_kind kind);

/* Writes rec as a record of def's type (b is reset first). */
void	sd_rec_encode(struct sd_buf *b, const struct sd_record_def *def, const void *rec);
/*
 * Reads a record into rec (zeroed first; days absent are SD_NO_DAY).
 * False when the bytes are malformed, a REQUIRED field is absent or a
 * STRICT one malformed; rec is then freed and zeroed (freeing it again
 * does no harm).
 */
bool	sd_rec_decode(const struct sd_record_def *def, const void *data, size_t n, void *rec);
/* Frees the text fields of rec and zeroes it. */
void	sd_rec_free(const struct sd_record_def *def, void *rec);
/* dst becomes a deep copy of src (the whole struct, text fields duplicated). */
void	sd_rec_copy(const struct sd_record_def *def, void *dst, const void *src);

/* The row of a field by stable name (NULL: none). */
const struct sd_field_def *sd_rec_field(const struct sd_record_def *def, const char *name);
/* Whether a field's value differs between a and b ("" and absent are the same). */
bool	sd_rec_differs(const struct sd_field_def *f, const void *a, const void *b);
/*
 * A field's value as the journal writes it: text as it is (NULL when
 * empty), a choice's stable name, a day as YYYY-MM-DD, numbers in digits
 * (in buf).
 */
/* Room for a value's text in buf: a whole UUID (36) and its NUL. */
#define SD_REC_TEXT_MAX	40
const char *sd_rec_text(const struct sd_field_def *f, const void *rec, char buf[SD_REC_TEXT_MAX]);

#endif
