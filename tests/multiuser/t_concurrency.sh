#!/bin/bash
# Many writers at once.  8 processes of mixed roles (two contacts, two
# officers of eco, two of wel, two admins) each perform MU_OPS (300) random
# operations at the same time — create, route, pick up, answer, note, close —
# and log every operation that was acknowledged (exit 0) with what it did.
# Meanwhile pairs of processes that both read version V of a case write a
# note with --expect-version V at the same moment.  Afterwards:
#   - the journal holds every acknowledged operation exactly once, and
#     nothing that was not acknowledged (kind, actor, case, text, department;
#     every text is unique);
#   - case numbers are 1..N, none duplicated or skipped;
#   - `sedesk check` finds every index in agreement with the records;
#   - each stale pair produced exactly one success and one exit 5, and only
#     the winner's note is in the journal.
# This part tests concurrency, not privileges: it runs the in-tree binary
# ($SEDESK_BIN, default ./sedesk of the repository) as root, with
# $SEDESK_USER naming the officer, against a temporary configuration.
. "$(dirname "$0")/common.sh"

sedesk_bin
BIN=$SEDESK_BIN
OPS=${MU_OPS:-300}
PAIRS=${MU_PAIRS:-12}

W=$T_DIR/conc
mkdir -p "$W"
# A copy: a rebuild of the tree's binary during the run must not get in.
cp "$BIN" "$W/sedesk" || { not_ok "set-up: copy $BIN"; finish; }
BIN=$W/sedesk
export SEDESK_CONFIG=$W/sedesk.ini
export SEDESK_NOW=2026-03-02T09:00:00Z
export HOME=$W XDG_CONFIG_HOME=$W/xdg
# The fixture (ann, bram of eco, chris of wel, root, and others who do not
# write here), a small map, and the second officer of each role.
fixture_ini "$SEDESK_CONFIG"
ini_set "$SEDESK_CONFIG" database mapsize 16M
cat >>"$SEDESK_CONFIG" <<'EOF'

[officer:anna]
role = contact
[officer:bert]
role = officer
departments = eco
[officer:cleo]
role = officer
departments = wel
[officer:adm]
role = admin
[officer:vera]
role = contact
EOF

sd() {	# sd USER ARG…
	local u=$1; shift
	SEDESK_USER=$u "$BIN" "$@" </dev/null
}

if ! _out=$(sd root init 2>&1); then not_ok "set-up: sedesk init" "$_out"; finish; fi
ENT=$(sd vera enterprise add --name "Sociale Werkplaats Samen" 2>&1) ||
	{ not_ok "set-up: enterprise add" "$ENT"; finish; }

# The cases of the stale-version pairs come first (numbers 1..PAIRS); the
# workers never touch them.
PAIR_CASES=()
for _i in $(seq "$PAIRS"); do
	_n=$(sd vera case new --enterprise "$ENT" --subject "pair case $_i" 2>&1) ||
		{ not_ok "set-up: a case for the stale pairs" "$_n"; finish; }
	PAIR_CASES+=("$_n")
done

: >"$W/cases"
: >"$W/routed.eco"
: >"$W/routed.wel"

