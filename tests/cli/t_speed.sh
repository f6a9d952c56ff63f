#!/bin/bash
# The write path's leftovers of issue 15 (session 5, helper "speed"):
# NACE lines of `enterprise show` with their label from the activities;
# an update delivery of the synthetic extract (kbogen -u) applied on top
# of its full one; the dry run of import-kbo on the import's own path;
# a completed `enterprise import` of the same file run again.
. "$(dirname "$0")/common.sh"
init_db

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KBOGEN=${KBOGEN:-$ROOT/build/kbogen}
if [ ! -x "$KBOGEN" ]; then
	not_ok "build/kbogen is built (make build/kbogen)"
	finish
fi
"$KBOGEN" -n 2000 -s 7 "$T_DIR/full" >/dev/null || not_ok "kbogen writes a full extract"
"$KBOGEN" -n 2000 -s 7 -u "$T_DIR/upd" >/dev/null || not_ok "kbogen -u writes an update"

# --- NACE codes in words: the label the extract gave (activities) -------------------
run ann enterprise import-kbo "$T_DIR/full" --json
rc_is "the synthetic extract imports" 0
added=$(printf '%s' "$OUT" | jq -r .added)
# An enterprise with a NACE 2025 code (sedesk's own table has no 2025 labels).
num=""
for n in $(tail -n +2 "$T_DIR/full/enterprise.csv" | head -50 | cut -d, -f1 | tr -d '"'); do
	if [ "$(efield "$n" '[.nace[]? | .version] | index(2025) != null' dina)" = true ]; then
		num=$n
		break
	fi
done
like "an enterprise of the extract has NACE 2025 codes" "$num" '^[0-9]'
run dina enterprise show "$num"
rc_is "enterprise show of a KBO enterprise" 0
nace=$(printf '%s\n' "$OUT" | sed -n '/NACE codes/,/^  [A-Z]/p' | head -1)
code=$(printf '%s' "$nace" | awk '{ print $3 }')
label=$(printf '%s\n' "$OUT" | grep -F "$code (NACE 2025" | head -1 | sed 's/.*): //')
like "the activities give the code's label" "$label" '^Activiteit '
like "the NACE line names the label the extract gave, not only the version" "$nace" \
    "$code \\(2025\\) $label"

# --- an update delivery (kbogen -u) on top of the full one ----------------------------
dels=$(($(wc -l <"$T_DIR/upd/enterprise_delete.csv") - 1))
ins=$(($(wc -l <"$T_DIR/upd/enterprise_insert.csv") - 1))
run ann enterprise import-kbo "$T_DIR/upd" --json
rc_is "the update delivery applies" 0
jq_is "it is an update delivery" .delivery update
jq_is "every enterprise the update rewrites is updated" .updated "$ins"
jq_is "every enterprise it deletes without a new row is ceased" .ceased "$((dels - ins))"
jq_is "none added" .added 0
# A changed one: its name in the register is the update's.
first=$(sed -n 2p "$T_DIR/upd/enterprise_insert.csv" | cut -d, -f1 | tr -d '"')
want=$(grep -F "\"$first\"" "$T_DIR/upd/denomination_insert.csv" | grep -F ',"2","001",' |
    head -1 | cut -d, -f4- | tr -d '"')
if [ -n "$want" ]; then
	is "a changed enterprise has the update's Dutch name" "$(efield "$first" .name)" "$want"
fi
gone=$(comm -23 <(tail -n +2 "$T_DIR/upd/enterprise_delete.csv" | tr -d '"' | sort) \
    <(tail -n +2 "$T_DIR/upd/enterprise_insert.csv" | cut -d, -f1 | tr -d '"' | sort) | head -1)
is "a deleted enterprise is marked ceased on the update's day" "$(efield "$gone" .ceased)" \
    2025-10-04
run ann enterprise import-kbo "$T_DIR/upd" --json
rc_is "the same update again" 0
jq_is "the same update again updates nothing" .updated 0
jq_is "and ceases nothing more" .ceased 0
run root check
rc_is "check after the update: no problems" 0
run dina enterprise list --limit 100000 --json
is "the register still holds every enterprise" "$(printf '%s' "$OUT" | jq length)" "$added"

