/*
 * Text from a message made inert: valid UTF-8 with nothing a terminal
 * would obey (escape sequences, controls) and nothing that reorders what
 * a reader sees (bidi overrides).  sedesk makes stored text visible again
 * when it shows it (sd_visible); this is the first wall, in the child.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mailparse.h"

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
buf_grow(struct buf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	while (b->n + more + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 256;
	if ((b->p = realloc(b->p, b->cap)) == NULL)
		abort();
}

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* One UTF-8 character at s (n bytes left): its code point and length; -1: invalid. */
static long
utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t cp;
	size_t need;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		cp = s[0] & 0x1f;
		need = 1;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		cp = s[0] & 0x0f;
		need = 2;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		cp = s[0] & 0x07;
		need = 3;
	} else {
		*len = 1;
		return -1;
	}
	if (n < need + 1) {
		*len = 1;
		return -1;
	}
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return -1;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond Unicode. */
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		*len = 1;
		return -1;
	}
	*len = need + 1;
	return (long)cp;
}

/* The length of an escape sequence starting with ESC at s[0]. */
static size_t
escape_len(const unsigned char *s, size_t n)
{
	size_t i;

	if (n < 2)
		return n;
	if (s[1] == '[') {		/* CSI: parameters, then a final byte 0x40–0x7e */
		for (i = 2; i < n; i++)
			if (s[i] >= 0x40 && s[i] <= 0x7e)
				return i + 1;
		return n;
	}
	if (s[1] == ']' || s[1] == 'P' || s[1] == '_' || s[1] == '^' || s[1] == 'X') {
		/* OSC, DCS, APC, PM, SOS: up to BEL or ST (ESC \). */
		for (i = 2; i < n; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')
				return i + 2;
		}
		return n;
	}
	return 2;
}

/* Characters that reorder or hide text: bidi embeddings, overrides, isolates, marks. */
static bool
reorders(long cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0xfeff;
}

/* Appends character cp (its bytes at s, len) or a replacement; returns false to stop. */
static void
add_char(struct buf *b, const unsigned char *s, size_t len, long cp, bool multiline)
{
	if (cp < 0) {
		buf_add(b, "\xef\xbf\xbd", 3);	/* U+FFFD */
		return;
	}
	if (cp == '\n' || cp == '\t' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
		if (!multiline) {
			if (b->n > 0 && b->p[b->n - 1] != ' ')
				buf_addc(b, ' ');
		} else
			buf_addc(b, cp == '\t' ? '\t' : '\n');
		return;
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || reorders(cp))
		return;
	buf_add(b, (const char *)s, len);
}

char *
mp_clean(const char *in, size_t n, bool multiline, size_t max, size_t *dropped)
{
	const unsigned char *s = (const unsigned char *)in;
	struct buf b = { 0 };
	size_t i = 0, len, keep;
	long cp;

	buf_grow(&b, n < 4096 ? n : 4096);
	b.p[0] = '\0';
	while (i < n) {
		if (s[i] == 0x1b) {
			i += escape_len(s + i, n - i);
			continue;
		}
		if (s[i] == '\r') {
			/* CR LF and a lone CR are one line break. */
			i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
			add_char(&b, (const unsigned char *)"\n", 1, '\n', multiline);
			continue;
		}
		cp = utf8_next(s + i, n - i, &len);
		add_char(&b, s + i, len, cp, multiline);
		i += len;
	}
	if (!multiline) {
		size_t a = 0;
		while (a < b.n && b.p[a] == ' ')
			a++;
		memmove(b.p, b.p + a, b.n - a + 1);
		b.n -= a;
		while (b.n > 0 && b.p[b.n - 1] == ' ')
			b.p[--b.n] = '\0';
	}
	if (b.n > max) {
		keep = max;
		/* Back to the start of a character. */
		while (keep > 0 && ((unsigned char)b.p[keep] & 0xc0) == 0x80)
			keep--;
		if (dropped != NULL)
			*dropped += b.n - keep;
		b.n = keep;
		b.p[keep] = '\0';
	}
	return b.p;
}

char *
mp_clean_filename(const char *name)
{
	const char *base = name, *p;
	char *c;
	size_t i;

	if (name == NULL)
		name = "";
	/* Only the last part of a path, whichever the separator. */
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (base == NULL)
		base = name;
	c = mp_clean(base, strlen(base), false, 200, NULL);
	for (i = 0; c[i] != '\0'; i++)
		if (c[i] == ':' || c[i] == '"' || c[i] == '*' || c[i] == '?' ||
		    c[i] == '<' || c[i] == '>' || c[i] == '|')
			c[i] = '_';
	/* Not hidden, not "." or "..". */
	while (c[0] == '.')
		memmove(c, c + 1, strlen(c));
	if (c[0] == '\0') {
		free(c);
		c = strdup("attachment");
		if (c == NULL)
			abort();
	}
	return c;
}

/* --- HTML --------------------------------------------------------------------------- */

