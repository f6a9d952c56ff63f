/*
 * Functions shared by the core's files inside one transaction.  Not for
 * front ends: they call the public functions, which own the transactions.
 */
#ifndef SEDESK_CORE_INTERNAL_H
#define SEDESK_CORE_INTERNAL_H

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "journal.h"
#include "store.h"

/* Enterprises (enterprise.c). */
sd_status ent_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_enterprise *out,
    struct sd_error *err);
sd_status ent_resolve(struct sd_txn *t, const char *ref, uint8_t id[SD_UUID_LEN],
    struct sd_error *err);
/* Writes the record of e (enterprise_store.c). */
sd_status ent_put(struct sd_txn *t, const struct sd_enterprise *e, struct sd_error *err);
/* SD_INVALID when number belongs to an enterprise other than self (NULL: any). */
sd_status ent_number_free(struct sd_txn *t, const char *number, const uint8_t *self,
    struct sd_error *err);
/* Checks and adds one enterprise inside t; writes nothing when invalid (enterprise_actions.c). */
sd_status ent_add_in_txn(struct sd_txn *t, struct sd_desk *d, char *const in[SD_EF_COUNT],
    uint8_t id_out[SD_UUID_LEN], struct sd_error *err);
/* The row of a text field in the enterprise's field table. */
struct sd_field_def;
const struct sd_field_def *ent_field_def(enum sd_ent_field f);

/*
 * Index entries of one record, added (put) or removed; a failure's message
 * names the record ("enterprise", "case", "route").
 */
sd_status ent_index(struct sd_txn *t, const struct sd_enterprise *e, bool put,
    struct sd_error *err);
/* The part of ent_index for the e-mail addresses (ent_email_index.c). */
sd_status ent_email_index(struct sd_txn *t, const struct sd_enterprise *e, bool put,
    struct sd_error *err);
/*
 * The enterprises that have addr (domain_only: any address of its domain)
 * as theirs or a contact person's: how many there are, counted up to 2,
 * and the first of them in first (for addr itself the first in id order;
 * of a domain's, the one when there is one).
 */
sd_status ent_by_email(struct sd_txn *t, const char *addr, bool domain_only,
    uint8_t first[SD_UUID_LEN], size_t *count, struct sd_error *err);
/*
 * Runs an index function (put) over every enterprise inside a migration's
 * transaction: 0 or an LMDB code (migrate.c).
 */
int	migrate_each_enterprise(MDB_txn *txn, struct sd_store *st,
	    sd_status (*index)(struct sd_txn *, const struct sd_enterprise *, bool,
	    struct sd_error *));
/* The running cases' priority index of a database made before it (store.c, at open). */
int	case_prio_fill(MDB_txn *txn, struct sd_store *st);
/* Its key: ~priority(1) due(4) casekey(6), the most urgent and oldest due first. */
struct sd_key;
void	case_prio_key(struct sd_key *k, const uint8_t ck[SD_CASE_KEY_LEN], int priority,
	    sd_day due);
/* The e-mail index of a database made before it (store.c, at open): 0 or an LMDB code. */
int	ent_email_fill(MDB_txn *txn, struct sd_store *st);
sd_status case_index(struct sd_txn *t, const struct sd_case *c, bool put,
    struct sd_error *err);
/* The part of case_index for the day indexes (schema 1 had them elsewhere: migrate.c). */
sd_status case_day_index(struct sd_txn *t, const struct sd_case *c, bool put,
    struct sd_error *err);
sd_status route_index(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r,
    bool put, struct sd_error *err);
bool	route_decode(const MDB_val *v, struct sd_route *r);
/*
 * The open routes' due index of a database made before it (store.c, at
 * open, in the write transaction that creates it): 0 or an LMDB code.
 */
int	route_due_fill(MDB_txn *txn, struct sd_store *st);
struct sd_key;
/* Its key: dept \0 state(1) priority(1, the most urgent first) due(4) ~casekey(6). */
void	route_due_key(struct sd_key *k, struct sd_case_key key, const struct sd_route *r,
    int priority);
