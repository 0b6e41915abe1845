"""Running a skill: the Python API behind `skillrun run`, the eval harness and the chat plugin."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

from . import _content
from .chain import ChainSpec
from .chain._agent import SectionAgent, SectionGuard
from .chain._events import ChainEvent, final_report
from .chain._executor import Chain
from .chain._prompts import PromptRenderer
from .errors import EmptyRequestError, SkillFileError
from .models import Model, ModelSettings, get_model
from .packs import get_pack
from .report import Report
from .report._markdown import render_markdown
from .spec import Skill

DEFAULT_SKILL = "ml-workflow"


def find_skill(name: str | Skill, skills_dir: Path | None = None) -> Skill:
    """A loaded skill by slug or name (case-insensitive); a :class:`Skill` is returned unchanged."""
    if isinstance(name, Skill):
        return name
    from .spec import load_skills

    # Non-strict: one broken skill in a project folder must not stop the others from running.
    skills = load_skills(_content.skill_dirs(skills_dir), strict=False)
    if skills.get(name) is None:
        # A skill that did not load explains itself better than "no skill named ...".
        broken = [p for p in skills.errors if name.strip().lower() in p.path.lower()]
        if broken:
            raise SkillFileError(str(broken[0]))
    return skills.require(name)


def build_chain(
    skill: Skill,
    model: str | Model | None = None,
    *,
    concurrency: int = 4,
    fallback: bool = True,
    settings: ModelSettings | None = None,
    max_reasks: int = 2,
) -> Chain:
    """The chain for ``skill`` on ``model`` (default: the offline expert engine)."""
    pack = get_pack(skill.slug)
    if pack is None:
        raise SkillFileError(f"skill {skill.slug!r} has no pack yet; only packaged skills can run")
    chain_file = _content.find_content("agents", f"{skill.slug}.yaml")
    if chain_file is None:
        raise SkillFileError(f"no chain definition agents/{skill.slug}.yaml")
    prompts_dir = _content.find_content("prompts", ".")
    backend = get_model(model)
    agent = SectionAgent(
        model=backend,
        pack=pack,
        prompts=PromptRenderer(skill, prompts_dir) if prompts_dir is not None else None,
        settings=settings or ModelSettings(),
        fallback=fallback,
        max_reasks=max_reasks,
        guard=SectionGuard(skill, pack),
    )
    return Chain(
        skill=skill, spec=ChainSpec.from_file(chain_file), pack=pack, agent=agent, concurrency=concurrency
    )


async def run_stream(
    request: str,
    skill: str | Skill = DEFAULT_SKILL,
    model: str | Model | None = None,
    **options: object,
) -> AsyncIterator[ChainEvent]:
    """Run ``skill`` on ``request``; yield an event per finished step, then :class:`ReportDone`."""
    if not request or not request.strip():
        raise EmptyRequestError("the request is empty")
    chain = build_chain(find_skill(skill), model, **options)  # type: ignore[arg-type]
    async for event in chain.stream(request):
        yield event


async def arun(
    request: str, skill: str | Skill = DEFAULT_SKILL, model: str | Model | None = None, **options: object
) -> Report:
    """Run ``skill`` on ``request`` and return the finished report."""
    return await final_report(run_stream(request, skill, model, **options))


def run(
    request: str, skill: str | Skill = DEFAULT_SKILL, model: str | Model | None = None, **options: object
) -> Report:
    """Synchronous :func:`arun`."""
    return asyncio.run(arun(request, skill, model, **options))


def to_markdown(report: Report, skill: str | Skill | None = None) -> str:
    """Render ``report`` in its skill's Output Format."""
    found = find_skill(skill or report.skill)
    if found.template is None:
        raise SkillFileError(f"skill {found.slug!r} has no Output Format")
    return render_markdown(report, found.template)
