#!/bin/bash
# One user must not be able to forge lines on another's screen (issue 9,
# finding 8).  Single-line fields (every enterprise field but contacts and
# notes, and a case's subject) refuse line breaks and other control
# characters through add, edit and import, with a message naming the field
# and nothing changed.  Text of several lines (descriptions, notes,
# resolutions, enterprise notes) prints its further lines indented, never
# at the column where a journal entry, a field or a route starts.  Format
# characters (bidi overrides, isolates, marks, zero-width characters, the
# BOM) are shown as <U+XXXX> in plain output; JSON keeps the exact text.
. "$(dirname "$0")/common.sh"
init_db

# The format characters (RLO, PDF, …, NL) and no_raw: tests/lib.sh.

# A journal entry starts with its time at column 2: "  2026-03-02T09:00:00Z".
ENTRY_RE='^  [0-9]{4}-[0-9]{2}-[0-9]{2}T'
FORGED="  2026-03-02T09:00:00Z root   closed: all settled, nothing to do"

E0=$(add_ent --name "Gewone Onderneming" --number "$KBO1" --city Gent)
if [ -z "$E0" ]; then not_ok "set-up: an enterprise" "$(cat "$T_DIR/.adderr")"; finish; fi

# --- single-line fields refuse line breaks: add, edit ---------------------------------
# field option, its label in the message, a valid value to break
fields="name:the enterprise's name:Acme
number:the enterprise number:$KBO2
legal-form:the legal form:vzw
email:the e-mail address:info@acme.be
phone:the phone number:09 123 45 67
street:the street:Veldstraat 1
postcode:the postcode:9000
city:the city:Gent
tags:the tags:horeca
offers:the offers:catering"
while IFS=: read -r opt label value; do
	# Short fields have short limits: the line break, not the length, must be refused.
	case $opt in
	number|phone|postcode) broken="$value${NL}1" ;;
	*) broken="$value$NL$FORGED" ;;
	esac
	if [ "$opt" = name ]; then
		rejects 2 "add --name with a newline is refused" ann enterprise add --name "$broken"
	else
		rejects 2 "add --$opt with a newline is refused" ann enterprise add \
		    --name "Acme $opt" --"$opt" "$broken"
	fi
	like "… the message names $label" "$ERR" "^sedesk: $label must be a single line"
	rejects 2 "edit --$opt with a newline is refused" ann enterprise edit "$E0" --"$opt" "$broken"
	like "… the message names $label" "$ERR" "^sedesk: $label must be a single line"
done <<EOF
$fields
EOF

# Other line breaks and control characters in a name, the same way.
for c in $'\r' $'\v' $'\f' $'\u0085' "$LSEP" "$PSEP"; do
	name="Acme${c}Bis"
	rejects 2 "a name with line break $(printf '%s' "$c" | od -An -tx1 | tr -d ' ') is refused" \
	    ann enterprise add --name "$name"
	like "… saying it must be one line" "$ERR" "single line: remove the line break"
done
rejects 2 "a name with a tab is refused" ann enterprise add --name $'Acme\tBis'
like "… saying to use a space" "$ERR" "the enterprise's name must not hold a tab: replace it with a space"
rejects 2 "a name with an escape character is refused" ann enterprise add --name $'Acme \e[2J'
like "… naming the character visibly" "$ERR" "the enterprise's name must not contain the control character \^\["
rejects 2 "a city with a C1 control is refused" ann enterprise edit "$E0" --city $'Gent\u009b31m'
like "… naming it as <U+009B>" "$ERR" "the city must not contain the control character <U\+009B>"
# White space around a value is trimmed before the check: a trailing
# newline (as $(cat file) would leave) harms nobody.
run ann enterprise add --name "Rand Onderneming$NL"
rc_is "a trailing newline around a name is trimmed, not refused" 0
run ann enterprise show "$OUT" --json
jq_is "… and the name is stored without it" .name "Rand Onderneming"
# Contacts and notes are text of several lines.
run ann enterprise edit "$E0" --contacts "Marieke Janssens${NL}Tom Peeters" --notes "een${NL}twee"
rc_is "contacts and notes may hold several lines" 0

