/*
 * Opportunity records and their parts: field tables, names, keys, index
 * entries and saving (see sedesk/opportunity.h).  Lots, invitations,
 * responses, awards and SROI reports are records of their own, keyed by
 * the opportunity's uuid first, so one prefix reads an opportunity's.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opportunity_internal.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"
#include "sedesk/timeline.h"
#include "timeline.h"

enum {
	OT_ID = 1, OT_VERSION, OT_TITLE, OT_KIND, OT_DEPT, OT_VALUE, OT_DEADLINE, OT_PROCEDURE,
	OT_RESERVED, OT_QUALIFY, OT_SROI, OT_CRITERIA, OT_NACE, OT_NEEDS, OT_DESCRIPTION,
	OT_STATUS, OT_CREATED, OT_UPDATED, OT_AUTHOR, OT_LOTS,
};
enum { LT_OPP = 1, LT_NO, LT_TITLE, LT_VALUE, LT_RESERVED };
enum { IT_OPP = 1, IT_ENTERPRISE, IT_MOMENT, IT_AT, IT_BY };
enum { PT_OPP = 1, PT_ENTERPRISE, PT_LOT, PT_AT, PT_TEXT, PT_BY };
enum {
	WT_OPP = 1, WT_LOT, WT_ENTERPRISE, WT_NAME, WT_VALUE, WT_DAY, WT_ENDS, WT_SOCIAL,
	WT_RESERVED, WT_SROI_DUE, WT_SROI_SPENT, WT_AT, WT_BY,
};
enum { ST_OPP = 1, ST_LOT, ST_SEQ, ST_SPENT, ST_TEXT, ST_AT, ST_BY };

_Static_assert(sizeof(enum sd_opp_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum sd_opp_status) == sizeof(int), "enum size");

/* --- names ------------------------------------------------------------------------ */

static const char *const kind_names[SD_OPP_KIND_COUNT] = {
	NULL, "purchase", "project-call", "subsidy", "concession",
};
static const char *const kind_labels[SD_OPP_KIND_COUNT] = {
	NULL, N_("purchase"), N_("project call"), N_("subsidy"), N_("concession"),
};
static const char *const status_names[SD_OPP_STATUS_COUNT] = { NULL, "open", "closed" };
static const char *const status_labels[SD_OPP_STATUS_COUNT] = {
	NULL, N_("open"), N_("closed"),
};

const char *
sd_opp_kind_name(enum sd_opp_kind k)
{
	return k > 0 && k < SD_OPP_KIND_COUNT ? kind_names[k] : NULL;
}

const char *
sd_opp_kind_label(enum sd_opp_kind k)
{
	return k > 0 && k < SD_OPP_KIND_COUNT ? _(kind_labels[k]) : "?";
}

