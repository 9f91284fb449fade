"""Every test a report of a 2x2 table (two arms, a binary outcome) could have used, each two-sided
and one-sided, and which of them give a reported P value.

The tests, in the order every table shows them (:data:`TESTS`), for ``k1`` events of ``n1`` in arm 1
against ``k2`` of ``n2`` in arm 2:

- Pearson's chi-squared test, without and with Yates' continuity correction (R's ``chisq.test``;
  SciPy's ``chi2_contingency``);
- the pooled z test (score test; R's ``prop.test(correct = FALSE)``) and the unpooled, Wald, z test
  (its standard error from each arm's own proportion; Fagerland, Lydersen and Laake 2017,
  ``Z_unpooled_test_2x2``);
- the likelihood-ratio (G) test (``LR_test_2x2``);
- Fisher's exact test (R's ``fisher.test``: two-sided, the tables as likely as the observed one or
  less) and Fisher's mid-P test (the same less half the probability of the tables exactly as likely
  as the observed one, as ``Fisher_midP_test_2x2``; one-sided, the tail beyond the observed table
  plus half its probability, Lancaster 1961);
- Barnard's exact test (pooled score statistic) and Boschloo's exact test (Fisher's P as the
  statistic), unconditional, both from SciPy, whose two-sided Boschloo P is twice the smaller
  one-sided one (R's ``Exact::exact.test(tsmethod = "central")``).

Sidedness: ``'greater'`` is the alternative that arm 1's proportion is higher than arm 2's,
``'less'`` that it is lower. The one-sided P of a test with a chi-squared statistic comes from its
signed square root, as R's ``prop.test`` computes it. SciPy's ``barnard_exact`` and
``boschloo_exact`` take the two samples as the table's *columns*; they are given the arms as columns.
Their search over the nuisance parameter uses SciPy's default grid (32 Sobol points, deterministic:
the same table gives the same P). The cost grows with n1 x n2: every test on both sides takes about
0.1 s for two arms of 40 on one core, minutes for two arms of 1,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .. import fmt
from ..lazy import lazy

stats = lazy("scipy.stats")

TESTS = {
    "chi2": "Pearson's chi-squared test",
    "chi2_yates": "chi-squared test with Yates' correction",
    "z_pooled": "pooled z test",
    "z_unpooled": "unpooled (Wald) z test",
    "lr": "likelihood-ratio test",
    "fisher": "Fisher's exact test",
    "mid_p": "Fisher's mid-P test",
    "barnard": "Barnard's exact test",
    "boschloo": "Boschloo's exact test",
}

SIDES = ("two-sided", "greater", "less")

#: two tables' probabilities this close (relative) count as equally likely, as R's fisher.test has it
RELATIVE_TIE = 1e-7


@dataclass(frozen=True)
class PValue:
    """One test's P value: ``test`` a key of :data:`TESTS`, ``sided`` one of :data:`SIDES`."""

    test: str
    sided: str
    p: float

    @property
    def name(self) -> str:
        return TESTS[self.test]

    @property
    def one_sided(self) -> bool:
        return self.sided != "two-sided"


def _from_z(z: float, sided: str) -> float:
    if sided == "two-sided":
        return float(2 * stats.norm.sf(abs(z)))
    return float(stats.norm.sf(z) if sided == "greater" else stats.norm.cdf(z))


def _signed_chi2(table: np.ndarray, diff: float, **kwargs) -> float:
    """The signed square root of a chi-squared statistic (1 df): a z on the side of the difference."""
    statistic = float(stats.chi2_contingency(table, **kwargs).statistic)
    return float(np.sign(diff) * np.sqrt(max(statistic, 0.0)))


def _z_unpooled(k1: int, n1: int, k2: int, n2: int) -> float:
    p1, p2 = k1 / n1, k2 / n2
    se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    if se == 0:  # 0 of n1 against n2 of n2, or the reverse: the difference has no spread
        return float(np.copysign(np.inf, p1 - p2))
    return float((p1 - p2) / se)


def _z_pooled(k1: int, n1: int, k2: int, n2: int) -> float:
    p = (k1 + k2) / (n1 + n2)
    return float((k1 / n1 - k2 / n2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2)))


def _mid_p(k1: int, n1: int, k2: int, n2: int, sided: str) -> float:
    """Fisher's mid-P: the hypergeometric distribution of arm 1's events given the margins."""
    support = np.arange(max(0, k1 + k2 - n2), min(n1, k1 + k2) + 1)
    f = stats.hypergeom.pmf(support, n1 + n2, k1 + k2, n1)
    at = f[support == k1][0]
    if sided == "greater":
        return float(f[support > k1].sum() + at / 2)
    if sided == "less":
        return float(f[support < k1].sum() + at / 2)
    tie = np.abs(f - at) <= RELATIVE_TIE * at
    return float(min(1.0, f[(f < at) & ~tie].sum() + f[tie].sum() / 2))


def _pvalue(test: str, sided: str, k1: int, n1: int, k2: int, n2: int) -> float:
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])  # rows: arms; columns: event, no event
    diff = k1 / n1 - k2 / n2
    if test in ("chi2", "chi2_yates", "lr"):
        kwargs = {"correction": test == "chi2_yates"} | ({"lambda_": "log-likelihood"} if test == "lr" else {})
        if sided == "two-sided":
            return float(stats.chi2_contingency(table, **kwargs).pvalue)
        return _from_z(_signed_chi2(table, diff, **kwargs), sided)
    if test == "z_pooled":
        return _from_z(_z_pooled(k1, n1, k2, n2), sided)
    if test == "z_unpooled":
        return _from_z(_z_unpooled(k1, n1, k2, n2), sided)
    if test == "fisher":
        return float(stats.fisher_exact(table, alternative=sided).pvalue)
    if test == "mid_p":
        return _mid_p(k1, n1, k2, n2, sided)
    exact = {"barnard": stats.barnard_exact, "boschloo": stats.boschloo_exact}[test]
    return float(exact(table.T, alternative=sided).pvalue)  # the arms as columns


