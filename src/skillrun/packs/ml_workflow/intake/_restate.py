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
from ._denied import every_hit

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
    pointed = every_hit(rules["not_the_ask"], text)
    if turns or aside or pointed:
        ends = list(_SENTENCE_END.finditer(text))
        spans += [(_taken_back_from(text, ends, start), end) for start, end, _ in turns]
        asides = [_clause_around(text, ends, start, end) for start, end, _ in aside]
        asides += [_pointed_back(text, ends, start, end) for start, end, _ in pointed]
        # An aside that would take the whole request with it names no other project: nothing is dropped.
        spans += [(a, b) for a, b in asides if _WORD.search(text[:a] + " " + text[b:])]
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


_CLAUSE_BREAK = re.compile(r",|\s[-\u2014]\s|\u2014|[\uff0c\u3001]|" + _CLAUSE_TURN.pattern)
_POINTER = re.compile(r"(?<![a-z])(?:that|this|it|which|those|these|ce|cela|ca|c'|das|dies|es|eso|esto|ese|este)(?![a-z])|[\u90a3\u8fd9\u5b83]")
"""A word that points at something named elsewhere ("that", "ce", "das", 那): the marker sets aside what it points at."""
_OPENS_WITH_POINTER = re.compile(
    r"\W*(?:(?:it|that|this|they) (?:is|was|are|were|has|had)\b|(?:it|that)'s\b|(?:il|elle) (?:a|est|etait)\b|"
    r"(?:ce|cela|ca) (?:n'|est|etait)|c'est|(?:das|dies|es) (?:ist|war|wurde)\b|(?:eso|esto) (?:no )?(?:es|era|fue|ya)\b|"
    r"\u90a3\u4e2a|\u5b83)"
)
"""A sentence that opens by pointing back ("it is finished and …", "il a été abandonné et …", 那个项目已经完成了)."""
_ASK_AFTER = re.compile(r"\s[-\u2014]\s|\s?\u2014|--|[:\uff1a]")
_ASK_VERB = re.compile(
    r"\W*(?:(?:please |just |we |i |so |instead,? )?(?:predict|forecast|estimate|classify|rank|recommend|flag|detect|find|tag|sort|"
    r"score|tell|segment|count|locate|want|need|would like)|(?:we|i) (?:want|need|would like|'d like|are looking for|mean)|"
    r"(?:the|our|my) (?:goal|aim|ask|need|task|job) is|what (?:we|i) (?:need|want|are after|mean) is|instead|"
    r"(?:queremos|necesitamos|predecir|lo que (?:necesitamos|queremos|buscamos))|(?:wir (?:wollen|brauchen|mochten)|vorhersagen|"
    r"gebraucht wird|was wir brauchen)|(?:nous voulons|predire|prevoir|ce qu'il nous faut|ce que nous voulons)|"
    r"(?:\u6211\u4eec\u8981|\u6211\u4eec\u60f3|\u9884\u6d4b|\u9700\u8981))"
)
"""What opens an ask after a dash or colon ("… not what I'm after - predict who cancels", "…: the goal is …")."""
_POINTS_FORWARD = re.compile(r"\W*(?:this|these|esto|ceci|das hier|\u8fd9)\b")
"""A sentence opened by "this is not what we need:" points at what follows the colon."""
_ASKED = re.compile(
    r"\b(?:we|i) (?:want|need|would like|'d like)\b|\b(?:queremos|necesitamos|quiero|necesito)\b|"
    r"\b(?:wir (?:wollen|mochten|brauchen)|ich (?:mochte|brauche))\b|\b(?:nous (?:voulons|souhaitons)|je (?:voudrais|veux|souhaite)|"
    r"on (?:veut|voudrait))\b|\u6211\u4eec\u8981|\u6211\u4eec\u60f3|\u5e0c\u671b|\u9700\u8981|\u6211\u60f3"
)
"""The request's own ask ("we want", "queremos", 我们要): a sentence that holds it keeps it beside a marker."""


def _pointed_back(text: str, ends: list[re.Match[str]], start: int, end: int) -> tuple[int, int]:
    """What a ``not_the_ask`` marker at ``start``..``end`` sets aside.

    A marker whose clause names its own subject ("the BI dashboard is not what I'm after, we want …") drops that
    clause. A marker that points ("but that is not what I'm after", "please ignore that") drops its sentence,
    unless the sentence also holds the ask ("we want …, that project is done"), and the sentence before when this
    one is only the pointer ("; it is finished and is not what I mean", "; please ignore that."). A dash or colon
    after the marker ends the drop: what follows is the ask ("…: the goal is …"), except after a sentence opened
    by "this is not what we need:", which points forward at it, so that sentence alone goes.
    """
    before, sentence, last = _sentence_around(text, ends, start, end)
    clause = max([sentence] + [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence, start)])
    follow = _ASK_AFTER.search(text, end, last)
    if follow:
        forward = clause == sentence and _POINTS_FORWARD.match(text, sentence) and not _ASK_VERB.match(text, follow.end())
        if forward:
            return clause, last
        last = follow.start()
    if not _POINTER.search(text, clause, end):
        turn = _CLAUSE_BREAK.search(text, end, last)
        return clause, turn.start() if turn else last
    if _ASKED.search(text, sentence, clause):
        return clause, last
    opener = _OPENS_WITH_POINTER.match(text, sentence) or not _WORD.search(text, sentence, start)
    if clause == sentence and before and opener:
        previous = before[-2] if len(before) > 1 else 0
        if not _ASKED.search(text, previous, sentence):
            return previous, last
    return sentence, last


def _clause_around(text: str, ends: list[re.Match[str]], start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds an out-of-scope marker at ``start``..``end``."""
    _, first, last = _sentence_around(text, ends, start, end)
    turns = list(_CLAUSE_TURN.finditer(text, first, last))
    first = max([first] + [m.end() for m in turns if m.end() <= start])
    last = min([last] + [m.start() for m in turns if m.start() >= end])
    return first, last


def _sentence_around(text: str, ends: list[re.Match[str]], start: int, end: int) -> tuple[list[int], int, int]:
    """The ends of the sentences before offset ``start``, and the bounds of the sentence holding ``start``..``end``."""
    before = [m.end() for m in ends if m.end() <= start]
    after = [m.start() for m in ends if m.start() >= end]
    return before, (before[-1] if before else 0), (after[0] if after else len(text))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
