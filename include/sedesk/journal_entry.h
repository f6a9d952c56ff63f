/*
 * One journal entry as the front ends read it (a case's history, the
 * enterprise's field changes).  Reading and writing the journal is the
 * core's (src/core/journal.h).
 */
#ifndef SEDESK_JOURNAL_ENTRY_H
#define SEDESK_JOURNAL_ENTRY_H

#include <stddef.h>
#include <stdint.h>

enum sd_subject_kind {
	SD_SUBJECT_CASE = 'C',		/* key: casekey(6) */
	SD_SUBJECT_ENTERPRISE = 'E',	/* key: uuid(16) */
	SD_SUBJECT_EVENT = 'V',		/* key: uuid(16) */
	SD_SUBJECT_MOMENT = 'M',	/* key: uuid(16), a contact moment */
	SD_SUBJECT_OPPORTUNITY = 'O',	/* key: uuid(16), an opportunity */
};

struct sd_journal_entry {
	uint64_t	 seq;
	int64_t		 at;
	char		*actor;
	char		*kind;		/* "created", "routed", "note", "field", … */
	char		*text;
	char		*field, *old_value, *new_value;	/* field changes */
	char		*dept;		/* route events */
	uint8_t		 subject_kind;
	uint8_t		 subject[16];
	size_t		 subject_len;
};

void	sd_journal_entry_free(struct sd_journal_entry *e);
void	sd_journal_entries_free(struct sd_journal_entry *e, size_t n);

#endif
