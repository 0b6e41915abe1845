"""A request that corrects or narrows itself, read by its final framing.

People type the way they think: "Group our customers into segments?? actually no — we want to predict who
cancels", "Statt einer Empfehlung wollen wir ... vorhersagen", "不是要预测销量，而是要判断每条评论...". The
dropped framing still carries strong words (segments, Empfehlung, 预测销量) that would vote for a task, a
serving mode or a medium the request no longer asks for, so :func:`restate` blanks it out before the task
and serving rules read the text (knowledge/lexicon.yaml ``retraction`` and ``abandoned_framing``). So does a
form it only declines ("we don't need boxes or counts, just ...", ``declined_target``), and a clause that
sets another project aside ("fraud detection is a separate project", ``out_of_scope``), and the sentence that
points back at one only to say it is not the ask ("..., but that is not what I'm after", ``not_the_ask``). The
context (platform, team, regulation) is still read from the whole request: what the team has does not
change when the ask does.
"""

from __future__ import annotations

import re

from ..knowledge import Knowledge

_SENTENCE_END = re.compile(r"(?:[.;!?\n\u3002\uff1b\uff01\uff1f]|\u2026)+")
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
_OPENER_WORDS = 3
"""A turn with fewer words than this before it in its sentence ("? No —", ". On second thought,", "...
bueno, en realidad no") opens the sentence: what it takes back is the sentence before."""


def restate(text: str, kb: Knowledge) -> str:
    """``text`` without the framings it sets aside; ``text`` itself when it sets none aside."""
    rules = kb.problem_rules
    spans = [(start, end) for name in ("abandoned_framing", "declined_target") for start, end, _ in rules[name].hits(text)]
    turns = rules["retraction"].hits(text)
    aside = rules["out_of_scope"].hits(text)
    pointed = rules["not_the_ask"].hits(text)
    if turns or aside or pointed:
        ends = list(_SENTENCE_END.finditer(text))
        spans += [(_taken_back_from(text, ends, start), end) for start, end, _ in turns]
        spans += [_pointed_back(text, ends, start, end) for start, end, _ in pointed]
        # A clause that would take the whole request with it names no other project: nothing is dropped.
        clauses = (_clause_around(text, ends, start, end) for start, end, _ in aside)
        spans += [(a, b) for a, b in clauses if _WORD.search(text[:a] + " " + text[b:])]
    if not spans:
        return text
    out, last = [], 0
    for start, end in _merged(spans):
        out.append(text[last:start])
        out.append(" ")
        last = end
    out.append(text[last:])
    return "".join(out)


def _taken_back_from(text: str, ends: list[re.Match[str]], turn: int) -> int:
    """Where the framing a turn at offset ``turn`` takes back begins: its own sentence's start, or the
    previous sentence's start when the turn opens its sentence."""
    before = [m for m in ends if m.end() <= turn]
    start = before[-1].end() if before else 0
    if len(_WORD.findall(text[start:turn])) < _OPENER_WORDS and before:
        start = before[-2].end() if len(before) > 1 else 0
    return start


_CLAUSE_TURN = re.compile(
    r",? (?:but|whereas|while|aber|sondern|pero|sino|mais|alors que)\b|, (?:and|und|y|et)\b|[，,]\s?(?:但是?|而是?)"
)
"""A clause turn inside a sentence: "fraud is a separate project, but here we need ..." keeps what follows, and
"..., and we want ..." too."""


_POINTER = re.compile(r"\W*(?:it|that|this|they|those|these|il|elle|ce|cela|ca|c'est|es|das|dies|er|sie|eso|esto|ese|este|那|它|这)\b|\W*(?:那|它|这)")
"""A pronoun that opens a sentence and points back at the one before ("…; it is finished and …")."""
_ASK_AFTER = re.compile(r" ?(?:-|\u2014|:)")
"""A dash or colon after the marker starts the ask itself ("that is not what I'm after - predict who cancels")."""


def _pointed_back(text: str, ends: list[re.Match[str]], start: int, end: int) -> tuple[int, int]:
    """The sentence a ``not_the_ask`` marker closes, with the sentence before when this one opens with a pronoun
    pointing back at it; it stops at a dash or colon after the marker."""
    before = [m.end() for m in ends if m.end() <= start]
    first = before[-1] if before else 0
    if before and _POINTER.match(text, first):
        first = before[-2] if len(before) > 1 else 0
    after = [m.start() for m in ends if m.start() >= end]
    last = after[0] if after else len(text)
    dash = _ASK_AFTER.search(text, end, last)
    return first, dash.start() if dash else last


def _clause_around(text: str, ends: list[re.Match[str]], start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds an out-of-scope marker at ``start``..``end``."""
    before = [m.end() for m in ends if m.end() <= start]
    after = [m.start() for m in ends if m.start() >= end]
    first, last = (before[-1] if before else 0), (after[0] if after else len(text))
    turns = list(_CLAUSE_TURN.finditer(text, first, last))
    first = max([first] + [m.end() for m in turns if m.end() <= start])
    last = min([last] + [m.start() for m in turns if m.start() >= end])
    return first, last


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