# --- import: a row with such a field is a bad row ------------------------------------------
printf 'name,city,street\n"Goed Een",Gent,Straat 1\n"Slecht\n%s",Gent,Straat 2\nGoed Twee,"Gent\n%s",Straat 3\nGoed Drie,Gent,"Straat\t4"\n' \
    "$FORGED" "$FORGED" >"$T_DIR/forged.csv"
rejects 2 "import --strict of rows with line breaks changes nothing" \
    ann enterprise import "$T_DIR/forged.csv" --strict
run ann enterprise import "$T_DIR/forged.csv"
rc_is "import without --strict exits 2 (rows were rejected)" 2
like "… the summary counts one good row and three bad ones" "$OUT" "imported 1, rejected 3"
like "… the name's row is reported with its line and the field in words" "$ERR" \
    "forged.csv:3: the enterprise's name must be a single line"
like "… the city's row too" "$ERR" "forged.csv:5: the city must be a single line"
like "… and the street's tab" "$ERR" "forged.csv:7: the street must not hold a tab: replace it"
run ann enterprise list --json --limit 100
jq_is "… only the good row arrived" '[.[] | select(.name | startswith("Goed") or startswith("Slecht"))] | map(.name) | join(",")' "Goed Een"
printf 'name\n"Esc %s[31mrood"\n' $'\e' >"$T_DIR/esc.csv"
run ann enterprise import "$T_DIR/esc.csv"
like "an imported name with an escape character is a bad row" "$ERR" \
    "esc.csv:2: the enterprise's name must not contain the control character"

# --- the case subject -----------------------------------------------------------------------
rejects 2 "case new with a newline in the subject is refused" ann case new --enterprise "$E0" \
    --subject "Vraag$NL$FORGED"
like "… the message names the subject" "$ERR" "^sedesk: the subject must be a single line"
rejects 2 "case new with a CR in the subject is refused" ann case new --enterprise "$E0" \
    --subject $'Vraag\rZ'
C1=$(new_case --enterprise "$E0" --subject "Gewone vraag" --description "een regel")
if [ -z "$C1" ]; then not_ok "set-up: a case" "$(cat "$T_DIR/.adderr")"; finish; fi
rejects 2 "case edit with a newline in the subject is refused" ann case edit "$C1" \
    --subject "Andere vraag$NL$FORGED"
like "… the message names the subject" "$ERR" "^sedesk: the subject must be a single line"
rejects 2 "case edit with a trailing newline in the subject is refused (edits store it as given)" \
    ann case edit "$C1" --subject "Andere vraag$NL"
rejects 2 "case edit with an escape in the subject is refused" ann case edit "$C1" \
    --subject $'Vraag \e]0;titel\a'
like "… naming the character" "$ERR" "the subject must not contain the control character \^\["

# --- format characters shown inert ------------------------------------------------------------
ENAME="Zorg ${RLO}VBzjitkroW${PDF} ${LRI}x${PDI}"
ECITY="Gen${ZWSP}t"
ESTREET="${RLI}Straat${PDI} ${FSI}7${PDI} ${LRE}a${PDF}${RLE}b${PDF}${LRO}c${PDF}"
ELEGAL="${BOM}vzw${WJ}${INVT}"
ETAGS="horeca${LRM},zorg${RLM}${ALM},kantine${SHY}"
run ann enterprise add --name "$ENAME" --number "$KBO3" --city "$ECITY" --street "$ESTREET" \
    --legal-form "$ELEGAL" --tags "$ETAGS"
