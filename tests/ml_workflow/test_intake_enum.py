"""Branch intake-enum: targets that are one of 3+ named values, hybrid recommendation/offer serving, document
review, field extraction outside English. The sentences are written for these tests, not taken from any set
(bench/intake_model/di_requests.jsonl is the group measured before the changes)."""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake
from skillrun.packs.ml_workflow.intake import _classify, read_request
from skillrun.packs.ml_workflow.intake._task import read_task
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge


def _rules_type(text: str) -> str:
    """The rules' problem type alone (the learned opinion is trained separately and may lag a rule)."""
    folded, _ = prepare(text)
    kb = knowledge()
    domain, score = _classify.match_domain(folded, kb)
    return _classify.classify_problem(folded, kb, domain, score)[0]


@pytest.mark.parametrize(
    "text",
    [
        "For each wafer lot, predict the yield bin it will land in (A, B, C or reject) from the inline metrology.",
        "Estimate the seismic vulnerability class (A–F) of every masonry building in the city from the survey fields.",
        "Predecir la categoría de riesgo de cada proveedor: bajo, medio, alto o crítico, con los datos de compras.",
        "Pour chaque client, prédire le niveau de fidélité (bronze, argent, or, platine) à partir de ses achats.",
        "Wir wollen für jeden Motor die Schadensklasse vorhersagen: leicht, mittel, schwer oder Totalschaden.",
        "Assegnare a ogni immobile la classe energetica dalla A alla G partendo dai dati catastali.",
        "根据电池的检测数据，判断每块电池的等级：A级、B级、C级或报废。",
        "Predict each tree's height class (under 5 m, 5-15 m, over 15 m) from the forest inventory plots.",
    ],
)
def test_a_target_with_named_values_is_multiclass(text: str) -> None:
    assert _rules_type(text) == "multiclass_classification"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will each loan applicant default within 12 months? Score them nightly.", "binary_classification"),
        ("Predict whether a shipment will arrive late, scored every morning.", "binary_classification"),
        # Inputs listed after a class noun are not the target's values.
        (
            "We log three event types (login, payment, transfer) and want to predict whether an account will be "
            "taken over in the next week.",
            "binary_classification",
        ),
        # Another list of what is recorded, not the values of the target.
        ("We track four device kinds (phone, tablet, laptop, kiosk) and predict whether a session converts.", "binary_classification"),
        # Named values of a text's label stay a text task.
        (
            "Sort incoming customer emails into one of these reasons (refund, delivery, account, other) as they arrive.",
            "text_classification",
        ),
        ("Predict the price of each used car from its listing fields.", "regression"),
    ],
)
def test_yes_no_amounts_and_texts_keep_their_type(text: str, expected: str) -> None:
    assert read_request(text).problem_type == expected


def test_a_quantity_noun_before_a_class_noun_names_a_class() -> None:
    # "size class", "yield bin", "price band": the amount word qualifies the class, it is not the target.
    assert read_request("Estimate the size of each order in euros at checkout.").problem_type == "regression"
    assert _rules_type("Predict the price band (budget, mid, premium, luxury) of every new listing.") == (
        "multiclass_classification"
    )


def test_french_si_is_a_whole_word() -> None:
    # A trailing space in a cue is stripped when the YAML is read, so "si " had matched "size", "signal"...
    folded, _ = prepare("Predict the size of each parcel and the signal strength at each site.")
    assert read_task(folded, knowledge()).forms["yes_no"] == 0


