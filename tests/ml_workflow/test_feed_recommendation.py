"""Candidates re-ranked when a user opens or refreshes the app, with no query, are recommendation (rubric
PD-01: "which items to show"); the same re-ranking for a search stays ranking. A bird told "by its
song" ("pelo canto") is a sound.

Group ee: "每天离线生成候选视频，用户刷新时在线实时排序" read as ranking because "排序" (sort) named the
re-rank step and nothing said the list was a user's feed; "identifica a espécie de pássaro pelo canto"
named no recording. Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake

FEEDS = [
    "资讯App，500 万用户：每天离线生成候选文章，用户打开App时在线实时排序，80 毫秒内返回。",
    "News app: candidate articles are generated offline every night and re-ranked online when the reader opens the app.",
    "App de noticias: generamos candidatos cada noche y los reordenamos en tiempo real cuando el lector abre la app.",
    "Appli musicale : des candidats sont calculés chaque nuit puis réordonnés en ligne quand l'utilisateur ouvre l'application.",
]
SEARCHES = [  # controls: the user asks something
    "Job board: nightly candidate generation per seeker, then re-rank the candidates per query while the seeker searches.",
    "招聘网站：每天离线生成候选职位，用户搜索时根据查询在线重新排序。",
]


@pytest.mark.parametrize("text", FEEDS)
def test_a_feed_of_candidates_is_recommendation(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)
    brief = intake.read_request(text)
    assert brief.problem_type == "recommendation"
    assert brief.temporal is True


@pytest.mark.parametrize("text", SEARCHES)
def test_a_search_stays_ranking(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "ranking"


@pytest.mark.parametrize(
    "text",
    [
        "Aplicativo que reconhece a espécie de sapo pelo canto, funcionando offline no celular.",
        "App che riconosce la specie di uccello dal suo canto, direttamente sul telefono.",
    ],
)
def test_a_species_told_by_its_song_is_audio(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert intake.read_request(text).problem_type == "audio_classification"
