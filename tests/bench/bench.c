/*
 * The benchmark: the same questions asked of a generated sedesk desk and
 * of the same data in SQLite, in one process with many repetitions, and
 * a few whole-process measurements (import, start-up to the first drawn
 * inbox in a pseudo-terminal).  Writes a Markdown section for RESULTS.md.
 *
 *   bench --desk DIR --sqlite FILE --small DIR --small-sqlite FILE
 *	   --sedesk BIN --csv IMPORT.csv --work TMPDIR --scale NAME --out FILE.md
 *
 * Every timing is CLOCK_MONOTONIC around the call (sedesk) or around
 * binding, stepping every row and resetting a prepared statement
 * (SQLite), on a warm cache: each operation runs a few times before it
 * is measured.  Ratios are SQLite's time over sedesk's: above 1, sedesk
 * is faster.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lmdb.h>
#include <sqlite3.h>

#include "benchlib.h"
#include "sqlschema.h"	/* bulk: the case import row's SQLite tables */
#include "../fixture/fixture.h"
#include "sedesk/case.h"
#include "sedesk/enterprise.h"
#include "sedesk/import.h"
#include "sedesk/report.h"
#include "sedesk/text.h"
#include "sedesk/search.h"
#include "sedesk/timeline.h"

/* --- options and output ------------------------------------------------------------- */

static const char *o_desk, *o_sqlite, *o_small, *o_small_sqlite, *o_sedesk, *o_csv, *o_work,
    *o_scale = "100k", *o_out;

static struct sd_buf md;	/* the section being written */

static void
out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
out(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sd_buf_adds(&md, buf);
}

static void
progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
progress(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
}

static void
die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* --- results -------------------------------------------------------------------------- */

/* One row of a comparison table. */
struct row {
	char		 what[256];
	const char	*group;
	struct bl_samples a, b;		/* sedesk, SQLite: wall-clock time */
	struct bl_samples ac, bc;	/* the same, time on the CPU (this thread) */
	char		 note[256];
	bool		 read;		/* a read operation (target: faster than SQLite) */
	bool		 page;		/* a list page or opened case (target: < 1 ms p99) */
	bool		 search;	/* a search (target: < 20 ms p99) */
};

#define MAX_ROWS 64
static struct row rows[MAX_ROWS];
static size_t nrows;

static struct row *
new_row(const char *group, const char *what)
{
	struct row *r;

	if (nrows == MAX_ROWS)
		die("too many rows");
	r = &rows[nrows++];
	memset(r, 0, sizeof *r);
	r->group = group;
	snprintf(r->what, sizeof r->what, "%s", what);
	return r;
}

static struct row *
find_row(const char *what)
{
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i].what, what) == 0)
			return &rows[i];
	return NULL;
}

/* This thread's CPU time: what a measurement cost without the waits for a CPU. */
static int64_t
cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Starts a measurement; stop() adds wall and CPU time to the samples when keep. */
struct watch {
	int64_t	wall, cpu;
};
static struct watch
start(void)
{
	return (struct watch){ bl_now_ns(), cpu_ns() };
}
static void
stop(struct watch w, bool keep, struct bl_samples *wall, struct bl_samples *cpu)
{
	int64_t t = bl_now_ns() - w.wall, c = cpu_ns() - w.cpu;

	if (keep) {
		bl_add(wall, t);
		bl_add(cpu, c);
	}
}

/* --- sedesk ----------------------------------------------------------------------------- */

static struct sd_desk big, small;

static void
as(struct sd_desk *d, const char *login)
{
	bl_as(d, login);
}

static void
check(sd_status s, const char *what, const struct sd_error *err)
{
	if (s != SD_OK)
		die("%s: %s", what, err->msg);
}

/* --- SQLite ------------------------------------------------------------------------------ */

static sqlite3 *sq, *sq_small;

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("sqlite: %s\n%s", sqlite3_errmsg(db), sql);
	return st;
}

static void
sql_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("sqlite: %s\n%s", msg, sql);
}

/*
 * Steps every row and reads every column (text is touched, as a front end
 * copies what it shows); returns the rows.  Resets the statement.
 */
static size_t
drain(sqlite3_stmt *st)
{
	size_t n = 0;
	volatile size_t sink = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int nc = sqlite3_column_count(st);
		for (int i = 0; i < nc; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_TEXT) {
				const unsigned char *t = sqlite3_column_text(st, i);
				sink += (size_t)sqlite3_column_bytes(st, i) + (t ? t[0] : 0);
			} else {
				sink += (size_t)sqlite3_column_int64(st, i);
			}
		}
		n++;
	}
	if (rc != SQLITE_DONE)
		die("sqlite step: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
	(void)sink;
	return n;
}

/* The plan SQLite chose, on one line, for the report. */
static void
plan_of(sqlite3 *db, const char *sql, char *outp, size_t n)
{
	struct sd_buf q = { 0 };
	sqlite3_stmt *st;

	sd_buf_addf(&q, "EXPLAIN QUERY PLAN %s", sql);
	st = prep(db, q.data);
	outp[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t l = strlen(outp);
		snprintf(outp + l, n - l, "%s%s", l ? "; " : "",
		    (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	sd_buf_free(&q);
}

/* The plans of the SQLite queries, for the report. */
static struct sd_buf plans;

static void
note_plan(const char *label, const char *sql)
{
	char p[1024];

	plan_of(sq, sql, p, sizeof p);
	sd_buf_addf(&plans, "| %s | %s |\n", label, p);
}

static sqlite3_int64
case_id(struct sd_case_key k)
{
	return ((sqlite3_int64)k.year << 32) | k.seq;
}

/* The columns of a list row: the case, its enterprise's name, its routes. */
#define ROW_COLS "c.id, c.number, c.subject, c.status, c.priority, c.due, c.owner, c.category," \
	" c.created, e.name, (SELECT group_concat(dept || ':' || state, ' ') FROM route" \
	" WHERE case_id = c.id)"

/* --- the benchmark's "today" ------------------------------------------------------------- */

static sd_day today;

/* --- 1. inbox ----------------------------------------------------------------------------- */

static const char *const officer_depts_chris[] = { "wel", "werk" };
static const char *const officer_depts_els[] = { "omg", "fin", "com" };

static char *
officer_inbox_sql(const char *const *depts, size_t n, size_t limit)
{
	struct sd_buf b = { 0 };

	sd_buf_adds(&b, "WITH ids(id, dept) AS (");
	for (size_t i = 0; i < n; i++) {
		for (int st = 1; st <= 2; st++)
			sd_buf_addf(&b, "%sSELECT * FROM (SELECT case_id, dept FROM route WHERE dept = '%s'"
			    " AND state = %d ORDER BY case_id DESC LIMIT %zu)", i || st > 1 ?
			    " UNION ALL " : "", depts[i], st, limit);
	}
	sd_buf_addf(&b, ") SELECT " ROW_COLS ", r.due FROM ids JOIN cases c ON c.id = ids.id"
	    " JOIN route r ON r.case_id = ids.id AND r.dept = ids.dept"
	    " JOIN enterprise e ON e.id = c.enterprise"
	    " ORDER BY (r.due < ?1) DESC, c.priority DESC, r.due, c.id DESC LIMIT %zu", limit);
	return sd_buf_take(&b);
}

static char *
contact_inbox_sql(size_t limit)
{
	struct sd_buf b = { 0 };

	sd_buf_addf(&b, "WITH ids(id, reason) AS ("
	    "SELECT * FROM (SELECT id, 0 FROM cases WHERE status IN (1, 2, 3, 4) AND due < ?1"
	    " ORDER BY due LIMIT %zu)"
	    " UNION ALL SELECT * FROM (SELECT id, 1 FROM cases WHERE status = 4 ORDER BY id DESC LIMIT %zu)"
	    " UNION ALL SELECT * FROM (SELECT id, 2 FROM cases WHERE status = 1 ORDER BY id DESC LIMIT %zu)),"
	    " u(id, reason) AS (SELECT id, min(reason) FROM ids GROUP BY id)"
	    " SELECT " ROW_COLS ", u.reason FROM u JOIN cases c ON c.id = u.id"
	    " JOIN enterprise e ON e.id = c.enterprise"
	    " ORDER BY (c.status IN (1, 2, 3, 4) AND c.due < ?1) DESC, c.priority DESC, c.due,"
	    " c.id DESC LIMIT %zu", limit, limit, limit, limit);
	return sd_buf_take(&b);
}

static void
bench_inbox(const char *login, const char *const *depts, size_t ndepts, size_t limit, int reps)
{
	char what[160], *sql;
	struct sd_case_rows rws;
	struct sd_error err;
	sqlite3_stmt *st;
	struct row *r;
	size_t na = 0, nb = 0;

	snprintf(what, sizeof what, "inbox, first %zu rows, %s (%s)", limit, login,
	    depts ? "officer" : "contact point");
	r = new_row("Lists", what);
	r->read = true;
	r->page = limit <= 50;
	as(&big, login);
	for (int i = -5; i < reps; i++) {
		struct watch w = start();
		check(sd_inbox(&big, limit, &rws, &err), "inbox", &err);
		stop(w, i >= 0, &r->a, &r->ac);
		na = rws.n;
		sd_case_rows_free(&rws);
	}
	sql = depts ? officer_inbox_sql(depts, ndepts, limit) : contact_inbox_sql(limit);
	st = prep(sq, sql);
	if (limit == 50)
		note_plan(what, sql);
	for (int i = -5; i < reps; i++) {
		struct watch w = start();
		sqlite3_bind_int(st, 1, today);
		nb = drain(st);
		stop(w, i >= 0, &r->b, &r->bc);
	}
	sqlite3_finalize(st);
	free(sql);
	snprintf(r->note, sizeof r->note, "%zu / %zu rows", na, nb);
	progress("%s: done", what);
}

/* --- 2. paging through lists --------------------------------------------------------------- */

static void
bench_paging(const char *label, enum sd_case_status status, const char *dept, size_t pages,
    int rounds)
{
	char what[160];
	struct sd_case_filter f = { .status = status, .dept = dept };
	struct sd_error err;
	struct row *r;
	sqlite3_stmt *st;
	size_t total_a = 0, total_b = 0;

	snprintf(what, sizeof what, "case list %s: pages of 50, first %zu pages", label, pages);
	r = new_row("Lists", what);
	r->read = r->page = true;
	as(&big, "root");
	for (int round = -1; round < rounds; round++) {
		struct sd_page_cursor cur = { 0 };
		total_a = 0;
		for (size_t p = 0; p < pages; p++) {
			struct sd_case_rows rws;
			struct watch w = start();
			check(sd_case_list(&big, &f, &cur, 50, &rws, &err), "case list", &err);
			stop(w, round >= 0, &r->a, &r->ac);
			total_a += rws.n;
			cur = rws.next;
			bool more = rws.more;
			sd_case_rows_free(&rws);
			if (!more)
				break;
		}
	}
	{
		const char *sql = dept != NULL ?
		    "SELECT " ROW_COLS " FROM route r JOIN cases c ON c.id = r.case_id"
		    " JOIN enterprise e ON e.id = c.enterprise WHERE r.dept = ?1 AND r.case_id < ?2"
		    " ORDER BY r.case_id DESC LIMIT 50" :
		    "SELECT " ROW_COLS " FROM cases c JOIN enterprise e ON e.id = c.enterprise"
		    " WHERE c.status = ?1 AND c.id < ?2 ORDER BY c.id DESC LIMIT 50";
		st = prep(sq, sql);
		note_plan(what, sql);
	}
	for (int round = -1; round < rounds; round++) {
		sqlite3_int64 last = INT64_MAX;
		total_b = 0;
		for (size_t p = 0; p < pages; p++) {
			size_t n = 0;
			struct watch w = start();
			if (dept != NULL)
				sqlite3_bind_text(st, 1, dept, -1, SQLITE_STATIC);
			else
				sqlite3_bind_int(st, 1, status);
			sqlite3_bind_int64(st, 2, last);
			/* drain(), keeping the last id for the next page. */
			while (sqlite3_step(st) == SQLITE_ROW) {
				volatile size_t sink = 0;
				for (int i = 0; i < sqlite3_column_count(st); i++)
					sink += (size_t)sqlite3_column_bytes(st, i);
				(void)sink;
				last = sqlite3_column_int64(st, 0);
				n++;
			}
			sqlite3_reset(st);
			stop(w, round >= 0, &r->b, &r->bc);
			total_b += n;
			if (n < 50)
				break;
		}
	}
	sqlite3_finalize(st);
	snprintf(r->note, sizeof r->note, "%zu / %zu rows per pass", total_a, total_b);
	progress("%s: done", what);
}

/* --- 3. opening a case -------------------------------------------------------------------- */

static struct sd_case_key *keys;
static size_t nkeys;

static void
load_keys(void)
{
	sqlite3_stmt *st = prep(sq, "SELECT id FROM cases ORDER BY id");
	size_t cap = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (nkeys == cap) {
			cap = cap ? cap * 2 : 1024;
			keys = realloc(keys, cap * sizeof *keys);
		}
		keys[nkeys].year = (uint16_t)(id >> 32);
		keys[nkeys].seq = (uint32_t)id;
		nkeys++;
	}
	sqlite3_finalize(st);
	if (nkeys == 0)
		die("no cases in %s", o_sqlite);
}

static void
bench_open_case(int reps)
{
	struct row *r = new_row("Cases", "open a case (random number): case, enterprise, routes, journal");
	sqlite3_stmt *c, *rt, *j;
	struct bl_rng rng;
	struct sd_error err;
	size_t jn = 0;

	r->read = r->page = true;
	as(&big, "root");
	bl_seed(&rng, 42);
	for (int i = -20; i < reps; i++) {
		struct sd_case_view v;
		char num[SD_CASE_NUMBER_MAX];
		sd_case_number_format(keys[bl_below(&rng, nkeys)], num);
		struct watch w = start();
		check(sd_case_get(&big, num, &v, &err), "case get", &err);
		stop(w, i >= 0, &r->a, &r->ac);
		jn += v.njournal;
		sd_case_view_free(&v);
	}
	c = prep(sq, "SELECT c.*, e.* FROM cases c JOIN enterprise e ON e.id = c.enterprise WHERE c.id = ?1");
	rt = prep(sq, "SELECT * FROM route WHERE case_id = ?1");
	j = prep(sq, "SELECT * FROM journal WHERE case_id = ?1 ORDER BY id");
	note_plan("open a case: the case", "SELECT c.*, e.* FROM cases c JOIN enterprise e ON e.id = c.enterprise WHERE c.id = ?1");
	note_plan("open a case: its journal", "SELECT * FROM journal WHERE case_id = ?1 ORDER BY id");
	bl_seed(&rng, 42);
	for (int i = -20; i < reps; i++) {
		sqlite3_int64 id = case_id(keys[bl_below(&rng, nkeys)]);
		struct watch w = start();
		sqlite3_bind_int64(c, 1, id);
		sqlite3_bind_int64(rt, 1, id);
		sqlite3_bind_int64(j, 1, id);
		if (drain(c) != 1)
			die("sqlite: case %lld missing", (long long)id);
		drain(rt);
		drain(j);
		stop(w, i >= 0, &r->b, &r->bc);
	}
	sqlite3_finalize(c);
	sqlite3_finalize(rt);
	sqlite3_finalize(j);
	snprintf(r->note, sizeof r->note, "%.1f journal entries per case", (double)jn / (reps + 20));
	progress("open case: done");
}

/* --- 4b. timeline and reach (issue 12) ---------------------------------------------------- */

/*
 * An enterprise's timeline (its first page of 50, newest first) and the
 * "not contacted since a year ago" list (its first page of 50).  sedesk
 * reads its timeline and last-contact indexes; SQLite has the natural
 * schema: the enterprise's cases, contact moments and invitations or
 * attendances by their enterprise indexes, united and sorted by date, and
 * the last contact as an aggregate over every case, held moment and
 * attended event (there is no maintained last-contact column).
 */
struct busiest {
	sqlite3_int64	 id;		/* SQLite's enterprise id */
	char		 uuid[SD_UUID_STR];
	long		 entries, cases, moments, events;
};

/* The enterprise with the most timeline entries in db (cases, moments, events). */
static void
find_busiest(sqlite3 *db, struct busiest *b)
{
	sqlite3_stmt *st = prep(db, "SELECT t.enterprise, e.uuid, sum(t.n) AS n, "
	    "sum(t.n * (t.k = 'C')), sum(t.n * (t.k = 'M')), sum(t.n * (t.k = 'V')) FROM ("
	    "SELECT enterprise, 'C' AS k, count(*) AS n FROM cases GROUP BY enterprise UNION ALL "
	    "SELECT enterprise, 'M', count(*) FROM moment GROUP BY enterprise UNION ALL "
	    "SELECT enterprise, 'V', count(*) FROM attendance GROUP BY enterprise) t "
	    "JOIN enterprise e ON e.id = t.enterprise GROUP BY t.enterprise "
	    "ORDER BY n DESC, t.enterprise LIMIT 1");

	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_bytes(st, 1) != SD_UUID_LEN)
		die("sqlite: no enterprise with timeline entries");
	b->id = sqlite3_column_int64(st, 0);
	sd_uuid_format(sqlite3_column_blob(st, 1), b->uuid);
	b->entries = (long)sqlite3_column_int64(st, 2);
	b->cases = (long)sqlite3_column_int64(st, 3);
	b->moments = (long)sqlite3_column_int64(st, 4);
	b->events = (long)sqlite3_column_int64(st, 5);
	sqlite3_finalize(st);
}

/*
 * The enterprise whose first page (its newest 50 entries) holds the most
 * contact moments and events, among those with a full page: the busiest
 * enterprise's first page is all cases.  entries: all its entries; cases,
 * moments, events: those of its first page.
 */
static void
find_mixed(sqlite3 *db, struct busiest *b)
{
	sqlite3_stmt *st = prep(db, "WITH t AS ("
	    "SELECT enterprise, 'C' AS k, created AS at FROM cases UNION ALL "
	    "SELECT enterprise, 'M', at FROM moment UNION ALL "
	    "SELECT a.enterprise, 'V', v.start FROM attendance a JOIN event v ON v.id = a.event), "
	    "r AS (SELECT enterprise, k, row_number() OVER (PARTITION BY enterprise "
	    "ORDER BY at DESC) AS rn, count(*) OVER (PARTITION BY enterprise) AS n FROM t) "
	    "SELECT r.enterprise, e.uuid, max(r.n), sum(r.k = 'C'), sum(r.k = 'M'), "
	    "sum(r.k = 'V') FROM r JOIN enterprise e ON e.id = r.enterprise "
	    "WHERE r.rn <= 50 AND r.n >= 50 GROUP BY r.enterprise "
	    "ORDER BY sum(r.k <> 'C') DESC, max(r.n) DESC, r.enterprise LIMIT 1");

	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_bytes(st, 1) != SD_UUID_LEN)
		die("sqlite: no enterprise with a full timeline page");
	b->id = sqlite3_column_int64(st, 0);
	sd_uuid_format(sqlite3_column_blob(st, 1), b->uuid);
	b->entries = (long)sqlite3_column_int64(st, 2);
	b->cases = (long)sqlite3_column_int64(st, 3);
	b->moments = (long)sqlite3_column_int64(st, 4);
	b->events = (long)sqlite3_column_int64(st, 5);
	sqlite3_finalize(st);
}

