#!/bin/bash
# The daily digest (issue 16): each department its open and overdue
# routes, each officer who chose mail = digest the routes of their
# departments, the cases waiting for them and today's moments and
# follow-ups; in their language; nothing for who chose each or none;
# a second run on the same day sends nothing new.
. "$(dirname "$0")/common.sh"
mail_desk
ini_set "$SEDESK_CONFIG" officer:ann mail digest
ini_set "$SEDESK_CONFIG" officer:els language nl

# Earlier: a route that is overdue by now, and a follow-up set for today.
export SEDESK_NOW=2026-02-16T09:00:00Z
OLD=$(new_case "Oude vraag over personeel")
run ann case route "$OLD" eco
WAIT=$(new_case "Vraag zonder doorverwijzing")
run ann case follow-up "$WAIT" --on 2026-03-02
need_rc0 "a follow-up for 2026-03-02"
export SEDESK_NOW=2026-03-02T09:00:00Z
NEWC=$(new_case "Nieuwe vraag over subsidie")
run ann case route "$NEWC" eco
run els moment add --enterprise "$ENT" --kind site-visit --date 2026-03-02T14:00 --dept eco
need_rc0 "els plans a visit today"
run bram moment add --enterprise "$ENT" --kind phone --date 2026-03-02T11:00 --dept eco
need_rc0 "bram (mail = each) plans a call today"
# The set-up's mails delivered before the box is emptied (a fixed second
# was not always enough: a late one counted as a digest).
check "set-up: its mails delivered" pf_settle 20
pf_clear

run ann digest
rc_is "only the admin sends the digest" 4
run root digest --json
rc_is "the admin sends it" 0
jq_is "four digests: eco's address, els, ann and bram (wel has nothing open; chris chose none)" '.queued' 4
check "they arrive" pf_wait 4 20
eco=$(mail_to economie@example.be); els=$(mail_to els@example.be); ann=$(mail_to ann@example.be)
[ -n "$eco" ] && [ -n "$els" ] && [ -n "$ann" ] || { not_ok "eco, els and ann each got one" "$(pf_files)"; finish; }
is "nothing for wel or chris" "$(mail_to welzijn@example.be)$(mail_to chris@example.be)" ""
bbody=$(mf "$(mail_to bram@example.be)" body)
like "bram (each) gets only his call of today, in Dutch" "$bbody" "Uw contactmomenten vandaag \(1\)"
unlike "…not the routes he heard of one by one" "$bbody" "doorverwijzingen"
is "the department's subject" "$(mf "$eco" subject)" "[sedesk] Digest of 2026-03-02: Économie & Ondernemen"
body=$(mf "$eco" body)
like "its open routes, one overdue" "$body" "Open routes of Économie & Ondernemen: 2, of which 1 overdue"
like "the overdue one marked" "$body" "$OLD  due 2026-02-19  OVERDUE  Oude vraag over personeel"
like "the other with its due day" "$body" "$NEWC  due 2026-03-06  Nieuwe vraag over subsidie"
is "Auto-Submitted" "$(mf "$eco" raw:Auto-Submitted)" "auto-generated"
is "els's digest is in Dutch" "$(mf "$els" subject)" "[sedesk] Overzicht van 2026-03-02: Els Claes"
ebody=$(mf "$els" body)
like "with her departments' routes" "$ebody" "Open doorverwijzingen van Économie & Ondernemen: 2, waarvan 1 te laat"
like "and her visit today" "$ebody" "Uw contactmomenten vandaag \(1\)
  2026-03-02T14:00 .*Café De Zon"
abody=$(mf "$ann" body)
like "ann's: the case waiting for her" "$abody" "Cases waiting for you \(1\)
  $WAIT  new  Vraag zonder doorverwijzing"
like "and today's follow-up" "$abody" "Follow-ups of your cases today \(1\)
  $WAIT  Vraag zonder doorverwijzing"
unlike "no contact person, no notes: only numbers, subjects, names" "$abody$ebody$body" "@"

run root digest --json
jq_is "a second run on the same day queues nothing" '.queued' 0
sleep 0.5; pf_flush; sleep 0.5
is "and nothing new arrives" "$(pf_count)" 4
SEDESK_NOW=2026-03-03T07:30:00Z run root digest --json
jq_is "the next day it goes again (bram has nothing that day)" '.queued' 3
is "the memory of sent digests keeps only today's three (not yesterday's addresses)" \
	"$(mdb_stat -s digest_sent "$T_DIR/db" | sed -n 's/^ *Entries: //p')" 3
finish
