"""« L'essentiel » (helpers.report.summary): each sentence from a tiny tidy table, in French."""

import pandas as pd

from helpers.config.settings import load_settings
from helpers.indicators.records import Indicator, indicator_table
from helpers.report import summary
from helpers.report.french import Names

NBSP = "\u00a0"
SETTINGS = load_settings()


def table(records_by_year: dict[int, list[Indicator]], scope: str = "ATE") -> pd.DataFrame:
    frames = [indicator_table(records, year, scope) for year, records in records_by_year.items()]
    return pd.concat(frames, ignore_index=True)


def rate(source, indicator, value, op=">=", target=85.0, label=None, decimals=1, denominator=100.0):
    return Indicator(source, indicator, label or indicator, value, "%", denominator=denominator, decimals=decimals,
                     target_op=op, target_value=target)


def count(source, indicator, value, label=None):
    return Indicator(source, indicator, label or indicator, value, "nombre", decimals=0)


def delay(source, indicator, value, label, op="<=", target=5.0):
    return Indicator(source, indicator, label, value, "jours", decimals=1, target_op=op, target_value=target)


def sentences(t: pd.DataFrame, scope: str = "ATE", actions: pd.DataFrame | None = None) -> dict[str, str]:
    return summary.sentences(t, 2022, scope, SETTINGS, actions)


def test_headline_figures_carry_their_change_since_last_year():
    t = table({2022: [rate("survey", "overall", 97.27), count("survey", "questionnaires", 165)],
               2021: [rate("survey", "overall", 98.4), count("survey", "questionnaires", 150)]})
    said = sentences(t)
    assert said["survey"] == (f"Enquête de satisfaction : 97,3{NBSP}% d’usagers satisfaits sur 165 questionnaires "
                              f"(98,4{NBSP}% en 2021, le taux recule).")


def test_a_delay_that_rose_lengthens_and_a_source_without_data_says_nothing():
    t = table({2022: [count("complaints", "reclamations", 1), count("complaints", "suggestions", 0),
                      count("complaints", "remerciements", 2),
                      delay("complaints", "complaints_mean_delay", 6.0, "Délai moyen de réponse")],
               2021: [delay("complaints", "complaints_mean_delay", 4.0, "Délai moyen de réponse")]})
    said = sentences(t)
    assert said["complaints"] == ("Registre des réclamations : 1 réclamation, aucune suggestion et 2 remerciements ; "
                                  f"délai moyen de réponse de 6,0{NBSP}jours (4,0{NBSP}jours en 2021, le délai "
                                  "s’allonge).")
    assert "baisse" not in said["complaints"]
    for source in ("survey", "mystery_calls", "training", "communication", "experiences"):
        assert source not in said


def test_targets_met_and_missed_count_each_indicator_once():
    t = table({2022: [rate("survey", "overall", 97.0), rate("complaints", "in_time", 80.0),
                      rate("dashboard", "in_time", 80.0, label="Taux de réponse dans le délai"),
                      rate("survey", "courtesy", 99.0)]})
    said = sentences(t)
    assert said["targets"] == "Sur 3 indicateurs dotés d’une cible, 2 l’atteignent et 1 ne l’atteint pas."
    assert said["missed"] == f"Cible non atteinte : in_time (80,0{NBSP}% pour une cible ≥ 85{NBSP}%)."
    exact = table({2022: [rate("dashboard", "update", 97.4, "=", 100.0, label="Taux de mise à jour")]})
    assert sentences(exact)["missed"] == (f"Cible non atteinte : taux de mise à jour (97,4{NBSP}% pour une cible "
                                          f"de 100{NBSP}%).")
    all_met = table({2022: [rate("survey", "overall", 97.0), rate("survey", "courtesy", 99.0)]})
    assert sentences(all_met)["targets"] == "Les 2 indicateurs dotés d’une cible l’atteignent tous."
    assert "missed" not in sentences(all_met)
    one = table({2022: [rate("survey", "overall", 80.0)]})
    assert sentences(one)["targets"] == "Le seul indicateur doté d’une cible ne l’atteint pas."


