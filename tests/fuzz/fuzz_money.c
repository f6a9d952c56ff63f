/*
 * Fuzz target: the amount parser (sd_money_parse) on the input as one
 * string.
 *
 * What it accepts is an amount from 0 to SD_MONEY_MAX cents whose plain
 * and formatted forms (both languages) read back to the same cents; what
 * it refuses leaves 0 and gets a message that is safe to print (it quotes
 * the input).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/money.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size), out[SD_MONEY_STR];
	struct sd_error err = { 0 };
	int64_t cents = -1, back = -1;

	if (sd_money_parse(s, "--value", &cents, &err) != SD_OK) {
		FZ_ASSERT(err.code == SD_INVALID && err.msg[0] != '\0');
		FZ_ASSERT(cents == 0);
		FZ_MESSAGE(err.msg);
		free(s);
		return 0;
	}
	FZ_ASSERT(cents >= 0 && cents <= SD_MONEY_MAX);
	sd_money_plain(cents, out);
	FZ_ASSERT(sd_money_parse(out, "x", &back, NULL) == SD_OK && back == cents);
	sd_money_format_lang(cents, "nl", out);
	FZ_ASSERT(sd_money_parse(out, "x", &back, NULL) == SD_OK && back == cents);
	sd_money_format_lang(cents, "en", out);
	FZ_ASSERT(sd_money_parse(out, "x", &back, NULL) == SD_OK && back == cents);
	FZ_ASSERT(sd_money_percent(cents, 5) <= cents);
	free(s);
	return 0;
}
