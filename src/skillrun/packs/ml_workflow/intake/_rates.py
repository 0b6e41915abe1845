"""How a request says "per unit of time" next to a number: after it ("1,200 queries/second", "150k bid
requests/s", "300 events per min", "2.500 Bestellungen pro Tag", "3000笔/秒", "40k orders weekly") or
before it ("每分钟约6000笔", "per second ~800").

One table of period names per language (en, es, de, fr, it, pt, zh) serves every period, so a unit word
spelt out after the slash reads the same as its abbreviation, and per-minute reads like per-second.
Works on folded text (no accents, lower case).
"""

from __future__ import annotations

import re
from typing import NamedTuple

SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800, "month": 2_592_000, "quarter": 7_862_400, "year": 31_536_000}

# A period's name after "/" or after a word that means "per". Longer spellings first: the alternation
# takes the first that fits and a letter must not follow.
_NAMES = {
    "second": "seconds?|secondes?|secondi|secondo|segundos?|sekunden?|secs?|秒",
    "minute": "minutes?|minutos?|minuten?|minuti|mins?|分钟",
    "hour": "hours?|horas?|stunden?|heures?|hrs?|小时",
    "day": "days?|dias?|tage?n?|jours?|giorn[oi]|天|日",
    "week": "weeks?|semanas?|wochen?|semaines?|settiman[ae]|wks?|周|星期",
    "month": "months?|meses|mes|monate?n?|mois|mes[ei]|个月|月",
    "quarter": "quarters?|trimestres?|quartale?n?|trimestri|季度",
    "year": "years?|yrs?|anos?|jahre?s?|annees?|ans?|anni|anno|每年|年",
}  # fmt: skip
# A quarter is a campaign's usual rhythm ("we mail 200k donors each quarter"): its rows spread over its days.
# A year is how businesses count their flow ("400k applications a year"): read as that many per day, it was
# 365 times too large. Rare events counted per year ("30 failures a year") are labels, not a volume:
# intake/_numbers.py sets them aside.
# One-letter and clipped names are only units straight after a slash ("req/s", "2M/d", "$20/mo").
_SLASH_ONLY = {"second": "s", "day": "d", "hour": "h", "month": "mo"}
# "per" in each language: es/pt "por", "al", "a la", "ao"; de "pro", "je"; fr "par"; it "al", "a", "ogni".
_PER = r"per|an?|each|every|por|al|a la|ao|pro|je|par|ogni"
# Words that are a rate by themselves, after the counted thing ("1.5k TPS", "40k orders weekly").
_ALONE = {
    "second": "tps|qps|rps|每秒",
    "minute": "每分钟",
    "hour": "每小时",
    "day": "daily|dau|diari[oa]s|am tag|taglich|quotidien(?:ne)?s?|giornalier[ie]|每天|每日",
    "week": "weekly|semanales|hebdomadaires|wochentlich|settimanali|semanais|每周",
    "month": "monthly|mau|mensuales|mensuels|mensili|mensais|im monat|monatlich|每月|月活",
    "quarter": "quarterly|trimestrales|trimestriels|vierteljahrlich|quartalsweise|trimestrali|trimestrais|每季度",
    "year": "yearly|annually|per annum|anuales|annuels|jahrlich|annuali|anuais|每年",
}  # fmt: skip
# The same, written before the number: "每秒约5000笔", "日均300万次", "daily ~2M", "peak QPS of 5,000".
_BEFORE = {
    "second": "每秒|per second|por segundo|par seconde|pro sekunde"
    "|(?:qps|tps|rps)(?: ?(?:峰值|peak|at peak|of|is|:|=))?",
    "minute": "每分钟|per minute|por minuto|par minute|pro minute",
    "hour": "每小时|per hour",
    "day": "每天|每日|日均|日活(?:用户)?|daily|per day",
    "week": "每周",
    "year": "每年|年均",
}
_ABOUT = r"\s*(?:约|大约|近|超过|有|~|about|around|roughly|unos|unas|etwa|environ|circa|cerca de)?\s*$"

