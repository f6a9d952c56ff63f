/*
 * Unit tests of the enterprise's profile (sedesk/profile.h): the items
 * codec, every rule of kinds, recognitions, NACE codes, contact persons
 * and employment figures, the [profile] configuration, the compiled NACE
 * table against share/nace/nace-bel.csv, and the profile on a real desk:
 * add and edit, the journal in words, search by code and label words,
 * `check` and old records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "sedesk/ops.h"
#include "sedesk/profile.h"
#include "sedesk/search.h"
#include "sedesk/text.h"
#include "sedesk/words.h"
#include "testdesk.h"

/* --- the codec ---------------------------------------------------------------- */

static void
test_codec_roundtrip(void **state)
{
	struct sd_items items;
	struct sd_item it = { 0 };
	struct sd_buf b = { 0 };
	struct sd_error err = { 0 };

	(void)state;
	/* Escapes: '\' and ';' inside a value survive a round trip. */
	sd_item_set(&it, "name", "A;B\\C");
	sd_item_set(&it, "role", "");		/* empty: left out */
	sd_item_set(&it, "email", "a@b.be");
	sd_item_format(&b, &it);
	td_str(b.data, "name=A\\;B\\\\C;email=a@b.be");
	sd_item_free(&it);
	td_expect(SD_OK, sd_items_parse(b.data, &items, &err), &err);
	assert_int_equal(items.n, 1);
	td_str(sd_item_get(&items.items[0], "name"), "A;B\\C");
	td_str(sd_item_get(&items.items[0], "email"), "a@b.be");
	assert_null(sd_item_get(&items.items[0], "role"));
	sd_items_free(&items);
	sd_buf_free(&b);

	/* Blank lines and spaces around keys and values are people's, not data. */
	td_expect(SD_OK, sd_items_parse("\n name = x ; since=2019-01-01\n\n", &items, &err), &err);
	assert_int_equal(items.n, 1);
	td_str(sd_item_get(&items.items[0], "name"), "x");
	sd_items_free(&items);
	td_expect(SD_OK, sd_items_parse(NULL, &items, &err), &err);
	assert_int_equal(items.n, 0);
}

static void
test_codec_malformed(void **state)
{
	struct sd_items items;
	struct sd_error err = { 0 };

	(void)state;
	td_expect_msg(SD_INVALID, sd_items_parse("name=a\nnovalue", &items, &err), &err,
	    "line 2");
	td_expect_msg(SD_INVALID, sd_items_parse("name=a\\x", &items, &err), &err, "backslash");
	td_expect_msg(SD_INVALID, sd_items_parse("name=a;name=b", &items, &err), &err, "twice");
	td_expect(SD_INVALID, sd_items_parse("Name=a", &items, &err), &err);
	td_expect(SD_INVALID, sd_items_parse("=a", &items, &err), &err);
}

/* --- FTE, NACE --------------------------------------------------------------------- */

static void
test_fte(void **state)
{
	long v;
	char buf[24];

	(void)state;
	assert_true(sd_fte_parse("10.5", &v));
	assert_int_equal(v, 1050);
	assert_true(sd_fte_parse("10,50", &v));
	assert_int_equal(v, 1050);
	assert_true(sd_fte_parse("3", &v));
	assert_int_equal(v, 300);
	assert_true(sd_fte_parse("0.05", &v));
	assert_int_equal(v, 5);
	assert_false(sd_fte_parse("1.234", &v));
	assert_false(sd_fte_parse("1.", &v));
	assert_false(sd_fte_parse(".5", &v));
	assert_false(sd_fte_parse("-1", &v));
	assert_false(sd_fte_parse("1e3", &v));
	sd_fte_format(1050, buf);
	td_str(buf, "10.50");
	sd_fte_format(5, buf);
	td_str(buf, "0.05");
}