# --- import-kbo --dry-run: the import's own path (chunks), writing nothing ----------
# Into a second register: the dry run's report is the real run's, and it
# changes nothing (not even a job record: the real run is not "resumed").
report() { printf '%s' "$OUT" | jq -c '{added, updated, unchanged, ceased, skipped_by_reason}'; }
T_CONF_MAIN=$T_CONF T_DB_MAIN=$T_DB
mkdir -p "$T_DIR/two"
T_DB=$T_DIR/two/db
T_CONF=$T_DIR/two/sedesk.ini
cp "$T_CONF_MAIN" "$T_CONF"
export SEDESK_CONFIG=$T_CONF
init_db
before=$(db_fingerprint)
run ann enterprise import-kbo "$T_DIR/full" --dry-run --json
rc_is "a dry run of the full extract" 0
dry=$(report)
is "the dry run changed nothing" "$(db_fingerprint)" "$before"
SEDESK_KBO_PARTITION=700 run ann enterprise import-kbo "$T_DIR/full" --dry-run --json
is "a dry run in several partitions reports the same" "$(report)" "$dry"
run ann enterprise import-kbo "$T_DIR/full" --json
rc_is "the real run" 0
is "the dry run's report is the real run's" "$dry" "$(report)"
jq_is "the real run resumed nothing (the dry run left no job)" .resumed false
before=$(db_fingerprint)
run ann enterprise import-kbo "$T_DIR/upd" --dry-run --json
dry=$(report)
is "the update's dry run changed nothing" "$(db_fingerprint)" "$before"
run ann enterprise import-kbo "$T_DIR/upd" --json
is "the update's dry run reports what the update then does" "$dry" "$(report)"
export SEDESK_CONFIG=$T_CONF_MAIN
T_CONF=$T_CONF_MAIN T_DB=$T_DB_MAIN

# --- enterprise import of a file imported whole before ------------------------------
# Rows without a number: nothing else would refuse them the second time.
printf 'name,city\nZonder Nummer Een,Gent\nZonder Nummer Twee,Gent\n' >"$T_DIR/nonum.csv"
run ann enterprise import "$T_DIR/nonum.csv"
is "a file of rows without a number imports" "$RC/$OUT" "0/imported 2, rejected 0"
before=$(db_fingerprint)
run ann enterprise import "$T_DIR/nonum.csv"
rc_is "the same file again exits 0" 0
like "… says it was imported whole, when, with that run's counts" "$OUT" \
    "nonum\.csv was imported whole on [0-9]{4}-[0-9]{2}-[0-9]{2} \(imported 2, rejected 0\); nothing was changed"
is "… and changes nothing (no row twice)" "$(db_fingerprint)" "$before"
run ann search "zonder nummer" --json
jq_is "each row once in the register" 'length' 2
run ann enterprise import "$T_DIR/nonum.csv" --json
jq_true "--json says so too" '.already_imported | test("^[0-9]{4}-")'
touch -d '1 minute ago' "$T_DIR/nonum.csv"
run ann enterprise import "$T_DIR/nonum.csv"
is "touched (another file's identity), it imports again, as the message says" "$RC/$OUT" \
    "0/imported 2, rejected 0"

# --- case import of a file imported whole before -------------------------------------
num() { awk -v i="$1" 'BEGIN { n8 = 2100000 + i; printf "%08d%02d\n", n8, 97 - n8 % 97 }'; }
printf 'name,number,city\nHistorie Een bv,%s,Gent\nHistorie Twee bv,%s,Gent\n' \
    "$(num 1)" "$(num 2)" >"$T_DIR/hist-ents.csv"
run ann enterprise import "$T_DIR/hist-ents.csv"
is "the history's enterprises import" "$RC/$OUT" "0/imported 2, rejected 0"
{
	echo "created,enterprise,subject,description,dept1,answer1,answered1"
	echo "2024-03-04,$(num 1),Vraag over een vergunning,Een vraag,eco,Dat kan,2024-03-05"
	echo "2024-05-06,$(num 2),Vraag over personeel,Nog een vraag,wel,Ja,2024-05-08"
} >"$T_DIR/history.csv"
run ann case import "$T_DIR/history.csv"
is "a history of two cases imports" "$RC/$OUT" "0/imported 2 cases"
cases_before=$(SEDESK_USER=dina "$SEDESK_BIN" case list --limit 1000 --json </dev/null | jq length)
before=$(db_fingerprint)
run ann case import "$T_DIR/history.csv"
rc_is "the same history again exits 0" 0
like "… says it was imported whole, with that run's count" "$OUT" \
    "history\.csv was imported whole on [0-9-]{10} \(imported 2 cases\); nothing was changed"
is "… changes nothing" "$(db_fingerprint)" "$before"
is "… and no case comes twice" \
    "$(SEDESK_USER=dina "$SEDESK_BIN" case list --limit 1000 --json </dev/null | jq length)" \
    "$cases_before"

finish
