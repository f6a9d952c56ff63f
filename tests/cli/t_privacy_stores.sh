#!/bin/bash
# sedesk privacy export and erase (issue 17) over the stores that are not
# field-table records (src/core/privacy_stores.c): the attachments mailgate
# kept with a case, the outbox, the access log; and `privacy fields`
# listing them.  An erasure by --email leaves no byte of the address (nor
# the attachment's content) in data.mdb or lock.mdb after the compaction,
# the mail's notes and case text included.
#
# Clock: Monday 2026-03-02 09:00 UTC (see common.sh).
. "$(dirname "$0")/common.sh"
ME=$(id -un)
cat >>"$T_CONF" <<INI

[officer:petra]
name = Petra Vos
role = dpo

[officer:mailgate]
name = Mail gate
role = gate

[mail]
gate_user = mailgate
gate_unix_users = $ME
INI
init_db
db=$T_DIR/db
nbytes() { grep -c -a -F -- "$1" "$2"; }	# nbytes STRING FILE: lines holding it

# mailgate FILE: the message on stdin, as the MTA gives it; OUT the case.
mailgate() {
	RUN_STDIN=$1 run "$ME" mailgate
	RUN_STDIN=/dev/null
}
# mail FROM SUBJECT FILENAME CONTENT > message: a text and one attachment.
mail() {
	cat <<EOF
From: $1
To: loket@gemeente.example
Subject: $2
Message-ID: <$RANDOM.$RANDOM@example.org>
Date: Mon, 2 Mar 2026 08:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset=utf-8

Goedemorgen, zie de bijlage.
--XYZ
Content-Type: text/plain; name="$3"
Content-Disposition: attachment; filename="$3"
Content-Transfer-Encoding: base64

$(printf '%s\n' "$4" | base64)
--XYZ--
EOF
}

# --- the register lists the stores --------------------------------------------------------
run petra privacy fields --json
rc_is "privacy fields --json (dpo)" 0
jq_true "the stores are listed with a label, purpose and retention" \
	'[.[] | select(.record == "store") | .field] as $s | all(("attendance","mail_attach","outbox","access_log"); . as $x | $s | index($x) != null) and all(.[] | select(.record == "store"); (.label | length) > 0 and (.purpose | length) > 0 and (.retention | length) > 0)'
jq_true "the access log's retention names its key" \
	'any(.[]; .field == "access_log" and (.retention | contains("[privacy] access_log_days")))'
run root privacy fields
like "text: a store with its label" "$OUT" "store mail_attach \\(e-mail attachments\\)
    purpose: "
LANGUAGE=nl run root privacy fields
like "in Dutch" "$OUT" "store outbox \\(uitgaande mail\\)"

# --- mail attachments ----------------------------------------------------------------
ADDR=lotte.verbeke@voorbeeld.example
mail "Lotte Verbeke <$ADDR>" "Vraag over een vergunning" cv.txt "GEHEIME-INHOUD-4711" \
	>"$T_DIR/m1.eml"
mailgate "$T_DIR/m1.eml"
rc_is "set-up: mail from Lotte with an attachment makes a case" 0
CL=$OUT
mail "Lotte Verbeke <$ADDR>" "Re: [sedesk $CL] Vraag" plan.txt "TWEEDE-BIJLAGE-0815" \
	>"$T_DIR/m2.eml"
mailgate "$T_DIR/m2.eml"
rc_is "set-up: her reply with the tag adds a note and a second attachment" 0
# Someone else on the same case, and on a case of their own.
mail "Karel Mertens <karel@ander.example>" "Re: [sedesk $CL] Vraag" karel.txt "KAREL-INHOUD-2222" \
	>"$T_DIR/m3.eml"
mailgate "$T_DIR/m3.eml"
mail "Karel Mertens <karel@ander.example>" "Iets anders" ander.txt "ANDER-INHOUD-3333" \
	>"$T_DIR/m4.eml"
