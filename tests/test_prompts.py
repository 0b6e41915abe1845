"""Prompts as content: each call carries its own step guidance and inputs, never the whole skill."""

from __future__ import annotations

import pytest
from wire_server import instance_from_schema

from skillrun import _content
from skillrun._run import find_skill
from skillrun.chain import ChainSpec
from skillrun.chain._prompts import PromptRenderer
from skillrun.models import SectionTask
from skillrun.packs import get_pack

REQUEST = "Predict churn for our 2M subscribers, scored in a nightly batch on GCP."
MAX_CHARS = 10_000  # system + user, per call: about 2,500 tokens


def _instance(output_type):
    return output_type.model_validate(instance_from_schema(output_type.model_json_schema()))


@pytest.fixture(scope="module")
def rendered():
    skill = find_skill("ml-workflow")
    pack = get_pack("ml-workflow")
    spec = ChainSpec.from_file(_content.find_content("agents", "ml-workflow.yaml"))
    renderer = PromptRenderer(skill, _content.find_content("prompts", "."))
    brief = _instance(pack.brief_type)
    values, out = {}, {}
    for step in spec.steps:
        output_type = pack.output_type(step.output)
        task = SectionTask(
            skill="ml-workflow",
            step=step.id,
            output_type=output_type,
            request=REQUEST,
            brief=None if step.section is None else brief,
            inputs={d: values[d] for d in step.depends_on if spec.step(d).section is not None},
        )
        out[step.id] = renderer.render(step, task)
        values[step.id] = _instance(output_type)
    return skill, spec, out


def test_every_step_renders_a_system_and_a_user_message_of_bounded_size(rendered):
    _, spec, out = rendered
    assert set(out) == {s.id for s in spec.steps}
    for step_id, messages in out.items():
        assert [m.role for m in messages] == ["system", "user"], step_id
        assert sum(len(m.content) for m in messages) < MAX_CHARS, step_id
        assert REQUEST in messages[1].content


def test_each_section_gets_its_own_step_guidance_only(rendered):
    skill, spec, out = rendered
    titles = {s.number: s.title for s in skill.steps}
    expected = {
        "problem_definition": 1,
        "feature_engineering": 2,
        "experiment_tracking": 3,
        "training_pipeline": 4,
        "model_serving": 5,
        "ab_testing": 6,
        "monitoring": 7,
    }
    for step_id, number in expected.items():
        text = "\n".join(m.content for m in out[step_id])
        assert f"Step {number}: {titles[number]}" in text, step_id
        others = [n for n in titles if n != number and f"Step {n}: {titles[n]}" in text]
        assert not others, (step_id, others)


def test_only_the_sections_a_step_depends_on_are_included(rendered):
    _, spec, out = rendered
    for step in spec.section_steps:
        user = out[step.id][1].content
        for other in spec.section_steps:
            shown = f"### {other.id.replace('_', ' ').title()}\n" in user
            assert shown == (other.id in step.depends_on), (step.id, other.id)


def test_no_call_carries_the_output_format_or_the_full_schema(rendered):
    _, _, out = rendered
    for step_id, messages in out.items():
        text = "\n".join(m.content for m in messages)
        assert "| Aspect | Detail |" not in text and "# ML Workflow:" not in text, step_id
        assert '"$defs"' not in text and '"properties"' not in text, step_id


def test_intake_asks_for_stated_figures_and_recorded_assumptions(rendered):
    _, _, out = rendered
    user = out["intake"][1].content
    assert "Fields of the Brief object" in user and "assumptions" in user
    assert "Brief (what intake understood" not in user  # there is no brief yet
    assert "Step " not in out["intake"][0].content


def test_ab_testing_leaves_the_arithmetic_to_code(rendered):
    _, _, out = rendered
    assert "code computes them" in out["ab_testing"][1].content
