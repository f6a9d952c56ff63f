# bash completion for sedesk(1).  The candidates come from sedesk itself
# (`sedesk complete -- WORD...`): commands and options from its command
# table, departments and categories from the configuration, and case
# numbers from the database, only those the caller may see.
# Installed as $(DATADIR)/bash-completion/completions/sedesk.

_sedesk()
{
	local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\n'
	local -a out

	# The words typed so far, the one being completed last; -c and --db
	# among them choose the configuration and database it reads.
	out=($("${COMP_WORDS[0]}" complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
	case ${out[0]-} in
	files)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	words)
		COMPREPLY=("${out[@]:1}")
		;;
	*)
		COMPREPLY=()
		;;
	esac
}
complete -F _sedesk sedesk