static struct busiest busiest_big, busiest_small, mixed_big, mixed_small;
static sd_day reach_since;	/* a year before the benchmark's today */

/* Cases at their creation, moments at their time, events at their start. */
#define TIMELINE_SQL \
	"SELECT kind, ref, title, state, at FROM (" \
	"SELECT 'case' AS kind, c.number AS ref, c.subject AS title, c.status AS state, " \
	"c.created AS at FROM cases c WHERE c.enterprise = ?1 UNION ALL " \
	"SELECT 'moment', m.uuid, m.text, m.state, m.at FROM moment m WHERE m.enterprise = ?1 " \
	"UNION ALL SELECT 'event', v.uuid, v.title, a.state, v.start FROM attendance a " \
	"JOIN event v ON v.id = a.event WHERE a.enterprise = ?1) " \
	"ORDER BY at DESC LIMIT 50"
/* Contact: a case, a held moment (state 2), an attended event (state 3). */
#define REACH_SQL \
	"SELECT e.id, e.name, e.number, e.city, m.last FROM enterprise e " \
	"LEFT JOIN (SELECT enterprise, max(at) AS last FROM (" \
	"SELECT enterprise, created AS at FROM cases UNION ALL " \
	"SELECT enterprise, at FROM moment WHERE state = 2 UNION ALL " \
	"SELECT a.enterprise, v.start FROM attendance a JOIN event v ON v.id = a.event " \
	"WHERE a.state = 3) GROUP BY enterprise) m " \
	"ON m.enterprise = e.id WHERE m.last IS NULL OR m.last < ?1 " \
	"ORDER BY m.last IS NOT NULL, m.last, e.id LIMIT 50"

/* The first page of b's timeline, as the row what. */
static void
bench_one_timeline(const char *what, const struct busiest *b, int reps)
{
	struct row *r;
	struct sd_error err;
	sqlite3_stmt *st;
	size_t na = 0, nb = 0, kinds[SD_TL_RECOGNITION + 1] = { 0 };

	r = new_row("Timeline and reach", what);
	r->read = r->page = true;
	as(&big, "root");
	for (int i = -5; i < reps; i++) {
		struct sd_timeline_page p;
		struct watch w = start();
		check(sd_enterprise_timeline(&big, b->uuid, NULL, 50, &p, &err), "timeline", &err);
		stop(w, i >= 0, &r->a, &r->ac);
		na = p.n;
		memset(kinds, 0, sizeof kinds);
		for (size_t k = 0; k < p.n; k++)
			kinds[p.items[k].kind]++;
		sd_timeline_page_free(&p);
	}
	st = prep(sq, TIMELINE_SQL);
	for (int i = -5; i < reps; i++) {
		struct watch w = start();
		sqlite3_bind_int64(st, 1, b->id);
		nb = drain(st);
		stop(w, i >= 0, &r->b, &r->bc);
	}
	sqlite3_finalize(st);
	snprintf(r->note, sizeof r->note, "%zu / %zu rows; sedesk's page: cases %zu, contact moments "
	    "%zu, events %zu", na, nb, kinds[SD_TL_CASE], kinds[SD_TL_MOMENT], kinds[SD_TL_EVENT]);
}

static void
bench_timeline(int reps)
{
	struct row *r;
	struct sd_error err;
	sqlite3_stmt *st;
	size_t na = 0, nb = 0;
	char what[300];
	/* A year ago, in the seconds SQLite's created column holds. */
	sqlite3_int64 since_s = (sqlite3_int64)reach_since * 86400;

	note_plan("enterprise timeline, first 50", TIMELINE_SQL);
	snprintf(what, sizeof what, "enterprise timeline, first 50 entries (the enterprise with "
	    "the most: %ld entries, of which %ld cases, %ld contact moments, %ld events)",
	    busiest_big.entries, busiest_big.cases, busiest_big.moments, busiest_big.events);
	bench_one_timeline(what, &busiest_big, reps);
	snprintf(what, sizeof what, "enterprise timeline, first 50 entries (the enterprise whose "
	    "first page holds the most moments and events: %ld entries; its first 50: %ld cases, "
	    "%ld contact moments, %ld events)", mixed_big.entries, mixed_big.cases,
	    mixed_big.moments, mixed_big.events);
	bench_one_timeline(what, &mixed_big, reps);
	progress("timeline: done");

	r = new_row("Timeline and reach", "enterprises not contacted since a year ago, first 50 "
	    "(never contacted first)");
	r->read = r->page = true;
	for (int i = -5; i < reps; i++) {
		struct sd_ent_contact_list l;
		struct watch w = start();
		check(sd_enterprise_not_contacted(&big, reach_since, NULL, 50, &l, &err),
		    "not contacted", &err);
		stop(w, i >= 0, &r->a, &r->ac);
		na = l.n;
		sd_ent_contact_list_free(&l);
	}
	st = prep(sq, REACH_SQL);
	note_plan("enterprises not contacted since, first 50", REACH_SQL);
	/* The aggregate over every case is slow: fewer repetitions, and said so. */
	for (int i = -2; i < reps / 10; i++) {
		struct watch w = start();
		sqlite3_bind_int64(st, 1, since_s);
		nb = drain(st);
		stop(w, i >= 0, &r->b, &r->bc);
	}
	sqlite3_finalize(st);
	snprintf(r->note, sizeof r->note, "%zu / %zu rows; SQLite %d repetitions", na, nb,
	    reps / 10);
	progress("not contacted: done");
}

/* --- reports (issue 14): each report for a year, against the same as SQL -------------------- */

/*
 * The SQL of each report over the copy: what it counts, grouped as the
 * report groups it.  SQLite computes no working days or medians here: its
 * side counts and averages calendar days, which is less than the report.
 */
#define RPT_DEPT_SQL \
	"SELECT dept, COUNT(*), SUM(picked_up > 0), SUM(state = 3), SUM(state = 4), " \
	"SUM(state = 5), SUM(round - 1), AVG(CASE WHEN state = 3 THEN finished - routed END) " \
	"FROM route WHERE routed BETWEEN ?1 AND ?2 GROUP BY dept"
#define RPT_SILOS_SQL \
	"SELECT n, COUNT(*) FROM (SELECT c.id, COUNT(r.dept) AS n FROM cases c " \
	"LEFT JOIN route r ON r.case_id = c.id WHERE c.created BETWEEN ?1 AND ?2 " \
	"GROUP BY c.id) GROUP BY n"
#define RPT_RECOG_SQL \
	"SELECT strftime('%Y-%m', closed, 'unixepoch') AS m, category, satisfaction, COUNT(*) " \
	"FROM cases WHERE status = 6 AND closed BETWEEN ?1 AND ?2 GROUP BY m, category, " \
	"satisfaction"
#define RPT_BACKLOG_SQL \
	"SELECT status, (?2 - created) / 86400 / 30 AS age, COUNT(*) FROM cases " \
	"WHERE status != 6 AND created >= ?1 GROUP BY status, age"
#define RPT_CHAN_SQL \
	"SELECT strftime('%Y-%m', created, 'unixepoch') AS m, channel, category, COUNT(*) " \
	"FROM cases WHERE created BETWEEN ?1 AND ?2 GROUP BY m, channel, category"

