#!/bin/bash
# The day's follow-up dialogs on the case screen (issue 10): closing asks two
# scores with their ends named — the enterprise's "did you feel helped?" and
# our own "did we help well?" — and both are stored and journaled.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Fietsatelier Zuid" --number 0200.065.765
setup ann case new --enterprise 0200.065.765 --subject "Vraag over een pand" --category funding
NUM=$CLI_OUT
field() { cli root case show "$NUM" --json | jq -r "$1"; }

# --- close: two scores with labelled ends -------------------------------------------
tui_start
need "the inbox lists the case" 5 "$NUM"
keys Enter
need "Enter opens the case" 3 "Case $NUM"
keys c
need "c asks for the resolution" 3 "Resolution: how"
typein "Pandenfonds"
keys Enter
need "the enterprise's question is asked as it is put to them" 3 "The enterprise: did you feel helped? (1–5)"
expect_screen "its low end is named" 1 "1  not at all"
expect_screen "its high end is named" 1 "5  very much"
keys 5
need "then our own view is asked" 3 "Our own view: did we help well? (1–5)"
expect_screen "its ends are named too" 1 "1  not at all"
expect_screen "it can be left out" 1 "not given"
keys Escape
wait_gone 3 "did we help well?"
is "Esc at the own view closes nothing" "$(field .status)" new
keys c
wait_screen 3 "Resolution: how"
typein "Pandenfonds"
keys Enter
wait_screen 3 "did you feel helped?"
keys 5
wait_screen 3 "did we help well?"
keys 3
need "the confirmation follows both scores" 3 "Close case $NUM?"
keys y
expect_screen "y closes the case" 3 "Case $NUM · closed"
is "the enterprise's score is stored" "$(field .satisfaction)" 5
is "our own view is stored" "$(field .own_view)" 3
is "both are journaled" "$(field '[.journal[] | select(.field == "satisfaction" or .field == "own_view") | .field + "=" + .new] | join(",")')" \
	"satisfaction=5,own_view=3"
expect_quit "the session ends with status 0"

# --- the inbox: a priority column, in the order of `sedesk inbox` -------------------------
setup ann case new --enterprise 0200.065.765 --subject "Gewone vraag" --priority normal
N1=$CLI_OUT
setup ann case new --enterprise 0200.065.765 --subject "Dringende vraag" --priority urgent
N2=$CLI_OUT
tui_start
need "the inbox lists both cases" 5 "$N1"
expect_screen "the inbox has a priority column" 1 "Priority"
like "the urgent case's row shows its priority" "$(screen_line "$N2")" "urgent"
want=$(cli ann inbox | cut -d' ' -f1 | tr '\n' ' ')
got=$(screen | grep -o '^ *20[0-9][0-9]-[0-9]*' | tr -d ' ' | tr '\n' ' ')
is "the screen lists the inbox in the order of sedesk inbox" "$got" "$want"
is "…which puts the urgent case first" "${want%% *}" "$N2"
expect_quit "the inbox session ends with status 0"

# --- the inbox marks what changed since the user last looked -------------------------------
setup ann case route "$N1" eco
tui_start SEDESK_USER=bram
need "bram's inbox lists the routed case" 5 "$N1"
like "a case ann routed to him is marked * in the margin" "$(screen_line "$N1")" "^\\*$N1"
keys Enter
need "Enter opens it" 3 "Case $N1"
keys q
need "q goes back to the inbox" 3 "case needs you"
unlike "once opened, the mark is gone" "$(screen_line "$N1")" "^\\*"
is "…and the CLI inbox agrees" "$(cli bram inbox --json | jq -r '.[] | select(.number=="'"$N1"'") | .changed')" false
expect_quit "bram's session ends with status 0"

# --- R shows the existing routes first; an open one is shown open ----------------------------
setup ann case new --enterprise 0200.065.765 --subject "Vraag voor twee diensten" --category funding
N3=$CLI_OUT
setup ann case route "$N3" wel
tui_start
need "ann's inbox opens" 5 "need"
keys l
need "l lists the cases, the routed one among them" 3 "$N3"
keys Enter
need "Enter opens the newest, the routed one" 3 "Case $N3"
keys R
need "R opens the route checklist" 3 "Route to"
first=$(screen | grep -m 1 -F '[')
like "the department routed already comes first, shown as open" "$first" "WEL .*already open: pending"
like "…and is not ticked" "$first" "\\[ \\]"
keys Space Enter
need "ticking the open route is refused before any note is asked" 3 "already has an open route"
refute_screen "no note was asked" "Note for the departments"
is "nothing was routed" "$(cli root case show "$N3" --json | jq -r '.routes | length')" 1
keys R
wait_screen 3 "Route to"
like "the suggested department without a route is ticked" "$(screen | grep -F 'ECO')" "\\[x\\].*suggested"
keys Enter
need "the open route unticked: the note is asked" 3 "Note for the departments"
keys Enter
expect_screen "routed" 3 "routed."
is "the suggested department was routed beside the open one" \
	"$(cli root case show "$N3" --json | jq -r '[.routes[].department] | sort | join(" ")')" "eco wel"
expect_quit "ann's route session ends with status 0"

# --- w asks until when and why ------------------------------------------------------------
setup ann case new --enterprise 0200.065.765 --subject "Wacht op documenten" --priority urgent
N4=$CLI_OUT
tui_start
need "the inbox lists the new case" 5 "$N4"
keys Enter
need "Enter opens the first row, the newest urgent case" 3 "Case $N4"
keys w
need "w asks until when" 3 "Wait until (YYYY-MM-DD"
typein "16-03-2026"
keys Enter
need "a wrong date is refused before the reason is asked" 3 "is not a date"
refute_screen "no reason was asked" "What does the case wait for?"
is "nothing changed" "$(cli root case show "$N4" --json | jq -r .status)" new
keys w
wait_screen 3 "Wait until"
typein "2026-03-16"
keys Enter
need "then why" 3 "What does the case wait for?"
typein "De jaarrekening van de onderneming."
keys Enter
expect_screen "the case waits" 3 "waiting on the enterprise."
J=$(cli root case show "$N4" --json)
is "the day is stored" "$(jq -r .wait_until <<<"$J")" 2026-03-16
is "the reason is journaled" "$(jq -r '[.journal[] | select(.kind=="waiting") | .text] | join("")' <<<"$J")" \
	"De jaarrekening van de onderneming."
expect_quit "the wait session ends with status 0"

# --- a decline with an empty reason is refused before the confirmation --------------------
tui_start SEDESK_USER=bram
need "bram's inbox lists eco's route" 5 "$N3"
keys Enter
need "Enter opens the first row, the case routed last" 3 "Case $N3"
keys d
need "d asks why" 3 "Why does your department decline?"
typein "   "
keys Enter
need "an empty reason is refused at once" 3 "a decline needs its reason"
refute_screen "no confirmation was asked" "Decline case"
is "the route is still pending" \
	"$(cli root case show "$N3" --json | jq -r '.routes[] | select(.department=="eco") | .status')" pending
expect_quit "bram's decline session ends with status 0"
finish
