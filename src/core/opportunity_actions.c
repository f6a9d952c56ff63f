/*
 * What people do to opportunities: add, edit, close, invite, record a
 * response, award and report social return.  Each is one write
 * transaction; every action on a stored opportunity runs in the record
 * frame (action.h), so it is versioned and its edits journaled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "action.h"
#include "moment_internal.h"
#include "opportunity_internal.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

static size_t
field_max(const char *name)
{
	return sd_record_field_named(SD_RECORD_OPPORTUNITY, name)->max;
}

/* --- checking the input ----------------------------------------------------------- */

/* One line of text within its field's limit (required: not empty); *out malloc'd or NULL. */
static sd_status
check_line(const char *field, const char *label, const char *in, bool required, char **out,
    struct sd_error *err)
{
	char *v;

	*out = NULL;
	if (in == NULL)
		in = "";
	if (!sd_utf8_valid(in, strlen(in)))
		return sd_fail_field(err, SD_INVALID, field, _("%s: not valid UTF-8 text."), label);
	if (strlen(in) > field_max(field))
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: too long (%zu bytes; at most %zu)."), label, strlen(in), field_max(field));
	v = sd_trim(sd_xstrdup(in));
	if (sd_line_check(field, label, v, err) != SD_OK) {
		free(v);
		return SD_INVALID;
	}
	if (*v == '\0') {
		free(v);
		if (required)
			return sd_fail_field(err, SD_INVALID, field, _("%s: must not be empty."),
			    label);
		return SD_OK;
	}
	*out = v;
	return SD_OK;
}

/*
 * A comma-separated list, each item checked by fn (which may rewrite it
 * into its one spelling); *out the normalised list or NULL for none.
 */
typedef sd_status (*item_fn)(const struct sd_desk *d, char *item, char **fixed,
    struct sd_error *err);

static sd_status
check_list(const struct sd_desk *d, const char *field, const char *in, item_fn fn, char **out,
    struct sd_error *err)
{
	char *list, *copy, *p, *save = NULL;
	struct sd_buf b = { 0 };
	sd_status s = SD_OK;

	*out = NULL;
	if (!sd_utf8_valid(in, strlen(in)))
		return sd_fail_field(err, SD_INVALID, field, _("%s: not valid UTF-8 text."), field);
	if (strlen(in) > field_max(field))
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: too long (%zu bytes; at most %zu)."), field, strlen(in), field_max(field));
	list = sd_list_normalise(in);
	copy = sd_xstrdup(list);
	for (p = strtok_r(copy, ",", &save); p != NULL && s == SD_OK;
	    p = strtok_r(NULL, ",", &save)) {
		char *fixed = NULL;
		if (fn != NULL && (s = fn(d, p, &fixed, err)) != SD_OK)
			break;
		if (strchr(",\n", *p) != NULL)
			continue;
		sd_buf_addf(&b, "%s%s", b.len ? "," : "", fixed ? fixed : p);
		free(fixed);
	}
	free(copy);
	free(list);
	if (s != SD_OK || b.len == 0) {
		sd_buf_free(&b);
		return s;
	}
	*out = sd_buf_take(&b);
	return SD_OK;
}

static sd_status
recognition_item(const struct sd_desk *d, char *item, char **fixed, struct sd_error *err)
{
	(void)fixed;
	if (!sd_profile_code_known(&d->cfg, SD_LIST_RECOGNITIONS, item))
		return sd_fail_field(err, SD_INVALID, "qualify",
		    _("%s is no recognition of the list; see [profile] recognitions in the "
		    "configuration."), item);
	return SD_OK;
}

static sd_status
criterion_item(const struct sd_desk *d, char *item, char **fixed, struct sd_error *err)
{
	const char *c, *label;
	struct sd_buf b = { 0 };

	(void)fixed;
	for (size_t i = 0; sd_opp_criterion(&d->cfg, i, &c, &label); i++) {
		if (strcmp(c, item) == 0) {
			sd_buf_free(&b);
			return SD_OK;
		}
		sd_buf_addf(&b, "%s%s", i ? ", " : "", c);
	}
	sd_fail_field(err, SD_INVALID, "criteria",
	    _("%s is no CSR criterion of the list; use %s."), item, b.data ? b.data : "");
	sd_buf_free(&b);
	return SD_INVALID;
}

static sd_status
nace_item(const struct sd_desk *d, char *item, char **fixed, struct sd_error *err)
{
	char code[SD_NACE_CODE_MAX];

	(void)d;
	if (sd_nace_normalise(item, code, err) != SD_OK) {
		if (err != NULL)
			snprintf(err->field, sizeof err->field, "nace");
		return SD_INVALID;
	}
	*fixed = sd_xstrdup(code);
	return SD_OK;
}

static sd_status
parse_day(const struct sd_desk *d, const char *field, const char *in, bool future, sd_day *out,
    struct sd_error *err)
{
	char today[11];

