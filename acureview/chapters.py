"""What each chapter of the book computes with, declared once: the facts its code reads by id (or the
publishing helpers it calls read), and the study-level functions it calls on the data. The verdict
table's preflight (:func:`acureview.verify.preflight`) refuses, before any chapter runs, a fact a
chapter needs that the record does not give; tests keep the declaration true to the chapters' code
(``tests/test_chapters.py``) and to what each chapter reads when it runs (``tests/test_faults.py``).

A study-level function declared here reads its own facts: run on the data, it raises
:class:`~acureview.data.UnusableFact` for one the record does not give, so its facts are not listed
again. Chapters whose code computes with no fact (the references) have no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import appraisal as ap
from .data import Dataset
from .studies import cohort2, pain_meta, rct1
from .studies.courses import schedules
from .studies.safety import adverse_event_rates, chance_of_no_adverse_events


@dataclass(frozen=True)
class Call:
    """A study-level function a chapter calls on the data: ``fn(data, *args)``, or ``fn(data,
    data.appraisal, *args)`` when ``appraisal`` is true (the appraisal's tables)."""

    fn: Callable
    args: tuple = ()
    appraisal: bool = False

    def __call__(self, data: Dataset):
        return self.fn(data, *((data.appraisal,) if self.appraisal else ()), *self.args)

    @property
    def name(self) -> str:
        """The call as a reader would write it: ``rct1.priors``, ``appraisal.computed(data, 'rct1.rd')``."""
        module = self.fn.__module__.removeprefix("acureview.").removeprefix("studies.").split(".")[0]
        written = f"{module}.{self.fn.__name__}"
        return f"{written}(data, {', '.join(map(repr, self.args))})" if self.args else written


@dataclass(frozen=True)
class Needs:
    """A chapter's needs: the facts read by id, the study-level calls on the data, and the
    study-level functions it calls with values it computes itself (``also``), which the preflight
    cannot run alone: what they read is read by the calls (kept so by the test that runs each
    chapter and records what it reads)."""

    facts: tuple[str, ...] = ()
    calls: tuple[Call, ...] = ()
    also: tuple[Callable, ...] = ()


def _interval(fact_id: str) -> tuple[str, str, str]:
    """An estimate and its 95% interval: ``x``, ``x_low``, ``x_high``."""
    return fact_id, f"{fact_id}_low", f"{fact_id}_high"


#: the chapter (its file's name in notebooks/, without .md) -> what it computes with
NEEDS: dict[str, Needs] = {
    "appraisal": Needs(
        calls=(
            Call(ap.rob2_table, appraisal=True),
            Call(ap.robins_table, appraisal=True),
            Call(ap.summary_of_findings, appraisal=True),
            Call(ap.responders_per_1000),
            *(Call(ap.computed, (k,)) for k in ap.COMPUTED),
        ),
    ),
    "chronic-pain-meta": Needs(
        facts=(
            "vickers2012.trials",
            "vickers2012.patients",
            "vickers2012.modest",
            "vickers2018.trials",
            "vickers2018.patients",
            "vickers2018.decay_12m_pct",
            "vickers2018.population",
            "dworkin2008.minimal_low_pct",
            "dworkin2008.minimal_high_pct",
            "dworkin2008.moderate_pct",
            "dworkin2009.two_processes",
            "dworkin2009.individual_improvements",
            "dworkin2009.group_differences",
            "macpherson2017.trials",
            "macpherson2017.patients",
            *_interval("macpherson2017.sham.decline"),
            *_interval("macpherson2017.none.decline"),
            "macpherson2017.sham.diminution_12m_pct",
        ),
        calls=(Call(pain_meta.points_table),),
    ),
    "cohort-norway": Needs(
        facts=(
            "cohort2.new_patients",
            "cohort2.participation_pct",
            "cohort2.vas_baseline_sd",
            "cohort2.vas_3m",
            "macpherson2017.sham.decline",
            "macpherson2017.none.decline",
            "macpherson2017.sham.diminution_12m_pct",
            "vickers2004.usual_reduction_pct",
            "baeumler2021.ae_patients_pct",
            "baeumler2021.ae_patients_low",
            "baeumler2021.ae_patients_high",
            "baeumler2021.sae_per_10000",
        ),
        calls=tuple(
            Call(f)
            for f in (
                pain_meta.points_table,
                cohort2.percentages,
                cohort2.participants,
                cohort2.review_n,
                cohort2.vas_scenarios,
                cohort2.vas_change,
                cohort2.denominator_prior,
                cohort2.compatible_triples,
                cohort2.denominator_posterior,
                cohort2.decompose,
                cohort2.natural_course,
                cohort2.responder_table,
                cohort2.same_trials_effect,
                cohort2.prior_sensitivity,
            )
        )
        + (Call(cohort2.effect_at_followup, ("sham",)), Call(cohort2.effect_at_followup, ("none",))),
        also=(cohort2.denominators, cohort2.responder_reference, chance_of_no_adverse_events),
    ),
    "depression-evidence": Needs(
        facts=(
            "matsuura.sf8",
            "matsuura.n",
            "matsuura.mdd",
            "matsuura.bd",
            "matsuura.weeks",
            "matsuura.design",
            "matsuura.population",
            "armour2019.studies",
            *_interval("armour2019.addon.g"),
            *_interval("armour2019.usual.g"),
            *_interval("armour2019.sham.g"),
            "armour2019.limitations",
            *_interval("zhao2019.ma.rr"),
            *_interval("zhao2019.ea.rr"),
            "zhao2019.remission",
            "zhao2019.side_effects",
            "smith2018.studies",
            "smith2018.quality",
            "smith2018.addon",
            "smith2018.uncertain",
            "smith2018.adverse_unclear",
        ),
        calls=(Call(rct1.ssri_response), Call(rct1.effects_table)),
    ),
    "mechanisms-and-uncited": Needs(facts=("li2021.scope", "li2021.pathways")),
    "rct-bayes": Needs(
        # read by the chapter's publishing helpers (the priors' words)
        facts=("zhao2019.weeks", *_interval("zhao2019.ma.rr")),
        calls=(Call(rct1.important_difference), Call(rct1.thresholds), Call(rct1.priors), Call(rct1.results)),
    ),
    "rct-tiaoqi-jieyu": Needs(
        facts=("rct1.randomized", "rct1.control", "rct1.sessions_per_week", "rct1.weeks", "rct1.followup_weeks"),
        calls=(Call(rct1.arms), Call(rct1.sessions_total), Call(rct1.reconstruction_table)),
    ),
    "safety-and-recommendations": Needs(
        facts=(
            "matsuura.design",
            "matsuura.n",
            "baeumler2021.mild",
            "baeumler2021.definitions",
            "zhao2019.safety",
            "zhao2019.side_effects",
            "rct1.randomized",
        ),
        calls=(Call(adverse_event_rates), Call(schedules)),
    ),
}
