#!/bin/bash
# Search and reindex through the real binary: folding, numbers in every
# spelling, AND of words, the last word as a prefix, phrases, journal text,
# edits and rejected edits, ranking, visibility per role, --kind, --limit,
# the --json shape, bad usage, and reindex (admin only, same results).
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Café De Zonnebloem" --number "$KBO1" --city Gent --street "Veldstraat 12" \
    --tags horeca --offers catering --notes "Zoekt een terrasvergunning" \
    --contacts "Marieke Janssens")
E2=$(add_ent --name "Coöperatie Zonnewerf" --number "$KBO2")
if [ -z "$E1" ] || [ -z "$E2" ]; then not_ok "set-up: two enterprises" "$(cat "$T_DIR/.adderr")"; finish; fi

C1=$(SEDESK_NOW=2026-03-02T09:01:00Z new_case --enterprise "$E1" --subject "Terras op het plein" \
    --description "De sociale ondernemers vragen raad over een terras.")
C2=$(SEDESK_NOW=2026-03-02T09:02:00Z new_case --enterprise "$E2" --subject "Zonnepanelen op de loods")
C3=$(SEDESK_NOW=2026-03-02T09:03:00Z new_case --enterprise "$E2" --subject "Zonnepanelen voor de zorgboerderij")
if [ "$C1/$C2/$C3" != 2026-00001/2026-00002/2026-00003 ]; then
	not_ok "set-up: three cases" "$C1/$C2/$C3: $(cat "$T_DIR/.adderr")"; finish
fi
as ann case route "$C2" eco >/dev/null 2>&1
as ann case route "$C3" wel >/dev/null 2>&1
as ann case note "$C1" "Brandweerkeuring gepland voor de zomer." >/dev/null 2>&1

# hits QUERY… -> "kind:number-or-name" of each hit, comma-separated (as ann)
hits_as() {	# hits_as USER ARG…
	_u=$1; shift
	run "$_u" search "$@" --json
	printf '%s' "$OUT" | jq -r '[.[] | if .kind == "case" then "case:\(.number)" else "ent:\(.title)" end] | join(",")' 2>&1
}
hits() { hits_as ann "$@"; }

# --- folding and numbers ------------------------------------------------------------
is "cafe finds Café" "$(hits cafe)" "ent:Café De Zonnebloem"
is "CAFÉ finds Café" "$(hits CAFÉ)" "ent:Café De Zonnebloem"
is "Cafe finds Café" "$(hits Cafe)" "ent:Café De Zonnebloem"
is "cooperatie finds Coöperatie" "$(hits cooperatie)" "ent:Coöperatie Zonnewerf"
for n in 0403.170.701 0403170701 403170701; do
	run ann search "$n" --json
	rc_is "search $n exits 0" 0
	jq_is "$n finds the enterprise (by id), and only it" '[.[].id] | join(",")' "$E1"
	jq_is "$n is an exact hit" '.[0].exact' true
done
run ann search "$KBO2" --json
jq_is "the other number finds the other enterprise" '.[0].id' "$E2"
run ann search "$C1" --json
jq_is "a case number finds its case first" '.[0].number' "$C1"
jq_is "a case number is an exact hit" '.[0].exact' true
jq_is "a case number finds only its case" 'length' 1
# 2026-00039's digits pass the KBO check as an old 9-digit number (0202.600.039).
for i in $(seq 4 40); do new_case --enterprise "$E2" --subject "Vraag $i" >/dev/null; done
run ann search 2026-00039 --json
jq_is "2026-00039 (digits that pass the KBO check) finds its case" '[.[].number] | join(",")' 2026-00039
run ann search 2026-00038 --json
jq_is "2026-00038 finds its case" '[.[].number] | join(",")' 2026-00038

