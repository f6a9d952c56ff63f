/*
 * Copies a generated desk into SQLite, reading it only through the core's
 * public functions (the enterprise list, the case list, the case view
 * with its routes and journal, each enterprise's contact moments, the
 * event list and each event's view with its guests):
 *
 *   tosqlite DIR OUT.sqlite
 *
 * The tables, indexes and FTS5 table are those of sqlschema.h.  The load
 * runs in one transaction with synchronous off; the file is then set to
 * WAL with synchronous=FULL, the durable setting the benchmark uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "benchlib.h"
#include "sedesk/case.h"
#include "sedesk/enterprise.h"
#include "sedesk/event.h"
#include "sedesk/moment.h"
#include "sedesk/text.h"
#include "sqlschema.h"

static sqlite3 *db;

static void
sql_die(const char *what)
{
	fprintf(stderr, "tosqlite: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void
exec(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "tosqlite: %s\n%s\n", msg, sql);
		exit(1);
	}
}

static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		sql_die(sql);
	return st;
}

static void
text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void
step(sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		sql_die(what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* --- uuid -> enterprise row id ----------------------------------------------------------- */

struct slot {
	uint8_t		 id[SD_UUID_LEN];
	sqlite3_int64	 row;
	bool		 used;
};
static struct slot *map;
static size_t map_cap;

static size_t
hash(const uint8_t *id)
{
	uint64_t h;

	memcpy(&h, id, sizeof h);
	return (size_t)(h * 0x9e3779b97f4a7c15ULL);
}

static void
map_put(const uint8_t *id, sqlite3_int64 row)
{
	size_t i = hash(id) & (map_cap - 1);

	while (map[i].used)
		i = (i + 1) & (map_cap - 1);
	memcpy(map[i].id, id, SD_UUID_LEN);
	map[i].row = row;
	map[i].used = true;
}

static sqlite3_int64
map_get(const uint8_t *id)
{
	for (size_t i = hash(id) & (map_cap - 1); map[i].used; i = (i + 1) & (map_cap - 1)) {
		if (memcmp(map[i].id, id, SD_UUID_LEN) == 0)
			return map[i].row;
	}
	return 0;
}

static sqlite3_int64
case_id(struct sd_case_key k)
{
	return ((sqlite3_int64)k.year << 32) | k.seq;
}

/* A civil year of a floating or UTC time (seconds since 1970). */
static sqlite3_int64
year_of(int64_t t)
{
	int y, m, dd;

	sd_day_to_ymd(sd_day_from_time(t), &y, &m, &dd);
	return y;
}

static void
nonzero(sqlite3_stmt *st, int i, int64_t v)
{
	if (v != 0)
		sqlite3_bind_int64(st, i, v);
}

