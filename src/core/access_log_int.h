/*
 * Shared by the access log's files (access_log.c writes, access_log_read.c
 * reads, access_log_fail.c counts failures): the layout on disk.
 */
#ifndef SEDESK_ACCESS_LOG_INT_H
#define SEDESK_ACCESS_LOG_INT_H

#include <stdbool.h>

#include "sedesk/date.h"
#include "sedesk/desk.h"

#define ACCESS_DIR	"access"		/* in the database's folder */
#define ACCESS_SUFFIX	".log"			/* YYYY-MM-DD.log */
#define ACCESS_NAME_MAX	32
#define ACCESS_FAILURES	"access-failures"	/* in the database's folder */

/* The folder's descriptor (made when create and missing), or -1 with errno. */
int	access_dir_open(const struct sd_desk *d, bool create);
void	access_day_name(sd_day day, char out[ACCESS_NAME_MAX]);
sd_day	access_name_day(const char *name);

/* Counts one failure to write (errno e); never fails itself. */
void	access_fail_count(struct sd_desk *d, int e);
/* Makes the counter's file, full size, while the disk still takes it. */
void	access_fail_prepare(struct sd_desk *d);

#endif
