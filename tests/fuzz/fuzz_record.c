/*
 * Fuzz target: the record decoder (record.h) and everything that reads
 * records from the store — a damaged data file must be reported, never
 * crash the program.
 *
 * The input is one record's bytes (the seed corpus holds real records
 * captured from a database: format byte, type byte, tag-length-value
 * fields).  Each input is
 *   1. walked with sd_rec_open/sd_rec_next/sd_rec_as_* as each record type;
 *   2. written, in one write transaction on the fixture's database (see
 *      fuzz.h), over the first enterprise (which has a profile), the first
 *      case, that case's route to wel (its route to eco stays valid, so a
 *      list of routes fails after a good one), the second case's latest
 *      journal entry, the enterprise's planned contact moment (its held
 *      one stays valid), the event it attended and that attendance; then
 *      read back with the core's loaders (ent_load, case_load, routes_load,
 *      sd_journal_read, moment_load, event_load, attend_decode) inside
 *      that transaction, which is committed;
 *   3. read through the public functions the front ends call: enterprise
 *      get, list and find, case view, case lists and inboxes, contact
 *      moment list, view and the inbox's moments, event list and view,
 *      the enterprise's timeline and reach (not contacted since), search
 *      and suggestions, as the contact-point officer and as a department
 *      officer; then checked with sd_check (`sedesk check`), which must
 *      report the damage whenever a loader refused the bytes.
 * Every one of these may fail on the damaged record, with a message; none
 * may crash, leak or read out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_internal.h"
#include "fuzz.h"
#include "internal.h"
#include "keys.h"
#include "moment_internal.h"
#include "sedesk/ops.h"
#include "record.h"
#include "sedesk/search.h"
#include "sedesk/timeline.h"

static uint8_t case_key[SD_CASE_KEY_LEN];
static char case_number[SD_CASE_NUMBER_MAX];
/*
 * The journal entry overwritten is the latest of the second case, whose
 * own record stays valid: so the entry is read where a case's journal is
 * read (the case view, the search index that check rebuilds), not only
 * where the first case's damaged record has already stopped the reading.
 */
static struct sd_case_key other_key;
static uint8_t other_ck[SD_CASE_KEY_LEN];
static char other_number[SD_CASE_NUMBER_MAX];
static uint8_t journal_seq[8];
static char ent_ref[SD_UUID_STR];
static char moment_ref[SD_UUID_STR], held_ref[SD_UUID_STR], event_ref[SD_UUID_STR];
static uint8_t attend_key[2 * SD_UUID_LEN];

static void
setup(struct sd_desk *d)
{
	struct sd_error err = { 0 };
	struct sd_iter it;
	struct sd_txn t;
	uint8_t prefix[1 + SD_CASE_KEY_LEN];
	bool found = false;

	sd_case_key_pack(fz_case_key, case_key);
	sd_case_number_format(fz_case_key, case_number);
	sd_uuid_format(fz_ent_id, ent_ref);
	sd_uuid_format(fz_moment_id, moment_ref);
	sd_uuid_format(fz_held_id, held_ref);
	sd_uuid_format(fz_event_id, event_ref);
	memcpy(attend_key, fz_event_id, SD_UUID_LEN);
	memcpy(attend_key + SD_UUID_LEN, fz_ent_id, SD_UUID_LEN);
	other_key = fz_case_key;
	other_key.seq++;
	sd_case_key_pack(other_key, other_ck);
	sd_case_number_format(other_key, other_number);
	prefix[0] = SD_SUBJECT_CASE;
	memcpy(prefix + 1, other_ck, SD_CASE_KEY_LEN);
	if (sd_txn_begin(d->store, false, &t, &err) != SD_OK)
		abort();
	sd_iter_start(&it, &t, SD_DB_JOURNAL_BY_SUBJECT, prefix, sizeof prefix, true, NULL, 0);
	if (sd_iter_next(&it) && it.key.mv_size == sizeof prefix + 8) {
		memcpy(journal_seq, (const uint8_t *)it.key.mv_data + sizeof prefix, 8);
		found = true;
	}
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (!found)
		abort();
}

