"""Project rules that are cheap to check: public API, lazy imports, content folders."""

from __future__ import annotations

import subprocess
import sys

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


def _imported_after(code: str) -> set[str]:
    # The module list goes on its own marked line: help text on stdout names commands such as `mcp`.
    probe = f"{code}\nimport sys\nprint('MODULES: ' + ' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("MODULES: "))
    return {name.split(".")[0] for name in line.removeprefix("MODULES: ").split()}


def test_cli_help_imports_no_sdk():
    loaded = _imported_after(
        "import sys\nfrom skillrun.cli import app\nsys.argv=['skillrun','--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_import_skillrun_imports_no_sdk():
    assert not _imported_after("import skillrun") & set(HEAVY)


def test_content_folders_hold_no_python(repo):
    for folder in ("skill", "prompts", "agents", "evals"):
        assert not list((repo / folder).rglob("*.py")), folder
