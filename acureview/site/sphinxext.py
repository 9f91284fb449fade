"""Sphinx hooks of the book: stop on bad data before anything executes, publish the verdict
table, every data file and the executed chapters under ``downloads/`` in the built site (every CSV
spreadsheet-safe: :mod:`acureview.site.downloads`), write a
page of highlighted code for every module that computes a verdict (``code/acureview/...html``,
one anchor per function, so a card links to the function that judged it, offline), name the commit
the site was built from and the repository in every page's footer, give the search an entry for
each claim card of the dashboard (its id and its values' numbers, :mod:`.searchentries`) and for
each number a page prints with thousands separators, keep pages light (no MathJax: a formula is written
in HTML, and a TeX formula stops the build; sphinx-design's assets only where used), and copy the
book's own static files into ``_static/`` on every build."""

from __future__ import annotations

import contextlib
from pathlib import Path

import nbformat
from docutils import nodes
from jupyter_cache import get_cache
from sphinx import addnodes
from sphinx.errors import ExtensionError

from .. import verify
from ..data import DataError
from ..files import copy_atomic, write_atomic
from . import citation, claimreview, downloads
from .archive import FOLDER, source_archive
from .codepages import code_pages
from .provenance import commit, footer_html, repository
from .searchentries import card_entries, grouped_numbers
from .staticfiles import static_files
from .templates import render


def _validate(app, config) -> None:
    try:
        verify.load()  # the data files, each claim's inputs, the risk-of-bias and certainty files
    except DataError as e:
        raise ExtensionError(f"bad data: {e}") from None


