"""Malformed skill files: every error is reported as ``path:line: message`` with the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillrun.errors import SkillFileError, SkillParseError
from skillrun.spec import load_skill, load_skills, parse_skill, validate_paths

BAD = Path(__file__).parent / "fixtures" / "skills" / "bad"

NO_FRONTMATTER = "no frontmatter: expected '---' (YAML) or '| name | ... |' rows at the top"
NO_TITLE = "Output Format has no '#' title line (such as '# Report: [Name]')"
NO_SEPARATOR = "table has no separator row (| --- | --- |) under its header"
NOT_CLOSED = "frontmatter is never closed: no '---' line after the opening one"
YAML_COLON = (
    "YAML syntax error in frontmatter: mapping values are not allowed here (quote values that contain ': ')"
)

# file -> the exact (line, message) of each error, in order.
EXPECTED: dict[str, list[tuple[int, str]]] = {
    "empty.skill.md": [(1, "file is empty")],
    "blank-lines.skill.md": [(1, "file is empty")],
    "binary.skill.md": [(3, "binary content (NUL byte at offset 8), not a text skill file")],
    "invalid-utf8/SKILL.md": [(3, "not valid UTF-8 (byte 0xe9 at offset 33)")],
    "no-frontmatter/SKILL.md": [(1, NO_FRONTMATTER)],
    "unterminated-yaml/SKILL.md": [(1, NOT_CLOSED)],
    "yaml-syntax/SKILL.md": [(3, YAML_COLON)],
    "yaml-unclosed-quote/SKILL.md": [
        (
            3,
            "YAML syntax error in frontmatter: while scanning a quoted scalar, found unexpected end of stream",
        )
    ],
    "yaml-not-mapping/SKILL.md": [(2, "frontmatter must be a mapping of keys to values, not a list")],
    "missing-name/SKILL.md": [(1, "missing required key 'name'")],
    "missing-description.skill.md": [(1, "missing required key 'description'")],
    "empty-description/SKILL.md": [(3, "'description' is empty")],
    "name-not-string/SKILL.md": [(2, "'name' must be a string, not a list")],
    "name-no-letters/SKILL.md": [(2, "'name' needs ASCII letters or digits to make a slug")],
    "duplicate-key/SKILL.md": [(4, "duplicate frontmatter key 'name' (first at line 2)")],
    "bad-triggers-json.skill.md": [
        (3, "triggers is not a valid JSON list: Expecting ',' delimiter at column 15")
    ],
    "triggers-not-list/SKILL.md": [(4, "triggers must be a list of strings, not a string")],
    "triggers-not-strings/SKILL.md": [(4, "triggers must be a list of strings (item 2 is a number)")],
    "seed-triggers-not-strings.skill.md": [(3, "triggers must be a list of strings (item 1 is a number)")],
    "duplicate-section/SKILL.md": [(16, "duplicate section 'Purpose' (first at line 8)")],
    "duplicate-step.skill.md": [(9, "duplicate step 2 (first at line 7)")],
    "step-gap/SKILL.md": [(14, "step 3 after step 1: steps are numbered 1, 2, 3, ... (expected 2)")],
    "step-not-from-one.skill.md": [
        (5, "step 2 as the first step: steps are numbered 1, 2, 3, ... (expected 1)")
    ],
    "template-no-title/SKILL.md": [(10, NO_TITLE)],
    "seed-template-no-title.skill.md": [(4, NO_TITLE)],
    "template-row-cells.skill.md": [(10, "table row has 2 cells, but the header has 3 columns")],
    "template-no-separator/SKILL.md": [(15, NO_SEPARATOR)],
    "template-duplicates/SKILL.md": [
        (17, "duplicate template section 'Plan' (first at line 13)"),
        (19, "a second '#' title in Output Format (the first is at line 11)"),
    ],
    # Several problems in one file come back together, sorted by line.
    "many-problems.skill.md": [
        (1, "missing required key 'description'"),
        (3, "triggers must be a list of strings, not a string"),
        (9, "duplicate step 1 (first at line 8)"),
        (15, "table row has 3 cells, but the header has 2 columns"),
        (16, "duplicate section 'Purpose' (first at line 5)"),
    ],
}


def test_every_bad_fixture_has_expectations() -> None:
    on_disk = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file()}
    assert on_disk == set(EXPECTED)
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_reports_exact_lines(name: str) -> None:
    path = BAD / name
    with pytest.raises(SkillParseError) as caught:
        load_skill(path)
    expected = [f"{path}:{line}: {message}" for line, message in EXPECTED[name]]
    assert [str(p) for p in caught.value.problems] == expected
    assert str(caught.value).splitlines() == expected
    assert all(p.severity == "error" for p in caught.value.problems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_paths_reports_the_same_errors(name: str) -> None:
    path = BAD / name
    errors = [p for p in validate_paths([path]) if p.severity == "error"]
    assert [(p.line, p.message) for p in errors] == EXPECTED[name]


def test_parse_error_is_a_skill_file_error() -> None:
    with pytest.raises(SkillFileError):
        parse_skill("", "x.skill.md")


def test_folder_without_skill_md() -> None:
    with pytest.raises(SkillParseError) as caught:
        load_skill(BAD)
    assert str(caught.value) == f"{BAD / 'SKILL.md'}:0: no such file"


def test_missing_file() -> None:
    missing = BAD / "nope.skill.md"
    with pytest.raises(SkillParseError, match=r"nope\.skill\.md:0: no such file$"):
        load_skill(missing)


def test_load_skills_strict_raises_all_errors_and_lenient_keeps_them(tmp_path: Path) -> None:
    (tmp_path / "good.skill.md").write_text("| name | Good |\n| description | Fine |\nGood\nPurpose\nText.")
    (tmp_path / "broken.skill.md").write_text("| name | Broken |\nBroken")
    (tmp_path / "also-broken").mkdir()
    (tmp_path / "also-broken" / "SKILL.md").write_text("---\nname: x\n")
    with pytest.raises(SkillParseError) as caught:
        load_skills([tmp_path])
    assert [(Path(p.path).name, p.line) for p in caught.value.problems] == [
        ("SKILL.md", 1),
        ("broken.skill.md", 1),
    ]

    lenient = load_skills([tmp_path], strict=False)
    assert lenient.slugs == ["good"]
    assert len(lenient.errors) == 2


def test_template_row_and_separator_problems_on_text() -> None:
    text = (
        "---\nname: t\ndescription: d\n---\n\n## Output Format\n\n```markdown\n# R: [x]\n\n## S\n\n"
        "| A | B |\n|---|---|---|\n| a | b |\n```\n"
    )
    with pytest.raises(SkillParseError) as caught:
        parse_skill(text, "t.md")
    assert str(caught.value) == "t.md:14: table separator row has 3 cells, the header 2"


def test_template_duplicate_row_label_and_field() -> None:
    text = (
        "| name | T |\n| description | d |\nT\nOutput Format\n# R: [x]\n## S\n"
        "| A | B |\n|---|---|\n| a | ... |\n| a | ... |\n**F:** one\n**F:** two"
    )
    with pytest.raises(SkillParseError) as caught:
        parse_skill(text, "t.skill.md")
    assert str(caught.value).splitlines() == [
        "t.skill.md:10: duplicate row label 'a' in table",
        "t.skill.md:12: duplicate field 'F' in template section 'S'",
    ]


def test_step_without_title() -> None:
    text = "| name | T |\n| description | d |\nT\nProcess\nStep 1:\nbody"
    with pytest.raises(SkillParseError, match=r"^t\.skill\.md:5: step 1 has no title$"):
        parse_skill(text, "t.skill.md")


def test_nul_in_text() -> None:
    with pytest.raises(SkillParseError, match=r"^x\.md:2: binary content"):
        parse_skill("---\nna\x00me: x\n---\n", "x.md")
