"""The runner end to end on the toy skill: results, resume, concurrency, errors, judge, cache, routing."""

from __future__ import annotations

import asyncio
import json
import xml.etree.ElementTree as ET

import pytest
from evaltoy import KeywordRouter, answering, runner_options, toy_suite
from toy import Alpha, InFlight, expert_answer

from skillrun.errors import ModelUnavailableError, UsageError
from skillrun.evals._cache import ModelCache
from skillrun.evals._cases import JudgeItem, RoutingCase, Suite
from skillrun.evals._judge import Verdict
from skillrun.evals._runner import ReportRunner, RunOptions
from skillrun.evals._session import EvalRequest, run_eval
from skillrun.evals._store import ResultStore, read_results
from skillrun.models import FunctionModel, ModelRequest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(tmp_path / "cache"))


def go(
    tmp_path, suite: Suite, models: dict, *, out: str = "run", extra: dict | None = None, **request_fields
):  # noqa: ANN003
    request = EvalRequest(
        suite="unused", models=list(models), out=tmp_path / out, runs_dir=tmp_path / "runs", **request_fields
    )
    options = runner_options(models=models, **(extra or {}))
    return _run(request, suite, options)


def _run(request: EvalRequest, suite: Suite, options: dict):
    import skillrun.evals._session as session

    original = session.load_suite
    session.load_suite = lambda spec: suite  # the toy suite is built in code, not read from disk
    try:
        return asyncio.run(run_eval(request, runner_options=options))
    finally:
        session.load_suite = original


def test_a_run_writes_every_result_and_every_reporter(tmp_path):
    run = go(tmp_path, toy_suite(6), {"fake": answering()})
    results = read_results(run.out)
    assert sorted(r.case_id for r in results) == [f"t-{i:03d}" for i in range(6)]
    by_id = {r.case_id: r for r in results}
    assert by_id["t-000"].status == "pass" and by_id["t-001"].status == "fail"
    assert by_id["t-000"].score == 1.0 and by_id["t-001"].score == 0.5
    assert by_id["t-001"].sections == {"Alpha": 1.0, "Beta": 0.0} and by_id["t-001"].min_section == 0.0
    assert by_id["t-000"].report_markdown.startswith("# Toy: toy request 0")
    assert by_id["t-000"].report["skill"] == "toy" and by_id["t-000"].usage.requests == 4
    assert by_id["t-000"].request == "toy request 0" and by_id["t-000"].tags == ["even"]
    assert run.exit_code == 0 and run.summary.models[0].score.mean == pytest.approx(0.75)
    for name in ("results.jsonl", "report.html", "junit.xml", "summary.json", "run.json"):
        assert (run.out / name).is_file(), name
    assert ET.parse(run.out / "junit.xml").getroot().get("failures") == "3"
    manifest = json.loads((run.out / "run.json").read_text())
    assert manifest["suite"] == "toy" and manifest["invocations"][0]["models"] == ["fake"]


def test_min_score_gate_exits_1(tmp_path):
    run = go(tmp_path, toy_suite(4), {"fake": answering()}, min_score=0.9)
    assert run.exit_code == 1 and "mean score 0.7500 < --min-score 0.9" in run.gate_failures[0]
    assert go(tmp_path, toy_suite(4), {"fake": answering()}, out="r2", min_score=0.7).exit_code == 0


def test_resume_does_nothing_new_and_never_duplicates(tmp_path):
    first = go(tmp_path, toy_suite(5), {"fake": answering()})
    size = (first.out / "results.jsonl").stat().st_size
    again = go(tmp_path, toy_suite(5), {"fake": answering()}, resume=True)
    assert again.outcome.ran == 0 and again.outcome.skipped == 5
    assert (first.out / "results.jsonl").stat().st_size == size
    assert len(json.loads((first.out / "run.json").read_text())["invocations"]) == 2


def test_an_existing_run_folder_needs_resume(tmp_path):
    go(tmp_path, toy_suite(2), {"fake": answering()})
    with pytest.raises(UsageError, match="already holds results; add --resume"):
        go(tmp_path, toy_suite(2), {"fake": answering()})


