"""The individual-patient meta-analyses of chronic pain [4, 5] (facts ``vickers2012.``): the pain
conditions they pooled, and their standardized effects read in VAS points."""

from __future__ import annotations

from ..data import Dataset

PAIN_CONDITIONS = {"back_neck": "back and neck pain", "oa": "osteoarthritis", "headache": "chronic headache"}


def vas_points(data: Dataset, comparison: str, condition: str = "back_neck") -> tuple[float, float, float]:
    """A standardized difference of the IPD meta-analysis [4] (``comparison`` 'none' or 'sham', for
    ``condition``) in VAS points, with its 95% interval, at the SD the chronic-pain and cohort
    chapters use (the assumption ``cohort2.sd_for_smd``)."""
    sd = data.assumption("cohort2.sd_for_smd").value
    return tuple(float(data.number(f"vickers2012.{comparison}.{condition}{s}")) * sd for s in ("", "_low", "_high"))


def sham_shares(data: Dataset) -> dict[str, float]:
    """For each condition of [4], the effect against sham as a share of the effect against no
    acupuncture (standardized differences): what part of the benefit over no acupuncture is specific
    to needling."""
    return {
        c: float(data.number(f"vickers2012.sham.{c}")) / float(data.number(f"vickers2012.none.{c}"))
        for c in PAIN_CONDITIONS
    }