enum sd_opp_kind
sd_opp_kind_parse(const char *s)
{
	for (int i = 1; s != NULL && i < SD_OPP_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (enum sd_opp_kind)i;
	return SD_OPP_KIND_NONE;
}

const char *
sd_opp_status_name(enum sd_opp_status s)
{
	return s > 0 && s < SD_OPP_STATUS_COUNT ? status_names[s] : NULL;
}

const char *
sd_opp_status_label(enum sd_opp_status s)
{
	return s > 0 && s < SD_OPP_STATUS_COUNT ? _(status_labels[s]) : "?";
}

static const char *
kind_name(int v)
{
	return sd_opp_kind_name((enum sd_opp_kind)v);
}

static const char *
status_name(int v)
{
	return sd_opp_status_name((enum sd_opp_status)v);
}

/*
 * The CSR criteria when [procurement] criteria names none: in the spirit
 * of the Flemish MVO scan (people, planet, local economy, fair chains).
 */
static const struct {
	const char	*code, *label;
} builtin_criteria[] = {
	{ "fair-work", N_("fair work and wages") },
	{ "inclusion", N_("inclusion: jobs for people far from the labour market") },
	{ "environment", N_("environment and climate") },
	{ "circular", N_("circular use of materials") },
	{ "local", N_("local purchasing") },
	{ "fair-chain", N_("fair and ethical supply chain") },
	{ "governance", N_("transparent and participative governance") },
};
#define NBUILTIN (sizeof builtin_criteria / sizeof builtin_criteria[0])

bool
sd_opp_criterion(const struct sd_config *cfg, size_t i, const char **code, const char **label)
{
	if (cfg != NULL && cfg->ncriteria > 0) {
		if (i >= cfg->ncriteria)
			return false;
		*code = cfg->criteria[i].id;
		*label = cfg->criteria[i].name;
		for (size_t k = 0; *label == NULL && k < NBUILTIN; k++)
			if (strcmp(builtin_criteria[k].code, *code) == 0)
				*label = _(builtin_criteria[k].label);
		if (*label == NULL)
			*label = *code;
		return true;
	}
	if (i >= NBUILTIN)
		return false;
	*code = builtin_criteria[i].code;
	*label = _(builtin_criteria[i].label);
	return true;
}

const char *
sd_opp_criterion_label(const struct sd_config *cfg, const char *code)
{
	const char *c, *label;

	for (size_t i = 0; sd_opp_criterion(cfg, i, &c, &label); i++)
		if (strcmp(c, code) == 0)
			return label;
	for (size_t k = 0; k < NBUILTIN; k++)
		if (strcmp(builtin_criteria[k].code, code) == 0)
			return _(builtin_criteria[k].label);
	return code;
}

/* --- field tables ----------------------------------------------------------------- */

#define ROW(tag, name, label, kind, flags, max, off) \
	{ { name, label, kind, (flags), (max) }, tag, off, 0, NULL, NULL }
#define CHOICE(tag, name, label, flags, count, off, fn) \
	{ { name, label, SD_FK_CHOICE, (flags), (count) }, tag, off, 0, fn, NULL }
#define EDITED	(SD_FF_EDIT | SD_FF_JOURNAL)

#define O(m)	offsetof(struct sd_opportunity, m)
/* An opportunity's fields in tag order; title, kind and status must be there to read it. */
static const struct sd_field_def opp_fields[] = {
	ROW(OT_ID, "id", N_("id"), SD_FK_ID, SD_FF_SUMMARY, 16, O(id)),
	ROW(OT_VERSION, "version", N_("version"), SD_FK_COUNT, 0, 0, O(version)),
	ROW(OT_TITLE, "title", N_("title"), SD_FK_TEXT, EDITED | SD_FF_SEARCH | SD_FF_NONEMPTY |
	    SD_FF_REQUIRED | SD_FF_SUMMARY, 200, O(title)),
	CHOICE(OT_KIND, "kind", N_("kind"), EDITED | SD_FF_REQUIRED | SD_FF_SUMMARY,
	    SD_OPP_KIND_COUNT, O(kind), kind_name),
	ROW(OT_DEPT, "department", N_("department"), SD_FK_TEXT, EDITED | SD_FF_SUMMARY, 64,
	    O(dept)),
	ROW(OT_VALUE, "value", N_("value"), SD_FK_MONEY, EDITED | SD_FF_SUMMARY, 0, O(value)),
	ROW(OT_DEADLINE, "deadline", N_("deadline"), SD_FK_DAY, EDITED | SD_FF_SUMMARY, 0,
	    O(deadline)),
	ROW(OT_PROCEDURE, "procedure", N_("procedure"), SD_FK_TEXT, EDITED | SD_FF_SEARCH, 100,
	    O(procedure)),
	ROW(OT_RESERVED, "reserved", N_("reserved"), SD_FK_SMALL, EDITED | SD_FF_OMIT_ZERO, 1,
	    O(reserved)),
	ROW(OT_QUALIFY, "qualify", N_("qualifying recognitions"), SD_FK_LIST, EDITED, 500,
	    O(qualify)),
	ROW(OT_SROI, "sroi", N_("social return (%)"), SD_FK_SMALL, EDITED | SD_FF_OMIT_ZERO, 100,
	    O(sroi)),
	ROW(OT_CRITERIA, "criteria", N_("CSR criteria"), SD_FK_LIST, EDITED, 1000, O(criteria)),
	ROW(OT_NACE, "nace", N_("NACE codes"), SD_FK_LIST, EDITED, 500, O(nace)),
	ROW(OT_NEEDS, "needs", N_("needs"), SD_FK_LIST, EDITED | SD_FF_SEARCH, 1000, O(needs)),
	ROW(OT_DESCRIPTION, "description", N_("description"), SD_FK_TEXT,
	    EDITED | SD_FF_SEARCH | SD_FF_MULTILINE, 20000, O(description)),
	CHOICE(OT_STATUS, "status", N_("status"), SD_FF_JOURNAL | SD_FF_REQUIRED | SD_FF_SUMMARY,
	    SD_OPP_STATUS_COUNT, O(status), status_name),
	ROW(OT_CREATED, "created", N_("created"), SD_FK_TIME, 0, 0, O(created)),
	ROW(OT_UPDATED, "updated", N_("updated"), SD_FK_TIME, 0, 0, O(updated)),
	ROW(OT_AUTHOR, "author", N_("recorded by"), SD_FK_TEXT, SD_FF_PERSONAL, 0, O(author)),
	/*
	 * The lots in one line (their records are SD_DB_OPP_LOT's): a change
	 * of the lots is a change of the opportunity, journaled and versioned.
	 */
	ROW(OT_LOTS, "lots", N_("lots"), SD_FK_TEXT, SD_FF_JOURNAL, 20000, O(lots)),
};
#undef O

const struct sd_record_def sd_opp_record =
    SD_RECORD_DEF(SD_REC_OPPORTUNITY, opp_fields, struct sd_opportunity);

#define L(m)	offsetof(struct sd_opp_lot, m)
static const struct sd_field_def lot_fields[] = {
	ROW(LT_OPP, "opportunity", N_("opportunity"), SD_FK_ID, 0, 16, L(opp)),
	ROW(LT_NO, "no", N_("lot"), SD_FK_COUNT, 0, 0, L(no)),
	ROW(LT_TITLE, "title", N_("title"), SD_FK_TEXT, SD_FF_REQUIRED, 200, L(title)),
	ROW(LT_VALUE, "value", N_("value"), SD_FK_MONEY, 0, 0, L(value)),
	ROW(LT_RESERVED, "reserved", N_("reserved"), SD_FK_SMALL, SD_FF_OMIT_ZERO, 1, L(reserved)),
};
#undef L
const struct sd_record_def sd_opp_lot_record =
    SD_RECORD_DEF(SD_REC_OPP_LOT, lot_fields, struct sd_opp_lot);

#define I(m)	offsetof(struct sd_opp_invite, m)
static const struct sd_field_def invite_fields[] = {
	ROW(IT_OPP, "opportunity", N_("opportunity"), SD_FK_ID, 0, 16, I(opp)),
	ROW(IT_ENTERPRISE, "enterprise", N_("enterprise"), SD_FK_ID, 0, 16, I(enterprise)),
	ROW(IT_MOMENT, "moment", N_("contact moment"), SD_FK_ID, 0, 16, I(moment)),
	ROW(IT_AT, "at", N_("time"), SD_FK_TIME, 0, 0, I(at)),
	ROW(IT_BY, "by", N_("by"), SD_FK_TEXT, SD_FF_PERSONAL, 0, I(by)),
};
#undef I
const struct sd_record_def sd_opp_invite_record =
    SD_RECORD_DEF(SD_REC_OPP_INVITE, invite_fields, struct sd_opp_invite);

#define P(m)	offsetof(struct sd_opp_response, m)
static const struct sd_field_def response_fields[] = {
	ROW(PT_OPP, "opportunity", N_("opportunity"), SD_FK_ID, 0, 16, P(opp)),
	ROW(PT_ENTERPRISE, "enterprise", N_("enterprise"), SD_FK_ID, 0, 16, P(enterprise)),
	ROW(PT_LOT, "lot", N_("lot"), SD_FK_COUNT, 0, 0, P(lot)),
	ROW(PT_AT, "at", N_("time"), SD_FK_TIME, 0, 0, P(at)),
	ROW(PT_TEXT, "text", N_("text"), SD_FK_TEXT, SD_FF_MULTILINE | SD_FF_PERSONAL, 20000,
	    P(text)),
	ROW(PT_BY, "by", N_("by"), SD_FK_TEXT, SD_FF_PERSONAL, 0, P(by)),
};
#undef P
const struct sd_record_def sd_opp_response_record =
    SD_RECORD_DEF(SD_REC_OPP_RESPONSE, response_fields, struct sd_opp_response);

#define W(m)	offsetof(struct sd_opp_award, m)
static const struct sd_field_def award_fields[] = {
	ROW(WT_OPP, "opportunity", N_("opportunity"), SD_FK_ID, 0, 16, W(opp)),
	ROW(WT_LOT, "lot", N_("lot"), SD_FK_COUNT, 0, 0, W(lot)),
	ROW(WT_ENTERPRISE, "enterprise", N_("enterprise"), SD_FK_ID, SD_FF_OMIT_ZERO, 16,
	    W(enterprise)),
	ROW(WT_NAME, "name", N_("contractor"), SD_FK_TEXT, SD_FF_REQUIRED | SD_FF_PERSONAL, 200,
	    W(name)),
	ROW(WT_VALUE, "value", N_("value"), SD_FK_MONEY, 0, 0, W(value)),
	ROW(WT_DAY, "day", N_("day"), SD_FK_DAY, SD_FF_REQUIRED, 0, W(day)),
	ROW(WT_ENDS, "ends", N_("contract ends"), SD_FK_DAY, 0, 0, W(ends)),
	ROW(WT_SOCIAL, "social", N_("social enterprise"), SD_FK_SMALL, SD_FF_OMIT_ZERO, 1,
	    W(social)),
	ROW(WT_RESERVED, "reserved", N_("reserved"), SD_FK_SMALL, SD_FF_OMIT_ZERO, 1, W(reserved)),
	ROW(WT_SROI_DUE, "sroi_due", N_("social return due"), SD_FK_MONEY, SD_FF_OMIT_ZERO, 0,
	    W(sroi_due)),
	ROW(WT_SROI_SPENT, "sroi_spent", N_("social return spent"), SD_FK_MONEY, SD_FF_OMIT_ZERO,
	    0, W(sroi_spent)),
	ROW(WT_AT, "at", N_("time"), SD_FK_TIME, 0, 0, W(at)),
	ROW(WT_BY, "by", N_("by"), SD_FK_TEXT, SD_FF_PERSONAL, 0, W(by)),
};
#undef W
const struct sd_record_def sd_opp_award_record =
    SD_RECORD_DEF(SD_REC_OPP_AWARD, award_fields, struct sd_opp_award);

#define S(m)	offsetof(struct sd_opp_sroi, m)
static const struct sd_field_def sroi_fields[] = {
	ROW(ST_OPP, "opportunity", N_("opportunity"), SD_FK_ID, 0, 16, S(opp)),
	ROW(ST_LOT, "lot", N_("lot"), SD_FK_COUNT, 0, 0, S(lot)),
	ROW(ST_SEQ, "seq", N_("number"), SD_FK_COUNT, 0, 0, S(seq)),
	ROW(ST_SPENT, "spent", N_("spent"), SD_FK_MONEY, 0, 0, S(spent)),
	ROW(ST_TEXT, "text", N_("text"), SD_FK_TEXT, SD_FF_MULTILINE | SD_FF_PERSONAL, 20000,
	    S(text)),
	ROW(ST_AT, "at", N_("time"), SD_FK_TIME, 0, 0, S(at)),
	ROW(ST_BY, "by", N_("by"), SD_FK_TEXT, SD_FF_PERSONAL, 0, S(by)),
};
#undef S
#undef ROW
#undef CHOICE
#undef EDITED
const struct sd_record_def sd_opp_sroi_record =
    SD_RECORD_DEF(SD_REC_OPP_SROI, sroi_fields, struct sd_opp_sroi);

void
sd_opportunity_free(struct sd_opportunity *o)
{
	sd_rec_free(&sd_opp_record, o);
}

void
sd_opportunity_copy(struct sd_opportunity *dst, const struct sd_opportunity *src)
{
	sd_rec_copy(&sd_opp_record, dst, src);
}

void
sd_opp_lot_free(struct sd_opp_lot *l)
{
	sd_rec_free(&sd_opp_lot_record, l);
}

void
sd_opp_award_free(struct sd_opp_award *a)
{
	sd_rec_free(&sd_opp_award_record, a);
}

bool
sd_opp_award_unfulfilled(const struct sd_opp_award *a, sd_day today)
{
	return a->sroi_due > a->sroi_spent && a->ends != SD_NO_DAY && a->ends < today;
}

/* --- loading ---------------------------------------------------------------------- */

static sd_status
not_found(struct sd_error *err, const char *ref)
{
	return sd_fail(err, SD_NOTFOUND, _("no opportunity %s; see `sedesk opportunity list`."),
	    ref);
}

sd_status
opp_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_opportunity *out,
    struct sd_error *err)
{
	char ids[SD_UUID_STR];
	MDB_val v;
	sd_status s;