/* Step 1: the generic reader, as every type. */
static void
walk(const uint8_t *data, size_t size)
{
	static const enum sd_rec_type types[] = {
		SD_REC_ENTERPRISE, SD_REC_CASE, SD_REC_ROUTE, SD_REC_JOURNAL,
		SD_REC_MOMENT, SD_REC_EVENT, SD_REC_ATTENDANCE,
	};

	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		struct sd_rec_reader r;
		const uint8_t *p;
		uint8_t tag;
		size_t n;

		if (!sd_rec_open(&r, data, size, types[i])) {
			FZ_ASSERT(r.bad);
			continue;
		}
		while (sd_rec_next(&r, &tag, &p, &n)) {
			uint64_t u;
			int64_t v;
			char *s = sd_rec_as_str(p, n);

			FZ_ASSERT(p >= data && p + n <= data + size);
			FZ_ASSERT(s != NULL && strlen(s) <= n);
			free(s);
			if (sd_rec_as_u64(p, n, &u) && sd_rec_as_i64(p, n, &v)) {
				/* Zig-zag: the signed value encodes back to the same bits. */
				FZ_ASSERT((((uint64_t)v << 1) ^ (uint64_t)(v >> 63)) == u);
			}
		}
		FZ_ASSERT(r.bad || r.p == r.end);
	}
}

/* What the front ends do with decoded values: labels and dates. */
static void
show_day(sd_day day)
{
	char out[11];

	sd_day_format(day, out);
	FZ_ASSERT(strlen(out) == 0 || strlen(out) == 10);
}

static void
show_time(int64_t t)
{
	char out[21];

	sd_time_format(t, out);
	FZ_ASSERT(strlen(out) == 0 || strlen(out) == 20);
	show_day(sd_day_from_time(t));
}

static void
show_case(const struct sd_case *c)
{
	FZ_ASSERT(sd_case_status_name(c->status) != NULL);
	FZ_ASSERT(sd_case_status_label(c->status) != NULL);
	FZ_ASSERT(sd_channel_name(c->channel) != NULL && sd_channel_label(c->channel) != NULL);
	FZ_ASSERT(sd_priority_name(c->priority) != NULL && sd_priority_label(c->priority) != NULL);
	show_day(c->due);
	show_time(c->created);
	show_time(c->updated);
	show_time(c->closed);
}

static void
show_route(const struct sd_route *r)
{
	FZ_ASSERT(sd_route_state_name(r->state) != NULL);
	FZ_ASSERT(sd_route_state_label(r->state) != NULL);
	FZ_ASSERT(sd_route_symbol(r->state) != NULL);
	show_day(r->due);
	show_time(r->routed);
	show_time(r->picked_up);
	show_time(r->finished);
}

static void
show_moment(const struct sd_moment *m)
{
	char when[17];

	FZ_ASSERT(m->kind < SD_CHANNEL_COUNT);
	FZ_ASSERT(m->state > SD_MOMENT_NONE && m->state < SD_MOMENT_STATE_COUNT);
	FZ_ASSERT(sd_moment_state_name(m->state) != NULL);
	FZ_ASSERT(sd_moment_state_label(m->state) != NULL);
	FZ_ASSERT(sd_channel_name(m->kind) != NULL && sd_channel_label(m->kind) != NULL);
	sd_moment_time_format(m->at, m->timed, when);
	FZ_ASSERT(strlen(when) < sizeof when);
	show_day(sd_moment_day(m));
	show_day(m->follow_up);
	show_time(m->created);
	show_time(m->updated);
	show_time(m->held);
}

static void
show_event(const struct sd_event *e)
{
	char when[17];

	FZ_ASSERT(e->kind > SD_EVENT_NONE && e->kind < SD_EVENT_KIND_COUNT);
	FZ_ASSERT(sd_event_kind_name(e->kind) != NULL && sd_event_kind_label(e->kind) != NULL);
	sd_event_time_format(e->start, when);
	FZ_ASSERT(strlen(when) < sizeof when);
	sd_event_time_format(e->end, when);
	FZ_ASSERT(strlen(when) < sizeof when);
	show_time(e->created);
	show_time(e->updated);
}

static void
show_attendance(const struct sd_attendance *a)
{
	FZ_ASSERT(a->state > SD_ATTEND_NONE && a->state < SD_ATTEND_STATE_COUNT);
	FZ_ASSERT(sd_attend_state_name(a->state) != NULL);
	FZ_ASSERT(sd_attend_state_label(a->state) != NULL);
	show_time(a->invited);
	show_time(a->registered);
	show_time(a->attended);
}

/*
 * Step 2: overwrite the records and load them inside the transaction.
 * Returns whether a loader refused the bytes (the database is damaged).
 */
