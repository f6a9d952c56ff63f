#!/bin/bash
# Operations on the database as a whole (issue 6):
#   sedesk check [--repair] [--json]  indexes against records both ways, the
#                                     case sequence, the journal sequence,
#                                     roles, a damaged file;
#   sedesk backup FILE                admin only, a compacted copy through a
#                                     temporary name, taken while 4 writers run;
#   sedesk restore FILE               admin only, refused while the database
#                                     is open (a TUI in tmux), checks the copy;
#   a map of 1 MiB grows while 20,000 enterprises are imported.
#
# Needs lmdb-utils (mdb_stat, mdb_dump, mdb_load), jq, tmux; openssl for
# reproducible "random" bytes (falls back to /dev/urandom).
. "$(dirname "$0")/common.sh"

for _tool in mdb_stat mdb_dump mdb_load tmux; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		not_ok "$_tool is installed (this suite needs lmdb-utils and tmux)"
		finish
	fi
done

# Everything this suite starts is stopped on exit, on failure too: the
# writer loops (by their pids, and the sedesk each may be running), the
# private tmux server (its socket lives in T_DIR), then T_DIR itself.
WRITERS=()
_ops_cleanup() {
	for _p in "${WRITERS[@]}"; do
		pkill -P "$_p" >/dev/null 2>&1
		kill "$_p" >/dev/null 2>&1
	done
	for _p in "${WRITERS[@]}"; do wait "$_p" 2>/dev/null; done
	tmux -S "$T_SOCK" kill-server >/dev/null 2>&1
	rm -rf "$T_DIR"
}
trap _ops_cleanup EXIT

init_db
E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
E2=$(add_ent --name "Brouwerij 't Hoekske" --number "$KBO2")
if [ -z "$E1" ] || [ -z "$E2" ]; then not_ok "set-up: two enterprises" "$(cat "$T_DIR/.adderr")"; finish; fi
for i in 1 2 3 4 5; do
	if [ "$(new_case --enterprise "$E1" --subject "Vraag $i over zorg" --category funding)" != "2026-0000$i" ]; then
		not_ok "set-up: case $i" "$(cat "$T_DIR/.adderr")"; finish
	fi
done
run ann case route 2026-00001 eco wel
run bram case pickup 2026-00001 --dept eco
run ann case note 2026-00002 "Gebeld met de zaakvoerder"

# Content of every named database of an environment (directory, or file
# with -n), without the map size (the same data may sit in a larger map).
dump_digest() {	# dump_digest [-n] PATH
	if _d=$(mdb_dump -a "$@" 2>&1) && [ -n "$_d" ]; then
		printf '%s\n' "$_d" | grep -v '^mapsize=' | sha256sum | cut -d' ' -f1
	else
		echo "unreadable-$RANDOM$RANDOM-$(date +%s%N)"
	fi
}
# The case numbers in the database DIR (default the fixture's), sorted.
numbers_in() {	# numbers_in [DIR]
	SEDESK_USER=root timeout 30 "$SEDESK_BIN" ${1:+--db "$1"} case list --limit 1000000 --json \
	    2>/dev/null </dev/null | jq -r '.[].number' 2>/dev/null | sort
}
# Bytes that look random but are the same on every run (openssl's AES-CTR
# over zeros, keyed by SEED); /dev/urandom when openssl is missing.
noise() {	# noise SEED BYTES
	if command -v openssl >/dev/null 2>&1; then
		openssl enc -aes-128-ctr -K "$(printf '%032x' "$1")" -iv 0 -in /dev/zero 2>/dev/null |
		    head -c "$2"
	else
		head -c "$2" /dev/urandom
	fi
}
# A whole number as LEN little-endian bytes, in mdb_load's printable form.
le_bytes() {	# le_bytes VALUE LEN
	_v=$1 _s=
	for _i in $(seq 1 "$2"); do _s="$_s$(printf '\\%02x' $((_v & 255)))"; _v=$((_v >> 8)); done
	printf '%s' "$_s"
}
# The value stored under KEY in the meta database, in mdb_dump's printable form.
meta_value() {	# meta_value KEY
	mdb_dump -p -s meta "$T_DB" 2>/dev/null | sed -n '/^HEADER=END/,/^DATA=END/p' |
	    awk -v k=" $1" '$0 == k { getline; sub(/^ /, ""); print; exit }'
}
crash_free() {	# crash_free DESC   (the last run did not die of a signal)
	if [ "$RC" -lt 128 ]; then ok "$1"
	else not_ok "$1" "exit $RC (killed by signal $((RC - 128)))
stdout: $(printf '%s' "$OUT" | head -c 400)
stderr: $ERR"; fi
}

