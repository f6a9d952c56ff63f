/*
 * sedesk search | reindex
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/search.h"
#include "sedesk/text.h"

int
cmd_search(struct cli *cli, const struct cli_args *a)
{
	const char *kind_s = cli_opt(a, "kind");
	enum sd_hit_kind kind = SD_HIT_ANY;
	struct sd_buf query = { 0 };
	struct sd_error err;
	struct sd_hits hits;
	size_t limit;
	int rc;

	if (cli_limit(a, 20, &limit) < 0)
		return SD_INVALID;
	if (limit > SD_SEARCH_LIMIT_MAX)
		return cli_usage(a->cmd, _("--limit %s: a search shows at most %d results; add "
		    "words to narrow it."), cli_opt(a, "limit"), SD_SEARCH_LIMIT_MAX);
	if (kind_s != NULL) {
		if (strcmp(kind_s, "enterprise") == 0)
			kind = SD_HIT_ENTERPRISE;
		else if (strcmp(kind_s, "case") == 0)
			kind = SD_HIT_CASE;
		else if (strcmp(kind_s, "event") == 0)
			kind = SD_HIT_EVENT;
		else if (strcmp(kind_s, "moment") == 0)
			kind = SD_HIT_MOMENT;
		else if (strcmp(kind_s, "opportunity") == 0)
			kind = SD_HIT_OPPORTUNITY;
		else
			return cli_usage(a->cmd, _("--kind %s: use enterprise, case, event, moment or "
			    "opportunity."), kind_s);
	}
	/* The words may come as one argument or several. */
	for (int i = 0; i < a->argc; i++)
		sd_buf_addf(&query, "%s%s", query.len ? " " : "", a->argv[i]);
	if (strspn(query.data, " \t\n") == query.len) {
		sd_buf_free(&query);
		return cli_usage(a->cmd, "%s", _(a->cmd->operand_msg));
	}
	rc = sd_search(&cli->desk, query.data, kind, limit, &hits, &err);
	sd_buf_free(&query);
	if (rc != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t k = 0; k < hits.n; k++) {
			const struct sd_hit *h = &hits.items[k];
			json_t *o = json_object();
			if (h->kind == SD_HIT_CASE) {
				char num[SD_CASE_NUMBER_MAX];
				sd_case_number_format(h->key, num);
				json_object_set_new(o, "kind", json_string("case"));
				json_object_set_new(o, "number", json_string(num));
			} else if (h->kind == SD_HIT_EVENT) {
				char id[SD_UUID_STR];
				sd_uuid_format(h->event, id);
				json_object_set_new(o, "kind", json_string("event"));
				json_object_set_new(o, "id", json_string(id));
			} else if (h->kind == SD_HIT_OPPORTUNITY) {
				char id[SD_UUID_STR];
				sd_uuid_format(h->opp, id);
				json_object_set_new(o, "kind", json_string("opportunity"));
				json_object_set_new(o, "id", json_string(id));
			} else if (h->kind == SD_HIT_MOMENT) {
				char id[SD_UUID_STR], ent[SD_UUID_STR];
				sd_uuid_format(h->moment, id);
				sd_uuid_format(h->ent, ent);
				json_object_set_new(o, "kind", json_string("moment"));
				json_object_set_new(o, "id", json_string(id));
				json_object_set_new(o, "enterprise", json_string(ent));
			} else {
				char id[SD_UUID_STR];
				sd_uuid_format(h->ent, id);
				json_object_set_new(o, "kind", json_string("enterprise"));
				json_object_set_new(o, "id", json_string(id));
			}
			json_object_set_new(o, "title", cli_jstr(h->title));
			json_object_set_new(o, "snippet", cli_jstr(h->snippet));
			json_object_set_new(o, "exact", json_boolean(h->exact));
			json_array_append_new(arr, o);
		}
		cli_json_print(arr);
	} else {
		for (size_t k = 0; k < hits.n; k++) {
			const struct sd_hit *h = &hits.items[k];
			char id[SD_UUID_STR];
			if (h->kind == SD_HIT_MOMENT) {
				/* Its short id opens it: `sedesk moment show`. */
				sd_uuid_format(h->moment, id);
				id[8] = '\0';
				cli_printf("%-10s %s %s", _("moment"), id, h->title);
			} else if (h->kind == SD_HIT_OPPORTUNITY) {
				sd_uuid_format(h->opp, id);
				cli_printf("%-10s %s %s", _("opportunity"), id, h->title);
			} else {
				cli_printf("%-10s %s", h->kind == SD_HIT_CASE ? _("case") :
				    h->kind == SD_HIT_EVENT ? _("event") : _("enterprise"), h->title);
			}
			/* The snippet is one line (the core makes it so), under the title. */
			if (h->snippet != NULL)
				cli_printf("           %s", h->snippet);
		}
		if (hits.n == 0)
			printf(_("Nothing found.\n"));
		else if (hits.more)
			printf(_("(more: use --limit to see more, or more words)\n"));
	}
	sd_hits_free(&hits);
	return 0;
}

int
cmd_reindex(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	size_t docs;

	(void)a;
	if (sd_reindex(&cli->desk, &docs, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		cli_json_print(json_pack("{s:I}", "documents", (json_int_t)docs));
	else
		printf(_("search index rebuilt: %zu documents\n"), docs);
	return 0;
}
