#!/bin/bash
# Contact moments (issue 12): `moment add | list | show | edit | done |
# case`, the inbox's moments (planned today, follow-ups due), and every
# error path: bad dates, unknown kinds, departments and officers, an
# officer outside the moment's departments ("not found"), a manager who
# reads but may not write, done twice, a version conflict, a case linked
# both ways.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
E2=$(add_ent --name "Groendienst Het Veld" --number "$KBO2")

# --- add -------------------------------------------------------------------------
run ann moment add --enterprise "$KBO1" --kind site-visit --date 2026-03-10T14:00 \
	--dept eco --dept wel --with bram --text "Plan: see the workshop."
rc_is "add a planned site visit" 0
like "add prints the new id" "$OUT" "$UUID_RE"
M1=$OUT
M1S=${M1:0:8}
run ann moment show "$M1" --json
jq_is "JSON: kind as its code" .kind site-visit
jq_is "JSON: time as typed" .time 2026-03-10T14:00
jq_is "JSON: planned (its time is to come)" .state planned
jq_is "JSON: both departments, in order" '.departments | join(",")' eco,wel
jq_is "JSON: the participant" '.participants | join(",")' bram
jq_is "JSON: owner" .owner ann
jq_is "JSON: enterprise by number" .enterprise.number "$KBO1"
jq_is "JSON: version 1" .version 1
jq_is "JSON: journal: created" '.journal[0].kind' created
run ann moment show "$M1S"
rc_is "show by the first 8 digits" 0
like "plain: words, not codes (kind)" "$OUT" "Kind +site visit"
like "plain: the state in words" "$OUT" "\\[planned\\]"
like "plain: time" "$OUT" "Time +2026-03-10 14:00"
like "plain: report indented" "$OUT" "^    Plan: see the workshop\\.$"

run ann moment add --enterprise "$E1" --kind phone --text "Asked about subsidies."
rc_is "add without a date: now" 0
M2=$OUT
run ann moment show "$M2" --json
jq_is "recorded now: held" .state held
jq_is "now, to the minute" .time 2026-03-02T09:00

run ann moment add --enterprise "$E2" --kind meeting --date 2026-02-20 --dept spa
rc_is "a meeting (the kind appended to the channels) on a past day" 0
M3=$OUT
run ann moment show "$M3" --json
jq_is "a day only: no time of day" .time 2026-02-20
jq_is "a past day: held" .state held
jq_is "kind meeting" .kind meeting

# The report from a file, read with the user's own rights.
printf 'Line one\nLine two\n' >"$T_DIR/report.txt"
run ann moment add --enterprise "$E1" --kind pitch --date 2026-03-05T10:00 --text-file "$T_DIR/report.txt" \
	--follow-up 2026-03-06
rc_is "--text-file" 0
M4=$OUT
run ann moment show "$M4" --json
jq_true "the file's text, both lines" '.text == "Line one\nLine two\n"'
jq_is "the follow-up day" .follow_up 2026-03-06

# --- errors of add ---------------------------------------------------------------
rejects 2 "add without --kind" ann moment add --enterprise "$E1"
rejects 2 "add without --enterprise" ann moment add --kind phone
rejects 2 "unknown kind" ann moment add --enterprise "$E1" --kind fax
like "the message lists the kinds" "$ERR" "meeting"
rejects 2 "a date that does not exist" ann moment add --enterprise "$E1" --kind phone --date 2026-02-30
like "says how to write it" "$ERR" "YYYY-MM-DDTHH:MM"
rejects 2 "an hour that does not exist" ann moment add --enterprise "$E1" --kind phone --date 2026-03-10T24:00
rejects 2 "a time without minutes" ann moment add --enterprise "$E1" --kind phone --date 2026-03-10T14
rejects 2 "words for a date" ann moment add --enterprise "$E1" --kind phone --date tomorrow
rejects 2 "a follow-up before the moment" ann moment add --enterprise "$E1" --kind site-visit \
	--date 2026-03-10 --follow-up 2026-03-09
like "says so" "$ERR" "before the moment"
rejects 2 "a follow-up in the past" ann moment add --enterprise "$E1" --kind phone --date 2026-02-01 \
	--follow-up 2026-02-02
rejects 2 "a follow-up that is no date" ann moment add --enterprise "$E1" --kind phone --follow-up soon
rejects 2 "an unknown department" ann moment add --enterprise "$E1" --kind phone --dept nosuch
like "lists the departments" "$ERR" "eco"
rejects 2 "an unknown officer" ann moment add --enterprise "$E1" --kind phone --with nobody
rejects 3 "an unknown enterprise" ann moment add --enterprise 0999.999.999 --kind phone
rejects 2 "--text and --text-file" ann moment add --enterprise "$E1" --kind phone --text a \
	--text-file "$T_DIR/report.txt"