uint8_t	route_due_priority_byte(int priority);
/* The priority field of a stored case record, without decoding the rest. */
int	case_peek_priority(const MDB_val *v);

/*
 * A new case inside t (case_actions.c): in checked first by
 * case_new_check; event (may be NULL) the uuid of the event it follows
 * up, moment (may be NULL) the uuid of the contact moment it is made from.
 */
sd_status case_new_check(struct sd_desk *d, const struct sd_case_input *in,
    struct sd_error *err);
sd_status case_new_in_txn(struct sd_txn *t, struct sd_desk *d, const struct sd_case_input *in,
    const uint8_t *event, const char *moment, struct sd_case_key *out, struct sd_error *err);

/*
 * A note on case number inside t, as sd_case_note (case_actions.c; mailgate).
 * from_outside: a mail of the enterprise, which brings a waiting case back
 * to the inbox today.
 */
sd_status case_note_in_txn(struct sd_txn *t, struct sd_desk *d, const char *number,
    const char *text, bool from_outside, struct sd_error *err);

/* Cases and routes (case_store.c). */
sd_status case_load(struct sd_txn *t, struct sd_case_key key, struct sd_case *out,
    struct sd_error *err);
/*
 * The case at key from its record's lookup: s is how the lookup went
 * (SD_OK: v holds the record); a missing or unreadable case fails with
 * case_load's messages.  For readers that fetch the record their own way
 * (the lists' pread reader, case_list.c).
 */
sd_status case_from_record(sd_status s, struct sd_case_key key, const MDB_val *v,
    struct sd_case *out, struct sd_error *err);
/*
 * A route's record into r; !full: only what lists show (department and
 * state: no officer, no answer).  False when it cannot be read (r freed).
 */
bool	route_decode_as(const MDB_val *v, struct sd_route *r, bool full);
sd_status case_resolve(struct sd_txn *t, const char *number, struct sd_case *out,
    struct sd_error *err);
/* Writes c (version already bumped) and moves its index entries from old (NULL: new). */
sd_status case_save(struct sd_txn *t, const struct sd_case *old, const struct sd_case *c,
    struct sd_error *err);
sd_status routes_load(struct sd_txn *t, struct sd_case_key key, bool full,
    struct sd_route **out, size_t *n, struct sd_error *err);
sd_status route_save(struct sd_txn *t, struct sd_case_key key, const struct sd_route *old,
    const struct sd_route *r, struct sd_error *err);
/*
 * A new case c with its n routes r (none stored before), as case_save and
 * route_save one after the other would write them; the bulk paths' way.
 */
sd_status case_add(struct sd_txn *t, const struct sd_case *c, const struct sd_route *r,
    size_t n, struct sd_error *err);
void	routes_free(struct sd_route *r, size_t n);
bool	case_is_running(enum sd_case_status s);	/* counts towards overdue */
bool	route_is_open(enum sd_route_state s);		/* pending or picked up (case_facts.c) */
/*
 * Visibility (permit.c): whether the caller sees every case, and whether
 * they see a case with these routes (an officer: the cases routed to one
 * of their departments).
 */
bool	sd_sees_all_cases(const struct sd_desk *d);
bool	sd_sees_case(const struct sd_desk *d, const struct sd_route *routes, size_t n);
/* Whether the caller sees an event of these departments (comma-separated). */
bool	sd_sees_event(const struct sd_desk *d, const char *depts);
/* Whether the caller sees an opportunity of department dept (permit.c). */
bool	sd_sees_opportunity(const struct sd_desk *d, const char *dept);
/*
 * Whether the caller may see an enterprise: an officer, those of their
 * cases, contact moments and events.
 */
bool	ent_visible(struct sd_txn *t, const struct sd_desk *d, const uint8_t id[SD_UUID_LEN]);
/* Resolves an enterprise the caller may see; one they may not is "not found". */
sd_status ent_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    uint8_t id[SD_UUID_LEN], struct sd_error *err);
/*
 * The follow-up days and the days a waiting case comes back, in the table
 * SD_DB_CASE_BY_DAY: PREFIX(9) day(4, ordered) casekey(6) -> -, so the
 * inbox reads only the days that have come, not every waiting case.  They
 * are index entries of the case (case_index: a follow-up day of a case not
 * closed, the day a waiting case comes back), so `check` rebuilds them;
 * the inbox still checks each against the case it reads.
 */
