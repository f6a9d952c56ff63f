#!/bin/bash
# Crash safety (issue 6, "Durability and space"): writers are killed with
# SIGKILL at random moments, 50 times over.  In every round a bulk
# `enterprise import` of 2,000 rows and three loops of random case
# operations (case new, case route, case note, case pickup as the
# department's officer, case close) run at once; each loop logs, per
# operation, the command before it starts and its exit code and output
# when it ends.  After a random delay every one of them gets `kill -9`.
# Then, per round:
#   - `sedesk check` exits 0 (the database opens and is consistent);
#   - the case numbers run 2026-00001..N, none duplicated or skipped;
#   - the import (it commits in chunks, src/core/bulk.h) left a prefix of
#     its file, rows 1..k each once, and entirely when it had reported
#     success; when it was killed before its end, running it again
#     completes it (the whole file's counts, every row once);
#   - every operation that had reported success is there: a created case
#     under the number it printed, with its subject; a note, a route's note
#     and a resolution exactly once; a pick-up by the officer; and nothing
#     that was started is there twice.
#
# The database starts afresh every 10 rounds so that the suite's time stays
# bounded (check reads everything).  The map is set at 256M, far above what
# 10 rounds write: the subject here is the crash, not a full map.  (With
# the fixture's 64M, `sedesk check` would fail here with "the database is
# full" once the data outgrows about half the map: its scratch rebuild runs
# in a write transaction that does not grow the map.)
#
# CRASH_ROUNDS=N runs fewer (or more) rounds.
. "$(dirname "$0")/common.sh"

ROUNDS=${CRASH_ROUNDS:-50}
EPOCH=10		# rounds per database
ROWS=2000		# rows of each round's import
NWRITERS=3

if ! command -v setsid >/dev/null 2>&1; then
	not_ok "setsid is installed (util-linux; each writer runs in its own process group)"
	finish
fi

sed -i 's/^mapsize = .*/mapsize = 256M/' "$T_CONF"

# Every writer runs in a process group of its own (setsid), so that one
# `kill -9 -- -PGID` reaches the loop and the sedesk it is running.  The
# trap kills whatever is still running, waits for it, then removes T_DIR.
PGIDS=()
# kill -9 of a group, of its leader, then of the group again: a writer that
# had not yet called setsid (the kill can come 20 ms after the start, on a
# loaded machine before the group exists) dies by its pid, and whatever it
# forked once it had its group dies with the group.  Without it such a
# writer looped on, and the suite waited for it for ever.
_kill_group() {
	kill -9 -- "-$1" 2>/dev/null
	kill -9 "$1" 2>/dev/null
	kill -9 -- "-$1" 2>/dev/null
}
_kill_all() {
	for _g in "${PGIDS[@]}"; do _kill_group "$_g"; done
	for _g in "${PGIDS[@]}"; do wait "$_g" 2>/dev/null; done
	PGIDS=()
}
_alive() {	# _alive PGID: a member of the process group is not yet a zombie
	for _p in $(pgrep -g "$1" 2>/dev/null); do
		_s=$(sed 's/.*) //' "/proc/$_p/stat" 2>/dev/null | cut -d' ' -f1)
		[ -n "$_s" ] && [ "$_s" != Z ] && return 0
	done
	return 1
}
_crash_cleanup() {
	_g_all=("${PGIDS[@]}")
	_kill_all
	# The sedesk a loop was running is not the test's child: wait (2 s at
	# most) until no member of any group is alive (a zombie is not).
	for _g in "${_g_all[@]}"; do
		_i=0
		while _alive "$_g" && [ $_i -lt 200 ]; do
			sleep 0.01; _i=$((_i + 1))
		done
	done
	rm -rf "$T_DIR"
}
trap _crash_cleanup EXIT

