"""The one model seam and its registry.

``get_model("expert")`` gives the offline expert engine; ``get_model("openai:MODEL")`` and
``get_model("anthropic:MODEL")`` give the SDK backends (imported only when asked for). Fakes for tests
ship here too, so users can test their own code the same way.
"""

from ._expert import ExpertModel
from ._fake import FunctionModel, scripted
from ._registry import DEFAULT_MODEL, get_model, register_backend
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
    "DEFAULT_MODEL",
    "ExpertModel",
    "FunctionModel",
    "get_model",
    "register_backend",
    "scripted",
    "Message",
    "Model",
    "ModelRequest",
    "ModelResponse",
    "ModelSettings",
    "SectionTask",
    "Usage",
]
