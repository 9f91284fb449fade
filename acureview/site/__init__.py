"""Presentation: what the chapters and pages use to glue and show results, and the book's Sphinx
extension. Every piece of HTML is a Jinja2 template in ``templates/``, rendered with autoescaping.

- :mod:`.templates`    the one Jinja2 environment (``render``), and ``HTML``, the display object of a chapter
- :mod:`.glue`         values glued into the prose (``glue``, ``glue_all``), a chapter's verdicts (``open_chapter``)
- :mod:`.cards`        the legend of the verdicts, one card per claim (``cards_with_legend``)
- :mod:`.factspage`    the facts page, a chapter's table of one source's facts, what the facts were read from
- :mod:`.ranking`      the one ranking of the claims (``rank_key``, ``ranked_problems``)
- :mod:`.landing`      the landing page's headline findings and verdicts by section
- :mod:`.review`       the review's text (parsed with markdown-it-py), every claim marked and linked to its card
- :mod:`.widgets`      the Bayesian chapter's prior explorer
- :mod:`.bayes`        how the Bayesian chapter writes its results (points, intervals, the table under every prior)
- :mod:`.codepages`    the pages of highlighted code, where a check's code stands, the reviewers' table of checks
- :mod:`.bibliography` ``book/sources.bib``, generated from ``data/sources.csv`` (``python -m acureview bib``)
- :mod:`.links`        sources' addresses as links (http, https, the review), with "read at" for the copy read
- :mod:`.provenance`   the commit and the public address of the repository, for the footer and the citation
- :mod:`.timings`      the sampling times of a chapter's fits, for ``make bench``
- :mod:`.tables`       any table a chapter builds, its columns named and its numbers formatted for a reader,
  and a table of text (``text_table``)
- :mod:`.text`         the review's TeX and Markdown emphasis, and the checks' shorthand, as a reader writes them
- :mod:`.plotting`     the figure style; :mod:`.robplot` the risk-of-bias traffic-light plot
- :mod:`.dictionary`   the data dictionary page
- :mod:`.staticfiles`  the book's own static files, copied into every build
- :mod:`.sphinxext`    the Sphinx hooks: validate the data, publish the downloads, code pages, footer, static files
- :mod:`.downloads`    the files under ``downloads/`` (verdict table, data, executed chapters), spreadsheet-safe,
  as a Frictionless data package
- :mod:`.archive`      the source of the exact commit, as one archive with its SHA-256
- :mod:`.citation`     a claim's citation, and a link that opens an issue about it
- :mod:`.claimreview`  each card's verdict as schema.org ClaimReview JSON-LD
- :mod:`.codeindex`    what the code pages know of the code, read from its syntax tree
- :mod:`.searchentries` what the site search finds beyond a page's words (claim ids, numbers)
- :mod:`.trial`        how the trial [1]'s chapter shows its numbers (P value table, glued words, figures)
"""
