import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "core" / "tests" / "fixtures"


@pytest.fixture
def county() -> dict:
    import json

    return json.loads((ROOT / "examples" / "reports" / "2021-county.json").read_text(encoding="utf-8"))
