"""Hostile input: Python code that runs while a report is read cannot corrupt the walk,
shared sub-objects cannot expand without bound, and files are read only when they are
regular files of a sane size."""
import copy
import gc
import json
import os
import pathlib
import tempfile

import pytest

import zfxxgk


def rules(diagnostics):
    return sorted((d["rule"], d["path"]) for d in diagnostics)


def test_finalizers_cannot_change_the_dict_while_it_is_walked(county):
    # A count between 2^63 and 2^64 makes the int reader raise and clear an OverflowError:
    # an allocation, which on CPython <= 3.11 can run the cyclic collector and with it the
    # finalizers below. Each changes a cell the walk has read (table 3, before the big
    # int) and one it has not (table 4, after it). The reader pauses the collector, so a
    # finalizer runs before the walk or after it: the answer is that of the report before
    # the change or after it, never a mixture of the two.
    county["requests"]["new"]["other"] = 2**63 + 5

    class Trap:
        def __init__(self, doc):
            self.doc = doc
            self.me = self  # a cycle: freed only by the collector

        def __del__(self):
            self.doc["requests"]["new"]["natural_person"] = 1000
            self.doc["appeals"]["review"]["total"] = 999

    changed = copy.deepcopy(county)
    Trap(changed).__del__()
    before, after = zfxxgk.validate(json.dumps(county)), zfxxgk.validate(json.dumps(changed))
    assert before != after
    thresholds = gc.get_threshold()
    try:
        for _ in range(50):
            doc = copy.deepcopy(county)
            gc.disable()
            traps = [Trap(doc) for _ in range(20)]
            gc.set_threshold(1, 1, 1)
            gc.enable()
            traps.clear()  # garbage now: the next collection runs the finalizers
            got = zfxxgk._native.validate(doc, None, None, None)
            gc.set_threshold(*thresholds)
            assert gc.isenabled()  # the reader restores the collector
            assert got in (before, after)
    finally:
        gc.set_threshold(*thresholds)
        gc.enable()
        gc.collect()


def test_the_collector_stays_paused_only_during_the_walk(county):
    gc.disable()
    try:
        zfxxgk.validate(county)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
    zfxxgk.validate(county)
    assert gc.isenabled()


def test_a_key_whose_str_changes_the_dict_is_an_ordinary_result(county):
    class Key:
        def __init__(self, target):
            self.target = target

        def __str__(self):
            for i in range(100):
                self.target[f"added-{i}"] = i
            return "key"

        def __repr__(self):
            self.target.clear()
            return "Key()"

        def __hash__(self):
            return 1

    county[Key(county)] = 1
    found = zfxxgk.validate(county)  # not pyo3's PanicException
    assert isinstance(found, list) and found


def test_shared_sub_objects_are_counted_each_time_they_appear(county):
    x: list = []
    for _ in range(24):
        x = [x, x]  # 2^25 values in a few hundred bytes
    county["extensions"] = {"x": x}
    found = zfxxgk.validate(county)
    assert rules(found) == [("DOC-TOO-LARGE", "")]
    assert found[0]["params"] == {"limit": zfxxgk.MAX_INPUT_VALUES, "unit": "values"}
    filled, diagnostics = zfxxgk._native.fill_totals(county)
    assert filled is None and diagnostics[0]["rule"] == "DOC-TOO-LARGE"


def test_shared_sub_objects_are_refused_before_their_values_are_built():
    # The readers count the whole object once after 50,000 values: a shared object is
    # refused with little built (before: the limit's 1,000,000 values, ~180 MB). Peak
    # memory of a fresh process, so that nothing else this test session did counts: its
    # VmHWM (ru_maxrss would include the forking parent's resident size).
    import subprocess
    import sys

    program = (
        "import zfxxgk\n"
        "x = []\n"
        "for _ in range(24):\n"
        "    x = [x, x]\n"
        "r = zfxxgk.template('2021', 2024)\n"
        "r['extensions'] = {'x': x}\n"
        "assert zfxxgk.validate(r)[0]['rule'] == 'DOC-TOO-LARGE'\n"
        "assert zfxxgk.validate({'format': '2021', 'x': x})[0]['rule'] == 'DOC-TOO-LARGE'\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "print(int(status.split()[0]))\n"
    )
    peak_kb = int(subprocess.run([sys.executable, "-c", program], check=True, capture_output=True, text=True).stdout)
    assert peak_kb < 100 * 1024, f"peak {peak_kb} KB"


