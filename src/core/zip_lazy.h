/*
 * libzip, loaded when a ZIP file is first read rather than linked: it
 * brings libcrypto, libbz2 and libz, whose loading and relocation cost
 * every sedesk process about 1.5 ms at start (sedesk --version 4.4 → 1.7 ms
 * of CPU), while only `enterprise import-kbo` of a ZIP file uses it.
 * Include after <zip.h>: the calls below go through the loaded table.
 */
#ifndef SD_ZIP_LAZY_H
#define SD_ZIP_LAZY_H

#include <zip.h>

#include "sedesk/status.h"

struct sd_zip_api {
	__typeof__(zip_fdopen)			*fdopen;
	__typeof__(zip_error_init_with_code)	*error_init_with_code;
	__typeof__(zip_error_strerror)		*error_strerror;
	__typeof__(zip_error_fini)		*error_fini;
	__typeof__(zip_name_locate)		*name_locate;
	__typeof__(zip_fread)			*fread;
	__typeof__(zip_fclose)			*fclose;
	__typeof__(zip_fopen_index)		*fopen_index;
	__typeof__(zip_strerror)		*strerror;
	__typeof__(zip_stat_index)		*stat_index;
	__typeof__(zip_discard)			*discard;
};

/* Loads libzip once; SD_FAIL with a message saying what to do when it is missing. */
sd_status sd_zip_load(struct sd_error *err);
extern struct sd_zip_api sd_zip;

#ifndef SD_ZIP_LAZY_IMPL
#define zip_fdopen		(*sd_zip.fdopen)
#define zip_error_init_with_code (*sd_zip.error_init_with_code)
#define zip_error_strerror	(*sd_zip.error_strerror)
#define zip_error_fini		(*sd_zip.error_fini)
#define zip_name_locate		(*sd_zip.name_locate)
#define zip_fread		(*sd_zip.fread)
#define zip_fclose		(*sd_zip.fclose)
#define zip_fopen_index		(*sd_zip.fopen_index)
#define zip_strerror		(*sd_zip.strerror)
#define zip_stat_index		(*sd_zip.stat_index)
#define zip_discard		(*sd_zip.discard)
#endif

#endif
