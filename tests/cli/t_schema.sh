#!/bin/bash
# A database of each released schema keeps working: tests/data/schema-N.mdb
# was written by that release (with sedesk.ini.example's departments); this
# build must open it (migrating it when older), find it clean, read and
# search it, and write to it.
#   schema-1.mdb: Café De Zonnebloem (0403.170.701); 2026-00001 routed to eco
#   (answered) and omg (pending); 2026-00002 closed with satisfaction 5.
. "$(dirname "$0")/../lib.sh"
sedesk_bin
BIN=$SEDESK_BIN
HERE=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset SEDESK_DB SEDESK_CONFIG SEDESK_USER SEDESK_NOW LANGUAGE
export LANG=C.UTF-8 LANGUAGE=en
sed "s|^path *=.*|path = $T/db|" "$HERE/../sedesk.ini.example" > "$T/sedesk.ini"
export SEDESK_CONFIG="$T/sedesk.ini"
sd() { u=$1; shift; SEDESK_USER=$u "$BIN" "$@"; }

for f in "$HERE"/data/schema-*.mdb; do
	v=$(basename "$f" .mdb)
	rm -rf "$T/db" && mkdir "$T/db" && cp "$f" "$T/db/data.mdb"
	out=$(sd root check 2>&1); rc=$?
	if [ $rc -eq 0 ]; then ok "$v: opens and check finds it clean"
	else not_ok "$v: opens and check finds it clean" "exit $rc: $out"; fi
	j=$(sd ann case show 2026-00001 --json 2>&1)
	if [ "$(printf '%s' "$j" | jq -r '.subject + "|" + .status + "|" + .enterprise.name')" = \
	    "Vraag naar terrasvergunning|in_progress|Café De Zonnebloem" ]; then
		ok "$v: case 2026-00001 reads as written"
	else not_ok "$v: case 2026-00001 reads as written" "$j"; fi
	if [ "$(printf '%s' "$j" | jq -r '[.routes[] | .department + ":" + .status] | join(",")')" = \
	    "eco:answered,omg:pending" ]; then ok "$v: its routes read as written"
	else not_ok "$v: its routes read as written" "$j"; fi
	if [ "$(sd ann case show 2026-00002 --json | jq -r '.satisfaction')" = 5 ]; then
		ok "$v: the closed case keeps its satisfaction"
	else not_ok "$v: the closed case keeps its satisfaction"; fi
	if [ "$(sd ann search terras --json | jq -r '.[0].number')" = 2026-00001 ]; then
		ok "$v: its search index answers"
	else not_ok "$v: its search index answers" "$(sd ann search terras --json 2>&1)"; fi
	n=$(sd ann case new --enterprise 403170701 --subject "Na de upgrade" 2>&1)
	if [ "$n" = 2026-00003 ] || [ "$n" = "$(date -u +%Y)-00001" ]; then
		ok "$v: a new case takes the next number ($n)"
	else not_ok "$v: a new case takes the next number" "$n"; fi
	out=$(sd root check 2>&1); rc=$?
	if [ $rc -eq 0 ]; then ok "$v: still clean after writing"
	else not_ok "$v: still clean after writing" "exit $rc: $out"; fi
done

# A database of a newer schema than this build knows is refused, naming both.
rm -rf "$T/db" && mkdir "$T/db" && cp "$HERE/data/schema-1.mdb" "$T/db/data.mdb"
mdb_dump -p -s meta "$T/db" > "$T/meta.dump"
sed -i '/^ schema$/{n;s/.*/ c\\00\\00\\00/}' "$T/meta.dump"
mdb_load -s meta "$T/db" < "$T/meta.dump" 2>/dev/null
before=$(mdb_dump -a "$T/db" | sha256sum)
out=$(sd ann case list 2>&1); rc=$?
# The schema this build writes, as the source says.
schema=$(sed -n 's/^#define SD_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$HERE/../include/sedesk/desk.h")
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "schema version 99" &&
    printf '%s' "$out" | grep -q "($schema)"; then
	ok "a newer schema (99) is refused naming both versions"
else not_ok "a newer schema (99) is refused naming both versions" "exit $rc: $out"; fi
if [ "$(mdb_dump -a "$T/db" | sha256sum)" = "$before" ]; then
	ok "… and the database is left as it was"
else not_ok "… and the database is left as it was"; fi
# A database whose schema cannot be read but that holds tables is damaged,
# not "no sedesk database": a page of the meta table overwritten said so
# (t_ops' damaged copies, now and then), pointing at `init` instead of a
# backup.  Made here by copying schema-1 without its schema key.
rm -rf "$T/db" && mkdir "$T/db" && cp "$HERE/data/schema-1.mdb" "$T/db/data.mdb"
mdb_dump -a "$T/db" | awk '/^database=/ { db = substr($0, 10) }
	db == "meta" && /^ 736368656d61$/ { skip = 2 }
	skip > 0 { skip--; next }
	{ print }' > "$T/noschema.dump"
rm -rf "$T/db" && mkdir "$T/db"
mdb_load -f "$T/noschema.dump" "$T/db" 2>/dev/null
out=$(sd ann case list 2>&1); rc=$?
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "is damaged" &&
    printf '%s' "$out" | grep -q "sedesk restore"; then
	ok "tables without a schema: damaged, restore a backup"
else not_ok "tables without a schema: damaged, restore a backup" "exit $rc: $out"; fi
# Another program's LMDB file (a key, no table of sedesk's) is no sedesk
# database: that message stays.
rm -rf "$T/db" && mkdir "$T/db"
printf 'x\ny\n' | mdb_load -T "$T/db"
out=$(sd ann case list 2>&1); rc=$?
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "is not a sedesk database"; then
	ok "another program's LMDB file: not a sedesk database"
else not_ok "another program's LMDB file: not a sedesk database" "exit $rc: $out"; fi

finish
