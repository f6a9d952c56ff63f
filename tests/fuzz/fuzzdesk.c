/*
 * What the fuzz targets share: a temporary directory per process and a
 * small desk built once in it on the suites' fixture
 * (tests/fixture/fixture.h).  See fuzz.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lmdb.h>

#include "fuzz.h"
#include "../fixture/fixture.h"
#include "sedesk/event.h"
#include "sedesk/moment.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

uint8_t fz_ent_id[SD_UUID_LEN];
struct sd_case_key fz_case_key;
uint8_t fz_moment_id[SD_UUID_LEN];
uint8_t fz_held_id[SD_UUID_LEN];
uint8_t fz_event_id[SD_UUID_LEN];

static char tmpdir[256];
static struct sd_desk desk;
static bool desk_open;

void
fz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property does not hold: %s\n", file, line, what);
	abort();
}

char *
fz_strndup(const uint8_t *data, size_t size)
{
	char *s = sd_xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static void
cleanup(void)
{
	if (desk_open) {
		sd_desk_close(&desk);
		desk_open = false;
	}
	fx_rmtree(tmpdir);
	tmpdir[0] = '\0';
}

const char *
fz_tmpdir(void)
{
	if (tmpdir[0] != '\0')
		return tmpdir;
	if (!fx_mkdtemp(tmpdir, sizeof tmpdir, "fuzz")) {
		perror("fuzz: mkdtemp");
		exit(1);
	}
	atexit(cleanup);
	return tmpdir;
}

/* A fixture step that must work; the fuzzer is useless without it. */
static void
must(sd_status s, const struct sd_error *err, const char *what)
{
	if (s == SD_OK)
		return;
	fprintf(stderr, "fuzz fixture: %s: %s\n", what, err->msg);
	exit(1);
}

void
fz_as(struct sd_desk *d, const char *login)
{
	if (!fx_as(d, login)) {
		fprintf(stderr, "fuzz fixture: no officer %s\n", login);
		exit(1);
	}
}

static void
add_enterprise(const char *name, const char *number, const char *city, const char *tags,
    const char *notes, uint8_t id[SD_UUID_LEN])
{
	struct sd_error err = { 0 };

	must(fx_enterprise(&desk, name, number, city, tags, notes, id, &err), &err, name);
}

static void
add_case(const char *ent, const char *subject, const char *description, const char *category,
    char num[SD_CASE_NUMBER_MAX])
{
	struct sd_case_input in = { 0 };
	struct sd_error err = { 0 };

	in.enterprise = ent;
	in.subject = subject;
	in.description = description;
	in.category = category;
	in.channel = SD_CHANNEL_PHONE;
	in.priority = SD_PRIORITY_NORMAL;
	must(fx_case(&desk, &in, num, &err), &err, subject);
}

static void
route(const char *num, const char *dept)
{
	const char *depts[1] = { dept };
	struct sd_error err = { 0 };

	must(sd_case_route(&desk, num, depts, 1, "graag bekijken", 0, &err), &err, "route");
}

/*
 * The first enterprise's profile, contact moments and event (issue 12),
 * as ann: so that the seeds hold real records of every kind and the
 * timeline, the inbox and reach have something of each to read.  The
 * clock says 2026-03-02T09:00Z, 10:00 in Brussels: the moments are later
 * that day (one then reported as held, which the same day allows), the
 * event took place the week before, so attendance may be ticked.
 */
static void
add_profile_moments_event(const char *id)
{
	struct sd_error err = { 0 };
	struct sd_moment_input mi = { 0 };
	struct sd_event_input ei = { 0 };
	char *f[SD_EF_COUNT] = { 0 }, ref[SD_UUID_STR];
	const char *ents[1] = { id };
	size_t added;

	f[SD_EF_KIND] = (char *)"maatwerkbedrijf";
	f[SD_EF_RECOGNITIONS] = (char *)"name=maatwerkbedrijf;since=2019-01-01";
	f[SD_EF_NACE] = (char *)"code=56.101;version=2008;main=1\ncode=81.300;version=2008";
	f[SD_EF_NEEDS] = (char *)"opleiding,vervoer";
	f[SD_EF_PERSONS] = (char *)"name=An Peeters;role=coördinator;email=an@kroon.be;"
	    "phone=09 123 45 67;lang=nl";
	f[SD_EF_EMPLOYMENT] = (char *)"target=12;fte=10.50;known=2025-12-31";
	must(sd_enterprise_edit(&desk, id, f, 0, &err), &err, "profile");

	mi.enterprise = id;
	mi.kind = SD_CHANNEL_SITE_VISIT;
	mi.time = "2026-03-02T14:00";
	mi.departments = "eco";
	mi.text = "Bezoek aan de keuken; vraag naar een premie.";
	must(sd_moment_add(&desk, &mi, fz_held_id, &err), &err, "moment");
	sd_uuid_format(fz_held_id, ref);
	must(sd_moment_done(&desk, ref, "Keuken bezocht; premieformulier meegegeven.", 0, &err),
	    &err, "moment done");
	mi.kind = SD_CHANNEL_PHONE;
	mi.time = "2026-03-02T16:00";
	mi.text = "Terugbellen over de keuken en het vervoer.";
	must(sd_moment_add(&desk, &mi, fz_moment_id, &err), &err, "moment");

	ei.title = "Netwerkdag sociale economie";
	ei.kind = SD_EVENT_NETWORK;
	ei.start = "2026-02-26T14:00";
	ei.end = "2026-02-26T17:00";
	ei.place = "Gent, Stadshal";
	ei.depts = "eco";
	ei.capacity = 40;
	ei.description = "Ondernemers ontmoeten de afdelingen.";
	must(sd_event_add(&desk, &ei, fz_event_id, &err), &err, "event");
	sd_uuid_format(fz_event_id, ref);
	must(sd_event_invite(&desk, ref, ents, 1, &added, &err), &err, "invite");
	must(sd_event_attend(&desk, ref, ents, 1, &added, &err), &err, "attend");
}

