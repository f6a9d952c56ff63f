#!/bin/bash
# `?` shows the keys of the screen it was pressed on, from the key table that
# dispatches them; q goes back to that screen.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Brouwerij 't Hoekske" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "Vraag over een vergunning"
NUM=$CLI_OUT

# One assertion: a help row whose key column (columns 4-17) names KEY among
# its keys and whose text (from column 19) starts with DESCRIPTION.
help_has() {	# help_has SCREEN KEY DESCRIPTION
	_found=
	while IFS= read -r _line; do
		_label=" ${_line:4:14} "
		_label=${_label//  / }
		case $_label in *" $2 "*) ;; *) continue ;; esac
		case ${_line:19} in "$3"*) _found=1 ;; esac
	done <<<"$(screen)"
	if [ -n "$_found" ]; then ok "help of the $1 lists $2: $3"
	else not_ok "help of the $1 lists $2: $3" "$(screen)"; fi
}

tui_start
need "the inbox opens" 5 " need"
# The inbox's keys (O: opportunities, issue 13; R: reports, issue 14) and the global ones
# fill more than 24 rows: a taller window.
_size_is() { [ "$(win_size)" = "$1" ]; }
resize 80 30
wait_for 3 _size_is 80x30
keys '?'
need "? opens the help" 3 "This screen"
expect_screen "the help names the screen it is for" 1 " Inbox"
help_has inbox n "new case"
help_has inbox l "all cases"
help_has inbox e "enterprises"
help_has inbox / ""		# (search or go to: the wording is still moving)
help_has inbox "j ↓" "next row"
help_has inbox Enter "open"
help_has inbox q "back; quit from the inbox"
help_has inbox "?" "help: the keys of this screen"
help_has inbox R "reports: departments, silos"
refute_screen "the inbox's help has no keys of the case screen" "route to departments"
resize 80 24
wait_for 3 _size_is 80x24
keys q
wait_gone 3 "This screen"
expect_screen "q leaves the help for the inbox" 2 " need"
resize 80 24
wait_for 3 _size_is 80x24

# The case screen has keys of its own.
keys Enter
need "Enter opens the case" 3 "Case $NUM"
keys '?'
need "? on the case screen opens its help" 3 "This screen"
expect_screen "the help names the case screen" 1 " Case"
help_has "case screen" R "route to departments"
# Work on routes is the departments': the contact is not offered it (the
# officer's help is in t_roles.sh).
refute_screen "the contact's case help offers no pick up" "pick up (your department)"
refute_screen "the contact's case help offers no answer" "answer (your department)"
refute_screen "the contact's case help offers no decline" "decline with a reason"
help_has "case screen" n "add a note"
help_has "case screen" c "close with resolution and satisfaction"
help_has "case screen" e "edit the fields"
refute_screen "the case screen's help has no inbox keys" "all cases"
keys q
wait_gone 3 "This screen"
expect_screen "q leaves the help for the case" 2 "Case $NUM"

# The enterprise list.
keys q
wait_screen 3 " need"
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys '?'
need "? on the enterprise list opens its help" 3 "This screen"
help_has "enterprise list" a "add an enterprise"
help_has "enterprise list" / "find by name or number"
keys '?'
wait_gone 3 "This screen"
expect_screen "? again closes the help" 2 "Enterprises ("
expect_quit "sedesk quits with status 0"

finish
