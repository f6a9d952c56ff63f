#!/bin/bash
# Cases: numbers, fields, due dates in working days, suggestions, the whole
# route and case life cycle with its journal, wait/reopen, withdrawal on
# close, edits with version checks, concurrent numbering.
#
# Clock: Monday 2026-03-02 09:00 UTC; holidays 2026-03-04 (Wed) and
# 2026-04-06 (Easter Monday).  Service levels: funding 5, permit 10,
# general 10; eco 3, wel 2, spa 7 working days.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent)
E2=$(add_ent --name "Brouwerij 't Hoekske" --number "$KBO2")
if [ -z "$E1" ] || [ -z "$E2" ]; then not_ok "set-up: two enterprises" "$(cat "$T_DIR/.adderr")"; finish; fi

journal_len() { cfield "$1" '.journal | length'; }
kinds() { cfield "$1" '[.journal[].kind] | join(",")'; }
has_kind() {	# has_kind DESC NUM KIND [ACTOR]
	_sel='.kind == "'"$3"'"'
	[ -n "${4:-}" ] && _sel="$_sel"' and .actor == "'"$4"'"'
	is "$1" "$(cfield "$2" "[.journal[] | select($_sel)] | length > 0")" true
}
grows() {	# grows DESC NUM PREVLEN -> sets LEN
	LEN=$(journal_len "$2")
	if [ "$LEN" -gt "$3" ] 2>/dev/null; then ok "$1"
	else not_ok "$1" "journal length $LEN, was $3"; fi
}

# --- case new ------------------------------------------------------------------
run ann case new --enterprise 0403170701 --subject "Subsidie voor een nieuwe keuken" \
    --description "Onze keuken biedt werk aan kwetsbare jongeren." \
    --category funding --channel email --priority high
rc_is "case new exits 0" 0
is "the first case of 2026 is 2026-00001 (printed alone)" "$OUT" 2026-00001
C1=2026-00001

run ann case show $C1 --json
rc_is "case show --json exits 0" 0
jq_is "number" '.number' $C1
jq_true "id is a lower-case UUID" '.id | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")'
jq_is "status new" '.status' new
jq_is "subject" '.subject' "Subsidie voor een nieuwe keuken"
jq_is "description" '.description' "Onze keuken biedt werk aan kwetsbare jongeren."
jq_is "enterprise.id (found by its number in another spelling)" '.enterprise.id' "$E1"
jq_is "enterprise.name" '.enterprise.name' "Café De Zonnebloem"
jq_is "enterprise.number" '.enterprise.number' "$KBO1"
jq_is "category" '.category' funding
jq_is "channel" '.channel' email
jq_is "priority" '.priority' high
jq_is "owner is the contact officer who created it" '.owner' ann
jq_is "created is SEDESK_NOW" '.created' "$SEDESK_NOW"
jq_is "due: 5 working days (funding) skipping the holiday of Wed 4 March" '.due' 2026-03-10
jq_is "version is a positive number" '.version | (type == "number" and . > 0)' true
jq_is "resolution is null" '.resolution' null
jq_is "satisfaction is null" '.satisfaction' null
jq_is "no routes yet" '.routes | length' 0
jq_is "journal starts with 'created' by ann" '.journal[0] | "\(.kind)/\(.actor)"' created/ann
jq_is "journal time is RFC 3339 UTC (SEDESK_NOW)" '.journal[0].at' "$SEDESK_NOW"
J_CREATED=$(printf '%s' "$OUT" | jq -c '.journal[0]')
LEN=$(printf '%s' "$OUT" | jq '.journal | length')
VER=$(printf '%s' "$OUT" | jq '.version')

is "the enterprise lists its case (number/status/subject)" \
    "$(efield "$E1" '[.cases[] | "\(.number)/\(.status)/\(.subject)"] | join(",")')" "$C1/new/Subsidie voor een nieuwe keuken"

run ann case show $C1
rc_is "case show (text) exits 0" 0
like "case show (text) shows the number" "$OUT" "$C1"
like "case show (text) shows the subject" "$OUT" "Subsidie voor een nieuwe keuken"
like "case show (text) shows the enterprise with its accent" "$OUT" "Café De Zonnebloem"

