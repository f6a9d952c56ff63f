#!/bin/bash
# check, check --repair and reindex in bounded chunks (src/core/check.c,
# reindex.c, chunk.c): killed with kill -9 halfway, a rerun completes and
# the records are as before; another process's write gets through while a
# long job runs; verdicts are the same whatever the chunk size.
#
# SEDESK_CHUNK_ROWS=1 makes every chunk one record (or index entry) and
# SEDESK_CHUNK_PAUSE_MS a pause between two chunks without the writer, so
# that a job on this small desk runs long enough to be killed or overtaken.
. "$(dirname "$0")/common.sh"

init_db
awk 'BEGIN { print "name,city,tags,notes"
	for (i = 1; i <= 60; i++)
		printf "Atelier %03d,Gent,t%d,Sociale werkplaats %d voor jongeren\n", i, i % 7, i }' \
    >"$T_DIR/ents.csv"
run ann enterprise import "$T_DIR/ents.csv"
is "set-up: 60 enterprises" "$RC/$OUT" "0/imported 60, rejected 0"
E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
for i in $(seq 1 25); do
	new_case --enterprise "$E1" --subject "Vraag $i over huisvesting" >/dev/null
	SEDESK_USER=ann "$SEDESK_BIN" case note "2026-$(printf %05d "$i")" "notitie $i bakkerij" \
	    >/dev/null 2>&1 </dev/null
done
run ann case route 2026-00001 eco wel
run root check
is "set-up: the desk checks clean" "$RC/$OUT" "0/no problems found."

# The records as hex dumps (not -p: lmdb-utils 0.9.24 loads a printable
# backslash wrongly), and one index table.
records() {
	for t in ent case route journal event attend moment; do
		echo "== $t"; mdb_dump -s "$t" "$T_DB" | sed '1,/^HEADER=END/d'
	done | sha256sum | cut -d' ' -f1
}
table() { mdb_dump -s "$1" "$T_DB" | sed '1,/^HEADER=END/d' | sha256sum | cut -d' ' -f1; }
has_meta() {	# has_meta KEY: meta holds KEY (hex in the dump)
	mdb_dump -s meta "$T_DB" 2>/dev/null | grep -q "^ $(printf '%s' "$1" | od -An -tx1 | tr -d ' \n')$"
}
REC=$(records)
run root reindex
rc_is "set-up: a whole reindex" 0
NDOCS=$(printf '%s' "$OUT" | sed -n 's/^search index rebuilt: \([0-9]*\) documents$/\1/p')
SEARCH=$(table search_post)/$(table search_doc)/$(table search_df)

# --- reindex killed halfway, then run again -------------------------------------
SEDESK_USER=root SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_PAUSE_MS=40 "$SEDESK_BIN" reindex \
    >/dev/null 2>&1 </dev/null &
JOB=$!
if wait_for 20 has_meta reindex; then ok "a chunked reindex stores its progress in meta"
else not_ok "a chunked reindex stores its progress in meta" "no meta 'reindex' key"; fi
sleep 0.5
kill -9 "$JOB" 2>/dev/null
wait "$JOB" 2>/dev/null
check "the reindex was killed while its progress record was there" has_meta reindex
run root check
rc_is "check after the killed reindex sees the partial search index: exit 1" 1
like "it names the search index" "$OUT" "search_(post|doc|df)"
SEDESK_CHUNK_TRACE=1 run root reindex
rc_is "the rerun of reindex exits 0" 0
is "it counts every document, those of the killed run too" "$OUT" \
    "search index rebuilt: $NDOCS documents"
like "it continued where the killed one stopped" "$ERR" "reindex: resumed at table"
unlike "it did not empty the index again" "$ERR" "reindex: started"
if has_meta reindex; then not_ok "the progress record is gone after the rerun" "still in meta"
else ok "the progress record is gone after the rerun"; fi
is "the search index equals that of a whole reindex" \
    "$(table search_post)/$(table search_doc)/$(table search_df)" "$SEARCH"
is "the records are unchanged" "$(records)" "$REC"
run root check
is "check is clean after the resumed reindex" "$RC/$OUT" "0/no problems found."
run ann search bakkerij --limit 50 --json
jq_is "search finds every case again" 'length' 25

# --- check --repair killed halfway, then run again ------------------------------
STATUS=$(table case_by_status)
# Keys that sort first (the status byte is 1 or more), so the repair meets them first.
{ for i in $(seq 1 30); do printf '\\00bogus%02d\nx\n' "$i"; done; } |
    mdb_load -s case_by_status -T "$T_DB"
{ for i in $(seq 1 30); do printf 'zzbogus%02d\\00C\\01\\02\\03\\04\\05\\06\n\\01\n' "$i"; done; } |
    mdb_load -s search_post -T "$T_DB"
