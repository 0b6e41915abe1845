"""Suites as content: typed cases from JSONL and YAML, and one-line ``path:line: message`` errors."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from skillrun.errors import SuiteError, UsageError
from skillrun.evals._cases import Case, RoutingCase, load_suite, rubric_id
from skillrun.packs.ml_workflow.brief import PROBLEM_TYPES, SERVING_MODES


def write_jsonl(path, records):  # noqa: ANN001
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    return path


GOOD = {
    "id": "a-1",
    "request": "predict churn",
    "expect": {"problem_type": "binary_classification"},
    "tags": ["x"],
}


def test_jsonl_suite_loads_typed_cases(tmp_path):
    suite = load_suite(
        write_jsonl(tmp_path / "mini.cases.jsonl", [GOOD, {**GOOD, "id": "a-2", "request": "more"}])
    )
    assert suite.name == "mini" and suite.kind == "report" and suite.skill == "ml-workflow"
    assert [c.id for c in suite.cases] == ["a-1", "a-2"]
    assert isinstance(suite.cases[0], Case)
    assert suite.cases[0].expect.problem_type == "binary_classification"
    assert suite.origins["a-2"].endswith("mini.cases.jsonl:2")


def test_message_is_an_alias_of_request_and_expectations_of_expect(tmp_path):
    record = {"id": "m", "message": "hello model", "expectations": {"temporal": True}}
    suite = load_suite(write_jsonl(tmp_path / "s.jsonl", [record]))
    assert suite.cases[0].request == "hello model" and suite.cases[0].expect.temporal is True


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"id": "b", "request": "x",}', ":2: invalid JSON"),
        ({"id": "b", "request": "x", "expcet": {}}, ":2: expcet: unknown field"),
        ({"id": "b"}, ":2: request: Field required"),
        ({"id": "a-1", "request": "again"}, ":2: duplicate case id 'a-1' (first at"),
        (
            {"id": "b", "request": "x", "expect": {"problem_type": "clasification"}},
            ":2: expect.problem_type: 'clasification'",
        ),
        (
            {"id": "b", "request": "x", "expect": {"serving_mode": "online"}},
            ":2: expect.serving_mode: 'online'",
        ),
        (
            {"id": "b", "request": "x", "expect": {"must": ["baseline given"]}},
            "does not start with a rubric id",
        ),
        (
            {"id": "b", "request": "x", "expect": {"must_not": ["PD-04: x"]}},
            "PD-04 is not an anti-pattern id",
        ),
        ({"id": "b", "request": "x", "expect": {"must": ["AP-01: x"]}}, "AP-01 is an anti-pattern"),
        ({"id": "has space", "request": "x"}, ":2: id: String should match pattern"),
        ({"id": "b", "request": "   "}, ":2: request: Value error, the request is blank"),
        ('["not", "a", "mapping"]', ":2: a case is a mapping, not list"),
    ],
)
def test_malformed_jsonl_fails_with_path_and_line(tmp_path, line, expected):
    path = write_jsonl(tmp_path / "bad.jsonl", [GOOD, line])
    with pytest.raises(SuiteError) as info:
        load_suite(path)
    assert f"{path}" in str(info.value)
    assert expected in str(info.value), str(info.value)
    assert info.value.exit_code == 2


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [GOOD, "{oops"])
    (tmp_path / "b.yaml").write_text(
        "- id: y\n  request: fine\n- id: z\n  nope: 1\n  request: r\n", encoding="utf-8"
    )
    with pytest.raises(SuiteError) as info:
        load_suite(tmp_path)
    lines = str(info.value).splitlines()
    assert any(
        line.endswith("a.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes (column 2)")
        for line in lines
    )
    assert any("b.yaml:3: nope: unknown field" in line for line in lines)


def test_yaml_cases_report_the_line_of_the_case(tmp_path):
    text = (
        "# comment\ncases:\n  - id: y1\n    request: fine\n\n  - id: y2\n    request: r\n    tags: notalist\n"
    )
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SuiteError) as info:
        load_suite(tmp_path / "c.yaml")
    assert f"{tmp_path / 'c.yaml'}:6: tags: Input should be a valid list" in str(info.value)


def test_yaml_syntax_error_has_its_line(tmp_path):
    (tmp_path / "c.yaml").write_text("- id: a\n  request: [unclosed\n- id: b\n", encoding="utf-8")
    with pytest.raises(SuiteError) as info:
        load_suite(tmp_path / "c.yaml")
    assert "c.yaml:3: invalid YAML" in str(info.value) or "c.yaml:2: invalid YAML" in str(info.value)


def test_manifest_errors_point_into_the_manifest(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [GOOD])
    (tmp_path / "suite.yaml").write_text(
        "skill: ml-workflow\njudge:\n  - id: G-03\n    criteria: typo\n", encoding="utf-8"
    )
    with pytest.raises(SuiteError) as info:
        load_suite(tmp_path)
    assert "suite.yaml:4: judge.0.criteria: unknown field" in str(info.value)


def test_routing_suite_is_detected_from_the_case_format(tmp_path):
    records = [
        {
            "id": "r1",
            "message": "design a churn model pipeline",
            "trigger": True,
            "skill": "ml-workflow",
            "why": "w",
            "tags": ["en"],
        },
        {"id": "r2", "message": "how do I churn butter", "trigger": False, "why": "other sense"},
    ]
    suite = load_suite(write_jsonl(tmp_path / "routing.jsonl", records))
    assert suite.kind == "routing" and all(isinstance(c, RoutingCase) for c in suite.cases)


def test_routing_cases_are_the_router_s_cases_with_its_roles(tmp_path):
    import skillrun.routing

    assert RoutingCase is skillrun.routing.RoutingCase  # one definition, one validation
    good = {"id": "c", "message": [{"role": "Human", "content": "plan my model"}], "trigger": True}
    suite = load_suite(write_jsonl(tmp_path / "good.jsonl", [good]))
    assert suite.cases[0].text == "user: plan my model"  # roles read as the router reads them
    robot = {**good, "message": [{"role": "robot", "content": "beep"}]}
    with pytest.raises(SuiteError, match=r"bad.jsonl:1: message.list\[Turn\].0.role: .*unknown role 'robot'"):
        load_suite(write_jsonl(tmp_path / "bad.jsonl", [robot]))


def test_a_suite_holds_one_kind_of_case(tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", [GOOD, {"id": "r", "message": "m", "trigger": True}])
    with pytest.raises(SuiteError, match=r"mixed.jsonl:2: routing case in a suite of report cases"):
        load_suite(path)


def test_empty_and_missing_suites(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="no cases"):
        load_suite(tmp_path / "empty.jsonl")
    with pytest.raises(UsageError, match="no eval suite"):
        load_suite(tmp_path / "nope")
    (tmp_path / "dir").mkdir()
    with pytest.raises(SuiteError, match="no case files"):
        load_suite(tmp_path / "dir")


def test_select_by_id_glob_and_tag(tmp_path):
    records = [{**GOOD, "id": f"a-{i}", "tags": ["lang:de"] if i % 2 else ["lang:en"]} for i in range(6)]
    suite = load_suite(write_jsonl(tmp_path / "s.jsonl", records))
    assert [c.id for c in suite.select(ids=["a-[12]"]).cases] == ["a-1", "a-2"]
    assert [c.id for c in suite.select(tags=["lang:de"]).cases] == ["a-1", "a-3", "a-5"]


def test_rubric_id_strips_values_and_notes():
    assert rubric_id("FE-04=no: no feature store") == "FE-04"
    assert rubric_id("AP-07: AWS services") == "AP-07"


def test_the_shipped_ml_workflow_suite_covers_the_vocabularies(repo):
    suite = load_suite(repo / "evals" / "ml-workflow")
    assert suite.kind == "report" and len(suite.cases) >= 40
    assert {c.expect.problem_type for c in suite.cases} == set(PROBLEM_TYPES)
    assert {c.expect.serving_mode for c in suite.cases} == set(SERVING_MODES)
    tags = Counter(t for c in suite.cases for t in c.tags)
    for needed in (
        "lang:es",
        "lang:de",
        "lang:fr",
        "lang:zh",
        "cloud:aws",
        "cloud:gcp",
        "cloud:azure",
        "cloud:on-prem",
        "stage:startup",
        "stage:platform",
        "style:terse",
        "style:detailed",
        "regulated:credit",
        "regulated:insurance",
        "regulated:health",
        "regulated:hiring",
    ):
        assert tags[needed] >= 1, needed
    for case in suite.cases:  # each case says what it is, so --tag filters are reliable
        assert (
            f"type:{case.expect.problem_type}" in case.tags
            and f"serving:{case.expect.serving_mode}" in case.tags
        )
    assert {i.id for i in suite.judge} >= {"G-03", "G-05", "PD-08", "PD-09", "AB-11", "MD-10"}


def test_the_shared_suites_load(shared):
    assert load_suite(shared / "evals" / "ml-workflow.cases.jsonl").kind == "report"
    assert load_suite(shared / "evals" / "routing.cases.jsonl").kind == "routing"
