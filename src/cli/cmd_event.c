/*
 * sedesk event add | edit | invite | register | attend | list | show |
 * export | case
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export_notice_cli.h"
#include "sedesk/event.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/words.h"

/* Fills the input from the options; -1 after a usage message. */
static int
event_input(const struct cli_args *a, struct sd_event_input *in, char **text)
{
	const char *kind = cli_opt(a, "kind"), *cap = cli_opt(a, "capacity");
	const char *t = cli_opt(a, "text"), *tf = cli_opt(a, "text-file");
	unsigned long v;

	memset(in, 0, sizeof *in);
	*text = NULL;
	in->capacity = -1;
	if (kind != NULL && (in->kind = sd_event_kind_parse(kind)) == SD_EVENT_NONE)
		return cli_usage(a->cmd, _("unknown kind %s; use workshop, acquaintance, network, "
		    "info, pitch-day or platform."), kind), -1;
	if (cap != NULL) {
		if (!cli_parse_uint(cap, 100000, &v))
			return cli_usage(a->cmd, _("--capacity %s: give a number of people from 0 "
			    "(no limit) to 100000."), cap), -1;
		in->capacity = (long)v;
	}
	if (t != NULL && tf != NULL)
		return cli_usage(a->cmd, _("give --text or --text-file, not both.")), -1;
	if (tf != NULL && (*text = cli_read_file(tf)) == NULL)
		return -1;
	in->title = cli_opt(a, "title");
	in->start = cli_opt(a, "start");
	in->end = cli_opt(a, "end");
	in->place = cli_opt(a, "place");
	in->depts = cli_opt(a, "dept");
	in->platform = cli_opt(a, "platform");
	in->description = *text != NULL ? *text : t;
	return 0;
}

int
cmd_event_add(struct cli *cli, const struct cli_args *a)
{
	struct sd_event_input in;
	struct sd_error err;
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR], *text;
	sd_status s;

	if (event_input(a, &in, &text) < 0)
		return SD_INVALID;
	s = sd_event_add(&cli->desk, &in, id, &err);
	free(text);
	if (s != SD_OK)
		return cli_report(&err);
	sd_uuid_format(id, ids);
	return cli_print_made(cli, "id", ids);
}

