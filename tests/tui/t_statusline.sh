#!/bin/bash
# The status line offers whole hints only: at 80×24, in English and in
# Dutch, on the inbox, a case, the enterprise list and screen, the events
# and the contact moments, no hint is cut ("s:beware…" read as a word);
# what does not fit is left to help, which lists every key.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel De Vlinder" --number 0403.170.701
setup ann case new --enterprise 0403.170.701 --subject "Terrasvergunning"
NUM=$CLI_OUT

status_line() { screen | sed -n '23p'; }
whole() {	# whole LANG WHERE
	line=$(status_line)
	case $line in
	*…*) not_ok "$1 80x24, $2: the status line's hints are whole" "$line" ;;
	*) ok "$1 80x24, $2: the status line's hints are whole" ;;
	esac
}

for lang in en nl; do
	tui_start LANGUAGE=$lang
	need "$lang: the inbox opens" 5 "$NUM"
	whole $lang "the inbox"
	keys Enter
	need "$lang: the case opens" 3 "Terrasvergunning"
	whole $lang "a case"
	keys q
	wait_screen 3 "$NUM"
	keys e
	need "$lang: the enterprise list" 3 "Kringwinkel"
	whole $lang "the enterprise list"
	keys Enter
	wait_screen 3 "0403.170.701"
	whole $lang "an enterprise"
	keys q q
	wait_screen 3 "$NUM"
	keys v
	sleep 0.3
	whole $lang "the events"
	keys q
	wait_screen 3 "$NUM"
	keys M
	sleep 0.3
	whole $lang "the contact moments"
	expect_quit "$lang: sedesk quits with status 0"
done
finish
