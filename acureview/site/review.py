"""The review's full text as a page, every claim marked with its verdict and linked to its card.

The text is ``data/review.md`` as published: headings, paragraphs and bullet lists become HTML,
``*emphasis*`` and ``**strong**`` are kept, and the review's few TeX fragments read as Unicode.
Each claim's quote is found verbatim; where two quotes overlap, the shared words are marked with
the graver verdict and each claim keeps its own tag, at the end of its words, linking to its card.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from ..verdicts import ORDER, VERDICTS
from .text import plain_math


def _inline(text: str) -> str:
    out = html.escape(plain_math(text), quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"\*(.+?)\*", r"<em>\1</em>", out)
    return out.replace("*", "")


def _tag(r, card: str) -> str:
    v = VERDICTS[r.verdict]
    words = r.verdict + (f", {r.severity}" if r.severity else "")
    return (f'<a class="claim-tag" id="review-{r.anchor.removeprefix("claim-")}" href="{card}#card-{r.anchor.removeprefix("claim-")}" '
            f'style="background:{v.colour};color:{v.text}" title="{html.escape(r.claim_id)}: {html.escape(words)}">'
            f'<span aria-hidden="true">{v.symbol}</span> {html.escape(r.claim_id)} {html.escape(words)}</a>')


def _marked(line: str, start: int, spans: list[tuple[int, int, object]], card: str) -> str:
    """One line of the review (starting at offset ``start``), its claims' words marked."""
    end = start + len(line)
    mine = [(max(a, start), min(b, end), r) for a, b, r in spans if a < end and b > start]
    cuts = sorted({start, end, *(a for a, _, _ in mine), *(b for _, b, _ in mine)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _inline(line[a - start:b - start])
        over = [r for x, y, r in mine if x <= a and b <= y]
        if over:
            grave = min(over, key=lambda r: ORDER.index(r.verdict))
            v = VERDICTS[grave.verdict]
            piece = (f'<mark class="claim" data-verdict="{html.escape(grave.verdict)}" '
                     f'style="background:{v.colour}33;border-bottom:3px solid {v.colour}">{piece}</mark>')
        out.append(piece)
        out.extend(_tag(r, card) for x, y, r in mine if y == b)
    return "".join(out)


def annotated(review: str, df: pd.DataFrame, card: str = "dashboard.html") -> str:
    """The review as HTML, each claim of ``df`` marked (colour and symbol of its verdict) and
    linked to its card on ``card``. Raises ValueError for a claim whose words are not in the text."""
    spans = []
    for r in df.itertuples():
        at = review.find(r.quote)
        if at < 0:
            raise ValueError(f"{r.claim_id}: its words are not in the review's text")
        spans.append((at, at + len(r.quote), r))
    blocks, items, offset = [], [], 0

    def close_list():
        if items:
            blocks.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in review.splitlines(keepends=True):
        line = raw.rstrip("\n")
        text = line.rstrip()
        heading = re.match(r"(#{1,6})\s+", text)
        bullet = re.match(r"\s*[-*]\s+", text)
        if not text:
            close_list()
        elif heading:
            close_list()
            level = min(len(heading.group(1)) + 1, 6)
            body = _marked(text[heading.end():], offset + heading.end(), spans, card)
            blocks.append(f'<p class="review-h review-h{level}" role="heading" aria-level="{level}"><strong>{body}</strong></p>')
        elif bullet:
            items.append(_marked(text[bullet.end():], offset + bullet.end(), spans, card))
        else:
            close_list()
            blocks.append(f"<p>{_marked(text.strip(), offset + len(text) - len(text.lstrip()), spans, card)}</p>")
        offset += len(raw)
    close_list()
    return '<div class="review-text">' + "\n".join(blocks) + "</div>"
