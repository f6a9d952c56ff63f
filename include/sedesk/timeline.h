/*
 * An enterprise's timeline: its cases, contact moments, events and
 * recognitions in one dated list, newest first, each openable.  And reach:
 * the enterprises nobody has contacted since a day.
 */
#ifndef SEDESK_TIMELINE_PUBLIC_H
#define SEDESK_TIMELINE_PUBLIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "desk.h"
#include "enterprise.h"

enum sd_timeline_kind {
	SD_TL_CASE,
	SD_TL_MOMENT,
	SD_TL_EVENT,
	SD_TL_RECOGNITION,
	SD_TL_AWARD,		/* an award of an opportunity (opportunity.h) */
};

/* One entry as a person reads it; the record's own module fills it. */
struct sd_timeline_item {
	enum sd_timeline_kind kind;
	int64_t	 when;		/* seconds since 1970; a recognition: its day at 00:00 UTC */
	char	 ref[64];	/* what opens it: a case number, a moment's or an event's uuid */
	char	*title;		/* one line: a subject, a moment's kind and text, an event's title */
	char	*state;		/* in words, translated: "open", "planned", "attended" … */
	const char *code;	/* the same as a stable code, for JSON */
	bool	 contact;	/* counts as a contact (a case, a moment held, attendance) */
};

void	sd_timeline_item_free(struct sd_timeline_item *it);

/* The kind as a stable code ("case", "moment", "event", "recognition") and in words. */
const char *sd_timeline_kind_name(enum sd_timeline_kind k);
const char *sd_timeline_kind_label(enum sd_timeline_kind k);

/*
 * A page of enterprise ref's timeline (id or number), newest first, with
 * the entries the caller may see; an enterprise the caller may not see is
 * "not found".  For the next page pass the previous page's `next` as from
 * (NULL or an empty cursor: the first page).  A page reads the entries it
 * shows (and those it skips as not the caller's), never the whole index.
 */
struct sd_timeline_page {
	struct sd_timeline_item	*items;
	size_t			 n;
	bool			 more;
	struct sd_ent_cursor	 next;
};
sd_status sd_enterprise_timeline(struct sd_desk *d, const char *ref,
    const struct sd_ent_cursor *from, size_t limit, struct sd_timeline_page *out,
    struct sd_error *err);
void	sd_timeline_page_free(struct sd_timeline_page *p);

/*
 * Reach: a page of the enterprises whose last contact (a case, a moment
 * that took place, an attended event) is before day since, or who were
 * never contacted: those first, then the oldest contact first.  Paging as
 * above.  An officer sees the enterprises of his cases.
 */
struct sd_ent_contact {
	struct sd_enterprise	 e;
	sd_day			 last;	/* SD_NO_DAY: never */
};
struct sd_ent_contact_list {
	struct sd_ent_contact	*items;
	size_t			 n;
	bool			 more;
	struct sd_ent_cursor	 next;
};
sd_status sd_enterprise_not_contacted(struct sd_desk *d, sd_day since,
    const struct sd_ent_cursor *from, size_t limit, struct sd_ent_contact_list *out,
    struct sd_error *err);
void	sd_ent_contact_list_free(struct sd_ent_contact_list *l);

#endif
