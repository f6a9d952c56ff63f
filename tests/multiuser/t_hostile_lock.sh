#!/bin/bash
# Issue 9, finding 2: one user must not be able to stop every writer.
# Real Unix users on a setgid install (make install into a temporary prefix):
#   A  contact   runs a large `enterprise import` and is stopped (kill -STOP)
#                inside its write transaction, as a hostile user would
#   B  contact   writes meanwhile: the write fails within lock_timeout (2 s
#                here) plus slack, exit 6, naming A's login and pid, and
#                changes nothing; B's reads go on; once A goes on (SIGCONT)
#                or is killed, B's write succeeds
#   M  manager   a plain `check` runs while A is stopped, and on the large
#                database while B writes (B's notes do not wait for it)
# Also: `case route N` with 150,000 department names returns quickly and
# routes each department once; writer.lock is the group's (0660); a bad
# lock_timeout names the file, the section and the key.  The import that
# was killed left only the chunks it had committed (it commits in chunks,
# src/core/bulk.h), and `sedesk check` is clean at the end.
. "$(dirname "$0")/common.sh"

ROWS=${MU_LOCK_ROWS:-150000}	# rows of the large import (seconds of writing)
TIMEOUT=2			# [database] lock_timeout of this suite

mu_users a b m
mu_install
mu_officer "$U_a" contact
mu_officer "$U_b" contact
mu_officer "$U_m" manager
# The installed configuration (from the example) may already say it.
if grep -q '^lock_timeout *=' "$MU_CONF"; then
	sed -i "s/^lock_timeout *=.*/lock_timeout = $TIMEOUT/" "$MU_CONF"
else
	sed -i "s/^\\[database\\]\$/[database]\\nlock_timeout = $TIMEOUT/" "$MU_CONF"
fi
is "set-up: one lock_timeout in $MU_CONF, $TIMEOUT s" "$(grep '^lock_timeout' "$MU_CONF")" \
    "lock_timeout = $TIMEOUT"

now_ms() { date +%s%3N; }
last_txn() { mdb_stat -e "$MU_DB" 2>/dev/null | sed -n 's/^ *Last transaction ID: //p'; }

# --- set-up: B's case, A's large CSV ----------------------------------------------------
urun "$U_b" enterprise add --name "Kringwinkel De Ark" --city Gent
need_rc0 "B: enterprise add"
E1=$OUT
urun "$U_b" case new --enterprise "$E1" --subject "Startlening"
need_rc0 "B: case new"
N1=$OUT
CSV=$T_DIR/home/$U_a/big.csv
{
	echo name,city
	seq 1 "$ROWS" | sed 's/^/Onderneming /; s/$/,Gent/'
} >"$CSV"
chown "$U_a" "$CSV"

# The pid of the sedesk that holds the writer lock, when it runs as user $1:
# the record in writer.lock names it and /proc/locks shows its lock.
# (A sedesk without a writer lock, before issue 9: A's sedesk once it has
# been importing for half a second, so that the regression shows.)
holder_as() {
	local pid
	if [ ! -e "$MU_DB/writer.lock" ]; then
		pid=$(pgrep -u "$1" -x sedesk) || return 1
		sleep 0.5
		echo "$pid"
		return 0
	fi
	pid=$(cut -d' ' -f1 "$MU_DB/writer.lock" 2>/dev/null)
	[ -n "$pid" ] || return 1
	[ "$(ps -o user= -p "$pid" 2>/dev/null | tr -d ' ')" = "$1" ] || return 1
	grep -Eq "POSIX +ADVISORY +WRITE +$pid " /proc/locks || return 1
	echo "$pid"
}

# A is stopped once three of its chunks are committed (LMDB's transaction
# id has moved on by three; nobody else writes meanwhile): from then on its
# index writes wait in runs, which section 1 asserts. Stopped at the first
# chunk that held the lock (a slow fsync makes that commit a window the
# poll can hit), nothing would be pending yet. (SEDESK_CHUNK_TRACE would
# say it on stderr, but the setgid sedesk keeps no such variable.)
start_import() {	# start_import -> IMPORT_BG (the runuser), HOLDER (A's sedesk, stopped)
	local t0
	t0=$(last_txn)
	(cd / && runuser -u "$U_a" -- env LANGUAGE=en "$P/bin/sedesk" enterprise import "$CSV") \
	    >"$T_DIR/import.out" 2>"$T_DIR/import.err" </dev/null &
	IMPORT_BG=$!
	mu_bg_pid "$IMPORT_BG"
	HOLDER=
	for _ in $(seq 1 1500); do
		[ "$(last_txn)" -ge $((t0 + 3)) ] && HOLDER=$(holder_as "$U_a") && break
		HOLDER=
		sleep 0.02
	done
	if [ -z "$HOLDER" ]; then
		not_ok "set-up: A's import holds the writer lock" "$(cat "$T_DIR/import.err")"
		finish
	fi
	# runuser stops itself when its child stops; it is continued with it.
	RUNUSER=$(ps -o ppid= -p "$HOLDER" | tr -d ' ')
	kill -STOP "$HOLDER"
	# Still inside: the lock is there and the import has not finished.
	if [ -s "$T_DIR/import.out" ] || { [ -e "$MU_DB/writer.lock" ] &&
	    ! grep -Eq "POSIX +ADVISORY +WRITE +$HOLDER " /proc/locks; }; then
		not_ok "set-up: A was stopped inside its write transaction (raise MU_LOCK_ROWS)"
		finish
	fi
}