static void
bench_reports(int reps)
{
	static const struct {
		enum sd_report_kind k;
		const char *sql;
	} rep[] = {
		{ SD_REPORT_DEPARTMENTS, RPT_DEPT_SQL }, { SD_REPORT_SILOS, RPT_SILOS_SQL },
		{ SD_REPORT_RECOGNITION, RPT_RECOG_SQL }, { SD_REPORT_BACKLOG, RPT_BACKLOG_SQL },
		{ SD_REPORT_CHANNELS, RPT_CHAN_SQL },
	};
	int y, m, dd;
	struct sd_report_filter f = { SD_NO_DAY, SD_NO_DAY, NULL, NULL };
	char period[64];

	as(&big, "dina");
	/*
	 * Two periods: the last whole year of the generated data, and the
	 * whole history (ten years at 1m: "any period" at its longest).
	 */
	for (int p = 0; p < 2; p++) {
		sd_day_to_ymd(today, &y, &m, &dd);
		if (p == 0) {
			f.from = sd_day_from_ymd(y - 1, 1, 1);
			f.to = sd_day_from_ymd(y - 1, 12, 31);
			snprintf(period, sizeof period, "for %d", y - 1);
		} else {
			/* The generator's cases reach ten years back at most. */
			f.from = sd_day_from_ymd(y - 11, 1, 1);
			f.to = today;
			snprintf(period, sizeof period, "for %d-01-01 to today (all)", y - 11);
		}
		for (size_t i = 0; i < sizeof rep / sizeof rep[0]; i++) {
			char what[200];
			struct row *r;
			sqlite3_stmt *st;
			unsigned long reads = 0;
			size_t nb = 0;

			snprintf(what, sizeof what, "report %s %s (sd_report_%s)", sd_report_name(rep[i].k),
			    period, sd_report_name(rep[i].k));
			r = new_row("Reports", what);
			r->read = true;
			for (int k = -3; k < reps; k++) {
				struct sd_error err;
				sd_status s = SD_OK;
				unsigned long before = big.store->reads;
				struct watch w = start();
				switch (rep[i].k) {
				case SD_REPORT_DEPARTMENTS: {
					struct sd_report_departments x;
					if ((s = sd_report_departments(&big, &f, &x, &err)) == SD_OK)
						sd_report_departments_free(&x);
					break;
				}
				case SD_REPORT_SILOS: {
					struct sd_report_silos x;
					if ((s = sd_report_silos(&big, &f, &x, &err)) == SD_OK)
						sd_report_silos_free(&x);
					break;
				}
				case SD_REPORT_RECOGNITION: {
					struct sd_report_recognition x;
					if ((s = sd_report_recognition(&big, &f, &x, &err)) == SD_OK)
						sd_report_recognition_free(&x);
					break;
				}
				case SD_REPORT_BACKLOG: {
					struct sd_report_backlog x;
					if ((s = sd_report_backlog(&big, &f, &x, &err)) == SD_OK)
						sd_report_backlog_free(&x);
					break;
				}
				default: {
					struct sd_report_channels x;
					if ((s = sd_report_channels(&big, &f, &x, &err)) == SD_OK)
						sd_report_channels_free(&x);
					break;
				}
				}
				stop(w, k >= 0, &r->a, &r->ac);
				check(s, what, &err);
				reads = big.store->reads - before;
			}
			st = prep(sq, rep[i].sql);
			note_plan(what, rep[i].sql);
			for (int k = -3; k < reps; k++) {
				struct watch w = start();
				sqlite3_bind_int64(st, 1, (sqlite3_int64)f.from * 86400);
				sqlite3_bind_int64(st, 2, (sqlite3_int64)f.to * 86400 + 86399);
				nb = drain(st);
				stop(w, k >= 0, &r->b, &r->bc);
			}
			sqlite3_finalize(st);
			snprintf(r->note, sizeof r->note, "sedesk read %lu aggregate entries; SQLite %zu "
			    "rows; target: under 50 ms", reads, nb);
		}
	}
	as(&big, "root");
	progress("reports: done");
}

/* --- 5. search ---------------------------------------------------------------------------- */

struct query {
	const char	*label;
	char		 text[128];	/* what the user types */
	char		 match[160];	/* FTS5: every word, the last as a prefix */
	long		 docs;		/* documents with the word (rare, common) */
};
static struct query queries[5];
static size_t nqueries;

/* A term of the FTS vocabulary: docs in [lo, hi], letters only, at least minlen bytes. */
static bool
pick_term(long lo, long hi, int minlen, bool most, char *outp, size_t n, long *docs)
{
	char sql[512];
	sqlite3_stmt *st;
	bool ok = false;

	snprintf(sql, sizeof sql, "SELECT term, doc FROM temp.vocab WHERE doc BETWEEN %ld AND %ld"
	    " AND length(term) >= %d AND term NOT GLOB '*[^a-z]*' ORDER BY doc %s, term LIMIT 1",
	    lo, hi, minlen, most ? "DESC" : "ASC");
	st = prep(sq, sql);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(outp, n, "%s", (const char *)sqlite3_column_text(st, 0));
		*docs = sqlite3_column_int64(st, 1);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

/* Documents matching "term"*: a rare word must stay rare as the prefix it is typed as. */
static long
prefix_docs(const char *term)
{
	char q[160];
	sqlite3_stmt *st = prep(sq, "SELECT count(*) FROM search WHERE search MATCH ?1");
	long n = -1;

	snprintf(q, sizeof q, "\"%s\"*", term);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A word in 3–30 documents (at least 8 letters) that is not the start of a commoner word. */
static bool
pick_rare(char *outp, size_t n, long *docs)
{
	/*
	 * In 3–30 documents; at 1m every such word of 8 letters can be the
	 * prefix of a commoner one (the run of 2026-12-01 found none), so the
	 * window widens tenfold until a word is found, and the row says how
	 * many documents the word is in.
	 */
	static const int hi[] = { 30, 300, 3000, 30000 };
	bool ok = false;

	for (size_t k = 0; !ok && k < sizeof hi / sizeof hi[0]; k++) {
		char sql[256];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT term, doc FROM temp.vocab WHERE doc BETWEEN 3 AND "
		    "%d AND length(term) >= 8 AND term NOT GLOB '*[^a-z]*' ORDER BY doc DESC, term "
		    "LIMIT 200", hi[k]);
		st = prep(sq, sql);
		while (!ok && sqlite3_step(st) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			long d = sqlite3_column_int64(st, 1);
			if (prefix_docs(t) <= d + d / 2) {
				snprintf(outp, n, "%s", t);
				*docs = d;
				ok = true;
			}
		}
		sqlite3_finalize(st);
	}
	return ok;
}

static void
add_query(const char *label, const char *text, long docs)
{
	struct query *q = &queries[nqueries++];
	char copy[128], *save = NULL;
	size_t o = 0;

	q->label = label;
	q->docs = docs;
	snprintf(q->text, sizeof q->text, "%s", text);
	snprintf(copy, sizeof copy, "%s", text);
	q->match[0] = '\0';
	for (char *w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		o = strlen(q->match);
		snprintf(q->match + o, sizeof q->match - o, "%s\"%s\"", o ? " " : "", w);
	}
	o = strlen(q->match);
	snprintf(q->match + o, sizeof q->match - o, "*");
}

static void
choose_queries(void)
{
	char rare[64], common[64], medium[64], pre[64], number[32] = "";
	long drare = 0, dcommon = 0, dmed = 0, dpre = 0, ndocs;
	sqlite3_stmt *st;

	sql_exec(sq, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, search, row)");
	st = prep(sq, "SELECT count(*) FROM search");
	sqlite3_step(st);
	ndocs = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/*
	 * At 1m no word of 8 letters in at most 30,000 documents may be left
	 * that is not the start of a commoner one (the 1m run stopped here
	 * after an hour): then the rarest word of 6 letters or more, prefix
	 * or not, and the row says how many documents it is in.
	 */
	if (!pick_rare(rare, sizeof rare, &drare) &&
	    !pick_term(1, ndocs, 6, false, rare, sizeof rare, &drare))
		die("no word of 6 letters or more in the vocabulary");
	if (!pick_term(1, ndocs, 6, true, common, sizeof common, &dcommon))
		die("no common word");
	if (!pick_term(ndocs / 100 + 1, ndocs / 20 + 1, 7, true, medium, sizeof medium, &dmed))
		snprintf(medium, sizeof medium, "%s", common);
	if (!pick_term(ndocs / 50 + 1, ndocs / 5 + 1, 8, true, pre, sizeof pre, &dpre))
		snprintf(pre, sizeof pre, "%s", common);
	pre[4] = '\0';
	{
		char two[128];
		snprintf(two, sizeof two, "%s %s", common, medium);
		add_query("a rare word", rare, drare);
		add_query("a common word", common, dcommon);
		add_query("two words", two, dmed);
		add_query("a prefix (4 letters)", pre, -1);
	}
	/* An enterprise number typed without dots. */
	st = prep(sq, "SELECT number FROM enterprise WHERE number GLOB '0[0-9][0-9][0-9].*'"
	    " ORDER BY id DESC LIMIT 1");
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		size_t o = 0;
		for (; *n && o + 1 < sizeof number; n++)
			if (*n != '.')
				number[o++] = *n;
		number[o] = '\0';
	}
	sqlite3_finalize(st);
	if (number[0] != '\0')
		add_query("an enterprise number (digits)", number, 1);
}

static void
bench_search(int reps)
{
	for (size_t k = 0; k < nqueries; k++) {
		struct query *q = &queries[k];
		char what[200];
		struct row *r;
		sqlite3_stmt *st, *cnt;
		size_t nb = 0, na = 0;
		long total = 0;

		snprintf(what, sizeof what, "search %s: `%s`", q->label, q->text);
		r = new_row("Search", what);
		r->read = r->search = true;
		as(&big, "root");
		for (int i = -3; i < reps; i++) {
			struct sd_hits h;
			struct sd_error err;
			struct watch w = start();
			check(sd_search(&big, q->text, SD_HIT_ANY, 50, &h, &err), "search", &err);
			stop(w, i >= 0, &r->a, &r->ac);
			na = h.n;
			sd_hits_free(&h);
		}
		st = prep(sq, "SELECT rowid, title, snippet(search, -1, '[', ']', '…', 10) FROM search"
		    " WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT 50");
		for (int i = -3; i < reps; i++) {
			struct watch w = start();
			sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
			nb = drain(st);
			stop(w, i >= 0, &r->b, &r->bc);
		}
		sqlite3_finalize(st);
		cnt = prep(sq, "SELECT count(*) FROM search WHERE search MATCH ?1");
		sqlite3_bind_text(cnt, 1, q->match, -1, SQLITE_STATIC);
		if (sqlite3_step(cnt) == SQLITE_ROW)
			total = sqlite3_column_int64(cnt, 0);
		sqlite3_finalize(cnt);
		snprintf(r->note, sizeof r->note, "%zu / %zu hits shown of %ld matching documents", na,
		    nb, total);
		progress("%s: done", what);
	}
}

/* --- 4. durable writes ------------------------------------------------------------------- */

