#!/bin/bash
# Waiting asks until when and why, and the case comes back to the inbox on
# that day; a follow-up day can be set on any case ("bel terug op …") and
# brings it back to its owner's inbox (issue 10).
#
# Clock: Monday 2026-03-02 09:00 UTC (common.sh).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Wacht op de jaarrekening"
C1=$OUT
run ann case wait "$C1" --until 2026-03-16 --reason "De onderneming stuurt haar jaarrekening."
rc_is "wait with a day and a reason" 0
run ann case show "$C1" --json
jq_is "status waiting" '.status' waiting
jq_is "JSON: wait_until" '.wait_until' 2026-03-16
jq_is "the reason is journaled" '[.journal[] | select(.kind=="waiting") | .text] | join("")' \
	"De onderneming stuurt haar jaarrekening."
jq_is "the day is journaled" '[.journal[] | select(.field=="wait_until") | .new] | join("")' 2026-03-16
run ann inbox --json
jq_is "before the day the waiting case is not in the inbox" '[.[] | select(.number=="'"$C1"'")] | length' 0
SEDESK_NOW=2026-03-16T08:00:00Z run gert inbox --json
jq_is "on the day it is back, for every contact officer: wait over" \
	'.[] | select(.number=="'"$C1"'") | .reason' wait_over
SEDESK_NOW=2026-03-16T08:00:00Z run ann inbox
like "text: the reason in words" "$(grep "^$C1" <<<"$OUT")" "wait over"
run ann case reopen "$C1"
run ann case show "$C1" --json
jq_is "reopened: no day to wait for any more" '.wait_until' null

rejects 2 "a day in the past is refused" ann case wait "$C1" --until 2026-03-01
rejects 2 "today is refused" ann case wait "$C1" --until 2026-03-02
rejects 2 "not a date" ann case wait "$C1" --until 16-03-2026
run ann case wait "$C1"
rc_is "waiting without a day still works" 0
run ann case show "$C1" --json
jq_is "…and has no day" '.wait_until' null

# --- follow-up ---------------------------------------------------------------------
run ann case new --enterprise "$E1" --subject "Bel terug over de premie"
C2=$OUT
run ann case route "$C2" eco
run ann case follow-up "$C2" --on 2026-03-04 --text "Bel de zaakvoerder terug."
rc_is "ann sets a follow-up day on a routed case" 0
run ann case show "$C2" --json
jq_is "JSON: follow_up" '.follow_up' 2026-03-04
jq_is "the text is journaled" '[.journal[] | select(.kind=="follow_up") | .text] | join("")' \
	"Bel de zaakvoerder terug."
run ann inbox --json
jq_is "before the day: not in the inbox (it is routed)" '[.[] | select(.number=="'"$C2"'")] | length' 0
SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "on the day: in the owner's inbox, follow-up due" '.[] | select(.number=="'"$C2"'") | .reason' follow_up
SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox
like "text: follow-up due" "$(grep "^$C2" <<<"$OUT")" "follow-up due"
SEDESK_NOW=2026-03-04T08:00:00Z run gert inbox --json
jq_is "not in another contact officer's inbox" '[.[] | select(.number=="'"$C2"'")] | length' 0
rejects 2 "--on is required" ann case follow-up "$C2"
rejects 2 "a follow-up day in the past is refused" ann case follow-up "$C2" --on 2026-02-27
rejects 4 "an officer may not set a follow-up" bram case follow-up "$C2" --on 2026-03-09
run ann case close "$C2" --resolution "Teruggebeld."
SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "a closed case does not come back" '[.[] | select(.number=="'"$C2"'")] | length' 0
rejects 2 "a closed case gets no follow-up" ann case follow-up "$C2" --on 2026-03-09
finish
