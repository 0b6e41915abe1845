"""The channel an offer goes out on is not the data the model reads.

"A discount coupon by e-mail", "the pre-arrival e-mail", "un cupón por correo electrónico", "Gutschein per
E-Mail", "优惠券通过短信发送": before, the e-mail or SMS counted as a text input, so a campaign-targeting
model got a text modality, a GPU assumption and the feature-store answer for unstructured inputs. A message
that arrives and is classified stays text. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from skillrun.packs.ml_workflow.intake import read_request

CHANNELS = [
    ("Retailer: which customers should get a discount coupon by e-mail? We want those who buy because of the coupon; past campaigns were randomised.", "uplift_modeling"),
    ("Hotel chain: decide which room-upgrade offer (none, sea view, suite) to show each guest in the pre-arrival e-mail, to maximise incremental revenue; past offers were randomised.", "uplift_modeling"),
    ("Bank: predict which customers will respond to a credit-card upgrade offer sent via SMS.", "binary_classification"),
    ("Which members should receive our retention offer in the monthly newsletter e-mail? Past offers were randomised.", "uplift_modeling"),
    ("Tienda online: qué clientes deben recibir un cupón por correo electrónico; queremos los que compran gracias al cupón; campañas pasadas aleatorizadas.", "uplift_modeling"),
    ("Onlineshop: Welche Kunden sollen einen Gutschein per E-Mail bekommen? Wir wollen die, die wegen des Gutscheins kaufen; frühere Aktionen waren randomisiert.", "uplift_modeling"),
    ("Boutique en ligne : quels clients doivent recevoir un bon de réduction par e-mail ? Nous voulons ceux qui achètent grâce au bon ; campagnes passées randomisées.", "uplift_modeling"),
    ("电商平台：哪些用户应该收到通过短信发送的优惠券？我们要的是因为优惠券才下单的用户，过去的活动是随机分组的。", "uplift_modeling"),
]  # fmt: skip

MESSAGES = [
    "Route customer complaints sent by e-mail to one of 8 teams.",
    "Classify incoming e-mails about our offers into billing, technical, sales or other.",
    "Detect phishing e-mails that mimic our promotional e-mails.",
]


@pytest.mark.parametrize(("request_text", "problem_type"), CHANNELS)
def test_an_offer_channel_is_not_a_text_input(request_text: str, problem_type: str) -> None:
    brief = read_request(request_text)
    assert brief.problem_type == problem_type
    assert brief.modality == "tabular"
    assert brief.gpu is None and not any(a.field == "gpu" for a in brief.assumptions)


@pytest.mark.parametrize("request_text", MESSAGES)
def test_messages_that_arrive_are_still_the_text_input(request_text: str) -> None:
    brief = read_request(request_text)
    assert (brief.problem_type, brief.modality) == ("text_classification", "text")
