"""The one pattern by which the package binds heavy libraries: at module top, imported on first use.

    from ..lazy import lazy

    stats = lazy("scipy.stats")      # nothing is imported yet
    stats.norm.ppf(0.975)            # scipy.stats is imported here, once

So ``import acureview`` and the fast paths (``python -m acureview verify``, the data tests) do not
pay for pandas, SciPy's statistics, PyMC or Matplotlib unless they use them, and every dependency of
a module is still named at its top, where a reader sees it. The import-linter contracts do not: a
lazy binding is a call, not an import, and grimp records no edge for it. A test
(``tests/test_layers.py``) reads every ``lazy("...")`` call of the package and judges each bound
module by the same contracts, as the import it stands for; so the argument is always a module's name
written as a plain string.
A thin wrapper on :func:`lazy_loader.load` (Scientific Python SPEC 1), without its warning about
subpackages: loading ``scipy.stats`` lazily imports the light ``scipy`` package first, as intended.
"""

from __future__ import annotations

import lazy_loader


def lazy(name: str):
    """The module ``name``, imported when one of its attributes is first read."""
    return lazy_loader.load(name, suppress_warning=True)
