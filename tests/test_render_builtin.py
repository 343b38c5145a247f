"""The built-in renderer: a tiny staging project rendered to HTML and PDF, without Quarto."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import matplotlib
import nbformat
import pytest
from pypdf import PdfReader

from helpers.paths import PROJECT_ROOT
from helpers.report.render import RenderError
from helpers.report.render.builtin import render_builtin, resolve_document
from helpers.report.render.conditions import apply_conditions
from helpers.report.render.embed import cell_options

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TABLE_MD = "| Critère | Taux |\n|:---|---:|\n| Accueil | 91,2 % |\n| Délais | 78,5 % |\n| Objectif | = 100 % |"
FIG_ALT = "Diagramme en barres du taux de satisfaction par critère"

QUARTO_YML = """\
project:
  type: default
title: "Rapport du comité local des usagers"
lang: fr
toc: true
toc-title: Sommaire
toc-depth: 2
crossref:
  tbl-title: Tableau
  title-delim: "\\u00A0:"
filters:
  - quarto
  - filters/typst.lua
format:
  html:
    embed-resources: true
    shift-heading-level-by: 1
    toc-depth: 3
  typst:
    include-in-header: style.typ
"""

METADATA_YML = """\
subtitle: "Année {{< var report.year >}}"
has:
  survey: true
  mystery: false
"""

DOC = """\
---
date: 2023-01-24
author: Service qualité
---

# Enquête de satisfaction

Année {{< var report.year >}}, périmètre {{< meta has.scope_label >}}.

{{< include _intro.qmd >}}

::: {.content-visible when-meta="has.survey"}
## Résultats de l'enquête

Voir @tbl-x et @fig-y. Suivez @prefet45 sur les réseaux.

