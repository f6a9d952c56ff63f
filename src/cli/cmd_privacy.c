/*
 * sedesk privacy fields | export | erase | compact | retention: what the
 * desk holds about people, for the data protection officer (issue 17).
 * The core decides who may (sd_permit: PRIVACY_READ, PRIVACY_WRITE).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/privacy.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

int
cmd_privacy_fields(struct cli *cli, const struct cli_args *a)
{
	const struct sd_privacy_field *f;
	struct sd_error err;
	json_t *arr = NULL;
	size_t n;

	(void)a;
	if (sd_privacy_fields(&cli->desk, &f, &n, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:b, s:b}",
			    "record", f[i].record, "field", f[i].field,
			    "purpose", _(f[i].purpose), "retention", _(f[i].retention),
			    "staff", f[i].staff, "sole_proprietor", f[i].sole_proprietor));
			continue;
		}
		printf("%s %s%s\n", f[i].record, f[i].field,
		    f[i].staff ? _(" (staff)") :
		    f[i].sole_proprietor ? _(" (of a sole proprietor)") : "");
		cli_print_lines(4, "    %s: %s", _("purpose"), _(f[i].purpose));
		cli_print_lines(4, "    %s: %s", _("kept"), _(f[i].retention));
	}
	/* The stores that are not a record's fields (sedesk/privacy.h): "store NAME". */
	for (size_t i = 0; i < sd_privacy_nstores(); i++) {
		const struct sd_privacy_store *st = sd_privacy_store(i);
		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b}",
			    "record", "store", "field", st->name, "label", _(st->label),
			    "purpose", _(st->purpose), "retention", _(st->retention),
			    "staff", 0, "sole_proprietor", 0));
			continue;
		}
		printf("store %s (%s)\n", st->name, _(st->label));
		cli_print_lines(4, "    %s: %s", _("purpose"), _(st->purpose));
		cli_print_lines(4, "    %s: %s", _("kept"), _(st->retention));
	}
	if (arr != NULL)
		cli_json_print(arr);
	return 0;
}

/* --person, --email or --enterprise: exactly one. */
static int
query(const struct cli_args *a, struct sd_privacy_query *q)
{
	static const struct { const char *opt; enum sd_privacy_by by; } by[] = {
		{ "person", SD_PRIVACY_PERSON }, { "email", SD_PRIVACY_EMAIL },
		{ "enterprise", SD_PRIVACY_ENTERPRISE },
	};
	int n = 0;

	memset(q, 0, sizeof *q);
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		const char *v = cli_opt(a, by[i].opt);
		if (v == NULL)
			continue;
		q->by = by[i].by;
		q->value = v;
		n++;
	}
	if (n != 1)
		return cli_usage(a->cmd, _("say whom: one of --person NAME, --email ADDRESS or "
		    "--enterprise NUMBER."));
	return 0;
}

static const char *
by_name(enum sd_privacy_by by)
{
	switch (by) {
	case SD_PRIVACY_PERSON:		return "person";
	case SD_PRIVACY_EMAIL:		return "email";
	case SD_PRIVACY_ENTERPRISE:	return "enterprise";
	}
	return "?";
}

static json_t *
hits_json(const struct sd_privacy_report *r, bool exact)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nhits; i++) {
		const struct sd_privacy_hit *h = &r->hits[i];
		if (h->exact != exact)
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o}", "record", h->record,
		    "ref", h->ref ? h->ref : "", "field", h->field, "text", cli_jstr(h->text)));
	}
	return arr;
}

static json_t *
report_json(struct cli *cli, const struct sd_privacy_query *q,
    const struct sd_privacy_report *r)
{
	return json_pack("{s:{s:s, s:s}, s:o, s:o, s:o}", "query", "by", by_name(q->by),
	    "value", q->value, "generated", cli_jtime(sd_desk_now(&cli->desk)),
	    "exact", hits_json(r, true), "review", hits_json(r, false));
}

/* The readable version: one line a value, what it is and where. */
static void
report_text(struct cli *cli, const struct sd_privacy_query *q, const struct sd_privacy_report *r,
    struct sd_buf *b)
{
	char day[11];
	size_t nexact = 0;

	for (size_t i = 0; i < r->nhits; i++)
		nexact += r->hits[i].exact;
	sd_day_format(sd_desk_today(&cli->desk), day);
	sd_buf_addf(b, _("Personal data held about %s (%s), %s\n"), q->value, by_name(q->by), day);
	for (int pass = 0; pass < 2; pass++) {
		size_t n = pass == 0 ? nexact : r->nhits - nexact;
		sd_buf_addf(b, "\n%s (%zu)\n", pass == 0 ? _("Records that name the person") :
		    _("Found in free text, to review"), n);
		for (size_t i = 0; i < r->nhits; i++) {
			const struct sd_privacy_hit *h = &r->hits[i];
			char *t;
			if (h->exact != (pass == 0))
				continue;
			t = sd_visible(h->text ? h->text : "", true);
			sd_buf_addf(b, "  %s %s, %s:\n", h->record, h->ref ? h->ref : "", h->field);
			for (char *line = t, *e; line != NULL && *line != '\0'; line = e) {
				e = strchr(line, '\n');
				if (e != NULL)
					*e++ = '\0';
				sd_buf_addf(b, "    %s\n", line);
			}
			free(t);
		}
	}
}

