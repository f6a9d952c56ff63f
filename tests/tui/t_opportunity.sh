#!/bin/bash
# Opportunities in the interface (issue 13): a purchasing officer (bram,
# eco) opens the opportunities from the inbox (O), records one with two
# lots, one reserved, in the form; its screen shows the lots' effect and
# the enterprises that fit, best first with their reasons; he invites the
# first (a contact moment) and awards it the reserved lot.  The contact
# point (ann) finds the award on the enterprise's timeline and opens the
# opportunity from there; the manager is offered no key that changes one.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Groen Atelier" --number 0403.170.701 --kind maatwerkbedrijf \
	--recognition maatwerkbedrijf=2019-01-01 --nace 81.300 --offers "groenonderhoud, snoeiwerk"
setup ann enterprise add --name "Tuin en Co" --number 0200.065.765 --nace 81.300 \
	--offers groenonderhoud
J() { cli root opportunity list --json; }

# --- record ------------------------------------------------------------------------------------
tui_start SEDESK_USER=bram
need "bram's inbox opens" 5 "need"
keys O
need "O opens the opportunities" 3 "Opportunities (0)"
keys a
need "a opens the form" 3 "New opportunity"
typein "Groenonderhoud parken"
keys Tab Tab Tab Tab
typein "2026-04-30"
keys Tab
typein "Maaien=20000 | Snoeiwerk=10000;reserved"
keys Tab Tab
typein "maatwerkbedrijf"
keys Tab
typein "5"
keys Tab
typein "fair-work, inclusion"
keys Tab
typein "81.300"
keys Tab
typein "groenonderhoud"
keys F2
need "saving opens the opportunity" 3 "Groenonderhoud parken  [purchase, open]"
expect_screen "the deadline with its countdown" 1 "2026-04-30 (59 days)"
expect_screen "the reserved lot" 1 "2. Snoeiwerk  €10,000.00  reserved"
expect_screen "the lots' effect" 1 "2 lots under €30,000.00 each: within reach of 2 registered"
expect_screen "the matches, best first" 1 "1. Groen Atelier (0403.170.701)"
expect_screen "…with their reasons" 1 "NACE 81.300 Services to buildings"
O=$(J | jq -r '.opportunities[0].id')
like "the opportunity is stored" "$O" '^[0-9a-f-]{36}$'
is "JSON: department eco, value the lots' sum" \
	"$(cli root opportunity show "$O" --json | jq -r '"\(.department) \(.value_cents) \(.lots | length)"')" \
	"eco 3000000 2"

# --- invite, award ---------------------------------------------------------------------------
keys i
need "i invites the highlighted enterprise" 3 "invited: a contact moment was recorded."
expect_screen "…marked on the list" 1 "Groen Atelier (0403.170.701)  · invited"
# Tuin en Co has no recognition: the reserved lot is refused with the reason.
keys j w
need "w asks which lot" 3 "Which lot?"
keys Down Enter
need "…and the value" 3 "Awarded value (euro)"
typein "9000"
keys Enter
need "a reserved lot to one that does not qualify is refused" 3 "is reserved"
keys k w
wait_screen 3 "Which lot?"
keys Down Enter
wait_screen 3 "Awarded value (euro)"
typein "9.500"
keys Enter
need "the reserved lot is awarded to the maatwerkbedrijf" 3 "awarded."
expect_screen "the award on the screen" 1 "lot 2: Groen Atelier  €9,500.00"
is "JSON: the award" \
	"$(cli root opportunity show "$O" --json | jq -r '.awards[0] | "\(.lot) \(.value_cents) \(.social)"')" \
	"2 950000 true"
expect_quit "bram leaves"

# --- the contact point sees it on the enterprise's timeline --------------------------------------
tui_start
need "ann's inbox opens" 5 "need"
keys O
need "ann sees the opportunity" 3 "Groenonderhoud parken"
keys Enter
need "it opens" 3 "Enterprises that fit (2)"
keys Enter
need "Enter opens the highlighted enterprise" 3 "Groen Atelier"
keys t
need "its timeline shows the award" 3 "award           awarded     Groenonderhoud parken, lot 2, €9,5"
expect_screen "…and the invitation, a contact moment" 1 "e-mail: Invitation to opportunity"
keys j Enter
need "Enter on the award opens the opportunity" 3 "Groenonderhoud parken  [purchase, open]"
expect_quit "ann leaves"

# --- the manager reads only ---------------------------------------------------------------------
tui_start SEDESK_USER=dina
need "dina's inbox opens" 5 "need"
keys O
need "dina sees the list" 3 "Groenonderhoud parken"
keys a
expect_screen "no form for the manager" 2 "may not record opportunities"
expect_quit "dina leaves"
finish
