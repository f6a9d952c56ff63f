#!/bin/sh
# Writes src/core/nace_table.c from share/nace/nace-bel.csv:
#   sh share/nace/nace-table.sh > src/core/nace_table.c
# (tests/unit/test_profile.c checks that the two agree).
set -eu
csv=${1:-share/nace/nace-bel.csv}
cat <<'HEAD'
/*
 * The NACE-BEL 2008 sections and divisions, compiled in from
 * share/nace/nace-bel.csv (see share/nace/README.md for the sources) by
 * share/nace/nace-table.sh: do not edit by hand.
 */
#include <stddef.h>

#include "sedesk/profile.h"

static const struct sd_nace_row rows[] = {
HEAD
python3 - "$csv" <<'PY'
import csv, sys
def c(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        print("\t{ %s, '%s', %s, %s }," % (c(r['code']), r['section'], c(r['description_nl']), c(r['description_en'])))
PY
cat <<'TAIL'
};

size_t
sd_nace_rows(const struct sd_nace_row **out)
{
	*out = rows;
	return sizeof rows / sizeof rows[0];
}
TAIL
