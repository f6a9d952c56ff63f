/*
 * What the front ends show of a case and would otherwise work out for
 * themselves: whether a case or a route is overdue, and why a case is in
 * someone's inbox.
 */
#include "internal.h"
#include "sedesk/i18n.h"

bool
sd_case_overdue(const struct sd_case *c, sd_day today)
{
	return case_is_running(c->status) && c->due != SD_NO_DAY && c->due < today;
}

bool
route_is_open(enum sd_route_state s)
{
	return s == SD_ROUTE_PENDING || s == SD_ROUTE_PICKED_UP;
}

bool
sd_route_overdue(const struct sd_route *r, sd_day today)
{
	return route_is_open(r->state) && r->due != SD_NO_DAY && r->due < today;
}

const char *
sd_inbox_reason_name(enum sd_inbox_reason r)
{
	switch (r) {
	case SD_REASON_OVERDUE:		return "overdue";
	case SD_REASON_ANSWERED:	return "answered";
	case SD_REASON_NEW:		return "new";
	case SD_REASON_PENDING:		return "pending";
	case SD_REASON_PICKED_UP:	return "picked_up";
	case SD_REASON_REMINDED:	return "reminded";
	case SD_REASON_WAIT_OVER:	return "wait_over";
	case SD_REASON_FOLLOW_UP:	return "follow_up";
	case SD_REASON_NONE:		break;
	}
	return NULL;
}

const char *
sd_inbox_reason_label(enum sd_inbox_reason r)
{
	switch (r) {
	case SD_REASON_OVERDUE:		return _("overdue");
	case SD_REASON_ANSWERED:	return _("answered");
	case SD_REASON_NEW:		return _("new");
	case SD_REASON_PENDING:		return _("pending");
	case SD_REASON_PICKED_UP:	return _("picked up");
	case SD_REASON_REMINDED:	return _("reminded");
	case SD_REASON_WAIT_OVER:	return _("wait over");
	case SD_REASON_FOLLOW_UP:	return _("follow-up due");
	case SD_REASON_NONE:		break;
	}
	return "";
}
