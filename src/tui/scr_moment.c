/*
 * One contact moment: its fields, its report below (read in full with
 * Enter, as the case's texts), and what may be done to it by key: report
 * it done (the editor opens for the report), edit it, make a case from it,
 * open its case and its enterprise.  Each action passes the version the
 * screen shows, so another's change meanwhile is a conflict, not lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

struct momentscr {
	struct screen		 base;
	uint8_t			 id[SD_UUID_LEN];
	struct sd_moment_view	 v;
	bool			 loaded;
};

static const struct tui_key moment_keys[] = {
	{ 'd', ACT_MOMENT_DONE, "d", N_("it took place: write the report (opens the editor)"),
	    N_("done") },
	{ 'e', ACT_EDIT_MOMENT, "e", N_("edit the moment"), N_("edit") },
	{ 'n', ACT_MOMENT_CASE, "n", N_("new case from this moment (the question raised)"),
	    N_("new case") },
	{ 'L', ACT_OPEN_CASE, "L", N_("open the linked case"), NULL },
	{ 'E', ACT_ENTERPRISES, "E", N_("open the enterprise"), NULL },
	{ '\n', ACT_VIEW, "Enter v", N_("read the report in full"), N_("read") },
	{ 'v', ACT_VIEW, NULL, NULL, NULL },
	{ TK(KEY_ENTER), ACT_VIEW, NULL, NULL, NULL },
	{ 0 },
};

static void
moment_reload(struct screen *s)
{
	struct momentscr *c = (struct momentscr *)s;
	char id[SD_UUID_STR];
	struct sd_error err;

	if (c->loaded)
		sd_moment_view_free(&c->v);
	c->loaded = false;
	sd_uuid_format(c->id, id);
	if (sd_moment_get(s->tui->desk, id, &c->v, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	c->loaded = true;
}

/* Departments by their names, as configured. */
static void
dept_names(const struct sd_config *cfg, const char *list, struct sd_buf *b)
{
	char *copy = sd_xstrdup(list), *save = NULL;

	for (char *w = strtok_r(copy, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save)) {
		const struct sd_department *d = sd_config_department(cfg, w);
		sd_buf_addf(b, "%s%s", b->len ? ", " : "", d != NULL && d->name ? d->name : w);
	}
	free(copy);
}

static void
field(int *y, const char *label, const char *value)
{
	tui_put(*y, 3, 13, label, tui_attr(ROLE_DIM));
	tui_put((*y)++, 17, COLS - 18, value, tui_attr(ROLE_NORMAL));
}

