/*
 * The enterprise's profile: its kind, recognitions, NACE-BEL activity
 * codes, contact persons and employment figures (offers and needs are
 * plain lists of the record).
 *
 * Storage.  Each structured field is a text field of the enterprise's
 * field table (enterprise.h) holding one item per line in one strict
 * format, read and written by one codec (sd_items_*):
 *
 *	key=value;key=value
 *
 * keys are lower-case letters; in a value '\' is written "\\" and ';'
 * is written "\;" (a value never holds a line break).  The canonical text
 * has the keys in a fixed order per field and no empty values, so two
 * equal profiles are equal bytes (edits journal only what changed):
 *
 *	recognitions	name=maatwerkbedrijf;since=2019-01-01
 *	nace		code=81.300;version=2008;main=1
 *	persons		name=An Peeters;role=coördinator;email=an@x.be;phone=09 1;lang=nl
 *	employment	target=12;fte=10.50;known=2024-05-01	(one line)
 *
 * FTE are whole hundredths (struct sd_employment.fte: 1050), written
 * with their two decimals: exact, no floating point anywhere.
 *
 * So old records (without these tags) read as before, JSON turns the
 * lines into arrays of objects, the journal says what changed in words
 * and `check` validates every line.
 */
#ifndef SEDESK_PROFILE_H
#define SEDESK_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/config.h"
#include "sedesk/date.h"
#include "sedesk/enterprise.h"
#include "sedesk/status.h"

/* --- the codec --------------------------------------------------------------- */

struct sd_item_kv {
	char	*key;
	char	*value;
};
struct sd_item {
	struct sd_item_kv *kv;
	size_t	 n;
};
struct sd_items {
	struct sd_item	*items;
	size_t		 n;
};

/* Reads text (NULL: no items); SD_INVALID naming the line when malformed. */
sd_status sd_items_parse(const char *text, struct sd_items *out, struct sd_error *err);
/* One item from one line; the same rules. */
sd_status sd_item_parse(const char *line, struct sd_item *out, struct sd_error *err);
/* The value of key in an item, NULL when absent. */
const char *sd_item_get(const struct sd_item *it, const char *key);
/* Appends key=value to an item (copies; an empty or NULL value is left out). */
void	sd_item_set(struct sd_item *it, const char *key, const char *value);
/* Writes one item in the codec's format to b (no newline). */
struct sd_buf;
void	sd_item_format(struct sd_buf *b, const struct sd_item *it);
void	sd_item_free(struct sd_item *it);
void	sd_items_free(struct sd_items *items);

/* --- kinds and recognitions ----------------------------------------------------- */

/*
 * The codes offered, in order: the configuration's [profile] kinds or
 * recognitions, or the built-in lists when it has none.  sd_profile_code
 * gives the i-th (false past the end) with its label in the user's
 * language.
 */
enum sd_code_list { SD_LIST_KINDS, SD_LIST_RECOGNITIONS };
bool	sd_profile_code(const struct sd_config *cfg, enum sd_code_list l, size_t i,
	    const char **code, const char **label);
/* The label of a code (the code itself when the list does not know it). */
const char *sd_profile_code_label(const struct sd_config *cfg, enum sd_code_list l,
	    const char *code);
bool	sd_profile_code_known(const struct sd_config *cfg, enum sd_code_list l,
	    const char *code);

/* --- typed items ------------------------------------------------------------------ */

struct sd_recognition {
	char	*name;		/* a code of the recognitions list */
	sd_day	 since;
};

#define SD_NACE_CODE_MAX 8	/* "81.300" and NUL */
struct sd_nace {
	char	 code[SD_NACE_CODE_MAX];	/* "81", "81.3", "81.30", "81.300" */
	int	 version;			/* 2008, 2025 or 2003 */
	bool	 main;				/* the main activity (at most one) */
};

struct sd_person {
	char	*name;		/* required */
	char	*role, *email, *phone;
	char	 lang[3];	/* nl, en, fr, de or "" */
};

/* Every figure optional: -1 when not known. */
struct sd_employment {
	long	 target;	/* target-group employees */
	long	 fte;		/* full-time equivalents in hundredths (10.5 FTE: 1050) */
	sd_day	 known;		/* the day they were known (SD_NO_DAY) */
};

/*
 * The items of a stored field (text may be NULL: none).  They fail with
 * SD_INVALID and a message naming the field and line when a line breaks
 * the field's rules; cfg (may be NULL: the built-in lists) says which
 * kinds and recognitions are known.
 */
sd_status sd_recognitions_read(const struct sd_config *cfg, const char *text,
	    struct sd_recognition **out, size_t *n, struct sd_error *err);
sd_status sd_nace_read(const char *text, struct sd_nace **out, size_t *n, struct sd_error *err);
sd_status sd_persons_read(const char *text, struct sd_person **out, size_t *n,
	    struct sd_error *err);
sd_status sd_employment_read(const char *text, struct sd_employment *out,
	    struct sd_error *err);
void	sd_recognitions_free(struct sd_recognition *r, size_t n);
void	sd_persons_free(struct sd_person *p, size_t n);

/* And back: the canonical text (malloc'd; NULL when there are none). */
char	*sd_recognitions_text(const struct sd_recognition *r, size_t n);
char	*sd_nace_text(const struct sd_nace *c, size_t n);
char	*sd_persons_text(const struct sd_person *p, size_t n);
char	*sd_employment_text(const struct sd_employment *e);

/*
 * Checks and normalises a profile field's value as given (kind: a code;
 * the structured ones: their text, items in any key order) into its
 * canonical text (*out malloc'd, NULL when empty).  The enterprise's add,
 * edit and import and `check` use it.
 */
