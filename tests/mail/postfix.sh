# A private Postfix for the mail suites (sourced by tests/mail/common.sh; the
# multi-user suites and mailgate's alias pipe may source it too).  Bash, root.
#
# Postfix itself comes from the project's own list of test packages
# (GNUmakefile: DEB_PKGS_CHECK, whose recipe pre-seeds debconf with "No
# configuration", so the package leaves no system instance configured or
# listening).  This file never touches /etc/postfix: its instance has a
# configuration folder, queue, data folder, log and mail of its own inside
# the suite's temporary folder, listens on 127.0.0.1 only, relays nothing
# (every domain but localhost is delivered into one Maildir, localhost goes
# through the instance's own aliases), and pf_stop stops it and removes it,
# which the suites run from their EXIT trap, so also when a test fails.
#
#   pf_install            installs Postfix through `make build/.deps-check` when
#                         /usr/sbin/postfix is missing; 1 when that fails
#   pf_start DIR          makes and starts the instance under DIR (which the
#                         caller removes); sets PF_CONF (its configuration
#                         folder), PF_MAILDIR (the Maildir all mail lands in),
#                         PF_SENDMAIL (the sendmail command of the instance,
#                         for [mail] sendmail), PF_PORT (its SMTP port on
#                         127.0.0.1), PF_LOG (its log file); 1 on failure
#   pf_alias NAME VALUE   adds NAME: VALUE to the instance's aliases (e.g.
#                         pf_alias desk '"|/path/to/sedesk mailgate"') and
#                         reloads the instance; mail to NAME@localhost takes it
#   pf_flush              asks the instance to deliver what it holds now
#   pf_count              the number of messages in the Maildir (new/)
#   pf_wait N SECS        waits until the Maildir holds N messages or more
#   pf_files              the delivered files, oldest first
#   pf_clear              empties the Maildir
#   pf_stop               stops the instance (the EXIT trap's job); safe to
#                         call twice and when nothing was started
#
# shellcheck shell=bash

