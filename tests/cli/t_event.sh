#!/bin/bash
# Events (issue 12): add, edit, invite, register (capacity in people),
# attend (only once started), list, show (the three lists in words), export
# (CSV quoted), a follow-up case; platforms with members and meetings; the
# errors: bad dates, end before start, capacity exceeded, unknown
# enterprise, an officer outside the departments gets "not found", the
# manager only reads.
#
# Clock: Monday 2026-03-02 09:00 UTC = 10:00 in Brussels (common.sh).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
E2=$(add_ent --name "Groen, Werkt \"vzw\"" --number "$KBO2")
E3=$(add_ent --name "Drukkerij Samen" --number "$KBO3")
E4=$(add_ent --name "=HYPERLINK(\"http://x.example\";\"klik\")" --number "$KBO4")

# --- add -----------------------------------------------------------------------------
run ann event add --title "Workshop sociale clausules" --kind workshop \
	--start 2026-03-12T14:00 --end 2026-03-12T16:30 --place "Stadhuis, zaal 2" \
	--dept eco --dept wel --capacity 5 --text "Over aanbestedingen."
rc_is "add: exit 0" 0
like "add prints the id" "$OUT" "$UUID_RE"
EV=$OUT
run ann event show "$EV" --json
jq_is "JSON: title" '.title' "Workshop sociale clausules"
jq_is "JSON: kind (stable code)" '.kind' workshop
jq_is "JSON: start as typed (Brussels time)" '.start' 2026-03-12T14:00
jq_is "JSON: end" '.end' 2026-03-12T16:30
jq_is "JSON: both departments (--dept twice)" '.departments | join(",")' eco,wel
jq_is "JSON: capacity" '.capacity' 5
jq_is "JSON: version 1" '.version' 1
jq_is "JSON: organiser" '.organiser' ann

rejects 2 "a bad date" ann event add --title X --kind info --start 2026-02-30T10:00 --place P
like "…says the format" "$ERR" "YYYY-MM-DDTHH:MM"
rejects 2 "a time without minutes" ann event add --title X --kind info --start 2026-03-12 --place P
rejects 2 "end before start" ann event add --title X --kind info --start 2026-03-12T14:00 \
	--end 2026-03-12T13:00 --place P
like "…says so" "$ERR" "before it starts"
rejects 2 "an unknown kind" ann event add --title X --kind party --start 2026-03-12T14:00 --place P
rejects 2 "a missing place" ann event add --title X --kind info --start 2026-03-12T14:00
rejects 2 "an unknown department" ann event add --title X --kind info --start 2026-03-12T14:00 \
	--place P --dept nope
rejects 2 "a capacity that is no number" ann event add --title X --kind info \
	--start 2026-03-12T14:00 --place P --capacity many
rejects 4 "the manager may not organise" dina event add --title X --kind info \
	--start 2026-03-12T14:00 --place P

# --- invite, register, capacity ---------------------------------------------------------
run ann event invite "$EV" "$KBO1" "$E2" "$KBO3"
rc_is "invite three" 0
like "invite says how many" "$OUT" "3 invited"
run ann event invite "$EV" "$KBO1"
like "inviting again changes nothing" "$OUT" "0 invited; 1 already"
rejects 3 "invite an unknown enterprise" ann event invite "$EV" 0200.000.000
rejects 3 "invite to an unknown event" ann event invite 00000000-0000-0000-0000-000000000000 "$KBO1"
rejects 2 "an event id that is no id" ann event invite 42 "$KBO1"
run ann event register "$EV" "$KBO1" --people 3
rc_is "register 3 people" 0
rejects 2 "register the same enterprise twice" ann event register "$EV" "$KBO1"
like "…says it is already registered" "$ERR" "already registered"
rejects 2 "capacity exceeded" ann event register "$EV" "$E2" --people 3
like "…says how many places are taken" "$ERR" "3 of 5 places are taken"
rejects 2 "--people 0" ann event register "$EV" "$E2" --people 0
run ann event register "$EV" "$E2" --people 2
rc_is "2 more fit exactly" 0
rejects 2 "a capacity below the 5 people registered" ann event edit "$EV" --capacity 4
like "…says how many are registered and what to give" "$ERR" \
    "5 people are registered .* already; a capacity of 4 is below that. Give at least 5"
run ann event show "$EV" --json
jq_is "…and the capacity stays 5" '.capacity' 5
run ann event edit "$EV" --capacity 6
rc_is "a capacity above the people registered" 0
run ann event edit "$EV" --capacity 0
rc_is "0: no limit" 0
run ann event edit "$EV" --capacity 5

