#!/bin/bash
# The status line offers whole hints only: at 80×24, in English and in
# Dutch, on the inbox, a case, the enterprise list and screen, the events
# and the contact moments, no hint is cut ("s:beware…" read as a word);
# what does not fit is left to help, which lists every key.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel De Vlinder" --number 0403.170.701
setup ann case new --enterprise 0403.170.701 --subject "Terrasvergunning"
NUM=$CLI_OUT
setup ann moment add --enterprise 0403.170.701 --kind site-visit --date 2026-03-10T14:00 \
    --dept eco --text "Bezoek aan de werkplaats"

status_line() { screen | sed -n '23p'; }
col_of() {	# the display column where TEXT starts on its first line
	l=$(screen | grep -F -m 1 -- "$1")
	pre=${l%%"$1"*}
	printf '%s' "$pre" | wc -m
}
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
	# Its cases in columns under their translated heads (printf padded bytes).
	if [ $lang = nl ]; then head=Onderwerp; else head=Subject; fi
	hcol=$(col_of "$head"); rcol=$(col_of "Terrasvergunning")
	is "$lang: an enterprise's case: the subject under its head" "$rcol" "$hcol"
	keys q q
	wait_screen 3 "$NUM"
	keys v
	sleep 0.3
	whole $lang "the events"
	keys q
	wait_screen 3 "$NUM"
	keys M
	wait_screen 3 "Bezoek aan de werkplaats"
	whole $lang "the contact moments"
	if [ $lang = nl ]; then head=Onderneming; else head=Enterprise; fi
	is "$lang: a moment's enterprise under its head" "$(col_of "Kringwinkel")" "$(col_of "$head")"
	expect_quit "$lang: sedesk quits with status 0"
done
finish
