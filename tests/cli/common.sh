# Shared set-up for the CLI suites (sourced by tests/cli/t_*.sh).
#
# Makes a temporary directory (removed on exit) holding a small sedesk.ini
# and the database directory beside it, fixes the clock and the language, and
# provides helpers that run the real binary as a process:
#
#   run USER ARG…        runs $SEDESK_BIN as USER; sets RC, OUT, ERR
#                        (stdin from $RUN_STDIN, default /dev/null)
#   as USER ARG…         runs $SEDESK_BIN as USER, output passes through
#   (is, like, unlike, rc_is, jq_is, jq_true, err_prefix: tests/lib.sh)
#   db_fingerprint       a digest of every named LMDB database's content
#   rejects N DESC USER ARG…  three assertions: exit N, stderr starts with
#                        "sedesk:", database unchanged
#   fails N DESC USER ARG…    two assertions: exit N, stderr "sedesk:"
#
# Fixture: tests/fixture/sedesk.ini (see there); the clock: Monday
# 2026-03-02T09:00:00Z.

# shellcheck shell=bash
. "$(dirname "$0")/../lib.sh"

if ! command -v jq >/dev/null 2>&1; then
	not_ok "jq is installed (the CLI suites need it: apt-get install jq)"
	finish
fi
sedesk_bin

t_tmpdir cli
trap 'rm -rf "$T_DIR"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing from the caller's environment may leak into the runs.
unset SEDESK_DB SEDESK_USER SEDESK_CONFIG VISUAL EDITOR
export HOME=$T_DIR/home
export XDG_CONFIG_HOME=$T_DIR/xdg
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export LC_ALL=C.UTF-8 LANGUAGE=en LANG=C.UTF-8
export NO_COLOR=1
export TZ=UTC

T_CONF=$T_DIR/sedesk.ini
T_DB=$T_DIR/db
export SEDESK_CONFIG=$T_CONF
export SEDESK_NOW=2026-03-02T09:00:00Z
T_TODAY=2026-03-02

# Known-valid KBO numbers (real entries of the KBO open-data sample; mod-97
# checked) and one KvK number.
KBO1=0403.170.701	# also spelled 0403170701 and 403170701
KBO2=0200.065.765
KBO3=0200.068.636
KBO4=0200.171.970
KBO5=0200.245.711
KBO6=0200.305.493
KBO_BAD=0403.170.702	# check digits wrong
KVK1=69599084

write_config() {	# write_config [FILE]  (the fixture)
	fixture_ini "${1:-$T_CONF}"
}
write_config

RUN_STDIN=/dev/null
T_TIMEOUT=${T_TIMEOUT:-60}	# a hung command fails its assertion instead of the run
run() {		# run USER ARG…  -> RC OUT ERR
	_u=$1; shift
	SEDESK_USER=$_u timeout "$T_TIMEOUT" "$SEDESK_BIN" "$@" >"$T_DIR/.out" 2>"$T_DIR/.err" <"$RUN_STDIN"
	RC=$?
	[ "$RC" -eq 124 ] && echo "sedesk: (test) timed out after ${T_TIMEOUT}s: $*" >>"$T_DIR/.err"
	OUT=$(cat "$T_DIR/.out")
	ERR=$(cat "$T_DIR/.err")
}
as() {		# as USER ARG…
	_u=$1; shift
	SEDESK_USER=$_u "$SEDESK_BIN" "$@"
}

# A digest of the content of every named database in the environment.  A
# digest that could not be made never equals another one.
db_fingerprint() {
	if _dump=$(mdb_dump -a "$T_DB" 2>&1) && [ -n "$_dump" ]; then
		printf '%s' "$_dump" | sha256sum | cut -d' ' -f1
	else
		echo "unreadable-$$-$RANDOM$RANDOM-$(date +%s%N)"
	fi
}

rejects() {	# rejects N DESC USER ARG…
	_want=$1 _desc=$2; shift 2
	_before=$(db_fingerprint)
	run "$@"
	rc_is "$_desc: exit $_want" "$_want"
	err_prefix "$_desc: message starts with 'sedesk:'"
	_after=$(db_fingerprint)
	is "$_desc: database unchanged" "$_after" "$_before"
}
fails() {	# fails N DESC USER ARG…   (read commands)
	_want=$1 _desc=$2; shift 2
	run "$@"
	rc_is "$_desc: exit $_want" "$_want"
	err_prefix "$_desc: message starts with 'sedesk:'"
}
succeeds() {	# succeeds DESC USER ARG…   one assertion: exit 0
	_desc=$1; shift
	run "$@"
	rc_is "$_desc" 0
}

# Creates the database (as the admin).
init_db() {
	run root init
	if [ "$RC" -ne 0 ]; then
		not_ok "set-up: sedesk init" "exit $RC: $ERR"
		finish
	fi
}

# Adds an enterprise as ann and prints its id; empty on failure.
add_ent() {
	SEDESK_USER=ann "$SEDESK_BIN" enterprise add "$@" 2>"$T_DIR/.adderr" </dev/null
}
# Creates a case as ann and prints its number.
new_case() {
	SEDESK_USER=ann "$SEDESK_BIN" case new "$@" 2>"$T_DIR/.adderr" </dev/null
}

# `case show NUM --json | jq -r FILTER` as USER (default root).
cfield() {	# cfield NUM FILTER [USER]
	SEDESK_USER=${3:-root} "$SEDESK_BIN" case show "$1" --json 2>/dev/null </dev/null |
	    jq -r "$2" 2>&1
}
efield() {	# efield REF FILTER [USER]
	SEDESK_USER=${3:-root} "$SEDESK_BIN" enterprise show "$1" --json 2>/dev/null </dev/null |
	    jq -r "$2" 2>&1
}

UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
TIME_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