static void
bench_writes(int reps, int cycles)
{
	struct row *rn = new_row("Writes (durable: one commit with fsync each)",
	    "create a case (sd_case_new outside a batch)");
	struct row *rc = new_row("Writes (durable: one commit with fsync each)",
	    "route → pick up → answer (3 commits)");
	struct sd_error err;
	struct sd_case_key *made = calloc((size_t)reps, sizeof *made);
	sqlite3_stmt *ins, *jn, *fts, *maxid, *rins, *cupd, *rupd, *fupd;
	sqlite3_int64 *sqids = calloc((size_t)reps, sizeof *sqids);
	sqlite3_int64 ent = 1;
	const char *note = "Graag jullie advies tegen volgende week over het fietsproject.";
	const char *answer = "Het reglement lokale economie voorziet een premie tot 5.000 euro; "
	    "aanvraag via het e-loket.";

	/* sedesk: the desk as a person uses it, each action its own durable commit. */
	for (int i = 0; i < reps; i++) {
		struct sd_case_input in = { 0 };
		in.subject = "Vraag naar terrasvergunning voor het buurtrestaurant";
		in.description = "De onderneming wil vanaf het voorjaar een terras plaatsen en vraagt "
		    "welke vergunning nodig is en wat de retributie kost.";
		in.category = "permit";
		as(&big, "ann");
		{
			/* Any enterprise: the first of the register by name. */
			static char ref[SD_UUID_STR];
			if (ref[0] == '\0') {
				struct sd_enterprise_list l;
				check(sd_enterprise_list(&big, NULL, NULL, 1, &l, &err), "ent list", &err);
				if (l.n == 0)
					die("no enterprise");
				sd_uuid_format(l.items[0].id, ref);
				sd_enterprise_list_free(&l);
			}
			in.enterprise = ref;
		}
		big.fixed_now = BL_NOW + 60 + i;
		int64_t t = bl_now_ns();
		check(sd_case_new(&big, &in, &made[i], &err), "case new", &err);
		bl_add(&rn->a, bl_now_ns() - t);
	}
	for (int i = 0; i < cycles && i < reps; i++) {
		char num[SD_CASE_NUMBER_MAX];
		const char *depts[] = { "wel" };
		sd_case_number_format(made[i], num);
		int64_t t = bl_now_ns();
		as(&big, "ann");
		check(sd_case_route(&big, num, depts, 1, note, 0, &err), "route", &err);
		as(&big, "chris");
		check(sd_case_pickup(&big, num, "wel", 0, &err), "pickup", &err);
		check(sd_case_answer(&big, num, "wel", answer, 0, &err), "answer", &err);
		bl_add(&rc->a, bl_now_ns() - t);
	}
	big.fixed_now = BL_NOW;

	/* SQLite: WAL with synchronous=FULL, the durable setting; the same rows changed. */
	sql_exec(sq, "PRAGMA synchronous = FULL");
	maxid = prep(sq, "SELECT coalesce(max(id), ?1) + 1 FROM cases WHERE id >= ?1 AND id < ?2");
	ins = prep(sq, "INSERT INTO cases(id, number, uuid, enterprise, subject, description, category,"
	    " owner, channel, priority, status, created, updated, closed, due, satisfaction, version)"
	    " VALUES(?1, ?2, randomblob(16), ?3, ?4, ?5, 'permit', 'ann', 1, 2, 1, ?6, ?6, 0, ?7, 0, 1)");
	jn = prep(sq, "INSERT INTO journal(case_id, at, actor, kind, dept, text, field, old_value,"
	    " new_value) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	fts = prep(sq, "INSERT INTO search(rowid, title, body) VALUES(?1, ?2, ?3)");
	rins = prep(sq, "INSERT INTO route(case_id, dept, state, due, routed, round)"
	    " VALUES(?1, 'wel', 1, ?2, ?3, 1)");
	cupd = prep(sq, "UPDATE cases SET status = ?2, version = version + 1, updated = ?3 WHERE id = ?1");
	rupd = prep(sq, "UPDATE route SET state = ?2, officer = 'chris', answer = ?3,"
	    " picked_up = coalesce(nullif(picked_up, 0), ?4), finished = ?5 WHERE case_id = ?1 AND dept = 'wel'");
	fupd = prep(sq, "UPDATE search SET body = body || ' ' || ?2 WHERE rowid = ?1");
#define J(id, kind, dept, text, field, ov, nv) do { \
		sqlite3_bind_int64(jn, 1, (id)); sqlite3_bind_int64(jn, 2, BL_NOW); \
		sqlite3_bind_text(jn, 3, "ann", -1, SQLITE_STATIC); \
		sqlite3_bind_text(jn, 4, (kind), -1, SQLITE_STATIC); \
		if (dept) sqlite3_bind_text(jn, 5, (dept), -1, SQLITE_STATIC); else sqlite3_bind_null(jn, 5); \
		if (text) sqlite3_bind_text(jn, 6, (text), -1, SQLITE_STATIC); else sqlite3_bind_null(jn, 6); \
		if (field) sqlite3_bind_text(jn, 7, (field), -1, SQLITE_STATIC); else sqlite3_bind_null(jn, 7); \
		if (ov) sqlite3_bind_text(jn, 8, (ov), -1, SQLITE_STATIC); else sqlite3_bind_null(jn, 8); \
		if (nv) sqlite3_bind_text(jn, 9, (nv), -1, SQLITE_STATIC); else sqlite3_bind_null(jn, 9); \
		drain(jn); sqlite3_clear_bindings(jn); } while (0)
	for (int i = 0; i < reps; i++) {
		const char *subject = "Vraag naar terrasvergunning voor het buurtrestaurant";
		const char *desc = "De onderneming wil vanaf het voorjaar een terras plaatsen en vraagt "
		    "welke vergunning nodig is en wat de retributie kost.";
		char num[32], title[128];
		sqlite3_int64 id;
		int64_t t = bl_now_ns();
		sql_exec(sq, "BEGIN IMMEDIATE");
		sqlite3_bind_int64(maxid, 1, (sqlite3_int64)2026 << 32);
		sqlite3_bind_int64(maxid, 2, (sqlite3_int64)2027 << 32);
		sqlite3_step(maxid);
		id = sqlite3_column_int64(maxid, 0);
		sqlite3_reset(maxid);
		snprintf(num, sizeof num, "%04u-%05lu", (unsigned)(id >> 32), (unsigned long)(uint32_t)id);
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, num, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ins, 3, ent);
		sqlite3_bind_text(ins, 4, subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, desc, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 6, BL_NOW);
		sqlite3_bind_int(ins, 7, today + 14);
		drain(ins);
		J(id, "created", NULL, subject, NULL, NULL, NULL);
		snprintf(title, sizeof title, "%s %s", num, subject);
		sqlite3_bind_int64(fts, 1, id);
		sqlite3_bind_text(fts, 2, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(fts, 3, desc, -1, SQLITE_STATIC);
		drain(fts);
		sql_exec(sq, "COMMIT");
		bl_add(&rn->b, bl_now_ns() - t);
		sqids[i] = id;
	}
	for (int i = 0; i < cycles && i < reps; i++) {
		sqlite3_int64 id = sqids[i];
		int64_t t = bl_now_ns();
		/* route */
		sql_exec(sq, "BEGIN IMMEDIATE");
		sqlite3_bind_int64(rins, 1, id);
		sqlite3_bind_int(rins, 2, today + 14);
		sqlite3_bind_int64(rins, 3, BL_NOW);
		drain(rins);
		sqlite3_bind_int64(cupd, 1, id);
		sqlite3_bind_int(cupd, 2, SD_CASE_ROUTED);
		sqlite3_bind_int64(cupd, 3, BL_NOW);
		drain(cupd);
		J(id, "routed", "wel", note, NULL, NULL, NULL);
		J(id, "status", NULL, NULL, "status", "new", "routed");
		sqlite3_bind_int64(fupd, 1, id);
		sqlite3_bind_text(fupd, 2, note, -1, SQLITE_STATIC);
		drain(fupd);
		sql_exec(sq, "COMMIT");
		/* pick up */
		sql_exec(sq, "BEGIN IMMEDIATE");
		sqlite3_bind_int64(rupd, 1, id);
		sqlite3_bind_int(rupd, 2, SD_ROUTE_PICKED_UP);
		sqlite3_bind_null(rupd, 3);
		sqlite3_bind_int64(rupd, 4, BL_NOW);
		sqlite3_bind_int64(rupd, 5, 0);
		drain(rupd);
		sqlite3_bind_int64(cupd, 1, id);
		sqlite3_bind_int(cupd, 2, SD_CASE_IN_PROGRESS);
		sqlite3_bind_int64(cupd, 3, BL_NOW);
		drain(cupd);
		J(id, "picked_up", "wel", NULL, NULL, NULL, NULL);
		J(id, "status", NULL, NULL, "status", "routed", "in_progress");
		sql_exec(sq, "COMMIT");
		/* answer */
		sql_exec(sq, "BEGIN IMMEDIATE");
		sqlite3_bind_int64(rupd, 1, id);
		sqlite3_bind_int(rupd, 2, SD_ROUTE_ANSWERED);
		sqlite3_bind_text(rupd, 3, answer, -1, SQLITE_STATIC);
		sqlite3_bind_int64(rupd, 4, BL_NOW);
		sqlite3_bind_int64(rupd, 5, BL_NOW);
		drain(rupd);
		sqlite3_bind_int64(cupd, 1, id);
		sqlite3_bind_int(cupd, 2, SD_CASE_ANSWERED);
		sqlite3_bind_int64(cupd, 3, BL_NOW);
		drain(cupd);
		J(id, "answered", "wel", answer, NULL, NULL, NULL);
		J(id, "status", NULL, NULL, "status", "in_progress", "answered");
		sqlite3_bind_int64(fupd, 1, id);
		sqlite3_bind_text(fupd, 2, answer, -1, SQLITE_STATIC);
		drain(fupd);
		sql_exec(sq, "COMMIT");
		bl_add(&rc->b, bl_now_ns() - t);
	}
#undef J
	sqlite3_finalize(maxid);
	sqlite3_finalize(ins);
	sqlite3_finalize(jn);
	sqlite3_finalize(fts);
	sqlite3_finalize(rins);
	sqlite3_finalize(cupd);
	sqlite3_finalize(rupd);
	sqlite3_finalize(fupd);
	snprintf(rn->note, sizeof rn->note, "%d cases; SQLite in WAL mode, synchronous=FULL", reps);
	snprintf(rc->note, sizeof rc->note, "%d cycles, one department", cycles);
	free(made);
	free(sqids);
	progress("writes: done");
}

/* --- processes ----------------------------------------------------------------------------- */

/*
 * Runs argv with stdin from in (or /dev/null), its output to log (NULL:
 * /dev/null); wall and CPU time (user + system).  posix_spawn, not fork: a fork of
 * this process (a gigabyte of touched LMDB pages and heap by now) copied
 * its page tables into every child, about 15 ms of the child's CPU time on
 * both sides, which hid what the programs themselves cost.
 */
