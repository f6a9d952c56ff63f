/*
 * The write frame shared by every action on a stored record (see action.h).
 */
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "internal.h"

/* Journals each SD_FF_JOURNAL field that differs, in table order; *n counts them. */
static sd_status
journal_changes(struct rec_op *op, struct sd_txn *t, const void *old, const void *rec,
    size_t *n, struct sd_error *err)
{
	const struct sd_record_def *def = op->kind->def;
	uint8_t key[16];
	size_t klen = op->kind->subject(rec, key);
	sd_status s = SD_OK;

	*n = 0;
	for (size_t i = 0; i < def->nfields && s == SD_OK; i++) {
		const struct sd_field_def *f = &def->fields[i];
		char a[SD_REC_TEXT_MAX], b[SD_REC_TEXT_MAX];

		if (!(f->info.flags & SD_FF_JOURNAL) || !sd_rec_differs(f, old, rec))
			continue;
		s = journal_field(t, op->d, op->kind->subject_kind, key, klen, f->info.name,
		    sd_rec_text(f, old, a), sd_rec_text(f, rec, b), err);
		(*n)++;
	}
	return s;
}

static sd_status
frame(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct rec_op *op = arg;
	const struct rec_kind *k = op->kind;
	const struct sd_field_def *version = sd_rec_field(k->def, "version");
	const struct sd_field_def *updated = sd_rec_field(k->def, "updated");
	void *old = sd_xcalloc(1, k->def->size), *rec = sd_xcalloc(1, k->def->size);
	uint32_t *v;
	uint64_t since;
	size_t changes;
	sd_status s;

	op->unchanged = false;
	if ((s = k->load(op, t, old, err)) != SD_OK)
		goto out;
	v = (uint32_t *)(void *)((char *)old + version->off);
	if (op->expect != 0 && op->expect != *v) {
		s = k->conflict(op, old, err);
		goto out;
	}
	sd_rec_copy(k->def, rec, old);
	since = journal_last_seq(t);
	if ((s = k->apply(op, t, rec, err)) != SD_OK || op->unchanged)
		goto out;
	if (op->action->flags & RA_EDITS) {
		if ((s = journal_changes(op, t, old, rec, &changes, err)) != SD_OK)
			goto out;
		/* Nothing differed: nothing was journaled, and nothing is saved. */
		if (changes == 0) {
			op->unchanged = true;
			goto out;
		}
	}
	if (k->settle != NULL && (s = k->settle(op, t, old, rec, err)) != SD_OK)
		goto out;
	*(uint32_t *)(void *)((char *)rec + version->off) = *v + 1;
	*(int64_t *)(void *)((char *)rec + updated->off) = sd_desk_now(op->d);
	s = k->save(op, t, old, rec, since, err);
out:
	if (k->done != NULL)
		k->done(op);
	sd_rec_free(k->def, old);
	sd_rec_free(k->def, rec);
	free(old);
	free(rec);
	return s;
}

sd_status
rec_op_run(struct rec_op *op, struct sd_error *err)
{
	sd_status s;

	if ((s = sd_permit(op->d, op->action->permit, op->dept, err)) != SD_OK)
		return s;
	return sd_store_write(op->d->store, frame, op, err);
}

/* The same inside a write transaction the caller owns (mailgate: a case and its notes in one). */
sd_status
rec_op_run_in(struct rec_op *op, struct sd_txn *t, struct sd_error *err)
{
	sd_status s;

	if ((s = sd_permit(op->d, op->action->permit, op->dept, err)) != SD_OK)
		return s;
	return frame(t, op, err);
}
