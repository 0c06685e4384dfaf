#!/bin/sh
# Compiles the daemon's native client: compile.sh SOURCE OUTPUT, with $CC or else cc. Where there is no C compiler,
# or it cannot compile the source, nothing is built and bin/shipshape runs the daemon's Java client instead.
set -u
source=$1
output=$2
compiler=${CC:-cc}
rm -f "$output"
if ! command -v "$compiler" >/dev/null 2>&1; then
  echo "No C compiler ($compiler): the daemon's native client is not built; bin/shipshape uses its Java client."
  exit 0
fi
mkdir -p "$(dirname "$output")"
if "$compiler" -O2 -std=c99 -Wall -Wextra -o "$output.partial" "$source"; then
  mv -f "$output.partial" "$output"
else
  rm -f "$output.partial"
  echo "$compiler could not compile $source: the daemon's native client is not built; bin/shipshape uses its Java client."
fi
