/*
 * The reports' aggregates (report_agg.c), internal to the core.
 *
 * One table of counts, SD_DB_REPORT_AGG, keyed
 *	kind(1) day(4, order-preserving) dept \0 category \0 extra
 * with an int64 count as value, and two tables that say what is counted:
 * SD_DB_REPORT_CASE (casekey -> the case's facts the counts use) and
 * SD_DB_REPORT_ROUTE (casekey dept -> the route's facts).
 *
 * The counts are a function of the indexed cases with their indexed
 * routes: a case's contribution depends on its routes (departments
 * touched, pairs, hand-offs, and the category under which its routes
 * count).  So the case's index function and the route's index function
 * each take the case's whole contribution away, change their own facts,
 * and add it back; only the differences are written.  Whatever order
 * records are indexed in (actions, imports, check's rebuild from empty
 * tables, the schema migration), the counts end equal.
 *
 * Durations are kept in calendar days beside the day they ended; the
 * reports turn them into working days with the holidays configured then,
 * so a change of the holiday list needs no rebuild.
 */
#ifndef SEDESK_REPORT_AGG_H
#define SEDESK_REPORT_AGG_H

#include "internal.h"
#include "keys.h"

enum agg_kind {
	AGG_OPENED = 1,	/* day created; cat; channel(1) */
	AGG_CLOSED,	/* day closed; cat; satisfaction(1) own_view(1) */
	AGG_OPEN,	/* day created; cat; status(1): cases not closed */
	AGG_CASE_DUE,	/* day due; cat: cases running (not waiting, not closed) */
	AGG_TOUCHED,	/* day created; dept ("": the case) or one it touched; cat;
			   number of departments(1, at most 255) */
	AGG_HANDOFF,	/* day created; dept as TOUCHED; cat: value is the hand-offs */
	AGG_PAIR,	/* day created; cat; dept \0 dept \0 (in byte order) */
	AGG_RECEIVED,	/* day routed; dept; cat */
	AGG_REROUTED,	/* day routed; dept; cat: value is round - 1 */
	AGG_PICKED,	/* day picked up; dept; cat; calendar days since routed(2) */
	AGG_ANSWERED,	/* day answered; dept; cat; calendar days since routed(2) */
	AGG_DECLINED,	/* day declined; dept; cat; the reason's first line (cut) */
	AGG_WITHDRAWN,	/* day withdrawn; dept; cat */
	AGG_ROUTE_OPEN,	/* day due; dept; cat; state(1): routes pending or picked up */
	AGG_CONTACT,	/* day of a contact; "" ""; timeline kind(1) enterprise(16): value is
			   the enterprise's contacts of that kind that day (for reach) */
	AGG_REACH_PREV,	/* day of a contact; "" ""; chain(1) the chain's day before(4):
			   enterprises (report_agg_reach.c) */
	AGG_REACH_NEXT,	/* day of a contact; "" ""; chain(1) the chain's day after(4) */
	AGG_KIND_MAX
};

/* The decline reason kept in a key: its first line, at most this many bytes. */
#define AGG_REASON_MAX	60

/*
 * The hooks in case_index and route_index.  A put takes the indexed
 * record's share away and adds the new one's, so a save may skip the
 * removal of the old record (case_save and route_save do: one step, and
 * what did not change is not written).
 */
sd_status report_agg_case(struct sd_txn *t, const struct sd_case *c, bool put,
    struct sd_error *err);
sd_status report_agg_route(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r,
    bool put, struct sd_error *err);
/*
 * A case not indexed before, with all its routes, in one step: the same
 * facts and counts as report_agg_case and then report_agg_route for each
 * route, but the case's share counted once (case_add, the bulk path).
 */
sd_status report_agg_case_new(struct sd_txn *t, const struct sd_case *c,
    const struct sd_route *r, size_t n, struct sd_error *err);

