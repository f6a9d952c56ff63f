#!/bin/bash
# The man page against the command table: every command and option of the
# table (`sedesk complete -- --table`) has its entry in share/man/sedesk.1
# with exactly the table's options, and the man page names no command or
# option the table does not have.  The global options are checked against
# the OPTIONS section and the SYNOPSIS.
#   SEDESK_BIN=./sedesk tests/man/t_man.sh [MANPAGE]
. "$(dirname "$0")/../lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
man=${1:-$root/share/man/sedesk.1}
: "${SEDESK_BIN:=$root/sedesk}"

if ! table=$("$SEDESK_BIN" complete -- --table) || [ -z "$table" ]; then
	not_ok "the binary prints its command table ($SEDESK_BIN complete -- --table)"
	finish
fi

# One line per .It entry of a section: "command words<TAB>options", the
# options sorted.  An entry may span .It Xo … .Xc; only the entry's own
# line(s) count, not the prose under it.
man_entries() {
	awk -v want="$1" '
	function entry(s,    n, t, i, words, opts, o, sorted, k, j, tmp) {
		n = split(s, t, /[ \t]+/)
		words = ""; opts = ""; k = 0
		for (i = 1; i <= n; i++) {
			if ((t[i] == "Cm" || t[i] == ".Cm") && words == "") {
				for (j = i + 1; j <= n && t[j] ~ /^[a-z][a-z-]*$/; j++)
					words = words (words == "" ? "" : " ") t[j]
			}
			if ((t[i] == "Fl" || t[i] == ".Fl") && i < n && t[i + 1] != "-") {
				o = t[i + 1]; sub(/[,|]+$/, "", o)
				sorted[++k] = "-" o
			}
		}
		# a small insertion sort, so that the order of the page does not matter
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
				tmp = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = tmp
			}
		for (i = 1; i <= k; i++)
			if (i == 1 || sorted[i] != sorted[i - 1])
				opts = opts (opts == "" ? "" : " ") sorted[i]
		print words "\t" opts
	}
	/^\.Sh / { sect = substr($0, 5); next }
	sect != want { next }
	inxo && /^\.Xc/ { inxo = 0; entry(buf); next }
	inxo { buf = buf " " $0; next }
	/^\.It Xo/ { inxo = 1; buf = ""; next }
	/^\.It / { entry($0) }
	' "$man"
}

sorted_words() { tr ' ' '\n' | grep -v '^$' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

man_cmds=$(man_entries COMMANDS)
table_cmds=$(printf '%s\n' "$table" | awk -F '\t' '$1 == "command"')

# Every command of the table, with its options.
while IFS=$'\t' read -r _ cmd opts; do
	want=$(printf '%s' "$opts" | sorted_words)
	got=$(printf '%s\n' "$man_cmds" | awk -F '\t' -v c="$cmd" '$1 == c { print $2; n++ } END { exit n != 1 }')
	if [ $? -ne 0 ]; then
		not_ok "man: $cmd has one entry in COMMANDS" "entries: $(printf '%s\n' "$man_cmds" | awk -F '\t' -v c="$cmd" '$1 == c' | wc -l)"
		continue
	fi
	got=$(printf '%s' "$got" | sorted_words)
	if [ "$got" = "$want" ]; then
		ok "man: $cmd lists the table's options"
	else
		not_ok "man: $cmd lists the table's options" \
		    "table: ${want:-(none)}"$'\n'"man:   ${got:-(none)}"
	fi
done <<<"$table_cmds"

# Nothing in COMMANDS that the table does not have.
extra=""
while IFS=$'\t' read -r cmd _; do
	printf '%s\n' "$table_cmds" | awk -F '\t' -v c="$cmd" '$2 == c { f = 1 } END { exit !f }' ||
	    extra="$extra [$cmd]"
done <<<"$man_cmds"
if [ -z "$extra" ]; then ok "man: every command in COMMANDS is in the table"
else not_ok "man: every command in COMMANDS is in the table" "not in the table:$extra"; fi

# The global options: OPTIONS lists exactly them; SYNOPSIS names only them.
globals=$(printf '%s\n' "$table" | awk -F '\t' '$1 == "global" { print $2 }' | sorted_words)
got=$(man_entries OPTIONS | cut -f2 | sorted_words)
if [ "$got" = "$globals" ]; then ok "man: OPTIONS lists the global options of the table"
else not_ok "man: OPTIONS lists the global options of the table" "table: $globals"$'\n'"man:   $got"; fi
syn=$(awk '/^\.Sh /{ s = substr($0, 5); next } s == "SYNOPSIS"' "$man" |
	awk '{ for (i = 1; i < NF; i++) if ($i == "Fl" || $i == ".Fl") print "-" $(i + 1) }' | sorted_words)
bad=""
for o in $syn; do
	case " $globals " in *" $o "*) ;; *) bad="$bad $o" ;; esac
done
if [ -z "$bad" ]; then ok "man: SYNOPSIS names only global options of the table"
else not_ok "man: SYNOPSIS names only global options of the table" "not in the table:$bad"; fi

# mandoc's lint, as `make lint-man` runs it: a block left open (a list a
# section heading breaks) renders the rest of the page wrongly.
if lint=$(mandoc -Tlint -Wwarning "$man" 2>&1) && [ -z "$lint" ]; then
	ok "man: mandoc -Tlint finds nothing"
else
	not_ok "man: mandoc -Tlint finds nothing" "$lint"
fi

finish
