#!/bin/bash
# Help, usage and dispatch, all from the command table: `sedesk --help`,
# `sedesk help GROUP`, `sedesk COMMAND --help` for every command, the usage
# line after a usage error, and the permission the table names, asked
# before the command does anything.
. "$(dirname "$0")/common.sh"

table=$("$SEDESK_BIN" complete -- --table)
like "set-up: the binary prints its command table" "$table" $'^global\t'

# --- sedesk --help: every command with its options -----------------------------
run ann --help
rc_is "--help exits 0" 0
help=$OUT
missing=""
while IFS=$'\t' read -r _ cmd opts; do
	line=$(printf '%s\n' "$help" | grep -E "^  $cmd( |$)")
	[ -n "$line" ] || { missing="$missing [$cmd]"; continue; }
	for o in $opts; do
		case "$line " in *"$o "*|*"$o]"*|*"$o)"*) ;; *) missing="$missing [$cmd $o]" ;; esac
	done
done < <(printf '%s\n' "$table" | awk -F '\t' '$1 == "command"')
is "--help lists every command of the table with each of its options" "$missing" ""
like "--help names the global options" "$help" '\[-c FILE\] \[--db DIR\] \[--json\]'
unlike "--help leaves out the hidden complete command" "$help" '^  complete'

run ann help case
rc_is "help case exits 0" 0
unlike "help case lists no enterprise command" "$OUT" '^  enterprise '
like "help case lists case close" "$OUT" '^  case close NUM --resolution TEXT'
fails 2 "help of a group that does not exist" ann help frobnicate
like "…names it" "$ERR" 'frobnicate'

# --- COMMAND --help, for every command: no desk needed ----------------------------
bad=""
while IFS=$'\t' read -r _ cmd opts; do
	# shellcheck disable=SC2086
	out=$(SEDESK_CONFIG=$T_DIR/no-such.ini "$SEDESK_BIN" $cmd --help 2>&1); rc=$?
	[ $rc -eq 0 ] || { bad="$bad [$cmd: exit $rc]"; continue; }
	case $out in "usage: sedesk $cmd"*) ;; *) bad="$bad [$cmd: $(printf '%s' "$out" | head -n 1)]" ;; esac
	for o in $opts; do
		[ "$o" = --json ] && continue
		printf '%s\n' "$out" | grep -Eq -- "^  $o( |$)" || bad="$bad [$cmd: no $o]"
	done
done < <(printf '%s\n' "$table" | awk -F '\t' '$1 == "command"')
is "COMMAND --help: exit 0, its usage and a line per option, for every command, without a configuration" "$bad" ""
run ann case route --help
like "case route --help: the usage from the table" "$OUT" '^usage: sedesk case route NUM DEPT\.\.\. \[--note TEXT\] \[--expect-version V\]'
like "case route --help: the help line" "$OUT" 'route a case to one or more departments'

# --- usage errors: the command's usage line on stderr -------------------------------
init_db
fails 2 "an unknown option of case list" ann case list --bogus
like "…the message names the option" "$ERR" 'unknown option --bogus'
like "…and shows the usage of case list" "$ERR" 'usage: sedesk case list \[--status S\]'
fails 2 "a missing required option" ann case close 2026-00001
like "…says what is required, from the table" "$ERR" '--resolution is required'
fails 2 "too many operands" ann case show 2026-00001 2026-00002
like "…says what to give" "$ERR" 'give one case number'
fails 2 "an operand where the command takes none" ann whoami now
like "…names it" "$ERR" 'unexpected argument now'
fails 2 "an option missing its value" ann case show 2026-00001 --limit
like "…names the option" "$ERR" 'option --limit needs a value'

# --- the table's permission, asked before the command does anything ---------------
# The file does not exist: a refusal that came after reading it would say so.
fails 4 "a manager's import is refused before the file is read" dina enterprise import "$T_DIR/no-such.csv"
like "…with the core's message" "$ERR" 'may not change the enterprise register'
unlike "…and the file was not opened" "$ERR" 'no-such'
fails 4 "an officer may not create cases" bram case new --enterprise x --subject y
like "…the core's message names the role" "$ERR" 'officer.*may not create cases'
fails 4 "a contact may not restore" ann restore "$T_DIR/no-such.mdb"
like "…with the core's message (no role check in the CLI)" "$ERR" 'only an administrator restores backups'
fails 4 "a contact may not make a backup" ann backup "$T_DIR/b.mdb"
[ ! -e "$T_DIR/b.mdb" ] && ok "…and no backup file was written" || not_ok "…and no backup file was written"
fails 4 "a manager may not rebuild the search index" dina reindex
run dina check
rc_is "a manager may check" 0
fails 4 "a manager may not repair (the core says so)" dina check --repair

finish