# --- attend ----------------------------------------------------------------------------
rejects 2 "attend before the event" ann event attend "$EV" "$KBO1"
like "…says it has not started" "$ERR" "not started yet"
SEDESK_NOW=2026-03-12T13:05:00Z run ann event attend "$EV" "$KBO1" "$KBO3"
rc_is "attend after the start (14:05 in Brussels)" 0
run ann event show "$EV"
like "show: the event in words" "$OUT" "Event Workshop sociale clausules  \[workshop\]"
like "show: departments in words" "$OUT" "Economie en ondernemen, Welzijn"
# A walk-in counts: the places are counted in people who came or will come.
like "show: places taken, the walk-in too" "$OUT" "6 of 5 places taken"
followed_by "show: the invited list" "$OUT" "^Invited \(0\):" "^Registered \(1\):"
followed_by "show: registered, with people" "$OUT" "^Registered \(1\):" "Groen, Werkt \"vzw\" \(0200.065.765\), 2 people"
followed_by "show: attended" "$OUT" "^Attended \(2\):" "Drukkerij Samen \(0200.068.636\), 1 person"
run ann event show "$EV" --json
jq_is "JSON: states per enterprise, by name" '[.guests[] | .state] | join(",")' attended,registered,attended
jq_is "JSON: people" '.people' 6

# --- list ------------------------------------------------------------------------------
EV2=$(SEDESK_USER=chris "$SEDESK_BIN" event add --title "Zorgnetwerk" --kind network \
	--start 2026-04-02T18:00 --place OCMW --dept wel)
like "an officer organises an event of his department" "$EV2" "$UUID_RE"
rejects 4 "an officer may not organise one outside his departments" bram event add \
	--title X --kind info --start 2026-03-12T14:00 --place P --dept wel
run ann event list --json
jq_is "list: both, by start" '[.events[] | .title] | join("|")' "Workshop sociale clausules|Zorgnetwerk"
jq_is "list: people" '.events[0].people' 6
run ann event list --from 2026-04-01 --json
jq_is "list --from" '[.events[] | .title] | join("|")' Zorgnetwerk
run ann event list --to 2026-03-12 --json
jq_is "list --to (the day included)" '[.events[] | .title] | join("|")' "Workshop sociale clausules"
run ann event list --kind network --json
jq_is "list --kind" '.events | length' 1
run ann event list
like "list in text" "$OUT" "2026-03-12 14:00  workshop  Workshop sociale clausules"
fails 2 "list: a bad day" ann event list --from 2026-13-01
fails 2 "list: --to before --from" ann event list --from 2026-04-01 --to 2026-03-01

# --- officers and the manager ------------------------------------------------------------------
run bram event list --json
jq_is "bram (eco) sees the eco/wel workshop only" '[.events[] | .title] | join("|")' \
	"Workshop sociale clausules"
fails 3 "bram: the wel event is not found" bram event show "$EV2"
is "…in the words of a missing one" "$ERR" "sedesk: no event $EV2; see \`sedesk event list\`."
rejects 3 "bram cannot invite to it either" bram event invite "$EV2" "$KBO1"
# An officer of the event's department ticks attendance of those on its lists,
# but adds no enterprise he does not see (those of his cases) to them.
SEDESK_NOW=2026-03-12T13:30:00Z run bram event attend "$EV" "$E2"
rc_is "bram (eco) ticks attendance at his department's event" 0
run ann event show "$EV" --json
jq_is "…it is recorded" '[.guests[] | select(.enterprise.id=="'"$E2"'") | .state] | join("")' attended
rejects 3 "bram cannot add an enterprise he does not see" bram event invite "$EV" "$KBO4"
is "…in the words of a missing one" "$ERR" \
	"sedesk: no enterprise $KBO4; give its id or its KBO/KvK number (see \`sedesk enterprise list\`)."
run dina event show "$EV2"
rc_is "the manager reads every event" 0
rejects 4 "the manager may not invite" dina event invite "$EV2" "$KBO1"

# --- edit ------------------------------------------------------------------------------
run ann event edit "$EV" --place "Stadhuis, zaal 3" --expect-version 1
rc_is "edit with a stale version is refused" 5
run ann event edit "$EV" --place "Stadhuis, zaal 3"
rc_is "edit" 0
run ann event show "$EV" --json
jq_is "edited place" '.place' "Stadhuis, zaal 3"
rejects 2 "edit: end before start" ann event edit "$EV" --end 2026-03-12T10:00
run ann event edit "$EV" --start 2026-03-12T14:15
run ann event show "$EV" --json
jq_is "journal: the place change, old and new" \
	'[.journal[] | select(.field=="place") | "\(.old)|\(.new)"] | join("")' "Stadhuis, zaal 2|Stadhuis, zaal 3"
