"""The model-call cache: content keys with the repeat index, no cached errors, corruption and contention."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from toy import Alpha, ToyBrief

from skillrun.errors import ModelUnavailableError
from skillrun.evals._cache import CACHE_FILE, CachedModel, ModelCache, cache_dir, cache_key, should_cache
from skillrun.models import ExpertModel, FunctionModel, Message, ModelRequest, ModelSettings, SectionTask


def ask(
    step: str = "alpha", request: str = "req", messages: list[Message] | None = None, **settings
) -> ModelRequest:  # noqa: ANN003
    task = SectionTask(skill="toy", step=step, output_type=Alpha, request=request, brief=ToyBrief(name="n"))
    return ModelRequest(
        task=task, messages=messages or [Message("user", f"write {step}")], settings=ModelSettings(**settings)
    )


def counting_model(answer: object = None, fail: bool = False) -> FunctionModel:
    def respond(request: ModelRequest):
        if fail:
            raise ModelUnavailableError("down")
        return answer if answer is not None else Alpha(one="1", two=str(len(model.history)))

    model = FunctionModel(respond, name="openai:test")
    return model


@pytest.fixture
def cache(tmp_path) -> ModelCache:
    return ModelCache(tmp_path / CACHE_FILE)


def test_cache_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SKILLRUN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "skillrun"
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("SKILLRUN_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "skillrun"


def test_cache_dir_off_switches_the_model_cache_off(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", "off")
    assert cache_dir() is None
    cache = ModelCache()
    assert not cache.enabled and cache.path is None
    assert not (tmp_path / "off").exists()


def test_the_key_covers_what_changes_an_answer():
    model = counting_model()
    base = cache_key(model, ask(), 0)
    assert cache_key(model, ask(), 0) == base
    assert cache_key(model, ask(), 1) != base  # repeats must not collapse onto one answer
    assert cache_key(model, ask(messages=[Message("user", "other")]), 0) != base
    assert cache_key(model, ask(temperature=0.7), 0) != base
    assert cache_key(model, ask(step="beta"), 0) != base
    assert cache_key(model, ask(request="other"), 0) != base
    assert cache_key(FunctionModel(lambda r: "x", name="anthropic:test"), ask(), 0) != base
    assert cache_key(model, ask(timeout=5.0), 0) == base  # how long we wait changes nothing


def test_hits_replay_the_answer_without_calling_or_billing(cache):
    model = counting_model()
    first = asyncio.run(CachedModel(model, cache).request(ask()))
    again = asyncio.run(CachedModel(model, cache).request(ask()))
    assert len(model.history) == 1
    assert again.value == first.value and isinstance(again.value, Alpha)
    assert again.usage.requests == 0 and again.usage.output_tokens == first.usage.output_tokens
    assert again.raw == {"cache": "hit"}
    other_repeat = asyncio.run(CachedModel(model, cache, repeat=1).request(ask()))
    assert len(model.history) == 2 and other_repeat.value.two == "2"
    assert (cache.hits, cache.misses, cache.writes) == (1, 2, 2)


def test_text_answers_are_cached_too(cache):
    model = counting_model(answer='{"one": "a", "two": "b"}')
    asyncio.run(CachedModel(model, cache).request(ask()))
    again = asyncio.run(CachedModel(model, cache).request(ask()))
    assert again.text == '{"one": "a", "two": "b"}' and again.value is None and len(model.history) == 1


def test_errors_are_never_cached(cache):
    failing = counting_model(fail=True)
    with pytest.raises(ModelUnavailableError):
        asyncio.run(CachedModel(failing, cache).request(ask()))
    assert cache.writes == 0
    working = counting_model()
    working.name = failing.name
    asyncio.run(CachedModel(working, cache).request(ask()))
    assert len(working.history) == 1


def test_refusals_and_truncated_answers_are_not_stored(cache):
    from skillrun.models import ModelResponse

    for response in (
        ModelResponse(model="m", text="no", refusal="I can't"),
        ModelResponse(model="m", text="{", finish_reason="length"),
    ):
        asyncio.run(CachedModel(counting_model(answer=response), cache).request(ask()))
    assert cache.writes == 0


def test_the_expert_engine_is_not_cached():
    assert not should_cache(ExpertModel())
    assert should_cache(counting_model())


def test_an_unreadable_row_is_a_miss_and_gets_replaced(cache):
    model = counting_model()
    asyncio.run(CachedModel(model, cache).request(ask()))
    cache.close()
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE calls SET body = 'not json {'")
    fresh = ModelCache(cache.path)
    asyncio.run(CachedModel(model, fresh).request(ask()))
    assert len(model.history) == 2 and fresh.misses == 1
    asyncio.run(CachedModel(model, fresh).request(ask()))
    assert len(model.history) == 2 and fresh.hits == 1


def test_a_row_that_no_longer_fits_the_schema_is_a_miss(cache):
    model = counting_model()
    asyncio.run(CachedModel(model, cache).request(ask()))
    with sqlite3.connect(cache.path) as conn:
        conn.execute(
            """UPDATE calls SET body = '{"model": "m", "value": {"unexpected": 1}, "usage": [1, 1, 1]}'"""
        )
    asyncio.run(CachedModel(model, cache).request(ask()))
    assert len(model.history) == 2


def test_a_corrupt_cache_file_is_moved_aside(tmp_path):
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"this is not a database" * 100)
    cache = ModelCache(path)
    model = counting_model()
    asyncio.run(CachedModel(model, cache).request(ask()))
    asyncio.run(CachedModel(model, cache).request(ask()))
    assert len(model.history) == 1 and cache.hits == 1
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert any("moved aside" in note for note in cache.notes)


def test_an_unusable_location_turns_the_cache_off_without_failing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ModelCache(blocker / "sub" / CACHE_FILE)  # a file where a directory should be
    model = counting_model()
    response = asyncio.run(CachedModel(model, cache).request(ask()))
    assert response.value is not None and not cache.enabled and cache.notes


def test_a_locked_database_does_not_stop_the_run(tmp_path):
    path = tmp_path / CACHE_FILE
    ModelCache(path)._connect()  # create the file and its table
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = ModelCache(path, busy_timeout=0.05)
        model = counting_model()
        response = asyncio.run(CachedModel(model, cache).request(ask()))
        assert response.value is not None and len(model.history) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_concurrent_processes_share_one_cache(tmp_path):
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_evals_cache import ask, counting_model
        from skillrun.evals._cache import CachedModel, ModelCache
        from pathlib import Path
        cache = ModelCache(Path({str(tmp_path / CACHE_FILE)!r}))
        model = counting_model()
        async def main():
            for i in range(150):
                await CachedModel(model, cache, repeat=i % 50).request(ask(request=f"r{{i % 30}}"))
        asyncio.run(main())
        print(len(model.history), cache.hits, len(cache.notes))
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outputs = [p.communicate(timeout=60)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert all(out[2] == "0" for out in outputs), outputs  # no process had to switch its cache off
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        (rows,) = conn.execute("SELECT COUNT(*) FROM calls").fetchone()
    assert rows == 150
