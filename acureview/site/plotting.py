"""One plotting style for every figure of the book."""
from __future__ import annotations

import matplotlib.pyplot as plt

STYLE = {
    "figure.figsize": (7.0, 3.6),
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "legend.frameon": False,
    "svg.hashsalt": "acureview",  # deterministic SVG ids
}

#: one hatch per verdict, so that no verdict in a figure is told by colour alone
HATCHES = {"inconsistent": "xx", "contradicted": "", "not reproduced": "\\\\", "overstated": "//", "unsupported": "..",
           "uncited": "oo", "citation error": "--", "not checkable": "++", "consistent": "||", "reproduced": "",
           "not yet checked": ""}

ACUPUNCTURE = "#0969da"
CONTROL = "#6e7781"
THRESHOLD = "#cf222e"
EVIDENCE = "#1a7f37"


def figure(nrows: int = 1, ncols: int = 1, **kw):
    """A new figure and axes in the book's style."""
    plt.rcParams.update(STYLE)
    fig, ax = plt.subplots(nrows, ncols, layout="constrained", **kw)
    return fig, ax


def close(fig) -> None:
    plt.close(fig)
