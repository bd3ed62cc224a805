"""The Python API: round-trips, misuse, types of input, the raising variant."""
import copy
import json
import pathlib
import re

import pytest

import zfxxgk

from conftest import ROOT


def test_version_is_the_cargo_version():
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert zfxxgk.__version__ == re.search(r'^version = "(.+)"', cargo, re.M).group(1)


def test_a_clean_report_has_no_errors(county):
    assert zfxxgk.is_valid(county)
    # Published 10 March by the 管委会 of a 综合实验区: a government's report, due by 31 March.
    assert zfxxgk.validate(county) == []
    zfxxgk.check(county)


def test_diagnostics_are_plain_json_ready_dicts(county):
    county["requests"]["outcomes"]["disclosed"]["total"] = 70
    d = zfxxgk.validate(county)[0]
    assert d == {
        "rule": "T3-ROW-TOTAL",
        "severity": "error",
        "path": "/requests/outcomes/disclosed/total",
        "label": "表三 · （一）予以公开 · 总计",
        "label_en": "Table 3 · (1) Disclosed · total",
        "message": "「表三 · （一）予以公开 · 总计」应为 71（各列之和），实际填报 70",
        "message_en": "Table 3 · (1) Disclosed · total: total should be 71 (sum of the columns), reported 70",
        "expected": 71,
        "actual": 70,
        "related": [f"/requests/outcomes/disclosed/{c}" for c in
                    ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other"]],
        "params": {},
    }
    json.dumps(zfxxgk.validate(county))


def test_params_hold_what_fills_the_message(county):
    county["requests"]["carried_forward"]["natural_person"] += 1
    d = next(d for d in zfxxgk.validate(county) if d["rule"] == "T3-BALANCE")
    p = d["params"]
    assert set(p) == {"new", "carried_over", "handled"}
    assert d["expected"] == p["new"] + p["carried_over"] - p["handled"]
    county = json.loads(json.dumps(county))
    county["orgn"] = county.pop("organ")
    d = next(d for d in zfxxgk.validate(county) if d["rule"] == "S-UNKNOWN")
    assert d["params"] == {"key": "orgn", "suggestion": "organ"}


def test_check_raises_a_value_error_with_the_diagnostics(county):
    county["appeals"]["review"]["total"] = 8
    with pytest.raises(zfxxgk.ReportError) as caught:
        zfxxgk.check(county)
    assert isinstance(caught.value, ValueError)
    assert [d["rule"] for d in caught.value.diagnostics] == ["T4-TOTAL"]
    assert "T4-TOTAL at /appeals/review/total" in str(caught.value)


def test_the_argument_is_never_mutated(county):
    county["requests"]["new"]["total"] = 5
    before = copy.deepcopy(county)
    zfxxgk.validate(county)
    filled = zfxxgk.fill_totals(county)
    assert county == before
    assert filled is not county
    assert filled["requests"]["new"]["total"] == 218
    assert zfxxgk.is_valid(filled)


def test_fill_totals_of_text_and_of_garbage():
    filled = zfxxgk.fill_totals('{"format": "2021", "appeals": {"review": {"upheld": 1, "corrected": 2, '
                                '"other": null, "pending": 0, "total": 9}}}')
    assert filled["appeals"]["review"]["total"] == 3
    with pytest.raises(zfxxgk.ReportError) as caught:
        zfxxgk.fill_totals({"format": "2020"})
    assert caught.value.diagnostics[0]["rule"] == "DOC-FORMAT"
    with pytest.raises(zfxxgk.ReportError):
        zfxxgk.fill_totals(b"not json")


def test_templates_round_trip():
    for fmt in ("2019", "2021"):
        report = zfxxgk.template(fmt, 2024)
        assert report["format"] == fmt and report["year"] == 2024
        assert zfxxgk.is_valid(report)
        assert zfxxgk.validate(json.dumps(report, ensure_ascii=False)) == zfxxgk.validate(report)


def test_schema_and_rules():
    assert zfxxgk.schema()["$id"] == "urn:zfxxgk:schema:report"
    assert zfxxgk.schema("2019")["title"] == "政府信息公开工作年度报告（2019 年格式）"
    assert zfxxgk.schema("diagnostic")["title"] == "诊断记录"
    committed = json.loads((ROOT / "schemas" / "report-2021.schema.json").read_text(encoding="utf-8"))
    assert zfxxgk.schema("2021") == committed
    rules = zfxxgk.rules()
    assert {r["id"] for r in rules} >= {"T3-ROW-TOTAL", "T3-BALANCE", "T4-TOTAL", "X-CARRY"}
    assert all(r["message"] and r["message_en"] for r in rules)


def test_misuse_raises_type_and_value_errors():
    for bad in (5, None, [1], 2.5, object()):
        with pytest.raises(TypeError, match="a report must be"):
            zfxxgk.validate(bad)
    with pytest.raises(ValueError, match="unknown format"):
        zfxxgk.template("2020", 2024)
    with pytest.raises(ValueError, match="outside 2019-2100"):
        zfxxgk.template("2021", 1999)
    with pytest.raises(ValueError, match="unknown schema"):
        zfxxgk.schema("2022")
    with pytest.raises(ValueError):
        zfxxgk.validate_many([], threads=0)
    with pytest.raises(FileNotFoundError):
        zfxxgk.validate(pathlib.Path("/nonexistent/report.json"))


def test_path_and_previous(tmp_path, county):
    this = tmp_path / "2024.json"
    this.write_text(json.dumps(county, ensure_ascii=False), encoding="utf-8")
    prev = dict(county, year=2023, organ="别的机关")
    prev["proactive"] = copy.deepcopy(county["proactive"])
    prev["proactive"]["normative_documents"]["in_force"] = 411
    rules = [d["rule"] for d in zfxxgk.validate(this, previous=prev)]
    assert "X-ORGAN" in rules
    assert "X-IN-FORCE" not in rules


def test_max_diagnostics(county):
    for key in list(county["requests"]["new"]):
        county["requests"]["new"][key] = None
    everything = zfxxgk.validate(county)
    assert len(everything) == 7 + 3  # 7 CELL-BLANK, 3 T3-BALANCE
    capped = zfxxgk.validate(county, max_diagnostics=3)
    assert capped[:3] == everything[:3]
    # Each rule cut is named last: 4 CELL-BLANK and 3 T3-BALANCE.
    assert [(d["rule"], d["params"]) for d in capped[3:]] == [
        ("DOC-TRUNCATED", {"rule": rule, "count": count, "limit": 3})
        for rule, count in [("CELL-BLANK", 4), ("T3-BALANCE", 3)]
    ]
    assert zfxxgk.MAX_DIAGNOSTICS == 10_000


def test_parse_a_published_report_and_check_it():
    page = (ROOT / "core" / "tests" / "corpus" / "pt-gwh-2024" / "input.html").read_bytes()
    parsed = zfxxgk.parse(page)
    assert parsed["report"]["requests"]["new"]["total"] == 218
    assert zfxxgk.is_valid(parsed["report"])
    assert zfxxgk.parse(page.decode("utf-8"), kind="html")["report"] == parsed["report"]
    with pytest.raises(zfxxgk.ParseError) as caught:
        zfxxgk.parse("某局2016年政府信息公开工作年度报告\n一、概述")
    assert caught.value.code == "SECTION_MISSING" and isinstance(caught.value, ValueError)
    with pytest.raises(TypeError):
        zfxxgk.parse(5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown kind"):
        zfxxgk.parse("x", kind="rtf")


def _check_in_worker(report):
    zfxxgk.check(report)


def _parse_in_worker(text):
    return zfxxgk.parse(text)


def test_exceptions_pickle_and_cross_process_pools(county):
    import concurrent.futures
    import multiprocessing
    import pickle

    county["appeals"]["review"]["total"] = 8
    with pytest.raises(zfxxgk.ReportError) as report_error:
        zfxxgk.check(county)
    with pytest.raises(zfxxgk.ParseError) as parse_error:
        zfxxgk.parse("not a report")
    for error in (report_error.value, parse_error.value):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
    assert pickle.loads(pickle.dumps(report_error.value)).diagnostics == report_error.value.diagnostics
    assert pickle.loads(pickle.dumps(parse_error.value)).code == parse_error.value.code
    # The researcher's workflow: the error raised in a worker reaches the parent as itself.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        with pytest.raises(zfxxgk.ReportError) as caught:
            pool.submit(_check_in_worker, county).result(timeout=120)
        assert caught.value.diagnostics[0]["rule"] == "T4-TOTAL"
        with pytest.raises(zfxxgk.ParseError) as caught_parse:
            pool.submit(_parse_in_worker, "not a report").result(timeout=120)
        assert caught_parse.value.code == parse_error.value.code
    with context.Pool(1) as workers:
        with pytest.raises(zfxxgk.ReportError):
            workers.apply_async(_check_in_worker, (county,)).get(timeout=120)


def test_import_loads_only_the_native_module_and_names_resolve_on_use():
    import subprocess
    import sys

    code = "import sys, zfxxgk; print(sorted(m for m in sys.modules if m.startswith('zfxxgk')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['zfxxgk', 'zfxxgk._native']"
    for name in ("Report2021", "Diagnostic", "Panel", "COLUMNS", "ReportInput"):
        assert name in dir(zfxxgk)
        assert getattr(zfxxgk, name) is not None
    assert zfxxgk.Panel.__module__ == "zfxxgk._panel"
    with pytest.raises(AttributeError):
        zfxxgk.no_such_name  # noqa: B018
    with pytest.raises(TypeError):
        zfxxgk.panel(".", extensions="json")


def test_a_json_str_is_read_without_leaving_a_copy_in_it(county):
    import sys

    text = json.dumps(county, ensure_ascii=False)
    assert not text.isascii()
    size = sys.getsizeof(text)
    assert zfxxgk.validate(text) == zfxxgk.validate(text.encode())
    assert zfxxgk.validate_many([text, text]) == [zfxxgk.validate(text)] * 2
    # CPython counts a str's cached UTF-8 in its size: none was made.
    assert sys.getsizeof(text) == size
    ascii_text = json.dumps(county)
    assert zfxxgk.validate(ascii_text) == zfxxgk.validate(text)
