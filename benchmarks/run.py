"""Benchmarks of the build (cache, parallel execution, every scope) and of large inputs.

``python benchmarks/run.py`` (or ``make bench``) measures, on this machine:
  - the cold build of the 2022 sample report (empty cache), the warm rebuild with nothing
    changed (no kernel may start), and the rebuild after one data file changed (exactly the
    notebooks that read it, and the synthesis, may run);
  - every scope's report in one run against rendering them one by one (cache off for both);
  - load + validate + indicators of large inputs (``large_inputs.py``), each next to the time
    pyarrow alone takes to read the same file, with the peak memory of the process; each
    process first handles the file's first lines, timed apart (its one-time costs).
It prints a Markdown table and writes it between the markers of ``benchmarks/README.md``.
These are measurements, not tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.build.pipeline import build_reports
from helpers.config.settings import load_settings, scopes
from helpers.data.contract.reading import FAST_PATH_CHARS
from helpers.paths import DATA_DIR, PROJECT_ROOT

README = PROJECT_ROOT / "benchmarks" / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
# The large files (``large_inputs.py``): the table each one is, and the encoding it is written in.
LARGE_TABLES = (("enquete_satisfaction", "survey", "cp1252"), ("registre_reclamations", "complaints", "cp1252"),
                ("site_internet_pages_vues", "web_hits", "utf-8"))

# Each large measure is taken this many times, each in a fresh process, the two modes in turn; the
# median time is kept, and the median of the ratios of the runs taken together.
LARGE_RUNS = 11
# Before it is measured, each process first reads (or loads, validates and computes) the first
# lines of the same file, timed apart: what a process pays once (first calls of pandera's checks,
# of the holiday calendar, of thread pools) is then not counted as the cost of the large file.
# They are enough lines to be read as large files are (``FAST_PATH_CHARS``).
WARM_UP_BYTES = FAST_PATH_CHARS + (1 << 19)
# The process's own peak resident memory (VmHWM, reset at exec: ``ru_maxrss`` would count the parent's).
PEAK = r"""
def peak_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
"""
LARGE_CHILD = PEAK + r"""
import json, sys, time
from pathlib import Path
import pyarrow.csv as pacsv
from helpers.data.contract import Context, TABLES_BY_NAME
from helpers.indicators import communication, complaints, survey
from helpers.data.loading import check_file
from helpers.config.settings import load_settings

path, table, mode, encoding, first = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5])
settings = load_settings()
spec = TABLES_BY_NAME[table]


def measure(path):
    start = time.perf_counter()
    if mode == "pyarrow":
        rows = pacsv.read_csv(path, read_options=pacsv.ReadOptions(encoding=encoding),
                              parse_options=pacsv.ParseOptions(delimiter=";")).num_rows
        return time.perf_counter() - start, rows
    typed, problems = check_file(spec, path, Context(2022, settings))  # read and validate, as a build does
    assert not problems, problems[:3]
    if table == "survey":
        survey.indicators(typed, settings)
    elif table == "web_hits":
        communication.indicators(communication.visitors_from_hits(typed, 2022), None, None)
    else:
        complaints.indicators(typed, settings, 2022)
    return time.perf_counter() - start, len(typed)


