#!/bin/bash
# The mail keys (issue 16, outgoing): [mail] from/sendmail/timeout and
# [officer:LOGIN] email/language/mail, each refused with a message that
# names the file, the section, the key and what to write instead.
. "$(dirname "$0")/common.sh"
init_db

bad_config() {	# bad_config DESC SECTION KEY VALUE ERE
	write_config
	ini_set "$T_CONF" "$2" "$3" "$4"
	run ann whoami
	rc_is "$1: refused" 2
	like "$1: the message names [$2] $3" "$ERR" "^sedesk: .*sedesk.ini: \[$2\] $3: "
	like "$1: and says what to write" "$ERR" "$5"
}

succeeds "the fixture without [mail] loads" ann whoami
bad_config "a from that is no address" mail from "the desk" "not an e-mail address.*ondernemen@gemeente.be"
bad_config "a sendmail with a relative path" mail sendmail "sendmail -t -i" "full path.*/usr/sbin/sendmail -t -i"
bad_config "a sendmail through a shell" mail sendmail '"/usr/sbin/sendmail -t; rm -rf /"' "without quotes or shell characters"
bad_config "a sendmail with a pipe" mail sendmail '/bin/cat | /usr/sbin/sendmail' "shell characters"
bad_config "a timeout of 0" mail timeout 0 "from 1 to 600"
bad_config "a timeout that is no number" mail timeout "ten" "whole number"
bad_config "an officer email that is no address" officer:bram email "bram at eco" "not an e-mail address"
bad_config "an unknown officer language" officer:bram language fr "give nl .*or en"
bad_config "an unknown mail choice" officer:bram mail weekly "each .*digest .*none"
bad_config "mail = each without an address" officer:bram mail each "needs an address.*mail = none"

write_config
ini_set "$T_CONF" mail from "desk@example.be"
ini_set "$T_CONF" mail sendmail "/usr/sbin/sendmail -oi -t"
ini_set "$T_CONF" mail timeout 5
ini_set "$T_CONF" officer:bram email "bram@example.be"
ini_set "$T_CONF" officer:bram language nl
ini_set "$T_CONF" officer:bram mail digest
ini_set "$T_CONF" officer:chris mail none
succeeds "a configuration with every mail key loads" bram whoami
unlike "without warnings" "$ERR" "warning|waarschuwing"
write_config
finish
