"""One figure, one computation: every output of a build shows the same values, for every scope.

A build of every scope is rendered (HTML) with the methodology overridden on the command line
(the satisfied threshold, the survey target's operator and value, the complaints deadlines), and
a build of another year with the default settings. For each report: every row of the evolution
tables, of the key figures and of the watch list equals the build's record of that indicator
(value and status), the prose quotes the same values, the CSVs are the build's tables, and the
charts' titles count the same statuses as the tables. The overrides must change the figures.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers.build.pipeline import build_reports, slug
from helpers.config.settings import load_settings, resolve, scopes
from helpers.data.contract import SOURCES
from helpers.indicators import results as computed
from helpers.indicators.results import from_folder
from helpers.paths import DATA_DIR, NOTEBOOKS_DIR
from helpers.report.export import write_indicators
from helpers.report.formatting import fmt_value, plural, round_half_up
from helpers.report.tables import STATUS_FR
from helpers.report.variables import variables

OVERRIDES = ["survey.satisfied_min_score=9", "targets.survey.op=>", "targets.survey.value=97.3",
             *(f"complaints.deadline_working_days.{channel}={days}" for channel, days in (
                 ("courriel", 2), ("formulaire web", 2), ("plateforme SP+", 2), ("courrier", 3), ("urne", 3)))]
# The evolution tables of the notebooks, and the source whose records they show.
EVOLUTION_TABLES = {"tbl-satisfaction-annees": "survey", "tbl-appels-annees": "mystery_calls",
                    "tbl-reclamations-delais": "complaints"}
# Every scope of the last year with the overrides; the earlier years with the defaults (fewer scopes: time).
BUILDS = {"2022-overridden": (2022, OVERRIDES, None), "2021-default": (2021, [], ["ATE", "Préfecture"]),
          "2020-default": (2020, [], ["ATE"])}


def plain(text: str) -> str:
    """Text as compared: typographic apostrophes and non-breaking spaces made plain, spaces collapsed."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").split())


def shown(row: pd.Series | None) -> str:
    if row is None or pd.isna(row["value"]):
        return ""
    return plain(fmt_value(float(row["value"]), row["unit"], int(row["decimals"])))


def shown_forms(row: pd.Series | None) -> tuple[str, ...]:
    """The record as shown, and as a table column with more decimals shows it when they are only zeros
    (« 100,0 % » beside « 97,4 % »: helpers.report.tables.column_decimals); never another figure."""
    if row is None or pd.isna(row["value"]):
        return ("",)
    value, own = float(row["value"]), int(row["decimals"])
    return tuple(plain(fmt_value(value, row["unit"], d)) for d in range(own, 3)
                 if round_half_up(value, d) == round_half_up(value, own))


@pytest.fixture(scope="module", params=list(BUILDS))
def build(request, tmp_path_factory):
    year, overrides, chosen = BUILDS[request.param]
    settings = resolve(None, overrides)
    chosen = chosen or scopes(settings)
    root = tmp_path_factory.mktemp(request.param)
    result = build_reports(year, chosen, settings, data_dir=DATA_DIR, out_dir=root / "out",
                           formats=("html",), progress=lambda text: None, cache_dir=root / "cache")
    figures = {scope: from_folder(DATA_DIR, year, scope, settings) for scope in chosen}
    return {"year": year, "settings": settings, "outputs": result.outputs, "figures": figures, "root": root}


