"""Output Format -> OutputTemplate, checked against the seed and against our own SKILL.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillrun.spec import (
    OutputTemplate,
    TemplateDiagram,
    TemplateField,
    TemplateTable,
    TemplateText,
    load_skill,
    parse_skill,
)

ASPECT_DETAIL = ["Aspect", "Detail"]
# Every table of the seed's Output Format, section by section, as the seed writes it.
SEED_TABLES: dict[str, tuple[list[str], list[str] | None]] = {
    "Problem Definition": (
        ASPECT_DETAIL,
        [
            "Problem type",
            "Target variable",
            "Business metric",
            "Evaluation metric",
            "Baseline performance",
            "Success threshold",
        ],
    ),
    "Feature Engineering": (["Feature", "Source", "Transformation", "Type", "Leakage Risk"], None),
    "Experiment Tracking": (["Aspect", "Choice", "Rationale"], ["Tool", "What's tracked", "Organization"]),
    "Training Pipeline": (
        ["Stage", "Tool/Method", "Notes"],
        ["Data split", "Training", "Tuning", "Validation", "Registry"],
    ),
    "Model Serving": (ASPECT_DETAIL, ["Serving mode", "Latency SLA", "Throughput", "Scaling", "Fallback"]),
    "A/B Testing": (
        ASPECT_DETAIL,
        ["Traffic split", "Primary metric", "Guardrail metrics", "Min duration", "Rollback criteria"],
    ),
    "Monitoring and Drift": (
        ["Monitor", "Tool", "Threshold", "Action"],
        ["Data drift", "Model drift", "Concept drift", "Operational"],
    ),
}


@pytest.fixture(scope="module")
def seed_template(shared: Path) -> OutputTemplate:
    template = load_skill(shared / "seed" / "ml-workflow.skill.md").template
    assert template is not None
    return template


@pytest.fixture(scope="module")
def own_template(repo: Path) -> OutputTemplate:
    template = load_skill(repo / "skill" / "ml-workflow").template
    assert template is not None
    return template


def test_seed_title_and_sections(seed_template: OutputTemplate) -> None:
    assert seed_template.title_pattern == "ML Workflow: [Project/Model Name]"
    assert seed_template.title_prefix == "ML Workflow: "
    assert seed_template.line == 64
    assert seed_template.headings == list(SEED_TABLES)


@pytest.mark.parametrize("heading", list(SEED_TABLES))
def test_seed_tables(seed_template: OutputTemplate, heading: str) -> None:
    columns, rows = SEED_TABLES[heading]
    section = seed_template.section(heading)
    assert len(section.tables) == 1
    assert section.tables[0].columns == columns
    assert section.tables[0].row_labels == rows


def test_seed_elements_in_order(seed_template: OutputTemplate) -> None:
    kinds = {s.heading: [e.kind for e in s.elements] for s in seed_template.sections}
    assert kinds == {
        "Problem Definition": ["table"],
        "Feature Engineering": ["table", "field"],
        "Experiment Tracking": ["table"],
        "Training Pipeline": ["diagram", "table"],
        "Model Serving": ["table"],
        "A/B Testing": ["table"],
        "Monitoring and Drift": ["table", "field"],
    }


def test_seed_free_rows_fields_and_diagram(seed_template: OutputTemplate) -> None:
    features = seed_template.section("Feature Engineering")
    assert features.tables[0].cell_hints == ["...", "...", "...", "...", "Low/Med/High"]
    assert features.fields == [
        TemplateField(label="Feature store", hint="Yes/No — tool choice and rationale", line=78)
    ]
    monitoring = seed_template.section("Monitoring and Drift")
    assert [f.label for f in monitoring.fields] == ["Retraining policy"]
    assert monitoring.fields[0].hint == "Scheduled / Triggered / Continuous — details"
    diagram = seed_template.section("Training Pipeline").diagram
    assert diagram == TemplateDiagram(
        hint="ASCII diagram showing data → features → train → evaluate → register", line=86
    )
    serving = seed_template.section("Model Serving").tables[0]
    assert serving.row_hints[0] == ["Batch / Real-time / Streaming / Edge"]
    assert seed_template.section("Problem Definition").line == 65


def test_own_skill_template_has_the_seed_structure(
    seed_template: OutputTemplate, own_template: OutputTemplate
) -> None:
    assert own_template.structure() == seed_template.structure()
    # Beyond the structure: the enumerations a report must use are spelled the same way.
    for heading in SEED_TABLES:
        ours, theirs = own_template.section(heading), seed_template.section(heading)
        assert [t.cell_hints for t in ours.tables] == [t.cell_hints for t in theirs.tables]
        assert [t.row_hints for t in ours.tables] == [t.row_hints for t in theirs.tables]
    assert not any(isinstance(e, TemplateText) for s in own_template.sections for e in s.elements)


def test_structure_ignores_wording_but_not_layout(seed_template: OutputTemplate) -> None:
    reworded = seed_template.model_copy(
        update={"sections": [s.model_copy(update={"line": 0}) for s in seed_template.sections], "line": 1}
    )
    assert reworded.structure() == seed_template.structure()
    table = seed_template.section("Model Serving").tables[0]
    changed = table.model_copy(update={"row_labels": ["Serving mode", "Latency"]})
    section = seed_template.section("Model Serving").model_copy(update={"elements": [changed]})
    other = seed_template.model_copy(
        update={"sections": [section if s.heading == "Model Serving" else s for s in seed_template.sections]}
    )
    assert other.structure() != seed_template.structure()


def _template(body: str) -> OutputTemplate:
    text = f"---\nname: t\ndescription: d\n---\n\n## Output Format\n\n````markdown\n{body}\n````\n"
    skill = parse_skill(text, "t.md")
    assert skill.template is not None
    return skill.template


def test_free_rows_with_bracketed_placeholders_and_text() -> None:
    template = _template(
        "# Plan: [Name]\n\n## Risks\n\nOne paragraph of guidance.\n\n### Detail\n\n"
        "| Risk | Owner |\n|:---|---:|\n| [risk] | [owner] |\n| [risk] | [owner] |\n\n"
        "**Decision**: [go / no-go]\n\n[Flowchart of the escalation path]\n\n```text\nA -> B\n```"
    )
    section = template.section("Risks")
    assert [e.kind for e in section.elements] == ["text", "text", "table", "field", "diagram", "diagram"]
    table = section.tables[0]
    assert table == TemplateTable(
        columns=["Risk", "Owner"], row_labels=None, cell_hints=["[risk]", "[owner]"], line=17
    )
    assert section.fields[0].label == "Decision" and section.fields[0].hint == "go / no-go"
    assert [e.hint for e in section.elements if isinstance(e, TemplateDiagram)] == [
        "Flowchart of the escalation path",
        "A -> B",
    ]


def test_escaped_pipe_stays_in_its_cell() -> None:
    template = _template("# R: [x]\n\n## S\n\n| Choice | Note |\n|---|---|\n| A \\| B | ... |")
    assert template.section("S").tables[0].row_labels == ["A | B"]


def test_mixed_rows_warn_and_keep_fixed_labels() -> None:
    text = (
        "---\nname: t\ndescription: d\n---\n\n## Output Format\n\n```markdown\n# R: [x]\n\n## S\n\n"
        "| A | B |\n|---|---|\n| fixed | ... |\n| ... | ... |\n```\n"
    )
    skill = parse_skill(text, "t.md")
    assert skill.template is not None and skill.template.section("S").tables[0].row_labels == ["fixed"]
    assert [str(w) for w in skill.warnings] == [
        "t.md:13: warning: table mixes fixed row labels with '...' rows; the '...' rows are ignored"
    ]


def test_skill_md_without_markdown_fence_has_no_template() -> None:
    skill = parse_skill("---\nname: t\ndescription: d\n---\n\n## Output Format\n\nA short summary.\n", "t.md")
    assert skill.template is None
    assert [w.message for w in skill.warnings] == [
        "Output Format holds no ```markdown block, so the skill has no report template"
    ]


def test_seed_table_without_separator_is_only_a_warning() -> None:
    skill = parse_skill(
        "| name | T |\n| description | d |\nT\nOutput Format\n# R: [x]\n## S\n| A | B |\n| a | b |", "t"
    )
    assert skill.template is not None
    assert skill.template.section("S").tables[0].row_labels == ["a"]
    assert [str(w) for w in skill.warnings] == [
        "t:7: warning: table has no separator row (| --- | --- |) under its header"
    ]


def test_text_before_first_section_is_reported() -> None:
    skill = parse_skill(
        "| name | T |\n| description | d |\nT\nOutput Format\n# R: [x]\nintro\n## S\nbody", "t"
    )
    assert skill.template is not None and skill.template.headings == ["S"]
    assert [str(w) for w in skill.warnings] == [
        "t:6: warning: template text before the first '##' section is ignored"
    ]


def test_chain_sections_match_own_template(repo: Path, own_template: OutputTemplate) -> None:
    import yaml

    chain = yaml.safe_load((repo / "agents" / "ml-workflow.yaml").read_text(encoding="utf-8"))
    sections = [step["section"] for step in chain["steps"] if "section" in step]
    assert sorted(sections) == sorted(own_template.headings)
