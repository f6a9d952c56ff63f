#!/bin/sh
# Writes src/core/kbo_postcodes.c from share/kbo/be-postcodes.csv:
#   sh share/kbo/postcodes-table.sh > src/core/kbo_postcodes.c
set -eu
csv=${1:-share/kbo/be-postcodes.csv}
cat <<'HEAD'
/*
 * The Belgian postcodes and their municipalities, compiled in from
 * share/kbo/be-postcodes.csv (see share/kbo/README.md for the source) by
 * share/kbo/postcodes-table.sh: do not edit by hand.
 */
#include <stddef.h>

#include "kbo_int.h"

static const struct kbo_postcode rows[] = {
HEAD
python3 - "$csv" <<'PY'
import csv, sys
def c(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        print("\t{ %s, %s, %s, %s }," % (c(r['postal_code']), c(r['mun_nis']), c(r['mun_nl']), c(r['mun_fr'])))
PY
cat <<'TAIL'
};

size_t
kbo_postcodes(const struct kbo_postcode **out)
{
	*out = rows;
	return sizeof rows / sizeof rows[0];
}
TAIL