static void
test_nace_codes(void **state)
{
	char c[SD_NACE_CODE_MAX];
	struct sd_nace n;
	struct sd_error err = { 0 };

	(void)state;
	td_expect(SD_OK, sd_nace_normalise("81.300", c, &err), &err);
	td_str(c, "81.300");
	td_expect(SD_OK, sd_nace_normalise("81300", c, &err), &err);
	td_str(c, "81.300");
	td_expect(SD_OK, sd_nace_normalise("81", c, &err), &err);
	td_str(c, "81");
	td_expect(SD_OK, sd_nace_normalise("56.10.1", c, &err), &err);
	td_str(c, "56.101");
	td_expect_msg(SD_INVALID, sd_nace_normalise("8", c, &err), &err, "2 to 5 digits");
	td_expect_msg(SD_INVALID, sd_nace_normalise("813001", c, &err), &err, "2 to 5 digits");
	td_expect_msg(SD_INVALID, sd_nace_normalise("81a", c, &err), &err, "2 to 5 digits");
	/* 04 and 00 are no divisions of NACE-BEL. */
	td_expect_msg(SD_INVALID, sd_nace_normalise("04.100", c, &err), &err, "no division 04");
	td_expect_msg(SD_INVALID, sd_nace_normalise("00100", c, &err), &err, "no division 00");
	td_str(err.field, "nace");

	td_expect(SD_OK, sd_nace_parse("81300", &n, &err), &err);
	assert_int_equal(n.version, 2008);
	td_expect(SD_OK, sd_nace_parse("81.300:2025", &n, &err), &err);
	assert_int_equal(n.version, 2025);
	td_str(n.code, "81.300");
	/* 2003 only comes from an import. */
	td_expect_msg(SD_INVALID, sd_nace_parse("81300:2003", &n, &err), &err, "2025");
	td_expect(SD_INVALID, sd_nace_parse("81300:1999", &n, &err), &err);
}

static void
test_nace_labels(void **state)
{
	bool exact;

	(void)state;
	td_str(sd_nace_label("81.300", 2008, "en", &exact),
	    "Services to buildings and landscape activities");
	assert_false(exact);	/* the division's label, not the code's own */
	td_str(sd_nace_label("81", 2008, "nl", &exact),
	    "Facility management, reiniging en landschapsverzorging");
	assert_true(exact);
	/* No Dutch (SBI) title for 05: the English one, never an invented one. */
	td_str(sd_nace_label("05.100", 2008, "nl", &exact), "Mining of coal and lignite");
	/* 2025 labels come with the KBO code table; none is imported. */
	assert_null(sd_nace_label("81.300", 2025, "en", &exact));
	assert_null(sd_nace_label("8", 2008, "en", &exact));
}

static void
test_nace_matches(void **state)
{
	const struct sd_nace_row *rows;
	size_t n = sd_nace_rows(&rows), hits = 0;
	const struct sd_nace_row *r81 = NULL, *r56 = NULL;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].code, "81") == 0)
			r81 = &rows[i];
		if (strcmp(rows[i].code, "56") == 0)
			r56 = &rows[i];
	}
	assert_non_null(r81);
	assert_non_null(r56);
	assert_true(sd_nace_row_matches(r81, "81"));
	assert_true(sd_nace_row_matches(r81, "8"));
	assert_false(sd_nace_row_matches(r56, "81"));
	assert_true(sd_nace_row_matches(r81, "REINIGING"));
	assert_true(sd_nace_row_matches(r81, "landsch"));
	assert_true(sd_nace_row_matches(r81, "buildings landscape"));
	assert_false(sd_nace_row_matches(r81, "buildings food"));
	/* A word's start, not its middle ("ouw" is in "gebouwen"…). */
	assert_false(sd_nace_row_matches(r81, "ildings"));
	assert_true(sd_nace_row_matches(r56, "eet"));
	for (size_t i = 0; i < n; i++)
		hits += sd_nace_row_matches(&rows[i], "81");
	assert_int_equal(hits, 1);
}

/* The compiled table is the shipped CSV: same rows, same order, same labels. */
static void
test_nace_table_is_the_csv(void **state)
{
	const struct sd_nace_row *rows;
	size_t n = sd_nace_rows(&rows), i = 0;
	FILE *f = fopen("share/nace/nace-bel.csv", "r");
	char line[512];

	(void)state;
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));	/* the header */
	while (fgets(line, sizeof line, f) != NULL) {
		char code[8];
		size_t k = strcspn(line, ",");

		assert_true(i < n);
		snprintf(code, sizeof code, "%.*s", (int)k, line);
		td_str(rows[i].code, code);
		/* Both labels appear in the line as written (quoted or not). */
		assert_non_null(strstr(line, rows[i].en));
		assert_non_null(strstr(line, rows[i].nl));
		i++;
	}
	fclose(f);
	assert_int_equal(i, n);
	assert_int_equal(n, 109);
}

/* --- kinds and recognitions ---------------------------------------------------------- */

