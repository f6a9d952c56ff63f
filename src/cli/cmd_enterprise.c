/*
 * sedesk enterprise add | list | show | edit | import
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"
#include "sedesk/words.h"

/* The enterprise fields given as options (cli_args_options says which option is which). */
static void
field_values(const struct cli_args *a, const char *values[SD_EF_COUNT])
{
	for (int i = 0; i < SD_EF_COUNT; i++)
		values[i] = NULL;
	for (size_t i = 0; i < a->nopts; i++)
		if (a->field_of[i] >= 0)
			values[a->field_of[i]] = a->values[i];
	values[SD_EF_EMPLOYMENT] = cli_opt(a, "employment");
}

/* The item options of the profile (--recognition, --nace, …), as the core takes them. */
struct profile_args {
	const char		*v[6][CLI_MAX_REPEAT];
	struct sd_profile_ops	 ops;
	bool			 any;
};

static void
profile_ops(const struct cli_args *a, bool edit, struct profile_args *p)
{
	memset(p, 0, sizeof *p);
	p->ops.recognitions = p->v[0];
	p->ops.nrecognitions = cli_opt_all(a, "recognition", p->v[0], CLI_MAX_REPEAT);
	p->ops.nace = p->v[1];
	p->ops.nnace = cli_opt_all(a, "nace", p->v[1], CLI_MAX_REPEAT);
	p->ops.persons = p->v[2];
	p->ops.npersons = cli_opt_all(a, "person", p->v[2], CLI_MAX_REPEAT);
	p->ops.main_nace = cli_opt(a, "main-nace");
	if (edit) {
		p->ops.no_recognitions = p->v[3];
		p->ops.nno_recognitions = cli_opt_all(a, "no-recognition", p->v[3],
		    CLI_MAX_REPEAT);
		p->ops.no_nace = p->v[4];
		p->ops.nno_nace = cli_opt_all(a, "no-nace", p->v[4], CLI_MAX_REPEAT);
		p->ops.no_persons = p->v[5];
		p->ops.nno_persons = cli_opt_all(a, "no-person", p->v[5], CLI_MAX_REPEAT);
	}
	p->any = p->ops.nrecognitions || p->ops.nnace || p->ops.npersons || p->ops.main_nace ||
	    p->ops.nno_recognitions || p->ops.nno_nace || p->ops.nno_persons;
}

static void
profile_free(char *out[SD_EF_COUNT])
{
	free(out[SD_EF_RECOGNITIONS]);
	free(out[SD_EF_NACE]);
	free(out[SD_EF_PERSONS]);
}

int
cmd_enterprise_add(struct cli *cli, const struct cli_args *a)
{
	const char *values[SD_EF_COUNT];
	char *items[SD_EF_COUNT] = { 0 };
	struct profile_args p;
	struct sd_error err;
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR];
	sd_status s;

	field_values(a, values);
	profile_ops(a, false, &p);
	if (sd_profile_apply(&cli->desk.cfg, NULL, &p.ops, items, &err) != SD_OK)
		return cli_report(&err);
	for (int f = 0; f < SD_EF_COUNT; f++)
		if (items[f] != NULL)
			values[f] = items[f];
	s = sd_enterprise_add(&cli->desk, (char *const *)values, id, &err);
	profile_free(items);
	if (s != SD_OK)
		return cli_report(&err);
	sd_uuid_format(id, ids);
	return cli_print_made(cli, "id", ids);
}

/*
 * A structured profile field as JSON: arrays of objects (employment: one
 * object), codes as stored and NACE codes with their label when one is
 * known.  A line that cannot be read is left out (`check` reports it).
 */
