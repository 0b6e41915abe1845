"""Problem-type framings whose words point elsewhere (rubric PD-01, §0.1):

- a suggested value (a rent, a starting price, a credit limit, a bid) is an amount: regression, not
  items recommended to a user and not a yes/no, though the verb is "suggest" or "recommend";
- which variant of a piece of content each user sees (a title's artwork, a headline, one of N banners),
  learned from clicks, is recommendation, even when the variants are pictures;
- candidates for one case ordered for the worker handling it (substitutes shown to a picker, garages shown
  to a claims handler) are a ranking, not a user's recommendations and not a yes/no per candidate;
- "several possible" per photo ("mehrere möglich", "plusieurs possibles", "可多选") is multilabel;
- labels said to be scarce with words between ("labels come from a honeypot and are scarce", "the few labels
  we have") beside a detect-the-suspicious intent is anomaly detection.

Group hc (bench/intake_model/hc_requests.jsonl) read 50% of its problem types right with the rules alone at
its first look. The sentences here are written for these tests, not taken from the group.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._overrule import keep_value
from skillrun.packs.ml_workflow.intake._task import read_task
from skillrun.packs.ml_workflow.intake._text import fold, prepare
from skillrun.packs.ml_workflow.knowledge import knowledge

SUGGESTED_VALUES = [
    "Boat rental marketplace: suggest a daily charter price for each new boat listing from its length, age and harbour; the owner sees it while filling in the form (<300 ms).",
    "Bank: recommend a credit limit for each new card holder, computed nightly and stored for the branch app.",
    "Search advertising: propose the maximum bid for every keyword of each campaign, recomputed each morning.",
    "Portal inmobiliario: sugerir el alquiler mensual de cada piso nuevo a partir de su superficie y barrio; se calcula cada noche.",
    "Gebrauchtwagenbörse: Für jedes neue Inserat einen realistischen Verkaufspreis vorschlagen, sobald der Händler die Daten eingibt (unter 200 ms).",
    "Site de location saisonnière : proposer un loyer hebdomadaire pour chaque nouvelle annonce, recalculé chaque nuit.",
    "二手房平台：根据面积、楼层和小区，为每套新挂牌的房子建议挂牌价格，每晚批量计算。",
    "Marketplace de carros: sugerir um preço de venda para cada anúncio novo; cálculo em lote toda noite.",
    "Portale immobiliare: suggerire il canone d'affitto per ogni nuovo annuncio, calcolato ogni notte.",
    "Hostel chain: suggest a room rate for each new hostel joining the platform, from its location and beds; weekly batch.",
    "Bolsa de trabajo: sugerir una banda salarial para cada oferta nueva a partir del puesto y la ciudad; se calcula cada noche.",
]  # fmt: skip
SUGGESTION_CONTROLS = [
    ("Bank: recommend whether to approve each small-business loan; the underwriting tool waits for the answer (<1 s).", "binary_classification"),
    ("Card issuer: recommend whether the credit limit of each customer should be raised; monthly batch.", "binary_classification"),
    ("Banque : recommander s'il faut accorder ou non chaque demande de prêt personnel ; traitement chaque nuit.", "binary_classification"),
    ("Krankenkasse: empfehlen, ob jeder Antrag auf Kostenübernahme genehmigt wird; 30.000 entschiedene Anträge, nächtlicher Batch.", "binary_classification"),
    ("Outdoor shop: suggest products each customer is likely to buy, shown on their homepage; recomputed nightly.", "recommendation"),
    ("Travel site: recommend hotels within the traveller's budget to each user on the homepage, refreshed nightly.", "recommendation"),
    ("Marketplace: suggest the category of each new listing from the title and description the seller typed; the form waits for it.", "text_classification"),
]  # fmt: skip

VARIANTS = [
    "Video-on-demand service: for each subscriber, decide which of the 5 poster images of a film to show in their rows, learned from past plays; the rows API answers in 60 ms.",
    "E-mail marketing: choose which of 3 subject lines each subscriber receives, learned from their past opens; computed nightly before the send.",
    "Tienda online: decidir para cada visitante cuál de los 4 banners de la portada mostrarle, aprendiendo de sus clics; en menos de 80 ms.",
    "Nachrichtenportal: Für jeden Leser entscheiden, welche von 3 Schlagzeilen eines Artikels angezeigt wird, gelernt aus Klicks; beim Seitenaufruf unter 50 ms.",
    "Plateforme de streaming : choisir pour chaque abonné laquelle des 6 vignettes d'un film afficher, apprise des clics ; réponse en moins de 100 ms.",
    "音乐App：根据每位用户的点击记录，从几张专辑封面中选出给他展示的那一张，每晚批量计算。",
]  # fmt: skip
VARIANT_CONTROLS = [
    ("Streaming service: classify each title's artwork as safe or unsafe for children, nightly batch over the catalogue.", "image_classification"),
    ("Photo agency: which of 40 categories does each uploaded photo belong to? One category per photo, batch every hour.", "image_classification"),
]  # fmt: skip

CANDIDATES = [
    "Car repair network: when a claim comes in, order the candidate garages shown to the claims handler by the probability the garage accepts the job within 24 h; the handler's screen waits (<300 ms).",
    "Helpdesk: for each incoming ticket, rank the suggested replies for the agent by how likely the agent is to send them; under 200 ms.",
    "Warehouse: when a slot is empty, order the replacement options shown to the picker by the probability the customer keeps them; the handheld waits 150 ms.",
    "Aseguradora: para cada siniestro, ordenar los peritos candidatos que se muestran al tramitador según la probabilidad de que acepten el encargo; la lista se recalcula cada hora.",
    "Apotheke: Wenn ein Medikament fehlt, die Ersatzprodukte für den Apotheker nach der Wahrscheinlichkeit sortieren, dass der Arzt zustimmt; Antwort in unter 300 ms.",
    "Centre d'appels : pour chaque demande, classer les réponses suggérées à l'agent selon la probabilité qu'il les utilise ; moins de 200 ms.",
    "客服系统：针对每张工单，把候选的回复模板按坐席采纳的概率排序，200毫秒内返回给坐席。",
]  # fmt: skip
CANDIDATE_CONTROLS = [
    ("E-commerce search: rank the products returned for each query by relevance learned from click logs; p99 under 100 ms.", "ranking"),
    ("Video app: for each user, rank the 300 candidate videos generated nightly when they open the app, 80 ms.", "recommendation"),
    ("Survey firm: sort the free-text answers of each survey into 8 themes (price, service, staff, other), one batch per survey.", "text_classification"),
]  # fmt: skip

SEVERAL_PER_PHOTO = [
    "Roof inspection drone: for each photo, report which of 7 defects are visible (several possible); processed in a nightly batch.",
    "Car damage photos: tell which panels are dented or scratched (multiple allowed); the claims app waits for the answer within 2 s.",
    "Aquarium camera: for each image, which of 15 fish species are in it? Fish of different species often appear together in the same frame. Nightly batch.",
    "Fotos von Hagelschäden: erkennen, welche Bauteile betroffen sind (mehrere möglich) – Dach, Motorhaube, Kotflügel; nächtlicher Batch.",
    "Photos de chantier : indiquer quels équipements de sécurité sont portés (plusieurs possibles) : casque, gilet, gants ; traitement par lots chaque soir.",
    "Fotos de platos: indicar qué alérgenos aparecen (varios posibles): gluten, lácteos, frutos secos; se procesa cada hora.",
    "每张商品图片需要判断包含哪些图案（可多选）：条纹、格子、纯色、印花，每晚批量处理。",
    "Fotos de vistoria de veículos: indicar quais peças estão danificadas (várias possíveis); processamento diário em lote.",
]  # fmt: skip
ONE_PER_PHOTO = [
    "Bakery: classify each tray photo as good, underbaked or burnt (one label per photo); a central service scores it within 1 s.",
    "Plant clinic: from each leaf photo, name the one disease among several possible causes, batch every night.",
]  # fmt: skip

SCARCE_LABELS = [
    "Web shop: detect suspicious checkouts; labels come from a honeypot and are scarce. Orders are scored as they stream in from Kafka.",
    "Payroll provider: flag suspicious expense claims; the few labels we have come from past audits. Nightly batch.",
    "Aseguradora: detectar reclamaciones sospechosas; tenemos pocas etiquetas. Proceso nocturno.",
    "Versicherer: verdächtige Schadenmeldungen erkennen; Labels sind knapp. Täglicher Batch.",
    "Assureur : repérer les sinistres suspects ; les étiquettes sont rares. Traitement chaque nuit.",
    "保险公司：识别可疑理赔，标签稀缺，每晚批处理。",
    "Seguradora: detectar sinistros suspeitos; os rótulos são escassos. Processamento noturno.",
    "Assicurazione: individuare sinistri sospetti; le etichette sono scarse. Elaborazione notturna.",
]  # fmt: skip
AMPLE_LABELS = [
    "Card issuer: flag suspicious transactions; we have two years of chargebacks with 40k confirmed fraud cases; scored in 50 ms.",
    "Bank: detect suspicious transfers; labels come from chargebacks and fraud is rare (0.1%). Scored in real time.",
]  # fmt: skip

# The shipped learned opinion overrules these right rule readings (strict xfails of the whole engine: a
# retrain that settles them must show up; the rules-alone run must pass). None at present: the several-per-photo
# requests the model read as one verdict per photo are kept by the multilabel guard (_overrule.keep_labels).
_MODEL_OVERRULES: dict[str, str] = {
    ONE_PER_PHOTO[1]: "the retrain with 2^16 buckets (3,152 requests) reads 'the one disease among several possible causes' as several labels",
    CANDIDATES[5]: "the retrain on 3,852 requests reads suggested replies ordered by the chance the agent uses them as a yes/no",
}


def _check(read, model_overrules, text: str, expected: str) -> None:  # noqa: ANN001
    model_overrules(_MODEL_OVERRULES.get(text))
    assert read(text).problem_type == expected


@pytest.mark.parametrize("text", SUGGESTED_VALUES)
def test_a_suggested_value_is_regression(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "regression")


@pytest.mark.parametrize(("text", "expected"), SUGGESTION_CONTROLS)
def test_suggested_items_and_yes_no_stay(read, model_overrules, text: str, expected: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, expected)


@pytest.mark.parametrize("text", VARIANTS)
def test_the_variant_each_user_sees_is_recommendation(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "recommendation")


@pytest.mark.parametrize(("text", "expected"), VARIANT_CONTROLS)
def test_a_verdict_on_each_picture_stays(read, model_overrules, text: str, expected: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, expected)


@pytest.mark.parametrize("text", CANDIDATES)
def test_candidates_ordered_for_a_worker_are_ranking(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "ranking")


@pytest.mark.parametrize(("text", "expected"), CANDIDATE_CONTROLS)
def test_searches_feeds_and_sorting_into_themes_stay(read, model_overrules, text: str, expected: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, expected)


@pytest.mark.parametrize("text", SEVERAL_PER_PHOTO)
def test_several_possible_per_photo_is_multilabel(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "multilabel_classification")


@pytest.mark.parametrize("text", ONE_PER_PHOTO)
def test_one_label_per_photo_stays_image_classification(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "image_classification")


@pytest.mark.parametrize("text", SCARCE_LABELS)
def test_scarce_labels_beside_a_suspicious_intent_are_anomaly_detection(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "anomaly_detection")


@pytest.mark.parametrize("text", AMPLE_LABELS)
def test_ample_labels_or_a_rare_class_stay_binary(read, model_overrules, text: str) -> None:  # noqa: ANN001
    _check(read, model_overrules, text, "binary_classification")


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("labels come from a honeypot and are scarce; detect suspicious signups", True),
        ("the few labels we have come from audits; flag unusual payments", True),
        ("las etiquetas son escasas; detectar pagos inusuales", True),
        ("标签稀缺，识别可疑交易", True),
        # The positive class being rare is no shortage of labels.
        ("labels come from chargebacks and fraud is rare; flag suspicious payments", False),
        # Scarce labels with nothing unusual to flag are a small labelled set.
        ("labels are scarce; predict whether each loan defaults", False),
    ],
)
def test_scarce_labels_with_words_between_count_as_missing(text: str, missing: bool) -> None:
    assert read_task(fold(text), knowledge()).labels_missing is missing


@pytest.mark.parametrize("answer", ["recommendation", "forecasting", "ranking", "binary_classification", "image_classification"])
def test_a_suggested_value_keeps_the_rules_regression(answer: str) -> None:
    assert keep_value("regression", answer, suggested=True) == "regression"
    assert keep_value("regression", answer, suggested=False) == answer
    assert keep_value("recommendation", answer, suggested=True) == answer


def test_spanish_precio_is_not_repaired_into_preciso() -> None:
    # "precio(s)" sat one slip from the stem "preciso" of a Spanish serving cue and was rewritten, so no
    # Spanish price cue could match.
    folded, language = prepare("Queremos sugerir un precio de venta y comparar precios para cada anuncio nuevo.")
    assert language == "es"
    assert "un precio de venta" in folded and "comparar precios" in folded
