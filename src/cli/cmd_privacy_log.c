/*
 * sedesk privacy log: who looked at which case, enterprise or contact
 * moment, and when (the access log, sedesk/access_log.h).  The
 * administrator and the data protection officer only; --acknowledge
 * (the administrator) marks the failures to write the log as seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/search.h"
#include "sedesk/text.h"

/* What a record is called in the output: an enterprise's name, looked up once. */
struct names {
	char	(*ids)[SD_UUID_STR];
	char	**names;
	size_t	 n;
};

static const char *
ent_name(struct cli *cli, struct names *c, const char *id)
{
	struct sd_enterprise e;
	struct sd_error err;
	char *name = NULL;

	if (*id == '\0')
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->ids[i], id) == 0)
			return c->names[i];
	/* One no longer in the register (erased, destroyed) stays unnamed. */
	if (sd_enterprise_get(&cli->desk, id, &e, &err) == SD_OK) {
		name = sd_xstrdup(e.f[SD_EF_NAME] != NULL ? e.f[SD_EF_NAME] : "");
		sd_enterprise_free(&e);
	}
	c->ids = sd_xrealloc(c->ids, (c->n + 1) * sizeof *c->ids);
	c->names = sd_xrealloc(c->names, (c->n + 1) * sizeof *c->names);
	snprintf(c->ids[c->n], SD_UUID_STR, "%s", id);
	c->names[c->n] = name;
	return c->names[c->n++];
}

static void
names_free(struct names *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->ids);
}

static const char *
kind_name(enum sd_access_kind k)
{
	switch (k) {
	case SD_ACCESS_CASE:		return "case";
	case SD_ACCESS_ENTERPRISE:	return "enterprise";
	default:			return "moment";
	}
}

static const char *
kind_label(enum sd_access_kind k)
{
	switch (k) {
	case SD_ACCESS_CASE:		return _("case");
	case SD_ACCESS_ENTERPRISE:	return _("enterprise");
	default:			return _("contact moment");
	}
}

static const char *
front_label(enum sd_front f)
{
	return f == SD_FRONT_TUI ? _("interface") : _("command line");
}

/* The search hits for --person: the cases, enterprises and moments naming the person. */
struct person_sets {
	struct sd_case_key *cases;
	uint8_t		(*ents)[SD_UUID_LEN];
	uint8_t		(*moments)[SD_UUID_LEN];
	size_t		 ncases, nents, nmoments;
};

static int
person_find(struct cli *cli, const char *text, struct person_sets *p)
{
	struct sd_hits hits;
	struct sd_error err;

	memset(p, 0, sizeof *p);
	if (sd_search(&cli->desk, text, SD_HIT_ANY, SD_SEARCH_LIMIT_MAX, &hits, &err) != SD_OK)
		return cli_report(&err);
	p->cases = sd_xcalloc(hits.n + 1, sizeof *p->cases);
	p->ents = sd_xcalloc(hits.n + 1, sizeof *p->ents);
	p->moments = sd_xcalloc(hits.n + 1, sizeof *p->moments);
	for (size_t i = 0; i < hits.n; i++) {
		const struct sd_hit *h = &hits.items[i];

		if (h->kind == SD_HIT_CASE)
			p->cases[p->ncases++] = h->key;
		else if (h->kind == SD_HIT_ENTERPRISE)
			memcpy(p->ents[p->nents++], h->ent, SD_UUID_LEN);
		else if (h->kind == SD_HIT_MOMENT)
			memcpy(p->moments[p->nmoments++], h->moment, SD_UUID_LEN);
	}
	/* The DPO must know the list may be incomplete: a name that common is no filter. */
	if (hits.more)
		fprintf(stderr, _("sedesk: %s names more than %d records; only the views of the "
		    "first %d are listed: give more of the name, or --enterprise or --case.\n"),
		    text, SD_SEARCH_LIMIT_MAX, SD_SEARCH_LIMIT_MAX);
	sd_hits_free(&hits);
	return 0;
}

static void
person_free(struct person_sets *p)
{
	free(p->cases);
	free(p->ents);
	free(p->moments);
}

