/*
 * A case as text to hand on (a letter or an e-mail to the enterprise):
 * the enterprise, the question, each department's answer and the
 * resolution, in the user's language, with dates.  Shared by `case
 * export` and the interface's s and | keys.
 */
#ifndef SEDESK_CASE_TEXT_H
#define SEDESK_CASE_TEXT_H

#include <stdbool.h>

#include "case.h"
#include "desk.h"
#include "text.h"

/*
 * Appends the text of the case v shows to out: plain text, or Markdown
 * when markdown is true.  Control characters of the stored text are made
 * visible (the text is meant for a terminal or a letter).
 */
sd_status sd_case_text(struct sd_desk *d, const struct sd_case_view *v, bool markdown,
    struct sd_buf *out);

#endif