rc_is "format characters are allowed in single-line fields (names in RTL scripts need some)" 0
E1=$OUT
run ann enterprise show "$E1"
no_raw "enterprise show sends no raw format character" "$OUT"
like "… the override shows as <U+202E>" "$OUT" "^Zorg <U\+202E>VBzjitkroW<U\+202C> <U\+2066>x<U\+2069>$"
like "… the zero-width space as <U+200B>" "$OUT" "City +Gen<U\+200B>t$"
like "… isolates and embeddings as tokens" "$OUT" \
    "Street +<U\+2067>Straat<U\+2069> <U\+2068>7<U\+2069> <U\+202A>a<U\+202C><U\+202B>b<U\+202C><U\+202D>c<U\+202C>$"
like "… the BOM, word joiner and invisible times" "$OUT" "Legal form +<U\+FEFF>vzw<U\+2060><U\+2062>$"
like "… LRM, RLM, the Arabic letter mark and the soft hyphen" "$OUT" \
    "Tags +horeca<U\+200E>,zorg<U\+200F><U\+061C>,kantine<U\+00AD>$"
run ann enterprise show "$E1" --json
jq_is "JSON keeps the name exactly" .name "$ENAME"
jq_is "JSON keeps the street exactly" .street "$ESTREET"
jq_is "JSON keeps the legal form exactly (BOM included)" .legal_form "$ELEGAL"
jq_is "JSON keeps the tags exactly" '.tags | join(",")' "$ETAGS"
run ann enterprise list --limit 100
no_raw "enterprise list sends no raw format character" "$OUT"
like "… and shows the name and city inert" "$OUT" "Zorg <U\+202E>VBzjitkroW<U\+202C> <U\+2066>x<U\+2069>  · Gen<U\+200B>t"
run ann enterprise list --json --limit 100
jq_true "enterprise list --json keeps the name exactly" "any(.[]; .name == \"$ENAME\")"

SUBJ="Factuur ${RLO}fdp.exe${PDF} ${ZWSP}dringend"
NOTE="Gebeld met ${RLO}retnuo${PDF}.${NL}${FORGED}${NL}${LRI}einde${PDI}"
C2=$(new_case --enterprise "$E1" --subject "$SUBJ" \
    --description "Eerste regel${NL}  Owner        mallory${NL}Routes:")
if [ -z "$C2" ]; then not_ok "set-up: a case with format characters" "$(cat "$T_DIR/.adderr")"; finish; fi
as ann case note "$C2" "$NOTE" >/dev/null 2>&1
as ann case route "$C2" eco --note "naar eco${NL}${FORGED}" >/dev/null 2>&1
run bram case show "$C2"
no_raw "case show sends no raw format character" "$OUT"
like "… the subject shows inert" "$OUT" "^  Subject +Factuur <U\+202E>fdp.exe<U\+202C> <U\+200B>dringend$"
like "… the enterprise name shows inert" "$OUT" "^  Enterprise +Zorg <U\+202E>VBzjitkroW"
like "… the journal's created entry shows the subject inert" "$OUT" \
    "created: Factuur <U\+202E>fdp.exe<U\+202C>"
like "… the note's first line shows inert" "$OUT" "note: Gebeld met <U\+202E>retnuo<U\+202C>\.$"
like "… the note's last line shows inert, indented" "$OUT" "^ {23}<U\+2066>einde<U\+2069>$"
_entries=$(printf '%s\n' "$OUT" | grep -Ec "$ENTRY_RE")
run bram case show "$C2" --json
jq_is "the note's text is kept exactly in JSON" '.journal[] | select(.kind=="note") | .text' "$NOTE"
jq_is "the subject is kept exactly in JSON" .subject "$SUBJ"
is "every line of case show that starts like an entry is one (no forged entries)" \
    "$_entries" "$(printf '%s' "$OUT" | jq '.journal | length')"
run bram case show "$C2"
unlike "the forged line is never at the column where entries start" "$OUT" \
    "^  2026-03-02T09:00:00Z root +closed"
like "… it is indented under its note, past the time column" "$OUT" \
    "^ {23}  2026-03-02T09:00:00Z root   closed: all settled"
