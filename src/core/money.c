/*
 * Money (see sedesk/money.h): reading amounts in whatever way people
 * write them, and writing them in the user's language.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/text.h"

/* How much of the input a message quotes, in bytes. */
#define QUOTE_MAX	48

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

/* A space at s (ASCII, tab, the no-break and narrow no-break spaces): its length, or 0. */
static size_t
space_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

/* The euro sign or "EUR" at s: its length, or 0. */
static size_t
currency_len(const char *s)
{
	if (strncmp(s, "\xe2\x82\xac", 3) == 0)
		return 3;
	if (strncasecmp(s, "eur", 3) == 0)
		return 3;
	return 0;
}

/* Whether s (n bytes) is spaces only. */
static bool
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; ) {
		size_t k = space_len(s + i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/*
 * The amount's characters without the currency and the spaces around it:
 * digits and separators, spaces inside turned into ' ' (a grouping
 * separator).  False when anything else is in it (*neg: a minus sign).
 */
static bool
strip(const char *in, char *out, size_t size, bool *neg)
{
	const char *p = in, *end = in + strlen(in);
	size_t n = 0, k;

	*neg = false;
	/* The currency before or after the number, with spaces around it. */
	while ((k = space_len(p)) > 0)
		p += k;
	if ((k = currency_len(p)) > 0)
		p += k;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end - p >= 3 && currency_len(end - 3) > 0)
		end -= 3;
	while (p < end) {
		if ((k = space_len(p)) > 0) {
			/* Spaces between the sign and the number are no separator. */
			if (n > 0 && !blank(p, (size_t)(end - p)))
				out[n++] = ' ';
			while ((k = space_len(p)) > 0 && p < end)
				p += k;
			if (n >= size - 1)
				return false;
			continue;
		}
		if (*p == '-' || *p == '+') {
			if (*p == '-')
				*neg = true;
			if (n > 0)
				return false;
			p++;
			while ((k = space_len(p)) > 0)
				p += k;
			if ((k = currency_len(p)) > 0)
				p += k;
			while ((k = space_len(p)) > 0)
				p += k;
			continue;
		}
		if ((*p < '0' || *p > '9') && *p != '.' && *p != ',')
			return false;
		out[n++] = *p++;
		if (n >= size - 1)
			return false;
	}
	out[n] = '\0';
	return n > 0;
}

sd_status
sd_money_parse(const char *in, const char *what, int64_t *cents, struct sd_error *err)
{
	char s[128], q[QUOTE_MAX];
	char *dec = NULL;
	size_t len, ngroups = 0;
	int64_t euro = 0, frac = 0;
	bool neg = false;

	*cents = 0;
	if (in == NULL)
		in = "";
	quote(in, q, sizeof q);
	if (strlen(in) >= sizeof s || !strip(in, s, sizeof s, &neg) ||
	    strpbrk(s, "0123456789") == NULL) {
		if (neg && strpbrk(in, "0123456789") != NULL && strlen(in) < sizeof s)
			goto negative;
		return sd_fail_field(err, SD_INVALID, what,
		    _("%s %s: not an amount; give euros as 12500, 12.500,50 or 12500.50."),
		    what, q);
	}
	if (neg)
		goto negative;
	len = strlen(s);
	/*
	 * The decimal separator: the last '.' or ',' when the other one (or a
	 * space) groups before it, or when one or two digits follow it, or
	 * more than three (too many decimals); a lone one followed by three
	 * digits groups thousands.
	 */
	{
		char *lastdot = strrchr(s, '.'), *lastcomma = strrchr(s, ',');
		char *last = lastdot > lastcomma ? lastdot : lastcomma;
		if (last != NULL) {
			size_t after = strlen(last + 1);
			char other = *last == '.' ? ',' : '.';
			bool mixed = memchr(s, other, (size_t)(last - s)) != NULL;
			bool single = strchr(s, *last) == last;
			if (strpbrk(last + 1, " .,") != NULL)
				after = 0;	/* checked as groups below */
			if (mixed || (single && after != 3))
				dec = last;
		}
	}
	if (dec != NULL) {
		size_t nd = strlen(dec + 1);
		if (nd > 2 && strspn(dec + 1, "0123456789") == nd)
			return sd_fail_field(err, SD_INVALID, what,
			    _("%s %s: at most two decimals (cents)."), what, q);
		if (nd == 0 || strspn(dec + 1, "0123456789") != nd)
			return sd_fail_field(err, SD_INVALID, what,
			    _("%s %s: not an amount; give euros as 12500, 12.500,50 or 12500.50."),
			    what, q);
		frac = (dec[1] - '0') * 10 + (nd == 2 ? dec[2] - '0' : 0);
		*dec = '\0';
		len = strlen(s);
	}
	/* The euros: digits, grouped by one kind of separator in threes. */
	{
		char sep = 0;
		size_t run = 0;
		for (size_t i = 0; i < len; i++) {
			char c = s[i];
			if (c >= '0' && c <= '9') {
				if (euro > SD_MONEY_MAX / 100 / 10 + 1)
					goto large;
				euro = euro * 10 + (c - '0');
				run++;
				continue;
			}
			/* A separator: one kind, never first, never twice in a row. */
			if ((sep != 0 && c != sep) || run == 0 || (ngroups > 0 && run != 3) ||
			    (ngroups == 0 && run > 3))
				goto misplaced;
			sep = c;
			ngroups++;
			run = 0;
		}
		/* "0,001" or "0.500" is no grouped number. */
		if ((ngroups > 0 && run != 3) || (ngroups > 0 && s[0] == '0'))
			goto misplaced;
		if (len == 0)
			goto misplaced;
	}
	if (euro > SD_MONEY_MAX / 100)
		goto large;
	*cents = euro * 100 + frac;
	return SD_OK;
negative:
	return sd_fail_field(err, SD_INVALID, what,
	    _("%s %s: an amount cannot be negative."), what, q);
large:
	{
		char max[SD_MONEY_STR];
		sd_money_format(SD_MONEY_MAX, max);
		return sd_fail_field(err, SD_INVALID, what, _("%s %s: too large (at most %s)."),
		    what, q, max);
	}
misplaced:
	return sd_fail_field(err, SD_INVALID, what,
	    _("%s %s: the separators are misplaced; group thousands by three "
	    "(12.500,50 or 12,500.50)."), what, q);
}

/* Writes cents with the given separators: group between thousands, dec before cents. */
static void
format_with(int64_t cents, char group, char dec, char *out, size_t size)
{
	char digits[24], buf[SD_MONEY_STR];
	size_t n, o = 0;
	uint64_t v = cents < 0 ? (uint64_t)-(cents + 1) + 1 : (uint64_t)cents;

	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(v / 100));
	n = strlen(digits);
	if (cents < 0)
		buf[o++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0 && group != 0)
			buf[o++] = group;
		buf[o++] = digits[i];
	}
	snprintf(buf + o, sizeof buf - o, "%c%02u", dec, (unsigned)(v % 100));
	snprintf(out, size, "%s", buf);
}

