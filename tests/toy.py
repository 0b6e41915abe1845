"""A toy skill, pack and chain for engine tests that must not depend on the ML Workflow content."""

from __future__ import annotations

import asyncio

from pydantic import BaseModel

from skillrun.chain import ChainSpec
from skillrun.models import FunctionModel, ModelRequest, SectionTask
from skillrun.report import SectionBody, Table
from skillrun.spec import OutputTemplate, Skill, TemplateField, TemplateSection, TemplateTable

TEMPLATE = OutputTemplate(
    title_pattern="Toy: [Name]",
    sections=[
        TemplateSection(
            heading="Alpha",
            elements=[TemplateTable(columns=["Aspect", "Detail"], row_labels=["One", "Two"])],
        ),
        TemplateSection(
            heading="Beta",
            elements=[
                TemplateTable(columns=["Item", "Note"], row_labels=None),
                TemplateField(label="Verdict"),
            ],
        ),
        TemplateSection(
            heading="Gamma", elements=[TemplateTable(columns=["Aspect", "Detail"], row_labels=["Sum"])]
        ),
    ],
)

SKILL = Skill(
    name="Toy", slug="toy", description="A toy skill.", format="agent-skills", path="toy", template=TEMPLATE
)

CHAIN = ChainSpec.model_validate(
    {
        "skill": "toy",
        "steps": [
            {"id": "intake", "output": "ToyBrief"},
            {"id": "alpha", "section": "Alpha", "output": "Alpha", "depends_on": ["intake"]},
            {"id": "beta", "section": "Beta", "output": "Beta", "depends_on": ["intake"]},
            {"id": "gamma", "section": "Gamma", "output": "Gamma", "depends_on": ["intake", "alpha", "beta"]},
        ],
    }
)


class ToyBrief(BaseModel):
    name: str


class Alpha(BaseModel):
    one: str
    two: str

    def to_body(self) -> SectionBody:
        return SectionBody(
            tables=[Table(columns=["Aspect", "Detail"], rows=[["One", self.one], ["Two", self.two]])]
        )


class Beta(BaseModel):
    items: list[str]
    verdict: str

    def to_body(self) -> SectionBody:
        return SectionBody(
            tables=[Table(columns=["Item", "Note"], rows=[[i, f"note {i}"] for i in self.items])],
            fields={"Verdict": self.verdict},
        )


class Gamma(BaseModel):
    total: int

    def to_body(self) -> SectionBody:
        return SectionBody(tables=[Table(columns=["Aspect", "Detail"], rows=[["Sum", str(self.total)]])])


TYPES: dict[str, type[BaseModel]] = {c.__name__: c for c in (ToyBrief, Alpha, Beta, Gamma)}


def expert_answer(task: SectionTask) -> BaseModel:
    if task.output_type is ToyBrief:
        return ToyBrief(name=task.request.strip()[:20])
    if task.output_type is Alpha:
        return Alpha(one="expert one", two="expert two")
    if task.output_type is Beta:
        return Beta(items=["a", "b"], verdict="fine")
    alpha = task.inputs["alpha"]
    beta = task.inputs["beta"]
    assert isinstance(alpha, Alpha) and isinstance(beta, Beta)
    return Gamma(total=len(beta.items) + len(alpha.one))


class InFlight:
    """A toy backend that answers like the expert after ``delay`` seconds and records the most calls it
    had in flight at once (``peak``)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.in_flight = self.peak = 0

    async def answer(self, request: ModelRequest) -> BaseModel:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        await asyncio.sleep(self.delay)
        self.in_flight -= 1
        return expert_answer(request.task)

    def model(self, name: str = "slow") -> FunctionModel:
        return FunctionModel(self.answer, name=name)


class ToyPack:
    skill = "toy"
    brief_type = ToyBrief

    def output_type(self, name: str) -> type[BaseModel]:
        return TYPES[name]

    def expert(self, task: SectionTask) -> BaseModel:
        return expert_answer(task)

    def finalize(self, task: SectionTask, value: BaseModel) -> BaseModel:
        return value

    def body(self, value: BaseModel) -> SectionBody:
        return value.to_body()  # type: ignore[attr-defined]

    def title(self, brief: BaseModel) -> str:
        assert isinstance(brief, ToyBrief)
        return brief.name

    def assumptions(self, brief: BaseModel) -> list[str]:
        return ["size: small (not given)"]