# --- check ------------------------------------------------------------------------
run root check
rc_is "check on a fresh database with cases exits 0" 0
is "check says there are no problems" "$OUT" "no problems found."
run dina check
rc_is "a manager may check" 0
is "the manager's check finds no problems either" "$OUT" "no problems found."
fails 4 "check as a contact officer" ann check
fails 4 "check as a department officer" bram check
fails 2 "check with an unknown argument" root check extra

run root check --json
rc_is "check --json exits 0 when clean" 0
jq_true "check --json: {\"problems\":[],\"repaired\":false}" \
    '.problems == [] and .repaired == false and (keys | sort) == ["problems", "repaired"]'

# An index entry that no record explains.
if printf 'bogus\nx\n' | mdb_load -s case_by_status -T "$T_DB" 2>"$T_DIR/load.err"; then
	ok "set-up: a bogus entry added to case_by_status"
else
	not_ok "set-up: a bogus entry added to case_by_status" "$(cat "$T_DIR/load.err")"
fi
BEFORE=$(db_fingerprint)
run root check
rc_is "check finds the bogus index entry: exit 1" 1
like "check names the index and what is wrong" "$OUT" "case_by_status: 1 entries that no record explains"
like "check counts the problems and points at --repair" "$OUT" "1 problems? found.*--repair"
is "check without --repair writes nothing" "$(db_fingerprint)" "$BEFORE"
run dina check
rc_is "the manager's check finds it too: exit 1" 1
like "the manager sees the index named" "$OUT" "case_by_status"
rejects 4 "check --repair as a manager" dina check --repair
rejects 4 "check --repair as a contact officer" ann check --repair
run root check --json
rc_is "check --json with a problem exits 1" 1
jq_true "check --json lists the problem as a string naming the index, repaired false" \
    '(.problems | length) == 1 and (.problems[0] | type) == "string" and
     (.problems[0] | test("case_by_status")) and .repaired == false'
run root check --repair --json
rc_is "check --repair --json exits 0" 0
jq_true "check --repair --json: the problem listed, repaired true" \
    '(.problems[0] | test("case_by_status")) and .repaired == true'
run root check
rc_is "after --repair, check exits 0" 0
is "after --repair, check finds no problems" "$OUT" "no problems found."
unlike "the bogus key is gone from case_by_status" "$(mdb_dump -p -s case_by_status "$T_DB")" "^ bogus$"
is "the repair kept every case" "$(numbers_in | tr '\n' ' ')" \
    "2026-00001 2026-00002 2026-00003 2026-00004 2026-00005 "
is "the repaired status index still serves lists (status new: four cases)" \
    "$(SEDESK_USER=root "$SEDESK_BIN" case list --status new --json </dev/null 2>/dev/null | jq length)" 4

# An index entry whose value differs from what the record gives.
KEY=$(mdb_dump -p -s case_by_status "$T_DB" | sed -n '/^HEADER=END/{n;p;q}' | sed 's/^ //')
printf '%s\nchanged\n' "$KEY" | mdb_load -T -s case_by_status "$T_DB"
run root check
rc_is "an index value that differs from the record: exit 1" 1
like "reported as differing, with the index named" "$OUT" "case_by_status: 1 entries differ"
run root check --repair
rc_is "check --repair exits 0" 0
like "check --repair says the indexes were rebuilt" "$OUT" "rebuilt"
run root check
is "clean after the repair" "$RC/$OUT" "0/no problems found."

# An index entry missing: the database rebuilt from a dump without the
# first entry of case_by_ent.
mdb_dump -a "$T_DB" >"$T_DIR/all.dump"
awk '/^database=case_by_ent$/ { s = 1 }
     s == 1 && /^HEADER=END/ { s = 2; print; next }
     s == 2 && /^ / { if (++n <= 2) next }
     /^DATA=END/ { s = 0 }
     { print }' "$T_DIR/all.dump" >"$T_DIR/cut.dump"
rm -f "$T_DB/data.mdb" "$T_DB/lock.mdb"
mdb_load -f "$T_DIR/cut.dump" "$T_DB" 2>/dev/null
run root check
rc_is "an index entry missing: exit 1" 1
like "reported as missing, with the index named" "$OUT" "case_by_ent: 1 entries missing"
run root check --repair
run root check
is "clean after repairing the missing entry" "$RC/$OUT" "0/no problems found."
is "the enterprise lists its five cases again" "$(efield "$E1" '.cases | length')" 5

