"""Nothing lost, nothing mixed: the build reads a snapshot, validates every year it compares, publishes all
or nothing, stops a concurrent build of the same report, and tells a notebook's error in French."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import papermill
import pytest

from helpers.build import pipeline, snapshot
from helpers.build.errors import NotebookFailed
from helpers.build.publish import BuildBusy, build_lock, publish
from helpers.config.settings import load_settings
from helpers.data.contract import ValidationFailed
from helpers.indicators import results as computed
from helpers.paths import DATA_DIR, PROJECT_ROOT

YEARS = [2019, 2020, 2021, 2022]


def digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, through the published links (hidden folders aside)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob("*/*")) + sorted(folder.glob("*"))
            if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")}


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("README.md"))
    return copy


def test_a_file_edited_after_the_snapshot_changes_nothing_in_the_build(data, tmp_path):
    settings = load_settings()
    snap = snapshot.take(YEARS, data, settings, tmp_path / "snap")
    before = computed.compute(pipeline.load_snapshot(snap, 2022, data, settings), 2022, "ATE", settings)
    register = data / "2022" / "formations.csv"
    register.write_bytes(register.read_bytes().replace(b"AG-", b"AG-9", 3))  # the analyst edits during the build
    after = computed.compute(pipeline.load_snapshot(snap, 2022, data, settings), 2022, "ATE", settings)
    assert after.table.equals(before.table), "the build reads its snapshot, not the live folder"
    copied = snap.data_dir / "2022" / "formations.csv"
    assert snap.digest(copied) == hashlib.sha256(copied.read_bytes()).hexdigest() != hashlib.sha256(
        register.read_bytes()).hexdigest(), "the cache key is the digest of the bytes read"
    again = snapshot.take(YEARS, data, settings, tmp_path / "snap2")
    assert again.digest(again.data_dir / "2022" / "formations.csv") != snap.digest(copied), "the next build sees it"


def test_the_snapshot_holds_the_resolved_configuration(data, tmp_path):
    from helpers.config.settings import resolve

    settings = resolve(None, ["survey.satisfied_min_score=9"])
    snap = snapshot.take(YEARS, data, settings, tmp_path / "snap")
    assert load_settings(snap.config) == settings


def test_a_broken_previous_year_is_a_located_problem_in_the_users_folder(data, tmp_path):
    survey = data / "2021" / "enquete_satisfaction.xlsx"
    survey.unlink()
    (data / "2021" / "enquete_satisfaction.csv").write_text("pas;un;questionnaire\n1;2;3\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        pipeline.build_reports(2022, ["ATE"], load_settings(), data_dir=data, out_dir=tmp_path / "out",
                               formats=("html",), progress=lambda text: None, cache_dir=None)
    files = {p.file for p in caught.value.problems}
    assert files and all("2021" in f and "entrees" not in f for f in files), files
    assert not (tmp_path / "out" / "rapport-2022-ate").exists()


def test_a_relative_data_folder_is_read_from_the_working_folder(data, tmp_path):
    (data / "2021" / "formations.csv").write_text("agent;formation\nAG-1\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "helpers.cli", "render", "--year", "2022", "--data", "data",
                           "--out", "sortie", "--no-cache", "--renderer", "builtin"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "data/2021/formations.csv" in done.stderr, done.stderr[-1500:]
    assert "Traceback" not in done.stderr


def test_a_second_build_of_the_same_report_stops_at_once(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from helpers.build.publish import build_lock\n"
        f"with build_lock(Path({str(tmp_path / 'out')!r}), ['rapport-2022-ate']):\n"
        "    print('held', flush=True); time.sleep(60)")], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")})
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(BuildBusy, match="rapport-2022-ate"):
            pipeline.build_reports(2022, ["ATE"], load_settings(), out_dir=tmp_path / "out", formats=("html",),
                                   progress=lambda text: None, cache_dir=None)
        assert time.monotonic() - started < 10
        with build_lock(tmp_path / "out", ["rapport-2022-ddt"]):
            pass  # another scope is not blocked
    finally:
        holder.kill()
        holder.wait()


def test_a_notebook_error_names_the_notebook_the_scope_and_the_cell(tmp_path, monkeypatch):
    def failing(source, target, **kwargs):
        shutil.copy(source, target)
        raise papermill.PapermillExecutionError(cell_index=3, exec_count=2, source="", ename="KeyError",
                                                evalue="'overall'", traceback=[])

    monkeypatch.setattr(papermill, "execute_notebook", failing)
    from helpers.build import cache

    notebook = pipeline.NOTEBOOKS_DIR / "01_enquete_satisfaction.ipynb"
    job = pipeline.Job("DDT", cache.prepare(notebook, {"year": 2022, "scope": "DDT"}, "k"), tmp_path / notebook.name)
    with pytest.raises(NotebookFailed) as caught:
        pipeline.execute_all([job], None, False, 1, lambda text: None, pipeline.BuildResult())
    (line,) = caught.value.lines
    assert line.startswith("01_enquete_satisfaction.ipynb (DDT), cellule ") and line.endswith("KeyError : 'overall'")


def test_clu_prints_a_notebook_error_as_french_lines_without_traceback(monkeypatch, capsys):
    from helpers import cli

    def failing(*args, **kwargs):
        raise NotebookFailed(["02_appels_mysteres.ipynb (ATE), cellule « tbl-appels-annees » : KeyError : 'svi'"])

    monkeypatch.setattr(pipeline, "build_reports", failing)
    assert cli.main(["render", "--year", "2022"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("02_appels_mysteres.ipynb (ATE), cellule « tbl-appels-annees »")
    assert "Traceback" not in err and "--debug" in err


def test_killed_build_leaves_previous_outputs_and_raw_data_untouched(tmp_path):
    out = tmp_path / "rapport"
    previous = {"html": "<html>rapport précédent</html>", "pdf": "%PDF précédent", "csv": "year,scope\n2022,ATE\n",
                "watch": "year,scope\n"}
    names = {"html": "rapport-2022-ate.html", "pdf": "rapport-2022-ate.pdf", "csv": "indicateurs-2022-ate.csv",
             "watch": "vigilance-2022-ate.csv"}
    (tmp_path / "old").mkdir()
    for kind, text in previous.items():
        (tmp_path / "old" / names[kind]).write_text(text, encoding="utf-8")
    out.mkdir()
    publish({kind: tmp_path / "old" / names[kind] for kind in names}, out, "rapport-2022-ate")
    before_out, before_data = digest(out), digest(DATA_DIR)

    command = [sys.executable, "-m", "helpers.cli", "render", "--year", "2022", "--scope", "ATE", "--out", str(out),
               "--no-cache", "--workers", "1", "--renderer", "builtin"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 180
    seen = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen += line
        if "exécuté : 03_" in line:  # half-way through the notebooks
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert "exécuté : 03_" in seen, seen[-2000:]

    assert digest(out) == before_out, "the previous outputs changed"
    assert digest(DATA_DIR) == before_data, "a raw file was written"
    assert list(out.glob(".rendu-*")), "the killed build's working folder is expected to remain"

    # The next build replaces the outputs whole and clears what the killed one left.
    completed = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert not list(out.glob(".rendu-*"))
    after = digest(out)
    assert set(after) == set(before_out) and all(after[name] != before_out[name] for name in before_out)
    assert digest(DATA_DIR) == before_data, "a raw file was written"
