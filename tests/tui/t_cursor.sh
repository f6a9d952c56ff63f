#!/bin/bash
# A visible text cursor in every text field (issue 10): after typing in a
# form field, in the search field and in a prompt, the terminal's cursor is
# shown and stands just after the typed text (and moves with ←); on the list
# screens and the case screen it is hidden.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701
setup ann case new --enterprise 0403.170.701 --subject "Vraag over een startlening"
NUM=$CLI_OUT

tui_start
need "the inbox opens" 5 " need"
expect_flag "the cursor is hidden on the inbox" 0

keys n
need "n opens the new case form" 3 "New case"
keys Tab
typein "Subsidie ökonomie"
need "the subject is typed" 2 "Subsidie ökonomie"
expect_flag "the cursor is shown in the form's text field" 1
expect_cursor "the cursor stands after the typed subject" "$(after "Subsidie ökonomie")"
keys Left Left Left
want=$(after "Subsidie ökono")
expect_cursor "← moves the cursor back three characters" "$want"
keys Tab
keys Escape
need "Esc asks before losing the typing" 3 "Leave and lose what you typed?"
expect_flag "the question hides the cursor" 0
keys y
need "back on the inbox" 3 " need"
expect_flag "the cursor is hidden again on the inbox" 0

keys /
need "/ opens the search" 3 "Search"
typein "anker"
need "the query is typed" 2 "Search   anker"
expect_flag "the cursor is shown in the search field" 1
expect_cursor "the cursor stands after the query" "$(after "Search   anker")"
keys Escape
need "back on the inbox (search)" 3 " need"

keys l
need "the case list" 3 "Cases"
expect_flag "the cursor is hidden on the case list" 0
keys q Enter
need "the case" 3 "Case $NUM"
expect_flag "the cursor is hidden on the case screen" 0
finish