# --- the writer loop -------------------------------------------------------------
# writer.sh ID ROUND LOG ENTERPRISES(comma-separated) [CASE…]
# Log lines (tab-separated, ending in END so that a line cut by the kill is
# ignored):  PHASE OP NUM DEPT TOKEN RC ACTOR END
#   PHASE B: the command is about to start; D: it ended with exit code RC.
#   For `case new`, NUM on the D line is what the command printed.
# Every TOKEN (subject, note, route note, resolution) is unique in the run.
cat >"$T_DIR/writer.sh" <<'EOF'
#!/bin/bash
w=$1 r=$2 log=$3 ents=$4; shift 4
IFS=, read -r -a E <<<"$ents"
C=("$@")
rec() { local IFS=$'\t'; printf '%s\tEND\n' "$*" >>"$log"; }
k=0
while :; do
	k=$((k + 1))
	tok="r$r-w$w-k$k"
	p=$((RANDOM % 100))
	if [ ${#C[@]} -eq 0 ] || [ $p -lt 30 ]; then
		e=${E[RANDOM % ${#E[@]}]}
		rec B new - - "$tok" - ann
		out=$(SEDESK_USER=ann "$SEDESK_BIN" case new --enterprise "$e" --subject "$tok" </dev/null)
		rc=$?
		rec D new "${out:--}" - "$tok" "$rc" ann
		[ $rc -eq 0 ] && C+=("$out")
		continue
	fi
	c=${C[RANDOM % ${#C[@]}]}
	if [ $((RANDOM % 2)) -eq 0 ]; then d=eco who=bram; else d=wel who=chris; fi
	if [ $p -lt 50 ]; then
		rec B route "$c" $d "$tok" - ann
		SEDESK_USER=ann "$SEDESK_BIN" case route "$c" $d --note "$tok" </dev/null >/dev/null
		rec D route "$c" $d "$tok" $? ann
	elif [ $p -lt 70 ]; then
		rec B note "$c" - "$tok" - ann
		SEDESK_USER=ann "$SEDESK_BIN" case note "$c" "$tok" </dev/null >/dev/null
		rec D note "$c" - "$tok" $? ann
	elif [ $p -lt 88 ]; then
		rec B pickup "$c" $d - - $who
		SEDESK_USER=$who "$SEDESK_BIN" case pickup "$c" --dept $d </dev/null >/dev/null
		rec D pickup "$c" $d - $? $who
	else
		rec B close "$c" - "$tok" - ann
		SEDESK_USER=ann "$SEDESK_BIN" case close "$c" --resolution "$tok" </dev/null >/dev/null
		rec D close "$c" - "$tok" $? ann
	fi
done
EOF

# --- what is verified after each kill ------------------------------------------------
# Input: the round's log lines as an array of objects ($ops), the `case show
# --json` of every case they touch ($shows), `case list --json` ($list).
# Output: one line per problem.
cat >"$T_DIR/verify.jq" <<'EOF'
def count(f): [.journal[] | select(f)] | length;
($shows | map({key: .number, value: .}) | from_entries) as $S
| ($list | map(.number)) as $numbers
| ($ops | map(select(.ph == "D" and .op == "new" and .rc == "0") | .num)
   | group_by(.) | map(select(length > 1) | "case new printed \(.[0]) \(length) times")[]),
  ($ops[] | select(.ph == "D" and ((.rc | test("^[0-5]$")) | not))
   | "\(.op) \(.num) \(.tok): exit \(.rc) (crashed on its own, not killed by the test)"),
  ($ops[] | . as $o | $S[$o.num] as $c |
   if $o.ph == "D" and $o.rc == "0" then
     if ($o.num | test("^[0-9]{4}-[0-9]{5}$") | not) then
       "\($o.op) \($o.tok): exit 0 but the case number is \($o.num | @json)"
     elif $c == null then
       "\($o.op) \($o.tok): reported success, but case show \($o.num) finds nothing"
     elif $o.op == "new" then
       (if $c.subject != $o.tok then
          "case new \($o.tok): printed \($o.num), which has subject \($c.subject | @json)"
        elif ($numbers | index($o.num)) == null then
          "case new \($o.tok): \($o.num) is missing from case list"
        else empty end)
     elif $o.op == "note" then
       ($c | count(.kind == "note" and .text == $o.tok)) as $n
       | if $n == 1 then empty else "note \($o.tok) on \($o.num): reported success, in the journal \($n) times" end
     elif $o.op == "route" then
       ($c | count(.kind == "routed" and .text == $o.tok and .department == $o.dept)) as $n
       | if $n == 1 and ([$c.routes[].department] | index($o.dept)) != null then empty
         else "route \($o.num) to \($o.dept) (\($o.tok)): reported success, routed entry \($n) times, routes \([$c.routes[].department])" end
     elif $o.op == "pickup" then
       ($c | count(.kind == "picked_up" and .actor == $o.who and .department == $o.dept)) as $n
       | if $n >= 1 then empty else "pickup \($o.num) --dept \($o.dept) by \($o.who): reported success, not in the journal" end
     elif $o.op == "close" then
       ($c | count(.kind == "closed" and .text == $o.tok)) as $n
       | if $n == 1 and $c.status == "closed" then empty
         else "close \($o.num) (\($o.tok)): reported success, status \($c.status), closed entry \($n) times" end
     else empty end
   elif $o.ph == "B" and $o.op != "new" and $o.op != "pickup" and $c != null then
     ($c | count(.text == $o.tok)) as $n
     | if $n <= 1 then empty else "\($o.op) \($o.num) (\($o.tok)): started once, in the journal \($n) times" end
   elif $o.ph == "B" and $o.op == "new" then
     ([$list[] | select(.subject == $o.tok)] | length) as $n
     | if $n <= 1 then empty else "case new \($o.tok): started once, \($n) cases have its subject" end
   else empty end)
EOF

# The case numbers, sorted, as "2026-00001..2026-0000N" when complete, or
# the problem otherwise; then the 12 newest numbers, one a line.
numbering() {	# numbering FILE(case list --json)
	jq -r '[.[].number] as $n
	    | ($n | map(select(test("^2026-[0-9]{5}$") | not))) as $bad
	    | ($n | map(ltrimstr("2026-") | tonumber) | sort) as $s
	    | if ($bad | length) > 0 then "numbers of another form: \($bad)"
	      elif $s == [range(1; ($s | length) + 1)] then
	        (if ($s | length) == 0 then "none" else "2026-00001..\($n | max)" end)
	      else ($s | group_by(.) | map(select(length > 1) | .[0])) as $dup
	        | ([range(1; ($s | max) + 1)] - $s) as $gap
	        | "duplicated: \($dup), skipped: \($gap)" end,
	      (.[:12][].number)' "$1" 2>&1
}

# A fresh database with three enterprises and a first (acknowledged) import,
# whose time sets the range of the kill delays.
EPOCH_N=0
new_epoch() {
	EPOCH_N=$((EPOCH_N + 1))
	rm -rf "$T_DB" "$T_DIR/start-cases"
	init_db
	ENTS=""
	for _n in "$KBO1" "$KBO2" "$KBO3"; do
		_e=$(add_ent --name "Onderneming $_n" --number "$_n")
		if [ -z "$_e" ]; then not_ok "set-up: enterprise $_n" "$(cat "$T_DIR/.adderr")"; finish; fi
		ENTS=${ENTS:+$ENTS,}$_e
	done
	make_csv "base$EPOCH_N" "$T_DIR/base.csv"
	_t0=$(date +%s%N)
	run ann enterprise import "$T_DIR/base.csv"
	_t1=$(date +%s%N)
	if [ "$RC" -ne 0 ] || [ "$OUT" != "imported $ROWS, rejected 0" ]; then
		not_ok "set-up: the first import of database $EPOCH_N" "exit $RC: $OUT $ERR"; finish
	fi
	IMPORT_MS=$(( (_t1 - _t0) / 1000000 ))
	# Kills land from 20 ms up to one and a half import times (at least
	# 300 ms): before the import commits in some rounds, after it in others.
	SPAN=$(( IMPORT_MS * 3 / 2 ))
	[ "$SPAN" -lt 300 ] && SPAN=300
	echo "# database $EPOCH_N: an import of $ROWS rows takes ${IMPORT_MS} ms; kills after 20..$((SPAN + 20)) ms"
	COMMITTED=0
}
make_csv() {	# make_csv TAG FILE
	awk -v t="$1" -v n="$ROWS" 'BEGIN {
		print "name,city,tags,offers"
		for (i = 1; i <= n; i++) printf "Import %s rij %d,Gent,%s,catering;schoonmaak\n", t, i, t
	}' >"$2"
}
# The number of enterprises (with TAG): lines of the plain list.
ent_count() {	# ent_count [TAG]
	SEDESK_USER=root timeout 60 "$SEDESK_BIN" enterprise list ${1:+--tag "$1"} --limit 1000000 \
	    </dev/null 2>/dev/null | grep -vc '^(more:'
}

# The row numbers of the import with TAG that are there ("Import TAG rij
# N"): "1..K" when they are 1 to K each once, "none", or what is wrong.
row_numbers() {	# row_numbers TAG
	SEDESK_USER=root timeout 60 "$SEDESK_BIN" enterprise list --tag "$1" --limit 1000000 --json \
	    </dev/null 2>/dev/null | jq -r --arg p "Import $1 rij " '
	    [.[].name | select(startswith($p)) | ltrimstr($p) | tonumber] | sort as $s
	    | if ($s | length) == 0 then "none"
	      elif $s == [range(1; ($s | length) + 1)] then "1..\($s | length)"
	      else "not a prefix: \($s | length) rows, doubled \($s | group_by(.) | map(select(length > 1) | .[0]) | .[:5]), missing \(([range(1; ($s | max) + 1)] - $s) | .[:5])" end' 2>&1
}

ACK_TOTAL=0 IMPORTS_IN=0 IMPORTS_OUT=0
for ((R = 1; R <= ROUNDS; R++)); do
	[ $(( (R - 1) % EPOCH )) -eq 0 ] && new_epoch
	RD=$T_DIR/round$R
	mkdir -p "$RD"
	make_csv "imp$R" "$RD/import.csv"
	# The writers start from the newest cases of the database (as the
	# last round's list found them).
	START=()
	[ -s "$T_DIR/start-cases" ] && mapfile -t START <"$T_DIR/start-cases"

	SEDESK_USER=ann setsid "$SEDESK_BIN" enterprise import "$RD/import.csv" \
	    </dev/null >"$RD/import.out" 2>"$RD/import.err" &
	IMPORT_PID=$!
	PGIDS=("$IMPORT_PID")
	for ((w = 1; w <= NWRITERS; w++)); do
		setsid bash "$T_DIR/writer.sh" "$w" "$R" "$RD/w$w.log" "$ENTS" "${START[@]}" \
		    </dev/null >/dev/null 2>"$RD/w$w.err" &
		PGIDS+=("$!")
	done
	DELAY=$(( 20 + RANDOM % (SPAN + 1) ))
	sleep "$(printf '%d.%03d' $((DELAY / 1000)) $((DELAY % 1000)))"
	# setsid did not fork (the writer leads its own group), or the kill
	# below would miss the group.
	if [ "$R" -eq 1 ]; then
		_pg=$(ps -o pgid= -p "${PGIDS[1]}" 2>/dev/null | tr -d ' ')
		if [ "$_pg" = "${PGIDS[1]}" ]; then ok "set-up: each writer leads its own process group"
		else not_ok "set-up: each writer leads its own process group" "pid ${PGIDS[1]}, group ${_pg:-?}"; fi
	fi
	for _g in "${PGIDS[@]}"; do _kill_group "$_g"; done
	wait "$IMPORT_PID" 2>/dev/null
	IMPORT_RC=$?
	_kill_all

	# 1. The database opens and checks clean.
	run root check
	if [ "$RC" -eq 0 ]; then ok "round $R (kill after $DELAY ms): sedesk check exits 0"
	else not_ok "round $R (kill after $DELAY ms): sedesk check exits 0" "exit $RC
$(printf '%s\n%s\n' "$OUT" "$ERR" | head -n 20)"; fi

	# 2. Case numbers without duplicates or gaps.
	SEDESK_USER=root "$SEDESK_BIN" case list --limit 100000 --json </dev/null \
	    >"$RD/list.json" 2>"$RD/list.err"
	numbering "$RD/list.json" >"$RD/numbering"
	NUMS=$(head -n 1 "$RD/numbering")
	tail -n +2 "$RD/numbering" >"$T_DIR/start-cases"
	case $NUMS in
	none|2026-00001..*) ok "round $R: case numbers $NUMS, none duplicated or skipped" ;;
	*) not_ok "round $R: case numbers none duplicated or skipped" "$NUMS
$(cat "$RD/list.err")" ;;
	esac

	# 3. The import commits in chunks: killed, it left a prefix of the
	# file (rows 1..k, none twice), and running it again completes it
	# (the whole file's counts, every row once).  Reported success: all.
	GOT=$(ent_count "imp$R")
	PREFIX=$(row_numbers "imp$R")
	if [ "$IMPORT_RC" -eq 0 ]; then
		WHAT="reported success, all $ROWS rows there"
		[ "$GOT" = "$ROWS" ] && grep -qx "imported $ROWS, rejected 0" "$RD/import.out" &&
		    [ "$PREFIX" = "1..$ROWS" ] && GOOD=1 || GOOD=0
	elif [ "$IMPORT_RC" -eq 137 ]; then
		WHAT="killed with rows $PREFIX there"
		case $PREFIX in none|1..*) GOOD=1 ;; *) GOOD=0 ;; esac
	else
		WHAT="ended on its own with exit $IMPORT_RC"
		GOOD=0
	fi
	if [ "$GOOD" -eq 1 ]; then ok "round $R: the import left a prefix of its file, none twice: $WHAT"
	else not_ok "round $R: the import left a prefix of its file, none twice ($WHAT)" "exit $IMPORT_RC; rows with tag imp$R: ${GOT:-?} of $ROWS ($PREFIX)
stdout: $(head -c 300 "$RD/import.out")
stderr: $(head -c 300 "$RD/import.err")"; fi
	if [ "$GOT" = "$ROWS" ]; then
		IMPORTS_IN=$((IMPORTS_IN + 1))
	else
		# Killed before its end: the rerun resumes after the committed rows.
		IMPORTS_OUT=$((IMPORTS_OUT + 1))
		run ann enterprise import "$RD/import.csv"
		GOT=$(ent_count "imp$R")
		AGAIN=$(row_numbers "imp$R")
		if [ "$RC" -eq 0 ] && [ "$OUT" = "imported $ROWS, rejected 0" ] && [ "$GOT" = "$ROWS" ] &&
		    [ "$AGAIN" = "1..$ROWS" ]; then
			ok "round $R: running the killed import again completes it: rows $AGAIN, each once"
		else
			not_ok "round $R: running the killed import again completes it, each row once" \
			    "exit $RC: $OUT $ERR; rows with tag imp$R: $GOT ($AGAIN); before: $PREFIX"
		fi
	fi
	[ "$GOT" = "$ROWS" ] && COMMITTED=$((COMMITTED + 1))

	# 4. Every acknowledged operation is there; nothing is there twice.
	# Whole log lines only (a line the kill cut short has no END).
	awk -F'\t' '$NF == "END"' "$RD"/w*.log >"$RD/ops.tsv" 2>/dev/null
	awk -F'\t' '$3 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]$/ { print $3 }' "$RD/ops.tsv" |
	sort -u | while read -r _n; do
		SEDESK_USER=root "$SEDESK_BIN" case show "$_n" --json </dev/null 2>/dev/null
	done >"$RD/shows.json"
	PROBLEMS=$(jq -n -r --rawfile log "$RD/ops.tsv" --slurpfile shows "$RD/shows.json" \
	    --slurpfile list "$RD/list.json" '
	    ($log | split("\n") | map(select(. != "") | split("\t")
	    | {ph: .[0], op: .[1], num: .[2], dept: .[3], tok: .[4], rc: .[5], who: .[6]})) as $ops
	    | $list[0] as $list | '"$(cat "$T_DIR/verify.jq")" 2>&1)
	NACK=$(awk -F'\t' '$1 == "D" && $6 == "0"' "$RD/ops.tsv" | wc -l)
	ACK=$(awk -F'\t' '$1 == "D" && $6 == "0" { n[$2]++ } END { for (o in n) { printf "%s%s %d", s, o, n[o]; s = ", " } }' "$RD/ops.tsv")
	ACK_TOTAL=$((ACK_TOTAL + NACK))
	# The last round of a database: every import that was there after its
	# round is there still (three enterprises, the first import and those).
	if [ $((R % EPOCH)) -eq 0 ] || [ "$R" -eq "$ROUNDS" ]; then
		WANT_ALL=$(( 3 + ROWS * (1 + COMMITTED) ))
		ALL=$(ent_count)
		is "database $EPOCH_N, after round $R: the enterprises of every committed import are there ($WANT_ALL)" \
		    "$ALL" "$WANT_ALL"
	fi
	if [ -z "$PROBLEMS" ]; then
		if [ "$NACK" -eq 0 ]; then
			ok "round $R: no operation had reported success yet; none is there twice"
		else
			ok "round $R: all $NACK acknowledged operations are there ($ACK), none twice"
		fi
	else
		not_ok "round $R: all $NACK acknowledged operations are there, none twice" \
		    "$(printf '%s\n' "$PROBLEMS" | head -n 20)"
	fi
done

echo "# imports complete when killed in $IMPORTS_IN rounds, completed by a rerun in $IMPORTS_OUT; $ACK_TOTAL operations acknowledged in all"
if [ "$ACK_TOTAL" -gt 0 ]; then ok "the writers were acknowledged $ACK_TOTAL operations in all (the test is not empty)"
else not_ok "the writers were acknowledged some operations (the test is not empty)"; fi

# No command died on its own: no sanitizer report, no crash message.
REPORTS=$(grep -l -E 'Sanitizer|runtime error|Segmentation|core dumped|Aborted' \
    "$T_DIR"/round*/w*.err "$T_DIR"/round*/import.err 2>/dev/null)
if [ -z "$REPORTS" ]; then ok "no writer reported a crash or a sanitizer error"
else not_ok "no writer reported a crash or a sanitizer error" "$(for f in $REPORTS; do echo "$f:"; head -n 15 "$f"; done | head -n 60)"; fi

finish
