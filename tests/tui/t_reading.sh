#!/bin/bash
# Read every word (issue 10), at 80×24: a department's long answer is read
# to its last line in the full-text view, searched with / n N (case and
# accents ignored); a journal entry and the description open in full; the
# case screen shows each route's answer wrapped under it; s saves the whole
# case as text, | pipes it to a command.
. "$(dirname "$0")/tmux.sh"

setup ann enterprise add --name "Kringwinkel De Vlinder" --number 0403.170.701 \
    --contacts "Jan Peeters, zaakvoerder
An Claes (boekhouding) 0470 12 34 56"
ENT=$CLI_OUT
# An older case, closed: the enterprise screen lists it with its days.
SEDESK_NOW=2026-02-10T09:00:00Z setup ann case new --enterprise "$ENT" --subject "Vorige vraag"
OLD=$CLI_OUT
SEDESK_NOW=2026-02-20T09:00:00Z setup ann case close "$OLD" --resolution "Beantwoord aan de balie."
DESC="Mag ons terras groter?
En is er steun voor een nieuwe oven?
DERDE-REGEL-VAN-DE-VRAAG"
setup ann case new --enterprise "$ENT" --subject "Terras en subsidie" --description "$DESC"
NUM=$CLI_OUT
setup ann case route "$NUM" eco wel
# 30 lines; the first wider than the window, line 17 "Café", line 27 "cafe".
ANSWER="Beste collega, dit is een lange eerste regel die breder is dan het venster van tachtig kolommen OMLOOPWOORD en verder."
for i in $(seq -w 2 30); do
	case $i in
	17) ANSWER="$ANSWER
Regel $i: Café op de hoek" ;;
	27) ANSWER="$ANSWER
Regel $i: nog eens CAFE hier" ;;
	30) ANSWER="$ANSWER
LAATSTE-REGEL van het antwoord" ;;
	*) ANSWER="$ANSWER
Regel $i gewoon" ;;
	esac
done
setup bram case answer "$NUM" --dept eco --text "$ANSWER"
setup chris case decline "$NUM" --dept wel --reason "Niet voor ons: vraag het aan ECO."
NOTE="Gebeld met de zaakvoerder.
Tweede regel van de notitie.
NOTITIE-SLOT"
setup ann case note "$NUM" "$NOTE"

open_case() {
	keys /
	need "/ opens the search" 3 "Search"
	typein "$NUM"
	need "the case is found" 5 "$NUM "
	keys Enter
	need "the case opens" 5 "Case $NUM"
}

tui_start SEDESK_USER=ann
need "the inbox opens" 5 "Inbox"
is "the window is 80×24" "$(win_size)" 80x24
open_case

# --- the answer wrapped under its route ------------------------------------------
eco=$(screen | grep -n -m 1 "ECO " | cut -d: -f1)
l1=$(screen | sed -n "$((eco + 1))p")
l2=$(screen | sed -n "$((eco + 2))p")
like "the answer's first line is under ECO's route" "$l1" "^ +Beste collega, dit is een lange"
unlike "…wrapped at the window's width" "$l1" "OMLOOPWOORD"
like "…the rest of it on the next line" "$l2" "^ +[a-z ]*OMLOOPWOORD en verder\\.$"
like "…and further lines follow (at least two lines per route at 80×24)" \
    "$(screen | sed -n "$((eco + 3))p")" "Regel 02"
wel=$(screen | grep -n -m 1 "WEL " | cut -d: -f1)
like "the decline reason is under WEL's route" "$(screen | sed -n "$((wel + 1))p")" \
    "^ +Niet voor ons: vraag het aan ECO\."
expect_screen "the journal stays visible below the routes" 1 "Journal"

# --- the answer in full -----------------------------------------------------------
keys j		# from the description to ECO's route
keys Enter
need "Enter on a route opens its answer in full" 3 "answer of ECO"
expect_screen "the view starts at the first line" 1 "Beste collega"
refute_screen "…not yet at the last" "LAATSTE-REGEL"
keys G
expect_screen "G shows the last line of the answer" 3 "LAATSTE-REGEL van het antwoord"
expect_screen "…and says it is the end" 1 "(end)"
refute_screen "…the first line scrolled away" "Beste collega"
keys g
expect_screen "g goes back to the start" 3 "Beste collega"
keys Space
expect_screen "space pages down" 3 "Regel 2"
keys b
expect_screen "b pages back" 3 "Beste collega"

# Search: case and accents ignored; the match on the first text line.
first_text_line() { screen | sed -n 3p; }
keys /
need "/ asks what to search" 3 "Search for"
typein "cafe"
keys Enter
# The first line wraps in two: "Regel 17" is line 18 of the view.
expect_screen "/cafe finds \"Café\" (accents and case ignored)" 3 "match on line 18"
expect_screen "…and shows it" 1 "Regel 17: Café op de hoek"
keys n
expect_screen "n finds the next match (\"CAFE\")" 3 "match on line 28"
expect_screen "…and shows it" 1 "Regel 27: nog eens CAFE"
keys N
expect_screen "N goes back to the previous match" 3 "match on line 18"
keys g
keys /
need "/ again" 3 "Search for"
keys C-u
typein "antwoord"
keys Enter
expect_screen "a match further down scrolls the view to it" 3 "LAATSTE-REGEL van het antwoord"
refute_screen "…the start scrolled away" "Beste collega"
keys g
keys /
need "/ once more" 3 "Search for"
keys C-u
typein "cafe"
keys Enter
wait_screen 3 "match on line 18"
keys n n
expect_screen "past the last match n says so" 3 "not found further on: cafe"
keys q
need "q goes back to the case" 3 "Case $NUM"