# The year's case sequence behind the last case: check reports it; --repair
# must leave a database that checks clean (the sequence follows from the
# records), and no new case may take the number of an existing one.
SEQ=$(meta_value caseseq:2026)
SEQLEN=$(( $(printf '%s' "$SEQ" | tr -cd '\\' | wc -c) ))
if [ "$SEQLEN" -gt 0 ]; then ok "set-up: the 2026 case sequence is in meta ($SEQ)"
else not_ok "set-up: the 2026 case sequence is in meta" "$(mdb_dump -p -s meta "$T_DB")"; fi
printf 'caseseq:2026\n%s\n' "$(le_bytes 1 "$SEQLEN")" | mdb_load -T -s meta "$T_DB"
run root check
rc_is "a case sequence below the last case: exit 1" 1
like "reported: the sequence of 2026 stands below a case" "$OUT" "sequence of 2026 stands at 1, below case 2026-00002"
run root check --repair
rc_is "check --repair with a sequence problem exits 0" 0
run root check
is "after --repair the case sequence checks clean" "$RC/$OUT" "0/no problems found."
run ann case new --enterprise "$E2" --subject "Na het herstel"
NEWNUM=$OUT
is "a new case after the repair takes the next free number" "$NEWNUM" 2026-00006
is "case 2026-00002 was not overwritten by a new case" "$(cfield 2026-00002 .subject)" "Vraag 2 over zorg"
is "the journal of 2026-00002 has one creation (not a second case's)" \
    "$(cfield 2026-00002 '[.journal[] | select(.kind == "created")] | length')" 1
# Put the fixture back into its known state for what follows: five cases,
# the sequence at 5 (or at 6 when a sixth case was made above).
printf 'caseseq:2026\n%s\n' "$(le_bytes "$(numbers_in | wc -l)" "$SEQLEN")" |
    mdb_load -T -s meta "$T_DB"
run root check --repair

# The journal's sequence behind its last entry: a new entry would take the
# key of an old one.  check must see it.
JSEQ=$(meta_value journalseq)
JLEN=$(( $(printf '%s' "$JSEQ" | tr -cd '\\' | wc -c) ))
run root check
CLEAN_BEFORE=$RC
if [ "$JLEN" -gt 0 ] && [ "$CLEAN_BEFORE" -eq 0 ]; then
	ok "set-up: the journal sequence is in meta ($JSEQ) and the database is clean"
else
	not_ok "set-up: the journal sequence is in meta and the database is clean" "$JSEQ / $OUT"
fi
# The journal as key/value lines, one entry a line.
journal_pairs() { mdb_dump -s journal "$T_DB" 2>/dev/null | sed -n '/^HEADER=END/,/^DATA=END/p' | sed '1d;$d' | paste - - | sort; }
J_BEFORE=$(journal_pairs)
printf 'journalseq\n%s\n' "$(le_bytes 1 "$JLEN")" | mdb_load -T -s meta "$T_DB"
run root check
rc_is "a journal sequence below the last entry: check exits 1" 1
like "check reports the journal sequence" "$OUT" "journal"
run ann case note 2026-00005 "Een notitie na de beschadiging"
J_AFTER=$(journal_pairs)
is "a new note adds one journal entry" "$(printf '%s\n' "$J_AFTER" | grep -c .)" \
    $(( $(printf '%s\n' "$J_BEFORE" | grep -c .) + 1 ))
is "no earlier journal entry was replaced by the new note" \
    "$(comm -23 <(printf '%s\n' "$J_BEFORE") <(printf '%s\n' "$J_AFTER") | wc -l)" 0

# From here on a fresh database: the sections above left it with forged
# meta values that no release would write.
rm -rf "$T_DB"
init_db
E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
E2=$(add_ent --name "Brouwerij 't Hoekske" --number "$KBO2")
for i in 1 2 3 4 5; do new_case --enterprise "$E1" --subject "Vraag $i over zorg" >/dev/null; done
run ann case route 2026-00001 eco wel
run ann case note 2026-00002 "Gebeld met de zaakvoerder"
run root check
is "set-up: a fresh database with five cases checks clean" "$RC/$(numbers_in | wc -l)" "0/5"

