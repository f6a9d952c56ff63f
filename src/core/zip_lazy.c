/*
 * Loading libzip on first use (see zip_lazy.h).  By its soname only: a
 * setgid process's loader looks in the system's library folders alone
 * (LD_LIBRARY_PATH and the like are ignored under AT_SECURE), as it did
 * when the library was linked.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#define SD_ZIP_LAZY_IMPL
#include "zip_lazy.h"
#include "sedesk/i18n.h"

/* The soname of the libzip the build's <zip.h> belongs to (Debian: libzip4). */
#define LIBZIP_SONAME "libzip.so.4"

struct sd_zip_api sd_zip;

sd_status
sd_zip_load(struct sd_error *err)
{
	static bool loaded;
	struct sd_zip_api api;
	void *h;

	if (loaded)
		return SD_OK;
	if ((h = dlopen(LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return sd_fail(err, SD_FAIL, _("reading a ZIP file needs the library %s, which "
		    "cannot be loaded (%s): unpack the archive and give its folder instead."),
		    LIBZIP_SONAME, dlerror());
#define SYM(field, name) \
	if ((*(void **)&api.field = dlsym(h, name)) == NULL) \
		goto missing
	SYM(fdopen, "zip_fdopen");
	SYM(error_init_with_code, "zip_error_init_with_code");
	SYM(error_strerror, "zip_error_strerror");
	SYM(error_fini, "zip_error_fini");
	SYM(name_locate, "zip_name_locate");
	SYM(fread, "zip_fread");
	SYM(fclose, "zip_fclose");
	SYM(fopen_index, "zip_fopen_index");
	SYM(strerror, "zip_strerror");
	SYM(stat_index, "zip_stat_index");
	SYM(discard, "zip_discard");
#undef SYM
	sd_zip = api;
	loaded = true;
	return SD_OK;
missing:
	dlclose(h);
	return sd_fail(err, SD_FAIL, _("reading a ZIP file needs the library %s, which "
	    "cannot be loaded (%s): unpack the archive and give its folder instead."),
	    LIBZIP_SONAME, _("a function is missing"));
}