# The counted thing between the number and the period: up to three words, each ending in a space or
# right before the slash ("bid requests/s", "笔/秒"). Never a number, a clause break or a bare "and":
# "2 models and a second one" is no rate.
_WORD = r"(?!(?:and|or|but|with|then|plus|y|und|oder|et|ou|e|o)\s)[^\s\d.,;:!?/()，。；：！？、]+(?:\s|(?=/))"


def _named(names: dict[str, str], way: str) -> str:
    """One group per period, named ``<way>_<period>`` so a match says which period it found."""
    return "|".join(f"(?P<{way}_{period}>{words})" for period, words in names.items())


_AFTER = re.compile(
    rf"^\s*(?P<what>(?:{_WORD}){{0,3}}?)"
    rf"(?:/ ?(?:{_named(_NAMES, 'slash')}|{_named(_SLASH_ONLY, 'short')})"
    rf"|(?<!\S)(?:{_PER}) (?:{_named(_NAMES, 'per')})"
    rf"|(?<!\S)(?:{_named(_ALONE, 'alone')}))(?![a-z0-9])"
)
_BEFORE_RE = re.compile(rf"(?:{_named(_BEFORE, 'before')}){_ABOUT}")
# A cheap look before the full pattern, which is tried at every position of the text before a number.
_BEFORE_HINT = re.compile(r"每|日活|日均|per |por |par |pro |daily|qps|tps|rps")


def _period(match: re.Match[str]) -> str:
    return next(name.split("_")[1] for name, value in match.groupdict().items() if value and name != "what")


# Counted things that are not scored items: durations ("8 hours a day"), physical units ("25 m/s",
# "80 km/h", "500 GB/day", "300 kWh a month"), money ("2k EUR/month") and how often ("2 times a day").
_NOT_ITEMS = frozenset(
    "second seconds minute minutes min mins hour hours hr hrs h day days week weeks month months year years "
    "horas dias semanas meses anos stunden tage wochen monate jahre heures jours semaines mois ans "
    "km kms m mi miles meters metres kg kgs tons tonnes t l liters litres kwh mwh gwh kw mw gw w watts "
    "kb mb gb tb pb kib mib gib tib bytes bits gbps mbps $ usd eur euro euros dollars gbp pounds chf yuan rmb "
    "€ £ 元 美元 欧元 once twice".split()
)
# "5 times a second" is a throughput (an edge model's frame rate); "2 times a day" says how often, not how many.
_HOW_OFTEN = frozenset("times mal veces fois volte vezes".split())
_METRES_PER_SECOND = re.compile(r"/ ?s(?![a-z])")
_HYPHENATED = re.compile(r"-[a-z]")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥]|(?<![a-z])(?:usd|eur|gbp|chf|rmb))\s?~?$")


class Rate(NamedTuple):
    period: str
    """``second``, ``minute``, ``hour``, ``day``, ``week``, ``month``, ``quarter`` or ``year``."""
    end: int
    """Where the rate's words end in the text after the number (0 when it was written before it)."""
    what: str
    """The counted thing ("bid requests"), empty when the number stands alone."""

    @property
    def seconds(self) -> int:
        return SECONDS[self.period]


def read_rate(after: str, before: str, mult: str | None = None) -> Rate | None:
    """The rate a number states, from the text right after it (``after``) or right before it."""
    if _MONEY_BEFORE.search(before[-6:]):
        return None  # "$2M/day" is money, not volume
    if mult == "m" and _METRES_PER_SECOND.match(after):
        return None  # "25 m/s" is a wind speed, not 25 million a second
    if _HYPHENATED.match(after):
        return None  # "1-star review", "15-minute readings": the number describes a word
    if match := _AFTER.match(after):
        what, period = match.group("what").strip(), _period(match)
        words = set(what.split())
        if words & _NOT_ITEMS or (words & _HOW_OFTEN and SECONDS[period] > 60):
            return None
        return Rate(period, match.end(), what)
    if _BEFORE_HINT.search(before) and (match := _BEFORE_RE.search(before)):
        return Rate(_period(match), 0, "")
    return None
