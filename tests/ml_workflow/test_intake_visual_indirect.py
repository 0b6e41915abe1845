"""Pictures named indirectly, and the line between a verdict on the whole picture and objects found in it
(branch intake-visual).

- Domain nouns that are pictures without saying "image" (wafer maps, micrographs, thermal frames, chest
  films, Röntgenaufnahmen, termografías, cartes de wafers, 晶圆图...) make the data images, so a category or
  a yes/no on them is image classification, not a table's multiclass or a text's category.
- Finding, counting or boxing several objects in frames or footage is object detection; a verdict with
  named classes on the whole picture stays image classification, even when one class is "abnormal" or a
  profile (remote sensing) usually maps pixels.

Written for these tests, not taken from bench/intake_model/ea_requests.jsonl. ``read`` (conftest) reads each
text with the rules alone and with the whole engine.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake._overrule import keep_medium
from skillrun.packs.ml_workflow.intake._task import read_task
from skillrun.packs.ml_workflow.intake._text import prepare
from skillrun.packs.ml_workflow.knowledge import knowledge


def _image_evidence(text: str) -> float:
    folded, _ = prepare(text)
    return read_task(folded, knowledge()).media["image"]


@pytest.mark.parametrize(
    "text",
    [
        "Assign every wafer map from final test to one of seven failure signatures; a run each night.",
        "Probe floor: recognise the bin map pattern of each wafer, results per lot.",
        "Rate each steel micrograph's grain size (ASTM 3 to 9) for the lab report at the end of the shift.",
        "Label every thermal frame of the furnace wall as normal or refractory wear, each evening.",
        "Radiologists want the chest films sorted into normal, effusion or nodule before the morning round.",
        "MRT-Aufnahmen des Knies: Meniskusriss ja oder nein, Befund über Nacht.",
        "Die Mikroskopaufnahmen jeder Charge einer von fünf Gefügeklassen zuordnen, täglich.",
        "Clasificar las micrografías de cada colada en tres clases de estructura, informe diario.",
        "Classer chaque carte de wafer selon son motif de défaillance, traitement chaque nuit.",
        "商品主图是否合规，每天夜里批量审核一次。",
        "晶圆图按失效模式分成六类，每天批量处理。",
    ],
)
def test_a_verdict_on_pictures_named_by_their_domain_is_image_classification(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "image_classification"
    assert brief.modality == "image"
    assert brief.temporal is False


@pytest.mark.parametrize(
    "text",
    [
        "Termografías de los transformadores: clasificar cada una como normal o anómala, lote semanal.",
        "Klassifiziere jede Wärmebildaufnahme der Leitung als normal oder auffällig, nach jeder Befliegung.",
        "Sort each knee X-ray into normal or abnormal for the orthopaedic clinic, results the next day.",
        "Classer chaque radio du thorax comme normale ou anormale, résultat le lendemain.",
        "每张热成像图判定为正常还是异常，每天批量处理。",
    ],
)
def test_two_named_classes_on_a_picture_are_a_labelled_verdict_not_an_anomaly(read, text: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == "image_classification"


def test_pictures_without_labels_can_still_be_an_anomaly_task(read) -> None:  # noqa: ANN001
    brief = read(
        "We have no labels at all: flag thermal images of the kiln that look unusual compared with the rest."
    )
    assert brief.problem_type == "anomaly_detection"


def test_a_stated_class_on_a_satellite_tile_is_not_the_profile_s_segmentation(read) -> None:  # noqa: ANN001
    # The remote-sensing profile maps pixels (flood extent); "tag each tile as A, B or C" is one label per tile.
    brief = read(
        "Tag every Landsat tile as snow, cloud or clear ground before mosaicking; a batch after each download."
    )
    assert brief.problem_type == "image_classification"
    assert (
        read("Map the flooded area pixel by pixel in each Sentinel-1 scene.").problem_type
        == "image_segmentation"
    )


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        (
            "Stadium cameras: detect players, referees and the ball in each frame, live at 25 fps.",
            "streaming",
        ),
        ("detect helmets and vests in the site camera frames, the report goes out every morning", "batch"),
        (
            "Dashcam footage from our vans: find every pothole and give its GPS position; processed overnight.",
            "batch",
        ),
        ("Count the cars in each frame of the parking footage and report occupancy every hour.", "batch"),
        (
            "Kamerabilder vom Förderband: Fremdkörper finden und ihre Lage melden, auf dem Industrie-PC an der Linie.",
            "edge",
        ),
        (
            "Contar los vehículos de cada carril en las grabaciones de las cámaras de tráfico; informe diario.",
            "batch",
        ),
        (
            "Séquences des caméras des trams : détecter les piétons et les cyclistes et les encadrer, à bord du tram.",
            "edge",
        ),
        (
            "Prises de vue aériennes des toitures : repérer chaque tuile cassée et donner sa position, après chaque vol.",
            "batch",
        ),
        ("监控录像中统计每个出入口经过的车辆数量，每天汇总一次报表。", "batch"),
    ],
)
def test_objects_found_or_counted_in_frames_and_footage_are_object_detection(
    read, text: str, mode: str
) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "object_detection"
    assert brief.serving_mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "Röntgenaufnahmen von Gussteilen",
        "Wärmebildaufnahmen der Dächer",
        "CT-Aufnahmen der Lunge",
        "thermal frames of the kiln shell",
        "heat maps from the pyrometer line scanner",
        "wafer maps from probe test",
        "retinal OCT volumes",
        "Sentinel-2 tiles",
        "scans of each returned garment",
        "micrografías de acero",
        "grabaciones de las cámaras de tráfico",
        "cartes de wafers",
        "prises de vue aériennes",
        "lames de biopsie numérisées",
        "晶圆图",
        "胸片",
        "监控录像",
    ],
)
def test_domain_nouns_for_pictures_are_image_evidence(text: str) -> None:
    assert _image_evidence(text) >= 2


@pytest.mark.parametrize(
    "text",
    [
        # Near misses: admissions (Aufnahmen), a heat map drawn as output, scan events and vulnerability
        # scans, window frames, a time frame, a map of soil classes drawn from borehole readings.
        "Patientenaufnahmen: vorhersagen, ob ein Patient innerhalb von 30 Tagen wieder aufgenommen wird.",
        "Show churn risk per region as a heat map for the sales team, refreshed weekly.",
        "From the scan events at each warehouse gate, predict whether a pallet misses its truck.",
        "Run vulnerability scans on our servers and predict which hosts will be compromised next month.",
        "Window frames factory: predict whether each frame will fail the pressure test from the extrusion settings.",
        "Predict the soil class (clay, silt, sand, gravel) of each borehole from the CPT readings for the ground map.",
    ],
)
def test_words_that_only_look_visual_leave_the_data_alone(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.modality != "image"
    assert brief.problem_type not in ("image_classification", "object_detection", "image_segmentation")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Classify each incoming shipment into one of 5 handling classes (standard, fragile, hazardous, cold "
            "chain, oversized) from the manifest fields, via an API call at label print time.",
            "multiclass_classification",
        ),
        (
            "Classify incoming supplier documents (invoice, credit note, delivery note, reminder) from their OCR'd "
            "text.",
            "text_classification",
        ),
        (
            "Sort photos of recycled bottles on the belt into PET clear, PET coloured, HDPE and other, on the "
            "sorter's own camera PC, 30 ms per item.",
            "image_classification",
        ),
    ],
)
def test_controls_keep_their_reading(read, text: str, expected: str) -> None:  # noqa: ANN001
    assert read(text).problem_type == expected


def test_the_sorter_s_own_camera_pc_is_edge(read) -> None:  # noqa: ANN001
    brief = read(
        "Sort photos of recycled bottles on the belt into PET clear, PET coloured, HDPE and other, on the "
        "sorter's own camera PC, 30 ms per item."
    )
    assert brief.serving_mode == "edge"


@pytest.mark.parametrize("answer", ["text_classification", "regression", "forecasting", "anomaly_detection"])
def test_the_learned_opinion_cannot_take_the_pixels_away(answer: str) -> None:
    assert keep_medium("image_classification", answer, "image") == "image_classification"
    assert keep_medium("object_detection", answer, "image") == "object_detection"


@pytest.mark.parametrize("answer", ["object_detection", "image_segmentation", "multilabel_classification"])
def test_the_learned_opinion_still_chooses_among_picture_types(answer: str) -> None:
    assert keep_medium("image_classification", answer, "image") == answer


def test_the_learned_opinion_needs_a_word_that_places_objects_to_box_a_verdict() -> None:
    assert (
        keep_medium("image_classification", "object_detection", "image", where=False)
        == "image_classification"
    )
    assert keep_medium("image_classification", "object_detection", "image", where=True) == "object_detection"
