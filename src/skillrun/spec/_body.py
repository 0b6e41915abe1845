"""The body of a skill: its title, its top-level sections and the steps of its Process section.

Seed files mark sections with bare lines (``Purpose``, ``Output Format``) and steps with ``Step N: Title``
lines; ``#`` lines there belong to the Output Format template. SKILL.md files use ATX headings: the first
``#`` heading is the title, and every other ``#`` or ``##`` heading outside a code fence starts a section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem
from ._markdown import Fence, atx_heading, fenced_lines, find_fences, find_headings, section_key, trimmed
from ._model import SkillSection, Step

SEED_SECTIONS = ("Purpose", "Inputs", "Process", "Output Format", "Quality Checks", "Evolution Notes")
# A duplicate of one of these is an error (which copy would the runtime follow?); a duplicate of any
# other heading, common in third-party skills ("Example"), is only a warning.
SKILL_SECTION_KEYS = frozenset(section_key(title) for title in SEED_SECTIONS)
_SEED_HEADINGS = {title.lower(): title for title in SEED_SECTIONS}
_STEP = re.compile(r"^Step[ \t]+(?P<number>\d+)[ \t]*(?:[:.]|[-–—](?=\s|$))[ \t]*(?P<title>.*)$")


@dataclass
class Block:
    """A section together with where it sits in the file."""

    title: str
    level: int
    heading: int
    """Index of the heading line."""
    start: int
    end: int
    """Body lines are ``start..end`` (exclusive)."""

    @property
    def key(self) -> str:
        return section_key(self.title)

    def to_section(self, lines: list[str]) -> SkillSection:
        return SkillSection(
            title=self.title,
            key=self.key,
            body=trimmed(lines, self.start, self.end),
            line=self.heading + 1,
            level=self.level,
        )


@dataclass
class Body:
    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def block(self, key: str) -> Block | None:
        return next((b for b in self.blocks if b.key == key), None)


def split_body(lines: list[str], start: int, fmt: str, path: str) -> Body:
    body = Body(fences=find_fences(lines, start))
    for fence in body.fences:
        if not fence.closed:
            body.problems.append(
                Problem(
                    path,
                    fence.start + 1,
                    "code fence is never closed; it runs to the end of the file",
                    severity="warning",
                )
            )
    skip = fenced_lines(body.fences)
    if fmt == "seed":
        starts = _seed_headings(lines, start, skip, body)
    else:
        starts = _markdown_headings(lines, start, skip, body)
    for n, (title, level, index) in enumerate(starts):
        end = starts[n + 1][2] if n + 1 < len(starts) else len(lines)
        body.blocks.append(Block(title, level, index, index + 1, end))
    _check_duplicates(body, path)
    return body


def _seed_headings(lines: list[str], start: int, skip: set[int], body: Body) -> list[tuple[str, int, int]]:
    starts = []
    for i in range(start, len(lines)):
        if i in skip:
            continue
        text = lines[i].strip()
        title = _SEED_HEADINGS.get(text.lower())
        if title is not None:
            starts.append((text, 0, i))
        elif body.title is None and not starts and text:
            heading = atx_heading(text)
            body.title = heading[1] if heading else text
    return starts


def _markdown_headings(
    lines: list[str], start: int, skip: set[int], body: Body
) -> list[tuple[str, int, int]]:
    headings = find_headings(lines, start, len(lines), skip)
    if headings and headings[0].level == 1:
        body.title = headings[0].text
        headings = headings[1:]
    return [(h.text, h.level, h.index) for h in headings if h.level <= 2]


def _check_duplicates(body: Body, path: str) -> None:
    seen: dict[str, Block] = {}
    for block in body.blocks:
        first = seen.setdefault(block.key, block)
        if first is block:
            continue
        severity = "error" if block.key in SKILL_SECTION_KEYS else "warning"
        message = f"duplicate section '{block.title}' (first at line {first.heading + 1})"
        body.problems.append(Problem(path, block.heading + 1, message, severity))


def read_steps(lines: list[str], block: Block, body: Body, path: str) -> tuple[list[Step], list[Problem]]:
    """``Step N: Title`` lines or ``### Step N: Title`` headings inside the Process section."""
    skip = fenced_lines(body.fences)
    found: list[tuple[int, str, int]] = []
    for i in range(block.start, block.end):
        if i in skip:
            continue
        m = _STEP.match(_step_text(lines[i]))
        if m is not None:
            found.append((int(m["number"]), m["title"].strip(), i))
    problems: list[Problem] = []
    steps: list[Step] = []
    first_line: dict[int, int] = {}
    for n, (number, title, index) in enumerate(found):
        line = index + 1
        if not title:
            problems.append(Problem(path, line, f"step {number} has no title"))
        if number in first_line:
            problems.append(
                Problem(path, line, f"duplicate step {number} (first at line {first_line[number]})")
            )
            continue
        expected = steps[-1].number + 1 if steps else 1
        if number != expected:
            after = f"after step {steps[-1].number}" if steps else "as the first step"
            message = f"step {number} {after}: steps are numbered 1, 2, 3, ... (expected {expected})"
            problems.append(Problem(path, line, message))
        first_line[number] = line
        end = found[n + 1][2] if n + 1 < len(found) else block.end
        steps.append(Step(number=number, title=title, body=trimmed(lines, index + 1, end), line=line))
    return steps, problems


def _step_text(line: str) -> str:
    heading = atx_heading(line)
    text = heading[1] if heading else line.strip()
    if len(text) > 4 and text.startswith("**") and text.endswith("**"):
        text = text[2:-2].strip()
    return text
