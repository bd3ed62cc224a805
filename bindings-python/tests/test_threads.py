"""Concurrency: threads calling validate at once, and validate_many."""
import json
from concurrent.futures import ThreadPoolExecutor

import zfxxgk

from conftest import FIXTURES


def reports():
    return [p.read_bytes() for p in sorted(FIXTURES.glob("*/report.json"))]


def test_threads_calling_validate_agree():
    inputs = reports()
    expected = [zfxxgk.validate(r) for r in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(zfxxgk.validate, inputs)) == expected


def test_validate_many_keeps_input_order_for_every_kind_of_input(county):
    inputs = reports()
    expected = [zfxxgk.validate(r) for r in inputs]
    assert zfxxgk.validate_many(inputs) == expected
    assert zfxxgk.validate_many(iter(inputs), threads=2) == expected
    mixed = [county, json.dumps(county), json.dumps(county).encode(), inputs[0]]
    results = zfxxgk.validate_many(mixed, threads=3)
    assert results[0] == results[1] == results[2] == zfxxgk.validate(county)
    assert results[3] == expected[0]
    assert zfxxgk.validate_many([]) == []
