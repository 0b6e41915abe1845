"""The setting around the model: platform, GPUs, budget, team maturity, regulation, data sources, edge device."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..knowledge import Domain, Knowledge
from ._subject import mask_class_lists

_PUBLIC = ("aws", "gcp", "azure", "alibaba")


@dataclass
class Context:
    cloud: str = "unspecified"
    cloud_note: str | None = None
    cloud_from_sources: bool = False
    gpu: bool | None = None
    budget: str = "unspecified"
    maturity: str | None = None
    maturity_cue: bool = False
    regulated: str | None = None
    edge_target: str | None = None
    sources: list[tuple[str, str]] = field(default_factory=list)


def read_context(text: str, kb: Knowledge, domain: Domain | None, team_size: int | None) -> Context:
    ctx = Context()
    ctx.sources = [(src.name, src.kind) for src, cues in kb.source_cues if cues.count(text)]
    _read_cloud(ctx, text, kb)
    if kb.gpu_cues["none"].count(text):
        ctx.gpu = False
    elif kb.gpu_cues["available"].count(text):
        ctx.gpu = True
    if kb.budget_cues["tight"].count(text):
        ctx.budget = "tight"
    elif kb.budget_cues["ample"].count(text):
        ctx.budget = "ample"
    else:
        ctx.budget = stated_budget(text) or ctx.budget
    _read_maturity(ctx, text, kb, team_size)
    text = mask_class_lists(text, kb)  # "intents (card lost, loan question)": labels, not the subject
    scores = {name: cues.count(text) for name, cues in kb.regulated_cues.items()}
    if domain is not None and domain.regulated:
        ctx.regulated = domain.regulated
    elif _VENDOR.search(text):
        pass  # "SaaS for dentists": the customers' industry, while the decision is about an account, not a patient
    else:
        best = max(scores, key=lambda k: scores[k])
        # One stray word ("clinic" in an address) is not enough, unless the domain agrees.
        strong = next((name for name, cues in kb.regulated_strong.items() if cues.count(text)), None)
        if scores[best] >= 2 or (scores[best] == 1 and (best == "insurance" or (best in ("health", "credit") and _strong(text, kb, best)))):
            ctx.regulated = best
        elif strong is not None:
            ctx.regulated = strong
    return ctx


# A business selling to a regulated industry: its churn, upsell or lead models decide about accounts.
_VENDOR = re.compile(
    r"\b(?:saas|software|platform|tool|app|crm|product|marketplace|subscription)s? (?:for|used by|sold to|serving) "
    r"(?:(?:independent|small|private|dental|veterinary|vet)\s)?(?:dentists?|dental practices|clinics|doctors|physicians|"
    r"practices|pharmacies|hospitals|banks|lenders|insurers|recruiters|hr teams|clinicians|vets)\b"
    r"|\bour customers are (?:\w+ )?(?:clinics|hospitals|practices|pharmacies|banks|lenders|insurers|recruiters)\b"
)


def _strong(text: str, kb: Knowledge, name: str) -> bool:
    first = kb.regulated_cues[name].first(text)
    return first is not None and len(first) >= 6


def _read_cloud(ctx: Context, text: str, kb: Knowledge) -> None:
    hits = {name: cues.count(text) for name, cues in kb.cloud_cues.items()}
    public = [c for c in _PUBLIC if hits.get(c)]
    if not public:
        implied = sorted({kb_src.cloud for kb_src, cues in kb.source_cues if kb_src.cloud and cues.count(text)})
        if len(implied) == 1:
            public, ctx.cloud_from_sources = implied, True
    if hits.get("air-gapped"):
        ctx.cloud = "air-gapped"
    elif hits.get("on-prem") and public:
        ctx.cloud = "on-prem"
        ctx.cloud_note = (
            f"on-prem data centre plus {', '.join(p.upper() for p in public)} named: the design uses open-source "
            "tools that run in both places, so nothing depends on one side"
        )
    elif hits.get("on-prem"):
        ctx.cloud = "on-prem"
    elif len(public) == 1:
        ctx.cloud = public[0]
    elif public:
        ctx.cloud = max(public, key=lambda c: hits.get(c, 0))
        ctx.cloud_note = f"several clouds named ({', '.join(public)}); the design uses {ctx.cloud} plus open-source tools"


def _read_maturity(ctx: Context, text: str, kb: Knowledge, team_size: int | None) -> None:
    first = kb.maturity_cues["first-model"].count(text)
    platform = kb.maturity_cues["platform"].count(text)
    ctx.maturity_cue = bool(first or platform)
    if platform > first or (team_size is not None and team_size >= 8):
        ctx.maturity = "platform"
    elif first or (team_size is not None and team_size <= 3):
        ctx.maturity = "first-model"
    elif team_size is not None:
        ctx.maturity = "growing"


def edge_target(text: str, kb: Knowledge) -> str:
    """The device class for edge serving, the first of knowledge's ``edge_targets`` whose cue is a word of
    ``text`` (mcu, browser, phone, edge_tpu, jetson ...); a CPU gateway when none is."""
    for name, target in kb.edge_targets.items():
        words = [re.escape(cue) for cue in target.cues if "\\" not in cue]
        if (words and re.search(rf"(?<![a-z])(?:{'|'.join(words)})s?(?![a-z])", text)) or (
            name == "mcu" and any(w in text for w in ("kb ram", "kb of ram", "单片机", "microcontrol", "mikrocontroller"))
        ):
            return name
    return "gateway"


_AMOUNT = r"(?P<n>\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)\s?(?P<mult>k\b|m\b|mio\b|million\b|thousand\b|万|千)?"
_CURRENCY = r"(?:[$€£¥]|usd|eur|euros?|dollars?|gbp|chf|rmb|cny|yuan|元)"
_PER = r"\s?(?:per|a|an|/|each|every|pro|par|al|por|ao|il|每)?\s?(?P<per>months?|mo\b|monat|mois|mes\b|mese|year|yr|annum|jahr|an\b|ano|anno|年|月)"
_PER_FIRST = r"(?P<per>每月|每年|monthly|monatlich\w*|mensual\w*|mensuel\w*|mensil\w*|yearly|annual\w*|jahrlich\w*|anual\w*|annuel\w*)[^.\d]{0,20}?"
_MONEY = (
    re.compile(rf"{_CURRENCY}\s?{_AMOUNT}{_PER}"),
    re.compile(rf"{_AMOUNT}\s?{_CURRENCY}{_PER}"),
    re.compile(rf"{_PER_FIRST}{_AMOUNT}\s?{_CURRENCY}"),
)
_YUAN = re.compile(r"yuan|元|rmb|cny")
_YEARLY = re.compile(r"year|yr|annum|jahr|^an$|ano|anno|年|annu|anual")
_BUDGET_WORD = re.compile(r"budget|presupuesto|orcamento|预算|(?:cloud|infra\w*|compute|ml|gpu) (?:spend|bill|costs?)|spend(?:ing)? (?:on|for) (?:cloud|infra\w*|compute)")
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "千": 1e3, "万": 1e4, "m": 1e6, "mio": 1e6, "million": 1e6}
_TIGHT_BELOW, _AMPLE_FROM = 2_000.0, 20_000.0
"""Monthly amounts in dollars or euros (yuan at about 7 to one): a few thousand a month pays for a small
managed setup; tens of thousands pay for a platform with always-on GPUs."""


def stated_budget(text: str) -> str | None:
    """"tight", "moderate" or "ample" from a money amount per month or year stated as the budget ("budget
    of $5k/month", "presupuesto de 2.000 € al mes", "budget annuel de 300 000 €", "预算每月1万元"); None when
    no amount is stated as one."""
    for match in (m for money in _MONEY for m in money.finditer(text)):
        near = text[max(0, match.start() - 40) : match.end() + 20]
        if not _BUDGET_WORD.search(near):
            continue  # "customers spend $50 a month" is revenue, not what the project may cost
        raw = match.group("n")
        # "2.000" and "2,000" are thousands; "1.5" and "1,5" are decimals.
        number = float(re.sub(r"[ .,](?=\d{3}(?!\d))", "", raw).replace(",", "."))
        number *= _MULTIPLIER.get((match.group("mult") or "").lower(), 1.0)
        if _YUAN.search(match.group(0)):
            number /= 7
        if _YEARLY.search(match.group("per")):
            number /= 12
        return "tight" if number < _TIGHT_BELOW else "ample" if number >= _AMPLE_FROM else "moderate"
    return None
