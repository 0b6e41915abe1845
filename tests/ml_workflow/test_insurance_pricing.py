"""Insurance pricing (a premium per policy at quote time) is not claim reserving (the cost of an open
claim at a valuation date): the two share words ("claim cost") but differ in unit, label and design."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request

PRICING = [
    "Motor insurer: expected claim cost per policy-year for new business, called by the quote engine.",
    "Build a pure premium model (frequency x severity) for our home insurance book; annual rate review.",
    "Wir wollen die Risikoprämie für unsere Kfz-Tarife neu kalkulieren (Tarifierung), 2 Mio. Verträge.",
    "Aseguradora de autos: modelo de prima pura (frecuencia y severidad) para la tarificación de pólizas nuevas.",
    "Assureur habitation : refaire la tarification avec une prime pure par contrat, fréquence et coût moyen.",
    "我们想为车险定价建立纯保费模型，按保单年计算出险频率和赔付。",
]
RESERVING = [
    "Insurer (auto) wants a claim severity model for reserving, monthly batch on Azure.",
    "Estimate the ultimate cost of each open bodily-injury claim at every monthly valuation date.",
]


@pytest.mark.parametrize("request_text", PRICING)
def test_pricing_requests_get_the_pricing_profile(request_text: str) -> None:
    brief = read_request(request_text)
    assert brief.project_name == "Insurance pricing model"
    assert brief.problem_type == "regression" and brief.regulated == "insurance"
    assert "per policy-year" in brief.target


@pytest.mark.parametrize("request_text", RESERVING)
def test_reserving_requests_keep_the_severity_profile(request_text: str) -> None:
    assert read_request(request_text).project_name == "Claim severity model"
