/*
 * Export (art. 15) and erasure (art. 17): one walk over every place that
 * may name the person, which lists what it finds and, erasing, replaces
 * it with the tombstone in the same write transaction.
 *
 * Where it looks:
 *   enterprises   every record (the structured fields: the contact
 *                 persons, the e-mail address, KBO's person contacts are
 *                 not all in the search index);
 *   journal       every entry (old values of edited fields and notes are
 *                 history the search index does not keep whole);
 *   cases         those the search index finds for the words asked for,
 *                 those the journal named, and with --enterprise every
 *                 case of the enterprise (all of them when the index
 *                 finds more than a search returns);
 *   moments       every record (few; the enterprise's, or by their text);
 *   events, opportunities  every record, by their text (a speaker, a
 *                 buyer's contact), not with --enterprise;
 *   stores        last, the rows of privacy_stores.c (attachments, the
 *                 outbox, the access log, …), given what the walk found.
 * A field holding exactly the name or address (a contact person, the
 * enterprise's e-mail), or a record of the enterprise asked for, is an
 * exact match; a name found inside free text is listed for review.
 *
 * Erasing keeps every field that is not personal (dates, states,
 * departments, categories, satisfaction), so the reports' figures stay;
 * the staff's logins stay (privacy_register.c).  Each record changed gets
 * its version raised, its indexes and search entry rebuilt, and one
 * journal entry "erased" whose text is the tombstone: the erased values
 * are nowhere.  The changes are one write transaction, which visits only
 * the records a read pass found (privacy_erase_in).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sedesk/i18n.h"
#include "sedesk/journal_entry.h"
#include "sedesk/moment.h"
#include "sedesk/profile.h"
#include "sedesk/search.h"
#include "sedesk/text.h"
#include "internal.h"
#include "keys.h"
#include "event_internal.h"
#include "moment_internal.h"
#include "opportunity_internal.h"
#include "privacy_int.h"

#define WHAT	_("personal data")

/* A set of case keys (small: those the walk touches). */
struct keyset {
	struct sd_case_key *k;
	size_t		 n, cap;
};

static bool
keyset_has(const struct keyset *s, struct sd_case_key k)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->k[i].year == k.year && s->k[i].seq == k.seq)
			return true;
	return false;
}

static void
keyset_add(struct keyset *s, struct sd_case_key k)
{
	if (keyset_has(s, k))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->k = sd_xrealloc(s->k, s->cap * sizeof *s->k);
	}
	s->k[s->n++] = k;
}

struct idset {
	uint8_t		(*id)[SD_UUID_LEN];
	size_t		 n, cap;
};

static bool
idset_has(const struct idset *s, const uint8_t *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (memcmp(s->id[i], id, SD_UUID_LEN) == 0)
			return true;
	return false;
}

static void
idset_add(struct idset *s, const uint8_t *id)
{
	if (idset_has(s, id))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->id = sd_xrealloc(s->id, s->cap * sizeof *s->id);
	}
	memcpy(s->id[s->n++], id, SD_UUID_LEN);
}

struct walk {
	struct sd_privacy_run *r;
	bool		 has_target;
	uint8_t		 target[SD_UUID_LEN];	/* --enterprise */
	struct keyset	 cases;		/* candidates from the search index */
	bool		 all_cases;	/* the index found more than a search returns */
	struct idset	 moments;	/* the target's moments */
	struct keyset	 target_cases;
	struct keyset	 touched;	/* cases whose journal changed */
	struct idset	 touched_moments;
	/*
	 * An erasure walks twice: a read pass over everything (collect) notes
	 * the records it found, then the write transaction visits only those
	 * (restricted), so the writer lock is held for what changes, not for
	 * reading the whole register.
	 */
	bool		 collect, restricted;
	struct idset	 hit_ents, hit_moments, hit_events, hit_opps;
	struct keyset	 hit_cases;
	struct keyset	 store_cases;	/* hit_cases and target_cases, for the stores */
	struct idset	 store_moments;
	uint64_t	*hit_seqs;
	size_t		 nhit_seqs, cap_seqs;
};

/* How many values the run has listed so far (to tell whether a record named the person). */
static size_t
nfound(const struct walk *w)
{
	return w->r->out != NULL ? w->r->out->nhits : 0;
}

typedef sd_status (*id_fn)(struct walk *, const uint8_t *, struct sd_error *);

/*
 * Calls fn for the records of table db (keyed by uuid): every one, read
 * straight from a cursor, or in the erasure's pass only those in set.
 */
static sd_status
each_id(struct walk *w, enum sd_dbi db, const struct idset *set, id_fn fn, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	if (w->restricted) {
		for (size_t i = 0; s == SD_OK && i < set->n; i++)
			s = fn(w, set->id[i], err);
		return s;
	}
	sd_iter_start(&it, w->r->t, db, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it))
		if (it.key.mv_size == SD_UUID_LEN)
			s = fn(w, it.key.mv_data, err);
	if (s == SD_OK)
		s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	return s;
}

/* --- one value ------------------------------------------------------------------- */

static char **
text_at(const struct sd_field_def *f, void *rec)
{
	return (char **)(void *)((char *)rec + f->off);
}

/*
 * One text value: listed when it names the person (whole: it is the
 * person's, all of it); erasing, replaced.  Returns whether it changed.
 */
