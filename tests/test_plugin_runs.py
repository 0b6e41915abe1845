"""The background run store: bounded, expiring, cancellable, and honest about failures."""

from __future__ import annotations

import asyncio

import pytest
from plugin_support import TOY, Gate, toy_plugin, toy_runner

from skillrun.errors import UsageError
from skillrun.plugin import RunStore


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def settle(store: RunStore, run_id: str) -> None:
    for _ in range(500):
        if store.status(run_id).status != "running":
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the run did not finish")


def test_a_run_goes_from_running_to_done_with_its_sections():
    async def scenario():
        store = RunStore(clock=Clock())
        plugin = toy_plugin()
        first = store.start(TOY, plugin.run_stream("gizmo", "toy"))
        assert first.status == "running" and first.done == 0 and first.total is None
        await settle(store, first.run_id)
        return store.status(first.run_id), store.markdown(first.run_id)

    status, markdown = asyncio.run(scenario())
    assert status.status == "done" and (status.done, status.total) == (3, 3)
    assert status.report is not None and status.report.markdown == markdown
    assert [s.markdown in markdown for s in status.sections] == [True] * 3


def test_finished_runs_expire_after_the_ttl():
    async def scenario():
        clock = Clock()
        store = RunStore(ttl_seconds=60, clock=clock)
        run_id = store.start(TOY, toy_plugin().run_stream("gizmo", "toy")).run_id
        await settle(store, run_id)
        clock.now += 59
        assert store.status(run_id).status == "done"
        clock.now += 2
        with pytest.raises(UsageError, match="unknown, or finished more than 60 s ago"):
            store.status(run_id)
        assert len(store) == 0

    asyncio.run(scenario())


def test_a_full_store_drops_the_oldest_finished_run_and_refuses_when_all_are_running():
    async def scenario():
        clock = Clock()
        store = RunStore(max_runs=2, clock=clock)
        plugin = toy_plugin()
        old = store.start(TOY, plugin.run_stream("one", "toy")).run_id
        await settle(store, old)
        clock.now += 1
        newer = store.start(TOY, plugin.run_stream("two", "toy")).run_id
        await settle(store, newer)
        gate = Gate()
        slow = toy_plugin(runner=toy_runner(lambda model: gate.model()))
        running = store.start(TOY, slow.run_stream("three", "toy")).run_id  # drops `old`
        with pytest.raises(UsageError):
            store.status(old)
        assert store.status(newer).status == "done"
        also_running = store.start(TOY, slow.run_stream("four", "toy")).run_id  # drops `newer`
        with pytest.raises(UsageError, match="2 runs are already in progress"):
            store.start(TOY, slow.run_stream("five", "toy"))
        await store.aclose()
        return [store.status(r).status for r in (running, also_running)]

    assert asyncio.run(scenario()) == ["cancelled", "cancelled"]


def test_cancel_stops_the_chain_and_leaves_finished_runs_alone():
    async def scenario():
        store = RunStore()
        gate = Gate()
        slow = toy_plugin(runner=toy_runner(lambda model: gate.model()))
        run_id = store.start(TOY, slow.run_stream("x", "toy")).run_id
        while len(gate.started) < 3:
            await asyncio.sleep(0.01)
        cancelled = await store.cancel(run_id)
        done_id = store.start(TOY, toy_plugin().run_stream("y", "toy")).run_id
        await settle(store, done_id)
        untouched = await store.cancel(done_id)
        return cancelled, untouched, gate

    cancelled, untouched, gate = asyncio.run(scenario())
    assert cancelled.status == "cancelled" and sorted(gate.cancelled) == ["alpha", "beta"]
    assert untouched.status == "done"


def test_an_unexpected_error_is_recorded_without_its_text():
    def crashing(request, skill, model):
        async def events():
            raise RuntimeError("secret internals")
            yield  # pragma: no cover

        return events()

    async def scenario():
        store = RunStore()
        run_id = store.start(TOY, toy_plugin(runner=crashing).run_stream("x", "toy")).run_id
        await settle(store, run_id)
        return store.status(run_id)

    status = asyncio.run(scenario())
    assert status.status == "failed" and status.error == "internal error (RuntimeError)"


def test_max_runs_must_be_positive():
    with pytest.raises(ValueError):
        RunStore(max_runs=0)
