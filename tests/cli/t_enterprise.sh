#!/bin/bash
# The enterprise register: add, list, show, edit; numbers in every spelling;
# validation; version checks; accents.
. "$(dirname "$0")/common.sh"
init_db

# --- add --------------------------------------------------------------------
run ann enterprise add --name "Café De Zonnebloem" --number "$KBO1" --legal-form vzw \
    --email info@zonnebloem.be --phone "+32 9 123 45 67" --street "Kouter 1" \
    --postcode 9000 --city Gent --tags horeca,maatwerk --offers catering,schoonmaak \
    --notes "Sociale werkplaats met restaurant"
rc_is "enterprise add exits 0" 0
like "enterprise add prints a lower-case UUID" "$OUT" "$UUID_RE"
is "enterprise add prints one line" "$(printf '%s\n' "$OUT" | wc -l)" 1
E1=$OUT

run ann enterprise show "$E1" --json
rc_is "enterprise show ID exits 0" 0
jq_is "show --json id" '.id' "$E1"
jq_is "show --json name keeps its accents" '.name' "Café De Zonnebloem"
jq_is "show --json number normalised" '.number' "$KBO1"
jq_is "show --json legal_form" '.legal_form' vzw
jq_is "show --json email" '.email' info@zonnebloem.be
jq_is "show --json phone" '.phone' "+32 9 123 45 67"
jq_is "show --json street" '.street' "Kouter 1"
jq_is "show --json postcode" '.postcode' 9000
jq_is "show --json city" '.city' Gent
jq_is "show --json tags" '.tags | join(",")' horeca,maatwerk
jq_is "show --json offers" '.offers | join(",")' catering,schoonmaak
jq_is "show --json notes" '.notes' "Sociale werkplaats met restaurant"
jq_is "show --json version is a positive number" '.version | (type == "number" and . > 0)' true
jq_is "show --json created is SEDESK_NOW" '.created' "$SEDESK_NOW"
jq_is "show --json updated is SEDESK_NOW" '.updated' "$SEDESK_NOW"
jq_is "show --json cases is an empty array" '.cases | length' 0
V1=$(printf '%s' "$OUT" | jq -r .version)

run dina enterprise show "$E1"
rc_is "enterprise show (text) exits 0 for a manager" 0
like "enterprise show (text) names the enterprise" "$OUT" "Café De Zonnebloem"
like "enterprise show (text) shows the number" "$OUT" "0403\\.170\\.701"

# The number in three spellings (and with a BE prefix) finds the same enterprise.
for spelling in 0403.170.701 0403170701 403170701 "BE 0403.170.701" "0403 170 701"; do
	run ann enterprise show "$spelling" --json
	jq_is "enterprise show '$spelling' finds the same enterprise" '.id' "$E1"
done

# Numbers given in another spelling are stored normalised.
E2=$(add_ent --name "Brouwerij 't Hoekske" --number 200065765 --city Destelbergen --tags horeca)
like "add with a 9-digit old KBO number" "$E2" "$UUID_RE"
is "9-digit number stored with its leading 0" "$(efield "$E2" .number)" "$KBO2"
E3=$(add_ent --name "Coöperatie Samen Sterk" --number "BE0200068636" --tags cooperatie)
is "BE-prefixed number stored normalised" "$(efield "$E3" .number)" "$KBO3"
E4=$(add_ent --name "Écluse Atelier" --number "$KVK1" --tags maatwerk)
is "a Dutch KvK number is stored as 8 digits" "$(efield "$E4" .number)" "$KVK1"
run ann enterprise show "$KVK1" --json
jq_is "enterprise show KvK number" '.id' "$E4"
E5=$(add_ent --name "Zeker Werk vzw")
like "add without a number" "$E5" "$UUID_RE"
is "no number shows as null" "$(efield "$E5" .number)" null
is "absent city shows as null" "$(efield "$E5" .city)" null
is "absent tags show as an empty array" "$(efield "$E5" '.tags | length')" 0
E6=$(add_ent --name "atelier de lage weg" --number "$KBO4" --tags "maatwerk")
like "add a lower-case name" "$E6" "$UUID_RE"

# --- validation: exit 2, nothing changes -----------------------------------
rejects 2 "invalid KBO check digits" ann enterprise add --name "Fout Nummer" --number "$KBO_BAD"
like "invalid KBO: the message names the number" "$ERR" "0403.?170.?702"
rejects 2 "KBO with a letter" ann enterprise add --name "Fout" --number 0403.17O.701
rejects 2 "number of the wrong length" ann enterprise add --name "Fout" --number 12345
rejects 2 "11-digit number" ann enterprise add --name "Fout" --number 04031707011
rejects 2 "10 digits starting with 2" ann enterprise add --name "Fout" --number 2403170701
rejects 2 "duplicate number (same spelling)" ann enterprise add --name "Dubbel" --number "$KBO1"
rejects 2 "duplicate number (other spelling)" ann enterprise add --name "Dubbel" --number 403170701
rejects 2 "duplicate KvK number" ann enterprise add --name "Dubbel" --number "$KVK1"
rejects 2 "add without --name" ann enterprise add --number "$KBO5"
rejects 2 "add with an empty --name" ann enterprise add --name "" --number "$KBO5"
rejects 2 "add with a blank --name" ann enterprise add --name "   "
rejects 2 "add with invalid UTF-8 in the name" ann enterprise add --name "$(printf 'Caf\xe9')"

