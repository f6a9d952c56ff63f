#!/bin/bash
# Consistent keys (issue 10): q and Esc go back on every screen; leaving the
# program from the inbox asks once (y/n) and Q quits at once; on the search
# screen q and ? are typed into the query and the status line does not
# claim them; the help of a screen lists exactly the keys that act there;
# where a letter filters (the case list) rather than acts (the case), the
# status line and the help say so; a closed case offers no closing.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701
setup ann case new --enterprise 0403.170.701 --subject "Vraag over een startlening"
NUM=$CLI_OUT
setup ann case new --enterprise 0403.170.701 --subject "Afgesloten vraag"
DONE=$CLI_OUT
setup ann case close "$DONE" --resolution "Beantwoord aan de telefoon" --satisfaction 4

status_line() { screen | sed -n 23p; }
_exited() { ! tui_alive; }

# The key labels of the help rows (column 4 on), one per line, in order.
help_labels() {
	screen | grep -E '^ {4}[^ ]' | while IFS= read -r _l; do
		_k=${_l:4:14}
		printf '%s\n' "${_k%"${_k##*[! ]}"}"
	done
}

# One assertion: the help lists exactly the labels given (in that order).
help_exactly() {	# help_exactly DESC LABEL…
	_want=$(printf '%s\n' "${@:2}")
	is "$1" "$(help_labels)" "$_want"
}

# One assertion: KEYS pressed on the screen showing FROM lead back to the inbox.
back_to_inbox() {	# back_to_inbox DESC KEYS…
	_d=$1; shift
	keys "$@"
	expect_screen "$_d" 3 " need"
}

tui_start
need "the inbox opens" 5 " need"

# --- q and Esc go back, everywhere -------------------------------------------------
keys Enter
need "Enter opens the case" 3 "Case $NUM"
back_to_inbox "q leaves the case for the inbox" q
keys Enter
need "the case again" 3 "Case $NUM"
back_to_inbox "Esc leaves the case for the inbox" Escape
keys l
need "l opens the case list" 3 "Cases"
back_to_inbox "q leaves the case list" q
keys l
need "the case list again" 3 "Cases"
back_to_inbox "Esc leaves the case list" Escape
keys e
need "e opens the enterprise list" 3 "Kringwinkel Het Anker"
keys Enter
need "Enter opens the enterprise" 3 "Cases: "
keys q
wait_gone 3 "Cases: "
back_to_inbox "q leaves the enterprise, then the list" q
keys e
need "the enterprise list again" 3 "Kringwinkel Het Anker"
keys Enter
need "the enterprise again" 3 "Cases: "
keys Escape
wait_gone 3 "Cases: "
back_to_inbox "Esc leaves the enterprise, then the list" Escape
keys '?'
need "? opens the help" 3 "This screen"
back_to_inbox "q leaves the help" q
keys '?'
need "the help again" 3 "This screen"
back_to_inbox "Esc leaves the help" Escape
keys /
need "/ opens the search" 3 "Search"
back_to_inbox "Esc leaves the search" Escape

# --- leaving the program --------------------------------------------------------------
keys q
expect_screen "q on the inbox asks before quitting" 3 "Quit sedesk?"
keys n
wait_gone 3 "Quit sedesk?"
if tui_alive; then ok "n keeps sedesk running"; else not_ok "n keeps sedesk running"; fi
keys Escape
expect_screen "Esc on the inbox asks too" 3 "Quit sedesk?"
keys Escape
wait_gone 3 "Quit sedesk?"
if tui_alive; then ok "Esc in the question keeps sedesk running"; else not_ok "Esc keeps sedesk running"; fi
keys q
need "the question once more" 3 "Quit sedesk?"
keys y
wait_for 3 _exited
if ! tui_alive && [ "$(pane_status "$T_SESSION")" = 0 ]; then ok "y quits, with status 0"
else not_ok "y quits, with status 0" "$(screen)"; fi

tui_start
need "the inbox opens again" 5 " need"
keys Enter
need "the case opens" 3 "Case $NUM"
keys Q
_i=0; while tui_alive && [ $_i -lt 30 ]; do sleep 0.1; _i=$((_i + 1)); done
if ! tui_alive && [ "$(pane_status "$T_SESSION")" = 0 ]; then ok "Q on the case screen quits at once, status 0"
else not_ok "Q on the case screen quits at once, status 0" "$(screen)"; fi

# Q from the other screens too (the help used to swallow it).
for _s in "?:This screen:help" "l:Cases:case list" "e:Enterprises (:enterprise list"; do
	_k=${_s%%:*} _r=${_s#*:}; _w=${_r%%:*} _n=${_r#*:}
	tui_start
	need "the inbox opens (Q on the $_n)" 5 " need"
	keys "$_k"
	need "the $_n opens" 3 "$_w"
	keys Q
	_i=0; while tui_alive && [ $_i -lt 30 ]; do sleep 0.1; _i=$((_i + 1)); done
	if ! tui_alive && [ "$(pane_status "$T_SESSION")" = 0 ]; then ok "Q on the $_n quits at once, status 0"
	else not_ok "Q on the $_n quits at once, status 0" "$(screen)"; fi
done

# --- the search field: q and ? are text ------------------------------------------------
tui_start
need "the inbox opens (search)" 5 " need"
keys /
need "the search screen" 3 "Search"
typein "q?Q"
expect_screen "q, ? and Q typed in the search field appear in the query" 2 "Search   q?Q"
if tui_alive; then ok "… and Q did not quit"; else not_ok "… and Q did not quit"; fi
st=$(status_line)
case $st in *"q:"* | *"q Esc"*) not_ok "the search's status line claims no q" "$st" ;;
*) ok "the search's status line claims no q" ;; esac
case $st in *"?:"* | *"? F1"*) not_ok "the search's status line claims no ?" "$st" ;;
*) ok "the search's status line claims no ?" ;; esac
case $st in *"Esc:back"*"F1:help"*) ok "the search's status line offers Esc:back and F1:help" ;;
*) not_ok "the search's status line offers Esc:back and F1:help" "$st" ;; esac
keys F1
need "F1 opens the search's help" 3 "Editing text"
help_exactly "the search's help lists exactly the keys that act there" \
    Esc F1 Enter "↓ ↑" "PgDn PgUp" ctrl-l Tab "← → ctrl-b/f" Backspace "Del ctrl-d" \
    "Home ctrl-a" "End ctrl-e" "ctrl-u ctrl-k" ctrl-w
