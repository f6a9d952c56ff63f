#!/bin/bash
# Control and escape characters inside stored text are shown visibly (^[,
# ^G) and never reach the terminal: no red from "\e[31m", no blink from
# "\e[5m", no window title from an OSC sequence, no cleared screen from
# "\e[2J".  Runs with colours on, so the screens themselves never use red
# (nothing is overdue or an error here) and a leaked "\e[31m" would show.
# Single-line fields (a subject, an enterprise's name) refuse control
# characters since issue 9, so the escapes live in the text of several
# lines here: the description, an enterprise's notes, a note.
. "$(dirname "$0")/tmux.sh"

SUBJECT='Bad red'
ENT='Evil Blink BV'
DESC=$'Titel \e]0;pwned\a en \e[2J wis \e[31mred\e[0m\ntweede regel'
ENT_NOTES=$'Evil \e[5mBlink\e[0m notes'
NOTE=$'Notitie \e[31mrood\e[0m einde'

_rc=$(cli ann enterprise add --name $'Evil \e[5mBlink\e[0m BV' 2>/dev/null; echo $?)
is "set-up: a name with an escape byte is refused (exit 2)" "${_rc##*$'\n'}" 2
_rc=$(cli ann enterprise add --name "$ENT" --number 0200.065.765 --notes "$ENT_NOTES" >/dev/null 2>&1; echo $?)
is "set-up: the notes keep their escape bytes (exit 0)" "$_rc" 0
_rc=$(cli ann case new --enterprise 0200.065.765 --subject $'Bad \e[31mred\e[0m' 2>/dev/null; echo $?)
is "set-up: a subject with an escape byte is refused (exit 2)" "${_rc##*$'\n'}" 2
setup ann case new --enterprise 0200.065.765 --subject "$SUBJECT" --description "$DESC"
NUM=$CLI_OUT
is "set-up: the CLI stored the description with its escape bytes" \
    "$(cli root case show "$NUM" --json | jq -r .description)" "$DESC"

# no_sgr DESC PARAM LINE: LINE (from screen_e) never selects SGR PARAM.
no_sgr() {
	if sgr_params "$3" | grep -qx "$2"; then
		not_ok "$1" "SGR $2 found in: $(printf '%s' "$3" | cat -v)"
	else ok "$1"; fi
}

tui_start
need "the inbox opens" 5 "1 case needs you"
no_sgr "nothing in the inbox is red" 31 "$(screen_e)"

keys Enter
need "Enter opens the case" 3 "Case $NUM"
expect_screen "the description's OSC, BEL and SGR show as ^[ and ^G" 1 \
    "Titel ^[]0;pwned^G en ^[[2J wis ^[[31mred^[[0m"
no_sgr "the description line did not turn red" 31 "$(screen_e | grep -F 'Titel ^[')"
no_sgr "nothing on the case screen is red" 31 "$(screen_e)"
_title=$(tm display-message -p -t "$T_SESSION" '#{pane_title}')
case $_title in
*pwned*) not_ok "the OSC sequence did not set the window title" "pane title: $_title" ;;
*) ok "the OSC sequence did not set the window title" ;;
esac
expect_screen "\\e[2J did not clear the screen: the title bar is still there" 1 " sedesk — Ann Peeters"
expect_screen "… and so is the journal" 1 "Journal"

# Text from $EDITOR is stored as written and shown as inert.
set_editor_text "$NOTE"
keys n
need "n adds the note" 5 "note added."
expect_screen "the journal shows the note's escape as ^[" 2 "Notitie ^[[31mrood^[[0m einde"
no_sgr "the journal line did not turn red" 31 "$(screen_e | grep -F 'Notitie ^[[31m')"
is "the note is stored as the editor wrote it" \
    "$(cli root case show "$NUM" --json | jq -r '.journal[] | select(.kind=="note") | .text')" "$NOTE"
expect_quit "sedesk quits with status 0"

# The enterprise's notes on its screen.
tui_start
need "the inbox opens again" 5 "1 case needs you"
keys e
need "e opens the enterprise list" 3 "$ENT"
keys Enter
need "Enter opens the enterprise" 3 "Cases: 1 open"
expect_screen "the notes' escape shows as ^[" 1 "Evil ^[[5mBlink^[[0m notes"
no_sgr "nothing on the enterprise screen blinks" 5 "$(screen_e)"
expect_quit "sedesk quits with status 0 again"

finish
