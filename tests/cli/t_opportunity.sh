#!/bin/bash
# Opportunities (issue 13): add with lots, list (deadline countdown and
# value), show (lots, invitations, responses, awards, social return, the
# journal in words), edit with versions, close, match on a crafted
# register, invite (a contact moment each, on the timeline), respond,
# award (a reserved lot refused to an enterprise whose recognitions do
# not qualify, with the reason; outside the register as regular spend),
# SROI reports and the flag when a contract ended unfulfilled, search.
# The errors: negative or non-numeric amounts, too many decimals, a
# deadline in the past, an unknown NACE code, an unknown department, an
# officer outside his department, the manager who only reads.
#
# Clock: Monday 2026-03-02 09:00 UTC (common.sh).
. "$(dirname "$0")/common.sh"
init_db

# The crafted register: who fits groenonderhoud (NACE 81.300), and who not.
A=$(add_ent --name "Groen Atelier" --number "$KBO1" --kind maatwerkbedrijf \
	--recognition maatwerkbedrijf=2019-01-01 --nace 81.300 --offers "groenonderhoud, snoeiwerk")
B=$(add_ent --name "Tuin en Co" --number "$KBO2" --nace 81.300 --offers groenonderhoud)
C=$(add_ent --name "Schoon BV" --number "$KBO3" --recognition lde=2020-01-01 --nace 81.210 \
	--offers schoonmaak)
D=$(add_ent --name "Groenkracht" --number "$KBO4" --recognition maatwerkbedrijf=2021-01-01 \
	--offers "groenonderhoud en tuinaanleg")
add_ent --name "Bakkerij Brood" --number "$KBO5" --nace 10.710 --offers brood >/dev/null

# --- add -------------------------------------------------------------------------------
run bram opportunity add --title "Groenonderhoud parken" --kind purchase --dept eco \
	--deadline 2026-04-30 --procedure onderhandeling --sroi 5 --criteria fair-work \
	--criteria inclusion --nace 81300 --needs groenonderhoud --qualify maatwerkbedrijf \
	--lot "Maaien=20000" --lot "Snoeiwerk=10.000,50;reserved" --text "Parken in het centrum."
rc_is "a purchasing officer adds his department's opportunity" 0
like "add prints the id" "$OUT" "$UUID_RE"
O=$OUT
run bram opportunity show "$O" --json
jq_is "JSON: title" '.title' "Groenonderhoud parken"
jq_is "JSON: kind (stable code)" '.kind' purchase
jq_is "JSON: department" '.department' eco
jq_is "JSON: value in cents, the lots' sum" '.value_cents' 3000050
jq_is "JSON: deadline" '.deadline' 2026-04-30
jq_is "JSON: days left" '.days_left' 59
jq_is "JSON: NACE code in its one spelling" '.nace | join(",")' 81.300
jq_is "JSON: criteria (--criteria twice)" '.criteria | join(",")' fair-work,inclusion
jq_is "JSON: SROI percent" '.sroi_percent' 5
jq_is "JSON: two lots" '.lots | length' 2
jq_is "JSON: lot 2 reserved" '.lots[1].reserved' true
jq_is "JSON: lot 2 value" '.lots[1].value_cents' 1000050
jq_is "JSON: status open" '.status' open
jq_is "JSON: version 1" '.version' 1

rejects 2 "a negative value" ann opportunity add --title X --kind purchase --dept eco --value -500
like "…says so" "$ERR" "cannot be negative"
rejects 2 "a value that is no number" ann opportunity add --title X --kind purchase --dept eco \
	--value veel
like "…says how to write one" "$ERR" "12.500,50"
rejects 2 "three decimals" ann opportunity add --title X --kind purchase --dept eco \
	--value 12.500,505
like "…says two" "$ERR" "at most two decimals"
rejects 2 "a negative lot" ann opportunity add --title X --kind purchase --dept eco \
	--lot "A=-5"
rejects 2 "a deadline in the past" ann opportunity add --title X --kind purchase --dept eco \
	--value 500 --deadline 2026-03-01
like "…says today" "$ERR" "in the past .today is 2026-03-02"
rejects 2 "an unknown NACE code" ann opportunity add --title X --kind purchase --dept eco \
	--value 500 --nace 04.100
rejects 2 "an unknown department" ann opportunity add --title X --kind purchase --dept nope \
	--value 500
rejects 2 "an unknown kind" ann opportunity add --title X --kind gift --dept eco --value 500
rejects 2 "an unknown criterion" ann opportunity add --title X --kind purchase --dept eco \
	--value 500 --criteria cheap
