"""One option, several labels, or a yes/no (rubric §0.1), in five languages, with sentences written for these
tests (intake-suite, group hj).

- "which one of N options" asked of each item ("laquelle des 3 voies", "cuál de los 4 planes", "welcher der 5
  Tarife", "四个等级中的哪一个") is one of N classes, whatever the noun of the options; the plural ("cuáles de
  los 500 clientes", "哪些") picks items, which stays a yes/no about each.
- "all the X among our N" ("toutes les cibles parmi nos 12 kinases", "todas las tareas de nuestra lista de
  25") is several labels per item.
- a yes/no question that carries a number ("more than 15 minutes late", "at least 20 deliveries") stays a
  yes/no; "whether the cow will come into heat within 12 hours" is a yes/no even from a collar with a
  microphone (a sound class is a verdict on what is heard, not an event over a coming window).
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._overrule import keep_medium

ONE_OF_N = [
    "Pour chaque dossier de subvention, prédire laquelle des 4 commissions le traitera, à partir du montant, "
    "de la région et du secteur ; calcul mensuel.",
    "Para cada agricultor, predecir cuál de los 4 planes de seguro contratará este año, a partir de su superficie "
    "y su historial; lista mensual.",
    "Für jeden Neukunden soll vorhergesagt werden, welcher der 5 Stromtarife am besten passt, aus Verbrauch und "
    "Haushaltsgröße; wöchentlicher Lauf.",
    "Para cada aluno, prever qual dos 3 percursos ele vai seguir, a partir das notas e faltas; uma vez por mês.",
    "Per ogni cantiere, prevedere quale dei 4 livelli di ispezione applicare, dai dati di avanzamento; ogni notte.",
    "钢厂：根据每炉钢的成分数据，判断它属于五个牌号中的哪一个，每班结束后批量计算。",
    # School grades listed with other inputs are fields, not a text to read ("à partir des notes, des absences").
    "Pour chaque élève, prédire laquelle des 3 filières il choisira, à partir des notes, des absences et des "
    "vœux ; une fois par trimestre.",
    "Para cada alumno, predecir cuál de los 3 itinerarios elegirá, a partir de las notas, las faltas y las "
    "preferencias; una vez por trimestre.",
]




@pytest.mark.parametrize("text", ONE_OF_N)
def test_which_one_of_n_options_is_one_of_n_classes(read, model_overrules, text: str) -> None:  # noqa: ANN001
    model_overrules(OVERRULED.get(text))
    assert read(text).problem_type == "multiclass_classification"


SEVERAL_AMONG_N = [
    "Pour chaque souche, prédire tous les antibiotiques parmi nos 14 molécules auxquels elle résiste ; calcul "
    "hebdomadaire.",
    "Al registrar cada vehículo en el taller, predecir todas las revisiones de nuestra lista de 30 que le harán "
    "falta; la respuesta en pantalla en 2 segundos.",
    "For each new supplier, predict all the certifications among our 18 that it will need; weekly batch.",
]


OVERRULED = {
    ONE_OF_N[4]: "forecasting",
}
"""Close calls the learned model (retrained with group hj) still takes from the rules; the rules-alone run must
pass. (The retrain on 2,800 requests took a French grant dossier's commission too; the one with ka gives it back.)"""


@pytest.mark.parametrize("text", SEVERAL_AMONG_N)
def test_all_the_labels_among_n_is_several_labels(read, model_overrules, text: str) -> None:  # noqa: ANN001
    model_overrules(OVERRULED.get(text))
    assert read(text).problem_type == "multilabel_classification"


NUMBERED_YES_NO = [
    "Predict whether each bus run will arrive more than 10 minutes late, the evening before; nightly list.",
    "Predict whether each new volunteer will complete at least 5 shifts in their first 2 months; weekly list.",
    "Predecir si cada socio hará al menos 3 compras en los próximos 90 días; lista semanal.",
    "Livestock startup: a collar with an accelerometer and a microphone should decide on the collar itself "
    "whether the ewe will give birth within the next 24 hours; the barn has no network.",
]


@pytest.mark.parametrize("text", NUMBERED_YES_NO)
def test_a_yes_no_question_carrying_a_number_stays_yes_no(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "binary_classification"


CONTROLS = [
    # The plural picks items among many: a yes/no about each.
    ("Predecir cuáles de los 500 clientes se darán de baja el próximo mes; lista mensual.", "binary_classification"),
    # The amount behind the numbered yes/no.
    ("Predict how many shifts each new volunteer will complete in their first 2 months; weekly list.", "regression"),
    # A sound judged as it is heard keeps its audio type.
    ("A microphone in each barn classifies every cough it hears as healthy or sick, on the gateway; no cloud.",
     "audio_classification"),
    # Several labels named as such stay several labels; one of N named with a class noun stays one of N.
    ("Tag each grant application with all the topics that apply; nightly.", "multilabel_classification"),
    ("Assign each parcel to one of 6 delivery tiers from its weight and distance; the API waits.",
     "multiclass_classification"),
]


@pytest.mark.parametrize(("text", "expected"), CONTROLS)
def test_controls_keep_their_types(read, text: str, expected: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected


def test_a_sound_keeps_its_type_against_token_spans() -> None:
    # A radio archive's segments are sound classes; sequence labeling marks tokens of a text.
    assert keep_medium("audio_classification", "sequence_labeling", "audio") == "audio_classification"
    assert keep_medium("text_classification", "sequence_labeling", "text") == "sequence_labeling"