# --- backup -----------------------------------------------------------------------
mkdir -p "$T_DIR/bk"
run root backup "$T_DIR/bk/one.mdb"
rc_is "backup as the admin exits 0" 0
like "backup says where it wrote" "$OUT" "one\\.mdb"
if mdb_stat -n "$T_DIR/bk/one.mdb" >"$T_DIR/stat.out" 2>&1; then ok "mdb_stat -n reads the backup"
else not_ok "mdb_stat -n reads the backup" "$(cat "$T_DIR/stat.out")"; fi
is "the backup holds the same data as the database" "$(dump_digest -n "$T_DIR/bk/one.mdb")" "$(dump_digest "$T_DB")"
is "the backup holds the five cases (mdb_stat of the case table)" \
    "$(mdb_stat -n -s case "$T_DIR/bk/one.mdb" 2>/dev/null | sed -n 's/^ *Entries: //p')" 5
# (mdb_stat and mdb_dump -n leave FILE-lock beside the file; those are theirs.)
rm -f "$T_DIR/bk/one.mdb-lock"
is "no temporary file is left beside the backup" "$(ls -A "$T_DIR/bk")" one.mdb
run root backup "$T_DIR/bk/one.mdb"
rc_is "a second backup over the same name exits 0 (replaces it)" 0
is "still only the backup in its directory" "$(ls -A "$T_DIR/bk")" one.mdb
run root --json backup "$T_DIR/bk/json.mdb"
jq_is "backup --json names the file" '.backup' "$T_DIR/bk/json.mdb"
rm -f "$T_DIR/bk/json.mdb"

fails 4 "backup as a contact officer" ann backup "$T_DIR/bk/ann.mdb"
is "the refused backup wrote nothing" "$(ls -A "$T_DIR/bk")" one.mdb
fails 4 "backup as a manager" dina backup "$T_DIR/bk/dina.mdb"
fails 2 "backup without a file" root backup
run root backup "$T_DIR/no/such/dir/b.mdb"
if [ "$RC" -ne 0 ]; then ok "backup into a missing directory exits non-zero ($RC)"
else not_ok "backup into a missing directory exits non-zero" "exit 0: $OUT"; fi
err_prefix "backup into a missing directory: message starts with 'sedesk:'"
like "the message names the path and the reason" "$ERR" "no/such/dir.*(No such file|cannot)"
mkdir "$T_DIR/bk/adir"
run root backup "$T_DIR/bk/adir"
if [ "$RC" -ne 0 ]; then ok "backup onto an existing directory exits non-zero ($RC)"
else not_ok "backup onto an existing directory exits non-zero" "exit 0: $OUT"; fi
err_prefix "backup onto a directory: message starts with 'sedesk:'"
is "the failed rename left no temporary file" "$(ls -A "$T_DIR/bk" | tr '\n' ' ')" "adir one.mdb "
is "the directory was left as it was (empty)" "$(ls -A "$T_DIR/bk/adir")" ""
# Not into the database directory, however the path gets there: it could
# replace data.mdb or lock.mdb (issue 9, finding 5).
_dbfiles=$(ls -A "$T_DB")
ln -s "$T_DB" "$T_DIR/dblink"
for _t in "$T_DB/b.mdb" "$T_DB/lock.mdb" "$T_DIR/dblink/b.mdb" "$T_DB/../$(basename "$T_DB")/b.mdb"; do
	rejects 2 "backup to $_t (inside the database directory)" root backup "$_t"
	like "… says it is inside the database directory" "$ERR" "inside the database directory"
done
is "nothing was written into the database directory" "$(ls -A "$T_DB")" "$_dbfiles"
rm "$T_DIR/dblink"
rejects 2 "backup to a path ending in /" root backup "$T_DIR/bk/"

# --- backup while 4 writers run -----------------------------------------------------
# Each writer makes ITER cases, one after the other, and notes each one
# before it makes the next; it logs "new NUM" once `case new` has printed
# the number and "note NUM" once the note is in.
ITER=15
writer() {	# writer W
	for _i in $(seq 1 $ITER); do
		_n=$(SEDESK_USER=ann timeout 30 "$SEDESK_BIN" case new --enterprise "$E2" \
		    --subject "Schrijver $1 vraag $_i" 2>>"$T_DIR/w$1.err" </dev/null)
		if [ -z "$_n" ]; then echo "case new $1.$_i failed" >>"$T_DIR/w$1.err"; continue; fi
		echo "new $_n" >>"$T_DIR/w$1.log"
		if SEDESK_USER=ann timeout 30 "$SEDESK_BIN" case note "$_n" "notitie $1.$_i" \
		    >/dev/null 2>>"$T_DIR/w$1.err" </dev/null; then
			echo "note $_n" >>"$T_DIR/w$1.log"
		else
			echo "case note $_n failed" >>"$T_DIR/w$1.err"
		fi
	done
}
new_count() { cat "$T_DIR"/w[1-4].log 2>/dev/null | grep -c '^new '; }
at_least() { [ "$(new_count)" -ge "$1" ]; }
: >"$T_DIR/w1.log"; : >"$T_DIR/w2.log"; : >"$T_DIR/w3.log"; : >"$T_DIR/w4.log"
for w in 1 2 3 4; do
	writer "$w" &
	WRITERS+=($!)
