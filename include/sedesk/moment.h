/*
 * Contact moments: a phone call, a site visit, a pitch conversation, a
 * meeting with an enterprise, planned and then reported.  Their kind is a
 * channel (case.h: one word for a visit on a case and on a moment).
 *
 * A moment's time is local wall-clock time as typed (YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM), stored as the seconds since 1970 of that wall-clock
 * time read as if it were UTC ("floating" time): it stays 14:00 whatever
 * the server's zone, and the calendar export names Europe/Brussels.  "Now"
 * and "today" for moments are the local wall-clock ones (sd_moment_now).
 */
#ifndef SEDESK_MOMENT_H
#define SEDESK_MOMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "desk.h"
#include "enterprise.h"
#include "journal_entry.h"

enum sd_moment_state {
	SD_MOMENT_NONE = 0,
	SD_MOMENT_PLANNED,	/* its time is still to come */
	SD_MOMENT_HELD,		/* it took place (recorded after the fact, or `done`) */
	SD_MOMENT_STATE_COUNT
};

/* Stable names ("planned", "held") and translated labels. */
const char *sd_moment_state_name(enum sd_moment_state s);
const char *sd_moment_state_label(enum sd_moment_state s);

struct sd_moment {
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	uint8_t		 enterprise[SD_UUID_LEN];
	enum sd_channel	 kind;
	int64_t		 at;		/* floating time (see above) */
	int		 timed;		/* 1: at has a time of day; 0: a day only */
	char		*departments;	/* comma-separated department ids, or NULL */
	char		*participants;	/* comma-separated officer logins, or NULL */
	char		*text;		/* the report (several lines), or NULL */
	enum sd_moment_state state;
	sd_day		 follow_up;	/* back in the owner's inbox from this day (SD_NO_DAY: none) */
	char		*case_number;	/* the linked case ("2026-00042"), or NULL */
	char		*owner;		/* who recorded it */
	int64_t		 created, updated;
	int64_t		 held;		/* when it was reported as held (real time), 0: not */
	/*
	 * The time as typed ("2026-03-10T14:00", sd_moment_time_format of at
	 * and timed): what the journal says of a moved moment, in words.
	 */
	char		*when;
};

void	sd_moment_free(struct sd_moment *m);

/* "now" as local wall-clock time read as UTC (the moments' floating time). */
int64_t	sd_moment_now(const struct sd_desk *d);
/* The day of a moment (its floating time's day). */
sd_day	sd_moment_day(const struct sd_moment *m);
/*
 * Parses "YYYY-MM-DD" (timed 0) or "YYYY-MM-DDTHH:MM" (timed 1) into a
 * floating time; false when it is neither or not a real date and time.
 */
bool	sd_moment_time_parse(const char *s, int64_t *at, int *timed);
/* Writes the time as typed: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (17 bytes with NUL). */
void	sd_moment_time_format(int64_t at, int timed, char out[17]);

/*
 * Input of `moment add` and `moment edit` (NULL / 0: not given; "" clears
 * a text, a list, the follow-up).
 */
struct sd_moment_input {
	const char	*enterprise;	/* id or number (add only) */
	enum sd_channel	 kind;
	const char	*time;		/* YYYY-MM-DD[THH:MM] */
	const char	*departments;	/* comma-separated; "" clears */
	const char	*participants;	/* comma-separated logins; "" clears */
	const char	*text;
	const char	*follow_up;	/* YYYY-MM-DD; "" clears */
	const char	*case_number;	/* links an existing case (both ways) */
};

/* Adds a moment; *out gets its id. */
sd_status sd_moment_add(struct sd_desk *d, const struct sd_moment_input *in,
    uint8_t out[SD_UUID_LEN], struct sd_error *err);
sd_status sd_moment_edit(struct sd_desk *d, const char *id, const struct sd_moment_input *in,
    uint32_t expect_version, struct sd_error *err);
/* A planned moment took place, with its report (text may be NULL when it has one). */
sd_status sd_moment_done(struct sd_desk *d, const char *id, const char *text,
    uint32_t expect_version, struct sd_error *err);
/*
 * Makes a case from the moment (the question raised during a visit): the
 * case's channel is the moment's kind, its enterprise the moment's; the
 * case names the moment and the moment the case, in one transaction.
 */
sd_status sd_moment_make_case(struct sd_desk *d, const char *id, const char *subject,
    const char *category, const char *description, uint32_t expect_version,
    struct sd_case_key *out, struct sd_error *err);

/* A moment with what its screens show. */
struct sd_moment_view {
	struct sd_moment	 m;
	struct sd_enterprise	 ent;
	struct sd_journal_entry	*journal;
	size_t			 njournal;
};
void	sd_moment_view_free(struct sd_moment_view *v);
/* A moment the caller may see; one they may not is "not found". */
sd_status sd_moment_get(struct sd_desk *d, const char *id, struct sd_moment_view *out,
    struct sd_error *err);

/* One row of a list. */
struct sd_moment_row {
	struct sd_moment m;
	char		*enterprise_name;
	/* inbox: why it is there */
	bool		 today;		/* planned for today */
	bool		 follow_up_due;	/* its follow-up day has come */
};
struct sd_moment_rows {
	struct sd_moment_row *items;
	size_t		 n;
	bool		 more;
};
void	sd_moment_rows_free(struct sd_moment_rows *r);

struct sd_moment_filter {
	const char	*enterprise;	/* id or number */
	enum sd_channel	 kind;		/* SD_CHANNEL_NONE: any */
	sd_day		 from, to;	/* SD_NO_DAY: open */
	bool		 mine;		/* recorded by or with the caller */
};

/* Newest first, what the caller may see, reading what the page needs. */
sd_status sd_moment_list(struct sd_desk *d, const struct sd_moment_filter *f, size_t limit,
    struct sd_moment_rows *out, struct sd_error *err);
/*
 * The caller's moments (recorded by or with them) in the days from..to,
 * oldest first, with their planned and held ones: for the calendar
 * export (`sedesk ical --moments`).  dept (may be NULL): only those of
 * that department instead of the caller's own.
 */
sd_status sd_moment_range(struct sd_desk *d, sd_day from, sd_day to, bool mine,
    const char *dept, size_t limit, struct sd_moment_rows *out, struct sd_error *err);
/*
 * The inbox's moments: the caller's moments planned for today (recorded
 * by or with them) and the follow-ups of theirs whose day has come.
 */
sd_status sd_moment_inbox(struct sd_desk *d, size_t limit, struct sd_moment_rows *out,
    struct sd_error *err);

/* Whether the caller sees the moment, and may do action a to it now (permit.c). */
bool	sd_sees_moment(const struct sd_desk *d, const struct sd_moment *m);
sd_status sd_permit_moment(const struct sd_desk *d, enum sd_action a, const struct sd_moment *m,
    struct sd_error *err);

#endif
