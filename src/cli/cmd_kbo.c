/*
 * sedesk enterprise import-kbo ZIP|DIR [--postcode LIST | --municipality NAME...]
 * [--nace PREFIX...] [--juridical-form CODE...] [--dry-run]: the KBO open
 * data extract into the register (src/core/kbo_import.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/kbo.h"
#include "sedesk/text.h"

struct progress {
	bool	 shown;
	char	 stage[32];
	uint64_t last_rows, last_done;
};

/*
 * A line on the terminal, rewritten in place (only when stderr is one),
 * about once a second: the file being read, how far, rows a second and
 * the seconds that file still needs at that pace.
 */
static void
on_progress(void *arg, const char *stage, uint64_t rows, uint64_t done, uint64_t total)
{
	struct progress *p = arg;
	bool same = strcmp(p->stage, stage) == 0;
	uint64_t rate = same && rows > p->last_rows ? rows - p->last_rows : 0;
	uint64_t bytes = same && done > p->last_done ? done - p->last_done : 0;

	/* The line is rewritten in place: back to its start, the text, the rest cleared. */
	fputs("\r", stderr);
	if (strcmp(stage, "write") == 0)
		fprintf(stderr, _("writing: %llu of %llu enterprises"), (unsigned long long)done,
		    (unsigned long long)total);
	else if (bytes > 0 && total > done)
		fprintf(stderr, _("reading %s.csv: %llu%%, %llu rows/s, about %llu s left"),
		    stage, (unsigned long long)(done * 100 / total), (unsigned long long)rate,
		    (unsigned long long)((total - done) / bytes));
	else
		fprintf(stderr, _("reading %s.csv: %llu%%"), stage,
		    total > 0 ? (unsigned long long)(done * 100 / total) : 0ULL);
	fputs("\033[K", stderr);
	snprintf(p->stage, sizeof p->stage, "%s", stage);
	p->last_rows = rows;
	p->last_done = done;
	p->shown = true;
}

static const char *const skip_words[SD_KBO_SKIP_COUNT] = {
	N_("not in the chosen places"),
	N_("no activity with the NACE codes asked for"),
	N_("another legal form"),
	N_("no name in the extract"),
	N_("not in enterprise.csv"),
	N_("rows that could not be read"),
	N_("refused by the register"),
};
static const char *const skip_keys[SD_KBO_SKIP_COUNT] = {
	"place", "nace", "legal_form", "no_name", "no_enterprise_row", "bad_row", "invalid",
};

struct skips {
	unsigned shown;
};

/* Each unreadable row on stderr, the first twenty; the count says the rest. */
static void
on_skip(void *arg, const char *what, const char *why)
{
	struct skips *s = arg;
	char *safe;

	(void)what;
	if (s->shown++ >= 20)
		return;
	safe = cli_safe(why);
	fprintf(stderr, "sedesk: %s\n", safe);
	free(safe);
}

/* "9000,9030 9031" and repeated options: each postcode once. */
static void
add_list(const char *v, char ***out, size_t *n)
{
	char *copy = sd_xstrdup(v), *save = NULL;

	for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		*out = sd_xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = sd_xstrdup(w);
	}
	free(copy);
}

