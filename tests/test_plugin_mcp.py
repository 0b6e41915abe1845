"""The MCP server in process, driven by the mcp package's own client."""

from __future__ import annotations

import asyncio

import anyio
import pytest
from mcp import Client
from plugin_support import TOY, Gate, toy_model, toy_plugin, toy_runner

from skillrun.errors import UsageError
from skillrun.models import FunctionModel
from skillrun.plugin import Plugin, RunSkillArgs, RunStatus, SkillReport, create_server
from skillrun.plugin._server import _choose_model

pytestmark = pytest.mark.anyio

TOOLS = {"list_skills", "route_message", "run_skill", "start_skill_run", "get_skill_run", "cancel_skill_run"}


@pytest.fixture
def anyio_backend():
    return "asyncio"


class StepGate:
    """Each section step waits for its own release, so a test decides when sections finish."""

    def __init__(self) -> None:
        self.events = {step: asyncio.Event() for step in ("alpha", "beta", "gamma")}

    async def answer(self, request):
        from toy import expert_answer

        if request.task.step in self.events:
            await self.events[request.task.step].wait()
        return expert_answer(request.task)


async def wait_for(condition, timeout: float = 5.0) -> None:
    with anyio.fail_after(timeout):
        while not condition():
            await anyio.sleep(0.01)


async def test_tools_are_listed_with_schemas_from_the_shared_models():
    async with Client(create_server(toy_plugin())) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    assert set(tools) == TOOLS
    run = tools["run_skill"]
    expected = RunSkillArgs.model_json_schema()["properties"]
    assert run.input_schema["properties"] == {k: expected[k] for k in ("skill", "request", "model")}
    assert run.input_schema["required"] == ["skill", "request"]
    assert set(run.output_schema["properties"]) == set(SkillReport.model_fields)
    assert run.annotations.read_only_hint is True
    assert tools["start_skill_run"].input_schema["properties"] == run.input_schema["properties"]
    assert set(tools["get_skill_run"].output_schema["properties"]) == set(RunStatus.model_fields)


async def test_list_skills_and_route_message():
    async with Client(create_server(toy_plugin())) as client:
        listed = await client.call_tool("list_skills", {})
        hit = await client.call_tool("route_message", {"message": "plan a gizmo"})
        miss = await client.call_tool("route_message", {"message": "bake bread"})
        with_context = await client.call_tool(
            "route_message",
            {"message": "and make it a toy", "conversation": [{"role": "user", "content": "we sell trains"}]},
        )
    skill = listed.structured_content["skills"][0]
    assert (
        skill["slug"] == "toy"
        and skill["resource"] == "skill://toy"
        and skill["sections"] == ["Alpha", "Beta", "Gamma"]
    )
    assert hit.structured_content["matched"] and hit.structured_content["suggestion"]["skill"] == "toy"
    assert "run_skill" in hit.structured_content["next_step"]
    assert miss.structured_content == {
        "matched": False,
        "suggestion": None,
        "next_step": miss.structured_content["next_step"],
    }
    assert "we sell trains" in with_context.structured_content["suggestion"]["request"]


async def test_run_skill_reports_progress_after_each_section_and_returns_the_report():
    gate = StepGate()
    plugin = toy_plugin(runner=toy_runner(lambda model: FunctionModel(gate.answer, name="gated")))
    progress: list[tuple[float, float | None, str | None]] = []

    async def on_progress(done, total, message):
        progress.append((done, total, message))

    async with Client(create_server(plugin)) as client:
        async with anyio.create_task_group() as tg:
            results = []

            async def call():
                results.append(
                    await client.call_tool(
                        "run_skill", {"skill": "toy", "request": "gizmo"}, progress_callback=on_progress
                    )
                )

            tg.start_soon(call)
            gate.events["beta"].set()
            await wait_for(lambda: len(progress) == 1)
            assert progress[0] == (1, 3, "section 1/3: Beta")
            gate.events["alpha"].set()
            await wait_for(lambda: len(progress) == 2)
            assert not results  # still running: progress arrives during the call
            gate.events["gamma"].set()
    result = results[0]
    assert not result.is_error
    assert [p[0] for p in progress] == [1, 2, 3] and progress[2][2] == "section 3/3: Gamma"
    markdown = result.content[0].text
    assert markdown.startswith("# Toy: gizmo\n") and "## Gamma" in markdown
    report = SkillReport.model_validate(result.structured_content)
    assert report.markdown == markdown
    assert [s.heading for s in report.sections] == ["Alpha", "Beta", "Gamma"]
    assert report.sections[2].value == {"total": 2 + len("expert one")}
    assert report.sections[0].markdown.startswith("## Alpha") and report.sections[0].markdown in markdown