# --- 1. A stopped inside a write transaction ------------------------------------------
urun "$U_b" case show "$N1" --json
JBEFORE=$(printf '%s' "$OUT" | jq '.journal | length')
start_import
ok "A's import holds the writer lock and is stopped (pid $HOLDER)"
# The import commits in chunks (src/core/bulk.h): those before the stop are
# A's; from here on nothing may commit.
BEFORE=$(last_txn)

T0=$(now_ms)
urun "$U_b" case note "$N1" "Een notitie terwijl A stilstaat"
T1=$(now_ms)
rc_is "B's note while A is stopped fails with exit 6 (busy)" 6
if [ $((T1 - T0)) -ge $((TIMEOUT * 1000 - 100)) ] && [ $((T1 - T0)) -lt $((TIMEOUT * 1000 + 3000)) ]; then
	ok "B waited about lock_timeout ($TIMEOUT s): $((T1 - T0)) ms"
else
	not_ok "B waited about lock_timeout ($TIMEOUT s)" "$((T1 - T0)) ms"
fi
like "the message names A's login and pid" "$ERR" "busy: $U_a \\(process $HOLDER\\) has been writing since [0-9]{2}:[0-9]{2}:[0-9]{2}"
like "… says nothing was changed and what to do" "$ERR" "nothing was changed\\. Try again"
like "… in the program's words" "$ERR" "^sedesk: "
is "nothing was committed meanwhile (LMDB's last transaction id)" "$(last_txn)" "$BEFORE"

T0=$(now_ms)
urun "$U_b" case list
T1=$(now_ms)
rc_is "B's case list works while A is stopped" 0
like "… and shows B's case" "$OUT" "$N1"
urun "$U_b" search Onderneming
rc_is "B's search works while A is stopped" 0
urun "$U_b" case show "$N1" --json
rc_is "B's case show works while A is stopped" 0
is "… and the journal has not grown" "$(printf '%s' "$OUT" | jq '.journal | length')" "$JBEFORE"
if [ $((T1 - T0)) -lt 1500 ]; then ok "reads do not wait for the stopped writer ($((T1 - T0)) ms)"
else not_ok "reads do not wait for the stopped writer" "$((T1 - T0)) ms"; fi

T0=$(now_ms)
urun "$U_m" check
T1=$(now_ms)
# A's import is past its first chunk: its index writes wait in runs (bulk_run.c), which
# check names without counting them as problems.
is "the manager's check runs while A is stopped: exit 0, clean" "$RC/$(printf '%s\n' "$OUT" | tail -1)" \
    "0/no problems found."
like "… and says the stopped import's index writes are pending" "$OUT" \
    "index writes of an unfinished import are pending; run the import again"
if [ $((T1 - T0)) -lt $((TIMEOUT * 1000)) ]; then ok "… without waiting for the writer ($((T1 - T0)) ms)"
else not_ok "… without waiting for the writer" "$((T1 - T0)) ms"; fi

urun "$U_b" enterprise add --name "Nog een" --city Gent
rc_is "B's enterprise add fails too (exit 6)" 6
urun "$U_b" case route "$N1" eco
rc_is "B's case route fails too (exit 6)" 6
is "still nothing committed" "$(last_txn)" "$BEFORE"

# --- 2. A goes on: its import finishes, then B writes ---------------------------------
kill -CONT "$HOLDER" "$RUNUSER"
wait "$IMPORT_BG"
is "A's import, continued, completes" "$?/$(cat "$T_DIR/import.out")" "0/imported $ROWS, rejected 0"
urun "$U_b" case note "$N1" "Na A's import"
rc_is "after A finished, B's note succeeds" 0
ENTS=$(mdb_stat -s ent "$MU_DB" 2>/dev/null | sed -n 's/^ *Entries: //p')
is "the register holds B's enterprise and A's $ROWS" "$ENTS" $((ROWS + 1))

