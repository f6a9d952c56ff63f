#!/bin/bash
# The enterprise's profile: kind, recognitions, NACE codes, offers and
# needs, contact persons, employment figures; add, edit item by item,
# show in words and in JSON, list filters, search, the journal in words,
# the [profile] configuration, `enterprise nace`, and every error path.
. "$(dirname "$0")/common.sh"
init_db

# --- add with a profile --------------------------------------------------------
run ann enterprise add --name "Groen Werkt" --number "$KBO1" --kind maatwerkbedrijf \
    --recognition maatwerkbedrijf=2019-01-01 --recognition lde=2021-06-01 \
    --nace 81300 --main-nace 81.300 --nace 56.101:2025 \
    --offers "groenonderhoud, catering" --needs "werkruimte; financiering" \
    --person "name=Lotte Verbeke;role=coördinator;email=lotte@groen.be;phone=09 123 45 67;lang=nl" \
    --person "name=Ahmed Benali;role=jobcoach;lang=fr" \
    --employment "target=14;fte=11,5;known=2025-12-01"
rc_is "add with a whole profile exits 0" 0
E1=$OUT

run ann enterprise show "$E1" --json
jq_is "json kind is the code" '.kind' maatwerkbedrijf
jq_is "json recognitions are objects" '[.recognitions[] | "\(.name)@\(.since)"] | join(" ")' \
    "maatwerkbedrijf@2019-01-01 lde@2021-06-01"
jq_is "json nace: code, version, main" \
    '[.nace[] | "\(.code):\(.version):\(.main)"] | join(" ")' "81.300:2008:true 56.101:2025:false"
jq_is "json nace: the division's label for a 2008 code" '.nace[0].label' \
    "Services to buildings and landscape activities"
jq_is "json nace: the label is the division's" '.nace[0].label_is_division' true
jq_is "json nace: no label made up for a 2025 code" '.nace[1].label' null
jq_is "json offers" '.offers | join(",")' "groenonderhoud,catering"
jq_is "json needs (';' separates too)" '.needs | join(",")' "werkruimte,financiering"
jq_is "json persons" '[.persons[] | "\(.name)|\(.role)|\(.email)|\(.lang)"] | join(" ")' \
    "Lotte Verbeke|coördinator|lotte@groen.be|nl Ahmed Benali|jobcoach|null|fr"
jq_is "json employment target" '.employment.target' 14
jq_is "json employment fte as exact decimal" '.employment.fte' "11.50"
jq_is "json employment fte in hundredths" '.employment.fte_hundredths' 1150
jq_is "json employment known" '.employment.known' 2025-12-01

run dina enterprise show "$E1"
rc_is "show in words exits 0" 0
like "show: the kind in words" "$OUT" "Kind +maatwerkbedrijf \\(custom employment company\\)"
like "show: a recognition in words" "$OUT" "recognised local services economy enterprise since 2021-06-01"
like "show: NACE with its division's label, main" "$OUT" \
    "81\\.300 \\(division: Services to buildings and landscape activities\\) — main activity"
like "show: a 2025 code says its version" "$OUT" "56\\.101 \\(2025\\)"
like "show: a person" "$OUT" "Lotte Verbeke, coördinator, lotte@groen.be, 09 123 45 67, speaks nl"
like "show: employment" "$OUT" "14 target-group employees, 11\\.50 FTE \\(known on 2025-12-01\\)"
unlike "show: no stored keys in plain output" "$OUT" "since=|code=|name="

LANGUAGE=nl run dina enterprise show "$E1"
like "show in Dutch: the NACE label is the Dutch one" "$OUT" \
    "Facility management, reiniging en landschapsverzorging"
# Every value in one column, also after the longest Dutch label (the labels
# were padded to 11 bytes, and "Contactpersonen" pushed its value out).
value_col() { printf '%s\n' "$OUT" | grep -m 1 "^  $1 " | sed -E "s/^(  $1 +).*/\1/" | wc -m; }
is "show in Dutch: the persons' value in the column of the kind's" \
    "$(value_col Contactpersonen)" "$(value_col Soort)"
is "… and the employment's" "$(value_col Tewerkstelling)" "$(value_col Soort)"

# --- edit item by item -----------------------------------------------------------
V=$(efield "$E1" .version)
run ann enterprise edit "$E1" --no-recognition lde --recognition maatwerkbedrijf=2018-07-01 \
    --no-nace 56.101:2025 --main-nace 88.101 --no-person "Ahmed Benali" \
    --person "name=Lotte Verbeke;role=directeur;email=lotte@groen.be"
