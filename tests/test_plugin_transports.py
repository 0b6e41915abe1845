"""`skillrun mcp` as a subprocess: the mcp client over stdio and over streamable HTTP on loopback.

They run the ML Workflow skill on the expert backend and route with the real router.
"""

from __future__ import annotations

import socket
import subprocess
import time

import anyio
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from plugin_support import MATCHING_PROMPT, OTHER_PROMPT, SECTIONS, SKILL_SLUG, skillrun_command

from skillrun.plugin import RunStatus, SkillReport

pytestmark = pytest.mark.anyio
REQUEST = "Design the training, serving and drift monitoring for a churn model with 2M users on AWS."
EXPECTED_TOOLS = {
    "list_skills",
    "route_message",
    "run_skill",
    "start_skill_run",
    "get_skill_run",
    "cancel_skill_run",
}


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def run_with_progress(
    client: Client,
) -> tuple[SkillReport, str, list[tuple[float, float | None, str | None]]]:
    progress = []

    async def on_progress(done, total, message):
        progress.append((done, total, message))

    result = await client.call_tool(
        "run_skill",
        {"skill": SKILL_SLUG, "request": REQUEST},
        progress_callback=on_progress,
        read_timeout_seconds=120,
    )
    assert not result.is_error, result.content[0].text
    return SkillReport.model_validate(result.structured_content), result.content[0].text, progress


async def poll_to_completion(client: Client) -> RunStatus:
    started = await client.call_tool("start_skill_run", {"skill": SKILL_SLUG, "request": REQUEST})
    run_id = started.structured_content["run_id"]
    with anyio.fail_after(120):
        while True:
            polled = await client.call_tool("get_skill_run", {"run_id": run_id})
            status = RunStatus.model_validate(polled.structured_content)
            if status.status != "running":
                return status
            await anyio.sleep(0.1)


def check_report(report: SkillReport, markdown: str, progress: list) -> None:
    assert len(report.sections) == SECTIONS and report.markdown == markdown
    assert [p[0] for p in progress] == list(range(1, SECTIONS + 1))
    assert {p[1] for p in progress} == {SECTIONS}
    assert all(p[2].startswith(f"section {int(p[0])}/{SECTIONS}: ") for p in progress)
    assert report.run.model == "expert" and markdown.startswith("# ML Workflow")


async def test_stdio_server_end_to_end():
    command = skillrun_command("mcp")
    async with Client(StdioServerParameters(command=command[0], args=command[1:])) as client:
        tools = {t.name for t in (await client.list_tools()).tools}
        assert tools == EXPECTED_TOOLS

        routed = await client.call_tool("route_message", {"message": MATCHING_PROMPT})
        assert routed.structured_content["suggestion"]["skill"] == SKILL_SLUG
        unrouted = await client.call_tool("route_message", {"message": OTHER_PROMPT})
        assert unrouted.structured_content["matched"] is False

        check_report(*await run_with_progress(client))

        bad = await client.call_tool("run_skill", {"skill": "no-such-skill", "request": "x"})
        assert bad.is_error and "no skill named 'no-such-skill'" in bad.content[0].text
        missing = await client.call_tool("run_skill", {"request": "x"})
        assert missing.is_error and "skill" in missing.content[0].text

        status = await poll_to_completion(client)
        assert status.status == "done" and status.report is not None
        assert len(status.sections) == SECTIONS

        # A cancelled call (the client gives up at once) leaves the server serving.
        with anyio.move_on_after(0.05):
            await client.call_tool("run_skill", {"skill": SKILL_SLUG, "request": REQUEST})
        check_report(*await run_with_progress(client))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start listening")


async def test_streamable_http_on_loopback():
    port = free_port()
    process = subprocess.Popen(
        skillrun_command("mcp", "--http", f"127.0.0.1:{port}"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        async with Client(f"http://127.0.0.1:{port}/mcp") as client:
            assert {t.name for t in (await client.list_tools()).tools} == EXPECTED_TOOLS
            check_report(*await run_with_progress(client))
            status = await poll_to_completion(client)
            assert status.status == "done"
        # DNS rebinding: a page on another origin, or a request naming another host, is refused.
        url = f"http://127.0.0.1:{port}/mcp"
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        async with httpx2.AsyncClient() as http:
            foreign_host = await http.post(url, json=body, headers={**headers, "Host": "attacker.example:80"})
            foreign_origin = await http.post(
                url, json=body, headers={**headers, "Origin": "http://attacker.example"}
            )
        assert (foreign_host.status_code, foreign_origin.status_code) == (421, 403)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