keys Escape
wait_gone 3 "Editing text"
expect_screen "Esc leaves the help with the query kept" 2 "Search   q?Q"
keys Escape
need "Esc leaves the search" 3 " need"

# --- help lists exactly the keys of the screen ------------------------------------------
# The inbox's keys (v: events, M: contact moments; issue 12; R: reports, issue 14) fill more
# than 24 rows: a taller window.
_size_is() { [ "$(win_size)" = "$1" ]; }
resize 80 30
wait_for 3 _size_is 80x30
keys '?'
need "the inbox's help" 3 "This screen"
help_exactly "the inbox's help lists exactly the keys that act there" \
    n l e v M O / R "j ↓" "k ↑" "PgDn space" PgUp "g Home" "G End" Enter q Esc Q "? F1" r ctrl-l
resize 80 24
wait_for 3 _size_is 80x24
keys q
resize 80 24
need "back on the inbox" 3 " need"
wait_for 3 eval '[ -n "$(status_line)" ]'

# --- a letter that filters says so; one that acts says so ------------------------------
keys l
need "the case list" 3 "Cases"
st=$(status_line)
case $st in *"filter s:status"*) ok "the case list's status line marks s as a filter" ;;
*) not_ok "the case list's status line marks s as a filter" "$st" ;; esac
keys '?'
need "the case list's help" 3 "This screen"
hl=$(screen | grep -A1 -F "Filter the list" | tail -1)
like "the case list's help heads s under \"Filter the list\"" "$hl" '^    s +filter by status'
keys q q
need "the inbox" 3 " need"
keys Enter
need "the case" 3 "Case $NUM"
keys '?'
need "the case's help" 3 "This screen"
expect_screen "the case's help heads its actions \"Act on this case\"" 1 "Act on this case"
refute_screen "… and has no filters" "Filter the list"
keys q q

# --- the case's state rules keys out ---------------------------------------------------
need "the inbox" 3 " need"
# Open the closed case by search (its row's position in the list may vary).
keys /
need "search for the closed case" 3 "Search"
typein "$DONE"
wait_screen 3 "Afgesloten vraag"
keys Enter
need "the closed case opens" 3 "Case $DONE"
st=$(status_line)
case $st in *"c:close"*) not_ok "a closed case offers no c:close" "$st" ;;
*) ok "a closed case offers no c:close" ;; esac
keys '?'
need "the closed case's help" 3 "This screen"
refute_screen "… nor does its help" "close with resolution"
finish
