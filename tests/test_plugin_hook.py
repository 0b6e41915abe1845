"""The conversation hook: suggestions from odd and ordinary conversations, and streamed runs."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import pytest
from plugin_support import (
    TOY,
    Gate,
    TriggerRouter,
    toy_plugin,
    toy_runner,
)

from skillrun.errors import EmptyRequestError, UnknownSkillError, UsageError
from skillrun.plugin import Plugin, ReportReady, SectionReady, Suggestion
from skillrun.plugin._conversation import MAX_TURN_CHARS, distill_request, normalize


class RecordingRouter(TriggerRouter):
    def __init__(self) -> None:
        super().__init__([TOY])
        self.seen: list[object] = []

    def route(self, message: object):
        self.seen.append(message)
        return super().route(message)


def test_a_matching_message_gives_a_suggestion_with_the_request():
    suggestion = toy_plugin().on_message("Please plan a gizmo launch for the toy fair")
    assert isinstance(suggestion, Suggestion)
    assert suggestion.skill == "toy" and suggestion.skill_name == "Toy"
    assert set(suggestion.matched) == {"gizmo", "toy"}
    assert suggestion.reason.startswith("the message mentions ") and "gizmo" in suggestion.reason
    assert suggestion.detail == "triggers toy, gizmo in the message"
    assert suggestion.request == "Please plan a gizmo launch for the toy fair"
    assert suggestion.arguments == {"skill": "toy", "request": suggestion.request}
    assert suggestion.model_dump(mode="json")["arguments"]["skill"] == "toy"


def test_no_match_gives_none():
    assert toy_plugin().on_message("What's a good recipe for banana bread?") is None


def test_the_request_puts_the_last_user_turn_first_and_earlier_turns_as_context():
    conversation = [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": "We sell wooden trains."},
        {"role": "assistant", "content": "Nice! How can I help?"},
        {
            "role": "user",
            "content": [{"type": "text", "text": "Plan a toy launch"}, {"type": "text", "text": "for May"}],
        },
    ]
    suggestion = toy_plugin().on_message(conversation)
    assert suggestion is not None
    first, _, context = suggestion.request.partition("\n\nEarlier in the conversation:\n")
    assert first == "Plan a toy launch\nfor May"
    assert context == "- We sell wooden trains."
    assert "Nice!" not in suggestion.request and "helpful" not in suggestion.request


def test_message_shapes_from_different_hosts():
    plugin = toy_plugin()
    anthropic_style = [
        {"role": "user", "content": [{"type": "image", "source": {"type": "base64", "data": "..."}}]},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "x", "input": {}}]},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "t1", "content": "toy toy toy"},
                {"type": "text", "text": "Now plan the gizmo"},
            ],
        },
    ]
    assert plugin.on_message(anthropic_style).request == "Now plan the gizmo"
    openai_body = {"model": "x", "messages": [{"role": "user", "content": "a toy plan please"}]}
    assert plugin.on_message(openai_body).skill == "toy"
    sdk_object = SimpleNamespace(role="user", content=[SimpleNamespace(type="text", text="gizmo time")])
    assert plugin.on_message([sdk_object]).request == "gizmo time"
    assert plugin.on_message(["an earlier toy idea", "and a gizmo"]).request.startswith("and a gizmo")


@pytest.mark.parametrize(
    "odd",
    [
        None,
        42,
        "",
        "   ",
        [],
        [None],
        [42, 3.5, b"toy"],
        {},
        {"messages": None},
        {"messages": "toy"},
        [{"role": 5, "content": "toy"}],
        [{"role": "user", "content": None}],
        [{"role": "user", "content": 123}],
        [
            {
                "role": "user",
                "content": [1, None, {"type": ["list"], "text": "toy"}, {"type": "text", "text": 7}],
            }
        ],
        [{"role": "user", "content": [[["toy"]]]}],
        [{"role": "assistant", "content": "toy"}],
        [{"role": "wizard", "content": "toy"}],
        {"role": "user", "content": {"nested": "toy"}},
        [{"content": "x" * 10}] * 10_000,
        b"toy",
        object(),
    ],
)
def test_odd_input_never_raises(odd):
    result = toy_plugin().on_message(odd)
    assert result is None or isinstance(result, Suggestion)


def test_huge_text_is_cut_before_routing():
    router = RecordingRouter()
    plugin = toy_plugin(router=router)
    huge = "toy " + "blah " * 2_000_000  # 10 MB
    started = time.perf_counter()
    suggestion = plugin.on_message([{"role": "user", "content": huge}, {"role": "user", "content": huge}])
    assert time.perf_counter() - started < 2.0
    assert suggestion is not None and len(suggestion.request) < 2 * MAX_TURN_CHARS
    routed = router.seen[-1]
    assert all(len(turn["content"]) <= MAX_TURN_CHARS + 2 for turn in routed)


def test_a_router_failure_gives_no_suggestion():
    class Broken:
        def route(self, message):
            raise RuntimeError("boom")

    assert toy_plugin(router=Broken()).on_message("toy") is None


def test_matches_naming_unknown_skills_are_skipped():
    class Stray:
        def route(self, message):
            return [
                SimpleNamespace(skill="other", score=0.9, matched=("x",), why="x"),
                TriggerRouter([TOY]).route(message)[0],
            ]

    assert toy_plugin(router=Stray()).on_message("toy").skill == "toy"


def test_single_message_goes_to_the_router_as_text_and_conversations_as_turns():
    router = RecordingRouter()
    plugin = toy_plugin(router=router)
    plugin.on_message([{"role": "user", "content": "toy"}])
    plugin.on_message([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yes?"}, "toy"])
    assert router.seen[0] == "toy"
    assert router.seen[1] == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "yes?"},
        {"role": "user", "content": "toy"},
    ]


def test_distill_without_user_turns_is_empty():
    assert distill_request(normalize([{"role": "assistant", "content": "hello"}])) == ""


async def _collect(stream):
    return [event async for event in stream]


def test_run_stream_yields_each_section_then_the_report():
    events = asyncio.run(_collect(toy_plugin().run_stream("gizmo plan", "toy")))
    sections = [e for e in events if isinstance(e, SectionReady)]
    assert [e.done for e in sections] == [1, 2, 3] and {e.total for e in sections} == {3}
    assert sections[0].markdown.startswith("## Alpha\n") or sections[0].markdown.startswith("## Beta\n")
    assert isinstance(events[-1], ReportReady) and len(events) == 4
    assert events[-1].markdown.startswith("# Toy: gizmo plan\n")
    for section in sections:
        assert section.markdown in events[-1].markdown


def test_run_stream_takes_a_suggestion():
    plugin = toy_plugin()
    suggestion = plugin.on_message("a toy plan")
    report = asyncio.run(plugin.arun(suggestion))
    assert report.report.request == "a toy plan" and report.report.skill == "toy"


def test_run_stream_rejects_bad_input_before_running():
    plugin = toy_plugin()
    with pytest.raises(EmptyRequestError):
        asyncio.run(_collect(plugin.run_stream("  ", "toy")))
    with pytest.raises(UnknownSkillError, match="known: toy"):
        asyncio.run(_collect(plugin.run_stream("x", "nope")))
    with pytest.raises(UsageError, match="limit"):
        plugin.prepare("x" * 30_000, "toy")


def test_cancelling_the_consumer_cancels_the_chain():
    gate = Gate()
    plugin = toy_plugin(runner=toy_runner(lambda model: gate.model()))

    async def scenario():
        task = asyncio.create_task(_collect(plugin.run_stream("toy", "toy")))
        while len(gate.started) < 3:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        leftovers = [t for t in asyncio.all_tasks() if t.get_name().startswith("step:")]
        return leftovers

    assert asyncio.run(scenario()) == []
    assert sorted(gate.cancelled) == ["alpha", "beta"]
    assert gate.finished == ["intake"]


def test_default_plugin_routes_the_seed_cases(shared):
    import json

    plugin = Plugin()
    cases = [
        json.loads(line)
        for line in (shared / "evals" / "routing.cases.jsonl").read_text().splitlines()
        if line
    ]
    hit = next(c for c in cases if c["id"] == "rt-003")
    suggestion = plugin.on_message(hit["message"])
    assert suggestion is not None and suggestion.skill == "ml-workflow"
    assert plugin.on_message("What's a good recipe for banana bread?") is None


def test_public_api_is_pinned_and_imports_no_sdk(imported_modules):
    import skillrun.plugin

    assert skillrun.plugin.__all__ == [
        "Plugin",
        "PluginEvent",
        "ReportReady",
        "RunSkillArgs",
        "RunStatus",
        "RunStore",
        "SectionReady",
        "SkillReport",
        "SkillRequest",
        "Suggestion",
        "create_server",
        "default_plugin",
        "on_message",
        "run_stream",
        "serve",
        "tool_definitions",
        "tool_name",
    ]
    loaded = imported_modules("import skillrun.plugin").packages
    assert not loaded & {"mcp", "openai", "anthropic", "langchain_core", "jinja2"}


def test_each_run_resolves_its_own_backend_from_the_model_string(monkeypatch):
    import skillrun._run
    import skillrun.models
    from skillrun.plugin._hook import _chain_runner

    made: list[tuple[str, dict]] = []
    seen: list[object] = []

    def fake_get_model(spec, **options):
        made.append((spec, options))
        return object()

    monkeypatch.setattr(skillrun.models, "get_model", fake_get_model)
    monkeypatch.setattr(
        skillrun._run, "run_stream", lambda request, skill, model, **options: seen.append(model)
    )
    run = _chain_runner(4, True, {"base_url": "http://127.0.0.1:9"})
    run("x", TOY, "openai:m")
    run("x", TOY, "openai:m")
    assert made == [("openai:m", {"base_url": "http://127.0.0.1:9"})] * 2
    assert seen[0] is not seen[1]  # concurrent runs never share a backend (and its HTTP client)
    _chain_runner(4, True, {})("x", TOY, "openai:m")
    assert seen[2] == "openai:m" and len(made) == 2  # without options the chain resolves the string itself
    run("x", TOY, "expert")
    assert seen[3] == "expert" and len(made) == 2  # the expert engine takes no base_url


def test_the_reason_names_trigger_words_first():
    class Evidence:
        def route(self, message):
            matched = ("We", "for our", "gizmo", "MLOps", "toy", "pipeline")
            return [SimpleNamespace(skill="toy", score=2.0, matched=matched, why="2.00 >= 1.00: ...")]

    suggestion = toy_plugin(router=Evidence()).on_message("anything")
    assert suggestion.reason == "the message mentions gizmo, toy, for our, MLOps, …"
    assert suggestion.detail == "2.00 >= 1.00: ..." and suggestion.matched[0] == "We"
