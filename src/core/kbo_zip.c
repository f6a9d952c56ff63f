/*
 * The KBO extract as it is published: one ZIP file (libzip).  Each CSV is
 * read from the archive as a stream (inflated as it is read, never whole),
 * as often as the import needs; the archive is opened with the caller's
 * own rights, as a folder's files are.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "kbo_int.h"
#include "zip_lazy.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

struct kbo_zip {
	zip_t	*z;
	char	*path;
};

sd_status
kbo_zip_open(const char *path, struct kbo_zip **out, struct sd_error *err)
{
	int fd = sd_user_open(path, O_RDONLY, 0), zerr = 0;
	zip_t *z;

	*out = NULL;
	if (sd_zip_load(err) != SD_OK) {
		if (fd >= 0)
			close(fd);
		return SD_FAIL;
	}
	if (fd < 0)
		return sd_fail(err, SD_INVALID, _("%s: cannot be read."), path);
	if ((z = zip_fdopen(fd, ZIP_RDONLY, &zerr)) == NULL) {
		zip_error_t ze;
		close(fd);
		zip_error_init_with_code(&ze, zerr);
		sd_fail(err, SD_INVALID, _("%s: not a ZIP file a KBO extract comes in (%s)."),
		    path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return SD_INVALID;
	}
	*out = sd_xmalloc(sizeof **out);
	(*out)->z = z;
	(*out)->path = sd_xstrdup(path);
	return SD_OK;
}

/* The entry of that name in any folder of the archive, or -1. */
static zip_int64_t
locate(struct kbo_zip *z, const char *name)
{
	return zip_name_locate(z->z, name, ZIP_FL_NODIR);
}

bool
kbo_zip_has(struct kbo_zip *z, const char *name)
{
	return locate(z, name) >= 0;
}

static ssize_t
zread(void *cookie, char *buf, size_t n)
{
	zip_int64_t r = zip_fread(cookie, buf, n);

	return r < 0 ? -1 : (ssize_t)r;
}

static int
zclose(void *cookie)
{
	return zip_fclose(cookie) == 0 ? 0 : EOF;
}

sd_status
kbo_zip_fopen(struct kbo_zip *z, const char *name, FILE **f, uint64_t *size,
    struct sd_error *err)
{
	zip_int64_t i = locate(z, name);
	cookie_io_functions_t io = { zread, NULL, NULL, zclose };
	zip_stat_t st;
	zip_file_t *zf;

	*f = NULL;
	*size = 0;
	if (i < 0 || (zf = zip_fopen_index(z->z, (zip_uint64_t)i, 0)) == NULL)
		return sd_fail(err, SD_INVALID, _("%s: %s cannot be read from the archive (%s)."),
		    z->path, name, zip_strerror(z->z));
	if (zip_stat_index(z->z, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
		*size = st.size;
	if ((*f = fopencookie(zf, "r", io)) == NULL) {
		zip_fclose(zf);
		return sd_fail(err, SD_FAIL, _("%s: %s cannot be read from the archive."),
		    z->path, name);
	}
	return SD_OK;
}

void
kbo_zip_close(struct kbo_zip *z)
{
	if (z == NULL)
		return;
	zip_discard(z->z);
	free(z->path);
	free(z);
}
