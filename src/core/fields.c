/*
 * The field tables seen from outside the codec: a record's fields one by
 * one (JSON, forms) and the fields that differ between two versions of a
 * record (a form's conflict message).
 */
#include <stdio.h>
#include <string.h>

#include "sedesk/date.h"
#include "sedesk/enterprise.h"

#include "sedesk/fields.h"
#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "record.h"

#define AT(rec, f, type)	((const type *)(const void *)((const char *)(rec) + (f)->off))

const struct sd_record_def *
sd_record_def(enum sd_record_kind kind)
{
	switch (kind) {
	case SD_RECORD_ENTERPRISE:
		return &sd_ent_record;
	case SD_RECORD_CASE:
		return &sd_case_record;
	case SD_RECORD_ROUTE:
		return &sd_route_record;
	case SD_RECORD_JOURNAL:
		return &sd_journal_record;
	case SD_RECORD_EVENT:
		return &sd_event_record;
	case SD_RECORD_ATTENDANCE:
		return &sd_attendance_record;
	case SD_RECORD_MOMENT:
		return &sd_moment_record;
	case SD_RECORD_OPPORTUNITY:
		return &sd_opp_record;
	case SD_RECORD_KIND_COUNT:
		break;
	}
	return NULL;
}

const char *
sd_field_label(const struct sd_field_info *f)
{
	return _(f->label);
}

size_t
sd_record_nfields(enum sd_record_kind kind)
{
	const struct sd_record_def *def = sd_record_def(kind);

	return def != NULL ? def->nfields : 0;
}

const struct sd_field_info *
sd_record_field(enum sd_record_kind kind, size_t i)
{
	const struct sd_record_def *def = sd_record_def(kind);

	return def != NULL && i < def->nfields ? &def->fields[i].info : NULL;
}

const struct sd_field_info *
sd_record_field_named(enum sd_record_kind kind, const char *name)
{
	const struct sd_record_def *def = sd_record_def(kind);

	for (size_t i = 0; def != NULL && i < def->nfields; i++)
		if (strcmp(def->fields[i].info.name, name) == 0)
			return &def->fields[i].info;
	return NULL;
}

static void
field_value(const struct sd_field_def *f, const void *rec, struct sd_field_value *v)
{
	memset(v, 0, sizeof *v);
	v->info = &f->info;
	switch (f->info.kind) {
	case SD_FK_TEXT:
	case SD_FK_LIST:
		v->text = *AT(rec, f, char *);
		break;
	case SD_FK_ID:
		v->bytes = AT(rec, f, uint8_t);
		v->n = 16;
		break;
	case SD_FK_COUNT:
		v->num = *AT(rec, f, uint32_t);
		break;
	case SD_FK_CHOICE:
		v->num = *AT(rec, f, int);
		v->text = f->choice_name != NULL ? f->choice_name((int)v->num) : NULL;
		break;
	case SD_FK_SMALL:
		v->num = *AT(rec, f, int);
		break;
	case SD_FK_TIME:
	case SD_FK_MONEY:
		v->num = *AT(rec, f, int64_t);
		break;
	case SD_FK_DAY:
		v->num = *AT(rec, f, int32_t);
		break;
	case SD_FK_SUBJECT:
		v->num = *AT(rec, f, uint8_t);
		v->bytes = AT(rec, f, uint8_t) + 1;
		v->n = *(const size_t *)(const void *)((const char *)rec + f->len_off);
		if (v->n > 16)
			v->n = 16;
		break;
	}
}

void
sd_record_fields(enum sd_record_kind kind, const void *rec, struct sd_field_iter *it)
{
	it->kind = kind;
	it->rec = rec;
	it->i = 0;
}

bool
sd_field_next(struct sd_field_iter *it, struct sd_field_value *v)
{
	const struct sd_record_def *def = sd_record_def(it->kind);

	if (def == NULL || it->i >= def->nfields)
		return false;
	field_value(&def->fields[it->i++], it->rec, v);
	return true;
}

static bool
same_value(const struct sd_field_value *a, const struct sd_field_value *b)
{
	switch (a->info->kind) {
	case SD_FK_TEXT:
	case SD_FK_LIST:
		/* Empty is NULL in a record, but "" from elsewhere is empty too. */
		return strcmp(a->text ? a->text : "", b->text ? b->text : "") == 0;
	case SD_FK_ID:
		return memcmp(a->bytes, b->bytes, a->n) == 0;
	case SD_FK_SUBJECT:
		return a->num == b->num && a->n == b->n && memcmp(a->bytes, b->bytes, a->n) == 0;
	default:
		return a->num == b->num;
	}
}

size_t
sd_record_diff(enum sd_record_kind kind, const void *a, const void *b, unsigned mask,
    const struct sd_field_info **out, size_t max)
{
	const struct sd_record_def *def = sd_record_def(kind);
	size_t n = 0;

	for (size_t i = 0; def != NULL && i < def->nfields; i++) {
		const struct sd_field_def *f = &def->fields[i];
		struct sd_field_value va, vb;

		if ((f->info.flags & mask) != mask)
			continue;
		field_value(f, a, &va);
		field_value(f, b, &vb);
		if (same_value(&va, &vb))
			continue;
		if (n < max && out != NULL)
			out[n] = &f->info;
		n++;
	}
	return n;
}

/* --- for the core's action frame ---------------------------------------------------- */

const struct sd_field_def *
sd_rec_field(const struct sd_record_def *def, const char *name)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (strcmp(def->fields[i].info.name, name) == 0)
			return &def->fields[i];
	return NULL;
}

bool
sd_rec_differs(const struct sd_field_def *f, const void *a, const void *b)
{
	struct sd_field_value va, vb;

	field_value(f, a, &va);
	field_value(f, b, &vb);
	return !same_value(&va, &vb);
}

const char *
sd_rec_text(const struct sd_field_def *f, const void *rec, char buf[SD_REC_TEXT_MAX])
{
	struct sd_field_value v;

	field_value(f, rec, &v);
	switch (f->info.kind) {
	case SD_FK_TEXT:
	case SD_FK_LIST:
	case SD_FK_CHOICE:
		return v.text;
	case SD_FK_DAY:
		sd_day_format((sd_day)v.num, buf);
		return buf;
	case SD_FK_MONEY:
		/* The plain form ("12500.50"), which reads back as an amount. */
		sd_money_plain(v.num, buf);
		return buf;
	case SD_FK_ID:
		/*
		 * The whole id (a case linked to another enterprise): people read
		 * the enterprise's name (journal_words.c); before 2026-12 the
		 * journal kept its first eight hex digits, which two uuid7 ids of
		 * the same millisecond share.
		 */
		if (v.bytes == NULL || v.n != SD_UUID_LEN)
			return NULL;
		sd_uuid_format(v.bytes, buf);
		return buf;
	case SD_FK_SUBJECT:
		return NULL;
	default:
		snprintf(buf, SD_REC_TEXT_MAX, "%lld", (long long)v.num);
		return buf;
	}
}