# One worker: ACTOR ROLE [DEPT].  Logs each acknowledged operation as
#   kind TAB actor TAB case TAB text TAB department
# and each exit status to $W/rc.ACTOR.
worker() {
	local me=$1 role=$2 mydept=${3:-} i op num text dept r out
	local log=$W/log.$me rcs=$W/rc.$me err=$W/err.$me
	local -a cases routed
	: >"$log"; : >"$rcs"; : >"$err"
	RANDOM=$(( $(printf '%d' "'${me:0:1}") * 7919 + ${#me} * 104729 + $$ ))
	pick_case() {	# one of the 40 newest cases (contacts, admins)
		mapfile -t cases <"$W/cases"
		local n=${#cases[@]}
		[ "$n" -gt 0 ] || return 1
		local win=$((n < 40 ? n : 40))
		num=${cases[n - 1 - RANDOM % win]}
	}
	pick_routed() {	# a recent case routed to dept (officers, admins)
		mapfile -t routed <"$W/routed.$1"
		local n=${#routed[@]}
		[ "$n" -gt 0 ] || return 1
		local win=$((n < 25 ? n : 25))
		num=${routed[n - 1 - RANDOM % win]}
	}
	local idle=0
	# Nothing to work on yet (no case, nothing routed): wait a little and
	# try again, without counting an operation (at most ~20 s in all).
	again() {
		idle=$((idle + 1))
		[ $idle -le 400 ] && { i=$((i - 1)); sleep 0.05; }
	}
	for ((i = 1; i <= OPS; i++)); do
		if [ "$role" = officer ] && ! [ -s "$W/routed.$mydept" ]; then again; continue; fi
		r=$((RANDOM % 100))
		case $role in
		contact|admin)
			if [ "$role" = admin ] && [ $r -ge 92 ]; then op=pickup
			elif [ "$role" = admin ] && [ $r -ge 85 ]; then op=answer
			elif [ $r -lt 22 ] || ! [ -s "$W/cases" ]; then op=create
			elif [ $r -lt 57 ]; then op=route
			elif [ $r -lt 82 ]; then op=note
			else op=close
			fi
			;;
		officer)
			if [ $r -lt 35 ]; then op=pickup
			elif [ $r -lt 70 ]; then op=answer
			else op=note
			fi
			;;
		esac
		dept=$mydept
		if [ "$op" = pickup ] || [ "$op" = answer ] || [ "$op" = route ]; then
			[ -z "$dept" ] && { [ $((RANDOM % 2)) = 0 ] && dept=eco || dept=wel; }
		fi
		num='' text=''
		case $op in
		create)
			text="s-$me-$i"
			out=$(sd "$me" case new --enterprise "$ENT" --subject "$text" 2>>"$err")
			r=$?
			num=$out
			;;
		route)
			pick_case || { again; continue; }
			text="r-$me-$i"
			sd "$me" case route "$num" "$dept" --note "$text" >/dev/null 2>>"$err"
			r=$?
			;;
		note)
			if [ "$role" = officer ]; then pick_routed "$dept" || { again; continue; }
			else pick_case || { again; continue; }; fi
			text="n-$me-$i"
			sd "$me" case note "$num" "$text" >/dev/null 2>>"$err"
			r=$?
			;;
		close)
			pick_case || { again; continue; }
			text="c-$me-$i"
			sd "$me" case close "$num" --resolution "$text" >/dev/null 2>>"$err"
			r=$?
			;;
		pickup)
			pick_routed "$dept" || { again; continue; }
			sd "$me" case pickup "$num" --dept "$dept" >/dev/null 2>>"$err"
			r=$?
			;;
		answer)
			pick_routed "$dept" || { again; continue; }
			text="a-$me-$i"
			sd "$me" case answer "$num" --dept "$dept" --text "$text" >/dev/null 2>>"$err"
			r=$?
			;;
		esac
		echo "$op $r" >>"$rcs"
		[ $r -eq 0 ] || continue
		case $op in
		create)
			printf 'created\t%s\t%s\t%s\t\n' "$me" "$num" "$text" >>"$log"
			echo "$num" >>"$W/cases" ;;
		route)
			printf 'routed\t%s\t%s\t%s\t%s\n' "$me" "$num" "$text" "$dept" >>"$log"
			echo "$num" >>"$W/routed.$dept" ;;
		note) printf 'note\t%s\t%s\t%s\t\n' "$me" "$num" "$text" >>"$log" ;;
		close) printf 'closed\t%s\t%s\t%s\t\n' "$me" "$num" "$text" >>"$log" ;;
		pickup) printf 'picked_up\t%s\t%s\t\t%s\n' "$me" "$num" "$dept" >>"$log" ;;
		answer) printf 'answered\t%s\t%s\t%s\t%s\n' "$me" "$num" "$text" "$dept" >>"$log" ;;
		esac
	done
}