int
cmd_privacy_export(struct cli *cli, const struct cli_args *a)
{
	const char *path = cli_opt(a, "output");
	struct sd_privacy_report r;
	struct sd_privacy_query q;
	struct sd_buf text = { 0 }, txtpath = { 0 };
	struct sd_error err;
	json_t *doc;
	char *js;
	int rc;

	if ((rc = query(a, &q)) != 0)
		return rc;
	if (sd_privacy_export(&cli->desk, &q, &r, &err) != SD_OK)
		return cli_report(&err);
	doc = report_json(cli, &q, &r);
	report_text(cli, &q, &r, &text);
	sd_privacy_report_free(&r);
	if (path == NULL || strcmp(path, "-") == 0) {
		if (cli->json)
			cli_json_print(doc);
		else {
			json_decref(doc);
			fputs(text.data, stdout);
		}
		sd_buf_free(&text);
		return 0;
	}
	/* One JSON document, and the readable version beside it. */
	js = json_dumps(doc, JSON_INDENT(2));
	json_decref(doc);
	sd_buf_addf(&txtpath, "%s.txt", path);
	rc = cli_write_user_file(path, js);
	if (rc == 0)
		rc = cli_write_user_file(txtpath.data, text.data);
	if (rc == 0)
		printf(_("written: %s (JSON) and %s (text)\n"), path, txtpath.data);
	free(js);
	sd_buf_free(&text);
	sd_buf_free(&txtpath);
	return rc;
}

int
cmd_privacy_erase(struct cli *cli, const struct cli_args *a)
{
	struct sd_privacy_report r;
	struct sd_privacy_query q;
	struct sd_error err;
	size_t changed;
	bool pending;
	int rc;

	if ((rc = query(a, &q)) != 0)
		return rc;
	if (sd_privacy_erase(&cli->desk, &q, &r, &changed, &pending, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		cli_json_print(json_pack("{s:I, s:s, s:o}", "erased", (json_int_t)changed,
		    "compaction", changed == 0 ? "none" : pending ? "pending" : "done",
		    "values", json_pack("{s:o, s:o}", "exact", hits_json(&r, true),
		    "review", hits_json(&r, false))));
	} else if (changed == 0) {
		printf(_("nothing names %s; nothing was changed.\n"), q.value);
	} else {
		printf(ngettext("erased %zu value that named %s.\n",
		    "erased %zu values that named %s.\n", changed), changed, q.value);
		if (pending)
			printf(_("others have the database open, so it was not compacted yet: the "
			    "erased data stays in its free pages until `sedesk privacy compact` "
			    "runs when nobody uses sedesk.\n"));
		else
			printf(_("the database was compacted: nothing of it is left in the file.\n"));
	}
	sd_privacy_report_free(&r);
	return 0;
}

int
cmd_privacy_compact(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;

	(void)a;
	if (sd_privacy_compact(&cli->desk, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		cli_json_print(json_pack("{s:b}", "compacted", 1));
	else
		printf(_("the database was compacted.\n"));
	return 0;
}

void
cli_privacy_inbox(struct cli *cli, json_t *arr, bool *any)
{
	char **lines;
	size_t n = sd_privacy_inbox(&cli->desk, &lines);

	for (size_t i = 0; i < n; i++) {
		if (arr != NULL)
			json_array_append_new(arr, json_pack("{s:s, s:s}", "kind", "privacy",
			    "text", lines[i]));
		else
			cli_print(lines[i]);
	}
	if (n > 0)
		*any = true;
	sd_privacy_inbox_free(lines, n);
}

static const char *
action_name(enum sd_retention_action a)
{
	return a == SD_RETAIN_DESTROY ? "destroy" : "anonymise";
}

int
cmd_privacy_retention(struct cli *cli, const struct cli_args *a)
{
	bool apply = !cli_flag(a, "dry-run");
	struct sd_retention_list l;
	struct sd_error err;

	if (sd_privacy_retention(&cli->desk, apply, &l, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o, s:s}",
			    "number", l.due[i].number, "category", cli_jstr(l.due[i].category),
			    "closed", cli_jday(l.due[i].closed), "due", cli_jday(l.due[i].due),
			    "action", action_name(l.due[i].action)));
		cli_json_print(json_pack("{s:b, s:s, s:o}", "applied", l.applied,
		    "compaction", !l.applied ? "none" : l.pending ? "pending" : "done",
		    "cases", arr));
		sd_retention_list_free(&l);
		return 0;
	}
	for (size_t i = 0; i < l.n; i++) {
		char closed[11], due[11];
		sd_day_format(l.due[i].closed, closed);
		sd_day_format(l.due[i].due, due);
		/* TRANSLATORS: case, category, closed day, day the retention ended, what is done. */
		cli_printf(_("%s  %s  closed %s, kept until %s: %s"), l.due[i].number,
		    l.due[i].category ? l.due[i].category : "-", closed, due,
		    l.due[i].action == SD_RETAIN_DESTROY ? _("destroy") : _("anonymise"));
	}
	if (l.n == 0)
		printf(_("no closed case is past its retention; nothing was changed.\n"));
	else if (!l.applied)
		printf(ngettext("%zu case is past its retention (dry run: nothing was changed).\n",
		    "%zu cases are past their retention (dry run: nothing was changed).\n", l.n),
		    l.n);
	else {
		printf(ngettext("%zu case anonymised or destroyed.\n",
		    "%zu cases anonymised or destroyed.\n", l.n), l.n);
		if (l.pending)
			printf(_("others have the database open, so it was not compacted yet; run "
			    "`sedesk privacy compact` when nobody uses sedesk.\n"));
		else
			printf(_("the database was compacted.\n"));
	}
	sd_retention_list_free(&l);
	return 0;
}
