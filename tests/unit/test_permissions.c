/*
 * Unit tests of the role matrix, checked in the core: contact, officer,
 * manager, admin.  After every refused call the case (and the whole
 * database) is unchanged.  Fixture: testdesk.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "sedesk/import.h"
#include "testdesk.h"

/*
 * Three cases, made by ann in the set-up of each test:
 *   eco_case  routed to eco
 *   wel_case  routed to wel
 *   new_case  not routed
 */
struct perm {
	struct td	*t;
	char		 eco_case[SD_CASE_NUMBER_MAX];
	char		 wel_case[SD_CASE_NUMBER_MAX];
	char		 new_case[SD_CASE_NUMBER_MAX];
};

static int
setup(void **state)
{
	struct perm *p = calloc(1, sizeof *p);

	if (p == NULL || (p->t = td_new()) == NULL) {
		free(p);
		return -1;
	}
	td_case(p->t, p->t->ent, "Vraag aan economie", "funding", 0, p->eco_case);
	td_route(p->t, p->eco_case, "eco");
	td_case(p->t, p->t->ent, "Vraag aan welzijn", NULL, 0, p->wel_case);
	td_route(p->t, p->wel_case, "wel");
	td_case(p->t, p->t->ent, "Nog niet gerouteerd", NULL, 0, p->new_case);
	*state = p;
	return 0;
}

static int
teardown(void **state)
{
	struct perm *p = *state;

	if (p != NULL) {
		td_free(p->t);
		free(p);
	}
	return 0;
}

/* What a refused call must leave alone: the database, and so each case. */
struct snapshot {
	uint64_t	fp;
	uint32_t	version[3];
	size_t		journal[3];
};

static void
snap(struct perm *p, struct snapshot *s)
{
	const char *nums[3] = { p->eco_case, p->wel_case, p->new_case };

	s->fp = td_fingerprint(p->t);
	for (int i = 0; i < 3; i++) {
		s->version[i] = td_version(p->t, nums[i]);
		s->journal[i] = td_journal_len(p->t, nums[i]);
	}
}

#define unchanged(p, before) unchanged_at(__FILE__, __LINE__, (p), (before))
static void
unchanged_at(const char *file, int line, struct perm *p, const struct snapshot *before)
{
	struct snapshot now;

	snap(p, &now);
	for (int i = 0; i < 3; i++) {
		if (now.version[i] != before->version[i] || now.journal[i] != before->journal[i]) {
			print_error("%s:%d: case %d changed: version %u -> %u, journal %zu -> %zu\n",
			    file, line, i, before->version[i], now.version[i], before->journal[i],
			    now.journal[i]);
			_fail(file, line);
		}
	}
	if (now.fp != before->fp) {
		print_error("%s:%d: the database changed\n", file, line);
		_fail(file, line);
	}
}

/* A refused call: SD_DENIED, and nothing changed. */
#define denied(p, call) do {							\
	struct snapshot before_;						\
	struct sd_error e_ = { 0 };						\
	snap((p), &before_);							\
	{ struct sd_error *errp = &e_; td_expect(SD_DENIED, (call), errp); }	\
	unchanged((p), &before_);						\
} while (0)

/*
 * A refused call that may also answer "no such case": an officer writing on
 * a case that is not routed to their departments may be told it is not
 * there (status.h: SD_NOTFOUND is "not visible to you" too).  Nothing changed.
 */
#define refused(p, call) do {							\
	struct snapshot before_;						\
	struct sd_error e_ = { 0 };						\
	sd_status s_;								\
	snap((p), &before_);							\
	{ struct sd_error *errp = &e_; s_ = (call); }				\
	if (s_ != SD_DENIED && s_ != SD_NOTFOUND)				\
		td_expect(SD_DENIED, s_, &e_);					\
	unchanged((p), &before_);						\
} while (0)

/* Every write action a caller may try on a case; each is tried by the tests. */
static sd_status
do_new(struct perm *p, struct sd_error *errp)
{
	struct sd_case_input in = { .enterprise = p->t->ent, .subject = "Nieuwe vraag" };
	struct sd_case_key k;

	return sd_case_new(&p->t->d, &in, &k, errp);
}

static sd_status
do_edit(struct perm *p, const char *num, struct sd_error *errp)
{
	struct sd_case_input in = { .priority = SD_PRIORITY_URGENT };

	return sd_case_edit(&p->t->d, num, &in, 0, errp);
}

static sd_status
do_route(struct perm *p, const char *num, const char *dept, struct sd_error *errp)
{
	const char *depts[1] = { dept };

	return sd_case_route(&p->t->d, num, depts, 1, NULL, 0, errp);
}

static sd_status
do_ent_add(struct perm *p, struct sd_error *errp)
{
	char *f[SD_EF_COUNT] = { 0 };
	uint8_t id[SD_UUID_LEN];

	f[SD_EF_NAME] = (char *)"Kringloopwinkel De Cirkel";
	f[SD_EF_NUMBER] = (char *)"0200.065.765";
	return sd_enterprise_add(&p->t->d, f, id, errp);
}

static sd_status
do_ent_edit(struct perm *p, struct sd_error *errp)
{
	char *f[SD_EF_COUNT] = { 0 };

	f[SD_EF_CITY] = (char *)"Gent";
	return sd_enterprise_edit(&p->t->d, "0403.170.701", f, 0, errp);
}

