#!/bin/bash
# An officer's inbox over a department with more open routes than it shows
# (inboxfix): the oldest route, overdue, leads the inbox of the officer
# (`sedesk inbox`, text and JSON) though 120 newer routes came after it;
# it did not appear at all when the inbox read only the newest 50 routes
# of each department.  `sedesk check` keeps the due index clean.
. "$(dirname "$0")/common.sh"
init_db
E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
if [ -z "$E1" ]; then not_ok "set-up: enterprise" "$(cat "$T_DIR/.adderr")"; finish; fi

{
	echo "created,enterprise,subject,dept1,routed1"
	echo "2026-02-02,$KBO1,Oude vraag,eco,2026-02-02"
	for i in $(seq 1 120); do
		echo "2026-02-27,$KBO1,Nieuwe vraag $i,eco,2026-02-27"
	done
} >"$T_DIR/many.csv"
run ann case import "$T_DIR/many.csv"
is "set-up: 121 cases routed to eco" "$RC/$OUT" "0/imported 121 cases"
run root case list --limit 200 --json
OLD=$(jq -r '.[] | select(.subject == "Oude vraag") | .number' <<<"$OUT")

run bram inbox
rc_is "inbox exits 0" 0
is "fifty rows" "$(grep -c "^2026-" <<<"$OUT")" 50
like "the oldest route, overdue, is the first row" "$(grep "^2026-" <<<"$OUT" | head -1)" \
    "^$OLD .* eco +pending +normal +2026-02-05!"
run bram inbox --json
jq_is "JSON: the same first row" '.[0].number' "$OLD"
jq_is "JSON: overdue" '.[0].overdue' true
jq_is "JSON: the others not overdue" '[.[1:][] | select(.overdue)] | length' 0

# Picked up, the route stays first (the picked-up routes are read alike).
run bram case pickup "$OLD" --dept eco
rc_is "set-up: bram picks the old case up" 0
run bram inbox --json
jq_is "picked up: still the first row" '.[0].number' "$OLD"
# Answered, it leaves the inbox.
run bram case answer "$OLD" --dept eco --text "Beantwoord"
rc_is "set-up: bram answers it" 0
run bram inbox --json
jq_is "answered: not in the inbox" "[.[] | select(.number == \"$OLD\")] | length" 0

run root check
rc_is "check: the due index agrees with the routes" 0
finish
