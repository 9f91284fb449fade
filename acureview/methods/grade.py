"""GRADE: certainty of a body of evidence for one outcome, and the absolute effects of a
summary-of-findings table.

Sources: Guyatt GH, Oxman AD, et al. GRADE guidelines, J Clin Epidemiol 2011;64: 3. Rating the
quality of evidence (Balshem et al., 401-406: randomized trials start high, observational studies
low; four levels); 4. Risk of bias (407-415); 5. Publication bias (1277-1282); 6. Imprecision
(1283-1293: the optimal information size, and a confidence interval that includes both important
benefit and none); 7. Inconsistency (1294-1302); 8. Indirectness (1303-1310); 9. Rating up
(1311-1316: large effect, dose-response, plausible confounding; observational studies are rated up
only when no domain is rated down). The GRADE handbook (Schünemann et al., eds, 2013), section 5.
Iorio A, et al. BMJ 2015;350:h870: evidence on event rates (prognosis) from observational studies
starts high.

Each domain is rated 'not serious' (0), 'serious' (-1) or 'very serious' (-2); rating up is
'none' (0), '+1' or '+2'. Certainty is the starting level plus the ratings, kept within
'very low' to 'high'. What rating a domain deserves is the assessor's judgement (kept as data with
its reason); what follows from the ratings is arithmetic, and so is code.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("very low", "low", "moderate", "high")  # index 0..3
START = {"high": 3, "low": 1}
DOWNGRADE_DOMAINS = ("risk of bias", "inconsistency", "indirectness", "imprecision", "publication bias")
UPGRADE_DOMAINS = ("large effect", "dose-response", "plausible confounding")
DOWN = {"not serious": 0, "serious": -1, "very serious": -2}
UP = {"none": 0, "+1": 1, "+2": 2}
SYMBOLS = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very low": "⊕◯◯◯"}


@dataclass(frozen=True)
class Certainty:
    level: str  # 'high', 'moderate', 'low', 'very low'
    start: str  # 'high' or 'low'
    down: int  # levels rated down (0 or negative)
    up: int  # levels rated up (0 or positive)

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.level]


def certainty(start: str, ratings: dict[str, str]) -> Certainty:
    """The certainty from the starting level (``'high'`` for randomized trials, ``'low'`` for
    observational studies of effects) and the domains' ratings (domain -> rating). Every downgrade
    domain must be rated; an upgrade domain may be left out (no rating up).

    Rating up is refused where any domain is rated down (GRADE guidelines 9), and for a body
    starting high (it cannot be more certain than high)."""
    if start not in START:
        raise ValueError(f"start '{start}' is not one of {', '.join(START)}")
    missing = [d for d in DOWNGRADE_DOMAINS if d not in ratings]
    if missing:
        raise ValueError(f"not rated: {', '.join(missing)}")
    down = up = 0
    for domain, rating in ratings.items():
        if domain in DOWNGRADE_DOMAINS:
            if rating not in DOWN:
                raise ValueError(f"{domain}: '{rating}' is not one of {', '.join(DOWN)}")
            down += DOWN[rating]
        elif domain in UPGRADE_DOMAINS:
            if rating not in UP:
                raise ValueError(f"{domain}: '{rating}' is not one of {', '.join(UP)}")
            up += UP[rating]
        else:
            raise ValueError(f"'{domain}' is not a GRADE domain")
    if up and down:
        raise ValueError("a body of evidence rated down is not rated up (GRADE guidelines 9)")
    if up and start == "high":
        raise ValueError("evidence starting high cannot be rated up")
    level = max(0, min(3, START[start] + down + up))
    return Certainty(LEVELS[level], start, down, up)


def per_1000(risk: float) -> float:
    """A risk as events per 1000 patients."""
    return 1000 * float(risk)


def imprecision(low: float, high: float, threshold: float, events: int | None = None, ois_events: int = 300) -> str:
    """A suggested imprecision rating for a benefit measured as a difference (positive = benefit):
    'serious' if the interval includes both an important benefit (at least ``threshold``) and less
    than that, or if the events fall short of a rule-of-thumb optimal information size
    (``ois_events``, GRADE guidelines 6: "fewer than 300 events"); 'very serious' if both, or if the
    interval also includes no effect or harm; 'not serious' otherwise."""
    crosses = low < threshold <= high
    short = events is not None and events < ois_events
    null = low <= 0
    count = int(crosses or null) + int(short) + int(null and crosses)
    return ("not serious", "serious", "very serious", "very serious")[min(count, 3)]
