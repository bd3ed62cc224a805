#!/usr/bin/env bash
# The C example prints the same JSON and exits with the same status as the CLI, on every
# fixture. Usage: example-vs-cli.sh <validate-binary> <zfxxgk-binary> <fixtures-dir>
set -uo pipefail
example=$1 cli=$2 fixtures=$3
checked=0 failed=0
for dir in "$fixtures"/*/; do
  report=$dir/report.json
  previous=()
  [ -f "$dir/previous.json" ] && previous=("$dir/previous.json")
  want=$("$cli" validate --output json "$report" ${previous:+--previous "${previous[0]}"}); want_rc=$?
  got=$("$example" "$report" "${previous[@]}"); got_rc=$?
  if [ "$want" != "$got" ] || [ "$want_rc" != "$got_rc" ]; then
    echo "differs: $dir (cli exit $want_rc, example exit $got_rc)"
    failed=$((failed + 1))
  fi
  checked=$((checked + 1))
done
echo "example vs CLI: $checked fixtures, $failed differ"
[ "$failed" -eq 0 ] && [ "$checked" -gt 40 ]
