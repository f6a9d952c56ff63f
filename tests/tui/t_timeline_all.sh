#!/bin/bash
# Issue 12's modules meet on the enterprise screen's timeline (t): a
# recognition, a case, a site visit that took place, a pitch still planned
# and an event attended, each in words with its state, newest first; Enter
# on the visit opens the contact moment, on the event the event, on the case
# the case; in Dutch the same timeline reads in Dutch.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Vlinderhof" --number 0403.170.701
ENT=$CLI_OUT
setup ann enterprise edit "$ENT" --recognition maatwerkbedrijf=2019-01-01
SEDESK_NOW=2026-01-05T10:00:00Z setup ann event add --title "Nieuwjaarsreceptie" --kind network \
    --start 2026-01-15T18:00 --place Stadhuis
EV=$CLI_OUT
SEDESK_NOW=2026-01-05T10:00:00Z setup ann event invite "$EV" "$ENT"
SEDESK_NOW=2026-01-16T10:00:00Z setup ann event attend "$EV" "$ENT"
SEDESK_NOW=2026-02-10T10:00:00Z setup ann case new --enterprise "$ENT" --subject "Terrasvergunning"
CASE=$CLI_OUT
SEDESK_NOW=2026-02-20T10:00:00Z setup ann moment add --enterprise "$ENT" --kind site-visit \
    --date 2026-02-20T09:00 --dept eco --text "Bezoek aan de werkplaats."
VISIT=$CLI_OUT
setup ann moment add --enterprise "$ENT" --kind pitch --date 2026-03-20T14:00 --dept eco

line_of() { screen | grep -n -F -m 1 -- "$1" | cut -d: -f1; }
open_timeline() {	# from the inbox to the enterprise's timeline
	keys e
	wait_screen 3 "Vlinderhof"
	keys Enter
	wait_screen 3 "Vlinderhof"
	keys t
}

tui_start
need "the inbox opens" 5 "need"
open_timeline
need "t shows the timeline with every kind" 3 "Timeline, newest first (5)"
p=$(line_of "pitch"); v=$(line_of "Bezoek aan"); c=$(line_of "Terrasvergunning")
e=$(line_of "Nieuwjaars"); r=$(line_of "2019-01-01  recognition")
if [ -n "$p" ] && [ -n "$v" ] && [ -n "$c" ] && [ -n "$e" ] && [ -n "$r" ] &&
    [ "$p" -lt "$v" ] && [ "$v" -lt "$c" ] && [ "$c" -lt "$e" ] && [ "$e" -lt "$r" ]; then
	ok "pitch, visit, case, event, recognition: newest first"
else
	not_ok "pitch, visit, case, event, recognition: newest first" "$(screen)"
fi
like "the visit: its day, kind, state in words and report at 80 columns" \
    "$(screen_line "Bezoek aan")" "2026-02-20 +contact moment +held +site visit: Bezoek aan de werkplaats"
like "the pitch is planned" "$(screen_line "pitch")" "2026-03-20 +contact moment +planned +pitch"
like "the case: its number leads the subject" "$(screen_line "Terrasvergunning")" \
    "2026-02-10 +case +new +$CASE Terrasvergunning"
like "the event: attended" "$(screen_line "Nieuwjaars")" "2026-01-15 +event +attended +network"
like "the recognition since its day" "$(screen_line "2019-01-01  ")" "2019-01-01 +recognition +recognised +recognised maatwerkbedrijf"
refute_screen "no uuid is shown" "$VISIT"
refute_screen "… not even cut" "${VISIT:0:8}"
keys j Enter
expect_screen "Enter on the visit opens the contact moment" 3 "Contact moment · site visit · held"
keys q
wait_screen 3 "Timeline, newest first"
keys j j Enter
expect_screen "Enter on the event opens the event" 3 "Nieuwjaarsreceptie"
refute_screen "… not the 'no screen' message" "no screen of its own"
keys q
wait_screen 3 "Timeline, newest first"
keys k Enter
expect_screen "Enter on the case opens the case" 3 "Case $CASE"
expect_quit "sedesk quits with status 0"

tui_start LANGUAGE=nl
need "nl: the inbox opens" 5 "zaak"
open_timeline
need "nl: the timeline in Dutch" 3 "Tijdlijn"
like "nl: the visit in Dutch words" "$(screen_line "Bezoek aan")" "2026-02-20 +contactmoment +gehouden"
like "nl: the event attended, in Dutch" "$(screen_line "Nieuwjaars")" "2026-01-15 +evenement +aanwezig"
resize 120 40
# The 80-column screen also says "Tijdlijn": wait for the redraw itself.
wait_screen 3 "Bezoek aan de werkplaats"
like "nl at 120 columns: the whole title" "$(screen_line "Bezoek aan")" \
    "bedrijfsbezoek: Bezoek aan de werkplaats|bezoek ter plaatse: Bezoek aan de werkplaats|: Bezoek aan de werkplaats$"
expect_quit "sedesk quits with status 0"
finish
