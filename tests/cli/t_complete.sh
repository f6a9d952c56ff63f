#!/bin/bash
# Bash completion (share/completion/sedesk.bash over `sedesk complete`):
# commands and options from the command table, departments and categories
# from the configuration, case numbers from the database — only those the
# caller may see.  Each assertion runs a real bash with the completion
# loaded: COMP_WORDS=(…) COMP_CWORD=… _sedesk; the candidates are COMPREPLY.
. "$(dirname "$0")/common.sh"
COMPLETION=$(cd "$(dirname "$0")/../.." && pwd)/share/completion/sedesk.bash
init_db

# `sedesk` on PATH is the binary under test, as the completion calls it by
# the name typed.
mkdir -p "$T_DIR/bin"
ln -s "$SEDESK_BIN" "$T_DIR/bin/sedesk"

# comp USER WORD… : the sorted candidates for the last WORD (may be ''),
# on one line.
comp() {
	_u=$1; shift
	SEDESK_USER=$_u PATH="$T_DIR/bin:$PATH" bash --norc -c '
		. "$1"; shift
		COMP_WORDS=(sedesk "$@"); COMP_CWORD=$#
		_sedesk
		printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETION" "$@" </dev/null |
	    grep -v '^$' | sort | tr '\n' ' ' | sed 's/ $//'
}

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1")
C1=$(new_case --enterprise "$E1" --subject "Voor eco")
C2=$(new_case --enterprise "$E1" --subject "Voor wel")
C3=$(new_case --enterprise "$E1" --subject "Nog nergens heen")
as ann case route "$C1" eco >/dev/null 2>&1
as ann case route "$C2" wel >/dev/null 2>&1
is "set-up: three cases, routed to eco, to wel and nowhere" \
    "$(cfield "$C1" '.routes[0].department') $(cfield "$C2" '.routes[0].department') $(cfield "$C3" '.routes | length')" \
    "eco wel 0"

# --- commands and subcommands, from the table ----------------------------------
got=$(comp ann '')
like "the first word: the commands and the groups" "$got" '(^| )case( |$).*(^| )enterprise( |$).*(^| )inbox( |$)'
like "the first word: help is offered" "$got" '(^| )help( |$)'
unlike "the first word: the hidden complete command is not offered" "$got" '(^| )complete( |$)'
unlike "the first word: a group is offered once" "$got" 'case case'
is "a prefix narrows the commands" "$(comp ann ca)" "case"
is "the subcommands of case starting with p" "$(comp ann case p)" "pickup"
is "the subcommands of enterprise" "$(comp ann enterprise '')" "add edit import import-kbo list nace show timeline"
is "an unknown command offers nothing" "$(comp ann frobnicate '')" ""

# --- options, from the table (the command's and the global ones) ---------------
is "case list --d: its --dept and the global --db" "$(comp ann case list --d)" "--db --dept"
is "case close --: its own options, --help and the global ones" "$(comp ann case close --)" \
    "--config --db --expect-version --help --json --own-view --resolution --satisfaction"
like "enterprise add: one option per enterprise field" "$(comp ann enterprise add --le)" '^--legal-form$'
is "the options of no command yet: the global ones" "$(comp ann --)" "--config --db --help --json --version"

# --- departments and categories, from the configuration ------------------------
is "--dept offers the configured departments" "$(comp ann case list --dept '')" "eco spa wel"
is "--dept with a prefix" "$(comp bram case pickup "$C1" --dept w)" "wel"
is "route: the departments after the case number" "$(comp ann case route "$C3" '')" "eco spa wel"
is "route: more departments after the first" "$(comp ann case route "$C3" eco s)" "spa"
is "--category offers the configured categories" "$(comp ann case new --category '')" "funding permit"
# -c on the line: the completion reads that configuration.
sed 's/^\[department:spa\]/[department:xtra]/' "$T_CONF" >"$T_DIR/other.ini"
is "-c FILE on the line chooses the configuration read" \
    "$(comp ann -c "$T_DIR/other.ini" case list --dept '')" "eco wel xtra"

# --- case numbers, from the database, as the caller may see them --------------
all=$(printf '%s\n' "$C1" "$C2" "$C3" | sort | tr '\n' ' ' | sed 's/ $//')
is "the contact is offered every case" "$(comp ann case show '')" "$all"
is "the manager is offered every case" "$(comp dina case show '')" "$all"
is "the eco officer is offered only the case routed to eco" "$(comp bram case show '')" "$C1"
is "the wel officer is offered only the case routed to wel" "$(comp chris case answer '')" "$C2"
is "a prefix narrows the case numbers" "$(comp ann case close "${C2%?}")" \
    "$(printf '%s\n' "$C1" "$C2" "$C3" | grep "^${C2%?}" | sort | tr '\n' ' ' | sed 's/ $//')"
is "after the one case number, nothing more" "$(comp ann case show "$C1" '')" ""
is "an unknown login is offered no cases (and no error on the terminal)" \
    "$(comp nobody case show '' 2>&1)" ""

# --- files: the shell completes them -------------------------------------------
mkdir -p "$T_DIR/files" && : >"$T_DIR/files/backup-1.mdb" && : >"$T_DIR/files/other"
is "backup: a file name, completed by the shell" \
    "$(cd "$T_DIR/files" && comp root backup ba)" "backup-1.mdb"
is "--text-file: a file name" "$(cd "$T_DIR/files" && comp bram case answer "$C1" --text-file o)" "other"
is "free text (--subject) offers nothing" "$(comp ann case new --subject '')" ""

finish