# Defaults; description from standard input; no category -> general level.
printf 'Mag ons terras op het plein?\nWe schenken koffie (café) voor buurtbewoners.\n' >"$T_DIR/desc2"
RUN_STDIN=$T_DIR/desc2 run ann case new --enterprise "$E2" --subject "Vraag over een terras" --description-file -
RUN_STDIN=/dev/null
rc_is "case new --description-file - exits 0" 0
is "the second case is 2026-00002" "$OUT" 2026-00002
C2=2026-00002
run ann case show $C2 --json
jq_is "description read from standard input (two lines, accents)" '.description' \
    "$(cat "$T_DIR/desc2")"
jq_is "default channel is phone" '.channel' phone
jq_is "default priority is normal" '.priority' normal
jq_is "no category is null" '.category' null
jq_is "due without category: general 8 working days (skips Wed 4 March)" '.due' 2026-03-13
jq_is "enterprise found by id" '.enterprise.id' "$E2"

printf 'Zorgboerderij wil een stal bouwen.\nTweede regel.\n' >"$T_DIR/desc3"
run ann case new --enterprise "$KBO1" --subject "Zorg om de bouwvergunning" --description-file "$T_DIR/desc3" \
    --category permit --channel site-visit --priority low
rc_is "case new --description-file FILE exits 0" 0
is "the third case is 2026-00003" "$OUT" 2026-00003
C3=2026-00003
is "description read from a file" "$(cfield $C3 .description)" "$(cat "$T_DIR/desc3")"
is "due: permit, 10 working days" "$(cfield $C3 .due)" 2026-03-17
is "channel site-visit" "$(cfield $C3 .channel)" site-visit

for ch in desk pitch event web; do
	run ann case new --enterprise "$E2" --subject "Kanaal $ch" --channel "$ch"
	rc_is "channel $ch is accepted" 0
done
C_LAST=$OUT
is "channels used sequential numbers (2026-00007 after four more)" "$C_LAST" 2026-00007
run ann case new --enterprise "$E2" --subject "Dringend" --priority urgent
is "priority urgent is accepted" "$(cfield "$OUT" .priority)" urgent

# Due dates over a weekend and Easter Monday: created Friday 3 April 2026.
SEDESK_NOW=2026-04-03T15:30:00Z run ann case new --enterprise "$E2" --subject "Goede Vrijdag" --category funding
is "created on a Friday: 5 working days skip the weekend and Easter Monday" "$(cfield "$OUT" .due)" 2026-04-13
is "created time follows SEDESK_NOW" "$(cfield "$OUT" .created)" 2026-04-03T15:30:00Z
# Created on a Saturday: day 1 is Monday.
SEDESK_NOW=2026-03-07T10:00:00Z run ann case new --enterprise "$E2" --subject "Zaterdag" --category funding
is "created on a Saturday: 5 working days end the next Friday" "$(cfield "$OUT" .due)" 2026-03-13
# Epoch seconds are accepted for SEDESK_NOW (2026-03-02T09:00:00Z).
SEDESK_NOW=1772442000 run ann case new --enterprise "$E2" --subject "Epoch"
is "SEDESK_NOW in epoch seconds" "$(cfield "$OUT" .created)" 2026-03-02T09:00:00Z

# --- suggestions from the rules --------------------------------------------------
run ann case suggest $C1
rc_is "case suggest exits 0" 0
is "suggest: category funding -> eco, keyword 'kwetsbare' -> wel" "$(printf '%s\n' "$OUT" | sort | tr '\n' ' ')" "eco wel "
run ann case suggest $C2
rc_is "case suggest with no matching rule exits 0" 0
is "suggest: nothing matches -> no output" "$OUT" ""
run ann case suggest $C3
is "suggest: keyword matched case-insensitively in the subject ('Zorg')" "$OUT" wel
run ann case suggest $C1 --json
jq_true "suggest --json is JSON naming eco and wel" '[.. | strings] | (index("eco") != null and index("wel") != null)'

