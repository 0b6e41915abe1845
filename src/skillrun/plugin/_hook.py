"""The conversation hook: notice that a conversation calls for a skill, then run it section by section.

:class:`Plugin` holds what a host integration needs (the skills, the router, the default backend and
the runner), so every front end (the MCP server, the Claude Code hook, a host's own adapter, batch
evals) shares one routing decision and one way of running a skill.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict, computed_field

from ..errors import EmptyRequestError, Problem, SkillFileError, UnknownSkillError, UsageError
from ..spec import Skill
from ._conversation import distill_request, last_user_text, normalize, routing_input

if TYPE_CHECKING:
    # Running a skill needs these; the prompt hook, which only routes, must start without them.
    from ..chain._events import ChainEvent
    from ..models import Model
    from ..report import Report, SectionResult

log = logging.getLogger("skillrun.plugin")

DEFAULT_SKILL = "ml-workflow"
MAX_REQUEST_CHARS = 20_000
"""Longest request a run accepts; a skill needs a description of a problem, not a document."""

Runner = Callable[[str, Skill, "str | Model | None"], "AsyncIterator[ChainEvent]"]
"""Runs ``skill`` on a request with a backend and yields the chain's events (``skillrun.run_stream``)."""


class RouterLike(Protocol):
    """What the plugin needs of a router: ``route(message_or_conversation) -> list[Match]``."""

    def route(self, message: Any, /) -> Sequence[Any]: ...


class Suggestion(BaseModel):
    """A skill that the conversation calls for, and the request to run it on."""

    model_config = ConfigDict(frozen=True)

    skill: str
    """Slug of the skill (``ml-workflow``)."""
    skill_name: str
    reason: str
    """Why it matched, in plain words, for the user or the model to judge."""
    detail: str = ""
    """The router's own account of the match (scores and what made them up), for debugging."""
    request: str
    """The last user turn, followed by earlier user turns as context."""
    score: float
    matched: tuple[str, ...] = ()
    """Trigger terms found in the conversation."""
    tool: str = "run_skill"
    """The MCP tool that runs it; :attr:`arguments` are its arguments."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def arguments(self) -> dict[str, str]:
        return {"skill": self.skill, "request": self.request}


@dataclass(frozen=True)
class SectionReady:
    """A finished section of a running skill, already rendered in the skill's Output Format."""

    step: str
    heading: str
    markdown: str
    done: int
    """Sections finished so far, this one included."""
    total: int
    result: SectionResult


@dataclass(frozen=True)
class ReportReady:
    """The finished report and its markdown."""

    report: Report
    markdown: str


PluginEvent = SectionReady | ReportReady