mailgate "$T_DIR/m4.eml"
CK=$OUT
run ann case attachment list "$CL" --json
jq_is "set-up: three attachments on Lotte's case" length 3
[ "$(nbytes "$ADDR" "$db/data.mdb")" -gt 0 ] && ok "before: the address is in data.mdb" ||
	not_ok "before: the address is in data.mdb"

run petra privacy export --email "$ADDR" --json
rc_is "export --email (dpo)" 0
jq_true "her attachments are exact items, with name, size and sender" \
	'[.exact[] | select(.record == "attachment")] | length == 2 and
	 any(.[]; .ref == "'"$CL"' #1" and (.text | startswith("cv.txt (text/plain, ")) and (.text | endswith("from '"$ADDR"'")))'
jq_true "Karel's attachment on her case is listed for review" \
	'any(.review[]; .record == "attachment" and .ref == "'"$CL"' #3" and (.text | contains("karel@ander.example")))'
jq_true "Karel's own case is not listed" \
	'[.exact[], .review[] | select(.ref | startswith("'"$CK"'"))] | length == 0'
jq_true "the case text made from her mail is found" \
	'any(.review[]; .record == "case" and .field == "description" and (.text | startswith("E-mail from Lotte Verbeke <'"$ADDR"'>:")))'
jq_true "the note made from her reply is found" \
	'any(.review[]; .record == "journal" and (.text | startswith("E-mail from Lotte Verbeke <'"$ADDR"'>")))'

run petra privacy export --person "Lotte Verbeke" --json
rc_is "export --person (dpo)" 0
jq_true "--person: the attachments she sent (the notes say her address), exact" \
	'[.exact[] | select(.record == "attachment") | .ref] == ["'"$CL"' #1", "'"$CL"' #2"]'
jq_true "… the other one on her case, for review" \
	'[.review[] | select(.record == "attachment") | .ref] == ["'"$CL"' #3"]'
run petra privacy export --person "Lotte Verbeke"
like "the text version lists an attachment" "$OUT" "attachment $CL #1, attachment:
    cv.txt \\(text/plain, [0-9]+ bytes\\) from $ADDR"

size1=$(cfield "$CL" '.attachments[0].size')
run root privacy erase --email "$ADDR" --json
rc_is "erase --email (admin)" 0
jq_true "it erased the attachments, the compaction done" \
	'.compaction == "done" and ([.values.exact[] | select(.record == "attachment")] | length == 2)'
run ann case attachment list "$CL" --json
jq_true "her attachments: name and sender the tombstone, marked erased" \
	'[.[] | select(.number <= 2)] | all(.name == "[erased 2026-03-02]" and .from == "[erased 2026-03-02]" and .erased)'
jq_is "… size and type kept" '[.[0].size, .[0].type] | map(tostring) | join(" ")' "$size1 text/plain"
jq_true "Karel's attachment on her case is untouched" \
	'.[2].name == "karel.txt" and .[2].from == "karel@ander.example" and (.[2].erased | not)'
fails 3 "an erased attachment's content cannot be saved" ann case attachment save "$CL" 1 "$T_DIR/x"
like "… it says why" "$ERR" "was erased"
run ann case attachment save "$CL" 3 "$T_DIR/karel.txt"
rc_is "Karel's attachment is still saved" 0
is "… byte for byte" "$(cat "$T_DIR/karel.txt")" "KAREL-INHOUD-2222"
run ann case show "$CL" --json
jq_true "the case text keeps the name, the address tombstoned" \
	'.description | startswith("E-mail from Lotte Verbeke <[erased 2026-03-02]>:")'
for s in "$ADDR" "GEHEIME-INHOUD-4711" "TWEEDE-BIJLAGE-0815" "cv.txt" "plan.txt"; do
	is "after erase --email: no byte of '$s' in data.mdb" "$(nbytes "$s" "$db/data.mdb")" 0
	is "… nor in lock.mdb" "$(nbytes "$s" "$db/lock.mdb")" 0