followed_by "… and under its routing note too" "$OUT" "routed to Economie en ondernemen: naar eco$" "^ {23}  2026-03-02T09:00:00Z root"
is "the description's forged field line is not at a field's column" \
    "$(printf '%s\n' "$OUT" | grep -c '^  Owner ')" 1
like "… it is indented under Description:" "$OUT" "^      Owner        mallory$"
like "… and its 'Routes:' line cannot pass for the heading" "$OUT" "^    Routes:$"

# A resolution of several lines, and a changed description in the journal.
as ann case edit "$C2" --description "Nieuw${NL}${FORGED}" >/dev/null 2>&1
as ann case close "$C2" --resolution "Opgelost${NL}${FORGED}" >/dev/null 2>&1
run ann case show "$C2"
followed_by "a resolution's further lines are indented under its value" "$OUT" \
    "^  Resolution +Opgelost$" "^ {15}  2026-03-02T09:00:00Z root"
unlike "… no forged entry at the entry column after the edit and the close" "$OUT" \
    "^  2026-03-02T09:00:00Z root +closed"
_entries=$(printf '%s\n' "$OUT" | grep -Ec "$ENTRY_RE")
run ann case show "$C2" --json
is "… still every entry-looking line is an entry" "$_entries" "$(printf '%s' "$OUT" | jq '.journal | length')"

# Enterprise notes and contacts of several lines.
as ann enterprise edit "$E1" --notes "Notitie${NL}  City        Forged City" \
    --contacts "Ann${NL}  id          00000000-0000-0000-0000-000000000000" >/dev/null 2>&1
run ann enterprise show "$E1"
is "enterprise show: a note's line cannot pass for a field" "$(printf '%s\n' "$OUT" | grep -c '^  City ')" 1
# The value's column: where "Notitie" starts on the notes' line.
_notes=$(printf '%s\n' "$OUT" | grep -m 1 'Notitie$')
_col=$(( ${#_notes} - 7 ))
like "… it is indented under the notes' value" "$OUT" "^ {$_col}  City        Forged City$"
is "… nor can a contact's line pass for the id" "$(printf '%s\n' "$OUT" | grep -c '^  id ')" 1

# Emoji sequences, Persian and Devanagari keep their joiners; a joiner
# between Latin letters, or at an end, is shown.
JOINED="Team 👩${ZWJ}⚕️ می${ZWNJ}خواهم क्${ZWJ}ष"
run ann enterprise add --name "$JOINED" --city "Ac${ZWJ}me${ZWNJ}"
E2=$OUT
run ann enterprise show "$E2"
like "a ZWJ in an emoji sequence, a ZWNJ in Persian and a ZWJ after a virama stay" "$OUT" "^${JOINED}$"
like "a ZWJ between Latin letters and a ZWNJ at the end are shown" "$OUT" "City +Ac<U\+200D>me<U\+200C>$"

# --- search -------------------------------------------------------------------------------------
run ann search retnuo
no_raw "search sends no raw format character" "$OUT"
like "… the title shows inert" "$OUT" "Factuur <U\+202E>fdp.exe<U\+202C>"
like "… the snippet shows inert" "$OUT" "<U\+202E>retnuo<U\+202C>"
run ann search settled
unlike "a snippet spanning a line break stays on its line" "$OUT" "^ {0,10}2026-03-02T09:00:00Z"
is "… one line for the hit and one for its snippet, per hit" \
    "$(printf '%s\n' "$OUT" | wc -l)" "$(( $(printf '%s\n' "$OUT" | grep -Ec '^(case|enterprise) ') * 2 ))"
run ann search retnuo --json
jq_is "search --json keeps the title exactly" '.[0].title' "$C2 $SUBJ"
run ann search forged city --json
jq_true "an enterprise snippet has no line break" 'all(.[]; (.snippet // "") | test("\n") | not)'
finish
