"""The report's title and the words for entities and horizons."""

from __future__ import annotations

import re

from .._english import plural
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
    "audio_classification": "Audio classifier", "uplift_modeling": "Uplift model", "clustering": "Segmentation",
}  # fmt: skip


def horizon_text(days: float) -> str:
    if days * 24 < 1:
        return f"{round(days * 1440):g} minutes"
    if days < 1:
        return f"{days * 24:g} hours"
    if days >= 365 and days % 365 == 0:
        return f"{days / 365:g} year" + ("s" if days > 365 else "")
    if days >= 60 and days % 30 == 0:
        return f"{days / 30:g} months"
    return f"{days:g} day" + ("s" if days != 1 else "")


_VERB = re.compile(
    r"(?:predict|forecast|estimat|score|classif|flag|rank|detect|pick|select|triage|identify|tag|segment|extract|"
    r"which|each|every|whether|per\b|pronostic|predecir|prever|prevedere|vorhersag|prevoir|predire|预测|"
    # "für jeden Kfz-Antrag", "pour chaque commande", "para cada pedido", "per ogni ordine": the quantifier picks
    # out the thing scored, as "each" does.
    r"(?<![a-z])(?:jede[nmrs]?|chaque|cada|ogni)\b)"
)
_TOKEN = re.compile(r"[a-z]+|[\u3400-\u9fff]+")
_LOOKAHEAD = 8
_WINDOW_CHARS = 80
"""How far after the prediction verb "each <noun>" is taken as the thing scored."""


_MODALITY_ENTITIES = {
    "image": {"image", "photo", "frame", "scan", "panel", "part", "tile"},
    "audio": {"recording", "clip", "call"},
    "text": {"document", "article", "email", "message", "report", "ticket", "post", "review", "request", "note",
             "contract", "invoice", "query", "application", "claim"},
}  # fmt: skip


_GROUPED_BY = re.compile(r"\b(?:per|for each|for every|each|by)\s+(?P<noun>[a-z-]{3,20})\b")
_NOT_GROUPS = frozenset(
    "day week month hour year night minute period interval quarter season half shift slot bucket the a an".split()
)
# "predicted pickups and returns per station", "forecast the number of incoming calls per half hour",
# "day-ahead forecast of our customers' total load in each 15-minute interval".
_FORECAST_WHAT = re.compile(
    r"(?:(?:forecast|predict)(?:s|ed|ing)?|expected)\s+(?:of\s+)?(?P<what>(?:(?:the\s+)?(?:number|amount|volume|count)\s+of\s+)?"
    r"(?:[a-z'-]+\s){0,3}?[a-z'-]+)\s+(?:per|for each|in each|for every|at each|by each)\s"
)
_FORECAST_NOUN_FIRST = re.compile(
    r"(?<![a-z])(?P<what>(?:[a-z'-]+\s)?[a-z'-]+)\s(?:forecasts?|predictions?)\s(?:per|for each|in each|for every|by)\s"
)
_NOT_QUANTITY = frozenset("model models system systems value values the a our need want".split())
_GROUPING_WORDS = frozenset("per for in each every by of at".split())


def forecast_quantity(folded: str) -> str | None:
    """What a forecast is of, in the request's words, when its grouping or period follows it."""
    for pattern in (_FORECAST_WHAT, _FORECAST_NOUN_FIRST):
        m = pattern.search(folded)
        if not m:
            continue
        words = m.group("what").split()
        while words and words[0] in ("need", "want", "a", "our"):
            words = words[1:]
        if words and words[0] not in _GROUPING_WORDS and words[-1] not in _NOT_QUANTITY:
            return " ".join(words)
    return None


def series_key(folded: str, words: dict[str, str]) -> str | None:
    """The grouping of a forecast ("per substation", "each department", "by zone"), singular; of a
    compound the request's entity word, else its last noun ("each docking station" -> station)."""
    for m in _GROUPED_BY.finditer(folded):
        noun = m.group("noun")
        if noun not in words:
            noun = _head_noun(folded[m.start("noun") :]) or noun
        if noun in _NOT_ENTITIES or noun.isdigit():
            continue
        return _singular(noun, words)
    return None