int
cmd_event_edit(struct cli *cli, const struct cli_args *a)
{
	struct sd_event_input in;
	struct sd_error err;
	uint32_t expect;
	char *text;
	sd_status s;

	if (event_input(a, &in, &text) < 0 || cli_version(a, &expect) < 0) {
		free(text);
		return SD_INVALID;
	}
	s = sd_event_edit(&cli->desk, a->argv[0], &in, expect, &err);
	free(text);
	if (s != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_event_invite(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	size_t added;

	if (sd_event_invite(&cli->desk, a->argv[0], (const char *const *)a->argv + 1,
	    (size_t)a->argc - 1, &added, &err) != SD_OK)
		return cli_report(&err);
	cli_printf(_("%zu invited; %zu already on the lists."), added,
	    (size_t)a->argc - 1 - added);
	return 0;
}

int
cmd_event_register(struct cli *cli, const struct cli_args *a)
{
	const char *p = cli_opt(a, "people");
	unsigned long people = 1;
	struct sd_error err;

	if (p != NULL && (!cli_parse_uint(p, 1000, &people) || people == 0))
		return cli_usage(a->cmd, _("--people %s: give a number from 1 to 1000."), p);
	if (sd_event_register(&cli->desk, a->argv[0], a->argv[1], (unsigned)people, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_event_attend(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	size_t added;

	if (sd_event_attend(&cli->desk, a->argv[0], (const char *const *)a->argv + 1,
	    (size_t)a->argc - 1, &added, &err) != SD_OK)
		return cli_report(&err);
	cli_printf(_("%zu marked as attended; %zu were already."), added,
	    (size_t)a->argc - 1 - added);
	return 0;
}

/* --- reading --------------------------------------------------------------------- */

static json_t *
jtime(int64_t t)
{
	char buf[17];

	if (t == 0)
		return json_null();
	sd_event_time_format(t, buf);
	buf[10] = 'T';
	return json_string(buf);
}

static json_t *
event_json(const struct sd_event *e)
{
	char id[SD_UUID_STR], pf[SD_UUID_STR];

	sd_uuid_format(e->id, id);
	sd_uuid_format(e->platform, pf);
	return json_pack("{s:s, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "id", id, "version", (json_int_t)e->version, "title", e->title,
	    "kind", sd_event_kind_name(e->kind), "start", jtime(e->start), "end", jtime(e->end),
	    "place", cli_jstr(e->place), "departments", cli_jlist(e->depts),
	    "capacity", e->capacity ? json_integer(e->capacity) : json_null(),
	    "description", cli_jstr(e->description),
	    "platform", sd_event_has_platform(e) ? json_string(pf) : json_null(),
	    "organiser", cli_jstr(e->organiser), "created", cli_jtime(e->created),
	    "updated", cli_jtime(e->updated));
}

/* Parses --from and --to (days; --to inclusive) into floating times. */
static int
period(const struct cli_args *a, struct sd_event_filter *f)
{
	const char *from = cli_opt(a, "from"), *to = cli_opt(a, "to");
	sd_day d;

	if (from != NULL) {
		if (!sd_day_parse(from, &d) || !sd_day_in_range(d))
			return cli_usage(a->cmd, _("--from %s: give a day as YYYY-MM-DD."), from), -1;
		f->from = (int64_t)d * 86400;
	}
	if (to != NULL) {
		if (!sd_day_parse(to, &d) || !sd_day_in_range(d))
			return cli_usage(a->cmd, _("--to %s: give a day as YYYY-MM-DD."), to), -1;
		f->to = ((int64_t)d + 1) * 86400;
	}
	if (f->from != 0 && f->to != 0 && f->to <= f->from)
		return cli_usage(a->cmd, _("--to %s lies before --from %s."), to, from), -1;
	return 0;
}

int
cmd_event_list(struct cli *cli, const struct cli_args *a)
{
	struct sd_event_filter f = { 0 };
	struct sd_event_rows rows;
	struct sd_error err;
	const char *kind = cli_opt(a, "kind");
	size_t limit;

	if (period(a, &f) < 0 || cli_limit(a, 100, &limit) < 0)
		return SD_INVALID;
	if (kind != NULL && (f.kind = sd_event_kind_parse(kind)) == SD_EVENT_NONE)
		return cli_usage(a->cmd, _("unknown kind %s; use workshop, acquaintance, network, "
		    "info, pitch-day or platform."), kind);
	f.dept = cli_opt(a, "dept");
	if (f.dept != NULL && sd_desk_known_department(&cli->desk, f.dept, &err) != SD_OK)
		return cli_report(&err);
	if (sd_event_list(&cli->desk, &f, limit, &rows, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < rows.n; i++) {
			json_t *o = event_json(&rows.items[i]);
			json_object_set_new(o, "people", json_integer(rows.people[i]));
			json_array_append_new(arr, o);
		}
		cli_json_print(json_pack("{s:o, s:b}", "events", arr, "more", rows.more));
	} else {
		for (size_t i = 0; i < rows.n; i++) {
			const struct sd_event *e = &rows.items[i];
			char id[SD_UUID_STR], when[17];
			sd_uuid_format(e->id, id);
			sd_event_time_format(e->start, when);
			cli_printf(ngettext("%s  %s  %s (%s; %u person)  %s",
			    "%s  %s  %s (%s; %u people)  %s", rows.people[i]), when,
			    sd_event_kind_label(e->kind), e->title, e->place ? e->place : "-",
			    rows.people[i], id);
		}
		if (rows.n == 0)
			cli_print(_("No events."));
		if (rows.more)
			cli_print(_("(more: narrow with --from, --to or --kind, or raise --limit)"));
	}
	sd_event_rows_free(&rows);
	return 0;
}

static const enum sd_attend_state shown[] = {
	SD_ATTEND_MEMBER, SD_ATTEND_INVITED, SD_ATTEND_REGISTERED, SD_ATTEND_ATTENDED,
};

static const char *
list_title(enum sd_attend_state s)
{
	switch (s) {
	case SD_ATTEND_MEMBER:		return _("Members");
	case SD_ATTEND_INVITED:		return _("Invited");
	case SD_ATTEND_REGISTERED:	return _("Registered");
	case SD_ATTEND_ATTENDED:	return _("Attended");
	default:			return "?";
	}
}

static json_t *
guest_json(const struct sd_event_guest *g)
{
	char id[SD_UUID_STR];

	sd_uuid_format(g->a.enterprise, id);
	return json_pack("{s:{s:s, s:o, s:o}, s:s, s:i, s:o, s:o, s:o}",
	    "enterprise", "id", id, "name", cli_jstr(g->name), "number", cli_jstr(g->number),
	    "state", sd_attend_state_name(g->a.state), "people", (json_int_t)g->a.people,
	    "invited", cli_jtime(g->a.invited), "registered", cli_jtime(g->a.registered),
	    "attended", cli_jtime(g->a.attended));
}

/* A journaled value as people read it: an event's times as typed, else as stored. */
static const char *
jvalue(const struct sd_journal_entry *e, const char *v, char buf[17])
{
	long long t;
	char *end;

	if (v == NULL || (strcmp(e->field, "start") != 0 && strcmp(e->field, "end") != 0))
		return v;
	t = strtoll(v, &end, 10);
	if (*end != '\0' || t == 0)
		return v;
	sd_event_time_format((int64_t)t, buf);
	return buf;
}

/* An event's journal entry kind in words ("invited", "follow-up case"). */
static const char *
kind_words(const char *kind)
{
	for (int s = 1; s < SD_ATTEND_STATE_COUNT; s++)
		if (strcmp(kind, sd_attend_state_name((enum sd_attend_state)s)) == 0)
			return sd_attend_state_label((enum sd_attend_state)s);
	if (strcmp(kind, "not-attended") == 0)
		return _("attendance taken back");
	if (strcmp(kind, "case") == 0)
		return _("follow-up case");
	return sd_journal_kind_label(kind);
}

static json_t *
journal_json(const struct sd_event_view *v)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < v->njournal; i++) {
		const struct sd_journal_entry *e = &v->journal[i];
		json_t *j = json_pack("{s:o, s:o, s:o, s:o}", "at", cli_jtime(e->at), "actor",
		    cli_jstr(e->actor), "kind", cli_jstr(e->kind), "text", cli_jstr(e->text));
		if (e->field != NULL) {
			char a[17], b[17];
			json_object_set_new(j, "field", cli_jstr(e->field));
			json_object_set_new(j, "old", cli_jstr(jvalue(e, e->old_value, a)));
			json_object_set_new(j, "new", cli_jstr(jvalue(e, e->new_value, b)));
		}
		json_array_append_new(arr, j);
	}
	return arr;
}

int
cmd_event_show(struct cli *cli, const struct cli_args *a)
{
	struct sd_event_view v;
	struct sd_error err;
	const struct sd_event *e;
	char when[17], id[SD_UUID_STR];

	if (sd_event_get(&cli->desk, a->argv[0], &v, &err) != SD_OK)
		return cli_report(&err);
	e = &v.ev;
	if (cli->json) {
		json_t *o = event_json(e), *guests = json_array(), *meetings = json_array();
		for (size_t i = 0; i < v.nguests; i++)
			json_array_append_new(guests, guest_json(&v.guests[i]));
		for (size_t i = 0; i < v.nmeetings; i++)
			json_array_append_new(meetings, event_json(&v.meetings[i]));
		json_object_set_new(o, "kind_label", json_string(sd_event_kind_label(e->kind)));
		json_object_set_new(o, "platform_title", cli_jstr(v.platform_title));
		json_object_set_new(o, "people", json_integer(v.people));
		json_object_set_new(o, "started", json_boolean(v.started));
		json_object_set_new(o, "guests", guests);
		json_object_set_new(o, "meetings", meetings);
		json_object_set_new(o, "journal", journal_json(&v));
		cli_json_print(o);
		sd_event_view_free(&v);
		return 0;
	}
	sd_uuid_format(e->id, id);
	cli_printf(_("Event %s  [%s]  version %u"), e->title, sd_event_kind_label(e->kind),
	    e->version);
	cli_printf("  %-13s %s", _("Id"), id);
	sd_event_time_format(e->start, when);
	cli_printf("  %-13s %s", _("Start"), when);
	if (e->end != 0) {
		sd_event_time_format(e->end, when);
		cli_printf("  %-13s %s", _("End"), when);
	}
	cli_printf("  %-13s %s", _("Place"), e->place ? e->place : "-");
	{
		struct sd_buf b = { 0 };
		char *copy = sd_xstrdup(e->depts), *save = NULL;
		for (char *p = copy ? strtok_r(copy, ",", &save) : NULL; p != NULL;
		    p = strtok_r(NULL, ",", &save))
			sd_buf_addf(&b, "%s%s", b.len ? ", " : "", sd_dept_words(&cli->desk.cfg, p));
		sd_buf_adds(&b, "");
		cli_printf("  %-13s %s", _("Departments"), b.len ? b.data : "-");
		sd_buf_free(&b);
		free(copy);
	}
	if (e->capacity > 0)
		cli_printf(_("  %-13s %u of %u places taken"), _("Capacity"), v.people, e->capacity);
	else
		cli_printf(_("  %-13s %u people, no limit"), _("Capacity"), v.people);
	if (v.platform_title != NULL)
		cli_printf("  %-13s %s", _("Platform"), v.platform_title);
	cli_printf("  %-13s %s", _("Organiser"), e->organiser ? e->organiser : "-");
	if (e->description != NULL) {
		cli_print(_("Description:"));
		cli_print_lines(2, "  %s", e->description);
	}
	for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
		size_t n = 0;
		/* A platform has members and invitations; its meetings have the rest. */
		if ((shown[k] == SD_ATTEND_MEMBER) != (e->kind == SD_EVENT_PLATFORM) &&
		    shown[k] != SD_ATTEND_INVITED)
			continue;
		for (size_t i = 0; i < v.nguests; i++)
			n += v.guests[i].a.state == shown[k];
		cli_printf("%s (%zu):", list_title(shown[k]), n);
		for (size_t i = 0; i < v.nguests; i++) {
			const struct sd_event_guest *g = &v.guests[i];
			if (g->a.state != shown[k])
				continue;
			if (g->a.state == SD_ATTEND_INVITED)
				cli_printf("  %s%s%s%s", g->name, g->number ? " (" : "",
				    g->number ? g->number : "", g->number ? ")" : "");
			else
				cli_printf(ngettext("  %s%s%s%s, %u person", "  %s%s%s%s, %u people",
				    g->a.people), g->name, g->number ? " (" : "",
				    g->number ? g->number : "", g->number ? ")" : "", g->a.people);
		}
	}
	if (e->kind == SD_EVENT_PLATFORM) {
		cli_printf(_("Meetings (%zu):"), v.nmeetings);
		for (size_t i = 0; i < v.nmeetings; i++) {
			sd_uuid_format(v.meetings[i].id, id);
			sd_event_time_format(v.meetings[i].start, when);
			cli_printf("  %s  %s  %s", when, id, v.meetings[i].title);
		}
	}
	cli_print(_("Journal:"));
	for (size_t i = 0; i < v.njournal; i++) {
		const struct sd_journal_entry *j = &v.journal[i];
		char at[21], x[17], y[17];
		sd_time_format(j->at, at);
		const struct sd_field_info *fi = j->field != NULL ?
		    sd_record_field_named(SD_RECORD_EVENT, j->field) : NULL;
		if (j->field != NULL)
			cli_printf("  %s  %s  %s: %s -> %s", at, j->actor,
			    fi != NULL ? sd_field_label(fi) : j->field,
			    jvalue(j, j->old_value, x) ? jvalue(j, j->old_value, x) : "-",
			    jvalue(j, j->new_value, y) ? jvalue(j, j->new_value, y) : "-");
		else
			cli_printf("  %s  %s  %s  %s", at, j->actor, kind_words(j->kind),
			    j->text ? j->text : "");
	}
	sd_event_view_free(&v);
	return 0;
}

/*
 * One CSV field: quoted when it holds a comma, a quote or a line break (RFC
 * 4180).  The list is opened in spreadsheets, which run a cell that starts
 * with = + - @ (or a tab or CR) as a formula: such a cell gets a leading '
 * so that a name typed by anyone stays text.
 */
static void
csv_field(struct sd_buf *b, const char *s, bool last)
{
	bool formula;

	if (s == NULL)
		s = "";
	formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (formula || strpbrk(s, ",\"\r\n") != NULL) {
		sd_buf_adds(b, "\"");
		if (formula)
			sd_buf_adds(b, "'");
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				sd_buf_adds(b, "\"");
			sd_buf_add(b, p, 1);
		}
		sd_buf_adds(b, "\"");
	} else {
		sd_buf_adds(b, s);
	}
	sd_buf_adds(b, last ? "\r\n" : ",");
}

static const char *
tstr(int64_t t, char buf[21])
{
	if (t == 0)
		return "";
	sd_time_format(t, buf);
	return buf;
}

int
cmd_event_export(struct cli *cli, const struct cli_args *a)
{
	const char *format = cli_opt(a, "format");
	struct sd_event_view v;
	struct sd_error err;
	struct sd_buf b = { 0 };

	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "text") != 0)
		return cli_usage(a->cmd, _("--format %s: use csv, json or text."), format);
	if (sd_event_get(&cli->desk, a->argv[0], &v, &err) != SD_OK)
		return cli_report(&err);
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (size_t i = 0; i < v.nguests; i++)
			json_array_append_new(arr, guest_json(&v.guests[i]));
		cli_json_print(arr);
	} else if (strcmp(format, "csv") == 0) {
		/* Stable column names, as the JSON's keys. */
		sd_buf_adds(&b, "name,number,state,people,invited,registered,attended\r\n");
		for (size_t i = 0; i < v.nguests; i++) {
			const struct sd_event_guest *g = &v.guests[i];
			char n[16], t1[21], t2[21], t3[21];
			snprintf(n, sizeof n, "%u", g->a.people);
			csv_field(&b, g->name, false);
			csv_field(&b, g->number, false);
			csv_field(&b, sd_attend_state_name(g->a.state), false);
			csv_field(&b, n, false);
			csv_field(&b, tstr(g->a.invited, t1), false);
			csv_field(&b, tstr(g->a.registered, t2), false);
			csv_field(&b, tstr(g->a.attended, t3), true);
		}
		/* accesslog: the personal-data statement, when the columns hold any. */
		cli_export_notice(&b, "csv", cli_attendee_cols);
		if (b.len > 0)
			fwrite(b.data, 1, b.len, stdout);
	} else {
		for (size_t i = 0; i < v.nguests; i++) {
			const struct sd_event_guest *g = &v.guests[i];
			cli_printf("%s\t%s\t%s\t%u", g->name, g->number ? g->number : "-",
			    sd_attend_state_label(g->a.state), g->a.people);
		}
	}
	sd_buf_free(&b);
	sd_event_view_free(&v);
	return 0;
}

int
cmd_event_case(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_key key;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	if (sd_event_case(&cli->desk, a->argv[0], a->argv[1], cli_opt(a, "subject"),
	    cli_opt(a, "description"), &key, &err) != SD_OK)
		return cli_report(&err);
	sd_case_number_format(key, num);
	return cli_print_made(cli, "number", num);
}
