"""`skillrun eval` on the real OpenAI SDK backend against the loopback wire server: tokens, cost, cache."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skillrun.cli import app
from skillrun.evals._store import read_results

MODEL = "openai:gpt-4.1-mini"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(tmp_path / "cache"))


def evaluate(wire, out, *extra: str):  # noqa: ANN001
    args = ["eval", "evals/ml-workflow", "--case", "mw-00[12]", "-m", MODEL, "--base-url", wire.openai_url]
    result = CliRunner().invoke(app, [*args, "--out", str(out), "--workers", "0", "--quiet", *extra])
    assert result.exit_code in (0, 1), result.output
    return read_results(out)


def test_llm_results_carry_tokens_and_cost_and_a_rerun_is_served_from_the_cache(
    wire, tmp_path, repo, monkeypatch
):
    monkeypatch.chdir(repo)
    first = evaluate(wire, tmp_path / "a")
    calls = len(wire.requests)
    assert len(first) == 2 and calls >= 16
    assert all(r.status in ("pass", "fail") and r.outcomes and r.report_markdown for r in first)
    assert sum(r.usage.requests for r in first) == calls
    assert all(
        r.usage.input_tokens > 0 and r.usage.output_tokens > 0 and r.usage.cache_hits == 0 for r in first
    )
    assert all(r.cost_usd is not None and r.cost_usd > 0 for r in first)

    again = evaluate(wire, tmp_path / "b")
    assert len(wire.requests) == calls  # every call came from the cache
    assert all(r.usage.requests == 0 and r.usage.cache_hits >= 8 and r.cost_usd == 0 for r in again)
    by_case = {r.case_id: r for r in first}
    assert all(r.report_markdown == by_case[r.case_id].report_markdown for r in again)

    evaluate(wire, tmp_path / "c", "--no-cache")
    assert len(wire.requests) == 2 * calls


def test_repeats_are_independent_calls(wire, tmp_path, repo, monkeypatch):
    monkeypatch.chdir(repo)
    results = evaluate(wire, tmp_path / "r", "--repeat", "2")
    assert sorted((r.case_id, r.repeat) for r in results) == [
        ("mw-001", 0),
        ("mw-001", 1),
        ("mw-002", 0),
        ("mw-002", 1),
    ]
    assert len(wire.requests) == sum(r.usage.requests for r in results) >= 32


def test_a_provider_that_is_down_gives_fallbacks_or_errors_never_a_crash(wire, tmp_path, repo, monkeypatch):
    monkeypatch.chdir(repo)
    wire.chaos(0, transient=1.0, invalid=0.0)
    results = evaluate(wire, tmp_path / "down")
    assert all(r.fallback_sections for r in results)  # the expert engine stood in, and it shows
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "evals/ml-workflow",
            "--case",
            "mw-001",
            "-m",
            MODEL,
            "--base-url",
            wire.openai_url,
            "--out",
            str(tmp_path / "strict"),
            "--workers",
            "0",
            "--quiet",
            "--no-fallback",
        ],
    )
    assert result.exit_code == 3
    (strict,) = read_results(tmp_path / "strict")
    assert strict.status == "error" and strict.errors[0].where == "run"