	if (!sd_day_parse(in, out) || !sd_day_in_range(*out))
		return sd_fail_field(err, SD_INVALID, field,
		    _("--%s %s: give a day as YYYY-MM-DD, e.g. 2026-06-30."), field, in);
	if (future && *out < sd_desk_today(d)) {
		sd_day_format(sd_desk_today(d), today);
		return sd_fail_field(err, SD_INVALID, field,
		    _("the deadline %s is in the past (today is %s); give a day from today on."),
		    in, today);
	}
	return SD_OK;
}

/* One lot as given: "Title=AMOUNT" or "Title=AMOUNT;reserved". */
static sd_status
parse_lot(const char *in, uint32_t no, struct sd_opp_lot *out, struct sd_error *err)
{
	char *copy = sd_xstrdup(in), *eq, *semi, *title;
	sd_status s = SD_OK;

	memset(out, 0, sizeof *out);
	out->no = no;
	semi = strrchr(copy, ';');
	if (semi != NULL) {
		char *flag = sd_trim(semi + 1);
		if (strcmp(flag, "reserved") != 0) {
			s = sd_fail_field(err, SD_INVALID, "lot",
			    _("--lot %s: after the ';' only \"reserved\" may follow."), in);
			goto out;
		}
		*semi = '\0';
		out->reserved = 1;
	}
	if ((eq = strrchr(copy, '=')) == NULL) {
		s = sd_fail_field(err, SD_INVALID, "lot",
		    _("--lot %s: give a lot as \"Title=AMOUNT\", e.g. \"Groenonderhoud=30000\"."),
		    in);
		goto out;
	}
	*eq = '\0';
	if ((s = check_line("title", _("the lot's title"), copy, true, &title, err)) != SD_OK)
		goto out;
	out->title = title;
	if ((s = sd_money_parse(eq + 1, "--lot", &out->value, err)) != SD_OK)
		goto out;
out:
	free(copy);
	if (s != SD_OK)
		sd_opp_lot_free(out);
	return s;
}

/* The lots' line of the record: "1. Title 30000.00 reserved; 2. …" (NULL: none). */
static char *
lots_words(const struct sd_opp_lot *l, size_t n)
{
	struct sd_buf b = { 0 };
	char v[SD_MONEY_STR];

	for (size_t i = 0; i < n; i++) {
		sd_money_plain(l[i].value, v);
		sd_buf_addf(&b, "%s%u. %s %s%s", i ? "; " : "", l[i].no, l[i].title, v,
		    l[i].reserved ? " reserved" : "");
	}
	return b.len ? sd_buf_take(&b) : NULL;
}

/* The lots as given, numbered from 1; SD_INVALID naming the first wrong one. */
static sd_status
parse_lots(const struct sd_opp_input *in, struct sd_opp_lot **out, size_t *n, int64_t *sum,
    struct sd_error *err)
{
	sd_status s = SD_OK;

