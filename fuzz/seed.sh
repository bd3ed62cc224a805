#!/usr/bin/env bash
# Copies the real reports and the fixtures into the fuzzers' corpora (fuzz/corpus/, ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse corpus/validate
for f in ../core/tests/corpus/*/input.*; do cp "$f" "corpus/parse/$(basename "$(dirname "$f")")-$(basename "$f")"; done
for f in ../core/tests/fixtures/*/report.json; do cp "$f" "corpus/validate/$(basename "$(dirname "$f")").json"; done
cp ../examples/reports/*.json corpus/validate/