static bool
one_value(struct walk *w, const char *record, const char *ref, const char *field, char **v,
    bool whole, bool exact_if_equal)
{
	struct sd_privacy_run *r = w->r;
	char *nv;

	if (*v == NULL || **v == '\0' || strcmp(*v, r->tomb) == 0)
		return false;
	/* --enterprise: the enterprise's own records, whole, and nothing else. */
	if (!whole && r->q->by == SD_PRIVACY_ENTERPRISE)
		return false;
	if (whole) {
		sd_privacy_run_found(r, record, ref, field, *v, true);
		if (!r->erase)
			return false;
		free(*v);
		*v = sd_xstrdup(r->tomb);
		r->changed++;
		return true;
	}
	if (!sd_privacy_run_matches(r, *v))
		return false;
	sd_privacy_run_found(r, record, ref, field, *v,
	    exact_if_equal && sd_privacy_same(*v, r->q->value));
	if (!r->erase)
		return false;
	nv = sd_privacy_run_scrub(r, *v);
	free(*v);
	*v = nv;
	r->changed++;
	return true;
}

/*
 * The contact persons: a person whose name or address names the one
 * asked for (every person, whole) is listed as an item; erasing, the
 * name becomes the tombstone and role, address and phone go.
 */
static bool
persons_value(struct walk *w, const char *ref, char **v, bool whole)
{
	struct sd_privacy_run *r = w->r;
	struct sd_person *p;
	struct sd_error err;
	bool changed = false;
	size_t n;

	if (*v == NULL || (!whole && r->q->by == SD_PRIVACY_ENTERPRISE))
		return false;
	if (sd_persons_read(*v, &p, &n, &err) != SD_OK)
		/* Not in the format: as free text. */
		return one_value(w, "enterprise", ref, "persons", v, whole, false);
	for (size_t i = 0; i < n; i++) {
		bool hit = whole, exact = whole;
		char *item;

		if (strcmp(p[i].name, r->tomb) == 0)
			continue;
		if (!hit && sd_privacy_run_matches(r, p[i].name)) {
			hit = true;
			exact = r->q->by == SD_PRIVACY_PERSON && sd_privacy_same(p[i].name, r->q->value);
		}
		if (!hit && p[i].email != NULL && sd_privacy_run_matches(r, p[i].email)) {
			hit = true;
			exact = sd_privacy_same(p[i].email, r->q->value);
		}
		if (!hit && ((p[i].role != NULL && sd_privacy_run_matches(r, p[i].role)) ||
		    (p[i].phone != NULL && sd_privacy_run_matches(r, p[i].phone))))
			hit = true;
		if (!hit)
			continue;
		item = sd_persons_text(&p[i], 1);
		sd_privacy_run_found(r, "enterprise", ref, "persons", item, exact);
		free(item);
		if (!r->erase)
			continue;
		free(p[i].name);
		p[i].name = sd_xstrdup(r->tomb);
		free(p[i].role);
		free(p[i].email);
		free(p[i].phone);
		p[i].role = p[i].email = p[i].phone = NULL;
		p[i].lang[0] = '\0';
		r->changed++;
		changed = true;
	}
	if (changed) {
		free(*v);
		*v = sd_persons_text(p, n);
	}
	sd_persons_free(p, n);
	return changed;
}

/*
 * Every text field of a record: staff fields stay; the person's own
 * fields (whole) are listed and replaced all; the others only where
 * they name the person.
 */
static bool
walk_fields(struct walk *w, const struct sd_record_def *def, void *rec, const char *record,
    const char *ref, bool whole)
{
	bool changed = false;

	for (size_t i = 0; i < def->nfields; i++) {
		const struct sd_field_def *f = &def->fields[i];
		bool client;

		if (f->info.kind != SD_FK_TEXT && f->info.kind != SD_FK_LIST)
			continue;
		client = privacy_reg_client(def, f->info.name, whole);
		/* An officer's login: the staff's, not the person's. */
		if ((f->info.flags & SD_FF_PERSONAL) && !client)
			continue;
		if (!client && !(f->info.flags & SD_FF_SEARCH))
			continue;
		if (def == &sd_ent_record && strcmp(f->info.name, "persons") == 0)
			changed |= persons_value(w, ref, text_at(f, rec), whole);
		else
			changed |= one_value(w, record, ref, f->info.name, text_at(f, rec),
			    whole && client, strcmp(f->info.name, "email") == 0 ||
			    strcmp(f->info.name, "name") == 0);
	}
	return changed;
}

/* --- records ------------------------------------------------------------------- */

static sd_status
journal_erased(struct sd_txn *t, const struct sd_desk *d, uint8_t kind, const void *key,
    size_t klen, const char *tomb, struct sd_error *err)
{
	struct sd_journal_entry e = { 0 };

	e.at = sd_desk_now(d);
	e.actor = d->me->login;
	e.kind = (char *)"erased";
	e.text = (char *)tomb;
	e.subject_kind = kind;
	memcpy(e.subject, key, klen);
	e.subject_len = klen;
	return sd_journal_append(t, &e, err);
}

static sd_status
ent_one(struct walk *w, const uint8_t *id, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_enterprise e, old;
	bool whole = w->has_target && memcmp(id, w->target, SD_UUID_LEN) == 0;
	char ref[SD_UUID_STR + 40];
	size_t before = nfound(w);
	sd_status s = SD_OK;

	if ((s = ent_load(r->t, id, &e, err)) != SD_OK)
		return s;
	sd_rec_copy(&sd_ent_record, &old, &e);
	if (e.f[SD_EF_NUMBER] != NULL)
		snprintf(ref, sizeof ref, "%s", e.f[SD_EF_NUMBER]);
	else
		sd_uuid_format(e.id, ref);
	if (walk_fields(w, &sd_ent_record, &e, "enterprise", ref, whole)) {
		e.version++;
		e.updated = sd_desk_now(r->d);
		if ((s = ent_index(r->t, &old, false, err)) == SD_OK &&
		    (s = ent_index(r->t, &e, true, err)) == SD_OK &&
		    (s = ent_put(r->t, &e, err)) == SD_OK &&
		    (s = search_index_enterprise(r->t, &old, &e, err)) == SD_OK)
			s = journal_erased(r->t, r->d, SD_SUBJECT_ENTERPRISE, e.id, SD_UUID_LEN,
			    r->tomb, err);
	}
	if (w->collect && nfound(w) > before)
		idset_add(&w->hit_ents, id);
	sd_enterprise_free(&e);
	sd_enterprise_free(&old);
	return s;
}