# The stale pairs: both read version V, both write with --expect-version V
# when a lock they wait on is released.
stale_pairs() {
	local k n v p1 p2 r1 r2
	: >"$W/pairs"
	for ((k = 0; k < PAIRS; k++)); do
		n=${PAIR_CASES[k]}
		v=$(sd vera case show "$n" --json 2>/dev/null | jq -r .version)
		exec 8>"$W/barrier.$k"
		flock -x 8
		flock -s "$W/barrier.$k" env SEDESK_USER=vera "$BIN" case note "$n" "p-$k-1" \
		    --expect-version "$v" </dev/null >/dev/null 2>>"$W/err.pairs" 8>&- &
		p1=$!
		flock -s "$W/barrier.$k" env SEDESK_USER=vera "$BIN" case note "$n" "p-$k-2" \
		    --expect-version "$v" </dev/null >/dev/null 2>>"$W/err.pairs" 8>&- &
		p2=$!
		sleep 0.2
		flock -u 8
		exec 8>&-
		wait "$p1"; r1=$?
		wait "$p2"; r2=$?
		printf '%s %s %s %s\n' "$n" "$v" "$r1" "$r2" >>"$W/pairs"
		sleep 0.$((RANDOM % 5))
	done
}

T0=$(date +%s)
WORKERS="ann:contact anna:contact bram:officer:eco bert:officer:eco chris:officer:wel cleo:officer:wel root:admin adm:admin"
WPIDS=()
_short=
for _w in $WORKERS; do
	IFS=: read -r _me _role _dept <<<"$_w"
	worker "$_me" "$_role" "$_dept" &
	WPIDS+=($!)
	mu_bg_pid $!
done
stale_pairs &
PPID_PAIRS=$!
mu_bg_pid "$PPID_PAIRS"
for _p in "${WPIDS[@]}"; do wait "$_p"; done
wait "$PPID_PAIRS"
T1=$(date +%s)
echo "# 8 workers x $OPS operations and $PAIRS stale pairs took $((T1 - T0)) s"

# --- what the workers saw -------------------------------------------------------------------
cat "$W"/log.* | sort >"$W/acked"
_acked=$(wc -l <"$W/acked")
_tried=$(cat "$W"/rc.* | wc -l)
echo "# $_acked of $_tried operations acknowledged; exit statuses by operation:"
cat "$W"/rc.* | sort | uniq -c | sort -k2,2 -k3,3n | awk '{ printf "#   %-7s exit %s: %d\n", $2, $3, $1 }'
_short=
for _w in $WORKERS; do
	_me=${_w%%:*}
	_c=$(wc -l <"$W/rc.$_me")
	[ "$_c" -eq "$OPS" ] || _short="$_short $_me:$_c"
done
is "each worker performed $OPS operations" "${_short:-}" ""
for _k in created routed picked_up answered note closed; do
	_c=$(grep -c "^$_k	" "$W/acked")
	if [ "$_c" -gt 0 ]; then ok "the workers had acknowledged $_k operations ($_c)"
	else not_ok "the workers had acknowledged $_k operations" "none: $(head -c 2000 "$W"/err.* )"; fi
done
# Refusals are expected (a route already picked up, a closed case…), but never
# a database failure (exit 1) or a crash.
_bad=$(cat "$W"/rc.* | awk '$2 == 1 || $2 > 5' | sort | uniq -c)
if [ -z "$_bad" ]; then ok "no operation failed with exit 1 or died of a signal"
else not_ok "no operation failed with exit 1 or died of a signal" "$_bad
$(grep -hv 'not found\|already\|cannot\|is closed\|no route' "$W"/err.* | sort | uniq -c | sort -rn | head -n 20)"; fi

# --- the journal -----------------------------------------------------------------------------
sd root case list --json --limit 1000000 >"$W/list.json" 2>"$W/list.err"
_n_cases=$(jq length "$W/list.json")
_n_created=$(grep -c '^created	' "$W/acked")
is "every case is listed: $PAIRS pair cases + the acknowledged creates" "$_n_cases" "$((PAIRS + _n_created))"
jq -r '.[].number' "$W/list.json" | sort >"$W/numbers"
seq -f '2026-%05g' 1 "$_n_cases" >"$W/numbers.want"
if cmp -s "$W/numbers" "$W/numbers.want"; then
	ok "case numbers are 2026-00001..$(tail -n 1 "$W/numbers.want"): none duplicated or skipped"
