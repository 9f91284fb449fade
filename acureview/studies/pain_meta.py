"""The individual-patient meta-analyses of chronic pain [4, 5] (facts ``vickers2012.``): the pain
conditions they pooled, and their standardized effects read in VAS points.

The effects are differences between groups: they are shown with their intervals and judged against
no within-patient threshold (IMMPACT's 10-20% or 30% of one's own baseline, Dworkin et al. 2008, is
for one patient's change; Dworkin et al. 2009 keep the two apart)."""

from __future__ import annotations

from ..data import Dataset
from ..fmt import interval
from ..lazy import lazy

pd = lazy("pandas")

PAIN_CONDITIONS = {"back_neck": "back and neck pain", "oa": "osteoarthritis", "headache": "chronic headache"}


def vas_points(data: Dataset, comparison: str, condition: str = "back_neck") -> tuple[float, float, float]:
    """A standardized difference of the IPD meta-analysis [4] (``comparison`` 'none' or 'sham', for
    ``condition``) in VAS points, with its 95% interval, at the SD the chronic-pain and cohort
    chapters use (the assumption ``cohort2.sd_for_smd``)."""
    sd = data.assumption("cohort2.sd_for_smd").value
    return tuple(float(data.number(f"vickers2012.{comparison}.{condition}{s}")) * sd for s in ("", "_low", "_high"))


COMPARISONS = {"none": "vs no acupuncture", "sham": "vs sham"}


def points_table(data: Dataset):
    """Each condition and comparison of [4]: the standardized difference with its 95% interval, and
    the same in VAS points at the central conversion SD (``cohort2.sd_for_smd``), with the point
    estimate at the ends of that SD's range. A between-group difference, with no threshold column."""
    sd = data.assumption("cohort2.sd_for_smd")
    rows = []
    for key, label in PAIN_CONDITIONS.items():
        for arm, name in COMPARISONS.items():
            est, lo, hi = (float(data.number(f"vickers2012.{arm}.{key}{s}")) for s in ("", "_low", "_high"))
            rows.append(
                {
                    "condition": label,
                    "comparison": name,
                    "SMD": est,
                    "SMD 95% CI": f"{lo:g} to {hi:g}",
                    "points": est * sd.value,
                    "points, low": lo * sd.value,
                    "points, high": hi * sd.value,
                    "points at SD range": interval(est * sd.low, est * sd.high),
                }
            )
    return pd.DataFrame(rows)


def effect_range(data: Dataset, control: str = "sham") -> tuple[float, float, float, float]:
    """The smallest and largest standardized difference against ``control`` (``sham`` or ``none``, no
    acupuncture) over the conditions of [4] (point estimates), and the same in VAS points at the
    central conversion SD (``cohort2.sd_for_smd``)."""
    smds = [float(data.number(f"vickers2012.{control}.{c}")) for c in PAIN_CONDITIONS]
    sd = data.assumption("cohort2.sd_for_smd").value
    return min(smds), max(smds), min(smds) * sd, max(smds) * sd


def sham_shares(data: Dataset) -> dict[str, float]:
    """For each condition of [4], the effect against sham as a share of the effect against no
    acupuncture (standardized differences): what part of the benefit over no acupuncture is specific
    to needling."""
    return {
        c: float(data.number(f"vickers2012.sham.{c}")) / float(data.number(f"vickers2012.none.{c}"))
        for c in PAIN_CONDITIONS
    }
