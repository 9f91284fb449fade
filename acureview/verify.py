"""The verdict table: every claim of the register, checked. Used by ``python -m acureview verify``,
the dashboard, the chapters and the tests alike."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from . import checks
from .checks.common import quote
from .data import ClaimInputError, DataError, Dataset, UnknownAssumption, UnknownFact
from .data import load as load_files
from .paths import BUILD, DATA, published_mode

COLUMNS = ["claim_id", "section", "kind", "importance", "quote", "refs", "reported", "rederived", "verdict",
           "severity", "reason", "source_words", "facts", "missing", "chapter", "anchor", "check"]
OUTPUTS = ("verdicts.csv", "verdicts.json")


def load(folder: Path | str = DATA) -> Dataset:
    """Every data file of ``folder`` read and validated (:func:`acureview.data.load`), and every
    claim's ``reported`` and ``args`` readable by its check (:func:`acureview.checks.validate`):
    what the verdict table, the chapters and the site start from."""
    data = load_files(folder)
    checks.validate(data)
    return data


def table(data: Dataset | None = None) -> pd.DataFrame:
    """One row a claim: what the review reports, what the sources give, the verdict and why.

    Bad data stop it with a :class:`DataError` naming the file, the row and the column, whether
    :func:`acureview.data.load` caught it or a check did."""
    data = data if data is not None else load()
    rows = []
    for c in data.claims:
        if c.check not in checks.REGISTRY:
            raise DataError(data.folder / "claims.csv", c.row, "check", f"no check named '{c.check}'", line=c.line)
        r, read = _run(c, data)
        rows.append({"claim_id": c.claim_id, "section": c.section, "kind": c.kind, "importance": c.importance,
                     "quote": c.quote, "refs": "; ".join(c.refs), "reported": c.reported, "rederived": r.rederived,
                     "verdict": r.verdict, "severity": r.severity, "reason": r.reason,
                     "source_words": "\n".join(quote(data, f) for f in r.quotes), "facts": "; ".join(read),
                     "missing": r.missing,
                     "chapter": c.chapter, "anchor": c.anchor, "check": c.check})
    return pd.DataFrame(rows, columns=COLUMNS)


def _run(c, data: Dataset) -> tuple[checks.Result, tuple[str, ...]]:
    """Run a claim's check: its result and the facts it read. An error of the data it reads
    becomes a :class:`DataError`."""
    claims = data.folder / "claims.csv"
    try:
        return checks.run_reading(c, data)
    except DataError:
        raise
    except ClaimInputError as e:
        where = e.claim or c  # the claim whose cell cannot be read
        raise DataError(claims, where.row, e.column, f"{e}" + (f" (read for claim {c.claim_id})" if where is not c else ""),
                        line=where.line) from None
    except UnknownFact as e:
        raise DataError(e.path, None, "fact_id", f"no fact '{e.fact_id}', which check '{c.check}' needs for "
                                                 f"claim {c.claim_id}") from None
    except UnknownAssumption as e:
        raise DataError(e.path, None, "assumption_id", f"no assumption '{e.assumption_id}', which check "
                                                       f"'{c.check}' needs for claim {c.claim_id}") from None
    except (ValueError, KeyError, ArithmeticError) as e:
        column = "args" if c.args and not c.reported else "reported"
        raise DataError(claims, c.row, column, f"check '{c.check}' cannot use this claim (reported '{c.reported}', "
                                               f"args '{'; '.join(f'{k}={v}' for k, v in c.args.items())}'): "
                                               f"{type(e).__name__}: {e}", line=c.line) from None


def write(df: pd.DataFrame, out: Path = BUILD) -> list[Path]:
    """Write the table as CSV and JSON, both or neither: each goes to a temporary file first."""
    out.mkdir(parents=True, exist_ok=True)
    payloads = {
        "verdicts.csv": df.to_csv(index=False, lineterminator="\n"),
        "verdicts.json": json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1) + "\n",
    }
    # mkstemp creates its file private (0600); the tables are published (see paths.published_mode)
    mode = published_mode()
    staged = []
    try:
        for name, text in payloads.items():
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.")
            staged.append((Path(tmp), out / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp, mode)
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
    """How many claims have each verdict, gravest first."""
    from .verdicts import ORDER

    counts = df["verdict"].value_counts()
    return counts.reindex([v for v in ORDER if v in counts.index])


def unchecked(df: pd.DataFrame) -> list[str]:
    """Claims whose verdict is still 'not yet checked' (their chapter is not written)."""
    from .verdicts import PENDING

    return list(df.loc[df["verdict"] == PENDING, "claim_id"])
