#!/bin/bash
# Issue 9, findings 6, 9 and 10, as hostile users of a real shared (setgid)
# install made by `make install`:
#   C  contact         creates and routes cases
#   A  officer of eco  probes what it may not see (an enterprise with only
#                      wel's cases, "(more" behind --limit), asks for a
#                      search of a million hits, adds notes as fast as it
#                      can from many processes at once, and sets SEDESK_NOW
#                      far in the future to wrap the case year
#   B  officer of wel  the other department
# Each attempt must meet the fixed behaviour: "not found" as for an unknown
# enterprise, no "(more" for hidden rows, the search limit refused, the
# write rate held (120 a minute by default in a setgid install, across
# processes), SEDESK_NOW ignored, the --db refusal naming the configuration
# this install reads; and `sedesk check` clean at the end.
. "$(dirname "$0")/common.sh"

mu_users c a b
mu_install
mu_officer "$U_c" contact
mu_officer "$U_a" officer eco
mu_officer "$U_b" officer wel
YEAR=$(date -u +%Y)

urun "$U_c" enterprise add --name "Alleen Welzijn BV"
need_rc0 "contact: enterprise add"
E1=$OUT
urun "$U_c" enterprise add --name "Gemengd BV"
need_rc0 "contact: enterprise add"
E2=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Zorgvraag"
need_rc0 "contact: case new"
W1=$OUT
urun "$U_c" case route "$W1" wel
need_rc0 "contact: route to wel"
urun "$U_c" case new --enterprise "$E2" --subject "Voor economie"
need_rc0 "contact: case new"
G1=$OUT
urun "$U_c" case route "$G1" eco
need_rc0 "contact: route to eco"
urun "$U_c" case new --enterprise "$E2" --subject "Voor welzijn"
need_rc0 "contact: case new"
G2=$OUT
urun "$U_c" case route "$G2" wel
need_rc0 "contact: route to wel"

# --- finding 6: an enterprise the officer may not see -----------------------------
urun "$U_a" case list --enterprise 00000000-0000-4000-8000-000000000000
rc_is "officer: --enterprise of an unknown id: exit 3" 3
_unknown=$(printf '%s' "$ERR" | sed 's/00000000-0000-4000-8000-000000000000/ID/')
urun "$U_a" case list --enterprise "$E1"
rc_is "officer: --enterprise of an enterprise with only wel's cases: exit 3" 3
is "officer: the same message as for an unknown enterprise" \
    "$(printf '%s' "$ERR" | sed "s/$E1/ID/")" "$_unknown"
is "officer: nothing on stdout" "$OUT" ""
urun "$U_b" case list --enterprise "$E2" --limit 1
rc_is "officer of wel: E2 --limit 1" 0
like "officer of wel: sees wel's case of E2" "$OUT" "$G2"
unlike "officer of wel: no \"(more\" for eco's case behind it" "$OUT" '\(more'
urun "$U_c" case list --enterprise "$E2" --limit 1
like "contact: \"(more\" for E2's second case" "$OUT" '\(more'

# --- finding 9: a search of a million hits ----------------------------------------
urun "$U_a" search --limit 1000000 BV
rc_is "officer: search --limit 1000000 is refused (exit 2)" 2
like "… naming the bound" "$ERR" '^sedesk: .*1000'

# --- finding 10: the clock and --db under setgid ----------------------------------
urun "$U_c" SEDESK_NOW=253402300800 case new --enterprise "$E1" --subject "Klok"
rc_is "contact: SEDESK_NOW in the year 10000 is ignored under setgid (exit 0)" 0
like "… the case has this year's number" "$OUT" "^$YEAR-[0-9]{5}$"
urun "$U_c" SEDESK_NOW=0000-06-01T09:00:00Z case new --enterprise "$E1" --subject "Klok"
like "contact: SEDESK_NOW in the year 0 is ignored too" "$OUT" "^$YEAR-[0-9]{5}$"
urun "$U_a" case list --db /tmp
rc_is "officer: --db refused (exit 4)" 4
like "… naming the configuration this install reads" "$ERR" "$MU_CONF"
unlike "… not a path it does not read" "$ERR" 'in /etc/sedesk/sedesk\.ini'

# --- finding 9: the write rate, 120 a minute by default, across processes ---------
# 150 notes from 15 processes at a time: exactly 120 go through.  The whole
# burst takes a few seconds, well inside the minute the limit counts.
_t0=$(date +%s)
_pids=()
for i in $(seq 1 150); do
	(cd / && runuser -u "$U_a" -- env LANG=C.UTF-8 LANGUAGE=en "$P/bin/sedesk" \
	    case note "$G1" "burst $i" >/dev/null 2>"$T_DIR/burst.$i.err" </dev/null
	 echo $? >"$T_DIR/burst.$i.rc") &
	_pids+=($!)
	if [ $((i % 15)) -eq 0 ]; then wait "${_pids[@]}"; _pids=(); fi
done
wait "${_pids[@]}" 2>/dev/null
_t1=$(date +%s)
_okn=$(cat "$T_DIR"/burst.*.rc | grep -cx 0)
_den=$(cat "$T_DIR"/burst.*.rc | grep -cx 4)
if [ $((_t1 - _t0)) -lt 55 ]; then
	is "officer: 150 notes from 15 processes at a time: 120 allowed, 30 refused" \
	    "$_okn/$_den" 120/30
else
	not_ok "the burst ran within a minute (took $((_t1 - _t0)) s; the count is not meaningful)"
fi
like "… the refusal says how many, the limit and to wait" \
    "$(cat "$T_DIR"/burst.*.err | grep -m1 'limit')" \
    '^sedesk: too many changes: 120 in the last minute, where the limit .* is 120; try again in [0-9]+ s'
rrun case show "$G1" --json
is "the journal holds exactly the 120 notes that were acknowledged" \
    "$(printf '%s' "$OUT" | jq '[.journal[] | select(.kind=="note") | select(.text | startswith("burst"))] | length')" \
    120
urun "$U_b" case note "$G2" "wel werkt door"
rc_is "another officer is not held up by A's limit" 0
rrun case note "$G1" "beheerder"
rc_is "the admin is not limited" 0

# A configured limit (B has made one change in this minute, above).
# The installed file may hold a [limits] section already (from the example).
if grep -q '^\[limits\]' "$MU_CONF"; then
	sed -i -e '/^#\{0,1\}writes_per_minute *=/d' -e 's/^\[limits\]$/[limits]\nwrites_per_minute = 3/' \
	    "$MU_CONF"
else
	printf '\n[limits]\nwrites_per_minute = 3\n' >>"$MU_CONF"
fi
for i in 2 3; do urun "$U_b" case note "$G2" "b $i"; done
rc_is "writes_per_minute = 3: B's 3rd change is allowed" 0
urun "$U_b" case note "$G2" "b 4"
rc_is "writes_per_minute = 3: the 4th is refused (exit 4)" 4
like "… 3 changes made, the limit is 3" "$ERR" 'too many changes: 3 in the last minute, where the limit .* is 3;'

# --- and the database is sound --------------------------------------------------------
rrun check
rc_is "sedesk check is clean" 0
rrun case list --json
unlike "no case number outside the years 1970-9999" "$OUT" '"(0000|1969|[0-9]{5})-[0-9]+"'

finish