@pytest.mark.parametrize(
    "text",
    [
        # a refresh named by its schedule ("a daily candidate refresh"), re-ordered when someone opens the app
        "Pet-supplies shop: a daily candidate refresh picks 150 products per customer; when they open the app, a "
        "small model re-orders them by the items in today's basket.",
        # a stored score plus a decision taken on it when the customer calls
        "Insurance retention: every customer gets a lapse score overnight; when a policyholder phones the call "
        "centre, the agent's screen shows the best save offer, decided from the stored score and the reason for "
        "the call.",
        # the final ordering happens at request time
        "Podcast app: shortlists of 50 episodes per listener come out of an hourly job; the final ordering happens "
        "at request time using the listener's current queue.",
        "Plataforma de cursos: cada hora se generan candidatos para cada alumno y, cuando el alumno abre la app, se "
        "reordenan según su última búsqueda.",
        "Modehändler: stündlich wird eine Vorauswahl von Artikeln je Kunde berechnet; sobald der Kunde die App "
        "öffnet, wird sie anhand der aktuellen Sitzung neu sortiert.",
        "Site de voyages : toutes les heures, on prépare une sélection de destinations pour chaque client ; quand il "
        "ouvre l'application, elle est reclassée selon sa dernière recherche.",
        "视频App：每小时为每个用户生成候选内容，用户打开App时根据最新的搜索重新排序。",
    ],
)
def test_a_precompute_reranked_or_decided_online_is_hybrid(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_request(text).serving_mode == "hybrid"
    monkeypatch.setattr(intake, "features", lambda _text: None)  # the rules alone find the frame too
    assert read_request(text).serving_mode == "hybrid"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        (
            "Newsletter: every Sunday night we pick 6 recipes per subscriber and the email goes out on Monday.",
            "batch",
        ),
        # a list ranked overnight that people open later: no model runs when they log in
        (
            "Every night we rank open leads for each sales rep; reps see the list when they log in in the morning.",
            "batch",
        ),
        (
            "A nightly job writes 30 suggested titles per member into a table; the app only reads that list.",
            "batch",
        ),
        (
            "Product search: rank the results for each query within 150 ms using the shopper's live session.",
            "real-time",
        ),
    ],
)
def test_plain_batch_lists_and_plain_online_ranking_are_not_hybrid(text: str, mode: str) -> None:
    assert read_request(text).serving_mode == mode


def test_video_on_demand_is_a_business_not_image_data() -> None:
    text = (
        "Video on demand: every night we pick 80 titles per profile; when someone opens the app we choose the "
        "top 10 for the 'Because you watched' row from that shortlist."
    )
    assert _rules_type(text) == "recommendation"


@pytest.mark.parametrize(
    "text",
    [
        "Predictive coding for a patent dispute: reviewers code a sample of 5,000 emails as responsive or not, and "
        "the model labels the other 400,000.",
        "Procurement: review every supplier contract and flag the non-standard clauses (liability caps, "
        "auto-renewal, exclusivity) before signature.",
        "Para un litigio laboral, separar de 300.000 correos los documentos relevantes y los privilegiados; el resto "
        "se descarta.",
        "Im Vertragsmanagement sollen Klauseln markiert werden, die von unserem Standardvertrag abweichen.",
        "Pour chaque contrat de bail, signaler les clauses atypiques par rapport à notre modèle.",
        "法务部门：自动找出合同中偏离我们标准模板的条款，每周批量处理。",
    ],
)
def test_document_and_clause_review_is_text_classification(text: str) -> None:
    # A label per document or clause read from its text: not spans (clauses are named), not outliers
    # ("deviate"), not a yes/no about table rows.
    assert _rules_type(text) == "text_classification"


def test_pulling_fields_out_of_a_contract_stays_span_labelling() -> None:
    text = "Extract the termination date, notice period and governing law clause from each lease."
    assert read_request(text).problem_type == "sequence_labeling"


@pytest.mark.parametrize(
    "text",
    [
        # German puts the reading verb last
        "Aus den eingescannten Lieferscheinen sollen Lieferscheinnummer, Datum und Menge je Position ausgelesen werden.",
        "Aus Kontoauszügen im PDF-Format sollen IBAN, Buchungsdatum und Betrag jeder Buchung extrahiert werden.",
        "Extraer de cada factura de proveedor el NIF, la fecha de emisión y el importe total para cargarlos en el ERP.",
        "À partir des factures fournisseurs scannées, relever le numéro de facture, la date et le montant TTC.",
        "Dalle buste paga in PDF estrarre datore di lavoro, stipendio lordo e netto, e periodo di riferimento.",
        "Extrair das notas fiscais o CNPJ do emitente, a data de emissão e o valor total.",
        "从工资单PDF中提取员工姓名、实发金额和发薪日期。",
    ],
)
def test_fields_read_out_of_business_documents_are_spans(text: str) -> None:
    assert _rules_type(text) == "sequence_labeling"
    assert read_request(text).problem_type == "sequence_labeling"


def test_a_prediction_about_invoices_is_not_extraction() -> None:
    text = (
        "Predict which supplier invoices will be paid late, from the amount, due date and supplier history."
    )
    assert read_request(text).problem_type == "binary_classification"
