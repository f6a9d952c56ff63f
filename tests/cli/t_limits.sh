#!/bin/bash
# Limits a user's whim must not get past (issue 9, findings 6, 9, 10):
# what an officer's list reveals about cases they may not see, the bound
# on a search's --limit, the per-login write rate, and the years a clock
# may show.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Alleen Welzijn BV" --number "$KBO1")
E2=$(add_ent --name "Gemengd BV" --number "$KBO2")
if [ -z "$E1" ] || [ -z "$E2" ]; then not_ok "set-up: enterprises" "$(cat "$T_DIR/.adderr")"; finish; fi
# E1 has only a case of wel (chris); bram (eco) may see none of it.
W1=$(new_case --enterprise "$E1" --subject "Zorgvraag")
as ann case route "$W1" wel >/dev/null 2>&1
# E2: the newest case is wel's, below it one of eco's.
G1=$(new_case --enterprise "$E2" --subject "Voor economie")
as ann case route "$G1" eco >/dev/null 2>&1
G2=$(new_case --enterprise "$E2" --subject "Voor welzijn")
as ann case route "$G2" wel >/dev/null 2>&1
is "set-up: four cases, routed" "$(cfield "$W1" .status)/$(cfield "$G1" .status)/$(cfield "$G2" .status)" \
    routed/routed/routed

# --- finding 6: an officer's --enterprise on an enterprise they may not see --------
run bram case list --enterprise 0200.999.999
UNKNOWN_RC=$RC UNKNOWN_ERR=$ERR
rc_is "officer: --enterprise of an unknown enterprise: exit 3" 3
run bram case list --enterprise "$KBO1"
rc_is "officer: --enterprise of an enterprise with only other departments' cases: exit 3" 3
is "officer: invisible and unknown enterprise give the same message (number swapped)" \
    "$(printf '%s' "$ERR" | sed "s/$KBO1/N/")" "$(printf '%s' "$UNKNOWN_ERR" | sed 's/0200.999.999/N/')"
is "officer: nothing on stdout for an invisible enterprise" "$OUT" ""
run bram case list --enterprise "$E1"
rc_is "officer: --enterprise by id of an invisible enterprise: exit 3" 3
run chris case list --enterprise "$KBO1" --json
rc_is "officer of wel sees E1's case list" 0
jq_is "officer of wel: E1's one case" 'length' 1
run ann case list --enterprise "$KBO1" --json
jq_is "contact sees E1's case" 'length' 1

# --- finding 6: --limit counts only the rows the caller sees ----------------------
run bram case list --enterprise "$KBO2" --limit 1
rc_is "officer: --enterprise E2 --limit 1" 0
like "officer: sees eco's case of E2" "$OUT" "$G1"
unlike "officer: no \"(more\" when the rows beyond are hidden ones" "$OUT" '\(more'
run bram case list --limit 1
unlike "officer: plain list --limit 1 shows no \"(more\" for hidden rows" "$OUT" '\(more'
run chris case list --enterprise "$KBO2" --limit 1
unlike "officer of wel: --limit 1 on E2 (its eco case hidden): no \"(more\"" "$OUT" '\(more'
run ann case list --enterprise "$KBO2" --limit 1
like "contact: --limit 1 on E2 with two cases says more" "$OUT" '\(more'
run ann case list --enterprise "$KBO2" --limit 2
unlike "contact: --limit 2 on E2's two cases: no more" "$OUT" '\(more'
run ann case list --enterprise "$KBO2" --limit 2 --json
jq_is "contact: both of E2's cases, newest first" '[.[].number] | join(" ")' "$G2 $G1"

# --- finding 9: search --limit has an upper bound -------------------------------
run ann search --limit 1000 BV
rc_is "search --limit 1000 (the bound) is allowed" 0
rejects 2 "search --limit 1001" ann search --limit 1001 BV
like "search --limit above the bound: the message names the bound" "$ERR" '1000'
rejects 2 "search --limit 1000000" ann search --limit 1000000 BV

# --- finding 10: years outside 1970-9999 never enter --------------------------------
for now in 253402300800 10000-01-01T00:00:00Z 0000-06-01T09:00:00Z \
    1969-12-31T23:59:59Z 9999999999999; do
	SEDESK_NOW=$now rejects 2 "SEDESK_NOW=$now" ann case new --enterprise "$E1" --subject "Klok"
	like "SEDESK_NOW=$now: the message names the variable" "$ERR" 'SEDESK_NOW'
done
SEDESK_NOW=0000-06-01T09:00:00Z run ann case new --enterprise "$E1" --subject "Klok"
like "SEDESK_NOW in year 0: the message names the years allowed" "$ERR" '1970.*9999'
SEDESK_NOW=1969-12-31T23:59:59Z fails 2 "SEDESK_NOW=1969: refused for reading too" ann case list
SEDESK_NOW=9999-12-31T09:00:00Z run ann case new --enterprise "$E1" --subject "Laatste jaar"
# A due date after 9999 cannot be written: refused, nothing written.
is "SEDESK_NOW=9999-12-31: the case would be due after 9999, refused" "$RC" 2
run root check
rc_is "check is clean after the refused clocks" 0
run root case list --json
unlike "no case number with a year of 0000 or 10000" "$OUT" '"(0000|10000|[0-9]{5})-[0-9]+"'

