#!/bin/bash
# A whole day at the desk in Dutch (issue 10's closing suite): the round of
# tests/tui/day_common.sh under LANGUAGE=nl, the sizes the other way round
# from t_day_en.sh: ann at 120×40, the officers at 80×24, the manager at
# 120×40.  The words are msgstr entries of share/locale/nl.po.
. "$(dirname "$0")/tmux.sh"
. "$(dirname "$0")/day_common.sh"

# shellcheck disable=SC2034  # day_common.sh reads W
declare -A W=(
	[saved_to]="bewaard in" 
	[answer_of]="antwoord van" 
	[sat]="tevredenheid" [own]="eigen oordeel" 
	[h_enterprises]="ondernemingen" 
	[decline_for]="voor" 
	[which_dept]="Welke afdeling?" [reminder_to]="Herinnering aan" [reminded_msg]="herinnerd."
	[st_reminded]="herinnerd" [journal_of]="· logboek"
	[lang]=nl [inbox]="Inbox" [inbox_need]=" op u" [enterprises]="Ondernemingen ("
	[new_ent]="Nieuwe onderneming" [ent_registered]="onderneming geregistreerd."
	[new_case]="Nieuwe zaak" [enterprise]="Onderneming" [case]="Zaak" [cases]="Zaken"
	[search]="Zoeken" [route_to]="Doorverwijzen naar" [note_for]="Notitie voor de afdelingen"
	[refreshed]="vernieuwd." [maynot]="en die rol laat dit niet toe" [everywhere]="Overal"
	[answer]="antwoord" [pending]="open"
	[st_new]="nieuw" [st_routed]="doorverwezen" [st_answered]="beantwoord" [st_closed]="afgesloten"
	[picked_up_msg]="opgepakt." [answered_msg]="beantwoord." [declined_msg]="geweigerd."
	[why_decline]="Waarom weigert uw afdeling?" [decline_q]="weigeren voor"
	[resolution_q]="Oplossing: hoe werd de vraag beantwoord?"
	[score_ent]="De onderneming: voelde u zich geholpen? (1–5)"
	[score_own]="Ons eigen oordeel: hebben wij goed geholpen? (1–5)" [close_q]="afsluiten?"
	[save_to]="Bewaren in bestand"
	[h_route]="doorverwijzen naar afdelingen" [h_pickup]="oppakken (uw afdeling)"
	[h_answer]="beantwoorden (uw afdeling)" [h_decline]="weigeren met een reden"
	[h_note]="een notitie toevoegen" [h_wait]="wachten op de onderneming"
	[h_withdraw]="een open doorverwijzing intrekken"
	[h_remind]="een afdeling aan haar open doorverwijzing herinneren"
	[h_follow]="een opvolgdag instellen" [h_reopen]="heropenen"
	[h_close]="afsluiten met oplossing" [h_edit]="de velden bewerken" [h_new]="nieuwe zaak"
	[h_save]="de hele zaak als tekst in een bestand bewaren"
)
day_round "120 40" "80 24" "80 24" "120 40" "120 40"
finish
