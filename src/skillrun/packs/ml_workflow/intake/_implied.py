"""Volumes a request implies without stating them, each with the arithmetic for the brief's assumptions:

- a fleet and the cadence its data arrives at: "500 robots send telemetry every 10 seconds" = 50/s;
- forecast series, the product of what they are kept per: "per SKU per store, 40k SKUs, 180 stores" = 7.2M,
  times the refreshes a day when the forecast says it is updated every few minutes;
- a rate per site times the sites: "~30 parcels/second per line, 4 lines" = 120/s.

Conservative on purpose: a cadence counts only when its sentence says what follows it (the fleet's
readings, which are scored one by one only when serving is online, or the scores themselves: "updated
every 5 minutes"), and a product only when the request gives every factor. Works on folded,
number-normalised text; ``counts`` are the numbers ``_numbers`` found, as ``(value, start, end)``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from .._english import plural
from ..stats import per_second, plain_number

Count = tuple[float, int, int]


class Implied(NamedTuple):
    daily: float
    """Items per day (rows per run for a forecast without a cadence)."""
    why: str
    stream: bool
    """Arrives at a steady cadence, so the peak is the average: ``daily / 86,400`` per second."""
    scored: bool
    """The request says the scores follow it; a fleet's data cadence alone is the scoring cadence only when
    every reading is scored on arrival (streaming or real-time serving)."""
    members: float | None = None
    """The fleet's size: what a batch run scores once each when only the data follows the cadence."""


# --- a fleet and its cadence ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[;!?\n。；！？]")

# Things that come in fleets and report on their own, plural (en, es, de, fr, it, pt, zh).
_FLEET = (
    r"(?:smart |electricity |water |gas )?meters|stations|substations|robots|sensors|devices|turbines|vehicles|"
    r"trucks|cars|machines|pumps|cameras|drones|buses|scooters|bikes|gateways|elevators|compressors|"
    r"transformers|boilers|engines|assets|terminals|atms|kiosks|thermostats|trackers|wearables|chargers|"
    r"racks|servers|hosts|routers|switches|probes|beacons|"
    r"inverters|estaciones|sensores|dispositivos|maquinas|vehiculos|camiones|medidores|contadores|turbinas|"
    r"camaras|bombas|stationen|sensoren|gerate|maschinen|fahrzeuge|zahler|anlagen|roboter|turbinen|kameras|"
    r"pumpen|capteurs|appareils|vehicules|camions|compteurs|eoliennes|pompes|bornes|sensori|dispositivi|"
    r"macchine|veicoli|contatori|telecamere|veiculos|设备|传感器|电表|机器人|风机|车辆|摄像头|终端|站点"
)
_FLEET_AFTER_COUNT = re.compile(rf"^\s?(?:[a-z-]+\s){{0,2}}?[台个辆套块只座]?(?P<noun>{_FLEET})(?![a-z])")

