/*
 * The per-case cuts of session 6 (helper "caseimp2") keep what they
 * replaced:
 * - _()'s cache (gettext_cache.c) no longer reads $LANGUAGE per call: it
 *   answers what gettext() itself answers through every kind of language
 *   change (a new $LANGUAGE alone, a counter bump, setlocale, i18n_init).
 * - case ids are uuid7 from a per-process pool of kernel randomness
 *   (uuid7.c): unique, rising, version 7; and a forked child never hands
 *   out its parent's random bytes.
 * - case_add (a new case with its routes in one step, the reports' counts
 *   added once) writes exactly what case_save and route_save one after
 *   the other write: every table compared, in the same transaction state.
 * - sd_journal_append_n writes exactly what n calls of sd_journal_append
 *   write, and the entries read back identical.
 * - search_index_case_journal (the journal given) indexes exactly what
 *   search_index_case (the journal read back) does.
 * - an imported history on the bulk path passes `check` (which rebuilds
 *   every index and count from the records).
 */
#include <locale.h>
#include <sys/wait.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "internal.h"
#include "journal.h"
#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/ops.h"
#include "testdesk.h"

extern int _nl_msg_cat_cntr;

/* _() first (it may fill its cache), then gettext itself: the same words. */
static void
same_as_gettext(void)
{
	static const char *const ids[] = { "new", "routed", "closed", "case", "journal",
	    "no such message at all" };

	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const char *ours = _(ids[i]);
		assert_string_equal(ours, gettext(ids[i]));
		assert_string_equal(_(ids[i]), ours);	/* and again, from the cache */
	}
}

static void
test_gettext_cache_is_gettext(void **state)
{
	(void)state;
	if (!td_dutch_available())
		skip();
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
	same_as_gettext();
	assert_string_equal(_("new"), "new");
	/* The sanctioned switch: a new $LANGUAGE and the counter moved. */
	setenv("LANGUAGE", "nl", 1);
	++_nl_msg_cat_cntr;
	same_as_gettext();
	assert_string_equal(_("new"), "nieuw");
	/* $LANGUAGE alone: gettext keeps what it had, and so does _(). */
	setenv("LANGUAGE", "en", 1);
	same_as_gettext();
	unsetenv("LANGUAGE");
	same_as_gettext();
	/* setlocale to the locale in use moves nothing, in either. */
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
	same_as_gettext();
	/* sd_i18n_init moves the counter (textdomain, bindtextdomain). */
	setenv("LANGUAGE", "nl", 1);
	sd_i18n_init(NULL);
	same_as_gettext();
	assert_string_equal(_("new"), "nieuw");
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
	same_as_gettext();
	assert_string_equal(_("routed"), "routed");
}

static void
test_uuid7_unique_rising(void **state)
{
	enum { N = 200000 };
	uint8_t (*id)[SD_UUID_LEN] = malloc(N * sizeof *id);

	(void)state;
	assert_non_null(id);
	for (size_t i = 0; i < N; i++)
		sd_uuid7(id[i]);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(id[i][6] >> 4, 7);		/* version 7 */
		assert_int_equal(id[i][8] >> 6, 2);		/* RFC 4122 variant */
		/* Each above the one before: unique, and the tables take them at their end. */
		if (i > 0)
			assert_true(memcmp(id[i - 1], id[i], SD_UUID_LEN) < 0);
	}
	free(id);
}

/* The random half of an id (bytes 8-15 without the variant and sequence bits). */
static uint64_t
random_half(const uint8_t id[SD_UUID_LEN])
{
	uint64_t v = id[8] & 0x0F;

	for (int i = 9; i < 16; i++)
		v = v << 8 | id[i];
	return v;
}

