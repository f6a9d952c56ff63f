#!/bin/bash
# Roles, checked in the core: every refused write exits 4 and changes
# nothing; the allowed ones succeed.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1")
if [ -z "$E1" ]; then not_ok "set-up: an enterprise" "$(cat "$T_DIR/.adderr")"; finish; fi
C1=$(new_case --enterprise "$E1" --subject "Twee diensten")
as ann case route "$C1" eco wel >/dev/null 2>&1
C2=$(new_case --enterprise "$E1" --subject "Nog niet gerouteerd")
is "set-up: a routed case and a new case" "$(cfield "$C1" .status)/$(cfield "$C2" .status)" routed/new

# --- manager: reads everything, writes nothing ------------------------------------
rejects 4 "manager: enterprise add" dina enterprise add --name "Manager BV"
rejects 4 "manager: enterprise edit" dina enterprise edit "$E1" --city Gent
rejects 4 "manager: case new" dina case new --enterprise "$E1" --subject "Door manager"
rejects 4 "manager: case edit" dina case edit "$C1" --priority high
rejects 4 "manager: case route" dina case route "$C2" eco
rejects 4 "manager: case note" dina case note "$C1" "opmerking"
rejects 4 "manager: case pickup" dina case pickup "$C1" --dept eco
rejects 4 "manager: case answer" dina case answer "$C1" --dept eco --text "antwoord"
rejects 4 "manager: case decline" dina case decline "$C1" --dept eco --reason "nee"
rejects 4 "manager: case wait" dina case wait "$C1"
rejects 4 "manager: case close" dina case close "$C1" --resolution "klaar"
like "a refusal names the role" "$ERR" manager
succeeds "manager: case show" dina case show "$C1" --json
succeeds "manager: case list" dina case list --json
succeeds "manager: enterprise show" dina enterprise show "$E1" --json
succeeds "manager: case suggest" dina case suggest "$C1"

# --- department officer: only routes of their own departments -----------------------
rejects 4 "officer of eco: case new" bram case new --enterprise "$E1" --subject "Door officer"
rejects 4 "officer of eco: case route" bram case route "$C2" eco
rejects 4 "officer of eco: enterprise add" bram enterprise add --name "Officer BV"
rejects 4 "officer of eco: enterprise edit" bram enterprise edit "$E1" --city Gent
rejects 4 "officer of eco: case close" bram case close "$C1" --resolution "klaar"
rejects 4 "officer of eco: case edit" bram case edit "$C1" --priority high
rejects 4 "officer of eco: pick up the wel route" bram case pickup "$C1" --dept wel
rejects 4 "officer of eco: answer the wel route" bram case answer "$C1" --dept wel --text "x"
rejects 4 "officer of eco: decline the wel route" bram case decline "$C1" --dept wel --reason "x"
rejects 4 "officer of wel: pick up the eco route" chris case pickup "$C1" --dept eco
is "refused pick-ups left both routes pending" "$(cfield "$C1" '[.routes[].status] | unique | join(",")')" pending

# --- contact: creates and routes, but does not work routes --------------------------
rejects 4 "contact: pick up a route" ann case pickup "$C1" --dept eco
rejects 4 "contact: answer a route" ann case answer "$C1" --dept eco --text "x"
rejects 4 "contact: decline a route" ann case decline "$C1" --dept wel --reason "x"

# --- unknown login ---------------------------------------------------------------
rejects 4 "unknown login: case new" mallory case new --enterprise "$E1" --subject "x"
fails 4 "unknown login: case show" mallory case show "$C1"

# --- and what is allowed ---------------------------------------------------------
succeeds "officer of eco picks up the eco route" bram case pickup "$C1" --dept eco
succeeds "officer of wel picks up the wel route" chris case pickup "$C1" --dept wel
succeeds "officer of wel declines the wel route" chris case decline "$C1" --dept wel --reason "Niet voor ons"
succeeds "officer of eco adds a note on a case routed to eco" bram case note "$C1" "Bekeken"
# Not visible (3) or not permitted (4): both refuse; the brief leaves which.
_before=$(db_fingerprint)
run bram case note "$C2" "nieuwsgierig"
case $RC in 3|4) ok "officer of eco may not note a case not routed to eco (exit $RC)" ;;
*) not_ok "officer of eco may not note a case not routed to eco" "exit $RC, wanted 3 or 4: $ERR" ;; esac
err_prefix "officer note refused: message starts with 'sedesk:'"
is "officer note refused: database unchanged" "$(db_fingerprint)" "$_before"
succeeds "admin creates a case" root case new --enterprise "$E1" --subject "Door beheerder"
C3=$OUT
succeeds "admin routes" root case route "$C3" spa
succeeds "admin picks up any department's route" root case pickup "$C3" --dept spa
succeeds "admin answers" root case answer "$C3" --dept spa --text "Klaar"
succeeds "admin closes" root case close "$C3" --resolution "Klaar" --satisfaction 5
succeeds "admin adds an enterprise" root enterprise add --name "Beheerder BV"
succeeds "contact edits a case" ann case edit "$C2" --priority high

finish
