"""What an attacker writes in a survey comment, an experience share, a grid label or a plan action.

Each payload tries to make the report run, embed or format something: raw HTML, an event handler,
a ``javascript:`` or ``data:`` link, an image naming a local file (pandoc's ``--embed-resources``
would inline it), raw HTML or Typst through pandoc's attribute syntax, Quarto shortcodes, math,
citations, a heading, a list or a table started inside a cell. ``CANARY`` is the content of a file
that the payloads name: it must never reach an output.
"""

from __future__ import annotations

CANARY = "CANARI-3f9c1e-CONTENU-SECRET"
CANARY_FILE = "canari.txt"  # written in the hostile year's folder and at the staging project's root

PAYLOADS: tuple[str, ...] = (
    "Très bien ![](../../../2022/registre_reclamations.xlsx)",
    f"Voir ![photo]({CANARY_FILE}) et ![x](/etc/hostname)",
    f'<img src="{CANARY_FILE}" onerror="alert(1)">',
    "<img src=x onerror=alert(document.cookie)>",
    "[cliquez ici](javascript:alert(1)) pour valider",
    "[lien](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<style>body{display:none}</style>Accueil parfait",
    '<iframe src="https://exemple.invalid/"></iframe>',
    "<script>alert('x')</script>",
    "<object data=x></object><embed src=x>",
    '<svg onload="alert(1)"></svg>',
    "`<b onmouseover=alert(1)>survol</b>`{=html}",
    '`#read("/_variables.yml")`{=typst}',
    '`#eval("1+1")`{=typst} et #read("x")',
    f"```{{=html}}\n<img src={CANARY_FILE}>\n```",
    "{{< include ../_variables.yml >}}",
    "{{< var meta.contact >}} et {{< meta title >}}",
    "{{< embed ../notebooks/07_synthese.ipynb#tbl-synthese-vigilance >}}",
    "$$\\input{/etc/passwd}$$ et $x^2$",
    "Merci @tbl-synthese-vigilance et [@doe2020]",
    "Note[^1]\n\n[^1]: cachée",
    "# Titre injecté",
    "- une liste\n- injectée",
    "| a | b |\n|---|---|\n| c | d |",
    "::: {.callout-warning}\nAlerte\n:::",
    "<!-- commentaire caché",
    "&lt;script&gt; &amp; &#x3C;",
    "= 100 % et \\ et * et _soulignés_ et **gras**",
    "<https://exemple.invalid/piege>",
)
