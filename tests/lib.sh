# Shared helpers for shell test suites (sourced).  Prints TAP-like lines
# that tests/run-suite counts.
#   ok "description"            records a pass
#   not_ok "description" [detail]
#   check "description" CMD…    runs CMD; pass when it exits 0
#   expect_exit N "description" CMD…
#   wait_for SECONDS CMD…       polls CMD every 0.1 s until it succeeds
T_N=0
T_FAILED=0
ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'
	return 0
}
check() {
	desc=$1; shift
	if out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc" "$out"; fi
}
expect_exit() {
	want=$1; desc=$2; shift 2
	out=$("$@" 2>&1); got=$?
	if [ "$got" -eq "$want" ]; then ok "$desc"; else not_ok "$desc" "exit $got, wanted $want: $out"; fi
}
wait_for() {
	limit=$1; shift
	i=0
	while [ "$i" -lt $((limit * 10)) ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
finish() { [ "$T_FAILED" -eq 0 ]; exit $?; }