rejects 2 "a report file that does not exist" ann moment add --enterprise "$E1" --kind phone \
	--text-file "$T_DIR/nosuch.txt"

# --- who sees and writes ----------------------------------------------------------
rejects 4 "a manager may not add" dina moment add --enterprise "$E1" --kind phone
run dina moment show "$M1" --json
rc_is "a manager reads every moment" 0
rejects 4 "a manager may not edit" dina moment edit "$M1" --text x
rejects 4 "a manager may not report one done" dina moment done "$M3" --text x
# chris serves wel: M1 (eco, wel) yes, M3 (spa) no.
run chris moment show "$M1"
rc_is "an officer of one of its departments sees it" 0
fails 3 "an officer outside its departments: not found" chris moment show "$M3"
like "the words of an id that does not exist" "$ERR" "no contact moment $M3"
fails 3 "a moment that does not exist" chris moment show 00000000-0000-4000-8000-000000000000
rejects 3 "outside its departments, edit: not found" chris moment edit "$M3" --text x
run chris moment list --json
jq_is "chris's list: not the spa one" "[.[] | select(.id == \"$M3\")] | length" 0
jq_is "chris's list: the wel one" "[.[] | select(.id == \"$M1\")] | length" 1
rejects 4 "an officer records only for his own departments" chris moment add --enterprise "$E1" \
	--kind phone --dept spa
like "says which" "$ERR" "own departments"
run chris moment add --enterprise "$E1" --kind site-visit --date 2026-02-27
rc_is "an officer records a moment (his departments by default)" 0
M5=$OUT
run chris moment show "$M5" --json
jq_is "his department" '.departments | join(",")' wel
rejects 4 "an officer does not make cases" chris moment case "$M5" --subject "Question"

# --- edit ------------------------------------------------------------------------
run ann moment edit "$M1" --date 2026-03-11T09:30 --with "" --expect-version 1
rc_is "edit the time, clear the participants" 0
run ann moment show "$M1" --json
jq_is "the new time" .time 2026-03-11T09:30
jq_is "no participants" '.participants | length' 0
jq_is "version 2" .version 2
jq_is "the time journaled in words" '[.journal[] | select(.field == "time")][0].new' 2026-03-11T09:30
rejects 5 "a version conflict" ann moment edit "$M1" --text "late" --expect-version 1
like "says to show it again" "$ERR" "changed since you read it"
rejects 2 "edit to the same values: nothing to change" ann moment edit "$M1" --date 2026-03-11T09:30
rejects 2 "edit: bad date" ann moment edit "$M1" --date 2026-13-01
rejects 2 "edit: a follow-up before the moment" ann moment edit "$M1" --follow-up 2026-03-10
rejects 2 "a held moment cannot move to the future" ann moment edit "$M2" --date 2026-04-01
rejects 2 "edit: unknown kind" ann moment edit "$M1" --kind fax
fails 2 "edit: not an id" ann moment edit "xyz" --text a

# --- done ------------------------------------------------------------------------
rejects 2 "done before its day" ann moment done "$M1" --text "went well"
like "says it cannot have taken place yet" "$ERR" "cannot have taken place"
SEDESK_NOW=2026-03-11T16:00:00Z run ann moment done "$M1" --text "Visited. They need a workspace."
rc_is "done on its day, with the report" 0
run ann moment show "$M1" --json
jq_is "held now" .state held
jq_is "the report" .text "Visited. They need a workspace."
SEDESK_NOW=2026-03-11T16:00:00Z rejects 2 "done twice" ann moment done "$M1" --text "again"
like "says it already took place" "$ERR" "already took place"
rejects 2 "done without a report" ann moment done "$M5"

# --- a case from a moment, and a case linked -------------------------------------
run ann moment case "$M1" --subject "Looking for a workspace" --category funding
rc_is "make a case from a moment" 0
CASE1=$OUT
is "case: the moment's kind as its channel" "$(cfield "$CASE1" .channel)" site-visit
is "case: the moment's enterprise" "$(cfield "$CASE1" .enterprise.number)" "$KBO1"
is "case: names the moment" "$(cfield "$CASE1" .moment)" "$M1"
run ann moment show "$M1" --json
jq_is "moment: names the case" .case "$CASE1"
run ann case show "$CASE1"
like "case show names the moment" "$OUT" "$M1"
rejects 2 "a second case from the same moment" ann moment case "$M1" --subject "Again"
rejects 2 "moment case without --subject" ann moment case "$M2"

