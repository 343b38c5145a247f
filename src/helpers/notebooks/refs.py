"""Keeping notebooks clean in git: outputs stripped, except the headline cells kept for nbval.

A cell whose metadata has ``keep_output: true`` (and whose source starts with
``# NBVAL_CHECK_OUTPUT``) keeps its stored output: nbval compares it with a fresh run, so a
headline figure never changes silently. ``refresh`` re-executes a notebook on the current data
and stores the new reference outputs; run it (``clu notebooks refresh``) only when a change of figure
is intended, and commit the diff with the reason.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat
import papermill

from helpers.paths import NOTEBOOKS_DIR

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"


def notebooks() -> list[Path]:
    """The source notebooks, in run order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def kept(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell whose output is kept on purpose as an nbval reference."""
    return cell.cell_type == "code" and bool(cell.metadata.get("keep_output"))


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove outputs and execution counts, except the outputs of kept cells."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if not kept(cell):
            cell.outputs = []
        else:
            # nbval only compares a reference cell that has an execution count: a fixed one.
            cell.execution_count = 1
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = 1
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    return nb


def refresh(path: Path) -> None:
    """Execute the notebook with its default parameters and store the kept cells' outputs."""
    source = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        executed_path = Path(tmp) / path.name
        papermill.execute_notebook(str(path), str(executed_path), cwd=str(path.parent),
                                   progress_bar=False)
        executed = nbformat.read(executed_path, as_version=4)
    by_id = {cell.get("id"): cell for cell in executed.cells}
    for cell in source.cells:
        if kept(cell):
            cell.outputs = by_id[cell.get("id")].outputs
    nbformat.write(strip(source), path)
