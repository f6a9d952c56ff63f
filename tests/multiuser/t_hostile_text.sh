#!/bin/bash
# Issue 9, finding 8: one user must not be able to forge lines on another's
# screen.  Real Unix users on a setgid install made by `make install`:
#   C  contact         the victim: reads cases in the CLI and in the TUI
#   M  contact         hostile: tries line breaks and control characters in
#                      every single-line field (enterprise add/edit/import,
#                      case new/edit), then a bidi-reversed subject and name
#   A  officer of eco  hostile: plants a forged journal line and bidi
#                      overrides in a note and in the answer of its route
# Every single-line attempt is refused with a message naming the field and
# changes nothing; what is stored (notes, answers, format characters) shows
# inert to C: further lines indented past the journal's time column, format
# characters as <U+XXXX>, in plain output and in the TUI; JSON keeps the
# exact text; `sedesk check` stays clean.
. "$(dirname "$0")/common.sh"

mu_users c m a
mu_install
mu_officer "$U_c" contact
mu_officer "$U_m" contact
mu_officer "$U_a" officer eco

# The format characters (RLO, PDF, …, NL) and no_raw: tests/lib.sh.
# A line that looks like a journal entry of the admin closing the case.
FORGED="  2026-03-02T09:00:00Z root   closed: settled, no further action"
ENTRY_RE='^  [0-9]{4}-[0-9]{2}-[0-9]{2}T'

fingerprint() {	# the content of every named database (as root)
	mdb_dump -a "$MU_DB" 2>&1 | sha256sum | cut -d' ' -f1
}

urun "$U_c" enterprise add --name "Kringwinkel De Ark" --city Gent
need_rc0 "C: enterprise add"
E1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Startlening voor de herstelplaats"
need_rc0 "C: case new"
N1=$OUT
urun "$U_c" case route "$N1" eco
need_rc0 "C: case route"

# --- M's single-line attempts: refused, named, nothing changed ---------------------------------
before=$(fingerprint)
for f in name city street legal-form tags; do
	if [ "$f" = name ]; then urun "$U_m" enterprise add --name "x$NL$FORGED"
	else urun "$U_m" enterprise add --name "Nep BV" --"$f" "x$NL$FORGED"; fi
	rc_is "M: enterprise add with a line break in --$f is refused (exit 2)" 2
	like "… the message says which field must be one line" "$ERR" "^sedesk: the .* must be a single line"
	urun "$U_m" enterprise edit "$E1" --"$f" "x$NL$FORGED"
	rc_is "M: enterprise edit --$f with a line break is refused (exit 2)" 2
done
urun "$U_m" enterprise edit "$E1" --city $'Gent\e[2J'
rc_is "M: an escape sequence in the city is refused (exit 2)" 2
like "… naming the field and the character" "$ERR" "the city must not contain the control character"
urun "$U_m" case new --enterprise "$E1" --subject "Vraag$NL$FORGED"
rc_is "M: case new with a line break in the subject is refused (exit 2)" 2
like "… naming the subject" "$ERR" "^sedesk: the subject must be a single line"
urun "$U_m" case edit "$N1" --subject "Vraag$NL$FORGED"
rc_is "M: case edit with a line break in the subject is refused (exit 2)" 2
mkdir -p "$T_DIR/m" && chmod 755 "$T_DIR/m"
printf 'name,city\n"Nep\n%s",Gent\n' "$FORGED" >"$T_DIR/m/forged.csv"
chmod 644 "$T_DIR/m/forged.csv"
urun "$U_m" enterprise import "$T_DIR/m/forged.csv" --strict
rc_is "M: an import whose name holds a line break is refused (exit 2)" 2
like "… the row is reported with its line and the field" "$ERR" "forged.csv:2: the enterprise's name must be a single line"
is "none of M's attempts changed the database" "$(fingerprint)" "$before"

# --- what may be stored: bidi-reversed subject and name, forged notes ---------------------------
SUBJ="Factuur ${RLO}fdp.exe${PDF} betalen"
urun "$U_m" enterprise add --name "Zorg ${RLO}VBzjitkroW${PDF}" --city "Gen${ZWSP}t"
need_rc0 "M: enterprise add with a bidi override (format characters are allowed)"
E2=$OUT
urun "$U_m" case new --enterprise "$E2" --subject "$SUBJ"
need_rc0 "M: case new with a bidi-reversed subject"
N2=$OUT
urun "$U_m" case route "$N2" eco
need_rc0 "M: case route"