def test_resume_without_out_continues_the_newest_run_of_the_suite(tmp_path):
    request = EvalRequest(suite="x", models=["fake"], runs_dir=tmp_path / "runs")
    first = _run(request, toy_suite(3), runner_options(models={"fake": answering()}))
    assert first.out.parent == tmp_path / "runs" and first.out.name.startswith("toy-")
    request = EvalRequest(suite="x", models=["fake"], resume=True, runs_dir=tmp_path / "runs")
    second = _run(request, toy_suite(4), runner_options(models={"fake": answering()}))
    assert second.out == first.out and second.outcome.ran == 1 and second.outcome.skipped == 3


def test_concurrency_bounds_and_fills_the_model_call_slots(tmp_path):
    slow = InFlight(0.02)
    run = go(tmp_path, toy_suite(12), {"slow": slow.model()}, concurrency=3)
    assert slow.peak == 3
    assert run.outcome.calls == 12 * 4
    # 48 calls of 20 ms through 3 slots: about 0.32 s when the slots stay busy.
    assert run.outcome.elapsed_s < 0.32 * 2


def test_several_backends_in_one_run(tmp_path):
    run = go(tmp_path, toy_suite(3), {"a": answering(name="a"), "b": answering(name="b")})
    assert sorted((r.case_id, r.model) for r in run.outcome.results) == [
        (f"t-{i:03d}", m) for i in range(3) for m in ("a", "b")
    ]
    assert sorted(m.model for m in run.summary.models) == ["a", "b"]  # in order of first result


def test_failures_are_error_results_apart_from_check_failures(tmp_path):
    def crashing(request: ModelRequest):
        if request.task.request.endswith(" 2"):
            raise RuntimeError("bug in the backend adapter")
        if request.task.step == "beta" and request.task.request.endswith(" 3"):
            raise ModelUnavailableError("provider down")
        return expert_answer(request.task)

    run = go(tmp_path, toy_suite(4), {"fake": FunctionModel(crashing, name="fake")})
    by_id = {r.case_id: r for r in run.outcome.results}
    assert by_id["t-002"].status == "error" and by_id["t-002"].errors[0].type == "RuntimeError"
    assert by_id["t-002"].score is None and by_id["t-002"].report_markdown is None
    assert by_id["t-003"].fallback_sections == ["Beta"]  # a backend error falls back to the expert
    assert run.exit_code == 3 and run.summary.models[0].errored == 1
    assert run.summary.models[0].score.n == 3  # the errored case is not scored as zero


def test_no_fallback_turns_section_failures_into_errors(tmp_path):
    def flaky(request: ModelRequest):
        if request.task.step == "beta":
            raise ModelUnavailableError("provider down")
        return expert_answer(request.task)

    run = go(tmp_path, toy_suite(2), {"fake": FunctionModel(flaky, name="fake")}, fallback=False)
    assert {r.status for r in run.outcome.results} == {"error"}
    assert run.outcome.results[0].errors[0].type == "SectionFailedError"


def test_retry_errors_replaces_errored_results(tmp_path):
    def broken(request: ModelRequest):
        raise RuntimeError("broken")

    first = go(tmp_path, toy_suite(3), {"fake": FunctionModel(broken, name="fake")})
    assert first.exit_code == 3
    plain = go(tmp_path, toy_suite(3), {"fake": answering()}, resume=True)
    assert plain.outcome.ran == 0 and plain.exit_code == 3  # errors are finished work unless asked
    retried = go(tmp_path, toy_suite(3), {"fake": answering()}, resume=True, retry_errors=True)
    assert retried.outcome.ran == 3 and retried.exit_code == 0
    lines = (first.out / "results.jsonl").read_text().splitlines()
    assert len(lines) == 3 and all(json.loads(line)["status"] != "error" for line in lines)


def test_retry_errors_needs_resume_from_python_too():
    with pytest.raises(UsageError, match="--retry-errors continues a run: add --resume"):
        EvalRequest(suite="unused", retry_errors=True)


