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
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from helpers.report.formatting import fmt_date, fmt_number, fmt_percent, target_decimals

# Okabe-Ito palette: distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
TEXT = "#1a1a1a"
TARGET = "#D55E00"
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]


def use_house_style() -> None:
    """Apply the house style to every chart drawn afterwards.

    Text is never read as mathtext: a label from the data holding « $ » is drawn as written.
    """
    sns.set_theme(style="whitegrid", palette=PALETTE, font="DejaVu Sans", rc={
        "text.parse_math": False,
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


def _target_line(ax, target: float, vertical: bool) -> None:
    draw = ax.axvline if vertical else ax.axhline
    draw(target, color=TARGET, linestyle="--", linewidth=1.5,
         label=f"Cible : {fmt_percent(target, target_decimals(target))}")
    if vertical:
        # Below the tick labels and the axis label, whatever the chart's height (offset in inches).
        below = ax.transAxes + ScaledTranslation(0, -0.5, ax.figure.dpi_scale_trans)
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below, ncols=3)
    else:
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0, -0.08), ncols=3)


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


def count_bars(data: pd.DataFrame, label: str, value: str, title: str, xlabel: str, hue: str | None = None) -> Figure:
    """Horizontal bars of counts, each labelled with its count (French thousands separator)."""
    data = data.assign(**{label: _wrapped(data[label])})
    groups = data[hue].nunique() if hue else 1
    # Each bar of a group keeps a readable thickness; a legend row is added below the axis.
    height = 0.5 * data[label].nunique() * (1 + 0.35 * (groups - 1)) + 1.6 + (0.4 if hue else 0)
    fig, ax = plt.subplots(figsize=(9, height))
    sns.barplot(data=data, y=label, x=value, hue=hue, ax=ax, orient="h",
                palette=PALETTE[:groups] if hue else None, color=None if hue else PALETTE[0])
    for i, container in enumerate(ax.containers):
        if hue:  # each group also hatched, so that groups are not told by colour alone
            for patch in container:
                patch.set(hatch=HATCHES[i % len(HATCHES)], edgecolor="white")
        ax.bar_label(container, labels=[fmt_number(v) if v else "" for v in container.datavalues], padding=3,
                     fontsize=9)
    top = float(pd.to_numeric(data[value], errors="coerce").max())
    if top > 0:
        ax.set_xlim(0, top * 1.1)  # room for the count written after the longest bar
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    ax.set(xlabel=xlabel, ylabel="")
    if hue:
        below = ax.transAxes + ScaledTranslation(0, -0.5, fig.dpi_scale_trans)
        _handles, names = ax.get_legend_handles_labels()
        keys = [Patch(facecolor=PALETTE[i], hatch=HATCHES[i % len(HATCHES)], edgecolor="white", label=name)
                for i, name in enumerate(names)]
        ax.legend(handles=keys, title="", frameon=False, loc="upper left", bbox_to_anchor=(0, 0),
                  bbox_transform=below, ncols=min(groups, 4))
    _titled(fig, ax, title)
    return fig


def _month_axis(ax, months: pd.Index) -> None:
    """One tick per month, labelled with its French abbreviation (``janv.``, ``févr.``…)."""
    ax.set_xticks(range(len(months)))
    ax.set_xticklabels([fmt_date(m, "MMM") for m in months])


def monthly_lines(table: pd.DataFrame, title: str, ylabel: str) -> Figure:
    """One line per column of ``table`` (rows: months), markers of different shapes, named at the line's end."""
    fig, ax = plt.subplots(figsize=(9, 4.8))
    positions = range(len(table.index))
    ends = []
    for i, (name, values) in enumerate(table.items()):
        ax.plot(positions, values.astype("float64"), marker=MARKERS[i % len(MARKERS)], color=PALETTE[i % len(PALETTE)],
                linewidth=2, label=str(name))
        last = values.astype("float64").dropna()
        if len(last):
            ends.append((last.iloc[-1], table.index.get_loc(last.index[-1]), str(name), PALETTE[i % len(PALETTE)]))
    _month_axis(ax, table.index)
    ax.set_xlim(-0.5, len(table.index) - 0.5 + 1.2)
    ax.set_ylim(0, max(float(table.astype("float64").max().max()), 1.0) * 1.1)
    # Names at the lines' ends, pushed apart (at least one line of text) when the ends are close.
    step = (ax.get_ylim()[1] - ax.get_ylim()[0]) * 0.06
    placed: list[float] = []
    for y, x, name, colour in sorted(ends):
        at = max(y, placed[-1] + step) if placed else y
        placed.append(at)
        ax.annotate(name, (x, y), xytext=(x + 0.2, at), va="center", color=colour, fontweight="bold")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    ax.set(xlabel="", ylabel=ylabel)
    _titled(fig, ax, title)
    return fig


