/*
 * Stored codes in people's words (see sedesk/words.h): the journal keeps
 * a field's stable name and its coded values, so that scripts and the
 * JSON read the same at any language; people read labels and names.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/fields.h"
#include "sedesk/i18n.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"
#include "sedesk/words.h"

/* Titles for a label column, in the order of enum sd_ent_field. */
static const char *const ent_titles[SD_EF_COUNT] = {
	N_("Name"), N_("Number"), N_("Legal form"), N_("E-mail"), N_("Phone"), N_("Street"),
	N_("Postcode"), N_("City"), N_("Tags"), N_("Offers"), N_("Contact notes"), N_("Notes"),
	N_("Kind"), N_("Recognitions"), N_("NACE codes"), N_("Needs"), N_("Contact persons"),
	N_("Employment"),
	/* From the KBO open data (kbo_import.c). */
	N_("Alternative names"), N_("Type"), N_("Situation"), N_("Start date"), N_("Addresses"),
	N_("KBO contact data"), N_("KBO contact data (personal)"), N_("Activities"),
	N_("Ceased"),
};

const char *
sd_ent_field_title(enum sd_ent_field f)
{
	if ((int)f < 0 || f >= SD_EF_COUNT)
		return "?";
	return _(ent_titles[f]);
}

const char *
sd_dept_words(const struct sd_config *cfg, const char *id)
{
	const struct sd_department *dp;

	if (id == NULL)
		return "";
	dp = cfg != NULL ? sd_config_department(cfg, id) : NULL;
	return dp != NULL && dp->name != NULL && *dp->name != '\0' ? dp->name : id;
}

/* One value of a change as people read it; v itself when it is plain text. */
static const char *
value_words(const struct sd_config *cfg, const char *field, const char *v)
{
	const struct sd_category *cat;

	if (v == NULL || *v == '\0')
		return "-";
	if (strcmp(field, "status") == 0 && sd_case_status_parse(v) != SD_CASE_NONE)
		return sd_case_status_label(sd_case_status_parse(v));
	if (strcmp(field, "priority") == 0 && sd_priority_parse(v) != SD_PRIORITY_NONE)
		return sd_priority_label(sd_priority_parse(v));
	if (strcmp(field, "channel") == 0 && sd_channel_parse(v) != SD_CHANNEL_NONE)
		return sd_channel_label(sd_channel_parse(v));
	if (strcmp(field, "state") == 0 && sd_route_state_parse(v) != SD_ROUTE_NONE)
		return sd_route_state_label(sd_route_state_parse(v));
	if (strcmp(field, "category") == 0 && cfg != NULL &&
	    (cat = sd_config_category(cfg, v)) != NULL && cat->name != NULL)
		return cat->name;
	if (strcmp(field, "dept") == 0 || strcmp(field, "department") == 0)
		return sd_dept_words(cfg, v);
	/* Days are stored as YYYY-MM-DD already: a date as people write it. */
	return v;
}

/* The field's label: the enterprise's titles, else the case table's label. */
static const char *
field_words(const struct sd_journal_entry *e)
{
	const struct sd_field_info *fi;

	if (e->subject_kind == SD_SUBJECT_ENTERPRISE) {
		for (int k = 0; k < SD_EF_COUNT; k++) {
			if (strcmp(sd_ent_field_name(k), e->field) == 0)
				return sd_ent_field_title(k);
		}
		return e->field;
	}
	if ((fi = sd_record_field_named(SD_RECORD_CASE, e->field)) != NULL)
		return sd_field_label(fi);
	if ((fi = sd_record_field_named(SD_RECORD_ROUTE, e->field)) != NULL)
		return sd_field_label(fi);
	return e->field;
}

/* A case's enterprise (an id in the journal) by its name. */
static void
add_enterprise(struct sd_desk *d, const char *id, struct sd_buf *b)
{
	char *name = sd_enterprise_words(d, id);

	sd_buf_adds(b, name);
	free(name);
}

char *
sd_journal_change_words(struct sd_desk *d, const struct sd_journal_entry *e)
{
	const struct sd_config *cfg = &d->cfg;
	struct sd_buf b = { 0 };

	if (e == NULL || e->field == NULL)
		return NULL;
	/* "status" says itself; a general kind ("field": "changed") goes first. */
	if (e->kind != NULL && strcmp(e->kind, e->field) != 0)
		sd_buf_addf(&b, "%s ", sd_journal_kind_label(e->kind));
	sd_buf_addf(&b, "%s: ", field_words(e));
	/* The profile's lists: which items went and came, in words. */
	if (e->subject_kind == SD_SUBJECT_ENTERPRISE &&
	    sd_profile_change_words(cfg, e->field, e->old_value, e->new_value, &b))
		return sd_buf_take(&b);
	if (e->subject_kind == SD_SUBJECT_ENTERPRISE && strcmp(e->field, "kind") == 0) {
		sd_buf_adds(&b, e->old_value ? sd_profile_code_label(cfg, SD_LIST_KINDS,
		    e->old_value) : "-");
		sd_buf_adds(&b, " → ");
		sd_buf_adds(&b, e->new_value ? sd_profile_code_label(cfg, SD_LIST_KINDS,
		    e->new_value) : "-");
		return sd_buf_take(&b);
	}
	if (e->subject_kind == SD_SUBJECT_CASE && strcmp(e->field, "enterprise") == 0) {
		add_enterprise(d, e->old_value, &b);
		sd_buf_adds(&b, " → ");
		add_enterprise(d, e->new_value, &b);
		return sd_buf_take(&b);
	}
	sd_buf_adds(&b, value_words(cfg, e->field, e->old_value));
	sd_buf_adds(&b, " → ");
	sd_buf_adds(&b, value_words(cfg, e->field, e->new_value));
	return sd_buf_take(&b);
}

bool
sd_case_all_declined(const struct sd_route *r, size_t n)
{
	size_t live = 0;

	for (size_t i = 0; i < n; i++) {
		if (r[i].state == SD_ROUTE_WITHDRAWN || r[i].state == SD_ROUTE_NONE)
			continue;
		if (r[i].state != SD_ROUTE_DECLINED)
			return false;
		live++;
	}
	return live > 0;
}

const char *
sd_case_state_words(const struct sd_case *c, const struct sd_route *r, size_t n)
{
	/*
	 * The stored status stays "answered" (every route is finished, which
	 * is what moves a case on), but nobody answered: the contact point
	 * must read that before it closes the case.
	 */
	if (c->status == SD_CASE_ANSWERED && sd_case_all_declined(r, n))
		return _("every department declined");
	return sd_case_status_label(c->status);
}

const char *
sd_inbox_row_words(const struct sd_case_row *r)
{
	if (r->reason == SD_REASON_ANSWERED && sd_case_all_declined(r->routes, r->nroutes))
		return _("every department declined");
	return sd_inbox_reason_label(r->reason);
}

void
sd_inbox_row_why(const struct sd_case_row *r, char *out, size_t n)
{
	char day[11];

	if (r->reason == SD_REASON_REMINDED && r->reminded != 0) {
		sd_day_format(sd_day_from_time(r->reminded), day);
		snprintf(out, n, "%s %s", sd_inbox_row_words(r), day);
	} else
		snprintf(out, n, "%s", sd_inbox_row_words(r));
}
