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


# Printed size: the PDF shows every chart at the text width (16.6 cm); a font is readable from 8 pt.
PRINT_WIDTH_IN = 16.6 / 2.54
MIN_PRINTED_PT = 8.0
WIDTH_IN = 8.0  # figure width of every chart: 10 pt in the figure prints at 8,2 pt
LABEL_PT = 10.0


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
    fig.suptitle(str(title).replace("'", "’"), x=0.01, ha="left", fontsize=13, fontweight="bold")


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
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    sns.barplot(data=data, y=label, x=value, color=PALETTE[0], ax=ax, orient="h")
    for patch, rate in zip(ax.patches, data[value], strict=False):
        if pd.notna(rate):
            inside = patch.get_width() >= 15
            ax.text(1.5 if inside else patch.get_width() + 1, patch.get_y() + patch.get_height() / 2,
                    fmt_percent(rate, 1), ha="left", va="center", color="white" if inside else TEXT,
                    fontweight="bold", fontsize=LABEL_PT)
    if target is not None:
        _target_line(ax, target, vertical=True)
    ax.set_xlim(0, 100)
    _percent_axis(ax.xaxis)
    ax.set(xlabel=xlabel, ylabel="")
    _titled(fig, ax, title)
    return fig


def count_bars(data: pd.DataFrame, label: str, value: str, title: str, xlabel: str, hue: str | None = None) -> Figure:
    """Horizontal bars of counts, each labelled with its count (French thousands separator).

    A ``hue`` group without any count is left out: the legend names only the groups drawn.
    """
    if hue:
        data = data[pd.to_numeric(data[value], errors="coerce").fillna(0).groupby(data[hue]).transform("sum") > 0]
    data = data.assign(**{label: _wrapped(data[label])})
    groups = data[hue].nunique() if hue else 1
    # Each bar of a group keeps a readable thickness; a legend row is added below the axis.
    height = 0.5 * data[label].nunique() * (1 + 0.35 * (groups - 1)) + 1.6 + (0.4 if hue else 0)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    sns.barplot(data=data, y=label, x=value, hue=hue, ax=ax, orient="h",
                palette=PALETTE[:groups] if hue else None, color=None if hue else PALETTE[0])
    for i, container in enumerate(ax.containers):
        if hue:  # each group also hatched, so that groups are not told by colour alone
            for patch in container:
                patch.set(hatch=HATCHES[i % len(HATCHES)], edgecolor="white")
        ax.bar_label(container, labels=[fmt_number(v) if v else "" for v in container.datavalues], padding=3,
                     fontsize=LABEL_PT)
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
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.8))
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


def printed_font_sizes(fig: Figure, width_in: float = PRINT_WIDTH_IN) -> list[float]:
    """The size in points of every visible, non-empty text of ``fig`` once printed ``width_in`` wide."""
    fig.canvas.draw()  # tick labels exist once drawn
    scale = width_in / fig.get_figwidth()
    return [text.get_fontsize() * scale for text in fig.findobj(lambda a: hasattr(a, "get_text")
                                                                and hasattr(a, "get_fontsize"))
            if text.get_visible() and str(text.get_text()).strip()]


def legend_labels(fig: Figure) -> list[str]:
    """The entries of every legend of ``fig`` (figure and axes legends), in drawing order."""
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.findobj(lambda a: hasattr(a, "get_legend")
                                                                     and hasattr(a, "plot")))]
    for sub in getattr(fig, "subfigs", []):
        legends += sub.legends
    return [t.get_text() for legend in legends if legend is not None for t in legend.get_texts()]


def _short_title(text: str, width: int, lines: int) -> str:
    """``text`` wrapped to ``width`` characters on at most ``lines`` lines (« … » at the cut)."""
    return textwrap.fill(str(text).replace("'", "’"), width, max_lines=lines, placeholder=" …")


def _dips(values: pd.Series, at: object) -> bool:
    """True when the value at ``at`` is lower than each neighbour it has: its label goes under the point,
    so that it does not run into the label of a higher neighbour."""
    position = list(values.index).index(at)
    neighbours = [values.iloc[i] for i in (position - 1, position + 1) if 0 <= i < len(values)]
    neighbours = [n for n in neighbours if pd.notna(n)]
    return bool(neighbours) and all(values.iloc[position] < n for n in neighbours)