static bool
overwrite(struct sd_desk *d, const uint8_t *data, size_t size)
{
	bool damaged = false;
	struct sd_error err = { 0 };
	struct sd_enterprise e;
	struct sd_case c;
	struct sd_route *routes;
	struct sd_journal_entry *journal;
	struct sd_moment m;
	struct sd_event ev;
	struct sd_attendance a;
	struct sd_key k;
	struct sd_txn t;
	MDB_val v;
	size_t n;

	if (sd_txn_begin(d->store, true, &t, &err) != SD_OK)
		abort();
	sd_key_reset(&k);
	sd_key_bytes(&k, case_key, sizeof case_key);
	sd_key_bytes(&k, "wel", 3);
	if (sd_db_put(&t, SD_DB_ENT, fz_ent_id, SD_UUID_LEN, data, size, "ent", &err) != SD_OK ||
	    sd_db_put(&t, SD_DB_CASE, case_key, sizeof case_key, data, size, "case",
	    &err) != SD_OK ||
	    sd_db_put(&t, SD_DB_ROUTE, k.b, k.len, data, size, "route", &err) != SD_OK ||
	    sd_db_put(&t, SD_DB_JOURNAL, journal_seq, sizeof journal_seq, data, size, "journal",
	    &err) != SD_OK ||
	    sd_db_put(&t, SD_DB_MOMENT, fz_moment_id, SD_UUID_LEN, data, size, "moment",
	    &err) != SD_OK ||
	    sd_db_put(&t, SD_DB_EVENT, fz_event_id, SD_UUID_LEN, data, size, "event",
	    &err) != SD_OK ||
	    sd_db_put(&t, SD_DB_ATTEND, attend_key, sizeof attend_key, data, size, "attendance",
	    &err) != SD_OK) {
		fprintf(stderr, "fuzz_record: writing the record: %s\n", err.msg);
		abort();
	}

	if (ent_load(&t, fz_ent_id, &e, &err) == SD_OK) {
		show_time(e.created);
		show_time(e.updated);
		sd_enterprise_free(&e);
	} else {
		FZ_ASSERT(err.msg[0] != '\0');
		damaged = true;
	}
	if (case_load(&t, fz_case_key, &c, &err) == SD_OK) {
		FZ_ASSERT(c.key.year == fz_case_key.year && c.key.seq == fz_case_key.seq);
		FZ_ASSERT(c.status > SD_CASE_NONE && c.status < SD_CASE_STATUS_COUNT);
		FZ_ASSERT(c.channel < SD_CHANNEL_COUNT && c.priority < SD_PRIORITY_COUNT);
		FZ_ASSERT(c.satisfaction >= 0 && c.satisfaction <= 5);
		show_case(&c);
		sd_case_free(&c);
	} else
		damaged = true;
	for (int full = 0; full < 2; full++) {
		if (routes_load(&t, fz_case_key, full, &routes, &n, &err) != SD_OK) {
			damaged = true;
			continue;
		}
		FZ_ASSERT(n == 2);
		for (size_t i = 0; i < n; i++) {
			FZ_ASSERT(routes[i].dept != NULL);
			FZ_ASSERT(routes[i].state > SD_ROUTE_NONE &&
			    routes[i].state < SD_ROUTE_STATE_COUNT);
			show_route(&routes[i]);
		}
		routes_free(routes, n);
	}
	if (sd_journal_read(&t, SD_SUBJECT_CASE, other_ck, sizeof other_ck, &journal, &n,
	    &err) == SD_OK) {
		for (size_t i = 0; i < n; i++) {
			FZ_ASSERT(journal[i].subject_len <= sizeof journal[i].subject);
			FZ_ASSERT(sd_journal_kind_label(journal[i].kind) != NULL);
			show_time(journal[i].at);
		}
		sd_journal_entries_free(journal, n);
	} else
		damaged = true;
	if (moment_load(&t, fz_moment_id, &m, &err) == SD_OK) {
		show_moment(&m);
		sd_moment_free(&m);
	} else {
		FZ_ASSERT(err.msg[0] != '\0');
		damaged = true;
	}
	if (event_load(&t, fz_event_id, &ev, &err) == SD_OK) {
		show_event(&ev);
		sd_event_free(&ev);
	} else {
		FZ_ASSERT(err.msg[0] != '\0');
		damaged = true;
	}
	if (sd_db_get(&t, SD_DB_ATTEND, attend_key, sizeof attend_key, &v, "attendance",
	    &err) != SD_OK)
		abort();
	if (attend_decode(&v, &a))
		show_attendance(&a);
	else
		damaged = true;
	if (sd_txn_commit(&t, &err) != SD_OK)
		abort();
	return damaged;
}

