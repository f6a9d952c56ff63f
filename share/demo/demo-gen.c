/*
 * demo-gen DATA_DIR DEMO_DIR — builds the demo database that `make run`
 * opens, through the core's own functions.
 *
 * DATA_DIR is share/demo: sedesk.ini (copied to DEMO_DIR, database in
 * DEMO_DIR/db), enterprises.csv (imported as the CLI imports it) and
 * cases.tsv, the case plan: one action per line, each run as the person of
 * the line at the time of the line, with the desk's clock fixed to that
 * time.  So every status, route state and due date in the demo comes from
 * the core's rules, not from a copy of them; the plan only says who did
 * what when.  expected-counts holds the counts the plan gave when it was
 * written; a difference is reported (a rule changed, or the plan did).
 *
 * The plan's times are working days before today (the core's working-day
 * rule with the demo's holidays), so a fresh demo always spans the last
 * four months and some cases are overdue.  $DEMO_NOW (epoch seconds)
 * builds the demo as of another moment.
 *
 * An existing DEMO_DIR is replaced only when it holds the .sedesk-demo
 * marker this program writes (or is empty).
 *
 * cases.tsv columns (tab-separated; "-" means none; # starts a comment):
 *   KEY WD MIN USER VERB ARGS...
 *   KEY  the case's key in the plan (its number is the one the core gives)
 *   WD   working days before today (0: the last working day before today)
 *   MIN  minute of that day, UTC
 *   new      ENTERPRISE_NUMBER CATEGORY CHANNEL PRIORITY SUBJECT DESCRIPTION
 *   route    "DEPT DEPT..." NOTE
 *   pickup   DEPT
 *   answer   DEPT TEXT
 *   decline  DEPT REASON
 *   note     TEXT
 *   wait | reopen
 *   close    SATISFACTION RESOLUTION
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "sedesk/event.h"
#include "sedesk/import.h"
#include "sedesk/moment.h"
#include "sedesk/opportunity.h"

#define ME		"demo-gen"
#define MARKER		".sedesk-demo"
#define MAX_FIELDS	11
#define MAX_DEPTS	8

static const char *data_dir, *demo_dir;
static const char *plan_where = "";	/* "cases.tsv line N: " while running the plan */

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, ME ": ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void
check(sd_status s, const char *what, const struct sd_error *err)
{
	if (s != SD_OK) {
		fprintf(stderr, ME ": %s%s failed: %s\n", plan_where, what, err->msg);
		exit(1);
	}
}

static char *
path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p == NULL)
		die("%s", strerror(errno));
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* --- the demo directory ------------------------------------------------------------ */

static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void
copy_file(const char *from, const char *to)
{
	char buf[8192];
	size_t n;
	FILE *in = fopen(from, "r"), *out;

	if (in == NULL)
		die("cannot read %s", from);
	if ((out = fopen(to, "w")) == NULL)
		die("cannot write %s", to);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die("cannot write %s", to);
	if (ferror(in) || fclose(out) != 0)
		die("cannot copy to %s", to);
	fclose(in);
}