#define SD_DAYS_FOLLOWUP	"followup:"
#define SD_DAYS_WAIT		"wait-day:"
#define SD_FOLLOWUP_KEY_LEN	(9 + 4 + SD_CASE_KEY_LEN)
size_t	day_index_key(uint8_t out[SD_FOLLOWUP_KEY_LEN], const char *prefix, sd_day day,
	    struct sd_case_key key);
/* Marks the rows whose journal moved on, by someone else, since the caller last looked (case_seen.c). */
sd_status case_rows_mark_changed(struct sd_desk *d, struct sd_case_rows *rows,
    struct sd_error *err);
/* Loads a case the caller may see; one they may not is "not found". */
sd_status case_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *number,
    struct sd_case *out, struct sd_error *err);

/* The search index (search_index.c), updated inside the change's transaction. */
#define SD_DOCID_ENT_LEN (1 + 8 + SD_UUID_LEN)	/* 'E', updated, uuid */
size_t	docid_ent(uint8_t out[SD_DOCID_ENT_LEN], const struct sd_enterprise *e);
/* old: the enterprise as it was before this change (NULL for a new one). */
sd_status search_index_enterprise(struct sd_txn *t, const struct sd_enterprise *old,
    const struct sd_enterprise *e, struct sd_error *err);
sd_status search_index_enterprise_new(struct sd_txn *t, const struct sd_enterprise *e,
    struct sd_error *err);
sd_status search_index_case(struct sd_txn *t, const struct sd_case *c, struct sd_error *err);
/*
 * The same from c's whole journal j[0..n) as given, not read back, for a
 * case just made (a bulk import's: nothing of it is in the index yet).
 */
sd_status search_index_case_journal(struct sd_txn *t, const struct sd_case *c,
    const struct sd_journal_entry *j, size_t nj, struct sd_error *err);
/* The same after an action that only added journal entries after seq since. */
sd_status search_index_case_since(struct sd_txn *t, const struct sd_case *c, uint64_t since,
    struct sd_error *err);
/* A new record's id: time-ordered (UUID version 7, uuid7.c). */
void	sd_uuid7(uint8_t id[SD_UUID_LEN]);
/* The journal's last sequence number (0 for none). */
uint64_t journal_last_seq(struct sd_txn *t);

/* Terms (search_terms.c): a growable set of folded words. */
struct term_block;
struct termset {
	char			**terms;	/* distinct; sorted after terms_finish */
	size_t			  n, cap;
	/* search_terms.c's own: the terms' bytes and a hash of them */
	struct term_block	 *blocks;
	uint32_t		 *slots;
	size_t			  nslots;
	bool			  stale;
};
void	terms_add_text(struct termset *ts, const char *text);
void	terms_add(struct termset *ts, const char *term);
void	terms_add_n(struct termset *ts, const char *w, size_t n);
void	terms_finish(struct termset *ts);	/* sorts and removes duplicates */
void	terms_free(struct termset *ts);
/*
 * The one word splitter of both word indexes (the enterprise picker's and
 * search's): calls fn for each run of ASCII letters and digits or of
 * non-ASCII bytes of the folded text; stops when fn returns non-zero and
 * returns that.
 */
int	fold_words(const char *folded, int (*fn)(const char *w, size_t n, void *arg), void *arg);

/* Journal helpers (journal.c callers). */
bool	journal_decode(const MDB_val *v, struct sd_journal_entry *e);
sd_status journal_case(struct sd_txn *t, const struct sd_desk *d, struct sd_case_key key,
    const char *kind, const char *dept, const char *text, struct sd_error *err);
sd_status journal_field(struct sd_txn *t, const struct sd_desk *d, uint8_t subject_kind,
    const void *subject, size_t slen, const char *field, const char *old_value,
    const char *new_value, struct sd_error *err);

#endif
