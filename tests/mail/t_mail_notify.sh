#!/bin/bash
# Each notification through a real MTA (issue 16, outgoing): who gets which
# mail, in which language, and that the delivered messages are correct
# MIME as a mail client reads them (Python's email package): RFC 2047
# subject and names, UTF-8 quoted-printable bodies, one Message-ID each,
# References/In-Reply-To threading a case's mails, Auto-Submitted, Date.
. "$(dirname "$0")/common.sh"
mail_desk

C=$(new_case "Terras “zomer” — vergunning")
[ -n "$C" ] || { not_ok "set-up: a case"; finish; }
is "a new case sends nothing" "$(pf_count)" 0

# --- a route: the department's address and its officers who chose each -------
run ann case route "$C" eco wel
rc_is "the route is made" 0
is "and the CLI says nothing about mail that went" "$ERR" ""
check "three mails arrive" pf_wait 3 20
sleep 0.5; pf_flush
is "no more than three: not els (digest), chris (none) nor ann (who routed)" "$(pf_count)" 3
eco=$(mail_to economie@example.be); bram=$(mail_to bram@example.be); wel=$(mail_to welzijn@example.be)
[ -n "$eco" ] && [ -n "$bram" ] && [ -n "$wel" ] || { not_ok "each of eco, bram and wel got one" "$(pf_files)"; finish; }
ok "the department addresses of eco and wel and bram (eco, each) each got one"
# pf_clear removes delivered files: the ones the threading test reads are kept.
keep() { cp "$1" "$T_DIR/$2.eml"; echo "$T_DIR/$2.eml"; }
eco=$(keep "$eco" eco); bram=$(keep "$bram" bram); wel=$(keep "$wel" wel)

is "subject: the case number and the case's subject (RFC 2047 decoded)" "$(mf "$eco" subject)" \
	"[sedesk $C] New route: Terras “zomer” — vergunning"
like "the raw subject is RFC 2047 encoded UTF-8" "$(mf "$eco" raw:Subject)" '=\?UTF-8\?[BbQq]\?'
is "the header block is plain ASCII" "$(mf "$eco" ascii-headers)" yes
is "To names the department (its accent RFC 2047 encoded)" "$(mf "$eco" to-name)" "Économie & Ondernemen"
is "To's address" "$(mf "$eco" to-addr)" "economie@example.be"
is "From is the desk's address" "$(mf "$eco" from-addr)" "desk@example.be"
is "text/plain" "$(mf "$eco" ctype)" "text/plain"
is "charset utf-8" "$(mf "$eco" charset)" "utf-8"
is "quoted-printable" "$(mf "$eco" cte)" "quoted-printable"
body=$(mf "$eco" body)
like "the body decodes to UTF-8 text: the enterprise's name" "$body" "Enterprise: +Café De Zon"
like "it says who routed it to which department" "$body" "Ann Peeters routed this case to Économie & Ondernemen\."
like "what to do" "$body" "Pick the route up"
like "how to open it on the command line" "$body" "sedesk case show $C"
like "and in the interface" "$body" "press / and type $C"
like "the route's due day (3 working days, the 4th a holiday)" "$body" "Due: +2026-03-06"
is "Auto-Submitted: auto-generated" "$(mf "$eco" raw:Auto-Submitted)" "auto-generated"
is "Date in RFC 5322 form, the action's time" "$(mf "$eco" date-utc)" "2026-03-02T09:00:00Z"
like "raw Date: day, DD Mon YYYY HH:MM:SS zone" "$(mf "$eco" raw:Date)" \
	'^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$'
is "the department's mail is in the desk's language; bram's in his own (nl)" \
	"$(mf "$bram" subject)" "[sedesk $C] Nieuwe doorverwijzing: Terras “zomer” — vergunning"
like "bram's body is Dutch" "$(mf "$bram" body)" "Ann Peeters verwees deze zaak door naar Économie & Ondernemen\."
is "bram's name RFC 2047 decoded" "$(mf "$bram" to-name)" "Bram Désiré De Smet"

# --- answers, declines: the case's owner -----------------------------------------
pf_clear
run bram case answer "$C" --dept eco --text "Een terrasvergunning kan, zie bijlage."
rc_is "bram answers eco's route" 0
check "the owner gets one mail" pf_wait 1 20
ans=$(keep "$(mail_to ann@example.be)" ans)
is "to the owner, ann" "$(pf_count)/$(mf "$ans" to-addr)" "1/ann@example.be"
is "subject: answered by the department" "$(mf "$ans" subject)" \
	"[sedesk $C] Answered by Économie & Ondernemen: Terras “zomer” — vergunning"
