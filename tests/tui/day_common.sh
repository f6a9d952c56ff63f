# A whole day at the desk (issue 10's closing suite), sourced by
# tests/tui/t_day_en.sh and t_day_nl.sh after tmux.sh.  One round, in the
# language the suite names (its words in W[…], msgstr entries of nl.po for
# Dutch), by four people in turn, each at the size the suite gives them
# (80×24 or 120×40; each language has both):
#   ann (contact)  registers an enterprise and an enquiry about a terrace
#                  and a subsidy (the exact name typed in the picker takes
#                  the enterprise; the text cursor in the subject field),
#                  routes it to the two departments the rules suggest (the
#                  journal says the status change in words) and reminds ECO
#                  (the chooser and the prompt name departments, no codes);
#   bram (eco)     sees the reminder's day in his inbox, picks up and
#                  answers with a 60-line answer written in the scripted
#                  $EDITOR;
#   chris (wel)    is offered no close, route or new case (status line,
#                  help, and the keys open nothing, write nothing), picks up
#                  WEL's route and declines it with a reason (the cursor in the prompt; the
#                  confirmation names the department);
#   dina (manager) is offered no write key at all, and none writes;
#   ann            types q into the search field (it stays there), reads
#                  the answer to its last line in the full-text view and
#                  two journal entries in full (in words), closes with the
#                  two scores (both in sight on the case screen), saves the
#                  case with s (the file equals
#                  tests/tui/expected/day-case-$LANG.txt after day_mask)
#                  and scrolls the case list with the mouse wheel.
# Points other suites test in depth (t_roles, t_cursor, t_search, t_mouse,
# t_reading, t_close) are exercised here in the day's context, in both
# languages and sizes.
# shellcheck shell=bash

DAY_EXPECTED=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/expected

# What varies between runs of the saved case text: only the case number
# (it depends on how many cases were made before); the clock is fixed
# ($SEDESK_NOW), so the dates in it are asserted as they are.
day_mask() { sed -E 's/[0-9]{4}-[0-9]{5}/YYYY-NNNNN/g'; }

ENT_NAME="Sociaal Restaurant De Pollepel"
ENT_NUMBER=0403.170.701
SUBJECT="Terras en subsidie voor een oven"
DESC="Mag het terras groter deze zomer?
En is er steun voor een oven voor de kwetsbare werknemers?"
NOTE="Graag antwoord tegen vrijdag"
REASON="Geen welzijnsvraag: de werknemers hebben al begeleiding."
RESOLUTION="Subsidie aangevraagd; terras volgt via de vergunning."
# The department's answer: 60 lines; the first and the last are known.
ANSWER="EERSTE-REGEL: Beste collega, hier ons antwoord."
for _i in $(seq -w 2 59); do ANSWER="$ANSWER
Regel $_i van het antwoord over de oproep Sociale economie."; done
ANSWER="$ANSWER
LAATSTE-REGEL-60: met vriendelijke groet, ECO."

day_size() {	# day_size COLS ROWS   (after tui_start)
	resize "$1" "$2"
	is "$DAY_L: the window is $1×$2" "$(win_size)" "$1x$2"
}
# The status line: the line of key hints (it offers help everywhere).
status_line() { screen | grep -m 1 ' F1:'; }
version() { cli root case show "$NUM" --json 2>/dev/null | jq -r .version; }

# Opens case $NUM from the inbox through the search.
day_open() {
	keys /
	need "$DAY_L: / opens the search" 3 "${W[search]}"
	typein "$NUM"
	need "$DAY_L: the search finds the case" 5 "$NUM "
	keys Enter
	need "$DAY_L: the case opens" 5 "${W[case]} $NUM"
}

# KEY, which the role may not use: says so and opens nothing (no dialog,
# form or editor); r clears the message for the next key.
day_refused() {	# day_refused WHO KEY
	keys r
	wait_screen 3 "${W[refreshed]}"
	keys "$2"
	if wait_screen 3 "${W[maynot]}" && ! screen | grep -q '[┌└]' &&
	    ! screen_has "${W[route_to]}" && ! screen_has "${W[new_case]}"; then
		ok "$DAY_L: $1: '$2' opens nothing and says the role may not"
	else
		not_ok "$DAY_L: $1: '$2' opens nothing and says the role may not" "$(screen)"
		keys Escape
		sleep 0.3
	fi
}