done
[ "$(nbytes "KAREL-INHOUD-2222" "$db/data.mdb")" -gt 0 ] &&
	ok "the other sender's attachment is still in data.mdb" ||
	not_ok "the other sender's attachment is still in data.mdb"
run root check
rc_is "check passes after the erasure" 0
run petra privacy export --email "$ADDR" --json
jq_is "a second export finds nothing exact" '[.exact[]] | length' 0

# --person: the attachments of the mail the notes say she sent.
mail "Noor Declercq <noor@declercq.example>" "Subsidie voor een werkplaats" begroting.txt \
	"NOOR-BEGROTING-5150" >"$T_DIR/m6.eml"
mailgate "$T_DIR/m6.eml"
CN=$OUT
run root privacy erase --person "Noor Declercq" --json
rc_is "erase --person" 0
jq_true "… it erased her attachment" 'any(.values.exact[]; .record == "attachment" and .ref == "'"$CN"' #1")'
run ann case attachment list "$CN" --json
jq_true "… marked erased, sender tombstoned" '.[0].erased and .[0].from == "[erased 2026-03-02]"'
is "the case text: name and address tombstoned" "$(cfield "$CN" '.description | split("\n")[0]')" \
	"E-mail from [erased 2026-03-02] <[erased 2026-03-02]>:"
for s in "NOOR-BEGROTING-5150" "Noor Declercq" "begroting.txt" "noor@declercq.example"; do
	is "after erase --person: no byte of '$s' in data.mdb" "$(nbytes "$s" "$db/data.mdb")" 0
done

# --enterprise: a sole proprietor's cases' attachments, all of them.
SOLE=$(add_ent --name "Bakkerij Sanne Wouters" --number "$KBO2" --email sanne@wouters.example)
mail "Sanne Wouters <sanne@wouters.example>" "Broodjes voor de markt" recept.txt \
	"SANNE-RECEPT-9999" >"$T_DIR/m5.eml"
mailgate "$T_DIR/m5.eml"
CS=$OUT
is "set-up: the sole proprietor's mail is her enterprise's case" \
	"$(cfield "$CS" '.enterprise.name')" "Bakkerij Sanne Wouters"
run petra privacy export --enterprise "$KBO2" --json
jq_true "export --enterprise: the attachment of her case, exact" \
	'any(.exact[]; .record == "attachment" and .ref == "'"$CS"' #1")'
run root privacy erase --enterprise "$KBO2" --json
rc_is "erase --enterprise" 0
run ann case attachment list "$CS" --json
jq_true "… its attachment erased" '.[0].erased and .[0].name == "[erased 2026-03-02]"'
is "no byte of its content in data.mdb" "$(nbytes "SANNE-RECEPT-9999" "$db/data.mdb")" 0

# --- the outbox --------------------------------------------------------------------------
mkdir -p "$T_DIR/sent"
cat >"$T_DIR/sendmail" <<SH
#!/bin/sh
cat > "\$(mktemp "$T_DIR/sent/msg.XXXXXX")"
SH
printf '#!/bin/sh\ncat >/dev/null; echo "no route to the relay" >&2; exit 75\n' >"$T_DIR/sendmail-down"
chmod 755 "$T_DIR/sendmail" "$T_DIR/sendmail-down"
ini_set "$T_CONF" mail from "desk@example.be"
ini_set "$T_CONF" mail sendmail "$T_DIR/sendmail -t -i"
EF=$(add_ent --name "Kringwinkel Oost" --number "$KBO3")
CF1=$(new_case --enterprise "$KBO3" --subject "Vraag van Femke Claes")
run ann case route "$CF1" eco
rc_is "set-up: a route mailed the department (sent)" 0
ini_set "$T_CONF" mail sendmail "$T_DIR/sendmail-down -t -i"
CF2=$(new_case --enterprise "$KBO3" --subject "Femke Claes, tweede vraag")
run ann case route "$CF2" eco
SOLE2=$(add_ent --name "Atelier Joris Smet" --number "$KBO4")
CJ=$(new_case --enterprise "$KBO4" --subject "Offerte voor zitbanken")
run ann case route "$CJ" eco
CO=$(new_case --enterprise "$KBO3" --subject "Iets zonder namen")
run ann case route "$CO" eco
run root outbox --all --json
jq_is "set-up: one mail sent, three pending" '[.[] | .state] | sort | join(" ")' \
	"failing failing failing sent"

