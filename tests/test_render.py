"""Markdown rendering in the Output Format: exact structure, escaping, refusal of misfits."""

from __future__ import annotations

import asyncio
import re

import pytest
from toy import CHAIN, SKILL, TEMPLATE, Alpha, ToyPack, expert_answer

from skillrun.chain._agent import SectionAgent
from skillrun.chain._executor import Chain
from skillrun.errors import TemplateMismatchError
from skillrun.models import FunctionModel
from skillrun.report import Provenance, SectionBody, SectionResult, Table
from skillrun.report._escape import split_row, unescape_cell
from skillrun.report._markdown import render_markdown, render_section


def toy_report(request: str = "toy request", model=None):
    model = model or FunctionModel(lambda r: expert_answer(r.task), name="fake")
    chain = Chain(skill=SKILL, spec=CHAIN, pack=ToyPack(), agent=SectionAgent(model=model, pack=ToyPack()))

    async def go():
        return [e async for e in chain.stream(request)][-1].report

    return asyncio.run(go())


def test_report_follows_the_template_exactly():
    md = render_markdown(toy_report(), TEMPLATE)
    lines = md.splitlines()
    assert lines[0] == "# Toy: toy request"
    assert [line for line in lines if line.startswith("## ")] == ["## Alpha", "## Beta", "## Gamma"]
    assert "| Aspect | Detail |" in lines and "| One | expert one |" in lines
    assert "**Verdict:** fine" in lines
    assert "**Assumptions:**" in lines and "- size: small (not given)" in lines
    assert md.endswith("\n") and not md.endswith("\n\n")


HOSTILE = "a | b\n## Injected heading\n| x | y |\n**bold** <script>alert(1)</script> `code` [link](http://x)"


def test_hostile_text_cannot_break_tables_or_add_headings():
    def hostile(request):
        if request.task.step == "alpha":
            return Alpha(one=HOSTILE, two="ok")
        return expert_answer(request.task)

    report = toy_report(request=HOSTILE, model=FunctionModel(hostile, name="fake"))
    md = render_markdown(report, TEMPLATE)
    assert [line for line in md.splitlines() if line.startswith("#")] == [
        md.splitlines()[0],
        "## Alpha",
        "## Beta",
        "## Gamma",
    ]
    row = next(line for line in md.splitlines() if line.startswith("| One |"))
    cells = split_row(row)
    assert len(cells) == 2
    assert unescape_cell(cells[1]) == "\n".join(part.strip() for part in HOSTILE.split("\n"))
    assert re.search(r"(?<!\\)<script", md) is None  # HTML only ever appears escaped


def _result(body: SectionBody, heading: str = "Alpha", **prov) -> SectionResult:
    return SectionResult(
        step="alpha",
        heading=heading,
        value=Alpha(one="1", two="2"),
        body=body,
        provenance=Provenance(backend="fake", **prov),
    )


@pytest.mark.parametrize(
    "body, message",
    [
        (
            SectionBody(tables=[Table(columns=["Aspect", "Value"], rows=[["One", "x"], ["Two", "y"]])]),
            "columns",
        ),
        (
            SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=[["Two", "x"], ["One", "y"]])]),
            "rows",
        ),
        (SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=[["One", "x"]])]), "rows"),
        (SectionBody(), "table is missing"),
        (
            SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=[["One", "x"], ["Two", "y"]])] * 2),
            "no place",
        ),
        (
            SectionBody(
                tables=[Table(columns=["Aspect", "Detail"], rows=[["One", "x"], ["Two", "y"]])],
                fields={"Extra": "z"},
            ),
            "no place",
        ),
    ],
)
def test_bodies_that_do_not_fit_the_template_are_refused(body, message):
    with pytest.raises(TemplateMismatchError, match=message):
        render_section(TEMPLATE.section("Alpha"), _result(body))


def test_missing_field_is_refused():
    body = SectionBody(tables=[Table(columns=["Item", "Note"], rows=[["a", "b"]])])
    with pytest.raises(TemplateMismatchError, match="Verdict"):
        render_section(TEMPLATE.section("Beta"), _result(body, heading="Beta"))


def test_fallback_sections_carry_a_visible_note_under_their_heading():
    body = SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=[["One", "x"], ["Two", "y"]])])
    lines = render_section(TEMPLATE.section("Alpha"), _result(body, fallback=True, fallback_reason="timeout"))
    assert lines[0] == "## Alpha"
    assert lines[2] == "> Written by the offline expert engine (timeout)."


@pytest.mark.parametrize("note", ["---", "+ plus", "1. numbered", "> quote", "# heading", "*** rule"])
def test_notes_that_look_like_block_markup_stay_list_items(note):
    from skillrun.report import parse_markdown

    body = SectionBody(
        tables=[Table(columns=["Aspect", "Detail"], rows=[["One", "x"], ["Two", "y"]])], notes=[note, "after"]
    )
    lines = render_section(TEMPLATE.section("Alpha"), _result(body))
    parsed = parse_markdown("# T\n\n" + "\n".join(lines))
    assert parsed.sections[0].notes == [note, "after"]
