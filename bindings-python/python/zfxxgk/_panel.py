"""Many reports checked together: a panel of organs × years (``zfxxgk.panel``)."""

import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union, cast

from . import _native
from ._types import Diagnostic, ParseNote

try:
    from typing import TypedDict
except ImportError:  # pragma: no cover
    from typing_extensions import TypedDict  # type: ignore

#: Directories are searched for these by default: published reports (as ``zfxxgk check``).
PUBLISHED_EXTENSIONS: Tuple[str, ...] = _native.PUBLISHED_EXTENSIONS

#: The columns of every record, in the order ``zfxxgk check --panel --output csv`` writes them.
COLUMNS: Tuple[str, ...] = _native.PANEL_COLUMNS

PathArg = Union[str, "os.PathLike[str]"]


class Organ(TypedDict):
    name: str  # the canonical name of an alias, else the first name printed
    key: str  # the normalised name its reports were grouped by
    years: List[int]
    files: int


class Duplicate(TypedDict):
    organ: str
    year: int
    files: List[str]
    figures_agree: bool  # False: P-CONFLICT names the cells that differ


class PanelReport(TypedDict):
    file: str
    organ: Optional[str]  # as the report prints it
    panel_organ: Optional[str]  # the organ it was grouped under
    year: Optional[int]
    format: Optional[str]
    role: str  # primary, copy, conflict, unplaced
    previous: Optional[str]  # the file the cross-year rules read as last year's
    diagnostics: List[Diagnostic]
    notes: List[ParseNote]


class Totals(TypedDict):
    files: int
    with_errors: int
    unreadable: int
    cross_year: int
    errors: int
    warnings: int
    infos: int


#: One row of the tidy table (keys: ``COLUMNS``). ``kind`` is ``cell``, ``diagnostic`` or
#: ``note``; ``year`` and integer figures are ``int``; decimal amounts are ``str`` (their
#: exact digits); a blank is ``None``.
Record = Dict[str, Union[str, int, None]]


class Panel:
    """The result of ``zfxxgk.panel``: every report checked against its organ's previous
    year. ``organs``, ``duplicates``, ``similar_names`` and ``totals`` describe the panel;
    ``reports()`` gives each file's result, ``records()`` the tidy table and
    ``to_pandas()`` the same as a DataFrame."""

    def __init__(self, native: Any) -> None:
        self._native = native

    @property
    def organs(self) -> List[Organ]:
        result: List[Organ] = self._native.organs
        return result

    @property
    def duplicates(self) -> List[Duplicate]:
        result: List[Duplicate] = self._native.duplicates
        return result

    @property
    def similar_names(self) -> List[Tuple[str, str]]:
        result: List[Tuple[str, str]] = self._native.similar_names
        return result

    @property
    def totals(self) -> Totals:
        result: Totals = self._native.totals
        return result

    def reports(self) -> List[PanelReport]:
        """Each file's result, in the panel's order (organ, year, file; then the files not placed)."""
        result: List[PanelReport] = self._native.reports()
        return result

    def records(self) -> List[Record]:
        """The tidy table: a row per report × cell, per diagnostic and per parse note."""
        result: List[Record] = self._native.records()
        return result

    def to_pandas(self) -> Any:
        """``records()`` as a ``pandas.DataFrame`` with the columns of ``COLUMNS`` (pandas
        is needed only for this method)."""
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install pandas") from e
        return pandas.DataFrame.from_records(self.records(), columns=list(COLUMNS))

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return repr(self._native)


def _paths(paths: Union[PathArg, Iterable[PathArg]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    if isinstance(paths, (bytes, bytearray)):
        raise TypeError("paths must be str or os.PathLike, not bytes")
    out = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(f"a path must be str or os.PathLike, not {type(p).__name__}")
        out.append(os.fspath(p))
    return out


def _extensions(extensions: Optional[Iterable[str]]) -> List[str]:
    if extensions is None:
        return list(PUBLISHED_EXTENSIONS)
    if isinstance(extensions, str):
        raise TypeError("extensions must be an iterable of str, such as (\"json\",), not one str")
    return list(extensions)


def _aliases(aliases: Union[None, Mapping[str, str], Iterable[Tuple[str, str]]]) -> List[Tuple[str, str]]:
    if aliases is None:
        return []
    pairs = list(aliases.items()) if isinstance(aliases, Mapping) else [tuple(p) for p in aliases]
    out = []
    for pair in pairs:
        if len(pair) != 2 or not all(isinstance(x, str) for x in pair):
            raise TypeError("aliases must map a name (str) to its canonical name (str)")
        out.append((pair[0], pair[1]))
    return out


def run_panel(
    paths: Union[PathArg, Iterable[PathArg]],
    extensions: Optional[Iterable[str]],
    aliases: Union[None, Mapping[str, str], Iterable[Tuple[str, str]]],
    kind: str,
    max_diagnostics: Optional[int],
) -> Panel:
    """``zfxxgk.panel`` (documented there)."""
    return Panel(_native.panel(_paths(paths), _extensions(extensions), _aliases(aliases), kind, max_diagnostics))


def run_panel_csv(
    paths: Union[PathArg, Iterable[PathArg]],
    out: PathArg,
    extensions: Optional[Iterable[str]],
    aliases: Union[None, Mapping[str, str], Iterable[Tuple[str, str]]],
    kind: str,
    max_diagnostics: Optional[int],
) -> Totals:
    """``zfxxgk.panel_csv`` (documented there)."""
    result = _native.panel_csv(
        _paths(paths), os.fspath(out), _extensions(extensions), _aliases(aliases), kind, max_diagnostics
    )
    return cast(Totals, result)
