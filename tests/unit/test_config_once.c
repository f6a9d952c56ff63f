/*
 * Every command reads the configuration's language first and then loads
 * the whole file (cli.c); the load takes the dictionary the language
 * read parsed, and only when the file still says the same thing:
 *   - the load after the language read gives what a load alone gives;
 *   - a file changed in between (another language, another department,
 *     a line that is no longer ini) is loaded as it is then;
 *   - the load of another file is that file's;
 *   - a second load parses again (nothing stays behind).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/config.h"
#include "../fixture/fixture.h"

#define BASE	"[database]\npath = db\n" \
		"[department:eco]\nname = Economie\n" \
		"[officer:ann]\nrole = contact\n"

static char	 tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/sedesk-test-cfgonce-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	fx_rmtree(tmpdir);
	return 0;
}

static char *
write_file(const char *name, const char *text)
{
	char *path;
	FILE *fp;

	if (asprintf(&path, "%s/%s", tmpdir, name) == -1)
		fail();
	if ((fp = fopen(path, "w")) == NULL)
		fail();
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
assert_same_config(const struct sd_config *a, const struct sd_config *b)
{
	assert_string_equal(a->db_path, b->db_path);
	assert_string_equal(a->language, b->language);
	assert_int_equal(a->ndepartments, b->ndepartments);
	for (size_t i = 0; i < a->ndepartments; i++) {
		assert_string_equal(a->departments[i].id, b->departments[i].id);
		assert_string_equal(a->departments[i].name, b->departments[i].name);
	}
	assert_int_equal(a->nofficers, b->nofficers);
	assert_string_equal(a->officers[0].login, b->officers[0].login);
	assert_int_equal(a->officers[0].role, b->officers[0].role);
}

static void
test_same_as_alone(void **state)
{
	struct sd_config alone, after;
	struct sd_error err;
	char *path = write_file("a.ini", BASE "[general]\nlanguage = nl\n"), *lang;

	(void)state;
	assert_int_equal(sd_config_load(path, &alone, &err), SD_OK);
	lang = sd_config_language(path);
	assert_string_equal(lang, "nl");
	assert_int_equal(sd_config_load(path, &after, &err), SD_OK);
	assert_same_config(&alone, &after);
	assert_string_equal(after.language, "nl");
	sd_config_free(&alone);
	sd_config_free(&after);
	free(lang);
	free(path);
}

static void
test_changed_between(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *path = write_file("b.ini", BASE "[general]\nlanguage = nl\n"), *lang;

	(void)state;
	lang = sd_config_language(path);
	assert_string_equal(lang, "nl");
	free(lang);
	free(write_file("b.ini", BASE "[department:wel]\nname = Welzijn\n"
	    "[general]\nlanguage = en\n"));
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_OK);
	assert_string_equal(cfg.language, "en");
	assert_int_equal(cfg.ndepartments, 2);
	assert_string_equal(cfg.departments[1].name, "Welzijn");
	sd_config_free(&cfg);

	/* Still ini when the language was read, not when loaded. */
	lang = sd_config_language(path);
	assert_string_equal(lang, "en");
	free(lang);
	free(write_file("b.ini", BASE "[general\nlanguage = en\n"));
	assert_int_equal(sd_config_load(path, &cfg, &err), SD_INVALID);
	assert_non_null(strstr(err.msg, "cannot be read as an ini file"));
	free(path);
}

static void
test_other_file_and_again(void **state)
{
	struct sd_config cfg;
	struct sd_error err;
	char *a = write_file("c.ini", BASE "[general]\nlanguage = nl\n");
	char *b = write_file("d.ini", BASE "[department:spa]\nname = Ruimte\n");
	char *lang;

	(void)state;
	lang = sd_config_language(a);
	free(lang);
	assert_int_equal(sd_config_load(b, &cfg, &err), SD_OK);
	assert_string_equal(cfg.language, "");
	assert_int_equal(cfg.ndepartments, 2);
	sd_config_free(&cfg);

	/* Taken once: a load after the first reads the file as it is then. */
	lang = sd_config_language(a);
	free(lang);
	assert_int_equal(sd_config_load(a, &cfg, &err), SD_OK);
	assert_string_equal(cfg.language, "nl");
	sd_config_free(&cfg);
	free(write_file("c.ini", BASE "[general]\nlanguage = en\n"));
	assert_int_equal(sd_config_load(a, &cfg, &err), SD_OK);
	assert_string_equal(cfg.language, "en");
	sd_config_free(&cfg);
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_as_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_between, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_file_and_again, setup, teardown),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
