"""An LLM's brief merged with the expert intake's: the figures the request states are never lost."""

from __future__ import annotations

from skillrun.packs.ml_workflow.brief import Assumption, Brief, Latency, Traffic
from skillrun.packs.ml_workflow.reconcile import merge_briefs

REQUEST = "Fraud scoring on AWS, 1,200 tps peak, p99 under 50 ms, team of 4."


def brief(**fields) -> Brief:
    base = dict(
        request="paraphrased",
        project_name="Fraud",
        problem_type="binary_classification",
        target="fraud within 30 days",
        entity="transaction",
        serving_mode="real-time",
        temporal=True,
    )
    return Brief(**{**base, **fields})


def test_stated_figures_from_the_expert_intake_win():
    expert = brief(
        cloud="aws",
        team_size=4,
        traffic=Traffic(peak_rps=1200),
        latency=Latency(p99_ms=50),
        assumptions=[Assumption(field="latency.p50_ms", value="20 ms", reason="typical")],
        constraints=["p99 < 50 ms"],
    )
    llm = brief(
        cloud="gcp",
        team_size=40,
        traffic=Traffic(peak_rps=120, unit="transaction"),
        latency=Latency(p99_ms=500, p50_ms=30),
        data_sources=["payments table"],
        assumptions=[
            Assumption(field="traffic.peak_rps", value="120 rps", reason="guess"),
            Assumption(field="base_rate", value="0.2%", reason="typical fraud rate"),
        ],
        constraints=["PCI scope"],
    )
    merged = merge_briefs(llm, expert, REQUEST)
    assert merged.request == REQUEST
    assert (merged.cloud, merged.team_size) == ("aws", 4)
    assert merged.traffic.peak_rps == 1200 and merged.traffic.unit == "transaction"
    assert merged.latency.p99_ms == 50
    assert merged.latency.p50_ms == 30  # the expert only assumed it; the model's value stands
    assert merged.data_sources == ["payments table"]
    # The model's assumption about a stated figure is dropped; its other assumptions stay.
    assert [a.field for a in merged.assumptions] == ["base_rate"]
    assert merged.constraints == ["PCI scope", "p99 < 50 ms"]


def test_gaps_in_the_model_brief_are_filled_with_the_expert_assumption():
    expert = brief(
        label_delay_days=30,
        assumptions=[Assumption(field="label_delay_days", value="30 days", reason="chargebacks arrive late")],
    )
    merged = merge_briefs(brief(), expert, REQUEST)
    assert merged.label_delay_days == 30
    assert [a.field for a in merged.assumptions] == ["label_delay_days"]


def test_merging_the_expert_brief_with_itself_changes_nothing():
    expert = brief(
        request=REQUEST,
        cloud="aws",
        traffic=Traffic(peak_rps=1200),
        assumptions=[Assumption(field="team_size", value="3", reason="typical")],
        team_size=3,
    )
    assert merge_briefs(expert, expert, REQUEST) == expert


def test_serving_throughput_is_written_by_code_from_the_brief():
    from skillrun.models import SectionTask
    from skillrun.packs import get_pack
    from skillrun.packs.ml_workflow.sections import ModelServing

    pack = get_pack("ml-workflow")
    request = "Real-time card fraud scoring on AWS: 1,200 transactions per second at peak, p99 under 50 ms."
    task = SectionTask(skill="ml-workflow", step="intake", output_type=Brief, request=request)
    expert_brief = pack.expert(task)
    serving_task = SectionTask(
        skill="ml-workflow",
        step="model_serving",
        output_type=ModelServing,
        request=request,
        brief=expert_brief,
    )
    llm = ModelServing(
        serving_mode="real-time",
        serving_detail="REST endpoint",
        latency_sla="p99 50 ms",
        throughput="about 5,000 rps, give or take",
        scaling="HPA on CPU",
        fallback="rules",
    )
    written = pack.finalize(serving_task, llm)
    assert "5,000" not in written.throughput
    assert "peak 1,200 requests/s" in written.throughput and "2x peak = 2,400/s" in written.throughput
    expert = pack.expert(serving_task)
    assert pack.finalize(serving_task, expert) == expert  # the expert's own section is left as it was