static int
run_timed_log(char *const argv[], const char *in, const char *log, int64_t *ns, int64_t *cpu,
    long *maxrss_kib)
{
	extern char **environ;
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	int status, rc;
	pid_t pid;
	int64_t t;

	fflush(stdout);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log ? log : "/dev/null",
	    O_WRONLY | O_CREAT | O_APPEND, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	t = bl_now_ns();
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		die("posix_spawn %s: %s", argv[0], strerror(rc));
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait: %s", strerror(errno));
	*ns = bl_now_ns() - t;
	*cpu = (int64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
	    (int64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
	if (maxrss_kib)
		*maxrss_kib = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int
run_timed(char *const argv[], const char *in, int64_t *ns, int64_t *cpu, long *maxrss_kib)
{
	return run_timed_log(argv, in, NULL, ns, cpu, maxrss_kib);
}

/* Runs argv with stdin from in (or /dev/null), stdout/err to a log; wall time, max RSS. */
static int
run_process(char *const argv[], const char *in, const char *log, int64_t *ns, long *maxrss_kib)
{
	struct rusage ru;
	int status;
	pid_t pid;
	int64_t t = bl_now_ns();

	fflush(stdout);
	if ((pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open(in ? in : "/dev/null", O_RDONLY);
		int lf = open(log ? log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(fd, 0);
		dup2(lf, 1);
		dup2(lf, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait: %s", strerror(errno));
	*ns = bl_now_ns() - t;
	if (maxrss_kib)
		*maxrss_kib = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static long import_rss_sedesk = -1, import_rss_sqlite = -1;

/* "CPU median 2.1 ms / 2.9 ms": the processes' own time, which the machine's load bends least. */
static const char *
cpu_medians(struct row *r, char buf[64])
{
	char a[32], b[32];

	snprintf(buf, 64, "CPU median %s / %s", bl_fmt(bl_quantile(&r->ac, 0.5), a),
	    bl_fmt(bl_quantile(&r->bc, 0.5), b));
	return buf;
}

/*
 * The whole-process imports run this many alternated rounds, each on a new
 * desk and a new SQLite file (the machine's load falls on both; one run
 * each was 0.97-1.11x from run to run).
 */
static int import_rounds = 5;
/*
 * The case import takes half a second: fifteen rounds of it cost less
 * than one of the enterprise import, and five swung from 1.09x faster to
 * 1.15x slower between two runs of the bench minutes apart (session 9).
 */
static int case_import_rounds = 15;

/* Removes an SQLite file with its WAL and shared memory. */
static void
sqlite_remove(const char *db)
{
	char p[4300];

	remove(db);
	snprintf(p, sizeof p, "%s-wal", db);
	remove(p);
	snprintf(p, sizeof p, "%s-shm", db);
	remove(p);
}

/*
 * `bench --measured FILE CMD…`: runs CMD as a child of this small, freshly
 * started process, writes the child's peak resident set (KiB) to FILE and
 * exits as the child did.  Why: a child that this benchmark starts
 * directly inherits, as its peak, the resident set of the process it was
 * started from (Linux counts the old image's at exec: posix_spawn's
 * shared one, or fork's copy): at 100k every import read 969 MiB, the
 * benchmark's own size.
 */
static int
measured_main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *f;

	if (argc < 4)
		return 2;
	if ((pid = fork()) < 0)
		return 127;
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return 127;
	if ((f = fopen(argv[2], "w")) != NULL) {
		fprintf(f, "%ld\n", ru.ru_maxrss);
		fclose(f);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* argv run through `bench --measured`: its exit code, wall and CPU time, and its own peak. */
static int
run_measured(char *const argv[], const char *in, const char *log, int64_t *ns, int64_t *cpu,
    long *rss)
{
	char *m[16], rssf[4200];
	size_t n = 0;
	FILE *f;
	int rc;

	snprintf(rssf, sizeof rssf, "%s/measured.rss", o_work);
	m[n++] = (char *)"/proc/self/exe";
	m[n++] = (char *)"--measured";
	m[n++] = rssf;
	for (size_t i = 0; argv[i] != NULL && n < 15; i++)
		m[n++] = argv[i];
	m[n] = NULL;
	rc = run_timed_log(m, in, log, ns, cpu, NULL);
	*rss = -1;
	if ((f = fopen(rssf, "r")) != NULL) {
		if (fscanf(f, "%ld", rss) != 1)
			*rss = -1;
		fclose(f);
	}
	return rc;
}

/* One timed run of argv into r's sedesk (a) or SQLite (b) samples; rss: the run's peak. */
static void
import_timed(struct row *r, bool sqlite, char *const argv[], const char *in, const char *log,
    long *rss)
{
	int64_t ns, cpu;
	int rc = run_measured(argv, in, log, &ns, &cpu, rss);

	if (rc != 0)
		die("%s exited %d (%s); see %s", argv[0], rc, r->what, log);
	bl_add(sqlite ? &r->b : &r->a, ns);
	bl_add(sqlite ? &r->bc : &r->ac, cpu);
}

static void
bench_import(void)
{
	struct row *r = new_row("Processes", "import 100,000 enterprises from CSV (whole process)");
	char dir[4096], ini[4200], log[4200], db[4200], script[4200], cpu[64];
	int64_t ns;
	FILE *f;

	snprintf(dir, sizeof dir, "%s/import", o_work);
	snprintf(ini, sizeof ini, "%s/sedesk.ini", dir);
	snprintf(log, sizeof log, "%s/import.log", o_work);
	/* SQLite: the sqlite3 tool, the same table, indexes and FTS5 table. */
	snprintf(db, sizeof db, "%s/import.sqlite", o_work);
	snprintf(script, sizeof script, "%s/import.sql", o_work);
	if ((f = fopen(script, "w")) == NULL)
		die("%s: %s", script, strerror(errno));
	fprintf(f,
	    "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n"
	    "CREATE TABLE enterprise(id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE,\n"
	    "  name TEXT NOT NULL, number TEXT UNIQUE, legal_form TEXT, email TEXT, phone TEXT,\n"
	    "  street TEXT, postcode TEXT, city TEXT, tags TEXT, offers TEXT, contacts TEXT,\n"
	    "  notes TEXT, created INTEGER, updated INTEGER, version INTEGER);\n"
	    "CREATE INDEX enterprise_by_name ON enterprise(name COLLATE NOCASE);\n"
	    "CREATE VIRTUAL TABLE search USING fts5(title, body,\n"
	    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"
	    "CREATE TEMP TABLE stage(name, number, legal_form, email, phone, street, postcode, city,\n"
	    "  tags, offers, contacts, notes);\n"
	    ".import --csv --skip 1 %s stage\n"
	    "BEGIN;\n"
	    "INSERT INTO enterprise(uuid, name, number, legal_form, email, phone, street, postcode,\n"
	    "  city, tags, offers, contacts, notes, created, updated, version)\n"
	    "  SELECT randomblob(16), name, nullif(replace(replace(replace(number, 'BE ', ''), '.', ''),\n"
	    "  ' ', ''), ''), legal_form, email, phone, street, postcode, city, replace(tags, ';', ','),\n"
	    "  replace(offers, ';', ','), contacts, notes, unixepoch(), unixepoch(), 1 FROM stage;\n"
	    "INSERT INTO search(rowid, title, body) SELECT id, name || ' ' || coalesce(number, ''),\n"
	    "  coalesce(legal_form, '') || ' ' || coalesce(street, '') || ' ' || coalesce(postcode, '')\n"
	    "  || ' ' || coalesce(city, '') || ' ' || coalesce(tags, '') || ' ' || coalesce(offers, '')\n"
	    "  || ' ' || coalesce(contacts, '') || ' ' || coalesce(notes, '')\n"
	    "  FROM enterprise;\n"
	    "COMMIT;\n", o_csv);
	fclose(f);
	setenv("SEDESK_USER", "root", 1);
	for (int i = 0; i < import_rounds; i++) {
		char *init[] = { (char *)o_sedesk, (char *)"-c", ini, (char *)"init", NULL };
		char *imp[] = { (char *)o_sedesk, (char *)"-c", ini, (char *)"enterprise",
		    (char *)"import", (char *)o_csv, NULL };
		char *sql[] = { (char *)"sqlite3", (char *)"-bail", db, NULL };

		fx_rmtree(dir);
		mkdir(dir, 0700);
		if (!bl_write_config(dir, "4G"))
			die("import config");
		if (run_process(init, NULL, log, &ns, NULL) != 0)
			die("sedesk init failed; see %s", log);
		import_timed(r, false, imp, NULL, log, &import_rss_sedesk);
		sqlite_remove(db);
		import_timed(r, true, sql, script, log, &import_rss_sqlite);
	}
	snprintf(r->note, sizeof r->note, "%d alternated runs, %s; sedesk: `enterprise import` "
	    "(chunks, 128 MiB of pages); SQLite: `.import` + INSERT … SELECT", import_rounds,
	    cpu_medians(r, cpu));
	fx_rmtree(dir);
	sqlite_remove(db);
	progress("import: done");
}

/*
 * bulk: `sedesk case import` of a history against SQLite inserting the
 * same cases, routes and journal rows, with its indexes and FTS5 table,
 * in one transaction.  Both start from a register of the same 1,000
 * enterprises (not timed); each case: created, one answered route and
 * one declined or pending, every other one closed with a resolution and
 * a score.  The journal: created, two routed, the answer, a decline or
 * none, closed, imported (sedesk writes the same entries).
 */
#define HIST_ENTS	1000
static long case_import_rss_sedesk = -1, case_import_rss_sqlite = -1;

static void
write_history(const char *ents, const char *hist, int ncases)
{
	FILE *f;

	if ((f = fopen(ents, "w")) == NULL)
		die("%s: %s", ents, strerror(errno));
	fprintf(f, "name,number,city\n");
	for (int i = 1; i <= HIST_ENTS; i++) {
		long n8 = 2000000 + i;
		fprintf(f, "Historie %d bv,%08ld%02ld,Gent\n", i, n8, 97 - n8 % 97);
	}
	fclose(f);
	if ((f = fopen(hist, "w")) == NULL)
		die("%s: %s", hist, strerror(errno));
	fprintf(f, "created,enterprise,subject,description,resolution,satisfaction,"
	    "dept1,answer1,answered1,dept2,state2,answer2\n");
	for (int i = 1; i <= ncases; i++) {
		long n8 = 2000000 + 1 + i % HIST_ENTS;
		int y = 2016 + i % 9, m = 1 + i % 12, d = 1 + i % 27;
		bool closed = i % 2 == 0, declined = i % 3 == 0;
		fprintf(f, "%04d-%02d-%02d,%08ld%02ld,Vraag %d over %s,Een vraag over %s en "
		    "%s van onderneming %d,%s%s,%s,eco,Antwoord %d: dat kan,%04d-%02d-%02d,wel,%s,%s\n",
		    y, m, d, n8, 97 - n8 % 97, i, i % 2 ? "een subsidie" : "een vergunning",
		    i % 5 ? "personeel" : "huisvesting", i % 7 ? "opleiding" : "terras", i,
		    closed ? "Opgelost " : "", closed ? "met een antwoord" : "", closed ? "4" : "",
		    i, y, m, d + 1, declined ? "declined" : "pending",
		    declined ? "Niet voor ons" : "");
	}
	fclose(f);
}

static void
bench_case_import(void)
{
	struct row *r = new_row("Processes",
	    "import 20,000 cases with routes and journal (whole process)");
	const int ncases = 20000;
	char dir[4096], ini[4200], log[4200], db[4200], script[4200], script2[4200], ents[4200];
	char hist[4200], cpu[64];
	int64_t ns;
	FILE *f;

	snprintf(dir, sizeof dir, "%s/caseimport", o_work);
	snprintf(ini, sizeof ini, "%s/sedesk.ini", dir);
	snprintf(log, sizeof log, "%s/caseimport.log", o_work);
	snprintf(ents, sizeof ents, "%s/hist-ents.csv", o_work);
	snprintf(hist, sizeof hist, "%s/history.csv", o_work);
	write_history(ents, hist, ncases);
	snprintf(db, sizeof db, "%s/caseimport.sqlite", o_work);
	snprintf(script, sizeof script, "%s/caseimport-setup.sql", o_work);
	if ((f = fopen(script, "w")) == NULL)
		die("%s: %s", script, strerror(errno));
	fprintf(f, "PRAGMA journal_mode = WAL;\n%s"
	    "CREATE TEMP TABLE stage(name, number, city);\n"
	    ".import --csv --skip 1 %s stage\n"
	    "INSERT INTO enterprise(uuid, name, number, city, created, updated, version)\n"
	    "  SELECT randomblob(16), name, number, city, unixepoch(), unixepoch(), 1 FROM stage;\n",
	    SQL_SCHEMA, ents);
	fclose(f);
	snprintf(script2, sizeof script2, "%s/caseimport.sql", o_work);
	if ((f = fopen(script2, "w")) == NULL)
		die("%s: %s", script2, strerror(errno));
	fprintf(f,
	    "PRAGMA synchronous = FULL;\n"
	    "CREATE TEMP TABLE h(created, enterprise, subject, description, resolution,\n"
	    "  satisfaction, dept1, answer1, answered1, dept2, state2, answer2);\n"
	    ".import --csv --skip 1 %s h\n"
	    "BEGIN;\n"
	    "CREATE TEMP TABLE hk AS SELECT h.rowid AS n,\n"
	    "  (CAST(substr(created, 1, 4) AS INTEGER) << 32) | h.rowid AS id, h.* FROM h;\n"
	    "INSERT INTO cases(id, number, uuid, enterprise, subject, description, owner,\n"
	    "  resolution, channel, priority, status, created, updated, closed, due,\n"
	    "  satisfaction, version)\n"
	    "  SELECT id, substr(created, 1, 4) || '-' || printf('%%05d', n), randomblob(16),\n"
	    "  (SELECT e.id FROM enterprise e WHERE e.number = hk.enterprise), subject,\n"
	    "  description, 'root', nullif(resolution, ''), 1, 2,\n"
	    "  CASE WHEN resolution != '' THEN 6 ELSE 3 END, unixepoch(created),\n"
	    "  unixepoch(answered1), CASE WHEN resolution != '' THEN unixepoch(answered1) END,\n"
	    "  0, nullif(satisfaction, '') + 0, 1\n"
	    "  FROM hk;\n"
	    "INSERT INTO route SELECT id, dept1, 3, NULL, 0, answer1, unixepoch(created), NULL,\n"
	    "  unixepoch(answered1), 1 FROM hk;\n"
	    "INSERT INTO route SELECT id, dept2, CASE state2 WHEN 'declined' THEN 4 ELSE 1 END,\n"
	    "  NULL, 0, nullif(answer2, ''), unixepoch(created), NULL, NULL, 1 FROM hk;\n"
	    "INSERT INTO journal(case_id, at, actor, kind, dept, text)\n"
	    "  SELECT id, unixepoch(created), 'root', 'created', NULL, subject FROM hk\n"
	    "  UNION ALL SELECT id, unixepoch(created), 'root', 'routed', dept1, NULL FROM hk\n"
	    "  UNION ALL SELECT id, unixepoch(answered1), 'root', 'answered', dept1, answer1 FROM hk\n"
	    "  UNION ALL SELECT id, unixepoch(created), 'root', 'routed', dept2, NULL FROM hk\n"
	    "  UNION ALL SELECT id, unixepoch(created), 'root', 'declined', dept2, answer2 FROM hk\n"
	    "    WHERE state2 = 'declined'\n"
	    "  UNION ALL SELECT id, unixepoch(answered1), 'root', 'closed', NULL, resolution FROM hk\n"
	    "    WHERE resolution != ''\n"
	    "  UNION ALL SELECT id, unixepoch(), 'root', 'imported', NULL,\n"
	    "    'from history.csv line ' || (n + 1) FROM hk;\n"
	    "INSERT INTO search(rowid, title, body) SELECT id, number || ' ' || subject,\n"
	    "  coalesce(description, '') || ' ' || coalesce(resolution, '') FROM cases;\n"
	    "COMMIT;\n", hist);
	fclose(f);
	setenv("SEDESK_USER", "root", 1);
	for (int i = 0; i < case_import_rounds; i++) {
		char *init[] = { (char *)o_sedesk, (char *)"-c", ini, (char *)"init", NULL };
		char *ent[] = { (char *)o_sedesk, (char *)"-c", ini, (char *)"enterprise",
		    (char *)"import", ents, NULL };
		char *imp[] = { (char *)o_sedesk, (char *)"-c", ini, (char *)"case", (char *)"import",
		    hist, NULL };
		char *sql[] = { (char *)"sqlite3", (char *)"-bail", db, NULL };

		/* Both start from the same 1,000 enterprises, not timed. */
		fx_rmtree(dir);
		mkdir(dir, 0700);
		if (!bl_write_config(dir, "4G"))
			die("case import config");
		if (run_process(init, NULL, log, &ns, NULL) != 0 ||
		    run_process(ent, NULL, log, &ns, NULL) != 0)
			die("case import set-up failed; see %s", log);
		import_timed(r, false, imp, NULL, log, &case_import_rss_sedesk);
		sqlite_remove(db);
		if (run_process(sql, script, log, &ns, NULL) != 0)
			die("sqlite3 case import set-up failed; see %s", log);
		import_timed(r, true, sql, script2, log, &case_import_rss_sqlite);
	}
	snprintf(r->note, sizeof r->note, "%d alternated runs from 1,000 enterprises, %s; sedesk: "
	    "`case import`; SQLite: INSERT … SELECT in one transaction", case_import_rounds,
	    cpu_medians(r, cpu));
	fx_rmtree(dir);
	sqlite_remove(db);
	progress("case import: done");
}

/* Start-up in a pseudo-terminal: fork sedesk, time until its first frame is drawn. */
static long tui_hwm_kib = -1, tui_rss_kib = -1;

static int64_t
startup_once(const char *ini, int64_t *to_title)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	char buf[65536];
	size_t have = 0;
	int master, status;
	int64_t t0, last = -1, title = -1;
	pid_t pid;

	fflush(stdout);
	/*
	 * posix_spawn in a new session whose first terminal, the pty's other
	 * end opened as descriptor 0, becomes its controlling one: a forkpty()
	 * of this process (a gigabyte of touched pages by now) copied its
	 * page tables into the child first, tens of milliseconds counted as
	 * sedesk's start.
	 */
	{
		extern char **environ;
		static const char *const set[] = { "SEDESK_CONFIG=", "SEDESK_USER=ann",
		    "SEDESK_NOW=2026-03-02T09:00:00Z", "TERM=xterm-256color", "LANG=C.UTF-8" };
		char cfg[4200], *envp[256], *argv[] = { (char *)o_sedesk, NULL };
		char slave[256];
		size_t ne = 0;
		posix_spawn_file_actions_t fa;
		posix_spawnattr_t at;
		int sfd, rc;

		if (openpty(&master, &sfd, slave, NULL, &ws) != 0)
			die("openpty: %s", strerror(errno));
		close(sfd);
		snprintf(cfg, sizeof cfg, "SEDESK_CONFIG=%s", ini);
		envp[ne++] = cfg;
		for (size_t i = 1; i < sizeof set / sizeof set[0]; i++)
			envp[ne++] = (char *)set[i];
		for (char **e = environ; *e != NULL && ne + 1 < sizeof envp / sizeof envp[0]; e++) {
			bool ours = strncmp(*e, "SEDESK_DB=", 10) == 0;
			for (size_t i = 0; i < sizeof set / sizeof set[0] && !ours; i++)
				ours = strncmp(*e, set[i], strcspn(set[i], "=") + 1) == 0;
			if (!ours)
				envp[ne++] = *e;
		}
		envp[ne] = NULL;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addclose(&fa, master);
		posix_spawn_file_actions_addopen(&fa, 0, slave, O_RDWR, 0);
		posix_spawn_file_actions_adddup2(&fa, 0, 1);
		posix_spawn_file_actions_adddup2(&fa, 0, 2);
		posix_spawnattr_init(&at);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);
		t0 = bl_now_ns();
		rc = posix_spawn(&pid, o_sedesk, &fa, &at, argv, envp);
		posix_spawn_file_actions_destroy(&fa);
		posix_spawnattr_destroy(&at);
		if (rc != 0)
			die("posix_spawn %s: %s", o_sedesk, strerror(rc));
	}
	/* Read until the title is there and the terminal has been quiet for 50 ms. */
	for (;;) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		int timeout = title < 0 ? 10000 : 50;
		int rc = poll(&p, 1, timeout);
		if (rc == 0)
			break;
		if (rc < 0 && errno == EINTR)
			continue;
		ssize_t n = read(master, buf + have, sizeof buf - 1 - have);
		if (n <= 0)
			break;
		last = bl_now_ns();
		have += (size_t)n;
		buf[have] = '\0';
		if (title < 0 && strstr(buf, "Inbox") != NULL)
			title = last;
		if (have > sizeof buf - 4096) {
			/* Keep the tail, in case the title straddles reads. */
			memmove(buf, buf + have - 1024, 1024);
			have = 1024;
		}
	}
	if (title < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(master);
		/* Show what it wrote instead, control characters made visible. */
		for (size_t i = 0; i < have; i++)
			if ((unsigned char)buf[i] < 32)
				buf[i] = '.';
		die("sedesk did not draw its inbox within 10 s under a pty; it wrote: %.*s",
		    (int)(have < 2000 ? have : 2000), buf);
	}
	tui_hwm_kib = bl_proc_kib(pid, "VmHWM");
	tui_rss_kib = bl_proc_kib(pid, "VmRSS");
	if (write(master, "q", 1) != 1)
		kill(pid, SIGTERM);
	for (int i = 0; i < 200; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			goto done;
		/* Drain what it writes while leaving. */
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (poll(&p, 1, 10) > 0 && read(master, buf, sizeof buf) <= 0)
			continue;
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
done:
	close(master);
	*to_title = title - t0;
	return last - t0;
}

/*
 * sedesk's command and the sqlite3 tool's query as whole processes, in
 * turns (the machine is shared: load that comes and goes falls on both),
 * two rounds of warm-up first.  Wall time in a/b, CPU time in ac/bc.
 */
static void
process_pair(struct row *r, char *const sd_argv[], char *const sq_argv[], const char *sq_in,
    int reps, long *sq_rss)
{
	setenv("SEDESK_USER", "ann", 1);
	setenv("SEDESK_NOW", "2026-03-02T09:00:00Z", 1);
	for (int i = -2; i < reps; i++) {
		int64_t ns, cpu;
		if (run_timed(sq_argv, sq_in, &ns, &cpu, sq_rss) != 0)
			die("sqlite3 failed: %s", r->what);
		if (i >= 0) {
			bl_add(&r->b, ns);
			bl_add(&r->bc, cpu);
		}
		if (run_timed(sd_argv, NULL, &ns, &cpu, NULL) != 0)
			die("sedesk failed: %s", r->what);
		if (i >= 0) {
			bl_add(&r->a, ns);
			bl_add(&r->ac, cpu);
		}
	}
}

static void
write_sql(const char *path, const char *sql)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		die("%s", path);
	fprintf(f, "%s\n", sql);
	fclose(f);
}

/* `sedesk case show` of the newest case / its record, routes and journal in sqlite3. */
static void
bench_process_show(const char *ini, int reps)
{
	struct row *r = new_row("Processes",
	    "`sedesk case show` / `sqlite3` case, routes and journal (whole process)");
	char number[32] = "", sql_path[4200], sql[1024];
	sqlite3_stmt *st = prep(sq, "SELECT number FROM cases ORDER BY id DESC LIMIT 1");

	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(number, sizeof number, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql,
	    "SELECT c.*, e.name, e.number FROM cases c JOIN enterprise e ON e.id = c.enterprise"
	    " WHERE c.number = '%s';\n"
	    "SELECT * FROM route WHERE case_id = (SELECT id FROM cases WHERE number = '%s');\n"
	    "SELECT * FROM journal WHERE case_id = (SELECT id FROM cases WHERE number = '%s')"
	    " ORDER BY id;", number, number, number);
	snprintf(sql_path, sizeof sql_path, "%s/show.sql", o_work);
	write_sql(sql_path, sql);
	{
		char *sd_argv[] = { (char *)o_sedesk, (char *)"-c", (char *)ini, (char *)"case",
		    (char *)"show", number, NULL };
		char *sq_argv[] = { (char *)"sqlite3", (char *)"-readonly", (char *)o_sqlite, NULL };
		process_pair(r, sd_argv, sq_argv, sql_path, reps, NULL);
	}
	{
		char cpu[64];
		snprintf(r->note, sizeof r->note, "case %s; %d runs each, in turns; %s (user + system)",
		    number, reps, cpu_medians(r, cpu));
	}
}

/* `sedesk search` of the two words / the FTS5 query with snippets, 50 hits. */
static void
bench_process_search(const char *ini, int reps)
{
	struct row *r = new_row("Processes", "`sedesk search` / `sqlite3` FTS5 query (whole process)");
	const struct query *q = nqueries > 2 ? &queries[2] : &queries[0];
	char sql_path[4200], sql[1024], *words[8], copy[128], *save = NULL;
	char *sd_argv[16];
	size_t n = 0;

	snprintf(sql, sizeof sql, "SELECT rowid, title, snippet(search, -1, '[', ']', '…', 10)"
	    " FROM search WHERE search MATCH '%s' ORDER BY rowid DESC LIMIT 50;", q->match);
	snprintf(sql_path, sizeof sql_path, "%s/search.sql", o_work);
	write_sql(sql_path, sql);
	snprintf(copy, sizeof copy, "%s", q->text);
	for (char *w = strtok_r(copy, " ", &save); w != NULL && n < 8; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	{
		size_t a = 0;
		char *sq_argv[] = { (char *)"sqlite3", (char *)"-readonly", (char *)o_sqlite, NULL };
		sd_argv[a++] = (char *)o_sedesk;
		sd_argv[a++] = (char *)"-c";
		sd_argv[a++] = (char *)ini;
		sd_argv[a++] = (char *)"search";
		sd_argv[a++] = (char *)"--limit";
		sd_argv[a++] = (char *)"50";
		for (size_t i = 0; i < n; i++)
			sd_argv[a++] = words[i];
		sd_argv[a] = NULL;
		process_pair(r, sd_argv, sq_argv, sql_path, reps, NULL);
	}
	{
		char cpu[64];
		snprintf(r->note, sizeof r->note, "`%.60s`, 50 hits with snippets; %d runs each, in "
		    "turns; %s", q->text, reps, cpu_medians(r, cpu));
	}
}

static void
bench_startup(int reps)
{
	struct row *r = new_row("Processes", "start-up to the first drawn inbox (pty, 80×24)");
	struct row *rt = new_row("Processes", "start-up: until the title bar's text arrives");
	struct row *rc = new_row("Processes", "`sedesk inbox` command / `sqlite3` inbox query (whole process)");
	char ini[4200], sql_path[4200], log[4200];
	char *sql = contact_inbox_sql(50);
	FILE *f;
	long rss = 0;

	snprintf(ini, sizeof ini, "%s/sedesk.ini", o_desk);
	snprintf(log, sizeof log, "%s/startup.log", o_work);
	for (int i = -2; i < reps; i++) {
		int64_t title;
		int64_t t = startup_once(ini, &title);
		if (i >= 0) {
			bl_add(&r->a, t);
			bl_add(&rt->a, title);
		}
	}
	/* SQLite's nearest equivalent: the sqlite3 tool started to answer the inbox query. */
	snprintf(sql_path, sizeof sql_path, "%s/inbox.sql", o_work);
	if ((f = fopen(sql_path, "w")) == NULL)
		die("%s", sql_path);
	{
		/* ?1 is today. */
		char today_s[16];
		struct sd_buf b = { 0 };
		snprintf(today_s, sizeof today_s, "%d", today);
		for (const char *p = sql; *p; p++) {
			if (p[0] == '?' && p[1] == '1') {
				sd_buf_adds(&b, today_s);
				p++;
			} else {
				sd_buf_add(&b, p, 1);
			}
		}
		fprintf(f, "%s;\n", b.data);
		sd_buf_free(&b);
	}
	fclose(f);
	/* The inbox, a case shown, a search: sedesk and sqlite3 in turns. */
	{
		char *sd_argv[] = { (char *)o_sedesk, (char *)"-c", ini, (char *)"inbox", NULL };
		char *sq_argv[] = { (char *)"sqlite3", (char *)"-readonly", (char *)o_sqlite, NULL };
		char cpu[64];
		int64_t ns, cpu_ns;

		process_pair(rc, sd_argv, sq_argv, sql_path, reps, NULL);
		/* Its peak memory once more, untimed: its own (run_measured says why). */
		if (run_measured(sq_argv, sql_path, NULL, &ns, &cpu_ns, &rss) != 0)
			rss = -1;
		snprintf(rc->note, sizeof rc->note, "%d runs each, in turns; %s (user + system)", reps,
		    cpu_medians(rc, cpu));
		/* The first paint's SQLite column is the same query's process. */
		for (size_t i = 0; i < rc->b.n; i++)
			bl_add(&r->b, rc->b.v[i]);
	}
	bench_process_show(ini, reps);
	bench_process_search(ini, reps);
	unsetenv("SEDESK_NOW");
	snprintf(r->note, sizeof r->note, "%d runs; SQLite column: the `sqlite3` tool answering the "
	    "inbox query (no terminal drawing); sqlite3 max RSS %ld KiB", reps, rss);
	snprintf(rt->note, sizeof rt->note, "the TUI's inbox asks sd_inbox for 500 rows before it draws");
	free(sql);
	progress("start-up: done");
}

/* --- records read: does a list read its page or the database? ---------------------------- */

struct reads_row {
	char		 what[256];
	unsigned long	 small, big;
	bool		 page;	/* must not grow with the database */
};
static struct reads_row rr[32];
static size_t nrr;

typedef void (*op_fn)(struct sd_desk *d, const void *arg);

static unsigned long
count_reads(struct sd_desk *d, op_fn fn, const void *arg)
{
	unsigned long before = d->store->reads;

	fn(d, arg);
	return d->store->reads - before;
}

static void
add_reads(const char *what, op_fn fn, const void *arg, bool page)
{
	struct reads_row *x = &rr[nrr++];

	snprintf(x->what, sizeof x->what, "%s", what);
	x->small = count_reads(&small, fn, arg);
	x->big = count_reads(&big, fn, arg);
	x->page = page;
}

static void
op_inbox(struct sd_desk *d, const void *arg)
{
	struct sd_case_rows rws;
	struct sd_error err;

	as(d, arg);
	check(sd_inbox(d, 50, &rws, &err), "inbox", &err);
	sd_case_rows_free(&rws);
}

struct list_arg {
	enum sd_case_status status;
	const char	*dept;
	size_t		 page;	/* which page (0: the first) */
};

static void
op_list(struct sd_desk *d, const void *arg)
{
	const struct list_arg *a = arg;
	struct sd_case_filter f = { .status = a->status, .dept = a->dept };
	struct sd_page_cursor cur = { 0 };
	struct sd_error err;

	as(d, "root");
	for (size_t p = 0; p <= a->page; p++) {
		struct sd_case_rows rws;
		check(sd_case_list(d, &f, &cur, 50, &rws, &err), "list", &err);
		cur = rws.next;
		sd_case_rows_free(&rws);
	}
}

static void
op_get(struct sd_desk *d, const void *arg)
{
	struct sd_case_view v;
	struct sd_error err;

	as(d, "root");
	check(sd_case_get(d, arg, &v, &err), "case get", &err);
	sd_case_view_free(&v);
}

static void
op_search(struct sd_desk *d, const void *arg)
{
	struct sd_hits h;
	struct sd_error err;

	as(d, "root");
	check(sd_search(d, arg, SD_HIT_ANY, 50, &h, &err), "search", &err);
	sd_hits_free(&h);
}

/* Reads of page n alone: reads of pages 0..n minus reads of pages 0..n-1. */
static void
add_reads_page(const char *what, struct list_arg a)
{
	struct reads_row *x = &rr[nrr++];
	struct list_arg prev = a;
	unsigned long s1, s0 = 0, b1, b0 = 0;

	snprintf(x->what, sizeof x->what, "%s", what);
	s1 = count_reads(&small, op_list, &a);
	b1 = count_reads(&big, op_list, &a);
	if (a.page > 0) {
		prev.page = a.page - 1;
		s0 = count_reads(&small, op_list, &prev);
		b0 = count_reads(&big, op_list, &prev);
	}
	x->small = s1 - s0;
	x->big = b1 - b0;
	x->page = true;
}

static void
op_timeline(struct sd_desk *d, const void *arg)
{
	struct sd_timeline_page p;
	struct sd_error err;

	const struct busiest *const *b = arg;	/* the small desk's, the big one's */

	as(d, "root");
	check(sd_enterprise_timeline(d, d == &big ? b[1]->uuid : b[0]->uuid, NULL, 50, &p, &err),
	    "timeline", &err);
	sd_timeline_page_free(&p);
}

/*
 * The reach list as of arg's day: a year ago leaves few enterprises on the
 * 10k desk (most have a case that year), so the page-bound row asks for
 * those not contacted since today, a full page of 50 on both desks.
 */
static void
op_not_contacted(struct sd_desk *d, const void *arg)
{
	struct sd_ent_contact_list l;
	struct sd_error err;

	as(d, "root");
	check(sd_enterprise_not_contacted(d, *(const sd_day *)arg, NULL, 50, &l, &err),
	    "not contacted", &err);
	if (l.n != 50)
		die("not contacted: a page of %zu, not a full page of 50", l.n);
	sd_ent_contact_list_free(&l);
}

static char small_cases[32], big_cases[32];

static void
bench_reads(void)
{
	static struct list_arg routed = { SD_CASE_ROUTED, NULL, 0 };
	static struct list_arg closed = { SD_CASE_CLOSED, NULL, 0 };
	static struct list_arg wel = { SD_CASE_NONE, "wel", 0 };
	static struct list_arg closed10 = { SD_CASE_CLOSED, NULL, 10 };
	static struct list_arg wel10 = { SD_CASE_NONE, "wel", 10 };
	char num[SD_CASE_NUMBER_MAX];

	add_reads("inbox, first 50 rows, contact point (ann)", op_inbox, "ann", true);
	add_reads("inbox, first 50 rows, officer (chris: wel, werk)", op_inbox, "chris", true);
	add_reads("case list by status routed, first page", op_list, &routed, true);
	add_reads("case list by status closed, first page", op_list, &closed, true);
	add_reads("case list of department wel, first page", op_list, &wel, true);
	add_reads_page("case list by status closed, 11th page alone", closed10);
	add_reads_page("case list of department wel, 11th page alone", wel10);
	/* A case number both desks have: the first of the last year. */
	sd_case_number_format((struct sd_case_key){ keys[nkeys - 1].year, 1 }, num);
	add_reads("open a case", op_get, num, true);
	{
		char what[200];
		static const struct busiest *most[2] = { &busiest_small, &busiest_big };
		static const struct busiest *mixed[2] = { &mixed_small, &mixed_big };
		snprintf(what, sizeof what, "enterprise timeline, first 50 entries (the enterprise "
		    "with the most: %ld / %ld entries)", busiest_small.entries, busiest_big.entries);
		add_reads(what, op_timeline, most, true);
		snprintf(what, sizeof what, "enterprise timeline, first 50 entries, the most moments "
		    "and events on it (%ld + %ld / %ld + %ld of 50; %ld / %ld entries)",
		    mixed_small.moments, mixed_small.events, mixed_big.moments, mixed_big.events,
		    mixed_small.entries, mixed_big.entries);
		add_reads(what, op_timeline, mixed, true);
	}
	add_reads("enterprises not contacted since today, first 50 (a full page on both desks)",
	    op_not_contacted, &today, true);
	for (size_t k = 0; k < nqueries; k++) {
		char what[200];
		snprintf(what, sizeof what, "search %s: `%s`", queries[k].label, queries[k].text);
		add_reads(what, op_search, queries[k].text, false);
	}
}

/* --- the report ------------------------------------------------------------------------------ */

static char *
read_file(const char *path)
{
	struct sd_buf b = { 0 };
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sd_buf_add(&b, buf, n);
	fclose(f);
	sd_buf_add(&b, "", 1);
	return sd_buf_take(&b);
}

/* A value from DIR/gen.txt. */
static double
gen_value(const char *dir, const char *key)
{
	char path[4200], *text, *p;
	double v = -1;

	snprintf(path, sizeof path, "%s/gen.txt", dir);
	if ((text = read_file(path)) == NULL)
		return -1;
	for (p = text; p != NULL && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		size_t kl = strlen(key);
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			v = strtod(p + kl + 1, NULL);
			break;
		}
	}
	free(text);
	return v;
}

static char load_begin[32];

static const char *
load_end(void)
{
	static char buf[32];
	char *t = read_file("/proc/loadavg");

	snprintf(buf, sizeof buf, "%.*s", t ? (int)strcspn(t, " ") : 1, t ? t : "?");
	free(t);
	return buf;
}

static void
machine(char *outp, size_t n)
{
	char *info = read_file("/proc/cpuinfo"), *p;

	snprintf(outp, n, "unknown");
	if (info && (p = strstr(info, "model name")) != NULL && (p = strchr(p, ':')) != NULL) {
		p += 2;
		size_t l = strcspn(p, "\n");
		snprintf(outp, n, "%.*s", (int)l, p);
	}
	free(info);
}

static void
ratio_text(int64_t a, int64_t b, char *outp, size_t n)
{
	if (a <= 0 || b <= 0) {
		snprintf(outp, n, "–");
		return;
	}
	double r = (double)b / (double)a;
	if (r >= 1)
		snprintf(outp, n, "%.1f× (sedesk faster)", r);
	else
		snprintf(outp, n, "%.2f× (sedesk %.1f× slower)", r, 1 / r);
}

static void
write_tables(void)
{
	const char *group = NULL;

	for (size_t i = 0; i < nrows; i++) {
		struct row *r = &rows[i];
		char a50[32], a99[32], b50[32], b99[32], ratio[64];
		if (group == NULL || strcmp(group, r->group) != 0) {
			group = r->group;
			out("\n#### %s\n\n", group);
			out("| operation | sedesk median | sedesk p99 | SQLite median | SQLite p99 |"
			    " SQLite ÷ sedesk (median) | p99 on the CPU: sedesk / SQLite | n | notes |\n");
			out("|---|---:|---:|---:|---:|---|---:|---:|---|\n");
		}
		char ac[32], bc[32];
		ratio_text(bl_quantile(&r->a, 0.5), bl_quantile(&r->b, 0.5), ratio, sizeof ratio);
		out("| %s | %s | %s | %s | %s | %s | %s / %s | %zu | %s |\n", r->what,
		    bl_fmt(bl_quantile(&r->a, 0.5), a50), bl_fmt(bl_quantile(&r->a, 0.99), a99),
		    bl_fmt(bl_quantile(&r->b, 0.5), b50), bl_fmt(bl_quantile(&r->b, 0.99), b99),
		    ratio, bl_fmt(bl_quantile(&r->ac, 0.99), ac), bl_fmt(bl_quantile(&r->bc, 0.99), bc),
		    r->a.n ? r->a.n : r->b.n, r->note);
	}
}

static void
write_targets(double cases_per_s)
{
	int64_t worst_page = -1, worst_search = -1, cpu_page = -1, cpu_search = -1;
	const char *worst_page_what = "", *worst_search_what = "";
	struct row *start = find_row("start-up to the first drawn inbox (pty, 80×24)");
	size_t slower = 0;
	struct sd_buf slow = { 0 };
	char b1[32], b2[32];
	for (size_t i = 0; i < nrows; i++) {
		struct row *r = &rows[i];
		int64_t p99 = bl_quantile(&r->a, 0.99);
		int64_t c99 = bl_quantile(&r->ac, 0.99);
		if (r->page && p99 > worst_page) {
			worst_page = p99;
			worst_page_what = r->what;
		}
		if (r->page && c99 > cpu_page)
			cpu_page = c99;
		if (r->search && p99 > worst_search) {
			worst_search = p99;
			worst_search_what = r->what;
		}
		if (r->search && c99 > cpu_search)
			cpu_search = c99;
		if (r->read && r->a.n > 0 && bl_quantile(&r->a, 0.5) > bl_quantile(&r->b, 0.5)) {
			char x[32], y[32];
			slower++;
			sd_buf_addf(&slow, "%s%s (%s vs %s)", slow.len ? "; " : "", r->what,
			    bl_fmt(bl_quantile(&r->a, 0.5), x), bl_fmt(bl_quantile(&r->b, 0.5), y));
		}
	}
	out("\n#### Targets (issue 5; they are set for 1,000,000 cases and 100,000 enterprises%s)\n\n",
	    strcmp(o_scale, "1m") == 0 ? "" : ": this run is smaller, so a target met here is not yet met");
	out("| target | measured | verdict |\n|---|---|---|\n");
	{
		char c1[32];
		out("| a list page or an opened case under 1 ms at p99 | worst p99 %s (%s); worst p99 "
		    "on the CPU %s | %s |\n", bl_fmt(worst_page, b1), worst_page_what,
		    bl_fmt(cpu_page, c1), worst_page < 1000000 ? "met" : cpu_page < 1000000 ?
		    "missed in wall-clock time, met on the CPU (the rest is waiting for a CPU)" :
		    "missed");
	}
	if (worst_page >= 1000000)
		out("| | | missed by %s (%.1f×) |\n", bl_fmt(worst_page - 1000000, b2),
		    (double)worst_page / 1e6);
	{
		char c1[32];
		out("| any search under 20 ms at p99 | worst p99 %s (%s); worst p99 on the CPU %s | %s |\n",
		    bl_fmt(worst_search, b1), worst_search_what, bl_fmt(cpu_search, c1),
		    worst_search < 20000000 ? "met" : "missed");
	}
	if (worst_search >= 20000000)
		out("| | | missed by %s (%.1f×) |\n", bl_fmt(worst_search - 20000000, b2),
		    (double)worst_search / 2e7);
	if (start != NULL) {
		int64_t p50 = bl_quantile(&start->a, 0.5), p99 = bl_quantile(&start->a, 0.99);
		out("| start-up to first paint under 50 ms | median %s, p99 %s | %s |\n",
		    bl_fmt(p50, b1), bl_fmt(p99, b2), p99 < 50000000 ? "met" :
		    p50 < 50000000 ? "met at the median, missed at p99" : "missed");
	}
	out("| batch creation above 20,000 cases per second | %.0f cases/s | %s |\n", cases_per_s,
	    cases_per_s > 20000 ? "met" : "missed");
	if (cases_per_s <= 20000 && cases_per_s > 0)
		out("| | | missed: %.1f× too slow |\n", 20000 / cases_per_s);
	out("| every read faster than SQLite's equivalent (median) | %zu of the read operations slower | %s |\n",
	    slower, slower == 0 ? "met" : "missed");
	if (slower > 0)
		out("| | slower: %s | |\n", slow.data);
	sd_buf_free(&slow);
}

static void
write_reads(void)
{
	bool grew = false;

	out("\n#### Records read per operation (`store.reads`: records and index entries)\n\n");
	out("A list must read what its page needs, not what the database holds: the same "
	    "operation on a desk of %s cases and on this one.\n\n", small_cases);
	out("| operation | %s cases | %s cases | growth | page-bound? |\n|---|---:|---:|---:|---|\n",
	    small_cases, big_cases);
	for (size_t i = 0; i < nrr; i++) {
		struct reads_row *x = &rr[i];
		double g = x->small ? (double)x->big / (double)x->small : 0;
		bool ok = !x->page || g <= 1.5;
		grew |= !ok;
		out("| %s | %lu | %lu | %.2f× | %s |\n", x->what, x->small, x->big, g,
		    x->page ? (ok ? "yes" : "**NO: grows with the database**") :
		    "(search: grows with the matches)");
	}
	if (grew)
		out("\n**A list read more records on the larger desk: see the rows marked NO.**\n");
}

/* --- 9. check, check --repair, reindex (BENCH_ONLY=check runs only these) ---------------- */

/*
 * Each as a whole `sedesk` process on the big desk, one after the other:
 * its time, its peak resident memory (the kernel's ru_maxrss: LMDB pages it
 * touched count), its peak anonymous memory (RssAnon, sampled every 50 ms:
 * what it allocated itself) and, from SEDESK_CHUNK_TRACE (chunk.h), how
 * long its longest chunk held the writer and how many chunks it wrote.
 */
struct job {
	const char	*what;
	double		 secs, cpu;	/* wall-clock; user + system time on the CPU */
	long		 hwm_kib, anon_kib;
	long		 hold_ms, chunks;
	int		 rc;
	char		 said[160];
};
static struct job jobs[4];
static size_t njobs;
static char section_name[160];

static void
run_job(const char *what, char *const argv[], struct job *j)
{
	char ini[4200], outf[4200], buf[4096], line[512];
	size_t ll = 0;
	int fds[2], status;
	struct rusage ru;
	int64_t t0 = bl_now_ns();
	pid_t pid;
	FILE *f;

	memset(j, 0, sizeof *j);
	j->what = what;
	snprintf(ini, sizeof ini, "%s/sedesk.ini", o_desk);
	snprintf(outf, sizeof outf, "%s/job.out", o_work);
	if (pipe(fds) != 0)
		die("pipe: %s", strerror(errno));
	if ((pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int o = open(outf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		setenv("SEDESK_CONFIG", ini, 1);
		setenv("SEDESK_USER", "root", 1);
		setenv("SEDESK_CHUNK_TRACE", "1", 1);
		dup2(o, 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execv(o_sedesk, argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		struct pollfd pf = { .fd = fds[0], .events = POLLIN };
		long anon = bl_proc_kib(pid, "RssAnon");
		ssize_t n;

		if (anon > j->anon_kib)
			j->anon_kib = anon;
		if (poll(&pf, 1, 50) <= 0)
			continue;
		if ((n = read(fds[0], buf, sizeof buf)) <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			long ms;
			if (buf[i] != '\n') {
				if (ll + 1 < sizeof line)
					line[ll++] = buf[i];
				continue;
			}
			line[ll] = '\0';
			ll = 0;
			if (sscanf(line, "chunk: writer held %ld ms", &ms) == 1) {
				j->chunks++;
				if (ms > j->hold_ms)
					j->hold_ms = ms;
			} else if (strncmp(line, "trace:", 6) == 0) {
				progress("%s: %s", what, line + 7);
			}
		}
	}
	close(fds[0]);
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			die("wait4: %s", strerror(errno));
	j->secs = (double)(bl_now_ns() - t0) / 1e9;
	j->hwm_kib = ru.ru_maxrss;
	j->cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	j->rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if ((f = fopen(outf, "r")) != NULL) {
		/* Its last line: what it said it did. */
		while (fgets(line, sizeof line, f) != NULL)
			if (line[0] != '\0' && line[0] != '\n')
				snprintf(j->said, sizeof j->said, "%.*s", (int)strcspn(line, "\n"), line);
		fclose(f);
	}
	progress("%s: %.1f s, exit %d", what, j->secs, j->rc);
}

/* Damage for the repair: 100 index entries that no record explains, 100 removed. */
static void
damage_desk(void)
{
	struct sd_store *st = big.store;
	MDB_txn *txn;
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	if ((rc = mdb_txn_begin(st->env, NULL, 0, &txn)) != 0)
		die("damage: %s", mdb_strerror(rc));
	for (int i = 0; i < 100 && rc == 0; i++) {
		char key[32];
		snprintf(key, sizeof key, "zz-bench-bogus-%03d", i);
		k = (MDB_val){ strlen(key), key };
		v = (MDB_val){ 1, (void *)"" };
		rc = mdb_put(txn, st->dbi[SD_DB_CASE_BY_STATUS], &k, &v, 0);
		if (rc == 0)
			rc = mdb_put(txn, st->dbi[SD_DB_SEARCH_POST], &k, &v, 0);
	}
	if (rc == 0 && (rc = mdb_cursor_open(txn, st->dbi[SD_DB_CASE_BY_ENT], &cur)) == 0) {
		for (int i = 0; i < 100 && rc == 0; i++)
			if ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0)
				rc = mdb_cursor_del(cur, 0);
		mdb_cursor_close(cur);
	}
	if (rc != 0 || (rc = mdb_txn_commit(txn)) != 0)
		die("damage: %s", mdb_strerror(rc));
}

static void
bench_check(void)
{
	char *check[] = { (char *)o_sedesk, (char *)"check", NULL };
	char *repair[] = { (char *)o_sedesk, (char *)"check", (char *)"--repair", NULL };
	char *reindex[] = { (char *)o_sedesk, (char *)"reindex", NULL };

	progress("check: on %s", o_desk);
	run_job("`sedesk check` (clean desk)", check, &jobs[njobs++]);
	damage_desk();
	run_job("`sedesk check --repair` (100 extra entries in two indexes, 100 missing in a "
	    "third)", repair, &jobs[njobs++]);
	run_job("`sedesk check` after the repair", check, &jobs[njobs++]);
	run_job("`sedesk reindex`", reindex, &jobs[njobs++]);
}

static void
write_check(const char *name)
{
	out("<!-- scale:%s -->\n### Scale %s: check, repair, reindex (%s cases)\n\n", name, o_scale,
	    big_cases);
	out("Whole `sedesk` processes on the generated desk, one after the other (BENCH_ONLY=check "
	    "runs only these). Peak resident is the kernel's ru_maxrss (LMDB pages the process "
	    "touched count); peak anonymous is RssAnon sampled every 50 ms (what the process "
	    "allocated: a transaction's changed pages are there); the writer is held by each "
	    "chunk only (SEDESK_CHUNK_TRACE).\n\n");
	out("| what | time | CPU time (user + system) | peak resident | peak anonymous | longest "
	    "writer hold | writer chunks | exit | said |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < njobs; i++) {
		const struct job *j = &jobs[i];
		out("| %s | %.1f s | %.1f s | %.0f MiB | %.0f MiB | %ld ms | %ld | %d | %s |\n",
		    j->what, j->secs, j->cpu, j->hwm_kib / 1024.0, j->anon_kib / 1024.0, j->hold_ms,
		    j->chunks, j->rc, j->said);
	}
	out("\n<!-- /scale:%s -->\n", name);
}

/* BENCH_ONLY=check: the check block alone, with the machine it ran on. */
static void
write_check_only(void)
{
	char name[128], path[4200];
	FILE *f;

	snprintf(name, sizeof name, "%s-check", o_scale);
	write_check(name);
	machine(path, sizeof path);
	{
		/* The machine line goes inside the block, before its table. */
		char *table = strstr(md.data, "\n| what |");
		struct sd_buf b = { 0 };
		if (table != NULL) {
			sd_buf_addf(&b, "%.*s", (int)(table - md.data), md.data);
			sd_buf_addf(&b, "- machine: %s, `nproc` = %ld; load average (1 min) at the end: "
			    "%s\n", path, sysconf(_SC_NPROCESSORS_ONLN), load_end());
			sd_buf_adds(&b, table);
			sd_buf_free(&md);
			md = b;
		}
	}
	if ((f = fopen(o_out, "w")) == NULL)
		die("%s: %s", o_out, strerror(errno));
	fputs(md.data, f);
	fclose(f);
	progress("wrote %s", o_out);
}

/* BENCH_ONLY=a,b: the sections to run (reads, writes, import, startup, check); all without. */
static bool
want(const char *section)
{
	const char *only = getenv("BENCH_ONLY");
	size_t n = strlen(section);

	if (only == NULL || *only == '\0')
		return true;
	for (const char *p = only; *p != '\0'; p += strcspn(p, ","), p += *p == ',') {
		if (strncmp(p, section, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	char host[256], date[64], path[4200];
	time_t now = time(NULL);
	long hwm_sedesk, hwm_all;
	int reps_fast = 1000, reps_case = 5000, reps_search = 200, reps_write = 200, reps_cycle = 100;
	int pages = 100, rounds = 5, reps_start = 20;
	bool need_setup;
	FILE *f;

	if (argc > 1 && strcmp(argv[1], "--measured") == 0)
		return measured_main(argc, argv);
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--desk") == 0) o_desk = v;
		else if (strcmp(k, "--sqlite") == 0) o_sqlite = v;
		else if (strcmp(k, "--small") == 0) o_small = v;
		else if (strcmp(k, "--small-sqlite") == 0) o_small_sqlite = v;
		else if (strcmp(k, "--sedesk") == 0) o_sedesk = v;
		else if (strcmp(k, "--csv") == 0) o_csv = v;
		else if (strcmp(k, "--work") == 0) o_work = v;
		else if (strcmp(k, "--scale") == 0) o_scale = v;
		else if (strcmp(k, "--out") == 0) o_out = v;
		else die("unknown option %s", k);
	}
	/* Only check needs neither SQLite nor the small desk (BENCH_ONLY=check). */
	need_setup = want("reads") || want("reports") || want("writes") || want("import") ||
	    want("startup");
	if (!o_desk || !o_sedesk || !o_work || !o_out ||
	    (need_setup && (!o_sqlite || !o_small || !o_small_sqlite || !o_csv)))
		die("usage: bench --desk DIR --sqlite FILE --small DIR --small-sqlite FILE "
		    "--sedesk BIN --csv FILE --work DIR --scale NAME --out FILE.md");
	if (getenv("BENCH_STARTUP_ONLY") != NULL) {
		/* Debugging the pty measurement alone: --desk, --sedesk, --work suffice. */
		int64_t title, t = startup_once(getenv("BENCH_STARTUP_ONLY"), &title);
		printf("first paint %lld ns, title %lld ns\n", (long long)t, (long long)title);
		return 0;
	}
	if (getenv("BENCH_QUICK") != NULL) {
		reps_fast = 100, reps_case = 500, reps_search = 20, reps_write = 20, reps_cycle = 10;
		pages = 20, rounds = 2, reps_start = 5;
		import_rounds = 3;
		case_import_rounds = 5;
	}
	today = sd_day_from_time(BL_NOW);
	snprintf(load_begin, sizeof load_begin, "%s", load_end());

	bl_open_desk(&big, o_desk, "root", false);
	snprintf(big_cases, sizeof big_cases, "%.0f", gen_value(o_desk, "cases"));
	if (!need_setup) {
		bench_check();
		write_check_only();
		sd_desk_close(&big);
		return 0;
	}
	bl_open_desk(&small, o_small, "root", false);
	if (sqlite3_open_v2(o_sqlite, &sq, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die("%s: %s", o_sqlite, sqlite3_errmsg(sq));
	sql_exec(sq, "PRAGMA cache_size = -262144");	/* 256 MiB: the data fits, as LMDB's map does */
	load_keys();
	snprintf(big_cases, sizeof big_cases, "%.0f", gen_value(o_desk, "cases"));
	snprintf(small_cases, sizeof small_cases, "%.0f", gen_value(o_small, "cases"));
	choose_queries();
	if (sqlite3_open_v2(o_small_sqlite, &sq_small, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("%s: %s", o_small_sqlite, sqlite3_errmsg(sq_small));
	find_busiest(sq, &busiest_big);
	find_busiest(sq_small, &busiest_small);
	find_mixed(sq, &mixed_big);
	find_mixed(sq_small, &mixed_small);
	{
		int y, m, dd;
		sd_day_to_ymd(today, &y, &m, &dd);
		reach_since = sd_day_from_ymd(y - 1, m, dd);
	}
	progress("%zu cases; queries chosen", nkeys);

	/* Reads first, while both stores hold exactly the generated data. */
	if (want("reads")) {
	bench_inbox("ann", NULL, 0, 50, reps_fast);
	bench_inbox("chris", officer_depts_chris, 2, 50, reps_fast);
	bench_inbox("els", officer_depts_els, 3, 50, reps_fast);
	bench_inbox("ann", NULL, 0, 500, reps_fast / 5);
	bench_paging("by status: routed", SD_CASE_ROUTED, NULL, pages, rounds);
	bench_paging("by status: closed", SD_CASE_CLOSED, NULL, pages, rounds);
	bench_paging("of department wel (any status)", SD_CASE_NONE, "wel", pages, rounds);
	bench_paging("of department aank (any status)", SD_CASE_NONE, "aank", pages, rounds);
	bench_open_case(reps_case);
	bench_timeline(reps_fast);
	bench_search(reps_search);
	}
	if (want("reports"))
		bench_reports(reps_search / 4 > 0 ? reps_search / 4 : 1);
	hwm_sedesk = bl_proc_kib(0, "VmHWM");
	if (want("reads"))
		bench_reads();
	if (want("writes"))
		bench_writes(reps_write, reps_cycle);
	if (want("import"))
		bench_import();
	if (want("import"))
		bench_case_import();	/* bulk */
	if (want("startup"))
		bench_startup(reps_start);
	hwm_all = bl_proc_kib(0, "VmHWM");
	/* Last: the repair damages the big desk, and reindex rewrites its search index. */
	if (want("check"))
		bench_check();

	/* The section. */
	gethostname(host, sizeof host);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
	machine(path, sizeof path);
	/* A run of some sections only has its own block: it does not replace the whole one. */
	if (getenv("BENCH_ONLY") != NULL && *getenv("BENCH_ONLY") != '\0') {
		snprintf(section_name, sizeof section_name, "%s-only-%s", o_scale, getenv("BENCH_ONLY"));
		for (char *p = section_name; *p; p++)
			if (*p == ',')
				*p = '-';
	} else {
		snprintf(section_name, sizeof section_name, "%s", o_scale);
	}
	out("<!-- scale:%s -->\n## Scale %s: %s cases, %.0f enterprises%s%s%s\n\n", section_name,
	    o_scale, big_cases, gen_value(o_desk, "enterprises"),
	    strcmp(section_name, o_scale) != 0 ? " (sections: " : "",
	    strcmp(section_name, o_scale) != 0 ? getenv("BENCH_ONLY") : "",
	    strcmp(section_name, o_scale) != 0 ? ")" : "");
	{
		int ma, mi, pa;
		mdb_version(&ma, &mi, &pa);
		out("- date: %s; machine: %s, `nproc` = %ld; LMDB %d.%d.%d; SQLite %s\n", date, path,
		    sysconf(_SC_NPROCESSORS_ONLN), ma, mi, pa, sqlite3_libversion());
		out("- sedesk commit: %s\n", getenv("BENCH_COMMIT") ? getenv("BENCH_COMMIT") :
		    "(not given)");
		out("- load average (1 min) when the measurements began: %s; when they ended: %s "
		    "(other work on this machine shows up in the p99s)\n", load_begin, load_end());
	}
	out("- data: %s cases over %.0f days up to 2026-03-02, %.0f routes, %.0f journal entries "
	    "(%.1f per case); statuses new %.0f, routed %.0f, in progress %.0f, answered %.0f, "
	    "waiting %.0f, closed %.0f\n", big_cases, gen_value(o_desk, "span_days"),
	    gen_value(o_desk, "routes"), gen_value(o_desk, "journal"),
	    gen_value(o_desk, "journal_planned") / gen_value(o_desk, "cases"),
	    gen_value(o_desk, "status_new"), gen_value(o_desk, "status_routed"),
	    gen_value(o_desk, "status_in_progress"), gen_value(o_desk, "status_answered"),
	    gen_value(o_desk, "status_waiting"), gen_value(o_desk, "status_closed"));
	out("- contact moments and events: %.0f moments (%.0f planned after 2026-03-02, %.0f of "
	    "those with a follow-up; the rest held); %.0f events (%.0f after 2026-03-02) with "
	    "%.0f invitations, %.0f registrations and %.0f attendances (%.1f per enterprise)\n",
	    gen_value(o_desk, "moments"), gen_value(o_desk, "moments_planned"),
	    gen_value(o_desk, "moment_follow_ups"), gen_value(o_desk, "events"),
	    gen_value(o_desk, "events_future"), gen_value(o_desk, "invitations"),
	    gen_value(o_desk, "registrations"), gen_value(o_desk, "attendances"),
	    gen_value(o_desk, "attendances") / gen_value(o_desk, "enterprises"));
	{
		struct stat sb;
		snprintf(path, sizeof path, "%s", o_sqlite);
		out("- size: LMDB %.0f MiB used; SQLite file %.0f MiB\n",
		    gen_value(o_desk, "db_bytes") / 1048576.0,
		    stat(path, &sb) == 0 ? (double)sb.st_size / 1048576.0 : -1.0);
	}
	out("\n#### Generation (tests/bench/gen: cases on the core's bulk path, the rest through "
	    "the actions in batches of %.0f)\n\n", gen_value(o_desk, "batch"));
	out("| what | rate | time |\n|---|---:|---:|\n");
	out("| enterprises (sd_enterprise_add) | %.0f /s | %.1f s |\n", gen_value(o_desk, "ents_per_s"),
	    gen_value(o_desk, "ent_seconds"));
	out("| cases with routes, journal (each case's actions played in memory, written whole "
	    "on the bulk path: record, routes, indexes, aggregates, journal, search terms) | "
	    "**%.0f cases/s** (%.0f actions/s; %.0f cases per CPU second) | %.1f s |\n",
	    gen_value(o_desk, "cases_per_s"), gen_value(o_desk, "actions_per_s"),
	    gen_value(o_desk, "case_cpu_seconds") > 0 ? gen_value(o_desk, "cases") /
	    gen_value(o_desk, "case_cpu_seconds") : 0.0, gen_value(o_desk, "case_seconds"));
	out("| contact moments (sd_moment_add, one action each; batches of %.0f) | %.0f moments/s "
	    "| %.1f s |\n", gen_value(o_desk, "batch"), gen_value(o_desk, "moments_per_s"),
	    gen_value(o_desk, "moment_seconds"));
	out("| events with their guests (sd_event_add, invite, register, attend; 40 events a "
	    "batch) | %.0f events/s (%.0f actions/s) | %.1f s |\n",
	    gen_value(o_desk, "events_per_s"), gen_value(o_desk, "event_actions_per_s"),
	    gen_value(o_desk, "event_seconds"));
	write_tables();
	out("\n#### Memory\n\n| process | peak resident (VmHWM) |\n|---|---:|\n");
	out("| this benchmark after the sedesk reads and searches (LMDB pages it touched count as resident) | %.1f MiB |\n",
	    hwm_sedesk / 1024.0);
	out("| this benchmark at the end (after the SQLite questions too, with its 256 MiB page cache) | %.1f MiB |\n",
	    hwm_all / 1024.0);
	/* A partial run (BENCH_ONLY) measured only its sections' processes. */
	if (want("startup"))
		out("| `sedesk` TUI after its first paint (pty) | %.1f MiB (VmRSS %.1f MiB) |\n",
		    tui_hwm_kib / 1024.0, tui_rss_kib / 1024.0);
	if (want("import")) {
		out("| `sedesk enterprise import` of 100,000 rows | %.1f MiB |\n",
		    import_rss_sedesk / 1024.0);
		out("| `sqlite3` importing the same file | %.1f MiB |\n", import_rss_sqlite / 1024.0);
		out("| `sedesk case import` of 20,000 cases | %.1f MiB |\n",
		    case_import_rss_sedesk / 1024.0);
		out("| `sqlite3` inserting the same cases | %.1f MiB |\n",
		    case_import_rss_sqlite / 1024.0);
	}
	/* Their rows come from the reads section: a run without it has no verdict to give. */
	if (want("reads")) {
		write_reads();
		write_targets(gen_value(o_desk, "cases_per_s"));
	}
	out("\n#### SQLite's query plans (EXPLAIN QUERY PLAN)\n\n| query | plan |\n|---|---|\n%s",
	    plans.data ? plans.data : "");
	out("\n<!-- /scale:%s -->\n", section_name);
	if (njobs > 0) {
		char name[128];
		snprintf(name, sizeof name, "%s-check", o_scale);
		out("\n");
		write_check(name);
	}

	if ((f = fopen(o_out, "w")) == NULL)
		die("%s: %s", o_out, strerror(errno));
	fputs(md.data, f);
	fclose(f);
	sqlite3_close(sq);
	sd_desk_close(&big);
	sd_desk_close(&small);
	sqlite3_close(sq_small);
	(void)host;
	progress("wrote %s", o_out);
	return 0;
}
