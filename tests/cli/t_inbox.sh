#!/bin/bash
# The inbox says why each case is there and how urgent it is (issue 10): a
# priority column beside the reason, in one order — overdue first, then by
# priority, then by due date — the same in `sedesk inbox`, its JSON and the
# screen (the screen: tests/tui/t_flow2.sh).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Gewone vraag" --priority normal
CN=$OUT
run ann case new --enterprise "$E1" --subject "Dringende vraag" --priority urgent
CU=$OUT
run ann case new --enterprise "$E1" --subject "Kleine vraag" --priority low
CL=$OUT

run ann inbox
rc_is "inbox exits 0" 0
like "the urgent case's row shows its priority" "$(grep "^$CU" <<<"$OUT")" "new +urgent +2026-03-13"
like "the normal case's row shows its priority" "$(grep "^$CN" <<<"$OUT")" "new +normal "
like "the low case's row shows its priority" "$(grep "^$CL" <<<"$OUT")" "new +low "
is "text: urgent, then normal, then low" "$(cut -d' ' -f1 <<<"$OUT" | tr '\n' ' ')" "$CU $CN $CL "
run ann inbox --json
is "JSON: the same order" "$(jq -r '[.[].number] | join(" ")' <<<"$OUT") " "$CU $CN $CL "
jq_is "JSON: the priority code" "[.[].priority] | join(\",\")" "urgent,normal,low"

# Overdue cases lead, whatever their priority; among them the priority orders.
SEDESK_NOW=2026-03-20T09:00:00Z run ann case new --enterprise "$E1" --subject "Latere vraag" --priority urgent
CLATE=$OUT
SEDESK_NOW=2026-03-20T09:00:00Z run ann inbox
like "an overdue row says so, with its priority and the sign" "$(grep "^$CL" <<<"$OUT")" "overdue +low +2026-03-13!"
is "the overdue ones by priority, then the new urgent one" \
	"$(cut -d' ' -f1 <<<"$OUT" | tr '\n' ' ')" "$CU $CN $CL $CLATE "
SEDESK_NOW=2026-03-20T09:00:00Z run ann inbox --json
is "JSON: the same order" "$(jq -r '[.[].number] | join(" ")' <<<"$OUT") " "$CU $CN $CL $CLATE "

# What changed since the user last looked: ann made these cases herself,
# so nothing is news to her; a case ann routes to eco is news to bram.
run ann inbox --json
jq_is "nothing ann wrote herself is marked changed" '[.[] | select(.changed)] | length' 0
run ann case route "$CN" eco
rc_is "set-up: ann routes a case to eco" 0
run bram inbox --json
jq_is "routed by ann: changed for bram" '.[] | select(.number=="'"$CN"'") | .changed' true
run bram inbox
like "text: the row is marked * after its number" "$(grep "^$CN" <<<"$OUT")" "^$CN \\* eco "
run bram case pickup "$CN" --dept eco
rc_is "set-up: bram picks it up" 0
run bram inbox --json
jq_is "bram's own pick-up is not news to him" '.[] | select(.number=="'"$CN"'") | .changed' false
run bram inbox
like "text: no mark then" "$(grep "^$CN" <<<"$OUT")" "^$CN   eco "
finish
