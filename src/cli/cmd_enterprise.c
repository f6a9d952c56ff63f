/*
 * sedesk enterprise add | list | show | edit | import
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"
#include "sedesk/words.h"

/* The enterprise fields given as options, in field order (cli_args_options puts them first). */
static void
field_values(const struct cli_args *a, const char *values[SD_EF_COUNT])
{
	for (int i = 0; i < SD_EF_COUNT; i++)
		values[i] = a->values[i];
}

int
cmd_enterprise_add(struct cli *cli, const struct cli_args *a)
{
	const char *values[SD_EF_COUNT];
	struct sd_error err;
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR];

	field_values(a, values);
	if (sd_enterprise_add(&cli->desk, (char *const *)values, id, &err) != SD_OK)
		return cli_report(&err);
	sd_uuid_format(id, ids);
	if (cli->json)
		cli_json_print(json_pack("{s:s}", "id", ids));
	else
		puts(ids);
	return 0;
}

/*
 * An enterprise as JSON, from its field table: what it is (id and text
 * fields) first, then its version and times; a list shows only the fields
 * the table marks for summaries.
 */
json_t *
enterprise_json(const struct sd_enterprise *e, bool full)
{
	json_t *o = json_object();

	for (int pass = 0; pass < (full ? 2 : 1); pass++) {
		struct sd_field_iter it;
		struct sd_field_value v;

		sd_record_fields(SD_RECORD_ENTERPRISE, e, &it);
		while (sd_field_next(&it, &v)) {
			enum sd_field_kind k = v.info->kind;
			bool what = k == SD_FK_ID || k == SD_FK_TEXT || k == SD_FK_LIST;

			if (what != (pass == 0))
				continue;
			if (!full && !(v.info->flags & SD_FF_SUMMARY))
				continue;
			json_object_set_new(o, v.info->name, cli_jfield(&v));
		}
	}
	return o;
}

int
cmd_enterprise_list(struct cli *cli, const struct cli_args *a)
{
	struct sd_enterprise_list l;
	struct sd_error err;
	size_t limit;

	/* The reach list reads another index (cmd_timeline.c). */
	if (cli_opt(a, "not-contacted-since") != NULL)
		return cmd_enterprise_not_contacted(cli, a);
	if (cli_limit(a, 100, &limit) < 0)
		return SD_INVALID;
	if (sd_enterprise_list(&cli->desk, cli_opt(a, "tag"), NULL, limit, &l, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t k = 0; k < l.n; k++)
			json_array_append_new(arr, enterprise_json(&l.items[k], false));
		cli_json_print(arr);
	} else {
		for (size_t k = 0; k < l.n; k++) {
			const struct sd_enterprise *e = &l.items[k];
			cli_printf("%-14s %s%s%s", e->f[SD_EF_NUMBER] ? e->f[SD_EF_NUMBER] : "-",
			    e->f[SD_EF_NAME], e->f[SD_EF_CITY] ? "  · " : "",
			    e->f[SD_EF_CITY] ? e->f[SD_EF_CITY] : "");
		}
		if (l.more)
			printf(_("(more: use --limit to see more)\n"));
	}
	sd_enterprise_list_free(&l);
	return 0;
}