static sd_status
walk_enterprises(struct walk *w, struct sd_error *err)
{
	return each_id(w, SD_DB_ENT, &w->hit_ents, ent_one, err);
}

/* The target's cases and moments: every one of them is the person's. */
static sd_status
target_records(struct walk *w, struct sd_error *err)
{
	struct sd_txn *t = w->r->t;
	struct sd_iter it;
	sd_status s;

	sd_iter_start(&it, t, SD_DB_CASE_BY_ENT, w->target, SD_UUID_LEN, false, NULL, 0);
	while (sd_iter_next(&it))
		if (it.key.mv_size == SD_UUID_LEN + SD_CASE_KEY_LEN)
			keyset_add(&w->target_cases,
			    sd_case_key_unpack((const uint8_t *)it.key.mv_data + SD_UUID_LEN));
	s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	/* Their subjects as they are before this walk changes them, for the stores' copies. */
	for (size_t i = 0; s == SD_OK && i < w->target_cases.n; i++) {
		struct sd_privacy_run *r = w->r;
		struct sd_case c;

		if ((s = case_load(t, w->target_cases.k[i], &c, err)) == SD_NOTFOUND) {
			s = SD_OK;
			continue;
		}
		if (s != SD_OK)
			break;
		r->tcases = sd_xrealloc(r->tcases, (r->ntcases + 1) * sizeof *r->tcases);
		r->tcases[r->ntcases].key = c.key;
		r->tcases[r->ntcases++].subject = c.subject != NULL && *c.subject != '\0' &&
		    strcmp(c.subject, r->tomb) != 0 ? sd_xstrdup(c.subject) : NULL;
		sd_case_free(&c);
	}
	return s;
}

static bool
is_target_subject(const struct walk *w, const struct sd_journal_entry *e)
{
	if (!w->has_target)
		return false;
	switch (e->subject_kind) {
	case SD_SUBJECT_ENTERPRISE:
		return e->subject_len == SD_UUID_LEN &&
		    memcmp(e->subject, w->target, SD_UUID_LEN) == 0;
	case SD_SUBJECT_CASE:
		return e->subject_len == SD_CASE_KEY_LEN &&
		    keyset_has(&w->target_cases, sd_case_key_unpack(e->subject));
	case SD_SUBJECT_MOMENT:
		return e->subject_len == SD_UUID_LEN && idset_has(&w->moments, e->subject);
	default:
		return false;
	}
}

/* The record type of a journal subject, for whether an edited field was personal. */
static const struct sd_record_def *
subject_def(uint8_t kind)
{
	switch (kind) {
	case SD_SUBJECT_ENTERPRISE:	return &sd_ent_record;
	case SD_SUBJECT_CASE:		return &sd_case_record;
	case SD_SUBJECT_MOMENT:		return &sd_moment_record;
	case SD_SUBJECT_EVENT:		return &sd_event_record;
	case SD_SUBJECT_OPPORTUNITY:	return &sd_opp_record;
	default:			return NULL;
	}
}

static void
journal_ref(const struct sd_journal_entry *e, char *out, size_t size)
{
	char s[SD_UUID_STR];

	if (e->subject_kind == SD_SUBJECT_CASE && e->subject_len == SD_CASE_KEY_LEN)
		sd_case_number_format(sd_case_key_unpack(e->subject), s);
	else if (e->subject_len == SD_UUID_LEN)
		sd_uuid_format(e->subject, s);
	else
		s[0] = '\0';
	snprintf(out, size, "%s %s #%llu", e->subject_kind == SD_SUBJECT_CASE ? "case" :
	    e->subject_kind == SD_SUBJECT_ENTERPRISE ? "enterprise" :
	    e->subject_kind == SD_SUBJECT_MOMENT ? "moment" :
	    e->subject_kind == SD_SUBJECT_EVENT ? "event" : "opportunity", s,
	    (unsigned long long)e->seq);
}

static sd_status
journal_one(struct walk *w, uint64_t seq, const MDB_val *v, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_journal_entry e;
	const struct sd_record_def *def;
	struct sd_key k;
	char ref[80];
	bool whole, oldnew, changed = false;
	size_t before = nfound(w);
	sd_status s = SD_OK;

	if (!journal_decode(v, &e))
		return SD_OK;
	e.seq = seq;
	whole = is_target_subject(w, &e);
	def = subject_def(e.subject_kind);
	/* A changed field's values are the person's when the field is. */
	oldnew = whole && (e.field == NULL || (def != NULL &&
	    privacy_reg_client(def, e.field, true)));
	journal_ref(&e, ref, sizeof ref);
	if (e.kind == NULL || strcmp(e.kind, "erased") != 0)
		changed |= one_value(w, "journal", ref, "text", &e.text, whole, false);
	changed |= one_value(w, "journal", ref, "old", &e.old_value, oldnew, false);
	changed |= one_value(w, "journal", ref, "new", &e.new_value, oldnew, false);
	if (changed) {
		struct sd_buf rec = { 0 };

		/* The one change of an entry the journal allows: its erasure. */
		sd_key_reset(&k);
		sd_key_u64(&k, seq);
		sd_rec_encode(&rec, &sd_journal_record, &e);
		s = sd_db_put(r->t, SD_DB_JOURNAL, k.b, k.len, rec.data, rec.len, WHAT, err);
		sd_buf_free(&rec);
		if (e.subject_kind == SD_SUBJECT_CASE && e.subject_len == SD_CASE_KEY_LEN)
			keyset_add(&w->touched, sd_case_key_unpack(e.subject));
		else if (e.subject_kind == SD_SUBJECT_MOMENT && e.subject_len == SD_UUID_LEN)
			idset_add(&w->touched_moments, e.subject);
	}
	if (w->collect && nfound(w) > before) {
		if (w->nhit_seqs == w->cap_seqs) {
			w->cap_seqs = w->cap_seqs ? w->cap_seqs * 2 : 64;
			w->hit_seqs = sd_xrealloc(w->hit_seqs, w->cap_seqs * sizeof *w->hit_seqs);
		}
		w->hit_seqs[w->nhit_seqs++] = seq;
		/* Its record is saved again too: search entry, version, "erased". */
		if (e.subject_kind == SD_SUBJECT_CASE && e.subject_len == SD_CASE_KEY_LEN)
			keyset_add(&w->hit_cases, sd_case_key_unpack(e.subject));
		else if (e.subject_kind == SD_SUBJECT_MOMENT && e.subject_len == SD_UUID_LEN)
			idset_add(&w->hit_moments, e.subject);
	}
	sd_journal_entry_free(&e);
	return s;
}

