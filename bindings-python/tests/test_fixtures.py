"""The shared fixture corpus: the same diagnostics as core (diagnostics.json, every field),
from every kind of input; case.json says whether the case can be given as a dict."""
import json
import pathlib

import pytest

import zfxxgk

from conftest import FIXTURES

CASES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def pairs(diagnostics):
    return sorted([d["rule"], d["path"]] for d in diagnostics)


def test_the_corpus_is_there():
    assert len(CASES) > 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: pathlib.Path):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    full = json.loads((case / "diagnostics.json").read_text(encoding="utf-8"))
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    previous_path = case / "previous.json"
    previous = previous_path if previous_path.exists() else None
    limit = meta.get("max_input_bytes")
    cap = meta.get("max_diagnostics")
    from_path = zfxxgk.validate(case / "report.json", previous=previous, max_input_bytes=limit, max_diagnostics=cap)
    assert pairs(from_path) == expected
    assert from_path == full
    if limit is not None or cap is not None:
        raw = (case / "report.json").read_bytes()
        assert zfxxgk.validate(raw, max_input_bytes=limit, max_diagnostics=cap) == full
        return

    raw = (case / "report.json").read_bytes()
    prev_bytes = previous_path.read_bytes() if previous else None
    assert zfxxgk.validate(raw, previous=prev_bytes) == from_path
    assert zfxxgk.validate(bytearray(raw), previous=prev_bytes) == from_path
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert zfxxgk.validate(text, previous=prev_bytes) == from_path
    if not meta["native"]:
        return
    document = json.loads(text.lstrip("\ufeff"))
    assert zfxxgk.validate(document, previous=prev_bytes) == from_path
    assert zfxxgk.is_valid(document, previous=prev_bytes) == all(d["severity"] != "error" for d in from_path)
