#!/bin/bash
# `case show --json` marks an overdue case and an overdue route as the
# interface and the lists do: the core decides (issue 11), the JSON says.
#
# Clock: Monday 2026-03-02 09:00 UTC (see common.sh); eco answers in 3
# working days, the general service level is 8 (tests/fixture/sedesk.ini).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Ruimte voor een atelier"
C1=$OUT
run ann case route "$C1" eco
rc_is "set-up: routed to eco" 0

run ann case show "$C1" --json
jq_is "a new case is not overdue" '.overdue' false
jq_is "its fresh route is not overdue" '.routes[0].overdue' false

# Four weeks on: the route (3 days) and the case (8 days) are both late.
SEDESK_NOW=2026-03-30T09:00:00Z run ann case show "$C1" --json
jq_is "four weeks on the case is overdue" '.overdue' true
jq_is "…and so is its open route" '.routes[0].overdue' true

# An answered route is done, however late; the open case stays overdue.
SEDESK_NOW=2026-03-30T09:00:00Z run bram case answer "$C1" --dept eco --text "Ja, er is ruimte."
rc_is "set-up: eco answers late" 0
SEDESK_NOW=2026-03-30T09:00:00Z run ann case show "$C1" --json
jq_is "an answered route is not overdue" '.routes[0].overdue' false
jq_is "…the case still is" '.overdue' true

SEDESK_NOW=2026-03-30T09:00:00Z run ann case close "$C1" --resolution "Atelier gevonden." --satisfaction 4
rc_is "set-up: the case is closed" 0
SEDESK_NOW=2026-03-30T09:00:00Z run ann case show "$C1" --json
jq_is "a closed case is not overdue" '.overdue' false
finish
