#!/bin/bash
# Routing (issue 10): rules match by keywords alone as well as by category,
# and the demo's rules show it — an enquiry about a terrace permit and a
# subsidy gets both the permit department and the funding ones.
. "$(dirname "$0")/common.sh"

# --- the demo's rules ---------------------------------------------------------------
DEMO=$T_DIR/demo
mkdir -p "$DEMO"
cp "$(dirname "$0")/../../share/demo/sedesk.ini" "$DEMO/sedesk.ini"
demo() { SEDESK_CONFIG=$DEMO/sedesk.ini run "$@"; }
demo root init
rc_is "set-up: a database with the demo's configuration" 0
demo ann enterprise add --name "Café De Zon" --number "$KBO1"
demo ann case new --enterprise "$KBO1" --category permit \
	--subject "Terrasvergunning en een subsidie voor de inrichting"
DC=$OUT
demo ann case suggest "$DC" --json
is "permit and subsidy: omg for the permit, fin and eco for the subsidy" \
	"$(jq -r '[.[].department] | join(" ")' <<<"$OUT")" "eco omg fin"
demo ann case new --enterprise "$KBO1" --category funding --subject "Premie voor een bouwaanvraag"
demo ann case suggest "$OUT" --json
is "the other way round: a funding case names a building application" \
	"$(jq -r '[.[].department] | join(" ")' <<<"$OUT")" "eco omg fin"
demo ann case new --enterprise "$KBO1" --category welfare --subject "Vraag over kinderopvang"
demo ann case suggest "$OUT" --json
is "a case without those words gets its category's rule only" \
	"$(jq -r '[.[].department] | join(" ")' <<<"$OUT")" "wel"

# --- withdraw and remind (the fixture: eco, wel, spa) ---------------------------------
init_db
E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO2")
run ann case new --enterprise "$E1" --subject "Ruimte voor een atelier"
C1=$OUT
run ann case route "$C1" eco wel
rc_is "set-up: routed to eco and wel" 0

rejects 2 "withdraw without a reason is refused" ann case withdraw "$C1" --dept eco --reason " "
rejects 4 "an officer may not withdraw a route" bram case withdraw "$C1" --dept eco --reason "Niet nodig"
rejects 4 "a manager may not withdraw a route" dina case withdraw "$C1" --dept eco --reason "Niet nodig"
run ann case withdraw "$C1" --dept wel --reason "Welzijn is niet nodig: het gaat om ruimte."
rc_is "ann withdraws wel's route with a reason" 0
run ann case show "$C1" --json
jq_is "wel's route is withdrawn" '.routes[] | select(.department=="wel") | .status' withdrawn
jq_is "eco's route stays pending" '.routes[] | select(.department=="eco") | .status' pending
jq_is "the journal keeps the reason" \
	'[.journal[] | select(.kind=="withdrawn" and .department=="wel") | .text] | join("")' \
	"Welzijn is niet nodig: het gaat om ruimte."
run chris inbox --json
jq_is "the withdrawn route leaves wel's inbox" '[.[] | select(.number=="'"$C1"'")] | length' 0
rejects 2 "a withdrawn route cannot be withdrawn again" ann case withdraw "$C1" --dept wel --reason "Nog eens"
rejects 3 "a department without a route: not routed" ann case withdraw "$C1" --dept spa --reason "x"

SEDESK_NOW=2026-03-05T10:00:00Z run ann case remind "$C1" --dept eco --text "Graag een antwoord deze week."
rc_is "ann reminds eco" 0
run ann case show "$C1" --json
jq_is "the reminder is journaled with its date and text" \
	'[.journal[] | select(.kind=="reminded") | .at + " " + .department + " " + .text] | join("")' \
	"2026-03-05T10:00:00Z eco Graag een antwoord deze week."
jq_is "the route records when it was reminded" '.routes[] | select(.department=="eco") | .reminded' \
	"2026-03-05T10:00:00Z"
run bram inbox --json
jq_is "eco's inbox gives the reason: reminded" '.[] | select(.number=="'"$C1"'") | .reason' reminded
run bram inbox
like "…in words in the text inbox" "$(grep "^$C1" <<<"$OUT")" "eco reminded"
run ann case remind "$C1" --dept eco
rc_is "a reminder without text is fine" 0
rejects 2 "a withdrawn route cannot be reminded" ann case remind "$C1" --dept wel
rejects 4 "an officer may not remind" bram case remind "$C1" --dept eco
run bram case answer "$C1" --dept eco --text "Er is ruimte in de Dokstraat."
rejects 2 "an answered route cannot be reminded" ann case remind "$C1" --dept eco
run ann case close "$C1" --resolution "Atelier gevonden."
rejects 2 "a closed case: nothing to withdraw" ann case withdraw "$C1" --dept eco --reason "x"
finish
