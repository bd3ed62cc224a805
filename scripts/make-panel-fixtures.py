#!/usr/bin/env python3
"""Writes core/tests/panels/<case>/: the files of a panel and expected.json.

expected.json is written here by hand, independently of the implementation: per file
(relative to the case folder) its role, the file read as its previous year, and the
(rule, path) pairs its diagnostics must be. The Rust, Python, Node and C tests build the
panel of every case and compare. An optional aliases.csv is the case's organ aliases.
Run from the repository root: python3 scripts/make-panel-fixtures.py
"""
import copy
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "tests", "panels")

with open(os.path.join(ROOT, "examples", "reports", "2021-county.json"), encoding="utf-8") as f:
    BASE = json.load(f)
del BASE["published"]  # keeps DOC-PUBLISHED-LATE out of every case


def report(organ, year, **changes):
    doc = copy.deepcopy(BASE)
    doc["organ"] = organ
    doc["year"] = year
    for path, value in changes.items():
        node = doc
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value
    return doc


CASES = {}

# One organ over four years: a gap, a spacing variant, a real carry-over error.
CASES["years"] = {
    "files": {
        # 2023's in_force (440) should be 2022's 440 + 62 issued - 33 repealed = 469.
        "a-2022.json": report("某县人民政府", 2022),
        "a-2023.json": report("某县 人民政府", 2023),
        "a-2025.json": report("某县人民政府", 2025),
        "no-organ.json": report(None, 2023),
    },
    "expected": {
        "a-2022.json": {"role": "primary", "previous": None, "rules": [["P-NO-PREVIOUS", "/year"]]},
        "a-2023.json": {
            "role": "primary",
            "previous": "a-2022.json",
            "rules": [["X-IN-FORCE", "/proactive/normative_documents/in_force"]],
        },
        "a-2025.json": {"role": "primary", "previous": None, "rules": [["P-NO-PREVIOUS", "/year"]]},
        "no-organ.json": {"role": "unplaced", "previous": None, "rules": [["P-NO-ORGAN", "/organ"]]},
    },
}

# Copies: two files of one report that agree, two that disagree, the year after them,
# a name that differs by a bracketed note, files that are no report.
full = report("某局", 2022)
blank = report("某局", 2022, proactive__licensing__decisions=None)
CASES["copies"] = {
    "files": {
        "b-2022-page.json": blank,
        "b-2022-text.json": full,
        "b-2023-1.json": report("某局", 2023, proactive__licensing__decisions=4529),
        "b-2023-2.json": report("某局", 2023, proactive__licensing__decisions=4528),
        "b-2024.json": report("某局", 2024),
        "c-2022.json": report("某局（本级）", 2022),
        "broken.json": "{",
        "page.html": "<html><body><p>这一页没有报告。</p></body></html>",
        "no-year.json": report("某局", None),
    },
    "expected": {
        "b-2022-page.json": {
            "role": "copy",
            "previous": None,
            "rules": [
                ["CELL-BLANK", "/proactive/licensing/decisions"],
                ["P-NO-PREVIOUS", "/year"],
                ["P-DUPLICATE", ""],
                ["P-ORGAN-SIMILAR", "/organ"],
            ],
        },
        "b-2022-text.json": {
            "role": "primary",
            "previous": None,
            "rules": [["P-NO-PREVIOUS", "/year"], ["P-DUPLICATE", ""], ["P-ORGAN-SIMILAR", "/organ"]],
        },
        # Each is still checked against 2022 (in_force 440 + 62 − 33 ≠ 440).
        "b-2023-1.json": {
            "role": "conflict",
            "previous": "b-2022-text.json",
            "rules": [
                ["X-IN-FORCE", "/proactive/normative_documents/in_force"],
                ["P-CONFLICT", "/proactive/licensing/decisions"],
                ["P-ORGAN-SIMILAR", "/organ"],
            ],
        },
        "b-2023-2.json": {
            "role": "conflict",
            "previous": "b-2022-text.json",
            "rules": [
                ["X-IN-FORCE", "/proactive/normative_documents/in_force"],
                ["P-CONFLICT", "/proactive/licensing/decisions"],
                ["P-ORGAN-SIMILAR", "/organ"],
            ],
        },
        "b-2024.json": {
            "role": "primary",
            "previous": None,
            "rules": [["P-PREVIOUS-CONFLICT", "/year"], ["P-ORGAN-SIMILAR", "/organ"]],
        },
        "c-2022.json": {
            "role": "primary",
            "previous": None,
            "rules": [["P-NO-PREVIOUS", "/year"], ["P-ORGAN-SIMILAR", "/organ"]],
        },
        "broken.json": {"role": "unplaced", "previous": None, "rules": [["DOC-NOT-JSON", ""]]},
        "page.html": {"role": "unplaced", "previous": None, "rules": [["P-UNREADABLE", ""]]},
        "no-year.json": {
            "role": "unplaced",
            "previous": None,
            "rules": [["S-TYPE", "/year"], ["P-NO-YEAR", "/year"]],
        },
    },
}

# A renamed organ joined by an alias: the cross-year rules run, and X-ORGAN names the rename.
CASES["renamed"] = {
    "files": {
        "old.json": report("某县旧名局", 2022),
        "new.json": report("某县新名局", 2023, proactive__normative_documents__in_force=469),
    },
    "aliases": "# 别名,规范名称\n某县旧名局,某县新名局\n",
    "expected": {
        "old.json": {"role": "primary", "previous": None, "rules": [["P-NO-PREVIOUS", "/year"]]},
        "new.json": {"role": "primary", "previous": "old.json", "rules": [["X-ORGAN", "/organ"]]},
    },
}


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for name, case in CASES.items():
        d = os.path.join(OUT, name)
        os.makedirs(d)
        for file, content in case["files"].items():
            with open(os.path.join(d, file), "w", encoding="utf-8") as f:
                if isinstance(content, str):
                    f.write(content)
                else:
                    json.dump(content, f, ensure_ascii=False, indent=2)
                    f.write("\n")
        if "aliases" in case:
            with open(os.path.join(d, "aliases.csv"), "w", encoding="utf-8") as f:
                f.write(case["aliases"])
        with open(os.path.join(d, "expected.json"), "w", encoding="utf-8") as f:
            json.dump(case["expected"], f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"{len(CASES)} panel cases in core/tests/panels")


main()
