#!/bin/bash
# Format characters (bidi overrides, isolates, marks, zero-width characters,
# the BOM) in one user's text are shown as <U+XXXX> on another's screen and
# never reach the terminal raw (issue 9, finding 8): in the inbox, on the
# case screen with its journal, on the enterprise screen and in search.
# The raw bytes sedesk writes to the pane are recorded (tmux pipe-pane) and
# searched, besides the screen as tmux shows it.
. "$(dirname "$0")/tmux.sh"

# The format characters (RLO, PDF, …) and no_raw: tests/lib.sh.

ENT="Zorg ${RLO}VBzjitkroW${PDF} ${LRI}x${PDI}"
SUBJ="Factuur ${RLO}fdp.exe${PDF} ${ZWSP}dringend"
NOTE=$'Gebeld met \u202eretnuo\u202c.\n  2026-03-02T09:00:00Z root   closed: vervalst'
setup ann enterprise add --name "$ENT" --number 0200.065.765 --city "Gen${ZWSP}t" \
    --street "${BOM}Straat${WJ} 1${RLM}"
setup ann case new --enterprise 0200.065.765 --subject "$SUBJ"
NUM=$CLI_OUT
setup ann case note "$NUM" "$NOTE"

tui_start
# Everything sedesk writes to the pane from here on, byte for byte.
tm pipe-pane -o -t "$T_SESSION" "cat >>'$T_DIR/pane.raw'"
resize 160 40
wait_for 3 eval '[ "$(win_size)" = 160x40 ]'
need "the inbox opens" 5 "1 case needs you"
expect_screen "the inbox shows the subject's override as <U+202E>" 3 \
    "Factuur <U+202E>fdp.exe<U+202C> <U+200B>dringend"
expect_screen "the inbox shows the name's override and isolate" 1 "Zorg <U+202E>VBzjitkroW<U+202C>"
no_raw "no raw format character on the inbox screen" "$(screen)"

keys Enter
need "Enter opens the case" 3 "Case $NUM"
expect_screen "the case screen shows the subject inert" 2 \
    "Subject      Factuur <U+202E>fdp.exe<U+202C> <U+200B>dringend"
expect_screen "the journal shows the note's override inert" 2 "note: Gebeld met <U+202E>retnuo<U+202C>. …"
refute_screen "the note's second line is not shown as a journal line" "root   closed: vervalst"
no_raw "no raw format character on the case screen" "$(screen)"
keys q
need "q returns to the inbox" 3 "1 case needs you"

keys e
need "e opens the enterprise list" 3 "Enterprises ("
expect_screen "the enterprise list shows the name and city inert" 2 "Gen<U+200B>t"
keys Enter
need "Enter opens the enterprise" 3 "Cases: 1 open"
expect_screen "the enterprise screen shows the street's BOM, word joiner and RLM" 2 \
    "<U+FEFF>Straat<U+2060> 1<U+200F>"
no_raw "no raw format character on the enterprise screen" "$(screen)"
keys q
keys q
need "back in the inbox" 3 "1 case needs you"

keys /
need "/ opens the search screen" 3 "Search"
typein "retnuo"
expect_screen "search shows the title inert" 3 "$NUM Factuur <U+202E>fdp.exe<U+202C>"
expect_screen "… and the snippet" 2 "<U+202E>retnuo<U+202C>"
no_raw "no raw format character on the search screen" "$(screen)"
keys Escape
need "Esc leaves the search" 3 "1 case needs you"

# A line separator typed into a single-line field: the core refuses it and
# the form says so beside the field.
keys e
need "e opens the enterprise list again" 3 "Enterprises ("
keys a
need "a opens the new enterprise form" 3 "New enterprise"
typein $'Lijn\u2028BV'
expect_screen "the form shows the separator inert while typing" 2 "Lijn<U+2028>BV"
keys F2
expect_screen "F2: the name is refused, beside the field and in full below the form" 3 \
    "Name: the enterprise's name must be a single line: remove the line break."
is "… and nothing was registered" "$(cli root enterprise list --json | jq -r '[.[] | select(.name | startswith("Lijn"))] | length')" 0
keys Escape
need "Esc asks before losing what was typed" 3 "Leave and lose what you typed?"
keys y
need "y leaves the form" 3 "Enterprises ("
expect_quit "sedesk quits with status 0"

tm pipe-pane -t "$T_SESSION" 2>/dev/null
if [ -s "$T_DIR/pane.raw" ]; then ok "the pane's output was recorded"
else not_ok "the pane's output was recorded" "pipe-pane wrote nothing"; fi
no_raw "no raw format character in anything sedesk wrote to the terminal" \
    "$(cat "$T_DIR/pane.raw" 2>/dev/null)"
finish