async def test_cancelling_a_call_stops_the_chain_and_the_server_keeps_serving():
    gate = Gate()
    server = create_server(toy_plugin(runner=toy_runner(lambda model: gate.model())))
    async with Client(server) as client:
        with anyio.move_on_after(5) as scope:
            async with anyio.create_task_group() as tg:
                tg.start_soon(client.call_tool, "run_skill", {"skill": "toy", "request": "toy"})
                await wait_for(lambda: len(gate.started) == 3)
                tg.cancel_scope.cancel()
        assert not scope.cancelled_caught
        await wait_for(lambda: sorted(gate.cancelled) == ["alpha", "beta"])
        assert gate.finished == ["intake"]
        assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("step:")]
        again = await client.call_tool("list_skills", {})
    assert not again.is_error


async def test_a_client_timeout_cancels_the_run():
    gate = Gate()
    server = create_server(toy_plugin(runner=toy_runner(lambda model: gate.model())))
    async with Client(server) as client:
        with pytest.raises(Exception, match="[Tt]imed out"):
            await client.call_tool("run_skill", {"skill": "toy", "request": "toy"}, read_timeout_seconds=0.3)
        await wait_for(lambda: sorted(gate.cancelled) == ["alpha", "beta"])


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        ("run_skill", {"skill": "toy"}, "request"),
        ("run_skill", {"skill": "toy", "request": 5}, "request"),
        ("run_skill", {"skill": "nope", "request": "x"}, "no skill named 'nope' (known: toy)"),
        ("run_skill", {"skill": "toy", "request": "   "}, "the request is empty"),
        (
            "run_skill",
            {"skill": "toy", "request": "x", "model": "openai:gpt-4o"},
            "not enabled on this server",
        ),
        ("start_skill_run", {"skill": "toy", "request": ""}, "the request is empty"),
        ("get_skill_run", {"run_id": "no-such-run"}, "no run 'no-such-run'"),
        ("get_skill_run", {}, "run_id"),
        ("cancel_skill_run", {"run_id": "zzz"}, "no run 'zzz'"),
        ("route_message", {"message": ["not", "text"]}, "message"),
        ("route_message", {"message": "toy", "conversation": [{"role": "robot", "content": "x"}]}, "role"),
    ],
)
async def test_bad_arguments_give_error_results(tool, arguments, message):
    async with Client(create_server(toy_plugin())) as client:
        result = await client.call_tool(tool, arguments)
        assert result.is_error
        assert message in result.content[0].text
        assert not (await client.call_tool("list_skills", {})).is_error


async def test_start_and_poll_to_completion_with_partial_sections():
    gate = StepGate()
    plugin = toy_plugin(runner=toy_runner(lambda model: FunctionModel(gate.answer, name="gated")))
    server = create_server(plugin)
    async with Client(server) as client:
        started = await client.call_tool("start_skill_run", {"skill": "toy", "request": "gizmo"})
        assert not started.is_error
        run_id = started.structured_content["run_id"]
        assert started.structured_content["status"] == "running" and run_id in started.content[0].text
        gate.events["alpha"].set()

        async def poll():
            return (await client.call_tool("get_skill_run", {"run_id": run_id})).structured_content

        await wait_for(lambda: server.run_store.status(run_id).done == 1)
        partial = await poll()
        assert partial["status"] == "running" and partial["total"] == 3
        assert [s["heading"] for s in partial["sections"]] == ["Alpha"] and partial["report"] is None
        gate.events["beta"].set()
        gate.events["gamma"].set()
        await wait_for(lambda: server.run_store.status(run_id).status != "running")
        final = await client.call_tool("get_skill_run", {"run_id": run_id})
    status = RunStatus.model_validate(final.structured_content)
    assert status.status == "done" and status.done == 3 and status.error is None
    assert status.report is not None and final.content[0].text == status.report.markdown
    assert status.report.markdown.startswith("# Toy: gizmo")


async def test_cancel_a_background_run():
    gate = Gate()
    server = create_server(toy_plugin(runner=toy_runner(lambda model: gate.model())))
    async with Client(server) as client:
        started = await client.call_tool("start_skill_run", {"skill": "toy", "request": "toy"})
        run_id = started.structured_content["run_id"]
        await wait_for(lambda: len(gate.started) == 3)
        cancelled = await client.call_tool("cancel_skill_run", {"run_id": run_id})
        polled = await client.call_tool("get_skill_run", {"run_id": run_id})
    assert cancelled.structured_content["status"] == "cancelled"
    assert polled.structured_content["status"] == "cancelled"
    assert sorted(gate.cancelled) == ["alpha", "beta"]


