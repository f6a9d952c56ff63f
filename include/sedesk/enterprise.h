/*
 * The enterprise register.
 */
#ifndef SEDESK_ENTERPRISE_H
#define SEDESK_ENTERPRISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk.h"

#define SD_UUID_LEN 16
#define SD_UUID_STR 37		/* 36 characters and NUL */

/* Text fields, in record-tag order; also the CSV and CLI field names. */
enum sd_ent_field {
	SD_EF_NAME,
	SD_EF_NUMBER,
	SD_EF_LEGAL_FORM,
	SD_EF_EMAIL,
	SD_EF_PHONE,
	SD_EF_STREET,
	SD_EF_POSTCODE,
	SD_EF_CITY,
	SD_EF_TAGS,		/* comma-separated */
	SD_EF_OFFERS,		/* comma-separated */
	SD_EF_CONTACTS,		/* free text of old records: "notes on contacts" */
	SD_EF_NOTES,
	/* The profile (sedesk/profile.h). */
	SD_EF_KIND,		/* a code of the kinds list */
	SD_EF_RECOGNITIONS,	/* items: name, since */
	SD_EF_NACE,		/* items: code, version, main */
	SD_EF_NEEDS,		/* comma-separated, as offers */
	SD_EF_PERSONS,		/* items: name, role, email, phone, lang */
	SD_EF_EMPLOYMENT,	/* one item: target, fte, known */
	/*
	 * From the KBO open data (kbo.h; `enterprise import-kbo` keeps them
	 * current).  Descriptions come from the extract's code.csv; the
	 * multiline ones hold one item a line, those of an entity starting
	 * with its number ("2.000.000.339 Vestigingseenheid: ...").
	 */
	SD_EF_ALT_NAMES,	/* abbreviations and commercial names, one a line */
	SD_EF_KBO_TYPE,		/* natural or legal person, in words */
	SD_EF_SITUATION,	/* the juridical situation, in words */
	SD_EF_START_DATE,	/* yyyy-mm-dd */
	SD_EF_ADDRESSES,	/* seat and establishments, one a line */
	SD_EF_KBO_CONTACTS,	/* a legal person's phone, e-mail, web, one a line */
	SD_EF_KBO_PERSON_CONTACTS, /* the same of a natural person: personal data */
	SD_EF_ACTIVITIES,	/* NACE codes with their labels, one a line */
	SD_EF_CEASED,		/* yyyy-mm-dd: no longer in the KBO extract of that day */
	SD_EF_COUNT
};

struct sd_enterprise {
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	int64_t		 created, updated;
	char		*f[SD_EF_COUNT];	/* NULL when empty */
};

/* "name", "number", "legal_form", …; and back (-1 when unknown). */
const char *sd_ent_field_name(enum sd_ent_field f);
int	sd_ent_field_parse(const char *name);
/* Longest accepted value of a field, in bytes. */
size_t	sd_ent_field_max(enum sd_ent_field f);
/* The field in words for messages ("the city"), translated. */
const char *sd_ent_field_label(enum sd_ent_field f);
/* True for the fields of several lines (contacts, notes); the others are one line. */
bool	sd_ent_field_multiline(enum sd_ent_field f);

void	sd_enterprise_free(struct sd_enterprise *e);

void	sd_uuid_format(const uint8_t id[SD_UUID_LEN], char out[SD_UUID_STR]);
bool	sd_uuid_parse(const char *s, uint8_t out[SD_UUID_LEN]);

/*
 * Adds an enterprise from the given fields (f[SD_EF_NAME] required);
 * validates and normalises the number, checks it is unique, writes the
 * record, its indexes and a journal entry.  Writes the new id to id_out.
 */
sd_status sd_enterprise_add(struct sd_desk *d, char *const f[SD_EF_COUNT],
    uint8_t id_out[SD_UUID_LEN], struct sd_error *err);

/*
 * Changes the fields whose entries in f are non-NULL ("" clears).  With
 * expect_version non-zero, fails with SD_CONFLICT when the record moved on.
 */
sd_status sd_enterprise_edit(struct sd_desk *d, const char *ref, char *const f[SD_EF_COUNT],
    uint32_t expect_version, struct sd_error *err);

/* Finds by id or by number in any spelling. */
sd_status sd_enterprise_get(struct sd_desk *d, const char *ref, struct sd_enterprise *out,
    struct sd_error *err);

/*
 * A page of enterprises by name (accent-insensitive), optionally with a
 * tag.  For the next page pass the previous page's `next` as from (NULL or
 * an empty cursor: the first page).
 */
struct sd_ent_cursor {
	uint8_t	key[512];
	size_t	len;
};
struct sd_enterprise_list {
	struct sd_enterprise	*items;
	size_t			 n;
	bool			 more;
	struct sd_ent_cursor	 next;
};
sd_status sd_enterprise_list(struct sd_desk *d, const char *tag,
    const struct sd_ent_cursor *from, size_t limit, struct sd_enterprise_list *out,
    struct sd_error *err);
void	sd_enterprise_list_free(struct sd_enterprise_list *l);

/*
 * Enterprises for a picker: a number in any spelling finds that one;
 * otherwise every word of query must start a word of the name (accent-
 * and case-insensitive), so "zonne caf" finds "Café De Zonnebloem".
 * Reads the word index, not the register.
 */
sd_status sd_enterprise_find(struct sd_desk *d, const char *query, size_t limit,
    struct sd_enterprise_list *out, struct sd_error *err);

/*
 * Import: rows of fields added in one transaction.  A row that fails is
 * reported through reject (with its index) and skipped; with strict, any
 * rejected row makes the whole import change nothing.
 */
struct sd_import_row {
	char	*f[SD_EF_COUNT];
	long	 line;		/* where it started in the file, for messages */
};
typedef void (*sd_reject_fn)(void *arg, long line, const char *why);
sd_status sd_enterprise_import(struct sd_desk *d, struct sd_import_row *rows, size_t nrows,
    bool strict, sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected,
    struct sd_error *err);

#endif
