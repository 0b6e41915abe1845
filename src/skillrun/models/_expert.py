"""The offline expert engine behind the model seam: rules and a knowledge base, no LLM, no network."""

from __future__ import annotations

from ..errors import ModelError
from ._base import ModelRequest, ModelResponse


class ExpertModel:
    """Answers a step with the skill pack's expert engine; needs no messages, no key, no network."""

    name = "expert"
    wants_messages = False

    async def request(self, request: ModelRequest) -> ModelResponse:
        # Imported lazily: packs import the seam, not the other way round.
        from ..packs import get_pack

        pack = get_pack(request.task.skill)
        if pack is None:
            raise ModelError(f"the expert engine has no pack for skill {request.task.skill!r}")
        value = pack.expert(request.task)
        return ModelResponse(model=self.name, value=value)