class Plugin:
    """Skills, router, default backend and runner for chat-assistant integrations.

    Args:
        skills: The skills to offer; loaded from the content folders (or ``skills_dir``) when omitted.
        skills_dir: Load skills from this folder instead of the project's and the bundled ones.
        router: Anything with ``route(message_or_conversation) -> list[Match]``; by default the
            trigger router built from the skills.
        model: The backend runs use unless one is asked for (default: the offline expert engine).
        model_options: Options for resolving a model string (``base_url``); each run resolves its
            own backend instance, so concurrent runs never share an HTTP client.
        runner: Runs a skill and yields chain events; by default :func:`skillrun.run_stream`.
        concurrency: Sections in flight for the default runner.
        fallback: Let the expert engine stand in for a failing backend (default runner).
    """

    def __init__(
        self,
        skills: Iterable[Skill] | None = None,
        *,
        skills_dir: Path | None = None,
        router: RouterLike | None = None,
        model: str | Model | None = None,
        model_options: Mapping[str, Any] | None = None,
        runner: Runner | None = None,
        concurrency: int = 4,
        fallback: bool = True,
    ) -> None:
        self._skills = list(skills) if skills is not None else None
        self._skills_dir = skills_dir
        self.problems: list[Problem] = []
        """Skill files that failed to load (they are left out) and shadowed duplicates."""
        self._router = router
        self.model = model
        self._runner = runner or _chain_runner(concurrency, fallback, dict(model_options or {}))

    @property
    def skills(self) -> list[Skill]:
        if self._skills is None:
            from .. import _content
            from ..spec import load_skills

            # Lenient: one broken skill file must not take the others (or the host's chat) down.
            loaded = load_skills(_content.skill_dirs(self._skills_dir), strict=False)
            self.problems = list(loaded.problems)
            for problem in self.problems:
                log.info("skill not loaded: %s", problem)
            self._skills = list(loaded)
        return self._skills

    @property
    def router(self) -> RouterLike:
        if self._router is None:
            from ..routing import Router

            self._router = Router.from_skills(self.skills)
        return self._router

    def skill(self, name: str | Skill) -> Skill:
        """A skill by slug or name, case-insensitive; a :class:`Skill` is returned as it is."""
        if isinstance(name, Skill):
            return name
        from ..spec import SkillSet

        return SkillSet(self.skills).require(name)

    def on_message(self, conversation: object) -> Suggestion | None:
        """The skill this conversation calls for, or ``None``.

        ``conversation`` is a message string, a list of messages (OpenAI or Anthropic style, content
        as text or parts) or a request body with ``messages``. Cheap and deterministic: no model
        call, no I/O after the skills are loaded. Odd input (empty, non-text parts, huge text) gives
        ``None`` or a suggestion, never an exception.
        """
        turns = normalize(conversation)
        if not last_user_text(turns):
            return None
        router = self.router
        try:
            matches = list(router.route(routing_input(turns)))
        except Exception:  # a per-message hook must never break the host's chat
            log.warning("the router failed on a message; no suggestion", exc_info=True)
            return None
        for match in sorted(matches, key=_score, reverse=True):
            skill = self._skill_of(match)
            if skill is not None:
                return _suggestion(skill, match, distill_request(turns))
        return None

    def prepare(self, request: str | Suggestion, skill: str | Skill | None = None) -> tuple[str, Skill]:
        """The request text and the skill a run would use; usage errors now rather than mid-run."""
        if isinstance(request, Suggestion):
            skill = skill or request.skill
            request = request.request
        if not isinstance(request, str) or not request.strip():
            raise EmptyRequestError("the request is empty")
        if len(request) > MAX_REQUEST_CHARS:
            raise UsageError(
                f"the request is {len(request):,} characters; the limit is {MAX_REQUEST_CHARS:,}"
            )
        found = self.skill(skill or DEFAULT_SKILL)
        if found.template is None:
            raise SkillFileError(f"skill {found.slug!r} has no Output Format")
        return request, found

    async def run_stream(
        self,
        request: str | Suggestion,
        skill: str | Skill | None = None,
        model: str | Model | None = None,
    ) -> AsyncIterator[PluginEvent]:
        """Run a skill; yield :class:`SectionReady` per finished section, then :class:`ReportReady`.

        ``request`` may be a :class:`Suggestion`, whose skill is used unless ``skill`` is given.
        Cancelling the consumer cancels the chain: no section keeps running in the background.
        """
        text, found = self.prepare(request, skill)
        template = found.template
        assert template is not None  # prepare() checked it
        from ..chain._events import ReportDone, SectionDone
        from ..report._markdown import render_markdown
        from ._schemas import section_markdown

        events = self._runner(text, found, model if model is not None else self.model)
        try:
            async for event in events:
                if isinstance(event, SectionDone):
                    yield SectionReady(
                        step=event.result.step,
                        heading=event.result.heading,
                        markdown=section_markdown(template, event.result),
                        done=event.done,
                        total=event.total,
                        result=event.result,
                    )
                elif isinstance(event, ReportDone):
                    yield ReportReady(event.report, render_markdown(event.report, template))
                    return
        finally:
            # Close the chain's generator now, not at garbage collection: its cleanup cancels the
            # section tasks, and that must happen in this task, on cancellation too.
            aclose = getattr(events, "aclose", None)
            if aclose is not None:
                await aclose()
        raise AssertionError("the run ended without a report")  # pragma: no cover

    async def arun(
        self, request: str | Suggestion, skill: str | Skill | None = None, model: str | Model | None = None
    ) -> ReportReady:
        """Run a skill to the end; the report and its markdown."""
        async for event in self.run_stream(request, skill, model):
            if isinstance(event, ReportReady):
                return event
        raise AssertionError("the run ended without a report")  # pragma: no cover

    def _skill_of(self, match: Any) -> Skill | None:
        named = getattr(match, "skill", None)
        if isinstance(named, Skill):
            return named
        slug = getattr(named, "slug", named)
        if not isinstance(slug, str):
            return None
        try:
            return self.skill(slug)
        except UnknownSkillError:
            return None


def _score(match: Any) -> float:
    score = getattr(match, "score", 0.0)
    return float(score) if isinstance(score, (int, float)) else 0.0


def _suggestion(skill: Skill, match: Any, request: str) -> Suggestion:
    matched = tuple(str(m) for m in (getattr(match, "matched", None) or ()))
    why = getattr(match, "why", None)
    detail = " ".join(why.split()) if isinstance(why, str) else ""
    if matched:
        # The skill's own trigger words read best, so they come first (the stable sort keeps the
        # router's strongest-first order within each group); two-letter evidence that is not a
        # trigger ("We" of "We need") says little to a reader.
        triggers = {t.lower() for t in skill.triggers}
        terms = [m for m in matched if m.lower() in triggers or len(m) > 2]
        terms = sorted(terms or matched, key=lambda m: m.lower() not in triggers)
        shown = ", ".join(terms[:4]) + (", …" if len(terms) > 4 else "")
        reason = f"the message mentions {shown}"
    else:
        reason = detail or f"the message matches the {skill.name} skill"
    return Suggestion(
        skill=skill.slug,
        skill_name=skill.name,
        reason=reason,
        detail=detail,
        request=request,
        score=_score(match),
        matched=matched,
    )


def _chain_runner(concurrency: int, fallback: bool, model_options: dict[str, Any] | None = None) -> Runner:
    def run(request: str, skill: Skill, model: str | Model | None) -> AsyncIterator[ChainEvent]:
        from .._run import run_stream

        # The options (base_url) belong to the LLM backend; the expert engine refuses them.
        if isinstance(model, str) and model_options and model.strip() != "expert":
            from ..models import get_model

            model = get_model(model, **model_options)
        return run_stream(request, skill, model, concurrency=concurrency, fallback=fallback)

    return run


@lru_cache(maxsize=1)
def default_plugin() -> Plugin:
    """The plugin over the project's (or the bundled) skills, built once per process."""
    return Plugin()


def on_message(conversation: object) -> Suggestion | None:
    """:meth:`Plugin.on_message` on :func:`default_plugin`."""
    return default_plugin().on_message(conversation)


def run_stream(
    request: str | Suggestion, skill: str | Skill | None = None, model: str | Model | None = None
) -> AsyncIterator[PluginEvent]:
    """:meth:`Plugin.run_stream` on :func:`default_plugin`."""
    return default_plugin().run_stream(request, skill, model)
