"""The report's title and the words for entities and horizons."""

from __future__ import annotations

import re

from ..knowledge import Domain
from ._numbers import Quantities

_ENGLISH_NOUNS = {
    "users": "user", "customers": "customer", "clients": "customer", "subscribers": "subscriber", "members": "member",
    "readers": "reader", "viewers": "viewer", "players": "player", "accounts": "account", "patients": "patient",
    "employees": "employee", "usuarios": "user", "clientes": "customer", "pacientes": "patient", "empleados": "employee",
    "nutzer": "user", "kunden": "customer", "patienten": "patient", "mitarbeiter": "employee", "utilisateurs": "user",
    "abonnes": "subscriber", "salaries": "employee", "用户": "user", "客户": "customer", "患者": "patient", "员工": "employee",
    "turbines": "turbine", "machines": "machine", "assets": "asset", "vehicles": "vehicle", "trucks": "truck",
    "devices": "device", "sensors": "sensor", "stores": "store",
}  # fmt: skip
_PEOPLE_ENTITIES = {"subscriber", "customer", "user", "member"}
_ASSET_ENTITIES = {"asset"}
_ITEMS = re.compile(r"\b(article|news|video|movie|film|song|music|podcast|product|course|job|recipe|game|book|restaurant|hotel|listing)s?\b")
_TOPIC = re.compile(
    r"(?:predict|forecast|detect|classify|categori[sz]e|estimate|recommend|rank|flag|score|identify|segment|extract|map)\w*\s+"
    r"(?:which |the |whether |if |our |all |likely )?(?P<what>[a-z][a-z -]{3,40}?)(?=\s(?:so|for|to|in|at|from|with|using|based|that|before|after|and|on|per|by)\b|[.,;!?]|$)"
)
_LABELS = {
    "binary_classification": "Binary classifier", "multiclass_classification": "Multiclass classifier",
    "multilabel_classification": "Multilabel classifier", "regression": "Regression model", "ranking": "Ranking model",
    "recommendation": "Recommender", "forecasting": "Forecasting model", "anomaly_detection": "Anomaly detection",
    "text_classification": "Text classifier", "sequence_labeling": "Sequence labeling", "image_classification": "Image classifier",
    "object_detection": "Object detection", "image_segmentation": "Image segmentation",
    "audio_classification": "Audio classifier", "uplift_modeling": "Uplift model",
}  # fmt: skip


def horizon_text(days: float) -> str:
    if days < 1:
        return f"{days * 24:g} hours"
    if days >= 365 and days % 365 == 0:
        return f"{days / 365:g} year" + ("s" if days > 365 else "")
    if days >= 60 and days % 30 == 0:
        return f"{days / 30:g} months"
    return f"{days:g} day" + ("s" if days != 1 else "")


_VERB = re.compile(
    r"(?:predict|forecast|estimat|score|classif|flag|rank|detect|pick|select|triage|identify|tag|segment|extract|"
    r"which|each|every|whether|per\b|pronostic|predecir|prever|prevedere|vorhersag|prevoir|predire|预测)"
)
_TOKEN = re.compile(r"[a-z]+|[\u3400-\u9fff]+")
_LOOKAHEAD = 8


def entity_from_text(folded: str, words: dict[str, str], population_noun: str | None) -> str | None:
    """The noun a request predicts about ("claim", "player"), for requests no domain profile fits.

    The counted noun ("1,500 claims per day") wins; else the first entity noun within a few words after
    a prediction verb ("score every new claim"); else the first entity noun anywhere.
    """
    if population_noun and population_noun in words:
        return words[population_noun]
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(folded)]
    verb = _VERB.search(folded)
    if verb:
        after = [t for pos, t in tokens if pos >= verb.end()][:_LOOKAHEAD]
        for token in after:
            if token in words:
                return words[token]
    for _, token in tokens:
        if token in words:
            return words[token]
        for word, entity in words.items():
            if not word.isascii() and word in token:
                return entity
    return None


def entity_for(domain: Domain | None, qty: Quantities) -> str:
    noun = _ENGLISH_NOUNS.get(qty.population_noun or "") if qty.population_noun else None
    if domain is None:
        return noun or "record"
    if noun and (domain.entity in _PEOPLE_ENTITIES and noun in _PEOPLE_ENTITIES | {"reader", "viewer", "player", "account"}):
        return noun
    if noun and domain.entity in _ASSET_ENTITIES and noun not in _PEOPLE_ENTITIES:
        return noun
    return domain.entity


def project_name(domain: Domain | None, score: float, pt: str, entity: str, horizon_days: float, folded: str) -> str:
    if domain is not None and score > 0:
        item = _ITEMS.search(folded)
        name = domain.name.replace("{Entity}", entity[:1].upper() + entity[1:])
        name = name.replace("{Item}", (item.group(1).capitalize() if item else "Item"))
        return name.replace("{horizon}", horizon_text(horizon_days))
    topic = _TOPIC.search(folded)
    if topic:
        what = " ".join(topic.group("what").split()[:5])
        return f"{_LABELS[pt]}: {what}"
    return f"{_LABELS[pt]} workflow"
