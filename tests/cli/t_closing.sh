#!/bin/bash
# Closing records two scores (issue 10): the enterprise's own answer to "Did
# you feel helped?" (--satisfaction) and the contact point's own view of the
# same case, "Did we help well?" (--own-view), each 1–5 or left out.  Both
# go in the journal at every closing, so a case reopened and closed again
# keeps the first closing's scores there.
. "$(dirname "$0")/common.sh"
init_db

E1=$(add_ent --name "Kringwinkel De Vlinder" --number "$KBO1")
run ann case new --enterprise "$E1" --subject "Ruimte voor een atelier"
C1=$OUT

run ann case close "$C1" --resolution "Atelier gevonden." --satisfaction 4 --own-view 2
rc_is "close with both scores" 0
run ann case show "$C1" --json
jq_is "JSON: satisfaction 4" '.satisfaction' 4
jq_is "JSON: own_view 2, a number" '.own_view | tostring + "/" + type' "2/number"
jq_is "the journal holds the satisfaction given at closing" \
	'[.journal[] | select(.field == "satisfaction") | .new] | join(",")' 4
jq_is "…and the own view" '[.journal[] | select(.field == "own_view") | .new] | join(",")' 2
run ann case show "$C1"
like "plain output shows the own view" "$OUT" "Own view +2/5"
like "…and the satisfaction" "$OUT" "Satisfaction +4/5"

# Reopened and closed again with other scores: the first ones stay in the journal.
run ann case reopen "$C1"
rc_is "set-up: reopen" 0
run ann case show "$C1" --json
jq_is "a reopened case has no own view" '.own_view' null
run ann case close "$C1" --resolution "Toch een ander pand." --satisfaction 5 --own-view 4
rc_is "close a second time" 0
run ann case show "$C1" --json
jq_is "the case has the second closing's satisfaction" '.satisfaction' 5
jq_is "…and own view" '.own_view' 4
jq_is "the journal keeps both closings' satisfaction, in order" \
	'[.journal[] | select(.field == "satisfaction") | .new] | join(",")' "4,5"
jq_is "…and both own views" '[.journal[] | select(.field == "own_view") | .new] | join(",")' "2,4"

# Left out: not given, nothing journaled.
run ann case new --enterprise "$E1" --subject "Vraag zonder score"
C2=$OUT
run ann case close "$C2" --resolution "Beantwoord."
rc_is "close without scores" 0
run ann case show "$C2" --json
jq_is "no own view: null" '.own_view' null
jq_is "no score in the journal" '[.journal[] | select(.field == "own_view" or .field == "satisfaction")] | length' 0

# Own view alone is fine; out of range is refused with nothing changed.
run ann case new --enterprise "$E1" --subject "Derde vraag"
C3=$OUT
for v in 0 6 -1 abc 2.5 ""; do
	rejects 2 "case close --own-view '$v'" ann case close "$C3" --resolution "Klaar" --own-view "$v"
done
like "the refusal names the option" "$ERR" "--own-view"
run ann case close "$C3" --resolution "Klaar" --own-view 3
rc_is "own view without satisfaction" 0
is "…recorded" "$(cfield "$C3" .own_view)" 3
is "…satisfaction stays not given" "$(cfield "$C3" .satisfaction)" null

# case show in Dutch: every value in one column, "Eigen oordeel" (13
# columns) too — the labels were padded to 12 bytes.
LANGUAGE=nl run ann case show "$C1"
value_col() { printf '%s\n' "$OUT" | grep -m 1 "^  $1 " | sed -E "s/^(  $1 +).*/\1/" | wc -m; }
is "case show in Dutch: the own view's value in the subject's column" \
    "$(value_col "Eigen oordeel")" "$(value_col Onderwerp)"
is "… and the satisfaction's" "$(value_col Tevredenheid)" "$(value_col Onderwerp)"

# An officer may not close (the permission is the close's, not the option's).
run ann case new --enterprise "$E1" --subject "Vierde vraag"
C4=$OUT
rejects 4 "an officer may not close with scores" bram case close "$C4" --resolution "Klaar" --own-view 3
finish
