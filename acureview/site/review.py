"""The review's full text as a page, every claim marked with its verdict and linked to its card.

The text is ``data/review.md`` as published, parsed as CommonMark (markdown-it-py): headings,
paragraphs and bullet lists, with ``*emphasis*`` and ``**strong**``; the review's few TeX fragments
read as Unicode. Each claim's quote is found verbatim in the text; where two quotes overlap, the
shared words are marked with the graver verdict, and each claim keeps its own tag, at the end of its
words, linking to its card. The page is the template ``templates/review.html``.
"""

from __future__ import annotations

from itertools import pairwise

from markdown_it import MarkdownIt

from ..lazy import lazy
from ..verdicts import ORDER
from .templates import render

pd = lazy("pandas")

_MARKDOWN = MarkdownIt("commonmark", {"html": False})  # the review's text is text: any HTML in it shows as written
_EMPHASIS = {"em_open": ("em", 1), "em_close": ("em", -1), "strong_open": ("strong", 1), "strong_close": ("strong", -1)}
#: the block tokens the page shows (an inline token holds each one's text)
_BLOCKS = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
}


class _Pieces:
    """Cuts the inline text of the review into pieces at the claims' boundaries, each piece with its
    emphasis and the graver verdict of the claims it belongs to, and a claim's tag where its words end."""

    def __init__(self, review: str, spans: list[tuple[int, int, object]]):
        self.review, self.spans, self.tagged = review, spans, set()
        self.lines = review.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def _tags(self, upto: int) -> list[dict]:
        """The tags of the claims whose words end at or before offset ``upto``, each given once."""
        out = []
        for _, end, r in self.spans:
            if end <= upto and r.claim_id not in self.tagged:
                self.tagged.add(r.claim_id)
                out.append({"tag": r})
        return out

    def __call__(self, inline) -> list[dict]:
        """The pieces of one inline token (a heading's, a paragraph's or a list item's text)."""
        first, last = inline.map
        source, start = "".join(self.lines[first:last]), self.starts[first]
        style, cursor, out = {"em": 0, "strong": 0}, 0, []
        for child in inline.children:
            if child.type == "text":
                at = source.find(child.content, cursor)
                if at < 0:
                    raise ValueError(
                        f"data/review.md, line {first + 1}: {child.content!r} is not in the text as written"
                    )
                a, b = start + at, start + at + len(child.content)
                inside = {x for s, e, _ in self.spans for x in (s, e) if a < x < b}
                cuts = sorted({a, b, *inside})
                for x, y in pairwise(cuts):
                    over = [r for s, e, r in self.spans if s <= x and y <= e]
                    out.append(
                        {
                            "text": self.review[x:y],
                            "em": style["em"] > 0,
                            "strong": style["strong"] > 0,
                            "mark": min(over, key=lambda r: ORDER.index(r.verdict)) if over else None,
                        }
                    )
                    out.extend(self._tags(y))
                cursor = at + len(child.content)
            elif child.type in _EMPHASIS:
                name, step = _EMPHASIS[child.type]
                style[name] += step
                cursor = source.index(child.markup, cursor) + len(child.markup)
            elif child.type in ("softbreak", "hardbreak"):
                cursor = source.index("\n", cursor) + 1
                out.append(
                    {"br": True}
                    if child.type == "hardbreak"
                    else {"text": " ", "em": False, "strong": False, "mark": None}
                )
            else:
                raise ValueError(f"data/review.md, line {first + 1}: the page does not show a {child.type}")
            out.extend(self._tags(start + cursor))
        return out


def annotated(review: str, df: pd.DataFrame, card: str = "dashboard.html") -> str:
    """The review as HTML, each claim of ``df`` marked (colour and symbol of its verdict) and
    linked to its card on ``card``. Raises ValueError for a claim whose words are not in the text,
    or for a kind of Markdown block the page does not show."""
    spans = []
    for r in df.itertuples():
        at = review.find(r.quote)
        if at < 0:
            raise ValueError(f"{r.claim_id}: its words are not in the review's text")
        spans.append((at, at + len(r.quote), r))
    pieces = _Pieces(review, spans)
    blocks, depth, heading = [], 0, None
    for token in _MARKDOWN.parse(review):
        if token.type not in _BLOCKS:
            raise ValueError(
                f"data/review.md, line {token.map[0] + 1 if token.map else '?'}: the page does not show a {token.type}"
            )
        if token.type == "heading_open":
            heading = min(int(token.tag[1]) + 1, 6)
        elif token.type == "bullet_list_open":
            depth += 1
            if depth == 1:
                blocks.append({"kind": "list", "entries": []})
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "inline" and heading:
            blocks.append({"kind": "heading", "level": heading, "pieces": pieces(token)})
            heading = None
        elif token.type == "inline" and depth:
            blocks[-1]["entries"].append(pieces(token))
        elif token.type == "inline":
            blocks.append({"kind": "paragraph", "pieces": pieces(token)})
    return render("review.html", blocks=blocks, card=card)
