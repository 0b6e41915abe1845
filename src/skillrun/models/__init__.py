"""The one model seam and its registry.

``get_model("expert")`` gives the offline expert engine; ``get_model("openai:MODEL")`` and
``get_model("anthropic:MODEL")`` give the SDK backends (imported only when asked for). Fakes for tests
ship here too, so users can test their own code the same way.
"""

from ._base import (
    Message,
    Model,
    ModelRequest,
    ModelResponse,
    ModelSettings,
    SectionTask,
    Usage,
)

__all__ = [
    "Message",
    "Model",
    "ModelRequest",
    "ModelResponse",
    "ModelSettings",
    "SectionTask",
    "Usage",
]