like "…names the ones there are" "$ERR" "fair-work"
rejects 2 "an SROI above 100" ann opportunity add --title X --kind purchase --dept eco \
	--value 500 --sroi 120
rejects 2 "no value and no lots" ann opportunity add --title X --kind purchase --dept eco
rejects 4 "an officer outside his department" bram opportunity add --title X --kind purchase \
	--dept wel --value 500
like "…names the department" "$ERR" "does not serve department wel"
rejects 4 "the manager may not record" dina opportunity add --title X --kind purchase \
	--dept eco --value 500

# --- list -------------------------------------------------------------------------------
run ann opportunity add --title "Drukwerk jaarverslag" --kind purchase --dept wel --value 8000
W=$OUT
run ann opportunity list
rc_is "list" 0
like "list: the deadline and its countdown" "$OUT" "2026-04-30  59 days"
like "list: the value in euro" "$OUT" "€30,000.50"
like "list: the one without a deadline" "$OUT" "Drukwerk jaarverslag"
run ann opportunity list --dept wel --json
jq_is "list --dept: one" '.opportunities | length' 1
jq_is "list --json: the value in cents" '.opportunities[0].value_cents' 800000
run bram opportunity list --json
jq_is "an officer lists his departments' only" '.opportunities | map(.department) | join(",")' eco
fails 3 "an officer does not see another department's" bram opportunity show "$W"
run dina opportunity list --json
jq_is "the manager reads all" '.opportunities | length' 2
run ann opportunity list
LANGUAGE=nl run ann opportunity list
like "Dutch: the amount as people write it there" "$OUT" "€ 30.000,50"

# --- match ------------------------------------------------------------------------------
run bram opportunity match "$O" --json
rc_is "match" 0
jq_is "match: the four that fit, the bakery not" '.matches | length' 4
jq_is "match: ranked" '[.matches[].name] | join("|")' "Groen Atelier|Tuin en Co|Groenkracht|Schoon BV"
jq_is "match: only the register's indexes named them" '.candidates' 4
jq_true "match: reasons in words" \
	'.matches[0].reasons | test("NACE 81.300.*; offers groenonderhoud; recognised maatwerkbedrijf")'
jq_is "match: Schoon BV by its division" '.matches[3].reasons | test("NACE division 81")' true
jq_is "match: lde does not qualify for maatwerkbedrijf" '.matches[3].qualifies' false
run bram opportunity match "$O"
like "match in text: rank and number" "$OUT" "1. Groen Atelier .$KBO1."

# --- invite, respond ------------------------------------------------------------------------
run bram opportunity invite "$O" "$KBO1" "$B" "$KBO1"
rc_is "invite" 0
like "invite says how many" "$OUT" "2 invited"
run bram opportunity invite "$O" "$KBO1"
like "inviting again changes nothing" "$OUT" "0 invited"
rejects 3 "invite an unknown enterprise" bram opportunity invite "$O" 0200.000.000
rejects 3 "invite to an unknown opportunity" bram opportunity invite \
	00000000-0000-0000-0000-000000000000 "$KBO1"
rejects 2 "an opportunity id that is no id" bram opportunity invite 42 "$KBO1"
run ann enterprise timeline "$A" --json
jq_true "the invitation is a contact moment on the enterprise's timeline" \
	'[.[] | select(.kind == "moment") | .title | test("Groenonderhoud parken")] | any'
run ann moment list --enterprise "$KBO1" --json
jq_is "…an e-mail" '.[0].kind' email
run ann opportunity respond "$O" "$KBO1" --lot 2 --text "Wij bieden 9.500 euro"
rc_is "respond" 0
rejects 2 "respond to a lot that does not exist" ann opportunity respond "$O" "$KBO1" --lot 3
rejects 2 "a lot that is no number" ann opportunity respond "$O" "$KBO1" --lot twee

# --- award, SROI -------------------------------------------------------------------------------
rejects 2 "an award without its lot" bram opportunity award "$O" --enterprise "$KBO1" \
	--value 9500
rejects 2 "a reserved lot to an enterprise that does not qualify" bram opportunity award "$O" \
	--lot 2 --enterprise "$KBO2" --value 9500
like "…with the reason" "$ERR" "lot 2 .Snoeiwerk. is reserved"
like "…naming who and why" "$ERR" "Tuin en Co has none of them"
rejects 2 "a reserved lot outside the register" bram opportunity award "$O" --lot 2 \
	--outside "Groendienst NV" --value 9500
