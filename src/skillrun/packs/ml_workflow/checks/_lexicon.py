"""The checks' vocabularies, read once from ``skill/ml-workflow/knowledge/checks.yaml`` and compiled."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from .... import _content
from ....errors import SkillFileError
from .._cues import split_alternatives

_RELATIVE = "ml-workflow/knowledge/checks.yaml"
_PACKAGE = Path(__file__).resolve().parents[3]


def _locate() -> Path:
    found = _content.find_content("skill", _RELATIVE)
    if found is not None:
        return found
    # Content roots are recognised by a skill/*/SKILL.md; until one exists next to this file, read the
    # lexicon from the checkout or the wheel directly.
    for candidate in (_PACKAGE.parents[1] / "skill" / _RELATIVE, _PACKAGE / "_bundled" / "skill" / _RELATIVE):
        if candidate.is_file():
            return candidate
    raise SkillFileError(f"the ML Workflow check lexicon skill/{_RELATIVE} is missing")


def _compile(body: str, patterns: list[str], cased: bool) -> Any:
    if cased and all(alt.lstrip("(?:")[:1].isupper() for p in patterns for alt in split_alternatives(p)):
        # Proper nouns only: a leading character class lets the engine skip most positions (3x faster).
        return re.compile(rf"(?=[A-Z])(?<!\w)(?:{body})")
    if cased:
        return re.compile(rf"(?<!\w)(?:{body})")
    return CaseFolded(rf"(?<!\w)(?:{body})")


def _lower_pattern(pattern: str) -> str:
    """``pattern`` in lower case, escapes (``\\B``, ``\\D``, ``\\S``, ``\\W``) left as written."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # named groups keep their syntax and names
            end = pattern.find(">", i) if pattern.startswith("(?P<", i) else i + 2
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        out.append(pattern[i].lower())
        i += 1
    return "".join(out)


_LOWERED: dict[int, tuple[str, str | None]] = {}
_LOWERED_KEPT = 4096


def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every character's position (almost always), else ``None``."""
    cached = _LOWERED.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    low: str | None = text.lower()
    if len(low) != len(text):  # type: ignore[arg-type]
        low = None
    if len(_LOWERED) >= _LOWERED_KEPT:
        _LOWERED.pop(next(iter(_LOWERED)))
    _LOWERED[id(text)] = (text, low)
    return low


class _Match:
    """A match found in the lower-cased text, read back from the original text."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m, self._text = m, text

    def group(self, *names: int | str) -> Any:
        if len(names) > 1:
            return tuple(self.group(n) for n in names)
        start, end = self._m.span(names[0] if names else 0)
        return None if start < 0 else self._text[start:end]

    def groupdict(self) -> dict[str, str | None]:
        return {name: self.group(name) for name in self._m.groupdict()}

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._m.span(group)

    @property
    def lastgroup(self) -> str | None:
        return self._m.lastgroup


class CaseFolded:
    """A case-insensitive pattern that runs on lower-cased text: about twice as fast as ``re.IGNORECASE``
    on long alternations. Matches report positions and text of the original string."""

    __slots__ = ("_fallback", "_lower", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._lower = re.compile(_lower_pattern(pattern))
        self._fallback = re.compile(pattern, re.IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        low = _lowered(text)
        if low is None:
            return self._fallback.search(text, pos, endpos)
        m = self._lower.search(low, pos, endpos)
        return _Match(m, text) if m else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        low = _lowered(text)
        if low is None:
            return self._fallback.match(text, pos, endpos)
        m = self._lower.match(low, pos, endpos)
        return _Match(m, text) if m else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        low = _lowered(text)
        if low is None:
            yield from self._fallback.finditer(text, pos, endpos)
            return
        for m in self._lower.finditer(low, pos, endpos):
            yield _Match(m, text)


def alternation(patterns: list[str], *, cased: bool = False) -> re.Pattern[str]:
    """One regex matching any of ``patterns`` at a word start (see the file's header for the rules)."""
    return _compile("|".join(f"(?:{p})" for p in patterns), patterns, cased)


def named_alternation(named: dict[str, str], *, cased: bool = False) -> re.Pattern[str]:
    """Like :func:`alternation`, with ``match.lastgroup`` naming which entry matched."""
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in named.items())
    return _compile(body, list(named.values()), cased)