def every_pvalue(
    k1: int, n1: int, k2: int, n2: int, sides: Iterable[str] = SIDES, tests: Iterable[str] = tuple(TESTS)
) -> tuple[PValue, ...]:
    """The P value of each of ``tests`` (default all of :data:`TESTS`), each on each of ``sides``,
    in the order of :data:`TESTS` and then of ``sides``, for ``k1`` of ``n1`` against ``k2`` of ``n2``.

    No events, or only events, in both arms leave nothing to test: every P is 1, as R's Barnard
    package, SciPy's ``barnard_exact`` and the contingencytables package give two-sided."""
    sides, tests = tuple(sides), tuple(tests)
    unknown = (set(sides) - set(SIDES)) | (set(tests) - set(TESTS))
    if unknown:
        raise ValueError(f"unknown tests or sides: {sorted(unknown)}")
    nothing = k1 + k2 in (0, n1 + n2)
    return tuple(
        PValue(t, s, 1.0 if nothing else _pvalue(t, s, k1, n1, k2, n2)) for t in TESTS if t in tests for s in sides
    )


@dataclass(frozen=True)
class Agreement:
    """Which tests give a reported P value: the two-sided P of every test, and its one-sided P on
    the side of the hypothesis, each split into those that give the reported value and those that
    do not."""

    two_sided: tuple[PValue, ...]
    one_sided: tuple[PValue, ...]
    agrees: Callable[[float], bool]
    target: float  # the reported number

    def giving(self, one_sided: bool = False) -> tuple[PValue, ...]:
        return tuple(r for r in (self.one_sided if one_sided else self.two_sided) if self.agrees(r.p))

    def not_giving(self, one_sided: bool = False) -> tuple[PValue, ...]:
        return tuple(r for r in (self.one_sided if one_sided else self.two_sided) if not self.agrees(r.p))

    @property
    def any(self) -> bool:
        return bool(self.giving() or self.giving(one_sided=True))

    @property
    def only_one_sided(self) -> bool:
        return not self.giving() and bool(self.giving(one_sided=True))


def agreement(results: Iterable[PValue], agrees: Callable[[float], bool], side: str, target: float) -> Agreement:
    """Split ``results`` (from :func:`every_pvalue`) by whether ``agrees(p)``: every two-sided P,
    and the one-sided P on ``side`` (the hypothesis: ``'greater'`` or ``'less'``). ``target`` is the
    reported number."""
    results = tuple(results)
    return Agreement(
        tuple(r for r in results if r.sided == "two-sided"),
        tuple(r for r in results if r.sided == side),
        agrees,
        float(target),
    )


def span(results: Iterable[PValue], floor: float = 0.0001) -> str:
    """``'P = 0.0014 to 0.0038'`` across ``results`` (one value: ``'P = 0.0014'``)."""
    ps = [r.p for r in results]
    lo, hi = fmt.pval(min(ps), floor), fmt.pval(max(ps), floor)
    return lo if lo == hi else f"{lo} to {hi.removeprefix('P = ')}"


def in_sentence(name: str) -> str:
    """A test's name as a sentence says it: 'the pooled z test', but 'Fisher's exact test'."""
    return name if name.split()[0].endswith("'s") else f"the {name}"


def names(results: Iterable[PValue]) -> str:
    """The tests' names in a sentence (``'Fisher's exact test and the pooled z test'``)."""
    return fmt.in_words(in_sentence(r.name) for r in results)


def _verb(results: tuple, one: str, many: str) -> str:
    return one if len(results) == 1 else many


def _clause(yes: tuple, no: tuple, what: str) -> str:
    if len(yes) + len(no) == 1:
        (r,) = yes or no
        return f"{in_sentence(r.name)} {'gives' if yes else 'does not give'} {what} ({span((r,))})"
    if not no:
        return f"all give {what} ({span(yes)})"
    if not yes:
        return f"none gives {what} ({span(no)})"
    return f"{names(yes)} {_verb(yes, 'gives', 'give')} {what} ({span(yes)}) and {names(no)} {_verb(no, 'does', 'do')} not ({span(no)})"


def explain(a: Agreement, reported: str, hypothesis: str, where: str = "") -> str:
    """One sentence: which tests give ``reported`` and which do not, two-sided and one-sided
    (``hypothesis`` names the one-sided alternative in words, e.g. 'for a higher response with
    acupuncture'; ``where`` the counts, e.g. 'on the trial's counts'). A side left out of ``a`` (the
    test known to be on the other) is not named; one test is named alone."""
    two = _clause(a.giving(), a.not_giving(), f"{reported} two-sided") if a.two_sided else ""
    one = ""
    if a.one_sided:
        one = _clause(a.giving(True), a.not_giving(True), f"{'it' if two else reported} one-sided {hypothesis}")
    said = "; ".join(c for c in (two, one) if c)
    n = len(a.two_sided or a.one_sided)
    if n == 1:
        return f"{where[:1].upper()}{where[1:]}, {said}." if where else f"{said[:1].upper()}{said[1:]}."
    return f"Of the {n} tests{' ' + where if where else ''}, {said}."