static void
list_free(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

int
cmd_enterprise_import_kbo(struct cli *cli, const struct cli_args *a)
{
	const char *vals[CLI_MAX_REPEAT];
	char **places = NULL, **nace = NULL, **forms = NULL;
	size_t nplaces = 0, nnace = 0, nforms = 0, n;
	struct sd_kbo_options o = { 0 };
	struct sd_kbo_report rep;
	struct progress pr = { 0 };
	struct skips sk = { 0 };
	struct sd_error err;
	uint64_t skipped = 0;
	sd_status s;
	int rc = 0;

	n = cli_opt_all(a, "postcode", vals, CLI_MAX_REPEAT);
	for (size_t i = 0; i < n; i++)
		add_list(vals[i], &places, &nplaces);
	n = cli_opt_all(a, "municipality", vals, CLI_MAX_REPEAT);
	for (size_t i = 0; i < n; i++)
		if (sd_kbo_municipality_postcodes(vals[i], &places, &nplaces, &err) != SD_OK) {
			list_free(places, nplaces);
			return cli_report(&err);
		}
	n = cli_opt_all(a, "nace", vals, CLI_MAX_REPEAT);
	for (size_t i = 0; i < n; i++) {
		/* "81.2" and "812" mean the same start. */
		char d[16];
		size_t k = 0;
		for (const char *q = vals[i]; *q; q++) {
			if (*q == '.')
				continue;
			if (*q < '0' || *q > '9' || k + 1 >= sizeof d) {
				list_free(places, nplaces);
				list_free(nace, nnace);
				return cli_usage(a->cmd, _("--nace %s: give the first digits of a "
				    "code, e.g. 88 or 81.2."), vals[i]);
			}
			d[k++] = *q;
		}
		d[k] = '\0';
		add_list(d, &nace, &nnace);
	}
	n = cli_opt_all(a, "juridical-form", vals, CLI_MAX_REPEAT);
	for (size_t i = 0; i < n; i++)
		add_list(vals[i], &forms, &nforms);
	o.postcodes = (const char *const *)places;
	o.npostcodes = nplaces;
	o.nace = (const char *const *)nace;
	o.nnace = nnace;
	o.forms = (const char *const *)forms;
	o.nforms = nforms;
	o.dry_run = cli_flag(a, "dry-run");
	if (isatty(STDERR_FILENO)) {
		o.progress = on_progress;
		o.progress_arg = &pr;
	}
	o.skip = on_skip;
	o.skip_arg = &sk;
	s = sd_kbo_import(&cli->desk, a->argv[0], &o, &rep, &err);
	if (pr.shown)
		fprintf(stderr, "\r\033[K");
	list_free(places, nplaces);
	list_free(nace, nnace);
	list_free(forms, nforms);
	if (s != SD_OK)
		return cli_report(&err);
	for (int i = 0; i < SD_KBO_SKIP_COUNT; i++)
		skipped += rep.skipped[i];
	if (cli->json) {
		json_t *sk_o = json_object();
		for (int i = 0; i < SD_KBO_SKIP_COUNT; i++)
			if (rep.skipped[i] > 0)
				json_object_set_new(sk_o, skip_keys[i],
				    json_integer((json_int_t)rep.skipped[i]));
		cli_json_print(json_pack("{s:s, s:o, s:o, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
		    "s:o, s:b, s:I, s:I, s:b}",
		    "delivery", rep.update ? "update" : "full",
		    "extract", cli_jstr(rep.extract[0] ? rep.extract : NULL),
		    "snapshot", cli_jstr(rep.snapshot[0] ? rep.snapshot : NULL),
		    "dry_run", o.dry_run,
		    "kept", (json_int_t)rep.kept, "added", (json_int_t)rep.added,
		    "updated", (json_int_t)rep.updated, "unchanged", (json_int_t)rep.unchanged,
		    "ceased", (json_int_t)rep.ceased, "skipped", (json_int_t)skipped,
		    "rows", (json_int_t)rep.rows, "skipped_by_reason", sk_o,
		    "ceased_withheld", rep.ceased_withheld,
		    "passes", (json_int_t)rep.partitions,
		    "heap_peak_bytes", (json_int_t)rep.heap_peak, "resumed", rep.resumed));
	} else {
		if (o.dry_run)
			printf(_("dry run: nothing was changed; the import would have:\n"));
		printf(_("added %llu, updated %llu, unchanged %llu, ceased %llu, skipped %llu\n"),
		    (unsigned long long)rep.added, (unsigned long long)rep.updated,
		    (unsigned long long)rep.unchanged, (unsigned long long)rep.ceased,
		    (unsigned long long)skipped);
		for (int i = 0; i < SD_KBO_SKIP_COUNT; i++)
			if (rep.skipped[i] > 0)
				printf(_("  skipped, %s: %llu\n"), _(skip_words[i]),
				    (unsigned long long)rep.skipped[i]);
		if (rep.ceased_withheld)
			printf(_("enterprise.csv has rows that could not be read: no enterprise "
			    "was marked ceased.\n"));
	}
	if (rep.skipped[SD_KBO_SKIP_BADROW] > 0)
		rc = SD_INVALID;
	return rc;
}