	sd_uuid_format(id, ids);
	s = sd_db_get(t, SD_DB_OPP, id, SD_UUID_LEN, &v, _("opportunity"), err);
	if (s == SD_NOTFOUND)
		return not_found(err, ids);
	if (s != SD_OK)
		return s;
	if (!sd_rec_decode(&sd_opp_record, v.mv_data, v.mv_size, out))
		return sd_fail(err, SD_FAIL,
		    _("opportunity %s cannot be read; run `sedesk check`."), ids);
	return SD_OK;
}

sd_status
opp_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    struct sd_opportunity *out, struct sd_error *err)
{
	uint8_t id[SD_UUID_LEN];
	sd_status s;

	memset(out, 0, sizeof *out);
	if (ref == NULL || !sd_uuid_parse(ref, id))
		return sd_fail(err, SD_INVALID,
		    _("%s is not an opportunity id; `sedesk opportunity list` shows them."),
		    ref ? ref : "");
	if ((s = opp_load(t, id, out, err)) != SD_OK)
		return s;
	if (!sd_sees_opportunity(d, out->dept)) {
		sd_opportunity_free(out);
		/* The same answer as for an id that does not exist: nothing leaks. */
		return not_found(err, ref);
	}
	return SD_OK;
}

/* --- keys, indexes and saving ------------------------------------------------------ */

