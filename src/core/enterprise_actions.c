/*
 * What people do to enterprises: add and edit (import: enterprise_import.c).  Values are checked
 * and normalised from the field table (limits, one line or several, lists)
 * and every error names its field.
 */
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "action.h"
#include "internal.h"
#include "sedesk/i18n.h"
#include "record.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

/* --- validation ---------------------------------------------------------------- */

/*
 * Checks and normalises one field value as its row in the field table
 * says: valid UTF-8, within its limit, one line unless the field is
 * multiline (white space around it trimmed first, so a CSV cell's trailing
 * CR does no harm), lists normalised, then the field's own rule (number,
 * e-mail).  Returns a malloc'd value or NULL for an empty one; an error
 * names the field.
 */
static sd_status
normalise_field(const struct sd_config *cfg, enum sd_ent_field f, const char *in, char **out,
    struct sd_error *err)
{
	const struct sd_field_def *fd = ent_field_def(f);
	const struct sd_field_info *fi = &fd->info;
	sd_status s;
	char *v;

	*out = NULL;
	if (in == NULL)
		return SD_OK;
	if (!sd_utf8_valid(in, strlen(in)))
		return sd_fail_field(err, SD_INVALID, fi->name, _("%s: not valid UTF-8 text."),
		    fi->name);
	if (strlen(in) > fi->max)
		return sd_fail_field(err, SD_INVALID, fi->name,
		    _("%s: too long (%zu bytes; at most %zu)."), fi->name, strlen(in), fi->max);
	v = sd_xstrdup(in);
	if (!(fi->flags & SD_FF_MULTILINE)) {
		sd_trim(v);
		/* The label is translated for the message only (a look-up per field of every imported row). */
		if (sd_single_line_check(fi->name, v, NULL) != SD_OK) {
			(void)sd_line_check(fi->name, sd_field_label(fi), v, err);
			free(v);
			return SD_INVALID;
		}
	}
	if (fi->kind == SD_FK_LIST) {
		/* Spreadsheets often separate with ';'. */
		for (char *p = v; *p; p++)
			if (*p == ';')
				*p = ',';
		char *l = sd_list_normalise(v);
		free(v);
		v = l;
	}
	if (*v != '\0' && fd->normalise != NULL && (s = fd->normalise(fi, in, &v, err)) != SD_OK) {
		free(v);
		return s;
	}
	/* The profile's rules need the configuration's kinds and recognitions. */
	if (*v != '\0' && sd_profile_field(f)) {
		char *p;
		if ((s = sd_profile_normalise(cfg, f, v, &p, err)) != SD_OK) {
			free(v);
			return s;
		}
		free(v);
		v = p != NULL ? p : sd_xstrdup("");
	}
	if (*v == '\0') {
		free(v);
		v = NULL;
	}
	if ((fi->flags & SD_FF_NONEMPTY) && v == NULL)
		return f == SD_EF_NAME ?
		    sd_fail_field(err, SD_INVALID, fi->name, _("name: an enterprise needs a name.")) :
		    sd_fail_field(err, SD_INVALID, fi->name, _("%s: must not be empty."), fi->name);
	*out = v;
	return SD_OK;
}

/* --- add ------------------------------------------------------------------------- */

struct add_args {
	struct sd_desk	*d;
	char *const	*in;
	uint8_t		*id_out;
};

/* Validates and inserts one enterprise inside t; writes nothing when invalid. */
sd_status
ent_add_in_txn(struct sd_txn *t, struct sd_desk *d, char *const in[SD_EF_COUNT],
    uint8_t id_out[SD_UUID_LEN], struct sd_error *err)
{
	struct sd_enterprise e = { 0 };
	struct sd_journal_entry j = { 0 };
	sd_status s = SD_OK;

	for (int i = 0; i < SD_EF_COUNT && s == SD_OK; i++)
		s = normalise_field(&d->cfg, i, in[i], &e.f[i], err);
	if (s == SD_OK && e.f[SD_EF_NAME] == NULL)
		s = sd_fail_field(err, SD_INVALID, "name", _("name: an enterprise needs a name."));
	if (s == SD_OK)
		s = ent_number_free(t, e.f[SD_EF_NUMBER], NULL, err);
	if (s != SD_OK)
		goto out;
	sd_uuid7(e.id);
	e.version = 1;
	e.created = e.updated = sd_desk_now(d);
	if ((s = ent_put(t, &e, err)) != SD_OK)
		goto out;
	if ((s = ent_index(t, &e, true, err)) != SD_OK)
		goto out;
	j.at = e.created;
	j.actor = d->me->login;
	j.kind = (char *)"created";
	j.text = e.f[SD_EF_NAME];
	j.subject_kind = SD_SUBJECT_ENTERPRISE;
	memcpy(j.subject, e.id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	if ((s = sd_journal_append(t, &j, err)) != SD_OK ||
	    (s = search_index_enterprise_new(t, &e, err)) != SD_OK)
		goto out;
	if (id_out != NULL)
		memcpy(id_out, e.id, SD_UUID_LEN);
out:
	sd_enterprise_free(&e);
	return s;
}

static sd_status
add_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct add_args *a = arg;

	return ent_add_in_txn(t, a->d, a->in, a->id_out, err);
}

