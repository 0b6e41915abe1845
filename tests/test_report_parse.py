"""parse_markdown: the exact inverse of render_markdown, and forgiving of LLM-written markdown."""

from __future__ import annotations

import pytest
from fixture_skill import TEMPLATE
from pydantic import BaseModel

from skillrun.report import (
    Provenance,
    Report,
    RunInfo,
    SectionBody,
    SectionResult,
    Table,
    parse_markdown,
)
from skillrun.report._markdown import render_markdown

HOSTILE = [
    "plain words",
    "a | b || c \\| d",
    "two\nlines\r\nand CRLF\rand CR",
    "# not a heading\n## nor this\n### nor this",
    "**bold** __under__ *em* _em_ ~~strike~~",
    "<script>alert('x')</script> <br> <br/> &lt;b&gt;",
    "`code` ``double`` ```fence``` ~~~tilde~~~",
    "[link](http://example.com) ![img](x.png) [...] <fill>",
    "back\\slash \\| \\* \\n trailing\\",
    "> quote\n- item\n1. numbered\n+ plus",
    "**Feature store:** injected field",
    "| fake | row |\n|---|---|",
    "unicode: ≥ 0.35, ≤ 5 %, p99 → 120 ms, émoji 🚀, \u00a0nbsp",
    "  padded  \n\n  blank lines  \n",
]


class _Value(BaseModel):
    pass