static json_t *
items_json(const char *field, const char *text)
{
	struct sd_error err;
	size_t n;
	json_t *arr = json_array();

	if (strcmp(field, "recognitions") == 0) {
		struct sd_recognition *r;
		sd_enterprise_recognitions(&(struct sd_enterprise){ .f[SD_EF_RECOGNITIONS] =
		    (char *)text }, &r, &n);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:o}", "name", r[i].name,
			    "since", cli_jday(r[i].since)));
		sd_recognitions_free(r, n);
	} else if (strcmp(field, "nace") == 0) {
		struct sd_nace *c;
		if (sd_nace_read(text, &c, &n, &err) == SD_OK) {
			for (size_t i = 0; i < n; i++) {
				bool exact;
				const char *l = sd_nace_label(c[i].code, c[i].version, NULL, &exact);
				json_array_append_new(arr, json_pack("{s:s, s:i, s:b, s:o, s:b}",
				    "code", c[i].code, "version", c[i].version, "main", c[i].main,
				    "label", cli_jstr(l), "label_is_division", l != NULL && !exact));
			}
			free(c);
		}
	} else if (strcmp(field, "persons") == 0) {
		struct sd_person *p;
		if (sd_persons_read(text, &p, &n, &err) == SD_OK) {
			for (size_t i = 0; i < n; i++)
				json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o, s:o}",
				    "name", p[i].name, "role", cli_jstr(p[i].role), "email",
				    cli_jstr(p[i].email), "phone", cli_jstr(p[i].phone), "lang",
				    cli_jstr(p[i].lang[0] ? p[i].lang : NULL)));
			sd_persons_free(p, n);
		}
	} else if (strcmp(field, "employment") == 0) {
		struct sd_employment e;
		char fte[24];
		json_decref(arr);
		if (text == NULL || sd_employment_read(text, &e, &err) != SD_OK)
			return json_null();
		sd_fte_format(e.fte, fte);
		/* FTE exactly: hundredths as an integer, and the decimal as a string. */
		return json_pack("{s:o, s:o, s:o, s:o}",
		    "target", e.target >= 0 ? json_integer(e.target) : json_null(),
		    "fte", e.fte >= 0 ? json_string(fte) : json_null(),
		    "fte_hundredths", e.fte >= 0 ? json_integer(e.fte) : json_null(),
		    "known", cli_jday(e.known));
	}
	return arr;
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
			if (v.info->flags & SD_FF_ITEMS)
				json_object_set_new(o, v.info->name, items_json(v.info->name, v.text));
			else
				json_object_set_new(o, v.info->name, cli_jfield(&v));
		}
	}
	return o;
}

/* Whether e has a NACE code that starts with prefix (in its one spelling). */
static bool
has_nace(const struct sd_enterprise *e, const char *prefix)
{
	struct sd_nace *c;
	struct sd_error err;
	size_t n;
	bool ok = false;

	if (sd_nace_read(e->f[SD_EF_NACE], &c, &n, &err) != SD_OK)
		return false;
	for (size_t i = 0; i < n && !ok; i++)
		ok = strncmp(c[i].code, prefix, strlen(prefix)) == 0;
	free(c);
	return ok;
}

/*
 * --kind and --nace filter the pages by name: not page-bound (a rare kind
 * reads the register until limit enterprises match), which a register
 * of a few thousand enterprises does not notice.
 */
static sd_status
list_filtered(struct cli *cli, const struct cli_args *a, size_t limit,
    struct sd_enterprise_list *out, struct sd_error *err)
{
	const char *kind = cli_opt(a, "kind"), *nace = cli_opt(a, "nace");
	char prefix[SD_NACE_CODE_MAX + 8] = "";
	struct sd_ent_cursor cur = { 0 };
	sd_status s;

