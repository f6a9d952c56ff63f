#!/bin/bash
# The timeline on the enterprise screen (t: the timeline instead of the
# cases, newest first; Enter opens a case; t again: the cases) and the
# enterprise list's "not contacted since" filter (c: asks for the day, a
# year ago by default; never contacted first, the last contact shown; a
# bad date changes nothing; empty: every enterprise again); an officer's
# timeline holds the cases of his departments; help lists both keys.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Café De Zonnebloem" --number 0403.170.701 --city Gent
setup ann enterprise add --name "Atelier Oud" --number 0200.065.765 --city Brugge
setup ann enterprise add --name "Bakkerij Nooit" --number 0200.068.636 --city Aalst
SEDESK_NOW=2025-11-03T10:00:00Z setup ann case new --enterprise 0403.170.701 \
    --subject "Terrasvergunning"
OLD=$CLI_OUT
SEDESK_NOW=2026-02-16T10:00:00Z setup ann case new --enterprise 0403.170.701 \
    --subject "Subsidie groene daken"
NEW=$CLI_OUT
SEDESK_NOW=2026-01-12T10:00:00Z setup ann case new --enterprise 0403.170.701 \
    --subject "Zorgvraag personeel"
MID=$CLI_OUT
setup ann case route "$MID" eco
SEDESK_NOW=2024-05-06T10:00:00Z setup ann case new --enterprise 0200.065.765 \
    --subject "Oude vraag"

# The screen line number (1-based) of the first line holding TEXT.
line_of() { screen | grep -n -F -m 1 -- "$1" | cut -d: -f1; }

tui_start
need "the inbox opens" 5 " need"
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys /
typein "zonnebloem"
keys Enter
need "the search finds the enterprise" 3 "Enterprises matching"
keys Enter
need "Enter opens the enterprise screen with its cases" 3 "Cases: 3 open"
keys t
need "t shows the timeline" 3 "Timeline, newest first (3)"
refute_screen "… in the place of the cases" "Cases: 3 open"
a=$(line_of "Subsidie groene daken"); b=$(line_of "Zorgvraag personeel"); c=$(line_of "Terrasvergunning")
if [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ]; then
	ok "the timeline lists the cases newest first"
else
	not_ok "the timeline lists the cases newest first" "$(screen)"
fi
like "a row: the date, the kind, the state in words, the number and the subject" \
    "$(screen_line "Zorgvraag personeel")" "2026-01-12 +case +routed +$MID Zorgvraag personeel"
keys Enter
expect_screen "Enter on the newest row opens that case" 3 "Case $NEW"
keys q
expect_screen "q returns to the timeline" 3 "Timeline, newest first"
keys j j Enter
expect_screen "j j Enter opens the oldest case" 3 "Case $OLD"
keys q
wait_screen 3 "Timeline, newest first"
keys ?
expect_screen "help lists t with its words" 3 "the timeline: cases, contact moments, events"
keys q
wait_screen 3 "Timeline, newest first"
keys t
expect_screen "t again shows the cases" 3 "Cases: 3 open"

# --- reach -------------------------------------------------------------------
keys q
need "q returns to the enterprise list" 3 "Enterprises matching"
keys c
expect_screen "c asks for the day, a year ago by default" 3 "2025-03-02"
keys Enter
need "Enter filters the list" 3 "Enterprises not contacted since 2025-03-02 (2)"
like "the never-contacted one first, its last contact: never" \
    "$(screen | grep -E "Bakkerij Nooit|Atelier Oud" | head -n 1)" "Bakkerij Nooit.*never"
like "then the old contact, with its date" "$(screen_line "Atelier Oud")" "2024-05-06"
refute_screen "the enterprise contacted since is not listed" "Café De Zonnebloem"
expect_screen "the column says it is the last contact" 1 "Last contact"
keys Enter
expect_screen "Enter opens the enterprise (never contacted: no cases)" 3 "Bakkerij Nooit"
keys q
wait_screen 3 "Enterprises not contacted since"
keys c C-u
typein "2026-02-30"
keys Enter
expect_screen "a date that does not exist is refused" 3 "2026-02-30 is not a date"
expect_screen "… and the list is unchanged" 1 "not contacted since 2025-03-02 (2)"
keys c C-u
typein "2026-03-03"
keys Enter
expect_screen "a later day lists three enterprises" 3 \
    "not contacted since 2026-03-03 (3)"
keys c C-u Enter
expect_screen "an empty day shows every enterprise again" 3 "Enterprises (3)"
keys ?
expect_screen "help lists c with its words" 3 "only those not contacted since a day"
keys q
expect_quit "ann quits with status 0"

# --- an officer ----------------------------------------------------------------
tui_start SEDESK_USER=bram
need "bram's inbox opens" 5 " need"
keys e
need "bram's enterprise list" 3 "Enterprises (1)"
keys Enter
need "bram opens the enterprise of his case" 3 "Café De Zonnebloem"
keys t
need "bram's timeline: the eco case only" 3 "Timeline, newest first (1)"
expect_screen "… which is the routed one" 1 "Zorgvraag personeel"
refute_screen "… and not the others" "Terrasvergunning"
expect_quit "bram quits with status 0"

finish
