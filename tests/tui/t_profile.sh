#!/bin/bash
# The enterprise's profile in the interface: ann fills kind, a recognition,
# a NACE code picked by typing a word of its label, needs, a contact person
# (in $EDITOR) and employment figures in the enterprise form; the
# enterprise screen shows them in words, in English and in Dutch; the
# picker narrows on a Dutch word in a Dutch session; a bad recognition day
# is refused beside its field and changes nothing.
. "$(dirname "$0")/tmux.sh"

NAME="Groen Werkt"

tui_start SEDESK_USER=ann
need "ann's inbox opens" 5 " need"
keys e
need "e opens the enterprise list" 3 "Enterprises ("
keys a
need "a opens the new enterprise form" 3 "New enterprise"
typein "$NAME"
# From the name, twelve fields down to the kind.
for _i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys Tab; done
keys Right
expect_screen "→ on the kind chooses the first kind" 2 "‹ maatwerkbedrijf (custom employm"
keys Tab
typein "maatwerkbedrijf=2019-01-01"
keys Tab
expect_screen "the NACE field says how to type in it" 2 "NACE: type a code or a word of its label"
typein "landsch"
expect_screen "typing a word of a label opens the picker" 2 "NACE sections and divisions"
expect_screen "the picker shows the matching division" 2 "81  Services to buildings and landscape activities"
refute_screen "the picker shows only what matches" "56  Food and beverage"
keys Enter
wait_gone 2 "NACE sections and divisions"
expect_screen "Enter takes the division's code into the field" 2 "‹" # the form is back
is "the field holds the code" "$(screen_line 'NACE codes' | sed 's/.*NACE codes *//; s/ *$//')" "81"
typein ".300"
refute_screen "a full code needs no picker" "NACE sections and divisions"
keys Tab
typein "werkruimte, opdrachten"
keys Tab
set_editor_text "name=Lotte Verbeke;role=coördinator;email=lotte@groen.be;lang=nl"
keys Enter
expect_screen "the contact person comes from the editor" 5 "name=Lotte Verbeke"
keys Tab
typein "target=14;fte=11,5;known=2025-12-01"
keys F2
need "F2 saves and opens the enterprise screen" 3 "enterprise registered."
expect_screen "the screen shows the kind in words" 2 "maatwerkbedrijf (custom employment company)"
expect_screen "the screen shows the recognition with its day" 2 \
    "recognised maatwerkbedrijf since 2019-01-01"
expect_screen "the screen shows the NACE code with its label" 2 \
    "81.300 (division: Services to buildings and landscape"
expect_screen "the screen shows the contact person in structure" 2 \
    "Lotte Verbeke, coördinator, lotte@groen.be, speaks nl"
expect_screen "the screen shows the employment figures" 2 \
    "14 target-group employees, 11.50 FTE (known on 2025-12-01)"
expect_screen "the screen shows the needs" 2 "werkruimte,opdrachten"
refute_screen "no stored keys on the screen" "since="

ID=$(cli root enterprise list --json | jq -r '.[] | select(.name=="Groen Werkt") | .id')
is "the CLI sees the NACE code as the main? no: one secondary code" \
    "$(cli root enterprise show "$ID" --json | jq -r '[.nace[] | "\(.code):\(.main)"] | join(" ")')" \
    "81.300:false"
is "the CLI sees the person" "$(cli root enterprise show "$ID" --json | jq -r '.persons[0].email')" \
    "lotte@groen.be"
is "the CLI sees the FTE in hundredths" \
    "$(cli root enterprise show "$ID" --json | jq -r '.employment.fte_hundredths')" 1150

# --- a bad recognition day: refused beside the field, nothing saved -------------------
keys e
need "e opens the enterprise form to edit" 3 "Edit enterprise"
for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do keys Tab; done
keys End
typein ", lde=2021-02-30"
keys Tab
expect_screen "leaving the field shows the error beside it" 3 "recognition lde: give t"
V=$(cli root enterprise show "$ID" --json | jq -r .version)
keys F2
expect_screen "F2 refuses the form, saying why" 3 "recognition lde: give the day"
is "nothing was saved" "$(cli root enterprise show "$ID" --json | jq -r .version)" "$V"

# --- Dutch: the labels and the picker in Dutch --------------------------------------------
tui_start SEDESK_USER=ann LANGUAGE=nl
need "the Dutch inbox opens" 5 "zaken wachten op u"
keys e
need "e opens the enterprise list" 3 "$NAME"
keys Enter
need "Enter opens the enterprise" 3 "Facility management, reiniging en"
expect_screen "the recognition in Dutch" 2 "erkend maatwerkbedrijf sinds 2019-01-01"
expect_screen "the kind in Dutch" 2 "Soort"
keys e
need "e opens the form" 3 "$NAME"
for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do keys Tab; done
keys End
typein ", *drinkgel"
expect_screen "a Dutch word narrows the picker" 2 "56  Eet- en drinkgelegenheden"
keys Enter
wait_gone 2 "Eet- en drinkgelegenheden"
keys F2
need "F2 saves" 3 "bewaard."
is "the picked code is the main activity" \
    "$(cli root enterprise show "$ID" --json | jq -r '[.nace[] | "\(.code):\(.main)"] | join(" ")')" \
    "81.300:false 56:true"
expect_quit "Q quits"

finish
