"""Hybrid serving and the line between ranking and recommendation (group hh).

Rubric §0.1: hybrid is a precompute (candidates, scores or embeddings) plus an online step; precomputed
features read by an online model, a retraining schedule and a cached nightly list are not. PD-01: "order/rank/
search results" is ranking, "which items to show" is recommendation: a re-rank on a surface each user gets
without asking (home feed, "For you" row, the app as it opens) picks what that user sees, while the results of
a query or the candidates for one job or worker are ordered for that query or case.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._denied import without_denials
from skillrun.packs.ml_workflow.intake._shown import _searched
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

HYBRID_RECOMMENDATION = [
    "Recipe site: per-user candidate lists are written to Redis every night; a light model re-scores them on page"
    " view with the current session, 70 ms.",
    "Grocery app, 'Picked for you' row: candidate generation runs in a nightly batch job; on app open a ranker"
    " orders the candidates with the time of day.",
    "Bookstore: the nightly recall job writes 500 titles per reader; the ranker re-orders them online when the"
    " reader opens the app.",
    "News app: the candidate generation runs as a batch job every 2 hours; a fast re-ranker runs per request with"
    " the reader's latest clicks.",
    "Recipe app home feed: candidates built nightly from each user's past searches and saves, re-ranked on app"
    " open with the session, 80 ms.",
    "App de música: cada noche se generan 800 candidatos por oyente y, cuando el oyente abre la app, un modelo los"
    " reordena según lo que escuchó hoy; 60 ms.",
    "Modeshop: Für die Startseite werden pro Kunde nachts 400 Kandidaten berechnet; beim Öffnen der App sortiert"
    " ein Ranking-Modell sie mit den Klicks der laufenden Sitzung neu (unter 90 ms).",
    "Appli de streaming : les candidats de la page d'accueil sont pré-calculés chaque nuit pour chaque abonné, puis"
    " réordonnés en ligne selon la session en cours, en moins de 90 ms.",
    "音乐App首页：每晚离线为每个用户召回1000首候选歌曲，打开App时结合当前会话实时重排，延迟低于60毫秒。",
    "App di notizie: i candidati per ogni lettore vengono calcolati ogni notte e riordinati online quando si apre"
    " l'app, entro 70 ms.",
    "Loja online: os candidatos da página inicial são pré-calculados toda noite para cada cliente e reordenados"
    " quando ele abre o app, em até 80 ms.",
]
HYBRID_RANKING = [
    "Docs search for a SaaS vendor: pages are embedded offline every night, and for each query we retrieve 100"
    " chunks and re-rank them with a cross-encoder, p95 250 ms.",
    "Home-care agency: for each open visit a nightly job precomputes a shortlist of 50 caregivers; when the"
    " coordinator opens the visit, we re-order the shortlist by distance and availability in under 200 ms.",
    "Freight exchange: for each new load the shortlist of carriers is refreshed nightly and re-ranked at request"
    " time with the live truck positions, p95 150 ms.",
    "Buscador de recetas: los embeddings de las 90.000 recetas se calculan cada noche; en cada búsqueda se"
    " recuperan 300 y un modelo ordena los resultados según la consulta, en menos de 120 ms.",
    "Interne Dokumentensuche: Alle Handbücher werden nachts vektorisiert; bei jeder Suchanfrage holen wir 200"
    " Passagen und sortieren sie mit einem Cross-Encoder neu, unter 300 ms.",
    "Recherche juridique : les documents sont vectorisés chaque nuit ; à chaque requête, on récupère 200 passages"
    " et un modèle les réordonne par pertinence, en moins de 400 ms.",
    "文档检索：每天凌晨把全部文档向量化，用户查询时召回200段，再用精排模型重新排序，P99 < 300ms。",
]
# Controls: a cached nightly list is batch; an online scorer with a retraining schedule or with features kept
# fresh in a feature store is real-time; a list ordered each night for the people filling one vacancy is a
# batch ranking.
CONTROLS = [
    (
        "Video platform: every night compute 30 recommended titles per subscriber and store them; the app only reads"
        " the stored list at launch, no model call online.",
        "recommendation",
        "batch",
    ),
    (
        "电商首页推荐：每晚为每个用户生成50个推荐商品并写入缓存，第二天直接读取展示，不做在线计算。",
        "recommendation",
        "batch",
    ),
    (
        "Shop search: rank the products for each query live with an online model, nothing precomputed, p99 80 ms.",
        "ranking",
        "real-time",
    ),
    (
        "Moteur de recherche : classer les résultats de chaque requête en direct, sans aucun précalcul, en moins de"
        " 100 ms.",
        "ranking",
        "real-time",
    ),
    (
        "Hotel search: review and price features are refreshed hourly in the feature store; the online ranker orders"
        " the hotels for each query in under 100 ms.",
        "ranking",
        "real-time",
    ),
    (
        "Startseite: Merkmale werden nachts in den Feature Store geschrieben; das Online-Modell wählt beim Öffnen der"
        " App die Artikel für jeden Nutzer aus, unter 80 ms.",
        "recommendation",
        "real-time",
    ),
    (
        "Bolsa de empleo: cada noche ordenar a los candidatos de cada vacante por ajuste para que los reclutadores los"
        " revisen por la mañana.",
        "ranking",
        "batch",
    ),
]
ONLINE_FEED_RETRAINED_NIGHTLY = (
    "Home feed: an online model scores all eligible posts for the user at request time in 120 ms; the model is"
    " retrained every night."
)


@pytest.mark.parametrize("text", HYBRID_RECOMMENDATION)
def test_a_re_rank_on_the_users_own_surface_is_hybrid_recommendation(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert (brief.problem_type, brief.serving_mode) == ("recommendation", "hybrid")


@pytest.mark.parametrize("text", HYBRID_RANKING)
def test_query_results_and_one_cases_candidates_are_hybrid_ranking(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert (brief.problem_type, brief.serving_mode) == ("ranking", "hybrid")


@pytest.mark.parametrize(("text", "problem_type", "mode"), CONTROLS)
def test_controls_keep_their_reading(read, text: str, problem_type: str, mode: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert (brief.problem_type, brief.serving_mode) == (problem_type, mode)


def test_an_online_feed_retrained_nightly_is_real_time_recommendation(read) -> None:  # noqa: ANN001
    brief = read(ONLINE_FEED_RETRAINED_NIGHTLY)
    assert (brief.problem_type, brief.serving_mode) == ("recommendation", "real-time")


def test_embedding_vectors_are_no_embedded_device(read) -> None:  # noqa: ANN001
    assert (
        read(
            "Internal code search: repository chunks are embedded in a batch job every 6 hours; each query"
            " pulls the top 200 chunks and a reranker orders them, p99 300 ms."
        ).serving_mode
        == "hybrid"
    )
    assert (
        read(
            "Factory line: the defect model runs embedded in the camera firmware and flags bad parts without"
            " a network."
        ).serving_mode
        == "edge"
    )


def test_a_feature_refresh_is_blanked_before_the_serving_words() -> None:
    folded, _ = prepare(
        "Hotel features are computed nightly into our Feast feature store; the online ranker reads"
        " them at query time."
    )
    blanked, denied = without_denials(folded, knowledge())
    assert "nightly" not in blanked and "at query time" in blanked
    assert len(blanked) == len(folded) and denied == 0
    # Scores or candidates written away each night are predictions, not features: they stay.
    folded, _ = prepare("Candidate scores are computed nightly; a ranker re-orders them at request time.")
    assert "nightly" in without_denials(folded, knowledge())[0]


@pytest.mark.parametrize(
    ("text", "searched"),
    [
        ("destinations suggested to each visitor from their past trips and searches", False),
        ("candidatos a partir de su historial de búsquedas y favoritos", False),
        ("re-rank the results for each search with the shopper's session", True),
        ("rank the products returned for each query", True),
    ],
)
def test_a_past_search_is_a_signal_not_a_query(text: str, searched: bool) -> None:
    folded, _ = prepare(text)
    assert _searched(folded, knowledge()) is searched


@pytest.mark.parametrize(
    "text",
    [
        "We can precompute embeddings nightly, but the page-load budget is 150 ms.",
        "A nightly retrieval job feeds a real-time ranker.",
        "离线每天生成候选，线上根据实时行为重排。",
        "Kandidaten werden nachts berechnet, online neu sortiert.",
        "Candidats pré-calculés chaque nuit, réordonnés en ligne.",
        "Candidatos precalculados cada noche, reordenados en línea con la sesión.",
    ],
)
def test_a_bare_precompute_and_online_step_is_hybrid(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "hybrid"
