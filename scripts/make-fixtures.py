#!/usr/bin/env python3
"""Writes core/tests/fixtures/<case>/{report.json, previous.json?, expected.json}.

Each case is a base report with one change and the diagnostics it must produce, written
here by hand as (rule, path) pairs: the expectations are stated independently of the
implementation, and every language's test suite compares its output with them.
Run from the repository root: python3 scripts/make-fixtures.py
"""
import copy
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "tests", "fixtures")
CORPUS = os.path.join(ROOT, "core", "tests", "corpus")

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other", "total"]


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


SEED = load("examples/reports/2019-town.json")
COUNTY = load("examples/reports/2021-county.json")
del COUNTY["published"]  # a 本级政府 report published in March: keep the base free of info


def base2019():
    """A consistent 2019 report with non-zero numbers (from a real report's tables)."""
    with open(os.path.join(CORPUS, "pt-gwh-2019", "expected.json"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["proactive"]["procurement"]["amount_unit"] = "元"
    doc["overview"] = SEED["overview"]
    doc["problems"] = SEED["problems"]
    doc["other_matters"] = SEED["other_matters"]
    return doc


def base2021():
    return copy.deepcopy(COUNTY)


def prev2021():
    """Last year's report that the 2024 base follows from (in force 440 = 411 + 62 − 33)."""
    doc = base2021()
    doc["year"] = 2023
    doc["proactive"]["normative_documents"]["in_force"] = 411
    return doc


cases = {}


def case(name, report, expected, previous=None, raw=None, max_input_bytes=None, max_diagnostics=None):
    cases[name] = (report, expected, previous, raw, max_input_bytes, max_diagnostics)


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# --- clean reports ----------------------------------------------------------------------
case("clean-2019-seed", SEED, [])
case("clean-2019-nonzero", base2019(), [])
case("clean-2021-county", base2021(), [])
d = base2021(); d["published"] = "2025-01-20"; d["extensions"] = {"source": {"url": "page.htm", "tags": [1, 2]}}
case("clean-2021-extensions", d, [])

# --- table 3 ----------------------------------------------------------------------------
d = base2021(); d["requests"]["outcomes"]["disclosed"]["total"] = 70
case("t3-row-total", d, [
    ["T3-ROW-TOTAL", "/requests/outcomes/disclosed/total"],
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/total"],
])
d = base2021(); d["requests"]["outcomes"]["total"]["natural_person"] = 216; d["requests"]["outcomes"]["total"]["total"] = 217
case("t3-outcome-total", d, [
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/natural_person"],
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/total"],
    ["T3-BALANCE", "/requests/carried_forward/natural_person"],
    ["T3-BALANCE", "/requests/carried_forward/total"],
])
d = base2021(); d["requests"]["carried_over"]["commercial"] = 2; d["requests"]["carried_over"]["total"] = 2
case("t3-balance", d, [
    ["T3-BALANCE", "/requests/carried_forward/commercial"],
    ["T3-BALANCE", "/requests/carried_forward/total"],
])
d = base2021(); d["requests"]["outcomes"]["other"]["fee_unpaid"]["research"] = 1
case("t3-2021-other-group", d, [
    ["T3-ROW-TOTAL", "/requests/outcomes/other/fee_unpaid/total"],
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/research"],
])
# real published error: pt-htp-2022 prints （七）总计 = 0 while the rows hold 4 applications
with open(os.path.join(CORPUS, "pt-htp-2022", "expected.json"), encoding="utf-8") as f:
    d = json.load(f)
d["proactive"]["procurement"]["amount_unit"] = "元"
case("real-pt-htp-2022", d, [
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/natural_person"],
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/total"],
    ["T3-BALANCE", "/requests/carried_forward/natural_person"],
    ["T3-BALANCE", "/requests/carried_forward/total"],
    ["DOC-FORMAT-YEAR", "/format"],
    ["DOC-SECTION-EMPTY", "/overview"],
    ["DOC-SECTION-EMPTY", "/problems"],
    ["DOC-SECTION-EMPTY", "/other_matters"],
])

# --- table 4 ----------------------------------------------------------------------------
d = base2021(); d["appeals"]["litigation_direct"]["pending"] = 3
case("t4-total", d, [["T4-TOTAL", "/appeals/litigation_direct/total"]])

# --- blank cells ------------------------------------------------------------------------
d = base2021(); d["requests"]["outcomes"]["withheld"]["state_secret"]["commercial"] = None
case("cell-blank", d, [["CELL-BLANK", "/requests/outcomes/withheld/state_secret/commercial"]])
d = base2021()
blank_rows = []
def each_outcome_row(outcomes):
    for key, value in outcomes.items():
        if key == "total":
            continue
        if "total" in value:
            yield key, value
        else:
            for sub, row in value.items():
                yield f"{key}/{sub}", row
for path, row in each_outcome_row(d["requests"]["outcomes"]):
    row["total"] = None
    blank_rows.append(["CELL-BLANK", f"/requests/outcomes/{path}/total"])
case("blank-totals-consistent", d, blank_rows)
d = base2021(); d["requests"]["outcomes"]["disclosed"]["total"] = None; d["requests"]["outcomes"]["total"]["total"] = 300
case("blank-total-stands-for-its-parts", d, [
    ["CELL-BLANK", "/requests/outcomes/disclosed/total"],
    ["T3-ROW-TOTAL", "/requests/outcomes/total/total"],
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/total"],
    ["T3-BALANCE", "/requests/carried_forward/total"],
])
d = base2021()
for row in ["new", "carried_over", "carried_forward"]:
    d["requests"][row]["other"] = None
d["requests"]["outcomes"]["total"]["other"] = None
case("balance-all-blank-skipped", d, [
    ["CELL-BLANK", "/requests/new/other"],
    ["CELL-BLANK", "/requests/carried_over/other"],
    ["CELL-BLANK", "/requests/outcomes/total/other"],
    ["CELL-BLANK", "/requests/carried_forward/other"],
])

# --- table 2 ----------------------------------------------------------------------------
d = base2019(); d["proactive"]["normative_documents"]["published"] = 90
case("t2-published-exceeds-total", d, [["T2-PUBLISHED-EXCEEDS-TOTAL", "/proactive/normative_documents/published"]])
d = base2019(); d["proactive"]["fees"]["change"] = -36
case("t2-items-below-zero", d, [["T2-ITEMS-BELOW-ZERO", "/proactive/fees/previous_items"]])
d = base2019(); d["proactive"]["procurement"]["amount"] = 0
case("t2-procurement-mismatch", d, [["T2-PROCUREMENT-MISMATCH", "/proactive/procurement/projects"]])
d = base2021(); d["proactive"]["normative_documents"]["issued"] = 500
case("t2-issued-exceeds-in-force", d, [["T2-ISSUED-EXCEEDS-IN-FORCE", "/proactive/normative_documents/issued"]])
d = base2021(); d["proactive"]["fees"]["amount"] = 186510600
case("t2-fee-unit", d, [["T2-FEE-UNIT", "/proactive/fees/amount"]])
d = base2021(); d["proactive"]["fees"]["amount"] = -0.0
case("amount-negative-zero-is-zero", d, [])
d = base2021(); d["proactive"]["fees"]["amount"] = 1e-30
case("s-range-amount-too-precise", d, [["S-RANGE", "/proactive/fees/amount"]])
d = base2021(); d["format"] = ["2021"] * 3
case("doc-format-array", d, [["DOC-FORMAT", "/format"]])
d = base2021(); d["proactive"]["fees"]["amount"] = 999999.999999
case("t2-fee-unit-just-below", d, [])
# An array where an object belongs is a type error, not the object's values in order.
d = base2021(); d["proactive"]["regulations"] = [1, 0, 5]
case("s-type-array-for-object", d, [["S-TYPE", "/proactive/regulations"]])
d = base2021(); d["requests"]["new"] = list(d["requests"]["new"].values())
case("s-type-array-for-row", d, [["S-TYPE", "/requests/new"]])

# --- document ---------------------------------------------------------------------------
d = base2019(); d["year"] = 2022
case("doc-format-year", d, [["DOC-FORMAT-YEAR", "/format"]])
d = base2021(); d["problems"] = "  \n "; del d["overview"]
case("doc-section-empty", d, [["DOC-SECTION-EMPTY", "/overview"], ["DOC-SECTION-EMPTY", "/problems"]])
d = base2021(); d["other_matters"] = "无。"
case("doc-fee-not-reported", d, [["DOC-FEE-NOT-REPORTED", "/other_matters"]])
# The deadline follows the organ's level (条例 第五十条): a department by 31 January, a
# people's government (here the 管委会 of a 综合实验区) by 31 March.
d = base2021(); d["published"] = "2025-02-01"; d["organ"] = "平潭综合实验区财政金融局"
case("doc-published-late", d, [["DOC-PUBLISHED-LATE", "/published"]])
d = base2021(); d["published"] = "2025-03-10"
case("doc-published-in-time-government", d, [])
d = base2021(); d["published"] = "2025-04-01"
case("doc-published-late-government", d, [["DOC-PUBLISHED-LATE", "/published"]])
d = base2021(); d["published"] = "2025-02-10"; d["organ"] = "某某"
case("doc-published-late-level-unknown", d, [["DOC-PUBLISHED-LATE", "/published"]])

# --- cross-year -------------------------------------------------------------------------
prev = prev2021()
case("x-clean", base2021(), [], previous=prev)
prev = base2021(); prev["year"] = 2022
case("x-year", base2021(), [["X-YEAR", "/year"]], previous=prev)
prev = prev2021(); prev["organ"] = "平潭综合实验区管委会办公室"
case("x-organ", base2021(), [["X-ORGAN", "/organ"]], previous=prev)
prev = prev2021()
prev["requests"]["carried_forward"]["natural_person"] = 1; prev["requests"]["carried_forward"]["total"] = 1
case("x-carry", base2021(), [
    ["X-CARRY", "/requests/carried_over/natural_person"],
    ["X-CARRY", "/requests/carried_over/total"],
], previous=prev)
prev = prev2021(); prev["proactive"]["normative_documents"]["in_force"] = 400
case("x-in-force", base2021(), [["X-IN-FORCE", "/proactive/normative_documents/in_force"]], previous=prev)
prev = base2019(); prev["year"] = 2019
this = base2019(); this["year"] = 2020; this["proactive"]["licensing"]["previous_items"] = 400
case("x-items", this, [["X-ITEMS", "/proactive/licensing/previous_items"]], previous=prev)
prev = base2019(); prev["year"] = 2020; prev["organ"] = COUNTY["organ"]
case("x-carry-2019-to-2021", base2021() | {"year": 2021}, [], previous=prev)
case("x-previous-unreadable", base2021(), [["X-PREVIOUS", ""]], previous=b"{ not json")

# --- structure --------------------------------------------------------------------------
d = base2021(); del d["requests"]["outcomes"]["withheld"]["state_secret"]["research"]; del d["appeals"]
case("s-required", d, [
    ["S-REQUIRED", "/appeals"],
    ["S-REQUIRED", "/requests/outcomes/withheld/state_secret/research"],
])
d = base2021(); d["requests"]["new"]["natual_person"] = d["requests"]["new"].pop("natural_person"); d["remarks"] = "x"
case("s-unknown", d, [
    ["S-UNKNOWN", "/remarks"],
    ["S-UNKNOWN", "/requests/new/natual_person"],
    ["S-REQUIRED", "/requests/new/natural_person"],
])
d = base2021(); d["requests"]["new"]["natural_person"] = "217"; d["appeals"]["review"] = [2, 1, 3, 1, 7]
d["requests"]["outcomes"]["disclosed"]["total"] = 70
case("s-type-and-arithmetic-still-runs", d, [
    ["S-TYPE", "/requests/new/natural_person"],
    ["S-TYPE", "/appeals/review"],
    ["T3-ROW-TOTAL", "/requests/outcomes/disclosed/total"],
    ["T3-OUTCOME-TOTAL", "/requests/outcomes/total/total"],
])
d = base2021(); d["requests"]["new"]["commercial"] = 1.0; d["requests"]["new"]["research"] = 0.5
case("s-type-float-for-integer", d, [
    ["S-TYPE", "/requests/new/commercial"],
    ["S-TYPE", "/requests/new/research"],
])
d = base2021(); d["appeals"]["review"]["upheld"] = -2; d["proactive"]["fees"]["amount"] = -1.5
case("s-negative", d, [
    ["S-NEGATIVE", "/appeals/review/upheld"],
    ["S-NEGATIVE", "/proactive/fees/amount"],
])
d = base2021(); d["requests"]["new"]["other"] = 2 ** 64
case("s-range-2-to-the-64", d, [["S-RANGE", "/requests/new/other"]])
d = base2021(); d["requests"]["new"]["natural_person"] = 18446744073709551615; d["requests"]["new"]["total"] = 18446744073709551615
case("s-u64-max-sums-do-not-overflow", d, [
    ["T3-ROW-TOTAL", "/requests/new/total"],
    ["T3-BALANCE", "/requests/carried_forward/natural_person"],
    ["T3-BALANCE", "/requests/carried_forward/total"],
])
d = base2021(); d["year"] = 2018
case("s-range-year", d, [["S-RANGE", "/year"]])
d = base2021(); d["year"] = 99999999999
case("s-range-year-huge", d, [["S-RANGE", "/year"]])
d = base2021(); d["published"] = "2025-02-30"
case("s-range-date", d, [["S-RANGE", "/published"]])
d = base2019(); d["proactive"]["procurement"]["amount_unit"] = "千元"
case("s-range-amount-unit", d, [["S-RANGE", "/proactive/procurement/amount_unit"]])
text = dump(base2021()).replace('"year": 2024,', '"year": 2024,\n  "year": 2024,', 1)
text = text.replace('"natural_person": 217,', '"natural_person": 217,\n      "natural_person": 216,', 1)
case("s-duplicate", None, [["S-DUPLICATE", "/year"], ["S-DUPLICATE", "/requests/new/natural_person"], ["T3-ROW-TOTAL", "/requests/new/total"], ["T3-BALANCE", "/requests/carried_forward/natural_person"]], raw=text.encode())

# --- input that is not a report ---------------------------------------------------------
case("doc-not-json", None, [["DOC-NOT-JSON", ""]], raw=b'{"format": "2021", "year": 2024,,}')
case("doc-not-json-truncated", None, [["DOC-NOT-JSON", ""]], raw=dump(base2021())[:500].encode())
case("doc-not-json-empty", None, [["DOC-NOT-JSON", ""]], raw=b"")
case("doc-not-utf8", None, [["DOC-NOT-JSON", ""]], raw=dump(base2021()).encode("gbk"))
case("bom-accepted", None, [], raw=b"\xef\xbb\xbf" + dump(base2021()).encode())
case("doc-not-object-array", [base2021()], [["DOC-NOT-OBJECT", ""]])
case("doc-not-object-string", "report", [["DOC-NOT-OBJECT", ""]])
d = base2021(); d["format"] = "2020"
case("doc-format-unknown", d, [["DOC-FORMAT", "/format"]])
d = base2021(); del d["format"]
case("doc-format-missing", d, [["DOC-FORMAT", "/format"]])
d = base2021(); d["format"] = 2021
case("doc-format-number", d, [["DOC-FORMAT", "/format"]])
case("doc-too-large", base2021(), [["DOC-TOO-LARGE", ""]], max_input_bytes=1000)
case("doc-too-large-limit-is-inclusive", None, [], raw=dump(base2021()).encode(),
     max_input_bytes=len(dump(base2021()).encode()))
d = base2021(); d["typo1"] = 1; d["typo2"] = 2; d["typo3"] = 3
case("doc-truncated", d, [["S-UNKNOWN", "/typo1"], ["DOC-TRUNCATED", ""]], max_diagnostics=1)
case("doc-too-deep", None, [["DOC-TOO-DEEP", ""]], raw=(b'{"format":"2021","extensions":' + b'[' * 10000 + b']' * 10000 + b'}'))


# What only JSON text can show: a native object (Python dict, JS object, serde Value) has no
# duplicate keys, no syntax and no text position, so these cases are run from text only.
TEXT_ONLY_RULES = {"S-DUPLICATE", "DOC-NOT-JSON", "DOC-TOO-DEEP", "DOC-TOO-LARGE"}


def native(report, expected, raw):
    """True when the report can be given as a native object with the same diagnostics."""
    if any(rule in TEXT_ONLY_RULES for rule, _ in expected):
        return False
    if raw is not None:
        report = json.loads(raw.decode("utf-8").lstrip("\ufeff"))
    # A list or a string is not a report argument in the bindings (TypeError / JSON text).
    return isinstance(report, dict)


def js_exact(report, raw):
    """True when every number of the report is the same number in JavaScript: no integer
    beyond 2^53 and no integral number written with a fraction (JS reads 1.0 as 1)."""
    if raw is not None:
        report = json.loads(raw.decode("utf-8").lstrip("\ufeff"))
    stack = [report]
    while stack:
        v = stack.pop()
        if isinstance(v, bool):
            continue
        if isinstance(v, int) and abs(v) > 2**53:
            return False
        if isinstance(v, float) and v.is_integer():
            return False
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return True


def rust_name(case_name):
    return case_name.replace("-", "_")


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for name, (report, expected, previous, raw, max_input_bytes, max_diagnostics) in sorted(cases.items()):
        folder = os.path.join(OUT, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "report.json"), "wb") as f:
            f.write(raw if raw is not None else dump(report).encode())
        if previous is not None:
            with open(os.path.join(folder, "previous.json"), "wb") as f:
                f.write(previous if isinstance(previous, bytes) else dump(previous).encode())
        with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
            f.write(dump(sorted(expected)))
        with open(os.path.join(folder, "case.json"), "w", encoding="utf-8") as f:
            as_native = native(report, expected, raw)
            meta = {"native": as_native, "js_exact": as_native and js_exact(report, raw)}
            if max_input_bytes is not None:
                meta["max_input_bytes"] = max_input_bytes  # the option every harness passes
            if max_diagnostics is not None:
                meta["max_diagnostics"] = max_diagnostics  # likewise
            f.write(dump(meta))
    # One Rust test per case (`cargo test -p zfxxgk --test fixtures t3_balance`).
    with open(os.path.join(ROOT, "core", "tests", "generated", "fixture_cases.rs"), "w", encoding="utf-8") as f:
        f.write("// Generated by scripts/make-fixtures.py (./scripts/regenerate): one test per fixture case.\n")
        f.write("fixture_cases! {\n")
        for name in sorted(cases):
            f.write(f"    {rust_name(name)} => \"{name}\",\n")
        f.write("}\n")
    print(f"{len(cases)} fixtures in {os.path.relpath(OUT, ROOT)}")


main()
