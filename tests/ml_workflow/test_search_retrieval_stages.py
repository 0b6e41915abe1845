"""A search ranked in two stages (candidates retrieved for the query, then re-ranked) is real-time: 召回 / 精排
and "candidate generation" name two online stages there, not a precompute (group he: he-54, a legal search in
Chinese, was read as hybrid). A recommender's retrieval plus ranking, and a search over documents embedded
offline, stay hybrid."""

from __future__ import annotations

import pytest

PER_QUERY = [
    "法律检索平台：律师输入一段案情描述后，先从约 1,200 万份裁判文书中召回 500 篇候选，再用精排模型重新排序，返回最相关的前 20"
    " 篇，P99 延迟 < 300ms。训练数据来自 3 万组律师标注的相关性判断。部署在阿里云。",
    "电商搜索：用户输入关键词后，先用 ES 召回 1000 个商品，再用精排模型排序，返回前 50 个，P99 < 100ms。",
    "Site search for a DIY retailer: candidate generation with BM25 for each query, then a learned re-ranker orders"
    " the top 200, p99 under 120 ms.",
]
STILL_HYBRID = [
    "我们是一家法律科技公司，律师输入问题后，需要从200万份判决书中找出最相关的并排在前面；计划离线把所有文书向量化，查询时召回前100再用模型精排。",
    "短视频 App：每晚离线为每个用户召回 500 个候选视频，用户打开 App 时实时精排，返回前 20 个，延迟 < 80ms。",
    "视频平台首页推荐：双塔模型召回候选，GBDT 精排，2000 万用户。",
    "Job board: nightly candidate generation of 300 jobs per seeker, then a cross-encoder re-ranks them per query"
    " while the seeker searches.",
]


@pytest.mark.parametrize("text", PER_QUERY)
def test_retrieval_then_rerank_for_each_query_is_real_time(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "real-time"


@pytest.mark.parametrize("text", STILL_HYBRID)
def test_precomputed_or_recommender_stages_stay_hybrid(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "hybrid"
