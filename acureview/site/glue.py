"""Gluing a chapter's values into its prose (myst-nb's ``{glue:text}``), and opening a chapter: its
claims' verdicts, reasons and counts glued from the verdict table its caller passes.

Every value is glued as a plain Python ``str``, ``int`` or ``float`` (NumPy scalars break
``{glue:text}`` formatting), so that prose, tables and tests read the same numbers.
"""

from __future__ import annotations

from ..fmt import in_words
from ..lazy import lazy
from ..verify import summary

myst_nb = lazy("myst_nb")
pd = lazy("pandas")


def as_python(value):
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def glue(name: str, value) -> None:
    """Glue one value for ``{glue:text}`` in the prose, without displaying it here."""
    myst_nb.glue(name, as_python(value), display=False)


def glue_all(values: dict[str, object], prefix: str = "") -> None:
    """Glue each value of ``values`` under its key, after ``prefix``."""
    for key, value in values.items():
        glue(prefix + key, value)


def glue_verdicts(df: pd.DataFrame) -> None:
    """Glue ``<claim id>.verdict`` (with its severity, for a problem), ``.reason``, ``.rederived``,
    ``.reported`` and ``.words`` (the sources' own words) for each claim."""
    for r in df.itertuples():
        glue(f"{r.claim_id}.verdict", f"{r.verdict} ({r.severity})" if r.severity else r.verdict)
        for field in ("reason", "rederived", "reported"):
            glue(f"{r.claim_id}.{field}", str(getattr(r, field)) or "-")
        glue(f"{r.claim_id}.words", r.source_words.replace("\n", " ") or "-")


def counted(verdicts: pd.Series) -> str:
    """Verdicts counted in words, gravest first (:func:`acureview.verify.summary`): '2 overstated,
    1 unsupported and 5 reproduced'."""
    return in_words(f"{n} {v}" for v, n in summary(verdicts))


def open_chapter(chapter: str, table: pd.DataFrame) -> pd.DataFrame:
    """The rows of the verdict table ``table`` that belong to ``chapter``, with their verdicts,
    reasons and counts glued (``n_claims``, ``verdict_counts``, ``<claim id>.verdict`` ...)."""
    mine = table[table["chapter"] == chapter]
    glue_verdicts(mine)
    glue_all(
        {
            "n_claims": len(mine),
            "verdict_counts": counted(mine["verdict"]),
        }
    )
    return mine
