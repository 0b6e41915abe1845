"""English word forms the reports build from the request's nouns (one place, so every section agrees)."""

from __future__ import annotations

import re

_UNCHANGED = ("series", "species", "news", "data")


def plural(noun: str) -> str:
    """The plural of an English noun or of a phrase's last word: query -> queries, match -> matches."""
    if noun.endswith(_UNCHANGED):
        return noun
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"