	*out = NULL;
	*n = 0;
	*sum = 0;
	if (in->nlots > SD_OPP_LOTS_MAX)
		return sd_fail_field(err, SD_INVALID, "lot", _("at most %d lots."), SD_OPP_LOTS_MAX);
	if (in->nlots > 0)
		*out = sd_xcalloc(in->nlots, sizeof **out);
	for (size_t i = 0; i < in->nlots && s == SD_OK; i++) {
		if ((s = parse_lot(in->lots[i], (uint32_t)i + 1, &(*out)[i], err)) == SD_OK) {
			(*n)++;
			*sum += (*out)[i].value;
			if (*sum > SD_MONEY_MAX)
				s = sd_fail_field(err, SD_INVALID, "lot",
				    _("the lots add up to more than any amount sedesk keeps."));
		}
	}
	if (s != SD_OK) {
		opp_lots_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return s;
}

/*
 * Applies the input to o (add: every required field; edit: the ones
 * given).  The lots are checked by parse_lots.
 */
static sd_status
apply_input(const struct sd_desk *d, const struct sd_opp_input *in, struct sd_opportunity *o,
    bool add, struct sd_error *err)
{
	char *v;
	sd_day day;
	int64_t cents;
	sd_status s;

	if (in->title != NULL || add) {
		if ((s = check_line("title", _("title"), in->title, true, &v, err)) != SD_OK)
			return s;
		free(o->title);
		o->title = v;
	}
	if (in->kind != SD_OPP_KIND_NONE)
		o->kind = in->kind;
	else if (add)
		return sd_fail_field(err, SD_INVALID, "kind",
		    _("an opportunity needs a kind: purchase, project-call, subsidy or concession."));
	if (in->dept != NULL || add) {
		if (in->dept == NULL || *in->dept == '\0')
			return sd_fail_field(err, SD_INVALID, "department",
			    _("an opportunity needs the department that buys (--dept D)."));
		if ((s = sd_desk_known_department(d, in->dept, err)) != SD_OK)
			return s;
		free(o->dept);
		o->dept = sd_xstrdup(in->dept);
	}
	if (in->value != NULL) {
		if ((s = sd_money_parse(in->value, "--value", &cents, err)) != SD_OK)
			return s;
		o->value = cents;
	}
	if (in->deadline != NULL) {
		if (*in->deadline == '\0')
			o->deadline = SD_NO_DAY;
		else if ((s = parse_day(d, "deadline", in->deadline, true, &day, err)) != SD_OK)
			return s;
		else
			o->deadline = day;
	} else if (add) {
		o->deadline = SD_NO_DAY;
	}
	if (in->procedure != NULL) {
		if ((s = check_line("procedure", _("procedure"), in->procedure, false, &v, err)) !=
		    SD_OK)
			return s;
		free(o->procedure);
		o->procedure = v;
	}
	if (in->reserved >= 0)
		o->reserved = in->reserved ? 1 : 0;
	if (in->qualify != NULL) {
		if ((s = check_list(d, "qualify", in->qualify, recognition_item, &v, err)) != SD_OK)
			return s;
		free(o->qualify);
		o->qualify = v;
	}
	if (in->sroi >= 0) {
		if (in->sroi > 100)
			return sd_fail_field(err, SD_INVALID, "sroi",
			    _("--sroi %d: give a percent from 0 to 100 (typically 5)."), in->sroi);
		o->sroi = in->sroi;
	}
	if (in->criteria != NULL) {
		if ((s = check_list(d, "criteria", in->criteria, criterion_item, &v, err)) != SD_OK)
			return s;
		free(o->criteria);
		o->criteria = v;
	}
	if (in->nace != NULL) {
		if ((s = check_list(d, "nace", in->nace, nace_item, &v, err)) != SD_OK)
			return s;
		free(o->nace);
		o->nace = v;
	}
	if (in->needs != NULL) {
		if ((s = check_list(d, "needs", in->needs, NULL, &v, err)) != SD_OK)
			return s;
		free(o->needs);
		o->needs = v;
	}
	if (in->description != NULL) {
		if (!sd_utf8_valid(in->description, strlen(in->description)))
			return sd_fail_field(err, SD_INVALID, "description",
			    _("%s: not valid UTF-8 text."), _("description"));
		if (strlen(in->description) > field_max("description"))
			return sd_fail_field(err, SD_INVALID, "description",
			    _("%s: too long (%zu bytes; at most %zu)."), _("description"),
			    strlen(in->description), field_max("description"));
		free(o->description);
		o->description = *in->description ? sd_xstrdup(in->description) : NULL;
	}
	return SD_OK;
}

/*
 * The value and the lots agree: a new opportunity without a value is
 * worth its lots' sum; the value is never below that sum.
 */
static sd_status
settle_value(const struct sd_opp_input *in, struct sd_opportunity *o, int64_t sum, size_t nlots,
    bool add, struct sd_error *err)
{
	char a[SD_MONEY_STR], b[SD_MONEY_STR];

	if (add && in->value == NULL && nlots > 0)
		o->value = sum;
	else if (add && in->value == NULL)
		return sd_fail_field(err, SD_INVALID, "value",
		    _("an opportunity needs its value (--value EUR) or its lots (--lot)."));
	if (nlots > 0 && sum > o->value) {
		sd_money_format(sum, a);
		sd_money_format(o->value, b);
		return sd_fail_field(err, SD_INVALID, "value",
		    _("the lots add up to %s, more than the opportunity's value %s."), a, b);
	}
	return SD_OK;
}

/* An officer records opportunities of his own departments only. */
static sd_status
permit_dept(const struct sd_desk *d, const struct sd_opportunity *o, struct sd_error *err)
{
	return sd_permit(d, SD_ACT_OPP_WRITE, o->dept, err);
}

/* --- add ------------------------------------------------------------------------- */

struct add_args {
	struct sd_desk			*d;
	const struct sd_opp_input	*in;
	uint8_t				*id_out;
};

static sd_status
write_lots(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_opp_lot *lots, size_t n,
    struct sd_error *err)
{
	sd_status s = SD_OK;

	for (size_t i = 0; i < n && s == SD_OK; i++) {
		memcpy(lots[i].opp, id, SD_UUID_LEN);
		s = opp_lot_put(t, &lots[i], err);
	}
	return s;
}

static sd_status
add_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct add_args *a = arg;
	struct sd_opportunity o = { 0 };
	struct sd_opp_lot *lots = NULL;
	size_t nlots = 0;
	int64_t sum;
	sd_status s;

