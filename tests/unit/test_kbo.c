/*
 * Unit tests for the KBO extract's reader (src/core/kbo_csv.c,
 * kbo_codes.c) against the real sample rows of tests/data/kbo/full/
 * (see tests/data/kbo/SOURCE) and hand-made edge cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/kbo.h"

#define DATA "tests/data/kbo/full/"

struct rows {
	char	***f;		/* copies of every row's fields */
	size_t	  n;
	size_t	  bad;
	char	  lastmsg[1024];
};

static void
rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; r->f[i][k] != NULL; k++)
			free(r->f[i][k]);
		free(r->f[i]);
	}
	free(r->f);
	memset(r, 0, sizeof *r);
}

/* Reads every row of a stream; the header must be right. */
static void
read_stream(FILE *f, const char *name, enum sd_kbo_file kind, bool deletes, struct rows *out)
{
	struct sd_kbo_reader *r;
	struct sd_kbo_row row;
	struct sd_error err = { 0 };
	sd_status s;

	memset(out, 0, sizeof *out);
	s = sd_kbo_open(f, name, kind, deletes, &r, &err);
	if (s != SD_OK)
		fail_msg("%s: %s", name, err.msg);
	while ((s = sd_kbo_next(r, &row, &err)) != SD_NOTFOUND) {
		if (s == SD_INVALID) {
			out->bad++;
			snprintf(out->lastmsg, sizeof out->lastmsg, "%s", err.msg);
			continue;
		}
		assert_int_equal(s, SD_OK);
		out->f = realloc(out->f, (out->n + 1) * sizeof *out->f);
		out->f[out->n] = calloc(row.n + 1, sizeof (char *));
		for (size_t k = 0; k < row.n; k++)
			out->f[out->n][k] = strdup(row.f[k]);
		out->n++;
	}
	sd_kbo_close(r);
}

static void
read_file(const char *file, enum sd_kbo_file kind, struct rows *out)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, DATA "%s", file);
	if ((f = fopen(path, "r")) == NULL)
		fail_msg("cannot open %s (run from the source tree)", path);
	read_stream(f, file, kind, false, out);
	fclose(f);
}

static void
read_text(const char *text, enum sd_kbo_file kind, bool deletes, struct rows *out)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	read_stream(f, "t.csv", kind, deletes, out);
	fclose(f);
}

static void
test_enterprise(void **state)
{
	struct rows r;
	sd_day day;
	int y, m, d;

	(void)state;
	read_file("enterprise.csv", SD_KBO_ENTERPRISE, &r);
	assert_int_equal(r.n, 11);
	assert_int_equal(r.bad, 0);
	assert_string_equal(r.f[0][KBO_ENT_NUMBER], "0200.065.765");
	assert_string_equal(r.f[0][KBO_ENT_STATUS], "AC");
	assert_string_equal(r.f[0][KBO_ENT_SITUATION], "000");
	assert_string_equal(r.f[0][KBO_ENT_TYPE], "2");
	assert_string_equal(r.f[0][KBO_ENT_FORM], "416");
	/* ,, is an empty value; the date is not quoted. */
	assert_string_equal(r.f[0][KBO_ENT_FORM_CAC], "");
	assert_string_equal(r.f[0][KBO_ENT_START], "09-08-1960");
	assert_true(sd_kbo_date(r.f[0][KBO_ENT_START], &day));
	sd_day_to_ymd(day, &y, &m, &d);
	assert_int_equal(y, 1960);
	assert_int_equal(m, 8);
	assert_int_equal(d, 9);
	assert_string_equal(r.f[3][KBO_ENT_SITUATION], "012");
	assert_string_equal(r.f[10][KBO_ENT_NUMBER], "0220.815.847");
	rows_free(&r);
}

static void
test_establishment_branch(void **state)
{
	struct rows r;
	uint64_t n;
	char s[16];

	(void)state;
	read_file("establishment.csv", SD_KBO_ESTABLISHMENT, &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.f[0][KBO_EST_NUMBER], "2.000.000.339");
	assert_string_equal(r.f[0][KBO_EST_START], "01-11-1974");
	assert_string_equal(r.f[0][KBO_EST_ENTERPRISE], "0403.449.823");
	assert_true(sd_kbo_number(r.f[0][KBO_EST_NUMBER], &n));
	assert_true(n == 2000000339ULL);
	sd_kbo_number_format(n, true, s);
	assert_string_equal(s, "2.000.000.339");
	assert_true(sd_kbo_number(r.f[0][KBO_EST_ENTERPRISE], &n));
	assert_true(n == 403449823ULL);
	sd_kbo_number_format(n, false, s);
	assert_string_equal(s, "0403.449.823");
	rows_free(&r);
	read_file("branch.csv", SD_KBO_BRANCH, &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.f[1][KBO_BRA_ID], "9.000.008.210");
	assert_string_equal(r.f[1][KBO_BRA_ENTERPRISE], "0400.051.358");
	rows_free(&r);
}

