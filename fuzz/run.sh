#!/usr/bin/env bash
# Runs each fuzz target for SECONDS_EACH seconds (default 120) with the slow-input
# detector on: an input that takes more than 2 s (-timeout) or 1 GB (-rss_limit_mb) is a
# failure, saved under fuzz/artifacts/ like a crash. Needs the nightly toolchain and
# cargo-fuzz (installed here when missing). Not part of scripts/test (see fuzz/Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
./seed.sh
for target in parse validate; do
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -timeout=2 -rss_limit_mb=1024 -max_len=1048576 -max_total_time="${SECONDS_EACH:-120}"
done