def tables_of(html: Path) -> dict[str, list[dict[str, str]]]:
    """Every table of a report by id: its rows as {header: cell text}."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    found = {}
    for table in soup.find_all("table"):
        rows = table.find_all("tr")
        if not rows or not table.get("id"):
            continue
        header = [plain(c.get_text(" ", strip=True)) for c in rows[0].find_all(["th", "td"])]
        found[table["id"]] = [dict(zip(header, (plain(c.get_text(" ", strip=True)) for c in r.find_all(["th", "td"])),
                                       strict=False)) for r in rows[1:]]
    return found


def by_label(results: computed.Results, source: str, year: int) -> dict[str, pd.Series]:
    rows = results.of(source, year)
    return {plain(label): row for label, (_, row) in zip(rows["label"], rows.iterrows(), strict=True)}


def test_every_table_row_is_the_builds_record(build):
    year = build["year"]
    checked = 0
    for scope, outputs in build["outputs"].items():
        results, tables = build["figures"][scope], tables_of(outputs["html"])
        text = plain(BeautifulSoup(outputs["html"].read_text(encoding="utf-8"), "html.parser").get_text(" "))
        for table_id, source in EVOLUTION_TABLES.items():
            for row in tables.get(table_id, []):
                label = next(iter(row.values()))
                for y in results.years(source):
                    record = by_label(results, source, y).get(label)
                    if f"Résultats {y}" in row and record is not None:
                        expected = (*shown_forms(record), "aucune réponse", "non diffusé")
                        assert row[f"Résultats {y}"] in expected, (scope, table_id, label, y)
                status = STATUS_FR[by_label(results, source, year)[label]["status"]]
                if f"Cible atteinte en {year}" in row:
                    assert row[f"Cible atteinte en {year}"] == status, (scope, table_id, label)
                else:  # one status on every row: said once under the table (tables.without_constant_columns)
                    assert f"Cible atteinte en {year} : {status}" in text, (scope, table_id, label)
                checked += 1
        for table_id, value_column in (("tbl-synthese-chiffres-cles", "Valeur"),
                                       ("tbl-synthese-vigilance", f"Valeur {year}")):
            for row in tables.get(table_id, []):
                if list(row) == ["Indicateurs à surveiller"]:  # an empty watch list says so (tables.message)
                    continue
                if "Source" in row:
                    source = next(s for s, name in SOURCES.items() if plain(name) == row["Source"])
                else:  # one source on every row: said under the table, the label names the record
                    source = next(s for s in SOURCES if row["Indicateur"] in by_label(results, s, year))
                record = by_label(results, source, year)[row["Indicateur"]]
                assert row[value_column] in shown_forms(record), (scope, table_id, row["Indicateur"])
                checked += 1
    assert checked > 5 * len(build["outputs"])


def test_the_prose_quotes_the_builds_values(build):
    for scope, outputs in build["outputs"].items():
        results = build["figures"][scope]
        text = plain(BeautifulSoup(outputs["html"].read_text(encoding="utf-8"), "html.parser").get_text(" "))
        quoted = variables(results, build["settings"])["v"]
        for source, indicator in (("survey", "overall"), ("mystery_calls", "svi"),
                                  ("complaints", "complaints_answered_in_time"), ("training", "agents_trained_total")):
            value = quoted.get(source, {}).get(indicator)
            if value is not None and results.record(source, indicator) is not None:
                assert plain(value) in text, (scope, source, indicator, value)


def test_the_csvs_are_the_builds_tables(build, tmp_path):
    for scope, outputs in build["outputs"].items():
        results = build["figures"][scope]
        for kind, frame in (("csv", results.table), ("watch", results.watch)):
            expected = write_indicators(frame, tmp_path / f"{slug(scope)}-{kind}.csv")
            assert outputs[kind].read_bytes() == expected.read_bytes(), (scope, kind)


def test_the_overrides_change_the_figures_everywhere(build):
    if build["year"] != 2022:
        pytest.skip("the default build is the reference")
    default = from_folder(DATA_DIR, 2022, "ATE", load_settings())
    overridden = build["figures"]["ATE"]
    for source, indicator in (("survey", "overall"), ("complaints", "complaints_answered_in_time")):
        assert overridden.record(source, indicator)["value"] != default.record(source, indicator)["value"]
    assert overridden.record("survey", "overall")["target_op"] == ">"
    watched = set(zip(overridden.watch["source"], overridden.watch["indicator"], strict=True))
    assert ("survey", "overall") in watched, "below the overridden target: on the watch list"
    rows = {r["Critère"]: r for r in tables_of(build["outputs"]["ATE"]["html"])["tbl-satisfaction-annees"]}
    assert rows["Taux de satisfaction général"]["Résultats 2022"] == shown(overridden.record("survey", "overall"))


def test_a_service_without_some_data_says_so(build):
    if "DDT" not in build["outputs"]:
        pytest.skip("DDT is built with the last year")
    text = plain(BeautifulSoup(build["outputs"]["DDT"]["html"].read_text(encoding="utf-8"), "html.parser").get_text())
    assert "Données non fournies : pas d'enquête de satisfaction pour ce périmètre en 2022" in text


@pytest.mark.parametrize("notebook, source", [("01_enquete_satisfaction", "survey"),
                                              ("02_appels_mysteres", "mystery_calls")])
@pytest.mark.parametrize("scope", ["ATE", "Préfecture"])
def test_chart_titles_count_the_statuses_the_tables_show(build, notebook, source, scope, tmp_path):
    if build["year"] != 2022:
        pytest.skip("checked on the overridden build")
    results = build["figures"][scope]
    folder = computed.save(results, tmp_path / "resultats")
    config = tmp_path / "reglages.yaml"
    config.write_text(yaml.safe_dump(build["settings"], allow_unicode=True), encoding="utf-8")
    nb = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('print("TITRE", fig.get_suptitle())'))
    source_nb = tmp_path / f"{notebook}.ipynb"
    nbformat.write(nb, source_nb)
    papermill.execute_notebook(str(source_nb), str(tmp_path / "out.ipynb"), cwd=str(NOTEBOOKS_DIR),
                               parameters={"scope": scope, "config": str(config), "results": str(folder)},
                               progress_bar=False, kernel_name="python3")
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    title = next(o["text"] for o in executed.cells[-1].outputs if "TITRE" in o.get("text", ""))
    rows = results.of(source)
    rated = rows[rows["unit"] == "%"]
    missed = int((rated["status"] == "not met").sum())
    if source == "survey":  # « 9 critères à la cible sur 10 ; … » (synthesis.trend_finding)
        judged = rated[rated["status"].isin(["met", "not met"])]
        met = int((judged["status"] == "met").sum())
        head = "aucun critère" if met == 0 else plural(met, "critère")
        assert plain(f"{head} à la cible sur {len(judged)}") in plain(title), title
    elif missed == 0:
        assert "atteignent la cible" in title or "Tous" in title, title
    else:  # « cible … non atteinte pour : SVI, après transfert »
        named = title.split("pour :", 1)[-1]
        sections = build["settings"]["mystery_calls"]["sections"]
        assert sum(section in named for section in sections) == missed, title
