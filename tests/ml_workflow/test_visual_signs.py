"""Signs that only a camera sees ("闭眼、打哈欠": eyes closing, yawning) name images even when the request
never says camera: a driver-fatigue monitor on the in-cab unit classifies frames of the driver's face."""

from __future__ import annotations

import pytest

VISUAL_SIGNS = [
    "我们是一家客运公司，需要在每辆大巴的车载终端上识别司机疲劳驾驶（闭眼、打哈欠），车上网络不稳定，必须本地报警。",
]


@pytest.mark.parametrize("text", VISUAL_SIGNS)
def test_visual_signs_make_an_image_problem(read, text: str) -> None:  # noqa: ANN001
    brief = read(text)
    assert brief.problem_type == "image_classification"
    assert brief.serving_mode == "edge"
