#!/bin/bash
# A role that may not do an action is never offered it (issue 9, finding 1):
# the key is absent from the status line and the help, and pressing it says
# that the role may not, opening no form, dialog or editor.
#   dina (manager)  every write key, on the inbox, the case list, the case,
#                   the enterprise list and the enterprise screen
#   bram (eco)      the keys of the contact point (new case, route, wait,
#                   reopen, close, edit, enterprises); he keeps note, pick up,
#                   answer and decline, and his note does run the editor
#   ann (contact)   pick up, answer and decline are the departments'
# $EDITOR is a script that leaves a marker file: for a refused key it must
# never run.  Nothing is written to the database (the case's version).
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel Het Anker" --number 0403.170.701
setup ann case new --enterprise 0403.170.701 --subject "Vraag over een startlening"
NUM=$CLI_OUT
setup ann case route "$NUM" eco

MARK=$T_DIR/editor.ran
MARK_EDITOR=$T_DIR/marker-editor.sh
cat >"$MARK_EDITOR" <<EOF
#!/bin/sh
echo "\$*" >>"$MARK"
echo "Tekst van de editor" >"\$1"
EOF
chmod +x "$MARK_EDITOR"

version() { cli root case show "$NUM" --json 2>/dev/null | jq -r .version; }
V0=$(version)

# One assertion each: the screen's status line and help do not offer TEXT.
not_offered() {	# not_offered WHO WHERE STATUS-TEXT HELP-TEXT
	refute_screen "$1: the $2 status line has no $3" "$3"
	keys '?'
	# (A screen none of whose own keys are offered has no "This screen" part.)
	if wait_screen 3 "Everywhere"; then
		refute_screen "$1: the $2 help has no \"$4\"" "$4"
		keys q
		wait_gone 3 "Everywhere"
	else
		not_ok "$1: the $2 help has no \"$4\"" "? opened no help: $(screen)"
	fi
}

# One assertion: KEY says the role may not, and SCREEN is still on top (no
# form, dialog or editor came up).  r clears the message for the next key.
refused() {	# refused WHO KEY SCREEN-TEXT
	keys r
	wait_screen 3 "refreshed."
	keys "$2"
	if wait_screen 3 "may not" && screen_has "$3" && ! screen_has "Case form" &&
	    ! screen_has "Enterprise form" && ! screen_has "Route to" && ! screen_has "Resolution"; then
		ok "$1: '$2' is refused on \"$3\" with nothing opened"
	else
		not_ok "$1: '$2' is refused on \"$3\" with nothing opened" "$(screen)"
		# Back out of whatever opened, for the next key.
		keys Escape
		sleep 0.3
	fi
}

open_case() {	# from the inbox, with the search
	keys /
	wait_screen 3 "Search" || return 1
	typein "$NUM"
	wait_screen 3 "$NUM " || return 1
	keys Enter
	wait_screen 3 "Case $NUM"
}

# --- dina, the manager ----------------------------------------------------------------
rm -f "$MARK"
tui_start SEDESK_USER=dina EDITOR="$MARK_EDITOR" VISUAL="$MARK_EDITOR"
need "dina's inbox opens" 5 "Inbox"
not_offered dina inbox "n:new" "new case"
refused dina n "Inbox"
keys l
need "dina: l opens the case list" 3 "Cases"
refused dina n "Cases"
keys q
wait_screen 3 "Inbox"
open_case
need "dina opens $NUM" 3 "Case $NUM"
for _k in R:route p:pick a:answer n:note c:close; do
	refute_screen "dina: the case status line has no $_k" "$_k"
done
keys '?'
need "dina: ? on the case opens its help" 3 "This screen"
for _h in "route to departments" "pick up" "answer (your" "decline with" "add a note" \
    "wait on the enterprise" "reopen" "close with" "edit the fields"; do
	refute_screen "dina: the case help has no \"$_h\"" "$_h"
done
expect_screen "dina: the case help still lists opening the enterprise" 1 "open the enterprise"
keys q
wait_gone 3 "This screen"
for _k in R p a d n w o c e; do
	refused dina "$_k" "Case $NUM"