static void
deadline_key(struct sd_key *k, const struct sd_opportunity *o)
{
	sd_key_reset(k);
	/* None last: the opportunities that press come first. */
	sd_key_i32(k, o->deadline == SD_NO_DAY ? INT32_MAX : o->deadline);
	sd_key_bytes(k, o->id, SD_UUID_LEN);
}

sd_status
opp_index(struct sd_txn *t, const struct sd_opportunity *o, bool put, struct sd_error *err)
{
	struct sd_key k;

	deadline_key(&k, o);
	return put ? sd_db_put_flag(t, SD_DB_OPP_BY_DEADLINE, k.b, k.len, _("opportunity"), err) :
	    sd_db_del(t, SD_DB_OPP_BY_DEADLINE, k.b, k.len, _("opportunity"), err);
}

sd_status
opp_save(struct sd_txn *t, const struct sd_opportunity *old, const struct sd_opportunity *o,
    struct sd_error *err)
{
	struct sd_buf rec = { 0 };
	sd_status s = SD_OK;

	if (old != NULL)
		s = opp_index(t, old, false, err);
	if (s == SD_OK)
		s = opp_index(t, o, true, err);
	if (s != SD_OK)
		return s;
	sd_rec_encode(&rec, &sd_opp_record, o);
	s = sd_db_put(t, SD_DB_OPP, o->id, SD_UUID_LEN, rec.data, rec.len, _("opportunity"), err);
	sd_buf_free(&rec);
	if (s == SD_OK)
		s = search_index_opp(t, o, err);
	return s;
}

