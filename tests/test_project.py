"""Project rules that are cheap to check: public API, lazy imports, content folders."""

from __future__ import annotations

import skillrun

HEAVY = ("openai", "anthropic", "langchain_core", "mcp", "jinja2")


def test_public_api_is_pinned():
    assert skillrun.__all__ == [
        "__version__",
        "arun",
        "build_chain",
        "find_skill",
        "run",
        "run_stream",
        "to_markdown",
    ]
    for name in skillrun.__all__:
        assert getattr(skillrun, name) is not None


def test_cli_help_imports_no_sdk(imported_modules):
    loaded = imported_modules(
        "import sys\nfrom skillrun.cli import app\nsys.argv=['skillrun','--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    ).packages
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_import_skillrun_imports_no_sdk(imported_modules):
    assert not imported_modules("import skillrun").packages & set(HEAVY)


def test_content_folders_hold_no_python(repo):
    for folder in ("skill", "prompts", "agents", "evals"):
        assert not list((repo / folder).rglob("*.py")), folder
