"""Every SKILL.md of the real-world corpus (../shared/corpus/skills) loads, read in place.

``CORPUS_PROPERTIES.md`` beside the corpus is an independent record of each file: its frontmatter keys,
its ``## `` line count (fences not considered) and flags such as CRLF. The assertions compare against it.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from skillrun.spec import Skill, load_skill, load_skills

REPO = Path(__file__).resolve().parents[1]
_SHARED = Path(os.environ.get("SKILLRUN_SHARED", REPO.parent / "shared"))
_CORPUS = _SHARED / "corpus" / "skills"
# Collected without the fixture so the parameters exist; each test still asks for `shared`, which
# skips (or fails under CI=true) when ../shared is absent.
CORPUS_FILES = sorted(p.parent.relative_to(_CORPUS).as_posix() for p in _CORPUS.glob("*/*/SKILL.md"))
_FENCE_LINE = re.compile(r"^\s*(```|~~~)")


@cache
def properties(corpus: Path) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    lines = (corpus / "CORPUS_PROPERTIES.md").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| path"))
    names = [c.strip() for c in header.strip("|").split("|")]
    for line in lines:
        if line.startswith("| ") and not line.startswith(("| path", "|---")):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[cells[0]] = dict(zip(names, cells, strict=True))
    return rows


def h2_outside_fences(text: str) -> int:
    """A deliberately simple count (fence lines toggle), independent of the loader's fence rules."""
    inside, count = False, 0
    for line in text.splitlines():
        if _FENCE_LINE.match(line):
            inside = not inside
        elif not inside and line.startswith("## "):
            count += 1
    return count


@pytest.fixture
def corpus(shared: Path) -> Path:
    return shared / "corpus" / "skills"


def test_corpus_is_complete(corpus: Path) -> None:
    assert len(CORPUS_FILES) == 62
    assert set(CORPUS_FILES) == set(properties(corpus))


@pytest.mark.parametrize("rel", CORPUS_FILES or ["corpus-missing"])
def test_corpus_skill_loads(corpus: Path, rel: str) -> None:
    path = corpus / rel / "SKILL.md"
    skill = load_skill(path)
    props = properties(corpus)[rel]
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")

    assert skill.name.strip() and skill.description.strip()
    assert skill.slug and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", skill.slug)
    assert skill.format == "agent-skills"
    assert len(skill.description) == int(props["desc chars"]), "description read in full"

    # Frontmatter keys: modelled ones become fields, the rest stay in metadata.
    modelled = {k for k in ("name", "description", "department", "version", "triggers") if getattr(skill, k)}
    expected_keys = {k.strip() for k in props["frontmatter keys"].split(",")}
    assert modelled | set(skill.metadata) == expected_keys
    assert all(w.severity == "warning" for w in skill.warnings)
    extra = re.search(r"EXTRA_KEYS:([\w,]+)", props["flags"])
    unknown = {k for k in (extra.group(1).split(",") if extra else []) if k not in ("version", "triggers")}
    assert all(w.message.startswith("unknown frontmatter key '") for w in skill.warnings)
    assert {w.message.split("'")[1] for w in skill.warnings} == unknown
    if "triggers:list" in props["flags"]:
        assert skill.triggers and all(isinstance(t, str) and t for t in skill.triggers)

    # Sections: one per '## ' heading outside code fences, none split inside a fence.
    level2 = [s for s in skill.sections if s.level == 2]
    assert len(level2) == h2_outside_fences(text) <= int(props["`## ` headings"])
    lines = text.replace("\r\n", "\n").split("\n")
    for section in skill.sections:
        assert lines[section.line - 1].lstrip("#").strip() == section.title
        fence_lines = sum(1 for line in section.body.splitlines() if _FENCE_LINE.match(line))
        assert fence_lines % 2 == 0, f"section {section.title!r} ends inside a code fence"
        assert "\r" not in section.body
    if "CRLF" in props["flags"]:
        assert b"\r\n" in raw and level2


@pytest.mark.parametrize(
    ("rel", "in_fence"),
    [
        (
            "anthropics-skills/skill-creator",
            ["Report structure", "Executive summary", "Commit message format"],
        ),
        ("composio-awesome-claude-skills/changelog-generator", ["✨ New Features", "🐛 Fixes"]),
        (
            "composio-awesome-claude-skills/file-organizer",
            ['Duplicate Set 1: "proposal.pdf"', "Proposed Structure"],
        ),
    ],
)
def test_headings_inside_fences_are_not_sections(corpus: Path, rel: str, in_fence: list[str]) -> None:
    skill = load_skill(corpus / rel)
    titles = {s.title for s in skill.sections}
    assert titles.isdisjoint(in_fence)
    assert any(title in s.body for s in skill.sections for title in in_fence)


def test_known_corpus_details(corpus: Path) -> None:
    iterate: Skill = load_skill(corpus / "openhands-extensions" / "iterate")
    assert iterate.triggers == ["/iterate", "/verify", "/babysit"]
    assert "\n" not in iterate.description and iterate.description.startswith(
        "Iterate on a GitHub pull request"
    )
    api = load_skill(corpus / "anthropics-skills" / "claude-api")
    assert len(api.description) == 1068 and api.description.count("\n") == 2
    dash = load_skill(corpus / "composio-awesome-claude-skills" / "-21risk-automation")
    assert (dash.name, dash.slug) == ("-21risk-automation", "21risk-automation")
    assert dash.metadata["requires"] == {"mcp": ["rube"]}
    mcp = load_skill(corpus / "anthropics-skills" / "mcp-builder")
    assert mcp.title == "MCP Server Development Guide"
    assert [s.key for s in mcp.sections if s.level == 1] == ["process", "reference_files"]


def test_whole_corpus_as_skill_folders(corpus: Path) -> None:
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    skills = load_skills(folders)
    assert len(skills) == 62 and len(set(skills.slugs)) == 62
    assert skills.problems == []