rc_is "edit item by item exits 0" 0
run ann enterprise show "$E1" --json
jq_is "edit: one recognition left, its day changed" \
    '[.recognitions[] | "\(.name)@\(.since)"] | join(" ")' "maatwerkbedrijf@2018-07-01"
jq_is "edit: the new main code, the old main one secondary" \
    '[.nace[] | "\(.code):\(.main)"] | join(" ")' "81.300:false 88.101:true"
jq_is "edit: the person of the same name is replaced" '[.persons[] | "\(.name)|\(.role)"] | join(" ")' \
    "Lotte Verbeke|directeur"
jq_is "edit: one version more" '.version' "$((V + 1))"

run ann enterprise edit "$E1" --employment ""
rc_is "edit --employment '' exits 0" 0
is "employment cleared" "$(efield "$E1" .employment)" null

succeeds "edit --kind lde" ann enterprise edit "$E1" --kind lde
is "kind changed" "$(efield "$E1" .kind)" lde

# --- errors: each changes nothing and says what to do -------------------------------
rejects 2 "unknown kind" ann enterprise edit "$E1" --kind bakkerij
like "unknown kind: names the known ones" "$ERR" "kind bakkerij is not known; use one of: maatwerkbedrijf, lde"
rejects 2 "unknown recognition" ann enterprise edit "$E1" --recognition keurmerk=2020-01-01
like "unknown recognition: says so" "$ERR" "recognition keurmerk is not known"
rejects 2 "recognition on an impossible day" ann enterprise edit "$E1" \
    --recognition lde=2021-02-30
like "bad date: asks for a real date" "$ERR" "a real date"
rejects 2 "recognition without a day" ann enterprise edit "$E1" --recognition lde
like "recognition without '=': shows the form" "$ERR" "NAME=YYYY-MM-DD"
rejects 2 "removing a recognition it does not have" ann enterprise edit "$E1" \
    --no-recognition lde
like "no such recognition" "$ERR" "has no such recognition"
rejects 2 "bad NACE (letters)" ann enterprise edit "$E1" --nace 81a00
like "bad NACE: says how to write one" "$ERR" "2 to 5 digits, e.g. 81.300 or 81300"
rejects 2 "NACE of a division that does not exist" ann enterprise edit "$E1" --nace 04.100
like "unknown division: says which" "$ERR" "there is no division 04 in NACE-BEL"
rejects 2 "NACE version 2003 typed" ann enterprise edit "$E1" --nace 81300:2003
like "2003 refused: says which versions" "$ERR" "type 2008 \\(the default\\) or 2025"
succeeds "a NACE code it has already, in another spelling" ann enterprise edit "$E1" \
    --nace 81300 --city Gent
is "the code stays once" "$(efield "$E1" '[.nace[].code] | join(" ")')" "81.300 88.101"
rejects 2 "removing a NACE code it does not have" ann enterprise edit "$E1" --no-nace 01.110
rejects 2 "bad e-mail in a person" ann enterprise edit "$E1" --person "name=Jan;email=jan.groen.be"
like "bad e-mail: names the person" "$ERR" "contact person Jan: email jan.groen.be: an e-mail address needs an @"
rejects 2 "bad phone in a person" ann enterprise edit "$E1" --person "name=Jan;phone=bel me"
rejects 2 "person without a name" ann enterprise edit "$E1" --person "role=boss"
rejects 2 "person with an unknown language" ann enterprise edit "$E1" --person "name=Jan;lang=es"
like "language: the four" "$ERR" "use nl, en, fr or de"
rejects 2 "person with an unknown key" ann enterprise edit "$E1" --person "name=Jan;mail=x@y.be"
like "unknown key named" "$ERR" "unknown key mail"
rejects 2 "removing a person it does not have" ann enterprise edit "$E1" --no-person Nobody
rejects 2 "FTE with three decimals" ann enterprise edit "$E1" --employment "fte=1.234"
rejects 2 "employment on a bad date" ann enterprise edit "$E1" \
    --employment "target=3;known=2025-13-01"
rejects 2 "employment without figures" ann enterprise edit "$E1" --employment "known=2025-01-01"
rejects 2 "add with a bad profile adds nothing" ann enterprise add --name X --nace 00.000
rejects 4 "an officer may not edit the profile" bram enterprise edit "$E1" --kind other

