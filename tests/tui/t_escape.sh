#!/bin/bash
# Control and escape characters inside stored text are shown visibly (^[,
# ^G) and never reach the terminal: no red from "\e[31m", no blink from
# "\e[5m", no window title from an OSC sequence, no cleared screen from
# "\e[2J".  Runs with colours on, so the screens themselves never use red
# (nothing is overdue or an error here) and a leaked "\e[31m" would show.
. "$(dirname "$0")/tmux.sh"

SUBJECT=$'Bad \e[31mred\e[0m'
ENT=$'Evil \e[5mBlink\e[0m BV'
DESC=$'Titel \e]0;pwned\a en \e[2J wis\ntweede regel'
NOTE=$'Notitie \e[31mrood\e[0m einde'

setup ann enterprise add --name "$ENT" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "$SUBJECT" --description "$DESC"
NUM=$CLI_OUT
is "set-up: the CLI stored the subject with its escape byte" \
    "$(cli root case show "$NUM" --json | jq -r .subject)" "$SUBJECT"

# no_sgr DESC PARAM LINE: LINE (from screen_e) never selects SGR PARAM.
no_sgr() {
	if sgr_params "$3" | grep -qx "$2"; then
		not_ok "$1" "SGR $2 found in: $(printf '%s' "$3" | cat -v)"
	else ok "$1"; fi
}

tui_start
need "the inbox opens" 5 "1 case needs you"
expect_screen "the inbox shows the subject's escape as ^[" 2 "Bad ^[[31mred"
expect_screen "the inbox shows the name's escape as ^[" 1 "Evil ^[["
row=$(screen_e | grep -F 'Bad ^[[31mred')
no_sgr "the inbox row with the subject did not turn red" 31 "$row"
no_sgr "the inbox row with the name does not blink" 5 "$row"

keys Enter
need "Enter opens the case" 3 "Case $NUM"
expect_screen "the case screen shows the whole subject inert" 2 "Subject      Bad ^[[31mred^[[0m"
expect_screen "the case screen shows the name inert" 1 "Evil ^[[5mBlink^[[0m BV"
expect_screen "the description's OSC and BEL show as ^[ and ^G" 1 "Titel ^[]0;pwned^G en ^[[2J wis"
no_sgr "the subject line did not turn red" 31 "$(screen_e | grep -F 'Bad ^[[31m')"
no_sgr "nothing on the case screen is red" 31 "$(screen_e)"
no_sgr "nothing on the case screen blinks" 5 "$(screen_e)"
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

finish
