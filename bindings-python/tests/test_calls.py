"""The calls corpus (core/tests/calls): template, schema, fill_totals and parse answer with
core's result, or refuse with core's message, exactly as every other language does."""
import json

import pytest

import zfxxgk

from conftest import ROOT

CALLS = ROOT / "core" / "tests" / "calls"
TESTS = ROOT / "core" / "tests"
CASES = json.loads((CALLS / "cases.json").read_text(encoding="utf-8"))["cases"]


def make_call(case):
    call = case["call"]
    if call == "template":
        return lambda: zfxxgk.template(case["format"], case["year"])
    if call == "schema":
        return lambda: zfxxgk.schema(case["format"])
    if call == "fill_totals":
        return lambda: zfxxgk.fill_totals((TESTS / case["report"]).read_bytes())
    if call == "parse":
        return lambda: zfxxgk.parse((TESTS / case["input"]).read_bytes(), case["kind"])
    raise AssertionError(f"unknown call {call}")


def test_the_corpus_is_there():
    assert len(CASES) > 20


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_call(case):
    out = CALLS / f"{case['name']}.out.json"
    call = make_call(case)
    if out.exists():
        assert call() == json.loads(out.read_text(encoding="utf-8"))
        return
    refusal = json.loads((CALLS / f"{case['name']}.error.json").read_text(encoding="utf-8"))
    if refusal["error"] == "invalid_argument":
        with pytest.raises(ValueError) as caught:
            call()
        assert not isinstance(caught.value, zfxxgk.ReportError)
        assert str(caught.value) == refusal["message"]
    else:
        with pytest.raises(zfxxgk.ReportError) as caught:
            call()
        assert sorted([d["rule"], d["path"]] for d in caught.value.diagnostics) == refusal["diagnostics"]
