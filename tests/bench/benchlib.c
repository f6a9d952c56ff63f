/*
 * The benchmark's shared helpers.  See benchlib.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchlib.h"

int64_t
bl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void
bl_add(struct bl_samples *s, int64_t ns)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (s->v == NULL) {
			perror("bench");
			exit(1);
		}
	}
	s->v[s->n++] = ns;
}

void
bl_clear(struct bl_samples *s)
{
	s->n = 0;
}

void
bl_free(struct bl_samples *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t
bl_quantile(struct bl_samples *s, double q)
{
	size_t i;

	if (s->n == 0)
		return -1;
	qsort(s->v, s->n, sizeof *s->v, cmp_i64);
	/* Nearest rank: the smallest sample with at least q of them at or below. */
	i = (size_t)ceil(q * (double)s->n);
	if (i > 0)
		i--;
	if (i >= s->n)
		i = s->n - 1;
	return s->v[i];
}

int64_t
bl_max(struct bl_samples *s)
{
	int64_t m = -1;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] > m)
			m = s->v[i];
	return m;
}

const char *
bl_fmt(int64_t ns, char buf[32])
{
	if (ns < 0)
		snprintf(buf, 32, "–");
	else if (ns < 10000)
		snprintf(buf, 32, "%.2f µs", (double)ns / 1e3);
	else if (ns < 1000000)
		snprintf(buf, 32, "%.1f µs", (double)ns / 1e3);
	else if (ns < 100000000)
		snprintf(buf, 32, "%.2f ms", (double)ns / 1e6);
	else if (ns < 10000000000LL)
		snprintf(buf, 32, "%.0f ms", (double)ns / 1e6);
	else
		snprintf(buf, 32, "%.1f s", (double)ns / 1e9);
	return buf;
}

/* --- randomness: splitmix64 ------------------------------------------------------ */

