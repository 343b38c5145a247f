"""Deterministic generator of the sample dataset (``data/2020`` to ``data/2022``).

The sample looks like real exports (mixed encodings, separators and formats) and, computed by
the project's own code, reproduces every figure of the 2022 committee
(``tests/reference/published-figures-2022.yaml``). Run ``clu sample`` (or ``make sample``).
One module per source writes that source's files; ``generate`` calls them all.
"""
