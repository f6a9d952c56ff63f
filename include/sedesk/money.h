/*
 * Money: amounts in euro cents (int64_t), never floating point.
 *
 * People type amounts as they write them: "12.500,50" (Dutch), "12,500.50"
 * or "12500.50" (English), "€ 12 500" (with the sign and spaces that group
 * thousands).  sd_money_parse reads every such form into cents; the one
 * rule for a lone separator is that one followed by exactly three digits
 * groups thousands ("12.500" is twelve thousand five hundred in both
 * languages) and one followed by one or two digits is the decimal one.
 *
 * Shown in the user's language: "€ 12.500,50" in Dutch, "€12,500.50" in
 * English; plainly ("12500.50") in the journal, CSV and JSON.
 */
#ifndef SEDESK_MONEY_H
#define SEDESK_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* The largest amount: € 999.999.999.999,99 (cents below 10^14). */
#define SD_MONEY_MAX	INT64_C(99999999999999)
/* Room for any formatted amount and its NUL. */
#define SD_MONEY_STR	32

/*
 * Reads an amount; SD_INVALID with a message quoting the input and saying
 * what is wrong (negative, not a number, more than two decimals, too
 * large, misplaced separators).  what names it in the message ("--value").
 */
sd_status sd_money_parse(const char *in, const char *what, int64_t *cents,
    struct sd_error *err);

/* "€ 12.500,50" / "€12,500.50" (by the user's language; whole euros keep ",00"). */
void	sd_money_format(int64_t cents, char out[SD_MONEY_STR]);
/* The same in the given language ("nl" or "en"). */
void	sd_money_format_lang(int64_t cents, const char *lang, char out[SD_MONEY_STR]);
/* "12500.50": the plain form the journal and exports write (parses back). */
void	sd_money_plain(int64_t cents, char out[SD_MONEY_STR]);
/* pct percent of cents, rounded half up to the cent (pct 0..100). */
int64_t	sd_money_percent(int64_t cents, unsigned pct);

#endif
