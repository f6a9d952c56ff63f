# The shell suites' one library (sourced by tests/cli/common.sh,
# tests/tui/tmux.sh, tests/multiuser/common.sh and tests/fuzz/run-regress).
# Every helper stands here once; a suite's own file keeps only what is its
# own.  Prints TAP-like lines that tests/run-suite counts.  Only functions
# and a few variables: sourcing it starts, makes and changes nothing.  Bash.
#
# TAP
#   ok DESC                     records a pass
#   not_ok DESC [DETAIL]        records a failure (DETAIL indented below it)
#   check DESC CMD…             runs CMD; pass when it exits 0
#   expect_exit N DESC CMD…     pass when CMD exits N
#   wait_for SECONDS CMD…       polls CMD every 0.1 s until it succeeds
#   finish                      ends the suite: exit 0 when nothing failed
# Assertions (the last run's RC, OUT, ERR are shown with a failure)
#   is DESC GOT WANT            GOT equals WANT
#   like DESC GOT ERE           GOT matches the extended regex
#   unlike DESC GOT ERE         GOT does not match
#   rc_is DESC N                the last run exited N
#   jq_is DESC FILTER WANT      `jq -r FILTER` of $OUT equals WANT
#   jq_true DESC FILTER         `jq -e FILTER` of $OUT holds
#   err_prefix DESC             the first line of $ERR starts with "sedesk: "
#   need_rc0 DESC               a set-up step: the suite ends when RC is not 0
#   followed_by DESC TEXT RE1 RE2   a line of TEXT matching RE1 (extended regex)
#                               is directly followed by one matching RE2
#   no_raw DESC TEXT            TEXT holds none of the format characters below
# Format characters (issue 9, finding 8): bidi overrides and embeddings RLO
#   PDF LRE RLE LRO, isolates LRI RLI FSI PDI, marks LRM RLM ALM, zero-width
#   ZWSP ZWNJ ZWJ WJ INVT, BOM, SHY, separators LSEP PSEP; NL a line break
# The fixture (tests/fixture/sedesk.ini, the only one)
#   T_TESTS                     the tests/ folder of this checkout
#   fixture_ini FILE            copies the fixture to FILE; append sections with >>
#   ini_set FILE SECTION KEY VALUE   sets KEY in [SECTION] of an ini file
#   sedesk_bin                  checks $SEDESK_BIN (default: the checkout's
#                               ./sedesk), makes it absolute and exports it
#   t_tmpdir NAME               makes T_DIR, a temporary folder of this run
# tmux: one private server per suite, its socket in $T_DIR
#   tmux_init                   writes the server's configuration (tm needs it)
#   tm ARG…                     tmux on that server
#   pane_start NAME CMD…        a new 80×24 session NAME running CMD; the pane
#                               stays after CMD ends, so its last screen can be read
#   pane_exited NAME; pane_status NAME   CMD has ended; its exit status
#   pane NAME [-e]              the pane as text (-e: with its attributes)
#   pane_has NAME TEXT          TEXT (fixed string) is in the pane
#   pane_wait SECS NAME TEXT    polls every 0.1 s until TEXT shows
#   pane_keys NAME KEY…         tmux send-keys (Enter Tab Escape Down F2 C-s …)
#   pane_type NAME TEXT         sends TEXT literally (UTF-8 as is)
#   expect_pane DESC SECS NAME TEXT   one assertion: TEXT shows within SECS
#   need_pane DESC SECS NAME TEXT     the same; the suite ends when it fails
#   refute_pane DESC NAME TEXT  one assertion: TEXT is not in the pane now
#
# Keys reach a pane in the order sent, so a test sends keys and then waits
# for the screen that shows their effect; it never sleeps instead.

# shellcheck shell=bash
T_N=0
T_FAILED=0
T_TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T_FIXTURE=$T_TESTS/fixture/sedesk.ini

