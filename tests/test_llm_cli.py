"""`skillrun run` on the OpenAI and Anthropic backends, end to end against the loopback wire server."""

from __future__ import annotations

import json
import logging
import traceback

import pytest
from typer.testing import CliRunner
from wire_server import Status

import skillrun
import skillrun.errors
from skillrun.cli import app
from skillrun.models import get_model

REQUEST = (
    "Churn prediction for a streaming service with 2M subscribers on GCP: score every subscriber nightly "
    "so the retention team can call the 500 riskiest; 12% churn within 30 days; team of 3."
)
SECTIONS = 7


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run_cli(runner: CliRunner, wire, provider: str, *extra: str):
    args = ["run", "--format", "json", *extra]
    if provider == "openai":
        args += ["--model", "openai:gpt-4.1-mini", "--base-url", wire.openai_url]
        env = {}
    else:
        args += ["--model", "anthropic:claude-sonnet-5-5"]
        env = {"ANTHROPIC_BASE_URL": wire.anthropic_url}
    return runner.invoke(app, [*args, REQUEST], env=env)


def assert_complete(result) -> dict:
    assert result.exit_code == 0, result.output + (str(result.exception) if result.exception else "")
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert len(report["sections"]) == SECTIONS
    for section in report["sections"]:
        provenance = section["provenance"]
        # Either the model's valid section, or the expert's, marked as such.
        assert provenance["fallback"] == (provenance["backend"] == "expert"), section["heading"]
        if provenance["fallback"]:
            assert provenance["fallback_reason"]
    return report


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_healthy_provider_writes_every_section(runner, wire, provider):
    report = assert_complete(run_cli(runner, wire, provider))
    assert not report["run"]["fallback_sections"] and report["banner"] is None
    assert all(not s["provenance"]["fallback"] for s in report["sections"])
    assert report["run"]["intake"]["backend"].startswith(provider)
    assert report["run"]["usage"]["requests"] >= 8
    assert report["brief"]["request"] == REQUEST
    paths = {r.path for r in wire.requests}
    assert paths == ({"/v1/chat/completions"} if provider == "openai" else {"/v1/messages"})


def test_usage_and_cost_are_summed_and_shown(runner, wire):
    result = run_cli(runner, wire, "openai")
    report = assert_complete(result)
    sections = [s["provenance"] for s in report["sections"]] + [report["run"]["intake"]]
    assert report["run"]["usage"]["input_tokens"] == sum(p["usage"]["input_tokens"] for p in sections)
    assert report["run"]["usage"]["requests"] == len(wire.requests)
    assert report["run"]["cost_usd"] == pytest.approx(sum(p["cost_usd"] for p in sections), abs=1e-5)
    assert report["run"]["cost_usd"] > 0
    assert "tokens" in result.stderr and "$" in result.stderr


def test_an_unpriced_model_has_unknown_cost(runner, wire):
    result = runner.invoke(
        app,
        [
            "run",
            "--format",
            "json",
            "--model",
            "openai-compat:llama3.2",
            "--base-url",
            wire.openai_url,
            REQUEST,
        ],
    )
    report = assert_complete(result)
    assert report["run"]["cost_usd"] is None and "cost unknown" in result.stderr


@pytest.mark.parametrize("seed", range(12))
def test_flaky_provider_still_gives_a_complete_report(runner, wire, seed):
    wire.chaos(seed, transient=0.3, invalid=0.2)
    assert_complete(run_cli(runner, wire, "openai" if seed % 2 else "anthropic"))


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_provider_that_is_down_still_gives_a_complete_report_with_the_banner(
    runner, wire, provider, monkeypatch
):
    wire.chaos(0, transient=1.0, invalid=0.0)
    result = run_cli(runner, wire, provider, "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ML Workflow: ")
    assert "> **Note:** 7 of 7 sections were written by the offline expert engine" in result.stdout
    assert result.stdout.count("> Written by the offline expert engine") == SECTIONS
    # Intake and problem definition try (5 attempts each); after two unavailable sections the rest skip.
    assert len(wire.requests) == 10


