"""Type-checked with mypy --strict by the test script: the public API is typed."""
from typing import List

import zfxxgk
from zfxxgk import Diagnostic, Report2021


def errors_of(report: Report2021) -> List[str]:
    found: List[Diagnostic] = zfxxgk.validate(report)
    return [d["message"] for d in found if d["severity"] == "error"]


def main() -> None:
    report = zfxxgk.template("2021", 2024)
    assert report["format"] in ("2019", "2021")
    blank: Report2021 = {
        "format": "2021",
        "year": 2024,
        "proactive": zfxxgk.template("2021", 2024)["proactive"],  # type: ignore[typeddict-item]
        "requests": zfxxgk.template("2021", 2024)["requests"],  # type: ignore[typeddict-item]
        "appeals": zfxxgk.template("2021", 2024)["appeals"],
    }
    blank["appeals"]["review"]["total"] = 1
    print(errors_of(blank), zfxxgk.is_valid(blank), zfxxgk.__version__)


def panel_errors(folder: str) -> List[str]:
    p = zfxxgk.panel(folder)
    reports: List[zfxxgk.PanelReport] = p.reports()
    rows: List[zfxxgk.Record] = p.records()
    years: List[int] = [y for o in p.organs for y in o["years"]]
    totals: zfxxgk.Totals = p.totals
    print(len(rows), years, totals["cross_year"])
    return [d["rule"] for r in reports for d in r["diagnostics"] if d["severity"] == "error"]
