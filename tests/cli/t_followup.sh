#!/bin/bash
# Waiting asks until when and why, and the case comes back to the inbox on
# that day; a follow-up day can be set on any case ("bel terug op …") and
# brings it back to its owner's inbox (issue 10).
#
# Clock: Monday 2026-03-02 09:00 UTC (common.sh).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Wacht op de jaarrekening"
C1=$OUT
run ann case wait "$C1" --until 2026-03-16 --reason "De onderneming stuurt haar jaarrekening."
rc_is "wait with a day and a reason" 0
run ann case show "$C1" --json
jq_is "status waiting" '.status' waiting
jq_is "JSON: wait_until" '.wait_until' 2026-03-16
jq_is "the reason is journaled" '[.journal[] | select(.kind=="waiting") | .text] | join("")' \
	"De onderneming stuurt haar jaarrekening."
jq_is "the day is journaled" '[.journal[] | select(.field=="wait_until") | .new] | join("")' 2026-03-16
run ann inbox --json
jq_is "before the day the waiting case is not in the inbox" '[.[] | select(.number=="'"$C1"'")] | length' 0
SEDESK_NOW=2026-03-16T08:00:00Z run gert inbox --json
jq_is "on the day it is back, for every contact officer: wait over" \
	'.[] | select(.number=="'"$C1"'") | .reason' wait_over
SEDESK_NOW=2026-03-16T08:00:00Z run ann inbox
like "text: the reason in words" "$(grep "^$C1" <<<"$OUT")" "wait over"
run ann case reopen "$C1"
run ann case show "$C1" --json
jq_is "reopened: no day to wait for any more" '.wait_until' null

rejects 2 "a day in the past is refused" ann case wait "$C1" --until 2026-03-01
rejects 2 "today is refused" ann case wait "$C1" --until 2026-03-02
rejects 2 "not a date" ann case wait "$C1" --until 16-03-2026
run ann case wait "$C1"
rc_is "waiting without a day still works" 0
run ann case show "$C1" --json
jq_is "…and has no day" '.wait_until' null

# --- follow-up ---------------------------------------------------------------------
run ann case new --enterprise "$E1" --subject "Bel terug over de premie"
C2=$OUT
run ann case route "$C2" eco
run ann case follow-up "$C2" --on 2026-03-04 --text "Bel de zaakvoerder terug."
rc_is "ann sets a follow-up day on a routed case" 0
run ann case show "$C2" --json
jq_is "JSON: follow_up" '.follow_up' 2026-03-04
jq_is "the text is journaled" '[.journal[] | select(.kind=="follow_up") | .text] | join("")' \
	"Bel de zaakvoerder terug."
run ann inbox --json
jq_is "before the day: not in the inbox (it is routed)" '[.[] | select(.number=="'"$C2"'")] | length' 0
SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "on the day: in the owner's inbox, follow-up due" '.[] | select(.number=="'"$C2"'") | .reason' follow_up
SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox
like "text: follow-up due" "$(grep "^$C2" <<<"$OUT")" "follow-up due"
SEDESK_NOW=2026-03-04T08:00:00Z run gert inbox --json
jq_is "not in another contact officer's inbox" '[.[] | select(.number=="'"$C2"'")] | length' 0
rejects 2 "--on is required" ann case follow-up "$C2"
rejects 2 "a follow-up day in the past is refused" ann case follow-up "$C2" --on 2026-02-27
rejects 4 "an officer may not set a follow-up" bram case follow-up "$C2" --on 2026-03-09
# The day indexes are the case's index entries: check finds them missing
# and --repair brings a lost follow-up back (they lived in the meta table,
# which check could not rebuild).  The database is copied without them.
mdb_dump -a "$T_DB" | awk '/^HEADER=END/ { print; skip = (db == "case_by_day"); next }
	/^database=/ { db = substr($0, 10) }
	/^DATA=END/ { skip = 0 }
	!skip' > "$T_DIR/noday.dump"
rm -rf "$T_DIR/noday" && mkdir "$T_DIR/noday"
if mdb_load -f "$T_DIR/noday.dump" "$T_DIR/noday" 2>/dev/null; then
	ok "set-up: the database copied without its day index"
else
	not_ok "set-up: the database copied without its day index"
fi
SEDESK_DB=$T_DIR/noday SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "set-up: without its index the follow-up is lost" \
	'[.[] | select(.number=="'"$C2"'")] | length' 0
SEDESK_DB=$T_DIR/noday run root check
rc_is "check finds the day index missing: exit 1" 1
like "check names the day index" "$OUT" "case_by_day: 1 entries missing"
SEDESK_DB=$T_DIR/noday run root check --repair
rc_is "check --repair repairs it" 0
SEDESK_DB=$T_DIR/noday SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "after the repair the follow-up is due again" \
	'.[] | select(.number=="'"$C2"'") | .reason' follow_up

# A schema-1 database kept the day indexes in its meta table: made here from
# the repaired copy (its entries moved into meta, the schema set back to 1),
# it opens upgraded, with the follow-up due and nothing left in meta.
mdb_dump -s case_by_day "$T_DIR/noday" > "$T_DIR/days.dump"
mdb_dump -a "$T_DIR/noday" | awk '/^HEADER=END/ { print; skip = (db == "case_by_day"); next }
	/^database=/ { db = substr($0, 10) }
	/^DATA=END/ { skip = 0 }
	!skip' > "$T_DIR/old.dump"
rm -rf "$T_DIR/old" && mkdir "$T_DIR/old"
# (mdb_load names the dump's db_pagesize line it does not know: not a failure.)
mdb_load -f "$T_DIR/old.dump" "$T_DIR/old" 2>/dev/null &&
	sed 's/^database=case_by_day$/database=meta/' "$T_DIR/days.dump" |
	mdb_load -s meta "$T_DIR/old" 2>/dev/null &&
	printf 'schema\n\\01\\00\\00\\00\n' | mdb_load -T -s meta "$T_DIR/old"
if mdb_dump -p -s meta "$T_DIR/old" | grep -q '^ followup:'; then
	ok "set-up: a schema-1 database with its follow-up day in meta"
else
	not_ok "set-up: a schema-1 database with its follow-up day in meta" "$(mdb_dump -p -s meta "$T_DIR/old")"
fi
SEDESK_DB=$T_DIR/old SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "upgraded: the follow-up is due" '.[] | select(.number=="'"$C2"'") | .reason' follow_up
unlike "upgraded: no day index left in meta" "$(mdb_dump -p -s meta "$T_DIR/old")" "^ followup:"
SEDESK_DB=$T_DIR/old run root check
is "upgraded: check finds no problems" "$OUT" "no problems found."

run ann case close "$C2" --resolution "Teruggebeld."
SEDESK_NOW=2026-03-04T08:00:00Z run ann inbox --json
jq_is "a closed case does not come back" '[.[] | select(.number=="'"$C2"'")] | length' 0
rejects 2 "a closed case gets no follow-up" ann case follow-up "$C2" --on 2026-03-09
finish