def test_retry_errors_reruns_only_the_errors_of_a_routing_suite(tmp_path, monkeypatch):
    import skillrun.evals._session as session

    class Mended(KeywordRouter):
        def route(self, message):  # noqa: ANN001
            return [] if message == "boom" else super().route(message)

    monkeypatch.setattr(session, "load_suite", lambda spec: routing_suite())
    first = asyncio.run(
        run_eval(EvalRequest(suite="r", out=tmp_path), runner_options={"router": KeywordRouter()})
    )
    assert first.exit_code == 3  # the router raised on n3
    plans: list[tuple[int, int]] = []
    retried = asyncio.run(
        run_eval(
            EvalRequest(suite="r", out=tmp_path, resume=True, retry_errors=True),
            on_plan=lambda total, done: plans.append((total, done)),
            runner_options={"router": Mended()},
        )
    )
    assert plans == [(8, 7)]  # the errored case is not counted as done
    assert retried.outcome.ran == 1 and retried.exit_code == 0
    assert len((tmp_path / "results.jsonl").read_text().splitlines()) == 8


def test_judge_verdicts_are_scored_and_garbage_is_an_error(tmp_path):
    items = [JudgeItem(id="PD-08", section="Alpha", criterion="c"), JudgeItem(id="G-03", criterion="c")]

    def fair(request: ModelRequest):
        item = request.task.step.split(":", 1)[1]
        return Verdict(item_id=item, passed=item == "PD-08", critique="judged")

    run = go(
        tmp_path,
        toy_suite(2, judge=items),
        {"fake": answering()},
        judge="j",
        extra={"judge_model": FunctionModel(fair, name="j")},
    )
    even = next(r for r in run.outcome.results if r.case_id == "t-000")
    judged = {o.id: o.status for o in even.outcomes if o.source == "judge"}
    assert judged == {"PD-08": "pass", "G-03": "fail"} and even.status == "fail"
    assert even.score == pytest.approx(3 / 4)  # T-ALPHA, T-ODD and PD-08 pass; G-03 fails

    garbage = FunctionModel(lambda r: "I'd say it passes.", name="j2")
    run = go(
        tmp_path,
        toy_suite(2, judge=items),
        {"fake": answering()},
        out="garbage",
        judge="j2",
        extra={"judge_model": garbage},
    )
    assert {r.status for r in run.outcome.results} == {"error"} and run.exit_code == 3
    assert all(e.where.startswith("judge:") for r in run.outcome.results for e in r.errors)


def test_a_judge_needs_judge_items_and_an_llm():
    suite = toy_suite(1)
    with pytest.raises(UsageError, match="no \\[judge\\] items"):
        ReportRunner(
            suite,
            RunOptions(models=["fake"], judge="j"),
            **runner_options(models={"fake": answering()}, judge_model=answering()),
        )
    with pytest.raises(UsageError, match="expert engine cannot judge"):
        ReportRunner(
            toy_suite(1, judge=[JudgeItem(id="G-03", criterion="c")]),
            RunOptions(models=["fake"], judge="expert"),
            **runner_options(models={"fake": answering()}),
        )


def test_repeats_get_their_own_cache_entries_and_a_rerun_hits_them(tmp_path):
    calls = 0

    def counted(request: ModelRequest):
        nonlocal calls
        calls += 1
        return expert_answer(request.task)

    def model():
        return FunctionModel(counted, name="openai:toy")

    cache = ModelCache(tmp_path / "c.sqlite3")
    run = go(tmp_path, toy_suite(3), {"openai:toy": model()}, repeat=2, extra={"cache": cache})
    assert calls == 3 * 2 * 4 and run.outcome.cache_hits == 0
    assert run.summary.models[0].repeats == 2 and run.summary.models[0].score.n == 3  # clustered by case
    again = go(
        tmp_path,
        toy_suite(3),
        {"openai:toy": model()},
        out="again",
        repeat=2,
        extra={"cache": ModelCache(tmp_path / "c.sqlite3")},
    )
    assert calls == 24 and again.outcome.cache_hits == 24
    assert all(r.usage.cache_hits == 4 and r.usage.requests == 0 for r in again.outcome.results)
    fresh = go(tmp_path, toy_suite(3), {"openai:toy": model()}, out="fresh", cache=False)
    assert calls == 24 + 12 and fresh.outcome.cache_hits == 0


