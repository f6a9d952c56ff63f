#!/bin/bash
# sedesk ical (issue 12): the events as RFC 5545, read back by a real
# iCalendar parser from Debian (python3-icalendar, installed by `make check`
# as a test dependency): every event present, UIDs stable across runs,
# times in Europe/Brussels (winter and summer), text with commas,
# semicolons, accents and a 200-character description round-trip exactly;
# -o writes the user's file; --mine, --dept, --from/--to filter; an
# officer's calendar holds his departments' events only; --moments writes
# the contact moments (a day-only one as an all-day DATE entry).
#
# Clock: Monday 2026-03-02 09:00 UTC (common.sh).
. "$(dirname "$0")/common.sh"

PY=/usr/bin/python3
if ! "$PY" -c 'import icalendar' 2>/dev/null; then
	not_ok "python3-icalendar is installed (make check installs it: apt-get install python3-icalendar)"
	finish
fi
init_db

# 200 characters, with what must be escaped and what must not be cut.
DESC="Eerste regel: één, twee; drie \\ vier.
Tweede regel met accenten: café, crème brûlée, naïef, Ærø — en nog wat tekst om de lijn lang te maken, zodat ze zeker gevouwen wordt!!"
while [ "$(printf '%s' "$DESC" | wc -m)" -lt 200 ]; do DESC="${DESC}x"; done
is "the description has 200 characters" "$(printf '%s' "$DESC" | wc -m)" 200

EV1=$(SEDESK_USER=ann "$SEDESK_BIN" event add --title "Workshop, deel 1; sociale clausules — één" \
	--kind workshop --start 2026-03-12T14:00 --end 2026-03-12T16:30 --place "Stadhuis; zaal 2, Gent" \
	--dept eco --text "$DESC")
EV2=$(SEDESK_USER=ann "$SEDESK_BIN" event add --title "Zomerse netwerkavond" --kind network \
	--start 2026-07-01T18:00 --place "De Kroon" --dept wel)
EV3=$(SEDESK_USER=gert "$SEDESK_BIN" event add --title "Pitchdag" --kind pitch-day \
	--start 2026-05-20T09:30 --place "Stadhuis")
like "three events added" "$EV1 $EV2 $EV3" "^[0-9a-f-]{36} [0-9a-f-]{36} [0-9a-f-]{36}$"

# Prints "uid|start iso|tzname|utcoffset|end iso|summary|location" per VEVENT,
# and the description of $1's VEVENT to $T_DIR/desc.
parse() {	# parse FILE [UID]
	"$PY" - "$1" "${2:-}" "$T_DIR/desc" "${STAMP:-2026-03-02T09:00:00+00:00}" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
tzs = [c for c in cal.walk('VTIMEZONE')]
assert len(tzs) == 1 and str(tzs[0]['TZID']) == 'Europe/Brussels', 'one VTIMEZONE'
for ev in cal.walk('VEVENT'):
    s = ev.decoded('DTSTART')
    e = ev.decoded('DTEND').isoformat() if 'DTEND' in ev else '-'
    print('%s|%s|%s|%s|%s|%s|%s' % (ev['UID'], s.isoformat(), ev['DTSTART'].params.get('TZID'),
        s.utcoffset(), e, ev['SUMMARY'], ev.get('LOCATION', '')))
    if str(ev['UID']) == sys.argv[2]:
        open(sys.argv[3], 'w', encoding='utf-8').write(str(ev['DESCRIPTION']))
    assert ev.decoded('DTSTAMP').isoformat() == sys.argv[4], 'DTSTAMP: the clock in UTC'
EOF
}

run ann ical -o "$T_DIR/a.ics"
rc_is "ical -o FILE" 0
is "nothing on the output with -o" "$OUT" ""
P=$(parse "$T_DIR/a.ics" "$EV1@sedesk" 2>&1)
rc_is_parse=$?
is "the parser reads the file" "$rc_is_parse" 0
is "every event present, by start" "$(cut -d'|' -f1 <<<"$P" | tr '\n' ' ')" \
	"$EV1@sedesk $EV3@sedesk $EV2@sedesk "
is "winter: 14:00 in Brussels is UTC+1" "$(grep "^$EV1" <<<"$P" | cut -d'|' -f2-5)" \
	"2026-03-12T14:00:00+01:00|Europe/Brussels|1:00:00|2026-03-12T16:30:00+01:00"
is "summer: 18:00 in Brussels is UTC+2" "$(grep "^$EV2" <<<"$P" | cut -d'|' -f2-4)" \
	"2026-07-01T18:00:00+02:00|Europe/Brussels|2:00:00"
is "the summary round-trips (commas, semicolons, accents)" "$(grep "^$EV1" <<<"$P" | cut -d'|' -f6)" \
	"Workshop, deel 1; sociale clausules — één"
is "the location round-trips" "$(grep "^$EV1" <<<"$P" | cut -d'|' -f7)" "Stadhuis; zaal 2, Gent"
is "the 200-character description round-trips exactly" "$(cat "$T_DIR/desc")" "$DESC"
is "CRLF line ends only" "$(tr -d '\r' <"$T_DIR/a.ics" | wc -c)" \
	"$(( $(wc -c <"$T_DIR/a.ics") - $(wc -l <"$T_DIR/a.ics") ))"
