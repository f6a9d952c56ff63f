/*
 * sedesk opportunity add | edit | close | list | show | match | invite |
 * respond | award | sroi
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/opportunity.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"
#include "sedesk/words.h"

#define LOTS_MAX	SD_OPP_LOTS_MAX

/* Fills the input from the options; -1 after a usage message. */
static int
opp_input(const struct cli_args *a, struct sd_opp_input *in, const char **lots, char **text)
{
	bool edit = strcmp(a->cmd->name, "edit") == 0;
	const char *kind = cli_opt(a, "kind"), *sroi = cli_opt(a, "sroi");
	const char *t = cli_opt(a, "text"), *tf = cli_opt(a, "text-file");
	unsigned long v;

	memset(in, 0, sizeof *in);
	*text = NULL;
	in->reserved = -1;
	in->sroi = -1;
	if (kind != NULL && (in->kind = sd_opp_kind_parse(kind)) == SD_OPP_KIND_NONE)
		return cli_usage(a->cmd, _("unknown kind %s; use purchase, project-call, subsidy or "
		    "concession."), kind), -1;
	if (sroi != NULL) {
		if (!cli_parse_uint(sroi, 100, &v))
			return cli_usage(a->cmd, _("--sroi %s: give a percent from 0 to 100 "
			    "(typically 5)."), sroi), -1;
		in->sroi = (int)v;
	}
	if (cli_flag(a, "reserved"))
		in->reserved = 1;
	/* edit: the options that take back what add gave. */
	if (edit && cli_flag(a, "unreserved")) {
		if (in->reserved == 1)
			return cli_usage(a->cmd, _("give --reserved or --unreserved, not both.")), -1;
		in->reserved = 0;
	}
	if (t != NULL && tf != NULL)
		return cli_usage(a->cmd, _("give --text or --text-file, not both.")), -1;
	if (tf != NULL && (*text = cli_read_file(tf)) == NULL)
		return -1;
	in->title = cli_opt(a, "title");
	in->dept = cli_opt(a, "dept");
	in->value = cli_opt(a, "value");
	in->deadline = cli_opt(a, "deadline");
	in->procedure = cli_opt(a, "procedure");
	in->qualify = cli_opt(a, "qualify");
	in->criteria = cli_opt(a, "criteria");
	in->nace = cli_opt(a, "nace");
	in->needs = cli_opt(a, "needs");
	in->description = *text != NULL ? *text : t;
	/* Each lot as given: an amount may hold a comma ("10.000,50"). */
	in->nlots = cli_opt_all(a, "lot", lots, LOTS_MAX + 1);
	in->lots = lots;
	in->set_lots = cli_flag(a, "lot") || (edit && cli_flag(a, "no-lots"));
	return 0;
}

int
cmd_opportunity_add(struct cli *cli, const struct cli_args *a)
{
	struct sd_opp_input in;
	struct sd_error err;
	uint8_t id[SD_UUID_LEN];
	const char *lots[LOTS_MAX + 1];
	char ids[SD_UUID_STR], *text;
	sd_status s;

	if (opp_input(a, &in, lots, &text) < 0)
		return SD_INVALID;
	s = sd_opp_add(&cli->desk, &in, id, &err);
	free(text);
	if (s != SD_OK)
		return cli_report(&err);
	sd_uuid_format(id, ids);
	return cli_print_made(cli, "id", ids);
}