static void
moment_draw(struct screen *s, int top, int height)
{
	struct momentscr *c = (struct momentscr *)s;
	const struct sd_moment *m = &c->v.m;
	struct sd_buf b = { 0 };
	char tm[17], day[11];
	int y = top;

	if (!c->loaded)
		return;
	sd_buf_addf(&b, "%s · %s · %s", _("Contact moment"), sd_channel_label(m->kind),
	    sd_moment_state_label(m->state));
	tui_put(y++, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	y++;
	sd_moment_time_format(m->at, m->timed, tm);
	if (m->timed)
		tm[10] = ' ';
	field(&y, _("Time"), tm);
	sd_buf_reset(&b);
	sd_buf_addf(&b, "%s%s%s%s", c->v.ent.f[SD_EF_NAME] ? c->v.ent.f[SD_EF_NAME] : "",
	    c->v.ent.f[SD_EF_NUMBER] ? " (" : "",
	    c->v.ent.f[SD_EF_NUMBER] ? c->v.ent.f[SD_EF_NUMBER] : "",
	    c->v.ent.f[SD_EF_NUMBER] ? ")" : "");
	field(&y, _("Enterprise"), b.data);
	sd_buf_reset(&b);
	if (m->departments != NULL)
		dept_names(&s->tui->desk->cfg, m->departments, &b);
	field(&y, _("Departments"), b.len ? b.data : "-");
	field(&y, _("With"), m->participants ? m->participants : "-");
	field(&y, _("Owner"), m->owner ? m->owner : "-");
	if (m->follow_up != SD_NO_DAY) {
		sd_day_format(m->follow_up, day);
		field(&y, _("Follow-up"), day);
	}
	if (m->case_number != NULL)
		field(&y, _("Case"), m->case_number);
	sd_buf_free(&b);
	y++;
	tui_put(y++, 1, COLS - 2, _("Report"), tui_attr(ROLE_HEADER));
	if (m->text == NULL) {
		tui_put(y, 3, COLS - 4, m->state == SD_MOMENT_PLANNED ?
		    _("Not reported yet: d when it took place.") : _("No report."),
		    tui_attr(ROLE_DIM));
		return;
	}
	/* As much of the report as fits; Enter reads it whole. */
	{
		size_t n;
		char **lines = tui_wrap(m->text, COLS - 4, &n);
		size_t room = y < top + height ? (size_t)(top + height - y) : 0;
		for (size_t i = 0; i < n && i < room; i++)
			tui_put(y + (int)i, 3, COLS - 4, lines[i], tui_attr(ROLE_NORMAL));
		if (n > room && room > 0)
			tui_put(top + height - 1, 3, COLS - 4, _("… (Enter: read it all)"),
			    tui_attr(ROLE_DIM));
		tui_wrap_free(lines, n);
	}
}

static void
report_done(struct momentscr *c)
{
	struct tui *t = c->base.tui;
	struct sd_error err;
	char id[SD_UUID_STR], *text;

	/* The editor opens on what is written so far (a plan's notes). */
	if ((text = tui_edit_text(t, c->v.m.text ? c->v.m.text : "")) == NULL) {
		tui_message(t, ROLE_NORMAL, _("no report written; nothing was changed."));
		return;
	}
	sd_uuid_format(c->id, id);
	if (sd_moment_done(t->desk, id, text, c->v.m.version, &err) != SD_OK)
		tui_error(t, &err);
	else
		tui_message(t, ROLE_GOOD, _("reported: the moment took place."));
	free(text);
	moment_reload(&c->base);
}

static void
make_case(struct momentscr *c)
{
	struct tui *t = c->base.tui;
	struct sd_case_key key;
	struct sd_error err;
	char id[SD_UUID_STR], num[SD_CASE_NUMBER_MAX], *subject;

	if ((subject = tui_prompt(t, _("Subject of the new case:"), "")) == NULL)
		return;
	sd_uuid_format(c->id, id);
	if (sd_moment_make_case(t->desk, id, subject, NULL, c->v.m.text, c->v.m.version, &key,
	    &err) != SD_OK) {
		tui_error(t, &err);
		free(subject);
		moment_reload(&c->base);
		return;
	}
	free(subject);
	sd_case_number_format(key, num);
	tui_message(t, ROLE_GOOD, _("case %s made from the moment."), num);
	moment_reload(&c->base);
	tui_push(t, scr_case_new(t, key));
}

static bool
moment_action(struct screen *s, enum tui_action a)
{
	struct momentscr *c = (struct momentscr *)s;
	struct tui *t = s->tui;
	struct sd_case_key key;
	char title[128];

	if (!c->loaded)
		return false;
	switch (a) {
	case ACT_MOMENT_DONE:
		report_done(c);
		return true;
	case ACT_EDIT_MOMENT:
		tui_push(t, scr_momentform_new(t, NULL, c->id));
		return true;
	case ACT_MOMENT_CASE:
		make_case(c);
		return true;
	case ACT_OPEN_CASE:
		if (c->v.m.case_number == NULL || !sd_case_number_parse(c->v.m.case_number, &key))
			tui_message(t, ROLE_ERROR, _("no case is linked to this moment; n makes one."));
		else
			tui_push(t, scr_case_new(t, key));
		return true;
	case ACT_ENTERPRISES:
		tui_push(t, scr_enterprise_new(t, c->v.m.enterprise));
		return true;
	case ACT_VIEW:
		snprintf(title, sizeof title, "%s · %s", _("Report"), sd_channel_label(c->v.m.kind));
		tui_push(t, scr_text_new(t, title, c->v.m.text ? c->v.m.text : ""));
		return true;
	default:
		return false;
	}
}

static const struct sd_moment *
moment_shown(const struct screen *s)
{
	const struct momentscr *c = (const struct momentscr *)s;

	return c->loaded ? &c->v.m : NULL;
}

static void
moment_destroy(struct screen *s)
{
	struct momentscr *c = (struct momentscr *)s;

	if (c->loaded)
		sd_moment_view_free(&c->v);
	free(c);
}

static const struct screen_ops moment_ops = {
	.name = N_("Contact moment"),
	.keys = moment_keys,
	.draw = moment_draw,
	.action = moment_action,
	.reload = moment_reload,
	.shown_moment = moment_shown,
	.destroy = moment_destroy,
};

struct screen *
scr_moment_new(struct tui *t, const uint8_t id[SD_UUID_LEN])
{
	struct momentscr *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = &moment_ops;
	c->base.tui = t;
	memcpy(c->id, id, SD_UUID_LEN);
	moment_reload(&c->base);
	if (!c->loaded) {
		moment_destroy(&c->base);
		return NULL;
	}
	/* Who looked (issue 17): once when opened, not at each reload. */
	sd_access_moment(t->desk, &c->v.m, SD_FRONT_TUI);
	return &c->base;
}