{{< embed ../notebooks/nb.ipynb#tbl-x >}}

{{< embed ../notebooks/nb.ipynb#fig-y >}}
:::

::: {.content-hidden when-meta="has.survey"}
Texte masqué quand l'enquête existe.
:::

::: {.content-visible when-meta="has.mystery"}
Appels mystères présents.

::: {.callout-note}
Bloc imbriqué masqué.
:::

{{< var missing.key >}}
:::

::: {.content-visible when-format="html"}
Seulement en HTML.
:::

::: {.content-visible when-format="pdf"}
Seulement en PDF.
:::

::: {.callout-warning title="Données partielles"}
Les guichets de Montargis n'ont pas répondu.
:::

::: {.callout-tip}
Un conseil sans titre.
:::

Littéral : {{{< var report.year >}}}.
"""

INTRO = """\
Introduction incluse, service {{< var report.service.name >}}.

{{< include sub/_detail.qmd >}}
"""


def png_bytes() -> bytes:
    """A tiny PNG chart."""
    fig, ax = plt.subplots(figsize=(2, 1.5), dpi=40)
    ax.barh(["Accueil", "Délais"], [91.2, 78.5])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def make_notebook(path: Path) -> None:
    """An 'executed' notebook: a table cell, a figure cell and a cell without output."""
    import base64

    table = nbformat.v4.new_code_cell('#| label: tbl-x\n#| tbl-cap: "Taux de satisfaction par critère"\nshow(t)')
    table.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": TABLE_MD,
                                                                  "text/plain": "<Markdown>"})]
    figure = nbformat.v4.new_code_cell(
        f'#| label: fig-y\n#| fig-cap: "Satisfaction par critère"\n#| fig-alt: "{FIG_ALT}"\nplot()')
    figure.outputs = [nbformat.v4.new_output("display_data", data={
        "image/png": base64.b64encode(png_bytes()).decode(), "text/plain": "<Figure>"})]
    empty = nbformat.v4.new_code_cell("#| label: tbl-empty\n#| tbl-cap: Vide\npass")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Notebook"), table, figure, empty])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A staging project: _quarto.yml, _variables.yml, report/ with front matter, include, embeds."""
    root = tmp_path / "staging"
    (root / "report" / "sub").mkdir(parents=True)
    (root / "_quarto.yml").write_text(QUARTO_YML, encoding="utf-8")
    (root / "_variables.yml").write_text("report:\n  year: 2022\n  service:\n    name: DDT\n", encoding="utf-8")
    (root / "report" / "_metadata.yml").write_text(
        METADATA_YML + "  scope_label: ATE\n", encoding="utf-8")
    (root / "report" / "doc.qmd").write_text(DOC, encoding="utf-8")
    (root / "report" / "_intro.qmd").write_text(INTRO, encoding="utf-8")
    (root / "report" / "sub" / "_detail.qmd").write_text("Détail inclus de second niveau.\n", encoding="utf-8")
    make_notebook(root / "notebooks" / "nb.ipynb")
    (root / "filters").mkdir()
    shutil.copy2(PROJECT_ROOT / "report" / "filters" / "typst.lua", root / "filters" / "typst.lua")
    shutil.copy2(PROJECT_ROOT / "report" / "style.typ", root / "style.typ")
    return root


@pytest.fixture
def rendered(project: Path, tmp_path: Path) -> dict[str, Path]:
    return render_builtin(project, "report/doc.qmd", tmp_path / "out", "rapport")


def test_html_is_one_accessible_french_file(rendered: dict[str, Path]) -> None:
    html = rendered["html"].read_text(encoding="utf-8")
    assert rendered["html"].name == "rapport.html"
    assert '<html lang="fr"' in html
    assert "<title>Rapport du comité local des usagers</title>" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert '<h1 class="title">Rapport du comité local des usagers</h1>' in html
    assert '<p class="subtitle">Année 2022</p>' in html  # from _metadata.yml, variable resolved
    assert "24 janvier 2023" in html
    assert '<nav id="TOC" role="doc-toc"' in html and ">Sommaire</h2>" in html
    assert re.search(r'<h2[^>]*>Enquête de satisfaction</h2>', html)
    toc = re.search(r'<nav id="TOC".*?</nav>', html, re.DOTALL).group(0)
    assert 'href="#enquête-de-satisfaction"' in toc and 'href="#résultats-de-lenquête"' in toc  # toc-depth: 2
    # No external resource: styles and images are inlined, no script.
    assert not re.search(r'(src|href)="(https?:|//)', html)
    assert "<link" not in html and "<script" not in html
    assert 'src="data:image/png;base64,' in html


def test_html_content(rendered: dict[str, Path]) -> None:
    html = rendered["html"].read_text(encoding="utf-8")
    assert "Année 2022, périmètre ATE." in html
    assert "Introduction incluse, service DDT." in html
    assert "Détail inclus de second niveau." in html
    assert "Littéral : {{&lt; var report.year &gt;}}." in html
    assert re.search(r'<table[^>]*id="tbl-x"', html)
    assert "<caption>Tableau\u00a01\u00a0: Taux de satisfaction par critère</caption>" in html
    assert "<td style=\"text-align: right;\">91,2 %</td>" in html
    image = re.search(r'<figure id="fig-y">\s*(<img [^>]*>)', html).group(1)
    assert f'alt="{FIG_ALT}"' in image and 'src="data:image/png;base64,' in image
    assert "<figcaption>Figure\u00a01\u00a0: Satisfaction par critère</figcaption>" in html
    assert 'Voir <a href="#tbl-x">Tableau\u00a01</a> et <a href="#fig-y">Figure\u00a01</a>.' in html
    assert "Suivez @prefet45 sur" in html  # not a cross-reference: as written
    assert "Vide" not in html  # the cell without output gives nothing
    # Conditional content.
    assert "Texte masqué" not in html and "Appels mystères" not in html and "Bloc imbriqué" not in html
    assert "Seulement en HTML." in html and "Seulement en PDF." not in html
    # Callouts: titled, role note, default French title.
    assert re.search(r'<div class="callout callout-warning" role="note">\s*<div class="callout-title">\s*'
                     r"<strong>Données partielles</strong>", html)
    assert re.search(r'<div class="callout-title">\s*<strong>Conseil</strong>', html)


def test_pdf_text(rendered: dict[str, Path]) -> None:
    reader = PdfReader(rendered["pdf"])
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages).replace("\u00a0", " ")
    for expected in ("Rapport du comité local des usagers", "Sommaire", "Enquête de satisfaction",
                     "Résultats de l’enquête", "Accueil", "91,2 %", "Tableau 1", "Taux de satisfaction par critère",
                     "Figure 1", "Satisfaction par critère", "Données partielles", "Seulement en PDF.",
                     "24 janvier 2023", "Introduction incluse, service DDT.",
                     "Voir Tableau 1 et Figure 1. Suivez @prefet45",
                     "Objectif = 100 %"):  # a cell starting with « = » is not a Typst heading
        assert expected in text, expected
    assert "Seulement en HTML." not in text and "Texte masqué" not in text
    assert "image(" not in text and "{{< var" not in text.replace("Littéral : {{< var", "")
    assert any(page.images for page in reader.pages)  # the chart is drawn


def test_deterministic(project: Path, tmp_path: Path, rendered: dict[str, Path]) -> None:
    again = render_builtin(project, "report/doc.qmd", tmp_path / "again", "rapport")
    assert again["html"].read_bytes() == rendered["html"].read_bytes()
    assert again["pdf"].read_bytes() == rendered["pdf"].read_bytes()


def test_missing_variable_names_key_and_file(project: Path, tmp_path: Path) -> None:
    intro = project / "report" / "_intro.qmd"
    intro.write_text("Service {{< var report.service.code >}}.\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"_intro\.qmd.*'report\.service\.code'.*_variables\.yml"):
        render_builtin(project, "report/doc.qmd", tmp_path / "out", "rapport", formats=("html",))


def test_missing_meta_and_unknown_label(project: Path) -> None:
    doc = project / "report" / "doc.qmd"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("{{< meta has.scope_label >}}", "{{< meta has.nothing >}}"), encoding="utf-8")
    with pytest.raises(RenderError, match=r"doc\.qmd.*'has\.nothing'"):
        resolve_document(project, doc, "html")
    doc.write_text(text.replace("#tbl-x >}}", "#tbl-absent >}}"), encoding="utf-8")
    with pytest.raises(RenderError, match=r"'tbl-absent'.*nb\.ipynb"):
        resolve_document(project, doc, "html")


def test_a_cell_without_output_is_refused_as_quarto_refuses_it(project: Path) -> None:
    doc = project / "report" / "doc.qmd"
    doc.write_text(doc.read_text(encoding="utf-8").replace("#tbl-x >}}", "#tbl-empty >}}"), encoding="utf-8")
    with pytest.raises(RenderError, match=r"'tbl-empty'.*nb\.ipynb.*no output.*when-meta"):
        resolve_document(project, doc, "html")


def test_without_project_css_the_packaged_page_style_comes_once(project: Path, tmp_path: Path) -> None:
    html = render_builtin(project, "report/doc.qmd", tmp_path / "out", "r", formats=("html",))["html"]
    assert html.read_text(encoding="utf-8").count("--text: #1a1a1a") == 1


def test_project_css_comes_once_after_the_packaged_page_style(project: Path, tmp_path: Path) -> None:
    (project / "style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    quarto = project / "_quarto.yml"
    quarto.write_text(quarto.read_text(encoding="utf-8").replace("  html:\n", "  html:\n    css: style.css\n"),
                      encoding="utf-8")
    html = render_builtin(project, "report/doc.qmd", tmp_path / "out", "r", formats=("html",))["html"]
    text = html.read_text(encoding="utf-8")
    assert "#123456" in text and "<link" not in text
    packaged = text.count("--text: #1a1a1a")
    assert packaged == 1 and text.index("--text: #1a1a1a") < text.index("#123456")


def test_nested_fences_and_code_blocks() -> None:
    text = ("a\n\n:::: {.content-hidden when-format=\"html\"}\nb\n\n::: {.note}\nc\n:::\n\n```\n:::\n```\n::::\n\n"
            "::: {.content-visible unless-meta=\"x.y\"}\nd\n:::\n")
    assert apply_conditions(text, "html", {"x": {"y": True}}).split() == ["a"]
    shown = apply_conditions(text, "pdf", {})
    assert "b\n\n::: {.note}\nc\n:::\n\n```\n:::\n```\n" in shown and "d\n" in shown and "::::" not in shown


def test_removed_fences_keep_blocks_apart() -> None:
    text = "::: {.content-visible when-meta=\"a\"}\nUn.\n:::\n::: {.content-visible when-meta=\"a\"}\nDeux.\n:::\n"
    assert apply_conditions(text, "html", {"a": True}).split("\n\n") != ["Un.\nDeux.\n"]
    assert "Un.\n\n" in apply_conditions(text, "html", {"a": True})


def test_staging_resolves_metadata_conditions_only() -> None:
    """A scope's staged source: ``when-meta`` settled, format conditions left for the renderer."""
    text = ("::: {.content-visible when-meta=\"has.survey\"}\n{{< embed nb.ipynb#tbl-a >}}\n:::\n"
            "::: {.content-hidden when-meta=\"has.survey\"}\nPas d'enquête.\n:::\n"
            ":::: {.content-visible when-meta=\"has.survey\" when-format=\"html\"}\nHTML seul.\n::::\n"
            "::: {.content-hidden unless-meta=\"has.survey\" when-format=\"pdf\"}\nSauf PDF.\n:::\n"
            "::: {.content-visible when-format=\"pdf\"}\nPDF.\n:::\n")
    none = apply_conditions(text, None, {"has": {"survey": False}})
    assert "embed" not in none and "HTML seul" not in none and "Pas d'enquête." in none
    assert '::: {.content-hidden when-format="pdf"}\nSauf PDF.\n:::' in none
    assert "when-meta" not in none and "unless-meta" not in none
    assert '::: {.content-visible when-format="pdf"}\nPDF.\n:::' in none
    some = apply_conditions(text, None, {"has": {"survey": True}})
    assert "{{< embed nb.ipynb#tbl-a >}}" in some and "Pas d'enquête" not in some
    assert ':::: {.content-visible when-format="html"}\nHTML seul.\n::::' in some
    assert "\nSauf PDF.\n" in some and "content-hidden" not in some
    for target in ("html", "pdf"):  # resolving in two steps gives what one step gives
        for meta in ({"has": {"survey": False}}, {"has": {"survey": True}}):
            assert (apply_conditions(apply_conditions(text, None, meta), target, {}).split()
                    == apply_conditions(text, target, meta).split())


def test_cell_options() -> None:
    assert cell_options('#| label: fig-a\n#| fig-cap: "A : b"\nx = 1\n#| not: me') == {"label": "fig-a",
                                                                                       "fig-cap": "A : b"}
