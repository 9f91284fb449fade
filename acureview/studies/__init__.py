"""Each study the review leans on, with the arithmetic and the models the checks and chapters share:
:mod:`.rct1` for the Tiaoqi Jieyu trial [1], :mod:`.cohort2` for the Norwegian cohort [2]."""
