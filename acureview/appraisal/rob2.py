"""The RoB 2 assessment of the trial [1]: each domain's judgement by the algorithm (:mod:`acureview.methods.rob2`)
from the recorded answers (or from others, to show what they would give), the overall judgement and how it
was reached, and the answers that drove a domain's judgement. Every function takes the loaded
:class:`~acureview.appraisal.answers.Appraisal` (see :func:`acureview.appraisal.grounds.load`)."""

from __future__ import annotations

from ..methods import rob2 as rob2_method
from .answers import Answer, Appraisal


def rob2_judgements(appraisal: Appraisal, answers: dict[str, str] | None = None):
    """Each domain's judgement by the RoB 2 algorithm from the recorded answers (or from
    ``answers``, to show what other answers would give)."""
    rows = appraisal.rob2
    plain = {a.question: a.answer for a in rows if a.domain != "overall"}
    plain.update(answers or {})
    return rob2_method.judge(plain)


def rob2_overall(
    appraisal: Appraisal, answers: dict[str, str] | None = None, substantial: bool | None = None
) -> tuple[str, str]:
    """The overall RoB 2 judgement and how it was reached."""
    rows = appraisal.rob2
    row = next(a for a in rows if a.domain == "overall")
    judged = rob2_judgements(appraisal, answers)
    levels = [j.level for j in judged.values()]
    sub = (None if row.answer == "NA" else row.answer == "Y") if substantial is None else substantial
    level = rob2_method.overall(levels, sub)
    highs = [d for d, j in judged.items() if j.level == rob2_method.HIGH]
    if highs:
        how = f"High in {', '.join(highs)}"
    elif level == rob2_method.LOW:
        how = "Low in every domain"
    elif sum(lv == rob2_method.SOME for lv in levels) > 1:
        how = (
            "Some concerns in several domains, which "
            + ("substantially lower" if sub else "do not substantially lower")
            + " confidence in the result"
        )
    else:
        how = "Some concerns in one domain"
    return level, how


def key_answers(rows: list[Answer], j) -> list[Answer]:
    """The answers that drove a domain's judgement: those on the algorithm's path that point towards
    bias or leave it open (NI); the last on the path if none does."""
    by_q = {a.question: a for a in rows}
    path = [step.split(" ")[0] for step in j.path.split(", ")]
    keys = [by_q[q] for q in path if rob2_method.unfavourable(q, by_q[q].answer)]
    return keys or [by_q[path[-1]]]
