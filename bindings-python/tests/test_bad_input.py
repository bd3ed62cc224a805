"""Input that is not a report: a diagnostic, never a crash."""
import json
import math

import zfxxgk


def rules_at(diagnostics):
    return sorted((d["rule"], d["path"]) for d in diagnostics if d["severity"] == "error")


def test_nesting_100_000_deep_is_a_diagnostic():
    deep: dict = {}
    node = deep
    for _ in range(100_000):
        node["x"] = {}
        node = node["x"]
    assert rules_at(zfxxgk.validate(deep)) == [("DOC-TOO-DEEP", "")]
    assert rules_at(zfxxgk.validate("[" * 100_000 + "]" * 100_000)) == [("DOC-TOO-DEEP", "")]


def test_a_cycle_is_a_diagnostic(county):
    county["extensions"] = {}
    county["extensions"]["self"] = county
    assert rules_at(zfxxgk.validate(county)) == [("DOC-TOO-DEEP", "")]


def test_huge_ints_nan_and_odd_objects_name_their_cells(county):
    county["requests"]["new"]["other"] = 2**70
    county["requests"]["new"]["research"] = math.nan
    county["requests"]["new"]["legal_services"] = {1, 2}
    county["appeals"]["review"]["upheld"] = True
    assert rules_at(zfxxgk.validate(county)) == [
        ("S-RANGE", "/requests/new/other"),
        ("S-TYPE", "/appeals/review/upheld"),
        ("S-TYPE", "/requests/new/legal_services"),
        ("S-TYPE", "/requests/new/research"),
    ]


def test_non_str_keys_are_unknown_keys(county):
    county["requests"]["new"][7] = 1
    assert ("S-UNKNOWN", "/requests/new/7") in rules_at(zfxxgk.validate(county))


def test_bytes_that_are_not_utf8():
    text = json.dumps({"format": "2021", "organ": "某某县"}, ensure_ascii=False)
    assert rules_at(zfxxgk.validate(text.encode("gbk"))) == [("DOC-NOT-JSON", "")]


def test_a_str_with_a_lone_surrogate():
    assert rules_at(zfxxgk.validate('{"format": "2021", "organ": "\ud800"}'))[0][0] in ("DOC-NOT-JSON", "S-REQUIRED")


def test_a_50_mb_string(county):
    county["extensions"] = {"pages": ["政务公开" * 1000] * 4400}
    text = json.dumps(county, ensure_ascii=False)
    assert len(text.encode()) > 50_000_000
    assert zfxxgk.is_valid(text)
    assert rules_at(zfxxgk.validate("x" * 50_000_000)) == [("DOC-NOT-JSON", "")]


def test_floats_where_integers_belong(county):
    county["requests"]["new"]["commercial"] = 1.0
    assert rules_at(zfxxgk.validate(county)) == [("S-TYPE", "/requests/new/commercial")]


def test_lone_surrogates_in_a_dict(county):
    """A str with no UTF-8 form is read with U+FFFD in place of the surrogate's bytes: a key is
    still named as unknown, and the caller's dict is left as it was."""
    county["organ"] = "\ud800县"
    county["requests"]["new"]["\udc00"] = 1
    # pyo3 reads the surrogate's three bytes, each replaced by U+FFFD.
    assert rules_at(zfxxgk.validate(county)) == [("S-UNKNOWN", "/requests/new/" + "\ufffd" * 3)]
    assert county["organ"] == "\ud800县" and county["requests"]["new"]["\udc00"] == 1


def test_the_dict_reader_agrees_with_json_text(county):
    """Sequences, nested objects, dict subclasses and tuples read as JSON would have them."""
    from collections import OrderedDict

    county["extensions"] = {"list": [1, "二", None, [2.5, {"k": True}]], "tuple": (1, 2), "empty": []}
    county["requests"]["new"]["total"] = 7  # an arithmetic error, so there is something to report
    as_json = zfxxgk.validate(json.dumps(county, ensure_ascii=False))
    assert rules_at(as_json) == [("T3-BALANCE", "/requests/carried_forward/total"), ("T3-ROW-TOTAL", "/requests/new/total")]
    assert zfxxgk.validate(county) == as_json
    ordered = OrderedDict(county)
    ordered["requests"] = OrderedDict(county["requests"])
    assert zfxxgk.validate(ordered) == as_json


def test_keys_told_by_identity_still_name_every_wrong_key(county):
    """Rows share their key objects (json.loads and fill_totals give one str per distinct key):
    a row whose key differs, is a str subclass, or comes in another order is read by its text."""

    class Key(str):
        pass

    text = json.dumps(county, ensure_ascii=False)
    shared = json.loads(text)
    rows = shared["requests"]["outcomes"]["withheld"]
    first, second = rows["state_secret"], rows["prohibited_by_law"]
    assert next(iter(first)) is next(iter(second))  # one key object for both rows
    assert zfxxgk.validate(shared) == zfxxgk.validate(text)

    misspelt = json.loads(text)
    row = misspelt["requests"]["outcomes"]["withheld"]["prohibited_by_law"]
    row["totl"] = row.pop("total")
    found = rules_at(zfxxgk.validate(misspelt))
    assert ("S-UNKNOWN", "/requests/outcomes/withheld/prohibited_by_law/totl") in found
    assert ("S-REQUIRED", "/requests/outcomes/withheld/prohibited_by_law/total") in found

    reordered = json.loads(text)
    row = reordered["requests"]["outcomes"]["withheld"]["prohibited_by_law"]
    reordered["requests"]["outcomes"]["withheld"]["prohibited_by_law"] = dict(reversed(list(row.items())))
    subclassed = json.loads(text)
    row = subclassed["requests"]["outcomes"]["withheld"]["prohibited_by_law"]
    subclassed["requests"]["outcomes"]["withheld"]["prohibited_by_law"] = {Key(k): v for k, v in row.items()}
    for doc in (reordered, subclassed, zfxxgk.fill_totals(shared)):
        assert zfxxgk.validate(doc) == zfxxgk.validate(text)

    # A value of each kind in a cell: read as JSON text of it is.
    for value in (True, -1, 2**64, 1.0, "3", [1], {"a": 1}):
        doc = json.loads(text)
        doc["requests"]["outcomes"]["withheld"]["prohibited_by_law"]["research"] = value
        as_text = json.dumps(doc, ensure_ascii=False) if value != 2**64 else None
        got = rules_at(zfxxgk.validate(doc))
        assert got and got[0][1].startswith("/requests/outcomes/withheld/prohibited_by_law/research"), (value, got)
        if as_text is not None:
            assert zfxxgk.validate(doc) == zfxxgk.validate(as_text), value