PF_REPO=${PF_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PF_CONF=${PF_CONF:-}	# tests/mail/run exports its instance's
PF_STARTED=0

pf_install() {
	[ -x /usr/sbin/postfix ] && [ -x /usr/sbin/sendmail ] && return 0
	# -W GNUmakefile: the stamp may be there from before postfix was in the list.
	make -s -C "$PF_REPO" -W GNUmakefile build/.deps-check >&2 || return 1
	[ -x /usr/sbin/postfix ]
}

# A free TCP port on 127.0.0.1 (none in use at the moment it is asked).
pf_free_port() {
	local p
	for p in $(shuf -i 20000-60000 -n 50); do
		if ! ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then
			echo "$p"; return 0
		fi
	done
	return 1
}

pf_start() {	# pf_start DIR
	local base=$1 nobody nogroup
	PF_BASE=$base
	PF_CONF=$base/etc
	PF_MAILDIR=$base/mail/Maildir
	PF_LOG=$base/maillog
	PF_PORT=$(pf_free_port) || return 1
	nobody=$(id -u nobody); nogroup=$(id -g nobody)
	mkdir -p "$PF_CONF" "$base/queue" "$base/data" "$base/mail"
	# The queue must be root's; the mail folder the delivery agent's (nobody).
	chown root:root "$base/queue"; chmod 755 "$base" "$base/queue"
	chown postfix "$base/data"
	chown "$nobody:$nogroup" "$base/mail"
	cat >"$PF_CONF/main.cf" <<MAIN
# The private instance of sedesk's mail tests (tests/mail/postfix.sh).
compatibility_level = 3.6
queue_directory = $base/queue
data_directory = $base/data
mail_owner = postfix
setgid_group = postdrop
myhostname = desk.test
mydomain = desk.test
myorigin = desk.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination = localhost
relayhost =
# Nothing ever leaves: every other domain is a virtual one, delivered below.
default_transport = error:the sedesk test instance relays nothing
relay_transport = error:the sedesk test instance relays nothing
virtual_mailbox_domains = regexp:$PF_CONF/domains
virtual_mailbox_base = $base/mail
virtual_mailbox_maps = static:Maildir/
virtual_uid_maps = static:$nobody
virtual_gid_maps = static:$nogroup
# texthash: read as text, no postalias run (which costs ~2 s of start here).
alias_maps = texthash:$PF_CONF/aliases
alias_database =
local_recipient_maps = \$alias_maps
default_privs = nobody
maillog_file = $PF_LOG
maillog_file_prefixes = $base
smtputf8_enable = yes
biff = no
append_dot_mydomain = no
smtpd_banner = \$myhostname ESMTP sedesk-test
smtpd_relay_restrictions = permit_mynetworks, reject
MAIN
	cat >"$PF_CONF/domains" <<'DOM'
if !/^localhost$/
/./	OK
endif
DOM
	# The services of a plain instance, none chrooted; SMTP on loopback only.
	cat >"$PF_CONF/master.cf" <<MASTER
127.0.0.1:$PF_PORT inet n - n - - smtpd
pickup    unix n - n 60 1 pickup
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
tlsmgr    unix - - n 1000? 1 tlsmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
showq     unix n - n - - showq
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
local     unix - n n - - local
virtual   unix - n n - - virtual
lmtp      unix - - n - - lmtp
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
MASTER
	# texthash's format: "key value", not aliases(5)'s "key: value".
	printf 'postmaster root\n' >"$PF_CONF/aliases"
	# (no `postfix check`: start creates what is missing, and check costs a second)
	if ! postfix -c "$PF_CONF" start >>"$PF_LOG" 2>&1; then
		cat "$PF_LOG" >&2
		return 1
	fi
	PF_STARTED=1
	PF_SENDMAIL="/usr/sbin/sendmail -C $PF_CONF -t -i"
	# Ready when its SMTP port answers.
	local i=0
	while [ $i -lt 100 ]; do
		ss -Hltn "sport = :$PF_PORT" 2>/dev/null | grep -q . && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "postfix: the private instance did not start listening" >&2
	return 1
}

pf_alias() {	# pf_alias NAME VALUE
	printf '%s %s\n' "$1" "$2" >>"$PF_CONF/aliases"
	# A texthash table is read when a daemon starts: reload them.
	[ "$PF_STARTED" = 1 ] && postfix -c "$PF_CONF" reload >/dev/null 2>&1
	return 0
}

pf_flush() { postqueue -c "$PF_CONF" -f 2>/dev/null; }

pf_files() {
	# shellcheck disable=SC2012
	[ -d "$PF_MAILDIR/new" ] && ls -1tr "$PF_MAILDIR"/new/* 2>/dev/null
	return 0
}

pf_count() { pf_files | grep -c .; }

pf_wait() {	# pf_wait N SECS
	local want=$1 i=0
	while [ $i -lt $(($2 * 10)) ]; do
		[ "$(pf_count)" -ge "$want" ] && return 0
		[ $((i % 10)) -eq 9 ] && pf_flush
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# Waits until the instance's queue is empty: every mail handed to its
# sendmail has then been delivered (or bounced). Before pf_clear, so that
# a mail of the set-up delivered late does not count as the test's own.
pf_settle() {	# pf_settle SECS
	local i=0
	while [ $i -lt $(($1 * 10)) ]; do
		find "$PF_BASE/queue/maildrop" "$PF_BASE/queue/incoming" "$PF_BASE/queue/active" \
		    "$PF_BASE/queue/deferred" -type f 2>/dev/null | grep -q . || return 0
		[ $((i % 10)) -eq 9 ] && pf_flush
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

pf_clear() { [ -d "$PF_MAILDIR/new" ] && rm -f "$PF_MAILDIR"/new/* "$PF_MAILDIR"/cur/*; return 0; }

pf_stop() {
	[ "$PF_STARTED" = 1 ] || return 0
	PF_STARTED=0
	local pid i=0
	pid=$(tr -dc 0-9 <"$PF_BASE/queue/pid/master.pid" 2>/dev/null)
	# abort: the test is over, nothing in the queue needs a graceful end.
	postfix -c "$PF_CONF" abort >/dev/null 2>&1
	# stop only signals the master: wait for it, and kill it if it stays.
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	return 0
}
