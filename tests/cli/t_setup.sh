#!/bin/bash
# Set-up: init, configuration lookup and validation, identity, the
# departments / officers / whoami listings and their JSON.
. "$(dirname "$0")/common.sh"

# --- init ---------------------------------------------------------------
run root init
rc_is "init exits 0" 0
like "init prints the database's absolute path" "$OUT" "(^|[ :])$T_DB/?\$"
check "init creates data.mdb in the config's relative path (beside the file)" test -f "$T_DB/data.mdb"

fp1=$(db_fingerprint)
run root init
rc_is "init again exits 0 (idempotent)" 0
is "init again changes nothing" "$(db_fingerprint)" "$fp1"

# The fingerprint itself can see a change (else every "unchanged" proves nothing).
run ann enterprise add --name "Fingerprint Probe"
rc_is "enterprise add works after init" 0
fp2=$(db_fingerprint)
if [ "$fp2" != "$fp1" ]; then ok "db_fingerprint changes when data is written"
else not_ok "db_fingerprint changes when data is written" "same digest $fp1"; fi
is "db_fingerprint is stable when nothing is written" "$(db_fingerprint)" "$fp2"

# Relative database path is taken from the file's folder, not the cwd.
mkdir -p "$T_DIR/elsewhere"
(cd "$T_DIR/elsewhere" && SEDESK_USER=root "$SEDESK_BIN" init >/dev/null 2>&1)
check "a relative [database] path does not follow the cwd" test ! -e "$T_DIR/elsewhere/db"

# --db and $SEDESK_DB override the configured directory.
run root --db "$T_DIR/db2" init
rc_is "--db DIR init exits 0" 0
check "--db DIR creates the database there" test -f "$T_DIR/db2/data.mdb"
SEDESK_DB=$T_DIR/db3 run root init
rc_is "\$SEDESK_DB init exits 0" 0
check "\$SEDESK_DB creates the database there" test -f "$T_DIR/db3/data.mdb"
run ann --db "$T_DIR/db2" enterprise list --json
jq_is "--db DIR reads that database (empty register)" 'length' 0
run ann enterprise list --json
jq_is "without --db the configured database is read" '.[].name' "Fingerprint Probe"
run ann enterprise list --json --db "$T_DIR/db2"
jq_is "--db is accepted after the command too" 'length' 0

# init is the admin's: anyone else's init, on a new folder or on the
# database, is refused and changes nothing (issue 9, finding 4).
for u in ann bram dina; do
	run $u --db "$T_DIR/db-$u" init
	rc_is "$u: init on a new folder is refused (exit 4)" 4
	like "$u: … the message says the role may not" "$ERR" 'may not create or initialise the database'
	check "$u: … and nothing was created" test ! -e "$T_DIR/db-$u"
done
fp=$(db_fingerprint)
run bram init
rc_is "bram: init on the configured database is refused (exit 4)" 4
is "bram: … and the database is unchanged" "$(db_fingerprint)" "$fp"

# A command before init on a fresh directory fails and says what to do.
run ann --db "$T_DIR/never" case list
if [ "$RC" -ne 0 ]; then ok "a command on a missing database fails"
else not_ok "a command on a missing database fails" "exit 0: $OUT"; fi
err_prefix "missing database: message starts with 'sedesk:'"
like "missing database: the message mentions init" "$ERR" 'init'
check "a read command does not create a database" test ! -e "$T_DIR/never/data.mdb"

# --- identity -------------------------------------------------------------
run ann whoami
rc_is "whoami exits 0" 0
like "whoami names the login" "$OUT" 'ann'
like "whoami names the role" "$OUT" 'contact'

run bram whoami --json
rc_is "whoami --json exits 0" 0
jq_is "whoami --json login" '.login' bram
jq_is "whoami --json name" '.name' "Bram De Smet"
jq_is "whoami --json role" '.role' officer
jq_is "whoami --json departments" '.departments | join(",")' eco
run bram --json whoami
jq_is "--json before the command works too" '.login' bram

