/*
 * sedesk moment add | list | show | edit | done | case, and the inbox's
 * contact moments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/moment.h"
#include "sedesk/text.h"

static int
parse_kind(const struct cli_args *a, enum sd_channel *out)
{
	const char *kind = cli_opt(a, "kind");

	*out = SD_CHANNEL_NONE;
	if (kind != NULL && (*out = sd_channel_parse(kind)) == SD_CHANNEL_NONE)
		return cli_usage(a->cmd, _("unknown kind %s; use phone, email, desk, site-visit, "
		    "pitch, event, web or meeting."), kind), -1;
	return 0;
}

/* --text T or --text-file F: at most one; a file is read with the user's rights. */
static int
report_text(const struct cli_args *a, char **out)
{
	const char *text = cli_opt(a, "text"), *file = cli_opt(a, "text-file");

	*out = NULL;
	if (text != NULL && file != NULL)
		return cli_usage(a->cmd, _("give --text or --text-file, not both.")), -1;
	if (file != NULL)
		return (*out = cli_read_file(file)) == NULL ? -1 : 0;
	if (text != NULL)
		*out = sd_xstrdup(text);
	return 0;
}

static int
parse_day(const struct cli_args *a, const char *opt, sd_day *out)
{
	const char *s = cli_opt(a, opt);

	*out = SD_NO_DAY;
	if (s != NULL && !sd_day_parse(s, out))
		return cli_usage(a->cmd, _("--%s %s: write the day as YYYY-MM-DD."), opt, s), -1;
	return 0;
}

/* The moment's time as people read it: "2026-03-10 14:00" or "2026-03-10". */
static void
time_words(const struct sd_moment *m, char out[17])
{
	sd_moment_time_format(m->at, m->timed, out);
	if (m->timed)
		out[10] = ' ';
}

static json_t *
time_json(const struct sd_moment *m)
{
	char buf[17];

	sd_moment_time_format(m->at, m->timed, buf);
	return json_string(buf);
}

static json_t *
moment_row_json(const struct sd_moment_row *r)
{
	const struct sd_moment *m = &r->m;
	char id[SD_UUID_STR], ent[SD_UUID_STR];
	json_t *o = json_object();

	sd_uuid_format(m->id, id);
	sd_uuid_format(m->enterprise, ent);
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "kind", json_string(sd_channel_name(m->kind)));
	json_object_set_new(o, "time", time_json(m));
	json_object_set_new(o, "state", json_string(sd_moment_state_name(m->state)));
	json_object_set_new(o, "enterprise", json_pack("{s:s, s:o}", "id", ent, "name",
	    cli_jstr(r->enterprise_name)));
	json_object_set_new(o, "departments", cli_jlist(m->departments));
	json_object_set_new(o, "participants", cli_jlist(m->participants));
	json_object_set_new(o, "owner", cli_jstr(m->owner));
	json_object_set_new(o, "follow_up", cli_jday(m->follow_up));
	json_object_set_new(o, "case", cli_jstr(m->case_number));
	json_object_set_new(o, "text", cli_jstr(m->text));
	return o;
}

/* One line: short id, time, state, kind, enterprise — first line of the report. */
static void
moment_row_print(const struct sd_moment_row *r, const char *why)
{
	const struct sd_moment *m = &r->m;
	char id[SD_UUID_STR], tm[17];
	char *line = NULL, *ent = cli_safe(r->enterprise_name);
	struct sd_buf first = { 0 };

	sd_uuid_format(m->id, id);
	id[8] = '\0';
	time_words(m, tm);
	if (m->text != NULL) {
		size_t n = strcspn(m->text, "\r\n");
		sd_buf_add(&first, m->text, n > 60 ? 60 : n);
		line = cli_safe(first.data);
	}
	printf("%s  %-16s  %-8s %-14s %s%s%s%s%s\n", id, tm, sd_moment_state_label(m->state),
	    sd_channel_label(m->kind), ent, line ? " — " : "", line ? line : "",
	    why ? "  " : "", why ? why : "");
	free(line);
	free(ent);
	sd_buf_free(&first);
}

/* --- add, edit ------------------------------------------------------------------- */

/* The options add and edit share, into in; *text is the report read. */
static int
moment_input(const struct cli_args *a, struct sd_moment_input *in, char **text)
{
	memset(in, 0, sizeof *in);
	if (parse_kind(a, &in->kind) < 0 || report_text(a, text) < 0)
		return -1;
	in->time = cli_opt(a, "date");
	in->departments = cli_opt(a, "dept");
	in->participants = cli_opt(a, "with");
	in->text = *text;
	in->follow_up = cli_opt(a, "follow-up");
	in->case_number = cli_opt(a, "case");
	return 0;
}

