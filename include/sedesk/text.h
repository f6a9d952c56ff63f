/*
 * Text helpers: a growable byte buffer, Unicode folding for indexes and
 * search, and making outside text safe to show on a terminal.
 * All strings are UTF-8.
 */
#ifndef SEDESK_TEXT_H
#define SEDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "status.h"

/* A growable, always NUL-terminated byte buffer.  Zero-initialise to use. */
struct sd_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

/* sd_buf_add when the buffer must grow first (text.c). */
void	sd_buf_add_grow(struct sd_buf *b, const void *p, size_t n);
/*
 * Appends n bytes of p.  Inline where there is room: the record encoder
 * and the index writers append a few bytes millions of times in an import.
 */
static inline void
sd_buf_add(struct sd_buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len) {
		if (n > 0)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	sd_buf_add_grow(b, p, n);
}
void	sd_buf_adds(struct sd_buf *b, const char *s);
void	sd_buf_addf(struct sd_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	sd_buf_reset(struct sd_buf *b);	/* len = 0, keeps the memory */
void	sd_buf_free(struct sd_buf *b);
/* Hands the data to the caller (never NULL; "" when empty) and resets b. */
char	*sd_buf_take(struct sd_buf *b);

/* Allocation that exits with a message on out-of-memory (never returns NULL). */
void	*sd_xmalloc(size_t n);
void	*sd_xcalloc(size_t n, size_t size);
void	*sd_xrealloc(void *p, size_t n);
char	*sd_xstrdup(const char *s);	/* NULL in, NULL out */
char	*sd_xstrndup(const char *s, size_t n);

/* True when s (of n bytes) is valid UTF-8. */
bool	sd_utf8_valid(const char *s, size_t n);

/*
 * Folds s for comparison and indexing: NFKD, case-folded, combining marks
 * (accents) removed, so "Café" and "CAFE" both give "cafe" and
 * "Coöperatie" gives "cooperatie".  Returns a malloc'd string; invalid
 * UTF-8 bytes are dropped.
 */
char	*sd_fold(const char *s);

/*
 * Finds folded (a string as sd_fold gives it) in text, compared as
 * sd_fold would compare them ("Helene" finds "HÉLÈNE"), from byte from
 * on: true with the match's bytes in text, [*start, *end), whole
 * characters, with the combining marks that follow its last one.  So a
 * match can be cut out of the text as the reader sees it.
 */
bool	sd_fold_find(const char *text, size_t from, const char *folded, size_t *start,
	    size_t *end);

/*
 * Makes text safe for a terminal: C0 controls (except, when keep_newlines,
 * '\n' and '\t'), DEL and C1 controls are written visibly as ^X, ^? or
 * <U+0085>; invalid UTF-8 bytes as <XX>.  Format characters (Unicode
 * category Cf: bidi overrides, isolates and marks, zero-width spaces, the
 * BOM, …) and the line and paragraph separators U+2028/U+2029 are written
 * as <U+202E>, so that one user's text cannot reorder or hide what another
 * reads; only a zero-width joiner or non-joiner between two characters of
 * a script that needs it (Arabic, Indic, emoji sequences) is kept.
 * Returns a malloc'd string.
 */
char	*sd_visible(const char *s, bool keep_newlines);
/*
 * The columns the visible form of s takes on a terminal (0 for combining
 * marks, 2 for wide characters): what aligns text in columns, where
 * printf's widths count bytes.
 */
int	sd_text_width(const char *s);
/* Appends s and spaces up to width columns (none when s is wider). */
void	sd_buf_add_padded(struct sd_buf *b, const char *s, int width);

/*
 * Refuses (SD_INVALID, with a message naming the field by label) a value
 * of a single-line field that holds a line break ('\n', '\r', VT, FF,
 * U+0085, U+2028, U+2029), a tab or another control character, or is not
 * valid UTF-8.  NULL and "" pass.
 */
sd_status sd_single_line_check(const char *label, const char *value, struct sd_error *err);
/* The same for a field of a record: the error names it (struct sd_error.field). */
sd_status sd_line_check(const char *field, const char *label, const char *value,
    struct sd_error *err);

/* Trims ASCII white space from both ends, in place; returns s. */
char	*sd_trim(char *s);

/* First line of s (up to '\n'), malloc'd. */
char	*sd_first_line(const char *s);

/*
 * Normalises a comma-separated list ("a, b,,A") into "a,b" order kept,
 * blanks and case-insensitive duplicates dropped.  Returns malloc'd.
 */
char	*sd_list_normalise(const char *s);

/* True when the comma-separated list contains item (case-insensitive). */
bool	sd_list_contains(const char *list, const char *item);

#endif