static void
build(void)
{
	struct sd_error err = { 0 };
	char ini[512], id[SD_UUID_STR], num[6][SD_CASE_NUMBER_MAX];
	int64_t now;

	if (!fx_write_config(fz_tmpdir(), NULL, ini, sizeof ini) ||
	    !sd_parse_time(FX_NOW, &now))
		exit(1);
	must(fx_open(&desk, ini, now, &err), &err, "open");
	desk_open = true;
	/* Fast commits: a fuzz target may write on every input. */
	mdb_env_set_flags(desk.store->env, MDB_NOSYNC | MDB_NOMETASYNC, 1);

	fz_as(&desk, "root");
	add_enterprise("Café De Kroon", "0403.170.701", "Gent", "horeca,maatwerk",
	    "Sociale horeca; werkt met kwetsbare jongeren.", fz_ent_id);
	add_enterprise("Brouwerij 't Hoekske", "0200.068.636", "Destelbergen", "brouwerij", NULL,
	    NULL);
	add_enterprise("Koffie, Thee & Zo", "0200.065.765", "Antwerpen", "horeca;koffie",
	    "Eerste regel\ntweede regel, met komma\nderde \"regel\"", NULL);
	add_enterprise("Écluse Atelier", "69599084", "Brugge", "maatwerk", NULL, NULL);
	add_enterprise("Kringwinkel West", NULL, "Brugge", "kringloop,hergebruik", NULL, NULL);

	fz_as(&desk, "ann");
	sd_uuid_format(fz_ent_id, id);
	add_case(id, "Subsidie voor zonnepanelen", "Vraag over de premie voor het dak van het café.",
	    "funding", num[0]);
	add_case("0200.068.636", "Vergunning terras", "Mag het terras tot 23 uur open?", "permit",
	    num[1]);
	add_case("0200.065.765", "Zorg voor kwetsbare medewerkers",
	    "Begeleiding van \"kwetsbare\" medewerkers; wie helpt?", NULL, num[2]);
	add_case("69599084", "Aanbesteding catering", "Sociale clausules in de aanbesteding.", NULL,
	    num[3]);
	add_case(id, "Café-event in maart", "Een kennismakingsdag voor ondernemers.", NULL, num[4]);
	add_case(id, "Oude vraag", "Afgesloten zaak.", NULL, num[5]);
	if (!sd_case_number_parse(num[0], &fz_case_key))
		exit(1);

	route(num[0], "eco");
	route(num[0], "wel");
	route(num[1], "eco");
	route(num[2], "wel");
	route(num[5], "eco");
	must(sd_case_note(&desk, num[0], "Gebeld met de zaakvoerder.", 0, &err), &err, "note");
	fz_as(&desk, "bram");
	must(sd_case_pickup(&desk, num[0], "eco", 0, &err), &err, "pickup");
	must(sd_case_answer(&desk, num[0], "eco", "De premie bestaat; formulier volgt.", 0, &err),
	    &err, "answer");
	must(sd_case_pickup(&desk, num[5], "eco", 0, &err), &err, "pickup");
	must(sd_case_answer(&desk, num[5], "eco", "Beantwoord.", 0, &err), &err, "answer");
	fz_as(&desk, "chris");
	must(sd_case_decline(&desk, num[2], "wel", "Niet voor ons; zie OCMW.", 0, &err), &err,
	    "decline");
	fz_as(&desk, "ann");
	must(sd_case_wait(&desk, num[3], 0, &err), &err, "wait");
	must(sd_case_close(&desk, num[5], "Opgelost met een premie.", 4, 0, &err), &err, "close");
	add_profile_moments_event(id);
}

struct sd_desk *
fz_desk(void)
{
	if (!desk_open)
		build();
	fz_as(&desk, "ann");
	return &desk;
}

bool
fz_skip(const char *check)
{
	const char *v = getenv("FUZZ_SKIP"), *p;
	size_t n = strlen(check);

	for (p = v; p != NULL && *p != '\0'; p += strcspn(p, ",")) {
		p += strspn(p, ", ");
		if (strncmp(p, check, n) == 0 && (p[n] == '\0' || p[n] == ','))
			return true;
	}
	return false;
}

bool
fz_message_safe(const char *msg)
{
	const unsigned char *p = (const unsigned char *)msg;
	size_t len = strlen(msg), back = 0;

	if (fz_skip("messages"))
		return true;
	/* A message cut at the end of struct sd_error may end inside a character. */
	if (len == sizeof ((struct sd_error *)0)->msg - 1) {
		while (back < 3 && len > back && (p[len - 1 - back] & 0xc0) == 0x80)
			back++;
		if (len > back && p[len - 1 - back] >= 0xc0)
			len -= back + 1;
	}
	if (!sd_utf8_valid(msg, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f)
			return false;
		/* C1 controls U+0080..U+009F are encoded C2 80..C2 9F. */
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

void
fz_message_check(const char *file, int line, const char *msg)
{
	char *v;

	if (fz_message_safe(msg))
		return;
	v = sd_visible(msg, false);
	fprintf(stderr, "%s:%d: property does not hold: a message that is not safe for a "
	    "terminal (raw control characters or invalid UTF-8); made visible it reads:\n  %s\n",
	    file, line, v);
	free(v);
	abort();
}
