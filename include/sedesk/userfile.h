/*
 * The boundary of a shared (setgid) install, in one place.
 *
 * sedesk may run with the group that owns the database.  What the user
 * names (a text file, an import, a backup, the editor's result) is opened
 * with the user's own rights, and every program sedesk starts (the
 * editor, later a pager or sendmail) starts with nothing of the program:
 * no descriptor above 2, not the group, the caller's own umask.
 */
#ifndef SEDESK_USERFILE_H
#define SEDESK_USERFILE_H

#include <stdio.h>
#include <sys/types.h>

#include "sedesk/status.h"

/*
 * Main calls this first: it remembers the caller's umask and, when
 * privileged, sets the program's own (007), so files the program makes
 * (the database, its lock) stay usable by every member of the group.
 */
void	sd_umask_init(void);
mode_t	sd_caller_umask(void);

/*
 * In a forked child, just before exec: closes every descriptor above 2,
 * restores the caller's umask and gives the group up for good (real,
 * effective and saved).  Returns 0, or -1 when the group cannot be
 * dropped; the child must then _exit without running anything.
 */
int	sd_child_prepare(void);

/*
 * open(2) with the user's real group id in force, so that a setgid
 * sedesk reads and writes only what its user could.  Always adds
 * O_CLOEXEC; a file it creates gets the caller's umask (as well as the
 * program's).  Returns the descriptor, or -1 with errno set.
 */
int	sd_user_open(const char *path, int flags, mode_t mode);

/* mkstemp(3) with the user's real group id in force (group of the new file included). */
int	sd_user_mkstemp(char *template);

/*
 * openat(2), renameat(2) within one directory and unlinkat(2) with the
 * user's real group id in force: a file the program writes for the user
 * (a backup) is made, renamed and removed only where the user could.
 */
int	sd_user_openat(int dirfd, const char *name, int flags, mode_t mode);
int	sd_user_renameat(int dirfd, const char *from, const char *to);
int	sd_user_unlinkat(int dirfd, const char *name);

/*
 * Opens a file the user named for reading, with the user's rights ("-" is
 * standard input): *out is a stream the caller closes unless it is stdin.
 * Only a regular file or a pipe; a FIFO without a writer does not block.
 * Fails with SD_INVALID and a message naming the path (never its content).
 */
sd_status sd_user_fopen(const char *path, FILE **out, struct sd_error *err);

/*
 * Reads the whole file a user named ("-" is standard input) with the
 * user's rights into a malloc'd, NUL-terminated string.  Fails with
 * SD_INVALID (a message naming the path) when it cannot be read, is not a
 * regular file or a pipe, or holds a NUL byte.
 */
sd_status sd_user_read_file(const char *path, char **out, struct sd_error *err);

#endif