int
cmd_enterprise_show(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_enterprise e;
	struct sd_error err;
	char id[SD_UUID_STR];

	if (sd_enterprise_get(&cli->desk, a->argv[0], &e, &err) != SD_OK)
		return cli_report(&err);
	sd_uuid_format(e.id, id);
	f.enterprise = id;
	if (sd_case_list(&cli->desk, &f, NULL, 1000, &rows, &err) != SD_OK) {
		sd_enterprise_free(&e);
		return cli_report(&err);
	}
	if (cli->json) {
		json_t *o = enterprise_json(&e, true), *cases = json_array();
		for (size_t k = 0; k < rows.n; k++) {
			char num[SD_CASE_NUMBER_MAX];
			sd_case_number_format(rows.items[k].c.key, num);
			json_array_append_new(cases, json_pack("{s:s, s:s, s:o}", "number", num,
			    "status", sd_case_status_name(rows.items[k].c.status), "subject",
			    cli_jstr(rows.items[k].c.subject)));
		}
		json_object_set_new(o, "cases", cases);
		cli_json_print(o);
	} else {
		cli_printf("%s", e.f[SD_EF_NAME]);
		cli_printf("  %-11s %s", _("id"), id);
		cli_printf("  %-11s %u", _("version"), e.version);
		for (int k = SD_EF_NUMBER; k < SD_EF_COUNT; k++) {
			if (e.f[k] == NULL)
				continue;
			/* Further lines go under the value, past every label. */
			if (sd_ent_field_multiline(k))
				cli_print_lines(14, "  %-11s %s", sd_ent_field_title(k), e.f[k]);
			else
				cli_printf("  %-11s %s", sd_ent_field_title(k), e.f[k]);
		}
		printf(_("Cases:\n"));
		cli_case_rows_print(&rows, false);
	}
	sd_case_rows_free(&rows);
	sd_enterprise_free(&e);
	return 0;
}

int
cmd_enterprise_edit(struct cli *cli, const struct cli_args *a)
{
	const char *values[SD_EF_COUNT];
	struct sd_error err;
	uint32_t expect;
	bool any = false;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	field_values(a, values);
	for (int k = 0; k < SD_EF_COUNT; k++)
		any |= values[k] != NULL;
	if (!any)
		return cli_usage(a->cmd, _("say what to change, e.g. --city Gent."));
	if (sd_enterprise_edit(&cli->desk, a->argv[0], (char *const *)values, expect, &err) !=
	    SD_OK)
		return cli_report(&err);
	return 0;
}

struct import_report {
	const char	*file;
};

static void
report_reject(void *arg, long line, const char *why)
{
	struct import_report *r = arg;
	char *safe = cli_safe(why);

	fprintf(stderr, "sedesk: %s:%ld: %s\n", r->file, line, safe);
	free(safe);
}

int
cmd_enterprise_import(struct cli *cli, const struct cli_args *a)
{
	const char *encoding = cli_opt(a, "encoding"), *file = a->argv[0];
	bool strict = cli_flag(a, "strict"), latin1 = false;
	struct import_report rep;
	struct sd_import_rows rows;
	struct sd_error err;
	size_t imported = 0, bad_rows = 0, rejected = 0;
	FILE *f;
	sd_status s;

	if (encoding != NULL) {
		if (strcmp(encoding, "latin1") == 0 || strcmp(encoding, "iso-8859-1") == 0)
			latin1 = true;
		else if (strcmp(encoding, "utf-8") != 0 && strcmp(encoding, "utf8") != 0)
			return cli_usage(a->cmd, _("--encoding %s: use utf-8 or latin1."), encoding);
	}
	rep.file = file;
	/* With the user's own rights: the group's files are not the user's to import. */
	if (sd_user_fopen(file, &f, &err) != SD_OK)
		return cli_report(&err);
	s = (latin1 ? sd_csv_read_enterprises_latin1 : sd_csv_read_enterprises)(f, file, &rows,
	    report_reject, &rep, &bad_rows, &err);
	if (f != stdin)
		fclose(f);
	if (s != SD_OK)
		return cli_report(&err);
	if (strict && bad_rows > 0) {
		sd_import_rows_free(&rows);
		fprintf(stderr, _("sedesk: %zu rows are invalid; nothing was imported (--strict).\n"),
		    bad_rows);
		return SD_INVALID;
	}
	s = sd_enterprise_import(&cli->desk, rows.rows, rows.n, strict, report_reject, &rep,
	    &imported, &rejected, &err);
	sd_import_rows_free(&rows);
	if (s != SD_OK)
		return cli_report(&err);
	rejected += bad_rows;
	if (cli->json)
		cli_json_print(json_pack("{s:I, s:I}", "imported", (json_int_t)imported,
		    "rejected", (json_int_t)rejected));
	else
		printf(_("imported %zu, rejected %zu\n"), imported, rejected);
	return rejected > 0 ? SD_INVALID : 0;
}
