"""``clu``: the command line of the committee report pipeline.

Stages, each one command:
  clu validate [YEAR_FOLDER]          check a year's exports against the data contract
  clu indicators --year Y [--scope S] compute every source's indicators into the tidy CSV
  clu render --year Y [--scope S]     execute the notebooks and render the report (HTML, PDF);
                                      --all-scopes, --force, --workers N, cached runs reused
  clu sample [--out DIR]              regenerate the deterministic sample dataset
  clu notebooks strip|refresh         strip notebook outputs / refresh the kept nbval references
  clu contract [--write]              print the data contract as Markdown (or update data/README.md)

Logging is set up here, once; ``--debug`` shows tracebacks and debug messages.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from helpers.paths import BUILD_DIR, DATA_DIR, year_dir

log = logging.getLogger("clu")


def _setup_logging(debug: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, format="%(message)s", stream=sys.stderr)
    for noisy in ("matplotlib", "PIL", "fontTools", "papermill", "traitlets", "nbclient"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def cmd_validate(args: argparse.Namespace) -> int:
    """Report every problem of a year's folder; exit status 1 if there is any (warnings alone keep it 0)."""
    from helpers.config.settings import resolve
    from helpers.data.contract import TABLES_BY_NAME
    from helpers.data.loading import check_year, warning_text

    folder = Path(args.folder) if args.folder else year_dir(args.year)
    settings = resolve(args.settings, args.set)
    result = check_year(folder, settings)
    for table in result.data.missing:
        spec = TABLES_BY_NAME[table]
        if not spec.required:
            print(f"  source non fournie : {spec.stem} ({spec.title})")
    if result.warnings:
        print(f"Avertissements ({len(result.warnings)}, sans effet sur la vérification) :")
        for warning in result.warnings:
            print(f"  {warning_text(warning)}")
    if result.problems:
        cap = settings["validation"]["max_problems_per_file"]
        for i, problem in enumerate(result.problems):
            print(problem)
            last_of_file = i + 1 == len(result.problems) or result.problems[i + 1].file != problem.file
            if last_of_file and result.omitted_by_file.get(problem.file):
                print(f"{problem.file} : … et {result.omitted_by_file[problem.file]} autre(s) problème(s) "
                      f"non affiché(s) (limite de {cap} par fichier).")
        files = len({p.file for p in result.problems})
        print(f"\n{len(result.problems) + result.omitted} problème(s) dans {files} fichier(s) : "
              f"corriger les fichiers puis relancer « clu validate {folder} ».")
        return 1
    warned = f" ({len(result.warnings)} avertissement(s) ci-dessus)" if result.warnings else ""
    print(f"{folder} : {len(result.files)} fichier(s) conforme(s) au contrat de données{warned}.")
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    """Compute the tidy indicators table of a year and scope (with the years it is compared with) as CSV."""
    from helpers.config.settings import resolve
    from helpers.data.scope import check_scope
    from helpers.indicators.results import from_folder
    from helpers.report.export import write_indicators

    settings = resolve(args.settings, args.set)
    check_scope(args.scope, settings)
    table = from_folder(Path(args.data).resolve(), args.year, args.scope, settings).table
    out = Path(args.out) if args.out else BUILD_DIR / f"indicateurs-{args.year}-{args.scope}.csv"
    write_indicators(table, out)
    print(f"{len(table)} indicateurs écrits dans {out}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Build the report of a year and scope (HTML and PDF) and say where it is."""
    from helpers.build.pipeline import CACHE_DIR, REPORT_DIR, build_reports
    from helpers.config.settings import describe, resolve
    from helpers.config.settings import scopes as scopes_of

    settings = resolve(args.settings, args.set)  # the one configuration of the build, handed to every notebook
    log.info("Réglages : %s", describe(args.settings, args.set))
    formats = tuple(args.to.split(","))
    scopes = scopes_of(settings) if args.all_scopes else [args.scope]
    result = build_reports(args.year, scopes, settings, Path(args.data).resolve(),
                           Path(args.out or REPORT_DIR).resolve(), formats, force=args.force, workers=args.workers,
                           cache_dir=None if args.no_cache else CACHE_DIR, renderer=args.renderer)
    print(f"{len(result.executed)} notebook(s) exécuté(s), {len(result.cached)} repris du cache.")
    folders = sorted({str(p.parent) for outputs in result.outputs.values() for p in outputs.values()})
    print(f"Rapport(s) prêt(s) : {', '.join(folders)}")
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    """Leave the staged Quarto project of a year and scope, for ``quarto preview`` or ``quarto render``."""
    from helpers.build.pipeline import CACHE_DIR, STAGE_DIR, stage_reports
    from helpers.config.settings import describe, resolve
    from helpers.config.settings import scopes as scopes_of

    settings = resolve(args.settings, args.set)
    log.info("Réglages : %s", describe(args.settings, args.set))
    scopes = scopes_of(settings) if args.all_scopes else [args.scope]
    projects = stage_reports(args.year, scopes, settings, Path(args.data).resolve(),
                             Path(args.out or STAGE_DIR).resolve(), workers=args.workers,
                             cache_dir=None if args.no_cache else CACHE_DIR)
    for project in projects.values():
        print(f"Projet prêt : {project}")
    first = next(iter(projects.values()))
    print(f"Aperçu avec Quarto : cd {first} && quarto preview report/rapport.qmd")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    """Regenerate the sample dataset (deterministic)."""
    from helpers.data.sample.generate import generate

    paths = generate(Path(args.out))
    print(f"{len(paths)} fichiers d'exemple écrits dans {args.out}")
    return 0


def cmd_contract(args: argparse.Namespace) -> int:
    """Print the data contract as Markdown, or write it into data/README.md."""
    from helpers.data.contract.docs import contract_markdown, update_readme

    if args.write:
        readme = DATA_DIR / "README.md"
        print(f"{readme} {'mis à jour' if update_readme(readme) else 'déjà à jour'}")
    else:
        print(contract_markdown(), end="")
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    """Strip notebook outputs, or refresh the kept nbval reference outputs."""
    import nbformat

    from helpers.notebooks.refs import notebooks, refresh, strip

    paths = [Path(p) for p in args.paths] or notebooks()
    for path in paths:
        if args.action == "refresh":
            refresh(path)
        else:
            nbformat.write(strip(nbformat.read(path, as_version=4)), path)
        print(f"{path} : {'références rafraîchies' if args.action == 'refresh' else 'sorties retirées'}")
    return 0


def _build_arguments(p: argparse.ArgumentParser, out_help: str) -> None:
    """The options that ``clu render`` and ``clu stage`` share: what to build, from where, to where, how."""
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--scope", default="ATE", help="ATE (tout le périmètre) ou un service")
    p.add_argument("--data", default=str(DATA_DIR), help="dossier des données (par défaut data/)")
    p.add_argument("--out", help=out_help)
    p.add_argument("--all-scopes", action="store_true", help="tous les périmètres en une fois (ATE et chaque service)")
    p.add_argument("--no-cache", action="store_true", help="ne pas lire ni écrire le cache")
    p.add_argument("--workers", type=int, help="notebooks exécutés en parallèle (par défaut : nombre de cœurs)")


def build_parser() -> argparse.ArgumentParser:
    from helpers.report.render import RENDERERS

    parser = argparse.ArgumentParser(prog="clu", description="Rapport annuel du comité local des usagers.")
    parser.add_argument("--debug", action="store_true", help="messages détaillés et traces d'erreur")
    parser.add_argument("--settings", help="fichier YAML de réglages qui remplace les valeurs par défaut")
    parser.add_argument("--set", action="append", default=[], metavar="CLÉ=VALEUR",
                        help="un réglage qui remplace celui des fichiers (ex. survey.satisfied_min_score=9) ; "
                             "répétable")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="vérifier les fichiers d'une année")
    p.add_argument("folder", nargs="?", help="dossier de l'année (par défaut data/<année>)")
    p.add_argument("--year", type=int, default=2022)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("indicators", help="calculer la table des indicateurs")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--scope", default="ATE", help="ATE (tout le périmètre) ou un service")
    p.add_argument("--data", default=str(DATA_DIR), help="dossier des données (par défaut data/)")
    p.add_argument("--out", help="fichier CSV de sortie")
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser("render", help="produire le rapport (HTML et PDF) d'une année et d'un périmètre")
    _build_arguments(p, "dossier des rapports (par défaut build/rapport/)")
    p.add_argument("--to", default="html,pdf", help="formats : html, pdf ou html,pdf")
    p.add_argument("--force", action="store_true", help="tout réexécuter sans reprendre le cache")
    p.add_argument("--renderer", choices=RENDERERS, default="auto",
                   help="moteur de rendu : quarto, builtin (pandoc et Typst, sans Quarto) ou auto "
                        "(quarto s'il est sur le PATH, sinon builtin ; par défaut)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("stage", help="préparer le projet Quarto d'une année et d'un périmètre, pour quarto preview")
    _build_arguments(p, "dossier des projets (par défaut build/projet/)")
    p.set_defaults(func=cmd_stage)

    p = sub.add_parser("sample", help="régénérer le jeu de données d'exemple")
    p.add_argument("--out", default=str(DATA_DIR))
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("contract", help="afficher le contrat de données en Markdown")
    p.add_argument("--write", action="store_true", help="mettre à jour data/README.md")
    p.set_defaults(func=cmd_contract)
    p = sub.add_parser("notebooks", help="retirer les sorties des notebooks ou rafraîchir les références nbval")
    p.add_argument("action", choices=["strip", "refresh"])
    p.add_argument("paths", nargs="*", help="notebooks (par défaut tous ceux de notebooks/)")
    p.set_defaults(func=cmd_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``clu``."""
    from helpers.build.errors import NotebookFailed
    from helpers.build.publish import BuildBusy
    from helpers.config.settings import SettingsError

    args = build_parser().parse_args(argv)
    _setup_logging(args.debug)
    try:
        return args.func(args)
    except SettingsError as err:  # settings to fix: one French line per problem, status 2 (1 is for the data)
        for line in err.lines:
            print(line, file=sys.stderr)
        print(f"{len(err.lines)} problème(s) dans les réglages\u00a0: corriger puis relancer la commande.",
              file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return 2
    except NotebookFailed as err:  # located like a data problem: notebook, scope, cell, message
        for line in err.lines:
            print(line, file=sys.stderr)
        print("Un notebook s'est arrêté sur une erreur : corriger puis relancer "
              f"(« clu --debug {args.command} … » pour la trace complète).", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return 1
    except BuildBusy as err:
        print(err, file=sys.stderr)
        return 3
    except Exception as err:  # every failure reaches the analyst as one clear line
        if args.debug:
            traceback.print_exc()
            return 1
        from helpers.data.contract import ValidationFailed

        if isinstance(err, ValidationFailed):
            print(err.report(), file=sys.stderr)
            print("Les données ne respectent pas le contrat : lancer « clu validate » pour le détail.",
                  file=sys.stderr)
        else:
            message = (str(err).strip().splitlines() or [type(err).__name__])[0]
            print(f"erreur : {message} (relancer avec « clu --debug {args.command} … » pour le détail)",
                  file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