else
	not_ok "case numbers are 1..N, none duplicated or skipped" \
	    "duplicated: $(uniq -d "$W/numbers" | head | tr '\n' ' ')
differences (< listed, > wanted): $(diff "$W/numbers" "$W/numbers.want" | grep '^[<>]' | head -n 20 | tr '\n' ' ')"
fi
_dupnum=$(grep '^created	' "$W/acked" | cut -f3 | sort | uniq -d)
is "no case number was handed to two creates" "$_dupnum" ""

# Every case's journal, in parallel (the lines: kind actor case text department).
xargs -P 4 -I{} sh -c 'SEDESK_USER=root "$0" case show "$1" --json </dev/null >"$2/show.$1" 2>&1' \
    "$BIN" {} "$W" <"$W/numbers"
: >"$W/journal"
cat "$W"/show.* | jq -r '.number as $n | .journal[] |
    select(.kind == "created" or .kind == "routed" or .kind == "picked_up" or
        .kind == "answered" or .kind == "note" or .kind == "closed") |
    [.kind, .actor, $n, (.text // ""), (.department // "")] | @tsv' >"$W/journal" 2>"$W/journal.err"
_shown=$(cat "$W"/show.* | jq -r .number 2>&1 | sort | cmp -s - "$W/numbers" && echo same)
is "every case shows as JSON (case show, as the admin)" "$_shown" same
grep -v '	vera	' "$W/journal" | sort >"$W/journal.workers"
if cmp -s "$W/acked" "$W/journal.workers"; then
	ok "the journal holds every acknowledged operation exactly once, and nothing else ($_acked entries)"
else
	_missing=$(comm -23 "$W/acked" "$W/journal.workers")
	_extra=$(comm -13 "$W/acked" "$W/journal.workers")
	not_ok "the journal holds every acknowledged operation exactly once, and nothing else" \
	    "acknowledged but missing or fewer times in the journal ($(printf '%s' "$_missing" | grep -c .)):
$(printf '%s\n' "$_missing" | head -n 15)
in the journal but not acknowledged, or more often ($(printf '%s' "$_extra" | grep -c .)):
$(printf '%s\n' "$_extra" | head -n 15)"
fi
_dups=$(cut -f1-4 "$W/journal" | awk -F'\t' '$4 != ""' | sort | uniq -d)
is "no journal text appears twice" "$_dups" ""

# --- the stale pairs ---------------------------------------------------------------------------
_pairs_ok=0
_pairs_bad=""
while read -r _n _v _r1 _r2; do
	_w1=$(grep -c "^note	vera	$_n	p-[0-9]*-1	" "$W/journal")
	_w2=$(grep -c "^note	vera	$_n	p-[0-9]*-2	" "$W/journal")
	if { [ "$_r1$_r2" = 05 ] && [ "$_w1$_w2" = 10 ]; } ||
	    { [ "$_r1$_r2" = 50 ] && [ "$_w1$_w2" = 01 ]; }; then
		_pairs_ok=$((_pairs_ok + 1))
	else
		_pairs_bad="$_pairs_bad
case $_n version $_v: exits $_r1 and $_r2, notes in the journal: $_w1 and $_w2"
	fi
done <"$W/pairs"
is "each of the $PAIRS stale pairs: exactly one success and one exit 5, only the winner's note kept" \
    "$_pairs_ok${_pairs_bad:+ (failed:$_pairs_bad
$(sort "$W/err.pairs" | uniq -c | head))}" "$PAIRS"
if grep -q 'changed since you read it' "$W/err.pairs" 2>/dev/null; then
	ok "the loser was told the case changed since it read it"
else
	not_ok "the loser was told the case changed since it read it" "$(cat "$W/err.pairs")"
fi

# --- indexes agree with the records --------------------------------------------------------------
sd root check --json >"$W/check.json" 2>"$W/check.err"
_rc=$?
is "sedesk check is clean (exit 0)" "$_rc" 0
is "sedesk check reports no problems" "$(jq -r '.problems | length' "$W/check.json" 2>&1)" 0
echo "# the whole suite took $(($(date +%s) - T0)) s after set-up"
finish
