"""The charts on tiny inline frames: what is drawn, what the legend names, gaps, printed font sizes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from helpers.report import plots


@pytest.fixture(autouse=True)
def _style():
    plots.use_house_style()
    yield
    plt.close("all")


def panels(**overrides) -> pd.DataFrame:
    """Two indicators over three years; the first not tracked in 2020."""
    frame = pd.DataFrame({
        "panel": ["Accueil"] * 3 + ["Délai d'attente"] * 3,
        "year": [2020, 2021, 2022] * 2,
        "value": pd.array([None, 80.0, 90.0, 70.0, 75.0, 95.0], dtype="Float64"),
        "unit": "%", "decimals": 1,
        "target_value": pd.array([85.0] * 6, dtype="Float64"),
        "gap": ["non suivi", None, None, None, None, None],
    })
    return frame.assign(**overrides)


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))]


def test_trend_panels_draw_one_panel_per_indicator_with_its_target_and_a_gap_not_a_zero():
    fig = plots.trend_panels(panels(), "Titre")
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in shown] == ["Accueil", "Délai d’attente"]
    values = shown[0].lines[0].get_ydata()
    assert np.isnan(values[0]) and list(values[1:]) == [80.0, 90.0]  # 2020 is a gap, never 0
    targets = [line for line in shown[0].lines if line.get_linestyle() == "--"]
    assert len(targets) == 1 and list(targets[0].get_ydata()) == [85.0, 85.0]
    assert "non\nsuivi" in [t.get_text() for t in shown[0].texts]
    assert "0,0" not in [t.get_text() for t in shown[0].texts]
    assert plots.legend_labels(fig) == ["Valeur de l’année", "Cible"]


def test_a_value_lower_than_its_neighbours_is_labelled_under_its_point():
    """593 306, 314 183, 228 964, 681 201: the dip's label goes under it, clear of the label before it."""
    frame = pd.DataFrame({"panel": "Connexions", "year": [2019, 2020, 2021, 2022],
                          "value": pd.array([593306.0, 314183.0, 228964.0, 681201.0], dtype="Float64"),
                          "unit": "nombre", "decimals": 0, "target_value": pd.array([None] * 4, dtype="Float64"),
                          "gap": None})
    fig = plots.trend_panels(frame, "Titre", percent=False)
    (ax,) = [ax for ax in fig.axes if ax.get_visible()]
    placed = {t.get_text(): t.get_va() for t in ax.texts}
    assert placed == {"593\u202f306": "bottom", "314\u202f183": "bottom", "228\u202f964": "top",
                      "681\u202f201": "bottom"}


def test_trend_panels_name_no_target_in_the_legend_when_none_is_drawn():
    fig = plots.trend_panels(panels(target_value=pd.array([None] * 6, dtype="Float64")), "Titre")
    assert plots.legend_labels(fig) == ["Valeur de l’année"]
    assert not [line for ax in fig.axes for line in ax.lines if line.get_linestyle() == "--"]


def test_trend_panels_give_each_unit_its_own_axis_from_zero():
    frame = panels(unit=["jours"] * 3 + ["nombre"] * 3,
                   value=pd.array([None, 4.0, 6.0, 700.0, 750.0, 950.0], dtype="Float64"),
                   target_value=pd.array([5.0] * 3 + [None] * 3, dtype="Float64"))
    fig = plots.trend_panels(frame, "Titre", percent=False)
    first, second = [ax for ax in fig.axes if ax.get_visible()]
    assert first.get_ylim()[0] == 0 and first.get_ylim()[1] < 20 < second.get_ylim()[1]
    assert first.get_ylabel() == "jours" and second.get_ylabel() == "nombre"


def test_every_chart_prints_its_text_at_8_points_or_more_at_text_width():
    months = pd.date_range("2022-01-01", periods=12, freq="MS")
    monthly = pd.DataFrame({"Réclamations": range(12), "Remerciements": 0}, index=months)
    bars = pd.DataFrame({"label": ["Accueil", "Attente"], "value": [91.0, 80.0]})
    counts = pd.DataFrame({"Canal": ["courriel", "courriel", "urne", "urne"], "Nature": ["A", "B", "A", "B"],
                           "n": [3, 0, 1, 0]})
    for fig in (plots.trend_panels(panels(), "Titre"), plots.stacked_months(monthly, "Titre", "Écrits"),
                plots.rate_bars(bars, "label", "value", "Titre", target=85.0),
                plots.count_bars(counts, "Canal", "n", "Titre", "Écrits", hue="Nature")):
        assert min(plots.printed_font_sizes(fig)) >= plots.MIN_PRINTED_PT


def test_printed_sizes_shrink_with_a_wider_figure():
    fig, ax = plt.subplots(figsize=(plots.PRINT_WIDTH_IN * 2, 3))
    ax.set_title("Titre", fontsize=10)
    assert min(plots.printed_font_sizes(fig)) == pytest.approx(5.0)


def test_stacked_months_name_only_the_series_with_entries():
    months = pd.date_range("2022-01-01", periods=12, freq="MS")
    monthly = pd.DataFrame({"Réclamations": [1] * 12, "Suggestions": [0, 2] * 6, "Remerciements": 0}, index=months)
    fig = plots.stacked_months(monthly, "Titre", "Écrits")
    assert plots.legend_labels(fig) == ["Réclamations", "Suggestions"]
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["janv.", "févr."]
    assert "3" in [t.get_text() for t in ax.texts] and len(ax.patches) == 24


def test_count_bars_leave_an_empty_group_out_of_the_legend():
    counts = pd.DataFrame({"Canal": ["courriel", "courriel", "urne", "urne"],
                           "Nature": ["Réclamations", "Remerciements"] * 2, "n": [3, 0, 1, 0]})
    fig = plots.count_bars(counts, "Canal", "n", "Titre", "Écrits", hue="Nature")
    assert plots.legend_labels(fig) == ["Réclamations"]


def test_titles_get_typographic_apostrophes():
    fig = plots.stacked_months(pd.DataFrame({"A": [1]}, index=pd.date_range("2022-01-01", periods=1, freq="MS")),
                               "Écrits reçus par l'accueil", "Écrits")
    assert fig._suptitle.get_text() == "Écrits reçus par l’accueil"
