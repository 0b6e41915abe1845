"""What a non-English request scores, named in the report ("Binary classifier for applications", not "... workflow").

The entity lexicon knew mostly plural nouns outside English, and the quantifiers that pick out the thing
scored ("für jeden", "chaque", "cada", "ogni") were not read, so generic reports in other languages fell back
to "record". A class list in parentheses names labels, not the entity, and "cada" inside "SCADA" is no
quantifier. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request

CASES = [
    ("Versicherung: Für jeden Kfz-Antrag vorhersagen, ob der Kunde im ersten Jahr einen Schaden meldet; Bewertung beim Online-Abschluss, 200 ms.", "application"),
    ("Für jede Bestellung vorhersagen, ob sie storniert wird.", "order"),
    ("Prédire si chaque commande sera livrée en retard.", "order"),
    ("Estimar el precio de cada vivienda publicada en nuestro portal.", "property"),
    ("Plataforma de pagos: detectar comercios con comportamiento anómalo sin etiquetas; revisión diaria.", "merchant"),
    ("Prevedere per ogni ordine se arriverà in ritardo, calcolo ogni notte.", "order"),
    ("Predecir el gasto de cada socio en la tienda del club durante la próxima temporada.", "member"),
]  # fmt: skip


@pytest.mark.parametrize(("request_text", "entity"), CASES)
def test_the_entity_is_read_in_other_languages(request_text: str, entity: str) -> None:
    assert read_request(request_text).entity == entity


def test_a_class_list_in_parentheses_is_not_the_entity() -> None:
    brief = read_request("Clasificar los correos de atención al cliente por tipo de consulta (factura, avería, baja, otros), cada hora.")
    assert brief.entity != "invoice"


def test_scada_holds_no_quantifier() -> None:
    brief = read_request(
        "City water utility: leaks show up as odd night flow readings; ~2,000 SCADA sensors report every minute, "
        "only a dozen confirmed leaks; alerts within 30 minutes."
    )
    assert brief.entity == "sensor"


PEOPLE = [
    ("We mail 200k donors each quarter and want to predict which donors will give again within 90 days.", "donor"),
    ("Hotel group: predict which guests will book again within a year; 300k guests, monthly list.", "guest"),
    ("Supermarket: estimate each shopper's spend next month from loyalty-card history.", "shopper"),
    ("Seed company: predict which farmers will reorder next season, weekly list for the sales team.", "farmer"),
]  # fmt: skip


@pytest.mark.parametrize(("request_text", "entity"), PEOPLE)
def test_people_scored_by_generic_profiles_are_named(request_text: str, entity: str) -> None:
    # These fell back to "record" ("Binary classifier for records"), which the whole report then repeats.
    assert read_request(request_text).entity == entity
