"""Structural checks derived from an Output Format template (any skill), and G-01/G-02."""

from __future__ import annotations

import pytest
from fixture_skill import FIXTURES, SKILL, TEMPLATE

from skillrun.evals import CheckOutcome, make_context, structural_checks
from skillrun.evals._structure import placeholder_findings
from skillrun.spec import OutputTemplate, TemplateField, TemplateSection, TemplateTable

GOOD = (FIXTURES / "reports" / "churn-fitness-gcp.md").read_text(encoding="utf-8")


def run(
    markdown: str, *, template: OutputTemplate = TEMPLATE, sections: set[str] | None = None
) -> dict[str, CheckOutcome]:
    skill = SKILL if template is TEMPLATE else SKILL.model_copy(update={"template": template})
    ctx = make_context(skill, markdown, "request", sections=sections)
    return {c.id: c(ctx) for c in structural_checks(template)}


def test_ids_follow_the_template() -> None:
    ids = [c.id for c in structural_checks(TEMPLATE)]
    assert ids[:4] == ["S-TITLE", "S-SECTIONS", "G-01", "G-02"]
    assert "S-TABLE:Feature Engineering" in ids
    assert "S-ROWS:Problem Definition" in ids
    assert "S-ROWS:Feature Engineering" not in ids  # free rows
    assert "S-FIELD:Feature Engineering:Feature store" in ids
    assert "S-FIELD:Monitoring and Drift:Retraining policy" in ids
    assert "S-DIAGRAM:Training Pipeline" in ids
    assert sum(i.startswith("S-PLACEHOLDER:") for i in ids) == 7
    sections = {c.id: c.section for c in structural_checks(TEMPLATE)}
    assert sections["S-TITLE"] is None and sections["S-DIAGRAM:Training Pipeline"] == "Training Pipeline"


def test_good_report_passes_every_structural_check() -> None:
    results = run(GOOD)
    assert {k: v for k, v in results.items() if v.status != "pass"} == {}


def _without_section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 1)
    return text[:start] + (text[end + 1 :] if end >= 0 else "")


STRUCTURE_BREAKS = [
    (
        "S-TITLE",
        lambda t: t.replace("# ML Workflow: Fitness app churn prediction", "# Churn design"),
        "prefix",
    ),
    (
        "S-TITLE",
        lambda t: t.replace(
            "# ML Workflow: Fitness app churn prediction", "# ML Workflow: [Project/Model Name]"
        ),
        "unfilled",
    ),
    ("S-TITLE", lambda t: t.replace("# ML Workflow: Fitness app churn prediction\n", ""), "missing"),
    ("S-SECTIONS", lambda t: _without_section(t, "A/B Testing"), "missing section"),
    ("G-01", lambda t: _without_section(t, "A/B Testing"), "missing section"),
    ("S-SECTIONS", lambda t: t.replace("## Model Serving", "## Serving"), "renamed section"),
    ("S-SECTIONS", lambda t: t + "\n## Appendix\n\nmore\n", "extra section"),
    (
        "S-SECTIONS",
        lambda t: (
            _without_section(t, "Problem Definition")
            + "\n"
            + t[t.index("## Problem Definition") : t.index("## Feature Engineering")]
        ),
        "order",
    ),
    (
        "G-01",
        lambda t: (
            _without_section(t, "Problem Definition")
            + "\n"
            + t[t.index("## Problem Definition") : t.index("## Feature Engineering")]
        ),
        "order",
    ),
    (
        "S-TABLE:Experiment Tracking",
        lambda t: t.replace("| Aspect | Choice | Rationale |", "| Aspect | Choice | Why |"),
        "column renamed",
    ),
    (
        "S-TABLE:Monitoring and Drift",
        lambda t: t.replace(
            "| Monitor | Tool | Threshold | Action |\n|---|---|---|---|\n",
            "| Monitor | Tool | Threshold | Action |\n",
        ),
        "no separator row",
    ),
    ("S-ROWS:Model Serving", lambda t: t.replace("| Fallback |", "| Fallbacks |"), "row label changed"),
    (
        "S-ROWS:A/B Testing",
        lambda t: t.replace(
            "| Rollback criteria | Stop and send 100% to control if opt-outs rise by more than 20% relative (p < 0.05), revenue per user drops by more than 2%, or the SRM test gives p < 0.001 |\n",
            "",
        ),
        "row missing",
    ),
    (
        "S-FIELD:Feature Engineering:Feature store",
        lambda t: t.replace("**Feature store:**", "Feature store:"),
        "not bold",
    ),
    (
        "S-FIELD:Monitoring and Drift:Retraining policy",
        lambda t: t.replace(
            t[t.index("**Retraining policy:**") : t.index("\n", t.index("**Retraining policy:**"))],
            "**Retraining policy:** -",
        ),
        "empty",
    ),
    ("S-DIAGRAM:Training Pipeline", lambda t: t.replace("```text", "").replace("```\n", "\n"), "not fenced"),
    (
        "S-PLACEHOLDER:Problem Definition",
        lambda t: t.replace("Binary classification: will an active user churn", "TBD"),
        "TBD",
    ),
    ("G-02", lambda t: t.replace("Binary classification: will an active user churn", "TODO"), "TODO"),
    ("G-02", lambda t: t.replace("| Throughput | About", "| Throughput | <fill> About"), "slot"),
    (
        "G-02",
        lambda t: t.replace("| Scaling | Single Cloud Run job", "| Scaling | [...] Single Cloud Run job"),
        "ellipsis in brackets",
    ),
    (
        "G-02",
        lambda t: t.replace("| numeric | Low |\n| days_since", "| numeric | ... |\n| days_since"),
        "ellipsis cell",
    ),
    (
        "G-02",
        lambda t: t.replace("| categorical / numeric | Low |", "| categorical / numeric |  |"),
        "empty cell",
    ),
    (
        "G-02",
        lambda t: t.replace("| Tuning | Optuna (Bayesian TPE), 50 trials |", "| Tuning | N/A |"),
        "bare N/A",
    ),
    (
        "G-02",
        lambda t: t.replace(
            "No — one batch model, a two-person team",
            "[Yes/No — tool choice and rationale] — one batch model, a two-person team",
        ),
        "template hint",
    ),
    (
        "G-02",
        lambda t: t.replace("## A/B Testing\n", "## A/B Testing\n\nLorem ipsum dolor sit amet.\n"),
        "lorem",
    ),
    ("G-02", lambda t: t.replace("Scores ready by 06:00 UTC", "??? ready by 06:00 UTC"), "question marks"),
    (
        "G-02",
        lambda t: t.replace("Users are randomized by user id hash", "Users are randomized by {unit}"),
        "format slot",
    ),
]


