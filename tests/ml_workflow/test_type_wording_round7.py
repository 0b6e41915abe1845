"""Problem-type and temporal wording classes of group ic: the next code of a sequence, several labels allowed,
period adjectives over a coming horizon, spam or moderation words about accounts, a medium word inside the
business's name, 短信召回, candidates ordered by an outcome to come. The sentences are written for these tests,
not copied from the group, so they check that each fix holds for the class and not for one sentence."""

from __future__ import annotations

import pytest

# (text, expected problem type, why, the learned opinion's known overrule or None)
TYPE_CASES = [
    # The next symbol/step/event/code of a sequence: one of a fixed set.
    ("From each user's clickstream, predict the next screen they will open in our banking app (one of 25 screens), "
     "refreshed nightly.", "multiclass_classification", "next screen among 25", None),
    ("Predict the next operation code in every robot's job log sequence so the PLC can pre-stage tools; 16 codes.",
     "multiclass_classification", "next operation code in a log sequence", None),
    ("Predecir el siguiente paso que hará cada técnico en la secuencia de reparación (11 pasos posibles).",
     "multiclass_classification", "siguiente paso", None),
    ("Wir wollen den nächsten Zustand jeder Pumpe vorhersagen: Vorhersage des nächsten Betriebszustands aus der "
     "bisherigen Folge (6 Zustände).", "multiclass_classification", "nächster Zustand", None),
    ("Prévoir la prochaine étape de chaque dossier de crédit parmi 9 étapes, à partir des étapes déjà franchies.",
     "multiclass_classification", "prochaine étape", None),
    ("根据每台设备的历史告警序列，预测下一个事件类型（共20种），每小时批量计算。", "multiclass_classification", "下一个事件", None),
    ("Given each user's sequence of app screens, predict which screen comes next (40 screens).",
     "multiclass_classification", "which screen comes next", None),
    ("Predict what the next action of each player will be (pass, shoot, dribble, tackle) from the match events.",
     "multiclass_classification", "the next action of each player", None),
    # Controls: the time until the next event is an amount; whether the next payment is late is a yes/no; a
    # battery's state of charge on the next day is a number, not a state among N.
    ("Predict the next day state of charge of each battery in percent, hourly.", "regression",
     "control: next day state of charge", None),
    ("Predict the number of days until the next purchase of each customer, weekly.", "regression",
     "control: days until the next purchase", None),
    ("Predict whether the next payment of each loan will be late, monthly batch.", "binary_classification",
     "control: whether the next payment is late", None),
    # Controls: the next items a user takes are recommendations; a yes/no about the next launch stays yes/no.
    ("Recommend the next songs to play for each listener after the current track ends, under 100 ms.",
     "recommendation", "control: next songs for a listener", None),
    ("Will each subscriber buy the next phone model we release? Score all 900k subscribers monthly.",
     "binary_classification", "control: the next model we release", None),
    # Several labels allowed.
    ("For each supplier invoice, predict which of our 7 approval checks are needed; several can apply.",
     "multilabel_classification", "several can apply", None),
    ("Für jede Immobilie vorhersagen, welche Mängel vorliegen – mehrere können zutreffen (Dach, Heizung, "
     "Fenster, Leitungen). Wöchentlich.", "multilabel_classification", "mehrere können zutreffen", None),
    ("Pour chaque contrat, prédire les garanties à proposer ; plusieurs peuvent s'appliquer. Calcul mensuel.",
     "multilabel_classification", "plusieurs peuvent s'appliquer", None),
    # Amounts for coming periods named by a period adjective.
    ("We need the daily parcel volume at each depot for the next 14 days, 40 depots, nightly run.",
     "forecasting", "daily volume for the next 14 days", None),
    ("Die stündliche Wärmeabnahme je Netzgebiet für die nächsten 36 Stunden, jede Nacht neu gerechnet.",
     "forecasting", "stündliche ... für die nächsten 36 Stunden", None),
    ("La consommation horaire de chaque bâtiment pour les 48 prochaines heures, recalculée chaque matin.",
     "forecasting", "horaire ... pour les 48 prochaines heures", None),
    ("Estimate what each plant will produce per day for the next 30 days, 12 plants, nightly.",
     "forecasting", "per day over the next 30 days", None),
    # Control: a daily schedule beside an event horizon is a yes/no, not a forecast.
    ("Daily scoring of every customer who may churn in the next 30 days, 200k customers.",
     "binary_classification", "control: daily scoring of churn", None),
    # Spam or moderation words about accounts; SMS recall.
    ("Flag spam accounts right after sign-up from the registration metadata (IP, device, e-mail domain), <200 ms.",
     "binary_classification", "spam accounts from metadata", None),
    ("Detect spam bots among our 2M marketplace sellers from listing cadence and login patterns, daily batch.",
     "binary_classification", "spam bots", None),
    ("对沉睡会员做短信召回：预测每个会员收到召回短信后14天内是否下单，每周出名单。", "binary_classification", "短信召回", None),
    ("Our review team has confirmed 300 cases of promo abuse among 2M accounts; flag new abusers weekly.",
     "binary_classification", "promo abuse, review team", None),
    # Control: spam read from the messages themselves is text classification.
    ("Filter spam out of the comments under our articles as they are posted, <100 ms.",
     "text_classification", "control: spam comments", None),
    # A medium word inside the business's name.
    ("Our music-streaming app wants to know which free users will upgrade to premium within 30 days; weekly.",
     "binary_classification", "music-streaming app", None),
    ("Una plataforma de vídeo bajo demanda quiere saber qué suscriptores se darán de baja el mes que viene.",
     "binary_classification", "plataforma de vídeo bajo demanda", None),
    ("视频平台想预测哪些会员下个月会续费，每周批量。", "binary_classification", "视频平台", None),
    # "On demand" is how the service is delivered, not a demand to forecast.
    ("Una app de transporte por demanda quiere predecir qué conductores dejarán la plataforma el próximo mes.",
     "binary_classification", "transporte por demanda", None),
    ("Our print-on-demand shop wants to know which sellers will stop uploading designs within 60 days.",
     "binary_classification", "print-on-demand", None),
    # Control: the demand itself, per product and week.
    ("Queremos prever a demanda semanal de cada produto nas 50 lojas para as próximas 6 semanas.",
     "forecasting", "control: a demanda semanal", None),
    ("Un opérateur de vidéo à la demande veut prédire quels clients vont résilier le mois prochain.",
     "binary_classification", "opérateur de vidéo à la demande", None),
    # Control: the platform's own pictures are still the data.
    ("Our video-streaming service wants to classify the genre of each uploaded video from its frames.",
     "image_classification", "control: frames of uploaded videos", None),
]