run petra privacy export --person "Femke Claes" --json
jq_true "export --person lists both outbox entries naming her, for review" \
	'([.review[] | select(.record == "outbox" and .field == "subject")] | length) == 2 and
	 any(.review[]; .record == "outbox" and (.ref | test("^#[0-9]+ \\(sent\\), '"$CF1"'$")))'
jq_true "… not the mail of a case without her name" \
	'all(.review[] | select(.record == "outbox"); .ref | contains("'"$CO"'") | not)'
run petra privacy export --enterprise "$KBO4" --json
jq_true "export --enterprise: the mail about the sole proprietor's case, exact" \
	'any(.exact[]; .record == "outbox" and .field == "body" and (.text | contains("Atelier Joris Smet")))'

run root privacy erase --person "Femke Claes" --json
rc_is "erase --person with mail in the outbox" 0
run root outbox --all --json
jq_is "the sent mail naming her is removed" '[.[] | select(.case == "'"$CF1"'")] | length' 0
jq_is "the pending one stays, its subject tombstoned" \
	'.[] | select(.case == "'"$CF2"'") | .subject' \
	"[sedesk $CF2] New route: [erased 2026-03-02], tweede vraag"
jq_true "the other mails are untouched" \
	'any(.[]; .case == "'"$CO"'" and (.subject | endswith("Iets zonder namen")))'
is "no byte of 'Femke Claes' in data.mdb" "$(nbytes "Femke Claes" "$db/data.mdb")" 0
is "… nor in lock.mdb" "$(nbytes "Femke Claes" "$db/lock.mdb")" 0
run root privacy erase --enterprise "$KBO4" --json
rc_is "erase --enterprise with mail in the outbox" 0
run root outbox --all --json
jq_is "the sole proprietor's pending mail: the case's subject tombstoned" \
	'.[] | select(.case == "'"$CJ"'") | .subject' "[sedesk $CJ] New route: [erased 2026-03-02]"
for s in "Joris Smet" "Offerte voor zitbanken"; do
	is "no byte of '$s' in data.mdb" "$(nbytes "$s" "$db/data.mdb")" 0
