"""The model seam's public surface: exports, registry strings, lazy SDK imports."""

from __future__ import annotations

import pytest

import skillrun.models
from skillrun.errors import ModelNotFoundError, UsageError
from skillrun.models import AnthropicModel, ExpertModel, OpenAIModel, get_model


def test_exports_are_pinned():
    assert sorted(skillrun.models.__all__) == sorted(
        [
            "ALLOW_MODEL_REQUESTS",
            "AnthropicModel",
            "DEFAULT_MODEL",
            "ExpertModel",
            "FunctionModel",
            "LangChainModel",
            "Message",
            "Model",
            "ModelRequest",
            "ModelResponse",
            "ModelSettings",
            "OpenAIModel",
            "SectionTask",
            "Usage",
            "cost_of",
            "get_model",
            "redact",
            "register_backend",
            "scripted",
        ]
    )


def test_model_strings():
    assert isinstance(get_model("expert"), ExpertModel)
    openai = get_model("openai:gpt-4.1-mini")
    assert isinstance(openai, OpenAIModel) and openai.strict and openai.name == "openai:gpt-4.1-mini"
    compat = get_model("openai-compat:qwen3:8b", base_url="http://localhost:11434/v1")
    assert (
        not compat.strict and compat.model_id == "qwen3:8b" and compat.base_url == "http://localhost:11434/v1"
    )
    assert isinstance(get_model("anthropic:claude-sonnet-5-5"), AnthropicModel)
    assert get_model("openai:m", strict=False).name == "openai-compat:m"


def test_bad_model_strings_are_usage_errors():
    with pytest.raises(ModelNotFoundError, match="openai-compat:MODEL"):
        get_model("gemini:pro")
    with pytest.raises(ModelNotFoundError):
        get_model("openai:")
    with pytest.raises(UsageError, match="base_url"):
        get_model("expert", base_url="http://localhost:1/v1")


def test_repr_never_shows_the_key():
    model = get_model("openai:gpt-4.1", api_key="sk-secret-value-123456")
    assert "secret" not in repr(model) and "secret" not in str(vars(model).get("name"))


def test_getting_a_backend_imports_no_sdk_until_a_request(imported_modules):
    code = (
        "import skillrun.models as m\n"
        "m.get_model('openai:x'); m.get_model('anthropic:y'); m.get_model('openai-compat:z', base_url='http://h/v1')"
    )
    assert (
        not {"openai", "anthropic", "langchain_core", "httpx2", "tenacity"} & imported_modules(code).packages
    )