class Lexicon:
    """Compiled view of ``checks.yaml``. Every pattern is compiled once, on first use."""

    def __init__(self, data: dict[str, Any], path: Path | None = None) -> None:
        self.data = data
        self.path = path
        self._kw: dict[tuple[str, str], re.Pattern[str]] = {}
        self._compiled: dict[tuple[Any, ...], Any] = {}

    def kw(self, check_id: str, group: str) -> re.Pattern[str]:
        """The keyword group ``group`` of rubric id ``check_id`` as one compiled pattern."""
        key = (check_id, group)
        if key not in self._kw:
            self._kw[key] = alternation(self.data["keywords"][check_id][group])
        return self._kw[key]

    def kw_groups(self, check_id: str, group: str) -> dict[str, re.Pattern[str]]:
        """A nested group of named sub-groups (``TP-08`` stages, ``XC-06`` concepts)."""
        key = ("groups", check_id, group)
        if key not in self._compiled:
            named = self.data["keywords"][check_id][group]
            self._compiled[key] = {name: alternation(p) for name, p in named.items()}
        return self._compiled[key]

    def patterns(self, *path: str, cased: bool = False) -> re.Pattern[str]:
        """The pattern list at ``path`` in the file, as one compiled alternation."""
        key = ("patterns", cased, *path)
        if key not in self._compiled:
            node: Any = self.data
            for step in path:
                node = node[step]
            self._compiled[key] = alternation(node, cased=cased)
        return self._compiled[key]

    # -------------------------------------------------------------------------------- platforms

    @cached_property
    def clouds(self) -> tuple[str, ...]:
        return ("aws", "gcp", "azure", "alibaba")

    @cached_property
    def any_cloud_service(self) -> re.Pattern[str]:
        """All clouds' services in one pattern; ``match.lastgroup`` is the cloud (one pass over a report)."""
        platforms = self.data["platforms"]
        return named_alternation(
            {c: "|".join(f"(?:{p})" for p in platforms[c]["services"]) for c in self.clouds}, cased=True
        )

    @cached_property
    def cloud_requests(self) -> dict[str, re.Pattern[str]]:
        platforms = self.data["platforms"]
        return {c: alternation(platforms[c]["request"], cased=True) for c in self.clouds}

    @cached_property
    def multi_cloud(self) -> re.Pattern[str]:
        return self.patterns("platforms", "multi_cloud", cased=True)

    @cached_property
    def saas(self) -> re.Pattern[str]:
        return self.patterns("platforms", "saas")

    @cached_property
    def self_hosted(self) -> re.Pattern[str]:
        return self.patterns("platforms", "self_hosted")

    @cached_property
    def on_prem_request(self) -> re.Pattern[str]:
        return self.patterns("platforms", "on_prem_request")

    @cached_property
    def air_gapped_request(self) -> re.Pattern[str]:
        return self.patterns("platforms", "air_gapped_request")

    def stack_pattern(self, entry: str) -> re.Pattern[str]:
        """``by_stack(entry)`` as one pattern; ``match.lastgroup`` names the stack."""
        key = ("stack_one", entry)
        if key not in self._compiled:
            stacks = {
                k: "|".join(f"(?:{p})" for p in v) for k, v in self.data[entry].items() if k != "source"
            }
            self._compiled[key] = named_alternation(stacks)
        return self._compiled[key]

    def by_stack(self, entry: str) -> dict[str, re.Pattern[str]]:
        """``trackers``/``orchestrators``/``monitoring_tools`` split by stack (``oss``, ``aws``, ...)."""
        key = ("stack", entry)
        if key not in self._compiled:
            self._compiled[key] = {k: alternation(v) for k, v in self.data[entry].items() if k != "source"}
        return self._compiled[key]

    # ---------------------------------------------------------------------------------- metrics

    @cached_property
    def metric_names(self) -> re.Pattern[str]:
        return named_alternation(self.data["metrics"]["names"])

    def metrics_named(self, names: tuple[str, ...]) -> re.Pattern[str]:
        """A pattern for just the metrics ``names`` (each entry is safe to use on its own)."""
        key = ("metrics", names)
        if key not in self._compiled:
            table = self.data["metrics"]["names"]
            self._compiled[key] = named_alternation({n: table[n] for n in names})
        return self._compiled[key]

    @cached_property
    def metric_fit(self) -> dict[str, dict[str, Any]]:
        return self.data["metrics"]["fit"]

    @cached_property
    def drift_methods(self) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.data["drift_methods"].items() if isinstance(v, dict)}

    @cached_property
    def drift_pattern(self) -> re.Pattern[str]:
        return named_alternation({k: v["pattern"] for k, v in self.drift_methods.items()})

    # ----------------------------------------------------------------------------------- negation

    @cached_property
    def negation_before(self) -> re.Pattern[str]:
        body = "|".join(f"(?:{p})" for p in self.data["negation"]["before"])
        # Hyphens count as word characters here: "no-show" is not a negation.
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    @cached_property
    def negation_after(self) -> re.Pattern[str]:
        body = "|".join(f"(?:{p})" for p in self.data["negation"]["after"])
        return re.compile(rf"^\W{{0,3}}(?:{body})", re.IGNORECASE)


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded on first use and kept for the life of the process."""
    path = _locate()
    with path.open(encoding="utf-8") as handle:
        return Lexicon(yaml.safe_load(handle), path)