# --- TAP ---------------------------------------------------------------------------
ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'
	return 0
}
check() {
	desc=$1; shift
	if out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc" "$out"; fi
}
expect_exit() {
	want=$1; desc=$2; shift 2
	out=$("$@" 2>&1); got=$?
	if [ "$got" -eq "$want" ]; then ok "$desc"; else not_ok "$desc" "exit $got, wanted $want: $out"; fi
}
wait_for() {
	limit=$1; shift
	i=0
	while [ "$i" -lt $((limit * 10)) ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
finish() { [ "$T_FAILED" -eq 0 ]; exit $?; }

# --- assertions ----------------------------------------------------------------------
is() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1" "got:  $2
want: $3${ERR:+
stderr of the last run: $ERR}"; fi
}
like() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"
	else not_ok "$1" "got:  $2
want match of: $3${ERR:+
stderr of the last run: $ERR}"; fi
}
unlike() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then not_ok "$1" "got:  $2
must not match: $3"
	else ok "$1"; fi
}
rc_is() {
	if [ "$RC" -eq "$2" ]; then ok "$1"
	else not_ok "$1" "exit $RC, wanted $2
stdout: $OUT
stderr: $ERR"; fi
}
jq_is() {	# jq_is DESC FILTER WANT   (on $OUT)
	_got=$(printf '%s' "$OUT" | jq -r "$2" 2>&1)
	is "$1" "$_got" "$3"
}
jq_true() {	# jq_true DESC FILTER   (on $OUT; FILTER must yield true)
	if printf '%s' "$OUT" | jq -e "$2" >/dev/null 2>&1; then ok "$1"
	else not_ok "$1" "jq -e '$2' failed on:
$OUT${ERR:+
stderr: $ERR}"; fi
}
err_prefix() {
	_first=$(printf '%s\n' "$ERR" | head -n 1)
	case $_first in
	"sedesk: "?*) ok "$1" ;;
	*) not_ok "$1" "stderr: $ERR" ;;
	esac
}
need_rc0() {	# need_rc0 DESC
	if [ "$RC" -ne 0 ]; then
		not_ok "set-up: $1" "exit $RC
stdout: $OUT
stderr: $ERR"
		finish
	fi
}
NL=$'\n'
RLO=$'\u202e' PDF=$'\u202c' LRE=$'\u202a' RLE=$'\u202b' LRO=$'\u202d'
LRI=$'\u2066' RLI=$'\u2067' FSI=$'\u2068' PDI=$'\u2069'
LRM=$'\u200e' RLM=$'\u200f' ALM=$'\u061c'
ZWSP=$'\u200b' ZWNJ=$'\u200c' ZWJ=$'\u200d' WJ=$'\u2060' INVT=$'\u2062' BOM=$'\ufeff'
SHY=$'\u00ad' LSEP=$'\u2028' PSEP=$'\u2029'
no_raw() {	# no_raw DESC TEXT
	local c
	for c in "$RLO" "$PDF" "$LRE" "$RLE" "$LRO" "$LRI" "$RLI" "$FSI" "$PDI" "$LRM" "$RLM" \
	    "$ALM" "$ZWSP" "$WJ" "$INVT" "$BOM" "$SHY" "$LSEP" "$PSEP"; do
		case $2 in
		*"$c"*)
			not_ok "$1" "raw U+$(printf '%s' "$c" | iconv -f UTF-8 -t UTF-32BE | od -An -tx1 |
			    tr -d ' \n' | sed 's/^0*//') in: $(printf '%s' "$2" | head -c 600)"
			return ;;
		esac
	done
	ok "$1"
}
followed_by() {	# followed_by DESC TEXT RE1 RE2
	local prev= line
	while IFS= read -r line; do
		if [[ $prev =~ $3 && $line =~ $4 ]]; then ok "$1"; return; fi
		prev=$line
	done <<<"$2"
	not_ok "$1" "no line matching: $3
followed by one matching: $4
in: $2"
}

