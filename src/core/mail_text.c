/*
 * The words of the notifications, in the reader's language (mailout).
 *
 * Every mail says which case (its number in the subject, so a mail
 * client's filters and threads find it), what happened in one or two
 * lines, what to do, and how to open the case; no free text of the case
 * (notes, answers) and no contact persons: mail travels through servers
 * and mailboxes the desk does not control.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "mail_int.h"
#include "sedesk/config.h"
#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* gettext's cache of translations, flushed when the language changes. */
extern int _nl_msg_cat_cntr;

static char *saved_language;
static char *saved_messages;
static bool switched;

void
mail_lang_begin(const char *lang)
{
	const char *cur, *msgs;

	switched = false;
	if (lang == NULL || *lang == '\0')
		return;
	cur = getenv("LANGUAGE");
	saved_language = cur != NULL ? sd_xstrdup(cur) : NULL;
	msgs = setlocale(LC_MESSAGES, NULL);
	saved_messages = sd_xstrdup(msgs != NULL ? msgs : "C");
	setenv("LANGUAGE", lang, 1);
	/* gettext ignores LANGUAGE under the plain C locale. */
	if (strcmp(saved_messages, "C") == 0 || strcmp(saved_messages, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	++_nl_msg_cat_cntr;
	switched = true;
}

const char *
mail_lang_of(const struct sd_desk *d, const struct sd_officer *o)
{
	if (o != NULL && o->language != NULL)
		return o->language;
	return d->cfg.language != NULL && *d->cfg.language != '\0' ? d->cfg.language : "en";
}

void
mail_lang_end(void)
{
	if (!switched)
		return;
	if (saved_language != NULL)
		setenv("LANGUAGE", saved_language, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, saved_messages);
	free(saved_language);
	free(saved_messages);
	saved_language = saved_messages = NULL;
	++_nl_msg_cat_cntr;
	switched = false;
}

/* How to open the case: the command and the interface's keys. */
static void
how_to_open(struct sd_buf *b, const char *number)
{
	sd_buf_addf(b, "\n%s\n  sedesk case show %s\n", _("To open the case:"), number);
	sd_buf_addf(b, _("or, in sedesk's interface, press / and type %s, then Enter."), number);
	sd_buf_adds(b, "\n");
}

static void
summary(struct sd_buf *b, const struct mail_facts *f)
{
	char due[11];

	sd_buf_addf(b, "\n%-13s %s\n", _("Case:"), f->number);
	sd_buf_addf(b, "%-13s %s\n", _("Subject:"), f->subject != NULL ? f->subject : "");
	if (f->enterprise != NULL && *f->enterprise != '\0')
		sd_buf_addf(b, "%-13s %s\n", _("Enterprise:"), f->enterprise);
	if (f->dept != NULL)
		sd_buf_addf(b, "%-13s %s\n", _("Department:"), f->dept);
	if (f->due != SD_NO_DAY) {
		sd_day_format(f->due, due);
		sd_buf_addf(b, "%-13s %s\n", _("Due:"), due);
	}
}

void
mail_text(const struct mail_facts *f, const char *lang, char **subject, char **body)
{
	struct sd_buf s = { 0 }, b = { 0 };
	const char *todo = "";

	mail_lang_begin(lang);
	sd_buf_addf(&s, "[sedesk %s] ", f->number);
	switch (f->kind) {
	case MAIL_ROUTED:
		/* TRANSLATORS: a mail's subject; %s is the case's subject. */
		sd_buf_addf(&s, _("New route: %s"), f->subject);
		sd_buf_addf(&b, _("%s routed this case to %s."), f->actor, f->dept);
		todo = _("Pick the route up, then answer it or decline it with a reason.");
		break;
	case MAIL_REMINDED:
		sd_buf_addf(&s, _("Reminder: %s"), f->subject);
		sd_buf_addf(&b, _("%s reminds %s of this case: it waits for the department's "
		    "answer."), f->actor, f->dept);
		todo = _("Answer the route, or decline it with a reason.");
		break;
	case MAIL_ANSWERED:
		sd_buf_addf(&s, _("Answered by %s: %s"), f->dept, f->subject);
		sd_buf_addf(&b, _("%s answered the route of %s."), f->actor, f->dept);
		todo = _("Read the answer; when every route is done, answer the enterprise and "
		    "close the case.");
		break;
	case MAIL_DECLINED:
		sd_buf_addf(&s, _("Declined by %s: %s"), f->dept, f->subject);
		sd_buf_addf(&b, _("%s declined the route of %s."), f->actor, f->dept);
		todo = _("Read the reason; route the case to another department or answer the "
		    "enterprise.");
		break;
	case MAIL_REOPENED:
		sd_buf_addf(&s, _("Reopened: %s"), f->subject);
		sd_buf_addf(&b, _("%s reopened this case, which you own."), f->actor);
		todo = _("The case is in your inbox again: see what is asked and answer it.");
		break;
	case MAIL_DIGEST:
		break;
	}
	sd_buf_adds(&b, "\n");
	summary(&b, f);
	sd_buf_addf(&b, "\n%s\n%s\n", _("What to do:"), todo);
	how_to_open(&b, f->number);
	sd_buf_addf(&b, "\n-- \n%s\n", _("sedesk sent this mail on its own; replies reach the "
	    "desk's address, not sedesk."));
	mail_lang_end();
	*subject = sd_buf_take(&s);
	*body = sd_buf_take(&b);
}