rejects 2 "a negative award" bram opportunity award "$O" --lot 2 --enterprise "$KBO1" \
	--value -9500
rejects 2 "a contractor named twice" bram opportunity award "$O" --lot 2 --enterprise "$KBO1" \
	--outside X --value 9500
run bram opportunity award "$O" --lot 2 --enterprise "$KBO1" --value 9.500 --ends 2026-12-31
rc_is "award the reserved lot to the maatwerkbedrijf" 0
rejects 2 "award it again" bram opportunity award "$O" --lot 2 --enterprise "$KBO1" --value 1
run bram opportunity award "$O" --lot 1 --outside "Groendienst NV" --value 19000 \
	--date 2026-03-01 --ends 2026-03-01
rc_is "award lot 1 outside the register" 0
run bram opportunity sroi "$O" --lot 2 --spent 200 --text stageplaats
rc_is "report SROI" 0
rejects 2 "SROI of nothing" bram opportunity sroi "$O" --lot 2 --spent 0
rejects 2 "SROI on a lot not awarded" bram opportunity sroi "$O" --spent 5
run bram opportunity show "$O" --json
jq_is "award: the maatwerkbedrijf counts as social" '.awards[1].social' true
jq_is "award: outside the register is regular" '.awards[0].in_register' false
jq_is "award: SROI due is 5% of the award" '.awards[1].sroi_due_cents' 47500
jq_is "award: SROI spent" '.awards[1].sroi_spent_cents' 20000
jq_is "award: the contract that ended unfulfilled is flagged" '.awards[0].sroi_unfulfilled' true
jq_is "award: the running one is not" '.awards[1].sroi_unfulfilled' false
jq_is "the journal in order" '[.journal[].kind] | join(",")' \
	"created,invited,invited,response,awarded,awarded,sroi"
run bram opportunity show "$O"
like "show: the lots" "$OUT" "2. Snoeiwerk  €10,000.50  reserved"
like "show: the flag in words" "$OUT" "UNFULFILLED: the contract ended"
like "show: the response" "$OUT" "Groen Atelier, lot 2: Wij bieden 9.500 euro"
run ann enterprise timeline "$A" --json
jq_true "the award is on the enterprise's timeline" \
	'[.[] | select(.kind == "award") | .title | test("lot 2")] | any'

# --- edit, close ------------------------------------------------------------------------------
rejects 2 "lots of an awarded opportunity" bram opportunity edit "$O" --lot "X=5"
run ann opportunity edit "$W" --value 9000 --expect-version 1
rc_is "edit with the version read" 0
rejects 5 "edit from an old version" ann opportunity edit "$W" --value 9500 --expect-version 1
rejects 2 "edit to a deadline in the past" ann opportunity edit "$W" --deadline 2026-01-01
run ann opportunity close "$W"
rc_is "close" 0
rejects 2 "close again" ann opportunity close "$W"
rejects 2 "respond to a closed one" ann opportunity respond "$W" "$KBO1"
run ann opportunity list --open --json
jq_is "list --open leaves the closed one out" '.opportunities | length' 1
rejects 4 "the manager may not close" dina opportunity close "$O"
rejects 3 "an officer cannot close another department's" bram opportunity close "$W"

# --- the configuration: [procurement] criteria and municipality ---------------------------
ini_set "$T_CONF" procurement criteria "fair-work, korte-keten: Korte keten"
ini_set "$T_CONF" procurement municipality Gent
run ann enterprise edit "$KBO2" --city "gent"
run ann opportunity add --title "Soep" --kind purchase --dept eco --value 500 \
	--criteria korte-keten --nace 81.300
rc_is "a criterion of the configuration" 0
S=$OUT
rejects 2 "a built-in criterion the configuration no longer offers" ann opportunity add \
	--title X --kind purchase --dept eco --value 500 --criteria inclusion
run ann opportunity show "$S"
like "show: the criterion's label" "$OUT" "CSR criteria +Korte keten"
run ann opportunity match "$S" --json
jq_true "match: based in the municipality counts" \
	'[.matches[] | select(.name == "Tuin en Co") | .reasons | test("based in gent")] | any'
write_config

# --- search, check ------------------------------------------------------------------------------
run ann search groenonderhoud --kind opportunity --json
jq_is "search finds the opportunity" '.[0].id' "$O"
run chris search jaarverslag --json
jq_is "chris (wel) finds wel's" '.[0].kind' opportunity
run bram search jaarverslag --json
jq_is "bram (eco) does not find wel's" 'length' 0
run root check
rc_is "check: the indexes are what the records say" 0
finish