_UNIT_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "sekunde": 1, "sekunden": 1, "seconde": 1,
    "secondes": 1, "segundo": 1, "segundos": 1, "secondo": 1, "secondi": 1, "秒": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60, "minuten": 60, "minuto": 60, "minutos": 60,
    "minuti": 60, "分钟": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "stunde": 3600, "stunden": 3600,
    "heure": 3600, "heures": 3600, "hora": 3600, "horas": 3600, "ora": 3600, "ore": 3600, "小时": 3600,
    "hourly": 3600, "minutely": 60,
}  # fmt: skip
_UNITS = "|".join(
    sorted((u for u in _UNIT_SECONDS if u.isascii() and not u.endswith("ly")), key=len, reverse=True)
)
_ONE_UNIT = r"second|minute|hour|sekunde|stunde|seconde|heure|segundo|minuto|hora|secondo|ora"
# Not "resolution" or "granularity": "at 15-minute resolution" is how fine a forecast is, not how often it runs.
_DATA_NOUNS = r"(?:interval )?(?:readings?|telemetry|data|updates?|samples?|measurements?)"
# How often: "every 10 seconds", "alle 10 Sekunden", "toutes les 5 minutes", "once a minute",
# "jede Minute", "15-minute readings", "hourly readings", "每10秒" (not "每秒3000笔", a rate).
_CADENCE = re.compile(
    rf"(?<![a-z])(?:every|each|cada|a cada|alle|toutes les|tous les|ogni) (?P<n>\d+(?:\.\d+)?) ?(?P<u>{_UNITS})(?![a-z])"
    rf"|(?<![a-z])(?:every|each|jede[nrs]?|chaque|cada|ogni|once (?:a|an|per|every)) (?P<u1>{_ONE_UNIT})(?![a-z])"
    rf"|(?<![\d.])(?P<n2>\d+(?:\.\d+)?)[- ]?(?P<u2>{_UNITS})[- ]{_DATA_NOUNS}(?![a-z])"
    rf"|(?<![a-z])(?P<u3>hourly|minutely) {_DATA_NOUNS}(?![a-z])"
    r"|每(?P<n4>\d+)?(?P<u4>秒|分钟|小时)(?![\d约])"
)
# The scores themselves follow the cadence ("600 stations, updated every 5 minutes").
_SCORES = re.compile(
    r"updat|refresh|re-?scor|re-?comput|recalculat|re-?run|(?<![a-z])(?:predictions|scores)(?![a-z])|"
    r"aktualisier|actualiza|mis a jour|mise a jour|aggiorn|atualiz|更新|刷新"
)
# The fleet's data follows it; each reading is scored only when serving is online.
_DATA = re.compile(
    r"telemetr|reading|measur|sample|report|send|sent|emit|stream|push|transmit|ping|heartbeat|"
    r"(?<![a-z])(?:logs?|data|messages?|events?|signals?|status|positions?|locations?|gps)(?![a-z])|"
    r"lectura|medicion|datos|envia|messwert|daten|sendet|senden|meldet|melden|messung|"
    r"mesure|donnees|releve|envoi|remont|lettur|misur|dati|invia|leitura|medicao|dados|enviam|"
    r"上报|数据|读数|发送|采集|遥测"
)
# ... and what says it is neither: the model's or the machines' own schedule.
_NOT_DATA = re.compile(
    r"retrain|re-train|train the|maintenance|maintained|serviced|servicing|calibrat|backup|backed up|inspected|"
    r"inspection|replaced|dashboard|screen"
)


class _Cadence(NamedTuple):
    seconds: float
    scored: bool
    sentence: tuple[int, int]
    index: int
    """Which sentence of the text."""
    span: tuple[int, int]


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        bounds.append((start, end.start()))
        start = end.end()
    return [*bounds, (start, len(text))]


def _cadences(text: str, spans: list[tuple[int, int]]) -> Iterator[_Cadence]:
    starts = [lo for lo, _ in spans]
    said: dict[int, bool | None] = {}  # per sentence: scores follow (True), data only (False), neither (None)
    for match in _CADENCE.finditer(text):
        groups = {name[0]: value for name, value in match.groupdict().items() if value}  # n, n2.. and u, u1..
        seconds = float(groups.get("n", 1)) * _UNIT_SECONDS[groups["u"]]
        index = bisect_right(starts, match.start()) - 1
        if index not in said:
            sentence = text[slice(*spans[index])]
            scored = None if _NOT_DATA.search(sentence) else _SCORES.search(sentence) is not None
            said[index] = None if scored is False and not _DATA.search(sentence) else scored
        if 1 <= seconds <= 86_400 and said[index] is not None:
            yield _Cadence(seconds, bool(said[index]), spans[index], index, match.span())


