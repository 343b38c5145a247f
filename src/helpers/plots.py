"""House style of the charts: colour-blind-safe palette, French number formats, stated findings.

Every plotting function takes prepared data and returns a matplotlib Figure (it never loads
data nor shows the figure). Values are written on the bars and targets drawn as a labelled
line, so nothing is said by colour alone.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from helpers.formatting import fmt_number, fmt_percent

# Okabe-Ito palette: distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
TEXT = "#1a1a1a"
TARGET = "#D55E00"


def use_house_style() -> None:
    """Apply the house style to every chart drawn afterwards."""
    sns.set_theme(style="whitegrid", palette=PALETTE, font="DejaVu Sans", rc={
        "figure.dpi": 100, "savefig.dpi": 150, "figure.figsize": (8, 4.5), "axes.titlesize": 13,
        "axes.titleweight": "bold", "axes.labelcolor": TEXT, "text.color": TEXT, "xtick.color": TEXT,
        "ytick.color": TEXT, "axes.titlelocation": "left", "svg.hashsalt": "clu", "figure.autolayout": True,
    })


def _percent_axis(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_percent(v, decimals)))


def _wrapped(labels: pd.Series, width: int = 34) -> pd.Series:
    return labels.map(lambda text: textwrap.fill(str(text), width))


def _titled(fig: Figure, ax, title: str) -> None:
    """The finding as the figure's title, aligned on the figure's left edge."""
    ax.set_title("")
    fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")


def _target_line(ax, target: float, vertical: bool, decimals: int = 0) -> None:
    draw = ax.axvline if vertical else ax.axhline
    draw(target, color=TARGET, linestyle="--", linewidth=1.5, label=f"Cible : {fmt_percent(target, decimals)}")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0, -0.12 if vertical else -0.08), ncols=3)


def rate_bars(data: pd.DataFrame, label: str, value: str, title: str, target: float | None = None,
              xlabel: str = "Taux de satisfaction") -> Figure:
    """Horizontal bars of rates (0-100), each labelled with its value; the target as a dashed line."""
    data = data.assign(**{label: _wrapped(data[label])})
    height = 0.5 * len(data) + 1.6
    fig, ax = plt.subplots(figsize=(9, height))
    sns.barplot(data=data, y=label, x=value, color=PALETTE[0], ax=ax, orient="h")
    for patch, rate in zip(ax.patches, data[value], strict=False):
        if pd.notna(rate):
            inside = patch.get_width() >= 15
            ax.text(1.5 if inside else patch.get_width() + 1, patch.get_y() + patch.get_height() / 2,
                    fmt_percent(rate, 1), ha="left", va="center", color="white" if inside else TEXT,
                    fontweight="bold", fontsize=9)
    if target is not None:
        _target_line(ax, target, vertical=True)
    ax.set_xlim(0, 100)
    _percent_axis(ax.xaxis)
    ax.set(xlabel=xlabel, ylabel="")
    _titled(fig, ax, title)
    return fig


def yearly_lines(data: pd.DataFrame, year: str, value: str, series: str, title: str, ylabel: str,
                 percent: bool = True, target: float | None = None) -> Figure:
    """One line per series over the years, with markers of different shapes and direct labels."""
    fig, ax = plt.subplots()
    sns.lineplot(data=data, x=year, y=value, hue=series, style=series, markers=True, dashes=False, ax=ax,
                 palette=PALETTE[: data[series].nunique()])
    ax.set_xticks(sorted(data[year].unique()))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(v)}"))
    if percent:
        _percent_axis(ax.yaxis)
    else:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    ax.set(xlabel="", ylabel=ylabel)
    ax.legend(title="", frameon=False, loc="best")
    if target is not None:
        _target_line(ax, target, vertical=False)
    _titled(fig, ax, title)
    return fig


def count_bars(data: pd.DataFrame, label: str, value: str, title: str, xlabel: str, hue: str | None = None) -> Figure:
    """Horizontal bars of counts, each labelled with its count (French thousands separator)."""
    data = data.assign(**{label: _wrapped(data[label])})
    fig, ax = plt.subplots(figsize=(9, 0.5 * data[label].nunique() + 1.6))
    sns.barplot(data=data, y=label, x=value, hue=hue, ax=ax, orient="h",
                palette=PALETTE[: data[hue].nunique()] if hue else None, color=None if hue else PALETTE[0])
    for container in ax.containers:
        ax.bar_label(container, labels=[fmt_number(v) if v else "" for v in container.datavalues], padding=3,
                     fontsize=9)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    ax.set(xlabel=xlabel, ylabel="")
    if hue:
        ax.legend(title="", frameon=False)
    _titled(fig, ax, title)
    return fig
