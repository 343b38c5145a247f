"""Settings are checked: the shipped file loads; every bad value is one French line naming file, key and value."""

import os
import subprocess
import sys

import pytest
import yaml

import helpers.config.settings as settings_module
from helpers.config.schema import Settings
from helpers.config.settings import SettingsError, load_settings, resolve, with_overrides
from helpers.paths import DATA_DIR, PROJECT_ROOT, SETTINGS_FILE

NBSP = "\u00a0"
ENGLISH = ("Input should", "field required", "Field required", "validation error", "Extra inputs",
           "errors.pydantic.dev", "type=", "Traceback", "Error")


def q(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A working folder of its own: a settings file in it is named as the user names it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems_of(folder, text: str, name: str = "réglages.yaml") -> list[str]:
    """The lines of the SettingsError that an override file with ``text`` raises."""
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(name)
    return caught.value.lines


def assert_french(line: str) -> None:
    """No English word from pydantic, non-breaking spaces inside « », typographic apostrophes."""
    assert not [word for word in ENGLISH if word in line], line
    assert "« " not in line and " »" not in line, line
    assert "'" not in line.split(" — ", 1)[1], line


def test_the_shipped_settings_load_as_plain_dicts():
    settings = load_settings()
    shipped = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
    assert set(settings) == set(shipped)
    assert isinstance(settings["survey"], dict) and isinstance(settings["perimeter"]["services"], list)
    assert settings["targets"]["survey"] == shipped["targets"]["survey"]  # the values as written (85, not 85.0)
    assert type(settings["targets"]["survey"]["value"]) is type(shipped["targets"]["survey"]["value"])
    assert settings["survey"]["quote_comments"] is shipped["survey"].get("quote_comments", True)


def test_every_key_of_the_shipped_file_is_in_the_schema_and_every_required_key_in_the_file():
    shipped = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))

    def required(model):
        return {name for name, info in model.model_fields.items() if info.is_required()}

    assert required(Settings) == set(shipped)
    for name, info in Settings.model_fields.items():
        if hasattr(info.annotation, "model_fields"):
            assert required(info.annotation) <= set(shipped[name]) <= set(info.annotation.model_fields), name


def test_a_returned_dict_is_a_copy():
    load_settings()["perimeter"]["services"].append("X")
    assert "X" not in load_settings()["perimeter"]["services"]


# Each bad override: the key its only line names, and a piece of what that line says is expected.
BAD = {
    "validation: {max_problems_per_file: 0}\n": ("validation.max_problems_per_file", "un nombre entier positif"),
    'counters: "x"\n': ("counters", "une table non vide"),
    "counters: [DMI, BER]\n": ("counters", "une table non vide"),
    'survey: {satisfied_min_score: "six"}\n': ("survey.satisfied_min_score", "un nombre entier de 1 à 10"),
    'small_counts: {min_answers: "10"}\n': ("small_counts.min_answers", "sans guillemets"),
    'targets: {survey: {op: "≈", value: 85}}\n': ("targets.survey.op", f"{q('>=')}, {q('>')}"),
    "targets: {survey: {op: '>=', value: 185}}\n": ("targets.survey.value", "de 0 à 100"),
    "targets: {complaints: {op: '>=', value: 85}}\n": ("targets.complaints", "clé inconnue"),
    "survey:\n  satisfied_min_scor: 7\n": ("survey.satisfied_min_scor",
                                           f"vouliez-vous dire {q('survey.satisfied_min_score')}"),
    "survey: {satisfied_min_score: 10}\n": ("survey.satisfied_min_score", "au plus survey.very_satisfied_min_score"),
    "survey: {very_satisfied_min_score: 5}\n": ("survey.very_satisfied_min_score",
                                                "au moins survey.satisfied_min_score"),
    "survey: {satisfied_min_score: 11}\n": ("survey.satisfied_min_score", "un nombre entier de 1 à 10"),
    "survey: {satisfied_min_score: 6.5}\n": ("survey.satisfied_min_score", "un nombre entier"),
    "survey: {combine_scores: mean}\n": ("survey.combine_scores", q("counter_mean")),
    "survey: {praise_comment_kinds: félicitations}\n": ("survey.praise_comment_kinds", "une liste non vide"),
    "survey: {quote_comments: oui}\n": ("survey.quote_comments", "true ou false"),
    "survey: {score_max: 1}\n": ("survey.score_max", "supérieur à survey.score_min"),
    "complaints:\n  deadline_working_days:\n    courriel: -3\n": ("complaints.deadline_working_days.courriel",
                                                                 "positif"),
    "complaints:\n  deadline_working_days:\n    courriels: 5\n": ("complaints.deadline_working_days.courriels",
                                                                 f"vouliez-vous dire {q('courriel')}"),
    "complaints: {deadline_working_days: [5, 10]}\n": ("complaints.deadline_working_days", "pour chaque canal"),
    "complaints: {kinds_answered: [réclamation, réclamation]}\n": ("complaints.kinds_answered[2]", "qu’une fois"),
    "complaints: {holidays_country: XX}\n": ("complaints.holidays_country", "holidays"),
    "small_counts: {policy: hide}\n": ("small_counts.policy", q("mask")),
    "perimeter: {whole_scope: DDT}\n": ("perimeter.whole_scope", "différent de chaque service"),
    "perimeter: {services: []}\n": ("perimeter.services", "une liste non vide"),
    "perimeter: {services: [Préfecture, DDPP, DDT, DDETS, ' ', Sous-préfecture de Montargis,"
    " Sous-préfecture de Pithiviers]}\n": ("perimeter.services[5]", "un nom de service"),
    "perimeter: {platform_structures: {DDT du Loiret: DDTM}}\n": ("perimeter.platform_structures.DDT du Loiret",
                                                                  "un service de perimeter.services"),
    "synthesis:\n  key_indicators:\n    - {source: survay, indicator: overall}\n": (
        "synthesis.key_indicators[1].source", f"vouliez-vous dire {q('survey')}"),
    "programme: {history: [{year: deux mille, label: x}]}\n": ("programme.history[1].year", "une année"),
    "surveys: {}\n": ("surveys", f"vouliez-vous dire {q('survey')}"),
    "counters: {1: Accueil}\n": ("counters.1", "un code de guichet"),  # a key, not a position
    "survey: null\n": ("survey", "une table"),
}


