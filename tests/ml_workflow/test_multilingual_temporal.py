"""``temporal`` outside English (rubric §0.1): an outcome observed later is temporal, a kind fixed by the
item's own properties is not.

Group ee found both errors: the learned opinion overruled fraud in French and Chinese to false (it has
met these profiles mostly in English), Portuguese and Italian had no churn, fraud, default or failure
words at all, and "clasificar cada movimiento en una de 25 categorías", "catégoriser chaque
transaction", "按商户分到 30 个类别" came out true (the snapshot cues were English only, and English
itself missed "into one of N categories"). Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake

LATER = [  # the label is an outcome observed after the prediction
    "Détecter les paiements frauduleux par carte, réponse en moins de 50 ms.",
    "支付平台：实时识别盗刷交易，100 毫秒内返回。",
    "Banco digital: detectar fraude em transferências em tempo real.",
    "Assicurazione: individuare i sinistri con frode prima del pagamento, ogni notte.",
    "Predecir qué envíos llegarán con retraso, cada mañana.",
    "Vorhersagen, welche Lieferungen verspätet ankommen werden, jeden Morgen.",
    "Elenco mensile dei clienti che disdiranno l'abbonamento nei prossimi 60 giorni.",
    "Kündigerprognose für unsere Mobilfunkkunden, wöchentlich.",
    "Stimare il rischio di insolvenza di ogni prestito a 12 mesi, calcolo mensile.",
    "Prever falhas dos compressores nos próximos 15 dias a partir dos sensores, todo dia.",
]
FIXED = [  # the category is a property of the item as it is now
    "Clasificar cada gasto de la tarjeta en una de 20 categorías (comida, transporte, ocio) a partir del comercio y el importe.",
    "Catégoriser chaque opération bancaire (courses, loyer, transport, loisirs) à partir du libellé et du montant.",
    "Jede Kontobewegung soll einer von 15 Kategorien (Lebensmittel, Miete, Verkehr) zugeordnet werden, anhand von Händler und Betrag.",
    "Classificar cada lançamento do cartão em uma das 20 categorias (alimentação, transporte, lazer) a partir do estabelecimento e do valor.",
    "Classificare ogni movimento del conto in una delle 15 categorie (spesa, affitto, trasporti) a partire da esercente e importo.",
    "把每笔信用卡消费按商户和金额自动分到 20 个类别（餐饮、交通、娱乐）中的一个。",
    "Classify each card payment into one of 20 categories (food, transport, leisure) from the merchant and the amount.",
    "Clasificar las facturas de proveedores por tipo de gasto (viajes, material, software), en lote diario.",
]
RISK_CLASSES = [  # controls: a class of risk stands for an outcome to come, whatever the verb
    "Clasificar a los clientes en una de 4 categorías de riesgo de impago (bajo, medio, alto, muy alto), cada mes.",
    "Classify each borrower into one of 4 default-risk categories (low, medium, high, very high), monthly.",
    "Classer les clients par catégorie de risque de résiliation (faible, moyen, élevé), chaque mois.",
]


@pytest.mark.parametrize("text", LATER)
def test_outcomes_observed_later_are_temporal(read, text: str) -> None:  # noqa: ANN001
    assert read(text).temporal is True


# Retrained on 1,872 requests (after intake-recs, -horizon, -restate, -serving2), the model reads the German
# account-movement sentence as temporal (p=0.68). No guard: on the first looks the model overruled a
# snapshot "false" twice and was right both times.
_MODEL_OVERRULES: set[str] = set()  # the model of 2026-11-28 reads FIXED[2] right again


@pytest.mark.parametrize("text", FIXED)
def test_categories_of_fixed_properties_are_not_temporal(read, text: str, model_overrules) -> None:  # noqa: ANN001
    if text in _MODEL_OVERRULES:
        model_overrules("a German category of account movements read as temporal")
    brief = read(text)
    assert brief.problem_type == "multiclass_classification"
    assert brief.temporal is False


@pytest.mark.parametrize("text", RISK_CLASSES)
def test_risk_classes_keep_the_rules_temporal(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The rules' reading (the learned opinion has its own view of these, unchanged here).
    monkeypatch.setattr(intake, "features", lambda text: None)
    assert intake.read_request(text).temporal is True


def test_the_learned_opinion_does_not_overrule_a_named_outcome_profile() -> None:
    text = "Détection de fraude sur les virements instantanés : réponse en moins de 80 ms, 900 000 virements par jour."
    brief = intake.read_request(text)
    assert brief.domain == "fraud"
    assert brief.temporal is True
