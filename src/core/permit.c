/*
 * Permissions: the one place that says who may do what, by role and
 * department (sd_permit) and by the state of the case it is done to
 * (sd_permit_case).  The actions ask here before they change anything;
 * the front ends ask the same functions which keys to offer.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "sedesk/moment.h"

/* The rule about roles an action shares with others (it differs only by state). */
static enum sd_action
role_rule(enum sd_action a)
{
	switch (a) {
	case SD_ACT_CASE_WAIT:
	case SD_ACT_CASE_REOPEN:
	case SD_ACT_CASE_CLOSE:
	case SD_ACT_CASE_FOLLOW_UP:
		return SD_ACT_CASE_EDIT;
	case SD_ACT_ROUTE_PICKUP:
		return SD_ACT_ROUTE_WORK;
	/* Who routes a case may take a route back or remind its department. */
	case SD_ACT_ROUTE_WITHDRAW:
	case SD_ACT_ROUTE_REMIND:
		return SD_ACT_CASE_ROUTE;
	case SD_ACT_MOMENT_DONE:
		return SD_ACT_MOMENT_WRITE;
	/* A case made from a moment is a new case. */
	case SD_ACT_MOMENT_CASE:
		return SD_ACT_CASE_CREATE;
	default:
		return a;
	}
}

/*
 * The roles, action by action.  Administrators may do everything; the
 * jobs on the whole database are theirs alone, but a manager checks it.
 * Only an administrator writes without the rate limit: they are trusted
 * with the configuration (the limit itself) and run the bulk jobs.
 */
bool
sd_officer_may(const struct sd_officer *o, enum sd_action a)
{
	a = role_rule(a);
	/* Delivering what is queued is housekeeping anyone's sedesk does (mailout). */
	if (a == SD_ACT_MAIL_DELIVER)
		return o->role != SD_ROLE_NONE;
	switch (o->role) {
	case SD_ROLE_ADMIN:
		return true;
	/* The reports are the managers' and the contact point's; officers see their own. */
	case SD_ROLE_CONTACT:
		return a == SD_ACT_REPORT_DEPT || a == SD_ACT_REPORT_ALL ||
		    a == SD_ACT_ENTERPRISE_WRITE || a == SD_ACT_CASE_CREATE ||
		    a == SD_ACT_CASE_EDIT || a == SD_ACT_CASE_ROUTE || a == SD_ACT_CASE_NOTE ||
		    a == SD_ACT_CASE_OWN || a == SD_ACT_EVENT_WRITE || a == SD_ACT_MOMENT_WRITE ||
		    a == SD_ACT_OPP_WRITE || a == SD_ACT_CASE_ATTACHMENTS;
	/*
	 * Officers make many of the visits: they record the moments of their
	 * departments, and organise their departments' events (sd_permit with
	 * the department).  The purchasing department's officers (any
	 * officer) record their own departments' opportunities.
	 */
	case SD_ROLE_OFFICER:
		return a == SD_ACT_ROUTE_WORK || a == SD_ACT_CASE_NOTE || a == SD_ACT_EVENT_WRITE ||
		    a == SD_ACT_MOMENT_WRITE || a == SD_ACT_REPORT_DEPT || a == SD_ACT_OPP_WRITE ||
		    a == SD_ACT_CASE_ATTACHMENTS;
	case SD_ROLE_MANAGER:
		return a == SD_ACT_CHECK || a == SD_ACT_REPORT_DEPT || a == SD_ACT_REPORT_ALL ||
		    a == SD_ACT_CASE_ATTACHMENTS;
	/*
	 * The data protection officer reads what the desk holds about people
	 * (register, exports, what retention would do) and changes nothing:
	 * issue 17 gives the dpo reading; erasure and retention change
	 * records and compact the database, which is the administrator's,
	 * like restore.  No other action: a dpo works no case.
	 */
	case SD_ROLE_DPO:
		return a == SD_ACT_PRIVACY_READ;
	/* Incoming mail: a new case, or a note on the case a reply names; nothing else. */
	case SD_ROLE_GATE:
		return a == SD_ACT_CASE_CREATE || a == SD_ACT_CASE_NOTE;
	case SD_ROLE_NONE:
		break;
	}
	return false;
}

