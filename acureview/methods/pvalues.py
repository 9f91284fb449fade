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
  statistic), unconditional: the largest, over the common response rate (the nuisance parameter),
  probability of the tables as extreme as the observed one; the two-sided Boschloo P is twice the
  smaller one-sided one (R's ``Exact::exact.test(tsmethod = "central")``).

Sidedness: ``'greater'`` is the alternative that arm 1's proportion is higher than arm 2's,
``'less'`` that it is lower. The one-sided P of a test with a chi-squared statistic comes from its
signed square root, as R's ``prop.test`` computes it.

Every P is computed with the standard library (and NumPy for the exact tests' tables), so that the
verdict table needs no SciPy; the tests hold each to SciPy's function (``chi2_contingency``,
``fisher_exact``, ``barnard_exact``, ``boschloo_exact``) and to published values. The chi-squared
statistics have one degree of freedom, whose tail is ``erfc(sqrt(x / 2))``. The hypergeometric
probabilities of Fisher's, the mid-P and Boschloo's tests are exact fractions of binomial
coefficients. Barnard's and Boschloo's P is a sum over the rejection region (the tables SciPy's
``barnard_exact`` and ``boschloo_exact`` count) of each table's binomial probability, a polynomial
in the nuisance parameter; its maximum over [0, 1] is found on a grid of :data:`NUISANCE_GRID`
points, each local maximum then refined by golden-section search to :data:`NUISANCE_TOL` (SciPy
searches 32 Sobol points and refines the best). The cost grows with n1 x n2: some 20 ms a side for
two arms of 40.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from .. import fmt

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

#: the exact unconditional tests' search for the largest P over the nuisance parameter: grid points
#: on (0, 1), how many of the grid's highest local maxima are refined, and to what width
NUISANCE_GRID = 1000
NUISANCE_PEAKS = 4
NUISANCE_TOL = 1e-12


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


def _upper_tail(z: float) -> float:
    """P(Z >= z) for a standard normal Z (SciPy's ``norm.sf``), accurate far into the tail."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def _from_z(z: float, sided: str) -> float:
    if sided == "two-sided":
        return math.erfc(abs(z) / math.sqrt(2))
    return _upper_tail(z) if sided == "greater" else _upper_tail(-z)


def _chi2_statistic(test: str, k1: int, n1: int, k2: int, n2: int) -> float:
    """Pearson's chi-squared (``'chi2'``; ``'chi2_yates'``: each count first moved half a unit, at
    most, towards its expected count) or the likelihood-ratio G statistic (``'lr'``) of the table,
    summed cell by cell, row by row, as SciPy's ``chi2_contingency`` sums them."""
    events, total = k1 + k2, n1 + n2
    statistic = 0.0
    for arm, k in ((n1, k1), (n2, k2)):
        for observed, column in ((k, events), (arm - k, total - events)):
            expected = arm * column / total
            if test == "lr":
                statistic += 2.0 * observed * math.log(observed / expected) if observed else 0.0
                continue
            if test == "chi2_yates" and expected != observed:
                observed += math.copysign(min(0.5, abs(expected - observed)), expected - observed)
            statistic += (observed - expected) ** 2 / expected
    return max(statistic, 0.0)


def _chi2_pvalue(test: str, sided: str, k1: int, n1: int, k2: int, n2: int) -> float:
    """A chi-squared test's P: two-sided, the 1-df tail ``erfc(sqrt(x / 2))`` (SciPy's ``chi2.sf``);
    one-sided, from the statistic's square root signed by the difference of the proportions."""
    statistic = _chi2_statistic(test, k1, n1, k2, n2)
    if sided == "two-sided":
        return math.erfc(math.sqrt(statistic / 2))
    diff = k1 / n1 - k2 / n2
    return _from_z(math.copysign(math.sqrt(statistic), diff) if diff else 0.0, sided)