# --- list filters, search -----------------------------------------------------------------
E2=$(add_ent --name "Koffie Samen" --kind sociale-cooperatie --nace 56.101 --needs opdrachten)
E3=$(add_ent --name "Drukkerij Zonder Grenzen" --kind maatwerkbedrijf --nace 18.120)
run ann enterprise list --kind maatwerkbedrijf --json
jq_is "list --kind" '[.[].name] | join(",")' "Drukkerij Zonder Grenzen"
run ann enterprise list --kind lde --json
jq_is "list --kind lde (changed by the edit)" '[.[].name] | join(",")' "Groen Werkt"
run ann enterprise list --nace 56 --json
jq_is "list --nace 56" '[.[].name] | join(",")' "Koffie Samen"
run ann enterprise list --nace 8810 --json
jq_is "list --nace 8810 (the dot optional)" '[.[].name] | join(",")' "Groen Werkt"
fails 2 "list --kind unknown" ann enterprise list --kind bakkerij
fails 2 "list --nace with letters" ann enterprise list --nace abc

run ann search 18120 --json
like "search by NACE code" "$OUT" "Drukkerij Zonder Grenzen"
run ann search drukken --json
unlike "search: a word not in any label finds nothing" "$OUT" "Drukkerij Zonder Grenzen\".*drukken"
run ann search "printing" --json
like "search by an English label word of the division" "$OUT" "Drukkerij Zonder Grenzen"
run ann search "drukkerijen" --json
like "search by a Dutch label word of the division" "$OUT" "Drukkerij Zonder Grenzen"
run ann search opdrachten --json
like "search by a need" "$OUT" "Koffie Samen"
run ann search coöperatie --json
like "search by the kind's words" "$OUT" "Koffie Samen"

# --- enterprise nace --------------------------------------------------------------------
run ann enterprise nace landscape
rc_is "enterprise nace WORD exits 0" 0
like "enterprise nace finds the division by a label word" "$OUT" "81 +Services to buildings"
is "enterprise nace: only matching rows" "$(printf '%s\n' "$OUT" | wc -l)" 1
LANGUAGE=nl run ann enterprise nace reiniging
like "enterprise nace in Dutch" "$OUT" "81 +Facility management, reiniging"
run ann enterprise nace --json
jq_is "enterprise nace --json: every section and division" 'length' 109
jq_is "enterprise nace --json: levels" '[.[] | select(.level == "section")] | length' 21

# --- old free-text contacts stay readable ----------------------------------------------------
E4=$(add_ent --name "Oud Bedrijf" --contacts "Jan, 0470 12 34 56")
run ann enterprise show "$E4"
like "old contacts shown as notes on contacts" "$OUT" "Contact notes +Jan, 0470 12 34 56"

# --- the configuration's lists ---------------------------------------------------------------
ini_set "$T_CONF" profile kinds "buurtbedrijf: Buurtbedrijf, maatwerkbedrijf"
ini_set "$T_CONF" profile recognitions "keurmerk: Keurmerk Sociaal"
succeeds "a configured kind" ann enterprise edit "$E2" --kind buurtbedrijf \
    --recognition keurmerk=2024-03-01
run ann enterprise show "$E2"
like "a configured kind shows its configured label" "$OUT" "Kind +Buurtbedrijf"
like "a configured recognition shows its label" "$OUT" "Keurmerk Sociaal since 2024-03-01"
rejects 2 "a built-in kind the configuration left out" ann enterprise edit "$E2" --kind lde
like "the message lists the configured kinds" "$ERR" "use one of: buurtbedrijf, maatwerkbedrijf"
run ann complete -- enterprise edit x --kind ""
like "completion offers the configured kinds" "$OUT" "buurtbedrijf"
run ann complete -- enterprise edit x --recognition ""
like "completion offers NAME= for recognitions" "$OUT" "keurmerk="
# Groen Werkt's kind lde is no longer offered: check says so, and reads on.
run root check
rc_is "check with a kind no longer configured reports a problem" 1
like "check names the enterprise and the kind" "$ERR$OUT" "Groen Werkt: kind lde is not known"
succeeds "back to kinds and recognitions the defaults know" ann enterprise edit "$E2" \
    --kind maatwerkbedrijf --no-recognition keurmerk
ini_set "$T_CONF" profile kinds "no spaces allowed"
fails 2 "a [profile] kinds code with spaces" ann enterprise list
like "the configuration error names the key" "$ERR" "\\[profile\\] kinds"

write_config
run root check
rc_is "check passes with the default lists" 0

finish