sd_status sd_profile_normalise(const struct sd_config *cfg, enum sd_ent_field f,
	    const char *in, char **out, struct sd_error *err);
/* True for the fields normalised by it. */
bool	sd_profile_field(enum sd_ent_field f);

/* --- NACE-BEL ---------------------------------------------------------------------- */

/*
 * A code as people type it ("81.300", "81300", "81.30", "81") into its
 * one spelling ("81.300"); SD_INVALID with a message when it is not 2 to
 * 5 digits or its division does not exist.
 */
sd_status sd_nace_normalise(const char *in, char out[SD_NACE_CODE_MAX], struct sd_error *err);
/* "81.300" or "81.300:2025" (the version after a colon; default 2008; 2003 refused). */
sd_status sd_nace_parse(const char *in, struct sd_nace *out, struct sd_error *err);

/*
 * The label of a code in lang ("nl" or "en"; NULL: the user's language),
 * the best that is known: the full label of its version from an imported
 * code table (none yet: the KBO import will add it here), else, for a
 * 2008 code, the label of its division from the shipped table.  NULL
 * when none is known: labels are never made up.  *exact says whether the
 * label is the code's own (false: its division's).
 */
const char *sd_nace_label(const char *code, int version, const char *lang, bool *exact);

/* The shipped sections and divisions (share/nace/nace-bel.csv), for pickers. */
struct sd_nace_row {
	const char	*code;		/* "A" or "01" */
	char		 section;	/* 'A' */
	const char	*nl, *en;	/* nl may be "" (then en is shown) */
};
size_t	sd_nace_rows(const struct sd_nace_row **rows);
/*
 * Whether a row matches what someone typed: every word must start its
 * code ("81", "8") or a word of its Dutch or English label ("schoonmaak",
 * "cleaning"; accents and case ignored).  A single letter also finds the
 * section's divisions.
 */
bool	sd_nace_row_matches(const struct sd_nace_row *row, const char *query);

/* --- item by item (the command line) ------------------------------------------------- */

/*
 * Changes to the structured fields one item at a time: recognitions as
 * "NAME=YYYY-MM-DD" (adds, or sets that recognition's day), NACE codes as
 * "CODE[:VERSION]" (adds a secondary one; main_nace: this one is the main
 * activity and the former main one secondary), persons as items
 * "name=…;role=…;email=…;phone=…;lang=…" (adds, or replaces the person of
 * that name); the no_ lists remove by name or code (SD_INVALID when
 * there is none).
 */
struct sd_profile_ops {
	const char	**recognitions, **no_recognitions, **nace, **no_nace, **persons,
			**no_persons;
	size_t		 nrecognitions, nno_recognitions, nnace, nno_nace, npersons,
			 nno_persons;
	const char	*main_nace;
};
/*
 * Applies ops to the current fields of cur (NULL: a new enterprise):
 * out[f] becomes the field's whole new text for each field the ops touch
 * ("" when it ends empty; malloc'd), NULL for the others.  Every item is
 * checked; on an error nothing is set.
 */
sd_status sd_profile_apply(const struct sd_config *cfg, const struct sd_enterprise *cur,
	    const struct sd_profile_ops *ops, char *out[SD_EF_COUNT], struct sd_error *err);

/*
 * The recognitions and NACE codes on one line, as a form shows them and
 * the command line's options spell each item: "maatwerkbedrijf=2019-01-01,
 * lde=2021-06-01" and "*81.300, 56.101:2025" (a '*' before the main
 * activity).  _line gives the line (malloc'd, "" when none); _from_line
 * reads one back into the stored text (*text malloc'd, "" when none),
 * checked as the options are.
 */
char	*sd_recognitions_line(const char *text);
sd_status sd_recognitions_from_line(const struct sd_config *cfg, const char *line, char **text,
	    struct sd_error *err);
char	*sd_nace_line(const char *text);
sd_status sd_nace_from_line(const char *line, char **text, struct sd_error *err);

/* --- for other modules --------------------------------------------------------------- */

/*
 * An enterprise's recognitions with their days, in the order stored
 * (the timeline shows them); lines that cannot be read are skipped.
 * Free with sd_recognitions_free.
 */
sd_status sd_enterprise_recognitions(const struct sd_enterprise *e,
	    struct sd_recognition **out, size_t *n);

/*
 * A change of a profile field in words, appended to b ("added: erkend
 * maatwerkbedrijf since 2019-01-01; removed: …"); false when field is
 * not a structured profile field.
 */
bool	sd_profile_change_words(const struct sd_config *cfg, const char *field,
	    const char *old, const char *new, struct sd_buf *b);

/* One item of a field in words, appended to b ("81.300 Services to buildings (main)"). */
void	sd_recognition_words(const struct sd_config *cfg, const struct sd_recognition *r,
	    struct sd_buf *b);
void	sd_nace_words(const struct sd_nace *c, struct sd_buf *b);
/* The same, with the label the enterprise's activities give when sedesk has none. */
void	sd_nace_words_with(const struct sd_nace *c, const char *activities, struct sd_buf *b);
void	sd_person_words(const struct sd_person *p, struct sd_buf *b);
void	sd_employment_words(const struct sd_employment *e, struct sd_buf *b);
/* "10.50" from 1050. */
void	sd_fte_format(long hundredths, char out[24]);
/* "10.5", "10,50", "3": one or two decimals; false otherwise. */
bool	sd_fte_parse(const char *s, long *out);

#endif