# --- list -------------------------------------------------------------------
run dina enterprise list --json
rc_is "enterprise list --json exits 0" 0
jq_is "list has every enterprise" 'length' 6
jq_is "list is sorted by name, accent- and case-insensitively" '[.[].name] | join("|")' \
    "atelier de lage weg|Brouwerij 't Hoekske|Café De Zonnebloem|Coöperatie Samen Sterk|Écluse Atelier|Zeker Werk vzw"
jq_is "list items carry id, name, number, city, tags" \
    '.[] | select(.id=="'"$E2"'") | "\(.name)/\(.number)/\(.city)/\(.tags|join(","))"' \
    "Brouwerij 't Hoekske/$KBO2/Destelbergen/horeca"
run dina enterprise list
rc_is "enterprise list (text) exits 0" 0
like "enterprise list (text) shows accented names" "$OUT" "Coöperatie Samen Sterk"
is "enterprise list (text) has a line per enterprise (at least)" \
    "$(printf '%s\n' "$OUT" | grep -c -e Zonnebloem -e Hoekske -e Coöperatie -e Écluse -e Zeker -e 'lage weg')" 6

run dina enterprise list --tag maatwerk --json
jq_is "list --tag maatwerk" '[.[].name] | join("|")' "atelier de lage weg|Café De Zonnebloem|Écluse Atelier"
run dina enterprise list --tag nosuchtag --json
rc_is "list --tag with no match exits 0" 0
jq_is "list --tag with no match is an empty array" 'length' 0
run dina enterprise list --limit 2 --json
jq_is "list --limit 2 gives the first two by name" '[.[].name] | join("|")' "atelier de lage weg|Brouwerij 't Hoekske"
run dina enterprise list --tag maatwerk --limit 1 --json
jq_is "list --tag with --limit" '[.[].name] | join("|")' "atelier de lage weg"

# --- edit -------------------------------------------------------------------
run ann enterprise edit "$E1" --city Gentbrugge --postcode 9050
rc_is "edit by id exits 0" 0
run ann enterprise show "$E1" --json
jq_is "edit changed the city" '.city' Gentbrugge
jq_is "edit changed the postcode" '.postcode' 9050
jq_is "edit kept the name" '.name' "Café De Zonnebloem"
jq_is "edit kept the tags" '.tags | join(",")' horeca,maatwerk
jq_is "edit increased the version" ".version > $V1" true
V2=$(printf '%s' "$OUT" | jq -r .version)

run ann enterprise edit 0403170701 --name "Café De Zonnebloem & Co" --tags horeca
rc_is "edit by number in another spelling exits 0" 0
is "edit by number changed the name" "$(efield "$E1" .name)" "Café De Zonnebloem & Co"
is "edit --tags replaces the tags" "$(efield "$E1" '.tags | join(",")')" horeca

run ann enterprise edit "$E1" --notes ""
rc_is "edit with an empty value exits 0" 0
is "an empty value clears the field" "$(efield "$E1" .notes)" null

V3=$(efield "$E1" .version)
rejects 5 "edit with a stale --expect-version" ann enterprise edit "$E1" --city Oostende --expect-version "$V2"
like "version conflict: the message says what to do (show again)" "$ERR" '[Vv]ersion|changed|again'
run ann enterprise edit "$E1" --city Oostende --expect-version "$V3"
rc_is "edit with the current --expect-version exits 0" 0
is "edit with the current version changed the city" "$(efield "$E1" .city)" Oostende

run ann enterprise edit "$E5" --number "$KBO5"
rc_is "edit adds a number" 0
is "edit stores the number normalised" "$(efield "$E5" .number)" "$KBO5"
run ann enterprise show 0200245711 --json
jq_is "the new number finds the enterprise" '.id' "$E5"
run ann enterprise edit "$E5" --number "$KBO6"
rc_is "edit changes the number" 0
fails 3 "the old number no longer finds it" ann enterprise show "$KBO5"
run ann enterprise show "$KBO6" --json
jq_is "the changed number finds it" '.id' "$E5"

rejects 2 "edit to an invalid number" ann enterprise edit "$E5" --number "$KBO_BAD"
rejects 2 "edit to another enterprise's number" ann enterprise edit "$E5" --number "$KBO2"
rejects 2 "edit to an empty name" ann enterprise edit "$E5" --name ""
rejects 2 "edit with an unknown field option" ann enterprise edit "$E5" --colour blue
rejects 2 "edit with a non-numeric --expect-version" ann enterprise edit "$E5" --city X --expect-version abc
rejects 3 "edit of an unknown id" ann enterprise edit 00000000-0000-4000-8000-000000000000 --city X
rejects 3 "edit of an unregistered (valid) number" ann enterprise edit 0200.420.410 --city X
fails 3 "show of an unknown id" ann enterprise show 00000000-0000-4000-8000-000000000000
fails 3 "show of an unregistered valid number" ann enterprise show 0200.420.410
fails 2 "show without an argument" ann enterprise show

finish
