/*
 * An RFC 5545 calendar of generic items (events now; contact moments can
 * join as items of their own), for import into the municipal calendar:
 * VCALENDAR with a VTIMEZONE for Europe/Brussels, one VEVENT per item with
 * a stable UID from the record's uuid, DTSTAMP, local times with
 * TZID=Europe/Brussels, escaped text and lines folded at 75 octets
 * (never inside a UTF-8 character), CRLF line ends.
 */
#ifndef SEDESK_ICAL_H
#define SEDESK_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk.h"
#include "event.h"
#include "text.h"

/* One calendar entry; the strings are copied by sd_ical_add. */
struct sd_ical_item {
	const char	*uid;		/* stable, e.g. the record's uuid; "@sedesk" is added */
	int64_t		 start, end;	/* floating Brussels time (event.h); end 0: none */
	bool		 all_day;	/* start's day only, no time (a moment planned for a day) */
	uint32_t	 sequence;	/* revision: the record's version - 1 */
	const char	*summary, *location, *description;
	const char	*category;	/* NULL: none */
};

struct sd_ical {
	struct sd_ical_item *items;
	size_t		 n, cap;
};

void	sd_ical_add(struct sd_ical *c, const struct sd_ical_item *it);
void	sd_ical_free(struct sd_ical *c);
/* The whole calendar into out (appended); dtstamp: the real time of the export (UTC). */
void	sd_ical_write(const struct sd_ical *c, int64_t dtstamp, struct sd_buf *out);

/* Text as a TEXT value: \ ; , escaped, a line break as \n, other controls dropped. */
void	sd_ical_escape(struct sd_buf *out, const char *text);
/* One content line folded at 75 octets (never inside a UTF-8 character), CRLF ended. */
void	sd_ical_line(struct sd_buf *out, const char *line, size_t len);

/*
 * Adds the events the caller sees within filter (mine: only those the
 * caller organised), by start time; at most SD_ICAL_MAX of them.
 */
#define SD_ICAL_MAX	100000
sd_status sd_ical_add_events(struct sd_desk *d, struct sd_ical *c,
    const struct sd_event_filter *f, bool mine, struct sd_error *err);

/*
 * Adds the contact moments the caller sees in the days from..to
 * (SD_NO_DAY: open), by time: with mine, only those recorded by or with
 * the caller; with dept (may be NULL), only that department's.
 */
sd_status sd_ical_add_moments(struct sd_desk *d, struct sd_ical *c, sd_day from, sd_day to,
    bool mine, const char *dept, struct sd_error *err);

#endif