static void
test_denomination(void **state)
{
	struct rows r;

	(void)state;
	read_file("denomination.csv", SD_KBO_DENOMINATION, &r);
	assert_int_equal(r.n, 14);
	/* Several names per entity: a name and an abbreviation. */
	assert_string_equal(r.f[0][KBO_DEN_ENTITY], "0200.065.765");
	assert_string_equal(r.f[0][KBO_DEN_TYPE], "001");
	assert_string_equal(r.f[0][KBO_DEN_NAME], "Intergemeentelijke Vereniging Veneco");
	assert_string_equal(r.f[1][KBO_DEN_ENTITY], "0200.065.765");
	assert_string_equal(r.f[1][KBO_DEN_TYPE], "002");
	assert_string_equal(r.f[1][KBO_DEN_NAME], "Veneco");
	/* French only (language 1), and German (3). */
	assert_string_equal(r.f[8][KBO_DEN_LANGUAGE], "1");
	assert_string_equal(r.f[8][KBO_DEN_NAME], "in BW Association Intercommunale");
	assert_string_equal(r.f[13][KBO_DEN_LANGUAGE], "3");
	assert_string_equal(r.f[13][KBO_DEN_NAME],
	    "Kirchenfabrik Sankt-Matthias in Dürler (WL - Burg-Reuland)");
	rows_free(&r);
}

static void
test_address(void **state)
{
	struct rows r;
	sd_day day;

	(void)state;
	read_file("address.csv", SD_KBO_ADDRESS, &r);
	assert_int_equal(r.n, 19);
	assert_int_equal(r.bad, 0);
	/* Unquoted empty countries (Belgium), quoted empty box. */
	assert_string_equal(r.f[1][KBO_ADR_COUNTRY_NL], "");
	assert_string_equal(r.f[1][KBO_ADR_ZIPCODE], "9000");
	assert_string_equal(r.f[1][KBO_ADR_MUNICIPALITY_NL], "Gent");
	assert_string_equal(r.f[1][KBO_ADR_STREET_NL], "Stropstraat");
	assert_string_equal(r.f[1][KBO_ADR_HOUSE], "1");
	assert_string_equal(r.f[1][KBO_ADR_BOX], "");
	assert_string_equal(r.f[1][KBO_ADR_STRUCK_OFF], "");
	/* Dutch and French names differ in Brussels. */
	assert_string_equal(r.f[13][KBO_ADR_MUNICIPALITY_FR], "Bruxelles");
	assert_string_equal(r.f[13][KBO_ADR_STREET_FR], "Rue du Chêne");
	/* Abroad: a country and no postcode. */
	assert_string_equal(r.f[15][KBO_ADR_COUNTRY_NL], "Duitsland (Bondsrep.)");
	assert_string_equal(r.f[15][KBO_ADR_ZIPCODE], "");
	assert_string_equal(r.f[15][KBO_ADR_STREET_NL], "Stolberg  519 (Rheinland)");
	/* A struck-off address: its date, unquoted, last. */
	assert_string_equal(r.f[17][KBO_ADR_STREET_NL], "Chaussée d'Alsemberg");
	assert_string_equal(r.f[17][KBO_ADR_STRUCK_OFF], "13-11-2023");
	assert_true(sd_kbo_date(r.f[17][KBO_ADR_STRUCK_OFF], &day));
	/* A comma inside quotes. */
	assert_string_equal(r.f[18][KBO_ADR_STREET_NL], "Bergstraße, Dürler");
	rows_free(&r);
}

