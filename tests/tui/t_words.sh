#!/bin/bash
# Issue 10, "say it in the user's words", on the screens: the case screen's
# journal names fields and values in Dutch (never the stored codes), a
# department filter shows the department's name, and a case whose every
# route was declined says so instead of "answered".
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Buurtwerk Noord" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "Terras aan de Leie"
C1=$CLI_OUT
setup ann case edit "$C1" --priority high --channel email
setup ann case route "$C1" eco
setup ann case new --enterprise 0200.065.765 --subject "Niemand wil dit"
C2=$CLI_OUT
setup ann case route "$C2" eco wel
setup bram case decline "$C2" --dept eco --reason "Niet voor ons."
setup chris case decline "$C2" --dept wel --reason "Ook niet."

# --- Dutch journal lines -----------------------------------------------------
tui_start LANGUAGE=nl
need "nl: the inbox opens" 5 "wacht"
keys /
need "nl: / opens the search" 3 "Zoeken"
typein "$C1"
need "nl: the case is found" 5 "$C1 "
keys Enter
need "nl: the case opens" 5 "Zaak $C1"
expect_screen "nl: the priority change in words" 3 "prioriteit: normaal → hoog"
expect_screen "nl: the channel change in words" 1 "kanaal: telefoon → e-mail"
expect_screen "nl: the status change in words" 1 "status: nieuw → doorverwezen"
expect_screen "nl: the route event names the department" 1 "Economie en ondernemen"
refute_screen "nl: no stored priority code" "normal → high"
refute_screen "nl: no field code" "priority:"
keys q
need "nl: q returns to the search" 3 "Zoeken"
keys Escape
need "nl: Esc returns to the inbox" 3 "wacht"
expect_quit "nl: sedesk quits"

# --- every department declined -----------------------------------------------
tui_start LANGUAGE=en
need "the contact's inbox opens" 5 "Inbox"
expect_screen "the inbox row of the declined case says so" 3 "every dep"
keys /
need "/ opens the search" 3 "Search"
typein "$C2"
need "the declined case is found" 5 "$C2 "
keys Enter
need "the declined case opens" 5 "Case $C2"
expect_screen "its header says every department declined" 3 \
    "Case $C2 · every department declined"
refute_screen "…not answered" "Case $C2 · answered"
keys q
need "q returns to the search" 3 "Search"
keys Escape
need "Esc returns to the inbox" 3 "Inbox"
expect_quit "sedesk quits after the declined case"
# --- the department filter shows the name --------------------------------------
tui_start LANGUAGE=en SEDESK_USER=dina
need "the manager's inbox opens" 5 "Inbox"
keys l
need "l lists all cases" 3 "Cases"
keys d
need "d asks for a department" 3 "any department"
keys Down Enter
need "the filter line names the department" 3 "Cases · Economie en ondernemen"
refute_screen "…not its id" "Cases · eco"
expect_quit "sedesk quits after the filter"

finish
