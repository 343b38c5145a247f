"""The notebook cache: keyed on parameters, input data and code; a hit starts no kernel.

Known gap of jupyter-cache (and of Quarto's freeze): a key on the code cells alone reuses stale
outputs after a data or parameter change. These tests show each of those changes re-executes
exactly what it should, and that nothing changed re-executes nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import papermill
import pytest

from helpers.build import cache, pipeline
from helpers.config.settings import load_settings
from helpers.notebooks.inputs import NOTEBOOK_TABLES
from helpers.paths import DATA_DIR

NOTEBOOK = Path(pipeline.NOTEBOOKS_DIR) / "04_formation.ipynb"


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("README.md"))
    return copy


def test_key_covers_parameters_inputs_and_code(data):
    params = {"year": 2022, "scope": "ATE", "data_dir": str(data), "output_dir": "/x"}
    key = cache.run_key("04_formation", params, data, "code")
    assert cache.run_key("04_formation", {**params, "output_dir": "/y"}, data, "code") == key
    assert cache.run_key("04_formation", {**params, "scope": "DDT"}, data, "code") != key
    assert cache.run_key("04_formation", params, data, "other code") != key
    (data / "2022" / "presse.csv").write_bytes((data / "2022" / "presse.csv").read_bytes() + b"\r\n")
    assert cache.run_key("04_formation", params, data, "code") == key, "another source's file"
    training = data / "2021" / "formations.csv"
    training.write_bytes(training.read_bytes().replace(b"AG-", b"AG-9", 1))
    assert cache.run_key("04_formation", params, data, "code") != key, "last year's file is read too"


def test_input_files_are_the_notebooks_tables():
    files = {p.relative_to(DATA_DIR).as_posix() for p in cache.input_files("01_enquete_satisfaction", 2022, DATA_DIR)}
    assert {"2022/enquete_satisfaction.csv", "2021/enquete_satisfaction.xlsx", "2022/annee.yaml"} <= files
    assert not any("registre" in f for f in files)
    synthesis = cache.input_files("07_synthese", 2022, DATA_DIR)
    assert any(p.name.startswith("registre") for p in synthesis) and any(p.name == "formations.csv" for p in synthesis)


def test_the_page_views_are_read_by_the_communication_notebook_and_the_synthesis(data):
    params = {"year": 2022, "scope": "ATE", "data_dir": str(data), "output_dir": "/x"}
    keys = {notebook: cache.run_key(notebook, params, data, "code") for notebook in NOTEBOOK_TABLES}
    hits = data / "2022" / "site_internet_pages_vues.csv"
    hits.write_text("date;id_visiteur;rubrique\n03/01/2022 10:00:00;a1f3;Eau\n", encoding="utf-8")
    assert hits in cache.input_files("05_communication", 2022, data)
    changed = {notebook for notebook, key in keys.items() if cache.run_key(notebook, params, data, "code") != key}
    assert changed == {"05_communication", "07_synthese"}


def test_rebuilds_execute_exactly_what_changed(data, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "WORK_DIR", tmp_path / "work")
    code = cache.code_digest()
    monkeypatch.setattr(pipeline, "code_digest", lambda: code)  # the digest of this checkout, read once
    settings = load_settings()

    def build(scope="ATE"):
        return pipeline.build_reports(2022, [scope], settings, data_dir=data, out_dir=tmp_path / "out",
                                      formats=("html",), progress=lambda text: None,
                                      cache_dir=tmp_path / "cache", workers=2)

    def names(runs):
        return sorted(name.split(".ipynb")[0] for name in runs)

    first = build()
    assert len(first.executed) == 7 and first.cached == []

    # Nothing changed: everything comes from the cache, no kernel is started, outputs are restored.
    shutil.rmtree(tmp_path / "work")
    calls = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append(a))
    warm = build()
    assert warm.executed == [] and len(warm.cached) == 7 and calls == []
    assert (tmp_path / "work" / "2022-ate" / "04_formation" / "indicateurs-training.csv").exists()
    assert warm.outputs["ATE"]["html"].read_bytes() == first.outputs["ATE"]["html"].read_bytes()
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "WORK_DIR", tmp_path / "work")
    monkeypatch.setattr(pipeline, "code_digest", lambda: code)

    # One source's data changed: that source's notebook and the synthesis, nothing else.
    training = data / "2022" / "formations.csv"
    training.write_bytes(training.read_bytes().replace(b"AG-", b"AG-9", 1))
    changed = build()
    assert names(changed.executed) == ["04_formation", "07_synthese"]

    # A parameter changed: every notebook of that run.
    other_scope = build("DDT")
    assert len(other_scope.executed) == 7

    # The helpers' code changed: every notebook again.
    monkeypatch.setattr(pipeline, "code_digest", lambda: "changed helpers")
    assert len(build().executed) == 7


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps TCP")
def test_kernels_started_together_cannot_take_the_same_address(tmp_path):
    """Each kernel listens on Unix sockets in its own job folder, not on TCP ports picked before it binds them."""
    first, second = (pipeline.kernel_config(tmp_path / job)["KernelManager"] for job in ("a", "b"))
    assert first["transport"] == second["transport"] == "ipc"
    assert first["ip"] == str(tmp_path / "a" / "kernel") and second["ip"] == str(tmp_path / "b" / "kernel")


def test_force_reexecutes_everything(data, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "WORK_DIR", tmp_path / "work")
    calls = []

    def fake_execute(source, target, **kwargs):  # no kernel: copy the prepared notebook as "executed"
        calls.append(Path(source).name)
        shutil.copy(source, target)  # the prepared notebook stands for the executed one

    monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
    jobs_cache = cache.NotebookCache(tmp_path / "cache")
    params = {"year": 2022, "scope": "ATE", "data_dir": str(data), "output_dir": str(tmp_path / "work" / "nb")}
    job = pipeline.Job("ATE", cache.prepare(NOTEBOOK, params, data, "code"), tmp_path / "stage" / NOTEBOOK.name)
    result = pipeline.BuildResult()
    pipeline.execute_all([job], jobs_cache, False, 1, lambda text: None, result)
    again = pipeline.BuildResult()
    pipeline.execute_all([job], jobs_cache, False, 1, lambda text: None, again)
    forced = pipeline.BuildResult()
    pipeline.execute_all([job], jobs_cache, True, 1, lambda text: None, forced)
    assert (len(result.executed), len(again.cached), len(forced.executed)) == (1, 1, 1)
    assert len(calls) == 2


def test_a_settings_override_changes_the_key(tmp_path, monkeypatch):
    from helpers.config.settings import SETTINGS_ENV, load_settings

    before = cache.code_digest()
    override = tmp_path / "reglages.yaml"
    override.write_text("survey:\n  satisfied_min_score: 7\n", encoding="utf-8")
    monkeypatch.setenv(SETTINGS_ENV, str(override))
    assert cache.code_digest() != before
    assert load_settings()["survey"]["satisfied_min_score"] == 7  # what the executed notebooks read