	if (kind == NULL && nace == NULL)
		return sd_enterprise_list(&cli->desk, cli_opt(a, "tag"), NULL, limit, out, err);
	if (kind != NULL && !sd_profile_code_known(&cli->desk.cfg, SD_LIST_KINDS, kind))
		return sd_fail(err, SD_INVALID, _("--kind %s: not a kind; see `sedesk enterprise "
		    "add --help` and the [profile] kinds of the configuration."), kind);
	if (nace != NULL) {
		/* "81", "813", "81.3", "8130" all mean the same start. */
		size_t k = 0;
		for (const char *q = nace; *q && k + 2 < sizeof prefix; q++) {
			if (*q == '.' )
				continue;
			if (*q < '0' || *q > '9')
				return sd_fail(err, SD_INVALID, _("--nace %s: give the first digits "
				    "of a code, e.g. 81 or 81.3."), nace);
			if (k == 2)
				prefix[k++] = '.';
			prefix[k++] = *q;
		}
		prefix[k] = '\0';
	}
	memset(out, 0, sizeof *out);
	for (;;) {
		struct sd_enterprise_list page;
		if ((s = sd_enterprise_list(&cli->desk, cli_opt(a, "tag"), &cur, 200, &page,
		    err)) != SD_OK) {
			sd_enterprise_list_free(out);
			return s;
		}
		for (size_t i = 0; i < page.n; i++) {
			struct sd_enterprise *e = &page.items[i];
			if ((kind != NULL && (e->f[SD_EF_KIND] == NULL ||
			    strcmp(e->f[SD_EF_KIND], kind) != 0)) ||
			    (nace != NULL && !has_nace(e, prefix)))
				continue;
			if (out->n == limit) {
				out->more = true;
				break;
			}
			out->items = sd_xrealloc(out->items, (out->n + 1) * sizeof *out->items);
			out->items[out->n++] = *e;
			memset(e, 0, sizeof *e);
		}
		cur = page.next;
		bool more = page.more && !out->more;
		sd_enterprise_list_free(&page);
		if (!more)
			return SD_OK;
	}
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
	if (list_filtered(cli, a, limit, &l, &err) != SD_OK)
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

/*
 * The labels of `enterprise show` in one column as wide as the longest
 * label there can be in the user's language ("Contactpersonen"), counted
 * in terminal columns; a value's further lines go under the value.
 */
static int
label_width(void)
{
	int w = sd_text_width(_("id"));

	if (sd_text_width(_("version")) > w)
		w = sd_text_width(_("version"));
	for (int k = SD_EF_NUMBER; k < SD_EF_COUNT; k++)
		if (sd_text_width(sd_ent_field_title(k)) > w)
			w = sd_text_width(sd_ent_field_title(k));
	return w;
}

/*
 * A profile field in words, one item a line under its title; false for
 * the other fields.  A line that cannot be read shows as stored.
 */
static bool
profile_words(const struct sd_config *cfg, int w, enum sd_ent_field k, const char *text,
    const struct sd_enterprise *e)
{
	struct sd_buf b = { 0 };
	struct sd_error err;
	size_t n;

	switch (k) {
	case SD_EF_KIND:
		cli_show_field(w, sd_ent_field_title(k), sd_profile_code_label(cfg, SD_LIST_KINDS, text));
		return true;
	case SD_EF_RECOGNITIONS: {
		struct sd_recognition *r;
		sd_enterprise_recognitions(&(struct sd_enterprise){ .f[SD_EF_RECOGNITIONS] =
		    (char *)text }, &r, &n);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				sd_buf_adds(&b, "\n");
			sd_recognition_words(cfg, &r[i], &b);
		}
		sd_recognitions_free(r, n);
		break;
	}
	case SD_EF_NACE: {
		struct sd_nace *c;
		if (sd_nace_read(text, &c, &n, &err) != SD_OK)
			return false;
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				sd_buf_adds(&b, "\n");
			sd_nace_words_with(&c[i], e->f[SD_EF_ACTIVITIES], &b);
		}
		free(c);
		break;
	}
	case SD_EF_PERSONS: {
		struct sd_person *p;
		if (sd_persons_read(text, &p, &n, &err) != SD_OK)
			return false;
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				sd_buf_adds(&b, "\n");
			sd_person_words(&p[i], &b);
		}
		sd_persons_free(p, n);
		break;
	}
	case SD_EF_EMPLOYMENT: {
		struct sd_employment em;
		if (sd_employment_read(text, &em, &err) != SD_OK)
			return false;
		sd_employment_words(&em, &b);
		break;
	}
	default:
		return false;
	}
	if (b.len > 0)
		cli_show_field(w, sd_ent_field_title(k), b.data);
	sd_buf_free(&b);
	return true;
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
	sd_access_enterprise(&cli->desk, &e, SD_FRONT_CLI);	/* who looked (issue 17) */
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
		int w = label_width();
		char ver[16];

		cli_printf("%s", e.f[SD_EF_NAME]);
		cli_show_field(w, _("id"), id);
		snprintf(ver, sizeof ver, "%u", e.version);
		cli_show_field(w, _("version"), ver);
		for (int k = SD_EF_NUMBER; k < SD_EF_COUNT; k++) {
			if (e.f[k] == NULL)
				continue;
			if (profile_words(&cli->desk.cfg, w, k, e.f[k], &e))
				continue;
			/* Further lines go under the value, past every label. */
			cli_show_field(w, sd_ent_field_title(k), e.f[k]);
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
	char *items[SD_EF_COUNT] = { 0 };
	struct profile_args p;
	struct sd_enterprise e;
	sd_status s;
	struct sd_error err;
	uint32_t expect;
	bool any = false;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	field_values(a, values);
	profile_ops(a, true, &p);
	for (int k = 0; k < SD_EF_COUNT; k++)
		any |= values[k] != NULL;
	if (!any && !p.any)
		return cli_usage(a->cmd, _("say what to change, e.g. --city Gent."));
	if (p.any) {
		/*
		 * One item changes the field's whole text: made from the version
		 * read here, and refused (conflict) if someone changed it since.
		 */
		if (sd_enterprise_get(&cli->desk, a->argv[0], &e, &err) != SD_OK)
			return cli_report(&err);
		s = sd_profile_apply(&cli->desk.cfg, &e, &p.ops, items, &err);
		if (expect == 0)
			expect = e.version;
		sd_enterprise_free(&e);
		if (s != SD_OK)
			return cli_report(&err);
		for (int f = 0; f < SD_EF_COUNT; f++)
			if (items[f] != NULL)
				values[f] = items[f];
	}
	s = sd_enterprise_edit(&cli->desk, a->argv[0], (char *const *)values, expect, &err);
	profile_free(items);
	if (s != SD_OK)
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
	struct sd_import_result res;
	struct sd_error err;
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
	s = sd_enterprise_import_file(&cli->desk, f, file, latin1, strict, report_reject, &rep,
	    &res, &err);
	if (f != stdin)
		fclose(f);
	if (s != SD_OK) {
		int rc = cli_report(&err);
		/* A chunked import keeps what it committed: say so, and how to go on. */
		if (res.committed_upto > 0)
			fprintf(stderr, _("sedesk: %s: only the rows being written were undone; "
			    "the rows up to line %ld were imported before them. Run the same "
			    "import again to continue after them.\n"), file, res.committed_upto);
		return rc;
	}
	if (res.already != 0) {
		char day[11];
		struct tm tm;
		localtime_r(&res.already, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		if (cli->json)
			cli_json_print(json_pack("{s:I, s:I, s:s}", "imported",
			    (json_int_t)res.imported, "rejected", (json_int_t)res.rejected,
			    "already_imported", day));
		else
			printf(_("%s was imported whole on %s (imported %zu, rejected %zu); nothing "
			    "was changed. To import it again, change the file or touch it.\n"),
			    file, day, res.imported, res.rejected);
		return 0;
	}
	if (res.resumed_after > 0 && !cli->json)
		fprintf(stderr, _("sedesk: %s: resumed after line %ld, where an earlier run "
		    "stopped; the counts are the whole file's.\n"), file, res.resumed_after);
	if (cli->json)
		cli_json_print(json_pack("{s:I, s:I, s:I}", "imported", (json_int_t)res.imported,
		    "rejected", (json_int_t)res.rejected, "resumed_after",
		    (json_int_t)res.resumed_after));
	else
		printf(_("imported %zu, rejected %zu\n"), res.imported, res.rejected);
	return res.rejected > 0 ? SD_INVALID : 0;
}

int
cmd_enterprise_nace(struct cli *cli, const struct cli_args *a)
{
	const struct sd_nace_row *rows;
	size_t n = sd_nace_rows(&rows);
	struct sd_buf q = { 0 };
	/* TRANSLATORS: the language of the NACE labels: "nl" in Dutch. */
	const char *lang = _("NACE labels: en");
	bool nl = strcmp(lang, "nl") == 0;
	json_t *arr = json_array();

	for (int i = 0; i < a->argc; i++)
		sd_buf_addf(&q, "%s%s", i ? " " : "", a->argv[i]);
	for (size_t i = 0; i < n; i++) {
		const char *label = nl && rows[i].nl[0] != '\0' ? rows[i].nl : rows[i].en;

		if (q.len > 0 && !sd_nace_row_matches(&rows[i], q.data))
			continue;
		if (cli->json)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code",
			    rows[i].code, "level", rows[i].code[1] == '\0' ? "section" : "division",
			    "section", (char[2]){ rows[i].section, '\0' }, "nl", rows[i].nl, "en",
			    rows[i].en));
		else
			cli_printf("%s%-3s %s", rows[i].code[1] == '\0' ? "" : "  ", rows[i].code,
			    label);
	}
	sd_buf_free(&q);
	if (cli->json)
		cli_json_print(arr);
	else
		json_decref(arr);
	return 0;
}