static void
test_uuid7_fork(void **state)
{
	enum { N = 64 };
	uint64_t mine[N], theirs[N];
	uint8_t id[SD_UUID_LEN];
	int fd[2], status;
	pid_t pid;

	(void)state;
	sd_uuid7(id);		/* the pool is filled before the fork */
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		for (int i = 0; i < N; i++) {
			sd_uuid7(id);
			theirs[i] = random_half(id);
		}
		_exit(write(fd[1], theirs, sizeof theirs) == sizeof theirs ? 0 : 1);
	}
	assert_true(pid > 0);
	close(fd[1]);
	for (int i = 0; i < N; i++) {
		sd_uuid7(id);
		mine[i] = random_half(id);
	}
	assert_int_equal(read(fd[0], theirs, sizeof theirs), (ssize_t)sizeof theirs);
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			assert_true(mine[i] != theirs[j]);
}

/* --- case_add against case_save + route_save ---------------------------------- */

/* A digest per table of what write transaction txn sees. */
static void
digest(MDB_txn *txn, struct sd_store *st, uint64_t out[SD_DB_COUNT])
{
	for (int i = 0; i < SD_DB_COUNT; i++) {
		uint64_t h = 14695981039346656037ULL;
		MDB_cursor *cur;
		MDB_val k, v;
		int rc;

		assert_int_equal(mdb_cursor_open(txn, st->dbi[i], &cur), 0);
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			const uint8_t *p[2] = { k.mv_data, v.mv_data };
			size_t n[2] = { k.mv_size, v.mv_size };
			for (int j = 0; j < 2; j++) {
				h = (h ^ n[j]) * 1099511628211ULL;
				for (size_t b = 0; b < n[j]; b++)
					h = (h ^ p[j][b]) * 1099511628211ULL;
			}
		}
		assert_int_equal(rc, MDB_NOTFOUND);
		mdb_cursor_close(cur);
		out[i] = h;
	}
}

struct ex_case {
	int			 year;
	uint32_t		 seq;
	enum sd_case_status	 status;
	enum sd_priority	 priority;
	const char		*category;
	int			 sat;
	size_t			 nroutes;
	struct {
		const char		*dept;
		enum sd_route_state	 state;
		const char		*answer;
	} r[3];
};

/* Every kind of case an import makes, and some it could. */
static const struct ex_case examples[] = {
	{ 2019, 1, SD_CASE_NEW, SD_PRIORITY_NORMAL, NULL, 0, 0, { { 0 } } },
	{ 2019, 2, SD_CASE_ROUTED, SD_PRIORITY_HIGH, "funding", 0, 2,
	    { { "eco", SD_ROUTE_PENDING, NULL }, { "wel", SD_ROUTE_PENDING, NULL } } },
	{ 2019, 3, SD_CASE_IN_PROGRESS, SD_PRIORITY_URGENT, "permit", 0, 2,
	    { { "eco", SD_ROUTE_PICKED_UP, NULL }, { "spa", SD_ROUTE_PENDING, NULL } } },
	{ 2020, 1, SD_CASE_ANSWERED, SD_PRIORITY_LOW, NULL, 0, 2,
	    { { "eco", SD_ROUTE_ANSWERED, "Ja" }, { "wel", SD_ROUTE_DECLINED, "Niet voor ons" } } },
	{ 2020, 2, SD_CASE_CLOSED, SD_PRIORITY_NORMAL, "funding", 4, 3,
	    { { "eco", SD_ROUTE_ANSWERED, "Dat kan" }, { "wel", SD_ROUTE_WITHDRAWN, NULL },
	    { "spa", SD_ROUTE_DECLINED, "Elders" } } },
	{ 2021, 1, SD_CASE_WAITING, SD_PRIORITY_HIGH, NULL, 0, 1,
	    { { "spa", SD_ROUTE_ANSWERED, "Vraag terug" } } },
	{ 2021, 2, SD_CASE_CLOSED, SD_PRIORITY_NONE, "permit", 2, 1,
	    { { "wel", SD_ROUTE_WITHDRAWN, NULL } } },
};

static void
make_case(const struct ex_case *x, const uint8_t ent[SD_UUID_LEN], size_t i, struct sd_case *c,
    struct sd_route *r)
{
	int64_t at = td_time("2019-03-04T10:00:00Z") + (int64_t)i * 86400 * 40;