done
keys E
need "dina: E opens the case's enterprise" 3 "Kringwinkel Het Anker"
not_offered dina enterprise "e:edit" "edit the enterprise"
refute_screen "dina: the enterprise status line has no n:new case" "n:new case"
refused dina e "Kringwinkel Het Anker"
refused dina n "Kringwinkel Het Anker"
keys q
wait_screen 3 "Case $NUM"
keys q
wait_screen 3 "Search"
keys Escape
wait_screen 3 "Inbox"
keys e
need "dina: e opens the enterprise list" 3 "Enterprises ("
not_offered dina "enterprise list" "a:add" "add an enterprise"
refused dina a "Enterprises ("
expect_quit "dina's sedesk quits with status 0"
if [ ! -e "$MARK" ]; then ok "dina: \$EDITOR never ran"
else not_ok "dina: \$EDITOR never ran" "$(cat "$MARK")"; fi
is "dina changed nothing (the case's version)" "$(version)" "$V0"

# --- bram, officer of eco ---------------------------------------------------------------
rm -f "$MARK"
tui_start SEDESK_USER=bram EDITOR="$MARK_EDITOR" VISUAL="$MARK_EDITOR"
need "bram's inbox opens" 5 "Inbox"
not_offered bram inbox "n:new" "new case"
refused bram n "Inbox"
open_case
need "bram opens $NUM (routed to eco)" 3 "Case $NUM"
expect_screen "bram: the case status line offers p:pick up" 1 "p:pick up"
expect_screen "bram: the case status line offers n:note" 1 "n:note"
refute_screen "bram: the case status line has no R:route" "R:route"
refute_screen "bram: the case status line has no c:close" "c:close"
keys '?'
need "bram: ? on the case opens its help" 3 "This screen"
for _h in "pick up (your department)" "answer (your department)" "decline with a reason" "add a note"; do
	expect_screen "bram: the case help lists \"$_h\"" 1 "$_h"
done
for _h in "route to departments" "wait on the enterprise" "reopen" "close with" "edit the fields"; do
	refute_screen "bram: the case help has no \"$_h\"" "$_h"
done
keys q
wait_gone 3 "This screen"
for _k in R w o c e; do
	refused bram "$_k" "Case $NUM"
done
keys E
need "bram: E opens the case's enterprise" 3 "Kringwinkel Het Anker"
not_offered bram enterprise "e:edit" "edit the enterprise"
refused bram e "Kringwinkel Het Anker"
refused bram n "Kringwinkel Het Anker"
keys q
wait_screen 3 "Case $NUM"
if [ ! -e "$MARK" ]; then ok "bram: \$EDITOR did not run for a refused key"
else not_ok "bram: \$EDITOR did not run for a refused key" "$(cat "$MARK")"; fi
is "bram's refused keys changed nothing (the case's version)" "$(version)" "$V0"
# The control: a key bram may use does run the marker editor.
keys n
expect_screen "bram: n (a note, his to add) runs \$EDITOR and saves" 5 "note added."
if [ -e "$MARK" ]; then ok "bram: the marker editor ran for the note"
else not_ok "bram: the marker editor ran for the note" "$(screen)"; fi
keys q
wait_screen 3 "Search"
keys Escape
wait_screen 3 "Inbox"
keys e
need "bram: e opens the enterprise list" 3 "Enterprises ("
not_offered bram "enterprise list" "a:add" "add an enterprise"
refused bram a "Enterprises ("
expect_quit "bram's sedesk quits with status 0"

# --- ann, the contact point ---------------------------------------------------------------
rm -f "$MARK"
V1=$(version)
tui_start SEDESK_USER=ann EDITOR="$MARK_EDITOR" VISUAL="$MARK_EDITOR"
need "ann's inbox opens" 5 "Inbox"
expect_screen "ann: the inbox offers n:new" 1 "n:new"
open_case
need "ann opens $NUM" 3 "Case $NUM"
refute_screen "ann: the case status line has no p:pick up" "p:pick up"
refute_screen "ann: the case status line has no a:answer" "a:answer"
expect_screen "ann: the case status line offers R:route" 1 "R:route"
for _k in p a d; do
	refused ann "$_k" "Case $NUM"
done
keys q
wait_screen 3 "Search"
keys Escape
wait_screen 3 "Inbox"
expect_quit "ann's sedesk quits with status 0"
if [ ! -e "$MARK" ]; then ok "ann: \$EDITOR did not run for a refused key"
else not_ok "ann: \$EDITOR did not run for a refused key" "$(cat "$MARK")"; fi
is "ann's refused keys changed nothing (the case's version)" "$(version)" "$V1"

finish