sd_status
journal_opp(struct sd_txn *t, const struct sd_desk *d, const uint8_t id[SD_UUID_LEN],
    const char *kind, const char *text, struct sd_error *err)
{
	struct sd_journal_entry j = { 0 };

	j.at = sd_desk_now(d);
	j.actor = d->me->login;
	j.kind = (char *)kind;
	j.text = (char *)text;
	j.subject_kind = SD_SUBJECT_OPPORTUNITY;
	memcpy(j.subject, id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	return sd_journal_append(t, &j, err);
}

static sd_status
put_rec(struct sd_txn *t, enum sd_dbi db, const struct sd_key *k,
    const struct sd_record_def *def, const void *rec, const char *what, struct sd_error *err)
{
	struct sd_buf b = { 0 };
	sd_status s;

	sd_rec_encode(&b, def, rec);
	s = sd_db_put(t, db, k->b, k->len, b.data, b.len, what, err);
	sd_buf_free(&b);
	return s;
}

static sd_status
unreadable(struct sd_error *err, const char *what)
{
	return sd_fail(err, SD_FAIL, _("a record of %s cannot be read; run `sedesk check`."), what);
}

sd_status
opp_lots_load(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN], struct sd_opp_lot **out,
    size_t *n, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	*out = NULL;
	*n = 0;
	sd_iter_start(&it, t, SD_DB_OPP_LOT, opp, SD_UUID_LEN, false, NULL, 0);
	while (sd_iter_next(&it)) {
		*out = sd_xrealloc(*out, (*n + 1) * sizeof **out);
		if (!sd_rec_decode(&sd_opp_lot_record, it.val.mv_data, it.val.mv_size,
		    &(*out)[*n])) {
			s = unreadable(err, _("a lot"));
			break;
		}
		(*n)++;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("opportunity"), err);
	sd_iter_end(&it);
	if (s != SD_OK) {
		opp_lots_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return s;
}

void
opp_lots_free(struct sd_opp_lot *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sd_opp_lot_free(&l[i]);
	free(l);
}

sd_status
opp_lot_put(struct sd_txn *t, const struct sd_opp_lot *l, struct sd_error *err)
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_bytes(&k, l->opp, SD_UUID_LEN);
	sd_key_u32(&k, l->no);
	return put_rec(t, SD_DB_OPP_LOT, &k, &sd_opp_lot_record, l, _("a lot"), err);
}

