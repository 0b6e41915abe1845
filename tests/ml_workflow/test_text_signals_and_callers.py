"""Two readings of the intake (branch intake-callers), with sentences written for these tests.

A yes/no or category decision made from a text *plus* other signals (the account's age or history,
amounts, seller or device data, behaviour logs) is binary or multiclass classification of the item;
only a decision made from the text itself is text classification (rubric §0.1). The entity's own past
used as features makes the task temporal.

A named system that calls the model ("the planning system calls the model", "called by the checkout
service", "our booking backend requests a score") waits on each answer: real-time, however long before
the event it asks and however few calls a day it makes. Scheduled jobs, event-triggered deadlines that
nobody waits on, and streams keep their modes.
"""

from __future__ import annotations

import pytest

import skillrun.packs.ml_workflow.intake as intake

TEXT_PLUS_SIGNALS = [
    ("Classify each new seller listing as fraudulent or fine from the listing text plus the seller's account age and past chargebacks; nightly run.", "binary_classification"),
    ("need to flag reviewes that are fake using the review text and also the reviewer's account history and there verified purchases", "binary_classification"),
    ("Route each customer complaint to one of 5 teams from the complaint text, the order value and the customer's return history.", "multiclass_classification"),
    ("Detectar solicitudes de crédito fraudulentas a partir del texto libre del cliente, sus ingresos y los datos del dispositivo; proceso nocturno.", "binary_classification"),
    ("Für jede Kundenanfrage vorhersagen, ob sie eskaliert: aus dem Anfragetext, dem Kontoalter und der Bestellhistorie.", "binary_classification"),
    ("Prédire si une annonce est une arnaque à partir du texte de l'annonce, de l'historique du compte vendeur et de l'adresse IP.", "binary_classification"),
    ("Classificar cada chamado em uma de 4 filas usando o texto do chamado, o produto contratado e o histórico do cliente.", "multiclass_classification"),
    ("Prevedere se un messaggio del venditore è un tentativo di truffa usando il testo più lo storico degli ordini e l'anzianità dell'account.", "binary_classification"),
    ("根据评论文本、用户注册时长和历史订单，判断每条评论是否为刷单评论。", "binary_classification"),
    ("Bank: sort each inbound chat into one of 4 intents from the chat text plus the last 60 days of transactions.", "multiclass_classification"),
]

TEXT_ALONE = [
    "Classify incoming support e-mails into billing, delivery, account or other; nightly batch.",
    "Sentiment of hotel reviews (positive, neutral, negative) from the review text alone; weekly report.",
    # Signals the request mentions but does not use: negated.
    "Flag reviews that mention a safety issue from the review text; we have no account history or device data.",
    "Chatnachrichten auf Beleidigungen prüfen, nur anhand des Nachrichtentexts, jede Nacht.",
]


@pytest.mark.parametrize(("text", "expected"), TEXT_PLUS_SIGNALS)
def test_a_text_plus_other_signals_is_plain_classification(read, model_overrules, text: str, expected: str) -> None:  # noqa: ANN001
    if text.startswith("Route each customer complaint"):
        model_overrules("the retrain with 2^16 buckets (3,152 requests) reads a complaint routed from its text plus two signals as a text type")
    assert read(text).problem_type == expected


@pytest.mark.parametrize("text", TEXT_ALONE)
def test_a_decision_from_the_text_alone_stays_text_classification(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "text_classification"


def test_signals_stored_but_not_used_leave_the_text_as_the_input(monkeypatch) -> None:  # noqa: ANN001
    # Rules alone: the learned opinion, even retrained with such controls (group ebx), still takes the named
    # account age and IP reputation for inputs here and overrules the rules (a close call in the Brief).
    monkeypatch.setattr(intake, "features", lambda text: None)
    text = "Decide whether each forum post is spam from the post text only, even though we store the poster's account age and IP reputation."
    assert intake.read_request(text).problem_type == "text_classification"


def test_inputs_listed_with_a_yes_no_question_are_not_the_target(read) -> None:  # noqa: ANN001
    # "lead time" and "price" are inputs here, not an amount to predict.
    text = (
        "Ferry operator: predict whether a booking will be cancelled from the customer's note plus lead time, "
        "price and past cancellations; scored every night."
    )
    assert read(text).problem_type == "binary_classification"


def test_the_entitys_own_past_as_features_is_temporal(read) -> None:  # noqa: ANN001
    # A transaction-categorisation profile (static) matches; the dispute history makes it temporal.
    text = (
        "Card disputes: label each dispute as friendly fraud, true fraud or merchant error from the cardholder's note, "
        "the transaction amount, the merchant category and the cardholder's dispute history; a list for the analysts "
        "every morning."
    )
    brief = read(text)
    assert brief.problem_type == "multiclass_classification"
    assert brief.temporal is True


def test_a_static_categorisation_stays_not_temporal(read) -> None:  # noqa: ANN001
    text = "Categorise each bank transaction into one of 40 spending categories from its description; daily batch."
    assert read(text).temporal is False


CALLERS = [
    "Airline: estimate each passenger's probability of missing a connection; the ops planning system calls the model about three hours before departure, some 2,000 calls a day.",
    "Called by the checkout service: predict whether the order will be returned.",
    "Invoked by the quote engine: estimate the freight rate in dollars for each lane.",
    "Our booking backend requests a cancellation score for every reservation; about 300 reservations a day.",
    "The admissions system requests a predicted length of stay for each patient at admission.",
    "Empresa de autobuses: el sistema de turnos llama al modelo dos horas antes de cada turno para estimar si el conductor faltará.",
    "Das Tourenplanungssystem ruft das Modell eine Stunde vor jeder Abholung auf, um eine Verspätung vorherzusagen.",
    "Appelé par le portail client, le modèle prédit si la commande sera livrée en retard.",
    "O sistema de reservas chama o modelo cerca de 2 horas antes de cada voo para prever atrasos.",
    "Il gestionale chiama il modello quando arriva un ordine per stimare i minuti di preparazione.",
    "调度系统在每班车发车前一小时调用模型，预测司机是否会迟到。每天大约300次调用。",
    "Called by the gate-planning tool some 4 hours before each departure: will this flight need a remote stand?",
    "Our messaging platform requests the intent of each conversation as it opens.",
]


@pytest.mark.parametrize("text", CALLERS)
def test_a_named_system_calling_the_model_is_real_time(read, text: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == "real-time"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("A nightly scoring job writes each subscriber's churn probability to a Snowflake table for the CRM.", "batch"),
        ("Every hour a job scores all open orders for late-delivery risk into BigQuery.", "batch"),
        ("When a flight is cancelled, within 2 hours of the cancellation produce each affected passenger's rebooking-acceptance probability in the ops table; nobody waits on it.", "batch"),
        ("Card payments stream through Kafka; score each one for fraud as it arrives and publish alerts to a topic.", "streaming"),
        ("电信公司：每天凌晨批量跑一次，给每个用户打流失分数。", "batch"),
        # Calls made by people (a worklist), not calls to the model.
        ("Call centre: agents make about 3,000 calls a day; predict which customers will churn so they call the right ones.", "batch"),
    ],
)
def test_jobs_deadlines_and_streams_keep_their_modes(read, text: str, mode: str) -> None:  # noqa: ANN001
    assert read(text).serving_mode == mode


def test_the_ticket_subject_and_body_are_text(read) -> None:  # noqa: ANN001
    text = "Zendesk calls our API when a ticket is created; we return a priority (low, normal, high, urgent) predicted from the subject and body."
    brief = read(text)
    assert brief.problem_type == "text_classification"
    assert brief.serving_mode == "real-time"
