"""`skillrun hook claude-code` as Claude Code runs it, `skillrun tools`, and `skillrun mcp` argument checks."""

from __future__ import annotations

import json

import pytest
from plugin_support import MATCHING_PROMPT, OTHER_PROMPT, SKILL_SLUG
from typer.testing import CliRunner

from skillrun.cli import app
from skillrun.plugin._server import is_loopback, parse_bind

HEAVY = ("openai", "anthropic", "langchain_core", "mcp", "jinja2", "httpx2", "uvicorn", "starlette")


def hook_input(prompt: object, event: str = "UserPromptSubmit") -> str:
    return json.dumps(
        {
            "session_id": "abc123",
            "transcript_path": "/tmp/transcript.jsonl",
            "cwd": "/tmp",
            "permission_mode": "default",
            "hook_event_name": event,
            "prompt": prompt,
        }
    )


def test_hook_suggests_the_skill_for_a_matching_prompt(run_skillrun):
    done = run_skillrun("hook", "claude-code", input=hook_input(MATCHING_PROMPT), timeout=60)
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    assert set(output) == {"hookSpecificOutput"}
    specific = output["hookSpecificOutput"]
    assert specific["hookEventName"] == "UserPromptSubmit"
    context = specific["additionalContext"]
    assert f'skill="{SKILL_SLUG}"' in context and "run_skill" in context
    assert "keyword match" in context and len(context) < 2000
    assert done.stderr == ""


@pytest.mark.parametrize(
    "stdin",
    [
        hook_input(OTHER_PROMPT),
        hook_input(""),
        hook_input(None),
        hook_input(f"/review {MATCHING_PROMPT}"),
        "",
    ],
)
def test_hook_is_silent_when_nothing_matches(stdin):
    done = CliRunner().invoke(app, ["hook", "claude-code"], input=stdin)
    assert (done.exit_code, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(
    "stdin",
    ["{not json", "[1, 2]", hook_input(MATCHING_PROMPT, event="PreToolUse"), b"\xff\xfe{"],
)
def test_hook_errors_never_block_the_prompt(stdin):
    raw = stdin if isinstance(stdin, bytes) else stdin.encode()
    done = CliRunner().invoke(app, ["hook", "claude-code"], input=raw)
    assert done.exit_code == 0 and done.stdout_bytes == b""
    note = done.stderr
    assert note.startswith("skillrun hook: no suggestion (") and len(note.splitlines()) == 1


def test_hook_failing_to_load_skills_stays_out_of_the_way(tmp_path, run_skillrun):
    missing = str(tmp_path / "missing")
    done = run_skillrun(
        "hook", "claude-code", "--skills-dir", missing, input=hook_input(MATCHING_PROMPT), timeout=60
    )
    assert done.returncode == 0 and done.stdout == ""


def test_hook_imports_no_sdk(imported_modules):
    probe = (
        "import io, sys\n"
        "sys.stdin = io.StringIO(sys.argv[1])\n"
        "from skillrun.cli import app\n"
        "try:\n    app(['hook', 'claude-code'])\nexcept SystemExit:\n    pass\n"
    )
    done = imported_modules(probe, hook_input(MATCHING_PROMPT))
    assert "hookSpecificOutput" in done.stdout  # the whole path ran, not an early error
    loaded = done.packages
    assert "skillrun" in loaded and not loaded & set(HEAVY), loaded & set(HEAVY)
    # Routing a prompt needs neither the chain nor the model backends nor the MCP server.
    assert not {"skillrun.chain", "skillrun.models", "skillrun.plugin._server"} & done.modules


@pytest.mark.parametrize("fmt", ["openai", "anthropic", "mcp"])
def test_tools_prints_one_definition_per_skill(fmt):
    result = CliRunner().invoke(app, ["tools", "--format", fmt])
    assert result.exit_code == 0, result.output
    tools = json.loads(result.stdout)
    names = [tool["function"]["name"] if fmt == "openai" else tool["name"] for tool in tools]
    assert "ml_workflow" in names and len(names) == len(set(names))


def test_tools_reads_a_skills_dir(tmp_path):
    missing = CliRunner().invoke(app, ["tools", "--skills-dir", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    empty = CliRunner().invoke(app, ["tools", "--skills-dir", str(tmp_path)])
    assert empty.exit_code == 2 and "no skills found" in empty.stderr


def test_tools_rejects_an_unknown_format():
    result = CliRunner().invoke(app, ["tools", "--format", "gemini"])
    assert result.exit_code == 2 and "--format must be one of openai, anthropic, mcp" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--http", "0.0.0.0:8765"], "refusing to listen on 0.0.0.0"),
        (["--http", "example.com:8765"], "refusing to listen on example.com"),
        (["--http", "8765"], "--http wants HOST:PORT"),
        (["--http", "127.0.0.1:99999"], "out of range"),
        (["--base-url", "http://x"], "--base-url needs --model"),
        (["--model", "nosuch:model"], "unknown model"),
    ],
)
def test_mcp_refuses_bad_arguments_before_serving(args, message):
    result = CliRunner().invoke(app, ["mcp", *args])
    assert result.exit_code == 2 and message in result.stderr


def test_bind_parsing_and_loopback():
    assert parse_bind("127.0.0.1:8765") == ("127.0.0.1", 8765)
    assert parse_bind("[::1]:9000") == ("::1", 9000)
    assert parse_bind("localhost:1") == ("localhost", 1)
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"))
    assert not any(
        is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.5", "example.com", "localhost.evil.com")
    )
