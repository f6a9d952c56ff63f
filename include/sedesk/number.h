/*
 * Enterprise numbers: Belgian KBO/BCE and Dutch KvK.
 *
 * KBO: 10 digits, first digit 0 or 1, written 0xxx.xxx.xxx; old 9-digit
 * numbers get a leading 0.  Check: 97 - (first 8 digits mod 97) equals the
 * last 2 digits.  KvK: 8 digits, no check digit.  Input may contain dots,
 * spaces, dashes, slashes and a "BE"/"NL" prefix.
 */
#ifndef SEDESK_NUMBER_H
#define SEDESK_NUMBER_H

#include "status.h"

enum sd_number_kind {
	SD_NUMBER_NONE = 0,
	SD_NUMBER_KBO,
	SD_NUMBER_KVK,
};

/* Large enough for every normalised form ("0403.170.701" + NUL). */
#define SD_NUMBER_MAX 16

/*
 * Validates and normalises in.  On success writes the canonical form to out
 * (KBO "0403.170.701", KvK "12345678") and returns the kind; otherwise
 * returns SD_NUMBER_NONE and, when err is given, fills it with SD_INVALID
 * and a message saying what is wrong (wrong length, check digits, letters).
 */
enum sd_number_kind sd_number_normalise(const char *in, char out[SD_NUMBER_MAX],
    struct sd_error *err);

/* True when the 10 digits pass the KBO mod-97 check. */
int	sd_kbo_check(const char digits[10]);

#endif