@pytest.mark.parametrize("text", BAD)
def test_a_bad_value_is_one_french_line_naming_file_key_and_value(here, text):
    key, expected = BAD[text]
    lines = problems_of(here, text)
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("réglages.yaml, ligne "), line  # as the file was named, and where
    assert f"clé {q(key)}{NBSP}:" in line
    assert expected in line
    assert_french(line)



def test_the_example_of_the_issue_word_for_word(here):
    assert problems_of(here, 'survey: {satisfied_min_score: "six"}\n') == [
        f"réglages.yaml, ligne 1, clé {q('survey.satisfied_min_score')}{NBSP}: valeur {q('six')} — "
        f"attendu{NBSP}: un nombre entier de 1 à 10"]


def test_several_problems_are_one_line_each_at_their_line(here):
    lines = problems_of(here, "survey:\n  combine_scores: mean\n  satisfied_min_scor: 7\n"
                              "validation:\n  max_problems_per_file: 0\n")
    assert [line.split(", clé")[0] for line in lines] == ["réglages.yaml, ligne 2", "réglages.yaml, ligne 3",
                                                           "réglages.yaml, ligne 5"]


def test_a_wrong_value_is_told_in_the_file_that_wrote_it(here):
    """satisfied > very satisfied: the line names the key the override wrote, not the default it clashes with."""
    (line,) = problems_of(here, "survey:\n  very_satisfied_min_score: 5\n")
    assert line.startswith(f"réglages.yaml, ligne 2, clé {q('survey.very_satisfied_min_score')}")
    assert "un nombre entier de 6 à 10" in line


def test_a_missing_key_of_the_defaults_is_named(here, monkeypatch):
    shipped = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
    del shipped["small_counts"]["policy"]
    defaults = here / "defaut.yaml"
    defaults.write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(settings_module, "SETTINGS_FILE", defaults)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    (line,) = caught.value.lines
    assert line.startswith("defaut.yaml, ligne ")
    assert f"clé {q('small_counts.policy')}{NBSP}: clé absente — attendu{NBSP}: {q('caution')}" in line


def test_every_complaint_channel_needs_a_deadline(here, monkeypatch):
    shipped = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
    del shipped["complaints"]["deadline_working_days"]["urne"]
    (here / "defaut.yaml").write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(settings_module, "SETTINGS_FILE", here / "defaut.yaml")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    (line,) = caught.value.lines
    assert f"clé {q('complaints.deadline_working_days')}" in line and f"manque {q('urne')}" in line


