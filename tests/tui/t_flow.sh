#!/bin/bash
# The whole life of an enquiry through the TUI, by four people in turn:
#   ann (contact)   registers an enterprise (a name with accents and a wide
#                   character) and a case for it, picked by typing part of its
#                   name, with a description from the scripted $EDITOR, and
#                   routes it to ECO (suggested) and WEL (ticked by hand);
#   bram (eco)      picks up ECO's route and answers it in $EDITOR;
#   chris (wel)     declines WEL's route with a reason (first says no to the
#                   confirmation, then yes);
#   ann             adds a note and closes the case with satisfaction 4.
# Then the CLI's JSON must show exactly that.
. "$(dirname "$0")/tmux.sh"

NAME="Café Zoë 東京"
NUMBER=0403.170.701
DESC="Vraag van Café Zoë: een oven voor het leerwerkbedrijf.
Budget ongeveer 5.000 euro; graag advies over subsidies."
ANSWER="ECO: de oproep 'Sociale economie 2026' past.
Indienen vóór 31 maart."
REASON="Geen welzijnsvraag"
NOTE="Gebeld met de zaakvoerder; zij dient in."
RESOLUTION="Doorverwezen naar de oproep Sociale economie"

# A second enterprise that the picker's query also matches, sorting before ours.
setup ann enterprise add --name "Atelier Zoersel"

# --- ann: the enterprise ------------------------------------------------------------
tui_start SEDESK_USER=ann
need "ann's inbox opens" 5 " need"
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys a
need "a opens the new enterprise form" 3 "New enterprise"
typein "$NAME"
keys Tab
typein "0403170701"
keys Tab
expect_screen "leaving the number field shows it normalised ($NUMBER)" 3 "$NUMBER"
keys F2
need "F2 saves and opens the enterprise screen" 3 "enterprise registered."
expect_screen "the enterprise screen shows the name as typed" 2 " $NAME"
is "the CLI sees the enterprise with its name byte for byte" \
    "$(cli root enterprise show "$NUMBER" --json | jq -r .name)" "$NAME"

# --- ann: the case ---------------------------------------------------------------------
keys q
wait_screen 3 "Enterprises ("
keys q
need "q twice returns to the inbox" 3 " need"
keys n
need "n opens the new case form" 3 "New case"
typein "zoe"
need "typing part of the name lists the matches" 3 "Matches ("
# Which row is ours?  Move down to it (the decoy sorts first).
_rows=$(screen | sed -n '/Matches (/,$p' | sed 1d | grep -E '^     [^ ]')
_idx=$(printf '%s\n' "$_rows" | grep -n -F "$NAME" | head -n 1 | cut -d: -f1)
if [ -n "$_idx" ] && [ "$(printf '%s\n' "$_rows" | grep -c .)" -ge 2 ]; then
	ok "the accent-insensitive query \"zoe\" matches both enterprises"
else
	not_ok "the accent-insensitive query \"zoe\" matches both enterprises" "$(screen)"
fi
_i=1
while [ "$_i" -lt "${_idx:-1}" ]; do keys Down; _i=$((_i + 1)); done
keys Enter
wait_gone 3 "Matches ("
is "↓/Enter took our enterprise into the field" \
    "$(screen_line "Enterprise " | sed 's/^ Enterprise *//; s/ *$//')" "$NAME"
typein "Subsidie voor een oven"
keys Tab Right
expect_screen "→ on the category chooses the first category" 2 "‹ Subsidies en financiering ›"
keys Tab Tab Tab
set_editor_text "$DESC"
keys Enter
expect_screen "Enter on the description runs \$EDITOR and shows its first line" 5 \
    "Vraag van Café Zoë: een oven"
keys F2
need "F2 registers the case and opens it" 3 "registered."
NUM=$(screen | grep -o 'case 20[0-9][0-9]-[0-9]\{5\} registered' | grep -o '20[0-9-]*')
is "the case number is the first of the year" "$NUM" "2026-00001"
NUM=${NUM:-2026-00001}
expect_screen "the case screen shows the case" 2 "Case $NUM · new"

# --- ann: routing to two departments ----------------------------------------------------
keys R
need "R opens the department checklist" 3 "Route to"
expect_screen "ECO is ticked as suggested (category funding)" 2 "[x] ECO"
refute_screen "WEL is not ticked yet" "[x] WEL"
keys Down Space
expect_screen "space ticks WEL" 2 "[x] WEL"
keys Down Space
expect_screen "space ticks SPA" 2 "[x] SPA"
keys Space
expect_screen "space again unticks SPA" 2 "[ ] SPA"
expect_screen "ECO and WEL stay ticked" 1 "[x] WEL"
keys Enter
need "Enter asks for a note for the departments" 3 "Note for the departments"
typein "Graag tegen vrijdag"
keys Enter
expect_screen "the case is routed" 3 "Case $NUM · routed"
expect_screen "the route to ECO is pending" 1 "ECO    … pending"
expect_screen "the route to WEL is pending" 1 "WEL    … pending"
expect_quit "ann's session ends with status 0"

