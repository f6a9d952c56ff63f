#!/bin/bash
# What every sedesk process loads at start (issue 15: `sedesk inbox`, `case
# show` and `search` as whole processes no slower than the sqlite3 tool):
# no libzip (and with it libcrypto, libbz2, libz: loaded by
# src/core/zip_lazy.c when a ZIP file is read, tested by t_kbo.sh), no GMime
# or GLib; the tree's sedesk links its small libraries statically, so that
# only libc is left for the loader.  The sanitizer build links them shared.
. "$(dirname "$0")/common.sh"

libs=$(ldd "$SEDESK_BIN" 2>&1)
unlike "sedesk does not load libzip at start" "$libs" "libzip"
unlike "nor libcrypto" "$libs" "libcrypto"
unlike "nor GMime or GLib" "$libs" "libgmime|libglib"
if printf '%s' "$libs" | grep -q libasan; then
	ok "# SKIP the sanitizer build links its libraries shared"
else
	others=$(printf '%s\n' "$libs" | grep '=>' | grep -v 'libc\.so' | awk '{print $1}' | tr '\n' ' ')
	is "only libc is loaded as a shared library" "$others" ""
fi
run ann --version
rc_is "sedesk --version runs" 0
finish