static sd_status
walk_journal(struct walk *w, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_iter it;
	sd_status s = SD_OK;

	if (w->restricted) {
		for (size_t i = 0; s == SD_OK && i < w->nhit_seqs; i++) {
			struct sd_key k;
			MDB_val v;

			sd_key_reset(&k);
			sd_key_u64(&k, w->hit_seqs[i]);
			if ((s = sd_db_get(r->t, SD_DB_JOURNAL, k.b, k.len, &v, WHAT, err)) ==
			    SD_NOTFOUND)
				s = SD_OK;
			else if (s == SD_OK)
				s = journal_one(w, w->hit_seqs[i], &v, err);
		}
		return s;
	}
	sd_iter_start(&it, r->t, SD_DB_JOURNAL, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it))
		if (it.key.mv_size == 8)
			s = journal_one(w, sd_be64(it.key.mv_data), &it.val, err);
	if (s == SD_OK)
		s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	return s;
}

static sd_status
walk_case(struct walk *w, struct sd_case_key key, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	bool whole = keyset_has(&w->target_cases, key), changed;
	struct sd_case c, old;
	struct sd_route *routes = NULL, *oldr = NULL;
	char num[SD_CASE_NUMBER_MAX], ref[SD_CASE_NUMBER_MAX + 64];
	size_t n = 0, no = 0, before = nfound(w);
	sd_status s;

	if ((s = case_load(r->t, key, &c, err)) != SD_OK)
		return s == SD_NOTFOUND ? SD_OK : s;
	sd_case_number_format(key, num);
	sd_rec_copy(&sd_case_record, &old, &c);
	changed = walk_fields(w, &sd_case_record, &c, "case", num, whole);
	if ((s = routes_load(r->t, key, true, &routes, &n, err)) != SD_OK ||
	    (s = routes_load(r->t, key, true, &oldr, &no, err)) != SD_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		snprintf(ref, sizeof ref, "%s %s", num, routes[i].dept);
		if (!walk_fields(w, &sd_route_record, &routes[i], "route", ref, whole))
			continue;
		changed = true;
		if ((s = route_save(r->t, key, &oldr[i], &routes[i], err)) != SD_OK)
			goto out;
	}
	/* Something of the case changed: the record, a route or its journal. */
	if (r->erase && (changed || keyset_has(&w->touched, key))) {
		if (whole)
			c.erased = sd_desk_now(r->d);
		c.version++;
		c.updated = sd_desk_now(r->d);
		if ((s = case_save(r->t, &old, &c, err)) == SD_OK &&
		    (s = journal_case(r->t, r->d, key, "erased", NULL, r->tomb, err)) == SD_OK)
			s = search_index_case(r->t, &c, err);
	}
out:
	if (w->collect && nfound(w) > before)
		keyset_add(&w->hit_cases, key);
	routes_free(routes, n);
	routes_free(oldr, no);
	sd_case_free(&c);
	sd_case_free(&old);
	return s;
}

static sd_status
walk_cases(struct walk *w, struct sd_error *err)
{
	struct keyset all = { 0 };
	sd_status s = SD_OK;

	if (!w->restricted && w->all_cases) {
		/* The index found more than a search lists: every case, from a cursor. */
		struct sd_iter it;
		sd_iter_start(&it, w->r->t, SD_DB_CASE, NULL, 0, false, NULL, 0);
		while (s == SD_OK && sd_iter_next(&it))
			if (it.key.mv_size == SD_CASE_KEY_LEN)
				s = walk_case(w, sd_case_key_unpack(it.key.mv_data), err);
		if (s == SD_OK)
			s = sd_iter_status(&it, WHAT, err);
		sd_iter_end(&it);
		return s;
	}
	if (w->restricted) {
		for (size_t i = 0; i < w->hit_cases.n; i++)
			keyset_add(&all, w->hit_cases.k[i]);
		for (size_t i = 0; i < w->touched.n; i++)
			keyset_add(&all, w->touched.k[i]);
	} else {
		for (size_t i = 0; i < w->cases.n; i++)
			keyset_add(&all, w->cases.k[i]);
	}
	for (size_t i = 0; i < w->target_cases.n; i++)
		keyset_add(&all, w->target_cases.k[i]);
	for (size_t i = 0; s == SD_OK && i < all.n; i++)
		s = walk_case(w, all.k[i], err);
	free(all.k);
	return s;
}

