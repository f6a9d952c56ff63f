/*
 * kbogen: writes a synthetic KBO open data extract in the published
 * layout (see /work/shared/data/kbo/README.md, include/sedesk/kbo.h),
 * for the tests and the bench: the real extract cannot be downloaded
 * here.
 *
 *	kbogen [-n ENTERPRISES] [-s SEED] [-u] OUTDIR
 *
 * At the default -n 1938239 the sizes are those of extract 140 (October
 * 2025): about 1.67M establishments, 3.3M denominations, 2.84M
 * addresses, 0.69M contacts and 36M activity rows; smaller -n scales
 * every file alike.  -u writes an update delivery instead (FILE_delete.csv
 * and FILE_insert.csv) of the same extract, one in fifty enterprises
 * changed (a new name, a move, a new activity), one in two hundred
 * gone, a few new ones.
 *
 * The distributions (stated here, since they are ours, not KBO's):
 * 40% natural persons (no seat address: their establishments' only, as
 * in KBO), 60% legal persons; every natural person and a third of the
 * legal persons have establishments (1-3, rarely more); names 58% Dutch,
 * 38% French, 4% unknown, a few German, Brussels' legal persons in both
 * Dutch and French; 35% of legal persons an abbreviation, 57% of
 * establishments a commercial name; addresses spread over the real
 * postcode list (src/core/kbo_postcodes.c, from share/kbo/be-postcodes.csv),
 * one weight per postcode and more for the large cities (Gent's 14
 * postcodes keep about 1.6%, ~30,000 enterprises), 0.5% abroad;
 * 1-4 NACE codes per enterprise in versions 2003, 2008 and 2025, in
 * group 001 (VAT) and for a third also 006 (social security).  Numbers
 * carry valid check digits (mod 97).  Rows come sorted by entity number,
 * as in the real extract (sedesk does not rely on it).  Each entity's
 * rows are drawn from a generator seeded by its index, so a second pass
 * (establishments' rows after the enterprises') and the update delivery
 * see the same entities.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kbo_int.h"

static uint64_t seed = 140;

struct rng {
	uint64_t s;
};

static uint64_t
next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned
below(struct rng *r, unsigned n)
{
	return (unsigned)(next(r) % n);
}

/* True with probability per mille. */
static int
pm(struct rng *r, unsigned per_mille)
{
	return below(r, 1000) < per_mille;
}

static struct rng
entity_rng(uint64_t i, uint64_t salt)
{
	struct rng r = { seed * 0x100000001B3ULL ^ (i * 0x9E3779B97F4A7C15ULL) ^ salt };

	next(&r);
	return r;
}

/* --- places ------------------------------------------------------------------- */

static const struct kbo_postcode *pc;
static size_t npc;
static double *cum;	/* cumulative weights */

static double
weight(const struct kbo_postcode *p)
{
	/* Large cities hold more enterprises per postcode. */
	static const struct { const char *nis; double w; } big[] = {
		{ "11002", 3.0 },	/* Antwerpen */
		{ "44021", 1.55 },	/* Gent */
		{ "21004", 2.0 },	/* Brussel */
		{ "62063", 1.8 },	/* Liège */
		{ "52011", 1.3 },	/* Charleroi */
		{ "31005", 2.0 },	/* Brugge */
		{ "24062", 2.0 },	/* Leuven */
	};

	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
		if (strcmp(p->nis, big[i].nis) == 0)
			return big[i].w;
	return 1.0;
}

