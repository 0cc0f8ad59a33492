from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "policies"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