# --- the life cycle of C1 ----------------------------------------------------------
run ann case route $C1 eco wel --note "Graag tegen vrijdag"
rc_is "route to two departments exits 0" 0
run ann case show $C1 --json
jq_is "after route: status routed" '.status' routed
jq_is "after route: two routes" '[.routes[].department] | sort | join(",")' eco,wel
jq_is "after route: both pending" '[.routes[].status] | unique | join(",")' pending
jq_is "route eco due in 3 working days (skips Wed 4 March)" '.routes[] | select(.department=="eco") | .due' 2026-03-06
jq_is "route wel due in 2 working days (skips Wed 4 March)" '.routes[] | select(.department=="wel") | .due' 2026-03-05
jq_is "a pending route has no officer" '.routes[] | select(.department=="eco") | .officer' null
jq_is "a pending route has no answer" '.routes[] | select(.department=="eco") | .answer' null
jq_is "route time recorded" '.routes[] | select(.department=="eco") | .routed' "$SEDESK_NOW"
jq_true "journal has 'routed'" '[.journal[] | select(.kind=="routed")] | length > 0'
jq_true "the routing note is in the journal" '[.journal[] | .text // "" | contains("Graag tegen vrijdag")] | any'
jq_true "the first journal entry is unchanged" ".journal[0] == $J_CREATED"
jq_true "version increased" ".version > $VER"
VER=$(printf '%s' "$OUT" | jq '.version')
grows "journal grew with routing" $C1 "$LEN"

run bram case pickup $C1 --dept eco
rc_is "bram (officer of eco) picks up the eco route" 0
run ann case show $C1 --json
jq_is "after pickup: status in_progress" '.status' in_progress
jq_is "after pickup: eco route picked_up" '.routes[] | select(.department=="eco") | .status' picked_up
jq_is "after pickup: eco route officer bram" '.routes[] | select(.department=="eco") | .officer' bram
jq_is "after pickup: picked_up time" '.routes[] | select(.department=="eco") | .picked_up' "$SEDESK_NOW"
jq_is "after pickup: wel route still pending" '.routes[] | select(.department=="wel") | .status' pending
jq_true "version increased" ".version > $VER"
VER=$(printf '%s' "$OUT" | jq '.version')
has_kind "journal has 'picked_up' by bram" $C1 picked_up bram
grows "journal grew with the pickup" $C1 "$LEN"

run chris case pickup $C1 --dept wel
rc_is "chris (officer of wel) picks up the wel route" 0
is "both picked up: status in_progress" "$(cfield $C1 .status)" in_progress
has_kind "journal has 'picked_up' by chris" $C1 picked_up chris

run chris case decline $C1 --dept wel --reason "Geen welzijnsvraag"
rc_is "chris declines the wel route with a reason" 0
run ann case show $C1 --json
jq_is "after decline: wel route declined" '.routes[] | select(.department=="wel") | .status' declined
jq_is "after decline: case still in_progress (eco open)" '.status' in_progress
jq_true "after decline: finished time set" '.routes[] | select(.department=="wel") | .finished | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")'
jq_true "journal has 'declined' by chris with the reason" \
    '[.journal[] | select(.kind=="declined" and .actor=="chris" and ((.text // "") | contains("Geen welzijnsvraag")))] | length > 0'
grows "journal grew with the decline" $C1 "$LEN"

run bram case note $C1 "Zaakvoerder gebeld; offerte volgt."
rc_is "an officer of a routed department adds a note" 0
run ann case note $C1 "Enterprise belt morgen terug"
rc_is "the contact officer adds a note" 0
run ann case show $C1 --json
jq_true "journal has bram's note with its text" \
    '[.journal[] | select(.kind=="note" and .actor=="bram" and .text=="Zaakvoerder gebeld; offerte volgt.")] | length == 1'
jq_true "journal has ann's note with its text" \
    '[.journal[] | select(.kind=="note" and .actor=="ann" and .text=="Enterprise belt morgen terug")] | length == 1'
jq_is "a note does not change the status" '.status' in_progress
grows "journal grew with the notes" $C1 "$LEN"

SEDESK_NOW=2026-03-05T14:00:00Z run bram case answer $C1 --dept eco --text "Subsidie 'Sociale economie' is mogelijk."
rc_is "bram answers the eco route" 0
run ann case show $C1 --json
jq_is "after answer: eco route answered" '.routes[] | select(.department=="eco") | .status' answered
jq_is "after answer: answer text" '.routes[] | select(.department=="eco") | .answer' "Subsidie 'Sociale economie' is mogelijk."
jq_is "after answer: finished at the answer's time" '.routes[] | select(.department=="eco") | .finished' 2026-03-05T14:00:00Z
jq_is "every route answered or declined: status answered" '.status' answered
jq_is "updated follows the last change" '.updated' 2026-03-05T14:00:00Z
jq_is "created does not move" '.created' "$SEDESK_NOW"
jq_true "journal has 'answered' by bram" '[.journal[] | select(.kind=="answered" and .actor=="bram")] | length > 0'
jq_true "journal entry time follows SEDESK_NOW" '[.journal[] | select(.kind=="answered") | .at] | index("2026-03-05T14:00:00Z") != null'
grows "journal grew with the answer" $C1 "$LEN"

