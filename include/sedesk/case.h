/*
 * Cases (enquiries), their routes to departments, and the lists over them.
 */
#ifndef SEDESK_CASE_H
#define SEDESK_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk.h"
#include "enterprise.h"
#include "journal_entry.h"

enum sd_case_status {
	SD_CASE_NONE = 0,
	SD_CASE_NEW,		/* no route yet */
	SD_CASE_ROUTED,		/* routed, nobody picked up */
	SD_CASE_IN_PROGRESS,	/* a route picked up */
	SD_CASE_ANSWERED,	/* every route answered or declined */
	SD_CASE_WAITING,	/* on the enterprise */
	SD_CASE_CLOSED,
	SD_CASE_STATUS_COUNT
};

enum sd_route_state {
	SD_ROUTE_NONE = 0,
	SD_ROUTE_PENDING,
	SD_ROUTE_PICKED_UP,
	SD_ROUTE_ANSWERED,
	SD_ROUTE_DECLINED,
	SD_ROUTE_WITHDRAWN,	/* the case was closed while the route was open */
	SD_ROUTE_STATE_COUNT
};

enum sd_channel {
	SD_CHANNEL_NONE = 0,
	SD_CHANNEL_PHONE, SD_CHANNEL_EMAIL, SD_CHANNEL_DESK, SD_CHANNEL_SITE_VISIT,
	SD_CHANNEL_PITCH, SD_CHANNEL_EVENT, SD_CHANNEL_WEB,
	/* Contact moments share this list (moment.h): appended, stored values stay. */
	SD_CHANNEL_MEETING,
	SD_CHANNEL_COUNT
};

enum sd_priority {
	SD_PRIORITY_NONE = 0,
	SD_PRIORITY_LOW, SD_PRIORITY_NORMAL, SD_PRIORITY_HIGH, SD_PRIORITY_URGENT,
	SD_PRIORITY_COUNT
};

/* Stable names ("in_progress", "site-visit", …) for storage, CLI and JSON. */
const char *sd_case_status_name(enum sd_case_status s);
const char *sd_route_state_name(enum sd_route_state s);
const char *sd_channel_name(enum sd_channel c);
const char *sd_priority_name(enum sd_priority p);
/* Translated labels for people. */
const char *sd_case_status_label(enum sd_case_status s);
const char *sd_route_state_label(enum sd_route_state s);
const char *sd_channel_label(enum sd_channel c);
const char *sd_priority_label(enum sd_priority p);
/* A journal entry's kind ("routed", …) as people read it ("routed to"). */
const char *sd_journal_kind_label(const char *kind);
/* A one-character mark of a route's state for summaries ("ECO✓ WEL…"). */
const char *sd_route_symbol(enum sd_route_state s);
/* Parsing of the stable names; 0 (…_NONE) when unknown. */
enum sd_case_status sd_case_status_parse(const char *s);
enum sd_route_state sd_route_state_parse(const char *s);
enum sd_channel sd_channel_parse(const char *s);
enum sd_priority sd_priority_parse(const char *s);

/* A case's key: the year and its sequence number, written "2026-00042". */
struct sd_case_key {
	uint16_t	year;
	uint32_t	seq;
};
#define SD_CASE_KEY_LEN 6
#define SD_CASE_NUMBER_MAX 20

void	sd_case_key_pack(struct sd_case_key k, uint8_t out[SD_CASE_KEY_LEN]);
struct sd_case_key sd_case_key_unpack(const uint8_t in[SD_CASE_KEY_LEN]);
void	sd_case_number_format(struct sd_case_key k, char out[SD_CASE_NUMBER_MAX]);
bool	sd_case_number_parse(const char *s, struct sd_case_key *out);

struct sd_route {
	char		*dept;
	enum sd_route_state state;
	char		*officer;	/* who picked it up or finished it */
	sd_day		 due;
	char		*answer;	/* the answer, or the reason it was declined */
	int64_t		 routed, picked_up, finished;	/* 0 when not (yet) */
	uint32_t	 round;		/* 1, and +1 each time it is routed again */
	int64_t		 reminded;	/* the last reminder to the department, 0: none */
};

