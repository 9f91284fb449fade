"""One plotting style for every figure of the book."""

from __future__ import annotations

from ..lazy import lazy

plt = lazy("matplotlib.pyplot")
mtext = lazy("matplotlib.text")
getipython = lazy("IPython.core.getipython")  # the kernel a chapter runs in (None outside one)
backend_inline = lazy("matplotlib_inline.backend_inline")

#: the smallest text of any figure, in points (a chapter's smaller annotations, legends and tick labels are
#: raised to it when the figure is drawn): at the figure's own size, which a phone shows it at (scrolling
#: sideways; a tap opens the image alone), 9 pt is 13.75 CSS pixels in a PNG at 110 dpi and 12 in an SVG
MIN_FONT_PT = 9

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
        if "svg" in _formats():  # as the chapter chose, without the date of the build in the file
            backend_inline.set_matplotlib_formats("svg", metadata={"Date": None})
        else:
            backend_inline.set_matplotlib_formats("retina")
        _draw_legible()
    except ImportError:  # outside a kernel
        pass
    fig, ax = plt.subplots(nrows, ncols, layout="constrained", **kw)
    return fig, ax


def legible(fig):
    """``fig`` with no text smaller than ``MIN_FONT_PT`` (tick labels, legends and annotations included;
    drawn once first, since the tick labels exist only once the figure is drawn)."""
    fig.canvas.draw()
    for text in fig.findobj(mtext.Text):
        if text.get_fontsize() < MIN_FONT_PT:
            text.set_fontsize(MIN_FONT_PT)
    return fig


def _draw_legible() -> None:
    """Make the kernel's figure formats (PNG, SVG) draw every figure through :func:`legible`."""
    ip = getipython.get_ipython()
    for mime in ("image/png", "image/svg+xml") if ip else ():
        formatter = ip.display_formatter.formatters[mime]
        draw = formatter.type_printers.get(plt.Figure)
        if draw is not None and not getattr(draw, "legible", False):
            formatter.for_type(plt.Figure, _legibly(draw))


def _legibly(draw):
    def legibly(fig):
        return draw(legible(fig))

    legibly.legible = True
    return legibly


def _formats() -> set[str]:
    """The formats a chapter chose for its figures (one that asked for SVG keeps it)."""
    try:
        ip = getipython.get_ipython()
        fmt = ip.display_formatter.formatters if ip else {}
        return {"svg"} if fmt and fmt["image/svg+xml"].type_printers.get(plt.Figure) else set()
    except Exception:
        return set()


def close(fig) -> None:
    plt.close(fig)