int
cmd_moment_add(struct cli *cli, const struct cli_args *a)
{
	struct sd_moment_input in;
	struct sd_error err;
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR], *text = NULL;
	sd_status s;

	if (moment_input(a, &in, &text) < 0)
		return SD_INVALID;
	in.enterprise = cli_opt(a, "enterprise");
	s = sd_moment_add(&cli->desk, &in, id, &err);
	free(text);
	if (s != SD_OK)
		return cli_report(&err);
	sd_uuid_format(id, ids);
	return cli_print_made(cli, "id", ids);
}

int
cmd_moment_edit(struct cli *cli, const struct cli_args *a)
{
	struct sd_moment_input in;
	struct sd_error err;
	char *text = NULL;
	uint32_t expect;
	sd_status s;

	if (moment_input(a, &in, &text) < 0 || cli_version(a, &expect) < 0) {
		free(text);
		return SD_INVALID;
	}
	s = sd_moment_edit(&cli->desk, a->argv[0], &in, expect, &err);
	free(text);
	if (s != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_moment_done(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	char *text = NULL;
	uint32_t expect;
	sd_status s;

	if (report_text(a, &text) < 0 || cli_version(a, &expect) < 0) {
		free(text);
		return SD_INVALID;
	}
	s = sd_moment_done(&cli->desk, a->argv[0], text, expect, &err);
	free(text);
	return s != SD_OK ? cli_report(&err) : 0;
}

int
cmd_moment_case(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_key key;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (sd_moment_make_case(&cli->desk, a->argv[0], cli_opt(a, "subject"),
	    cli_opt(a, "category"), cli_opt(a, "description"), expect, &key, &err) != SD_OK)
		return cli_report(&err);
	sd_case_number_format(key, num);
	return cli_print_made(cli, "number", num);
}

/* --- show, list ------------------------------------------------------------------ */

static json_t *
view_json(const struct sd_moment_view *v)
{
	const struct sd_moment *m = &v->m;
	struct sd_moment_row row = { .m = *m, .enterprise_name = v->ent.f[SD_EF_NAME] };
	json_t *o = moment_row_json(&row), *journal = json_array();
	char ent[SD_UUID_STR];

	sd_uuid_format(m->enterprise, ent);
	json_object_set_new(o, "version", json_integer(m->version));
	json_object_set_new(o, "enterprise", json_pack("{s:s, s:o, s:o}", "id", ent, "name",
	    cli_jstr(v->ent.f[SD_EF_NAME]), "number", cli_jstr(v->ent.f[SD_EF_NUMBER])));
	json_object_set_new(o, "created", cli_jtime(m->created));
	json_object_set_new(o, "updated", cli_jtime(m->updated));
	json_object_set_new(o, "held", cli_jtime(m->held));
	for (size_t i = 0; i < v->njournal; i++) {
		const struct sd_journal_entry *e = &v->journal[i];
		json_t *j = json_pack("{s:o, s:o, s:o, s:o}", "at", cli_jtime(e->at), "actor",
		    cli_jstr(e->actor), "kind", cli_jstr(e->kind), "text", cli_jstr(e->text));
		if (e->field != NULL) {
			json_object_set_new(j, "field", cli_jstr(e->field));
			json_object_set_new(j, "old", cli_jstr(e->old_value));
			json_object_set_new(j, "new", cli_jstr(e->new_value));
		}
		json_array_append_new(journal, j);
	}
	json_object_set_new(o, "journal", journal);
	return o;
}

static void
view_print(const struct sd_moment_view *v)
{
	const struct sd_moment *m = &v->m;
	char id[SD_UUID_STR], tm[17], day[11], at[21];

	sd_uuid_format(m->id, id);
	time_words(m, tm);
	cli_printf(_("Contact moment %s  [%s]  version %u"), id, sd_moment_state_label(m->state),
	    m->version);
	cli_printf("  %-12s %s", _("Kind"), sd_channel_label(m->kind));
	cli_printf("  %-12s %s", _("Time"), tm);
	cli_printf("  %-12s %s%s%s%s", _("Enterprise"), v->ent.f[SD_EF_NAME],
	    v->ent.f[SD_EF_NUMBER] ? " (" : "", v->ent.f[SD_EF_NUMBER] ? v->ent.f[SD_EF_NUMBER] : "",
	    v->ent.f[SD_EF_NUMBER] ? ")" : "");
	cli_printf("  %-12s %s", _("Departments"), m->departments ? m->departments : "-");
	cli_printf("  %-12s %s", _("With"), m->participants ? m->participants : "-");
	cli_printf("  %-12s %s", _("Owner"), m->owner ? m->owner : "-");
	if (m->follow_up != SD_NO_DAY) {
		sd_day_format(m->follow_up, day);
		cli_printf("  %-12s %s", _("Follow-up"), day);
	}
	if (m->case_number != NULL)
		cli_printf("  %-12s %s", _("Case"), m->case_number);
	if (m->text != NULL) {
		printf("%s\n", _("Report:"));
		/* Indented past the labels' column, so no line of it passes for one. */
		char *t = sd_visible(m->text, true);
		for (char *line = t, *nl; line != NULL; line = nl) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl++ = '\0';
			printf("    %s\n", line);
		}
		free(t);
	}
	if (v->njournal > 0)
		printf("%s\n", _("Journal:"));
	for (size_t i = 0; i < v->njournal; i++) {
		const struct sd_journal_entry *e = &v->journal[i];
		sd_time_format(e->at, at);
		if (e->field != NULL)
			cli_printf("  %s %s %s %s: %s → %s", at, e->actor, _("changed"), e->field,
			    e->old_value ? e->old_value : "-", e->new_value ? e->new_value : "-");
		else
			cli_printf("  %s %s %s", at, e->actor, sd_journal_kind_label(e->kind));
	}
}

int
cmd_moment_show(struct cli *cli, const struct cli_args *a)
{
	struct sd_moment_view v;
	struct sd_error err;

	if (sd_moment_get(&cli->desk, a->argv[0], &v, &err) != SD_OK)
		return cli_report(&err);
	sd_access_moment(&cli->desk, &v.m, SD_FRONT_CLI);	/* who looked (issue 17) */
	if (cli->json)
		cli_json_print(view_json(&v));
	else
		view_print(&v);
	sd_moment_view_free(&v);
	return 0;
}

int
cmd_moment_list(struct cli *cli, const struct cli_args *a)
{
	struct sd_moment_filter f = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_moment_rows rows;
	struct sd_error err;
	size_t limit;

	if (cli_limit(a, 50, &limit) < 0 || parse_kind(a, &f.kind) < 0 ||
	    parse_day(a, "from", &f.from) < 0 || parse_day(a, "to", &f.to) < 0)
		return SD_INVALID;
	f.enterprise = cli_opt(a, "enterprise");
	f.mine = cli_flag(a, "mine");
	if (sd_moment_list(&cli->desk, &f, limit, &rows, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < rows.n; i++)
			json_array_append_new(arr, moment_row_json(&rows.items[i]));
		cli_json_print(arr);
	} else {
		for (size_t i = 0; i < rows.n; i++)
			moment_row_print(&rows.items[i], NULL);
		if (rows.more)
			printf(_("(more: use --limit to see more)\n"));
	}
	sd_moment_rows_free(&rows);
	return 0;
}

/* --- the inbox ------------------------------------------------------------------- */

/* Why a moment is in the inbox, as a code and in words. */
static const char *
inbox_code(const struct sd_moment_row *r)
{
	return r->today ? "planned_today" : "follow_up";
}

static const char *
inbox_words(const struct sd_moment_row *r)
{
	if (r->today && r->follow_up_due)
		return _("planned today; follow-up due");
	return r->today ? _("planned today") : _("follow-up due");
}

int
cli_inbox_moments(struct cli *cli, size_t limit, json_t *arr, bool gap, bool *any)
{
	struct sd_moment_rows rows;
	struct sd_error err;

	if (sd_moment_inbox(&cli->desk, limit, &rows, &err) != SD_OK)
		return cli_report(&err);
	*any = rows.n > 0;
	for (size_t i = 0; i < rows.n; i++) {
		const struct sd_moment_row *r = &rows.items[i];
		if (arr != NULL) {
			json_t *o = moment_row_json(r);
			/* Beside the cases' rows: the type says which it is. */
			json_object_set_new(o, "type", json_string("moment"));
			json_object_set_new(o, "reason", json_string(inbox_code(r)));
			json_object_set_new(o, "follow_up_due", json_boolean(r->follow_up_due));
			json_array_append_new(arr, o);
			continue;
		}
		if (i == 0)
			printf("%s%s\n", gap ? "\n" : "", _("Contact moments:"));
		moment_row_print(r, inbox_words(r));
	}
	if (arr == NULL && rows.more)
		printf(_("(more: use --limit to see more)\n"));
	sd_moment_rows_free(&rows);
	return 0;
}