void
sd_money_format_lang(int64_t cents, const char *lang, char out[SD_MONEY_STR])
{
	char num[26];

	if (lang != NULL && strcmp(lang, "nl") == 0) {
		format_with(cents, '.', ',', num, sizeof num);
		snprintf(out, SD_MONEY_STR, "€ %s", num);
	} else {
		format_with(cents, ',', '.', num, sizeof num);
		snprintf(out, SD_MONEY_STR, "€%s", num);
	}
}

void
sd_money_format(int64_t cents, char out[SD_MONEY_STR])
{
	/*
	 * The user's language as the catalogue says it: the NACE labels' own
	 * string ("NACE labels: nl" in Dutch), so amounts follow whatever
	 * language the messages are in.
	 */
	const char *lang = _("NACE labels: en");

	lang = strchr(lang, ':') ? strchr(lang, ':') + 2 : lang;
	sd_money_format_lang(cents, lang, out);
}

void
sd_money_plain(int64_t cents, char out[SD_MONEY_STR])
{
	format_with(cents, 0, '.', out, SD_MONEY_STR);
}

int64_t
sd_money_percent(int64_t cents, unsigned pct)
{
	if (pct > 100 || cents <= 0)
		return 0;
	/* cents < 10^14, so cents * 100 stays far below INT64_MAX. */
	return (cents * (int64_t)pct + 50) / 100;
}
