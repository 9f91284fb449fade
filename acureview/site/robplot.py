"""Risk-of-bias traffic-light figures in the layout readers know from robvis (McGuinness and
Higgins, Res Synth Methods 2021;12:55-61; the R package mcguinlu/robvis): one row a result, one
column a domain and the overall judgement (shaded), one filled circle a judgement, with a symbol
so that colour is never the only cue.

Colours and symbols are robvis's colour-blind palette ('colourblind': light to dark orange, white
for no information) and its symbols: + Low, - Some concerns / Moderate, X High / Serious,
! Critical, ? No information. The symbol is drawn in white on the two darkest colours, for contrast.
"""

from __future__ import annotations

from ..lazy import lazy
from .plotting import figure

mpatches = lazy("matplotlib.patches")
mlines = lazy("matplotlib.lines")

#: judgement -> (fill colour, symbol, symbol colour), after robvis's 'colourblind' palette.
STYLE = {
    "Low": ("#fed98e", "+", "#000000"),
    "Some concerns": ("#fe9929", "\u2212", "#000000"),
    "Moderate": ("#fe9929", "\u2212", "#000000"),
    "High": ("#d95f0e", "X", "#000000"),
    "Serious": ("#d95f0e", "X", "#000000"),
    "Critical": ("#993404", "!", "#ffffff"),
    "No information": ("#ffffff", "?", "#000000"),
}


def traffic_light(panels, width: float = 4.0):
    """``panels``: a list of (title, domain labels, rows), each row (label, judgements in the order
    of the domain labels, the last being the overall judgement). Returns the figure.

    Sized for a phone: 4 inches wide, each row's label above its circles (not beside them), so that
    at 390 pixels the text keeps about 9 points and the circles stay apart; the legend lists every
    level used, levels drawn alike sharing one entry."""

    step = 1.5  # vertical distance between rows, in row units (room for the label above)
    heights = [step * len(rows) + 0.9 for _, _, rows in panels]
    fig, axes = figure(
        len(panels), 1, figsize=(width, 0.5 * sum(heights) + 0.9), gridspec_kw={"height_ratios": heights}
    )
    axes = list(axes) if len(panels) > 1 else [axes]
    used = []
    for ax, (title, domains, rows) in zip(axes, panels, strict=False):
        ncol = len(domains)
        bottom = step * (len(rows) - 1) + 0.55
        ax.set_xlim(-0.6, ncol - 0.4)
        ax.set_ylim(bottom, -step + 0.25)
        ax.add_patch(mpatches.Rectangle((ncol - 1.5, -step + 0.25), 1, bottom + step - 0.25, color="#d3d3d3", zorder=0))
        for i, (label, levels) in enumerate(rows):
            y = step * i
            ax.text(-0.5, y - 0.62, label, ha="left", va="center", fontsize=9)
            for j, level in enumerate(levels):
                fill, symbol, ink = STYLE[level]
                used.append(level)
                ax.scatter([j], [y], s=380, color=fill, edgecolors="#000000", linewidths=0.8, zorder=2)
                ax.text(j, y, symbol, ha="center", va="center", color=ink, fontsize=10, fontweight="bold", zorder=3)
        ax.set_xticks(range(ncol), domains)
        ax.xaxis.tick_top()
        ax.set_yticks([])
        ax.tick_params(length=0)
        ax.grid(False)
        for side in ("left", "bottom", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(title, loc="left", fontsize=10)
    entries: dict[tuple, list[str]] = {}
    for lv, look in STYLE.items():
        if lv in used:
            entries.setdefault(look, []).append(lv)
    handles = [
        mlines.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=12,
            markerfacecolor=style[0],
            markeredgecolor="#000000",
            label=f"{style[1]}  {' / '.join(names)}",
        )
        for style, names in entries.items()
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=9, handletextpad=0.3, columnspacing=1.0)
    return fig
