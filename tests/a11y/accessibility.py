"""Accessibility check of a rendered HTML file: axe-core in headless Chromium, through ``tests/a11y/axe.mjs``.

The tooling (Debian's ``chromium`` and the npm packages of ``tests/a11y``) is set up by ``bash tests/a11y/install.sh``.
The check never touches the network: the page is a local file and any other request is blocked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from helpers.paths import PROJECT_ROOT

A11Y_DIR = PROJECT_ROOT / "tests" / "a11y"
AXE_SCRIPT = A11Y_DIR / "axe.mjs"
INSTALL_HINT = "run `bash tests/a11y/install.sh` (installs Debian's chromium and the npm packages of tests/a11y)"
# Impacts that fail the report: axe ranks them minor < moderate < serious < critical.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TIMEOUT_S = 180


def chromium_path() -> Path:
    """The Chromium the check drives (``CLU_CHROMIUM`` overrides Debian's ``/usr/bin/chromium``)."""
    return Path(os.environ.get("CLU_CHROMIUM") or "/usr/bin/chromium")


def missing_tooling() -> list[str]:
    """What the check still needs on this machine, empty when it can run."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node (Node.js >= 18) is not on PATH")
    if not AXE_SCRIPT.is_file():
        missing.append(f"{AXE_SCRIPT} does not exist")
    for package, entry in (("axe-core", "axe.min.js"), ("playwright-core", "package.json")):
        if not (A11Y_DIR / "node_modules" / package / entry).is_file():
            missing.append(f"{A11Y_DIR / 'node_modules' / package} is not installed")
    chromium = chromium_path()
    if not (chromium.is_file() and os.access(chromium, os.X_OK)):
        missing.append(f"Chromium is missing ({chromium})")
    return missing


def axe_check(html: Path) -> dict[str, Any]:
    """Run axe-core (WCAG 2.1 A/AA and best practice) on a local HTML file.

    Returns the script's JSON: ``{url, violations: [{id, impact, help, helpUrl, nodes: [selector, ...]}], passes,
    incomplete, inapplicable, blocked_requests, axe_version, browser}``. Raises ``FileNotFoundError`` for a missing
    file and ``RuntimeError`` when the tooling is missing or the check fails.
    """
    html = Path(html).resolve()
    if not html.is_file():
        raise FileNotFoundError(html)
    missing = missing_tooling()
    if missing:
        raise RuntimeError("accessibility check cannot run: " + "; ".join(missing) + f". To fix: {INSTALL_HINT}.")
    node = shutil.which("node")
    assert node is not None  # checked by missing_tooling()
    try:
        proc = subprocess.run(
            [node, str(AXE_SCRIPT), str(html)],
            cwd=A11Y_DIR,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"accessibility check of {html} took more than {TIMEOUT_S} s") from exc
    if proc.returncode != 0:
        hint = f" To fix: {INSTALL_HINT}." if proc.returncode == 3 else ""
        raise RuntimeError(
            f"accessibility check of {html} failed (exit {proc.returncode}): {proc.stderr.strip()}{hint}"
        )
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"accessibility check of {html} printed no JSON: {proc.stdout[:500]!r}") from exc


def serious_violations(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The violations of an :func:`axe_check` result whose impact is serious or critical."""
    return [v for v in result.get("violations", []) if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation (impact, rule, help, first selectors), for an assertion message or a log."""
    lines = []
    for v in violations:
        nodes = v.get("nodes", [])
        shown = ", ".join(nodes[:3]) + (f" (+{len(nodes) - 3})" if len(nodes) > 3 else "")
        lines.append(f"[{v.get('impact')}] {v.get('id')}: {v.get('help')} -> {shown}")
    return "\n".join(lines)
