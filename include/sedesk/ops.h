/*
 * Operations on the database as a whole: a consistent backup taken while
 * others work, and restoring one when nobody uses the database.
 */
#ifndef SEDESK_OPS_H
#define SEDESK_OPS_H

#include "desk.h"

/*
 * Writes a compacted copy of the database to file (through a temporary
 * name, then renamed), consistent at one transaction, while other
 * processes keep reading and writing.  Admin only.
 */
sd_status sd_backup(struct sd_desk *d, const char *file, struct sd_error *err);

/*
 * Replaces the database in d's folder with the backup in file: refused
 * while any process has the database open; the backup is opened and its
 * schema checked first.  Admin only.  d needs no store (opened with
 * no_store: nothing may have the database open).
 */
sd_status sd_restore(const struct sd_desk *d, const char *file, struct sd_error *err);

/*
 * Verifies the database: every record decodes; every index agrees with the
 * records both ways (rebuilt from the records in a scratch transaction
 * and compared entry by entry); journal entries are attributed; each
 * year's case numbers run 1…N with the sequence at N; the search index
 * covers every document.  Each problem goes to problem(); *problems
 * counts them.  With repair, the rebuilt indexes are kept, in one
 * transaction (admin only); without it nothing is written.
 */
typedef void (*sd_problem_fn)(void *arg, const char *what);
sd_status sd_check(struct sd_desk *d, bool repair, sd_problem_fn problem, void *arg,
    size_t *problems, struct sd_error *err);

/*
 * Reads every page of an LMDB file in a child process; SD_FAIL with
 * "damaged" when that fails or crashes.  single_file: a backup file rather
 * than a database directory.
 */
sd_status sd_verify_file(const char *path, bool single_file, struct sd_error *err);

#endif
