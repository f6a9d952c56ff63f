/*
 * Shared by the KBO import's files (kbo_*.c); not for front ends.
 */
#ifndef SEDESK_KBO_INT_H
#define SEDESK_KBO_INT_H

#include <stddef.h>

struct kbo_postcode {
	const char	*postcode, *nis, *nl, *fr;
};
/* The compiled-in list (kbo_postcodes.c, from share/kbo/be-postcodes.csv). */
size_t	kbo_postcodes(const struct kbo_postcode **out);

#endif
