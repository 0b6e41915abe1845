"""Reporters: summary numbers, JUnit that parses, self-contained escaped HTML, run-vs-run diff."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from skillrun.errors import UsageError
from skillrun.evals._diff import diff_runs, render_diff
from skillrun.evals._html import render_html
from skillrun.evals._junit import junit_tree, write_junit
from skillrun.evals._results import ErrorRecord, OutcomeRecord, Result, UsageRecord
from skillrun.evals._store import ResultStore
from skillrun.evals._summary import render_summary, summarise

NASTY = '<script>alert("x")</script> & \x07bell </pre></details><img src=https://evil.example/x.png>'


def outcome(id_: str, status: str, section: str = "Problem Definition", reason: str = "r") -> OutcomeRecord:
    return OutcomeRecord(id=id_, status=status, section=section, reason=reason)  # type: ignore[arg-type]


def make(
    case_id: str, score: float | None, status: str = "pass", model: str = "expert", repeat: int = 0, **extra
) -> Result:  # noqa: ANN003
    outcomes = extra.pop("outcomes", None)
    if outcomes is None and status != "error":
        outcomes = [
            outcome("PD-04", "pass"),
            outcome("MS-02", "fail" if status == "fail" else "pass", "Model Serving", "no p99"),
        ]
    return Result(
        case_id=case_id,
        model=model,
        repeat=repeat,
        status=status,
        score=score,  # type: ignore[arg-type]
        min_section=score,
        sections={"Problem Definition": 1.0, "Model Serving": 0.0 if status == "fail" else 1.0}
        if score is not None
        else {},
        outcomes=outcomes or [],
        latency_ms=extra.pop("latency_ms", 100.0),
        usage=UsageRecord(input_tokens=10, output_tokens=5, requests=1),
        cost_usd=extra.pop("cost_usd", 0.001),
        **extra,
    )


RESULTS = [
    make("c-1", 1.0, latency_ms=100),
    make(
        "c-2",
        0.5,
        "fail",
        latency_ms=200,
        report_markdown=f"# Title\n\n{NASTY}\n",
        request=NASTY,
        tags=["lang:de"],
    ),
    make(
        "c-3",
        None,
        "error",
        latency_ms=300,
        errors=[ErrorRecord(type="ModelUnavailableError", message=f"down {NASTY}")],
    ),
    make("c-4", 0.75, latency_ms=400),
]


def test_summary_numbers():
    summary = summarise(RESULTS, "suite", "report")
    m = summary.models[0]
    assert (m.results, m.passed, m.failed, m.errored) == (4, 2, 1, 1)
    assert m.score.mean == pytest.approx(0.75) and m.score.n == 3  # the errored result is not a zero
    assert m.worst_min_section == 0.5
    assert m.latency_p50_ms == pytest.approx(200) and m.latency_p95_ms == pytest.approx(
        380
    )  # errors excluded
    assert (m.input_tokens, m.output_tokens, m.requests) == (40, 20, 4)
    assert m.cost_usd == pytest.approx(0.004)
    ms02 = next(c for c in m.checks if c.id == "MS-02")
    assert (ms02.passed, ms02.failed) == (2, 1) and ms02.rate == pytest.approx(2 / 3)
    assert m.checks[0].id == "MS-02"  # worst first
    assert m.sections["Model Serving"] == pytest.approx(2 / 3)
    assert summary.errored == 1 and m.errors[0].type == "ModelUnavailableError"
    data = summary.to_json()
    assert data["models"][0]["checks"][0]["rate"] == pytest.approx(2 / 3) and data["errored"] == 1


def test_unknown_cost_stays_unknown():
    rows = [make("a", 1.0, cost_usd=None), make("b", 1.0)]
    assert summarise(rows, "s", "report").models[0].cost_usd is None


def test_flaky_cases_across_repeats():
    rows = [
        make("a", 1.0, repeat=0),
        make("a", 0.5, "fail", repeat=1),
        make("b", 1.0, repeat=0),
        make("b", 1.0, repeat=1),
    ]
    m = summarise(rows, "s", "report").models[0]
    assert m.flaky == ["a"] and m.repeats == 2 and m.score.n == 2


def test_console_summary_renders_errors_apart():
    buffer = io.StringIO()
    render_summary(summarise(RESULTS, "suite", "report"), Console(file=buffer, width=200, no_color=True))
    text = buffer.getvalue()
    assert "score (95% CI)" in text and "MS-02" in text and "66.7% (2/3)" in text
    assert "errors (1 results; not counted as failures)" in text and "c-3" in text


def test_junit_parses_and_counts(tmp_path):
    summary = summarise(RESULTS, "suite", "report")
    write_junit(tmp_path / "j.xml", RESULTS, summary)
    root = ET.parse(tmp_path / "j.xml").getroot()
    assert root.tag == "testsuites" and (root.get("tests"), root.get("failures"), root.get("errors")) == (
        "4",
        "1",
        "1",
    )
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"c-1", "c-2", "c-3", "c-4"}
    failure = cases["c-2"].find("failure")
    assert failure is not None and failure.get("message") == "1 checks failed: MS-02"
    assert "MS-02 (Model Serving): no p99" in failure.text
    error = cases["c-3"].find("error")
    assert error is not None and error.get("type") == "ModelUnavailableError" and "\x07" not in error.text
    assert cases["c-1"].find("failure") is None and cases["c-1"].get("time") == "0.100"
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["score.mean"] == "0.7500"


def test_junit_names_repeats_apart():
    rows = [make("a", 1.0, repeat=0), make("a", 1.0, repeat=1)]
    names = [
        c.get("name") for c in junit_tree(rows, summarise(rows, "s", "report")).getroot().iter("testcase")
    ]
    assert names == ["a (repeat 0)", "a (repeat 1)"]


def test_html_is_self_contained_escaped_and_lists_every_case():
    page = render_html(RESULTS, summarise(RESULTS, "suite", "report"))
    for case_id in ("c-1", "c-2", "c-3", "c-4"):
        assert f"<b>{case_id}</b>" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert "<img" not in page and "</pre></details><img" not in page
    tags = parse_tags(page)
    assert not [(tag, attrs) for tag, attrs in tags if tag in ("img", "link", "iframe", "object", "embed")]
    remote = [v for _, attrs in tags for _, v in attrs if v and re.match(r"\s*(https?:)?//", v, re.I)]
    assert remote == []
    assert [tag for tag, attrs in tags if tag == "script" and attrs] == []  # no <script src=...>
    assert not re.search(r"@import|url\(", page, re.I)
    assert page.count("<script>") == 1  # only our own inline filter script
    assert 'data-status="error"' in page and "not counted as failures" in page


def parse_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            found.append((tag, attrs))

    Collector().feed(page)
    return found


def store(folder, rows):  # noqa: ANN001
    with ResultStore(folder) as s:
        for r in rows:
            s.append(r)
    return folder


def test_diff_pairs_cases_and_lists_regressions(tmp_path):
    a = store(
        tmp_path / "a",
        [
            make("c-1", 0.5),
            make("c-2", 0.6),
            make("c-3", 0.7, outcomes=[outcome("PD-04", "pass")]),
            make("c-4", 0.8),
            make("gone", 1.0),
        ],
    )
    b = store(
        tmp_path / "b",
        [
            make("c-1", 0.6, model="openai:x"),
            make("c-2", 0.8, model="openai:x"),
            make("c-3", 0.7, "fail", model="openai:x", outcomes=[outcome("PD-04", "fail")]),
            make("c-4", 0.9, model="openai:x"),
            make("new", 1.0, model="openai:x"),
        ],
    )
    (d,) = diff_runs(a, b)
    assert (d.model_a, d.model_b) == ("expert", "openai:x")
    assert d.paired.n == 4 and d.paired.diff.mean == pytest.approx(0.1)
    assert d.paired.diff.low == pytest.approx(0.1 - 3.182446305 * d.paired.diff.stderr)
    assert [c.case_id for c in d.regressions] == ["c-3"] and d.regressions[0].newly_failing == ["PD-04"]
    assert [c.case_id for c in d.improvements] == ["c-2", "c-1", "c-4"]
    assert d.only_in_a == ["gone"] and d.only_in_b == ["new"]
    pd04 = next(c for c in d.checks if c.id == "PD-04")
    assert pd04.rate_a == 1.0 and pd04.rate_b == pytest.approx(0.75)
    buffer = io.StringIO()
    render_diff(d, Console(file=buffer, width=200, no_color=True))
    assert "4 paired cases" in buffer.getvalue() and "regressions (1)" in buffer.getvalue()
    assert d.to_json()["regressions"] == ["c-3"]


def test_diff_needs_a_backend_choice_when_runs_differ(tmp_path):
    a = store(tmp_path / "a", [make("c", 1.0, model="m1"), make("c", 1.0, model="m2")])
    b = store(tmp_path / "b", [make("c", 1.0, model="m3"), make("c", 1.0, model="m4")])
    with pytest.raises(UsageError, match="--model-a and --model-b"):
        diff_runs(a, b)
    (d,) = diff_runs(a, b, "m2", "m4")
    assert (d.model_a, d.model_b) == ("m2", "m4")
    same = diff_runs(a, a)
    assert [(x.model_a, x.model_b) for x in same] == [("m1", "m1"), ("m2", "m2")]
    with pytest.raises(UsageError, match="no results for backend"):
        diff_runs(a, b, "nope", "m4")
    with pytest.raises(UsageError, match="no run folder"):
        diff_runs(tmp_path / "missing", b)


def test_rubric_scorer_reads_the_checks_score():
    from skillrun.evals._results import OutcomeRecord
    from skillrun.evals._scoring import rubric_scorer

    outcomes = [
        OutcomeRecord(id="A-01", status="pass", section="A"),
        OutcomeRecord(id="B-01", status="pass", section="B"),
        OutcomeRecord(id="B-02", status="fail", section="B"),
        OutcomeRecord(id="C-01", status="na", section="C"),
        OutcomeRecord(id="C-02", status="error", section="C"),
    ]
    scored = rubric_scorer(outcomes)
    assert (scored.score, scored.min_section, scored.sections) == (0.75, 0.5, {"A": 1.0, "B": 0.5})
    assert rubric_scorer([]).score is None