def monthly_stacked_bars(table: pd.DataFrame, title: str, ylabel: str) -> Figure:
    """Bars per month (rows of ``table``) stacked by column, each part hatched, the month's total on top."""
    fig, ax = plt.subplots(figsize=(9, 4.8))
    positions = list(range(len(table.index)))
    bottom = pd.Series(0.0, index=table.index)
    for i, (name, values) in enumerate(table.items()):
        values = values.astype("float64").fillna(0)
        ax.bar(positions, values, bottom=bottom, color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)],
               edgecolor="white", linewidth=0.8, label=str(name), width=0.7)
        bottom = bottom + values
    for x, total in zip(positions, bottom, strict=True):
        ax.text(x, total, fmt_number(total), ha="center", va="bottom", fontsize=9, fontweight="bold")
    _month_axis(ax, table.index)
    ax.set_ylim(0, max(bottom.max(), 1) * 1.12)
    ax.grid(axis="x", visible=False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    ax.set(xlabel="", ylabel=ylabel)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0, -0.08), ncols=len(table.columns))
    _titled(fig, ax, title)
    return fig


def target_bars(data: pd.DataFrame, label: str, value: str, target: str, met: str, title: str,
                xlabel: str = "Résultat de l'année", decimals: str | None = None) -> Figure:
    """Horizontal bars of rates (0-100), each with its own target as a black tick.

    Bars of a met target are plain blue, the others hatched orange, and the legend says which
    is which, so the status is never told by colour alone. Each value is written on its bar, with
    the decimals of the ``decimals`` column (one decimal without it).
    """
    data = data.assign(**{label: _wrapped(data[label], 62)}).reset_index(drop=True)
    lines = data[label].str.count("\n") + 1
    fig, ax = plt.subplots(figsize=(10, 0.17 * lines.sum() + 0.3 * len(data) + 1.6))
    positions = list(range(len(data)))
    reached = data[met].astype(bool)
    ax.barh(positions, data[value].astype("float64"), color=[PALETTE[0] if r else PALETTE[1] for r in reached],
            hatch=[None if r else "//" for r in reached], edgecolor="white", height=0.7)
    places = data[decimals] if decimals else pd.Series(1, index=data.index)
    for y, (rate, ok, digits) in enumerate(zip(data[value], reached, places, strict=True)):
        if pd.notna(rate):
            inside = rate >= 15
            ax.text(1.5 if inside else rate + 1, y, fmt_percent(rate, int(digits)), ha="left", va="center",
                    color="white" if inside and ok else TEXT, fontweight="bold", fontsize=9)
    ax.scatter(data[target].astype("float64"), positions, marker="|", s=500, linewidths=2.5, color=TEXT, zorder=3)
    ax.set_yticks(positions)
    ax.set_yticklabels(data[label])
    ax.invert_yaxis()
    ax.set_xlim(0, 105)
    _percent_axis(ax.xaxis)
    ax.set(xlabel=xlabel, ylabel="")
    handles = [Patch(facecolor=PALETTE[0], label="Cible atteinte"),
               Patch(facecolor=PALETTE[1], hatch="//", edgecolor="white", label="Cible non atteinte"),
               Line2D([], [], marker="|", linestyle="", markersize=14, markeredgewidth=2.5, color=TEXT, label="Cible")]
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.6 / fig.get_figheight()),
              ncols=3)
    _titled(fig, ax, title)
    return fig
