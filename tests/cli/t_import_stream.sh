#!/bin/bash
# enterprise import streams: the rows are written as they are read and
# not kept, in chunks that commit as they fill; the resident anonymous
# memory (RssAnon: the heap and LMDB's dirty pages, not the mapped
# database) of an import of N and of 10×N rows is compared: it stays flat.  Not under the sanitizer, whose shadow memory and
# quarantine would hide what the program itself keeps.
. "$(dirname "$0")/common.sh"

case "$SEDESK_BIN" in
*-san) ok "# SKIP memory is not measured under the sanitizer"; finish ;;
esac

# N rows of enterprises with valid numbers (mod 97 check digits), every
# field filled so that a row kept in memory would show.
gen_csv() {	# gen_csv FIRST COUNT FILE
	awk -v first="$1" -v count="$2" 'BEGIN {
		print "name,number,legal_form,email,phone,street,postcode,city,tags,offers,notes"
		for (i = first; i < first + count; i++) {
			n8 = 2000000 + i
			c = 97 - n8 % 97
			printf "\"Onderneming %d, afdeling %d\",%08d%02d,vzw,info%d@voorbeeld.be,+32 9 %07d,Kouterstraat %d,9000,Gent,\"horeca,maatwerk,tag%d\",catering en opleiding,\"Een notitie over onderneming %d die lang genoeg is om te tellen als ze in het geheugen bleef staan.\"\n", \
			    i, i % 50, n8, c, i, i, i % 300, i % 97, i
		}
	}' >"$3"
}

# Peak RssAnon in KiB of `sedesk enterprise import FILE` as ann, sampled
# while it runs; sets RC (the import's exit status) and PEAK.
import_peak() {
	SEDESK_BULK_MEMORY=32 SEDESK_USER=ann "$SEDESK_BIN" enterprise import "$1" >"$T_DIR/.out" 2>"$T_DIR/.err" </dev/null &
	_pid=$!
	PEAK=0
	while kill -0 "$_pid" 2>/dev/null; do
		_kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$_pid/status" 2>/dev/null)
		[ -n "$_kb" ] && [ "$_kb" -gt "$PEAK" ] && PEAK=$_kb
		sleep 0.005
	done
	wait "$_pid"
	RC=$?
	OUT=$(cat "$T_DIR/.out")
	ERR=$(cat "$T_DIR/.err")
}

N=${T_IMPORT_ROWS:-5000}
init_db
gen_csv 1 "$N" "$T_DIR/small.csv"
gen_csv $((N + 1)) $((N * 10)) "$T_DIR/large.csv"

import_peak "$T_DIR/small.csv"
rc_is "import of $N rows exits 0" 0
is "import of $N rows prints the counts" "$OUT" "imported $N, rejected 0"
small=$PEAK
import_peak "$T_DIR/large.csv"
rc_is "import of $((N * 10)) rows exits 0" 0
is "import of $((N * 10)) rows prints the counts" "$OUT" "imported $((N * 10)), rejected 0"
large=$PEAK
echo "# RssAnon peak: $small KiB at $N rows, $large KiB at $((N * 10)) rows"

# Flat: the import commits in chunks whose rows are steered so that LMDB's
# dirty pages stay near a budget (src/core/bulk.c; 128 MiB by default, 32
# here through $SEDESK_BULK_MEMORY, so that two small files show it),
# and LMDB keeps only a chunk's dirty pages in the process.  The 45,000
# more rows of the large file may cost at most the budget (32 MiB) and one
# chunk's kept index writes (at most 16 MiB: bulk.c BATCH_MAX) more than
# the small one, whose chunks stay below the budget: under 1.1 KiB a row,
# where one write transaction for the file kept about 5 KiB a row (5,000 /
# 50,000 rows: 24 / 257 MiB) and the rows held in memory before streaming
# more (26 / 280).  Measured with chunks: about 22 / 51 MiB while the
# first chunk wrote its indexes directly (the merge's keys then landed
# between them), 11 / 51 MiB since it appends a run like the others.
if [ "$small" -gt 0 ] && [ "$large" -le $((small + 49152)) ]; then
	ok "RssAnon stays flat: $large KiB at $((N * 10)) rows, $small KiB at $N (at most 48 MiB more)"
else
	not_ok "RssAnon stays flat: at most 48 MiB more at $((N * 10)) rows than at $N" \
	    "$small KiB at $N rows, $large KiB at $((N * 10)) rows"
fi
if [ "$large" -le 65536 ]; then
	ok "RssAnon of the import of $((N * 10)) rows stays under 64 MiB ($large KiB)"
else
	not_ok "RssAnon of the import of $((N * 10)) rows stays under 64 MiB" "$large KiB"
fi

# The first and the last row are there.
number() { awk -v i="$1" 'BEGIN { n8 = 2000000 + i; printf "%08d%02d\n", n8, 97 - n8 % 97 }'; }
run dina enterprise show "$(number 1)" --json
jq_is "the first row of the small import is in the register" .name "Onderneming 1, afdeling 1"
run dina enterprise show "$(number $((N * 11)))" --json
jq_is "the last row of the large import is in the register" .name \
    "Onderneming $((N * 11)), afdeling $((N * 11 % 50))"

# A new import reads the whole file first: a quote left open after 350
# good rows changes nothing, although the rows before it would fill chunks.
gen_csv $((N * 20)) 350 "$T_DIR/broken.csv"
printf '"Onafgesloten,Gent\n' >>"$T_DIR/broken.csv"
rejects 2 "import with an unterminated quote after 350 good rows" ann enterprise import \
    "$T_DIR/broken.csv"
like "the unterminated quote is reported with the file's name" "$ERR" 'broken\.csv:352: '

# The same from a pipe (which cannot be read twice).
_before=$(db_fingerprint)
cat "$T_DIR/broken.csv" | SEDESK_USER=ann "$SEDESK_BIN" enterprise import - >/dev/null 2>"$T_DIR/.err"
rc=${PIPESTATUS[1]}
is "import from a pipe with an unterminated quote exits 2" "$rc" 2
is "import from a pipe with an unterminated quote: database unchanged" "$(db_fingerprint)" "$_before"
gen_csv $((N * 40)) 350 "$T_DIR/piped.csv"
cat "$T_DIR/piped.csv" | SEDESK_USER=ann "$SEDESK_BIN" enterprise import - >"$T_DIR/.out" 2>&1
is "import of 350 rows from a pipe" "$(cat "$T_DIR/.out")" "imported 350, rejected 0"

# --strict: a bad row after 350 good rows and nothing is imported.
gen_csv $((N * 30)) 350 "$T_DIR/strict.csv"
printf 'Slecht,12345\n' >>"$T_DIR/strict.csv"
rejects 2 "import --strict with a bad row after 350 good rows" ann enterprise import --strict \
    "$T_DIR/strict.csv"
like "import --strict reports the bad row's line" "$ERR" 'strict\.csv:352: '

finish
