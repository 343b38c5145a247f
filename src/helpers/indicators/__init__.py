"""Indicator computations, one module per source: plain functions on typed DataFrames, no I/O.

Each module exposes small functions (a rate, a count, a table) and an ``indicators``
function that returns the source's ``helpers.indicators.records.Indicator`` records for the tidy table.
"""
