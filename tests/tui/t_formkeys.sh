#!/bin/bash
# The forms dispatch every key through their key table (issue 11): the status
# line and the help, generated from that table, name exactly the keys that
# act on a form.  Letters are typed: q, ? and r belong to the text, on a
# choice field too (where they used to leave the form, open the help or
# "refresh"), and the status line does not claim them.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701

# One assertion: a help row that starts (at column 4) with the keys KEY and
# holds TEXT.
help_row() {	# help_row DESC KEY TEXT
	if screen | grep -E '^ {4}[^ ]' | grep -F -- "    $2 " | grep -q -F -- "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(screen)"
	fi
}

tui_start SEDESK_USER=ann
need "the inbox opens" 5 " need"
keys n
need "n opens the new case form" 3 "New case"
status=$(screen | sed -n 23p)
case $status in *"Esc:back"*) ok "the form's status line offers Esc:back" ;;
*) not_ok "the form's status line offers Esc:back" "$status" ;; esac
case $status in *"F1:help"*) ok "the form's status line offers F1:help" ;;
*) not_ok "the form's status line offers F1:help" "$status" ;; esac
case $status in *"F2 ctrl-s:save"*) ok "the form's status line offers F2 ctrl-s:save" ;;
*) not_ok "the form's status line offers F2 ctrl-s:save" "$status" ;; esac
case $status in *"q:"*) not_ok "the form's status line claims no q (it is typed)" "$status" ;;
*) ok "the form's status line claims no q (it is typed)" ;; esac
case $status in *"?:"*) not_ok "the form's status line claims no ? (it is typed)" "$status" ;;
*) ok "the form's status line claims no ? (it is typed)" ;; esac

# The subject takes q, ? and r as text.
keys Tab
typein "Vraag? quorum r"
expect_screen "q, ? and r are typed into the subject" 2 "Vraag? quorum r"
refute_screen "? typed opened no help" "This screen"

# On a choice field (the category) the letters do nothing: no leaving, no help.
keys Tab
keys q
keys '?'
keys r
keys Right
expect_screen "→ on the category still chooses (the keys before it were ignored)" 2 \
    "‹ Subsidies en financiering ›"
refute_screen "q on a choice field does not leave the form" "Leave and lose what you typed?"
refute_screen "? on a choice field opens no help" "This screen"
refute_screen "r on a choice field does not \"refresh\"" "refreshed."
expect_screen "the form is still open with the subject typed" 1 "Vraag? quorum r"
keys Left
expect_screen "← on the category goes back to (none)" 2 "‹ (none) ›"

# F1: the help of the form, from its key table.
keys F1
need "F1 opens the form's help" 3 "This screen"
expect_screen "the help names the case form" 1 " Case form"
help_row "the help lists Esc" "Esc" "back"
help_row "the help lists F1" "F1" "help"
help_row "the help lists F2 ctrl-s: save" "F2 ctrl-s" "save"
help_row "the help lists Tab: next field" "Tab" "next field"
help_row "the help lists Enter" "Enter" "pick a choice"
help_row "the help lists ← → (and ctrl-b/f)" "← → ctrl-b/f" "a choice: previous / next"
help_row "the help lists ↓ ↑" "↓ ↑" "next / previous field"
help_row "the help lists Backspace" "Backspace" "delete the character before"
help_row "the help lists ctrl-l" "ctrl-l" "redraw"
refute_screen "the form's help has no Everywhere section (q, ?, r are typed)" "Everywhere"
refute_screen "the form's help does not list q" "back; quit from the inbox"
refute_screen "the form's help does not list r" "refresh from the database"
keys Escape
wait_gone 3 "This screen"
expect_screen "Esc leaves the help for the form" 2 "Vraag? quorum r"

# Editing keys from the table act on the text.
keys Up
typein "x"
need "↑ goes back to the subject, where x is typed" 2 "Vraag? quorum rx"
keys BSpace
if wait_gone 2 "quorum rx" && screen_has "Vraag? quorum r"; then
	ok "Backspace removes what was typed last"
else
	not_ok "Backspace removes what was typed last" "$(screen)"
fi
keys C-u
wait_gone 2 "Vraag? quorum r"
refute_screen "ctrl-u clears the subject" "Vraag? quorum"
keys Escape
need "Esc on a form with input asks before leaving" 3 "Leave and lose what you typed?"
keys y
need "y leaves the form" 3 " need"

# The enterprise form: the same table.
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys a
need "a opens the new enterprise form" 3 "New enterprise"
typein "quiz?"
expect_screen "q and ? are typed into the name" 2 "quiz?"
refute_screen "… and no help opened" "This screen"
status=$(screen | sed -n 23p)
case $status in *"q:"*) not_ok "the enterprise form's status line claims no q" "$status" ;;
*) ok "the enterprise form's status line claims no q" ;; esac
keys F1
need "F1 opens the enterprise form's help" 3 "This screen"
expect_screen "the help names the enterprise form" 1 " Enterprise form"
help_row "the enterprise form's help lists F2 ctrl-s" "F2 ctrl-s" "save"
keys Escape
wait_gone 3 "This screen"
keys Escape
need "Esc asks before losing the name" 3 "Leave and lose what you typed?"
keys y
need "y leaves the form" 3 "Enterprises ("
expect_quit "sedesk quits with status 0"

finish
