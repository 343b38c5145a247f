"""Searching for integer counts whose computed rate shows as a published figure.

The sample generator uses these to build raw answers that reproduce a published rate at its
published precision (half-up rounding), with counts as close as possible to an even spread.
"""

from __future__ import annotations

import itertools

import numpy as np

from helpers.report.formatting import round_half_up


def shows_as(value: float, target: float, decimals: int) -> bool:
    """True when ``value`` rounded half-up to ``decimals`` equals ``target``."""
    return round_half_up(value, decimals) == round_half_up(target, decimals)


def fit_pooled(target: float, decimals: int, n_preferred: int, n_min: int = 1) -> tuple[int, int]:
    """``(hits, answers)`` with ``100 * hits / answers`` shown as ``target``, answers nearest ``n_preferred``."""
    for delta in range(0, n_preferred):
        for n in (n_preferred - delta, n_preferred + delta):
            if n < n_min:
                continue
            k = int(round(target * n / 100))
            for hits in (k - 1, k, k + 1):
                if 0 <= hits <= n and shows_as(100 * hits / n, target, decimals):
                    return hits, n
    raise ValueError(f"no count shows as {target} near {n_preferred} answers")


def hits_for(target: float, decimals: int, answers: int) -> int:
    """Hits among a fixed number of answers whose rate shows as ``target``; ValueError if none."""
    k = int(round(target * answers / 100))
    for hits in (k, k - 1, k + 1):
        if 0 <= hits <= answers and shows_as(100 * hits / answers, target, decimals):
            return hits
    raise ValueError(f"no count out of {answers} shows as {target}")


def fit_group_mean(target: float, decimals: int, answers: list[int], rng: np.random.Generator,
                   caps: list[int] | None = None) -> list[int]:
    """Hits per group so that the equal-weight mean of the groups' rates shows as ``target``.

    Among the solutions, one whose hits are closest to ``target`` % of each group is drawn.
    Raises ValueError when the group sizes admit no solution (draw other sizes then).
    """
    share = target / 100
    caps = caps or answers
    *head, last = answers
    ranges = []
    for n, cap in zip(head, caps, strict=False):
        centre = share * n
        ranges.append(range(max(0, int(centre) - 6), min(cap, int(centre) + 6) + 1))
    best: list[tuple[float, float, list[int]]] = []
    for combo in itertools.product(*ranges):
        partial = sum(h / n for h, n in zip(combo, head, strict=True))
        need = (share * len(answers) - partial) * last
        for h_last in {int(np.floor(need)), int(np.ceil(need))}:
            if 0 <= h_last <= min(last, caps[-1]):
                hits = [*combo, h_last]
                mean = 100 * sum(h / n for h, n in zip(hits, answers, strict=True)) / len(answers)
                if shows_as(mean, target, decimals):
                    spread = sum((h - share * n) ** 2 for h, n in zip(hits, answers, strict=True))
                    best.append((spread, rng.random(), hits))
    if not best:
        raise ValueError(f"no hits per group show as {target} with answers {answers}")
    return min(best)[2]
