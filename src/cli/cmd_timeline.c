/*
 * sedesk enterprise timeline, and enterprise list --not-contacted-since:
 * an enterprise's history in one dated list, and the enterprises nobody
 * has contacted since a day (include/sedesk/timeline.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/timeline.h"

static json_t *
item_json(const struct sd_timeline_item *it)
{
	char day[11];

	sd_day_format(sd_day_from_time(it->when), day);
	return json_pack("{s:s, s:o, s:s, s:s, s:o, s:s, s:b}", "date", day, "time",
	    cli_jtime(it->when), "kind", sd_timeline_kind_name(it->kind), "ref", it->ref,
	    "title", cli_jstr(it->title), "state", it->code ? it->code : "", "contact",
	    it->contact);
}

int
cmd_enterprise_timeline(struct cli *cli, const struct cli_args *a)
{
	struct sd_timeline_page p;
	struct sd_error err;
	size_t limit;

	if (cli_limit(a, 50, &limit) < 0)
		return SD_INVALID;
	if (sd_enterprise_timeline(&cli->desk, a->argv[0], NULL, limit, &p, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t k = 0; k < p.n; k++)
			json_array_append_new(arr, item_json(&p.items[k]));
		cli_json_print(arr);
	} else {
		for (size_t k = 0; k < p.n; k++) {
			const struct sd_timeline_item *it = &p.items[k];
			char day[11];
			sd_day_format(sd_day_from_time(it->when), day);
			/* date, kind, what opens it, title, state: in words. */
			cli_printf("%s  %-8s %-11s %s · %s", day, sd_timeline_kind_label(it->kind),
			    it->ref, it->title ? it->title : "", it->state ? it->state : "");
		}
		if (p.n == 0)
			printf(_("(nothing on the timeline yet)\n"));
		if (p.more)
			printf(_("(more: use --limit to see more)\n"));
	}
	sd_timeline_page_free(&p);
	return 0;
}

/* enterprise list --not-contacted-since DAY (cmd_enterprise_list hands over). */
int
cmd_enterprise_not_contacted(struct cli *cli, const struct cli_args *a)
{
	const char *since_s = cli_opt(a, "not-contacted-since");
	struct sd_ent_contact_list l;
	struct sd_error err;
	sd_day since;
	size_t limit;

	if (!sd_day_parse(since_s, &since))
		return cli_usage(a->cmd, _("--%s %s: give a date as YYYY-MM-DD."),
		    "not-contacted-since", since_s);
	if (cli_opt(a, "tag") != NULL)
		return cli_usage(a->cmd, _("--tag and --not-contacted-since do not go together; "
		    "give one of them."));
	if (cli_limit(a, 100, &limit) < 0)
		return SD_INVALID;
	if (sd_enterprise_not_contacted(&cli->desk, since, NULL, limit, &l, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t k = 0; k < l.n; k++) {
			json_t *o = enterprise_json(&l.items[k].e, false);
			json_object_set_new(o, "last_contact", cli_jday(l.items[k].last));
			json_array_append_new(arr, o);
		}
		cli_json_print(arr);
	} else {
		for (size_t k = 0; k < l.n; k++) {
			const struct sd_enterprise *e = &l.items[k].e;
			char day[11];
			const char *last = day;
			if (l.items[k].last == SD_NO_DAY)
				last = _("never");
			else
				sd_day_format(l.items[k].last, day);
			/* The last contact first: the list is ordered by it. */
			cli_printf("%-10s  %-14s %s%s%s", last,
			    e->f[SD_EF_NUMBER] ? e->f[SD_EF_NUMBER] : "-", e->f[SD_EF_NAME],
			    e->f[SD_EF_CITY] ? "  · " : "", e->f[SD_EF_CITY] ? e->f[SD_EF_CITY] : "");
		}
		if (l.more)
			printf(_("(more: use --limit to see more)\n"));
	}
	sd_ent_contact_list_free(&l);
	return 0;
}
