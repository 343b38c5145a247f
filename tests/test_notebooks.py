"""The source notebooks: committed clean, parameterised, labelled for the report, and runnable.

nbval runs every notebook as committed (``make test`` collects ``notebooks/`` with
``--nbval-lax``) and compares the headline cells with their kept outputs; here papermill shows
that a notebook prints the build's figures and refuses an unknown parameter, and a regression
test shows that a changed data value makes the nbval check fail. Other years and every scope are
run by the builds of ``tests/test_consistency.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from helpers.config.settings import load_settings
from helpers.indicators import results as computed
from helpers.notebooks.notebook import PARAMETERS
from helpers.notebooks.refs import CHECK_MARK, kept, notebooks
from helpers.paths import DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOKS = notebooks()
NAMES = [p.stem for p in NOTEBOOKS]


def code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def options(cell: nbformat.NotebookNode) -> dict[str, str]:
    """Quarto cell options (``#| key: value`` lines at the top of the cell)."""
    found = {}
    for line in cell.source.splitlines():
        match = re.match(r"#\|\s*([\w-]+):\s*(.*)", line)
        if not match:
            break
        found[match.group(1)] = match.group(2).strip().strip('"')
    return found


def test_one_notebook_per_source_in_run_order():
    assert NAMES == ["01_enquete_satisfaction", "02_appels_mysteres", "03_reclamations_experiences",
                     "04_formation", "05_communication", "06_tableau_de_bord", "07_synthese"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_without_outputs_except_kept_references(path):
    for cell in code_cells(path):
        if kept(cell):
            assert cell.source.startswith(CHECK_MARK), "a kept cell is an nbval reference"
            assert cell.outputs, "a reference cell keeps its output (clu notebooks refresh)"
        else:
            assert not cell.outputs and cell.execution_count is None, f"output committed: {cell.source[:60]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_parameters_cell_comes_first(path):
    first = code_cells(path)[0]
    assert "parameters" in first.metadata.get("tags", [])
    names = re.findall(r"^(\w+) = ", first.source, re.M)
    assert tuple(names) == PARAMETERS, "run parameters only: the method is set in the configuration"
    assert sum(CHECK_MARK in c.source for c in code_cells(path)) >= 1, "no headline cell checked by nbval"


def test_report_outputs_are_labelled_captioned_and_described():
    labels = []
    for path in NOTEBOOKS:
        for cell in code_cells(path):
            opts = options(cell)
            if "label" not in opts:
                continue
            labels.append(opts["label"])
            if opts["label"].startswith("fig-"):
                assert opts.get("fig-cap") and len(opts.get("fig-alt", "")) > 40, f"{path.name} {opts['label']}"
            else:
                assert opts["label"].startswith("tbl-") and opts.get("tbl-cap"), f"{path.name} {opts['label']}"
    assert len(labels) == len(set(labels)), "labels must be unique across notebooks"
    assert sum(label.startswith("fig-") for label in labels) >= len(NOTEBOOKS) - 1


def run(path: Path, tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    executed = tmp_path / path.name
    papermill.execute_notebook(str(path), str(executed), parameters=parameters, cwd=str(NOTEBOOKS_DIR),
                               progress_bar=False, kernel_name="python3")
    return nbformat.read(executed, as_version=4)


def text_of(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/markdown", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name, source, indicator, shown", [
    ("01_enquete_satisfaction", "survey", "overall", "12,3\u00a0%"),
    ("07_synthese", "survey", "overall", "12,3\u00a0%"),
])
def test_a_notebook_shows_the_builds_figures_and_does_not_recompute_them(name, source, indicator, shown, tmp_path):
    """Given results whose figure differs from the data, the notebook prints the results' figure."""
    results = computed.from_folder(DATA_DIR, 2022, "ATE", load_settings())
    row = (results.table["source"] == source) & (results.table["indicator"] == indicator) & (
        results.table["year"] == 2022)
    results.table.loc[row, "value"] = 12.3
    folder = computed.save(results, tmp_path / "resultats")
    text = text_of(run(NOTEBOOKS_DIR / f"{name}.ipynb", tmp_path, results=str(folder))).replace("\\", "")
    assert shown in text
    assert "Taux de satisfaction général : 97,3\u00a0%" not in text, "the figure recomputed from the data"


def test_an_unknown_parameter_stops_the_notebook(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        run(NOTEBOOKS_DIR / "04_formation.ipynb", tmp_path, satisfied_min_score=8)
    assert caught.value.ename == "UnknownParameter"
    assert "paramètre(s) inconnu(s) : satisfied_min_score" in caught.value.evalue


def test_nbval_fails_when_a_figure_changes(tmp_path):
    """Regression: one score changed in a copy of the data makes the headline check fail."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("README.md"))
    notebook = NOTEBOOKS_DIR / "01_enquete_satisfaction.ipynb"

    def nbval(data_dir: Path) -> subprocess.CompletedProcess:
        env = {**os.environ, "CLU_DATA_DIR": str(data_dir)}
        return subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "--tb=long",
                               str(notebook)], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)

    assert nbval(data).returncode == 0, "the unchanged copy must pass"
    survey = data / "2022" / "enquete_satisfaction.csv"
    lines = survey.read_bytes().decode("cp1252").split("\r\n")
    header = lines[0].split(";")
    column = header.index("note_generale")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(";")
        if len(cells) > column and cells[column] in ("9", "10"):
            cells[column] = "2"
            lines[i] = ";".join(cells)
            break
    survey.write_bytes("\r\n".join(lines).encode("cp1252"))
    result = nbval(data)
    assert result.returncode != 0, "changing a score must change a checked headline figure"
    assert "Cell outputs differ" in result.stdout and "mismatch 'stdout'" in result.stdout, result.stdout[-2500:]