def _fleets_in(text: str, counts: list[Count], lo: int, hi: int) -> list[tuple[float, str]]:
    """Every "<count> <fleet noun>" that starts between ``lo`` and ``hi``, in order (``counts`` are in
    text order)."""
    first = bisect_left(counts, (lo,), key=lambda count: (count[1],))
    found = []
    for value, start, end in counts[first:]:
        if start >= hi:
            break
        if noun := _FLEET_AFTER_COUNT.match(text[end : end + 40]):
            found.append((value, noun.group("noun")))
    return found


def _every(seconds: float) -> str:
    for size, name in ((3600, "hour"), (60, "minute"), (1, "second")):
        if seconds % size == 0:
            n = seconds / size
            return f"every {name}" if n == 1 else f"every {plain_number(n)} {name}s"
    return f"every {plain_number(seconds)} seconds"


def _stem(noun: str) -> str:
    """Enough of a plural to find its singular ("buses" -> "bus", "Sensoren" -> "sensor")."""
    return noun[:-2] if noun.isascii() and len(noun) > 4 else noun


def _fleet(
    text: str, counts: list[Count], cadence: _Cadence, spans: list[tuple[int, int]]
) -> tuple[float, str] | None:
    """The fleet nearest the cadence in its sentence, else one the sentence before counted:
    "We run 2,000 buses. Each bus sends its position every 30 seconds."."""
    (lo, hi), (start, end) = cadence.sentence, cadence.span
    nearest = _fleets_in(text, counts, lo, start)[-1:] + _fleets_in(text, counts, end, hi)[:1]
    if nearest:
        return nearest[0]
    earlier = _fleets_in(text, counts, *spans[cadence.index - 1])[-1:] if cadence.index else []
    if earlier and re.search(rf"(?<![a-z]){re.escape(_stem(earlier[0][1]))}", text[lo:hi]):
        return earlier[0]
    return None


# --- forecast series -------------------------------------------------------------------------------

_FORECAST = re.compile(r"forecast|prevision|previsao|pronostic|prognos|previsione|预测|预报")
# Words after "per" or "each" that are no count of things: times, people (a capacity), serving capacity,
# and words that only lead on to the noun.
_NOT_UNITS = frozenset(
    "the a an our their its this that these those each every all one other same se cent capita of which with "
    "from to for in on at and or ogni cada chaque "
    "second seconds minute minutes hour hours day days night nights week weeks month months year years quarter "
    "time period horizon date run runs batch shift shifts cycle window session level basis dia tag jour semaine "
    "semana woche mes monat mois "
    "person people agent agents analyst analysts reviewer reviewers investigator investigators nurse nurses "
    "doctor doctors clinician clinicians engineer engineers rep reps coordinator coordinators auditor auditors "
    "inspector inspectors moderator moderators annotator annotators caseworker caseworkers officer officers "
    "adjuster adjusters underwriter underwriters staff team head fte worker workers employee employees "
    "replica replicas pod pods node nodes server servers instance instances gpu gpus cpu cpus core cores "
    "container containers thread threads process partition partitions shard shards".split()
)
_NOUN = r"[a-z][a-z-]{1,24}"
_OF_OUR = r"(?:of (?:our|the|its|these|all|those) )?(?:(?P<{n}>\d+(?:\.\d+)?) )?"
_PER_WORD = r"per ogni|per|for each|for every|each|every|by|por cada|para cada|por|pour chaque|par|pro|je|fur jede[nrs]?"
_SERIES = re.compile(
    rf"(?<![a-z])(?:{_PER_WORD}) {_OF_OUR.format(n='n')}(?P<x>{_NOUN})"
    rf"(?:(?:\s?(?:and|y|und|et|e|x|×|/)(?![a-z])\s?(?:(?:per|in each|at each|in every|at every|for each|for every|in|at|por|par|pro|je|en) )?"
    rf"|\s(?:per|in each|at each|in every|at every|for each|for every|in|at|por|par|pro|je|en)\s)"
    rf"(?:each |every |cada |chaque |jede[nrs]? )?{_OF_OUR.format(n='m')}(?P<y>{_NOUN}))?"
)