first_seconds, _ = measure(first)  # the first file a process reads pays its one-time costs
seconds, rows = measure(path)
print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak_mb(), "first_seconds": first_seconds}))
"""


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def build_benchmarks(work: Path) -> list[tuple[str, str, str]]:
    """Cold, warm and one-file-changed builds of the sample, and every scope at once."""
    settings = load_settings()
    data = work / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("README.md"))

    def build(scope_list, cache=True):
        return build_reports(2022, scope_list, settings, data_dir=data, out_dir=work / "out",
                             progress=lambda text: None, cache_dir=work / "cache" if cache else None)

    rows = []
    cold, result = timed(lambda: build(["ATE"]))
    rows.append(("Construction à froid (rapport 2022, ATE)", f"{cold:.1f} s",
                 f"{len(result.executed)} notebooks exécutés"))
    warm, result = timed(lambda: build(["ATE"]))
    rows.append(("Reconstruction sans changement", f"{warm:.1f} s",
                 f"{len(result.executed)} exécuté, {len(result.cached)} repris du cache ; "
                 f"{warm / cold:.2f} × le temps à froid"))
    training = data / "2022" / "formations.csv"
    training.write_bytes(training.read_bytes().replace(b"AG-", b"AG-9", 1))
    changed, result = timed(lambda: build(["ATE"]))
    names = ", ".join(sorted(n.split(".ipynb")[0] for n in result.executed))
    rows.append(("Reconstruction après modification de formations.csv", f"{changed:.1f} s", f"exécutés : {names}"))
    every = scopes(settings)
    one_by_one, _ = timed(lambda: [build([s], cache=False) for s in every])
    together, _ = timed(lambda: build(every, cache=False))
    rows.append((f"Tous les périmètres ({len(every)}) un par un, sans cache", f"{one_by_one:.1f} s", ""))
    rows.append(("Tous les périmètres en une exécution, sans cache", f"{together:.1f} s",
                 f"{together / one_by_one:.2f} × le temps un par un"))
    return rows


def large_benchmarks(work: Path) -> list[tuple[str, str, str]]:
    """Load + validate + indicators of each large file, against pyarrow's plain read (medians of a few runs)."""
    sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
    from large_inputs import write

    files = write(work / "large")
    rows = []
    for name, table, encoding in LARGE_TABLES:
        with files[name].open("rb") as stream:  # in the page cache for both modes alike
            head = stream.read(WARM_UP_BYTES)
            while stream.read(1 << 24):
                pass
        first = work / "first-lines" / files[name].name  # the file's first lines, read first in each process
        first.parent.mkdir(exist_ok=True)
        first.write_bytes(head[:head.rindex(b"\n") + 1])
        runs = {"pyarrow": [], "project": []}
        for _ in range(LARGE_RUNS):  # the two modes in turn, so that a slower spell of the machine touches both
            for mode, found in runs.items():
                found.append(json.loads(subprocess.run(
                    [sys.executable, "-c", LARGE_CHILD, str(files[name]), table, mode, encoding, str(first)],
                    capture_output=True, text=True, check=True).stdout))
        measured = {mode: {"rows": found[0]["rows"], "peak_mb": max(r["peak_mb"] for r in found),
                           **{key: statistics.median(r[key] for r in found) for key in ("seconds", "first_seconds")}}
                    for mode, found in runs.items()}
        ratios = sorted(b["seconds"] / a["seconds"] for a, b in zip(*runs.values(), strict=True))
        ratio = statistics.median(ratios)
        p, a = measured["project"], measured["pyarrow"]
        lines = first.read_bytes().count(b"\n") - 1
        rows.append((f"{name} : {p['rows']:,} lignes".replace(",", " "), f"{p['seconds']:.2f} s",
                     f"pyarrow seul : {a['seconds']:.2f} s ; rapport {ratio:.1f} × "
                     f"(de {ratios[0]:.1f} à {ratios[-1]:.1f} × selon les {len(ratios)} exécutions) ; "
                     f"mémoire max {p['peak_mb'] / 1024:.2f} Gio (pyarrow seul : {a['peak_mb'] / 1024:.2f} Gio) ; "
                     f"premier fichier du processus ({lines:,} lignes) : {p['first_seconds']:.2f} s "
                     f"(pyarrow seul : {a['first_seconds']:.3f} s)".replace(",", " ")))
    rows.append(whole_large_report(work))
    return rows


REPORT_CHILD = PEAK + r"""
import json, sys, threading, time
import psutil
from helpers.cli import main

kernels = {}  # the highest resident memory seen of each notebook kernel, sampled while it runs
done = threading.Event()


def sample():
    while not done.wait(0.1):
        for child in psutil.Process().children(recursive=True):
            try:
                kernels[child.pid] = max(kernels.get(child.pid, 0), child.memory_info().rss / 2**20)
            except psutil.Error:
                pass


threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
code = main(["render", "--year", "2022", "--data", sys.argv[1], "--out", sys.argv[2], "--no-cache"])
seconds = time.perf_counter() - start
done.set()
print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak_mb(), "kernel_peak_mb": max(kernels.values())}))
"""


def whole_large_report(work: Path) -> tuple[str, str, str]:
    """The whole report of the large year folder (the three large files at once), in a fresh process."""
    out = subprocess.run([sys.executable, "-c", REPORT_CHILD, str(work / "large"), str(work / "large-report")],
                         capture_output=True, text=True, check=True)
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    if measured["code"] != 0:
        raise RuntimeError(f"the report of the large inputs failed:\n{out.stdout}\n{out.stderr}")
    return ("Rapport complet sur ces grandes données (2022, ATE), sans cache", f"{measured['seconds']:.1f} s",
            f"validation, 7 notebooks, rendu ; mémoire max {measured['peak_mb'] / 1024:.2f} Gio "
            f"(noyau de notebook le plus gourmand : {measured['kernel_peak_mb'] / 1024:.2f} Gio)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = build_benchmarks(work) + large_benchmarks(work)
    header = (f"Mesuré le {time.strftime('%Y-%m-%d')} sur {platform.machine()}, "
              f"Python {platform.python_version()}, {__import__('os').cpu_count()} cœurs.\n\n"
              "| mesure | durée | détail |\n|---|---:|---|\n")
    table = header + "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows) + "\n"
    print(table)
    text = README.read_text(encoding="utf-8")
    README.write_text(text[: text.index(BEGIN) + len(BEGIN)] + "\n" + table + text[text.index(END):],
                      encoding="utf-8")


if __name__ == "__main__":
    main()