static void
test_codes_default_and_configured(void **state)
{
	struct sd_config cfg = { 0 };
	struct sd_code kinds[] = { { (char *)"buurtbedrijf", (char *)"Buurtbedrijf" },
	    { (char *)"maatwerkbedrijf", NULL } };
	const char *code, *label;
	char *out;
	struct sd_error err = { 0 };

	(void)state;
	/* No [profile]: the built-in list. */
	assert_true(sd_profile_code(&cfg, SD_LIST_KINDS, 0, &code, &label));
	td_str(code, "maatwerkbedrijf");
	assert_true(sd_profile_code_known(NULL, SD_LIST_KINDS, "lde"));
	assert_true(sd_profile_code_known(NULL, SD_LIST_KINDS, "other"));
	assert_true(sd_profile_code_known(NULL, SD_LIST_RECOGNITIONS, "maatwerkbedrijf"));
	td_expect(SD_OK, sd_profile_normalise(&cfg, SD_EF_KIND, "lde", &out, &err), &err);
	td_str(out, "lde");
	free(out);
	td_expect_msg(SD_INVALID, sd_profile_normalise(&cfg, SD_EF_KIND, "bakery", &out, &err),
	    &err, "kind bakery is not known; use one of: maatwerkbedrijf, lde");
	td_str(err.field, "kind");

	/* Configured: only those; a built-in code without a label keeps its own. */
	cfg.kinds = kinds;
	cfg.nkinds = 2;
	assert_true(sd_profile_code_known(&cfg, SD_LIST_KINDS, "buurtbedrijf"));
	assert_false(sd_profile_code_known(&cfg, SD_LIST_KINDS, "lde"));
	td_str(sd_profile_code_label(&cfg, SD_LIST_KINDS, "buurtbedrijf"), "Buurtbedrijf");
	td_str(sd_profile_code_label(&cfg, SD_LIST_KINDS, "maatwerkbedrijf"),
	    "maatwerkbedrijf (custom employment company)");
	/* A stored code no longer offered still reads in words. */
	td_str(sd_profile_code_label(&cfg, SD_LIST_KINDS, "lde"),
	    "local services economy (lokale diensteneconomie)");
	td_str(sd_profile_code_label(&cfg, SD_LIST_KINDS, "gone"), "gone");
	assert_false(sd_profile_code(&cfg, SD_LIST_KINDS, 2, &code, &label));
}

static void
test_config_profile_section(void **state)
{
	struct td *t = *state;
	struct sd_config cfg;
	struct sd_error err = { 0 };
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/profile.ini", t->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "[database]\npath = db\n[department:eco]\nname = Eco\n"
	    "[profile]\nkinds = maatwerkbedrijf, buurt-bedrijf: Buurtbedrijf, lde\n"
	    "recognitions = maatwerkbedrijf, keurmerk: Keurmerk X\n");
	fclose(f);
	memset(&cfg, 0, sizeof cfg);
	td_expect(SD_OK, sd_config_load(path, &cfg, &err), &err);
	assert_int_equal(cfg.nkinds, 3);
	td_str(cfg.kinds[1].id, "buurt-bedrijf");
	td_str(cfg.kinds[1].name, "Buurtbedrijf");
	assert_null(cfg.kinds[0].name);
	assert_int_equal(cfg.nrecognitions, 2);
	td_str(cfg.recognitions[1].name, "Keurmerk X");
	sd_config_free(&cfg);

	f = fopen(path, "w");
	fprintf(f, "[database]\npath = db\n[department:eco]\nname = Eco\n"
	    "[profile]\nkinds = Maat Werk\n");
	fclose(f);
	memset(&cfg, 0, sizeof cfg);
	td_expect_msg(SD_INVALID, sd_config_load(path, &cfg, &err), &err,
	    "[profile] kinds: \"Maat Werk\" is not a code");
}

static void
test_recognitions_rules(void **state)
{
	struct sd_error err = { 0 };
	char *out;

	(void)state;
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "since=2019-01-01;name=maatwerkbedrijf\nname=lde;since=2020-02-29", &out, &err),
	    &err);
	/* Canonical: keys in their order, whatever order they were typed in. */
	td_str(out, "name=maatwerkbedrijf;since=2019-01-01\nname=lde;since=2020-02-29");
	free(out);
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "name=bakery;since=2019-01-01", &out, &err), &err, "recognition bakery is not known");
	td_str(err.field, "recognitions");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "name=lde;since=2019-02-30", &out, &err), &err, "a real date");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "name=lde", &out, &err), &err, "YYYY-MM-DD");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "since=2019-01-01", &out, &err), &err, "name=");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "name=lde;since=2019-01-01\nname=lde;since=2020-01-01", &out, &err), &err, "twice");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_RECOGNITIONS,
	    "name=lde;since=2019-01-01;sinse=x", &out, &err), &err, "unknown key sinse");
}