static void
view(struct sd_desk *d, const char *number)
{
	struct sd_case_view v;
	struct sd_error err = { 0 };
	const struct sd_department **sug;
	size_t n;

	if (sd_case_get(d, number, &v, &err) == SD_OK)
		sd_case_view_free(&v);
	else
		FZ_ASSERT(err.msg[0] != '\0');
	if (sd_case_suggest(d, number, &sug, &n, &err) == SD_OK)
		free(sug);
}

static void
lists(struct sd_desk *d)
{
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_error err = { 0 };

	if (sd_case_list(d, &f, NULL, 10, &rows, &err) == SD_OK)
		sd_case_rows_free(&rows);
	f.status = SD_CASE_IN_PROGRESS;
	if (sd_case_list(d, &f, NULL, 10, &rows, &err) == SD_OK)
		sd_case_rows_free(&rows);
	memset(&f, 0, sizeof f);
	f.enterprise = "0403.170.701";
	if (sd_case_list(d, &f, NULL, 10, &rows, &err) == SD_OK)
		sd_case_rows_free(&rows);
	memset(&f, 0, sizeof f);
	f.overdue = true;
	if (sd_case_list(d, &f, NULL, 10, &rows, &err) == SD_OK)
		sd_case_rows_free(&rows);
	if (sd_inbox(d, 10, &rows, &err) == SD_OK)
		sd_case_rows_free(&rows);
}

/* The contact moments: lists, the inbox's part, both moments' screens. */
static void
moments(struct sd_desk *d)
{
	struct sd_moment_filter f = { 0 };
	struct sd_moment_rows rows;
	struct sd_moment_view v;
	struct sd_error err = { 0 };

	f.from = f.to = SD_NO_DAY;
	if (sd_moment_list(d, &f, 10, &rows, &err) == SD_OK)
		sd_moment_rows_free(&rows);
	f.enterprise = ent_ref;
	f.kind = SD_CHANNEL_PHONE;
	if (sd_moment_list(d, &f, 10, &rows, &err) == SD_OK)
		sd_moment_rows_free(&rows);
	memset(&f, 0, sizeof f);
	f.from = f.to = SD_NO_DAY;
	f.mine = true;
	if (sd_moment_list(d, &f, 10, &rows, &err) == SD_OK)
		sd_moment_rows_free(&rows);
	if (sd_moment_inbox(d, 10, &rows, &err) == SD_OK)
		sd_moment_rows_free(&rows);
	if (sd_moment_get(d, moment_ref, &v, &err) == SD_OK)
		sd_moment_view_free(&v);
	else
		FZ_ASSERT(err.msg[0] != '\0');
	if (sd_moment_get(d, held_ref, &v, &err) == SD_OK)
		sd_moment_view_free(&v);
}

/* The events: the list, the event's screen. */
static void
events(struct sd_desk *d)
{
	struct sd_event_filter f = { 0 };
	struct sd_event_rows rows;
	struct sd_event_view v;
	struct sd_error err = { 0 };

	if (sd_event_list(d, &f, 10, &rows, &err) == SD_OK)
		sd_event_rows_free(&rows);
	f.dept = "eco";
	f.kind = SD_EVENT_NETWORK;
	if (sd_event_list(d, &f, 10, &rows, &err) == SD_OK)
		sd_event_rows_free(&rows);
	if (sd_event_get(d, event_ref, &v, &err) == SD_OK)
		sd_event_view_free(&v);
	else
		FZ_ASSERT(err.msg[0] != '\0');
}

/* The enterprise's timeline, page by page, and reach. */
static void
timeline(struct sd_desk *d)
{
	struct sd_timeline_page p;
	struct sd_ent_contact_list l;
	struct sd_ent_cursor next;
	struct sd_error err = { 0 };
	sd_day since;

	if (sd_enterprise_timeline(d, ent_ref, NULL, 3, &p, &err) == SD_OK) {
		for (size_t i = 0; i < p.n; i++) {
			FZ_ASSERT(p.items[i].title != NULL && p.items[i].state != NULL);
			FZ_ASSERT(sd_timeline_kind_label(p.items[i].kind) != NULL);
			show_time(p.items[i].when);
		}
		next = p.next;
		if (p.more) {
			sd_timeline_page_free(&p);
			if (sd_enterprise_timeline(d, ent_ref, &next, 10, &p, &err) == SD_OK)
				sd_timeline_page_free(&p);
		} else
			sd_timeline_page_free(&p);
	}
	if (!sd_day_parse("2026-03-01", &since))
		abort();
	if (sd_enterprise_not_contacted(d, since, NULL, 10, &l, &err) == SD_OK) {
		for (size_t i = 0; i < l.n; i++)
			show_day(l.items[i].last);
		sd_ent_contact_list_free(&l);
	}
}