CASE2=$(new_case --enterprise "$E1" --subject "By phone")
run ann moment edit "$M2" --case "$CASE2"
rc_is "link an existing case on edit" 0
is "the case names the moment" "$(cfield "$CASE2" .moment)" "$M2"
run ann moment show "$M2" --json
jq_is "the moment names the case" .case "$CASE2"
CASE3=$(new_case --enterprise "$E2" --subject "Elsewhere")
rejects 2 "a case of another enterprise" ann moment add --enterprise "$E1" --kind phone --case "$CASE3"
rejects 2 "a moment already linked" ann moment edit "$M2" --case "$CASE3"
rejects 3 "a case that does not exist" ann moment add --enterprise "$E1" --kind phone --case 2026-09999

# --- list ------------------------------------------------------------------------
run ann moment list
rc_is "list" 0
like "plain: short id, time, state and kind in words" "$OUT" "^$M1S  2026-03-11 09:30  held +site visit +Kringwinkel De Vlinder — Visited"
run ann moment list --json
jq_is "newest first" '.[0].id' "$M1"
jq_is "every moment ann sees" 'length' 5
run ann moment list --enterprise "$KBO2" --json
jq_is "--enterprise" '[.[].id] | join(",")' "$M3"
run ann moment list --kind pitch --json
jq_is "--kind" '[.[].id] | join(",")' "$M4"
run ann moment list --from 2026-03-01 --to 2026-03-06 --json
jq_is "--from --to" '[.[].id] | sort | join(",")' "$(printf '%s\n' "$M2" "$M4" | sort | paste -sd,)"
run bram moment list --mine --json
jq_is "--mine: bram is no longer on M1, so nothing" 'length' 0
run chris moment list --mine --json
jq_is "--mine: what chris recorded" '[.[].id] | join(",")' "$M5"
run ann moment list --limit 2
like "a page says more follow" "$OUT" "more: use --limit"
fails 2 "--from that is no date" ann moment list --from 2026-3-1
fails 2 "--from after --to" ann moment list --from 2026-03-10 --to 2026-03-01
fails 2 "list: unknown kind" ann moment list --kind fax

# --- the inbox -------------------------------------------------------------------
run ann moment add --enterprise "$E2" --kind site-visit --date 2026-03-02T14:00 --dept eco --with bram
TODAY=$OUT
run ann inbox
like "the inbox: a section of moments" "$OUT" "^Contact moments:"
like "today's visit, in words" "$OUT" "${TODAY:0:8}  2026-03-02 14:00  planned +site visit +Groendienst Het Veld  planned today"
unlike "not tomorrow's" "$OUT" "$M1S"
run bram inbox --json
jq_is "bram takes part: it is in his inbox (JSON)" "[.[] | select(.type == \"moment\") | .id] | join(\",\")" "$TODAY"
jq_is "with the reason as a code" "[.[] | select(.type == \"moment\")][0].reason" planned_today
SEDESK_NOW=2026-03-06T08:00:00Z run ann inbox --json
jq_is "ann's follow-up has come" "[.[] | select(.type == \"moment\" and .follow_up_due) | .id] | join(\",\")" "$M4"
SEDESK_NOW=2026-03-06T08:00:00Z run gert inbox --json
jq_is "not another contact's" "[.[] | select(.type == \"moment\")] | length" 0
SEDESK_NOW=2026-03-06T08:00:00Z run ann moment edit "$M4" --follow-up ""
rc_is "clear the follow-up" 0
SEDESK_NOW=2026-03-06T08:00:00Z run ann inbox --json
jq_is "cleared: gone from the inbox" "[.[] | select(.type == \"moment\")] | length" 0

# --- search, help, check -----------------------------------------------------------
run ann search workspace --json
jq_is "search finds a moment by a word of its report" '[.[] | select(.kind == "moment") | .id] | join(",")' "$M1"
jq_is "… with its enterprise" '[.[] | select(.kind == "moment")][0].enterprise' "$E1"
run ann search workspace
like "plain: the moment with its short id and kind in words" "$OUT" "^moment +$M1S site visit: Visited"
run ann search workspace --kind moment --json
jq_is "--kind moment: only moments" '[.[].kind] | unique | join(",")' moment
run ann search workspace --kind case --json
jq_is "--kind case: no moments" '[.[] | select(.kind == "moment")] | length' 0
run chris search meeting --json
jq_is "an officer outside its departments does not find it (M3, spa)" "[.[] | select(.id == \"$M3\")] | length" 0
run dina search meeting --json
jq_is "a manager finds it (by its kind)" "[.[] | select(.id == \"$M3\")] | length" 1
run root reindex
rc_is "reindex (moments too)" 0
run ann search workspace --kind moment --json
jq_is "after reindex the moment is found again" 'length' 1
run root check
rc_is "check finds every moment index as the records say" 0
run ann moment --help
like "help lists the moment commands" "$OUT" "moment done"
run ann moment add --help
like "usage shows the repeatable --dept" "$OUT" "--dept"
finish