static void
test_nace_items_rules(void **state)
{
	struct sd_error err = { 0 };
	struct sd_nace *c;
	size_t n;
	char *out;

	(void)state;
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_NACE,
	    "code=81300;main=1\ncode=56.101;version=2025", &out, &err), &err);
	td_str(out, "code=81.300;version=2008;main=1\ncode=56.101;version=2025");
	td_expect(SD_OK, sd_nace_read(out, &c, &n, &err), &err);
	assert_int_equal(n, 2);
	assert_true(c[0].main);
	assert_false(c[1].main);
	assert_int_equal(c[1].version, 2025);
	free(c);
	free(out);
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_NACE,
	    "code=81300;main=1\ncode=56101;main=1", &out, &err), &err, "only one NACE code");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_NACE, "code=04100", &out,
	    &err), &err, "no division 04");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_NACE,
	    "code=81300\ncode=81.300", &out, &err), &err, "twice");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_NACE,
	    "code=81300;version=2015", &out, &err), &err, "version 2015");
	/* An imported 2003 code keeps its own divisions: only its spelling is checked. */
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_NACE, "code=04100;version=2003", &out,
	    &err), &err);
	td_str(out, "code=04.100;version=2003");
	free(out);
}

static void
test_persons_rules(void **state)
{
	struct sd_error err = { 0 };
	struct sd_person *p;
	size_t n;
	char *out;

	(void)state;
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_PERSONS,
	    "lang=nl;name=An Peeters;email=an@zon.be;role=coördinator;phone=+32 9 123 45 67\n"
	    "name=Bert", &out, &err), &err);
	td_str(out, "name=An Peeters;role=coördinator;email=an@zon.be;phone=+32 9 123 45 67;lang=nl\n"
	    "name=Bert");
	td_expect(SD_OK, sd_persons_read(out, &p, &n, &err), &err);
	assert_int_equal(n, 2);
	td_str(p[0].lang, "nl");
	assert_null(p[1].email);
	sd_persons_free(p, n);
	free(out);
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_PERSONS,
	    "name=An;email=an.zon.be", &out, &err), &err, "contact person An: email an.zon.be");
	td_str(err.field, "persons");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_PERSONS,
	    "name=An;phone=call me", &out, &err), &err, "phone call me");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_PERSONS,
	    "name=An;lang=es", &out, &err), &err, "nl, en, fr or de");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_PERSONS,
	    "role=boss", &out, &err), &err, "give a name");
}

static void
test_employment_rules(void **state)
{
	struct sd_error err = { 0 };
	struct sd_employment e;
	struct sd_buf b = { 0 };
	char *out;

	(void)state;
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT,
	    "fte=10,5;target=12;known=2024-05-01", &out, &err), &err);
	td_str(out, "target=12;fte=10.50;known=2024-05-01");
	td_expect(SD_OK, sd_employment_read(out, &e, &err), &err);
	assert_int_equal(e.target, 12);
	assert_int_equal(e.fte, 1050);
	sd_employment_words(&e, &b);
	td_str(b.data, "12 target-group employees, 10.50 FTE (known on 2024-05-01)");
	sd_buf_free(&b);
	free(out);
	/* Stored text read again (check, an edit) stays the same figures. */
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT,
	    "target=12;fte=10.50;known=2024-05-01", &out, &err), &err);
	td_str(out, "target=12;fte=10.50;known=2024-05-01");
	free(out);
	td_expect(SD_OK, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT, "target=3", &out, &err),
	    &err);
	td_str(out, "target=3");
	free(out);
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT,
	    "fte=1.234", &out, &err), &err, "two decimals");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT,
	    "target=many", &out, &err), &err, "whole number");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT,
	    "target=3;known=2024-13-01", &out, &err), &err, "real date");
	td_expect_msg(SD_INVALID, sd_profile_normalise(NULL, SD_EF_EMPLOYMENT,
	    "known=2024-01-01", &out, &err), &err, "target-group employees");
}