static sd_status
do_ent_import(struct perm *p, struct sd_error *errp)
{
	struct sd_import_row row = { { 0 }, 2 };
	size_t imported = 0, rejected = 0;

	row.f[SD_EF_NAME] = (char *)"Sociale Kruidenier";
	return sd_enterprise_import(&p->t->d, &row, 1, false, NULL, NULL, &imported, &rejected,
	    errp);
}

/* --- the write rate ([limits] writes_per_minute, issue 9 finding 9) --------------- */

static int64_t
fixed_clock(const void *ctx)
{
	return *(const int64_t *)ctx;
}

static void
test_write_rate(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;
	int64_t now = td_time("2026-03-02T10:00:00Z");
	char num[SD_CASE_NUMBER_MAX];
	uint64_t before;
	size_t journal;

	td_case(t, t->ent, "Veel notities", NULL, 0, num);
	t->d.store->rate_login = "ann";
	t->d.store->rate_limit = 3;
	t->d.store->rate_clock = fixed_clock;
	t->d.store->rate_ctx = &now;
	for (int i = 0; i < 3; i++)
		td_expect(SD_OK, sd_case_note(&t->d, num, "noot", 0, &err), &err);
	journal = td_journal_len(t, num);
	before = td_fingerprint(t);
	td_expect_msg(SD_DENIED, sd_case_note(&t->d, num, "te veel", 0, &err), &err,
	    "too many changes: 3 in the last minute, where the limit ([limits] writes_per_minute) is 3");
	assert_non_null(strstr(err.msg, "try again in 60 s."));
	/* Nothing written, not even the count: every kind of write is held. */
	assert_true(td_fingerprint(t) == before);
	td_expect(SD_DENIED, do_ent_edit(p, &err), &err);
	assert_true(td_fingerprint(t) == before);
	now += 59;
	td_expect_msg(SD_DENIED, sd_case_note(&t->d, num, "te veel", 0, &err), &err,
	    "try again in 1 s.");
	now += 1;
	td_expect(SD_OK, sd_case_note(&t->d, num, "weer", 0, &err), &err);
	assert_int_equal(td_journal_len(t, num), journal + 1);
	/* A failing change does not count. */
	now += 60;
	td_expect(SD_NOTFOUND, sd_case_note(&t->d, "2026-09999", "x", 0, &err), &err);
	for (int i = 0; i < 3; i++)
		td_expect(SD_OK, sd_case_note(&t->d, num, "noot", 0, &err), &err);
	t->d.store->rate_limit = 0;
}

/* --- sd_permit: the table itself ------------------------------------------------- */

