/*
 * Who hears of what (mailout): the hook the journal calls for each case
 * entry it writes, inside the action's transaction.  One place instead of
 * a line in every action: whatever writes a "routed", "reminded",
 * "answered", "declined" or "reopened" entry (the CLI, the interface, an
 * import) queues the same mail, and a mail exists exactly when its entry
 * does.  Notes carry no addressee in sedesk, so a note queues nothing.
 *
 *   routed, reminded     the department's address, and its officers who
 *                        chose mail = each
 *   answered, declined   the case's owner, when they chose mail = each
 *   reopened             the case's owner, likewise
 *
 * Never the person who acted, and each address once; each recipient gets
 * a mail of their own, in their own language.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mail_int.h"
#include "sedesk/config.h"
#include "sedesk/text.h"

bool mail_queued;

static const struct {
	const char	*entry;
	enum mail_kind	 kind;
} kinds[] = {
	{ "routed",	MAIL_ROUTED },
	{ "reminded",	MAIL_REMINDED },
	{ "answered",	MAIL_ANSWERED },
	{ "declined",	MAIL_DECLINED },
	{ "reopened",	MAIL_REOPENED },
};

struct recipients {
	const char	*addr[64];
	const char	*name[64];
	const char	*lang[64];
	size_t		 n;
};

static void
add(struct recipients *r, const char *addr, const char *name, const char *lang)
{
	if (addr == NULL || r->n == sizeof r->addr / sizeof r->addr[0])
		return;
	for (size_t i = 0; i < r->n; i++)
		if (strcasecmp(r->addr[i], addr) == 0)
			return;
	r->addr[r->n] = addr;
	r->name[r->n] = name;
	r->lang[r->n] = lang;
	r->n++;
}

/* An officer who wants each notification, and did not do this himself. */
static void
add_officer(struct recipients *r, const struct sd_desk *d, const struct sd_officer *o)
{
	if (o == NULL || o->email == NULL || o->mail != SD_MAIL_EACH)
		return;
	if (strcmp(o->login, d->me->login) == 0)
		return;
	add(r, o->email, o->name, mail_lang_of(d, o));
}

sd_status
mail_on_case_entry(struct sd_txn *t, const struct sd_desk *d, struct sd_case_key key,
    const char *entry, const char *dept_id, struct sd_error *err)
{
	const struct sd_department *dept = NULL;
	struct mail_facts f = { .due = SD_NO_DAY };
	struct recipients r = { .n = 0 };
	struct sd_enterprise ent = { 0 };
	struct sd_case c = { 0 };
	struct sd_route *routes = NULL;
	size_t nroutes = 0, k;
	char number[SD_CASE_NUMBER_MAX], thread[96];
	static const uint8_t zero[SD_UUID_LEN];
	sd_status s;

	if (d->cfg.mail_from == NULL)
		return SD_OK;
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (strcmp(kinds[k].entry, entry) == 0)
			break;
	if (k == sizeof kinds / sizeof kinds[0])
		return SD_OK;
	f.kind = kinds[k].kind;

	if ((s = case_load(t, key, &c, err)) != SD_OK)
		return s;
	if (memcmp(c.enterprise, zero, SD_UUID_LEN) != 0 &&
	    ent_load(t, c.enterprise, &ent, err) == SD_OK)
		f.enterprise = ent.f[SD_EF_NAME];
	if (dept_id != NULL)
		dept = sd_config_department(&d->cfg, dept_id);
	sd_case_number_format(key, number);
	f.number = number;
	f.subject = c.subject;
	f.actor = d->me->name;
	f.dept = dept != NULL ? dept->name : NULL;

	switch (f.kind) {
	case MAIL_ROUTED:
	case MAIL_REMINDED:
		if (dept == NULL)
			break;
		f.to_dept = true;
		if ((s = routes_load(t, key, false, &routes, &nroutes, err)) != SD_OK)
			goto out;
		for (size_t i = 0; i < nroutes; i++)
			if (strcmp(routes[i].dept, dept->id) == 0)
				f.due = routes[i].due;
		add(&r, dept->email, dept->name, mail_lang_of(d, NULL));
		for (size_t i = 0; i < d->cfg.nofficers; i++)
			if (sd_officer_serves(&d->cfg.officers[i], dept->id))
				add_officer(&r, d, &d->cfg.officers[i]);
		break;
	case MAIL_ANSWERED:
	case MAIL_DECLINED:
	case MAIL_REOPENED:
		if (c.owner != NULL)
			add_officer(&r, d, sd_config_officer(&d->cfg, c.owner));
		break;
	case MAIL_DIGEST:
		break;
	}

	mail_thread_id(d, c.id, thread);
	for (size_t i = 0; i < r.n && s == SD_OK; i++) {
		char *subject, *body;

		mail_text(&f, r.lang[i], &subject, &body);
		s = outbox_add(t, d, r.addr[i], r.name[i], entry, number, thread, subject, body,
		    err);
		free(subject);
		free(body);
	}
out:
	routes_free(routes, nroutes);
	sd_enterprise_free(&ent);
	sd_case_free(&c);
	return s;
}
