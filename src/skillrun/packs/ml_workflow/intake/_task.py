"""What the request asks the model to do, from its own words: the kind of data and the form of the target.

Two readings, kept apart from any guess about the business (knowledge/tasks.yaml):

- **modality**: what the data *is*. Photos, scans and camera frames are images; recordings and
  microphones are audio; messages, notes, documents and transcripts are text (speech or scans turned
  into text count as text); measurements, counts and fields are table rows.
- **form**: how the target is phrased. Several labels per item, the effect of an action, unusual
  versus normal, an amount per future period, an amount, an order of results for a query, items to
  show a user, spans inside a text, where objects are, outlines of regions, one of N categories.

:func:`form_votes` turns the two into votes for the 15 problem types (rubric §0.1, PD-01);
:func:`fold_by_modality` then moves a yes/no or category answer to the type of its data: a question
about a text is text classification, about a photo image classification, about a sound audio
classification, and an image or text type without such data falls back to its tabular form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._cues import Cues
from .._frames import sentence_bounds
from ..knowledge import Domain, Knowledge
from ._denied import blank_hits

_MEDIA = ("image", "audio", "text")
_NOT_MEDIA = ("transcribed", "combined", "signals", "text_only", "text_source", "outgoing_channel")
"""Modality entries that qualify the media rather than name one (tasks.yaml ``modalities``)."""
_ENUMERATION = re.compile(r"\([^()]*,[^()]*,[^()]*\)")
_NEGATION = r"not|non|no|nor|nicht|kein\w*|pas|ni|nao|sem|sin|sans|senza|ohne|weder|without"
"""Words that deny what follows them, in every language read (folded: Portuguese "não" is "nao"). German
"noch" is one only after "weder" ("weder Fotos noch Texte"); alone it means "still" or "also" ("dazu kommen
noch die Katalogfotos"), so it joins a denied list below instead of starting one."""
_NEGATED = re.compile(rf"(?:\b(?:{_NEGATION})\b|不是|而非)[^.,;]*$")
"""A negation just before a cue ("listening to the voice, not the transcribed text") cancels it."""
_NOT_A_MEDIUM_WORD = r"(?!label|annot|tagg|etiquet|gelabel|(?:and|or|nor|ni|noch|y|o|und|oder|et|ou|e)(?![a-z-]))[a-z-]+"
_NEGATED_MEDIUM = re.compile(
    rf"(?<![a-z])(?:{_NEGATION})\s"
    rf"(?P<what>{_NOT_A_MEDIUM_WORD}(?:\s(?:(?:nor|ni|noch)\s)?{_NOT_A_MEDIUM_WORD}){{0,3}})(?![a-z-])"
)
"""What a request says it does not have ("no free text", "without photos", "sin texto libre ni imágenes",
"weder Fotos noch Texte", "pas de texte ni de voix") is not its data; "no labelled images" still has images. The same negation words
as :data:`_NEGATED`, used the other way: that one cancels a cue the negation precedes in its clause, this one
blanks the words the negation governs before the media are counted."""
_MEDIUM_MIN = 2.0
_FRAME_MEDIUM = 2.0
"""Texts received or screened ("we receive 3,000 e-mails a day ...") say the data is text."""
_SURE_DOMAIN = 2.0
"""A profile named by two of its cues may lend its usual data; one stray word ("customer service") may not."""
_SPOKEN_AS_TEXT = 2.0
"""Transcription cues needed before recordings are read as the text made from them."""
_FORM_TYPE = {
    "yes_no": "binary_classification",
    "several_labels": "multilabel_classification",
    "amount": "regression",
    "order_for_query": "ranking",
    "items_for_user": "recommendation",
    "spans": "sequence_labeling",
    "categories": "multiclass_classification",
}
_IMAGE_FORMS = {"where_objects": "object_detection", "region_outline": "image_segmentation"}
_TYPE_OF_MEDIUM = {"text": "text_classification", "image": "image_classification", "audio": "audio_classification"}
_FORECAST_VOTE = 5.0
_UPLIFT_MIN = 6.0
"""Targeting by effect needs a second sign: a randomised exposure, a second effect phrase, or the method's name."""


@dataclass(frozen=True)
class Task:
    media: dict[str, float]
    """Evidence per modality: image, audio, text, tabular."""
    forms: dict[str, float]
    """Evidence per target form (knowledge/tasks.yaml ``forms``)."""
    transcribed: bool
    """The text was made from speech or a scan (speech-to-text, OCR)."""
    combined: bool = False
    """Pictures and text are read together ("from the listing photos and the description")."""
    signals: bool = False
    """A text is read together with account, amount, device or behaviour signals ("the review text plus
    the reviewer's account history"): the decision is on the item in its context, not on the text alone."""

    @property
    def labels_missing(self) -> bool:
        """No labels, or a handful of known positives beside a flag-the-unusual intent ("only a dozen
        confirmed leaks; flag meters whose night flow looks unusual"): too few to train a yes/no model on."""
        if self.forms["no_labels"] > 0:
            return True
        return self.forms["few_labels"] > 0 and self.forms["unusual"] + self.forms["suspicious"] > 0

    @property
    def labelled(self) -> bool:
        """Labelled positives are mentioned ("60k banned accounts", "labelled ransomware samples")."""
        return self.forms["labels_present"] > 0 and not self.labels_missing


def read_task(text: str, kb: Knowledge) -> Task:
    # Class names listed in parentheses ("(card, loan, fraud, complaint, other)") say what the labels
    # are, not what the data is.
    plain = _NEGATED_MEDIUM.sub(lambda m: m.group(0)[: m.start("what") - m.start()] + " " * len(m.group("what")), without_enumerations(text))
    plain, _ = blank_hits(plain, kb.modality_cues["outgoing_channel"])
    bounds = sentence_bounds(text)
    plain_bounds = sentence_bounds(plain)
    media = {
        name: _distinct_score(cues, plain) + _FRAME_MEDIUM * sum(f.matches(plain, plain_bounds) for f in kb.modality_frames[name])
        for name, cues in kb.modality_cues.items()
        if name not in _NOT_MEDIA
    }
    frames = {name: sum(f.matches(text, bounds) for f in kb.form_frames[name]) for name in kb.form_cues}
    # One amount asked with a prediction verb is one, whichever frames it fits: "predict whether the coil
    # cracks, from its hardness (HRC) and thickness (mm)" names two inputs, not two amounts to predict.
    frames["amount"] = min(frames["amount"], 1)
    forms = {name: cues.score(text) + cues.weight * frames[name] for name, cues in kb.form_cues.items()}
    # One yes/no question is one, however many languages' phrasings it happens to match.
    forms["yes_no"] = min(forms["yes_no"], kb.form_cues["yes_no"].weight)
    if forms["yes_no"] and forms["categories"] and _inside_a_choice(text, kb):
        forms["yes_no"] = 0.0
    if forms["random_exposure"] and all(
        _NEGATED.search(text[max(0, start - 24) : start]) for start, _, _ in kb.form_cues["random_exposure"].hits(text)
    ):
        # "sent to everyone, no control group": a response model over untreated history, not an uplift target.
        forms["random_exposure"] = 0.0
    one_of_n = forms["categories"] > 0 or kb.problem_rules["multiclass_enumerated"].count(text) > 0
    if one_of_n and forms["yes_no"] == 0:
        # "one of 12 chambers, from the text of the complaint": a category read from a text the request names
        # once. A yes/no read from one may be an outcome seen later ("will the lawsuit settle"), left as it was.
        media["text"] += _FRAME_MEDIUM * sum(f.matches(plain, plain_bounds) for f in kb.modality_frames["text_source"])
    transcribed = any(not _NEGATED.search(text[max(0, start - 24) : start]) for start, _, _ in kb.modality_cues["transcribed"].hits(text))
    if transcribed and media["audio"] <= _SPOKEN_AS_TEXT * 2:
        # "after on-device speech-to-text, pull out the slots": the model reads the transcript.
        media["text"] += media["audio"] + 2
        media["audio"] = 0.0
    if transcribed and media["image"] > 0 and not media["image"] > media["text"] + 4:
        media["text"] += media["image"]  # OCR'd forms and scanned invoices are documents
        media["image"] = 0.0
    cues = kb.modality_cues["combined"]
    combined = cues.count(plain) > 0 or any(f.matches(plain, plain_bounds) for f in kb.modality_frames["combined"])
    signals = _with_signals(text, kb, bounds)
    if signals and forms["yes_no"] > 0:
        # "predict whether a booking is cancelled using the request text plus lead time and price": the
        # amounts are among the listed inputs; the question asked is the yes/no.
        forms["amount"] = 0.0
    return Task(media=media, forms=forms, transcribed=transcribed, combined=combined, signals=signals)


_CHOICE_LEAD = 20
"""Characters before a listed choice that still belong to its question ("decide, ob es ein A, B oder C ist")."""


def _inside_a_choice(text: str, kb: Knowledge) -> bool:
    """Every yes/no cue sits in a question that lists three or more answers ("whether it is an emergency, a
    booking, a billing question or a prescription", "ob es ein Notfall, eine Terminanfrage ... oder ... ist"):
    the "whether" asks which of them, not yes or no."""
    choices = kb.form_cues["categories"].hits(text)
    if not choices:
        return False
    return all(
        any(c0 - _CHOICE_LEAD <= start <= c1 for c0, c1, _ in choices) for start, _, _ in kb.form_cues["yes_no"].hits(text)
    )


def listed_choice(text: str, kb: Knowledge) -> bool:
    """The request lists the answer's classes ("one of our seven programmes", "s'il s'agit de verre, de carton
    ou de métal") and asks no yes/no beside them: "predict whether an account is taken over" after "three event
    types (login, payment, transfer)" lists inputs, not the answer."""
    if not (kb.form_cues["categories"].count(text) or kb.problem_rules["multiclass_enumerated"].count(text)):
        return False
    return not kb.form_cues["yes_no"].count(text) or _inside_a_choice(text, kb)


_SIGNALS_MIN = 2
"""Distinct signals named beside a text before they count as its input; one is enough when joined to the
text ("the listing text plus the seller's rating")."""


def _with_signals(text: str, kb: Knowledge, bounds: list[int]) -> bool:
    """Non-text signals named as inputs beside the text (knowledge/tasks.yaml ``signals``).

    Class names in parentheses are not stripped first: a list such as "(account age, number of reviews,
    verified purchases)" names inputs. A signal just after a negation ("we have no reviewer data") does not
    count, and "from the text alone" keeps the text as the whole input.
    """
    if kb.modality_cues["text_only"].count(text):
        return False
    starts = {
        start
        for name in ("signals", "tabular")
        for start, _, _ in kb.modality_cues[name].hits(text)
        if not _NEGATED.search(text[max(0, start - 24) : start])
    }
    if len(starts) >= _SIGNALS_MIN:
        return True
    return bool(starts) and any(f.matches(text, bounds) for f in kb.modality_frames["signals"])


def _distinct_score(cues: Cues, text: str) -> float:
    """Like ``cues.score`` but a word matched by several languages' cues ("note", "notes") counts once."""
    best: dict[int, float] = {}
    for start, _, factor in cues.hits(text):
        best[start] = max(best.get(start, 0.0), factor)
    return cues.weight * sum(best.values())


def without_enumerations(text: str) -> str:
    """``text`` without parenthesised lists of three or more items (usually the class names)."""
    return _ENUMERATION.sub(" ", text) if "(" in text else text


def form_votes(task: Task, medium: str, per_coming_period: bool = False) -> dict[str, float]:
    """Votes for problem types from the target's phrasing (image forms only when the data is images);
    ``per_coming_period``: an amount is stated for each period of a coming horizon (lexicon
    ``amount_per_coming_period``)."""
    votes: dict[str, float] = {}
    for form, kind in _FORM_TYPE.items():
        if task.forms[form] > 0:
            votes[kind] = votes.get(kind, 0.0) + task.forms[form]
    forecast = _forecast_vote(task.forms)
    if forecast:
        votes["forecasting"] = forecast
    total = task.forms["aggregate"] > 0 or per_coming_period
    # An amount for each period of the coming window is a series per entity even when the entity is a person
    # or an account ("each household's consumption for every month of the coming year"); one window per
    # entity ("each household's use next month") stays an amount.
    series = task.forms["per_period"] >= _FORECAST_VOTE and task.forms["horizon"] > 0
    if forecast >= _FORECAST_VOTE and task.forms["horizon"] > 0 and (series or (total and task.forms["individual"] == 0)):
        # "daily consumption in m3 for each supply zone over the next 7 days": a total over many units wanted
        # per future period (rubric PD-01), so the amount's votes are the forecast's, not a second reading.
        # Without such a total the period may be a schedule ("RUL of each pump, refreshed every day"); an amount
        # stated per day over the coming days ("what each warehouse will ship per day for the next 10 days") is one.
        votes["forecasting"] += votes.pop("regression", 0.0)
    uplift = _uplift_vote(task.forms)
    if uplift:
        votes["uplift_modeling"] = uplift
    if task.forms["unusual"] > 0:
        # Unusual-looking positives with labels ("labelled ransomware samples") are still a supervised task.
        unusual = task.forms["unusual"] / 2 if task.labelled else task.forms["unusual"]
        votes["anomaly_detection"] = votes.get("anomaly_detection", 0.0) + unusual
    if task.forms["suspicious"] > 0 and task.labels_missing:
        # "a few known incidents; detect suspicious sessions": suspicious can only mean unlike the normal.
        votes["anomaly_detection"] = votes.get("anomaly_detection", 0.0) + task.forms["suspicious"]
    if task.forms["unusual"] > 0 and task.forms["yes_no"] > 0 and not task.labelled:
        # "detect whether consumption goes outside the normal range": the yes/no is the anomaly flag.
        votes["anomaly_detection"] = votes.get("anomaly_detection", 0.0) + task.forms["yes_no"]
    if medium == "image":
        for form, kind in _IMAGE_FORMS.items():
            if task.forms[form] > 0:
                votes[kind] = task.forms[form]
    return votes


def _forecast_vote(forms: dict[str, float]) -> float:
    """An amount for each future period, or a total over many units for the coming hours or days.

    A horizon alone ("quit in the next 6 months") only says when an event is judged, and one entity's
    amount over a window ("each member's spend in the next 30 days") is regression: a total over the
    coming period counts as a forecast only when it is not per person or account ("free beds per ward in
    6 hours" is, "each household's electricity use next month" is not).
    """
    if forms["per_period"] > 0 and (
        forms["amount"] + forms["aggregate"] + forms["horizon"] > 0 or forms["per_period"] >= 2 * _FORECAST_VOTE
    ):
        return forms["per_period"]
    if forms["per_period"] > 0:
        return forms["per_period"] / 2
    if forms["aggregate"] > 0 and forms["horizon"] > 0 and forms["individual"] == 0:
        return _FORECAST_VOTE - 1
    return 0.0


def modality_of(task: Task, domain: Domain | None, domain_score: float = _SURE_DOMAIN) -> str:
    """The request's own words about its data, else the domain profile's usual data, else table rows.

    One stray word is not enough ("review the list", "a PDF report"): a medium needs two text cues or
    one image or audio cue, and text or sound must outweigh the words that describe fields and
    measurements ("sound level and temperature" are sensor readings). Photos and text named together as
    the input are "mixed".
    """
    present = [
        m for m in _MEDIA
        if task.media[m] >= _MEDIUM_MIN and (task.media[m] > task.media["tabular"] or (m == "image" and task.media["tabular"] < _MEDIUM_MIN))
    ]  # fmt: skip
    if "audio" in present and task.forms["horizon"] > 0:
        # "whether the cow will come into heat within the next 12 hours" from a collar's accelerometer and
        # microphone: an event over a coming window, of which the sound is one signal; a sound class is a
        # verdict on what is heard. None of the labelled requests read with sound and a horizon is audio
        # classification (intake-hj: 2 of 2270, an uplift and a regression).
        present.remove("audio")
    if task.combined:
        return "mixed"  # photos and text together: neither medium alone is the input
    if task.signals and present and max(present, key=lambda m: task.media[m]) == "text":
        # "the review text plus the reviewer's account history": the text is one input among the item's
        # fields, so the answer keeps the form of its target (yes/no, one of N), as for table rows.
        return "tabular"
    if present:
        return max(present, key=lambda m: task.media[m])
    if domain is not None and domain.modality in _MEDIA and task.media["tabular"] == 0 and domain_score >= _SURE_DOMAIN:
        return domain.modality  # "visual inspection" with no word about the data: the profile's usual data
    return "tabular"


def fold_by_modality(best: str, scores: dict[str, float], medium: str, task: Task) -> str:
    """Move a yes/no or category answer to the type of its data, and back when the data is not there."""
    tabular = "multiclass_classification" if task.forms["categories"] > 0 or scores.get(
        "multiclass_classification", 0.0
    ) > scores.get("binary_classification", 0.0) else "binary_classification"
    if best in ("binary_classification", "multiclass_classification"):
        return _TYPE_OF_MEDIUM.get(medium, best)
    if best in ("image_classification", "object_detection", "image_segmentation") and medium != "image":
        return _TYPE_OF_MEDIUM.get(medium, tabular)
    if best in _TYPE_OF_MEDIUM.values() and medium == "mixed":
        # "counterfeit listings from the photos and the text": a decision on the item, in its plain form.
        return tabular
    if best == "text_classification" and medium == "image":
        return "image_classification"  # "flag listings whose pictures show prohibited items": the photos are read
    if best == "audio_classification" and medium != "audio":
        return _TYPE_OF_MEDIUM.get(medium, tabular)
    if best == "text_classification" and medium == "tabular" and (task.media["tabular"] > task.media["text"] or task.signals):
        return tabular
    return best


def _uplift_vote(forms: dict[str, float]) -> float:
    """The effect of an action per unit: targeting by effect, learned from a randomised exposure.

    A randomised test alone is usually the evaluation plan ("we will A/B test the model"), and one effect
    phrase alone ("because of the weather") is ordinary English; together, or named outright, they are
    an uplift target.
    """
    total = forms["effect_targeting"] + forms["random_exposure"] + forms["uplift_terms"]
    if forms["uplift_terms"] > 0 or (forms["effect_targeting"] > 0 and total >= _UPLIFT_MIN):
        return total
    return 0.0
