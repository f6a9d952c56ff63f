#!/bin/bash
# case list filters, --overdue against the clock, --mine, inbox per role,
# sedesk without a command, what a department officer may see.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1")
E2=$(add_ent --name "Brouwerij 't Hoekske" --number "$KBO2")
if [ -z "$E1" ] || [ -z "$E2" ]; then not_ok "set-up: two enterprises" "$(cat "$T_DIR/.adderr")"; finish; fi

# Seven cases at Monday 2 March 2026, one in every status.
L1=$(new_case --enterprise "$E1" --subject "Routed naar eco" --category funding)	# due 03-10
as ann case route "$L1" eco >/dev/null 2>&1
L2=$(new_case --enterprise "$E2" --subject "Bij welzijn in behandeling")		# due 03-13
as ann case route "$L2" wel >/dev/null 2>&1
as chris case pickup "$L2" --dept wel >/dev/null 2>&1
L3=$(new_case --enterprise "$E1" --subject "Nog niet gerouteerd" --category permit)	# due 03-17
L4=$(new_case --enterprise "$E2" --subject "Beantwoord door beide" --priority high)
as ann case route "$L4" eco wel >/dev/null 2>&1
as bram case answer "$L4" --dept eco --text "Ja" >/dev/null 2>&1
as chris case answer "$L4" --dept wel --text "Nee" >/dev/null 2>&1
L5=$(new_case --enterprise "$E1" --subject "Afgesloten")
as ann case close "$L5" --resolution "Meteen beantwoord" >/dev/null 2>&1
L6=$(new_case --enterprise "$E2" --subject "Wacht op de onderneming")
as ann case wait "$L6" >/dev/null 2>&1
L7=$(as root case new --enterprise "$E2" --subject "Van de beheerder" 2>/dev/null)

got=""
for c in "$L1" "$L2" "$L3" "$L4" "$L5" "$L6" "$L7"; do got="$got$c/$(cfield "$c" .status) "; done
is "set-up: one case in every status" "$got" \
    "2026-00001/routed 2026-00002/in_progress 2026-00003/new 2026-00004/answered 2026-00005/closed 2026-00006/waiting 2026-00007/new "

numbers() { printf '%s' "$OUT" | jq -r '[.[].number] | sort | join(" ")' 2>&1; }
list_is() {	# list_is DESC WANT USER ARG…   (case list … --json)
	_d=$1 _w=$2; shift 2
	run "$@" --json
	if [ "$RC" -ne 0 ]; then not_ok "$_d" "exit $RC: $ERR"; return; fi
	is "$_d" "$(numbers)" "$_w"
}

# --- case list --------------------------------------------------------------------
run dina case list --json
rc_is "case list --json exits 0 for a manager" 0
jq_is "case list has every case" 'length' 7
jq_true "every item has number, status, subject, enterprise, priority, due, overdue, routes" \
    'all(.[]; has("number") and has("status") and has("subject") and has("enterprise") and has("priority") and has("due") and has("overdue") and has("routes"))'
jq_is "item enterprise {id,name}" '.[] | select(.number=="'"$L2"'") | "\(.enterprise.id)/\(.enterprise.name)"' "$E2/Brouwerij 't Hoekske"
jq_is "item routes [{department,status}]" '.[] | select(.number=="'"$L4"'") | [.routes[] | "\(.department)=\(.status)"] | sort | join(",")' eco=answered,wel=answered
jq_is "item due" '.[] | select(.number=="'"$L1"'") | .due' 2026-03-10
jq_is "item overdue is false today" '.[] | select(.number=="'"$L1"'") | .overdue' false
jq_is "item priority" '.[] | select(.number=="'"$L4"'") | .priority' high

run dina case list
rc_is "case list (text) exits 0" 0
is "case list (text) shows every case number" "$(printf '%s\n' "$OUT" | grep -Eo '2026-000[0-9]{2}' | sort -u | tr '\n' ' ')" \
    "$L1 $L2 $L3 $L4 $L5 $L6 $L7 "