void
bl_seed(struct bl_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
bl_next(struct bl_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t
bl_below(struct bl_rng *r, size_t n)
{
	return n ? (size_t)(bl_next(r) % n) : 0;
}

double
bl_unit(struct bl_rng *r)
{
	return (double)(bl_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/*
 * Zipf by inverting the continuous approximation of the cumulative
 * weights: F(x) ~ (x^(1-s) - 1) / (1 - s) over [1, n+1).
 */
size_t
bl_zipf(struct bl_rng *r, size_t n, double s)
{
	double u = bl_unit(r), a = 1.0 - s, x;
	double total = (pow((double)n + 1.0, a) - 1.0) / a;

	x = pow(u * total * a + 1.0, 1.0 / a);
	if (x < 1.0)
		x = 1.0;
	return (size_t)x - 1 < n ? (size_t)x - 1 : n - 1;
}

/* --- configuration -------------------------------------------------------------- */

const char *const bl_depts[BL_NDEPTS] = { "eco", "wel", "werk", "omg", "aank", "fin", "com" };

/* The demo's organisation (share/demo/sedesk.ini), with English labels. */
static const char config_body[] =
    "[general]\n"
    "language = en\n"
    "service_days = 10\n"
    /* Belgian legal holidays 2024-2026 (one ini line holds at most 1024 bytes). */
    "holidays = 2024-01-01, 2024-04-01, 2024-05-01, 2024-05-09, 2024-05-20, 2024-07-11, "
    "2024-07-21, 2024-08-15, 2024-11-01, 2024-11-11, 2024-12-25, 2025-01-01, 2025-04-21, "
    "2025-05-01, 2025-05-29, 2025-06-09, 2025-07-11, 2025-07-21, 2025-08-15, 2025-11-01, "
    "2025-11-11, 2025-12-25, 2026-01-01, 2026-04-06, 2026-05-01, 2026-05-14, 2026-05-25, "
    "2026-07-11, 2026-07-21, 2026-08-15, 2026-11-01, 2026-11-11, 2026-12-25\n"
    "\n"
    "[department:eco]\nname = Economie & Ondernemen\nemail = ondernemen@gemeente.example\nservice_days = 10\n\n"
    "[department:wel]\nname = Welzijn & Sociale Zaken\nemail = welzijn@gemeente.example\nservice_days = 10\n\n"
    "[department:werk]\nname = Werk & Activering\nemail = werk@gemeente.example\nservice_days = 10\n\n"
    "[department:omg]\nname = Omgeving\nemail = omgeving@gemeente.example\nservice_days = 15\n\n"
    "[department:aank]\nname = Aankoop & Overheidsopdrachten\nemail = aankoop@gemeente.example\nservice_days = 10\n\n"
    "[department:fin]\nname = Financiën & Subsidies\nemail = financien@gemeente.example\nservice_days = 15\n\n"
    "[department:com]\nname = Communicatie\nemail = communicatie@gemeente.example\nservice_days = 5\n\n"
    "[officer:ann]\nname = Ann Peeters\nrole = contact\n\n"
    "[officer:lotte]\nname = Lotte Vermeulen\nrole = contact\n\n"
    "[officer:bram]\nname = Bram Janssens\nrole = officer\ndepartments = eco, aank\n\n"
    "[officer:chris]\nname = Chris Maes\nrole = officer\ndepartments = wel, werk\n\n"
    "[officer:els]\nname = Els Claes\nrole = officer\ndepartments = omg, fin, com\n\n"
    "[officer:fatima]\nname = Fatima El Amrani\nrole = officer\ndepartments = wel, com\n\n"
    "[officer:gert]\nname = Gert Willems\nrole = officer\ndepartments = omg, werk\n\n"
    "[officer:dina]\nname = Dina Wouters\nrole = manager\n\n"
    "[officer:root]\nname = Beheerder\nrole = admin\n\n"
    "[category:permit]\nname = Vergunningen\nservice_days = 10\n\n"
    "[category:funding]\nname = Subsidies en financiering\nservice_days = 15\n\n"
    "[category:procurement]\nname = Overheidsopdrachten\nservice_days = 10\n\n"
    "[category:employment]\nname = Tewerkstelling\nservice_days = 10\n\n"
    "[category:space]\nname = Huisvesting en ruimte\nservice_days = 15\n\n"
    "[category:info]\nname = Algemene informatie\nservice_days = 5\n\n"
    "[category:network]\nname = Netwerk en samenwerking\nservice_days = 10\n\n"
    "[category:recognition]\nname = Erkenningen en attesten\nservice_days = 10\n\n"
    "[category:welfare]\nname = Welzijn en Sociaal Huis\nservice_days = 10\n\n"
    "[category:promotion]\nname = Communicatie en promotie\nservice_days = 5\n";

bool
bl_write_config(const char *dir, const char *mapsize)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/sedesk.ini", dir);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		return false;
	}
	fprintf(f, "; sedesk benchmark desk (tests/bench)\n[database]\npath = db\nmapsize = %s\n\n%s",
	    mapsize, config_body);
	return fclose(f) == 0;
}

void
bl_open_desk(struct sd_desk *d, const char *dir, const char *login, bool create)
{
	char ini[4096];
	struct sd_desk_options o = { .config = ini, .db = NULL, .create = create };
	struct sd_error err = { 0 };

	snprintf(ini, sizeof ini, "%s/sedesk.ini", dir);
	unsetenv("SEDESK_DB");
	unsetenv("SEDESK_NOW");
	setenv("SEDESK_USER", login, 1);
	if (sd_desk_open(d, &o, &err) != SD_OK) {
		fprintf(stderr, "bench: cannot open the desk in %s: %s\n", dir, err.msg);
		exit(1);
	}
	d->fixed_now = BL_NOW;
}

void
bl_as(struct sd_desk *d, const char *login)
{
	const struct sd_officer *o = sd_config_officer(&d->cfg, login);

	if (o == NULL) {
		fprintf(stderr, "bench: no officer %s in the configuration\n", login);
		exit(1);
	}
	d->me = o;
}

const char *
bl_officer_of(const char *dept, struct bl_rng *r)
{
	static const struct { const char *dept, *who[2]; } serve[] = {
		{ "eco", { "bram", "bram" } },
		{ "aank", { "bram", "bram" } },
		{ "wel", { "chris", "fatima" } },
		{ "werk", { "chris", "gert" } },
		{ "omg", { "els", "gert" } },
		{ "fin", { "els", "els" } },
		{ "com", { "els", "fatima" } },
	};

	for (size_t i = 0; i < sizeof serve / sizeof serve[0]; i++) {
		if (strcmp(serve[i].dept, dept) == 0)
			return serve[i].who[bl_below(r, 2)];
	}
	return "root";
}

long
bl_proc_kib(int pid, const char *field)
{
	char path[64], line[256];
	size_t fl = strlen(field);
	long v = -1;
	FILE *f;

	if (pid == 0)
		snprintf(path, sizeof path, "/proc/self/status");
	else
		snprintf(path, sizeof path, "/proc/%d/status", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, field, fl) == 0 && line[fl] == ':') {
			v = strtol(line + fl + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}