def _z_unpooled(k1: int, n1: int, k2: int, n2: int) -> float:
    p1, p2 = k1 / n1, k2 / n2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    if se == 0:  # 0 of n1 against n2 of n2, or the reverse: the difference has no spread
        return math.copysign(math.inf, p1 - p2)
    return (p1 - p2) / se


def _z_pooled(k1: int, n1: int, k2: int, n2: int) -> float:
    p = (k1 + k2) / (n1 + n2)
    return (k1 / n1 - k2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


def _hypergeometric(m: int, n1: int, n2: int) -> tuple[list[int], list[int], int]:
    """Arm 1's possible event counts given ``m`` events in all, each one's number of tables (the
    product of two binomial coefficients: exact integers) and their total, C(n1 + n2, m)."""
    support = list(range(max(0, m - n2), min(n1, m) + 1))
    c1, c2 = _binomial_coefficients(n1), _binomial_coefficients(n2)
    return support, [c1[x] * c2[m - x] for x in support], math.comb(n1 + n2, m)


@functools.lru_cache(maxsize=64)
def _binomial_coefficients(n: int) -> tuple[int, ...]:
    """C(n, 0), ..., C(n, n)."""
    return tuple(math.comb(n, x) for x in range(n + 1))


def _fisher(k1: int, n1: int, k2: int, n2: int, sided: str, mid: bool = False) -> float:
    """Fisher's exact P (``mid``: the mid-P), an exact fraction of tables rounded once. Two-sided:
    the tables as likely as the observed one or less, exact ties counted (R's fisher.test and SciPy's
    fisher_exact count ties within 1e-7 and 1e-14 relative); the mid-P counts half the tables within
    :data:`RELATIVE_TIE` of the observed one's probability."""
    support, f, total = _hypergeometric(k1 + k2, n1, n2)
    at = f[support.index(k1)]
    if sided != "two-sided":
        beyond = sum(w for x, w in zip(support, f, strict=True) if (x > k1 if sided == "greater" else x < k1))
        return (2 * beyond + at) / (2 * total) if mid else (beyond + at) / total
    if not mid:
        return min(1.0, sum(w for w in f if w <= at) / total)
    tie = [abs(w - at) <= RELATIVE_TIE * at for w in f]
    less = sum(w for w, t in zip(f, tie, strict=True) if w < at and not t)
    return min(1.0, (2 * less + sum(w for w, t in zip(f, tie, strict=True) if t)) / (2 * total))


def _region_barnard(k1: int, n1: int, k2: int, n2: int, sided: str) -> np.ndarray:
    """The tables (x1 of n1, x2 of n2) whose pooled score statistic is as extreme as the observed
    one, computed as SciPy's ``barnard_exact`` computes it (the same floating-point operations, so
    that the same tables tie)."""
    x1 = np.arange(n1 + 1, dtype=np.int64).reshape(-1, 1)
    x2 = np.arange(n2 + 1, dtype=np.int64).reshape(1, -1)
    p1, p2 = x1 / n1, x2 / n2
    p = (x1 + x2) / (n1 + n2)
    variances = p * (1 - p) * (1 / n1 + 1 / n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        wald = np.divide(p1 - p2, np.sqrt(variances))
    wald[p1 == p2] = 0
    observed = wald[k1, k2]
    if sided == "two-sided":
        return np.abs(wald) >= abs(observed)
    return wald >= observed if sided == "greater" else wald <= observed


def _region_boschloo(k1: int, n1: int, k2: int, n2: int, sided: str) -> np.ndarray:
    """The tables whose one-sided Fisher P (on ``sided``) is at most the observed one's, within
    1e-13 relative, as SciPy's ``boschloo_exact`` counts them; each P an exact fraction."""
    fisher = np.empty((n1 + 1, n2 + 1))
    for m in range(n1 + n2 + 1):
        support, f, total = _hypergeometric(m, n1, n2)
        cumulative = 0
        tails = []
        for w in f if sided == "less" else reversed(f):
            cumulative += w
            tails.append(cumulative / total)
        for x, tail in zip(support, tails if sided == "less" else reversed(tails), strict=True):
            fisher[x, m - x] = tail
    return fisher <= fisher[k1, k2] * (1 + 1e-13)


def _largest_over_nuisance(region: np.ndarray) -> float:
    """The largest probability of the tables in ``region`` (x1 of n1 by x2 of n2) over the common
    response rate pi in [0, 1]: the maximum of sum_s A_s pi^s (1 - pi)^(N - s), with A_s the number
    of ways (products of binomial coefficients, exact) of the region's tables with s events."""
    n1, n2 = region.shape[0] - 1, region.shape[1] - 1
    c1, c2 = _binomial_coefficients(n1), _binomial_coefficients(n2)
    ways = [0] * (n1 + n2 + 1)
    for x1, x2 in zip(*np.nonzero(region), strict=True):
        ways[x1 + x2] += c1[x1] * c2[x2]
    if ways[0] or ways[-1]:  # the region holds a table all of one kind: at pi = 0 or 1 its probability is 1
        return 1.0
    s = np.array([i for i, w in enumerate(ways) if w], dtype=float)
    log_ways = np.array([math.log(w) for w in ways if w])

    def log_p(pi: np.ndarray) -> np.ndarray:
        terms = log_ways + s * np.log(pi)[:, None] + (n1 + n2 - s) * np.log1p(-pi)[:, None]
        top = terms.max(axis=1)
        return top + np.log(np.exp(terms - top[:, None]).sum(axis=1))

    grid = np.arange(1, NUISANCE_GRID) / NUISANCE_GRID
    values = log_p(grid)
    padded = np.concatenate([[-np.inf], values, [-np.inf]])
    peaks = np.nonzero((values >= padded[:-2]) & (values >= padded[2:]))[0]
    best = -np.inf
    for i in peaks[np.argsort(values[peaks])[::-1][:NUISANCE_PEAKS]]:
        best = max(best, _golden_max(log_p, i / NUISANCE_GRID, (i + 2) / NUISANCE_GRID))
    return min(1.0, math.exp(best))


def _golden_max(f: Callable[[np.ndarray], np.ndarray], low: float, high: float) -> float:
    """The maximum of ``f`` (unimodal on the interval) over (low, high), by golden-section search."""
    ratio = (math.sqrt(5) - 1) / 2
    a, b = low + (1 - ratio) * (high - low), low + ratio * (high - low)
    fa, fb = (float(v) for v in f(np.array([a, b])))
    while high - low > NUISANCE_TOL:
        if fa >= fb:
            high, b, fb = b, a, fa
            a = low + (1 - ratio) * (high - low)
            fa = float(f(np.array([a]))[0])
        else:
            low, a, fa = a, b, fb
            b = low + ratio * (high - low)
            fb = float(f(np.array([b]))[0])
    return max(fa, fb)


def _unconditional(test: str, k1: int, n1: int, k2: int, n2: int, sided: str) -> float:
    if test == "boschloo" and sided == "two-sided":
        return min(1.0, 2 * min(_unconditional(test, k1, n1, k2, n2, s) for s in ("less", "greater")))
    region = {"barnard": _region_barnard, "boschloo": _region_boschloo}[test](k1, n1, k2, n2, sided)
    return _largest_over_nuisance(region)


@functools.lru_cache(maxsize=4096)
def _pvalue(test: str, sided: str, k1: int, n1: int, k2: int, n2: int) -> float:
    """One test's P on one side (remembered: the checks, the appraisal and the chapters ask for the
    same tables' P values many times)."""
    if test in ("chi2", "chi2_yates", "lr"):
        return _chi2_pvalue(test, sided, k1, n1, k2, n2)
    if test == "z_pooled":
        return _from_z(_z_pooled(k1, n1, k2, n2), sided)
    if test == "z_unpooled":
        return _from_z(_z_unpooled(k1, n1, k2, n2), sided)
    if test in ("fisher", "mid_p"):
        return _fisher(k1, n1, k2, n2, sided, mid=test == "mid_p")
    return _unconditional(test, k1, n1, k2, n2, sided)


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