/* The first pass of --enterprise: which moments are the enterprise's. */
static sd_status
moment_target_one(struct walk *w, const uint8_t *id, struct sd_error *err)
{
	struct sd_moment m;
	sd_status s;

	if ((s = moment_load(w->r->t, id, &m, err)) != SD_OK)
		return s;
	if (memcmp(m.enterprise, w->target, SD_UUID_LEN) == 0)
		idset_add(&w->moments, m.id);
	sd_moment_free(&m);
	return SD_OK;
}

static sd_status
moment_one(struct walk *w, const uint8_t *id, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_moment m, old;
	char ref[SD_UUID_STR];
	size_t before = nfound(w);
	bool whole, changed;
	sd_status s;

	if ((s = moment_load(r->t, id, &m, err)) != SD_OK)
		return s == SD_NOTFOUND ? SD_OK : s;
	whole = w->has_target && memcmp(m.enterprise, w->target, SD_UUID_LEN) == 0;
	sd_uuid_format(m.id, ref);
	sd_rec_copy(&sd_moment_record, &old, &m);
	changed = walk_fields(w, &sd_moment_record, &m, "moment", ref, whole);
	if (r->erase && (changed || idset_has(&w->touched_moments, m.id))) {
		m.version++;
		m.updated = sd_desk_now(r->d);
		if ((s = moment_save(r->t, &old, &m, err)) == SD_OK)
			s = journal_erased(r->t, r->d, SD_SUBJECT_MOMENT, m.id, SD_UUID_LEN,
			    r->tomb, err);
	}
	if (w->collect && nfound(w) > before)
		idset_add(&w->hit_moments, id);
	sd_moment_free(&m);
	sd_moment_free(&old);
	return s;
}

static sd_status
walk_moments(struct walk *w, bool collect, struct sd_error *err)
{
	struct idset all = { 0 };
	sd_status s;

	if (collect)
		return w->has_target && !w->restricted ?
		    each_id(w, SD_DB_MOMENT, NULL, moment_target_one, err) : SD_OK;
	if (!w->restricted)
		return each_id(w, SD_DB_MOMENT, NULL, moment_one, err);
	for (size_t i = 0; i < w->hit_moments.n; i++)
		idset_add(&all, w->hit_moments.id[i]);
	for (size_t i = 0; i < w->moments.n; i++)
		idset_add(&all, w->moments.id[i]);
	for (size_t i = 0; i < w->touched_moments.n; i++)
		idset_add(&all, w->touched_moments.id[i]);
	s = each_id(w, SD_DB_MOMENT, &all, moment_one, err);
	free(all.id);
	return s;
}

static sd_status
event_one(struct walk *w, const uint8_t *id, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_event e, old;
	char ref[SD_UUID_STR];
	size_t before = nfound(w);
	sd_status s;

	if ((s = event_load(r->t, id, &e, err)) != SD_OK)
		return s == SD_NOTFOUND ? SD_OK : s;
	sd_uuid_format(e.id, ref);
	sd_rec_copy(&sd_event_record, &old, &e);
	if (walk_fields(w, &sd_event_record, &e, "event", ref, false)) {
		e.version++;
		e.updated = sd_desk_now(r->d);
		if ((s = event_save(r->t, &old, &e, err)) == SD_OK)
			s = journal_event(r->t, r->d, e.id, "erased", r->tomb, err);
	}
	if (w->collect && nfound(w) > before)
		idset_add(&w->hit_events, id);
	sd_event_free(&e);
	sd_event_free(&old);
	return s;
}

static sd_status
opp_one(struct walk *w, const uint8_t *id, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_opportunity o, old;
	char ref[SD_UUID_STR];
	size_t before = nfound(w);
	sd_status s;

	if ((s = opp_load(r->t, id, &o, err)) != SD_OK)
		return s == SD_NOTFOUND ? SD_OK : s;
	sd_uuid_format(o.id, ref);
	sd_rec_copy(&sd_opp_record, &old, &o);
	if (walk_fields(w, &sd_opp_record, &o, "opportunity", ref, false)) {
		o.version++;
		o.updated = sd_desk_now(r->d);
		if ((s = opp_save(r->t, &old, &o, err)) == SD_OK)
			s = journal_opp(r->t, r->d, o.id, "erased", r->tomb, err);
	}
	if (w->collect && nfound(w) > before)
		idset_add(&w->hit_opps, id);
	sd_opportunity_free(&o);
	sd_opportunity_free(&old);
	return s;
}

/* Events and opportunities: a name in their text (a speaker, a buyer's contact). */
static sd_status
walk_events_opps(struct walk *w, struct sd_error *err)
{
	sd_status s;

	if (w->r->q->by == SD_PRIVACY_ENTERPRISE)
		return SD_OK;
	if ((s = each_id(w, SD_DB_EVENT, &w->hit_events, event_one, err)) != SD_OK)
		return s;
	return each_id(w, SD_DB_OPP, &w->hit_opps, opp_one, err);
}

/*
 * An opportunity's responses, SROI reports and awards: an enterprise's own
 * words and a contractor's name, records of their own (keyed by the
 * opportunity's id first) whose registered fields (privacy_register.c)
 * walk_fields reads as it reads any record's.  A change is journaled on
 * the opportunity.
 */
static sd_status
save_response(struct sd_txn *t, const void *old, const void *rec, struct sd_error *err)
{
	(void)old;
	return opp_response_put(t, rec, err);
}

static sd_status
save_sroi(struct sd_txn *t, const void *old, const void *rec, struct sd_error *err)
{
	(void)old;
	return opp_sroi_put(t, rec, err);
}

static sd_status
save_award(struct sd_txn *t, const void *old, const void *rec, struct sd_error *err)
{
	return opp_award_save(t, old, rec, err);
}