# --- the description and a journal entry in full ----------------------------------
keys D
need "D opens the description in full" 3 "description"
expect_screen "…to its last line" 2 "DERDE-REGEL-VAN-DE-VRAAG"
keys Escape
need "Esc goes back to the case" 3 "Case $NUM"
refute_screen "the journal line shows the note's first line only" "NOTITIE-SLOT"
keys $(printf 'j %.0s' $(seq 20))	# down to the last journal entry: the note
keys v
need "v on a journal line opens the entry in full" 3 "journal"
expect_screen "…every line of the note" 2 "NOTITIE-SLOT"
expect_screen "…its second line too" 1 "Tweede regel van de notitie."
keys q
need "back to the case" 3 "Case $NUM"

# --- s saves the whole case, | pipes it -------------------------------------------
title="Case $NUM: Terras en subsidie"
expected=$(cat <<TXT
$title
$(printf '%*s' ${#title} '' | tr ' ' '=')

Enterprise: Kringwinkel De Vlinder (0403.170.701)
Received: 2026-03-02
Status: answered

Question
--------

Terras en subsidie

$DESC

Answer of Economie en ondernemen (2026-03-02)
---------------------------------------------

$ANSWER

Welzijn did not take this up (2026-03-02)
-----------------------------------------

Niet voor ons: vraag het aan ECO.
TXT
)
keys s
need "s asks for a file name" 3 "Save to file"
typein "$T_DIR/case.txt"
keys Enter
expect_screen "s saves the case" 3 "saved to $T_DIR/case.txt"
is "the saved text: enterprise, question, answers, with dates" "$(cat "$T_DIR/case.txt")" "$expected"
keys s
need "s asks again" 3 "Save to file"
typein "$T_DIR/case.txt"
keys Enter
need "an existing file: asks before overwriting" 3 "exists. Overwrite it?"
keys n
expect_screen "…no: not saved" 3 "not saved."

keys '|'
need "| asks for a command" 3 "Pipe to command"
typein "cat > $T_DIR/piped.txt"
keys Enter
need "the command ran outside the screen; sedesk waits for Enter" 5 "Press Enter to return"
keys Enter
expect_screen "back in sedesk: piped" 3 "piped to cat"
is "the command read the whole case" "$(cat "$T_DIR/piped.txt")" "$expected"

# --- the enterprise screen: contacts, and the cases with days and status ----------
keys E
need "E opens the enterprise" 3 "Cases: 1 open, 1 closed"
expect_screen "the contact persons are shown" 1 "Jan Peeters, zaakvoerder"
expect_screen "…every line of them" 1 "An Claes (boekhouding) 0470 12 34 56"
like "the open case: received, status, due day" "$(screen_line "$NUM")" \
    "$NUM +2026-03-02 +answered +2026-03-[0-9]{2} +Terras en subsidie"
like "the closed case: received, status, closing day" "$(screen_line "$OLD")" \
    "$OLD +2026-02-10 +closed +2026-02-20 +Vorige vraag"
keys q
need "q goes back to the case" 3 "Case $NUM"

keys q
need "q returns to the search" 3 "Search"
keys Escape
need "Esc returns to the inbox" 3 "Inbox"
expect_quit "sedesk ends normally"

# --- the answer editor quotes the question under a marker ------------------------
setup ann case new --enterprise "$ENT" --subject "Oven voor het atelier" \
    --description "Welke oven mag er staan?
VRAAG-SLOT"
NUM2=$CLI_OUT
setup ann case route "$NUM2" eco
setup bram case pickup "$NUM2" --dept eco
# An editor that writes above what it finds, keeping it, as a user would.
QEDITOR=$T_DIR/quote-editor.sh
cat >"$QEDITOR" <<SH
#!/bin/sh
cp "\$1" "$T_DIR/quoted.txt"
{ echo "Een oven van 3 kW mag."; echo "Groet, Bram"; cat "\$1"; } >"\$1.new" && mv "\$1.new" "\$1"
SH
chmod +x "$QEDITOR"
tui_start SEDESK_USER=bram EDITOR="$QEDITOR"
need "bram's inbox opens" 5 "Inbox"
NUM=$NUM2 open_case
keys a
expect_screen "bram answers in the editor" 5 "answered."
quoted=$(cat "$T_DIR/quoted.txt" 2>/dev/null)
like "the editor opened with the marker line" "$quoted" "^-- Write above this line\\. The question: --$"
like "…the subject quoted under it" "$quoted" "^> Oven voor het atelier$"
like "…and every line of the description" "$quoted" "^> VRAAG-SLOT$"
is "the marker is below two empty lines to write in" "$(head -c 2 "$T_DIR/quoted.txt" | od -An -c | tr -d ' ')" '\n\n'
is "the saved answer is what was written above the marker, without the quote" \
    "$(cli bram case show "$NUM2" --json | jq -r '.routes[0].answer')" "Een oven van 3 kW mag.
Groet, Bram"
keys q
need "q returns to the search" 3 "Search"
keys Escape
need "Esc returns to the inbox" 3 "Inbox"
expect_quit "sedesk ends normally (bram)"
finish