/* The number in the spellings people type: 0403.170.701 0403170701 403170701. */
static void
number_spellings(struct sd_buf *b, const char *number)
{
	char digits[16];
	size_t n = 0;

	if (number == NULL)
		return;
	for (const char *p = number; *p && n + 1 < sizeof digits; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	sd_buf_addf(b, " %s %s", number, digits);
	if (n == 10 && digits[0] == '0')
		sd_buf_addf(b, " %s", digits + 1);
}

/*
 * SQL_SCHEMA's statements: the tables (indexes false) or the indexes
 * (true), so that the indexes are built after the rows are in.
 */
static void
schema(bool indexes)
{
	char *all = strdup(SQL_SCHEMA), *p = all, *end;

	while (p != NULL && *p != '\0') {
		bool index;
		if ((end = strstr(p, ";\n")) != NULL)
			end[1] = '\0';
		index = strncmp(p, "CREATE INDEX", 12) == 0;
		if (index == indexes)
			exec(p);
		p = end != NULL ? end + 2 : NULL;
	}
	free(all);
}

int
main(int argc, char **argv)
{
	struct sd_desk d;
	struct sd_error err;
	struct sd_ent_cursor ec = { 0 };
	struct sd_page_cursor pc = { 0 };
	struct sd_case_filter all = { 0 };
	sqlite3_stmt *ins_ent, *ins_case, *ins_route, *ins_journal, *ins_fts;
	sqlite3_stmt *ins_moment, *ins_event, *ins_attend;
	size_t nents = 0, ncases = 0, nroutes = 0, njournal = 0;
	size_t nmoments = 0, nevents = 0, nguests = 0;
	uint8_t (*ent_ids)[SD_UUID_LEN] = NULL;
	int64_t t0 = bl_now_ns();

	if (argc != 3) {
		fprintf(stderr, "usage: tosqlite DIR OUT.sqlite\n");
		return 2;
	}
	remove(argv[2]);
	if (sqlite3_open(argv[2], &db) != SQLITE_OK)
		sql_die(argv[2]);
	exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
	schema(false);
	exec("BEGIN");
	ins_ent = prep("INSERT INTO enterprise(uuid, name, number, legal_form, email, phone, street,"
	    " postcode, city, tags, offers, contacts, notes, created, updated, version)"
	    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	ins_case = prep("INSERT INTO cases(id, number, uuid, enterprise, subject, description,"
	    " category, owner, resolution, channel, priority, status, created, updated, closed, due,"
	    " satisfaction, version) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	ins_route = prep("INSERT INTO route(case_id, dept, state, officer, due, answer, routed,"
	    " picked_up, finished, round) VALUES(?,?,?,?,?,?,?,?,?,?)");
	ins_journal = prep("INSERT INTO journal(id, case_id, at, actor, kind, dept, text, field,"
	    " old_value, new_value) VALUES(?,?,?,?,?,?,?,?,?,?)");
	ins_fts = prep("INSERT INTO search(rowid, title, body) VALUES(?,?,?)");
	ins_moment = prep("INSERT INTO moment(uuid, enterprise, kind, at, timed, departments,"
	    " participants, text, state, follow_up, case_number, owner, created, updated, held,"
	    " version) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	ins_event = prep("INSERT INTO event(uuid, title, kind, start, end, place, depts, capacity,"
	    " description, organiser, created, updated, version) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
	ins_attend = prep("INSERT INTO attendance(event, enterprise, state, people, invited,"
	    " registered, attended) VALUES(?,?,?,?,?,?,?)");

	bl_open_desk(&d, argv[1], "root", false);

	/* Enterprises, by name. */
	for (;;) {
		struct sd_enterprise_list l;
		if (sd_enterprise_list(&d, NULL, &ec, 1000, &l, &err) != SD_OK) {
			fprintf(stderr, "tosqlite: enterprises: %s\n", err.msg);
			return 1;
		}
		for (size_t i = 0; i < l.n; i++) {
			struct sd_enterprise *e = &l.items[i];
			struct sd_buf title = { 0 }, body = { 0 };
			sqlite3_int64 row;

			if ((nents + 1) * 2 > map_cap) {
				struct slot *old = map;
				size_t oc = map_cap;
				map_cap = map_cap ? map_cap * 4 : 1024;
				map = calloc(map_cap, sizeof *map);
				for (size_t k = 0; k < oc; k++)
					if (old[k].used)
						map_put(old[k].id, old[k].row);
				free(old);
				ent_ids = realloc(ent_ids, map_cap * sizeof *ent_ids);
			}
			memcpy(ent_ids[nents], e->id, SD_UUID_LEN);
			sqlite3_bind_blob(ins_ent, 1, e->id, SD_UUID_LEN, SQLITE_TRANSIENT);
			for (int f = 0; f < SD_EF_COUNT; f++)
				text(ins_ent, 2 + f, e->f[f]);
			sqlite3_bind_int64(ins_ent, 14, e->created);
			sqlite3_bind_int64(ins_ent, 15, e->updated);
			sqlite3_bind_int64(ins_ent, 16, e->version);
			step(ins_ent, "enterprise");
			row = sqlite3_last_insert_rowid(db);
			map_put(e->id, row);
			sd_buf_addf(&title, "%s", e->f[SD_EF_NAME]);
			number_spellings(&title, e->f[SD_EF_NUMBER]);
			for (int f = SD_EF_LEGAL_FORM; f < SD_EF_COUNT; f++)
				if (e->f[f] != NULL && f != SD_EF_EMAIL && f != SD_EF_PHONE)
					sd_buf_addf(&body, "%s%s", body.len ? " " : "", e->f[f]);
			sqlite3_bind_int64(ins_fts, 1, row);
			text(ins_fts, 2, title.data);
			text(ins_fts, 3, body.data ? body.data : "");
			step(ins_fts, "search (enterprise)");
			sd_buf_free(&title);
			sd_buf_free(&body);
			nents++;
		}
		ec = l.next;
		bool more = l.more;
		sd_enterprise_list_free(&l);
		if (!more)
			break;
	}

	/* Cases, newest first, each opened for its routes and journal. */
	for (;;) {
		struct sd_case_rows rows;
		if (sd_case_list(&d, &all, &pc, 500, &rows, &err) != SD_OK) {
			fprintf(stderr, "tosqlite: cases: %s\n", err.msg);
			return 1;
		}
		for (size_t i = 0; i < rows.n; i++) {
			struct sd_case_view v;
			char num[SD_CASE_NUMBER_MAX];
			struct sd_buf body = { 0 }, title = { 0 };
			sqlite3_int64 id;
			struct sd_case *c;

			sd_case_number_format(rows.items[i].c.key, num);
			if (sd_case_get(&d, num, &v, &err) != SD_OK) {
				fprintf(stderr, "tosqlite: case %s: %s\n", num, err.msg);
				return 1;
			}
			c = &v.c;
			id = case_id(c->key);
			sqlite3_bind_int64(ins_case, 1, id);
			text(ins_case, 2, num);
			sqlite3_bind_blob(ins_case, 3, c->id, SD_UUID_LEN, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins_case, 4, map_get(c->enterprise));
			text(ins_case, 5, c->subject);
			text(ins_case, 6, c->description);
			text(ins_case, 7, c->category);
			text(ins_case, 8, c->owner);
			text(ins_case, 9, c->resolution);
			sqlite3_bind_int(ins_case, 10, c->channel);
			sqlite3_bind_int(ins_case, 11, c->priority);
			sqlite3_bind_int(ins_case, 12, c->status);
			sqlite3_bind_int64(ins_case, 13, c->created);
			sqlite3_bind_int64(ins_case, 14, c->updated);
			sqlite3_bind_int64(ins_case, 15, c->closed);
			if (c->due != SD_NO_DAY)
				sqlite3_bind_int(ins_case, 16, c->due);
			sqlite3_bind_int(ins_case, 17, c->satisfaction);
			sqlite3_bind_int64(ins_case, 18, c->version);
			step(ins_case, "case");
			for (size_t k = 0; k < v.nroutes; k++) {
				struct sd_route *r = &v.routes[k];
				sqlite3_bind_int64(ins_route, 1, id);
				text(ins_route, 2, r->dept);
				sqlite3_bind_int(ins_route, 3, r->state);
				text(ins_route, 4, r->officer);
				if (r->due != SD_NO_DAY)
					sqlite3_bind_int(ins_route, 5, r->due);
				text(ins_route, 6, r->answer);
				sqlite3_bind_int64(ins_route, 7, r->routed);
				sqlite3_bind_int64(ins_route, 8, r->picked_up);
				sqlite3_bind_int64(ins_route, 9, r->finished);
				sqlite3_bind_int64(ins_route, 10, r->round);
				step(ins_route, "route");
				nroutes++;
			}
			sd_buf_addf(&title, "%s %s", num, c->subject);
			sd_buf_addf(&body, "%s", c->description ? c->description : "");
			for (size_t k = 0; k < v.njournal; k++) {
				struct sd_journal_entry *j = &v.journal[k];
				sqlite3_bind_int64(ins_journal, 1, (sqlite3_int64)j->seq);
				sqlite3_bind_int64(ins_journal, 2, id);
				sqlite3_bind_int64(ins_journal, 3, j->at);
				text(ins_journal, 4, j->actor);
				text(ins_journal, 5, j->kind);
				text(ins_journal, 6, j->dept);
				text(ins_journal, 7, j->text);
				text(ins_journal, 8, j->field);
				text(ins_journal, 9, j->old_value);
				text(ins_journal, 10, j->new_value);
				step(ins_journal, "journal");
				if (j->text != NULL)
					sd_buf_addf(&body, " %s", j->text);
				njournal++;
			}
			sqlite3_bind_int64(ins_fts, 1, id);
			text(ins_fts, 2, title.data);
			text(ins_fts, 3, body.data ? body.data : "");
			step(ins_fts, "search (case)");
			sd_buf_free(&title);
			sd_buf_free(&body);
			sd_case_view_free(&v);
			ncases++;
		}
		pc = rows.next;
		bool more = rows.more;
		sd_case_rows_free(&rows);
		if (!more)
			break;
		if (ncases % 100000 < 500) {
			printf("tosqlite: %zu cases\n", ncases);
			fflush(stdout);
		}
	}

	/* Contact moments, enterprise by enterprise (each from its timeline). */
	for (size_t i = 0; i < nents; i++) {
		struct sd_moment_filter f = { .from = SD_NO_DAY, .to = SD_NO_DAY };
		struct sd_moment_rows mr;
		char ref[SD_UUID_STR];

		sd_uuid_format(ent_ids[i], ref);
		f.enterprise = ref;
		if (sd_moment_list(&d, &f, 1000000, &mr, &err) != SD_OK) {
			fprintf(stderr, "tosqlite: moments of %s: %s\n", ref, err.msg);
			return 1;
		}
		for (size_t k = mr.n; k-- > 0; ) {	/* oldest first */
			struct sd_moment *m = &mr.items[k].m;
			sqlite3_int64 row;
			sqlite3_bind_blob(ins_moment, 1, m->id, SD_UUID_LEN, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins_moment, 2, map_get(m->enterprise));
			sqlite3_bind_int(ins_moment, 3, m->kind);
			sqlite3_bind_int64(ins_moment, 4, m->at);
			sqlite3_bind_int(ins_moment, 5, m->timed);
			text(ins_moment, 6, m->departments);
			text(ins_moment, 7, m->participants);
			text(ins_moment, 8, m->text);
			sqlite3_bind_int(ins_moment, 9, m->state);
			if (m->follow_up != SD_NO_DAY)
				sqlite3_bind_int(ins_moment, 10, m->follow_up);
			text(ins_moment, 11, m->case_number);
			text(ins_moment, 12, m->owner);
			sqlite3_bind_int64(ins_moment, 13, m->created);
			sqlite3_bind_int64(ins_moment, 14, m->updated);
			nonzero(ins_moment, 15, m->held);
			sqlite3_bind_int64(ins_moment, 16, m->version);
			step(ins_moment, "moment");
			row = sqlite3_last_insert_rowid(db);
			/* What sedesk indexes: the text, the kind, the departments. */
			{
				struct sd_buf body = { 0 };
				sd_buf_addf(&body, "%s %s %s", sd_channel_name(m->kind),
				    m->departments ? m->departments : "", m->text ? m->text : "");
				sqlite3_bind_int64(ins_fts, 1, year_of(m->at) << 32 | 0x80000000 | row);
				text(ins_fts, 2, "");
				text(ins_fts, 3, body.data);
				step(ins_fts, "search (moment)");
				sd_buf_free(&body);
			}
			nmoments++;
		}
		sd_moment_rows_free(&mr);
	}

	/* Events by start, each opened for its guests. */
	{
		struct sd_event_filter f = { 0 };
		struct sd_event_rows er;

		if (sd_event_list(&d, &f, SIZE_MAX, &er, &err) != SD_OK) {
			fprintf(stderr, "tosqlite: events: %s\n", err.msg);
			return 1;
		}
		for (size_t i = 0; i < er.n; i++) {
			struct sd_event_view v;
			struct sd_event *e;
			char ref[SD_UUID_STR];
			struct sd_buf body = { 0 };
			sqlite3_int64 row;

			sd_uuid_format(er.items[i].id, ref);
			if (sd_event_get(&d, ref, &v, &err) != SD_OK) {
				fprintf(stderr, "tosqlite: event %s: %s\n", ref, err.msg);
				return 1;
			}
			e = &v.ev;
			sqlite3_bind_blob(ins_event, 1, e->id, SD_UUID_LEN, SQLITE_TRANSIENT);
			text(ins_event, 2, e->title);
			sqlite3_bind_int(ins_event, 3, e->kind);
			sqlite3_bind_int64(ins_event, 4, e->start);
			nonzero(ins_event, 5, e->end);
			text(ins_event, 6, e->place);
			text(ins_event, 7, e->depts);
			sqlite3_bind_int64(ins_event, 8, e->capacity);
			text(ins_event, 9, e->description);
			text(ins_event, 10, e->organiser);
			sqlite3_bind_int64(ins_event, 11, e->created);
			sqlite3_bind_int64(ins_event, 12, e->updated);
			sqlite3_bind_int64(ins_event, 13, e->version);
			step(ins_event, "event");
			row = sqlite3_last_insert_rowid(db);
			for (size_t k = 0; k < v.nguests; k++) {
				struct sd_attendance *a = &v.guests[k].a;
				sqlite3_bind_int64(ins_attend, 1, row);
				sqlite3_bind_int64(ins_attend, 2, map_get(a->enterprise));
				sqlite3_bind_int(ins_attend, 3, a->state);
				sqlite3_bind_int64(ins_attend, 4, a->people);
				nonzero(ins_attend, 5, a->invited);
				nonzero(ins_attend, 6, a->registered);
				nonzero(ins_attend, 7, a->attended);
				step(ins_attend, "attendance");
				nguests++;
			}
			sd_buf_addf(&body, "%s %s %s", e->place ? e->place : "",
			    e->depts ? e->depts : "", e->description ? e->description : "");
			sqlite3_bind_int64(ins_fts, 1, year_of(e->start) << 32 | 0xC0000000 | row);
			text(ins_fts, 2, e->title);
			text(ins_fts, 3, body.data);
			step(ins_fts, "search (event)");
			sd_buf_free(&body);
			sd_event_view_free(&v);
			nevents++;
		}
		sd_event_rows_free(&er);
	}
	exec("COMMIT");
	/* The indexes once the rows are in: one sorted build each (at 1m minutes less). */
	exec("BEGIN");
	schema(true);
	exec("COMMIT");
	sqlite3_finalize(ins_moment);
	sqlite3_finalize(ins_event);
	sqlite3_finalize(ins_attend);
	sqlite3_finalize(ins_ent);
	sqlite3_finalize(ins_case);
	sqlite3_finalize(ins_route);
	sqlite3_finalize(ins_journal);
	sqlite3_finalize(ins_fts);
	exec("INSERT INTO search(search) VALUES('optimize'); ANALYZE;");
	exec("PRAGMA journal_mode = WAL;");
	sqlite3_close(db);
	sd_desk_close(&d);
	printf("tosqlite: %zu enterprises, %zu cases, %zu routes, %zu journal entries, "
	    "%zu contact moments, %zu events with %zu guests in %.1f s\n",
	    nents, ncases, nroutes, njournal, nmoments, nevents, nguests,
	    (double)(bl_now_ns() - t0) / 1e9);
	free(ent_ids);
	free(map);
	return 0;
}