	if ((s = apply_input(a->d, a->in, &o, true, err)) != SD_OK ||
	    (s = parse_lots(a->in, &lots, &nlots, &sum, err)) != SD_OK ||
	    (s = settle_value(a->in, &o, sum, nlots, true, err)) != SD_OK ||
	    (s = permit_dept(a->d, &o, err)) != SD_OK)
		goto out;
	uuid_generate(o.id);
	o.version = 1;
	o.status = SD_OPP_OPEN;
	o.created = o.updated = sd_desk_now(a->d);
	o.author = sd_xstrdup(a->d->me->login);
	o.lots = lots_words(lots, nlots);
	if ((s = opp_save(t, NULL, &o, err)) != SD_OK ||
	    (s = write_lots(t, o.id, lots, nlots, err)) != SD_OK ||
	    (s = journal_opp(t, a->d, o.id, "created", o.title, err)) != SD_OK)
		goto out;
	if (a->id_out != NULL)
		memcpy(a->id_out, o.id, SD_UUID_LEN);
out:
	opp_lots_free(lots, nlots);
	sd_opportunity_free(&o);
	return s;
}

sd_status
sd_opp_add(struct sd_desk *d, const struct sd_opp_input *in, uint8_t id_out[SD_UUID_LEN],
    struct sd_error *err)
{
	struct add_args a = { d, in, id_out };
	struct sd_opportunity o = { 0 };
	struct sd_opp_lot *lots = NULL;
	size_t nlots = 0;
	int64_t sum;
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_OPP_WRITE, NULL, err)) != SD_OK)
		return s;
	/* The input's own errors before the writer is waited for. */
	if ((s = apply_input(d, in, &o, true, err)) == SD_OK &&
	    (s = parse_lots(in, &lots, &nlots, &sum, err)) == SD_OK &&
	    (s = settle_value(in, &o, sum, nlots, true, err)) == SD_OK)
		s = permit_dept(d, &o, err);
	opp_lots_free(lots, nlots);
	sd_opportunity_free(&o);
	if (s != SD_OK)
		return s;
	return sd_store_write(d->store, add_action, &a, err);
}

/* --- the opportunity in the frame every action on a stored record runs in ------------ */

struct opp_op;
typedef sd_status (*opp_apply_fn)(struct opp_op *op, struct sd_txn *t,
    struct sd_opportunity *o, struct sd_error *err);

struct opp_op {
	struct rec_op		 base;
	opp_apply_fn		 apply;
	const struct sd_opp_input *in;
	const char *const	*ents;
	size_t			 nents;
	size_t			*added;
	unsigned		 lot;
	const char		*text;
	const char		*amount;
	const struct sd_opp_award_input *award;
};

static sd_status
op_load(struct rec_op *op, struct sd_txn *t, void *rec, struct sd_error *err)
{
	return opp_resolve_visible(t, op->d, op->ref, rec, err);
}

static sd_status
op_conflict(struct rec_op *op, const void *rec, struct sd_error *err)
{
	const struct sd_opportunity *o = rec;

	return sd_fail(err, SD_CONFLICT,
	    _("opportunity %s changed since you read it (now version %u, you had %u); "
	    "show it again and redo your change."), o->title, o->version, op->expect);
}

static size_t
op_subject(const void *rec, uint8_t key[16])
{
	memcpy(key, ((const struct sd_opportunity *)rec)->id, SD_UUID_LEN);
	return SD_UUID_LEN;
}

static sd_status
op_apply(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	struct opp_op *op = (struct opp_op *)base;
	sd_status s;

	/* An officer changes only his departments' opportunities (he sees no others). */
	if ((s = permit_dept(op->base.d, rec, err)) != SD_OK)
		return s;
	return op->apply(op, t, rec, err);
}

static sd_status
op_save(struct rec_op *op, struct sd_txn *t, const void *old, const void *rec, uint64_t since,
    struct sd_error *err)
{
	(void)op;
	(void)since;
	return opp_save(t, old, rec, err);
}

static const struct rec_kind opp_kind = {
	&sd_opp_record, SD_SUBJECT_OPPORTUNITY, op_load, op_conflict, op_subject, op_apply, NULL,
	op_save, NULL,
};

static const struct rec_action opp_edit_action = { SD_ACT_OPP_WRITE, RA_EDITS | RA_REWRITES };
static const struct rec_action opp_act_action = { SD_ACT_OPP_WRITE, 0 };

static sd_status
run_op(struct opp_op *op, struct sd_error *err)
{
	op->base.kind = &opp_kind;
	return rec_op_run(&op->base, err);
}

/* Whether any lot (or the whole) of the opportunity is awarded. */
static sd_status
any_award(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], bool *out, struct sd_error *err)
{
	struct sd_iter it;

	sd_iter_start(&it, t, SD_DB_OPP_AWARD, id, SD_UUID_LEN, false, NULL, 0);
	*out = sd_iter_next(&it);
	sd_iter_end(&it);
	(void)err;
	return SD_OK;
}

/* --- edit and close ---------------------------------------------------------------- */

