"""The sampling times of a chapter's fits, written for ``make bench`` and never shown on a page (two
builds must give the same HTML)."""

from __future__ import annotations

import json

from ..files import write_atomic
from ..paths import BUILD


def record_fits(chapter: str, fits) -> None:
    """Write each fit's compile and sampling times and ESS per second to ``_build/timings/<chapter>.json``."""
    rows = [
        {
            "model": f.name,
            "compile_seconds": round(f.compile_seconds, 2),
            "seconds": round(f.seconds, 2),
            "min_ess": round(f.min_ess),
            "ess_per_second": round(f.ess_per_second),
        }
        for f in fits
    ]
    write_atomic({BUILD / "timings" / (chapter.replace("/", "__") + ".json"): json.dumps(rows, indent=1)})
