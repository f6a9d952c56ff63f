/*
 * sedesk init, departments, officers, whoami.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "sedesk/i18n.h"

int
cmd_init(struct cli *cli, const struct cli_args *a)
{
	(void)a;
	if (cli->json)
		cli_json_print(json_pack("{s:s, s:i}", "database", cli->desk.db_dir, "schema",
		    SD_SCHEMA_VERSION));
	else
		printf(_("database ready: %s\n"), cli->desk.db_dir);
	return 0;
}

static json_t *
string_array(char **items, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, cli_jstr(items[i]));
	return a;
}

int
cmd_departments(struct cli *cli, const struct cli_args *a)
{
	const struct sd_config *cfg;
	json_t *list;

	(void)a;
	cfg = &cli->desk.cfg;
	list = json_array();
	for (size_t i = 0; i < cfg->ndepartments; i++) {
		const struct sd_department *d = &cfg->departments[i];
		if (cli->json)
			json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:i}", "id", d->id,
			    "name", cli_jstr(d->name), "email", cli_jstr(d->email),
			    "service_days", d->service_days));
		else
			cli_printf("%-8s %s  <%s>  %d", d->id, d->name,
			    d->email ? d->email : "", d->service_days);
	}
	if (cli->json)
		cli_json_print(list);
	else
		json_decref(list);
	return 0;
}

static json_t *
officer_json(const struct sd_officer *o)
{
	return json_pack("{s:s, s:o, s:s, s:o}", "login", o->login, "name", cli_jstr(o->name),
	    "role", sd_role_name(o->role), "departments",
	    string_array(o->departments, o->ndepartments));
}

static void
officer_print(const struct sd_officer *o)
{
	printf("%-10s %-8s ", o->login, sd_role_name(o->role));
	for (size_t j = 0; j < o->ndepartments; j++)
		printf("%s%s", j ? "," : "", o->departments[j]);
	cli_printf("%s%s", o->ndepartments ? "  " : "", o->name ? o->name : "");
}

int
cmd_officers(struct cli *cli, const struct cli_args *a)
{
	const struct sd_config *cfg;
	json_t *list;

	(void)a;
	cfg = &cli->desk.cfg;
	list = json_array();
	for (size_t i = 0; i < cfg->nofficers; i++) {
		if (cli->json)
			json_array_append_new(list, officer_json(&cfg->officers[i]));
		else
			officer_print(&cfg->officers[i]);
	}
	if (cli->json)
		cli_json_print(list);
	else
		json_decref(list);
	return 0;
}

int
cmd_whoami(struct cli *cli, const struct cli_args *a)
{
	(void)a;
	if (cli->json)
		cli_json_print(officer_json(cli->desk.me));
	else
		officer_print(cli->desk.me);
	return 0;
}

