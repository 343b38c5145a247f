"""Helpers of the committee report pipeline: data contract, loading, indicators, formatting.

The flow is one-directional: ``data/<year>/`` raw exports are read and validated by
``helpers.data.contract`` (via ``helpers.data.loading``), indicators are computed by one module per
source in ``helpers.indicators``, and ``helpers.indicators.records`` gathers them in the tidy table.
"""

__version__ = "0.1.0"