static void
test_permit_table(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	static const struct {
		const char	*login;
		enum sd_action	 a;
		const char	*dept;
		sd_status	 want;
		const char	*says;	/* part of the refusal; NULL: it names the caller */
	} rows[] = {
		{ "ann", SD_ACT_ENTERPRISE_WRITE, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CASE_CREATE, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CASE_EDIT, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CASE_ROUTE, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CASE_NOTE, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_ROUTE_WORK, "eco", SD_DENIED, NULL },
		{ "ann", SD_ACT_ROUTE_WORK, "wel", SD_DENIED, NULL },
		{ "bram", SD_ACT_ENTERPRISE_WRITE, NULL, SD_DENIED, NULL },
		{ "bram", SD_ACT_CASE_CREATE, NULL, SD_DENIED, NULL },
		{ "bram", SD_ACT_CASE_EDIT, NULL, SD_DENIED, NULL },
		{ "bram", SD_ACT_CASE_ROUTE, NULL, SD_DENIED, NULL },
		{ "bram", SD_ACT_CASE_NOTE, NULL, SD_OK, NULL },
		{ "bram", SD_ACT_ROUTE_WORK, "eco", SD_OK, NULL },
		{ "bram", SD_ACT_ROUTE_WORK, "wel", SD_DENIED, NULL },
		{ "bram", SD_ACT_ROUTE_WORK, "spa", SD_DENIED, NULL },
		{ "chris", SD_ACT_ROUTE_WORK, "wel", SD_OK, NULL },
		{ "chris", SD_ACT_ROUTE_WORK, "eco", SD_DENIED, NULL },
		{ "els", SD_ACT_ROUTE_WORK, "eco", SD_OK, NULL },
		{ "els", SD_ACT_ROUTE_WORK, "wel", SD_OK, NULL },
		{ "els", SD_ACT_ROUTE_WORK, "spa", SD_DENIED, NULL },
		{ "els", SD_ACT_CASE_CREATE, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_ENTERPRISE_WRITE, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_CASE_CREATE, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_CASE_EDIT, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_CASE_ROUTE, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_CASE_NOTE, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_ROUTE_WORK, "eco", SD_DENIED, NULL },
		{ "root", SD_ACT_ENTERPRISE_WRITE, NULL, SD_OK, NULL },
		{ "root", SD_ACT_CASE_CREATE, NULL, SD_OK, NULL },
		{ "root", SD_ACT_CASE_EDIT, NULL, SD_OK, NULL },
		{ "root", SD_ACT_CASE_ROUTE, NULL, SD_OK, NULL },
		{ "root", SD_ACT_CASE_NOTE, NULL, SD_OK, NULL },
		{ "root", SD_ACT_ROUTE_WORK, "eco", SD_OK, NULL },
		{ "root", SD_ACT_ROUTE_WORK, "spa", SD_OK, NULL },
		/* Creating the database: the admin only (issue 9, finding 4). */
		{ "ann", SD_ACT_INIT, NULL, SD_DENIED, NULL },
		{ "bram", SD_ACT_INIT, NULL, SD_DENIED, NULL },
		{ "dina", SD_ACT_INIT, NULL, SD_DENIED, NULL },
		{ "root", SD_ACT_INIT, NULL, SD_OK, NULL },
		/* No department: whether the role may work routes at all (the TUI's keys). */
		{ "ann", SD_ACT_ROUTE_WORK, NULL, SD_DENIED, NULL },
		{ "bram", SD_ACT_ROUTE_WORK, NULL, SD_OK, NULL },
		{ "dina", SD_ACT_ROUTE_WORK, NULL, SD_DENIED, NULL },
		{ "root", SD_ACT_ROUTE_WORK, NULL, SD_OK, NULL },
		/* The jobs on the whole database say whose they are in their own words. */
		{ "root", SD_ACT_BACKUP, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_BACKUP, NULL, SD_DENIED, "only an administrator makes backups." },
		{ "dina", SD_ACT_BACKUP, NULL, SD_DENIED, "only an administrator makes backups." },
		{ "root", SD_ACT_RESTORE, NULL, SD_OK, NULL },
		{ "dina", SD_ACT_RESTORE, NULL, SD_DENIED, "only an administrator restores backups." },
		{ "root", SD_ACT_CHECK, NULL, SD_OK, NULL },
		{ "dina", SD_ACT_CHECK, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CHECK, NULL, SD_DENIED, "an administrator or a manager checks" },
		{ "bram", SD_ACT_CHECK, NULL, SD_DENIED, "an administrator or a manager checks" },
		{ "root", SD_ACT_REPAIR, NULL, SD_OK, NULL },
		{ "dina", SD_ACT_REPAIR, NULL, SD_DENIED, "only an administrator repairs" },
		{ "root", SD_ACT_REINDEX, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_REINDEX, NULL, SD_DENIED, "only an administrator rebuilds" },
		{ "root", SD_ACT_WRITE_UNLIMITED, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_WRITE_UNLIMITED, NULL, SD_DENIED, "ann has the role" },
		{ "dina", SD_ACT_WRITE_UNLIMITED, NULL, SD_DENIED, "dina has the role" },
		/* wait, reopen and close follow the rule of editing a case */
		{ "ann", SD_ACT_CASE_WAIT, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CASE_REOPEN, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_CASE_CLOSE, NULL, SD_OK, NULL },
		{ "bram", SD_ACT_CASE_REOPEN, NULL, SD_DENIED, "may not change cases" },
		{ "dina", SD_ACT_CASE_CLOSE, NULL, SD_DENIED, "may not change cases" },
		/* picking up, that of work on routes */
		{ "bram", SD_ACT_ROUTE_PICKUP, NULL, SD_OK, NULL },
		{ "ann", SD_ACT_ROUTE_PICKUP, NULL, SD_DENIED, "may not work on routes" },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct sd_error err = { 0 };
		sd_status got;

		td_as(t, rows[i].login);
		got = sd_permit(&t->d, rows[i].a, rows[i].dept, &err);
		if (got != rows[i].want)
			fail_msg("row %zu: %s action %d dept %s: %d, wanted %d (%s)", i,
			    rows[i].login, (int)rows[i].a, rows[i].dept ? rows[i].dept : "-",
			    (int)got, (int)rows[i].want, err.msg);
		if (got == SD_DENIED && err.code != SD_DENIED)
			fail_msg("row %zu: err.code %d", i, (int)err.code);
		if (got == SD_DENIED && strstr(err.msg, rows[i].says != NULL ? rows[i].says :
		    rows[i].login) == NULL)
			fail_msg("row %zu: the message does not say %s: %s", i,
			    rows[i].says != NULL ? rows[i].says : rows[i].login, err.msg);
	}
}

/* --- contact ------------------------------------------------------------------- */

static void
test_contact_may(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;

	td_as(t, "ann");
	td_expect(SD_OK, do_new(p, &err), &err);
	td_expect(SD_OK, do_route(p, p->new_case, "spa", &err), &err);
	td_expect(SD_OK, do_edit(p, p->eco_case, &err), &err);
	td_expect(SD_OK, sd_case_note(&t->d, p->wel_case, "Gebeld.", 0, &err), &err);
	td_expect(SD_OK, sd_case_wait(&t->d, p->wel_case, 0, &err), &err);
	td_expect(SD_OK, sd_case_reopen(&t->d, p->wel_case, 0, &err), &err);
	td_expect(SD_OK, sd_case_close(&t->d, p->wel_case, "Opgelost.", 4, 0, &err), &err);
	td_expect(SD_OK, do_ent_add(p, &err), &err);
	td_expect(SD_OK, do_ent_edit(p, &err), &err);
	assert_string_equal(sd_case_status_name(td_status(t, p->wel_case)), "closed");
}

