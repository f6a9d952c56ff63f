#!/bin/bash
# Validation at the field (issue 10): an e-mail address needs a name, an @
# and a domain with a dot; a phone number is digits with + ( ) / . - and
# spaces.  A refused value changes nothing and names the field.
. "$(dirname "$0")/common.sh"
init_db

for v in "info@zon" "info@zon." "@zon.be" "info@.be" "info@@zon.be" "info @zon.be" "info@zon..be"; do
	rejects 2 "e-mail '$v' is refused" ann enterprise add --name "De Zon" --email "$v"
done
like "the message says what an address looks like" "$ERR" "domain with a dot"
run ann enterprise add --name "De Zon" --email "info@cafe-de-zon.be" --phone "+32 (0)9/311.03-26"
rc_is "a good address and a phone with + ( ) / . - and spaces are accepted" 0
E=$OUT
for v in "09 311 03 26 ext 4" "bel ons" "0470#12" "+-()"; do
	rejects 2 "phone '$v' is refused" ann enterprise edit "$E" --phone "$v"
done
like "the message names the signs allowed" "$ERR" "digits"
is "the stored phone is unchanged" "$(efield "$E" .phone)" "+32 (0)9/311.03-26"
finish
