"""The labelled intake requests, grouped by the set or batch they came from.

Each group was written by one person at one time; leave-one-group-out evaluation trains on every other
group. ``first_look`` names the commit whose rules had not yet been tuned on the group (the commit that
added it, "written before running the engine on them"), or None when the rules were built from it.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from skillrun.packs.ml_workflow.brief import RUBRIC_PROBLEM_TYPES

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests" / "ml_workflow"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    text: str
    problem_type: str
    serving_mode: str
    temporal: bool | None


# group -> (source, id prefix or range, first-look commit)
DEV_BATCHES = {  # tests/ml_workflow/dev_requests.jsonl, in the order they were written
    "dv": "2b547d1", "dw": "f541bfd", "dx": "007799b", "dy": "e2e593d", "dz": "3765915", "du": "d27b143",
    "dt": "55181c9", "ds": "5ca11b2", "dr": "4ce070d", "dq": "6c013ed", "dp": "4972e79",
}  # fmt: skip
HOLDOUT_BATCHES = [  # tests/ml_workflow/holdout_requests.jsonl: (group, first id, last id, first-look commit)
    ("ho1", 1, 54, "a59cdd3"), ("ho2", 55, 80, "157ca72"), ("ho3", 81, 104, "fa2be85"),
    ("ho4", 105, 124, "1dbead2"), ("ho5", 125, 144, "5def737"),
]  # fmt: skip
FIRST_LOOK = {
    **DEV_BATCHES,
    **{g: c for g, _, _, c in HOLDOUT_BATCHES},
    "fresh": "8228772",
    "setA": "79fd47f",
    "do": "0290c73",
    "dn": "6e6193b",
    "dm": "35bd8d4",
    "di": "db829c0",
    "dg": "dab9c55",
    "dk": "df731c5",
    "dh": "f15aaa2",
    "ed": "0d19bdb",
    "ea": "3cd7a5e",
    "ee": "a9af778",
    "eb": "d2483ed",
    "eh": "4759690",
    "eg": "69afed1",
    "fb": "580a1de",
    "fc": "98a39ab",
    "fd": "d270aa9",
    "fa": "dbc85b8",
    "gb": "cb5ddc9",
    "ga": "7c3ee69",
    "ha": "b2ec47b",
    "hb": "79ddbe9",
    "hd": "97ee898",
    "he": "e4f6660",
    "hc": "de6660b",
    "hf": "07e3f1a",
    "hg": "20e7b97",
    "hh": "5c622b3",
    "hj": "ebc3d1d",
    "ja": "1e5cb34",
    "jb": "3e80aa0",
    "jc": "ce4949d",
    "ic": "880a793",
    "ib": "9d0910c",
    "kd": "873ab2b",
    "ke": "8e17fc7",
    "kf": "d670747",
    "ka": "2ca1339",
    "ta": "a2a8929",
    "sa": "a2a8929",
    "la": "6608c17",
    "lb": "6608c17",
    "na": "d90c0a1",
    "pa": "d90c0a1",
    "ma": "d90c0a1",
    "hx": "4b52a49",
    "ix": "4b52a49",
    "xa": "4b52a49",
    "ex": "4b52a49",
    "kx": "965588e",
    "qx": "965588e",
    "rx": "965588e",
    "ad": "965588e",
    "ae": "965588e",
    "ag": "965588e",
    "ah": "965588e",
    "ai": "965588e",
    "an": "965588e",
}
"""Group -> the commit whose rules first read it (fresh: measured once at the end, before its fixes)."""


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _case(row: dict, group: str) -> Case:
    e = row["expect"]
    return Case(row["id"], group, row["request"], e["problem_type"], e["serving_mode"], e.get("temporal"))


def load_cases(heldout_a: Path | None = None, shared: Path | None = None) -> list[Case]:
    """Every labelled request we have, each tagged with its group (about 950)."""
    import yaml

    shared = shared or Path(os.environ.get("SKILLRUN_SHARED", REPO.parent / "shared"))
    heldout_a = heldout_a or Path(
        os.environ.get("SKILLRUN_HELDOUT_A", REPO.parent / "heldout" / "set_a.jsonl")
    )
    cases: list[Case] = []
    path = shared / "evals" / "ml-workflow.cases.jsonl"
    if path.exists():
        cases += [_case(r, "shared") for r in _jsonl(path)]
    suite = yaml.safe_load((REPO / "evals" / "ml-workflow" / "cases.yaml").read_text(encoding="utf-8"))[
        "cases"
    ]
    # Clustering (beyond the rubric's 15 types) is read by the wording rules alone (intake/_segments.py): a class
    # learned from one example would only be noise in the model's vote.
    cases += [_case(r, "suite") for r in suite if r["expect"]["problem_type"] in RUBRIC_PROBLEM_TYPES]
    cases += [_case(r, "suite-ml") for r in _jsonl(REPO / "evals" / "ml-workflow" / "multilingual.jsonl")]
    spec = importlib.util.spec_from_file_location("own_requests", TESTS / "requests.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases += [
        Case(f"own-{i:02d}", "own", r, pt, sm, None)
        for i, (r, pt, sm, _) in enumerate(module.OWN_REQUESTS, 1)
    ]
    for row in _jsonl(TESTS / "holdout_requests.jsonl"):
        n = int(row["id"].split("-")[1])
        group = next(g for g, lo, hi, _ in HOLDOUT_BATCHES if lo <= n <= hi)
        cases.append(_case(row, group))
    cases += [_case(r, "fresh") for r in _jsonl(TESTS / "fresh_requests.jsonl")]
    cases += [_case(r, r["id"].split("-")[0]) for r in _jsonl(TESTS / "dev_requests.jsonl")]
    if heldout_a.exists():
        cases += [_case(r, "setA") for r in _jsonl(heldout_a)]
    # Training only (written for the intake3 retrain, aimed at the classes the learned model overruled).
    cases += [_case(r, "do") for r in _jsonl(HERE / "do_requests.jsonl")]
    # Training only (intake4 retrain: hybrid serving, extraction, boxes, soft sensors, uplift phrasing).
    cases += [_case(r, "dn") for r in _jsonl(HERE / "dn_requests.jsonl")]
    # Training only (intake5: hybrid with a form or live context, "order the list by likelihood",
    # labelled behaviour on streams, physiological signals, several defect kinds per photo).
    cases += [_case(r, "dm") for r in _jsonl(HERE / "dm_requests.jsonl")]
    # Training only (intake-enum: one of 3+ named values, hybrid recommendation/offer serving in five
    # languages, document review, field extraction outside English).
    cases += [_case(r, "di") for r in _jsonl(HERE / "di_requests.jsonl")]
    # Training only (intake6: event-triggered deadlines vs a caller waiting, on-gateway inference, no labels
    # plus sensor streams in six languages, several labels per text, photos plus text as the input).
    cases += [_case(r, "dg") for r in _jsonl(HERE / "dg_requests.jsonl")]
    # Training only (intake-qty: measured quantities per item, counts per entity, availability minutes
    # ahead, domain words shared across fields, visual nouns such as thumbnails and avatars; 20 controls).
    cases += [_case(r, "dk") for r in _jsonl(HERE / "dk_requests.jsonl")]
    # Training only (intake-qty, written after the rules' fixes for those classes and before running the
    # engine on it: its first look is the fixed rules' look at new text).
    cases += [_case(r, "dh") for r in _jsonl(HERE / "dh_requests.jsonl")]
    # Training only, no first look (intake-qty, written after the retrain read "the <noun> of each <item>" as
    # an amount whatever the noun): classes and yes/no outcomes phrased "the X of each Y", in six languages,
    # and lists ordered by that probability (ranking), which the probabilities alone had pulled to yes/no.
    cases += [_case(r, "dj") for r in _jsonl(HERE / "dj_requests.jsonl")]
    # Training only (intake-breadth-en): 60 English requests spread over all 15 types and 5 serving modes in
    # less common domains (public sector, aviation, agriculture, pharma, sport, games...); 12 controls.
    cases += [_case(r, "ed") for r in _jsonl(HERE / "ed_requests.jsonl")]
    # Training only (intake-visual): pictures named indirectly (wafer maps, micrographs, Röntgenaufnahmen,
    # clichés, 晶圆图), objects found or counted in footage vs a verdict on the whole picture; 11 controls.
    cases += [_case(r, "ea") for r in _jsonl(HERE / "ea_requests.jsonl")]
    # Training only (intake-multilingual: es/de/fr/zh plus pt/it; outcomes observed later vs categories of
    # fixed properties, "which X will ..." yes/no, local number and latency notation; about 12 controls).
    cases += [_case(r, "ee") for r in _jsonl(HERE / "ee_requests.jsonl")]
    # Training only (intake-callers): yes/no or category decisions made from a text plus account, amount, device
    # or behaviour signals (binary/multiclass, not text classification), typos included; a named system calling
    # the model ("the planning system calls the model 2 hours before departure") is real-time; 13 controls.
    cases += [_case(r, "eb") for r in _jsonl(HERE / "eb_requests.jsonl")]
    # Training only, no first look (intake-callers, written after the first retrain overruled the rules on
    # "from the post text only, though we keep the account age"): texts that mention signals they do not use,
    # more text-plus-signals decisions, named callers hours ahead or at low volume, and job/deadline controls.
    cases += [_case(r, "ebx") for r in _jsonl(HERE / "ebx_requests.jsonl")]
    # Training only, no first look (lead, after the merges of ea/eb/ed/ee): insurance pricing per policy-year in
    # seven languages (the retrained model took a German tariff request for a yes/no about contracts), with
    # contract churn, reserving and claim fraud as controls.
    cases += [_case(r, "ef") for r in _jsonl(HERE / "ef_requests.jsonl")]
    # Training only (intake-serving2): precompute plus re-rank at page load (hybrid), forecasts recomputed every
    # few minutes (batch) vs per-event stream scoring, inline inspection on a server vs on the device, and
    # claims/returns decided now but observed later (temporal); 10 controls, five languages.
    cases += [_case(r, "eh") for r in _jsonl(HERE / "eh_requests.jsonl")]
    # Training only (intake-targets2): fields pulled out of documents without the word "extract", the product
    # each client will buy next, a ticket or e-mail field filled from its text, a verdict on the item in a picture.
    cases += [_case(r, "eg") for r in _jsonl(HERE / "eg_requests.jsonl")]
    # Training only (intake-horizon): quantities per entity for each future period without the word "forecast"
    # vs amounts not indexed by periods; flag-the-unusual with a handful of confirmed cases vs ample labels.
    cases += [_case(r, "fb") for r in _jsonl(HERE / "fb_requests.jsonl")]
    # Training only (intake-restate): requests that correct or narrow themselves ("segments?? actually no —
    # predict ...", "statt einer Empfehlung", "不是…而是"), several objects found in one picture each with a state
    # vs one item's state, clause/mention boundaries in texts vs boundaries in images; 11 controls, six languages.
    cases += [_case(r, "fc") for r in _jsonl(HERE / "fc_requests.jsonl")]
    # Training only (intake-serving2, fd): a stated schedule beside telemetry or a stream (batch), the user's
    # action as the scoring point (real-time), negated serving words, "en direct" / "au fil de l'eau", a
    # high-rate mail delivery pipeline (streaming); 10 controls, six languages.
    cases += [_case(r, "fd") for r in _jsonl(HERE / "fd_requests.jsonl")]
    # Training only (intake-recs): items shown to a user read as yes/no or ranking: "also bought"/"similar"
    # blocks on an item page, the next item predicted and shown as suggestions, the order of the items in
    # each user's alert e-mail, swipe deck or feed; 11 controls (search ranking, one-product yes/no, amounts).
    cases += [_case(r, "fa") for r in _jsonl(HERE / "fa_requests.jsonl")]
    # Training only (intake-profiles): a domain profile's cue word in another sense (SQL query, river discharge,
    # Spanish "demanda" as a lawsuit, French "scanner" of barcodes, HPLC retention time, Markdown files, AML the
    # leukaemia); 10 controls where the profile is right, six languages.
    cases += [_case(r, "gb") for r in _jsonl(HERE / "gb_requests.jsonl")]
    # Training only (intake-collisions, ga): a cue word of one language met in another language's sense
    # (French "même", "location", "application", Italian "carta", "camera", "al momento", English "station",
    # "scanner", "handy", "live", German "sonst"); 10 controls where the cue means what it says.
    cases += [_case(r, "ga") for r in _jsonl(HERE / "ga_requests.jsonl")]
    # Training only (intake-eventtime, ha): a score wanted at a per-item event (upload, onboarding, first notice of
    # loss, a coil or parcel leaving a station, a quote, typing in a form) with no deadline or a minute or two is
    # real-time; 11 controls (nightly/weekly lists, hour or 30-minute deadlines, a 15-minute job, streams, edge).
    cases += [_case(r, "ha") for r in _jsonl(HERE / "ha_requests.jsonl")]
    # Training only (intake-textcat, hb): free text sorted into one of several categories (intents, chambers,
    # queues, product areas), the text named only as "the complaint", "the description field", "Betreff und
    # Text", "工单内容"; 12 controls (tabular multiclass, spam/toxicity/sentiment, spans, several tags, photos).
    cases += [_case(r, "hb") for r in _jsonl(HERE / "hb_requests.jsonl")]
    # Training only (intake-leftovers, hd): the model on a computer in each store or plant (edge, also with a
    # camera stream and an alert in seconds), Italian "la camera" as a room, Spanish "diario" as a newspaper, AML
    # alert triage, "will purchase" outside trial conversion, German "Fall"/"falls", negated media; 15 controls.
    cases += [_case(r, "hd") for r in _jsonl(HERE / "hd_requests.jsonl")]
    # Training only (intake-suite, hj): 60 requests over all 15 types and 5 modes in less common domains (public
    # sector, utilities, mining, aviation MRO, labs, sport), 24 in es/de/fr/zh; yes/no questions carrying a number
    # ("more than 15 minutes late", "at least 20 deliveries") vs their amounts, and "which of N" (one option) vs
    # "all the X among N" (several) vs yes/no.
    cases += [_case(r, "hj") for r in _jsonl(HERE / "hj_requests.jsonl")]
    # Training only (intake-broad, he): first-look requests in the shared suite's longer style (company, team,
    # cloud, volumes, latency) over all 15 types and 5 serving modes, 36 English and 24 es/de/fr/zh/pt/it,
    # in agriculture, energy, public sector, logistics, games, biotech, law, education, building, aviation,
    # shipping, mining and sport; 12 controls.
    cases += [_case(r, "he") for r in _jsonl(HERE / "he_requests.jsonl")]
    # Training only (intake-framings, hc): a suggested amount/price/rent/bid (regression, not items or yes/no),
    # the content variant shown to each user (recommendation, even for images), candidates ordered for one
    # worker's situation (ranking), several parts/labels per photo, scarce labels beside detect-the-unusual.
    cases += [_case(r, "hc") for r in _jsonl(HERE / "hc_requests.jsonl")]
    # Training only, no first look (intake-framings, written after a trial retrain on hc read "suggest the
    # category of each new listing" as an amount): "suggest/recommend/propose" with a category, team, tags or
    # items as the object, "recommend whether", more suggested amounts, one vs several labels per photo.
    cases += [_case(r, "hcx") for r in _jsonl(HERE / "hcx_requests.jsonl")]
    # Training only (intake-lifecycle, hf): a score wanted at a business-process step of the item (at publish time,
    # at discharge, when the background check clears, at checkout, boarding, dispatch, hand-over, renewal), also
    # "whether they complete N trips" as yes/no, in en/es/de/fr/zh; 10 controls (daily/weekly lists of that step's
    # items, an hours-long deadline, a retraining schedule, a Kafka stream).
    cases += [_case(r, "hf") for r in _jsonl(HERE / "hf_requests.jsonl")]
    # Training only (intake-edgebox, hg): the model on a small computer at the place of use named as a box or PC
    # (the checkout's GPU box, an industrial PC next to the line, the head unit, a robot's onboard computer, the
    # gateway in each substation, "runs in the camera", 工控机, 车机) in six languages; 12 controls (hospital or
    # data-centre GPU servers, cloud GPUs, a box of parcels, PC users, an API gateway, offline metrics).
    cases += [_case(r, "hg") for r in _jsonl(HERE / "hg_requests.jsonl")]
    # Training only (intake-hybrid, hh): candidates or embeddings precomputed nightly plus an online re-rank
    # (hybrid) in seven languages, feeds/rows from history (recommendation) vs query results or one job's or
    # worker's candidates (ranking); 11 controls (cached nightly lists, pure online scorers, a retraining
    # schedule or feature-store features beside an online model).
    cases += [_case(r, "hh") for r in _jsonl(HERE / "hh_requests.jsonl")]
    # Training only (intake-lead, ja): pictures whose objects are counted or outlined vs judged whole, spans found
    # in a text vs the whole text's class, uplift wording with and without a control group ("sent to everyone, no
    # control group" is a response model), search results vs a user's feed or digest, amounts per period vs per
    # item, several labels per photo or track; en/de/es/fr/it/pt/zh.
    cases += [_case(r, "ja") for r in _jsonl(HERE / "ja_requests.jsonl")]
    # Training only (intake-lead, jb): terse one-line requests (abbreviations such as recsys, LTR, NER, tps, typos,
    # "on submit", "ceiling cams", "box per store") over the common types and modes, en/de/es/fr/zh.
    cases += [_case(r, "jb") for r in _jsonl(HERE / "jb_requests.jsonl")]
    # Training only (intake-lead, jc): how scores are consumed, in the suite's longer style: nightly lists, a caller
    # waiting (a payment gateway, a core banking system, an agent while the customer is on the phone), stream topics,
    # a nightly pool re-scored at page load, the device itself; en/de/es/fr/zh/pt/it.
    cases += [_case(r, "jc") for r in _jsonl(HERE / "jc_requests.jsonl")]
    # Training only (intake-types, ic): the next symbol/step/event code of a sequence as one of a fixed set
    # (multiclass), several/zero-or-more/可多选 categories (multilabel), hourly/daily/täglich/quotidien amounts for
    # coming periods (forecasting), rare confirmed positives and spam accounts judged from metadata (yes/no), one
    # claim's/job's/patient's candidates ordered (ranking), medium words inside a business name (video-streaming
    # churn), account verdicts at registration, 短信召回 and "por demanda"; 10 controls, en/es/de/fr/zh.
    cases += [_case(r, "ic") for r in _jsonl(HERE / "ic_requests.jsonl")]
    # Training only (intake-serving-site, ib): the model on a box, PC or local server at each store, plant, farm or
    # site fed by its cameras or sensors (edge), Twitter streams, firehoses, wires and message queues as stream
    # sources, video sent to the cloud (streaming or real-time), tweets and headlines as text, in en/es/de/fr/zh/pt/it;
    # controls: cloud and data-centre GPU servers, "our servers", a central Kafka fed by the stores, "edge" used
    # figuratively, Kinesis Firehose as a delivery service into a nightly job, "checkout queues" as a place.
    cases += [_case(r, "ib") for r in _jsonl(HERE / "ib_requests.jsonl")]
    # Training only (intake-lead, kd): when a score is needed: an item's own event (at submission, when the record
    # is opened, as it is received), next-morning results, a caller held until the model answers beside a stream,
    # streams nobody waits on, nightly candidates with an online step; controls consumed on a schedule; en/de/es/fr/zh.
    cases += [_case(r, "kd") for r in _jsonl(HERE / "kd_requests.jsonl")]
    # Training only (intake-lead, ke): requests that talk around their ask: another model named as context, questions
    # ("can ML tell us which..."), long background, a phase 1 beside a later phase 2, corrections ("not yes/no, the
    # actual amount"); en/es/de/fr/zh.
    cases += [_case(r, "ke") for r in _jsonl(HERE / "ke_requests.jsonl")]
    # Training only (intake-lead, kf): code-switched requests, English ML jargon (churn prediction model, real-time,
    # recommender, NER, learning-to-rank, bounding boxes) inside zh/es/de/fr/it/pt sentences.
    cases += [_case(r, "kf") for r in _jsonl(HERE / "kf_requests.jsonl")]
    # Training only (intake-lead, ka): amounts per coming period without "forecast" vs per-item amounts, the
    # probability or risk of one event per item vs expected amounts and population rates, unseen faults with
    # almost no labels, comma enumerations and "any of"/"all that apply", CDRs as tabular events, on-arrival
    # scoring in es/de/fr/pt; 11 controls.
    cases += [_case(r, "ka") for r in _jsonl(HERE / "ka_requests.jsonl")]
    # Blind sets T (40, everyday requests) and S (40, hard phrasings in unusual domains), written by helpers and
    # scored at a2a8929 before anyone read them (type 87.5% and 82.5%); then their misses were read and fixed.
    # T's t-27 (several job fields per application letter) is relabelled multilabel, the project's convention
    # for several labels on a text, which the helper's brief had stated wrongly.
    cases += [_case(r, "ta") for r in _jsonl(HERE / "ta_requests.jsonl")]
    cases += [_case(r, "sa") for r in _jsonl(HERE / "sa_requests.jsonl")]
    # Training only (intake-lead, la): one of N said each language's way (四选一, "una de las 6"), texts described
    # indirectly (records written by crew, PDFs with a text layer), quantities per part from process parameters,
    # day-by-day amounts over a coming horizon, randomised pilots for targeting, boxes vs outlines vs verdicts,
    # "not after X as such"; 12 controls. lb: all 15 types and 5 modes in uncommon domains, hard serving phrasings.
    cases += [_case(r, "la") for r in _jsonl(HERE / "la_requests.jsonl")]
    cases += [_case(r, "lb") for r in _jsonl(HERE / "lb_requests.jsonl")]
    # Blind sets N (50, long requests with distractors: forms declined, tables holding a text, an app that only
    # uploads) and P (50, plain descriptions without ML words), written by helpers and scored at d90c0a1 before
    # anyone read them (type 72.0% and 80.0%); then their misses were read and fixed.
    cases += [_case(r, "na") for r in _jsonl(HERE / "na_requests.jsonl")]
    cases += [_case(r, "pa") for r in _jsonl(HERE / "pa_requests.jsonl")]
    # Blind set M (50, written mid-session), scored at d90c0a1 and read then; blind sets H (long, with other
    # projects set aside), I (terse), X (mixed) and E (half in Spanish, German, French and Chinese), written
    # by helpers in the third session and scored at 4b52a49 before anyone read them (type 94, 94, 94, 86%).
    # Four of their labels are set to the project's convention here: chat moderation and SMS phishing are
    # temporal (adversarial drift, the shared case ml-016), which the helpers had labelled static (h-32, i-30,
    # e-30, e-31).
    cases += [_case(r, g) for g in ("ma", "hx", "ix", "xa", "ex") for r in _jsonl(HERE / f"{g}_requests.jsonl")]
    # Fourth session: the older blind sets K, Q and R, never read until then, and the new sets AD (spec-like),
    # AE (terse), AG (near a boundary), AH (long, with other projects pointed back at), AI (domain experts) and
    # AN (half in Spanish, German, French and Chinese), written by helpers from the label conventions and scored
    # at 965588e before anyone read them. One label follows the project's convention over the helper's: forum
    # toxicity is temporal (k-19, as ml-016).
    groups = ("kx", "qx", "rx", "ad", "ae", "ag", "ah", "ai", "an")
    cases += [_case(r, g) for g in groups for r in _jsonl(HERE / f"{g}_requests.jsonl")]
    return cases
