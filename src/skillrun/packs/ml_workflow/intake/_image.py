"""Which image type a request about pictures asks for: a verdict on the whole picture, where objects are, or
which pixels belong to a region (rubric §0.1 image_classification, object_detection, image_segmentation).

Applied by ``_classify.classify_problem`` once the request's data is read as pictures (``_task.modality_of``):
the yes/no and one-of-N votes fold into an image type, a verb that asks where beats words that only name the
picture.
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
) -> None:
    """Settle the image type in ``scores``."""
    rules = kb.problem_rules
    # An image task is never a plain binary/multiclass tabular task: fold those votes into the image type
    # the request leans to (a licence-plate profile votes detection, a defect photo classification).
    tabular = scores.get("binary_classification", 0) + scores.get("multiclass_classification", 0)
    lean = max(IMAGE_TYPES, key=lambda k: (scores[k], k == "image_classification"))
    scores[lean] += tabular
    for finer in ("image_segmentation", "object_detection"):
        if explicit[finer] >= 4:
            scores[finer] += 6
    medical = domain is not None and domain.regulated == "health" and not rules["location_words"].count(text)
    # A verb that asks where things are beats any number of words that only say "image".
    verb_vote = max(_DETECTION_VOTE, scores["image_classification"]) + 1
    if rules["segmentation_verbs"].count(text):
        scores["image_segmentation"] += verb_vote + 1
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