# --- bram (eco): pick up and answer --------------------------------------------------
tui_start SEDESK_USER=bram
need "bram's inbox lists the case as pending for ECO" 5 "$NUM ECO pending"
keys Enter
need "Enter opens the case" 3 "Case $NUM"
keys p
expect_screen "p picks up ECO's route" 3 "ECO    ▸ picked up   bram"
set_editor_text "$ANSWER"
keys a
expect_screen "a answers in \$EDITOR; the route shows the answer's first line" 5 \
    "ECO    ✓ answered    bram"
expect_screen "the answer's first line is on the route" 1 "ECO: de oproep"
expect_quit "bram's session ends with status 0"

# --- chris (wel): decline -----------------------------------------------------------------
tui_start SEDESK_USER=chris
need "chris's inbox lists the case as pending for WEL" 5 "$NUM WEL pending"
keys Enter
need "Enter opens the case" 3 "Case $NUM"
keys d
need "d asks for the reason" 3 "Why does your department decline?"
typein "$REASON"
keys Enter
need "declining asks for confirmation" 3 "Decline case $NUM for Welzijn?"
keys n
wait_gone 3 "Decline case"
expect_screen "n at the confirmation leaves the route pending" 2 "WEL    … pending"
is "nothing was declined after n" "$(cli root case show "$NUM" --json | jq -r '.routes[] | select(.department=="wel") | .status')" pending
keys d
wait_screen 3 "Why does your department decline?"
typein "$REASON"
keys Enter
wait_screen 3 "Decline case $NUM for Welzijn?"
keys y
expect_screen "y declines; the route shows the reason" 3 "WEL    ✗ declined    chris"
expect_screen "every route is finished: the case is answered" 2 "Case $NUM · answered"
expect_quit "chris's session ends with status 0"

# --- ann: note and close ---------------------------------------------------------------------
tui_start SEDESK_USER=ann
need "ann's inbox lists the answered case" 5 "$NUM answered"
keys Enter
need "Enter opens the case" 3 "Case $NUM · answered"
set_editor_text "$NOTE"
keys n
expect_screen "n adds a note from \$EDITOR" 5 "note added."
keys c
need "c asks for the resolution" 3 "Resolution: how was the enquiry answered?"
typein "$RESOLUTION"
keys Enter
need "then for the satisfaction" 3 "not asked"
expect_screen "the satisfaction chooser's title is shown whole" 1 "The enterprise: did you feel helped? (1–5)"
keys 4	# digits pick the satisfaction they show
need "then for the contact point's own view" 3 "Our own view: did we help well? (1–5)"
keys Enter	# not given
need "then for confirmation" 3 "Close case $NUM?"
keys y
expect_screen "y closes the case" 3 "Case $NUM · closed"
expect_screen "the screen shows resolution and satisfaction" 2 "satisfaction 4/5"
expect_quit "ann's second session ends with status 0"

# --- the result, through the CLI ------------------------------------------------------------
J=$(cli root case show "$NUM" --json)
jqr() { printf '%s' "$J" | jq -r "$1" 2>&1; }
is "JSON: status closed" "$(jqr .status)" closed
is "JSON: the enterprise is ours" "$(jqr .enterprise.name)" "$NAME"
is "JSON: subject" "$(jqr .subject)" "Subsidie voor een oven"
is "JSON: category funding" "$(jqr .category)" funding
is "JSON: description is the editor's text" "$(jqr .description)" "$DESC"
is "JSON: two routes, eco and wel" "$(jqr '[.routes[].department] | sort | join(",")')" "eco,wel"
is "JSON: ECO answered by bram" "$(jqr '.routes[] | select(.department=="eco") | "\(.status) \(.officer)"')" \
    "answered bram"
is "JSON: ECO's answer is the editor's text" "$(jqr '.routes[] | select(.department=="eco") | .answer')" \
    "$ANSWER"
is "JSON: WEL declined by chris" "$(jqr '.routes[] | select(.department=="wel") | "\(.status) \(.officer)"')" \
    "declined chris"
is "JSON: WEL's reason" "$(jqr '.routes[] | select(.department=="wel") | .answer')" "$REASON"
is "JSON: the routing note is journalled" \
    "$(jqr '[.journal[] | select(.kind=="routed") | .text] | unique | join("|")')" "Graag tegen vrijdag"
is "JSON: ann's note is journalled" "$(jqr '[.journal[] | select(.kind=="note") | "\(.actor): \(.text)"] | join("|")')" \
    "ann: $NOTE"
is "JSON: resolution" "$(jqr .resolution)" "$RESOLUTION"
is "JSON: satisfaction 4" "$(jqr .satisfaction)" 4
is "JSON: exactly one decline in the journal (the n did nothing)" \
    "$(jqr '[.journal[] | select(.kind=="declined")] | length')" 1
is "the scripted editor ran three times (description, answer, note)" \
    "$(grep -c '^edit ' "$T_DIR/editor.log")" 3

finish