_PHRASE_END = frozenset(
    "from in at on by to for of with will would is are was be that which who and or so after before over "
    "during within across using based per the a an its their our as than into via each every all next last "
    "one ones other whether if when where while how she he they it we you "
    "la il lo gli le el los las un una der die das den dem des ein eine du de".split()  # articles of other languages
)
_HEAD_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*(?:'s)?|\S")
_QUANTIFIED = re.compile(r"\b(?:of|for)\s+(?:each|every)\s+")
"""The thing a target belongs to: "the hardness of every coil", "a number for each pump"."""
_NOT_ENTITIES = _NOT_GROUPS | frozenset(
    "morning mornings evening evenings afternoon night nights weekend second seconds time times run runs "
    "monday tuesday wednesday thursday friday saturday sunday them it".split()
)


_VERB_LIKE = frozenset(
    "have has had get gets got need needs use uses run runs go goes come comes take takes see sees do does did "
    "can may must should would could will shall sell sells sold make makes made buy buys bought pay pays paid".split()
)


def _head_noun(text: str, most: int = 2) -> str | None:
    """The last noun of the phrase that opens ``text`` ("steel coil from the mill" -> coil): up to
    ``most`` words, ending at a function word, a number or punctuation, or after a possessive; a later
    word that reads as a verb ("each ward have", "each product sold") ends the phrase before it."""
    head = None
    for word in _HEAD_WORD.findall(text)[:most]:
        possessive = word.endswith("'s")
        word = word[:-2] if possessive else word
        if word in _PHRASE_END or not word[0].isalpha():
            break
        if head is not None and (word in _VERB_LIKE or word.endswith(("ed", "ing"))):
            break
        head = word
        if possessive:
            break
    return head


def _singular(noun: str, words: dict[str, str]) -> str:
    if noun in words:
        return words[noun]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


# "battery-constrained watch", "customer-facing app", "user-generated content": the first word of such a
# compound describes another noun; it is never the thing scored.
_MODIFIER_COMPOUND = re.compile(
    r"-(?:[a-z]+(?:ed|ing)|based|free|friendly|wide|heavy|intensive|sensitive|aware|proof|ready|specific|bound|hungry|safe|critical)\b"
)


def entity_from_text(
    folded: str,
    words: dict[str, str],
    population_noun: str | None,
    modality: str | None = None,
    quantified: bool = True,
) -> str | None:
    """The noun a request predicts about ("claim", "player"), for requests no domain profile fits.

    The counted noun ("1,500 claims per day") wins; else the first entity noun within a few words after
    a prediction verb ("score every new claim"); else, with ``quantified``, the noun "of/for each" picks
    out next to the verb, known or not ("the hardness of every steel coil"); else the first entity noun
    anywhere. A word that only modifies a hyphenated compound ("battery-constrained") never counts.
    """
    allowed = _MODALITY_ENTITIES.get(modality or "")
    if allowed is not None:
        words = {w: e for w, e in words.items() if e in allowed}
    if population_noun and population_noun in words:
        return words[population_noun]
    tokens = [
        (m.start(), m.group()) for m in _TOKEN.finditer(folded) if not _MODIFIER_COMPOUND.match(folded, m.end())
    ]
    verb = _VERB.search(folded)
    if verb:
        after = [t for pos, t in tokens if pos >= verb.end()][:_LOOKAHEAD]
        for token in after:
            if token in words:
                return words[token]
        # "predict the hardness of every steel coil": the noun that "each"/"every" picks out next to the
        # verb is the thing scored, known entity word or not; a word elsewhere ("line speed") is not.
        window = folded[verb.end() : verb.end() + _WINDOW_CHARS]
        each = _QUANTIFIED.search(window)
        head = _head_noun(window[each.end() :]) if each and quantified and allowed is None else None
        if head and head not in _NOT_ENTITIES and len(head) > 2:
            return _singular(head, words)
    for _, token in tokens:
        if token in words:
            return words[token]
        for word, entity in words.items():
            if not word.isascii() and word in token:
                return entity
    return None


_CLAUSE = r"[^.,;:!?()\n]{3,80}"
_MEASURED = (
    r"strength|hardness|thickness|content|concentration|purity|viscosity|temperature|pressure|moisture|density"
    r"|octane|usage|consumption|demand|load|weight|length|duration"
)
_WHAT = [
    # "the remaining days until the next door-motor failure", "remaining useful life of each pump"
    ("quantity", re.compile(r"(?P<what>remaining (?:useful life|life|days|hours|minutes|weeks|time|range|battery(?: time| life)?|capacity|mileage)(?: (?:until|before|to|of) " + _CLAUSE + ")?)")),
    # "predict, at the moment an order is placed, how many minutes it will take"
    ("quantity", re.compile(r"(?:estimat|predict|forecast|tell|show|know)\w*,\s[^.;:!?]{3,80}?,\s(?P<what>how (?:many|much|long)\s" + _CLAUSE + ")")),
    # "the number of days each container will spend in port", "the number of no-show passengers"
    ("quantity", re.compile(r"(?:predict|estimat|infer|comput|calculat)\w*\s+(?:the\s+)?(?:expected\s+|total\s+)?(?P<what>(?:number|count) of [a-z-]+(?: (?!each |every |a |the |per )[a-z-]+)?(?: (?:each|every|a|the) [a-z-]+ (?:will|would) [a-z -]{3,40})?)")),
    # "the final tensile strength of each coil", "next month's mobile data usage"
    ("quantity", re.compile(r"(?:predict|estimat|infer|comput|calculat)\w*\s+(?:the\s+|each\s+|every\s+)?(?P<what>(?:[a-z'-]+\s){0,3}?(?:" + _MEASURED + r"))\b")),
    ("quantity", re.compile(r"(?:estimat|predict|forecast|tell|show|know)\w*\s+(?:[a-z]+\s){0,4}?(?:(?:an |the )?estimate\s+)?(?:of\s+)?(?P<what>how (?:many|much|long)\s" + _CLAUSE + ")")),
    ("which", re.compile(r"(?:predict|flag|score|pick|select|identify|find|know)\w*\s+which\s+(?:[\w.,'-]+\s){0,5}?(?:will|would|are likely to|is likely to)\s+(?P<what>" + _CLAUSE + ")")),
    ("whether", re.compile(r"(?:predict|flag|score|forecast|know|tell)\w*\s+(?:[a-z-]+\s){0,5}?(?:whether|if)\s+(?P<what>" + _CLAUSE + ")")),
    ("detect", re.compile(r"(?:detect|flag|catch|spot)(?:s|ed|ing)?\s+(?P<what>(?:[a-z-]+\s){0,3}?[a-z-]{4,})(?=\s(?:from|in|on|at|before|while|within|using|so|when|during|among|as|and|for|by)\b|\s?[.,;:(])")),
    ("quantity", re.compile(r"(?:predict|estimat|forecast|set|suggest|recommend|quote)\w*\s+(?:the\s+|a\s+)?(?:best\s+|optimal\s+|right\s+)?(?P<what>(?:[a-z-]+ ){0,2}?(?:yield|price|cost|value|amount|revenue|volume|duration|demand|spend|salary|rating|consumption|production|output|score|premium|fare|fee|loss|income|wage|rent)s?)\b")),
    ("estimate", re.compile(r"(?<![a-z])(?P<what>(?:(?:market|sale|resale|selling|fair|list|listing|expected|total|final|repair|delivery|rental)\s)?(?:price|cost|value|amount|duration|rent|yield|salary)s?)\s(?:estimates?|estimations?|predictions?|forecasts?)\b")),
    ("risk", re.compile(r"(?:predict|estimat|score|assess)\w*\s+(?:(?:each|every|the|a|an|our)\s+)?(?:[a-z-]+'s\s+)?(?:[a-z-]+\s)?(?P<what>(?:risk|probability|likelihood|chance) (?:of|that) " + _CLAUSE + ")")),
]  # fmt: skip
# What follows the outcome: its inputs, its purpose ("to trigger a chat offer") or its horizon.
_TRAILING = re.compile(
    r"\s(?:from|using|based on|so that|so|because|with|via|in the next|within the next|before|for our|for the|for all|for \d[\d,.]*|given"
    r"|(?:in order )?to (?:trigger|target|warn|send|route|prioriti[sz]e|schedule|plan|decide|alert|call|offer|show|"
    r"help|reduce|avoid|improve|adjust|intervene|contact|notify|tune|size|set))(?:\s.*)?$"
)


def _entity_state(phrase: str, entity: str) -> str | None:
    """The qualifier of a phrase that names the entity itself ("a completed order" -> "completed")."""
    *quality, noun = re.sub(r"^(?:a|an|the)\s", "", phrase).split()
    return " ".join(quality) if quality and noun in (entity, plural(entity)) else None


def target_phrase(folded: str, entity: str) -> tuple[str, str] | None:
    """What the request asks to predict, in its own words: ``(target text, title)``, or ``None``.

    "predict which inbound leads will book a demo" gives ("will book a demo", "which leads will book a
    demo"); "an estimate of how many days it will take" gives a quantity; "each player's risk of a
    soft-tissue injury" gives ("has a soft-tissue injury", "player risk of a soft-tissue injury").
    """
    for kind, pattern in _WHAT:
        m = pattern.search(folded)
        if not m:
            continue
        what = re.sub(r"^(?:its|their|our|his|her|your)\s", "", _TRAILING.sub("", m.group("what")).strip())
        if len(what) < 3:
            continue
        if kind == "quantity":
            what = re.sub(r"\s(?:of|for) (?:each|every) [a-z -]+$", "", what)  # the unit is said once, after it
            # The target reads as a noun ("number of days it will take"), the title keeps the question.
            quantity = re.sub(r"^how many ", "the number of ", re.sub(r"^how much ", "the amount ", re.sub(r"^how long ", "the time ", what)))
            return quantity, what
        if kind == "detect":
            state = _entity_state(what, entity)
            if state:  # "counterfeit listings" -> the listing is counterfeit
                return f"the {entity} is {state}", f"detecting {what}"
            return f"{what} present for the {entity}", f"detecting {what}"
        if kind == "estimate":
            return f"the {what}", f"{what} estimate"
        if kind == "which":
            return f"the {entity} will {what}", f"which {plural(entity)} will {what}"
        if kind == "whether":
            return what, f"whether {what}"
        clause = re.match(r"(?:risk|probability|likelihood|chance) that (?P<clause>.+)", what)
        if clause:  # "the probability that a shopper abandons the cart" states a yes/no question
            return clause.group("clause"), f"whether {clause.group('clause')}"
        outcome = re.sub(r"^(?:risk|probability|likelihood|chance) of ", "", what)
        state = _entity_state(outcome, entity)
        if state:  # "likelihood of a completed order" -> the order is completed
            return f"the {entity} is {state}", f"{entity} {state}"
        return f"the {entity} has {outcome}", f"{entity} risk of {outcome}"
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
    if domain is not None and domain.generic:
        phrase = target_phrase(folded, entity)
        if phrase is not None:
            return f"{_LABELS[pt]}: {phrase[1]}"
        return f"{_LABELS[pt]} for {plural(entity)}" if entity not in ("record", "item") else f"{_LABELS[pt]} workflow"
    if domain is not None and score > 0:
        item = _ITEMS.search(folded)
        name = domain.name.replace("{Entity}", entity[:1].upper() + entity[1:]).replace("{entity}", entity)
        name = name.replace("{Item}", (item.group(1).capitalize() if item else "Item"))
        return name.replace("{horizon}", horizon_text(horizon_days))
    topic = _TOPIC.search(folded)
    if topic:
        what = " ".join(topic.group("what").split()[:5])
        return f"{_LABELS[pt]}: {what}"
    return f"{_LABELS[pt]} workflow"