struct sd_case {
	struct sd_case_key key;
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	uint8_t		 enterprise[SD_UUID_LEN];
	char		*subject, *description, *category, *owner, *resolution;
	enum sd_channel	 channel;
	enum sd_priority priority;
	enum sd_case_status status;
	int64_t		 created, updated, closed;
	sd_day		 due;
	int		 satisfaction;	/* 1–5, 0 when not given */
	int		 own_view;	/* the contact point's own 1–5, 0 when not given */
	sd_day		 wait_until;	/* waiting: back in the inbox on this day (SD_NO_DAY: none) */
	sd_day		 follow_up;	/* back in the owner's inbox on this day (SD_NO_DAY: none) */
	uint8_t		 event[SD_UUID_LEN];	/* the event it follows up; zero: none */
	char		*moment;	/* made from or linked to this contact moment (uuid), or NULL */
	/* Privacy: when its personal data was erased (sedesk privacy), 0: never. */
	int64_t		 erased;
};

/* A case with what its screens show: enterprise, routes, journal. */
struct sd_case_view {
	struct sd_case		 c;
	struct sd_enterprise	 ent;
	struct sd_route		*routes;
	size_t			 nroutes;
	struct sd_journal_entry	*journal;	/* oldest first; maybe only the first part */
	size_t			 njournal;
	bool			 journal_more;	/* entries follow the ones read */
};

void	sd_case_free(struct sd_case *c);
void	sd_route_free(struct sd_route *r);
void	sd_case_view_free(struct sd_case_view *v);

/* Input of `case new` and `case edit` (NULL / 0: not given). */
struct sd_case_input {
	const char	*enterprise;	/* id or number */
	const char	*subject;
	const char	*description;
	const char	*category;
	const char	*owner;		/* edit only */
	enum sd_channel	 channel;
	enum sd_priority priority;
};

sd_status sd_case_new(struct sd_desk *d, const struct sd_case_input *in,
    struct sd_case_key *out, struct sd_error *err);
sd_status sd_case_edit(struct sd_desk *d, const char *number, const struct sd_case_input *in,
    uint32_t expect_version, struct sd_error *err);
sd_status sd_case_get(struct sd_desk *d, const char *number, struct sd_case_view *out,
    struct sd_error *err);
/*
 * The same with only the first journal_limit journal entries (0: none),
 * for a screen that shows part of a long journal; journal_more says
 * whether more follow.
 */
sd_status sd_case_get_page(struct sd_desk *d, const char *number, size_t journal_limit,
    struct sd_case_view *out, struct sd_error *err);
/*
 * Appends up to limit journal entries that follow the view's last one
 * (for scrolling), checking again that the caller may see the case.
 */
sd_status sd_case_journal_more(struct sd_desk *d, struct sd_case_view *v, size_t limit,
    struct sd_error *err);

/* Routes the case to each of depts; note (may be NULL) goes in the journal. */
sd_status sd_case_route(struct sd_desk *d, const char *number, const char *const *depts,
    size_t ndepts, const char *note, uint32_t expect_version, struct sd_error *err);
sd_status sd_case_pickup(struct sd_desk *d, const char *number, const char *dept,
    uint32_t expect_version, struct sd_error *err);
sd_status sd_case_answer(struct sd_desk *d, const char *number, const char *dept,
    const char *text, uint32_t expect_version, struct sd_error *err);
sd_status sd_case_decline(struct sd_desk *d, const char *number, const char *dept,
    const char *reason, uint32_t expect_version, struct sd_error *err);
/*
 * The contact point takes back an open route (with a reason), or reminds
 * its department of it (text may be NULL); both are journaled, and the
 * reminder shows in the department's inbox.
 */
sd_status sd_case_withdraw(struct sd_desk *d, const char *number, const char *dept,
    const char *reason, uint32_t expect_version, struct sd_error *err);
sd_status sd_case_remind(struct sd_desk *d, const char *number, const char *dept,
    const char *text, uint32_t expect_version, struct sd_error *err);
sd_status sd_case_note(struct sd_desk *d, const char *number, const char *text,
    uint32_t expect_version, struct sd_error *err);
sd_status sd_case_wait(struct sd_desk *d, const char *number, uint32_t expect_version,
    struct sd_error *err);
/*
 * Waiting with the day the case comes back to the inbox (SD_NO_DAY: none)
 * and why (may be NULL); both are journaled.
 */
sd_status sd_case_wait_until(struct sd_desk *d, const char *number, sd_day until,
    const char *reason, uint32_t expect_version, struct sd_error *err);
/* Sets the day the case comes back to its owner's inbox, with a note (may be NULL). */
sd_status sd_case_follow_up(struct sd_desk *d, const char *number, sd_day on,
    const char *text, uint32_t expect_version, struct sd_error *err);
sd_status sd_case_reopen(struct sd_desk *d, const char *number, uint32_t expect_version,
    struct sd_error *err);
