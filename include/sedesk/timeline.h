/*
 * An enterprise's timeline: its cases, contact moments, events and
 * recognitions in one dated list, newest first, each openable.
 */
#ifndef SEDESK_TIMELINE_PUBLIC_H
#define SEDESK_TIMELINE_PUBLIC_H

#include <stdbool.h>
#include <stdint.h>

enum sd_timeline_kind {
	SD_TL_CASE,
	SD_TL_MOMENT,
	SD_TL_EVENT,
	SD_TL_RECOGNITION,
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

#endif
