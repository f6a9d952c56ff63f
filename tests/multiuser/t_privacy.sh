#!/bin/bash
# sedesk privacy (issue 17) in a shared (setgid) install with real users:
#   c  contact        registers a person's data
#   o  officer of eco refused every privacy command (exit 4)
#   d  dpo            exports, to a file that is the dpo's own (own group,
#                     own umask), never into the database directory
#   m  admin          erases; the compaction replaces data.mdb with a file
#                     the group still reads and writes, so every user goes on;
#                     while c's interface has the database open the
#                     compaction waits, and is done after c leaves
. "$(dirname "$0")/common.sh"

mu_users c o d m
mu_install
mu_officer "$U_c" contact
mu_officer "$U_o" officer eco
mu_officer "$U_d" dpo
mu_officer "$U_m" admin
rrun init

urun "$U_c" enterprise add --name "Kringwinkel Zuid" \
	--person "name=Jan Peeters;email=jan.peeters@example.be;phone=09 123 45 67"
need_rc0 "contact: an enterprise with a contact person"
E1=$OUT
urun "$U_c" case new --enterprise "$E1" --subject "Vraag van Jan Peeters" \
	--description "Jan Peeters wil uitbreiden"
need_rc0 "contact: a case naming him"
N1=$OUT

# --- who may ---------------------------------------------------------------------------
for cmd in "fields" "export --person Peeters" "erase --person Peeters" "compact" \
	"retention --dry-run" "retention"; do
	# shellcheck disable=SC2086
	urun "$U_o" privacy $cmd
	rc_is "officer: privacy $cmd refused (exit 4)" 4
done
urun "$U_c" privacy export --person "Jan Peeters"
rc_is "contact: export refused (exit 4)" 4
urun "$U_d" privacy erase --person "Jan Peeters"
rc_is "dpo: erase refused (exit 4)" 4

# --- the dpo's export: the dpo's own file ---------------------------------------------------
DH=$T_DIR/home/$U_d
uexec "$U_d" sh -c "umask 077 && exec env LANGUAGE=en '$P/bin/sedesk' privacy export \
	--person 'Jan Peeters' -o '$DH/jan.json'"
rc_is "dpo: export -o a file in the dpo's home" 0
is "the JSON is the dpo's, own group, own umask" "$(stat -c '%U %G %a' "$DH/jan.json")" \
	"$U_d $(id -gn "$U_d") 600"
is "the text beside it too" "$(stat -c '%U %G %a' "$DH/jan.json.txt")" \
	"$U_d $(id -gn "$U_d") 600"
jq -e '.exact | length > 0' "$DH/jan.json" >/dev/null && ok "the export names him" ||
	not_ok "the export names him" "$(cat "$DH/jan.json")"
urun "$U_d" privacy export --person "Jan Peeters" -o "$MU_DB/leak.json"
rc_is "dpo: export -o into the database directory is refused" 1
[ ! -e "$MU_DB/leak.json" ] && ok "… and nothing is written there" ||
	not_ok "… and nothing is written there" "$(ls -l "$MU_DB")"

# --- the admin erases while the contact's interface is open --------------------------------
pane_start tuiC sh -c 'cd / && exec runuser -u "$0" -- env TERM=screen-256color LANG=C.UTF-8 LANGUAGE=en "$1"' \
    "$U_c" "$P/bin/sedesk"
need_pane "the contact's interface is open" 10 tuiC "Inbox"
urun "$U_m" privacy erase --person "Jan Peeters"
rc_is "admin: erase while the contact works" 0
like "… the compaction waits" "$OUT" "not compacted yet"
urun "$U_m" inbox
like "the admin's inbox says so" "$OUT" "sedesk privacy compact"
urun "$U_m" privacy compact
rc_is "compact while the contact's interface is open: busy (exit 6)" 6
pane_keys tuiC Q
if wait_for 10 pane_exited tuiC; then ok "the contact leaves the interface"
else not_ok "the contact leaves the interface" "$(pane tuiC)"; fi
urun "$U_m" privacy compact
rc_is "compact once the contact left" 0
is "data.mdb is still the group's, 0660" "$(stat -c '%G %a' "$MU_DB/data.mdb")" "sedesk 660"
for s in "Jan Peeters" "jan.peeters@example.be" "09 123 45 67"; do
	is "no byte of '$s' in data.mdb" "$(grep -c -a -F "$s" "$MU_DB/data.mdb")" 0
	is "no byte of '$s' in lock.mdb" "$(grep -c -a -F "$s" "$MU_DB/lock.mdb")" 0
done
urun "$U_c" case new --enterprise "$E1" --subject "Nog een vraag"
rc_is "the contact works on after the compaction (a new case)" 0
urun "$U_c" case show "$N1" --json
is "… and reads the tombstone" "$(printf '%s' "$OUT" | jq -r .subject)" \
	"Vraag van [erased $(date -u +%F)]"
rrun check
rc_is "check passes" 0

finish