run dina whoami --json
jq_is "whoami manager role" '.role' manager
jq_is "a manager has no departments (empty array)" '.departments | length' 0
run root whoami --json
jq_is "whoami admin role" '.role' admin

fails 4 "unknown SEDESK_USER" nobody whoami
fails 4 "unknown user on a write command" nobody enterprise add --name X

# --- departments and officers ----------------------------------------------
run ann departments
rc_is "departments exits 0" 0
like "departments lists eco" "$OUT" 'eco'
like "departments lists wel" "$OUT" 'wel'
like "departments lists spa with its name" "$OUT" 'Ruimtelijke ordening'

run ann departments --json
jq_is "departments --json has 3 entries" 'length' 3
jq_is "departments --json ids" '[.[].id] | sort | join(",")' "eco,spa,wel"
jq_is "departments --json eco name" '.[] | select(.id=="eco") | .name' "Economie en ondernemen"
jq_is "departments --json eco email" '.[] | select(.id=="eco") | .email' "economie@example.be"
jq_is "departments --json service_days is a number" '.[] | select(.id=="wel") | .service_days | type' number
jq_is "departments --json service_days value" '.[] | select(.id=="spa") | .service_days' 7

run dina officers
rc_is "officers exits 0" 0
like "officers lists chris" "$OUT" 'chris'
run dina officers --json
jq_is "officers --json has 7 entries" 'length' 7
jq_is "officers --json logins" '[.[].login] | sort | join(",")' "ann,bram,chris,dina,els,gert,root"
jq_is "officers --json roles" '[.[] | "\(.login)=\(.role)"] | sort | join(",")' \
    "ann=contact,bram=officer,chris=officer,dina=manager,els=officer,gert=contact,root=admin"
jq_is "officers --json departments of chris" '.[] | select(.login=="chris") | .departments | join(",")' wel
jq_is "officers --json name" '.[] | select(.login=="ann") | .name' "Ann Peeters"

# --- configuration lookup ----------------------------------------------------
# -c wins over $SEDESK_CONFIG.
printf '[database]\npath = db\n[officer:ann]\nrole = boss\n' >"$T_DIR/bad.ini"
SEDESK_CONFIG=$T_DIR/bad.ini run ann -c "$T_CONF" whoami
rc_is "-c FILE wins over \$SEDESK_CONFIG" 0
# $SEDESK_CONFIG wins over $XDG_CONFIG_HOME.
mkdir -p "$XDG_CONFIG_HOME/sedesk"
cp "$T_DIR/bad.ini" "$XDG_CONFIG_HOME/sedesk/sedesk.ini"
run ann whoami
rc_is "\$SEDESK_CONFIG wins over \$XDG_CONFIG_HOME" 0
# $XDG_CONFIG_HOME/sedesk/sedesk.ini is used when nothing else is given.
write_config "$XDG_CONFIG_HOME/sedesk/sedesk.ini"
sed -i "s|^path = db|path = $T_DB|" "$XDG_CONFIG_HOME/sedesk/sedesk.ini"
sed -i 's|^name = Ann Peeters|name = Ann from XDG|' "$XDG_CONFIG_HOME/sedesk/sedesk.ini"
unset SEDESK_CONFIG
run ann whoami --json
jq_is "\$XDG_CONFIG_HOME/sedesk/sedesk.ini is found" '.name' "Ann from XDG"
# ~/.config/sedesk/sedesk.ini when XDG_CONFIG_HOME is unset.
mkdir -p "$HOME/.config/sedesk"
cp "$XDG_CONFIG_HOME/sedesk/sedesk.ini" "$HOME/.config/sedesk/sedesk.ini"
sed -i 's|^name = Ann from XDG|name = Ann from HOME|' "$HOME/.config/sedesk/sedesk.ini"
unset XDG_CONFIG_HOME
run ann whoami --json
jq_is "~/.config/sedesk/sedesk.ini is found without XDG_CONFIG_HOME" '.name' "Ann from HOME"
export XDG_CONFIG_HOME=$T_DIR/xdg
rm -rf "$XDG_CONFIG_HOME/sedesk" "$HOME/.config"