def test_an_interrupted_run_loses_only_cases_in_flight(tmp_path):
    started = asyncio.Event()

    async def slow(request: ModelRequest):
        await asyncio.sleep(0.01)
        return (
            Alpha(one="expert one", two="x")
            if request.task.output_type is Alpha
            else expert_answer(request.task)
        )

    suite = toy_suite(40)
    store_dir = tmp_path / "run"

    async def interrupted():
        runner = ReportRunner(
            suite,
            RunOptions(models=["fake"], concurrency=4),
            **runner_options(models={"fake": FunctionModel(slow, name="fake")}),
        )
        store = ResultStore(store_dir)
        existing = store.open()
        task = asyncio.create_task(runner.run(store, existing))
        while len(store.written) < 10:
            await asyncio.sleep(0.005)
        started.set()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        store.close()

    asyncio.run(interrupted())
    partial = read_results(store_dir)
    assert 10 <= len(partial) < 40
    run = go(tmp_path, suite, {"fake": FunctionModel(slow, name="fake")}, resume=True)
    assert run.outcome.ran == 40 - len(partial)
    lines = (store_dir / "results.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["case_id"] for line in lines) == [c.id for c in suite.cases]


def routing_suite() -> Suite:
    cases = [
        RoutingCase(id="p1", message="design my model pipeline", trigger=True, why="design"),
        RoutingCase(id="p2", message="Model serving plan please", trigger=True),
        RoutingCase(
            id="p3", message="retrain the churn predictor", trigger=True, why="no keyword but in scope"
        ),
        RoutingCase(id="n1", message="a model railway layout", trigger=False, why="other sense of model"),
        RoutingCase(id="n2", message="bake bread", trigger=False),
        RoutingCase(id="n3", message="boom", trigger=False),
        RoutingCase(
            id="w1", message="a model for other things", trigger=True, skill="other", why="belongs elsewhere"
        ),
        RoutingCase(
            id="c1",
            message=[{"role": "user", "content": "hi"}, {"role": "user", "content": "plan my model"}],
            trigger=True,
        ),
    ]
    return Suite(name="routing", path="r", kind="routing", skill="toy", cases=cases)


def test_routing_suites_report_precision_recall_and_misroutes(tmp_path):
    request = EvalRequest(suite="r", out=tmp_path / "r", min_precision=0.5, min_recall=0.5)
    run = _run(request, routing_suite(), {"router": KeywordRouter()})
    r = run.summary.routing[0]
    # c1 is a conversation whose last turn says "model"; w1 should go to another skill and went to toy.
    assert (r.tp, r.fp, r.fn, r.tn, r.errored) == (3, 2, 2, 1, 1)
    assert (
        r.precision == pytest.approx(3 / 5)
        and r.recall == pytest.approx(3 / 5)
        and r.f1 == pytest.approx(3 / 5)
    )
    assert [row["id"] for row in r.false_positives] == ["n1", "w1"]
    assert [row["id"] for row in r.false_negatives] == ["p3", "w1"]
    by_id = {x.case_id: x for x in run.outcome.results}
    assert by_id["w1"].routing.outcome == "wrong" and by_id["c1"].request == "user: hi\nuser: plan my model"
    assert run.exit_code == 3  # the router raised on one message
    junit = ET.parse(run.out / "junit.xml").getroot()
    assert (junit.get("tests"), junit.get("failures"), junit.get("errors")) == ("8", "3", "1")
    gated = _run(
        EvalRequest(suite="r", out=tmp_path / "g", min_precision=0.9),
        routing_suite().select(ids=["p*", "n1", "n2"]),
        {"router": KeywordRouter()},
    )
    assert gated.exit_code == 1 and "precision 0.6667 < --min-precision 0.9" in gated.gate_failures[0]


def test_an_outage_in_one_case_does_not_trip_the_breaker_for_the_next(tmp_path):
    def flaky(request: ModelRequest):
        if request.task.request in ("toy request 0", "toy request 1"):
            raise ModelUnavailableError("provider down")
        return expert_answer(request.task)

    model = FunctionModel(flaky, name="fake")
    run = go(tmp_path, toy_suite(4), {"fake": model}, concurrency=1)
    by_id = {r.case_id: r for r in run.outcome.results}
    assert by_id["t-000"].fallback_sections and by_id["t-001"].fallback_sections
    assert by_id["t-002"].fallback_sections == [] and by_id["t-003"].fallback_sections == []


def test_models_are_closed_once_at_the_end_of_the_run(tmp_path):
    closed = []

    class Closing(FunctionModel):
        async def aclose(self) -> None:
            closed.append(len(self.history))

    model = Closing(lambda r: expert_answer(r.task), name="fake")
    go(tmp_path, toy_suite(3), {"fake": model})
    assert closed == [12]