sd_status
opp_lots_delete(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN], struct sd_error *err)
{
	struct sd_opp_lot *lots;
	size_t n;
	sd_status s;

	if ((s = opp_lots_load(t, opp, &lots, &n, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < n && s == SD_OK; i++) {
		struct sd_key k;
		sd_key_reset(&k);
		sd_key_bytes(&k, opp, SD_UUID_LEN);
		sd_key_u32(&k, lots[i].no);
		s = sd_db_del(t, SD_DB_OPP_LOT, k.b, k.len, _("a lot"), err);
	}
	opp_lots_free(lots, n);
	return s;
}

sd_status
opp_invite_get(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN], const uint8_t ent[SD_UUID_LEN],
    struct sd_opp_invite *out, struct sd_error *err)
{
	struct sd_key k;
	MDB_val v;
	sd_status s;

	memset(out, 0, sizeof *out);
	sd_key_reset(&k);
	sd_key_bytes(&k, opp, SD_UUID_LEN);
	sd_key_bytes(&k, ent, SD_UUID_LEN);
	if ((s = sd_db_get(t, SD_DB_OPP_INVITE, k.b, k.len, &v, _("invitation"), err)) != SD_OK)
		return s;
	if (!sd_rec_decode(&sd_opp_invite_record, v.mv_data, v.mv_size, out))
		return unreadable(err, _("an invitation"));
	return SD_OK;
}

sd_status
opp_invite_put(struct sd_txn *t, const struct sd_opp_invite *iv, struct sd_error *err)
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_bytes(&k, iv->opp, SD_UUID_LEN);
	sd_key_bytes(&k, iv->enterprise, SD_UUID_LEN);
	return put_rec(t, SD_DB_OPP_INVITE, &k, &sd_opp_invite_record, iv, _("invitation"), err);
}

