"""The checks registry: one pure function per claim (or group of claims).

A check takes a claim and the dataset and returns a :class:`Result`: the re-derived value, the
verdict and a one-line reason. Checks are fast (no MCMC), so the whole table computes in seconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..data import Claim, Dataset
from ..verdicts import PENDING, VERDICTS


@dataclass(frozen=True)
class Result:
    verdict: str
    rederived: str
    reason: str

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'")


Check = Callable[[Claim, Dataset], Result]
REGISTRY: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under ``name`` (the value of the ``check`` column of claims.csv)."""

    def register(fn: Check) -> Check:
        if name in REGISTRY:
            raise ValueError(f"check '{name}' registered twice")
        REGISTRY[name] = fn
        return fn

    return register


@check("pending")
def pending(claim: Claim, data: Dataset) -> Result:
    """The only placeholder: the chapter that checks this claim is not written yet."""
    return Result(PENDING, "", f"The chapter that checks this claim ({claim.chapter}) is not written yet.")


def run(claim: Claim, data: Dataset) -> Result:
    return REGISTRY[claim.check](claim, data)


# Register the checks of every chapter.
from . import citations, cohort2, common, evidence, rct1  # noqa: E402,F401