/* The one-line spellings a form edits, and the item-by-item changes of the command line. */
static void
test_lines_and_apply(void **state)
{
	struct sd_error err = { 0 };
	struct sd_enterprise e = { 0 };
	char *out[SD_EF_COUNT] = { 0 }, *text, *line;
	const char *add[] = { "lde=2021-06-01", "maatwerkbedrijf=2018-01-01" };
	const char *rm[] = { "maatwerkbedrijf" }, *nace[] = { "56101" }, *no_nace[] = { "81300" };
	const char *persons[] = { "name=An;role=x" }, *bad[] = { "lde=2021-06-31" };
	struct sd_profile_ops ops = { 0 };

	(void)state;
	td_expect(SD_OK, sd_nace_from_line(" 56.101:2025, *81300 ,", &text, &err), &err);
	td_str(text, "code=56.101;version=2025\ncode=81.300;version=2008;main=1");
	line = sd_nace_line(text);
	td_str(line, "56.101:2025, *81.300");
	free(line);
	free(text);
	td_expect_msg(SD_INVALID, sd_nace_from_line("*81300, *56101", &text, &err), &err,
	    "only one NACE code");
	td_expect_msg(SD_INVALID, sd_nace_from_line("81300, reiniging", &text, &err), &err,
	    "2 to 5 digits");
	td_expect(SD_OK, sd_nace_from_line("", &text, &err), &err);
	td_str(text, "");
	free(text);

	td_expect(SD_OK, sd_recognitions_from_line(NULL, "lde=2021-06-01,maatwerkbedrijf=2019-01-01",
	    &text, &err), &err);
	td_str(text, "name=lde;since=2021-06-01\nname=maatwerkbedrijf;since=2019-01-01");
	line = sd_recognitions_line(text);
	td_str(line, "lde=2021-06-01, maatwerkbedrijf=2019-01-01");
	free(line);
	td_expect_msg(SD_INVALID, sd_recognitions_from_line(NULL, "lde", &line, &err), &err,
	    "NAME=YYYY-MM-DD");

	/* Item by item: set a day, remove, add a secondary code, remove the main one. */
	e.f[SD_EF_RECOGNITIONS] = text;
	e.f[SD_EF_NACE] = (char *)"code=81.300;version=2008;main=1";
	ops.recognitions = add;
	ops.nrecognitions = 2;
	ops.nace = nace;
	ops.nnace = 1;
	ops.persons = persons;
	ops.npersons = 1;
	td_expect(SD_OK, sd_profile_apply(NULL, &e, &ops, out, &err), &err);
	td_str(out[SD_EF_RECOGNITIONS], "name=lde;since=2021-06-01\n"
	    "name=maatwerkbedrijf;since=2018-01-01");
	td_str(out[SD_EF_NACE], "code=81.300;version=2008;main=1\ncode=56.101;version=2008");
	td_str(out[SD_EF_PERSONS], "name=An;role=x");
	for (int f = 0; f < SD_EF_COUNT; f++)
		free(out[f]);
	memset(&ops, 0, sizeof ops);
	ops.no_recognitions = rm;
	ops.nno_recognitions = 1;
	ops.no_nace = no_nace;
	ops.nno_nace = 1;
	td_expect(SD_OK, sd_profile_apply(NULL, &e, &ops, out, &err), &err);
	td_str(out[SD_EF_RECOGNITIONS], "name=lde;since=2021-06-01");
	td_str(out[SD_EF_NACE], "");
	assert_null(out[SD_EF_PERSONS]);	/* untouched */
	for (int f = 0; f < SD_EF_COUNT; f++)
		free(out[f]);
	/* An error sets nothing. */
	memset(&ops, 0, sizeof ops);
	ops.recognitions = bad;
	ops.nrecognitions = 1;
	ops.no_nace = no_nace;
	ops.nno_nace = 1;
	td_expect_msg(SD_INVALID, sd_profile_apply(NULL, &e, &ops, out, &err), &err, "real date");
	assert_null(out[SD_EF_RECOGNITIONS]);
	assert_null(out[SD_EF_NACE]);
	td_expect_msg(SD_INVALID, sd_profile_apply(NULL, NULL, &(struct sd_profile_ops){
	    .no_persons = rm, .nno_persons = 1 }, out, &err), &err, "no contact person");
	free(text);
}

/* --- on a desk ----------------------------------------------------------------------- */

