/*
 * The writer lock: sedesk's own lock in front of LMDB's writer mutex.
 *
 * LMDB lets one writer in at a time and makes the others wait on a mutex
 * with no timeout, so a writer that is stopped (kill -STOP, a suspended
 * terminal) would stop every other user's changes without a word.  Every
 * write transaction therefore first takes this lock: an fcntl(2) write
 * lock on the file "writer.lock" in the database directory, polled until
 * a deadline.  The holder writes who it is into the file, so a writer that
 * gives up names it.  The lock belongs to the process: the kernel frees it
 * when the holder dies, however it dies.  Readers never take it.
 */
#ifndef SEDESK_WRITELOCK_H
#define SEDESK_WRITELOCK_H

#include <stdbool.h>

#include "sedesk/status.h"

/* Seconds a writer waits for the lock unless [database] lock_timeout says otherwise. */
#define SD_DEFAULT_LOCK_TIMEOUT 10

struct sd_writelock {
	int	 fd;		/* -1 until first taken */
	bool	 held;
	char	*path;
};

/* Sets up an unused lock for the database directory dir (nothing is opened yet). */
void	sd_writelock_init(struct sd_writelock *l, const char *dir);

/*
 * Takes the lock, waiting at most timeout_ms milliseconds (0: only try
 * once).  who is the login written into the lock for others to read.
 * When another process keeps it, fails with SD_BUSY and a message naming
 * the holder's login, process id and since when, and saying that nothing
 * was changed.
 */
sd_status sd_writelock_take(struct sd_writelock *l, unsigned timeout_ms, const char *who,
    struct sd_error *err);

/* Lets the lock go (a no-op when not held). */
void	sd_writelock_release(struct sd_writelock *l);

/*
 * For a job that takes the lock again and again, between two of its
 * transactions: while another process waits for the lock, pauses (at
 * most max_ms) so that it gets its turn first.
 */
void	sd_writelock_yield(struct sd_writelock *l, unsigned max_ms);

/* Releases the lock and closes its file. */
void	sd_writelock_close(struct sd_writelock *l);

#endif