static void
test_contact_cannot_work_routes(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;

	td_as(t, "ann");
	denied(p, sd_case_pickup(&t->d, p->eco_case, "eco", 0, errp));
	denied(p, sd_case_answer(&t->d, p->eco_case, "eco", "Antwoord.", 0, errp));
	denied(p, sd_case_decline(&t->d, p->eco_case, "eco", "Niet voor ons.", 0, errp));
	td_as(t, "gert");
	denied(p, sd_case_pickup(&t->d, p->wel_case, "wel", 0, errp));
	assert_int_equal(td_route_state(t, p->eco_case, "eco"), SD_ROUTE_PENDING);
}

/* --- officer ------------------------------------------------------------------- */

static void
test_officer_works_own_departments(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;
	char both[SD_CASE_NUMBER_MAX];

	td_as(t, "bram");
	td_expect(SD_OK, sd_case_pickup(&t->d, p->eco_case, "eco", 0, &err), &err);
	td_expect(SD_OK, sd_case_answer(&t->d, p->eco_case, "eco", "Ja.", 0, &err), &err);
	td_as(t, "chris");
	td_expect(SD_OK, sd_case_decline(&t->d, p->wel_case, "wel", "Geen vraag voor ons.", 0,
	    &err), &err);
	assert_int_equal(td_route_state(t, p->eco_case, "eco"), SD_ROUTE_ANSWERED);
	assert_int_equal(td_route_state(t, p->wel_case, "wel"), SD_ROUTE_DECLINED);

	/* An officer of two departments works on both. */
	td_case(t, t->ent, "Vraag aan twee diensten", NULL, 0, both);
	td_route(t, both, "eco");
	td_route(t, both, "wel");
	td_as(t, "els");
	td_expect(SD_OK, sd_case_pickup(&t->d, both, "eco", 0, &err), &err);
	td_expect(SD_OK, sd_case_pickup(&t->d, both, "wel", 0, &err), &err);
	assert_int_equal(td_route_state(t, both, "wel"), SD_ROUTE_PICKED_UP);
}

static void
test_officer_denied_other_departments(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	char both[SD_CASE_NUMBER_MAX];

	td_as(t, "bram");
	denied(p, sd_case_pickup(&t->d, p->wel_case, "wel", 0, errp));
	denied(p, sd_case_answer(&t->d, p->wel_case, "wel", "Antwoord.", 0, errp));
	denied(p, sd_case_decline(&t->d, p->wel_case, "wel", "Nee.", 0, errp));
	td_as(t, "chris");
	denied(p, sd_case_pickup(&t->d, p->eco_case, "eco", 0, errp));
	denied(p, sd_case_answer(&t->d, p->eco_case, "eco", "Antwoord.", 0, errp));

	/* On a case routed to both, still only the own department's route. */
	td_case(t, t->ent, "Vraag aan twee diensten", NULL, 0, both);
	td_route(t, both, "eco");
	td_route(t, both, "wel");
	td_as(t, "bram");
	denied(p, sd_case_pickup(&t->d, both, "wel", 0, errp));
	denied(p, sd_case_answer(&t->d, both, "wel", "Antwoord.", 0, errp));
	td_as(t, "els");
	denied(p, sd_case_pickup(&t->d, both, "spa", 0, errp));
	assert_int_equal(td_route_state(t, both, "wel"), SD_ROUTE_PENDING);
	assert_int_equal(td_route_state(t, both, "eco"), SD_ROUTE_PENDING);
}

static void
test_officer_cannot_create_or_manage(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	char num[SD_CASE_NUMBER_MAX];

	td_as(t, "bram");
	denied(p, do_new(p, errp));
	denied(p, do_edit(p, p->eco_case, errp));
	denied(p, do_route(p, p->eco_case, "wel", errp));
	denied(p, do_route(p, p->new_case, "eco", errp));
	denied(p, sd_case_wait(&t->d, p->eco_case, 0, errp));
	denied(p, sd_case_close(&t->d, p->eco_case, "Klaar.", 0, 0, errp));
	denied(p, do_ent_add(p, errp));
	denied(p, do_ent_edit(p, errp));
	denied(p, do_ent_import(p, errp));
	td_as(t, "els");
	denied(p, do_new(p, errp));
	denied(p, do_ent_add(p, errp));

	/* The refused creations used no case number. */
	td_case(t, t->ent, "Volgende", NULL, 0, num);
	assert_string_equal(num, "2026-00004");
}

static void
test_officer_cannot_reopen(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;

	td_expect(SD_OK, sd_case_wait(&t->d, p->eco_case, 0, &err), &err);
	td_as(t, "bram");
	denied(p, sd_case_reopen(&t->d, p->eco_case, 0, errp));
	assert_int_equal(td_status(t, p->eco_case), SD_CASE_WAITING);
}