def trend_panels(data: pd.DataFrame, title: str, ncols: int = 3, percent: bool = True,
                 panel_height: float = 1.9, title_width: int = 30, title_lines: int = 3) -> Figure:
    """Small multiples: one panel per indicator, its values over the years, its target as a dashed line.

    ``data`` has one row per panel x year: ``panel`` (the panel's title, panels in first-seen order),
    ``year``, ``value`` (NA: no value that year), ``unit``, ``decimals``, ``target_value`` (NA: no
    target) and optionally ``gap`` (what to write where a value is missing: « non suivi »…). A
    missing year is a gap in the line, never a zero. ``percent``: every panel on one 0-100 % axis;
    otherwise each panel has its own axis in its unit, from zero. Values are written at each point;
    the legend names only what is drawn (the « Cible » entry only when some panel has a target).
    """
    panels = list(dict.fromkeys(data["panel"]))
    years = sorted(int(y) for y in data["year"].unique())
    rows = -(-len(panels) // ncols)
    # Every panel keeps its years; the rates share one axis, named on the left column only.
    fig, axes = plt.subplots(rows, ncols, figsize=(WIDTH_IN, panel_height * rows + 1.1), squeeze=False,
                             sharey=percent, layout="constrained")
    has_target = False
    for ax, name in zip(axes.flat, panels, strict=False):
        rows_of = data[data["panel"] == name].set_index("year").reindex(years)
        values = pd.to_numeric(rows_of["value"], errors="coerce").astype("float64")
        unit = str(rows_of["unit"].dropna().iloc[0]) if rows_of["unit"].notna().any() else ""
        places = int(rows_of["decimals"].dropna().iloc[0]) if rows_of["decimals"].notna().any() else 0
        ax.plot(years, values, color=PALETTE[0], marker="o", linewidth=2, markersize=6, zorder=3)
        targets = pd.to_numeric(rows_of["target_value"], errors="coerce").astype("float64").dropna()
        if len(targets):
            has_target = True
            ax.axhline(float(targets.iloc[-1]), color=TARGET, linestyle="--", linewidth=1.5, zorder=2)
        top = 100.0 if percent else max(float(values.max()) if values.notna().any() else 1.0,
                                        float(targets.max()) if len(targets) else 0.0, 1.0)
        ax.set_ylim(0, top * 1.25)
        for year, value in values.items():
            if pd.notna(value):
                below = _dips(values, year) and value > top * 0.25  # room under the point, above the axis
                ax.annotate(fmt_number(value, places), (year, value), xytext=(0, -6 if below else 5),
                            textcoords="offset points", ha="center", va="top" if below else "bottom",
                            fontsize=LABEL_PT, fontweight="bold", color=TEXT)
            elif "gap" in rows_of and isinstance(rows_of.at[year, "gap"], str):
                ax.text(year, top * 0.06, rows_of.at[year, "gap"].replace(" ", "\n"), ha="center", va="bottom",
                        fontsize=LABEL_PT, fontstyle="italic", color=TEXT)
        if percent or unit == "%":
            _percent_axis(ax.yaxis)
        else:
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
            ax.set_ylabel(unit, fontsize=LABEL_PT)
        ax.yaxis.set_major_locator(MaxNLocator(3))
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        ax.tick_params(labelsize=LABEL_PT)
        ax.set_title(_short_title(name, title_width, title_lines), fontsize=LABEL_PT, fontweight="bold", loc="left")
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    handles = [Line2D([], [], color=PALETTE[0], marker="o", linewidth=2, label="Valeur de l’année")]
    if has_target:
        handles.append(Line2D([], [], color=TARGET, linestyle="--", linewidth=1.5, label="Cible"))
    fig.legend(handles=handles, loc="outside lower left", frameon=False, ncols=len(handles), fontsize=LABEL_PT + 1)
    fig.suptitle(str(title).replace("'", "’"), x=0.01, ha="left", fontsize=12, fontweight="bold")
    return fig


def stacked_months(table: pd.DataFrame, title: str, ylabel: str) -> Figure:
    """Bars per month (rows of ``table``, first days of months) stacked by column, at A4 width.

    Columns without any entry are left out, so the legend names only the series drawn; each part
    is hatched as well as coloured, and the month's total is written on top of its bar.
    """
    drawn = table.loc[:, (table.astype("float64").fillna(0) != 0).any()]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.2), layout="constrained")
    positions = list(range(len(table.index)))
    bottom = pd.Series(0.0, index=table.index)
    for i, (name, values) in enumerate(drawn.items()):
        values = values.astype("float64").fillna(0)
        ax.bar(positions, values, bottom=bottom, color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)],
               edgecolor="white", linewidth=0.8, label=str(name), width=0.7)
        bottom = bottom + values
    for x, total in zip(positions, bottom, strict=True):
        if total:
            ax.text(x, total, fmt_number(total), ha="center", va="bottom", fontsize=LABEL_PT, fontweight="bold")
    _month_axis(ax, table.index)
    ax.tick_params(labelsize=LABEL_PT)
    ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    ax.set_xlabel("")
    ax.set_ylabel(ylabel, fontsize=LABEL_PT)
    if len(drawn.columns):
        fig.legend(loc="outside lower left", frameon=False, ncols=len(drawn.columns), fontsize=LABEL_PT + 1)
    fig.suptitle(str(title).replace("'", "’"), x=0.01, ha="left", fontsize=12, fontweight="bold")
    return fig
