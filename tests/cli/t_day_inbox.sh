#!/bin/bash
# Issue 10, "the inbox says why each case is there": a reminded route says
# when it was reminded ("reminded 2026-03-05"), in the user's language, in
# `sedesk inbox` (the screen: tests/tui/t_day_*.sh).  JSON keeps the code
# and gives the day apart.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Terras"
C1=$OUT
run ann case route "$C1" eco
need_rc0 "route to eco"
SEDESK_NOW=2026-03-05T10:00:00Z run ann case remind "$C1" --dept eco
need_rc0 "ann reminds eco"

SEDESK_NOW=2026-03-06T09:00:00Z run bram inbox
rc_is "bram's inbox exits 0" 0
like "the reminded row says when it was reminded" "$(grep "^$C1" <<<"$OUT")" \
    " eco reminded 2026-03-05 +normal +2026-03-0[0-9] "
SEDESK_NOW=2026-03-06T09:00:00Z run bram inbox --json
jq_is "JSON: the reason stays a code" '.[0].reason' reminded
jq_is "JSON: the time of the reminder" '.[0].reminded' 2026-03-05T10:00:00Z

# A later reminder: the row shows the last one.
SEDESK_NOW=2026-03-09T10:00:00Z run ann case remind "$C1" --dept eco
SEDESK_NOW=2026-03-09T11:00:00Z run bram inbox
like "a second reminder: the row shows its day" "$(grep "^$C1" <<<"$OUT")" " eco reminded 2026-03-09 "

# Dutch: the reason in Dutch words, with the day.
SEDESK_NOW=2026-03-09T11:00:00Z LANGUAGE=nl run bram inbox
like "in Dutch: herinnerd, with the day" "$(grep "^$C1" <<<"$OUT")" " eco herinnerd 2026-03-09 "

# The columns stay aligned when one row's reason carries a day and another's
# does not, in English and in Dutch (accents count as one column): the
# priority starts in the same column on every row (the reason was padded
# to 11 bytes, and a longer one pushed its row's priority right).
run ann case new --enterprise "$E1" --subject "Subsidie"
C2=$OUT
run ann case route "$C2" eco
prio_columns() {	# the display column where each row's priority word starts
	grep -E '^[0-9]{4}-[0-9]{5}' | while IFS= read -r l; do
		pre=${l%%"$1"*}
		printf '%s\n' "$pre" | wc -m
	done | sort -u | wc -l
}
SEDESK_NOW=2026-03-09T11:00:00Z run bram inbox
is "two rows, one reminded: the priority in one column" "$(prio_columns normal <<<"$OUT")" 1
SEDESK_NOW=2026-03-09T11:00:00Z LANGUAGE=nl run bram inbox
is "in Dutch as well" "$(prio_columns normaal <<<"$OUT")" 1

# A route picked up after the reminder is still reminded, with its day.
SEDESK_NOW=2026-03-09T12:00:00Z run bram case pickup "$C1" --dept eco
SEDESK_NOW=2026-03-09T12:00:00Z run bram inbox
like "picked up after the reminder: still says when" "$(grep "^$C1" <<<"$OUT")" " eco reminded 2026-03-09 "
finish