# --- words, prefix, phrase ------------------------------------------------------------
is "two words: only the case with both" "$(hits "terras plein")" "case:$C1"
is "the words may come as separate arguments" "$(hits terras plein)" "case:$C1"
is "two words that stand in no one document: nothing" "$(hits "terras zonnepanelen")" ""
is "the last word is a prefix (terr: terras, terrasvergunning)" "$(hits terr)" "case:$C1,ent:Café De Zonnebloem"
is "a space after it makes the word whole" "$(hits "terr ")" ""
is "only the last word is a prefix" "$(hits "terr plein")" ""
is "a phrase in order" "$(hits '"sociale ondernemers"')" "case:$C1"
is "a phrase out of order finds nothing" "$(hits '"ondernemers sociale"')" ""
run ann search "terr "
rc_is "nothing found exits 0" 0
like "nothing found says so" "$OUT" "Nothing found"

# --- what is indexed ------------------------------------------------------------------
for w in gent veldstraat horeca catering terrasvergunning marieke; do
	is "$w finds the enterprise" "$(hits "$w ")" "ent:Café De Zonnebloem"
done
is "a word of a note finds the case" "$(hits "brandweerkeuring ")" "case:$C1"
is "a word of the description finds the case" "$(hits "raad ")" "case:$C1"
run ann search "raad " --json
like "the snippet shows the match" "$(printf '%s' "$OUT" | jq -r '.[0].snippet')" "vragen raad"

# --- the index follows changes -------------------------------------------------------
run ann enterprise edit "$E1" --city Leuven
rc_is "enterprise edit exits 0" 0
is "the old city no longer finds it" "$(hits "gent ")" ""
is "the new city finds it" "$(hits "leuven ")" "ent:Café De Zonnebloem"
run ann case edit "$C1" --description "Een vraag over gevelreclame."
is "the old description no longer finds the case" "$(hits "ondernemers ")" ""
is "the new description finds the case" "$(hits "gevelreclame ")" "case:$C1"
rejects 2 "an edit to a number already in use" ann enterprise edit "$E2" --name "Nieuwe Naam" --number "$KBO1"
is "the rejected name is not in the index" "$(hits "nieuwe ")" ""
is "the kept name still is" "$(hits "cooperatie ")" "ent:Coöperatie Zonnewerf"

# --- ranking --------------------------------------------------------------------------
SEDESK_NOW=2026-03-02T10:00:00Z new_case --enterprise "$E1" --subject "Vraag van de buren" \
    --description "Samen met Coöperatie Zonnewerf." >/dev/null
C_NEW=$(as root case list --limit 1 --json 2>/dev/null | jq -r '.[0].number')
run ann search "Coöperatie Zonnewerf" --json
jq_is "the whole name is an exact hit, first" '.[0] | "\(.title)/\(.exact)"' "Coöperatie Zonnewerf/true"
jq_is "then the newer case that mentions it" '.[1].number' "$C_NEW"
run ann search zonnewerf --json
jq_is "a name that holds the word before a newer case" \
    '[.[] | .number // .title] | join(",")' "Coöperatie Zonnewerf,$C_NEW"
is "other hits newest first" "$(hits "zonnepanelen ")" "case:$C3,case:$C2"

# --- visibility -----------------------------------------------------------------------
is "ann (contact) sees both" "$(hits_as ann "zonnepanelen ")" "case:$C3,case:$C2"
is "dina (manager) sees both" "$(hits_as dina "zonnepanelen ")" "case:$C3,case:$C2"
is "bram (eco) sees only the case routed to eco" "$(hits_as bram "zonnepanelen ")" "case:$C2"
is "chris (wel) sees only the case routed to wel" "$(hits_as chris "zonnepanelen ")" "case:$C3"
run bram search "$C3" --json
rc_is "bram searching another department's case number: exit 0" 0
jq_is "… and it is not found" 'length' 0
is "bram does not find an unrouted case by a word of its note" "$(hits_as bram "brandweerkeuring ")" ""
is "bram finds the enterprise of a case routed to eco" "$(hits_as bram "zonnewerf ")" "ent:Coöperatie Zonnewerf"
is "bram does not find an enterprise with no case of his departments" "$(hits_as bram cafe)" ""
run bram search "zonnepanelen " --limit 1
unlike "bram is not told there is more than he may see" "$OUT" "more"