unlike "the answer's own text is not in the mail" "$(mf "$ans" body)" "bijlage"
pf_clear
run chris case decline "$C" --dept wel --reason "Geen zorgvraag."
rc_is "chris declines wel's route" 0
check "the owner gets the decline" pf_wait 1 20
dec=$(keep "$(mail_to ann@example.be)" dec)
like "subject: declined by" "$(mf "$dec" subject)" "^\[sedesk $C\] Declined by Welzijn: "
unlike "not the reason" "$(mf "$dec" body)" "zorgvraag"

# --- a reminder: the department ----------------------------------------------------
pf_clear
run ann case route "$C" spa
run ann case remind "$C" --dept spa
rc_is "ann reminds spa" 0
check "omgeving@ gets the route and the reminder" pf_wait 2 20
# Chosen by its subject: the two mails are delivered tens of milliseconds
# apart, not always in the order they were handed over.
rem=
for _f in $(mail_to omgeving@example.be); do
	case $(mf "$_f" subject) in *"Reminder: "*) rem=$_f ;; esac
done
[ -n "$rem" ] || { not_ok "one of omgeving@'s two mails is the reminder" "$(pf_files)"; finish; }
rem=$(keep "$rem" rem)
like "the reminder's subject" "$(mf "$rem" subject)" "^\[sedesk $C\] Reminder: "
like "its body" "$(mf "$rem" body)" "Ann Peeters reminds Ruimtelijke ordening of this case"

# --- reopened: the owner, when someone else reopens -------------------------------
run ann case close "$C" --resolution "Vergunning aangevraagd."
pf_clear
run gert case reopen "$C"
rc_is "gert reopens ann's case" 0
check "ann hears of it" pf_wait 1 20
reo=$(keep "$(mail_to ann@example.be)" reo)
like "subject: reopened" "$(mf "$reo" subject)" "^\[sedesk $C\] Reopened: "
like "who did it" "$(mf "$reo" body)" "Gert Wouters reopened this case, which you own\."
pf_clear
run ann case close "$C" --resolution "Toch afgerond."
run ann case reopen "$C"
sleep 0.5; pf_flush; sleep 0.5
is "ann reopening her own case mails nobody" "$(pf_count)" 0

# --- threading: every mail of the case names the same thread; ids are unique -------
run root outbox --all --json
rc_is "the admin lists the outbox" 0
jq_is "every mail of the case is sent" '[.[] | select(.state != "sent")] | length' 0
n=$(printf '%s' "$OUT" | jq length)
ids=$(printf '%s' "$OUT" | jq -r '.[].message_id' | sort -u | wc -l)
is "one Message-ID per mail ($n)" "$ids" "$n"
for f in "$eco" "$bram" "$ans" "$dec" "$rem" "$reo"; do printf '%s\n' "$(mf "$f" raw:References)"; done |
	sort -u > "$T_DIR/refs"
is "every mail's References names one thread root" "$(wc -l < "$T_DIR/refs")" 1
like "the thread root is the case's" "$(cat "$T_DIR/refs")" '^<sedesk-case-[0-9a-f]{32}@example\.be>$'
is "In-Reply-To the same root" "$(mf "$ans" raw:In-Reply-To)" "$(cat "$T_DIR/refs")"
is "the delivered Message-ID is the one the outbox stored" \
	"$(mf "$ans" raw:Message-Id)" "$(printf '%s' "$OUT" | jq -r '[.[] | select(.kind == "answered")][0].message_id')"

C2=$(new_case "Tweede vraag")
run ann case route "$C2" eco
check "a second case's route arrives" pf_wait 1 20
c2=$(mail_to economie@example.be | tail -1)
unlike "a second case is another thread" "$(mf "$c2" raw:References)" "$(cat "$T_DIR/refs")"

# --- no [mail] from: nothing is queued -------------------------------------------------
ini_set "$SEDESK_CONFIG" mail from ""
pf_clear
C3=$(new_case "Zonder mail")
run ann case route "$C3" eco
sleep 0.5; pf_flush; sleep 0.5
is "without [mail] from no mail is sent" "$(pf_count)" 0
ini_set "$SEDESK_CONFIG" mail from "desk@example.be"
run root outbox --all --json
jq_is "and none queued for it" "[.[] | select(.case == \"$C3\")] | length" 0
finish
