"""Nothing lost: raw files are never written, and a killed build leaves the previous outputs intact."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers.paths import DATA_DIR, PROJECT_ROOT


def digest(folder: Path, pattern: str = "**/*") -> dict[str, str]:
    """SHA-256 of every file under a folder (hidden staging folders aside)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob(pattern)) if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")}


def test_killed_build_leaves_previous_outputs_and_raw_data_untouched(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    previous = {"rapport-2022-ate.html": "<html>rapport précédent</html>", "rapport-2022-ate.pdf": "%PDF précédent",
                "indicateurs-2022-ate.csv": "year,scope\n2022,ATE\n"}
    for name, text in previous.items():
        (out / name).write_text(text, encoding="utf-8")
    before_out, before_data = digest(out), digest(DATA_DIR)

    command = [sys.executable, "-m", "helpers.cli", "render", "--year", "2022", "--scope", "ATE", "--out", str(out),
               "--no-cache", "--workers", "1"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
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
    assert list(out.glob(".rapport-2022-ate-*")), "the killed build's staging folder is expected to remain"

    # The next build replaces the outputs whole and clears what the killed one left.
    completed = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert not list(out.glob(".rapport-2022-ate-*"))
    after = digest(out)
    assert set(after) == set(previous) and all(after[name] != before_out[name] for name in previous)
    assert digest(DATA_DIR) == before_data, "a raw file was written"
