/*
 * sedesk case show | case list | inbox
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/readonce.h"
#include "sedesk/text.h"
#include "sedesk/words.h"

/* today: for the overdue marks, which the core decides (as the interface shows them). */
static json_t *
case_view_json(const struct sd_case_view *v, sd_day today)
{
	const struct sd_case *c = &v->c;
	char num[SD_CASE_NUMBER_MAX], ent[SD_UUID_STR];
	json_t *o = json_object(), *routes = json_array(), *journal = json_array();
	struct sd_field_iter it;
	struct sd_field_value f;

	sd_case_number_format(c->key, num);
	sd_uuid_format(c->enterprise, ent);
	json_object_set_new(o, "number", json_string(num));
	/* The case's fields from its table; its enterprise with name and number. */
	sd_record_fields(SD_RECORD_CASE, c, &it);
	while (sd_field_next(&it, &f)) {
		if (strcmp(f.info->name, "enterprise") == 0)
			json_object_set_new(o, "enterprise", json_pack("{s:s, s:o, s:o}", "id", ent,
			    "name", cli_jstr(v->ent.f[SD_EF_NAME]), "number",
			    cli_jstr(v->ent.f[SD_EF_NUMBER])));
		else
			json_object_set_new(o, f.info->name, cli_jfield(&f));
	}
	json_object_set_new(o, "overdue", json_boolean(sd_case_overdue(c, today)));
	/* The status stays "answered"; scripts learn that nobody answered. */
	json_object_set_new(o, "all_declined",
	    json_boolean(sd_case_all_declined(v->routes, v->nroutes)));
	for (size_t i = 0; i < v->nroutes; i++) {
		json_t *r = json_object();

		sd_record_fields(SD_RECORD_ROUTE, &v->routes[i], &it);
		while (sd_field_next(&it, &f))
			json_object_set_new(r, f.info->name, cli_jfield(&f));
		json_object_set_new(r, "overdue", json_boolean(sd_route_overdue(&v->routes[i], today)));
		json_array_append_new(routes, r);
	}
	json_object_set_new(o, "routes", routes);
	for (size_t i = 0; i < v->njournal; i++) {
		const struct sd_journal_entry *e = &v->journal[i];
		json_t *j = json_pack("{s:o, s:o, s:o, s:o}", "at", cli_jtime(e->at), "actor",
		    cli_jstr(e->actor), "kind", cli_jstr(e->kind), "text", cli_jstr(e->text));
		if (e->dept != NULL)
			json_object_set_new(j, "department", cli_jstr(e->dept));
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
print_block(const char *label, const char *text)
{
	char *v;

	if (text == NULL)
		return;
	printf("%s\n", label);
	/*
	 * Indented past the column where fields and routes start, so that no
	 * line of the text looks like one of them.
	 */
	v = sd_visible(text, true);
	for (char *line = v, *nl; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		printf("    %s\n", line);
	}
	free(v);
}

static void
case_view_print(struct sd_desk *d, const struct sd_case_view *v)
{
	const struct sd_config *cfg = &d->cfg;
	const struct sd_case *c = &v->c;
	const struct sd_category *cat = c->category ? sd_config_category(cfg, c->category) : NULL;
	char num[SD_CASE_NUMBER_MAX], due[11], created[21];

	sd_case_number_format(c->key, num);
	sd_day_format(c->due, due);
	sd_time_format(c->created, created);
	cli_printf(_("Case %s  [%s]  version %u"), num,
	    sd_case_state_words(c, v->routes, v->nroutes), c->version);
	{
		const char *const labels[] = { _("Subject"), _("Enterprise"), _("Category"),
		    _("Channel"), _("Owner"), _("Event"), _("Created"), _("Due"), _("Moment"),
		    _("Resolution"), _("Satisfaction"), _("Own view") };
		int w = cli_label_width(labels, sizeof labels / sizeof labels[0]);
		/* A follow-up of an event names it (`sedesk event show ID`). */
		static const uint8_t none[SD_UUID_LEN];
		struct sd_buf b = { 0 };
		char ev[SD_UUID_STR];

		cli_show_field(w, _("Subject"), c->subject);
		sd_buf_addf(&b, "%s%s%s%s", v->ent.f[SD_EF_NAME],
		    v->ent.f[SD_EF_NUMBER] ? " (" : "",
		    v->ent.f[SD_EF_NUMBER] ? v->ent.f[SD_EF_NUMBER] : "",
		    v->ent.f[SD_EF_NUMBER] ? ")" : "");
		cli_show_field(w, _("Enterprise"), b.data);
		cli_show_field(w, _("Category"), cat != NULL && cat->name != NULL ? cat->name :
		    c->category ? c->category : "-");
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%s / %s", sd_channel_label(c->channel),
		    sd_priority_label(c->priority));
		cli_show_field(w, _("Channel"), b.data);
		cli_show_field(w, _("Owner"), c->owner ? c->owner : "-");
		if (memcmp(c->event, none, SD_UUID_LEN) != 0) {
			sd_uuid_format(c->event, ev);
			cli_show_field(w, _("Event"), ev);
		}
		cli_show_field(w, _("Created"), created);
		cli_show_field(w, _("Due"), due);
		/* Made from or linked to a contact moment: `sedesk moment show` opens it. */
		if (c->moment != NULL)
			cli_show_field(w, _("Moment"), c->moment);
		if (c->status == SD_CASE_CLOSED) {
			cli_show_field(w, _("Resolution"), c->resolution ? c->resolution : "");
			sd_buf_reset(&b);
			sd_buf_addf(&b, "%d/5", c->satisfaction);
			if (c->satisfaction)
				cli_show_field(w, _("Satisfaction"), b.data);
			sd_buf_reset(&b);
			sd_buf_addf(&b, "%d/5", c->own_view);
			if (c->own_view)
				cli_show_field(w, _("Own view"), b.data);
		}
		sd_buf_free(&b);
	}
	print_block(_("Description:"), c->description);
	if (v->nroutes > 0)
		printf(_("Routes:\n"));
	for (size_t i = 0; i < v->nroutes; i++) {
		const struct sd_route *r = &v->routes[i];
		char rdue[11], *first = sd_first_line(r->answer);
		sd_day_format(r->due, rdue);
		cli_printf("  %-6s %s %-10s %-8s %s %s", r->dept, sd_route_symbol(r->state),
		    sd_route_state_label(r->state), r->officer ? r->officer : "-", rdue, first);
		free(first);
	}
	printf(_("Journal:\n"));
	for (size_t i = 0; i < v->njournal; i++) {
		const struct sd_journal_entry *e = &v->journal[i];
		char at[21];
		int indent;

		/*
		 * Every entry starts with its time at column 2; the further lines
		 * of a note, an answer or a changed description start past it, so
		 * none of them can pass for an entry.
		 */
		sd_time_format(e->at, at);
		indent = 2 + (int)strlen(at) + 1;
		if (e->field != NULL) {
			char *words = sd_journal_change_words(d, e);
			cli_print_lines(indent, "  %s %-6s %s", at, e->actor, words);
			free(words);
		} else
			cli_print_lines(indent, "  %s %-6s %s%s%s%s%s", at, e->actor,
			    sd_journal_kind_label(e->kind),
			    e->dept ? " " : "", e->dept ? sd_dept_words(cfg, e->dept) : "",
			    e->text ? ": " : "",
			    e->text ? e->text : "");
	}
}

int
cmd_case_show(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_view v;
	struct sd_error err;
	size_t limit;

	/* Without --limit the whole journal, as always. */
	if (cli_limit(a, SIZE_MAX, &limit) < 0)
		return SD_INVALID;
	if (sd_case_get_page(&cli->desk, a->argv[0], limit, &v, &err) != SD_OK)
		return cli_report(&err);
	sd_access_case(&cli->desk, &v.c, SD_FRONT_CLI);	/* who looked (issue 17) */
	if (cli->json) {
		json_t *o = case_view_json(&v, sd_desk_today(&cli->desk));
		if (cli_opt(a, "limit") != NULL)
			json_object_set_new(o, "journal_more", json_boolean(v.journal_more));
		cli_case_attachments(cli, a->argv[0], o);
		cli_json_print(o);
	} else {
		case_view_print(&cli->desk, &v);
		cli_case_attachments(cli, a->argv[0], NULL);
		if (v.journal_more)
			printf(_("(more: use --limit to see more of the journal)\n"));
	}
	sd_case_view_free(&v);
	return 0;
}

static void
print_rows(struct cli *cli, const struct sd_case_rows *rows, bool inbox)
{
	if (cli->json) {
		json_t *a = json_array();
		for (size_t k = 0; k < rows->n; k++)
			json_array_append_new(a, cli_case_row_json(&rows->items[k]));
		cli_json_print(a);
	} else {
		cli_case_rows_print(rows, inbox);
	}
}

int
cmd_case_list(struct cli *cli, const struct cli_args *a)
{
	const char *status = cli_opt(a, "status"), *dept = cli_opt(a, "dept");
	const char *category = cli_opt(a, "category");
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_error err;
	size_t limit;

	if (cli_limit(a, 50, &limit) < 0)
		return SD_INVALID;
	if (status != NULL && (f.status = sd_case_status_parse(status)) == SD_CASE_NONE)
		return cli_usage(a->cmd, _("unknown status %s; use new, routed, in_progress, "
		    "answered, waiting or closed."), status);
	f.dept = dept;
	f.enterprise = cli_opt(a, "enterprise");
	f.category = category;
	f.overdue = cli_flag(a, "overdue");
	f.mine = cli_flag(a, "mine");
	/* One list and out: read by pread, not through the map (sedesk/readonce.h). */
	sd_read_once();
	if (sd_case_list(&cli->desk, &f, NULL, limit, &rows, &err) != SD_OK)
		return cli_report(&err);
	print_rows(cli, &rows, false);
	sd_case_rows_free(&rows);
	return 0;
}

int
cmd_inbox(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_rows rows;
	struct sd_error err;
	size_t limit;
	int rc;

	if (cli_limit(a, 50, &limit) < 0)
		return SD_INVALID;
	/* One inbox and out: read by pread, not through the map (sedesk/readonce.h). */
	sd_read_once();
	if (sd_inbox(&cli->desk, limit, &rows, &err) != SD_OK)
		return cli_report(&err);
	/* The cases, then the caller's contact moments of today and follow-ups due. */
	if (cli->json) {
		json_t *arr = json_array();
		bool any;
		for (size_t k = 0; k < rows.n; k++)
			json_array_append_new(arr, cli_case_row_json(&rows.items[k]));
		if ((rc = cli_inbox_moments(cli, limit, arr, false, &any)) == 0) {
			cli_privacy_inbox(cli, arr, &any);
			cli_access_log_warning(cli, arr, &any);	/* accesslog (admin) */
			cli_json_print(arr);
		}
		else
			json_decref(arr);
	} else {
		bool any = false;
		cli_case_rows_print(&rows, true);
		rc = cli_inbox_moments(cli, limit, NULL, rows.n > 0, &any);
		if (rc == 0)
			cli_privacy_inbox(cli, NULL, &any);
		if (rc == 0)
			cli_access_log_warning(cli, NULL, &any);	/* accesslog (admin) */
		if (rc == 0 && rows.n == 0 && !any)
			printf(_("Nothing waits for you.\n"));
	}
	sd_case_rows_free(&rows);
	return rc;
}
