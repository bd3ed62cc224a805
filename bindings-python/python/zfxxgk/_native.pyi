# Stubs of the compiled module, checked against it with mypy.stubtest.
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from typing_extensions import final

from ._types import Diagnostic, Rule

__all__ = [
    "__version__",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_VALUES",
    "MAX_DIAGNOSTICS",
    "PANEL_COLUMNS",
    "PUBLISHED_EXTENSIONS",
    "fill_totals",
    "is_valid",
    "PanelResult",
    "panel",
    "panel_csv",
    "parse",
    "rules",
    "schema",
    "template",
    "validate",
    "validate_many",
]
__version__: str
MAX_INPUT_BYTES: int
MAX_INPUT_VALUES: int
MAX_DIAGNOSTICS: int
PANEL_COLUMNS: Tuple[str, ...]
PUBLISHED_EXTENSIONS: Tuple[str, ...]

def validate(
    report: Any,
    previous: Optional[Any] = None,
    max_diagnostics: Optional[int] = None,
    max_input_bytes: Optional[int] = None,
) -> List[Diagnostic]: ...
def is_valid(report: Any, previous: Optional[Any] = None) -> bool: ...
def validate_many(reports: Iterable[Any], threads: Optional[int] = None) -> List[List[Diagnostic]]: ...
def schema(format: Optional[str] = None) -> Dict[str, Any]: ...
def template(format: str, year: int) -> Any: ...
def fill_totals(report: Any) -> Tuple[Optional[Union[str, List[Tuple[Tuple[str, ...], int]]]], List[Diagnostic]]: ...
def rules() -> List[Rule]: ...
def parse(input: Any, kind: str = "auto") -> Tuple[Optional[Dict[str, Any]], Optional[str], Optional[str]]: ...

@final
class PanelResult:
    @property
    def organs(self) -> List[Dict[str, Any]]: ...
    @property
    def duplicates(self) -> List[Dict[str, Any]]: ...
    @property
    def similar_names(self) -> List[Tuple[str, str]]: ...
    @property
    def totals(self) -> Dict[str, int]: ...
    def reports(self) -> List[Dict[str, Any]]: ...
    def records(self) -> List[Dict[str, Any]]: ...
    def __len__(self) -> int: ...

def panel(
    paths: List[str],
    extensions: List[str],
    aliases: List[Tuple[str, str]],
    kind: str = "auto",
    max_diagnostics: Optional[int] = None,
) -> PanelResult: ...
def panel_csv(
    paths: List[str],
    out: str,
    extensions: List[str],
    aliases: List[Tuple[str, str]],
    kind: str = "auto",
    max_diagnostics: Optional[int] = None,
) -> Dict[str, int]: ...
