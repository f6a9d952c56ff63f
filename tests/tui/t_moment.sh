#!/bin/bash
# Contact moments in the interface (issue 12): from the enterprise screen
# ann plans a site visit today at 14:00 with two departments (the form's
# kind picker, the department checklist, the time), sees it in her inbox
# marked as a moment, opens it, reports it (d opens the editor), makes a
# case from it (n) and sees the link both ways.  An officer is offered
# neither making a case nor (outside the moment's departments) the moment.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel De Vlinder" --number 0403.170.701
ENT=$CLI_OUT
J() { cli root moment list --json; }

tui_start
need "ann's inbox opens" 5 "need"
keys '?'
need "help opens" 3 "contact moments"
expect_screen "help names M for the contact moments" 2 "M"
keys q
wait_screen 3 "need"
keys e
need "e lists the enterprises" 3 "Enterprises ("
keys Enter
need "Enter opens the enterprise" 3 "Kringwinkel De Vlinder"
keys a
need "a on the enterprise opens the moment form" 3 "New contact moment"
expect_screen "the enterprise is filled in" 2 "Kringwinkel De Vlinder"
expect_screen "the kind picker offers site visit first" 2 "‹ site visit ›"
keys Right
expect_screen "→ picks the next kind" 2 "‹ pitch ›"
keys Left
wait_screen 2 "‹ site visit ›"
keys Tab
typein "2026-03-02 14:00"
keys Tab
keys Enter
need "Enter on the departments opens the checklist" 3 "Departments taking part"
keys Space Down Space Enter
expect_screen "two departments ticked: eco and wel" 3 "eco,wel"
keys Tab
typein "bram"
keys F2
need "F2 saves and opens the moment" 3 "contact moment recorded."
expect_screen "the moment screen: kind and state" 2 "Contact moment · site visit · planned"
expect_screen "the moment screen: both departments by name" 2 "Economie"
is "JSON: one moment, planned, at 14:00" "$(J | jq -r '.[0] | .state + " " + .time')" \
    "planned 2026-03-02T14:00"
is "JSON: both departments" "$(J | jq -r '.[0].departments | join(",")')" "eco,wel"
MID=$(J | jq -r '.[0].id')

# --- the inbox: today's moment, marked as one ---------------------------------------
keys q
wait_screen 3 "Kringwinkel De Vlinder"
keys q
wait_screen 3 "Enterprises ("
keys q
need "back in the inbox" 3 "need you"
expect_screen "the inbox counts the moment" 3 "1 contact moment today or due"
expect_screen "the moment's row says why and when" 2 "planned today"
line=$(screen_line "planned today")
like "… marked as a moment, with its time and kind" "$line" "moment +planned today +14:00 +2026-03-02 +Kringwinkel De Vlind.* site visit"
keys G Enter
need "Enter on the row opens the moment" 3 "Contact moment · site visit · planned"

# --- report it: d opens the editor ---------------------------------------------------
set_editor_text "Bezocht met eco en wel. Ze zoeken een werkruimte."
keys d
need "d reports it: the moment took place" 3 "reported: the moment took place."
expect_screen "the state is held" 2 "Contact moment · site visit · held"
expect_screen "the report shows" 2 "Ze zoeken een werkruimte."
is "JSON: held with the report" "$(cli root moment show "$MID" --json | jq -r '.state + ": " + .text')" \
    "held: Bezocht met eco en wel. Ze zoeken een werkruimte."
keys d
expect_screen "d again: refused, it already took place" 3 "already took place"
keys Enter
need "Enter reads the report in full" 3 "Report · site visit"
keys q
wait_screen 3 "Contact moment · site visit · held"

# --- a case from it ---------------------------------------------------------------------
keys n
need "n asks the new case's subject" 3 "Subject of the new case"
typein "Zoekt een werkruimte"
keys Enter
need "the case is made and opened" 3 "made from the moment."
NUM=$(cli root case list --json | jq -r '.[0].number')
expect_screen "the case screen names the moment" 3 "contact moment ${MID:0:8}"
is "JSON: the case names the moment" "$(cli root case show "$NUM" --json | jq -r .moment)" "$MID"
is "JSON: the case's channel is the moment's kind" "$(cli root case show "$NUM" --json | jq -r .channel)" \
    site-visit
keys M
need "M on the case opens its moment" 3 "Contact moment · site visit · held"
expect_screen "the moment names the case" 2 "$NUM"
keys n
expect_screen "n again: refused, one case per moment" 3 "already linked to case $NUM"
keys L
need "L opens the linked case" 3 "Case $NUM"
expect_quit "ann's session ends with status 0"

# --- an officer: chris (wel) sees it, may not make a case ------------------------------
tui_start SEDESK_USER=chris
need "chris's inbox opens" 5 "need"
keys M
need "M lists the moments" 3 "Contact moments"
expect_screen "chris (wel) sees the visit of eco and wel" 3 "Kringwinkel De Vlinder"
keys Enter
need "chris opens it" 3 "Contact moment · site visit · held"
keys '?'
need "help of the moment screen" 3 "edit the moment"
refute_screen "making a case is not offered to an officer" "new case from this moment"
expect_quit "chris's session ends with status 0"

# --- spa's officer? nobody; bram (eco) was named and sees it, dina (manager) reads -----
setup ann moment add --enterprise "$ENT" --kind phone --dept spa --text "Alleen spa."
tui_start SEDESK_USER=chris
need "chris's inbox opens again" 5 "need"
keys M
need "the moments list" 3 "Contact moments"
expect_screen "chris sees one moment" 3 "(1)"
refute_screen "not the spa one" "Alleen spa."
expect_quit "chris's second session ends with status 0"

# --- the edit form: a refusal beside its field, another's change meanwhile --------------
tui_start
need "ann's inbox opens once more" 5 "need"
keys M
need "the moments list" 3 "Contact moments"
keys g Enter
need "the newest moment is the visit" 3 "Contact moment · site visit · held"
keys e
need "e opens the edit form" 3 "Edit the contact moment"
expect_screen "the form shows the time" 2 "2026-03-02 14:00"
keys Tab C-u
typein "2026-02-30 10:00"
keys F2
expect_screen "a date that does not exist: said beside the time" 3 "is not a date or time"
keys C-u
typein "2026-03-02 08:30"
cli ann moment edit "$MID" --text "Elders gewijzigd." >/dev/null
keys F2
need "another's change meanwhile opens the conflict dialog" 3 "Someone else saved this contact moment"
expect_dialog "it names the field they changed" 2 "Report"
keys Enter
expect_screen "re-applied and saved" 3 "saved."
is "JSON: my time and their report" "$(cli root moment show "$MID" --json | jq -r '.time + " " + .text')" \
    "2026-03-02T08:30 Elders gewijzigd."
expect_quit "ann's last session ends with status 0"
finish