	memset(c, 0, sizeof *c);
	c->key.year = (uint16_t)x->year;
	c->key.seq = x->seq;
	c->wait_until = c->follow_up = SD_NO_DAY;
	for (int b = 0; b < SD_UUID_LEN; b++)
		c->id[b] = (uint8_t)(0x10 * i + (size_t)b);
	c->version = 1;
	memcpy(c->enterprise, ent, SD_UUID_LEN);
	c->subject = (char *)"Een vraag";
	c->description = (char *)"over een vergunning en personeel";
	c->category = (char *)x->category;
	c->owner = (char *)"ann";
	c->channel = SD_CHANNEL_EMAIL;
	c->priority = x->priority;
	c->status = x->status;
	c->created = at;
	c->updated = at + 86400 * 3;
	if (x->status == SD_CASE_CLOSED) {
		c->closed = c->updated;
		c->resolution = (char *)"Opgelost";
	}
	c->due = sd_day_from_time(at) + 8;
	c->satisfaction = x->sat;
	for (size_t j = 0; j < x->nroutes; j++) {
		memset(&r[j], 0, sizeof r[j]);
		r[j].dept = (char *)x->r[j].dept;
		r[j].state = x->r[j].state;
		r[j].answer = (char *)x->r[j].answer;
		r[j].routed = at + 3600;
		r[j].round = 1;
		r[j].due = sd_day_from_time(at) + 3 + (sd_day)j;
		if (r[j].state == SD_ROUTE_PICKED_UP)
			r[j].picked_up = at + 7200;
		if (r[j].state != SD_ROUTE_PENDING && r[j].state != SD_ROUTE_PICKED_UP)
			r[j].finished = at + 86400 * (2 + (int64_t)j);
	}
}

/* Writes the examples in a write transaction, one way or the other; its digest. */
static void
write_examples(struct td *t, bool one_step, uint64_t out[SD_DB_COUNT])
{
	uint8_t ent[SD_UUID_LEN];
	struct sd_txn txn;
	struct sd_error err;

	assert_true(sd_uuid_parse(t->ent, ent));
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		struct sd_case c;
		struct sd_route r[3];

		make_case(&examples[i], ent, i, &c, r);
		if (one_step)
			td_expect(SD_OK, case_add(&txn, &c, r, examples[i].nroutes, &err), &err);
		else {
			td_expect(SD_OK, case_save(&txn, NULL, &c, &err), &err);
			for (size_t j = 0; j < examples[i].nroutes; j++)
				td_expect(SD_OK, route_save(&txn, c.key, NULL, &r[j], &err), &err);
		}
	}
	digest(txn.txn, t->d.store, out);
	sd_txn_abort(&txn);
}

static void
test_case_add_is_save_and_routes(void **state)
{
	struct td *t = *state;
	uint64_t before[SD_DB_COUNT], one_by_one[SD_DB_COUNT], one_step[SD_DB_COUNT];
	struct sd_txn txn;
	struct sd_error err;
	int changed = 0;

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	digest(txn.txn, t->d.store, before);
	sd_txn_abort(&txn);
	write_examples(t, false, one_by_one);
	write_examples(t, true, one_step);
	for (int i = 0; i < SD_DB_COUNT; i++) {
		if (one_by_one[i] != one_step[i])
			fprintf(stderr, "table %d differs\n", i);
		assert_true(one_by_one[i] == one_step[i]);
		changed += one_by_one[i] != before[i];
	}
	/* Records, their indexes, the reports' facts and counts, the timeline. */
	assert_true(changed >= 10);
}

/* --- the journal's batch append ------------------------------------------------- */