static sd_status
apply_edit(struct opp_op *op, struct sd_txn *t, struct sd_opportunity *o, struct sd_error *err)
{
	struct sd_opp_lot *lots = NULL, *have = NULL;
	size_t nlots = 0, nhave = 0;
	int64_t sum = 0;
	bool awarded;
	sd_status s;

	if ((s = apply_input(op->base.d, op->in, o, false, err)) != SD_OK ||
	    (s = permit_dept(op->base.d, o, err)) != SD_OK)
		return s;
	if (op->in->set_lots) {
		if ((s = any_award(t, o->id, &awarded, err)) != SD_OK)
			return s;
		if (awarded)
			return sd_fail_field(err, SD_INVALID, "lot",
			    _("%s is awarded already; its lots can no longer change."), o->title);
		if ((s = parse_lots(op->in, &lots, &nlots, &sum, err)) != SD_OK)
			return s;
	} else if ((s = opp_lots_load(t, o->id, &have, &nhave, err)) != SD_OK) {
		return s;
	} else {
		for (size_t i = 0; i < nhave; i++)
			sum += have[i].value;
		opp_lots_free(have, nhave);
		nlots = nhave;
	}
	if ((s = settle_value(op->in, o, sum, nlots, false, err)) != SD_OK)
		goto out;
	if (op->in->set_lots) {
		free(o->lots);
		o->lots = lots_words(lots, nlots);
		if ((s = opp_lots_delete(t, o->id, err)) == SD_OK)
			s = write_lots(t, o->id, lots, nlots, err);
	}
out:
	if (op->in->set_lots)
		opp_lots_free(lots, nlots);
	return s;
}

sd_status
sd_opp_edit(struct sd_desk *d, const char *ref, const struct sd_opp_input *in,
    uint32_t expect_version, struct sd_error *err)
{
	struct opp_op op = { .base = { d, NULL, &opp_edit_action, ref, expect_version, NULL,
	    false }, .apply = apply_edit, .in = in };

	return run_op(&op, err);
}

static sd_status
apply_close(struct opp_op *op, struct sd_txn *t, struct sd_opportunity *o, struct sd_error *err)
{
	(void)op;
	(void)t;
	if (o->status == SD_OPP_CLOSED)
		return sd_fail(err, SD_INVALID, _("%s is already closed."), o->title);
	o->status = SD_OPP_CLOSED;
	return SD_OK;
}

sd_status
sd_opp_close(struct sd_desk *d, const char *ref, uint32_t expect_version, struct sd_error *err)
{
	struct opp_op op = { .base = { d, NULL, &opp_edit_action, ref, expect_version, NULL,
	    false }, .apply = apply_close };

	return run_op(&op, err);
}

/* --- invitations and responses ------------------------------------------------------ */

/*
 * The invitation's contact moment: an e-mail, held now, for the
 * opportunity's department, its text naming the opportunity (so the
 * moment says what it was about wherever it is listed).
 */
