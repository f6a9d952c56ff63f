/*
 * Whether a department or category id is configured: one answer, with the
 * configured ids in the message, for every action and filter that names one.
 */
#include "sedesk/desk.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* Fails on id, naming the ids in known (which it frees). */
static sd_status
unknown(const char *field, const char *fmt, const char *id, struct sd_buf *known,
    struct sd_error *err)
{
	sd_fail_field(err, SD_INVALID, field, fmt, id, known->data ? known->data : "-");
	sd_buf_free(known);
	return SD_INVALID;
}

sd_status
sd_desk_known_department(const struct sd_desk *d, const char *id, struct sd_error *err)
{
	struct sd_buf known = { 0 };

	if (id != NULL && sd_config_department(&d->cfg, id) != NULL)
		return SD_OK;
	for (size_t i = 0; i < d->cfg.ndepartments; i++)
		sd_buf_addf(&known, "%s%s", i ? ", " : "", d->cfg.departments[i].id);
	return unknown("department", _("unknown department %s; known: %s."), id ? id : "",
	    &known, err);
}

sd_status
sd_desk_known_category(const struct sd_desk *d, const char *id, struct sd_error *err)
{
	struct sd_buf known = { 0 };

	if (id == NULL || sd_config_category(&d->cfg, id) != NULL)
		return SD_OK;
	for (size_t i = 0; i < d->cfg.ncategories; i++)
		sd_buf_addf(&known, "%s%s", i ? ", " : "", d->cfg.categories[i].id);
	return unknown("category", _("unknown category %s; known: %s."), id, &known, err);
}