# --- --kind, --limit, --json ------------------------------------------------------------
is "--kind case" "$(hits zonnewerf --kind case)" "case:$C_NEW"
is "--kind enterprise" "$(hits zonnewerf --kind enterprise)" "ent:Coöperatie Zonnewerf"
run ann search vraag --limit 3 --json
jq_is "--limit 3 gives 3" 'length' 3
run ann search vraag --limit 3
rc_is "--limit (text) exits 0" 0
like "the text output says there is more" "$OUT" "more"
like "the text output names the kind and the title" "$OUT" "^case +2026-000[0-9]{2} Vraag"
run ann search zonnepanelen --limit 5
unlike "no 'more' when everything is shown" "$OUT" "more"
run ann search "$C1" --json
jq_is "a case hit has exactly kind, number, title, snippet, exact" '.[0] | keys | join(",")' \
    "exact,kind,number,snippet,title"
jq_is "kind is case" '.[0].kind' case
jq_is "the title is number and subject" '.[0].title' "$C1 Terras op het plein"
jq_true "snippet is a string or null" '.[0].snippet | (type == "string" or type == "null")'
run ann search cafe --json
jq_is "an enterprise hit has exactly kind, id, title, snippet, exact" '.[0] | keys | join(",")' \
    "exact,id,kind,snippet,title"
jq_true "the id is a UUID" '.[0].id | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")'
jq_is "exact is a boolean" '.[0].exact | type' boolean
run ann search "terr " --json
jq_is "nothing found is an empty array" '. | length' 0

# --- bad usage --------------------------------------------------------------------------
fails 2 "no words" ann search
fails 2 "only blanks are no words" ann search "   "
fails 2 "--kind bogus" ann search cafe --kind bogus
fails 2 "--limit 0" ann search cafe --limit 0
fails 2 "--limit x" ann search cafe --limit x
fails 2 "a query of 1001 bytes" ann search "$(head -c 1001 /dev/zero | tr '\0' a)"
run ann search "cafe$(head -c 996 /dev/zero | tr '\0' ' ')"
rc_is "a query of 1000 bytes is accepted" 0
BEFORE=$(db_fingerprint)
run bram search zonnepanelen
is "searching writes nothing" "$(db_fingerprint)" "$BEFORE"

# Text from outside cannot drive the terminal through a snippet.
printf 'Gevaarlijk \033[2J\033]0;titel\007 einde\n' >"$T_DIR/esc.txt"
new_case --enterprise "$E1" --subject "Escape" --description-file "$T_DIR/esc.txt" >/dev/null
run ann search "gevaarlijk "
like "the case with control characters is found" "$OUT" "Escape"
if printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '[\033\007]')"; then
	not_ok "no escape or bell byte reaches the terminal" "$(printf '%s' "$OUT" | od -c | head)"
else ok "no escape or bell byte reaches the terminal"; fi

# --- reindex ----------------------------------------------------------------------------
QUERIES=("cafe" "zonnepanelen" "terr" "$KBO1" "$C1" "brandweerkeuring" "vraag")
snapshot() {
	for q in "${QUERIES[@]}"; do
		printf '%s: ' "$q"
		SEDESK_USER=ann "$SEDESK_BIN" search "$q" --limit 100 --json 2>&1 </dev/null |
		    jq -c '[.[] | "\(.number // .id)/\(.exact)/\(.snippet)"]' 2>&1
	done
}
SNAP=$(snapshot)
BEFORE=$(db_fingerprint)
rejects 4 "reindex as a contact" ann reindex
rejects 4 "reindex as an officer" bram reindex
rejects 4 "reindex as a manager" dina reindex
fails 2 "reindex takes no arguments" root reindex now
run root reindex
rc_is "reindex as root exits 0" 0
like "reindex says how many documents" "$OUT" "^search index rebuilt: [0-9]+ documents$"
is "the same search results after the rebuild" "$(snapshot)" "$SNAP"
is "a rebuild of a sound index changes nothing" "$(db_fingerprint)" "$BEFORE"
run root reindex --json
NCASES=$(as root case list --limit 1000 --json 2>/dev/null | jq length)
NENTS=$(as root enterprise list --limit 1000 --json 2>/dev/null | jq length)
jq_is "reindex --json counts every enterprise and case" '.documents' "$((NCASES + NENTS))"

finish