done
run root check
rc_is "check passes" 0
# The pending mail goes out as it now is, with the tombstone.
ini_set "$T_CONF" mail sendmail "$T_DIR/sendmail -t -i"
rm -f "$T_DIR"/sent/*
SEDESK_NOW=2026-03-02T12:00:00Z run root outbox --deliver --json
jq_is "the pending mails are delivered" .sent 3
all=$(cat "$T_DIR"/sent/*)
like "one went out with the tombstone" "$all" "New route: \\[erased 2026-03-02\\], tweede vraag"
unlike "no mail names her" "$all" "Femke|Claes|Joris|zitbanken"

# --- the access log --------------------------------------------------------------------
SOLE3=$(add_ent --name "Kapsalon Ine Maes" --number "$KBO5" --email ine@maes.example)
CI=$(new_case --enterprise "$KBO5" --subject "Knippen aan huis")
run ann enterprise show "$KBO5"
run ann case show "$CI"
run dina case show "$CI" --json
rc_is "set-up: the contact point and a manager looked" 0
OTHER=$(new_case --enterprise "$KBO3" --subject "Niet van haar")
run bram case show "$OTHER"
run petra privacy export --enterprise "$KBO5" --json
rc_is "export --enterprise with views in the access log" 0
jq_true "who looked at her enterprise, exact: ann" \
	'any(.exact[]; .record == "access_log" and (.ref | startswith("enterprise ")) and (.text | test("^2026-03-02T09:00:00Z ann \\(command line\\)$")))'
jq_true "… and her case: ann and dina" \
	'[.exact[] | select(.record == "access_log" and .ref == "case '"$CI"'") | .text | split(" ")[1]] | sort == ["ann", "dina"]'
jq_true "not the views of another enterprise's case" \
	'all(.exact[], .review[] | select(.record == "access_log"); .ref != "case '"$OTHER"'")'
run petra privacy export --person "Ine Maes" --json
jq_true "export --person: the views of the records found, for review" \
	'any(.review[]; .record == "access_log" and .ref == "case '"$CI"'") and
	 ([.exact[] | select(.record == "access_log")] | length) == 0'
run petra privacy export --person "Ine Maes"
like "the text version lists a view" "$OUT" "access_log case $CI, view:
    2026-03-02T09:00:00Z (ann|dina) \\(command line\\)"
lines=$(cat "$db"/access/*.log | wc -l)
run root privacy erase --enterprise "$KBO5"
rc_is "erase --enterprise" 0
is "the access log is left as it was (ids only)" "$(cat "$db"/access/*.log | wc -l)" "$lines"
is "… it names no one" "$(cat "$db"/access/*.log | grep -c -a -e Maes -e ine@maes)" 0
run petra privacy export --enterprise "$KBO5" --json
jq_true "after the erasure the views are still listed (who saw her data)" \
	'any(.exact[]; .record == "access_log" and .ref == "case '"$CI"'")'

# --- a pending digest lists a sole proprietor's case -----------------------------------------
ini_set "$T_CONF" mail sendmail "$T_DIR/sendmail-down -t -i"
SOLE4=$(add_ent --name "Fietsherstel Wout Janssens" --number "$KBO6")
CW=$(new_case --enterprise "$KBO6" --subject "Herstelplaats aan de Leie")
run ann case route "$CW" eco
run root digest --json
rc_is "set-up: the digest queued while the relay is down" 0
run petra privacy export --enterprise "$KBO6" --json
jq_true "export --enterprise: the department's digest that lists her case (review)" \
	'any(.review[]; .record == "outbox" and .field == "body" and (.text | test("'"$CW"'  due [0-9-]+  Herstelplaats aan de Leie")))'
run root privacy erase --enterprise "$KBO6"
rc_is "erase --enterprise with a pending digest" 0
is "no byte of the case's subject in data.mdb" "$(nbytes "Herstelplaats aan de Leie" "$db/data.mdb")" 0
ini_set "$T_CONF" mail sendmail "$T_DIR/sendmail -t -i"
rm -f "$T_DIR"/sent/*
SEDESK_NOW=2026-03-02T12:00:00Z run root outbox --deliver --json
rc_is "the pending mails go out" 0
digest=$(grep -l -a "^Subject: .*Digest" "$T_DIR"/sent/* | head -1)
all=$(cat "$digest" 2>/dev/null)
like "the digest's line of her case: the tombstone" "$all" "$CW  due [0-9-]+  \\[erased 2026-03-02\\]"
like "… another case's line as it was" "$all" "$CO  due [0-9-]+  Iets zonder namen"
unlike "… her name and subject nowhere" "$(cat "$T_DIR"/sent/*)" "Herstelplaats|Wout Janssens"

# Retention: a closed case past its period loses its attachments' content too.
run ann case close "$CK" --resolution "Beantwoord" --satisfaction 3
rc_is "set-up: Karel's own case closed" 0
ini_set "$T_CONF" privacy retention 1y
SEDESK_NOW=2027-03-03T09:00:00Z run root privacy retention --json
rc_is "retention applied a year and a day later" 0
jq_true "… to Karel's own case" 'any(.cases[]; .number == "'"$CK"'")'
SEDESK_NOW=2027-03-03T09:00:00Z run ann case attachment list "$CK" --json
jq_true "its attachment erased: tombstone, marked, size kept" \
	'.[0].erased and .[0].name == "[erased 2027-03-03]" and .[0].size > 0'
is "no byte of its content in data.mdb" "$(nbytes "ANDER-INHOUD-3333" "$db/data.mdb")" 0

finish
