from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "policies"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(autouse=True, scope="session")
def _private_rubric_cache(tmp_path_factory: pytest.TempPathFactory):
    """Compiled rubrics go to a folder of this test session, never the user's cache
    (subprocesses the tests start inherit it)."""
    from standards_check.cache import CACHE_ENV

    patch = pytest.MonkeyPatch()
    patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("rubric-cache")))
    yield
    patch.undo()
