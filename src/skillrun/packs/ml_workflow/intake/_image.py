"""Which image type a request about pictures asks for: a verdict on the whole picture, where objects are, or
which pixels belong to a region (rubric §0.1 image_classification, object_detection, image_segmentation).

Applied by ``_classify.classify_problem`` once the request's data is read as pictures (``_task.modality_of``):
the yes/no and one-of-N votes fold into an image type, a verb that asks where beats words that only name the
picture, and a verdict with named classes ("classify each X-ray as normal or abnormal") stays a labelled
verdict on the picture even when one class is called abnormal.
"""

from __future__ import annotations

from ..knowledge import Domain, Knowledge

IMAGE_TYPES = ("image_classification", "object_detection", "image_segmentation")
_DETECTION_VOTE = 5.0
_DETECT = ("detec", "detek", "erkenn", "rilev", "reper", "spot")
"""Verbs that find a condition as often as an object ("spot hate symbols in avatars", "repérer les contenus
choquants"); the other detection verbs (locate, count) ask where."""


def image_rules(
    text: str,
    kb: Knowledge,
    domain: Domain | None,
    explicit: dict[str, float],
    scores: dict[str, float],
    verdict: bool = False,
    unlabelled: bool = False,
) -> None:
    """Settle the image type in ``scores``. ``verdict``: the request states a yes/no or one-of-N target;
    ``unlabelled``: it says there are no labels."""
    rules = kb.problem_rules
    named = not unlabelled and rules["named_verdict"].count(text) > 0
    if named:
        # "Clasificar cada termografía como normal o anómala", "als normal oder auffällig einstufen": the two
        # classes are named, so pictures of both are labelled; "abnormal" is a class here, not an outlier.
        scores["image_classification"] += scores["anomaly_detection"]
        scores["anomaly_detection"] = 0.0
    # An image task is never a plain binary/multiclass tabular task: fold those votes into the image type
    # the request leans to (a licence-plate profile votes detection, a defect photo classification).
    tabular = scores.get("binary_classification", 0) + scores.get("multiclass_classification", 0)
    lean = max(IMAGE_TYPES, key=lambda k: (scores[k], k == "image_classification"))
    if (verdict or named) and not (explicit["object_detection"] or explicit["image_segmentation"]):
        # A yes/no or one-of-N target stated as such, with nothing about where or which pixels, is a verdict
        # on the whole picture ("tag each Sentinel-2 tile as cloudy or clear"): a profile's lean does not apply.
        lean = "image_classification"
    scores[lean] += tabular
    for finer in ("image_segmentation", "object_detection"):
        if explicit[finer] >= 4:
            scores[finer] += 6
    if rules["item_state"].count(text) and not places_objects(text, kb):
        # "the camera checks the fill level and cap position of each bottle", "detect whether each panel is
        # soiled": the state of the whole item is the verdict; a part's position or a bare "detect" asks no where.
        scores["image_classification"] += scores["object_detection"]
        scores["object_detection"] = 0.0
        return
    medical = domain is not None and domain.regulated == "health" and not rules["location_words"].count(text)
    # A verb that asks where things are beats any number of words that only say "image".
    verb_vote = max(_DETECTION_VOTE, scores["image_classification"]) + 1
    if rules["segmentation_verbs"].count(text):
        scores["image_segmentation"] += verb_vote + 1
    elif rules["many_objects"].count(text) and not explicit["image_segmentation"]:
        # "find every parcel in the frame and read whether its label is damaged": the "whether" is asked of
        # each object found, so it does not make the task a verdict on the picture (outlining each one, as
        # in "the boundaries of each lesion in the images", stays segmentation).
        scores["object_detection"] += verb_vote
    elif _asks_where(text, kb, explicit) and not rules["classification_verbs"].count(text) and not medical:
        scores["object_detection"] += verb_vote


def _asks_where(text: str, kb: Knowledge, explicit: dict[str, float]) -> bool:
    """A verb that asks where things are. "Detect" alone on a photo usually names a condition ("detect
    mildew on the leaves"), which is a label for the whole image; it asks where only with boxes,
    locations or counts nearby."""
    rules = kb.problem_rules
    verbs = [text[a:b] for a, b, _ in rules["detection_verbs"].hits(text)]
    if not verbs:
        return False
    if any(not v.startswith(_DETECT) for v in verbs):
        return True
    return explicit.get("object_detection", 0.0) > 0 or rules["location_words"].count(text) > 0


_POSITION = ("posi", "位置")
"""A part's position ("cap position", "瓶盖位置") is a state of the item, not a place in the picture."""


def places_objects(text: str, kb: Knowledge) -> bool:
    """A verb that locates or counts ("locate", "count", 定位), a word for a place in the picture (where,
    bounding box) other than "detect"-like verbs and a part's position, or several objects in one picture."""
    rules = kb.problem_rules
    if rules["many_objects"].count(text):
        return True  # "every parcel in the frame", "在每张货架照片中找出所有商品": several objects, each placed
    verbs = [text[a:b] for a, b, _ in rules["detection_verbs"].hits(text)]
    if any(not v.startswith(_DETECT) and v not in ("检测", *_POSITION) for v in verbs):
        return True
    places = [text[a:b] for a, b, _ in rules["location_words"].hits(text)]
    return any(not p.startswith(_POSITION) for p in places)