static void
test_officer_notes_only_on_own_routes(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_case_view v;
	struct sd_error err;

	td_as(t, "bram");
	td_expect(SD_OK, sd_case_note(&t->d, p->eco_case, "Ik neem contact op.", 0, &err), &err);
	refused(p, sd_case_note(&t->d, p->wel_case, "Ik ook.", 0, errp));
	refused(p, sd_case_note(&t->d, p->new_case, "En hier.", 0, errp));
	td_as(t, "els");	/* serves wel as well */
	td_expect(SD_OK, sd_case_note(&t->d, p->wel_case, "Bekend bij ons.", 0, &err), &err);
	td_as(t, "chris");
	refused(p, sd_case_note(&t->d, p->eco_case, "Hallo.", 0, errp));

	td_view(t, p->eco_case, &v);
	td_str(v.journal[v.njournal - 1].kind, "note");
	td_str(v.journal[v.njournal - 1].actor, "bram");
	sd_case_view_free(&v);

	/* Still routed to eco after eco finished: bram may still write there. */
	td_answer(t, "bram", p->eco_case, "eco", "Klaar.");
	td_as(t, "bram");
	td_expect(SD_OK, sd_case_note(&t->d, p->eco_case, "Nog een opmerking.", 0, &err), &err);
}

/*
 * Data that is not yours stays closed: an officer sees the cases routed to
 * their departments, and for any other the answer is "no such case".
 */
static void
test_officer_sees_only_own_cases(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_case_view v;
	struct sd_error err;
	size_t n[4];
	static const char *const who[] = { "bram", "chris", "els", "dina" };

	td_as(t, "bram");
	td_expect(SD_OK, sd_case_get(&t->d, p->eco_case, &v, &err), &err);
	sd_case_view_free(&v);
	td_expect(SD_NOTFOUND, sd_case_get(&t->d, p->wel_case, &v, &err), &err);
	td_expect(SD_NOTFOUND, sd_case_get(&t->d, p->new_case, &v, &err), &err);
	td_as(t, "chris");
	td_expect(SD_NOTFOUND, sd_case_get(&t->d, p->eco_case, &v, &err), &err);
	td_expect(SD_OK, sd_case_get(&t->d, p->wel_case, &v, &err), &err);
	sd_case_view_free(&v);

	for (size_t i = 0; i < 4; i++) {
		td_as(t, who[i]);
		td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 50, &rows, &err), &err);
		n[i] = rows.n;
		for (size_t k = 0; k < rows.n && i == 0; k++) {
			char num[SD_CASE_NUMBER_MAX];
			sd_case_number_format(rows.items[k].c.key, num);
			if (strcmp(num, p->eco_case) != 0)
				n[i] = 99;
		}
		sd_case_rows_free(&rows);
	}
	assert_int_equal(n[0], 1);	/* bram: the eco case */
	assert_int_equal(n[1], 1);	/* chris: the wel case */
	assert_int_equal(n[2], 2);	/* els: both */
	assert_int_equal(n[3], 3);	/* dina: everything */

	/* Filters do not open a way around it. */
	td_as(t, "bram");
	f.dept = "wel";
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 50, &rows, &err), &err);
	n[0] = rows.n;
	sd_case_rows_free(&rows);
	f.dept = NULL;
	f.status = SD_CASE_NEW;
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 50, &rows, &err), &err);
	n[1] = rows.n;
	sd_case_rows_free(&rows);
	f.status = SD_CASE_NONE;
	f.enterprise = t->ent;
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 50, &rows, &err), &err);
	n[2] = rows.n;
	sd_case_rows_free(&rows);
	assert_int_equal(n[0], 0);
	assert_int_equal(n[1], 0);
	assert_int_equal(n[2], 1);
}

/* --- manager ------------------------------------------------------------------- */

static void
test_manager_writes_nothing(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;

	/* One waiting case, so reopen is tried on a case it could apply to. */
	td_expect(SD_OK, sd_case_wait(&t->d, p->new_case, 0, &err), &err);
	td_as(t, "dina");
	denied(p, do_new(p, errp));
	denied(p, do_edit(p, p->eco_case, errp));
	denied(p, do_route(p, p->new_case, "eco", errp));
	denied(p, do_route(p, p->wel_case, "spa", errp));
	denied(p, sd_case_pickup(&t->d, p->eco_case, "eco", 0, errp));
	denied(p, sd_case_answer(&t->d, p->eco_case, "eco", "Antwoord.", 0, errp));
	denied(p, sd_case_decline(&t->d, p->wel_case, "wel", "Nee.", 0, errp));
	denied(p, sd_case_note(&t->d, p->eco_case, "Opmerking.", 0, errp));
	denied(p, sd_case_wait(&t->d, p->eco_case, 0, errp));
	denied(p, sd_case_reopen(&t->d, p->new_case, 0, errp));
	denied(p, sd_case_close(&t->d, p->eco_case, "Klaar.", 0, 0, errp));
	denied(p, do_ent_add(p, errp));
	denied(p, do_ent_edit(p, errp));
	denied(p, do_ent_import(p, errp));
}

static void
test_manager_reads(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_case_view v;
	struct sd_enterprise e;
	struct sd_error err;

	td_as(t, "dina");
	/* A manager's inbox is the overdue cases: the funding case is, a week later. */
	td_at(t, "2026-03-11T09:00:00Z");
	td_expect(SD_OK, sd_case_get(&t->d, p->eco_case, &v, &err), &err);
	sd_case_view_free(&v);
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 3);
	sd_case_rows_free(&rows);
	td_expect(SD_OK, sd_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	sd_case_rows_free(&rows);
	td_expect(SD_OK, sd_enterprise_get(&t->d, "0403170701", &e, &err), &err);
	sd_enterprise_free(&e);
}

