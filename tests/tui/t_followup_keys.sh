#!/bin/bash
# Withdraw (W), remind (m) and follow-up (F) on the case screen (issue 10):
# each asks what the CLI's case withdraw / remind / follow-up take, is
# offered only when the core allows it, and a closed case shows the
# contact point's own view beside the enterprise's satisfaction.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Fietsatelier Zuid" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "Ruimte voor een atelier" --category funding
NUM=$CLI_OUT
setup ann case route "$NUM" eco wel
J() { cli root case show "$NUM" --json; }

# --- W withdraws an open route, with its reason ------------------------------------------
tui_start
need "ann's inbox opens" 5 "need"
keys l
need "l lists the cases" 3 "$NUM"
keys Enter
need "Enter opens the case" 3 "Case $NUM"
keys W
need "W asks which open route" 3 "Which department?"
expect_screen "wel's open route is offered, by its name" 1 "Welzijn"
keys Down Enter
need "then why it is withdrawn" 3 "Why is the route to Welzijn withdrawn?"
typein "  "
keys Enter
need "an empty reason is refused before the confirmation" 3 "a withdrawal needs its reason"
refute_screen "no confirmation was asked" "Withdraw the route"
is "wel's route is still pending" "$(J | jq -r '.routes[] | select(.department=="wel") | .status')" pending
keys W
wait_screen 3 "Which department?"
keys Down Enter
wait_screen 3 "Why is the route to Welzijn withdrawn?"
typein "Het gaat om ruimte, niet om welzijn."
keys Enter
need "the confirmation names case and department" 3 "Withdraw the route of case $NUM to Welzijn?"
keys y
expect_screen "the route is withdrawn" 3 "route withdrawn."
is "JSON: wel's route is withdrawn" "$(J | jq -r '.routes[] | select(.department=="wel") | .status')" withdrawn
is "JSON: eco's route stays pending" "$(J | jq -r '.routes[] | select(.department=="eco") | .status')" pending
is "the journal keeps the reason" \
	"$(J | jq -r '[.journal[] | select(.kind=="withdrawn" and .department=="wel") | .text] | join("")')" \
	"Het gaat om ruimte, niet om welzijn."

# --- m reminds the (now only) open route ----------------------------------------------------
keys m
need "m asks for the reminder's text, for the one open route" 3 "Reminder to Economie en ondernemen (optional)"
typein "Graag een antwoord deze week."
keys Enter
expect_screen "reminded" 3 "reminded."
is "the reminder is journaled for eco with its text" \
	"$(J | jq -r '[.journal[] | select(.kind=="reminded") | .department + " " + .text] | join("")')" \
	"eco Graag een antwoord deze week."

# --- F sets a follow-up day ----------------------------------------------------------------
keys F
need "F asks the day" 3 "Follow up on (YYYY-MM-DD)"
typein "volgende week"
keys Enter
need "a wrong date is refused before the note is asked" 3 "is not a date"
refute_screen "no note was asked" "What is the follow-up for?"
keys F
wait_screen 3 "Follow up on"
typein "2026-03-09"
keys Enter
need "then what for" 3 "What is the follow-up for? (optional)"
typein "Bel de zaakvoerder terug."
keys Enter
expect_screen "the day is set" 3 "follow-up day set."
is "JSON: follow_up" "$(J | jq -r .follow_up)" 2026-03-09
expect_screen "the case screen shows the follow-up day" 3 "follow up on 2026-03-09"
expect_quit "ann's session ends with status 0"

# --- an officer is not offered them --------------------------------------------------------
tui_start SEDESK_USER=bram
need "bram's inbox lists eco's route" 5 "$NUM"
keys Enter
need "bram opens the case" 3 "Case $NUM"
keys '?'
need "? opens the case's help" 3 "This screen"
expect_screen "bram's help lists what he may do" 1 "add a note"
for _h in "withdraw an open route" "remind a department" "set a follow-up day"; do
	refute_screen "bram: the case help has no \"$_h\"" "$_h"
done
keys q
wait_gone 3 "This screen"
for _k in W m F; do
	keys "$_k"
	sleep 0.3
	refute_screen "bram: $_k opens no dialog" "Which department?"
	refute_screen "bram: $_k asks no reminder" "Reminder to"
	refute_screen "bram: $_k asks no day" "Follow up on"
done
is "bram's keys changed nothing" "$(J | jq -r '[.journal[] | select(.actor=="bram")] | length')" 0
expect_quit "bram's session ends with status 0"

# --- ann's help lists them; a closed case shows both scores and offers none ------------------
setup ann case close "$NUM" --resolution "Pandenfonds" --satisfaction 4 --own-view 2
tui_start
need "ann's inbox opens" 5 "need"
keys l
need "l lists the cases" 3 "$NUM"
keys Enter
need "Enter opens the closed case" 3 "Case $NUM · closed"
like "the resolution line shows the enterprise's score" "$(screen_line Resolution)" "satisfaction 4/5"
like "…and the contact point's own view beside it" "$(screen_line Resolution)" "own view 2/5"
keys '?'
need "? opens the closed case's help" 3 "This screen"
for _h in "withdraw an open route" "remind a department" "set a follow-up day"; do
	refute_screen "closed: the case help has no \"$_h\"" "$_h"
done
expect_quit "the closed-case session ends with status 0"

# --- on a waiting case ann's help lists all three ---------------------------------------------
setup ann case new --enterprise 0200.065.765 --subject "Tweede vraag" --category funding
N2=$CLI_OUT
setup ann case route "$N2" eco
setup ann case wait "$N2" --until 2026-03-16 --reason "De jaarrekening."
tui_start
need "ann's inbox opens" 5 "need"
keys l
need "l lists the cases" 3 "$N2"
keys Enter
need "Enter opens the newest" 3 "Case $N2"
expect_screen "a waiting case shows until when it waits" 1 "waits until 2026-03-16"
keys '?'
need "? opens the case's help" 3 "This screen"
for _h in "withdraw an open route" "remind a department" "set a follow-up day"; do
	expect_screen "ann: the case help lists \"$_h\"" 1 "$_h"
done
expect_quit "the last session ends with status 0"
finish
