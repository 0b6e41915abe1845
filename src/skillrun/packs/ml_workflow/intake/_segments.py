"""Segments asked for with nothing to predict: clustering, the one kind of request outside the rubric's 15 types.

"Group our customers by buying behaviour" names no outcome, so every supervised reading of it invents one
(before this module the engine wrote a binary classifier for "the outcome the request describes"). The
engine designs it as clustering instead (generic.yaml and problem_types.yaml `clustering`) and says so in
the report. The learned second opinion was trained on the 15 types only, so it never speaks for or against
this reading.
"""

from __future__ import annotations

import re

from ..knowledge import Knowledge
from ._implied import singular

# The plural noun a segmentation verb groups ("group our 3M cardholders into segments"): the entity, even
# when no entity list knows the word.
_GROUPED = re.compile(
    r"\b(?:segment|cluster|group|divid|split|sort|partition|organi[sz])\w* (?:all |our |the |its |their |these |"
    r"existing |active )?(?:\d[\d.,]*\s?[km]? |[\d.,]+ million )?(?:[a-z-]+ ){0,2}?([a-z]{3,}s) (?:into|by|based on|"
    r"according to|with similar)\b"
)
_SEGMENTATION_OF = re.compile(r"\b([a-z]{3,}) segmentation\b|\bsegmentation of (?:our |the |its |their )?([a-z]{3,}s)\b")
_NOT_ENTITIES = frozenset({"behaviour", "behavior", "market", "rfm", "persona", "behavioural", "behavioral"})


def segments_wanted(text: str, kb: Knowledge) -> bool:
    """Whether the request asks for segments of its entities and names no segment to predict per item."""
    rules = kb.problem_rules
    return rules["segments_wanted"].count(text) > 0 and not rules["segments_predicted"].count(text)


def segmented_noun(text: str) -> str | None:
    """The singular of what the request groups ("cardholder"), if an English phrase names it."""
    grouped = _GROUPED.search(text)
    if grouped:
        return singular(grouped.group(1))
    named = _SEGMENTATION_OF.search(text)
    if named:
        noun = named.group(1) or singular(named.group(2))
        return None if noun in _NOT_ENTITIES else noun
    return None