static void
set_profile(char *f[SD_EF_COUNT])
{
	f[SD_EF_NAME] = (char *)"Groen Werkt";
	f[SD_EF_KIND] = (char *)"maatwerkbedrijf";
	f[SD_EF_RECOGNITIONS] = (char *)"name=maatwerkbedrijf;since=2019-01-01";
	f[SD_EF_NACE] = (char *)"code=81300;main=1";
	f[SD_EF_OFFERS] = (char *)"groenonderhoud, catering";
	f[SD_EF_NEEDS] = (char *)"werkruimte; financiering";
	f[SD_EF_PERSONS] = (char *)"name=Lotte Verbeke;role=coördinator;email=lotte@groen.be";
	f[SD_EF_EMPLOYMENT] = (char *)"target=14;fte=11.5";
}

static bool
found(struct td *t, const char *query, const char *name)
{
	struct sd_hits h;
	struct sd_error err = { 0 };
	bool ok = false;

	td_expect(SD_OK, sd_search(&t->d, query, SD_HIT_ENTERPRISE, 20, &h, &err), &err);
	for (size_t i = 0; i < h.n; i++)
		ok |= strcmp(h.items[i].title, name) == 0;
	sd_hits_free(&h);
	return ok;
}

static void
test_desk_add_edit_search(void **state)
{
	struct td *t = *state;
	char *f[SD_EF_COUNT] = { 0 };
	struct sd_enterprise e;
	struct sd_recognition *r;
	struct sd_error err = { 0 };
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR];
	size_t n, problems = 99;

	set_profile(f);
	td_expect(SD_OK, sd_enterprise_add(&t->d, f, id, &err), &err);
	sd_uuid_format(id, ids);
	td_expect(SD_OK, sd_enterprise_get(&t->d, ids, &e, &err), &err);
	td_str(e.f[SD_EF_NACE], "code=81.300;version=2008;main=1");
	td_str(e.f[SD_EF_NEEDS], "werkruimte,financiering");
	td_str(e.f[SD_EF_EMPLOYMENT], "target=14;fte=11.50");
	/* The timeline's reader. */
	td_expect(SD_OK, sd_enterprise_recognitions(&e, &r, &n), &err);
	assert_int_equal(n, 1);
	td_str(r[0].name, "maatwerkbedrijf");
	assert_int_equal(r[0].since, td_day("2019-01-01"));
	sd_recognitions_free(r, n);
	sd_enterprise_free(&e);

	/* Search: by code in both spellings, label words in both languages, kind, needs, person. */
	assert_true(found(t, "81300", "Groen Werkt"));
	assert_true(found(t, "81", "Groen Werkt"));
	assert_true(found(t, "landschapsverzorging", "Groen Werkt"));
	assert_true(found(t, "landscape", "Groen Werkt"));
	assert_true(found(t, "maatwerkbedrijf", "Groen Werkt"));
	assert_true(found(t, "financiering", "Groen Werkt"));
	assert_true(found(t, "lotte", "Groen Werkt"));
	assert_false(found(t, "since", "Groen Werkt"));	/* the format's keys are not words */
	assert_false(found(t, "56101", "Groen Werkt"));

	/* An invalid value changes nothing and names its field. */
	memset(f, 0, sizeof f);
	f[SD_EF_NACE] = (char *)"code=04100";
	td_expect_msg(SD_INVALID, sd_enterprise_edit(&t->d, ids, f, 0, &err), &err, "division");
	td_str(err.field, "nace");
	f[SD_EF_NACE] = NULL;
	f[SD_EF_KIND] = (char *)"bakery";
	td_expect(SD_INVALID, sd_enterprise_edit(&t->d, ids, f, 0, &err), &err);

	/* An edit moves the search terms. */
	f[SD_EF_KIND] = NULL;
	f[SD_EF_NACE] = (char *)"code=56101;main=1";
	td_expect(SD_OK, sd_enterprise_edit(&t->d, ids, f, 0, &err), &err);
	assert_true(found(t, "56101", "Groen Werkt"));
	assert_false(found(t, "81300", "Groen Werkt"));

	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

