#!/bin/bash
# Colours: with NO_COLOR set the screens carry attributes only (bold,
# reverse, underline, dim) and no colour SGR codes; without it the same
# screens are coloured.  State is not shown by colour alone: an overdue row
# carries a "!" either way.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Oost" --number 0200.065.765
# A case registered in January: its due date has passed by 2 March.
SEDESK_NOW=2026-01-05T09:00:00Z setup ann case new --enterprise 0200.065.765 \
    --subject "Oude vraag"
setup ann case new --enterprise 0200.065.765 --subject "Nieuwe vraag" --category funding

# The SGR parameters that select a colour on the whole screen, one per line.
colour_codes() {
	screen_e | grep -o $'\e\\[[0-9;:]*m' | sed 's/^\x1b\[//; s/m$//' | tr ';' '\n' |
	    grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])(:|$)' | sort -u | tr '\n' ' '
}
attr_codes() {
	screen_e | grep -o $'\e\\[[0-9;:]*m' | sed 's/^\x1b\[//; s/m$//' | tr ';' '\n' |
	    grep -E '^[1-9]$' | sort -u | tr '\n' ' '
}
no_colour() {		# no_colour DESC   (one assertion on the current screen)
	_c=$(colour_codes)
	if [ -z "$_c" ]; then ok "$1"
	else not_ok "$1" "colour SGR parameters: $_c
the screen with its codes:
$(screen_e | cat -v)"; fi
}
has_attrs() {		# has_attrs DESC   (there are attributes to see, e.g. reverse)
	_a=$(attr_codes)
	case " $_a" in *" 7 "*) ok "$1" ;; *) not_ok "$1" "attribute parameters: [$_a]" ;; esac
}
has_colour() {
	_c=$(colour_codes)
	if [ -n "$_c" ]; then ok "$1"
	else not_ok "$1" "no colour SGR parameters; the screen with its codes:
$(screen_e | cat -v)"; fi
}

# Visits the inbox, the case screen, a dialog and the help; runs CHECK DESC on each.
visit() {	# visit MODE CHECK
	need "$1: the inbox opens" 5 "2 cases need you"
	$2 "$1: the inbox"
	keys Enter
	need "$1: the case opens" 3 "Case 20"
	$2 "$1: the case screen"
	keys R
	need "$1: the route dialog opens" 3 "Route to"
	$2 "$1: the route dialog"
	keys Escape
	wait_gone 3 "Route to"
	keys '?'
	need "$1: the help opens" 3 "This screen"
	$2 "$1: the help"
	keys q
	wait_gone 3 "This screen"
	keys q
	wait_screen 3 " need"
}

tui_start NO_COLOR=1
visit "NO_COLOR=1" no_colour
has_attrs "NO_COLOR=1: the screen still uses reverse video (so the check above sees attributes)"
expect_screen "NO_COLOR=1: the overdue case is marked with !" 1 "!"
expect_quit "NO_COLOR=1: sedesk quits with status 0"

tui_start
visit "colour" has_colour
is "colour: the title bar has its colours (white on blue)" \
    "$(screen_e | head -n 1 | grep -o $'\e\\[[0-9;:]*m' | sed 's/^\x1b\[//; s/m$//' | tr ';' '\n' |
        grep -E '^(37|44)$' | sort -u | tr '\n' ' ')" "37 44 "
# The overdue row, once the selection is on the other row, is drawn in red.
overdue_red() {
	_over=$(screen_e | grep -F 'Oude vraag')
	sgr_params "$_over" | grep -qx 31 && ! sgr_params "$_over" | grep -qx 47
}
overdue_selected() { sgr_params "$(screen_e | grep -F 'Oude vraag')" | grep -qx 47; }
if overdue_selected; then keys j; wait_for 2 eval '! overdue_selected'; fi
if overdue_selected; then keys k; wait_for 2 eval '! overdue_selected'; fi
if wait_for 2 overdue_red; then ok "colour: the overdue row is drawn in red"
else not_ok "colour: the overdue row is drawn in red" "$(screen_e | grep -F 'Oude vraag' | cat -v)"; fi
expect_screen "colour: the overdue case is marked with ! as well" 1 "!"
expect_quit "colour: sedesk quits with status 0"

finish