def test_what_changed_most_is_ranked_and_told_in_the_right_direction():
    t = table({2022: [rate("survey", "overall", 90.0, label="Taux de satisfaction général"),
                      rate("survey", "courtesy", 95.0, label="Courtoisie"),
                      rate("dashboard", "update", 97.4, "=", 100.0, label="Taux de mise à jour"),
                      rate("survey", "stable", 80.0)],
               2021: [rate("survey", "overall", 80.0, label="Taux de satisfaction général"),
                      rate("survey", "courtesy", 96.0, label="Courtoisie"),
                      rate("dashboard", "update", 100.0, "=", 100.0, label="Taux de mise à jour"),
                      rate("survey", "stable", 80.0)]})
    said = sentences(t)
    assert said["change_1"] == (f"Le taux de satisfaction général progresse de 10,0 points (80,0{NBSP}% en 2021, "
                                f"90,0{NBSP}% en 2022).")
    assert said["change_2"] == (f"Le taux de mise à jour recule de 2,6 points (100,0{NBSP}% en 2021, 97,4{NBSP}% en "
                                "2022) et s’éloigne de la cible.")
    assert said["change_3"].startswith(f"Le taux pour «{NBSP}Courtoisie{NBSP}» recule de 1,0 point (")
    assert summary.changed_flags(t, 2022) == {"change_1": True, "change_2": True, "change_3": True}
    unchanged = table({2022: [rate("survey", "stable", 80.0)], 2021: [rate("survey", "stable", 80.0)]})
    assert summary.changed_flags(unchanged, 2022) == {"change_1": False, "change_2": False, "change_3": False}


def test_a_rate_on_few_answers_is_not_compared_in_a_service_report():
    t = table({2022: [rate("survey", "overall", 100.0, denominator=3.0)],
               2021: [rate("survey", "overall", 83.3, denominator=6.0)]}, scope="DDT")
    said = sentences(t, "DDT")
    assert said["survey"] == f"Enquête de satisfaction : 100,0{NBSP}% (sur 3 réponses seulement) d’usagers satisfaits."


def test_the_intro_spells_out_the_scope_at_first_use():
    t = table({2022: [count("training", "agents_trained_total", 1)]}, scope="DDT")
    said = sentences(t, "DDT")
    assert said["intro"].startswith("Ce qu’il faut retenir de l’année 2022 pour la direction départementale des "
                                    "territoires (DDT) :")
    assert said["training"] == "Formation des agents : 1 formation suivie."


ACTIONS = pd.DataFrame({
    "theme": ["Accueil", "Accueil", "Transparence"],
    "action": ["Parcours d'accueil", "Orientation à la DDPP", "Étendre l'enquête"],
    "owner": ["Préfecture - accueil", "DDPP", "Préfecture - mission qualité"],
    "due": pd.to_datetime(["2023-07-01", "2023-10-01", "2023-04-01"]),
})


def test_the_plan_s_priorities_for_the_whole_scope_and_for_a_service():
    t = table({2022: [count("plan", "actions", 3)]})
    assert sentences(t, "ATE", ACTIONS)["plan"] == (
        f"Le plan d’amélioration 2023 compte 3 actions en 2 thèmes : «{NBSP}Accueil{NBSP}» (2 actions) et "
        f"«{NBSP}Transparence{NBSP}» (1 action). Première échéance : avril 2023, «{NBSP}Étendre l’enquête{NBSP}».")
    names = Names(SETTINGS["perimeter"]["names"])
    assert summary.plan(ACTIONS, "DDPP", False, names, 2022) == (
        f"Action pilotée par la DDPP dans le plan d’amélioration 2023 : «{NBSP}Orientation à la DDPP{NBSP}» "
        "(octobre 2023).")
    assert summary.plan(ACTIONS, "SGC-D", False, names, 2022) == (
        "Aucune action du plan d’amélioration 2023 n’est pilotée par le SGC-D ; le plan compte 3 actions pour "
        "l’ensemble du périmètre.")
    assert summary.plan(ACTIONS.iloc[0:0], "ATE", True, names, 2022) == (
        "Le plan d’amélioration 2023 ne compte encore aucune action.")
    # Without the plan file, its count from the tidy table; without a plan, nothing.
    assert sentences(t, "ATE", None)["plan"] == "Le plan d’amélioration 2023 compte 3 actions."
    assert "plan" not in sentences(table({2022: [count("survey", "questionnaires", 3)]}), "ATE", None)


def test_mystery_calls_name_each_part_with_a_value_and_spell_out_the_acronym():
    t = table({2022: [count("mystery_calls", "calls", 1), rate("mystery_calls", "svi", 92.0, ">"),
                      rate("mystery_calls", "standard", 100.0, ">"),
                      rate("mystery_calls", "after_transfer", None, ">")],
               2021: [rate("mystery_calls", "svi", 92.0, ">")]}, scope="DDT")
    assert sentences(t, "DDT")["mystery_calls"] == (
        f"Appels mystères (1 appel), part des points de la grille atteints : 92,0{NBSP}% pour le serveur vocal "
        f"interactif (SVI) (92,0{NBSP}% en 2021, le taux reste stable) et 100,0{NBSP}% au standard.")