int
cmd_opportunity_edit(struct cli *cli, const struct cli_args *a)
{
	struct sd_opp_input in;
	struct sd_error err;
	const char *lots[LOTS_MAX + 1];
	uint32_t expect;
	char *text = NULL;
	sd_status s;

	if (opp_input(a, &in, lots, &text) < 0 || cli_version(a, &expect) < 0) {
		free(text);
		return SD_INVALID;
	}
	if (cli_flag(a, "lot") && cli_flag(a, "no-lots")) {
		free(text);
		return cli_usage(a->cmd, _("give --lot or --no-lots, not both."));
	}
	s = sd_opp_edit(&cli->desk, a->argv[0], &in, expect, &err);
	free(text);
	if (s != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_opportunity_close(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (sd_opp_close(&cli->desk, a->argv[0], expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_opportunity_invite(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	size_t added;

	if (sd_opp_invite(&cli->desk, a->argv[0], (const char *const *)a->argv + 1,
	    (size_t)a->argc - 1, &added, &err) != SD_OK)
		return cli_report(&err);
	cli_printf(_("%zu invited (a contact moment each); %zu were invited already."), added,
	    (size_t)a->argc - 1 - added);
	return 0;
}

/* --lot N: 0 when not given; -1 after a usage message. */
static int
lot_opt(const struct cli_args *a, unsigned *out)
{
	const char *l = cli_opt(a, "lot");
	unsigned long v;

	*out = 0;
	if (l == NULL)
		return 0;
	if (!cli_parse_uint(l, SD_OPP_LOTS_MAX, &v) || v == 0)
		return cli_usage(a->cmd, _("--lot %s: give a lot's number (1, 2, …)."), l), -1;
	*out = (unsigned)v;
	return 0;
}

int
cmd_opportunity_respond(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	unsigned lot;

	if (lot_opt(a, &lot) < 0)
		return SD_INVALID;
	if (sd_opp_respond(&cli->desk, a->argv[0], a->argv[1], lot, cli_opt(a, "text"), &err) !=
	    SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_opportunity_award(struct cli *cli, const struct cli_args *a)
{
	struct sd_opp_award_input in = { 0 };
	struct sd_error err;

	if (lot_opt(a, &in.lot) < 0)
		return SD_INVALID;
	in.enterprise = cli_opt(a, "enterprise");
	in.outside = cli_opt(a, "outside");
	in.value = cli_opt(a, "value");
	in.day = cli_opt(a, "date");
	in.ends = cli_opt(a, "ends");
	if (sd_opp_award(&cli->desk, a->argv[0], &in, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_opportunity_sroi(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	unsigned lot;

	if (lot_opt(a, &lot) < 0)
		return SD_INVALID;
	if (sd_opp_sroi_report(&cli->desk, a->argv[0], lot, cli_opt(a, "spent"),
	    cli_opt(a, "text"), &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

/* --- reading --------------------------------------------------------------------- */

static json_t *
jmoney(int64_t cents)
{
	return json_integer(cents);
}

static json_t *
opp_json(const struct sd_opportunity *o, int days_left)
{
	char id[SD_UUID_STR];
	json_t *j;

	sd_uuid_format(o->id, id);
	j = json_pack("{s:s, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:o, s:i, s:o, s:o, s:o, "
	    "s:o, s:s, s:o, s:o, s:o}",
	    "id", id, "version", (json_int_t)o->version, "title", o->title,
	    "kind", sd_opp_kind_name(o->kind), "department", cli_jstr(o->dept),
	    "value_cents", jmoney(o->value), "deadline", cli_jday(o->deadline),
	    "procedure", cli_jstr(o->procedure), "reserved", o->reserved != 0,
	    "qualify", cli_jlist(o->qualify), "sroi_percent", (json_int_t)o->sroi,
	    "criteria", cli_jlist(o->criteria), "nace", cli_jlist(o->nace),
	    "needs", cli_jlist(o->needs), "description", cli_jstr(o->description),
	    "status", sd_opp_status_name(o->status), "author", cli_jstr(o->author),
	    "created", cli_jtime(o->created), "updated", cli_jtime(o->updated));
	json_object_set_new(j, "days_left", days_left == INT_MIN ? json_null() :
	    json_integer(days_left));
	return j;
}

/* "12 days", "today", "3 days ago", or "-". */
static void
countdown(int days, char *out, size_t n)
{
	if (days == INT_MIN)
		snprintf(out, n, "-");
	else if (days == 0)
		snprintf(out, n, "%s", _("today"));
	else if (days > 0)
		snprintf(out, n, ngettext("%d day", "%d days", days), days);
	else
		snprintf(out, n, ngettext("%d day ago", "%d days ago", -days), -days);
}

static int
days_to(const struct sd_desk *d, sd_day deadline)
{
	return deadline == SD_NO_DAY ? INT_MIN : deadline - sd_desk_today(d);
}

int
cmd_opportunity_list(struct cli *cli, const struct cli_args *a)
{
	struct sd_opp_filter f = { 0 };
	struct sd_opp_rows rows;
	struct sd_error err;
	size_t limit;

	if (cli_limit(a, 100, &limit) < 0)
		return SD_INVALID;
	f.open = cli_flag(a, "open");
	f.dept = cli_opt(a, "dept");
	if (sd_opp_list(&cli->desk, &f, limit, &rows, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < rows.n; i++)
			json_array_append_new(arr, opp_json(&rows.items[i],
			    days_to(&cli->desk, rows.items[i].deadline)));
		cli_json_print(json_pack("{s:o, s:b}", "opportunities", arr, "more", rows.more));
	} else {
		for (size_t i = 0; i < rows.n; i++) {
			const struct sd_opportunity *o = &rows.items[i];
			char id[SD_UUID_STR], day[11], left[32], value[SD_MONEY_STR];
			sd_uuid_format(o->id, id);
			if (o->deadline != SD_NO_DAY)
				sd_day_format(o->deadline, day);
			else
				snprintf(day, sizeof day, "-");
			countdown(days_to(&cli->desk, o->deadline), left, sizeof left);
			sd_money_format(o->value, value);
			cli_printf("%s  %-12s  %14s  %-7s %-13s %s%s  %s", day, left, value,
			    sd_opp_status_label(o->status), sd_opp_kind_label(o->kind), o->title,
			    o->reserved ? _(" (reserved)") : "", id);
		}
		if (rows.n == 0)
			cli_print(_("No opportunities."));
		if (rows.more)
			cli_print(_("(more: narrow with --open or --dept, or raise --limit)"));
	}
	sd_opp_rows_free(&rows);
	return 0;
}

/* A comma-separated list in words, each through fn ("fair work and wages, …"). */
static void
list_words(struct sd_buf *b, const char *list, const char *(*fn)(const struct sd_config *,
    const char *), const struct sd_config *cfg)
{
	char *copy = sd_xstrdup(list), *save = NULL;

	for (char *p = copy ? strtok_r(copy, ",", &save) : NULL; p != NULL;
	    p = strtok_r(NULL, ",", &save))
		sd_buf_addf(b, "%s%s", b->len ? ", " : "", fn ? fn(cfg, p) : p);
	free(copy);
	sd_buf_adds(b, "");
}

static const char *
recognition_label(const struct sd_config *cfg, const char *code)
{
	return sd_profile_code_label(cfg, SD_LIST_RECOGNITIONS, code);
}

static json_t *
party_json(const struct sd_opp_party *p)
{
	char id[SD_UUID_STR];

	sd_uuid_format(p->enterprise, id);
	return json_pack("{s:s, s:o, s:o}", "id", id, "name", cli_jstr(p->name), "number",
	    cli_jstr(p->number));
}

static json_t *
award_json(const struct sd_opp_award *w, sd_day today)
{
	char id[SD_UUID_STR];
	static const uint8_t zero[SD_UUID_LEN];
	bool in = memcmp(w->enterprise, zero, SD_UUID_LEN) != 0;

	sd_uuid_format(w->enterprise, id);
	return json_pack("{s:i, s:o, s:s, s:b, s:o, s:o, s:o, s:b, s:b, s:o, s:o, s:b, s:o}",
	    "lot", (json_int_t)w->lot, "enterprise", in ? json_string(id) : json_null(),
	    "name", w->name, "in_register", in, "value_cents", jmoney(w->value),
	    "date", cli_jday(w->day), "ends", cli_jday(w->ends), "social", w->social != 0,
	    "reserved", w->reserved != 0, "sroi_due_cents", jmoney(w->sroi_due),
	    "sroi_spent_cents", jmoney(w->sroi_spent),
	    "sroi_unfulfilled", sd_opp_award_unfulfilled(w, today), "by", cli_jstr(w->by));
}

static void
show_json(struct cli *cli, const struct sd_opp_view *v)
{
	json_t *o = opp_json(&v->o, v->days_left == INT32_MIN ? INT_MIN : v->days_left);
	json_t *lots = json_array(), *inv = json_array(), *resp = json_array();
	json_t *aw = json_array(), *sroi = json_array(), *jr = json_array();
	sd_day today = sd_desk_today(&cli->desk);

	for (size_t i = 0; i < v->nlots; i++)
		json_array_append_new(lots, json_pack("{s:i, s:s, s:o, s:b}", "no",
		    (json_int_t)v->lots[i].no, "title", v->lots[i].title, "value_cents",
		    jmoney(v->lots[i].value), "reserved", v->lots[i].reserved || v->o.reserved));
	for (size_t i = 0; i < v->ninvites; i++) {
		char mid[SD_UUID_STR];
		sd_uuid_format(v->invites[i].moment, mid);
		json_array_append_new(inv, json_pack("{s:o, s:s, s:o, s:o}", "enterprise",
		    party_json(&v->invited[i]), "moment", mid, "at", cli_jtime(v->invites[i].at),
		    "by", cli_jstr(v->invites[i].by)));
	}
	for (size_t i = 0; i < v->nresponses; i++)
		json_array_append_new(resp, json_pack("{s:o, s:i, s:o, s:o}", "enterprise",
		    party_json(&v->responders[i]), "lot", (json_int_t)v->responses[i].lot,
		    "text", cli_jstr(v->responses[i].text), "at", cli_jtime(v->responses[i].at)));
	for (size_t i = 0; i < v->nawards; i++)
		json_array_append_new(aw, award_json(&v->awards[i], today));
	for (size_t i = 0; i < v->nsroi; i++)
		json_array_append_new(sroi, json_pack("{s:i, s:i, s:o, s:o, s:o, s:o}", "lot",
		    (json_int_t)v->sroi[i].lot, "seq", (json_int_t)v->sroi[i].seq, "spent_cents",
		    jmoney(v->sroi[i].spent), "text", cli_jstr(v->sroi[i].text), "at",
		    cli_jtime(v->sroi[i].at), "by", cli_jstr(v->sroi[i].by)));
	for (size_t i = 0; i < v->njournal; i++) {
		const struct sd_journal_entry *e = &v->journal[i];
		json_t *j = json_pack("{s:o, s:o, s:o, s:o}", "at", cli_jtime(e->at), "actor",
		    cli_jstr(e->actor), "kind", cli_jstr(e->kind), "text", cli_jstr(e->text));
		if (e->field != NULL) {
			json_object_set_new(j, "field", cli_jstr(e->field));
			json_object_set_new(j, "old", cli_jstr(e->old_value));
			json_object_set_new(j, "new", cli_jstr(e->new_value));
		}
		json_array_append_new(jr, j);
	}
	json_object_set_new(o, "lots", lots);
	json_object_set_new(o, "invitations", inv);
	json_object_set_new(o, "responses", resp);
	json_object_set_new(o, "awards", aw);
	json_object_set_new(o, "sroi_reports", sroi);
	json_object_set_new(o, "journal", jr);
	cli_json_print(o);
}

/* An opportunity's journal entry kind in words. */
static const char *
kind_words(const char *kind)
{
	if (strcmp(kind, "invited") == 0)
		return _("invited");
	if (strcmp(kind, "response") == 0)
		return _("response");
	if (strcmp(kind, "awarded") == 0)
		return _("awarded");
	if (strcmp(kind, "sroi") == 0)
		return _("social return reported");
	return sd_journal_kind_label(kind);
}

int
cmd_opportunity_show(struct cli *cli, const struct cli_args *a)
{
	struct sd_opp_view v;
	struct sd_error err;
	const struct sd_opportunity *o;
	char id[SD_UUID_STR], day[11], left[32], value[SD_MONEY_STR], due[SD_MONEY_STR];
	sd_day today;

	if (sd_opp_get(&cli->desk, a->argv[0], &v, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		show_json(cli, &v);
		sd_opp_view_free(&v);
		return 0;
	}
	o = &v.o;
	today = sd_desk_today(&cli->desk);
	sd_uuid_format(o->id, id);
	cli_printf(_("Opportunity %s  [%s, %s]  version %u"), o->title, sd_opp_kind_label(o->kind),
	    sd_opp_status_label(o->status), o->version);
	cli_printf("  %-18s %s", _("Id"), id);
	cli_printf("  %-18s %s", _("Department"), o->dept ? sd_dept_words(&cli->desk.cfg,
	    o->dept) : "-");
	sd_money_format(o->value, value);
	cli_printf("  %-18s %s", _("Value"), value);
	if (o->deadline != SD_NO_DAY) {
		sd_day_format(o->deadline, day);
		countdown(v.days_left, left, sizeof left);
		cli_printf("  %-18s %s (%s)", _("Deadline"), day, left);
	}
	if (o->procedure != NULL)
		cli_printf("  %-18s %s", _("Procedure"), o->procedure);
	if (o->reserved || o->qualify != NULL) {
		struct sd_buf b = { 0 };
		list_words(&b, o->qualify, recognition_label, &cli->desk.cfg);
		cli_printf("  %-18s %s%s", _("Reserved for"), b.len ? b.data :
		    _("any recognised social-economy enterprise"), o->reserved ? "" :
		    _(" (the reserved lots)"));
		sd_buf_free(&b);
	}
	if (o->sroi > 0) {
		sd_money_format(sd_money_percent(o->value, (unsigned)o->sroi), due);
		cli_printf(_("  %-18s %d%% of the value (%s)"), _("Social return"), o->sroi, due);
	}
	if (o->criteria != NULL) {
		struct sd_buf b = { 0 };
		list_words(&b, o->criteria, sd_opp_criterion_label, &cli->desk.cfg);
		cli_printf("  %-18s %s", _("CSR criteria"), b.data);
		sd_buf_free(&b);
	}
	if (o->nace != NULL) {
		struct sd_buf b = { 0 };
		char *copy = sd_xstrdup(o->nace), *save = NULL;
		for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
			bool exact;
			const char *l = sd_nace_label(p, 2008, NULL, &exact);
			sd_buf_addf(&b, "%s%s%s%s", b.len ? "; " : "", p, l ? " " : "", l ? l : "");
		}
		free(copy);
		cli_printf("  %-18s %s", _("NACE codes"), b.data);
		sd_buf_free(&b);
	}
	if (o->needs != NULL)
		cli_printf("  %-18s %s", _("Needs"), o->needs);
	cli_printf("  %-18s %s", _("Recorded by"), o->author ? o->author : "-");
	if (o->description != NULL) {
		cli_print(_("Description:"));
		cli_print_lines(2, "  %s", o->description);
	}
	if (v.nlots > 0) {
		cli_printf(_("Lots (%zu):"), v.nlots);
		for (size_t i = 0; i < v.nlots; i++) {
			sd_money_format(v.lots[i].value, value);
			cli_printf("  %u. %s  %s%s", v.lots[i].no, v.lots[i].title, value,
			    v.lots[i].reserved || o->reserved ? _("  reserved") : "");
		}
	}
	cli_printf(_("Invited (%zu):"), v.ninvites);
	for (size_t i = 0; i < v.ninvites; i++)
		cli_printf("  %s%s%s%s", v.invited[i].name, v.invited[i].number ? " (" : "",
		    v.invited[i].number ? v.invited[i].number : "", v.invited[i].number ? ")" : "");
	cli_printf(_("Responses (%zu):"), v.nresponses);
	for (size_t i = 0; i < v.nresponses; i++) {
		const struct sd_opp_response *r = &v.responses[i];
		char lot[32] = "";
		if (r->lot > 0)
			snprintf(lot, sizeof lot, _(", lot %u"), r->lot);
		cli_printf("  %s%s%s%s", v.responders[i].name, lot, r->text ? ": " : "",
		    r->text ? r->text : "");
	}
	cli_printf(_("Awards (%zu):"), v.nawards);
	for (size_t i = 0; i < v.nawards; i++) {
		const struct sd_opp_award *w = &v.awards[i];
		struct sd_buf b = { 0 };
		sd_money_format(w->value, value);
		sd_day_format(w->day, day);
		if (w->lot > 0)
			sd_buf_addf(&b, _("lot %u: "), w->lot);
		sd_buf_addf(&b, "%s  %s  %s", w->name, value, day);
		if (w->social)
			sd_buf_addf(&b, _("  social enterprise"));
		else
			sd_buf_addf(&b, _("  regular"));
		if (w->sroi_due > 0) {
			char spent[SD_MONEY_STR];
			sd_money_format(w->sroi_due, due);
			sd_money_format(w->sroi_spent, spent);
			sd_buf_addf(&b, _("; social return %s of %s"), spent, due);
			if (sd_opp_award_unfulfilled(w, today))
				sd_buf_addf(&b, _(" — UNFULFILLED: the contract ended"));
			else if (w->sroi_spent >= w->sroi_due)
				sd_buf_addf(&b, _(" (fulfilled)"));
		}
		cli_printf("  %s", b.data);
		sd_buf_free(&b);
	}
	if (v.nsroi > 0) {
		cli_printf(_("Social return reported (%zu):"), v.nsroi);
		for (size_t i = 0; i < v.nsroi; i++) {
			char at[21];
			sd_time_format(v.sroi[i].at, at);
			sd_money_format(v.sroi[i].spent, value);
			cli_printf("  %s  %s%s%s", at, value, v.sroi[i].text ? "  " : "",
			    v.sroi[i].text ? v.sroi[i].text : "");
		}
	}
	cli_print(_("Journal:"));
	for (size_t i = 0; i < v.njournal; i++) {
		const struct sd_journal_entry *j = &v.journal[i];
		char at[21];
		const struct sd_field_info *fi = j->field != NULL ?
		    sd_record_field_named(SD_RECORD_OPPORTUNITY, j->field) : NULL;
		sd_time_format(j->at, at);
		if (j->field != NULL)
			cli_printf("  %s  %s  %s: %s -> %s", at, j->actor,
			    fi != NULL ? sd_field_label(fi) : j->field,
			    j->old_value ? j->old_value : "-", j->new_value ? j->new_value : "-");
		else
			cli_printf("  %s  %s  %s  %s", at, j->actor, kind_words(j->kind),
			    j->text ? j->text : "");
	}
	sd_opp_view_free(&v);
	return 0;
}

int
cmd_opportunity_match(struct cli *cli, const struct cli_args *a)
{
	struct sd_opp_matches m;
	struct sd_error err;
	size_t limit;

	if (cli_limit(a, 20, &limit) < 0)
		return SD_INVALID;
	if (sd_opp_match(&cli->desk, a->argv[0], limit, &m, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < m.n; i++) {
			char id[SD_UUID_STR];
			sd_uuid_format(m.items[i].enterprise, id);
			json_array_append_new(arr, json_pack("{s:i, s:s, s:o, s:o, s:i, s:b, s:o}",
			    "rank", (json_int_t)(i + 1), "id", id, "name", cli_jstr(m.items[i].name),
			    "number", cli_jstr(m.items[i].number), "score",
			    (json_int_t)m.items[i].score, "qualifies", m.items[i].qualifies,
			    "reasons", cli_jstr(m.items[i].reasons)));
		}
		cli_json_print(json_pack("{s:o, s:i}", "matches", arr, "candidates",
		    (json_int_t)m.candidates));
	} else {
		for (size_t i = 0; i < m.n; i++) {
			const struct sd_opp_match *x = &m.items[i];
			cli_printf("%2zu. %s%s%s%s  (%d)", i + 1, x->name, x->number ? " (" : "",
			    x->number ? x->number : "", x->number ? ")" : "", x->score);
			cli_printf("    %s", x->reasons ? x->reasons : "");
		}
		if (m.n == 0)
			cli_print(_("No enterprise of the register fits: give the opportunity NACE "
			    "codes (--nace) or needs (--needs)."));
	}
	sd_opp_matches_free(&m);
	return 0;
}
