/*
 * Realistic Dutch/Flemish text for the benchmark's generator: enterprise
 * names, streets, people, and the questions enterprises bring, with the
 * departments each question touches.  Built from word lists with a seeded
 * random source, so a run makes the same data every time.
 */
#ifndef SEDESK_BENCH_TEXT_H
#define SEDESK_BENCH_TEXT_H

#include <stddef.h>

#include "benchlib.h"

struct tx_enterprise {
	char	name[160], number[20], legal_form[40], email[200], phone[32];
	char	street[96], postcode[8], city[64], tags[200], offers[200];
	char	contacts[400], notes[400];
};

/*
 * Enterprise i of the register (deterministic in i and seed).  kbo_base
 * offsets the enterprise numbers, so that a second register (the import
 * file) gets numbers of its own.
 */
void	tx_enterprise(struct tx_enterprise *e, size_t i, uint64_t seed, size_t kbo_base);

/* A question: its category, subject, description and departments (1–3). */
struct tx_case {
	const char	*category;
	char		 subject[200];
	char		 description[1200];
	const char	*depts[3];
	size_t		 ndepts;
};
void	tx_case(struct tx_case *c, struct bl_rng *r, const char *ent_name, const char *city);

/* Journal texts. */
void	tx_route_note(char *out, size_t n, struct bl_rng *r, const char *dept);
void	tx_answer(char *out, size_t n, struct bl_rng *r, const char *dept, const char *ent_name);
void	tx_decline(char *out, size_t n, struct bl_rng *r, const char *dept);
void	tx_note(char *out, size_t n, struct bl_rng *r, const char *ent_name);
void	tx_resolution(char *out, size_t n, struct bl_rng *r);

/* The 10-digit KBO number with valid check digits for a 7-digit serial. */
void	tx_kbo(char out[13], unsigned long serial);

#endif
