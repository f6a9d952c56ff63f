/*
 * Enterprise numbers: reading what people type or paste, checking it and
 * writing it in the one form the store and its index use.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/number.h"
#include "sedesk/text.h"

/* How much of the input a message quotes, in bytes. */
#define QUOTE_MAX	48

enum prefix {
	PREFIX_NONE,
	PREFIX_BE,
	PREFIX_NL,
};

static void	 quote(const char *, char *, size_t);
static size_t	 separator_len(const char *);
static int	 is_digit(int);
static int	 kbo_expected(const char *);
static void	 kbo_format(const char *, char *);

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Length of the separator at s, or 0.  Besides the ASCII ones, the two
 * no-break spaces are allowed: numbers copied from web pages carry them.
 */
static size_t
separator_len(const char *s)
{
	if (*s != '\0' && strchr(" \t.-/", *s) != NULL)
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)		/* U+00A0 */
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0)	/* U+202F */
		return 3;
	return 0;
}

/*
 * Copies in, made safe for a terminal and cut at a character boundary,
 * into buf for quoting in a message: the input may be anything at all.
 */
static void
quote(const char *in, char *buf, size_t size)
{
	char *v = sd_visible(in, false);
	size_t n = strlen(v);

	if (n >= size) {
		n = size - 4;	/* room for "…" and NUL */
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
		memcpy(buf, v, n);
		memcpy(buf + n, "…", 4);
	} else
		memcpy(buf, v, n + 1);
	free(v);
}

/* The input quoted for a message, made only when there is one to give. */
#define QUOTED	(quote(in, q, sizeof q), q)

/* The check digits the first 8 of these 10 digits call for. */
static int
kbo_expected(const char *d)
{
	long v = 0;

	for (int i = 0; i < 8; i++)
		v = v * 10 + (d[i] - '0');
	return 97 - (int)(v % 97);
}

/* Writes the 10 digits as 0xxx.xxx.xxx. */
static void
kbo_format(const char *d, char *out)
{
	memcpy(out, d, 4);
	out[4] = '.';
	memcpy(out + 5, d + 4, 3);
	out[8] = '.';
	memcpy(out + 9, d + 7, 3);
	out[12] = '\0';
}

int
sd_kbo_check(const char digits[10])
{
	for (int i = 0; i < 10; i++)
		if (!is_digit((unsigned char)digits[i]))
			return 0;
	return kbo_expected(digits) ==
	    (digits[8] - '0') * 10 + (digits[9] - '0');
}

/*
 * The messages say what is wrong and what a right number looks like, so
 * that someone at the desk can fix a mistyped number without a manual.
 */
enum sd_number_kind
sd_number_normalise(const char *in, char out[SD_NUMBER_MAX],
    struct sd_error *err)
{
	char q[QUOTE_MAX + 4], d[11], shown[SD_NUMBER_MAX];
	enum prefix prefix = PREFIX_NONE;
	const char *p;
	size_t n = 0, len;
	int want;

	out[0] = '\0';
	if (in == NULL)
		in = "";
	for (p = in; (len = separator_len(p)) > 0; p += len)
		;
	if ((p[0] == 'B' || p[0] == 'b') && (p[1] == 'E' || p[1] == 'e')) {
		prefix = PREFIX_BE;
		p += 2;
	} else if ((p[0] == 'N' || p[0] == 'n') &&
	    (p[1] == 'L' || p[1] == 'l')) {
		prefix = PREFIX_NL;
		p += 2;
	}
	while (*p != '\0') {
		if (is_digit((unsigned char)*p)) {
			if (n < 10)
				d[n] = *p;
			n++;
			p++;
		} else if ((len = separator_len(p)) > 0)
			p += len;
		else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			sd_fail(err, SD_INVALID, _("enterprise number \"%s\" "
			    "contains the letter \"%c\"; it may only contain "
			    "digits, with dots, spaces, dashes or slashes "
			    "between them"), QUOTED, *p);
			return SD_NUMBER_NONE;
		} else {
			char one[5] = { 0 }, *v;

			/* Quote the whole character, not one byte of it. */
			len = 1;
			while (len < 4 && ((unsigned char)p[len] & 0xc0) == 0x80)
				len++;
			memcpy(one, p, len);
			v = sd_visible(one, false);
			sd_fail(err, SD_INVALID, _("enterprise number \"%s\" "
			    "contains \"%s\", which is not a digit; it may "
			    "only contain digits, with dots, spaces, dashes "
			    "or slashes between them"), QUOTED, v);
			free(v);
			return SD_NUMBER_NONE;
		}
	}

	if (n == 0) {
		sd_fail(err, SD_INVALID, _("enterprise number \"%s\" has no "
		    "digits; a KBO number has 10 (0xxx.xxx.xxx), a KvK number "
		    "8"), QUOTED);
		return SD_NUMBER_NONE;
	}
	if (n == 8 && prefix == PREFIX_BE) {
		sd_fail(err, SD_INVALID, _("enterprise number \"%s\" starts "
		    "with BE but has 8 digits; a KBO number has 10 "
		    "(0xxx.xxx.xxx)"), QUOTED);
		return SD_NUMBER_NONE;
	}
	if ((n == 9 || n == 10) && prefix == PREFIX_NL) {
		sd_fail(err, SD_INVALID, _("enterprise number \"%s\" starts "
		    "with NL but has %zu digits; a KvK number has 8"), QUOTED, n);
		return SD_NUMBER_NONE;
	}
	if (n == 8) {
		memcpy(out, d, 8);
		out[8] = '\0';
		return SD_NUMBER_KVK;
	}
	if (n != 9 && n != 10) {
		sd_fail(err, SD_INVALID, ngettext(
		    "enterprise number \"%s\" has %zu digit; a KBO number has "
		    "10 (0xxx.xxx.xxx), a KvK number 8",
		    "enterprise number \"%s\" has %zu digits; a KBO number has "
		    "10 (0xxx.xxx.xxx), a KvK number 8", n), QUOTED, n);
		return SD_NUMBER_NONE;
	}

	/* Numbers from before 2005 had 9 digits; a leading 0 makes them 10. */
	if (n == 9) {
		memmove(d + 1, d, 9);
		d[0] = '0';
	}
	d[10] = '\0';
	if (d[0] != '0' && d[0] != '1') {
		sd_fail(err, SD_INVALID, _("KBO number \"%s\" starts with %c; "
		    "a KBO number starts with 0 or 1 (0xxx.xxx.xxx)"), QUOTED, d[0]);
		return SD_NUMBER_NONE;
	}
	if (!sd_kbo_check(d)) {
		want = kbo_expected(d);
		kbo_format(d, shown);
		sd_fail(err, SD_INVALID, _("KBO number %s: check digits %.2s "
		    "do not match; expected %02d — is a digit "
		    "mistyped?"), shown, d + 8, want);
		return SD_NUMBER_NONE;
	}
	kbo_format(d, out);
	return SD_NUMBER_KBO;
}