static void
test_contact_activity(void **state)
{
	struct rows r;

	(void)state;
	read_file("contact.csv", SD_KBO_CONTACT, &r);
	assert_int_equal(r.n, 10);
	assert_string_equal(r.f[1][KBO_CON_ENTITY_KIND], "ENT");
	assert_string_equal(r.f[1][KBO_CON_TYPE], "TEL");
	assert_string_equal(r.f[1][KBO_CON_VALUE], "02 315 13 51");
	assert_string_equal(r.f[6][KBO_CON_TYPE], "FAX");
	rows_free(&r);
	read_file("activity.csv", SD_KBO_ACTIVITY, &r);
	assert_int_equal(r.n, 19);
	/* NACE 2025, 2003 and 2008 codes, main and secondary. */
	assert_string_equal(r.f[0][KBO_ACT_GROUP], "006");
	assert_string_equal(r.f[0][KBO_ACT_VERSION], "2025");
	assert_string_equal(r.f[0][KBO_ACT_CODE], "84130");
	assert_string_equal(r.f[0][KBO_ACT_CLASS], "MAIN");
	assert_string_equal(r.f[1][KBO_ACT_VERSION], "2003");
	assert_string_equal(r.f[4][KBO_ACT_VERSION], "2008");
	assert_string_equal(r.f[7][KBO_ACT_CLASS], "SECO");
	rows_free(&r);
}

static void
test_codes_meta(void **state)
{
	struct sd_kbo_reader *r;
	struct sd_kbo_codes *c;
	struct sd_error err = { 0 };
	struct rows m;
	size_t bad = 9;
	FILE *f = fopen(DATA "code.csv", "r");

	(void)state;
	assert_non_null(f);
	assert_int_equal(sd_kbo_open(f, "code.csv", SD_KBO_CODE, false, &r, &err), SD_OK);
	assert_int_equal(sd_kbo_codes_read(r, &c, &bad, &err), SD_OK);
	sd_kbo_close(r);
	fclose(f);
	assert_int_equal(bad, 0);
	assert_int_equal(sd_kbo_codes_count(c), 91);
	assert_string_equal(sd_kbo_code(c, "JuridicalForm", "124", "NL"), "Openbare instelling");
	assert_string_equal(sd_kbo_code(c, "JuridicalForm", "124", "FR"), "Etablissement public");
	/* Only German: that one rather than none. */
	assert_string_equal(sd_kbo_code(c, "JuridicalForm", "003", "NL"),
	    "Mehrwertsteuereinheit");
	/* Not described in this code.csv: none, never made up. */
	assert_null(sd_kbo_code(c, "JuridicalForm", "116", "NL"));
	assert_null(sd_kbo_code(c, "JuridicalSituation", "012", "NL"));
	assert_string_equal(sd_kbo_code(c, "JuridicalSituation", "000", "NL"),
	    "Normale toestand");
	assert_string_equal(sd_kbo_code(c, "Nace2025", "84220", "NL"), "Defensie");
	assert_string_equal(sd_kbo_code(c, "Nace2003", "92611", "NL"),
	    "Beheer en exploitatie van sportcentra");
	/* Stray spaces trimmed. */
	assert_string_equal(sd_kbo_code(c, "TypeOfDenomination", "004", "FR"),
	    "Dénomination de la succursale");
	sd_kbo_codes_free(c);

	read_file("meta.csv", SD_KBO_META, &m);
	assert_int_equal(m.n, 5);
	assert_string_equal(m.f[0][0], "SnapshotDate");
	assert_string_equal(m.f[0][1], "30-05-2025");
	assert_string_equal(m.f[1][1], "01-06-2025 07:07:49");
	assert_string_equal(m.f[2][1], "full");
	rows_free(&m);
}

/* Quoting the samples do not show: doubled quotes, a line break in quotes, CRLF, BOM. */
static void
test_quoting(void **state)
{
	struct rows r;

	(void)state;
	read_text("\xEF\xBB\xBF\"EntityNumber\",\"Language\",\"TypeOfDenomination\",\"Denomination\"\r\n"
	    "\"0200.065.765\",\"2\",\"003\",\"Café \"\"De Zon\"\"\"\r\n"
	    "\"0200.065.765\",\"2\",\"003\",\"Two\nlines\"\r\n"
	    "0200.065.766,2,001,Unquoted name\n"
	    "\"0200.065.767\",\"2\",\"001\",\"\"\n",
	    SD_KBO_DENOMINATION, false, &r);
	assert_int_equal(r.bad, 0);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.f[0][KBO_DEN_NAME], "Café \"De Zon\"");
	assert_string_equal(r.f[1][KBO_DEN_NAME], "Two\nlines");
	assert_string_equal(r.f[2][KBO_DEN_ENTITY], "0200.065.766");
	assert_string_equal(r.f[2][KBO_DEN_NAME], "Unquoted name");
	assert_string_equal(r.f[3][KBO_DEN_NAME], "");
	rows_free(&r);
}