/* --- admin --------------------------------------------------------------------- */

static void
test_admin_does_everything(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_case_view v;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	td_as(t, "root");
	td_case_as_me(t, t->ent, "Door de beheerder", NULL, 0, num);
	td_expect(SD_OK, do_route(p, num, "spa", &err), &err);
	td_expect(SD_OK, do_route(p, num, "wel", &err), &err);
	td_expect(SD_OK, sd_case_pickup(&t->d, num, "spa", 0, &err), &err);
	td_expect(SD_OK, sd_case_answer(&t->d, num, "spa", "Antwoord.", 0, &err), &err);
	td_expect(SD_OK, sd_case_decline(&t->d, num, "wel", "Geen vraag voor welzijn.", 0, &err),
	    &err);
	td_expect(SD_OK, sd_case_note(&t->d, num, "Notitie.", 0, &err), &err);
	td_expect(SD_OK, do_edit(p, num, &err), &err);
	td_expect(SD_OK, sd_case_wait(&t->d, num, 0, &err), &err);
	td_expect(SD_OK, sd_case_reopen(&t->d, num, 0, &err), &err);
	td_expect(SD_OK, sd_case_close(&t->d, num, "Klaar.", 5, 0, &err), &err);
	td_expect(SD_OK, do_ent_add(p, &err), &err);
	td_expect(SD_OK, do_ent_edit(p, &err), &err);
	td_expect(SD_OK, do_ent_import(p, &err), &err);

	td_view(t, num, &v);
	td_str(v.c.owner, "root");
	assert_int_equal(v.c.status, SD_CASE_CLOSED);
	for (size_t i = 0; i < v.njournal; i++)
		td_str(v.journal[i].actor, "root");
	sd_case_view_free(&v);
}

/* --- the rules about other officers ---------------------------------------------- */

/* Who may own a case is asked of the new owner, not of the caller. */
static void
test_owner_may_own(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_case_input in = { 0 };
	struct sd_error err;

	assert_true(sd_officer_may(sd_config_officer(&t->d.cfg, "ann"), SD_ACT_CASE_OWN));
	assert_true(sd_officer_may(sd_config_officer(&t->d.cfg, "root"), SD_ACT_CASE_OWN));
	assert_false(sd_officer_may(sd_config_officer(&t->d.cfg, "bram"), SD_ACT_CASE_OWN));
	assert_false(sd_officer_may(sd_config_officer(&t->d.cfg, "dina"), SD_ACT_CASE_OWN));
	td_as(t, "root");
	in.owner = "bram";
	td_expect_msg(SD_INVALID, sd_case_edit(&t->d, p->eco_case, &in, 0, &err), &err,
	    "must be a configured contact or admin");
	in.owner = "gert";
	td_expect(SD_OK, sd_case_edit(&t->d, p->eco_case, &in, 0, &err), &err);
}

/* --- sd_permit_case: the role and the state of the case -------------------------------- */

/* sd_permit_case for login on case num as it is now (read as root). */
static sd_status
permit_on(struct td *t, const char *login, enum sd_action a, const char *num, const char *dept,
    struct sd_error *err)
{
	struct sd_case_view v;
	sd_status s;

	td_view(t, num, &v);
	td_as(t, login);
	s = sd_permit_case(&t->d, a, &v.c, v.routes, v.nroutes, dept, err);
	sd_case_view_free(&v);
	return s;
}

static void
test_permit_case_states(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;

	/* Open cases: routed or not, they may be routed, waited on and closed, not reopened. */
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_ROUTE, p->eco_case, NULL, &err), &err);
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_WAIT, p->new_case, NULL, &err), &err);
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_CLOSE, p->new_case, NULL, &err), &err);
	td_expect_msg(SD_INVALID, permit_on(t, "ann", SD_ACT_CASE_REOPEN, p->new_case, NULL, &err),
	    &err, "only a waiting or closed case can be reopened");

	/* Waiting: not waited on again; reopened. */
	td_as(t, "ann");
	td_expect(SD_OK, sd_case_wait(&t->d, p->new_case, 0, &err), &err);
	td_expect_msg(SD_INVALID, permit_on(t, "ann", SD_ACT_CASE_WAIT, p->new_case, NULL, &err),
	    &err, "already waiting");
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_REOPEN, p->new_case, NULL, &err), &err);

	/* Closed: no routing, waiting or closing; reopening; editing and notes still. */
	td_as(t, "ann");
	td_expect(SD_OK, sd_case_close(&t->d, p->wel_case, "Opgelost.", 0, 0, &err), &err);
	td_expect_msg(SD_INVALID, permit_on(t, "ann", SD_ACT_CASE_ROUTE, p->wel_case, NULL, &err),
	    &err, "is closed; reopen it first");
	td_expect_msg(SD_INVALID, permit_on(t, "ann", SD_ACT_CASE_WAIT, p->wel_case, NULL, &err),
	    &err, "is closed");
	td_expect_msg(SD_INVALID, permit_on(t, "ann", SD_ACT_CASE_CLOSE, p->wel_case, NULL, &err),
	    &err, "already closed");
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_REOPEN, p->wel_case, NULL, &err), &err);
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_EDIT, p->wel_case, NULL, &err), &err);
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_NOTE, p->wel_case, NULL, &err), &err);
	/* Its route was withdrawn: nothing left for welzijn to answer. */
	td_expect_msg(SD_INVALID, permit_on(t, "chris", SD_ACT_ROUTE_WORK, p->wel_case, NULL,
	    &err), &err, "no open route of your departments");
	td_expect_msg(SD_INVALID, permit_on(t, "chris", SD_ACT_ROUTE_WORK, p->wel_case, "wel",
	    &err), &err, "is already");

	/* The role comes first: a state that allows it does not make a role allowed. */
	td_expect_msg(SD_DENIED, permit_on(t, "bram", SD_ACT_CASE_CLOSE, p->eco_case, NULL, &err),
	    &err, "may not");
}