static void
search(struct sd_desk *d, const char *query)
{
	struct sd_hits hits;
	struct sd_error err = { 0 };

	if (sd_search(d, query, SD_HIT_ANY, 10, &hits, &err) == SD_OK)
		sd_hits_free(&hits);
}

static void
count_problem(void *arg, const char *what)
{
	FZ_ASSERT(what != NULL && *what != '\0');
	(*(size_t *)arg)++;
}

/*
 * Step 3: the public functions, which read through the damaged records;
 * last `sedesk check` (without repair: it writes nothing), which must
 * report a record that a loader refused.  The check forks a child to read
 * every page, which under ASan costs tens of milliseconds, so it runs for
 * one input in 16, chosen by a hash of the input (the same input always
 * gets it, so a crash reproduces); FUZZ_CHECK_EVERY=N changes the 16
 * (run-regress sets 1: every saved input is checked).
 */
static unsigned
check_every(void)
{
	static unsigned every;

	if (every == 0) {
		const char *v = getenv("FUZZ_CHECK_EVERY");
		every = v != NULL && atoi(v) > 0 ? (unsigned)atoi(v) : 16;
	}
	return every;
}
static void
read_back(struct sd_desk *d, bool damaged, bool check)
{
	struct sd_enterprise e;
	struct sd_enterprise_list l;
	struct sd_error err = { 0 };
	size_t problems = 0, told = 0;
	int dead;

	if (sd_enterprise_get(d, "0403.170.701", &e, &err) == SD_OK)
		sd_enterprise_free(&e);
	if (sd_enterprise_get(d, ent_ref, &e, &err) == SD_OK)
		sd_enterprise_free(&e);
	if (sd_enterprise_list(d, NULL, NULL, 10, &l, &err) == SD_OK)
		sd_enterprise_list_free(&l);
	if (sd_enterprise_list(d, "horeca", NULL, 10, &l, &err) == SD_OK)
		sd_enterprise_list_free(&l);
	if (sd_enterprise_find(d, "kroon", 10, &l, &err) == SD_OK)
		sd_enterprise_list_free(&l);
	view(d, case_number);
	view(d, other_number);
	lists(d);
	moments(d);
	events(d);
	timeline(d);
	search(d, "kroon");
	search(d, "zonnepanelen");
	search(d, case_number);
	search(d, "keuken");
	search(d, "netwerkdag");
	fz_as(d, "bram");
	view(d, case_number);
	view(d, other_number);
	lists(d);
	moments(d);
	events(d);
	timeline(d);
	search(d, "premie");
	search(d, "keuken");
	search(d, "netwerkdag");
	fz_as(d, "chris");
	lists(d);
	fz_as(d, "ann");
	if (!check)
		return;
	fz_as(d, "root");
	err.msg[0] = '\0';
	if (sd_check(d, false, count_problem, &told, &problems, &err) == SD_OK) {
		FZ_ASSERT(told == problems);
		FZ_ASSERT(!damaged || problems > 0);
	} else
		FZ_ASSERT(err.msg[0] != '\0');
	/*
	 * The check's child process reads the file in a transaction of its
	 * own; when it leaves its reader slot behind, LMDB keeps every page
	 * of that snapshot and the map fills up in a long-lived process.
	 */
	dead = 0;
	mdb_reader_check(d->store->env, &dead);
	FZ_ASSERT(dead == 0 || fz_skip("readers"));
	fz_as(d, "ann");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct sd_desk *d = fz_desk();
	uint8_t *copy;

	if (!ready) {
		setup(d);
		ready = true;
	}
	/* An exact-size copy, so that reading past the record is caught. */
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL)
		abort();
	if (size > 0)
		memcpy(copy, data, size);
	walk(copy, size);
	free(copy);
	{
		uint32_t h = 2166136261u;	/* FNV-1a */
		for (size_t i = 0; i < size; i++)
			h = (h ^ data[i]) * 16777619u;
		read_back(d, overwrite(d, data, size), h % check_every() == 0);
	}
	return 0;
}
