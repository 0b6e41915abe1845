"""Candidates computed ahead of time are the first half of a hybrid (rubric §0.1: "batch candidate generation
with online re-ranking"): a candidate list exists to be narrowed when the page is requested, so the request's
latency budget belongs to that online step. Job candidates scored in a nightly run are people, not a
candidate list, and stay a batch shortlist."""

from __future__ import annotations

import pytest

PRECOMPUTED_CANDIDATES = [
    "Online fashion retailer: personalised outfit suggestions on the product page for each shopper, 6M customers,"
    " p95 under 150 ms; candidates can be precomputed nightly.",
    "Travel site: hotel suggestions on each destination page for the visitor; candidate lists are generated offline"
    " and the page must render in 90 ms.",
    "Marketplace: recommandations personnalisées sur la page d'accueil ; les candidats sont précalculés chaque nuit,"
    " réponse en 80 ms.",
    "Tienda online: recomendaciones en la página de producto para cada cliente; los candidatos se precalculan cada"
    " noche y la respuesta debe llegar en menos de 100 ms.",
]
JOB_CANDIDATES_NIGHTLY = [
    "Recruiting agency: we score all new job candidates nightly so recruiters get a ranked shortlist each morning.",
]


@pytest.mark.parametrize("text", PRECOMPUTED_CANDIDATES)
def test_precomputed_candidates_with_a_page_budget_are_hybrid(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "hybrid"


@pytest.mark.parametrize("text", JOB_CANDIDATES_NIGHTLY)
def test_job_candidates_scored_nightly_stay_batch(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "batch"
