#!/bin/bash
# Resizing: 80×24 → 132×43 → 80×24 keeps the selected row (found by its
# reverse attribute under NO_COLOR, and by what Enter opens); typed input in a
# form and in a prompt survives a resize; below 80×24 the screen says it is
# too small, ignores keys, and growing back redraws normally.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Sociaal Atelier Gent" --number 0200.068.636
for i in $(seq 1 25); do
	setup ann case new --enterprise 0200.068.636 --subject "Vraag nummer $i"
done

# The case number on the row drawn in reverse video (NO_COLOR: the selection
# is A_REVERSE), one per line.
selected_rows() {
	screen_e | grep -E $'\e\\[([0-9]*;)*7(;[0-9]*)*m' | sed 's/\x1b\[[0-9;:]*m//g' |
	    grep -o '^ 20[0-9][0-9]-[0-9]\{5\} ' | tr -d ' '
}
selected_is() { [ "$(selected_rows)" = "$1" ]; }
expect_selected() {	# expect_selected DESC NUM
	if wait_for 3 selected_is "$2"; then ok "$1"
	else not_ok "$1" "selected rows: [$(selected_rows)], wanted [$2]; the screen:
$(screen)"; fi
}
size_is() { [ "$(win_size)" = "$1" ]; }
# Rows of the list on the screen (lines starting with a case number).
list_rows() { screen | grep -c '^ 20[0-9][0-9]-[0-9]\{5\} '; }

tui_start NO_COLOR=1
need "the inbox opens with the cases" 5 "25 cases need you"
wait_for 3 selected_is "$(screen | grep -o '^ 20[0-9-]*' | head -n 1 | tr -d ' ')"
first=$(selected_rows)
is "at first exactly one row is selected, the top one" \
    "$first" "$(screen | grep -o '^ 20[0-9][0-9]-[0-9]\{5\}' | head -n 1 | tr -d ' ')"
# Move down past the bottom of the 80×24 page (19 rows), so the list scrolls.
for i in $(seq 1 21); do keys j; done
want=$(cli ann inbox --json | jq -r '.[21].number')
expect_selected "j ×21 selects the 22nd row of the inbox ($want)" "$want"
is "at 80×24 the list shows 19 rows" "$(list_rows)" 19

resize 132 43
wait_for 3 size_is 132x43
is "the window is now 132×43" "$(win_size)" 132x43
wait_for 3 eval '[ "$(list_rows)" -eq 25 ]'
is "at 132×43 all 25 rows show" "$(list_rows)" 25
expect_selected "after growing to 132×43 the same case is selected" "$want"
_w=$(screen | wc -L)
if [ "$_w" -gt 80 ]; then ok "the screen is drawn wider than 80 columns ($_w)"
else not_ok "the screen is drawn wider than 80 columns" "widest line: $_w"; fi

resize 80 24
wait_for 3 size_is 80x24
wait_for 3 eval '[ "$(list_rows)" -eq 19 ]'
is "back at 80×24 the list shows 19 rows again" "$(list_rows)" 19
expect_selected "after shrinking back to 80×24 the same case is still selected" "$want"
keys Enter
expect_screen "Enter opens the selected case" 3 "Case $want"
keys q
wait_screen 3 "cases need you"

# --- too small ---------------------------------------------------------------------------
resize 60 20
expect_screen "at 60×20 the screen says the terminal is too small" 3 "too small"
expect_screen "… and names the size it has" 1 "60×20"
refute_screen "… and draws no list" "cases need you"
keys n
sleep 0.3	# (a key that must have no effect; nothing to wait for)
resize 79 24
expect_screen "at 79×24 it is still too small" 3 "79×24"
resize 80 24
expect_screen "growing back to 80×24 redraws the inbox" 3 "cases need you"
refute_screen "… without the too-small message" "too small"
refute_screen "n pressed while too small did nothing (no new-case form)" "New case"
expect_selected "… and the selection is still there" "$want"

# --- typed input survives a resize ------------------------------------------------------------
keys n
need "n opens the new case form" 3 "New case"
keys Tab
typein "Vraag over de Zoë-subsidie"
resize 132 43
wait_for 3 size_is 132x43
expect_screen "after a resize the subject typed in the form is still there" 3 "Vraag over de Zoë-subsidie"
resize 80 24
wait_for 3 size_is 80x24
expect_screen "… and after resizing back" 3 "Vraag over de Zoë-subsidie"
keys Escape
need "Esc on a form with input asks before leaving" 3 "Leave and lose what you typed?"
keys y
expect_screen "y leaves the form" 3 " need"
keys Enter
need "Enter opens the selected case again" 3 "Case $want"
keys c
need "c asks for the resolution (a one-line prompt)" 3 "Resolution: how was the enquiry answered?"
typein "Beantwoord met Zoë"
resize 100 30
wait_for 3 size_is 100x30
expect_screen "a resize keeps what was typed in a prompt" 3 "Beantwoord met Zoë"
expect_screen "… and still shows the prompt" 1 "Resolution: how was the enquiry answered?"
keys Escape
wait_gone 3 "Resolution: how"
refute_screen "Esc cancels the prompt after the resize" "Beantwoord met Zoë"
is "… and nothing was closed" "$(cli root case show "$want" --json | jq -r .status)" new
expect_quit "sedesk quits with status 0"

finish