sd_status sd_case_close(struct sd_desk *d, const char *number, const char *resolution,
    int satisfaction, uint32_t expect_version, struct sd_error *err);
/*
 * The same with the contact point's own view of the case (1–5, 0: not
 * given) beside the enterprise's satisfaction.  Both are journaled at
 * every closing, so a case closed again keeps the earlier scores.
 */
sd_status sd_case_close_scored(struct sd_desk *d, const char *number, const char *resolution,
    int satisfaction, int own_view, uint32_t expect_version, struct sd_error *err);

/*
 * Departments the routing rules suggest for a case (category and words of
 * subject and description), in configuration order, without duplicates.
 * *out is a malloc'd array of pointers into the configuration.
 */
sd_status sd_case_suggest(struct sd_desk *d, const char *number,
    const struct sd_department ***out, size_t *n, struct sd_error *err);
/* The same for text not yet saved (the new-case form). */
size_t	sd_suggest_departments(const struct sd_config *cfg, const char *category,
    const char *subject, const char *description, const struct sd_department **out,
    size_t max);

/*
 * Overdue: a case still running (neither waiting nor closed), or a route
 * still open (pending or picked up), past its due day.  today is
 * sd_desk_today().
 */
bool	sd_case_overdue(const struct sd_case *c, sd_day today);
bool	sd_route_overdue(const struct sd_route *r, sd_day today);

/* --- lists -------------------------------------------------------------------- */

/* Why a case is in the caller's inbox. */
enum sd_inbox_reason {
	SD_REASON_NONE = 0,	/* not an inbox row */
	SD_REASON_OVERDUE,	/* a running case past its due day */
	SD_REASON_ANSWERED,	/* every route finished: the contact point replies */
	SD_REASON_NEW,		/* not routed yet */
	SD_REASON_PENDING,	/* a route of the officer's department waits to be picked up */
	SD_REASON_PICKED_UP,	/* a route of the officer's department is being worked on */
	SD_REASON_REMINDED,	/* an open route of the officer's department was reminded */
	SD_REASON_WAIT_OVER,	/* a waiting case whose day to come back has come */
	SD_REASON_FOLLOW_UP,	/* the caller's case whose follow-up day has come */
};
/* The stable name ("picked_up", for JSON; NULL for none) and the translated label. */
const char *sd_inbox_reason_name(enum sd_inbox_reason r);
const char *sd_inbox_reason_label(enum sd_inbox_reason r);

/* One row of a list: the case and what the row shows of its routes. */
struct sd_case_row {
	struct sd_case	 c;
	char		*enterprise_name;
	struct sd_route	*routes;	/* dept and state only are filled */
	size_t		 nroutes;
	sd_day		 due;		/* the row's due date: the case's, or the route's in an officer's inbox */
	bool		 overdue;
	enum sd_inbox_reason reason;	/* why it is in the inbox (lists: none) */
	const char	*dept;		/* inbox of an officer: the route's department */
	bool		 changed;	/* inbox: someone else wrote since the caller last looked */
	int64_t		 reminded;	/* inbox of an officer: the route's last reminder, 0: none */
};

struct sd_case_filter {
	enum sd_case_status status;	/* SD_CASE_NONE: any */
	const char	*dept;
	const char	*enterprise;	/* id or number */
	const char	*category;
	bool		 overdue;
	bool		 mine;
};

/*
 * Opaque paging position: pass the cursor a page returned to get the next
 * page (zeroed for the first).
 */
struct sd_page_cursor {
	uint8_t	key[80];
	size_t	len;
};

struct sd_case_rows {
	struct sd_case_row	*items;
	size_t			 n;
	bool			 more;
	struct sd_page_cursor	 next;
};
void	sd_case_rows_free(struct sd_case_rows *r);

/* Newest first (overdue: most overdue first), reading only what the page needs. */
sd_status sd_case_list(struct sd_desk *d, const struct sd_case_filter *f,
    const struct sd_page_cursor *from, size_t limit, struct sd_case_rows *out,
    struct sd_error *err);

/*
 * Notes that the caller has seen the case as it is now (the interface
 * opens it), so the inbox no longer marks it changed.  Writes only when
 * the journal moved on since the last mark, and not against the write rate.
 */
sd_status sd_case_seen(struct sd_desk *d, const char *number, struct sd_error *err);

/* The caller's work, by role (see the man page), most urgent first. */
sd_status sd_inbox(struct sd_desk *d, size_t limit, struct sd_case_rows *out,
    struct sd_error *err);

#endif