sd_status
sd_enterprise_add(struct sd_desk *d, char *const f[SD_EF_COUNT], uint8_t id_out[SD_UUID_LEN],
    struct sd_error *err)
{
	struct add_args a = { d, f, id_out };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	return sd_store_write(d->store, add_action, &a, err);
}

/* --- edit ---------------------------------------------------------------------- */

/* An edit in the frame every action on a stored record runs in (action.h). */
struct ent_op {
	struct rec_op	 base;
	char *const	*in;
};

static sd_status
ent_load_op(struct rec_op *op, struct sd_txn *t, void *rec, struct sd_error *err)
{
	uint8_t id[SD_UUID_LEN];
	sd_status s;

	if ((s = ent_resolve(t, op->ref, id, err)) != SD_OK)
		return s;
	return ent_load(t, id, rec, err);
}

static sd_status
ent_conflict(struct rec_op *op, const void *rec, struct sd_error *err)
{
	const struct sd_enterprise *e = rec;

	return sd_fail(err, SD_CONFLICT,
	    _("%s changed since you read it (now version %u, you had %u); "
	    "show it again and redo your change."),
	    e->f[SD_EF_NAME], e->version, op->expect);
}

static size_t
ent_subject(const void *rec, uint8_t key[16])
{
	memcpy(key, ((const struct sd_enterprise *)rec)->id, SD_UUID_LEN);
	return SD_UUID_LEN;
}

/* Sets each field given, checked and normalised; the frame journals what changed. */
static sd_status
ent_apply_edit(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	struct ent_op *op = (struct ent_op *)base;
	struct sd_enterprise *e = rec;
	sd_status s;

	(void)t;
	for (int i = 0; i < SD_EF_COUNT; i++) {
		char *v;
		if (op->in[i] == NULL)
			continue;
		if ((s = normalise_field(&op->base.d->cfg, i, op->in[i], &v, err)) != SD_OK)
			return s;
		free(e->f[i]);
		e->f[i] = v;
	}
	return SD_OK;
}

static sd_status
ent_save_op(struct rec_op *op, struct sd_txn *t, const void *old, const void *rec,
    uint64_t since, struct sd_error *err)
{
	const struct sd_enterprise *o = old, *e = rec;
	sd_status s;

	(void)since;
	if ((s = ent_number_free(t, e->f[SD_EF_NUMBER], e->id, err)) != SD_OK ||
	    (s = ent_index(t, o, false, err)) != SD_OK ||
	    (s = ent_index(t, e, true, err)) != SD_OK ||
	    (s = ent_put(t, e, err)) != SD_OK)
		return s;
	(void)op;
	return search_index_enterprise(t, o, e, err);
}

static const struct rec_kind ent_kind = {
	&sd_ent_record, SD_SUBJECT_ENTERPRISE, ent_load_op, ent_conflict, ent_subject,
	ent_apply_edit, NULL, ent_save_op, NULL,
};

static const struct rec_action ent_edit = { SD_ACT_ENTERPRISE_WRITE, RA_EDITS | RA_REWRITES };

sd_status
sd_enterprise_edit(struct sd_desk *d, const char *ref, char *const f[SD_EF_COUNT],
    uint32_t expect_version, struct sd_error *err)
{
	struct ent_op op = { { d, &ent_kind, &ent_edit, ref, expect_version, NULL, false }, f };

	return rec_op_run(&op.base, err);
}
