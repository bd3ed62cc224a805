"""The parse-fixture corpus (core/tests/parse-fixtures): every case parses to the result
the core test checked against the report's hand-checked figures (expected.json)."""
import json
import pathlib

import pytest

import zfxxgk

from conftest import ROOT

PARSE_FIXTURES = ROOT / "core" / "tests" / "parse-fixtures"
CASES = sorted(p for p in PARSE_FIXTURES.iterdir() if p.is_dir())


def test_the_parse_corpus_is_there():
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_parse_fixture(case: pathlib.Path):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    data = next(p for p in case.iterdir() if p.stem == "input").read_bytes()
    if "error" in expected:
        with pytest.raises(zfxxgk.ParseError) as caught:
            zfxxgk.parse(data)
        assert caught.value.code == expected["error"]["code"]
        return
    assert zfxxgk.parse(data) == expected
    assert zfxxgk.parse(bytearray(data)) == expected