def _normal(text: str) -> str:
    """What a cell, field or note renders to and parses back as (lines stripped, blank lines dropped)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line) or "-"


def _body(section, text: str) -> SectionBody:
    tables = []
    for spec in section.tables:
        if spec.row_labels is not None:
            rows = [[label, *([text] * (len(spec.columns) - 1))] for label in spec.row_labels]
        else:
            rows = [[f"{text} {i}", *([text] * (len(spec.columns) - 1))] for i in range(3)]
        tables.append(Table(columns=spec.columns, rows=rows))
    return SectionBody(
        tables=tables,
        fields={f.label: text for f in section.fields},
        diagram=f"data -> train\n{text}" if section.diagram is not None else None,
        notes=[text, "second note"],
    )


def _report(text: str, *, fallback_heading: str | None = None) -> Report:
    sections = [
        SectionResult(
            step=s.heading.lower(),
            heading=s.heading,
            value=_Value(),
            body=_body(s, text),
            provenance=Provenance(
                backend="test",
                fallback=s.heading == fallback_heading,
                fallback_reason=f"timeout ({text})" if s.heading == fallback_heading else None,
            ),
        )
        for s in TEMPLATE.sections
    ]
    return Report(
        skill="ml-workflow",
        skill_name="ML Workflow",
        title=f"ML Workflow: {text}",
        request="r",
        assumptions=[text, "traffic: 200 rps (not given)"],
        sections=sections,
        run=RunInfo(model="test"),
        banner=text,
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_round_trip_of_hostile_text(text: str) -> None:
    report = _report(text, fallback_heading="Feature Engineering")
    parsed = parse_markdown(render_markdown(report, TEMPLATE))
    expected = _normal(text)

    assert parsed.banner == expected
    assert parsed.assumptions == [expected, "traffic: 200 rps (not given)"]
    assert parsed.headings == TEMPLATE.headings
    for spec, got in zip(TEMPLATE.sections, parsed.sections, strict=True):
        body = _body(spec, text)
        assert [t.columns for t in got.tables] == [t.columns for t in body.tables]
        assert [t.rows for t in got.tables] == [
            [[_normal(c) for c in row] for row in t.rows] for t in body.tables
        ]
        assert got.fields == {k: _normal(v) for k, v in body.fields.items()}
        notes = [_normal(n) for n in body.notes]
        if spec.heading == "Feature Engineering":
            reason = _normal(f"timeout ({text})")
            assert got.fallback == reason
            notes = [f"Written by the offline expert engine ({reason})."] + notes
        else:
            assert got.fallback is None
        assert got.notes == notes
        if body.diagram is not None:
            drawing = body.diagram.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
            drawing = drawing.replace("```", "'''").replace("~~~", "'''")
            assert got.code_blocks == [drawing]
        else:
            assert got.code_blocks == []


TITLES = HOSTILE


@pytest.mark.parametrize("text", TITLES)
def test_round_trip_of_hostile_titles(text: str) -> None:
    parsed = parse_markdown(render_markdown(_report(text), TEMPLATE))
    assert parsed.title == _normal(f"ML Workflow: {text}").replace("\n", " ")


def test_round_trip_keeps_plain_text_searchable() -> None:
    parsed = parse_markdown(render_markdown(_report("p99 <= 120 ms | PR-AUC >= 0.35"), TEMPLATE))
    serving = parsed.section("Model Serving")
    assert serving is not None
    assert "Latency SLA | p99 <= 120 ms | PR-AUC >= 0.35" in serving.plain
    assert "\\" not in serving.plain
    assert parsed.plain.startswith("ML Workflow: p99 <= 120 ms")


def test_line_numbers_point_at_headings_and_tables() -> None:
    text = render_markdown(_report("x"), TEMPLATE)
    parsed = parse_markdown(text)
    lines = text.split("\n")
    for section in parsed.sections:
        assert lines[section.line - 1] == f"## {section.heading}"
        for table in section.tables:
            assert lines[table.line - 1].startswith("| ")


LLM_REPORT = "\r\n".join(
    [
        "\ufeff#   ML Workflow: Churn  ##",
        "",
        "Some intro text the model added.",
        "",
        "## Problem Definition ##",
        "",
        "Aspect | Detail",
        ":--- | ---:",
        "**Problem type** | Binary classification",
        "  Target variable  |   churn in 30 days<br/>per user   ",
        "",
        "### A sub heading",
        "",
        "1. first point",
        "   continued here",
        "* second point",
        "",
        "## Feature Engineering",
        "",
        "| Feature | Source |",
        "| a | b |",
        "",
        "**Feature store**: No — one batch model",
        "__Owner:__ data team",
        "**Feature store** : duplicate ignored",
        "",
        "~~~python",
        "## not a section",
        "```",
        "~~~",
        "",
        "## Training Pipeline",
        "",
        "```text",
        "data -> train",
        "# a level-1 line inside the unclosed fence",
        "",
        "## Model Serving",
        "",
        "**Retraining policy:**",
        "",
        "- weekly",
        "- on drift",
        "",
        "> a quoted remark",
        "> over two lines",
        "",
        "Setext heading",
        "--------------",
        "",
        "after setext",
    ]
)


def test_llm_variants() -> None:
    parsed = parse_markdown(LLM_REPORT)
    assert parsed.title == "ML Workflow: Churn"
    assert "Some intro text" in parsed.preamble
    assert parsed.headings == [
        "Problem Definition",
        "Feature Engineering",
        "Training Pipeline",
        "Model Serving",
        "Setext heading",
    ]
    pd = parsed.sections[0]
    assert pd.tables[0].columns == ["Aspect", "Detail"]
    assert pd.tables[0].rows == [
        ["Problem type", "Binary classification"],
        ["Target variable", "churn in 30 days\nper user"],
    ]
    assert pd.tables[0].cell("target variable") == "churn in 30 days\nper user"
    assert pd.notes == ["A sub heading", "first point continued here", "second point"]

    fe = parsed.sections[1]
    assert fe.tables == []  # no separator row: text, not a table
    assert fe.notes == ["| Feature | Source | | a | b |"]
    assert fe.fields == {"Feature store": "No — one batch model", "Owner": "data team"}
    assert fe.code_blocks == ["## not a section\n```"]

    tp = parsed.sections[2]
    assert tp.code_blocks == ["data -> train\n# a level-1 line inside the unclosed fence\n"]

    ms = parsed.sections[3]
    assert ms.fields == {"Retraining policy": "weekly\non drift"}
    assert ms.notes == ["a quoted remark over two lines"]
    assert parsed.sections[4].notes == ["after setext"]


def test_unclosed_fence_stops_at_the_next_section() -> None:
    parsed = parse_markdown("# T\n\n## A\n\n```\nx -> y\n\n## B\n\ntext\n")
    assert parsed.headings == ["A", "B"]
    assert parsed.section("A").code_blocks == ["x -> y\n"]  # type: ignore[union-attr]
    assert parsed.section("B").notes == ["text"]  # type: ignore[union-attr]


def test_closed_fence_hides_headings() -> None:
    parsed = parse_markdown("# T\n\n## A\n\n````\n```\n## not B\n```\n````\n\n## B\n")
    assert parsed.headings == ["A", "B"]
    assert parsed.section("A").code_blocks == ["```\n## not B\n```"]  # type: ignore[union-attr]


def test_rows_without_outer_pipes_and_ragged_rows_are_kept() -> None:
    parsed = parse_markdown("## S\n\nA | B | C\n---|---|---\n1 | 2\n4 | 5 | 6 | 7\n")
    table = parsed.sections[0].tables[0]
    assert table.rows == [["1", "2"], ["4", "5", "6", "7"]]
    assert table.column("c") == ["", "6"]


def test_empty_and_title_only_inputs() -> None:
    assert parse_markdown("").title is None
    assert parse_markdown("").sections == []
    only = parse_markdown("# ML Workflow: X\n")
    assert only.title == "ML Workflow: X"
    assert only.sections == []
    no_title = parse_markdown("## A\ntext")
    assert no_title.title is None and no_title.headings == ["A"]


def test_inline_markup_is_removed_but_escapes_survive() -> None:
    parsed = parse_markdown(
        "## S\n\n| A | B |\n|---|---|\n| **x** and `a\\|b` | \\*\\*lit\\*\\* [t](u) snake_case_name |\n"
    )
    assert parsed.sections[0].tables[0].rows == [["x and a|b", "**lit** t snake_case_name"]]


def test_escaped_cells_survive_a_row_round_trip() -> None:
    import random

    from skillrun.report._escape import escape_cell, split_row, unescape_cell

    rng = random.Random(7)
    alphabet = ["a", " ", "|", "\\", "`", "*", "x y", "\\|", "||", "_", "<br>", "#", "\n"]
    for _ in range(3000):
        cells = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 4))
        ]
        row = "| " + " | ".join(escape_cell(c) for c in cells) + " |"
        expected = [" ".join(c.split()) if c.strip() else "-" for c in cells]
        got = [" ".join(unescape_cell(c).split()) for c in split_row(row)]
        assert got == expected, (cells, row)
