"""The numbers the appraisal's answers and its summary of findings rest on, from the same functions
the chapters use: the trial's response per 1000, its risk difference and its worst case for the
dropouts, the part of the cohort's improvement specific to needling, and the adverse-event rates
per 1000 patients."""

from __future__ import annotations

from ..data import Dataset
from ..methods.grade import per_1000
from ..methods.normal import z_two_sided
from ..methods.twobytwo import effect_measures, two_by_two_pvalues
from ..studies import cohort2, rct1


def responders_per_1000(data: Dataset) -> tuple[float, float]:
    """The trial's responders per 1000 patients analysed: with acupuncture added, with medication alone."""
    obs, ctrl = rct1.arms(data)
    return per_1000(obs.responders / obs.analysed), per_1000(ctrl.responders / ctrl.analysed)


def trial_rd(data: Dataset) -> tuple[float, float, float]:
    """The trial's risk difference in response among the patients analysed, with its 95% interval
    (:func:`acureview.studies.rct1.analysed_effects`, as the trial's chapter shows it)."""
    return rct1.analysed_effects(data)["risk difference"]


def worst_case(data: Dataset):
    """The trial's worst case for acupuncture (every dropout of the control arm a responder): its
    counts, its risk difference with 95% interval and Fisher's exact P."""
    y1, n1, y0, n0 = rct1.attrition_scenarios(data)["worst case for acupuncture"]
    rd = effect_measures(y1, n1, y0, n0)["risk difference"]
    return (y1, n1, y0, n0), rd, two_by_two_pvalues(y1, n1, y0, n0)["fisher"]


def needling_specific(data: Dataset) -> tuple[float, float, float, float, float]:
    """The part of the cohort's fall in pain specific to needling (posterior mean and 95% interval,
    VAS points), and, since it is a difference between groups (needling against sham), read as
    IMMPACT reads group differences (Dworkin et al. 2009): the extra share of responders and the
    number needed to treat, at the assumed share of responders without it. A within-patient
    threshold (10-20% of one's own baseline) does not apply to it."""
    decomposition = cohort2.decompose(data)
    extra, nnt = cohort2.responders(decomposition.parts[0].smd, data.assumption("cohort2.responder_control").value)
    return (*decomposition.specific, extra, nnt)


def at_12_months(data: Dataset, control: str) -> tuple[float, float, float]:
    """Acupuncture's effect on back and neck pain against ``control`` ('none' or 'sham') at the
    cohort's 12-month assessment, in VAS points with its 95% interval: the IPD meta-analysis's
    effect less the decay MacPherson et al. (2017) found for that control
    (:func:`acureview.studies.cohort2.effect_at_followup`)."""
    m, se = cohort2.effect_at_followup(data, control)
    sd, half = data.assumption("cohort2.sd_for_smd").value, z_two_sided() * se
    return m * sd, (m - half) * sd, (m + half) * sd


def rate_per_1000(data: Dataset, key: str, low: str, high: str, scale: float) -> tuple[float, float, float]:
    """An adverse-event rate of Bäumler et al. (2021) with its interval, per 1000 patients (``scale``
    converts the fact's unit)."""
    return tuple(float(data.number(f"baeumler2021.{k}")) * scale for k in (key, low, high))


def adverse_events_per_1000(data: Dataset) -> tuple[float, float, float]:
    """Patients with at least one adverse event per 1000 (Bäumler et al. 2021), with the interval."""
    return rate_per_1000(data, "ae_patients_pct", "ae_patients_low", "ae_patients_high", 10)


def serious_adverse_events_per_1000(data: Dataset) -> tuple[float, float, float]:
    """Serious adverse events per 1000 patients (Bäumler et al. 2021), with the interval."""
    return rate_per_1000(data, "sae_per_10000", "sae_low", "sae_high", 0.1)