# The help on the screen says every word: a long description wraps under
# itself instead of ending in "…" at the edge (Dutch at 80 columns).
day_help_whole() {	# day_help_whole WHO
	unlike "$DAY_L: $1: every line of the help is whole (none cut with …)" \
	    "$(screen | sed '$d')" '…'
}

# On the inbox: WHO is not offered a new case (status line, help) and n
# opens no form.
day_no_new() {	# day_no_new WHO
	local st
	st=$(status_line)
	like "$DAY_L: $1: the inbox's status line is there (it offers help)" "$st" "F1:"
	unlike "$DAY_L: $1: …and offers no new case" "$st" "(^| )n:"
	keys '?'
	need "$DAY_L: $1: ? opens the inbox's help" 3 "${W[everywhere]}"
	expect_screen "$DAY_L: $1: the inbox's help lists the enterprises" 1 "${W[h_enterprises]}"
	refute_screen "$DAY_L: $1: …but no new case" "${W[h_new]}"
	keys q
	wait_gone 3 "${W[everywhere]}"
	day_refused "$1" n
}

day_round() {	# day_round SIZE-ANN SIZE-BRAM SIZE-CHRIS SIZE-DINA SIZE-ANN2 ("80 24" …)
	local lang=${W[lang]}
	local -a sz1 sz2 sz3 sz4 sz5
	read -r -a sz1 <<<"$1"
	read -r -a sz2 <<<"$2"
	read -r -a sz3 <<<"$3"
	read -r -a sz4 <<<"$4"
	read -r -a sz5 <<<"$5"

	# Background: a second enterprise's 30 cases, so that the lists scroll.
	setup ann enterprise add --name "Kringwinkel Het Anker" --number 0200.065.765
	for _i in $(seq 1 30); do
		setup ann case new --enterprise 0200.065.765 --subject "Vraag nummer $_i"
	done

	# --- ann: the enterprise, the enquiry, the routing ------------------------------
	DAY_L="$lang ann ${sz1[0]}x${sz1[1]}"
	tui_start SEDESK_USER=ann LANGUAGE="$lang"
	need "$DAY_L: the inbox opens" 5 "${W[inbox_need]}"
	day_size "${sz1[@]}"
	keys e
	need "$DAY_L: e opens the enterprises" 3 "${W[enterprises]}"
	keys a
	need "$DAY_L: a opens the new enterprise form" 3 "${W[new_ent]}"
	typein "$ENT_NAME"
	keys Tab
	typein "0403170701"
	keys F2
	need "$DAY_L: F2 registers the enterprise" 3 "${W[ent_registered]}"
	keys q
	wait_screen 3 "${W[enterprises]}"
	keys q
	need "$DAY_L: back on the inbox" 3 "${W[inbox_need]}"
	keys n
	need "$DAY_L: n opens the new case form" 3 "${W[new_case]}"
	typein "$ENT_NAME"
	keys Tab
	typein "$SUBJECT"
	need "$DAY_L: the subject is typed" 2 "$SUBJECT"
	expect_flag "$DAY_L: the text cursor is shown in the subject field" 1
	expect_cursor "$DAY_L: the text cursor stands just after the typed subject" "$(after "$SUBJECT")"
	like "$DAY_L: the exact name typed in the picker took the enterprise" \
	    "$(screen_line "${W[enterprise]} ")" "$ENT_NAME"
	keys Tab Right
	expect_screen "$DAY_L: → on the category chooses funding" 2 "‹ Subsidies en financiering ›"
	keys Tab Tab Tab
	set_editor_text "$DESC"
	keys Enter
	expect_screen "$DAY_L: the description comes from \$EDITOR" 5 "Mag het terras groter"
	keys F2
	need "$DAY_L: F2 registers the case and opens it" 3 "${W[case]} 20"
	NUM=$(screen | grep -o "${W[case]} 20[0-9][0-9]-[0-9]\{5\}" | head -n 1 | grep -o '20[0-9-]*')
	like "$DAY_L: the case has a number" "$NUM" '^2026-[0-9]{5}$'
	need "$DAY_L: the case is new" 3 "${W[case]} $NUM · ${W[st_new]}"
	is "$DAY_L: …and is the typed enterprise's" \
	    "$(cli root case show "$NUM" --json | jq -r .enterprise.number)" "$ENT_NUMBER"
	keys R
	need "$DAY_L: R opens the departments" 3 "${W[route_to]}"
	expect_screen "$DAY_L: ECO is suggested (category funding)" 2 "[x] ECO"
	expect_screen "$DAY_L: WEL is suggested too (the word kwetsbare)" 1 "[x] WEL"
	refute_screen "$DAY_L: SPA is not" "[x] SPA"
	keys Enter
	need "$DAY_L: Enter asks for a note" 3 "${W[note_for]}"
	typein "$NOTE"
	keys Enter
	need "$DAY_L: the case is routed" 3 "${W[case]} $NUM · ${W[st_routed]}"
	expect_screen "$DAY_L: the journal says the status change in words" 2 \
	    "status: ${W[st_new]} → ${W[st_routed]}"
	[ "$lang" = en ] || refute_screen "$DAY_L: no stored code in the journal" "new → routed"
	# A reminder to ECO: the chooser and the prompt name the departments.
	keys m
	need "$DAY_L: m asks which department" 3 "${W[which_dept]}"
	expect_dialog "$DAY_L: the chooser names ECO by its name" 1 "Economie en ondernemen"
	expect_dialog "$DAY_L: …and WEL by its name" 1 "Welzijn"
	unlike "$DAY_L: …and shows no department code" "$(dialog_text)" '(^| )(eco|wel)( |$)'
	keys Enter
	need "$DAY_L: then the reminder's text" 3 "${W[reminder_to]}"
	expect_screen "$DAY_L: the prompt names the department" 1 "${W[reminder_to]} Economie en ondernemen"
	typein "Graag voor vrijdag"
	keys Enter
	expect_screen "$DAY_L: the reminder is sent" 3 "${W[reminded_msg]}"
	expect_quit "$DAY_L: ann's session ends with status 0"

	# --- bram (eco): pick up, a 60-line answer in the editor --------------------------
	DAY_L="$lang bram ${sz2[0]}x${sz2[1]}"
	tui_start SEDESK_USER=bram LANGUAGE="$lang"
	need "$DAY_L: the inbox opens" 5 "$NUM"
	day_size "${sz2[@]}"
	like "$DAY_L: the case waits for ECO, reminded today (the day is shown)" "$(screen_line "$NUM")" \
	    "$NUM +(ECO )?${W[st_reminded]} 2026-03-02 "
	day_open
	keys p
	expect_screen "$DAY_L: p picks up ECO's route" 3 "${W[picked_up_msg]}"
	set_editor_text "$ANSWER"
	keys a
	expect_screen "$DAY_L: a answers from \$EDITOR" 5 "${W[answered_msg]}"
	is "$DAY_L: the answer is stored whole, 60 lines" \
	    "$(cli root case show "$NUM" --json | jq -r '.routes[] | select(.department=="eco") | .answer')" \
	    "$ANSWER"
	expect_quit "$DAY_L: bram's session ends with status 0"

	# --- chris (wel): offered no close, route or new; declines ------------------------
	DAY_L="$lang chris ${sz3[0]}x${sz3[1]}"
	tui_start SEDESK_USER=chris LANGUAGE="$lang"
	need "$DAY_L: the inbox opens" 5 "$NUM"
	day_size "${sz3[@]}"
	day_no_new chris
	day_open
	local st
	st=$(status_line)
	like "$DAY_L: the case's status line offers decline's neighbour, answer" "$st" "a:${W[answer]}"
	unlike "$DAY_L: …but no close" "$st" "c:"
	unlike "$DAY_L: …no route" "$st" "R:"
	keys '?'
	need "$DAY_L: ? opens the help" 3 "${W[everywhere]}"
	day_help_whole chris
	expect_screen "$DAY_L: the help lists decline" 1 "${W[h_decline]}"
	refute_screen "$DAY_L: the help has no close" "${W[h_close]}"
	refute_screen "$DAY_L: the help has no route" "${W[h_route]}"
	keys q
	wait_gone 3 "${W[everywhere]}"
	local v0
	v0=$(version)
	day_refused chris c
	day_refused chris R
	is "$DAY_L: the refused keys wrote nothing" "$(version)" "$v0"
	keys p
	expect_screen "$DAY_L: p picks up WEL's route" 3 "${W[picked_up_msg]}"
	is "$DAY_L: WEL's route is chris's now" \
	    "$(cli root case show "$NUM" --json | jq -r '.routes[] | select(.department=="wel") | "\(.status) \(.officer)"')" \
	    "picked_up chris"
	keys d
	need "$DAY_L: d asks why" 3 "${W[why_decline]}"
	typein "$REASON"
	need "$DAY_L: the reason is typed" 2 "$REASON"
	expect_flag "$DAY_L: the text cursor is shown in the prompt" 1
	expect_cursor "$DAY_L: …just after the typed reason" "$(after "$REASON")"
	keys Enter
	need "$DAY_L: and asks to confirm" 3 "${W[decline_q]}"
	expect_dialog "$DAY_L: the confirmation names the department" 1 "${W[decline_for]} Welzijn?"
	like "$DAY_L: the dialog's title sits in its frame, one space either side" \
	    "$(screen | grep -m 1 '┌─')" "┌─ [^ ]+ ─+┐"
	keys y
	expect_screen "$DAY_L: y declines" 3 "${W[declined_msg]}"
	expect_screen "$DAY_L: every route finished: the case is answered" 3 \
	    "${W[case]} $NUM · ${W[st_answered]}"
	expect_quit "$DAY_L: chris's session ends with status 0"

	# --- dina (manager): no write key at all ----------------------------------------------
	DAY_L="$lang dina ${sz4[0]}x${sz4[1]}"
	tui_start SEDESK_USER=dina LANGUAGE="$lang"
	need "$DAY_L: the inbox opens" 5 "${W[inbox]}"
	day_size "${sz4[@]}"
	day_no_new dina
	day_open
	st=$(status_line)
	unlike "$DAY_L: the case's status line offers no write key" "$st" \
	    '(^| )(R|p|a|d|n|w|W|m|F|o|c|e):'
	keys '?'
	need "$DAY_L: ? opens the help" 3 "${W[everywhere]}"
	expect_screen "$DAY_L: the help still lists what dina may do (save as text)" 1 "${W[h_save]}"
	day_help_whole dina
	local h
	for h in h_route h_pickup h_answer h_decline h_note h_wait h_withdraw h_remind h_follow \
	    h_reopen h_close h_edit; do
		refute_screen "$DAY_L: the help has no \"${W[$h]}\"" "${W[$h]}"
	done
	keys q
	wait_gone 3 "${W[everywhere]}"
	v0=$(version)
	for h in R p a d n w W m F o c e; do day_refused dina "$h"; done
	is "$DAY_L: dina's keys wrote nothing" "$(version)" "$v0"
	expect_quit "$DAY_L: dina's session ends with status 0"

	# --- ann: read it all, close it, hand it on -----------------------------------------------
	DAY_L="$lang ann ${sz5[0]}x${sz5[1]}"
	tui_start SEDESK_USER=ann LANGUAGE="$lang"
	need "$DAY_L: the inbox opens" 5 "${W[inbox_need]}"
	day_size "${sz5[@]}"
	like "$DAY_L: the inbox says the case is answered" "$(screen_line "$NUM")" \
	    "$NUM +${W[st_answered]} "
	keys /
	need "$DAY_L: / opens the search" 3 "${W[search]}"
	typein "q"
	expect_screen "$DAY_L: q typed in the search field goes into it" 2 "${W[search]}   q"
	expect_cursor "$DAY_L: …the cursor after it" "$(after "${W[search]}   q")"
	if tui_alive; then ok "$DAY_L: …and sedesk still runs"; else not_ok "$DAY_L: …and sedesk still runs"; fi
	keys BSpace
	wait_gone 3 "${W[search]}   q"
	typein "$NUM"
	need "$DAY_L: the search finds the case" 5 "$NUM "
	keys Enter
	need "$DAY_L: the case opens" 5 "${W[case]} $NUM · ${W[st_answered]}"
	keys j
	keys Enter
	need "$DAY_L: Enter on ECO's route opens the answer in full" 3 "${W[answer_of]} ECO"
	expect_screen "$DAY_L: …from its first line" 1 "EERSTE-REGEL"
	refute_screen "$DAY_L: …the last line not yet" "LAATSTE-REGEL-60"
	local _n=0
	while ! screen_has "LAATSTE-REGEL-60" && [ $_n -lt 10 ]; do
		keys Space
		sleep 0.3
		_n=$((_n + 1))
	done
	expect_screen "$DAY_L: paging down reaches the answer's last line" 2 \
	    "LAATSTE-REGEL-60: met vriendelijke groet, ECO."
	refute_screen "$DAY_L: …the first scrolled away" "EERSTE-REGEL"
	like "$DAY_L: …which took more than one page" "$_n" '^[1-9]'
	keys q
	wait_gone 3 "${W[answer_of]} ECO"
	need "$DAY_L: q goes back to the case" 3 "${W[case]} $NUM"
	# The journal read in full (v): from ECO's route, j goes to WEL's route,
	# then the journal: created, routed (ECO), routed (WEL), the status change
	# and ann's reminder.
	keys j j j j j v
	need "$DAY_L: v on a journal line opens it in full" 3 "${W[journal_of]}"
	expect_screen "$DAY_L: the status change in full is in words" 2 \
	    "status: ${W[st_new]} → ${W[st_routed]}"
	keys q
	wait_gone 3 "${W[journal_of]}"
	need "$DAY_L: q goes back to the case (journal)" 3 "${W[case]} $NUM ·"
	keys j v
	need "$DAY_L: v on the next line opens it in full" 3 "${W[journal_of]}"
	expect_screen "$DAY_L: …the reminder" 2 "Graag voor vrijdag"
	expect_screen "$DAY_L: the reminder in full names the department by its name" 2 \
	    "Economie en ondernemen"
	unlike "$DAY_L: …not by its code" "$(screen | sed 1d)" '(^|[^a-z])eco([^a-z]|$)'
	keys q
	wait_gone 3 "${W[journal_of]}"
	need "$DAY_L: back to the case (reminder)" 3 "${W[case]} $NUM ·"
	keys c
	need "$DAY_L: c asks for the resolution" 3 "${W[resolution_q]}"
	typein "$RESOLUTION"
	keys Enter
	need "$DAY_L: then the enterprise's score" 3 "${W[score_ent]}"
	keys 4
	need "$DAY_L: then the contact point's own view" 3 "${W[score_own]}"
	keys 3
	need "$DAY_L: then the confirmation" 3 "${W[close_q]}"
	keys y
	need "$DAY_L: y closes the case" 3 "${W[case]} $NUM · ${W[st_closed]}"
	expect_screen "$DAY_L: the case screen shows the enterprise's score" 2 "${W[sat]} 4/5"
	expect_screen "$DAY_L: …and the contact point's own view" 1 "${W[own]} 3/5"
	is "$DAY_L: both scores are stored" \
	    "$(cli root case show "$NUM" --json | jq -r '"\(.satisfaction) \(.own_view)"')" "4 3"
	# shellcheck disable=SC2046  # thirty separate j keys
	keys $(printf 'j %.0s' $(seq 30))
	expect_screen "$DAY_L: the journal's last line: the status change in words" 3 \
	    "status: ${W[st_answered]} → ${W[st_closed]}"
	refute_screen "$DAY_L: no stored status code in the journal (in_progress)" "in_progress"
	keys s
	need "$DAY_L: s asks for a file" 3 "${W[save_to]}"
	typein "$T_DIR/day-$lang.txt"
	keys Enter
	expect_screen "$DAY_L: s saves the case" 3 "${W[saved_to]} $T_DIR/day-$lang.txt."
	local want got
	want=$(cat "$DAY_EXPECTED/day-case-$lang.txt" 2>/dev/null)
	got=$(day_mask <"$T_DIR/day-$lang.txt" 2>/dev/null)
	# DAY_WRITE_EXPECTED=1 writes the expected file anew (read it before committing).
	[ -n "${DAY_WRITE_EXPECTED:-}" ] && printf '%s\n' "$got" >"$DAY_EXPECTED/day-case-$lang.txt"
	is "$DAY_L: the saved case equals expected/day-case-$lang.txt (case number masked)" "$got" "$want"
	keys q
	need "$DAY_L: q returns to the search" 3 "${W[search]}"
	keys Escape
	need "$DAY_L: Esc returns to the inbox" 3 "${W[inbox_need]}"
	keys l
	need "$DAY_L: l opens the case list" 3 "${W[cases]}"
	local first seventh
	first=$(screen | sed -n 4p | awk '{ print $1 }')
	seventh=$(screen | sed -n 10p | awk '{ print $1 }')
	like "$DAY_L: the list's rows start on screen row 3" "$first" '^2026-[0-9]{5}$'
	wheel_down
	wheel_down
	sleep 0.3
	keys Enter
	expect_screen "$DAY_L: two notches of the wheel move six rows (Enter opens the 7th)" 3 \
	    "${W[case]} $seventh"
	keys q
	need "$DAY_L: back on the case list" 3 "${W[cases]}"
	expect_quit "$DAY_L: ann's second session ends with status 0"
}