jq_is "journal: a time change as typed" \
	'[.journal[] | select(.field=="start") | "\(.old)|\(.new)"] | join("")' "2026-03-12 14:00|2026-03-12 14:15"
jq_is "journal: invitations, registrations and attendance, by whom" \
	'[.journal[] | select(.field==null) | "\(.kind):\(.actor)"] | join(",")' \
	"created:ann,invited:ann,invited:ann,invited:ann,registered:ann,registered:ann,attended:ann,attended:ann,attended:bram"
run ann event show "$EV"
like "text journal: kinds in words" "$OUT" "ann  attended  Drukkerij Samen \(0200.068.636\)"
like "text journal: fields by their label" "$OUT" "ann  place: Stadhuis, zaal 2 -> Stadhuis, zaal 3"

# --- export ----------------------------------------------------------------------------
run ann event export "$EV" --format csv
rc_is "export csv" 0
is "CSV header" "$(head -1 <<<"$OUT" | tr -d '\r')" "name,number,state,people,invited,registered,attended"
like "CSV: a name with a comma and quotes is quoted" "$OUT" '^"Groen, Werkt ""vzw""",0200.065.765,attended,2,'
is "CSV: one row per enterprise" "$(wc -l <<<"$OUT")" 4
run ann event invite "$EV2" "$KBO4"
run ann event export "$EV2" --format csv
like "CSV: a cell a spreadsheet would run as a formula stays text" "$OUT" \
	'^"'"'"'=HYPERLINK\(""http://x.example"";""klik""\)",0200.171.970,invited,0,'
run ann event export "$EV" --format json
jq_is "export json" '[.[] | .enterprise.name] | join("|")' 'Drukkerij Samen|Groen, Werkt "vzw"|Kringwinkel De Vlinder'
fails 2 "export: an unknown format" ann event export "$EV" --format xml

# --- a follow-up case --------------------------------------------------------------------
run ann event case "$EV" "$KBO1" --subject "Vraag na de workshop"
rc_is "event case" 0
C1=$OUT
jq_is_case() { run root case show "$C1" --json; jq_is "$@"; }
jq_is_case "the case names the event" '.event' "$EV"
jq_is_case "channel event" '.channel' event
run root case show "$C1"
like "case show names the event" "$OUT" "Event +$EV"
rejects 2 "a case for an enterprise not on the lists" ann event case "$EV2" "$KBO3" --subject X
rejects 4 "an officer makes no cases" bram event case "$EV" "$KBO1" --subject X

# --- platforms -------------------------------------------------------------------------
PF=$(SEDESK_USER=ann "$SEDESK_BIN" event add --title "Platform circulaire economie" \
	--kind platform --start 2026-03-01T10:00 --place "Online")
run ann event register "$PF" "$KBO1"
run ann event register "$PF" "$KBO3"
run ann event show "$PF"
followed_by "a platform's register makes members" "$OUT" "^Members \(2\):" "Drukkerij Samen"
MT=$(SEDESK_USER=ann "$SEDESK_BIN" event add --title "Eerste vergadering" --kind network \
	--start 2026-03-16T14:00 --place "Online" --platform "$PF")
run ann event show "$MT" --json
jq_is "a meeting invites the platform's members" '[.guests[] | .state] | join(",")' invited,invited
jq_is "…and names its platform" '.platform_title' "Platform circulaire economie"
run ann event show "$PF"
like "the platform lists its meeting" "$OUT" "2026-03-16 14:00  $MT  Eerste vergadering"
rejects 2 "a meeting of what is no platform" ann event add --title X --kind info \
	--start 2026-03-12T14:00 --place P --platform "$EV"
rejects 2 "a platform has no attendance" ann event attend "$PF" "$KBO1"

# --- search ----------------------------------------------------------------------------
run ann search aanbestedingen --json
jq_is "search finds an event by its description" '[.[] | select(.kind=="event") | .id] | join(",")' "$EV"
run ann search zorgnetwerk --kind event --json
jq_is "search --kind event" '[.[] | .title] | join(",")' Zorgnetwerk
run bram search zorgnetwerk --json
jq_is "bram does not find the event of wel" 'length' 0
run ann search zorgnetwerk --kind case --json
jq_is "--kind case leaves events out" 'length' 0
run root reindex
run ann search zorgnetwerk --kind event --json
jq_is "reindex keeps the events" '[.[] | .title] | join(",")' Zorgnetwerk

# --- check ------------------------------------------------------------------------------
run root check
rc_is "check finds nothing wrong" 0
finish
