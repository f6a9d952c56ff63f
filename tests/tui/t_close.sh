#!/bin/bash
# Closing a case from the case screen: Esc at the resolution prompt or at the
# satisfaction chooser changes nothing; in the chooser "The enterprise: did
# you feel helped? (1–5)" the digit keys choose that satisfaction (4 means 4).
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Fietsatelier Zuid" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "Vraag over een pand" --category funding
NUM=$CLI_OUT
setup ann case route "$NUM" eco
setup bram case answer "$NUM" --dept eco --text "Zie het pandenfonds."
field() { cli root case show "$NUM" --json | jq -r "$1"; }
is "set-up: the case is answered" "$(field .status)" answered

tui_start
need "the inbox lists the answered case" 5 "$NUM answered"
keys Enter
need "Enter opens the case" 3 "Case $NUM · answered"
expect_screen "the open case's status line offers c:close" 1 "c:close"
expect_screen "the open case's status line offers R:route" 1 "R:route"

keys c
need "c asks for the resolution" 3 "Resolution: how was the enquiry answered?"
keys Escape
wait_gone 3 "Resolution: how"
is "Esc at the resolution prompt closes nothing" "$(field .status)" answered

keys c
wait_screen 3 "Resolution: how"
typein "Pandenfonds"
keys Enter
need "Enter asks for the satisfaction" 3 "not asked"
keys Escape
wait_gone 3 "not asked"
is "Esc at the satisfaction chooser closes nothing" "$(field .status)" answered

keys c
wait_screen 3 "Resolution: how"
typein "Pandenfonds"
keys Enter
wait_screen 3 "not asked"
keys 4
need "the digit 4 chooses, and the own view follows" 3 "did we help well?"
keys Enter
need "then the confirmation" 3 "Close case $NUM?"
keys y
expect_screen "y closes the case" 3 "Case $NUM · closed"
is "the digit 4 in the satisfaction chooser records satisfaction 4" "$(field .satisfaction)" 4
expect_screen "the case screen shows satisfaction 4/5" 1 "satisfaction 4/5"
is "the resolution is stored" "$(field .resolution)" "Pandenfonds"

# What the case's state rules out is not offered (issue 11): a closed case
# is not closed or routed again, and c says so at once, asking nothing.
refute_screen "the closed case's status line has no c:close" "c:close"
refute_screen "the closed case's status line has no R:route" "R:route"
keys c
expect_screen "c on the closed case says it is closed" 3 "the case is already closed."
refute_screen "c on the closed case asks for no resolution" "Resolution: how"
is "c on the closed case changes nothing" "$(field .status)" closed
keys o
expect_screen "o reopens the case" 3 "reopened."
expect_screen "the reopened case's status line offers c:close again" 1 "c:close"
expect_quit "sedesk quits with status 0"

finish
