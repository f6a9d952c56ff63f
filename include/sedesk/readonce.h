/*
 * How a process reads the database's big tables.
 */
#ifndef SEDESK_READONCE_H
#define SEDESK_READONCE_H

/*
 * Said by a command that reads once and exits (`sedesk inbox`, `case
 * list`): its point reads and short walks of big tables go by pread(2),
 * which costs a fresh process a fifth of touching each page through
 * LMDB's map (src/core/page_read.c).  A long-lived process (the
 * interface, the bench) does not say it: the pages it touched stay mapped
 * for it, and the map is then the faster.
 */
void	sd_read_once(void);

#endif