# Nothing found.
if [ -e /etc/sedesk/sedesk.ini ]; then
	ok "no configuration anywhere (# SKIP /etc/sedesk/sedesk.ini exists)"
	ok "no configuration anywhere: message (# SKIP)"
else
	run ann whoami
	rc_is "no configuration anywhere: exit 2" 2
	like "no configuration anywhere: message says where it looked" "$ERR" '/etc/sedesk/sedesk.ini'
fi
export SEDESK_CONFIG=$T_CONF
fails 2 "-c names a missing file" ann whoami -c "$T_DIR/missing.ini"
like "missing -c file: message names the file" "$ERR" 'missing\.ini'
SEDESK_CONFIG=$T_DIR/missing2.ini fails 2 "\$SEDESK_CONFIG names a missing file" ann whoami
like "missing \$SEDESK_CONFIG file: message names the file" "$ERR" 'missing2\.ini'

# --- configuration validation: exit 2, message names file, section and key --
# bad_config DESC SECTION KEY  (reads the ini from stdin)
bad_config() {
	_f=$T_DIR/bad-$T_N.ini
	cat >"$_f"
	run ann -c "$_f" whoami
	rc_is "$1: exit 2" 2
	err_prefix "$1: message starts with 'sedesk:'"
	like "$1: message names the file" "$ERR" "bad-[0-9]+\\.ini"
	like "$1: message names the section [$2]" "$ERR" "$2"
	like "$1: message names the key '$3'" "$ERR" "$3"
}
conf_without() {	# the fixture with a line replaced (sed expression)
	write_config "$T_DIR/base.ini"
	sed "$1" "$T_DIR/base.ini"
}

bad_config "unknown department in an officer's list" 'officer:bram' 'departments' \
    < <(conf_without '/^\[officer:bram\]/,/^departments/ s/^departments = eco$/departments = eco, nope/')
bad_config "unknown role" 'officer:dina' 'role' \
    < <(conf_without '/^\[officer:dina\]/,/^role/ s/^role = manager$/role = boss/')
bad_config "duplicate department id" 'department:eco' 'eco' \
    < <({ write_config /dev/stdout; printf '\n[department:eco]\nname = Tweede Economie\nservice_days = 4\n'; })
bad_config "missing database path" 'database' 'path' \
    < <(conf_without '/^path = db$/d')
bad_config "officer role without departments" 'officer:chris' 'departments' \
    < <(conf_without '/^\[officer:chris\]/,/^departments/ {/^departments/d}')
bad_config "routing rule naming an unknown department" 'rule:care' 'departments' \
    < <(conf_without '/^\[rule:care\]/,$ s/^departments = wel$/departments = wel, atlantis/')
bad_config "routing rule naming an unknown category" 'rule:funding-eco' 'category' \
    < <(conf_without 's/^category = funding$/category = nosuch/')
bad_config "category service_days not a number" 'category:permit' 'service_days' \
    < <(conf_without '/^\[category:permit\]/,/^service_days/ s/^service_days = 10$/service_days = ten/')
bad_config "holiday that is not a date" 'general' 'holidays' \
    < <(conf_without 's/^holidays = .*/holidays = 2026-02-30/')

# A bad configuration stops every command, also writes; nothing is written.
conf_without 's/^role = contact$/role = contcat/' >"$T_DIR/badrole.ini"
fp=$(db_fingerprint)
run root -c "$T_DIR/badrole.ini" enterprise add --name "Should Not Exist"
rc_is "bad configuration stops a write command: exit 2" 2
is "bad configuration: database unchanged" "$(db_fingerprint)" "$fp"

finish