list_is "list --status new" "$L3 $L7" dina case list --status new
list_is "list --status routed" "$L1" dina case list --status routed
list_is "list --status in_progress" "$L2" dina case list --status in_progress
list_is "list --status answered" "$L4" dina case list --status answered
list_is "list --status closed" "$L5" dina case list --status closed
list_is "list --status waiting" "$L6" dina case list --status waiting
list_is "list --dept eco (cases with an eco route)" "$L1 $L4" dina case list --dept eco
list_is "list --dept wel" "$L2 $L4" dina case list --dept wel
list_is "list --dept spa (none)" "" dina case list --dept spa
list_is "list --enterprise NUMBER in another spelling" "$L1 $L3 $L5" dina case list --enterprise 403170701
list_is "list --enterprise ID" "$L2 $L4 $L6 $L7" dina case list --enterprise "$E2"
list_is "list --status with --enterprise" "$L3" dina case list --status new --enterprise "$E1"
list_is "list --dept with --status" "$L4" dina case list --dept wel --status answered
run dina case list --limit 3 --json
jq_is "list --limit 3" 'length' 3
run dina case list --limit 1000 --json
jq_is "list --limit larger than the list" 'length' 7

# --- overdue: the case's due date has passed (due today is not overdue) --------
list_is "list --overdue on the day of creation: none" "" dina case list --overdue
SEDESK_NOW=2026-03-11T09:00:00Z run dina case list --overdue --json
jq_true "on 11 March the funding case (due 10 March) is overdue" 'map(.number) | index("'"$L1"'") != null'
jq_true "on 11 March the new permit case (due 17 March) is not overdue" 'map(.number) | index("'"$L3"'") == null'
jq_true "a closed case is never overdue" 'map(.number) | index("'"$L5"'") == null'
jq_true "items of --overdue have overdue true" 'all(.[]; .overdue == true)'
SEDESK_NOW=2026-03-17T16:00:00Z run dina case list --overdue --json
jq_true "on its due day the permit case is not overdue" 'map(.number) | index("'"$L3"'") == null'
SEDESK_NOW=2026-03-18T08:00:00Z run dina case list --overdue --json
jq_true "the day after its due day the permit case is overdue" 'map(.number) | index("'"$L3"'") != null'
SEDESK_NOW=2026-03-18T08:00:00Z run dina case list --json
jq_is "overdue is true in the plain list too" '.[] | select(.number=="'"$L3"'") | .overdue' true

# --- --mine -------------------------------------------------------------------
list_is "list --mine for ann (the cases she owns)" "$L1 $L2 $L3 $L4 $L5 $L6" ann case list --mine
list_is "list --mine for root" "$L7" root case list --mine

# --- inbox ---------------------------------------------------------------------
run ann inbox --json
rc_is "inbox --json exits 0 for the contact officer" 0
jq_is "contact inbox: the new case, reason new" '.[] | select(.number=="'"$L3"'") | .reason' new
jq_is "contact inbox: the answered case, reason answered" '.[] | select(.number=="'"$L4"'") | .reason' answered
jq_true "contact inbox: not the routed, in-progress, closed or waiting cases" \
    '[.[].number] as $n | ["'"$L1"'","'"$L2"'","'"$L5"'","'"$L6"'"] | all(. as $x | $n | index($x) == null)'
jq_true "inbox items carry the list fields" 'all(.[]; has("number") and has("status") and has("subject") and has("due") and has("reason"))'
SEDESK_NOW=2026-03-11T09:00:00Z run ann inbox --json
jq_is "contact inbox later: the overdue case, reason overdue" '.[] | select(.number=="'"$L1"'") | .reason' overdue

run bram inbox --json
rc_is "inbox --json exits 0 for an officer" 0
is "eco officer inbox: only the pending eco route" "$(numbers)" "$L1"
jq_is "eco officer inbox: reason pending" '.[0].reason' pending
run chris inbox --json
is "wel officer inbox: only the picked-up wel route" "$(numbers)" "$L2"
jq_is "wel officer inbox: reason picked_up" '.[0].reason' picked_up
run dina inbox --json
rc_is "inbox exits 0 for a manager" 0
jq_is "inbox of a manager is a JSON array" 'type' array

run ann inbox
rc_is "inbox (text) exits 0" 0
like "inbox (text) shows the new case" "$OUT" "$L3"
INBOX=$OUT
run ann
rc_is "sedesk with no command exits 0" 0
is "sedesk with no command prints the caller's inbox" "$OUT" "$INBOX"
run bram inbox
INBOX=$OUT
run bram
is "sedesk with no command: an officer's inbox" "$OUT" "$INBOX"

# --- a department officer sees what is routed to their departments ------------
list_is "eco officer's case list holds only cases routed to eco" "$L1 $L4" bram case list
list_is "wel officer's case list holds only cases routed to wel" "$L2 $L4" chris case list
run bram case show "$L1" --json
rc_is "eco officer may show a case routed to eco" 0
fails 3 "eco officer may not show a case not routed to eco (not found)" bram case show "$L3"
fails 3 "wel officer may not show a case routed only to eco" chris case show "$L1"

finish
