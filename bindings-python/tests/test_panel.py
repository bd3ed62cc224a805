"""Panels: the shared panel fixtures (core/tests/panels) give what core gives, the tidy
records are the CLI's CSV rows, and bad arguments are clear errors."""
import csv
import json
import pathlib
import subprocess

import pytest

import zfxxgk

from conftest import ROOT

PANELS = ROOT / "core" / "tests" / "panels"
CASES = sorted(p for p in PANELS.iterdir() if p.is_dir())


def results(case: pathlib.Path) -> dict:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    aliases_file = case / "aliases.csv"
    aliases = None
    if aliases_file.exists():
        lines = aliases_file.read_text(encoding="utf-8").splitlines()
        aliases = dict(line.split(",", 1) for line in lines if line and not line.startswith("#"))
    p = zfxxgk.panel([case / name for name in expected], aliases=aliases)
    out = {}
    for r in p.reports():
        name = pathlib.Path(r["file"]).name
        previous = pathlib.Path(r["previous"]).name if r["previous"] else None
        out[name] = {"role": r["role"], "previous": previous, "diagnostics": r["diagnostics"]}
    # The case folder left out of every path, as core's runner writes entries.json.
    return json.loads(json.dumps(out, ensure_ascii=False).replace(f"{case}/", ""))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_panel_fixture(case: pathlib.Path):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    full = json.loads((case / "entries.json").read_text(encoding="utf-8"))
    got = results(case)
    assert got == full
    for name, want in expected.items():
        assert got[name]["role"] == want["role"]
        assert got[name]["previous"] == want["previous"]
        assert [[d["rule"], d["path"]] for d in got[name]["diagnostics"]] == want["rules"]


def cli() -> pathlib.Path:
    import os

    triple = subprocess.run(["rustc", "-vV"], capture_output=True, text=True).stdout
    host = next(l.split()[1] for l in triple.splitlines() if l.startswith("host:"))
    # scripts/test builds it (cargo test) for the host triple; a plain cargo build, into debug/.
    built = [
        p
        for p in (ROOT / "target" / host / "debug" / "zfxxgk", ROOT / "target" / "debug" / "zfxxgk")
        if p.exists() and os.access(p, os.X_OK)
    ]
    if not built:
        pytest.skip("the CLI is not built")
    return max(built, key=lambda p: p.stat().st_mtime)


def test_records_are_the_rows_the_cli_writes(tmp_path):
    corpus = ROOT / "core" / "tests" / "corpus"
    p = zfxxgk.panel(corpus)
    records = p.records()
    out = subprocess.run(
        [str(cli()), "check", str(corpus), "--panel", "--output", "csv"], capture_output=True, check=False
    )
    assert out.returncode == 1, out.stderr.decode()
    rows = list(csv.DictReader(out.stdout.decode("utf-8").splitlines(keepends=True)))
    as_text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in records]
    assert as_text == rows
    assert list(rows[0]) == list(zfxxgk.COLUMNS)
    # The same bytes from panel_csv, written as it is checked.
    written = tmp_path / "panel.csv"
    totals = zfxxgk.panel_csv(corpus, written)
    assert written.read_bytes() == out.stdout
    assert totals == p.totals
    assert totals["cross_year"] == 1


def test_the_real_reports_form_a_panel():
    p = zfxxgk.panel(ROOT / "core" / "tests" / "corpus")
    names = {o["name"]: o["years"] for o in p.organs}
    assert names["平潭综合实验区海坛片区管理局"] == [2021, 2022]
    assert names["平潭综合实验区"] == [2019, 2022, 2024]
    assert all(d["figures_agree"] for d in p.duplicates)
    reports = {pathlib.Path(r["file"]).parent.name + "/" + pathlib.Path(r["file"]).name: r for r in p.reports()}
    htp = reports["pt-htp-2022/input.txt"]
    assert htp["previous"].endswith("pt-htp-2021/input.txt")
    items = [d for d in htp["diagnostics"] if d["rule"] == "X-ITEMS"]
    assert [(d["expected"], d["actual"]) for d in items] == [(2, 0)]
    assert reports["seed-town-2019/input.txt"]["role"] == "unplaced"
    assert len(p) == len(reports)
    cells = [r for r in p.records() if r["kind"] == "cell" and r["file"].endswith("pt-htp-2022/input.txt")]
    # Counts are ints; amounts (采购总金额) keep their exact digits as str.
    assert all(isinstance(r["value"], (int, type(None))) or "amount" in r["pointer"] for r in cells)
    assert "3 checked against last year" not in repr(p)


def test_to_pandas_when_pandas_is_there():
    pandas = pytest.importorskip("pandas")
    df = zfxxgk.panel(PANELS / "years" / "a-2022.json").to_pandas()
    assert isinstance(df, pandas.DataFrame)
    assert list(df.columns) == list(zfxxgk.COLUMNS)


def test_bad_arguments_are_clear_errors(tmp_path):
    with pytest.raises(TypeError):
        zfxxgk.panel(b"reports")
    with pytest.raises(TypeError):
        zfxxgk.panel([3])
    with pytest.raises(TypeError):
        zfxxgk.panel(PANELS, aliases={"a": 3})
    with pytest.raises(ValueError):
        zfxxgk.panel(PANELS, kind="word")
    with pytest.raises(OSError):
        zfxxgk.panel_csv(PANELS / "years" / "a-2022.json", tmp_path / "no" / "such" / "dir.csv")
    # A file that is not there is a result, not an exception.
    p = zfxxgk.panel(tmp_path / "missing.json")
    (r,) = p.reports()
    assert r["diagnostics"][0]["rule"] == "P-UNREADABLE"
    assert r["diagnostics"][0]["params"]["code"] == "NOT_FOUND"