# --- 3. A stopped again, then killed: the lock dies with it ---------------------------
# The same file imported whole is not imported again (man page, CSV IMPORT):
# touched, it is another file's import.
touch -d '2 minutes ago' "$CSV"
start_import
urun "$U_b" case note "$N1" "Weer geblokkeerd"
rc_is "B's note while A is stopped again: exit 6" 6
kill -KILL "$HOLDER"
kill -CONT "$RUNUSER"
wait "$IMPORT_BG" 2>/dev/null
T0=$(now_ms)
urun "$U_b" case note "$N1" "Na het einde van A"
T1=$(now_ms)
rc_is "after A was killed, B's note succeeds" 0
if [ $((T1 - T0)) -lt 1500 ]; then ok "… at once ($((T1 - T0)) ms)"
else not_ok "… at once" "$((T1 - T0)) ms"; fi
# It commits in chunks: killed, it leaves the chunks it had committed (a
# rerun of the same file would continue after them), never the whole file.
KILLED=$(mdb_stat -s ent "$MU_DB" 2>/dev/null | sed -n 's/^ *Entries: //p')
if [ -n "$KILLED" ] && [ "$KILLED" -ge $((ROWS + 1)) ] && [ "$KILLED" -lt $((2 * ROWS + 1)) ]; then
	ok "the killed import left only its committed chunks ($((KILLED - ROWS - 1)) of $ROWS rows)"
else
	not_ok "the killed import left only its committed chunks" "${KILLED:-?} enterprises"
fi

# --- 4. a manager's check on the large database does not hold B up -------------------
(cd / && runuser -u "$U_m" -- env LANGUAGE=en "$P/bin/sedesk" check) \
    >"$T_DIR/check.out" 2>"$T_DIR/check.err" </dev/null &
CHECK_BG=$!
mu_bg_pid "$CHECK_BG"
sleep 0.3
SLOW=0 DONE=0 FAILED=0
for i in 1 2 3; do
	T0=$(now_ms)
	urun "$U_b" case note "$N1" "Tijdens de controle $i"
	T1=$(now_ms)
	[ "$RC" -eq 0 ] || FAILED=$((FAILED + 1))
	[ $((T1 - T0)) -lt 1000 ] || SLOW=$((SLOW + 1))
	kill -0 "$CHECK_BG" 2>/dev/null && DONE=$((DONE + 1))
done
is "B's three notes during the manager's check succeed" "$FAILED" 0
is "… each within a second" "$SLOW" 0
if [ "$DONE" -ge 1 ]; then ok "the check was still running during B's notes ($DONE of 3)"
else not_ok "the check was still running during B's notes" "it ended first: raise MU_LOCK_ROWS"; fi
wait "$CHECK_BG"
is "the manager's check on the large database is clean" "$?/$(tail -1 "$T_DIR/check.out")" \
    "0/no problems found."

# --- 5. case route with 150,000 department names --------------------------------------
urun "$U_b" case new --enterprise "$E1" --subject "Veel afdelingen"
need_rc0 "B: case new"
N2=$OUT
NAMES=$(for _ in $(seq 1 50000); do printf 'eco wel werk '; done)
T0=$(now_ms)
# shellcheck disable=SC2086
urun "$U_b" case route "$N2" $NAMES
T1=$(now_ms)
rc_is "case route with 150,000 department names exits 0" 0
echo "# case route with 150,000 names took $((T1 - T0)) ms"
if [ $((T1 - T0)) -lt 3000 ]; then ok "… and returns quickly ($((T1 - T0)) ms)"
else not_ok "… and returns quickly" "$((T1 - T0)) ms"; fi
urun "$U_b" case show "$N2" --json
is "… routing each department once" \
    "$(printf '%s' "$OUT" | jq -r '[.routes[].department] | sort | join(",")')" "eco,wel,werk"
is "… with one journal entry each" \
    "$(printf '%s' "$OUT" | jq '[.journal[] | select(.kind == "routed")] | length')" 3
NAMES="$NAMES nergens"
BEFORE=$(last_txn)
# shellcheck disable=SC2086
urun "$U_b" case route "$N2" $NAMES
rc_is "150,000 names and one unknown department: exit 2" 2
is "… and nothing changed" "$(last_txn)" "$BEFORE"

# --- 6. the lock file and the setting --------------------------------------------------
is "writer.lock: the group of LMDB's files (sedesk), rw for the group, nothing for others" \
    "$(stat -c '%g %A' "$MU_DB/writer.lock")" "$(stat -c %g "$MU_DB/lock.mdb") -rw-rw----"
uexec "$U_b" cat "$MU_DB/writer.lock"
unlike "B cannot read writer.lock directly" "$RC" '^0$'
cp "$MU_CONF" "$T_DIR/conf.bak"
sed -i "s/^lock_timeout = .*/lock_timeout = soon/" "$MU_CONF"
urun "$U_b" case list
rc_is "lock_timeout = soon: exit 2" 2
like "… naming the file, the section and the key" "$ERR" "sedesk\\.ini: \\[database\\] lock_timeout: \"soon\""
cp "$T_DIR/conf.bak" "$MU_CONF"

rrun check
is "sedesk check is clean at the end" "$RC/$(printf '%s\n' "$OUT" | tail -1)" "0/no problems found."
# The killed import's runs: check --repair merges them, and then nothing is pending.
rrun check --repair
rrun check
is "after check --repair nothing is pending" "$RC/$OUT" "0/no problems found."
finish
