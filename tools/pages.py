"""Page images of a report's PDF for a reviewer (`make pages`): build/pages/<report>-NN.png, about 110 dpi.

The report is rendered first (`clu render`, notebooks from the cache) when its PDF is missing or older than
the sources it is made from. The pages are drawn by pypdfium2 (from PyPI, a dependency of pdfplumber), so
that no system tool is needed.

    python tools/pages.py [--year 2022] [--scope ATE] [--dpi 110] [--out build/pages]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from helpers.build.pipeline import REPORT_DIR, report_name
from helpers.paths import PROJECT_ROOT

# What a report is made from: newer than its PDF, the PDF is rendered again.
SOURCES = ("_quarto.yml", "report", "notebooks", "src", "data")


def stale(pdf: Path) -> bool:
    """Whether ``pdf`` is missing or older than one of the files it is made from."""
    if not pdf.is_file():
        return True
    made = pdf.stat().st_mtime
    for name in SOURCES:
        path = PROJECT_ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        if any(f.is_file() and "__pycache__" not in f.parts and f.stat().st_mtime > made for f in files):
            return True
    return False


def write_pages(pdf: Path, out: Path, dpi: float) -> list[Path]:
    """One PNG per page of ``pdf`` in ``out`` (the report's older images removed first)."""
    import pypdfium2

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    document = pypdfium2.PdfDocument(pdf)
    written = []
    for number, page in enumerate(document, start=1):
        target = out / f"{pdf.stem}-{number:02d}.png"
        page.render(scale=dpi / 72).to_pil().save(target)
        written.append(target)
    document.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--scope", default="ATE")
    parser.add_argument("--dpi", type=float, default=110)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "build" / "pages")
    args = parser.parse_args(argv)
    name = report_name(args.year, args.scope)
    pdf = REPORT_DIR / name / f"{name}.pdf"
    if stale(pdf):
        clu = Path(sys.executable).with_name("clu")
        subprocess.run([str(clu), "render", "--year", str(args.year), "--scope", args.scope], check=True)
    pages = write_pages(pdf, args.out, args.dpi)
    print(f"{len(pages)} pages : {args.out}/{name}-NN.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