static void
fill_entries(struct sd_journal_entry *e, size_t n, const uint8_t ck[SD_CASE_KEY_LEN])
{
	static const char *const kinds[] = { "created", "routed", "answered", "field", "closed",
	    "imported" };
	/* Each its own words (the index must miss none of them). */
	static const char *const texts[] = { "Een antwoord,\nop twee regels — met é",
	    "subsidie voor huisvesting", "terras vergunning", "opleiding personeel" };

	for (size_t i = 0; i < n; i++) {
		memset(&e[i], 0, sizeof e[i]);
		e[i].at = td_time("2020-05-06T07:08:09Z") + (int64_t)i * 61;
		e[i].actor = (char *)(i % 2 ? "ann" : "root");
		e[i].kind = (char *)kinds[i % 6];
		e[i].dept = (char *)(i % 3 == 1 ? "eco" : NULL);
		e[i].text = (char *)(i % 2 == 0 ? texts[i / 2 % 4] : NULL);
		if (i % 6 == 3) {
			e[i].field = (char *)"priority";
			e[i].old_value = (char *)"normal";
			e[i].new_value = (char *)"high";
		}
		e[i].subject_kind = SD_SUBJECT_CASE;
		memcpy(e[i].subject, ck, SD_CASE_KEY_LEN);
		e[i].subject_len = SD_CASE_KEY_LEN;
	}
}

static void
test_journal_append_n(void **state)
{
	struct td *t = *state;
	enum { N = 7 };
	struct sd_journal_entry e[N], *back;
	struct sd_case_key key = { 2020, 9 };
	uint8_t ck[SD_CASE_KEY_LEN];
	uint64_t one_by_one[SD_DB_COUNT], together[SD_DB_COUNT], first;
	struct sd_txn txn;
	struct sd_error err;
	size_t n;

	sd_case_key_pack(key, ck);
	/* An entry before, so that the batch starts after an existing sequence. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	fill_entries(e, 1, ck);
	td_expect(SD_OK, sd_journal_append(&txn, &e[0], &err), &err);
	first = e[0].seq;
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	fill_entries(e, N, ck);
	for (size_t i = 0; i < N; i++)
		td_expect(SD_OK, sd_journal_append(&txn, &e[i], &err), &err);
	digest(txn.txn, t->d.store, one_by_one);
	sd_txn_abort(&txn);

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	fill_entries(e, N, ck);
	td_expect(SD_OK, sd_journal_append_n(&txn, e, N, &err), &err);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(e[i].seq, first + 1 + i);
	digest(txn.txn, t->d.store, together);
	for (int i = 0; i < SD_DB_COUNT; i++)
		assert_true(one_by_one[i] == together[i]);
	/* Read back: the entries as given, in order, after the one before. */
	td_expect(SD_OK, sd_journal_read(&txn, SD_SUBJECT_CASE, ck, sizeof ck, &back, &n, &err),
	    &err);
	assert_int_equal(n, N + 1);
	for (size_t i = 0; i < N; i++) {
		const struct sd_journal_entry *b = &back[i + 1];
		assert_int_equal(b->seq, e[i].seq);
		assert_int_equal(b->at, e[i].at);
		td_str(b->actor, e[i].actor);
		td_str(b->kind, e[i].kind);
		td_str(b->dept, e[i].dept);
		td_str(b->text, e[i].text);
		td_str(b->field, e[i].field);
		td_str(b->old_value, e[i].old_value);
		td_str(b->new_value, e[i].new_value);
		assert_memory_equal(b->subject, ck, sizeof ck);
	}
	sd_journal_entries_free(back, n);
	/* The counter moved past them: the next entry follows. */
	fill_entries(e, 1, ck);
	td_expect(SD_OK, sd_journal_append(&txn, &e[0], &err), &err);
	assert_int_equal(e[0].seq, first + 1 + N);
	/* A counter set back (damaged) replaces nothing: the entries follow the last. */
	{
		uint64_t low = 1;
		td_expect(SD_OK, sd_db_put(&txn, SD_DB_META, "journalseq", 10, &low, 8, "t", &err),
		    &err);
	}
	fill_entries(e, 3, ck);
	td_expect(SD_OK, sd_journal_append_n(&txn, e, 3, &err), &err);
	assert_int_equal(e[0].seq, first + 2 + N);
	assert_int_equal(e[2].seq, first + 4 + N);
	td_expect(SD_OK, sd_journal_read(&txn, SD_SUBJECT_CASE, ck, sizeof ck, &back, &n, &err),
	    &err);
	assert_int_equal(n, N + 5);
	for (size_t i = 1; i < n; i++)
		assert_int_equal(back[i].seq, back[i - 1].seq + 1);
	sd_journal_entries_free(back, n);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
}

