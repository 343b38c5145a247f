"""The two dependency lists (pyproject.toml for pip, environment.yml for conda) name the same packages."""

import re
import tomllib

import yaml

from helpers.paths import PROJECT_ROOT

# Packages only one side needs: the interpreter and installers, Quarto (a conda package, fetched
# as a binary by the PyPI wrapper, so not installed by pip here).
CONDA_ONLY = {"python", "pip", "quarto", "pandoc"}
# Same package, different names on PyPI and conda-forge (conda ships pandoc itself as "pandoc").
CONDA_NAME = {"pypandoc-binary": "pypandoc", "typst": "typst-py"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pip_packages() -> set[str]:
    """Names of every dependency in pyproject.toml, extras included (PyPI spelling)."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {_name(r) for r in extra}
    return names


def conda_packages() -> set[str]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    return {_name(d) for d in env["dependencies"] if isinstance(d, str)}


def test_pyproject_and_environment_name_the_same_packages():
    pip, conda = {CONDA_NAME.get(n, n) for n in pip_packages()}, conda_packages() - CONDA_ONLY
    assert pip - conda == set(), "in pyproject.toml but not in environment.yml"
    assert conda - pip == set(), "in environment.yml but not in pyproject.toml"


def test_lock_file_pins_every_declared_package():
    pinned = {_name(line) for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines()
              if line and not line.startswith("#")}
    assert pip_packages() - pinned == set()
    assert all("==" in line for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines()
               if line and not line.startswith("#"))
