#!/bin/bash
# UTF-8: names with accents, combining marks and wide (CJK) characters are
# measured by display width, so the column after them starts at the same
# screen column as on other rows — whole, or cut with "…" — at 80×24 and at
# 132×43.  Backspace in a field removes a whole character.
. "$(dirname "$0")/tmux.sh"

WIDE="Café Zoë 東京"				# accents (precomposed) and two wide characters
PLAIN="Plain Enterprise"
COMB=$'Coo\xcc\x88peratie Zoe\xcc\x88'		# Coöperatie Zoë with combining diaereses
CJK="日本語テスト株式会社"			# only wide characters (20 columns)
CUT="Ateliers de Gentse 東京"		# at 80 columns the first wide character straddles the cut
declare -A NUMBER=(
	[$WIDE]=0200.065.765 [$PLAIN]=0200.068.636 [$COMB]=0200.171.970
	[$CJK]=0200.245.711 [$CUT]=0200.305.493
)
declare -A SUBJECT=(
	[$WIDE]=S-wide [$PLAIN]=S-plain [$COMB]=S-comb [$CJK]=S-cjk [$CUT]=S-cut
)
NAMES=("$WIDE" "$PLAIN" "$COMB" "$CJK" "$CUT")
for n in "${NAMES[@]}"; do
	setup ann enterprise add --name "$n" --number "${NUMBER[$n]}"
	setup ann case new --enterprise "${NUMBER[$n]}" --subject "${SUBJECT[$n]}"
done

# columns_line_up WHERE HEADER KEY…: the column HEADER starts at the same
# display column on the header line as KEY's value does on its row.
same_column() {		# same_column DESC HEADER_TEXT ROW_TEXT
	_hl=$(screen | grep -m 1 -E -- " $2( |$)")
	_rl=$(screen | grep -m 1 -F -- "$3")
	_hc=$(disp_col "$_hl" "$2")
	_rc=$(disp_col "$_rl" "$3")
	if [ -n "$_rl" ] && [ "$_hc" -ge 0 ] && [ "$_hc" = "$_rc" ]; then ok "$1"
	else not_ok "$1" "\"$2\" at column $_hc of the header, \"$3\" at column $_rc of:
$_rl
the screen:
$(screen)"; fi
}

tui_start
need "the inbox opens" 5 "5 cases need you"
for size in 80x24 132x43; do
	resize "${size%x*}" "${size#*x}"
	wait_for 3 eval '[ "$(win_size)" = '"$size"' ]'
	wait_for 3 eval '[ "$(screen | wc -L)" -gt '"$(( ${size%x*} - 5 ))"' ]'
	for n in "${NAMES[@]}"; do
		same_column "inbox at $size: the subject after \"$n\" starts under \"Subject\"" \
		    Subject "${SUBJECT[$n]}"
	done
done
# At 132 columns the names fit whole; the screen shows them as stored.
for n in "${NAMES[@]}"; do
	expect_screen "inbox at 132×43 shows \"$n\" whole" 1 "$n"
done
resize 80 24
wait_for 3 eval '[ "$(win_size)" = 80x24 ]'
# At 80 columns the enterprise column is 21 wide (issue 10: 20 characters of
# a name): a cut name ends in "…" and never spills a half wide character.
expect_screen "at 80×24 a cut name ends in … before the wide character that does not fit" 3 \
    "Ateliers de Gentse … "

keys e
need "the enterprise list opens" 3 "Enterprises (5)"
for n in "${NAMES[@]}"; do
	expect_screen "the enterprise list shows \"$n\" whole" 1 "$n"
	same_column "enterprise list: the number after \"$n\" starts under \"Number\"" \
	    Number "${NUMBER[$n]}"
done

# --- editing: Backspace removes whole characters -------------------------------------------
keys a
need "a opens the new enterprise form" 3 "New enterprise"
typein "Zoë東京"
keys BSpace
typein $'e\xcc\x81'
keys BSpace
typein " Test"
expect_screen "the field shows what is left after two Backspaces" 2 "Zoë東 Test"
keys F2
need "F2 saves" 3 "enterprise registered."
is "Backspace removed a wide character, and a letter with its combining mark, whole" \
    "$(cli root enterprise list --json | jq -r '.[].name' | grep Test)" "Zoë東 Test"
expect_quit "sedesk quits with status 0"

finish