def test_json_input_above_the_limit_is_not_read(county):
    text = json.dumps(county)
    found = zfxxgk.validate(text, max_input_bytes=100)
    assert rules(found) == [("DOC-TOO-LARGE", "")]
    assert found[0]["params"] == {"limit": 100, "size": len(text.encode()), "unit": "bytes"}
    assert zfxxgk.validate(text, max_input_bytes=len(text.encode())) == zfxxgk.validate(county)
    with pytest.raises(ValueError):
        zfxxgk.validate(text, max_input_bytes=0)


def test_only_regular_files_are_read(county):
    with tempfile.TemporaryDirectory() as tmp:
        fifo = pathlib.Path(tmp) / "report.json"
        os.mkfifo(fifo)
        with pytest.raises(OSError, match="not a regular file"):
            zfxxgk.validate(fifo)  # would block forever if opened
        with pytest.raises(OSError, match="not a regular file"):
            zfxxgk.validate(pathlib.Path("/dev/zero"))
        big = pathlib.Path(tmp) / "big.json"
        with open(big, "wb") as f:
            f.truncate(zfxxgk.MAX_INPUT_BYTES + 1)  # sparse
        found = zfxxgk.validate(big)
        assert rules(found) == [("DOC-TOO-LARGE", "")]
        assert found[0]["params"]["size"] == zfxxgk.MAX_INPUT_BYTES + 1


PARTS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other"]


def test_fill_totals_keeps_every_value_it_does_not_compute(county):
    class Marker:
        def __repr__(self):
            return "Marker()"

    marker = Marker()
    county["requests"]["new"]["total"] = 0
    county["extensions"] = {
        "nan": float("nan"),
        "big": 2**70,
        "pair": (1, {"inner": 2}),
        "object": marker,
        "keys": {1: "int key", (2, 3): "tuple key"},
    }
    before = copy.deepcopy(county)
    filled = zfxxgk.fill_totals(county)
    assert filled["requests"]["new"]["total"] == sum(county["requests"]["new"][k] for k in PARTS) != 0
    ext = filled["extensions"]
    assert ext["nan"] != ext["nan"] and isinstance(ext["nan"], float)
    assert ext["big"] == 2**70 and isinstance(ext["big"], int)
    assert ext["pair"] is county["extensions"]["pair"]
    assert ext["object"] is marker
    assert ext["keys"] == {1: "int key", (2, 3): "tuple key"}
    # The argument is unchanged and shares no dict or list with the result.
    assert county["requests"]["new"]["total"] == 0
    assert repr(county) == repr(before)
    assert filled["requests"] is not county["requests"]
    assert filled["extensions"]["keys"] is not county["extensions"]["keys"]


def test_fill_totals_keeps_dict_subclasses_and_shared_parts(county):
    import collections

    county["requests"]["new"] = collections.OrderedDict(county["requests"]["new"], total=0)
    shared = [1, 2]
    county["extensions"] = {"a": shared, "b": shared}
    filled = zfxxgk.fill_totals(county)
    assert type(filled["requests"]["new"]) is collections.OrderedDict
    assert filled["requests"]["new"]["total"] == sum(county["requests"]["new"][k] for k in PARTS)
    assert county["requests"]["new"]["total"] == 0
    assert filled["extensions"]["a"] is filled["extensions"]["b"] is not shared


def test_fill_totals_on_text_keeps_it_as_written(county):
    county["requests"]["new"]["total"] = 0
    text = json.dumps(county, ensure_ascii=False, indent=1)
    text = text.replace('"year": ', '"x-big": 1180591620717411303424, "x-dec": 0.1000000000000000000000001, "year": ', 1)
    filled = zfxxgk.fill_totals(text)
    assert filled["x-big"] == 2**70
    assert filled["requests"]["new"]["total"] == sum(county["requests"]["new"][k] for k in PARTS)
    assert zfxxgk.fill_totals(text.encode()) == filled
    twice = text.replace('"natural_person": ', '"natural_person": 1, "natural_person": ', 1)
    with pytest.raises(zfxxgk.ReportError) as refused:
        zfxxgk.fill_totals(twice)
    assert rules(refused.value.diagnostics) == [("S-DUPLICATE", "/requests/new/natural_person")]