/* The tags whose content is not text. */
static bool
skipped_tag(const char *t)
{
	return strcmp(t, "script") == 0 || strcmp(t, "style") == 0 || strcmp(t, "head") == 0 ||
	    strcmp(t, "title") == 0 || strcmp(t, "template") == 0;
}

/* The tags that end a line. */
static bool
block_tag(const char *t)
{
	static const char *const blocks[] = {
		"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
		"blockquote", "hr", "ul", "ol", "pre", "address", "section", "article",
		"header", "footer", "dt", "dd",
	};

	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcmp(t, blocks[i]) == 0)
			return true;
	return false;
}

static void
add_utf8(struct buf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/* An entity at s ('&'); returns the bytes it took (0: not an entity, the '&' is text). */
static size_t
entity(const char *s, size_t n, struct buf *b)
{
	static const struct {
		const char	*name;
		unsigned long	 cp;
	} names[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
		{ "nbsp", ' ' }, { "euro", 0x20ac }, { "copy", 0xa9 }, { "hellip", 0x2026 },
		{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
		{ "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
		{ "eacute", 0xe9 }, { "egrave", 0xe8 }, { "euml", 0xeb }, { "ecirc", 0xea },
		{ "aacute", 0xe1 }, { "agrave", 0xe0 }, { "iuml", 0xef }, { "ouml", 0xf6 },
		{ "uuml", 0xfc }, { "ccedil", 0xe7 }, { "bull", 0x2022 }, { "middot", 0xb7 },
	};
	size_t i = 1, end;
	unsigned long cp = 0;

	for (end = 1; end < n && end < 12 && s[end] != ';'; end++)
		;
	if (end >= n || s[end] != ';' || end == 1)
		return 0;
	if (s[1] == '#') {
		bool hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
		i = hex ? 3 : 2;
		if (i >= end)
			return 0;
		for (; i < end; i++) {
			int d;
			if (s[i] >= '0' && s[i] <= '9')
				d = s[i] - '0';
			else if (hex && s[i] >= 'a' && s[i] <= 'f')
				d = s[i] - 'a' + 10;
			else if (hex && s[i] >= 'A' && s[i] <= 'F')
				d = s[i] - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			if (cp > 0x10ffff)
				cp = 0x110000;
		}
		add_utf8(b, cp);
		return end + 1;
	}
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		if (strlen(names[k].name) == end - 1 &&
		    strncmp(s + 1, names[k].name, end - 1) == 0) {
			add_utf8(b, names[k].cp);
			return end + 1;
		}
	}
	return 0;
}

/* Reads the tag at s ('<'): its lower-cased name (closing: *closing), its length. */
static size_t
read_tag(const char *s, size_t n, char name[16], bool *closing)
{
	size_t i = 1, k = 0;
	char quote = 0;

	*closing = false;
	name[0] = '\0';
	if (n >= 4 && strncmp(s, "<!--", 4) == 0) {
		const char *e = memmem(s + 4, n - 4, "-->", 3);
		return e != NULL ? (size_t)(e - s) + 3 : n;
	}
	if (i < n && s[i] == '/') {
		*closing = true;
		i++;
	}
	while (i < n && k < 15 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= '0' && s[i] <= '9')))
		name[k++] = (char)(s[i++] | 0x20);
	name[k] = '\0';
	for (; i < n; i++) {
		if (quote != 0) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'')
			quote = s[i];
		else if (s[i] == '>')
			return i + 1;
	}
	return n;
}

char *
mp_html_to_text(const char *s, size_t n, size_t *outlen)
{
	struct buf b = { 0 };
	char name[16], skip[16] = "";
	bool closing, space = false;
	size_t i = 0, len;

	buf_grow(&b, n / 2 + 16);
	b.p[0] = '\0';
	while (i < n) {
		if (s[i] == '<' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '!' ||
		    ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))) {
			len = read_tag(s + i, n - i, name, &closing);
			i += len;
			if (skip[0] != '\0') {
				if (closing && strcmp(name, skip) == 0)
					skip[0] = '\0';
				continue;
			}
			if (!closing && skipped_tag(name)) {
				strcpy(skip, name);
				continue;
			}
			if (block_tag(name)) {
				/* At most one empty line in a row. */
				if (!(b.n >= 2 && b.p[b.n - 1] == '\n' && b.p[b.n - 2] == '\n') &&
				    b.n > 0)
					buf_addc(&b, '\n');
				if (!closing && strcmp(name, "li") == 0)
					buf_add(&b, "- ", 2);
				space = false;
			} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
				space = true;
			continue;
		}
		if (skip[0] != '\0') {
			i++;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
			space = true;
			i++;
			continue;
		}
		if (space && b.n > 0 && b.p[b.n - 1] != '\n')
			buf_addc(&b, ' ');
		space = false;
		if (s[i] == '&' && (len = entity(s + i, n - i, &b)) > 0) {
			i += len;
			continue;
		}
		buf_addc(&b, s[i++]);
	}
	while (b.n > 0 && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' '))
		b.p[--b.n] = '\0';
	*outlen = b.n;
	return b.p;
}