run root check
like "set-up: 30 entries in case_by_status that no record explains" "$OUT" \
    "index case_by_status: 30 entries that no record explains"
BEFORE=$OUT
SEDESK_CHUNK_ROWS=1 run root check
is "with one-entry chunks check says the same, word for word" "$RC/$OUT" "1/$BEFORE"
SEDESK_USER=root SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_PAUSE_MS=40 "$SEDESK_BIN" check --repair \
    >/dev/null 2>&1 </dev/null &
JOB=$!
if wait_for 60 has_meta repair; then ok "a chunked repair stores its progress in meta"
else not_ok "a chunked repair stores its progress in meta" "no meta 'repair' key"; fi
sleep 0.5
kill -9 "$JOB" 2>/dev/null
wait "$JOB" 2>/dev/null
run root check
N=$(printf '%s\n' "$OUT" | sed -n 's/^index case_by_status: \([0-9]*\) entries that no record explains$/\1/p')
if [ "$RC" -eq 1 ] && [ -n "$N" ] && [ "$N" -lt 30 ]; then
	ok "the killed repair kept the chunks it committed ($N of 30 bogus entries left)"
else
	not_ok "the killed repair kept the chunks it committed" "exit $RC: $OUT"
fi
run root check --repair
rc_is "the rerun of check --repair exits 0" 0
like "it says the indexes were rebuilt" "$OUT" "rebuilt"
run root check
is "check is clean after the resumed repair" "$RC/$OUT" "0/no problems found."
is "case_by_status is as before the damage" "$(table case_by_status)" "$STATUS"
is "the search index is as before the damage" \
    "$(table search_post)/$(table search_doc)/$(table search_df)" "$SEARCH"
is "the records are unchanged by the repairs" "$(records)" "$REC"
if has_meta repair; then not_ok "the repair's progress record is gone" "still in meta"
else ok "the repair's progress record is gone"; fi

# --- others write while a long job runs --------------------------------------------
SEDESK_USER=root SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_PAUSE_MS=50 "$SEDESK_BIN" reindex \
    >"$T_DIR/re.out" 2>&1 </dev/null &
JOB=$!
wait_for 20 has_meta reindex
T0=$(date +%s%N)
run ann case note 2026-00003 "tussendoor schrijnwerkerij"
T1=$(date +%s%N)
rc_is "a note by another process while reindex runs: exit 0" 0
if [ $(( (T1 - T0) / 1000000 )) -lt 2000 ]; then ok "the note did not wait for the reindex ($(( (T1 - T0) / 1000000 )) ms)"
else not_ok "the note did not wait for the reindex" "$(( (T1 - T0) / 1000000 )) ms"; fi
if kill -0 "$JOB" 2>/dev/null; then ok "the reindex was still running after the note"
else not_ok "the reindex was still running after the note" "$(cat "$T_DIR/re.out")"; fi
wait "$JOB"
is "the reindex completes: exit 0" "$?" 0
run root check
is "check is clean after the reindex with a write in between" "$RC/$OUT" "0/no problems found."
run ann search schrijnwerkerij --json
jq_is "the note written meanwhile is found" '.[0].number' 2026-00003

# A repair with writes in between: new cases and notes while it applies.
{ for i in $(seq 1 20); do printf 'bogus%02d\nx\n' "$i"; done; } |
    mdb_load -s case_by_status -T "$T_DB"
SEDESK_USER=root SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_PAUSE_MS=30 "$SEDESK_BIN" check --repair \
    >"$T_DIR/rep.out" 2>&1 </dev/null &
JOB=$!
wait_for 60 has_meta repair
run ann case new --enterprise "$E1" --subject "Tijdens het herstel"
is "a new case while the repair runs" "$RC/$OUT" "0/2026-00026"
run ann case note 2026-00004 "nog een notitie"
rc_is "a note while the repair runs" 0
wait "$JOB"
is "the repair completes with others writing: exit 0" "$?" 0
run root check
is "check is clean after a repair with writes in between" "$RC/$OUT" "0/no problems found."
is "the case made during the repair is in the status index" \
    "$(SEDESK_USER=root "$SEDESK_BIN" case list --status new --json </dev/null | jq '[.[] | select(.number == "2026-00026")] | length')" 1

finish