done
if wait_for 30 at_least 8; then ok "set-up: the writers have made 8 cases"
else not_ok "set-up: the writers have made 8 cases" "$(cat "$T_DIR"/w*.err)"; fi
PRE=$(cat "$T_DIR"/w[1-4].log | sed -n 's/^new //p' | sort)
run root backup "$T_DIR/bk/busy.mdb"
POST=$(cat "$T_DIR"/w[1-4].log | sed -n 's/^new //p' | sort)
BUSY_RC=$RC BUSY_ERR=$ERR
RUNNING=0
for _p in "${WRITERS[@]}"; do kill -0 "$_p" 2>/dev/null && RUNNING=$((RUNNING + 1)); done
for _p in "${WRITERS[@]}"; do wait "$_p"; done
WRITERS=()
RC=$BUSY_RC ERR=$BUSY_ERR
rc_is "backup while 4 writers run exits 0" 0
if [ "$RUNNING" -gt 0 ]; then ok "the writers were still at work when the backup finished ($RUNNING of 4)"
else not_ok "the writers were still at work when the backup finished" "make ITER larger"; fi
is "no writer command failed while the backup ran" "$(cat "$T_DIR"/w[1-4].err)" ""
ALL=$(cat "$T_DIR"/w[1-4].log | sed -n 's/^new //p' | sort)
is "the writers made $((4 * ITER)) cases" "$(printf '%s\n' "$ALL" | grep -c .)" $((4 * ITER))
is "the live database checks clean after the writers" "$(SEDESK_USER=root "$SEDESK_BIN" check 2>&1 </dev/null)" \
    "no problems found."
is "no temporary file is left beside the busy backup" "$(ls -A "$T_DIR/bk" | tr '\n' ' ')" "adir busy.mdb one.mdb "

R=$T_DIR/restored
run root --db "$R" restore "$T_DIR/bk/busy.mdb"
rc_is "the busy backup restores into an empty directory" 0
run root --db "$R" check
is "the restored busy backup checks clean" "$RC/$OUT" "0/no problems found."
RNUMS=$(numbers_in "$R")
N=$(printf '%s\n' "$RNUMS" | grep -c .)
is "restored case numbers run 1..N without a gap or an extra ($N cases)" "$RNUMS" \
    "$(seq -f '2026-%05g' 1 "$N")"
MISSING=$(comm -23 <(printf '%s\n' "$PRE") <(printf '%s\n' "$RNUMS"))
is "every case whose 'case new' had finished before the backup started is in it ($(printf '%s\n' "$PRE" | grep -c .) cases)" \
    "$MISSING" ""
# Cases in the backup committed before it finished: the ones logged by
# then, and at most one per writer that had committed but not yet logged.
POSTN=$(( $(printf '%s\n' "$POST" | grep -c .) + 5 ))
if [ "$N" -le $((POSTN + 4)) ]; then ok "the backup holds no case made after it finished ($N <= $POSTN + 4)"
else not_ok "the backup holds no case made after it finished" "$N cases, $POSTN had been made when it finished"; fi
if [ "$N" -lt $((4 * ITER + 5)) ]; then ok "the backup is a point in the middle of the writing ($N of $((4 * ITER + 5)))"
else not_ok "the backup is a point in the middle of the writing" "it holds all $N cases"; fi

# Each restored case is the live case as it was then: its journal is a
# prefix of the live journal; and a writer's note on its case j was in
# before it made case j+1, so a backup holding case j+1 holds that note.
BAD_PREFIX=""
declare -A RJ
for num in $RNUMS; do
	rj=$(SEDESK_USER=root "$SEDESK_BIN" --db "$R" case show "$num" --json </dev/null 2>/dev/null | jq -c '{subject, journal}')
	lj=$(SEDESK_USER=root "$SEDESK_BIN" case show "$num" --json </dev/null 2>/dev/null | jq -c '{subject, journal}')
	RJ[$num]=$rj
	if ! jq -en --argjson a "${rj:-null}" --argjson b "${lj:-null}" \
	    '$a.subject == $b.subject and ($a.journal | length) >= 1 and
	     $b.journal[:($a.journal | length)] == $a.journal' >/dev/null 2>&1; then
		BAD_PREFIX="$BAD_PREFIX $num"
	fi