sd_status
opp_response_put(struct sd_txn *t, const struct sd_opp_response *r, struct sd_error *err)
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_bytes(&k, r->opp, SD_UUID_LEN);
	sd_key_bytes(&k, r->enterprise, SD_UUID_LEN);
	sd_key_u32(&k, r->lot);
	return put_rec(t, SD_DB_OPP_RESPONSE, &k, &sd_opp_response_record, r, _("response"), err);
}

static void
award_key(struct sd_key *k, const uint8_t opp[SD_UUID_LEN], uint32_t lot)
{
	sd_key_reset(k);
	sd_key_bytes(k, opp, SD_UUID_LEN);
	sd_key_u32(k, lot);
}

bool
opp_award_decode(const MDB_val *v, struct sd_opp_award *out)
{
	return sd_rec_decode(&sd_opp_award_record, v->mv_data, v->mv_size, out);
}

sd_status
opp_award_get(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN], uint32_t lot,
    struct sd_opp_award *out, struct sd_error *err)
{
	struct sd_key k;
	MDB_val v;
	sd_status s;

	memset(out, 0, sizeof *out);
	award_key(&k, opp, lot);
	if ((s = sd_db_get(t, SD_DB_OPP_AWARD, k.b, k.len, &v, _("award"), err)) != SD_OK)
		return s;
	if (!opp_award_decode(&v, out))
		return unreadable(err, _("an award"));
	return SD_OK;
}

static bool
in_register(const struct sd_opp_award *a)
{
	static const uint8_t zero[SD_UUID_LEN];

	return memcmp(a->enterprise, zero, SD_UUID_LEN) != 0;
}

/*
 * An award of an enterprise of the register: its past-award entry (the
 * matching counts them) and its timeline entry at the award's day
 * (TL_AWARD, ref the opportunity's uuid and the lot).
 */
sd_status
opp_award_index(struct sd_txn *t, const struct sd_opp_award *a, bool put, struct sd_error *err)
{
	struct sd_key k;
	uint8_t ref[SD_UUID_LEN + 4];
	sd_status s;

	if (!in_register(a))
		return SD_OK;
	sd_key_reset(&k);
	sd_key_bytes(&k, a->enterprise, SD_UUID_LEN);
	sd_key_bytes(&k, a->opp, SD_UUID_LEN);
	sd_key_u32(&k, a->lot);
	s = put ? sd_db_put_flag(t, SD_DB_AWARD_BY_ENT, k.b, k.len, _("award"), err) :
	    sd_db_del(t, SD_DB_AWARD_BY_ENT, k.b, k.len, _("award"), err);
	if (s != SD_OK)
		return s;
	memcpy(ref, a->opp, SD_UUID_LEN);
	memcpy(ref + SD_UUID_LEN, k.b + 2 * SD_UUID_LEN, 4);
	return timeline_index(t, a->enterprise, (int64_t)a->day * 86400, TL_AWARD, ref,
	    sizeof ref, 0, put, err);
}

sd_status
opp_award_save(struct sd_txn *t, const struct sd_opp_award *old, const struct sd_opp_award *a,
    struct sd_error *err)
{
	struct sd_key k;
	sd_status s = SD_OK;

	if (old != NULL)
		s = opp_award_index(t, old, false, err);
	if (s == SD_OK)
		s = opp_award_index(t, a, true, err);
	if (s != SD_OK)
		return s;
	award_key(&k, a->opp, a->lot);
	return put_rec(t, SD_DB_OPP_AWARD, &k, &sd_opp_award_record, a, _("award"), err);
}

