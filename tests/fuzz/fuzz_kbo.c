/*
 * Fuzz target: the KBO extract's reader (src/core/kbo_csv.c) and code
 * table (kbo_codes.c).  The first byte of the input picks the file (and
 * whether it is a *_delete.csv), the rest is the file through fmemopen.
 *
 * Besides not crashing: every row has the file's number of fields, all
 * UTF-8, with lines in file order; a refused header or row says why
 * with its line; the code table's lookups return what was read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/kbo.h"
#include "sedesk/text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_kbo_reader *r;
	struct sd_kbo_row row;
	struct sd_error err = { 0 };
	enum sd_kbo_file kind;
	const char *const *cols;
	bool deletes;
	long last = 0;
	char *buf;
	FILE *f;
	sd_status s;

	if (size < 1)
		return 0;
	kind = (enum sd_kbo_file)(data[0] % SD_KBO_NFILES);
	deletes = (data[0] / SD_KBO_NFILES) % 2 == 1 && kind != SD_KBO_CODE;
	data++;
	size--;
	buf = sd_xmalloc(size > 0 ? size : 1);
	if (size > 0)
		memcpy(buf, data, size);
	if ((f = fmemopen(buf, size, "r")) == NULL) {
		free(buf);
		return 0;
	}
	s = sd_kbo_open(f, "fuzz.csv", kind, deletes, &r, &err);
	if (s != SD_OK) {
		FZ_ASSERT(s == SD_INVALID && r == NULL);
		FZ_MESSAGE(err.msg);
		goto out;
	}
	if (kind == SD_KBO_CODE) {
		struct sd_kbo_codes *c;
		size_t bad;
		FZ_ASSERT(sd_kbo_codes_read(r, &c, &bad, &err) == SD_OK);
		/* Any lookup answers a description or none. */
		const char *d = sd_kbo_code(c, "JuridicalForm", "124", "NL");
		FZ_ASSERT(d == NULL || *d != '\0');
		sd_kbo_codes_free(c);
		sd_kbo_close(r);
		goto out;
	}
	while ((s = sd_kbo_next(r, &row, &err)) != SD_NOTFOUND) {
		if (s != SD_OK) {
			FZ_ASSERT(s == SD_INVALID);
			FZ_ASSERT(strncmp(err.msg, "fuzz.csv:", 9) == 0);
			FZ_MESSAGE(err.msg);
			continue;
		}
		FZ_ASSERT(row.line > last);
		last = row.line;
		FZ_ASSERT(row.n == (deletes ? 1 : sd_kbo_columns(kind, &cols)));
		for (size_t i = 0; i < row.n; i++) {
			uint64_t n;
			sd_day day;
			char num[16];
			FZ_ASSERT(sd_utf8_valid(row.f[i], strlen(row.f[i])));
			if (sd_kbo_number(row.f[i], &n)) {
				uint64_t back;
				sd_kbo_number_format(n, n >= 2000000000ULL, num);
				FZ_ASSERT(sd_kbo_number(num, &back) && back == n);
			}
			(void)sd_kbo_date(row.f[i], &day);
		}
	}
	sd_kbo_close(r);
out:
	fclose(f);
	free(buf);
	return 0;
}