static const char *
action_label(enum sd_action a)
{
	switch (role_rule(a)) {
	case SD_ACT_ENTERPRISE_WRITE:	return _("change the enterprise register");
	case SD_ACT_CASE_CREATE:	return _("create cases");
	case SD_ACT_CASE_EDIT:		return _("change cases");
	case SD_ACT_CASE_ROUTE:		return _("route cases");
	case SD_ACT_CASE_NOTE:		return _("add notes");
	case SD_ACT_ROUTE_WORK:		return _("work on routes");
	case SD_ACT_CASE_OWN:		return _("own cases");
	case SD_ACT_INIT:		return _("create or initialise the database");
	case SD_ACT_WRITE_UNLIMITED:	return _("change more than the write limit allows");
	case SD_ACT_EVENT_WRITE:	return _("organise events");
	case SD_ACT_MOMENT_WRITE:	return _("record contact moments");
	case SD_ACT_OPP_WRITE:		return _("record opportunities");
	case SD_ACT_CASE_ATTACHMENTS:	return _("save e-mail attachments");
	default:			return "?";
	}
}

/* The jobs on the whole database say whose they are in their own words. */
static const char *
refusal(enum sd_action a)
{
	switch (a) {
	case SD_ACT_BACKUP:	return _("only an administrator makes backups.");
	case SD_ACT_RESTORE:	return _("only an administrator restores backups.");
	case SD_ACT_CHECK:	return _("only an administrator or a manager checks the database.");
	case SD_ACT_REPAIR:	return _("only an administrator repairs the database.");
	case SD_ACT_REINDEX:	return _("only an administrator rebuilds the search index.");
	case SD_ACT_OUTBOX:	return _("only an administrator reads the outbox and sends the "
				    "digest.");
	case SD_ACT_REPORT_ALL:	return _("only a manager, the contact point or an administrator "
				    "sees the figures of every case; an officer sees the "
				    "departments report of his own departments.");
	case SD_ACT_PRIVACY_READ:
		return _("only an administrator or the data protection officer (role dpo) "
		    "reads the personal data register, exports and retention.");
	case SD_ACT_PRIVACY_WRITE:
		return _("only an administrator erases personal data, applies retention "
		    "or compacts the database.");
	default:		return NULL;
	}
}

sd_status
sd_permit(const struct sd_desk *d, enum sd_action a, const char *dept, struct sd_error *err)
{
	const struct sd_officer *me = d->me;

	if (!sd_officer_may(me, a)) {
		if (refusal(a) != NULL)
			return sd_fail(err, SD_DENIED, "%s", refusal(a));
		return sd_fail(err, SD_DENIED, _("%s has the role %s, which may not %s."),
		    me->login, sd_role_label(me->role), action_label(a));
	}
	/* A department's routes are its own officers' (and an administrator's). */
	if (role_rule(a) == SD_ACT_ROUTE_WORK && me->role == SD_ROLE_OFFICER && dept != NULL &&
	    !sd_officer_serves(me, dept))
		return sd_fail(err, SD_DENIED,
		    _("%s does not serve department %s; only its own "
		    "officers can pick up, answer or decline its routes."),
		    me->login, dept);
	/* An officer organises the events of his own departments. */
	if (a == SD_ACT_EVENT_WRITE && me->role == SD_ROLE_OFFICER && dept != NULL &&
	    !sd_officer_serves(me, dept))
		return sd_fail(err, SD_DENIED,
		    _("%s does not serve department %s; an officer organises the events of his "
		    "own departments."), me->login, dept);
	/* An officer sees the figures of his own departments only (NULL: some department). */
	if (a == SD_ACT_REPORT_DEPT && me->role == SD_ROLE_OFFICER && dept != NULL &&
	    !sd_officer_serves(me, dept))
		return sd_fail(err, SD_DENIED,
		    _("%s does not serve department %s; an officer sees the figures of his own "
		    "departments."), me->login, dept);
	/* An officer records the opportunities of his own departments. */
	if (a == SD_ACT_OPP_WRITE && me->role == SD_ROLE_OFFICER && dept != NULL &&
	    !sd_officer_serves(me, dept))
		return sd_fail(err, SD_DENIED,
		    _("%s does not serve department %s; an officer records the opportunities of "
		    "his own departments."), me->login, dept);
	return SD_OK;
}

