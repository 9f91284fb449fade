"""The sampling times of a chapter's fits, written for ``make bench`` and never shown on a page (two
builds must give the same HTML)."""

from __future__ import annotations

import json
import os

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
    out = BUILD / "timings"
    out.mkdir(parents=True, exist_ok=True)
    path = out / (chapter.replace("/", "__") + ".json")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    os.replace(tmp, path)