sd_status
opp_sroi_put(struct sd_txn *t, const struct sd_opp_sroi *r, struct sd_error *err)
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_bytes(&k, r->opp, SD_UUID_LEN);
	sd_key_u32(&k, r->lot);
	sd_key_u32(&k, r->seq);
	return put_rec(t, SD_DB_OPP_SROI, &k, &sd_opp_sroi_record, r, _("social return"), err);
}

char *
opp_ent_words(struct sd_txn *t, const uint8_t id[SD_UUID_LEN])
{
	struct sd_enterprise e;
	struct sd_buf b = { 0 };

	if (ent_load(t, id, &e, NULL) != SD_OK)
		return sd_xstrdup("?");
	sd_buf_adds(&b, e.f[SD_EF_NAME] ? e.f[SD_EF_NAME] : "?");
	if (e.f[SD_EF_NUMBER] != NULL)
		sd_buf_addf(&b, " (%s)", e.f[SD_EF_NUMBER]);
	sd_enterprise_free(&e);
	return sd_buf_take(&b);
}

/* Whether list (comma-separated) holds item. */
static bool
list_has(const char *list, const char *item)
{
	size_t n = strlen(item);

	for (const char *p = list; p != NULL && *p != '\0'; ) {
		const char *e = strchr(p, ',');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		if (len == n && strncmp(p, item, n) == 0)
			return true;
		p = e != NULL ? e + 1 : NULL;
	}
	return false;
}

/*
 * Whether one of the enterprise's recognitions is one the reservation
 * names (qualify NULL: any recognition of the list); *which (may be NULL)
 * gets the first that does, in words.
 */
bool
opp_qualifies(const struct sd_config *cfg, const struct sd_enterprise *e, const char *qualify,
    char **which)
{
	struct sd_recognition *r;
	size_t n;
	bool ok = false;

	if (which != NULL)
		*which = NULL;
	if (sd_recognitions_read(cfg, e->f[SD_EF_RECOGNITIONS], &r, &n, NULL) != SD_OK)
		return false;
	for (size_t i = 0; i < n && !ok; i++) {
		if (qualify != NULL && *qualify != '\0' && !list_has(qualify, r[i].name))
			continue;
		ok = true;
		if (which != NULL)
			*which = sd_xstrdup(sd_profile_code_label(cfg, SD_LIST_RECOGNITIONS,
			    r[i].name));
	}
	sd_recognitions_free(r, n);
	return ok;
}

/* --- the timeline ------------------------------------------------------------------- */

/* An award on its enterprise's timeline: the opportunity's title, the lot and the value. */
sd_status
opp_award_describe(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    int64_t when, const void *ref, size_t reflen, struct sd_timeline_item *out,
    struct sd_error *err)
{
	struct sd_opportunity o;
	struct sd_opp_award a;
	struct sd_buf b = { 0 };
	char money[SD_MONEY_STR];
	uint32_t lot;
	sd_status s;

	(void)ent;
	memset(out, 0, sizeof *out);
	if (reflen != SD_UUID_LEN + 4)
		return SD_NOTFOUND;
	lot = sd_be32((const uint8_t *)ref + SD_UUID_LEN);
	if ((s = opp_load(t, ref, &o, err)) != SD_OK)
		return s;
	if (!sd_sees_opportunity(d, o.dept)) {
		sd_opportunity_free(&o);
		return SD_NOTFOUND;
	}
	if ((s = opp_award_get(t, o.id, lot, &a, err)) != SD_OK) {
		sd_opportunity_free(&o);
		return s;
	}
	out->kind = SD_TL_AWARD;
	out->when = when;
	sd_uuid_format(o.id, out->ref);
	sd_money_format(a.value, money);
	/* The kind column says "award": the title names what and how much. */
	if (lot > 0)
		sd_buf_addf(&b, _("%s, lot %u, %s"), o.title, lot, money);
	else
		sd_buf_addf(&b, "%s, %s", o.title, money);
	out->title = sd_buf_take(&b);
	out->state = sd_xstrdup(_("awarded"));
	out->code = "awarded";
	sd_opp_award_free(&a);
	sd_opportunity_free(&o);
	return SD_OK;
}
