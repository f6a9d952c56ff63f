#!/bin/bash
# The mouse (issue 10): the wheel scrolls lists (three rows a notch, past
# the first page too), a click selects a row, and a second click on the
# same row within the double-click interval opens it; two clicks further
# apart do not.  The events are written to the pane as the xterm (X10)
# mouse reports that ncurses reads for TERM=screen-256color (kmous=\E[M):
# ESC [ M, then 32 + the button (0 left press, 3 release, 64/65 wheel up/down),
# 33 + the column and 33 + the row.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701
for i in $(seq 1 30); do
	setup ann case new --enterprise 0403.170.701 --subject "Vraag nummer $i"
done

# The case number on screen row Y (0-based) of the inbox.
row_num() { screen | sed -n "$(($1 + 1))p" | awk '{ print $1 }'; }

tui_start
need "the inbox opens" 5 "30 cases need you"
FIRST=$(row_num 3)
SEVENTH=$(row_num 9)
like "the inbox shows its rows from screen row 3" "$FIRST" '^2026-[0-9]{5}$'

wheel_down
wheel_down
sleep 0.3
keys Enter
expect_screen "two notches of the wheel move the selection six rows (Enter opens the 7th)" 3 \
    "Case $SEVENTH"
keys q
need "back on the inbox" 3 "30 cases need you"

# Waited for, not read once after a fixed pause: the sanitizer's TUI
# handles the notches one by one, each with a redraw.
top_is_not() { [ "$(row_num 3)" != "$1" ]; }
top_is() { [ "$(row_num 3)" = "$1" ]; }
for _i in $(seq 10); do wheel_down; done
if wait_for 3 top_is_not "$FIRST"; then ok "the wheel scrolls the list past its first page"
else not_ok "the wheel scrolls the list past its first page" "$(screen)"; fi
for _i in $(seq 12); do wheel_up; done
if wait_for 3 top_is "$FIRST"; then ok "the wheel up scrolls back to the top"
else not_ok "the wheel up scrolls back to the top" "$(screen)"; fi

THIRD=$(row_num 5)
click 20 5
click 20 5
expect_screen "a double click on a row opens it" 3 "Case $THIRD"
keys q
need "back on the inbox (double click)" 3 "30 cases need you"

FOURTH=$(row_num 6)
click 20 6
sleep 1
click 20 6
sleep 0.5
refute_screen "two clicks a second apart do not open the row" "Case $FOURTH"
keys Enter
expect_screen "… but the click selected it (Enter opens it)" 3 "Case $FOURTH"
finish