static sd_status
invite_moment(struct sd_txn *t, const struct sd_desk *d, const struct sd_opportunity *o,
    const uint8_t ent[SD_UUID_LEN], uint8_t out[SD_UUID_LEN], struct sd_error *err)
{
	struct sd_moment m = { 0 };
	struct sd_journal_entry j = { 0 };
	struct sd_buf b = { 0 };
	char id[SD_UUID_STR];
	sd_status s;

	uuid_generate(m.id);
	m.version = 1;
	memcpy(m.enterprise, ent, SD_UUID_LEN);
	m.kind = SD_CHANNEL_EMAIL;
	moment_set_time(&m, sd_moment_now(d), 1);
	m.departments = sd_xstrdup(o->dept);
	sd_uuid_format(o->id, id);
	sd_buf_addf(&b, _("Invitation to opportunity %s (%s)"), o->title, id);
	m.text = sd_buf_take(&b);
	m.state = SD_MOMENT_HELD;
	m.follow_up = SD_NO_DAY;
	m.owner = sd_xstrdup(d->me->login);
	m.created = m.updated = m.held = sd_desk_now(d);
	j.at = m.created;
	j.actor = d->me->login;
	j.kind = (char *)"created";
	j.text = (char *)sd_channel_name(m.kind);
	j.subject_kind = SD_SUBJECT_MOMENT;
	memcpy(j.subject, m.id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	if ((s = sd_journal_append(t, &j, err)) == SD_OK &&
	    (s = moment_save(t, NULL, &m, err)) == SD_OK)
		memcpy(out, m.id, SD_UUID_LEN);
	sd_moment_free(&m);
	return s;
}

static sd_status
apply_invite(struct opp_op *op, struct sd_txn *t, struct sd_opportunity *o,
    struct sd_error *err)
{
	size_t added = 0;
	sd_status s = SD_OK;

	for (size_t i = 0; i < op->nents && s == SD_OK; i++) {
		struct sd_opp_invite iv = { 0 };
		uint8_t ent[SD_UUID_LEN];
		char *who;
		/* Any enterprise of the register, as an officer visits any. */
		if ((s = ent_resolve(t, op->ents[i], ent, err)) != SD_OK)
			break;
		s = opp_invite_get(t, o->id, ent, &iv, NULL);
		sd_rec_free(&sd_opp_invite_record, &iv);
		if (s == SD_OK)
			continue;
		memcpy(iv.opp, o->id, SD_UUID_LEN);
		memcpy(iv.enterprise, ent, SD_UUID_LEN);
		iv.at = sd_desk_now(op->base.d);
		iv.by = sd_xstrdup(op->base.d->me->login);
		if ((s = invite_moment(t, op->base.d, o, ent, iv.moment, err)) == SD_OK &&
		    (s = opp_invite_put(t, &iv, err)) == SD_OK) {
			who = opp_ent_words(t, ent);
			s = journal_opp(t, op->base.d, o->id, "invited", who, err);
			free(who);
		}
		sd_rec_free(&sd_opp_invite_record, &iv);
		added++;
	}
	*op->added = added;
	if (s == SD_OK && added == 0)
		op->base.unchanged = true;
	return s;
}

sd_status
sd_opp_invite(struct sd_desk *d, const char *ref, const char *const *ents, size_t n,
    size_t *added, struct sd_error *err)
{
	size_t dummy;
	struct opp_op op = { .base = { d, NULL, &opp_act_action, ref, 0, NULL, false },
	    .apply = apply_invite, .ents = ents, .nents = n, .added = added ? added : &dummy };

	return run_op(&op, err);
}

/* The lot a response or an award names: 0 the whole (only without lots), else one of them. */
static sd_status
check_lot(struct sd_txn *t, const struct sd_opportunity *o, unsigned lot, bool whole_ok,
    struct sd_opp_lot *out, struct sd_error *err)
{
	struct sd_opp_lot *lots;
	size_t n;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = opp_lots_load(t, o->id, &lots, &n, err)) != SD_OK)
		return s;
	if (lot == 0 && n > 0 && !whole_ok)
		s = sd_fail_field(err, SD_INVALID, "lot",
		    ngettext("%s has %zu lot; name it (--lot 1).",
		    "%s has %zu lots; name one (--lot 1 to %zu).", n), o->title, n, n);
	else if (lot > 0 && n == 0)
		s = sd_fail_field(err, SD_INVALID, "lot",
		    _("%s has no lots; leave --lot out."), o->title);
	else if (lot > n)
		s = sd_fail_field(err, SD_INVALID, "lot",
		    ngettext("%s has %zu lot; there is no lot %u.",
		    "%s has %zu lots; there is no lot %u.", n), o->title, n, lot);
	else if (lot > 0)
		sd_rec_copy(&sd_opp_lot_record, out, &lots[lot - 1]);
	opp_lots_free(lots, n);
	return s;
}

static sd_status
apply_respond(struct opp_op *op, struct sd_txn *t, struct sd_opportunity *o,
    struct sd_error *err)
{
	struct sd_opp_response r = { 0 };
	struct sd_opp_lot l;
	struct sd_buf b = { 0 };
	char *who;
	sd_status s;

	if (o->status == SD_OPP_CLOSED)
		return sd_fail(err, SD_INVALID,
		    _("%s is closed; it takes no more responses."), o->title);
	if ((s = check_lot(t, o, op->lot, true, &l, err)) != SD_OK)
		return s;
	sd_opp_lot_free(&l);
	if ((s = ent_resolve(t, op->ents[0], r.enterprise, err)) != SD_OK)
		return s;
	memcpy(r.opp, o->id, SD_UUID_LEN);
	r.lot = op->lot;
	r.at = sd_desk_now(op->base.d);
	r.text = op->text != NULL && *op->text ? sd_xstrdup(op->text) : NULL;
	r.by = sd_xstrdup(op->base.d->me->login);
	if ((s = opp_response_put(t, &r, err)) == SD_OK) {
		who = opp_ent_words(t, r.enterprise);
		if (op->lot > 0)
			sd_buf_addf(&b, _("%s, lot %u"), who, op->lot);
		else
			sd_buf_adds(&b, who);
		free(who);
		s = journal_opp(t, op->base.d, o->id, "response", b.data, err);
		sd_buf_free(&b);
	}
	sd_rec_free(&sd_opp_response_record, &r);
	return s;
}

sd_status
sd_opp_respond(struct sd_desk *d, const char *ref, const char *ent, unsigned lot,
    const char *text, struct sd_error *err)
{
	const char *ents[1] = { ent };
	struct opp_op op = { .base = { d, NULL, &opp_act_action, ref, 0, NULL, false },
	    .apply = apply_respond, .ents = ents, .nents = 1, .lot = lot, .text = text };

	if (text != NULL && (!sd_utf8_valid(text, strlen(text)) || strlen(text) > 20000))
		return sd_fail_field(err, SD_INVALID, "text",
		    _("--text: at most 20000 bytes of UTF-8 text."));
	return run_op(&op, err);
}

/* --- awards and social return -------------------------------------------------------- */

