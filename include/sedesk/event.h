/*
 * Events the contact point organises (workshops, acquaintance days,
 * network meetings, information sessions, pitch days) and platforms (a
 * project group that meets: an event of kind platform whose members are
 * enterprises, and whose meetings are events that name it), with one
 * attendance record per event and enterprise: invited, registered (with
 * the number of people), attended, or member of a platform.
 *
 * An event's times are local wall-clock time in Brussels as typed
 * (YYYY-MM-DDTHH:MM), stored as seconds since 1970 of that wall-clock
 * time read as if it were UTC ("floating" time): what people typed is what
 * they read back, whatever the season, and the calendar export names the
 * zone (TZID=Europe/Brussels).  Only "has it started?" compares with the
 * real clock, through sd_brussels_local().
 */
#ifndef SEDESK_EVENT_H
#define SEDESK_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "desk.h"
#include "enterprise.h"
#include "journal_entry.h"

enum sd_event_kind {
	SD_EVENT_NONE = 0,
	SD_EVENT_WORKSHOP, SD_EVENT_ACQUAINTANCE, SD_EVENT_NETWORK, SD_EVENT_INFO,
	SD_EVENT_PITCH_DAY, SD_EVENT_PLATFORM,
	SD_EVENT_KIND_COUNT
};

enum sd_attend_state {
	SD_ATTEND_NONE = 0,
	SD_ATTEND_INVITED, SD_ATTEND_REGISTERED, SD_ATTEND_ATTENDED, SD_ATTEND_MEMBER,
	SD_ATTEND_STATE_COUNT
};

/* Stable names ("pitch-day", "registered") and translated labels; parse gives 0 when unknown. */
const char *sd_event_kind_name(enum sd_event_kind k);
const char *sd_event_kind_label(enum sd_event_kind k);
enum sd_event_kind sd_event_kind_parse(const char *s);
const char *sd_attend_state_name(enum sd_attend_state s);
const char *sd_attend_state_label(enum sd_attend_state s);

struct sd_event {
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	char		*title;
	enum sd_event_kind kind;
	int64_t		 start, end;	/* floating local time; end 0: not given */
	char		*place;
	char		*depts;		/* comma-separated department ids */
	uint32_t	 capacity;	/* people; 0: no limit */
	char		*description;
	uint8_t		 platform[SD_UUID_LEN];	/* the platform it is a meeting of; zero: none */
	int64_t		 created, updated;
	char		*organiser;	/* who added it */
};

struct sd_attendance {
	uint8_t		 event[SD_UUID_LEN];
	uint8_t		 enterprise[SD_UUID_LEN];
	enum sd_attend_state state;
	uint32_t	 people;	/* registered: how many come (at least 1) */
	int64_t		 invited, registered, attended;	/* when (real time); 0: not */
};

void	sd_event_free(struct sd_event *e);
/* dst becomes a deep copy of src (a form keeps the version it was filled from). */
void	sd_event_copy(struct sd_event *dst, const struct sd_event *src);
bool	sd_event_has_platform(const struct sd_event *e);

/*
 * Parses "YYYY-MM-DDTHH:MM" (also with a space for the T) as floating
 * local time; false when it is no real date and time.
 */
bool	sd_event_time_parse(const char *s, int64_t *out);
/* Writes "YYYY-MM-DD HH:MM" (17 bytes with NUL). */
void	sd_event_time_format(int64_t t, char out[17]);
/* Brussels wall-clock time (floating) of a real time: +1 h, +2 h in summer (EU rules). */
int64_t	sd_brussels_local(int64_t utc);

/* Input of add and edit: NULL not given; "" clears (edit); capacity -1: not given. */
struct sd_event_input {
	const char	*title;
	enum sd_event_kind kind;	/* 0: not given */
	const char	*start, *end;	/* YYYY-MM-DDTHH:MM */
	const char	*place;
	const char	*depts;		/* comma-separated */
	long		 capacity;
	const char	*platform;	/* the platform's id */
	const char	*description;
};

/*
 * Adds an event (a meeting of a platform invites the platform's members
 * in the same transaction); id_out gets its id.  An officer adds events of
 * his own departments only.
 */
sd_status sd_event_add(struct sd_desk *d, const struct sd_event_input *in,
    uint8_t id_out[SD_UUID_LEN], struct sd_error *err);
sd_status sd_event_edit(struct sd_desk *d, const char *ref, const struct sd_event_input *in,
    uint32_t expect_version, struct sd_error *err);

/*
 * Attendance: each is one write transaction for all enterprises given.
 * invite: those not yet on the event's lists (*added: how many were new);
 * register: people (>= 1) of one enterprise, within the capacity (a
 * platform: it becomes a member); attend: after the event started (marks
 * them attended; *added: how many changed); unattend takes a tick back.
 */
sd_status sd_event_invite(struct sd_desk *d, const char *ref, const char *const *ents,
    size_t n, size_t *added, struct sd_error *err);
sd_status sd_event_register(struct sd_desk *d, const char *ref, const char *ent,
    unsigned people, struct sd_error *err);
sd_status sd_event_attend(struct sd_desk *d, const char *ref, const char *const *ents,
    size_t n, size_t *added, struct sd_error *err);
sd_status sd_event_unattend(struct sd_desk *d, const char *ref, const char *ent,
    struct sd_error *err);

/*
 * A follow-up case for one enterprise of the event (channel event, the
 * case names the event), in one write transaction.
 */
sd_status sd_event_case(struct sd_desk *d, const char *ref, const char *ent,
    const char *subject, const char *description, struct sd_case_key *out,
    struct sd_error *err);

/* One enterprise on an event's lists. */
struct sd_event_guest {
	struct sd_attendance a;
	char		*name;		/* the enterprise's name */
	char		*number;	/* its number, or NULL */
};

/* An event with what its screens show. */
struct sd_event_view {
	struct sd_event	 ev;
	struct sd_event_guest *guests;	/* by enterprise name */
	size_t		 nguests;
	uint32_t	 people;	/* registered and attended people */
	char		*platform_title;	/* a meeting: its platform's title */
	struct sd_event	*meetings;	/* a platform: its meetings, by start */
	size_t		 nmeetings;
	bool		 started;	/* by the desk's clock */
	struct sd_journal_entry *journal;	/* oldest first */
	size_t		 njournal;
};
void	sd_event_view_free(struct sd_event_view *v);

/* Reads an event the caller may see (one they may not see is "not found"). */
sd_status sd_event_get(struct sd_desk *d, const char *ref, struct sd_event_view *out,
    struct sd_error *err);

struct sd_event_filter {
	int64_t		 from, to;	/* floating; 0: open (to: before this time) */
	enum sd_event_kind kind;	/* 0: any */
	const char	*dept;		/* events of this department */
};

struct sd_event_rows {
	struct sd_event	*items;
	uint32_t	*people;	/* registered and attended people per event */
	size_t		 n;
	bool		 more;
};
void	sd_event_rows_free(struct sd_event_rows *r);

/* Events the caller may see by start time, within the filter; at most limit. */
sd_status sd_event_list(struct sd_desk *d, const struct sd_event_filter *f, size_t limit,
    struct sd_event_rows *out, struct sd_error *err);

/* Whether the caller may change events at all, and this event (keys, commands). */
bool	sd_event_may_write(const struct sd_desk *d, const struct sd_event *e);

#endif
