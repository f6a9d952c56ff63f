/*
 * The fields of a record, as its field table describes them: what the
 * fronts show and write (JSON, forms) without knowing the record's layout.
 * One table per record type (the core's record.h) says each field's tag,
 * kind, limits, stable name, label and whether it is searchable or
 * personal data; the codec, validation, journal and `check` use the same.
 */
#ifndef SEDESK_FIELDS_H
#define SEDESK_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sd_record_kind {
	SD_RECORD_ENTERPRISE,	/* struct sd_enterprise */
	SD_RECORD_CASE,		/* struct sd_case */
	SD_RECORD_ROUTE,	/* struct sd_route */
	SD_RECORD_JOURNAL,	/* struct sd_journal_entry */
	SD_RECORD_EVENT,	/* struct sd_event */
	SD_RECORD_ATTENDANCE,	/* struct sd_attendance */
	SD_RECORD_MOMENT,	/* struct sd_moment */
	SD_RECORD_OPPORTUNITY,	/* struct sd_opportunity */
	SD_RECORD_KIND_COUNT
};

enum sd_field_kind {
	SD_FK_TEXT,	/* char *, NULL when empty */
	SD_FK_LIST,	/* char *, a comma-separated list */
	SD_FK_ID,	/* uint8_t[16], a UUID */
	SD_FK_COUNT,	/* uint32_t: versions, rounds */
	SD_FK_CHOICE,	/* an enum with stable names; 0 is "none" */
	SD_FK_SMALL,	/* int from 0 to max (0: not given) */
	SD_FK_TIME,	/* int64_t seconds since 1970 (0: not yet) */
	SD_FK_DAY,	/* sd_day (SD_NO_DAY: none) */
	SD_FK_SUBJECT,	/* a journal entry's subject: kind byte and key */
	SD_FK_MONEY,	/* int64_t cents (sedesk/money.h) */
};

/* Properties of a field (struct sd_field_info.flags). */
#define SD_FF_MULTILINE	0x01	/* text of several lines; else one line */
#define SD_FF_SEARCH	0x02	/* its words go in the search index */
#define SD_FF_PERSONAL	0x04	/* names or describes a person */
#define SD_FF_EDIT	0x08	/* people change it by editing (forms, `edit`) */
#define SD_FF_REQUIRED	0x10	/* a record without it cannot be read */
#define SD_FF_OMIT_ZERO	0x20	/* not written while 0 */
#define SD_FF_STRICT	0x40	/* a malformed value makes the record unreadable */
#define SD_FF_NONEMPTY	0x80	/* input may not leave it empty (stored records may) */
#define SD_FF_JOURNAL	0x100	/* an edit of it is journaled with old and new value */
#define SD_FF_SUMMARY	0x200	/* shown where a list shows the record in one line */
#define SD_FF_ITEMS	0x400	/* TEXT of items in profile.h's format (JSON: objects) */

struct sd_field_info {
	const char	*name;		/* stable: JSON key, journal, CLI */
	const char	*label;		/* untranslated (N_()); see sd_field_label */
	enum sd_field_kind kind;
	unsigned	 flags;
	size_t		 max;		/* text: bytes; choice: count; small: largest */
};

/* The translated label of a field ("the city"). */
const char *sd_field_label(const struct sd_field_info *f);

/* One field's value in a record. */
struct sd_field_value {
	const struct sd_field_info *info;
	const char	*text;	/* TEXT, LIST: NULL when empty; CHOICE: its stable name */
	const uint8_t	*bytes;	/* ID: 16 bytes; SUBJECT: the key (n bytes) */
	size_t		 n;
	int64_t		 num;	/* COUNT, CHOICE, SMALL, TIME, DAY; SUBJECT: its kind */
};

/* Walks a record's fields in table order: for JSON, forms, diffs. */
struct sd_field_iter {
	enum sd_record_kind kind;
	const void	*rec;
	size_t		 i;
};
void	sd_record_fields(enum sd_record_kind kind, const void *rec, struct sd_field_iter *it);
bool	sd_field_next(struct sd_field_iter *it, struct sd_field_value *v);

/* The table itself: number of fields and one by index, or by stable name (NULL: none). */
size_t	sd_record_nfields(enum sd_record_kind kind);
const struct sd_field_info *sd_record_field(enum sd_record_kind kind, size_t i);
const struct sd_field_info *sd_record_field_named(enum sd_record_kind kind, const char *name);

/*
 * Which fields differ between two versions a and b of a record: writes up
 * to max of them to out (table order) and returns how many differ.  Only
 * fields with every flag of mask are compared (SD_FF_EDIT: what people
 * edit, for a form's conflict message; 0: every field).
 */
size_t	sd_record_diff(enum sd_record_kind kind, const void *a, const void *b, unsigned mask,
    const struct sd_field_info **out, size_t max);

#endif
