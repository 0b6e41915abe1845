"""The 16 shared example requests, end to end: structure exactly as the template, type and mode right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillrun import find_skill, run, to_markdown
from skillrun.evals import Expectations, make_context, run_checks, structural_checks
from skillrun.report import parse_markdown


def _cases(shared: Path) -> list[dict]:
    lines = (shared / "evals" / "ml-workflow.cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def reports(shared: Path) -> list[tuple[dict, object, str]]:
    return [(case, report := run(case["request"]), to_markdown(report)) for case in _cases(shared)]


def test_there_are_sixteen_cases(reports):
    assert len(reports) == 16


def test_structure_matches_the_template_exactly(reports):
    skill = find_skill("ml-workflow")
    template = skill.template
    for case, _, markdown in reports:
        parsed = parse_markdown(markdown)
        assert parsed.title.startswith(template.title_prefix), case["id"]
        assert parsed.headings == template.headings, case["id"]
        for section in template.sections:
            got = parsed.section(section.heading)
            assert [t.columns for t in got.tables] == [t.columns for t in section.tables], case["id"]
            for table, spec in zip(got.tables, section.tables, strict=True):
                if spec.row_labels is not None:
                    assert [row[0] for row in table.rows] == spec.row_labels, (case["id"], section.heading)
            assert set(got.fields) == {f.label for f in section.fields}, (case["id"], section.heading)
            assert bool(got.code_blocks) == (section.diagram is not None), (case["id"], section.heading)
        ctx = make_context(skill, markdown, case["request"])
        failed = [o for check in structural_checks(template) if (o := check(ctx)).status == "fail"]
        assert not failed, (case["id"], failed)


def test_problem_type_and_serving_mode_match_the_labels(reports):
    skill = find_skill("ml-workflow")
    for case, report, markdown in reports:
        expect = Expectations(**case["expect"])
        assert report.brief.problem_type == expect.problem_type, case["id"]
        assert report.section("model_serving").value.serving_mode == expect.serving_mode, case["id"]
        ctx = make_context(skill, markdown, case["request"], expect=expect)
        by_id = {o.id: o for o in run_checks(ctx)}
        assert by_id["PD-01"].status == "pass", (case["id"], by_id["PD-01"].reason)
        assert by_id["MS-01"].status == "pass", (case["id"], by_id["MS-01"].reason)