static void
test_desk_journal_words(void **state)
{
	struct td *t = *state;
	char *f[SD_EF_COUNT] = { 0 };
	struct sd_journal_entry *j;
	struct sd_error err = { 0 };
	struct sd_txn txn;
	struct sd_enterprise e;
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR];
	size_t n;
	bool saw = false, saw_kind = false;

	set_profile(f);
	td_expect(SD_OK, sd_enterprise_add(&t->d, f, id, &err), &err);
	sd_uuid_format(id, ids);
	memset(f, 0, sizeof f);
	f[SD_EF_RECOGNITIONS] = (char *)"name=maatwerkbedrijf;since=2019-01-01\n"
	    "name=lde;since=2021-06-01";
	f[SD_EF_KIND] = (char *)"lde";
	td_expect(SD_OK, sd_enterprise_edit(&t->d, ids, f, 0, &err), &err);
	td_expect(SD_OK, sd_enterprise_get(&t->d, ids, &e, &err), &err);
	assert_int_equal(e.version, 2);
	sd_enterprise_free(&e);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	td_expect(SD_OK, sd_journal_read(&txn, SD_SUBJECT_ENTERPRISE, id, SD_UUID_LEN, &j, &n,
	    &err), &err);
	sd_txn_abort(&txn);
	for (size_t i = 0; i < n; i++) {
		char *w = sd_journal_change_words(&t->d, &j[i]);
		if (w != NULL && strstr(w, "Recognitions") != NULL) {
			td_str(w, "changed Recognitions: added: recognised local services economy "
			    "enterprise since 2021-06-01");
			saw = true;
		}
		if (w != NULL && strstr(w, "Kind") != NULL) {
			assert_non_null(strstr(w, "maatwerkbedrijf (custom employment company) → "
			    "local services economy"));
			saw_kind = true;
		}
		free(w);
	}
	sd_journal_entries_free(j, n);
	assert_true(saw);
	assert_true(saw_kind);
}

/* A stored line that breaks the rules (written by hand, or an old kind) is check's to report. */
static void
test_check_reports_bad_profile(void **state)
{
	struct td *t = *state;
	struct sd_enterprise e;
	struct sd_error err = { 0 };
	struct sd_txn txn;
	uint8_t id[SD_UUID_LEN];
	size_t problems = 0;

	td_expect(SD_OK, sd_enterprise_get(&t->d, t->ent, &e, &err), &err);
	memcpy(id, e.id, SD_UUID_LEN);
	e.f[SD_EF_RECOGNITIONS] = sd_xstrdup("name=maatwerkbedrijf;since=2019-02-30");
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, ent_put(&txn, &e, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	sd_enterprise_free(&e);
	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 1);
}

/* A record written before the profile (no profile tags) reads with an empty profile. */
static void
test_old_record_reads(void **state)
{
	struct sd_buf b = { 0 };
	struct sd_enterprise e;
	uint8_t id[SD_UUID_LEN] = { 1 };

	(void)state;
	sd_rec_begin(&b, SD_REC_ENTERPRISE);
	sd_rec_bytes(&b, 1, id, sizeof id);
	sd_rec_u64(&b, 2, 3);
	sd_rec_str(&b, 16, "Oud Bedrijf");
	sd_rec_str(&b, 16 + SD_EF_CONTACTS, "Jan, 0470 12 34 56");
	assert_true(sd_rec_decode(&sd_ent_record, b.data, b.len, &e));
	td_str(e.f[SD_EF_NAME], "Oud Bedrijf");
	td_str(e.f[SD_EF_CONTACTS], "Jan, 0470 12 34 56");
	for (int f = SD_EF_KIND; f < SD_EF_COUNT; f++)
		assert_null(e.f[f]);
	sd_enterprise_free(&e);
	sd_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codec_roundtrip),
		cmocka_unit_test(test_codec_malformed),
		cmocka_unit_test(test_fte),
		cmocka_unit_test(test_nace_codes),
		cmocka_unit_test(test_nace_labels),
		cmocka_unit_test(test_nace_matches),
		cmocka_unit_test(test_nace_table_is_the_csv),
		cmocka_unit_test(test_codes_default_and_configured),
		cmocka_unit_test_setup_teardown(test_config_profile_section, td_setup, td_teardown),
		cmocka_unit_test(test_recognitions_rules),
		cmocka_unit_test(test_nace_items_rules),
		cmocka_unit_test(test_persons_rules),
		cmocka_unit_test(test_employment_rules),
		cmocka_unit_test(test_lines_and_apply),
		cmocka_unit_test_setup_teardown(test_desk_add_edit_search, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_desk_journal_words, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_check_reports_bad_profile, td_setup,
		    td_teardown),
		cmocka_unit_test(test_old_record_reads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
