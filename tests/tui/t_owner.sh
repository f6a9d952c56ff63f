#!/bin/bash
# Issue 10: the owner of a case can be changed in the case edit form, by
# those who may edit cases (the form opens only for them): a choice among
# the officers whose role may own cases, by name.  And an exact enterprise
# name typed in the new-case form's picker selects that enterprise without
# picking it from the list (case and accents aside).
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701
setup ann enterprise add --name "Café De Zon" --number 0404.616.494
setup ann enterprise add --name "Café De Zonnebloem" --number 0202.239.951
setup ann case new --enterprise 0403.170.701 --subject "Vraag over een startlening"
NUM=$CLI_OUT
case_json() { cli root case show "$1" --json | jq -r "$2"; }
is "set-up: ann owns the case" "$(case_json "$NUM" .owner)" ann

# The line of the form's field LABEL.
field_line() { screen | grep -m 1 -E "^ $1 {2,}"; }

tui_start SEDESK_USER=ann
need "the inbox opens" 5 " need"
keys Enter
need "Enter opens the case" 3 "Case $NUM"

# --- the owner -----------------------------------------------------------------------
keys e
need "e opens the case edit form" 3 "Edit case $NUM"
case $(field_line Owner) in
*"Ann Peeters"*) ok "the form has an Owner field, the case's owner by name" ;;
*) not_ok "the form has an Owner field, the case's owner by name" "$(screen)" ;;
esac
keys Tab Tab Tab Tab Tab Enter
need "Enter on the owner lists the choices" 3 "Gert Wouters"
expect_screen "… an admin may own cases" 1 "Beheerder"
refute_screen "… an officer of a department may not" "Bram De Smet"
refute_screen "… nor a manager" "Dina Maes"
keys Escape
wait_gone 3 "Gert Wouters"
keys Right
need "→ chooses the next who may own cases" 3 "Gert Wouters"
case $(field_line Owner) in
*"Gert Wouters"*) ok "… in the Owner field" ;;
*) not_ok "… in the Owner field" "$(screen)" ;;
esac
keys F2
need "F2 saves" 3 "saved."
is "the case's owner is gert" "$(case_json "$NUM" .owner)" gert
OUT=$(cli root case show "$NUM" --json)
jq_true "the journal has the owner's change ann → gert" \
    '[.journal[] | select(.kind=="field" and .field=="owner" and .old=="ann" and .new=="gert")] | length == 1'

# Saving the form with the owner untouched leaves the owner alone.
keys e
need "e opens the form again" 3 "Edit case $NUM"
keys C-u
typein "Startlening voor een bakkerij"
keys F2
need "F2 saves the subject" 3 "saved."
is "the subject changed" "$(case_json "$NUM" .subject)" "Startlening voor een bakkerij"
is "the owner did not" "$(case_json "$NUM" .owner)" gert
OUT=$(cli root case show "$NUM" --json)
jq_true "… and the journal has one owner change only" \
    '[.journal[] | select(.kind=="field" and .field=="owner")] | length == 1'

# Someone else hands the case on while the form is open: the resolver names
# the owner, and reloading shows the new one.
keys e
need "e opens the form a third time" 3 "Edit case $NUM"
keys C-u
typein "Mijn onderwerp"
setup root case edit "$NUM" --owner root
keys F2
need "F2 after another's owner change opens the resolver" 3 \
    "Someone else saved this case meanwhile"
expect_dialog "it names the owner" 1 ": Owner."
keys Down Enter
wait_gone 3 "Someone else saved"
case $(field_line Owner) in
*"Beheerder"*) ok "reload shows the new owner in the form" ;;
*) not_ok "reload shows the new owner in the form" "$(screen)" ;;
esac
keys Escape
need "Esc leaves the reloaded form" 3 "Case $NUM"
keys q
wait_screen 3 " need"

# --- an exact enterprise name in the picker ----------------------------------------------
# "cafe de zon" matches both cafés; its name is exactly one's (accent aside).
keys n
need "n opens the new case form" 3 "New case"
typein "cafe de zon"
need "the picker lists both cafés" 3 "Café De Zonnebloem"
keys Tab
wait_gone 3 "Café De Zonnebloem"
case $(field_line Enterprise) in
*"Café De Zon") ok "Tab takes the exact name: the field shows the enterprise's name" ;;
*) not_ok "Tab takes the exact name: the field shows the enterprise's name" "$(screen)" ;;
esac
refute_screen "… and no 'pick one' message" "pick one from the list"
typein "Terras aan de Korenmarkt"
keys F2
need "F2 registers the case" 3 "registered."
N2=$(cli root case list --json | jq -r '[.[] | select(.subject=="Terras aan de Korenmarkt")][0].number')
is "the case is for Café De Zon" \
    "$(cli root case show "$N2" --json | jq -r .enterprise.number)" "0404.616.494"
keys q
wait_screen 3 " need"

# F2 straight from the picker, and Enter in the list, take the exact name too.
keys n
need "n opens the new case form again" 3 "New case"
typein "CAFÉ DE ZON"
need "the picker lists both cafés again" 3 "Café De Zonnebloem"
keys F2
need "F2 with an exact name goes on to the empty subject" 3 "must not be empty"
refute_screen "… no 'pick the enterprise first'" "pick the enterprise first"
case $(field_line Enterprise) in
*"Café De Zon") ok "… the enterprise's name is in the field" ;;
*) not_ok "… the enterprise's name is in the field" "$(screen)" ;;
esac
keys Escape
need "Esc asks before losing the typing" 3 "Leave and lose what you typed?"
keys y
need "y leaves the form" 3 " need"
keys n
need "n opens the new case form a third time" 3 "New case"
typein "Café de Zon"
need "the picker lists both cafés a third time" 3 "Café De Zonnebloem"
keys Enter
wait_gone 3 "Café De Zonnebloem"
case $(field_line Enterprise) in
*"Café De Zon") ok "Enter takes the exact name (the list closes)" ;;
*) not_ok "Enter takes the exact name (the list closes)" "$(screen)" ;;
esac

# A part of a name is still no choice: Tab says to pick.
keys Escape
need "Esc asks before losing the typing again" 3 "Leave and lose what you typed?"
keys y
need "y leaves the form again" 3 " need"
keys n
need "n opens the new case form a fourth time" 3 "New case"
typein "cafe de"
need "the picker lists the cafés" 3 "Café De Zonnebloem"
keys Tab
need "a part of a name is refused at Tab" 3 "pick one from the list"
keys Escape
need "Esc asks before losing the typing once more" 3 "Leave and lose what you typed?"
keys y
need "y leaves the form once more" 3 " need"
expect_quit "sedesk quits with status 0"

finish
