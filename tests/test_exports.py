"""Each subpackage's public API is its curated ``__all__`` (httpx's test_exported_members, per package).

The pins for ``skillrun``, ``skillrun.models``, ``skillrun.plugin`` and ``skillrun.routing`` live with their
own tests (test_project, test_models_api, test_plugin_hook, test_routing_second_stage).
"""

from __future__ import annotations

import importlib
import inspect

import pytest

import skillrun.errors

PINNED = {
    "skillrun.chain": ["ChainSpec", "StepSpec"],
    "skillrun.cli": ["app", "main"],
    "skillrun.errors": [
        "ChainError",
        "EmptyRequestError",
        "EvalError",
        "JudgeParseError",
        "KnowledgeError",
        "ModelConfigError",
        "ModelError",
        "ModelNotFoundError",
        "ModelOutputError",
        "ModelRefusalError",
        "ModelRequestsBlockedError",
        "ModelUnavailableError",
        "Problem",
        "SectionFailedError",
        "SkillFileError",
        "SkillParseError",
        "SkillrunError",
        "SuiteError",
        "TemplateMismatchError",
        "ToolDefinitionError",
        "UnknownSkillError",
        "UsageError",
    ],
    "skillrun.evals": [
        "REPORT_WIDE",
        "CachedModel",
        "Case",
        "Check",
        "CheckContext",
        "CheckOutcome",
        "EvalRequest",
        "EvalRun",
        "Expectations",
        "Judge",
        "JudgeItem",
        "ModelCache",
        "ReportRunner",
        "Result",
        "ResultStore",
        "RoutingCase",
        "RoutingRunner",
        "RunDiff",
        "RunOptions",
        "Score",
        "SectionScore",
        "Status",
        "StructuralCheck",
        "Suite",
        "Summary",
        "Verdict",
        "cache_dir",
        "checks_for",
        "diff_runs",
        "load_suite",
        "make_context",
        "mean_ci",
        "paired_comparison",
        "read_results",
        "render_html",
        "required_ids",
        "run_checks",
        "run_eval",
        "score",
        "structural_checks",
        "summarise",
        "write_junit",
    ],
    "skillrun.packs": ["Pack", "get_pack"],
    "skillrun.packs.ml_workflow": ["PACK", "Brief", "MLWorkflowPack"],
    "skillrun.packs.ml_workflow.checks": [
        "CHECKS",
        "CHECK_IDS",
        "DomainCheck",
        "Facts",
        "View",
        "lexicon",
        "read_facts",
        "rubric_items",
        "view",
    ],
    "skillrun.report": [
        "ParsedReport",
        "ParsedSection",
        "ParsedTable",
        "Provenance",
        "Report",
        "RunInfo",
        "SectionBody",
        "SectionResult",
        "Table",
        "UsageTotals",
        "parse_markdown",
    ],
    "skillrun.spec": [
        "OutputTemplate",
        "Skill",
        "SkillSection",
        "SkillSet",
        "Step",
        "TemplateDiagram",
        "TemplateField",
        "TemplateSection",
        "TemplateTable",
        "TemplateText",
        "check_skill",
        "load_skill",
        "load_skills",
        "parse_skill",
        "slugify",
        "validate_paths",
    ],
}


@pytest.mark.parametrize("package", sorted(PINNED))
def test_exports_are_pinned_and_resolve(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__ == PINNED[package]
    for name in module.__all__:
        assert getattr(module, name) is not None, name


def test_the_error_tree_is_drawn_whole_and_has_one_root() -> None:
    tree = (skillrun.errors.__doc__ or "").split("::\n\n", 1)[1].split("\n\n", 1)[0]
    drawn = {line.strip(" │├└─").split()[0] for line in tree.splitlines() if line.strip()}
    classes = {
        c
        for _, c in inspect.getmembers(skillrun.errors, inspect.isclass)
        if c.__module__ == "skillrun.errors" and issubclass(c, Exception)
    }
    assert drawn == {c.__name__ for c in classes}
    assert all(issubclass(c, skillrun.errors.SkillrunError) for c in classes)