run ann case close $C1 --resolution "Subsidie aangevraagd met hulp van Economie" --satisfaction 4
rc_is "ann closes the case with a resolution and satisfaction" 0
run ann case show $C1 --json
jq_is "after close: status closed" '.status' closed
jq_is "after close: resolution" '.resolution' "Subsidie aangevraagd met hulp van Economie"
jq_is "after close: satisfaction is the number 4" '.satisfaction | tostring + "/" + type' "4/number"
jq_true "journal has 'closed' by ann" '[.journal[] | select(.kind=="closed" and .actor=="ann")] | length > 0'
jq_is "finished routes are not withdrawn by closing" '[.routes[].status] | sort | join(",")' answered,declined
jq_true "the first journal entry is still unchanged" ".journal[0] == $J_CREATED"
jq_true "every journal entry has an RFC 3339 time, an actor, a kind" \
    '[.journal[] | (.at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and (.actor | type == "string") and (.kind | type == "string")] | all'
jq_true "journal kinds include the whole life cycle" \
    '[.journal[].kind] as $k | ["created","routed","picked_up","declined","note","answered","closed"] | all(. as $x | $k | index($x) != null)'
grows "journal grew with the close" $C1 "$LEN"

# --- waiting, reopen, answer from pending, a second round (C2) -----------------
run ann case route $C2 spa
rc_is "route C2 to spa" 0
is "spa route due in 7 working days" "$(cfield $C2 '.routes[0].due')" 2026-03-12
run ann case wait $C2
rc_is "case wait exits 0" 0
is "after wait: status waiting" "$(cfield $C2 .status)" waiting
has_kind "journal has a 'status' entry for waiting" $C2 status ann
run ann case reopen $C2
rc_is "case reopen from waiting exits 0" 0
is "reopen from waiting returns to routed (route pending)" "$(cfield $C2 .status)" routed
has_kind "reopen from waiting journals 'reopened'" $C2 reopened ann
run root case answer $C2 --dept spa --text "Terras kan met een vergunning."
rc_is "admin answers straight from pending" 0
is "answered from pending: route answered" "$(cfield $C2 '.routes[0].status')" answered
is "answered from pending: route officer is the admin" "$(cfield $C2 '.routes[0].officer')" root
is "answered from pending: case answered" "$(cfield $C2 .status)" answered
run ann case close $C2 --resolution "Uitleg gegeven"
rc_is "close without satisfaction" 0
is "closed without satisfaction: satisfaction null" "$(cfield $C2 .satisfaction)" null
is "closed" "$(cfield $C2 .status)" closed
NREOPEN=$(cfield $C2 '[.journal[] | select(.kind=="reopened")] | length')
run ann case reopen $C2
rc_is "case reopen from closed exits 0" 0
is "reopen from closed returns to the state the routes imply (answered)" "$(cfield $C2 .status)" answered
is "reopen from closed journals 'reopened'" "$(cfield $C2 '[.journal[] | select(.kind=="reopened")] | length')" "$((NREOPEN + 1))"
run ann case route $C2 spa --note "Nieuwe vraag over de vergunning"
rc_is "routing again to a department whose route is finished starts a new round" 0
is "new round: the latest spa route is pending" "$(cfield $C2 '[.routes[] | select(.department=="spa")] | last | .status')" pending
is "new round: case routed" "$(cfield $C2 .status)" routed

