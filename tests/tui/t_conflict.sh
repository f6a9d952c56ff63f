#!/bin/bash
# Both forms share one conflict resolver: when someone else saved the record
# after the form was opened, F2 says which fields they changed and offers to
# re-apply the user's changes on the new version (theirs stay) or to reload.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701 --city Gent
setup ann case new --enterprise 0403.170.701 --subject "Vraag over een startlening"
NUM=$CLI_OUT
case_json() { cli root case show "$NUM" --json | jq -r "$1"; }
ent_json() { cli root enterprise show 0403.170.701 --json | jq -r "$1"; }

tui_start SEDESK_USER=ann
need "the inbox opens" 5 " need"
keys Enter
need "Enter opens the case" 3 "Case $NUM"

# --- the case: re-apply ----------------------------------------------------------
keys e
need "e opens the case edit form" 3 "Edit case $NUM"
keys C-u
typein "Startlening voor een bakkerij"
expect_screen "the new subject is typed" 2 "Startlening voor een bakkerij"
setup root case edit "$NUM" --priority high
keys F2
need "F2 after another's save opens the resolver" 3 "Someone else saved this case meanwhile"
expect_dialog "it names the field they changed and the versions" 1 \
    "case $NUM changed since you opened it (version 1 → 2): Priority."
keys Enter
need "re-apply saves" 3 "saved."
is "the subject is mine" "$(case_json .subject)" "Startlening voor een bakkerij"
is "the priority is theirs" "$(case_json .priority)" "high"

# --- the case: reload -------------------------------------------------------------
keys e
need "e opens the case edit form again" 3 "Edit case $NUM"
keys C-u
typein "Mijn onderwerp"
setup root case edit "$NUM" --subject "Hun onderwerp"
keys F2
need "F2 opens the resolver again" 3 "Someone else saved this case meanwhile"
expect_dialog "it names the subject" 1 "changed since you opened it (version 3 → 4): Subject."
keys Down Enter
need "reload shows their subject in the form" 3 "Hun onderwerp"
refute_screen "my subject is gone from the form" "Mijn onderwerp"
is "nothing of mine was saved" "$(case_json .subject)" "Hun onderwerp"
keys Escape
need "Esc leaves the reloaded form without asking" 3 "Case $NUM"
refute_screen "… no question about losing input" "Leave and lose"

# --- the enterprise: re-apply -------------------------------------------------------
keys q
wait_screen 3 " need"
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys Enter
need "Enter opens the enterprise" 3 "Kringwinkel Het Anker"
keys e
need "e opens the enterprise edit form" 3 "Edit enterprise"
keys Tab Tab Tab Tab Tab Tab Tab
keys C-u
typein "Antwerpen"
expect_screen "the city is typed" 2 "Antwerpen"
setup root enterprise edit 0403.170.701 --phone "+32 9 123 45 67"
keys F2
need "F2 after another's save opens the enterprise's resolver" 3 \
    "Someone else saved this enterprise meanwhile"
expect_dialog "it names the field they changed" 1 \
    "Kringwinkel Het Anker changed since you opened it (version 1 → 2): Phone."
keys Enter
need "re-apply saves the enterprise" 3 "saved."
is "the city is mine" "$(ent_json .city)" "Antwerpen"
is "the phone is theirs" "$(ent_json .phone)" "+32 9 123 45 67"
expect_quit "sedesk quits with status 0"

finish