static void
test_permit_case_routes(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_error err;

	/* A pending route of one's own department: picked up, answered, declined. */
	td_expect(SD_OK, permit_on(t, "bram", SD_ACT_ROUTE_PICKUP, p->eco_case, NULL, &err), &err);
	td_expect(SD_OK, permit_on(t, "bram", SD_ACT_ROUTE_PICKUP, p->eco_case, "eco", &err), &err);
	td_expect(SD_OK, permit_on(t, "bram", SD_ACT_ROUTE_WORK, p->eco_case, NULL, &err), &err);
	/* Nothing of another department's, nor of a case not routed to one's own. */
	td_expect_msg(SD_INVALID, permit_on(t, "chris", SD_ACT_ROUTE_PICKUP, p->eco_case, NULL,
	    &err), &err, "no open route of your departments");
	td_expect_msg(SD_DENIED, permit_on(t, "chris", SD_ACT_ROUTE_WORK, p->eco_case, "eco", &err),
	    &err, "does not serve department eco");
	td_expect_msg(SD_NOTFOUND, permit_on(t, "els", SD_ACT_ROUTE_WORK, p->eco_case, "wel", &err),
	    &err, "is not routed to wel");
	td_expect_msg(SD_INVALID, permit_on(t, "bram", SD_ACT_ROUTE_WORK, p->new_case, NULL, &err),
	    &err, "no open route");
	/* An administrator works any department's routes. */
	td_expect(SD_OK, permit_on(t, "root", SD_ACT_ROUTE_PICKUP, p->wel_case, NULL, &err), &err);

	/* Picked up: not again, by anyone; answered by its department still. */
	td_pickup(t, "bram", p->eco_case, "eco");
	td_expect_msg(SD_INVALID, permit_on(t, "bram", SD_ACT_ROUTE_PICKUP, p->eco_case, NULL,
	    &err), &err, "no open route");
	td_expect_msg(SD_INVALID, permit_on(t, "bram", SD_ACT_ROUTE_PICKUP, p->eco_case, "eco",
	    &err), &err, "already picked up by bram");
	td_expect_msg(SD_INVALID, permit_on(t, "els", SD_ACT_ROUTE_PICKUP, p->eco_case, "eco",
	    &err), &err, "already picked up by bram");
	td_expect(SD_OK, permit_on(t, "els", SD_ACT_ROUTE_WORK, p->eco_case, NULL, &err), &err);

	/* Answered: nothing left to work on. */
	td_answer(t, "bram", p->eco_case, "eco", "Subsidie loopt.");
	td_expect_msg(SD_INVALID, permit_on(t, "bram", SD_ACT_ROUTE_WORK, p->eco_case, "eco", &err),
	    &err, "is already answered");

	/* An officer notes only cases routed to their departments. */
	td_expect(SD_OK, permit_on(t, "bram", SD_ACT_CASE_NOTE, p->eco_case, NULL, &err), &err);
	td_expect_msg(SD_DENIED, permit_on(t, "bram", SD_ACT_CASE_NOTE, p->wel_case, NULL, &err),
	    &err, "may only add notes");
	td_expect(SD_OK, permit_on(t, "ann", SD_ACT_CASE_NOTE, p->new_case, NULL, &err), &err);
}

/*
 * What the interface offers is what the core then does: for each case and
 * each state change, sd_permit_case asked beforehand gives the status and
 * the words the action itself gives.
 */
