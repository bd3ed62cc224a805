"""Per-report time of zfxxgk's Python API beside pure structure checkers, in one run.

    ./bench/python/run            (installs a release build and the other packages first)

zfxxgk checks the structure and every rule; the others check only the structure against
zfxxgk's own published schema (schemas/report-2021.schema.json). Figures are medians of
several rounds, and ratios against baselines measured in the same process.
"""
import copy
import json
import pathlib
import random
import statistics
import sys
import time

import fastjsonschema
import jsonschema
import jsonschema_rs
import orjson

import zfxxgk

ROOT = pathlib.Path(__file__).resolve().parents[2]


def make_reports(n: int, seed: int = 2024):
    """n realistic 2021 reports (~6.5 KB): the bundled county report with its numbers
    varied and totals recomputed; one in ten keeps an arithmetic error."""
    base = json.loads((ROOT / "examples" / "reports" / "2021-county.json").read_text(encoding="utf-8"))
    for key in ("preface", "overview", "problems", "other_matters"):
        base[key] = base[key][:300]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        doc = copy.deepcopy(base)
        for group in doc["requests"]["outcomes"]["withheld"].values():
            group["natural_person"] = rng.randint(0, 40)
        doc["requests"]["outcomes"]["disclosed"]["commercial"] = rng.randint(0, 30)
        doc["appeals"]["review"]["upheld"] = rng.randint(0, 9)
        doc = zfxxgk.fill_totals(doc)
        new = doc["requests"]["new"]
        total = doc["requests"]["outcomes"]["total"]
        for col in new:
            new[col] = total[col]
        if i % 10 == 0:
            doc["requests"]["outcomes"]["disclosed"]["total"] += 1
        out.append(doc)
    return out


def per_report(fn, items, rounds=5):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(items)
        times.append((time.perf_counter() - start) / len(items))
    return statistics.median(times) * 1e6


def import_time(rounds: int = 21):
    """Milliseconds `import zfxxgk` adds to a bare interpreter start: both started
    alternately in fresh processes, medians compared."""
    import subprocess

    def start(code):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - t

    bare, with_import = [], []
    for _ in range(rounds):
        bare.append(start("pass"))
        with_import.append(start("import zfxxgk"))
    return statistics.median(bare) * 1e3, statistics.median(with_import) * 1e3


MEMORY_PROBE = """
import json, sys, zfxxgk
sys.path.insert(0, sys.argv[1])
from bench import make_reports

def status(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith(key + ":"))

reports = [json.loads(json.dumps(r)) for r in make_reports(int(sys.argv[2]))]   # fresh dicts
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as f:   # resets the peak (VmHWM) to the current size
    f.write("5")
results = zfxxgk.validate_many(reports)
print((status("VmHWM") - before) / 1024, sum(map(len, results)))
"""


def validate_many_memory(n: int):
    """Peak memory (MiB) validate_many adds to a process holding its n input dicts (Linux:
    the peak is reset once the inputs are built), results included."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(pathlib.Path(__file__).parent), str(n)],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    return float(out[0])


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    reports = make_reports(n)
    blobs = [orjson.dumps(r) for r in reports]
    size = statistics.mean(len(b) for b in blobs)
    schema = json.loads((ROOT / "schemas" / "report-2021.schema.json").read_text(encoding="utf-8"))
    assert sum(not zfxxgk.is_valid(r) for r in reports) == (n + 9) // 10

    rs = jsonschema_rs.validator_for(schema)
    # fastjsonschema knows drafts 4, 6 and 7; the keywords the schema uses mean the same there.
    fast = fastjsonschema.compile(dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"}))
    slow = jsonschema.Draft202012Validator(schema)
    few = reports[:200]

    rows = [
        ("zfxxgk.validate(dict), every rule", per_report(lambda xs: [zfxxgk.validate(x) for x in xs], reports)),
        ("zfxxgk.validate(bytes), every rule", per_report(lambda xs: [zfxxgk.validate(x) for x in xs], blobs)),
        ("zfxxgk.validate_many(bytes)", per_report(zfxxgk.validate_many, blobs)),
        ("zfxxgk.validate_many(dict)", per_report(zfxxgk.validate_many, reports)),
        ("jsonschema-rs is_valid(dict), structure only",
         per_report(lambda xs: [rs.is_valid(x) for x in xs], reports)),
        ("jsonschema-rs iter_errors(dict), structure only",
         per_report(lambda xs: [list(rs.iter_errors(x)) for x in xs], reports)),
        ("orjson.loads + jsonschema-rs, structure only",
         per_report(lambda xs: [list(rs.iter_errors(orjson.loads(x))) for x in xs], blobs)),
        ("fastjsonschema(dict), structure only, first error",
         per_report(lambda xs: [fast(x) for x in xs], reports)),
        ("jsonschema iter_errors(dict), structure only (200 reports)",
         per_report(lambda xs: [list(slow.iter_errors(x)) for x in xs], few, rounds=1)),
    ]
    print(f"{n} reports, {size:.0f} bytes on average; microseconds per report (median of rounds)")
    for name, us in rows:
        print(f"  {us:10.2f} µs  {name}")
    t = dict(rows)
    d = t["zfxxgk.validate(dict), every rule"]
    b = t["zfxxgk.validate(bytes), every rule"]
    print("ratios (higher = zfxxgk faster):")
    print(f"  jsonschema / validate(dict)          {t['jsonschema iter_errors(dict), structure only (200 reports)'] / d:8.1f}x  (target >= 200)")
    print(f"  fastjsonschema / validate(dict)      {t['fastjsonschema(dict), structure only, first error'] / d:8.2f}x  (target >= 5, aim 8)")
    print(f"  jsonschema-rs is_valid / validate(dict)    {t['jsonschema-rs is_valid(dict), structure only'] / d:8.2f}x  (target > 1)")
    print(f"  jsonschema-rs iter_errors / validate(dict) {t['jsonschema-rs iter_errors(dict), structure only'] / d:8.2f}x")
    print(f"  orjson+jsonschema-rs / validate(bytes) {t['orjson.loads + jsonschema-rs, structure only'] / b:6.2f}x  (target > 1)")
    print(f"  validate(bytes) / validate_many(bytes) {b / t['zfxxgk.validate_many(bytes)']:6.2f}x  (parallel speed-up)")
    fresh = [json.loads(x) for x in blobs]
    print(f"  validate(fresh dicts from json.loads)  {per_report(lambda xs: [zfxxgk.validate(x) for x in xs], fresh):8.2f} µs per report")
    bare, imported = import_time()
    print(f"import: python -c pass {bare:.1f} ms, python -c 'import zfxxgk' {imported:.1f} ms: "
          f"+{imported - bare:.1f} ms (target <= 10)")
    for size in (1_000, 10_000):
        print(f"validate_many({size} dicts): +{validate_many_memory(size):.1f} MiB peak over its inputs")


if __name__ == "__main__":
    main()
