/*
 * Names of case states, route states, channels and priorities: stable
 * names for storage and scripts, translated labels for people.
 */
#include <string.h>

#include "sedesk/case.h"
#include "sedesk/i18n.h"

static const char *const status_names[SD_CASE_STATUS_COUNT] = {
	NULL, "new", "routed", "in_progress", "answered", "waiting", "closed",
};
static const char *const status_labels[SD_CASE_STATUS_COUNT] = {
	NULL, N_("new"), N_("routed"), N_("in progress"), N_("answered"), N_("waiting"),
	N_("closed"),
};
static const char *const route_names[SD_ROUTE_STATE_COUNT] = {
	NULL, "pending", "picked_up", "answered", "declined", "withdrawn",
};
static const char *const route_labels[SD_ROUTE_STATE_COUNT] = {
	NULL, N_("pending"), N_("picked up"), N_("answered"), N_("declined"), N_("withdrawn"),
};
static const char *const channel_names[SD_CHANNEL_COUNT] = {
	NULL, "phone", "email", "desk", "site-visit", "pitch", "event", "web", "meeting",
};
static const char *const priority_names[SD_PRIORITY_COUNT] = {
	NULL, "low", "normal", "high", "urgent",
};
static const char *const channel_labels[SD_CHANNEL_COUNT] = {
	NULL, N_("phone"), N_("e-mail"), N_("desk visit"), N_("site visit"), N_("pitch"),
	N_("event"), N_("web"), N_("meeting"),
};
static const char *const priority_labels[SD_PRIORITY_COUNT] = {
	NULL, N_("low"), N_("normal"), N_("high"), N_("urgent"),
};

/* Journal kinds: stored and exported by name, shown to people translated. */
static const struct {
	const char	*name;
	const char	*label;
} journal_kinds[] = {
	{ "created", N_("created") },
	{ "routed", N_("routed to") },
	{ "picked_up", N_("picked up by") },
	{ "answered", N_("answered for") },
	{ "declined", N_("declined for") },
	{ "withdrawn", N_("withdrawn from") },
	{ "reminded", N_("reminder to") },
	{ "waiting", N_("waiting on the enterprise") },
	{ "follow_up", N_("follow-up") },
	{ "note", N_("note") },
	{ "status", N_("status") },
	{ "field", N_("changed") },
	{ "closed", N_("closed") },
	{ "reopened", N_("reopened") },
	/* bulk: a case brought in by `sedesk case import` (case_import.c). */
	{ "imported", N_("imported") },
};

static int
lookup(const char *const *names, int n, const char *s)
{
	if (s == NULL)
		return 0;
	for (int i = 1; i < n; i++) {
		if (strcmp(names[i], s) == 0)
			return i;
	}
	return 0;
}

#define NAME(table, count, v) ((int)(v) > 0 && (int)(v) < (count) ? (table)[v] : "?")

const char *sd_case_status_name(enum sd_case_status s) { return NAME(status_names, SD_CASE_STATUS_COUNT, s); }
const char *sd_route_state_name(enum sd_route_state s) { return NAME(route_names, SD_ROUTE_STATE_COUNT, s); }
const char *sd_channel_name(enum sd_channel c) { return NAME(channel_names, SD_CHANNEL_COUNT, c); }
const char *sd_priority_name(enum sd_priority p) { return NAME(priority_names, SD_PRIORITY_COUNT, p); }

const char *
sd_case_status_label(enum sd_case_status s)
{
	return _(NAME(status_labels, SD_CASE_STATUS_COUNT, s));
}

const char *
sd_route_state_label(enum sd_route_state s)
{
	return _(NAME(route_labels, SD_ROUTE_STATE_COUNT, s));
}

const char *
sd_channel_label(enum sd_channel c)
{
	return _(NAME(channel_labels, SD_CHANNEL_COUNT, c));
}

const char *
sd_priority_label(enum sd_priority p)
{
	return _(NAME(priority_labels, SD_PRIORITY_COUNT, p));
}

const char *
sd_journal_kind_label(const char *kind)
{
	for (size_t i = 0; kind != NULL && i < sizeof journal_kinds / sizeof journal_kinds[0]; i++) {
		if (strcmp(journal_kinds[i].name, kind) == 0)
			return _(journal_kinds[i].label);
	}
	return kind ? kind : "";
}

enum sd_case_status
sd_case_status_parse(const char *s)
{
	/* "in-progress" is what people type. */
	if (s != NULL && strcmp(s, "in-progress") == 0)
		return SD_CASE_IN_PROGRESS;
	return lookup(status_names, SD_CASE_STATUS_COUNT, s);
}

enum sd_route_state
sd_route_state_parse(const char *s)
{
	if (s != NULL && strcmp(s, "picked-up") == 0)
		return SD_ROUTE_PICKED_UP;
	return lookup(route_names, SD_ROUTE_STATE_COUNT, s);
}

enum sd_channel
sd_channel_parse(const char *s)
{
	if (s != NULL && strcmp(s, "site_visit") == 0)
		return SD_CHANNEL_SITE_VISIT;
	return lookup(channel_names, SD_CHANNEL_COUNT, s);
}

enum sd_priority
sd_priority_parse(const char *s)
{
	return lookup(priority_names, SD_PRIORITY_COUNT, s);
}

const char *
sd_route_symbol(enum sd_route_state s)
{
	switch (s) {
	case SD_ROUTE_PENDING:		return "…";
	case SD_ROUTE_PICKED_UP:	return "▸";
	case SD_ROUTE_ANSWERED:		return "✓";
	case SD_ROUTE_DECLINED:		return "✗";
	case SD_ROUTE_WITHDRAWN:	return "–";
	default:			return "?";
	}
}