#define NO_ENT	((size_t)-1)
static const struct opp_part {
	enum sd_dbi		 db;
	const struct sd_record_def *def;
	const char		*record;
	size_t			 size, ent_off;	/* the enterprise's id (NO_ENT: none) */
	sd_status		(*save)(struct sd_txn *, const void *, const void *,
				    struct sd_error *);
} opp_parts[] = {
	{ SD_DB_OPP_RESPONSE, &sd_opp_response_record, "opportunity_response",
	    sizeof(struct sd_opp_response), offsetof(struct sd_opp_response, enterprise),
	    save_response },
	{ SD_DB_OPP_SROI, &sd_opp_sroi_record, "opportunity_sroi", sizeof(struct sd_opp_sroi),
	    NO_ENT, save_sroi },
	{ SD_DB_OPP_AWARD, &sd_opp_award_record, "opportunity_award",
	    sizeof(struct sd_opp_award), offsetof(struct sd_opp_award, enterprise), save_award },
};

static sd_status
opp_part_one(struct walk *w, const struct opp_part *p, const MDB_val *v, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	void *rec = sd_xcalloc(1, p->size), *old = sd_xcalloc(1, p->size);
	const uint8_t *opp = rec;	/* each part's record starts with its opportunity's id */
	char ref[SD_UUID_STR];
	size_t before = nfound(w);
	bool whole;
	sd_status s = SD_OK;

	if (!sd_rec_decode(p->def, v->mv_data, v->mv_size, rec))
		goto out;	/* check reports it */
	/* --enterprise: its own responses and awards, whole; nothing else of anyone. */
	whole = w->has_target && p->ent_off != NO_ENT &&
	    memcmp((const uint8_t *)rec + p->ent_off, w->target, SD_UUID_LEN) == 0;
	if (r->q->by == SD_PRIVACY_ENTERPRISE && !whole)
		goto out;
	sd_uuid_format(opp, ref);
	sd_rec_copy(p->def, old, rec);
	if (walk_fields(w, p->def, rec, p->record, ref, whole) &&
	    (s = p->save(r->t, old, rec, err)) == SD_OK)
		s = journal_opp(r->t, r->d, opp, "erased", r->tomb, err);
	if (w->collect && nfound(w) > before)
		idset_add(&w->hit_opps, opp);
out:
	sd_rec_free(p->def, rec);
	sd_rec_free(p->def, old);
	free(rec);
	free(old);
	return s;
}

static sd_status
walk_opp_parts(struct walk *w, struct sd_error *err)
{
	sd_status s = SD_OK;

	for (size_t i = 0; s == SD_OK && i < sizeof opp_parts / sizeof opp_parts[0]; i++) {
		const struct opp_part *p = &opp_parts[i];
		/* The erasure's write pass: the parts of the opportunities the read pass found. */
		size_t n = w->restricted ? w->hit_opps.n : 1;

		for (size_t j = 0; s == SD_OK && j < n; j++) {
			struct sd_iter it;
			/* A part rewritten in place leaves the cursor where it was (same key). */
			sd_iter_start(&it, w->r->t, p->db, w->restricted ? w->hit_opps.id[j] : NULL,
			    w->restricted ? SD_UUID_LEN : 0, false, NULL, 0);
			while (s == SD_OK && sd_iter_next(&it))
				s = opp_part_one(w, p, &it.val, err);
			if (s == SD_OK)
				s = sd_iter_status(&it, WHAT, err);
			sd_iter_end(&it);
		}
	}
	return s;
}

/* The other stores of personal data (privacy_stores.c). */
static sd_status
walk_stores(struct walk *w, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	sd_status s = SD_OK;

	/* What the walk found, for the stores to look at. */
	w->store_cases.n = 0;
	for (size_t i = 0; i < w->hit_cases.n; i++)
		keyset_add(&w->store_cases, w->hit_cases.k[i]);
	for (size_t i = 0; i < w->target_cases.n; i++)
		keyset_add(&w->store_cases, w->target_cases.k[i]);
	w->store_moments.n = 0;
	for (size_t i = 0; i < w->hit_moments.n; i++)
		idset_add(&w->store_moments, w->hit_moments.id[i]);
	for (size_t i = 0; i < w->moments.n; i++)
		idset_add(&w->store_moments, w->moments.id[i]);
	r->cases = w->store_cases.k;
	r->ncases = w->store_cases.n;
	r->ents = (const uint8_t (*)[SD_UUID_LEN])w->hit_ents.id;
	r->nents = w->hit_ents.n;
	r->moments = (const uint8_t (*)[SD_UUID_LEN])w->store_moments.id;
	r->nmoments = w->store_moments.n;

	for (size_t i = 0; s == SD_OK && i < sd_privacy_nstores(); i++) {
		const struct sd_privacy_store *st = sd_privacy_store(i);
		if (w->r->erase && st->erase != NULL && !st->after_commit)
			s = st->erase(w->r, err);
		else if (!w->r->erase && st->find != NULL)
			s = st->find(w->r, err);
	}
	return s;
}

static sd_status
walk(struct walk *w, struct sd_error *err)
{
	sd_status s;

	if ((s = walk_moments(w, true, err)) != SD_OK ||
	    (w->has_target && (s = target_records(w, err)) != SD_OK) ||
	    (s = walk_enterprises(w, err)) != SD_OK ||
	    (s = walk_journal(w, err)) != SD_OK ||
	    (s = walk_cases(w, err)) != SD_OK ||
	    (s = walk_moments(w, false, err)) != SD_OK ||
	    (s = walk_events_opps(w, err)) != SD_OK ||
	    (s = walk_opp_parts(w, err)) != SD_OK)
		return s;
	return walk_stores(w, err);
}

/* --- before the walk: the query and the search index ------------------------------ */

