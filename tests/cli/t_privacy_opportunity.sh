#!/bin/bash
# Export and erasure reach an opportunity's parts (issue 17's leftover):
# an enterprise's response, an SROI report's text and a contractor's name
# outside the register are records of their own, which the walk did not
# read; a person named there is found, listed and erased (no byte left in
# data.mdb), the opportunity's journal says so, the figures stay; with
# --enterprise, its own response is replaced whole.
. "$(dirname "$0")/common.sh"
init_db
E=$(add_ent --name "Groen Atelier" --number "$KBO1")
E2=$(add_ent --name "Kringwinkel Noord" --number "$KBO2")
O=$(as bram opportunity add --title "Groenonderhoud parken" --kind purchase --dept eco \
	--deadline 2026-04-30 --sroi 5 --lot "Maaien=20000" --lot "Snoeien=10000")
like "set-up: an opportunity" "$O" "$UUID_RE"
run ann opportunity respond "$O" "$KBO1" --lot 1 --text "Contact: Jan Peeters, 0470 11 22 33"
rc_is "set-up: a response that names a person" 0
run ann opportunity respond "$O" "$KBO2" --lot 2 --text "Wij doen mee; vraag naar Mia"
rc_is "set-up: another enterprise's response" 0
run bram opportunity award "$O" --lot 1 --enterprise "$KBO1" --value 19000 --ends 2026-12-31
rc_is "set-up: lot 1 awarded in the register" 0
run bram opportunity award "$O" --lot 2 --outside "Tuinwerken Jan Peeters" --value 9000 \
	--ends 2026-12-31
rc_is "set-up: lot 2 to a sole proprietor outside the register" 0
run bram opportunity sroi "$O" --lot 1 --spent 200 --text "Stageplaats voor Jan Peeters"
rc_is "set-up: an SROI report that names him" 0
db=$T_DIR/db
spend_before=$(as root report spend --year 2026 --json)

run root privacy export --person "Jan Peeters" --json
rc_is "export --person" 0
jq_true "the response is listed" 'any(.review[]; .record == "opportunity_response")'
jq_true "the SROI report is listed" 'any(.review[]; .record == "opportunity_sroi")'
jq_true "the contractor's name is listed" 'any(.review[]; .record == "opportunity_award")'

run root privacy erase --person "Jan Peeters" --json
rc_is "erase --person" 0
is "no byte of 'Jan Peeters' in data.mdb" "$(grep -c -a -F "Jan Peeters" "$db/data.mdb")" 0
[ "$(grep -c -a -F "0470 11 22 33" "$db/data.mdb")" -gt 0 ] &&
	ok "the rest of the response stays (only the name is erased)" ||
	not_ok "the rest of the response stays (only the name is erased)"
run root opportunity show "$O" --json
jq_true "the response reads with the tombstone" \
	'any(.. | objects | select(has("text")); .text == "Contact: [erased 2026-03-02], 0470 11 22 33")'
jq_true "the contractor's name too" \
	'any(.. | objects | select(has("name")); .name == "Tuinwerken [erased 2026-03-02]")'
jq_true "the opportunity's journal says it was erased" \
	'any(.journal[]; .kind == "erased" and .actor == "root")'
is "the spend figures are equal" "$(as root report spend --year 2026 --json)" "$spend_before"
run root check
rc_is "check passes after the erasure" 0

# --enterprise: its own response whole; the other enterprise's stays.
run root privacy erase --enterprise "$KBO1" --json
rc_is "erase --enterprise" 0
is "no byte of its response's number in data.mdb" "$(grep -c -a -F "0470 11 22 33" "$db/data.mdb")" 0
[ "$(grep -c -a -F "vraag naar Mia" "$db/data.mdb")" -gt 0 ] &&
	ok "another enterprise's response stays" || not_ok "another enterprise's response stays"
run root check
rc_is "check passes" 0
finish
