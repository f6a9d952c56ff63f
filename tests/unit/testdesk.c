/*
 * The unit tests' fixture: a temporary desk on a real LMDB environment.
 * See testdesk.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/text.h"
#include "testdesk.h"
#include "../fixture/fixture.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

int64_t
td_time(const char *rfc3339)
{
	int64_t t = 0;

	if (!sd_parse_time(rfc3339, &t))
		fail_msg("td_time: bad time %s", rfc3339);
	return t;
}

sd_day
td_day(const char *ymd)
{
	sd_day d = SD_NO_DAY;

	if (!sd_day_parse(ymd, &d))
		fail_msg("td_day: bad date %s", ymd);
	return d;
}

void
td_expect_at(const char *file, int line, sd_status want, sd_status got,
    const struct sd_error *err)
{
	if (got == want)
		return;
	print_error("%s:%d: status %d, wanted %d; message: %s\n", file, line, (int)got,
	    (int)want, err != NULL ? err->msg : "-");
	_fail(file, line);
}

void
td_expect_msg_at(const char *file, int line, sd_status want, sd_status got,
    const struct sd_error *err, const char *fragment)
{
	td_expect_at(file, line, want, got, err);
	if (err == NULL || strstr(err->msg, fragment) == NULL) {
		print_error("%s:%d: message \"%s\" lacks \"%s\"\n", file, line,
		    err != NULL ? err->msg : "-", fragment);
		_fail(file, line);
	}
}

void
td_str_at(const char *file, int line, const char *got, const char *want)
{
	if (got == NULL && want == NULL)
		return;
	if (got != NULL && want != NULL && strcmp(got, want) == 0)
		return;
	print_error("%s:%d: got %s%s%s, wanted %s%s%s\n", file, line,
	    got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
	    want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	_fail(file, line);
}

void
td_open_desk(struct td *t)
{
	struct sd_error err = { 0 };

	assert_false(t->open);
	td_expect(SD_OK, fx_open(&t->d, t->ini, t->now, &err), &err);
	t->open = true;
	assert_true(fx_as(&t->d, t->login));
}

void
td_close_desk(struct td *t)
{
	if (t->open)
		sd_desk_close(&t->d);
	t->open = false;
}

pid_t
td_fork_desk(struct td *t, const char *login, struct sd_desk *d)
{
	struct sd_desk_options o = { .config = t->ini };
	struct sd_error err = { 0 };
	pid_t pid;

	/* No LMDB environment may cross a fork: close ours first. */
	td_close_desk(t);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (login == NULL)
			return 0;
		setenv("SEDESK_USER", login, 1);
		if (sd_desk_open(d, &o, &err) != SD_OK)
			_exit(2);
		return 0;
	}
	td_open_desk(t);
	return pid;
}

struct td *
td_new(void)
{
	struct td *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	if (!fx_mkdtemp(t->dir, sizeof t->dir, "unit")) {
		free(t);
		return NULL;
	}
	if (!fx_write_config(t->dir, NULL, t->ini, sizeof t->ini)) {
		fx_rmtree(t->dir);
		free(t);
		return NULL;
	}
	snprintf(t->login, sizeof t->login, "ann");
	t->now = td_time(TD_NOW);
	td_open_desk(t);
	td_enterprise(t, "Café De Kroon", "0403.170.701", "horeca", t->ent);
	return t;
}

void
td_free(struct td *t)
{
	if (t == NULL)
		return;
	td_close_desk(t);
	fx_rmtree(t->dir);
	free(t);
}

int
td_setup(void **state)
{
	*state = td_new();
	return *state != NULL ? 0 : -1;
}

int
td_teardown(void **state)
{
	td_free(*state);
	*state = NULL;
	return 0;
}

void
td_as(struct td *t, const char *login)
{
	if (!fx_as(&t->d, login))
		fail_msg("td_as: %s is not a configured officer", login);
	snprintf(t->login, sizeof t->login, "%s", login);
}

void
td_at(struct td *t, const char *rfc3339)
{
	t->now = td_time(rfc3339);
	t->d.fixed_now = t->now;
}

void
td_kbo(unsigned n, char out[16])
{
	/* First digit 0, then 7 digits of n: the first 8 digits; check = 97 - mod 97. */
	unsigned long first8 = n % 10000000UL;
	unsigned check = 97 - (unsigned)(first8 % 97);
	char digits[11];

	snprintf(digits, sizeof digits, "%08lu%02u", first8, check);
	snprintf(out, 16, "%.4s.%.3s.%.3s", digits, digits + 4, digits + 7);
}

void
td_enterprise(struct td *t, const char *name, const char *number, const char *tags,
    char id[SD_UUID_STR])
{
	uint8_t raw[SD_UUID_LEN];
	struct sd_error err = { 0 };

	td_expect(SD_OK, fx_enterprise(&t->d, name, number, NULL, tags, NULL, raw, &err), &err);
	if (id != NULL)
		sd_uuid_format(raw, id);
}

void
td_case_as_me(struct td *t, const char *ent, const char *subject, const char *category,
    enum sd_priority priority, char num[SD_CASE_NUMBER_MAX])
{
	struct sd_case_input in = { 0 };
	struct sd_error err = { 0 };

	in.enterprise = ent;
	in.subject = subject;
	in.category = category;
	in.priority = priority;
	td_expect(SD_OK, fx_case(&t->d, &in, num, &err), &err);
}