# --- finding 9: case show --limit reads only the first journal entries ------------
run root case show "$G1" --json
_total=$(printf '%s' "$OUT" | jq '.journal | length')
like "set-up: G1's journal has more than 2 entries" "$_total" '^([3-9]|[1-9][0-9]+)$'
run root case show "$G1" --limit 2 --json
rc_is "case show --limit 2" 0
jq_is "case show --limit 2: two journal entries" '.journal | length' 2
jq_is "case show --limit 2: journal_more" '.journal_more' true
jq_is "case show --limit 2: the oldest first" '.journal[0].kind' created
run root case show "$G1" --limit "$_total" --json
jq_is "case show --limit (all of them): no journal_more" '.journal_more' false
run root case show "$G1" --limit 2
like "case show --limit 2 (text) says there is more" "$OUT" '\(more: use --limit'
is "case show --limit 2 (text): two journal lines" \
    "$(printf '%s\n' "$OUT" | sed -n '/^Journal:/,/^(more/p' | grep -c '^  ')" 2
run root case show "$G1"
unlike "case show without --limit: the whole journal, no (more" "$OUT" '\(more'
fails 2 "case show --limit 0" root case show "$G1" --limit 0

# --- finding 9: a per-login write rate ([limits] writes_per_minute) ----------------
# The same database, with a limit of 5 changes a minute per login.
write_config "$T_DIR/limits.ini"
printf '\n[limits]\nwrites_per_minute = 5\n' >>"$T_DIR/limits.ini"
export SEDESK_CONFIG=$T_DIR/limits.ini
export SEDESK_NOW=2026-03-02T10:00:00Z
for i in 1 2 3 4 5; do
	run bram case note "$G1" "rate $i"
	rc_is "rate: change $i of 5 in a minute is allowed" 0
done
rejects 4 "rate: the 6th change in the same minute" bram case note "$G1" "rate 6"
like "rate: the message says how many, the limit and to wait" "$ERR" \
    'too many changes: 5 in the last minute, where the limit .* is 5; try again in 60 s'
SEDESK_NOW=2026-03-02T10:00:45Z rejects 4 "rate: 45 s later, still 5 in the last minute" \
    bram case note "$G1" "rate 6b"
like "rate: 45 s later the wait is 15 s" "$ERR" 'try again in 15 s\.'
SEDESK_NOW=2026-03-02T10:00:59Z run bram case note "$G1" "rate 7"
rc_is "rate: 59 s later, still refused" 4
run chris case note "$G2" "chris 1"
rc_is "rate: another login has its own count" 0
for i in 1 2 3 4 5 6 7; do run root case note "$G1" "admin $i"; done
rc_is "rate: an admin is not limited (7 changes in the minute)" 0
SEDESK_NOW=2026-03-02T10:01:00Z run bram case note "$G1" "rate 8"
rc_is "rate: a minute after the first change, one more is allowed" 0
run root case show "$G1" --json
jq_is "rate: the refused notes are not in the journal" \
    '[.journal[] | select(.kind=="note") | .text | select(startswith("rate"))] | join(",")' \
    "rate 1,rate 2,rate 3,rate 4,rate 5,rate 8"

# Many processes at once: exactly the limit gets through, whatever the order.
export SEDESK_NOW=2026-03-02T11:00:00Z
_pids=()
for i in $(seq 1 12); do
	SEDESK_USER=bram "$SEDESK_BIN" case note "$G1" "parallel $i" >"$T_DIR/par.$i.out" \
	    2>"$T_DIR/par.$i.err" </dev/null &
	_pids+=($!)
done
_okn=0 _refused=0
for i in $(seq 1 12); do
	wait "${_pids[$((i - 1))]}"
	case $? in 0) _okn=$((_okn + 1)) ;; 4) _refused=$((_refused + 1)) ;; esac
done
is "rate: 12 processes at once: 5 allowed, 7 refused" "$_okn/$_refused" 5/7
run root case show "$G1" --json
jq_is "rate: 5 parallel notes in the journal" \
    '[.journal[] | select(.kind=="note") | .text | select(startswith("parallel"))] | length' 5

# A bad value is a configuration error; 0 means no limit.
write_config "$T_DIR/bad.ini"
printf '\n[limits]\nwrites_per_minute = lots\n' >>"$T_DIR/bad.ini"
SEDESK_CONFIG=$T_DIR/bad.ini fails 2 "rate: writes_per_minute = lots" bram case list
like "rate: the configuration error names the key" "$ERR" 'writes_per_minute'
write_config "$T_DIR/nolimit.ini"
printf '\n[limits]\nwrites_per_minute = 0\n' >>"$T_DIR/nolimit.ini"
for i in 1 2 3 4 5 6 7; do SEDESK_CONFIG=$T_DIR/nolimit.ini run bram case note "$G1" "free $i"; done
rc_is "rate: writes_per_minute = 0: no limit" 0
export SEDESK_CONFIG=$T_CONF
run root check
rc_is "check is clean after the rate tests" 0

finish