NOTE="Zaakvoerder gebeld.$NL$FORGED"
urun "$U_a" case note "$N1" "$NOTE"
rc_is "A (officer of eco) adds a note with a forged journal line" 0
urun "$U_a" case note "$N2" "Zie ${LRI}bijlage${PDI}.$NL$FORGED"
rc_is "A adds a note with an isolate and a forged line to the other case" 0
urun "$U_a" case pickup "$N1" --dept eco
urun "$U_a" case answer "$N1" --dept eco --text "Goedgekeurd ${RLO}ton 5${PDF}.$NL$FORGED"
rc_is "A answers with a bidi override and a forged line" 0

# --- C views them: plain output ---------------------------------------------------------------
urun "$U_c" case show "$N1"
rc_is "C: case show $N1" 0
unlike "the forged line is never at the column where entries start" "$OUT" \
    "^  2026-03-02T09:00:00Z root +closed"
followed_by "it shows indented past the time column, under A's note" "$OUT" \
    "note: Zaakvoerder gebeld\.$" "^ {23}  2026-03-02T09:00:00Z root   closed: settled"
followed_by "… and under A's answer" "$OUT" "answered for Economie & Ondernemen: Goedgekeurd <U\+202E>ton 5<U\+202C>\.$" "^ {23}  2026"
no_raw "C's case show carries no raw format character" "$OUT"
_entries=$(printf '%s\n' "$OUT" | grep -Ec "$ENTRY_RE")
urun "$U_c" case show "$N1" --json
is "every line that starts like an entry is one" "$_entries" "$(printf '%s' "$OUT" | jq '.journal | length')"
is "JSON keeps A's note exactly" "$(printf '%s' "$OUT" | jq -r '.journal[] | select(.kind=="note") | .text')" "$NOTE"

urun "$U_c" case show "$N2"
like "the bidi-reversed subject shows inert" "$OUT" "^  Subject +Factuur <U\+202E>fdp\.exe<U\+202C> betalen$"
like "the name shows inert" "$OUT" "^  Enterprise +Zorg <U\+202E>VBzjitkroW<U\+202C>"
like "the isolate in A's note shows inert" "$OUT" "note: Zie <U\+2066>bijlage<U\+2069>\.$"
no_raw "C's case show of $N2 carries no raw format character" "$OUT"
urun "$U_c" case list
like "case list shows the subject inert" "$OUT" "Factuur <U\+202E>fdp\.exe<U\+202C>"
no_raw "case list carries no raw format character" "$OUT"
urun "$U_c" enterprise list
like "enterprise list shows the name and city inert" "$OUT" "Zorg <U\+202E>VBzjitkroW<U\+202C>  · Gen<U\+200B>t"
no_raw "enterprise list carries no raw format character" "$OUT"
urun "$U_c" search settled
unlike "search: the forged line never starts a line of its own" "$OUT" "^ {0,10}2026-03-02T09:00:00Z"
no_raw "search carries no raw format character" "$OUT"
urun "$U_c" case show "$N2" --json
is "JSON keeps the subject exactly" "$(printf '%s' "$OUT" | jq -r .subject)" "$SUBJ"

# --- C views them: the TUI ----------------------------------------------------------------------
pane_start tuiC sh -c 'cd / && exec runuser -u "$0" -- env TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$1"' \
    "$U_c" "$P/bin/sedesk"
tm pipe-pane -o -t tuiC "cat >>'$T_DIR/tuiC.raw'"
need_pane "C's TUI opens the inbox" 10 tuiC "Inbox"
pane_open_case tuiC "$N2"
need_pane "C opens $N2 in the TUI" 5 tuiC "Case $N2"
expect_pane "the TUI shows the subject inert" 3 tuiC "Factuur <U+202E>fdp.exe<U+202C> betalen"
expect_pane "the TUI shows A's note inert, its second line not as an entry" 3 tuiC \
    "Zie <U+2066>bijlage<U+2069>. …"
no_raw "C's case screen has no raw format character" "$(pane tuiC)"
if pane_has tuiC "root   closed: settled"; then
	not_ok "the forged entry is not on C's case screen" "$(pane tuiC)"
else ok "the forged entry is not on C's case screen"; fi
pane_leave_case tuiC "C's TUI ends with status 0"
tm pipe-pane -t tuiC 2>/dev/null
no_raw "nothing the TUI wrote to C's terminal holds a raw format character" \
    "$(cat "$T_DIR/tuiC.raw" 2>/dev/null)"

rrun check --json
rc_is "sedesk check is clean (exit 0)" 0
is "sedesk check reports no problems" "$(printf '%s' "$OUT" | jq -r '.problems | length')" 0
finish