static sd_status
check_query(const struct sd_privacy_query *q, struct sd_error *err)
{
	if (q->value == NULL || q->value[0] == '\0')
		return sd_fail(err, SD_INVALID,
		    _("say whom to look for: --person NAME, --email ADDRESS or --enterprise NUMBER."));
	/* A short text would match half the register and erase it. */
	if (q->by != SD_PRIVACY_ENTERPRISE && strlen(q->value) < 4)
		return sd_fail(err, SD_INVALID,
		    _("\"%s\" is too short to name a person; give the whole name or address."),
		    q->value);
	if (q->by == SD_PRIVACY_EMAIL && strchr(q->value, '@') == NULL)
		return sd_fail(err, SD_INVALID, _("%s is not an e-mail address."), q->value);
	return SD_OK;
}

/* The cases the search index finds for the words asked for (--person, --email). */
static sd_status
search_cases(struct sd_desk *d, struct walk *w, struct sd_error *err)
{
	struct sd_buf q = { 0 };
	struct sd_hits h;
	sd_status s;

	if (w->r->q->by == SD_PRIVACY_ENTERPRISE)
		return SD_OK;
	sd_buf_addf(&q, "\"%s\"", w->r->q->value);
	s = sd_search(d, q.data, SD_HIT_CASE, SD_SEARCH_LIMIT_MAX, &h, err);
	sd_buf_free(&q);
	if (s == SD_INVALID) {
		/* No words the index knows (only signs): look at every case. */
		w->all_cases = true;
		return SD_OK;
	}
	if (s != SD_OK)
		return s;
	for (size_t i = 0; i < h.n; i++)
		if (h.items[i].kind == SD_HIT_CASE)
			keyset_add(&w->cases, h.items[i].key);
	w->all_cases = h.more;
	sd_hits_free(&h);
	return SD_OK;
}

static void
walk_free(struct walk *w)
{
	free(w->cases.k);
	free(w->target_cases.k);
	free(w->touched.k);
	free(w->moments.id);
	free(w->touched_moments.id);
	free(w->hit_ents.id);
	free(w->hit_moments.id);
	free(w->hit_events.id);
	free(w->hit_opps.id);
	free(w->hit_cases.k);
	free(w->store_cases.k);
	free(w->store_moments.id);
	free(w->hit_seqs);
	privacy_run_targets_free(w->r);
	for (size_t i = 0; i < w->r->naddrs; i++)
		free(w->r->addrs[i]);
	free(w->r->addrs);
	w->r->addrs = NULL;
	w->r->naddrs = 0;
}

static sd_status
prepare(struct sd_desk *d, const struct sd_privacy_query *q, struct sd_privacy_run *r,
    struct walk *w, struct sd_error *err)
{
	sd_status s;

	memset(w, 0, sizeof *w);
	w->r = r;
	r->d = d;
	r->q = q;
	sd_privacy_tombstone(d, r->tomb, sizeof r->tomb);
	if ((s = check_query(q, err)) != SD_OK)
		return s;
	return search_cases(d, w, err);
}

static sd_status
resolve_target(struct walk *w, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	struct sd_enterprise e;
	sd_status s;

	privacy_run_targets_free(r);
	if (r->q->by != SD_PRIVACY_ENTERPRISE)
		return SD_OK;
	if ((s = ent_resolve(r->t, r->q->value, w->target, err)) != SD_OK)
		return s;
	w->has_target = true;
	r->has_target = true;
	memcpy(r->target, w->target, SD_UUID_LEN);
	/* Its name as it is before the erasure replaces it (the stores' copies of it). */
	if ((s = ent_load(r->t, w->target, &e, err)) != SD_OK)
		return s;
	if (e.f[SD_EF_NAME] != NULL && *e.f[SD_EF_NAME] != '\0' &&
	    strcmp(e.f[SD_EF_NAME], r->tomb) != 0)
		r->target_name = sd_xstrdup(e.f[SD_EF_NAME]);
	sd_enterprise_free(&e);
	return SD_OK;
}

sd_status
sd_privacy_export(struct sd_desk *d, const struct sd_privacy_query *q,
    struct sd_privacy_report *out, struct sd_error *err)
{
	struct sd_privacy_run r = { 0 };
	struct walk w;
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_permit(d, SD_ACT_PRIVACY_READ, NULL, err)) != SD_OK)
		return s;
	r.out = out;
	if ((s = prepare(d, q, &r, &w, err)) != SD_OK)
		goto out;
	/* The records found are noted for the stores (the cases' attachments, their views). */
	w.collect = true;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		goto out;
	r.t = &t;
	if ((s = resolve_target(&w, err)) == SD_OK)
		s = walk(&w, err);
	sd_txn_abort(&t);
out:
	walk_free(&w);
	if (s != SD_OK)
		sd_privacy_report_free(out);
	return s;
}

/* --- erasure ------------------------------------------------------------------- */



static sd_status
erase_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct walk *w = arg;
	sd_status s;

	/* A retried transaction (a grown map) starts from nothing again. */
	if (w->r->out != NULL)
		sd_privacy_report_free(w->r->out);
	w->r->changed = 0;
	w->touched.n = 0;
	w->touched_moments.n = 0;
	w->target_cases.n = 0;
	w->r->t = t;
	if ((s = resolve_target(w, err)) != SD_OK || (s = walk(w, err)) != SD_OK)
		return s;
	if (w->r->changed == 0)
		return SD_OK;
	/* The old pages keep the erased bytes until a compaction (privacy_compact.c). */
	return sd_db_put(t, SD_DB_META, PRIVACY_PENDING_KEY, strlen(PRIVACY_PENDING_KEY), "1", 1,
	    WHAT, err);
}

/*
 * Two passes: a read transaction walks everything as an export does and
 * notes the records that name the person; the write transaction then
 * visits only those, so others wait for the changes, not for the walk
 * (at 20,000 cases and 200,000 journal entries the walk reads about a
 * second).  What someone writes between the two passes is not erased.
 */
