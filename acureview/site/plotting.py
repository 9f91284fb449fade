"""One plotting style for every figure of the book."""

from __future__ import annotations

from ..lazy import lazy

plt = lazy("matplotlib.pyplot")

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
HATCHES = {
    "inconsistent": "xx",
    "contradicted": "",
    "not reproduced": "\\\\",
    "overstated": "//",
    "unsupported": "..",
    "uncited": "oo",
    "citation error": "--",
    "not checkable": "++",
    "consistent": "||",
    "reproduced": "",
    "not yet checked": "",
}

ACUPUNCTURE = "#0969da"
CONTROL = "#6e7781"
THRESHOLD = "#cf222e"
EVIDENCE = "#1a7f37"


def figure(nrows: int = 1, ncols: int = 1, **kw):
    """A new figure and axes in the book's style. Figures are shown at twice their pixel density
    (the inline backend's 'retina' PNG: the same size on the page, sharp on a phone's screen); a
    chapter that chose SVG keeps it, with no date in it (two builds write the same file)."""
    plt.rcParams.update(STYLE)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        if "svg" in _formats():  # as the chapter chose, without the date of the build in the file
            set_matplotlib_formats("svg", metadata={"Date": None})
        else:
            set_matplotlib_formats("retina")
    except ImportError:  # outside a kernel
        pass
    fig, ax = plt.subplots(nrows, ncols, layout="constrained", **kw)
    return fig, ax


def _formats() -> set[str]:
    """The formats a chapter chose for its figures (one that asked for SVG keeps it)."""
    try:
        from IPython import get_ipython

        ip = get_ipython()
        fmt = ip.display_formatter.formatters if ip else {}
        return {"svg"} if fmt and fmt["image/svg+xml"].type_printers.get(plt.Figure) else set()
    except Exception:
        return set()


def close(fig) -> None:
    plt.close(fig)
