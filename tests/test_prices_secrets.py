"""Price table lookups and credential redaction."""

from __future__ import annotations

import pytest

from skillrun.models import Usage, cost_of, redact
from skillrun.models._registry import price_table
from skillrun.models._transport import one_line, register_secret


def test_known_model_costs_input_and_output():
    assert cost_of("openai:gpt-4.1", Usage(1_000_000, 500_000, 3)) == 2.0 + 4.0
    assert cost_of("anthropic:claude-haiku-4-5", Usage(2_000, 1_000, 1)) == pytest.approx(0.007)


def test_dated_snapshots_use_the_undated_price():
    assert cost_of("anthropic:claude-haiku-4-5-20251001", Usage(1_000_000, 0, 1)) == 1.0
    assert cost_of("openai:gpt-4.1-2025-04-14", Usage(1_000_000, 0, 1)) == 2.0


def test_unknown_models_have_unknown_cost_not_zero():
    assert cost_of("openai:gpt-9-imaginary", Usage(10, 10, 1)) is None
    assert cost_of("openai-compat:llama3.2", Usage(10, 10, 1)) is None
    assert cost_of("expert", Usage()) == 0.0
    assert cost_of("openai-compat:llama3.2", Usage()) == 0.0  # nothing was called, nothing was billed


def test_prices_can_be_extended_from_a_file(tmp_path, monkeypatch):
    extra = tmp_path / "prices.yaml"
    extra.write_text(
        "openai-compat:\n  llama3.2: {input: 0.0, output: 0.0}\nopenai:\n  gpt-4.1: {input: 1, output: 1}\n"
    )
    monkeypatch.setenv("SKILLRUN_PRICES", str(extra))
    price_table.cache_clear()
    try:
        assert cost_of("openai-compat:llama3.2", Usage(10, 10, 1)) == 0.0
        assert cost_of("openai:gpt-4.1", Usage(1_000_000, 0, 1)) == 1.0
    finally:
        price_table.cache_clear()


def test_the_table_ships_with_the_package():
    from importlib.resources import files

    assert files("skillrun.models").joinpath("prices.yaml").is_file()


def test_redact_masks_environment_keys_registered_keys_and_key_shapes(monkeypatch):
    monkeypatch.setenv("SOME_PROVIDER_API_KEY", "plainsecretvalue123")
    register_secret("registered-secret-456")
    text = (
        "plainsecretvalue123 / registered-secret-456 / sk-proj-abcdefghijkl / Authorization: Bearer abc.def-123456"
        " / x-api-key: zzzzzzzzzz"
    )
    out = redact(text)
    for secret in (
        "plainsecretvalue123",
        "registered-secret-456",
        "abcdefghijkl",
        "abc.def-123456",
        "zzzzzzzzzz",
    ):
        assert secret not in out
    assert "sk-proj-***" in out


def test_one_line_is_short_and_redacted(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-canary-0000000000")
    line = one_line(RuntimeError("bad key sk-canary-0000000000\nsecond line"))
    assert line == "RuntimeError: bad key ***"


def test_replayed_answers_cost_nothing():
    # A cache hit carries the answer's tokens but no request: nothing was billed for it.
    assert cost_of("openai:gpt-4.1", Usage(1_000_000, 1_000_000, 0)) == 0.0
    assert cost_of("openai-compat:llama3.2", Usage(10, 10, 0)) == 0.0