sd_status
privacy_erase_in(struct sd_desk *d, const struct sd_privacy_query *q,
    struct sd_privacy_report *out, size_t *changed, struct sd_error *err)
{
	struct sd_privacy_run r = { 0 };
	struct sd_privacy_report found = { 0 };
	struct sd_txn t;
	struct walk w;
	sd_status s;

	*changed = 0;
	r.out = &found;
	r.erasing = true;
	if ((s = prepare(d, q, &r, &w, err)) != SD_OK)
		goto out;
	w.collect = true;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		goto out;
	r.t = &t;
	if ((s = resolve_target(&w, err)) == SD_OK)
		s = walk(&w, err);
	sd_txn_abort(&t);
	if (s != SD_OK || found.nhits == 0)
		goto out;
	w.collect = false;
	w.restricted = true;
	r.erase = true;
	r.out = out;
	if ((s = sd_store_write(d->store, erase_action, &w, err)) != SD_OK)
		goto out;
	*changed = r.changed;
	for (size_t i = 0; i < sd_privacy_nstores(); i++) {
		const struct sd_privacy_store *st = sd_privacy_store(i);
		r.t = NULL;
		if (st->erase != NULL && st->after_commit && (s = st->erase(&r, err)) != SD_OK)
			break;
	}
out:
	sd_privacy_report_free(&found);
	walk_free(&w);
	return s;
}

/* --- retention: one case at a time ------------------------------------------------- */

/*
 * The journal entries of one case (through the subject index, not the
 * whole journal), each the person's, whole; destroy removes them.
 */
static sd_status
retire_journal(struct walk *w, struct sd_case_key key, bool destroy, struct sd_error *err)
{
	struct sd_privacy_run *r = w->r;
	uint8_t prefix[1 + SD_CASE_KEY_LEN];
	uint64_t *seqs = NULL;
	size_t n = 0, cap = 0;
	struct sd_iter it;
	sd_status s;

	prefix[0] = SD_SUBJECT_CASE;
	sd_case_key_pack(key, prefix + 1);
	sd_iter_start(&it, r->t, SD_DB_JOURNAL_BY_SUBJECT, prefix, sizeof prefix, false, NULL, 0);
	while (sd_iter_next(&it)) {
		if (it.key.mv_size != sizeof prefix + 8)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			seqs = sd_xrealloc(seqs, cap * sizeof *seqs);
		}
		seqs[n++] = sd_be64((const uint8_t *)it.key.mv_data + sizeof prefix);
	}
	s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	for (size_t i = 0; s == SD_OK && i < n; i++) {
		struct sd_journal_entry e;
		struct sd_key k;
		MDB_val v;
		char ref[80];
		bool changed = false;

		sd_key_reset(&k);
		sd_key_u64(&k, seqs[i]);
		if ((s = sd_db_get(r->t, SD_DB_JOURNAL, k.b, k.len, &v, WHAT, err)) != SD_OK)
			break;
		if (destroy) {
			uint8_t sk[sizeof prefix + 8];
			memcpy(sk, prefix, sizeof prefix);
			memcpy(sk + sizeof prefix, k.b, 8);
			if ((s = sd_db_del(r->t, SD_DB_JOURNAL, k.b, k.len, WHAT, err)) == SD_OK)
				s = sd_db_del(r->t, SD_DB_JOURNAL_BY_SUBJECT, sk, sizeof sk, WHAT,
				    err);
			r->changed++;
			keyset_add(&w->touched, key);
			continue;
		}
		if (!journal_decode(&v, &e))
			continue;
		e.seq = seqs[i];
		journal_ref(&e, ref, sizeof ref);
		if (e.kind == NULL || strcmp(e.kind, "erased") != 0)
			changed |= one_value(w, "journal", ref, "text", &e.text, true, false);
		if (e.field == NULL || privacy_reg_client(&sd_case_record, e.field, true)) {
			changed |= one_value(w, "journal", ref, "old", &e.old_value, true, false);
			changed |= one_value(w, "journal", ref, "new", &e.new_value, true, false);
		}
		if (changed) {
			struct sd_buf rec = { 0 };
			sd_rec_encode(&rec, &sd_journal_record, &e);
			s = sd_db_put(r->t, SD_DB_JOURNAL, k.b, k.len, rec.data, rec.len, WHAT, err);
			sd_buf_free(&rec);
			keyset_add(&w->touched, key);
		}
		sd_journal_entry_free(&e);
	}
	free(seqs);
	return s;
}

sd_status
privacy_case_retire(struct sd_desk *d, struct sd_txn *t, struct sd_case_key key,
    enum sd_retention_action action, size_t *changed, struct sd_error *err)
{
	static const struct sd_privacy_query whole = { SD_PRIVACY_ENTERPRISE, "" };
	struct sd_privacy_run r = { 0 };
	struct walk w;
	sd_status s;

	memset(&w, 0, sizeof w);
	w.r = &r;
	r.d = d;
	r.t = t;
	r.q = &whole;
	r.erase = true;
	sd_privacy_tombstone(d, r.tomb, sizeof r.tomb);
	keyset_add(&w.target_cases, key);
	if ((s = retire_journal(&w, key, action == SD_RETAIN_DESTROY, err)) == SD_OK) {
		/* A case with nothing personal left is still marked, so it is not due again. */
		keyset_add(&w.touched, key);
		s = walk_case(&w, key, err);
	}
	/* The files its e-mail brought (mail_attach): their content goes too. */
	if (s == SD_OK)
		s = privacy_attach_retire(&r, key, err);
	*changed = r.changed;
	walk_free(&w);
	return s;
}