is "no line over 75 octets" "$(tr -d '\r' <"$T_DIR/a.ics" | awk 'length($0) > 75' | LC_ALL=C wc -l)" 0
if LC_ALL=C grep -q ' ' <(grep -a '^ ' "$T_DIR/a.ics"); then ok "long lines are folded"; else
	not_ok "long lines are folded"; fi

SEDESK_NOW=2026-03-05T12:00:00Z run ann ical -o "$T_DIR/b.ics"
is "UIDs are stable across runs (DTSTAMP follows the clock)" \
	"$(STAMP=2026-03-05T12:00:00+00:00 parse "$T_DIR/b.ics" | cut -d'|' -f1)" "$(cut -d'|' -f1 <<<"$P")"
run ann ical
is "without -o the calendar goes to the output" "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')" \
	"BEGIN:VCALENDAR"

run ann ical --mine -o "$T_DIR/m.ics"
is "--mine: the events ann organises" "$(parse "$T_DIR/m.ics" | cut -d'|' -f1 | tr '\n' ' ')" \
	"$EV1@sedesk $EV2@sedesk "
run ann ical --dept wel -o "$T_DIR/d.ics"
is "--dept wel" "$(parse "$T_DIR/d.ics" | cut -d'|' -f1)" "$EV2@sedesk"
run ann ical --from 2026-05-01 --to 2026-05-31 -o "$T_DIR/f.ics"
is "--from/--to" "$(parse "$T_DIR/f.ics" | cut -d'|' -f1)" "$EV3@sedesk"
run bram ical -o "$T_DIR/o.ics"
is "an officer's calendar: his departments' events" "$(parse "$T_DIR/o.ics" | cut -d'|' -f1)" "$EV1@sedesk"

# --- contact moments ---------------------------------------------------------
# A planned site visit with a time, a call planned for a day only, and a
# meeting of another department: --moments writes them (a day as a DATE
# value ending the next day, a timed one without an end nobody gave).
E1=$(add_ent --name "Café De Kroon" --number "$KBO1")
run ann moment add --enterprise "$E1" --kind site-visit --date 2026-03-10T14:00 --dept eco
M1=$OUT
run ann moment add --enterprise "$E1" --kind phone --date 2026-03-11 --dept eco
M2=$OUT
run ann moment add --enterprise "$E1" --kind meeting --date 2026-04-02T10:00 --dept wel
M3=$OUT
like "three moments planned" "$M1 $M2 $M3" "^[0-9a-f-]{36} [0-9a-f-]{36} [0-9a-f-]{36}$"
moments() {	# moments FILE: "uid|start|tzid|end|summary|categories" per VEVENT
	"$PY" - "$1" <<'EOF'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    s = ev.decoded('DTSTART')
    e = ev.decoded('DTEND').isoformat() if 'DTEND' in ev else '-'
    cats = ev.get('CATEGORIES')
    cats = ','.join(str(c) for c in cats.cats) if cats is not None else ''
    print('%s|%s|%s|%s|%s|%s' % (ev['UID'], s.isoformat(), ev['DTSTART'].params.get('TZID', ''),
        e, ev['SUMMARY'], cats))
EOF
}
run ann ical --moments -o "$T_DIR/mo.ics"
rc_is "ical --moments" 0
P=$(moments "$T_DIR/mo.ics" 2>&1)
is "--moments alone: the moments by time, no events" "$(cut -d'|' -f1 <<<"$P" | tr '\n' ' ')" \
	"$M1@sedesk $M2@sedesk $M3@sedesk "
is "a timed moment: its Brussels time, no end" "$(grep "^$M1" <<<"$P" | cut -d'|' -f2-4)" \
	"2026-03-10T14:00:00+01:00|Europe/Brussels|-"
is "a moment of a day: a DATE, ending the next day" "$(grep "^$M2" <<<"$P" | cut -d'|' -f2-4)" \
	"2026-03-11||2026-03-12"
is "its summary says what and with whom, in words" "$(grep "^$M1" <<<"$P" | cut -d'|' -f5-6)" \
	"site visit: Café De Kroon|contact moment"
run ann ical --events --moments -o "$T_DIR/both.ics"
is "--events --moments: both" "$(moments "$T_DIR/both.ics" | wc -l)" 6
run bram ical --moments -o "$T_DIR/bm.ics"
is "an officer's calendar: his departments' moments" \
	"$(moments "$T_DIR/bm.ics" | cut -d'|' -f1 | tr '\n' ' ')" "$M1@sedesk $M2@sedesk "
run ann ical --moments --from 2026-04-01 -o "$T_DIR/mf.ics"
is "--moments --from" "$(moments "$T_DIR/mf.ics" | cut -d'|' -f1)" "$M3@sedesk"
run ann ical --moments --dept wel -o "$T_DIR/md.ics"
is "--moments --dept wel" "$(moments "$T_DIR/md.ics" | cut -d'|' -f1)" "$M3@sedesk"
fails 2 "a bad day" ann ical --from 2026-02-30
fails 2 "an unknown department" ann ical --dept nope
fails 1 "a folder that does not exist" ann ical -o "$T_DIR/nope/x.ics"
like "…names the file" "$ERR" "cannot write $T_DIR/nope/x.ics"
finish