async def test_a_failing_background_run_is_reported_as_failed():
    def broken_runner(request, skill, model):
        async def events():
            raise UsageError("the backend said no")
            yield  # pragma: no cover

        return events()

    server = create_server(toy_plugin(runner=broken_runner))
    async with Client(server) as client:
        run_id = (
            await client.call_tool("start_skill_run", {"skill": "toy", "request": "x"})
        ).structured_content["run_id"]
        await wait_for(lambda: server.run_store.status(run_id).status != "running")
        polled = await client.call_tool("get_skill_run", {"run_id": run_id})
    assert polled.structured_content["status"] == "failed"
    assert "the backend said no" in polled.content[0].text


async def test_one_prompt_per_skill_and_skill_documents_as_resources(tmp_path):
    document = tmp_path / "SKILL.md"
    document.write_text("---\nname: toy\n---\n# Toy\nThe whole document.\n", encoding="utf-8")
    other = TOY.model_copy(update={"slug": "toy-two", "name": "Toy Two", "path": str(document)})
    plugin = Plugin([TOY, other], runner=toy_runner(), router=None)
    async with Client(create_server(plugin)) as client:
        prompts = {p.name: p for p in (await client.list_prompts()).prompts}
        got = await client.get_prompt("toy-two", {"request": "plan a gizmo"})
        resources = {str(r.uri): r for r in (await client.list_resources()).resources}
        read = await client.read_resource("skill://toy-two")
        built = await client.read_resource("skill://toy")
    assert set(prompts) == {"toy", "toy-two"} and [a.name for a in prompts["toy"].arguments] == ["request"]
    text = got.messages[0].content.text
    assert "skill='toy-two'" in text and "plan a gizmo" in text and "run_skill" in text
    assert set(resources) == {"skill://toy", "skill://toy-two"}
    assert resources["skill://toy"].mime_type == "text/markdown"
    assert read.contents[0].text == document.read_text(encoding="utf-8")
    assert built.contents[0].text.startswith("# Toy\n")


def test_only_expert_and_the_started_model_are_allowed():
    assert _choose_model(None, None, ValueError) is None
    assert _choose_model(None, "expert", ValueError) == "expert"
    assert _choose_model("openai:gpt-x", None, ValueError) == "openai:gpt-x"
    assert _choose_model("openai:gpt-x", " openai:gpt-x ", ValueError) == "openai:gpt-x"
    model = toy_model(name="custom")
    assert _choose_model(model, "custom", ValueError) is model
    with pytest.raises(ValueError, match="runs expert and openai:gpt-x"):
        _choose_model("openai:gpt-x", "anthropic:claude", ValueError)


async def test_ml_workflow_runs_offline_with_progress_per_section():
    progress = []

    async def on_progress(done, total, message):
        progress.append((done, total, message))

    request = "Design the training, deployment and drift monitoring for a credit default model at a bank."
    async with Client(create_server(Plugin(router=object()))) as client:  # routing is not needed here
        result = await client.call_tool(
            "run_skill", {"skill": "ml-workflow", "request": request}, progress_callback=on_progress
        )
    assert not result.is_error, result.content[0].text
    report = SkillReport.model_validate(result.structured_content)
    assert len(report.sections) == 7 and report.run.model == "expert"
    assert [p[0] for p in progress] == list(range(1, 8)) and {p[1] for p in progress} == {7}
    assert result.content[0].text.startswith("# ML Workflow")
    for section in report.sections:
        assert f"## {section.heading}" in result.content[0].text


async def test_a_server_started_with_a_model_runs_it_and_still_allows_expert(wire):
    plugin = Plugin(router=object(), model="openai:gpt-4.1-mini", model_options={"base_url": wire.openai_url})
    async with Client(create_server(plugin)) as client:
        request = {"skill": "ml-workflow", "request": "Churn model for 2M subscribers, scored nightly on GCP"}
        llm = await client.call_tool("run_skill", request)
        calls = len(wire.requests)
        offline = await client.call_tool("run_skill", {**request, "model": "expert"})
        other = await client.call_tool("run_skill", {**request, "model": "anthropic:claude-sonnet-5-5"})
    assert not llm.is_error, llm.content[0].text
    report = SkillReport.model_validate(llm.structured_content)
    assert report.run.model.endswith("gpt-4.1-mini") and calls >= 7
    assert not any(s.provenance.fallback for s in report.sections)
    assert not offline.is_error, offline.content[0].text
    assert SkillReport.model_validate(offline.structured_content).run.model == "expert"
    assert len(wire.requests) == calls  # the expert run made no provider call
    assert other.is_error and "not enabled on this server" in other.content[0].text
