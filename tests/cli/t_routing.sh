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
finish
