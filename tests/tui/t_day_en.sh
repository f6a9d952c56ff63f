#!/bin/bash
# A whole day at the desk in English (issue 10's closing suite): the round
# of tests/tui/day_common.sh, ann at 80×24 and 120×40, the officers at
# 120×40 and 80×24, the manager at 80×24.
. "$(dirname "$0")/tmux.sh"
. "$(dirname "$0")/day_common.sh"

# shellcheck disable=SC2034  # day_common.sh reads W
declare -A W=(
	[saved_to]="saved to" 
	[answer_of]="answer of" 
	[sat]="satisfaction" [own]="own view" 
	[h_enterprises]="enterprises" 
	[decline_for]="for" 
	[which_dept]="Which department?" [reminder_to]="Reminder to" [reminded_msg]="reminded."
	[st_reminded]="reminded" [journal_of]="· journal"
	[lang]=en [inbox]="Inbox" [inbox_need]=" need" [enterprises]="Enterprises ("
	[new_ent]="New enterprise" [ent_registered]="enterprise registered." [new_case]="New case"
	[enterprise]="Enterprise" [case]="Case" [cases]="Cases" [search]="Search"
	[route_to]="Route to" [note_for]="Note for the departments" [refreshed]="refreshed."
	[maynot]="which may not" [everywhere]="Everywhere" [answer]="answer" [pending]="pending"
	[st_new]="new" [st_routed]="routed" [st_answered]="answered" [st_closed]="closed"
	[picked_up_msg]="picked up." [answered_msg]="answered." [declined_msg]="declined."
	[why_decline]="Why does your department decline?" [decline_q]="Decline case"
	[resolution_q]="Resolution: how was the enquiry answered?"
	[score_ent]="The enterprise: did you feel helped? (1–5)"
	[score_own]="Our own view: did we help well? (1–5)" [close_q]="Close case"
	[save_to]="Save to file"
	[h_route]="route to departments" [h_pickup]="pick up (your department)"
	[h_answer]="answer (your department)" [h_decline]="decline with a reason"
	[h_note]="add a note" [h_wait]="wait on the enterprise"
	[h_withdraw]="withdraw an open route" [h_remind]="remind a department"
	[h_follow]="set a follow-up day" [h_reopen]="reopen" [h_close]="close with resolution"
	[h_edit]="edit the fields" [h_save]="save the whole case as text" [h_new]="new case"
)
day_round "80 24" "120 40" "120 40" "80 24" "80 24"
finish
