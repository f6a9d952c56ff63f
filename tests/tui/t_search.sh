#!/bin/bash
# `/` opens the search screen; its results follow the typing (the last word
# as a prefix, accents ignored), Enter opens the selected case or enterprise,
# Tab narrows to one kind, and an officer finds only cases routed to them.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Café De Zonnebloem" --number 0403.170.701 --city Gent
setup ann enterprise add --name "Coöperatie Groene Vingers" --city Leuven
setup ann case new --enterprise 0403.170.701 --subject "Terrasvergunning voor de zomer"
TERRAS=$CLI_OUT
setup ann case new --enterprise 0403.170.701 --subject "Subsidie voor een oven"
OVEN=$CLI_OUT
setup ann case route "$OVEN" wel
setup ann moment add --enterprise 0403.170.701 --kind site-visit --date 2026-02-20T10:00 \
    --dept eco --text "Zonnebloem: bezoek aan het terras"
setup ann event add --title "Zonnebloemdag" --kind network --start 2026-04-02T18:00 --place Gent

tui_start
need "the inbox opens" 5 " need"
keys /
need "/ opens the search screen" 3 "Search"
typein "caf"
expect_screen "typing \"caf\" finds Café De Zonnebloem while typing" 3 "Café De Zonnebloem"
refute_screen "… and not the cooperative" "Groene Vingers"
keys C-u
typein "zomer terr"
expect_screen "\"zomer terr\": both words, the last one as a prefix" 3 "$TERRAS Terrasvergunning"
refute_screen "… and not the other case of the same enterprise" "$OVEN"
keys C-u
typein "cooperatie"
expect_screen "\"cooperatie\" finds Coöperatie (accents ignored)" 3 "Coöperatie Groene Vingers"
keys C-u
typein "$TERRAS"
expect_screen "a case number finds that case" 3 "$TERRAS Terrasvergunning"
keys Enter
expect_screen "Enter opens the selected case" 3 "Case $TERRAS"
keys q
need "q returns to the search, query kept" 3 "$TERRAS"
typein "q"
expect_screen "on the search screen q is typed into the query" 2 "${TERRAS}q"
keys BSpace
keys C-u
typein "zonnebloem"
wait_screen 3 "Café De Zonnebloem"
keys Tab
expect_screen "Tab narrows to enterprises" 3 "enterprises"
refute_screen "… and the cases are gone" "$TERRAS"
keys Enter
expect_screen "Enter on an enterprise opens the enterprise screen" 3 "Cases: "
keys q
wait_screen 3 "Search"
# Tab goes on through the kinds there are: cases, events, contact moments.
keys Tab
expect_screen "Tab: cases" 3 "cases"
keys Tab
expect_screen "Tab: events" 3 "events"
expect_screen "… the event found" 3 "Zonnebloemdag"
refute_screen "… and no enterprise" "Café De Zonnebloem"
keys Tab
expect_screen "Tab: contact moments" 3 "contact moments"
expect_screen "… the visit found" 3 "bezoek aan het terras"
refute_screen "… and no event" "Zonnebloemdag"
keys Tab
expect_screen "Tab: opportunities" 3 "opportunities"
keys Tab
expect_screen "Tab again: everything" 3 "everything"
keys Escape
need "q leaves the enterprise, Esc the search" 3 " need"
expect_quit "ann quits from the inbox with status 0"

# An officer of eco sees no case routed only to wel.
tui_start SEDESK_USER=bram
need "bram's inbox opens" 5 "Inbox"
keys /
need "bram's search opens" 3 "Search"
typein "oven"
expect_screen "bram: the search answers (Nothing found)" 3 "Nothing found"
refute_screen "bram does not see a case routed only to wel" "$OVEN"
finish