static int
parse_day(const struct cli_args *a, const char *opt, sd_day *out)
{
	const char *v = cli_opt(a, opt);

	*out = SD_NO_DAY;
	if (v != NULL && !sd_day_parse(v, out))
		return cli_usage(a->cmd, _("--%s %s is not a date; use YYYY-MM-DD."), opt, v), -1;
	return 0;
}

/* The failures to write the log, after the entries: the administrator must know. */
static void
failures_text(const struct sd_access_health *h)
{
	char at[21];

	if (h->failures == h->seen)
		return;
	sd_time_format(h->last, at);
	printf(ngettext("Warning: %llu view could not be written to the access log (last at %s: "
	    "%s); see `sedesk privacy log --acknowledge` in sedesk(1).\n",
	    "Warning: %llu views could not be written to the access log (last at %s: %s); "
	    "see `sedesk privacy log --acknowledge` in sedesk(1).\n",
	    (unsigned long)(h->failures - h->seen)), (unsigned long long)(h->failures - h->seen),
	    at, strerror(h->last_errno));
}

static json_t *
failures_json(const struct sd_access_health *h)
{
	return json_pack("{s:I, s:I, s:o, s:o}", "count", (json_int_t)h->failures,
	    "unacknowledged", (json_int_t)(h->failures - h->seen), "last", cli_jtime(h->last),
	    "reason", h->last != 0 ? json_string(strerror(h->last_errno)) : json_null());
}

/* Printing as the entries come (sd_access_each): a year of views is never held. */
struct printer {
	struct cli	*cli;
	struct names	 names;
	size_t		 n;
};

static int
print_one(const struct sd_access_entry *e, void *arg)
{
	struct printer *p = arg;
	const char *name;
	char at[21];

	/* Names looked up once each; a long period of many enterprises starts afresh. */
	if (p->names.n >= 4096) {
		names_free(&p->names);
		memset(&p->names, 0, sizeof p->names);
	}
	name = ent_name(p->cli, &p->names, e->enterprise);
	if (p->cli->json) {
		json_t *o = json_pack("{s:o, s:s, s:s, s:s}", "at", cli_jtime(e->at),
		    "user", e->login, "front", e->front == SD_FRONT_TUI ? "interface" : "cli",
		    "record", kind_name(e->kind));
		char *txt;

		if (e->kind == SD_ACCESS_CASE)
			json_object_set_new(o, "case", json_string(e->key));
		if (e->kind == SD_ACCESS_MOMENT)
			json_object_set_new(o, "moment", json_string(e->key));
		json_object_set_new(o, "enterprise", *e->enterprise != '\0' ?
		    json_pack("{s:s, s:o}", "id", e->enterprise, "name", cli_jstr(name)) :
		    json_null());
		txt = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		printf("%s\n    %s", p->n > 0 ? "," : "", txt);
		free(txt);
		json_decref(o);
	} else {
		sd_time_format(e->at, at);
		if (e->kind == SD_ACCESS_ENTERPRISE)
			cli_printf("%s  %-8s %-13s %s %s", at, e->login, front_label(e->front),
			    kind_label(e->kind), name != NULL ? name : e->key);
		else
			cli_printf("%s  %-8s %-13s %s %s%s%s", at, e->login, front_label(e->front),
			    kind_label(e->kind), e->key, name != NULL ? "  " : "",
			    name != NULL ? name : "");
	}
	p->n++;
	return 0;
}

/* The JSON object around the entries: they stream between its head and its tail. */
static void
json_tail(size_t bad, const struct sd_access_health *h)
{
	json_t *f = failures_json(h);
	char *txt = json_dumps(f, JSON_COMPACT | JSON_PRESERVE_ORDER);

	printf("\n  ],\n  \"unreadable_lines\": %zu,\n  \"failures\": %s\n}\n", bad, txt);
	free(txt);
	json_decref(f);
}

/*
 * The administrator's inbox says when views could not be logged: the log
 * is their evidence for the data protection officer, and only they can
 * fix the folder or the disk.  As privacy's inbox lines: a line after the
 * cases, or with --json an item {"kind": "privacy", "text": …} of the array.
 */
