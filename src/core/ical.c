/*
 * The iCalendar writer (see sedesk/ical.h).  It knows items, not records:
 * each module turns its records into items (sd_ical_add_events).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/date.h"
#include "sedesk/ical.h"
#include "sedesk/text.h"

#define FOLD	75	/* octets of a line, without its CRLF (RFC 5545 3.1) */

void
sd_ical_add(struct sd_ical *c, const struct sd_ical_item *it)
{
	struct sd_ical_item *n;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->items = sd_xrealloc(c->items, c->cap * sizeof *c->items);
	}
	n = &c->items[c->n++];
	*n = *it;
	n->uid = sd_xstrdup(it->uid);
	n->summary = sd_xstrdup(it->summary);
	n->location = sd_xstrdup(it->location);
	n->description = sd_xstrdup(it->description);
	n->category = sd_xstrdup(it->category);
}

void
sd_ical_free(struct sd_ical *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free((char *)c->items[i].uid);
		free((char *)c->items[i].summary);
		free((char *)c->items[i].location);
		free((char *)c->items[i].description);
		free((char *)c->items[i].category);
	}
	free(c->items);
	memset(c, 0, sizeof *c);
}

void
sd_ical_escape(struct sd_buf *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; p != NULL && *p; p++) {
		switch (*p) {
		case '\\':
			sd_buf_adds(out, "\\\\");
			break;
		case ';':
			sd_buf_adds(out, "\\;");
			break;
		case ',':
			sd_buf_adds(out, "\\,");
			break;
		case '\r':
			/* CRLF is one line break; a lone CR is one too. */
			if (p[1] != '\n')
				sd_buf_adds(out, "\\n");
			break;
		case '\n':
			sd_buf_adds(out, "\\n");
			break;
		case '\t':
			sd_buf_add(out, p, 1);
			break;
		default:
			/* Other controls are not allowed in TEXT. */
			if (*p >= 0x20 && *p != 0x7f)
				sd_buf_add(out, p, 1);
			break;
		}
	}
}

void
sd_ical_line(struct sd_buf *out, const char *line, size_t len)
{
	size_t off = 0, room = FOLD;

	while (len - off > room) {
		size_t n = room;
		/* Back off to the start of a UTF-8 character (never below one octet). */
		while (n > 1 && ((unsigned char)line[off + n] & 0xc0) == 0x80)
			n--;
		sd_buf_add(out, line + off, n);
		sd_buf_adds(out, "\r\n ");
		off += n;
		room = FOLD - 1;	/* the leading space counts */
	}
	sd_buf_add(out, line + off, len - off);
	sd_buf_adds(out, "\r\n");
}

/* "NAME:value" or "NAME;params:value" as one folded line. */
static void
prop(struct sd_buf *out, const char *name, const char *value)
{
	struct sd_buf l = { 0 };

	sd_buf_adds(&l, name);
	sd_buf_adds(&l, ":");
	sd_buf_adds(&l, value);
	sd_ical_line(out, l.data, l.len);
	sd_buf_free(&l);
}

static void
text_prop(struct sd_buf *out, const char *name, const char *text)
{
	struct sd_buf v = { 0 };

	if (text == NULL || *text == '\0')
		return;
	sd_ical_escape(&v, text);
	sd_buf_adds(&v, "");
	prop(out, name, v.data);
	sd_buf_free(&v);
}

/* A time as YYYYMMDDTHHMMSS (floating: the Brussels wall clock). */
static void
ical_time(int64_t t, char out[16])
{
	sd_day d = sd_day_from_time(t);
	int64_t s = t - (int64_t)d * 86400;
	int y, m, dd;
	char buf[40];

	sd_day_to_ymd(d, &y, &m, &dd);
	snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", y % 10000, m % 100, dd % 100,
	    (int)(s / 3600 % 100), (int)(s / 60 % 60), (int)(s % 60));
	memcpy(out, buf, 15);
	out[15] = '\0';
}

/* Europe/Brussels since 1996: CET, and CEST from the last Sunday of March to October's. */
static const char *const vtimezone[] = {
	"BEGIN:VTIMEZONE",
	"TZID:Europe/Brussels",
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0200",
	"TZNAME:CEST",
	"DTSTART:19810329T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0200",
	"TZOFFSETTO:+0100",
	"TZNAME:CET",
	"DTSTART:19961027T030000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
};

void
sd_ical_write(const struct sd_ical *c, int64_t dtstamp, struct sd_buf *out)
{
	char stamp[16], t[16], seq[16];

	ical_time(dtstamp, stamp);
	prop(out, "BEGIN", "VCALENDAR");
	prop(out, "VERSION", "2.0");
	prop(out, "PRODID", "-//sedesk//sedesk " SEDESK_VERSION "//EN");
	prop(out, "CALSCALE", "GREGORIAN");
	prop(out, "METHOD", "PUBLISH");
	for (size_t i = 0; i < sizeof vtimezone / sizeof vtimezone[0]; i++)
		sd_ical_line(out, vtimezone[i], strlen(vtimezone[i]));
	for (size_t i = 0; i < c->n; i++) {
		const struct sd_ical_item *it = &c->items[i];
		struct sd_buf uid = { 0 };

		prop(out, "BEGIN", "VEVENT");
		sd_buf_addf(&uid, "%s@sedesk", it->uid);
		prop(out, "UID", uid.data);
		sd_buf_free(&uid);
		/* DTSTAMP is UTC: when this file was written. */
		{
			char z[17];
			snprintf(z, sizeof z, "%sZ", stamp);
			prop(out, "DTSTAMP", z);
		}
		ical_time(it->start, t);
		if (it->all_day) {
			/* A day: a DATE value, ending (exclusive) the next day (RFC 5545 3.6.1). */
			t[8] = '\0';
			prop(out, "DTSTART;VALUE=DATE", t);
			ical_time(it->start + 86400, t);
			t[8] = '\0';
			prop(out, "DTEND;VALUE=DATE", t);
		} else
			prop(out, "DTSTART;TZID=Europe/Brussels", t);
		if (it->end != 0 && !it->all_day) {
			ical_time(it->end, t);
			prop(out, "DTEND;TZID=Europe/Brussels", t);
		}
		snprintf(seq, sizeof seq, "%u", it->sequence);
		prop(out, "SEQUENCE", seq);
		text_prop(out, "SUMMARY", it->summary);
		text_prop(out, "LOCATION", it->location);
		text_prop(out, "DESCRIPTION", it->description);
		text_prop(out, "CATEGORIES", it->category);
		prop(out, "END", "VEVENT");
	}
	prop(out, "END", "VCALENDAR");
}
