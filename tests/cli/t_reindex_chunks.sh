#!/bin/bash
# reindex empties the search index in chunks (src/core/reindex.c): one
# mdb_drop read every branch page of the index tables in one call (853 MiB
# resident at 1M cases) and held the writer for it.  Now the emptying is
# chunks of deletes, each its own commit with the writer released between:
# killed with kill -9 halfway, the rerun goes on emptying; a note written
# by another process between two chunks is in the rebuilt index.
#
# SEDESK_CHUNK_ROWS=1 makes a chunk of the emptying 64 index entries, and
# SEDESK_CHUNK_PAUSE_MS pauses between chunks without the writer.
. "$(dirname "$0")/common.sh"

init_db
awk 'BEGIN { print "name,city,tags,notes"
	for (i = 1; i <= 40; i++)
		printf "Atelier %03d,Gent,t%d,Sociale werkplaats %d voor jongeren\n", i, i % 7, i }' \
    >"$T_DIR/ents.csv"
run ann enterprise import "$T_DIR/ents.csv"
is "set-up: 40 enterprises" "$RC/$OUT" "0/imported 40, rejected 0"
E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
for i in $(seq 1 12); do
	new_case --enterprise "$E1" --subject "Vraag $i over huisvesting" >/dev/null
done
run root reindex
rc_is "set-up: a whole reindex" 0
NDOCS=$(printf '%s' "$OUT" | sed -n 's/^search index rebuilt: \([0-9]*\) documents$/\1/p')
table() { mdb_dump -s "$1" "$T_DB" | sed '1,/^HEADER=END/d' | sha256sum | cut -d' ' -f1; }
entries() { mdb_stat -s "$1" "$T_DB" | sed -n 's/^ *Entries: //p'; }
has_meta() {	# has_meta KEY: meta holds KEY (hex in the dump)
	mdb_dump -s meta "$T_DB" 2>/dev/null | grep -q "^ $(printf '%s' "$1" | od -An -tx1 | tr -d ' \n')$"
}
SEARCH=$(table search_post)/$(table search_doc)/$(table search_df)
ALL=$(( $(entries search_post) + $(entries search_doc) + $(entries search_df) ))
if [ "$ALL" -gt 300 ]; then ok "set-up: the index has $ALL entries (several chunks of 64)"
else not_ok "set-up: the index has enough entries" "$ALL"; fi

# --- the emptying is chunked ------------------------------------------------------
SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_TRACE=1 run root reindex
rc_is "a reindex in small chunks exits 0" 0
is "it rebuilds every document" "$OUT" "search index rebuilt: $NDOCS documents"
like "it says it emptied the index, entry by entry" "$ERR" \
    "reindex: emptied, $ALL index entries deleted"
HOLDS=$(printf '%s\n' "$ERR" | sed -n '/reindex: started emptying/,/reindex: emptied/p' |
    grep -c 'chunk: writer held')
if [ "$HOLDS" -ge $(( ALL / 64 )) ]; then ok "the emptying took $HOLDS writer chunks"
else not_ok "the emptying took one writer chunk per 64 entries" "$HOLDS chunks for $ALL entries"; fi
is "the index equals that of a whole reindex" \
    "$(table search_post)/$(table search_doc)/$(table search_df)" "$SEARCH"

# --- killed while it empties, then run again --------------------------------------
SEDESK_USER=root SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_PAUSE_MS=150 SEDESK_CHUNK_TRACE=1 \
    "$SEDESK_BIN" reindex >/dev/null 2>"$T_DIR/kill.err" </dev/null &
JOB=$!
two_chunks() { [ "$(grep -c 'chunk: writer held' "$T_DIR/kill.err")" -ge 2 ]; }
if wait_for 20 two_chunks; then ok "the killed reindex got two chunks into the emptying"
else not_ok "the killed reindex got two chunks into the emptying" "$(cat "$T_DIR/kill.err")"; fi
kill -9 "$JOB" 2>/dev/null
wait "$JOB" 2>/dev/null
unlike "it was killed before the emptying ended" "$(cat "$T_DIR/kill.err")" "reindex: emptied"
unlike "the rebuild had not begun" "$(cat "$T_DIR/kill.err")" "reindex: [a-z]* at table"
check "its progress record is there" has_meta reindex
LEFT=$(entries search_post)
if [ "$LEFT" -gt 0 ] && [ "$LEFT" -lt "$(( ALL ))" ]; then
	ok "the index was half emptied ($LEFT postings left)"
else not_ok "the index was half emptied" "$LEFT postings left of $ALL entries"; fi
run root check
rc_is "check after the killed reindex sees the partial search index: exit 1" 1
SEDESK_CHUNK_TRACE=1 run root reindex
rc_is "the rerun exits 0" 0
like "it went on emptying" "$ERR" "reindex: resumed emptying the index"
unlike "it did not start over" "$ERR" "reindex: started"
is "it rebuilds every document" "$OUT" "search index rebuilt: $NDOCS documents"
is "the index equals that of a whole reindex" \
    "$(table search_post)/$(table search_doc)/$(table search_df)" "$SEARCH"
run root check
is "check is clean after the resumed reindex" "$RC/$OUT" "0/no problems found."

# --- another process writes while the index is being emptied ----------------------
SEDESK_USER=root SEDESK_CHUNK_ROWS=1 SEDESK_CHUNK_PAUSE_MS=100 SEDESK_CHUNK_TRACE=1 \
    "$SEDESK_BIN" reindex >"$T_DIR/w.out" 2>"$T_DIR/w.err" </dev/null &
JOB=$!
one_chunk() { [ "$(grep -c 'chunk: writer held' "$T_DIR/w.err")" -ge 1 ]; }
wait_for 20 one_chunk
run ann case note 2026-00003 "de schrijnwerkerij belde terug"
rc_is "a note while the index is being emptied: exit 0" 0
unlike "the note came before the emptying ended" "$(cat "$T_DIR/w.err")" "reindex: emptied"
wait "$JOB"
is "the reindex completes: exit 0" "$?" 0
run root check
is "check is clean after a write during the emptying" "$RC/$OUT" "0/no problems found."
run ann search schrijnwerkerij --json
jq_is "search finds the note written during the emptying" 'length' 1

finish
