"""Presentation: helpers the chapters use to glue and show results (:mod:`.book`), the figure
style (:mod:`.plotting`), the Sphinx extension (:mod:`.sphinxext`) and the data dictionary
(:mod:`.dictionary`)."""