def _executed_notebooks(app, exception) -> None:
    """Give every executed notebook in ``jupyter_execute/`` its outputs and cell ids that are the
    same on every build. A page that ``make book`` executed beforehand (``tools/execute.py``) is
    read from the execution cache, and myst-nb then writes the notebook as it read it, without the
    cached outputs: merge them back in. Reading a page gives its cells random ids: name each by its
    place instead, so two builds publish the same notebook."""
    if exception is not None or app.builder.format != "html":
        return
    build = Path(app.outdir).parent
    cache = get_cache(str(build / ".jupyter_cache")) if (build / ".jupyter_cache").is_dir() else None
    for path in sorted((build / "jupyter_execute").rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        # not a cached page (KeyError): myst-nb executed it and wrote its outputs itself
        with contextlib.suppress(KeyError):
            _, nb = cache.merge_match_into_notebook(nb) if cache else (None, nb)
        for i, cell in enumerate(nb.cells):
            cell.id = f"cell-{i}"
        write_atomic({path: nbformat.writes(nb)})


def _downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    # the table the pages showed (computed once for these inputs), the data, the executed chapters
    executed = Path(app.outdir).parent / "jupyter_execute" / "notebooks"
    downloads.publish(verify.read(), Path(app.outdir) / "downloads", executed)


def _code_pages(app):
    """Sphinx's html-collect-pages: one themed page per module (as sphinx.ext.viewcode writes, but
    for the modules that compute verdicts, whether or not they are documented with autodoc)."""
    for page, title, body in code_pages():
        yield page, {"title": title, "body": body, "parents": []}, "page.html"


#: the page whose cards the search leads to (each claim's card, first)
CARDS_PAGE = citation.CARDS_PAGE


def _search_entries(app, doctree, docname) -> None:
    """Sphinx's doctree-resolved: after each output of the dashboard that shows claim cards, the
    search entries of its cards (they lead the search to the card, and show nothing on the page)."""
    if docname != CARDS_PAGE:
        return
    for raw in list(doctree.findall(nodes.raw)):
        entries = card_entries(raw.astext()) if "html" in raw.get("format", "").split() else []
        if entries:
            index = addnodes.index(entries=[("single", entry, anchor, "main", None) for entry, anchor in entries])
            raw.parent.insert(raw.parent.index(raw) + 1, index)


def _number_entries(app, doctree, docname) -> None:
    """Sphinx's doctree-resolved: a search entry for each number a page prints with thousands
    separators ("10,000"), leading to the first section that prints it (the search drops a query
    of digits alone, which is what "10,000" splits into)."""
    found: dict[str, str] = {}
    for node in doctree.findall(lambda n: isinstance(n, nodes.Text | nodes.raw)):
        section = next((a for a in _ancestors(node) if isinstance(a, nodes.section) and a["ids"]), None)
        if section is None or isinstance(node.parent, nodes.raw | nodes.comment):
            continue  # a raw node's text is read as the raw node (its HTML's text, not its tags)
        html = isinstance(node, nodes.raw)
        if html and "html" not in node.get("format", "").split():
            continue
        for number in grouped_numbers(node.astext(), html=html):
            found.setdefault(number, section["ids"][0])
    if found:
        doctree.append(addnodes.index(entries=[("single", n, anchor, "", None) for n, anchor in found.items()]))


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def _footer(app, config) -> None:
    try:
        repo = repository()
    except ValueError as e:
        raise ExtensionError(str(e)) from None
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (options.get("extra_footer") or "") + footer_html(repo, commit())
    config.html_theme_options = options


def _archive(app, config) -> None:
    """The source archive of this build (:mod:`.archive`), made once; its digest goes into the
    configuration, so that a new archive rewrites every page that names it."""
    app.source_archive = source_archive()
    context = dict(config.html_context or {})
    context["source_archive_sha256"] = app.source_archive.sha256 if app.source_archive else ""
    config.html_context = context


def _publish_archive(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.source_archive is None:
        return
    folder = Path(app.outdir) / "downloads" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.tar.gz"):
        if old.name != app.source_archive.name:
            old.unlink()
    path = folder / app.source_archive.name
    if not path.exists() or path.read_bytes() != app.source_archive.content:
        path.write_bytes(app.source_archive.content)
        path.chmod(0o644)


#: the empty element where a page shows the source archive (the reviewers' page, "Rerun everything")
ARCHIVE_SLOT = '<div class="source-archive"></div>'


def _page_slots(app, pagename, templatename, context, doctree) -> None:
    """Write into the page what only the build knows: the source archive's link and digest, each
    card's citation (:mod:`.citation`), with this build's commit and repository, and the addresses
    in each card's ClaimReview (:mod:`.claimreview`)."""
    body = context.get("body", "")
    if ARCHIVE_SLOT in body:
        downloads_dir = context["pathto"]("downloads/" + FOLDER, 1)
        html = render("source_archive.html", archive=app.source_archive, folder=downloads_dir)
        body = body.replace(ARCHIVE_SLOT, html)
    if 'class="claim-cite"' in body:
        body = citation.fill(
            body,
            book=app.config.html_title or app.config.project,
            built_from=commit()
            + (" with uncommitted changes" if getattr(app.source_archive, "uncommitted", False) else ""),
            repo=repository(),
            card_page="" if pagename == CARDS_PAGE else context["pathto"](CARDS_PAGE),
            base_url=app.config.html_baseurl or "",
        )
    if "application/ld+json" in body:
        body = claimreview.fill(
            body,
            page=pagename,
            card_page="" if pagename == CARDS_PAGE else context["pathto"](CARDS_PAGE),
            base_url=app.config.html_baseurl or "",
        )
    context["body"] = body.replace(BIBLIOENTRY, LISTITEM)


#: docutils writes each entry of a reference list as 'doc-biblioentry' inside role="list": a role
#: that DPUB-ARIA 1.1 deprecates, so a list with no list items to assistive technology. Each entry
#: becomes the list item it is.
BIBLIOENTRY, LISTITEM = 'role="doc-biblioentry"', 'role="listitem"'


def _static(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for src, dest in static_files(app):
        copy_atomic(src, dest)


def _unique_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop scripts that a page would load twice (sphinx-thebe registers its inline configuration
    once per read of the environment, and a second copy is a console error: a redeclared const)."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # an inline script is registered once with filename None and once with '': the same script
        key = (getattr(script, "filename", str(script)) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique  # in place: handlers after this one add to the same list


def _no_tex_formulas(app, doctree, docname) -> None:
    """Stop the build at a TeX formula: MathJax, which would draw it, weighs more than the rest of a
    page (about 0.8 MB); the book writes its few formulas in HTML (see the Bayesian chapter's appendix)."""
    formula = next(doctree.findall(_is_formula), None)
    if formula is not None:
        raise ExtensionError(
            f"{docname}: a TeX formula ({formula.astext()[:40]!r}); write it in HTML, as the Bayesian chapter does, "
            "so that no page loads MathJax"
        )


def _no_mathjax(app, pagename, templatename, context, doctree) -> None:
    """Drop MathJax (its script and its configuration) from every page: Sphinx gives it to a page
    whose table of contents includes a formula, and no page has one of its own."""
    context.get("script_files", [])[:] = [
        s for s in context.get("script_files", []) if not _is_mathjax(s)
    ]  # in place: the list is the builder's, shared with later handlers


#: sphinx-design's stylesheet and script (Jupyter Book adds the extension to every book)
DESIGN_ASSETS = ("sphinx-design.min.css", "design-tabs.js")
#: the copy button of code blocks, the toggle of hidden cells, and thebe (no launch button is configured)
COPY_ASSETS = ("copybutton.css", "copybutton.js", "clipboard.min.js")
TOGGLE_ASSETS = ("togglebutton.css", "togglebutton.js")
THEBE_ASSETS = ("sphinx-thebe.css", "sphinx-thebe.js")
#: the colours of highlighted code (a code page, generated without a doctree, keeps them)
PYGMENTS_ASSETS = ("pygments.css",)


def _classes(doctree) -> set[str]:
    return {c for n in doctree.findall(nodes.Element) for c in n.get("classes", [])} if doctree is not None else set()


def _drop(context, names: tuple[str, ...]) -> None:
    for key in ("css_files", "script_files"):
        assets = context.get(key, [])
        assets[:] = [a for a in assets if not str(getattr(a, "filename", "") or "").endswith(names)]


def _design_only_where_used(app, pagename, templatename, context, doctree) -> None:
    """Drop the assets of extensions a page does not use: sphinx-design's (60 kB) from a page without
    its components (classes ``sd-``), the copy button's and the code colours from a page without a code
    block (a code page, generated without a doctree, keeps its colours), the toggle's
    from a page without a hidden cell or a toggle, and thebe's everywhere (no page launches it)."""
    classes = _classes(doctree)
    if not any(c.startswith("sd-") for c in classes):
        _drop(context, DESIGN_ASSETS)
    code = doctree is not None and any(True for _ in doctree.findall(nodes.literal_block))
    if not code:
        _drop(context, COPY_ASSETS)
        if doctree is not None:
            _drop(context, PYGMENTS_ASSETS)
    if not any(c.startswith("tag_hide") or c in ("toggle", "dropdown") for c in classes):
        _drop(context, TOGGLE_ASSETS)
    _drop(context, THEBE_ASSETS)


def _is_formula(node) -> bool:
    return isinstance(node, nodes.math | nodes.math_block)


def _is_mathjax(script) -> bool:
    """Whether ``script`` (a Sphinx JavaScript asset) is MathJax or its inline configuration."""
    name = str(getattr(script, "filename", "") or "").lower()
    body = getattr(script, "attributes", {}).get("body", "")
    return "mathjax" in name or body.lstrip().startswith("window.MathJax")


def setup(app):
    app.connect("config-inited", _validate)
    app.connect("config-inited", _footer)
    app.connect("config-inited", _archive)
    app.connect("html-collect-pages", _code_pages)
    app.connect("html-page-context", _page_slots)
    app.connect("doctree-resolved", _search_entries)
    app.connect("doctree-resolved", _number_entries)
    app.connect("doctree-resolved", _no_tex_formulas)
    # early: 'html-page-context' stops at the first handler that returns a template name
    app.connect("html-page-context", _unique_scripts, priority=100)
    # late: after Sphinx's own MathJax hook (priority 500) has added it
    app.connect("html-page-context", _no_mathjax, priority=800)
    app.connect("html-page-context", _design_only_where_used, priority=800)
    app.connect("build-finished", _executed_notebooks)
    app.connect("build-finished", _downloads)
    app.connect("build-finished", _publish_archive)
    app.connect("build-finished", _static)
    app.add_css_file("codepages.css")
    app.add_js_file("cite.js")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