/* Replaces an old demo (never anything else) and writes the marker and configuration. */
static void
prepare_dir(void)
{
	struct stat st;
	char *marker = path_in(demo_dir, MARKER), *ini = path_in(demo_dir, "sedesk.ini");
	char *from = path_in(data_dir, "sedesk.ini");
	FILE *f;

	if (lstat(demo_dir, &st) == 0) {
		if (access(marker, F_OK) == 0) {
			if (nftw(demo_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
				die("cannot remove the old demo in %s.", demo_dir);
		} else if (!S_ISDIR(st.st_mode) || rmdir(demo_dir) != 0) {
			die("%s exists and is not a sedesk demo (no " MARKER " file in it); "
			    "move it away or choose another DEMO_DIR.", demo_dir);
		}
	}
	if (mkdir(demo_dir, 0777) != 0)
		die("cannot create %s.", demo_dir);
	if ((f = fopen(marker, "w")) == NULL)
		die("cannot write %s.", marker);
	fputs("This directory was made by demo-gen (share/demo); make demo replaces it.\n", f);
	if (fclose(f) != 0)
		die("cannot write %s.", marker);
	copy_file(from, ini);
	free(marker);
	free(ini);
	free(from);
}

/* --- the desk -------------------------------------------------------------------- */

static struct sd_desk desk;
static void act_as(const char *login);

/* --- events (issue 12) ----------------------------------------------------------------- */

/* "YYYY-MM-DDTHH:MM" of day d at hh:mm, Brussels time as typed. */
static void
event_time(sd_day d, int hh, int mm, char out[17])
{
	char day[11];

	sd_day_format(d, day);
	snprintf(out, 17, "%.10sT%02d:%02d", day, hh % 24, mm % 60);
}

/* Adds an event d days from today (negative: past) as the caller; id gets its id. */
static void
demo_event(sd_day today, int d, int hh, const char *title, enum sd_event_kind kind,
    const char *place, const char *depts, long capacity, const char *platform, const char *text,
    char id[SD_UUID_STR])
{
	char start[17], end[17];
	struct sd_event_input in = { .title = title, .kind = kind, .start = start, .end = end,
	    .place = place, .depts = depts, .capacity = capacity, .platform = platform,
	    .description = text };
	uint8_t raw[SD_UUID_LEN];
	struct sd_error err;

	event_time(today + d, hh, 0, start);
	event_time(today + d, hh + 2, 30, end);
	check(sd_event_add(&desk, &in, raw, &err), title, &err);
	sd_uuid_format(raw, id);
}

/*
 * A few events with their lists: a workshop and a network evening that took
 * place (some attended, one registered who did not come), an acquaintance
 * day ahead with registrations, and a platform with members whose first
 * meeting took place and whose next one is ahead (its members invited).
 * Each step at a time before today, so attendance follows the core's rule
 * that an event must have started.
 */
static void
demo_events(sd_day today)
{
	static const char *const all[] = {
		"0622.496.708", "0566.501.378", "0443.889.816", "0693523175", "0626.014.937",
		"0442.415.218", "0822.928.303", "0780.483.081",
	};
	char ws[SD_UUID_STR], net[SD_UUID_STR], day[SD_UUID_STR], pf[SD_UUID_STR],
	    m1[SD_UUID_STR], m2[SD_UUID_STR];
	struct sd_error err;
	size_t n;

	act_as("ann");
	desk.fixed_now = (int64_t)(today - 30) * 86400 + 8 * 3600;
	demo_event(today, -14, 14, "Workshop sociale clausules in overheidsopdrachten",
	    SD_EVENT_WORKSHOP, "Stadhuis, zaal Van Eyck", "eco,aank", 25, NULL,
	    "Hoe schrijf je in op een opdracht met een sociale clausule? Met voorbeelden uit de "
	    "stad en tijd voor vragen.", ws);
	demo_event(today, -7, 18, "Netwerkavond sociale economie", SD_EVENT_NETWORK,
	    "Café De Zonnebloem, Sleepstraat 112", "eco", 0, NULL,
	    "Sociale ondernemers, diensten en buren leren elkaar kennen.", net);
	demo_event(today, 10, 9, "Kennismakingsdag nieuwe sociale ondernemingen",
	    SD_EVENT_ACQUAINTANCE, "Stadhuis, zaal Van Eyck", "eco,wel,werk", 40, NULL,
	    "Het aanspreekpunt stelt zich voor; elke dienst vertelt wat ze voor sociale "
	    "ondernemingen kan doen.", day);
	demo_event(today, -20, 10, "Platform circulaire economie", SD_EVENT_PLATFORM,
	    "Stadhuis", "eco,omg", 0, NULL,
	    "Kringwinkels, herstellers en de stad delen kennis over hergebruik.", pf);
	check(sd_event_invite(&desk, ws, all, 6, &n, &err), "workshop: invite", &err);
	check(sd_event_invite(&desk, net, all, 8, &n, &err), "network: invite", &err);
	check(sd_event_register(&desk, ws, all[0], 2, &err), "workshop: register", &err);
	check(sd_event_register(&desk, ws, all[2], 1, &err), "workshop: register", &err);
	check(sd_event_register(&desk, ws, all[4], 3, &err), "workshop: register", &err);
	check(sd_event_register(&desk, net, all[1], 2, &err), "network: register", &err);
	check(sd_event_register(&desk, pf, all[1], 1, &err), "platform: member", &err);
	check(sd_event_register(&desk, pf, all[3], 1, &err), "platform: member", &err);
	check(sd_event_register(&desk, pf, all[7], 1, &err), "platform: member", &err);
	/* Meetings invite the platform's members. */
	demo_event(today, -5, 14, "Platform circulaire economie: eerste bijeenkomst",
	    SD_EVENT_NETWORK, "Kringwinkel Het Ateljee, Aalst", "eco", 0, pf,
	    "Rondleiding in het atelier en afspraken over een gezamenlijke inzameling.", m1);
	demo_event(today, 21, 14, "Platform circulaire economie: tweede bijeenkomst",
	    SD_EVENT_NETWORK, "Stadhuis", "eco,omg", 0, pf, NULL, m2);
	check(sd_event_invite(&desk, day, all + 2, 5, &n, &err), "acquaintance day: invite",
	    &err);
	check(sd_event_register(&desk, day, all[5], 2, &err), "acquaintance day: register", &err);
	check(sd_event_register(&desk, day, all[6], 1, &err), "acquaintance day: register", &err);
	/* The days of the past events came: who was there is ticked. */
	desk.fixed_now = (int64_t)(today - 1) * 86400 + 9 * 3600;
	check(sd_event_attend(&desk, ws, (const char *[]){ all[0], all[4], all[5] }, 3, &n, &err),
	    "workshop: attend", &err);
	check(sd_event_attend(&desk, net, (const char *[]){ all[1], all[6], all[7] }, 3, &n, &err),
	    "network: attend", &err);
	check(sd_event_attend(&desk, m1, (const char *[]){ all[1], all[3] }, 2, &n, &err),
	    "platform meeting: attend", &err);
	printf("  events: 6 (a platform with 3 members and 2 meetings)\n");
}

/*
 * Buying with social value (issue 13): the purchasing department's
 * groenonderhoud in two lots (the second reserved), a cleaning contract
 * reserved as a whole and a project call; the best matches of the first
 * invited, its reserved lot awarded with part of its social return
 * reported.
 */
static void
demo_opportunities(sd_day today)
{
	static const char *const parks_lots[] = { "Parken centrum=48.000",
	    "Begraafplaatsen=22.000;reserved" };
	struct sd_opp_input in = { .reserved = -1, .sroi = -1 };
	struct sd_opp_award_input aw = { .lot = 2, .enterprise = "0566.501.378",
	    .value = "21.500" };
	struct sd_opp_matches m;
	struct sd_error err;
	uint8_t raw[SD_UUID_LEN];
	char id[SD_UUID_STR], deadline[11], ends[11];
	const char *ents[3];
	size_t n;

	/* Bram is the purchasing department's officer (aank). */
	act_as("bram");
	sd_day_format(today + 21, deadline);
	in.title = "Groenonderhoud stadsparken en begraafplaatsen 2026";
	in.kind = SD_OPP_PURCHASE;
	in.dept = "aank";
	in.deadline = deadline;
	in.procedure = "onderhandelingsprocedure zonder bekendmaking";
	in.qualify = "maatwerkbedrijf,sociale-onderneming";
	in.sroi = 5;
	in.criteria = "fair-work,inclusion,local";
	in.nace = "81.300";
	in.needs = "groenonderhoud,snoeiwerken";
	in.lots = parks_lots;
	in.nlots = 2;
	check(sd_opp_add(&desk, &in, raw, &err), in.title, &err);
	sd_uuid_format(raw, id);
	check(sd_opp_match(&desk, id, 3, &m, &err), "matching", &err);
	for (n = 0; n < m.n; n++)
		ents[n] = m.items[n].number != NULL ? m.items[n].number : "";
	if (m.n > 0)
		check(sd_opp_invite(&desk, id, ents, m.n, &n, &err), "inviting", &err);
	sd_opp_matches_free(&m);
	sd_day_format(today + 300, ends);
	aw.ends = ends;
	check(sd_opp_award(&desk, id, &aw, &err), "awarding", &err);
	check(sd_opp_sroi_report(&desk, id, 2, "400", "Twee stageplaatsen voor leerlingen uit "
	    "het buitengewoon secundair onderwijs.", &err), "social return", &err);

	in = (struct sd_opp_input){ .reserved = 1, .sroi = -1 };
	sd_day_format(today + 10, deadline);
	in.title = "Schoonmaak van vier buurthuizen";
	in.kind = SD_OPP_PURCHASE;
	in.dept = "aank";
	in.value = "36.000";
	in.deadline = deadline;
	in.qualify = "maatwerkbedrijf";
	in.criteria = "inclusion,environment";
	in.nace = "81.210";
	in.needs = "schoonmaak";
	check(sd_opp_add(&desk, &in, raw, &err), in.title, &err);

	in = (struct sd_opp_input){ .reserved = -1, .sroi = -1 };
	sd_day_format(today + 45, deadline);
	in.title = "Projectoproep circulaire buurtprojecten";
	in.kind = SD_OPP_PROJECT_CALL;
	in.dept = "eco";
	in.value = "60.000";
	in.deadline = deadline;
	in.criteria = "circular,local";
	in.needs = "hergebruik,herstel";
	check(sd_opp_add(&desk, &in, raw, &err), in.title, &err);
	printf("  opportunities: 3 (one with two lots, one awarded)\n");
}

static void
act_as(const char *login)
{
	const struct sd_officer *o = sd_config_officer(&desk.cfg, login);

	if (o == NULL)
		die("%s is not an officer in the demo's sedesk.ini.", login);
	desk.me = o;
}

/* A working day by the core's rule: the first working day after the day before. */
static int
is_workday(sd_day d)
{
	return sd_desk_due(&desk, d - 1, 1) == d;
}

/* --- the case plan ------------------------------------------------------------------ */

struct plan_line {
	char	*f[MAX_FIELDS];
	size_t	 n;
};

/* Splits line at tabs in place. */
static void
split(char *line, struct plan_line *pl)
{
	char *p = line;

	pl->n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	while (pl->n < MAX_FIELDS) {
		pl->f[pl->n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
}

static const char *
arg(const struct plan_line *pl, size_t i)
{
	if (i >= pl->n)
		die("%smissing a column.", plan_where);
	return pl->f[i];
}

static const char *
opt_arg(const struct plan_line *pl, size_t i)
{
	const char *s = arg(pl, i);

	return strcmp(s, "-") == 0 ? NULL : s;
}

/* Case numbers by plan key. */
static char (*numbers)[SD_CASE_NUMBER_MAX];
static size_t nnumbers;

static const char *
number_of(const char *key)
{
	unsigned long k = strtoul(key, NULL, 10);

	if (k == 0 || k >= nnumbers || numbers[k][0] == '\0')
		die("%scase key used before its case was created.", plan_where);
	return numbers[k];
}

/* Runs one line of the plan; returns 1 for a new case. */
static int
run_line(struct plan_line *pl, int64_t t)
{
	const char *verb = arg(pl, 4);
	struct sd_error err = { 0 };
	sd_status s;

	desk.fixed_now = t;
	act_as(arg(pl, 3));
	if (strcmp(verb, "new") == 0) {
		unsigned long k = strtoul(arg(pl, 0), NULL, 10);
		struct sd_case_input in = {
			.enterprise = arg(pl, 5), .category = arg(pl, 6),
			.channel = sd_channel_parse(arg(pl, 7)),
			.priority = sd_priority_parse(arg(pl, 8)),
			.subject = arg(pl, 9), .description = arg(pl, 10),
		};
		struct sd_case_key key;

		if (k == 0)
			die("%sno case key.", plan_where);
		if (k >= nnumbers) {
			size_t n = k * 2;
			numbers = realloc(numbers, n * sizeof *numbers);
			if (numbers == NULL)
				die("%s", strerror(errno));
			memset(numbers + nnumbers, 0, (n - nnumbers) * sizeof *numbers);
			nnumbers = n;
		}
		check(sd_case_new(&desk, &in, &key, &err), "case new", &err);
		sd_case_number_format(key, numbers[k]);
		return 1;
	}
	const char *num = number_of(arg(pl, 0));
	if (strcmp(verb, "route") == 0) {
		char depts[256], *save = NULL;
		const char *list[MAX_DEPTS];
		size_t n = 0;

		snprintf(depts, sizeof depts, "%s", arg(pl, 5));
		for (char *w = strtok_r(depts, " ", &save); w != NULL && n < MAX_DEPTS;
		    w = strtok_r(NULL, " ", &save))
			list[n++] = w;
		s = sd_case_route(&desk, num, list, n, opt_arg(pl, 6), 0, &err);
	} else if (strcmp(verb, "pickup") == 0) {
		s = sd_case_pickup(&desk, num, arg(pl, 5), 0, &err);
	} else if (strcmp(verb, "answer") == 0) {
		s = sd_case_answer(&desk, num, arg(pl, 5), arg(pl, 6), 0, &err);
	} else if (strcmp(verb, "decline") == 0) {
		s = sd_case_decline(&desk, num, arg(pl, 5), arg(pl, 6), 0, &err);
	} else if (strcmp(verb, "note") == 0) {
		s = sd_case_note(&desk, num, arg(pl, 5), 0, &err);
	} else if (strcmp(verb, "wait") == 0) {
		s = sd_case_wait(&desk, num, 0, &err);
	} else if (strcmp(verb, "reopen") == 0) {
		s = sd_case_reopen(&desk, num, 0, &err);
	} else if (strcmp(verb, "close") == 0) {
		s = sd_case_close(&desk, num, arg(pl, 6), atoi(arg(pl, 5)), 0, &err);
	} else {
		die("%sunknown action.", plan_where);
		return 0;
	}
	check(s, verb, &err);
	return 0;
}

/* --- what the core reports against what the plan gave ------------------------------- */

struct tally {
	size_t	cases, overdue;
	size_t	status[SD_CASE_STATUS_COUNT];
	size_t	state[SD_ROUTE_STATE_COUNT];
};

static void
count_cases(struct tally *t)
{
	struct sd_case_filter f = { 0 };
	struct sd_page_cursor cur = { 0 };
	struct sd_error err = { 0 };

	act_as("dina");		/* the manager sees every case */
	do {
		struct sd_case_rows rows = { 0 };

		check(sd_case_list(&desk, &f, &cur, 500, &rows, &err), "case list", &err);
		for (size_t i = 0; i < rows.n; i++) {
			const struct sd_case_row *r = &rows.items[i];
			t->cases++;
			t->overdue += r->overdue;
			t->status[r->c.status]++;
			for (size_t j = 0; j < r->nroutes; j++)
				t->state[r->routes[j].state]++;
		}
		cur = rows.next;
		if (!rows.more)
			cur.len = 0;
		sd_case_rows_free(&rows);
	} while (cur.len > 0);
}

static size_t
inbox_size(const char *login)
{
	struct sd_case_rows rows = { 0 };
	struct sd_error err = { 0 };
	size_t n;

	act_as(login);
	check(sd_inbox(&desk, 100000, &rows, &err), "inbox", &err);
	n = rows.n;
	sd_case_rows_free(&rows);
	return n;
}

/* Prints " NAME N", and the plan's count beside it when they differ. */
static int
show(FILE *expect, const char *kind, const char *name, size_t got)
{
	char line[256], k[64], s[64];
	unsigned long want = 0;

	rewind(expect);
	while (fgets(line, sizeof line, expect) != NULL) {
		unsigned long v;
		if (sscanf(line, "%63s %63s %lu", k, s, &v) == 3 && strcmp(k, kind) == 0 &&
		    strcmp(s, name) == 0)
			want = v;
	}
	if (got == want) {
		printf(" %s %zu", name, got);
		return 0;
	}
	printf(" %s %zu (plan: %lu)", name, got, want);
	return 1;
}

static int
report(int64_t now)
{
	struct tally t = { 0 };
	char *ef = path_in(data_dir, "expected-counts");
	FILE *expect = fopen(ef, "r");
	int bad = 0;

	if (expect == NULL)
		die("cannot read %s.", ef);
	desk.fixed_now = now;
	count_cases(&t);
	printf("  %zu cases by status:", t.cases);
	for (int i = SD_CASE_NEW; i < SD_CASE_STATUS_COUNT; i++)
		bad |= show(expect, "case", sd_case_status_name(i), t.status[i]);
	printf("\n  routes by state:");
	for (int i = SD_ROUTE_PENDING; i < SD_ROUTE_STATE_COUNT; i++)
		bad |= show(expect, "route", sd_route_state_name(i), t.state[i]);
	printf("\n  overdue now: %zu, inbox of ann: %zu, inbox of bram: %zu\n", t.overdue,
	    inbox_size("ann"), inbox_size("bram"));
	if (bad)
		fprintf(stderr, "  WARNING: these counts differ from the plan "
		    "(share/demo/expected-counts).\n");
	fclose(expect);
	free(ef);
	return bad;
}

/* --- the enterprises' profiles (issue 12) ------------------------------------------------ */

/*
 * Kinds, recognitions, NACE codes, needs, contact persons and employment
 * figures for some of the demo's enterprises, as the contact point would
 * have entered them (the structured fields in sedesk/profile.h's format).
 */
static const struct demo_profile {
	const char	*name, *kind, *recognitions, *nace, *needs, *persons, *employment;
} demo_profiles_plan[] = {
	{ "Coöperatie Groene Vingers", "sociale-cooperatie",
	  "name=sociale-onderneming;since=2020-03-01\nname=ncr;since=2018-09-15",
	  "code=81.300;main=1\ncode=01.300", "werkruimte,opdrachten",
	  "name=Lotte Verbeke;role=coördinator;email=lotte@cooperatie-groene-vingers.example;"
	  "phone=09 447 73 60;lang=nl\nname=Ahmed Benali;role=jobcoach;lang=fr",
	  "target=14;fte=11.5;known=2025-09-01" },
	{ "Kringwinkel Het Ateljee", "maatwerkbedrijf",
	  "name=maatwerkbedrijf;since=2019-01-01", "code=47.791;main=1\ncode=38.320",
	  "opslagruimte,vrijwilligers",
	  "name=Sofie De Smet;role=directeur;email=sofie@kringwinkel-het-ateljee.example;lang=nl",
	  "target=42;fte=35.8;known=2025-06-30" },
	{ "Brouwerij 't Hoekske", "maatwerkbedrijf", "name=maatwerkbedrijf;since=2021-07-01",
	  "code=11.050;main=1", "afzet,financiering",
	  "name=Pieter Claeys;role=zaakvoerder;phone=015 41 53 60;lang=nl", "target=6" },
	{ "Maatwerkbedrijf Brugse Poort", "maatwerkbedrijf",
	  "name=maatwerkbedrijf;since=2019-01-01", "code=82.920;main=1\ncode=81.210",
	  "opdrachten", "name=Karim El Idrissi;role=sales;email=karim@brugsepoort.example;lang=nl",
	  "target=120;fte=96.25;known=2025-12-31" },
	{ "Buurtrestaurant De Smaak", "lde", "name=lde;since=2017-05-01", "code=56.101;main=1",
	  "werkruimte", "name=Marie Dubois;role=chef;lang=fr", NULL },
	{ "Drukkerij Zonder Grenzen", "leerwerkbedrijf", "name=leerwerkbedrijf;since=2022-02-01",
	  "code=18.120;main=1", "financiering,opdrachten", NULL, "target=9;fte=7.4" },
	{ "Schoonmaakcoöperatie Proper", "sociale-cooperatie", NULL,
	  "code=81.210;main=1\ncode=81.220;version=2025", "opdrachten",
	  "name=Jan Peeters;role=planner;email=jan@proper.example;phone=09 123 45 67;lang=nl",
	  NULL },
	{ "Naaiatelier Stiksel", "arbeidszorg", "name=arbeidszorg;since=2016-10-01",
	  "code=14.190;main=1", "werkruimte,naaimachines",
	  "name=Fatma Yilmaz;role=begeleider;lang=nl", "target=11;known=2025-03-01" },
};

/* The profiles above, as ann edits them; called at the end of the generation. */
static void
demo_profiles(void)
{
	size_t done = 0;

	act_as("ann");
	for (size_t i = 0; i < sizeof demo_profiles_plan / sizeof demo_profiles_plan[0]; i++) {
		const struct demo_profile *p = &demo_profiles_plan[i];
		struct sd_enterprise_list l;
		struct sd_error err = { 0 };
		char *f[SD_EF_COUNT] = { 0 }, id[SD_UUID_STR] = "";

		check(sd_enterprise_find(&desk, p->name, 5, &l, &err), "finding an enterprise",
		    &err);
		for (size_t k = 0; k < l.n; k++)
			if (strcmp(l.items[k].f[SD_EF_NAME], p->name) == 0)
				sd_uuid_format(l.items[k].id, id);
		sd_enterprise_list_free(&l);
		if (id[0] == '\0')
			die("the demo's profiles name %s, which enterprises.csv has not.", p->name);
		f[SD_EF_KIND] = (char *)p->kind;
		f[SD_EF_RECOGNITIONS] = (char *)p->recognitions;
		f[SD_EF_NACE] = (char *)p->nace;
		f[SD_EF_NEEDS] = (char *)p->needs;
		f[SD_EF_PERSONS] = (char *)p->persons;
		f[SD_EF_EMPLOYMENT] = (char *)p->employment;
		check(sd_enterprise_edit(&desk, id, f, 0, &err), p->name, &err);
		done++;
	}
	printf("  profiles: %zu enterprises\n", done);
}

/* --- contact moments ------------------------------------------------------------------ */

/*
 * A few contact moments on demo enterprises, held and planned, each added
 * by its person at its own time (so a past visit is held and a coming one
 * planned by the core's rule): a site visit reported with a case made
 * from it, a pitch conversation, a call, a visit planned for today (in
 * the inbox of ann and bram) and a meeting next week, and a visit whose
 * follow-up day is today (in ann's inbox).
 */
static const struct demo_moment {
	const char	*ent;		/* its KBO number */
	const char	*kind;
	int		 day;		/* days from today (negative: past) */
	int		 minute;	/* of the day; -1: a day only; -2: two hours from now */
	const char	*depts, *with, *who;
	const char	*plan;		/* the text when planned (may be NULL) */
	const char	*report;	/* reported done on its day (NULL: not) */
	int		 follow_up;	/* days from today, or INT32_MIN: none */
	const char	*case_subject;	/* a case made from it (NULL: none) */
} demo_moments[] = {
	{ "0566.501.378", "site-visit", -20, 10 * 60, "eco,omg", "bram,els", "bram",
	  "Kennismaking ter plaatse.",
	  "Bezocht met eco en omgeving: twaalf doelgroepwerknemers in het groenonderhoud.\n"
	  "Ze zoeken een tweede loods en vragen naar de vergunning voor een serre.",
	  INT32_MIN, "Vergunning voor een serre" },
	{ "0622.496.708", "pitch", -10, 14 * 60, "eco,fin", NULL, "ann",
	  "Pitchgesprek over cateringopdrachten voor de stad.",
	  "Sterke pitch; ze kunnen vanaf volgend kwartaal broodjeslunches leveren.",
	  INT32_MIN, NULL },
	{ "0443.889.816", "phone", -3, 9 * 60 + 30, "wel", NULL, "chris", NULL,
	  "Gebeld over de begeleiding van twee nieuwe medewerkers.", INT32_MIN, NULL },
	{ "0693523175", "site-visit", -7, 11 * 60, "eco", NULL, "ann", NULL,
	  "Winkel bezocht; terugbellen over de huurprijs van het pand.", 0, NULL },
	{ "0693523175", "site-visit", 0, -2, "eco,wel", "bram", "ann",
	  "Bedrijfsbezoek met eco en welzijn.", NULL, INT32_MIN, NULL },
	{ "0566.501.378", "meeting", 7, 10 * 60, "com", NULL, "lotte",
	  "Overleg over de communicatie rond de opendeurdag.", NULL, INT32_MIN, NULL },
};

static void
add_demo_moments(sd_day today, int64_t now)
{
	size_t n = sizeof demo_moments / sizeof demo_moments[0], made = 0, held = 0;

	for (size_t i = 0; i < n; i++) {
		const struct demo_moment *dm = &demo_moments[i];
		struct sd_moment_input in = { .enterprise = dm->ent,
		    .kind = sd_channel_parse(dm->kind), .departments = dm->depts,
		    .participants = dm->with, .text = dm->plan };
		sd_day day = today + dm->day;
		char when[32], follow[11], id[SD_UUID_STR];
		uint8_t uid[SD_UUID_LEN];
		struct sd_error err;
		int minute = dm->minute;

		/* Today's: two hours from now (before midnight), so it is still to come. */
		if (minute == -2) {
			minute = (int)((now % 86400) / 60) + 120;
			if (minute > 23 * 60 + 59)
				minute = 23 * 60 + 59;
		}
		sd_day_format(day, when);
		if (minute >= 0)
			snprintf(when + 10, sizeof when - 10, "T%02d:%02d", minute / 60 % 24,
			    minute % 60);
		in.time = when;
		if (dm->follow_up != INT32_MIN) {
			sd_day_format(today + dm->follow_up, follow);
			in.follow_up = follow;
		}
		/* A past one was planned a week before it and reported on its day. */
		desk.fixed_now = dm->day < 0 ? (int64_t)(day - 7) * 86400 + 8 * 3600 : now;
		act_as(dm->who);
		check(sd_moment_add(&desk, &in, uid, &err), "moment add", &err);
		sd_uuid_format(uid, id);
		if (dm->report != NULL) {
			desk.fixed_now = (int64_t)day * 86400 + (minute < 0 ? 17 * 3600 :
			    minute * 60 + 3600);
			if (desk.fixed_now > now)
				desk.fixed_now = now;
			check(sd_moment_done(&desk, id, dm->report, 0, &err), "moment done", &err);
			held++;
		}
		if (dm->case_subject != NULL) {
			struct sd_case_key key;
			act_as("ann");
			check(sd_moment_make_case(&desk, id, dm->case_subject, NULL, NULL, 0, &key,
			    &err), "moment case", &err);
		}
		made++;
	}
	desk.fixed_now = now;
	printf("  contact moments: %zu (%zu reported)\n", made, held);
}

/* --- main ------------------------------------------------------------------------- */

static void
reject(void *arg0, long line, const char *why)
{
	(void)arg0;
	fprintf(stderr, ME ": enterprises.csv line %ld: %s\n", line, why);
}

int
main(int argc, char **argv)
{
	char *ini, *csv, *tsv, line[8192], where[64], nowbuf[32];
	const char *env_now = getenv("DEMO_NOW");
	struct sd_desk_options o = { 0 };
	struct sd_import_rows rows = { 0 };
	struct sd_error err = { 0 };
	struct timespec t_start, t_end;
	sd_day today, *days;
	int64_t now, t0;
	long maxwd = 0, lineno = 0;
	size_t imported = 0, rejected = 0, ncases = 0, nactions = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: " ME " DATA_DIR DEMO_DIR\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t_start);
	data_dir = argv[1];
	demo_dir = argv[2];
	now = env_now != NULL && *env_now ? strtoll(env_now, NULL, 10) : (int64_t)time(NULL);
	csv = path_in(data_dir, "enterprises.csv");
	tsv = path_in(data_dir, "cases.tsv");

	/* The plan's earliest day sets when the demo starts. */
	if ((f = fopen(tsv, "r")) == NULL)
		die("cannot read %s.", tsv);
	while (fgets(line, sizeof line, f) != NULL) {
		struct plan_line pl;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		split(line, &pl);
		if (pl.n > 1 && atol(pl.f[1]) > maxwd)
			maxwd = atol(pl.f[1]);
	}
	fclose(f);

	prepare_dir();
	ini = path_in(demo_dir, "sedesk.ini");
	printf("sedesk demo: %s\n", demo_dir);

	/* Only the demo's configuration and database, whatever the environment says. */
	unsetenv("SEDESK_DB");
	unsetenv("SEDESK_CONFIG");
	setenv("SEDESK_USER", "root", 1);
	o.config = ini;
	o.create = true;
	/* The clock of the database's creation: fixed below, once the holidays are known. */
	snprintf(nowbuf, sizeof nowbuf, "%lld", (long long)now);
	setenv("SEDESK_NOW", nowbuf, 1);
	check(sd_desk_open(&desk, &o, &err), "init", &err);
	unsetenv("SEDESK_NOW");

	/* days[w]: the w-th working day before today. */
	today = sd_day_from_time(now);
	if ((days = calloc((size_t)maxwd + 2, sizeof *days)) == NULL)
		die("%s", strerror(errno));
	for (sd_day d = today - 1, w = 0; w <= maxwd + 1; d--)
		if (is_workday(d))
			days[w++] = d;
	t0 = (int64_t)days[maxwd + 1] * 86400 + 6 * 3600;	/* 06:00, before the first case */

	/* Enterprises, as `sedesk enterprise import` reads and adds them. */
	desk.fixed_now = t0 + 60;
	act_as("ann");
	if ((f = fopen(csv, "r")) == NULL)
		die("cannot read %s.", csv);
	check(sd_csv_read_enterprises(f, csv, &rows, reject, NULL, &rejected, &err),
	    "reading enterprises.csv", &err);
	fclose(f);
	check(sd_enterprise_import(&desk, rows.rows, rows.n, false, reject, NULL, &imported,
	    &rejected, &err), "enterprise import", &err);
	sd_import_rows_free(&rows);
	printf("  enterprises: %zu imported, %zu rejected\n", imported, rejected);

	/* Cases: every line of the plan at its time. */
	if ((f = fopen(tsv, "r")) == NULL)
		die("cannot read %s.", tsv);
	while (fgets(line, sizeof line, f) != NULL) {
		struct plan_line pl;
		long wd, min;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		snprintf(where, sizeof where, "cases.tsv line %ld: ", lineno);
		plan_where = where;
		split(line, &pl);
		wd = atol(arg(&pl, 1));
		min = atol(arg(&pl, 2));
		if (wd < 0 || wd > maxwd || min < 0 || min >= 24 * 60)
			die("%sday or minute out of range.", where);
		ncases += (size_t)run_line(&pl, (int64_t)days[wd] * 86400 + min * 60);
		nactions++;
	}
	fclose(f);
	plan_where = "";
	printf("  cases: %zu (%zu actions)\n", ncases, nactions);
	demo_profiles();
	demo_events(today);
	add_demo_moments(today, now);
	demo_opportunities(today);

	report(now);
	sd_desk_close(&desk);
	clock_gettime(CLOCK_MONOTONIC, &t_end);
	printf("Demo ready in %.2f s.  Open it with:  make run   (or: SEDESK_CONFIG=%s "
	    "SEDESK_USER=ann sedesk)\n", (double)(t_end.tv_sec - t_start.tv_sec) +
	    (double)(t_end.tv_nsec - t_start.tv_nsec) / 1e9, ini);
	free(days);
	free(numbers);
	free(ini);
	free(csv);
	free(tsv);
	return 0;
}