def _forms(noun: str) -> str:
    """A noun and its plurals in the languages read: sku/skus, branch/branches, category/categories,
    Filiale/Filialen."""
    stem = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    forms = {noun, stem, stem + "s", stem + "es", stem + "en", stem + "n", stem + "e"}
    if stem.endswith("y"):
        forms.add(stem[:-1] + "ies")
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


# Up to two words between a count and its noun ("~40k active SKUs"), never a word that starts another
# phrase: "8.000 productos por tienda" is no count of stores.
_FILLER = (
    r"(?:(?!(?:per|por|par|pro|je|each|of|in|at|for|and|y|und|et|de|del|des|di|du|with|from)\s)[a-z-]+\s)"
)
# After a count: "8.000 productos por tienda", "12,000 active products per store".
_COUNT_PER = re.compile(
    rf"^\s?{_FILLER}?(?P<x>{_NOUN}) (?:per|por|par|pro|je|in each|at each|en cada|dans chaque) (?P<y>{_NOUN})(?![a-z])"
)


def count_of(noun: str, text: str, counts: list[Count], skip: int = -1) -> float | None:
    """The largest count the text gives of ``noun`` ("~40k SKUs", "180 stores"), if any, other than the
    number written at ``skip``."""
    after = re.compile(rf"^\s?{_FILLER}{{0,2}}?(?:{_forms(noun)})(?![a-z])")
    found = [
        value
        for value, start, end in counts
        if start != skip and 2 <= value <= 1e9 and after.match(text[end : end + 40])
    ]
    return max(found) if found else None


def _series(text: str, counts: list[Count]) -> tuple[float, str, tuple[int, int]] | None:
    """How many series a forecast keeps, when the request names what they are per and counts each:
    ``(series, the arithmetic, where it says what they are per)``."""
    if not _FORECAST.search(text):
        return None
    for items, start, end in counts:
        # "8.000 productos por tienda" (and "120 tiendas"): a count per site times the sites.
        match = _COUNT_PER.match(text[end : end + 60])
        if match is None or items < 2 or {match.group("x"), match.group("y")} & _NOT_UNITS:
            continue
        x, y = match.group("x"), match.group("y")
        if (sites := count_of(y, text, counts)) is not None:
            parts = f"{plain_number(items)} {x} per {y} x {plain_number(sites)} {plural(y)}"
            return (
                items * sites,
                f"{parts} = {plain_number(items * sites)} series",
                (start, end + match.end()),
            )
    for match in _SERIES.finditer(text):
        if match.group("x") in _NOT_UNITS:
            continue
        # "per store per week": the second word is when, not what.
        keys = [(match.group(k), match.group(n)) for k, n in (("x", "n"), ("y", "m")) if match.group(k)]
        keys = [(key, stated) for key, stated in keys if key not in _NOT_UNITS]
        nouns = [(noun, stated) for key, stated in keys for noun in key.split("-")]  # "SKU-store"
        if any(noun in _NOT_UNITS for noun, _ in nouns):
            continue
        sizes = [float(stated) if stated else count_of(noun, text, counts) for noun, stated in nouns]
        if None in sizes:
            continue
        total = 1.0
        for size in sizes:
            total *= size  # type: ignore[operator]
        parts = " x ".join(
            f"{plain_number(size)} {plural(noun)}" for size, (noun, _) in zip(sizes, nouns, strict=True)
        )  # type: ignore[arg-type]
        parts = f"{parts} = {plain_number(total)} series" if len(nouns) > 1 else f"{parts}, one series each"
        return total, parts, match.span()
    return None


# --- a rate per site ------------------------------------------------------------------------------

