/*
 * The desk: what every front end opens first — the configuration, the
 * caller's identity, the store and the clock — and the one place that
 * decides what each role may do.
 */
#ifndef SEDESK_DESK_H
#define SEDESK_DESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "status.h"

/* The schema this build writes.  Stored under "schema" in the store's metadata. */
#define SD_SCHEMA_VERSION 3

/* The store is the core's own (src/core/store.h): the front ends hold only a pointer. */
struct sd_store;

struct sd_desk {
	struct sd_config	 cfg;
	struct sd_store		*store;
	const struct sd_officer	*me;
	int64_t			 fixed_now;	/* 0: the real clock */
	const char		*db_dir;	/* the database directory in use */
	int64_t			 last_tick;	/* sd_desk_tick's last housekeeping */
};

struct sd_desk_options {
	const char	*config;	/* -c FILE, or NULL */
	const char	*db;		/* --db DIR, or NULL */
	bool		 create;	/* create the database if missing (init):
					   an admin's action only (SD_ACT_INIT) */
	bool		 no_store;	/* configuration and identity only (restore) */
	bool		 mailgate;	/* sedesk mailgate: the caller must be one of [mail]
					   gate_unix_users, and acts as gate_user */
};

/*
 * Loads the configuration, resolves the caller and opens the store.
 * $SEDESK_DB overrides the database directory and $SEDESK_NOW fixes the
 * clock (RFC 3339 UTC or epoch seconds), both only when not privileged.
 */
sd_status sd_desk_open(struct sd_desk *d, const struct sd_desk_options *o,
    struct sd_error *err);
void	sd_desk_close(struct sd_desk *d);

/*
 * A number that changes whenever any process commits a change to the
 * database: a front end compares it on a timer to notice others' changes.
 */
uint64_t sd_desk_changes(const struct sd_desk *d);
/*
 * Housekeeping for a long-running front end: call it now and then (the
 * interface does once a second); about once a minute it frees the reader
 * slots of processes that died, which would otherwise pin old pages.
 */
void	sd_desk_tick(struct sd_desk *d);

int64_t	sd_desk_now(const struct sd_desk *d);
sd_day	sd_desk_today(const struct sd_desk *d);
/* Working days added to a day with the configured holidays. */
sd_day	sd_desk_due(const struct sd_desk *d, sd_day start, int days);

/*
 * SD_OK when id names a configured department (category; a NULL category
 * is none and fine); else SD_INVALID with a message that lists the
 * configured ids, err->field "department" ("category").
 */
sd_status sd_desk_known_department(const struct sd_desk *d, const char *id,
    struct sd_error *err);
sd_status sd_desk_known_category(const struct sd_desk *d, const char *id,
    struct sd_error *err);

/* Parses "YYYY-MM-DDTHH:MM:SSZ" or epoch seconds. */
bool	sd_parse_time(const char *s, int64_t *out);

/*
 * What a caller may try; checked by sd_permit() in one place (permit.c).
 * Some actions share one rule about roles and differ only in the states
 * of a case they apply to (sd_permit_case).
 */
enum sd_action {
	SD_ACT_ENTERPRISE_WRITE,	/* add, edit, import enterprises */
	SD_ACT_CASE_CREATE,
	SD_ACT_CASE_EDIT,		/* the fields */
	SD_ACT_CASE_WAIT,		/* roles as CASE_EDIT; not waiting or closed */
	SD_ACT_CASE_REOPEN,		/* roles as CASE_EDIT; waiting or closed */
	SD_ACT_CASE_CLOSE,		/* roles as CASE_EDIT; not closed */
	SD_ACT_CASE_ROUTE,		/* not closed */
	SD_ACT_CASE_NOTE,		/* an officer: on cases routed to their departments */
	SD_ACT_ROUTE_WORK,		/* answer, decline: an open route of dept */
	SD_ACT_ROUTE_PICKUP,		/* roles as ROUTE_WORK; a pending route of dept */
	SD_ACT_ROUTE_WITHDRAW,		/* roles as CASE_ROUTE; an open route, case not closed */
	SD_ACT_ROUTE_REMIND,		/* roles as CASE_ROUTE; an open route, case not closed */
	SD_ACT_CASE_FOLLOW_UP,		/* roles as CASE_EDIT; any case not closed */
	SD_ACT_CASE_OWN,		/* be a case's owner (asked of the new owner) */
	SD_ACT_INIT,			/* create or initialise the database */
	SD_ACT_BACKUP,
	SD_ACT_RESTORE,
	SD_ACT_CHECK,			/* check the database */
	SD_ACT_REPAIR,			/* check --repair */
	SD_ACT_REINDEX,			/* rebuild the search index */
	SD_ACT_WRITE_UNLIMITED,		/* write beyond [limits] writes_per_minute */
	SD_ACT_EVENT_WRITE,		/* add, edit events, their invitations and attendance;
					   an officer: events of his departments (dept) */
	/* Contact moments (moment.h): an officer, those of their departments. */
	SD_ACT_MOMENT_WRITE,		/* add and edit moments */
	SD_ACT_MOMENT_DONE,		/* roles as MOMENT_WRITE; a planned moment took place */
	SD_ACT_MOMENT_CASE,		/* roles as CASE_CREATE; a case made from a moment */
	/* Reports (report.h). */
	SD_ACT_REPORT_DEPT,		/* a department's figures; an officer: his own (dept) */
	SD_ACT_REPORT_ALL,		/* the figures of every case */
	SD_ACT_OPP_WRITE,		/* add, edit, close opportunities, invite, award, SROI;
					   an officer: those of his departments (dept) */
	/* Personal data (privacy.h). */
	SD_ACT_PRIVACY_READ,		/* the register, exports, what retention would do: dpo, admin */
	SD_ACT_PRIVACY_WRITE,		/* erase, compact, apply retention: admin */
	/* Incoming mail (mailgate.h): list and save a case's attachments (it must be seen). */
	SD_ACT_CASE_ATTACHMENTS,
	/* Outgoing mail (mailout, mail.h). */
	SD_ACT_MAIL_DELIVER,		/* deliver the queued mail: every role */
	SD_ACT_OUTBOX,			/* read the outbox, send the digest: admin */
};

/*
 * SD_OK when the caller's role allows the action (for SD_ACT_ROUTE_WORK
 * and SD_ACT_ROUTE_PICKUP: on department dept, or on some department when
 * dept is NULL); else SD_DENIED with a message naming role and action.
 */
sd_status sd_permit(const struct sd_desk *d, enum sd_action a, const char *dept,
    struct sd_error *err);

/* Whether officer o's role allows action a at all (no department, no record). */
bool	sd_officer_may(const struct sd_officer *o, enum sd_action a);

struct sd_case;
struct sd_route;
/*
 * What the caller may do now to case c with its routes: sd_permit, then
 * the case's state (a closed case cannot be routed or closed again, only a
 * pending route can be picked up, an officer notes only cases routed to
 * their departments).  For route work, dept names the route; NULL asks
 * whether any route is one the caller could work on now.  SD_INVALID (or
 * SD_NOTFOUND for a department the case is not routed to, SD_DENIED for a
 * rule of the role) with the message the action itself would give.
 */
sd_status sd_permit_case(const struct sd_desk *d, enum sd_action a, const struct sd_case *c,
    const struct sd_route *routes, size_t nroutes, const char *dept, struct sd_error *err);

#endif