/* The recognitions a reservation asks for, in words ("maatwerkbedrijf or lde"). */
static char *
qualify_words(const struct sd_config *cfg, const char *qualify)
{
	struct sd_buf b = { 0 };
	char *copy, *p, *save = NULL;

	if (qualify == NULL || *qualify == '\0')
		return sd_xstrdup(_("any recognition of the list"));
	copy = sd_xstrdup(qualify);
	for (p = strtok_r(copy, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save))
		sd_buf_addf(&b, "%s%s", b.len ? _(" or ") : "",
		    sd_profile_code_label(cfg, SD_LIST_RECOGNITIONS, p));
	free(copy);
	return sd_buf_take(&b);
}

static sd_status
apply_award(struct opp_op *op, struct sd_txn *t, struct sd_opportunity *o, struct sd_error *err)
{
	const struct sd_opp_award_input *in = op->award;
	const struct sd_desk *d = op->base.d;
	struct sd_opp_award a = { 0 }, had;
	struct sd_opp_lot l;
	struct sd_enterprise e = { 0 };
	char v[SD_MONEY_STR], *words;
	struct sd_buf b = { 0 };
	sd_status s;

	if ((s = check_lot(t, o, in->lot, false, &l, err)) != SD_OK)
		return s;
	if ((s = opp_award_get(t, o->id, in->lot, &had, NULL)) == SD_OK) {
		if (in->lot > 0)
			s = sd_fail(err, SD_INVALID, _("lot %u of %s is already awarded to %s."),
			    in->lot, o->title, had.name);
		else
			s = sd_fail(err, SD_INVALID, _("%s is already awarded to %s."), o->title,
			    had.name);
		sd_opp_award_free(&had);
		goto out;
	}
	memcpy(a.opp, o->id, SD_UUID_LEN);
	a.lot = in->lot;
	a.reserved = o->reserved || l.reserved;
	if ((s = sd_money_parse(in->value, "--value", &a.value, err)) != SD_OK)
		goto out;
	if (a.value == 0) {
		s = sd_fail_field(err, SD_INVALID, "value", _("an award needs a value above 0."));
		goto out;
	}
	a.day = sd_desk_today(d);
	if (in->day != NULL && (s = parse_day(d, "date", in->day, false, &a.day, err)) != SD_OK)
		goto out;
	a.ends = SD_NO_DAY;
	if (in->ends != NULL && (s = parse_day(d, "ends", in->ends, false, &a.ends, err)) != SD_OK)
		goto out;
	if (a.ends != SD_NO_DAY && a.ends < a.day) {
		s = sd_fail_field(err, SD_INVALID, "ends",
		    _("the contract would end (%s) before it was awarded."), in->ends);
		goto out;
	}
	if (in->enterprise != NULL) {
		if ((s = ent_resolve(t, in->enterprise, a.enterprise, err)) != SD_OK ||
		    (s = ent_load(t, a.enterprise, &e, err)) != SD_OK)
			goto out;
		a.name = sd_xstrdup(e.f[SD_EF_NAME] ? e.f[SD_EF_NAME] : "?");
		a.social = opp_qualifies(&d->cfg, &e, NULL, NULL) ? 1 : 0;
		if (a.reserved && !opp_qualifies(&d->cfg, &e, o->qualify, NULL)) {
			words = qualify_words(&d->cfg, o->qualify);
			if (in->lot > 0)
				s = sd_fail_field(err, SD_INVALID, "enterprise",
				    _("lot %u (%s) is reserved: it goes only to an enterprise with "
				    "one of these recognitions: %s. %s has none of them, so it cannot "
				    "be awarded this lot."), in->lot, l.title, words, a.name);
			else
				s = sd_fail_field(err, SD_INVALID, "enterprise",
				    _("%s is reserved: it goes only to an enterprise with one of these "
				    "recognitions: %s. %s has none of them, so it cannot be awarded "
				    "this contract."), o->title, words, a.name);
			free(words);
			goto out;
		}
	} else {
		if ((s = check_line("title", _("the contractor's name"), in->outside, true, &a.name,
		    err)) != SD_OK)
			goto out;
		if (a.reserved) {
			s = sd_fail_field(err, SD_INVALID, "enterprise",
			    _("a reserved contract goes to a recognised enterprise of the register, "
			    "not to one outside it (%s)."), a.name);
			goto out;
		}
	}
	a.sroi_due = sd_money_percent(a.value, (unsigned)o->sroi);
	a.at = sd_desk_now(d);
	a.by = sd_xstrdup(d->me->login);
	if ((s = opp_award_save(t, NULL, &a, err)) != SD_OK)
		goto out;
	sd_money_plain(a.value, v);
	if (in->lot > 0)
		sd_buf_addf(&b, _("lot %u to %s, %s"), in->lot, a.name, v);
	else
		sd_buf_addf(&b, _("to %s, %s"), a.name, v);
	s = journal_opp(t, d, o->id, "awarded", b.data, err);
	sd_buf_free(&b);
out:
	sd_enterprise_free(&e);
	sd_opp_lot_free(&l);
	sd_opp_award_free(&a);
	return s;
}