void
td_case(struct td *t, const char *ent, const char *subject, const char *category,
    enum sd_priority priority, char num[SD_CASE_NUMBER_MAX])
{
	const struct sd_officer *me = t->d.me;

	t->d.me = sd_config_officer(&t->d.cfg, "ann");
	td_case_as_me(t, ent, subject, category, priority, num);
	t->d.me = me;
}

/* Runs one route call as login, restoring the caller. */
static void
route_call(struct td *t, const char *login, const char *num, const char *dept,
    const char *text, int what)
{
	const struct sd_officer *me = t->d.me;
	struct sd_error err = { 0 };
	const char *depts[1] = { dept };
	sd_status s = SD_FAIL;

	t->d.me = sd_config_officer(&t->d.cfg, login);
	assert_non_null(t->d.me);
	switch (what) {
	case 0: s = sd_case_route(&t->d, num, depts, 1, text, 0, &err); break;
	case 1: s = sd_case_pickup(&t->d, num, dept, 0, &err); break;
	case 2: s = sd_case_answer(&t->d, num, dept, text, 0, &err); break;
	case 3: s = sd_case_decline(&t->d, num, dept, text, 0, &err); break;
	}
	t->d.me = me;
	td_expect(SD_OK, s, &err);
}

void
td_route(struct td *t, const char *num, const char *dept)
{
	route_call(t, "ann", num, dept, NULL, 0);
}

void
td_pickup(struct td *t, const char *login, const char *num, const char *dept)
{
	route_call(t, login, num, dept, NULL, 1);
}

void
td_answer(struct td *t, const char *login, const char *num, const char *dept, const char *text)
{
	route_call(t, login, num, dept, text, 2);
}

void
td_decline(struct td *t, const char *login, const char *num, const char *dept,
    const char *reason)
{
	route_call(t, login, num, dept, reason, 3);
}

void
td_view(struct td *t, const char *num, struct sd_case_view *v)
{
	const struct sd_officer *me = t->d.me;
	struct sd_error err = { 0 };
	sd_status s;

	/* As the administrator, who sees every case, whoever the caller is. */
	t->d.me = sd_config_officer(&t->d.cfg, "root");
	s = sd_case_get(&t->d, num, v, &err);
	t->d.me = me;
	td_expect(SD_OK, s, &err);
}

uint32_t
td_version(struct td *t, const char *num)
{
	struct sd_case_view v;
	uint32_t ver;

	td_view(t, num, &v);
	ver = v.c.version;
	sd_case_view_free(&v);
	return ver;
}

size_t
td_journal_len(struct td *t, const char *num)
{
	struct sd_case_view v;
	size_t n;

	td_view(t, num, &v);
	n = v.njournal;
	sd_case_view_free(&v);
	return n;
}

enum sd_case_status
td_status(struct td *t, const char *num)
{
	struct sd_case_view v;
	enum sd_case_status s;

	td_view(t, num, &v);
	s = v.c.status;
	sd_case_view_free(&v);
	return s;
}

const struct sd_route *
td_find_route(const struct sd_case_view *v, const char *dept)
{
	for (size_t i = 0; i < v->nroutes; i++) {
		if (v->routes[i].dept != NULL && strcmp(v->routes[i].dept, dept) == 0)
			return &v->routes[i];
	}
	return NULL;
}

enum sd_route_state
td_route_state(struct td *t, const char *num, const char *dept)
{
	struct sd_case_view v;
	const struct sd_route *r;
	enum sd_route_state s;

	td_view(t, num, &v);
	r = td_find_route(&v, dept);
	s = r != NULL ? r->state : SD_ROUTE_NONE;
	sd_case_view_free(&v);
	return s;
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t
td_fingerprint(struct td *t)
{
	uint64_t h = 14695981039346656037ULL;
	MDB_txn *txn;
	int rc;

	rc = mdb_txn_begin(t->d.store->env, NULL, MDB_RDONLY, &txn);
	assert_int_equal(rc, 0);
	for (int i = 0; i < SD_DB_COUNT; i++) {
		MDB_cursor *cur;
		MDB_val k, v;
		uint64_t n = 0;

		assert_int_equal(mdb_cursor_open(txn, t->d.store->dbi[i], &cur), 0);
		h = fnv(h, &i, sizeof i);
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			h = fnv(h, &k.mv_size, sizeof k.mv_size);
			h = fnv(h, k.mv_data, k.mv_size);
			h = fnv(h, &v.mv_size, sizeof v.mv_size);
			h = fnv(h, v.mv_data, v.mv_size);
			n++;
		}
		h = fnv(h, &n, sizeof n);
		mdb_cursor_close(cur);
		assert_int_equal(rc, MDB_NOTFOUND);
	}
	mdb_txn_abort(txn);
	return h;
}

size_t
td_count(struct td *t, enum sd_dbi db)
{
	MDB_txn *txn;
	MDB_stat st;

	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, MDB_RDONLY, &txn), 0);
	assert_int_equal(mdb_stat(txn, t->d.store->dbi[db], &st), 0);
	mdb_txn_abort(txn);
	return st.ms_entries;
}

bool
td_dutch_available(void)
{
	char mo[4096];

	snprintf(mo, sizeof mo, "%s/nl/LC_MESSAGES/sedesk.mo", LOCALEDIR);
	return access(mo, R_OK) == 0;
}
