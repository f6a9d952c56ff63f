#!/bin/bash
# `case export` (issue 10): the whole case as text to hand on to the
# enterprise — enterprise, question, each department's answer and the
# resolution, with dates — in plain text and in Markdown, to the output or
# with -o to a file; and only for those who may see the case.
#
# Clock: Monday 2026-03-02 09:00 UTC (see common.sh).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Terras en subsidie" \
	--description "Mag ons terras groter?
En is er steun voor?"
C1=$OUT
run ann case route "$C1" eco wel
rc_is "set-up: routed to eco and wel" 0
run bram case answer "$C1" --dept eco --text "Beste collega,

Ja, de subsidie bestaat.
Vraag ze aan voor 1 juni."
rc_is "set-up: eco answers in three lines" 0
run chris case decline "$C1" --dept wel --reason "Niet voor ons."
rc_is "set-up: wel declines" 0
run ann case close "$C1" --resolution "Brief gestuurd." --satisfaction 5
rc_is "set-up: closed" 0

title="Case $C1: Terras en subsidie"
expected_text=$(cat <<TXT
$title
$(printf '%*s' ${#title} '' | tr ' ' '=')

Enterprise: Kringwinkel De Vlinder ($KBO1)
Received: 2026-03-02
Status: closed

Question
--------

Terras en subsidie

Mag ons terras groter?
En is er steun voor?

Answer of Economie en ondernemen (2026-03-02)
---------------------------------------------

Beste collega,

Ja, de subsidie bestaat.
Vraag ze aan voor 1 juni.

Welzijn did not take this up (2026-03-02)
-----------------------------------------

Niet voor ons.

Resolution (2026-03-02)
-----------------------

Brief gestuurd.
TXT
)

run ann case export "$C1"
rc_is "case export succeeds" 0
is "plain text: enterprise, question, every answer and reason, resolution, with dates" \
	"$OUT" "$expected_text"

run ann case export "$C1" --markdown
rc_is "case export --markdown succeeds" 0
like "Markdown: the case is the title" "$OUT" "^# Case $C1: Terras en subsidie"
like "Markdown: the enterprise in bold" "$OUT" "\*\*Enterprise:\*\* Kringwinkel De Vlinder"
like "Markdown: each answer a heading" "$OUT" "## Answer of Economie en ondernemen \\(2026-03-02\\)"
like "Markdown: the resolution a heading" "$OUT" "## Resolution \\(2026-03-02\\)"
unlike "Markdown: no plain-text underlines" "$OUT" "^====="
like "Markdown: the lines of a text stay lines (a hard break)" "$OUT" "Mag ons terras groter\\?  $"

# -o writes the file with the user's rights (the file is theirs, umask kept).
out=$T_DIR/export.txt
(umask 077 && run ann case export "$C1" -o "$out" && echo "$RC" >"$T_DIR/rc")
is "-o succeeds" "$(cat "$T_DIR/rc")" 0
is "-o writes the same text as the output" "$(cat "$out")" "$expected_text"
is "-o's file is made with the caller's umask" "$(stat -c %a "$out")" 600
run ann case export "$C1" --output "$out" --markdown
rc_is "--output overwrites the file" 0
like "…now with the Markdown" "$(cat "$out")" "^# Case"
ln -s "$T_DIR/elsewhere" "$T_DIR/link.txt"
run ann case export "$C1" -o "$T_DIR/link.txt"
rc_is "-o never writes through a symbolic link" 1
is "…nothing was written where it pointed" "$(test -e "$T_DIR/elsewhere" && echo yes || echo no)" no

# An open case: a route without an answer says so.
run ann case new --enterprise "$E1" --subject "Enkel een vraag"
C2=$OUT
run ann case route "$C2" eco
run ann case export "$C2"
rc_is "an open case exports" 0
like "…a route without an answer is named as such" "$OUT" "Economie en ondernemen: no answer yet"
unlike "…no resolution yet" "$OUT" "Resolution"

# Officers see the cases routed to their departments only.
run bram case export "$C1"
rc_is "eco's officer may export a case routed to eco" 0
run ann case new --enterprise "$E1" --subject "Alleen voor welzijn"
C3=$OUT
run ann case route "$C3" wel
fails 3 "eco's officer cannot export a case not routed to eco" bram case export "$C3"
like "…it is not found to them, as a case that does not exist" "$ERR" "^sedesk: no case $C3\\.$"
fails 3 "a case that does not exist is not found" ann case export 2026-09999

# The words the Dutch catalogue has so far (the rest is the lead's merge of
# share/locale/parts/nl-read.po): labels and states in the user's language.
LANGUAGE=nl run ann case export "$C1"
like "in the user's language (nl): the enterprise's label" "$OUT" "^Onderneming: Kringwinkel"
like "…and the status" "$OUT" ": afgesloten$"
finish