sd_status
sd_opp_award(struct sd_desk *d, const char *ref, const struct sd_opp_award_input *in,
    struct sd_error *err)
{
	struct opp_op op = { .base = { d, NULL, &opp_act_action, ref, 0, NULL, false },
	    .apply = apply_award, .award = in };

	if ((in->enterprise == NULL) == (in->outside == NULL))
		return sd_fail_field(err, SD_INVALID, "enterprise",
		    _("name the contractor: an enterprise of the register (--enterprise NUM) or "
		    "one outside it (--outside NAME)."));
	if (in->value == NULL)
		return sd_fail_field(err, SD_INVALID, "value",
		    _("an award needs its value (--value EUR)."));
	return run_op(&op, err);
}

static sd_status
apply_sroi(struct opp_op *op, struct sd_txn *t, struct sd_opportunity *o, struct sd_error *err)
{
	struct sd_opp_award a, old;
	struct sd_opp_sroi r = { 0 };
	struct sd_key k;
	struct sd_iter it;
	char v[SD_MONEY_STR];
	struct sd_buf b = { 0 };
	sd_status s;

	if ((s = sd_money_parse(op->amount, "--spent", &r.spent, err)) != SD_OK)
		return s;
	if (r.spent == 0)
		return sd_fail_field(err, SD_INVALID, "spent",
		    _("--spent: give the amount spent on social return, above 0."));
	s = opp_award_get(t, o->id, op->lot, &a, err);
	if (s == SD_NOTFOUND)
		return sd_fail(err, SD_INVALID, op->lot > 0 ?
		    _("lot %2$u of %1$s is not awarded; social return is reported on an award.") :
		    _("%s is not awarded; social return is reported on an award."), o->title,
		    op->lot);
	if (s != SD_OK)
		return s;
	if (a.sroi_due == 0) {
		s = sd_fail(err, SD_INVALID,
		    _("the award to %s carries no social return (the opportunity asks 0%%)."),
		    a.name);
		sd_opp_award_free(&a);
		return s;
	}
	sd_rec_copy(&sd_opp_award_record, &old, &a);
	a.sroi_spent = a.sroi_spent + r.spent > SD_MONEY_MAX ? SD_MONEY_MAX :
	    a.sroi_spent + r.spent;
	/* The next report's number: one past the last of this award. */
	sd_key_reset(&k);
	sd_key_bytes(&k, o->id, SD_UUID_LEN);
	sd_key_u32(&k, op->lot);
	sd_iter_start(&it, t, SD_DB_OPP_SROI, k.b, k.len, true, NULL, 0);
	r.seq = sd_iter_next(&it) && it.key.mv_size == k.len + 4 ?
	    sd_be32((const uint8_t *)it.key.mv_data + k.len) + 1 : 1;
	sd_iter_end(&it);
	memcpy(r.opp, o->id, SD_UUID_LEN);
	r.lot = op->lot;
	r.text = op->text != NULL && *op->text ? sd_xstrdup(op->text) : NULL;
	r.at = sd_desk_now(op->base.d);
	r.by = sd_xstrdup(op->base.d->me->login);
	if ((s = opp_award_save(t, &old, &a, err)) == SD_OK &&
	    (s = opp_sroi_put(t, &r, err)) == SD_OK) {
		sd_money_plain(r.spent, v);
		sd_buf_addf(&b, "%s: %s%s%s", a.name, v, r.text ? " — " : "", r.text ? r.text : "");
		s = journal_opp(t, op->base.d, o->id, "sroi", b.data, err);
		sd_buf_free(&b);
	}
	sd_rec_free(&sd_opp_sroi_record, &r);
	sd_opp_award_free(&old);
	sd_opp_award_free(&a);
	return s;
}

sd_status
sd_opp_sroi_report(struct sd_desk *d, const char *ref, unsigned lot, const char *spent,
    const char *text, struct sd_error *err)
{
	struct opp_op op = { .base = { d, NULL, &opp_act_action, ref, 0, NULL, false },
	    .apply = apply_sroi, .lot = lot, .amount = spent, .text = text };

	if (spent == NULL)
		return sd_fail_field(err, SD_INVALID, "spent",
		    _("give the amount spent on social return (--spent EUR)."));
	if (text != NULL && (!sd_utf8_valid(text, strlen(text)) || strlen(text) > 20000))
		return sd_fail_field(err, SD_INVALID, "text",
		    _("--text: at most 20000 bytes of UTF-8 text."));
	return run_op(&op, err);
}

bool
sd_opp_may_write(const struct sd_desk *d, const struct sd_opportunity *o)
{
	return sd_permit(d, SD_ACT_OPP_WRITE, o != NULL ? o->dept : NULL, NULL) == SD_OK;
}
