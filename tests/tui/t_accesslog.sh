#!/bin/bash
# Who looked (issue 17) in the interface: opening a case writes one entry
# (front "interface", the user), a reload of the open screen does not add
# one, E on the case opens the enterprise (with contact persons: an
# entry), M a contact moment (an entry); the administrator's inbox marks
# views that could not be logged.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel De Vlinder" --number 0403.170.701 \
    --person "name=Jan Vermeulen;email=jan.v@example.be"
ENT=$CLI_OUT
setup ann case new --enterprise "$ENT" --subject "Terras en subsidie"
NUM=$CLI_OUT
setup ann case route "$NUM" eco
LOGDIR=$T_DIR/db/access

log_json() { cli root privacy log --json "$@" 2>/dev/null; }
count() { log_json "$@" | jq '.entries | length'; }

open_case() {
	keys /
	need "/ opens the search" 3 "Search"
	typein "$NUM"
	need "the case is found" 5 "$NUM "
	keys Enter
	need "the case opens" 5 "Case $NUM"
}

is "no entry before" "$(count)" 0
tui_start SEDESK_USER=dina
need "the inbox opens (manager)" 5 "Inbox"
open_case
is "opening the case wrote one entry" "$(count)" 1
is "by dina, from the interface, the case" \
    "$(log_json | jq -r '.entries[0] | [.user, .front, .record, .case] | join(" ")')" \
    "dina interface case $NUM"
# Another user's change makes the open screen reload: no new entry.
setup ann case note "$NUM" "Een notitie van ann"
expect_screen "the open case reloads with ann's note" 5 "Een notitie van ann"
is "a reload is not a new opening" "$(count)" 1
keys E
need "E opens the enterprise" 5 "Kringwinkel De Vlinder"
is "the enterprise (contact persons) wrote an entry" \
    "$(log_json --user dina | jq -r '[.entries[].record] | join(",")')" "case,enterprise"
expect_quit "dina quits"

tui_start SEDESK_USER=bram
need "the inbox opens (officer of eco)" 5 "Inbox"
open_case
is "an officer's opening is logged too" "$(count --user bram)" 1
expect_quit "bram quits"

# A contact moment opened from the case made from it.
setup ann moment add --enterprise "$ENT" --kind phone --dept eco --text "Jan belde over het terras"
MID=$CLI_OUT
setup ann moment case "$MID" --subject "Vervolg op het telefoontje"
NUM2=$CLI_OUT
tui_start SEDESK_USER=dina
need "the inbox opens" 5 "Inbox"
NUM_SAVED=$NUM
NUM=$NUM2
open_case
NUM=$NUM_SAVED
keys M
need "M opens the moment the case was made from" 5 "Contact moment · phone"
is "the moment's opening is logged" \
    "$(log_json --user dina --from 2026-03-02 | jq -r '[.entries[] | .record + ":" + (.moment // .case)] | .[-2:] | join(",")')" \
    "case:$NUM2,moment:$MID"
expect_quit "dina quits"

# A view that cannot be logged: the administrator's inbox says so.
mv "$LOGDIR" "$LOGDIR.away"
: >"$LOGDIR"
tui_start SEDESK_USER=dina
need "the inbox opens" 5 "Inbox"
open_case
expect_screen "the case opens although the log cannot be written" 2 "Terras en subsidie"
expect_quit "dina quits"
rm -f "$LOGDIR"
mv "$LOGDIR.away" "$LOGDIR"
tui_start SEDESK_USER=root
expect_screen "the admin's inbox marks the view not logged" 5 "access log: 1 view not logged"
expect_quit "root quits"
tui_start SEDESK_USER=ann
need "the inbox opens (contact)" 5 "Inbox"
refute_screen "a contact's inbox has no such mark" "access log:"
expect_quit "ann quits"
finish