/* Bad rows are reported with their line and the reading goes on. */
static void
test_bad_rows(void **state)
{
	struct rows r;

	(void)state;
	read_text("\"EstablishmentNumber\",\"StartDate\",\"EnterpriseNumber\"\n"
	    "\"2.000.000.339\",01-11-1974\n"
	    "\"2.000.000.340\",01-11-1974,\"0403.449.823\" x\n"
	    "\"2.000.000.341\",01-11-1974,\"0403.\xff\"\n"
	    "\"2.000.000.342\",01-11-1974,\"0403.449.823\"\n",
	    SD_KBO_ESTABLISHMENT, false, &r);
	assert_int_equal(r.bad, 3);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.f[0][KBO_EST_NUMBER], "2.000.000.342");
	assert_non_null(strstr(r.lastmsg, "t.csv:4:"));
	rows_free(&r);
}

static void
test_bad_header(void **state)
{
	const char *text = "\"EnterpriseNumber\",\"Status\"\n";
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct sd_kbo_reader *r = NULL;
	struct sd_error err = { 0 };

	(void)state;
	assert_int_equal(sd_kbo_open(f, "enterprise.csv", SD_KBO_ENTERPRISE, false, &r, &err),
	    SD_INVALID);
	assert_null(r);
	assert_non_null(strstr(err.msg, "enterprise.csv:1:"));
	assert_non_null(strstr(err.msg, "\"JuridicalSituation\""));
	fclose(f);
	f = fmemopen((void *)"", 0, "r");
	assert_int_equal(sd_kbo_open(f, "x.csv", SD_KBO_CODE, false, &r, &err), SD_INVALID);
	assert_non_null(strstr(err.msg, "empty"));
	fclose(f);
}

/* An update delivery's delete file: the key column only. */
static void
test_delete_file(void **state)
{
	struct rows r;

	(void)state;
	read_text("\"EntityNumber\"\n\"0200.065.765\"\n\"2.000.000.339\"\n", SD_KBO_ADDRESS, true,
	    &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[1][0], "2.000.000.339");
	rows_free(&r);
	read_text("\"EnterpriseNumber\"\n\"0200.065.765\"\n", SD_KBO_ENTERPRISE, true, &r);
	assert_int_equal(r.n, 1);
	rows_free(&r);
}

static bool
only_farys(void *arg, uint64_t entity)
{
	(*(int *)arg)++;
	return entity == 200068636ULL;
}

/* A reader told which entities it wants passes the others over unsplit. */
static void
test_keep(void **state)
{
	struct sd_kbo_reader *r;
	struct sd_kbo_row row;
	struct sd_error err = { 0 };
	FILE *f = fopen(DATA "activity.csv", "r");
	int asked = 0, n = 0;
	sd_status s;

	(void)state;
	assert_non_null(f);
	assert_int_equal(sd_kbo_open(f, "activity.csv", SD_KBO_ACTIVITY, false, &r, &err), SD_OK);
	sd_kbo_set_keep(r, only_farys, &asked);
	while ((s = sd_kbo_next(r, &row, &err)) == SD_OK) {
		assert_string_equal(row.f[KBO_ACT_ENTITY], "0200.068.636");
		n++;
	}
	assert_int_equal(s, SD_NOTFOUND);
	assert_int_equal(n, 11);
	assert_int_equal(asked, 19);
	sd_kbo_close(r);
	fclose(f);
}

static void
test_numbers_dates(void **state)
{
	uint64_t n;
	sd_day d;

	(void)state;
	assert_true(sd_kbo_number("0200065765", &n));
	assert_true(n == 200065765ULL);
	assert_false(sd_kbo_number("0200.065.76", &n));
	assert_false(sd_kbo_number("0200.065.7651", &n));
	assert_false(sd_kbo_number("BE0200065765", &n));
	assert_false(sd_kbo_number("", &n));
	assert_true(sd_kbo_date("29-02-2024", &d));
	assert_false(sd_kbo_date("29-02-2023", &d));
	assert_false(sd_kbo_date("31-04-2020", &d));
	assert_false(sd_kbo_date("2020-01-01", &d));
	assert_false(sd_kbo_date("1-1-2020", &d));
	assert_false(sd_kbo_date("", &d));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enterprise),
		cmocka_unit_test(test_establishment_branch),
		cmocka_unit_test(test_denomination),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_contact_activity),
		cmocka_unit_test(test_codes_meta),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_delete_file),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_numbers_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