/*
 * Opportunities: an officer reads those of his departments; managers,
 * the contact point and administrators read every one.
 */
bool
sd_sees_opportunity(const struct sd_desk *d, const char *dept)
{
	if (d->me->role != SD_ROLE_OFFICER)
		return true;
	return dept != NULL && sd_officer_serves(d->me, dept);
}

/* --- what the caller sees -------------------------------------------------------- */

/*
 * Events: an officer sees those of his departments (one that names none of
 * them is "not found"); every other role sees every event.
 */
bool
sd_sees_event(const struct sd_desk *d, const char *depts)
{
	const char *p = depts;

	if (d->me->role != SD_ROLE_OFFICER)
		return true;
	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char id[128];

		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		if (n > 0 && n < sizeof id) {
			memcpy(id, p, n);
			id[n] = '\0';
			if (sd_officer_serves(d->me, id))
				return true;
		}
		p = e ? e + 1 : NULL;
	}
	return false;
}

/*
 * An officer sees the cases routed to one of their departments (and the
 * enterprises of those); everyone else sees every case.
 */
bool
sd_sees_all_cases(const struct sd_desk *d)
{
	return d->me->role != SD_ROLE_OFFICER;
}

bool
sd_sees_case(const struct sd_desk *d, const struct sd_route *routes, size_t n)
{
	if (sd_sees_all_cases(d))
		return true;
	for (size_t i = 0; i < n; i++) {
		if (sd_officer_serves(d->me, routes[i].dept))
			return true;
	}
	return false;
}

/* --- the states of a case -------------------------------------------------------- */

/* Whether the caller may work on routes of dept (an administrator: every one). */
static bool
works_for(const struct sd_desk *d, const char *dept)
{
	return d->me->role == SD_ROLE_ADMIN || sd_officer_serves(d->me, dept);
}

/* The checks of one route, as pick up, answer and decline make them. */
static sd_status
permit_route(const struct sd_desk *d, enum sd_action a, const struct sd_case *c,
    const struct sd_route *routes, size_t n, const char *dept, struct sd_error *err)
{
	const struct sd_route *r = NULL;
	char num[SD_CASE_NUMBER_MAX];

	sd_case_number_format(c->key, num);
	for (size_t i = 0; i < n && r == NULL; i++) {
		if (strcmp(routes[i].dept, dept) == 0)
			r = &routes[i];
	}
	if (r == NULL)
		return sd_fail(err, SD_NOTFOUND, _("case %s is not routed to %s."), num, dept);
	if (a == SD_ACT_ROUTE_PICKUP && r->state == SD_ROUTE_PICKED_UP && r->officer != NULL &&
	    strcmp(r->officer, d->me->login) != 0)
		return sd_fail(err, SD_INVALID, _("%s's route of case %s was already picked up by %s."),
		    dept, num, r->officer);
	if (!route_is_open(r->state))
		return sd_fail(err, SD_INVALID, _("%s's route of case %s is already %s."),
		    dept, num, sd_route_state_label(r->state));
	if (a == SD_ACT_ROUTE_PICKUP && r->state == SD_ROUTE_PICKED_UP)
		return sd_fail(err, SD_INVALID, _("%s's route was already picked up by %s."),
		    dept, r->officer ? r->officer : "?");
	return SD_OK;
}

static sd_status
refuse_closed(const struct sd_case *c, struct sd_error *err)
{
	char num[SD_CASE_NUMBER_MAX];

	if (c->status != SD_CASE_CLOSED)
		return SD_OK;
	sd_case_number_format(c->key, num);
	return sd_fail(err, SD_INVALID, _("case %s is closed; reopen it first (`sedesk case reopen %s`)."),
	    num, num);
}

