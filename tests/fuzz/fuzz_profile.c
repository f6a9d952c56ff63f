/*
 * Fuzz target: the enterprise profile's parsers of typed input (issue 12)
 * — the structured fields' text (kind, recognitions, NACE codes, needs,
 * contact persons, employment figures) through sd_profile_normalise, and a
 * NACE code through sd_nace_normalise and sd_nace_parse — on the input as
 * one string, with the fuzzing desk's configuration.
 *
 * What they accept comes out in one canonical text that they accept again
 * to the same text (so an edit journals only real changes, and `check`
 * agrees with what was written); what they refuse gets a message that is
 * safe to print (it quotes the input).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/profile.h"

static const enum sd_ent_field fields[] = {
	SD_EF_KIND, SD_EF_RECOGNITIONS, SD_EF_NACE, SD_EF_NEEDS, SD_EF_PERSONS, SD_EF_EMPLOYMENT,
};

static void
field(const struct sd_config *cfg, enum sd_ent_field f, const char *s)
{
	struct sd_error err = { 0 };
	char *out = NULL, *again = NULL;

	if (sd_profile_normalise(cfg, f, s, &out, &err) != SD_OK) {
		FZ_ASSERT(out == NULL);
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
		return;
	}
	/* The canonical text is a fixed point. */
	err = (struct sd_error){ 0 };
	FZ_ASSERT(sd_profile_normalise(cfg, f, out ? out : "", &again, &err) == SD_OK);
	FZ_ASSERT((out == NULL) == (again == NULL));
	FZ_ASSERT(out == NULL || strcmp(out, again) == 0);
	free(out);
	free(again);
}

static void
nace(const char *s)
{
	char out[SD_NACE_CODE_MAX], again[SD_NACE_CODE_MAX];
	struct sd_error err = { 0 };
	struct sd_nace n;

	memset(out, 0x5a, sizeof out);
	if (sd_nace_normalise(s, out, &err) == SD_OK) {
		FZ_ASSERT(memchr(out, '\0', sizeof out) != NULL);
		FZ_ASSERT(sd_nace_normalise(out, again, NULL) == SD_OK);
		FZ_ASSERT(strcmp(out, again) == 0);
	} else {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
	}
	err = (struct sd_error){ 0 };
	memset(&n, 0, sizeof n);
	if (sd_nace_parse(s, &n, &err) != SD_OK) {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct sd_config *cfg = &fz_desk()->cfg;
	char *s = fz_strndup(data, size);

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		field(cfg, fields[i], s);
	nace(s);
	free(s);
	return 0;
}
