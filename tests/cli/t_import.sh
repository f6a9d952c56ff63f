#!/bin/bash
# enterprise import FILE.csv [--strict]: header-driven CSV, quoted fields
# with commas and newlines, rejected rows with their line numbers, one
# transaction, --strict imports nothing when any row is bad.
. "$(dirname "$0")/common.sh"
init_db

H=name,number,legal_form,email,phone,street,postcode,city,tags,offers,notes
ESC=$(printf '\033')

# Lines: 1 header, 2-3 good, 4-6 one record with a three-line note,
# 7 bad check digits, 8 no name, 9 duplicate of line 2, 10 good.
cat >"$T_DIR/one.csv" <<EOF
$H
Café De Zonnebloem,0403.170.701,vzw,info@zonnebloem.be,,Kouter 1,9000,Gent,"horeca,maatwerk",catering,
"Koffie, Thee & Zo",0200065765,cv,,,,,Antwerpen,horeca;koffie,,
"Brouwerij 't Hoekske",200068636,,,,,,Destelbergen,,,"Eerste regel
tweede regel, met komma
derde ""regel"""
Fout Nummer,0403.170.702,,,,,,,,,
,0200.171.970,,,,,,,,,
Dubbel,0403170701,,,,,,,,,
Écluse Atelier,69599084,,,,,,Brugge,maatwerk,,
EOF

run ann enterprise import "$T_DIR/one.csv"
rc_is "import with rejected rows exits 2" 2
is "import prints the counts" "$OUT" "imported 4, rejected 3"
like "rejected row 7 (check digits) reported with its line" "$ERR" "^sedesk: [^ ]*one\\.csv:7: "
like "rejected row 8 (no name) reported with its line" "$ERR" "^sedesk: [^ ]*one\\.csv:8: "
like "rejected row 9 (duplicate within the file) reported with its line" "$ERR" "^sedesk: [^ ]*one\\.csv:9: "
is "exactly three rejections on stderr, each starting with 'sedesk: '" \
    "$(printf '%s\n' "$ERR" | grep -c '^sedesk: .*one\.csv:[0-9]*: ')" 3
unlike "no good row is reported as rejected" "$ERR" 'one\.csv:(1|2|3|4|5|6|10): '

run dina enterprise list --json
jq_is "four enterprises were imported" 'length' 4
jq_is "imported names (a quoted comma kept, accents kept)" '[.[].name] | join("|")' \
    "Brouwerij 't Hoekske|Café De Zonnebloem|Écluse Atelier|Koffie, Thee & Zo"
is "a multi-line quoted field keeps its newlines and doubled quotes" \
    "$(efield "$KBO3" .notes)" "Eerste regel
tweede regel, met komma
derde \"regel\""
is "tags separated by , inside a quoted field" "$(efield "$KBO1" '.tags | join("|")')" "horeca|maatwerk"
is "tags separated by ;" "$(efield "$KBO2" '.tags | join("|")')" "horeca|koffie"
is "numbers are normalised on import" "$(efield 0200065765 .number)" "$KBO2"
is "other fields are imported (legal_form)" "$(efield "$KBO1" .legal_form)" vzw
is "other fields are imported (street)" "$(efield "$KBO1" .street)" "Kouter 1"
is "empty fields are absent (email of Koffie)" "$(efield "$KBO2" .email)" null
is "the duplicate row did not overwrite the first" "$(efield "$KBO1" .name)" "Café De Zonnebloem"
fails 3 "the row with bad check digits was not imported" dina enterprise show 0200.171.970

# A row whose number is already in the register is rejected; others go in.
cat >"$T_DIR/two.csv" <<EOF
$H
Nieuwe Kringloop,0200.171.970,,,,,,Aalst,kringloop,,
Al Bekend,403170701,,,,,,,,,
EOF
run ann enterprise import "$T_DIR/two.csv"
rc_is "import with a number already registered exits 2" 2
is "import prints the counts (1 in, 1 out)" "$OUT" "imported 1, rejected 1"
like "the duplicate of a registered number is reported at line 3" "$ERR" "two\\.csv:3: "
run dina enterprise show 0200171970 --json
jq_is "the good row went in" '.name' "Nieuwe Kringloop"

# --strict: one bad row and nothing is imported.
cat >"$T_DIR/strict.csv" <<EOF
$H
Goed Een,0200.245.711,,,,,,,,,
Goed Twee,,,,,,,,,,
Slecht,12345,,,,,,,,,
EOF
rejects 2 "import --strict with one bad row" ann enterprise import --strict "$T_DIR/strict.csv"
like "import --strict reports the bad row's line" "$ERR" "strict\\.csv:4: "
fails 3 "import --strict: the good row was not imported" dina enterprise show 0200.245.711

# --strict with only good rows imports them all.
cat >"$T_DIR/strict-ok.csv" <<EOF
$H
Goed Een,0200.245.711,,,,,,,,,
Goed Twee,,,,,,,,,,
EOF
run ann enterprise import "$T_DIR/strict-ok.csv" --strict
rc_is "import --strict with good rows exits 0" 0
is "import --strict with good rows prints the counts" "$OUT" "imported 2, rejected 0"
is "import without rejections writes nothing on stderr" "$ERR" ""

# Header-driven: columns in any order, a subset of the fields.
printf 'city,name,number\nLeuven,Herstelatelier,0200.305.493\n' >"$T_DIR/order.csv"
run ann enterprise import "$T_DIR/order.csv"
rc_is "import with columns in another order exits 0" 0
is "columns in another order land in the right fields (name)" "$(efield "$KBO6" .name)" Herstelatelier
is "columns in another order land in the right fields (city)" "$(efield "$KBO6" .city)" Leuven

# Windows line endings (as spreadsheets write them) do not end up in the data.
printf 'name,city\r\nKringwinkel West,Brugge\r\n' >"$T_DIR/crlf.csv"
run ann enterprise import "$T_DIR/crlf.csv"
rc_is "import with CRLF line endings exits 0" 0
run dina enterprise list --json
jq_is "CRLF: no carriage return in the stored city" '[.[] | select(.name | startswith("Kringwinkel West"))] | .[0].city' Brugge
jq_is "CRLF: no carriage return in the stored name" '[.[] | select(.name == "Kringwinkel West")] | length' 1

# Text from outside may not drive the terminal: an escape sequence in an
# imported name is shown visibly, never sent raw.
printf 'name\n"Evil%s[2JCorp%s]0;title%s\\"\n' "$ESC" "$ESC" "$ESC" >"$T_DIR/esc.csv"
run ann enterprise import "$T_DIR/esc.csv"
if [ "$RC" -eq 0 ] || [ "$RC" -eq 2 ]; then ok "import of a name with escape characters is handled (exit 0 or 2)"
else not_ok "import of a name with escape characters is handled (exit 0 or 2)" "exit $RC: $ERR"; fi
run dina enterprise list
rc_is "enterprise list (text) after the escape import exits 0" 0
if printf '%s' "$OUT$ERR" | grep -q "$ESC"; then not_ok "enterprise list (text) sends no raw ESC to the terminal" "$(printf '%s' "$OUT" | od -c | head)"
else ok "enterprise list (text) sends no raw ESC to the terminal"; fi
run dina enterprise list --json
jq_true "enterprise list --json stays valid JSON with control characters" 'type == "array"'

# Whole-file problems: nothing imported, exit 2.
printf 'naam,nummer\nIets,0200.420.410\n' >"$T_DIR/nohdr.csv"
rejects 2 "import without a name column" ann enterprise import "$T_DIR/nohdr.csv"
printf 'name,colour\nIets,blauw\n' >"$T_DIR/unknowncol.csv"
rejects 2 "import with an unknown column" ann enterprise import "$T_DIR/unknowncol.csv"
like "unknown column: the message names it" "$ERR" colour
: >"$T_DIR/empty.csv"
rejects 2 "import of an empty file" ann enterprise import "$T_DIR/empty.csv"
printf 'name,city\n"Onafgesloten,Gent\n' >"$T_DIR/unterminated.csv"
rejects 2 "import with an unterminated quote" ann enterprise import "$T_DIR/unterminated.csv"
_before=$(db_fingerprint)
run ann enterprise import "$T_DIR/does-not-exist.csv"
if [ "$RC" -ne 0 ]; then ok "import of a missing file fails (exit $RC)"; else not_ok "import of a missing file fails" "exit 0"; fi
err_prefix "import of a missing file: message starts with 'sedesk:'"
like "import of a missing file: the message names it" "$ERR" 'does-not-exist\.csv'
is "import of a missing file: database unchanged" "$(db_fingerprint)" "$_before"
rejects 2 "import without a file argument" ann enterprise import

# Header only: nothing to do, not an error.
printf '%s\n' "$H" >"$T_DIR/header-only.csv"
run ann enterprise import "$T_DIR/header-only.csv"
rc_is "import of a header-only file exits 0" 0
is "import of a header-only file prints the counts" "$OUT" "imported 0, rejected 0"

# Roles: a manager and an officer may not import.
printf 'name,number\nRecht Nieuw,0200.420.608\n' >"$T_DIR/perm.csv"
rejects 4 "a manager may not import" dina enterprise import "$T_DIR/perm.csv"
rejects 4 "a department officer may not import" bram enterprise import "$T_DIR/perm.csv"
run ann enterprise import "$T_DIR/perm.csv"
rc_is "the same file imports for the contact officer" 0

finish