done
is "every restored case has its live subject and a prefix of its live journal" "$BAD_PREFIX" ""
BAD_ORDER=""
for w in 1 2 3 4; do
	mapfile -t mine < <(sed -n 's/^new //p' "$T_DIR/w$w.log")
	for ((j = 0; j + 1 < ${#mine[@]}; j++)); do
		[ -n "${RJ[${mine[j+1]}]:-}" ] || continue
		if ! printf '%s' "${RJ[${mine[j]}]:-null}" |
		    jq -e '[.journal[] | select(.kind == "note")] | length == 1' >/dev/null 2>&1; then
			BAD_ORDER="$BAD_ORDER ${mine[j]}"
		fi
	done
done
is "the backup is one moment: a writer's next case is never there without its previous note" "$BAD_ORDER" ""

# --- restore ----------------------------------------------------------------------
rm -rf "$T_DB"
init_db
E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
for i in 1 2 3; do new_case --enterprise "$E1" --subject "Vraag $i" >/dev/null; done
run ann case note 2026-00001 "voor de back-up"
AT_BACKUP=$(dump_digest "$T_DB")
run root backup "$T_DIR/bk/state.mdb"
rc_is "set-up: backup of a database with three cases" 0
run ann case new --enterprise "$E1" --subject "Na de back-up"
is "set-up: a case made after the backup" "$OUT" 2026-00004
run ann case note 2026-00001 "na de back-up"
E9=$(add_ent --name "Nieuw na de back-up" --number "$KBO3")
is "set-up: an enterprise added after the backup" "$(efield "$KBO3" .id)" "${E9:-none}"
AFTER=$(dump_digest "$T_DB")

# While a TUI has the database open, restore is refused.
tmux_init
pane_start ops env -i PATH="$PATH" HOME="$HOME" \
    XDG_CONFIG_HOME="$XDG_CONFIG_HOME" TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en TZ=UTC \
    SEDESK_CONFIG="$SEDESK_CONFIG" SEDESK_USER=ann SEDESK_NOW="$SEDESK_NOW" "$SEDESK_BIN"
tui_has() { pane_has ops "$1"; }
lock_held() {	# some process holds a lock on the database's lock file
	_ino=$(stat -c %i "$T_DB/lock.mdb" 2>/dev/null) || return 1
	grep -q ":$_ino " /proc/locks
}
if wait_for 10 tui_has "Inbox" && wait_for 5 lock_held; then
	ok "set-up: the TUI is open on the database (its lock is held)"
else
	not_ok "set-up: the TUI is open on the database" "$(tm capture-pane -p -t ops 2>&1)"
fi
run root restore "$T_DIR/bk/state.mdb"
if [ "$RC" -ne 0 ]; then ok "restore while the TUI has the database open exits non-zero ($RC)"
else not_ok "restore while the TUI has the database open exits non-zero" "exit 0: $OUT"; fi
err_prefix "restore while in use: message starts with 'sedesk:'"
like "restore while in use says the database is in use" "$ERR" "in use"
is "restore while in use changed nothing" "$(dump_digest "$T_DB")" "$AFTER"
if tui_has "Inbox"; then ok "the TUI is still there after the refused restore"
else not_ok "the TUI is still there after the refused restore" "$(tm capture-pane -p -t ops 2>&1)"; fi
tm send-keys -t ops q
_tui_gone() { ! tm list-panes -t ops -F '#{pane_dead}' 2>/dev/null | grep -q 0; }
wait_for 5 _tui_gone
tm kill-server >/dev/null 2>&1
if wait_for 5 eval '! lock_held'; then ok "set-up: the TUI has left (no lock held)"
else not_ok "set-up: the TUI has left (no lock held)" "$(cat /proc/locks)"; fi

fails 4 "restore as a contact officer" ann restore "$T_DIR/bk/state.mdb"
fails 4 "restore as a manager" dina restore "$T_DIR/bk/state.mdb"
is "the refused restores changed nothing" "$(dump_digest "$T_DB")" "$AFTER"
fails 2 "restore without a file" root restore

printf 'name,number\nDit is geen database,\n' >"$T_DIR/bk/not-lmdb.csv"
rejects 2 "restore of a CSV file" root restore "$T_DIR/bk/not-lmdb.csv"
like "the message says it is not a backup" "$ERR" "not a sedesk backup"
noise 7 200000 >"$T_DIR/bk/noise.bin"
rejects 2 "restore of 200 kB of noise" root restore "$T_DIR/bk/noise.bin"
rejects 2 "restore of a file that does not exist" root restore "$T_DIR/bk/none.mdb"
rejects 2 "restore of a directory" root restore "$T_DIR/bk"
mkfifo "$T_DIR/bk/fifo"
rejects 2 "restore of a FIFO (no writer: it must not hang)" root restore "$T_DIR/bk/fifo"
rm "$T_DIR/bk/fifo"
is "the refused restores left nothing in the database directory" \
    "$(ls -A "$T_DB" | grep -v -e '^lock.mdb$' -e '^writer.lock$')" data.mdb
printf 'a\nb\n' | mdb_load -n -T -f /dev/stdin "$T_DIR/bk/other.mdb"
rejects 2 "restore of an LMDB file that is not sedesk's" root restore "$T_DIR/bk/other.mdb"
like "the message says it has no schema version" "$ERR" "schema"
# A backup cut short (a full disk, a broken copy): its meta pages are fine,
# the rest is missing.
head -c $(( $(stat -c %s "$T_DIR/bk/state.mdb") / 2 )) "$T_DIR/bk/state.mdb" >"$T_DIR/bk/half.mdb"
run root restore "$T_DIR/bk/half.mdb"
crash_free "restore of a backup cut in half does not crash"
is "restore of a backup cut in half exits 2" "$RC" 2
is "restore of a backup cut in half changed nothing" "$(dump_digest "$T_DB")" "$AFTER"
# A backup with pages overwritten in the middle (every page of a compacted
# copy is in use).
cp "$T_DIR/bk/state.mdb" "$T_DIR/bk/damaged.mdb"
noise 3 8192 | dd of="$T_DIR/bk/damaged.mdb" bs=4096 seek=$(( $(stat -c %s "$T_DIR/bk/state.mdb") / 4096 / 2 )) \
    conv=notrunc status=none
run root restore "$T_DIR/bk/damaged.mdb"
crash_free "restore of a damaged backup does not crash"
if [ "$RC" -ne 0 ]; then ok "restore of a damaged backup is refused ($RC)"
else not_ok "restore of a damaged backup is refused" "exit 0: $OUT"; fi
is "restore of a damaged backup changed nothing" "$(dump_digest "$T_DB")" "$AFTER"

run root restore "$T_DIR/bk/state.mdb"
rc_is "restore when nobody uses the database exits 0" 0
like "restore says what it restored where" "$OUT" "restored .*state\\.mdb"
is "the restored data equals the data at the backup" "$(dump_digest "$T_DB")" "$AT_BACKUP"
is "the restored database has the three cases of the backup" "$(numbers_in | tr '\n' ' ')" \
    "2026-00001 2026-00002 2026-00003 "
fails 3 "the case made after the backup is gone" root case show 2026-00004
fails 3 "the enterprise added after the backup is gone" root enterprise show "$KBO3"
is "the note made after the backup is gone, the one before it is kept" \
    "$(cfield 2026-00001 '[.journal[] | select(.kind == "note") | .text] | join("|")')" "voor de back-up"
run root check
is "the restored database checks clean" "$RC/$OUT" "0/no problems found."
run ann case new --enterprise "$E1" --subject "Na het terugzetten"
is "the next case after the restore takes the number after the backup's last" "$OUT" 2026-00004
# The access log (its folder and failure counter) is the views', not the restore's.
is "no temporary file is left in the database directory" \
    "$(ls -A "$T_DB" | grep -v -e '^access$' -e '^access-failures$' | sort | tr '\n' ' ')" \
    "data.mdb lock.mdb writer.lock "

# --- a damaged data file ---------------------------------------------------------
# A database of 2,000 enterprises and some cases, compacted (so every page
# is in use); copies of it with two pages overwritten at eight places.
DM=$T_DIR/dmg-src
awk 'BEGIN { print "name,city,tags,notes"
	for (i = 1; i <= 2000; i++)
		printf "Werkplaats %05d,Gent,t%d,Sociale werkplaats %d voor kwetsbare jongeren\n", i, i % 40, i }' \
    >"$T_DIR/mid.csv"
run root --db "$DM" init
run ann --db "$DM" enterprise import "$T_DIR/mid.csv"
is "set-up: 2,000 enterprises for the damage tests" "$RC/$OUT" "0/imported 2000, rejected 0"
ED=$(SEDESK_USER=root "$SEDESK_BIN" --db "$DM" enterprise list --limit 1 --json </dev/null | jq -r '.[0].id')
for i in $(seq 1 20); do
	SEDESK_USER=ann "$SEDESK_BIN" --db "$DM" case new --enterprise "$ED" --subject "Vraag $i" >/dev/null </dev/null
	SEDESK_USER=ann "$SEDESK_BIN" --db "$DM" case note "2026-$(printf %05d "$i")" "notitie $i" >/dev/null </dev/null
done
run root --db "$DM" backup "$T_DIR/dmg.mdb"
PAGES=$(( $(stat -c %s "$T_DIR/dmg.mdb") / 4096 ))
if [ "$RC" -eq 0 ] && [ "$PAGES" -gt 100 ]; then ok "set-up: a compacted copy of $PAGES pages"
else not_ok "set-up: a compacted copy of more than 100 pages" "exit $RC, $PAGES pages: $ERR"; fi
run root --db "$DM" check
is "set-up: the undamaged copy checks clean" "$RC/$OUT" "0/no problems found."
for k in 1 2 3 4 5 6 7 8; do
	C=$T_DIR/dmg$k
	mkdir -p "$C"
	cp "$T_DIR/dmg.mdb" "$C/data.mdb"
	AT=$((PAGES * k / 9))
	noise "$k" 8192 | dd of="$C/data.mdb" bs=4096 seek="$AT" conv=notrunc status=none
	run root --db "$C" check
	crash_free "check of a copy with pages $AT-$((AT + 1)) overwritten does not crash"
	if [ "$RC" -ne 0 ]; then ok "check of damaged copy $k (pages $AT-$((AT + 1))) exits non-zero ($RC)"
	else not_ok "check of damaged copy $k (pages $AT-$((AT + 1))) exits non-zero" "$OUT"; fi
	like "check of damaged copy $k says the file is damaged" "$OUT$ERR" "damaged"
	rm -rf "$C"
done

# --- a full map grows ----------------------------------------------------------
# [database] mapsize = 1M; 20,000 enterprises in one import.
MAPCONF=$T_DIR/map.ini
write_config "$MAPCONF"
sed -i 's/^mapsize = .*/mapsize = 1M/; s/^path = db$/path = mapdb/' "$MAPCONF"
MDB=$T_DIR/mapdb
awk 'BEGIN { print "name,city,tags,offers,notes"
	for (i = 1; i <= 20000; i++)
		printf "Onderneming %05d,Gent,t%d,catering;schoonmaak,Sociale werkplaats %d voor kwetsbare jongeren\n", i, i % 50, i }' \
    >"$T_DIR/big.csv"
run root -c "$MAPCONF" init
rc_is "set-up: init with a 1 MiB map" 0
is "set-up: the map starts at 1 MiB" \
    "$(mdb_stat -e "$MDB" 2>/dev/null | sed -n 's/^ *Map size: //p')" 1048576
# Redone from the start at each doubling of the map; under ASan on a busy
# machine that takes more than the usual minute.
T_TIMEOUT=300 run ann -c "$MAPCONF" enterprise import "$T_DIR/big.csv"
rc_is "importing 20,000 enterprises into a 1 MiB map exits 0" 0
is "import reports all 20,000" "$OUT" "imported 20000, rejected 0"
is "the enterprise table holds 20,000 records" \
    "$(mdb_stat -s ent "$MDB" 2>/dev/null | sed -n 's/^ *Entries: //p')" 20000
MAPSIZE=$(mdb_stat -e "$MDB" 2>/dev/null | sed -n 's/^ *Map size: //p')
if [ "${MAPSIZE:-0}" -gt 1048576 ]; then ok "the map grew beyond 1 MiB ($MAPSIZE)"
else not_ok "the map grew beyond 1 MiB" "map size $MAPSIZE"; fi
run ann -c "$MAPCONF" enterprise list --limit 1
rc_is "enterprise list --limit 1 after the import exits 0" 0
like "enterprise list shows the first enterprise" "$OUT" "Onderneming 00001"
run ann -c "$MAPCONF" enterprise show "$(SEDESK_USER=ann "$SEDESK_BIN" -c "$MAPCONF" enterprise list --limit 1 --json </dev/null 2>/dev/null | jq -r '.[0].id')" --json
jq_is "the first enterprise reads back whole" '.notes' "Sociale werkplaats 1 voor kwetsbare jongeren"
run root -c "$MAPCONF" check
rc_is "check of the grown database exits 0" 0
is "check of the grown database finds no problems" "$OUT" "no problems found."
run ann -c "$MAPCONF" enterprise add --name "Nog eentje" --number "$KBO4"
rc_is "a new process (1 MiB configured) still writes to the grown database" 0
run ann -c "$MAPCONF" search werkplaats --limit 1 --json
rc_is "search over the grown database exits 0" 0

finish
