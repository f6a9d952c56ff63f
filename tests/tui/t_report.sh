#!/bin/bash
# The reports screen (R from the inbox): the departments report as bars
# with their numbers for this year; → and ← go through the reports, p picks
# the period, Enter on a bar lists the cases behind it and Enter opens one;
# at 80×24 and at 132×43 the rows keep label, number, bar and details in
# their columns; plain with NO_COLOR; an officer sees his own department's
# row only and no other report; help lists the keys.
. "$(dirname "$0")/tmux.sh"

E=0403.170.701
setup ann enterprise add --name "Café De Kroon" --number "$E"
SEDESK_NOW=2026-01-05T09:00:00Z setup ann case new --enterprise "$E" --subject "Subsidie terras" \
    --category funding
C1=$CLI_OUT
SEDESK_NOW=2026-01-05T09:00:00Z setup ann case route "$C1" eco wel
SEDESK_NOW=2026-01-07T09:00:00Z setup bram case pickup "$C1" --dept eco
SEDESK_NOW=2026-01-09T09:00:00Z setup bram case answer "$C1" --dept eco --text "Ja"
SEDESK_NOW=2026-01-09T09:00:00Z setup chris case decline "$C1" --dept wel --reason "Niet voor ons"
SEDESK_NOW=2026-02-02T09:00:00Z setup ann case new --enterprise "$E" --subject "Vergunning loods"
C2=$CLI_OUT
SEDESK_NOW=2026-02-02T09:00:00Z setup ann case route "$C2" eco

line_of() { screen | grep -n -F -m 1 -- "$1" | cut -d: -f1; }

tui_start SEDESK_USER=dina
need "the manager's inbox opens" 5 "Inbox"
keys R
need "R opens the reports screen on the departments report" 3 "period: 2026"
expect_screen "… with a bar per department" 2 "Economie en ondernemen"
row=$(screen_line "Economie en ondernemen")
like "eco's row: its routes received (2) and a bar" "$row" "Economie en ondernemen +2  +█"
like "eco's row: its details" "$row" "answered 1"
bar80=$(printf '%s' "$row" | grep -o '█' | wc -l)
# In colour the bars take the theme's colour (so the NO_COLOR check below means something).
if screen_e | grep "Economie en ondernemen" | head -1 | grep -o $'\033\\[[0-9;]*m' |
    grep -Eq '\[(3[0-7]|38;|9[0-7])|;(3[0-7]|9[0-7])(;|m)'; then
	ok "in colour: the bars are coloured"
else not_ok "in colour: the bars are coloured" "$(screen_e | grep "Economie" | head -1 | od -c | head)"; fi
wel=$(screen_line "Welzijn")
like "wel's bar is shorter than eco's (1 of 2)" "$wel" "Welzijn +1  +█{5,}[▏▎▍▌▋▊▉]? "
# 80 columns: every row keeps within the window.
if [ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 80 ]; then
	ok "80×24: nothing wider than the window"
else not_ok "80×24: nothing wider than the window" "$(screen)"; fi
keys Right
need "→ shows the silos report" 3 "2 departments"
keys Down Down
keys Enter
need "Enter on \"2 departments\" lists the cases behind it" 3 "2 departments (1)"
expect_screen "… the case with two departments" 2 "$C1"
keys Enter
need "Enter opens the case" 3 "Subsidie terras"
keys q
wait_screen 3 "2 departments (1)"
keys q
need "q returns to the report" 3 "period: 2026"
keys Left
need "← goes back to departments" 3 "Economie en ondernemen"
keys p
need "p asks for the period" 3 "Which period?"
keys Down Enter
need "last year: nothing then" 3 "period: 2025"
expect_screen "… and the bars say so" 2 "Economie en ondernemen"
like "… with zero routes" "$(screen_line "Economie en ondernemen")" "Economie en ondernemen +0"
keys p Up Enter
wait_screen 3 "period: 2026"
keys '?'
need "help lists the report keys" 3 "choose the period"
keys q

# 132×43: the same rows, the details in full.
resize 132 43
# Waited for on the wide screen itself (its row's end), not on a text the
# narrow one also shows after a fixed pause.
wait_screen 3 "median 4, p90 4 (norm 3)"
row=$(screen_line "Economie en ondernemen")
like "132×43: eco's row shows its answer times in full" "$row" "median 4, p90 4 \\(norm 3\\)$"
bar132=$(printf '%s' "$row" | grep -o '█' | wc -l)
if [ "$bar80" -ge 8 ] && [ "$bar132" -gt "$bar80" ]; then
	ok "the longest bar grows with the window ($bar80 columns at 80, $bar132 at 132)"
else not_ok "the longest bar grows with the window" "$bar80 / $bar132"; fi
expect_quit "Q quits"

# Plain with NO_COLOR: no colour in the bars.
tui_start SEDESK_USER=dina NO_COLOR=1
need "NO_COLOR: the inbox opens" 5 "Inbox"
keys R
need "NO_COLOR: the reports screen" 3 "period: 2026"
colours=$(screen_e | grep "Economie en ondernemen" | head -1 | grep -o $'\033\\[[0-9;]*m' |
    grep -E '\[(3[0-7]|38;|9[0-7])' || true)
is "NO_COLOR: no colour codes on a bar's row" "$colours" ""
expect_quit "NO_COLOR: Q quits"

# An officer: his own department's row, no other report.
tui_start SEDESK_USER=bram
need "the officer's inbox opens" 5 "Inbox"
keys R
need "the officer's reports screen" 3 "period: 2026"
expect_screen "… shows his department" 2 "Economie en ondernemen"
refute_screen "… and not another's" "Welzijn"
keys Right
sleep 0.3
refute_screen "→ offers him no other report" "2 departments"
expect_quit "the officer quits"
finish