/* --- a case's words from its journal as given ----------------------------------- */

static void
index_example(struct td *t, bool given, uint64_t out[SD_DB_COUNT])
{
	enum { N = 5 };		/* the last one "closed", with a text */
	struct sd_journal_entry e[N];
	uint8_t ent[SD_UUID_LEN], ck[SD_CASE_KEY_LEN];
	struct sd_case c;
	struct sd_route r[3];
	struct sd_txn txn;
	struct sd_error err;

	assert_true(sd_uuid_parse(t->ent, ent));
	make_case(&examples[4], ent, 4, &c, r);
	sd_case_key_pack(c.key, ck);
	fill_entries(e, N, ck);
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, case_add(&txn, &c, r, examples[4].nroutes, &err), &err);
	td_expect(SD_OK, sd_journal_append_n(&txn, e, N, &err), &err);
	if (given)
		td_expect(SD_OK, search_index_case_journal(&txn, &c, e, N, &err), &err);
	else
		td_expect(SD_OK, search_index_case(&txn, &c, &err), &err);
	digest(txn.txn, t->d.store, out);
	sd_txn_abort(&txn);
}

static void
test_index_from_given_journal(void **state)
{
	struct td *t = *state;
	uint64_t read_back[SD_DB_COUNT], given[SD_DB_COUNT];

	index_example(t, false, read_back);
	index_example(t, true, given);
	for (int i = 0; i < SD_DB_COUNT; i++)
		assert_true(read_back[i] == given[i]);
}

/* --- a whole import on the bulk path, then check ---------------------------------- */

static void
test_import_then_check(void **state)
{
	struct td *t = *state;
	struct sd_case_import_result res;
	struct sd_error err;
	char path[128];
	size_t problems = 99;
	FILE *f;

	snprintf(path, sizeof path, "%s/history.csv", t->dir);
	f = fopen(path, "w+");
	assert_non_null(f);
	fputs("created,enterprise,subject,description,category,priority,status,resolution,"
	    "satisfaction,dept1,state1,answer1,answered1,dept2,state2,answer2\n", f);
	for (int i = 1; i <= 300; i++) {
		int y = 2016 + i % 9, m = 1 + i % 12, d = 1 + i % 27;
		bool closed = i % 4 == 0, waiting = i % 4 == 1 && i % 3 == 0;
		const char *st2 = i % 3 == 0 ? "declined" : i % 3 == 1 ? "pending" : "picked_up";

		fprintf(f, "%04d-%02d-%02d,0403.170.701,Vraag %d,over %s,%s,%s,%s,%s,%s,"
		    "eco,answered,Antwoord %d,%04d-%02d-%02d,%s,%s,%s\n",
		    y, m, d, i, i % 2 ? "een subsidie" : "personeel",
		    i % 5 == 0 ? "funding" : i % 5 == 1 ? "permit" : "",
		    i % 7 == 0 ? "high" : i % 7 == 1 ? "low" : "",
		    waiting ? "waiting" : "", closed ? "Opgelost" : "", closed ? "4" : "",
		    i, y, m, d + 1, i % 11 == 0 ? "" : i % 2 ? "wel" : "spa",
		    i % 11 == 0 ? "" : closed && i % 3 != 0 ? "pending" : st2,
		    i % 11 == 0 || i % 3 != 0 ? "" : "Niet voor ons");
	}
	fflush(f);
	rewind(f);
	td_as(t, "root");
	td_expect(SD_OK, sd_case_import(&t->d, f, "history.csv", SD_CI_CSV, false, NULL, NULL,
	    &res, &err), &err);
	fclose(f);
	assert_int_equal(res.imported, 300);
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gettext_cache_is_gettext),
		cmocka_unit_test(test_uuid7_unique_rising),
		cmocka_unit_test(test_uuid7_fork),
		cmocka_unit_test_setup_teardown(test_case_add_is_save_and_routes, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_journal_append_n, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_index_from_given_journal, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_import_then_check, td_setup, td_teardown),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
