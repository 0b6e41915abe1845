"""The knowledge base loads fast and right: cheap cue matching equals plain regex matching, and the
on-disk cache is keyed by content and never breaks a run."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from skillrun._cache_dir import user_cache_dir
from skillrun.packs.ml_workflow import _kbcache
from skillrun.packs.ml_workflow._cues import Cues, _needles
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import _FILES, Knowledge, _paths, build, knowledge

from .requests import OWN_REQUESTS

HERE = Path(__file__).parent


def _texts() -> list[str]:
    holdout = [
        json.loads(line)["request"] for line in (HERE / "holdout_requests.jsonl").read_text().splitlines()
    ]
    dev = [
        json.loads(line)["request"] for line in (HERE / "dev_requests.jsonl").read_text().splitlines()
    ]
    return [prepare(t)[0] for t in [*(r[0] for r in OWN_REQUESTS), *holdout, *dev]]


def _all_cues(kb: Knowledge) -> list[Cues]:
    groups = [
        kb.problem_cues, kb.serving_cues, kb.cloud_cues, kb.gpu_cues, kb.budget_cues, kb.maturity_cues,
        kb.regulated_cues, kb.domain_cues, kb.modality_cues, kb.form_cues, kb.consumption_cues, kb.time_cues,
    ]  # fmt: skip
    return [c for g in groups for c in g.values()] + [kb.edge_strong] + [c for _, c in kb.source_cues]


def test_cheap_matching_equals_regex_matching() -> None:
    texts = _texts()
    checked = 0
    for cues in _all_cues(knowledge()):
        for cue, latin, _ in cues.literals:
            pattern = re.compile((r"(?<![a-z0-9])" if latin else "") + re.escape(cue))
            for text in texts:
                assert (Cues([cue]).count(text) == 1) == bool(pattern.search(text)), (cue, text)
        for regex, _ in cues.regexes:
            pattern = re.compile(regex.source)
            for text in texts:
                assert (regex.search(text) is not None) == bool(pattern.search(text)), (regex.source, text)
                checked += 1
    assert checked > 10_000


@pytest.mark.parametrize(
    ("cue", "needles"),
    [
        ("predict (the )?(demand|sales)", ("predict ",)),
        ("(extract|pull|anonymi[sz])\\w* names", ("extract", "pull", "anonymi")),
        ("(a |at )?random (half|sample)", ("random ",)),
        ("(for|in) (the )?(next|coming) \\d+", ("next", "coming")),
        ("(?<![0-9] )daily(?! active)", ("daily",)),
        ("(?:(?!which)[a-z]){0,30}(value|price)", ("value", "price")),
        ("\\d+ categories", (" categories",)),
        ("e-?mails?", ("mail",)),
        ("(a|b) c", ()),
        ("churn|attrition", ()),
        ("\\bs3\\b", ()),
    ],
)
def test_needles(cue: str, needles: tuple[str, ...]) -> None:
    assert _needles(cue) == needles


def test_weak_cues_vote_at_half_weight() -> None:
    cues = Cues(["nightly"], weight=2.0, weak=["report"])
    assert cues.score("a nightly report") == 3.0 and cues.count("a nightly report") == 2


def _source_texts() -> dict[str, str]:
    return {name: p.read_text(encoding="utf-8") for name, p in zip(_FILES, _paths(), strict=True)}


def test_cache_round_trip_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(tmp_path))
    texts = _source_texts()
    built = []

    def counting_build(t: dict[str, str]) -> Knowledge:
        built.append(1)
        return build(t)

    first = _kbcache.load_or_build(texts, counting_build, Knowledge)
    second = _kbcache.load_or_build(texts, counting_build, Knowledge)
    assert len(built) == 1 and len(list(tmp_path.glob("*.pickle"))) == 1
    assert second.problem_cues["forecasting"].count("forecast demand") == first.problem_cues[
        "forecasting"
    ].count("forecast demand")
    changed = dict(texts, experiments=texts["experiments"] + "\n# edited\n")
    _kbcache.load_or_build(changed, counting_build, Knowledge)
    assert len(built) == 2 and len(list(tmp_path.glob("*.pickle"))) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps({"a": 1}), b"\x80\x05K"])
def test_corrupt_cache_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, garbage: bytes) -> None:
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(tmp_path))
    texts = _source_texts()
    _kbcache.load_or_build(texts, build, Knowledge)
    (cached,) = tmp_path.glob("*.pickle")
    cached.write_bytes(garbage)
    kb = _kbcache.load_or_build(texts, build, Knowledge)
    assert isinstance(kb, Knowledge)
    assert isinstance(pickle.loads(cached.read_bytes()), Knowledge)  # replaced by a good copy


def test_unwritable_or_disabled_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", str(blocker / "sub"))
    assert isinstance(_kbcache.load_or_build(_source_texts(), build, Knowledge), Knowledge)
    monkeypatch.setenv("SKILLRUN_CACHE_DIR", "off")
    assert user_cache_dir() is None
    assert isinstance(_kbcache.load_or_build(_source_texts(), build, Knowledge), Knowledge)


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SKILLRUN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "skillrun"


def test_yaml_parses_without_libyaml() -> None:
    import yaml

    for path in _paths():
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        ), path


def test_every_domain_profile_names_its_sources() -> None:
    kb = knowledge()
    assert all(d.source and len(d.source) > 20 for d in kb.domains)


def test_profiles_named_in_the_intake_code_exist() -> None:
    # A typo in a profile id would silently switch its rule off.
    from skillrun.packs.ml_workflow.intake import _NAMED_OUTCOMES
    from skillrun.packs.ml_workflow.knowledge import knowledge

    assert _NAMED_OUTCOMES <= {d.id for d in knowledge().domains}
