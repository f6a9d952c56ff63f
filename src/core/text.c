/*
 * Text helpers: the growable buffer, allocation that never returns NULL,
 * UTF-8 checks, folding for search and making text safe for a terminal.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"

static void	 oom(void) __attribute__((noreturn));
static void	 buf_reserve(struct sd_buf *, size_t);
static size_t	 utf8_decode(const unsigned char *, size_t, int32_t *);
static int	 is_space(int);
static char	*fold_item(const char *, size_t);

/*
 * There is nothing sensible to do without memory: say so in the user's
 * language and stop, so that no caller has to handle NULL.
 */
static void
oom(void)
{
	fprintf(stderr, "%s\n", _("sedesk: out of memory"));
	exit(1);
}

void *
sd_xmalloc(size_t n)
{
	void *p;

	/* malloc(0) may return NULL, which would look like a failure. */
	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
sd_xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	/* calloc checks n * size for overflow itself. */
	if ((p = calloc(n, size)) == NULL)
		oom();
	return p;
}

void *
sd_xrealloc(void *p, size_t n)
{
	void *q;

	if ((q = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return q;
}

char *
sd_xstrdup(const char *s)
{
	if (s == NULL)
		return NULL;
	return sd_xstrndup(s, strlen(s));
}

char *
sd_xstrndup(const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	n = strnlen(s, n);
	p = sd_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Makes room for n more bytes and the terminating NUL. */
static void
buf_reserve(struct sd_buf *b, size_t n)
{
	size_t need, cap;

	if (n > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap == 0 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->data = sd_xrealloc(b->data, cap);
	b->cap = cap;
}

void
sd_buf_add_grow(struct sd_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
sd_buf_adds(struct sd_buf *b, const char *s)
{
	sd_buf_add(b, s, strlen(s));
}

void
sd_buf_addf(struct sd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* First try the room there is; on a short write grow and redo. */
	buf_reserve(b, 0);
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		/* Only an invalid format gets here: leave the buffer as it was. */
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
sd_buf_reset(struct sd_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
sd_buf_free(struct sd_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
sd_buf_take(struct sd_buf *b)
{
	char *p;

	if (b->data == NULL)
		return sd_xstrdup("");
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/*
 * Decodes one UTF-8 sequence at s (n > 0 bytes available).  Returns its
 * length and the code point, or 0 when the bytes are not valid UTF-8:
 * a stray continuation byte, a truncated sequence, an overlong encoding,
 * a surrogate or a value past U+10FFFF.
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	int32_t c, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool
sd_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t cp;
	size_t len;

	while (n > 0) {
		/* ASCII, most of every field, byte by byte without the decoder. */
		if (*p < 0x80) {
			p++;
			n--;
			continue;
		}
		if ((len = utf8_decode(p, n, &cp)) == 0)
			return false;
		p += len;
		n -= len;
	}
	return true;
}

/*
 * Folds one run of non-ASCII bytes onto out.  utf8proc refuses a whole
 * string for one bad byte, and text from mail and CSV files does contain
 * bad bytes; so they are dropped first and the rest is still findable.
 */
static void
fold_run(const unsigned char *p, size_t n, struct sd_buf *out)
{
	struct sd_buf clean = { 0 };
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t r;
	int32_t cp;
	size_t len;

	while (n > 0) {
		if ((len = utf8_decode(p, n, &cp)) == 0)
			len = 1;
		else
			sd_buf_add(&clean, p, len);
		p += len;
		n -= len;
	}
	if (clean.len == 0)
		return;
	r = utf8proc_map((const utf8proc_uint8_t *)clean.data,
	    (utf8proc_ssize_t)clean.len, &folded,
	    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	    UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (r < 0) {
		if (r == UTF8PROC_ERROR_NOMEM)
			oom();
		/* Not expected on clean input; unfolded beats nothing. */
		sd_buf_add(out, clean.data, clean.len);
	} else {
		sd_buf_add(out, folded, (size_t)r);
		free(folded);
	}
	sd_buf_free(&clean);
}

/*
 * Case and accents away (NFKD, case folded, marks stripped, ignorables
 * dropped).  ASCII folds to itself with A-Z lowered, and without
 * composition utf8proc maps each character on its own (a combining mark
 * after an ASCII letter is stripped as it would be beside it; reordering
 * only moves marks between two starters): so runs of ASCII are lowered
 * here and only the runs between them go through utf8proc.  Most text is
 * ASCII, and search folds every shown snippet's text.
 */
char *
sd_fold(const char *s)
{
	const unsigned char *p;
	struct sd_buf out = { 0 };

	if (s == NULL)
		return sd_xstrdup("");
	p = (const unsigned char *)s;
	while (*p != '\0') {
		const unsigned char *start = p;
		if (*p < 0x80) {
			char lower[256];
			size_t k = 0;
			while (*p != '\0' && *p < 0x80 && k < sizeof lower) {
				lower[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
				p++;
			}
			sd_buf_add(&out, lower, k);
			continue;
		}
		while (*p >= 0x80)
			p++;
		fold_run(start, (size_t)(p - start), &out);
	}
	return sd_buf_take(&out);
}

/*
 * The folded text with, for each of its bytes, where the character it came
 * from starts and ends in the original.  Folding character by character
 * is what sd_fold does (see above); a character that folds to nothing (a
 * combining mark, an ignorable) joins the one before it, so that a match
 * takes its marks along.
 */
struct folded_map {
	struct sd_buf	 text;
	size_t		*from, *to;	/* per folded byte */
	size_t		 cap;
};

static void
map_add(struct folded_map *m, const char *bytes, size_t n, size_t start, size_t end)
{
	size_t at = m->text.len;

	if (at + n > m->cap) {
		m->cap = (at + n) * 2 + 64;
		m->from = sd_xrealloc(m->from, m->cap * sizeof *m->from);
		m->to = sd_xrealloc(m->to, m->cap * sizeof *m->to);
	}
	sd_buf_add(&m->text, bytes, n);
	for (size_t i = 0; i < n; i++) {
		m->from[at + i] = start;
		m->to[at + i] = end;
	}
}

static void
fold_map(const char *text, size_t off, struct folded_map *m)
{
	const unsigned char *p = (const unsigned char *)text + off;
	size_t n = strlen((const char *)p);

	while (n > 0) {
		size_t start = (size_t)(p - (const unsigned char *)text), len;
		int32_t cp;

		if (*p < 0x80) {
			char c = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			map_add(m, &c, 1, start, start + 1);
			p++;
			n--;
			continue;
		}
		if ((len = utf8_decode(p, n, &cp)) == 0)
			len = 1;	/* a bad byte: dropped, as sd_fold does */
		else {
			struct sd_buf one = { 0 };
			fold_run(p, len, &one);
			if (one.len > 0)
				map_add(m, one.data, one.len, start, start + len);
			else if (m->text.len > 0) {
				/* A mark: the character before it ends after it. */
				for (size_t i = m->text.len; i > 0 && m->to[i - 1] == start; i--)
					m->to[i - 1] = start + len;
			}
			sd_buf_free(&one);
		}
		p += len;
		n -= len;
	}
}

bool
sd_fold_find(const char *text, size_t from, const char *folded, size_t *start, size_t *end)
{
	struct folded_map m = { 0 };
	size_t flen = folded != NULL ? strlen(folded) : 0;
	const char *hit;
	bool found = false;

	if (text == NULL || flen == 0 || from > strlen(text))
		return false;
	/* ASCII folds to itself lowered: no map needed (most text is ASCII). */
	{
		const unsigned char *q = (const unsigned char *)text + from;
		while (*q != '\0' && *q < 0x80)
			q++;
		if (*q == '\0') {
			if ((hit = strcasestr(text + from, folded)) == NULL)
				return false;
			*start = (size_t)(hit - text);
			*end = *start + flen;
			return true;
		}
	}
	fold_map(text, from, &m);
	if (m.text.len >= flen &&
	    (hit = memmem(m.text.data, m.text.len, folded, flen)) != NULL) {
		size_t i = (size_t)(hit - m.text.data);
		*start = m.from[i];
		*end = m.to[i + flen - 1];
		found = true;
	}
	sd_buf_free(&m.text);
	free(m.from);
	free(m.to);
	return found;
}

/*
 * Format characters (Unicode category Cf) change how the text around them
 * looks without showing themselves: a right-to-left override (U+202E) makes
 * "exe.txt" read "txt.exe", isolates and marks reorder a line, zero-width
 * spaces and joiners make two different names look the same.  Text one user
 * writes is read by another, so these are shown as <U+XXXX> like control
 * characters are, and so are the line and paragraph separators (U+2028,
 * U+2029), which some programs break lines on.
 *
 * The one exception is the zero-width joiner and non-joiner (U+200D,
 * U+200C) between two letters, marks or symbols of the scripts that need
 * them: Arabic, Persian and the Indic scripts choose letter forms with them,
 * and emoji sequences (👩‍⚕️) are joined by U+200D.  Those scripts start at
 * U+0600; Latin (including Latin Extended Additional, U+1E00–U+1EFF), Greek
 * and Cyrillic do not use them, so there, at the ends of the text, or next
 * to a space or another format character, they are shown inert too.
 */
static bool
joins_script(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x0600 || (cp >= 0x1e00 && cp <= 0x1eff))
		return false;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ||
	    (c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO);
}

/* True when cp, with prev before it and next after it (-1: none), is shown inert. */
static bool
is_inert_format(int32_t cp, int32_t prev, int32_t next)
{
	utf8proc_category_t c;

	if (cp < 0xad)
		return false;
	c = utf8proc_category(cp);
	if (c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP)
		return true;
	if (c != UTF8PROC_CATEGORY_CF)
		return false;
	if (cp == 0x200c || cp == 0x200d)
		return !(prev >= 0 && next >= 0 && joins_script(prev) && joins_script(next));
	return true;
}

/* The code point at s (n bytes left), or -1 at the end or on a bad byte. */
static int32_t
peek_cp(const unsigned char *s, size_t n)
{
	int32_t cp;

	if (n == 0 || utf8_decode(s, n, &cp) == 0)
		return -1;
	return cp;
}

char *
sd_visible(const char *s, bool keep_newlines)
{
	const unsigned char *p;
	struct sd_buf b = { 0 };
	int32_t cp, prev = -1;
	size_t n, len;

	if (s == NULL)
		return sd_xstrdup("");
	p = (const unsigned char *)s;
	n = strlen(s);
	while (n > 0) {
		if ((len = utf8_decode(p, n, &cp)) == 0) {
			sd_buf_addf(&b, "<%02X>", p[0]);
			len = 1;
			cp = -1;
		} else if (cp < 0x20) {
			if (keep_newlines && (cp == '\n' || cp == '\t'))
				sd_buf_add(&b, p, 1);
			else
				sd_buf_addf(&b, "^%c", (char)(cp + 0x40));
		} else if (cp == 0x7f)
			sd_buf_adds(&b, "^?");
		else if (cp >= 0x80 && cp <= 0x9f)
			sd_buf_addf(&b, "<U+%04X>", (unsigned int)cp);
		else if (is_inert_format(cp, prev, peek_cp(p + len, n - len)))
			sd_buf_addf(&b, "<U+%04X>", (unsigned int)cp);
		else
			sd_buf_add(&b, p, len);
		prev = cp;
		p += len;
		n -= len;
	}
	return sd_buf_take(&b);
}

/*
 * What a line break is to a reader: besides '\n', a carriage return, a
 * vertical tab, a form feed, NEL (U+0085) and the Unicode line and
 * paragraph separators all start a new line in some program.
 */
static bool
is_line_break(int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85 ||
	    cp == 0x2028 || cp == 0x2029;
}

/*
 * A single-line field is shown on one row of a list and after a label on
 * a screen: a line break in it would let its writer print a line that looks
 * like the program's own (a journal entry, a field) on a reader's screen.
 * So it is refused where it is set, and so are the other control
 * characters, which have no place in a name.  Format characters (bidi
 * marks, joiners) are kept: Arabic and Persian names need some of them,
 * and every front shows the rest inert (sd_visible).
 */
sd_status
sd_single_line_check(const char *label, const char *value, struct sd_error *err)
{
	const unsigned char *p;
	int32_t cp;
	size_t n, len;

	if (value == NULL)
		return SD_OK;
	p = (const unsigned char *)value;
	n = strlen(value);
	for (; n > 0; p += len, n -= len) {
		/* Printable ASCII passes without the decoder; the rest is looked at below. */
		if (*p >= 0x20 && *p < 0x7f) {
			len = 1;
			continue;
		}
		if ((len = utf8_decode(p, n, &cp)) == 0)
			return sd_fail(err, SD_INVALID, _("%s: not valid UTF-8 text."), label);
		if (is_line_break(cp))
			return sd_fail(err, SD_INVALID,
			    _("%s must be a single line: remove the line break."), label);
		if (cp == '\t')
			return sd_fail(err, SD_INVALID,
			    _("%s must not hold a tab: replace it with a space."), label);
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			char one[5] = { 0 }, *shown;
			sd_status s;

			memcpy(one, p, len);
			shown = sd_visible(one, false);
			s = sd_fail(err, SD_INVALID,
			    _("%s must not contain the control character %s; remove it."),
			    label, shown);
			free(shown);
			return s;
		}
	}
	return SD_OK;
}

sd_status
sd_line_check(const char *field, const char *label, const char *value, struct sd_error *err)
{
	sd_status s = sd_single_line_check(label, value, err);

	if (s != SD_OK && err != NULL)
		snprintf(err->field, sizeof err->field, "%s", field);
	return s;
}

/* ASCII white space only: the locale must not change what is trimmed. */
static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r';
}

char *
sd_trim(char *s)
{
	char *start, *end;

	if (s == NULL)
		return NULL;
	for (start = s; is_space((unsigned char)*start); start++)
		;
	end = start + strlen(start);
	while (end > start && is_space((unsigned char)end[-1]))
		end--;
	memmove(s, start, (size_t)(end - start));
	s[end - start] = '\0';
	return s;
}

/*
 * A '\r' just before the '\n' is dropped too: text from mail has CRLF
 * line ends, and a subject must not carry a carriage return.
 */
char *
sd_first_line(const char *s)
{
	size_t n;

	if (s == NULL)
		return sd_xstrdup("");
	n = strcspn(s, "\n");
	if (s[n] == '\n' && n > 0 && s[n - 1] == '\r')
		n--;
	return sd_xstrndup(s, n);
}

/* Folds the n bytes at s with the white space around them trimmed. */
static char *
fold_item(const char *s, size_t n)
{
	char *item, *folded;

	item = sd_xstrndup(s, n);
	sd_trim(item);
	folded = sd_fold(item);
	free(item);
	return folded;
}

/*
 * Duplicates are found by their folded form, so "Café" and "cafe" count
 * as one item: they are the same tag to a person searching for it.
 */
char *
sd_list_normalise(const char *s)
{
	struct sd_buf out = { 0 };
	char **seen = NULL, *item;
	size_t nseen = 0, n, i;
	const char *p;

	if (s == NULL)
		return sd_xstrdup("");
	for (p = s;; p += n + 1) {
		n = strcspn(p, ",");
		item = sd_trim(sd_xstrndup(p, n));
		if (*item != '\0') {
			char *folded = sd_fold(item);

			for (i = 0; i < nseen; i++)
				if (strcmp(seen[i], folded) == 0)
					break;
			if (i == nseen) {
				seen = sd_xrealloc(seen,
				    (nseen + 1) * sizeof *seen);
				seen[nseen++] = folded;
				if (out.len > 0)
					sd_buf_add(&out, ",", 1);
				sd_buf_adds(&out, item);
			} else
				free(folded);
		}
		free(item);
		if (p[n] == '\0')
			break;
	}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	return sd_buf_take(&out);
}

bool
sd_list_contains(const char *list, const char *item)
{
	char *want, *have;
	const char *p;
	bool found = false;
	size_t n;

	if (list == NULL || item == NULL)
		return false;
	want = fold_item(item, strlen(item));
	if (*want == '\0') {
		free(want);
		return false;
	}
	for (p = list; !found; p += n + 1) {
		n = strcspn(p, ",");
		have = fold_item(p, n);
		found = strcmp(have, want) == 0;
		free(have);
		if (p[n] == '\0')
			break;
	}
	free(want);
	return found;
}

int
sd_text_width(const char *s)
{
	char *v = sd_visible(s != NULL ? s : "", false);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)v;
	int w = 0;

	while (*p != '\0') {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		int cw;
		if (n <= 0) {
			n = 1;
			cp = '?';
		}
		cw = utf8proc_charwidth(cp);
		w += cw < 0 ? 1 : cw;
		p += n;
	}
	free(v);
	return w;
}

void
sd_buf_add_padded(struct sd_buf *b, const char *s, int width)
{
	sd_buf_adds(b, s != NULL ? s : "");
	for (int w = sd_text_width(s); w < width; w++)
		sd_buf_adds(b, " ");
}