static const struct kbo_postcode *
place(struct rng *r)
{
	double x = (double)(next(r) >> 11) / 9007199254740992.0 * cum[npc - 1];
	size_t lo = 0, hi = npc - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cum[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &pc[lo];
}

/* --- words -------------------------------------------------------------------- */

static const char *const syl[] = { "ver", "bo", "ka", "lin", "de", "mar", "sto", "ren",
	"zon", "wi", "tra", "pel", "ho", "gen", "ste", "la", "mo", "ri", "van", "ne", "bel",
	"cor", "du", "fa", "gi", "jo", "klo", "lu", "mee", "nor" };
static const char *const street_nl[] = { "straat", "laan", "steenweg", "plein", "dreef",
	"weg", "kaai", "hof" };
static const char *const street_fr[] = { "Rue de ", "Avenue de ", "Chaussée de ", "Place ",
	"Boulevard de " };
static const char *const suffix[] = { "BV", "NV", "VZW", "CV", "VOF", "Comm.V", "SRL", "ASBL",
	"SA", "SC" };
/* Juridical forms (codes of legal persons in KBO; descriptions ours, see code.csv). */
static const char *const forms[] = { "610", "610", "610", "014", "017", "017", "706", "015",
	"612", "116", "124", "416", "417", "051", "030" };
static const char *const divisions[] = { "01", "02", "10", "13", "16", "18", "20", "22",
	"25", "28", "31", "33", "35", "38", "41", "42", "43", "45", "46", "47", "49", "52",
	"55", "56", "58", "62", "63", "64", "66", "68", "69", "70", "71", "73", "74", "77",
	"78", "81", "82", "84", "85", "86", "87", "88", "90", "93", "94", "95", "96" };
#define NDIV (sizeof divisions / sizeof divisions[0])

static void
word(struct rng *r, char *out, size_t cap, int cap_first)
{
	size_t n = 0;
	unsigned k = 2 + below(r, 2);

	out[0] = '\0';
	for (unsigned i = 0; i < k; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s", syl[below(r, 30)]);
	if (cap_first)
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* --- output --------------------------------------------------------------------- */

static FILE *
out_open(const char *dir, const char *name, const char *suffix_, const char *header)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s%s.csv", dir, name, suffix_);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "kbogen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	fputs(header, f);
	fputc('\n', f);
	return f;
}

/* Check digits: 97 - (the first eight digits mod 97). */
static uint64_t
with_check(uint64_t base8)
{
	return base8 * 100 + (97 - base8 % 97);
}

static void
fmt_ent(uint64_t n, char out[16])
{
	char d[11];

	snprintf(d, sizeof d, "%010llu", (unsigned long long)n);
	snprintf(out, 16, "%.4s.%.3s.%.3s", d, d + 4, d + 7);
}

static void
fmt_est(uint64_t n, char out[16])
{
	char d[11];

	snprintf(d, sizeof d, "%010llu", (unsigned long long)n);
	snprintf(out, 16, "%.1s.%.3s.%.3s.%.3s", d, d + 1, d + 4, d + 7);
}

static void
fmt_date(struct rng *r, int from, int to, char out[11])
{
	snprintf(out, 11, "%02u-%02u-%04u", 1 + below(r, 28), 1 + below(r, 12),
	    (unsigned)from + below(r, (unsigned)(to - from + 1)));
}

/* One enterprise, drawn from its index. */
struct ent {
	uint64_t	 number;
	int		 natural;
	unsigned	 nest;		/* establishments */
	unsigned	 nnace;
	int		 employer;	/* activities in group 006 too */
	int		 gone;		/* in an update: removed */
	int		 changed;	/* in an update: new values */
};

static void
ent_draw(uint64_t i, struct ent *e)
{
	struct rng r = entity_rng(i, 1);

	/* Numbers rise by 1..40 steps of the eight first digits, from 0200.000.0xx. */
	e->number = 0;
	e->natural = pm(&r, 400);
	if (e->natural)
		e->nest = 1 + (pm(&r, 200) ? 1 + below(&r, 2) : 0);
	else
		e->nest = pm(&r, 330) ? 1 + (pm(&r, 150) ? 1 + below(&r, 4) : 0) : 0;
	e->nnace = 1 + below(&r, 5) + (pm(&r, 300) ? 1 : 0);
	e->employer = pm(&r, 450);
	{
		struct rng u = entity_rng(i, 99);
		e->gone = pm(&u, 5);
		e->changed = !e->gone && pm(&u, 20);
	}
}

static uint64_t nent = 1938239;
static uint64_t *numbers;	/* enterprise numbers by index */
static uint64_t *est0;		/* first establishment number index by enterprise */

static void
numbers_make(void)
{
	struct rng r = { seed };
	uint64_t base = 2000000, estn = 20000000;

	numbers = malloc(nent * sizeof *numbers);
	est0 = malloc((nent + 1) * sizeof *est0);
	for (uint64_t i = 0; i < nent; i++) {
		struct ent e;
		ent_draw(i, &e);
		base += 1 + below(&r, 9);
		numbers[i] = with_check(base);
		est0[i] = estn;
		estn += e.nest;
	}
	est0[nent] = estn;
}

static void
ent_name(struct rng *r, const struct ent *e, char *out, size_t cap)
{
	char a[40], b[40];

	word(r, a, sizeof a, 1);
	word(r, b, sizeof b, 1);
	if (e->natural)
		snprintf(out, cap, "%s %s", b, a);
	else
		snprintf(out, cap, "%s %s %s", a, b, suffix[below(r, 10)]);
}

/* The language of a name: 2 Dutch, 1 French, 0 unknown, 3 German. */
static int
lang_of(struct rng *r, const struct kbo_postcode *p)
{
	unsigned x = below(r, 1000);

	(void)p;
	if (x < 580)
		return 2;
	if (x < 960)
		return 1;
	if (x < 995)
		return 0;
	return 3;
}

static void
address(FILE *f, const char *num, const char *type, struct rng *r)
{
	const struct kbo_postcode *p = place(r);
	char w[40], s_nl[80], s_fr[80];

	word(r, w, sizeof w, 1);
	snprintf(s_nl, sizeof s_nl, "%s%s", w, street_nl[below(r, 8)]);
	snprintf(s_fr, sizeof s_fr, "%s%s", street_fr[below(r, 5)], w);
	if (pm(r, 5)) {
		fprintf(f, "\"%s\",\"%s\",\"Frankrijk\",\"France\",\"%u\",\"Lille\",\"Lille\","
		    "\"%s\",\"%s\",\"%u\",\"\",\"\",\n", num, type, 59000 + below(r, 100), s_fr,
		    s_fr, 1 + below(r, 200));
		return;
	}
	/* Brussels and Wallonia: French street names; Flanders: Dutch. */
	int fr = p->postcode[0] == '1' ? below(r, 2) : (p->postcode[0] >= '4' &&
	    p->postcode[0] <= '7');
	fprintf(f, "\"%s\",\"%s\",,,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%u\",\"%s\",\"\",\n",
	    num, type, p->postcode, p->nl, p->fr, fr ? s_fr : s_nl, fr ? s_fr : s_nl,
	    1 + below(r, 250), pm(r, 80) ? "A" : "");
}

struct files {
	FILE	*ent, *est, *den, *adr, *con, *act, *bra;
};

/* NACE code i of an entity (same in each version, as most conversions are). */
static void
nace_code(struct rng *r, char out[8])
{
	snprintf(out, 8, "%s%03u", divisions[below(r, NDIV)], below(r, 10) * 100 + below(r, 3) *
	    10 + below(r, 10) % 3);
}

static void
activities(FILE *f, const char *num, unsigned n, int employer, struct rng *r, int est)
{
	static const char *const versions[] = { "2003", "2008", "2025" };

	for (unsigned k = 0; k < n; k++) {
		char code[8];
		nace_code(r, code);
		for (int v = 0; v < 3; v++) {
			const char *cls = k == 0 ? "MAIN" : (pm(r, 50) ? "ANCI" : "SECO");
			/* 2003 codes differ: a drawn one of their own. */
			char c2003[8];
			if (v == 0)
				nace_code(r, c2003);
			fprintf(f, "\"%s\",\"001\",\"%s\",\"%s\",\"%s\"\n", num, versions[v],
			    v == 0 ? c2003 : code, cls);
			if (employer && !est)
				fprintf(f, "\"%s\",\"006\",\"%s\",\"%s\",\"%s\"\n", num,
				    versions[v], v == 0 ? c2003 : code, cls);
		}
	}
}

/* Rows of enterprise i (its own number's rows); changed: the update's values. */
static void
ent_rows(struct files *fs, uint64_t i, int changed)
{
	struct ent e;
	struct rng r;
	char num[16], name[120], date[11];

	ent_draw(i, &e);
	r = entity_rng(i, changed ? 7 : 2);
	fmt_ent(numbers[i], num);
	fmt_date(&r, 1950, 2025, date);
	if (fs->ent != NULL) {
		const char *sit = pm(&r, 970) ? "000" : (pm(&r, 500) ? "012" : "001");
		if (e.natural)
			fprintf(fs->ent, "\"%s\",\"AC\",\"%s\",\"1\",,,%s\n", num, sit, date);
		else
			fprintf(fs->ent, "\"%s\",\"AC\",\"%s\",\"2\",\"%s\",,%s\n", num, sit,
			    forms[below(&r, sizeof forms / sizeof forms[0])], date);
	}
	/* Names: the seat's place says the language in Brussels. */
	if (fs->den != NULL) {
		struct rng pr = entity_rng(i, changed ? 8 : 3);
		const struct kbo_postcode *p = place(&pr);
		int lang = lang_of(&r, p);
		ent_name(&r, &e, name, sizeof name);
		if (changed)
			strncat(name, " Nieuw", sizeof name - strlen(name) - 1);
		fprintf(fs->den, "\"%s\",\"%d\",\"001\",\"%s\"\n", num, lang, name);
		if (!e.natural && p->postcode[0] == '1' && p->postcode[1] == '0' && lang == 2)
			fprintf(fs->den, "\"%s\",\"1\",\"001\",\"%s\"\n", num, name);
		if (!e.natural && pm(&r, 350)) {
			char ab[8];
			snprintf(ab, sizeof ab, "%c%c%c", name[0], 'A' + (int)below(&r, 26),
			    'A' + (int)below(&r, 26));
			fprintf(fs->den, "\"%s\",\"%d\",\"002\",\"%s\"\n", num, lang, ab);
		}
	}
	if (fs->adr != NULL && !e.natural) {
		struct rng pr = entity_rng(i, changed ? 8 : 3);
		address(fs->adr, num, "REGO", &pr);
	}
	if (fs->con != NULL && pm(&r, e.natural ? 150 : 420)) {
		char w[40];
		word(&r, w, sizeof w, 0);
		switch (below(&r, 4)) {
		case 0:
			fprintf(fs->con, "\"%s\",\"ENT\",\"TEL\",\"0%u %u %u\"\n", num,
			    2 + below(&r, 8), 100 + below(&r, 900), 10 + below(&r, 90));
			break;
		case 1:
			fprintf(fs->con, "\"%s\",\"ENT\",\"EMAIL\",\"info@%s.be\"\n", num, w);
			break;
		case 2:
			fprintf(fs->con, "\"%s\",\"ENT\",\"WEB\",\"www.%s.be\"\n", num, w);
			break;
		default:
			fprintf(fs->con, "\"%s\",\"ENT\",\"FAX\",\"0%u %u %u\"\n", num,
			    2 + below(&r, 8), 100 + below(&r, 900), 10 + below(&r, 90));
		}
	}
	if (fs->act != NULL) {
		struct rng ar = entity_rng(i, 4);
		activities(fs->act, num, e.nnace + (changed ? 1 : 0), e.employer, &ar, 0);
	}
	if (fs->est != NULL) {
		for (unsigned k = 0; k < e.nest; k++) {
			char en[16], d2[11];
			fmt_est(with_check(est0[i] + k), en);
			fmt_date(&r, 1970, 2025, d2);
			fprintf(fs->est, "\"%s\",%s,\"%s\"\n", en, d2, num);
		}
	}
}

/* Rows of the establishments of enterprise i (their own numbers' rows). */
static void
est_rows(struct files *fs, uint64_t i, int changed)
{
	struct ent e;

	ent_draw(i, &e);
	for (unsigned k = 0; k < e.nest; k++) {
		struct rng r = entity_rng(est0[i] + k, changed ? 15 : 5);
		char en[16], name[120];
		fmt_est(with_check(est0[i] + k), en);
		if (fs->adr != NULL) {
			/* Most establishments are near the seat: the same place. */
			struct rng pr = entity_rng(i, changed ? 8 : 3);
			address(fs->adr, en, "BAET", pm(&r, 700) ? &pr : &r);
		}
		if (fs->den != NULL && pm(&r, 570)) {
			ent_name(&r, &e, name, sizeof name);
			fprintf(fs->den, "\"%s\",\"%d\",\"003\",\"%s\"\n", en, pm(&r, 600) ? 2 : 1,
			    name);
		}
		if (fs->con != NULL && pm(&r, 60))
			fprintf(fs->con, "\"%s\",\"EST\",\"TEL\",\"0%u %u %u\"\n", en,
			    2 + below(&r, 8), 100 + below(&r, 900), 10 + below(&r, 90));
		if (fs->act != NULL) {
			struct rng ar = entity_rng(est0[i] + k, 6);
			activities(fs->act, en, 1 + below(&ar, 2), 0, &ar, 1);
		}
	}
}

static void
write_codes(const char *dir)
{
	FILE *f = out_open(dir, "code", "", "\"Category\",\"Code\",\"Language\",\"Description\"");
	static const char *const fixed[] = {
		/* The real rows of the sample's code.csv that the generator uses. */
		"\"Classification\",\"ANCI\",\"FR\",\"Activité auxiliaire\"",
		"\"Classification\",\"ANCI\",\"NL\",\"Hulpactiviteit\"",
		"\"Classification\",\"MAIN\",\"FR\",\"Activité principale\"",
		"\"Classification\",\"MAIN\",\"NL\",\"Hoofdactiviteit\"",
		"\"Classification\",\"SECO\",\"FR\",\"Activité secondaire\"",
		"\"Classification\",\"SECO\",\"NL\",\"Nevenactiviteit\"",
		"\"ContactType\",\"EMAIL\",\"NL\",\"E-mailadres\"",
		"\"ContactType\",\"TEL\",\"NL\",\"Telefoonnummer\"",
		"\"ContactType\",\"WEB\",\"NL\",\"Webadres\"",
		"\"JuridicalForm\",\"124\",\"FR\",\"Etablissement public\"",
		"\"JuridicalForm\",\"124\",\"NL\",\"Openbare instelling\"",
		"\"JuridicalSituation\",\"000\",\"FR\",\"Situation normale\"",
		"\"JuridicalSituation\",\"000\",\"NL\",\"Normale toestand\"",
		"\"JuridicalSituation\",\"001\",\"NL\",\"Juridische oprichting\"",
		"\"Status\",\"AC\",\"NL\",\"Actief\"",
		"\"TypeOfEnterprise\",\"1\",\"NL\",\"Natuurlijk Persoon\"",
		"\"TypeOfEnterprise\",\"2\",\"NL\",\"Rechtspersoon\"",
	};

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		fprintf(f, "%s\n", fixed[i]);
	/* The other forms: synthetic descriptions, marked as such. */
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(forms[i], "124") != 0 && (i == 0 || strcmp(forms[i], forms[i - 1]) != 0))
			fprintf(f, "\"JuridicalForm\",\"%s\",\"NL\",\"Synthetische rechtsvorm %s\"\n"
			    "\"JuridicalForm\",\"%s\",\"FR\",\"Forme juridique synthétique %s\"\n",
			    forms[i], forms[i], forms[i], forms[i]);
	/* Every NACE code the generator can draw, in each version. */
	static const char *const versions[] = { "2003", "2008", "2025" };
	for (int v = 0; v < 3; v++)
		for (size_t d = 0; d < NDIV; d++)
			for (unsigned a = 0; a < 10; a++)
				for (unsigned b = 0; b < 3; b++)
					for (unsigned c = 0; c < 3; c++)
						fprintf(f, "\"Nace%s\",\"%s%u%u%u\",\"NL\","
						    "\"Activiteit %s.%u%u%u\"\n"
						    "\"Nace%s\",\"%s%u%u%u\",\"FR\","
						    "\"Activité %s.%u%u%u\"\n",
						    versions[v], divisions[d], a, b, c, divisions[d],
						    a, b, c, versions[v], divisions[d], a, b, c,
						    divisions[d], a, b, c);
	fclose(f);
}

static void
write_meta(const char *dir, int update)
{
	FILE *f = out_open(dir, "meta", "", "\"Variable\",\"Value\"");

	fprintf(f, "\"SnapshotDate\",\"%s\"\n\"ExtractTimestamp\",\"%s\"\n"
	    "\"ExtractType\",\"%s\"\n\"ExtractNumber\",\"%s\"\n\"Version\",\"1.0.0\"\n",
	    update ? "04-10-2025" : "03-10-2025", update ? "05-10-2025 07:00:00" :
	    "04-10-2025 07:00:00", update ? "update" : "full", update ? "141" : "140");
	fclose(f);
}

#define H_ENT "\"EnterpriseNumber\",\"Status\",\"JuridicalSituation\",\"TypeOfEnterprise\"," \
	"\"JuridicalForm\",\"JuridicalFormCAC\",\"StartDate\""
#define H_EST "\"EstablishmentNumber\",\"StartDate\",\"EnterpriseNumber\""
#define H_DEN "\"EntityNumber\",\"Language\",\"TypeOfDenomination\",\"Denomination\""
#define H_ADR "\"EntityNumber\",\"TypeOfAddress\",\"CountryNL\",\"CountryFR\",\"Zipcode\"," \
	"\"MunicipalityNL\",\"MunicipalityFR\",\"StreetNL\",\"StreetFR\",\"HouseNumber\"," \
	"\"Box\",\"ExtraAddressInfo\",\"DateStrikingOff\""
#define H_CON "\"EntityNumber\",\"EntityContact\",\"ContactType\",\"Value\""
#define H_ACT "\"EntityNumber\",\"ActivityGroup\",\"NaceVersion\",\"NaceCode\",\"Classification\""

static void
full(const char *dir)
{
	struct files fs = {
		out_open(dir, "enterprise", "", H_ENT), out_open(dir, "establishment", "", H_EST),
		out_open(dir, "denomination", "", H_DEN), out_open(dir, "address", "", H_ADR),
		out_open(dir, "contact", "", H_CON), out_open(dir, "activity", "", H_ACT),
		out_open(dir, "branch", "", "\"Id\",\"StartDate\",\"EnterpriseNumber\""),
	};

	/* Enterprise numbers (0xxx, 1xxx) sort before establishment numbers (2xxx+). */
	FILE *ent = fs.ent, *est = fs.est;

	for (uint64_t i = 0; i < nent; i++)
		ent_rows(&fs, i, 0);
	fclose(ent);
	fclose(est);
	fs.ent = fs.est = NULL;
	for (uint64_t i = 0; i < nent; i++)
		est_rows(&fs, i, 0);
	/* Branches of foreign enterprises: a few, about 0.4%. */
	for (uint64_t i = 0; i < nent; i += 260) {
		char num[16];
		fmt_ent(numbers[i], num);
		fprintf(fs.bra, "\"9.%03llu.%03llu.%03llu\",01-01-1968,\"%s\"\n",
		    (unsigned long long)(i / 1000000 % 1000), (unsigned long long)(i / 1000 % 1000),
		    (unsigned long long)(i % 1000), num);
	}
	fclose(fs.den);
	fclose(fs.adr);
	fclose(fs.con);
	fclose(fs.act);
	fclose(fs.bra);
}

static void
update(const char *dir)
{
	static const char *const names[] = { "enterprise", "establishment", "denomination",
		"address", "contact", "activity" };
	static const char *const heads[] = { H_ENT, H_EST, H_DEN, H_ADR, H_CON, H_ACT };
	static const char *const keys[] = { "\"EnterpriseNumber\"", "\"EstablishmentNumber\"",
		"\"EntityNumber\"", "\"EntityNumber\"", "\"EntityNumber\"", "\"EntityNumber\"" };
	FILE *del[6], *ins[6];
	struct files fs;

	for (int k = 0; k < 6; k++) {
		del[k] = out_open(dir, names[k], "_delete", keys[k]);
		ins[k] = out_open(dir, names[k], "_insert", heads[k]);
	}
	fs = (struct files){ ins[0], ins[1], ins[2], ins[3], ins[4], ins[5], NULL };
	for (uint64_t i = 0; i < nent; i++) {
		struct ent e;
		char num[16];
		ent_draw(i, &e);
		if (!e.gone && !e.changed)
			continue;
		fmt_ent(numbers[i], num);
		/* Every file's rows of the entity go; a changed one comes back whole. */
		for (int k = 0; k < 6; k++)
			if (k != 1)
				fprintf(del[k], "\"%s\"\n", num);
		for (unsigned s = 0; s < e.nest; s++) {
			char en[16];
			fmt_est(with_check(est0[i] + s), en);
			fprintf(del[1], "\"%s\"\n", en);
			for (int k = 2; k < 6; k++)
				fprintf(del[k], "\"%s\"\n", en);
		}
		if (e.changed) {
			ent_rows(&fs, i, 1);
			struct files es = fs;
			es.ent = es.est = NULL;
			est_rows(&es, i, 1);
		}
	}
	for (int k = 0; k < 6; k++) {
		fclose(del[k]);
		fclose(ins[k]);
	}
}

int
main(int argc, char **argv)
{
	const char *dir;
	int c, upd = 0;
	double total = 0;

	while ((c = getopt(argc, argv, "n:s:u")) != -1) {
		switch (c) {
		case 'n':
			nent = strtoull(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'u':
			upd = 1;
			break;
		default:
			fprintf(stderr, "usage: kbogen [-n ENTERPRISES] [-s SEED] [-u] OUTDIR\n");
			return 2;
		}
	}
	if (optind + 1 != argc || nent == 0) {
		fprintf(stderr, "usage: kbogen [-n ENTERPRISES] [-s SEED] [-u] OUTDIR\n");
		return 2;
	}
	dir = argv[optind];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "kbogen: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	npc = kbo_postcodes(&pc);
	cum = malloc(npc * sizeof *cum);
	for (size_t i = 0; i < npc; i++)
		cum[i] = (total += weight(&pc[i]));
	numbers_make();
	write_meta(dir, upd);
	write_codes(dir);
	if (upd)
		update(dir);
	else
		full(dir);
	free(numbers);
	free(est0);
	free(cum);
	return 0;
}