# --- the fixture, the binary, the temporary folder -------------------------------------
fixture_ini() {	# fixture_ini FILE
	cp "$T_FIXTURE" "$1"
}
# Puts KEY = VALUE first in [SECTION] and drops KEY's old line there; adds
# the section at the end when there is none (the configuration refuses a
# section twice, so a changed value cannot simply be appended).
ini_set() {	# ini_set FILE SECTION KEY VALUE
	awk -v sect="[$2]" -v key="$3" -v val="$4" '
	function put() { print key " = " val; done = 1 }
	/^\[/ { if (in_s && !done) put(); in_s = ($0 == sect); seen = seen || in_s; print
		if (in_s && !done) put(); next }
	in_s && $0 ~ "^" key "[ \t]*=" { if (!done) put(); next }
	{ print }
	END { if (!seen) { print ""; print sect; put() } }' "$1" >"$1.new" && mv "$1.new" "$1"
}

sedesk_bin() {
	SEDESK_BIN=${SEDESK_BIN:-$T_TESTS/../sedesk}
	case $SEDESK_BIN in /*) ;; *) SEDESK_BIN=$PWD/$SEDESK_BIN ;; esac
	export SEDESK_BIN
	if [ ! -x "$SEDESK_BIN" ]; then
		not_ok "the binary $SEDESK_BIN exists and is executable"
		finish
	fi
}

t_tmpdir() {	# t_tmpdir NAME
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sedesk-$1.XXXXXX") || exit 1
	T_SOCK=$T_DIR/tmux.sock
}

# --- tmux ----------------------------------------------------------------------------
# A private server (its own socket inside T_DIR, so removing T_DIR removes
# every trace of it) with no user configuration; it stays up between sessions.
tmux_init() {
	cat >"$T_DIR/tmux.conf" <<'EOF'
set -g exit-empty off
set -g remain-on-exit on
set -g default-terminal screen-256color
set -g history-limit 100
EOF
}
tm() { tmux -S "$T_SOCK" -f "$T_DIR/tmux.conf" "$@"; }

pane_start() {	# pane_start NAME CMD…
	_name=$1; shift
	rm -f "$T_DIR/exit.$_name"
	# A small shell between tmux and CMD writes CMD's exit status to a file
	# (tmux 3.3 does not always reap a pane's process in time).
	tm new-session -d -s "$_name" -x 80 -y 24 -- \
	    sh -c '"$@"; echo $? >"$0.tmp" && mv "$0.tmp" "$0"' "$T_DIR/exit.$_name" "$@"
	# The window keeps the size it was given (no client is attached).
	tm set-option -t "$_name" window-size manual >/dev/null 2>&1
}
pane_exited() { [ -e "$T_DIR/exit.$1" ]; }
pane_status() { cat "$T_DIR/exit.$1" 2>/dev/null; }
pane() { tm capture-pane -p ${2:+"$2"} -t "$1" 2>/dev/null; }
pane_has() { pane "$1" | grep -F -q -- "$2"; }
pane_wait() { wait_for "$1" pane_has "$2" "$3"; }
pane_keys() { _name=$1; shift; tm send-keys -t "$_name" "$@"; }
pane_type() { tm send-keys -t "$1" -l -- "$2"; }

expect_pane() {	# expect_pane DESC SECS NAME TEXT
	if pane_wait "$2" "$3" "$4"; then ok "$1"
	else not_ok "$1" "\"$4\" did not show within $2 s; the screen:
$(pane "$3")"; fi
}
need_pane() {	# need_pane DESC SECS NAME TEXT
	# One look decides: a second one could miss a screen that is redrawn
	# meanwhile and skip the rest of the suite without a failure.
	if pane_wait "$2" "$3" "$4"; then
		ok "$1"
	else
		not_ok "$1" "\"$4\" did not show within $2 s; the screen:
$(pane "$3")"
		echo "# cannot go on without that step; the rest of $(basename "$0") is skipped"
		finish
	fi
}
refute_pane() {	# refute_pane DESC NAME TEXT
	if pane_has "$2" "$3"; then not_ok "$1" "\"$3\" is on the screen:
$(pane "$2")"
	else ok "$1"; fi
}
