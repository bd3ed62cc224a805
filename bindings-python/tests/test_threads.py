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


def test_validate_many_across_chunks_of_dicts_text_and_bytes(county):
    # More than two chunks (256 reports each), chunks of dicts, of text and of both: the
    # order and the answers stay those of validate.
    broken = json.loads(json.dumps(county))
    broken["requests"]["new"]["total"] = 10**6
    dicts = [county if i % 3 else broken for i in range(600)]
    sources = dicts + dicts[:300] + dicts[:100]
    inputs = dicts + [json.dumps(d) for d in dicts[:300]] + dicts[:100]
    answers = {id(county): zfxxgk.validate(county), id(broken): zfxxgk.validate(broken)}
    assert answers[id(county)] != answers[id(broken)]
    results = zfxxgk.validate_many(iter(inputs), threads=2)
    assert len(results) == len(inputs)
    for i, (r, source) in enumerate(zip(results, sources)):
        assert r == answers[id(source)], i


def test_validate_many_passes_on_what_the_iterator_raises(county):
    def reports():
        for i in range(700):
            if i == 600:
                raise KeyError("the caller's own error")
            yield json.loads(json.dumps(county))

    try:
        zfxxgk.validate_many(reports())
    except KeyError as e:
        assert "the caller's own error" in str(e)
    else:
        raise AssertionError("the iterator's error was swallowed")
