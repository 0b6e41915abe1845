"""Quantities in a request: rates (1.5k TPS, 2M/day, 20k msgs/s: see ``_rates``), latency limits (p99 < 50 ms,
"under 100ms"), populations (300k MAU), team size, base rates (8 %), horizons (30 days ahead) and label delays.

Works on folded text (see ``_text.fold``) in English, Spanish, German, French, Portuguese, Italian and Chinese
notation: "4 000 par jour", "2.500 pro Tag", "5 milhoes por dia", "每天200万". Every parser returns ``None``
rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._english import plural
from ..stats import plain_number
from ._headcounts import SITE_SINGULARS, multiply_per_cluster, read_clusters, read_team
from ._implied import Count, Implied, implied_volume, per_site
from ._rates import Rate, read_rate

_MULT = {
    "k": 1e3, "thousand": 1e3, "tausend": 1e3, "mil": 1e3, "mille": 1e3, "mila": 1e3, "千": 1e3,
    "milhoes": 1e6, "milhao": 1e6, "milioni": 1e6, "milione": 1e6, "miliardi": 1e9,
    "m": 1e6, "mm": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "millionen": 1e6, "millones": 1e6,
    "millon": 1e6, "mln": 1e6, "万": 1e4, "b": 1e9, "bn": 1e9, "billion": 1e9, "mrd": 1e9, "亿": 1e8,
}  # fmt: skip
_NUM = re.compile(
    r"(?<![a-z0-9.])(?P<num>\d+(?:\.\d+)?)\s?(?P<mult>thousand|tausend|millions?|millionen|millones|millon|milhoes|milhao|milioni|milione|miliardi|mille|mila|mil|mio|mln|mrd|bn|billion|mm|k|m|b|千|万|亿)?(?![a-z])"
)
_SPAN_OF_HISTORY = re.compile(
    r"^\s?(?:years?|yrs?|months?|weeks?|days?|anos|jahre|jahren|monate|monaten|wochen|tage|ans|annees|mois|semaines|jours|"
    r"meses|semanas|dias|anni|mesi|年|个月|周|天)\b\s?(?:of|de|des|du|di|an|mit|der|の|的)?\s"
)
# After a count: the records are history, the training set's size, not traffic ("400k past claims", "2.5M
# historical loan applications", "300 000 dossiers de sinistres historiques", "50万条历史理赔记录").
_HISTORICAL = re.compile(
    r"^\s?(?:[a-z-]+\s)?(?:past|historical|historic|archived|previous|prior|labell?ed|closed|resolved)\s[a-z]"
    r"|^\s?(?:[^\s\d.,;:()]+\s){0,4}?(?:historiques?|historicos?|historicas?|historische[nr]?|storici|storiche|labell?ed|"
    r"with (?:known )?(?:outcomes|labels)|etiquetad[oa]s|gelabelt|etiquetes)(?![a-z])"
    r"|^\s?[条个笔份张]?(?:历史|过去)"
)
# Series times periods: "60 hotels × 90 days ahead" is the rows one forecast run writes; "1,200 SKUs x 52
# weeks of history" (or a bare product) is the panel the model learns from.
_PANEL = re.compile(
    r"(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s?(?P<am>k)?\s?(?P<noun>[a-z][a-z-]*(?:\s[a-z][a-z-]*)?|[个家间座]?[\u4e00-\u9fff]{1,4})\s?[x×*]\s?(?P<b>\d+)\s?"
    r"(?P<unit>hours|days|weeks|months|dias|semanas|meses|tage|wochen|monate|jours|semaines|mois|天|周|个月)(?P<rest>[^.;]{0,24})"
)
_NOT_SERIES = re.compile(r"gpu|cpu|node|server|machine|instance|engineer|people|person|dev|scientist|analyst|sprint|run|shift")
_AHEAD = re.compile(r"^\s?(?:ahead|out|forward|horizon|to forecast|a vista|im voraus|a l'avance|de horizonte|提前)|^\s?(?:[a-z]+\s)?(?:forecast|horizon)")
_CAPACITY_BEFORE = re.compile(r"(?:handle|review|call|phone|contact|investigate|visit|inspect|open|audit|work|revisa)\w*\s(?:~|about |around |up to )?$")
_MS = re.compile(r"^\s?(ms|msec|milliseconds?|millisekunden|millisecondes|milisegundos|毫秒)(?![a-z])")
_SEC = re.compile(r"^\s?(s|sec|secs|seconds?|sekunden?|secondes?|segundos?|秒)(?![a-z])")
_LATENCY_CONTEXT = re.compile(
    # "100 ms per listing", "80 ms por petición": a budget for each item scored.
    r"(\d ?(?:ms|msec|milliseconds?) (?:per|each|for each|por|pro|par|je) [a-z]|p\d{2,3}|latenc|latenz|under|below|within|less than|at most|max|budget|sla|respond|answer|<|≤|=|menos de|unter|moins de|en moins|sous|innerhalb|binnen|dentro de|"
    r"sotto|entro|meno di|inferiore|abaixo|weniger als|以内|内|低于|延迟|"
    # "reply in 40 ms or less", "muss in 40 ms antworten", "doit répondre en 40 ms", "40 ms tops", "percentil 95
    # por debajo de 80 ms": a time in milliseconds something must happen in is a budget.
    r"(?<![a-z])(?:in|en|em|dans) \d+(?:\.\d+)? ?(?:ms|msec|millisec)|or less|or under|(?<![a-z])tops(?![a-z])|percentil|perzentil|centile|"
    r"por debajo|response time|tiempo de respuesta|antwortzeit|temps de reponse|tempo de resposta)"
)
# "p95", "p99.9" (or "p999"), "95th percentile", "95. Perzentil", "percentil 95", "95e percentile": the tail a
# budget is stated at, kept as stated so a p95 target is never reported as a p99 one.
_PERCENTILE = re.compile(
    r"(?<![a-z])p(?P<p>50|90|95|99\.9|999|99)(?![\d])|(?P<q>50|90|95|99)(?:th|e|\.|°)? ?(?:percentile|perzentil|centile)"
    r"|(?:percentil|percentile|perzentil|centile) (?P<r>50|90|95|99)(?![\d])"
)
_WORD_SECOND = re.compile(
    r"(?:under|within|less than|menos de|dentro de|moins d'|entro|sotto|meno di|em ate|innerhalb|binnen|unter|weniger als)(?:\s|(?<='))"
    r"(?:(?P<half>half a|medio|une demi-|mezzo|einer halben|meio)|a|one|un|una|une|um|uma|ein|einer|einem)\s?"
    r"(?:second|segundo|seconde|secondo|sekunde)(?![a-z])|(?P<zh>一|半)秒(?:钟)?(?:内|之内|以内)"
)
"""A budget in words: "en menos de un segundo", "entro un secondo", "in under a second", "一秒内"."""
_POPULATION = re.compile(
    r"^\s*(?:[a-z-]+\s){0,2}?(users|customers|clients|subscribers|members|readers|viewers|players|accounts|patients|employees|"
    r"listeners|fans|followers|shoppers|visitors|learners|oyentes|ouvintes|horer|auditeurs|ascoltatori|听众|"
    r"devices|stores|shops|branches|restaurants|merchants|sellers|drivers|couriers|turbines|machines|assets|sensors|vehicles|trucks|"
    r"assinantes|membros|jogadores|utenti|clienti|abbonati|giocatori|pazienti|"
    r"skus|products|items|listings|articles|videos|policyholders|policies|borrowers|applicants|students|applications|claims|orders|"
    r"parcels|shipments|tickets|loans|calls|matches|fields|properties|returns|leads|sessions|documents|contracts|elevators|cardholders|households|usuarios|clientes|pacientes|"
    r"empleados|tiendas|maquinas|nutzer|kunden|mitarbeiter|patienten|gerate|maschinen|anlagen|filialen|utilisateurs|clients|abonnes|patients|salaries|magasins|"
    r"用户|客户|患者|员工|门店|设备)"
)
# People counted per month are monthly actives ("300k MAU", "500k usuarios activos al mes"); orders or
# visits per month are a volume.
_ACTIVE = re.compile(
    r"^\s*(?:mau|monthly active|月活)|^\s*(?:[a-z-]+\s){0,2}?(?:users|customers|clients|subscribers|members|readers|"
    r"viewers|players|accounts|patients|usuarios|clientes|pacientes|nutzer|kunden|patienten|utilisateurs|abonnes|assinantes|utenti|clienti|abbonati|用户|客户|"
    r"listeners|fans|followers|shoppers|visitors|learners|oyentes|ouvintes|horer|auditeurs|ascoltatori|听众)"
)
_RESCORED = re.compile(r"(?:re-?)?scored|refreshed|updated|recomputed|recalculated|re-?rated")
# After a population's noun: it is counted per site ("300 machines each", "40 Maschinen je Werk"), so the
# whole population is that count times the sites.
_PER_CLUSTER = re.compile(
    r"^\s?(?:each|apiece|cada una?|chacune?|jeweils|ciascuna?|(?:per|in each|at each|in every|at every|por|"
    r"en cada|pro|je|in jede[mr]|par|dans chaque) (?:" + "|".join(sorted(SITE_SINGULARS, key=len, reverse=True)) + r"))(?![a-z])"
)
# Calls and visits are what people work through in every language ("5 000 appels/semaine" is the call
# centre's capacity); "dossiers", "casos" and "Falle" are as often the volume itself, read as both.
_CALLS_VISITS = r"llamadas|anrufe|appels|chiamate|chamadas|visitas|besuche|visites"
_CAPACITY_NOUN = re.compile(rf"^\s?(?:calls|reviews|investigations|visits|inspections|(?:[a-z]+ )?audits|cases|alerts|reminders|contacts|{_CALLS_VISITS})\b")
_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?%")
_RATE_WORDS = re.compile(
    r"(rate|taux|tasa|quote|anteil|share|prevalence|base|positive|churn|fraud|default|no-?show|conversion|convert|"
    r"click|ctr|bad|defect|readmi|imbalance|positives|minority|abandono|impago|ausfall|happen|occur|purchas|return|"
    r"injur|fail|of (?:all )?(?:sessions|users|customers|transactions|orders|claims|cases|applications|visits|players)|比例|率)"
)
_UNIT_DAYS = {
    "minute": 1 / 1440, "minutes": 1 / 1440, "min": 1 / 1440, "mins": 1 / 1440, "minutos": 1 / 1440, "minuten": 1 / 1440,
    "minuti": 1 / 1440, "分钟": 1 / 1440, "ore": 1 / 24, "小时": 1 / 24, "hour": 1 / 24, "hours": 1 / 24, "h": 1 / 24, "hr": 1 / 24, "hrs": 1 / 24, "horas": 1 / 24, "stunden": 1 / 24, "heures": 1 / 24,
    "day": 1, "days": 1, "d": 1, "dias": 1, "dia": 1, "tage": 1, "tagen": 1, "tag": 1, "jours": 1, "jour": 1, "天": 1,
    "week": 7, "weeks": 7, "wk": 7, "wks": 7, "semanas": 7, "semana": 7, "wochen": 7, "woche": 7, "semaines": 7, "semaine": 7, "周": 7,
    "month": 30, "months": 30, "meses": 30, "mes": 30, "monate": 30, "monaten": 30, "monat": 30, "mois": 30, "个月": 30, "月": 30,
    "giorni": 1, "giorno": 1, "settimane": 7, "settimana": 7, "mesi": 30, "mese": 30, "anni": 365,
    "quarter": 91, "year": 365, "years": 365, "ano": 365, "anos": 365, "jahr": 365, "jahre": 365, "an": 365, "ans": 365, "年": 365,
}  # fmt: skip
_UNIT = r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|quarter|years?|dias?|horas|semanas?|meses|mes|anos?|stunden|tagen?|tag|wochen?|monaten?|monat|jahre?|heures|jours?|semaines?|mois|ans?|giorni|giorno|settimane|settimana|mesi|mese|anni|天|周|个月|月|年)(?![a-z])"
_HORIZON = re.compile(
    r"(?:next|coming|within(?: the next)?|in the next|over the next|at least|ahead of|in advance of|upcoming|proximos|proximas|en los proximos|"
    r"nachsten|innerhalb von|in den nachsten|prochains|prochaines|dans les|d'ici|prossimi|prossime|未来|接下来)\s?(?P<num>\d+)\s?" + _UNIT
    + r"|(?P<num2>\d+)[ -]?(?P<unit2>day|week|month|hour|year|dias|tage|jours|天)s?[ -](?:ahead|in advance|window|horizon|churn|readmission|default|risk|forecast|a vista|im voraus|a l'avance|à l'avance)"
    r"|(?P<num3>\d+)\s?(?P<unit3>days|weeks|months|hours|minutes|dias|semanas|meses|horas|tage|wochen|monate|stunden|jours|semaines|mois|heures|天|周|个月|小时)\s?(?:ahead|in advance|out|before|beforehand|im voraus|vorher|a l'avance|avant|de antelacion|antes|提前)"
    # "free spaces at each garage in 30 minutes", "dentro de 30 minutos", "30分钟后": a level that far ahead.
    r"|(?:(?<![a-z])in|dentro de|dans|tra|fra|daqui a)\s(?P<num4>\d+)\s?(?P<unit4>minutes|mins|hours|minutos|minuten|minuti|horas|stunden|heures|ore)(?![a-z])"
    r"|(?P<num5>\d+)\s?(?P<unit5>分钟|小时)之?后"
)
# A forecast for the coming day stated without a number ("for tomorrow", "day-ahead").
_NEXT_DAY = re.compile(r"\b(?:for tomorrow|tomorrow's|day[- ]ahead|next[- ]day|following day|pour demain|für morgen|para mañana|明天|次日|日前)")
# "in the next quarter", "cancel next month": a horizon of one calendar period.
_PERIOD_DAYS = {"week": 7.0, "month": 30.0, "quarter": 91.0, "year": 365.0}
_NEXT_PERIOD = re.compile(r"\b(?:next|coming|following|upcoming) (?P<period>week|month|quarter|year)\b")
_DELAY = re.compile(
    r"(?:label|labels|chargebacks?|outcomes?|ground truth|confirm\w*|etiquetas|labels?|resultat\w*|标签)[^.;]{0,50}?"
    r"(?:after|take|takes|arrive|arrives|come|comes|delay(?:ed)?(?: by| of)?|lag(?: of)?|within|up to|tardan|dauern|apres|late by)\s?(?:up to |about |~)?(?P<num>\d+)\s?" + _UNIT
)
_DEADLINE = re.compile(
    r"by (?P<t>\d{1,2}(?::\d{2})?\s?(?:am|pm)?)(?![\d%])"
    r"|(?:at|um|à|a las|alle) (?P<t2>\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2})(?![\d%])|(?P<m>(?:by|before) (?:the )?next morning|by morning|next morning|overnight|"
    r"within (?:a few|\d+) hours|antes de las \d{1,2}|bis \d{1,2} uhr|avant \d{1,2} ?h)"
)
_CAPACITY = re.compile(
    r"(?:handle|review|call|phone|contact|investigate|visit|inspect|process|treat|reach|open|audit|work|revisa|prufen|examin)\w*\s(?:~|about |around |up to |unas |unos |etwa |environ )?(?P<num>\d+(?:k)?)\s?(?:[a-z-]+\s){0,2}?(?:per|a|/|por|pro|par|a la|al)\s?(?P<unit>day|week|month|semana|dia|mes|woche|tag|monat|semaine|jour|mois)"
    rf"|(?P<num2>\d+)\s?(?:calls|reviews|investigations|visits|inspections|cases|alerts|dossiers|casos|expedientes|falle|audits|{_CALLS_VISITS})\s?(?:per|a|/|par|por|pro)\s?(?P<unit2>day|week|month|jour|dia|tag|semaine|semana|woche)"
)


@dataclass
class Quantities:
    """What the number parser found; ``None`` where the request said nothing."""

    peak_rps: float | None = None
    daily_volume: float | None = None
    monthly_active: float | None = None
    population: float | None = None
    population_noun: str | None = None
    latency_p99_ms: float | None = None
    latency_p50_ms: float | None = None
    latency_percentile: float | None = None
    """The percentile ``latency_p99_ms`` was stated at when the request names one other than p99 (95, 99.9)."""
    team_size: int | None = None
    base_rate: float | None = None
    horizon_days: float | None = None
    label_delay_days: float | None = None
    deadline: str | None = None
    capacity_per_day: float | None = None
    clusters: int | None = None
    cluster_noun: str | None = None
    implied: Implied | None = None
    """The volume a fleet's cadence or a forecast's series count implies; never stated, so never a cue
    for the serving mode."""
    derived: dict[str, str] = field(default_factory=dict)
    """The arithmetic behind ``peak_rps``, ``daily_volume`` or ``population`` when they multiply two stated
    figures."""
    history_rows: float | None = None
    """Labelled history the request counts: past records, or series x periods of history (the training set)."""
    population_per_cluster: bool = False
    """The population was counted per site ("300 machines each", "40 Maschinen je Werk")."""


def normalise_numbers(text: str) -> str:
    """'4 000' / '20,000' / '2.500' (thousands) -> '4000'; '1,5' (decimal comma) -> '1.5'."""
    text = re.sub(r"(?<=\d)[ ,.](?=\d{3}(?!\d)(?![.,]\d))", "", text)
    text = re.sub(r"(?<=\d)(ms|msec|milliseconds?|secs?|seconds?|s)(?![a-z])", r" \1", text)
    return re.sub(r"(?<=\d),(?=\d{1,2}(?!\d))", ".", text)


def _value(match: re.Match[str]) -> float:
    number = float(match.group("num"))
    mult = match.group("mult")
    return number * _MULT.get(mult, 1.0) if mult else number


def counts_followed_by(text: str, after: str) -> list[tuple[float, re.Match[str]]]:
    """Each number written in any common notation ("20,000", "20 000", "4m", "1,5 Mio") right before the regex
    ``after``, with its value: the designers count fleets ("20k servers") and daily people ("4m daily users")."""
    text = normalise_numbers(text)
    return [(_value(m), m) for m in re.finditer(_NUM.pattern + after, text)]


def parse_quantities(text: str) -> Quantities:
    """Scan folded text for the figures the design needs."""
    text = normalise_numbers(text)
    found = Quantities()
    matches = list(_NUM.finditer(text))
    counts: list[Count] = [(_value(match), match.start(), match.end()) for match in matches]
    for match, (value, _, _) in zip(matches, counts, strict=True):
        after = text[match.end() : match.end() + 60]
        if match.group("mult") in ("mio", "mrd", "mln") and after.startswith("."):
            after = after[1:]  # "1,5 Mio. Transaktionen pro Tag": the abbreviation's full stop ends no clause
        before = text[max(0, match.start() - 24) : match.start()]
        _read_one(found, value, match, after, before, (text, counts))
    if found.latency_p99_ms is None and found.latency_p50_ms is None and (word := _WORD_SECOND.search(text)):
        found.latency_p99_ms = 500.0 if word.group("half") or word.group("zh") == "半" else 1000.0
    found.implied = implied_volume(text, counts)
    _read_panel(found, text)
    read_team(found, text)
    read_clusters(found, text)
    multiply_per_cluster(found)
    _read_rates(found, text)
    _read_time(found, text)
    return found


def _read_one(
    found: Quantities, value: float, match: re.Match[str], after: str, before: str, whole: tuple[str, list[Count]]
) -> None:
    if after.lstrip().startswith(("%", "percent", "pct", "por ciento", "prozent", "pour cent")):
        return  # a rate ("1.8%/month" churn), read by _read_rates, never a volume
    if _SPAN_OF_HISTORY.match(after):
        return  # "3 years of daily sales" is how much history there is, not 3 rows a day
    if match.group("mult") is None and (_MS.match(after) or _SEC.match(after)):
        window = before + match.group(0) + after[:20]
        if _LATENCY_CONTEXT.search(window):
            ms = value if _MS.match(after) else value * 1000
            # Only what follows the previous figure: "p50 30 ms, under 80 ms" names no percentile for 80.
            lead = _EARLIER_FIGURE.split(whole[0][max(0, match.start() - 40) : match.start()])[-1]
            pct = _percentile(lead) or _percentile(match.group(0) + after[:20], last=False)
            if pct == 50:
                found.latency_p50_ms = found.latency_p50_ms or ms
            else:
                kept = found.latency_p99_ms
                found.latency_p99_ms = min(found.latency_p99_ms or ms, ms) if "-" not in before[-2:] else ms
                if found.latency_p99_ms != kept:
                    found.latency_percentile = pct if pct not in (None, 99) else None
        return
    rate = read_rate(after, before, match.group("mult"))
    if rate is None and value >= 1000 and _HISTORICAL.match(after):
        found.history_rows = max(found.history_rows or 0, value)
        return
    if rate is not None:
        sites = per_site(*whole, match.start(), match.end() + rate.end, rate.what)
        if _read_volume(found, value, rate, after, before, sites):
            return
    if (pop := _POPULATION.match(after)) and value >= 10:
        if value > (found.population or 0):
            found.population, found.population_noun = value, pop.group(1)
            found.population_per_cluster = _PER_CLUSTER.match(after[pop.end() :]) is not None


# "5k searches per hour at peak", "peak of 5k an hour": the busiest hour, so a throughput, not 24 times a volume.
_AT_PEAK = re.compile(r"(?<![a-z])(?:at (?:the )?peak|peak|in der spitze|en hora punta|en pointe|峰值|高峰)(?![a-z])")


_EARLIER_FIGURE = re.compile(r"\d+(?:\.\d+)?\s?(?:ms|msec|milliseconds?|s|sec|seconds?|毫秒|秒)(?![a-z])")


def _percentile(window: str, last: bool = True) -> float | None:
    """The percentile named nearest a latency figure: the last one before it ("p95 under 80 ms"), else the
    first one after it ("40ms at p95"); ``None`` if none."""
    found = [m.group("p") or m.group("q") or m.group("r") for m in _PERCENTILE.finditer(window)]
    if not found:
        return None
    name = found[-1] if last else found[0]
    return 99.9 if name == "999" else float(name)


_LONG = ("month", "quarter", "year")
"""Periods whose count is a campaign or a reporting total rather than a daily flow."""
_RARE_EVENTS = re.compile(
    r"^\s?(?:[a-z-]+\s)?(?:failures?|breakdowns?|incidents?|outages?|accidents?|crashes|fires|breaches|recalls?|"
    r"fraud cases|confirmed cases|cases|frauds|defaults|deaths|floods|strikes|shutdowns|trips? of the)\b"
)
"""What a request counts per year that is a label count, not a flow ("30 failures a year")."""
_RARE_BEFORE = re.compile(r"\b(?:rare|failures?|exceedances?|incidents?|outages?|breakdowns?|accidents?)\b[^.;]*$")


def _read_volume(
    found: Quantities, value: float, rate: Rate, after: str, before: str, sites: tuple[float, str] | None
) -> bool:
    """Record ``value`` per ``rate.period`` (times ``sites`` when it is per line or per store); ``False``
    when it is no volume after all."""
    if rate.seconds >= 86_400 and _RESCORED.search(rate.what):
        return False  # "1.2M borrowers rescored monthly" is a population, each scored once per run
    if rate.period == "month" and _ACTIVE.match(after):
        found.monthly_active = max(found.monthly_active or 0, value)
        return True
    if rate.period == "year" and (_RARE_EVENTS.match(after) or (not rate.what and _RARE_BEFORE.search(before))):
        return False  # "failures are rare: maybe 30 per year" counts labels, not the rows scored
    if rate.seconds > 60 and rate.period not in ("month", "quarter") and _CAPACITY_NOUN.match(after):
        return True  # "40 calls/day" is what the team can work through, read by _read_time
    if rate.period == "week" and _CAPACITY_BEFORE.search(before):
        return False
    total = value * sites[0] if sites else value
    at_peak = rate.period == "hour" and _AT_PEAK.search(before[-12:] + " " + after[rate.end : rate.end + 16])
    if rate.seconds <= 60 or at_peak:
        # Per second or per minute is a throughput, read as the peak like "1.5k TPS".
        name, amount = "peak_rps", total / rate.seconds
        found.peak_rps = max(found.peak_rps or 0, amount)
    else:
        name, amount = "daily_volume", total * 86_400 / rate.seconds
        # A monthly or quarterly figure never overrides a daily one; the others, the largest wins.
        found.daily_volume = (found.daily_volume or amount) if rate.period in _LONG else max(found.daily_volume or 0, amount)
    if getattr(found, name) == amount:  # this figure is the one kept: its arithmetic, if any, goes with it
        found.derived.pop(name, None)
        if sites:
            (size, site), per = sites, f"per {rate.period}"
            found.derived[name] = (
                f"{plain_number(value)} {per} per {site} x {plain_number(size)} {plural(site)} = {plain_number(total)} {per}"
            )
    if rate.period in ("week", "quarter") and (pop := _POPULATION.match(after)) and not found.population_noun:
        found.population_noun = pop.group(1)
    return True


def _read_panel(found: Quantities, text: str) -> None:
    for match in _PANEL.finditer(text):
        series = float(match.group("a")) * (1000 if match.group("am") else 1)
        periods = float(match.group("b"))
        rows = series * periods
        if rows < 100 or _NOT_SERIES.search(match.group("noun")):
            continue  # "4 GPUs x 2 days", "3 engineers x 6 months": effort, not rows
        ahead = _AHEAD.match(match.group("rest")) is not None
        why = f"{plain_number(series)} {match.group('noun')} x {plain_number(periods)} {match.group('unit')} = {plain_number(rows)} rows"
        if ahead:
            if found.daily_volume is None:  # a stated daily volume wins over the run's size
                found.daily_volume = rows
                found.derived["daily_volume"] = f"{why} per forecast run"
        elif rows > (found.history_rows or 0):
            found.history_rows = rows
            found.derived["history_rows"] = f"{why} of history"
        return


def _read_rates(found: Quantities, text: str) -> None:
    for match in _PERCENT.finditer(text):
        pct = float(match.group("num"))
        window = text[max(0, match.start() - 60) : match.end() + 40]
        if 0 < pct < 50 and _RATE_WORDS.search(window):
            found.base_rate = pct / 100
            return


def _days(num: str, unit: str) -> float:
    return float(num) * _UNIT_DAYS.get(unit.rstrip("s") if unit not in _UNIT_DAYS else unit, 1)


def _read_time(found: Quantities, text: str) -> None:
    if match := _HORIZON.search(text):
        num = next(match.group(f"num{i}") for i in ("", "2", "3", "4", "5") if match.group(f"num{i}"))
        unit = next(match.group(f"unit{i}") for i in ("", "2", "3", "4", "5") if match.group(f"unit{i}"))
        found.horizon_days = _days(num, unit)
    elif _NEXT_DAY.search(text):
        found.horizon_days = 1.0
    elif match := _NEXT_PERIOD.search(text):
        found.horizon_days = _PERIOD_DAYS[match.group("period")]
    if match := _DELAY.search(text):
        found.label_delay_days = _days(match.group("num"), match.group("unit"))
    if match := _DEADLINE.search(text):
        found.deadline = (match.group("t") or match.group("t2") or match.group("m") or "").strip()
    if match := _CAPACITY.search(text):
        raw = match.group("num") or match.group("num2")
        unit = match.group("unit") or match.group("unit2")
        per_day = float(raw.rstrip("k")) * (1000 if raw.endswith("k") else 1)
        days = {"day": 1, "dia": 1, "tag": 1, "jour": 1, "week": 5, "semana": 5, "woche": 5, "semaine": 5}.get(unit, 21)
        found.capacity_per_day = per_day / days
