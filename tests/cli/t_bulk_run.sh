#!/bin/bash
# The runs of a long import (src/core/bulk_run.c): from the second chunk on
# an import's index writes wait in runs and are merged when it ends.
#   - an import killed (kill -9) during its merge: `check` says in words
#     that index writes are pending and counts no problem; the rerun
#     finishes the merge: every row once, found by search, `check` clean;
#   - the same with `check --repair` finishing the merge instead;
#   - killed at random times during its chunks, then rerun: the same;
#   - an officer's edit while the runs are pending is not undone by the merge;
#   - killed twice in the merge: the merge keeps its position (bulk_run.c), so
#     the second goes on where the first stopped and `check` counts what is
#     left, fewer each time; the runs are blocks of operations (far fewer
#     entries than operations, none on an overflow page: mdb_stat).
# While runs are pending the lists by tag or name do not show the new rows
# either (those indexes wait in the runs too), so rows are counted after.
# The merge is slowed for the kill: SEDESK_CHUNK_ROWS=20 keys a merge chunk,
# SEDESK_CHUNK_PAUSE_MS=40 between two (chunk.h); SEDESK_CHUNK_TRACE=1 says
# "chunk: writer held" on stderr after each merge chunk.
. "$(dirname "$0")/common.sh"

ROWS=900	# under search's limit of 1,000 hits: every row can be counted

# Each file's enterprises have numbers of their own (BASE + row, mod 97 check
# digits): an enterprise of the import is found by its number while its
# name and tag are still in the runs (the index by number is written at once).
NUMBASE=3000000
make_csv() {	# make_csv TAG FILE
	NUMBASE=$((NUMBASE + 10000))
	awk -v t="$1" -v n="$ROWS" -v base="$NUMBASE" 'BEGIN {
		print "name,city,tags,offers,number"
		for (i = 1; i <= n; i++) {
			n8 = base + i
			printf "Runbedrijf %s nr%d,Gent,%s,catering;schoonmaak,%08d%02d\n", t, i, t,
			    n8, 97 - n8 % 97
		}
	}' >"$2"
}
# The number of row ROW of the last file made.
number_of() { n8=$((NUMBASE + $1)); printf '%08d%02d' "$n8" $((97 - n8 % 97)); }

# The rows of TAG there, by the register (tag list): "1..ROWS" when each is there once.
rows_there() {	# rows_there TAG
	SEDESK_USER=root timeout 60 "$SEDESK_BIN" enterprise list --tag "$1" --limit 1000000 --json \
	    </dev/null 2>/dev/null | jq -r '.[].name' | sed 's/.* nr//' | sort -n |
	    awk -v n="$ROWS" '{ c[$1]++; if (c[$1] > 1) dup++ } END {
		for (i = 1; i <= n; i++) if (!(i in c)) miss++
		if (dup || miss || NR != n) printf "%d rows, %d doubled, %d missing\n", NR, dup, miss
		else printf "1..%d\n", n }'
}
# Hits of a search for WORD (enterprises).
hits() {	# hits WORD
	SEDESK_USER=root timeout 60 "$SEDESK_BIN" search "$1" --limit 1000 --json </dev/null \
	    2>/dev/null | jq -r '[.[] | select(.kind == "enterprise")] | length'
}

# Starts the import of FILE as ann in the background, slowed merge; PID in IMP.
start_import() {	# start_import FILE TAG
	SEDESK_USER=ann SEDESK_CHUNK_ROWS=20 SEDESK_CHUNK_PAUSE_MS=40 SEDESK_CHUNK_TRACE=1 \
	    setsid "$SEDESK_BIN" enterprise import "$1" </dev/null >"$T_DIR/$2.out" \
	    2>"$T_DIR/$2.err" &
	IMP=$!
}
merging() { grep -q "chunk: writer held" "$T_DIR/$1.err"; }

init_db
run ann search --json nothing
if ! jq -e 'type == "array"' <<<"$OUT" >/dev/null 2>&1; then
	not_ok "set-up: search --json gives an array" "$OUT $ERR"
	finish
fi

# --- 1. killed during the merge, finished by the rerun ------------------------------------
make_csv ra "$T_DIR/ra.csv"
start_import "$T_DIR/ra.csv" ra
wait_for 60 merging ra
kill -9 -- "-$IMP" 2>/dev/null
wait "$IMP" 2>/dev/null
like "killed during its merge (it had begun merging)" "$(grep -c 'writer held' "$T_DIR/ra.err")" '^[1-9]'
HITS=$(hits ra)
like "search does not find them all while index writes are pending ($HITS)" "$HITS" '^[0-9]+$'
[ "$HITS" -lt "$ROWS" ] && ok "pending: $HITS of $ROWS found" || not_ok "pending: fewer than $ROWS found" "$HITS"
run root check
rc_is "check while runs are pending: exit 0 (pending writes are no problem)" 0
like "check says in words that index writes are pending" "$OUT" \
    'index writes of an unfinished import are pending; run the import again, or `sedesk check --repair`'
