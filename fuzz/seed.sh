#!/usr/bin/env bash
# Fills the fuzzers' corpora (fuzz/corpus/, ignored by git): the real reports, the
# fixtures, and one seed of each hostile family of core/tests/growth.rs (the inputs that
# once took super-linear time), so that the mutations start next to them.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse corpus/validate
for f in ../core/tests/corpus/*/input.*; do cp "$f" "corpus/parse/$(basename "$(dirname "$f")")-$(basename "$f")"; done
for f in ../core/tests/fixtures/*/report.json; do cp "$f" "corpus/validate/$(basename "$(dirname "$f")").json"; done
cp ../examples/reports/*.json corpus/validate/
python3 - <<'PY'
import json
seed = open("../core/tests/corpus/seed-town-2019/input.txt", encoding="utf-8").read()
page = open("../core/tests/corpus/pt-gwh-2024/input.html", encoding="utf-8").read()
template = open("../examples/reports/2021-county.json", encoding="utf-8").read().rstrip()
def put(name, text):
    open(name, "w", encoding="utf-8").write(text)
def after(text, mark, insert):
    at = text.index(mark) + len(mark)
    return text[:at] + insert + text[at:]
s = seed.index("三、收到和处理政府信息公开申请情况"); e = s + seed[s:].index("四、政府信息公开行政复议")
lines, out, run = [], [], False
for line in seed[s:e].split("\n"):
    if line.strip().isdigit():
        if not run: out.append("".join(str(1 + (i * 7) % 9) for i in range(100)))
        run = True
        continue
    run = False; out.append(line)
put("corpus/parse/hostile-fused-rows.txt", seed[:s] + "\n".join(out) + seed[e:])
put("corpus/parse/hostile-page-numbers.txt", after(seed, "一、本年新收政府信息公开申请数量", " -1-" * 2000))
put("corpus/parse/hostile-open-tags.html", after(page, "<body", "<a" * 5000))
put("corpus/parse/hostile-stray-closers.html", after(page, "<body>", "<div></i>" * 5000))
body = template[:-1]
put("corpus/validate/hostile-unknown-keys.json", body + "".join(f',"x-{i}":{i}' for i in range(2000)) + "}")
put("corpus/validate/hostile-repeated-key.json", body + "".join(f',"year":{i}' for i in range(2000)) + "}")
put("corpus/validate/hostile-format-array.json", template.replace('"2021"', json.dumps(list(range(2000))), 1))
PY