static void
test_permit_case_agrees_with_actions(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	const char *nums[3] = { p->eco_case, p->wel_case, p->new_case };
	static const enum sd_action acts[] = {
		SD_ACT_CASE_CLOSE, SD_ACT_CASE_WAIT, SD_ACT_CASE_REOPEN, SD_ACT_CASE_WAIT,
		SD_ACT_CASE_REOPEN, SD_ACT_CASE_REOPEN, SD_ACT_CASE_ROUTE, SD_ACT_CASE_CLOSE,
		SD_ACT_CASE_ROUTE, SD_ACT_CASE_CLOSE,
	};
	const char *depts[1] = { "spa" };
	size_t refused = 0;

	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < sizeof acts / sizeof acts[0]; j++) {
			struct sd_error perr = { 0 }, aerr = { 0 };
			sd_status want, got;

			want = permit_on(t, "ann", acts[j], nums[i], NULL, &perr);
			switch (acts[j]) {
			case SD_ACT_CASE_CLOSE:
				got = sd_case_close(&t->d, nums[i], "Klaar.", 0, 0, &aerr);
				break;
			case SD_ACT_CASE_WAIT:
				got = sd_case_wait(&t->d, nums[i], 0, &aerr);
				break;
			case SD_ACT_CASE_REOPEN:
				got = sd_case_reopen(&t->d, nums[i], 0, &aerr);
				break;
			default:
				got = sd_case_route(&t->d, nums[i], depts, 1, NULL, 0, &aerr);
				break;
			}
			/* Routing spa twice is the action's own refusal, not a state. */
			if (acts[j] == SD_ACT_CASE_ROUTE && want == SD_OK && got == SD_INVALID &&
			    strstr(aerr.msg, "already routed") != NULL)
				continue;
			if (want != got)
				fail_msg("case %zu, step %zu: permit %d (%s), action %d (%s)", i, j,
				    (int)want, perr.msg, (int)got, aerr.msg);
			if (want != SD_OK) {
				refused++;
				td_str(perr.msg, aerr.msg);
			}
		}
	}
	/* The walk reached refusals, not only permissions. */
	assert_true(refused >= 6);
}

/* --- overdue and the inbox's reasons ------------------------------------------------ */

static void
test_overdue(void **state)
{
	sd_day today = td_day("2026-03-10");
	struct sd_case c = { .status = SD_CASE_ROUTED, .due = td_day("2026-03-09") };
	struct sd_route r = { .state = SD_ROUTE_PENDING, .due = td_day("2026-03-09") };

	(void)state;
	assert_true(sd_case_overdue(&c, today));
	c.due = today;
	assert_false(sd_case_overdue(&c, today));	/* due today is not late yet */
	c.due = td_day("2026-03-01");
	for (enum sd_case_status st = SD_CASE_NEW; st < SD_CASE_STATUS_COUNT; st++) {
		c.status = st;
		/* Waiting is on the enterprise, closed is done: neither runs late. */
		assert_int_equal(sd_case_overdue(&c, today),
		    st != SD_CASE_WAITING && st != SD_CASE_CLOSED);
	}
	c.status = SD_CASE_ROUTED;
	c.due = SD_NO_DAY;
	assert_false(sd_case_overdue(&c, today));

	assert_true(sd_route_overdue(&r, today));
	r.due = today;
	assert_false(sd_route_overdue(&r, today));
	r.due = td_day("2026-03-01");
	for (enum sd_route_state st = SD_ROUTE_PENDING; st < SD_ROUTE_STATE_COUNT; st++) {
		r.state = st;
		assert_int_equal(sd_route_overdue(&r, today),
		    st == SD_ROUTE_PENDING || st == SD_ROUTE_PICKED_UP);
	}
	r.state = SD_ROUTE_PENDING;
	r.due = SD_NO_DAY;
	assert_false(sd_route_overdue(&r, today));
}

static void
test_inbox_reasons(void **state)
{
	struct perm *p = *state;
	struct td *t = p->t;
	struct sd_case_rows rows;
	struct sd_error err;
	static const struct {
		enum sd_inbox_reason	 r;
		const char		*name, *label;
	} names[] = {
		{ SD_REASON_OVERDUE, "overdue", "overdue" },
		{ SD_REASON_ANSWERED, "answered", "answered" },
		{ SD_REASON_NEW, "new", "new" },
		{ SD_REASON_PENDING, "pending", "pending" },
		{ SD_REASON_PICKED_UP, "picked_up", "picked up" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		td_str(sd_inbox_reason_name(names[i].r), names[i].name);
		td_str(sd_inbox_reason_label(names[i].r), names[i].label);
	}
	assert_null(sd_inbox_reason_name(SD_REASON_NONE));
	td_str(sd_inbox_reason_label(SD_REASON_NONE), "");

	/* The inbox tags its rows with them; a list does not. */
	td_pickup(t, "bram", p->eco_case, "eco");
	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	for (size_t i = 0; i < rows.n; i++) {
		char num[SD_CASE_NUMBER_MAX];
		sd_case_number_format(rows.items[i].c.key, num);
		assert_int_equal(rows.items[i].reason, strcmp(num, p->eco_case) == 0 ?
		    SD_REASON_PICKED_UP : SD_REASON_PENDING);
	}
	sd_case_rows_free(&rows);
	td_as(t, "ann");
	td_expect(SD_OK, sd_case_list(&t->d, &(struct sd_case_filter){ 0 }, NULL, 50, &rows, &err),
	    &err);
	assert_true(rows.n > 0);
	for (size_t i = 0; i < rows.n; i++)
		assert_int_equal(rows.items[i].reason, SD_REASON_NONE);
	sd_case_rows_free(&rows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_permit_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_may, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_cannot_work_routes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_works_own_departments, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_officer_denied_other_departments, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_officer_cannot_create_or_manage, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_officer_cannot_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_notes_only_on_own_routes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_officer_sees_only_own_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manager_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manager_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_admin_does_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_rate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_owner_may_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permit_case_states, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permit_case_routes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permit_case_agrees_with_actions, setup,
		    teardown),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test_setup_teardown(test_inbox_reasons, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
