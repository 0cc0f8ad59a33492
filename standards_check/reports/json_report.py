"""The JSON report: the machine-readable record of a run (see interfaces.md)."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any]) -> str:
    # Stable bytes: keys in the order the report builds them, no timestamps.
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