@pytest.mark.parametrize("text, line, what", [
    ("lol: &a [lol, lol]\nlol2: &b [*a, *a, *a]\nlol3: [*b, *b, *b]\n", 1, f"{q('&a')} refusé (ancre ou alias YAML)"),
    ("survey:\n  satisfied_min_score: *six\n", 2, f"{q('*six')} refusé"),
    ("survey:\n  satisfied_min_score: 7\n   x: : 3\n", 3, "YAML illisible"),
    ("survey:\n\tsatisfied_min_score: 7\n", 2, "une tabulation"),
    ('survey: {combine_scores: "pooled}\n', 1, "YAML illisible"),
    ("survey:\n  satisfied_min_score: 7\n  satisfied_min_score: 8\n", 3, "clé écrite deux fois"),
    ("- survey\n- counters\n", 1, "contenu"),
])
def test_a_file_that_cannot_be_read_as_settings_is_one_line_with_its_line(here, text, line, what):
    (found,) = problems_of(here, text)
    assert found.startswith(f"réglages.yaml, ligne {line}")
    assert what in found
    assert_french(found)


def test_an_unreadable_or_absent_file_is_one_french_line(here):
    (here / "latin1.yaml").write_bytes("perimeter: {name: Préfecture}\n".encode("latin-1"))
    with pytest.raises(SettingsError) as caught:
        load_settings("latin1.yaml")
    assert caught.value.lines == [f"latin1.yaml{NBSP}: caractères illisibles — attendu{NBSP}: un fichier texte "
                                  "encodé en UTF-8"]
    with pytest.raises(SettingsError) as caught:
        load_settings("absent.yaml")
    assert caught.value.lines[0].startswith(f"absent.yaml{NBSP}: fichier introuvable")


def test_command_line_settings_come_last_and_are_checked_like_a_file(here):
    (here / "reglages.yaml").write_text("survey: {satisfied_min_score: 7, very_satisfied_min_score: 9}\n",
                                        encoding="utf-8")
    settings = resolve("reglages.yaml", ["survey.satisfied_min_score=8", "targets.survey.op=>"])
    assert settings["survey"]["satisfied_min_score"] == 8 and settings["survey"]["very_satisfied_min_score"] == 9
    assert settings["targets"]["survey"] == {"op": ">", "value": 85}
    with pytest.raises(SettingsError) as caught:
        resolve(None, ["survey.satisfied_min_score=onze", "sans-egal"])
    (line,) = caught.value.lines
    assert line.startswith(f"option --set{NBSP}: valeur {q('sans-egal')}")
    with pytest.raises(SettingsError) as caught:
        resolve(None, ["survey.satisfied_min_score=onze"])
    assert caught.value.lines[0].startswith(
        f"option --set, clé {q('survey.satisfied_min_score')}{NBSP}: valeur {q('onze')}")


def test_an_override_file_changed_in_place_is_read_again(here):
    path = here / "reglages.yaml"
    path.write_text("survey: {satisfied_min_score: 7}\n", encoding="utf-8")
    assert load_settings(path)["survey"]["satisfied_min_score"] == 7
    path.write_text("survey: {satisfied_min_score: 8, combine_scores: pooled}\n", encoding="utf-8")
    assert load_settings(path)["survey"]["satisfied_min_score"] == 8


def test_notebook_overrides_are_checked_and_told_as_such():
    settings = load_settings()
    assert with_overrides(settings, {"survey": {"satisfied_min_score": 7}})["survey"]["satisfied_min_score"] == 7
    assert with_overrides(settings, None) == settings
    with pytest.raises(SettingsError) as caught:
        with_overrides(settings, {"survey": {"satisfied_min_score": 10}})
    (line,) = caught.value.lines
    assert line.startswith(f"paramètres du notebook, clé {q('survey.satisfied_min_score')}{NBSP}: valeur {q('10')}")


def test_clu_with_bad_settings_exits_2_with_french_lines_and_no_traceback(here):
    (here / "mauvais.yaml").write_text('survey:\n  satisfied_min_score: "six"\n  satisfied_min_scor: 7\n',
                                       encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "helpers.cli", "--settings", "mauvais.yaml", "validate",
                           str(DATA_DIR / "2022")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"mauvais.yaml, ligne 2, clé {q('survey.satisfied_min_score')}")
    assert lines[1].startswith(f"mauvais.yaml, ligne 3, clé {q('survey.satisfied_min_scor')}")
    assert lines[2] == f"2 problème(s) dans les réglages{NBSP}: corriger puis relancer la commande."
    for line in lines[:2]:
        assert_french(line)
    assert "Traceback" not in done.stderr
