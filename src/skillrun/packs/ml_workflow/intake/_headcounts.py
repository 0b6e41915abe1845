"""Counts of people and places in a request: the team ("2 data scientists", "equipo de 3") and the sites
a population is spread over ("40 stores", "12 Werke"), which the design uses for maturity and for per-site
cadence and sizing. Part of ``_numbers.parse_quantities``; kept apart because these nouns are vocabulary,
not notation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._english import plural
from ..stats import plain_number

if TYPE_CHECKING:
    from ._numbers import Quantities

_TEAM_WORDS = (
    r"(?:people|persons?|ppl|engineers?|devs|developers|data scientists?|scientists|ml engineers?|analysts?|folks|"
    r"personas|ingenieros|cientificos de datos|personen|leute|entwickler|ingenieure|data scientists|personnes|ingenieurs|"
    r"pessoas|engenheiros|persone|ingegneri|个人|人)"
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "a couple of": 2, "a few": 3, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "ein": 1, "eine": 1,
    "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "solo": 1, "allein": 1,
    "两": 2, "三": 3, "四": 4, "五": 5,
}  # fmt: skip
_TEAM = re.compile(
    r"(?P<n>\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\s?(?:[a-z-]+\s)?" + _TEAM_WORDS + r"(?![a-z])"
    r"|(?:team|equipo|team aus|equipe) (?:of |de |von )?(?P<m>\d+|" + "|".join(_WORD_NUMBERS) + r")(?![a-z])"
)
_CLUSTER_NOUNS = {
    "stores": "store", "shops": "store", "branches": "branch", "hospitals": "hospital", "clinics": "clinic",
    "sites": "site", "plants": "plant", "warehouses": "warehouse", "restaurants": "restaurant", "schools": "school",
    "cities": "city", "regions": "region", "depots": "depot", "farms": "farm", "offices": "office", "factories": "plant",
    "wards": "ward", "practices": "practice", "pharmacies": "pharmacy", "dealerships": "dealership", "hotels": "hotel",
    "contact centres": "site", "contact centers": "site", "call centres": "site", "call centers": "site",
    "tiendas": "store", "sucursales": "branch", "hospitales": "hospital", "clinicas": "clinic", "almacenes": "warehouse",
    "lojas": "store", "filiais": "branch", "negozi": "store", "filiali": "branch", "ospedali": "hospital",
    "filialen": "branch", "geschafte": "store", "krankenhauser": "hospital", "kliniken": "clinic", "werke": "plant",
    "magasins": "store", "hopitaux": "hospital", "cliniques": "clinic", "usines": "plant", "agences": "branch",
    "门店": "store", "医院": "hospital", "仓库": "warehouse", "工厂": "plant",
}  # fmt: skip
_CLUSTER = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s?(?P<mult>k|thousand|tausend|mil|mille)?\s?(?:[a-z-]+\s){0,2}?(?P<noun>" + "|".join(sorted(_CLUSTER_NOUNS, key=len, reverse=True)) + r")(?![a-z])"
)
SITE_SINGULARS = {
    *_CLUSTER_NOUNS.values(),
    *"factory site location facility fab mine werk standort filiale tienda fabrica planta usine magasin".split(),
}


def read_team(found: Quantities, text: str) -> None:
    for match in _TEAM.finditer(text):
        raw = match.group("n") or match.group("m")
        size = int(raw) if raw.isdigit() else _WORD_NUMBERS.get(raw, 0)
        if 0 < size <= 500:
            found.team_size = size
            return


def read_clusters(found: Quantities, text: str) -> None:
    for match in _CLUSTER.finditer(text):
        # "~7k clinics" is 7,000 of them, not 7.
        count = int(float(match.group("num")) * (1000 if match.group("mult") else 1))
        noun = match.group("noun")
        if re.search(rf"\bwhich (?:of (?:our|the|these) )?(?:\w+ )?{noun}\b|\b{noun} (?:will|that will|are likely|likely to)\b", text):
            # The clinics are what is predicted ("which clinics will cancel"), so they are the units, not clusters.
            if count > (found.population or 0):
                found.population, found.population_noun = float(count), noun
            continue
        if 2 <= count <= 100_000 and count > (found.clusters or 0):
            found.clusters, found.cluster_noun = count, _CLUSTER_NOUNS[match.group("noun")]


def multiply_per_cluster(found: Quantities) -> None:
    """"12 factories with 300 machines each" is 3,600 machines, each scored once per run."""
    if found.population_per_cluster and found.clusters and found.population and found.population_noun:
        per = found.population
        found.population = per * found.clusters
        found.derived["population"] = (
            f"{plain_number(per)} {found.population_noun} per {found.cluster_noun} x {found.clusters:,} "
            f"{plural(found.cluster_noun or 'site')} = {plain_number(found.population)} {found.population_noun}"
        )
