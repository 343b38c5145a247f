"""The notebook cache: keyed on the snapshot's bytes, the configuration, the figures and the code.

Known gap of jupyter-cache (and of Quarto's freeze): a key on the code cells alone reuses stale
outputs after a data or setting change. These tests show each of those changes re-executes
exactly what it should, that nothing changed re-executes nothing, and that a damaged entry is
run again rather than breaking the build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import papermill
import pytest

from helpers.build import cache, pipeline, snapshot
from helpers.config.settings import load_settings, resolve
from helpers.notebooks.inputs import NOTEBOOK_TABLES
from helpers.paths import DATA_DIR

NOTEBOOK = Path(pipeline.NOTEBOOKS_DIR) / "04_formation.ipynb"
YEARS = [2019, 2020, 2021, 2022]


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("README.md"))
    return copy


def key(notebook: str, data: Path, folder: Path, settings: dict | None = None, scope: str = "ATE",
        code: str = "code", figures: str = "figures") -> str:
    """The key of a notebook run on a fresh snapshot of ``data`` taken in ``folder``."""
    shutil.rmtree(folder, ignore_errors=True)
    snap = snapshot.take(YEARS, data, settings or load_settings(), folder)
    return cache.run_key(notebook, 2022, scope, snap, figures, code)


def test_key_covers_scope_inputs_configuration_figures_and_code(data, tmp_path):
    at = tmp_path / "snap"
    first = key("04_formation", data, at)
    assert key("04_formation", data, tmp_path / "elsewhere") == first, "the snapshot's place is not in the key"
    assert key("04_formation", data, at, scope="DDT") != first
    assert key("04_formation", data, at, code="other code") != first
    assert key("04_formation", data, at, figures="other figures") != first
    assert key("04_formation", data, at, settings=resolve(None, ["survey.satisfied_min_score=9"])) != first
    (data / "2022" / "presse.csv").write_bytes((data / "2022" / "presse.csv").read_bytes() + b"\r\n")
    assert key("04_formation", data, at) == first, "another source's file"
    training = data / "2021" / "formations.csv"
    training.write_bytes(training.read_bytes().replace(b"AG-", b"AG-9", 1))
    assert key("04_formation", data, at) != first, "last year's file is read too"


def test_input_files_are_the_notebooks_tables_in_the_snapshot(tmp_path):
    snap = snapshot.take(YEARS, DATA_DIR, load_settings(), tmp_path / "snap")
    files = {p.relative_to(snap.data_dir).as_posix() for p in cache.input_files("01_enquete_satisfaction", snap)}
    assert {"2022/enquete_satisfaction.csv", "2021/enquete_satisfaction.xlsx", "2022/annee.yaml"} <= files
    assert not any("registre" in f for f in files)
    synthesis = cache.input_files("07_synthese", snap)
    assert any(p.name.startswith("registre") for p in synthesis) and any(p.name == "formations.csv" for p in synthesis)


def test_the_page_views_are_read_by_the_communication_notebook_and_the_synthesis(data, tmp_path):
    keys = {notebook: key(notebook, data, tmp_path / "snap") for notebook in NOTEBOOK_TABLES}
    hits = data / "2022" / "site_internet_pages_vues.csv"
    hits.write_text("date;id_visiteur;rubrique\n03/01/2022 10:00:00;a1f3;Eau\n", encoding="utf-8")
    changed = {notebook for notebook, old in keys.items() if key(notebook, data, tmp_path / "snap") != old}
    assert changed == {"05_communication", "07_synthese"}


def test_figures_digest_covers_only_the_sources_a_notebook_shows(data):
    from helpers.indicators.results import from_folder

    table = from_folder(data, 2022, "ATE", load_settings()).table
    changed = table.copy()
    changed.loc[changed["source"] == "survey", "value"] += 1
    assert cache.results_digest("01_enquete_satisfaction", changed) != cache.results_digest("01_enquete_satisfaction",
                                                                                             table)
    assert cache.results_digest("04_formation", changed) == cache.results_digest("04_formation", table)
    assert cache.results_digest("07_synthese", changed) != cache.results_digest("07_synthese", table)


def fake_execute(calls: list[str]):
    """papermill without a kernel: the prepared notebook stands for the executed one."""
    def execute(source, target, **kwargs):
        calls.append(Path(source).name)
        shutil.copy(source, target)
    return execute


def job_for(tmp_path: Path, key: str = "k") -> pipeline.Job:
    params = {"year": 2022, "scope": "ATE", "data_dir": str(tmp_path / "snap" / "donnees"),
              "config": str(tmp_path / "snap" / "reglages.yaml"), "results": str(tmp_path / "res")}
    return pipeline.Job("ATE", cache.prepare(NOTEBOOK, params, key), tmp_path / "stage" / NOTEBOOK.name)


def run(jobs, store, force=False) -> pipeline.BuildResult:
    result = pipeline.BuildResult()
    pipeline.execute_all(jobs, store, force, 1, lambda text: None, result)
    return result


def test_force_reexecutes_everything(tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(papermill, "execute_notebook", fake_execute(calls))
    store = cache.NotebookCache(tmp_path / "cache")
    job = job_for(tmp_path)
    result, again, forced = run([job], store), run([job], store), run([job], store, force=True)
    assert (len(result.executed), len(again.cached), len(forced.executed)) == (1, 1, 1)
    assert len(calls) == 2


def test_build_paths_are_not_in_the_key_nor_in_the_restored_notebook(tmp_path, monkeypatch):
    monkeypatch.setattr(papermill, "execute_notebook", fake_execute([]))
    store = cache.NotebookCache(tmp_path / "cache")
    run([job_for(tmp_path / "first")], store)
    elsewhere = job_for(tmp_path / "second")
    assert run([elsewhere], store).cached, "same key, other temporary paths: a hit"
    restored = elsewhere.target.read_text(encoding="utf-8")
    assert str(tmp_path) not in restored and "clé de cache" in restored


def test_a_truncated_cache_entry_is_discarded_and_run_again(tmp_path, monkeypatch, caplog):
    calls: list[str] = []
    monkeypatch.setattr(papermill, "execute_notebook", fake_execute(calls))
    store = cache.NotebookCache(tmp_path / "cache")
    job = job_for(tmp_path)
    run([job], store)
    stored = [p for p in (tmp_path / "cache").rglob("*.ipynb")]
    assert len(stored) == 1
    stored[0].write_bytes(stored[0].read_bytes()[:200])  # a disk full during the save
    again = run([job], store)
    assert again.executed and not again.cached and len(calls) == 2
    assert "entrée illisible" in caplog.text
    assert run([job], store).cached, "the entry written again is whole"


def test_a_save_that_does_not_read_back_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(papermill, "execute_notebook", fake_execute([]))
    store = cache.NotebookCache(tmp_path / "cache")
    original = store.store.cache_notebook_bundle

    def truncating(bundle, **kwargs):  # the file is cut short while it is written
        record = original(bundle, **kwargs)
        for path in (tmp_path / "cache").rglob("*.ipynb"):
            path.write_bytes(path.read_bytes()[:100])
        return record

    monkeypatch.setattr(store.store, "cache_notebook_bundle", truncating)
    job = job_for(tmp_path)
    run([job], store)
    assert store.store.list_cache_records() == []
    monkeypatch.setattr(store.store, "cache_notebook_bundle", original)
    assert run([job], store).executed


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps TCP")
def test_kernels_started_together_cannot_take_the_same_address(tmp_path):
    """Each kernel listens on Unix sockets in its own job folder, not on TCP ports picked before it binds them."""
    first, second = (pipeline.kernel_config(tmp_path / job)["KernelManager"] for job in ("a", "b"))
    assert first["transport"] == second["transport"] == "ipc"
    assert first["ip"] == str(tmp_path / "a" / "kernel") and second["ip"] == str(tmp_path / "b" / "kernel")


def test_rebuilds_execute_exactly_what_changed(data, tmp_path, monkeypatch):
    code = cache.code_digest()
    monkeypatch.setattr(pipeline, "code_digest", lambda: code)  # the digest of this checkout, read once
    settings = load_settings()

    def build(scope="ATE", with_settings=settings):
        return pipeline.build_reports(2022, [scope], with_settings, data_dir=data, out_dir=tmp_path / "out",
                                      formats=("html",), progress=lambda text: None,
                                      cache_dir=tmp_path / "cache", workers=2)

    def names(runs):
        return sorted(name.split(".ipynb")[0] for name in runs)

    first = build()
    assert len(first.executed) == 7 and first.cached == []
    html = first.outputs["ATE"]["html"].read_bytes()

    # Nothing changed: everything comes from the cache, no kernel is started, the same report.
    calls = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append(a))
    warm = build()
    assert warm.executed == [] and len(warm.cached) == 7 and calls == []
    assert warm.outputs["ATE"]["html"].read_bytes() == html
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "code_digest", lambda: code)

    # One source's data changed: that source's notebook and the synthesis, nothing else.
    training = data / "2022" / "formations.csv"
    training.write_bytes(training.read_bytes().replace(b"AG-", b"AG-9", 1))
    assert names(build().executed) == ["04_formation", "07_synthese"]

    # A setting of the survey changed: the notebooks that show survey figures.
    nine = resolve(None, ["survey.satisfied_min_score=9"])
    assert names(build(with_settings=nine).executed) == sorted(NOTEBOOK_TABLES)  # the configuration is in every key

    # Another scope: every notebook of that run.
    assert len(build("DDT").executed) == 7

    # The helpers' code changed: every notebook again.
    monkeypatch.setattr(pipeline, "code_digest", lambda: "changed helpers")
    assert len(build().executed) == 7

