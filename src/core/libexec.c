/* The folder of sedesk's helper programs, fixed at build time. */
#include <stdio.h>
#include <unistd.h>

#include "sedesk/i18n.h"
#include "sedesk/libexec.h"

#ifndef LIBEXECDIR
#define LIBEXECDIR "/usr/local/lib/sedesk"
#endif

const char *
sd_libexec_dir(void)
{
	return LIBEXECDIR;
}

sd_status
sd_libexec_path(const char *program, char *buf, size_t size,
    struct sd_error *err)
{
	int n = snprintf(buf, size, "%s/%s", LIBEXECDIR, program);

	if (n < 0 || (size_t)n >= size)
		return sd_fail(err, SD_FAIL, _("The path of sedesk's helper "
		    "program %s is too long."), program);
	if (access(buf, X_OK) != 0)
		return sd_fail(err, SD_FAIL, _("sedesk's helper program %s is "
		    "missing or cannot be run; the installation is "
		    "incomplete: run make install again."), buf);
	return SD_OK;
}