@pytest.mark.parametrize(
    ("check_id", "mutate", "what"), STRUCTURE_BREAKS, ids=[f"{c}-{w}" for c, _, w in STRUCTURE_BREAKS]
)
def test_structural_check_fails_when_broken(check_id, mutate, what) -> None:
    assert run(GOOD)[check_id].status == "pass"
    broken = mutate(GOOD)
    assert broken != GOOD
    outcome = run(broken)[check_id]
    assert outcome.status == "fail", outcome
    assert outcome.reason


def test_missing_section_fails_its_section_checks() -> None:
    results = run(_without_section(GOOD, "Model Serving"))
    assert results["S-TABLE:Model Serving"].status == "fail"
    assert "missing" in results["S-TABLE:Model Serving"].reason


def test_partial_report_scores_only_its_sections() -> None:
    partial = "# ML Workflow: X\n\n" + GOOD[GOOD.index("## Model Serving") : GOOD.index("## A/B Testing")]
    results = run(partial, sections={"Model Serving"})
    assert results["S-SECTIONS"].status == "pass"
    assert results["G-01"].status == "pass"
    assert results["S-TABLE:Model Serving"].status == "pass"
    assert results["S-TABLE:A/B Testing"].status == "na"
    assert results["G-02"].status == "pass"


@pytest.mark.parametrize(
    "text",
    [
        "N/A: no online traffic, so no A/B test (see AB-11)",
        "p99 < 150 ms and > 20 ms",
        "uses <script> tags safely and a <br> break",
        "Todo el flujo corre en GCP",  # Spanish "todo" is a word, not a TODO marker
        "interval [0.1, 0.25] per the [PSI] convention",
        "range 10...20 ms",
        'run names "{date}-{model}-{feature_set}"',
        'a JSON body like {"user_id": 1}',
    ],
)
def test_no_false_placeholders(text: str) -> None:
    assert placeholder_findings(text) == []


def test_placeholders_in_drawings_allow_ascii_art() -> None:
    assert placeholder_findings("data --> <train> ... [...]", drawing=True) == []
    assert placeholder_findings("data --> TODO", drawing=True) != []


def test_checks_derive_from_any_template() -> None:
    template = OutputTemplate(
        title_pattern="Incident Review: [Service]",
        sections=[
            TemplateSection(heading="Summary", elements=[TemplateField(label="Severity", hint="[SEV1-3]")]),
            TemplateSection(
                heading="Timeline",
                elements=[
                    TemplateTable(columns=["Time", "Event"], row_labels=None, cell_hints=["...", "..."])
                ],
            ),
        ],
    )
    good = "# Incident Review: payments\n\n## Summary\n\n**Severity:** SEV2\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | alert fired |\n"
    results = run(good, template=template)
    assert {k: v.status for k, v in results.items()} == {
        "S-TITLE": "pass",
        "S-SECTIONS": "pass",
        "G-01": "pass",
        "G-02": "pass",
        "S-FIELD:Summary:Severity": "pass",
        "S-PLACEHOLDER:Summary": "pass",
        "S-TABLE:Timeline": "pass",
        "S-PLACEHOLDER:Timeline": "pass",
    }
    bad = run(
        good.replace("SEV2", "[SEV1-3]").replace("| Time | Event |", "| When | Event |"), template=template
    )
    assert bad["S-TABLE:Timeline"].status == "fail"
    assert bad["G-02"].status == "fail" and "template hint" in bad["G-02"].reason


def test_fixture_template_matches_the_skill_file() -> None:
    from skillrun import find_skill

    assert find_skill("ml-workflow").template.structure() == TEMPLATE.structure()  # type: ignore[union-attr]


def test_template_example_cells_and_hints_are_placeholders() -> None:
    from skillrun import find_skill

    skill = find_skill("ml-workflow")
    serving = "| Serving mode | Batch: a daily Cloud Run job scores all active users and writes a BigQuery table read by the campaign tool |"
    example = GOOD.replace(serving, "| Serving mode | Batch / Real-time / Streaming / Edge |")
    ctx = make_context(skill, example, "request")
    outcome = next(c for c in structural_checks(skill.template) if c.id == "S-PLACEHOLDER:Model Serving")(ctx)  # type: ignore[arg-type]
    assert outcome.status == "fail" and "template example" in outcome.reason
    hint = skill.template.section("Feature Engineering").fields[0].hint  # type: ignore[union-attr]
    copied = GOOD.replace(
        "**Feature store:** No — one batch model", f"**Feature store:** {hint} — one batch model"
    )
    g02 = next(c for c in structural_checks(skill.template) if c.id == "G-02")(
        make_context(skill, copied, "r")
    )  # type: ignore[arg-type]
    assert g02.status == "fail" and "template hint" in g02.reason
