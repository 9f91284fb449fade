"""The one Jinja2 environment of the site: every card, list, table and widget that a page shows is a
template in ``acureview/site/templates/``, rendered with autoescaping, so that the review's words, a
source's quotation or a note reach a page as text, never as markup.

Templates share the verdict vocabulary (``VERDICTS``) and ``href`` (where a link to a source's address
points, :mod:`.links`) as globals, and the text helpers as filters: ``plain_math`` (TeX as Unicode),
``plain_words`` (and the review's Markdown emphasis as plain words), ``human`` (a value as a reader
writes it), ``address_label`` (a source's address by a short name) and ``plural`` (a count with its
noun, :func:`acureview.fmt.plural`). :class:`HTML` shows what a
template renders in a chapter's output.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from ..fmt import plural
from ..verdicts import VERDICTS
from .links import href, label
from .text import human, plain_math, plain_words

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("acureview.site", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals.update(VERDICTS=VERDICTS, href=href)
ENV.filters.update(plural=plural, human=human, plain_math=plain_math, plain_words=plain_words, address_label=label)


def render(template: str, **context) -> str:
    """The HTML of ``templates/<template>`` with ``context``, every value escaped unless marked safe."""
    return ENV.get_template(template).render(**context)


def fragment(html: str) -> Markup:
    """HTML that a template of this package rendered, marked to pass unescaped into another template."""
    return Markup(html)


class HTML:
    """Minimal rich-display object, so notebooks show HTML without importing IPython themselves."""

    def __init__(self, text: str):
        self.text = str(text)

    def _repr_html_(self) -> str:
        return self.text
