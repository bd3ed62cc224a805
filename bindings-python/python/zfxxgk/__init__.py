"""zfxxgk: check 政府信息公开工作年度报告 (government information disclosure annual reports).

Every 勾稽关系 of the national template, each finding naming its cell (JSON Pointer and
printed label), in Chinese and English. A report is a dict in the canonical form (see
``schema()``), a JSON ``str``, ``bytes``, or a path to a JSON file.

>>> import zfxxgk
>>> report = zfxxgk.template("2021", 2024)
>>> report["requests"]["new"]["natural_person"] = 3
>>> [d["rule"] for d in zfxxgk.validate(report) if d["severity"] == "error"]
['T3-ROW-TOTAL', 'T3-BALANCE']
"""

# Importing the package costs little over the native module itself: the typing module, the
# TypedDicts and the panel helpers are loaded on first use (module __getattr__ below), and
# annotations are not evaluated (checkers read them; ``typing.get_type_hints`` resolves
# them on demand).
from __future__ import annotations

import os

from . import _native

# The name type checkers treat as True; false at run time (no import of typing needed).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

    from ._panel import (
        COLUMNS,
        PUBLISHED_EXTENSIONS,
        Duplicate,
        Organ,
        Panel,
        PanelReport,
        Record,
        Totals,
    )
    from ._types import Diagnostic, NoteKind, ParseNote, Parsed, Report, Report2019, Report2021, Row, Rule

    #: What the functions accept as a report.
    ReportInput = Union[Mapping[str, Any], str, bytes, bytearray, "os.PathLike[str]"]
    _PathArg = Union[str, "os.PathLike[str]"]

#: Names defined by a submodule, imported when first used.
_LAZY = {
    **dict.fromkeys(
        ("Diagnostic", "NoteKind", "ParseNote", "Parsed", "Report", "Report2019", "Report2021", "Row", "Rule"),
        "_types",
    ),
    **dict.fromkeys(
        ("COLUMNS", "PUBLISHED_EXTENSIONS", "Duplicate", "Organ", "Panel", "PanelReport", "Record", "Totals"),
        "_panel",
    ),
}


def __getattr__(name: str) -> Any:
    if name == "ReportInput":
        import typing

        value: Any = typing.Union[typing.Mapping[str, typing.Any], str, bytes, bytearray, "os.PathLike[str]"]
    elif name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted({*globals(), *_LAZY, "ReportInput"})


__all__ = [
    "COLUMNS",
    "Diagnostic",
    "Duplicate",
    "Organ",
    "Panel",
    "PanelReport",
    "PUBLISHED_EXTENSIONS",
    "Record",
    "Totals",
    "panel",
    "panel_csv",
    "NoteKind",
    "ParseNote",
    "Parsed",
    "Report",
    "Report2019",
    "Report2021",
    "ReportError",
    "Row",
    "Rule",
    "__version__",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_VALUES",
    "MAX_DIAGNOSTICS",
    "check",
    "ParseError",
    "fill_totals",
    "parse",
    "is_valid",
    "rules",
    "schema",
    "template",
    "validate",
    "validate_many",
]

__version__: str = _native.__version__
MAX_INPUT_BYTES: int = _native.MAX_INPUT_BYTES
MAX_INPUT_VALUES: int = _native.MAX_INPUT_VALUES
MAX_DIAGNOSTICS: int = _native.MAX_DIAGNOSTICS

