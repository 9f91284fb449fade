"""Interactive widgets of the chapters: the prior explorer of the Bayesian chapter, whose markup is the
template ``templates/prior_explorer.html`` and whose computation runs in the browser
(``book/_static/prior-explorer.js``), from the counts and defaults given here. The page validates each
field beside it, draws the prior beside the posterior, offers a flat prior and keeps its settings in the
page's address (``?prior=...&centre=...&kind=...&control=...&sd=...&threshold=...&dropouts=...``)."""

from __future__ import annotations

import json

from .templates import render


def prior_explorer(
    treated,
    control,
    presets: list[dict],
    baseline_sd: float,
    imor_sd: float,
    grid_size: int,
    control_rate: float,
    threshold: float,
) -> str:
    """The prior explorer: the arms' ``responders``, ``analysed`` and ``dropouts`` (``treated``,
    ``control``), the normal priors to start from (``presets``: label, loc, scale; the last one
    chosen first), the prior's spread of the baseline log odds, the dropouts' IMOR spread, the grid
    size, the control response a risk ratio is read at and the threshold (a proportion)."""
    return render(
        "prior_explorer.html",
        treated=treated,
        control=control,
        presets=json.dumps(presets),
        default_preset=len(presets) - 1,
        baseline_sd=f"{baseline_sd:g}",
        imor_sd=f"{imor_sd:g}",
        grid_size=grid_size,
        control_rate=f"{control_rate:.2f}",
        threshold=f"{100 * threshold:.0f}",
    )