void
cli_access_log_warning(struct cli *cli, json_t *arr, bool *any)
{
	char line[256];
	uint64_t n;

	if (sd_permit(&cli->desk, SD_ACT_PRIVACY_WRITE, NULL, NULL) != SD_OK ||
	    (n = sd_access_unseen(&cli->desk)) == 0)
		return;
	snprintf(line, sizeof line, ngettext("Access log: %llu view could not be logged; see "
	    "`sedesk privacy log`.", "Access log: %llu views could not be logged; see "
	    "`sedesk privacy log`.", (unsigned long)n), (unsigned long long)n);
	if (arr != NULL)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "kind", "privacy", "text", line));
	else
		cli_print(line);
	*any = true;
}

int
cmd_privacy_log(struct cli *cli, const struct cli_args *a)
{
	const char *person = cli_opt(a, "person"), *ent = cli_opt(a, "enterprise");
	const char *num = cli_opt(a, "case");
	struct sd_access_filter f = { .login = cli_opt(a, "user") };
	struct sd_access_health h;
	struct person_sets p = { 0 };
	struct sd_access_set set;
	uint8_t ent_id[SD_UUID_LEN];
	struct sd_case_key k;
	struct sd_error err;
	int rc = 0;

	if (cli_flag(a, "acknowledge")) {
		if (sd_access_acknowledge(&cli->desk, &err) != SD_OK)
			return cli_report(&err);
		printf(_("The failures to write the access log are marked as seen.\n"));
		return 0;
	}
	if (parse_day(a, "from", &f.from) < 0 || parse_day(a, "to", &f.to) < 0)
		return SD_INVALID;
	if (f.from != SD_NO_DAY && f.to != SD_NO_DAY && f.to < f.from)
		return cli_usage(a->cmd, _("--to is before --from."));
	if (num != NULL) {
		/* A number, not a case: a case removed since was still looked at. */
		if (!sd_case_number_parse(num, &k))
			return cli_usage(a->cmd, _("%s is not a case number such as 2026-00042."),
			    num);
		f.case_key = &k;
	}
	if (ent != NULL) {
		struct sd_enterprise e;
		/* An id names one no longer in the register too. */
		if (!sd_uuid_parse(ent, ent_id)) {
			if (sd_enterprise_get(&cli->desk, ent, &e, &err) != SD_OK)
				return cli_report(&err);
			memcpy(ent_id, e.id, SD_UUID_LEN);
			sd_enterprise_free(&e);
		}
		f.enterprise = ent_id;
	}
	if (person != NULL) {
		if ((rc = person_find(cli, person, &p)) != 0)
			return rc;
		set = (struct sd_access_set){ .cases = p.cases, .ncases = p.ncases,
		    .ents = (const uint8_t (*)[SD_UUID_LEN])p.ents, .nents = p.nents,
		    .moments = (const uint8_t (*)[SD_UUID_LEN])p.moments, .nmoments = p.nmoments };
		f.person = &set;
	}
	{
		struct printer pr = { .cli = cli };
		size_t bad = 0;

		/* Asked before the JSON's head is written: a refusal prints nothing. */
		if (sd_permit(&cli->desk, SD_ACT_PRIVACY_READ, NULL, &err) != SD_OK) {
			rc = cli_report(&err);
			goto out;
		}
		if (cli->json)
			printf("{\n  \"personal_data\": true,\n  \"entries\": [");
		if (sd_access_each(&cli->desk, &f, print_one, &pr, &bad, &err) != SD_OK) {
			if (cli->json)
				printf("\n  ]\n}\n");
			rc = cli_report(&err);
		} else {
			sd_access_health(&cli->desk, &h);
			if (cli->json)
				json_tail(bad, &h);
			else {
				if (pr.n == 0)
					printf(_("Nobody looked at anything that matches.\n"));
				if (bad > 0)
					printf(ngettext("%zu line of the access log could not be "
					    "read.\n", "%zu lines of the access log could not be "
					    "read.\n", bad), bad);
				failures_text(&h);
			}
		}
		names_free(&pr.names);
	}
out:
	person_free(&p);
	return rc;
}