def test_no_fallback_exits_3_with_one_line_when_the_provider_is_down(runner, wire):
    wire.chaos(0, transient=1.0, invalid=0.0)
    result = run_cli(runner, wire, "openai", "--no-fallback")
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("skillrun: error: section 'intake' failed:"), lines


CANARY = "sk-canary-7f3a9c2e5b1d4f6a8c0e"


def test_the_api_key_appears_in_no_artifact(runner, wire, monkeypatch, tmp_path, caplog):
    """A planted key, echoed back by the server in error bodies, must not surface anywhere we write."""
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", CANARY)
    caplog.set_level(logging.DEBUG)
    echo = f"Incorrect API key provided: {CANARY}. Bearer {CANARY}"
    artifacts: list[str] = []

    # 1. CLI runs with failures whose bodies quote the key: fallback (md and json), and --no-fallback.
    for extra in (
        ["--format", "json", "-o", str(tmp_path / "r.json")],
        ["--format", "md"],
        ["--no-fallback"],
    ):
        wire.reset()
        wire.queue(
            Status(401, message=echo), Status(500, message=echo), Status(429, {"retry-after-ms": "1"}, echo)
        )
        wire.chaos(1, transient=0.5, invalid=0.2)
        result = run_cli(runner, wire, "openai", *extra)
        artifacts += [result.stdout, result.stderr, str(result.exception or "")]
    artifacts.append((tmp_path / "r.json").read_text())
    assert wire.requests[0].headers["authorization"] == f"Bearer {CANARY}"  # the key was really used

    # 2. The Python API with fallback off: the exception, its chain, its traceback.
    wire.reset()
    wire.queue(*[Status(401, message=echo)] * 3)
    with pytest.raises(skillrun.errors.SkillrunError) as caught:
        model = get_model("anthropic:claude-sonnet-5-5", base_url=wire.anthropic_url)
        skillrun.run(REQUEST, model=model, fallback=False)
    exc: BaseException | None = caught.value
    artifacts.append("".join(traceback.format_exception(caught.value)))
    while exc is not None:
        artifacts.append(str(exc) + repr(exc))
        exc = exc.__cause__

    # 3. Every log record, formatted, with exception text.
    handler = logging.Handler()
    artifacts += [handler.format(r) for r in caplog.records]

    leaked = [a for a in artifacts if CANARY in a or CANARY[8:] in a]
    assert not leaked, leaked[0][:500]


def test_a_langchain_chat_model_runs_the_whole_chain(allow_model_requests):
    from test_models_langchain import SchemaChat

    report = skillrun.run(REQUEST, model=get_model(SchemaChat(replies=[], seen=[])))
    assert len(report.sections) == SECTIONS and not report.run.fallback_sections
    assert (
        report.run.model == "langchain:schema-fake" and report.run.intake.backend == "langchain:schema-fake"
    )
    assert report.run.usage.requests >= 8 and report.run.cost_usd is None


def test_the_installed_command_runs_against_a_loopback_server(wire, tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    exe = shutil.which("skillrun", path=os.path.dirname(sys.executable))
    assert exe is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ANTHROPIC_"))}
    env.update(OPENAI_API_KEY="sk-test-subprocess-key", NO_COLOR="1")
    done = subprocess.run(
        [exe, "run", "--model", "openai:gpt-4.1-mini", "--base-url", wire.openai_url, REQUEST],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ML Workflow: ") and "Traceback" not in done.stderr
    assert "openai:gpt-4.1-mini" in done.stderr and "$" in done.stderr
    assert len(wire.requests) >= 8


def test_concurrent_chains_can_share_one_model(wire):
    """The first chain to finish must not close the HTTP client under the others' requests."""
    import asyncio

    wire.delay = 0.05
    model = get_model("openai:gpt-4.1-mini", base_url=wire.openai_url)

    async def staggered(i: int):
        await asyncio.sleep(i * 0.07)  # so one chain ends while another has requests in flight
        return await skillrun.arun(REQUEST, model=model, fallback=False)

    async def three_runs():
        return await asyncio.gather(*(staggered(i) for i in range(3)))

    reports = asyncio.run(three_runs())
    assert all(len(r.sections) == SECTIONS and not r.run.fallback_sections for r in reports)
    assert not model._clients  # closed once the last request was done