_SITE_AFTER = re.compile(
    rf"^\s?(?:/|per|each|for each|in each|at each|on each|pro|par|por|je)\s?{_OF_OUR.format(n='n')}(?P<x>{_NOUN})"
)
_SITE_IN_WHAT = re.compile(rf"(?<![a-z])(?:per|each) (?P<x>{_NOUN})")
# Places and channels that each carry their own share of the traffic.
_SITES = (
    r"lines?|sites?|stores?|shops?|branch(?:es)?|plants?|factor(?:y|ies)|warehouses?|hubs?|depots?|hospitals?|"
    r"clinics?|restaurants?|hotels?|regions?|cities|city|markets?|apps?|websites?|cameras?|machines?|stations?|"
    r"terminals?|lanes?|checkouts?|tills?|outlets?|pharmac(?:y|ies)|offices?|schools?|farms?|ports?|airports?"
)
# Before the rate, in its clause: "each of our 12 warehouses ships", "each line produces", "our 40 stores
# each get". A bare "each" only before a place: "for each transaction ... 2,000 transactions/s" is the
# scored thing, not a site.
_SITE_BEFORE = re.compile(
    rf"(?:(?<![a-z])each of (?:our|the|its|these|all|those) (?P<n>\d+) (?P<x>{_NOUN})"
    rf"|(?<![a-z])each (?P<x2>{_SITES})"
    rf"|(?<![\d.])(?P<n3>\d+) (?:[a-z-]+ )?(?P<x3>{_SITES}) each)(?![a-z])[^.;!?]{{0,60}}$"
)


def singular(noun: str) -> str:
    """The singular of an English plural ("branches" -> "branch"); other words are left as they are."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "xes", "sses")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def per_site(text: str, counts: list[Count], start: int, end: int, what: str) -> tuple[float, str] | None:
    """``(sites, site)`` when the rate written at ``text[start:end]`` is per line, store or site and
    the request says how many there are ("~30 parcels/second per line, 4 lines")."""
    match = (
        _SITE_AFTER.match(text[end : end + 60])
        or _SITE_IN_WHAT.search(what)
        or _SITE_BEFORE.search(text[max(0, start - 90) : start])
    )
    if match is None:
        return None
    groups = match.groupdict()
    noun = groups.get("x") or groups.get("x2") or groups["x3"]
    if noun in _NOT_UNITS or re.search(rf"(?<![a-z])(?:{_forms(noun)})(?![a-z])", what):
        return None  # "2,000 transactions/s per transaction" says nothing more
    stated = groups.get("n") or groups.get("n3")
    size = float(stated) if stated else count_of(noun, text, counts, skip=start)
    if size is None or not 2 <= size <= 1e6:
        return None
    return size, singular(noun)


def implied_volume(text: str, counts: list[Count]) -> Implied | None:
    """What a fleet's cadence or a forecast's series imply per day, the fleet first."""
    spans = _sentences(text)
    cadences = []
    for cadence in _cadences(text, spans):
        cadences.append(cadence)
        fleet = _fleet(text, counts, cadence, spans)
        if fleet is None or fleet[0] < 2:
            continue
        (size, noun), per_day = fleet, 86_400 / cadence.seconds
        what = "updated" if cadence.scored else "reporting"
        why = (
            f"{plain_number(size)} {noun} {what} {_every(cadence.seconds)}: {plain_number(size)} x {plain_number(per_day)} "
            f"a day = {plain_number(size * per_day)}/day, {per_second(size / cadence.seconds)}"
        )
        return Implied(size * per_day, why, stream=True, scored=cadence.scored, members=size)
    series = _series(text, counts)
    if series is None:
        return None
    total, parts, (lo, hi) = series
    for cadence in cadences:
        if cadence.scored and cadence.sentence[0] <= lo and hi <= cadence.sentence[1]:
            # "Forecast ride requests per hexagon, updated every minute": every series, every refresh.
            per_day = 86_400 / cadence.seconds
            why = f"{parts} updated {_every(cadence.seconds)}: x {plain_number(per_day)} a day = {plain_number(total * per_day)}/day"
            return Implied(total * per_day, why, stream=True, scored=True)
    return Implied(total, f"{parts}, each forecast once per run", stream=False, scored=True)