/*
 * The hook in timeline_index: a contact of an enterprise (a case, a moment
 * that took place, an attended event) on the day of when, counted (put)
 * or taken away.  Reach then walks the days of a period, not every
 * enterprise's timeline.
 */
sd_status report_agg_contact(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], int64_t when,
    int kind, bool put, struct sd_error *err);
/* The count alone, without the reach's links (the migration builds those at the end). */
sd_status report_agg_contact_count(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN],
    int64_t when, int kind, bool put, struct sd_error *err);

/* Differences of counts, summed per key and written in one step (report_agg.c). */
struct delta {
	struct sd_key	k;
	int64_t		n;
};
struct deltas {
	struct delta	*v;
	size_t		 n, cap;
};
void	agg_delta_add(struct deltas *dl, const struct sd_key *k, int64_t n);
/* dl's sums into the daily table alone; empties dl. */
sd_status agg_deltas_apply_daily(struct sd_txn *t, struct deltas *dl, struct sd_error *err);
/* Writes dl's sums into the daily table and their months into the monthly one; empties dl. */
sd_status deltas_apply(struct sd_txn *t, struct deltas *dl, struct sd_error *err);

/*
 * A bulk chunk's differences (report_agg_batch.c): while st->agg is set
 * (bulk.c, only while a chunk's write transaction is open), deltas_apply
 * adds its sums there instead of writing them; agg_batch_flush writes
 * them, once per key in key order, before the chunk commits.  Nothing in
 * a chunk may read SD_DB_REPORT_AGG or SD_DB_REPORT_MONTH back.
 */
struct agg_batch;
struct agg_batch *agg_batch_new(void);
void	agg_batch_free(struct agg_batch *ab);
void	agg_batch_clear(struct agg_batch *ab);
size_t	agg_batch_bytes(const struct agg_batch *ab);
void	agg_batch_row(struct agg_batch *ab);
void	agg_batch_undo(struct agg_batch *ab);
void	agg_batch_add(struct agg_batch *ab, enum sd_dbi db, const struct sd_key *key, int64_t n);
/*
 * A daily count's difference whose monthly companions (agg_month_key, and
 * agg_month_all of it) move with it: they are summed from the chunk's
 * daily sums when it flushes, not per difference.
 */
void	agg_batch_add_daily(struct agg_batch *ab, const struct sd_key *key, int64_t n);
sd_status agg_batch_flush(struct sd_txn *t, struct agg_batch *ab, struct sd_error *err);

/*
 * Reach (report_agg_reach.c): for each enterprise and chain (0: any kind
 * of contact; or one timeline kind) the days it had a contact, linked:
 * AGG_REACH_PREV (day, chain, the chain's day before or SD_NO_DAY) and
 * AGG_REACH_NEXT (day, chain, the day after or INT32_MAX), counted over
 * enterprises.  An enterprise had a contact in [from, to] exactly when one
 * of its contact days there has its day before before from: so reach is a
 * count of links, read from whole months (the day before by its month)
 * and the days at the ends, not a set of every enterprise of the period.
 *
 * agg_reach_update: the contact of kind on day of ent was put or removed
 * (the timeline holds the change already): the links that change, into dl.
 */
sd_status agg_reach_update(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], sd_day day,
    int kind, bool put, struct deltas *dl, struct sd_error *err);
/* Every link from the timeline (a migration, a database from before the links). */
sd_status agg_reach_build(struct sd_txn *t, struct sd_error *err);
/* The chains a report reads: any contact, cases, moments, events. */
#define AGG_REACH_CHAINS	4
extern const uint8_t agg_reach_chain[AGG_REACH_CHAINS];
/* Enterprises with a contact in [from, to] per chain (SD_NO_DAY: open). */
sd_status agg_reach_count(struct sd_txn *t, sd_day from, sd_day to,
    uint64_t out[AGG_REACH_CHAINS], struct sd_error *err);

