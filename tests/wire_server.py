"""A loopback HTTP server that speaks the OpenAI chat-completions and Anthropic messages wire formats.

The real SDK clients (httpx2 underneath, which respx and pytest-httpx cannot intercept) talk to it end
to end. Each request gets a reply: the next scripted one, else a random one in chaos mode, else a valid
answer. Valid answers come from ``server.answer(schema_name, schema, body)``: by default an instance
generated from the JSON schema the request carries, so the fake never drifts from our section models.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Valid:
    content: dict[str, Any] | None = None
    """The JSON answer; ``None`` asks ``server.answer`` for one."""


@dataclass
class Text:
    """Arbitrary answer text: schema-invalid JSON, prose, ..."""

    text: str


@dataclass
class Truncated:
    """A valid answer cut in half, with the length stop reason."""


@dataclass
class Refusal:
    text: str = "I can't help with that."


@dataclass
class Status:
    code: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "simulated failure"


@dataclass
class Slow:
    seconds: float
    then: Reply = field(default_factory=Valid)


@dataclass
class Drop:
    """Close the connection without answering (a connection error for the client)."""


Reply = Valid | Text | Truncated | Refusal | Status | Slow | Drop


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    reply: str = ""


def instance_from_schema(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """A value that satisfies ``schema`` (objects get every property, so strict mode is satisfied)."""
    root = root or schema
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return instance_from_schema(target, root)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return instance_from_schema(options[0], root)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: instance_from_schema(sub, root) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        # Anthropic's transform moves minItems > 1 into the description; a compliant model reads it there.
        hinted = re.search(r"minItems: (\d+)", schema.get("description", ""))
        count = max(1, int(schema.get("minItems", 1)), int(hinted.group(1)) if hinted else 1)
        return [instance_from_schema(schema.get("items", {"type": "string"}), root) for _ in range(count)]
    return {"integer": 1, "number": 0.5, "boolean": True, "null": None}.get(kind, "example")


def _schema_of(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        spec = fmt["json_schema"]
        return spec.get("name", "Output"), spec.get("schema", {})
    out = (body.get("output_config") or {}).get("format") or {}
    if out.get("schema"):
        return out["schema"].get("title", "Output"), out["schema"]
    for tool in body.get("tools") or []:
        if "input_schema" in tool:
            return tool["name"], tool["input_schema"]
    return "Output", {"type": "object"}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out or drop the connection are part of the script


class WireServer:
    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self.delay = 0.0
        self.answer: Callable[[str, dict[str, Any], dict[str, Any]], Any] = lambda name, schema, body: (
            instance_from_schema(schema)
        )
        self._chaos: tuple[random.Random, float, float] | None = None
        self._lock = threading.Lock()
        self._http = _QuietServer(("127.0.0.1", 0), _Handler)
        self._http.wire = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    # -- control -------------------------------------------------------------------------------
    def start(self) -> WireServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    def reset(self) -> None:
        with self._lock:
            self.script.clear()
            self.requests.clear()
            self.delay = 0.0
            self._chaos = None
            self.answer = lambda name, schema, body: instance_from_schema(schema)

    def queue(self, *replies: Reply) -> None:
        self.script.extend(replies)

    def chaos(self, seed: int, transient: float = 0.3, invalid: float = 0.2) -> None:
        """Unscripted requests fail transiently with probability ``transient`` and answer invalid JSON
        with probability ``invalid``."""
        self._chaos = (random.Random(seed), transient, invalid)

    @property
    def port(self) -> int:
        return self._http.server_address[1]

    @property
    def openai_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def anthropic_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def bodies(self, path_end: str = "") -> list[dict[str, Any]]:
        return [r.body for r in self.requests if r.path.endswith(path_end)]

    # -- replies -------------------------------------------------------------------------------
    def next_reply(self) -> Reply:
        with self._lock:
            if self.script:
                return self.script.popleft()
            if self._chaos is not None:
                rng, transient, invalid = self._chaos
                roll = rng.random()
                if roll < transient:
                    kind = rng.choice([429, 500, 503, 529, 408])
                    return Status(kind, {"retry-after-ms": "1"} if kind == 429 else {})
                if roll < transient + invalid:
                    return rng.choice([Text('{"nope": 1}'), Text("not json at all"), Truncated()])
            return Valid()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits for the client's delayed
    # ACK (about 40 ms per call), which no real provider adds.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        wire: WireServer = self.server.wire  # type: ignore[attr-defined]
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        record = Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        with wire._lock:
            wire.requests.append(record)
        if wire.delay:
            time.sleep(wire.delay)
        reply = wire.next_reply()
        while isinstance(reply, Slow):
            time.sleep(reply.seconds)
            reply = reply.then
        record.reply = type(reply).__name__
        if isinstance(reply, Drop):
            self.close_connection = True
            self.connection.shutdown(2)
            return
        anthropic = self.path.endswith("/messages")
        if isinstance(reply, Status):
            self._send(reply.code, _error(reply, anthropic), reply.headers)
            return
        name, schema = _schema_of(body)
        text, finish = _answer_text(wire, reply, name, schema, body)
        payload = _anthropic(body, text, finish, reply) if anthropic else _openai(body, text, finish, reply)
        self._send(200, payload)

    def _send(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


def _answer_text(wire: WireServer, reply: Reply, name: str, schema: dict[str, Any], body: dict[str, Any]):
    if isinstance(reply, Text):
        return reply.text, "stop"
    if isinstance(reply, Refusal):
        return reply.text, "refusal"
    content = reply.content if isinstance(reply, Valid) and reply.content is not None else None
    if content is None:
        content = wire.answer(name, schema, body)
    text = content if isinstance(content, str) else json.dumps(content)
    if isinstance(reply, Truncated):
        return text[: len(text) // 2], "length"
    return text, "stop"


def _tokens(body: dict[str, Any]) -> int:
    return max(1, len(json.dumps(body.get("messages", []))) // 4 + len(str(body.get("system", ""))) // 4)


def _openai(body: dict[str, Any], text: str, finish: str, reply: Reply) -> dict[str, Any]:
    refusal = text if finish == "refusal" else None
    message = {"role": "assistant", "content": None if refusal else text, "refusal": refusal}
    prompt, completion = _tokens(body), max(1, len(text) // 4)
    return {
        "id": "chatcmpl-loopback",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "m"),
        "choices": [
            {"index": 0, "finish_reason": "stop" if refusal else finish, "logprobs": None, "message": message}
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


def _anthropic(body: dict[str, Any], text: str, finish: str, reply: Reply) -> dict[str, Any]:
    stop = {"stop": "end_turn", "length": "max_tokens", "refusal": "refusal"}[finish]
    forced = (body.get("tool_choice") or {}).get("type") == "tool" and finish == "stop"
    if forced:
        try:
            block: dict[str, Any] = {
                "type": "tool_use",
                "id": "toolu_1",
                "name": body["tool_choice"]["name"],
                "input": json.loads(text),
            }
            stop = "tool_use"
        except ValueError:
            block = {"type": "text", "text": text}
    else:
        block = {"type": "text", "text": text}
    return {
        "id": "msg_loopback",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "m"),
        "content": [block],
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": _tokens(body), "output_tokens": max(1, len(text) // 4)},
    }


def _error(reply: Status, anthropic: bool) -> dict[str, Any]:
    if anthropic:
        kind = {429: "rate_limit_error", 529: "overloaded_error", 401: "authentication_error"}.get(
            reply.code, "api_error"
        )
        return {"type": "error", "error": {"type": kind, "message": reply.message}}
    return {"error": {"message": reply.message, "type": "server_error", "code": None, "param": None}}


def main() -> None:
    """Serve in a process of its own (benchmarks): ``python tests/wire_server.py [--delay S] [--answers F]``.

    ``--answers`` names a JSON file mapping schema names to answers. The port is printed on stdout.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--answers", default=None)
    args = parser.parse_args()
    server = WireServer()
    server.delay = args.delay
    if args.answers:
        with open(args.answers, encoding="utf-8") as f:
            answers = json.load(f)
        server.answer = lambda name, schema, body: answers.get(name) or instance_from_schema(schema)
    server.start()
    print(server.port, flush=True)
    try:
        sys.stdin.read()  # serve until the parent closes our stdin
    finally:
        server.stop()


if __name__ == "__main__":
    main()