like "check finds no problem" "$OUT" 'no problems found'
run ann enterprise import "$T_DIR/ra.csv"
rc_is "the rerun exits 0" 0
is "the rerun reports the whole file" "$OUT" "imported $ROWS, rejected 0"
is "after the rerun: every row once" "$(rows_there ra)" "1..$ROWS"
is "after the rerun: search finds every row" "$(hits ra)" "$ROWS"
is "after the rerun: search finds a row's own word" "$(hits nr417)" "1"
run root check
is "after the rerun: check is clean, nothing pending" "$OUT" "no problems found."
run ann enterprise import "$T_DIR/ra.csv"
like "a third run: already imported, nothing changed" "$OUT$ERR" 'imported whole.*nothing was changed'

# --- 2. killed during the merge, an officer's edit meanwhile, check --repair finishes -----
make_csv rb "$T_DIR/rb.csv"
start_import "$T_DIR/rb.csv" rb
wait_for 60 merging rb
kill -9 -- "-$IMP" 2>/dev/null
wait "$IMP" 2>/dev/null
run ann enterprise edit "$(number_of 5)" --name "Zeepziederij Kwartel"
rc_is "an edit while the runs are pending" 0
is "the edit is found at once" "$(hits kwartel)" "1"
run root check --repair
rc_is "check --repair finishes the merge" 0
run root check
is "after the repair: check is clean" "$OUT" "no problems found."
is "after the merge: the edit stands (found by its new name)" "$(hits kwartel)" "1"
is "after the merge: every other row found" "$(hits "runbedrijf rb")" "$((ROWS - 1))"
run ann enterprise import "$T_DIR/rb.csv"
is "the rerun after the repair reports the whole file" "$OUT" "imported $ROWS, rejected 0"
is "and adds nothing twice" "$(rows_there rb | sed 's/.*//')" ""
run root check
is "and check is clean" "$OUT" "no problems found."

# --- 4. killed twice in its merge: resumed from the merge's position -----------------------
# The count of index writes check says are pending.
pending_count() { sed -n 's/^\([0-9][0-9]*\) index writes of an unfinished import.*/\1/p' <<<"$OUT"; }
merged_chunks() { [ "$(grep -c 'writer held' "$T_DIR/$1.err")" -ge "$2" ]; }
make_csv rd "$T_DIR/rd.csv"
start_import "$T_DIR/rd.csv" rd
wait_for 60 merging rd
kill -9 -- "-$IMP" 2>/dev/null
wait "$IMP" 2>/dev/null
run root check
N1=$(pending_count)
like "killed in the merge: check counts the index writes left ($N1)" "$N1" '^[1-9][0-9]*$'
# The runs are blocks of operations (bulk_run.c): far fewer entries than
# operations, none on an overflow page.
RUNSTAT=$(mdb_stat -s bulk_run "$T_DB" 2>&1)
RUNENT=$(awk -F': *' '/Entries/ { print $2 }' <<<"$RUNSTAT")
like "the run table's entries are counted ($RUNENT)" "$RUNENT" '^[1-9][0-9]*$'
[ "${RUNENT:-0}" -gt 0 ] && [ $((RUNENT * 10)) -lt "${N1:-0}" ] &&
    ok "the runs are blocks: $RUNENT entries hold more than ten times as many operations ($N1 left)" ||
    not_ok "the runs are blocks: fewer entries than a tenth of the operations left" "$RUNENT, $N1"
like "no run entry is on an overflow page" "$RUNSTAT" 'Overflow pages: 0'
start_import "$T_DIR/rd.csv" rd2
wait_for 60 merged_chunks rd2 4
kill -9 -- "-$IMP" 2>/dev/null
wait "$IMP" 2>/dev/null
run root check
N2=$(pending_count)
like "killed again: still pending ($N2)" "$N2" '^[1-9][0-9]*$'
[ "${N2:-0}" -lt "${N1:-0}" ] && ok "the second merge went on from the first's position ($N2 < $N1 left)" ||
    not_ok "the second merge went on from the first's position" "$N1 then $N2"
like "and check finds no problem" "$OUT" 'no problems found'
run ann enterprise import "$T_DIR/rd.csv"
is "the third run finishes: the whole file" "$OUT" "imported $ROWS, rejected 0"
is "every row once" "$(rows_there rd)" "1..$ROWS"
is "search finds every row" "$(hits rd)" "$ROWS"
run root check
is "check is clean, nothing pending" "$OUT" "no problems found."

# --- 3. killed at random times during its chunks, then rerun ------------------------------
for R in 1 2 3; do
	TAG=rc$R
	make_csv "$TAG" "$T_DIR/$TAG.csv"
	SEDESK_USER=ann setsid "$SEDESK_BIN" enterprise import "$T_DIR/$TAG.csv" </dev/null \
	    >/dev/null 2>&1 &
	IMP=$!
	sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
	kill -9 -- "-$IMP" 2>/dev/null
	wait "$IMP" 2>/dev/null
	run root check
	rc_is "round $R: check after the kill exits 0" 0
	unlike "round $R: check after the kill finds no problem" "$OUT" 'problems found;'
	run ann enterprise import "$T_DIR/$TAG.csv"
	like "round $R: the rerun completes the import" "$OUT$ERR" "imported $ROWS, rejected 0|imported whole"
	is "round $R: every row once" "$(rows_there "$TAG")" "1..$ROWS"
	is "round $R: search finds every row of the round" "$(hits "$TAG")" "$ROWS"
	run root check
	is "round $R: check is clean" "$OUT" "no problems found."
done
finish
