#!/bin/sh
# Compiles the daemon's native client: compile.sh SOURCE OUTPUT, with $CC (a command, arguments allowed) or else
# cc. Where there is no C compiler, or it cannot compile the source, nothing is built: bin/shipshape then runs the
# daemon's Java client, and OUTPUT.not-built says why (the tests skip with it).
set -u
source=$1
output=$2
compiler=${CC:-cc}
rm -f "$output" "$output.not-built"
mkdir -p "$(dirname "$output")"
not_built() {
  echo "$1: the daemon's native client is not built; bin/shipshape uses its Java client" | tee "$output.not-built"
  exit 0
}
command -v "${compiler%% *}" >/dev/null 2>&1 || not_built "no C compiler ($compiler)"
# shellcheck disable=SC2086 # CC may hold a command with arguments
$compiler -O2 -std=c99 -Wall -Wextra -o "$output.partial" "$source" || {
  rm -f "$output.partial"
  not_built "$compiler could not compile $source"
}
mv -f "$output.partial" "$output"
