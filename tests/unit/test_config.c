/*
 * Tests of the configuration loader, its lookup order and the caller's
 * identity.  Configurations are written to a fresh temporary directory per
 * test; sedesk.ini.example is read from the repository root, where the
 * tests run.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/config.h"
#include "sedesk/text.h"
#include "../fixture/fixture.h"

#define DB	"[database]\npath = db\n"
#define DEPTS	"[department:eco]\nname = Economie\n" \
		"[department:wel]\nname = Welzijn\n"

static char	 tmpdir[64];	/* short, so paths built on it fit */
static int	 saved_stderr = -1;

static int	 setup(void **);
static int	 teardown(void **);
static char	*write_file(const char *, const char *);
static void	 capture_begin(void);
static char	*capture_end(void);
static int	 has_prefix_warning(const char *);

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/sedesk-test-config-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (saved_stderr != -1)
		free(capture_end());
	fx_rmtree(tmpdir);
	return 0;
}

/* Writes text to name under tmpdir (making folders) and returns its path. */
static char *
write_file(const char *name, const char *text)
{
	char path[PATH_MAX], *slash;
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	for (slash = strchr(path + strlen(tmpdir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return sd_xstrdup(path);
}

/* Sends stderr to a file, so tests can check what the loader printed. */
static void
capture_begin(void)
{
	char path[PATH_MAX];
	int fd;

	fflush(stderr);
	snprintf(path, sizeof path, "%s/stderr.txt", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd != -1);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *
capture_end(void)
{
	char path[PATH_MAX], buf[8192];
	FILE *fp;
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	saved_stderr = -1;
	snprintf(path, sizeof path, "%s/stderr.txt", tmpdir);
	if ((fp = fopen(path, "r")) == NULL)
		return sd_xstrdup("");
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return sd_xstrdup(buf);
}

/* True when every line of s starts "sedesk: warning:". */
static int
has_prefix_warning(const char *s)
{
	if (*s == '\0')
		return 0;
	while (*s != '\0') {
		if (strncmp(s, "sedesk: warning: ", 17) != 0)
			return 0;
		if ((s = strchr(s, '\n')) == NULL)
			break;
		s++;
	}
	return 1;
}

/* --- the example --------------------------------------------------------- */

static void
test_example_loads(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	const struct sd_officer *o;
	const struct sd_rule *permit = NULL, *words = NULL;
	char cwd[PATH_MAX], want[PATH_MAX + 16], *out;
	int roles[5] = { 0 };
	sd_day d;

	(void)state;
	capture_begin();
	assert_int_equal(sd_config_load("sedesk.ini.example", &cfg, &err),
	    SD_OK);
	out = capture_end();
	assert_string_equal(out, "");	/* loads cleanly: no warnings */
	free(out);

	assert_string_equal(cfg.file, "sedesk.ini.example");
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(want, sizeof want, "%s/sedesk-db", cwd);
	assert_string_equal(cfg.db_path, want);
	assert_int_equal(cfg.mapsize, (size_t)1 << 30);
	assert_string_equal(cfg.language, "nl");
	assert_int_equal(cfg.service_days, 10);

	assert_int_equal(cfg.ndepartments, 7);
	assert_int_equal(cfg.nofficers, 6);
	assert_int_equal(cfg.ncategories, 7);
	assert_int_equal(cfg.nrules, 14);
	assert_int_equal(cfg.nholidays, 22);

	assert_string_equal(sd_config_department(&cfg, "eco")->name,
	    "Economie & Ondernemen");
	assert_string_equal(sd_config_department(&cfg, "fin")->name,
	    "Financiën & Subsidies");
	assert_string_equal(sd_config_department(&cfg, "omg")->name,
	    "Omgeving (ruimtelijke ordening, vergunningen)");
	assert_int_equal(sd_config_department(&cfg, "omg")->service_days, 15);
	assert_string_equal(sd_config_department(&cfg, "wel")->email,
	    "welzijn@gemeente.example");
	for (size_t i = 0; i < cfg.ndepartments; i++)
		assert_non_null(cfg.departments[i].email);

	o = sd_config_officer(&cfg, "bram");
	assert_non_null(o);
	assert_int_equal(o->role, SD_ROLE_OFFICER);
	assert_int_equal(o->ndepartments, 2);
	assert_string_equal(o->departments[0], "eco");
	assert_string_equal(o->departments[1], "aank");
	assert_int_equal(sd_config_officer(&cfg, "ann")->role, SD_ROLE_CONTACT);
	assert_int_equal(sd_config_officer(&cfg, "dina")->role,
	    SD_ROLE_MANAGER);
	assert_int_equal(sd_config_officer(&cfg, "root")->role, SD_ROLE_ADMIN);
	for (size_t i = 0; i < cfg.nofficers; i++)
		roles[cfg.officers[i].role]++;
	assert_int_equal(roles[SD_ROLE_NONE], 0);
	for (int r = SD_ROLE_CONTACT; r <= SD_ROLE_ADMIN; r++)
		assert_true(roles[r] > 0);

	assert_string_equal(sd_config_category(&cfg, "funding")->name,
	    "Subsidies en financiering");
	assert_int_equal(sd_config_category(&cfg, "funding")->service_days, 15);
	assert_int_equal(sd_config_category(&cfg, "info")->service_days, 5);

	for (size_t i = 0; i < cfg.nrules; i++) {
		const struct sd_rule *r = &cfg.rules[i];

		if (strcmp(r->name, "permit") == 0)
			permit = r;
		if (strcmp(r->name, "permit-words") == 0)
			words = r;
		/* Every rule can apply and suggests known departments. */
		assert_true(r->category != NULL || r->nkeywords > 0);
		assert_true(r->ndepartments > 0);
		if (r->category != NULL)
			assert_non_null(sd_config_category(&cfg, r->category));
	}
	/* Every category has a rule. */
	for (size_t i = 0; i < cfg.ncategories; i++) {
		int found = 0;

		for (size_t j = 0; j < cfg.nrules; j++)
			found |= cfg.rules[j].category != NULL && strcmp(
			    cfg.rules[j].category, cfg.categories[i].id) == 0;
		if (strcmp(cfg.categories[i].id, "info") != 0)
			assert_true(found);
	}
	assert_non_null(permit);
	assert_string_equal(permit->category, "permit");
	assert_int_equal(permit->nkeywords, 0);
	assert_string_equal(permit->departments[0], "omg");
	assert_non_null(words);
	assert_null(words->category);
	assert_int_equal(words->nkeywords, 8);
	assert_string_equal(words->keywords[5], "cafe");	/* "café" */

	/* 2 × 10 legal holidays and 11 July twice, sorted. */
	assert_true(sd_day_parse("2026-01-01", &d));
	assert_int_equal(cfg.holidays[0], d);
	assert_true(sd_day_parse("2027-12-25", &d));
	assert_int_equal(cfg.holidays[cfg.nholidays - 1], d);
	for (size_t i = 1; i < cfg.nholidays; i++)
		assert_true(cfg.holidays[i - 1] < cfg.holidays[i]);
	assert_true(sd_day_parse("2026-07-11", &d));
	assert_int_equal(cfg.holidays[5], d);

	sd_config_free(&cfg);
	assert_null(cfg.departments);
}

/* --- values -------------------------------------------------------------- */

static void
test_defaults(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *path;

	(void)state;
	path = write_file("sedesk.ini",
	    "[database]\npath = /srv/sedesk/db\n"
	    "[general]\nservice_days = 7\n"
	    "[department:eco]\n"
	    "[department:wel]\nservice_days = 3\n"
	    "[category:info]\n"
	    "[officer:ann]\nrole = CONTACT\n");
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_string_equal(cfg.db_path, "/srv/sedesk/db");
	assert_int_equal(cfg.mapsize, SD_DEFAULT_MAPSIZE);
	assert_string_equal(cfg.language, "");
	assert_int_equal(cfg.service_days, 7);
	assert_int_equal(cfg.nholidays, 0);
	assert_null(cfg.holidays);
	assert_string_equal(cfg.departments[0].name, "eco");
	assert_null(cfg.departments[0].email);
	assert_int_equal(cfg.departments[0].service_days, 7);
	assert_int_equal(cfg.departments[1].service_days, 3);
	assert_string_equal(cfg.categories[0].name, "info");
	assert_int_equal(cfg.categories[0].service_days, 7);
	assert_string_equal(cfg.officers[0].name, "ann");
	assert_int_equal(cfg.officers[0].role, SD_ROLE_CONTACT);
	assert_int_equal(cfg.officers[0].ndepartments, 0);
	sd_config_free(&cfg);
	free(path);

	/* Without [general] the built-in service level applies. */
	path = write_file("two.ini", DB DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_int_equal(cfg.service_days, SD_DEFAULT_SERVICE_DAYS);
	assert_int_equal(cfg.departments[1].service_days,
	    SD_DEFAULT_SERVICE_DAYS);
	sd_config_free(&cfg);
	free(path);
}

static void
test_db_path_relative_to_file(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char real[PATH_MAX], want[PATH_MAX + 32], cwd[PATH_MAX], *path;

	(void)state;
	assert_non_null(realpath(tmpdir, real));

	path = write_file("etc/sedesk.ini", "[database]\npath = db\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	snprintf(want, sizeof want, "%s/etc/db", real);
	assert_string_equal(cfg.db_path, want);
	sd_config_free(&cfg);
	free(path);

	path = write_file("etc/dot.ini",
	    "[database]\npath = ./data/db\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	snprintf(want, sizeof want, "%s/etc/data/db", real);
	assert_string_equal(cfg.db_path, want);
	sd_config_free(&cfg);
	free(path);

	path = write_file("etc/up.ini", "[database]\npath = ../var/db\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	snprintf(want, sizeof want, "%s/etc/../var/db", real);
	assert_string_equal(cfg.db_path, want);
	sd_config_free(&cfg);
	free(path);

	/* A file named relative to the working directory works the same. */
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmpdir), 0);
	assert_int_equal(sd_config_load("etc/sedesk.ini", &cfg, &err), SD_OK);
	assert_int_equal(chdir(cwd), 0);
	snprintf(want, sizeof want, "%s/etc/db", real);
	assert_string_equal(cfg.db_path, want);
	sd_config_free(&cfg);
}

static void
test_mapsize_suffixes(void **state)
{
	static const struct {
		const char	*text;
		size_t		 bytes;
	} sizes[] = {
		{ "1048576",	1048576 },
		{ "4096K",	(size_t)4096 << 10 },
		{ "64M",	(size_t)64 << 20 },
		{ "64m",	(size_t)64 << 20 },
		{ "512 MB",	(size_t)512 << 20 },
		{ "2G",		(size_t)2 << 30 },
		{ "10g",	(size_t)10 << 30 },
		{ "1T",		(size_t)1 << 40 },
	};
	struct sd_config cfg;
	struct sd_error err;
	char text[256], *path;

	(void)state;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		snprintf(text, sizeof text,
		    "[database]\npath = db\nmapsize = %s\n" DEPTS,
		    sizes[i].text);
		path = write_file("sedesk.ini", text);
		assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
		assert_int_equal(cfg.mapsize, sizes[i].bytes);
		sd_config_free(&cfg);
		free(path);
	}
}

/*
 * [limits] writes_per_minute: 0 (no limit) unless set, outside a setgid
 * run; a bad value is an error naming the key (issue 9, finding 9).  A
 * holiday outside the years 1970-9999 is refused (finding 10).
 */
static void
test_limits_and_years(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *path;

	(void)state;
	path = write_file("sedesk.ini", DB DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_int_equal(cfg.writes_per_minute, 0);
	sd_config_free(&cfg);
	free(path);
	path = write_file("sedesk.ini", DB "[limits]\nwrites_per_minute = 120\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_int_equal(cfg.writes_per_minute, 120);
	sd_config_free(&cfg);
	free(path);
	path = write_file("sedesk.ini", DB "[limits]\nwrites_per_minute = -1\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_INVALID);
	assert_non_null(strstr(err.msg, "writes_per_minute"));
	free(path);
	path = write_file("sedesk.ini", DB "[limits]\nwrites_per_minute = 1001\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_INVALID);
	free(path);
	path = write_file("sedesk.ini", DB "[general]\nholidays = 1969-12-25\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_INVALID);
	assert_non_null(strstr(err.msg, "holidays"));
	assert_non_null(strstr(err.msg, "1970 to 9999"));
	free(path);
}

static void
test_holidays_sorted(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	sd_day a, b, c;
	char *path;

	(void)state;
	path = write_file("sedesk.ini", DB
	    "[general]\nholidays = 2026-12-25,2026-01-01 , 2026-05-01,,"
	    " 2026-01-01,\n" DEPTS);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_true(sd_day_parse("2026-01-01", &a));
	assert_true(sd_day_parse("2026-05-01", &b));
	assert_true(sd_day_parse("2026-12-25", &c));
	assert_int_equal(cfg.nholidays, 3);
	assert_int_equal(cfg.holidays[0], a);
	assert_int_equal(cfg.holidays[1], b);
	assert_int_equal(cfg.holidays[2], c);
	sd_config_free(&cfg);
	free(path);
}

static void
test_rule_keywords_folded(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *path;

	(void)state;
	path = write_file("sedesk.ini", DB DEPTS
	    "[category:permit]\n"
	    "[rule:horeca]\ncategory = PERMIT\n"
	    "keywords = Café, CAFE, Coöperatie ,, Brouwerij\n"
	    "departments = Eco, WEL, eco\n");
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_int_equal(cfg.nrules, 1);
	assert_string_equal(cfg.rules[0].name, "horeca");
	assert_string_equal(cfg.rules[0].category, "permit");
	assert_int_equal(cfg.rules[0].nkeywords, 3);
	assert_string_equal(cfg.rules[0].keywords[0], "cafe");
	assert_string_equal(cfg.rules[0].keywords[1], "cooperatie");
	assert_string_equal(cfg.rules[0].keywords[2], "brouwerij");
	assert_int_equal(cfg.rules[0].ndepartments, 2);
	assert_string_equal(cfg.rules[0].departments[0], "eco");
	assert_string_equal(cfg.rules[0].departments[1], "wel");
	sd_config_free(&cfg);
	free(path);
}

static void
test_quotes_and_continuation(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *path;

	(void)state;
	path = write_file("sedesk.ini", DB
	    "[department:eco]\nname = \"Café; bar # 1\"\n"
	    "email = eco@gemeente.example ; a comment\n"
	    "[department:wel]\n"
	    "[officer:jan.peeters]\nrole = officer\n"
	    "departments = eco, \\\n    wel\n");
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_string_equal(cfg.departments[0].name, "Café; bar # 1");
	assert_string_equal(cfg.departments[0].email, "eco@gemeente.example");
	assert_int_equal(cfg.officers[0].ndepartments, 2);
	assert_string_equal(cfg.officers[0].login, "jan.peeters");
	assert_true(sd_officer_serves(&cfg.officers[0], "wel"));
	sd_config_free(&cfg);
	free(path);
}

static void
test_warnings(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *path, *out;

	(void)state;
	path = write_file("sedesk.ini", DB
	    "[foo]\nbar = 1\n"
	    "[department:eco]\nname = One\ncolour = red\nname = Two\n"
	    "[department:wel]\n"
	    "[mail:x]\n"
	    "[rule:empty]\ndepartments = eco\n");
	capture_begin();
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	out = capture_end();
	assert_true(has_prefix_warning(out));
	assert_non_null(strstr(out, "[foo]"));
	assert_non_null(strstr(out, ":3: "));		/* line of [foo] */
	assert_non_null(strstr(out, "[department:eco] colour"));
	assert_non_null(strstr(out, ":7: "));		/* line of colour */
	assert_non_null(strstr(out, "[mail:x]"));
	assert_non_null(strstr(out, "[department:eco] name"));
	assert_non_null(strstr(out, "[rule:empty]: neither"));
	assert_non_null(strstr(out, path));
	/* iniparser keeps the last of a repeated key; so do we, and warn. */
	assert_string_equal(cfg.departments[0].name, "Two");
	sd_config_free(&cfg);
	free(out);
	free(path);
}

static void
test_lookups_and_roles(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	const struct sd_officer *o;
	char *path;

	(void)state;
	assert_int_equal(sd_role_parse("contact"), SD_ROLE_CONTACT);
	assert_int_equal(sd_role_parse("officer"), SD_ROLE_OFFICER);
	assert_int_equal(sd_role_parse("Manager"), SD_ROLE_MANAGER);
	assert_int_equal(sd_role_parse("admin"), SD_ROLE_ADMIN);
	assert_int_equal(sd_role_parse("none"), SD_ROLE_NONE);
	assert_int_equal(sd_role_parse("boss"), SD_ROLE_NONE);
	assert_int_equal(sd_role_parse(""), SD_ROLE_NONE);
	for (int r = SD_ROLE_CONTACT; r <= SD_ROLE_ADMIN; r++)
		assert_int_equal(sd_role_parse(sd_role_name((enum sd_role)r)),
		    r);

	path = write_file("sedesk.ini", DB DEPTS
	    "[officer:bram]\nrole = officer\ndepartments = eco\n");
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	o = sd_config_officer(&cfg, "bram");
	assert_non_null(o);
	assert_true(sd_officer_serves(o, "eco"));
	assert_false(sd_officer_serves(o, "wel"));
	assert_false(sd_officer_serves(o, "ec"));
	assert_null(sd_config_officer(&cfg, "bra"));
	assert_null(sd_config_officer(&cfg, "BRAM"));
	assert_null(sd_config_department(&cfg, "nope"));
	assert_null(sd_config_category(&cfg, "eco"));
	sd_config_free(&cfg);
	free(path);
}

/* --- errors -------------------------------------------------------------- */

struct bad_case {
	const char	*name;
	const char	*text;		/* NULL: no file at all */
	const char	*want[3];	/* substrings of the message */
};

static const struct bad_case bad_cases[] = {
	{ "missing db path", "[database]\nmapsize = 1G\n" DEPTS,
	    { "[database] path: ", "missing" } },
	{ "empty db path", "[database]\npath =\n" DEPTS,
	    { "[database] path: ", "missing" } },
	{ "no [database]", DEPTS, { "[database] path: ", "missing" } },
	{ "unknown role", DB DEPTS "[officer:bram]\nrole = boss\n",
	    { "[officer:bram] role: ", "\"boss\"", "contact, officer" } },
	{ "missing role", DB DEPTS "[officer:bram]\nname = Bram\n",
	    { "[officer:bram] role: ", "missing" } },
	{ "officer without departments",
	    DB DEPTS "[officer:bram]\nrole = officer\n",
	    { "[officer:bram] departments: ", "at least one" } },
	{ "officer with empty list",
	    DB DEPTS "[officer:bram]\nrole = officer\ndepartments = ,\n",
	    { "[officer:bram] departments: ", "at least one" } },
	{ "officer unknown department",
	    DB DEPTS
	    "[officer:bram]\nrole = officer\ndepartments = eco, nope\n",
	    { "[officer:bram] departments: ", "\"nope\"",
	    "[department:nope]" } },
	{ "manager unknown department",
	    DB DEPTS "[officer:dina]\nrole = manager\ndepartments = xyz\n",
	    { "[officer:dina] departments: ", "\"xyz\"" } },
	{ "rule unknown department",
	    DB DEPTS "[rule:r1]\nkeywords = a\ndepartments = wel, nope\n",
	    { "[rule:r1] departments: ", "\"nope\"" } },
	{ "rule without departments", DB DEPTS "[rule:r1]\nkeywords = a\n",
	    { "[rule:r1] departments: ", "missing" } },
	{ "rule unknown category",
	    DB DEPTS "[category:info]\n"
	    "[rule:r1]\ncategory = permit\ndepartments = eco\n",
	    { "[rule:r1] category: ", "\"permit\"", "[category:permit]" } },
	{ "department service_days 0",
	    DB DEPTS "[department:omg]\nservice_days = 0\n",
	    { "[department:omg] service_days: ", "\"0\"", "1 to 365" } },
	{ "general service_days 366",
	    DB "[general]\nservice_days = 366\n" DEPTS,
	    { "[general] service_days: ", "\"366\"" } },
	{ "category service_days words",
	    DB DEPTS "[category:info]\nservice_days = ten\n",
	    { "[category:info] service_days: ", "\"ten\"" } },
	{ "service_days trailing junk",
	    DB DEPTS "[category:info]\nservice_days = 5x\n",
	    { "[category:info] service_days: ", "\"5x\"" } },
	{ "service_days negative",
	    DB DEPTS "[department:omg]\nservice_days = -3\n",
	    { "[department:omg] service_days: ", "\"-3\"" } },
	{ "service_days plus sign",
	    DB DEPTS "[department:omg]\nservice_days = +5\n",
	    { "[department:omg] service_days: ", "\"+5\"" } },
	{ "service_days huge",
	    DB DEPTS "[department:omg]\nservice_days = 99999999999999999999\n",
	    { "[department:omg] service_days: " } },
	{ "mapsize words", "[database]\npath = db\nmapsize = lots\n" DEPTS,
	    { "[database] mapsize: ", "\"lots\"", "K, M or G" } },
	{ "mapsize bad suffix", "[database]\npath = db\nmapsize = 12X\n" DEPTS,
	    { "[database] mapsize: ", "\"12X\"" } },
	{ "mapsize zero", "[database]\npath = db\nmapsize = 0\n" DEPTS,
	    { "[database] mapsize: ", "\"0\"" } },
	{ "mapsize too small", "[database]\npath = db\nmapsize = 100\n" DEPTS,
	    { "[database] mapsize: ", "\"100\"" } },
	{ "mapsize negative", "[database]\npath = db\nmapsize = -1G\n" DEPTS,
	    { "[database] mapsize: ", "\"-1G\"" } },
	{ "mapsize overflow",
	    "[database]\npath = db\nmapsize = 20000000000000G\n" DEPTS,
	    { "[database] mapsize: ", "20000000000000G" } },
	{ "holiday not a date",
	    DB "[general]\nholidays = 2026-01-01, 2026-02-30\n" DEPTS,
	    { "[general] holidays: ", "\"2026-02-30\"", "YYYY-MM-DD" } },
	{ "holiday short year",
	    DB "[general]\nholidays = 26-01-01\n" DEPTS,
	    { "[general] holidays: ", "\"26-01-01\"" } },
	{ "duplicate department",
	    DB "[department:eco]\nname = A\n[department:eco]\nname = B\n",
	    { "[department:eco]: duplicate section", "line 5",
	    "line 3" } },
	{ "duplicate in other case",
	    DB DEPTS "[Department:ECO]\n",
	    { "[department:eco]: duplicate section", "line 7" } },
	{ "duplicate with spaces",
	    DB DEPTS "[ department : wel ]\n",
	    { "[department:wel]: duplicate section", "line 7" } },
	{ "duplicate officer",
	    DB DEPTS "[officer:ann]\nrole = contact\n"
	    "[officer:ann]\nrole = admin\n",
	    { "[officer:ann]: duplicate section" } },
	{ "duplicate general",
	    DB "[general]\nlanguage = nl\n" DEPTS "[general]\n",
	    { "[general]: duplicate section" } },
	{ "no departments",
	    DB "[officer:ann]\nrole = contact\n",
	    { "no departments", "[department:ID]" } },
	{ "invalid id", DB DEPTS "[department:e co]\n",
	    { "[department:e co]: ", "\"e co\"", "a-z, 0-9" } },
	{ "invalid id punctuation", DB DEPTS "[category:info!]\n",
	    { "[category:info!]: ", "\"info!\"" } },
	{ "empty id", DB DEPTS "[department:]\n",
	    { "[department:]: ", "\"\"" } },
	{ "no id", DB DEPTS "[officer]\nrole = admin\n",
	    { "[officer]: ", "[officer:ID]" } },
	{ "bad email", DB DEPTS "[department:omg]\nemail = omgeving at stad\n",
	    { "[department:omg] email: ", "\"omgeving at stad\"" } },
	{ "invalid utf-8", DB DEPTS "[department:omg]\nname = Caf\xe9\n",
	    { "[department:omg] name: ", "UTF-8" } },
	{ "syntax error", DB "this line is wrong\n" DEPTS,
	    { "cannot be read as an ini file", "this line is wrong",
	    "(3)" } },
	{ "byte order mark", "\xef\xbb\xbf" DB DEPTS,
	    { "byte order mark" } },
	{ "missing file", NULL, { "No such file or directory" } },
};

#define NBAD	(sizeof bad_cases / sizeof bad_cases[0])

/*
 * Each bad configuration fails with SD_INVALID, a message that names the
 * file and the place, no half-filled configuration, and nothing from
 * iniparser on stderr.
 */
static void
test_bad_config(void **state)
{
	const struct bad_case *bc = *state;
	struct sd_config cfg;
	struct sd_error err;
	char *path, *out;
	sd_status rc;

	if (bc->text != NULL)
		path = write_file("sedesk.ini", bc->text);
	else {
		path = sd_xmalloc(strlen(tmpdir) + 16);
		sprintf(path, "%s/absent.ini", tmpdir);
	}
	memset(&cfg, 0xa5, sizeof cfg);
	sd_error_clear(&err);
	capture_begin();
	rc = sd_config_load(path, &cfg, &err);
	out = capture_end();
	if (rc != SD_INVALID || strstr(err.msg, path) != err.msg)
		print_error("%s: rc %d, message: %s\n", bc->name, rc, err.msg);
	assert_int_equal(rc, SD_INVALID);
	assert_int_equal(err.code, SD_INVALID);
	/* The message starts with the file's name. */
	assert_ptr_equal(strstr(err.msg, path), err.msg);
	for (size_t i = 0; i < 3 && bc->want[i] != NULL; i++) {
		if (strstr(err.msg, bc->want[i]) == NULL)
			print_error("%s: want \"%s\" in: %s\n", bc->name,
			    bc->want[i], err.msg);
		assert_non_null(strstr(err.msg, bc->want[i]));
	}
	assert_null(strstr(out, "iniparser"));
	assert_null(cfg.file);
	assert_null(cfg.db_path);
	assert_null(cfg.departments);
	assert_int_equal(cfg.ndepartments, 0);
	sd_config_free(&cfg);		/* harmless after a failure */
	free(out);
	free(path);
}

static void
test_not_a_file(void **state)
{
	struct sd_config cfg;
	struct sd_error err;

	(void)state;
	assert_int_equal(sd_config_load(tmpdir, &cfg, &err), SD_INVALID);
	assert_non_null(strstr(err.msg, tmpdir));
	assert_non_null(strstr(err.msg, "not a regular file"));
}

/* --- lookup order -------------------------------------------------------- */

static void
clear_env(void)
{
	unsetenv("SEDESK_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("SEDESK_USER");
}

static void
test_locate_order(void **state)
{
	struct sd_error err;
	char xdg[PATH_MAX], *explicit, *env, *inxdg, *inhome, *p;

	(void)state;
	assert_false(sd_privileged());
	clear_env();
	explicit = write_file("explicit.ini", DB DEPTS);
	env = write_file("env.ini", DB DEPTS);
	inxdg = write_file("xdg/sedesk/sedesk.ini", DB DEPTS);
	inhome = write_file("home/.config/sedesk/sedesk.ini", DB DEPTS);
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);

	setenv("HOME", xdg, 1);		/* a home without .config */
	setenv("SEDESK_CONFIG", env, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);

	/* -c first, then $SEDESK_CONFIG, then XDG. */
	p = sd_config_locate(explicit, &err);
	assert_non_null(p);
	assert_string_equal(p, explicit);
	free(p);
	p = sd_config_locate(NULL, &err);
	assert_non_null(p);
	assert_string_equal(p, env);
	free(p);
	unsetenv("SEDESK_CONFIG");
	p = sd_config_locate(NULL, &err);
	assert_non_null(p);
	assert_string_equal(p, inxdg);
	free(p);

	/* An empty $SEDESK_CONFIG counts as unset. */
	setenv("SEDESK_CONFIG", "", 1);
	p = sd_config_locate(NULL, &err);
	assert_non_null(p);
	assert_string_equal(p, inxdg);
	free(p);

	/* Without $XDG_CONFIG_HOME (or with a relative one): ~/.config. */
	snprintf(xdg, sizeof xdg, "%s/home", tmpdir);
	setenv("HOME", xdg, 1);
	unsetenv("XDG_CONFIG_HOME");
	p = sd_config_locate(NULL, &err);
	assert_non_null(p);
	assert_string_equal(p, inhome);
	free(p);
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	p = sd_config_locate(NULL, &err);
	assert_non_null(p);
	assert_string_equal(p, inhome);
	free(p);

	free(explicit);
	free(env);
	free(inxdg);
	free(inhome);
	clear_env();
}

/* A named file that is not there is an error, never a reason to look on. */
static void
test_locate_no_fall_through(void **state)
{
	struct sd_error err;
	char missing[PATH_MAX + 16], *env, *inxdg;

	(void)state;
	clear_env();
	env = write_file("env.ini", DB DEPTS);
	inxdg = write_file("xdg/sedesk/sedesk.ini", DB DEPTS);
	snprintf(missing, sizeof missing, "%s/missing.ini", tmpdir);

	setenv("SEDESK_CONFIG", env, 1);
	sd_error_clear(&err);
	assert_null(sd_config_locate(missing, &err));
	assert_int_equal(err.code, SD_INVALID);
	assert_non_null(strstr(err.msg, missing));
	assert_non_null(strstr(err.msg, "-c"));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));

	*strrchr(inxdg, '/') = '\0';
	*strrchr(inxdg, '/') = '\0';
	setenv("XDG_CONFIG_HOME", inxdg, 1);
	setenv("SEDESK_CONFIG", missing, 1);
	sd_error_clear(&err);
	assert_null(sd_config_locate(NULL, &err));
	assert_int_equal(err.code, SD_INVALID);
	assert_non_null(strstr(err.msg, missing));
	assert_non_null(strstr(err.msg, "$SEDESK_CONFIG"));

	free(env);
	free(inxdg);
	clear_env();
}

static void
test_locate_nothing(void **state)
{
	struct sd_error err;
	char xdg[PATH_MAX];
	struct stat st;

	(void)state;
	if (stat("/etc/sedesk/sedesk.ini", &st) == 0)
		skip();		/* this machine has a system configuration */
	clear_env();
	snprintf(xdg, sizeof xdg, "%s/nowhere", tmpdir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	sd_error_clear(&err);
	assert_null(sd_config_locate(NULL, &err));
	assert_int_equal(err.code, SD_INVALID);
	assert_non_null(strstr(err.msg, xdg));
	assert_non_null(strstr(err.msg, "/sedesk/sedesk.ini"));
	assert_non_null(strstr(err.msg, "/etc/sedesk/sedesk.ini"));
	clear_env();
}

/* --- identity ------------------------------------------------------------ */

static void
test_identity_sedesk_user(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	const struct sd_officer *o = NULL;
	char *path;

	(void)state;
	clear_env();
	path = write_file("sedesk.ini", DB DEPTS
	    "[officer:ann]\nrole = contact\n"
	    "[officer:bram]\nrole = officer\ndepartments = eco\n");
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);

	setenv("SEDESK_USER", "bram", 1);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_OK);
	assert_non_null(o);
	assert_string_equal(o->login, "bram");
	assert_int_equal(o->role, SD_ROLE_OFFICER);

	setenv("SEDESK_USER", "ann", 1);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_OK);
	assert_string_equal(o->login, "ann");

	setenv("SEDESK_USER", "zoe", 1);
	sd_error_clear(&err);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_DENIED);
	assert_null(o);
	assert_int_equal(err.code, SD_DENIED);
	assert_non_null(strstr(err.msg, "zoe"));
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "[officer:zoe]"));

	/* What came from the environment is shown, not sent to the terminal. */
	setenv("SEDESK_USER", "x\033[2Jy", 1);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_DENIED);
	assert_null(strchr(err.msg, '\033'));

	sd_config_free(&cfg);
	free(path);
	clear_env();
}

static void
test_identity_real_login(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	const struct sd_officer *o = NULL;
	const struct passwd *pw;
	char text[512], *path;

	(void)state;
	clear_env();
	pw = getpwuid(getuid());
	if (pw == NULL || strspn(pw->pw_name, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789_-.") != strlen(pw->pw_name))
		skip();		/* a login this configuration cannot name */

	/* Not configured: denied, naming the login. */
	path = write_file("other.ini", DB DEPTS
	    "[officer:someone-else]\nrole = admin\n");
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_DENIED);
	assert_non_null(strstr(err.msg, pw->pw_name));
	sd_config_free(&cfg);
	free(path);

	snprintf(text, sizeof text, DB DEPTS
	    "[officer:%s]\nrole = manager\n", pw->pw_name);
	path = write_file("sedesk.ini", text);
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_OK);
	assert_string_equal(o->login, pw->pw_name);
	assert_int_equal(o->role, SD_ROLE_MANAGER);

	/* An empty $SEDESK_USER counts as unset. */
	setenv("SEDESK_USER", "", 1);
	assert_int_equal(sd_identity_resolve(&cfg, &o, &err), SD_OK);
	assert_string_equal(o->login, pw->pw_name);

	sd_config_free(&cfg);
	free(path);
	clear_env();
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		T(test_example_loads),
		T(test_defaults),
		T(test_db_path_relative_to_file),
		T(test_mapsize_suffixes),
		T(test_holidays_sorted),
		T(test_limits_and_years),
		T(test_rule_keywords_folded),
		T(test_quotes_and_continuation),
		T(test_warnings),
		T(test_lookups_and_roles),
		T(test_not_a_file),
		T(test_locate_order),
		T(test_locate_no_fall_through),
		T(test_locate_nothing),
		T(test_identity_sedesk_user),
		T(test_identity_real_login),
	};
	struct CMUnitTest tests[sizeof fixed / sizeof fixed[0] + NBAD];
	size_t n = 0;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		tests[n++] = fixed[i];
	for (size_t i = 0; i < NBAD; i++) {
		struct CMUnitTest t = {
			.name = bad_cases[i].name,
			.test_func = test_bad_config,
			.setup_func = setup,
			.teardown_func = teardown,
			.initial_state = (void *)&bad_cases[i],
		};
		tests[n++] = t;
	}
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
