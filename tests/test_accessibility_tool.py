"""The accessibility check itself (axe-core in headless Chromium) on two tiny pages, one good and one bad.

Never skipped: when the tooling is missing these tests fail with the set-up hint (CI runs tests/a11y/install.sh first).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.a11y.accessibility import INSTALL_HINT, axe_check, describe, missing_tooling, serious_violations

# 1x1 PNG, inlined as in the self-contained report.
PIXEL = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

GOOD_PAGE = f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Rapport du comité local des usagers</title></head>
<body>
<main>
<h1>Rapport annuel</h1>
<p>Les délais d'attente ont baissé en 2023.</p>
<img src="{PIXEL}" alt="Graphique : délai moyen par mois">
<table>
<caption>Délai moyen par mois</caption>
<thead><tr><th scope="col">Mois</th><th scope="col">Délai (jours)</th></tr></thead>
<tbody><tr><td>Janvier</td><td>3,5</td></tr><tr><td>Février</td><td>2,8</td></tr></tbody>
</table>
</main>
</body>
</html>
"""

# No lang, an image without alt (remote, so the check must also block the request), pale text on white.
BAD_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Rapport</title></head>
<body>
<main>
<h1>Rapport annuel</h1>
<p style="color: #aaa; background: #fff">Texte trop pâle pour être lu.</p>
<img src="https://example.com/graphique.png">
</main>
</body>
</html>
"""


@pytest.fixture(scope="module")
def tooling() -> None:
    missing = missing_tooling()
    if missing:
        pytest.fail("accessibility tooling missing: " + "; ".join(missing) + f"\nTo fix: {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="module")
def good_result(tooling, tmp_path_factory) -> dict:
    page = tmp_path_factory.mktemp("a11y") / "good.html"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    return axe_check(page)


@pytest.fixture(scope="module")
def bad_result(tooling, tmp_path_factory) -> dict:
    page = tmp_path_factory.mktemp("a11y") / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    return axe_check(page)


def test_result_shape(good_result):
    assert good_result["url"].startswith("file://") and good_result["url"].endswith("/good.html")
    assert isinstance(good_result["violations"], list)
    assert good_result["passes"] > 0
    assert isinstance(good_result["incomplete"], int)
    assert good_result["axe_version"].startswith("4.")


def test_good_page_has_no_serious_violation(good_result):
    assert serious_violations(good_result) == [], describe(serious_violations(good_result))
    assert good_result["blocked_requests"] == []


def test_bad_page_reports_serious_violations(bad_result):
    found = {v["id"]: v for v in serious_violations(bad_result)}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= found.keys(), describe(bad_result["violations"])
    assert found["image-alt"]["nodes"] == ["img"]
    assert found["html-has-lang"]["nodes"] == ["html"]
    assert found["color-contrast"]["nodes"] == ["p"]
    assert all(v["help"] for v in found.values())


def test_remote_request_is_blocked(bad_result):
    assert bad_result["blocked_requests"] == ["https://example.com/graphique.png"]


def test_serious_violations_keeps_serious_and_critical():
    result = {
        "violations": [
            {"id": "a", "impact": "minor"},
            {"id": "b", "impact": "moderate"},
            {"id": "c", "impact": "serious"},
            {"id": "d", "impact": "critical"},
            {"id": "e", "impact": None},
        ]
    }
    assert [v["id"] for v in serious_violations(result)] == ["c", "d"]


def test_missing_file_is_an_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        axe_check(tmp_path / "absent.html")


def test_missing_chromium_gives_the_install_hint(tmp_path: Path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text(GOOD_PAGE, encoding="utf-8")
    monkeypatch.setenv("CLU_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(RuntimeError, match=r"Chromium is missing.*tests/a11y/install\.sh"):
        axe_check(page)
