#!/bin/bash
# Events in the interface (issue 12): from the inbox (v) to the events
# list, organise an event in the form, invite two enterprises (i), register
# one with its people (R), tick attendance with space once the event has
# started (the test clock), see it in the list; the manager is offered no
# key that changes an event.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel De Vlinder" --number 0403.170.701
setup ann enterprise add --name "Groen Werkt" --number 0200.065.765
J() { cli root event list --json; }

# --- organise --------------------------------------------------------------------------------
tui_start
need "ann's inbox opens" 5 "need"
keys v
need "v opens the events list" 3 "Events (0)"
keys a
need "a opens the event form" 3 "New event"
typein "Workshop sociale clausules"
keys Tab Tab
typein "2026-03-05T14:00"
keys Tab Tab
typein "Stadhuis, zaal 2"
keys Tab
typein "eco"
keys Tab
typein "10"
keys F2
need "saving opens the event" 3 "Workshop sociale clausules  [workshop]"
expect_screen "its start, and not started yet" 1 "2026-03-05 14:00  (not started yet)"
EV=$(J | jq -r '.events[0].id')
like "the event is stored" "$EV" '^[0-9a-f-]{36}$'

# --- invite two ------------------------------------------------------------------------------
keys i
need "i asks for an enterprise" 3 "Enterprise (part of its name, or its number)"
typein "Vlinder"
keys Enter
need "one match is invited at once" 3 "Invited (1)"
keys i
wait_screen 3 "Enterprise (part of its name"
typein "0200.065.765"
keys Enter
need "the second is invited" 3 "Invited (2)"
expect_screen "…listed by name" 1 "[ ] Groen Werkt (0200.065.765)"

# --- register one ----------------------------------------------------------------------------
# The highlight stayed on the Vlinder; Groen Werkt is above it.
keys k R
need "R asks how many people come" 3 "How many people come?"
keys C-u
typein "3"
keys Enter
need "Groen Werkt is registered" 3 "Registered (1)"
expect_screen "…with its people" 1 "Groen Werkt (0200.065.765), 3 people"
is "JSON: registered with 3 people" \
	"$(cli root event show "$EV" --json | jq -r '.guests[] | select(.enterprise.name=="Groen Werkt") | "\(.state) \(.people)"')" \
	"registered 3"

# --- no ticks before the start ---------------------------------------------------------------
keys Space
expect_screen "space before the start is refused" 3 "has not started yet"

# --- edit ------------------------------------------------------------------------------------
keys e
need "e opens the form with the event" 3 "Edit event"
keys Tab Tab Tab
typein "2026-03-05T13:00"
keys F2
expect_screen "an end before the start is refused beside its field" 3 "before it starts"
keys C-u Tab
keys C-u
typein "Stadhuis, zaal 3"
keys F2
need "saved, back on the event" 3 "Place        Stadhuis, zaal 3"
is "JSON: the new place, version moved on" \
	"$(cli root event show "$EV" --json | jq -r '"\(.place) \(.end)"')" "Stadhuis, zaal 3 null"

# --- someone else saved meanwhile: the same resolver as the other forms --------------------------
keys e
need "e opens the form again" 3 "Edit event"
keys C-u
typein "Workshop sociale clausules en aanbesteding"
setup gert event edit "$EV" --capacity 12
keys F2
need "F2 after another's save opens the resolver" 3 "Someone else saved this event meanwhile"
expect_dialog "it names the field they changed" 1 "(version 5 → 6): Capacity."
keys Enter
need "re-apply saves" 3 "saved."
is "the title is mine, the capacity theirs" \
	"$(cli root event show "$EV" --json | jq -r '"\(.title)|\(.capacity)"')" \
	"Workshop sociale clausules en aanbesteding|12"
expect_quit "sedesk ends"

# --- tick after the start --------------------------------------------------------------------
tui_start SEDESK_NOW=2026-03-05T13:10:00Z
need "the inbox, on the day" 5 "need"
keys v
need "the list" 3 "Workshop sociale clausules en a"
keys Enter
need "the event, started" 3 "Attended (0)"
refute_screen "no longer 'not started'" "not started yet"
keys Space
need "space ticks the highlighted enterprise" 3 "Attended (1)"
expect_screen "…the one invited" 1 "[x] Kringwinkel De Vlinder (0403.170.701), 1 person"
keys k Space
need "the registered one ticked too" 3 "Attended (2)"
is "JSON: both attended" \
	"$(cli root event show "$EV" --json | jq -r '[.guests[] | .state] | join(",")')" "attended,attended"
keys Space
need "space again takes the tick back" 3 "tick taken back."
expect_screen "…registered again" 1 "Registered (1)"

# --- a follow-up case ------------------------------------------------------------------------
keys n
need "n asks the follow-up case's subject" 3 "Subject of the follow-up case"
typein "Vraag na de workshop"
keys Enter
need "the new case opens" 3 "Vraag na de workshop"
expect_screen "…and names the event" 1 "Workshop sociale clausules"
expect_screen "…for the highlighted enterprise" 1 "Groen Werkt (0200.065.765)"
keys q
need "back on the event" 3 "Attended (1)"
keys q
need "back in the list" 3 "Events (1)"
like "…with 4 people (the walk-in counts)" "$(screen_line "Workshop sociale clausules")" " 4 *$"
expect_quit "sedesk ends"

# --- the manager reads only ------------------------------------------------------------------
tui_start SEDESK_USER=dina
need "dina's inbox" 5 "need"
keys v
need "dina sees the list" 3 "Workshop sociale clausules"
refute_screen "but no add" "a add"
keys Enter
need "and the event" 3 "Attended (1)"
refute_screen "no tick key for the manager" "tick"
keys Space
expect_screen "space does nothing for her but say why" 3 "may not organise events"
expect_quit "sedesk ends"
finish