sd_status
sd_permit_case(const struct sd_desk *d, enum sd_action a, const struct sd_case *c,
    const struct sd_route *routes, size_t n, const char *dept, struct sd_error *err)
{
	sd_status s;

	if ((s = sd_permit(d, a, dept, err)) != SD_OK)
		return s;
	switch (a) {
	case SD_ACT_CASE_ROUTE:
		return refuse_closed(c, err);
	case SD_ACT_CASE_FOLLOW_UP:
		return refuse_closed(c, err);
	case SD_ACT_ROUTE_WITHDRAW:
	case SD_ACT_ROUTE_REMIND:
		/* An open route of dept on a case still open (dept NULL: any open route). */
		if ((s = refuse_closed(c, err)) != SD_OK)
			return s;
		if (dept != NULL)
			return permit_route(d, a, c, routes, n, dept, err);
		for (size_t i = 0; i < n; i++) {
			if (route_is_open(routes[i].state))
				return SD_OK;
		}
		return sd_fail(err, SD_INVALID, _("the case has no open route."));
	case SD_ACT_CASE_WAIT:
		if (c->status == SD_CASE_WAITING)
			return sd_fail(err, SD_INVALID,
			    _("the case is already waiting on the enterprise."));
		return refuse_closed(c, err);
	case SD_ACT_CASE_REOPEN:
		if (c->status != SD_CASE_WAITING && c->status != SD_CASE_CLOSED)
			return sd_fail(err, SD_INVALID,
			    _("only a waiting or closed case can be reopened; this one is %s."),
			    sd_case_status_label(c->status));
		return SD_OK;
	case SD_ACT_CASE_CLOSE:
		if (c->status == SD_CASE_CLOSED)
			return sd_fail(err, SD_INVALID, _("the case is already closed."));
		return SD_OK;
	case SD_ACT_CASE_NOTE:
		/* An officer writes on the cases they see: those of their departments. */
		if (!sd_sees_case(d, routes, n))
			return sd_fail(err, SD_DENIED,
			    _("%s may only add notes to cases routed to their departments."),
			    d->me->login);
		return SD_OK;
	case SD_ACT_ROUTE_WORK:
	case SD_ACT_ROUTE_PICKUP:
		if (dept != NULL)
			return permit_route(d, a, c, routes, n, dept, err);
		/* Is there a route the caller could take up now? */
		for (size_t i = 0; i < n; i++) {
			if (works_for(d, routes[i].dept) &&
			    permit_route(d, a, c, routes, n, routes[i].dept, NULL) == SD_OK)
				return SD_OK;
		}
		return sd_fail(err, SD_INVALID, _("no open route of your departments on this case."));
	default:
		return SD_OK;
	}
}

/* --- contact moments ------------------------------------------------------------- */

/* Whether list (comma-separated) holds item. */
static bool
list_has(const char *list, const char *item)
{
	size_t n = strlen(item);

	for (const char *p = list; p != NULL && *p != '\0'; ) {
		const char *e = strchr(p, ',');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, item, n) == 0)
			return true;
		p = e != NULL ? e + 1 : NULL;
	}
	return false;
}

/*
 * An officer sees the moments of his departments (those listed on the
 * moment) and those he recorded or took part in; everyone else sees all
 * (a manager reads them, contact and admin write them).
 */
bool
sd_sees_moment(const struct sd_desk *d, const struct sd_moment *m)
{
	const struct sd_officer *me = d->me;

	if (sd_sees_all_cases(d))
		return true;
	if ((m->owner != NULL && strcmp(m->owner, me->login) == 0) ||
	    list_has(m->participants, me->login))
		return true;
	for (size_t i = 0; i < me->ndepartments; i++)
		if (list_has(m->departments, me->departments[i]))
			return true;
	return false;
}

sd_status
sd_permit_moment(const struct sd_desk *d, enum sd_action a, const struct sd_moment *m,
    struct sd_error *err)
{
	char id[SD_UUID_STR];
	sd_status s;

	if ((s = sd_permit(d, a, NULL, err)) != SD_OK)
		return s;
	/* One the caller may not see is one that does not exist (the words of moment_load). */
	sd_uuid_format(m->id, id);
	if (!sd_sees_moment(d, m))
		return sd_fail(err, SD_NOTFOUND, _("no contact moment %s."), id);
	switch (a) {
	case SD_ACT_MOMENT_DONE:
		if (m->state == SD_MOMENT_HELD)
			return sd_fail(err, SD_INVALID,
			    _("the contact moment already took place; change its report with "
			    "`sedesk moment edit`."));
		return SD_OK;
	case SD_ACT_MOMENT_CASE:
		if (m->case_number != NULL)
			return sd_fail(err, SD_INVALID,
			    _("the contact moment is already linked to case %s."), m->case_number);
		return SD_OK;
	default:
		return SD_OK;
	}
}
