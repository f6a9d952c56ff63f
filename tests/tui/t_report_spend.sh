#!/bin/bash
# The spend on the reports screen (issues 13 and 14): ← from the
# departments report wraps to spend; a bar per department of the value
# awarded this year in euro, the social part, reserved lots and social
# return in the details; within 80 columns; Enter says a spend bar lists no
# cases; a period of months says the spend counts per calendar year; an
# officer reaches spend with → and sees his own department's only.
. "$(dirname "$0")/tmux.sh"

K=0403.170.701
setup ann enterprise add --name "Groen Atelier" --number "$K" --kind maatwerkbedrijf \
    --recognition maatwerkbedrijf=2019-01-01
setup bram opportunity add --title "Groenonderhoud parken" --kind purchase --dept eco \
    --sroi 5 --qualify maatwerkbedrijf --lot "Maaien=20000" --lot "Snoeiwerk=10.000,50;reserved"
O=$CLI_OUT
setup ann opportunity add --title "Drukwerk jaarverslag" --kind purchase --dept wel --value 8000
W=$CLI_OUT
setup bram opportunity award "$O" --lot 2 --enterprise "$K" --value 9.500 --ends 2026-12-31
setup bram opportunity award "$O" --lot 1 --outside "Groendienst NV" --value 19000 \
    --date 2026-03-01 --ends 2026-03-01
setup bram opportunity sroi "$O" --lot 2 --spent 200 --text stageplaats
setup ann opportunity award "$W" --enterprise "$K" --value 8000

tui_start SEDESK_USER=dina
need "the manager's inbox opens" 5 "Inbox"
keys R
need "the reports screen" 3 "period: 2026"
keys Left
need "← from departments wraps to spend" 3 "€36,500.00 awarded"
like "the summary: the social part and share" "$(screen_line "€36,500.00 awarded")" \
    "€17,500.00 \\(48%\\) to social enterprises"
row=$(screen_line "Economie en ondernemen")
like "eco's row: the value awarded in euro and a bar" "$row" "Economie en ondernemen +€28,500.00  +█"
like "eco's row: its details start with the social share" "$row" "  33% social · 1 reserved"
wel=$(screen_line "Welzijn")
like "wel's bar is shorter (8,000 of 28,500)" "$wel" "Welzijn +€8,000.00  +█+[▏▎▍▌▋▊▉]? "
if [ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le 80 ]; then
	ok "80×24: nothing wider than the window"
else not_ok "80×24: nothing wider than the window" "$(screen)"; fi
expect_screen "the spend tab shows at 80 columns" 2 "Spend"
keys Enter
need "Enter on a spend bar: no list of cases" 3 "This bar has no list of cases."
keys p
need "p asks for the period" 3 "Which period?"
keys Down Down Enter
need "the last 12 months: the spend counts per calendar year" 3 "per calendar year"
refute_screen "… and shows no bars" "Economie en ondernemen"
keys p Up Up Enter
wait_screen 3 "€36,500.00 awarded"
resize 132 43
# Waited for on the wide screen itself: the text before the resize is
# also on the narrow one, and a redraw late by a fixed pause read it there.
wait_screen 3 "SROI €200.00/€1,425.00 · 1 unfulfilled"
like "132×43: the details in full" "$(screen_line "Economie en ondernemen")" \
    "33% social · 1 reserved · SROI €200.00/€1,425.00 · 1 unfulfilled$"
expect_quit "Q quits"

tui_start SEDESK_USER=bram
need "the officer's inbox opens" 5 "Inbox"
keys R
need "the officer's reports screen" 3 "period: 2026"
keys Right
need "→ takes the officer to spend" 3 "€28,500.00 awarded"
expect_screen "… with his department" 2 "Economie en ondernemen"
refute_screen "… and not another's" "Welzijn"
expect_quit "the officer quits"
finish