/* One count as a walk hands it over. */
struct agg_entry {
	enum agg_kind	 kind;
	sd_day		 day;
	const char	*dept;		/* "" for a case's counts */
	const char	*cat;		/* "": no category */
	const uint8_t	*extra;
	size_t		 nextra;
	int64_t		 n;
};

/*
 * Calls fn for every count of kind with a day from from to to (SD_NO_DAY:
 * open); fn returns false to stop.
 */
typedef bool (*agg_fn)(void *arg, const struct agg_entry *e);
sd_status agg_walk(struct sd_txn *t, enum agg_kind kind, sd_day from, sd_day to, agg_fn fn,
    void *arg, struct sd_error *err);

/*
 * The counts one case with its routes contributes, as a walk would hand
 * them over (for listing the cases behind a number): fn is called per
 * count.  Reads the case's facts from the tables above.
 */
sd_status agg_case_counts(struct sd_txn *t, const uint8_t ck[SD_CASE_KEY_LEN], agg_fn fn,
    void *arg, struct sd_error *err);

/* The same walk over another table of the same layout (the monthly one). */
sd_status agg_walk_db(struct sd_txn *t, enum sd_dbi db, enum agg_kind kind, sd_day from,
    sd_day to, agg_fn fn, void *arg, struct sd_error *err);

/*
 * The monthly figures (report_agg_month.c).  SD_DB_REPORT_MONTH holds the
 * daily counts of the period kinds summed by month: the same key with the
 * month's first day, and for a duration (AGG_PICKED, AGG_ANSWERED) the
 * weekday of its end day after the calendar days, so that working days
 * still follow exactly (see agg_walk_period).  deltas_apply keeps both
 * tables in the same step; check rebuilds and compares both.
 *
 * agg_month_key: the monthly key of a daily one; false when kind has no
 * monthly figures (AGG_OPEN, AGG_CASE_DUE, AGG_ROUTE_OPEN, AGG_CONTACT: read
 * by their day or whole).
 */
bool	agg_month_key(const struct sd_key *daily, struct sd_key *month);
/*
 * The same monthly count summed over the categories: the kind with
 * AGG_ALL_CATS and the category "" (a report without a category filter
 * reads these: a tenth of the entries with the bench's ten categories).
 * Turns month into that key; false when the kind has none.
 */
#define AGG_ALL_CATS	0x80
bool	agg_month_all(struct sd_key *month);
/*
 * A duration's daily count of all categories (kind | AGG_ALL_CATS in the
 * daily table): where holidays split a monthly count of all categories,
 * its days are read from these.  False for other kinds.
 */
bool	agg_day_all(const struct sd_key *daily, struct sd_key *all);
/* Those of a database from before them (report_agg_month_fill). */
sd_status agg_day_all_fill(struct sd_txn *t, struct sd_error *err);
/* Fills the monthly table from the daily one (a database from before it: store.c). */
sd_status agg_month_fill(struct sd_txn *t, struct sd_error *err);
int	report_agg_month_fill(MDB_txn *txn, struct sd_store *st);

/*
 * As agg_walk, the period read from whole months where it can: the days
 * before the first whole month and after the last from the daily table,
 * the months between from the monthly one (a month's count is handed over
 * with the month's first day; a duration's with a day of that month whose
 * working days are its own: the holidays decide, and where two end days
 * of the same weekday and length would count differently, the daily
 * counts of those days are read instead).  Kinds without monthly figures
 * are walked by day.  cat NULL (no category filter): the months' counts
 * of all categories together, handed over with the category "".
 */
sd_status agg_walk_period(struct sd_txn *t, enum agg_kind kind, sd_day from, sd_day to,
    const char *cat, const sd_day *holidays, size_t nholidays, agg_fn fn, void *arg,
    struct sd_error *err);

/* Working days after a up to and including b (0 when b <= a). */
int	agg_workdays_between(sd_day a, sd_day b, const sd_day *holidays, size_t nholidays);

#endif