@pytest.mark.parametrize(("text", "expected", "why", "overruled"), TYPE_CASES, ids=[c[2] for c in TYPE_CASES])
def test_problem_type(read, model_overrules, text: str, expected: str, why: str, overruled: str | None) -> None:  # noqa: ANN001
    if overruled:
        model_overrules(overruled)
    assert read(text).problem_type == expected, why


TEMPORAL_CASES = [
    ("For each new vacancy, rank the shortlisted candidates by likelihood of accepting the offer, nightly.", True,
     "ranked by the likelihood of an outcome", None),
    ("Für jeden Auftrag die verfügbaren Monteure nach der Wahrscheinlichkeit einer pünktlichen Fertigstellung "
     "sortieren, Antwort unter einer Sekunde.", True, "nach der Wahrscheinlichkeit", None),
    ("Predict which of 5 infections (zero or more) each ICU patient will develop in the 14 days after admission.",
     True, "will develop, days after", None),
    ("From the sequence of fault codes of each turbine, predict the code of its next event (30 codes), nightly.",
     True, "next code of a sequence", None),
    ("For every bed request, rank the free beds by likelihood the patient leaves on the planned day.", True,
     "ranked by likelihood, without 'of'", None),
    ("Für einen Patienten die passenden Reha-Kliniken nach erwartetem Behandlungserfolg sortieren.", True,
     "nach erwartetem Erfolg", None),
    ("Predict the next purchase category of each customer (one of 30 categories), weekly.", True,
     "category of the next purchase", "a category of each customer read as a property it has now"),
    ("Predict all the side effects (zero or more of 12) each patient will report in the first month of treatment.",
     True, "each patient will report", None),
    # Control: labels describing an item as it is now.
    ("Tag each recipe in our database with all the cuisines that apply (zero or more), one-off batch.", False,
     "control: tags of an item", None),
]


@pytest.mark.parametrize(("text", "expected", "why", "overruled"), TEMPORAL_CASES, ids=[c[2] for c in TEMPORAL_CASES])
def test_temporal(read, model_overrules, text: str, expected: bool, why: str, overruled: str | None) -> None:  # noqa: ANN001
    if overruled:
        model_overrules(overruled)
    assert read(text).temporal is expected, why


def test_sms_recall_is_no_candidate_recall_step(read) -> None:  # noqa: ANN001
    """召回 beside 短信 wins users back by SMS; it is no nightly candidate recall with an online re-rank (hybrid)."""
    assert read("通过短信召回流失客户：每周预测哪些客户收到短信后会回来购买，批量出名单。").serving_mode == "batch"


def test_registration_is_the_accounts_event(read) -> None:  # noqa: ANN001
    """Scoring each account "at registration" is done when the account is created, with the user waiting."""
    assert read("Which new accounts will be banned within 60 days? Score each account at registration.").serving_mode == "real-time"
