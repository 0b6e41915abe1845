"""The grain of a forecast: what each series is kept per and the period of each value (rubric PD-02: the
target names its entity and window). "Forecast weekly sales per store" is a store-week target, "per SKU
per DC per day" a SKU-DC-day one; a profile's own grain (SKU-store-day) stands only when the request
states none. All patterns run on folded text (lower case, accents stripped: "stündlich" reads
"stundlich"), in English, Spanish, German, French and Chinese.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge import Domain

# The period a forecast is made for ("each hour", "per half hour", "15-minute intervals", "weekly"); the
# finest one named wins. Chinese has no word boundaries, so the Latin words are guarded by (?<![a-z]).
_GRAIN = [
    (re.compile(r"\b(?:(?:per|each|every|by) half[- ]hour|half[- ]hourly|(?<!next )30[- ]min(?:ute)?s?\b)"), "half hour"),
    (re.compile(r"(?<!next )\b(?P<n>5|10|15|20)[- ]min(?:ute)?s?\b"), "{n}-minute interval"),
    (re.compile(r"\b(?:per|each|every|by) minute\b"), "minute"),
    (re.compile(r"(?<![a-z])(?:(?:per|each|every|by|for each) hour\b|hourly|hour by hour|stundlich\w*|stunden(?:absatz|umsatz|nachfrage|werte?)|(?:pro|je) stunde\b|jede stunde\b|por hora|cada hora|par heure|chaque heure|每小时|逐小时|按小时)"), "hour"),
    (re.compile(r"(?<![a-z])(?:(?:per|each|every|by|for each) day\b|daily|day by day|taglich\w*|tages(?:absatz|umsatz|nachfrage|werte?)|(?:pro|je) tag\b|(?:an )?jede[nm] tag\b|diari[oa]s?|por dia\b|cada dia\b|quotidien\w*|journalier\w*|par jour|chaque jour|每天|每日|按天|逐日)"), "day"),
    (re.compile(r"(?<![a-z])(?:(?:per|each|every|by|for each) week\b|weekly|wochentlich\w*|wochen(?:absatz|umsatz|nachfrage|werte?)|(?:pro|je) woche\b|jede woche\b|semanal\w*|por semana|cada semana|hebdomadaire\w*|par semaine|chaque semaine|每周|按周)"), "week"),
    (re.compile(r"(?<![a-z])(?:(?:per|each|every|by|for each) month\b|monthly|monatlich\w*|monats(?:absatz|umsatz|nachfrage|werte?)|(?:pro|je) monat\b|jeden monat\b|mensual\w*|por mes\b|cada mes\b|mensuel\w*|par mois|chaque mois|每月|每个月|按月)"), "month"),
]  # fmt: skip

# A period word that says when the job runs, not what the forecast is per ("daily batch", "runs every
# morning", "se recalcula cada mañana", "calcul chaque nuit"): set aside before the grain is read.
_WHEN = (
    r"(?:day|week|month|hour|night|morning|evening|dia|semana|mes|hora|manana|noche|tag|woche|monat|stunde|nacht|"
    r"morgen|jour|semaine|mois|heure|nuit|matin|daily|weekly|monthly|hourly|nightly|taglich|wochentlich|monatlich)s?"
)
_CADENCE = re.compile(
    r"\b(?:daily|weekly|monthly|hourly|nightly|diari[oa]|semanal|mensual|nocturn[oa]|taglich\w*|wochentlich\w*|monatlich\w*|quotidien\w*|hebdomadaire|mensuel\w*)\s+"
    r"(?:batch|job|run|refresh|retrain\w*|update|schedule|process\w*|cron|proceso|lauf|traitement)\b"
    r"|\b(?:proceso|traitement|batch|job|lauf|run)\s+(?:diario|semanal|mensual|nocturno|quotidien|hebdomadaire|mensuel|taglich|wochentlich|daily|weekly|nightly)\b"
    r"|\b(?:runs?|running|refresh\w*|updat\w*|schedul\w*|recomput\w*|comput\w*|retrain\w*|recalcul\w*|ejecut\w*|actualiz\w*|lauft|laufen|aktualisiert|berechnet|calcul\w*|lance\w*|execut\w*|mis a jour)"
    rf"\s+(?:once\s+)?(?:(?:every|each|a|per|once a|cada|todos los|todas las|jeden|jede|chaque|tous les)\s+)?{_WHEN}\b"
    r"|\bevery (?:morning|night|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|每(?:天|日|周|月|小时)(?:运行|跑|更新|计算|批量)"
)  # fmt: skip


def forecast_grain(folded: str) -> str | None:
    """The period a forecast is made for, if the request names one; the finest form found wins."""
    for pattern, grain in _GRAIN:
        m = pattern.search(folded)
        if m:
            return grain.replace("{n}", m.group("n")) if "{n}" in grain else grain
    return None


def forecast_period(folded: str) -> str | None:
    """The period a forecast is per, leaving out the words that say when the job runs."""
    keyed = _KEYED.search(folded)  # "at store-week level": the key names its period
    return keyed.group("period") if keyed else forecast_grain(_CADENCE.sub(" ", folded))


_KEY_PART = r"(?:sku|store|dc|region|item|product|category|article|artikel|filiale|magasin|tienda)"
_KEYED = re.compile(rf"(?<![a-z]){_KEY_PART}(?:[-/x]{_KEY_PART})*-(?P<period>hour|day|week|month)(?![a-z])")


# A noun of the series table counts when a grouping word comes before it ("per store", "for each of our
# 80 stores", "cada tienda", "jede Filiale", "par magasin", "每个门店"), or when it is joined to one that
# counts ("per store and SKU", "store-SKU", "8,000 products per store", "each product in 300 stores").
_GROUPING = (
    r"(?:(?<![a-z])(?:per|each|every|by|across|for (?:each|every|all|the top)|in (?:each|every)|at (?:each|every)|por|cada|"
    r"en cada|pro|je|jede[nmrs]?|fur jede[nmrs]?|nach|par|chaque|pour chaque|dans chaque)\s+"
    r"(?:(?:(?:one|un[oa]|eine[nmrs]?|chacun)\s)?(?:of|de|der|des)\s(?:our|the|its|their|nuestr[oa]s|l[oa]s|unserer|den|nos|ses)\s)?"
    r"|每一?个|每一?家|每|各个?|分)(?:\d[\d,. ]*k?\s)?(?:[a-z-]+\s)??$"
)
# "at store-week level", "store level", "a nivel de tienda" is grouped too.
_LEVEL = re.compile(r"(?:[-/x][a-z]+)*[- ](?:level|grain|granularity)\b")
_JOINED = re.compile(
    r"\s*(?:[-/&,x、和与及]|and|y|und|et|in|en|at|dans|im|in den|per|each|by|por|pro|je|par)?\s*"
    r"(?:(?:our|the|all|nuestras|las|los|nos|les|unseren|den)\s)?(?:\d[\d,. ]*k?\s)?"
)


@cache
def _series_nouns(table: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    names = "|".join(f"(?P<{name}>{'|'.join(words)})" for name, words in table)
    return re.compile(rf"(?<![a-z])(?:{names})(?![a-z])")


def stated_series(folded: str, table: dict[str, list[str]]) -> str | None:
    """The series a retail forecast is kept per, as the request groups it ("per SKU per DC" -> SKU-DC)."""
    nouns = _series_nouns(tuple((name, tuple(words)) for name, words in table.items()))
    found = [(m.start(), m.end(), m.lastgroup) for m in nouns.finditer(folded)]
    counted = [
        bool(re.search(_GROUPING, folded[max(0, start - 60) : start]) or _LEVEL.match(folded, end))
        for start, end, _ in found
    ]
    for _ in range(2):  # forwards, then backwards: "8,000 products per store" counts the products too
        for i in range(1, len(found)):
            if _JOINED.fullmatch(folded[found[i - 1][1] : found[i][0]]) and (counted[i - 1] or counted[i]):
                counted[i - 1] = counted[i] = True
    names = {name for (_, _, name), keep in zip(found, counted, strict=True) if keep}
    return "-".join(name for name in table if name in names) or None


def with_grain(domain: Domain, series: str | None, period: str | None) -> Domain:
    """A forecast profile kept per the series and period the request states (PD-02); its own otherwise."""
    series, period = series or domain.entity, period or domain.period
    if (series, period) == (domain.entity, domain.period):
        return domain
    return domain.model_copy(update={"entity": series, "period": period, "unit": f"{series}-{period}"})
