"""The verdict table: every claim of the register, checked. Used by ``python -m acureview verify``,
the dashboard, the chapters and the tests alike."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from . import checks
from .data import DataError, Dataset, load
from .paths import BUILD

COLUMNS = ["claim_id", "section", "kind", "quote", "refs", "reported", "rederived", "verdict", "reason",
           "chapter", "anchor", "check"]
OUTPUTS = ("verdicts.csv", "verdicts.json")


def table(data: Dataset | None = None) -> pd.DataFrame:
    """One row a claim: what the review reports, what the sources give, the verdict and why."""
    data = data if data is not None else load()
    rows = []
    for c in data.claims:
        if c.check not in checks.REGISTRY:
            raise DataError(data.folder / "claims.csv", c.row, "check", f"no check named '{c.check}'")
        r = checks.run(c, data)
        rows.append({"claim_id": c.claim_id, "section": c.section, "kind": c.kind, "quote": c.quote,
                     "refs": "; ".join(c.refs), "reported": c.reported_text, "rederived": r.rederived,
                     "verdict": r.verdict, "reason": r.reason, "chapter": c.chapter, "anchor": c.anchor,
                     "check": c.check})
    return pd.DataFrame(rows, columns=COLUMNS)


def write(df: pd.DataFrame, out: Path = BUILD) -> list[Path]:
    """Write the table as CSV and JSON, both or neither: each goes to a temporary file first."""
    out.mkdir(parents=True, exist_ok=True)
    payloads = {
        "verdicts.csv": df.to_csv(index=False, lineterminator="\n"),
        "verdicts.json": json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1) + "\n",
    }
    # mkstemp creates its file private (0600); the tables are published, so they get the mode any
    # new file gets here (0644 under the usual umask 022).
    mask = os.umask(0)
    os.umask(mask)
    staged = []
    try:
        for name, text in payloads.items():
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.")
            staged.append((Path(tmp), out / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp, 0o666 & ~mask)
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    return [out / n for n in OUTPUTS]


def discard(out: Path = BUILD) -> None:
    """Remove outputs that no longer describe the data (called when the data fail validation)."""
    for name in OUTPUTS:
        (out / name).unlink(missing_ok=True)


def summary(df: pd.DataFrame) -> pd.Series:
    return df["verdict"].value_counts().sort_index()



def unchecked(df: pd.DataFrame) -> list[str]:
    """Claims whose verdict is still 'not yet checked' (their chapter is not written)."""
    from .verdicts import PENDING

    return list(df.loc[df["verdict"] == PENDING, "claim_id"])
