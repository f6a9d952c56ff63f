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
	    "made 3 changes in the last minute; the limit is 3");
	assert_non_null(strstr(err.msg, "wait 60 seconds"));
	/* Nothing written, not even the count: every kind of write is held. */
	assert_true(td_fingerprint(t) == before);
	td_expect(SD_DENIED, do_ent_edit(p, &err), &err);
	assert_true(td_fingerprint(t) == before);
	now += 59;
	td_expect_msg(SD_DENIED, sd_case_note(&t->d, num, "te veel", 0, &err), &err,
	    "wait 1 seconds");
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
	} rows[] = {
		{ "ann", SD_ACT_ENTERPRISE_WRITE, NULL, SD_OK },
		{ "ann", SD_ACT_CASE_CREATE, NULL, SD_OK },
		{ "ann", SD_ACT_CASE_EDIT, NULL, SD_OK },
		{ "ann", SD_ACT_CASE_ROUTE, NULL, SD_OK },
		{ "ann", SD_ACT_CASE_NOTE, NULL, SD_OK },
		{ "ann", SD_ACT_ROUTE_WORK, "eco", SD_DENIED },
		{ "ann", SD_ACT_ROUTE_WORK, "wel", SD_DENIED },
		{ "bram", SD_ACT_ENTERPRISE_WRITE, NULL, SD_DENIED },
		{ "bram", SD_ACT_CASE_CREATE, NULL, SD_DENIED },
		{ "bram", SD_ACT_CASE_EDIT, NULL, SD_DENIED },
		{ "bram", SD_ACT_CASE_ROUTE, NULL, SD_DENIED },
		{ "bram", SD_ACT_CASE_NOTE, NULL, SD_OK },
		{ "bram", SD_ACT_ROUTE_WORK, "eco", SD_OK },
		{ "bram", SD_ACT_ROUTE_WORK, "wel", SD_DENIED },
		{ "bram", SD_ACT_ROUTE_WORK, "spa", SD_DENIED },
		{ "chris", SD_ACT_ROUTE_WORK, "wel", SD_OK },
		{ "chris", SD_ACT_ROUTE_WORK, "eco", SD_DENIED },
		{ "els", SD_ACT_ROUTE_WORK, "eco", SD_OK },
		{ "els", SD_ACT_ROUTE_WORK, "wel", SD_OK },
		{ "els", SD_ACT_ROUTE_WORK, "spa", SD_DENIED },
		{ "els", SD_ACT_CASE_CREATE, NULL, SD_DENIED },
		{ "dina", SD_ACT_ENTERPRISE_WRITE, NULL, SD_DENIED },
		{ "dina", SD_ACT_CASE_CREATE, NULL, SD_DENIED },
		{ "dina", SD_ACT_CASE_EDIT, NULL, SD_DENIED },
		{ "dina", SD_ACT_CASE_ROUTE, NULL, SD_DENIED },
		{ "dina", SD_ACT_CASE_NOTE, NULL, SD_DENIED },
		{ "dina", SD_ACT_ROUTE_WORK, "eco", SD_DENIED },
		{ "root", SD_ACT_ENTERPRISE_WRITE, NULL, SD_OK },
		{ "root", SD_ACT_CASE_CREATE, NULL, SD_OK },
		{ "root", SD_ACT_CASE_EDIT, NULL, SD_OK },
		{ "root", SD_ACT_CASE_ROUTE, NULL, SD_OK },
		{ "root", SD_ACT_CASE_NOTE, NULL, SD_OK },
		{ "root", SD_ACT_ROUTE_WORK, "eco", SD_OK },
		{ "root", SD_ACT_ROUTE_WORK, "spa", SD_OK },
		/* Creating the database: the admin only (issue 9, finding 4). */
		{ "ann", SD_ACT_INIT, NULL, SD_DENIED },
		{ "bram", SD_ACT_INIT, NULL, SD_DENIED },
		{ "dina", SD_ACT_INIT, NULL, SD_DENIED },
		{ "root", SD_ACT_INIT, NULL, SD_OK },
		/* No department: whether the role may work routes at all (the TUI's keys). */
		{ "ann", SD_ACT_ROUTE_WORK, NULL, SD_DENIED },
		{ "bram", SD_ACT_ROUTE_WORK, NULL, SD_OK },
		{ "dina", SD_ACT_ROUTE_WORK, NULL, SD_DENIED },
		{ "root", SD_ACT_ROUTE_WORK, NULL, SD_OK },
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
		if (got == SD_DENIED && strstr(err.msg, rows[i].login) == NULL)
			fail_msg("row %zu: the message does not name %s: %s", i, rows[i].login,
			    err.msg);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