class ReportError(ValueError):
    """The report has errors (``check``), or is not a report at all (``fill_totals``).

    ``diagnostics`` holds every diagnostic found, warnings included.
    """

    diagnostics: List[Diagnostic]

    def __init__(self, diagnostics: List[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d["severity"] == "error"]
        shown = errors[0] if errors else (diagnostics[0] if diagnostics else None)
        text = f"{len(errors)} error(s) in the report"
        if shown is not None:
            text += f"; first: {shown['rule']} at {shown['path'] or '/'}: {shown['message']}"
        super().__init__(text)

    def __reduce__(self) -> Any:
        # Pickled with its diagnostics (what __init__ takes), so that it crosses process
        # boundaries: multiprocessing and ProcessPoolExecutor re-raise it in the parent.
        return (type(self), (self.diagnostics,))


def validate(
    report: ReportInput,
    *,
    previous: Optional[ReportInput] = None,
    max_diagnostics: Optional[int] = None,
    max_input_bytes: Optional[int] = None,
) -> List[Diagnostic]:
    """Every diagnostic of ``report`` (an empty list for a clean report).

    ``previous`` is last year's report of the same organ (enables the cross-year rules).
    ``max_diagnostics`` caps the list (a hostile document cannot make millions; default
    ``MAX_DIAGNOSTICS``, 10,000); each rule with findings beyond it is named by one
    ``DOC-TRUNCATED`` diagnostic at the end.
    ``max_input_bytes``: JSON input (str, bytes, a file) longer than this is not read and
    gets ``DOC-TOO-LARGE`` (default ``MAX_INPUT_BYTES``, 64 MiB); a dict standing for more
    than ``MAX_INPUT_VALUES`` values (shared sub-objects count each time) gets it too.
    Input that is not a report is a diagnostic (``DOC-NOT-JSON`` …), not an exception;
    a wrong argument type raises ``TypeError``.
    """
    return _native.validate(report, previous, max_diagnostics, max_input_bytes)


def is_valid(report: ReportInput, *, previous: Optional[ReportInput] = None) -> bool:
    """True when ``report`` has no error-severity diagnostic."""
    return _native.is_valid(report, previous)


def check(report: ReportInput, *, previous: Optional[ReportInput] = None) -> None:
    """Raises ``ReportError`` (a ``ValueError``) when ``report`` has errors."""
    diagnostics = _native.validate(report, previous, None)
    if any(d["severity"] == "error" for d in diagnostics):
        raise ReportError(diagnostics)


def validate_many(reports: Iterable[ReportInput], *, threads: Optional[int] = None) -> List[List[Diagnostic]]:
    """The diagnostics of every report, in input order, checked in parallel on all cores
    (or ``threads`` threads) with the GIL released."""
    return _native.validate_many(reports, threads)


def schema(format: Optional[str] = None) -> Dict[str, Any]:
    """The published JSON Schema: of one template version (``"2019"``, ``"2021"``), of
    either (``None``), or of a diagnostic record (``"diagnostic"``)."""
    result: Dict[str, Any] = _native.schema(format)
    return result


def template(format: str, year: int) -> Report:
    """A blank report of ``format`` (``"2019"`` / ``"2021"``) for ``year``: every cell 0."""
    result: Report = _native.template(format, year)
    return result


def _copy(value: Any) -> Any:
    import copy

    return copy.copy(value)


def _copy_containers(value: Any, copies: Dict[int, Any]) -> Any:
    """A copy of the dicts and lists of ``value`` (a part shared in the argument is copied
    once and shared alike; subclasses keep their type); every other value (tuples, floats
    such as NaN, ints of any size, objects) is the caller's own, unchanged."""
    if not isinstance(value, (dict, list)):
        return value
    # Keyed by id: every object met is held by the argument, so no id is reused meanwhile.
    done = copies.get(id(value))
    if done is not None:
        return done
    if isinstance(value, dict):
        out: Any = {} if type(value) is dict else _copy(value)
        copies[id(value)] = out
        for key, item in list(dict.items(value)):
            dict.__setitem__(out, key, _copy_containers(item, copies))
    else:
        out = [] if type(value) is list else _copy(value)
        copies[id(value)] = out
        list.__setitem__(out, slice(None), [_copy_containers(item, copies) for item in list(value)])
    return out


def fill_totals(report: ReportInput) -> Report:
    """A new report with every total of tables 3 and 4 computed from its parts (blank
    parts count as 0); the argument is not changed. A dict comes back as a copy whose
    total cells are set and whose other values are exactly as given (NaN, big ints, tuples,
    objects kept, not converted); JSON text, bytes or a path come back as ``json.loads`` of
    the text with only its totals changed. Raises ``ReportError`` when the input is not a
    report (no known ``format``, or a key written twice in one object)."""
    answer, diagnostics = _native.fill_totals(report)
    if answer is None:
        raise ReportError(diagnostics)
    if isinstance(answer, str):
        import json

        result: Report = json.loads(answer)
        return result
    copies: Dict[int, Any] = {}
    filled = _copy_containers(report, copies)
    ours = {id(c) for c in copies.values()}
    for keys, value in answer:
        row = filled
        for key in keys[:-1]:
            row = dict.get(row, key) if isinstance(row, dict) else None
        # Only into dicts of the copy: a row that is the caller's own object is not written.
        if isinstance(row, dict) and id(row) in ours:
            dict.__setitem__(row, keys[-1], value)
    report_filled: Report = filled
    return report_filled


class ParseError(ValueError):
    """A published report could not be read: ``code`` says why (``NOT_TEXT``,
    ``NOT_A_TEMPLATE_REPORT``, ``SECTION_MISSING``, ``TABLE_MISSING``,
    ``TABLE_UNREADABLE``, ``YEAR_MISSING``, ``TOO_LARGE``)."""

    code: str
    message: str

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")

    def __reduce__(self) -> Any:
        return (type(self), (self.code, self.message))


def parse(published: Union[str, bytes, bytearray], kind: str = "auto") -> Parsed:
    """Reads a published report (a web page, copied or crawled text or PDF text, a PDF or
    Word file; ``kind`` "auto" decides from the content, or "html", "text", "pdf", "docx")
    into ``{"report": <canonical document>, "notes": [...], "sources": [[pointer, raw], ...]}``.
    Cells that could not be read with certainty are ``None`` and explained in the notes.
    Raises ``ParseError`` when the input is not a readable 2019/2021 template report."""
    result, code, message = _native.parse(published, kind)
    if result is None:
        raise ParseError(code or "UNKNOWN", message or "")
    parsed: Any = result  # a dict of the Parsed shape
    return parsed


def rules() -> List[Rule]:
    """The rule catalog: id, severity, formats, Chinese and English titles and messages."""
    return _native.rules()


def panel(
    paths: Union[_PathArg, Iterable[_PathArg]],
    *,
    extensions: Optional[Iterable[str]] = None,
    aliases: Union[None, Mapping[str, str], Iterable[Tuple[str, str]]] = None,
    kind: str = "auto",
    max_diagnostics: Optional[int] = None,
) -> Panel:
    """Checks many reports together as a panel of organs × years, in parallel with the GIL
    released: each report against the previous year's report of the same organ.

    ``paths``: files and directories (searched for ``extensions``: published reports by
    default, ``("json",)`` for canonical documents); a ``*.json`` file is read as a
    document, any other as a published report. Organ names are compared after
    normalisation (spaces, full-width forms, brackets, 管理委员会 = 管委会 …); ``aliases``
    maps other names of one organ to its canonical name. Nothing is guessed: reports
    without an organ or a year, missing previous years, copies that disagree and names
    that only look alike are named by ``P-…`` diagnostics. All results are held in memory;
    for very large panels write the table with ``panel_csv``.
    """
    from . import _panel

    return _panel.run_panel(paths, extensions, aliases, kind, max_diagnostics)


def panel_csv(
    paths: Union[_PathArg, Iterable[_PathArg]],
    out: _PathArg,
    *,
    extensions: Optional[Iterable[str]] = None,
    aliases: Union[None, Mapping[str, str], Iterable[Tuple[str, str]]] = None,
    kind: str = "auto",
    max_diagnostics: Optional[int] = None,
) -> Totals:
    """Writes the panel's tidy table to ``out`` as CSV (exactly what ``zfxxgk check
    --panel --output csv`` writes) while it is checked: memory stays flat however many
    reports. Returns the counts."""
    from . import _panel

    return _panel.run_panel_csv(paths, out, extensions, aliases, kind, max_diagnostics)
