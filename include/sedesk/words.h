/*
 * Stored codes in the words people read: a journaled field change, a
 * department, an enterprise field's title, a case's state.  Storage, JSON
 * and scripts keep the stable names; plain output and the interface show
 * these, in the user's language.
 */
#ifndef SEDESK_WORDS_H
#define SEDESK_WORDS_H

#include <stddef.h>

#include "sedesk/case.h"
#include "sedesk/config.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "sedesk/journal_entry.h"

/*
 * A field change of the journal in words: "priority: normal → high", the
 * label translated and each value as people read it (a choice by its
 * label, a category or department by its configured name, a day as a
 * date, an enterprise by its name, read from the register through d).
 * A change journaled by a general kind ("field") is preceded by that
 * kind's label ("changed subject: …").  Returns a malloc'd string, or
 * NULL when e is not a field change.
 */
char	*sd_journal_change_words(struct sd_desk *d, const struct sd_journal_entry *e);

/*
 * An enterprise as people know it, "Name (number)", from an id as the
 * journal keeps it: a whole UUID, or the first eight hex digits that
 * journals kept before 2026-12 (found when one enterprise has them).
 * Else words that say why it is not named (gone, or which one the old
 * journal did not keep), never the id.  Malloc'd.
 */
char	*sd_enterprise_words(struct sd_desk *d, const char *id);

/* The department's configured name; its id when it is not configured. */
const char *sd_dept_words(const struct sd_config *cfg, const char *id);

/* An enterprise field's title for a label column ("Legal form"), translated. */
const char *sd_ent_field_title(enum sd_ent_field f);

/* True when the case has routes and every one not withdrawn was declined. */
bool	sd_case_all_declined(const struct sd_route *r, size_t n);

/*
 * The case's state as people read it: its status's label, or "every
 * department declined" when it is answered only by declines.
 */
const char *sd_case_state_words(const struct sd_case *c, const struct sd_route *r, size_t n);

/*
 * Why a row is in the inbox, in words: its reason's label, but "every
 * department declined" for an answered case nobody answered.
 */
const char *sd_inbox_row_words(const struct sd_case_row *r);
/*
 * The same with the day the reason has, where it has one: a reminded
 * route says when ("reminded 2026-03-05"), so the officer reads how long
 * the contact point has been waiting.  out holds at least 64 bytes.
 */
void	sd_inbox_row_why(const struct sd_case_row *r, char *out, size_t n);

#endif
