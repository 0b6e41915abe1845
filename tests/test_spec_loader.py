"""Loading skills: the seed verbatim, our own SKILL.md, format edge cases, skill folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from skillrun.errors import UnknownSkillError
from skillrun.spec import Skill, SkillSet, load_skill, load_skills, parse_skill, slugify, validate_paths

GOOD = Path(__file__).parent / "fixtures" / "skills" / "good"
SEED_TRIGGERS = [
    "ML",
    "machine learning",
    "model",
    "training",
    "feature store",
    "MLflow",
    "experiment",
    "drift",
    "serving",
    "inference",
    "W&B",
    "Weights & Biases",
    "model deployment",
]
STEP_TITLES = [
    "Define the ML Problem Clearly",
    "Design the Feature Engineering Pipeline",
    "Design Experiment Tracking",
    "Design the Training Pipeline",
    "Design Model Serving",
    "Design A/B Testing for Models",
    "Design Monitoring and Drift Detection",
]
SECTION_KEYS = ["purpose", "inputs", "process", "output_format", "quality_checks", "evolution_notes"]


@pytest.fixture(scope="module")
def seed(shared: Path) -> Skill:
    return load_skill(shared / "seed" / "ml-workflow.skill.md")


@pytest.fixture(scope="module")
def own(repo: Path) -> Skill:
    return load_skill(repo / "skill" / "ml-workflow")


def test_seed_frontmatter(seed: Skill) -> None:
    assert (seed.name, seed.slug, seed.department, seed.version) == (
        "ML Workflow",
        "ml-workflow",
        "alchemist",
        "1",
    )
    assert seed.description.startswith("Design ML workflows")
    assert seed.triggers == SEED_TRIGGERS
    assert (seed.format, seed.title, seed.metadata, seed.warnings) == ("seed", "ML Workflow", {}, [])


def test_seed_sections_and_steps(seed: Skill) -> None:
    assert [s.key for s in seed.sections] == SECTION_KEYS
    assert [s.line for s in seed.sections] == [7, 9, 16, 63, 118, 119]
    assert seed.section("quality_checks").body == "" and seed.section("evolution_notes").body == ""
    assert seed.section("inputs").body.count("\n- ") == 5
    assert [s.title for s in seed.steps] == STEP_TITLES
    assert [s.number for s in seed.steps] == list(range(1, 8))
    assert seed.steps[0].line == 17
    assert seed.steps[0].body.startswith("Before any tooling decisions")
    assert seed.steps[-1].body.endswith("or continuous (online learning).")


def test_seed_parse_skill_on_text_is_byte_for_byte_the_same(shared: Path, seed: Skill) -> None:
    text = (shared / "seed" / "ml-workflow.skill.md").read_text(encoding="utf-8")
    assert not text.endswith("\n")
    assert parse_skill(text, seed.path) == seed


def test_own_skill_md(own: Skill, seed: Skill) -> None:
    assert (own.name, own.slug, own.department, own.version) == (
        "ML Workflow",
        "ml-workflow",
        "alchemist",
        "1",
    )
    assert own.format == "agent-skills" and own.title == "ML Workflow"
    assert own.triggers == SEED_TRIGGERS
    assert own.warnings == []
    assert [s.key for s in own.sections] == SECTION_KEYS
    assert [s.title for s in own.steps] == STEP_TITLES
    # Same six inputs, written in our own words.
    assert own.section("inputs").body.count("\n- ") == 5
    assert own.section("purpose").body != seed.section("purpose").body
    for ours, theirs in zip(own.steps, seed.steps, strict=True):
        assert ours.body and ours.body != theirs.body


def test_own_quality_checks_cover_the_project_checks(own: Skill) -> None:
    checks = own.section("quality_checks").body.lower()
    for phrase in (
        "template", "serving mode", "class balance", "walk-forward", "leakage", "feature-store",
        "open source", "p99", "computed by code", "label window", "numeric threshold",
        "promotion gate", "regulated", "placeholder", "assumption",
    ):  # fmt: skip
        assert phrase in checks, phrase


def test_crlf_and_bom(tmp_path: Path) -> None:
    raw = (GOOD / "crlf-bom" / "SKILL.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    skill = load_skill(GOOD / "crlf-bom")
    assert skill.name == "Windows Skill" and skill.slug == "windows-skill"
    assert (
        skill.description
        == "A skill saved on Windows with a byte-order mark.\nIts description spans two lines."
    )
    assert skill.version == "2.10"  # as written, not the float 2.1
    assert skill.triggers == ["deploy", "release train"]
    assert [(s.title, s.line) for s in skill.sections] == [
        ("Purpose", 13),
        ("Process", 22),
        ("Output Format", 34),
        ("Quality Checks", 53),
    ]
    assert all("\r" not in s.body for s in skill.sections)
    # '# comment' and '## not a section' sit inside a fence; '# Step 2:' inside a ~~~ fence.
    assert [(s.number, s.title) for s in skill.steps] == [(1, "Prepare"), (2, "Ship")]
    assert skill.template is not None and skill.template.title_pattern == "Release: [Service]"
    assert [e.kind for e in skill.template.section("Checklist").elements] == ["diagram", "table", "field"]
    # The same text with LF endings and no BOM parses to the same skill.
    plain = raw[3:].replace(b"\r\n", b"\n").decode()
    assert parse_skill(plain, skill.path) == skill


def test_our_keys_under_metadata() -> None:
    skill = load_skill(GOOD / "metadata-keys" / "SKILL.md")
    assert (skill.department, skill.version) == ("research", "3")
    assert skill.triggers == ["fine-tune", "LoRA", "adapters"]
    assert skill.metadata["license"] == "MIT" and skill.metadata["tags"] == ["a", "b"]
    assert skill.metadata["metadata"]["owner"] == "someone"
    assert [str(w) for w in skill.warnings] == [
        f"{skill.path}:10: warning: unknown frontmatter key 'tags' (kept in metadata)"
    ]


def test_top_level_key_wins_over_metadata() -> None:
    text = "---\nname: t\ndescription: d\nversion: 2\nmetadata:\n  version: '1'\n---\n"
    skill = parse_skill(text, "t.md")
    assert skill.version == "2"
    assert [str(w) for w in skill.warnings] == [
        "t.md:6: warning: 'version' is given twice; the top-level value is used"
    ]


def test_openhands_style_without_headings() -> None:
    skill = load_skill(GOOD / "openhands-style" / "SKILL.md")
    assert skill.triggers == ["bash", "/shell"]
    assert skill.description == "Folded description on two lines."
    assert (skill.title, skill.sections, skill.steps, skill.template) == (None, [], [], None)


def test_tiny_seed_with_empty_sections() -> None:
    skill = load_skill(GOOD / "tiny.skill.md")
    assert [s.key for s in skill.sections] == SECTION_KEYS
    assert skill.section("inputs").body == "" and skill.section("evolution_notes").body == ""
    assert [s.level for s in skill.sections] == [0] * 6
    assert skill.template is not None and skill.template.section("Result").tables[0].row_labels is None


def test_top_level_heading_sections_and_unclosed_fence() -> None:
    text = "---\nname: t\ndescription: d\n---\n# Title\n## A\ntext\n# B\n### sub\n## C\n```\n# inside\n"
    skill = parse_skill(text, "t.md")
    assert skill.title == "Title"
    assert [(s.title, s.level, s.line) for s in skill.sections] == [("A", 2, 6), ("B", 1, 8), ("C", 2, 10)]
    assert skill.section("b").body == "### sub"
    assert [str(w) for w in skill.warnings] == [
        "t.md:11: warning: code fence is never closed; it runs to the end of the file"
    ]


def test_duplicate_third_party_section_is_a_warning() -> None:
    skill = parse_skill("---\nname: t\ndescription: d\n---\n## Example\na\n## Example\nb\n", "t.md")
    assert [s.body for s in skill.sections] == ["a", "b"]
    assert [w.message for w in skill.warnings] == ["duplicate section 'Example' (first at line 5)"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ML Workflow", "ml-workflow"),
        ("-21risk-automation", "21risk-automation"),
        ("A/B  Test!", "a-b-test"),
        ("Café Crème 2", "cafe-creme-2"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def _skill_file(folder: Path, slug: str, description: str) -> None:
    (folder / slug).mkdir(parents=True)
    (folder / slug / "SKILL.md").write_text(f"---\nname: {slug}\ndescription: {description}\n---\n")


def test_load_skills_first_folder_wins(tmp_path: Path, repo: Path) -> None:
    project, bundled = tmp_path / "project", tmp_path / "bundled"
    _skill_file(project, "ml-workflow", "project override")
    _skill_file(bundled, "other", "bundled only")
    shutil.copytree(repo / "skill" / "ml-workflow", bundled / "ml-workflow")
    (bundled / "tiny.skill.md").write_bytes((GOOD / "tiny.skill.md").read_bytes())

    skills = load_skills([project, bundled])
    assert isinstance(skills, SkillSet)
    assert skills.slugs == ["ml-workflow", "other", "tiny-seed"]
    assert skills.require("ml-workflow").description == "project override"
    assert skills.get("ML WORKFLOW") is skills[0]
    assert skills.get("Tiny Seed") is skills[2] and skills.get("nope") is None
    assert [str(p) for p in skills.problems] == [
        f"{bundled / 'ml-workflow' / 'SKILL.md'}:1: warning: skill 'ml-workflow' is shadowed by "
        f"{project / 'ml-workflow' / 'SKILL.md'}"
    ]
    assert [s.slug for s in list(skills)] == skills.slugs and len(skills) == 3


def test_require_unknown_skill(tmp_path: Path) -> None:
    _skill_file(tmp_path, "one", "x")
    with pytest.raises(UnknownSkillError, match=r"no skill named 'two' \(known: one\)"):
        load_skills([tmp_path]).require("two")


def test_load_skills_skips_hidden_and_reports_missing_folder(tmp_path: Path) -> None:
    _skill_file(tmp_path, ".hidden", "x")
    skills = load_skills([tmp_path, tmp_path / "absent"], strict=False)
    assert len(skills) == 0
    assert [(p.line, p.message) for p in skills.problems] == [(0, "no such folder")]


def test_validate_paths_on_folders(tmp_path: Path) -> None:
    assert validate_paths([GOOD / "tiny.skill.md", GOOD / "openhands-style"]) == []
    problems = validate_paths([GOOD, tmp_path, tmp_path / "missing.md"])
    assert [(Path(p.path).name, p.line, p.severity) for p in problems] == [
        ("SKILL.md", 10, "warning"),  # metadata-keys: unknown key 'tags'
        (tmp_path.name, 0, "error"),
        ("missing.md", 0, "error"),
    ]
    assert problems[1].message == "no skill files (SKILL.md, *.skill.md) found"
    assert problems[2].message == "no such file"


def test_load_skills_parses_a_file_again_only_when_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillrun.spec import _loader

    parsed: list[str] = []
    real = _loader.check_file

    def counting(path: str | Path) -> tuple[Skill | None, list]:
        parsed.append(Path(path).parent.name)
        return real(path)

    monkeypatch.setattr(_loader, "check_file", counting)
    _skill_file(tmp_path, "one", "first")
    assert load_skills([tmp_path]).require("one").description == "first"
    assert load_skills([tmp_path]).require("one").description == "first"
    assert parsed == ["one"]  # the second lookup is a stat, not a parse

    # An edit is picked up: a new size, or the same size with a new modification time.
    skill_md = tmp_path / "one" / "SKILL.md"
    skill_md.write_text("---\nname: one\ndescription: second, longer\n---\n")
    assert load_skills([tmp_path]).require("one").description == "second, longer"
    before = skill_md.stat().st_mtime_ns
    skill_md.write_text("---\nname: one\ndescription: SECOND, longer\n---\n")
    os.utime(skill_md, ns=(before + 10**9, before + 10**9))
    assert load_skills([tmp_path]).require("one").description == "SECOND, longer"
    # A new file in the folder shows at once; the unchanged one is not parsed again.
    _skill_file(tmp_path, "two", "new")
    assert load_skills([tmp_path]).slugs == ["one", "two"]
    assert parsed == ["one", "one", "one", "two"]


def test_to_markdown_does_not_parse_the_skill_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from skillrun import run, to_markdown
    from skillrun.spec import _loader

    report = run("predict churn of our 2M subscribers every week")
    to_markdown(report)
    parsed: list[Path] = []
    real = _loader.check_file
    monkeypatch.setattr(_loader, "check_file", lambda path: parsed.append(Path(path)) or real(path))
    first, second = to_markdown(report), to_markdown(report)
    assert first == second and parsed == []