# --- closing withdraws open routes; routes counted from their own time (C3) -----
SEDESK_NOW=2026-03-03T10:00:00Z run ann case route $C3 eco wel
rc_is "route C3 on Tuesday" 0
is "eco route routed on Tuesday: due Monday 9 March" "$(cfield $C3 '.routes[] | select(.department=="eco") | .due')" 2026-03-09
is "wel route routed on Tuesday: due Friday 6 March" "$(cfield $C3 '.routes[] | select(.department=="wel") | .due')" 2026-03-06
is "the case's own due date does not move" "$(cfield $C3 .due)" 2026-03-17
run bram case pickup $C3 --dept eco
run ann case close $C3 --resolution "Vraag ingetrokken"
rc_is "closing a case with open routes exits 0" 0
run ann case show $C3 --json
jq_is "closing withdrew the picked-up route" '.routes[] | select(.department=="eco") | .status' withdrawn
jq_is "closing withdrew the pending route" '.routes[] | select(.department=="wel") | .status' withdrawn
jq_true "journal has 'withdrawn'" '[.journal[] | select(.kind=="withdrawn")] | length > 0'
jq_is "closed" '.status' closed

# --- case edit: field journal entries, versions ---------------------------------
V=$(cfield $C_LAST .version)
run ann case edit $C_LAST --priority urgent --subject "Kanaal web (dringend)" --category permit
rc_is "case edit exits 0" 0
run ann case show $C_LAST --json
jq_is "edit changed the priority" '.priority' urgent
jq_is "edit changed the subject" '.subject' "Kanaal web (dringend)"
jq_is "edit changed the category" '.category' permit
jq_true "journal 'field' entry for priority with old and new value" \
    '[.journal[] | select(.kind=="field" and .field=="priority" and .old=="normal" and .new=="urgent")] | length == 1'
jq_true "journal 'field' entry for subject with old and new value" \
    '[.journal[] | select(.kind=="field" and .field=="subject" and .old=="Kanaal web" and .new=="Kanaal web (dringend)")] | length == 1'
jq_true "version increased" ".version > $V"
V2=$(printf '%s' "$OUT" | jq '.version')
rejects 5 "case edit with a stale --expect-version" ann case edit $C_LAST --priority low --expect-version "$V"
rejects 5 "case note with a stale --expect-version" ann case note $C_LAST "te laat" --expect-version "$V"
rejects 5 "case route with a stale --expect-version" ann case route $C_LAST eco --expect-version "$V"
run ann case edit $C_LAST --priority low --expect-version "$V2"
rc_is "case edit with the current --expect-version exits 0" 0
is "edit with the current version applied" "$(cfield $C_LAST .priority)" low
printf 'Nieuwe beschrijving\nmet twee regels.\n' >"$T_DIR/desc-edit"
run ann case edit $C_LAST --owner root --description-file "$T_DIR/desc-edit"
rc_is "case edit --owner --description-file exits 0" 0
run ann case show $C_LAST --json
jq_is "edit changed the owner" '.owner' root
jq_is "edit read the description from a file" '.description' "$(cat "$T_DIR/desc-edit")"
jq_true "journal 'field' entry for the owner (ann -> root)" \
    '[.journal[] | select(.kind=="field" and .field=="owner" and .old=="ann" and .new=="root")] | length == 1'
J=$(journal_len $C_LAST)
run ann case edit $C_LAST --priority low
rc_is "an edit that changes nothing exits 0" 0
is "an edit that changes nothing writes no field entry" "$(journal_len $C_LAST)" "$J"

# --- numbers: per year, sequential, never duplicated under concurrent writers --
SEDESK_NOW=2027-01-04T08:00:00Z run ann case new --enterprise "$E1" --subject "Nieuw jaar"
is "the first case of 2027 is 2027-00001" "$OUT" 2027-00001
run ann case new --enterprise "$E1" --subject "Terug in 2026"
is "2026 continues its own sequence" "$OUT" 2026-00012
pids=""
for i in 1 2 3 4 5 6 7 8; do
	SEDESK_USER=ann "$SEDESK_BIN" case new --enterprise "$E2" --subject "Gelijktijdig $i" \
	    >"$T_DIR/par.$i" 2>&1 </dev/null &
	pids="$pids $!"
done
par_fail=0
for p in $pids; do wait "$p" || par_fail=$((par_fail + 1)); done
is "eight concurrent case new all succeed" "$par_fail" 0
is "concurrent numbers are unique and consecutive" "$(cat "$T_DIR"/par.* | sort | tr '\n' ' ')" \
    "$(for i in 13 14 15 16 17 18 19 20; do printf '2026-%05d ' "$i"; done)"
run ann case new --enterprise "$E2" --subject "Daarna"
is "the next number after the concurrent ones" "$OUT" 2026-00021

finish
