# A fixed history for the report suites (sourced after tests/cli/common.sh):
# four enterprises (the fourth met at a site visit and at a workshop, without a case), seven cases from January to March 2026 with routes
# picked up, answered, declined, routed again and withdrawn, two closed
# with both scores; the clock ends on Monday 2026-03-16.
# shellcheck shell=bash
at() { export SEDESK_NOW=$1; }
init_db
at 2026-01-05T09:00:00Z
E1=$(add_ent --name "Café De Kroon" --number "$KBO1")
E2=$(add_ent --name "Kringwinkel Noord" --number "$KBO2")
E3=$(add_ent --name "Atelier Zuid" --number "$KBO3")
C1=$(new_case --enterprise "$E1" --subject "Subsidie terras" --category funding --channel phone)
as ann case route "$C1" eco >/dev/null
at 2026-01-07T10:00:00Z
as bram case pickup "$C1" --dept eco >/dev/null
at 2026-01-09T10:00:00Z
as bram case answer "$C1" --dept eco --text "Aanvraag via het loket" >/dev/null
at 2026-01-12T09:00:00Z
as ann case close "$C1" --resolution "Geholpen" --satisfaction 4 --own-view 5 >/dev/null
C2=$(new_case --enterprise "$E2" --subject "Vergunning werkplaats" --category permit --channel email)
as ann case route "$C2" eco spa >/dev/null
at 2026-01-14T11:00:00Z
as bram case decline "$C2" --dept eco --reason "Niet voor ons" >/dev/null
as root case pickup "$C2" --dept spa >/dev/null
at 2026-02-02T09:00:00Z
C3=$(new_case --enterprise "$E3" --subject "Zorgtraject medewerkers" --channel desk)
as ann case route "$C3" wel eco >/dev/null
at 2026-02-04T09:00:00Z
as chris case pickup "$C3" --dept wel >/dev/null
as chris case answer "$C3" --dept wel --text "Contact opgenomen" >/dev/null
as bram case decline "$C3" --dept eco --reason "Niet voor ons" >/dev/null
at 2026-02-05T09:00:00Z
as ann case route "$C3" eco --note "Toch graag bekijken" >/dev/null
at 2026-02-10T09:00:00Z
as bram case pickup "$C3" --dept eco >/dev/null
as bram case answer "$C3" --dept eco --text "Premie mogelijk" >/dev/null
as ann case close "$C3" --resolution "Doorverwezen" --satisfaction 2 --own-view 4 >/dev/null
C4=$(new_case --enterprise "$E1" --subject "Vraag over aanbesteding" --category funding --channel web)
as ann case route "$C4" eco wel >/dev/null
at 2026-02-20T09:00:00Z
as ann case withdraw "$C4" --dept wel --reason "Vraag ingetrokken" >/dev/null
C5=$(new_case --enterprise "$E2" --subject "Extra ruimte" --category permit --channel email)
as ann case wait "$C5" --until 2026-03-20 --reason "Plannen volgen" >/dev/null
at 2026-02-23T09:00:00Z
E4=$(add_ent --name "Drukkerij Oost" --number "$KBO4")
as ann moment add --enterprise "$E4" --kind site-visit --date 2026-02-23T09:00 \
    --text "Bezoek aan de drukkerij" >/dev/null
V1=$(as ann event add --title "Werkwinkel aanbesteden" --kind workshop \
    --start 2026-02-24T14:00 --place Stadhuis)
as ann event invite "$V1" "$E4" >/dev/null
at 2026-02-25T09:00:00Z
as ann event attend "$V1" "$E4" >/dev/null
at 2026-03-02T09:00:00Z
C6=$(new_case --enterprise "$E3" --subject "Opleiding" --channel phone)
as ann case route "$C6" wel >/dev/null
C7=$(new_case --enterprise "$E1" --subject "Nieuwe vraag" --channel site-visit)
at 2026-03-16T09:00:00Z
